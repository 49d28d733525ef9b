//! The compiled form of a policy: matchers built once, then [`Engine::analyse`] is a pure
//! function of text and context.
//!
//! Data flows in one direction (see `DESIGN.md`): fold the text ([`crate::normalize`]),
//! match every lexicon in one pass ([`crate::lexicon`]), run the rules ([`crate::rules`]),
//! then map spans back to the original and to UTF-16 ([`crate::spans`]).

use std::sync::OnceLock;

use crate::lexicon::LexiconSet;
use crate::model::Model;
use crate::normalize::Normalized;
use crate::policy::{GuidelineText, Policy, PolicyError};
use crate::rules::{self, situation::Situation, Detector, RawFinding, Rule, Scan};
use crate::spans::Utf16Map;
use crate::text::sub;
use crate::{Context, Finding, Lang};

/// The built-in policy (Velferdsetaten, Oslo kommune).
pub const DEFAULT_POLICY: &str = include_str!("../policies/velferdsetaten.toml");

/// Guidelines compiled for fast analysis. Build once, analyse many times.
#[derive(Debug, Clone)]
pub struct Engine {
    policy: Policy,
    lexicons: LexiconSet,
    detectors: Vec<Detector>,
    /// The learned detector and, per guideline it scores, the index of its `model` detector.
    model: Option<(Model, Vec<usize>)>,
    /// The model veto (`[model_veto]`), its lexicons and guidelines resolved.
    model_veto: Option<ModelVeto>,
}

/// `[model_veto]` resolved: the model's findings of `guidelines` (indices) are dropped when a
/// `when` lexicon has a hit in the text and no `unless` lexicon has one.
#[derive(Debug, Clone)]
struct ModelVeto {
    when: Vec<crate::lexicon::LexiconId>,
    unless: Vec<crate::lexicon::LexiconId>,
    guidelines: Vec<usize>,
}

impl ModelVeto {
    fn applies(&self, scan: &Scan<'_>) -> bool {
        scan.hits_of(&self.when).next().is_some() && scan.hits_of(&self.unless).next().is_none()
    }
}

impl Default for Engine {
    fn default() -> Self {
        Engine::default_policy()
    }
}

impl Engine {
    /// The engine for the built-in Velferdsetaten policy (compiled once per process), read
    /// from [`DEFAULT_POLICY`]. The WebAssembly build starts from the same policy compiled at
    /// build time instead ([`Engine::from_compiled`], `crates/tenk-wasm/build.rs`).
    pub fn default_policy() -> Engine {
        static DEFAULT: OnceLock<Engine> = OnceLock::new();
        DEFAULT
            .get_or_init(|| {
                Engine::from_policy_str(DEFAULT_POLICY)
                    .expect("the built-in policy is valid (tested)")
            })
            .clone()
    }

    /// Builds the engine from a policy compiled ahead of time ([`crate::compiled::compile`]):
    /// no TOML to read, no lexicon entries to fold, so it starts several times faster and
    /// finds exactly the same (tested in `tests/compiled_policy.rs`). Its `policy()` has no
    /// lexicon sources and no examples.
    pub fn from_compiled(source: &str) -> Result<Engine, PolicyError> {
        let decoded = crate::compiled::decode(source).map_err(|message| PolicyError {
            message,
            line: None,
        })?;
        let crate::compiled::Decoded {
            policy,
            names,
            pattern_text,
            pattern_ends,
            entries,
        } = decoded;
        let patterns = crate::compiled::patterns(&pattern_text, &pattern_ends);
        let lexicons =
            LexiconSet::from_parts(names, &patterns, entries).map_err(|e| PolicyError {
                message: format!("lexicons.{}: {}", e.lexicon, e.message),
                line: None,
            })?;
        Engine::with_lexicons(policy, lexicons)
    }

    /// Parses, validates and compiles a policy file's TOML source.
    pub fn from_policy_str(source: &str) -> Result<Engine, PolicyError> {
        Engine::from_policy(Policy::parse(source)?)
    }

