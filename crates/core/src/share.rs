//! Share links: annotations travel in the URL fragment (`#share=…`), which browsers never send to
//! a server. The payload is a Quotemark export ([`crate::format::export`]) compressed with raw
//! DEFLATE and written in base64url without padding, so it needs no escaping in a URL.
//!
//! ```
//! use quotemark_core::document::Document;
//! use quotemark_core::format::import;
//! use quotemark_core::model::AnnotationSet;
//! use quotemark_core::share;
//!
//! let doc = Document::from_raw("“We will act,” she said.");
//! let (fragment, with_text) = share::fragment(&doc, &AnnotationSet::default());
//! assert!(with_text && fragment.starts_with("share="));
//!
//! // The recipient's app reads `location.hash`:
//! let hash = format!("#lang=en&{fragment}");
//! let payload = share::parse_fragment(&hash).unwrap();
//! let json = share::decode(payload).unwrap();
//! assert_eq!(import(&json).unwrap().document.unwrap().to_document(), Some(doc));
//!
//! assert_eq!(
//!     share::decode("eJz%41").unwrap_err().to_string(),
//!     "the shared data is not base64url: character 4 is “%”, which cannot appear in it"
//! );
//! ```

use crate::document::Document;
use crate::format::{export, DocumentDetail, ExportOptions};
use crate::model::AnnotationSet;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::{DecodeError, Engine};
use miniz_oxide::deflate::{compress_to_vec, CompressionLevel};
use miniz_oxide::inflate::{decompress_to_vec_with_limit, TINFLStatus};
use std::fmt;

/// The fragment parameter that carries a payload: `#share=<payload>`.
pub const FRAGMENT_KEY: &str = "share";

/// The most bytes a payload may unpack to; [`decode`] stops inflating there, so a small payload
/// that would unpack to gigabytes (a "zip bomb") costs no more than this much memory.
pub const MAX_SHARED_BYTES: usize = 20 * 1024 * 1024;

/// The longest link fragment [`fragment`] makes with the document's text in it (`#` included);
/// longer ones leave the text out. Browsers and chat apps handle links of this length.
pub const MAX_LINK_CHARS: usize = 32_000;

/// Compresses `json` (raw DEFLATE at the best compression level) and writes it in base64url
/// without padding: only `A–Z a–z 0–9 - _`.
///
/// ```
/// use quotemark_core::share::{decode, encode};
/// let payload = encode(r#"{"hello":"wörld"}"#);
/// assert!(payload.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
/// assert_eq!(decode(&payload).unwrap(), r#"{"hello":"wörld"}"#);
/// ```
pub fn encode(json: &str) -> String {
    let compressed = compress_to_vec(json.as_bytes(), CompressionLevel::BestCompression as u8);
    URL_SAFE_NO_PAD.encode(compressed)
}

/// Reads a payload made by [`encode`], unpacking at most [`MAX_SHARED_BYTES`].
pub fn decode(payload: &str) -> Result<String, ShareError> {
    decode_with_limit(payload, MAX_SHARED_BYTES)
}

/// Reads a payload made by [`encode`], unpacking at most `limit` bytes (memory use stays within
/// that, whatever the payload).
///
/// ```
/// use quotemark_core::share::{decode_with_limit, encode, ShareError};
/// let payload = encode(&"a".repeat(1000));
/// assert_eq!(decode_with_limit(&payload, 1000).unwrap().len(), 1000);
/// assert_eq!(decode_with_limit(&payload, 999), Err(ShareError::TooLarge { limit: 999 }));
/// ```
pub fn decode_with_limit(payload: &str, limit: usize) -> Result<String, ShareError> {
    let compressed = URL_SAFE_NO_PAD.decode(payload).map_err(|e| base64_error(payload, e))?;
    let bytes = decompress_to_vec_with_limit(&compressed, limit).map_err(|e| match e.status {
        TINFLStatus::HasMoreOutput => ShareError::TooLarge { limit },
        _ => ShareError::NotCompressed,
    })?;
    String::from_utf8(bytes).map_err(|e| ShareError::NotUtf8 { byte: e.utf8_error().valid_up_to() })
}

/// The character at byte `offset` of `payload` and its 1-based position in characters.
fn char_at(payload: &str, offset: usize) -> (usize, char) {
    let mut start = offset.min(payload.len());
    while !payload.is_char_boundary(start) {
        start -= 1;
    }
    let found = payload[start..].chars().next().unwrap_or('\u{fffd}');
    (payload[..start].chars().count() + 1, found)
}

fn base64_error(payload: &str, e: DecodeError) -> ShareError {
    match e {
        DecodeError::InvalidByte(offset, _) => {
            let (position, found) = char_at(payload, offset);
            ShareError::NotBase64 { position, found }
        }
        DecodeError::InvalidPadding => {
            let offset = payload.find('=').unwrap_or(payload.len());
            let (position, found) = char_at(payload, offset);
            ShareError::NotBase64 { position, found }
        }
        DecodeError::InvalidLength(_) | DecodeError::InvalidLastSymbol(..) => ShareError::CutShort,
    }
}

