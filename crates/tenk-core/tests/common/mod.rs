//! Oracles shared by the property tests (`properties.rs`), the adversarial tables
//! (`adversarial.rs`) and the stable fuzz harness (`fuzz.rs`): what every answer of the core
//! must satisfy, whatever the input.
#![allow(dead_code)] // each test crate uses a different subset

use tenk_core::api::{self, Response, State};
use tenk_core::Finding;

/// The public guideline ids (docs/CONTRACTS.md §1).
pub const GUIDELINE_IDS: [&str; 13] = [
    "negative-about-colleagues",
    "clients-and-users",
    "confidentiality",
    "mixing-roles",
    "photos",
    "loyalty",
    "logged-in-identity",
    "questions-to-official-channels",
    "facts-not-arguments",
    "copyright-and-consent",
    "admit-mistakes",
    "leaders-responsibility",
    "think-twice",
];

/// Whether UTF-16 offset `i` lies between two characters of `units` (not inside a surrogate
/// pair, not past the end).
pub fn on_boundary(units: &[u16], i: usize) -> bool {
    i == units.len() || (i < units.len() && !(0xDC00..=0xDFFF).contains(&units[i]))
}

/// Checks every finding against `text`; returns the first violation as a sentence.
///
/// - `start ≤ end ≤` the text's UTF-16 length, both on character boundaries;
/// - `matched` is exactly the UTF-16 slice `[start, end)` (empty for context findings);
/// - a text finding's span has no leading or trailing white space (the hint underlines words);
/// - findings are ordered by start; ids are public guideline ids; messages are not empty.
pub fn check_findings(text: &str, findings: &[Finding]) -> Result<(), String> {
    let units: Vec<u16> = text.encode_utf16().collect();
    let mut last_start = 0;
    for (n, f) in findings.iter().enumerate() {
        let at = || format!("finding {n} ({} / {})", f.guideline, f.detector);
        if f.start > f.end || f.end > units.len() {
            return Err(format!(
                "{}: span {}..{} outside 0..{}",
                at(),
                f.start,
                f.end,
                units.len()
            ));
        }
        if !on_boundary(&units, f.start) || !on_boundary(&units, f.end) {
            return Err(format!(
                "{}: span {}..{} splits a surrogate pair",
                at(),
                f.start,
                f.end
            ));
        }
        let slice = String::from_utf16(&units[f.start..f.end])
            .map_err(|_| format!("{}: span is not valid UTF-16", at()))?;
        if slice != f.matched {
            return Err(format!(
                "{}: matched {:?} but the text at {}..{} is {:?}",
                at(),
                f.matched,
                f.start,
                f.end,
                slice
            ));
        }
        if !f.matched.is_empty() && f.matched.trim() != f.matched {
            return Err(format!(
                "{}: span {:?} starts or ends with white space",
                at(),
                f.matched
            ));
        }
        if f.start < last_start {
            return Err(format!("{}: findings not ordered by start", at()));
        }
        last_start = f.start;
        if !GUIDELINE_IDS.contains(&f.guideline.as_str()) {
            return Err(format!("{}: unknown guideline id", at()));
        }
        if f.message.trim().is_empty() {
            return Err(format!("{}: empty message", at()));
        }
    }
    Ok(())
}

/// The door the wasm binding uses: a request object in, a response out.
pub fn handle_value(state: &mut State, value: serde_json::Value) -> Response {
    api::handle_json(state, value)
}

/// Checks a response as a whole: it serializes to a JSON object tagged by `kind`, an error
/// has a message, every list of findings in it passes [`check_findings`] against `text`
/// (when the request carried one), and an analysis lists its findings' guidelines in order.
pub fn check_response(text: Option<&str>, response: &Response) -> Result<(), String> {
    let json =
        serde_json::to_value(response).map_err(|e| format!("response does not serialize: {e}"))?;
    let kind = json
        .get("kind")
        .and_then(|k| k.as_str())
        .ok_or("response has no kind")?;
    if kind == "error" {
        let message = json.get("message").and_then(|m| m.as_str()).unwrap_or("");
        if message.trim().is_empty() {
            return Err("error response without a message".into());
        }
    }
    if let (Some(text), Some(findings)) = (text, json.get("findings")) {
        let findings: Vec<Finding> = serde_json::from_value(findings.clone())
            .map_err(|e| format!("findings do not round-trip: {e}"))?;
        check_findings(text, &findings)?;
        // An analysis lists exactly its findings' guidelines; a submit decision may add
        // guidelines of the situation (identity, first submit), so only there it may differ.
        if let (Some(ids), "analysis") = (json.get("guidelines"), kind) {
            let ids: Vec<String> = serde_json::from_value(ids.clone())
                .map_err(|e| format!("guidelines are not a list of strings: {e}"))?;
            if ids != api::distinct_guidelines(&findings) {
                return Err(format!("guidelines {ids:?} do not match the findings"));
            }
        }
    }
    Ok(())
}
