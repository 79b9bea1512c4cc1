//! Why a stored value could not be read ([`StoreError`]), and the version check every record's
//! reading starts with. Uses serde_json only.

use serde::Deserialize;
use std::fmt;

/// Why a stored value could not be read. Its [`Display`](fmt::Display) form is `key: reason`
/// (just `reason` when the key is not known), e.g. `quotemark.v3.a.…: not JSON (line 1, column 5)`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoreError {
    /// The key whose value it is, when the caller said (see [`StoreError::with_key`]).
    pub key: Option<String>,
    /// What is wrong, for a reader.
    pub reason: String,
}

impl StoreError {
    pub(crate) fn new(reason: impl Into<String>) -> StoreError {
        StoreError {
            key: None,
            reason: reason.into(),
        }
    }

    /// The same error, naming the key the value was read from.
    pub fn with_key(mut self, key: impl Into<String>) -> StoreError {
        self.key = Some(key.into());
        self
    }

    pub(crate) fn json(e: &serde_json::Error, input: &str, what: &str) -> StoreError {
        if input.trim().is_empty() {
            StoreError::new("empty value")
        } else if e.is_syntax() || e.is_eof() {
            let line = e.line();
            StoreError::new(format!(
                "not JSON (line {line}, column {})",
                char_column(input, line, e.column())
            ))
        } else {
            let full = e.to_string();
            let suffix = format!(" at line {} column {}", e.line(), e.column());
            StoreError::new(format!(
                "not {what}: {}",
                full.strip_suffix(&suffix).unwrap_or(&full)
            ))
        }
    }
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.key {
            Some(key) => write!(f, "{key}: {}", self.reason),
            None => f.write_str(&self.reason),
        }
    }
}

impl std::error::Error for StoreError {}

/// Turns serde_json's 1-based byte column on a 1-based line into a 1-based character column.
fn char_column(input: &str, line: usize, byte_column: usize) -> usize {
    let Some(text) = input.split('\n').nth(line.saturating_sub(1)) else {
        return byte_column;
    };
    let limit = byte_column.min(text.len());
    let mut end = limit;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text[..end].chars().count() + usize::from(end < limit)
}

#[derive(Deserialize)]
struct VersionProbe {
    version: Option<serde_json::Value>,
}

pub(crate) fn check_version(json: &str, expected: u32, what: &str) -> Result<(), StoreError> {
    let probe: VersionProbe =
        serde_json::from_str(json).map_err(|e| StoreError::json(&e, json, what))?;
    match probe.version {
        None => Err(StoreError::new(format!("not {what}: missing \"version\""))),
        Some(v) if v.as_u64() == Some(u64::from(expected)) => Ok(()),
        Some(serde_json::Value::Number(n)) => Err(StoreError::new(format!(
            "unknown version {n} (this version of Quotemark reads version {expected})"
        ))),
        Some(other) => Err(StoreError::new(format!(
            "not {what}: \"version\" is {other}, not a number"
        ))),
    }
}
