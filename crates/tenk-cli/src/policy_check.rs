//! `tenk policy check FILE`: validates a guideline policy (TOML) and runs the examples its
//! detectors carry. Exit 0 when valid and every example behaves, 1 when an example
//! misbehaves, 2 when the file cannot be read or is invalid.
//!
//! Other policy kinds (such as the JSON managed settings IT distributes) are recognised by
//! their file and get their own checker here.

use std::io::Write;
use std::process::ExitCode;

use tenk_core::{Context, Engine};

use crate::args::Args;
use crate::CliError;

/// Dispatches `tenk policy <action>`.
pub fn run(argv: &[String]) -> Result<ExitCode, CliError> {
    match argv.first().map(String::as_str) {
        Some("check") => check(&argv[1..]),
        _ => Err(CliError(
            "usage: tenk policy check FILE (.toml guidelines or .json managed settings)".into(),
        )),
    }
}

fn check(argv: &[String]) -> Result<ExitCode, CliError> {
    if argv
        .iter()
        .any(|a| crate::policy_check_json::is_json_policy(a))
    {
        return crate::policy_check_json::check(argv);
    }
    let args = Args::parse(argv, &[], &[])?;
    let [file] = args.positionals.as_slice() else {
        return Err(CliError("usage: tenk policy check FILE".into()));
    };
    let source =
        std::fs::read_to_string(file).map_err(|e| CliError(format!("cannot read {file}: {e}")))?;
    let engine = Engine::from_policy_str(&source).map_err(|e| CliError(format!("{file}: {e}")))?;
    let mut failures = Vec::new();
    let mut examples = 0;
    for g in &engine.policy().guidelines {
        for d in &g.detectors {
            let name = d.name.get_ref();
            for text in &d.examples.fire {
                examples += 1;
                if !engine
                    .analyse_all(text, &Context::default())
                    .iter()
                    .any(|f| &f.detector == name)
                {
                    failures.push(format!("detector «{name}» should fire on «{text}»"));
                }
            }
            for text in &d.examples.quiet {
                examples += 1;
                if engine
                    .analyse_all(text, &Context::default())
                    .iter()
                    .any(|f| &f.detector == name)
                {
                    failures.push(format!("detector «{name}» should stay quiet on «{text}»"));
                }
            }
        }
    }
    let mut out = std::io::stdout().lock();
    let io = |e: std::io::Error| CliError(format!("could not write: {e}"));
    let detectors: usize = engine
        .policy()
        .guidelines
        .iter()
        .map(|g| g.detectors.len())
        .sum();
    writeln!(
        out,
        "{file}: valid policy «{}» with {} guidelines, {} lexicons, {detectors} detectors; {}/{examples} examples behave",
        engine.policy().policy.name,
        engine.policy().guidelines.len(),
        engine.policy().lexicons.len(),
        examples - failures.len()
    )
    .map_err(io)?;
    for f in &failures {
        writeln!(out, "  {f}").map_err(io)?;
    }
    Ok(if failures.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
