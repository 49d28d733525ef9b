//! Weighed evidence around an anchor: a workplace reference («sjefen», «kommunen vår», «hos
//! oss») with enough weak signs of a negative stance near it.
//!
//! Criticism of a leader or of the employer is often written without a single insult word:
//! irony («Imponerende hvordan teamlederen klarer å være på ferie hver gang det brenner 👏»),
//! a complaint about a decision («bestemt over hodet på oss som går vaktene»), scare quotes
//! («ledelsen tror det er «sesongvariasjon». Jada.»). Each sign alone is common in harmless
//! comments («Typisk mandag», «Imponerende, Ruud!»), so one sign is not enough: the cues found
//! within `window` words of the anchor are summed by weight, and the detector fires when the
//! sum reaches `threshold`. Cues of a counter lexicon (sincere praise: «stolt», «❤️») subtract.
//!
//! A cue counts once per word it starts on (so «👏👏» is one cue), a cue overlapping the
//! anchor does not count, a cue inside quotation marks does not count by its words — but a
//! short quotation near the anchor counts as one cue of its own (`quote_weight`), and a cue
//! with a negation just before it in the same clause («han er ikke lat») does not count.

use super::{distance, framed_negation, led, nearer_elsewhere, Scan, SENTENCE_END};
use crate::lexicon::{Hit, LexiconId};
use crate::normalize::is_word_char;
use crate::text::sub;

/// A quotation of at most this many words counts as scare quotes.
const SHORT_QUOTE_WORDS: usize = 8;

/// How many words before a negative-polarity cue its licensing negation may stand.
const NPI_REACH: usize = 8;

/// A cue counted for an anchor: its lexicon, first word, weight, start and end.
type Counted = (LexiconId, usize, i32, usize, usize);

/// The hits in the text of one cue lexicon of an evidence detector, with what
/// [`Evidence::weigh`] needs to count them and a cursor into them.
struct CueList<'s> {
    /// The lexicon.
    lexicon: LexiconId,
    /// Its weight (1 for tags and negative-polarity cues).
    weight: i32,
    /// Listed among the tags.
    tag: bool,
    /// Listed among the negative-polarity cues.
    npi: bool,
    /// Its hits, ordered by start (so by first word).
    hits: &'s [Hit],
    /// The first hit that may lie within reach of the anchor weighed last.
    at: usize,
}

impl CueList<'_> {
    /// Moves the cursor to the first hit whose first word is at or after `from`, and returns
    /// it: what `partition_point(hits, |h| h.first_word < from)` finds, as long as `from` never
    /// falls between two calls (the anchors of one lexicon come in order; the cursor starts over
    /// for the next lexicon's). Always inlined: a call per lexicon and anchor otherwise in the
    /// WebAssembly build (`opt-level = "z"`).
    #[inline(always)]
    fn skip_to(&mut self, from: usize) -> usize {
        let hits = self.hits;
        let mut a = self.at;
        while a < hits.len() && hits[a].first_word < from {
            a += 1;
        }
        self.at = a;
        a
    }
}

