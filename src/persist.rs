//! Keeping the open document and its annotations in a [`Store`]: loading (with migration from
//! version 1 and corrupt values set aside), saving only what a change touched, and retrying what
//! could not be written.

use crate::storage::{Store, WriteError};
use quotemark_core::document::{Document, DocumentId};
use quotemark_core::model::{AnnotationId, AnnotationSet, Timestamp};
use quotemark_core::store::{self, TextIndex};
use std::collections::BTreeSet;
use std::rc::Rc;

/// A document read back from the store, with anything that went wrong on the way.
pub struct Loaded {
    pub document: Document,
    pub annotations: AnnotationSet,
    /// Reader-facing notes about values that could not be read (they were set aside).
    pub problems: Vec<String>,
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

/// Moves version 1 records to version 2 (once; the old keys are removed only after the new ones
/// are written).
pub fn migrate(store: &dyn Store, now: Timestamp, problems: &mut Vec<String>) {
    for key in store.keys("quotemark.v1.") {
        if !store::is_v1_document_key(&key) {
            continue;
        }
        let Some(value) = store.get(&key) else { continue };
        match store::migrate_v1(&value) {
            Ok((document, annotations)) => {
                let text = TextIndex::new(&document.text);
                let mut ok = store.set(&store::doc_key(&document.id), &store::encode_document(&document, now)).is_ok();
                for a in &annotations {
                    ok &= store
                        .set(&store::annotation_key(&document.id, &a.id), &store::encode_annotation(a, &text))
                        .is_ok();
                }
                if ok {
                    store.remove(&key);
                }
            }
            Err(e) => problems.push(set_aside(store, &key, &value, &e.to_string(), now)),
        }
    }
    if let Some(current) = store.get(store::V1_CURRENT_KEY) {
        if store.get(store::CURRENT_KEY).is_none() {
            let _ = store.set(store::CURRENT_KEY, &current);
        }
        store.remove(store::V1_CURRENT_KEY);
    }
}

/// The id of the document open last, if any.
pub fn current_id(store: &dyn Store) -> Option<DocumentId> {
    serde_json::from_str(&store.get(store::CURRENT_KEY)?).ok()
}

/// Reads a document and all its annotations. Unreadable annotation records are set aside.
pub fn load(store: &dyn Store, id: &DocumentId, now: Timestamp) -> Result<Option<Loaded>, String> {
    let key = store::doc_key(id);
    let Some(value) = store.get(&key) else { return Ok(None) };
    let document = match store::decode_document(&value) {
        Ok((document, _opened)) => document,
        Err(e) => return Err(set_aside(store, &key, &value, &e.to_string(), now)),
    };
    let text = TextIndex::new(&document.text);
    let mut problems = Vec::new();
    let mut annotations = Vec::new();
    for key in store.keys(&store::annotation_prefix(id)) {
        let Some(value) = store.get(&key) else { continue };
        match store::decode_annotation(&value, &text) {
            Ok(a) => annotations.push(a),
            Err(e) => problems.push(set_aside(store, &key, &value, &e.to_string(), now)),
        }
    }
    Ok(Some(Loaded { document, annotations: annotations.into_iter().collect(), problems }))
}

/// Writes the open document's annotations as they change.
pub struct Persistence {
    store: Rc<dyn Store>,
    document: DocumentId,
    text: TextIndex,
    /// Annotations whose latest state is not yet written (a failed write is retried at the next change).
    dirty: BTreeSet<AnnotationId>,
}

impl Persistence {
    /// Starts keeping `document`: writes its record and marks it as the one open last.
    pub fn open(store: Rc<dyn Store>, document: &Document, now: Timestamp) -> (Persistence, Result<(), WriteError>) {
        let result = store
            .set(&store::doc_key(&document.id), &store::encode_document(document, now))
            .and_then(|()| store.set(store::CURRENT_KEY, &serde_json::to_string(&document.id).unwrap_or_default()));
        let persistence =
            Persistence { store, document: document.id.clone(), text: TextIndex::new(&document.text), dirty: BTreeSet::new() };
        (persistence, result)
    }

    pub fn store(&self) -> &Rc<dyn Store> {
        &self.store
    }

    /// The key of an annotation of the open document.
    pub fn key(&self, id: &AnnotationId) -> String {
        store::annotation_key(&self.document, id)
    }

    /// Marks annotations as changed; [`Persistence::flush`] writes them.
    pub fn touch<'a>(&mut self, ids: impl IntoIterator<Item = &'a AnnotationId>) {
        self.dirty.extend(ids.into_iter().cloned());
    }

    /// Whether changes are waiting to be written.
    pub fn has_pending(&self) -> bool {
        !self.dirty.is_empty()
    }

    /// Writes every changed annotation (or removes it if it is gone). What fails stays pending.
    pub fn flush(&mut self, set: &AnnotationSet) -> Result<(), WriteError> {
        let mut first_error = None;
        let pending: Vec<AnnotationId> = self.dirty.iter().cloned().collect();
        for id in pending {
            let key = self.key(&id);
            let result = match set.get(&id) {
                Some(a) => self.store.set(&key, &store::encode_annotation(a, &self.text)),
                None => {
                    self.store.remove(&key);
                    Ok(())
                }
            };
            match result {
                Ok(()) => {
                    self.dirty.remove(&id);
                }
                Err(e) => {
                    first_error.get_or_insert(e);
                }
            }
        }
        match first_error {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }

    /// Decodes another tab's value for one of this document's annotations (`None` if the key is not
    /// one of ours or the value is unreadable).
    pub fn decode_foreign(&self, key: &str, value: &str) -> Option<quotemark_core::model::Annotation> {
        key.strip_prefix(&store::annotation_prefix(&self.document))?;
        store::decode_annotation(value, &self.text).ok()
    }

    /// The annotation id a key of this document names, if it is one.
    pub fn id_of_key(&self, key: &str) -> Option<AnnotationId> {
        key.strip_prefix(&store::annotation_prefix(&self.document)).map(|id| AnnotationId(id.to_string()))
    }

    /// Whether an annotation has changes not yet written.
    pub fn is_dirty(&self, id: &AnnotationId) -> bool {
        self.dirty.contains(id)
    }
}
