//! The compiled form of a policy: matchers built once, then [`Engine::analyse`] is a pure
//! function of text and context.

use crate::spans::Utf16Map;
use crate::{national_id, Context, Finding, Lang, Severity};

/// Guidelines compiled for fast analysis. Build once, analyse many times.
#[derive(Debug, Clone, Default)]
pub struct Engine {}

impl Engine {
    /// The engine for the built-in Velferdsetaten policy.
    pub fn default_policy() -> Engine {
        Engine {}
    }

    /// Every finding in `text` under `ctx`, ordered by start offset.
    pub fn analyse(&self, text: &str, ctx: &Context) -> Vec<Finding> {
        let map = Utf16Map::new(text);
        let message = match ctx.lang {
            Lang::Nb => "Dette ser ut som et fødselsnummer eller D-nummer. Taushetsplikten gjelder også i sosiale medier.",
            Lang::Nn => "Dette ser ut som eit fødselsnummer eller D-nummer. Teieplikta gjeld òg i sosiale medium.",
            Lang::En => "This looks like a Norwegian national ID number. Confidentiality applies on social media too.",
        };
        national_id::find(text)
            .into_iter()
            .map(|(s, e)| Finding {
                guideline: "confidentiality".into(),
                severity: Severity::Warn,
                start: map.to_utf16(s),
                end: map.to_utf16(e),
                message: message.into(),
                detector: "national-id".into(),
                matched: text[s..e].into(),
            })
            .collect()
    }
}
