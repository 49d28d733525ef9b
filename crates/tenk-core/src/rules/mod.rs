//! Detectors compiled from a policy, and the shared view of one analysed text they read.
//!
//! Each detector kind is one small module: [`cooccurrence`] (lexicon hits, alone or near
//! another lexicon, with negation and quotation), [`evidence`] (weak signs summed near an
//! anchor), [`case_number`], [`initials`], [`name_age`], [`shouting`] and
//! [`situation`] (facts about the context rather than the text). National identity numbers
//! live in [`crate::national_id`]. A detector returns [`RawFinding`]s in original byte
//! offsets; the engine turns them into [`crate::Finding`]s.

pub mod case_number;
pub mod cooccurrence;
pub mod evidence;
pub mod initials;
pub mod name_age;
pub mod shouting;
pub mod situation;

use crate::lexicon::{Hit, LexiconId, LexiconSet, Words};
use crate::normalize::{is_word_char, Normalized};
use crate::policy::{DetectorDef, DetectorKind, When};
use crate::text::{partition_point, sub};
use crate::{national_id, Context, Severity};

/// A detector ready to run.
#[derive(Debug, Clone)]
pub struct Detector {
    /// Index of its guideline in the policy.
    pub guideline: usize,
    /// Name from the policy (`--explain`).
    pub name: String,
    /// Severity of its findings.
    pub severity: Severity,
    /// What it does.
    pub rule: Rule,
    /// An earlier detector with the same rule (one rule listed under two guidelines): its
    /// ranges are this one's too, found once per text ([`share_rules`]).
    pub same_rule_as: Option<usize>,
}

/// The mechanism of a detector, with lexicon names resolved to ids.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rule {
    /// Lexicon hits, optionally near another lexicon; see [`cooccurrence`].
    Cooccurrence(cooccurrence::Cooccurrence),
    /// Weak signs summed near an anchor; see [`evidence`].
    Evidence(evidence::Evidence),
    /// National identity numbers.
    NationalId {
        /// Lexicons that silence a number within `unless_window` words («kontonummer
        /// 12073982594»: a bank account's eleven digits pass the same mod-11 check).
        unless_near: Vec<LexiconId>,
        /// Lexicons that keep the number despite `unless_near` (an id keyword beside it).
        keep: Vec<LexiconId>,
        /// Reach of `unless_near` and `keep`, in words.
        unless_window: usize,
    },
    /// A case-number keyword followed by a number.
    CaseNumber {
        /// Keyword lexicons.
        terms: Vec<LexiconId>,
        /// Words after the keyword the number may stand.
        window: usize,
        /// Lexicons that silence a keyword within `unless_window` words («referansenummer på
        /// pakken»: a parcel's number, not a case).
        unless_near: Vec<LexiconId>,
        /// Reach of `unless_near`, in words.
        unless_window: usize,
    },
    /// Initials with an age after them; see [`initials`].
    Initials {
        /// Words after the initials the age may stand.
        window: usize,
    },
    /// A first name with an age near a place of work; see [`name_age`].
    NameWithAge {
        /// Words around the name a hit of `near` (and none of `except`) must stand.
        window: usize,
        /// Lexicons of work places and meetings.
        near: Vec<LexiconId>,
        /// Lexicons that make it someone else (one's own family).
        except: Vec<LexiconId>,
    },
    /// Exclamation runs and words in capitals.
    Shouting(shouting::Shouting),
    /// A fact about the situation.
    Situation(situation::Situation),
    /// The learned detector's finding for this guideline ([`crate::model`]); the engine runs
    /// the model once for all guidelines after the rules.
    Model,
}

/// A finding before it gets texts and UTF-16 offsets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawFinding {
    /// Index of the detector that fired.
    pub detector: usize,
    /// Original byte offset of the first byte of the trigger.
    pub start: usize,
    /// Original byte offset one past the trigger.
    pub end: usize,
}

/// One analysed text: original, folded view, words, lexicon hits and quoted regions.
pub struct Scan<'a> {
    /// The text as written.
    pub original: &'a str,
    /// Its folded view.
    pub folded: &'a Normalized,
    /// Words of the folded view.
    pub words: Words<'a>,
    /// All lexicon hits, ordered by start.
    pub hits: Vec<Hit>,
    /// The same hits grouped by lexicon (each group ordered by start), one after the other.
    by_lexicon: Vec<Hit>,
    /// Where each lexicon's group starts in `by_lexicon` (one more entry than lexicons).
    group_starts: Vec<usize>,
    /// Folded byte ranges inside quotation marks.
    pub quoted: Vec<(usize, usize)>,
    /// The most words one hit spans beyond its first (for [`Scan::hits_near`]).
    max_span: usize,
    /// Folded byte offsets of the clause ends ([`CLAUSE_END`]), in order.
    clause_ends: Vec<usize>,
    /// Folded byte offsets of the sentence ends ([`SENTENCE_END`]), in order.
    sentence_ends: Vec<usize>,
    /// The sentence ends that are a «?» answered «nei» at once ([`rebutted`]), in order.
    rebuttals: Vec<usize>,
}

