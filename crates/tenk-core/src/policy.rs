//! The guidelines as data: parsing and validating a policy file.
//!
//! A policy is a TOML file (the built-in one is `policies/velferdsetaten.toml`) with three
//! parts: `[policy]` (its name), `[lexicons]` (named word lists, see [`crate::lexicon`]) and
//! `[[guidelines]]`, each with an `id` from the stable list, a `severity`, texts in `nb`
//! (required), `nn` and `en` (fall back to `nb`), and `[[guidelines.detectors]]`.
//!
//! Everything a person could get wrong is checked here, before any matcher is built, and
//! reported as a [`PolicyError`] naming the field and the line: an unknown guideline id, a
//! guideline listed twice, an empty lexicon, a detector that refers to a lexicon that does not
//! exist, a bad severity, a missing text.

use std::fmt;

#[cfg(not(feature = "toml"))]
pub use crate::mini_toml::Spanned;
use serde::{Deserialize, Serialize};
/// A value with its place in the source: `toml`'s when the full TOML reader is built in (CLI,
/// native), a transparent stand-in in the WebAssembly build (see [`crate::mini_toml`]).
#[cfg(feature = "toml")]
pub use toml::Spanned;

use crate::sorted_map::SortedMap;
use crate::text::sub;
use crate::{Lang, Severity};

/// The stable guideline ids (`guideline-ids.md`). A policy may use a subset, never others.
pub const GUIDELINE_IDS: [&str; 13] = [
    "negative-about-colleagues",
    "clients-and-users",
    "confidentiality",
    "mixing-roles",
    "photos",
    "loyalty",
    "logged-in-identity",
    "questions-to-official-channels",
    "facts-not-arguments",
    "copyright-and-consent",
    "admit-mistakes",
    "leaders-responsibility",
    "think-twice",
];

/// Why a policy file was refused: one sentence naming the field, and the line when known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicyError {
    /// What is wrong and where, e.g. "guidelines[2].id: unknown guideline id «loyal»".
    pub message: String,
    /// 1-based line in the policy file.
    pub line: Option<usize>,
}

impl fmt::Display for PolicyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "line {line}: {}", self.message),
            None => write!(f, "{}", self.message),
        }
    }
}

impl std::error::Error for PolicyError {}

/// A guideline's texts in one language, as the UI and the CLI show them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GuidelineText {
    /// Stable id.
    pub id: String,
    /// Short title.
    pub title: String,
    /// The sentence(s) quoted from the guidelines.
    pub quote: String,
    /// Why it matters, in one line.
    pub why: String,
    /// What to do instead.
    pub instead: String,
    /// How strongly it asks for attention.
    pub severity: Severity,
}

/// Texts of one guideline in one language, as written in the file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Texts {
    /// Short title.
    pub title: String,
    /// The quoted sentence(s).
    pub quote: String,
    /// One-line reason.
    pub why: String,
    /// What to do instead.
    pub instead: String,
    /// The short sentence a finding carries.
    pub message: String,
}

/// What a detector looks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DetectorKind {
    /// Any hit of the `terms` lexicons.
    Phrase,
    /// A hit of `terms` within `window` words of a hit of `near` (same sentence).
    Near,
    /// Norwegian national identity numbers.
    NationalId,
    /// A case number: a hit of `terms` followed within `window` words by a number.
    CaseNumber,
    /// Initials with an age within `window` words after them («K.H., 34 år»).
    Initials,
    /// A first name with an age («Jonas (7)», «Ali på 17») within `window` words of a hit of
    /// `near`, and none of `except` there.
    NameWithAge,
    /// Runs of exclamation marks and words in capitals.
    Shouting,
    /// Weak signs (`cues`, `strong_cues`, `counter_cues`, a short quotation) summed near a
    /// hit of `terms`; fires when the sum reaches `threshold`.
    Evidence,
    /// A fact about the situation, not the text (`when`).
    Context,
}

