//! Articles kept only in the [`vault`](super::vault): how the library outgrows local storage.
//!
//! Local storage holds the open article and the most recently opened ones, up to [`BUDGET`]
//! (about half of the 5 MB browsers allow, so that a pasted article or a restore still fits).
//! Past it, the least recently opened articles move out ([`offload`]): every record of one (its
//! document, annotation set, change records, rejected suggestions, comparison layers) is checked
//! against the vault's copy (written again and read back if it differs), a small stub
//! (`quotemark.v3.away.<id>`: when it was opened last) is written, and only then are its records
//! removed from local storage. The vault is not touched by the move: its copy is the record.
//!
//! At start the records of every away article are read from the vault into memory ([`read`]),
//! and the [mirror](super::mirror) reads through to them: the library lists them, a backup has
//! them, deleting, renaming and restoring work on them as on any other (their writes go to memory
//! and the vault). Opening one brings it back into local storage ([`promote`]), so that the open
//! article is always read synchronously at the next start; the oldest others move out to make
//! room. A stub is never mirrored: after local storage is cleared, away articles are counted
//! with the others only the vault holds, to be brought back. Another tab hears of a move by the
//! stub's storage event and reads the article from the vault ([`adopt`]) or forgets it
//! ([`forget`]).

use super::storage::{LocalStore, Store, WriteError};
use super::vault::{Vault, VaultError};
use quotemark_core::document::DocumentId;
use quotemark_store::{self as store, StoreKey};
use std::cell::RefCell;
use std::collections::BTreeMap;

/// How many bytes (UTF-16, as browsers count them) of Quotemark's records local storage keeps
/// before the least recently opened articles move to the vault.
pub const BUDGET: usize = 2_500_000;

#[derive(Default)]
struct Away {
    /// Whether `ids` was read from local storage's stubs.
    known: bool,
    /// The 32 hex digits of each article with a stub (a map, to share the code of `records`').
    ids: BTreeMap<String, String>,
    /// Their records, as the vault holds them (read at start, then kept up to date).
    records: BTreeMap<String, String>,
    /// Whether `records` was read.
    read: bool,
}

thread_local! {
    static AWAY: RefCell<Away> = RefCell::new(Away::default());
}

fn with<R>(f: impl FnOnce(&mut Away) -> R) -> R {
    AWAY.with_borrow_mut(|a| {
        know(a);
        f(a)
    })
}

/// Reads which articles are away, the first time. Not generic, unlike [`with`]: inside it, the
/// map's collecting (and its sort) was built once per caller, 14 copies of about 3 KB each.
fn know(a: &mut Away) {
    if a.known {
        return;
    }
    a.known = true;
    // (Where local storage is blocked the app keeps its records in memory: none away.)
    let usable = web_sys::window().and_then(|w| w.local_storage().ok().flatten()).is_some();
    if usable {
        a.ids = LocalStore
            .keys(store::AWAY_PREFIX)
            .into_iter()
            .filter_map(|k| k.strip_prefix(store::AWAY_PREFIX).map(|h| (h.to_string(), String::new())))
            .collect();
    }
}

/// The article (32 hex digits) a record belongs to, if it is one of an article's records.
fn article_of(key: &str) -> Option<&str> {
    match store::parse_key(key)? {
        StoreKey::Document(h) | StoreKey::Set(h) | StoreKey::Rejected(h) | StoreKey::Layers(h) => Some(h),
        StoreKey::Change { document, .. } => Some(document),
        _ => None,
    }
}

/// Whether `key` is a record of an away article.
pub fn holds(key: &str) -> bool {
    article_of(key).is_some_and(|h| with(|a| a.ids.contains_key(h)))
}

/// Whether the article with these 32 hex digits is away.
pub fn is_away(hex: &str) -> bool {
    with(|a| a.ids.contains_key(hex))
}

/// How many articles are away, and whether their records were read from the vault yet.
pub fn count() -> (usize, bool) {
    with(|a| (a.ids.len(), a.read))
}

/// An away article's record, once read.
pub fn get(key: &str) -> Option<String> {
    with(|a| a.records.get(key).cloned())
}

/// The away records' keys that start with `prefix`.
pub fn keys(prefix: &str) -> Vec<String> {
    with(|a| a.records.range(prefix.to_string()..).take_while(|(k, _)| k.starts_with(prefix)).map(|(k, _)| k.clone()).collect())
}

/// Writes an away article's record (in memory; the mirror copies it to the vault).
pub fn set(key: &str, value: &str) {
    with(|a| a.records.insert(key.to_string(), value.to_string()));
}

/// Removes an away article's record; removing its document removes the article's stub too.
pub fn remove(key: &str) {
    let whole = matches!(store::parse_key(key), Some(StoreKey::Document(_)));
    with(|a| {
        a.records.remove(key);
        if let (true, Some(h)) = (whole, article_of(key)) {
            a.ids.remove(h);
            LocalStore.remove(&format!("{}{h}", store::AWAY_PREFIX));
        }
    });
}

/// Reads every away article's records from the vault (`vault_keys`: every key it holds).
pub async fn read(vault: &Vault, vault_keys: &[String]) -> Result<(), VaultError> {
    let wanted: Vec<String> = vault_keys.iter().filter(|k| holds(k)).cloned().collect();
    let values = vault.get_many(&wanted).await?;
    with(|a| {
        // Writes made while reading are newer than what was read.
        for (k, v) in wanted.into_iter().zip(values) {
            if let Some(v) = v {
                a.records.entry(k).or_insert(v);
            }
        }
        a.read = true;
    });
    Ok(())
}

