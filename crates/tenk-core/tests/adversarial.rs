//! Adversarial inputs to the core, table-driven (issue 9, «Bad input to the core»): huge texts,
//! huge words, only emoji, thousands of ID-like digit runs, mixed scripts, bidi controls,
//! combining marks, NUL, every Unicode scalar value, lone surrogates as they arrive from
//! JavaScript. Each case must not panic, must finish, and must give sound spans (the shared
//! oracle in `common`) and the expected national-ID findings.
//!
//! Timings are printed, never asserted (run with `-- --nocapture`); measured figures live in
//! `BENCHMARKS.md`.

mod common;

use std::time::Instant;

use tenk_core::api::{Response, State};
use tenk_core::{Context, Engine, Lang, Role};

use common::{check_findings, check_response, handle_value};

/// A valid fødselsnummer (synthetic, from the national-ID unit tests).
const FNR: &str = "01129940030";

/// Analyses `text`, checks every span and returns the national-ID matches.
fn national_ids(name: &str, text: &str, ctx: &Context) -> Vec<String> {
    let started = Instant::now();
    let findings = Engine::default_policy().analyse(text, ctx);
    let took = started.elapsed();
    if let Err(problem) = check_findings(text, &findings) {
        panic!("{name}: {problem}");
    }
    if took.as_millis() > 50 {
        println!("{name}: {} bytes analysed in {took:?}", text.len());
    }
    findings
        .into_iter()
        .filter(|f| f.detector == "national-id")
        .map(|f| f.matched)
        .collect()
}

fn repeat_to(unit: &str, bytes: usize) -> String {
    unit.repeat(bytes.div_ceil(unit.len()))
}

#[test]
fn hostile_texts_table() {
    let zalgo = "h\u{351}\u{34a}\u{35b}e\u{301}\u{302}\u{303}\u{304}\u{305}\u{306}i".repeat(2000);
    let cases: Vec<(&str, String, usize)> = vec![
        // (name, text, expected number of national-ID findings)
        ("empty", String::new(), 0),
        ("one 100 KB word of ASCII", "a".repeat(100_000), 0),
        ("one 100 KB word of æøå", "æøå".repeat(100_000 / 6), 0),
        ("one 100 KB digit run", "1".repeat(100_000), 0),
        (
            "one 100 KB word ending in a national ID",
            format!("{} {FNR}", "x".repeat(100_000)),
            1,
        ),
        (
            "only emoji (50 KB: skin tones, ZWJ families, flags)",
            repeat_to("😀👍🏽👩\u{200d}👩\u{200d}👧🇳🇴❤\u{fe0f}", 50_000),
            0,
        ),
        (
            "emoji around a national ID",
            format!("😀😀{FNR}😀 👍🏽 {FNR}👩\u{200d}👧"),
            2,
        ),
        (
            "mixed scripts",
            format!("Привет שלום مرحبا 你好 こんにちは 안녕 नमस्ते {FNR} Ελλάδα ไทย"),
            1,
        ),
        (
            "right-to-left override around a national ID",
            format!("\u{202e}{FNR}\u{202c} og \u{200f}fnr {FNR}\u{200e}"),
            2,
        ),
        (
            "isolates and Arabic letter mark",
            format!("\u{2067}{FNR}\u{2069}\u{61c}"),
            1,
        ),
        ("combining marks (zalgo, 80 KB)", zalgo, 0),
        (
            "combining mark on a digit breaks the run",
            "0\u{301}1129940030".to_string(),
            0,
        ),
        ("NUL bytes", format!("\0\0{FNR}\0tekst\0"), 1),
        ("only NUL", "\0".repeat(10_000), 0),
        (
            "zero-width characters inside a number",
            "011299\u{200b}40030 01129\u{200d}940030".to_string(),
            0,
        ),
        (
            "soft hyphen before a number",
            format!("fød\u{ad}sels\u{ad}nr {FNR}"),
            1,
        ),
        (
            "fullwidth and Arabic-Indic digits",
            "０１１２９９４００３０ ٠١١٢٩٩٤٠٠٣٠".to_string(),
            0,
        ),
        (
            "CRLF and line separators",
            format!("hei\r\n{FNR}\u{2028}{FNR}\u{2029}"),
            2,
        ),
        (
            "unpaired-surrogate replacement characters",
            format!("\u{fffd}{FNR}\u{fffd}"),
            1,
        ),
        (
            "noncharacters and private use",
            format!("\u{fffe}\u{10ffff}\u{e000}{FNR}"),
            1,
        ),
    ];
    let ctx = Context::default();
    for (name, text, expected) in cases {
        let ids = national_ids(name, &text, &ctx);
        assert_eq!(ids.len(), expected, "{name}: {ids:?}");
    }
}

