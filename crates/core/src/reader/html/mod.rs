//! HTML pages → readable text, with a small tolerant tokenizer and tree builder (no html5ever: the
//! core ships in a size-sensitive WASM bundle).
//!
//! The tokenizer follows the HTML rules where they matter for text: tags start with `<` and an
//! ASCII letter (anything else is a literal `<`), attribute values may be quoted or not and may hold
//! `>`, comments end at `-->` or `--!>` (and `<!-->` is an empty comment), doctypes, processing
//! instructions and other `<!…>` are skipped up to `>`, CDATA sections up to `]]>`, and the raw text
//! of `script`, `style`, `textarea`, `title` and the like runs to the first matching close tag in
//! any case (`</SCRIPT >`). A tag cut off by the end of the input is dropped, as browsers do.
//!
//! The tree builder is tolerant like a browser's: end tags close the nearest open element of that
//! name (an inline end tag does not cross a block), block starts close an open `p`, `li`, `dt`/`dd`,
//! `tr` and `td` close their open siblings, void elements never open, stray end tags are ignored and
//! everything left open at the end is closed. `plaintext`, `xmp` and `listing` are read as ordinary
//! elements, so markup inside them is still markup (and dropped).
//!
//! Only text is kept: no tag, attribute or comment of the input is ever part of the result.

mod builder;
mod dom;
mod element;
mod extract;
mod metadata;
mod tokenizer;
#[cfg(test)]
mod tests;

use super::{one_line, take_date_marker, title_key, ReadArticle};
use crate::document::normalize_text;
use dom::{Dom, Strictness, ROOT};
use extract::Extraction;
use metadata::Meta;

