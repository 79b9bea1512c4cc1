//! The document text indexed by code point ([`TextIndex`]), for cutting a compact record's quote
//! and context out of it. Uses the core's document and model types only.

use quotemark_core::document::{Document, DocumentId};
use quotemark_core::model::{ArcStr, Substr, Target, TextPositionSelector};
use std::fmt;
use std::sync::OnceLock;

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
        f.debug_struct("TextIndex")
            .field("len", &self.len)
            .field("bytes", &self.text.len())
            .finish()
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
        TextIndex {
            text: text.into(),
            len,
            checkpoints,
            id: OnceLock::new(),
        }
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
        let to = self
            .checkpoints
            .get(k + 1)
            .copied()
            .unwrap_or(self.text.len());
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
    pub(crate) fn cut_shared(
        &self,
        start: usize,
        len: usize,
        p: usize,
        x: usize,
    ) -> Option<(Substr, Substr, Substr)> {
        let [b0, b1, b2, b3] = self.cut_bytes(start, len, p, x)?;
        // SAFETY: `cut_bytes` walks whole code points, so each offset is a char boundary of the
        // text, in order, and within it (what `ArcStr::substr` would check again, three times).
        let view = |bytes: std::ops::Range<usize>| {
            debug_assert!(
                self.text.get(bytes.clone()).is_some(),
                "{bytes:?} is not a slice of the text"
            );
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
    pub(crate) fn compact(&self, target: &Target) -> Option<Compact> {
        let (TextPositionSelector { start, end }, quote) =
            (target.position?, target.quote.as_ref()?);
        // Code points; context is mostly ASCII, where that is the length (checked a word at a time).
        let points = |s: &str| {
            if s.is_ascii() {
                s.len()
            } else {
                s.chars().count()
            }
        };
        let (p, x) = (points(&quote.prefix), points(&quote.suffix));
        let [b0, b1, b2, b3] = self.cut_bytes(start, end.checked_sub(start)?, p, x)?;
        // A view of this very text at those bytes (as a set read here holds) is the text there
        // without comparing a byte; anything else is compared.
        let is_text = |s: &Substr, bytes: std::ops::Range<usize>| {
            (ArcStr::ptr_eq(s.parent(), &self.text) && s.range() == bytes)
                || s.as_str() == &self.text[bytes]
        };
        (is_text(&quote.exact, b1..b2)
            && is_text(&quote.prefix, b0..b1)
            && is_text(&quote.suffix, b2..b3))
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
pub(crate) type Compact = (usize, usize, usize, usize);

#[inline(always)]
fn utf8_width(lead: u8) -> usize {
    match lead {
        0x00..=0x7f => 1,
        0xc0..=0xdf => 2,
        0xe0..=0xef => 3,
        _ => 4,
    }
}
