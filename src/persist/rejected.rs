//! The suggestions a reader rejected on a document (by suggestion id), so that they stay hidden.

use super::storage::{Store, WriteError};
use quotemark_core::document::DocumentId;
use std::collections::BTreeSet;

/// The suggestions rejected on `document` (none if nothing, or nothing readable, is stored).
pub fn load(store: &dyn Store, document: &DocumentId) -> BTreeSet<String> {
    let read = || (super::readers::get()?.rejected)(&store.get(&quotemark_store::rejected_key(document))?);
    read().unwrap_or_default()
}

/// Stores the suggestions rejected on `document`.
pub fn save(store: &dyn Store, document: &DocumentId, rejected: &BTreeSet<String>) -> Result<(), WriteError> {
    let json = serde_json::to_string(rejected).unwrap_or_default();
    store.set(&quotemark_store::rejected_key(document), &json)
}
