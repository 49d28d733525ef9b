//! CPU-time probe for one stage of the analysis: `cargo run --release --example prof -- STAGE N`
//! under `perf stat -e task-clock` gives a figure that a busy machine does not distort.
use tenk_core::lexicon::{LexiconSet, Words};
use tenk_core::normalize::Normalized;
use tenk_core::{Context, Engine};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let stage = args.get(1).map(String::as_str).unwrap_or("analyse");
    let n: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(10_000);
    let engine = Engine::default_policy();
    let base = "Jeg er helt enig i at dette er en viktig sak for mange familier i Oslo. Sjefen min sier at vi må vente på budsjettet, men kollegaen min mener noe annet 😊. Har du i det hele tatt lest rapporten? Eg trur mange på Stovner og Grorud kjenner seg att. Bildet fra tiltaket i går var fint, og saksnummer 2024/12345 er nevnt i avisa. ";
    // `clean`: the criterion benchmark's clean text (plain ASCII, no finding) instead.
    let base = if stage == "clean" {
        "Fin tur i marka i dag, sola skinte og kaffen var god. "
    } else {
        base
    };
    let text: String = base.chars().cycle().take(2000).collect();
    let named = engine.policy().named_lexicons();
    let set = LexiconSet::build(&named).unwrap();
    let folded = Normalized::new(&text);
    let words = Words::new(folded.as_str());
    if stage == "count" {
        println!(
            "raw {} hits {} memory {} KB",
            set.raw_matches(folded.as_str()),
            set.scan(&words).len(),
            set.memory_usage() / 1024
        );
    }
    let model = tenk_core::model::Model::build(
        tenk_core::Policy::parse(tenk_core::engine::DEFAULT_POLICY)
            .unwrap()
            .model
            .as_ref()
            .expect("the built-in policy has a model"),
    )
    .unwrap();
    let mut state = tenk_core::api::State::new();
    for _ in 0..n {
        match stage {
            "normalize" => stage_once(|| drop(std::hint::black_box(Normalized::new(&text)))),
            "words" => stage_once(|| drop(std::hint::black_box(Words::new(folded.as_str())))),
            "scan" => stage_once(|| drop(std::hint::black_box(set.scan(&words)))),
            "model" => stage_once(|| drop(std::hint::black_box(model.score(&words)))),
            "none" => {}
            "api" | "api-empty" => {
                let text = if stage == "api" { text.as_str() } else { "" };
                let request = tenk_core::api::Request::Analyse {
                    text: text.to_string(),
                    context: Context::default(),
                };
                stage_once(|| {
                    drop(std::hint::black_box(tenk_core::api::handle(
                        &mut state, request,
                    )))
                })
            }
            "raw" => stage_once(|| {
                std::hint::black_box(set.raw_matches(folded.as_str()));
            }),
            _ => drop(std::hint::black_box(analyse_once(&engine, &text))),
        }
    }
}

/// One run of a stage, never inlined (`--toggle-collect='prof::stage_once*'`).
#[inline(never)]
fn stage_once(f: impl FnOnce()) {
    f()
}

/// One analysis, never inlined, so that `valgrind --tool=callgrind
/// --toggle-collect=prof::analyse_once` counts exactly its instructions.
#[inline(never)]
fn analyse_once(engine: &Engine, text: &str) -> Vec<tenk_core::Finding> {
    engine.analyse(text, &Context::default())
}
