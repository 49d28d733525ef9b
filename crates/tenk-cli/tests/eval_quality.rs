//! The quality of the built-in policy, measured with the built `tenk eval` on the test half of
//! the evaluation set (`tests/eval/test.jsonl`), which the policy was never tuned on.
//!
//! Two bars, both run by every `cargo test`: a floor with a little room below what this version
//! reaches (a regression guard), and the bar issue 4 sets (macro-F1 ≥ 0.90, ≤ 3 % clean false
//! alarms), which the test half has reached since the second session of 2026-12-06. The third,
//! the two fourth («voice», «facts»), the fifth, the sixth, the seventh and the eighth development
//! voices (`dev3.jsonl`, `dev4v.jsonl`, `dev4f.jsonl`, `dev5.jsonl`, `dev6.jsonl`, `dev7.jsonl`,
//! `dev8.jsonl`, each written before the engine was run on it) have always-on guards at the level
//! they reached, raised to the levels of the false-alarm round of 2026-12-03 late evening (a small
//! margin below each; dev8's since the new-voice round of 2026-12-04; dev9's and dev11's since the
//! quality round of 2026-12-04 evening; dev12's since the generalisation round of 2026-12-04
//! night; dev10's since its release in the session of 2026-12-06; dev13's since its release in the
//! second session of 2026-12-06). docs/quality.md has the tables.

use std::path::Path;
use std::process::Command;

/// (macro-F1, clean false-alarm rate, comments) on the test half.
fn measure() -> (f64, f64, u64) {
    measure_file("test.jsonl")
}

/// (macro-F1, clean false-alarm rate, comments) on one file of `tests/eval/`.
fn measure_file(name: &str) -> (f64, f64, u64) {
    measure_path(
        &Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../tests/eval")
            .join(name),
    )
}

/// (macro-F1, clean false-alarm rate, comments) on a labelled JSON Lines file.
fn measure_path(set: &Path) -> (f64, f64, u64) {
    assert!(
        set.exists(),
        "the evaluation set {} is missing",
        set.display()
    );
    let out = Command::new(env!("CARGO_BIN_EXE_tenk"))
        .args(["eval", "--json"])
        .arg(set)
        .output()
        .expect("tenk eval runs");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON on stdout");
    (
        v["macroF1"].as_f64().unwrap(),
        v["cleanFalseAlarmRate"].as_f64().unwrap(),
        v["comments"].as_u64().unwrap(),
    )
}

/// Fails when `name` has fewer than `min_comments` comments, a macro-F1 below `min_f1`, or more
/// than 3 % clean false alarms.
fn assert_reaches(name: &str, min_comments: u64, min_f1: f64) {
    assert_reaches_with(name, min_comments, min_f1, 0.03);
}

/// As [`assert_reaches`], with `max_false_alarms` (a share) instead of 3 %.
fn assert_reaches_with(name: &str, min_comments: u64, min_f1: f64, max_false_alarms: f64) {
    let (macro_f1, false_alarms, comments) = measure_file(name);
    assert!(
        comments >= min_comments,
        "{name} is too small: {comments} comments"
    );
    assert!(
        macro_f1 >= min_f1,
        "macro-F1 {macro_f1:.3} on {name} fell below this version's {min_f1}"
    );
    assert!(
        false_alarms <= max_false_alarms,
        "clean false-alarm rate {:.1} % on {name} is above {:.1} %",
        false_alarms * 100.0,
        max_false_alarms * 100.0
    );
}

/// The test half's guard: at most 3/114 = 2.6 % clean false alarms (under the issue's 3 % bar)
/// and macro-F1 ≥ 0.89 (0.88 until 2026-12-06). Its reporting runs: 0.883 / 4/114 after the
/// false-alarm round of 2026-12-03, 0.888 / 2/114 after the new-voice round and the praise veto of
/// 2026-12-04, which also took the blind ninth voice (`dev9.jsonl`) from 10/116 to 8/116 clean
/// false alarms; 0.891 / 1/114 after 2026-12-05 evening, 0.8986 / 1/114 after 2026-12-06, 0.9018 / 1/114 after
/// the second session of 2026-12-06. The
/// issue's macro-F1 bar is in `test_half_meets_the_issue_bar` below (docs/quality.md).
#[test]
fn test_half_does_not_regress() {
    assert_reaches_with("test.jsonl", 200, 0.89, 3.0 / 114.0 + 1e-9);
}

#[test]
fn dev3_does_not_regress() {
    assert_reaches("dev3.jsonl", 250, 0.95);
}

/// 0.90 until 2026-12-05, when insult-about-clients stopped reading clients insulted as a group
/// as `clients-and-users` (blind error ledger, docs/quality.md: 2 correct, 8 false findings over ten
/// blind voices): dev4v has a single `clients-and-users` positive, such a comment, so its
/// macro-F1 over 8 guidelines fell 0.913 → 0.851 by that one comment.
#[test]
fn dev4v_does_not_regress() {
    assert_reaches("dev4v.jsonl", 150, 0.84);
}

#[test]
fn dev4f_does_not_regress() {
    assert_reaches("dev4f.jsonl", 150, 0.96);
}

#[test]
fn dev5_does_not_regress() {
    assert_reaches("dev5.jsonl", 200, 0.91);
}

