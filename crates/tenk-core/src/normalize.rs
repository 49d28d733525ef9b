//! A folded view of the text that lexicons are matched against, with a map back to the
//! original.
//!
//! People write the same word many ways: «Sjefen», «SJEFEN», «sjef\u{ad}en» (soft hyphen),
//! «lojalitet» with a zero-width space pasted in, «bloed» for «blød» on a keyboard without
//! `ø`, or `a` followed by a combining ring instead of a precomposed `å`. [`Normalized`] folds
//! them to one spelling so a lexicon needs each word once:
//!
//! - canonical composition (a letter and its combining marks become one character; marks
//!   that compose with nothing are dropped),
//! - lower case,
//! - `æ → ae`, `ø → oe`, `å → aa` (and `ä`, `ö`, accented vowels to their plain letters),
//! - soft hyphens and zero-width characters removed,
//! - every run of white space becomes one space (one line break if it held one), typographic apostrophes and dashes become
//!   ASCII.
//!
//! Every byte of the folded text remembers the byte range of the original character it came
//! from, so a match in the folded text maps back to exactly the original words.

use unicode_normalization::char::{compose, is_combining_mark};

/// The folded text and its map back to the original.
#[derive(Debug, Clone)]
pub struct Normalized {
    text: String,
    /// For each byte of `text`: start of the original character it came from.
    starts: Vec<u32>,
    /// For each byte of `text`: end of the original character (with its marks) it came from.
    ends: Vec<u32>,
}

impl Normalized {
    /// Folds `original`.
    pub fn new(original: &str) -> Normalized {
        let mut n = Normalized {
            text: String::with_capacity(original.len() + 8),
            starts: Vec::with_capacity(original.len() + 8),
            ends: Vec::with_capacity(original.len() + 8),
        };
        let bytes = original.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            // Fast path: an ASCII character not followed by a (non-ASCII) combining mark.
            if b < 0x80 && bytes.get(i + 1).is_none_or(|&next| next < 0x80) {
                if b.is_ascii_whitespace() {
                    n.push_space(b == b'\n', i, i + 1);
                } else {
                    n.text.push(b.to_ascii_lowercase() as char);
                    n.starts.push(i as u32);
                    n.ends.push(i as u32 + 1);
                }
                i += 1;
                continue;
            }
            let start = i;
            let mut chars = original[i..].chars();
            let Some(mut c) = chars.next() else { break };
            let mut end = start + c.len_utf8();
            // Canonical composition with following combining marks.
            for m in chars {
                if !is_combining_mark(m) {
                    break;
                }
                if let Some(composed) = compose(c, m) {
                    c = composed;
                }
                end += m.len_utf8();
            }
            n.push_folded(c, start, end);
            i = end;
        }
        n
    }

    /// The folded text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The original byte range covered by the folded byte range `start..end` (`start < end`).
    pub fn original_range(&self, start: usize, end: usize) -> (usize, usize) {
        (self.starts[start] as usize, self.ends[end - 1] as usize)
    }

    fn push_str(&mut self, s: &str, start: usize, end: usize) {
        self.text.push_str(s);
        for _ in 0..s.len() {
            self.starts.push(start as u32);
            self.ends.push(end as u32);
        }
    }

    fn push_folded(&mut self, c: char, start: usize, end: usize) {
        if c.is_ascii() {
            if c.is_ascii_whitespace() {
                self.push_space(c == '\n', start, end);
            } else {
                let lower = c.to_ascii_lowercase() as u8;
                self.text.push(lower as char);
                self.starts.push(start as u32);
                self.ends.push(end as u32);
            }
            return;
        }
        if is_ignorable(c) {
            return;
        }
        if c.is_whitespace() {
            self.push_space(matches!(c, '\u{2028}' | '\u{2029}'), start, end);
            return;
        }
        if let Some(s) = fold_special(c) {
            self.push_str(s, start, end);
            return;
        }
        for lower in c.to_lowercase() {
            match fold_special(lower) {
                Some(s) => self.push_str(s, start, end),
                None => {
                    let mut buf = [0u8; 4];
                    self.push_str(lower.encode_utf8(&mut buf), start, end);
                }
            }
        }
    }

    /// Appends one space (or one line break, which ends a sentence), merging runs of white
    /// space into the previous one.
    fn push_space(&mut self, newline: bool, start: usize, end: usize) {
        if self.text.ends_with([' ', '\n']) {
            if let Some(last) = self.ends.last_mut() {
                *last = end as u32;
            }
            if newline && self.text.ends_with(' ') {
                self.text.pop();
                self.text.push('\n');
            }
            return;
        }
        self.push_str(if newline { "\n" } else { " " }, start, end);
    }
}

/// Folds one pattern or word the way [`Normalized`] folds text.
pub fn fold(s: &str) -> String {
    Normalized::new(s).text
}

/// Characters that are invisible in the rendered text and only break matching.
fn is_ignorable(c: char) -> bool {
    matches!(
        c,
        '\u{ad}' | '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}'
    )
}

/// Letters and punctuation that fold to another spelling.
fn fold_special(c: char) -> Option<&'static str> {
    Some(match c {
        'æ' | 'Æ' | 'ä' | 'Ä' => "ae",
        'ø' | 'Ø' | 'ö' | 'Ö' => "oe",
        'å' | 'Å' => "aa",
        'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' | 'Ê' => "e",
        'á' | 'à' | 'â' | 'Á' | 'À' => "a",
        'ó' | 'ò' | 'ô' | 'Ó' | 'Ò' => "o",
        'ü' | 'ú' | 'ù' | 'Ü' => "u",
        'í' | 'ì' | 'î' => "i",
        '\u{2018}' | '\u{2019}' | '\u{201b}' | '\u{2032}' | '`' | '´' => "'",
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2212}' => "-",
        _ => return None,
    })
}

/// Whether `c` belongs to a word (letters and digits of any script).
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_table() {
        let cases: &[(&str, &str, &str)] = &[
            ("case", "SJEFEN Min", "sjefen min"),
            ("æøå", "Blø og Ærlig på Åsen", "bloe og aerlig paa aasen"),
            ("ae/oe/aa already folded", "bloe", "bloe"),
            ("soft hyphen", "sjef\u{ad}en", "sjefen"),
            ("zero-width space", "lo\u{200b}jal", "lojal"),
            ("combining ring composes to å", "pa\u{30a}", "paa"),
            ("combining stroke is dropped", "o\u{338}", "o"),
            ("white space runs", "a \t\u{a0} b", "a b"),
            ("line break survives a run", "a \n\n b", "a\nb"),
            ("typographic apostrophe", "Kari\u{2019}s", "kari's"),
            ("en dash", "NAV\u{2013}kontoret", "nav-kontoret"),
            ("accent", "idé", "ide"),
        ];
        for (name, input, expected) in cases {
            assert_eq!(fold(input), *expected, "{name}");
        }
    }

    #[test]
    fn maps_back_to_original_bytes() {
        let text = "😀 Sjef\u{ad}en ÆRLIG";
        let n = Normalized::new(text);
        let s = n.as_str().find("sjefen").unwrap();
        let (a, b) = n.original_range(s, s + "sjefen".len());
        assert_eq!(&text[a..b], "Sjef\u{ad}en");
        let s = n.as_str().find("aerlig").unwrap();
        let (a, b) = n.original_range(s, s + "aerlig".len());
        assert_eq!(&text[a..b], "ÆRLIG");
        // Half of a folded letter maps to the whole original letter.
        let (a, b) = n.original_range(s, s + 1);
        assert_eq!(&text[a..b], "Æ");
    }
}
