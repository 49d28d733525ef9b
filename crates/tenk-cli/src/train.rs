//! `tenk train`: trains the learned detector ([`tenk_core::model`]) on labelled JSON Lines
//! files and writes it into a policy file's `[model]` section, or (`--cv`) measures it by
//! leave-one-file-out cross-validation: each file in turn is held out, the model is trained
//! on the others, and the held-out file is scored with the rules alone, the model alone and
//! both (a guideline is found when a rule or the model finds it), at the thresholds given and
//! at each of a grid of thresholds.
//!
//! Deterministic: the comments are sorted by id, the example order comes from a fixed seed.

use std::collections::BTreeSet;
use std::io::Write;
use std::process::ExitCode;

use tenk_core::lexicon::Words;
use tenk_core::model::{self, Example, Model, TrainOptions};
use tenk_core::normalize::fold;
use tenk_core::policy::GUIDELINE_IDS;
use tenk_core::{Context, Engine, Lang};

use crate::args::Args;
use crate::eval::{read_items, Counts, Item};
use crate::CliError;

const USAGE: &str = "usage: tenk train (--out FILE | --cv [--held-out NAME] [--scores FILE]) [--policy FILE] [--only ID,ID] [--fire-at N[,ID=N…]] [--prefix N] [--suffix N] [--epochs N] [--l2 X] [--prune X] [--min-count N] [--max-weights N] FILE.jsonl…";

/// Runs `tenk train`.
pub fn run(argv: &[String]) -> Result<ExitCode, CliError> {
    let args = Args::parse(
        argv,
        &["--cv"],
        &[
            "--out",
            "--policy",
            "--only",
            "--fire-at",
            "--prefix",
            "--suffix",
            "--epochs",
            "--l2",
            "--prune",
            "--min-count",
            "--held-out",
            "--max-weights",
            "--scores",
        ],
    )?;
    if args.positionals.is_empty() || (args.value("--out").is_none() && !args.flag("--cv")) {
        return Err(CliError(USAGE.into()));
    }
    let defaults = TrainOptions::default();
    let opts = TrainOptions {
        prefix: number(&args, "--prefix", defaults.prefix)?,
        suffix: number(&args, "--suffix", defaults.suffix)?,
        epochs: number(&args, "--epochs", defaults.epochs)?,
        l2: number(&args, "--l2", defaults.l2)?,
        prune: number(&args, "--prune", defaults.prune)?,
        min_count: number(&args, "--min-count", defaults.min_count)?,
        ..defaults
    };
    let (fire_at, fire_at_for) =
        per_guideline(args.value("--fire-at"), "--fire-at", defaults.fire_at)?;
    let (max_weights, max_weights_for) = per_guideline(
        args.value("--max-weights"),
        "--max-weights",
        defaults.max_weights,
    )?;
    let opts = TrainOptions {
        fire_at,
        max_weights,
        ..opts
    };
    let each = Each {
        fire_at: fire_at_for,
        max_weights: max_weights_for,
    };
    let only: Vec<&str> = match args.value("--only") {
        Some(list) => {
            let ids: Vec<&str> = list.split(',').filter(|s| !s.is_empty()).collect();
            if let Some(bad) = ids.iter().find(|id| !GUIDELINE_IDS.contains(id)) {
                return Err(CliError(format!("--only: unknown guideline id «{bad}»")));
            }
            ids
        }
        None => GUIDELINE_IDS.to_vec(),
    };
    let policy_source = match args.value("--policy") {
        Some(path) => std::fs::read_to_string(path)
            .map_err(|e| CliError(format!("cannot read the policy {path}: {e}")))?,
        None => tenk_core::engine::DEFAULT_POLICY.to_string(),
    };
    let mut files = Vec::new();
    for path in &args.positionals {
        files.push((path.clone(), read_items(path)?));
    }
    if args.flag("--cv") {
        return cross_validate(
            &policy_source,
            &files,
            &only,
            &opts,
            args.value("--held-out"),
            &each,
            args.value("--scores"),
        );
    }
    let out_path = args.value("--out").expect("checked above");
    let mut items: Vec<&Item> = files.iter().flat_map(|(_, items)| items).collect();
    items.sort_by(|a, b| a.id.cmp(&b.id));
    let examples: Vec<Example> = items.iter().map(|i| example(i)).collect();
    let def = train_each(&examples, &only, &opts, &each);
    let names: Vec<&str> = files
        .iter()
        .map(|(p, _)| p.rsplit('/').next().unwrap_or(p))
        .collect();
    let comment = format!(
        "Trained on {} comments ({}) with prefix {}, suffix {}, {} epochs, l2 {}, prune {}, min-count {}, max-weights {}, fire_at {}.\nRetrain: tenk train --policy FILE --out FILE --only {} --fire-at {} --max-weights {} FILES…",
        examples.len(),
        names.join(", "),
        opts.prefix,
        opts.suffix,
        opts.epochs,
        opts.l2,
        opts.prune,
        opts.min_count,
        args.value("--max-weights").unwrap_or(&opts.max_weights.to_string()),
        args.value("--fire-at").unwrap_or(&opts.fire_at.to_string()),
        only.join(","),
        args.value("--fire-at").unwrap_or(&opts.fire_at.to_string()),
        args.value("--max-weights").unwrap_or(&opts.max_weights.to_string())
    );
    let written = model::replace_section(&policy_source, &model::to_toml(&def, &comment));
    Engine::from_policy_str(&written)
        .map_err(|e| CliError(format!("the trained policy does not read back: {e}")))?;
    std::fs::write(out_path, &written)
        .map_err(|e| CliError(format!("cannot write {out_path}: {e}")))?;
    let weights: usize = def
        .guidelines
        .iter()
        .map(|g| g.weights.get_ref().len())
        .sum();
    let mut err = std::io::stderr().lock();
    let _ = writeln!(
        err,
        "wrote {out_path}: {} guideline models, {weights} weights, from {} comments",
        def.guidelines.len(),
        examples.len()
    );
    Ok(ExitCode::SUCCESS)
}

