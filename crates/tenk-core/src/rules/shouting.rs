//! Strong emotion in the form of the text: a run of exclamation marks («!!!») or several words
//! in capitals («DETTE ER HELT SYKT»). Words that are written in capitals anyway (NAV, NRK)
//! are listed in a policy lexicon and do not count.

use super::Scan;
use crate::lexicon::LexiconId;

/// A compiled `shouting` detector.
#[derive(Debug, Clone)]
pub struct Shouting {
    /// A run of this many `!` (with `?` and `1` mixed in) fires.
    pub min_exclamations: Option<usize>,
    /// This many words in capitals fire.
    pub min_caps_words: Option<usize>,
    /// Words that do not count as shouting.
    pub exempt: Option<LexiconId>,
}

impl Shouting {
    /// Original byte ranges of each exclamation run and of the capitals, if enough.
    pub fn run(&self, scan: &Scan<'_>) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        if let Some(min) = self.min_exclamations {
            let bytes = scan.original.as_bytes();
            let mut i = 0;
            while i < bytes.len() {
                if bytes[i] != b'!' {
                    i += 1;
                    continue;
                }
                let start = i;
                let mut bangs = 0;
                while i < bytes.len() && matches!(bytes[i], b'!' | b'?' | b'1') {
                    bangs += usize::from(bytes[i] == b'!');
                    i += 1;
                }
                if bangs >= min {
                    out.push((start, i));
                }
            }
        }
        if let Some(min) = self.min_caps_words {
            let caps: Vec<(usize, usize)> = (0..scan.words.len())
                .filter_map(|w| {
                    let (s, e) = scan.words.span(w);
                    let exempt = scan
                        .hits
                        .iter()
                        .any(|h| Some(h.lexicon) == self.exempt && h.start <= s && e <= h.end);
                    let (os, oe) = scan.original_range(s, e);
                    let word = &scan.original[os..oe];
                    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
                    let shouted = letters >= 2 && word.chars().all(|c| !c.is_lowercase());
                    (shouted && !exempt).then_some((os, oe))
                })
                .collect();
            if caps.len() >= min {
                out.push((caps[0].0, caps[caps.len() - 1].1));
            }
        }
        out
    }
}
