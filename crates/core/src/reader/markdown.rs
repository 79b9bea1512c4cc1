//! Markdown → plain text with `pulldown-cmark` (CommonMark with tables, strikethrough and task
//! lists).

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::html::fragment_text;
use super::{date_prefix, http_url, one_line, take_date_marker, title_key, ReadArticle};
use crate::document::{normalize_text, Date, PARAGRAPH_SEPARATOR};

/// Reads a Markdown article as plain text.
///
/// * Headings, paragraphs, block quotes, list items, table rows and code blocks each become
///   paragraphs (table cells are separated by a space; a code block keeps its text, with its blank
///   lines as paragraph breaks).
/// * Emphasis, strong, strikethrough and links are reduced to their text; images are dropped with
///   their alt text; HTML blocks and inline HTML are reduced to text as in
///   [`read_html`](super::read_html) (scripts, styles and the like dropped; never kept as HTML).
/// * **Title**: a `title:` in YAML front matter, else the first level-one heading (`# Title` or
///   `Title` underlined with `===`). The heading that gave the title, or reads the same as the front
///   matter's, is not repeated in the text.
/// * **Date**: a `date:` in front matter, else a leading `date YYYY-MM-DD` marker in the text
///   (always removed from the text). **Source**: a `source:`, `url:` or `canonical_url:` in front
///   matter, when an absolute `http(s)` address.
///
/// ```
/// use quotemark_core::reader::read_markdown;
/// let md = "---\ndate: 2017-06-05\n---\n# Mayor opens *new* bridge\n\n\
///           The mayor said it was [great](https://example.com) news.\n\
///           ![A photo](bridge.jpg)\n\n\
///           - First point\n- Second <b>point</b><script>x()</script>\n";
/// let article = read_markdown(md);
/// assert_eq!(article.title.as_deref(), Some("Mayor opens new bridge"));
/// assert_eq!(article.date.unwrap().to_iso(), "2017-06-05");
/// assert_eq!(article.text, "The mayor said it was great news.\n\nFirst point\n\nSecond point");
/// ```
pub fn read_markdown(input: &str) -> ReadArticle {
    let input = input.strip_prefix('\u{feff}').unwrap_or(input);
    let (front, body) = front_matter(input);
    let mut w = Writer::default();
    let mut image_depth = 0usize;
    let mut in_code = false;
    let mut heading: Option<bool> = None; // Some(true) while in the candidate title heading.
    let mut title_found = false;
    let mut title = front.title.clone();
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS;
    for event in Parser::new_ext(body, options) {
        match event {
            Event::Start(Tag::Image { .. }) => image_depth += 1,
            Event::End(TagEnd::Image) => image_depth = image_depth.saturating_sub(1),
            _ if image_depth > 0 => {}
            Event::Start(Tag::Heading { level, .. }) => {
                w.flush();
                heading = Some(level == HeadingLevel::H1 && !title_found);
            }
            Event::End(TagEnd::Heading(_)) => {
                if heading == Some(true) {
                    let text = one_line(&w.take());
                    if !text.is_empty() {
                        title_found = true;
                        match &title {
                            None => title = Some(text),
                            Some(t) if title_key(t) == title_key(&text) => {}
                            Some(_) => w.paragraph(&text),
                        }
                    }
                }
                heading = None;
                w.flush();
            }
            Event::Start(Tag::CodeBlock(_)) => {
                w.flush();
                in_code = true;
            }
            Event::End(TagEnd::CodeBlock) => {
                in_code = false;
                w.out.push_str(PARAGRAPH_SEPARATOR);
            }
            Event::Text(t) if in_code => w.out.push_str(&t),
            Event::Start(Tag::TableCell) | Event::End(TagEnd::TableCell) => w.text(" "),
            Event::Start(tag) if is_block(&tag) => w.flush(),
            Event::End(tag) if is_block_end(tag) => w.flush(),
            Event::Start(_) | Event::End(_) => {}
            Event::Text(t) | Event::Code(t) | Event::InlineMath(t) | Event::DisplayMath(t) => w.text(&t),
            Event::Html(h) | Event::InlineHtml(h) => w.html(&h),
            Event::FootnoteReference(label) => {
                w.text("[");
                w.text(&label);
                w.text("]");
            }
            Event::SoftBreak | Event::HardBreak => w.text(" "),
            Event::Rule => w.flush(),
            Event::TaskListMarker(_) => {}
        }
    }
    w.flush();
    let (marker, text) = take_date_marker(normalize_text(&w.out));
    ReadArticle {
        title,
        date: front.date.or(marker),
        source: front.source,
        text,
    }
}

fn is_block(tag: &Tag<'_>) -> bool {
    !matches!(
        tag,
        Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript
            | Tag::Link { .. }
            | Tag::Image { .. }
            | Tag::TableCell
    )
}

fn is_block_end(tag: TagEnd) -> bool {
    !matches!(
        tag,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::Link
            | TagEnd::Image
            | TagEnd::TableCell
    )
}

