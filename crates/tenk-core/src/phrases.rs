//! Small tools for the strings a page hands us: finding a phrase whatever its case, on word
//! boundaries, and cleaning a name before the extension shows it.
//!
//! Page-supplied strings are untrusted. They are never interpreted here (no HTML, no
//! escaping: rendering them as text is the UI's job); they are only cut, trimmed and capped so
//! that what reaches the dialog is one tidy line.

/// A string folded to lower case, with a map back to byte offsets in the original.
///
/// Lower-casing can change a character's UTF-8 length, so offsets in the folded text are
/// mapped back through the start of each original character.
#[derive(Debug, Clone)]
pub(crate) struct Folded<'a> {
    original: &'a str,
    folded: String,
    /// `(folded byte offset, original byte offset)` at the start of each original character.
    starts: Vec<(usize, usize)>,
}

impl<'a> Folded<'a> {
    /// Folds `original` to lower case.
    pub(crate) fn new(original: &'a str) -> Self {
        let mut folded = String::with_capacity(original.len());
        let mut starts = Vec::with_capacity(original.len());
        for (byte, ch) in original.char_indices() {
            starts.push((folded.len(), byte));
            folded.extend(crate::lower::lowercase_chars(ch));
        }
        Folded {
            original,
            folded,
            starts,
        }
    }

    /// Maps a folded offset (at a folded character start or the end) to the original.
    fn to_original(&self, folded_byte: usize) -> usize {
        if folded_byte >= self.folded.len() {
            return self.original.len();
        }
        match self.starts.binary_search_by(|(f, _)| f.cmp(&folded_byte)) {
            Ok(i) => self.starts[i].1,
            // Inside a multi-char lowercase expansion: round up to the next original char.
            Err(i) => self.starts.get(i).map_or(self.original.len(), |s| s.1),
        }
    }

    /// The first occurrence of `needle` (any case) that starts at or after original byte
    /// `from` and stands on word boundaries on both sides. Returns original byte offsets.
    pub(crate) fn find_word(&self, needle: &str, from: usize) -> Option<(usize, usize)> {
        let needle: String = needle
            .chars()
            .flat_map(crate::lower::lowercase_chars)
            .collect();
        if needle.is_empty() {
            return None;
        }
        let mut search_from = self
            .starts
            .iter()
            .find(|(_, o)| *o >= from)
            .map_or(self.folded.len(), |(f, _)| *f);
        while let Some(rel) = self
            .folded
            .get(search_from..)
            .and_then(|h| crate::text::find(h, &needle))
        {
            let f_start = search_from + rel;
            let f_end = f_start + needle.len();
            let start = self.to_original(f_start);
            let end = self.to_original(f_end);
            if is_boundary_before(self.original, start) && is_boundary_after(self.original, end) {
                return Some((start, end));
            }
            search_from = f_start + needle.chars().next().map_or(1, char::len_utf8);
        }
        None
    }

    /// Whether the text starts with `needle` (any case, followed by a word boundary), after
    /// leading whitespace. Returns the original byte offset just past it.
    pub(crate) fn starts_with_word(&self, needle: &str) -> Option<usize> {
        let lead = self.original.len() - self.original.trim_start().len();
        match self.find_word(needle, lead) {
            Some((start, end)) if start == lead => Some(end),
            _ => None,
        }
    }

    /// Whether `needle` occurs anywhere on word boundaries.
    pub(crate) fn contains_word(&self, needle: &str) -> bool {
        self.find_word(needle, 0).is_some()
    }

    /// Whether `needle` occurs anywhere, even inside a word (for identifiers like `cardNumber`).
    pub(crate) fn contains(&self, needle: &str) -> bool {
        let needle: String = needle
            .chars()
            .flat_map(crate::lower::lowercase_chars)
            .collect();
        crate::text::contains(&self.folded, &needle)
    }
}

fn is_boundary_before(text: &str, at: usize) -> bool {
    !matches!(text.get(..at).and_then(|s| s.chars().next_back()), Some(c) if c.is_alphanumeric())
}

fn is_boundary_after(text: &str, at: usize) -> bool {
    !matches!(text.get(at..).and_then(|s| s.chars().next()), Some(c) if c.is_alphanumeric())
}

/// Characters that change how text is displayed without being visible: zero-width spaces and
/// joiners, direction marks and overrides (which could make a name read backwards), the byte
/// order mark and the soft hyphen.
fn is_invisible_format(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{061C}' | '\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

/// Control characters and invisible formatting removed, every kind of whitespace (including
/// line breaks and no-break spaces) turned into one space, trimmed.
pub(crate) fn collapse(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            pending_space = true;
        } else if c.is_control() || is_invisible_format(c) {
            continue;
        } else {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.push(c);
        }
    }
    out
}

/// Like [`collapse`], but a run of whitespace that contains a line break becomes one `\n`, so
/// that lines a page shows separately («Innlogget som» / «Kari Nordmann» / «Endre profil»)
/// stay separate.
pub(crate) fn collapse_keep_lines(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending: Option<char> = None;
    for c in text.chars() {
        if c.is_whitespace() {
            let line_break = matches!(
                c,
                '\n' | '\r' | '\u{2028}' | '\u{2029}' | '\u{0B}' | '\u{0C}'
            );
            pending = Some(if line_break || pending == Some('\n') {
                '\n'
            } else {
                ' '
            });
        } else if c.is_control() || is_invisible_format(c) {
            continue;
        } else {
            if let Some(p) = pending.take() {
                if !out.is_empty() {
                    out.push(p);
                }
            }
            out.push(c);
        }
    }
    out
}

