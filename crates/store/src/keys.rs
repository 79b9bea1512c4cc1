//! The local-storage keys: their names, and telling a key's kind from its name ([`parse_key`]).
//! Uses the core's ids only.

use quotemark_core::document::DocumentId;
use quotemark_core::model::{AnnotationId, Timestamp};

/// The key holding the open document's id (a JSON string such as `"sha256:…"`).
pub const CURRENT_KEY: &str = "quotemark.v3.current";

/// Version 2's key for the open document's id, read once when migrating.
pub const V2_CURRENT_KEY: &str = "quotemark.v2.current";

/// Version 1's key for the open document's id (a JSON string), read once when migrating.
pub const V1_CURRENT_KEY: &str = "quotemark.v1.current";

/// The key holding which stored document is a new version of which (see [`decode_versions`](crate::decode_versions)).
pub const VERSIONS_KEY: &str = "quotemark.v3.versions";

/// The key holding the role the reader gave each quoted person, for the whole library (see
/// `quotemark_core::insights::Roles`).
pub const ROLES_KEY: &str = "quotemark.v3.roles";

/// The key holding who publishes the reader's fact-checks and on which rating scale (see
/// `quotemark_core::claimreview::ReviewSettings`).
pub const REVIEW_SETTINGS_KEY: &str = "quotemark.v3.claimreview";

/// The version of the app build that last ran (to say once that the app was updated).
pub const BUILD_KEY: &str = "quotemark.v3.build";

/// The start of every key under which an unreadable value was set aside (see [`backup_key`]).
pub const BACKUP_PREFIX: &str = "quotemark.backup.";

/// The start of every key Quotemark uses.
pub const KEY_PREFIX: &str = "quotemark.";

/// The start of every document key (list the store's keys with it to find every document).
pub const DOC_PREFIX: &str = "quotemark.v3.doc.";
const SET_PREFIX: &str = "quotemark.v3.set.";
const REJECTED_PREFIX: &str = "quotemark.v3.rejected.";
const LAYERS_PREFIX: &str = "quotemark.v3.layers.";
/// The start of the stubs of articles kept only in the browser's database: [`away_key`].
pub const AWAY_PREFIX: &str = "quotemark.v3.away.";
/// The start of the keys under which version 2 kept rejected suggestions (moved to
/// [`rejected_key`] when the app starts).
pub const V2_REJECTED_PREFIX: &str = "quotemark.v2.rejected.";
/// The start of every change record's key ([`change_key`]).
pub const CHANGE_PREFIX: &str = "quotemark.v3.a.";
/// The start of every version 2 document key.
pub const V2_DOC_PREFIX: &str = "quotemark.v2.doc.";
const V2_ANNOTATION_PREFIX: &str = "quotemark.v2.a.";
const V1_DOC_PREFIX: &str = "quotemark.v1.doc.";

/// The key of a document's record: `quotemark.v3.doc.<32 hex>`.
///
/// ```
/// use quotemark_core::document::DocumentId;
/// let id = DocumentId::of_text("Hello.");
/// assert_eq!(quotemark_store::doc_key(&id), format!("quotemark.v3.doc.{}", id.short()));
/// ```
pub fn doc_key(id: &DocumentId) -> String {
    format!("{DOC_PREFIX}{}", id.short())
}

/// The key of a document's annotation set: `quotemark.v3.set.<32 hex>`.
pub fn set_key(id: &DocumentId) -> String {
    format!("{SET_PREFIX}{}", id.short())
}

/// The key of the suggestions the reader rejected on a document: `quotemark.v3.rejected.<32 hex>`,
/// a JSON array of suggestion keys.
pub fn rejected_key(id: &DocumentId) -> String {
    format!("{REJECTED_PREFIX}{}", id.short())
}

/// The key of a document's comparison with colleagues' layers and the decisions made on it:
/// `quotemark.v3.layers.<32 hex>`.
pub fn layers_key(id: &DocumentId) -> String {
    format!("{LAYERS_PREFIX}{}", id.short())
}

