//! `tenk sites`: the default site list the extension build turns into manifest `matches`.

mod common;

use common::tenk;

#[test]
fn manifest_matches_are_a_json_array_of_https_patterns() {
    let out = tenk(&["sites", "--manifest-matches"]);
    assert_eq!(out.status.code(), Some(0));
    let matches: Vec<String> = serde_json::from_slice(&out.stdout).expect("a JSON array");
    assert!(
        matches.len() >= 44,
        "Facebook, Disqus and at least 40 newspapers"
    );
    assert!(matches
        .iter()
        .all(|m| m.starts_with("https://") && m.ends_with("/*")));
    for required in [
        "https://www.facebook.com/*",
        "https://*.vg.no/*",
        "https://*.aftenposten.no/*",
    ] {
        assert!(matches.iter().any(|m| m == required), "{required}");
    }
}

#[test]
fn json_output_is_the_committed_file() {
    let out = tenk(&["sites", "--json"]);
    assert_eq!(out.status.code(), Some(0));
    let committed = include_str!("../../tenk-core/generated/default-sites.json");
    assert_eq!(String::from_utf8(out.stdout).unwrap(), committed);
}

#[test]
fn plain_list_and_errors() {
    let out = tenk(&["sites"]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text
        .lines()
        .any(|l| l.starts_with("vg.no") && l.ends_with("VG")));
    let bad = tenk(&["sites", "--frobnicate"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(!bad.stderr.is_empty());
}
