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
        "Typisk kommunen.".as_bytes(),
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
    ] {
        let r = tenk(&args);
        assert_eq!(r.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8(r.stderr).unwrap();
        assert!(err.contains(needle), "{args:?}: {err}");
    }
}
