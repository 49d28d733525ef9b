//! Reads a policy from the value tree of [`crate::mini_toml`] by hand, for the WebAssembly
//! build: serde's derived readers for the policy's structs, instantiated against
//! `serde_json::Value`, weighed ≈ 38 KB of the WASM's code (BENCHMARKS.md). The native build
//! reads policies with the `toml` crate and serde (every field's line); a test checks that both
//! readers give the same policy for the built-in one, and that this one refuses what serde
//! refuses (unknown fields, wrong types, unknown names, missing fields).
//!
//! Errors name the field by its path, e.g. `guidelines[2].severity: unknown variant `loud`,
//! expected `info` or `warn``.

use serde_json::{Map, Value};

use crate::compiled::{kind_name, severity_name, when_name, KINDS, WHENS};
use crate::model::{ModelDef, ModelGuidelineDef};
use crate::policy::{
    DetectorDef, Examples, GuidelineDef, Meta, ModelVetoDef, Policy, Spanned, Texts,
};
use crate::sorted_map::SortedMap;
use crate::Severity;

/// Reads a policy file's value tree (not yet validated: see `Policy::parse`). The error is
/// one sentence that starts with the field's path.
pub(crate) fn read_policy(value: &Value) -> Result<Policy, String> {
    let mut t = Table::new(
        value,
        String::new(),
        &["policy", "lexicons", "guidelines", "model", "model_veto"],
    )?;
    let policy = {
        let mut m = Table::new(
            t.required("policy")?,
            "policy".into(),
            &["name", "description"],
        )?;
        Meta {
            name: m.string("name")?,
            description: m.optional("description", string)?,
        }
    };
    let lexicons = t
        .optional("lexicons", |v, path| {
            let table = object(v, path)?;
            let mut out = SortedMap::new();
            for (name, words) in table {
                let words = strings(words, &format!("{path}.{name}"))?;
                out.insert(name.clone(), Spanned::new(0..0, words));
            }
            Ok(out)
        })?
        .unwrap_or_default();
    let guidelines = list(t.required("guidelines")?, "guidelines", guideline)?;
    let model = t.optional("model", model)?;
    let model_veto = t.optional("model_veto", model_veto)?;
    Ok(Policy {
        policy,
        lexicons,
        guidelines,
        model,
        model_veto,
    })
}

/// The `[model_veto]` section ([`ModelVetoDef`]).
fn model_veto(v: &Value, path: &str) -> Result<ModelVetoDef, String> {
    let mut t = Table::new(v, path.into(), &["when", "unless", "guidelines"])?;
    Ok(ModelVetoDef {
        when: Spanned::new(0..0, strings(t.required("when")?, &t.path("when"))?),
        unless: t.optional("unless", |v, p| Ok(Spanned::new(0..0, strings(v, p)?)))?,
        guidelines: Spanned::new(
            0..0,
            strings(t.required("guidelines")?, &t.path("guidelines"))?,
        ),
    })
}

/// The `[model]` section ([`ModelDef`]).
fn model(v: &Value, path: &str) -> Result<ModelDef, String> {
    let mut t = Table::new(v, path.into(), &["prefix", "suffix", "guidelines"])?;
    Ok(ModelDef {
        prefix: integer(t.required("prefix")?, &t.path("prefix"))?,
        suffix: integer(t.required("suffix")?, &t.path("suffix"))?,
        guidelines: t
            .optional("guidelines", |v, p| {
                list(v, p, |v, p| {
                    let mut g = Table::new(v, p.into(), &["id", "bias", "fire_at", "weights"])?;
                    Ok(ModelGuidelineDef {
                        id: Spanned::new(0..0, g.string("id")?),
                        bias: integer(g.required("bias")?, &g.path("bias"))?,
                        fire_at: integer(g.required("fire_at")?, &g.path("fire_at"))?,
                        weights: Spanned::new(
                            0..0,
                            strings(g.required("weights")?, &g.path("weights"))?,
                        ),
                    })
                })
            })?
            .unwrap_or_default(),
    })
}

