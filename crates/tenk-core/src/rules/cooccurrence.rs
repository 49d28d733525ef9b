//! Lexicon hits that count alone (a phrase) or only near another lexicon (an insult near a
//! workplace reference), silenced by a negation just before them or by quotation marks.
//!
//! Distances are counted in words within one sentence: «sjefen min er en idiot» has the
//! colleague reference and the insult three words apart. A compound that is both
//! («drittsjefen») is distance zero. A negation («ikke», «ikkje», «aldri») up to
//! `negation_window` words before the trigger, with no comma or full stop between, silences
//! it: «han er ikke udugelig» is no insult.

use super::{distance, framed_negation, led, nearer_elsewhere, Scan, SENTENCE_END};
use crate::lexicon::{Hit, LexiconId};

/// A compiled `phrase` or `near` detector.
#[derive(Debug, Clone)]
pub struct Cooccurrence {
    /// Lexicons whose hits trigger.
    pub terms: Vec<LexiconId>,
    /// When not empty, one of these must be within `window` words in the same sentence.
    pub near: Vec<LexiconId>,
    /// When not empty, one of these must be within `window` words too, and the trigger, the
    /// `near` partner and this one must stand on different words: a person («ho eine
    /// jenta»), where they were met («på avlastinga») and what identifies them («har
    /// epilepsi»).
    pub also_near: Vec<LexiconId>,
    /// The `near` partner may stand in another sentence within the window.
    pub across_sentences: bool,
    /// The `near` partner must end before the trigger starts.
    pub near_first: bool,
    /// The `near` partner must start after the trigger ends.
    pub near_after: bool,
    /// Quiet on a comment whose every sentence is a question.
    pub needs_statement: bool,
    /// When not empty, a hit of one of these must end at most `lead_window` words before the
    /// trigger, in the same clause (the role noun «nattevakt» after «som» or «år som»).
    pub lead: Vec<LexiconId>,
    /// Words allowed between a `lead` hit and the trigger.
    pub lead_window: usize,
    /// The `near` partner may not share characters with the trigger.
    pub apart: bool,
    /// A trigger in a sentence ending in «?» does not count.
    pub skip_questions: bool,
    /// A hit of these within `unless_window` words (same sentence) silences the trigger.
    pub unless_near: Vec<LexiconId>,
    /// Reach of `unless_near`, in words.
    pub unless_window: usize,
    /// A hit of these covering a trigger's or partner's words cancels it («landslagssjefen»).
    pub except: Vec<LexiconId>,
    /// Distance in words.
    pub window: usize,
    /// Negation lexicon.
    pub negation: Option<LexiconId>,
    /// How many words before the trigger a negation reaches.
    pub negation_window: usize,
    /// Negating frames that reach the rest of their clause (see [`framed_negation`]).
    pub negation_frames: Vec<LexiconId>,
    /// Ignore triggers inside quotation marks.
    pub skip_quoted: bool,
    /// `near`: a trigger nearer (in words) to a hit of one of these than to its partner, not
    /// sharing characters with either, does not count (see `evidence`'s `nearer_target`).
    pub nearer_target: Vec<LexiconId>,
}

/// Whether the sentence holding `hit` ends in «?»: «Noen som vet hvor lang behandlingstid det
/// er?» asks, it does not answer.
fn in_question(scan: &Scan<'_>, hit: &Hit) -> bool {
    scan.asks_at(hit.end)
}

/// Whether every sentence of the comment (with a letter or digit in it) ends in «?»: the
/// comment asks and answers nothing.
fn only_questions(scan: &Scan<'_>) -> bool {
    let text = scan.folded.as_str();
    let mut asked = false;
    let mut pending = false;
    for c in text.chars() {
        if c.is_alphanumeric() {
            pending = true;
        } else if SENTENCE_END.contains(&c) && pending {
            if c != '?' {
                return false;
            }
            asked = true;
            pending = false;
        }
    }
    asked && !pending
}

