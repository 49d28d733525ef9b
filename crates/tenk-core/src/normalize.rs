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

use crate::marks::{compose, is_combining_mark};
use crate::text::sub;

/// The folded text and its map back to the original.
#[derive(Debug, Clone)]
pub struct Normalized {
    text: String,
    /// The map back to the original, as pieces ordered by their first folded byte.
    pieces: Vec<Piece>,
}

/// Where a stretch of folded bytes came from. Folded bytes `folded..` up to the next piece
/// come either one for one from original bytes `start..` (`identity`: ASCII letters, digits,
/// punctuation and single white space, the bulk of any text), or all from the one original
/// character `start..end` (with its combining marks, or a run of white space merged into one).
/// One piece per stretch instead of two offsets per byte keeps folding ASCII a plain copy.
#[derive(Debug, Clone, Copy)]
struct Piece {
    folded: u32,
    start: u32,
    end: u32,
    identity: bool,
}

impl Normalized {
    /// Folds `original`.
    pub fn new(original: &str) -> Normalized {
        let mut n = Builder {
            text: Vec::with_capacity(original.len() + 8),
            pieces: Vec::with_capacity(original.len() / 8 + 1),
            identity_at: None,
        };
        let bytes = original.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            // Fast path: a run of ASCII characters, each not followed by a (non-ASCII)
            // combining mark. The last ASCII byte before a non-ASCII one takes the slow path,
            // unless that character is below U+0300 (lead byte below 0xCC: «æ», «ø», «å»),
            // where no combining mark is.
            let run = crate::bytes::find_non_ascii(bytes, i).map(|k| k - i);
            let fast_end = match run {
                None => bytes.len(),
                Some(0) => i,
                Some(k) if bytes[i + k] < 0xCC => i + k,
                Some(k) => i + k - 1,
            };
            if fast_end > i {
                n.push_ascii_run(bytes, i, fast_end);
                i = fast_end;
                continue;
            }
            // A letter U+00C0–U+00FF («æ», «ø», «å», accented vowels) followed by ASCII, so by
            // no combining mark, that folds by `fold_special`: what `push_folded` gives it
            // (none of them is white space or ignorable), without decoding two characters.
            if let [0xC3, b, rest @ ..] = &bytes[i..] {
                if rest.first().is_none_or(|&next| next < 0x80) {
                    if let Some(s) = fold_special(char::from(0xC0 | (b & 0x3F))) {
                        n.push_str(s, i, i + 2);
                        i += 2;
                        continue;
                    }
                }
            }
            i = n.push_char_at(original, i);
        }
        Normalized {
            // Only ASCII bytes and whole encoded characters were pushed.
            // (No `expect`: its message would print the error with `Debug`, which the
            // WebAssembly would then carry.)
            text: String::from_utf8(n.text)
                .unwrap_or_else(|_| unreachable!("the folded text is UTF-8")),
            pieces: n.pieces,
        }
    }

    /// The folded text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The original byte range covered by the folded byte range `start..end` (`start < end`).
    pub fn original_range(&self, start: usize, end: usize) -> (usize, usize) {
        (self.source(start).0, self.source(end - 1).1)
    }

    /// [`Normalized::original_range`] of many folded ranges in increasing order (each
    /// starting at or after the previous start, and ending at or after the previous end):
    /// one walk along the map instead of a search per range.
    pub fn original_ranges<'s, I>(&'s self, ranges: I) -> impl Iterator<Item = (usize, usize)> + 's
    where
        I: IntoIterator<Item = (usize, usize)>,
        I::IntoIter: 's,
    {
        let (mut a, mut b) = (0, 0);
        ranges.into_iter().map(move |(start, end)| {
            (
                self.source_from(start, &mut a).0,
                self.source_from(end - 1, &mut b).1,
            )
        })
    }

    /// The original character (byte range) folded byte `at` came from.
    fn source(&self, at: usize) -> (usize, usize) {
        let i = crate::text::partition_point(&self.pieces, |p| p.folded as usize <= at);
        self.source_in(i.checked_sub(1).expect("a piece starts at byte 0"), at)
    }

    /// The original character (byte range) folded byte `at` came from, walking forward from
    /// piece `*cursor` (start at 0; fastest for increasing `at`, any `at` is correct).
    pub(crate) fn source_from(&self, at: usize, cursor: &mut usize) -> (usize, usize) {
        if self
            .pieces
            .get(*cursor)
            .is_some_and(|p| p.folded as usize > at)
        {
            *cursor = 0;
        }
        while self
            .pieces
            .get(*cursor + 1)
            .is_some_and(|p| p.folded as usize <= at)
        {
            *cursor += 1;
        }
        self.source_in(*cursor, at)
    }

    #[inline(always)]
    fn source_in(&self, piece: usize, at: usize) -> (usize, usize) {
        let p = self.pieces.as_slice()[piece];
        if p.identity {
            let o = p.start as usize + (at - p.folded as usize);
            (o, o + 1)
        } else {
            (p.start as usize, p.end as usize)
        }
    }
}

