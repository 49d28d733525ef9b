//! Integer tables stored as the bytes of their deltas, for the WebAssembly's size.
//!
//! The generated Unicode tables (`marks/table.rs`, `lower/table.rs`) are sorted or slowly
//! varying `u32`, `i32` and `i16` arrays. As arrays they are ≈ 11 KB of data that gzip makes
//! ≈ 6.6 KB of; as the differences between neighbours (zigzag, LEB128: one byte for most)
//! ≈ 5.6 KB that gzip makes ≈ 4 KB of. [`delta_bytes!`] writes those bytes at compile time
//! from the generated array (a `const`, so the array itself is not in the binary), and
//! [`decode`] reads them back once, when a table is first used.

/// The bytes of the integer array `$table` (a `const` of `u32`, `i32` or `i16`): each value
/// minus the one before (the first minus 0), zigzag-coded, in LEB128 ([`encode`], run twice at
/// compile time: once to count the bytes, once to write them).
macro_rules! delta_bytes {
    ($table:expr) => {{
        const VALUES: [i64; $table.len()] = {
            let t = &$table;
            let mut values = [0i64; $table.len()];
            let mut i = 0;
            while i < t.len() {
                values[i] = t[i] as i64;
                i += 1;
            }
            values
        };
        const LEN: usize = $crate::deltas::encode(&VALUES, &mut []);
        const BYTES: [u8; LEN] = {
            let mut out = [0u8; LEN];
            $crate::deltas::encode(&VALUES, &mut out);
            out
        };
        &BYTES
    }};
}
pub(crate) use delta_bytes;

/// Writes `values` as [`delta_bytes!`] stores them into `out` and returns how many bytes that
/// takes; with an `out` too short (an empty one, to count) nothing past its end is written.
pub(crate) const fn encode(values: &[i64], out: &mut [u8]) -> usize {
    let (mut i, mut n, mut prev) = (0, 0, 0i64);
    while i < values.len() {
        let d = values[i] - prev;
        prev = values[i];
        let mut z = ((d << 1) ^ (d >> 63)) as u64;
        loop {
            let low = (z & 0x7f) as u8;
            z >>= 7;
            let byte = if z == 0 { low } else { low | 0x80 };
            if n < out.len() {
                out[n] = byte;
            }
            n += 1;
            if z == 0 {
                break;
            }
        }
        i += 1;
    }
    n
}

/// The values [`delta_bytes!`] wrote, each as `u32` (an `i32` or `i16` value as its two's
/// complement: read it back with `as i32`).
pub(crate) fn decode(bytes: &[u8]) -> Vec<u32> {
    let mut out = Vec::with_capacity(bytes.len());
    let (mut value, mut z, mut shift) = (0i64, 0u64, 0);
    for &b in bytes {
        z |= u64::from(b & 0x7f) << shift;
        shift += 7;
        if b < 0x80 {
            value += (z >> 1) as i64 ^ -((z & 1) as i64);
            out.push(value as u32);
            (z, shift) = (0, 0);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const SIGNED: [i16; 6] = [5, -300, -300, 32767, -32768, 0];
    const UNSIGNED: [u32; 5] = [0, 1, 0x10ffff << 8, 0xffff_ffff, 7];

    #[test]
    fn round_trip() {
        let s: Vec<i32> = decode(delta_bytes!(SIGNED))
            .iter()
            .map(|&v| v as i32)
            .collect();
        assert_eq!(s, SIGNED.map(i32::from));
        assert_eq!(decode(delta_bytes!(UNSIGNED)), UNSIGNED);
        assert!(decode(&[]).is_empty());
        // Small steps take one byte each.
        assert_eq!(delta_bytes!([1u32, 2, 3, 60]).len(), 4);
    }
}