#[test]
fn ten_thousand_national_id_like_digit_runs() {
    let ctx = Context::default();
    // A comma list (single spaces between IDs would read as one grouped number, see
    // docs/testing.md).
    let valid = format!("{FNR}, ").repeat(10_000);
    let ids = national_ids("10,000 valid IDs", &valid, &ctx);
    assert_eq!(ids.len(), 10_000);
    assert!(ids.iter().all(|m| m == FNR));

    let invalid = "12345678901 ".repeat(10_000);
    assert!(national_ids("10,000 invalid 11-digit runs", &invalid, &ctx).is_empty());

    // Separators that join digit groups make one long number, never an ID.
    for sep in ["-", ".", "/", ","] {
        let joined = format!("{FNR}{sep}").repeat(10_000);
        let name = format!("10,000 IDs joined by {sep:?}");
        assert!(national_ids(&name, &joined, &ctx).is_empty(), "{name}");
    }

    // Spaced form, every other one valid.
    let spaced = "011299 40030 og 011299 40031, ".repeat(5_000);
    assert_eq!(national_ids("spaced IDs", &spaced, &ctx).len(), 5_000);
}

#[test]
fn one_megabyte_of_comments() {
    // Real comments from the evaluation set, with one national ID per copy.
    let seeds: String = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/eval/dev.jsonl"
    ))
    .expect("tests/eval/dev.jsonl")
    .lines()
    .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
    .filter_map(|v| v.get("text").and_then(|t| t.as_str()).map(str::to_string))
    .filter(|t| !t.chars().any(|c| c.is_ascii_digit()))
    .take(20)
    .collect::<Vec<_>>()
    .join(" ");
    let unit = format!("{seeds} Fnr {FNR}. ");
    let copies = (1 << 20) / unit.len() + 1;
    let text = unit.repeat(copies);
    assert!(text.len() >= 1 << 20);

    for (lang, role) in [(Lang::Nb, Role::Employee), (Lang::En, Role::Leader)] {
        let ctx = Context {
            lang,
            role,
            ..Context::default()
        };
        let started = Instant::now();
        let ids = national_ids("1 MB", &text, &ctx);
        println!(
            "1 MB analysis ({} bytes, {} UTF-16 units, {lang:?}): {:?} (this build profile)",
            text.len(),
            text.encode_utf16().count(),
            started.elapsed()
        );
        assert_eq!(ids.len(), copies);
    }

    // The same through the API door, as the content script sends it.
    let mut state = State::new();
    let response = handle_value(
        &mut state,
        serde_json::json!({"op": "analyse", "text": text, "context": {"lang": "nn"}}),
    );
    check_response(Some(&text), &response).unwrap();
    assert!(matches!(response, Response::Analysis { .. }));
}

