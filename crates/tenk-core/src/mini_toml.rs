//! A small reader for the subset of TOML that policy files use, so the WebAssembly build does
//! not carry a full TOML parser (the `toml` crate is about half of the WASM's code; see
//! `BENCHMARKS.md`). The CLI and native builds use the `toml` crate (feature `toml`), which
//! also gives every field's line; a test checks that both readers agree on the built-in policy.
//!
//! Supported: comments, `[table]` and `[[array.of.tables]]` headers, bare, quoted and dotted
//! keys, basic (`"…"`, with `\" \\ \n \t \r \b \f \uXXXX \UXXXXXXXX` escapes) and literal
//! (`'…'`) strings, integers, booleans, arrays (over several lines, trailing comma, comments
//! inside) and inline tables. Not supported, with a clear error: multi-line strings, floats,
//! dates. Errors carry the line number.

use crate::text::sub;
use serde::Deserialize;
use serde_json::{Map, Value};

/// A syntax error in a policy file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    /// 1-based line of the error.
    pub line: usize,
    /// What is wrong, in one sentence.
    pub message: String,
}

/// A value whose position in the source is not tracked by this reader (the stand-in for
/// `toml::Spanned` when the `toml` feature is off).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(transparent)]
pub struct Spanned<T> {
    value: T,
}

impl<T> Spanned<T> {
    /// A value; the span is not kept (the same call as `toml::Spanned::new`).
    pub fn new(_span: std::ops::Range<usize>, value: T) -> Spanned<T> {
        Spanned { value }
    }

    /// The value.
    pub fn get_ref(&self) -> &T {
        &self.value
    }

    /// The value, owned.
    pub fn into_inner(self) -> T {
        self.value
    }

    /// Byte range in the source: unknown with this reader, so always empty at 0.
    pub fn span(&self) -> std::ops::Range<usize> {
        0..0
    }
}

/// Reads `source` into a JSON-like value tree (tables become objects).
pub fn parse(source: &str) -> Result<Value, SyntaxError> {
    let mut p = Parser {
        s: source.as_bytes(),
        src: source,
        pos: 0,
        line: 1,
    };
    let mut root = Map::new();
    let mut current: Vec<String> = Vec::new();
    loop {
        p.skip_blank_lines();
        let Some(c) = p.peek() else { break };
        if c == b'[' {
            let array = p.s.get(p.pos + 1) == Some(&b'[');
            p.pos += if array { 2 } else { 1 };
            p.skip_spaces();
            let path = p.key_path()?;
            p.skip_spaces();
            let close: &[u8] = if array { b"]]" } else { b"]" };
            if !p.s[p.pos..].starts_with(close) {
                return Err(p.error("a table header must end with ]"));
            }
            p.pos += close.len();
            p.end_of_line()?;
            if array {
                let (last, parents) = path
                    .split_last()
                    .expect("key_path returns one key at least");
                let parent = table_at(&mut root, parents).map_err(|m| p.error(&m))?;
                let slot = parent
                    .entry(last.clone())
                    .or_insert_with(|| Value::Array(Vec::new()));
                match slot {
                    Value::Array(items) => items.push(Value::Object(Map::new())),
                    _ => return Err(p.error(&format!("«{last}» is already defined as a value"))),
                }
            } else {
                table_at(&mut root, &path).map_err(|m| p.error(&m))?;
            }
            current = path;
        } else {
            let path = p.key_path()?;
            p.skip_spaces();
            if p.peek() != Some(b'=') {
                return Err(p.error("expected = after the key"));
            }
            p.pos += 1;
            p.skip_spaces();
            let value = p.value()?;
            p.end_of_line()?;
            let (last, parents) = path
                .split_last()
                .expect("key_path returns one key at least");
            let mut full = current.clone();
            full.extend_from_slice(parents);
            let table = table_at(&mut root, &full).map_err(|m| p.error(&m))?;
            if table.contains_key(last) {
                return Err(p.error(&format!("the key «{last}» is defined twice")));
            }
            table.insert(last.clone(), value);
        }
    }
    Ok(Value::Object(root))
}

