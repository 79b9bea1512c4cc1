//! The library: every document kept in the store, with how many annotations each has and when
//! it was opened last; renaming and deleting one (with what Undo needs to put it back); and the
//! versions record, which says which document was opened as a new version of which.

use super::storage::{Store, WriteError};
use quotemark_core::document::{Document, DocumentId};
use quotemark_core::model::AnnotationId;
use quotemark_store as store;
use std::collections::{BTreeMap, HashSet};

/// One stored document, for the library list.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub document: Document,
    /// When it was opened last (milliseconds since 1970).
    pub opened: i64,
    pub annotations: usize,
}

/// Every stored document that can be read, in no particular order.
pub fn entries(store: &dyn Store) -> Vec<Entry> {
    store
        .keys(store::DOC_PREFIX)
        .into_iter()
        .filter_map(|key| store::decode_document(&store.get(&key)?).ok())
        .map(|(document, opened)| {
            let annotations = count(store, &document.id);
            Entry { document, opened: opened.0, annotations }
        })
        .collect()
}

/// How many documents are stored (their keys only, nothing read).
pub fn document_count(store: &dyn Store) -> usize {
    store.keys(store::DOC_PREFIX).len()
}

/// A stored document, if it is stored and readable.
pub fn document(store: &dyn Store, id: &DocumentId) -> Option<Document> {
    store::decode_document(&store.get(&store::doc_key(id))?).ok().map(|(d, _)| d)
}

/// How many annotations a stored document has (its set's ids with its change records laid over
/// them), without reading the annotations themselves.
pub fn count(store: &dyn Store, id: &DocumentId) -> usize {
    let mut ids: HashSet<AnnotationId> =
        store.get(&store::set_key(id)).and_then(|v| store::set_ids(&v)).unwrap_or_default().into_iter().collect();
    let prefix = store::change_prefix(id);
    for key in store.keys(&prefix) {
        let id = AnnotationId(key[prefix.len()..].into());
        match store.get(&key).as_deref().map(str::trim) {
            Some("null") | None => ids.remove(&id),
            Some(_) => ids.insert(id),
        };
    }
    ids.len()
}

/// Every key holding something of a stored document (its record, its set, its change records, the
/// suggestions rejected on it, its comparison layers).
fn keys_of(store: &dyn Store, id: &DocumentId) -> Vec<String> {
    let mut keys = store.keys(&store::change_prefix(id));
    keys.push(store::rejected_key(id));
    keys.push(store::layers_key(id));
    keys.push(store::set_key(id));
    keys.push(store::doc_key(id));
    keys
}

/// Gives a stored document a new title. `Ok(false)`: it is not stored (yet).
pub fn rename(store: &dyn Store, id: &DocumentId, title: &str) -> Result<bool, WriteError> {
    let key = store::doc_key(id);
    let Some((mut doc, opened)) = store.get(&key).and_then(|v| store::decode_document(&v).ok()) else { return Ok(false) };
    doc.title = title.to_string();
    store.set(&key, &store::encode_document(&doc, opened)).map(|()| true)
}

/// What a deletion removed or changed, as it was: the values Undo writes back.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Removed(pub Vec<(String, String)>);

/// Removes a document and its annotations, and what the versions record says of it (as a new
/// version of another, or as the one another is a version of). The versions record is rewritten
/// first: if that fails, nothing is removed.
pub fn delete(store: &dyn Store, id: &DocumentId) -> Result<Removed, WriteError> {
    let mut removed = Vec::new();
    if let Some(recorded) = store.get(store::VERSIONS_KEY) {
        let mut versions = store::decode_versions(Some(&recorded));
        let before = versions.len();
        versions.retain(|new, old| new != id.short() && old != id.short());
        if versions.len() != before {
            if versions.is_empty() {
                store.remove(store::VERSIONS_KEY);
            } else {
                store.set(store::VERSIONS_KEY, &store::encode_versions(&versions))?;
            }
            removed.push((store::VERSIONS_KEY.to_string(), recorded));
        }
    }
    let keys = keys_of(store, id);
    removed.extend(keys.iter().filter_map(|k| Some((k.clone(), store.get(k)?))));
    for k in &keys {
        store.remove(k);
    }
    Ok(Removed(removed))
}

/// Writes back what [`delete`] removed. Every value is tried; the first failure is returned.
pub fn restore(store: &dyn Store, removed: &Removed) -> Result<(), WriteError> {
    let mut first_error = None;
    for (k, v) in &removed.0 {
        if let Err(e) = store.set(k, v) {
            first_error.get_or_insert(e);
        }
    }
    first_error.map_or(Ok(()), Err)
}

/// Which document was opened as a new version of which (short ids: new → old).
pub fn versions(store: &dyn Store) -> BTreeMap<String, String> {
    store::decode_versions(store.get(store::VERSIONS_KEY).as_deref())
}

/// Records that `new` was opened as a new version of `old`.
pub fn record_version(store: &dyn Store, new: &DocumentId, old: &DocumentId) -> Result<(), WriteError> {
    let mut versions = versions(store);
    versions.insert(new.short().to_string(), old.short().to_string());
    store.set(store::VERSIONS_KEY, &store::encode_versions(&versions))
}
