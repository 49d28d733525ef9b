//! How the lexicon automaton is searched, and how its raw matches become hits.
//!
//! Every distinct folded entry is one pattern of an Aho-Corasick automaton from the
//! `aho-corasick` crate (a contiguous NFA with standard, overlapping semantics), walked byte by
//! byte through the crate's `Automaton` trait. The walk reports every match ending at each
//! byte, exactly what the crate's overlapping iterator reports, for about half the
//! instructions (the iterator keeps its position in a resumable state per match). Each raw
//! match then passes the word-boundary check of its entries (see [`crate::lexicon`]) and
//! becomes a [`Hit`] with the word indices it spans, found by walking forward through the
//! words instead of a binary search per match; the hits are kept sorted and free of duplicates
//! as they come (they arrive almost in order).
//!
//! Tried and not kept: searching the entries that can only match at a word start *anchored*
//! at each word start (walking ≈ 6 bytes per word, and a second automaton over the whole text
//! for the entries open on the left): more steps than one pass over the text, at the same
//! cost per step in this NFA. A DFA costs a quarter per step but ≈ 8 MB for this lexicon. Also tried: a
//! table of resolved transitions for the states up to 4 bytes deep, built from this NFA
//! (≈ 1.3 MB): the native walk 105 k → 86 k instructions per 2,000 characters, but the
//! WebAssembly call no faster and 2.5 KB larger (BENCHMARKS.md; `shallow.rs` in commit
//! `c61291b`).

use aho_corasick::automaton::Automaton;
use aho_corasick::nfa::contiguous::NFA;
use aho_corasick::{Anchored, MatchKind};

use crate::lexicon::{Entry, Hit, Words};
use crate::normalize::is_word_char;
use crate::text::sub;

/// The compiled entries of every lexicon.
#[derive(Debug, Clone)]
pub(crate) struct Matcher {
    nfa: NFA,
    /// What each pattern of the automaton is and which entries it stands for.
    patterns: Vec<PatternInfo>,
}

/// One distinct folded pattern.
#[derive(Debug, Clone)]
struct PatternInfo {
    /// Length in bytes (the automaton's own table of lengths is one more lookup per match).
    len: usize,
    entries: Vec<Entry>,
    /// The pattern's first character is a letter or digit (a whole-word end needs a boundary
    /// before it).
    edge_left: bool,
    /// The pattern's last character is a letter or digit.
    edge_right: bool,
}

impl Matcher {
    /// Compiles distinct folded `patterns` (UTF-8), each with its entries (same index).
    pub(crate) fn build<P: AsRef<[u8]>>(
        patterns: &[P],
        entries: Vec<Vec<Entry>>,
    ) -> Result<Matcher, aho_corasick::BuildError> {
        let nfa = NFA::builder()
            .match_kind(MatchKind::Standard)
            .prefilter(false)
            .build(patterns)?;
        let patterns = patterns
            .iter()
            .zip(entries)
            .map(|(pattern, entries)| {
                let len = pattern.as_ref().len();
                let pattern = String::from_utf8_lossy(pattern.as_ref());
                PatternInfo {
                    len,
                    entries,
                    edge_left: pattern.chars().next().is_some_and(is_word_char),
                    edge_right: pattern.chars().next_back().is_some_and(is_word_char),
                }
            })
            .collect();
        Ok(Matcher { nfa, patterns })
    }

    /// Heap memory used by the automaton, in bytes.
    pub(crate) fn memory_usage(&self) -> usize {
        self.nfa.memory_usage()
    }

    /// Raw matches before the boundary checks (for profiling).
    pub(crate) fn raw_matches(&self, text: &str) -> usize {
        let mut n = 0;
        self.each_match(text, |_, _, _| n += 1);
        n
    }

    /// Every hit, deduplicated per lexicon and range, ordered by (start, end, lexicon).
    pub(crate) fn scan(&self, words: &Words<'_>) -> Vec<Hit> {
        let text = words.text;
        let spans = words.spans();
        let mut hits: Vec<Hit> = Vec::with_capacity(spans.len() / 2 + 8);
        // The word at or before the last byte of the match: matches come in order of their
        // end, so this walks forward through the words once in all. A match's first word is
        // found by walking back from it (as many words as the match spans), and its last word
        // is this one whatever its entries' openness (an open end stops inside this word).
        let mut last = 0;
        self.each_match(text, |info, s, e| {
            let before = s > 0 && word_char_before(text, s);
            let after = e < text.len() && word_char_at(text, e);
            if (before && info.edge_left || after && info.edge_right)
                && info.entries.iter().all(|entry| {
                    (before && info.edge_left && !entry.open_left)
                        || (after && info.edge_right && !entry.open_right)
                })
            {
                return;
            }
            while spans.get(last + 1).is_some_and(|&(ws, _)| ws < e) {
                last += 1;
            }
            let mut first = last;
            while first > 0 && spans[first].0 > s {
                first -= 1;
            }
            for entry in &info.entries {
                if before && info.edge_left && !entry.open_left {
                    continue;
                }
                if after && info.edge_right && !entry.open_right {
                    continue;
                }
                // Widened to the whole word the match starts (ends) in, if it does.
                let start = match spans.get(first) {
                    Some(&(ws, we)) if entry.open_left && ws <= s && s <= we => ws,
                    _ => s,
                };
                let end = match spans.get(last) {
                    Some(&(ws, we)) if entry.open_right && ws < e && e <= we => we,
                    _ => e,
                };
                insert_sorted(
                    &mut hits,
                    Hit {
                        lexicon: entry.lexicon,
                        start,
                        end,
                        first_word: first,
                        last_word: last,
                    },
                );
            }
        });
        hits
    }

