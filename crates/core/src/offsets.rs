//! Offset conversions between Unicode code points (the model's unit), UTF-16 code units (the DOM's)
//! and UTF-8 bytes (Rust's).
//!
//! Quotemark stores every offset as a count of code points into the document text (W3C
//! `TextPositionSelector` semantics). The browser's `Range` and `Selection` count UTF-16 code units
//! and Rust slices count bytes, so the DOM bridge converts at the edge. The three units agree on
//! ASCII and differ elsewhere:
//!
//! | text          | code points | UTF-16 units | UTF-8 bytes |
//! |---------------|-------------|--------------|-------------|
//! | `a`           | 1           | 1            | 1           |
//! | `“` (U+201C)  | 1           | 1            | 3           |
//! | `😀` (U+1F600) | 1           | 2            | 4           |
//! | `e\u{301}`    | 2           | 2            | 3           |
//!
//! # Rules
//!
//! * **Inside a code point** (between the two halves of a surrogate pair, or inside a multi-byte
//!   UTF-8 sequence) an offset **rounds down** to the start of that code point. The `try_` methods
//!   report [`OffsetError::InsideCodePoint`] instead, with the rounded-down value.
//! * **Past the end** an offset **clamps** to the text's length. The `try_` methods report
//!   [`OffsetError::OutOfRange`] instead.
//! * Code points are the unit: a grapheme such as `👩‍👩‍👧` (five code points joined by zero-width
//!   joiners) or `e\u{301}` has an offset between each of its code points, and conversions never
//!   look at grapheme clusters.
//!
//! The free functions ([`convert`], [`utf16_to_char`], …) walk the text from its start and suit a
//! single conversion. For many conversions on the same text build an [`OffsetIndex`] once: it keeps
//! a checkpoint every [`CHECKPOINT_STRIDE`] code points, so each lookup is a binary search plus a
//! walk of at most that many code points, and pure ASCII text converts in constant time.
//!
//! ```
//! use quotemark_core::offsets::{self, OffsetIndex, OffsetError, Unit};
//!
//! let text = "“Hi” 😀 there";
//! // The DOM reports a UTF-16 offset just after the emoji; the model wants code points.
//! assert_eq!(offsets::utf16_to_char(text, 7), 6);
//! assert_eq!(offsets::char_to_utf16(text, 6), 7);
//!
//! let index = OffsetIndex::new(text);
//! assert_eq!(index.char_to_byte(6), 13);
//! assert_eq!(index.byte_to_char(13), 6);
//! // Between the halves of the surrogate pair: rounds down, or an error from try_.
//! assert_eq!(index.utf16_to_char(6), 5);
//! assert_eq!(
//!     index.try_convert(6, Unit::Utf16, Unit::CodePoint),
//!     Err(OffsetError::InsideCodePoint { offset: 6, floor: 5 })
//! );
//! // Past the end: clamps, or an error from try_.
//! assert_eq!(index.utf16_to_char(99), 12);
//! assert_eq!(index.try_convert(99, Unit::Utf16, Unit::CodePoint), Err(OffsetError::OutOfRange { offset: 99, len: 13 }));
//! ```

use std::fmt;

/// A unit in which text offsets are counted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Unit {
    /// Unicode scalar values (Rust `char`s): the model's unit.
    CodePoint,
    /// UTF-16 code units: the DOM's unit (JavaScript string indices).
    Utf16,
    /// UTF-8 bytes: Rust's `str` indices.
    Utf8,
}

impl Unit {
    /// How many of this unit `c` takes.
    ///
    /// ```
    /// use quotemark_core::offsets::Unit;
    /// assert_eq!(Unit::Utf16.width('😀'), 2);
    /// assert_eq!(Unit::Utf8.width('“'), 3);
    /// assert_eq!(Unit::CodePoint.width('😀'), 1);
    /// ```
    pub fn width(self, c: char) -> usize {
        match self {
            Unit::CodePoint => 1,
            Unit::Utf16 => c.len_utf16(),
            Unit::Utf8 => c.len_utf8(),
        }
    }
}

