//! Running the built `tenk` binary from the CLI's integration tests.

use std::io::Write;
use std::process::{Command, Output, Stdio};

/// Runs `tenk` with `args` and no standard input.
#[allow(dead_code)] // Not every test file runs it without input.
pub fn tenk(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tenk"))
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("the tenk binary runs")
}

/// Runs `tenk` with `args`, writing `stdin` to its standard input.
#[allow(dead_code)] // Not every test file pipes text in.
pub fn tenk_with_stdin(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_tenk"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the tenk binary runs");
    // The child may exit before reading stdin (a bad option): a broken pipe is fine.
    let _ = child.stdin.take().unwrap().write_all(stdin);
    child.wait_with_output().unwrap()
}
