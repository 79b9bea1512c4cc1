//! The records Quotemark keeps in the browser's local storage (version 2). The app does the I/O;
//! this module is the pure format: keys, values, decoding with errors, and migration from version 1.
//!
//! # Layout
//!
//! | key | value |
//! | --- | --- |
//! | [`CURRENT_KEY`] `quotemark.v2.current` | the open document's id, as a JSON string |
//! | [`doc_key`] `quotemark.v2.doc.<32 hex>` | [`encode_document`]: `{"version":2,"document":{…},"opened":ms}` |
//! | [`annotation_key`] `quotemark.v2.a.<32 hex>.<annotation id>` | [`encode_annotation`]: one annotation |
//! | [`backup_key`] `quotemark.backup.<ms>.<original key>` | a value that could not be read, set aside |
//!
//! One key per annotation means that a change writes one small value, and that other tabs get one
//! `storage` event per changed annotation. Annotation ids are kept verbatim as the key's last part
//! (ids of imported annotations may be IRIs; the key is only ever compared, never parsed further).
//!
//! # Compact annotation records
//!
//! An annotation made in Quotemark quotes the text at its position, with context taken from the
//! text either side. Such a target is stored as four numbers: `{"s":start,"e":end,"p":prefix
//! length,"x":suffix length}` (plus `"src"` when its source is not the document's id), and
//! [`decode_annotation`] cuts the quote and its context back out of the text. Any other target
//! (an imported one with only a quote or only a position, a quote that no longer matches the text)
//! is stored in full under `"target"`, verbatim. Either way `decode(encode(a)) == a`.
//!
//! ```
//! use quotemark_core::anchor::describe;
//! use quotemark_core::document::Document;
//! use quotemark_core::model::*;
//! use quotemark_core::store::{self, TextIndex};
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
//! let err = store::decode_annotation("{\"s\":", &text).unwrap_err();
//! assert_eq!(err.to_string(), "not JSON (line 1, column 5)");
//! let key = store::annotation_key(&doc.id, &quote.id);
//! assert!(err.with_key(&key).to_string().starts_with("quotemark.v2.a."));
//! ```

use crate::document::{Document, DocumentId};
use crate::model::{Annotation, AnnotationId, Kind, Target, TextPositionSelector, TextQuoteSelector, Timestamp};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::fmt;
use std::sync::OnceLock;

/// The version of the records this module writes.
pub const STORE_VERSION: u32 = 2;

/// The key holding the open document's id (a JSON string such as `"sha256:…"`).
pub const CURRENT_KEY: &str = "quotemark.v2.current";

/// Version 1's key for the open document's id (a JSON string), read once when migrating.
pub const V1_CURRENT_KEY: &str = "quotemark.v1.current";

/// The start of every key under which an unreadable value was set aside (see [`backup_key`]).
pub const BACKUP_PREFIX: &str = "quotemark.backup.";

/// The start of every key Quotemark uses.
pub const KEY_PREFIX: &str = "quotemark.";

const DOC_PREFIX: &str = "quotemark.v2.doc.";
const ANNOTATION_PREFIX: &str = "quotemark.v2.a.";
const V1_DOC_PREFIX: &str = "quotemark.v1.doc.";

/// The key of a document's record: `quotemark.v2.doc.<32 hex>`.
///
/// ```
/// use quotemark_core::document::DocumentId;
/// let id = DocumentId::of_text("Hello.");
/// assert_eq!(quotemark_core::store::doc_key(&id), format!("quotemark.v2.doc.{}", id.short()));
/// ```
pub fn doc_key(id: &DocumentId) -> String {
    format!("{DOC_PREFIX}{}", id.short())
}

/// The start of the keys of a document's annotations: `quotemark.v2.a.<32 hex>.` (list the
/// store's keys with this prefix to load them all).
pub fn annotation_prefix(id: &DocumentId) -> String {
    format!("{ANNOTATION_PREFIX}{}.", id.short())
}

