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
//! | [`VERSIONS_KEY`] `quotemark.v3.versions` | [`encode_versions`]: `{"<32 hex>":"<32 hex>",…}`, each document opened as a new version of another |
//! | [`backup_key`] `quotemark.backup.<ms>.<original key>` | a value that could not be read, set aside |
//!
//! A document's annotations are its **set** with its **changes** laid over it: a change record
//! replaces the set's annotation of that id (or adds one), a `null` change removes it. A change in
//! the app writes one small change record, so saving costs the same however many annotations the
//! document has, and other tabs get one `storage` event naming exactly the annotation that changed.
//! Loading reads one set value and the few change records beside it, so it costs one storage round
//! trip rather than one per annotation. Once a document has more than [`MAX_CHANGES`] change
//! records (or one save touches that many annotations, as an import does), the app writes the whole
//! set again and then, once the page is idle, removes the change records it folded in: a
//! *compaction*. A change record that holds something else than what the set now says (another
//! tab wrote it meanwhile) is left in place. Removing a change record therefore never means
//! "deleted"; only a `null` value does.
//!
//! Annotation ids are kept verbatim as a change key's last part (ids of imported annotations may
//! be IRIs; the key is only ever compared, never parsed further).
//!
//! Version 2 kept one key per annotation (`quotemark.v2.a.<32 hex>.<id>`, the same record as a
//! change record) beside `quotemark.v2.doc.<32 hex>` and `quotemark.v2.current`; version 1 kept
//! each document and its annotations in one value (see [`migrate_v1`]). Both are moved to version 3
//! when the app starts, and their keys removed once the new ones are written.
//!
//! # Compact annotation records
//!
//! An annotation made in Quotemark quotes the text at its position, with context taken from the
//! text either side. Such a target is stored as four numbers: `{"s":start,"e":end,"p":prefix
//! length,"x":suffix length}` (plus `"src"` when its source is not the document's id), and
//! [`decode_annotation`] cuts the quote and its context back out of the text. Any other target
//! (an imported one with only a quote or only a position, a quote that no longer matches the text)
//! is stored in full under `"target"`, verbatim. Either way `decode(encode(a)) == a`. The rest of
//! the record is the model's JSON of the annotation: `id`, `kind` and that kind's fields, `note`,
//! `tags`, `created`, `modified`.
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

use quotemark_core::document::{Document, DocumentId};
use quotemark_core::model::{
    Annotation, AnnotationId, AnnotationSet, Claim, ClaimStatus, ClaimType, Evidence, Kind, Quote, QuoteForm, Substr, Target,
    ArcStr, TextPositionSelector, TextQuoteSelector, Timestamp,
};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::HashSet;
use std::fmt;
use std::sync::OnceLock;

mod json;

/// The version of the records this module writes.
pub const STORE_VERSION: u32 = 3;

/// How many change records a document may have before the app compacts them into its set.
pub const MAX_CHANGES: usize = 64;

/// The key holding the open document's id (a JSON string such as `"sha256:…"`).
pub const CURRENT_KEY: &str = "quotemark.v3.current";

/// Version 2's key for the open document's id, read once when migrating.
pub const V2_CURRENT_KEY: &str = "quotemark.v2.current";

/// Version 1's key for the open document's id (a JSON string), read once when migrating.
pub const V1_CURRENT_KEY: &str = "quotemark.v1.current";

/// The key holding which stored document is a new version of which (see [`decode_versions`]).
pub const VERSIONS_KEY: &str = "quotemark.v3.versions";

/// The start of every key under which an unreadable value was set aside (see [`backup_key`]).
pub const BACKUP_PREFIX: &str = "quotemark.backup.";

/// The start of every key Quotemark uses.
pub const KEY_PREFIX: &str = "quotemark.";

/// The start of every document key (list the store's keys with it to find every document).
pub const DOC_PREFIX: &str = "quotemark.v3.doc.";
const SET_PREFIX: &str = "quotemark.v3.set.";
const REJECTED_PREFIX: &str = "quotemark.v3.rejected.";
/// The start of the keys under which version 2 kept rejected suggestions (moved to
/// [`rejected_key`] when the app starts).
pub const V2_REJECTED_PREFIX: &str = "quotemark.v2.rejected.";
const CHANGE_PREFIX: &str = "quotemark.v3.a.";
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
/// [`migrate_v1`] reads.
///
/// ```
/// use quotemark_store::is_v1_document_key;
/// assert!(is_v1_document_key("quotemark.v1.doc.0123456789abcdef0123456789abcdef"));
/// assert!(!is_v1_document_key("quotemark.v1.current"));
/// ```
pub fn is_v1_document_key(key: &str) -> bool {
    key.strip_prefix(V1_DOC_PREFIX).is_some_and(is_hex_id)
}

fn is_hex_id(s: &str) -> bool {
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
    /// A change record ([`change_key`]).
    Change {
        /// The document's 32 hex digits.
        document: &'a str,
        /// The annotation id, verbatim.
        id: &'a str,
    },
    /// [`VERSIONS_KEY`].
    Versions,
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

/// Reads the [`VERSIONS_KEY`] value: for each document opened as a new version of another, the
/// earlier one (both as the 32 hex digits of their ids). Anything unreadable reads as no versions:
/// the relation only labels the library.
///
/// ```
/// use quotemark_store::{decode_versions, encode_versions};
/// let mut versions = decode_versions(None);
/// versions.insert("b".repeat(32), "a".repeat(32));
/// let json = encode_versions(&versions);
/// assert_eq!(decode_versions(Some(&json)), versions);
/// assert!(decode_versions(Some("[1]")).is_empty());
/// ```
pub fn decode_versions(json: Option<&str>) -> std::collections::BTreeMap<String, String> {
    json.and_then(|j| serde_json::from_str::<std::collections::BTreeMap<String, String>>(j).ok())
        .map(|m| m.into_iter().filter(|(k, v)| is_hex_id(k) && is_hex_id(v)).collect())
        .unwrap_or_default()
}

/// Writes the [`VERSIONS_KEY`] value.
pub fn encode_versions(versions: &std::collections::BTreeMap<String, String>) -> String {
    serde_json::to_string(versions).unwrap_or_default()
}

/// The bytes local storage counts for some entries, given each key's and value's length in UTF-16
/// code units (JavaScript's `string.length`): two bytes per unit. Browsers allow about 5 MB per
/// origin this way.
///
/// ```
/// use quotemark_store::{storage_bytes, utf16_len};
/// assert_eq!(storage_bytes([(3, 10), (utf16_len("😀"), 0)]), 30);
/// ```
pub fn storage_bytes(entries: impl IntoIterator<Item = (usize, usize)>) -> usize {
    entries.into_iter().map(|(k, v)| (k + v) * 2).sum()
}

/// The length of `s` in UTF-16 code units (JavaScript's `string.length`).
pub fn utf16_len(s: &str) -> usize {
    s.chars().map(char::len_utf16).sum()
}

/// Why a stored value could not be read. Its [`Display`](fmt::Display) form is `key: reason`
/// (just `reason` when the key is not known), e.g. `quotemark.v3.a.…: not JSON (line 1, column 5)`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoreError {
    /// The key whose value it is, when the caller said (see [`StoreError::with_key`]).
    pub key: Option<String>,
    /// What is wrong, for a reader.
    pub reason: String,
}

impl StoreError {
    fn new(reason: impl Into<String>) -> StoreError {
        StoreError { key: None, reason: reason.into() }
    }

    /// The same error, naming the key the value was read from.
    pub fn with_key(mut self, key: impl Into<String>) -> StoreError {
        self.key = Some(key.into());
        self
    }

    fn json(e: &serde_json::Error, input: &str, what: &str) -> StoreError {
        if input.trim().is_empty() {
            StoreError::new("empty value")
        } else if e.is_syntax() || e.is_eof() {
            let line = e.line();
            StoreError::new(format!("not JSON (line {line}, column {})", char_column(input, line, e.column())))
        } else {
            let full = e.to_string();
            let suffix = format!(" at line {} column {}", e.line(), e.column());
            StoreError::new(format!("not {what}: {}", full.strip_suffix(&suffix).unwrap_or(&full)))
        }
    }
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.key {
            Some(key) => write!(f, "{key}: {}", self.reason),
            None => f.write_str(&self.reason),
        }
    }
}

impl std::error::Error for StoreError {}

