//! The one door between JavaScript and the core.
//!
//! The content script and the service worker both send the same serde-tagged [`Request`]
//! objects (`{"op": "analyse", …}`) and get [`Response`]s back, so running the core in the
//! page's content-script world or in the service worker is the same code on both sides. The
//! wasm crate only converts `JsValue`s; every decision is made here and unit-tested natively.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::field::{self, FieldDecision, FieldDescription};
use crate::identity::{self, Candidates, Identity};
use crate::{Context, Engine, Finding, GuidelineText, Lang};

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
    /// Is this editable element a comment field? (`qualifyField {field}` → `fieldDecision`.)
    #[serde(rename_all = "camelCase")]
    QualifyField {
        /// Plain description of the element, read by the content script.
        field: FieldDescription,
    },
    /// Who will the comment be published as? (`identity {candidates}` → `identity`.)
    #[serde(rename_all = "camelCase")]
    Identity {
        /// Strings the adapter gathered around the field.
        #[serde(default)]
        candidates: Candidates,
    },
    /// Every guideline's texts, for the options page.
    #[serde(rename_all = "camelCase")]
    Guidelines {
        /// Language of the texts.
        #[serde(default)]
        lang: Lang,
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
        /// Texts of those guidelines in `context.lang`, by id.
        texts: BTreeMap<String, GuidelineText>,
    },
    /// Answer to [`Request::Guidelines`].
    #[serde(rename_all = "camelCase")]
    GuidelineList {
        /// All guidelines of the policy in policy order.
        guidelines: Vec<GuidelineText>,
    },
    /// Answer to [`Request::QualifyField`].
    FieldDecision(FieldDecision),
    /// Answer to [`Request::Identity`]. Nested, because an identity has a `kind` of its own.
    Identity {
        /// Who the comment will be published as.
        identity: Identity,
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
            let texts = texts_for(&state.engine, &guidelines, context.lang);
            Response::Analysis {
                findings,
                guidelines,
                texts,
            }
        }
        Request::Guidelines { lang } => Response::GuidelineList {
            guidelines: state.engine.guideline_texts(lang),
        },
        Request::QualifyField { field } => Response::FieldDecision(field::qualify(&field)),
        Request::Identity { candidates } => Response::Identity {
            identity: identity::identify(&candidates),
        },
    }
}

/// Answers one request given as plain JSON: a request that does not parse (unknown `op`,
/// missing or mistyped field) becomes [`Response::Error`] naming the problem, never a panic.
pub fn handle_json(state: &mut State, request: serde_json::Value) -> Response {
    match serde_json::from_value::<Request>(request) {
        Ok(request) => handle(state, request),
        Err(e) => Response::Error {
            message: format!("Ugyldig forespørsel / invalid request: {e}"),
        },
    }
}

/// Texts of the guidelines `ids` in `lang`, by id.
pub fn texts_for(engine: &Engine, ids: &[String], lang: Lang) -> BTreeMap<String, GuidelineText> {
    ids.iter()
        .filter_map(|id| engine.guideline_text(id, lang).map(|t| (id.clone(), t)))
        .collect()
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

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    fn ask(request: Value) -> Value {
        let mut state = State::new();
        serde_json::to_value(handle_json(&mut state, request)).expect("responses serialise")
    }

    #[test]
    fn qualify_field_op() {
        let got = ask(
            json!({"op": "qualifyField", "field": {"tag": "textarea", "placeholder": "Skriv en kommentar"}}),
        );
        assert_eq!(
            got,
            json!({"kind": "fieldDecision", "qualifies": true, "reason": "comment-label"})
        );
        let got = ask(json!({"op": "qualifyField", "field": {"tag": "input", "type": "search"}}));
        assert_eq!(
            got,
            json!({"kind": "fieldDecision", "qualifies": false, "reason": "search"})
        );
    }

    #[test]
    fn identity_op() {
        let got = ask(
            json!({"op": "identity", "candidates": {"labels": ["Kommenter som Kari Nordmann"], "pageSwitcher": false}}),
        );
        assert_eq!(
            got,
            json!({"kind": "identity", "identity": {"name": "Kari Nordmann", "kind": "person", "showsWorkplace": false, "workplace": null, "source": "label"}})
        );
    }

    #[test]
    fn bad_requests_are_errors() {
        let cases = [
            ("unknown op", json!({"op": "fly"})),
            ("no op", json!({"text": "hei"})),
            ("not an object", json!("qualifyField")),
            ("field missing", json!({"op": "qualifyField"})),
            (
                "field mistyped",
                json!({"op": "qualifyField", "field": {"tag": 3}}),
            ),
            (
                "candidates mistyped",
                json!({"op": "identity", "candidates": {"labels": "x"}}),
            ),
        ];
        for (name, request) in cases {
            let got = ask(request);
            assert_eq!(got["kind"], "error", "{name}");
            assert!(
                got["message"].as_str().is_some_and(|m| !m.is_empty()),
                "{name}"
            );
        }
    }
}