/// The situation a `context` detector reacts to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum When {
    /// An image or file is attached.
    Attachment,
    /// An earlier comment is being edited.
    Edit,
    /// The writer is a leader.
    Leader,
    /// The writer is a leader and any other guideline fired.
    LeaderAndAny,
    /// The local hour is in `from_hour..to_hour` (wrapping past midnight).
    LateNight,
}

/// Example texts a detector must fire on and stay quiet on; run by the tests and by
/// `tenk policy check`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Examples {
    /// Texts on which this detector must fire.
    #[serde(default)]
    pub fire: Vec<String>,
    /// Texts on which this detector must stay quiet.
    #[serde(default)]
    pub quiet: Vec<String>,
}

/// One detector as written in the file. Which fields are needed depends on `kind`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DetectorDef {
    /// Name shown in `--explain` output, unique within the policy.
    pub name: Spanned<String>,
    /// What it looks for.
    pub kind: DetectorKind,
    /// Lexicons whose hits are the trigger (`phrase`, `near`, `case-number`).
    #[serde(default)]
    pub terms: Vec<Spanned<String>>,
    /// Lexicons one of which must be near the trigger (`near`).
    #[serde(default)]
    pub near: Vec<Spanned<String>>,
    /// `near`: the partner may stand in a neighbouring sentence (default: same sentence).
    #[serde(default)]
    pub across_sentences: bool,
    /// `near`: the partner must come before the trigger («som virksomhetsleder»).
    #[serde(default)]
    pub near_first: bool,
    /// `near`: the partner must come after the trigger («Som saksbehandlar kan eg seie at
    /// *avslaga* …»: what is said, not the role fronted before it).
    #[serde(default)]
    pub near_after: bool,
    /// A comment whose every sentence is a question answers nothing: the detector stays quiet
    /// («Hvorfor tar det så lang tid å få svar? Noen andre som har ventet?»).
    #[serde(default)]
    pub needs_statement: bool,
    /// `near`: lexicons one of which must also be within `window` words, on other words than
    /// the `near` partner (a person, a place of work *and* a detail that identifies them).
    #[serde(default)]
    pub also_near: Vec<Spanned<String>>,
    /// `phrase`, `near`, `evidence`: a hit of one of these must end at most `lead_window` words before the
    /// trigger, in the same clause («som» or «år som» before «nattevakt»): a trigger built from
    /// two short lexicons instead of their listed product.
    #[serde(default)]
    pub lead: Vec<Spanned<String>>,
    /// Words between the end of a `lead` hit and the trigger (default 0: adjacent).
    pub lead_window: Option<usize>,
    /// `near`: the partner may not share characters with the trigger («du må søke» is no
    /// agency matter for itself because «søke om» is one).
    #[serde(default)]
    pub apart: bool,
    /// `phrase`, `near`: a trigger in a sentence that ends in «?» does not count (a question
    /// asked is no answer given).
    #[serde(default)]
    pub skip_questions: bool,
    /// Lexicons whose presence near the trigger silences it.
    #[serde(default)]
    pub unless_near: Vec<Spanned<String>>,
    /// Reach of `unless_near` in words (default: `window`).
    pub unless_window: Option<usize>,
    /// Lexicons that cancel a trigger, anchor or `near` partner when one of their hits covers
    /// all of its words: «landslagssjefen» is read as a coach, not as a leader at work.
    #[serde(default)]
    pub except: Vec<Spanned<String>>,
    /// `evidence`, `near`: a cue (a `near` trigger) whose nearest reference, by word distance, is a hit of one of these
    /// rather than the anchor does not count («min sjef husker ikke navnet mitt» beside «jobbet
    /// der»: the person nearer the cue is its target, not the employer).
    #[serde(default)]
    pub nearer_target: Vec<Spanned<String>>,
    /// `evidence`: cue lexicons (weight 1) of negative-polarity phrases, which count only with
    /// a hit of `npi_by` up to eight words before them in their clause, and which that
    /// negation does not cancel: «har ikke svart på en mail siden 2019», «klarer ikkje å ta ei
    /// einaste avgjerd», «har aldri satt sin fot på golvet».
    #[serde(default)]
    pub npi_cues: Vec<Spanned<String>>,
    /// `evidence`: the lexicons that license `npi_cues` (a negation, «uten», «utan»).
    #[serde(default)]
    pub npi_by: Vec<Spanned<String>>,
    /// Maximum distance in words (`near`, `case-number`, `unless_near`).
    pub window: Option<usize>,
    /// Lexicon of negations; a negation up to `negation_window` words before the trigger, in
    /// the same clause, silences it.
    pub negation: Option<Spanned<String>>,
    /// Words before the trigger that a negation may stand (default 3).
    pub negation_window: Option<usize>,
    /// Lexicons of negating frames («ikke sant at», «det stemmer ikke at») whose negation
    /// reaches the whole rest of their clause, unless the sentence is a question («Ikke sant at
    /// sjefen er udugelig?» asserts it).
    #[serde(default)]
    pub negation_frames: Vec<Spanned<String>>,
    /// Triggers inside quotation marks do not count.
    #[serde(default)]
    pub skip_quoted: bool,
    /// `evidence`: lexicons whose hits near the anchor weigh 1 each.
    #[serde(default)]
    pub cues: Vec<Spanned<String>>,
    /// `evidence`: lexicons whose hits near the anchor weigh 2 each.
    #[serde(default)]
    pub strong_cues: Vec<Spanned<String>>,
    /// `evidence`: lexicons whose hits near the anchor weigh −1 each (sincere praise).
    #[serde(default)]
    pub counter_cues: Vec<Spanned<String>>,
    /// `evidence`: lexicons whose hits weigh 1 only when they are a sentence of their own after
    /// another and do not end in «!» («… sender ut e-poster. Modig.»): praise said as a tag is
    /// sarcasm, and it outweighs the same words as sincere praise.
    #[serde(default)]
    pub tag_cues: Vec<Spanned<String>>,
    /// `evidence`: a short quotation near the anchor weighs 1 (scare quotes).
    #[serde(default)]
    pub quote_cue: bool,
    /// `evidence`: the sum of weights at which it fires.
    pub threshold: Option<i32>,
    /// Severity for this detector instead of the guideline's.
    pub severity: Option<Severity>,
    /// `shouting`: a run of this many `!` fires.
    pub min_exclamations: Option<usize>,
    /// `shouting`: this many words in capitals fire.
    pub min_caps_words: Option<usize>,
    /// `shouting`: lexicon of words that are written in capitals anyway (NAV, NRK).
    pub caps_exempt: Option<Spanned<String>>,
    /// `context`: the situation.
    pub when: Option<When>,
    /// `context` late-night: first hour.
    pub from_hour: Option<u8>,
    /// `context` late-night: hour it ends (exclusive).
    pub to_hour: Option<u8>,
    /// Examples checked by tests and `tenk policy check`.
    #[serde(default)]
    pub examples: Examples,
}