impl<'a> Scan<'a> {
    /// Scans `original` (folded as `folded`) with `lexicons`.
    pub fn new(original: &'a str, folded: &'a Normalized, lexicons: &LexiconSet) -> Scan<'a> {
        let words = Words::new(folded.as_str());
        let hits = lexicons.scan(&words);
        // Grouped by a counting sort: one allocation instead of one per lexicon, and each
        // group keeps the hits' order.
        // Indexed as slices: a `Vec` index is a call in the WebAssembly build.
        let mut group_starts = vec![0; lexicons.names().len() + 1];
        let starts = group_starts.as_mut_slice();
        for h in &hits {
            starts[h.lexicon + 1] += 1;
        }
        for l in 1..starts.len() {
            starts[l] += starts[l - 1];
        }
        // Every slot is written below: filled with the first hit rather than cloned from all
        // of them (a 15 KB copy for a 2,000-character comment).
        let mut by_lexicon = match hits.first() {
            Some(&h) => vec![h; hits.len()],
            None => Vec::new(),
        };
        let mut next = group_starts.clone();
        let (grouped, next_slot) = (by_lexicon.as_mut_slice(), next.as_mut_slice());
        for h in &hits {
            grouped[next_slot[h.lexicon]] = *h;
            next_slot[h.lexicon] += 1;
        }
        let Marks {
            quoted,
            clause_ends,
            sentence_ends,
        } = Marks::new(folded.as_str(), &words);
        let max_span = hits
            .iter()
            .map(|h| h.last_word - h.first_word)
            .max()
            .unwrap_or(0);
        // Few texts have one: found once here, not after every hit a negating frame is
        // looked for.
        let text = folded.as_str();
        let rebuttals = sentence_ends
            .iter()
            .copied()
            .filter(|&i| text.as_bytes()[i] == b'?' && answered_nei(text, i))
            .collect();
        Scan {
            original,
            folded,
            words,
            hits,
            by_lexicon,
            group_starts,
            quoted,
            max_span,
            clause_ends,
            sentence_ends,
            rebuttals,
        }
    }

    /// Hits of any of `lexicons`.
    pub fn hits_of<'s>(&'s self, lexicons: &'s [LexiconId]) -> impl Iterator<Item = &'s Hit> + 's {
        lexicons.iter().flat_map(move |&l| self.hits_in(l))
    }

    /// Hits of one lexicon, ordered by start.
    #[inline(always)]
    pub fn hits_in(&self, lexicon: LexiconId) -> &[Hit] {
        // `get` on the slice, not `Vec` indexing: in the WebAssembly build the index was a
        // call with a panic path of its own at every use.
        match (
            self.group_starts.get(lexicon),
            self.group_starts.get(lexicon + 1),
        ) {
            (Some(&a), Some(&b)) => self.by_lexicon.as_slice().get(a..b).unwrap_or(&[]),
            _ => &[],
        }
    }

    /// Hits of one lexicon that may lie within `window` words of `hit` (a superset: callers
    /// still check the distance), ordered by start. A binary search in the lexicon's hits (and
    /// a walk over those in reach, [`first_word_in`]), so that «near» and negation checks stay
    /// linear in the text instead of comparing every trigger with every hit.
    #[inline(always)]
    pub fn hits_near(&self, lexicon: LexiconId, hit: &Hit, window: usize) -> &[Hit] {
        // Most of a policy's lexicons have no hit in a given text: told from the group bounds
        // alone, before the call (`hits_near_words` is one in the WebAssembly build).
        if !self.has_hits(lexicon) {
            return &[];
        }
        self.hits_near_words(lexicon, hit.first_word, hit.last_word, window)
    }

    /// Whether one lexicon has hits in the text: [`Scan::hits_in`] is not empty, read from the
    /// group bounds without slicing the hits (slicing a `Vec` is a call in the WebAssembly
    /// build).
    #[inline(always)]
    fn has_hits(&self, lexicon: LexiconId) -> bool {
        let starts = self.group_starts.as_slice();
        lexicon + 1 < starts.len() && starts[lexicon] < starts[lexicon + 1]
    }

    /// [`Scan::hits_near`] for the words `first..=last` instead of a hit.
    #[inline]
    fn hits_near_words(
        &self,
        lexicon: LexiconId,
        first: usize,
        last: usize,
        window: usize,
    ) -> &[Hit] {
        let hits = self.hits_in(lexicon);
        // Most of a policy's lexicons have no hit in a given text (≈ 40 of 250 in a
        // 2,000-character comment): nothing to search then, and no call.
        if hits.is_empty() {
            return hits;
        }
        self.near_in(hits, first, last, window)
    }

    /// The hits of one lexicon's `hits` that may lie within `window` words of the words
    /// `first..=last` (for [`Scan::hits_near_words`]).
    #[inline(always)]
    fn near_in<'h>(&self, hits: &'h [Hit], first: usize, last: usize, window: usize) -> &'h [Hit] {
        let from = first.saturating_sub(window + self.max_span);
        let to = last + window;
        first_word_in(hits, from, to)
    }

    /// Whether a hit of one of `lexicons` stands within `window` words of the words
    /// `first..=last` (a `near` or `unless_near` check).
    pub fn any_within(
        &self,
        lexicons: &[LexiconId],
        first: usize,
        last: usize,
        window: usize,
    ) -> bool {
        lexicons.iter().any(|&l| {
            self.hits_near_words(l, first, last, window)
                .iter()
                .any(|o| words_apart(first, last, o.first_word, o.last_word) <= window)
        })
    }

    /// Whether a hit of one of `lexicons` covers all the characters of `hit`: a longer reading
    /// of the same words («landslagssjefen» as a coach) that cancels it.
    pub fn covered(&self, hit: &Hit, lexicons: &[LexiconId]) -> bool {
        lexicons.iter().any(|&l| {
            self.hits_near(l, hit, 0)
                .iter()
                .any(|o| o.start <= hit.start && hit.end <= o.end)
        })
    }

    /// Whether the folded range lies inside quotation marks.
    pub fn is_quoted(&self, start: usize, end: usize) -> bool {
        // Regions are ordered and do not overlap: only the last one starting at or before
        // `start` can hold the range.
        let i = partition_point(&self.quoted, |&(qs, _)| qs <= start);
        // `get` on the slice (none before the first region), not `Vec` indexing: a call in the
        // WebAssembly build.
        match self.quoted.as_slice().get(i.wrapping_sub(1)) {
            Some(&(_, qe)) => end <= qe,
            None => false,
        }
    }

    /// Quoted regions whose first word lies between the words `first` and `last` (inclusive),
    /// as [`crate::lexicon::Words::word_index`] counts them: a slice found by two binary
    /// searches, so a rule can look at the quotes near a hit without walking all of them.
    pub fn quotes_starting_in(&self, first: usize, last: usize) -> &[(usize, usize)] {
        let n = self.words.len();
        // word_index(b) >= first  <=>  b >= start of word `first` (every byte when first is 0);
        // word_index(b) <= last   <=>  b <  start of word `last + 1` (every byte past the end).
        let lo = match first {
            0 => 0,
            f if f < n => self.words.span(f).0,
            _ => usize::MAX,
        };
        let hi = if last + 1 < n {
            self.words.span(last + 1).0
        } else {
            usize::MAX
        };
        let a = partition_point(&self.quoted, |&(qs, _)| qs < lo);
        let b = partition_point(&self.quoted, |&(qs, _)| qs < hi);
        &self.quoted[a..b.max(a)]
    }

    /// Folded byte offset of the last clause end ([`CLAUSE_END`], all ASCII) before `at`.
    pub fn clause_end_before(&self, at: usize) -> Option<usize> {
        let ends = &self.clause_ends;
        let i = partition_point(ends, |&e| e < at);
        i.checked_sub(1).map(|i| ends[i])
    }

    /// Folded byte offset of the first sentence end ([`SENTENCE_END`], all ASCII) at or after
    /// `at`: what `folded[at..].find(SENTENCE_END)` finds, by a binary search over the ends found
    /// once. Searching the rest of the text for every hit was quadratic: 128 KB of «idiot » with
    /// no full stop took minutes (`tests/adversarial.rs`).
    pub fn sentence_end_after(&self, at: usize) -> Option<usize> {
        let ends = &self.sentence_ends;
        ends.get(partition_point(ends, |&e| e < at)).copied()
    }

    /// Whether the sentence holding a hit that ends at `end` ends in «?».
    pub fn asks_at(&self, end: usize) -> bool {
        self.sentence_end_after(end)
            .is_some_and(|i| self.folded.as_str().as_bytes()[i] == b'?')
    }

    /// Whether a clause end ([`CLAUSE_END`]) occurs in the folded text between the two
    /// offsets (in either order): a binary search over the ends found once, instead of
    /// decoding the characters between.
    pub fn clause_end_between(&self, from: usize, to: usize) -> bool {
        any_in(&self.clause_ends, from, to)
    }

    /// Whether a sentence end ([`SENTENCE_END`]) occurs in the folded text between the two
    /// offsets (in either order).
    pub fn sentence_end_between(&self, from: usize, to: usize) -> bool {
        any_in(&self.sentence_ends, from, to)
    }

    /// Original byte range of a folded range.
    #[inline(always)]
    pub fn original_range(&self, start: usize, end: usize) -> (usize, usize) {
        self.folded.original_range(start, end)
    }
}

