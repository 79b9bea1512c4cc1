//! The storage adapter: the one place the app reads and writes the browser's local storage (through
//! gloo-storage), with an in-memory fallback where local storage cannot be used.
//!
//! What is stored is defined in [`quotemark_store`] (pure, tested natively; its module docs
//! have the full layout). The keys, all prefixed `quotemark.`:
//! - `quotemark.v3.doc.<hex id>`: the document (title, date, source, text) and when it was opened;
//! - `quotemark.v3.set.<hex id>`: all of the document's annotations, in compact records, as of the
//!   last compaction: loading a document reads one value, however many annotations it has;
//! - `quotemark.v3.a.<hex id>.<annotation id>`: one annotation changed since then (or `null`: deleted),
//!   so that a change writes one small value and other tabs hear about exactly that annotation;
//!   past 64 of them the set is written again and they are removed (when the page is next idle);
//! - `quotemark.v3.current`: the document open last;
//! - `quotemark.v3.rejected.<hex id>`: suggestions the reader rejected on that document;
//! - `quotemark.v3.versions`: which document was opened as a new version of which (a label);
//! - `quotemark.backup.<time>.<key>`: a value that could not be read, set aside untouched;
//! - `quotemark.v1.*`, `quotemark.v2.*`: earlier layouts, migrated to version 3 on first load and
//!   then removed.

use gloo_storage::{LocalStorage, Storage};
use js_sys::{JsString, Uint8Array};
use wasm_bindgen::prelude::*;
use std::cell::RefCell;
use std::collections::BTreeMap;

/// Why a value could not be written.
#[derive(Clone, Debug, PartialEq)]
pub enum WriteError {
    /// The browser's storage for this site is full.
    QuotaExceeded,
    /// Anything else the browser reported.
    Other(String),
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WriteError::QuotaExceeded => f.write_str("the browser's storage for Quotemark is full"),
            WriteError::Other(e) => f.write_str(e),
        }
    }
}

/// A key-value store of strings, like `localStorage`.
pub trait Store {
    fn get(&self, key: &str) -> Option<String>;
    fn set(&self, key: &str, value: &str) -> Result<(), WriteError>;
    fn remove(&self, key: &str);
    /// Every key that starts with `prefix`.
    fn keys(&self, prefix: &str) -> Vec<String>;
    /// Whether values survive a reload.
    fn persistent(&self) -> bool;
}

/// The browser's local storage, through gloo-storage.
pub struct LocalStore;

#[wasm_bindgen]
extern "C" {
    /// `Storage`, for a `getItem` that returns the JS string itself (see [`rust_string`]).
    #[wasm_bindgen(js_name = Storage)]
    type RawStorage;
    #[wasm_bindgen(method, catch, js_class = "Storage", js_name = getItem)]
    fn get_item_js(this: &RawStorage, key: &str) -> Result<Option<JsString>, JsValue>;

    #[wasm_bindgen(js_name = TextEncoder)]
    type Utf8Encoder;
    #[wasm_bindgen(constructor, js_class = "TextEncoder")]
    fn new() -> Utf8Encoder;
    #[wasm_bindgen(method, js_class = "TextEncoder", js_name = encodeInto)]
    fn encode_into(this: &Utf8Encoder, source: &JsString, dest: &Uint8Array) -> EncodeResult;

    type EncodeResult;
    #[wasm_bindgen(method, getter)]
    fn written(this: &EncodeResult) -> f64;
}

// Listing keys one `Storage.key(i)` call at a time crosses into JS and copies a string per key in
// the store, and a document with many change records has dozens; filtering in JS copies only the
// keys asked for.
#[wasm_bindgen(inline_js = "export function storage_keys(storage, prefix) {
    const keys = [];
    for (let i = 0, n = storage.length; i < n; i++) {
        const key = storage.key(i);
        if (key !== null && key.startsWith(prefix)) keys.push(key);
    }
    return keys;
}")]
extern "C" {
    /// The keys of `storage` that start with `prefix`.
    #[wasm_bindgen(catch)]
    fn storage_keys(storage: &web_sys::Storage, prefix: &str) -> Result<Vec<JsString>, JsValue>;
}

thread_local! {
    static ENCODER: Utf8Encoder = Utf8Encoder::new();
}