/// The table at `path`, creating missing tables; an array of tables is entered at its last
/// element, as TOML specifies.
fn table_at<'v>(
    root: &'v mut Map<String, Value>,
    path: &[String],
) -> Result<&'v mut Map<String, Value>, String> {
    let mut table = root;
    for key in path {
        let slot = table
            .entry(key.clone())
            .or_insert_with(|| Value::Object(Map::new()));
        table = match slot {
            Value::Object(t) => t,
            Value::Array(items) => match items.last_mut() {
                Some(Value::Object(t)) => t,
                _ => return Err(format!("«{key}» is an array of values, not of tables")),
            },
            _ => return Err(format!("«{key}» is already defined as a value")),
        };
    }
    Ok(table)
}

struct Parser<'a> {
    s: &'a [u8],
    src: &'a str,
    pos: usize,
    line: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.s.get(self.pos).copied()
    }

    fn error(&self, message: &str) -> SyntaxError {
        SyntaxError {
            line: self.line,
            message: message.to_string(),
        }
    }

    fn skip_spaces(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t')) {
            self.pos += 1;
        }
    }

    fn skip_comment(&mut self) {
        if self.peek() == Some(b'#') {
            while !matches!(self.peek(), None | Some(b'\n')) {
                self.pos += 1;
            }
        }
    }

    /// Skips spaces, comments and newlines (between statements and inside arrays).
    fn skip_blank_lines(&mut self) {
        loop {
            self.skip_spaces();
            self.skip_comment();
            match self.peek() {
                Some(b'\n') => {
                    self.pos += 1;
                    self.line += 1;
                }
                Some(b'\r') if self.s.get(self.pos + 1) == Some(&b'\n') => self.pos += 1,
                _ => return,
            }
        }
    }

    /// After a statement only spaces and a comment may follow on the line.
    fn end_of_line(&mut self) -> Result<(), SyntaxError> {
        self.skip_spaces();
        self.skip_comment();
        match self.peek() {
            None | Some(b'\n') | Some(b'\r') => Ok(()),
            Some(_) => {
                Err(self.error("unexpected text after the value (one key = value per line)"))
            }
        }
    }

    fn key_path(&mut self) -> Result<Vec<String>, SyntaxError> {
        let mut path = vec![self.key()?];
        loop {
            self.skip_spaces();
            if self.peek() != Some(b'.') {
                return Ok(path);
            }
            self.pos += 1;
            self.skip_spaces();
            path.push(self.key()?);
        }
    }

    fn key(&mut self) -> Result<String, SyntaxError> {
        match self.peek() {
            Some(b'"') => self.basic_string(),
            Some(b'\'') => self.literal_string(),
            _ => {
                let start = self.pos;
                while matches!(self.peek(), Some(c) if c.is_ascii_alphanumeric() || c == b'_' || c == b'-')
                {
                    self.pos += 1;
                }
                if start == self.pos {
                    return Err(self.error("expected a key"));
                }
                Ok(sub(self.src, start..self.pos).to_string())
            }
        }
    }

    fn value(&mut self) -> Result<Value, SyntaxError> {
        match self.peek() {
            Some(b'"') => self.basic_string().map(Value::String),
            Some(b'\'') => self.literal_string().map(Value::String),
            Some(b'[') => self.array(),
            Some(b'{') => self.inline_table(),
            Some(b't') if self.s[self.pos..].starts_with(b"true") => {
                self.pos += 4;
                Ok(Value::Bool(true))
            }
            Some(b'f') if self.s[self.pos..].starts_with(b"false") => {
                self.pos += 5;
                Ok(Value::Bool(false))
            }
            Some(c) if c.is_ascii_digit() || c == b'-' || c == b'+' => self.integer(),
            _ => {
                Err(self
                    .error("expected a value (a string, number, true/false, [array] or {table})"))
            }
        }
    }

    fn integer(&mut self) -> Result<Value, SyntaxError> {
        let start = self.pos;
        if matches!(self.peek(), Some(b'-' | b'+')) {
            self.pos += 1;
        }
        while matches!(self.peek(), Some(c) if c.is_ascii_alphanumeric() || c == b'_' || c == b'.' || c == b':')
        {
            self.pos += 1;
        }
        let text: String = sub(self.src, start..self.pos)
            .chars()
            .filter(|c| *c != '_')
            .collect();
        text.parse::<i64>().map(Value::from).map_err(|_| {
            self.error(&format!(
                "«{text}» is not a whole number (floats and dates are not used in policies)"
            ))
        })
    }

    fn array(&mut self) -> Result<Value, SyntaxError> {
        self.pos += 1; // [
        let mut items = Vec::new();
        loop {
            self.skip_blank_lines();
            match self.peek() {
                Some(b']') => {
                    self.pos += 1;
                    return Ok(Value::Array(items));
                }
                None => return Err(self.error("the array is not closed with ]")),
                _ => {}
            }
            items.push(self.value()?);
            self.skip_blank_lines();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b']') => {}
                None => return Err(self.error("the array is not closed with ]")),
                _ => return Err(self.error("expected , or ] in the array")),
            }
        }
    }

    fn inline_table(&mut self) -> Result<Value, SyntaxError> {
        self.pos += 1; // {
        let mut table = Map::new();
        self.skip_spaces();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(Value::Object(table));
        }
        loop {
            self.skip_spaces();
            let path = self.key_path()?;
            self.skip_spaces();
            if self.peek() != Some(b'=') {
                return Err(self.error("expected = in the inline table"));
            }
            self.pos += 1;
            self.skip_spaces();
            let value = self.value()?;
            let (last, parents) = path
                .split_last()
                .expect("key_path returns one key at least");
            let inner = table_at(&mut table, parents).map_err(|m| self.error(&m))?;
            if inner.insert(last.clone(), value).is_some() {
                return Err(self.error(&format!("the key «{last}» is defined twice")));
            }
            self.skip_spaces();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    return Ok(Value::Object(table));
                }
                _ => return Err(self.error("expected , or } in the inline table (on one line)")),
            }
        }
    }

    fn literal_string(&mut self) -> Result<String, SyntaxError> {
        if self.s[self.pos..].starts_with(b"'''") {
            return Err(self.error("multi-line strings are not supported in policy files"));
        }
        self.pos += 1;
        let start = self.pos;
        loop {
            match self.peek() {
                Some(b'\'') => break,
                None | Some(b'\n') => {
                    return Err(self.error("the string is not closed on its line"))
                }
                _ => self.pos += 1,
            }
        }
        let text = sub(self.src, start..self.pos).to_string();
        self.pos += 1;
        Ok(text)
    }

    fn basic_string(&mut self) -> Result<String, SyntaxError> {
        if self.s[self.pos..].starts_with(b"\"\"\"") {
            return Err(
                self.error("multi-line strings are not supported in policy files (write \\n)")
            );
        }
        self.pos += 1;
        let mut out = String::new();
        let mut run = self.pos;
        loop {
            match self.peek() {
                Some(b'"') => {
                    out.push_str(sub(self.src, run..self.pos));
                    self.pos += 1;
                    return Ok(out);
                }
                None | Some(b'\n') => {
                    return Err(self.error("the string is not closed on its line"))
                }
                Some(b'\\') => {
                    out.push_str(sub(self.src, run..self.pos));
                    self.pos += 1;
                    out.push(self.escape()?);
                    run = self.pos;
                }
                _ => self.pos += 1,
            }
        }
    }

    fn escape(&mut self) -> Result<char, SyntaxError> {
        let c = self
            .peek()
            .ok_or_else(|| self.error("the string ends after \\"))?;
        self.pos += 1;
        Ok(match c {
            b'"' => '"',
            b'\\' => '\\',
            b'n' => '\n',
            b't' => '\t',
            b'r' => '\r',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'u' | b'U' => {
                let len = if c == b'u' { 4 } else { 8 };
                let hex = self
                    .src
                    .get(self.pos..self.pos + len)
                    .ok_or_else(|| self.error("a \\u escape needs hex digits"))?;
                let code = u32::from_str_radix(hex, 16)
                    .map_err(|_| self.error("a \\u escape needs hex digits"))?;
                self.pos += len;
                char::from_u32(code)
                    .ok_or_else(|| self.error("the \\u escape is not a Unicode scalar value"))?
            }
            _ => return Err(self.error("unknown escape in a string")),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// A case: name, source, expected value.
    type Case = (&'static str, &'static str, fn() -> Value);

    #[rustfmt::skip]
    const OK: &[Case] = &[
        ("keys and scalars", "a = \"x\"\nb = 3\nc = true\nd = 'lit\\eral'", || json!({"a": "x", "b": 3, "c": true, "d": "lit\\eral"})),
        ("comments everywhere", "# top\na = \"x\" # after\n\n# end", || json!({"a": "x"})),
        ("escapes", r#"a = "q\"b\\n\n\u00e6\U0001F600""#, || json!({"a": "q\"b\\n\næ😀"})),
        ("tables and dotted keys", "[t]\nx.y = 1\n[t.u]\nz = 2", || json!({"t": {"x": {"y": 1}, "u": {"z": 2}}})),
        ("array of tables", "[[g]]\nid = \"a\"\n[g.nb]\nt = 1\n[[g]]\nid = \"b\"", || json!({"g": [{"id": "a", "nb": {"t": 1}}, {"id": "b"}]})),
        ("nested array of tables", "[[g]]\nid = 1\n[[g.d]]\nn = 1\n[[g.d]]\nn = 2", || json!({"g": [{"id": 1, "d": [{"n": 1}, {"n": 2}]}]})),
        ("multi-line array", "a = [\n  \"x\", # one\n  \"y\",\n]\nb = []", || json!({"a": ["x", "y"], "b": []})),
        ("inline table", "a = { b = 1, c.d = \"e\" }", || json!({"a": {"b": 1, "c": {"d": "e"}}})),
        ("quoted keys and CRLF", "\"æ ø\" = 1\r\nb = -2_0\r\n", || json!({"æ ø": 1, "b": -20})),
        ("empty", "", || json!({})),
    ];

    #[test]
    fn reads_the_subset() {
        for (name, src, expected) in OK {
            assert_eq!(
                parse(src).unwrap_or_else(|e| panic!("{name}: {e:?}")),
                expected(),
                "{name}"
            );
        }
    }

    #[rustfmt::skip]
    const BAD: &[(&str, &str, usize, &str)] = &[
        ("unclosed string", "a = 1\nb = \"x", 2, "not closed"),
        ("duplicate key", "a = 1\na = 2", 2, "defined twice"),
        ("float", "a = 1.5", 1, "whole number"),
        ("multi-line string", "a = \"\"\"x\"\"\"", 1, "multi-line"),
        ("two values on a line", "a = 1 b = 2", 1, "after the value"),
        ("unclosed array", "a = [\n\"x\"\n", 3, "not closed"),
        ("missing equals", "a 1", 1, "expected ="),
        ("header not closed", "[a\nb = 1", 1, "end with ]"),
        ("value then table", "a = 1\n[a]", 2, "already defined"),
        ("bad escape", r#"a = "\q""#, 1, "unknown escape"),
        ("lone key", "a", 1, "expected ="),
    ];

    #[test]
    fn errors_name_the_line() {
        for (name, src, line, needle) in BAD {
            let e = parse(src).expect_err(name);
            assert_eq!(e.line, *line, "{name}: {e:?}");
            assert!(e.message.contains(needle), "{name}: {e:?}");
        }
    }

    #[test]
    fn spanned_is_transparent() {
        let s: Spanned<Vec<String>> = serde_json::from_value(json!(["a"])).unwrap();
        assert_eq!(s.get_ref(), &vec!["a".to_string()]);
        assert_eq!(s.span(), 0..0);
    }

    #[cfg(feature = "toml")]
    #[test]
    fn agrees_with_the_toml_crate_on_the_built_in_policy() {
        let ours = parse(crate::engine::DEFAULT_POLICY).expect("built-in policy parses");
        let theirs: Value = toml::from_str(crate::engine::DEFAULT_POLICY).expect("toml parses");
        assert_eq!(ours, theirs);
    }
}