    /// Compiles a parsed policy.
    pub fn from_policy(policy: Policy) -> Result<Engine, PolicyError> {
        let named = policy.named_lexicons();
        let lexicons = LexiconSet::build(&named).map_err(|e| PolicyError {
            message: format!("lexicons.{}: {}", e.lexicon, e.message),
            line: None,
        })?;
        Engine::with_lexicons(policy, lexicons)
    }

    /// Compiles the detectors of `policy` against its built lexicons, and its model.
    fn with_lexicons(policy: Policy, lexicons: LexiconSet) -> Result<Engine, PolicyError> {
        let mut detectors = Vec::new();
        for (gi, g) in policy.guidelines.iter().enumerate() {
            for d in &g.detectors {
                detectors.push(rules::compile(gi, g.severity, d, &lexicons));
            }
        }
        let model = match &policy.model {
            None => None,
            Some(def) => {
                let model = Model::build(def).map_err(|message| PolicyError {
                    message,
                    line: None,
                })?;
                let mut slots = Vec::new();
                for m in &model.guidelines {
                    let (gi, g) = policy
                        .guidelines
                        .iter()
                        .enumerate()
                        .find(|(_, g)| *g.id.get_ref() == m.id)
                        .ok_or_else(|| PolicyError {
                            message: format!("model: «{}» is not a guideline of this policy", m.id),
                            line: None,
                        })?;
                    slots.push(detectors.len());
                    detectors.push(Detector {
                        guideline: gi,
                        name: "model".to_string(),
                        severity: g.severity,
                        rule: Rule::Model,
                        same_rule_as: None,
                    });
                }
                Some((model, slots))
            }
        };
        // Its lexicons and guidelines exist: `Policy::parse` checked them, and the compiled
        // form is written from a checked policy.
        let model_veto = policy.model_veto.as_ref().map(|def| {
            let ids = |names: Option<&Vec<String>>| -> Vec<usize> {
                names
                    .into_iter()
                    .flatten()
                    .filter_map(|n| lexicons.id(n))
                    .collect()
            };
            ModelVeto {
                when: ids(Some(def.when.get_ref())),
                unless: ids(def.unless.as_ref().map(|u| u.get_ref())),
                guidelines: def
                    .guidelines
                    .get_ref()
                    .iter()
                    .filter_map(|id| policy.guidelines.iter().position(|g| g.id.get_ref() == id))
                    .collect(),
            }
        });
        rules::share_rules(&mut detectors);
        Ok(Engine {
            policy,
            lexicons,
            detectors,
            model,
            model_veto,
        })
    }

    /// The policy this engine was built from.
    pub fn policy(&self) -> &Policy {
        &self.policy
    }

    /// Texts of every guideline in `lang`, in policy order.
    pub fn guideline_texts(&self, lang: Lang) -> Vec<GuidelineText> {
        self.policy
            .guidelines
            .iter()
            .map(|g| g.text(lang))
            .collect()
    }

    /// Texts of one guideline in `lang`.
    pub fn guideline_text(&self, id: &str, lang: Lang) -> Option<GuidelineText> {
        self.policy.guideline(id).map(|g| g.text(lang))
    }

    /// Every finding in `text` under `ctx`, ordered by start offset; where findings of one
    /// guideline overlap, only the earliest, longest is kept.
    pub fn analyse(&self, text: &str, ctx: &Context) -> Vec<Finding> {
        self.findings(text, ctx, true)
    }

    /// Every detector's findings, overlapping ones included (for checking a policy's examples
    /// and for debugging a detector).
    pub fn analyse_all(&self, text: &str, ctx: &Context) -> Vec<Finding> {
        self.findings(text, ctx, false)
    }

