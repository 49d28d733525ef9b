//! Named word lists matched in one pass with Aho-Corasick over the folded text.
//!
//! A policy names its lexicons (`insult`, `colleague`, `negation`, …) and lists entries in
//! either written standard. An entry is one word or a phrase, and a `*` at either end opens
//! that end to the rest of the word, which is how inflections and compounds are covered
//! without listing each form:
//!
//! | entry      | matches                                   | because                        |
//! |------------|-------------------------------------------|--------------------------------|
//! | `dust`     | «dust», not «dusten», not «industri»      | whole word                     |
//! | `idiot*`   | «idioten», «idiotleiar», «idiotiske»      | word starts with the stem      |
//! | `*sjef`    | «drittsjef», «avdelingssjef»              | word ends with the stem        |
//! | `*idiot*`  | «kjempeidiotane»                          | the stem anywhere in a word    |
//!
//! Every entry of every lexicon goes into one automaton, built once per engine. Scanning
//! reports each hit with its lexicon, the folded byte range widened to whole words, and the
//! word indices it spans (for co-occurrence windows).

use crate::matcher::Matcher;
use crate::normalize::{fold, is_word_char};
use crate::text::sub;

/// Index of a lexicon in its [`LexiconSet`].
pub type LexiconId = usize;

/// How a pattern's ends may touch the rest of a word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Entry {
    pub(crate) lexicon: LexiconId,
    /// `*stem`: letters may precede the match in the same word.
    pub(crate) open_left: bool,
    /// `stem*`: letters may follow the match in the same word.
    pub(crate) open_right: bool,
}

/// A policy's lexicons folded and deduplicated, ready for the automaton: what
/// [`LexiconSet::build`] computes before building it, and what the compiled built-in policy
/// stores (`crate::compiled`), so that starting the engine in the browser skips folding
/// thousands of entries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Prepared {
    /// Lexicon names; a name's index is its [`LexiconId`].
    pub(crate) names: Vec<String>,
    /// Distinct folded patterns, in the order the automaton numbers them.
    pub(crate) patterns: Vec<String>,
    /// The entries of each pattern (same index).
    pub(crate) entries: Vec<Vec<Entry>>,
}

impl Prepared {
    /// Drops every entry whose hits another, shorter pattern of the same lexicon already
    /// makes, and the patterns left without entries (for the compiled built-in policy: fewer
    /// patterns to store and to build the automaton from, the same hits).
    ///
    /// An entry of pattern `p` is covered by an entry of a pattern `q` of the same lexicon
    /// when either
    /// - `q` begins `p`, is open on the right, ends in a letter or digit, and what `p` has
    ///   after it is all letters and digits («idiotene» is covered by «idiot*»), or
    /// - `q` ends `p`, is open on the left, begins with a letter or digit, and what `p` has
    ///   before it is all letters and digits («drittsjef» by «*sjef»),
    ///
    /// and on its other side `q` is as open as `p`, or more open where that end of `p` is a
    /// letter or digit. Then wherever `p`'s entry makes a hit, `q` matches inside the same
    /// word and its hit widens to the same range (a word is a run of letters and digits, see
    /// [`Words`]); hits are kept once per lexicon and range ([`LexiconSet::scan`]), so the
    /// scan's result is the same. A covering entry is strictly shorter, so a chain of covers
    /// ends in an entry that is kept.
    pub(crate) fn without_covered_entries(self) -> Prepared {
        let index: std::collections::HashMap<&str, usize> = self
            .patterns
            .iter()
            .enumerate()
            .map(|(i, p)| (p.as_str(), i))
            .collect();
        let has = |q: &str, lexicon: LexiconId, open: &dyn Fn(&Entry) -> bool| {
            index.get(q).is_some_and(|&j| {
                self.entries[j]
                    .iter()
                    .any(|e| e.lexicon == lexicon && open(e))
            })
        };
        let all_word = |s: &str| s.chars().all(is_word_char);
        let mut kept: Vec<Vec<Entry>> = Vec::with_capacity(self.entries.len());
        for (p, entries) in self.patterns.iter().zip(&self.entries) {
            let first_word = p.chars().next().is_some_and(is_word_char);
            let last_word = p.chars().next_back().is_some_and(is_word_char);
            let covered = |entry: &Entry| {
                p.char_indices().skip(1).any(|(k, _)| {
                    let (head, tail) = p.split_at(k);
                    let by_prefix = all_word(tail)
                        && head.chars().next_back().is_some_and(is_word_char)
                        && has(head, entry.lexicon, &|e| {
                            e.open_right
                                && (e.open_left == entry.open_left || e.open_left && first_word)
                        });
                    let by_suffix = all_word(head)
                        && tail.chars().next().is_some_and(is_word_char)
                        && has(tail, entry.lexicon, &|e| {
                            e.open_left
                                && (e.open_right == entry.open_right || e.open_right && last_word)
                        });
                    by_prefix || by_suffix
                })
            };
            kept.push(entries.iter().copied().filter(|e| !covered(e)).collect());
        }
        let (patterns, entries) = self
            .patterns
            .into_iter()
            .zip(kept)
            .filter(|(_, entries)| !entries.is_empty())
            .unzip();
        Prepared {
            names: self.names,
            patterns,
            entries,
        }
    }
}