/// Every Unicode scalar value, in chunks of 4,096 with a national ID after each chunk: every
/// general category (controls, format characters, marks, surrogate-adjacent, private use,
/// unassigned, noncharacters) is seen by the engine, and the spans after each stay right.
#[test]
fn every_unicode_scalar_value() {
    let engine = Engine::default_policy();
    let ctx = Context::default();
    let all: Vec<char> = (0..=0x10_ffff_u32).filter_map(char::from_u32).collect();
    assert_eq!(all.len(), 0x11_0000 - 0x800);
    let mut seen = 0;
    for chunk in all.chunks(4096) {
        let text = format!("{} {FNR} ", String::from_iter(chunk));
        let findings = engine.analyse(&text, &ctx);
        check_findings(&text, &findings)
            .unwrap_or_else(|p| panic!("chunk from U+{:04X}: {p}", u32::from(chunk[0])));
        // The digit run may join a digit at the chunk's end; otherwise the ID is found.
        let joined = chunk.last().is_some_and(char::is_ascii_digit);
        if !joined {
            assert!(
                findings.iter().any(|f| f.matched == FNR),
                "chunk from U+{:04X}: national ID lost",
                u32::from(chunk[0])
            );
        }
        seen += chunk.len();
    }
    assert_eq!(seen, all.len());
}

/// JavaScript strings may hold unpaired surrogates; wasm-bindgen converts a JS string to a
/// Rust `String` with TextEncoder semantics, replacing each unpaired surrogate by one U+FFFD,
/// which is one UTF-16 unit too. So offsets computed on the Rust string index the original JS
/// string unchanged. Simulated natively with `String::from_utf16_lossy`, which replaces the same
/// way.
#[test]
fn lone_surrogates_from_javascript_keep_offsets_aligned() {
    let fnr: Vec<u16> = FNR.encode_utf16().collect();
    let cases: Vec<(&str, Vec<u16>)> = vec![
        ("lone high surrogate", vec![0xd83d]),
        ("lone low surrogate", vec![0xde00]),
        ("swapped pair", vec![0xde00, 0xd83d]),
        ("high, letter, low", vec![0xd83d, u16::from(b'a'), 0xde00]),
        ("valid pair then lone high", vec![0xd83d, 0xde00, 0xd83d]),
    ];
    for (name, noise) in cases {
        // JS: noise + " " + fnr + " " + noise
        let mut js: Vec<u16> = noise.clone();
        js.push(u16::from(b' '));
        js.extend(&fnr);
        js.push(u16::from(b' '));
        js.extend(&noise);
        let rust = String::from_utf16_lossy(&js);
        assert_eq!(
            rust.encode_utf16().count(),
            js.len(),
            "{name}: length changed"
        );
        let findings = Engine::default_policy().analyse(&rust, &Context::default());
        check_findings(&rust, &findings).unwrap();
        let f = findings
            .iter()
            .find(|f| f.detector == "national-id")
            .unwrap_or_else(|| panic!("{name}: national ID not found"));
        assert_eq!(
            &js[f.start..f.end],
            &fnr[..],
            "{name}: span misses in the JS string"
        );
    }
}

/// Context values at and beyond their edges: the hour 255, a 100 KB site, NUL in the site.
#[test]
fn extreme_contexts() {
    let text = format!("Hei, fnr {FNR}!");
    let sites = [
        None,
        Some(String::new()),
        Some("x".repeat(100_000)),
        Some("https://\0/".into()),
        Some("http://[::1]:99999/\u{202e}moc.koobecaf".into()),
        Some("😀".repeat(1000)),
    ];
    for site in sites {
        for local_hour in [None, Some(0), Some(23), Some(24), Some(255)] {
            for role in [Role::Employee, Role::Leader] {
                let ctx = Context {
                    site: site.clone(),
                    local_hour,
                    role,
                    has_attachment: true,
                    is_edit: true,
                    ..Context::default()
                };
                let ids = national_ids("extreme context", &text, &ctx);
                assert_eq!(ids, vec![FNR.to_string()], "{ctx:?}");
            }
        }
    }
}

