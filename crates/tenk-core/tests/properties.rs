//! Property tests over the core (issue 9, «Bad input to the core»): for arbitrary Unicode text
//! and arbitrary context the engine never panics, its spans lie on UTF-16 boundaries inside
//! the text and cover exactly `matched`, analysis is deterministic, and local rules do not
//! care what neutral text stands around a finding. The same never-panic property holds for
//! arbitrary JSON sent through the API door.
//!
//! `PROPTEST_CASES=5000 cargo test -p tenk-core --test properties` for a deeper run.

mod common;

use proptest::prelude::*;
use proptest::test_runner::Config;
use tenk_core::api::{Response, State};
use tenk_core::{Context, Engine, Finding, Lang, Role};

use common::{check_findings, check_response, handle_value};

// ---------------------------------------------------------------------------------------------
// Generators

/// Characters that have broken text code elsewhere: multi-unit UTF-16, zero-width, bidi
/// controls, combining marks, NUL, soft hyphen, Norwegian letters, other scripts.
const NASTY: &[char] = &[
    '\0',
    '\u{1}',
    '\t',
    '\n',
    '\r',
    '\u{7f}',
    '\u{85}',
    '\u{a0}',
    '\u{ad}', // soft hyphen
    'æ',
    'ø',
    'å',
    'Æ',
    'Ø',
    'Å',
    'é',
    'ü',
    'ß',
    'İ',
    'ı',
    'ǅ',
    'ﬀ', // case-mapping oddities
    '\u{300}',
    '\u{301}',
    '\u{308}',
    '\u{30a}',
    '\u{338}',
    '\u{20dd}', // combining marks
    '\u{200b}',
    '\u{200c}',
    '\u{200d}',
    '\u{2060}',
    '\u{feff}', // zero-width
    '\u{200e}',
    '\u{200f}',
    '\u{202a}',
    '\u{202b}',
    '\u{202c}',
    '\u{202d}',
    '\u{202e}',
    '\u{2066}',
    '\u{2067}',
    '\u{2068}',
    '\u{2069}',
    '\u{61c}', // bidi controls
    'א',
    'ש',
    'ل',
    'م',
    '٣',
    '۴',
    'ж',
    'Я',
    'Ω',
    'あ',
    '中',
    '한',
    'ก',
    'क',
    '\u{94d}',
    '０',
    '１',
    '９',
    '𝟎',
    '𝟗',
    '½',
    '²',
    '٠', // digits that are not ASCII
    '😀',
    '😊',
    '👍',
    '🏽',
    '👩',
    '\u{1f1f3}',
    '\u{1f1f4}',
    '❤',
    '\u{fe0f}',
    '🤦',
    '\u{e000}',
    '\u{f8ff}',
    '\u{fffd}',
    '\u{fffe}',
    '\u{10ffff}',
    '\u{1d11e}',
    '\u{e0041}',
    '\u{2028}',
    '\u{2029}',
    '\u{3000}',
    '\u{1680}',
    '\u{180e}',
];

/// Words and snippets the detectors care about, so that arbitrary text often comes near a rule.
const SNIPPETS: &[&str] = &[
    "01129940030",
    "011299 40030",
    "15076500565",
    "41018036736",
    "30108299939",
    "12345678901",
    "+47 98765432",
    "2024/12345",
    "saksnr. 24/1234",
    "fødselsnummer",
    "NAV",
    "Velferdsetaten",
    "bruker",
    "klienten min",
    "kollegaen min",
    "sjefen",
    "idiot",
    "på jobb i dag",
    "send meg en PM",
    "Vi i etaten mener",
    "JEG ORKER IKKE MER!!!!",
    "Beklager, jeg tok feil",
    "bilde",
    "https://example.no/x?y=1",
    "@Mona Berg",
    "hei",
    " ",
    ".",
    "!",
    "?",
    "-",
    "/",
    "+",
    ",",
    "\n\n",
];

fn nasty_char() -> impl Strategy<Value = char> {
    prop_oneof![
        4 => proptest::char::range(' ', '~'),
        2 => proptest::char::range('0', '9'),
        3 => proptest::sample::select(NASTY),
        1 => any::<char>(),
    ]
}

