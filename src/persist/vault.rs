//! The vault: the browser's IndexedDB, where every document's record is kept as
//! well as in local storage, so that a library can outgrow local storage's 5 MB and survive when
//! local storage is cleared. One database, `quotemark`, with one object store, `documents`: the
//! local-storage key of each record (`quotemark.v3.doc.<id>`) holds the same string.
//!
//! Everything here is asynchronous and may fail without harm: local storage stays the store the
//! app reads at start (so the first paint and loading stay synchronous); the vault is written
//! after it, and read back only to check its copies.
//!
//! Hand-written over a few lines of JavaScript rather than through a crate: with the `idb` crate
//! (the one under `rexie`, and the only one of the two that exposes the transaction's error and
//! the `blocked` and `versionchange` events this needs) the release bundle grew by 17.9 KB gzipped
//! (760.7 → 778.6 KB), over its 770 KB guard; written this way, this module and the mirror that
//! uses it cost 6.1 KB (760.7 → 766.8 KB).

use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

// Each call settles with the request's result, or rejects with the DOMException (or a string)
// that says why. A write resolves only when its transaction has committed: an abort (a full disk
// aborts it) rejects with the transaction's error.
#[wasm_bindgen(inline_js = "
const STORE = 'documents';
export function vault_open(name, version, blocked) {
  return new Promise((resolve, reject) => {
    let request;
    try { request = indexedDB.open(name, version); } catch (e) { reject(e); return; }
    request.onupgradeneeded = () => {
      const db = request.result;
      if (!db.objectStoreNames.contains(STORE)) db.createObjectStore(STORE);
    };
    request.onblocked = () => blocked();
    request.onerror = () => reject(request.error);
    request.onsuccess = () => {
      const db = request.result;
      // A newer version opened in another tab: let it upgrade.
      db.onversionchange = () => db.close();
      resolve(db);
    };
  });
}
function run(db, mode, act) {
  return new Promise((resolve, reject) => {
    let tx, request;
    try {
      tx = db.transaction(STORE, mode);
      request = act(tx.objectStore(STORE));
    } catch (e) { reject(e); return; }
    if (mode === 'readonly') {
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    } else {
      tx.oncomplete = () => resolve(undefined);
      tx.onabort = () => reject(tx.error || request.error || 'the browser did not keep the change');
    }
  });
}
export function vault_put(db, key, value) { return run(db, 'readwrite', (s) => s.put(value, key)); }
export function vault_get(db, key) { return run(db, 'readonly', (s) => s.get(key)); }
export function vault_keys(db) { return run(db, 'readonly', (s) => s.getAllKeys()); }
export function vault_remove(db, key) { return run(db, 'readwrite', (s) => s.delete(key)); }
export function vault_get_many(db, keys) {
  return new Promise((resolve, reject) => {
    const out = new Array(keys.length);
    let left = keys.length;
    if (!left) { resolve(out); return; }
    try {
      const s = db.transaction(STORE, 'readonly').objectStore(STORE);
      keys.forEach((k, i) => {
        const r = s.get(k);
        r.onsuccess = () => { out[i] = r.result; if (--left === 0) resolve(out); };
        r.onerror = () => reject(r.error);
      });
    } catch (e) { reject(e); }
  });
}
export function vault_put_many(db, keys, values) {
  return run(db, 'readwrite', (s) => { let last; keys.forEach((k, i) => { last = s.put(values[i], k); }); return last || {}; });
}
")]
extern "C" {
    fn vault_open(name: &str, version: u32, blocked: &Closure<dyn FnMut()>) -> js_sys::Promise;
    fn vault_put(db: &JsValue, key: &str, value: &str) -> js_sys::Promise;
    fn vault_get(db: &JsValue, key: &str) -> js_sys::Promise;
    fn vault_keys(db: &JsValue) -> js_sys::Promise;
    fn vault_remove(db: &JsValue, key: &str) -> js_sys::Promise;
    fn vault_get_many(db: &JsValue, keys: Vec<String>) -> js_sys::Promise;
    fn vault_put_many(db: &JsValue, keys: Vec<String>, values: Vec<String>) -> js_sys::Promise;
}

const DATABASE: &str = "quotemark";
const VERSION: u32 = 1;