fn number<T: std::str::FromStr>(args: &Args, name: &str, default: T) -> Result<T, CliError> {
    match args.value(name) {
        None => Ok(default),
        Some(v) => v
            .parse()
            .map_err(|_| CliError(format!("{name}: «{v}» is not a number"))),
    }
}

/// Per-guideline settings given as `ID=N` after the number that holds for the rest.
struct Each {
    fire_at: Vec<(String, i32)>,
    max_weights: Vec<(String, usize)>,
}

/// Reads an option that is a number for every guideline, then optionally `ID=N` entries that
/// set one guideline's own, comma-separated: `--fire-at 250,logged-in-identity=50`.
fn per_guideline<T: std::str::FromStr + Copy>(
    value: Option<&str>,
    name: &str,
    default: T,
) -> Result<(T, Vec<(String, T)>), CliError> {
    let Some(value) = value else {
        return Ok((default, Vec::new()));
    };
    let bad = |v: &str| CliError(format!("{name}: «{v}» is not a number"));
    let mut parts = value.split(',');
    let first = parts.next().unwrap_or_default();
    let all: T = first.parse().map_err(|_| bad(first))?;
    let mut each = Vec::new();
    for part in parts {
        let (id, n) = part
            .split_once('=')
            .ok_or_else(|| CliError(format!("{name}: «{part}» is not ID=N")))?;
        if !GUIDELINE_IDS.contains(&id) {
            return Err(CliError(format!("{name}: unknown guideline id «{id}»")));
        }
        each.push((id.to_string(), n.parse().map_err(|_| bad(n))?));
    }
    Ok((all, each))
}

/// Trains the guidelines in `ids`, each with its own threshold and number of weights where
/// `each` names one (a guideline's model does not depend on the others': the same weights as
/// training them together).
fn train_each(
    examples: &[Example],
    ids: &[&str],
    opts: &TrainOptions,
    each: &Each,
) -> model::ModelDef {
    let own = |id: &str| TrainOptions {
        fire_at: each
            .fire_at
            .iter()
            .find(|(g, _)| g == id)
            .map_or(opts.fire_at, |&(_, n)| n),
        max_weights: each
            .max_weights
            .iter()
            .find(|(g, _)| g == id)
            .map_or(opts.max_weights, |&(_, n)| n),
        ..*opts
    };
    if each.fire_at.is_empty() && each.max_weights.is_empty() {
        return model::train(examples, ids, opts);
    }
    let mut def = model::train(examples, &[], opts);
    for id in ids {
        def.guidelines
            .extend(model::train(examples, &[id], &own(id)).guidelines);
    }
    def
}

fn example(item: &Item) -> Example {
    Example {
        text: item.text.clone(),
        labels: item.labels.clone(),
    }
}

/// Scores of one way of combining, over one file.
#[derive(Default, Clone)]
struct Tally {
    counts: Vec<Counts>,
    clean: usize,
    alarms: usize,
}

