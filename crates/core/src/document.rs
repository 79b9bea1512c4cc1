//! Articles as documents: normalisation, the `date YYYY-MM-DD` marker, title derivation,
//! paragraphs, and the content id.
//!
//! The *document text* is the normalised article body. Every offset in Quotemark is a count of
//! Unicode code points into that text (W3C `TextPositionSelector` semantics).
//!
//! Normalisation (applied by [`Document::from_raw`] and [`normalize_text`]):
//! 1. a leading byte-order mark is dropped and line endings become `\n`;
//! 2. paragraphs are separated by one or more blank lines;
//! 3. inside a paragraph every run of white space (including single line breaks) becomes one space,
//!    and the paragraph is trimmed; empty paragraphs are dropped;
//! 4. paragraphs are joined with exactly one blank line (`"\n\n"`).
//!
//! The content id is `sha256:` followed by the first 32 hex digits (128 bits) of the SHA-256 of the
//! normalised text's UTF-8 bytes. Title and date are not part of it, so renaming a document keeps its
//! identity, while any edit to the text makes a new one.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::fmt;
use std::ops::Range;

/// The separator between two paragraphs in a document text.
pub const PARAGRAPH_SEPARATOR: &str = "\n\n";

/// Longest derived title, in characters (an ellipsis is added when the first sentence is longer).
pub const MAX_DERIVED_TITLE_CHARS: usize = 80;

/// A content id: `sha256:` and 32 lowercase hex digits of the normalised text's hash.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct DocumentId(pub String);

impl DocumentId {
    /// The id of an already normalised text.
    ///
    /// ```
    /// use quotemark_core::document::DocumentId;
    /// let id = DocumentId::of_text("Hello.");
    /// assert!(id.0.starts_with("sha256:") && id.0.len() == 7 + 32);
    /// assert_eq!(id, DocumentId::of_text("Hello."));
    /// ```
    pub fn of_text(normalized: &str) -> Self {
        let digest = Sha256::digest(normalized.as_bytes());
        let mut id = String::with_capacity(7 + 32);
        id.push_str("sha256:");
        for byte in &digest[..16] {
            id.push_str(&format!("{byte:02x}"));
        }
        DocumentId(id)
    }

    /// A short form for URLs and storage keys (the hex digits only).
    pub fn short(&self) -> &str {
        self.0.strip_prefix("sha256:").unwrap_or(&self.0)
    }
}

impl fmt::Display for DocumentId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A calendar date (proleptic Gregorian), as carried by a `date YYYY-MM-DD` marker.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

const MONTHS: [&str; 12] = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December",
];

impl Date {
    /// Parses `YYYY-MM-DD`, checking that the day exists in that month.
    ///
    /// ```
    /// use quotemark_core::document::Date;
    /// assert_eq!(Date::parse_iso("2017-06-05").unwrap().to_long(), "5 June 2017");
    /// assert!(Date::parse_iso("2017-02-30").is_none());
    /// ```
    pub fn parse_iso(s: &str) -> Option<Date> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let num = |r: Range<usize>| -> Option<u32> {
            let part = &s[r];
            part.bytes().all(|c| c.is_ascii_digit()).then(|| part.parse().ok())?
        };
        let (year, month, day) = (num(0..4)?, num(5..7)?, num(8..10)?);
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year as i32, month as u8) as u32 {
            return None;
        }
        Some(Date { year: year as i32, month: month as u8, day: day as u8 })
    }

    /// `YYYY-MM-DD`, as used in `<time datetime>` and in files.
    pub fn to_iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// A reader-facing form such as `5 June 2017`.
    pub fn to_long(&self) -> String {
        format!("{} {} {}", self.day, MONTHS[(self.month - 1) as usize], self.year)
    }
}

impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_iso())
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Date::parse_iso(&s).ok_or_else(|| serde::de::Error::custom(format!("not a YYYY-MM-DD date: {s:?}")))
    }
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

/// An article to annotate: its identity, metadata and normalised text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    /// Content id of `text` (see the module docs).
    pub id: DocumentId,
    /// The title shown to the reader; derived from the text when the source had none.
    pub title: String,
    /// The article's date, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    /// Where the article came from, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The normalised text: paragraphs separated by [`PARAGRAPH_SEPARATOR`].
    pub text: String,
}

impl Document {
    /// Builds a document from a normalised or raw body text, with a given title and date.
    /// The text is normalised here, so the id always matches it.
    pub fn new(title: impl Into<String>, date: Option<Date>, body: &str) -> Document {
        let text = normalize_text(body);
        Document { id: DocumentId::of_text(&text), title: title.into(), date, source: None, text }
    }