/// dev6 (the sixth voice, tuned on in the quality round) had 5/89 = 5.6 % clean false alarms even
/// with the model trained on it, and a guard at 6 %; the false-alarm round of 2026-12-03 late
/// evening brought it to 2/89 = 2.2 %, under the 3 % bar (docs/quality.md).
#[test]
fn dev6_does_not_regress() {
    assert_reaches("dev6.jsonl", 250, 0.88);
}

/// dev7 (the seventh voice: blind until the lead measured it at the end of the sixth-voice round,
/// tuned on and trained on since the false-alarm round). 0.88 until the quality round of
/// 2026-12-04 evening, whose higher model thresholds (chosen on eleven-fold cross-validation,
/// where dev7's held-out fold went 0.851 -> 0.847) took its fitted score 0.893 -> 0.874.
#[test]
fn dev7_does_not_regress() {
    assert_reaches("dev7.jsonl", 200, 0.86);
}

/// dev8 (the eighth voice: blind until the lead measured it twice, 0.797 / 9.0 % and 0.811 / 6.7 %;
/// tuned on and trained on since the new-voice round of 2026-12-04, 0.922 / 0/89 fitted).
#[test]
fn dev8_does_not_regress() {
    assert_reaches("dev8.jsonl", 250, 0.90);
}

/// dev9 (the ninth voice: blind until released in the session of 2026-12-04 evening, 0.837 / 8/116
/// when first measured with the rules and model of that session's start; tuned on and trained on
/// since the quality round of that evening, 0.930 / 2/116 fitted).
#[test]
fn dev9_does_not_regress() {
    assert_reaches("dev9.jsonl", 300, 0.92);
}

/// dev11 (the eleventh voice, weighted to the weakest guidelines: 0.827 / 14/108 when first
/// measured, before anything was tuned on it; tuned on and trained on since the quality round of
/// 2026-12-04 evening, 0.910 / 5/108 = 4.6 % fitted, so its guard allows 6 %).
#[test]
fn dev11_does_not_regress() {
    assert_reaches_with("dev11.jsonl", 300, 0.90, 0.06);
}

/// dev12 (the twelfth voice: second-language writers, strong dialect, named jobs; 0.795 / 8/130
/// when first measured, before anything was tuned on it; tuned on since the generalisation round
/// of 2026-12-04 night, 0.874 / 1/130 with the rules of that round and the model trained on the
/// eleven older files, which was not retrained on dev12: the cross-validation showed no gain).
#[test]
fn dev12_does_not_regress() {
    assert_reaches_with("dev12.jsonl", 350, 0.86, 0.06);
}

/// dev10 (the tenth voice: blind until released at the start of the session of 2026-12-06, measured
/// five times by the lead for the tables only, 0.831 / 11/117 first and 0.861 / 9/117 = 7.7 % last;
/// tuned on since, so its guard starts at the level it had when it was released).
#[test]
fn dev10_does_not_regress() {
    assert_reaches_with("dev10.jsonl", 350, 0.85, 0.08);
}

/// dev13 (the thirteenth voice: blind from the session of 2026-12-05 until released at the start of
/// the second session of 2026-12-06, measured by the lead for the tables only, 0.841 / 8/141 first
/// and 0.873 / 5/141 = 3.5 % last; tuned on since, so its guard starts below the level it had when
/// it was released).
#[test]
fn dev13_does_not_regress() {
    assert_reaches_with("dev13.jsonl", 350, 0.86, 0.06);
}

/// Issue 4's bar on the test half: macro-F1 ≥ 0.90 and ≤ 3 % clean false alarms (0.9018 and
/// 1/114 = 0.9 % since the second session of 2026-12-06; ignored until then). A thin margin: two
/// findings more or less on a small guideline can take it under, docs/quality.md has the blind voices.
#[test]
fn test_half_meets_the_issue_bar() {
    let (macro_f1, false_alarms, _) = measure();
    assert!(macro_f1 >= 0.90, "macro-F1 {macro_f1:.3} is below 0.90");
    assert!(
        false_alarms <= 0.03,
        "clean false-alarm rate {:.1} % is above 3 %",
        false_alarms * 100.0
    );
}

/// The everyday clean probes (`tests/probe/clean-probe.jsonl`: family, sport, weather, praise,
/// neutral mentions of the employer…, all clean): 74/768 = 9.6 % false alarms before the
/// false-alarm helper's round of 2026-12-05 evening, 17/768 = 2.2 % after it; 164 more sentences
/// that fired on main, 15/932 = 1.6 % after the false-alarm helpers of 2026-12-06; 250 new
/// near-misses written before reading the policy (clean6, 2026-12-06), 11/1182 = 0.9 % after it
/// (main before it: 18/1182). Kept at ≤ 3 %.
#[test]
fn everyday_clean_probe_stays_quiet() {
    let (_, false_alarms, comments) = measure_path(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/probe/clean-probe.jsonl"),
    );
    assert!(comments >= 700, "the clean probe is too small: {comments}");
    // A file without positives has nothing to score: macro-F1 0, printed so (not «-0.000»).
    let text = Command::new(env!("CARGO_BIN_EXE_tenk"))
        .arg("eval")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/probe/heldout-probe.jsonl"))
        .output()
        .expect("tenk eval runs");
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(
        text.contains("macro-F1 over 0 guidelines: **0.000**"),
        "{text}"
    );
    assert!(
        false_alarms <= 0.03,
        "clean false-alarm rate {:.1} % on the everyday probe is above 3 %",
        false_alarms * 100.0
    );
}