fn guideline(v: &Value, path: &str) -> Result<GuidelineDef, String> {
    let mut t = Table::new(
        v,
        path.into(),
        &["id", "severity", "nb", "nn", "en", "detectors"],
    )?;
    Ok(GuidelineDef {
        id: Spanned::new(0..0, t.string("id")?),
        severity: severity(t.required("severity")?, &t.path("severity"))?,
        nb: texts(t.required("nb")?, &t.path("nb"))?,
        nn: t.optional("nn", texts)?,
        en: t.optional("en", texts)?,
        detectors: t
            .optional("detectors", |v, p| list(v, p, detector))?
            .unwrap_or_default(),
    })
}

fn texts(v: &Value, path: &str) -> Result<Texts, String> {
    let mut t = Table::new(
        v,
        path.into(),
        &["title", "quote", "why", "instead", "message"],
    )?;
    Ok(Texts {
        title: t.string("title")?,
        quote: t.string("quote")?,
        why: t.string("why")?,
        instead: t.string("instead")?,
        message: t.string("message")?,
    })
}

/// The fields of a detector, in the order of [`DetectorDef`].
const DETECTOR_FIELDS: &[&str] = &[
    "name",
    "kind",
    "terms",
    "near",
    "across_sentences",
    "near_first",
    "near_after",
    "needs_statement",
    "also_near",
    "lead",
    "lead_window",
    "apart",
    "skip_questions",
    "unless_near",
    "unless_window",
    "except",
    "nearer_target",
    "npi_cues",
    "npi_by",
    "window",
    "negation",
    "negation_window",
    "negation_frames",
    "skip_quoted",
    "cues",
    "strong_cues",
    "counter_cues",
    "tag_cues",
    "quote_cue",
    "threshold",
    "severity",
    "min_exclamations",
    "min_caps_words",
    "caps_exempt",
    "when",
    "from_hour",
    "to_hour",
    "examples",
];

pub(crate) fn detector(v: &Value, path: &str) -> Result<DetectorDef, String> {
    let mut t = Table::new(v, path.into(), DETECTOR_FIELDS)?;
    let names = |t: &mut Table, key: &str| -> Result<Vec<Spanned<String>>, String> {
        Ok(t.optional(key, strings)?
            .unwrap_or_default()
            .into_iter()
            .map(|s| Spanned::new(0..0, s))
            .collect())
    };
    let flag = |t: &mut Table, key: &str| -> Result<bool, String> {
        Ok(t.optional(key, boolean)?.unwrap_or(false))
    };
    let name = |t: &mut Table, key: &str| -> Result<Option<Spanned<String>>, String> {
        Ok(t.optional(key, string)?.map(|s| Spanned::new(0..0, s)))
    };
    let kind = t.required("kind")?;
    let kind = named(kind, &t.path("kind"), &KINDS.map(|k| (kind_name(k), k)))?;
    Ok(DetectorDef {
        name: Spanned::new(0..0, t.string("name")?),
        kind,
        terms: names(&mut t, "terms")?,
        near: names(&mut t, "near")?,
        across_sentences: flag(&mut t, "across_sentences")?,
        near_first: flag(&mut t, "near_first")?,
        near_after: flag(&mut t, "near_after")?,
        needs_statement: flag(&mut t, "needs_statement")?,
        also_near: names(&mut t, "also_near")?,
        lead: names(&mut t, "lead")?,
        lead_window: t.optional("lead_window", integer)?,
        apart: flag(&mut t, "apart")?,
        skip_questions: flag(&mut t, "skip_questions")?,
        unless_near: names(&mut t, "unless_near")?,
        unless_window: t.optional("unless_window", integer)?,
        except: names(&mut t, "except")?,
        nearer_target: names(&mut t, "nearer_target")?,
        npi_cues: names(&mut t, "npi_cues")?,
        npi_by: names(&mut t, "npi_by")?,
        window: t.optional("window", integer)?,
        negation: name(&mut t, "negation")?,
        negation_window: t.optional("negation_window", integer)?,
        negation_frames: names(&mut t, "negation_frames")?,
        skip_quoted: flag(&mut t, "skip_quoted")?,
        cues: names(&mut t, "cues")?,
        strong_cues: names(&mut t, "strong_cues")?,
        counter_cues: names(&mut t, "counter_cues")?,
        tag_cues: names(&mut t, "tag_cues")?,
        quote_cue: flag(&mut t, "quote_cue")?,
        threshold: t.optional("threshold", integer)?,
        severity: t.optional("severity", severity)?,
        min_exclamations: t.optional("min_exclamations", integer)?,
        min_caps_words: t.optional("min_caps_words", integer)?,
        caps_exempt: name(&mut t, "caps_exempt")?,
        when: t.optional("when", |v, p| {
            named(v, p, &WHENS.map(|w| (when_name(w), w)))
        })?,
        from_hour: t.optional("from_hour", integer)?,
        to_hour: t.optional("to_hour", integer)?,
        examples: t
            .optional("examples", |v, p| {
                let mut e = Table::new(v, p.into(), &["fire", "quiet"])?;
                Ok(Examples {
                    fire: e.optional("fire", strings)?.unwrap_or_default(),
                    quiet: e.optional("quiet", strings)?.unwrap_or_default(),
                })
            })?
            .unwrap_or_default(),
    })
}