/// Why a shared payload could not be read. Its [`Display`](fmt::Display) form is a sentence for
/// the reader, e.g. `the shared data is not base64url: character 17 is “%”, which cannot appear in it`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ShareError {
    /// A character base64url does not use.
    NotBase64 {
        /// Its position in the payload, in characters, counting from 1.
        position: usize,
        /// The character.
        found: char,
    },
    /// The payload stops part-way through a group of base64url characters.
    CutShort,
    /// The bytes are not raw DEFLATE data, or it stops early.
    NotCompressed,
    /// The data would unpack to more than `limit` bytes.
    TooLarge {
        /// The limit, [`MAX_SHARED_BYTES`] for [`decode`].
        limit: usize,
    },
    /// The data unpacks to bytes that are not UTF-8 text.
    NotUtf8 {
        /// How many bytes are valid UTF-8 before the first that is not.
        byte: usize,
    },
}

impl fmt::Display for ShareError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ShareError::NotBase64 { position, found } => {
                let shown: String = found.escape_debug().collect();
                write!(f, "the shared data is not base64url: character {position} is “{shown}”, which cannot appear in it")
            }
            ShareError::CutShort => {
                f.write_str("the shared data is not base64url: it stops part-way (was the link cut short?)")
            }
            ShareError::NotCompressed => {
                f.write_str("the shared data is not compressed annotations (was the link cut short or changed?)")
            }
            ShareError::TooLarge { limit } if limit % (1024 * 1024) == 0 => {
                write!(f, "the shared annotations unpack to more than {} MB, more than Quotemark opens", limit / (1024 * 1024))
            }
            ShareError::TooLarge { limit } => {
                write!(f, "the shared annotations unpack to more than {limit} bytes, more than Quotemark opens")
            }
            ShareError::NotUtf8 { byte } => write!(f, "the shared data is not text (not UTF-8 after byte {byte})"),
        }
    }
}

impl std::error::Error for ShareError {}

/// The fragment of a share link for `doc` and its annotations, without the `#`: `share=<payload>`
/// with the whole document (text included) when `#` and the fragment fit in [`MAX_LINK_CHARS`],
/// otherwise with a reference to the document only (id, title, source: the recipient needs the
/// article already). The flag says whether the text is included.
///
/// ```
/// use quotemark_core::document::Document;
/// use quotemark_core::model::AnnotationSet;
/// use quotemark_core::share::{fragment, MAX_LINK_CHARS};
///
/// let short = Document::from_raw("A short article.");
/// assert!(fragment(&short, &AnnotationSet::default()).1);
///
/// // 200 KB of text that does not compress well: only a reference fits.
/// let mut x = 1u64;
/// let words: Vec<String> = (0..30_000).map(|_| { x = x.wrapping_mul(6364136223846793005).wrapping_add(1); format!("{:x}", x >> 40) }).collect();
/// let long = Document::from_raw(&words.join(" "));
/// let (link, with_text) = fragment(&long, &AnnotationSet::default());
/// assert!(!with_text && link.len() < MAX_LINK_CHARS);
/// ```
pub fn fragment(doc: &Document, set: &AnnotationSet) -> (String, bool) {
    let make = |detail| format!("{FRAGMENT_KEY}={}", encode(&export(doc, set, &ExportOptions { document: detail })));
    let full = make(DocumentDetail::Full);
    if full.len() < MAX_LINK_CHARS {
        // `#` + fragment ≤ MAX_LINK_CHARS
        (full, true)
    } else {
        (make(DocumentDetail::Reference), false)
    }
}

/// The payload in a URL fragment (`#share=…` or `share=…`, also among other `&`-separated
/// parameters, also at the end of a whole URL), or `None` when there is none or it is empty.
///
/// ```
/// use quotemark_core::share::parse_fragment;
/// assert_eq!(parse_fragment("#share=abc"), Some("abc"));
/// assert_eq!(parse_fragment("view=2&share=abc&x"), Some("abc"));
/// assert_eq!(parse_fragment("https://quotemark.example/#share=abc"), Some("abc"));
/// assert_eq!(parse_fragment("#shared=abc"), None);
/// assert_eq!(parse_fragment("#share="), None);
/// ```
pub fn parse_fragment(fragment: &str) -> Option<&str> {
    let params = fragment.split_once('#').map_or(fragment, |(_, after)| after);
    params
        .split('&')
        .find_map(|param| param.strip_prefix(FRAGMENT_KEY)?.strip_prefix('='))
        .filter(|payload| !payload.is_empty())
}