/// A boundary between code points, counted in all three units.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Position {
    /// Code points before the boundary.
    pub char: usize,
    /// UTF-16 code units before the boundary.
    pub utf16: usize,
    /// UTF-8 bytes before the boundary.
    pub byte: usize,
}

impl Position {
    /// The offset in `unit`.
    pub fn get(&self, unit: Unit) -> usize {
        match unit {
            Unit::CodePoint => self.char,
            Unit::Utf16 => self.utf16,
            Unit::Utf8 => self.byte,
        }
    }

    /// The position just after `c`.
    fn advance(self, c: char) -> Position {
        Position { char: self.char + 1, utf16: self.utf16 + c.len_utf16(), byte: self.byte + c.len_utf8() }
    }
}

/// Why a checked conversion failed. Each variant carries what the unchecked conversion would use.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum OffsetError {
    /// `offset` is past the end of the text; `len` is the text's length in the source unit (the
    /// unchecked conversions clamp to it).
    OutOfRange {
        /// The offset asked for.
        offset: usize,
        /// The text's length in the source unit.
        len: usize,
    },
    /// `offset` falls inside one code point: between the halves of a UTF-16 surrogate pair, or
    /// inside a multi-byte UTF-8 sequence. `floor` is the start of that code point in the source
    /// unit (the unchecked conversions round down to it).
    InsideCodePoint {
        /// The offset asked for.
        offset: usize,
        /// The start of the code point it falls in, in the source unit.
        floor: usize,
    },
}

impl fmt::Display for OffsetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OffsetError::OutOfRange { offset, len } => write!(f, "offset {offset} is past the end of the text ({len})"),
            OffsetError::InsideCodePoint { offset, floor } => {
                write!(f, "offset {offset} falls inside a code point that starts at {floor}")
            }
        }
    }
}

impl std::error::Error for OffsetError {}

/// Where an offset falls, found by walking.
enum Located {
    /// On a boundary.
    At(Position),
    /// Inside the code point that starts at this position.
    Inside(Position),
    /// Past the end; the position is the end of the text.
    Past(Position),
}

impl Located {
    fn checked(self, offset: usize, from: Unit) -> Result<Position, OffsetError> {
        match self {
            Located::At(p) => Ok(p),
            Located::Inside(p) => Err(OffsetError::InsideCodePoint { offset, floor: p.get(from) }),
            Located::Past(p) => Err(OffsetError::OutOfRange { offset, len: p.get(from) }),
        }
    }

    fn lenient(self) -> Position {
        match self {
            Located::At(p) | Located::Inside(p) | Located::Past(p) => p,
        }
    }
}

/// Walks `rest` (the text after `start`) until the boundary at `offset` (counted in `from`).
fn walk(rest: &str, start: Position, offset: usize, from: Unit) -> Located {
    let mut pos = start;
    for c in rest.chars() {
        let here = pos.get(from);
        if here == offset {
            return Located::At(pos);
        }
        if here + from.width(c) > offset {
            return Located::Inside(pos);
        }
        pos = pos.advance(c);
    }
    if pos.get(from) == offset {
        Located::At(pos)
    } else {
        Located::Past(pos)
    }
}

/// Length of `text` in `unit`.
///
/// ```
/// use quotemark_core::offsets::{length, Unit};
/// let text = "👩‍👩‍👧";
/// assert_eq!((length(text, Unit::CodePoint), length(text, Unit::Utf16), length(text, Unit::Utf8)), (5, 8, 18));
/// ```
pub fn length(text: &str, unit: Unit) -> usize {
    match unit {
        Unit::CodePoint => text.chars().count(),
        Unit::Utf16 => text.chars().map(char::len_utf16).sum(),
        Unit::Utf8 => text.len(),
    }
}