/// The hits of `hits` (ordered by first word) whose first word lies in `from..=to`: a binary
/// search for the first, then a walk to the first past `to` instead of a second search. The
/// hits in reach are few (a window's words; the callers walk them all anyway), and most often
/// none: the walk stops at once.
#[inline(always)]
fn first_word_in(hits: &[Hit], from: usize, to: usize) -> &[Hit] {
    let a = partition_point(hits, |h| h.first_word < from);
    let mut b = a;
    while b < hits.len() && hits[b].first_word <= to {
        b += 1;
    }
    &hits[a..b]
}

/// Whether one of the ordered offsets `ends` lies in `from..to` (or `to..from`).
fn any_in(ends: &[usize], from: usize, to: usize) -> bool {
    let (a, b) = if from <= to { (from, to) } else { (to, from) };
    ends.get(partition_point(ends, |&e| e < a))
        .is_some_and(|&e| e < b)
}

/// The quotations, clause ends and sentence ends of a folded text, found in one walk over it
/// eight bytes at a time: every character they are made of is neither letter, digit nor
/// space, so the plain words and spaces, most of the text, are skipped by one word test.
struct Marks {
    /// Folded byte ranges inside quotation marks (see [`Quotes`]).
    quoted: Vec<(usize, usize)>,
    /// Offsets of the clause ends ([`CLAUSE_END`]), in order.
    clause_ends: Vec<usize>,
    /// Offsets of the sentence ends ([`SENTENCE_END`]), in order.
    sentence_ends: Vec<usize>,
}

impl Marks {
    /// Eight bytes at a time: only the bytes that are neither a lower-case ASCII letter, a
    /// digit nor a space ([`crate::bytes::other_bits`]: punctuation, line breaks, non-ASCII
    /// bytes; a few in a hundred) are looked up in [`MARK_BYTE`]. Every mark stands between
    /// words, and the lead bytes 0xC2/0xE2 of a letter inside a word («ª») decode to no mark
    /// [`Quotes::see`] acts on, so this finds what a walk over the gaps between the words
    /// found (and the test walks every byte).
    fn new(text: &str, words: &Words<'_>) -> Marks {
        let bytes = text.as_bytes();
        // Most texts have a clause end every few words; sized so that they rarely grow.
        let mut marks = Marks {
            quoted: Vec::new(),
            clause_ends: Vec::with_capacity(words.len() / 4 + 4),
            sentence_ends: Vec::with_capacity(words.len() / 8 + 4),
        };
        let mut quotes = Quotes {
            regions: Vec::new(),
            open: None,
        };
        let mut i = 0;
        while let Some(chunk) = bytes.get(i..i + 8) {
            let mut other = crate::bytes::other_bits(chunk.try_into().unwrap_or([0; 8]));
            while other != 0 {
                let at = i + (other.trailing_zeros() / 8) as usize;
                marks.see(text, at, &mut quotes);
                other &= other - 1;
            }
            i += 8;
        }
        for at in i..bytes.len() {
            marks.see(text, at, &mut quotes);
        }
        marks.quoted = quotes.regions;
        marks
    }

