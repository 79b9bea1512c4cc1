//! Bring your own article: turning pasted text and opened `.txt`, `.md` and `.html` files into a
//! [`Document`].
//!
//! Every reader returns a [`ReadArticle`]: the detected title, date and canonical source (each when
//! found) and the body as **plain text** already normalised with [`normalize_text`] (paragraphs
//! joined by `"\n\n"`). Nothing from the input is ever carried as markup: Markdown emphasis, links
//! and inline HTML are reduced to their text, and HTML pages to their readable main content. The app
//! shows the result as text only.
//!
//! * [`read_text`]: plain text with the same rules as [`Document::from_raw`] (a leading
//!   `date YYYY-MM-DD` marker, a headline-like first paragraph as the title).
//! * [`read_markdown`]: CommonMark (with tables and strikethrough) through `pulldown-cmark`.
//! * [`read_html`]: a small tolerant HTML reader that keeps the main content of a news page.
//!
//! ```
//! use quotemark_core::reader::{read, SourceKind};
//! let kind = SourceKind::from_file_name("Report.MD").unwrap();
//! let doc = read(kind, "# Mayor opens bridge\n\nThe *mayor* opened it.").into_document(Some("Report"));
//! assert_eq!(doc.title, "Mayor opens bridge");
//! assert_eq!(doc.text, "The mayor opened it.");
//! ```

mod entities;
pub mod eval;
mod html;
mod markdown;

pub use html::read_html;
#[cfg(feature = "eval")]
pub use html::explain_html;
pub use markdown::read_markdown;

use crate::document::{derive_title, normalize_text, split_date_marker, Date, Document, DocumentId};

/// What kind of source a text is, which decides the reader that turns it into an article.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SourceKind {
    /// Plain text: paragraphs separated by blank lines (`.txt`, `.text`, pasted text).
    Text,
    /// Markdown (`.md`, `.markdown`).
    Markdown,
    /// An HTML page (`.html`, `.htm`).
    Html,
}

impl SourceKind {
    /// The kind of a file from its name's extension (case-insensitive): `.txt` and `.text` are
    /// [`SourceKind::Text`], `.md` and `.markdown` [`SourceKind::Markdown`], `.html` and `.htm`
    /// [`SourceKind::Html`]; any other name gives `None`.
    ///
    /// ```
    /// use quotemark_core::reader::SourceKind;
    /// assert_eq!(SourceKind::from_file_name("story.HTM"), Some(SourceKind::Html));
    /// assert_eq!(SourceKind::from_file_name("notes.markdown"), Some(SourceKind::Markdown));
    /// assert_eq!(SourceKind::from_file_name("a.b.txt"), Some(SourceKind::Text));
    /// assert_eq!(SourceKind::from_file_name("photo.jpg"), None);
    /// assert_eq!(SourceKind::from_file_name("README"), None);
    /// ```
    pub fn from_file_name(name: &str) -> Option<SourceKind> {
        let (_, ext) = name.trim_end().rsplit_once('.')?;
        let is = |e: &str| ext.eq_ignore_ascii_case(e);
        if is("txt") || is("text") {
            Some(SourceKind::Text)
        } else if is("md") || is("markdown") {
            Some(SourceKind::Markdown)
        } else if is("html") || is("htm") {
            Some(SourceKind::Html)
        } else {
            None
        }
    }
}

/// An article as read from a source, before it becomes a [`Document`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReadArticle {
    /// The title found in the source (a headline, a heading, front matter or page metadata),
    /// on one line; `None` when the source had none.
    pub title: Option<String>,
    /// The article's date, when the source gives one.
    pub date: Option<Date>,
    /// The canonical `http(s)` address of the article, when the source names one.
    pub source: Option<String>,
    /// The body as plain text, normalised with [`normalize_text`].
    pub text: String,
}

