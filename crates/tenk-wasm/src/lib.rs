//! wasm-bindgen bindings for `tenk-core`. One entry point, [`handle`]: a plain JS object in
//! (`{op: "analyse", …}`), a plain JS object out. No decisions are made here.

use std::cell::RefCell;

use tenk_core::api::{self, State};
use tenk_core::Engine;
use wasm_bindgen::prelude::*;

#[cfg(any(target_arch = "wasm32", test))]
mod heap;
mod js_json;

/// A smaller allocator than the standard library's (`heap.rs`).
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static HEAP: heap::Heap = heap::Heap::new();

/// The built-in policy compiled by `build.rs` (see `tenk_core::compiled`).
const COMPILED_POLICY: &str = include_str!(concat!(env!("OUT_DIR"), "/default-policy.txt"));

thread_local! {
    static STATE: RefCell<State> = RefCell::new(State::with_builtin(
        Engine::from_compiled(COMPILED_POLICY)
            .unwrap_or_else(|e| panic!("the compiled built-in policy reads (tested): {}", e.message)),
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
    // `try_with`, not `with`: the state is never destroyed in the WASM (one thread that never
    // exits), and `with`'s panic message links `AccessError`'s `Debug` (BENCHMARKS.md, «size4»).
    let json = STATE
        .try_with(|s| api::handle_json_text(&mut s.borrow_mut(), js_json::to_json(&request)))
        .unwrap_or_default();
    // The response is JSON text (`serde_json`, the `analysis` answer written by hand by the
    // core), parsed by the engine's `JSON.parse`: the same plain object `serde_wasm_bindgen`'s
    // JSON-compatible serialiser built property by property, with less code in the WASM and
    // faster (BENCHMARKS.md).
    js_sys::JSON::parse(&json).unwrap_or(JsValue::NULL)
}

/// The analysis alone, for the browser benchmark only (`--features bench`, built by
/// `./build.sh bench` into `target/wasm-bindgen-bench`, never shipped): the findings of `text`
/// under the default context, as the native criterion benchmark analyses, without the request
/// and answer conversion that [`handle`] adds. Returns how many findings there are.
#[cfg(feature = "bench")]
#[wasm_bindgen]
pub fn bench_analyse(text: &str) -> u32 {
    let context = tenk_core::Context::default();
    STATE
        .try_with(|s| s.borrow().engine().analyse(text, &context).len() as u32)
        .unwrap_or_default()
}
