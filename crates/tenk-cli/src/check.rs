//! `tenk check --json`: the public CLI contract (docs/CONTRACTS.md §2).

use std::io::{Read, Write};
use std::process::ExitCode;

use serde_json::{json, Map, Value};
use tenk_core::{Context, Engine, Lang, Role};

use crate::args::Args;
use crate::CliError;

/// Reads the text from stdin and prints its findings as JSON.
pub fn run(argv: &[String]) -> Result<ExitCode, CliError> {
    let args = Args::parse(
        argv,
        &["--json", "--explain"],
        &["--policy", "--site", "--role", "--lang"],
    )?;
    if let Some(extra) = args.positionals.first() {
        return Err(CliError(format!(
            "unexpected argument «{extra}»; the text is read from stdin"
        )));
    }
    let engine = load_engine(args.value("--policy"))?;
    let ctx = Context {
        site: args.value("--site").map(str::to_string),
        role: match args.value("--role") {
            None | Some("employee") => Role::Employee,
            Some("leader") => Role::Leader,
            Some(other) => {
                return Err(CliError(format!(
                    "--role must be leader or employee, not «{other}»"
                )))
            }
        },
        lang: args.value("--lang").map(Lang::from_tag).unwrap_or_default(),
        ..Context::default()
    };
    let text = read_stdin()?;
    let findings = engine.analyse(&text, &ctx);
    let explain = args.flag("--explain");
    let items: Vec<Value> = findings
        .iter()
        .map(|f| {
            let mut o = Map::new();
            o.insert("guideline".into(), json!(f.guideline));
            o.insert("severity".into(), json!(f.severity));
            o.insert("start".into(), json!(f.start));
            o.insert("end".into(), json!(f.end));
            o.insert("message".into(), json!(f.message));
            if explain {
                o.insert("detector".into(), json!(f.detector));
                o.insert("matched".into(), json!(f.matched));
            }
            Value::Object(o)
        })
        .collect();
    let out = json!({ "findings": items });
    // Without --json the same JSON is printed: it is the only output format.
    let mut stdout = std::io::stdout().lock();
    writeln!(stdout, "{out}").map_err(|e| CliError(format!("could not write the result: {e}")))?;
    Ok(if findings.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// The engine for `--policy FILE`, or the built-in policy.
pub fn load_engine(policy: Option<&str>) -> Result<Engine, CliError> {
    match policy {
        None => Ok(Engine::default_policy()),
        Some(path) => {
            let source = std::fs::read_to_string(path)
                .map_err(|e| CliError(format!("cannot read the policy file {path}: {e}")))?;
            Engine::from_policy_str(&source)
                .map_err(|e| CliError(format!("the policy file {path} is invalid: {e}")))
        }
    }
}

/// All of stdin as UTF-8 text.
fn read_stdin() -> Result<String, CliError> {
    let mut bytes = Vec::new();
    std::io::stdin()
        .read_to_end(&mut bytes)
        .map_err(|e| CliError(format!("cannot read stdin: {e}")))?;
    String::from_utf8(bytes).map_err(|e| {
        CliError(format!(
            "the input is not valid UTF-8 (first bad byte at offset {}).",
            e.utf8_error().valid_up_to()
        ))
    })
}
