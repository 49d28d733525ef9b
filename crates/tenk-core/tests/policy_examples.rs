//! Every detector of the built-in policy carries its own positive (`examples.fire`) and
//! negative (`examples.quiet`) Norwegian examples; this runs them all.

use tenk_core::{Context, Engine, Lang};

#[test]
fn every_detector_example_behaves() {
    let engine = Engine::default_policy();
    let mut failures = Vec::new();
    let mut checked = 0;
    for g in &engine.policy().guidelines {
        for d in &g.detectors {
            let name = d.name.get_ref();
            for text in &d.examples.fire {
                checked += 1;
                let findings = engine.analyse_all(text, &Context::default());
                if !findings
                    .iter()
                    .any(|f| &f.detector == name && &f.guideline == g.id.get_ref())
                {
                    failures.push(format!("{name} should fire on «{text}», got {findings:?}"));
                }
            }
            for text in &d.examples.quiet {
                checked += 1;
                let findings = engine.analyse_all(text, &Context::default());
                if let Some(f) = findings.iter().find(|f| &f.detector == name) {
                    failures.push(format!(
                        "{name} should stay quiet on «{text}», fired on «{}»",
                        f.matched
                    ));
                }
            }
        }
    }
    assert!(checked > 100, "only {checked} examples");
    assert!(
        failures.is_empty(),
        "{} of {checked} examples failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn every_guideline_id_is_in_the_default_policy_with_three_languages() {
    let engine = Engine::default_policy();
    for id in tenk_core::policy::GUIDELINE_IDS {
        let g = engine
            .policy()
            .guideline(id)
            .unwrap_or_else(|| panic!("{id} missing"));
        assert!(g.nn.is_some() && g.en.is_some(), "{id} lacks nn or en");
        assert!(!g.detectors.is_empty(), "{id} has no detector");
        for lang in [Lang::Nb, Lang::Nn, Lang::En] {
            let t = engine.guideline_text(id, lang).unwrap();
            assert!(
                !t.title.is_empty()
                    && !t.quote.is_empty()
                    && !t.why.is_empty()
                    && !t.instead.is_empty()
            );
        }
    }
    assert_eq!(engine.guideline_texts(Lang::Nn).len(), 13);
}
