//! The public CLI contract (docs/CONTRACTS.md §2), checked against the built `tenk` binary.
//! If this test fails, the contract changed shape: outside acceptance tests depend on it.

mod common;

use common::tenk_with_stdin as tenk;
use std::process::Output;

fn json(out: &Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout).expect("stdout is one JSON document")
}

fn keys(v: &serde_json::Value) -> Vec<String> {
    let mut k: Vec<String> = v.as_object().expect("an object").keys().cloned().collect();
    k.sort();
    k
}

#[test]
fn clean_text_exits_zero_with_empty_findings() {
    let out = tenk(
        &["check", "--json"],
        "Fin dag på tur i marka i dag.".as_bytes(),
    );
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(json(&out), serde_json::json!({ "findings": [] }));
}

#[test]
fn finding_has_exactly_the_contract_keys_and_utf16_offsets() {
    let text = "😀 æøå fnr 01129940030";
    let out = tenk(&["check", "--json"], text.as_bytes());
    assert_eq!(out.status.code(), Some(1));
    let v = json(&out);
    assert_eq!(keys(&v), ["findings"]);
    let findings = v["findings"].as_array().unwrap();
    let f = findings
        .iter()
        .find(|f| f["guideline"] == "confidentiality")
        .expect("a confidentiality finding");
    assert_eq!(
        keys(f),
        ["end", "guideline", "message", "severity", "start"]
    );
    assert!(f["severity"] == "warn" || f["severity"] == "info");
    assert!(!f["message"].as_str().unwrap().is_empty());
    let units: Vec<u16> = text.encode_utf16().collect();
    let (s, e) = (
        f["start"].as_u64().unwrap() as usize,
        f["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(String::from_utf16(&units[s..e]).unwrap(), "01129940030");
}

#[test]
fn explain_adds_detector_and_matched() {
    let out = tenk(&["check", "--json", "--explain"], b"fnr 01129940030");
    assert_eq!(out.status.code(), Some(1));
    let v = json(&out);
    let f = &v["findings"][0];
    assert_eq!(
        keys(f),
        [
            "detector",
            "end",
            "guideline",
            "matched",
            "message",
            "severity",
            "start"
        ]
    );
    assert_eq!(f["matched"], "01129940030");
}

#[test]
fn options_of_the_contract_are_accepted() {
    let out = tenk(
        &[
            "check",
            "--json",
            "--site",
            "https://www.vg.no/x",
            "--role",
            "employee",
        ],
        b"Fin dag.",
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn errors_exit_two_with_one_sentence_on_stderr() {
    let cases: &[(&str, &[&str], &[u8])] = &[
        ("invalid UTF-8", &["check", "--json"], b"hei \xff\xfe"),
        (
            "unreadable policy",
            &["check", "--json", "--policy", "/nonexistent/policy.toml"],
            b"hei",
        ),
        ("bad role", &["check", "--json", "--role", "boss"], b"hei"),
        (
            "unknown option",
            &["check", "--json", "--frobnicate"],
            b"hei",
        ),
        ("unknown command", &["frobnicate"], b""),
    ];
    for (name, args, stdin) in cases {
        let out = tenk(args, stdin);
        assert_eq!(out.status.code(), Some(2), "{name}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(
            err.trim_end().lines().count(),
            1,
            "{name}: one line on stderr, got {err:?}"
        );
        assert!(out.stdout.is_empty(), "{name}: nothing on stdout");
    }
}
