//! UTF-8 byte offsets (what Rust slices use) to UTF-16 code unit offsets (what JavaScript
//! strings use). Every finding leaves the core in UTF-16.

/// Converts byte offsets into one text to UTF-16 offsets.
///
/// Built once per analysed text in O(n); each lookup is a binary search over the characters
/// that are not one UTF-16 unit per byte, so ASCII-heavy text costs almost nothing.
#[derive(Debug, Clone)]
pub struct Utf16Map {
    /// (byte offset, utf16 offset) at each char boundary after a multi-byte char.
    checkpoints: Vec<(usize, usize)>,
}

impl Utf16Map {
    /// Builds the map for `text`.
    pub fn new(text: &str) -> Self {
        let mut checkpoints = Vec::new();
        let bytes = text.as_bytes();
        let (mut byte, mut utf16) = (0usize, 0usize);
        while byte < bytes.len() {
            // ASCII: one unit per byte, no checkpoint; skipped in one search.
            let ascii = crate::bytes::find_non_ascii(bytes, byte).unwrap_or(bytes.len()) - byte;
            byte += ascii;
            utf16 += ascii;
            let Some(&lead) = bytes.get(byte) else {
                break;
            };
            // Every other character has more UTF-8 bytes than UTF-16 units: 2 or 3 bytes make
            // one unit, 4 bytes (outside the BMP) a surrogate pair.
            let (len, units) = match lead {
                0xF0.. => (4, 2),
                0xE0.. => (3, 1),
                _ => (2, 1),
            };
            byte += len;
            utf16 += units;
            checkpoints.push((byte, utf16));
        }
        Utf16Map { checkpoints }
    }

    /// UTF-16 offset of the char boundary at `byte`. `byte` must lie on a char boundary.
    pub fn to_utf16(&self, byte: usize) -> usize {
        match self.checkpoints.binary_search_by(|(b, _)| b.cmp(&byte)) {
            Ok(i) => self.checkpoints[i].1,
            Err(0) => byte,
            Err(i) => {
                let (b, u) = self.checkpoints[i - 1];
                u + (byte - b)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_is_identity() {
        let m = Utf16Map::new("hello");
        assert_eq!(m.to_utf16(0), 0);
        assert_eq!(m.to_utf16(5), 5);
    }

    #[test]
    fn norwegian_letters_and_emoji() {
        let text = "æøå 😀 x";
        let m = Utf16Map::new(text);
        let x = text.find('x').unwrap();
        // æ ø å = 3 units, space, emoji = 2 units, space → x at 7
        assert_eq!(m.to_utf16(x), 7);
        assert_eq!(m.to_utf16(text.len()), 8);
        let expected: usize = text.encode_utf16().count();
        assert_eq!(m.to_utf16(text.len()), expected);
    }
}
