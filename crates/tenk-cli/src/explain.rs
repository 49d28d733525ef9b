//! `tenk explain ID [--lang nb|nn|en]`: a guideline's texts, as the extension shows them.

use std::io::Write;
use std::process::ExitCode;

use tenk_core::Lang;

use crate::args::Args;
use crate::check::load_engine;
use crate::CliError;

/// Prints the guideline's title, quote, why and what to do instead.
pub fn run(argv: &[String]) -> Result<ExitCode, CliError> {
    let args = Args::parse(argv, &["--json"], &["--lang", "--policy"])?;
    let engine = load_engine(args.value("--policy"))?;
    let lang = match args.value("--lang") {
        None | Some("nb") => Lang::Nb,
        Some("nn") => Lang::Nn,
        Some("en") => Lang::En,
        Some(other) => {
            return Err(CliError(format!(
                "--lang must be nb, nn or en, not «{other}»"
            )))
        }
    };
    let [id] = args.positionals.as_slice() else {
        let ids: Vec<String> = engine
            .guideline_texts(lang)
            .into_iter()
            .map(|t| t.id)
            .collect();
        return Err(CliError(format!(
            "usage: tenk explain ID [--lang nb|nn|en]; ids: {}",
            ids.join(", ")
        )));
    };
    let Some(t) = engine.guideline_text(id, lang) else {
        return Err(CliError(format!("no guideline «{id}» in the policy")));
    };
    let mut out = std::io::stdout().lock();
    let text = if args.flag("--json") {
        serde_json::to_string(&t).map_err(|e| CliError(e.to_string()))?
    } else {
        let severity = match t.severity {
            tenk_core::Severity::Info => "info",
            tenk_core::Severity::Warn => "warn",
        };
        format!(
            "{} ({}, {severity})\n\n«{}»\n\n{}\n\n{}",
            t.title, t.id, t.quote, t.why, t.instead
        )
    };
    writeln!(out, "{text}").map_err(|e| CliError(format!("could not write: {e}")))?;
    Ok(ExitCode::SUCCESS)
}
