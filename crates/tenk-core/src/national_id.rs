//! Norwegian national identity numbers: fødselsnummer, D-nummer, H-nummer and the synthetic
//! test numbers, validated by their two mod-11 control digits.
//!
//! Layout `DDMMYY III K1 K2`. A D-nummer adds 40 to the day, an H-nummer adds 40 to the month,
//! synthetic test numbers (Skatteetaten/NAV test data) add 80 to the month. The second control
//! digit always makes the weighted sum divisible by 11. The first one did too until 2032; for
//! numbers issued from 2032 the first control digit may take any value whose weighted sum
//! (including the digit itself) is 0–3 modulo 11. The older rule is the `0` case of the newer
//! one, so accepting 0–3 accepts both.
//!
//! [`find`] scans text for the eleven digits written as people write them (`01129940030`,
//! `011299 40030`, `011299-40030`, `011299 400 30`, `01 12 99 40030`, `01.12.99 400 30`),
//! standing alone: digit groups in any other layout (a phone number, an account number, a
//! longer id) never match.

/// Weights of the first control digit (for digits 1–9, then 1 for the control digit itself).
const K1_WEIGHTS: [u32; 10] = [3, 7, 6, 1, 8, 9, 4, 5, 2, 1];
/// Weights of the second control digit (for digits 1–10, then 1 for the control digit).
const K2_WEIGHTS: [u32; 11] = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2, 1];

/// Whether the eleven digits form a valid national identity number of any kind.
pub fn is_valid(digits: &[u8; 11]) -> bool {
    if digits.iter().any(|d| *d > 9) {
        return false;
    }
    let weighted = |weights: &[u32]| -> u32 {
        weights
            .iter()
            .zip(digits.iter())
            .map(|(w, d)| w * u32::from(*d))
            .sum()
    };
    // Rule from 2032 (includes the old rule as remainder 0).
    if weighted(&K1_WEIGHTS) % 11 > 3 {
        return false;
    }
    if weighted(&K2_WEIGHTS) % 11 != 0 {
        return false;
    }
    valid_date(digits)
}

/// Day and month after removing the D-, H- and synthetic offsets must form a calendar date.
/// The year is not checked beyond being two digits: 29 February is accepted for any year,
/// because the century is only implied by the individual number.
fn valid_date(d: &[u8; 11]) -> bool {
    let mut day = u32::from(d[0]) * 10 + u32::from(d[1]);
    let mut month = u32::from(d[2]) * 10 + u32::from(d[3]);
    if day > 40 {
        day -= 40; // D-nummer
    }
    month = match month {
        81..=92 => month - 80, // synthetic test number
        41..=52 => month - 40, // H-nummer
        m => m,
    };
    let days_in_month = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 => 29,
        _ => return false,
    };
    (1..=days_in_month).contains(&day)
}

/// Byte ranges of every national identity number in `text`, in order.
///
/// A candidate is a chain of digit groups joined by single separators that, as a whole, has one
/// of the layouts people write the number in (see [`LAYOUTS`]): eleven digits, `DDMMYY IIIKK`
/// (space or dash), `DDMMYY III KK`, `DD MM YY IIIKK`, `DD.MM.YY III KK`. A chain with any other
/// layout (a phone number in pairs, an account number `1503.27.48196`, a date and a time) never
/// matches, and neither does a chain with a digit (or a digit-joining `+`, `-`, `.`, `/`) directly
/// on either side. Linear in the text: every byte is looked at a bounded number of times.
pub fn find(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        // To the next digit in one search, eight bytes at a time.
        match crate::bytes::find_digit(bytes, i) {
            Some(k) => i = k,
            None => break,
        }
        let chain_start = i;
        let mut lens = [0usize; MAX_GROUPS];
        let mut seps = [0u8; MAX_GROUPS];
        let mut n = 0;
        let mut too_long = false;
        loop {
            let group_start = i;
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                i += 1;
            }
            if n == MAX_GROUPS {
                too_long = true;
            } else {
                lens[n] = i - group_start;
                n += 1;
            }
            let joins = matches!(bytes.get(i), Some(b' ' | b'.' | b'-'))
                && bytes.get(i + 1).is_some_and(u8::is_ascii_digit);
            if !joins {
                break;
            }
            if n <= MAX_GROUPS && !too_long {
                seps[n - 1] = bytes[i];
            }
            i += 1;
        }
        let chain_end = i;
        if too_long || joined_before(bytes, chain_start) || joined_after(bytes, chain_end) {
            continue;
        }
        if !LAYOUTS
            .iter()
            .any(|layout| layout.matches(&lens[..n], &seps[..n.saturating_sub(1)]))
        {
            continue;
        }
        let mut digits = [0u8; 11];
        let mut k = 0;
        for b in &bytes[chain_start..chain_end] {
            if b.is_ascii_digit() {
                digits[k] = b - b'0';
                k += 1;
            }
        }
        if is_valid(&digits) {
            found.push((chain_start, chain_end));
        }
    }
    found
}