/// Arbitrary text built from characters and detector-relevant snippets.
fn text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        3 => proptest::collection::vec(nasty_char(), 1..12).prop_map(String::from_iter),
        2 => proptest::sample::select(SNIPPETS).prop_map(str::to_string),
        1 => digit_run(),
        1 => valid_national_id(),
    ];
    proptest::collection::vec(piece, 0..24).prop_map(|pieces| pieces.concat())
}

/// ASCII digit runs of any length with the separators that join digit groups.
fn digit_run() -> impl Strategy<Value = String> {
    (
        proptest::collection::vec(proptest::char::range('0', '9'), 1..16),
        proptest::sample::select(&["", " ", "-", ".", "/", "+", ","][..]),
    )
        .prop_map(|(digits, sep)| format!("{sep}{}", String::from_iter(digits)))
}

/// Control digits by the pre-2032 rule; `None` when a control digit would be 10.
fn control_digits(first9: &[u32; 9]) -> Option<(u32, u32)> {
    const W1: [u32; 9] = [3, 7, 6, 1, 8, 9, 4, 5, 2];
    const W2: [u32; 10] = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];
    let s1: u32 = W1.iter().zip(first9).map(|(w, d)| w * d).sum();
    let k1 = (11 - s1 % 11) % 11;
    if k1 == 10 {
        return None;
    }
    let s2: u32 = W2
        .iter()
        .zip(first9.iter().chain(std::iter::once(&k1)))
        .map(|(w, d)| w * d)
        .sum();
    let k2 = (11 - s2 % 11) % 11;
    (k2 != 10).then_some((k1, k2))
}

/// A valid fødselsnummer, D-nummer, H-nummer or synthetic number, written as eleven digits or
/// as `DDMMYY IIIKK`.
fn valid_national_id() -> impl Strategy<Value = String> {
    (
        1u32..=28,
        1u32..=12,
        0u32..=99,
        0u32..=999,
        0u32..4, // plain, D (+40 day), H (+40 month), synthetic (+80 month)
        any::<bool>(),
    )
        .prop_filter_map(
            "control digit would be 10",
            |(day, month, year, ind, kind, spaced)| {
                let (day, month) = match kind {
                    1 => (day + 40, month),
                    2 => (day, month + 40),
                    3 => (day, month + 80),
                    _ => (day, month),
                };
                let s = format!("{day:02}{month:02}{year:02}{ind:03}");
                let mut d = [0u32; 9];
                for (k, c) in s.chars().enumerate() {
                    d[k] = c.to_digit(10).unwrap();
                }
                let (k1, k2) = control_digits(&d)?;
                Some(if spaced {
                    format!("{} {}{k1}{k2}", &s[..6], &s[6..])
                } else {
                    format!("{s}{k1}{k2}")
                })
            },
        )
}

#[allow(clippy::needless_update)] // Context may grow; new fields take their defaults
fn context() -> impl Strategy<Value = Context> {
    (
        proptest::option::of(prop_oneof![
            proptest::sample::select(
                &[
                    "https://www.facebook.com/groups/1",
                    "www.aftenposten.no",
                    "https://www.nrk.no/x",
                    "",
                    "not a url",
                    "http://[::1]:99999/",
                ][..]
            )
            .prop_map(str::to_string),
            text(),
        ]),
        prop_oneof![Just(Role::Employee), Just(Role::Leader)],
        prop_oneof![Just(Lang::Nb), Just(Lang::Nn), Just(Lang::En)],
        any::<bool>(),
        any::<bool>(),
        proptest::option::of(any::<u8>()),
    )
        .prop_map(
            |(site, role, lang, has_attachment, is_edit, local_hour)| Context {
                site,
                role,
                lang,
                has_attachment,
                is_edit,
                local_hour,
                ..Context::default()
            },
        )
}

