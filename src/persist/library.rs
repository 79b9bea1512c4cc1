//! The library: every document kept in the store, with how many annotations each has and when
//! it was opened last; renaming and deleting one (with what Undo needs to put it back); reading
//! every article for a backup and keeping a restored one; and the versions record, which says
//! which document was opened as a new version of which.

use super::readers;
use super::storage::{Store, WriteError};
use quotemark_core::document::{Document, DocumentId};
use quotemark_core::model::{AnnotationId, AnnotationSet, Timestamp};
use quotemark_store::{self as store, TextIndex};
use std::collections::{BTreeMap, HashSet};

/// One stored document, for the library list.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    /// The document without its text (see [`document`] for all of it).
    pub document: Document,
    /// When it was opened last (milliseconds since 1970).
    pub opened: i64,
    pub annotations: usize,
}

/// Every stored document that can be read, in no particular order, without their texts.
pub fn entries(store: &dyn Store) -> Vec<Entry> {
    // Every change record's key listed once, not once per document (each listing walks the
    // browser's keys).
    let mut changes: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for key in store.keys(store::CHANGE_PREFIX) {
        if let Some(hex) = key.get(store::CHANGE_PREFIX.len()..store::CHANGE_PREFIX.len() + 32) {
            changes.entry(hex.to_string()).or_default().push(key.clone());
        }
    }
    let Some(read) = readers::get() else { return Vec::new() };
    store
        .keys(store::DOC_PREFIX)
        .into_iter()
        .filter_map(|key| (read.document_summary)(&store.get(&key)?).ok())
        .map(|(document, opened)| {
            let keys = changes.remove(document.id.short()).unwrap_or_default();
            let annotations = count_with(store, &document.id, keys);
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
    (readers::get()?.document)(&store.get(&store::doc_key(id))?).ok().map(|(d, _)| d)
}

/// How many annotations a stored document has (its set's ids with its change records laid over
/// them), without reading the annotations themselves.
pub fn count(store: &dyn Store, id: &DocumentId) -> usize {
    count_with(store, id, store.keys(&store::change_prefix(id)))
}

/// [`count`], given the keys of the document's change records.
fn count_with(store: &dyn Store, id: &DocumentId, change_keys: Vec<String>) -> usize {
    let mut ids: HashSet<AnnotationId> =
        store.get(&store::set_key(id)).and_then(|v| (readers::get()?.set_ids)(&v)).unwrap_or_default().into_iter().collect();
    let prefix = store::change_prefix(id);
    for key in change_keys {
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
    let Some((mut doc, opened)) = store.get(&key).and_then(|v| (readers::get()?.document)(&v).ok()) else { return Ok(false) };
    doc.title = title.to_string();
    store.set(&key, &store::encode_document(&doc, opened)).map(|()| true)
}

/// What a change replaced: each key with the value it held before (`None`: there was none), in
/// the order first written. [`restore`] writes it back; a deletion's and a restore's Undo use it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Previous(pub Vec<(String, Option<String>)>);

impl Previous {
    /// Notes what `key` holds now, unless it was noted already (the first value is the one to
    /// go back to).
    fn note(&mut self, store: &dyn Store, key: &str) {
        if !self.0.iter().any(|(k, _)| k == key) {
            self.0.push((key.to_string(), store.get(key)));
        }
    }

    fn set(&mut self, store: &dyn Store, key: &str, value: &str) -> Result<(), WriteError> {
        self.note(store, key);
        store.set(key, value)
    }

    fn remove(&mut self, store: &dyn Store, key: &str) {
        self.note(store, key);
        store.remove(key);
    }

    /// The keys changed, with the value each held before.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(|(k, _)| k.as_str())
    }
}

/// Removes a document and its annotations, and what the versions record says of it (as a new
/// version of another, or as the one another is a version of). The versions record is rewritten
/// first: if that fails, nothing is removed.
pub fn delete(store: &dyn Store, id: &DocumentId) -> Result<Previous, WriteError> {
    let mut previous = Previous::default();
    if let Some(recorded) = store.get(store::VERSIONS_KEY) {
        let mut versions = versions_in(Some(&recorded));
        let before = versions.len();
        versions.retain(|new, old| new != id.short() && old != id.short());
        if versions.len() != before {
            if versions.is_empty() {
                previous.remove(store, store::VERSIONS_KEY);
            } else {
                previous.set(store, store::VERSIONS_KEY, &store::encode_versions(&versions))?;
            }
        }
    }
    for key in keys_of(store, id) {
        if store.get(&key).is_some() {
            previous.remove(store, &key);
        }
    }
    Ok(previous)
}

/// Writes back what a change replaced (and removes what it added), last change first. Every key
/// is tried; the first failure is returned.
pub fn restore(store: &dyn Store, previous: &Previous) -> Result<(), WriteError> {
    let mut first_error = None;
    for (k, v) in previous.0.iter().rev() {
        let done = match v {
            Some(v) => store.set(k, v),
            None => {
                store.remove(k);
                Ok(())
            }
        };
        if let Err(e) = done {
            first_error.get_or_insert(e);
        }
    }
    first_error.map_or(Ok(()), Err)
}

/// Every stored document that can be read, with its annotations, most recently opened first.
pub fn articles(store: &dyn Store, now: Timestamp) -> Vec<(Document, AnnotationSet)> {
    let mut entries = entries(store);
    quotemark_core::order::sort_by(&mut entries, |a, b| b.opened.cmp(&a.opened).then_with(|| a.document.title.cmp(&b.document.title)));
    entries
        .into_iter()
        .filter_map(|e| super::load(store, &e.document.id, now).ok().flatten())
        .map(|loaded| (loaded.document, loaded.annotations))
        .collect()
}

/// Keeps `document` with exactly `set` as its annotations: its record (if it is not stored yet,
/// as opened at `opened`), the whole set, and no change records (the set has them all). What it
/// replaces is noted in `previous`; the set is written before any change record is removed.
pub fn put_article(
    store: &dyn Store,
    document: &Document,
    set: &AnnotationSet,
    opened: Timestamp,
    previous: &mut Previous,
) -> Result<(), WriteError> {
    let doc_key = store::doc_key(&document.id);
    if store.get(&doc_key).is_none() {
        previous.set(store, &doc_key, &store::encode_document(document, opened))?;
    }
    let text = TextIndex::for_document(document);
    previous.set(store, &store::set_key(&document.id), &store::encode_annotation_set(set, &text))?;
    for key in store.keys(&store::change_prefix(&document.id)) {
        previous.remove(store, &key);
    }
    Ok(())
}

/// Adds version links (short ids: new → old) the record does not have yet.
pub fn add_versions(store: &dyn Store, links: &BTreeMap<String, String>, previous: &mut Previous) -> Result<(), WriteError> {
    let mut recorded = versions(store);
    let before = recorded.len();
    for (new, old) in links {
        recorded.entry(new.clone()).or_insert_with(|| old.clone());
    }
    if recorded.len() == before {
        return Ok(());
    }
    previous.set(store, store::VERSIONS_KEY, &store::encode_versions(&recorded))
}

/// Which document was opened as a new version of which (short ids: new → old).
pub fn versions(store: &dyn Store) -> BTreeMap<String, String> {
    versions_in(store.get(store::VERSIONS_KEY).as_deref())
}

/// A versions record as read (empty without the readers: nothing is stored yet, see `readers`).
fn versions_in(value: Option<&str>) -> BTreeMap<String, String> {
    readers::get().map(|r| (r.versions)(value)).unwrap_or_default()
}

/// Records that `new` was opened as a new version of `old`.
pub fn record_version(store: &dyn Store, new: &DocumentId, old: &DocumentId) -> Result<(), WriteError> {
    let mut versions = versions(store);
    versions.insert(new.short().to_string(), old.short().to_string());
    store.set(store::VERSIONS_KEY, &store::encode_versions(&versions))
}
