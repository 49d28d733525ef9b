//! Combining marks and canonical composition with them, for folding ([`crate::normalize`]).
//!
//! Folding needs two Unicode facts: whether a character is a combining mark (general category
//! M), and what a character and a following mark compose to. The `unicode-normalization`
//! crate answers both from perfect-hash tables of every mark and every composition pair
//! (≈ 25 KB of data, ≈ 13 KB of the WebAssembly gzipped). Here the same answers come from
//! three small sorted tables (`marks/table.rs`), generated from that crate by a test, which
//! also checks the answers against it character by character. The binary holds them as the
//! bytes of their deltas ([`crate::deltas`], ≈ 2.4 KB gzipped), decoded on first use.

#[rustfmt::skip]
mod table;

use std::sync::OnceLock;

use crate::deltas::{decode, delta_bytes};

/// The generated tables, decoded on first use from the bytes of their deltas
/// ([`crate::deltas`]; `table.rs`' arrays are not in the binary).
struct Tables {
    mark_ranges: Vec<u32>,
    mark_seconds: Vec<u32>,
    composition_keys: Vec<u32>,
    /// `COMPOSED_MINUS_FIRST`, each `i16` as `u32` (read with `as i32`).
    composed_minus_first: Vec<u32>,
}

fn tables() -> &'static Tables {
    static TABLES: OnceLock<Tables> = OnceLock::new();
    TABLES.get_or_init(|| Tables {
        mark_ranges: decode(delta_bytes!(table::MARK_RANGES)),
        mark_seconds: decode(delta_bytes!(table::MARK_SECONDS)),
        composition_keys: decode(delta_bytes!(table::COMPOSITION_KEYS)),
        composed_minus_first: decode(delta_bytes!(table::COMPOSED_MINUS_FIRST)),
    })
}

/// Whether `c` is a combining mark (general category Mn, Mc or Me), as
/// `unicode_normalization::char::is_combining_mark` says.
pub fn is_combining_mark(c: char) -> bool {
    let c = c as u32;
    if c < 0x300 {
        return false;
    }
    // The last range starting at or before `c`.
    let ranges = &tables().mark_ranges;
    let i = ranges.partition_point(|&r| r >> 8 <= c);
    i > 0 && c - (ranges[i - 1] >> 8) <= ranges[i - 1] & 0xff
}

/// The canonical composition of `c` followed by the combining mark `mark`, as
/// `unicode_normalization::char::compose` gives it. Only for a second character that is a
/// combining mark ([`is_combining_mark`]): compositions with other second characters (Hangul
/// syllables, a few vowel signs of other categories) are not in the table.
pub fn compose(c: char, mark: char) -> Option<char> {
    let t = tables();
    let second = u32::try_from(t.mark_seconds.binary_search(&(mark as u32)).ok()?).ok()?;
    let first = c as u32;
    if first >= 1 << 17 {
        return None;
    }
    let at = t
        .composition_keys
        .binary_search(&(second << 17 | first))
        .ok()?;
    char::from_u32(first.checked_add_signed(t.composed_minus_first[at] as i32)?)
}

#[cfg(test)]
mod tests {
    use super::table::{COMPOSED_MINUS_FIRST, COMPOSITION_KEYS, MARK_RANGES, MARK_SECONDS};
    use super::*;

    #[test]
    fn decoded_tables_are_the_generated_ones() {
        let t = tables();
        assert_eq!(t.mark_ranges, MARK_RANGES);
        assert_eq!(t.mark_seconds, MARK_SECONDS);
        assert_eq!(t.composition_keys, COMPOSITION_KEYS);
        let composed: Vec<i32> = t.composed_minus_first.iter().map(|&v| v as i32).collect();
        assert_eq!(composed, COMPOSED_MINUS_FIRST.map(i32::from));
    }
    use unicode_normalization::char as un;
    use unicode_normalization::UnicodeNormalization;