/// Arbitrary JSON, with keys that the API knows mixed into random ones so that some requests
/// get deep into deserialization before they go wrong.
fn json() -> impl Strategy<Value = serde_json::Value> {
    use serde_json::Value;
    const KEYS: &[&str] = &[
        "op",
        "text",
        "context",
        "site",
        "role",
        "lang",
        "hasAttachment",
        "isEdit",
        "localHour",
        "managed",
        "user",
        "uiLanguage",
        "url",
        "field",
        "identity",
        "firstSubmitOnSite",
        "labels",
        "texts",
        "images",
        "pageSwitcher",
        "kind",
    ];
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from), // NaN and ±inf become null
        (0u8..30u8).prop_map(Value::from),
        text().prop_map(Value::String),
        proptest::sample::select(
            &[
                "analyse",
                "prepareSubmit",
                "configure",
                "site",
                "qualifyField",
                "guidelines",
                "employee",
                "leader",
                "nb",
                "nn",
                "en",
                "",
            ][..]
        )
        .prop_map(Value::from),
    ];
    leaf.prop_recursive(4, 48, 8, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            proptest::collection::vec(
                (
                    prop_oneof![
                        3 => proptest::sample::select(KEYS).prop_map(str::to_string),
                        1 => text(),
                    ],
                    inner
                ),
                0..8
            )
            .prop_map(|entries| Value::Object(entries.into_iter().collect())),
        ]
    })
}

/// A request-shaped object: a known (or unknown) `op` and fields of the right or wrong type.
fn request_json() -> impl Strategy<Value = serde_json::Value> {
    (
        proptest::sample::select(
            &[
                "analyse",
                "prepareSubmit",
                "configure",
                "site",
                "qualifyField",
                "guidelines",
                "friendRequest",
                "Analyse",
                "",
                "nope",
            ][..],
        ),
        prop_oneof![
            3 => text().prop_map(serde_json::Value::String),
            1 => json()
        ],
        prop_oneof![
            2 => context().prop_map(|c| serde_json::to_value(c).unwrap()),
            1 => json()
        ],
        proptest::collection::vec(
            (
                proptest::sample::select(
                    &[
                        "identity",
                        "firstSubmitOnSite",
                        "managed",
                        "user",
                        "uiLanguage",
                        "url",
                        "field",
                        "lang",
                        "extra",
                    ][..],
                ),
                json(),
            ),
            0..4,
        ),
    )
        .prop_map(|(op, text, context, extra)| {
            let mut object = serde_json::Map::new();
            object.insert("op".into(), op.into());
            object.insert("text".into(), text);
            object.insert("context".into(), context);
            for (k, v) in extra {
                object.insert(k.into(), v);
            }
            serde_json::Value::Object(object)
        })
}

/// Neutral sentences: they trigger no guideline, so padding a finding with them must change
/// nothing but its offsets. Some carry multi-unit characters to exercise the UTF-16 shift.
const NEUTRAL: &[&str] = &[
    "Hei, hvordan går det? ",
    "Takk for sist. ",
    "Så fint vær det er i dag. ",
    "Ha en fin helg på hytta ☀️ ",
    "hei ",
    "Vi ses på søndag 😊 ",
    "Kaffen var god. ",
    "Blåbærsyltetøy på vaflene. ",
    "\n",
];

fn padding() -> impl Strategy<Value = String> {
    proptest::collection::vec(proptest::sample::select(NEUTRAL), 0..40)
        .prop_map(|parts| parts.concat())
}

fn utf16_len(s: &str) -> usize {
    s.encode_utf16().count()
}

fn config() -> Config {
    // The default case count (256, or PROPTEST_CASES) applies; failures are not persisted to
    // files because the workspace keeps no proptest-regressions directory: a failure prints its
    // minimal input, which then becomes a named regression test.
    Config {
        failure_persistence: None,
        ..Config::default()
    }
}

// ---------------------------------------------------------------------------------------------
// Properties