/// The key of the stub an article leaves in local storage when its records move to the browser's
/// database (IndexedDB) to make room: `quotemark.v3.away.<32 hex>`, holding when it was opened
/// last (milliseconds, as a decimal number).
pub fn away_key(id: &DocumentId) -> String {
    format!("{AWAY_PREFIX}{}", id.short())
}

/// The start of the keys of a document's change records: `quotemark.v3.a.<32 hex>.` (list the
/// store's keys with this prefix to find them all).
pub fn change_prefix(id: &DocumentId) -> String {
    format!("{CHANGE_PREFIX}{}.", id.short())
}

/// The key of one annotation's change record: [`change_prefix`] followed by the annotation id,
/// verbatim.
///
/// ```
/// use quotemark_core::document::DocumentId;
/// use quotemark_core::model::AnnotationId;
/// use quotemark_store::{change_key, change_prefix, parse_key, StoreKey};
/// let doc = DocumentId::of_text("Hello.");
/// let id = AnnotationId("https://hyp.example/a/1".into());
/// let key = change_key(&doc, &id);
/// assert_eq!(key.strip_prefix(&change_prefix(&doc)), Some("https://hyp.example/a/1"));
/// assert_eq!(parse_key(&key), Some(StoreKey::Change { document: doc.short(), id: "https://hyp.example/a/1" }));
/// ```
pub fn change_key(doc: &DocumentId, id: &AnnotationId) -> String {
    let mut key = change_prefix(doc);
    key.push_str(&id.0);
    key
}

/// The key of a version 2 document record, `quotemark.v2.doc.<32 hex>`.
pub fn v2_doc_key(id: &DocumentId) -> String {
    format!("{V2_DOC_PREFIX}{}", id.short())
}

/// The start of the keys of a version 2 document's annotations, `quotemark.v2.a.<32 hex>.`
/// (their values are change records).
pub fn v2_annotation_prefix(id: &DocumentId) -> String {
    format!("{V2_ANNOTATION_PREFIX}{}.", id.short())
}

/// The key under which to set aside the unreadable value of `original_key`, found at `now`:
/// `quotemark.backup.<ms>.<original key>`.
///
/// ```
/// use quotemark_core::model::Timestamp;
/// use quotemark_store::backup_key;
/// assert_eq!(backup_key("quotemark.v3.current", Timestamp(5)), "quotemark.backup.5.quotemark.v3.current");
/// ```
pub fn backup_key(original_key: &str, now: Timestamp) -> String {
    format!("{BACKUP_PREFIX}{}.{original_key}", now.0)
}

/// Whether a local-storage key is one of Quotemark's (of any version, backups included): it starts
/// with [`KEY_PREFIX`].
pub fn is_quotemark_key(key: &str) -> bool {
    key.starts_with(KEY_PREFIX)
}

/// Whether `key` is a version 1 document key, `quotemark.v1.doc.<32 hex>`, whose value
/// [`migrate_v1`](crate::migrate_v1) reads.
///
/// ```
/// use quotemark_store::is_v1_document_key;
/// assert!(is_v1_document_key("quotemark.v1.doc.0123456789abcdef0123456789abcdef"));
/// assert!(!is_v1_document_key("quotemark.v1.current"));
/// ```
pub fn is_v1_document_key(key: &str) -> bool {
    key.strip_prefix(V1_DOC_PREFIX).is_some_and(is_hex_id)
}