impl Cooccurrence {
    /// Original byte ranges of every place it fires.
    pub fn run(&self, scan: &Scan<'_>) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        // Whether the text is all questions is read only once a term has a hit (most texts
        // have none for most detectors); `out` is still empty then.
        let mut statement_checked = !self.needs_statement;
        // Lexicon after lexicon in plain loops, not `hits_of`: its iterator adapter was two calls
        // per hit in the WebAssembly build.
        for &term in &self.terms {
            for hit in scan.hits_in(term) {
                if !statement_checked {
                    if only_questions(scan) {
                        return out;
                    }
                    statement_checked = true;
                }
                if self.skip_quoted && scan.is_quoted(hit.start, hit.end) {
                    continue;
                }
                // No hit of a partner lexicon within reach: the partner search below finds
                // nothing, so the negation, cover, lead and question tests need not run.
                if !self.near.is_empty()
                    && self
                        .near
                        .iter()
                        .all(|&l| scan.hits_near(l, hit, self.window).is_empty())
                {
                    continue;
                }
                if self.negated(scan, hit)
                    || scan.covered(hit, &self.except)
                    || !led(scan, &self.lead, self.lead_window, hit)
                    || (self.skip_questions && in_question(scan, hit))
                {
                    continue;
                }
                // Plain loops over the lexicons' nearby hits, not iterator chains: at the
                // WebAssembly build's `opt-level = "z"` each adapter was a call per hit.
                let within = |other: &Hit, window: usize| {
                    distance(hit, other) <= window
                        && (self.across_sentences
                            || !scan.sentence_end_between(
                                hit.end.min(other.end),
                                hit.start.max(other.start),
                            ))
                };
                let silenced = self.unless_near.iter().any(|&l| {
                    scan.hits_near(l, hit, self.unless_window)
                        .iter()
                        .any(|o| within(o, self.unless_window))
                });
                if silenced {
                    continue;
                }
                let (start, end) = if self.near.is_empty() {
                    (hit.start, hit.end)
                } else {
                    let apart = |a: &Hit, b: &Hit| a.end <= b.start || b.end <= a.start;
                    let usable = |o: &Hit| {
                        !((self.skip_quoted && scan.is_quoted(o.start, o.end))
                            || !within(o, self.window)
                            || (self.near_first && o.end > hit.start)
                            || (self.near_after && o.start < hit.end)
                            || scan.covered(o, &self.except)
                            || (self.apart && !apart(o, hit)))
                    };
                    // The nearest partner; the first of equally near ones. With `also_near`, the
                    // nearest that leaves words for a second partner of those lexicons.
                    let mut partner: Option<(usize, &Hit, Option<&Hit>)> = None;
                    for &l in &self.near {
                        for o in scan.hits_near(l, hit, self.window) {
                            if !usable(o) {
                                continue;
                            }
                            let d = distance(hit, o);
                            if partner.is_some_and(|(best, _, _)| d >= best) {
                                continue;
                            }
                            let second = if self.also_near.is_empty() {
                                None
                            } else {
                                // Three things, on three sets of words.
                                if !apart(o, hit) {
                                    continue;
                                }
                                let found = self.also_near.iter().find_map(|&m| {
                                    scan.hits_near(m, hit, self.window)
                                        .iter()
                                        .find(|a| usable(a) && apart(a, o) && apart(a, hit))
                                });
                                if found.is_none() {
                                    continue;
                                }
                                found
                            };
                            partner = Some((d, o, second));
                        }
                    }
                    match partner {
                        Some((_, p, _)) if nearer_elsewhere(scan, &self.nearer_target, p, hit) => {
                            continue
                        }
                        Some((_, p, second)) => {
                            let (s, e) = (hit.start.min(p.start), hit.end.max(p.end));
                            second.map_or((s, e), |a| (s.min(a.start), e.max(a.end)))
                        }
                        None => continue,
                    }
                };
                out.push(scan.original_range(start, end));
            }
        }
        out
    }

    fn negated(&self, scan: &Scan<'_>, hit: &Hit) -> bool {
        if framed_negation(scan, &self.negation_frames, hit) {
            return true;
        }
        let Some(neg) = self.negation else {
            return false;
        };
        scan.hits_near(neg, hit, self.negation_window)
            .iter()
            .any(|n| {
                n.last_word < hit.first_word
                    && hit.first_word - n.last_word <= self.negation_window
                    && !scan.clause_end_between(n.end, hit.start)
            })
    }
}

#[cfg(test)]
mod tests {
    use crate::{Context, Engine};

    /// A test policy of one guideline `id` with `lexicons` and one detector (`detector`, the
    /// body of its `[[guidelines.detectors]]` table).
    fn one_guideline(lexicons: &str, id: &str, detector: &str) -> String {
        format!(
            "[policy]\nname = \"test\"\n\n[lexicons]\n{lexicons}\n[[guidelines]]\nid = \"{id}\"\n\
             severity = \"warn\"\n[guidelines.nb]\ntitle = \"t\"\nquote = \"q\"\nwhy = \"w\"\n\
             instead = \"i\"\nmessage = \"m\"\n\n[[guidelines.detectors]]\n{detector}"
        )
    }