    fn findings(&self, text: &str, ctx: &Context, merge_overlaps: bool) -> Vec<Finding> {
        let folded = Normalized::new(text);
        let scan = Scan::new(text, &folded, &self.lexicons);
        let mut raw = rules::run(&self.detectors, &scan, ctx);
        if let Some((model, slots)) = &self.model {
            let veto = self.model_veto.as_ref().filter(|v| v.applies(&scan));
            for ((score, m), &detector) in model
                .score(&scan.words)
                .iter()
                .zip(&model.guidelines)
                .zip(slots)
            {
                let vetoed = veto
                    .is_some_and(|v| v.guidelines.contains(&self.detectors[detector].guideline));
                if score.total >= m.fire_at && !vetoed {
                    let (start, end) = score
                        .best
                        .map_or((0, 0), |(_, a, b)| folded.original_range(a, b));
                    raw.push(RawFinding {
                        detector,
                        start,
                        end,
                    });
                }
            }
        }
        if !raw.is_empty() {
            self.leader_and_any(ctx, &mut raw);
        }
        let raw = if merge_overlaps {
            dedupe(raw, &self.detectors)
        } else {
            raw
        };
        let map = Utf16Map::new(text);
        raw.into_iter()
            .map(|r| {
                let d = &self.detectors[r.detector];
                let g = &self.policy.guidelines[d.guideline];
                Finding {
                    guideline: g.id.get_ref().clone(),
                    severity: d.severity,
                    start: map.to_utf16(r.start),
                    end: map.to_utf16(r.end),
                    message: g.texts(ctx.lang).message.clone(),
                    detector: d.name.clone(),
                    matched: sub(text, r.start..r.end).to_string(),
                }
            })
            .collect()
    }

    /// The guidelines whose learned findings the policy's `[model_veto]` drops for `text` (none
    /// when it has no veto or the veto does not apply): for `tenk train --cv`, which scores
    /// the model outside the engine.
    pub fn model_vetoed(&self, text: &str) -> Vec<&str> {
        let Some(veto) = &self.model_veto else {
            return Vec::new();
        };
        let folded = Normalized::new(text);
        let scan = Scan::new(text, &folded, &self.lexicons);
        if !veto.applies(&scan) {
            return Vec::new();
        }
        veto.guidelines
            .iter()
            .map(|&g| self.policy.guidelines[g].id.get_ref().as_str())
            .collect()
    }

    /// `leader-and-any` detectors fire when the writer is a leader and anything else fired.
    fn leader_and_any(&self, ctx: &Context, raw: &mut Vec<RawFinding>) {
        if ctx.role != crate::Role::Leader {
            return;
        }
        for (i, d) in self.detectors.iter().enumerate() {
            if matches!(d.rule, Rule::Situation(Situation::LeaderAndAny)) {
                raw.push(RawFinding {
                    detector: i,
                    start: 0,
                    end: 0,
                });
            }
        }
    }
}

/// One finding per guideline and place: overlapping findings of the same guideline keep the
/// earliest, longest one. The result is ordered by start offset.
///
/// Linear after the sort: findings come by start, so whether a new one overlaps a kept one of
/// its guideline only depends on how far the kept ones reach (comparing each with every kept
/// one was quadratic and took tens of seconds on a megabyte of text).
fn dedupe(mut raw: Vec<RawFinding>, detectors: &[Detector]) -> Vec<RawFinding> {
    raw.sort_by_key(|r| (r.start, std::cmp::Reverse(r.end), r.detector));
    let guidelines = detectors.iter().map(|d| d.guideline + 1).max().unwrap_or(0);
    let mut reach = vec![Reach::default(); guidelines];
    let mut kept: Vec<RawFinding> = Vec::with_capacity(raw.len());
    for r in raw {
        let g = &mut reach[detectors[r.detector].guideline];
        let overlaps = if r.start == r.end {
            // A place, not a range: it overlaps another place, or a range strictly around it.
            g.has_place || g.end_before(r.start) > r.start
        } else {
            // Every kept range starts at or before this one, so reaching past its start is
            // overlapping it.
            g.end_before(r.start).max(g.end_at_start) > r.start
        };
        if !overlaps {
            g.keep(&r);
            kept.push(r);
        }
    }
    kept
}