/// Collects the text block by block. A block without HTML is its plain text; once HTML appears
/// in a block, the block is kept as a small HTML fragment (text escaped, HTML as written) and
/// reduced to text at its end. Each block is read on its own, so an unclosed tag in one cannot
/// swallow the rest of the article.
#[derive(Default)]
struct Writer {
    out: String,
    /// The current block's text.
    plain: String,
    /// The current block as HTML, once it has any.
    html: Option<String>,
}

impl Writer {
    fn text(&mut self, text: &str) {
        self.plain.push_str(text);
        if let Some(html) = &mut self.html {
            escape_into(html, text);
        }
    }

    fn html(&mut self, raw: &str) {
        let plain = &self.plain;
        let html = self.html.get_or_insert_with(|| {
            let mut html = String::with_capacity(plain.len() + raw.len());
            escape_into(&mut html, plain);
            html
        });
        html.push_str(raw);
    }

    /// The current block's text, and a fresh block.
    fn take(&mut self) -> String {
        let plain = std::mem::take(&mut self.plain);
        match self.html.take() {
            Some(html) => fragment_text(&html),
            None => plain,
        }
    }

    fn flush(&mut self) {
        let text = self.take();
        if !text.trim().is_empty() {
            self.paragraph(&text);
        }
    }

    fn paragraph(&mut self, text: &str) {
        self.out.push_str(PARAGRAPH_SEPARATOR);
        self.out.push_str(text);
        self.out.push_str(PARAGRAPH_SEPARATOR);
    }
}

fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            c => out.push(c),
        }
    }
}

/// What YAML front matter says.
#[derive(Default)]
struct FrontMatter {
    title: Option<String>,
    date: Option<Date>,
    source: Option<String>,
}

/// Splits off YAML front matter: a first line `---`, `key: value` lines, and a closing `---` or
/// `...` line. Without a closing line there is no front matter.
fn front_matter(input: &str) -> (FrontMatter, &str) {
    let mut front = FrontMatter::default();
    let mut lines = input.split_inclusive('\n');
    if lines.next().map(str::trim_end) != Some("---") {
        return (front, input);
    }
    let mut offset = input.find('\n').map_or(input.len(), |i| i + 1);
    let mut fields = Vec::new();
    let mut closed = false;
    for line in lines {
        offset += line.len();
        let line = line.trim_end();
        if line == "---" || line == "..." {
            closed = true;
            break;
        }
        if let Some((key, value)) = line.split_once(':') {
            if !key.starts_with([' ', '\t', '-', '#']) {
                fields.push((key.trim().to_ascii_lowercase(), unquote(value.trim())));
            }
        }
    }
    if !closed {
        return (FrontMatter::default(), input);
    }
    for (key, value) in fields {
        match key.as_str() {
            "title" if front.title.is_none() => {
                front.title = Some(one_line(&value)).filter(|t| !t.is_empty() && !t.starts_with(['|', '>']))
            }
            "date" if front.date.is_none() => front.date = date_prefix(&value),
            "source" | "url" | "canonical_url" | "canonical" if front.source.is_none() => {
                front.source = http_url(&value)
            }
            _ => {}
        }
    }
    (front, &input[offset..])
}