    /// Records the mark at byte `i`, if it is one.
    fn see(&mut self, text: &str, i: usize, quotes: &mut Quotes) {
        let mark = MARK_BYTE[usize::from(text.as_bytes()[i])];
        if mark == 0 {
            return;
        }
        if mark & CLAUSE != 0 {
            self.clause_ends.push(i);
        }
        if mark & SENTENCE != 0 {
            self.sentence_ends.push(i);
        }
        if mark & QUOTE != 0 {
            quotes.see(text, i);
        }
    }
}

/// [`MARK_BYTE`]: a clause end.
const CLAUSE: u8 = 1;
/// [`MARK_BYTE`]: a sentence end.
const SENTENCE: u8 = 2;
/// [`MARK_BYTE`]: a byte [`Quotes::see`] decodes a character at: '"', '\'', a sentence end,
/// or the lead byte of «, », “, ”, „, ‘ or ’ (0xC2, 0xE2).
const QUOTE: u8 = 4;

/// The bytes of [`CLAUSE_END`], [`SENTENCE_END`] (all ASCII) and the quotation marks, as a
/// table of [`CLAUSE`], [`SENTENCE`] and [`QUOTE`] bits.
static MARK_BYTE: [u8; 256] = {
    let mut t = [0; 256];
    let mut k = 0;
    while k < CLAUSE_END.len() {
        t[CLAUSE_END[k] as usize] |= CLAUSE;
        k += 1;
    }
    let mut k = 0;
    while k < SENTENCE_END.len() {
        t[SENTENCE_END[k] as usize] |= SENTENCE;
        k += 1;
    }
    let quotes = [b'"', b'\'', b'.', b'!', b'?', b'\n', 0xC2, 0xE2];
    let mut k = 0;
    while k < quotes.len() {
        t[quotes[k] as usize] |= QUOTE;
        k += 1;
    }
    t
};

/// Characters that end a sentence in the folded text (line breaks included).
pub const SENTENCE_END: &[char] = &['.', '!', '?', '\n'];
/// Characters that end a clause: a negation does not reach past them.
pub const CLAUSE_END: &[char] = &['.', '!', '?', '\n', ',', ';', ':', '(', ')'];

/// Whether a hit of `targets` stands nearer (in words) to `cue` than `anchor` does, sharing no
/// characters with either: the cue is about that one instead (the `nearer_target` option of the
/// `evidence` and `near` kinds: «jobbet der og min sjef husker ikke navnet mitt» runs down the
/// boss, not the place).
///
/// The cue's clause decides between them: a target cut off from the cue by a clause end («,»,
/// «.», «:» …) does not count when the anchor shares the cue's clause («Etaten er helt håpløs,
/// og politikerne gidder ikke» runs down the employer, though «politikerne» stands a word
/// nearer to «håpløs»), and a target in the cue's clause counts at the anchor's distance too
/// when the anchor stands outside it («Regjeringen er helt håpløs, og vi i etaten …»).
///
/// A target compared with, after the cue and right after «som» or «enn» («Kommunen er like
/// håpløs som Telenor», «verre enn Telia»), is the yardstick, not what the cue is about.
pub fn nearer_elsewhere(scan: &Scan<'_>, targets: &[LexiconId], anchor: &Hit, cue: &Hit) -> bool {
    let d = distance(anchor, cue);
    // No target lexicon with a hit in the text (most often): nothing to compare with, and the
    // clause ends need not be looked up.
    if d == 0 || !targets.iter().any(|&l| scan.has_hits(l)) {
        return false;
    }
    let compared = |p: &Hit| {
        p.start >= cue.end
            && p.first_word > 0
            && matches!(
                {
                    let (a, b) = scan.words.span(p.first_word - 1);
                    sub(scan.folded.as_str(), a..b)
                },
                "som" | "enn"
            )
    };
    let cut = |h: &Hit| scan.clause_end_between(h.end.min(cue.end), h.start.max(cue.start));
    // Whether the anchor is cut off from the cue: looked up only once a target within `d`
    // words of the cue is met (most often none is), as the reach depends on it.
    let mut anchor_cut = None;
    targets.iter().any(|&l| {
        scan.hits_near(l, cue, d).iter().any(|p| {
            let touches = |h: &Hit| p.start < h.end && h.start < p.end;
            let dp = distance(p, cue);
            if dp > d || touches(anchor) || touches(cue) || compared(p) {
                return false;
            }
            let anchor_cut = *anchor_cut.get_or_insert_with(|| cut(anchor));
            let reach = if anchor_cut { d } else { d - 1 };
            dp <= reach
                && match (anchor_cut, cut(p)) {
                    (false, true) => false,
                    (true, false) => true,
                    _ => dp < d,
                }
        })
    })
}

/// Words between the word ranges `a_first..=a_last` and `b_first..=b_last` (0 when they share or
/// touch a word).
pub(crate) fn words_apart(a_first: usize, a_last: usize, b_first: usize, b_last: usize) -> usize {
    if a_last < b_first {
        b_first - a_last
    } else {
        a_first.saturating_sub(b_last)
    }
}

/// Words between two hits (0 when they share or touch a word).
pub(crate) fn distance(a: &Hit, b: &Hit) -> usize {
    words_apart(a.first_word, a.last_word, b.first_word, b.last_word)
}

/// Whether a hit of one of `lead` ends at most `window` words before `hit`, with no clause end
/// between (always true when `lead` is empty): the frame of a trigger built from two lexicons,
/// «år som» before «nattevakt», «jobbar på» before «eit hospits».
pub fn led(scan: &Scan<'_>, lead: &[LexiconId], window: usize, hit: &Hit) -> bool {
    lead.is_empty()
        || lead.iter().any(|&l| {
            scan.hits_near(l, hit, window + 1).iter().any(|o| {
                o.last_word < hit.first_word
                    && hit.first_word - o.last_word <= window + 1
                    && !scan.clause_end_between(o.end, hit.start)
            })
        })
}