/// How far the kept findings of one guideline reach, for [`dedupe`].
#[derive(Debug, Clone, Copy, Default)]
struct Reach {
    /// A zero-width finding (a place) was kept.
    has_place: bool,
    /// The start of the last kept finding.
    start: usize,
    /// The furthest end among kept findings that start before `start`.
    end_before_start: usize,
    /// The furthest end among kept findings that start at `start`.
    end_at_start: usize,
}

impl Reach {
    /// The furthest end among kept findings that start before `at` (`at` ≥ every kept start).
    fn end_before(&self, at: usize) -> usize {
        if self.start < at {
            self.end_before_start.max(self.end_at_start)
        } else {
            self.end_before_start
        }
    }

    fn keep(&mut self, r: &RawFinding) {
        self.has_place |= r.start == r.end;
        if r.start > self.start {
            self.end_before_start = self.end_before_start.max(self.end_at_start);
            self.start = r.start;
            self.end_at_start = r.end;
        } else {
            self.end_at_start = self.end_at_start.max(r.end);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Severity;

    /// The straightforward quadratic definition [`dedupe`] must agree with.
    fn dedupe_reference(mut raw: Vec<RawFinding>, detectors: &[Detector]) -> Vec<RawFinding> {
        raw.sort_by_key(|r| (r.start, std::cmp::Reverse(r.end), r.detector));
        let mut kept: Vec<RawFinding> = Vec::new();
        for r in raw {
            let g = detectors[r.detector].guideline;
            let overlaps = kept.iter().any(|k| {
                detectors[k.detector].guideline == g
                    && ((k.start == k.end && r.start == r.end)
                        || (r.start < k.end && k.start < r.end))
            });
            if !overlaps {
                kept.push(r);
            }
        }
        kept
    }

    #[test]
    fn dedupe_agrees_with_the_pairwise_definition() {
        // Four detectors over three guidelines; findings of every shape, zero-width included.
        let detectors: Vec<Detector> = [0, 1, 1, 2]
            .iter()
            .map(|&guideline| Detector {
                guideline,
                name: format!("d{guideline}"),
                severity: Severity::Warn,
                rule: Rule::Situation(Situation::LeaderAndAny),
                same_rule_as: None,
            })
            .collect();
        let mut seed = 0x2545_f491_u64;
        let mut next = |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n) as usize
        };
        for round in 0..400 {
            let raw: Vec<RawFinding> = (0..next(40))
                .map(|_| {
                    let start = next(60);
                    let len = if next(4) == 0 { 0 } else { next(12) };
                    RawFinding {
                        detector: next(4),
                        start,
                        end: start + len,
                    }
                })
                .collect();
            assert_eq!(
                dedupe(raw.clone(), &detectors),
                dedupe_reference(raw, &detectors),
                "round {round}"
            );
        }
    }
}

#[cfg(test)]
mod analysis_tests {
    use super::*;
    use crate::{Lang, Role};

    fn ids(findings: &[Finding]) -> Vec<&str> {
        let mut v: Vec<&str> = findings.iter().map(|f| f.guideline.as_str()).collect();
        v.sort_unstable();
        v.dedup();
        v
    }

