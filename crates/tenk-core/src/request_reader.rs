//! Reads a [`Request`] from its JSON value by hand: what [`crate::api::handle_json`] (and so
//! the WebAssembly build's `handle`) uses instead of serde's derived readers, which weighed
//! ≈ 20 KB gzipped of the WASM with the float formatting their error messages carry
//! (BENCHMARKS.md). It accepts what the derived [`Request`] reader accepts, in the object form
//! the extension sends (a property test checks that it refuses everything serde refuses and
//! reads the same request where it accepts), and its errors name the field by its path.
//!
//! serde's rules it follows: unknown fields are ignored; a field with a default may be left
//! out but not be `null`; an optional field may be left out or be `null`; numbers read as
//! `f64` may be any number; enums are their lower-case names.

use serde_json::{Map, Number, Value};

use crate::api::Request;
use crate::context::{Context, Lang, Role};
use crate::field::FieldDescription;
use crate::identity::Candidates;

/// The ops, as the extension names them.
const OPS: [&str; 8] = [
    "analyse",
    "qualifyField",
    "identity",
    "guidelines",
    "configure",
    "site",
    "friendRequest",
    "prepareSubmit",
];

/// Reads one request (`{"op": "analyse", …}`). The error is one sentence naming the field.
/// A `configure`'s `managed` and `user` are moved out of `value` (left `null` there), not
/// copied: a copy of a JSON value linked `Value::clone` and the tree's `clone_subtree` into the
/// WebAssembly for this alone (BENCHMARKS.md, «size3»).
pub fn read_request(value: &mut Value) -> Result<Request, String> {
    let r = Fields::new(value, "")?;
    let op = match r.get("op") {
        Some(op) => op.as_str().ok_or_else(|| invalid(op, "op", "a string"))?,
        None => return Err("missing field `op`".into()),
    };
    Ok(match op {
        "analyse" => Request::Analyse {
            text: r.string("text")?,
            context: r.or_default("context", context)?,
        },
        "qualifyField" => Request::QualifyField {
            field: field_description(r.required("field")?, "field")?,
        },
        "identity" => Request::Identity {
            candidates: r.or_default("candidates", candidates)?,
        },
        "guidelines" => Request::Guidelines {
            lang: r.or_default("lang", lang)?,
        },
        "configure" => {
            let ui_language = r.or_default("uiLanguage", string)?;
            let mut take = |key: &str| value.get_mut(key).map(std::mem::take).unwrap_or_default();
            Request::Configure {
                managed: take("managed"),
                user: take("user"),
                ui_language,
            }
        }
        "site" => Request::Site {
            url: r.string("url")?,
            now: r.optional("now", float)?,
        },
        "friendRequest" => Request::FriendRequest {
            label: r.string("label")?,
            last_shown: r.optional("lastShown", float)?,
            now: float(r.required("now")?, "now")?,
            context: r.or_default("context", context)?,
        },
        "prepareSubmit" => Request::PrepareSubmit {
            text: r.string("text")?,
            context: r.or_default("context", context)?,
            identity: r.or_default("identity", candidates)?,
            first_submit_on_site: r.or_default("firstSubmitOnSite", boolean)?,
            now: r.optional("now", float)?,
        },
        other => {
            return Err(format!(
                "op: unknown op `{other}`, expected one of {}",
                quoted(&OPS)
            ))
        }
    })
}

fn context(v: &Value, path: &str) -> Result<Context, String> {
    let c = Fields::new(v, path)?;
    Ok(Context {
        site: c.optional("site", string)?,
        role: c.or_default("role", role)?,
        lang: c.or_default("lang", lang)?,
        has_attachment: c.or_default("hasAttachment", boolean)?,
        is_edit: c.or_default("isEdit", boolean)?,
        edit_hints: c.or_default("editHints", strings)?,
        local_hour: c.optional("localHour", byte)?,
    })
}

