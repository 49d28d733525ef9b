//! Analysing a 2,000-character comment with the full default policy (target: p50 ≤ 20 µs
//! natively), plus building the engine once. Results go into BENCHMARKS.md.

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use tenk_core::{Context, Engine};

/// A realistic mixed comment: ordinary talk with a few triggers, æøå and an emoji, repeated
/// to exactly 2,000 characters.
fn comment_2000() -> String {
    let base = "Jeg er helt enig i at dette er en viktig sak for mange familier i Oslo. \
        Sjefen min sier at vi må vente på budsjettet, men kollegaen min mener noe annet 😊. \
        Har du i det hele tatt lest rapporten? Eg trur mange på Stovner og Grorud kjenner seg att. \
        Bildet fra tiltaket i går var fint, og saksnummer 2024/12345 er nevnt i avisa. ";
    base.chars().cycle().take(2000).collect()
}

fn bench(c: &mut Criterion) {
    let engine = Engine::default_policy();
    let text = comment_2000();
    assert_eq!(text.chars().count(), 2000);
    let ctx = Context::default();
    c.bench_function("analyse 2000 chars, default policy", |b| {
        b.iter(|| engine.analyse(black_box(&text), black_box(&ctx)))
    });
    let clean: String = "Fin tur i marka i dag, sola skinte og kaffen var god. "
        .chars()
        .cycle()
        .take(2000)
        .collect();
    c.bench_function("analyse 2000 chars clean, default policy", |b| {
        b.iter(|| engine.analyse(black_box(&clean), black_box(&ctx)))
    });
    // The learned detector's share of an analysis: folding and word split are the engine's
    // anyway, so only the model's walk over the words is timed.
    let policy = tenk_core::Policy::parse(tenk_core::engine::DEFAULT_POLICY).unwrap();
    let model = tenk_core::model::Model::build(policy.model.as_ref().unwrap()).unwrap();
    let folded = tenk_core::normalize::Normalized::new(&text);
    let words = tenk_core::lexicon::Words::new(folded.as_str());
    c.bench_function("model score 2000 chars (words given)", |b| {
        b.iter(|| model.score(black_box(&words)))
    });
    c.bench_function("build engine from the default policy", |b| {
        b.iter(|| Engine::from_policy_str(black_box(tenk_core::engine::DEFAULT_POLICY)).unwrap())
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