/// Requests that are wrong in every way the JS side could get wrong: each yields an `error`
/// response (never a panic) whose message says what was wrong.
#[test]
fn malformed_requests_table() {
    use serde_json::json;
    let cases = [
        ("not an object", json!("analyse"), "invalid type"),
        ("null", json!(null), "invalid type"),
        (
            "array",
            json!([{"op": "analyse", "text": "x"}]),
            "invalid type",
        ),
        ("no op", json!({"text": "x"}), "op"),
        (
            "unknown op",
            json!({"op": "explode", "text": "x"}),
            "explode",
        ),
        (
            "op of wrong case",
            json!({"op": "Analyse", "text": "x"}),
            "Analyse",
        ),
        (
            "op as number",
            json!({"op": 1, "text": "x"}),
            "invalid type",
        ),
        ("no text", json!({"op": "analyse"}), "text"),
        (
            "text as number",
            json!({"op": "analyse", "text": 5}),
            "invalid type",
        ),
        (
            "text as null",
            json!({"op": "analyse", "text": null}),
            "invalid type",
        ),
        (
            "context as string",
            json!({"op": "analyse", "text": "x", "context": "nb"}),
            "invalid type",
        ),
        (
            "unknown role",
            json!({"op": "analyse", "text": "x", "context": {"role": "king"}}),
            "king",
        ),
        (
            "unknown lang",
            json!({"op": "analyse", "text": "x", "context": {"lang": "de"}}),
            "de",
        ),
        (
            "hour out of u8",
            json!({"op": "analyse", "text": "x", "context": {"localHour": 1000}}),
            "1000",
        ),
        (
            "negative hour",
            json!({"op": "analyse", "text": "x", "context": {"localHour": -1}}),
            "-1",
        ),
        (
            "fractional hour",
            json!({"op": "analyse", "text": "x", "context": {"localHour": 2.5}}),
            "2.5",
        ),
        (
            "flag as string",
            json!({"op": "analyse", "text": "x", "context": {"isEdit": "yes"}}),
            "invalid type",
        ),
    ];
    let mut state = State::new();
    for (name, request, mention) in cases {
        let response = handle_value(&mut state, request.clone());
        check_response(None, &response).unwrap();
        match response {
            Response::Error { message } => assert!(
                message.contains(mention),
                "{name}: the message {message:?} does not mention {mention:?}"
            ),
            other => panic!("{name}: {request} gave {other:?}"),
        }
    }
    // The state still answers a good request afterwards.
    let response = handle_value(&mut state, json!({"op": "analyse", "text": FNR}));
    assert!(matches!(response, Response::Analysis { ref findings, .. } if findings.len() == 1));
}

/// Regression: the shouting rule checked every word in capitals against every hit of its
/// exempt lexicon («NAV», «NRK»), so a long text full of «NAV» was quadratic: 512 KB took 46 s
/// optimised (minutes in a debug build). Now one binary search per word: well under a second.
/// The bound below is a tripwire two orders of magnitude above the fixed cost, not a benchmark.
#[test]
fn regression_capitals_exempt_words_were_quadratic() {
    for (unit, kb) in [("NAV ", 512), ("NAV SJEFEN NAV ER DUST ", 128)] {
        let text = repeat_to(unit, kb * 1024);
        let started = Instant::now();
        let findings = Engine::default_policy().analyse(&text, &Context::default());
        let took = started.elapsed();
        check_findings(&text, &findings).unwrap();
        println!("{kb} KB of {unit:?}: {took:?}");
        assert!(took.as_secs() < 120, "{kb} KB of {unit:?} took {took:?}");
    }
}