fn field_description(v: &Value, path: &str) -> Result<FieldDescription, String> {
    let f = Fields::new(v, path)?;
    Ok(FieldDescription {
        tag: f.or_default("tag", string)?,
        role: f.optional("role", string)?,
        input_type: f.optional("type", string)?,
        contenteditable: f.or_default("contenteditable", boolean)?,
        aria_label: f.optional("ariaLabel", string)?,
        placeholder: f.optional("placeholder", string)?,
        name: f.optional("name", string)?,
        id: f.optional("id", string)?,
        autocomplete: f.optional("autocomplete", string)?,
        labels: f.or_default("labels", strings)?,
        form_action: f.optional("formAction", string)?,
        form_has_password: f.or_default("formHasPassword", boolean)?,
        in_search_form: f.or_default("inSearchForm", boolean)?,
        lexical: f.or_default("lexical", boolean)?,
        submit_labels: f.or_default("submitLabels", strings)?,
        container_hints: f.or_default("containerHints", strings)?,
        aria_autocomplete: f.optional("ariaAutocomplete", string)?,
        disabled: f.or_default("disabled", boolean)?,
        readonly: f.or_default("readonly", boolean)?,
        hidden: f.or_default("hidden", boolean)?,
    })
}

fn candidates(v: &Value, path: &str) -> Result<Candidates, String> {
    let c = Fields::new(v, path)?;
    Ok(Candidates {
        labels: c.or_default("labels", strings)?,
        texts: c.or_default("texts", strings)?,
        images: c.or_default("images", strings)?,
        profile_links: c.or_default("profileLinks", strings)?,
        bylines: c.or_default("bylines", strings)?,
        page_switcher: c.or_default("pageSwitcher", boolean)?,
        page_name: c.optional("pageName", string)?,
    })
}

fn role(v: &Value, path: &str) -> Result<Role, String> {
    named(
        v,
        path,
        &[("employee", Role::Employee), ("leader", Role::Leader)],
    )
}

fn lang(v: &Value, path: &str) -> Result<Lang, String> {
    named(
        v,
        path,
        &[("nb", Lang::Nb), ("nn", Lang::Nn), ("en", Lang::En)],
    )
}

/// The fields of an object being read, and its path for messages.
struct Fields<'v> {
    map: &'v Map<String, Value>,
    path: &'v str,
}

impl<'v> Fields<'v> {
    fn new(v: &'v Value, path: &'v str) -> Result<Fields<'v>, String> {
        match v.as_object() {
            Some(map) => Ok(Fields { map, path }),
            None => Err(invalid(
                v,
                if path.is_empty() { "the request" } else { path },
                "an object",
            )),
        }
    }

    fn path(&self, key: &str) -> String {
        if self.path.is_empty() {
            key.to_string()
        } else {
            format!("{}.{key}", self.path)
        }
    }

    fn get(&self, key: &str) -> Option<&'v Value> {
        self.map.get(key)
    }

    fn required(&self, key: &str) -> Result<&'v Value, String> {
        self.get(key)
            .ok_or_else(|| format!("missing field `{}`", self.path(key)))
    }

    fn string(&self, key: &str) -> Result<String, String> {
        string(self.required(key)?, &self.path(key))
    }

    /// A field that may be left out (its default) but not be `null`.
    fn or_default<T: Default>(
        &self,
        key: &str,
        read: fn(&Value, &str) -> Result<T, String>,
    ) -> Result<T, String> {
        match self.get(key) {
            Some(v) => read(v, &self.path(key)),
            None => Ok(T::default()),
        }
    }

    /// A field that may be left out or be `null`.
    fn optional<T>(
        &self,
        key: &str,
        read: fn(&Value, &str) -> Result<T, String>,
    ) -> Result<Option<T>, String> {
        match self.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(v) => read(v, &self.path(key)).map(Some),
        }
    }
}

/// What a value is, for messages (numbers as written, strings quoted).
fn describe(v: &Value) -> String {
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => format!("boolean `{b}`"),
        Value::Number(n) => format!("number `{}`", number_text(n)),
        Value::String(s) => format!(
            "string {}",
            quoted_debug(&s.chars().take(40).collect::<String>())
        ),
        Value::Array(_) => "an array".into(),
        Value::Object(_) => "an object".into(),
    }
}

