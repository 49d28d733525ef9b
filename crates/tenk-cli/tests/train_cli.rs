//! `tenk train`: writes the policy's `[model]` section deterministically, the written policy is
//! valid and its model's findings come out of `tenk check`; `--cv` prints its table; bad input is
//! exit 2 with one sentence.

mod common;

use common::{tenk, tenk_with_stdin};
use std::path::PathBuf;

fn dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("train-cli");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

const POLICY_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../tenk-core/policies");
const EVAL_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/eval");

#[test]
fn trains_into_the_policy_deterministically_and_the_model_fires() {
    let policy = format!("{POLICY_DIR}/velferdsetaten.toml");
    let data = format!("{EVAL_DIR}/dev.jsonl");
    let outs: Vec<PathBuf> = ["a.toml", "b.toml"].iter().map(|n| dir().join(n)).collect();
    for out in &outs {
        let r = tenk(&[
            "train",
            "--policy",
            &policy,
            "--out",
            out.to_str().unwrap(),
            "--only",
            "loyalty",
            "--fire-at",
            "-100000",
            &data,
        ]);
        assert_eq!(
            r.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&r.stderr)
        );
    }
    let a = std::fs::read_to_string(&outs[0]).unwrap();
    assert_eq!(
        a,
        std::fs::read_to_string(&outs[1]).unwrap(),
        "same input, same file"
    );
    assert_eq!(
        a.matches("[model]").count(),
        1,
        "the old section is replaced"
    );
    assert!(a.contains("id = \"loyalty\"") && a.contains("fire_at = -100000"));
    let check = tenk(&["policy", "check", outs[0].to_str().unwrap()]);
    assert_eq!(check.status.code(), Some(0));
    let r = tenk_with_stdin(
        &[
            "check",
            "--json",
            "--explain",
            "--policy",
            outs[0].to_str().unwrap(),
        ],
        "Kommunen i dag.".as_bytes(),
    );
    let out = String::from_utf8(r.stdout).unwrap();
    assert!(
        out.contains("\"detector\":\"model\"") && out.contains("\"guideline\":\"loyalty\""),
        "{out}"
    );
}

#[test]
fn cross_validation_prints_a_row_per_held_out_file() {
    let files: Vec<String> = ["dev.jsonl", "dev4f.jsonl"]
        .iter()
        .map(|f| format!("{EVAL_DIR}/{f}"))
        .collect();
    let r = tenk(&["train", "--cv", "--only", "loyalty", &files[0], &files[1]]);
    assert_eq!(
        r.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&r.stderr)
    );
    let out = String::from_utf8(r.stdout).unwrap();
    assert!(
        out.contains("dev.jsonl |")
            && out.contains("dev4f.jsonl |")
            && out.contains("mean of folds")
    );
}

#[test]
fn thresholds_and_sizes_per_guideline_and_scores_per_comment() {
    let policy = format!("{POLICY_DIR}/velferdsetaten.toml");
    let data = format!("{EVAL_DIR}/dev.jsonl");
    let train = |name: &str, fire_at: &str, max_weights: &str| {
        let out = dir().join(name);
        let r = tenk(&[
            "train",
            "--policy",
            &policy,
            "--out",
            out.to_str().unwrap(),
            "--only",
            "loyalty,photos",
            "--fire-at",
            fire_at,
            "--max-weights",
            max_weights,
            &data,
        ]);
        assert_eq!(
            r.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&r.stderr)
        );
        let text = std::fs::read_to_string(out).unwrap();
        let model = text.split("[model]").nth(1).unwrap().to_string();
        model
            .split("[[model.guidelines]]")
            .skip(1)
            .map(|g| {
                let fire_at = g.lines().find(|l| l.starts_with("fire_at")).unwrap();
                (fire_at.to_string(), g.matches("\",\n").count())
            })
            .collect::<Vec<_>>()
    };
    let together = train("together.toml", "250", "40");
    assert_eq!(together[0].0, "fire_at = 250");
    assert_eq!(together[1].0, "fire_at = 250");
    let each = train("each.toml", "250,photos=100", "40,photos=10");
    assert_eq!(each[0], together[0], "loyalty is trained as before");
    assert_eq!(each[1].0, "fire_at = 100");
    assert!(each[1].1 <= 10 && each[1].1 < together[1].1, "{each:?}");

    let scores = dir().join("scores.jsonl");
    let files: Vec<String> = ["dev.jsonl", "dev4f.jsonl"]
        .iter()
        .map(|f| format!("{EVAL_DIR}/{f}"))
        .collect();
    let r = tenk(&[
        "train",
        "--cv",
        "--only",
        "photos",
        "--held-out",
        "dev4f.jsonl",
        "--scores",
        scores.to_str().unwrap(),
        &files[0],
        &files[1],
    ]);
    assert_eq!(r.status.code(), Some(0));
    let lines = std::fs::read_to_string(&scores).unwrap();
    let first: serde_json::Value = serde_json::from_str(lines.lines().next().unwrap()).unwrap();
    assert_eq!(first["fold"], "dev4f.jsonl");
    assert!(first["scores"]["photos"].is_i64() && first["rules"].is_array());
    assert_eq!(lines.lines().count(), 195, "one line per held-out comment");
}

#[test]
fn bad_input_is_one_sentence_and_exit_2() {
    let bad = dir().join("bad.jsonl");
    std::fs::write(
        &bad,
        "{\"id\":\"x-1\",\"text\":\"hei\",\"labels\":[\"loyal\"]}\n",
    )
    .unwrap();
    for (args, needle) in [
        (
            vec!["train", "--cv", bad.to_str().unwrap()],
            "unknown guideline id «loyal»",
        ),
        (vec!["train", "x.jsonl"], "usage: tenk train"),
        (
            vec!["train", "--cv", "--only", "nope", bad.to_str().unwrap()],
            "--only",
        ),
        (
            vec![
                "train",
                "--cv",
                "--fire-at",
                "250,nope=3",
                bad.to_str().unwrap(),
            ],
            "--fire-at: unknown guideline id «nope»",
        ),
        (
            vec![
                "train",
                "--cv",
                "--max-weights",
                "20,photos",
                bad.to_str().unwrap(),
            ],
            "--max-weights: «photos» is not ID=N",
        ),
    ] {
        let r = tenk(&args);
        assert_eq!(r.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8(r.stderr).unwrap();
        assert!(err.contains(needle), "{args:?}: {err}");
    }
}
