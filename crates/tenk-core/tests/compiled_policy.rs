//! The compiled built-in policy (`tenk_core::compiled::compile`, what the WebAssembly build
//! starts from, compiled by `crates/tenk-wasm/build.rs`) finds exactly what the TOML it was
//! compiled from finds: every finding of
//! `analyse` and `analyse_all`, byte for byte, on the dev comments (never the blind test half)
//! and on mixes of them, under contexts that reach every detector kind.
use tenk_core::engine::DEFAULT_POLICY;
use tenk_core::{Context, Engine, Lang, Role};

fn dev_texts() -> Vec<String> {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/eval/");
    let mut texts = Vec::new();
    for file in ["dev.jsonl", "dev2.jsonl", "dev3.jsonl"] {
        let Ok(source) = std::fs::read_to_string(format!("{root}{file}")) else {
            continue;
        };
        for line in source.lines().filter(|l| !l.trim().is_empty()) {
            let v: serde_json::Value = serde_json::from_str(line).expect("a JSON line");
            texts.push(v["text"].as_str().expect("a text").to_string());
        }
    }
    texts
}

#[test]
fn compiled_and_toml_policies_find_the_same() {
    let from_toml = Engine::from_policy_str(DEFAULT_POLICY).unwrap();
    let compiled =
        Engine::from_compiled(&tenk_core::compiled::compile(DEFAULT_POLICY).unwrap()).unwrap();
    let texts = dev_texts();
    assert!(texts.len() > 500, "the dev comments are there");
    let mut mixes: Vec<String> = texts
        .chunks(7)
        .map(|c| c.join(" ").to_uppercase() + " NAV!!! 12345678901 saksnr. 2024/123")
        .collect();
    mixes.push(texts.join("\n"));
    let contexts = [
        Context::default(),
        Context {
            role: Role::Leader,
            lang: Lang::Nn,
            has_attachment: true,
            is_edit: true,
            local_hour: Some(2),
            site: Some("https://www.facebook.com/".into()),
            ..Context::default()
        },
        Context {
            lang: Lang::En,
            ..Context::default()
        },
    ];
    let mut findings = 0;
    let mut by_model = 0;
    for text in texts.iter().chain(&mixes) {
        for ctx in &contexts {
            let a = from_toml.analyse_all(text, ctx);
            assert_eq!(a, compiled.analyse_all(text, ctx), "analyse_all: {text}");
            assert_eq!(
                from_toml.analyse(text, ctx),
                compiled.analyse(text, ctx),
                "analyse: {text}"
            );
            findings += a.len();
            by_model += a.iter().filter(|f| f.detector == "model").count();
        }
    }
    // The learned detector's weights go through the compiled form too.
    assert!(
        compiled.policy().model.is_some() && by_model > 100,
        "the model's findings are compared ({by_model})"
    );
    assert!(
        findings > 1000,
        "the texts reach the detectors ({findings} findings)"
    );
    for lang in [Lang::Nb, Lang::Nn, Lang::En] {
        assert_eq!(
            from_toml.guideline_texts(lang),
            compiled.guideline_texts(lang)
        );
    }
}
