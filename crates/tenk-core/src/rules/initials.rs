//! Initials with an age: «K.H., 34 år, fra bydel Alna», «T.O. (52) frå Bjerke». Two capital
//! letters, each followed by a full stop, with a two-digit number standing alone within a few
//! words after them. Initials alone («mvh K.H.») or a number alone are common and harmless; the
//! two together describe one person.

use super::Scan;
use crate::text::sub;

/// Appends to `out` the original byte ranges from the initials to the age.
pub fn find(scan: &Scan<'_>, window: usize, out: &mut Vec<(usize, usize)>) {
    let words = &scan.words;
    let text = words.text.as_bytes();
    let spans = words.spans();
    // Initials stand before a full stop: the words are found from the full stops among the
    // sentence ends (found once per text) instead of by looking after every word. `from` is
    // the first word still looked at (a match skips its initials and age).
    let mut from = 0;
    for &stop in &scan.sentence_ends {
        if text[stop] != b'.' {
            continue;
        }
        // The word ending right at the full stop, if any (the last word starting before it).
        let w = words.word_index(stop);
        if w < from || w + 1 >= spans.len() || spans[w].1 != stop {
            continue;
        }
        if !(is_initial(scan, w) && is_initial(scan, w + 1) && joined_by_stop(scan, w)) {
            continue;
        }
        let (start, _) = spans[w];
        let last = (w + 1 + window).min(words.len() - 1);
        if let Some(age) = (w + 2..=last).find(|&a| is_age(text, words.span(a))) {
            out.push(scan.original_range(start, words.span(age).1));
            from = age + 1;
        } else {
            from = w + 2;
        }
    }
}

/// Word `w` is one letter, written as a capital, directly followed by a full stop.
fn is_initial(scan: &Scan<'_>, w: usize) -> bool {
    let (s, e) = scan.words.span(w);
    // The cheapest test first: most words are not followed by a full stop.
    if !matches!(scan.words.text.as_bytes().get(e), Some(b'.')) {
        return false;
    }
    let mut chars = sub(scan.words.text, s..e).chars();
    if !matches!((chars.next(), chars.next()), (Some(c), None) if c.is_alphabetic()) {
        return false;
    }
    let (os, oe) = scan.original_range(s, e);
    sub(scan.original, os..oe).chars().all(char::is_uppercase)
}

/// The stop after initial `w` is followed by nothing but an optional space before `w + 1`.
fn joined_by_stop(scan: &Scan<'_>, w: usize) -> bool {
    let (_, e) = scan.words.span(w);
    let (ns, _) = scan.words.span(w + 1);
    matches!(sub(scan.words.text, e..ns), "." | ". ")
}

/// Two digits standing alone: not part of a date, a time, a price or a longer number.
fn is_age(text: &[u8], (s, e): (usize, usize)) -> bool {
    let digits = e - s == 2 && text[s..e].iter().all(u8::is_ascii_digit);
    let joined = |i: Option<usize>, j: Option<usize>| {
        i.and_then(|i| text.get(i))
            .is_some_and(|b| matches!(b, b'.' | b':' | b'/' | b'-' | b','))
            && j.and_then(|j| text.get(j)).is_some_and(u8::is_ascii_digit)
    };
    digits && !joined(Some(e), Some(e + 1)) && !joined(s.checked_sub(1), s.checked_sub(2))
}

#[cfg(test)]
mod tests {
    use crate::engine::Engine;
    use crate::Context;

    fn fires(text: &str) -> bool {
        Engine::default_policy()
            .analyse(text, &Context::default())
            .iter()
            .any(|f| f.detector == "initials-with-age")
    }

    #[test]
    fn initials_with_an_age() {
        for text in [
            "K.H., 34 år, fra bydel Søndre Nordstrand fikk endelig bolig i dag.",
            "T.O. (52) frå Bjerke fekk endeleg plass på rusbehandling.",
            "M. A., 27, fra bydel Alna har fått jobb.",
        ] {
            assert!(fires(text), "{text}");
        }
    }

    #[test]
    fn initials_or_numbers_alone() {
        for text in [
            "Mvh K.H.",
            "Vi møtes kl. 18.30 hos K.H. på Tøyen.",
            "Kampen endte 2-1, og vi var 34 stykker på tribunen.",
            "k.h. er 34 år",
            "P.S. Husk møtet 12.03.",
            "O.K., vi sees 10:30.",
        ] {
            assert!(!fires(text), "{text}");
        }
    }
}