/// A compiled `evidence` detector.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evidence {
    /// Anchors: the workplace references the evidence must be about.
    pub anchors: Vec<LexiconId>,
    /// Cue lexicons with their weights (negative for counter-evidence).
    pub cues: Vec<(LexiconId, i32)>,
    /// Sum of weights at which it fires.
    pub threshold: i32,
    /// Distance in words between the anchor and a cue.
    pub window: usize,
    /// Cues may stand in a neighbouring sentence (within the window).
    pub across_sentences: bool,
    /// Weight of a short quotation near the anchor (0: quotations are no cue).
    pub quote_weight: i32,
    /// Lexicons whose hits weigh 1 when they stand alone as a sentence after another one,
    /// not ending in «!» (a sarcastic tag: «Modig.», «Tillit, ja.»).
    pub tags: Vec<LexiconId>,
    /// Negation lexicon.
    pub negation: Option<LexiconId>,
    /// How many words before a cue a negation reaches.
    pub negation_window: usize,
    /// Negating frames that reach the rest of their clause (see [`framed_negation`]).
    pub negation_frames: Vec<LexiconId>,
    /// A hit of these within `unless_window` words of the anchor (same sentence, not the
    /// anchor's own words) silences it: «sjefen i korpset» is no leader at work.
    pub unless_near: Vec<LexiconId>,
    /// Reach of `unless_near`, in words.
    pub unless_window: usize,
    /// A hit of these covering the anchor's words cancels it: «landslagssjefen» contains
    /// «sjefen» but is no leader at work.
    pub except: Vec<LexiconId>,
    /// A positive cue nearer (in words) to a hit of one of these than to the anchor does not
    /// count: «jobbet der og min sjef husker ikke navnet mitt» runs down the boss, not the
    /// place. Hits sharing characters with the anchor or the cue are no rival target.
    pub nearer_target: Vec<LexiconId>,
    /// Negative-polarity cues (weight 1): they count only after a hit of `npi_by` at most
    /// [`NPI_REACH`] words before them in their clause, and that negation does not cancel them
    /// («har ikke svart på en mail siden 2019»: not since, and still a complaint); one of them
    /// counts at most.
    pub npi_cues: Vec<LexiconId>,
    /// What licenses `npi_cues`: negations, «uten».
    pub npi_by: Vec<LexiconId>,
    /// When not empty, an anchor counts only with a hit of one of these ending at most
    /// `lead_window` words before it, in its clause (see [`led`]).
    pub lead: Vec<LexiconId>,
    /// Words allowed between a `lead` hit and the anchor.
    pub lead_window: usize,
}

/// Whether `hit` is a sentence of its own that follows another one and does not end in «!»:
/// «… sender ut e-poster. Modig.», «Tillit, ja.». Only the characters right around the hit
/// are read (white space and emoji up to the next word or sentence end).
fn is_tag(text: &str, hit: &Hit) -> bool {
    let before = sub(text, ..hit.start).trim_end();
    if !before.ends_with(SENTENCE_END) {
        return false;
    }
    for c in sub(text, hit.end..).chars() {
        match c {
            '.' | '?' | '\n' | '…' => return true,
            '!' => return false,
            c if is_word_char(c) => return false,
            _ => {}
        }
    }
    true
}

impl Evidence {
    /// Appends to `out` the original byte ranges of every anchor with enough evidence, from
    /// the anchor to the furthest cue that counted.
    pub fn run(&self, scan: &Scan<'_>, out: &mut Vec<(usize, usize)>) {
        // The cues counted for an anchor, one list for all of them (not one allocation each).
        let mut counted = Vec::new();
        // The cue lexicons with hits in the text, listed at the first anchor weighed.
        let mut lists: Vec<CueList<'_>> = Vec::new();
        let mut listed = false;
        // Nested loops, not `hits_of`'s flat_map: its adapter state cost more than the loop.
        for &l in &self.anchors {
            // The anchors of one lexicon come in order: the cursors start over for each.
            for list in lists.iter_mut() {
                list.at = 0;
            }
            for anchor in scan.hits_in(l) {
                if scan.is_quoted(anchor.start, anchor.end)
                    || scan.covered(anchor, &self.except)
                    || !led(scan, &self.lead, self.lead_window, anchor)
                    || self.silenced(scan, anchor)
                {
                    continue;
                }
                if !listed {
                    self.cue_lists(scan, &mut lists);
                    listed = true;
                }
                let (score, start, end) = self.weigh(scan, anchor, &mut lists, &mut counted);
                if score >= self.threshold {
                    out.push(scan.original_range(start, end));
                }
            }
        }
    }