/// The folded text while it is being written, as bytes (see [`Normalized::new`]).
struct Builder {
    text: Vec<u8>,
    pieces: Vec<Piece>,
    /// The original byte the next folded byte would come from if it continued the last
    /// piece one for one (`None` when the last piece is not an identity piece).
    identity_at: Option<usize>,
}

impl Builder {
    /// Folds the character at byte `i` of `original` (`i < original.len()`, on a character
    /// boundary) with the combining marks after it, and returns the byte after them: the slow
    /// path, one character at a time. Always inlined: the one call in [`Normalized::new`]'s
    /// loop stays as it was in the WebAssembly build.
    #[inline(always)]
    fn push_char_at(&mut self, original: &str, i: usize) -> usize {
        let mut chars = sub(original, i..).chars();
        let Some(mut c) = chars.next() else {
            return original.len();
        };
        let mut end = i + c.len_utf8();
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
        self.push_folded(c, i, end);
        end
    }

    /// Appends the ASCII bytes `from..to` of `bytes`: lower-cased, runs of white space merged.
    ///
    /// Stretches that need no merging (no white space right after white space) are copied
    /// through a lookup table in one go, as one identity piece each.
    fn push_ascii_run(&mut self, bytes: &[u8], from: usize, to: usize) {
        let mut i = from;
        let mut after_space = matches!(self.text.last(), Some(b' ' | b'\n'));
        while i < to {
            let mut j = i;
            while j < to {
                // Eight bytes at a time while no white space follows white space.
                if let Some(chunk) = bytes.get(j..(j + 8).min(to)) {
                    if let Ok(chunk) = <[u8; 8]>::try_from(chunk) {
                        let space = crate::bytes::space_bits(chunk);
                        if space & ((space << 8) | u64::from(after_space)) == 0 {
                            after_space = space >> 56 != 0;
                            j += 8;
                            continue;
                        }
                    }
                }
                let space = bytes[j].is_ascii_whitespace();
                if space && after_space {
                    break;
                }
                after_space = space;
                j += 1;
            }
            if j > i {
                if self.identity_at != Some(i) {
                    self.pieces.push(Piece {
                        folded: self.text.len() as u32,
                        start: i as u32,
                        end: 0,
                        identity: true,
                    });
                }
                push_folded_ascii(&mut self.text, &bytes[i..j]);
                self.identity_at = Some(j);
            }
            if j < to {
                // White space after white space joins it.
                self.merge_space(bytes[j] == b'\n', j + 1);
                j += 1;
            }
            i = j;
        }
    }

    /// Appends `s`, every byte of it from the original character `start..end`.
    fn push_str(&mut self, s: &str, start: usize, end: usize) {
        self.pieces.push(Piece {
            folded: self.text.len() as u32,
            start: start as u32,
            end: end as u32,
            identity: false,
        });
        self.text.extend_from_slice(s.as_bytes());
        self.identity_at = None;
    }