/// Why the vault could not be used.
#[derive(Clone, Debug, PartialEq)]
pub enum VaultError {
    /// The browser offers no IndexedDB here (some private modes, blocked site data).
    Unavailable(String),
    /// The browser's storage for this site is full.
    QuotaExceeded,
    /// Anything else the browser reported.
    Other(String),
}

impl std::fmt::Display for VaultError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            VaultError::Unavailable(why) => write!(f, "the browser's database is not available here ({why})"),
            VaultError::QuotaExceeded => f.write_str("the browser's storage for Quotemark is full"),
            VaultError::Other(why) => f.write_str(why),
        }
    }
}

/// What a rejection says: a DOMException's name and message, or the string it is.
fn classify(e: JsValue) -> VaultError {
    let field = |name: &str| js_sys::Reflect::get(&e, &name.into()).ok().and_then(|v| v.as_string()).unwrap_or_default();
    let (name, message) = match e.as_string() {
        Some(s) => (String::new(), s),
        None => (field("name"), field("message")),
    };
    let why = if message.is_empty() { name.clone() } else { message };
    match name.as_str() {
        "QuotaExceededError" => VaultError::QuotaExceeded,
        "SecurityError" | "InvalidStateError" => VaultError::Unavailable(why),
        _ => VaultError::Other(why),
    }
}

async fn settle(promise: js_sys::Promise) -> Result<JsValue, VaultError> {
    JsFuture::from(promise).await.map_err(classify)
}

/// An open connection to the vault.
pub struct Vault {
    db: JsValue,
}

impl Vault {
    /// Opens (and at first creates) the vault. `blocked` is called if another tab holds an older
    /// version open: the open then waits until that tab closes it.
    pub async fn open(blocked: impl FnOnce() + 'static) -> Result<Vault, VaultError> {
        let has_idb = web_sys::window()
            .and_then(|w| js_sys::Reflect::get(&w, &"indexedDB".into()).ok())
            .is_some_and(|v| !v.is_undefined() && !v.is_null());
        if !has_idb {
            return Err(VaultError::Unavailable("no IndexedDB".into()));
        }
        let mut blocked = Some(blocked);
        let on_blocked = Closure::<dyn FnMut()>::new(move || {
            if let Some(f) = blocked.take() {
                f();
            }
        });
        let db = settle(vault_open(DATABASE, VERSION, &on_blocked)).await.map_err(|e| match e {
            VaultError::Other(why) => VaultError::Unavailable(why),
            other => other,
        })?;
        Ok(Vault { db })
    }

    /// Keeps `value` under `key`, once the browser says it is written.
    pub async fn put(&self, key: &str, value: &str) -> Result<(), VaultError> {
        settle(vault_put(&self.db, key, value)).await.map(drop)
    }

    /// The value under `key`, if there is one (and it is a string).
    pub async fn get(&self, key: &str) -> Result<Option<String>, VaultError> {
        Ok(settle(vault_get(&self.db, key)).await?.as_string())
    }

    /// Every key in the vault.
    pub async fn keys(&self) -> Result<Vec<String>, VaultError> {
        let keys = settle(vault_keys(&self.db)).await?;
        Ok(js_sys::Array::from(&keys).iter().filter_map(|k| k.as_string()).collect())
    }

    /// The values under `keys`, in one transaction (`None` where there is none, or not a string).
    pub async fn get_many(&self, keys: &[String]) -> Result<Vec<Option<String>>, VaultError> {
        let values = settle(vault_get_many(&self.db, keys.to_vec())).await?;
        Ok(js_sys::Array::from(&values).iter().map(|v| v.as_string()).collect())
    }

    /// Keeps each value under its key, in one transaction, once the browser says it is written.
    pub async fn put_many(&self, records: &[(String, String)]) -> Result<(), VaultError> {
        let (keys, values): (Vec<String>, Vec<String>) = records.iter().cloned().unzip();
        settle(vault_put_many(&self.db, keys, values)).await.map(drop)
    }

    /// Removes the value under `key`.
    pub async fn remove(&self, key: &str) -> Result<(), VaultError> {
        settle(vault_remove(&self.db, key)).await.map(drop)
    }
}
