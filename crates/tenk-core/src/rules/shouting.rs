//! Strong emotion in the form of the text: a run of exclamation marks («!!!») or several words
//! in capitals («DETTE ER HELT SYKT»). Words that are written in capitals anyway (NAV, NRK)
//! are listed in a policy lexicon and do not count. Joy is loud too («Hurra!!! Vi vant!!!»,
//! «GRATULERER MED DAGEN»): a run or the capitals with a hit of an `unless_near` lexicon within
//! `unless_window` words is no anger and does not count.

use super::Scan;
use crate::lexicon::LexiconId;
use crate::text::sub;

/// A compiled `shouting` detector.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shouting {
    /// A run of this many `!` (with `?` and `1` mixed in) fires.
    pub min_exclamations: Option<usize>,
    /// This many words in capitals fire.
    pub min_caps_words: Option<usize>,
    /// Words that do not count as shouting.
    pub exempt: Option<LexiconId>,
    /// Lexicons (joy, congratulations) that silence a run or the capitals near them.
    pub unless_near: Vec<LexiconId>,
    /// Reach of `unless_near`, in words.
    pub unless_window: usize,
}

impl Shouting {
    /// Appends to `out` the original byte ranges of each exclamation run and of the capitals, if
    /// enough.
    pub fn run(&self, scan: &Scan<'_>, out: &mut Vec<(usize, usize)>) {
        // Whether a hit of `unless_near` stands within reach of the words `first..=last`.
        let joyful = |first: usize, last: usize| {
            !self.unless_near.is_empty()
                && !scan.words.is_empty()
                && scan.any_within(&self.unless_near, first, last, self.unless_window)
        };
        if let Some(min) = self.min_exclamations {
            // The folded view: ASCII punctuation is copied one for one, and its offsets give
            // the words around a run for `unless_near`.
            let bytes = scan.folded.as_str().as_bytes();
            let mut i = 0;
            while i < bytes.len() {
                // To the next '!' in one search, eight bytes at a time.
                match crate::bytes::find_byte(bytes, i, b'!') {
                    Some(k) => i = k,
                    None => break,
                }
                let start = i;
                let mut bangs = 0;
                while i < bytes.len() && matches!(bytes[i], b'!' | b'?' | b'1') {
                    bangs += usize::from(bytes[i] == b'!');
                    i += 1;
                }
                if bangs >= min {
                    let w = scan.words.word_index(start);
                    let next = (w + 1).min(scan.words.len().saturating_sub(1));
                    if !joyful(w, next) {
                        out.push(scan.original_range(start, i));
                    }
                }
            }
        }
        if let Some(min) = self.min_caps_words {
            // Exempt hits in start order, each with the furthest end so far: a word lies inside
            // one exactly when the furthest end among those starting at or before it reaches
            // its end. One binary search per word; scanning every exempt hit for every word
            // made a long text full of «NAV» quadratic (512 KB took 46 s).
            let exempt: Vec<(usize, usize)> = match self.exempt {
                Some(l) => scan
                    .hits_in(l)
                    .iter()
                    .scan(0, |furthest, h| {
                        *furthest = (*furthest).max(h.end);
                        Some((h.start, *furthest))
                    })
                    .collect(),
                None => Vec::new(),
            };
            // Words map to the original in one walk (two cursors, start and end); most
            // start with an ASCII lower-case letter and are dropped before their end is mapped.
            // A plain loop that keeps only the first start, the last end and the count: the
            // WebAssembly build (`opt-level = "z"`) called a closure per word to fill a list.
            let (mut a, mut b) = (0, 0);
            let original = scan.original.as_bytes();
            let (mut first, mut last, mut count) = (0, 0, 0);
            let (mut first_word, mut last_word) = (0, 0);
            for w in 0..scan.words.len() {
                let (s, e) = scan.words.span(w);
                let os = scan.folded.source_from(s, &mut a).0;
                if original[os].is_ascii_lowercase() {
                    continue;
                }
                let oe = scan.folded.source_from(e - 1, &mut b).1;
                let word = sub(scan.original, os..oe);
                // Cheap test first: most words have a lower-case letter.
                if word.chars().any(char::is_lowercase)
                    || word.chars().filter(|c| c.is_alphabetic()).count() < 2
                {
                    continue;
                }
                let before = exempt.partition_point(|&(hs, _)| hs <= s);
                if before > 0 && e <= exempt[before - 1].1 {
                    continue;
                }
                if count == 0 {
                    first = os;
                    first_word = w;
                }
                last = oe;
                last_word = w;
                count += 1;
            }
            // `min_caps_words = 0` in a policy must not point at anything when no word is in
            // capitals (it once indexed an empty list and panicked on any such text).
            if count > 0 && count >= min && !joyful(first_word, last_word) {
                out.push((first, last));
            }
        }
    }
}
