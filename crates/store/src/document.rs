//! The document record (`quotemark.v3.doc.…`): writing it, and reading it by hand or with serde.
//! Uses [`crate::error`] and [`crate::json`].

use crate::error::{check_version, StoreError};
use crate::{json, STORE_VERSION};
use quotemark_core::document::{Document, DocumentId};
use quotemark_core::model::Timestamp;
use serde::{Deserialize, Serialize};

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
        hex.push(char::from(
            b"0123456789abcdef"[((h >> (shift * 4)) & 0xf) as usize],
        ));
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
    let record = DocumentOut {
        version: STORE_VERSION,
        document: doc,
        opened,
        check: &check,
    };
    // (characters, those outside ASCII)
    let count = |s: &str| {
        s.chars().fold((0, 0), |(all, outside), c| {
            (all + 1, outside + usize::from(!c.is_ascii()))
        })
    };
    let few = {
        let ((text, text_outside), (title, title_outside)) = (count(&doc.text), count(&doc.title));
        (text_outside + title_outside) * 40 <= text + title
    };
    // Cannot fail: string keys, no floats, and the writer is a `Vec`.
    let bytes = if few {
        let mut out = Vec::with_capacity(doc.text.len() + 512);
        let _ = record.serialize(&mut serde_json::Serializer::with_formatter(
            &mut out,
            AsciiFormatter,
        ));
        out
    } else {
        serde_json::to_vec(&record).unwrap_or_default()
    };
    String::from_utf8(bytes).unwrap_or_default()
}

/// JSON with every character outside ASCII written as a `\u` escape.
struct AsciiFormatter;

impl serde_json::ser::Formatter for AsciiFormatter {
    fn write_string_fragment<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
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

/// [`decode_document`] with serde_json only: the reference the hand-written reader is tested against.
#[doc(hidden)]
pub fn decode_document_with_serde(json: &str) -> Result<(Document, Timestamp), StoreError> {
    decode_document_version_with(json, STORE_VERSION, false)
}

pub(crate) fn decode_document_version(
    json: &str,
    version: u32,
) -> Result<(Document, Timestamp), StoreError> {
    decode_document_version_with(json, version, version == STORE_VERSION)
}

fn decode_document_version_with(
    json: &str,
    version: u32,
    by_hand: bool,
) -> Result<(Document, Timestamp), StoreError> {
    let (document, opened, check) = match read_document(json).filter(|_| by_hand) {
        Some(read) => read,
        None => {
            check_version(json, version, "a stored document")?;
            let record: DocumentIn = serde_json::from_str(json)
                .map_err(|e| StoreError::json(&e, json, "a stored document"))?;
            (record.document, record.opened, record.check)
        }
    };
    if check.is_some_and(|check| check == record_check(&document)) {
        return Ok((document, opened));
    }
    check_id(&document).map(|()| (document, opened))
}

/// Reads what a library list shows of a document's record — id, title, date, source, when it was
/// opened — with its text left empty: the text is skipped (not copied, not checked), so listing a
/// library of hundreds of articles reads no more than it shows. A record in another shape is read
/// whole ([`decode_document`]) and its text then dropped.
///
/// ```
/// use quotemark_core::document::Document;
/// use quotemark_core::model::Timestamp;
/// use quotemark_store::{decode_document_summary, encode_document};
/// let doc = Document::from_raw("Ministers met on Monday.");
/// let (summary, opened) = decode_document_summary(&encode_document(&doc, Timestamp(5))).unwrap();
/// assert_eq!((summary.id, summary.title.as_str(), summary.text.as_str(), opened), (doc.id, doc.title.as_str(), "", Timestamp(5)));
/// ```
pub fn decode_document_summary(json: &str) -> Result<(Document, Timestamp), StoreError> {
    if let Some(read) = read_document_summary(json) {
        return Ok(read);
    }
    decode_document(json).map(|(mut document, opened)| {
        document.text = String::new();
        (document, opened)
    })
}

fn read_document_summary(json: &str) -> Option<(Document, Timestamp)> {
    let mut r = json::Reader::new(json);
    let document = read_head(&mut r)?;
    r.str()?;
    r.lit(r#"},"opened":"#)?;
    let opened = Timestamp(r.int()?);
    Some((document, opened))
}

/// A version 3 document record up to its text (the reader is left at the text's string): the
/// document with an empty text.
fn read_head(r: &mut json::Reader<'_>) -> Option<Document> {
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
    Some(Document { id, title, date, source, text: String::new() })
}

/// Reads a version 3 document record as [`encode_document`] writes it, without serde; `None` at
/// anything else (it is then read with serde, which says what is wrong).
fn read_document(json: &str) -> Option<(Document, Timestamp, Option<String>)> {
    let mut r = json::Reader::new(json);
    let mut document = read_head(&mut r)?;
    document.text = r.str()?.into_owned();
    r.lit(r#"},"opened":"#)?;
    let opened = Timestamp(r.int()?);
    let check = match r.lit(r#","check":"#) {
        Some(()) => Some(r.str()?.into_owned()),
        None => None,
    };
    r.lit("}")?;
    r.rest().is_empty().then_some((document, opened, check))
}

pub(crate) fn check_id(doc: &Document) -> Result<(), StoreError> {
    let actual = DocumentId::of_text(&doc.text);
    if actual == doc.id {
        Ok(())
    } else {
        Err(StoreError::new(format!(
            "the document id {} does not match its text (whose id is {actual})",
            doc.id
        )))
    }
}
