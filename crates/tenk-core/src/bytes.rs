//! Byte searches eight bytes at a time, for the scans that look for one kind of byte in the
//! whole text (the next non-ASCII byte, `!`, digit). A byte-at-a-time `position` loop costs
//! 5–8 instructions a byte; testing a `u64` word for the byte costs about one.

/// Every byte of a `u64` set to `b`.
const fn splat(b: u8) -> u64 {
    u64::from_ne_bytes([b; 8])
}

const LOW7: u64 = splat(0x7F);
const HIGH: u64 = splat(0x80);

/// The high bit of every byte of `x` that is zero (exact, no false positives).
const fn zero_bytes(x: u64) -> u64 {
    !(((x & LOW7) + LOW7) | x | LOW7)
}

/// The high bit of every byte of `x` in `lo..=hi` (`hi` < 127; exact).
const fn bytes_between(x: u64, lo: u8, hi: u8) -> u64 {
    let low = x & LOW7;
    // `low + (127 - hi)` sets the high bit of bytes above `hi`; `low + (128 - lo)` of bytes
    // at or above `lo` (neither carries across bytes: each sum stays below 256).
    let above_hi = low + splat(127 - hi);
    let at_least_lo = low + splat(128 - lo);
    at_least_lo & !above_hi & !x & HIGH
}

/// For eight ASCII bytes, bit `8 k` set where byte `k` is an ASCII letter or digit; `None` if
/// any byte is not ASCII.
pub(crate) fn alnum_bits(chunk: [u8; 8]) -> Option<u64> {
    let x = u64::from_le_bytes(chunk);
    if x & HIGH != 0 {
        return None;
    }
    let marks =
        bytes_between(x, b'0', b'9') | bytes_between(x, b'a', b'z') | bytes_between(x, b'A', b'Z');
    Some(marks >> 7)
}

/// For eight bytes, bit `8 k` set where byte `k` is ASCII white space (what
/// `u8::is_ascii_whitespace` accepts: space, tab, line feed, form feed, carriage return).
pub(crate) fn space_bits(chunk: [u8; 8]) -> u64 {
    let x = u64::from_le_bytes(chunk);
    let marks = bytes_between(x, b'\t', b'\n')
        | bytes_between(x, 0x0C, b'\r')
        | zero_bytes(x ^ splat(b' '));
    marks >> 7
}

/// Eight ASCII bytes with their upper-case letters lower-cased, or `None` if one is not ASCII
/// or is a tab, form feed or carriage return (white space that folding turns into a space).
pub(crate) fn lower_ascii(chunk: [u8; 8]) -> Option<[u8; 8]> {
    let x = u64::from_le_bytes(chunk);
    if x & HIGH != 0 || bytes_between(x, b'\t', b'\t') | bytes_between(x, 0x0C, b'\r') != 0 {
        return None;
    }
    // The high bit of each upper-case letter, moved to 0x20: the bit that makes it lower case.
    Some((x | (bytes_between(x, b'A', b'Z') >> 2)).to_le_bytes())
}

/// The bytes of an eight-byte chunk that are neither an ASCII lower-case letter, a digit nor
/// a space, as the high bit of each (what is left to look at in a folded text once its plain
/// words and spaces are skipped: punctuation, line breaks, upper case, non-ASCII bytes).
pub(crate) fn other_bits(chunk: [u8; 8]) -> u64 {
    let x = u64::from_le_bytes(chunk);
    let plain =
        bytes_between(x, b'a', b'z') | bytes_between(x, b'0', b'9') | zero_bytes(x ^ splat(b' '));
    !plain & HIGH
}

/// The first index at or after `from` where `hit(word)` marks a byte, with `one(byte)` the
/// same test for a single byte.
#[inline(always)]
fn find(
    bytes: &[u8],
    from: usize,
    hit: impl Fn(u64) -> u64,
    one: impl Fn(u8) -> bool,
) -> Option<usize> {
    let mut i = from;
    while i + 8 <= bytes.len() {
        // Eight bytes by the loop's test; the zero word only spares a panic path whose message
        // prints `TryFromSliceError` with `Debug` (BENCHMARKS.md, «size4»).
        let word = u64::from_le_bytes(bytes[i..i + 8].try_into().unwrap_or([0; 8]));
        let marks = hit(word);
        if marks != 0 {
            return Some(i + (marks.trailing_zeros() / 8) as usize);
        }
        i += 8;
    }
    bytes[i.min(bytes.len())..]
        .iter()
        .position(|&b| one(b))
        .map(|k| i + k)
}