/// Whether a negating frame («ikke sant at», «det stemmer ikkje at») stands before `hit` in
/// the same clause, and the sentence holding `hit` is no question: «Det er ikke sant at sjefen
/// er udugelig» denies the insult however far it stands from «ikke», while «Ikke sant at sjefen
/// er udugelig?» asks the reader to agree with it.
///
/// Only frames that can reach `hit` are looked at: a frame ending after the last clause end
/// before `hit` has its last word at or after that clause end's word, so its first word is at
/// most `max_span` words before it. (Looking at every frame of the text made a long text
/// quadratic.)
pub fn framed_negation(scan: &Scan<'_>, frames: &[LexiconId], hit: &Hit) -> bool {
    if frames.is_empty() {
        return false;
    }
    if rebutted(scan, hit) {
        return true;
    }
    // A frame reaches only forward: with no frame's hit starting on a word before the hit's
    // (no frame in the text, as most often), there is nothing to search.
    if frames.iter().all(|&l| {
        scan.hits_in(l)
            .first()
            .is_none_or(|f| f.first_word >= hit.first_word)
    }) {
        return false;
    }
    let boundary = scan.clause_end_before(hit.start);
    let lowest = boundary.map_or(0, |p| {
        scan.words.word_index(p).saturating_sub(scan.max_span)
    });
    let reaches = |f: &Hit| {
        f.last_word < hit.first_word
            && if f.end <= hit.start {
                // No clause end in f.end..hit.start: the last one before `hit` is before f.end.
                boundary.is_none_or(|p| p < f.end)
            } else {
                !scan.clause_end_between(f.end, hit.start)
            }
    };
    let framed = frames.iter().any(|&l| {
        let hits = scan.hits_in(l);
        let a = partition_point(hits, |f| f.first_word < lowest);
        let b = partition_point(hits, |f| f.first_word < hit.first_word);
        hits[a..b.max(a)].iter().any(reaches)
    });
    framed && !scan.asks_at(hit.end)
}

/// Whether `hit` stands in a question its writer answers «nei» at once: «Teamleiaren vår lat?
/// Nei, tvert imot, …», «Er sjefen håpløs? Nei da.» The question only puts the word up to deny
/// it. Read with the negating frames (detectors without frames keep the word).
fn rebutted(scan: &Scan<'_>, hit: &Hit) -> bool {
    !scan.rebuttals.is_empty()
        && scan
            .sentence_end_after(hit.end)
            .is_some_and(|i| scan.rebuttals.binary_search(&i).is_ok())
}

/// Whether the sentence end at byte `i` of the folded `text` is a «?» followed by the answer
/// «nei» ([`rebutted`]).
fn answered_nei(text: &str, i: usize) -> bool {
    let after = sub(text, i..);
    if !after.starts_with('?') {
        return false;
    }
    let next = after.trim_start_matches(|c: char| c == '?' || c == '!' || c.is_whitespace());
    next.starts_with("nei") && !next.chars().nth(3).is_some_and(is_word_char)
}

/// Folded byte ranges between paired quotation marks: «…», “…”, „…“, "…" and single quotes
/// used as scare quotes ('tillit', ‘tillit’). A single quote opens only before a word and
/// not inside one (so «Kjell's» is no quotation), closes only after one, and is forgotten at
/// the end of its sentence.
struct Quotes {
    /// The regions closed so far, in order.
    regions: Vec<(usize, usize)>,
    /// The open quotation mark and where it stands.
    open: Option<(usize, char)>,
}

impl Quotes {
    /// Reads the character at byte `i` of `text` (a [`QUOTE`] byte, the walk going forward).
    /// Only the neighbours of single quotes are decoded.
    fn see(&mut self, text: &str, i: usize) {
        let Some(c) = sub(text, i..).chars().next() else {
            return;
        };
        let word_before = || sub(text, ..i).chars().next_back().is_some_and(is_word_char);
        let word_after = || {
            sub(text, i + c.len_utf8()..)
                .chars()
                .next()
                .is_some_and(is_word_char)
        };
        match (self.open, c) {
            (None, '«' | '“' | '„' | '"') => self.open = Some((i, c)),
            (None, '\'' | '‘') if !word_before() && word_after() => self.open = Some((i, c)),
            (Some((s, '«')), '»') | (Some((s, '“' | '„')), '”' | '“') | (Some((s, '"')), '"') =>
            {
                self.regions.push((s, i + c.len_utf8()));
                self.open = None;
            }
            (Some((s, '\'' | '‘')), '\'' | '’') if word_before() && !word_after() => {
                self.regions.push((s, i + c.len_utf8()));
                self.open = None;
            }
            (Some((_, '\'' | '‘')), '.' | '!' | '?' | '\n') => self.open = None,
            _ => {}
        }
    }
}