/// Regression guard for the «near», negation, quotation and overlap-merge passes, which were
/// quadratic in the number of lexicon hits before e1716c2 (64 KB of «idiot» took 23 s).
#[test]
fn regression_many_lexicon_hits_stay_linear() {
    for unit in ["idiot ", "ikke idiot ", "«a» sjefen er idiot. "] {
        let text = repeat_to(unit, 128 * 1024);
        let started = Instant::now();
        let findings = Engine::default_policy().analyse(&text, &Context::default());
        let took = started.elapsed();
        check_findings(&text, &findings).unwrap();
        println!("128 KB of {unit:?}: {took:?}");
        assert!(took.as_secs() < 120, "128 KB of {unit:?} took {took:?}");
    }
}

/// A one-guideline policy with `detector` as its only detector (and `lexicons` extra lines).
fn policy_with(lexicons: &str, detector: &str) -> String {
    format!(
        "[policy]\nname = \"t\"\n[lexicons]\nsak = [\"sak\"]\nnav = [\"NAV\"]\n{lexicons}\n\
         [[guidelines]]\nid = \"confidentiality\"\nseverity = \"warn\"\n[guidelines.nb]\n\
         title = \"t\"\nquote = \"q\"\nwhy = \"w\"\ninstead = \"i\"\nmessage = \"m\"\n\
         [[guidelines.detectors]]\nname = \"d\"\n{detector}\n"
    )
}