proptest! {
    #![proptest_config(config())]

    /// Never panics; every span is inside the text, on UTF-16 boundaries, equals `matched`.
    #[test]
    fn analyse_spans_are_sound(text in text(), ctx in context()) {
        let findings = Engine::default_policy().analyse(&text, &ctx);
        if let Err(problem) = check_findings(&text, &findings) {
            prop_assert!(false, "{problem}\ntext: {text:?}\nfindings: {findings:#?}");
        }
    }

    /// Fully arbitrary `char`s (any code point, any length) with arbitrary context.
    #[test]
    fn analyse_any_chars(chars in proptest::collection::vec(any::<char>(), 0..300), ctx in context()) {
        let text = String::from_iter(chars);
        let findings = Engine::default_policy().analyse(&text, &ctx);
        if let Err(problem) = check_findings(&text, &findings) {
            prop_assert!(false, "{problem}\ntext: {text:?}");
        }
    }

    /// The same text and context give the same findings, from the same engine and a new one.
    #[test]
    fn analyse_is_deterministic(text in text(), ctx in context()) {
        let engine = Engine::default_policy();
        let first = engine.analyse(&text, &ctx);
        let again = engine.analyse(&text, &ctx);
        let fresh = Engine::default_policy().analyse(&text, &ctx);
        prop_assert_eq!(&first, &again);
        prop_assert_eq!(&first, &fresh);
    }

    /// A national ID (a local rule) padded with neutral sentences before and after: the same
    /// findings, shifted by the prefix's UTF-16 length.
    #[test]
    fn national_id_is_independent_of_neutral_text_around_it(
        id in valid_national_id(),
        label in proptest::sample::select(&["", "fnr ", "Fødselsnummeret er ", "nr: "][..]),
        before in padding(),
        after in padding(),
        ctx in context(),
    ) {
        // The padding's context facts (site, hour, …) are the same in all three analyses.
        let engine = Engine::default_policy();
        let core = format!("{label}{id}.");
        let alone = engine.analyse(&core, &ctx);
        prop_assert!(
            alone.iter().any(|f| f.detector == "national-id" && f.matched == id),
            "the national ID {id:?} is not found alone: {alone:#?}"
        );
        let neutral = engine.analyse(&format!("{before}{after}"), &ctx);
        let text_findings_in_padding: Vec<&Finding> =
            neutral.iter().filter(|f| f.start < f.end).collect();
        prop_assert!(
            text_findings_in_padding.is_empty(),
            "the padding is not neutral: {text_findings_in_padding:#?}"
        );

        let padded = format!("{before}{core}{after}");
        let shift = utf16_len(&before);
        let expected: Vec<Finding> = alone
            .into_iter()
            .map(|mut f| {
                if f.start < f.end {
                    f.start += shift;
                    f.end += shift;
                }
                f
            })
            .collect();
        let got = engine.analyse(&padded, &ctx);
        if let Err(problem) = check_findings(&padded, &got) {
            prop_assert!(false, "{problem}");
        }
        prop_assert_eq!(sorted(got), sorted(expected));
    }

    /// Arbitrary JSON through the API door: never a panic, always a well-formed response, an
    /// `error` when the request does not deserialize.
    #[test]
    fn api_survives_arbitrary_json(value in json()) {
        let mut state = State::new();
        let parses = serde_json::from_value::<tenk_core::api::Request>(value.clone()).is_ok();
        let response = handle_value(&mut state, value.clone());
        if !parses {
            prop_assert!(matches!(response, Response::Error { .. }), "{value}: {response:?}");
        }
        if let Err(problem) = check_response(value.get("text").and_then(|t| t.as_str()), &response) {
            prop_assert!(false, "{problem}\nrequest: {value}");
        }
    }

    /// Request-shaped JSON with right and wrong field types; a state reused across requests.
    #[test]
    fn api_survives_request_shaped_json(values in proptest::collection::vec(request_json(), 1..6)) {
        let mut state = State::new();
        for value in values {
            let parses = serde_json::from_value::<tenk_core::api::Request>(value.clone()).is_ok();
            let response = handle_value(&mut state, value.clone());
            if !parses {
                prop_assert!(matches!(response, Response::Error { .. }), "{value}: {response:?}");
            }
            if let Err(problem) = check_response(value.get("text").and_then(|t| t.as_str()), &response) {
                prop_assert!(false, "{problem}\nrequest: {value}");
            }
        }
    }

    /// A valid analyse request answers exactly what the engine answers.
    #[test]
    fn api_analyse_equals_engine(text in text(), ctx in context()) {
        let mut state = State::new();
        let request = serde_json::json!({"op": "analyse", "text": text, "context": ctx});
        let response = handle_value(&mut state, request);
        let expected = Engine::default_policy().analyse(&text, &ctx);
        match response {
            Response::Analysis { findings, .. } => prop_assert_eq!(findings, expected),
            other => prop_assert!(false, "not an analysis: {other:?}"),
        }
    }
}

/// Findings in a canonical order, so that ties in start offset do not make equal sets differ.
fn sorted(mut findings: Vec<Finding>) -> Vec<Finding> {
    findings.sort_by(|a, b| {
        (a.start, a.end, &a.guideline, &a.detector).cmp(&(
            b.start,
            b.end,
            &b.guideline,
            &b.detector,
        ))
    });
    findings
}