    /// The tag, cue and negative-polarity lexicons in that order (the order [`Evidence::weigh`]
    /// counts them in), leaving out those with no hit in the text: most of a detector's cue
    /// lexicons (≈ 40 of the policy's 250 lexicons have hits in a 2,000-character comment).
    fn cue_lists<'s>(&self, scan: &'s Scan<'_>, lists: &mut Vec<CueList<'s>>) {
        let (tags, cues, npi) = (
            self.tags.as_slice(),
            self.cues.as_slice(),
            self.npi_cues.as_slice(),
        );
        // One plain loop over the three lists, not a chain of iterator adapters: in the
        // WebAssembly build (`opt-level = "z"`) each adapter's `next` is a call.
        for k in 0..tags.len() + cues.len() + npi.len() {
            let (lexicon, weight, tag) = if k < tags.len() {
                (tags[k], 1, true)
            } else if k < tags.len() + cues.len() {
                let (l, w) = cues[k - tags.len()];
                (l, w, false)
            } else {
                (npi[k - tags.len() - cues.len()], 1, false)
            };
            let hits = scan.hits_in(lexicon);
            if hits.is_empty() {
                continue;
            }
            lists.push(CueList {
                lexicon,
                weight,
                tag,
                npi: npi.contains(&lexicon),
                hits,
                at: 0,
            });
        }
    }

    /// Whether `other` is within reach of `anchor`: window, and sentence unless across.
    fn reaches(&self, scan: &Scan<'_>, anchor: &Hit, other: &Hit, window: usize) -> bool {
        distance(anchor, other) <= window
            && (self.across_sentences
                || !scan
                    .sentence_end_between(anchor.end.min(other.end), anchor.start.max(other.start)))
    }

    fn silenced(&self, scan: &Scan<'_>, anchor: &Hit) -> bool {
        self.unless_near.iter().any(|&l| {
            scan.hits_near(l, anchor, self.unless_window)
                .iter()
                .any(|o| {
                    // A hit inside the anchor's own words is part of the reference, not
                    // a silencing neighbour: «ho som leiar teamet» names a leader, «enkelte i
                    // ledergruppen» names people in it.
                    let inside =
                        o.first_word >= anchor.first_word && o.last_word <= anchor.last_word;
                    !inside
                        && distance(anchor, o) <= self.unless_window
                        && !scan
                            .sentence_end_between(anchor.end.min(o.end), anchor.start.max(o.start))
                })
        })
    }

    /// Sum of the cues near `anchor`, and the folded range they and the anchor cover.
    fn weigh(
        &self,
        scan: &Scan<'_>,
        anchor: &Hit,
        lists: &mut [CueList<'_>],
        counted: &mut Vec<Counted>,
    ) -> (i32, usize, usize) {
        // Each counted cue ([`Counted`]). A lexicon counts once per word it starts on («👏👏» is
        // one cue); hits of different lexicons on the same characters count once, the heaviest
        // (in absolute value) winning, and of equally heavy ones the longer: «ingen fortjener
        // den mer» is praise, not the complaint «ingen»; «har fått pris for» is an award, not
        // the irony «pris for».
        counted.clear();
        // The hits that may lie within the window: those [`Scan::hits_near`] finds, here by a
        // cursor per lexicon ([`CueList::skip_to`]) and a walk from it to the first hit past
        // `to`, instead of two binary searches per lexicon and anchor.
        let from = anchor
            .first_word
            .saturating_sub(self.window + scan.max_span);
        let to = anchor.last_word + self.window;
        // Tags first, so that they win over the same words read as sincere praise.
        for list in lists.iter_mut() {
            let a = list.skip_to(from);
            let hits = list.hits;
            let (lexicon, weight, tag, is_npi) = (list.lexicon, list.weight, list.tag, list.npi);
            // Up to the first hit past `to`; most cue lexicons have none in reach.
            let mut b = a;
            while b < hits.len() && hits[b].first_word <= to {
                let cue = &hits[b];
                b += 1;
                if tag && !is_tag(scan.folded.as_str(), cue) {
                    continue;
                }
                let overlaps = cue.start < anchor.end && anchor.start < cue.end;
                if overlaps
                    || !self.reaches(scan, anchor, cue, self.window)
                    || scan.is_quoted(cue.start, cue.end)
                    || (is_npi && !self.licensed(scan, cue))
                    || (!is_npi && self.negated(scan, cue))
                    || (weight > 0 && nearer_elsewhere(scan, &self.nearer_target, anchor, cue))
                {
                    continue;
                }
                if counted
                    .iter()
                    .any(|c| c.0 == lexicon && c.1 == cue.first_word)
                {
                    continue;
                }
                // One emphasis is one sign: «ikke syk en eneste dag siden 2019» counts once.
                if is_npi && counted.iter().any(|c| self.npi_cues.contains(&c.0)) {
                    continue;
                }
                let this = (lexicon, cue.first_word, weight, cue.start, cue.end);
                match counted
                    .iter_mut()
                    .find(|c| c.3 < cue.end && cue.start < c.4)
                {
                    Some(c)
                        if weight.abs() > c.2.abs()
                            || (weight.abs() == c.2.abs() && cue.end - cue.start > c.4 - c.3) =>
                    {
                        *c = this
                    }
                    Some(_) => {}
                    None => counted.push(this),
                }
            }
        }
        let mut score: i32 = counted.iter().map(|c| c.2).sum();
        let (mut start, mut end) = (anchor.start, anchor.end);
        for c in counted.iter().filter(|c| c.2 > 0) {
            start = start.min(c.3);
            end = end.max(c.4);
        }
        if self.quote_weight != 0 {
            // A quote within reach starts at most `window + SHORT_QUOTE_WORDS` words before
            // the anchor and at most `window` words after it: only those are looked at.
            let near = scan.quotes_starting_in(
                anchor
                    .first_word
                    .saturating_sub(self.window + SHORT_QUOTE_WORDS),
                anchor.last_word + self.window,
            );
            if let Some(&(qs, qe)) = near.iter().find(|&&(qs, qe)| {
                let words = &scan.words;
                let first = words.word_index(qs);
                let last = words.word_index(qe.saturating_sub(1));
                let quote = Hit {
                    lexicon: 0,
                    start: qs,
                    end: qe,
                    first_word: first,
                    last_word: last,
                };
                (qe <= anchor.start || anchor.end <= qs)
                    && last.saturating_sub(first) < SHORT_QUOTE_WORDS
                    && self.reaches(scan, anchor, &quote, self.window)
            }) {
                score += self.quote_weight;
                start = start.min(qs);
                end = end.max(qe);
            }
        }
        (score, start, end)
    }

    /// Whether a hit of `npi_by` stands at most [`NPI_REACH`] words before `cue`, in its clause.
    fn licensed(&self, scan: &Scan<'_>, cue: &Hit) -> bool {
        self.npi_by.iter().any(|&l| {
            scan.hits_near(l, cue, NPI_REACH).iter().any(|n| {
                n.last_word < cue.first_word
                    && cue.first_word - n.last_word <= NPI_REACH
                    && !scan.clause_end_between(n.end, cue.start)
            })
        })
    }

    fn negated(&self, scan: &Scan<'_>, cue: &Hit) -> bool {
        if framed_negation(scan, &self.negation_frames, cue) {
            return true;
        }
        let Some(neg) = self.negation else {
            return false;
        };
        scan.hits_near(neg, cue, self.negation_window)
            .iter()
            .any(|n| {
                n.last_word < cue.first_word
                    && cue.first_word - n.last_word <= self.negation_window
                    && !scan.clause_end_between(n.end, cue.start)
            })
    }
}