pub(crate) fn is_hex_id(s: &str) -> bool {
    s.len() == 32 && s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// What a Quotemark key is, as told by [`parse_key`] (for sorting out `storage` events and
/// listings). Document ids are the 32 hex digits of [`DocumentId::short`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StoreKey<'a> {
    /// [`CURRENT_KEY`].
    Current,
    /// A document record ([`doc_key`]).
    Document(&'a str),
    /// A document's annotation set ([`set_key`]).
    Set(&'a str),
    /// The suggestions rejected on a document ([`rejected_key`]).
    Rejected(&'a str),
    /// A document's comparison layers ([`layers_key`]).
    Layers(&'a str),
    /// The stub of an article kept only in the browser's database ([`away_key`]).
    Away(&'a str),
    /// A change record ([`change_key`]).
    Change {
        /// The document's 32 hex digits.
        document: &'a str,
        /// The annotation id, verbatim.
        id: &'a str,
    },
    /// [`VERSIONS_KEY`].
    Versions,
    /// [`ROLES_KEY`].
    Roles,
    /// [`REVIEW_SETTINGS_KEY`].
    ReviewSettings,
    /// [`BUILD_KEY`].
    Build,
    /// [`V2_CURRENT_KEY`].
    V2Current,
    /// A version 2 document ([`v2_doc_key`]).
    V2Document(&'a str),
    /// A version 2 annotation (under [`v2_annotation_prefix`]).
    V2Annotation {
        /// The document's 32 hex digits.
        document: &'a str,
        /// The annotation id, verbatim.
        id: &'a str,
    },
    /// [`V1_CURRENT_KEY`].
    V1Current,
    /// A version 1 document ([`is_v1_document_key`]).
    V1Document(&'a str),
    /// A value set aside by [`backup_key`].
    Backup,
}

/// Says what a key is, or `None` for keys that are not Quotemark's or of an unknown shape.
pub fn parse_key(key: &str) -> Option<StoreKey<'_>> {
    fn hex<'a>(key: &'a str, prefix: &str) -> Option<Option<&'a str>> {
        key.strip_prefix(prefix).map(|h| is_hex_id(h).then_some(h))
    }
    fn with_id<'a>(key: &'a str, prefix: &str) -> Option<(&'a str, &'a str)> {
        let rest = key.strip_prefix(prefix)?;
        let (document, id) = (rest.get(..32)?, rest.get(33..)?);
        (is_hex_id(document) && rest.as_bytes()[32] == b'.').then_some((document, id))
    }
    match key {
        CURRENT_KEY => return Some(StoreKey::Current),
        VERSIONS_KEY => return Some(StoreKey::Versions),
        ROLES_KEY => return Some(StoreKey::Roles),
        REVIEW_SETTINGS_KEY => return Some(StoreKey::ReviewSettings),
        BUILD_KEY => return Some(StoreKey::Build),
        V2_CURRENT_KEY => return Some(StoreKey::V2Current),
        V1_CURRENT_KEY => return Some(StoreKey::V1Current),
        _ if key.starts_with(BACKUP_PREFIX) => return Some(StoreKey::Backup),
        _ => {}
    }
    if let Some(h) = hex(key, DOC_PREFIX) {
        return h.map(StoreKey::Document);
    }
    if let Some(h) = hex(key, SET_PREFIX) {
        return h.map(StoreKey::Set);
    }
    if let Some(h) = hex(key, REJECTED_PREFIX) {
        return h.map(StoreKey::Rejected);
    }
    if let Some(h) = hex(key, LAYERS_PREFIX) {
        return h.map(StoreKey::Layers);
    }
    if let Some(h) = hex(key, AWAY_PREFIX) {
        return h.map(StoreKey::Away);
    }
    if let Some(h) = hex(key, V2_DOC_PREFIX) {
        return h.map(StoreKey::V2Document);
    }
    if let Some(h) = hex(key, V1_DOC_PREFIX) {
        return h.map(StoreKey::V1Document);
    }
    if key.starts_with(CHANGE_PREFIX) {
        return with_id(key, CHANGE_PREFIX).map(|(document, id)| StoreKey::Change { document, id });
    }
    with_id(key, V2_ANNOTATION_PREFIX).map(|(document, id)| StoreKey::V2Annotation { document, id })
}