/// A YAML scalar without its quotes (`''` inside single quotes is one `'`; `\"` inside double
/// quotes is one `"`).
fn unquote(value: &str) -> String {
    let inner = |q: char| {
        value
            .strip_prefix(q)
            .and_then(|v| v.strip_suffix(q))
            .filter(|_| value.len() >= 2)
    };
    if let Some(v) = inner('"') {
        v.replace("\\\"", "\"").replace("\\\\", "\\")
    } else if let Some(v) = inner('\'') {
        v.replace("''", "'")
    } else {
        value.split(" #").next().unwrap_or(value).trim_end().to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(md: &str) -> String {
        read_markdown(md).text
    }

    #[test]
    fn headings_and_paragraphs() {
        let a = read_markdown("# Title\n\nIntro  text\nwrapped.\n\n## Section\n\nMore.\n\n# Second h1\n\nEnd.");
        assert_eq!(a.title.as_deref(), Some("Title"));
        assert_eq!(a.text, "Intro text wrapped.\n\nSection\n\nMore.\n\nSecond h1\n\nEnd.");
        let a = read_markdown("Title\n=====\n\nBody.\n\nSub\n---\n\nx");
        assert_eq!(
            (a.title.as_deref(), a.text.as_str()),
            (Some("Title"), "Body.\n\nSub\n\nx")
        );
        let a = read_markdown("## Only a subheading\n\nBody.");
        assert_eq!((a.title, a.text.as_str()), (None, "Only a subheading\n\nBody."));
        let a = read_markdown("Intro first.\n\n# Late title\n\nBody.");
        assert_eq!(
            (a.title.as_deref(), a.text.as_str()),
            (Some("Late title"), "Intro first.\n\nBody.")
        );
        let a = read_markdown("#\n\n# Real\n\nBody.");
        assert_eq!((a.title.as_deref(), a.text.as_str()), (Some("Real"), "Body."));
    }

    #[test]
    fn lists_quotes_tables_and_rules() {
        assert_eq!(
            text("- one\n- two\n  - nested\n\n1. first\n2. second"),
            "one\n\ntwo\n\nnested\n\nfirst\n\nsecond"
        );
        assert_eq!(text("- [x] done\n- [ ] open"), "done\n\nopen");
        assert_eq!(
            text("> quoted\n> still\n\nafter\n\n***\n\nend"),
            "quoted still\n\nafter\n\nend"
        );
        assert_eq!(text("| a | b |\n|---|---|\n| 1 | 2 |\n"), "a b\n\n1 2");
    }

    #[test]
    fn inline_markup_is_reduced_to_text() {
        assert_eq!(
            text("*em* **strong** ~~gone~~ `code` [link](http://x \"t\") <https://auto.link>"),
            "em strong gone code link https://auto.link"
        );
        assert_eq!(text("a ![alt text](img.png) b ![*x*](y.png \"t\")c"), "a b c");
        assert_eq!(text("[![badge](b.svg)](http://x) text"), "text");
        assert_eq!(text("hard  \nbreak\\\nagain"), "hard break again");
        assert_eq!(
            text("escaped \\*stars\\* &amp; &copy; 1 < 2"),
            "escaped *stars* & © 1 < 2"
        );
        assert_eq!(text("`<b>code</b>` and &lt;b&gt;"), "<b>code</b> and <b>");
    }

    #[test]
    fn html_is_reduced_to_text() {
        assert_eq!(
            text("a <b>bold</b> <span class=x>c</span><script>alert(1)</script> d"),
            "a bold c d"
        );
        assert_eq!(
            text("<div class=\"note\">\n<p>Block <em>html</em></p>\n<p>two</p>\n</div>\n\nAfter."),
            "Block html\n\ntwo\n\nAfter."
        );
        assert_eq!(text("<script>\nalert('<p>x</p>')\n</script>\n\nAfter."), "After.");
        assert_eq!(text("<!-- a comment -->\n\nText <!-- inline --> here."), "Text here.");
        // An unclosed tag in one block does not hide the next.
        assert_eq!(
            text("<div hidden>\n\nVisible *text*.\n\n<p hidden>\n\nmore"),
            "Visible text.\n\nmore"
        );
        // A `<style>` block runs to its close tag or the end, as in CommonMark.
        assert_eq!(text("Visible.\n\n<style>\n\nnot text"), "Visible.");
        assert_eq!(text("x <img src=x onerror=alert(1)> y"), "x y");
    }

    #[test]
    fn code_blocks_keep_their_text() {
        assert_eq!(
            text("Before.\n\n```rust\nlet a = \"<p>\";\n\nlet b = 1;\n```\n\nAfter."),
            "Before.\n\nlet a = \"<p>\";\n\nlet b = 1;\n\nAfter."
        );
        assert_eq!(text("    indented\n    code\n\nAfter."), "indented code\n\nAfter.");
    }

    #[test]
    fn front_matter_fields() {
        let md = "---\ntitle: \"A \\\"quoted\\\" title\"\ndate: 2017-06-05T10:00:00Z\nsource: https://example.com/a\ntags: [a, b]\n---\n# A “quoted” title\n\nBody.";
        let a = read_markdown(md);
        assert_eq!(a.title.as_deref(), Some("A \"quoted\" title"));
        assert_eq!(a.date, Date::parse_iso("2017-06-05"));
        assert_eq!(a.source.as_deref(), Some("https://example.com/a"));
        assert_eq!(a.text, "Body.");
        let a = read_markdown("---\ntitle: 'It''s here'\nurl: javascript:alert(1)\n...\n# Different heading\n\nBody.");
        assert_eq!(
            (a.title.as_deref(), a.source, a.text.as_str()),
            (Some("It's here"), None, "Different heading\n\nBody.")
        );
        let a = read_markdown("---\ntitle: >\n  folded\n---\nBody.");
        assert_eq!(a.title, None);
        // Not front matter: no closing line, or not at the very start.
        assert_eq!(read_markdown("---\ntitle: x\n\nBody.").title, None);
        assert_eq!(read_markdown("\n---\ntitle: x\n---\nBody.").title.as_deref(), None);
    }

    #[test]
    fn date_marker() {
        let a = read_markdown("date 2017-06-05\n\n# Title\n\nBody.");
        assert_eq!(
            (a.date, a.title.as_deref(), a.text.as_str()),
            (Date::parse_iso("2017-06-05"), Some("Title"), "Body.")
        );
        let a = read_markdown("date 2017-06-05 Body.");
        assert_eq!((a.date, a.text.as_str()), (Date::parse_iso("2017-06-05"), "Body."));
        let a = read_markdown("---\ndate: 2001-01-01\n---\ndate 2017-06-05 Body.");
        assert_eq!((a.date, a.text.as_str()), (Date::parse_iso("2001-01-01"), "Body."));
    }

    #[test]
    fn unquote_scalars() {
        assert_eq!(unquote("\"a\""), "a");
        assert_eq!(unquote("'a''b'"), "a'b");
        assert_eq!(unquote("plain # comment"), "plain");
        assert_eq!(unquote("\""), "\"");
    }
}
