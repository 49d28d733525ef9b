//! What the analysis reports: one [`Finding`] per place in the text (or per context fact)
//! that touches a guideline.

use serde::{Deserialize, Serialize};

/// How strongly a finding asks for attention. `warn` pauses a submit; `info` only reminds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// A gentle reminder.
    Info,
    /// Worth a second look before publishing.
    Warn,
}

/// One reason to think twice, tied to a guideline id from `guideline-ids.md`.
///
/// `start`/`end` are **UTF-16 code unit** offsets into the analysed text (what JavaScript
/// strings use), covering exactly the words that triggered the finding. Context-only findings
/// (for example `logged-in-identity`) have `start == end == 0`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    /// Stable guideline id, e.g. `confidentiality`.
    pub guideline: String,
    /// How strongly it asks for attention.
    pub severity: Severity,
    /// UTF-16 offset of the first code unit of the trigger.
    pub start: usize,
    /// UTF-16 offset one past the last code unit of the trigger.
    pub end: usize,
    /// A short, friendly sentence in the requested language.
    pub message: String,
    /// Which detector fired (for `--explain` and debugging), e.g. `national-id`.
    pub detector: String,
    /// The exact text that triggered it (empty for context-only findings).
    pub matched: String,
}
