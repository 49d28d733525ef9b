//! The `analysis` response as JSON text, written by hand: the WebAssembly build answers every
//! hint with it. The same JSON value `serde_json::to_string(&Response::Analysis {..})` writes
//! (a test compares them on many texts), in ASCII (every other character as `\uxxxx`), at a
//! fraction of the cost: `serde_json`'s writer at the WebAssembly build's `opt-level = "z"`
//! was ≈ 11 % of a 2,000-character `handle` call in Chromium (BENCHMARKS.md), and about half
//! of what it wrote were the guideline texts, the same for every call. Those are written once
//! per guideline and language and kept ([`TextCache`]).

use crate::policy::Policy;
use crate::text::sub;
use crate::{Finding, Lang, Severity};

/// Each guideline's texts as JSON, up to the value of its last field (`severity`, which the
/// settings may change), with the policy's severity, per language; written on first use,
/// dropped when the policy changes.
#[derive(Debug, Clone, Default)]
pub(crate) struct TextCache {
    entries: Vec<(Lang, String, String, Severity)>,
}

impl TextCache {
    /// Forgets every entry (the engine changed).
    pub(crate) fn clear(&mut self) {
        self.entries.clear();
    }

    /// The JSON of `id`'s texts in `lang` up to `"severity":`, and the policy's severity;
    /// `None` for a guideline the policy does not have.
    fn get(&mut self, policy: &Policy, id: &str, lang: Lang) -> Option<(&str, Severity)> {
        let at = match self
            .entries
            .iter()
            .position(|(l, i, ..)| *l == lang && i == id)
        {
            Some(at) => at,
            None => {
                let g = policy.guideline(id)?;
                let t = g.texts(lang);
                let mut json = String::new();
                json.push_str("{\"id\":");
                string(&mut json, id);
                json.push_str(",\"title\":");
                string(&mut json, &t.title);
                json.push_str(",\"quote\":");
                string(&mut json, &t.quote);
                json.push_str(",\"why\":");
                string(&mut json, &t.why);
                json.push_str(",\"instead\":");
                string(&mut json, &t.instead);
                json.push_str(",\"severity\":");
                self.entries.push((lang, id.to_string(), json, g.severity));
                self.entries.len() - 1
            }
        };
        let (.., json, severity) = &self.entries[at];
        Some((json, *severity))
    }
}

/// Writes `{"kind":"analysis","findings":[…],"guidelines":[…],"texts":{…}}` to `out`: the
/// texts of `policy`'s guidelines in `lang` (one it does not have is left out, as
/// `api::texts_for` does), `severity(id)` the settings' severity for one, if they change it.
pub(crate) fn write(
    out: &mut String,
    findings: &[Finding],
    guidelines: &[String],
    lang: Lang,
    policy: &Policy,
    cache: &mut TextCache,
    severity: impl Fn(&str) -> Option<Severity>,
) {
    out.push_str("{\"kind\":\"analysis\",\"findings\":[");
    for (i, f) in findings.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str("{\"guideline\":");
        string(out, &f.guideline);
        out.push_str(",\"severity\":");
        out.push_str(severity_json(f.severity));
        out.push_str(",\"start\":");
        number(out, f.start);
        out.push_str(",\"end\":");
        number(out, f.end);
        out.push_str(",\"message\":");
        string(out, &f.message);
        out.push_str(",\"detector\":");
        string(out, &f.detector);
        out.push_str(",\"matched\":");
        string(out, &f.matched);
        out.push('}');
    }
    out.push_str("],\"guidelines\":[");
    for (i, id) in guidelines.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        string(out, id);
    }
    out.push_str("],\"texts\":{");
    // A map by id: in id order, each id once (the next smallest each time: a handful of ids,
    // and no sort's code in the WebAssembly build).
    let mut first = true;
    let mut last: Option<&str> = None;
    while let Some(id) = guidelines
        .iter()
        .map(String::as_str)
        .filter(|id| last.is_none_or(|l| *id > l))
        .min()
    {
        last = Some(id);
        let Some((json, own)) = cache.get(policy, id, lang) else {
            continue;
        };
        if !first {
            out.push(',');
        }
        first = false;
        string(out, id);
        out.push(':');
        out.push_str(json);
        out.push_str(severity_json(severity(id).unwrap_or(own)));
        out.push('}');
    }
    out.push_str("}}");
}

fn severity_json(severity: Severity) -> &'static str {
    match severity {
        Severity::Info => "\"info\"",
        Severity::Warn => "\"warn\"",
    }
}

/// `n` in decimal.
fn number(out: &mut String, n: usize) {
    use std::fmt::Write;
    // Writing to a `String` cannot fail.
    let _ = write!(out, "{n}");
}

/// `s` as a JSON string in ASCII: `"` and `\` with a backslash, the control characters as
/// `serde_json` writes them (`\b`, `\t`, `\n`, `\f`, `\r`, else `\u00xx`), every character
/// that is not ASCII as `\uxxxx` (two for one beyond the BMP). The same string once parsed;
/// ASCII text skips `TextDecoder`'s UTF-8 path (4 % of a call in Chromium; in Node.js, whose
/// decoder is slower, 9 %), see BENCHMARKS.md.
fn string(out: &mut String, s: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('"');
    let bytes = s.as_bytes();
    let (mut start, mut i) = (0, 0);
    while i < bytes.len() {
        let b = bytes[i];
        if (0x20..0x80).contains(&b) && b != b'"' && b != b'\\' {
            i += 1;
            continue;
        }
        // `i` starts a character: what came before it is copied as it is.
        out.push_str(sub(s, start..i));
        let c = sub(s, i..).chars().next().unwrap_or_default();
        let escaped = match c {
            '"' => "\\\"",
            '\\' => "\\\\",
            '\u{8}' => "\\b",
            '\t' => "\\t",
            '\n' => "\\n",
            '\u{c}' => "\\f",
            '\r' => "\\r",
            _ => "",
        };
        if escaped.is_empty() {
            for unit in c.encode_utf16(&mut [0; 2]) {
                out.push_str("\\u");
                for shift in [12, 8, 4, 0] {
                    out.push(char::from(HEX[usize::from((*unit >> shift) & 0xF)]));
                }
            }
        } else {
            out.push_str(escaped);
        }
        i += c.len_utf8();
        start = i;
    }
    out.push_str(sub(s, start..));
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_and_numbers_as_serde_json_writes_them() {
        let mut every_byte: String = (0u8..0x80).map(char::from).collect();
        every_byte.push_str("æøå «»\u{2028}\u{7f} 😊 \"\\\"\\");
        for s in [
            "",
            "a",
            "\"",
            "\\",
            "plain text that is long enough for eight-byte words",
            "tab\there, line\nbreak, \u{1}\u{1f}\u{8}\u{c}\r",
            &every_byte,
        ] {
            let mut out = String::new();
            string(&mut out, s);
            assert!(out.is_ascii(), "{out}");
            assert_eq!(serde_json::from_str::<String>(&out).unwrap(), s, "{s:?}");
            if s.is_ascii() {
                assert_eq!(out, serde_json::to_string(s).unwrap(), "{s:?}");
            }
        }
        for n in [0usize, 7, 10, 99, 100, 12345, usize::MAX] {
            let mut out = String::new();
            number(&mut out, n);
            assert_eq!(out, serde_json::to_string(&n).unwrap());
        }
    }
}
