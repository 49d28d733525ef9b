//! `tenk policy check FILE.json`: checks a managed-settings policy (the JSON IT puts in the
//! browser policy, see `docs/deploy/settings.md`) with the same merge the extension uses, and
//! prints what it would change, what it locks for staff, and every problem.
//!
//! Exit 0 when the policy is valid, 2 when it has any problem (the valid keys would still
//! apply in the browser) or cannot be read.

use std::io::Write;
use std::process::ExitCode;

use tenk_core::settings::check_managed_json;
use tenk_core::Lang;

use crate::args::Args;
use crate::CliError;

const USAGE: &str = "usage: tenk policy check FILE.json [--json] [--lang nb|nn|en]";

/// Whether `file` is a managed-settings JSON policy rather than a guidelines TOML file.
pub fn is_json_policy(file: &str) -> bool {
    file.to_ascii_lowercase().ends_with(".json")
}

/// Runs the check; `argv` are the arguments after `policy check`.
pub fn check(argv: &[String]) -> Result<ExitCode, CliError> {
    let args = Args::parse(argv, &["--json"], &["--lang"])?;
    let [file] = args.positionals.as_slice() else {
        return Err(CliError(USAGE.into()));
    };
    let lang = match args.value("--lang") {
        None | Some("en") => Lang::En,
        Some("nb") => Lang::Nb,
        Some("nn") => Lang::Nn,
        Some(other) => return Err(CliError(format!("unknown language «{other}»; {USAGE}"))),
    };
    let source =
        std::fs::read_to_string(file).map_err(|e| CliError(format!("cannot read {file}: {e}")))?;
    let report = check_managed_json(&source);
    let text = if args.flag("--json") {
        serde_json::to_string_pretty(&report)
            .map_err(|e| CliError(format!("could not write the report: {e}")))?
            + "\n"
    } else {
        format!("{file}:\n{}", report.to_text(lang))
    };
    std::io::stdout()
        .lock()
        .write_all(text.as_bytes())
        .map_err(|e| CliError(format!("could not write: {e}")))?;
    Ok(if report.problems.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    })
}
