//! `tenk-core`: the pure heart of Tenk deg om.
//!
//! Text and a description of the situation (site, identity, role, settings) go in; findings
//! that name the guideline they serve come out. Nothing here touches a browser, a file or the
//! network, so every decision the extension makes is unit-tested natively.
//!
//! The browser talks to this crate through one door, [`api::handle`], with serde-tagged
//! [`api::Request`]s; the CLI uses the typed functions directly. How a text travels through
//! the engine is told in `DESIGN.md`.

// No `&str[..]` outside tests: its panic path links core's Unicode tables (≈ 4–5 KB of
// the WASM); slice through `text::sub` instead (text.rs). CI's `clippy -D warnings` enforces it.
#![cfg_attr(not(test), warn(clippy::string_slice))]

mod analysis_json;
pub mod api;
mod bytes;
pub mod compiled;
pub mod context;
mod deltas;
pub mod edit_hints;
pub mod engine;
pub mod field;
pub mod finding;
pub mod friend_request;
pub mod identity;
pub mod lexicon;
mod lower;
mod marks;
mod matcher;
pub mod mini_toml;
pub mod model;
pub mod national_id;
pub mod normalize;
mod phrases;
pub mod policy;
// The WebAssembly build's policy reader; natively only its tests use it.
#[cfg_attr(feature = "toml", allow(dead_code))]
mod policy_reader;
mod request_reader;
pub mod rules;
pub mod settings;
pub mod sites;
pub mod sorted_map;
pub mod spans;
pub mod submit;
mod text;

pub use context::{Context, Lang, Role};
pub use engine::Engine;
pub use finding::{Finding, Severity};
pub use policy::{GuidelineText, Policy, PolicyError};
