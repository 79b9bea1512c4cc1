//! Import errors and the JSON paths that locate them.

use super::json::Json as Value;
use std::fmt;

/// What sort of problem stopped an import.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ImportErrorKind {
    /// The input is empty or only white space.
    Empty,
    /// The input is not JSON.
    Syntax {
        /// 1-based line of the problem.
        line: usize,
        /// 1-based column (in characters) of the problem.
        column: usize,
    },
    /// A Quotemark file of a format version this build cannot read (a newer Quotemark wrote it).
    UnsupportedVersion(u64),
    /// Valid JSON that is not a file Quotemark can read: wrong shape, wrong type or a bad value.
    Invalid,
}

/// Why a file could not be imported, and where in it.
///
/// Its [`Display`](fmt::Display) form is `path: reason`, e.g.
/// `first.items[3].target.selector[1]: TextPositionSelector end (12) is before start (40)`.
/// The path is written the way a JavaScript programmer would reach the value (`a.b[3].c`);
/// it is empty for problems with the input as a whole (empty input, JSON syntax).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportError {
    /// What sort of problem it is.
    pub kind: ImportErrorKind,
    /// Where the problem is, e.g. `first.items[3].target`; `top level` for the outermost value;
    /// empty when the input as a whole is at fault.
    pub path: String,
    /// What is wrong, e.g. `missing "target"`.
    pub reason: String,
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            f.write_str(&self.reason)
        } else {
            write!(f, "{}: {}", self.path, self.reason)
        }
    }
}

impl std::error::Error for ImportError {}

impl ImportError {
    pub(crate) fn empty() -> ImportError {
        ImportError { kind: ImportErrorKind::Empty, path: String::new(), reason: "the file is empty".into() }
    }

    /// A JSON syntax error in `input`, with serde_json's byte column turned into a character column.
    pub(crate) fn syntax(e: &serde_json::Error, input: &str) -> ImportError {
        let line = e.line();
        let column = char_column(input, line, e.column());
        let full = e.to_string();
        let suffix = format!(" at line {line} column {}", e.column());
        let message = full.strip_suffix(&suffix).unwrap_or(&full);
        ImportError {
            kind: ImportErrorKind::Syntax { line, column },
            path: String::new(),
            reason: format!("not valid JSON at line {line}, column {column}: {message}"),
        }
    }
}

/// Turns a 1-based byte column on a 1-based line into a 1-based character column.
fn char_column(input: &str, line: usize, byte_column: usize) -> usize {
    let Some(text) = input.split('\n').nth(line.saturating_sub(1)) else { return byte_column };
    let mut end = byte_column.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let chars = text[..end].chars().count();
    // A column inside a multi-byte character still points at that character.
    if end < byte_column.min(text.len()) {
        chars + 1
    } else {
        chars
    }
}

/// A location in a JSON value, built on the stack while walking it and rendered only for errors.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Path<'a> {
    Root,
    Key(&'a Path<'a>, &'a str),
    Index(&'a Path<'a>, usize),
}

impl<'a> Path<'a> {
    /// The path of member `key` of the object at this path.
    pub(crate) fn key<'b>(&'b self, key: &'b str) -> Path<'b> {
        Path::Key(self, key)
    }

    /// The path of element `index` of the array at this path.
    pub(crate) fn index(&self, index: usize) -> Path<'_> {
        Path::Index(self, index)
    }

    /// `first.items[3].target`, or `top level` for the root.
    pub(crate) fn render(&self) -> String {
        let mut parts = Vec::new();
        let mut at = self;
        loop {
            match at {
                Path::Root => break,
                Path::Key(parent, key) => {
                    parts.push(Err(*key));
                    at = parent;
                }
                Path::Index(parent, i) => {
                    parts.push(Ok(*i));
                    at = parent;
                }
            }
        }
        if parts.is_empty() {
            return "top level".to_string();
        }
        let mut out = String::new();
        for part in parts.iter().rev() {
            match part {
                Err(key) => {
                    if !out.is_empty() {
                        out.push('.');
                    }
                    out.push_str(key);
                }
                Ok(i) => {
                    out.push('[');
                    out.push_str(&i.to_string());
                    out.push(']');
                }
            }
        }
        out
    }

    /// An [`ImportErrorKind::Invalid`] error at this path.
    pub(crate) fn invalid(&self, reason: impl Into<String>) -> ImportError {
        ImportError { kind: ImportErrorKind::Invalid, path: self.render(), reason: reason.into() }
    }

    /// "expected {what}, found {describe(found)}" at this path.
    pub(crate) fn expected(&self, what: &str, found: &Value) -> ImportError {
        self.invalid(format!("expected {what}, found {}", describe(found)))
    }
}

/// Longest piece of a string quoted in an error message, in characters.
const QUOTED_MAX_CHARS: usize = 60;

/// A string for an error message: at most [`QUOTED_MAX_CHARS`] characters, in double quotes, with
/// control, bidi and other invisible characters escaped.
pub(crate) fn quoted(s: &str) -> String {
    match s.char_indices().nth(QUOTED_MAX_CHARS) {
        Some((cut, _)) => format!("{:?}…", &s[..cut]),
        None => format!("{s:?}"),
    }
}

/// What a JSON value is, for "expected …, found …" messages.
pub(crate) fn describe(v: &Value) -> String {
    match v {
        Value::Null => "null".to_string(),
        Value::Bool(b) => format!("a boolean ({b})"),
        Value::U64(_) | Value::I64(_) | Value::F64(_) => format!("a number ({v})"),
        Value::Str(s) => format!("a string ({})", quoted(s)),
        Value::Array(_) => "an array".to_string(),
        Value::Object(_) => "an object".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_render_like_javascript_accessors() {
        let root = Path::Root;
        assert_eq!(root.render(), "top level");
        let first = root.key("first");
        let items = first.key("items");
        let item = items.index(3);
        let target = item.key("target");
        let selector = target.key("selector");
        assert_eq!(selector.index(1).render(), "first.items[3].target.selector[1]");
        assert_eq!(root.index(0).key("id").render(), "[0].id");
    }

    #[test]
    fn quoted_strings_are_short_and_escaped() {
        assert_eq!(quoted("a\u{202e}b\n"), "\"a\\u{202e}b\\n\"");
        let long = "x".repeat(500);
        assert_eq!(quoted(&long), format!("\"{}\"…", "x".repeat(60)));
        assert_eq!(describe(&Value::I64(-4)), "a number (-4)");
        assert_eq!(describe(&Value::F64(52.5)), "a number (52.5)");
    }

    #[test]
    fn columns_count_characters() {
        let input = "[\"“😀”\" x]";
        let e = serde_json::from_str::<serde_json::Value>(input).unwrap_err();
        assert_eq!(e.column(), 15);
        assert_eq!(ImportError::syntax(&e, input).kind, ImportErrorKind::Syntax { line: 1, column: 8 });
    }

    #[test]
    fn syntax_errors_carry_line_and_column() {
        let e = serde_json::from_str::<serde_json::Value>("{\n  \"a\": 1,,\n}").unwrap_err();
        let err = ImportError::syntax(&e, "{\n  \"a\": 1,,\n}");
        assert_eq!(err.kind, ImportErrorKind::Syntax { line: 2, column: 10 });
        assert_eq!(err.to_string(), "not valid JSON at line 2, column 10: key must be a string");
    }
}
