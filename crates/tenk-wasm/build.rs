//! Compiles the built-in policy (`crates/tenk-core/policies/velferdsetaten.toml`) into the
//! compact form the WebAssembly build starts its engine from (`tenk_core::compiled`): no TOML
//! to read and no lexicon entries to fold when the core starts on the page's main thread.
//! Runs natively, with the full TOML reader; a policy that does not compile fails the build
//! with its error (field and line).

fn main() {
    let source = tenk_core::engine::DEFAULT_POLICY;
    let compiled = tenk_core::compiled::compile(source)
        .unwrap_or_else(|e| panic!("the built-in policy does not compile: {e}"));
    let out = std::path::PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"))
        .join("default-policy.txt");
    std::fs::write(&out, compiled).expect("write the compiled policy");
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=../tenk-core/policies/velferdsetaten.toml");
}