fn severity(v: &Value, path: &str) -> Result<Severity, String> {
    named(
        v,
        path,
        &[Severity::Info, Severity::Warn].map(|s| (severity_name(s), s)),
    )
}

/// A table being read: its fields, checked against the known ones up front.
struct Table<'v> {
    fields: &'v Map<String, Value>,
    path: String,
}

impl<'v> Table<'v> {
    /// The table at `path`; an unknown field is an error (as serde's `deny_unknown_fields`).
    fn new(v: &'v Value, path: String, known: &[&str]) -> Result<Table<'v>, String> {
        let fields = object(v, &path)?;
        if let Some(unknown) = fields.keys().find(|k| !known.contains(&k.as_str())) {
            return Err(format!(
                "{}: unknown field `{unknown}`, expected one of {}",
                if path.is_empty() {
                    "(top level)"
                } else {
                    &path
                },
                crate::text::quoted_list(known, '`')
            ));
        }
        Ok(Table { fields, path })
    }

    /// The path of one of its fields.
    fn path(&self, key: &str) -> String {
        if self.path.is_empty() {
            key.to_string()
        } else {
            format!("{}.{key}", self.path)
        }
    }

    fn required(&mut self, key: &str) -> Result<&'v Value, String> {
        self.fields
            .get(key)
            .ok_or_else(|| format!("{}: missing field `{key}`", self.path(key)))
    }

    fn optional<T>(
        &mut self,
        key: &str,
        read: impl FnOnce(&Value, &str) -> Result<T, String>,
    ) -> Result<Option<T>, String> {
        self.fields
            .get(key)
            .map(|v| read(v, &self.path(key)))
            .transpose()
    }

    fn string(&mut self, key: &str) -> Result<String, String> {
        let v = self.required(key)?;
        string(v, &self.path(key))
    }
}

/// What a value is, for error messages.
fn type_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "nothing",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "a table",
    }
}

fn invalid(v: &Value, path: &str, expected: &str) -> String {
    format!("{path}: invalid type: {}, expected {expected}", type_of(v))
}

fn object<'v>(v: &'v Value, path: &str) -> Result<&'v Map<String, Value>, String> {
    v.as_object().ok_or_else(|| {
        invalid(
            v,
            if path.is_empty() { "(top level)" } else { path },
            "a table",
        )
    })
}

fn string(v: &Value, path: &str) -> Result<String, String> {
    v.as_str()
        .map(str::to_string)
        .ok_or_else(|| invalid(v, path, "a string"))
}

