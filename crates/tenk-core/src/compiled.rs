//! The built-in policy compiled ahead of time into a small text form, so that the browser
//! starts its engine without reading TOML or folding thousands of lexicon entries.
//!
//! `generated/default-policy.txt` is encoded from `policies/velferdsetaten.toml` (a test,
//! `generated_default_policy_is_fresh`, fails when it is stale and says how to write it again)
//! and decoded by [`crate::Engine::default_policy`] in the WebAssembly build. It holds what
//! the engine needs and nothing else: the guidelines' texts, the detectors' settings, and the
//! lexicons already folded and deduplicated in the order the automaton numbers them. Left out:
//! comments, the detectors' examples and the lexicons as written (an engine decoded from it
//! has an empty `policy().lexicons`; IT's `customPolicy` is still read from TOML).
//!
//! The form: one record per line, fields separated by tabs; `\`, tab and line break inside a
//! field are written `\\`, `\t` and `\n`.
//!
//! ```text
//! tenk-compiled-policy 1
//! M name description
//! L lexicon-name lexicon-name …
//! P folded-pattern entries          (entries: lexicon index, `<` open left, `>` open right, `,` between)
//! G guideline-id severity
//! T lang title quote why instead message
//! D key=value key=value …           (a detector of the last G; lists joined by `,`)
//! ```

use std::borrow::Cow;
use std::collections::BTreeMap;

use crate::lexicon::Entry;
#[cfg(test)]
use crate::lexicon::Prepared;
use crate::policy::{
    DetectorDef, DetectorKind, Examples, GuidelineDef, Meta, Policy, Spanned, Texts, When,
};
use crate::Severity;

/// First line of the form; a change of layout changes the number.
const HEADER: &str = "tenk-compiled-policy 1";

/// The compiled form of a parsed, validated policy and its prepared lexicons.
#[cfg(test)]
pub(crate) fn encode(policy: &Policy, lexicons: &Prepared) -> String {
    let mut out = String::with_capacity(128 * 1024);
    out.push_str(HEADER);
    out.push('\n');
    record(
        &mut out,
        'M',
        &[
            policy.policy.name.as_str(),
            policy.policy.description.as_deref().unwrap_or(""),
        ],
    );
    let names: Vec<&str> = lexicons.names.iter().map(String::as_str).collect();
    record(&mut out, 'L', &names);
    for (pattern, entries) in lexicons.patterns.iter().zip(&lexicons.entries) {
        let codes: Vec<String> = entries
            .iter()
            .map(|e| {
                format!(
                    "{}{}{}",
                    e.lexicon,
                    if e.open_left { "<" } else { "" },
                    if e.open_right { ">" } else { "" }
                )
            })
            .collect();
        record(&mut out, 'P', &[pattern.as_str(), codes.join(",").as_str()]);
    }
    for g in &policy.guidelines {
        record(
            &mut out,
            'G',
            &[g.id.get_ref().as_str(), severity_name(g.severity)],
        );
        for (lang, texts) in [
            ("nb", Some(&g.nb)),
            ("nn", g.nn.as_ref()),
            ("en", g.en.as_ref()),
        ] {
            let Some(t) = texts else { continue };
            record(
                &mut out,
                'T',
                &[lang, &t.title, &t.quote, &t.why, &t.instead, &t.message],
            );
        }
        for d in &g.detectors {
            let fields = detector_fields(d);
            let fields: Vec<&str> = fields.iter().map(String::as_str).collect();
            record(&mut out, 'D', &fields);
        }
    }
    out
}

/// A decoded compiled policy: the policy (without lexicon sources and examples) and its
/// prepared lexicons, the patterns borrowed from the source where they need no unescaping.
pub(crate) struct Decoded<'a> {
    /// The guidelines, their texts and detectors.
    pub(crate) policy: Policy,
    /// Lexicon names, by id.
    pub(crate) names: Vec<String>,
    /// Folded patterns, in automaton order.
    pub(crate) patterns: Vec<Cow<'a, str>>,
    /// Entries of each pattern.
    pub(crate) entries: Vec<Vec<Entry>>,
}