    /// Calls `f(pattern, start, end)` for every match of every pattern, overlapping ones
    /// included, in order of their end.
    fn each_match<'m>(&'m self, text: &str, mut f: impl FnMut(&'m PatternInfo, usize, usize)) {
        let nfa = &self.nfa;
        let patterns = self.patterns.as_slice();
        let mut sid = nfa
            .start_state(Anchored::No)
            .expect("NFAs support unanchored searches");
        for (i, &b) in text.as_bytes().iter().enumerate() {
            sid = nfa.next_state(Anchored::No, sid, b);
            if nfa.is_special(sid) && nfa.is_match(sid) {
                let end = i + 1;
                // The state's pattern ids decoded once (`match_len` and each `match_pattern`
                // decode the state again), each pattern's length read beside its entries.
                let (one, rest) = nfa.match_ids(sid);
                let info = &patterns[one as usize];
                f(info, end - info.len, end);
                for &pid in rest {
                    let info = &patterns[pid as usize];
                    f(info, end - info.len, end);
                }
            }
        }
    }
}

/// Inserts `hit` where it belongs by (start, end, lexicon), unless it is there already.
/// Hits arrive nearly in order, so this is a short walk back from the end.
fn insert_sorted(hits: &mut Vec<Hit>, hit: Hit) {
    let key = |h: &Hit| (h.start, h.end, h.lexicon);
    let k = key(&hit);
    // Indexed as a slice: a `Vec` index is a call in the WebAssembly build.
    let sorted = hits.as_slice();
    let mut i = sorted.len();
    while i > 0 && key(&sorted[i - 1]) > k {
        i -= 1;
    }
    // The other fields follow from these three, so an equal key is the same hit.
    if i > 0 && key(&sorted[i - 1]) == k {
        return;
    }
    if i == hits.len() {
        // The usual case: after all the others (no move of the rest).
        hits.push(hit);
    } else {
        hits.insert(i, hit);
    }
}

/// Whether the character starting at byte `at` of `text` is a letter or digit.
fn word_char_at(text: &str, at: usize) -> bool {
    match text.as_bytes()[at] {
        b if b < 0x80 => b.is_ascii_alphanumeric(),
        _ => sub(text, at..).chars().next().is_some_and(is_word_char),
    }
}

