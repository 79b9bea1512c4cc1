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
//! are counted and can be [brought back](bring_back). Past local storage's budget the least
//! recently opened articles live in the vault only ([`away`]); reads, writes and key listings
//! reach them through this store, and opening one (writing the open article's id) brings it back.

use super::away;
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
        /// Articles in the library, each copied to the vault (the [away](away) ones only there).
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

/// Whether a key is a library record, mirrored to the vault (not an away article's stub, which
/// says what local storage lacks).
fn mirrored(key: &str) -> bool {
    key.starts_with(LIBRARY_PREFIX)
        && key != store::CURRENT_KEY
        && key != store::BUILD_KEY
        && !key.starts_with(store::AWAY_PREFIX)
}

const LIBRARY_PREFIX: &str = "quotemark.v3.";

impl Store for MirroredStore {
    fn get(&self, key: &str) -> Option<String> {
        self.0.get(key).or_else(|| away::holds(key).then(|| away::get(key)).flatten())
    }
    fn set(&self, key: &str, value: &str) -> Result<(), WriteError> {
        if away::holds(key) && self.0.get(key).is_none() {
            away::set(key, value);
            queue(key);
            return Ok(());
        }
        self.0.set(key, value)?;
        if key == store::CURRENT_KEY {
            // The open article lives in local storage, to be read at the next start.
            if let Some(id) = super::load::current_id(&self.0) {
                bring_in(id.short().to_string());
            }
        }
        if mirrored(key) {
            queue(key);
        }
        Ok(())
    }
    fn remove(&self, key: &str) {
        if away::holds(key) {
            away::remove(key);
        }
        self.0.remove(key);
        if mirrored(key) {
            queue(key);
        }
    }
    fn keys(&self, prefix: &str) -> Vec<String> {
        let mut keys = self.0.keys(prefix);
        let away = away::keys(prefix);
        if !away.is_empty() {
            // (A map of the type the away records use, rather than a set of its own: less code.)
            let here: std::collections::BTreeMap<String, String> = keys.iter().map(|k| (k.clone(), String::new())).collect();
            keys.extend(away.into_iter().filter(|k| !here.contains_key(k)));
        }
        keys
    }
    fn persistent(&self) -> bool {
        self.0.persistent()
    }
}

/// What another tab wrote under `key`, as it concerns the articles kept only in the vault: a stub
/// written (an article moved out there) or removed (brought back, or deleted). `heard` is called
/// once this tab's view follows.
pub fn another_tab(key: &str, value: Option<&str>, heard: impl FnOnce() + 'static) {
    let Some(hex) = key.strip_prefix(store::AWAY_PREFIX).map(str::to_string) else { return };
    if value.is_none() {
        away::forget(&hex);
        return heard();
    }
    let Some(vault) = QUEUE.with_borrow(|q| q.vault.clone()) else { return };
    wasm_bindgen_futures::spawn_local(async move {
        if away::adopt(&vault, &hex).await.is_ok() {
            heard();
        }
    });
}

/// Brings the article just opened back from the vault, if it is away; when local storage has no
/// room for it, the oldest others move out first.
fn bring_in(hex: String) {
    if !away::is_away(&hex) || away::promote(&hex).is_ok() {
        return;
    }
    wasm_bindgen_futures::spawn_local(async move {
        let Some(vault) = QUEUE.with_borrow(|q| q.vault.clone()) else { return };
        let _ = away::offload(&vault, away::BUDGET / 2).await;
        let _ = away::promote(&hex);
    });
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
        let mut articles_written = false;
        let mut last_vault = None;
        loop {
            let next = QUEUE.with_borrow_mut(|q| Some((q.vault.clone()?, q.pending.pop_front()?)));
            let Some((vault, key)) = next else { break };
            articles_written |= key.starts_with(store::DOC_PREFIX);
            // A failed copy leaves the record in local storage, where it is read from; the next
            // write of it tries again.
            let _ = copy(&vault, &key).await;
            last_vault = Some(vault);
        }
        // A new article may take local storage past its budget: the oldest move out.
        if let (true, Some(vault)) = (articles_written, last_vault) {
            let _ = away::offload(&vault, away::BUDGET).await;
        }
        QUEUE.with_borrow_mut(|q| q.draining = false);
        drain();
    });
}

/// Puts local storage's value of `key` in the vault (or removes it there, if local storage has
/// none).
async fn copy(vault: &Vault, key: &str) -> Result<(), VaultError> {
    match LocalStore.get(key).or_else(|| away::holds(key).then(|| away::get(key)).flatten()) {
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
    // Every record local storage holds, read back from the vault in one transaction; those that
    // differ (or are not there) written in one more, and read back again.
    let local: Vec<(String, String)> = LocalStore
        .keys(LIBRARY_PREFIX)
        .into_iter()
        .filter(|k| mirrored(k))
        .filter_map(|k| LocalStore.get(&k).map(|v| (k, v)))
        .collect();
    let documents = local.iter().filter(|(k, _)| k.starts_with(store::DOC_PREFIX)).count();
    let keys: Vec<String> = local.iter().map(|(k, _)| k.clone()).collect();
    let copies = match vault.get_many(&keys).await {
        Ok(copies) => copies,
        Err(e) => return status(Status::Failed(e)),
    };
    let differ: Vec<(String, String)> =
        local.into_iter().zip(copies).filter(|((_, v), c)| c.as_deref() != Some(v.as_str())).map(|(kv, _)| kv).collect();
    if !differ.is_empty() {
        if let Err(e) = vault.put_many(&differ).await {
            return status(Status::Failed(e));
        }
        let keys: Vec<String> = differ.iter().map(|(k, _)| k.clone()).collect();
        let back = vault.get_many(&keys).await.unwrap_or_default();
        if let Some(((key, _), _)) = differ.iter().zip(back.iter().chain(std::iter::repeat(&None))).find(|((_, v), c)| c.as_deref() != Some(v.as_str())) {
            return status(Status::Failed(VaultError::Other(format!("{key} read back differently"))));
        }
    }
    if let Err(e) = away::read(&vault, &stored).await {
        return status(Status::Failed(e));
    }
    let missing = only_in_vault(&stored).filter(|k| k.starts_with(store::DOC_PREFIX)).count();
    QUEUE.with_borrow_mut(|q| q.vault = Some(vault.clone()));
    status(Status::Ready { documents: documents + away::count().0, missing });
    // A library past local storage's budget (kept by an older version, or by another tab).
    if away::offload(&vault, away::BUDGET).await.is_ok_and(|n| n > 0) {
        status(Status::Ready { documents: documents + away::count().0, missing });
    }
    drain();
}

/// The library records among `vault_keys` that local storage does not hold.
fn only_in_vault(vault_keys: &[String]) -> impl Iterator<Item = &String> {
    vault_keys.iter().filter(|k| mirrored(k) && !away::holds(k) && LocalStore.get(k).is_none())
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
