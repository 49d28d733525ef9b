//! A stable fuzz harness for the core (no nightly, no cargo-fuzz): structured random inputs
//! mutated from a corpus of real comments (`tests/eval/*.jsonl`) go through
//! [`Engine::analyse`] and the API door; every answer is checked by the shared oracles
//! (`common`), every call runs under `catch_unwind`, and a watchdog reports an input that
//! takes too long. A failing input is written to `tests/.artifacts/` (gitignored) and can be
//! replayed with `FUZZ_REPLAY=tests/.artifacts/<file> cargo test -p tenk-core --test fuzz
//! fuzz_replay -- --ignored`.
//!
//! - `fuzz_smoke` (runs in `cargo test`): about `FUZZ_SMOKE_SECONDS` (default 5) with a fixed
//!   seed.
//! - `fuzz_long` (`./build.sh fuzz`): `FUZZ_SECONDS` (default 600), seed from `FUZZ_SEED` or
//!   the clock; prints corpus size, iterations, run time and the slowest input.

mod common;

use std::fs;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use tenk_core::api::State;
use tenk_core::{Context, Engine, Lang, Role};

use common::{check_findings, check_response, handle_value};

// ---------------------------------------------------------------------------------------------
// Randomness

/// xorshift64*: small, fast, reproducible from one seed.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }

    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// Uniform in `0..n` (`n > 0`).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn chance(&mut self, one_in: usize) -> bool {
        self.below(one_in) == 0
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

// ---------------------------------------------------------------------------------------------
// Corpus and mutations

