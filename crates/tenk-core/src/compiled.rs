//! The built-in policy compiled ahead of time into a small text form, so that the browser
//! starts its engine without reading TOML or folding thousands of lexicon entries.
//!
//! `crates/tenk-wasm/build.rs` compiles `policies/velferdsetaten.toml` with [`compile`] at
//! build time (so it is never stale), and the WebAssembly build starts its engine from it with
//! [`crate::Engine::from_compiled`]. It holds what the engine needs and nothing else: the
//! guidelines' texts, the detectors' settings, and the lexicons already folded and
//! deduplicated (every pattern with the entries it stands for). Left out:
//! comments, the detectors' examples and the lexicons as written (an engine decoded from it
//! has an empty `policy().lexicons`; IT's `customPolicy` is still read from TOML).
//!
//! The form: one record per line, fields separated by tabs; `\`, tab and line break inside a
//! field are written `\\`, `\t` and `\n`.
//!
//! ```text
//! tenk-compiled-policy 7
//! M name description
//! L count                           (how many lexicons; they are named by index, `0`, `1`, …)
//! G guideline-id severity
//! T lang title quote why instead message
//! D key=value key=value …           (a detector of the last G; lists joined by `,`; lexicons
//!                                   by index)
//! Q prefix suffix                   (the learned model, if any: feature lengths)
//! W guideline-id bias fire_at KK… weight… feature feature …
//!                                   (one guideline's weights: `feature weight` entries, as the
//!                                   features' shared lengths, the weights joined by spaces,
//!                                   then each feature without what it shares with the one before)
//! V when,… unless,… guideline,…    (the model veto, if any: lexicon indices, guideline ids)
//! P                                 (the rest is the lexicons' folded patterns:)
//! =entries count                    (a group: lexicon index, `<` open left, `>` open right, `,`
//!                                   between; every group's line first, then)
//! KK…                               (one line: each pattern's bytes shared with the group's
//!                                   pattern before, one character 0–9A–Z each, in group order)
//! pattern                           (each pattern without those bytes, one per line)
//!                                   (`å`/`ø` in a pattern: two patterns, with «aa»/«oe» and «a»/«o»)
//! ```
//!
//! Lengths, weights and the rest are kept in columns rather than line by line because gzip
//! (the WebAssembly is sent compressed) does better with like next to like: 2.4 KB less for
//! the patterns, ≈ 1 KB for the weights. Lexicons are named by their index, not their name:
//! nothing the engine answers names a lexicon (0.8 KB of the WASM gzipped, with the groups'
//! order below).

use std::borrow::Cow;

use crate::lexicon::Entry;
use crate::lexicon::{LexiconSet, Prepared};
use crate::model::{ModelDef, ModelGuidelineDef};
use crate::policy::{
    DetectorDef, DetectorKind, GuidelineDef, Meta, ModelVetoDef, Policy, Spanned, Texts, When,
};
use crate::sorted_map::SortedMap;
use crate::text::sub;
use crate::Severity;

/// First line of the form; a change of layout changes the number.
const HEADER: &str = "tenk-compiled-policy 7";

/// Compiles a policy file's TOML source: parsed and validated ([`Policy::parse`]), its
/// lexicons folded ([`LexiconSet`]), written in the compiled form. `crates/tenk-wasm/build.rs`
/// runs it on the built-in policy at build time.
pub fn compile(policy_source: &str) -> Result<String, crate::PolicyError> {
    let policy = Policy::parse(policy_source)?;
    let named = policy.named_lexicons();
    let prepared = LexiconSet::prepare(&named).map_err(|e| crate::PolicyError {
        message: format!("lexicons.{}: {}", e.lexicon, e.message),
        line: None,
    })?;
    Ok(encode(&policy, &prepared.without_covered_entries()))
}