#[cfg(test)]
mod tests {
    use crate::{Context, Engine};

    /// A small policy: anchors «sjefen»/«kommunen», irony and complaint cues, praise against.
    const POLICY: &str = r#"
[policy]
name = "test"

[lexicons]
anchor = ["sjef*", "kommunen", "ledelsen", "dirigenten i korpset"]
irony = ["typisk", "imponerende*", "som alltid", "🙃", "👏", "jada", "takk for ingenting", "pris for"]
complaint = ["aldri her", "over hodet på", "slutter", "igjen", "aldri", "ingen"]
praise = ["stolt", "❤️", "flott", "ingen fortjener den mer", "fått pris for"]
tag = ["flott", "modig"]
negation = ["ikke", "ikkje"]
frame = ["ikke sant at"]
club = ["korpset"]
not_work = ["landslagssjef*"]

[[guidelines]]
id = "negative-about-colleagues"
severity = "warn"
[guidelines.nb]
title = "t"
quote = "q"
why = "w"
instead = "i"
message = "m"

[[guidelines.detectors]]
name = "stance"
kind = "evidence"
terms = ["anchor"]
cues = ["irony", "complaint"]
counter_cues = ["praise"]
tag_cues = ["tag"]
threshold = 2
window = 12
across_sentences = true
quote_cue = true
negation = "negation"
negation_frames = ["frame"]
unless_near = ["club"]
except = ["not_work"]
"#;

