//! The mirror: local storage with every library record copied to the [`vault`](super::vault).
//!
//! Reads come from local storage, as before. A write or removal of a library record (every
//! `quotemark.v3.*` key but the open document's id and the build: articles, their annotations,
//! change records, layers, rejected suggestions, roles, settings) is done in local storage first
//! and then queued for the vault; one task drains the queue in order, writing each key's value as
//! local storage holds it by then (so a burst of writes to one record ends as its last value). At
//! start the vault is opened and every record local storage holds is copied over, read back and
//! compared: the first step of moving the library's texts out of local storage, and until then a
//! second copy of each article and its annotations that survives local storage being cleared.
//! Records only the vault has (local storage was cleared, or a removal did not reach the vault)
//! are counted and can be [brought back](bring_back).

use super::storage::{LocalStore, Store, WriteError};
use super::vault::{Vault, VaultError};
use quotemark_store as store;
use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;

/// How the vault is doing, for the library and the notices.
#[derive(Clone, Debug, PartialEq)]
pub enum Status {
    /// Opening, or copying what local storage holds.
    Opening,
    /// Another tab has an older version of the vault open; the upgrade waits until it closes.
    Blocked,
    /// Every library record is in the vault too.
    Ready {
        /// Articles in local storage, each copied to the vault.
        documents: usize,
        /// Articles only the vault has, with the other records only it has.
        missing: usize,
    },
    /// The vault cannot be used (or failed): the records are in local storage only.
    Failed(VaultError),
}

#[derive(Default)]
struct Queue {
    status: Option<Status>,
    vault: Option<Rc<Vault>>,
    pending: VecDeque<String>,
    draining: bool,
}

thread_local! {
    static QUEUE: RefCell<Queue> = RefCell::new(Queue::default());
}

/// Local storage, with document records mirrored to the vault.
pub struct MirroredStore(pub LocalStore);

/// Whether a key is a library record, mirrored to the vault.
fn mirrored(key: &str) -> bool {
    key.starts_with(LIBRARY_PREFIX) && key != store::CURRENT_KEY && key != store::BUILD_KEY
}

const LIBRARY_PREFIX: &str = "quotemark.v3.";

impl Store for MirroredStore {
    fn get(&self, key: &str) -> Option<String> {
        self.0.get(key)
    }
    fn set(&self, key: &str, value: &str) -> Result<(), WriteError> {
        self.0.set(key, value)?;
        if mirrored(key) {
            queue(key);
        }
        Ok(())
    }
    fn remove(&self, key: &str) {
        self.0.remove(key);
        if mirrored(key) {
            queue(key);
        }
    }
    fn keys(&self, prefix: &str) -> Vec<String> {
        self.0.keys(prefix)
    }
    fn persistent(&self) -> bool {
        self.0.persistent()
    }
}

fn queue(key: &str) {
    QUEUE.with_borrow_mut(|q| {
        if !q.pending.iter().any(|k| k == key) {
            q.pending.push_back(key.to_string());
        }
    });
    drain();
}

/// Writes the queued keys to the vault, one after another, once it is open.
fn drain() {
    let start = QUEUE.with_borrow_mut(|q| {
        let go = q.vault.is_some() && !q.draining && !q.pending.is_empty();
        q.draining |= go;
        go
    });
    if !start {
        return;
    }
    wasm_bindgen_futures::spawn_local(async {
        loop {
            let next = QUEUE.with_borrow_mut(|q| Some((q.vault.clone()?, q.pending.pop_front()?)));
            let Some((vault, key)) = next else { break };
            // A failed copy leaves the record in local storage, where it is read from; the next
            // write of it tries again.
            let _ = copy(&vault, &key).await;
        }
        QUEUE.with_borrow_mut(|q| q.draining = false);
    });
}

/// Puts local storage's value of `key` in the vault (or removes it there, if local storage has
/// none).
async fn copy(vault: &Vault, key: &str) -> Result<(), VaultError> {
    match LocalStore.get(key) {
        Some(value) => vault.put(key, &value).await,
        None => vault.remove(key).await,
    }
}

