//! Lower case exactly as the standard library writes it (`char::to_lowercase`,
//! `str::to_lowercase`), from small generated tables.
//!
//! The standard library keeps lower case as a table of every upper-case character and its
//! lower case (≈ 1,460 pairs, ≈ 12 KB, ≈ 6 KB of the WebAssembly gzipped). Most of them come
//! in runs (a block of capitals a fixed distance from its small letters, or capitals and
//! small letters taking turns), so here the same mapping is a list of runs (`lower/table.rs`),
//! generated from the standard library by a test that also checks every character against it.
//! `str::to_lowercase`'s one rule that looks at neighbours, a final capital sigma becoming
//! `ς`, needs two more character classes (case-ignorable, and cased), generated the same way
//! from how the standard library lower-cases sigmas next to each character.
//! The binary holds the tables as the bytes of their deltas ([`crate::deltas`]), decoded on
//! first use.

#[rustfmt::skip]
mod table;

use std::sync::OnceLock;

use crate::deltas::{decode, delta_bytes};
use crate::text::sub;

/// The generated tables, decoded on first use from the bytes of their deltas
/// ([`crate::deltas`]; `table.rs`' arrays are not in the binary).
struct Tables {
    runs: Vec<u32>,
    /// `RUN_DELTAS`, each `i32` as `u32` (read with `as i32`).
    run_deltas: Vec<u32>,
    case_ignorable: Vec<u32>,
    cased: Vec<u32>,
}

fn tables() -> &'static Tables {
    static TABLES: OnceLock<Tables> = OnceLock::new();
    TABLES.get_or_init(|| Tables {
        runs: decode(delta_bytes!(table::RUNS)),
        run_deltas: decode(delta_bytes!(table::RUN_DELTAS)),
        case_ignorable: decode(delta_bytes!(table::CASE_IGNORABLE)),
        cased: decode(delta_bytes!(table::CASED)),
    })
}

/// The lower case of `c`: one character, or two for `İ` (`i` and a combining dot above).
pub fn lowercase(c: char) -> (char, Option<char>) {
    if c.is_ascii() {
        return (c.to_ascii_lowercase(), None);
    }
    if c == '\u{130}' {
        return ('i', Some('\u{307}'));
    }
    let code = c as u32;
    // The last run starting at or before `c`: `start << 11 | (length - 1) << 1 | (stride - 1)`.
    let t = tables();
    let i = t.runs.partition_point(|&r| r >> 11 <= code);
    let Some(&run) = i.checked_sub(1).and_then(|i| t.runs.get(i)) else {
        return (c, None);
    };
    let (start, length, stride) = (run >> 11, (run >> 1 & 0x3ff) + 1, (run & 1) + 1);
    let offset = code - start;
    // A stride-2 run's gaps map to themselves.
    if (stride == 2 && offset & 1 == 1) || offset / stride >= length {
        return (c, None);
    }
    let lower = code
        .checked_add_signed(t.run_deltas[i - 1] as i32)
        .and_then(char::from_u32);
    (lower.unwrap_or(c), None)
}

/// `c`'s lower case as characters (what `char::to_lowercase` iterates).
pub fn lowercase_chars(c: char) -> impl Iterator<Item = char> {
    let (first, second) = lowercase(c);
    std::iter::once(first).chain(second)
}

/// `s` in lower case, as `str::to_lowercase` writes it (a capital sigma at the end of a word
/// becomes `ς`, elsewhere `σ`).
pub fn lowercase_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for (i, c) in s.char_indices() {
        if c == 'Σ' {
            // Unicode's Final_Sigma: a cased letter before (across case-ignorable ones), and
            // none after.
            let word_final = ignorable_then_cased(sub(s, ..i).chars().rev())
                && !ignorable_then_cased(sub(s, i + 'Σ'.len_utf8()..).chars());
            out.push(if word_final { 'ς' } else { 'σ' });
        } else {
            let (first, second) = lowercase(c);
            out.push(first);
            out.extend(second);
        }
    }
    out
}