/// The compiled form of a parsed, validated policy and its prepared lexicons.
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
    record(&mut out, 'L', &[&lexicons.names.len().to_string()]);
    // A lexicon's index as its name in the form ([`decode`] names them `0`, `1`, …). Every name
    // a checked policy uses is one of its lexicons; any other would be written as it is and
    // name no lexicon of the decoded engine, as before.
    let index = |name: &str| -> String {
        match lexicons.names.iter().position(|n| n == name) {
            Some(i) => i.to_string(),
            None => name.to_string(),
        }
    };
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
            let fields = detector_fields(d, &index);
            let fields: Vec<&str> = fields.iter().map(String::as_str).collect();
            record(&mut out, 'D', &fields);
        }
    }
    if let Some(model) = &policy.model {
        record(
            &mut out,
            'Q',
            &[&model.prefix.to_string(), &model.suffix.to_string()],
        );
        for g in &model.guidelines {
            let (bias, fire_at) = (g.bias.to_string(), g.fire_at.to_string());
            // `feature weight`; an entry without a (non-empty) weight is all feature.
            let split: Vec<(&str, &str)> = g
                .weights
                .get_ref()
                .iter()
                .map(|e| match e.rsplit_once(' ') {
                    Some((f, w)) if !w.is_empty() => (f, w),
                    _ => (e.as_str(), ""),
                })
                .collect();
            let (shared, rests) = front_coded(split.iter().map(|(f, _)| *f));
            let weights: Vec<&str> = split.iter().map(|(_, w)| *w).collect();
            let weights = weights.join(" ");
            let mut fields = vec![g.id.get_ref().as_str(), &bias, &fire_at, &shared, &weights];
            fields.extend(rests);
            record(&mut out, 'W', &fields);
        }
    }
    if let Some(veto) = &policy.model_veto {
        let indices = |names: &[String]| -> String {
            names.iter().map(|n| index(n)).collect::<Vec<_>>().join(",")
        };
        let unless = veto.unless.as_ref().map(|u| indices(u.get_ref()));
        record(
            &mut out,
            'V',
            &[
                &indices(veto.when.get_ref()),
                unless.as_deref().unwrap_or(""),
                &veto.guidelines.get_ref().join(","),
            ],
        );
    }
    encode_patterns(&mut out, lexicons);
    out
}

/// The pattern section: `P`, then the patterns grouped by their entries (a group starts with
/// `=entries`), sorted within a group, each written as how many bytes it shares with the one
/// before (one character of [`PREFIX_DIGITS`]) and the rest. Patterns that share entries and
/// beginnings sit together: 7 KB less gzipped than one line per pattern. The automaton numbers
/// patterns in this order, not the policy's; a match's hits do not depend on the numbering.
fn encode_patterns(out: &mut String, lexicons: &Prepared) {
    let mut groups: Vec<(String, Vec<&str>)> = Vec::new();
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
        let codes = codes.join(",");
        match groups.iter_mut().find(|(c, _)| *c == codes) {
            Some((_, patterns)) => patterns.push(pattern),
            None => groups.push((codes, vec![pattern])),
        }
    }
    // By their entries (lexicon index, then openness): a lexicon's groups side by side, where
    // gzip finds the same words again (0.2 KB less than the largest group first).
    groups.sort_by_cached_key(|(codes, _)| {
        parse_entries(codes).map(|es| {
            es.iter()
                .map(|e| (e.lexicon, e.open_left, e.open_right))
                .collect::<Vec<_>>()
        })
    });
    out.push_str("P\n");
    let mut all_shared = String::new();
    let mut all_rests = String::new();
    for (codes, mut patterns) in groups {
        patterns.sort_unstable();
        let mut written = with_plain_twins(&patterns);
        written.sort_unstable();
        out.push('=');
        out.push_str(&codes);
        out.push(' ');
        out.push_str(&written.len().to_string());
        out.push('\n');
        let (shared, rests) = front_coded(written.iter().map(String::as_str));
        all_shared.push_str(&shared);
        for rest in rests {
            escape_into(&mut all_rests, rest);
            all_rests.push('\n');
        }
    }
    out.push_str(&all_shared);
    out.push('\n');
    out.push_str(&all_rests);
}