/// Copies a JS string into a Rust string with the browser's own UTF-8 encoder, straight into
/// wasm memory. wasm-bindgen's usual conversion first walks the string in a JS loop, one code unit
/// at a time; on a freshly loaded page (JS not yet optimised) that takes about 15 ms per million
/// characters, which is most of the time to load a document with thousands of annotations, and
/// still tens of microseconds for each of a compaction's change records.
fn rust_string(s: &JsString) -> String {
    let units = s.length() as usize;
    if units < 64 {
        return String::from(s);
    }
    // At most three UTF-8 bytes per UTF-16 code unit.
    let capacity = units * 3;
    let mut bytes: Vec<u8> = Vec::with_capacity(capacity);
    // SAFETY: the view covers `bytes`' own allocation and is used at once, before anything else
    // could allocate (and so grow, and detach, wasm memory).
    let written = ENCODER.with(|e| {
        let view = unsafe { Uint8Array::view_mut_raw(bytes.as_mut_ptr(), capacity) };
        e.encode_into(s, &view).written() as usize
    });
    // SAFETY: encodeInto wrote `written` bytes of well-formed UTF-8 (lone surrogates become
    // U+FFFD), the whole string (three bytes per code unit always suffice), so checking them again
    // (about a millisecond for a large set on a fresh page) is not needed.
    unsafe {
        bytes.set_len(written.min(capacity));
        String::from_utf8_unchecked(bytes)
    }
}

impl Store for LocalStore {
    fn get(&self, key: &str) -> Option<String> {
        let storage: RawStorage = LocalStorage::raw().unchecked_into();
        storage.get_item_js(key).ok().flatten().map(|s| rust_string(&s))
    }
    fn set(&self, key: &str, value: &str) -> Result<(), WriteError> {
        LocalStorage::raw().set_item(key, value).map_err(|e| {
            let name = js_sys::Reflect::get(&e, &"name".into()).ok().and_then(|n| n.as_string()).unwrap_or_default();
            if name == "QuotaExceededError" || name == "NS_ERROR_DOM_QUOTA_REACHED" {
                WriteError::QuotaExceeded
            } else {
                let message = js_sys::Reflect::get(&e, &"message".into()).ok().and_then(|m| m.as_string());
                WriteError::Other(message.unwrap_or_else(|| format!("{e:?}")))
            }
        })
    }
    fn remove(&self, key: &str) {
        let _ = LocalStorage::raw().remove_item(key);
    }
    fn keys(&self, prefix: &str) -> Vec<String> {
        storage_keys(&LocalStorage::raw(), prefix).map_or_else(|_| Vec::new(), |keys| keys.iter().map(rust_string).collect())
    }
    fn persistent(&self) -> bool {
        true
    }
}

/// An in-memory store: used when local storage is unavailable, and in tests.
#[derive(Default)]
pub struct MemoryStore(RefCell<BTreeMap<String, String>>);

impl Store for MemoryStore {
    fn get(&self, key: &str) -> Option<String> {
        self.0.borrow().get(key).cloned()
    }
    fn set(&self, key: &str, value: &str) -> Result<(), WriteError> {
        self.0.borrow_mut().insert(key.to_string(), value.to_string());
        Ok(())
    }
    fn remove(&self, key: &str) {
        self.0.borrow_mut().remove(key);
    }
    fn keys(&self, prefix: &str) -> Vec<String> {
        self.0.borrow().keys().filter(|k| k.starts_with(prefix)).cloned().collect()
    }
    fn persistent(&self) -> bool {
        false
    }
}

/// Local storage (its document records mirrored to IndexedDB) if the browser lets us use it,
/// otherwise memory.
pub fn open_store() -> std::rc::Rc<dyn Store> {
    // Blocked storage throws on access (SecurityError) or on reading; a full one still reads.
    let usable = web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .is_some_and(|s| s.length().is_ok() && s.get_item(quotemark_store::CURRENT_KEY).is_ok());
    if usable {
        std::rc::Rc::new(super::mirror::MirroredStore(LocalStore))
    } else {
        std::rc::Rc::new(MemoryStore::default())
    }
}

/// Approximately how many bytes Quotemark's keys and values take in the store itself (browsers
/// count UTF-16), not counting the [away](super::away) articles kept only in the vault.
pub fn usage_bytes(store: &dyn Store) -> usize {
    store
        .keys("quotemark.")
        .into_iter()
        .filter(|k| !super::away::holds(k))
        .map(|k| {
            let v = store.get(&k).map_or(0, |v| v.encode_utf16().count());
            (k.encode_utf16().count() + v) * 2
        })
        .sum()
}