/// Characters that are inserted by the mutator (see `properties.rs` for why each is here).
const INSERTS: &[&str] = &[
    "\0",
    "\u{ad}",
    "\u{200b}",
    "\u{200c}",
    "\u{200d}",
    "\u{feff}",
    "\u{200e}",
    "\u{200f}",
    "\u{202e}",
    "\u{2066}",
    "\u{2069}",
    "\u{300}",
    "\u{301}",
    "\u{30a}",
    "\u{fe0f}",
    "😀",
    "👩\u{200d}👩\u{200d}👧",
    "🏽",
    "\u{1f1f3}\u{1f1f4}",
    "\u{fffd}",
    "\u{10ffff}",
    "æ",
    "Ø",
    "å",
    "İ",
    "ß",
    "ﬀ",
    "א",
    "ل",
    "中",
    "٣",
    "０",
    "\u{2028}",
    "\u{a0}",
    "\r\n",
    "  ",
    "01129940030",
    "011299 40030",
    "41018036736",
    "+47",
    "-",
    "/",
    ".",
    ",",
    "!!!",
    "??",
    "NAV",
    "bruker",
    "sjefen",
    "\"",
    "\\",
    "{",
    "}",
    "[",
    "]",
    "=",
    "#",
];

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The texts of every labelled comment in `tests/eval/*.jsonl`, plus a few hand-made seeds.
fn corpus() -> Vec<String> {
    let mut texts = vec![
        String::new(),
        "01129940030".to_string(),
        "Fnr: 011299 40030, ring meg.".to_string(),
        "Hei 😀 æøå, fnr 011299 40030!".to_string(),
    ];
    let dir = workspace_root().join("tests/eval");
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .map(|entries| entries.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.sort();
    for file in files {
        if file.extension().and_then(|e| e.to_str()) != Some("jsonl") {
            continue;
        }
        let content = fs::read_to_string(&file).unwrap_or_default();
        for line in content.lines() {
            if let Ok(value) = serde_json::from_str::<serde_json::Value>(line) {
                if let Some(text) = value.get("text").and_then(|t| t.as_str()) {
                    texts.push(text.to_string());
                }
            }
        }
    }
    texts
}

/// One to four random mutations of `input`: byte flips, splices with another seed, repeats,
/// deletions, insertions of awkward characters. Invalid UTF-8 is repaired lossily (JavaScript
/// strings reach the core as valid Unicode; lone surrogates arrive as U+FFFD).
fn mutate(rng: &mut Rng, input: &str, corpus: &[String]) -> String {
    let mut bytes = input.as_bytes().to_vec();
    for _ in 0..1 + rng.below(4) {
        let len = bytes.len();
        match rng.below(8) {
            0 if len > 0 => {
                let i = rng.below(len);
                bytes[i] ^= 1 << rng.below(8);
            }
            1 if len > 0 => {
                let i = rng.below(len);
                bytes[i] = rng.next() as u8;
            }
            2 => {
                // Splice: a random slice of another seed at a random place.
                let other = rng.pick(corpus).as_bytes();
                if !other.is_empty() {
                    let a = rng.below(other.len());
                    let b = a + rng.below(other.len() - a + 1);
                    let at = rng.below(len + 1);
                    bytes.splice(at..at, other[a..b].iter().copied());
                }
            }
            3 if len > 0 => {
                // Repeat a slice up to 64 times (long words, long digit runs).
                let a = rng.below(len);
                let b = (a + 1 + rng.below(16)).min(len);
                let times = 1 + rng.below(64);
                let piece = bytes[a..b].repeat(times);
                bytes.splice(b..b, piece);
            }
            4 if len > 0 => {
                let a = rng.below(len);
                let b = (a + 1 + rng.below(32)).min(len);
                bytes.drain(a..b);
            }
            5 => {
                // Insert a random code point (any plane).
                let c = loop {
                    if let Some(c) = char::from_u32((rng.next() % 0x11_0000) as u32) {
                        break c;
                    }
                };
                let at = rng.below(len + 1);
                let mut buf = [0u8; 4];
                bytes.splice(at..at, c.encode_utf8(&mut buf).bytes());
            }
            _ => {
                let insert = rng.pick(INSERTS).as_bytes();
                let at = rng.below(len + 1);
                bytes.splice(at..at, insert.iter().copied());
            }
        }
    }
    bytes.truncate(64 * 1024);
    String::from_utf8_lossy(&bytes).into_owned()
}

#[allow(clippy::needless_update)] // Context may grow; new fields take their defaults
fn random_context(rng: &mut Rng, corpus: &[String]) -> Context {
    Context {
        site: match rng.below(4) {
            0 => None,
            1 => Some(
                rng.pick(&["https://www.facebook.com/groups/1", "www.vg.no", "", "::::"])
                    .to_string(),
            ),
            _ => {
                let seed_text = rng_pick_owned(rng, corpus);
                Some(mutate(rng, seed_text, corpus))
            }
        },
        role: if rng.chance(2) {
            Role::Employee
        } else {
            Role::Leader
        },
        lang: *rng.pick(&[Lang::Nb, Lang::Nn, Lang::En]),
        has_attachment: rng.chance(2),
        is_edit: rng.chance(2),
        local_hour: if rng.chance(3) {
            None
        } else {
            Some(rng.next() as u8)
        },
        ..Context::default()
    }
}

fn rng_pick_owned<'a>(rng: &mut Rng, corpus: &'a [String]) -> &'a str {
    corpus[rng.below(corpus.len())].as_str()
}

// ---------------------------------------------------------------------------------------------
// Targets

/// What the harness feeds an input to.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Target {
    /// `Engine::analyse` with a random context; spans checked; determinism checked sometimes.
    Analyse,
    /// A request object as JSON text, mutated as text, then parsed and handled.
    ApiJson,
    /// The built-in policy file mutated as text, then `mini_toml::parse` (the browser build's
    /// reader) and `Engine::from_policy_str`; a policy that compiles analyses a seed text
    /// with sound spans.
    Policy,
}

impl Target {
    fn name(self) -> &'static str {
        match self {
            Target::Analyse => "analyse",
            Target::ApiJson => "api-json",
            Target::Policy => "policy",
        }
    }

    fn from_name(name: &str) -> Option<Target> {
        [Target::Analyse, Target::ApiJson, Target::Policy]
            .into_iter()
            .find(|t| t.name() == name)
    }
}