/// Whether the character ending at byte `at` of `text` is a letter or digit.
fn word_char_before(text: &str, at: usize) -> bool {
    match text.as_bytes()[at - 1] {
        b if b < 0x80 => b.is_ascii_alphanumeric(),
        _ => sub(text, ..at)
            .chars()
            .next_back()
            .is_some_and(is_word_char),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::Normalized;

    /// The scan as it was before its word cursor (a walk from the last match's start for each
    /// of a hit's ends): the reference the faster one must agree with.
    fn reference_scan(m: &Matcher, words: &Words<'_>) -> Vec<Hit> {
        let text = words.text;
        let spans = words.spans();
        let mut hits: Vec<Hit> = Vec::new();
        let mut cursor = 0;
        m.each_match(text, |info, s, e| {
            let before = s > 0 && word_char_before(text, s);
            let after = e < text.len() && word_char_at(text, e);
            cursor = word_at(spans, cursor, s);
            for entry in &info.entries {
                if before && info.edge_left && !entry.open_left {
                    continue;
                }
                if after && info.edge_right && !entry.open_right {
                    continue;
                }
                let (start, first_word) = if entry.open_left {
                    let start = word_start(spans, cursor, s);
                    (start, word_at(spans, cursor, start))
                } else {
                    (s, cursor)
                };
                let end = if entry.open_right {
                    word_end(spans, first_word, e)
                } else {
                    e
                };
                let last_word = word_at(spans, first_word, end.saturating_sub(1).max(start));
                let hit = Hit {
                    lexicon: entry.lexicon,
                    start,
                    end,
                    first_word,
                    last_word,
                };
                let key = |h: &Hit| (h.start, h.end, h.lexicon);
                if !hits.iter().any(|h| key(h) == key(&hit)) {
                    hits.push(hit);
                }
            }
        });
        hits.sort_by_key(|h| (h.start, h.end, h.lexicon));
        hits
    }

    /// [`Words::word_index`] of `byte`, walking from word `from` (forward, or back if `from`
    /// starts after `byte`).
    fn word_at(spans: &[(usize, usize)], from: usize, byte: usize) -> usize {
        let mut w = from.min(spans.len().saturating_sub(1));
        while w > 0 && spans[w].0 > byte {
            w -= 1;
        }
        while spans.get(w + 1).is_some_and(|&(s, _)| s <= byte) {
            w += 1;
        }
        w
    }

    /// [`Words::word_start`], walking from word `from`.
    fn word_start(spans: &[(usize, usize)], from: usize, byte: usize) -> usize {
        match spans.get(word_at(spans, from, byte)) {
            Some(&(s, e)) if s <= byte && byte <= e => s,
            _ => byte,
        }
    }

    /// [`Words::word_end`], walking from word `from`.
    fn word_end(spans: &[(usize, usize)], from: usize, byte: usize) -> usize {
        match spans.get(word_at(spans, from, byte.saturating_sub(1))) {
            Some(&(s, e)) if s < byte && byte <= e => e,
            _ => byte,
        }
    }

    #[test]
    fn a_match_states_ids_read_at_once_are_the_ones_read_one_by_one() {
        let set = crate::lexicon::LexiconSet::build(&[(
            "l".to_string(),
            ["sjef", "sjefen", "jef", "en", "n", "sjefen min", "*ef", "e"]
                .iter()
                .map(|s| s.to_string())
                .collect(),
        )])
        .expect("test lexicon builds");
        let nfa = &set.matcher.nfa;
        let mut sid = nfa.start_state(Anchored::No).expect("unanchored");
        let mut states = 0;
        for &b in "sjefen min sjefene en sjef".as_bytes() {
            sid = nfa.next_state(Anchored::No, sid, b);
            if nfa.is_match(sid) {
                let (one, rest) = nfa.match_ids(sid);
                let at_once: Vec<u32> = std::iter::once(one).chain(rest.iter().copied()).collect();
                let one_by_one: Vec<u32> = (0..nfa.match_len(sid))
                    .map(|k| nfa.match_pattern(sid, k).as_u32())
                    .collect();
                assert_eq!(at_once, one_by_one);
                states += usize::from(!rest.is_empty());
            }
        }
        assert!(states > 0, "no state with more than one match");
    }

    #[test]
    fn the_word_cursor_finds_what_the_reference_finds() {
        let lexicons = [
            ("sjef", vec!["sjef*", "*sjef", "sjefen min", "min sjef"]),
            ("open", vec!["*udugelig*", "idiot*", "*leder"]),
            ("marks", vec!["!!!", "😊", "?!", "-", "«"]),
            (
                "words",
                vec!["i dag", "helt", "en", "e", "mange familier i oslo"],
            ),
        ];
        let named: Vec<(String, Vec<String>)> = lexicons
            .iter()
            .map(|(n, v)| (n.to_string(), v.iter().map(|s| s.to_string()).collect()))
            .collect();
        let set = crate::lexicon::LexiconSet::build(&named).expect("test lexicons build");
        let m = &set.matcher;
        for text in [
            "",
            "!!!",
            "😊😊 !!!",
            "Sjefen min er en idiot, drittsjefen og teamleder-sjefen er helt udugelige!!!",
            "  sjef  sjef-sjef sjefsjef ?! «idiot» e e e en en i dag i dagen",
            "Jeg er enig i at dette er en viktig sak for mange familier i Oslo. Min sjef!",
            "aaa-sjef.sjef,sjef;😊sjef😊 ubrukelig udugeligheten 12sjef34",
        ] {
            let folded = Normalized::new(text);
            let words = Words::new(folded.as_str());
            assert_eq!(m.scan(&words), reference_scan(m, &words), "{text:?}");
        }
    }

    #[test]
    fn the_word_cursor_finds_what_the_reference_finds_with_the_built_in_lexicons() {
        let engine = crate::Engine::default_policy();
        let named = engine.policy().named_lexicons();
        let set = crate::lexicon::LexiconSet::build(&named).expect("the built-in lexicons build");
        let m = &set.matcher;
        // Every development comment (one JSON line each; the raw line is text enough).
        let lines = include_str!("../../../tests/eval/dev.jsonl").lines();
        let mut hits = 0;
        for text in lines.chain(include_str!("../../../tests/eval/dev2.jsonl").lines()) {
            let folded = Normalized::new(text);
            let words = Words::new(folded.as_str());
            let found = m.scan(&words);
            hits += found.len();
            assert_eq!(found, reference_scan(m, &words), "{text:?}");
        }
        assert!(hits > 1000, "{hits} hits");
    }
}