impl Tally {
    fn new() -> Tally {
        Tally {
            counts: vec![Counts::default(); GUIDELINE_IDS.len()],
            ..Tally::default()
        }
    }
    fn add(&mut self, gold: &BTreeSet<&str>, predicted: &BTreeSet<&str>) {
        for (i, id) in GUIDELINE_IDS.iter().enumerate() {
            match (predicted.contains(id), gold.contains(id)) {
                (true, true) => self.counts[i].tp += 1,
                (true, false) => self.counts[i].fp += 1,
                (false, true) => self.counts[i].fn_ += 1,
                (false, false) => {}
            }
        }
        if gold.is_empty() {
            self.clean += 1;
            self.alarms += usize::from(!predicted.is_empty());
        }
    }
    /// Macro-F1 over the guidelines with positives (as `tenk eval`).
    fn macro_f1(&self) -> f64 {
        let scored: Vec<f64> = self
            .counts
            .iter()
            .filter(|c| c.tp + c.fn_ > 0)
            .map(Counts::f1)
            .collect();
        scored.iter().sum::<f64>() / scored.len().max(1) as f64
    }
    fn false_alarms(&self) -> f64 {
        self.alarms as f64 / self.clean.max(1) as f64
    }
    fn merge(&mut self, other: &Tally) {
        for (a, b) in self.counts.iter_mut().zip(&other.counts) {
            a.tp += b.tp;
            a.fp += b.fp;
            a.fn_ += b.fn_;
        }
        self.clean += other.clean;
        self.alarms += other.alarms;
    }
}

/// Thresholds tried (hundredths of a logit).
const GRID: [i32; 8] = [-50, 0, 50, 100, 150, 200, 250, 300];