/// Whether the first character of `chars` that is not case-ignorable is cased.
fn ignorable_then_cased(mut chars: impl Iterator<Item = char>) -> bool {
    let t = tables();
    chars
        .find(|&c| !in_ranges(&t.case_ignorable, c))
        .is_some_and(|c| in_ranges(&t.cased, c))
}

/// Whether `c` is in `ranges` (sorted, each `first << 8 | (length - 1)`).
fn in_ranges(ranges: &[u32], c: char) -> bool {
    let c = c as u32;
    let i = ranges.partition_point(|&r| r >> 8 <= c);
    i > 0 && c - (ranges[i - 1] >> 8) <= ranges[i - 1] & 0xff
}

#[cfg(test)]
mod tests {
    use super::table::{CASED, CASE_IGNORABLE, RUNS, RUN_DELTAS};
    use super::*;

    #[test]
    fn decoded_tables_are_the_generated_ones() {
        let t = tables();
        assert_eq!(t.runs, RUNS);
        let deltas: Vec<i32> = t.run_deltas.iter().map(|&v| v as i32).collect();
        assert_eq!(deltas, RUN_DELTAS);
        assert_eq!(t.case_ignorable, CASE_IGNORABLE);
        assert_eq!(t.cased, CASED);
    }

    fn chars() -> impl Iterator<Item = char> {
        (0..=0x10FFFFu32).filter_map(char::from_u32)
    }

    /// The standard library's lower case of `c`, if it is one character other than `c`.
    fn std_single(c: char) -> Option<char> {
        let mut l = c.to_lowercase();
        match (l.next(), l.next()) {
            (Some(x), None) if x != c => Some(x),
            _ => None,
        }
    }

    /// The lower case of the sigma at character `at` of `probe`, by the standard library.
    fn sigma_at(probe: &str, at: usize) -> char {
        probe.to_lowercase().chars().nth(at).unwrap()
    }

    /// Whether `c` is case-ignorable, and whether it is cased and not case-ignorable, read off
    /// how the standard library lower-cases a sigma next to it: `cΣ` ends in `ς` only if `c`
    /// is cased and not ignorable; `AcΣ` ends in `ς` unless `c` is neither; `AΣc` has `ς`
    /// unless `c` is cased and not ignorable. (Whether an ignorable character is also cased
    /// never matters: the rule skips ignorable characters before it asks.)
    fn classes(c: char) -> (bool, bool) {
        let last = |s: String| sigma_at(&s, s.to_lowercase().chars().count() - 1);
        let a = last(format!("{c}Σ")) == 'ς';
        let b = last(format!("A{c}Σ")) == 'ς';
        let d = sigma_at(&format!("AΣ{c}"), 1) == 'ς';
        (b && d, a)
    }

    fn ranges(members: impl Iterator<Item = u32>) -> Vec<(u32, u32)> {
        let mut out: Vec<(u32, u32)> = Vec::new();
        for c in members {
            match out.last_mut() {
                Some(r) if r.1 + 1 == c && c - r.0 < 256 => r.1 = c,
                _ => out.push((c, c)),
            }
        }
        out
    }

