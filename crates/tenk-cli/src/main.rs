//! `tenk`: the guidelines on the command line.
//!
//! One module per subcommand; each returns an [`ExitCode`] or a one-sentence error, which
//! `main` prints to stderr with exit status 2. Nothing in here panics on bad input.

mod args;
mod check;
mod eval;
mod explain;
mod policy_check;
mod policy_check_json;
mod policy_terms;
mod sites;
mod train;

use std::io::Write;
use std::process::ExitCode;

/// A failure the person can act on, as one sentence.
pub struct CliError(pub String);

const USAGE: &str = "usage: tenk check --json [--explain] [--policy FILE] [--site URL] [--role leader|employee] [--lang nb|nn|en] < text | tenk explain ID [--lang nb|nn|en] | tenk eval FILE | tenk policy check FILE | tenk policy terms [FILE] | tenk train (--out FILE | --cv) [--policy FILE] FILE.jsonl…";

fn main() -> ExitCode {
    let argv: Vec<String> = std::env::args().skip(1).collect();
    let result = match argv.first().map(String::as_str) {
        Some("check") => check::run(&argv[1..]),
        Some("explain") => explain::run(&argv[1..]),
        Some("eval") => eval::run(&argv[1..]),
        Some("policy") if argv.get(1).is_some_and(|a| a == "terms") => {
            policy_terms::run(&argv[2..])
        }
        Some("policy") => policy_check::run(&argv[1..]),
        Some("sites") => sites::run(&argv[1..]),
        Some("train") => train::run(&argv[1..]),
        Some("--help" | "-h" | "help") => {
            println!("{USAGE}");
            Ok(ExitCode::SUCCESS)
        }
        Some(other) => Err(CliError(format!("unknown command «{other}»; {USAGE}"))),
        None => Err(CliError(USAGE.to_string())),
    };
    match result {
        Ok(code) => code,
        Err(CliError(message)) => {
            let _ = writeln!(std::io::stderr(), "tenk: {message}");
            ExitCode::from(2)
        }
    }
}
