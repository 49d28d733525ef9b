//! A JS value as a `serde_json::Value`, read by hand with `js_sys` (what
//! `serde_wasm_bindgen::from_value::<serde_json::Value>` did, without serde's deserialiser
//! machinery in the WASM). The same rules: `null` and `undefined` are `null`; a safe integer
//! is an integer and any other number a float (NaN and the infinities become `null`, as in
//! `serde_json`); arrays are arrays; a plain object is an object of its own enumerable
//! string-keyed properties (`Object.entries`). Anything else (a BigInt, a function, a symbol,
//! a typed array, a `Map`, which `serde_wasm_bindgen` read as a map) is refused with a message.

use js_sys::{Array, Number, Object, Reflect, Symbol};
use serde_json::{Map, Value};
use wasm_bindgen::{JsCast, JsValue};

/// How deep objects and arrays may nest (a request is a few levels deep; this stops a
/// cyclic object).
const MAX_DEPTH: usize = 64;

/// Reads `value` as JSON.
pub fn to_json(value: &JsValue) -> Result<Value, String> {
    read(value, 0)
}

fn read(v: &JsValue, depth: usize) -> Result<Value, String> {
    if depth > MAX_DEPTH {
        return Err(format!("nested more than {MAX_DEPTH} levels deep"));
    }
    if v.is_null() || v.is_undefined() {
        return Ok(Value::Null);
    }
    if let Some(b) = v.as_bool() {
        return Ok(Value::Bool(b));
    }
    if let Some(n) = v.as_f64() {
        return Ok(if Number::is_safe_integer(v) {
            Value::from(n as i64)
        } else {
            serde_json::Number::from_f64(n).map_or(Value::Null, Value::Number)
        });
    }
    if let Some(s) = v.as_string() {
        return Ok(Value::String(s));
    }
    if Array::is_array(v) {
        let items: &Array = v.unchecked_ref();
        let mut out = Vec::with_capacity(items.length() as usize);
        for item in items.iter() {
            out.push(read(&item, depth + 1)?);
        }
        return Ok(Value::Array(out));
    }
    if is_plain_object(v) {
        let mut out = Map::new();
        for entry in Object::entries(v.unchecked_ref()).iter() {
            let entry: Array = entry.unchecked_into();
            let key = entry.get(0).as_string().unwrap_or_default();
            out.insert(key, read(&entry.get(1), depth + 1)?);
        }
        return Ok(Value::Object(out));
    }
    Err("a value that is not JSON (a BigInt, function, symbol, typed array, Map or Set)".into())
}

/// An object that is not iterable (so not an array, typed array, `Map` or `Set`): what
/// `serde_wasm_bindgen` read as a map through `Object.entries`, and what `JSON.parse`, object
/// literals and `structuredClone` of them make.
fn is_plain_object(v: &JsValue) -> bool {
    v.is_object() && !Reflect::has(v, &Symbol::iterator()).unwrap_or(true)
}
