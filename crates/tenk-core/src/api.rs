//! The one door between JavaScript and the core.
//!
//! The content script and the service worker both send the same serde-tagged [`Request`]
//! objects (`{"op": "analyse", …}`) and get [`Response`]s back, so running the core in the
//! page's content-script world or in the service worker is the same code on both sides. The
//! wasm crate only converts `JsValue`s; every decision is made here and unit-tested natively.

use serde::{Deserialize, Serialize};

use crate::{Context, Engine, Finding};

/// A request from the extension's JavaScript.
#[derive(Debug, Clone, Deserialize)]
#[serde(tag = "op", rename_all = "camelCase")]
pub enum Request {
    /// Findings for the inline hint while the person types.
    #[serde(rename_all = "camelCase")]
    Analyse {
        /// The field's current text.
        text: String,
        /// Where and by whom it is written.
        #[serde(default)]
        context: Context,
    },
}

/// The core's answer to a [`Request`].
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum Response {
    /// Answer to [`Request::Analyse`].
    #[serde(rename_all = "camelCase")]
    Analysis {
        /// Findings ordered by start offset.
        findings: Vec<Finding>,
        /// Distinct guideline ids in `findings`, in order of first appearance.
        guidelines: Vec<String>,
    },
    /// The request could not be answered; the extension fails open.
    Error {
        /// One clear sentence.
        message: String,
    },
}

/// What the core keeps between requests in one JavaScript realm.
#[derive(Debug, Clone, Default)]
pub struct State {
    engine: Engine,
}

impl State {
    /// State with the built-in policy and default settings.
    pub fn new() -> Self {
        State {
            engine: Engine::default_policy(),
        }
    }
}

/// Answers one request.
pub fn handle(state: &mut State, request: Request) -> Response {
    match request {
        Request::Analyse { text, context } => {
            let findings = state.engine.analyse(&text, &context);
            let guidelines = distinct_guidelines(&findings);
            Response::Analysis {
                findings,
                guidelines,
            }
        }
    }
}

/// Distinct guideline ids in order of first appearance.
pub fn distinct_guidelines(findings: &[Finding]) -> Vec<String> {
    let mut ids: Vec<String> = Vec::new();
    for f in findings {
        if !ids.iter().any(|id| id == &f.guideline) {
            ids.push(f.guideline.clone());
        }
    }
    ids
}