    fn push_folded(&mut self, c: char, start: usize, end: usize) {
        if c.is_ascii() {
            if c.is_ascii_whitespace() {
                self.push_space(c == '\n', start, end);
            } else {
                let mut buf = [0u8; 1];
                self.push_str(c.to_ascii_lowercase().encode_utf8(&mut buf), start, end);
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
        for lower in crate::lower::lowercase_chars(c) {
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
        // The text is UTF-8, so a last byte of b' ' or b'\n' is a last character of that.
        if matches!(self.text.last(), Some(b' ' | b'\n')) {
            self.merge_space(newline, end);
            return;
        }
        self.push_str(if newline { "\n" } else { " " }, start, end);
    }

    /// White space ending at original byte `end` joins the space or line break just written:
    /// that folded byte now reaches to `end`, and becomes a line break if this was one.
    fn merge_space(&mut self, newline: bool, end: usize) {
        let at = self.text.len() - 1;
        let last = self.pieces.last_mut().expect("a piece holds the last byte");
        if last.identity {
            let from = last.start + (at as u32 - last.folded);
            if last.folded as usize == at {
                *last = Piece {
                    folded: at as u32,
                    start: from,
                    end: end as u32,
                    identity: false,
                };
            } else {
                self.pieces.push(Piece {
                    folded: at as u32,
                    start: from,
                    end: end as u32,
                    identity: false,
                });
            }
        } else {
            last.end = end as u32;
        }
        self.identity_at = None;
        if newline && self.text.last() == Some(&b' ') {
            self.text.pop();
            self.text.push(b'\n');
        }
    }
}

/// Appends the ASCII bytes `src` folded by [`FOLD_ASCII`]: eight at a time, lower-cased by one
/// word operation ([`crate::bytes::lower_ascii`]), where they hold no tab, form feed or
/// carriage return (which fold to a space), byte by byte through the table otherwise.
fn push_folded_ascii(text: &mut Vec<u8>, src: &[u8]) {
    // The run's bytes are added at once and then written in place: one call for the run, where
    // `push` and `extend_from_slice` were a call per byte or per eight bytes in the WebAssembly
    // build. One loop, eight bytes or one a turn: the build stays as small as with the table
    // alone.
    let from = text.len();
    text.resize(from + src.len(), 0);
    let out = &mut text[from..];
    let mut i = 0;
    while let Some(&b) = src.get(i) {
        let eight = src
            .get(i..i + 8)
            .and_then(|c| crate::bytes::lower_ascii(c.try_into().unwrap_or([0; 8])));
        match eight {
            Some(lower) => {
                // An array store, not `copy_from_slice` (a call in the WebAssembly build).
                if let Some(Ok(to)) = out.get_mut(i..i + 8).map(<&mut [u8; 8]>::try_from) {
                    *to = lower;
                }
                i += 8;
            }
            None => {
                out[i] = FOLD_ASCII[usize::from(b)];
                i += 1;
            }
        }
    }
}

/// How each ASCII byte folds: lower case, white space to a space (a line break stays one).
static FOLD_ASCII: [u8; 128] = {
    let mut t = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = if c == b'\n' {
            b'\n'
        } else if c.is_ascii_whitespace() {
            b' '
        } else {
            c.to_ascii_lowercase()
        };
        b += 1;
    }
    t
};

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
    fn ascii_folds_eight_bytes_at_a_time_as_byte_by_byte() {
        for fill in [b'a', b'Z', b' ', b'\t', b'.'] {
            for len in [7, 8, 9, 16, 19] {
                for at in 0..len {
                    for v in 0..128u8 {
                        let mut src = vec![fill; len];
                        src[at] = v;
                        let mut text = Vec::new();
                        push_folded_ascii(&mut text, &src);
                        let expected: Vec<u8> =
                            src.iter().map(|&b| FOLD_ASCII[usize::from(b)]).collect();
                        assert_eq!(text, expected, "{v} at {at} of {len} in {fill}");
                    }
                }
            }
        }
    }

    /// Folding one character at a time (no ASCII fast path): the reference for the fast path.
    fn fold_slowly(original: &str) -> Normalized {
        let mut n = Builder {
            text: Vec::new(),
            pieces: Vec::new(),
            identity_at: None,
        };
        let mut i = 0;
        while i < original.len() {
            i = n.push_char_at(original, i);
        }
        Normalized {
            text: String::from_utf8(n.text).unwrap(),
            pieces: n.pieces,
        }
    }

    #[test]
    fn the_ascii_fast_path_folds_and_maps_as_one_character_at_a_time() {
        // Every sequence of three of these pieces, at every distance from the start (so the
        // eight-byte steps meet each at every offset): the folded text and where every folded
        // byte came from must be those of folding one character at a time.
        let pieces = [
            "a",
            "\u{c5}",
            "\u{c9}",
            "\u{ff}",
            "Q",
            " ",
            "  ",
            "\n",
            "\t",
            ".",
            "\u{e5}",
            "\u{d8}",
            "\u{e6}",
            "a\u{30a}",
            "\u{30a}",
            "\u{a0}",
            "\u{ad}",
            "\u{2019}",
            "\u{1f60a}",
            "\u{2013}",
            "o\u{338}",
        ];
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    for pad in 0..9 {
                        let text = format!("{}{a}{b}x{c}", "Ab ".repeat(pad));
                        let (fast, slow) = (Normalized::new(&text), fold_slowly(&text));
                        assert_eq!(fast.as_str(), slow.as_str(), "{text:?}");
                        for at in 0..fast.as_str().len() {
                            assert_eq!(fast.source(at), slow.source(at), "{text:?} at {at}");
                        }
                    }
                }
            }
        }
    }

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
        // The walking form agrees with one search per range (it restarts when a range goes
        // back, so every pair of character boundaries can be checked in one walk).
        let folded = n.as_str();
        let ranges: Vec<(usize, usize)> = (0..folded.len())
            .flat_map(|a| (a + 1..=folded.len()).map(move |b| (a, b)))
            .filter(|&(a, b)| folded.is_char_boundary(a) && folded.is_char_boundary(b))
            .collect();
        let walked: Vec<_> = n.original_ranges(ranges.iter().copied()).collect();
        let searched: Vec<_> = ranges
            .iter()
            .map(|&(a, b)| n.original_range(a, b))
            .collect();
        assert_eq!(walked, searched);
        // Half of a folded letter maps to the whole original letter.
        let (a, b) = n.original_range(s, s + 1);
        assert_eq!(&text[a..b], "Æ");
    }
}