/// Runs one input through one target; `Err` describes a broken property (a panic is caught by
/// the caller).
fn run_one(
    target: Target,
    input: &str,
    ctx: &Context,
    engine: &Engine,
    state: &mut State,
    check_determinism: bool,
) -> Result<(), String> {
    match target {
        Target::Analyse => {
            let findings = engine.analyse(input, ctx);
            check_findings(input, &findings)?;
            if check_determinism && engine.analyse(input, ctx) != findings {
                return Err("analysis is not deterministic".into());
            }
            Ok(())
        }
        Target::ApiJson => {
            let Ok(value) = serde_json::from_str::<serde_json::Value>(input) else {
                return Ok(()); // not JSON: the JS side can never send it
            };
            let response = handle_value(state, value.clone());
            check_response(value.get("text").and_then(|t| t.as_str()), &response)
        }
        Target::Policy => {
            // The browser build reads policies with `mini_toml`: it must not panic either.
            let _ = tenk_core::mini_toml::parse(input);
            policy_outcome(input, ctx)
        }
    }
}

/// Compiles a mutated policy; one that compiles must analyse a seed text with sound spans.
fn policy_outcome(input: &str, ctx: &Context) -> Result<(), String> {
    match Engine::from_policy_str(input) {
        Ok(custom) => {
            let text = "Sjefen min er en idiot, fnr 01129940030, SAK 2024/12345!!!";
            check_findings(text, &custom.analyse(text, ctx))
        }
        Err(e) if e.message.trim().is_empty() => Err("policy error without a message".into()),
        Err(_) => Ok(()),
    }
}

/// A request in JSON text built from a seed, to be mutated as text.
fn request_text(rng: &mut Rng, corpus: &[String]) -> String {
    let seed_text = rng_pick_owned(rng, corpus);
    let text = mutate(rng, seed_text, corpus);
    let ctx = random_context(rng, corpus);
    let op = rng.pick(&[
        "analyse",
        "analyse",
        "prepareSubmit",
        "configure",
        "site",
        "x",
    ]);
    let request = serde_json::json!({"op": op, "text": text, "context": ctx});
    let json = request.to_string();
    if rng.chance(2) {
        mutate(rng, &json, corpus)
    } else {
        json
    }
}