/// One guideline as written in the file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GuidelineDef {
    /// Stable id.
    pub id: Spanned<String>,
    /// Default severity of its findings.
    pub severity: Severity,
    /// Bokmål texts (required).
    pub nb: Texts,
    /// Nynorsk texts (fall back to bokmål).
    pub nn: Option<Texts>,
    /// English texts (fall back to bokmål).
    pub en: Option<Texts>,
    /// Its detectors.
    #[serde(default)]
    pub detectors: Vec<DetectorDef>,
}

impl GuidelineDef {
    /// Texts in `lang`, falling back to bokmål.
    pub fn texts(&self, lang: Lang) -> &Texts {
        match lang {
            Lang::Nb => &self.nb,
            Lang::Nn => self.nn.as_ref().unwrap_or(&self.nb),
            Lang::En => self.en.as_ref().unwrap_or(&self.nb),
        }
    }

    /// The [`GuidelineText`] in `lang`.
    pub fn text(&self, lang: Lang) -> GuidelineText {
        let t = self.texts(lang);
        GuidelineText {
            id: self.id.get_ref().clone(),
            title: t.title.clone(),
            quote: t.quote.clone(),
            why: t.why.clone(),
            instead: t.instead.clone(),
            severity: self.severity,
        }
    }
}

/// The `[policy]` table.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Meta {
    /// Whose guidelines these are.
    pub name: String,
    /// Optional longer description.
    pub description: Option<String>,
}