/// Punctuation that never ends a name: what is left when a sentence or a menu is cut off.
const TRAILING: &[char] = &[
    '.', ',', ':', ';', '!', '?', '…', '·', '|', '•', '-', '–', '—', '(',
];
/// Punctuation that never starts a name («Innlogget som: Kari»).
const LEADING: &[char] = &[':', ',', ';', '·', '|', '•', '-', '–', '—'];

/// A page-supplied name made fit for one line of the dialog: whitespace collapsed, control
/// characters dropped, stray punctuation at the ends stripped, at most `max_chars` characters.
/// `None` when nothing is left. Angle brackets, quotes and the like are kept as they are.
pub(crate) fn clean_name(text: &str, max_chars: usize) -> Option<String> {
    let collapsed = collapse(text);
    let trimmed = trim_punctuation(&collapsed);
    let capped: String = trimmed.chars().take(max_chars).collect();
    let result = trim_punctuation(&capped);
    (!result.is_empty()).then(|| result.to_string())
}

fn trim_punctuation(text: &str) -> &str {
    text.trim_start_matches(|c: char| c.is_whitespace() || LEADING.contains(&c))
        .trim_end_matches(|c: char| c.is_whitespace() || TRAILING.contains(&c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn find_word_respects_boundaries_and_case() {
        type Case = (
            &'static str,
            &'static str,
            &'static str,
            Option<(usize, usize)>,
        );
        let cases: &[Case] = &[
            ("plain", "Kommenter som Kari", "som", Some((10, 13))),
            ("case", "INNLOGGET SOM Kari", "innlogget som", Some((0, 13))),
            (
                "inside a word is skipped",
                "forsøk søk",
                "søk",
                Some((8, 12)),
            ),
            ("nothing", "Svarfrist", "svar", None),
            (
                "norwegian letters fold",
                "ÆRLIG SVAR",
                "ærlig",
                Some((0, 6)),
            ),
            ("empty needle", "x", "", None),
        ];
        for (name, hay, needle, expected) in cases {
            assert_eq!(Folded::new(hay).find_word(needle, 0), *expected, "{name}");
        }
    }

    #[test]
    fn offsets_survive_lowercase_expansion() {
        // 'İ' lower-cases to two chars ("i̇"): offsets after it must still be original ones.
        let hay = "İİ Kari som Ola";
        let f = Folded::new(hay);
        let (s, e) = f.find_word("som", 0).unwrap();
        assert_eq!(&hay[s..e], "som");
    }

    #[test]
    fn starts_with_word_after_whitespace() {
        assert_eq!(
            Folded::new("  Svar som Kari").starts_with_word("svar som"),
            Some(10)
        );
        assert_eq!(
            Folded::new("Du svar som Kari").starts_with_word("svar som"),
            None
        );
    }

    #[test]
    fn clean_name_cases() {
        let cases: &[(&str, &str, Option<&str>)] = &[
            (
                "trim and collapse",
                "  Kari \n\t Nordmann  ",
                Some("Kari Nordmann"),
            ),
            (
                "trailing punctuation",
                "Kari Nordmann…",
                Some("Kari Nordmann"),
            ),
            ("leading colon", ": Kari", Some("Kari")),
            ("control characters dropped", "Ka\u{0}ri\u{7}", Some("Kari")),
            (
                "direction override dropped",
                "\u{202E}Kari\u{202C}",
                Some("Kari"),
            ),
            ("zero-width dropped", "Ka\u{200B}ri", Some("Kari")),
            (
                "no-break space is a space",
                "Kari\u{00A0}Nordmann",
                Some("Kari Nordmann"),
            ),
            (
                "html kept literally",
                "<img src=x onerror=alert(1)>",
                Some("<img src=x onerror=alert(1)>"),
            ),
            ("hyphenated kept", "Åse Ødegård-Ås", Some("Åse Ødegård-Ås")),
            ("only punctuation", " … ", None),
            ("empty", "", None),
        ];
        for (name, input, expected) in cases {
            assert_eq!(clean_name(input, 80).as_deref(), *expected, "{name}");
        }
    }

    #[test]
    fn collapse_keep_lines_cases() {
        let cases: &[(&str, &str, &str)] = &[
            ("spaces", "a  \t b", "a b"),
            ("line break wins", "a \n  b", "a\nb"),
            ("crlf", "a\r\nb", "a\nb"),
            ("ends trimmed", "  a  ", "a"),
            ("controls dropped", "a\u{0}b", "ab"),
        ];
        for (name, input, expected) in cases {
            assert_eq!(collapse_keep_lines(input), *expected, "{name}");
        }
    }

    #[test]
    fn clean_name_caps_length_in_characters() {
        let long = "Ø".repeat(200);
        let name = clean_name(&long, 80).unwrap();
        assert_eq!(name.chars().count(), 80);
    }
}
