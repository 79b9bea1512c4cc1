//! The storage adapter: the app keeps each document and its annotations in the browser's local
//! storage (through gloo-storage), or in memory where local storage cannot be used.
//!
//! Keys (all values are JSON):
//! - `quotemark.v1.doc.<hex id>`: a [`SavedDocument`] envelope — format version, the document
//!   (id, title, date, source, text) and its annotations in the core model's JSON;
//! - `quotemark.v1.current`: the content id of the document open last.

use gloo_storage::{LocalStorage, Storage};
use quotemark_core::document::{Document, DocumentId};
use quotemark_core::model::{Annotation, AnnotationSet};
use serde::{Deserialize, Serialize};
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

/// The version written in every envelope.
pub const ENVELOPE_VERSION: u32 = 1;
const CURRENT_KEY: &str = "quotemark.v1.current";

/// The key under which a document's envelope is kept.
pub fn document_key(id: &DocumentId) -> String {
    format!("quotemark.v1.doc.{}", id.short())
}

/// What is stored for one document.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SavedDocument {
    pub version: u32,
    pub document: Document,
    pub annotations: Vec<Annotation>,
}

impl SavedDocument {
    pub fn new(document: &Document, annotations: &AnnotationSet) -> SavedDocument {
        SavedDocument {
            version: ENVELOPE_VERSION,
            document: document.clone(),
            annotations: annotations.in_document_order().into_iter().cloned().collect(),
        }
    }
}

/// Why a value could not be read or written.
#[derive(Clone, Debug, PartialEq)]
pub struct StoreError(pub String);

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A key-value store of JSON strings.
pub trait Store {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError>;
    fn set(&self, key: &str, value: &str) -> Result<(), StoreError>;
    /// Whether values survive a reload.
    fn persistent(&self) -> bool;
}

/// The browser's local storage, through gloo-storage.
pub struct LocalStore;

impl Store for LocalStore {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        LocalStorage::raw().get_item(key).map_err(|e| StoreError(format!("{e:?}")))
    }
    fn set(&self, key: &str, value: &str) -> Result<(), StoreError> {
        LocalStorage::raw().set_item(key, value).map_err(|e| StoreError(format!("{e:?}")))
    }
    fn persistent(&self) -> bool {
        true
    }
}

/// An in-memory store, used when local storage is unavailable (and in tests).
#[derive(Default)]
pub struct MemoryStore(RefCell<HashMap<String, String>>);

impl Store for MemoryStore {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        Ok(self.0.borrow().get(key).cloned())
    }
    fn set(&self, key: &str, value: &str) -> Result<(), StoreError> {
        self.0.borrow_mut().insert(key.to_string(), value.to_string());
        Ok(())
    }
    fn persistent(&self) -> bool {
        false
    }
}

/// Local storage if it can be read, otherwise memory.
pub fn open_store() -> Rc<dyn Store> {
    let usable = web_sys::window().and_then(|w| w.local_storage().ok().flatten()).is_some();
    if usable {
        Rc::new(LocalStore)
    } else {
        Rc::new(MemoryStore::default())
    }
}

/// Saves a document with its annotations and marks it as the one open last.
pub fn save(store: &dyn Store, document: &Document, annotations: &AnnotationSet) -> Result<(), StoreError> {
    let json = serde_json::to_string(&SavedDocument::new(document, annotations))
        .map_err(|e| StoreError(e.to_string()))?;
    store.set(&document_key(&document.id), &json)?;
    store.set(CURRENT_KEY, &serde_json::to_string(&document.id).unwrap_or_default())
}

/// Loads a saved document by id.
pub fn load(store: &dyn Store, id: &DocumentId) -> Result<Option<SavedDocument>, StoreError> {
    let Some(json) = store.get(&document_key(id))? else { return Ok(None) };
    let saved: SavedDocument =
        serde_json::from_str(&json).map_err(|e| StoreError(format!("saved document {} is unreadable: {e}", id.short())))?;
    if saved.version != ENVELOPE_VERSION {
        return Err(StoreError(format!("saved document {} has unknown version {}", id.short(), saved.version)));
    }
    Ok(Some(saved))
}

/// The document open last, if any was saved.
pub fn load_current(store: &dyn Store) -> Result<Option<SavedDocument>, StoreError> {
    let Some(json) = store.get(CURRENT_KEY)? else { return Ok(None) };
    let id: DocumentId = serde_json::from_str(&json).map_err(|e| StoreError(e.to_string()))?;
    load(store, &id)
}
