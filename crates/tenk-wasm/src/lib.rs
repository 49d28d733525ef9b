//! wasm-bindgen bindings for `tenk-core`. One entry point, [`handle`]: a plain JS object in
//! (`{op: "analyse", …}`), a plain JS object out. No decisions are made here.

use std::cell::RefCell;

use serde::Serialize;
use tenk_core::api::{self, Response, State};
use tenk_core::Engine;
use wasm_bindgen::prelude::*;

mod js_json;

/// The built-in policy compiled by `build.rs` (see `tenk_core::compiled`).
const COMPILED_POLICY: &str = include_str!(concat!(env!("OUT_DIR"), "/default-policy.txt"));

thread_local! {
    static STATE: RefCell<State> = RefCell::new(State::with_builtin(
        Engine::from_compiled(COMPILED_POLICY).expect("the compiled built-in policy reads (tested)"),
    ));
}

/// Answers one request from the content script or the service worker.
///
/// Never throws for bad input: a request that does not parse yields
/// `{kind: "error", message}` so the caller can fail open.
#[wasm_bindgen]
pub fn handle(request: JsValue) -> JsValue {
    // The object is read into a JSON value by hand (`js_json`) and the request from that by
    // `api::handle_json`'s own reader: no serde deserialisation in the WASM (BENCHMARKS.md).
    let response = match js_json::to_json(&request) {
        Ok(value) => STATE.with(|s| api::handle_json(&mut s.borrow_mut(), value)),
        Err(e) => Response::Error {
            message: format!("Ugyldig forespørsel / invalid request: {e}"),
        },
    };
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    response.serialize(&serializer).unwrap_or(JsValue::NULL)
}