/// A parsed and validated policy file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Policy {
    /// Whose guidelines these are.
    pub policy: Meta,
    /// Named word lists, by name in byte order (a sorted `Vec`, not a `BTreeMap`: one tree
    /// type fewer in the WebAssembly, BENCHMARKS.md).
    #[serde(default)]
    pub lexicons: SortedMap<Spanned<Vec<String>>>,
    /// The guidelines in display order.
    pub guidelines: Vec<GuidelineDef>,
    /// The learned detector's weights (`tenk train`), if any; see [`crate::model`].
    #[serde(default)]
    pub model: Option<crate::model::ModelDef>,
    /// When the learned detector stays quiet (optional; see [`ModelVetoDef`]).
    #[serde(default)]
    pub model_veto: Option<ModelVetoDef>,
}

/// `[model_veto]`: the learned detector's findings of `guidelines` are dropped when the text
/// has a hit of a `when` lexicon (sincere praise, say) and none of an `unless` lexicon (insults,
/// complaints, negation). The rules' findings are kept: only what the model alone would say is
/// silenced. Optional: a policy without it keeps every model finding.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModelVetoDef {
    /// Lexicons whose hit silences the model.
    pub when: Spanned<Vec<String>>,
    /// Lexicons whose hit keeps the model's findings after all.
    #[serde(default)]
    pub unless: Option<Spanned<Vec<String>>>,
    /// Guideline ids whose model findings the veto drops.
    pub guidelines: Spanned<Vec<String>>,
}

impl Policy {
    /// Every lexicon as (name, entries), in name order: what `LexiconSet::build` and
    /// `LexiconSet::prepare` take.
    pub fn named_lexicons(&self) -> Vec<(String, Vec<String>)> {
        self.lexicons
            .iter()
            .map(|(name, words)| (name.clone(), words.get_ref().clone()))
            .collect()
    }

    /// Parses and validates a policy from TOML source.
    pub fn parse(source: &str) -> Result<Policy, PolicyError> {
        let policy = Policy::deserialize_source(source)?;
        policy.validate(source)?;
        Ok(policy)
    }

    /// The full TOML reader, with every field's line.
    #[cfg(feature = "toml")]
    fn deserialize_source(source: &str) -> Result<Policy, PolicyError> {
        toml::from_str(source).map_err(|e| PolicyError {
            message: e.message().trim().to_string(),
            line: e.span().map(|s| line_of(source, s.start)),
        })
    }

    /// The small reader of the WebAssembly build: syntax errors carry their line, field
    /// errors name the field.
    #[cfg(not(feature = "toml"))]
    fn deserialize_source(source: &str) -> Result<Policy, PolicyError> {
        let value = crate::mini_toml::parse(source).map_err(|e| PolicyError {
            message: e.message,
            line: Some(e.line),
        })?;
        crate::policy_reader::read_policy(&value).map_err(|message| PolicyError {
            message,
            line: None,
        })
    }

