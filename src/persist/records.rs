//! Keeping the open document and its annotations in a [`Store`] (the layout is version 3 of
//! [`quotemark_store`]): loading (with migration from versions 1 and 2, and corrupt values
//! set aside), saving only what a change touched, compacting, and retrying what could not be
//! written.

use crate::storage::{Store, WriteError};
use quotemark_core::document::{Document, DocumentId};
use quotemark_core::model::{AnnotationId, AnnotationSet, Timestamp};
use quotemark_store::{self as store, TextIndex};
use std::collections::{BTreeSet, HashMap};
use std::rc::Rc;

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
fn write_v3(store: &dyn Store, document: &quotemark_core::document::Document, annotations: &[quotemark_core::model::Annotation], opened: Timestamp) -> bool {
    let text = TextIndex::for_document(document);
    store.set(&store::doc_key(&document.id), &store::encode_document(document, opened)).is_ok()
        && store.set(&store::set_key(&document.id), &store::encode_set(annotations, &text)).is_ok()
}

/// Moves version 1 and version 2 records to version 3 (once; the old keys are removed only after
/// the new ones are written).
pub fn migrate(store: &dyn Store, now: Timestamp, problems: &mut Vec<String>) {
    // One pass over the store's keys (each listing fetches every key from the browser).
    let keys = store.keys(store::KEY_PREFIX);
    let starting = |prefix: &str| -> Vec<String> { keys.iter().filter(|k| k.starts_with(prefix)).cloned().collect() };
    for key in starting("quotemark.v1.") {
        if !store::is_v1_document_key(&key) {
            continue;
        }
        let Some(value) = store.get(&key) else { continue };
        match store::migrate_v1(&value) {
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
        let (document, opened) = match store::decode_v2_document(&value) {
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
            match store::decode_annotation(&v, &text) {
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
            if store.get(store::CURRENT_KEY).is_none() {
                let _ = store.set(store::CURRENT_KEY, &current);
            }
            store.remove(old);
        }
    }
}

/// The id of the document open last, if any.
pub fn current_id(store: &dyn Store) -> Option<DocumentId> {
    serde_json::from_str(&store.get(store::CURRENT_KEY)?).ok()
}

/// Reads a document and all its annotations: its set with its change records laid over it.
/// Unreadable values are set aside (a set with some bad records is set aside whole, and
/// [`Loaded::rewrite`] asks for the good ones to be written again).
pub fn load(store: &dyn Store, id: &DocumentId, now: Timestamp) -> Result<Option<Loaded>, String> {
    let key = store::doc_key(id);
    let Some(value) = store.get(&key) else { return Ok(None) };
    let document = match store::decode_document(&value) {
        Ok((document, _opened)) => document,
        Err(e) => return Err(set_aside(store, &key, &value, &e.to_string(), now)),
    };
    drop(value); // before the text is copied, so that the copy can take its memory
    let text = TextIndex::for_document(&document);
    crate::state::mark("quotemark:load-document");
    let mut problems = Vec::new();
    let mut rewrite = false;
    let set_key = store::set_key(id);
    let value = store.get(&set_key);
    crate::state::mark("quotemark:load-set-read");
    let set = match value {
        None => Vec::new(),
        Some(value) => match store::decode_set(&value, &text) {
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
    crate::state::mark("quotemark:load-set-decoded");
    let prefix = store::change_prefix(id);
    let mut changes = Vec::new();
    for key in store.keys(&prefix) {
        let Some(value) = store.get(&key) else { continue };
        match store::decode_change(&value, &text) {
            Ok(a) => changes.push((AnnotationId(key[prefix.len()..].into()), a)),
            Err(e) => problems.push(set_aside(store, &key, &value, &e.to_string(), now)),
        }
    }
    let annotations = store::lay_over(set, changes).into_iter().collect();
    Ok(Some(Loaded { document, annotations, problems, rewrite }))
}

/// How many annotations a stored document has (its set's ids with its change records laid over
/// them), without reading the annotations themselves.
pub fn count(store: &dyn Store, id: &DocumentId) -> usize {
    let mut ids: std::collections::HashSet<AnnotationId> =
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
/// suggestions rejected on it).
pub fn keys_of(store: &dyn Store, id: &DocumentId) -> Vec<String> {
    let mut keys = store.keys(&store::change_prefix(id));
    keys.push(store::rejected_key(id));
    keys.push(store::set_key(id));
    keys.push(store::doc_key(id));
    keys
}

/// What another tab wrote, as it concerns the open document.
pub enum Foreign {
    /// One annotation changed (`None`: deleted).
    Change(AnnotationId, Option<quotemark_core::model::Annotation>),
    /// The whole set was written again (a compaction or a bulk change).
    Set(Vec<quotemark_core::model::Annotation>),
}

/// Writes the open document's annotations as they change: one change record per changed
/// annotation, and the whole set once there are more than [`store::MAX_CHANGES`] of them.
pub struct Persistence {
    store: Rc<dyn Store>,
    document: DocumentId,
    text: TextIndex,
    /// Annotations whose latest state is not yet written (a failed write is retried at the next change).
    dirty: BTreeSet<AnnotationId>,
    /// Annotations with a change record in the store.
    changes: BTreeSet<AnnotationId>,
    /// Whether the next save writes the whole set.
    compact_due: bool,
    /// The change records the last compaction folded into the set, each with what it must hold to
    /// be removed by [`Persistence::tidy`]: the record of its annotation as the set now has it.
    /// Until then such a record is redundant, not wrong: loading lays it over the set, which says
    /// the same.
    folded: HashMap<AnnotationId, String>,
}

impl Persistence {
    /// Starts keeping `document`: writes its record and marks it as the one open last.
    pub fn open(store: Rc<dyn Store>, document: &Document, now: Timestamp) -> (Persistence, Result<(), WriteError>) {
        let result = store
            .set(&store::doc_key(&document.id), &store::encode_document(document, now))
            .and_then(|()| store.set(store::CURRENT_KEY, &serde_json::to_string(&document.id).unwrap_or_default()));
        let prefix = store::change_prefix(&document.id);
        let changes: BTreeSet<AnnotationId> =
            store.keys(&prefix).into_iter().map(|k| AnnotationId(k[prefix.len()..].into())).collect();
        let persistence = Persistence {
            compact_due: changes.len() > store::MAX_CHANGES,
            store,
            document: document.id.clone(),
            text: TextIndex::for_document(document),
            dirty: BTreeSet::new(),
            changes,
            folded: HashMap::new(),
        };
        (persistence, result)
    }

    pub fn store(&self) -> &Rc<dyn Store> {
        &self.store
    }

    /// Marks annotations as changed; [`Persistence::flush`] writes them.
    pub fn touch<'a>(&mut self, ids: impl IntoIterator<Item = &'a AnnotationId>) {
        self.dirty.extend(ids.into_iter().cloned());
    }

    /// Asks the next save to write the whole set (after a set was read with bad records).
    pub fn rewrite_all(&mut self) {
        self.compact_due = true;
    }

    /// Whether changes are waiting to be written.
    pub fn has_pending(&self) -> bool {
        !self.dirty.is_empty() || self.compact_due
    }

    /// Writes what changed: a change record per changed annotation, or the whole set when that
    /// would leave more than [`store::MAX_CHANGES`] change records. What fails stays pending.
    pub fn flush(&mut self, set: &AnnotationSet) -> Result<(), WriteError> {
        if !self.has_pending() {
            return Ok(());
        }
        if self.compact_due || self.changes.union(&self.dirty).count() > store::MAX_CHANGES {
            return self.compact(set);
        }
        let mut first_error = None;
        let pending: Vec<AnnotationId> = self.dirty.iter().cloned().collect();
        for id in pending {
            let key = store::change_key(&self.document, &id);
            match self.store.set(&key, &store::encode_change(set.get(&id), &self.text)) {
                Ok(()) => {
                    self.dirty.remove(&id);
                    self.changes.insert(id);
                }
                Err(e) => {
                    first_error.get_or_insert(e);
                }
            }
        }
        first_error.map_or(Ok(()), Err)
    }

    /// Writes the whole set, then notes the change records it folds in for [`Persistence::tidy`]
    /// to remove. The save is complete once the set is written; reading and removing the records
    /// is housekeeping, left for an idle moment.
    fn compact(&mut self, set: &AnnotationSet) -> Result<(), WriteError> {
        if let Err(e) = self.store.set(&store::set_key(&self.document), &store::encode_annotation_set(set, &self.text)) {
            self.compact_due = true;
            return Err(e);
        }
        self.dirty.clear();
        self.compact_due = false;
        let text = &self.text;
        self.folded = std::mem::take(&mut self.changes)
            .into_iter()
            .map(|id| {
                let record = store::encode_change(set.get(&id), text);
                (id, record)
            })
            .collect();
        Ok(())
    }

    /// Whether the last compaction left change records for [`Persistence::tidy`] to remove.
    pub fn has_folded(&self) -> bool {
        !self.folded.is_empty()
    }

    /// Removes the change records the last compaction folded into the set, each only if it holds
    /// what the set says of its annotation. Any other record (written since, by this tab or
    /// another, or by a tab this one has not heard from yet) says something newer and stays.
    pub fn tidy(&mut self) {
        if self.folded.is_empty() {
            return;
        }
        let folded = std::mem::take(&mut self.folded);
        let prefix = store::change_prefix(&self.document);
        for key in self.store.keys(&prefix) {
            let id = AnnotationId(key[prefix.len()..].into());
            match folded.get(&id) {
                Some(record) if self.store.get(&key).as_ref() == Some(record) => {
                    self.store.remove(&key);
                    self.changes.remove(&id);
                }
                _ => {
                    self.changes.insert(id);
                }
            }
        }
    }

    /// Reads what another tab wrote under `key` (`value` `None`: the key was removed). Only the
    /// open document's set and change records matter; a removed change record means it was folded
    /// into the set, not that its annotation was deleted.
    pub fn foreign(&mut self, key: &str, value: Option<&str>) -> Option<Foreign> {
        let prefix = store::change_prefix(&self.document);
        if let Some(id) = key.strip_prefix(&prefix) {
            let id = AnnotationId(id.into());
            let Some(value) = value else {
                self.changes.remove(&id);
                return None;
            };
            let change = store::decode_change(value, &self.text).ok()?;
            self.changes.insert(id.clone());
            return Some(Foreign::Change(id, change));
        }
        if key == store::set_key(&self.document) {
            // Another tab wrote the set: what this tab's last compaction folded in is no longer
            // known to be in it, so those records stay.
            self.changes.extend(std::mem::take(&mut self.folded).into_keys());
            return Some(Foreign::Set(store::decode_set(value?, &self.text).ok()?.annotations));
        }
        None
    }

    /// Whether a change record for `id` is in the store (written by this tab or another).
    pub fn has_change_record(&self, id: &AnnotationId) -> bool {
        self.store.get(&store::change_key(&self.document, id)).is_some()
    }

    /// Whether an annotation has changes not yet written.
    pub fn is_dirty(&self, id: &AnnotationId) -> bool {
        self.dirty.contains(id)
    }
}