/// Reads the compiled form. Fast on purpose: it runs on the page's main thread when the core
/// starts (one pass, patterns not copied, entries parsed by hand).
pub(crate) fn decode(source: &str) -> Result<Decoded<'_>, String> {
    let mut lines = source.split('\n');
    if lines.next() != Some(HEADER) {
        return Err(format!("not a compiled policy (expected «{HEADER}»)"));
    }
    let mut meta = None;
    let mut names = Vec::new();
    let mut patterns: Vec<Cow<'_, str>> = Vec::with_capacity(8192);
    let mut entries: Vec<Vec<Entry>> = Vec::with_capacity(8192);
    let mut guidelines: Vec<GuidelineDef> = Vec::new();
    for (n, line) in lines.enumerate() {
        if line.is_empty() {
            continue;
        }
        let bad = |what: &str| format!("compiled policy, line {}: {what}", n + 2);
        let (tag, rest) = line.split_at_checked(2).ok_or_else(|| bad("too short"))?;
        if tag == "P " {
            let (pattern, codes) = rest.split_once('\t').ok_or_else(|| bad("no entries"))?;
            patterns.push(unescape_cow(pattern));
            entries.push(parse_entries(codes).ok_or_else(|| bad("bad entry"))?);
            continue;
        }
        let mut fields = rest.split('\t');
        let mut next = || {
            fields
                .next()
                .map(unescape)
                .ok_or_else(|| bad("a field is missing"))
        };
        match tag {
            "M " => {
                let name = next()?;
                let description = Some(next()?).filter(|d| !d.is_empty());
                meta = Some(Meta { name, description });
            }
            "L " => names = rest.split('\t').map(unescape).collect(),
            "G " => {
                let id = next()?;
                let severity = severity_of(&next()?).ok_or_else(|| bad("bad severity"))?;
                let empty = Texts {
                    title: String::new(),
                    quote: String::new(),
                    why: String::new(),
                    instead: String::new(),
                    message: String::new(),
                };
                guidelines.push(GuidelineDef {
                    id: Spanned::new(0..0, id),
                    severity,
                    nb: empty,
                    nn: None,
                    en: None,
                    detectors: Vec::new(),
                });
            }
            "T " => {
                let g = guidelines
                    .last_mut()
                    .ok_or_else(|| bad("texts before a guideline"))?;
                let lang = next()?;
                let texts = Texts {
                    title: next()?,
                    quote: next()?,
                    why: next()?,
                    instead: next()?,
                    message: next()?,
                };
                match lang.as_str() {
                    "nb" => g.nb = texts,
                    "nn" => g.nn = Some(texts),
                    "en" => g.en = Some(texts),
                    _ => return Err(bad("unknown language")),
                }
            }
            "D " => {
                let g = guidelines
                    .last_mut()
                    .ok_or_else(|| bad("a detector before a guideline"))?;
                let d = detector_of(rest).map_err(|e| bad(&e))?;
                g.detectors.push(d);
            }
            _ => return Err(bad("unknown record")),
        }
    }
    let policy = Policy {
        policy: meta.ok_or("compiled policy: no `M` record")?,
        lexicons: BTreeMap::new(),
        guidelines,
    };
    Ok(Decoded {
        policy,
        names,
        patterns,
        entries,
    })
}

/// `3`, `3<`, `3>`, `3<>`, joined by `,`.
fn parse_entries(codes: &str) -> Option<Vec<Entry>> {
    let mut out = Vec::with_capacity(1);
    for code in codes.as_bytes().split(|&b| b == b',') {
        let mut entry = Entry {
            lexicon: 0,
            open_left: false,
            open_right: false,
        };
        let mut digits = 0;
        for &b in code {
            match b {
                b'0'..=b'9' if !entry.open_left && !entry.open_right => {
                    entry.lexicon = entry.lexicon.checked_mul(10)? + usize::from(b - b'0');
                    digits += 1;
                }
                b'<' if !entry.open_right => entry.open_left = true,
                b'>' => entry.open_right = true,
                _ => return None,
            }
        }
        if digits == 0 {
            return None;
        }
        out.push(entry);
    }
    Some(out)
}