/// Converts one offset from `from` to `to` units, walking `text` from its start (O(n)). Offsets
/// inside a code point round down; offsets past the end clamp to the end (see the module docs).
///
/// ```
/// use quotemark_core::offsets::{convert, Unit};
/// assert_eq!(convert("😀x", 2, Unit::Utf16, Unit::Utf8), 4);
/// assert_eq!(convert("😀x", 1, Unit::Utf16, Unit::Utf8), 0); // inside the surrogate pair
/// ```
pub fn convert(text: &str, offset: usize, from: Unit, to: Unit) -> usize {
    walk(text, Position::default(), offset, from).lenient().get(to)
}

/// Like [`convert`], but reports offsets inside a code point or past the end as errors.
///
/// ```
/// use quotemark_core::offsets::{try_convert, OffsetError, Unit};
/// assert_eq!(try_convert("“a”", 3, Unit::Utf8, Unit::CodePoint), Ok(1));
/// assert_eq!(try_convert("“a”", 2, Unit::Utf8, Unit::CodePoint), Err(OffsetError::InsideCodePoint { offset: 2, floor: 0 }));
/// ```
pub fn try_convert(text: &str, offset: usize, from: Unit, to: Unit) -> Result<usize, OffsetError> {
    walk(text, Position::default(), offset, from).checked(offset, from).map(|p| p.get(to))
}

/// Code points → UTF-16 code units (clamps past the end).
pub fn char_to_utf16(text: &str, offset: usize) -> usize {
    convert(text, offset, Unit::CodePoint, Unit::Utf16)
}

/// UTF-16 code units → code points (rounds down inside a surrogate pair, clamps past the end).
pub fn utf16_to_char(text: &str, offset: usize) -> usize {
    convert(text, offset, Unit::Utf16, Unit::CodePoint)
}

/// Code points → UTF-8 bytes (clamps past the end).
pub fn char_to_byte(text: &str, offset: usize) -> usize {
    convert(text, offset, Unit::CodePoint, Unit::Utf8)
}

/// UTF-8 bytes → code points (rounds down inside a sequence, clamps past the end).
pub fn byte_to_char(text: &str, offset: usize) -> usize {
    convert(text, offset, Unit::Utf8, Unit::CodePoint)
}

/// UTF-16 code units → UTF-8 bytes (rounds down inside a surrogate pair, clamps past the end).
pub fn utf16_to_byte(text: &str, offset: usize) -> usize {
    convert(text, offset, Unit::Utf16, Unit::Utf8)
}

/// UTF-8 bytes → UTF-16 code units (rounds down inside a sequence, clamps past the end).
pub fn byte_to_utf16(text: &str, offset: usize) -> usize {
    convert(text, offset, Unit::Utf8, Unit::Utf16)
}

/// Code points between two checkpoints of an [`OffsetIndex`].
pub const CHECKPOINT_STRIDE: usize = 32;

/// What an [`OffsetIndex`] knows about its text's characters, for fast paths.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Repertoire {
    /// Only ASCII: all three units agree.
    Ascii,
    /// No supplementary-plane characters: code points and UTF-16 units agree.
    Bmp,
    /// Anything.
    Any,
}

/// Converts many offsets in one text: built once in O(n), then each conversion costs a binary
/// search over checkpoints plus a walk of at most [`CHECKPOINT_STRIDE`] code points (constant time
/// for ASCII text). Rounding and clamping follow the module rules; the `try_` methods report them.
///
/// The app builds one per paragraph at its DOM bridge, so a selection's UTF-16 offsets inside a
/// paragraph become code points with `paragraph.start + index.utf16_to_char(offset)`.
///
/// ```
/// use quotemark_core::offsets::{OffsetIndex, Unit};
/// let text = "Flag 🇬🇧, “quote”, e\u{301}.";
/// let index = OffsetIndex::new(text);
/// assert_eq!(index.len(Unit::CodePoint), 21);
/// assert_eq!(index.len(Unit::Utf16), 23);
/// for char_offset in 0..=21 {
///     let utf16 = index.char_to_utf16(char_offset);
///     assert_eq!(index.utf16_to_char(utf16), char_offset);
///     let byte = index.char_to_byte(char_offset);
///     assert!(text.is_char_boundary(byte));
///     assert_eq!(index.byte_to_char(byte), char_offset);
/// }
/// ```
#[derive(Clone, Debug)]
pub struct OffsetIndex<'a> {
    text: &'a str,
    /// `checkpoints[i]` is the boundary before code point `i * CHECKPOINT_STRIDE`.
    checkpoints: Vec<Position>,
    end: Position,
    repertoire: Repertoire,
}

