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
//! [`find`] scans text for eleven digits, or six and five separated by one space
//! (`011299 40030`), that stand alone: a digit run of any other length (a phone number, an
//! account number, a longer id) never matches.

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
/// A candidate is exactly eleven ASCII digits, or six digits, one space and five digits, with
/// no digit (and no digit-joining `+`, `-`, `.`, `/` before a digit) directly on either side.
pub fn find(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let run_start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        let run_end = i;
        if joined_before(bytes, run_start) {
            continue;
        }
        match run_end - run_start {
            11 if !joined_after(bytes, run_end) => {
                let mut digits = [0u8; 11];
                for (k, b) in bytes[run_start..run_end].iter().enumerate() {
                    digits[k] = b - b'0';
                }
                if is_valid(&digits) {
                    found.push((run_start, run_end));
                }
            }
            6 if bytes.get(run_end) == Some(&b' ') => {
                let second = run_end + 1;
                let mut j = second;
                while j < bytes.len() && bytes[j].is_ascii_digit() {
                    j += 1;
                }
                if j - second == 5 && !joined_after(bytes, j) {
                    let mut digits = [0u8; 11];
                    for (k, b) in bytes[run_start..run_end]
                        .iter()
                        .chain(&bytes[second..j])
                        .enumerate()
                    {
                        digits[k] = b - b'0';
                    }
                    if is_valid(&digits) {
                        found.push((run_start, j));
                        i = j;
                    }
                }
            }
            _ => {}
        }
    }
    found
}

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