fn boolean(v: &Value, path: &str) -> Result<bool, String> {
    v.as_bool().ok_or_else(|| invalid(v, path, "true or false"))
}

fn integer<T: TryFrom<i64>>(v: &Value, path: &str) -> Result<T, String> {
    let n = v
        .as_i64()
        .ok_or_else(|| invalid(v, path, "a whole number"))?;
    T::try_from(n).map_err(|_| format!("{path}: invalid value: {n} is out of range"))
}

fn list<T>(
    v: &Value,
    path: &str,
    read: impl Fn(&Value, &str) -> Result<T, String>,
) -> Result<Vec<T>, String> {
    // A plain loop: `collect` into a `Result` linked the standard library's `GenericShunt`
    // adapters once per item type (BENCHMARKS.md, «size4»).
    let items = v.as_array().ok_or_else(|| invalid(v, path, "an array"))?;
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        out.push(read(item, &format!("{path}[{i}]"))?);
    }
    Ok(out)
}

/// A list of strings; an item's path is written only for its error.
fn strings(v: &Value, path: &str) -> Result<Vec<String>, String> {
    let items = v.as_array().ok_or_else(|| invalid(v, path, "an array"))?;
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        match item.as_str() {
            Some(s) => out.push(s.to_string()),
            None => return Err(invalid(item, &format!("{path}[{i}]"), "a string")),
        }
    }
    Ok(out)
}