/// Turns serde_json's 1-based byte column on a 1-based line into a 1-based character column.
fn char_column(input: &str, line: usize, byte_column: usize) -> usize {
    let Some(text) = input.split('\n').nth(line.saturating_sub(1)) else { return byte_column };
    let limit = byte_column.min(text.len());
    let mut end = limit;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text[..end].chars().count() + usize::from(end < limit)
}

/// The document text prepared for cutting code-point ranges out of it in constant time: the
/// text, a byte offset every [`TextIndex::STRIDE`] code points (none for ASCII text), and the
/// text's content id (computed on first need, or taken from the document).
///
/// ```
/// use quotemark_store::TextIndex;
/// let text = TextIndex::new("“Oui,” dit-elle. 😀");
/// assert_eq!(text.len(), 18);
/// assert_eq!(text.slice(1, 4), Some("Oui"));
/// assert_eq!(text.slice(17, 18), Some("😀"));
/// assert_eq!(text.slice(17, 19), None);
/// ```
#[derive(Clone)]
pub struct TextIndex {
    /// The text, shared with the quotes and context of every annotation read against it.
    text: ArcStr,
    len: usize,
    /// Byte offset of every STRIDE-th code point; empty when the text is ASCII.
    checkpoints: Vec<usize>,
    /// The content id, and the same as a target's source (shared by every annotation read).
    id: OnceLock<(DocumentId, Substr)>,
}

impl fmt::Debug for TextIndex {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TextIndex").field("len", &self.len).field("bytes", &self.text.len()).finish()
    }
}

impl TextIndex {
    /// Code points between two checkpoints: a slice walks at most this many to find its ends.
    pub const STRIDE: usize = 32;

    /// Prepares `text` (one pass over it).
    pub fn new(text: &str) -> TextIndex {
        let mut checkpoints = Vec::new();
        let len = if text.is_ascii() {
            text.len()
        } else {
            checkpoints.reserve(text.len() / Self::STRIDE + 1);
            let bytes = text.as_bytes();
            // `n` code points lie before byte `at`. Runs of ASCII are stepped over a word at a
            // time, never past the next checkpoint: eight or nine steps per stride instead of 32.
            let (mut n, mut at) = (0, 0);
            while at < bytes.len() {
                let room = Self::STRIDE - n % Self::STRIDE;
                if room == Self::STRIDE {
                    checkpoints.push(at);
                }
                let (points, width) = step(bytes, at, room);
                (n, at) = (n + points, at + width);
            }
            n
        };
        TextIndex { text: text.into(), len, checkpoints, id: OnceLock::new() }
    }

    /// Prepares a document's text, taking its id as given rather than hashing the text again.
    pub fn for_document(doc: &Document) -> TextIndex {
        let index = TextIndex::new(&doc.text);
        let _ = index.id.set((doc.id.clone(), doc.id.0.as_str().into()));
        index
    }

    /// The text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Its length in code points.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether the text is empty.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The content id of the text ([`DocumentId::of_text`]); the source that compact records leave out.
    pub fn id(&self) -> &DocumentId {
        &self.ids().0
    }

    /// The content id as an annotation's source: one string that every target read here shares.
    pub fn source(&self) -> &Substr {
        &self.ids().1
    }

    fn ids(&self) -> &(DocumentId, Substr) {
        self.id.get_or_init(|| {
            let id = DocumentId::of_text(&self.text);
            let source = id.0.as_str().into();
            (id, source)
        })
    }

    /// The byte offset of code point `i` (`i <= len`): at once when the stretch between its
    /// checkpoints is ASCII (as most of an English text is), else walked on from its checkpoint.
    fn byte(&self, i: usize) -> usize {
        if self.checkpoints.is_empty() || i >= self.len {
            return if i >= self.len { self.text.len() } else { i };
        }
        let (k, r) = (i / Self::STRIDE, i % Self::STRIDE);
        let from = self.checkpoints[k];
        if self.ascii_stride(k, from) {
            from + r
        } else {
            self.advance(from, r)
        }
    }

    /// Whether the code points from checkpoint `k` (at byte `from`) to the next are all ASCII:
    /// exactly as many bytes as code points.
    fn ascii_stride(&self, k: usize, from: usize) -> bool {
        let points = Self::STRIDE.min(self.len - k * Self::STRIDE);
        let to = self.checkpoints.get(k + 1).copied().unwrap_or(self.text.len());
        to - from == points
    }

    /// The byte offset `n` code points after byte offset `byte` (which starts a code point; the
    /// text has at least `n` more). Runs of ASCII are stepped over up to eight bytes at a time.
    fn advance(&self, mut byte: usize, mut n: usize) -> usize {
        let bytes = self.text.as_bytes();
        while n > 0 {
            let (points, width) = step(bytes, byte, n);
            (byte, n) = (byte + width, n - points);
        }
        byte
    }

    /// The byte offset of code point `i`, `n` code points after the one at byte offset `from`:
    /// at once in an ASCII stretch, else walked on from `from` or from `i`'s checkpoint, whichever
    /// is nearer.
    fn byte_after(&self, from: usize, n: usize, i: usize) -> usize {
        if self.checkpoints.is_empty() || i >= self.len {
            return self.byte(i);
        }
        let (k, r) = (i / Self::STRIDE, i % Self::STRIDE);
        let checkpoint = self.checkpoints[k];
        if self.ascii_stride(k, checkpoint) {
            checkpoint + r
        } else if n < r {
            self.advance(from, n)
        } else {
            self.advance(checkpoint, r)
        }
    }

    /// Code points `start..end`, or `None` unless `start <= end <= len`.
    pub fn slice(&self, start: usize, end: usize) -> Option<&str> {
        (start <= end && end <= self.len).then(|| {
            let from = self.byte(start);
            &self.text[from..self.byte_after(from, end - start, end)]
        })
    }

    /// The `p` code points before `start`, the `len` from it and the `x` after those (a compact
    /// record's prefix, quote and suffix), or `None` unless all of them are in the text. They are
    /// views into the shared text: no string is copied.
    fn cut_shared(&self, start: usize, len: usize, p: usize, x: usize) -> Option<(Substr, Substr, Substr)> {
        let [b0, b1, b2, b3] = self.cut_bytes(start, len, p, x)?;
        // SAFETY: `cut_bytes` walks whole code points, so each offset is a char boundary of the
        // text, in order, and within it (what `ArcStr::substr` would check again, three times).
        let view = |bytes: std::ops::Range<usize>| {
            debug_assert!(self.text.get(bytes.clone()).is_some(), "{bytes:?} is not a slice of the text");
            unsafe { Substr::from_parts_unchecked(self.text.clone(), bytes) }
        };
        Some((view(b0..b1), view(b1..b2), view(b2..b3)))
    }

    /// The byte offsets where a cut's prefix, quote and suffix start, and where its suffix ends.
    fn cut_bytes(&self, start: usize, len: usize, p: usize, x: usize) -> Option<[usize; 4]> {
        let (before, end) = (start.checked_sub(p)?, start.checked_add(len)?);
        let after = end.checked_add(x)?;
        if after > self.len {
            return None;
        }
        let b0 = self.byte(before);
        let b1 = self.byte_after(b0, p, start);
        let b2 = self.byte_after(b1, len, end);
        let b3 = self.byte_after(b2, x, after);
        Some([b0, b1, b2, b3])
    }

    /// Whether `target` is what a compact record can describe: a position within the text whose
    /// quote selector is the text there, with context that is exactly the text either side.
    /// Returns the prefix and suffix lengths in code points.
    fn compact(&self, target: &Target) -> Option<Compact> {
        let (TextPositionSelector { start, end }, quote) = (target.position?, target.quote.as_ref()?);
        // Code points; context is mostly ASCII, where that is the length (checked a word at a time).
        let points = |s: &str| if s.is_ascii() { s.len() } else { s.chars().count() };
        let (p, x) = (points(&quote.prefix), points(&quote.suffix));
        let [b0, b1, b2, b3] = self.cut_bytes(start, end.checked_sub(start)?, p, x)?;
        // A view of this very text at those bytes (as a set read here holds) is the text there
        // without comparing a byte; anything else is compared.
        let is_text = |s: &Substr, bytes: std::ops::Range<usize>| {
            (ArcStr::ptr_eq(s.parent(), &self.text) && s.range() == bytes) || s.as_str() == &self.text[bytes]
        };
        (is_text(&quote.exact, b1..b2) && is_text(&quote.prefix, b0..b1) && is_text(&quote.suffix, b2..b3))
            .then_some((start, end, p, x))
    }
}