    fn validate(&self, source: &str) -> Result<(), PolicyError> {
        let err = |message: String, at: Option<usize>| PolicyError {
            message,
            line: at.and_then(|p| line_at(source, p)),
        };
        for (name, words) in self.lexicons.iter() {
            if words.get_ref().is_empty() {
                return Err(err(
                    format!("lexicons.{name}: the lexicon is empty"),
                    Some(words.span().start),
                ));
            }
        }
        if self.guidelines.is_empty() {
            return Err(err("guidelines: the policy has no guidelines".into(), None));
        }
        let mut seen_ids: Vec<&str> = Vec::new();
        let mut seen_detectors: Vec<&str> = Vec::new();
        for (gi, g) in self.guidelines.iter().enumerate() {
            let id = g.id.get_ref().as_str();
            let at = Some(g.id.span().start);
            if !GUIDELINE_IDS.contains(&id) {
                // Joined by hand (see `friend_request::is_friend_request`).
                let mut known = String::new();
                for (i, k) in GUIDELINE_IDS.iter().enumerate() {
                    if i > 0 {
                        known.push_str(", ");
                    }
                    known.push_str(k);
                }
                return Err(err(
                    format!("guidelines[{gi}].id: unknown guideline id «{id}» (known: {known})"),
                    at,
                ));
            }
            if seen_ids.contains(&id) {
                return Err(err(
                    format!("guidelines[{gi}].id: guideline «{id}» is listed twice"),
                    at,
                ));
            }
            seen_ids.push(id);
            for (lang, t) in [
                ("nb", Some(&g.nb)),
                ("nn", g.nn.as_ref()),
                ("en", g.en.as_ref()),
            ] {
                let Some(t) = t else { continue };
                for (field, value) in [
                    ("title", &t.title),
                    ("quote", &t.quote),
                    ("why", &t.why),
                    ("instead", &t.instead),
                    ("message", &t.message),
                ] {
                    if value.trim().is_empty() {
                        return Err(err(
                            format!("guidelines[{gi}] ({id}).{lang}.{field} is empty"),
                            at,
                        ));
                    }
                }
            }
            for (di, d) in g.detectors.iter().enumerate() {
                let name = d.name.get_ref().as_str();
                let field = format!("guidelines[{gi}] ({id}).detectors[{di}] ({name})");
                let at = Some(d.name.span().start);
                if name.trim().is_empty() {
                    return Err(err(format!("{field}.name is empty"), at));
                }
                if seen_detectors.contains(&name) {
                    return Err(err(
                        format!("{field}.name: detector «{name}» is defined twice"),
                        at,
                    ));
                }
                seen_detectors.push(name);
                self.validate_detector(d, &field, source)?;
            }
        }
        self.validate_model(source)?;
        self.validate_model_veto(source)
    }

    /// The `[model_veto]` section: known lexicons and guidelines, at least one of each.
    fn validate_model_veto(&self, source: &str) -> Result<(), PolicyError> {
        let Some(veto) = &self.model_veto else {
            return Ok(());
        };
        let err = |message: String, at: usize| PolicyError {
            message,
            line: line_at(source, at),
        };
        if veto.when.get_ref().is_empty() {
            return Err(err(
                "model_veto.when: name at least one lexicon".into(),
                veto.when.span().start,
            ));
        }
        for (field, names) in [("when", Some(&veto.when)), ("unless", veto.unless.as_ref())] {
            let Some(names) = names else { continue };
            for name in names.get_ref() {
                if !self.lexicons.contains_key(name) {
                    return Err(err(
                        format!("model_veto.{field}: unknown lexicon «{name}»"),
                        names.span().start,
                    ));
                }
            }
        }
        if veto.guidelines.get_ref().is_empty() {
            return Err(err(
                "model_veto.guidelines: name at least one guideline".into(),
                veto.guidelines.span().start,
            ));
        }
        for id in veto.guidelines.get_ref() {
            if self.guideline(id).is_none() {
                return Err(err(
                    format!("model_veto.guidelines: «{id}» is not a guideline of this policy"),
                    veto.guidelines.span().start,
                ));
            }
        }
        Ok(())
    }