/// `s` in double quotes with `"`, `\\` and control characters escaped, as `{:?}` writes
/// text that has no other unprintable characters (written by hand: `Debug` for `str` brings
/// Unicode's printable-character tables into the WebAssembly).
fn quoted_debug(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\0' => out.push_str("\\0"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A number as text without the float formatting machinery (a whole number as is, a fraction
/// to six decimals at most): for messages only.
fn number_text(n: &Number) -> String {
    if let Some(i) = n.as_i64() {
        return i.to_string();
    }
    if let Some(u) = n.as_u64() {
        return u.to_string();
    }
    let f = n.as_f64().unwrap_or(0.0);
    if !f.is_finite() || f.abs() >= 1e15 {
        return "a large number".into();
    }
    let sign = if f < 0.0 { "-" } else { "" };
    let scaled = (f.abs() * 1e6).round() as u64;
    let (whole, fraction) = (scaled / 1_000_000, scaled % 1_000_000);
    let fraction = format!("{fraction:06}");
    let fraction = fraction.trim_end_matches('0');
    if fraction.is_empty() {
        format!("{sign}{whole}")
    } else {
        format!("{sign}{whole}.{fraction}")
    }
}

fn invalid(v: &Value, path: &str, expected: &str) -> String {
    format!("{path}: invalid type: {}, expected {expected}", describe(v))
}

fn string(v: &Value, path: &str) -> Result<String, String> {
    v.as_str()
        .map(str::to_string)
        .ok_or_else(|| invalid(v, path, "a string"))
}

fn boolean(v: &Value, path: &str) -> Result<bool, String> {
    v.as_bool().ok_or_else(|| invalid(v, path, "true or false"))
}

fn float(v: &Value, path: &str) -> Result<f64, String> {
    v.as_f64().ok_or_else(|| invalid(v, path, "a number"))
}

/// A whole number from 0 to 255.
fn byte(v: &Value, path: &str) -> Result<u8, String> {
    let Value::Number(n) = v else {
        return Err(invalid(v, path, "a whole number from 0 to 255"));
    };
    if n.is_f64() {
        return Err(invalid(v, path, "a whole number from 0 to 255"));
    }
    n.as_u64()
        .and_then(|n| u8::try_from(n).ok())
        .ok_or_else(|| {
            format!(
                "{path}: invalid value: {}, expected a whole number from 0 to 255",
                number_text(n)
            )
        })
}

fn strings(v: &Value, path: &str) -> Result<Vec<String>, String> {
    let items = v
        .as_array()
        .ok_or_else(|| invalid(v, path, "a list of strings"))?;
    // A plain loop, the item's path written only for its error: `collect` into a `Result`
    // linked the standard library's `GenericShunt` adapters for this alone (BENCHMARKS.md).
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
                quoted(&known)
            )
        })
}