    #[test]
    fn guidelines_found_in_text_table() {
        let engine = Engine::default_policy();
        let cases: &[(&str, &str, &[&str])] = &[
            (
                "compound insult, bokmål",
                "Drittsjefen har gjort det igjen.",
                &["negative-about-colleagues"],
            ),
            (
                "compound insult, nynorsk",
                "For ein idiotleiar vi har.",
                &["negative-about-colleagues"],
            ),
            ("negated insult", "Sjefen min er ikke udugelig.", &[]),
            (
                "negated insult, nynorsk",
                "Leiaren vår er ikkje udugeleg.",
                &[],
            ),
            (
                "quoted insult",
                "Han ropte «idiot» til sjefen i filmen.",
                &[],
            ),
            (
                "employer",
                "Velferdsetaten er en elendig arbeidsplass.",
                &["loyalty"],
            ),
            (
                "debate opponent",
                "Du er jo helt idiot.",
                &["facts-not-arguments"],
            ),
            (
                "football coach",
                "Treneren til Vålerenga er helt udugelig.",
                &[],
            ),
            (
                "speaking for the agency",
                "Vi i Velferdsetaten mener at dette er feil.",
                &["mixing-roles"],
            ),
            (
                "case number",
                "Det gjelder saksnummer 2024/12345.",
                &["confidentiality"],
            ),
            ("phone number", "Ring meg på 98 76 54 32.", &[]),
            (
                "case number with spaces round the slash",
                "saksnummer: 2025 / 00412 er sendt.",
                &["confidentiality"],
            ),
            (
                "case keyword written apart",
                "Saks nr 2022-14455 tas opp torsdag.",
                &["confidentiality"],
            ),
            (
                "a score is no case number",
                "Sak 3 på årsmøtet: parkering.",
                &[],
            ),
            (
                "national id with dots and spaces",
                "D-nr 41.01.80 367 36 står feil.",
                &["confidentiality"],
            ),
            (
                "account number with dots",
                "Kontonr 1503.27.48196 for klasseturen.",
                &[],
            ),
            (
                "a whole article published",
                "Eg la ut ein artikkel frå avisa i heilskap.",
                &["copyright-and-consent"],
            ),
            (
                "a link to an article",
                "Her er lenken til artikkelen i Aftenposten, verdt å lese.",
                &[],
            ),
            (
                "answering about the agency's process",
                "Det tar vanligvis tre uker før vedtaket kommer.",
                &["questions-to-official-channels"],
            ),
            (
                "travel time is no agency matter",
                "Det tar vanligvis tre timer å kjøre til Trysil.",
                &[],
            ),
            (
                "a client's private details",
                "Hun som var innom i dag, alenemora med tvillingene fra Lindeberg, fikk avslag.",
                &["clients-and-users", "confidentiality"],
            ),
            (
                "users in a general debate",
                "I debatten om sosialhjelp glemmer mange at brukerne er mennesker.",
                &[],
            ),
            (
                "deleting one's own post",
                "Har fjerna innlegget mitt, det var skrive i sinne.",
                &["admit-mistakes"],
            ),
            ("deleting an app", "Har sletta appen, orka ikkje meir.", &[]),
            (
                "friend request from a client",
                "Klienten min la meg til som venn.",
                &["clients-and-users"],
            ),
            (
                "correction",
                "Rettelse: det var 300, ikke 3000.",
                &["admit-mistakes"],
            ),
            (
                "picture from work",
                "Her er et bilde fra jobben i dag.",
                &["photos"],
            ),
            (
                "shouting",
                "DETTE ER HELT UAKSEPTABELT!!!",
                &["think-twice"],
            ),
            (
                "soft hyphen and case",
                "SJEF\u{ad}EN min er UDUGELIG",
                &["negative-about-colleagues"],
            ),
            (
                "ae/oe/aa spelling",
                "Sjefen min er helt udugelig og haaploes",
                &["negative-about-colleagues"],
            ),
            ("clean", "Gratulerer med dagen, Kari! 🎉", &[]),
        ];
        for (name, text, expected) in cases {
            let found = engine.analyse(text, &Context::default());
            assert_eq!(ids(&found), *expected, "{name}: {found:?}");
        }
    }

    #[test]
    fn spans_are_utf16_and_cover_the_words() {
        let engine = Engine::default_policy();
        let text = "😀 Blåbær og æøå. Sjefen min er udugelig.";
        let found = engine.analyse(text, &Context::default());
        let f = found
            .iter()
            .find(|f| f.guideline == "negative-about-colleagues")
            .expect("a finding");
        let units: Vec<u16> = text.encode_utf16().collect();
        let covered = String::from_utf16(&units[f.start..f.end]).unwrap();
        assert_eq!(covered, f.matched);
        assert!(
            covered.starts_with("Sjefen") && covered.ends_with("udugelig"),
            "{covered}"
        );
        assert_eq!(f.detector, "insult-near-colleague");
    }