    /// Whether a text fires under the small policy with `options` added to its detector (after
    /// its `except`) and `lexicons` added to its lexicon table.
    fn fires_with(options: &str, lexicons: &str) -> impl Fn(&str) -> bool {
        let policy = POLICY
            .replace(
                "except = [\"not_work\"]",
                &format!("except = [\"not_work\"]\n{options}"),
            )
            .replace("[lexicons]\n", &format!("[lexicons]\n{lexicons}"));
        let engine = Engine::from_policy_str(&policy).expect("test policy compiles");
        move |text: &str| !engine.analyse(text, &Context::default()).is_empty()
    }

    fn fires(text: &str) -> bool {
        let engine = Engine::from_policy_str(POLICY).expect("test policy compiles");
        !engine.analyse(text, &Context::default()).is_empty()
    }

    /// The cursor walk of [`super::Evidence::weigh`] ([`super::CueList::skip_to`], then up to
    /// the first hit past the reach) finds for every anchor, in the order `run` meets them, the
    /// hits [`crate::rules::Scan::hits_near`] finds: every evidence detector of the built-in
    /// policy, on texts strung from its anchor and cue entries (phrases, so hits span words),
    /// filler and punctuation.
    #[test]
    fn cue_cursors_find_what_hits_near_finds() {
        use crate::normalize::Normalized;
        use crate::rules::{compile, Rule, Scan};
        let (policy, lexicons, entries) = crate::rules::testing::builtin();
        let mut next = crate::rules::testing::random_below(7);
        let mut checked = 0;
        for (gi, g) in policy.guidelines.iter().enumerate() {
            for def in &g.detectors {
                let Rule::Evidence(e) = compile(gi, g.severity, def, &lexicons).rule else {
                    continue;
                };
                let mut words: Vec<String> = ["og", "men", "det", "er", ".", ",", "?", "\n"]
                    .iter()
                    .map(|w| w.to_string())
                    .collect();
                let names = def.terms.iter().chain(&def.cues).chain(&def.strong_cues);
                for name in names.chain(&def.counter_cues).chain(&def.tag_cues) {
                    for w in &entries[name.get_ref()] {
                        words.push(w.trim_matches('*').to_string());
                    }
                }
                for _ in 0..40 {
                    let n = 20 + next(300);
                    let text: Vec<&str> =
                        (0..n).map(|_| words[next(words.len())].as_str()).collect();
                    let text = text.join(" ");
                    let folded = Normalized::new(&text);
                    let scan = Scan::new(&text, &folded, &lexicons);
                    let mut lists = Vec::new();
                    e.cue_lists(&scan, &mut lists);
                    for &l in &e.anchors {
                        for list in lists.iter_mut() {
                            list.at = 0;
                        }
                        for anchor in scan.hits_in(l) {
                            let from = anchor.first_word.saturating_sub(e.window + scan.max_span);
                            let to = anchor.last_word + e.window;
                            for list in lists.iter_mut() {
                                let a = list.skip_to(from);
                                let mut b = a;
                                while b < list.hits.len() && list.hits[b].first_word <= to {
                                    b += 1;
                                }
                                let near = scan.hits_near(list.lexicon, anchor, e.window);
                                assert_eq!(&list.hits[a..b], near, "{text}");
                                checked += usize::from(a < b);
                            }
                        }
                    }
                }
            }
        }
        assert!(checked > 1000, "only {checked} anchors with cues near");
    }