    /// Reads a plain-text article as Quotemark ships and receives them: an optional leading
    /// `date YYYY-MM-DD` marker (metadata, not body text), then paragraphs separated by blank lines.
    /// A first paragraph that looks like a headline (short, no closing punctuation) becomes the
    /// title; otherwise a title is derived from the first sentence.
    ///
    /// ```
    /// use quotemark_core::document::Document;
    /// let doc = Document::from_raw(" date 2017-06-05 Ministers met. \"It went well,\" she said.\n\nMore.");
    /// assert_eq!(doc.date.unwrap().to_iso(), "2017-06-05");
    /// assert_eq!(doc.text, "Ministers met. \"It went well,\" she said.\n\nMore.");
    /// assert_eq!(doc.title, "Ministers met.");
    /// assert_eq!(doc.paragraphs().len(), 2);
    /// ```
    pub fn from_raw(raw: &str) -> Document {
        let raw = raw.strip_prefix('\u{feff}').unwrap_or(raw);
        let (date, body) = split_date_marker(raw);
        let text = normalize_text(body);
        let paragraphs = paragraph_ranges_bytes(&text);
        let mut title = None;
        if paragraphs.len() > 1 {
            let first = &text[paragraphs[0].clone()];
            if looks_like_headline(first) {
                title = Some(first.to_string());
            }
        }
        let text = match (&title, paragraphs.get(1)) {
            (Some(_), Some(second)) => text[second.start..].to_string(),
            _ => text,
        };
        let title = title.unwrap_or_else(|| derive_title(&text));
        Document { id: DocumentId::of_text(&text), title, date, source: None, text }
    }

    /// The paragraphs as half-open code-point ranges into [`Document::text`].
    pub fn paragraphs(&self) -> Vec<Range<usize>> {
        paragraph_ranges(&self.text)
    }

    /// Length of the text in code points.
    pub fn char_len(&self) -> usize {
        self.text.chars().count()
    }
}

/// Splits off a leading `date YYYY-MM-DD` marker (leading white space allowed). A marker whose date
/// is not a real date is left in the body.
pub fn split_date_marker(raw: &str) -> (Option<Date>, &str) {
    let trimmed = raw.trim_start();
    if let Some(rest) = trimmed.strip_prefix("date") {
        let rest_trim = rest.trim_start_matches([' ', '\t']);
        if rest_trim.len() != rest.len() && rest_trim.len() >= 10 && rest_trim.is_char_boundary(10) {
            let (iso, after) = rest_trim.split_at(10);
            let boundary = after.chars().next().is_none_or(char::is_whitespace);
            if let (Some(date), true) = (Date::parse_iso(iso), boundary) {
                return (Some(date), after);
            }
        }
    }
    (None, raw)
}

/// Normalises an article body as described in the module docs.
///
/// ```
/// use quotemark_core::document::normalize_text;
/// assert_eq!(normalize_text("\u{feff} One\r\ntwo  three \r\n\r\n\r\n Four "), "One two three\n\nFour");
/// ```
pub fn normalize_text(body: &str) -> String {
    let body = body.strip_prefix('\u{feff}').unwrap_or(body);
    let mut out = String::with_capacity(body.len());
    let mut paragraph = String::new();
    let flush = |paragraph: &mut String, out: &mut String| {
        if !paragraph.is_empty() {
            if !out.is_empty() {
                out.push_str(PARAGRAPH_SEPARATOR);
            }
            out.push_str(paragraph);
            paragraph.clear();
        }
    };
    let unified = body.replace("\r\n", "\n").replace('\r', "\n");
    for line in unified.split('\n') {
        if line.trim().is_empty() {
            flush(&mut paragraph, &mut out);
            continue;
        }
        for word in line.split_whitespace() {
            if !paragraph.is_empty() {
                paragraph.push(' ');
            }
            paragraph.push_str(word);
        }
    }
    flush(&mut paragraph, &mut out);
    out
}

/// Paragraph ranges in bytes (internal helper for slicing).
fn paragraph_ranges_bytes(text: &str) -> Vec<Range<usize>> {
    let mut ranges = Vec::new();
    let mut start = 0;
    for (i, _) in text.match_indices(PARAGRAPH_SEPARATOR) {
        if i > start {
            ranges.push(start..i);
        }
        start = i + PARAGRAPH_SEPARATOR.len();
    }
    if start < text.len() {
        ranges.push(start..text.len());
    }
    ranges
}

/// The paragraphs of a normalised text as half-open code-point ranges.
///
/// ```
/// use quotemark_core::document::paragraph_ranges;
/// assert_eq!(paragraph_ranges("“Hi”\n\nBye"), vec![0..4, 6..9]);
/// ```
pub fn paragraph_ranges(text: &str) -> Vec<Range<usize>> {
    let mut ranges = Vec::new();
    let mut chars_before = 0;
    let mut last_byte = 0;
    for range in paragraph_ranges_bytes(text) {
        chars_before += text[last_byte..range.start].chars().count();
        let len = text[range.clone()].chars().count();
        ranges.push(chars_before..chars_before + len);
        chars_before += len;
        last_byte = range.end;
    }
    ranges
}