/// Front coding of `items`: for each, how many bytes it shares with the one before (one
/// character of [`PREFIX_DIGITS`] each, joined), and what is left of it.
fn front_coded<'a>(items: impl Iterator<Item = &'a str>) -> (String, Vec<&'a str>) {
    let mut shared = String::new();
    let mut rests = Vec::new();
    let mut previous = "";
    for item in items {
        let k = shared_prefix(previous, item);
        shared.push(char::from(PREFIX_DIGITS[k]));
        rests.push(sub(item, k..));
        previous = item;
    }
    (shared, rests)
}

/// The inverse of [`front_coded`]'s step: `previous` cut to the length `digit` names (a
/// character of [`PREFIX_DIGITS`], at most `previous`' length, on a character boundary), then
/// `rest`. `None` if the digit is not one of those.
fn front_decoded(previous: &mut String, digit: u8, rest: &str) -> Option<()> {
    let shared = PREFIX_DIGITS
        .iter()
        .position(|&d| d == digit)
        .filter(|&k| k <= previous.len() && previous.is_char_boundary(k))?;
    previous.truncate(shared);
    previous.push_str(rest);
    Some(())
}

/// A group's patterns as written: a pattern whose plain spelling («pa jobben» for the folded
/// «paa jobben» of «på jobben», see `lexicon::plain_spelling`) is in the same group (so has the
/// same entries) is written once, with `å` for the «aa» and `ø` for the «oe» that the plain
/// spelling writes «a» and «o»; the plain one is left out. Folded patterns never hold `å` or
/// `ø` (folding writes them «aa» and «oe»), so the marks are unambiguous. ≈ 4 KB less gzipped.
fn with_plain_twins(patterns: &[&str]) -> Vec<String> {
    let present: std::collections::HashSet<&str> = patterns.iter().copied().collect();
    let mut dropped: std::collections::HashSet<String> = std::collections::HashSet::new();
    let mut by_length: Vec<&str> = patterns.to_vec();
    // Longest first: a plain spelling is shorter than its pattern, so it is still unwritten
    // when its pattern claims it.
    by_length.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
    let mut out = Vec::with_capacity(patterns.len());
    for p in by_length {
        if dropped.contains(p) {
            continue;
        }
        let twin = markings(p)
            .into_iter()
            .find(|(_, plain)| present.contains(plain.as_str()) && !dropped.contains(plain));
        match twin {
            Some((marked, plain)) => {
                dropped.insert(plain);
                out.push(marked);
            }
            None => out.push(p.to_string()),
        }
    }
    out
}

/// Every way of reading some «aa» of `folded` as `å` and some «oe» as `ø` (at least one, at
/// most eight places), each with its plain spelling.
fn markings(folded: &str) -> Vec<(String, String)> {
    fn walk(
        rest: &str,
        marked: &mut String,
        plain: &mut String,
        n: usize,
        out: &mut Vec<(String, String)>,
    ) {
        let Some(c) = rest.chars().next() else {
            if n > 0 {
                out.push((marked.clone(), plain.clone()));
            }
            return;
        };
        for (pair, mark, single) in [("aa", 'å', 'a'), ("oe", 'ø', 'o')] {
            if n < 8 && rest.starts_with(pair) {
                let (m, p) = (marked.len(), plain.len());
                marked.push(mark);
                plain.push(single);
                walk(sub(rest, 2..), marked, plain, n + 1, out);
                marked.truncate(m);
                plain.truncate(p);
            }
        }
        let (m, p) = (marked.len(), plain.len());
        marked.push(c);
        plain.push(c);
        walk(sub(rest, c.len_utf8()..), marked, plain, n, out);
        marked.truncate(m);
        plain.truncate(p);
    }
    let mut out = Vec::new();
    if crate::text::contains(folded, "aa") || crate::text::contains(folded, "oe") {
        walk(folded, &mut String::new(), &mut String::new(), 0, &mut out);
    }
    out
}

/// The bytes `a` and `b` begin with alike, ending on a character boundary, at most
/// `PREFIX_DIGITS.len() - 1`.
fn shared_prefix(a: &str, b: &str) -> usize {
    let mut n = a
        .bytes()
        .zip(b.bytes())
        .take(PREFIX_DIGITS.len() - 1)
        .take_while(|(x, y)| x == y)
        .count();
    while !b.is_char_boundary(n) {
        n -= 1;
    }
    n
}

