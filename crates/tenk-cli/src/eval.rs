//! `tenk eval FILE`: measures the policy against a labelled JSON Lines set (`id`, `lang`,
//! `text`, `labels`) and prints per-guideline precision, recall and F1, the macro-F1 and the
//! false-alarm rate on clean comments (comments without labels that got any finding).
//!
//! Scoring is per comment: a guideline counts as predicted when any finding names it. The
//! set carries no context, so every comment is analysed as an employee's, in its `lang`.

use std::collections::BTreeSet;
use std::io::Write;
use std::process::ExitCode;

use serde::Deserialize;
use serde_json::json;
use tenk_core::policy::GUIDELINE_IDS;
use tenk_core::{Context, Lang};

use crate::args::Args;
use crate::check::load_engine;
use crate::CliError;

/// One labelled comment of an evaluation file (JSON Lines; `tests/eval/README.md`).
#[derive(Deserialize)]
pub(crate) struct Item {
    /// Stable id, e.g. `dev-0001`.
    pub(crate) id: String,
    /// `nb` or `nn`; bokmål when missing.
    #[serde(default)]
    pub(crate) lang: Option<String>,
    /// The comment as typed.
    pub(crate) text: String,
    /// Guideline ids the comment touches; empty for a clean comment.
    pub(crate) labels: Vec<String>,
}

/// Reads an evaluation file: one [`Item`] per non-empty line, every label a known guideline
/// id. An unreadable file, a line that is not an item or an unknown id is an error naming the
/// file and line.
pub(crate) fn read_items(path: &str) -> Result<Vec<Item>, CliError> {
    let source =
        std::fs::read_to_string(path).map_err(|e| CliError(format!("cannot read {path}: {e}")))?;
    let mut items = Vec::new();
    for (n, line) in source.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let item: Item = serde_json::from_str(line).map_err(|e| {
            CliError(format!(
                "{path} line {}: not an evaluation item ({e})",
                n + 1
            ))
        })?;
        if let Some(bad) = item
            .labels
            .iter()
            .find(|l| !GUIDELINE_IDS.contains(&l.as_str()))
        {
            return Err(CliError(format!(
                "{path} line {}: unknown guideline id «{bad}»",
                n + 1
            )));
        }
        items.push(item);
    }
    Ok(items)
}

/// Counts for one guideline (also `tenk train`'s cross-validation tallies).
#[derive(Default, Clone, Copy)]
pub(crate) struct Counts {
    /// Comments with the label that got a finding for it.
    pub(crate) tp: usize,
    /// Comments without the label that got a finding for it.
    pub(crate) fp: usize,
    /// Comments with the label that got none.
    pub(crate) fn_: usize,
}

impl Counts {
    fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    /// Harmonic mean of precision and recall; 0 when both are 0.
    pub(crate) fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// Runs the evaluation.
pub fn run(argv: &[String]) -> Result<ExitCode, CliError> {
    let args = Args::parse(argv, &["--json", "--errors"], &["--policy"])?;
    let [file] = args.positionals.as_slice() else {
        return Err(CliError(
            "usage: tenk eval FILE [--json] [--errors] [--policy FILE]".into(),
        ));
    };
    let engine = load_engine(args.value("--policy"))?;
    let items = read_items(file)?;
    let mut counts = vec![Counts::default(); GUIDELINE_IDS.len()];
    let (mut clean, mut clean_alarms, mut total) = (0usize, 0usize, 0usize);
    let mut errors = Vec::new();
    for item in &items {
        total += 1;
        let ctx = Context {
            lang: Lang::from_tag(item.lang.as_deref().unwrap_or("nb")),
            ..Context::default()
        };
        let findings = engine.analyse(&item.text, &ctx);
        let predicted: BTreeSet<&str> = findings.iter().map(|f| f.guideline.as_str()).collect();
        let gold: BTreeSet<&str> = item.labels.iter().map(String::as_str).collect();
        for (i, id) in GUIDELINE_IDS.iter().enumerate() {
            match (predicted.contains(id), gold.contains(id)) {
                (true, true) => counts[i].tp += 1,
                (true, false) => counts[i].fp += 1,
                (false, true) => counts[i].fn_ += 1,
                (false, false) => {}
            }
        }
        if gold.is_empty() {
            clean += 1;
            clean_alarms += usize::from(!predicted.is_empty());
        }
        if predicted != gold {
            let why: Vec<String> = findings
                .iter()
                .map(|f| format!("{}:{}«{}»", f.guideline, f.detector, f.matched))
                .collect();
            errors.push(format!(
                "{} gold={:?} got={:?} {}\n    {}",
                item.id,
                gold,
                predicted,
                why.join(" "),
                item.text
            ));
        }
    }
    let scored: Vec<usize> = (0..GUIDELINE_IDS.len())
        .filter(|&i| counts[i].tp + counts[i].fn_ > 0)
        .collect();
    // Without positives (a file of clean comments only) there is nothing to score: 0, not the
    // `-0.0` an empty float sum gives.
    let macro_f1 = if scored.is_empty() {
        0.0
    } else {
        scored.iter().map(|&i| counts[i].f1()).sum::<f64>() / scored.len() as f64
    };
    let false_alarm = ratio(clean_alarms, clean);
    let mut out = std::io::stdout().lock();
    let io = |e: std::io::Error| CliError(format!("could not write the result: {e}"));
    if args.flag("--json") {
        let per: Vec<_> = GUIDELINE_IDS
            .iter()
            .enumerate()
            .map(|(i, id)| {
                let c = counts[i];
                json!({"guideline": id, "tp": c.tp, "fp": c.fp, "fn": c.fn_,
                       "precision": c.precision(), "recall": c.recall(), "f1": c.f1()})
            })
            .collect();
        let v = json!({"comments": total, "clean": clean, "cleanFalseAlarms": clean_alarms,
                       "cleanFalseAlarmRate": false_alarm, "macroF1": macro_f1, "guidelines": per});
        writeln!(out, "{v}").map_err(io)?;
    } else {
        writeln!(
            out,
            "| guideline | positives | TP | FP | FN | precision | recall | F1 |"
        )
        .map_err(io)?;
        writeln!(out, "|---|---:|---:|---:|---:|---:|---:|---:|").map_err(io)?;
        for (i, id) in GUIDELINE_IDS.iter().enumerate() {
            let c = counts[i];
            writeln!(
                out,
                "| {id} | {} | {} | {} | {} | {:.3} | {:.3} | {:.3} |",
                c.tp + c.fn_,
                c.tp,
                c.fp,
                c.fn_,
                c.precision(),
                c.recall(),
                c.f1()
            )
            .map_err(io)?;
        }
        writeln!(out, "\n{total} comments; macro-F1 over {} guidelines: **{macro_f1:.3}**; false alarms on clean comments: **{clean_alarms}/{clean} = {:.1} %**", scored.len(), false_alarm * 100.0).map_err(io)?;
        if args.flag("--errors") {
            writeln!(out, "\nMismatches:").map_err(io)?;
            for e in &errors {
                writeln!(out, "- {e}").map_err(io)?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