#[cfg(test)]
/// Appends one record: the tag, then the escaped fields separated by tabs.
fn record(out: &mut String, tag: char, fields: &[&str]) {
    out.push(tag);
    for (i, f) in fields.iter().enumerate() {
        out.push(if i == 0 { ' ' } else { '\t' });
        for c in f.chars() {
            match c {
                '\\' => out.push_str("\\\\"),
                '\t' => out.push_str("\\t"),
                '\n' => out.push_str("\\n"),
                '\r' => out.push_str("\\r"),
                c => out.push(c),
            }
        }
    }
    out.push('\n');
}

fn unescape(field: &str) -> String {
    unescape_cow(field).into_owned()
}

fn unescape_cow(field: &str) -> Cow<'_, str> {
    if !field.contains('\\') {
        return Cow::Borrowed(field);
    }
    let mut out = String::with_capacity(field.len());
    let mut chars = field.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('t') => out.push('\t'),
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
fn severity_name(s: Severity) -> &'static str {
    match s {
        Severity::Info => "info",
        Severity::Warn => "warn",
    }
}

fn severity_of(s: &str) -> Option<Severity> {
    match s {
        "info" => Some(Severity::Info),
        "warn" => Some(Severity::Warn),
        _ => None,
    }
}

/// Every detector kind by its name in the file. A new kind fails to compile here until it is
/// named (and the freshness test then asks for the compiled policy to be written again).
fn kind_name(kind: DetectorKind) -> &'static str {
    match kind {
        DetectorKind::Phrase => "phrase",
        DetectorKind::Near => "near",
        DetectorKind::NationalId => "national-id",
        DetectorKind::CaseNumber => "case-number",
        DetectorKind::Initials => "initials",
        DetectorKind::Shouting => "shouting",
        DetectorKind::Evidence => "evidence",
        DetectorKind::Context => "context",
    }
}

const KINDS: [DetectorKind; 8] = [
    DetectorKind::Phrase,
    DetectorKind::Near,
    DetectorKind::NationalId,
    DetectorKind::CaseNumber,
    DetectorKind::Initials,
    DetectorKind::Shouting,
    DetectorKind::Evidence,
    DetectorKind::Context,
];

/// Every situation by its name in the file.
fn when_name(when: When) -> &'static str {
    match when {
        When::Attachment => "attachment",
        When::Edit => "edit",
        When::Leader => "leader",
        When::LeaderAndAny => "leader-and-any",
        When::LateNight => "late-night",
    }
}

const WHENS: [When; 5] = [
    When::Attachment,
    When::Edit,
    When::Leader,
    When::LeaderAndAny,
    When::LateNight,
];

/// A detector's settings as `key=value` fields (only the ones set; examples left out). The
/// destructuring names every field, so a new one fails to compile until it is written here
/// and read in [`detector_of`].
#[cfg(test)]
fn detector_fields(d: &DetectorDef) -> Vec<String> {
    let DetectorDef {
        name,
        kind,
        terms,
        near,
        across_sentences,
        near_first,
        unless_near,
        unless_window,
        except,
        window,
        negation,
        negation_window,
        skip_quoted,
        cues,
        strong_cues,
        counter_cues,
        tag_cues,
        quote_cue,
        threshold,
        severity,
        min_exclamations,
        min_caps_words,
        caps_exempt,
        when,
        from_hour,
        to_hour,
        examples: _,
    } = d;
    let mut f = vec![
        format!("name={}", name.get_ref()),
        format!("kind={}", kind_name(*kind)),
    ];
    let mut list = |key: &str, names: &[Spanned<String>]| {
        if !names.is_empty() {
            let names: Vec<&str> = names.iter().map(|n| n.get_ref().as_str()).collect();
            f.push(format!("{key}={}", names.join(",")));
        }
    };
    list("terms", terms);
    list("near", near);
    list("unless_near", unless_near);
    list("except", except);
    list("cues", cues);
    list("strong_cues", strong_cues);
    list("counter_cues", counter_cues);
    list("tag_cues", tag_cues);
    let mut flag = |key: &str, on: bool| {
        if on {
            f.push(key.to_string());
        }
    };
    flag("across_sentences", *across_sentences);
    flag("near_first", *near_first);
    flag("skip_quoted", *skip_quoted);
    flag("quote_cue", *quote_cue);
    let mut value = |key: &str, v: Option<String>| {
        if let Some(v) = v {
            f.push(format!("{key}={v}"));
        }
    };
    let s = |n: &Option<usize>| n.map(|n| n.to_string());
    value("unless_window", s(unless_window));
    value("window", s(window));
    value("negation_window", s(negation_window));
    value("threshold", threshold.map(|n| n.to_string()));
    value("min_exclamations", s(min_exclamations));
    value("min_caps_words", s(min_caps_words));
    value("from_hour", from_hour.map(|n| n.to_string()));
    value("to_hour", to_hour.map(|n| n.to_string()));
    value("negation", negation.as_ref().map(|n| n.get_ref().clone()));
    value(
        "caps_exempt",
        caps_exempt.as_ref().map(|n| n.get_ref().clone()),
    );
    value("severity", severity.map(|s| severity_name(s).to_string()));
    value("when", when.map(|w| when_name(w).to_string()));
    f
}