/// One lexicon match in the folded text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// Which lexicon matched.
    pub lexicon: LexiconId,
    /// Folded byte range, widened to whole words when an end was open.
    pub start: usize,
    /// End of the folded byte range.
    pub end: usize,
    /// Index of the first word the hit covers.
    pub first_word: usize,
    /// Index of the last word the hit covers.
    pub last_word: usize,
}

/// All lexicons of a policy, compiled into one automaton.
#[derive(Debug, Clone)]
pub struct LexiconSet {
    names: Vec<String>,
    /// The automaton over every distinct folded pattern, with each pattern's entries.
    pub(crate) matcher: Matcher,
}

/// A lexicon entry that cannot be compiled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LexiconError {
    /// The lexicon's name.
    pub lexicon: String,
    /// What is wrong, as one sentence.
    pub message: String,
}

/// The entry as typed on a keyboard without å and ø: «pa jobben», «darlig» («ae», «oe» and
/// «aa» already fold like æ, ø and å). Only entries of several words or of at least six
/// letters get one, so that short words do not turn into others («bør» → «bor», «får» →
/// «far»).
fn plain_spelling(entry: &str) -> Option<String> {
    if !entry.contains(['å', 'Å', 'ø', 'Ø']) {
        return None;
    }
    let plain: String = entry
        .chars()
        .map(|c| match c {
            'å' | 'Å' => 'a',
            'ø' | 'Ø' => 'o',
            c => c,
        })
        .collect();
    (plain.as_bytes().contains(&b' ') || plain.chars().count() >= 6).then_some(plain)
}

impl LexiconSet {
    /// Compiles named lexicons. Fails on an empty lexicon or an empty entry. Entries without
    /// letters (an emoji such as 📸) match anywhere.
    pub fn build(lexicons: &[(String, Vec<String>)]) -> Result<LexiconSet, LexiconError> {
        let Prepared {
            names,
            patterns,
            entries,
        } = LexiconSet::prepare(lexicons)?;
        LexiconSet::from_parts(names, &patterns, entries)
    }