/// Reads an HTML page: its main content as paragraphs of plain text, its title, date and canonical
/// address.
///
/// * **Main content** (`extract.rs`): the paragraphs are scored and the element that holds the
///   article is chosen from their scores, its class and id words and its link density, with its
///   siblings that score well and the byline and standfirst between the headline and it; a JSON-LD
///   `articleBody` guides the choice, or is the text when the markup lacks it. Inside, `script`,
///   `style`, `noscript`, `template`, `svg`, `iframe`, form controls, media and anything `hidden`,
///   `aria-hidden="true"` or `display:none` are always dropped; `nav`, `header`, `footer`, `aside`,
///   `form`, `menu` and elements whose class or id names boilerplate (`nav`, `menu`, `footer`,
///   `sidebar`, `share`, `social`, `related`, `comments`, `advert`, `ad-…`, `cookie`, `newsletter`,
///   `subscribe`, `promo`…) are dropped too, unless they hold most of the article's paragraphs, and
///   so are containers that are mostly links, images or inputs and short calls to action. A page
///   with too little text to score is read whole: the longest `<article>`, else `<main>`, else
///   `role="main"`, else the body, without that furniture. If that leaves nothing, the body is read
///   again with only the first group dropped.
/// * **Paragraphs**: block elements (`p`, headings, `li`, `blockquote`, `div`, `pre`,
///   `figcaption`, `dt`/`dd`, table rows…) end paragraphs; inline elements join; table cells are
///   separated by a space; `<br>` is a space (a line break inside `pre`). Character references are
///   decoded.
/// * **Title**: `og:title` or `twitter:title`, else the main content's first `h1` (also inside an
///   article's `header`), else `<title>` without a trailing ` | Site` or ` - Site`. The heading that
///   gave the title, or reads the same (letters and digits compared, a metadata title also without
///   its ` | Site`), is not repeated in the text.
/// * **Date**: `article:published_time`; `datePublished` in an `itemprop` or in JSON-LD; the first
///   `<time datetime>` of the main content; a `date`, `pubdate` or `DC.date` meta; or a leading
///   `date YYYY-MM-DD` marker in the text (always removed from the text).
/// * **Source**: `<link rel="canonical">` or `og:url`, when an absolute `http(s)` address.
///
/// ```
/// use quotemark_core::reader::read_html;
/// let page = r#"<!DOCTYPE html><html><head>
///   <title>Mayor opens bridge | The Daily Planet</title>
///   <meta property="article:published_time" content="2017-06-05T08:00:00Z">
///   <link rel="canonical" href="https://example.com/bridge">
/// </head><body>
///   <nav><a href="/">Home</a> <a href="/news">News</a></nav>
///   <article>
///     <h1>Mayor opens bridge</h1>
///     <p>The mayor opened the bridge &mdash; at last.<script>track()</script></p>
///     <p>&ldquo;It&rsquo;s <em>great</em>,&rdquo; she said.<br>Crowds cheered.</p>
///     <aside class="related">Read more: other bridges</aside>
///   </article>
///   <footer>© The Daily Planet</footer>
/// </body></html>"#;
/// let article = read_html(page);
/// assert_eq!(article.title.as_deref(), Some("Mayor opens bridge"));
/// assert_eq!(article.date.unwrap().to_iso(), "2017-06-05");
/// assert_eq!(article.source.as_deref(), Some("https://example.com/bridge"));
/// assert_eq!(article.text, "The mayor opened the bridge — at last.\n\n“It’s great,” she said. Crowds cheered.");
/// ```
pub fn read_html(input: &str) -> ReadArticle {
    let input = input.strip_prefix('\u{feff}').unwrap_or(input);
    let dom = Dom::parse(input);
    let meta = Meta::collect(&dom);
    let main = dom.main_content();

    let heading = dom.first_h1(main);
    let heading_text = heading
        .map(|h| one_line(&dom.render(h, Strictness::Loose, None)))
        .filter(|t| !t.is_empty());
    let (title, skip) = match (meta.og_title, heading_text) {
        (Some(title), Some(h)) => {
            let without_site = strip_site_suffix(&title);
            if title_key(&title) == title_key(&h) {
                (Some(title), heading)
            } else if title_key(&without_site) == title_key(&h) {
                (Some(without_site), heading)
            } else {
                (Some(title), None)
            }
        }
        (Some(title), None) => (Some(title), None),
        (None, Some(h)) => (Some(h), heading),
        (None, None) => (
            meta.page_title
                .as_deref()
                .map(strip_site_suffix)
                .filter(|t| !t.is_empty()),
            None,
        ),
    };

    let extraction = Extraction::run(&dom, meta.article_body.as_deref());
    let mut text = if extraction.worth_extracting() {
        normalize_text(&extraction.text(title.as_deref()))
    } else {
        // Too little text to score (a fragment, a note): the article or main element, or the
        // body, without its furniture.
        normalize_text(&dom.render(main, Strictness::Strict, skip))
    };
    if text.is_empty() {
        text = normalize_text(&dom.render(dom.body(), Strictness::Loose, skip));
    }
    let (marker, text) = take_date_marker(text);
    let date = meta
        .published_time
        .or(meta.itemprop_date)
        .or(meta.json_ld_date)
        .or_else(|| dom.first_time(main))
        .or(meta.meta_date)
        .or(marker);
    ReadArticle {
        title,
        date,
        source: meta.canonical.or(meta.og_url),
        text,
    }
}

/// For the evaluation tools: which elements the reader chose as the article and its best
/// candidates, with their scores.
#[cfg(feature = "eval")]
pub fn explain_html(input: &str) -> String {
    let dom = Dom::parse(input);
    Extraction::run(&dom, Meta::collect(&dom).article_body.as_deref()).explain()
}

/// The text of an HTML fragment (used for inline HTML and HTML blocks in Markdown, and for the
/// content of `<title>`): the same tags dropped as in [`read_html`], no main-content selection, not
/// normalised.
pub(crate) fn fragment_text(input: &str) -> String {
    let dom = Dom::parse(input);
    dom.render(ROOT, Strictness::Strict, None)
}

/// Removes a trailing ` | Site`, ` - Site`, ` – Site` or ` — Site` from a page title, when what is
/// left is longer than the suffix.
fn strip_site_suffix(title: &str) -> String {
    let title = one_line(title);
    let cut = [" | ", " - ", " – ", " — ", " · ", " :: "]
        .iter()
        .filter_map(|sep| title.rfind(sep).map(|i| (i, sep.len())))
        .max_by_key(|&(i, _)| i);
    if let Some((i, len)) = cut {
        let (head, tail) = (&title[..i], &title[i + len..]);
        if head.trim().chars().count() > tail.trim().chars().count() {
            return head.trim().to_string();
        }
    }
    title
}

// ---------------------------------------------------------------------------------------------