impl ReadArticle {
    /// Makes the document: the title is the detected one, else `fallback_title` (for example the
    /// file name without its extension), else one derived from the text with [`derive_title`]. The
    /// id is computed from the (normalised) text.
    ///
    /// ```
    /// use quotemark_core::reader::read_text;
    /// let doc = read_text("It rained. Then it stopped.").into_document(Some("weather"));
    /// assert_eq!(doc.title, "weather");
    /// let doc = read_text("It rained. Then it stopped.").into_document(None);
    /// assert_eq!(doc.title, "It rained.");
    /// ```
    pub fn into_document(self, fallback_title: Option<&str>) -> Document {
        let text = normalize_text(&self.text);
        let fallback = fallback_title.map(one_line).filter(|t| !t.is_empty());
        let title = self.title.map(|t| one_line(&t)).filter(|t| !t.is_empty());
        let title = title.or(fallback).unwrap_or_else(|| derive_title(&text));
        Document {
            id: DocumentId::of_text(&text),
            title,
            date: self.date,
            source: self.source,
            text,
        }
    }
}

/// Reads a source of the given kind.
///
/// ```
/// use quotemark_core::reader::{read, SourceKind};
/// let article = read(SourceKind::Html, "<p>Hello &amp; welcome.</p>");
/// assert_eq!(article.text, "Hello & welcome.");
/// ```
pub fn read(kind: SourceKind, input: &str) -> ReadArticle {
    match kind {
        SourceKind::Text => read_text(input),
        SourceKind::Markdown => read_markdown(input),
        SourceKind::Html => read_html(input),
    }
}

/// Reads plain text with the same rules as [`Document::from_raw`]: an optional leading
/// `date YYYY-MM-DD` marker, then paragraphs separated by blank lines; a first paragraph that looks
/// like a headline (short, no closing punctuation) is the title and not part of the text.
///
/// ```
/// use quotemark_core::reader::read_text;
/// let article = read_text("date 2017-06-05\nMayor opens bridge\n\nThe mayor  opened it.\r\n");
/// assert_eq!(article.title.as_deref(), Some("Mayor opens bridge"));
/// assert_eq!(article.date.unwrap().to_iso(), "2017-06-05");
/// assert_eq!(article.text, "The mayor opened it.");
/// assert_eq!(read_text("No headline here. Just text.").title, None);
/// ```
pub fn read_text(input: &str) -> ReadArticle {
    let doc = Document::from_raw(input);
    let raw = input.strip_prefix('\u{feff}').unwrap_or(input);
    let full_len = normalize_text(split_date_marker(raw).1).len();
    // `from_raw` drops the first paragraph exactly when it took it as the title.
    let title = (doc.text.len() != full_len).then_some(doc.title);
    ReadArticle {
        title,
        date: doc.date,
        source: None,
        text: doc.text,
    }
}

