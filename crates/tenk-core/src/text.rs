//! String slicing and searching without the standard library's code that a panic message
//! would link into the WebAssembly (BENCHMARKS.md, «size3»).
//!
//! `&s[a..b]` on a `str` panics through `core::str::slice_error_fail`, whose message prints
//! the character the index falls inside with `{:?}`: that links `char`'s `Debug`, and with it
//! core's Unicode printable tables (≈ 2 KB gzipped of data). [`sub`] slices with `str::get`
//! and panics with a plain message instead: the same slices, the same abort on a bad index.
//! `str::find`/`contains`/`split_once` with a `&str` pattern use the standard library's
//! two-way searcher, which calls the same panic (and so does `str::contains` with a `char` that
//! is not known to be ASCII, which searches for its UTF-8 as a `&str`); [`find`] is a plain
//! search with the same answer (the leftmost match), and an ASCII character is looked for among
//! the bytes (`s.as_bytes().contains(&b'.')`). No caller in the WebAssembly may bring either
//! back: `core::str::slice_error_fail` and `StrSearcher` must stay out of a named build.

use std::slice::SliceIndex;

/// `&s[index]`, panicking with a plain message when `index` is out of range or not on a
/// character boundary (where `&s[index]` panics too).
#[inline]
pub(crate) fn sub<I: SliceIndex<str, Output = str>>(s: &str, index: I) -> &str {
    match s.get(index) {
        Some(t) => t,
        None => bad_slice(),
    }
}

/// `s.partition_point(pred)` (the index of the first element for which `pred` is false, `s`
/// being partitioned by it). In the WebAssembly build (`opt-level = "z"`, where `#[inline]`
/// moves nothing) the standard library's is a call per search and its comparison closure
/// another call per step: there [`binary_partition`] runs instead, inlined into the caller.
/// Natively, where the standard library's is inlined, it is that one.
#[inline(always)]
pub(crate) fn partition_point<T>(s: &[T], pred: impl FnMut(&T) -> bool) -> usize {
    if cfg!(target_arch = "wasm32") {
        binary_partition(s, pred)
    } else {
        s.partition_point(pred)
    }
}

/// The standard library's `partition_point`, step for step (a base that moves to the middle
/// when `pred` holds there, a select rather than a branch), always inlined.
#[inline(always)]
fn binary_partition<T>(s: &[T], mut pred: impl FnMut(&T) -> bool) -> usize {
    let mut size = s.len();
    if size == 0 {
        return 0;
    }
    let mut base = 0;
    while size > 1 {
        let half = size / 2;
        let mid = base + half;
        if pred(&s[mid]) {
            base = mid;
        }
        size -= half;
    }
    base + usize::from(pred(&s[base]))
}

#[cold]
#[inline(never)]
fn bad_slice() -> ! {
    panic!("string index out of range or not on a character boundary")
}

/// The byte offset of the first `needle` in `haystack`, as `haystack.find(needle)` gives it
/// (a match of a whole UTF-8 needle always starts on a character boundary).
pub(crate) fn find(haystack: &str, needle: &str) -> Option<usize> {
    let (h, n) = (haystack.as_bytes(), needle.as_bytes());
    let Some((&first, rest)) = n.split_first() else {
        return Some(0);
    };
    let last = h.len().checked_sub(n.len())?;
    (0..=last).find(|&i| h[i] == first && h[i + 1..i + n.len()] == *rest)
}

/// `haystack.contains(needle)`.
pub(crate) fn contains(haystack: &str, needle: &str) -> bool {
    find(haystack, needle).is_some()
}

/// `s.split_once(separator)`.
pub(crate) fn split_once<'s>(s: &'s str, separator: &str) -> Option<(&'s str, &'s str)> {
    let at = find(s, separator)?;
    Some((sub(s, ..at), sub(s, at + separator.len()..)))
}

/// `s` as `str::parse::<i32>` reads it, through the `i64` parser (`mini_toml` and the compiled
/// detectors link it anyway): one instance of the standard library's integer parser in the
/// WASM instead of three (BENCHMARKS.md, «size4»).
pub(crate) fn parse_i32(s: &str) -> Option<i32> {
    s.parse::<i64>().ok().and_then(|n| i32::try_from(n).ok())
}

/// `s` as `str::parse::<usize>` reads it (no `-` sign, not even for `-0`), for numbers up to
/// `i64::MAX`, through the `i64` parser (see [`parse_i32`]).
pub(crate) fn parse_usize(s: &str) -> Option<usize> {
    if s.starts_with('-') {
        return None;
    }
    s.parse::<i64>().ok().and_then(|n| usize::try_from(n).ok())
}

/// `names`, each between two `quote`s, joined by `, `: the lists of known names in error
/// messages. One function for the readers and the settings: each `map`/`collect`/`join` chain
/// was its own instance of the standard library's iterator code (BENCHMARKS.md, «size4»).
pub(crate) fn quoted_list(names: &[&str], quote: char) -> String {
    let mut out = String::new();
    for (i, name) in names.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push(quote);
        out.push_str(name);
        out.push(quote);
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn binary_partition_is_the_standard_librarys_partition_point() {
        for n in 0..40usize {
            let sorted: Vec<usize> = (0..n).map(|i| i / 3 * 2).collect();
            for x in 0..(n + 3) {
                for pred in [|e: &usize, x: usize| *e < x, |e: &usize, x: usize| *e <= x] {
                    assert_eq!(
                        super::binary_partition(&sorted, |e| pred(e, x)),
                        sorted.partition_point(|e| pred(e, x)),
                        "{n} {x}"
                    );
                }
            }
        }
    }

    #[test]
    fn integers_parse_as_the_standard_library_parses_them() {
        for s in [
            "",
            "+",
            "-",
            "-0",
            "+0",
            "0",
            "00",
            "007",
            "+7",
            "-7",
            "1_000",
            " 1",
            "1 ",
            "1a",
            "a",
            "١",
            "0x10",
            "1e3",
            "1.0",
            "2147483647",
            "2147483648",
            "-2147483648",
            "-2147483649",
            "4294967295",
            "4294967296",
            "-4294967296",
            "9223372036854775807",
            "9223372036854775808",
            "-9223372036854775808",
            "99999999999999999999",
        ] {
            assert_eq!(super::parse_i32(s), s.parse::<i32>().ok(), "{s:?}");
            let big = s.parse::<u128>().is_ok_and(|n| n > i64::MAX as u128);
            if !big {
                assert_eq!(super::parse_usize(s), s.parse::<usize>().ok(), "{s:?}");
            }
        }
    }

    use super::*;

    #[test]
    fn the_standard_librarys_answers() {
        let texts = [
            "",
            "a",
            "aa",
            "aaa",
            "abcabc",
            "på jobb på",
            "ååå",
            "a://b://c",
            "ø",
            "xøx",
        ];
        let needles = [
            "", "a", "aa", "b", "bc", "på", "å", "åå", "://", "ø", "x", "øx", "abcabcd",
        ];
        for t in texts {
            for n in needles {
                assert_eq!(find(t, n), t.find(n), "{t:?} {n:?}");
                assert_eq!(contains(t, n), t.contains(n), "{t:?} {n:?}");
                assert_eq!(split_once(t, n), t.split_once(n), "{t:?} {n:?}");
            }
            for i in 0..=t.len() + 1 {
                assert_eq!(
                    std::panic::catch_unwind(|| sub(t, i..).to_string()).ok(),
                    t.get(i..).map(str::to_string)
                );
            }
        }
    }
}