    /// [`crate::rules::nearer_elsewhere`] as it was before the anchor's clause test became
    /// lazy (the targets searched within the reach, every test in the old order).
    fn nearer_elsewhere_before(
        scan: &crate::rules::Scan<'_>,
        targets: &[crate::lexicon::LexiconId],
        anchor: &crate::lexicon::Hit,
        cue: &crate::lexicon::Hit,
    ) -> bool {
        use crate::lexicon::Hit;
        use crate::rules::distance;
        let d = distance(anchor, cue);
        if d == 0 || targets.iter().all(|&l| scan.hits_in(l).is_empty()) {
            return false;
        }
        let compared = |p: &Hit| {
            p.start >= cue.end
                && p.first_word > 0
                && matches!(
                    {
                        let (a, b) = scan.words.span(p.first_word - 1);
                        crate::text::sub(scan.folded.as_str(), a..b)
                    },
                    "som" | "enn"
                )
        };
        let cut = |h: &Hit| scan.clause_end_between(h.end.min(cue.end), h.start.max(cue.start));
        let anchor_cut = cut(anchor);
        let reach = if anchor_cut { d } else { d - 1 };
        targets.iter().any(|&l| {
            scan.hits_near(l, cue, reach).iter().any(|p| {
                let touches = |h: &Hit| p.start < h.end && h.start < p.end;
                let dp = distance(p, cue);
                !touches(anchor)
                    && !touches(cue)
                    && !compared(p)
                    && dp <= reach
                    && match (anchor_cut, cut(p)) {
                        (false, true) => false,
                        (true, false) => true,
                        _ => dp < d,
                    }
            })
        })
    }

    /// `nearer_elsewhere` answers as before for every anchor and every cue hit within its
    /// window, for the evidence detectors of the built-in policy with `nearer_target`, on texts
    /// strung from their anchor, cue and target entries, «som», «enn», filler and punctuation.
    #[test]
    fn nearer_elsewhere_answers_as_before() {
        use crate::normalize::Normalized;
        use crate::rules::{compile, nearer_elsewhere, Rule, Scan};
        let (policy, lexicons, entries) = crate::rules::testing::builtin();
        let mut next = crate::rules::testing::random_below(5);
        let (mut checked, mut nearer) = (0, 0);
        for (gi, g) in policy.guidelines.iter().enumerate() {
            for def in &g.detectors {
                let Rule::Evidence(e) = compile(gi, g.severity, def, &lexicons).rule else {
                    continue;
                };
                if e.nearer_target.is_empty() {
                    continue;
                }
                let mut words: Vec<String> = ["og", "som", "enn", "det", ".", ",", ":", "\n"]
                    .iter()
                    .map(|w| w.to_string())
                    .collect();
                let names = def.terms.iter().chain(&def.cues).chain(&def.strong_cues);
                for name in names.chain(&def.nearer_target) {
                    for w in &entries[name.get_ref()] {
                        words.push(w.trim_matches('*').to_string());
                    }
                }
                for _ in 0..150 {
                    let n = 10 + next(80);
                    let text: Vec<&str> =
                        (0..n).map(|_| words[next(words.len())].as_str()).collect();
                    let text = text.join(" ");
                    let folded = Normalized::new(&text);
                    let scan = Scan::new(&text, &folded, &lexicons);
                    for &l in &e.anchors {
                        for anchor in scan.hits_in(l) {
                            for &(c, _) in &e.cues {
                                for cue in scan.hits_near(c, anchor, e.window) {
                                    let new =
                                        nearer_elsewhere(&scan, &e.nearer_target, anchor, cue);
                                    let old = nearer_elsewhere_before(
                                        &scan,
                                        &e.nearer_target,
                                        anchor,
                                        cue,
                                    );
                                    assert_eq!(new, old, "{text}");
                                    checked += 1;
                                    nearer += usize::from(new);
                                }
                            }
                        }
                    }
                }
            }
        }
        assert!(
            checked > 1000 && nearer > 100,
            "{checked} checked, {nearer} nearer"
        );
    }