/// The index of the first byte at or after `from` that is not ASCII.
pub(crate) fn find_non_ascii(bytes: &[u8], from: usize) -> Option<usize> {
    find(bytes, from, |w| w & HIGH, |b| b >= 0x80)
}

/// The index of the first `needle` at or after `from`.
pub(crate) fn find_byte(bytes: &[u8], from: usize, needle: u8) -> Option<usize> {
    let pattern = splat(needle);
    find(bytes, from, |w| zero_bytes(w ^ pattern), |b| b == needle)
}

/// The index of the first ASCII digit at or after `from`.
pub(crate) fn find_digit(bytes: &[u8], from: usize) -> Option<usize> {
    find(
        bytes,
        from,
        |w| bytes_between(w, b'0', b'9'),
        |b| b.is_ascii_digit(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn naive(bytes: &[u8], from: usize, f: impl Fn(u8) -> bool) -> Option<usize> {
        bytes[from..].iter().position(|&b| f(b)).map(|k| from + k)
    }

    /// Calls `check(chunk, (v, at, fill))` for every byte value `v` at every position `at` of
    /// an eight-byte chunk of `fill`, for each of `fills`.
    fn every_byte_at_every_position(fills: &[u8], mut check: impl FnMut([u8; 8], (u8, usize, u8))) {
        for &fill in fills {
            for at in 0..8 {
                for v in 0..=255u8 {
                    let mut chunk = [fill; 8];
                    chunk[at] = v;
                    check(chunk, (v, at, fill));
                }
            }
        }
    }

    /// One bit per byte (`bit << 8 * k`) for the bytes `k` of `chunk` that `f` accepts.
    fn bits(chunk: [u8; 8], bit: u64, f: impl Fn(u8) -> bool) -> u64 {
        (0..8)
            .filter(|&k| f(chunk[k]))
            .map(|k| bit << (8 * k))
            .sum()
    }

    #[test]
    fn alnum_bits_for_every_byte_at_every_position() {
        every_byte_at_every_position(&[b'a', b' ', b'Z', b'0', 0x7F], |chunk, at| {
            let expected = chunk
                .iter()
                .all(u8::is_ascii)
                .then(|| bits(chunk, 1, |b| b.is_ascii_alphanumeric()));
            assert_eq!(alnum_bits(chunk), expected, "{at:?}");
        });
    }

    #[test]
    fn other_bits_for_every_byte_at_every_position() {
        every_byte_at_every_position(&[b'a', b' ', b'0', b'.', 0xC3], |chunk, at| {
            let expected = bits(chunk, 0x80, |b| {
                !(b.is_ascii_lowercase() || b.is_ascii_digit() || b == b' ')
            });
            assert_eq!(other_bits(chunk), expected, "{at:?}");
        });
    }

    #[test]
    fn space_bits_for_every_byte_at_every_position() {
        every_byte_at_every_position(&[b'a', b' ', b'\n', 0x0B, 0xFF], |chunk, at| {
            let expected = bits(chunk, 1, |b| b.is_ascii_whitespace());
            assert_eq!(space_bits(chunk), expected, "{at:?}");
        });
    }

    #[test]
    fn agree_with_the_byte_loop_for_every_byte_at_every_position() {
        // Every byte value at every offset of a 19-byte buffer of other bytes, searched from
        // every start: the word tests must neither miss a byte nor see one that is not there.
        for fill in [b'a', 0xFF, b'0' - 1, b'9' + 1, 0x80, 0] {
            for at in 0..19 {
                for v in 0..=255u8 {
                    let mut buf = [fill; 19];
                    buf[at] = v;
                    for from in 0..=buf.len() {
                        assert_eq!(
                            find_digit(&buf, from),
                            naive(&buf, from, |b| b.is_ascii_digit()),
                            "digit {v} at {at} in {fill}, from {from}"
                        );
                        assert_eq!(
                            find_non_ascii(&buf, from),
                            naive(&buf, from, |b| b >= 0x80),
                            "non-ASCII {v} at {at} in {fill}, from {from}"
                        );
                        for needle in [b'!', 0, 0xFF, v] {
                            assert_eq!(
                                find_byte(&buf, from, needle),
                                naive(&buf, from, |b| b == needle),
                                "{needle} in {v} at {at} in {fill}, from {from}"
                            );
                        }
                    }
                }
            }
        }
    }
}