/// One step through UTF-8 `bytes` from the start of a code point at `at`: over as many as `most`
/// (at least 1) ASCII bytes at once, up to eight, or else over one code point. Returns the code
/// points and the bytes stepped over.
fn step(bytes: &[u8], at: usize, most: usize) -> (usize, usize) {
    let ascii = bytes.get(at..at + 8).map_or(0, |word| {
        let mut w = [0u8; 8];
        w.copy_from_slice(word);
        // ASCII bytes before the first with its high bit set (little-endian: low bits first).
        (u64::from_le_bytes(w) & 0x8080_8080_8080_8080).trailing_zeros() as usize / 8
    });
    match ascii.min(most) {
        0 => (1, utf8_width(bytes[at])),
        k => (k, k),
    }
}

/// A compact target: start, end, and the prefix's and suffix's lengths, in code points.
type Compact = (usize, usize, usize, usize);

#[inline(always)]
fn utf8_width(lead: u8) -> usize {
    match lead {
        0x00..=0x7f => 1,
        0xc0..=0xdf => 2,
        0xe0..=0xef => 3,
        _ => 4,
    }
}

#[derive(Serialize)]
struct DocumentOut<'a> {
    version: u32,
    document: &'a Document,
    opened: Timestamp,
    check: &'a str,
}

#[derive(Deserialize)]
struct DocumentIn {
    document: Document,
    opened: Timestamp,
    check: Option<String>,
}

#[derive(Deserialize)]
struct VersionProbe {
    version: Option<serde_json::Value>,
}

/// A quick checksum of a document's id and text, written beside them so that loading can tell
/// they are the ones saved without hashing the text again with SHA-256 (2 ms for 200 KB on a
/// freshly loaded page): 16 lowercase hex digits of a 64-bit multiply-rotate hash over the UTF-8
/// bytes of the id and then of the text, eight at a time (little-endian, each one's last word
/// padded with zeros, its length mixed in after it). Not a content id: it only has to notice a
/// record changed or damaged in storage.
///
/// ```
/// use quotemark_core::document::Document;
/// use quotemark_store::record_check;
/// let doc = Document::from_raw("Ministers met.");
/// assert_eq!(record_check(&doc).len(), 16);
/// assert_eq!(record_check(&doc), record_check(&doc.clone()));
/// assert_ne!(record_check(&doc), record_check(&Document { text: "Minsters met.".into(), ..doc.clone() }));
/// assert_ne!(record_check(&doc), record_check(&Document { id: Document::from_raw("Other.").id, ..doc }));
/// ```
pub fn record_check(doc: &Document) -> String {
    const K: u64 = 0x9e37_79b9_7f4a_7c15;
    let mix = |h: u64, w: u64| (h.rotate_left(23) ^ w).wrapping_mul(K);
    let mut h: u64 = 0;
    for part in [doc.id.0.as_bytes(), doc.text.as_bytes()] {
        let mut words = part.chunks_exact(8);
        for word in &mut words {
            let mut w = [0u8; 8];
            w.copy_from_slice(word);
            h = mix(h, u64::from_le_bytes(w));
        }
        let mut last = [0u8; 8];
        last[..words.remainder().len()].copy_from_slice(words.remainder());
        h = mix(mix(h, u64::from_le_bytes(last)), part.len() as u64);
    }
    h ^= h >> 29;
    let mut hex = String::with_capacity(16);
    for shift in (0..16).rev() {
        hex.push(char::from(b"0123456789abcdef"[((h >> (shift * 4)) & 0xf) as usize]));
    }
    hex
}

/// Writes a document's record: `{"version":3,"document":{id,title,date?,source?,text},"opened":ms,
/// "check":"…"}`, `opened` being when the reader last opened it and `check` the
/// [`record_check`] of id and text (records written before it was added have none).
///
/// When few of its characters are outside ASCII (at most one in 40, as in most articles in English,
/// whose curly quotes and dashes are), each of those is written as a `\u` escape (an astral one as
/// a surrogate pair), so that the whole record is ASCII: a browser keeps such a string at one byte a
/// character, and hands it to WebAssembly in about half the time, for a record a few percent
/// longer. Otherwise the record keeps its characters as they are.
///
/// ```
/// use quotemark_core::document::Document;
/// use quotemark_core::model::Timestamp;
/// use quotemark_store::{decode_document, encode_document};
/// let doc = Document::from_raw("date 2017-06-05 Ministers met.");
/// let json = encode_document(&doc, Timestamp(7));
/// assert!(json.starts_with(r#"{"version":3,"document":{"id":"sha256:"#) && json.contains(r#","opened":7,"check":""#));
/// assert_eq!(decode_document(&json).unwrap(), (doc, Timestamp(7)));
///
/// let raw = format!("“We will,” she said — twice. {}", "Ministers met on Monday. ".repeat(8));
/// let curly = Document::from_raw(&raw);
/// let json = encode_document(&curly, Timestamp(7));
/// assert!(json.is_ascii() && json.contains(r#""text":"\u201cWe will,\u201d she said \u2014 twice. Ministers"#));
/// assert_eq!(decode_document(&json).unwrap(), (curly, Timestamp(7)));
/// let greek = Document::from_raw("Είπε ότι θα έρθει.");
/// assert!(encode_document(&greek, Timestamp(7)).contains("Είπε ότι θα έρθει."));
///
/// let forged = json.replace("Ministers", "Minsters");
/// assert!(decode_document(&forged).unwrap_err().to_string().contains("does not match its text"));
/// let unchecked = json.split(r#","check""#).next().unwrap().to_string() + "}";
/// let forged = unchecked.replace("Ministers", "Minsters");
/// assert!(decode_document(&forged).unwrap_err().to_string().contains("does not match its text"));
/// ```
pub fn encode_document(doc: &Document, opened: Timestamp) -> String {
    let check = record_check(doc);
    let record = DocumentOut { version: STORE_VERSION, document: doc, opened, check: &check };
    // (characters, those outside ASCII)
    let count = |s: &str| s.chars().fold((0, 0), |(all, outside), c| (all + 1, outside + usize::from(!c.is_ascii())));
    let few = {
        let ((text, text_outside), (title, title_outside)) = (count(&doc.text), count(&doc.title));
        (text_outside + title_outside) * 40 <= text + title
    };
    // Cannot fail: string keys, no floats, and the writer is a `Vec`.
    let bytes = if few {
        let mut out = Vec::with_capacity(doc.text.len() + 512);
        let _ = record.serialize(&mut serde_json::Serializer::with_formatter(&mut out, AsciiFormatter));
        out
    } else {
        serde_json::to_vec(&record).unwrap_or_default()
    };
    String::from_utf8(bytes).unwrap_or_default()
}

/// JSON with every character outside ASCII written as a `\u` escape.
struct AsciiFormatter;

impl serde_json::ser::Formatter for AsciiFormatter {
    fn write_string_fragment<W: ?Sized + std::io::Write>(&mut self, w: &mut W, fragment: &str) -> std::io::Result<()> {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        let mut rest = fragment;
        while let Some(at) = rest.bytes().position(|b| !b.is_ascii()) {
            w.write_all(&rest.as_bytes()[..at])?;
            let c = rest[at..].chars().next().unwrap_or_default();
            for unit in c.encode_utf16(&mut [0; 2]) {
                let digit = |shift: u16| HEX[usize::from(*unit >> shift & 0xf)];
                w.write_all(&[b'\\', b'u', digit(12), digit(8), digit(4), digit(0)])?;
            }
            rest = &rest[at + c.len_utf8()..];
        }
        w.write_all(rest.as_bytes())
    }
}

/// Reads a document's record, checking its version and that its id is its text's content id:
/// quickly by the record's check when it matches, otherwise by hashing the text.
pub fn decode_document(json: &str) -> Result<(Document, Timestamp), StoreError> {
    decode_document_version(json, STORE_VERSION)
}

/// Reads a version 2 document record (the same shape as version 3's), for migration.
pub fn decode_v2_document(json: &str) -> Result<(Document, Timestamp), StoreError> {
    decode_document_version(json, 2)
}

/// [`decode_document`] with serde_json only: the reference the hand-written reader is tested against.
#[doc(hidden)]
pub fn decode_document_with_serde(json: &str) -> Result<(Document, Timestamp), StoreError> {
    decode_document_version_with(json, STORE_VERSION, false)
}

