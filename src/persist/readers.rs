//! The readers of what is stored: every parser of the store's records (serde_json, and the
//! hand-written fast paths of the sets and documents), reached through one table of functions.
//!
//! They are the module's largest part that a first visit never runs: with all of them in the first
//! module it was 312.4 KB (brotli); without, 261.0 KB (issue 18, docs/PERFORMANCE.md). So in the
//! release build the table is in chunk `stored` ([`table`]):
//! - when the store holds records at start ([`needed`]), the app waits for the chunk before it
//!   starts (from the service worker's cache once installed), so that everything stored is read
//!   as before;
//! - when it holds none (a first visit), the app starts at once and the chunk is fetched after its
//!   first frame ([`preload`]).
//!
//! Until the chunk is there, [`get`] is `None`: a caller then reads nothing and writes nothing
//! (no value is set aside for being unreadable), and says so where the reader asked for it.
//! Built without the `split` feature, the table is always there.

use super::layers;
use super::storage::Store;
use quotemark_core::claimreview::ReviewSettings;
use quotemark_core::document::{Document, DocumentId};
use quotemark_core::insights::Roles;
use quotemark_core::model::{Annotation, AnnotationId, Timestamp};
use quotemark_store::{DecodedSet, StoreError, TextIndex};
use std::collections::{BTreeMap, BTreeSet};

/// A document record and when it was opened last.
pub type DocumentRead = Result<(Document, Timestamp), StoreError>;

/// Every parser the app uses on stored values.
pub struct Readers {
    pub document: fn(&str) -> DocumentRead,
    pub document_summary: fn(&str) -> DocumentRead,
    pub set: fn(&str, &TextIndex) -> Result<DecodedSet, StoreError>,
    pub set_ids: fn(&str) -> Option<Vec<AnnotationId>>,
    pub change: fn(&str, &TextIndex) -> Result<Option<Annotation>, StoreError>,
    pub annotation: fn(&str, &TextIndex) -> Result<Annotation, StoreError>,
    pub versions: fn(Option<&str>) -> BTreeMap<String, String>,
    pub v1: fn(&str) -> Result<(Document, Vec<Annotation>), StoreError>,
    pub v2_document: fn(&str) -> DocumentRead,
    pub document_id: fn(&str) -> Option<DocumentId>,
    pub roles: fn(&str) -> Result<Roles, String>,
    pub review_settings: fn(&str) -> Result<ReviewSettings, String>,
    pub layers: fn(&str) -> Result<layers::Stored, String>,
    pub rejected: fn(&str) -> Option<BTreeSet<String>>,
}

/// A stored JSON value as `T`, or serde_json's message.
fn json<T: serde::de::DeserializeOwned>(value: &str) -> Result<T, String> {
    serde_json::from_str(value).map_err(|e| e.to_string())
}

/// The table. Referred to only by [`table`] in the release build, so that it and everything it
/// calls are built into that chunk.
pub fn all() -> &'static Readers {
    static ALL: Readers = Readers {
        document: quotemark_store::decode_document,
        document_summary: quotemark_store::decode_document_summary,
        set: quotemark_store::decode_set,
        set_ids: quotemark_store::set_ids,
        change: quotemark_store::decode_change,
        annotation: quotemark_store::decode_annotation,
        versions: quotemark_store::decode_versions,
        v1: quotemark_store::migrate_v1,
        v2_document: quotemark_store::decode_v2_document,
        document_id: |v| json(v).ok(),
        roles: json,
        review_settings: json,
        layers: json,
        rejected: |v| json(v).ok(),
    };
    &ALL
}

crate::later::split_point! {
    stored:
    /// The readers' table, from its chunk.
    pub fn table() -> &'static Readers {
        all()
    }
}

#[cfg(feature = "split")]
thread_local! {
    static LOADED: std::cell::Cell<Option<&'static Readers>> = const { std::cell::Cell::new(None) };
}

/// The readers, once their chunk is loaded.
#[cfg(feature = "split")]
pub fn get() -> Option<&'static Readers> {
    LOADED.with(|l| l.get())
}

/// The readers (always there without the split).
#[cfg(not(feature = "split"))]
pub fn get() -> Option<&'static Readers> {
    Some(all())
}

/// Loads the readers' chunk (at once if it is loaded already).
pub async fn load() -> Result<&'static Readers, crate::later::NotLoaded> {
    if let Some(r) = get() {
        return Ok(r);
    }
    let r = table().await?;
    #[cfg(feature = "split")]
    LOADED.with(|l| l.set(Some(r)));
    Ok(r)
}

/// Whether the store holds anything to read at start: any of Quotemark's keys but the build's.
pub fn needed(store: &dyn Store) -> bool {
    store.keys(quotemark_store::KEY_PREFIX).iter().any(|k| k != quotemark_store::BUILD_KEY)
}

/// Fetches the readers' chunk after the app's next frame, if it is not there yet (to be spawned
/// when the app starts: a failure is tried again by the next reader who needs it).
pub async fn preload() {
    if get().is_none() {
        crate::browser::next_frame().await;
        let _ = load().await;
    }
}

/// What a reader is told when something stored could not be read because the readers are not
/// there yet (or could not be downloaded). Nothing was changed.
pub const NOT_LOADED: &str = "Your saved work could not be read: a part of Quotemark is still downloading or could not be downloaded. Nothing was changed; try again in a moment.";
