//! `tenk policy terms [FILE]`: every lexicon entry of a policy as JSON, so that tools outside the
//! core (the browser benchmark's JavaScript baseline) match exactly the same words.
//!
//! Prints `{"policy": NAME, "lexicons": {NAME: [ENTRY, …]}, "terms": [ENTRY, …]}`, where
//! `terms` is every distinct entry in policy order. Entries are as written in the file, with
//! their `*` wildcards.

use std::io::Write;
use std::process::ExitCode;

use serde_json::{json, Map, Value};

use crate::args::Args;
use crate::check::load_engine;
use crate::CliError;

/// Prints the lexicons of the policy in FILE (or the built-in one).
pub fn run(argv: &[String]) -> Result<ExitCode, CliError> {
    let args = Args::parse(argv, &["--json"], &[])?;
    if args.positionals.len() > 1 {
        return Err(CliError("usage: tenk policy terms [FILE]".into()));
    }
    let engine = load_engine(args.positionals.first().map(String::as_str))?;
    let policy = engine.policy();
    let mut lexicons = Map::new();
    let mut terms: Vec<&str> = Vec::new();
    for (name, entries) in policy.lexicons.iter() {
        lexicons.insert(name.clone(), json!(entries.get_ref()));
        for entry in entries.get_ref() {
            if !terms.contains(&entry.as_str()) {
                terms.push(entry);
            }
        }
    }
    let out = json!({
        "policy": policy.policy.name,
        "lexicons": Value::Object(lexicons),
        "terms": terms,
    });
    writeln!(std::io::stdout().lock(), "{out}")
        .map_err(|e| CliError(format!("could not write the result: {e}")))?;
    Ok(ExitCode::SUCCESS)
}
