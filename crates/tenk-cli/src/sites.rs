//! `tenk sites`: the default site list, from the one Rust list in `tenk_core::sites`.
//!
//! - `tenk sites` prints one line per newspaper (`domain  name`);
//! - `tenk sites --manifest-matches` prints the manifest `matches` as a JSON array;
//! - `tenk sites --markdown` prints the newspaper table of `docs/sites.md`;
//! - `tenk sites --json` prints `crates/tenk-core/generated/default-sites.json`, which the
//!   extension build reads (a core test keeps the committed file current).

use std::io::Write;
use std::process::ExitCode;

use tenk_core::sites::{
    default_sites_json, default_sites_markdown, manifest_matches, DEFAULT_NEWSPAPERS,
};

use crate::args::Args;
use crate::CliError;

/// Runs `tenk sites`; `argv` are the arguments after `sites`.
pub fn run(argv: &[String]) -> Result<ExitCode, CliError> {
    let args = Args::parse(argv, &["--manifest-matches", "--json", "--markdown"], &[])?;
    if let Some(extra) = args.positionals.first() {
        return Err(CliError(format!(
            "unexpected argument «{extra}»; usage: tenk sites [--manifest-matches | --json | --markdown]"
        )));
    }
    let text = if args.flag("--json") {
        default_sites_json()
    } else if args.flag("--markdown") {
        default_sites_markdown()
    } else if args.flag("--manifest-matches") {
        serde_json::to_string_pretty(&manifest_matches())
            .map_err(|e| CliError(format!("could not write: {e}")))?
            + "\n"
    } else {
        DEFAULT_NEWSPAPERS
            .iter()
            .map(|p| format!("{:<24}{}\n", p.domain, p.name))
            .collect()
    };
    std::io::stdout()
        .lock()
        .write_all(text.as_bytes())
        .map_err(|e| CliError(format!("could not write: {e}")))?;
    Ok(ExitCode::SUCCESS)
}