    #[test]
    fn context_rules() {
        let engine = Engine::default_policy();
        let at = |ctx: Context, text: &str| {
            ids(&engine.analyse(text, &ctx))
                .into_iter()
                .map(String::from)
                .collect::<Vec<_>>()
        };
        let attachment = Context {
            has_attachment: true,
            ..Context::default()
        };
        assert_eq!(
            at(attachment, "Fin dag!"),
            ["copyright-and-consent", "photos"]
        );
        let edit = Context {
            is_edit: true,
            ..Context::default()
        };
        assert_eq!(at(edit, "Fin dag!"), ["admit-mistakes"]);
        let late = Context {
            local_hour: Some(2),
            ..Context::default()
        };
        assert_eq!(at(late, "Fin dag!"), ["think-twice"]);
        let leader = Context {
            role: Role::Leader,
            ..Context::default()
        };
        assert_eq!(at(leader.clone(), "Fin dag!"), Vec::<String>::new());
        assert_eq!(
            at(leader, "Sjefen min er udugelig."),
            ["leaders-responsibility", "negative-about-colleagues"]
        );
    }

    #[test]
    fn messages_follow_the_language() {
        let engine = Engine::default_policy();
        let text = "fnr 01129940030";
        let nb = engine.analyse(text, &Context::default());
        let en = engine.analyse(
            text,
            &Context {
                lang: Lang::En,
                ..Context::default()
            },
        );
        assert_ne!(nb[0].message, en[0].message);
        assert_eq!(
            en[0].message,
            engine
                .policy()
                .guideline("confidentiality")
                .unwrap()
                .texts(Lang::En)
                .message
        );
    }

    #[test]
    fn another_employer_can_ship_its_own_policy() {
        let source = r#"
[policy]
name = "Eksempel kommune"

[lexicons]
secret = ["hemmelig*"]

[[guidelines]]
id = "confidentiality"
severity = "warn"
[guidelines.nb]
title = "Taushet"
quote = "Hold tett."
why = "Fordi."
instead = "Ikke skriv det."
message = "Dette kan være hemmelig."

[[guidelines.detectors]]
name = "secret-word"
kind = "phrase"
terms = ["secret"]
"#;
        let engine = Engine::from_policy_str(source).unwrap();
        let found = engine.analyse("Dette er hemmelige tall.", &Context::default());
        assert_eq!(found.len(), 1);
        assert_eq!(
            (found[0].detector.as_str(), found[0].matched.as_str()),
            ("secret-word", "hemmelige")
        );
        assert_eq!(
            engine.guideline_texts(Lang::En)[0].title,
            "Taushet",
            "falls back to bokmål"
        );
        assert!(Engine::from_policy_str("[policy]\nname = 1").is_err());
    }
    #[test]
    fn a_shared_rule_finds_what_running_it_again_finds() {
        let engine = Engine::default_policy();
        let shared = engine
            .detectors
            .iter()
            .filter(|d| d.same_rule_as.is_some())
            .count();
        assert!(
            shared >= 2,
            "the built-in policy lists a rule under two guidelines"
        );
        let mut unshared = engine.detectors.clone();
        for d in &mut unshared {
            d.same_rule_as = None;
        }
        let ctx = Context {
            has_attachment: true,
            ..Context::default()
        };
        let mut copied = 0;
        for text in [
            "K.H., 34 år, fra bydel Søndre Nordstrand fikk endelig bolig i dag. T.O. (52) frå \
             Bjerke fekk plass.",
            "Tur med ungdomstiltaket i dag, og Sara (16) fikk sin første fisk! Han Ali på 17 \
             fra ungdomstiltaket fikk lærlingplass.",
            "Sjefen min er en idiot. Bildet fra tiltaket i går, saksnummer 2024/12345.",
            "",
        ] {
            let folded = Normalized::new(text);
            let scan = Scan::new(text, &folded, &engine.lexicons);
            let run = rules::run(&engine.detectors, &scan, &ctx);
            assert_eq!(run, rules::run(&unshared, &scan, &ctx), "{text}");
            copied += run
                .iter()
                .filter(|r| engine.detectors[r.detector].same_rule_as.is_some())
                .count();
        }
        assert!(copied >= 4, "{copied} findings of shared rules");
    }
}