    /// An insult near a leader, with plain negation and negating frames.
    fn policy() -> String {
        one_guideline(
            r#"insult = ["*udugelig*", "lat", "diva"]
colleague = ["sjef*", "kollega*"]
negation = ["ikke", "ikkje"]
frame = ["ikke sant at", "ikkje sant at", "stemmer ikke at"]
pet = ["av en katt"]
"#,
            "negative-about-colleagues",
            r#"name = "insult-near-colleague"
kind = "near"
terms = ["insult"]
near = ["colleague"]
window = 10
unless_near = ["pet"]
unless_window = 2
negation = "negation"
negation_frames = ["frame"]
"#,
        )
    }

    fn fires(text: &str) -> bool {
        let engine = Engine::from_policy_str(&policy()).expect("test policy compiles");
        !engine.analyse(text, &Context::default()).is_empty()
    }

    /// A person, a place of work and a detail: `also_near` with the `near` partner.
    fn three_policy() -> String {
        one_guideline(
            r#"person = ["jenta", "ho eine"]
place = ["på avlastinga", "hospits*"]
detail = ["epilepsi", "hospitset", "*0-åra"]
"#,
            "confidentiality",
            r#"name = "person-place-detail"
kind = "near"
terms = ["person"]
near = ["place"]
also_near = ["detail"]
window = 6
"#,
        )
    }

    fn three(text: &str) -> Option<String> {
        let engine = Engine::from_policy_str(&three_policy()).expect("test policy compiles");
        engine
            .analyse(text, &Context::default())
            .first()
            .map(|f| f.matched.clone())
    }

    #[test]
    fn a_trigger_nearer_to_a_rival_than_to_its_partner_does_not_count() {
        let policy = one_guideline(
            r#"insult = ["*udugelig*", "håpløs*"]
employer = ["bydelen", "kommunen"]
person = ["saksbehandleren", "kollegaen"]
"#,
            "loyalty",
            r#"name = "negative-about-employer"
kind = "near"
terms = ["insult"]
near = ["employer"]
window = 6
nearer_target = ["person"]
"#,
        );
        let engine = Engine::from_policy_str(&policy).expect("test policy compiles");
        let fires = |text: &str| !engine.analyse(text, &Context::default()).is_empty();
        // The insult is nearer the caseworker than the district: about the caseworker.
        assert!(!fires("Den mest udugelige saksbehandleren i hele bydelen."));
        assert!(!fires("I kommunen har vi mange, men kollegaen er håpløs."));
        // Nearer the employer, or as near, or no person at all.
        assert!(fires(
            "Bydelen udugelig som alltid, og saksbehandleren er grei."
        ));
        assert!(fires("Kollegaen sier bydelen er håpløs."));
        assert!(fires("Kommunen er håpløs."));
    }

    #[test]
    fn also_near_needs_a_third_hit_on_other_words() {
        assert_eq!(
            three("Ho eine jenta på avlastinga har epilepsi.").as_deref(),
            Some("Ho eine jenta på avlastinga har epilepsi")
        );
        assert!(three("Ho eine kvinna i 50-åra på hospitset.").is_some());
        for text in [
            // Person and place, no detail.
            "Ho eine jenta på avlastinga var glad i dag.",
            // Person and detail, no place.
            "Jenta har epilepsi.",
            // «hospitset» is a place and a detail: one word does not count twice.
            "Jenta på hospitset.",
            // The detail is out of reach.
            "Jenta på avlastinga var glad, og i går fortalde ein annan om epilepsi.",
        ] {
            assert_eq!(three(text), None, "should stay quiet: {text}");
        }
    }

    #[test]
    fn a_negating_frame_denies_its_whole_clause() {
        for text in [
            "Ikke sant at sjefen er udugelig",
            "Det er ikke sant at sjefen min er helt udugelig.",
            "Det stemmer ikke at kollegaen min er lat, hun jobber mest av alle.",
            "Sjefen er ikke udugelig.",
            // The words after the insult say what it describes: an animal.
            "Sjefen fikk en diva av en katt 😂",
        ] {
            assert!(!fires(text), "should stay quiet: {text}");
        }
    }

    #[test]
    fn a_question_answered_nei_denies_its_word() {
        for text in [
            "Sjefen min lat? Nei, tvert imot.",
            "Er kollegaen min udugelig? Nei da, hun er bare ny.",
            "Er sjefen lat?  Nei!",
        ] {
            assert!(!fires(text), "should stay quiet: {text}");
        }
        for text in [
            // Answered «ja», or «neimen» (no «nei» of its own), or no question at all.
            "Er sjefen lat? Ja.",
            "Er sjefen lat? Neimen er han det.",
            "Sjefen er lat. Nei, jeg orker ikke mer.",
            // The word stands in the answer, not in the question.
            "Er sjefen snill? Nei, sjefen er udugelig.",
        ] {
            assert!(fires(text), "should fire: {text}");
        }
    }