    /// The `[model]` section: known guidelines of this policy, each once, well-formed weights.
    fn validate_model(&self, source: &str) -> Result<(), PolicyError> {
        let Some(model) = &self.model else {
            return Ok(());
        };
        let mut seen: Vec<&str> = Vec::new();
        for (mi, g) in model.guidelines.iter().enumerate() {
            let id = g.id.get_ref().as_str();
            let at = line_at(source, g.id.span().start);
            if self.guideline(id).is_none() {
                return Err(PolicyError {
                    message: format!(
                        "model.guidelines[{mi}].id: «{id}» is not a guideline of this policy"
                    ),
                    line: at,
                });
            }
            if seen.contains(&id) {
                return Err(PolicyError {
                    message: format!("model.guidelines[{mi}].id: «{id}» has two models"),
                    line: at,
                });
            }
            seen.push(id);
            for entry in g.weights.get_ref() {
                crate::model::parse_entry(entry, model.prefix, model.suffix).map_err(|m| {
                    PolicyError {
                        message: format!("model.guidelines[{mi}] ({id}).weights: {m}"),
                        line: line_at(source, g.weights.span().start).map(|l| {
                            l + sub(source, g.weights.span().start..)
                                .find(&format!("\"{entry}\""))
                                .map_or(0, |o| {
                                    sub(sub(source, g.weights.span().start..), ..o)
                                        .matches('\n')
                                        .count()
                                })
                        }),
                    }
                })?;
            }
        }
        crate::model::Model::build(model).map_err(|message| PolicyError {
            message,
            line: None,
        })?;
        Ok(())
    }

    fn validate_detector(
        &self,
        d: &DetectorDef,
        field: &str,
        source: &str,
    ) -> Result<(), PolicyError> {
        let at = |p: usize| line_at(source, p);
        let lexicon_ok = |list: &[Spanned<String>], which: &str| -> Result<(), PolicyError> {
            for l in list {
                if !self.lexicons.contains_key(l.get_ref()) {
                    return Err(PolicyError {
                        message: format!("{field}.{which}: no lexicon named «{}»", l.get_ref()),
                        line: at(l.span().start),
                    });
                }
            }
            Ok(())
        };
        lexicon_ok(&d.terms, "terms")?;
        lexicon_ok(&d.near, "near")?;
        lexicon_ok(&d.also_near, "also_near")?;
        lexicon_ok(&d.lead, "lead")?;
        lexicon_ok(&d.unless_near, "unless_near")?;
        lexicon_ok(&d.except, "except")?;
        lexicon_ok(&d.nearer_target, "nearer_target")?;
        lexicon_ok(&d.npi_cues, "npi_cues")?;
        lexicon_ok(&d.npi_by, "npi_by")?;
        lexicon_ok(&d.negation_frames, "negation_frames")?;
        lexicon_ok(&d.cues, "cues")?;
        lexicon_ok(&d.strong_cues, "strong_cues")?;
        lexicon_ok(&d.tag_cues, "tag_cues")?;
        lexicon_ok(&d.counter_cues, "counter_cues")?;
        if let Some(n) = &d.negation {
            lexicon_ok(std::slice::from_ref(n), "negation")?;
        }
        if let Some(n) = &d.caps_exempt {
            lexicon_ok(std::slice::from_ref(n), "caps_exempt")?;
        }
        let need = |ok: bool, what: &str| -> Result<(), PolicyError> {
            if ok {
                Ok(())
            } else {
                Err(PolicyError {
                    message: format!("{field}: {what}"),
                    line: at(d.name.span().start),
                })
            }
        };
        match d.kind {
            DetectorKind::Phrase => need(!d.terms.is_empty(), "kind \"phrase\" needs `terms`"),
            DetectorKind::Near => {
                need(!d.terms.is_empty(), "kind \"near\" needs `terms`")?;
                need(!d.near.is_empty(), "kind \"near\" needs `near`")?;
                need(
                    d.window.is_some(),
                    "kind \"near\" needs `window` (in words)",
                )
            }
            DetectorKind::CaseNumber => {
                need(!d.terms.is_empty(), "kind \"case-number\" needs `terms`")?;
                need(
                    d.window.is_some(),
                    "kind \"case-number\" needs `window` (in words)",
                )
            }
            DetectorKind::NationalId => Ok(()),
            DetectorKind::Initials => need(
                d.window.is_some(),
                "kind \"initials\" needs `window` (in words)",
            ),
            DetectorKind::NameWithAge => {
                need(!d.near.is_empty(), "kind \"name-with-age\" needs `near`")?;
                need(
                    d.window.is_some(),
                    "kind \"name-with-age\" needs `window` (in words)",
                )
            }
            DetectorKind::Evidence => {
                need(
                    !d.terms.is_empty(),
                    "kind \"evidence\" needs `terms` (the anchors)",
                )?;
                need(
                    !d.cues.is_empty() || !d.strong_cues.is_empty() || d.quote_cue,
                    "kind \"evidence\" needs `cues`, `strong_cues` or `quote_cue`",
                )?;
                need(
                    d.window.is_some(),
                    "kind \"evidence\" needs `window` (in words)",
                )?;
                need(
                    d.threshold.is_some_and(|t| t > 0),
                    "kind \"evidence\" needs a `threshold` above 0",
                )
            }
            DetectorKind::Shouting => need(
                d.min_exclamations.is_some() || d.min_caps_words.is_some(),
                "kind \"shouting\" needs `min_exclamations` or `min_caps_words`",
            ),
            DetectorKind::Context => {
                need(d.when.is_some(), "kind \"context\" needs `when`")?;
                if d.when == Some(When::LateNight) {
                    let ok =
                        matches!((d.from_hour, d.to_hour), (Some(a), Some(b)) if a < 24 && b < 24);
                    need(
                        ok,
                        "`when = \"late-night\"` needs `from_hour` and `to_hour` between 0 and 23",
                    )?;
                }
                Ok(())
            }
        }
    }