/// One of a few names (an enum written as a string).
fn named<T: Copy>(v: &Value, path: &str, names: &[(&str, T)]) -> Result<T, String> {
    let s = v.as_str().ok_or_else(|| invalid(v, path, "a string"))?;
    names
        .iter()
        .find(|(n, _)| *n == s)
        .map(|(_, t)| *t)
        .ok_or_else(|| {
            let mut known = Vec::with_capacity(names.len());
            for (n, _) in names {
                known.push(*n);
            }
            format!(
                "{path}: unknown variant `{s}`, expected one of {}",
                crate::text::quoted_list(&known, '`')
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::DEFAULT_POLICY;
    use serde_json::json;

    /// The compiled form of a policy: every field the engine reads.
    fn compiled_of(p: &Policy) -> String {
        let named = p.named_lexicons();
        let prepared = crate::lexicon::LexiconSet::prepare(&named).unwrap();
        crate::compiled::encode(p, &prepared)
    }

    /// This reader and the one of the other build (the `toml` crate natively, serde's derived
    /// reader over the same value tree in the WebAssembly configuration) give the same policy
    /// for the built-in policy file: its compiled form, lexicons as written and examples.
    #[test]
    fn reads_the_built_in_policy_as_the_other_reader_does() {
        let tree = crate::mini_toml::parse(DEFAULT_POLICY).unwrap();
        let ours = read_policy(&tree).unwrap();
        let theirs = Policy::parse(DEFAULT_POLICY).unwrap();
        assert_eq!(compiled_of(&ours), compiled_of(&theirs));
        assert_eq!(ours.named_lexicons(), theirs.named_lexicons());
        let examples = |p: &Policy| -> Vec<(Vec<String>, Vec<String>)> {
            p.guidelines
                .iter()
                .flat_map(|g| &g.detectors)
                .map(|d| (d.examples.fire.clone(), d.examples.quiet.clone()))
                .collect()
        };
        assert_eq!(examples(&ours), examples(&theirs));
        assert_eq!(ours.policy.name, theirs.policy.name);
        assert_eq!(ours.policy.description, theirs.policy.description);
        #[cfg(not(feature = "toml"))]
        {
            let serde: Policy = serde_json::from_value(tree).unwrap();
            assert_eq!(format!("{ours:?}"), format!("{serde:?}"));
        }
    }

    #[test]
    fn refuses_what_serde_refuses() {
        let texts = json!({"title": "T", "quote": "Q", "why": "W", "instead": "I", "message": "M"});
        let good = json!({
            "policy": {"name": "P"},
            "lexicons": {"a": ["x*"]},
            "guidelines": [{"id": "loyalty", "severity": "warn", "nb": texts.clone(),
                "detectors": [{"name": "d", "kind": "phrase", "terms": ["a"], "window": 3,
                    "examples": {"fire": ["x"]}}]}]
        });
        // serde's derived reader over the same tree (the `toml` build's `Spanned` reads only
        // from TOML, so there the comparison is left out).
        let serde_ok = |v: &Value| {
            cfg!(feature = "toml") || serde_json::from_value::<Policy>(v.clone()).is_ok()
        };
        read_policy(&good).unwrap();
        assert!(serde_ok(&good));
        let bad: &[(&str, &str, Value, &str)] = &[
            ("unknown top field", "", json!(1), "unknown field `colour`"),
            (
                "unknown guideline field",
                "/guidelines/0",
                json!(1),
                "guidelines[0]: unknown field `colour`",
            ),
            (
                "unknown detector field",
                "/guidelines/0/detectors/0",
                json!(1),
                "guidelines[0].detectors[0]: unknown field `colour`",
            ),
        ];
        for (name, at, value, needle) in bad {
            let mut v = good.clone();
            v.pointer_mut(at)
                .unwrap()
                .as_object_mut()
                .unwrap()
                .insert("colour".into(), value.clone());
            let e = read_policy(&v).expect_err(name);
            assert!(e.contains(needle), "{name}: {e}");
            assert!(cfg!(feature = "toml") || !serde_ok(&v), "{name}");
        }
        let changed: &[(&str, &str, Value, &str)] = &[
            (
                "bad severity",
                "/guidelines/0/severity",
                json!("loud"),
                "guidelines[0].severity: unknown variant `loud`",
            ),
            (
                "bad kind",
                "/guidelines/0/detectors/0/kind",
                json!("fuzzy"),
                "detectors[0].kind: unknown variant `fuzzy`",
            ),
            (
                "window not a number",
                "/guidelines/0/detectors/0/window",
                json!("3"),
                "detectors[0].window: invalid type: a string",
            ),
            (
                "negative window",
                "/guidelines/0/detectors/0/window",
                json!(-1),
                "detectors[0].window: invalid value",
            ),
            (
                "terms not a list",
                "/guidelines/0/detectors/0/terms",
                json!("a"),
                "detectors[0].terms: invalid type",
            ),
            (
                "a word not a string",
                "/lexicons/a",
                json!(["x", 2]),
                "lexicons.a[1]: invalid type: a number",
            ),
            (
                "guidelines not a list",
                "/guidelines",
                json!({}),
                "guidelines: invalid type: a table",
            ),
            (
                "title not a string",
                "/guidelines/0/nb/title",
                json!(true),
                "guidelines[0].nb.title: invalid type: a boolean",
            ),
            (
                "examples not a table",
                "/guidelines/0/detectors/0/examples",
                json!("x"),
                "examples: invalid type: a string",
            ),
        ];
        for (name, at, value, needle) in changed {
            let mut v = good.clone();
            *v.pointer_mut(at).unwrap() = value.clone();
            let e = read_policy(&v).expect_err(name);
            assert!(e.contains(needle), "{name}: {e}");
            assert!(cfg!(feature = "toml") || !serde_ok(&v), "{name}");
        }
        for (name, at, key) in [
            ("no policy", "", "policy"),
            ("no guidelines", "", "guidelines"),
            ("no nb", "/guidelines/0", "nb"),
            ("no message", "/guidelines/0/nb", "message"),
            ("no kind", "/guidelines/0/detectors/0", "kind"),
        ] {
            let mut v = good.clone();
            v.pointer_mut(at)
                .unwrap()
                .as_object_mut()
                .unwrap()
                .remove(key);
            let e = read_policy(&v).expect_err(name);
            assert!(e.contains(&format!("missing field `{key}`")), "{name}: {e}");
            assert!(cfg!(feature = "toml") || !serde_ok(&v), "{name}");
        }
    }
}
