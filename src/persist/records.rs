//! Saving the open document's annotations as they change (the layout is version 3 of
//! [`quotemark_store`]): a change record per changed annotation, the whole set past
//! [`store::MAX_CHANGES`] of them, the folded records removed later, and what failed retried at
//! the next save.

use super::storage::{Store, WriteError};
use quotemark_core::document::{Document, DocumentId};
use quotemark_core::model::{AnnotationId, AnnotationSet, Timestamp};
use quotemark_store::{self as store, TextIndex};
use std::collections::{BTreeSet, HashMap};
use std::rc::Rc;

/// Writes the open document's annotations as they change: one change record per changed
/// annotation, and the whole set once there are more than [`store::MAX_CHANGES`] of them.
pub struct Persistence {
    pub(super) store: Rc<dyn Store>,
    pub(super) document: DocumentId,
    pub(super) text: TextIndex,
    /// Annotations whose latest state is not yet written (a failed write is retried at the next change).
    pub(super) dirty: BTreeSet<AnnotationId>,
    /// Annotations with a change record in the store.
    pub(super) changes: BTreeSet<AnnotationId>,
    /// Whether the next save writes the whole set.
    pub(super) compact_due: bool,
    /// The change records the last compaction folded into the set, each with what it must hold to
    /// be removed by [`Persistence::tidy`]: the record of its annotation as the set now has it.
    /// Until then such a record is redundant, not wrong: loading lays it over the set, which says
    /// the same.
    pub(super) folded: HashMap<AnnotationId, String>,
    /// When the document was opened, while its record is still to be written.
    pub(super) opened: Option<Timestamp>,
}

impl Persistence {
    /// Starts keeping `document`: writes its record and marks it as the one open last.
    pub fn open(store: Rc<dyn Store>, document: &Document, now: Timestamp) -> (Persistence, Result<(), WriteError>) {
        let mut persistence = Persistence::resume(store, document, now);
        let written = persistence.write_document(document);
        (persistence, written)
    }

    /// Starts keeping `document` as [`Persistence::open`] does, but leaves writing its record to
    /// [`Persistence::write_document`]: at start-up writing the record (2.5 ms for 200 KB of
    /// text, usually the same record again) need not delay the first paint.
    pub fn resume(store: Rc<dyn Store>, document: &Document, now: Timestamp) -> Persistence {
        let prefix = store::change_prefix(&document.id);
        let changes: BTreeSet<AnnotationId> =
            store.keys(&prefix).into_iter().map(|k| AnnotationId(k[prefix.len()..].into())).collect();
        Persistence {
            compact_due: changes.len() > store::MAX_CHANGES,
            store,
            document: document.id.clone(),
            text: TextIndex::for_document(document),
            dirty: BTreeSet::new(),
            changes,
            folded: HashMap::new(),
            opened: Some(now),
        }
    }

    /// Writes the document's record (with the time it was opened) and marks it as the one open
    /// last, if that is still to do; a failure leaves it to do.
    pub fn write_document(&mut self, document: &Document) -> Result<(), WriteError> {
        let Some(opened) = self.opened else { return Ok(()) };
        self.store
            .set(&store::doc_key(&document.id), &store::encode_document(document, opened))
            .and_then(|()| self.store.set(store::CURRENT_KEY, &serde_json::to_string(&document.id).unwrap_or_default()))?;
        self.opened = None;
        Ok(())
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

    /// Whether a change record for `id` is in the store (written by this tab or another).
    pub fn has_change_record(&self, id: &AnnotationId) -> bool {
        self.store.get(&store::change_key(&self.document, id)).is_some()
    }

    /// Whether an annotation has changes not yet written.
    pub fn is_dirty(&self, id: &AnnotationId) -> bool {
        self.dirty.contains(id)
    }
}