/// What the vault last reported (`None`: it was not started, as in tests on memory).
pub fn status() -> Option<Status> {
    QUEUE.with_borrow(|q| q.status.clone())
}

/// Opens the vault and copies every library record into it (each read back and compared);
/// `status` hears each step. Records already there unchanged are not written again; a copy that
/// differs from local storage's (damaged, or written by a tab that closed before it finished) is
/// written again, since local storage is what the app reads. A record only the vault has is left
/// as it is (it may be the last copy of an article) and counted, to be offered back.
pub async fn start(report: impl Fn(Status) + 'static) {
    let status = Rc::new(move |s: Status| {
        QUEUE.with_borrow_mut(|q| q.status = Some(s.clone()));
        report(s);
    });
    status(Status::Opening);
    let on_blocked = status.clone();
    let vault = match Vault::open(move || on_blocked(Status::Blocked)).await {
        Ok(vault) => Rc::new(vault),
        Err(e) => return status(Status::Failed(e)),
    };
    let stored = match vault.keys().await {
        Ok(keys) => keys,
        Err(e) => return status(Status::Failed(e)),
    };
    let mut documents = 0;
    for key in LocalStore.keys(LIBRARY_PREFIX).into_iter().filter(|k| mirrored(k)) {
        let Some(value) = LocalStore.get(&key) else { continue };
        documents += usize::from(key.starts_with(store::DOC_PREFIX));
        let same = stored.contains(&key) && vault.get(&key).await.ok().flatten().as_deref() == Some(value.as_str());
        if same {
            continue;
        }
        if let Err(e) = vault.put(&key, &value).await {
            return status(Status::Failed(e));
        }
        if vault.get(&key).await.ok().flatten().as_deref() != Some(value.as_str()) {
            return status(Status::Failed(VaultError::Other(format!("{key} read back differently"))));
        }
    }
    let missing = only_in_vault(&stored).filter(|k| k.starts_with(store::DOC_PREFIX)).count();
    QUEUE.with_borrow_mut(|q| q.vault = Some(vault));
    drain();
    status(Status::Ready { documents, missing });
}

/// The library records among `vault_keys` that local storage does not hold.
fn only_in_vault(vault_keys: &[String]) -> impl Iterator<Item = &String> {
    vault_keys.iter().filter(|k| mirrored(k) && LocalStore.get(k).is_none())
}

/// Why not every record could be brought back.
#[derive(Clone, Debug, PartialEq)]
pub enum BringBackError {
    /// The vault is not open, or reading it failed.
    Vault(VaultError),
    /// Local storage refused a record (full): `articles` were brought back before it.
    Local { articles: usize, error: WriteError },
}

/// Writes back to local storage every record only the vault has, an article's annotations before
/// the article (so that one never shows without them), never over a record local storage holds.
/// Returns how many articles came back; on an error, those before it stay back and the rest stay
/// in the vault, to try again.
pub async fn bring_back() -> Result<usize, BringBackError> {
    let closed = || BringBackError::Vault(VaultError::Other("the browser's database is not open".into()));
    let vault = QUEUE.with_borrow(|q| q.vault.clone()).ok_or_else(closed)?;
    let stored = vault.keys().await.map_err(BringBackError::Vault)?;
    let (docs, others): (Vec<String>, Vec<String>) =
        only_in_vault(&stored).cloned().partition(|k| k.starts_with(store::DOC_PREFIX));
    let mut articles = 0;
    for key in others.iter().chain(&docs) {
        let Some(value) = vault.get(key).await.map_err(BringBackError::Vault)? else { continue };
        if LocalStore.get(key).is_some() {
            continue;
        }
        LocalStore.set(key, &value).map_err(|error| BringBackError::Local { articles, error })?;
        articles += usize::from(key.starts_with(store::DOC_PREFIX));
    }
    QUEUE.with_borrow_mut(|q| {
        if let Some(Status::Ready { documents, missing }) = &mut q.status {
            *documents += articles;
            *missing = missing.saturating_sub(articles);
        }
    });
    Ok(articles)
}
