//! Readers of single JSON members, shared by every importer (`import`, `annotation`, `legacy`):
//! strings, offsets and spans, timestamps, `type` values, the model's vocabularies and evidence
//! URLs. Each error names the member's path. Uses the format's JSON and error types and the model.

use super::error::{quoted, ImportError, Path};
use super::json::{Json as Value, Object};
use crate::model::{ClaimStatus, ClaimType, QuoteForm, Timestamp};
use crate::url::is_http_url;

/// What every reader returns: the value, or where and why the file is wrong.
pub(crate) type R<T> = Result<T, ImportError>;

/// An optional string member; `null` counts as absent.
pub(crate) fn opt_str<'v>(m: &'v Object, key: &str, p: &Path) -> R<Option<&'v str>> {
    match m.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Str(s)) => Ok(Some(s)),
        Some(other) => Err(p.key(key).expected("a string", other)),
    }
}

/// A required string member.
pub(crate) fn req_str<'v>(m: &'v Object, key: &str, p: &Path) -> R<&'v str> {
    opt_str(m, key, p)?.ok_or_else(|| p.invalid(format!("missing \"{key}\"")))
}

/// An optional array of strings; `null` counts as absent.
pub(crate) fn opt_strings(m: &Object, key: &str, p: &Path) -> R<Vec<String>> {
    match m.get(key) {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::Array(items)) => {
            let at = p.key(key);
            items
                .iter()
                .enumerate()
                .map(|(i, v)| {
                    v.as_str()
                        .map(str::to_string)
                        .ok_or_else(|| at.index(i).expected("a string", v))
                })
                .collect()
        }
        Some(other) => Err(p.key(key).expected("an array of strings", other)),
    }
}

/// A required code-point offset. `what` prefixes messages (e.g. `"TextPositionSelector "`).
pub(crate) fn offset(m: &Object, key: &str, p: &Path, what: &str) -> R<usize> {
    let v = m.get(key).ok_or_else(|| {
        let missing = if what.is_empty() {
            format!("missing \"{key}\"")
        } else {
            format!("{what}is missing \"{key}\"")
        };
        p.invalid(missing)
    })?;
    let n = v
        .as_u64()
        .ok_or_else(|| p.key(key).expected("a non-negative whole number", v))?;
    usize::try_from(n).map_err(|_| {
        p.key(key)
            .invalid(format!("{n} is too large for an offset"))
    })
}

/// Checks a span read at `p` (and against the document text, `text_len` code points long, when
/// there is one). `what` prefixes messages (e.g. `"TextPositionSelector "`).
pub(crate) fn check_span(
    start: usize,
    end: usize,
    p: &Path,
    what: &str,
    text_len: Option<usize>,
) -> R<()> {
    if end < start {
        return Err(p.invalid(format!("{what}end ({end}) is before start ({start})")));
    }
    if let Some(len) = text_len {
        if end > len {
            return Err(p.invalid(format!(
                "{what}end ({end}) is past the end of the document text ({len} characters)"
            )));
        }
    }
    Ok(())
}

/// An RFC 3339 timestamp member; `null` counts as absent.
pub(crate) fn opt_time(m: &Object, key: &str, p: &Path) -> R<Option<Timestamp>> {
    const WHAT: &str = "an RFC 3339 date-time such as 2017-06-05T09:30:00.000Z";
    match m.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Str(s)) => Timestamp::parse_rfc3339(s).map(Some).ok_or_else(|| {
            p.key(key)
                .invalid(format!("expected {WHAT}, found {}", quoted(s)))
        }),
        Some(other) => Err(p.key(key).expected(WHAT, other)),
    }
}

/// Whether a `type` value is `name` or an array containing it.
pub(crate) fn has_type(t: &Value, name: &str) -> bool {
    match t {
        Value::Str(s) => s == name,
        Value::Array(a) => a.iter().any(|x| x.as_str() == Some(name)),
        _ => false,
    }
}

/// One of the model's closed vocabularies, read by its keys ([`QuoteForm::key`] and the like).
pub(crate) trait Vocabulary: Copy + 'static {
    /// Every value, in the model's order.
    const ALL: &'static [Self];
    /// The value's name in files.
    fn key(self) -> &'static str;
}

impl Vocabulary for QuoteForm {
    const ALL: &'static [Self] = &QuoteForm::ALL;
    fn key(self) -> &'static str {
        QuoteForm::key(self)
    }
}

impl Vocabulary for ClaimType {
    const ALL: &'static [Self] = &ClaimType::ALL;
    fn key(self) -> &'static str {
        ClaimType::key(self)
    }
}

impl Vocabulary for ClaimStatus {
    const ALL: &'static [Self] = &ClaimStatus::ALL;
    fn key(self) -> &'static str {
        ClaimStatus::key(self)
    }
}

/// Reads one of the model's vocabularies by its keys, so that names never drift; the error lists
/// them (`expected one of direct, partial, indirect, found …`).
pub(crate) fn enum_value<T: Vocabulary>(s: &str, at: &Path) -> R<T> {
    T::ALL
        .iter()
        .copied()
        .find(|v| v.key() == s)
        .ok_or_else(|| {
            let names: Vec<&str> = T::ALL.iter().map(|v| v.key()).collect();
            at.invalid(format!(
                "expected one of {}, found {}",
                names.join(", "),
                quoted(s)
            ))
        })
}

/// An optional member holding one of the model's vocabularies; `null` counts as absent.
pub(crate) fn opt_enum<T: Vocabulary>(m: &Object, key: &str, p: &Path) -> R<Option<T>> {
    match opt_str(m, key, p)? {
        None => Ok(None),
        Some(s) => enum_value(s, &p.key(key)).map(Some),
    }
}

/// An evidence URL read at `p`: only `http` and `https` are accepted.
pub(crate) fn evidence_url(s: &str, p: &Path) -> R<String> {
    if is_http_url(s) {
        Ok(s.to_string())
    } else {
        Err(p.invalid(format!(
            "evidence links must be http or https URLs, found {}",
            quoted(s)
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enum_names_come_from_the_model() {
        let p = Path::Root;
        assert_eq!(
            enum_value::<ClaimStatus>("needs-source", &p),
            Ok(ClaimStatus::NeedsSource)
        );
        assert_eq!(
            enum_value::<QuoteForm>("partial", &p),
            Ok(QuoteForm::Partial)
        );
        let err = enum_value::<ClaimType>("Statistic", &p).unwrap_err();
        assert_eq!(
            err.reason,
            "expected one of statistic, causal, prediction, comparison, other, found \"Statistic\""
        );
    }
}