/// Collapses white space to single spaces and trims (titles are one line).
pub(crate) fn one_line(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// A comparison key for titles and headings: lowercase letters and digits only, so that a heading
/// and a metadata title that differ in punctuation, quotes or spacing count as the same.
pub(crate) fn title_key(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// A date at the start of a metadata value such as `2017-06-05`, `2017-06-05T08:00:00Z` or
/// `2017-06-05 08:00`.
pub(crate) fn date_prefix(value: &str) -> Option<Date> {
    let v = value.trim();
    let date = Date::parse_iso(v.get(..10)?)?;
    match v.as_bytes().get(10) {
        Some(b) if b.is_ascii_digit() => None,
        _ => Some(date),
    }
}

/// An absolute `http:` or `https:` address without white space or control characters; anything
/// else (relative, `javascript:`, `data:`…) is not a usable source.
/// The value is trimmed first; the check is [`crate::url::is_http_url`].
pub(crate) fn http_url(value: &str) -> Option<String> {
    let v = value.trim();
    crate::url::is_http_url(v).then(|| v.to_string())
}

/// Splits a leading `date YYYY-MM-DD` marker off a normalised body and renormalises what is left.
pub(crate) fn take_date_marker(text: String) -> (Option<Date>, String) {
    match split_date_marker(&text) {
        (Some(date), rest) => (Some(date), normalize_text(rest)),
        (None, _) => (None, text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_from_file_names() {
        for (name, kind) in [
            ("a.txt", Some(SourceKind::Text)),
            ("A.TEXT", Some(SourceKind::Text)),
            ("a.Md", Some(SourceKind::Markdown)),
            ("a.MARKDOWN", Some(SourceKind::Markdown)),
            ("a.html", Some(SourceKind::Html)),
            ("page.HtM", Some(SourceKind::Html)),
            ("dir.v2/page.htm", Some(SourceKind::Html)),
            ("a.xhtml", None),
            ("a.pdf", None),
            ("txt", None),
            ("", None),
            ("a.", None),
        ] {
            assert_eq!(SourceKind::from_file_name(name), kind, "{name}");
        }
    }

    #[test]
    fn read_dispatches_on_kind() {
        assert_eq!(read(SourceKind::Text, "<b>x</b>").text, "<b>x</b>");
        assert_eq!(read(SourceKind::Markdown, "*x*").text, "x");
        assert_eq!(read(SourceKind::Html, "<b>x</b>").text, "x");
    }

    #[test]
    fn text_matches_from_raw() {
        for raw in [
            "",
            "date 2017-06-05",
            "\u{feff}date 2017-06-05 Headline\n\nBody. More.",
            "Headline\n\nBody.",
            "One paragraph without punctuation",
            "Ends with a full stop.\n\nSecond.",
            "date 2017-02-30 Not a date.",
        ] {
            let doc = Document::from_raw(raw);
            let article = read_text(raw);
            assert_eq!(article.text, doc.text, "{raw:?}");
            assert_eq!(article.date, doc.date, "{raw:?}");
            assert_eq!(article.clone().into_document(None), doc, "{raw:?}");
        }
        assert_eq!(read_text("Headline\n\nBody.").title.as_deref(), Some("Headline"));
        assert_eq!(read_text("Ends with a full stop.\n\nSecond.").title, None);
        assert_eq!(read_text("One paragraph without punctuation").title, None);
    }

    #[test]
    fn into_document_title_order() {
        let article = ReadArticle {
            title: Some("  Found \n title ".into()),
            text: "Body. More.".into(),
            ..Default::default()
        };
        assert_eq!(article.clone().into_document(Some("file")).title, "Found title");
        let untitled = ReadArticle {
            title: None,
            ..article.clone()
        };
        assert_eq!(untitled.clone().into_document(Some(" file name ")).title, "file name");
        assert_eq!(untitled.clone().into_document(Some("  ")).title, "Body.");
        assert_eq!(untitled.into_document(None).title, "Body.");
        let blank = ReadArticle {
            title: Some(" ".into()),
            ..article
        };
        assert_eq!(blank.into_document(None).title, "Body.");
    }

    #[test]
    fn into_document_normalises_and_keeps_metadata() {
        let article = ReadArticle {
            title: None,
            date: Date::parse_iso("2020-01-02"),
            source: Some("https://example.com/a".into()),
            text: " A \r\n b\n\n\n c ".into(),
        };
        let doc = article.into_document(None);
        assert_eq!(doc.text, "A b\n\nc");
        assert_eq!(doc.id, DocumentId::of_text("A b\n\nc"));
        assert_eq!(doc.date, Date::parse_iso("2020-01-02"));
        assert_eq!(doc.source.as_deref(), Some("https://example.com/a"));
    }

    #[test]
    fn metadata_helpers() {
        assert_eq!(date_prefix(" 2017-06-05T08:00:00Z"), Date::parse_iso("2017-06-05"));
        assert_eq!(date_prefix("2017-06-05 08:00"), Date::parse_iso("2017-06-05"));
        assert_eq!(date_prefix("2017-06-051"), None);
        assert_eq!(date_prefix("2017-6-5"), None);
        assert_eq!(date_prefix("2017-06-0é"), None);
        assert_eq!(
            http_url(" https://example.com/a?b=1 ").as_deref(),
            Some("https://example.com/a?b=1")
        );
        assert_eq!(http_url("HTTP://Example.com").as_deref(), Some("HTTP://Example.com"));
        for bad in [
            "javascript:alert(1)",
            "/relative",
            "//example.com",
            "https://",
            "https:///x",
            "https://a b",
            "data:,x",
            "ftp://x",
        ] {
            assert_eq!(http_url(bad), None, "{bad}");
        }
        assert_eq!(title_key("“Mayor’s  Bridge” — Opens!"), "mayorsbridgeopens");
        assert_eq!(one_line("  a \n\t b  "), "a b");
        assert_eq!(
            take_date_marker("date 2017-06-05\n\nBody".into()),
            (Date::parse_iso("2017-06-05"), "Body".into())
        );
        assert_eq!(take_date_marker("Body".into()), (None, "Body".into()));
    }
}