fn looks_like_headline(paragraph: &str) -> bool {
    let n = paragraph.chars().count();
    let last = paragraph.chars().last().unwrap_or('.');
    (3..=120).contains(&n) && !matches!(last, '.' | '!' | '?' | ',' | ';' | ':' | '”' | '"' | '’' | '\'' | ')')
}

/// Derives a title from the first sentence of a text, shortened at a word boundary to at most
/// [`MAX_DERIVED_TITLE_CHARS`] characters with an ellipsis.
///
/// ```
/// use quotemark_core::document::derive_title;
/// assert_eq!(derive_title("Short one. Then more."), "Short one.");
/// let long = derive_title(&"word ".repeat(40));
/// assert!(long.ends_with('…') && long.chars().count() <= 81);
/// assert_eq!(derive_title(""), "Untitled article");
/// ```
pub fn derive_title(text: &str) -> String {
    let first_paragraph = text.split(PARAGRAPH_SEPARATOR).next().unwrap_or("").trim();
    if first_paragraph.is_empty() {
        return "Untitled article".to_string();
    }
    let sentence = first_sentence(first_paragraph);
    if sentence.chars().count() <= MAX_DERIVED_TITLE_CHARS {
        return sentence.to_string();
    }
    let mut cut = 0;
    for (i, (byte, c)) in sentence.char_indices().enumerate() {
        if i >= MAX_DERIVED_TITLE_CHARS {
            break;
        }
        if c == ' ' {
            cut = byte;
        }
    }
    if cut == 0 {
        cut = sentence.char_indices().nth(MAX_DERIVED_TITLE_CHARS).map_or(sentence.len(), |(b, _)| b);
    }
    let head = sentence[..cut].trim_end_matches([',', ';', ':', ' ', '—', '-']);
    format!("{head}…")
}

/// The first sentence: up to a `.`, `!` or `?` (with closing quotes) that is followed by white space
/// and not inside a quotation.
fn first_sentence(paragraph: &str) -> &str {
    let mut depth: i32 = 0;
    let chars: Vec<(usize, char)> = paragraph.char_indices().collect();
    for (k, &(byte, c)) in chars.iter().enumerate() {
        match c {
            '“' => depth += 1,
            '”' => depth = (depth - 1).max(0),
            '.' | '!' | '?' if depth == 0 => {
                let next = chars.get(k + 1).map(|&(_, c)| c);
                if next.is_none_or(char::is_whitespace) {
                    return &paragraph[..byte + c.len_utf8()];
                }
            }
            _ => {}
        }
    }
    paragraph
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = include_str!("../../../assets/sample-article.txt");

    #[test]
    fn sample_article_has_date_title_and_all_paragraphs() {
        let doc = Document::from_raw(SAMPLE);
        assert_eq!(doc.date, Date::parse_iso("2017-06-05"));
        assert!(doc.text.starts_with("The Open Rights Group said"));
        assert!(!doc.text.contains("date 2017"));
        assert_eq!(doc.paragraphs().len(), 15);
        assert_eq!(doc.title, "The Open Rights Group said it was short-sighted to focus on the Internet and…");
        // Glued sentences are kept as written.
        assert!(doc.text.contains("keep people safe.The alternative"));
    }

    #[test]
    fn headline_paragraph_becomes_title() {
        let doc = Document::from_raw("Mayor opens bridge\n\nThe mayor opened it. \"Great,\" she said.");
        assert_eq!(doc.title, "Mayor opens bridge");
        assert_eq!(doc.text, "The mayor opened it. \"Great,\" she said.");
    }

    #[test]
    fn invalid_date_marker_stays_in_body() {
        let doc = Document::from_raw("date 2017-13-40 Text.");
        assert_eq!(doc.date, None);
        assert!(doc.text.starts_with("date 2017-13-40"));
        let (date, _) = split_date_marker("date 2017-06-051 x");
        assert_eq!(date, None);
    }

    #[test]
    fn id_depends_on_text_only() {
        let a = Document::new("A", None, "Same text.");
        let b = Document::new("B", Date::parse_iso("2020-01-01"), "Same  text.\r\n");
        assert_eq!(a.id, b.id);
        assert_ne!(a.id, Document::new("A", None, "Other text.").id);
    }

    #[test]
    fn leap_days() {
        assert!(Date::parse_iso("2016-02-29").is_some());
        assert!(Date::parse_iso("2017-02-29").is_none());
        assert!(Date::parse_iso("2000-02-29").is_some());
        assert!(Date::parse_iso("1900-02-29").is_none());
    }

    #[test]
    fn paragraph_ranges_count_code_points() {
        let text = normalize_text("😀 “a”\n\n e\u{301}");
        let ranges = paragraph_ranges(&text);
        let chars: Vec<char> = text.chars().collect();
        assert_eq!(chars[ranges[0].clone()].iter().collect::<String>(), "😀 “a”");
        assert_eq!(chars[ranges[1].clone()].iter().collect::<String>(), "e\u{301}");
    }
}