    /// Folds and deduplicates the entries of named lexicons (everything [`LexiconSet::build`]
    /// does before the automaton).
    pub(crate) fn prepare(lexicons: &[(String, Vec<String>)]) -> Result<Prepared, LexiconError> {
        let mut names = Vec::with_capacity(lexicons.len());
        let mut patterns: Vec<String> = Vec::new();
        let mut entries: Vec<Vec<Entry>> = Vec::new();
        // Each distinct pattern's slot + 1, by its hash, probed linearly (0: free). Not a
        // `HashMap`: its code (hashbrown, SipHash) would cost the WebAssembly ≈ 1.8 KB gzipped
        // for this alone. At most two patterns per entry, so at most half full.
        let most = 2 * lexicons.iter().map(|(_, w)| w.len()).sum::<usize>();
        let mask = (2 * most).next_power_of_two() - 1;
        let mut index = vec![0u32; mask + 1];
        for (id, (name, words)) in lexicons.iter().enumerate() {
            names.push(name.clone());
            if words.is_empty() {
                return Err(LexiconError {
                    lexicon: name.clone(),
                    message: "the lexicon is empty".into(),
                });
            }
            for raw in words {
                let open_left = raw.starts_with('*');
                let open_right = raw.len() > 1 && raw.ends_with('*');
                let core = raw.trim_matches('*');
                let folded = fold(core.trim());
                if folded.trim().is_empty() {
                    return Err(LexiconError {
                        lexicon: name.clone(),
                        message: format!("the entry «{raw}» is empty"),
                    });
                }
                let entry = Entry {
                    lexicon: id,
                    open_left,
                    open_right,
                };
                let plain = plain_spelling(core.trim()).map(|p| fold(&p));
                for pattern in std::iter::once(folded).chain(plain) {
                    let mut at = crate::model::feature_hash(&pattern) as usize & mask;
                    let slot = loop {
                        match index[at] as usize {
                            0 => {
                                patterns.push(pattern);
                                entries.push(Vec::new());
                                index[at] = patterns.len() as u32;
                                break patterns.len() - 1;
                            }
                            s if patterns[s - 1] == pattern => break s - 1,
                            _ => at = (at + 1) & mask,
                        }
                    };
                    if !entries[slot].contains(&entry) {
                        entries[slot].push(entry);
                    }
                }
            }
        }
        Ok(Prepared {
            names,
            patterns,
            entries,
        })
    }

    /// Builds the automaton over prepared lexicons (the parts of a [`Prepared`]; the patterns
    /// may be borrowed from the compiled policy's text).
    ///
    /// The automaton is always a contiguous NFA without a prefilter (see [`Matcher`]): what
    /// the crate's automatic choice is for the built-in policy (thousands of patterns: no DFA,
    /// no prefilter applies), so the WebAssembly build carries neither the DFA nor the
    /// prefilters' code.
    pub(crate) fn from_parts<P: AsRef<[u8]>>(
        names: Vec<String>,
        patterns: &[P],
        entries: Vec<Vec<Entry>>,
    ) -> Result<LexiconSet, LexiconError> {
        let matcher = Matcher::build(patterns, entries).map_err(|e| LexiconError {
            lexicon: String::new(),
            message: format!("cannot build the matcher: {e}"),
        })?;
        Ok(LexiconSet { names, matcher })
    }

    /// The lexicon with this name.
    pub fn id(&self, name: &str) -> Option<LexiconId> {
        self.names.iter().position(|n| n == name)
    }

    /// Raw automaton matches in `text` before word-boundary checks (for profiling).
    pub fn raw_matches(&self, text: &str) -> usize {
        self.matcher.raw_matches(text)
    }

    /// Heap memory used by the compiled automaton, in bytes.
    pub fn memory_usage(&self) -> usize {
        self.matcher.memory_usage()
    }

    /// Names of all lexicons, in policy order.
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// Every hit in `words.text`, deduplicated per lexicon and range, ordered by start.
    pub fn scan(&self, words: &Words<'_>) -> Vec<Hit> {
        self.matcher.scan(words)
    }
}

/// [`ASCII_CLASS`]: an ASCII byte that is not a letter or digit.
const NOT_WORD: u8 = 0;
/// [`ASCII_CLASS`]: an ASCII letter or digit.
const WORD: u8 = 1;
/// [`ASCII_CLASS`]: a byte of a non-ASCII character (decode it).
const OTHER: u8 = 2;

