//! Cost of building the engine (what the first `handle` call in the page pays):
//! `cargo run --release --example prof_build -- N [toml|compiled]` builds the default policy's
//! engine N times from the TOML or from the compiled form; run it under
//! `valgrind --tool=callgrind` (or `perf stat`) and divide by N.
use tenk_core::engine::DEFAULT_POLICY;
use tenk_core::Engine;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let n: usize = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(10);
    let from_toml = args.get(2).is_some_and(|s| s == "toml");
    let compiled =
        tenk_core::compiled::compile(DEFAULT_POLICY).expect("the built-in policy compiles");
    for _ in 0..n {
        let engine = if from_toml {
            Engine::from_policy_str(DEFAULT_POLICY)
        } else {
            Engine::from_compiled(&compiled)
        };
        std::hint::black_box(&engine.expect("the built-in policy is valid"));
    }
}
