//! Golden output of the analysis path, for checking that a speed change finds exactly what the
//! build before it found: `cargo run --release --example golden > before.txt`, change, run
//! again, `cmp` the two files. One line per text and view: `analyse` under several contexts,
//! `analyse_all`, the folded text, the word spans and the API's `analyse` response.
//!
//! The texts: every comment of the development sets `tests/eval/dev*.jsonl` (never
//! the blind `test.jsonl`, nor `dev7.jsonl`, which is reserved for a blind report), 3,000
//! random mixes of their pieces with soft hyphens, combining marks, NBSP, CR LF, emoji,
//! zero-width characters and capitals, and a few long texts.
use tenk_core::api::{self, State};
use tenk_core::lexicon::Words;
use tenk_core::normalize::Normalized;
use tenk_core::{Context, Engine, Lang, Role};

fn comments(root: &str) -> Vec<String> {
    let mut out = Vec::new();
    for file in [
        "dev.jsonl",
        "dev2.jsonl",
        "dev3.jsonl",
        "dev4f.jsonl",
        "dev4v.jsonl",
        "dev5.jsonl",
        "dev6.jsonl",
    ] {
        let path = format!("{root}/tests/eval/{file}");
        let source = std::fs::read_to_string(&path).expect("the dev files are readable");
        for line in source.lines().filter(|l| !l.trim().is_empty()) {
            let v: serde_json::Value = serde_json::from_str(line).expect("JSON lines");
            out.push(v["text"].as_str().expect("a text").to_string());
        }
    }
    out
}

struct Rng(u64);

impl Rng {
    fn next(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

const NOISE: &[&str] = &[
    "\u{ad}",
    "\u{301}",
    "\u{30a}",
    "\u{338}",
    "\u{a0}",
    "\r\n",
    "\n\n",
    "😀",
    "👏🏽",
    "🙃",
    "\u{200b}",
    "\u{2019}",
    "\u{2013}",
    "«",
    "»",
    "\"",
    "!!!",
    "?!1",
    " ",
    "  ",
    "\t",
    "Æ",
    "ø",
    "Å",
    "é",
    "ß",
    "İ",
    "ǅ",
    "ﬁ",
    "Σ",
    "1",
    "2024/12345",
    "01129940030",
    "011299 40030",
    ".",
    ",",
    "(",
    ")",
    ":",
    "'",
    "-",
    "*",
];

fn mix(rng: &mut Rng, pool: &[String]) -> String {
    let mut out = String::new();
    for _ in 0..1 + rng.next(6) {
        let text = &pool[rng.next(pool.len())];
        let words: Vec<&str> = text.split(' ').collect();
        let a = rng.next(words.len());
        let b = a + 1 + rng.next(words.len() - a);
        for w in &words[a..b] {
            let w = match rng.next(6) {
                0 => w.to_uppercase(),
                1 => {
                    let mut c = w.chars();
                    c.next()
                        .map(|f| f.to_uppercase().chain(c).collect())
                        .unwrap_or_default()
                }
                _ => w.to_string(),
            };
            // Noise inside the word, at a character boundary.
            if rng.next(4) == 0 && !w.is_empty() {
                let cut: Vec<usize> = w.char_indices().map(|(i, _)| i).collect();
                let at = cut[rng.next(cut.len())];
                out.push_str(&w[..at]);
                out.push_str(NOISE[rng.next(NOISE.len())]);
                out.push_str(&w[at..]);
            } else {
                out.push_str(&w);
            }
            out.push_str(if rng.next(5) == 0 {
                NOISE[rng.next(NOISE.len())]
            } else {
                " "
            });
        }
    }
    out
}

fn main() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
    let pool = comments(root);
    let mut texts = pool.clone();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for _ in 0..3000 {
        texts.push(mix(&mut rng, &pool));
    }
    for k in 0..5 {
        let mut long = String::new();
        for i in 0..300 {
            long.push_str(&pool[(k * 211 + i * 7) % pool.len()]);
            long.push_str(["\n", " ", "\r\n\r\n", " 😀 "][i % 4]);
        }
        texts.push(long);
    }
    texts.push(String::new());
    texts.push(" \u{ad}\u{301}".into());

    let engine = Engine::default_policy();
    let contexts = [
        Context::default(),
        Context {
            role: Role::Leader,
            lang: Lang::En,
            has_attachment: true,
            local_hour: Some(2),
            ..Context::default()
        },
        Context {
            lang: Lang::Nn,
            is_edit: true,
            ..Context::default()
        },
    ];
    let mut state = State::new();
    let mut out = String::new();
    for (i, text) in texts.iter().enumerate() {
        for (c, ctx) in contexts.iter().enumerate() {
            let found = engine.analyse(text, ctx);
            out.push_str(&format!("{i} analyse {c} {}\n", json(&found)));
        }
        let all = engine.analyse_all(text, &Context::default());
        out.push_str(&format!("{i} all {}\n", json(&all)));
        let folded = Normalized::new(text);
        let words = Words::new(folded.as_str());
        let spans: Vec<(usize, usize)> = (0..words.len()).map(|w| words.span(w)).collect();
        out.push_str(&format!("{i} fold {:?} {spans:?}\n", folded.as_str()));
        let response = api::handle_json(
            &mut state,
            serde_json::json!({"op": "analyse", "text": text, "context": {"lang": "nb"}}),
        );
        out.push_str(&format!("{i} api {}\n", json(&response)));
    }
    print!("{out}");
    eprintln!("{} texts", texts.len());
}

fn json<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_string(v).expect("serialises")
}
