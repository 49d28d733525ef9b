//! The WebAssembly build's answer as JSON text (`api::handle_json_text`, whose `analysis`
//! answer is written by hand, in ASCII) is the JSON value `serde_json` writes for
//! `handle_json`'s response (and, but for the `\uxxxx` escapes, the same bytes): on the dev
//! comments (never the blind halves) and mixes of them, in three languages, as employee and
//! leader, with settings that turn a guideline off and change severities, after a custom
//! policy came and went, and for every other op.
use serde_json::{json, Value};
use tenk_core::api::{handle_json, handle_json_text, State};

fn dev_texts() -> Vec<String> {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/eval/");
    let mut texts = Vec::new();
    for file in ["dev.jsonl", "dev2.jsonl", "dev3.jsonl", "dev5.jsonl"] {
        let Ok(source) = std::fs::read_to_string(format!("{root}{file}")) else {
            continue;
        };
        for line in source.lines().filter(|l| !l.trim().is_empty()) {
            let v: Value = serde_json::from_str(line).expect("a JSON line");
            texts.push(v["text"].as_str().expect("a text").to_string());
        }
    }
    texts
}

/// Both answers to `request` in states that have seen the same requests.
fn same(text_state: &mut State, value_state: &mut State, request: Value) {
    let text = handle_json_text(text_state, Ok(request.clone()));
    let response = handle_json(value_state, request.clone());
    let expected = serde_json::to_value(&response).unwrap();
    let got: Value = serde_json::from_str(&text).expect("JSON");
    assert_eq!(got, expected, "{request}");
    if expected["kind"] == "analysis" {
        assert!(text.is_ascii(), "{text}");
        // Byte for byte what serde_json writes once its non-ASCII characters are escaped.
        let serde = serde_json::to_string(&response).unwrap();
        let escaped: String = serde
            .chars()
            .flat_map(|c| {
                let mut units = [0; 2];
                let units: Vec<u16> = c.encode_utf16(&mut units).to_vec();
                if c.is_ascii() {
                    vec![c.to_string()]
                } else {
                    units.iter().map(|u| format!("\\u{u:04x}")).collect()
                }
            })
            .collect();
        assert_eq!(text, escaped, "{request}");
    }
}

#[test]
fn hand_written_analysis_is_what_serde_writes() {
    let mut texts = dev_texts();
    assert!(texts.len() > 500, "the dev comments are there");
    let mixes: Vec<String> = texts
        .chunks(9)
        .map(|c| c.join("\n\t\"«»\\ ").to_uppercase() + " NAV!!! 12345678901 \u{1}saksnr. 2024/123")
        .collect();
    texts.extend(mixes);
    texts.push(String::new());
    let (mut a, mut b) = (State::new(), State::new());
    let custom = tenk_core::engine::DEFAULT_POLICY.replacen(
        "title = \"Taushetsplikten gjelder også på nett\"",
        "title = \"Husk «taushetsplikten» i \\\"Etat X\\\"\"",
        1,
    );
    assert_ne!(custom, tenk_core::engine::DEFAULT_POLICY);
    let settings = [
        json!({"op": "configure"}),
        json!({"op": "configure", "managed": {"role": "leader", "guidelines": {"photos": {"enabled": false}, "loyalty": {"severity": "info"}, "confidentiality": {"severity": "info"}}}}),
        json!({"op": "configure", "managed": {"customPolicy": custom}}),
        json!({"op": "configure", "managed": {"customPolicy": custom, "guidelines": {"negative-about-colleagues": {"severity": "info"}}}}),
        json!({"op": "configure", "user": {"locale": "en"}}),
    ];
    for (k, configure) in settings.into_iter().enumerate() {
        if k > 0 {
            same(&mut a, &mut b, configure);
        }
        for (i, text) in texts.iter().enumerate() {
            let lang = ["nb", "nn", "en"][(i + k) % 3];
            let context = match i % 4 {
                0 => json!({"lang": lang}),
                1 => json!({"lang": lang, "role": "leader", "site": "www.facebook.com"}),
                2 => json!({}),
                _ => json!({"lang": lang, "hasAttachment": true, "isEdit": true, "localHour": 2}),
            };
            same(
                &mut a,
                &mut b,
                json!({"op": "analyse", "text": text, "context": context}),
            );
        }
    }
    for other in [
        json!({"op": "guidelines", "lang": "nn"}),
        json!({"op": "site", "url": "https://www.facebook.com/x"}),
        json!({"op": "prepareSubmit", "text": "Fødselsnummeret hans er 01129940030", "context": {}}),
        json!({"op": "analyse"}),
        json!({"op": "nothing"}),
        json!(3),
    ] {
        same(&mut a, &mut b, other);
    }
    // A value the caller could not read: the same error as a request the reader refuses.
    let refused = handle_json_text(&mut a, Err("not JSON".into()));
    assert_eq!(
        refused,
        r#"{"kind":"error","message":"Ugyldig forespørsel / invalid request: not JSON"}"#
    );
}