/// The key of one annotation: [`annotation_prefix`] followed by the annotation id, verbatim.
///
/// ```
/// use quotemark_core::document::DocumentId;
/// use quotemark_core::model::AnnotationId;
/// use quotemark_core::store::{annotation_key, annotation_prefix, parse_key, StoreKey};
/// let doc = DocumentId::of_text("Hello.");
/// let id = AnnotationId("https://hyp.example/a/1".into());
/// let key = annotation_key(&doc, &id);
/// assert_eq!(key.strip_prefix(&annotation_prefix(&doc)), Some("https://hyp.example/a/1"));
/// assert_eq!(parse_key(&key), Some(StoreKey::Annotation { document: doc.short(), id: "https://hyp.example/a/1" }));
/// ```
pub fn annotation_key(doc: &DocumentId, id: &AnnotationId) -> String {
    let mut key = annotation_prefix(doc);
    key.push_str(&id.0);
    key
}

/// The key under which to set aside the unreadable value of `original_key`, found at `now`:
/// `quotemark.backup.<ms>.<original key>`.
///
/// ```
/// use quotemark_core::model::Timestamp;
/// use quotemark_core::store::backup_key;
/// assert_eq!(backup_key("quotemark.v2.current", Timestamp(5)), "quotemark.backup.5.quotemark.v2.current");
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
/// use quotemark_core::store::is_v1_document_key;
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
    /// An annotation record ([`annotation_key`]).
    Annotation {
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
    if key == CURRENT_KEY {
        return Some(StoreKey::Current);
    }
    if key == V1_CURRENT_KEY {
        return Some(StoreKey::V1Current);
    }
    if key.starts_with(BACKUP_PREFIX) {
        return Some(StoreKey::Backup);
    }
    if let Some(hex) = key.strip_prefix(DOC_PREFIX) {
        return is_hex_id(hex).then_some(StoreKey::Document(hex));
    }
    if let Some(hex) = key.strip_prefix(V1_DOC_PREFIX) {
        return is_hex_id(hex).then_some(StoreKey::V1Document(hex));
    }
    let rest = key.strip_prefix(ANNOTATION_PREFIX)?;
    let (document, id) = (rest.get(..32)?, rest.get(33..)?);
    (is_hex_id(document) && rest.as_bytes()[32] == b'.').then_some(StoreKey::Annotation { document, id })
}