/// Every byte's class, for splitting words without decoding ASCII.
static ASCII_CLASS: [u8; 256] = {
    let mut t = [OTHER; 256];
    let mut b = 0;
    while b < 128 {
        t[b] = if (b as u8).is_ascii_alphanumeric() {
            WORD
        } else {
            NOT_WORD
        };
        b += 1;
    }
    t
};

/// The words of a folded text: where each starts and ends, for word distances.
#[derive(Debug, Clone)]
pub struct Words<'a> {
    /// The folded text.
    pub text: &'a str,
    /// Byte ranges of the words, in order.
    spans: Vec<(usize, usize)>,
}

impl<'a> Words<'a> {
    /// Splits the folded `text` into words.
    ///
    /// Eight ASCII bytes at a time where it can (the letters and digits among them found by
    /// one word test, the word edges as the bits where that changes); a character that is not
    /// ASCII is decoded and tested alone.
    pub fn new(text: &'a str) -> Words<'a> {
        let mut spans = Vec::with_capacity(text.len() / 4);
        let bytes = text.as_bytes();
        let n = bytes.len();
        // Inside a word since `start`.
        let mut in_word = false;
        let mut start = 0;
        let mut i = 0;
        while i < n {
            if let Some(chunk) = bytes.get(i..i + 8) {
                // Eight bytes by `get`; no panic path (see `bytes::find`).
                let chunk: [u8; 8] = chunk.try_into().unwrap_or([0; 8]);
                if let Some(word) = crate::bytes::alnum_bits(chunk) {
                    // Bit `8 k` set where byte `k` differs from the byte before it.
                    let mut edges = word ^ ((word << 8) | u64::from(in_word));
                    while edges != 0 {
                        let at = i + (edges.trailing_zeros() / 8) as usize;
                        if in_word {
                            spans.push((start, at));
                        } else {
                            start = at;
                        }
                        in_word = !in_word;
                        edges &= edges - 1;
                    }
                    i += 8;
                    continue;
                }
            }
            // One character alone: ASCII by table, anything else decoded.
            let (word, len) = match ASCII_CLASS[usize::from(bytes[i])] {
                NOT_WORD => (false, 1),
                WORD => (true, 1),
                _ => {
                    let c = sub(text, i..)
                        .chars()
                        .next()
                        .expect("a character starts here");
                    (is_word_char(c), c.len_utf8())
                }
            };
            if word != in_word {
                if in_word {
                    spans.push((start, i));
                } else {
                    start = i;
                }
                in_word = word;
            }
            i += len;
        }
        if in_word {
            spans.push((start, n));
        }
        Words { text, spans }
    }

    /// Number of words.
    pub fn len(&self) -> usize {
        self.spans.len()
    }

    /// Whether the text has no words.
    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    /// Byte range of word `i`. Inlined, and indexing the slice rather than the `Vec` (a call
    /// in the WebAssembly build): about two thousand calls per 2,000-character comment.
    #[inline(always)]
    pub fn span(&self, i: usize) -> (usize, usize) {
        self.spans.as_slice()[i]
    }

    /// Byte ranges of all words, in order.
    pub(crate) fn spans(&self) -> &[(usize, usize)] {
        &self.spans
    }

    /// Index of the word containing `byte`, or of the last word starting before it.
    pub fn word_index(&self, byte: usize) -> usize {
        match self.spans.binary_search_by(|(s, _)| s.cmp(&byte)) {
            Ok(i) => i,
            Err(0) => 0,
            Err(i) => i - 1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(entries: &[&str]) -> LexiconSet {
        LexiconSet::build(&[("l".into(), entries.iter().map(|s| s.to_string()).collect())]).unwrap()
    }

    fn matches(entries: &[&str], text: &str) -> Vec<String> {
        let folded = fold(text);
        let words = Words::new(&folded);
        set(entries)
            .scan(&words)
            .iter()
            .map(|h| folded[h.start..h.end].to_string())
            .collect()
    }

    #[test]
    fn entry_forms_table() {
        let cases: &[(&str, &[&str], &str, &[&str])] = &[
            ("whole word", &["dust"], "for en dust", &["dust"]),
            ("whole word, not inflected", &["dust"], "dusten", &[]),
            ("whole word, not inside", &["dust"], "industri", &[]),
            ("prefix: inflection", &["idiot*"], "Idioten!", &["idioten"]),
            (
                "prefix: compound",
                &["idiot*"],
                "ein idiotleiar",
                &["idiotleiar"],
            ),
            ("prefix is not suffix", &["idiot*"], "kjempeidiot", &[]),
            ("suffix: compound", &["*sjef"], "drittsjef", &["drittsjef"]),
            ("suffix is not prefix", &["*sjef"], "sjefen", &[]),
            ("infix", &["*idiot*"], "kjempeidiotane", &["kjempeidiotane"]),
            (
                "phrase",
                &["sjefen min"],
                "Sjefen  min er grei",
                &["sjefen min"],
            ),
            (
                "phrase with open end",
                &["sjefen v*"],
                "Sjefen vår",
                &["sjefen vaar"],
            ),
            ("folded spelling", &["blø*"], "bloedig", &["bloedig"]),
            (
                "punctuation entry",
                &["saksnr."],
                "saksnr. 12",
                &["saksnr."],
            ),
            (
                "typed without å and ø",
                &["på jobben", "håpløs*"],
                "sjefen pa jobben er haplos",
                &["pa jobben", "haplos"],
            ),
            (
                "a short word keeps its letters",
                &["bør"],
                "hun bor her",
                &[],
            ),
            (
                "soft hyphen in text",
                &["lojal*"],
                "lo\u{ad}jalitet",
                &["lojalitet"],
            ),
        ];
        for (name, entries, text, expected) in cases {
            assert_eq!(matches(entries, text), *expected, "{name}");
        }
    }

    #[test]
    fn word_indices() {
        let folded = fold("Hei, sjefen min er en idiot");
        let words = Words::new(&folded);
        let hits = set(&["sjefen min", "idiot"]).scan(&words);
        assert_eq!((hits[0].first_word, hits[0].last_word), (1, 2));
        assert_eq!((hits[1].first_word, hits[1].last_word), (5, 5));
    }

    #[test]
    fn empty_lexicon_and_empty_entry_are_errors() {
        assert!(LexiconSet::build(&[("x".into(), vec![])]).is_err());
        assert!(LexiconSet::build(&[("x".into(), vec!["*".into()])]).is_err());
    }
    /// Dropping covered entries leaves every scan's hits as they were: small cases of each
    /// rule (and of what must not count as covered), then the built-in policy, scanned on
    /// every dropped pattern alone, glued to letters, beside punctuation and inside words.
    #[test]
    fn covered_entries_make_no_hits_of_their_own() {
        let lexicons = |entries: &[&str]| {
            vec![(
                "a".to_string(),
                entries.iter().map(|e| e.to_string()).collect::<Vec<_>>(),
            )]
        };
        let kept = |entries: &[&str]| {
            let p = LexiconSet::prepare(&lexicons(entries)).unwrap();
            p.without_covered_entries().patterns
        };
        assert_eq!(
            kept(&["idiot*", "idiotene", "idioten*", "*idiotar"]),
            ["idiot*".trim_end_matches('*'), "idiotar"]
        );
        assert_eq!(
            kept(&["*sjef", "drittsjef", "*drittsjef*"]),
            ["sjef", "drittsjef"]
        );
        // Not covered: a space or a hyphen after the stem, a stem closed on the right, a
        // stem less open on the other side, another lexicon.
        assert_eq!(kept(&["idiot*", "idiot sjef"]).len(), 2);
        assert_eq!(kept(&["idiot*", "idiot-sjef"]).len(), 2);
        assert_eq!(kept(&["idiot", "idioten"]).len(), 2);
        assert_eq!(kept(&["idiot*", "*idioten"]).len(), 2);
        let two = vec![
            ("a".to_string(), vec!["idiot*".to_string()]),
            ("b".to_string(), vec!["idioten".to_string()]),
        ];
        assert_eq!(
            LexiconSet::prepare(&two)
                .unwrap()
                .without_covered_entries()
                .patterns
                .len(),
            2
        );

        let named = default_named_lexicons();
        let all = LexiconSet::prepare(&named).unwrap();
        let pruned = all.clone().without_covered_entries();
        let dropped: usize = all.entries.iter().map(Vec::len).sum::<usize>()
            - pruned.entries.iter().map(Vec::len).sum::<usize>();
        assert!(
            dropped > 100,
            "the built-in policy has covered entries ({dropped})"
        );
        let kept: std::collections::HashMap<&str, &Vec<Entry>> = pruned
            .patterns
            .iter()
            .map(String::as_str)
            .zip(&pruned.entries)
            .collect();
        let mut pieces: Vec<&str> = all
            .patterns
            .iter()
            .zip(&all.entries)
            .filter(|(p, e)| kept.get(p.as_str()) != Some(e))
            .map(|(p, _)| p.as_str())
            .collect();
        pieces.extend(["ikke", "x", "9"]);
        let build = |p: &Prepared| {
            LexiconSet::from_parts(p.names.clone(), &p.patterns, p.entries.clone()).unwrap()
        };
        let (a, b) = (build(&all), build(&pruned));
        let mut text = String::new();
        for (i, p) in pieces.iter().enumerate() {
            let q = pieces[(i * 7 + 3) % pieces.len()];
            for (before, after) in [
                (" ", " "),
                ("x", " "),
                (" ", "x"),
                ("xy", "ab"),
                ("«", "»!"),
                ("-", "."),
            ] {
                text.push_str(before);
                text.push_str(p);
                text.push_str(after);
            }
            text.push_str(p);
            text.push_str(q);
            text.push(' ');
            text.push_str(q);
            text.push_str(p);
            text.push('\n');
        }
        let words = Words::new(&text);
        let (ha, hb) = (a.scan(&words), b.scan(&words));
        assert!(ha.len() > 10 * dropped);
        assert_eq!(ha, hb);
    }
    /// The built-in policy's lexicons as `prepare` takes them: (name, entries).
    fn default_named_lexicons() -> Vec<(String, Vec<String>)> {
        crate::Policy::parse(crate::engine::DEFAULT_POLICY)
            .unwrap()
            .named_lexicons()
    }

    /// `prepare`'s own hash table gives what a `HashMap` gives: the distinct patterns in the
    /// order they first appear, each with its distinct entries in order.
    #[test]
    fn prepare_numbers_patterns_by_first_appearance() {
        let named = default_named_lexicons();
        let ours = LexiconSet::prepare(&named).unwrap();
        let mut patterns: Vec<String> = Vec::new();
        let mut entries: Vec<Vec<Entry>> = Vec::new();
        let mut index: std::collections::HashMap<String, usize> = Default::default();
        for (id, (_, words)) in named.iter().enumerate() {
            for raw in words {
                let core = raw.trim_matches('*');
                let entry = Entry {
                    lexicon: id,
                    open_left: raw.starts_with('*'),
                    open_right: raw.len() > 1 && raw.ends_with('*'),
                };
                let plain = plain_spelling(core.trim()).map(|p| fold(&p));
                for pattern in std::iter::once(fold(core.trim())).chain(plain) {
                    let slot = *index.entry(pattern.clone()).or_insert_with(|| {
                        patterns.push(pattern);
                        entries.push(Vec::new());
                        entries.len() - 1
                    });
                    if !entries[slot].contains(&entry) {
                        entries[slot].push(entry);
                    }
                }
            }
        }
        assert!(patterns.len() > 5000);
        assert_eq!(ours.patterns, patterns);
        assert_eq!(ours.entries, entries);
    }
}