/// Most digit groups in any layout (`DD.MM.YY III KK`).
const MAX_GROUPS: usize = 5;

/// One way of writing the eleven digits: group lengths and, between groups, which separators
/// may stand there. `same_date_separator`: the separators inside the date must be the same
/// («14.03.87», «14 03 87», not «14.03 87»).
struct Layout {
    groups: &'static [usize],
    separators: &'static [&'static [u8]],
    same_date_separator: bool,
}

impl Layout {
    fn matches(&self, lens: &[usize], seps: &[u8]) -> bool {
        lens == self.groups
            && seps
                .iter()
                .zip(self.separators)
                .all(|(sep, allowed)| allowed.contains(sep))
            && (!self.same_date_separator || seps[0] == seps[1])
    }
}

/// The layouts of a national identity number people write.
const LAYOUTS: [Layout; 5] = [
    Layout {
        groups: &[11],
        separators: &[],
        same_date_separator: false,
    },
    Layout {
        groups: &[6, 5],
        separators: &[b" -"],
        same_date_separator: false,
    },
    Layout {
        groups: &[6, 3, 2],
        separators: &[b" -", b" "],
        same_date_separator: false,
    },
    Layout {
        groups: &[2, 2, 2, 5],
        separators: &[b" .", b" .", b" -"],
        same_date_separator: true,
    },
    Layout {
        groups: &[2, 2, 2, 3, 2],
        separators: &[b" .", b" .", b" -", b" "],
        same_date_separator: true,
    },
];

/// Whether the digit run starting at `start` continues a longer number on its left
/// (`+47 …`, `12-…`, `3.…`, `2024/…` or a digit group separated by one space).
fn joined_before(bytes: &[u8], start: usize) -> bool {
    if start == 0 {
        return false;
    }
    let prev = bytes[start - 1];
    if prev == b'+' {
        return true;
    }
    if matches!(prev, b'-' | b'.' | b'/' | b',' | b' ')
        && start >= 2
        && bytes[start - 2].is_ascii_digit()
    {
        return true;
    }
    false
}