/// The bytes local storage counts for some entries, given each key's and value's length in UTF-16
/// code units (JavaScript's `string.length`): two bytes per unit. Browsers allow about 5 MB per
/// origin this way.
///
/// ```
/// use quotemark_core::store::{storage_bytes, utf16_len};
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
/// (just `reason` when the key is not known), e.g. `quotemark.v2.a.…: not JSON (line 1, column 5)`.
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
/// use quotemark_core::store::TextIndex;
/// let text = TextIndex::new("“Oui,” dit-elle. 😀");
/// assert_eq!(text.len(), 18);
/// assert_eq!(text.slice(1, 4), Some("Oui"));
/// assert_eq!(text.slice(17, 18), Some("😀"));
/// assert_eq!(text.slice(17, 19), None);
/// ```
#[derive(Clone)]
pub struct TextIndex {
    text: String,
    len: usize,
    /// Byte offset of every STRIDE-th code point; empty when the text is ASCII.
    checkpoints: Vec<usize>,
    id: OnceLock<DocumentId>,
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
            let mut n = 0;
            for (byte, _) in text.char_indices() {
                if n % Self::STRIDE == 0 {
                    checkpoints.push(byte);
                }
                n += 1;
            }
            n
        };
        TextIndex { text: text.to_string(), len, checkpoints, id: OnceLock::new() }
    }

    /// Prepares a document's text, taking its id as given rather than hashing the text again.
    pub fn for_document(doc: &Document) -> TextIndex {
        let index = TextIndex::new(&doc.text);
        let _ = index.id.set(doc.id.clone());
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
        self.id.get_or_init(|| DocumentId::of_text(&self.text))
    }

    /// The byte offset of code point `i` (`i <= len`).
    fn byte(&self, i: usize) -> usize {
        if self.checkpoints.is_empty() || i >= self.len {
            return if i >= self.len { self.text.len() } else { i };
        }
        let mut byte = self.checkpoints[i / Self::STRIDE];
        let bytes = self.text.as_bytes();
        for _ in 0..i % Self::STRIDE {
            byte += utf8_width(bytes[byte]);
        }
        byte
    }

    /// Code points `start..end`, or `None` unless `start <= end <= len`.
    pub fn slice(&self, start: usize, end: usize) -> Option<&str> {
        (start <= end && end <= self.len).then(|| {
            let from = self.byte(start);
            let to = if end - start <= Self::STRIDE && !self.checkpoints.is_empty() {
                // Walk on from `start` rather than from a checkpoint: at most STRIDE steps.
                let bytes = self.text.as_bytes();
                (0..end - start).fold(from, |b, _| b + utf8_width(bytes[b]))
            } else {
                self.byte(end)
            };
            &self.text[from..to]
        })
    }

    /// Whether `target` is what a compact record can describe: a position within the text whose
    /// quote selector is the text there, with context that is exactly the text either side.
    /// Returns the prefix and suffix lengths in code points.
    fn compact(&self, target: &Target) -> Option<(usize, usize, usize, usize)> {
        let (TextPositionSelector { start, end }, quote) = (target.position?, target.quote.as_ref()?);
        let exact = self.slice(start, end)?;
        if exact != quote.exact {
            return None;
        }
        let (p, x) = (quote.prefix.chars().count(), quote.suffix.chars().count());
        let before = self.slice(start.checked_sub(p)?, start)?;
        let after = self.slice(end, end.checked_add(x)?)?;
        (before == quote.prefix && after == quote.suffix).then_some((start, end, p, x))
    }
}

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
}

#[derive(Deserialize)]
struct DocumentIn {
    document: Document,
    opened: Timestamp,
}

#[derive(Deserialize)]
struct VersionProbe {
    version: Option<serde_json::Value>,
}

/// Writes a document's record: `{"version":2,"document":{id,title,date?,source?,text},"opened":ms}`,
/// `opened` being when the reader last opened it.
///
/// ```
/// use quotemark_core::document::Document;
/// use quotemark_core::model::Timestamp;
/// use quotemark_core::store::{decode_document, encode_document};
/// let doc = Document::from_raw("date 2017-06-05 Ministers met.");
/// let json = encode_document(&doc, Timestamp(7));
/// assert!(json.starts_with(r#"{"version":2,"document":{"id":"sha256:"#) && json.ends_with(r#","opened":7}"#));
/// assert_eq!(decode_document(&json).unwrap(), (doc, Timestamp(7)));
///
/// let forged = json.replace("Ministers", "Minsters");
/// assert!(decode_document(&forged).unwrap_err().to_string().contains("does not match its text"));
/// ```
pub fn encode_document(doc: &Document, opened: Timestamp) -> String {
    // Cannot fail: string keys, no floats.
    serde_json::to_string(&DocumentOut { version: STORE_VERSION, document: doc, opened }).unwrap_or_default()
}

/// Reads a document's record, checking its version and that its id is its text's content id.
pub fn decode_document(json: &str) -> Result<(Document, Timestamp), StoreError> {
    check_version(json, STORE_VERSION, "a stored document")?;
    let record: DocumentIn = serde_json::from_str(json).map_err(|e| StoreError::json(&e, json, "a stored document"))?;
    check_id(&record.document)?;
    Ok((record.document, record.opened))
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

/// An annotation record as written.
#[derive(Serialize)]
struct AnnotationOut<'a> {
    id: &'a AnnotationId,
    #[serde(flatten)]
    kind: &'a Kind,
    #[serde(skip_serializing_if = "str::is_empty")]
    note: &'a str,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    tags: &'a [String],
    created: Timestamp,
    modified: Timestamp,
    #[serde(flatten)]
    at: At<'a>,
}

