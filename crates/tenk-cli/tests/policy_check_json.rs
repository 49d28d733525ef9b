//! `tenk policy check FILE.json`: the managed-settings policy IT deploys, checked with the
//! same merge the extension runs.

mod common;

use common::tenk;
use std::path::PathBuf;

/// Writes `content` to a fresh file under the target directory and returns its path.
fn policy_file(name: &str, content: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("policy-check-json");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, content).unwrap();
    path
}

fn run(name: &str, content: &str, extra: &[&str]) -> (Option<i32>, String, String) {
    let path = policy_file(name, content);
    let mut args = vec!["policy", "check", path.to_str().unwrap()];
    args.extend_from_slice(extra);
    let out = tenk(&args);
    (
        out.status.code(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn valid_policy_prints_changes_and_locks_and_exits_zero() {
    let (code, stdout, _) = run(
        "valid.json",
        r#"{"role": "leader", "allowSnooze": false, "guidelines": {"photos": {"enabled": false}}}"#,
        &[],
    );
    assert_eq!(code, Some(0), "{stdout}");
    assert!(
        stdout.contains("role: \"employee\" → \"leader\""),
        "{stdout}"
    );
    assert!(
        stdout.contains("guidelines.photos.enabled: true → false"),
        "{stdout}"
    );
    assert!(stdout.contains("Locked for staff: "), "{stdout}");
    assert!(stdout.contains("snoozes"), "{stdout}");
}

#[test]
fn problems_name_the_key_and_exit_two() {
    let (code, stdout, _) = run(
        "problems.json",
        r#"{"role": "boss", "colour": "red", "sites": {"add": ["ok.no", "not a host"]}}"#,
        &["--lang", "nb"],
    );
    assert_eq!(code, Some(2), "{stdout}");
    for key in ["«role»", "«colour»", "«sites.add[1]»"] {
        assert!(stdout.contains(key), "{key} in {stdout}");
    }
    assert!(
        stdout.contains("sites.add: [] → [\"ok.no\"]"),
        "valid keys still apply: {stdout}"
    );
}

#[test]
fn json_report_and_unreadable_files() {
    let (code, stdout, _) = run("report.json", r#"{"locale": "nn"}"#, &["--json"]);
    assert_eq!(code, Some(0));
    let report: serde_json::Value = serde_json::from_str(&stdout).expect("a JSON report");
    assert_eq!(report["changes"][0]["key"], "locale");
    assert_eq!(report["locks"], serde_json::json!(["locale"]));

    let (code, stdout, _) = run("broken.json", "{ not json", &[]);
    assert_eq!(code, Some(2));
    assert!(stdout.contains("not valid JSON"), "{stdout}");

    let out = tenk(&["policy", "check", "/nonexistent/tenk-policy.json"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot read"));
}