/// Another tab moved an article out (its stub appeared): its records are read from the vault, so
/// that this tab lists and opens it as the other does.
pub async fn adopt(vault: &Vault, hex: &str) -> Result<(), VaultError> {
    let keys: Vec<String> = vault.keys().await?.into_iter().filter(|k| article_of(k) == Some(hex)).collect();
    let values = vault.get_many(&keys).await?;
    with(|a| {
        a.ids.insert(hex.to_string(), String::new());
        for (k, v) in keys.into_iter().zip(values) {
            if let Some(v) = v {
                a.records.entry(k).or_insert(v);
            }
        }
    });
    Ok(())
}

/// Another tab brought an article back or deleted it (its stub went): local storage holds what
/// there is of it.
pub fn forget(hex: &str) {
    with(|a| {
        a.ids.remove(hex);
        a.records.retain(|k, _| article_of(k) != Some(hex));
    });
}

/// Bytes of Quotemark's records in local storage itself.
pub fn local_bytes() -> usize {
    LocalStore
        .keys(store::KEY_PREFIX)
        .into_iter()
        .map(|k| store::storage_bytes([(store::utf16_len(&k), LocalStore.get(&k).map_or(0, |v| store::utf16_len(&v)))]))
        .sum()
}

/// Every record of an article local storage holds, with its value.
fn local_records(id: &DocumentId) -> Vec<(String, String)> {
    let mut keys = LocalStore.keys(&store::change_prefix(id));
    keys.extend([store::set_key(id), store::rejected_key(id), store::layers_key(id), store::doc_key(id)]);
    keys.into_iter().filter_map(|k| LocalStore.get(&k).map(|v| (k, v))).collect()
}

/// Moves the least recently opened articles (never the open one) out of local storage until its
/// records take at most `budget` bytes. Returns how many moved. An article whose records change
/// while their copies are checked stays.
pub async fn offload(vault: &Vault, budget: usize) -> Result<usize, VaultError> {
    let mut used = local_bytes();
    if used <= budget {
        return Ok(0);
    }
    let open = super::load::current_id(&LocalStore);
    let mut articles: Vec<(i64, DocumentId)> = LocalStore
        .keys(store::DOC_PREFIX)
        .into_iter()
        .filter_map(|k| {
            let (doc, opened) = (super::readers::get()?.document)(&LocalStore.get(&k)?).ok()?;
            (Some(&doc.id) != open.as_ref()).then_some((opened.0, doc.id))
        })
        .collect();
    quotemark_core::order::sort_by_key(&mut articles, |(opened, _)| *opened);
    let mut moved = 0;
    for (opened, id) in articles {
        if used <= budget {
            break;
        }
        let records = local_records(&id);
        let keys: Vec<String> = records.iter().map(|(k, _)| k.clone()).collect();
        let same = |copies: &[Option<String>]| records.iter().zip(copies).all(|((_, v), c)| c.as_deref() == Some(v.as_str()));
        if !same(&vault.get_many(&keys).await?) {
            vault.put_many(&records).await?;
            if !same(&vault.get_many(&keys).await?) {
                return Err(VaultError::Other(format!("{} read back differently", store::doc_key(&id))));
            }
        }
        if local_records(&id) != records {
            continue; // written meanwhile (another tab, a restore): checked again next time
        }
        if LocalStore.set(&store::away_key(&id), &opened.to_string()).is_err() {
            break;
        }
        with(|a| {
            a.ids.insert(id.short().to_string(), String::new());
            for (k, v) in &records {
                a.records.insert(k.clone(), v.clone());
            }
        });
        for (key, value) in &records {
            LocalStore.remove(key);
            used = used.saturating_sub(store::storage_bytes([(store::utf16_len(key), store::utf16_len(value))]));
        }
        moved += 1;
    }
    Ok(moved)
}

/// Brings an away article's records back into local storage (the document last) and drops its
/// stub; `Ok(false)`: it was not away. If local storage refuses one, what was written is taken
/// back and the article stays away.
pub fn promote(hex: &str) -> Result<bool, WriteError> {
    if !is_away(hex) {
        return Ok(false);
    }
    let mut records: Vec<(String, String)> =
        with(|a| a.records.iter().filter(|(k, _)| article_of(k) == Some(hex)).map(|(k, v)| (k.clone(), v.clone())).collect());
    // The document record last: until it is written, local storage has no half of an article.
    quotemark_core::order::sort_by_key(&mut records, |(k, _)| k.starts_with(store::DOC_PREFIX));
    let mut written = Vec::new();
    for (key, value) in &records {
        if LocalStore.get(key).is_some() {
            continue; // written here since (another tab): local storage's is newer
        }
        if let Err(e) = LocalStore.set(key, value) {
            for key in written {
                LocalStore.remove(key);
            }
            return Err(e);
        }
        written.push(key);
    }
    with(|a| {
        a.ids.remove(hex);
        a.records.retain(|k, _| article_of(k) != Some(hex));
    });
    LocalStore.remove(&format!("{}{hex}", store::AWAY_PREFIX));
    Ok(true)
}