    #[test]
    fn a_frame_in_a_question_or_another_clause_does_not_deny() {
        for text in [
            // «Ikke sant at …?» asks the reader to agree: the insult stands.
            "Ikke sant at sjefen er udugelig?",
            "Ikke sant at sjefen er udugelig? Alle vet det.",
            // The frame ends with its clause.
            "Det stemmer ikke at han slutter, men sjefen er udugelig.",
            "Sjefen er udugelig.",
            "Sjefen er en diva, ingen orker henne.",
        ] {
            assert!(fires(text), "should fire: {text}");
        }
    }

    /// A role noun counts only right after its frame (`lead`), and with a view near it.
    fn lead_policy() -> String {
        one_guideline(
            r#"role = ["nattevakt*", "sosionom*"]
frame = ["som", "vi", "år som"]
view = ["mener", "meiner"]
"#,
            "mixing-roles",
            r#"name = "role-with-view"
kind = "near"
terms = ["role"]
lead = ["frame"]
lead_window = 1
near = ["view"]
window = 8
"#,
        )
    }

    #[test]
    fn a_lead_must_stand_just_before_the_trigger_in_its_clause() {
        let engine = Engine::from_policy_str(&lead_policy()).expect("test policy compiles");
        let fires = |text: &str| !engine.analyse(text, &Context::default()).is_empty();
        for text in [
            "Som nattevakt mener jeg at kuttet er feil.",
            "Etter ti år som nattevakt mener jeg at kuttet er feil.",
            "Vi sosionomar meiner dette er feil.",
            // One word may stand between the frame and the role (`lead_window = 1`).
            "Som erfaren sosionom mener jeg at kuttet er feil.",
        ] {
            assert!(fires(text), "should fire: {text}");
        }
        for text in [
            // The role without its frame, or the frame too far away.
            "Nattevakten mener at vi bør bestille pizza.",
            "Vi vet at den gamle erfarne nattevakten mener mye rart.",
            // A clause end between frame and role.
            "Hun er som hun er, nattevakt eller ikke, og mener mye.",
            // Frame and role with no view near.
            "Som nattevakt drikker jeg mye kaffe.",
        ] {
            assert!(!fires(text), "should stay quiet: {text}");
        }
    }

    /// Answers about the agency: a partner sharing the trigger's words does not count
    /// (`apart`), and a question asked is no answer (`skip_questions`).
    #[test]
    fn apart_partners_and_questions() {
        let policy = lead_policy()
            .replace(
                "role = [\"nattevakt*\", \"sosionom*\"]",
                "role = [\"du har krav på\"]\nmatter = [\"krav på\", \"nødhjelp\"]",
            )
            .replace(
                "lead = [\"frame\"]\nlead_window = 1\nnear = [\"view\"]",
                "apart = true\nskip_questions = true\nnear = [\"matter\"]",
            );
        let engine = Engine::from_policy_str(&policy).expect("test policy compiles");
        let fires = |text: &str| !engine.analyse(text, &Context::default()).is_empty();
        assert!(fires("Du har krav på nødhjelp samme dag."));
        // Only the phrase's own «krav på» near: no agency matter.
        assert!(!fires("Du har krav på refusjon fra flyselskapet."));
        // Asked, not answered; the answer after the question still counts.
        assert!(!fires("Vet noen om du har krav på nødhjelp?"));
        assert!(fires("Lurer du på det? Du har krav på nødhjelp."));
    }

    /// `near_after`: the partner must follow the trigger; `needs_statement`: a comment of
    /// questions only answers nothing.
    #[test]
    fn near_after_and_needs_statement() {
        let policy = |extra: &str| {
            one_guideline(
                r#"say = ["kan eg seie at", "lurer du på"]
matter = ["søknad*", "saksbehandlar*"]
"#,
                "questions-to-official-channels",
                &format!(
                    "name = \"d\"\nkind = \"near\"\nterms = [\"say\"]\nnear = [\"matter\"]\n\
                     window = 8\nacross_sentences = true\n{extra}"
                ),
            )
        };
        let fires = |extra: &str, text: &str| {
            let engine = Engine::from_policy_str(&policy(extra)).expect("test policy compiles");
            !engine.analyse(text, &Context::default()).is_empty()
        };
        let role_first = "Som saksbehandlar kan eg seie at eg likar jobben.";
        assert!(fires("", role_first));
        assert!(!fires("near_after = true", role_first));
        assert!(fires(
            "near_after = true",
            "Som saksbehandlar kan eg seie at søknaden tek tre veker."
        ));
        let asked = "Lurer du på kvifor søknaden tek tid? Er det fleire?";
        assert!(fires("", asked));
        assert!(!fires("needs_statement = true", asked));
        assert!(fires(
            "needs_statement = true",
            "Lurer du på kvifor søknaden tek tid? Det er mange i kø."
        ));
    }
}