/// Whether the digit run ending at `end` continues into another digit group on its right.
fn joined_after(bytes: &[u8], end: usize) -> bool {
    match bytes.get(end) {
        Some(b'-' | b'.' | b'/' | b',' | b' ') => {
            bytes.get(end + 1).is_some_and(|b| b.is_ascii_digit())
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spans::Utf16Map;

    fn digits(s: &str) -> [u8; 11] {
        let mut d = [0u8; 11];
        for (k, b) in s.bytes().enumerate() {
            d[k] = b - b'0';
        }
        d
    }

    #[test]
    fn validation_table() {
        let cases: &[(&str, &str, bool)] = &[
            ("fødselsnummer", "01129940030", true),
            ("fødselsnummer 1965", "15076500565", true),
            ("D-nummer (day + 40)", "41018036736", true),
            ("valid only under the 2032 rule", "30108299939", true),
            ("counting digits", "12345678901", false),
            ("all zeros", "00000000000", false),
            ("one digit off (second control)", "01129940031", false),
            ("one digit off (first control)", "01129940130", false),
            ("month 13", "01139940030", false),
            ("day 32", "32019940030", false),
        ];
        for (name, number, expected) in cases {
            assert_eq!(is_valid(&digits(number)), *expected, "{name}: {number}");
        }
    }

    /// Builds a valid number for a date by searching the individual number and control digits,
    /// independent of the production code's structure (brute force over the two rules).
    fn make(date: &str) -> String {
        for ind in 0..1000u32 {
            for k1 in 0..10u32 {
                for k2 in 0..10u32 {
                    let s = format!("{date}{ind:03}{k1}{k2}");
                    let d = digits(&s);
                    let s1: u32 = K1_WEIGHTS
                        .iter()
                        .zip(d.iter())
                        .map(|(w, x)| w * u32::from(*x))
                        .sum();
                    let s2: u32 = K2_WEIGHTS
                        .iter()
                        .zip(d.iter())
                        .map(|(w, x)| w * u32::from(*x))
                        .sum();
                    if s1.is_multiple_of(11) && s2.is_multiple_of(11) {
                        return s;
                    }
                }
            }
        }
        unreachable!()
    }

    #[test]
    fn h_numbers_and_synthetic_numbers() {
        let h = make("014199"); // month 01 + 40
        assert!(is_valid(&digits(&h)), "H-nummer {h}");
        let synthetic = make("018199"); // month 01 + 80
        assert!(is_valid(&digits(&synthetic)), "synthetic {synthetic}");
        let d_and_h = make("414199"); // D- and H-offset together is no date kind
        assert!(is_valid(&digits(&d_and_h)));
        let bad_month = make("016199"); // 61 is no month in any scheme
        assert!(!is_valid(&digits(&bad_month)), "{bad_month}");
    }

    #[test]
    fn finding_in_text_table() {
        let cases: &[(&str, &str, &[&str])] = &[
            ("bare number", "01129940030", &["01129940030"]),
            (
                "in a sentence",
                "Fnr: 15076500565, ring meg.",
                &["15076500565"],
            ),
            (
                "space after the date",
                "nummeret hans er 011299 40030.",
                &["011299 40030"],
            ),
            ("D-nummer", "d-nr 41018036736", &["41018036736"]),
            ("2032 rule", "30108299939", &["30108299939"]),
            (
                "two numbers",
                "01129940030 og 15076500565",
                &["01129940030", "15076500565"],
            ),
            ("invalid checksum", "12345678901", &[]),
            ("phone number", "Ring 22 33 44 55 eller +47 98765432", &[]),
            ("longer digit run", "kontonr 011299400301234", &[]),
            ("twelve digits", "101129940030", &[]),
            ("country code prefix", "+4701129940030", &[]),
            ("part of grouped digits", "99 011299 40030", &[]),
            ("followed by digits", "011299 40030 12", &[]),
            ("ten digits", "0112994003", &[]),
            ("dash after the date", "fnr 011299-40030", &["011299-40030"]),
            (
                "individual number split",
                "fnr 011299 400 30",
                &["011299 400 30"],
            ),
            ("date in pairs", "fnr 01 12 99 40030", &["01 12 99 40030"]),
            (
                "date with dots",
                "fnr 01.12.99 400 30",
                &["01.12.99 400 30"],
            ),
            (
                "D-nummer with dots",
                "D-nr 41.01.80 367 36",
                &["41.01.80 367 36"],
            ),
            ("account number with dots", "kontonr 0112.99.40030", &[]),
            ("mixed date separators", "01.12 99 40030", &[]),
            ("date then time", "01.12.99 kl 400 30", &[]),
            ("phone in pairs", "ring 22 33 44 55 66", &[]),
            ("date with a four-digit year", "født 01.12.1999 40030", &[]),
            ("six groups", "01 12 99 400 30 1", &[]),
        ];
        for (name, text, expected) in cases {
            let got: Vec<&str> = find(text).into_iter().map(|(s, e)| &text[s..e]).collect();
            assert_eq!(&got, expected, "{name}: {text}");
        }
    }

    #[test]
    fn utf16_span_after_emoji_and_norwegian_letters() {
        let text = "Hei 😀 æøå, fnr 011299 40030!";
        let found = find(text);
        assert_eq!(found.len(), 1);
        let map = Utf16Map::new(text);
        let (s, e) = (map.to_utf16(found[0].0), map.to_utf16(found[0].1));
        let units: Vec<u16> = text.encode_utf16().collect();
        assert_eq!(String::from_utf16(&units[s..e]).unwrap(), "011299 40030");
        // "Hei " 4 + emoji 2 + " æøå, fnr " 10 = 16
        assert_eq!((s, e), (16, 28));
    }
}