/// The digits of a shared-prefix length (0–35); `=` starts a group and is not among them.
const PREFIX_DIGITS: &[u8; 36] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

/// A decoded compiled policy: the policy (without lexicon sources and examples) and its
/// prepared lexicons.
pub(crate) struct Decoded {
    /// The guidelines, their texts and detectors.
    pub(crate) policy: Policy,
    /// Lexicon names, by id.
    pub(crate) names: Vec<String>,
    /// Every folded pattern, one after another (see [`Decoded::patterns`]).
    pub(crate) pattern_text: String,
    /// Where each pattern ends in `pattern_text`.
    pub(crate) pattern_ends: Vec<usize>,
    /// Entries of each pattern.
    pub(crate) entries: Vec<Vec<Entry>>,
}

#[cfg(test)]
impl Decoded {
    /// The folded patterns, in automaton order.
    pub(crate) fn patterns(&self) -> Vec<&str> {
        patterns(&self.pattern_text, &self.pattern_ends)
    }
}

/// The patterns written one after another in `text`, ending at `ends`.
pub(crate) fn patterns<'t>(text: &'t str, ends: &[usize]) -> Vec<&'t str> {
    let mut start = 0;
    ends.iter()
        .map(|&end| {
            let p = sub(text, start..end);
            start = end;
            p
        })
        .collect()
}

