//! Case numbers: a keyword («saksnummer», «saksnr.», «sak», «journalnummer») followed within a
//! few words by a number: digit groups joined by `/` or `-`, also with a space on each side,
//! with at least four digits in all («2024/12345», «24-1234», «2025 / 00412»), or one run of at
//! least five digits. A year alone («i 2024») is no case number. A valid national identity
//! number after the keyword is left to the `national-id` detector, so an ID keyword list
//! («fnr», «fødselsnummer») with this rule catches only the numbers that fail the check digits
//! (typed wrong, or made up) and the valid ones keep their own finding.

use super::Scan;
use crate::lexicon::LexiconId;
use crate::national_id;
use crate::text::sub;

/// Appends to `out` the original byte ranges from each keyword to the end of its number. A hit
/// of an `unless` lexicon within `unless_window` words of the keyword silences it:
/// «referansenummer på pakken» numbers a parcel, not a case.
pub fn find(
    scan: &Scan<'_>,
    terms: &[LexiconId],
    window: usize,
    unless: &[LexiconId],
    unless_window: usize,
    out: &mut Vec<(usize, usize)>,
) {
    for hit in scan.hits_of(terms) {
        if scan.any_within(unless, hit.first_word, hit.last_word, unless_window) {
            continue;
        }
        let last = (hit.last_word + window).min(scan.words.len().saturating_sub(1));
        for w in hit.last_word + 1..=last {
            if let Some(end) = number_at(scan, w) {
                if !national_id_at(scan, w) {
                    out.push(scan.original_range(hit.start, end));
                }
                break;
            }
        }
    }
}

/// End (folded bytes) of a case number starting at word `w`, if word `w` starts one.
fn number_at(scan: &Scan<'_>, w: usize) -> Option<usize> {
    let text = scan.words.text;
    let (s, mut e) = scan.words.span(w);
    if !sub(text, s..e).bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut digits = e - s;
    let mut groups = 1;
    let mut next = w + 1;
    // Join groups: 2024/12345, 24-1234.
    while next < scan.words.len() {
        let (ns, ne) = scan.words.span(next);
        let sep = sub(text, e..ns);
        if is_joiner(sep) && sub(text, ns..ne).bytes().all(|b| b.is_ascii_digit()) {
            digits += ne - ns;
            groups += 1;
            e = ne;
            next += 1;
        } else {
            break;
        }
    }
    ((groups > 1 && digits >= 4) || digits >= 5).then_some(e)
}

/// Whether a valid national identity number starts at word `w` (bounded look-ahead: the
/// longest layout is 15 bytes).
fn national_id_at(scan: &Scan<'_>, w: usize) -> bool {
    let (s, e) = scan.words.span(w);
    let start = scan.original_range(s, e).0;
    let mut end = (start + 16).min(scan.original.len());
    while !scan.original.is_char_boundary(end) {
        end -= 1;
    }
    national_id::find(sub(scan.original, start..end))
        .first()
        .is_some_and(|&(a, _)| a == 0)
}

/// Whether the text between two digit groups joins them into one number: `/` or `-`, alone or
/// with one space on each side («2025 / 00412»).
fn is_joiner(sep: &str) -> bool {
    matches!(sep, "/" | "-" | " / " | " - ")
}

#[cfg(test)]
mod tests {
    use super::is_joiner;

    #[test]
    fn joiners() {
        for sep in ["/", "-", " / ", " - "] {
            assert!(is_joiner(sep), "{sep:?}");
        }
        for sep in [" ", ".", ", ", " og ", "  /  ", "/ "] {
            assert!(!is_joiner(sep), "{sep:?}");
        }
    }
}