fn decode_document_version(json: &str, version: u32) -> Result<(Document, Timestamp), StoreError> {
    decode_document_version_with(json, version, version == STORE_VERSION)
}

fn decode_document_version_with(json: &str, version: u32, by_hand: bool) -> Result<(Document, Timestamp), StoreError> {
    let (document, opened, check) = match read_document(json).filter(|_| by_hand) {
        Some(read) => read,
        None => {
            check_version(json, version, "a stored document")?;
            let record: DocumentIn =
                serde_json::from_str(json).map_err(|e| StoreError::json(&e, json, "a stored document"))?;
            (record.document, record.opened, record.check)
        }
    };
    if check.is_some_and(|check| check == record_check(&document)) {
        return Ok((document, opened));
    }
    check_id(&document).map(|()| (document, opened))
}

/// Reads a version 3 document record as [`encode_document`] writes it, without serde; `None` at
/// anything else (it is then read with serde, which says what is wrong).
fn read_document(json: &str) -> Option<(Document, Timestamp, Option<String>)> {
    let mut r = json::Reader::new(json);
    r.lit(r#"{"version":3,"document":{"id":"#)?;
    let id = DocumentId(r.str()?.into_owned());
    r.lit(r#","title":"#)?;
    let title = r.str()?.into_owned();
    let date = match r.lit(r#","date":"#) {
        Some(()) => Some(quotemark_core::document::Date::parse_iso(&r.str()?)?),
        None => None,
    };
    let source = match r.lit(r#","source":"#) {
        Some(()) => Some(r.str()?.into_owned()),
        None => None,
    };
    r.lit(r#","text":"#)?;
    let text = r.str()?.into_owned();
    r.lit(r#"},"opened":"#)?;
    let opened = Timestamp(r.int()?);
    let check = match r.lit(r#","check":"#) {
        Some(()) => Some(r.str()?.into_owned()),
        None => None,
    };
    r.lit("}")?;
    r.rest().is_empty().then_some((Document { id, title, date, source, text }, opened, check))
}

fn check_version(json: &str, expected: u32, what: &str) -> Result<(), StoreError> {
    let probe: VersionProbe = serde_json::from_str(json).map_err(|e| StoreError::json(&e, json, what))?;
    match probe.version {
        None => Err(StoreError::new(format!("not {what}: missing \"version\""))),
        Some(v) if v.as_u64() == Some(u64::from(expected)) => Ok(()),
        Some(serde_json::Value::Number(n)) => {
            Err(StoreError::new(format!("unknown version {n} (this version of Quotemark reads version {expected})")))
        }
        Some(other) => Err(StoreError::new(format!("not {what}: \"version\" is {other}, not a number"))),
    }
}

fn check_id(doc: &Document) -> Result<(), StoreError> {
    let actual = DocumentId::of_text(&doc.text);
    if actual == doc.id {
        Ok(())
    } else {
        Err(StoreError::new(format!("the document id {} does not match its text (whose id is {actual})", doc.id)))
    }
}

/// An annotation record as written: the model's fields side by side (no flattening, so that
/// reading and writing need no intermediate buffer), and the target compact or in full.
#[derive(Serialize)]
struct AnnotationOut<'a> {
    id: &'a AnnotationId,
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    speaker: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    speaker_canonical: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    cue: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    form: Option<QuoteForm>,
    #[serde(rename = "claimType", skip_serializing_if = "Option::is_none")]
    claim_type: Option<ClaimType>,
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<ClaimStatus>,
    #[serde(skip_serializing_if = "Option::is_none")]
    evidence: Option<&'a [Evidence]>,
    #[serde(skip_serializing_if = "str::is_empty")]
    note: &'a str,
    #[serde(skip_serializing_if = "<[Substr]>::is_empty")]
    tags: &'a [Substr],
    created: Timestamp,
    modified: Timestamp,
    #[serde(skip_serializing_if = "Option::is_none")]
    s: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    e: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    p: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    x: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    src: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    target: Option<&'a Target>,
}

impl<'a> AnnotationOut<'a> {
    fn new(a: &'a Annotation, text: &TextIndex) -> AnnotationOut<'a> {
        let mut out = AnnotationOut {
            id: &a.id,
            kind: a.kind.name(),
            speaker: None,
            speaker_canonical: None,
            cue: None,
            form: None,
            claim_type: None,
            status: None,
            evidence: None,
            note: &a.note,
            tags: &a.tags,
            created: a.created,
            modified: a.modified,
            s: None,
            e: None,
            p: None,
            x: None,
            src: None,
            target: None,
        };
        match &a.kind {
            Kind::Quote(q) => {
                out.speaker = Some(q.speaker.as_str());
                out.speaker_canonical = q.speaker_canonical.as_deref();
                out.cue = q.cue.as_deref();
                out.form = Some(q.form);
            }
            Kind::Claim(c) => {
                out.claim_type = Some(c.claim_type);
                out.status = Some(c.status);
                out.evidence = Some(&c.evidence);
            }
        }
        match text.compact(&a.target) {
            Some((s, e, p, x)) => {
                (out.s, out.e, out.p, out.x) = (Some(s), Some(e), Some(p), Some(x));
                out.src = (a.target.source != text.id().0).then_some(a.target.source.as_str());
            }
            None => out.target = Some(&a.target),
        }
        out
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "lowercase")]
enum KindTag {
    Quote,
    Claim,
}

/// An annotation record as read (named so in serde's messages: "expected struct AnnotationIn").
#[derive(Deserialize)]
struct AnnotationIn {
    id: AnnotationId,
    kind: KindTag,
    speaker: Option<Substr>,
    speaker_canonical: Option<Substr>,
    cue: Option<Substr>,
    form: Option<QuoteForm>,
    #[serde(rename = "claimType")]
    claim_type: Option<ClaimType>,
    status: Option<ClaimStatus>,
    evidence: Option<Vec<Evidence>>,
    #[serde(default)]
    note: String,
    #[serde(default)]
    tags: Vec<Substr>,
    created: Timestamp,
    modified: Timestamp,
    s: Option<usize>,
    e: Option<usize>,
    p: Option<usize>,
    x: Option<usize>,
    src: Option<Substr>,
    target: Option<Target>,
}

const ANNOTATION: &str = "a stored annotation";

impl AnnotationIn {
    fn into_annotation(self, text: &TextIndex) -> Result<Annotation, StoreError> {
        let r = self;
        let kind = match r.kind {
            KindTag::Quote => Kind::Quote(Quote {
                speaker: r.speaker.ok_or_else(|| StoreError::new(format!("not {ANNOTATION}: missing field `speaker`")))?,
                speaker_canonical: r.speaker_canonical,
                cue: r.cue,
                form: r.form.unwrap_or_default(),
            }),
            KindTag::Claim => Kind::Claim(Claim {
                claim_type: r.claim_type.unwrap_or_default(),
                status: r.status.unwrap_or_default(),
                evidence: r.evidence.unwrap_or_default(),
            }),
        };
        let target = match (r.s, r.e, r.p, r.x, r.target) {
            (Some(s), Some(e), Some(p), Some(x), None) => {
                let out_of_range = || {
                    StoreError::new(format!(
                        "{ANNOTATION} whose offsets (s {s}, e {e}, p {p}, x {x}) do not fit the text ({} characters)",
                        text.len()
                    ))
                };
                let (prefix, exact, suffix) =
                    e.checked_sub(s).and_then(|len| text.cut_shared(s, len, p, x)).ok_or_else(out_of_range)?;
                Target {
                    source: r.src.unwrap_or_else(|| text.source().clone()),
                    position: Some(TextPositionSelector { start: s, end: e }),
                    quote: Some(TextQuoteSelector { exact, prefix, suffix }),
                }
            }
            (None, None, None, None, Some(target)) if r.src.is_none() => target,
            (None, None, None, None, None) => return Err(StoreError::new(format!("not {ANNOTATION}: it has no target"))),
            (_, _, _, _, None) => {
                return Err(StoreError::new(format!("not {ANNOTATION}: it needs all of \"s\", \"e\", \"p\" and \"x\"")))
            }
            (..) => return Err(StoreError::new(format!("not {ANNOTATION}: it has both a compact and a full target"))),
        };
        Ok(Annotation { id: r.id, target, kind, note: r.note, tags: r.tags, created: r.created, modified: r.modified })
    }
}

/// Writes one annotation's record: id, kind and its fields (as the model's JSON has them), note,
/// tags, created, modified, and the target, compact where it can be (see the [module docs](self)).
pub fn encode_annotation(a: &Annotation, text: &TextIndex) -> String {
    // Cannot fail: string keys, no floats.
    serde_json::to_string(&AnnotationOut::new(a, text)).unwrap_or_default()
}

/// Reads one annotation's record against the text it was written for. A compact record whose
/// offsets do not fit the text is an error; a full target is taken verbatim.
pub fn decode_annotation(json: &str, text: &TextIndex) -> Result<Annotation, StoreError> {
    let r: AnnotationIn = serde_json::from_str(json).map_err(|e| StoreError::json(&e, json, ANNOTATION))?;
    r.into_annotation(text)
}

/// Writes a change record: the annotation's record, or `null` when it was deleted.
pub fn encode_change(a: Option<&Annotation>, text: &TextIndex) -> String {
    match a {
        Some(a) => encode_annotation(a, text),
        None => "null".to_string(),
    }
}

/// Reads a change record: `Some` annotation, or `None` for a deletion (`null`).
pub fn decode_change(json: &str, text: &TextIndex) -> Result<Option<Annotation>, StoreError> {
    if json.trim() == "null" {
        return Ok(None);
    }
    decode_annotation(json, text).map(Some)
}

// ---------- Sets: one value with every annotation of a document ----------
//
// Most annotations are Quotemark's own on the document's text, with a compact target. The set keeps
// those in *columns* (one array per field, in id order) rather than as one object each: no field
// names repeated 5,000 times, times as small differences, speakers, cue verbs and tags written
// once in a table of strings. That is about a third of the bytes of the same records, and
// correspondingly quicker to read and write. Annotations that do not fit (a target in full, or on
// another source) are kept as records beside the columns.

/// Letters of the `type` column: a quote's form, or a claim's type.
const FORMS: [(QuoteForm, char); 3] = [(QuoteForm::Direct, 'd'), (QuoteForm::Partial, 'p'), (QuoteForm::Indirect, 'i')];
const CLAIM_TYPES: [(ClaimType, char); 5] = [
    (ClaimType::Statistic, 's'),
    (ClaimType::Causal, 'c'),
    (ClaimType::Prediction, 'p'),
    (ClaimType::Comparison, 'm'),
    (ClaimType::Other, 'o'),
];
/// Letters of the `status` column (`-` for quotes).
const STATUSES: [(ClaimStatus, char); 5] = [
    (ClaimStatus::Unverified, 'u'),
    (ClaimStatus::NeedsSource, 'n'),
    (ClaimStatus::Supported, 's'),
    (ClaimStatus::Disputed, 'd'),
    (ClaimStatus::False, 'f'),
];

fn letter<T: PartialEq + Copy>(table: &[(T, char)], value: T) -> char {
    table.iter().find(|(v, _)| *v == value).map_or('?', |(_, c)| *c)
}

fn from_letter<T: Copy>(table: &[(T, char)], c: char) -> Option<T> {
    table.iter().find(|(_, l)| *l == c).map(|(v, _)| *v)
}

/// The columns of a set: one entry per annotation of each field, strings as positions in a table.
/// Tags and evidence are kept flat, each annotation's entries ending at `tag_ends` / `evidence_ends`.
#[derive(Default)]
struct Columns<Id, S> {
    id: Vec<Id>,
    kind: Vec<u8>,
    kind_type: Vec<u8>,
    status: Vec<u8>,
    created: Vec<i64>,
    modified: Vec<i64>,
    strings: Vec<S>,
    speaker: Vec<u32>,
    canonical: Vec<u32>,
    cue: Vec<u32>,
    note: Vec<S>,
    tags: Vec<u32>,
    tag_ends: Vec<usize>,
    evidence: Vec<(u32, u32)>,
    evidence_ends: Vec<usize>,
    s: Vec<usize>,
    len: Vec<usize>,
    p: Vec<usize>,
    x: Vec<usize>,
}

/// Strings written once, referred to by position (1-based; 0 means none).
struct Strings<'a> {
    /// Shared strings looked up lately, with their positions: annotations read from storage share
    /// their speakers' and cue verbs' strings, so most lookups are a few pointer comparisons.
    recent: Vec<(&'a Substr, u32)>,
    list: Vec<&'a str>,
    /// FNV (as the suggestion lexicons use): thousands of short strings, and no need for SipHash's
    /// protection against chosen collisions in a table built from the reader's own annotations.
    index: std::collections::HashMap<&'a str, u32, std::hash::BuildHasherDefault<quotemark_core::Fnv>>,
}

impl<'a> Strings<'a> {
    fn get(&mut self, s: &'a str) -> u32 {
        if let Some(&i) = self.index.get(s) {
            return i;
        }
        self.list.push(s);
        let i = self.list.len() as u32;
        self.index.insert(s, i);
        i
    }
    fn opt(&mut self, s: Option<&'a str>) -> u32 {
        s.map_or(0, |s| self.get(s))
    }
    fn shared(&mut self, s: &'a Substr) -> u32 {
        if let Some(&(_, i)) = self.recent.iter().find(|(seen, _)| Substr::shallow_eq(seen, s)) {
            return i;
        }
        let i = self.get(s);
        if self.recent.len() < 16 {
            self.recent.push((s, i));
        }
        i
    }
    fn shared_opt(&mut self, s: Option<&'a Substr>) -> u32 {
        s.map_or(0, |s| self.shared(s))
    }
}

/// Writes a document's annotation set: `{"version":3,"columns":{…},"records":[…]}` (see the
/// comment above for why columns). `columns` holds Quotemark's own annotations on this text in the
/// order of their ids, one array per field, each as long as `id`:
///
/// | column | each entry |
/// | --- | --- |
/// | `id` | the annotation id |
/// | `kind` (a string) | one letter: `q` quote, `c` claim |
/// | `type` (a string) | a quote's form (`d` direct, `p` partial, `i` indirect) or a claim's type (`s` statistic, `c` causal, `p` prediction, `m` comparison, `o` other) |
/// | `status` (a string) | a claim's status (`u` unverified, `n` needs source, `s` supported, `d` disputed, `f` false); `-` for quotes |
/// | `created` | milliseconds since the Unix epoch, less the previous entry's (the first: less 0) |
/// | `modified` | milliseconds after `created` |
/// | `speaker`, `canonical`, `cue` | a position in `strings` (1-based), 0 for none |
/// | `note` | the note |
/// | `tags` | positions in `strings` |
/// | `evidence` | `[url, note]` pairs of positions in `strings` (url 0: no link) |
/// | `s` | the start, in code points |
/// | `len`, `p`, `x` | the quote's length, and its prefix's and suffix's, in code points |
///
/// `strings` is the table of speakers, cue verbs, tags and evidence. `records` holds every other
/// annotation as its record (see [`encode_annotation`]). The JSON is written without whitespace,
/// as serde_json writes it.
pub fn encode_set<'a>(annotations: impl IntoIterator<Item = &'a Annotation>, text: &TextIndex) -> String {
    write_set(annotations, false, text)
}

/// [`encode_set`] of a whole [`AnnotationSet`], which already holds its annotations in id order
/// (so they are not sorted again: 5,000 comparisons of ids, about a millisecond in the browser).
///
/// ```
/// use quotemark_core::model::AnnotationSet;
/// use quotemark_store::{encode_annotation_set, encode_set, TextIndex};
/// let text = TextIndex::new("abc");
/// assert_eq!(encode_annotation_set(&AnnotationSet::default(), &text), encode_set([], &text));
/// ```
pub fn encode_annotation_set(set: &AnnotationSet, text: &TextIndex) -> String {
    write_set(set.iter(), true, text)
}

fn write_set<'a>(annotations: impl IntoIterator<Item = &'a Annotation>, in_id_order: bool, text: &TextIndex) -> String {
    let mut records = Vec::new();
    let mut own: Vec<(&Annotation, Compact)> = Vec::new();
    for a in annotations {
        match Some(&a.target).filter(|t| t.source == *text.source()).and_then(|t| text.compact(t)) {
            Some(at) => own.push((a, at)),
            None => records.push(AnnotationOut::new(a, text)),
        }
    }
    // In id order: the app keeps annotations by id, and builds that from sorted input in one pass.
    if !in_id_order {
        own.sort_by(|(a, _), (b, _)| a.id.cmp(&b.id));
    }
    let mut strings = Strings { recent: Vec::new(), list: Vec::new(), index: std::collections::HashMap::default() };
    // The columns that refer to the table of strings, filled in one pass (in the order the table
    // has always been filled, so that what is written stays byte for byte the same); the others
    // are written straight from the annotations. Entries are set in place rather than pushed: the
    // size-optimised build calls out for every push.
    let n = own.len();
    let (mut speaker, mut canonical, mut cue) = (vec![0u32; n], vec![0u32; n], vec![0u32; n]);
    let (mut tags, mut tag_ends, mut evidence, mut evidence_ends) = (Vec::new(), vec![0usize; n], Vec::new(), vec![0usize; n]);
    let mut text_bytes = 0;
    for (i, &(a, _)) in own.iter().enumerate() {
        match &a.kind {
            Kind::Quote(q) => {
                speaker[i] = strings.shared(&q.speaker);
                canonical[i] = strings.shared_opt(q.speaker_canonical.as_ref());
                cue[i] = strings.shared_opt(q.cue.as_ref());
            }
            Kind::Claim(cl) if !cl.evidence.is_empty() => {
                evidence.extend(cl.evidence.iter().map(|ev| (strings.opt(ev.url.as_deref()), strings.get(&ev.note))));
            }
            Kind::Claim(_) => {}
        }
        evidence_ends[i] = evidence.len();
        if !a.tags.is_empty() {
            tags.extend(a.tags.iter().map(|t| strings.get(t)));
        }
        tag_ends[i] = tags.len();
        text_bytes += a.id.0.len() + a.note.len();
    }
    let letters = |letter: fn(&Annotation) -> u8| -> Vec<u8> { own.iter().map(|(a, _)| letter(a)).collect() };
    let kind = letters(|a| if matches!(a.kind, Kind::Quote(_)) { b'q' } else { b'c' });
    let kind_type = letters(|a| match &a.kind {
        Kind::Quote(q) => letter(&FORMS, q.form) as u8,
        Kind::Claim(c) => letter(&CLAIM_TYPES, c.claim_type) as u8,
    });
    let status = letters(|a| match &a.kind {
        Kind::Quote(_) => b'-',
        Kind::Claim(c) => letter(&STATUSES, c.status) as u8,
    });
    let mut w = json::Writer::with_capacity(n * 48 + text_bytes + 256);
    w.raw(r#"{"version":3,"columns":{"id":"#);
    w.list(&own, |w, (a, _)| w.str(&a.id.0));
    for (key, letters) in [(r#","kind":""#, &kind), (r#"","type":""#, &kind_type), (r#"","status":""#, &status)] {
        w.raw(key);
        // Letters from the tables above: ASCII.
        w.raw(std::str::from_utf8(letters).unwrap_or_default());
    }
    w.raw(r#"","created":"#);
    w.ints(own.iter().scan(0i64, |last, (a, _)| Some(a.created.0.wrapping_sub(std::mem::replace(last, a.created.0)))));
    w.raw(r#","modified":"#);
    w.ints(own.iter().map(|(a, _)| a.modified.0.wrapping_sub(a.created.0)));
    w.raw(r#","strings":"#);
    w.list(&strings.list, |w, s| w.str(s));
    for (key, column) in [(r#","speaker":"#, &speaker), (r#","canonical":"#, &canonical), (r#","cue":"#, &cue)] {
        w.raw(key);
        w.uints(column.iter().map(|&n| n.into()));
    }
    w.raw(r#","note":"#);
    w.list(&own, |w, (a, _)| w.str(&a.note));
    w.raw(r#","tags":"#);
    w.list(runs(&tag_ends), |w, run| w.uints(tags[run].iter().map(|&t| t.into())));
    w.raw(r#","evidence":"#);
    w.list(runs(&evidence_ends), |w, run| {
        w.list(&evidence[run], |w, &(url, note)| {
            w.raw("[");
            w.uint(url.into());
            w.raw(",");
            w.uint(note.into());
            w.raw("]");
        })
    });
    for (i, key) in [r#","s":"#, r#","len":"#, r#","p":"#, r#","x":"#].into_iter().enumerate() {
        w.raw(key);
        w.uints(own.iter().map(|&(_, (s, e, p, x))| [s, e - s, p, x][i] as u64));
    }
    w.raw(r#"},"records":"#);
    // Cannot fail: string keys, no floats.
    w.raw(&serde_json::to_string(&records).unwrap_or_default());
    w.raw("}");
    w.finish()
}

/// The ranges of a flat column that belong to each annotation, from where each one's entries end.
fn runs(ends: &[usize]) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
    ends.iter().scan(0, |start, &end| Some(std::mem::replace(start, end)..end))
}

/// The columns of a set as serde reads them (the slow path of [`decode_set`], and its errors).
#[derive(Deserialize)]
struct ColumnsIn {
    id: Vec<String>,
    kind: String,
    #[serde(rename = "type")]
    kind_type: String,
    status: String,
    created: Vec<i64>,
    modified: Vec<i64>,
    strings: Vec<String>,
    speaker: Vec<u32>,
    canonical: Vec<u32>,
    cue: Vec<u32>,
    note: Vec<String>,
    tags: Vec<Vec<u32>>,
    evidence: Vec<Vec<(u32, u32)>>,
    s: Vec<usize>,
    len: Vec<usize>,
    p: Vec<usize>,
    x: Vec<usize>,
}

#[derive(Deserialize)]
struct SetIn {
    columns: ColumnsIn,
    records: Vec<serde_json::Value>,
}

#[derive(Deserialize)]
struct IdColumn {
    id: Vec<AnnotationId>,
}

#[derive(Deserialize)]
struct IdOnly {
    id: AnnotationId,
}

#[derive(Deserialize)]
struct SetIds {
    columns: IdColumn,
    records: Vec<IdOnly>,
}

const SET: &str = "a stored annotation set";

impl ColumnsIn {
    /// Checks that every column has an entry per id, and puts them in the flat layout.
    fn into_columns(self) -> Result<Columns<String, String>, StoreError> {
        let n = self.id.len();
        let lengths = [
            ("kind", self.kind.chars().count()),
            ("type", self.kind_type.chars().count()),
            ("status", self.status.chars().count()),
            ("created", self.created.len()),
            ("modified", self.modified.len()),
            ("speaker", self.speaker.len()),
            ("canonical", self.canonical.len()),
            ("cue", self.cue.len()),
            ("note", self.note.len()),
            ("tags", self.tags.len()),
            ("evidence", self.evidence.len()),
            ("s", self.s.len()),
            ("len", self.len.len()),
            ("p", self.p.len()),
            ("x", self.x.len()),
        ];
        if let Some((name, len)) = lengths.iter().find(|(_, len)| *len != n) {
            return Err(StoreError::new(format!("not {SET}: column \"{name}\" has {len} entries for {n} annotations")));
        }
        // A letter that is not ASCII is no letter of the tables: `?` says so when it is read.
        let letters = |s: &str| s.chars().map(|c| if c.is_ascii() { c as u8 } else { b'?' }).collect();
        let mut c = Columns {
            kind: letters(&self.kind),
            kind_type: letters(&self.kind_type),
            status: letters(&self.status),
            id: self.id,
            created: self.created,
            modified: self.modified,
            strings: self.strings,
            speaker: self.speaker,
            canonical: self.canonical,
            cue: self.cue,
            note: self.note,
            s: self.s,
            len: self.len,
            p: self.p,
            x: self.x,
            tags: Vec::new(),
            tag_ends: Vec::with_capacity(n),
            evidence: Vec::new(),
            evidence_ends: Vec::with_capacity(n),
        };
        for tags in self.tags {
            c.tags.extend(tags);
            c.tag_ends.push(c.tags.len());
        }
        for evidence in self.evidence {
            c.evidence.extend(evidence);
            c.evidence_ends.push(c.evidence.len());
        }
        Ok(c)
    }
}

/// The columns as [`read_columns`] reads them: strings borrowed from the value unless escaped.
type ReadColumns<'a> = Columns<Cow<'a, str>, Cow<'a, str>>;

/// Reads the columns as [`encode_set`] writes them, without serde; `None` at anything else (the
/// caller then reads the value with serde, which says what is wrong). The records that follow the
/// columns are returned unread.
fn read_columns(json: &str) -> Option<(ReadColumns<'_>, &str)> {
    let mut r = json::Reader::new(json);
    let mut c: ReadColumns = Columns::default();
    r.lit(r#"{"version":3,"columns":{"id":"#)?;
    r.list(|r| r.str().map(|s| c.id.push(s)))?;
    let n = c.id.len();
    let letters = |r: &mut json::Reader, key: &str| -> Option<Vec<u8>> {
        r.lit(key)?;
        let s = r.str()?;
        (s.len() == n && s.is_ascii()).then(|| s.into_owned().into_bytes())
    };
    c.kind = letters(&mut r, r#","kind":"#)?;
    c.kind_type = letters(&mut r, r#","type":"#)?;
    c.status = letters(&mut r, r#","status":"#)?;
    r.lit(r#","created":"#)?;
    c.created = r.ints(n)?;
    r.lit(r#","modified":"#)?;
    c.modified = r.ints(n)?;
    r.lit(r#","strings":"#)?;
    r.list(|r| r.str().map(|s| c.strings.push(s)))?;
    let u32s = |r: &mut json::Reader, key: &str| -> Option<Vec<u32>> {
        r.lit(key)?;
        r.uints(n, u32::MAX.into())
    };
    c.speaker = u32s(&mut r, r#","speaker":"#)?;
    c.canonical = u32s(&mut r, r#","canonical":"#)?;
    c.cue = u32s(&mut r, r#","cue":"#)?;
    r.lit(r#","note":"#)?;
    c.note.reserve_exact(n);
    r.list(|r| r.str().map(|s| c.note.push(s)))?;
    r.lit(r#","tags":"#)?;
    c.tag_ends.reserve_exact(n);
    c.evidence_ends.reserve_exact(n);
    // Mostly `[]`: read at once.
    r.list(|r| {
        if r.lit("[]").is_none() {
            r.list(|r| u32::try_from(r.uint()?).ok().map(|t| c.tags.push(t)))?;
        }
        c.tag_ends.push(c.tags.len());
        Some(())
    })?;
    r.lit(r#","evidence":"#)?;
    r.list(|r| {
        if r.lit("[]").is_some() {
            c.evidence_ends.push(c.evidence.len());
            return Some(());
        }
        r.list(|r| {
            r.lit("[")?;
            let url = u32::try_from(r.uint()?).ok()?;
            r.lit(",")?;
            let note = u32::try_from(r.uint()?).ok()?;
            r.lit("]")?;
            c.evidence.push((url, note));
            Some(())
        })?;
        c.evidence_ends.push(c.evidence.len());
        Some(())
    })?;
    for (key, out) in [(r#","s":"#, &mut c.s), (r#","len":"#, &mut c.len), (r#","p":"#, &mut c.p), (r#","x":"#, &mut c.x)] {
        r.lit(key)?;
        *out = r.uints(n, usize::MAX as u64)?;
    }
    r.lit(r#"},"records":"#)?;
    let records = r.rest().strip_suffix('}')?;
    // The number columns were read `n` long; the lists of strings, tags and evidence are checked here.
    [c.note.len(), c.tag_ends.len(), c.evidence_ends.len()].iter().all(|&len| len == n).then_some((c, records))
}

impl<Id: AsRef<str>, S: AsRef<str> + Into<String>> Columns<Id, S> {
    /// Reads every annotation of the columns; each one that cannot be read is a problem of its own.
    fn read(self, text: &TextIndex, out: &mut DecodedSet) {
        // The ids are copied into one shared string, and each annotation's id is a view of it:
        // one allocation for all of them.
        let ids = {
            let mut total = 0;
            let ends: Vec<usize> = self.id.iter().map(|id| { total += id.as_ref().len(); total }).collect();
            let fill = |buf: &mut [std::mem::MaybeUninit<u8>]| {
                let mut at = 0;
                for id in &self.id {
                    let bytes = id.as_ref().as_bytes();
                    let to = &mut buf[at..at + bytes.len()];
                    // SAFETY: `to` is exactly `bytes.len()` bytes of our own buffer.
                    unsafe { std::ptr::copy_nonoverlapping(bytes.as_ptr(), to.as_mut_ptr().cast::<u8>(), bytes.len()) };
                    at += bytes.len();
                }
            };
            // SAFETY: `fill` writes all `total` bytes, each id's whole UTF-8 in turn.
            let all = if total == 0 { ArcStr::new() } else { unsafe { ArcStr::init_with_unchecked(total, fill) } };
            let mut start = 0;
            ends.into_iter().map(move |end| AnnotationId(all.substr(std::mem::replace(&mut start, end)..end)))
        };
        // Each string of the table is copied once; the annotations share it.
        let strings: Vec<Substr> = self.strings.iter().map(|s| Substr::from(s.as_ref())).collect();
        let (mut tags, mut evidence) = (runs(&self.tag_ends), runs(&self.evidence_ends));
        let mut at_created = 0i64;
        for (i, (id, note)) in ids.zip(self.note).enumerate() {
            at_created = at_created.wrapping_add(self.created[i]);
            let entry = Entry {
                kind: self.kind[i],
                kind_type: self.kind_type[i],
                status: self.status[i],
                created: at_created,
                modified: at_created.wrapping_add(self.modified[i]),
                speaker: self.speaker[i],
                canonical: self.canonical[i],
                cue: self.cue[i],
                tags: tags.next().map_or(&[][..], |run| &self.tags[run]),
                evidence: evidence.next().map_or(&[][..], |run| &self.evidence[run]),
                s: self.s[i],
                len: self.len[i],
                p: self.p[i],
                x: self.x[i],
            };
            match entry.annotation(&strings, text) {
                Ok(a) => out.annotations.push(Annotation { id, note: note.into(), ..a }),
                Err(why) => out.problems.push(format!("annotation {} (id {id}): {why}", i + 1)),
            }
        }
    }
}

/// One annotation's entries in the columns.
struct Entry<'c> {
    kind: u8,
    kind_type: u8,
    status: u8,
    created: i64,
    modified: i64,
    speaker: u32,
    canonical: u32,
    cue: u32,
    tags: &'c [u32],
    evidence: &'c [(u32, u32)],
    s: usize,
    len: usize,
    p: usize,
    x: usize,
}

impl Entry<'_> {
    /// The annotation these entries describe, with an empty id and note (the caller moves those in).
    #[inline(never)] // Called once per annotation: small enough for the browser to optimise early.
    fn annotation(&self, strings: &[Substr], text: &TextIndex) -> Result<Annotation, String> {
        let string = |i: u32| -> Result<Option<&Substr>, String> {
            match i {
                0 => Ok(None),
                i => strings.get(i as usize - 1).map(Some).ok_or_else(|| format!("string {i} is not in the table ({} strings)", strings.len())),
            }
        };
        let shared = |i: u32| string(i).map(|s| s.cloned());
        let (t, st) = (char::from(self.kind_type), char::from(self.status));
        let kind = match self.kind {
            b'q' => Kind::Quote(Quote {
                speaker: shared(self.speaker)?.unwrap_or_default(),
                speaker_canonical: shared(self.canonical)?,
                cue: shared(self.cue)?,
                form: from_letter(&FORMS, t).ok_or_else(|| format!("\"{t}\" is not a quote form"))?,
            }),
            b'c' => Kind::Claim(Claim {
                claim_type: from_letter(&CLAIM_TYPES, t).ok_or_else(|| format!("\"{t}\" is not a claim type"))?,
                status: from_letter(&STATUSES, st).ok_or_else(|| format!("\"{st}\" is not a claim status"))?,
                evidence: self
                    .evidence
                    .iter()
                    .map(|&(u, n)| {
                        let owned = |i| string(i).map(|s| s.map(Substr::to_string));
                        Ok(Evidence { url: owned(u)?, note: owned(n)?.unwrap_or_default() })
                    })
                    .collect::<Result<_, String>>()?,
            }),
            other => return Err(format!("\"{}\" is not a kind", char::from(other))),
        };
        let tags = self
            .tags
            .iter()
            .map(|&t| shared(t)?.ok_or_else(|| "a tag refers to string 0 (none)".to_string()))
            .collect::<Result<_, _>>()?;
        let (start, len, p, x) = (self.s, self.len, self.p, self.x);
        let Some((prefix, exact, suffix)) = text.cut_shared(start, len, p, x) else {
            return Err(format!(
                "its offsets (start {start}, length {len}, p {p}, x {x}) do not fit the text ({} characters)",
                text.len()
            ));
        };
        let end = start + len;
        Ok(Annotation {
            id: AnnotationId(Substr::new()),
            target: Target {
                source: text.source().clone(),
                position: Some(TextPositionSelector { start, end }),
                quote: Some(TextQuoteSelector { exact, prefix, suffix }),
            },
            kind,
            note: String::new(),
            tags,
            created: Timestamp(self.created),
            modified: Timestamp(self.modified),
        })
    }
}

/// A document's annotation set as read by [`decode_set`].
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DecodedSet {
    /// Every annotation that could be read: the columns' in order, then the records'.
    pub annotations: Vec<Annotation>,
    /// One message per annotation that could not be read (`annotation 3 (id …): reason`); when
    /// there are any, the caller keeps the stored value aside before writing the set again.
    pub problems: Vec<String>,
}

/// Reads a document's annotation set against its text. A value that is not a version 3 set at all
/// (not JSON, another version, a column missing or of the wrong length) is an error; annotations
/// that cannot be read are left out and named in [`DecodedSet::problems`], so that one bad entry
/// never costs the others.
///
/// What [`encode_set`] writes is read by hand (see `store/json.rs`); anything else, and anything
/// the hand-written reader does not expect, goes through serde_json, whose reading is the
/// reference: both give the same result (a property test checks it).
///
/// ```
/// use quotemark_store::{decode_set, TextIndex};
/// let text = TextIndex::new("abcde");
/// let columns = r#""id":["a","b"],"kind":"cx","type":"oo","status":"uu","created":[1,0],"modified":[0,0],"strings":[],"speaker":[0,0],"canonical":[0,0],"cue":[0,0],"note":["",""],"tags":[[],[]],"evidence":[[],[]],"s":[1,0],"len":[2,1],"p":[0,0],"x":[0,0]"#;
/// let set = decode_set(&format!(r#"{{"version":3,"columns":{{{columns}}},"records":[]}}"#), &text).unwrap();
/// assert_eq!(set.annotations.len(), 1);
/// assert_eq!(set.problems, ["annotation 2 (id b): \"x\" is not a kind"]);
/// assert_eq!(
///     decode_set(r#"{"version":2,"annotations":[]}"#, &text).unwrap_err().to_string(),
///     "unknown version 2 (this version of Quotemark reads version 3)"
/// );
/// ```
pub fn decode_set(json: &str, text: &TextIndex) -> Result<DecodedSet, StoreError> {
    if let Some((columns, records)) = read_columns(json) {
        let records = match records {
            "[]" => Vec::new(),
            // Read one array deeper, as they are inside the set, so that serde_json's nesting
            // limit falls where it would for the whole value.
            records => match serde_json::from_str::<[Vec<serde_json::Value>; 1]>(&format!("[{records}]")) {
                Ok([records]) => records,
                Err(_) => return decode_set_with_serde(json, text),
            },
        };
        let mut decoded = DecodedSet { annotations: Vec::with_capacity(columns.id.len() + records.len()), problems: Vec::new() };
        let first_record = columns.id.len();
        columns.read(text, &mut decoded);
        read_records(records, first_record, text, &mut decoded);
        return Ok(decoded);
    }
    decode_set_with_serde(json, text)
}

/// [`decode_set`] with serde_json only: the reference the hand-written reader is tested against.
#[doc(hidden)]
pub fn decode_set_with_serde(json: &str, text: &TextIndex) -> Result<DecodedSet, StoreError> {
    // What this module writes starts so; anything else has its version checked properly first.
    if !json.starts_with(r#"{"version":3,"#) {
        check_version(json, STORE_VERSION, SET)?;
    }
    let set: SetIn = serde_json::from_str(json).map_err(|e| StoreError::json(&e, json, SET))?;
    let columns = set.columns.into_columns()?;
    let mut decoded = DecodedSet { annotations: Vec::with_capacity(columns.id.len() + set.records.len()), problems: Vec::new() };
    let first_record = columns.id.len();
    columns.read(text, &mut decoded);
    read_records(set.records, first_record, text, &mut decoded);
    Ok(decoded)
}

/// Reads the records of a set (annotations kept whole), numbering them on from `first`.
fn read_records(records: Vec<serde_json::Value>, first: usize, text: &TextIndex, out: &mut DecodedSet) {
    for (i, value) in records.into_iter().enumerate() {
        let id = value.get("id").and_then(|v| v.as_str()).map(str::to_string);
        let result = serde_json::from_value::<AnnotationIn>(value)
            .map_err(|e| StoreError::new(format!("not {ANNOTATION}: {e}")))
            .and_then(|r| r.into_annotation(text));
        match result {
            Ok(a) => out.annotations.push(a),
            Err(e) => out.problems.push(match id {
                Some(id) => format!("annotation {} (id {id}): {e}", first + i + 1),
                None => format!("annotation {}: {e}", first + i + 1),
            }),
        }
    }
}

/// The ids in a document's annotation set, in stored order, without reading the rest (for counts);
/// `None` if the value is not a version 3 set.
pub fn set_ids(json: &str) -> Option<Vec<AnnotationId>> {
    check_version(json, STORE_VERSION, SET).ok()?;
    let set: SetIds = serde_json::from_str(json).ok()?;
    Some(set.columns.id.into_iter().chain(set.records.into_iter().map(|a| a.id)).collect())
}

/// A document's annotations as stored: its set with its change records laid over it, in the set's
/// order (annotations only in changes come after, in the order given). A change of an id the set
/// lacks adds that annotation; `None` removes it.
///
/// ```
/// use quotemark_core::model::*;
/// use quotemark_store::lay_over;
/// let a = |id: &str, note: &str| Annotation {
///     note: note.into(),
///     ..Annotation::new(AnnotationId(id.into()), Target::new("s", 0, 1, "x", "", ""), Kind::Claim(Claim::default()), Timestamp(1))
/// };
/// let set = vec![a("1", ""), a("2", ""), a("3", "")];
/// let changes = vec![(AnnotationId("2".into()), None), (AnnotationId("3".into()), Some(a("3", "edited"))), (AnnotationId("4".into()), Some(a("4", "")))];
/// let ids: Vec<_> = lay_over(set, changes).into_iter().map(|a| (a.id.0, a.note)).collect();
/// assert_eq!(ids, [("1".into(), "".into()), ("3".into(), "edited".into()), ("4".into(), "".into())]);
/// ```
pub fn lay_over(
    set: Vec<Annotation>,
    changes: impl IntoIterator<Item = (AnnotationId, Option<Annotation>)>,
) -> Vec<Annotation> {
    let mut changes: std::collections::HashMap<AnnotationId, Option<Annotation>> = changes.into_iter().collect();
    if changes.is_empty() {
        return set;
    }
    let mut out: Vec<Annotation> = set
        .into_iter()
        .filter_map(|a| match changes.remove(&a.id) {
            Some(change) => change,
            None => Some(a),
        })
        .collect();
    let mut added: Vec<Annotation> = changes.into_values().flatten().collect();
    added.sort_by(|a, b| a.id.cmp(&b.id));
    out.extend(added);
    out
}

#[derive(Deserialize)]
struct V1In {
    document: Document,
    annotations: Vec<Annotation>,
}

/// Reads a version 1 record (the value of a [`is_v1_document_key`] key):
/// `{"version":1,"document":{id,title,date?,source?,text},"annotations":[…]}` with annotations in
/// the model's JSON. Checks the version, the document id against its text, and that annotation
/// ids are unique; targets are kept verbatim.
///
/// ```
/// use quotemark_core::document::Document;
/// use quotemark_store::migrate_v1;
/// let doc = Document::from_raw("Ministers met.");
/// let v1 = format!(r#"{{"version":1,"document":{},"annotations":[]}}"#, serde_json::to_string(&doc).unwrap());
/// assert_eq!(migrate_v1(&v1).unwrap(), (doc, vec![]));
/// assert_eq!(
///     migrate_v1(r#"{"version":3}"#).unwrap_err().to_string(),
///     "unknown version 3 (this version of Quotemark reads version 1)"
/// );
/// ```
pub fn migrate_v1(json: &str) -> Result<(Document, Vec<Annotation>), StoreError> {
    const WHAT: &str = "a version 1 record";
    check_version(json, 1, WHAT)?;
    let record: V1In = serde_json::from_str(json).map_err(|e| StoreError::json(&e, json, WHAT))?;
    check_id(&record.document)?;
    let mut seen = HashSet::new();
    for a in &record.annotations {
        if !seen.insert(&a.id) {
            return Err(StoreError::new(format!("not {WHAT}: annotation {} appears twice", a.id)));
        }
    }
    Ok((record.document, record.annotations))
}
