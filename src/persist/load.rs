//! Reading what is stored: the document open last, a document with its annotations (its set
//! with its change records laid over it), how many annotations a stored document has, and the
//! one-time move of version 1 and 2 records to version 3. A value that cannot be read is set
//! aside under a backup key, never deleted, and the reader is told.

use super::readers;
use super::storage::Store;
use quotemark_core::document::{Document, DocumentId};
use quotemark_core::model::{Annotation, AnnotationId, AnnotationSet, Timestamp};
use quotemark_store::{self as store, TextIndex};

/// A document read back from the store, with anything that went wrong on the way.
pub struct Loaded {
    pub document: Document,
    pub annotations: AnnotationSet,
    /// Reader-facing notes about values that could not be read (they were set aside).
    pub problems: Vec<String>,
    /// Whether the annotations should be written again as a whole (some records were set aside).
    pub rewrite: bool,
}

/// Moves an unreadable value aside under a backup key and says so.
fn set_aside(store: &dyn Store, key: &str, value: &str, why: &str, now: Timestamp) -> String {
    let backup = store::backup_key(key, now);
    let kept = store.set(&backup, value).is_ok();
    store.remove(key);
    if kept {
        format!("A saved value could not be read ({why}); it was set aside under “{backup}” and the app started without it.")
    } else {
        format!("A saved value could not be read ({why}) and there was no room to keep a copy of it.")
    }
}

/// Writes a document and its annotations as version 3 records; whether all were written.
fn write_v3(store: &dyn Store, document: &Document, annotations: &[Annotation], opened: Timestamp) -> bool {
    let text = TextIndex::for_document(document);
    store.set(&store::doc_key(&document.id), &store::encode_document(document, opened)).is_ok()
        && store.set(&store::set_key(&document.id), &store::encode_set(annotations, &text)).is_ok()
}

/// Moves version 1 and version 2 records to version 3 (once; the old keys are removed only after
/// the new ones are written).
pub fn migrate(store: &dyn Store, now: Timestamp, problems: &mut Vec<String>) {
    // Without the readers nothing is stored yet, or the app does not start (see `readers`).
    let Some(read) = readers::get() else { return };
    // One pass over the store's keys (each listing fetches every key from the browser).
    let keys = store.keys(store::KEY_PREFIX);
    let starting = |prefix: &str| -> Vec<String> { keys.iter().filter(|k| k.starts_with(prefix)).cloned().collect() };
    for key in starting("quotemark.v1.") {
        if !store::is_v1_document_key(&key) {
            continue;
        }
        let Some(value) = store.get(&key) else { continue };
        match (read.v1)(&value) {
            Ok((document, annotations)) => {
                if write_v3(store, &document, &annotations, now) {
                    store.remove(&key);
                }
            }
            Err(e) => problems.push(set_aside(store, &key, &value, &e.to_string(), now)),
        }
    }
    for key in starting(store::V2_DOC_PREFIX) {
        let Some(value) = store.get(&key) else { continue };
        let (document, opened) = match (read.v2_document)(&value) {
            Ok(read) => read,
            Err(e) => {
                problems.push(set_aside(store, &key, &value, &e.to_string(), now));
                continue;
            }
        };
        let text = TextIndex::for_document(&document);
        let mut annotations = Vec::new();
        let keys = starting(&store::v2_annotation_prefix(&document.id));
        for k in &keys {
            let Some(v) = store.get(k) else { continue };
            match (read.annotation)(&v, &text) {
                Ok(a) => annotations.push(a),
                Err(e) => problems.push(set_aside(store, k, &v, &e.to_string(), now)),
            }
        }
        if write_v3(store, &document, &annotations, opened) {
            store.remove(&key);
            for k in &keys {
                store.remove(k);
            }
        }
    }
    for key in starting(store::V2_REJECTED_PREFIX) {
        let hex = &key[store::V2_REJECTED_PREFIX.len()..];
        let Some(value) = store.get(&key) else { continue };
        let new = store::rejected_key(&DocumentId(format!("sha256:{hex}")));
        if store.get(&new).is_some() || store.set(&new, &value).is_ok() {
            store.remove(&key);
        }
    }
    for old in [store::V2_CURRENT_KEY, store::V1_CURRENT_KEY] {
        if let Some(current) = store.get(old) {
            let kept = store.get(store::CURRENT_KEY).is_some() || store.set(store::CURRENT_KEY, &current).is_ok();
            // What could not be written stays under its old key, and is moved at the next start.
            if kept {
                store.remove(old);
            }
        }
    }
}

/// The id of the document open last, if any.
pub fn current_id(store: &dyn Store) -> Option<DocumentId> {
    (readers::get()?.document_id)(&store.get(store::CURRENT_KEY)?)
}

/// Reads a document and all its annotations: its set with its change records laid over it.
/// Unreadable values are set aside (a set with some bad records is set aside whole, and
/// [`Loaded::rewrite`] asks for the good ones to be written again).
pub fn load(store: &dyn Store, id: &DocumentId, now: Timestamp) -> Result<Option<Loaded>, String> {
    let key = store::doc_key(id);
    let Some(value) = store.get(&key) else { return Ok(None) };
    // Before anything is read, so that nothing is set aside for want of the readers.
    let read = readers::get().ok_or_else(|| readers::NOT_LOADED.to_string())?;
    let document = match (read.document)(&value) {
        Ok((document, _opened)) => document,
        Err(e) => return Err(set_aside(store, &key, &value, &e.to_string(), now)),
    };
    drop(value); // before the text is copied, so that the copy can take its memory
    let text = TextIndex::for_document(&document);
    crate::browser::mark("quotemark:load-document");
    let mut problems = Vec::new();
    let mut rewrite = false;
    let set_key = store::set_key(id);
    let value = store.get(&set_key);
    crate::browser::mark("quotemark:load-set-read");
    let set = match value {
        None => Vec::new(),
        Some(value) => match (read.set)(&value, &text) {
            Ok(set) if set.problems.is_empty() => set.annotations,
            Ok(set) => {
                let why = set.problems.join("; ");
                problems.push(set_aside(store, &set_key, &value, &why, now));
                rewrite = true;
                set.annotations
            }
            Err(e) => {
                problems.push(set_aside(store, &set_key, &value, &e.to_string(), now));
                Vec::new()
            }
        },
    };
    crate::browser::mark("quotemark:load-set-decoded");
    let prefix = store::change_prefix(id);
    let mut changes = Vec::new();
    for key in store.keys(&prefix) {
        let Some(value) = store.get(&key) else { continue };
        match (read.change)(&value, &text) {
            Ok(a) => changes.push((AnnotationId(key[prefix.len()..].into()), a)),
            Err(e) => problems.push(set_aside(store, &key, &value, &e.to_string(), now)),
        }
    }
    let annotations = store::lay_over(set, changes).into_iter().collect();
    Ok(Some(Loaded { document, annotations, problems, rewrite }))
}