    /// The generated tables' source, from the standard library.
    fn generate() -> String {
        // Runs of characters a stride of 1 or 2 apart with the same distance to their lower
        // case (characters in a stride-2 run's gaps map to themselves).
        let mapped: Vec<(u32, i32)> = chars()
            .filter(|&c| !c.is_ascii() && c != '\u{130}')
            .filter_map(|c| std_single(c).map(|l| (c as u32, l as i32 - c as i32)))
            .collect();
        let mut runs: Vec<(u32, u32, u32, i32)> = Vec::new(); // start, length, stride, delta
        for &(c, delta) in &mapped {
            if let Some(r) = runs.last_mut() {
                let next = r.0 + r.1 * r.2;
                if r.3 == delta && r.1 < 1024 && (c == next || (r.1 == 1 && c == r.0 + 2)) {
                    if r.1 == 1 {
                        r.2 = c - r.0;
                    }
                    r.1 += 1;
                    continue;
                }
            }
            runs.push((c, 1, 1, delta));
        }
        let (mut ignorable, mut cased) = (Vec::new(), Vec::new());
        for c in chars() {
            let (i, k) = classes(c);
            if i {
                ignorable.push(c as u32);
            }
            if k {
                cased.push(c as u32);
            }
        }
        let list = |items: Vec<String>| {
            items
                .chunks(10)
                .map(|c| format!("    {},\n", c.join(", ")))
                .collect::<String>()
        };
        let packed = |r: Vec<(u32, u32)>| {
            list(
                r.iter()
                    .map(|(s, e)| format!("0x{:x}", s << 8 | (e - s)))
                    .collect(),
            )
        };
        let (ignorable, cased) = (ranges(ignorable.into_iter()), ranges(cased.into_iter()));
        let mut out = String::from(
            "//! Generated from the standard library by `TENK_WRITE_LOWER=1 cargo test -p \
             tenk-core lower::`\n//! (`lower::tests::tables_are_generated`); do not edit.\n\n",
        );
        out += &format!(
            "/// Runs of upper-case characters (not ASCII, not `İ`): `start << 11 | (length - 1) \
             << 1 | (stride - 1)`.\n#[rustfmt::skip]\npub(super) const RUNS: [u32; {}] = \
             [\n{}];\n\n",
            runs.len(),
            list(
                runs.iter()
                    .map(|r| format!("0x{:x}", r.0 << 11 | (r.1 - 1) << 1 | (r.2 - 1)))
                    .collect()
            )
        );
        out += &format!(
            "/// Each run's lower case minus upper case.\n#[rustfmt::skip]\npub(super) const \
             RUN_DELTAS: [i32; {}] = [\n{}];\n\n",
            runs.len(),
            list(runs.iter().map(|r| r.3.to_string()).collect())
        );
        out += &format!(
            "/// Case-ignorable characters, as ranges `first << 8 | (length - 1)`.\n\
             #[rustfmt::skip]\npub(super) const CASE_IGNORABLE: [u32; {}] = [\n{}];\n\n",
            ignorable.len(),
            packed(ignorable.clone())
        );
        out += &format!(
            "/// Cased characters that are not case-ignorable, as ranges `first << 8 | (length - \
             1)`.\n#[rustfmt::skip]\npub(super) const CASED: [u32; {}] = [\n{}];\n",
            cased.len(),
            packed(cased.clone())
        );
        out
    }

    #[test]
    fn tables_are_generated() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/lower/table.rs");
        let fresh = generate();
        if std::env::var_os("TENK_WRITE_LOWER").is_some() {
            std::fs::write(path, &fresh).unwrap();
        }
        assert!(
            include_str!("lower/table.rs") == fresh,
            "src/lower/table.rs is stale: run TENK_WRITE_LOWER=1 cargo test -p tenk-core lower::"
        );
    }

    #[test]
    fn every_character_lowers_as_in_the_standard_library() {
        for c in chars() {
            let ours: String = lowercase_chars(c).collect();
            assert_eq!(ours, c.to_lowercase().to_string(), "{c:?}");
            assert_eq!(
                lowercase_str(&c.to_string()),
                c.to_string().to_lowercase(),
                "{c:?}"
            );
        }
    }

    /// A sigma next to every character, on either side and both.
    #[test]
    fn sigmas_lower_as_in_the_standard_library() {
        for c in chars() {
            for probe in [
                format!("{c}Σ"),
                format!("A{c}Σ"),
                format!("AΣ{c}"),
                format!("Σ{c}"),
                format!("{c}Σ{c}"),
                format!("a{c}Σ{c}b"),
            ] {
                assert_eq!(lowercase_str(&probe), probe.to_lowercase(), "{probe:?}");
            }
        }
        let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
        let pieces = [
            "Σ",
            "ΟΔΥΣΣΕΥΣ",
            "'",
            "\u{301}",
            "\u{ad}",
            ".",
            " ",
            "A",
            "ß",
            "İ",
            "ǅ",
            "ͅ",
            "1",
            "Ⓐ",
            "\u{200d}",
            ":",
            "ʹ",
        ];
        for _ in 0..20_000 {
            let mut s = String::new();
            for _ in 0..8 {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                s.push_str(pieces[(seed % pieces.len() as u64) as usize]);
            }
            assert_eq!(lowercase_str(&s), s.to_lowercase(), "{s:?}");
        }
    }
}