/// A detector from its `key=value` fields.
fn detector_of(rest: &str) -> Result<DetectorDef, String> {
    let mut d = DetectorDef {
        name: Spanned::new(0..0, String::new()),
        kind: DetectorKind::Phrase,
        terms: Vec::new(),
        near: Vec::new(),
        across_sentences: false,
        near_first: false,
        unless_near: Vec::new(),
        unless_window: None,
        except: Vec::new(),
        window: None,
        negation: None,
        negation_window: None,
        skip_quoted: false,
        cues: Vec::new(),
        strong_cues: Vec::new(),
        counter_cues: Vec::new(),
        tag_cues: Vec::new(),
        quote_cue: false,
        threshold: None,
        severity: None,
        min_exclamations: None,
        min_caps_words: None,
        caps_exempt: None,
        when: None,
        from_hour: None,
        to_hour: None,
        examples: Examples::default(),
    };
    for field in rest.split('\t') {
        let field = unescape(field);
        let (key, value) = field.split_once('=').unwrap_or((field.as_str(), ""));
        let bad = || format!("bad detector field «{key}»");
        let names = || {
            value
                .split(',')
                .map(|n| Spanned::new(0..0, n.to_string()))
                .collect::<Vec<_>>()
        };
        let name = || Some(Spanned::new(0..0, value.to_string()));
        let number = || value.parse::<usize>().map(Some).map_err(|_| bad());
        let hour = || value.parse::<u8>().map(Some).map_err(|_| bad());
        match key {
            "name" => d.name = Spanned::new(0..0, value.to_string()),
            "kind" => {
                d.kind = KINDS
                    .into_iter()
                    .find(|k| kind_name(*k) == value)
                    .ok_or_else(bad)?
            }
            "terms" => d.terms = names(),
            "near" => d.near = names(),
            "unless_near" => d.unless_near = names(),
            "cues" => d.cues = names(),
            "strong_cues" => d.strong_cues = names(),
            "counter_cues" => d.counter_cues = names(),
            "except" => d.except = names(),
            "tag_cues" => d.tag_cues = names(),
            "across_sentences" => d.across_sentences = true,
            "near_first" => d.near_first = true,
            "skip_quoted" => d.skip_quoted = true,
            "quote_cue" => d.quote_cue = true,
            "unless_window" => d.unless_window = number()?,
            "window" => d.window = number()?,
            "negation_window" => d.negation_window = number()?,
            "threshold" => d.threshold = Some(value.parse().map_err(|_| bad())?),
            "min_exclamations" => d.min_exclamations = number()?,
            "min_caps_words" => d.min_caps_words = number()?,
            "from_hour" => d.from_hour = hour()?,
            "to_hour" => d.to_hour = hour()?,
            "negation" => d.negation = name(),
            "caps_exempt" => d.caps_exempt = name(),
            "severity" => d.severity = Some(severity_of(value).ok_or_else(bad)?),
            "when" => {
                d.when = Some(
                    WHENS
                        .into_iter()
                        .find(|w| when_name(*w) == value)
                        .ok_or_else(bad)?,
                )
            }
            _ => return Err(bad()),
        }
    }
    Ok(d)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{DEFAULT_POLICY, GENERATED_POLICY};
    use crate::lexicon::LexiconSet;

    /// Where the compiled built-in policy lives, from the workspace root.
    const PATH: &str = "crates/tenk-core/generated/default-policy.txt";

    fn compile_default() -> String {
        let policy = Policy::parse(DEFAULT_POLICY).expect("the built-in policy parses");
        let named: Vec<(String, Vec<String>)> = policy
            .lexicons
            .iter()
            .map(|(name, words)| (name.clone(), words.get_ref().clone()))
            .collect();
        encode(
            &policy,
            &LexiconSet::prepare(&named).expect("lexicons fold"),
        )
    }

    #[test]
    fn generated_default_policy_is_fresh() {
        let fresh = compile_default();
        if std::env::var_os("TENK_WRITE_GENERATED").is_some() {
            let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("generated/default-policy.txt");
            std::fs::write(path, &fresh).expect("write the compiled policy");
            return;
        }
        assert!(
            fresh == GENERATED_POLICY,
            "{PATH} is stale: the built-in policy or its compiled form changed. Write it again with \
             `TENK_WRITE_GENERATED=1 cargo test -p tenk-core --lib compiled` and commit it."
        );
    }

    #[test]
    fn decoding_gives_back_what_was_encoded() {
        let policy = Policy::parse(DEFAULT_POLICY).unwrap();
        let named: Vec<(String, Vec<String>)> = policy
            .lexicons
            .iter()
            .map(|(name, words)| (name.clone(), words.get_ref().clone()))
            .collect();
        let prepared = LexiconSet::prepare(&named).unwrap();
        let encoded = encode(&policy, &prepared);
        let d = decode(&encoded).unwrap();
        let decoded_lexicons = Prepared {
            names: d.names,
            patterns: d.patterns.into_iter().map(Cow::into_owned).collect(),
            entries: d.entries,
        };
        let decoded = d.policy;
        assert_eq!(decoded_lexicons, prepared);
        // Encoding the decoded policy again gives the same text: every field survived.
        assert_eq!(
            encode(&decoded, &decoded_lexicons),
            encode(&policy, &prepared)
        );
        assert_eq!(decoded.guidelines.len(), policy.guidelines.len());
        for (a, b) in decoded.guidelines.iter().zip(&policy.guidelines) {
            for lang in [crate::Lang::Nb, crate::Lang::Nn, crate::Lang::En] {
                assert_eq!(a.text(lang), b.text(lang));
                assert_eq!(a.texts(lang).message, b.texts(lang).message);
            }
        }
    }

    #[test]
    fn escapes_round_trip() {
        let mut out = String::new();
        record(&mut out, 'T', &["a\tb", "c\\nd\n", "e\r"]);
        let fields: Vec<String> = out[2..out.len() - 1].split('\t').map(unescape).collect();
        assert_eq!(fields, ["a\tb", "c\\nd\n", "e\r"]);
    }

    #[test]
    fn damaged_forms_are_errors() {
        assert!(decode("nonsense").is_err());
        assert!(decode(&format!("{HEADER}\nX what")).is_err());
        assert!(decode(&format!("{HEADER}\nM n\td\nP abc\tx>")).is_err());
        assert!(decode(&format!("{HEADER}\nM n\td\nP abc\t>1")).is_err());
        assert!(decode(&format!("{HEADER}\nM n\td\nP abc\t1,")).is_err());
        assert_eq!(
            parse_entries("0,12<,3>,45<>"),
            Some(vec![
                Entry {
                    lexicon: 0,
                    open_left: false,
                    open_right: false
                },
                Entry {
                    lexicon: 12,
                    open_left: true,
                    open_right: false
                },
                Entry {
                    lexicon: 3,
                    open_left: false,
                    open_right: true
                },
                Entry {
                    lexicon: 45,
                    open_left: true,
                    open_right: true
                },
            ])
        );
        assert!(decode(&format!("{HEADER}\nM n\td\nD name=x\tkind=loud")).is_err());
    }
}
