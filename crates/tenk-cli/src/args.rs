//! A tiny flag parser: `--flag`, `--key value` and positionals, nothing more, so the CLI has
//! no dependency beyond the core.

use crate::CliError;

/// Parsed command-line arguments of one subcommand.
pub struct Args {
    flags: Vec<String>,
    values: Vec<(String, String)>,
    /// Arguments that are not flags, in order.
    pub positionals: Vec<String>,
}

impl Args {
    /// Parses `argv`; `with_value` lists the options that take a value.
    pub fn parse(
        argv: &[String],
        switches: &[&str],
        with_value: &[&str],
    ) -> Result<Args, CliError> {
        let mut args = Args {
            flags: Vec::new(),
            values: Vec::new(),
            positionals: Vec::new(),
        };
        let mut it = argv.iter();
        while let Some(a) = it.next() {
            if let Some((key, value)) = a.split_once('=').filter(|(k, _)| k.starts_with("--")) {
                if !with_value.contains(&key) {
                    return Err(CliError(format!("unknown option «{key}»")));
                }
                args.values.push((key.to_string(), value.to_string()));
            } else if with_value.contains(&a.as_str()) {
                let Some(value) = it.next() else {
                    return Err(CliError(format!("option «{a}» needs a value")));
                };
                args.values.push((a.clone(), value.clone()));
            } else if switches.contains(&a.as_str()) {
                args.flags.push(a.clone());
            } else if a.starts_with("--") {
                return Err(CliError(format!("unknown option «{a}»")));
            } else {
                args.positionals.push(a.clone());
            }
        }
        Ok(args)
    }

    /// Whether the switch was given.
    pub fn flag(&self, name: &str) -> bool {
        self.flags.iter().any(|f| f == name)
    }

    /// The last value given for an option.
    pub fn value(&self, name: &str) -> Option<&str> {
        self.values
            .iter()
            .rev()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}