    /// The guideline with this id.
    pub fn guideline(&self, id: &str) -> Option<&GuidelineDef> {
        self.guidelines.iter().find(|g| g.id.get_ref() == id)
    }
}

/// 1-based line number of byte `pos` in `source`.
/// The line of a field's position, where the reader tracks positions.
fn line_at(source: &str, pos: usize) -> Option<usize> {
    if cfg!(feature = "toml") {
        Some(line_of(source, pos))
    } else {
        None
    }
}

fn line_of(source: &str, pos: usize) -> usize {
    source.as_bytes()[..pos.min(source.len())]
        .iter()
        .filter(|b| **b == b'\n')
        .count()
        + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXTS: &str = r#"
[guidelines.nb]
title = "T"
quote = "Q"
why = "W"
instead = "I"
message = "M"
"#;

    fn policy(guideline_head: &str, detectors: &str) -> String {
        format!(
            "[policy]\nname = \"Test\"\n\n[lexicons]\ninsult = [\"idiot*\"]\n\n[[guidelines]]\n{guideline_head}\n{TEXTS}\n{detectors}"
        )
    }

    #[test]
    fn a_small_policy_parses() {
        let src = policy(
            "id = \"think-twice\"\nseverity = \"info\"",
            "[[guidelines.detectors]]\nname = \"x\"\nkind = \"phrase\"\nterms = [\"insult\"]\n",
        );
        let p = Policy::parse(&src).unwrap();
        assert_eq!(p.guidelines[0].text(Lang::Nn).title, "T");
    }

    #[test]
    fn errors_name_the_field_and_line() {
        let cases: &[(&str, String, &str, usize)] = &[
            (
                "unknown id",
                policy("id = \"loyal\"\nseverity = \"info\"", ""),
                "unknown guideline id «loyal»",
                8,
            ),
            (
                "bad severity",
                policy("id = \"loyalty\"\nseverity = \"loud\"", ""),
                "unknown variant `loud`",
                9,
            ),
            (
                "unknown lexicon",
                policy(
                    "id = \"loyalty\"\nseverity = \"warn\"",
                    "[[guidelines.detectors]]\nname = \"x\"\nkind = \"phrase\"\nterms = [\"insults\"]\n",
                ),
                "terms: no lexicon named «insults»",
                21,
            ),
            (
                "near without window",
                policy(
                    "id = \"loyalty\"\nseverity = \"warn\"",
                    "[[guidelines.detectors]]\nname = \"x\"\nkind = \"near\"\nterms = [\"insult\"]\nnear = [\"insult\"]\n",
                ),
                "needs `window`",
                19,
            ),
            (
                "empty lexicon",
                policy("id = \"loyalty\"\nseverity = \"warn\"", "").replace("[\"idiot*\"]", "[]"),
                "lexicons.insult: the lexicon is empty",
                5,
            ),
            (
                "unknown field",
                policy("id = \"loyalty\"\nseverity = \"warn\"\ncolour = \"red\"", ""),
                "colour",
                10,
            ),
        ];
        for (name, src, needle, line) in cases {
            let e = Policy::parse(src).expect_err(name);
            assert!(e.message.contains(needle), "{name}: {e}");
            // Field lines come from the full TOML reader; the WebAssembly build's small reader
            // names the field only.
            let expected_line = cfg!(feature = "toml").then_some(*line);
            assert_eq!(e.line, expected_line, "{name}: {e}");
        }
    }

    #[test]
    fn a_broken_model_section_names_the_field_and_line() {
        let head = policy("id = \"loyalty\"\nseverity = \"warn\"", "");
        let model = |body: &str| format!("{head}\n[model]\nprefix = 5\nsuffix = 4\n{body}");
        let lines_before = model("").lines().count();
        let cases: &[(&str, String, &str, usize)] = &[
            (
                "bad weight",
                model("[[model.guidelines]]\nid = \"loyalty\"\nbias = -300\nfire_at = 200\nweights = [\n  \"sjefen 10\",\n  \"idiot x\",\n]\n"),
                "model.guidelines[0] (loyalty).weights: «idiot x»: the weight «x» is not a whole number",
                lines_before + 7,
            ),
            (
                "wrong prefix length",
                model("[[model.guidelines]]\nid = \"loyalty\"\nbias = -300\nfire_at = 200\nweights = [\"sjef* 10\"]\n"),
                "5-character beginning",
                lines_before + 5,
            ),
            (
                "guideline not in the policy",
                model("[[model.guidelines]]\nid = \"photos\"\nbias = -300\nfire_at = 200\nweights = []\n"),
                "model.guidelines[0].id: «photos» is not a guideline of this policy",
                lines_before + 2,
            ),
            (
                "missing fire_at",
                model("[[model.guidelines]]\nid = \"loyalty\"\nbias = -300\nweights = []\n"),
                "fire_at",
                lines_before + 1,
            ),
        ];
        for (name, src, needle, line) in cases {
            let e = Policy::parse(src).expect_err(name);
            assert!(e.message.contains(needle), "{name}: {e}");
            let expected_line = cfg!(feature = "toml").then_some(*line);
            assert_eq!(e.line, expected_line, "{name}: {e}\n{src}");
        }
        let ok = model("[[model.guidelines]]\nid = \"loyalty\"\nbias = -300\nfire_at = 200\nweights = [\"sjefen 10\", \"*sjef 20\", \"du aner 5\"]\n");
        assert!(Policy::parse(&ok).unwrap().model.is_some());
    }

    #[test]
    fn duplicate_guideline_is_an_error() {
        let one = policy("id = \"loyalty\"\nseverity = \"warn\"", "");
        let twice =
            format!("{one}\n[[guidelines]]\nid = \"loyalty\"\nseverity = \"warn\"\n{TEXTS}");
        let e = Policy::parse(&twice).unwrap_err();
        assert!(e.message.contains("listed twice"), "{e}");
    }
}
