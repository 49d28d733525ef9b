//! A first name with an age: «Jonas (7)», «Emma (15 år)», «Ali på 17» — the way Norwegian
//! newspapers and people alike point at one person. Alone it is as often one's own child or a
//! footballer in the news, so it counts only with a hit of a `near` lexicon (where people are met
//! at work: «på tiltaket», «fra avlastningen», «på jobb») within `window` words, and not with a
//! hit of an `except` lexicon there (one's own family: «sønnen min»).

use super::Scan;
use crate::lexicon::LexiconId;
use crate::text::sub;

/// Words after the number that make «på NN» a measure, not an age («Stovner på 20 minutter»).
const UNITS: &[&str] = &[
    "min",
    "minutt",
    "minutter",
    "minutta",
    "minuttar",
    "sek",
    "sekunder",
    "sekund",
    "timer",
    "time",
    "timar",
    "dager",
    "dagar",
    "dogn",
    "uker",
    "veker",
    "kr",
    "kroner",
    "km",
    "m",
    "meter",
    "kilo",
    "kg",
    "grader",
    "prosent",
    "poeng",
    "stk",
    "mil",
    "mal",
    "tusen",
    "plass",
    "spillere",
    "spelarar",
    "personer",
    "personar",
    "stykker",
    "stykke",
    "deltakere",
];

/// Appends to `out` the original byte ranges from the name to the age.
pub fn find(
    scan: &Scan<'_>,
    window: usize,
    near: &[LexiconId],
    except: &[LexiconId],
    out: &mut Vec<(usize, usize)>,
) {
    let words = &scan.words;
    let text = words.text;
    let bytes = text.as_bytes();
    for w in 0..words.len().saturating_sub(1) {
        let (s, e) = words.span(w);
        // The cheapest test first, one or two bytes: what follows most words is neither «(»
        // nor a space before «(» or «p».
        match bytes.get(e) {
            Some(b'(') => {}
            Some(b' ') if matches!(bytes.get(e + 1), Some(b'(' | b'p')) => {}
            _ => continue,
        }
        // Then on bytes: «(» or « på » (folded «paa») must follow the word.
        // « paa » with one space on each side is what the «på NN» branch requires below, and
        // then the next word is «paa» (a space ends a word).
        let rest = &bytes[e..];
        let age_word = if rest.starts_with(b" (") || rest.starts_with(b"(") {
            w + 1
        } else if rest.starts_with(b" paa ") && words.len() > w + 2 {
            debug_assert_eq!(sub(text, words.span(w + 1).0..words.span(w + 1).1), "paa");
            w + 2
        } else {
            continue;
        };
        let (as_, ae) = words.span(age_word);
        if !is_age(bytes, as_, ae) {
            continue;
        }
        if age_word == w + 1 {
            // «(NN)» or «(NN år)»: only the parenthesis and spaces between name and number.
            if sub(text, e..as_).trim() != "(" {
                continue;
            }
            let after = sub(text, ae..).trim_start();
            let after = after.strip_prefix("aar").map_or(after, str::trim_start);
            if !after.starts_with(')') {
                continue;
            }
        } else {
            // «på NN»: plain spaces around «på», and no measure after the number.
            if sub(text, e..words.span(w + 1).0) != " "
                || sub(text, words.span(w + 1).1..as_) != " "
            {
                continue;
            }
            if bytes
                .get(ae)
                .is_some_and(|b| matches!(b, b'.' | b',' | b':' | b'/' | b'-'))
                && bytes.get(ae + 1).is_some_and(u8::is_ascii_digit)
            {
                continue;
            }
            if age_word + 1 < words.len() && sub(text, ae..words.span(age_word + 1).0) == " " {
                let (ns, ne) = words.span(age_word + 1);
                if UNITS.contains(&sub(text, ns..ne)) {
                    continue;
                }
            }
        }
        if !is_name(scan, s, e) {
            continue;
        }
        if scan.any_within(near, w, age_word, window)
            && !scan.any_within(except, w, age_word, window)
        {
            let end = if age_word == w + 1 {
                sub(text, ae..).find(')').map_or(ae, |i| ae + i + 1)
            } else {
                ae
            };
            out.push(scan.original_range(s, end));
        }
    }
}

/// One or two digits standing alone (an age from 1 to 99).
fn is_age(bytes: &[u8], s: usize, e: usize) -> bool {
    (1..=2).contains(&(e - s)) && bytes[s..e].iter().all(u8::is_ascii_digit) && bytes[s] != b'0'
}

/// The word is written with a capital and small letters after it («Jonas», not «NAV» or «jonas»).
fn is_name(scan: &Scan<'_>, s: usize, e: usize) -> bool {
    let (os, oe) = scan.original_range(s, e);
    let mut chars = sub(scan.original, os..oe).chars();
    let first = chars.next();
    let mut rest = 0;
    for c in chars {
        if !(c.is_alphabetic() && c.is_lowercase()) {
            // «Anne-Lise»: a hyphen and a capital inside a name are fine.
            if !(c == '-' || c.is_uppercase() && rest > 0) {
                return false;
            }
        }
        rest += 1;
    }
    first.is_some_and(|c| c.is_alphabetic() && c.is_uppercase()) && rest >= 1
}

#[cfg(test)]
mod tests {
    use crate::engine::Engine;
    use crate::Context;

    fn fires(text: &str) -> bool {
        Engine::default_policy()
            .analyse_all(text, &Context::default())
            .iter()
            .any(|f| f.detector.starts_with("name-with-age"))
    }

    #[test]
    fn a_name_with_an_age_met_at_work() {
        for text in [
            "Bilde fra turen med ungdomstiltaket, Sara (16) fikk sin første fisk!",
            "Stolt av Ahmed (15) frå bufellesskapet som bestod eksamen i dag.",
            "Video fra aktivitetsdagen på institusjonen der Lukas (13 år) vinner sekkeløpet",
            "På jobb i dag fikk Maja (17) endelig plass på skolen hun ønsket seg.",
            "Han Ali på 17 fra ungdomstiltaket fikk lærlingplass!",
            "Anne-Lise (82) på sjukeheimen fekk besøk av hunden sin i dag.",
        ] {
            assert!(fires(text), "{text}");
        }
    }

    #[test]
    fn own_family_news_and_measures_stay_quiet() {
        for text in [
            "Sønnen min Jonas (7) fikk sin første fisk på tur med tiltaket til speideren.",
            "Gratulerer til Emma (15) som vann NM i skiskyting!",
            "Erling Haaland (24) scoret igjen i går.",
            "Kom meg fra Stovner på 20 minutter i dag, rekord på vei til jobb.",
            "NAV (12) på jobb",
            "jonas (16) fra tiltaket",
            "Kapittel 3 (12) i rapporten om tiltaket.",
        ] {
            assert!(!fires(text), "{text}");
        }
    }
}