/// The built-in policy with a few mutations confined to one random region (so most of the
/// file stays valid and the parser gets past the first error), or a line-level edit: a line
/// dropped, duplicated or swapped with another.
fn mutate_policy(rng: &mut Rng, corpus: &[String]) -> String {
    let policy = tenk_core::engine::DEFAULT_POLICY;
    match rng.below(3) {
        0 => {
            let mut lines: Vec<&str> = policy.lines().collect();
            let i = rng.below(lines.len());
            match rng.below(3) {
                0 => {
                    lines.remove(i);
                }
                1 => lines.insert(i, lines[i]),
                _ => {
                    let j = rng.below(lines.len());
                    lines.swap(i, j);
                }
            }
            lines.join("\n")
        }
        _ => {
            // Mutate a window of up to 400 bytes (on char boundaries) in place.
            let mut start = rng.below(policy.len());
            while !policy.is_char_boundary(start) {
                start -= 1;
            }
            let mut end = (start + 1 + rng.below(400)).min(policy.len());
            while !policy.is_char_boundary(end) {
                end += 1;
            }
            let middle = mutate(rng, &policy[start..end], corpus);
            format!("{}{middle}{}", &policy[..start], &policy[end..])
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The run

/// What one fuzz run did.
#[derive(Debug, Default)]
struct Report {
    iterations: [u64; 3],
    failures: Vec<PathBuf>,
    slowest: Duration,
    slowest_len: usize,
}

/// The input currently being run, for the watchdog.
#[derive(Default)]
struct Current {
    started: Option<Instant>,
    target: &'static str,
    input: String,
}

fn artifacts_dir() -> PathBuf {
    workspace_root().join("tests/.artifacts")
}

/// Writes a failing input so it can be replayed: first line the target, then the raw input.
fn save_artifact(target: &str, seed: u64, iteration: u64, input: &str, why: &str) -> PathBuf {
    let dir = artifacts_dir();
    let _ = fs::create_dir_all(&dir);
    let path = dir.join(format!("fuzz-{target}-{seed:x}-{iteration}.txt"));
    let _ = fs::write(&path, format!("{target}\n{input}"));
    let _ = fs::write(
        path.with_extension("why.txt"),
        format!("{why}\n\n{input:?}\n"),
    );
    path
}

fn fuzz(seconds: u64, seed: u64, hang_after: Duration) -> Report {
    let corpus = corpus();
    let engine = Engine::default_policy();
    // One API state for the whole run, as in a browser tab (configure requests change it).
    let mut state = State::new();
    let mut rng = Rng::new(seed);
    let mut report = Report::default();
    let deadline = Instant::now() + Duration::from_secs(seconds);

    // Watchdog: an input that runs longer than `hang_after` is saved and the process stops.
    let current = Arc::new(Mutex::new(Current::default()));
    let done = Arc::new(AtomicBool::new(false));
    let watchdog = {
        let current = Arc::clone(&current);
        let done = Arc::clone(&done);
        std::thread::spawn(move || {
            while !done.load(Ordering::Relaxed) {
                std::thread::sleep(Duration::from_millis(250));
                let c = current.lock().unwrap_or_else(|e| e.into_inner());
                if let Some(started) = c.started {
                    if started.elapsed() > hang_after {
                        let path = save_artifact(c.target, seed, 0, &c.input, "hang");
                        eprintln!(
                            "fuzz: input ran longer than {hang_after:?} (hang?): {}",
                            path.display()
                        );
                        std::process::exit(101);
                    }
                }
            }
        })
    };

    let mut iteration = 0u64;
    while Instant::now() < deadline && report.failures.len() < 10 {
        // Check the clock every 64 inputs.
        for _ in 0..64 {
            iteration += 1;
            // Compiling a policy costs about a hundred analyses: it gets one input in 128.
            let target = match rng.below(128) {
                0..=31 => Target::ApiJson,
                32 => Target::Policy,
                _ => Target::Analyse,
            };
            let input = match target {
                Target::Analyse => {
                    let seed_text = rng_pick_owned(&mut rng, &corpus);
                    mutate(&mut rng, seed_text, &corpus)
                }
                Target::ApiJson => request_text(&mut rng, &corpus),
                Target::Policy => mutate_policy(&mut rng, &corpus),
            };
            let ctx = random_context(&mut rng, &corpus);
            let check_determinism = rng.chance(16);
            {
                let mut c = current.lock().unwrap_or_else(|e| e.into_inner());
                c.started = Some(Instant::now());
                c.target = target.name();
                c.input.clone_from(&input);
            }
            let started = Instant::now();
            let outcome = panic::catch_unwind(AssertUnwindSafe(|| {
                run_one(target, &input, &ctx, &engine, &mut state, check_determinism)
            }));
            let took = started.elapsed();
            current.lock().unwrap_or_else(|e| e.into_inner()).started = None;
            if took > report.slowest {
                report.slowest = took;
                report.slowest_len = input.len();
            }
            report.iterations[target as usize] += 1;
            let why = match outcome {
                Ok(Ok(())) => continue,
                Ok(Err(problem)) => format!("{problem}\ncontext: {ctx:?}"),
                Err(payload) => format!(
                    "panic: {}\ncontext: {ctx:?}",
                    payload
                        .downcast_ref::<String>()
                        .map(String::as_str)
                        .or_else(|| payload.downcast_ref::<&str>().copied())
                        .unwrap_or("(no message)")
                ),
            };
            let path = save_artifact(target.name(), seed, iteration, &input, &why);
            eprintln!("fuzz: {why}\n  saved to {}", path.display());
            report.failures.push(path);
        }
    }
    done.store(true, Ordering::Relaxed);
    let _ = watchdog.join();
    println!(
        "fuzz: seed {seed:#x}, corpus {} texts + the policy file, {} s, {} analyse + {} api-json \
         + {} policy inputs, slowest {:?} ({} bytes), {} failure(s)",
        corpus.len(),
        seconds,
        report.iterations[0],
        report.iterations[1],
        report.iterations[2],
        report.slowest,
        report.slowest_len,
        report.failures.len()
    );
    report
}

fn env_u64(name: &str) -> Option<u64> {
    let value = std::env::var(name).ok()?;
    let value = value.trim();
    match value.strip_prefix("0x") {
        Some(hex) => u64::from_str_radix(hex, 16).ok(),
        None => value.parse().ok(),
    }
}

fn assert_clean(report: &Report) {
    assert!(
        report.failures.is_empty(),
        "fuzzing found {} failing input(s): {:#?}",
        report.failures.len(),
        report.failures
    );
    assert!(report.iterations.iter().sum::<u64>() > 0, "no input ran");
}

/// A few seconds of fuzzing in every `cargo test` run, with a fixed seed.
#[test]
fn fuzz_smoke() {
    let seconds = env_u64("FUZZ_SMOKE_SECONDS").unwrap_or(5);
    let seed = env_u64("FUZZ_SEED").unwrap_or(0x7e4c_de90);
    assert_clean(&fuzz(seconds, seed, Duration::from_secs(30)));
}

/// The long run behind `./build.sh fuzz`.
#[test]
#[ignore = "long run: ./build.sh fuzz (FUZZ_SECONDS, default 600)"]
fn fuzz_long() {
    let seconds = env_u64("FUZZ_SECONDS").unwrap_or(600);
    let seed = env_u64("FUZZ_SEED").unwrap_or_else(|| {
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_nanos() as u64)
            .unwrap_or(1)
    });
    assert_clean(&fuzz(seconds, seed, Duration::from_secs(10)));
}

/// Replays one saved failing input: `FUZZ_REPLAY=tests/.artifacts/<file>`.
#[test]
#[ignore = "replays FUZZ_REPLAY"]
fn fuzz_replay() {
    let Ok(path) = std::env::var("FUZZ_REPLAY") else {
        return;
    };
    let content = fs::read_to_string(&path).expect("FUZZ_REPLAY names a readable file");
    let (name, input) = content.split_once('\n').unwrap_or((&content, ""));
    let target = Target::from_name(name).expect("first line names a target");
    let engine = Engine::default_policy();
    let mut state = State::new();
    for lang in [Lang::Nb, Lang::Nn, Lang::En] {
        let ctx = Context {
            lang,
            ..Context::default()
        };
        run_one(target, input, &ctx, &engine, &mut state, true).unwrap();
    }
}

/// The harness itself: a panic inside `catch_unwind` is caught in this build profile (the
/// release profile aborts on panic; `./build.sh fuzz` uses the `fuzz` profile, which unwinds).
#[test]
fn harness_catches_panics_in_this_profile() {
    let hook = panic::take_hook();
    panic::set_hook(Box::new(|_| {}));
    let caught = panic::catch_unwind(|| {
        let mut value = serde_json::json!(1);
        value["key"] = serde_json::json!(2); // serde_json panics: a number has no keys
    });
    panic::set_hook(hook);
    assert!(caught.is_err());
}

/// The mutator always yields valid, bounded strings and stays reproducible from its seed.
#[test]
fn mutator_is_reproducible_and_bounded() {
    let corpus = corpus();
    assert!(corpus.len() > 100, "tests/eval/*.jsonl was not read");
    let run = |seed| {
        let mut rng = Rng::new(seed);
        (0..500)
            .map(|_| {
                let s = rng_pick_owned(&mut rng, &corpus).to_string();
                mutate(&mut rng, &s, &corpus)
            })
            .collect::<Vec<_>>()
    };
    let a = run(42);
    assert_eq!(a, run(42));
    assert_ne!(a, run(43));
    assert!(a.iter().all(|s| s.len() <= 64 * 1024 + 3));
    assert!(
        a.iter()
            .zip(run(42))
            .filter(|(m, _)| !corpus.contains(m))
            .count()
            > 400
    );
}
