//! The [`VERSIONS_KEY`](crate::VERSIONS_KEY) value: which stored document is a new version of which.
//! Uses [`crate::keys`] only.

use crate::keys::is_hex_id;
use std::collections::BTreeMap;

/// Reads the [`VERSIONS_KEY`](crate::VERSIONS_KEY) value: for each document opened as a new version of another, the
/// earlier one (both as the 32 hex digits of their ids). Anything unreadable reads as no versions:
/// the relation only labels the library.
///
/// ```
/// use quotemark_store::{decode_versions, encode_versions};
/// let mut versions = decode_versions(None);
/// versions.insert("b".repeat(32), "a".repeat(32));
/// let json = encode_versions(&versions);
/// assert_eq!(decode_versions(Some(&json)), versions);
/// assert!(decode_versions(Some("[1]")).is_empty());
/// ```
pub fn decode_versions(json: Option<&str>) -> BTreeMap<String, String> {
    json.and_then(|j| serde_json::from_str::<BTreeMap<String, String>>(j).ok())
        .map(|m| {
            m.into_iter()
                .filter(|(k, v)| is_hex_id(k) && is_hex_id(v))
                .collect()
        })
        .unwrap_or_default()
}

/// Writes the [`VERSIONS_KEY`](crate::VERSIONS_KEY) value.
pub fn encode_versions(versions: &BTreeMap<String, String>) -> String {
    serde_json::to_string(versions).unwrap_or_default()
}