    #[test]
    fn two_weak_signs_near_a_workplace_reference_fire() {
        let cases = [
            "Det er vel typisk ledelsen her, som alltid 🙃",
            "Imponerende hvordan sjefen er på ferie igjen 👏",
            "Sjefen er aldri her. Typisk.",
            "Ledelsen tror det er «sesongvariasjon». Jada.",
            "Takk for ingenting, kommunen. Folk slutter.",
            // A scare quote in single quotes counts as one sign.
            "Sjefen snakker om 'tillit' igjen.",
        ];
        for text in cases {
            assert!(fires(text), "should fire: {text}");
        }
    }

    #[test]
    fn one_sign_or_no_anchor_or_praise_stays_quiet() {
        let cases = [
            // One weak sign only.
            "Typisk sjefen å ta med kake til alle.",
            // Signs, but no workplace reference.
            "Typisk norsk sommer, regn igjen 🙃",
            "Imponerende, Ruud! Tre mål igjen 👏",
            // Sincere praise outweighs.
            "Imponerende innsats av sjefen i år, stolt av henne ❤️ 👏",
            // Praise right after a sign (an emoji shares the word before it).
            "Sjefen stilte opp igjen, det glemmer jeg aldri ❤️",
            // Negated sign.
            "Sjefen er ikke typisk, han er aldri her for sent",
            // A negating frame denies the signs of its whole clause.
            "Det er ikke sant at ledelsen her er typisk som alltid",
            // The anchor is a club, not work.
            "Sjefen i korpset er typisk på ferie igjen 🙃",
            // The anchor is a longer word that is no one at work.
            "Landslagssjefen tok ut feil keeper igjen, typisk 🙃",
            // The anchor is quoted (a film title).
            "Har noen sett «Sjefen» igjen? Typisk meg å glemme 🙃",
            // Signs too far away.
            "Sjefen kom. Vi spiste kake, drakk kaffe, gikk tur i parken, så på fotball, spilte kort, pratet lenge og til slutt var det typisk regn igjen 🙃",
        ];
        for text in cases {
            assert!(!fires(text), "should stay quiet: {text}");
        }
    }

    #[test]
    fn a_silencing_word_inside_the_anchor_does_not_silence_it() {
        // «korpset» silences an anchor near it, but not an anchor made of it: the anchor is
        // the whole reference («enkelte i ledergruppen», «ho som leiar teamet»).
        assert!(fires("Dirigenten i korpset er typisk på ferie igjen 🙃"));
        assert!(!fires("Sjefen i korpset er typisk på ferie igjen 🙃"));
    }

    #[test]
    fn praise_as_a_tag_after_a_complaint_is_sarcasm() {
        // The tag alone after a sentence, with one more sign, fires.
        assert!(fires("Sjefen flyttet alle vaktene igjen. Flott."));
        assert!(fires("Sjefen er på ferie igjen. Modig."));
        // Sincere: with «!», inside a sentence, or first.
        assert!(!fires("Sjefen ga oss fri igjen. Flott!"));
        assert!(!fires("Sjefen holdt en flott tale igjen."));
        assert!(!fires("Flott. Sjefen kommer igjen i morgen."));
    }