/// Compiles one detector definition.
pub fn compile(
    guideline: usize,
    severity: Severity,
    def: &DetectorDef,
    lexicons: &LexiconSet,
) -> Detector {
    let ids = |names: &[crate::policy::Spanned<String>]| -> Vec<LexiconId> {
        names
            .iter()
            .filter_map(|n| lexicons.id(n.get_ref()))
            .collect()
    };
    let one = |name: &Option<crate::policy::Spanned<String>>| {
        name.as_ref().and_then(|n| lexicons.id(n.get_ref()))
    };
    let rule = match def.kind {
        DetectorKind::Phrase | DetectorKind::Near => {
            Rule::Cooccurrence(cooccurrence::Cooccurrence {
                terms: ids(&def.terms),
                near: ids(&def.near),
                also_near: ids(&def.also_near),
                near_first: def.near_first,
                near_after: def.near_after,
                needs_statement: def.needs_statement,
                lead: ids(&def.lead),
                lead_window: def.lead_window.unwrap_or(0),
                apart: def.apart,
                skip_questions: def.skip_questions,
                across_sentences: def.across_sentences,
                unless_near: ids(&def.unless_near),
                except: ids(&def.except),
                window: def.window.unwrap_or(0),
                unless_window: def.unless_window.or(def.window).unwrap_or(0),
                negation: one(&def.negation),
                negation_window: def.negation_window.unwrap_or(3),
                negation_frames: ids(&def.negation_frames),
                skip_quoted: def.skip_quoted,
                nearer_target: ids(&def.nearer_target),
            })
        }
        DetectorKind::Evidence => Rule::Evidence(evidence::Evidence {
            anchors: ids(&def.terms),
            cues: ids(&def.cues)
                .into_iter()
                .map(|l| (l, 1))
                .chain(ids(&def.strong_cues).into_iter().map(|l| (l, 2)))
                .chain(ids(&def.counter_cues).into_iter().map(|l| (l, -1)))
                .collect(),
            threshold: def.threshold.unwrap_or(2),
            window: def.window.unwrap_or(0),
            across_sentences: def.across_sentences,
            quote_weight: i32::from(def.quote_cue),
            tags: ids(&def.tag_cues),
            negation: one(&def.negation),
            negation_window: def.negation_window.unwrap_or(3),
            negation_frames: ids(&def.negation_frames),
            unless_near: ids(&def.unless_near),
            unless_window: def.unless_window.or(def.window).unwrap_or(0),
            except: ids(&def.except),
            nearer_target: ids(&def.nearer_target),
            npi_cues: ids(&def.npi_cues),
            npi_by: ids(&def.npi_by),
            lead: ids(&def.lead),
            lead_window: def.lead_window.unwrap_or(0),
        }),
        DetectorKind::NationalId => Rule::NationalId {
            unless_near: ids(&def.unless_near),
            keep: ids(&def.near),
            unless_window: def.unless_window.or(def.window).unwrap_or(4),
        },
        DetectorKind::CaseNumber => Rule::CaseNumber {
            terms: ids(&def.terms),
            window: def.window.unwrap_or(3),
            unless_near: ids(&def.unless_near),
            unless_window: def.unless_window.or(def.window).unwrap_or(3),
        },
        DetectorKind::Initials => Rule::Initials {
            window: def.window.unwrap_or(3),
        },
        DetectorKind::NameWithAge => Rule::NameWithAge {
            window: def.window.unwrap_or(8),
            near: ids(&def.near),
            except: ids(&def.except),
        },
        DetectorKind::Shouting => Rule::Shouting(shouting::Shouting {
            min_exclamations: def.min_exclamations,
            min_caps_words: def.min_caps_words,
            exempt: one(&def.caps_exempt),
            unless_near: ids(&def.unless_near),
            unless_window: def.unless_window.or(def.window).unwrap_or(6),
        }),
        DetectorKind::Context => Rule::Situation(match def.when.unwrap_or(When::Attachment) {
            When::Attachment => situation::Situation::Attachment,
            When::Edit => situation::Situation::Edit,
            When::Leader => situation::Situation::Leader,
            When::LeaderAndAny => situation::Situation::LeaderAndAny,
            When::LateNight => situation::Situation::LateNight {
                from: def.from_hour.unwrap_or(23),
                to: def.to_hour.unwrap_or(5),
            },
        }),
    };
    Detector {
        guideline,
        name: def.name.get_ref().clone(),
        severity: def.severity.unwrap_or(severity),
        rule,
        same_rule_as: None,
    }
}

/// Points each detector whose rule equals an earlier one's at the first of them
/// ([`Detector::same_rule_as`]): a rule reported under two guidelines (initials with an age,
/// a name with an age, …) finds the same ranges, and [`run`] copies them instead of running
/// it again.
pub fn share_rules(detectors: &mut [Detector]) {
    for i in 0..detectors.len() {
        detectors[i].same_rule_as = (0..i).find(|&j| {
            detectors[j].same_rule_as.is_none() && detectors[j].rule == detectors[i].rule
        });
    }
}

/// Runs the text detectors (everything but `leader-and-any`, which the engine runs last).
pub fn run(detectors: &[Detector], scan: &Scan<'_>, ctx: &Context) -> Vec<RawFinding> {
    let mut out = Vec::new();
    // One buffer for every detector's ranges: a `Vec` of its own per detector was an
    // allocation for each one that fired.
    let mut found: Vec<(usize, usize)> = Vec::new();
    for (index, d) in detectors.iter().enumerate() {
        if let Some(first) = d.same_rule_as {
            // The earlier detector's findings, at the end of `out` or before the later ones.
            let a = out.partition_point(|f: &RawFinding| f.detector < first);
            let b = out.partition_point(|f: &RawFinding| f.detector <= first);
            for k in a..b {
                let RawFinding { start, end, .. } = out[k];
                out.push(RawFinding {
                    detector: index,
                    start,
                    end,
                });
            }
            continue;
        }
        found.clear();
        match &d.rule {
            Rule::Cooccurrence(c) => c.run(scan, &mut found),
            Rule::Evidence(e) => e.run(scan, &mut found),
            Rule::NationalId {
                unless_near,
                keep,
                unless_window,
            } => {
                // Found in the original (a combining mark on a digit breaks the run there,
                // not in the folded view); the words around it by a binary search over the
                // words' original starts.
                let n = scan.words.len();
                let word_at = |pos: usize| {
                    // The last word starting at or before `pos` (0 if none).
                    let (mut lo, mut hi) = (0, n);
                    while lo < hi {
                        let mid = lo + (hi - lo) / 2;
                        let (a, b) = scan.words.span(mid);
                        if scan.original_range(a, b).0 <= pos {
                            lo = mid + 1;
                        } else {
                            hi = mid;
                        }
                    }
                    lo.saturating_sub(1)
                };
                for (s, e) in national_id::find(scan.original) {
                    if !unless_near.is_empty() && n > 0 {
                        let (first, last) = (word_at(s), word_at(e - 1));
                        if scan.any_within(unless_near, first, last, *unless_window)
                            && !scan.any_within(keep, first, last, *unless_window)
                        {
                            continue;
                        }
                    }
                    found.push((s, e));
                }
            }
            Rule::CaseNumber {
                terms,
                window,
                unless_near,
                unless_window,
            } => case_number::find(
                scan,
                terms,
                *window,
                unless_near,
                *unless_window,
                &mut found,
            ),
            Rule::Initials { window } => initials::find(scan, *window, &mut found),
            Rule::NameWithAge {
                window,
                near,
                except,
            } => name_age::find(scan, *window, near, except, &mut found),
            Rule::Shouting(s) => s.run(scan, &mut found),
            Rule::Situation(s) => {
                if s.applies(ctx, !scan.words.is_empty()) {
                    found.push((0, 0));
                }
            }
            Rule::Model => {}
        }
        out.extend(found.iter().map(|&(start, end)| RawFinding {
            detector: index,
            start,
            end,
        }));
    }
    out
}