impl<'a> OffsetIndex<'a> {
    /// Indexes `text` (one pass).
    pub fn new(text: &'a str) -> OffsetIndex<'a> {
        let end_ascii = Position { char: text.len(), utf16: text.len(), byte: text.len() };
        if text.is_ascii() {
            return OffsetIndex { text, checkpoints: Vec::new(), end: end_ascii, repertoire: Repertoire::Ascii };
        }
        let mut checkpoints = Vec::with_capacity(text.len() / CHECKPOINT_STRIDE + 1);
        let mut pos = Position::default();
        let mut bmp = true;
        for c in text.chars() {
            if pos.char % CHECKPOINT_STRIDE == 0 {
                checkpoints.push(pos);
            }
            bmp &= c.len_utf16() == 1;
            pos = pos.advance(c);
        }
        if pos.char % CHECKPOINT_STRIDE == 0 {
            checkpoints.push(pos);
        }
        let repertoire = if bmp { Repertoire::Bmp } else { Repertoire::Any };
        OffsetIndex { text, checkpoints, end: pos, repertoire }
    }

    /// The indexed text.
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// Length of the text in `unit`.
    pub fn len(&self, unit: Unit) -> usize {
        self.end.get(unit)
    }

    /// Whether the text is empty.
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    fn locate(&self, offset: usize, from: Unit) -> Located {
        if offset > self.end.get(from) {
            return Located::Past(self.end);
        }
        if self.repertoire == Repertoire::Ascii {
            return Located::At(Position { char: offset, utf16: offset, byte: offset });
        }
        let k = match from {
            Unit::CodePoint => offset / CHECKPOINT_STRIDE,
            Unit::Utf16 if self.repertoire == Repertoire::Bmp => offset / CHECKPOINT_STRIDE,
            _ => self.checkpoints.partition_point(|p| p.get(from) <= offset) - 1,
        };
        let start = self.checkpoints[k];
        walk(&self.text[start.byte..], start, offset, from)
    }

    /// The boundary at `offset` counted in `from`, rounding down inside a code point and clamping
    /// past the end.
    pub fn position(&self, offset: usize, from: Unit) -> Position {
        self.locate(offset, from).lenient()
    }

    /// The boundary at `offset` counted in `from`, or why there is none.
    pub fn try_position(&self, offset: usize, from: Unit) -> Result<Position, OffsetError> {
        self.locate(offset, from).checked(offset, from)
    }

    /// Converts `offset` from `from` to `to` units (rounds down inside a code point, clamps past the
    /// end).
    pub fn convert(&self, offset: usize, from: Unit, to: Unit) -> usize {
        self.position(offset, from).get(to)
    }

    /// Converts `offset` from `from` to `to` units, or reports why it is not a boundary.
    pub fn try_convert(&self, offset: usize, from: Unit, to: Unit) -> Result<usize, OffsetError> {
        self.try_position(offset, from).map(|p| p.get(to))
    }

    /// Code points → UTF-16 code units.
    pub fn char_to_utf16(&self, offset: usize) -> usize {
        self.convert(offset, Unit::CodePoint, Unit::Utf16)
    }

    /// UTF-16 code units → code points.
    pub fn utf16_to_char(&self, offset: usize) -> usize {
        self.convert(offset, Unit::Utf16, Unit::CodePoint)
    }

    /// Code points → UTF-8 bytes.
    pub fn char_to_byte(&self, offset: usize) -> usize {
        self.convert(offset, Unit::CodePoint, Unit::Utf8)
    }

    /// UTF-8 bytes → code points.
    pub fn byte_to_char(&self, offset: usize) -> usize {
        self.convert(offset, Unit::Utf8, Unit::CodePoint)
    }

    /// UTF-16 code units → UTF-8 bytes.
    pub fn utf16_to_byte(&self, offset: usize) -> usize {
        self.convert(offset, Unit::Utf16, Unit::Utf8)
    }

    /// UTF-8 bytes → UTF-16 code units.
    pub fn byte_to_utf16(&self, offset: usize) -> usize {
        self.convert(offset, Unit::Utf8, Unit::Utf16)
    }

    /// The text between two code-point offsets (clamped; an inverted range gives `""`).
    ///
    /// ```
    /// use quotemark_core::offsets::OffsetIndex;
    /// let index = OffsetIndex::new("“Hi” 😀");
    /// assert_eq!(index.slice_chars(1, 3), "Hi");
    /// assert_eq!(index.slice_chars(5, 99), "😀");
    /// ```
    pub fn slice_chars(&self, start: usize, end: usize) -> &'a str {
        let b_end = self.char_to_byte(end);
        let b_start = self.char_to_byte(start).min(b_end);
        &self.text[b_start..b_end]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_text() {
        let index = OffsetIndex::new("");
        assert!(index.is_empty());
        assert_eq!(index.char_to_utf16(0), 0);
        assert_eq!(
            index.try_convert(1, Unit::CodePoint, Unit::Utf8),
            Err(OffsetError::OutOfRange { offset: 1, len: 0 })
        );
        assert_eq!(convert("", 5, Unit::Utf16, Unit::CodePoint), 0);
    }

    #[test]
    fn ascii_fast_path() {
        let index = OffsetIndex::new("plain text");
        assert_eq!(index.utf16_to_byte(5), 5);
        assert_eq!(index.byte_to_char(100), 10);
    }

    #[test]
    fn bmp_only_text_uses_stride_lookup_for_utf16() {
        let text = "“x” ".repeat(40);
        let index = OffsetIndex::new(&text);
        assert_eq!(index.utf16_to_char(100), 100);
        assert_eq!(index.utf16_to_byte(4), 3 + 1 + 3 + 1);
    }

    #[test]
    fn utf8_inside_sequence_rounds_down() {
        let text = "a“b";
        assert_eq!(byte_to_char(text, 2), 1);
        assert_eq!(byte_to_utf16(text, 3), 1);
        assert_eq!(byte_to_char(text, 4), 2);
        assert_eq!(
            try_convert(text, 3, Unit::Utf8, Unit::CodePoint),
            Err(OffsetError::InsideCodePoint { offset: 3, floor: 1 })
        );
    }

    #[test]
    fn zwj_sequence_and_flags_are_several_code_points() {
        let text = "👩‍👩‍👧🇬🇧";
        let index = OffsetIndex::new(text);
        assert_eq!(index.len(Unit::CodePoint), 7);
        assert_eq!(index.len(Unit::Utf16), 12);
        assert_eq!(index.char_to_utf16(5), 8);
        assert_eq!(index.utf16_to_char(9), 5);
        assert_eq!(index.utf16_to_char(10), 6);
    }

    #[test]
    fn errors_display() {
        let e = OffsetError::InsideCodePoint { offset: 3, floor: 2 };
        assert_eq!(e.to_string(), "offset 3 falls inside a code point that starts at 2");
        let e = OffsetError::OutOfRange { offset: 9, len: 4 };
        assert_eq!(e.to_string(), "offset 9 is past the end of the text (4)");
    }
}