    #[test]
    fn one_emoji_run_counts_once() {
        assert!(!fires("Sjefen 👏👏👏"));
        assert!(fires("Sjefen 👏👏👏 igjen"));
    }

    #[test]
    fn of_equally_heavy_overlapping_cues_the_longer_counts() {
        // The praise «ingen fortjener den mer» contains the complaint «ingen»; the award «fått
        // pris for» contains the irony «pris for»: the longer reading wins.
        assert!(!fires("Sjefen vår er best! Ingen fortjener den mer 👏"));
        assert!(!fires(
            "Kommunen har fått pris for sykkelveiene. Imponerende 👏"
        ));
        // The short cue alone still counts.
        assert!(fires("Sjefen vår er aldri her. Ingen bryr seg 👏"));
        assert!(fires("Kommunen fortjener pris for treghet. Imponerende 👏"));
    }

    #[test]
    fn a_led_anchor_counts_only_after_its_frame() {
        let fires = fires_with(
            "lead = [\"lead\"]\nlead_window = 1",
            "lead = [\"om\", \"over\"]\n",
        );
        // «om» or «over» one word before the anchor at most.
        assert!(fires("Typisk, igjen klager alle over sjefen."));
        assert!(fires("Typisk, igjen klager alle om den sjefen."));
        // The same signs without the frame, or with a clause end between.
        assert!(!fires("Typisk, igjen er sjefen borte."));
        assert!(!fires("Typisk, igjen klager alle over, sjefen."));
    }

    #[test]
    fn a_negative_polarity_cue_counts_only_after_its_negation_and_once() {
        let fires = fires_with(
            "npi_cues = [\"npi\"]\nnpi_by = [\"negation\", \"without\"]",
            "npi = [\"en eneste\", \"siden 20*\"]\nwithout = [\"uten\"]\n",
        );
        // Licensed by a negation (which does not cancel it) or «uten», with one more sign.
        assert!(fires(
            "Sjefen har ikke svart på en mail siden 2019. Typisk."
        ));
        assert!(fires("Sjefen ble valgt uten en eneste stemme, typisk."));
        // No negation before it in its clause: no cue.
        assert!(!fires("Sjefen har jobbet her siden 2019. Typisk."));
        assert!(!fires("Sjefen sa ikke noe, men siden 2019 er det typisk."));
        // Two such phrases under one negation are one sign.
        assert!(!fires("Sjefen har ikke hatt en eneste fridag siden 2019"));
    }

    #[test]
    fn a_cue_nearer_to_a_person_than_to_the_anchor_does_not_count() {
        let fires = fires_with(
            "nearer_target = [\"person\"]",
            "person = [\"kollegaen\", \"teamleiaren\"]\n",
        );
        // The signs stand nearer to the colleague than to «kommunen»: about the colleague.
        assert!(!fires(
            "Kommunen har mange tilsette, og kollegaen er aldri her. Typisk."
        ));
        assert!(!fires(
            "Eg har vore i kommunen lenge, men teamleiaren kjem aldri i tide. Typisk."
        ));
        // Nearer to «kommunen», or as near (a tie counts for the anchor), or with no person.
        assert!(fires(
            "Kommunen er aldri her, typisk. Vi fikk kake av kollegaen i dag."
        ));
        assert!(fires("Typisk kommunen aldri kollegaen"));
        assert!(fires("Kommunen er aldri her. Typisk."));
        // The cue's clause decides: a person cut off from the cue by a comma does not take
        // it from an anchor in the cue's clause; a person in the cue's clause takes it from an
        // anchor outside it, at the same distance too.
        assert!(fires("Kommunen er typisk aldri her, kollegaen sa det."));
        assert!(!fires("Kollegaen er typisk aldri her, og kommunen sa det."));
        // Without the option, the person changes nothing.
        assert!(fires_with("", "")(
            "Kommunen har mange tilsette, og kollegaen er aldri her. Typisk."
        ));
    }
}