/// Helpers the rules' tests share: a small seeded random source and the built-in policy's
/// lexicons.
#[cfg(test)]
pub(crate) mod testing {
    use crate::lexicon::LexiconSet;
    use crate::Policy;
    use std::collections::BTreeMap;

    /// A seeded linear congruential generator: each call gives a number below `n` (`n > 0`),
    /// the same sequence for the same seed.
    pub(crate) fn random_below(mut seed: u64) -> impl FnMut(usize) -> usize {
        move |n| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as usize % n
        }
    }

    /// The built-in policy, its lexicons built, and each lexicon's entries by name.
    pub(crate) fn builtin() -> (Policy, LexiconSet, BTreeMap<String, Vec<String>>) {
        let policy = Policy::parse(crate::engine::DEFAULT_POLICY).expect("policy");
        let lexicons = LexiconSet::build(&policy.named_lexicons()).expect("lexicons");
        let entries = policy.named_lexicons().into_iter().collect();
        (policy, lexicons, entries)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A scan of `text` with no lexicons: words, quotes and clause ends only.
    fn bare_scan<'a>(text: &'a str, folded: &'a Normalized) -> Scan<'a> {
        let lexicons = LexiconSet::build(&[]).expect("an empty lexicon set builds");
        Scan::new(text, folded, &lexicons)
    }

    #[test]
    fn first_word_in_finds_what_two_binary_searches_find() {
        let mut next = testing::random_below(11);
        for _ in 0..2_000 {
            let len = next(40);
            let mut first_word = 0;
            let hits: Vec<Hit> = (0..len)
                .map(|_| {
                    first_word += next(3);
                    let last_word = first_word + next(3);
                    Hit {
                        lexicon: 0,
                        start: first_word,
                        end: last_word + 1,
                        first_word,
                        last_word,
                    }
                })
                .collect();
            for _ in 0..20 {
                let from = next(first_word + 5);
                let to = from + next(12);
                let to = if next(5) == 0 {
                    from.saturating_sub(1)
                } else {
                    to
                };
                let a = hits.partition_point(|h| h.first_word < from);
                let b = hits.partition_point(|h| h.first_word <= to);
                assert_eq!(first_word_in(&hits, from, to), &hits[a..b.max(a)]);
            }
        }
    }

    #[test]
    fn has_hits_is_hits_in_not_empty() {
        let named: Vec<(String, Vec<String>)> = [
            ("a", vec!["sjef*", "leder"]),
            ("b", vec!["ikke"]),
            ("c", vec!["aldri"]),
            ("d", vec!["kommunen vår"]),
        ]
        .iter()
        .map(|(n, w)| (n.to_string(), w.iter().map(|w| w.to_string()).collect()))
        .collect();
        let lexicons = LexiconSet::build(&named).expect("lexicons build");
        for text in [
            "",
            "Sjefen er ikke her, lederen heller ikke.",
            "Kommunen vår er aldri i tide",
            "ingenting",
        ] {
            let folded = Normalized::new(text);
            let scan = Scan::new(text, &folded, &lexicons);
            for l in 0..named.len() + 3 {
                assert_eq!(scan.has_hits(l), !scan.hits_in(l).is_empty(), "{text} {l}");
            }
        }
    }

    #[test]
    fn sentence_end_after_finds_what_a_search_of_the_rest_finds() {
        let text = "Er sjefen lat? Nei. Sjå www.nav.no!\nOg så, kanskje 3.5 … slutt";
        let folded = Normalized::new(text);
        let scan = bare_scan(text, &folded);
        let f = folded.as_str();
        for at in 0..=f.len() {
            if f.is_char_boundary(at) {
                let rest = crate::text::sub(f, at..);
                let expected = rest.find(SENTENCE_END).map(|i| at + i);
                assert_eq!(scan.sentence_end_after(at), expected, "at {at}");
                let asks = expected.is_some_and(|i| f.as_bytes()[i] == b'?');
                assert_eq!(scan.asks_at(at), asks, "at {at}");
            }
        }
    }

    #[test]
    fn quotes_starting_in_words_are_the_ones_a_walk_over_all_quotes_finds() {
        let text = "«Ja» sa han, og «nei» sa hun. Så «kanskje» og 'tja' … «til slutt»";
        let folded = Normalized::new(text);
        let scan = bare_scan(text, &folded);
        assert_eq!(scan.quoted.len(), 5);
        for first in 0..scan.words.len() + 2 {
            for last in first..scan.words.len() + 2 {
                let walked: Vec<(usize, usize)> = scan
                    .quoted
                    .iter()
                    .copied()
                    .filter(|&(qs, _)| {
                        let w = scan.words.word_index(qs);
                        first <= w && w <= last
                    })
                    .collect();
                assert_eq!(
                    scan.quotes_starting_in(first, last),
                    walked,
                    "{first}..={last}"
                );
            }
        }
    }

    #[test]
    fn clause_end_before_is_the_last_clause_end_before_the_offset() {
        let text = "Først dette, så (kanskje) det; til slutt: ferdig.\nNy linje! Og? Slutt";
        let folded = Normalized::new(text);
        let scan = bare_scan(text, &folded);
        let f = folded.as_str();
        for at in 0..=f.len() {
            let walked = f.as_bytes()[..at]
                .iter()
                .rposition(|&b| CLAUSE_END.contains(&char::from(b)));
            assert_eq!(scan.clause_end_before(at), walked, "at {at}");
        }
    }

    /// The quotations of a whole (folded) text.
    fn quotes_of(t: &str) -> Vec<(usize, usize)> {
        Marks::new(t, &Words::new(t)).quoted
    }

    /// Texts with every kind of gap: none before the first word or after the last, runs of
    /// punctuation, marks glued to words, quotes, non-ASCII letters, digits, emoji.
    const GAPPY: &[&str] = &[
        "",
        " ",
        "ord",
        "«Ja» sa han, og «nei» sa hun. Så «kanskje» og 'tja' … «til slutt»",
        "Først dette, så (kanskje) det; til slutt: ferdig.\nNy linje! Og? Slutt",
        "...hei!!! Er sjefen lat?Nei.3.5 km,ok:(x) 😊 'tillit' ‘ro’ Kjell's «»\n",
        "hun sa 'nei. Så kom «idiot» og “tosk” „x“ 'a'b' ‘ª’ ª'ª' \"dust\"",
        "!?",
    ];

    #[test]
    fn marks_are_what_a_walk_over_every_byte_finds() {
        for &t in GAPPY {
            let marks = Marks::new(t, &Words::new(t));
            let at = |chars: &[char]| -> Vec<usize> {
                (0..t.len())
                    .filter(|&i| chars.contains(&char::from(t.as_bytes()[i])))
                    .collect()
            };
            assert_eq!(marks.clause_ends, at(CLAUSE_END), "{t:?}");
            assert_eq!(marks.sentence_ends, at(SENTENCE_END), "{t:?}");
            // Every byte, every character boundary shown to the quotation reader.
            let mut quotes = Quotes {
                regions: Vec::new(),
                open: None,
            };
            for i in (0..t.len()).filter(|&i| t.is_char_boundary(i)) {
                quotes.see(t, i);
            }
            assert_eq!(marks.quoted, quotes.regions, "{t:?}");
        }
    }

    #[test]
    fn ends_between_are_what_a_search_of_the_text_between_finds() {
        for &t in GAPPY {
            let folded = Normalized::new(t);
            let scan = bare_scan(t, &folded);
            let f = folded.as_str();
            let cuts: Vec<usize> = (0..=f.len()).filter(|&i| f.is_char_boundary(i)).collect();
            for &a in &cuts {
                for &b in &cuts {
                    let (x, y) = (a.min(b), a.max(b));
                    assert_eq!(
                        scan.clause_end_between(a, b),
                        f[x..y].contains(CLAUSE_END),
                        "{t:?}: {a}, {b}"
                    );
                    assert_eq!(
                        scan.sentence_end_between(a, b),
                        f[x..y].contains(SENTENCE_END),
                        "{t:?}: {a}, {b}"
                    );
                }
            }
        }
    }

    #[test]
    fn rebutted_is_a_question_answered_nei_after_the_hit() {
        let texts = [
            "Er sjefen lat? Nei, tvert imot. Er han snill?  Nei! Ok? Neimen. Og?? nei",
            "Sjefen lat?!\nnei da. Er det sant? Ja. Hvorfor? Nei.",
        ];
        let mut answered = 0;
        for t in GAPPY.iter().chain(&texts) {
            let folded = Normalized::new(t);
            let scan = bare_scan(t, &folded);
            let f = folded.as_str();
            for at in (0..=f.len()).filter(|&i| f.is_char_boundary(i)) {
                // The definition before the answers were found once per text.
                let expected = crate::text::sub(f, at..)
                    .find(SENTENCE_END)
                    .is_some_and(|k| {
                        let after = crate::text::sub(f, at + k..);
                        let next = after.trim_start_matches(|c: char| {
                            c == '?' || c == '!' || c.is_whitespace()
                        });
                        after.starts_with('?')
                            && next.starts_with("nei")
                            && !next.chars().nth(3).is_some_and(is_word_char)
                    });
                let hit = Hit {
                    lexicon: 0,
                    start: at,
                    end: at,
                    first_word: 0,
                    last_word: 0,
                };
                assert_eq!(rebutted(&scan, &hit), expected, "{t:?} at {at}");
                answered += usize::from(expected);
            }
        }
        assert!(answered > 20, "{answered}");
    }

    #[test]
    fn quotation_regions() {
        let t = "han sa «idiot» og \"dust\" men “tosk”";
        let q = quotes_of(t);
        let texts: Vec<&str> = q.iter().map(|&(s, e)| &t[s..e]).collect();
        assert_eq!(texts, ["«idiot»", "\"dust\"", "“tosk”"]);
    }

    #[test]
    fn single_quotes_are_scare_quotes_but_apostrophes_are_not() {
        let t = "hun snakker om 'tillit' og ‘ro’, men Kjell's bil er ikke sitert";
        let q = quotes_of(t);
        let texts: Vec<&str> = q.iter().map(|&(s, e)| &t[s..e]).collect();
        assert_eq!(texts, ["'tillit'", "‘ro’"]);
        // An unclosed single quote ends with its sentence and does not swallow the next quote.
        let t = "han sa 'nei. Så kom «idiot»";
        let q = quotes_of(t);
        let texts: Vec<&str> = q.iter().map(|&(s, e)| &t[s..e]).collect();
        assert_eq!(texts, ["«idiot»"]);
    }
}