/// Broken policies: each is refused with a message that names what is wrong (a field, a
/// value or the line), never a panic; sent by IT through `configure`, the built-in guidelines
/// still apply and the problem is reported under `customPolicy`.
#[test]
fn broken_policies_table() {
    let huge: String = (0..10_000).map(|i| format!("\"ord{i}\", ")).collect();
    let cases: Vec<(&str, String, &str)> = vec![
        // (name, policy source, text the error must contain)
        ("not TOML", "this is { not toml".into(), "line 1"),
        ("empty file", String::new(), "policy"),
        (
            "wrong type: window as text",
            policy_with(
                "",
                "kind = \"case-number\"\nterms = [\"sak\"]\nwindow = \"x\"",
            ),
            "line",
        ),
        (
            "wrong type: terms as a string",
            policy_with("", "kind = \"phrase\"\nterms = \"sak\""),
            // What was found: serde says «invalid type: string "sak", expected a sequence» (with
            // the line), the WebAssembly build's own reader «…detectors[0].terms: invalid type:
            // a string, expected an array».
            "invalid type: ",
        ),
        (
            "negative window",
            policy_with("", "kind = \"case-number\"\nterms = [\"sak\"]\nwindow = -1"),
            "-1",
        ),
        (
            "unknown detector kind",
            policy_with("", "kind = \"fly\"\nterms = [\"sak\"]"),
            "fly",
        ),
        (
            "unknown detector field",
            policy_with("", "kind = \"phrase\"\nterms = [\"sak\"]\nbogus = 1"),
            "bogus",
        ),
        (
            "unknown lexicon",
            policy_with("", "kind = \"phrase\"\nterms = [\"nope\"]"),
            "nope",
        ),
        (
            "unknown guideline id",
            policy_with("", "kind = \"phrase\"\nterms = [\"sak\"]")
                .replace("id = \"confidentiality\"", "id = \"loyal\""),
            "loyal",
        ),
        (
            "empty lexicon",
            policy_with("tom = []", "kind = \"phrase\"\nterms = [\"tom\"]"),
            "tom",
        ),
        (
            "empty string entry",
            policy_with("tom = [\"\"]", "kind = \"phrase\"\nterms = [\"tom\"]"),
            "tom",
        ),
        (
            "empty message",
            policy_with("", "kind = \"phrase\"\nterms = [\"sak\"]")
                .replace("message = \"m\"", "message = \"  \""),
            "message",
        ),
        (
            "late night hour 24",
            policy_with(
                "",
                "kind = \"context\"\nwhen = \"late-night\"\nfrom_hour = 24\nto_hour = 5",
            ),
            "from_hour",
        ),
    ];
    for (name, source, mention) in &cases {
        let err = match Engine::from_policy_str(source) {
            Ok(_) => panic!("{name}: accepted"),
            Err(e) => e.to_string(),
        };
        assert!(
            err.contains(mention),
            "{name}: the error {err:?} does not mention {mention:?}"
        );
        // Through the door IT uses: a problem under customPolicy, built-in guidelines apply.
        let mut state = State::new();
        let configured = handle_value(
            &mut state,
            serde_json::json!({"op": "configure", "managed": {"customPolicy": source}}),
        );
        let json = serde_json::to_value(&configured).unwrap();
        assert!(
            json["problems"]
                .as_array()
                .is_some_and(|p| p.iter().any(|p| p["key"] == "customPolicy")),
            "{name}: {json}"
        );
        let analysis = handle_value(
            &mut state,
            serde_json::json!({"op": "analyse", "text": format!("fnr {FNR}")}),
        );
        assert!(
            matches!(&analysis, Response::Analysis { findings, .. } if findings.iter().any(|f| f.matched == FNR)),
            "{name}: the built-in guidelines no longer apply: {analysis:?}"
        );
    }

    // Accepted edge cases: regex-like entries are literal text, huge lexicons compile, extreme
    // numbers do not overflow.
    let accepted = [
        (
            "regex-like entries are matched literally",
            policy_with(
                "rx = [\"a.*b\", \"[0-9]+\", \"\\\\d{11}\"]",
                "kind = \"phrase\"\nterms = [\"rx\"]",
            ),
            "a.*b og [0-9]+ og \\d{11}",
            3,
        ),
        (
            "a lexicon of 10,000 entries (100,000: huge_lexicon_of_100k_entries)",
            policy_with(
                &format!("stor = [{huge}]"),
                "kind = \"phrase\"\nterms = [\"stor\"]",
            ),
            "ord7 og ord9999 og ord10000",
            2,
        ),
        (
            "window at i64::MAX",
            policy_with(
                "",
                "kind = \"case-number\"\nterms = [\"sak\"]\nwindow = 9223372036854775807",
            ),
            "sak nummer 2024/12345",
            1,
        ),
        (
            // Regression: indexed an empty list of capitals and panicked.
            "min_caps_words = 0 on a text without capitals",
            policy_with("", "kind = \"shouting\"\nmin_caps_words = 0"),
            "hei på deg",
            0,
        ),
        (
            "min_caps_words = 0 on a text with capitals",
            policy_with("", "kind = \"shouting\"\nmin_caps_words = 0"),
            "hei DERE",
            1,
        ),
    ];
    for (name, source, text, expected) in accepted {
        let started = Instant::now();
        let engine = Engine::from_policy_str(&source).unwrap_or_else(|e| panic!("{name}: {e}"));
        let findings = engine.analyse(text, &Context::default());
        println!("{name}: compiled and analysed in {:?}", started.elapsed());
        check_findings(text, &findings).unwrap();
        assert_eq!(findings.len(), expected, "{name}: {findings:?}");
    }
}

/// A lexicon of 100,000 entries compiles and matches (ignored in `cargo test`: about 90 s in a
/// debug build on the shared machine; `cargo test --profile fuzz … -- --ignored` runs it).
#[test]
#[ignore = "slow in debug builds"]
fn huge_lexicon_of_100k_entries() {
    let huge: String = (0..100_000).map(|i| format!("\"ord{i}\", ")).collect();
    let source = policy_with(
        &format!("stor = [{huge}]"),
        "kind = \"phrase\"\nterms = [\"stor\"]",
    );
    let started = Instant::now();
    let engine = Engine::from_policy_str(&source).unwrap();
    let text = "ord7 og ord99999 og ord100000";
    let findings = engine.analyse(text, &Context::default());
    println!(
        "100,000 entries: compiled and analysed in {:?}",
        started.elapsed()
    );
    check_findings(text, &findings).unwrap();
    assert_eq!(findings.len(), 2);
}