#[derive(Serialize)]
#[serde(untagged)]
enum At<'a> {
    Compact {
        s: usize,
        e: usize,
        p: usize,
        x: usize,
        #[serde(skip_serializing_if = "Option::is_none")]
        src: Option<&'a str>,
    },
    Full {
        target: &'a Target,
    },
}

/// An annotation record as read.
#[derive(Deserialize)]
struct AnnotationIn {
    id: AnnotationId,
    #[serde(flatten)]
    kind: Kind,
    #[serde(default)]
    note: String,
    #[serde(default)]
    tags: Vec<String>,
    created: Timestamp,
    modified: Timestamp,
    s: Option<usize>,
    e: Option<usize>,
    p: Option<usize>,
    x: Option<usize>,
    src: Option<String>,
    target: Option<Target>,
}

/// Writes one annotation's record: id, kind and its fields (as the model's JSON has them), note,
/// tags, created, modified, and the target, compact where it can be (see the [module docs](self)).
pub fn encode_annotation(a: &Annotation, text: &TextIndex) -> String {
    let at = match text.compact(&a.target) {
        Some((s, e, p, x)) => {
            let src = (a.target.source != text.id().0).then_some(a.target.source.as_str());
            At::Compact { s, e, p, x, src }
        }
        None => At::Full { target: &a.target },
    };
    let out = AnnotationOut {
        id: &a.id,
        kind: &a.kind,
        note: &a.note,
        tags: &a.tags,
        created: a.created,
        modified: a.modified,
        at,
    };
    // Cannot fail: string keys, no floats.
    serde_json::to_string(&out).unwrap_or_default()
}

/// Reads one annotation's record against the text it was written for. A compact record whose
/// offsets do not fit the text is an error; a full target is taken verbatim.
pub fn decode_annotation(json: &str, text: &TextIndex) -> Result<Annotation, StoreError> {
    const WHAT: &str = "a stored annotation";
    let r: AnnotationIn = serde_json::from_str(json).map_err(|e| StoreError::json(&e, json, WHAT))?;
    let target = match (r.s, r.e, r.p, r.x, r.target) {
        (Some(s), Some(e), Some(p), Some(x), None) => {
            let out_of_range = || {
                StoreError::new(format!(
                    "{WHAT} whose offsets (s {s}, e {e}, p {p}, x {x}) do not fit the text ({} characters)",
                    text.len()
                ))
            };
            let exact = text.slice(s, e).ok_or_else(out_of_range)?;
            let prefix = text.slice(s.checked_sub(p).ok_or_else(out_of_range)?, s).ok_or_else(out_of_range)?;
            let suffix = text.slice(e, e.checked_add(x).ok_or_else(out_of_range)?).ok_or_else(out_of_range)?;
            Target {
                source: r.src.unwrap_or_else(|| text.id().0.clone()),
                position: Some(TextPositionSelector { start: s, end: e }),
                quote: Some(TextQuoteSelector { exact: exact.into(), prefix: prefix.into(), suffix: suffix.into() }),
            }
        }
        (None, None, None, None, Some(target)) if r.src.is_none() => target,
        (None, None, None, None, None) => return Err(StoreError::new(format!("not {WHAT}: it has no target"))),
        (_, _, _, _, None) => {
            return Err(StoreError::new(format!("not {WHAT}: it needs all of \"s\", \"e\", \"p\" and \"x\"")))
        }
        (..) => return Err(StoreError::new(format!("not {WHAT}: it has both a compact and a full target"))),
    };
    Ok(Annotation {
        id: r.id,
        target,
        kind: r.kind,
        note: r.note,
        tags: r.tags,
        created: r.created,
        modified: r.modified,
    })
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
/// use quotemark_core::store::migrate_v1;
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