    /// The generated tables' source, from `unicode-normalization`.
    fn generate() -> String {
        let chars = || (0..=0x10FFFFu32).filter_map(char::from_u32);
        let mut ranges: Vec<(u32, u32)> = Vec::new();
        for c in chars().filter(|&c| un::is_combining_mark(c)).map(u32::from) {
            match ranges.last_mut() {
                Some(r) if r.1 + 1 == c && c - r.0 < 256 => r.1 = c,
                _ => ranges.push((c, c)),
            }
        }
        // Every composite: its full decomposition's last character, and the rest recomposed.
        let mut pairs: Vec<(u32, u32, u32)> = Vec::new();
        for x in chars() {
            let mut d = Vec::new();
            un::decompose_canonical(x, |c| d.push(c));
            let Some((&second, rest)) = d.split_last() else {
                continue;
            };
            if rest.is_empty() || !un::is_combining_mark(second) {
                continue;
            }
            let rest: String = rest.iter().collect::<String>().nfc().collect();
            let mut rest = rest.chars();
            if let (Some(first), None) = (rest.next(), rest.next()) {
                if un::compose(first, second) == Some(x) {
                    pairs.push((first.into(), second.into(), x.into()));
                }
            }
        }
        let mut seconds: Vec<u32> = pairs.iter().map(|p| p.1).collect();
        seconds.sort_unstable();
        seconds.dedup();
        let key = |p: &(u32, u32, u32)| {
            let s = seconds.binary_search(&p.1).unwrap() as u32;
            assert!(p.0 < 1 << 17, "a first character beyond 17 bits");
            s << 17 | p.0
        };
        pairs.sort_by_key(key);
        let list = |items: Vec<String>| {
            items
                .chunks(12)
                .map(|c| format!("    {},\n", c.join(", ")))
                .collect::<String>()
        };
        let mut out = String::from(
            "//! Generated from `unicode-normalization` by `TENK_WRITE_MARKS=1 cargo test -p \
             tenk-core marks::`\n//! (`marks::tests::tables_are_generated`); do not edit.\n\n",
        );
        out += &format!(
            "/// Combining marks, as sorted ranges `first << 8 | (length - 1)`.\n\
             #[rustfmt::skip]\npub(super) const MARK_RANGES: [u32; {}] = [\n{}];\n\n",
            ranges.len(),
            list(
                ranges
                    .iter()
                    .map(|(s, e)| format!("0x{:x}", s << 8 | (e - s)))
                    .collect()
            )
        );
        out += &format!(
            "/// The marks that are the second character of a canonical composition, sorted.\n\
             #[rustfmt::skip]\npub(super) const MARK_SECONDS: [u32; {}] = [\n{}];\n\n",
            seconds.len(),
            list(seconds.iter().map(|s| format!("0x{s:x}")).collect())
        );
        out += &format!(
            "/// Compositions, as `index in MARK_SECONDS << 17 | first`, sorted.\n\
             #[rustfmt::skip]\npub(super) const COMPOSITION_KEYS: [u32; {}] = [\n{}];\n\n",
            pairs.len(),
            list(pairs.iter().map(|p| format!("0x{:x}", key(p))).collect())
        );
        out += &format!(
            "/// The composed character minus the first, in `COMPOSITION_KEYS`' order.\n\
             #[rustfmt::skip]\npub(super) const COMPOSED_MINUS_FIRST: [i16; {}] = [\n{}];\n",
            pairs.len(),
            list(
                pairs
                    .iter()
                    .map(|p| (i64::from(p.2) - i64::from(p.0)).to_string())
                    .collect()
            )
        );
        out
    }

    #[test]
    fn tables_are_generated() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/marks/table.rs");
        let fresh = generate();
        if std::env::var_os("TENK_WRITE_MARKS").is_some() {
            std::fs::write(path, &fresh).unwrap();
        }
        assert!(
            include_str!("marks/table.rs") == fresh,
            "src/marks/table.rs is stale: run TENK_WRITE_MARKS=1 cargo test -p tenk-core marks::"
        );
    }

    #[test]
    fn marks_are_the_crates_for_every_character() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            assert_eq!(is_combining_mark(c), un::is_combining_mark(c), "{c:?}");
        }
    }

    /// Every character of the first two planes (every composition's first character is in
    /// them) with every mark that is some composition's second character, and every mark
    /// with every character that is some composition's first.
    #[test]
    fn compositions_are_the_crates() {
        let marks: Vec<char> = (0..=0x10FFFFu32)
            .filter_map(char::from_u32)
            .filter(|&c| un::is_combining_mark(c))
            .collect();
        let seconds: Vec<char> = MARK_SECONDS
            .iter()
            .filter_map(|&s| char::from_u32(s))
            .collect();
        for c in (0..0x20000u32).filter_map(char::from_u32) {
            for &m in &seconds {
                assert_eq!(compose(c, m), un::compose(c, m), "{c:?} {m:?}");
            }
        }
        let mut firsts: Vec<char> = COMPOSITION_KEYS
            .iter()
            .filter_map(|&k| char::from_u32(k & 0x1ffff))
            .collect();
        firsts.extend(['a', 'A', 'o', 'å', '\u{10FFFF}', '\u{E0100}']);
        for &c in &firsts {
            for &m in &marks {
                assert_eq!(compose(c, m), un::compose(c, m), "{c:?} {m:?}");
            }
        }
    }
}