/// Reads the compiled form. Fast on purpose: it runs on the page's main thread when the core
/// starts (one pass, the patterns written into one buffer, entries parsed once per group).
pub(crate) fn decode(source: &str) -> Result<Decoded, String> {
    let mut lines = source.split('\n').enumerate();
    if lines.next().map(|(_, l)| l) != Some(HEADER) {
        return Err(format!("not a compiled policy (expected «{HEADER}»)"));
    }
    let bad = |n: usize, what: &str| format!("compiled policy, line {}: {what}", n + 1);
    let mut meta = None;
    let mut names = Vec::new();
    let mut guidelines: Vec<GuidelineDef> = Vec::new();
    let mut model: Option<ModelDef> = None;
    let mut model_veto: Option<ModelVetoDef> = None;
    for (n, line) in lines.by_ref() {
        if line == "P" {
            break;
        }
        if line.is_empty() {
            continue;
        }
        let bad = |what: &str| bad(n, what);
        let (tag, rest) = line.split_at_checked(2).ok_or_else(|| bad("too short"))?;
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
            "L " => {
                let count = crate::text::parse_usize(rest)
                    .ok_or_else(|| bad("the lexicon count is not a number"))?;
                names = (0..count).map(|i| i.to_string()).collect();
            }
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
            "V " => {
                let mut list = || -> Result<Vec<String>, String> {
                    Ok(next()?
                        .split(',')
                        .filter(|s| !s.is_empty())
                        .map(str::to_string)
                        .collect())
                };
                let (when, unless, ids) = (list()?, list()?, list()?);
                model_veto = Some(ModelVetoDef {
                    when: Spanned::new(0..0, when),
                    unless: Some(Spanned::new(0..0, unless)),
                    guidelines: Spanned::new(0..0, ids),
                });
            }
            "Q " => {
                let mut number = || -> Result<usize, String> {
                    crate::text::parse_usize(&next()?)
                        .ok_or_else(|| bad("a model length is not a number"))
                };
                model = Some(ModelDef {
                    prefix: number()?,
                    suffix: number()?,
                    guidelines: Vec::new(),
                });
            }
            "W " => {
                let m = model
                    .as_mut()
                    .ok_or_else(|| bad("model weights before the model"))?;
                let id = next()?;
                let mut number = || -> Result<i32, String> {
                    crate::text::parse_i32(&next()?)
                        .ok_or_else(|| bad("a model score is not a number"))
                };
                let (bias, fire_at) = (number()?, number()?);
                let shared = next()?;
                let weights_column = next()?;
                let rests: Vec<String> = fields.map(unescape).collect();
                let weights: Vec<&str> = if rests.is_empty() {
                    Vec::new()
                } else {
                    weights_column.split(' ').collect()
                };
                if shared.len() != rests.len() || weights.len() != rests.len() {
                    return Err(bad("model weights and features do not pair up"));
                }
                let mut feature = String::new();
                let mut entries = Vec::with_capacity(rests.len());
                for ((digit, rest), weight) in shared.bytes().zip(&rests).zip(weights) {
                    front_decoded(&mut feature, digit, rest)
                        .ok_or_else(|| bad("bad shared length"))?;
                    let mut entry = String::with_capacity(feature.len() + 1 + weight.len());
                    entry.push_str(&feature);
                    if !weight.is_empty() {
                        entry.push(' ');
                        entry.push_str(weight);
                    }
                    entries.push(entry);
                }
                m.guidelines.push(ModelGuidelineDef {
                    id: Spanned::new(0..0, id),
                    bias,
                    fire_at,
                    weights: Spanned::new(0..0, entries),
                });
            }
            _ => return Err(bad("unknown record")),
        }
    }
    // The pattern section: the groups, the shared lengths, the rests.
    let mut groups: Vec<(Vec<Entry>, usize)> = Vec::new();
    let mut shared: Option<&str> = None;
    for (n, line) in lines.by_ref() {
        match line.strip_prefix('=') {
            Some(group) => {
                let (codes, count) = group.split_once(' ').ok_or_else(|| bad(n, "bad group"))?;
                let entries = parse_entries(codes).ok_or_else(|| bad(n, "bad entry"))?;
                let count =
                    crate::text::parse_usize(count).ok_or_else(|| bad(n, "bad group size"))?;
                groups.push((entries, count));
            }
            None => {
                shared = Some(line);
                break;
            }
        }
    }
    let shared = shared.unwrap_or("").as_bytes();
    let total: usize = groups.iter().map(|g| g.1).sum();
    if shared.len() != total {
        return Err(format!(
            "compiled policy: {total} patterns in the groups, {} shared lengths",
            shared.len()
        ));
    }
    let mut pattern_text = String::with_capacity(source.len());
    let mut pattern_ends: Vec<usize> = Vec::with_capacity(2 * total);
    let mut entries: Vec<Vec<Entry>> = Vec::with_capacity(2 * total);
    let mut digits = shared.iter();
    // The previous pattern of the group as written (with its `å`/`ø` marks; empty at a
    // group's start).
    let mut previous = String::new();
    for (group, count) in &groups {
        previous.clear();
        for _ in 0..*count {
            let (Some(&digit), Some((n, line))) = (digits.next(), lines.next()) else {
                return Err("compiled policy: fewer patterns than the groups hold".into());
            };
            front_decoded(&mut previous, digit, &unescape_cow(line))
                .ok_or_else(|| bad(n, "bad shared length"))?;
            if previous.is_empty() {
                return Err(bad(n, "an empty pattern"));
            }
            if previous.contains(['å', 'ø']) {
                // A pattern and its plain spelling (see `with_plain_twins`).
                for (aa, oe) in [("aa", "oe"), ("a", "o")] {
                    for c in previous.chars() {
                        match c {
                            'å' => pattern_text.push_str(aa),
                            'ø' => pattern_text.push_str(oe),
                            c => pattern_text.push(c),
                        }
                    }
                    pattern_ends.push(pattern_text.len());
                    entries.push(group.clone());
                }
            } else {
                pattern_text.push_str(&previous);
                pattern_ends.push(pattern_text.len());
                entries.push(group.clone());
            }
        }
    }
    if lines.any(|(_, l)| !l.is_empty()) {
        return Err("compiled policy: more patterns than the groups hold".into());
    }
    let policy = Policy {
        policy: meta.ok_or("compiled policy: no `M` record")?,
        lexicons: SortedMap::new(),
        guidelines,
        model,
        model_veto,
    };
    Ok(Decoded {
        policy,
        names,
        pattern_text,
        pattern_ends,
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

/// Appends one record: the tag, then the escaped fields separated by tabs.
fn record(out: &mut String, tag: char, fields: &[&str]) {
    out.push(tag);
    for (i, f) in fields.iter().enumerate() {
        out.push(if i == 0 { ' ' } else { '\t' });
        escape_into(out, f);
    }
    out.push('\n');
}

/// Appends `field` with `\`, tab and line breaks escaped.
fn escape_into(out: &mut String, field: &str) {
    for c in field.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
}

fn unescape(field: &str) -> String {
    unescape_cow(field).into_owned()
}

fn unescape_cow(field: &str) -> Cow<'_, str> {
    if !field.as_bytes().contains(&b'\\') {
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

pub(crate) fn severity_name(s: Severity) -> &'static str {
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
pub(crate) fn kind_name(kind: DetectorKind) -> &'static str {
    match kind {
        DetectorKind::Phrase => "phrase",
        DetectorKind::Near => "near",
        DetectorKind::NationalId => "national-id",
        DetectorKind::CaseNumber => "case-number",
        DetectorKind::Initials => "initials",
        DetectorKind::NameWithAge => "name-with-age",
        DetectorKind::Shouting => "shouting",
        DetectorKind::Evidence => "evidence",
        DetectorKind::Context => "context",
    }
}

pub(crate) const KINDS: [DetectorKind; 9] = [
    DetectorKind::Phrase,
    DetectorKind::Near,
    DetectorKind::NationalId,
    DetectorKind::CaseNumber,
    DetectorKind::Initials,
    DetectorKind::NameWithAge,
    DetectorKind::Shouting,
    DetectorKind::Evidence,
    DetectorKind::Context,
];

/// Every situation by its name in the file.
pub(crate) fn when_name(when: When) -> &'static str {
    match when {
        When::Attachment => "attachment",
        When::Edit => "edit",
        When::Leader => "leader",
        When::LeaderAndAny => "leader-and-any",
        When::LateNight => "late-night",
    }
}

pub(crate) const WHENS: [When; 5] = [
    When::Attachment,
    When::Edit,
    When::Leader,
    When::LeaderAndAny,
    When::LateNight,
];

/// A detector's settings as `key=value` fields (only the ones set; examples left out). The
/// destructuring names every field, so a new one fails to compile until it is written here
/// and read in [`detector_of`].
fn detector_fields(d: &DetectorDef, index: &dyn Fn(&str) -> String) -> Vec<String> {
    let DetectorDef {
        name,
        kind,
        terms,
        near,
        across_sentences,
        near_first,
        near_after,
        needs_statement,
        also_near,
        lead,
        lead_window,
        apart,
        skip_questions,
        unless_near,
        unless_window,
        except,
        nearer_target,
        npi_cues,
        npi_by,
        window,
        negation,
        negation_window,
        negation_frames,
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
            let names: Vec<String> = names.iter().map(|n| index(n.get_ref())).collect();
            f.push(format!("{key}={}", names.join(",")));
        }
    };
    list("terms", terms);
    list("near", near);
    list("also_near", also_near);
    list("lead", lead);
    list("unless_near", unless_near);
    list("except", except);
    list("nearer_target", nearer_target);
    list("npi_cues", npi_cues);
    list("npi_by", npi_by);
    list("cues", cues);
    list("strong_cues", strong_cues);
    list("counter_cues", counter_cues);
    list("tag_cues", tag_cues);
    list("negation_frames", negation_frames);
    let mut flag = |key: &str, on: bool| {
        if on {
            f.push(key.to_string());
        }
    };
    flag("across_sentences", *across_sentences);
    flag("near_first", *near_first);
    flag("near_after", *near_after);
    flag("needs_statement", *needs_statement);
    flag("apart", *apart);
    flag("skip_questions", *skip_questions);
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
    value("lead_window", s(lead_window));
    value("negation_window", s(negation_window));
    value("threshold", threshold.map(|n| n.to_string()));
    value("min_exclamations", s(min_exclamations));
    value("min_caps_words", s(min_caps_words));
    value("from_hour", from_hour.map(|n| n.to_string()));
    value("to_hour", to_hour.map(|n| n.to_string()));
    value("negation", negation.as_ref().map(|n| index(n.get_ref())));
    value(
        "caps_exempt",
        caps_exempt.as_ref().map(|n| index(n.get_ref())),
    );
    value("severity", severity.map(|s| severity_name(s).to_string()));
    value("when", when.map(|w| when_name(w).to_string()));
    f
}