fn cross_validate(
    policy_source: &str,
    files: &[(String, Vec<Item>)],
    only: &[&str],
    opts: &TrainOptions,
    held_out: Option<&str>,
    each: &Each,
    scores_path: Option<&str>,
) -> Result<ExitCode, CliError> {
    // `--scores`: one JSON line per held-out comment (the rules' guidelines and detectors, and
    // every model score), for choosing thresholds and combinations outside the CLI.
    let mut scores_out = match scores_path {
        Some(path) => Some(std::io::BufWriter::new(
            std::fs::File::create(path)
                .map_err(|e| CliError(format!("cannot write {path}: {e}")))?,
        )),
        None => None,
    };
    // The rules alone: the policy without its model.
    let rules_source = match policy_source.find(model::SECTION_MARK) {
        Some(at) => &policy_source[..at],
        None => policy_source,
    };
    let engine = Engine::from_policy_str(rules_source)
        .map_err(|e| CliError(format!("the policy does not read: {e}")))?;
    let mut out = std::io::stdout().lock();
    let io = |e: std::io::Error| CliError(format!("could not write the result: {e}"));
    writeln!(
        out,
        "| held out | rules F1 | rules FA | model F1 | rules+model F1 / FA | rules+model@T F1 / FA for T in {:?} |",
        GRID
    )
    .map_err(io)?;
    writeln!(out, "|---|---:|---:|---:|---:|---|").map_err(io)?;
    let mut mean_rules = (0.0, 0.0);
    // Rules and model at the thresholds given (`--fire-at`, per guideline where set).
    let mut mean_set = (0.0, 0.0);
    let mut pooled_set = Tally::new();
    let mut mean_combined = vec![(0.0, 0.0); GRID.len()];
    let mut pooled_rules = Tally::new();
    let mut pooled_combined = vec![Tally::new(); GRID.len()];
    let folds = files
        .iter()
        .filter(|(name, _)| held_out.is_none_or(|h| name.ends_with(h)))
        .count();
    for (held, (name, test)) in files.iter().enumerate() {
        if held_out.is_some_and(|h| !name.ends_with(h)) {
            continue;
        }
        let mut train_items: Vec<&Item> = files
            .iter()
            .enumerate()
            .filter(|&(i, _)| i != held)
            .flat_map(|(_, (_, items))| items)
            .collect();
        train_items.sort_by(|a, b| a.id.cmp(&b.id));
        let examples: Vec<Example> = train_items.iter().map(|i| example(i)).collect();
        let def = train_each(&examples, only, opts, each);
        let m = Model::build(&def).map_err(CliError)?;
        let mut rules = Tally::new();
        let mut alone = Tally::new();
        let mut set = Tally::new();
        let mut combined = vec![Tally::new(); GRID.len()];
        for item in test {
            let ctx = Context {
                lang: Lang::from_tag(item.lang.as_deref().unwrap_or("nb")),
                ..Context::default()
            };
            let gold: BTreeSet<&str> = item.labels.iter().map(String::as_str).collect();
            let found = engine.analyse(&item.text, &ctx);
            let by_rules: BTreeSet<&str> = found
                .iter()
                .filter_map(|f| GUIDELINE_IDS.iter().copied().find(|id| *id == f.guideline))
                .collect();
            rules.add(&gold, &by_rules);
            let folded = fold(&item.text);
            let scores = m.score(&Words::new(&folded));
            // The policy's `[model_veto]`, as the engine applies it.
            let vetoed = engine.model_vetoed(&item.text);
            let by_model = |t: i32| -> BTreeSet<&str> {
                m.guidelines
                    .iter()
                    .zip(&scores)
                    .filter(|(_, s)| s.total >= t)
                    .filter(|(g, _)| !vetoed.contains(&g.id.as_str()))
                    .filter_map(|(g, _)| GUIDELINE_IDS.iter().copied().find(|id| *id == g.id))
                    .collect()
            };
            if let Some(w) = scores_out.as_mut() {
                let line = serde_json::json!({
                    "fold": name.rsplit('/').next().unwrap_or(name),
                    "id": item.id,
                    "gold": item.labels,
                    "rules": found.iter().map(|f| [f.guideline.as_str(), f.detector.as_str()]).collect::<Vec<_>>(),
                    "scores": m.guidelines.iter().zip(&scores).map(|(g, s)| (g.id.clone(), s.total)).collect::<std::collections::BTreeMap<_, _>>(),
                    "vetoed": vetoed,
                });
                writeln!(w, "{line}").map_err(io)?;
            }
            let own: BTreeSet<&str> = m
                .guidelines
                .iter()
                .zip(&scores)
                .filter(|(g, s)| s.total >= g.fire_at)
                .filter(|(g, _)| !vetoed.contains(&g.id.as_str()))
                .filter_map(|(g, _)| GUIDELINE_IDS.iter().copied().find(|id| *id == g.id))
                .collect();
            alone.add(&gold, &own);
            set.add(&gold, &by_rules.union(&own).copied().collect());
            for (k, &t) in GRID.iter().enumerate() {
                let both: BTreeSet<&str> = by_rules.union(&by_model(t)).copied().collect();
                combined[k].add(&gold, &both);
            }
        }
        let cells: Vec<String> = combined
            .iter()
            .map(|t| format!("{:.3}/{:.1}%", t.macro_f1(), 100.0 * t.false_alarms()))
            .collect();
        writeln!(
            out,
            "| {name} | {:.3} | {:.1} % | {:.3} | {:.3} / {:.1} % | {} |",
            rules.macro_f1(),
            100.0 * rules.false_alarms(),
            alone.macro_f1(),
            set.macro_f1(),
            100.0 * set.false_alarms(),
            cells.join(" ")
        )
        .map_err(io)?;
        mean_rules.0 += rules.macro_f1() / folds as f64;
        mean_rules.1 += rules.false_alarms() / folds as f64;
        for (k, t) in combined.iter().enumerate() {
            mean_combined[k].0 += t.macro_f1() / folds as f64;
            mean_combined[k].1 += t.false_alarms() / folds as f64;
            pooled_combined[k].merge(t);
        }
        pooled_rules.merge(&rules);
        mean_set.0 += set.macro_f1() / folds as f64;
        mean_set.1 += set.false_alarms() / folds as f64;
        pooled_set.merge(&set);
    }
    let cells: Vec<String> = mean_combined
        .iter()
        .map(|(f, a)| format!("{f:.3}/{:.1}%", 100.0 * a))
        .collect();
    writeln!(
        out,
        "| mean of folds | {:.3} | {:.1} % | | {:.3} / {:.1} % | {} |",
        mean_rules.0,
        100.0 * mean_rules.1,
        mean_set.0,
        100.0 * mean_set.1,
        cells.join(" ")
    )
    .map_err(io)?;
    writeln!(
        out,
        "\nPer guideline, pooled over the held-out files: F1 of the rules, of rules+model at the thresholds given, then at each T"
    )
    .map_err(io)?;
    for (i, id) in GUIDELINE_IDS.iter().enumerate() {
        let cells: Vec<String> = pooled_combined
            .iter()
            .map(|t| format!("{:.3}", t.counts[i].f1()))
            .collect();
        writeln!(
            out,
            "| {id} | {:.3} | {:.3} | {} |",
            pooled_rules.counts[i].f1(),
            pooled_set.counts[i].f1(),
            cells.join(" ")
        )
        .map_err(io)?;
    }
    if let Some(w) = scores_out.as_mut() {
        w.flush().map_err(io)?;
    }
    Ok(ExitCode::SUCCESS)
}
