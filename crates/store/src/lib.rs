//! # quotemark-store
//!
//! The records Quotemark keeps in the browser's local storage (version 3). The app does the I/O;
//! this crate is the pure format: keys, values, decoding with errors, and migration from versions
//! 1 and 2. Like `quotemark-core` (whose model it stores) it needs no browser and is tested
//! natively. It is a crate of its own because every load and save runs through it: the release
//! build optimises it for speed (`opt-level = "s"`) and everything else for size.
//!
//! # Layout
//!
//! | key | value |
//! | --- | --- |
//! | [`CURRENT_KEY`] `quotemark.v3.current` | the open document's id, as a JSON string |
//! | [`doc_key`] `quotemark.v3.doc.<32 hex>` | [`encode_document`]: `{"version":3,"document":{…},"opened":ms,"check":"…"}` |
//! | [`set_key`] `quotemark.v3.set.<32 hex>` | [`encode_set`]: `{"version":3,"columns":{…},"records":[…]}`, every annotation of the document as of the last compaction |
//! | [`change_key`] `quotemark.v3.a.<32 hex>.<annotation id>` | [`encode_change`]: one annotation's record, or `null` once it is deleted, written since the last compaction |
//! | [`rejected_key`] `quotemark.v3.rejected.<32 hex>` | the suggestions rejected on the document (a JSON array of their keys) |
//! | [`away_key`] `quotemark.v3.away.<32 hex>` | when an article whose records were moved to the browser's database (to make room) was opened last, in ms |
//! | [`VERSIONS_KEY`] `quotemark.v3.versions` | [`encode_versions`]: `{"<32 hex>":"<32 hex>",…}`, each document opened as a new version of another |
//! | [`backup_key`] `quotemark.backup.<ms>.<original key>` | a value that could not be read, set aside |
//!
//! A document's annotations are its **set** with its **changes** laid over it (see
//! [`lay_over`]). A change in the app writes one small change record; once a document has more
//! than [`MAX_CHANGES`] of them (or one save touches that many annotations), the app writes the
//! whole set again and then removes the change records it folded in: a *compaction*. Annotation
//! records are compact where they can be (see [`encode_annotation`]).
//!
//! Modules, one job each: `keys` (key names), `versions` and `size` (small values and counts),
//! `error`, `text_index` (the text by code point), `document` (the document record), `records`
//! (annotation and change records), `set` (the columnar annotation set), `migrate` (versions 1
//! and 2), `json` (the hand-written JSON reader and writer).
//!
//! ```
//! use quotemark_core::anchor::describe;
//! use quotemark_core::document::Document;
//! use quotemark_core::model::*;
//! use quotemark_store::{self as store, TextIndex};
//!
//! let doc = Document::from_raw("“We will act,” she said on Monday.");
//! let text = TextIndex::new(&doc.text);
//! let quote = Annotation::new(
//!     AnnotationId::from_random_bytes([1; 16]),
//!     describe(&doc.id.0, &doc.text, Span::new(0, 14)),
//!     Kind::Quote(Quote { speaker: "she".into(), ..Quote::default() }),
//!     Timestamp(1_496_620_800_000),
//! );
//! let json = store::encode_annotation(&quote, &text);
//! assert!(json.contains(r#""s":0,"e":14,"p":0,"x":20"#) && !json.contains("We will act"));
//! assert_eq!(store::decode_annotation(&json, &text).unwrap(), quote);
//!
//! // A set, and a change laid over it.
//! let set = store::encode_set([&quote], &text);
//! assert!(set.starts_with(r#"{"version":3,"columns":{"id":["#));
//! assert_eq!(store::decode_set(&set, &text).unwrap().annotations, [quote.clone()]);
//! assert_eq!(store::decode_change(&store::encode_change(None, &text), &text).unwrap(), None);
//!
//! let err = store::decode_annotation("{\"s\":", &text).unwrap_err();
//! assert_eq!(err.to_string(), "not JSON (line 1, column 5)");
//! let key = store::change_key(&doc.id, &quote.id);
//! assert!(err.with_key(&key).to_string().starts_with("quotemark.v3.a."));
//! ```

mod document;
mod error;
mod json;
mod keys;
mod migrate;
mod records;
mod set;
mod size;
mod text_index;
mod versions;

pub use document::{decode_document, decode_document_summary, decode_document_with_serde, encode_document, record_check};
pub use error::StoreError;
pub use keys::{
    away_key, backup_key, change_key, change_prefix, doc_key, is_quotemark_key, is_v1_document_key,
    layers_key, parse_key, rejected_key, set_key, v2_annotation_prefix, v2_doc_key, StoreKey, AWAY_PREFIX, BACKUP_PREFIX, CHANGE_PREFIX,
    CURRENT_KEY, DOC_PREFIX, KEY_PREFIX, V1_CURRENT_KEY, V2_CURRENT_KEY, V2_DOC_PREFIX,
    V2_REJECTED_PREFIX, VERSIONS_KEY, ROLES_KEY, REVIEW_SETTINGS_KEY, BUILD_KEY,
};
pub use migrate::{decode_v2_document, migrate_v1};
pub use records::{decode_annotation, decode_change, encode_annotation, encode_change, lay_over};
pub use set::{
    decode_set, decode_set_with_serde, encode_annotation_set, encode_set, set_ids, DecodedSet,
};
pub use size::{storage_bytes, utf16_len};
pub use text_index::TextIndex;
pub use versions::{decode_versions, encode_versions};

/// The version of the records this crate writes.
pub const STORE_VERSION: u32 = 3;

/// How many change records a document may have before the app compacts them into its set.
pub const MAX_CHANGES: usize = 64;