/// A detector from its `key=value` fields (a field without `=` is a flag that is set): the
/// fields become the table a policy file would hold, read by the custom-policy reader
/// (`policy_reader`), so the WebAssembly carries one detector reader, not two.
fn detector_of(rest: &str) -> Result<DetectorDef, String> {
    use serde_json::Value;
    const LISTS: [&str; 14] = [
        "terms",
        "near",
        "also_near",
        "lead",
        "unless_near",
        "except",
        "nearer_target",
        "npi_cues",
        "npi_by",
        "cues",
        "strong_cues",
        "counter_cues",
        "tag_cues",
        "negation_frames",
    ];
    const NUMBERS: [&str; 9] = [
        "unless_window",
        "window",
        "lead_window",
        "negation_window",
        "threshold",
        "min_exclamations",
        "min_caps_words",
        "from_hour",
        "to_hour",
    ];
    let mut table = serde_json::Map::new();
    for field in rest.split('\t') {
        let field = unescape(field);
        let (key, value) = match field.split_once('=') {
            None => (field.as_str(), Value::Bool(true)),
            Some((key, value)) if LISTS.contains(&key) => (
                key,
                Value::Array(value.split(',').map(Value::from).collect()),
            ),
            Some((key, value)) if NUMBERS.contains(&key) => (
                key,
                Value::from(
                    value
                        .parse::<i64>()
                        .map_err(|_| format!("bad detector field «{key}»"))?,
                ),
            ),
            Some((key, value)) => (key, Value::from(value)),
        };
        table.insert(key.to_string(), value);
    }
    // No path: the reader would format one for every field it reads (≈ 14 M more instructions
    // at start-up in V8's baseline tier); its errors name the field, and `decode` the line.
    crate::policy_reader::detector(&Value::Object(table), "")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::DEFAULT_POLICY;

    /// The compiled form names kinds, situations and severities by hand (no serde in the
    /// browser's reader); the names must be the ones the policy file uses (serde's renames).
    #[test]
    fn hand_written_names_are_the_policy_files_names() {
        fn read<T: serde::de::DeserializeOwned>(name: &str) -> T {
            serde_json::from_value(serde_json::Value::from(name))
                .unwrap_or_else(|e| panic!("«{name}» is no name in the policy file: {e}"))
        }
        for kind in KINDS {
            assert_eq!(read::<DetectorKind>(kind_name(kind)), kind);
        }
        for when in WHENS {
            assert_eq!(read::<When>(when_name(when)), when);
        }
        for severity in [Severity::Info, Severity::Warn] {
            assert_eq!(read::<Severity>(severity_name(severity)), severity);
            assert_eq!(severity_of(severity_name(severity)), Some(severity));
        }
    }

    /// Plain twins are written once with marks, and expanding the marks gives back the group.
    #[test]
    fn plain_twins_round_trip() {
        let groups: &[&[&str]] = &[
            &["paa jobben", "pa jobben", "saab"],
            &["aaa", "aa", "a"],
            &["oeoe", "oeo", "oo", "oe"],
            &["baat", "bat", "boet", "bot", "baad"],
        ];
        for group in groups {
            let written = with_plain_twins(group);
            assert!(written.len() < group.len(), "{group:?}: {written:?}");
            let mut expanded: Vec<String> = Vec::new();
            for w in &written {
                if w.contains(['å', 'ø']) {
                    expanded.push(w.replace('å', "aa").replace('ø', "oe"));
                    expanded.push(w.replace('å', "a").replace('ø', "o"));
                } else {
                    expanded.push(w.clone());
                }
            }
            expanded.sort();
            let mut expected: Vec<String> = group.iter().map(|p| p.to_string()).collect();
            expected.sort();
            assert_eq!(expanded, expected, "{group:?}: {written:?}");
        }
    }

    #[test]
    fn decoding_gives_back_what_was_encoded() {
        let policy = Policy::parse(DEFAULT_POLICY).unwrap();
        let named = policy.named_lexicons();
        let prepared = LexiconSet::prepare(&named).unwrap();
        let encoded = encode(&policy, &prepared);
        let d = decode(&encoded).unwrap();
        let decoded_lexicons = Prepared {
            names: d.names.clone(),
            patterns: d.patterns().into_iter().map(String::from).collect(),
            entries: d.entries.clone(),
        };
        let decoded = d.policy;
        // The same patterns with the same entries (in the form's order, not the policy's).
        let pairs = |p: &Prepared| {
            let mut v: Vec<(String, Vec<Entry>)> = p
                .patterns
                .iter()
                .cloned()
                .zip(p.entries.iter().cloned())
                .collect();
            v.sort_by(|a, b| a.0.cmp(&b.0));
            v
        };
        // The lexicons named by index, as many as there were.
        let indices: Vec<String> = (0..prepared.names.len()).map(|i| i.to_string()).collect();
        assert_eq!(decoded_lexicons.names, indices);
        assert_eq!(pairs(&decoded_lexicons), pairs(&prepared));
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
        let patterns = |section: &str| decode(&format!("{HEADER}\nM n\td\nP\n{section}"));
        let ok = patterns("=0,1> 2\n=2< 1\n020\nabc\nd\nx\n").unwrap();
        assert_eq!(ok.patterns(), ["abc", "abd", "x"]);
        assert_eq!(ok.entries[1].len(), 2);
        assert!(patterns("=x> 1\n0\nabc").is_err(), "bad entry");
        assert!(patterns("=>1 1\n0\nabc").is_err(), "bad entry");
        assert!(patterns("=1, 1\n0\nabc").is_err(), "empty entry");
        assert!(patterns("=1\n0\nabc").is_err(), "no group size");
        assert!(patterns("=1 x\n0\nabc").is_err(), "bad group size");
        assert!(patterns("0\nabc").is_err(), "no group");
        assert!(
            patterns("=1 2\n04\nabc\nd").is_err(),
            "shares more than there is"
        );
        assert!(
            patterns("=1 1\n=2 1\n01\nabc\nd").is_err(),
            "shares across groups"
        );
        assert!(patterns("=1 2\n00\nab\n").is_err(), "empty pattern");
        assert!(
            patterns("=1 2\n01\næ\nx").is_err(),
            "shares half a character"
        );
        assert!(patterns("=1 2\n0\nabc\nd").is_err(), "too few lengths");
        assert!(patterns("=1 2\n00\nabc").is_err(), "too few patterns");
        assert!(patterns("=1 1\n0\nabc\nd").is_err(), "too many patterns");
        let model = |w: &str| {
            decode(&format!(
                "{HEADER}\nM n\td\nQ 5\t4\nW g\t0\t100\t{w}\nP\n\n"
            ))
        };
        let m = model("02\t10 -20\tsjef\tf").unwrap().policy.model.unwrap();
        assert_eq!(m.guidelines[0].weights.get_ref(), &["sjef 10", "sjf -20"]);
        assert!(model("0\t10 -20\tsjef\tf").is_err(), "a length missing");
        assert!(model("02\t10\tsjef\tf").is_err(), "a weight missing");
        assert!(
            model("09\t10 -20\tsjef\tf").is_err(),
            "shares more than there is"
        );
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
        // Lexicons are named by index: the `L` record gives how many.
        let d = decode(&format!(
            "{HEADER}\nM n\td\nL 3\nG g\twarn\nD name=x\tkind=phrase\tterms=0,2\tnegation=1\nP\n\n"
        ))
        .unwrap();
        assert_eq!(d.names, ["0", "1", "2"]);
        let d = &d.policy.guidelines[0].detectors[0];
        assert_eq!(d.terms[1].get_ref(), "2");
        assert_eq!(d.negation.as_ref().map(|n| n.get_ref().as_str()), Some("1"));
        assert!(decode(&format!("{HEADER}\nM n\td\nL x\nP\n\n")).is_err());
    }
}
