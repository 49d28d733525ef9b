//! The compiled form of a policy: matchers built once, then [`Engine::analyse`] is a pure
//! function of text and context.
//!
//! WALKING-SKELETON NOTE: detectors are being filled in (issue 3/4); this file owns the
//! public shape `Engine::default_policy()` / `Engine::analyse()`.

use crate::{Context, Finding};

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
        let _ = (text, ctx);
        Vec::new()
    }
}
