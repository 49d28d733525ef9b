//! `tenk policy terms [FILE]`: the lexicon entries as JSON, for tools outside the core.

mod common;

use common::tenk;
use std::collections::BTreeSet;

#[test]
fn built_in_policy_terms_are_the_union_of_its_lexicons() {
    let out = tenk(&["policy", "terms"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON document");
    let lexicons = v["lexicons"].as_object().expect("lexicons by name");
    assert!(lexicons.contains_key("insult") && lexicons.contains_key("negation"));
    let mut union = BTreeSet::new();
    for (name, entries) in lexicons {
        let entries = entries.as_array().expect("an array of entries");
        assert!(!entries.is_empty(), "lexicon {name} is empty");
        union.extend(entries.iter().map(|e| e.as_str().unwrap().to_string()));
    }
    let terms: Vec<&str> = v["terms"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t.as_str().unwrap())
        .collect();
    let distinct: BTreeSet<String> = terms.iter().map(|t| t.to_string()).collect();
    assert_eq!(distinct.len(), terms.len(), "terms are distinct");
    assert_eq!(distinct, union);
    // Wildcards are kept as written.
    assert!(terms.iter().any(|t| t.starts_with('*') || t.ends_with('*')));
}

#[test]
fn a_missing_policy_file_is_an_error() {
    let out = tenk(&["policy", "terms", "/nonexistent/policy.toml"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot read"));
    assert!(out.stdout.is_empty());
}