fn quoted(names: &[&str]) -> String {
    crate::text::quoted_list(names, '`')
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn quoted_debug_is_debugs_quoting_of_printable_text() {
        for s in [
            "",
            "nb",
            "a \"b\" \\ c",
            "line\nbreak\ttab\r",
            "\0\u{1}\u{7f}",
            "æøå ÆØÅ 😀",
        ] {
            assert_eq!(quoted_debug(s), format!("{s:?}"));
        }
    }

    /// serde's derived reader, for comparison.
    fn serde_reads(v: &Value) -> Result<Request, String> {
        serde_json::from_value::<Request>(v.clone()).map_err(|e| e.to_string())
    }

    /// Every op with every field set, each field left out, and each field `null`: read as
    /// serde reads it, or refused where serde refuses.
    #[test]
    fn reads_what_serde_reads() {
        let context = json!({"site": "nav.no", "role": "leader", "lang": "nn", "hasAttachment": true,
            "isEdit": false, "editHints": ["Rediger"], "localHour": 23, "other": 1});
        let candidates = json!({"labels": ["Kommenter som Kari"], "texts": ["t"], "images": ["i"],
            "profileLinks": ["p"], "bylines": ["b"], "pageSwitcher": true, "pageName": "Side"});
        let field = json!({"tag": "div", "role": "textbox", "type": "text", "contenteditable": true,
            "ariaLabel": "a", "placeholder": "p", "name": "n", "id": "i", "autocomplete": "off",
            "labels": ["l"], "formAction": "/x", "formHasPassword": false, "inSearchForm": false,
            "lexical": true, "submitLabels": ["Send"], "containerHints": ["comments"],
            "ariaAutocomplete": "list", "disabled": false, "readonly": false, "hidden": false});
        let requests = [
            json!({"op": "analyse", "text": "hei", "context": context}),
            json!({"op": "qualifyField", "field": field}),
            json!({"op": "identity", "candidates": candidates}),
            json!({"op": "guidelines", "lang": "en"}),
            json!({"op": "configure", "managed": {"a": 1}, "user": [1, "x"], "uiLanguage": "nb-NO"}),
            json!({"op": "site", "url": "https://nav.no/", "now": 1.5e12}),
            json!({"op": "friendRequest", "label": "Legg til venn", "lastShown": 5, "now": 7.25, "context": context}),
            json!({"op": "prepareSubmit", "text": "x", "context": context, "identity": candidates,
                "firstSubmitOnSite": true, "now": 3}),
        ];
        let mut cases = Vec::new();
        for r in &requests {
            cases.push(r.clone());
            // Each field (and each field of a nested object) left out, set to null, and set
            // to a value of the wrong type.
            let mut paths: Vec<String> = Vec::new();
            for (k, v) in r.as_object().unwrap() {
                paths.push(format!("/{k}"));
                if let Some(inner) = v.as_object() {
                    paths.extend(inner.keys().map(|ik| format!("/{k}/{ik}")));
                }
            }
            for path in paths.iter().filter(|p| p.as_str() != "/op") {
                let (parent, key) = path.rsplit_once('/').unwrap();
                for replacement in [
                    None,
                    Some(json!(null)),
                    Some(json!("s")),
                    Some(json!(2)),
                    Some(json!(-2)),
                    Some(json!(2.5)),
                    Some(json!(300)),
                    Some(json!(true)),
                    Some(json!([])),
                    Some(json!(["s"])),
                    Some(json!({})),
                ] {
                    let mut v = r.clone();
                    let obj = v.pointer_mut(parent).unwrap().as_object_mut().unwrap();
                    match replacement {
                        None => {
                            obj.remove(key);
                        }
                        Some(x) => {
                            obj.insert(key.to_string(), x);
                        }
                    }
                    cases.push(v);
                }
            }
        }
        for bad in [
            json!(null),
            json!("analyse"),
            json!([]),
            json!({}),
            json!({"op": 1}),
            json!({"op": "explode"}),
            json!({"op": "Analyse", "text": "x"}),
        ] {
            cases.push(bad);
        }
        let mut accepted = 0;
        for case in &cases {
            match (read_request(&mut case.clone()), serde_reads(case)) {
                (Ok(ours), Ok(theirs)) => {
                    accepted += 1;
                    assert_eq!(format!("{ours:?}"), format!("{theirs:?}"), "{case}");
                }
                (Err(_), Err(_)) => {}
                // Arrays for objects (serde's sequence form of a struct) are not read.
                (Err(e), Ok(_)) if e.contains("an array, expected an object") => {}
                (ours, theirs) => panic!("{case}: ours {ours:?}, serde {theirs:?}"),
            }
        }
        assert!(accepted > 100, "{accepted} of {} accepted", cases.len());
    }

    #[test]
    fn errors_name_the_field() {
        let cases = [
            (
                json!("x"),
                "the request: invalid type: string \"x\", expected an object",
            ),
            (json!({"text": "x"}), "missing field `op`"),
            (json!({"op": "explode"}), "op: unknown op `explode`"),
            (json!({"op": "analyse"}), "missing field `text`"),
            (
                json!({"op": "analyse", "text": null}),
                "text: invalid type: null, expected a string",
            ),
            (
                json!({"op": "analyse", "text": "x", "context": {"role": "king"}}),
                "context.role: unknown variant `king`",
            ),
            (
                json!({"op": "analyse", "text": "x", "context": {"localHour": 1000}}),
                "context.localHour: invalid value: 1000",
            ),
            (
                json!({"op": "analyse", "text": "x", "context": {"localHour": -1}}),
                "invalid value: -1",
            ),
            (
                json!({"op": "analyse", "text": "x", "context": {"localHour": 2.5}}),
                "invalid type: number `2.5`",
            ),
            (
                json!({"op": "analyse", "text": "x", "context": {"editHints": ["a", 3]}}),
                "context.editHints[1]: invalid type: number `3`",
            ),
            (json!({"op": "qualifyField"}), "missing field `field`"),
            (
                json!({"op": "friendRequest", "label": "x", "now": "soon"}),
                "now: invalid type: string \"soon\", expected a number",
            ),
        ];
        for (request, needle) in cases {
            let e = read_request(&mut request.clone()).expect_err(needle);
            assert!(e.contains(needle), "{request}: {e}");
        }
    }

    #[test]
    fn numbers_in_messages() {
        for (n, text) in [
            (json!(2.5), "2.5"),
            (json!(-0.125), "-0.125"),
            (json!(3), "3"),
            (json!(-7), "-7"),
            (json!(1e300), "a large number"),
            (json!(0.1), "0.1"),
        ] {
            let Value::Number(n) = n else { unreachable!() };
            assert_eq!(number_text(&n), text);
        }
    }
}
