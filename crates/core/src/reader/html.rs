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

use std::borrow::Cow;

use super::entities::decode;
use super::{date_prefix, http_url, one_line, take_date_marker, title_key, ReadArticle};
use crate::document::{normalize_text, Date};

/// Reads an HTML page: its main content as paragraphs of plain text, its title, date and canonical
/// address.
///
/// * **Main content**: the longest `<article>`, else `<main>`, else an element with `role="main"`,
///   else the whole body. Inside it, `script`, `style`, `noscript`, `template`, `svg`, `iframe`,
///   form controls, media and anything `hidden`, `aria-hidden="true"` or `display:none` are always
///   dropped; `nav`, `header`, `footer`, `aside`, `form`, `menu` and elements whose class or id names
///   boilerplate (`nav`, `menu`, `footer`, `sidebar`, `share`, `social`, `related`, `comments`,
///   `advert`, `ad-…`, `cookie`, `newsletter`, `subscribe`, `promo`…) are dropped too, unless the
///   element holds most of the main content's text. If that leaves nothing, the body is read again
///   with only the first group dropped.
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

    let mut text = normalize_text(&dom.render(main, Strictness::Strict, skip));
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
// Elements

/// Flags computed once per element from its name and attributes.
mod flag {
    /// Ends a paragraph before and after.
    pub const BLOCK: u32 = 1;
    /// Never text (scripts, styles, form controls, media, hidden elements…).
    pub const HARD: u32 = 1 << 1;
    /// Page furniture by its tag (`nav`, `header`, `footer`, `aside`, `form`, `menu`) or ARIA role.
    pub const BOILER_TAG: u32 = 1 << 2;
    /// Page furniture by its class or id.
    pub const BOILER_CLASS: u32 = 1 << 3;
    /// A header (`<header>` or a header class): dropped, but searched for the title and date when
    /// it belongs to an article or main element.
    pub const HEADER: u32 = 1 << 4;
    /// `article`, `main`, `role="main"` (never dropped by class).
    pub const CONTENT: u32 = 1 << 5;
    /// A table cell (separated by a space).
    pub const CELL: u32 = 1 << 6;
    /// Preformatted: white space kept.
    pub const PRE: u32 = 1 << 7;
    /// HTML's "special" elements: an inline end tag does not close across them.
    pub const SPECIAL: u32 = 1 << 8;
    /// Foreign content (`svg`, `math`): `/>` closes.
    pub const FOREIGN: u32 = 1 << 9;
    /// Never has content.
    pub const VOID: u32 = 1 << 10;
    /// Its start tag closes an open `p`.
    pub const CLOSES_P: u32 = 1 << 11;
    /// Raw text up to the matching close tag, no markup inside.
    pub const RAW: u32 = 1 << 12;
    /// May appear in `<head>` (anything else ends it).
    pub const HEAD_OK: u32 = 1 << 13;
    /// Limits how far up the tree builder looks for an element to close.
    pub const SCOPE: u32 = 1 << 14;
}

/// Every tag the reader treats specially, with its flags, sorted by length and then name (most
/// comparisons in the binary search are then of lengths).
const TAGS: &[(&str, u32)] = {
    use flag::*;
    const B: u32 = BLOCK | SPECIAL | CLOSES_P;
    &[
        ("p", B),
        ("br", VOID),
        ("dd", B),
        ("dl", B),
        ("dt", B),
        ("h1", B),
        ("h2", B),
        ("h3", B),
        ("h4", B),
        ("h5", B),
        ("h6", B),
        ("hr", BLOCK | VOID | CLOSES_P),
        ("li", B),
        ("ol", B),
        ("td", CELL | SPECIAL | SCOPE),
        ("th", CELL | SPECIAL | SCOPE),
        ("tr", BLOCK | SPECIAL),
        ("ul", B),
        ("col", VOID),
        ("dir", B),
        ("div", B),
        ("img", HARD | VOID),
        ("map", HARD),
        ("nav", B | BOILER_TAG),
        ("pre", B | PRE),
        ("svg", HARD | FOREIGN),
        ("wbr", VOID),
        ("xmp", B),
        ("area", VOID),
        ("base", HARD | VOID | HEAD_OK),
        ("body", BLOCK | SPECIAL),
        ("form", B | BOILER_TAG),
        ("head", HARD | SPECIAL),
        ("html", BLOCK | SPECIAL | SCOPE),
        ("link", HARD | VOID | HEAD_OK),
        ("main", B | CONTENT),
        ("math", FOREIGN),
        ("menu", B | BOILER_TAG),
        ("meta", HARD | VOID | HEAD_OK),
        ("aside", B | BOILER_TAG),
        ("audio", HARD),
        ("embed", HARD | VOID),
        ("frame", HARD | VOID),
        ("image", HARD | VOID),
        ("input", HARD | VOID),
        ("param", HARD | VOID),
        ("style", HARD | RAW | HEAD_OK),
        ("table", B | SCOPE),
        ("tbody", BLOCK | SPECIAL),
        ("tfoot", BLOCK | SPECIAL),
        ("thead", BLOCK | SPECIAL),
        ("title", HARD | RAW | HEAD_OK),
        ("track", HARD | VOID),
        ("video", HARD),
        ("applet", HARD | SPECIAL | SCOPE),
        ("button", HARD | SPECIAL),
        ("canvas", HARD),
        ("center", B),
        ("dialog", B | HARD),
        ("figure", B),
        ("footer", B | BOILER_TAG),
        ("header", B | BOILER_TAG | HEADER),
        ("hgroup", B),
        ("iframe", HARD | RAW | SPECIAL),
        ("keygen", HARD | VOID),
        ("legend", BLOCK),
        ("object", HARD | SPECIAL | SCOPE),
        ("option", HARD),
        ("script", HARD | RAW | HEAD_OK),
        ("select", HARD | SPECIAL),
        ("source", HARD | VOID),
        ("address", B),
        ("article", B | CONTENT),
        ("bgsound", VOID | HEAD_OK),
        ("caption", BLOCK | SPECIAL | SCOPE),
        ("details", B),
        ("listing", B),
        ("marquee", SPECIAL | SCOPE),
        ("noembed", HARD | RAW),
        ("section", B),
        ("summary", B),
        ("basefont", VOID | HEAD_OK),
        ("datalist", HARD),
        ("fieldset", B),
        ("frameset", HARD),
        ("noframes", HARD | RAW | HEAD_OK),
        ("noscript", HARD | RAW | HEAD_OK),
        ("template", HARD | SPECIAL | SCOPE | HEAD_OK),
        ("textarea", HARD | RAW | SPECIAL),
        ("plaintext", B),
        ("blockquote", B),
        ("figcaption", B),
    ]
};

/// The flags of a (lowercase) tag name, and the name as a static string when it is in [`TAGS`].
fn tag_info(name: &str) -> (u32, Option<&'static str>) {
    match tag_index(name) {
        Some(i) => (TAGS[i].1, Some(TAGS[i].0)),
        None => (0, None),
    }
}

/// Where a (lowercase) tag name is in [`TAGS`].
fn tag_index(name: &str) -> Option<usize> {
    TAGS.binary_search_by(|(n, _)| (n.len(), *n).cmp(&(name.len(), name)))
        .ok()
}

fn tag_flags(name: &str) -> u32 {
    tag_info(name).0
}

/// Class and id words that name page furniture: a word equal to one of these or starting with one
/// of the prefixes marks the element.
const BOILER_WORDS: &[&str] = &[
    "ad",
    "ads",
    "adslot",
    "adunit",
    "banner",
    "comment",
    "consent",
    "disqus",
    "gdpr",
    "nav",
    "navbar",
    "navigation",
    "navlinks",
    "navlist",
    "navmenu",
    "outbrain",
    "paywall",
    "popup",
    "share",
    "shares",
    "sharebuttons",
    "sharetools",
    "skip",
    "skiplink",
    "taboola",
    "tag",
    "tags",
    "taglist",
    "toolbar",
    "widget",
];
const BOILER_PREFIXES: &[&str] = &[
    "advert",
    "breadcrumb",
    "comments",
    "cookie",
    "footer",
    "menu",
    "modal",
    "newsletter",
    "promo",
    "recommend",
    "related",
    "sharebar",
    "sharing",
    "sidebar",
    "signup",
    "social",
    "sponsor",
    "subscri",
];
/// Words that mark a header (dropped, but searched for a title inside an article).
const HEADER_WORDS: &[&str] = &["header", "masthead"];

/// ARIA roles of page furniture.
const BOILER_ROLES: &[&str] = &[
    "banner",
    "complementary",
    "contentinfo",
    "dialog",
    "navigation",
    "search",
];

/// The attributes the reader looks at.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Key {
    Class,
    Id,
    Role,
    Itemprop,
    Datetime,
    Content,
    Property,
    Name,
    Rel,
    Href,
    Type,
    Hidden,
    AriaHidden,
    Style,
}

/// The attribute an (any case) attribute name is, when the reader uses it.
fn attribute_key(name: &str) -> Option<Key> {
    if name.len() > 11 {
        return None;
    }
    let mut buf = [0u8; 11];
    let lower = &mut buf[..name.len()];
    lower.copy_from_slice(name.as_bytes());
    lower.make_ascii_lowercase();
    Some(match &*lower {
        b"class" => Key::Class,
        b"id" => Key::Id,
        b"role" => Key::Role,
        b"itemprop" => Key::Itemprop,
        b"datetime" => Key::Datetime,
        b"content" => Key::Content,
        b"property" => Key::Property,
        b"name" => Key::Name,
        b"rel" => Key::Rel,
        b"href" => Key::Href,
        b"type" => Key::Type,
        b"hidden" => Key::Hidden,
        b"aria-hidden" => Key::AriaHidden,
        b"style" => Key::Style,
        _ => return None,
    })
}

struct Element {
    name: Cow<'static, str>,
    flags: u32,
    attrs: Vec<(Key, Box<str>)>,
}

impl Element {
    fn attr(&self, key: Key) -> Option<&str> {
        self.attrs.iter().find(|(k, _)| *k == key).map(|(_, v)| &**v)
    }

    fn has(&self, f: u32) -> bool {
        self.flags & f != 0
    }

    fn is(&self, name: &str) -> bool {
        &*self.name == name
    }

    /// Builds an element and works out its flags from its tag and attributes.
    fn new(name: Cow<'static, str>, flags: u32, attrs: Vec<(Key, Box<str>)>) -> Element {
        let mut el = Element { name, flags, attrs };
        let hidden = el.attrs.iter().any(|(k, v)| match k {
            Key::Hidden => true,
            Key::AriaHidden => v.trim().eq_ignore_ascii_case("true"),
            Key::Style => {
                let css: String = v
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .flat_map(char::to_lowercase)
                    .collect();
                css.contains("display:none") || css.contains("visibility:hidden")
            }
            _ => false,
        });
        if hidden {
            el.flags |= flag::HARD;
        }
        if let Some(role) = el.attr(Key::Role) {
            let role = role.trim().to_ascii_lowercase();
            if role == "main" || role == "article" {
                el.flags |= flag::CONTENT;
            } else if BOILER_ROLES.contains(&role.as_str()) {
                el.flags |= flag::BOILER_TAG;
            }
        }
        if !el.has(flag::CONTENT) && !el.is("html") && !el.is("body") {
            for key in [Key::Class, Key::Id] {
                match el.attr(key).and_then(furniture) {
                    Some(true) => el.flags |= flag::BOILER_CLASS | flag::HEADER,
                    Some(false) => el.flags |= flag::BOILER_CLASS,
                    None => {}
                }
            }
        }
        el
    }
}

/// Whether a class or id value names page furniture; `Some(true)` for a header.
fn furniture(value: &str) -> Option<bool> {
    let mut found = None;
    for token in value.split_ascii_whitespace() {
        for word in words(token) {
            let w = word.as_str();
            if BOILER_WORDS.contains(&w) || BOILER_PREFIXES.iter().any(|p| w.starts_with(p)) {
                return Some(false);
            }
            if HEADER_WORDS.contains(&w) {
                found = Some(true);
            }
        }
    }
    found
}

/// The lowercase words of a class or id token: split at `-`, `_`, `.`, `:`, `/` and lower-to-upper
/// case changes (`siteNav` → `site`, `nav`).
fn words(token: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut prev_lower = false;
    for c in token.chars() {
        if matches!(c, '-' | '_' | '.' | ':' | '/') {
            if !word.is_empty() {
                out.push(std::mem::take(&mut word));
            }
            prev_lower = false;
            continue;
        }
        if c.is_uppercase() && prev_lower {
            out.push(std::mem::take(&mut word));
        }
        prev_lower = c.is_lowercase() || c.is_ascii_digit();
        word.extend(c.to_lowercase());
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Tree

const NONE: u32 = u32::MAX;
const ROOT: u32 = 0;

enum Data {
    Root,
    Element(Element),
    Text(String),
}

struct Node {
    parent: u32,
    first_child: u32,
    last_child: u32,
    next_sibling: u32,
    data: Data,
}

struct Dom {
    nodes: Vec<Node>,
    /// Visible text (non-white-space bytes) in each subtree, not counting elements that are never
    /// text or furniture by their tag.
    text_len: Vec<u32>,
}

/// How much is dropped when rendering.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Strictness {
    /// Everything in [`read_html`]'s list.
    Strict,
    /// Only what is never text (scripts, styles, hidden elements…).
    Loose,
}

impl Dom {
    fn parse(input: &str) -> Dom {
        let mut builder = Builder::new();
        tokenize(input, &mut builder);
        let mut dom = Dom {
            nodes: builder.nodes,
            text_len: Vec::new(),
        };
        dom.count_text();
        dom
    }

    fn element(&self, n: u32) -> Option<&Element> {
        match &self.nodes[n as usize].data {
            Data::Element(e) => Some(e),
            _ => None,
        }
    }

    fn count_text(&mut self) {
        let mut len = vec![0u32; self.nodes.len()];
        // Children always come after their parents, so one backwards pass adds every subtree up.
        for i in (1..self.nodes.len()).rev() {
            let node = &self.nodes[i];
            match &node.data {
                Data::Text(t) => {
                    let visible = t.bytes().filter(|b| !b.is_ascii_whitespace()).count();
                    len[i] = u32::try_from(visible).unwrap_or(u32::MAX);
                }
                Data::Element(e) if e.has(flag::HARD | flag::BOILER_TAG) => len[i] = 0,
                _ => {}
            }
            let parent = node.parent as usize;
            len[parent] = len[parent].saturating_add(len[i]);
        }
        self.text_len = len;
    }

    /// Calls `visit(node, entering)` on the nodes of `top`'s subtree in document order, entering
    /// and then leaving each; `visit` says on entering whether to go into the node's children.
    /// Iterative, so deep nesting cannot overflow the stack.
    fn walk(&self, top: u32, mut visit: impl FnMut(u32, bool) -> bool) {
        let mut n = top;
        loop {
            let node = &self.nodes[n as usize];
            if visit(n, true) && node.first_child != NONE {
                n = node.first_child;
                continue;
            }
            loop {
                visit(n, false);
                if n == top {
                    return;
                }
                let node = &self.nodes[n as usize];
                if node.next_sibling != NONE {
                    n = node.next_sibling;
                    break;
                }
                n = node.parent;
            }
        }
    }

    /// The first element (not inside one that is never text) that satisfies `test`.
    fn first_element(&self, test: impl Fn(&Element) -> bool) -> Option<u32> {
        let mut found = None;
        self.walk(ROOT, |n, entering| match self.element(n) {
            _ if !entering || found.is_some() => false,
            Some(e) if test(e) => {
                found = Some(n);
                false
            }
            Some(e) => !e.has(flag::HARD),
            None => true,
        });
        found
    }

    fn body(&self) -> u32 {
        self.first_element(|e| e.is("body")).unwrap_or(ROOT)
    }

    /// The longest `article`, else `main`, else `role="main"`, else the body; never one without
    /// text.
    fn main_content(&self) -> u32 {
        let mut best: Option<u32> = None;
        self.walk(ROOT, |n, entering| match self.element(n) {
            _ if !entering => false,
            Some(e) if e.has(flag::HARD) => false,
            Some(e) => {
                if e.is("article") && self.text_len[n as usize] > best.map_or(0, |b| self.text_len[b as usize]) {
                    best = Some(n);
                }
                true
            }
            None => true,
        });
        let has_text = |n: &u32| self.text_len[*n as usize] > 0;
        let is_main = |e: &Element| e.attr(Key::Role).is_some_and(|r| r.trim().eq_ignore_ascii_case("main"));
        best.or_else(|| self.first_element(|e| e.is("main")).filter(has_text))
            .or_else(|| self.first_element(is_main).filter(has_text))
            .unwrap_or_else(|| self.body())
    }

    /// Whether an element is dropped from the text of `top` (whose text length is `top_len`).
    fn dropped(&self, e: &Element, n: u32, top_len: u32, strictness: Strictness) -> bool {
        if e.has(flag::HARD) {
            return true;
        }
        if strictness == Strictness::Loose {
            return false;
        }
        // Furniture by class or id is kept when it holds most of the content (pages that call
        // their article body something like "has-share-bar").
        e.has(flag::BOILER_TAG) || (e.has(flag::BOILER_CLASS) && self.text_len[n as usize].saturating_mul(2) <= top_len)
    }

    /// Whether a header inside `top` belongs to an article or main element (its title and date
    /// count).
    fn header_in_content(&self, top: u32, header: u32) -> bool {
        let mut n = header;
        loop {
            if self.element(n).is_some_and(|e| e.has(flag::CONTENT)) {
                return true;
            }
            if n == top || n == ROOT {
                return false;
            }
            n = self.nodes[n as usize].parent;
        }
    }

    /// The first element of the main content that satisfies `test`, looking into headers that
    /// belong to an article but into no other dropped element.
    fn find_in_content(&self, top: u32, test: impl Fn(&Element) -> bool) -> Option<u32> {
        let top_len = self.text_len[top as usize];
        let mut found = None;
        self.walk(top, |n, entering| {
            if !entering || found.is_some() {
                return false;
            }
            let Some(e) = self.element(n) else { return n == ROOT };
            if n != top {
                if e.has(flag::HARD) {
                    return false;
                }
                let dropped = self.dropped(e, n, top_len, Strictness::Strict);
                if dropped && !(e.has(flag::HEADER) && self.header_in_content(top, n)) {
                    return false;
                }
            }
            if test(e) {
                found = Some(n);
                return false;
            }
            true
        });
        found
    }

    fn first_h1(&self, top: u32) -> Option<u32> {
        self.find_in_content(top, |e| e.is("h1"))
    }

    fn first_time(&self, top: u32) -> Option<Date> {
        let date = |e: &Element| e.attr(Key::Datetime).and_then(date_prefix);
        let time = self.find_in_content(top, |e| e.is("time") && date(e).is_some())?;
        self.element(time).and_then(date)
    }

    /// The text of a subtree: paragraphs separated by blank lines (not yet normalised).
    fn render(&self, top: u32, strictness: Strictness, skip: Option<u32>) -> String {
        let mut out = String::new();
        let mut pre_depth = 0usize;
        let top_len = self.text_len[top as usize];
        self.walk(top, |n, entering| match &self.nodes[n as usize].data {
            Data::Root => true,
            Data::Text(t) => {
                if entering {
                    let start = out.len();
                    out.push_str(t);
                    if pre_depth == 0 && memchr::memchr2(b'\n', b'\r', t.as_bytes()).is_some() {
                        // Line breaks in HTML text are spaces.
                        out.replace_range(start.., &t.replace(['\n', '\r'], " "));
                    }
                }
                false
            }
            Data::Element(e) => {
                if n != top && (Some(n) == skip || self.dropped(e, n, top_len, strictness)) {
                    return false;
                }
                if e.has(flag::BLOCK) {
                    out.push_str("\n\n");
                } else if e.has(flag::CELL) {
                    out.push(' ');
                } else if entering && e.is("br") {
                    out.push(if pre_depth > 0 { '\n' } else { ' ' });
                }
                if e.has(flag::PRE) {
                    if entering {
                        pre_depth += 1;
                    } else {
                        pre_depth -= 1;
                    }
                }
                entering
            }
        });
        out
    }

    /// The raw text kept under a `title` or JSON-LD `script` element.
    fn raw_text(&self, n: u32) -> &str {
        match self.nodes[n as usize].first_child {
            NONE => "",
            c => match &self.nodes[c as usize].data {
                Data::Text(t) => t,
                _ => "",
            },
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Metadata

#[derive(Default)]
struct Meta {
    og_title: Option<String>,
    page_title: Option<String>,
    published_time: Option<Date>,
    itemprop_date: Option<Date>,
    itemprop_seen: bool,
    json_ld_date: Option<Date>,
    meta_date: Option<Date>,
    canonical: Option<String>,
    og_url: Option<String>,
}

/// Fills an empty slot (working the value out only then).
fn first<T>(slot: &mut Option<T>, value: impl FnOnce() -> Option<T>) {
    if slot.is_none() {
        *slot = value();
    }
}

impl Meta {
    /// Looks at every element of the page (not inside `svg` or `math`); `itemprop` dates inside
    /// page furniture (related links…) do not count.
    fn collect(dom: &Dom) -> Meta {
        let mut m = Meta::default();
        let mut furniture_depth = 0usize;
        dom.walk(ROOT, |n, entering| {
            let Some(e) = dom.element(n) else { return n == ROOT };
            let furniture = e.has(flag::BOILER_TAG | flag::BOILER_CLASS) && !e.has(flag::HEADER);
            if !entering {
                furniture_depth -= usize::from(furniture);
                return false;
            }
            furniture_depth += usize::from(furniture);
            m.element(dom, n, e, furniture_depth > 0);
            !e.has(flag::FOREIGN)
        });
        m
    }

    fn element(&mut self, dom: &Dom, n: u32, e: &Element, in_furniture: bool) {
        // `content` is kept as written (see `read_tag`): a title is read like `<title>`, as HTML,
        // so that markup written raw in it is not kept.
        let raw_content = e.attr(Key::Content);
        let content = raw_content.map(|c| decode(c, true));
        let content = content.as_deref();
        match &*e.name {
            "meta" => {
                let key = e
                    .attr(Key::Property)
                    .or(e.attr(Key::Name))
                    .unwrap_or("")
                    .trim()
                    .to_ascii_lowercase();
                match key.as_str() {
                    "og:title" | "twitter:title" => {
                        let title = || raw_content.map(|c| one_line(&fragment_text(c)));
                        first(&mut self.og_title, || title().filter(|t| !t.is_empty()))
                    }
                    "article:published_time" => first(&mut self.published_time, || content.and_then(date_prefix)),
                    "og:url" => first(&mut self.og_url, || content.and_then(http_url)),
                    "date" | "pubdate" | "publishdate" | "publish-date" | "dc.date" | "dc.date.issued"
                    | "dcterms.date" | "dcterms.issued" => first(&mut self.meta_date, || content.and_then(date_prefix)),
                    _ => {}
                }
            }
            "link" => {
                let rel = e.attr(Key::Rel).unwrap_or("");
                if rel
                    .split_ascii_whitespace()
                    .any(|r| r.eq_ignore_ascii_case("canonical"))
                {
                    first(&mut self.canonical, || e.attr(Key::Href).and_then(http_url));
                }
            }
            "title" => first(&mut self.page_title, || Some(one_line(&fragment_text(dom.raw_text(n))))),
            "script" if is_json_ld(e) => first(&mut self.json_ld_date, || json_ld_date(dom.raw_text(n))),
            _ => {}
        }
        let published = |p: &str| p.split_ascii_whitespace().any(|p| p == "datePublished");
        if !in_furniture && !self.itemprop_seen && e.attr(Key::Itemprop).is_some_and(published) {
            // Only the first `datePublished` counts; its text is read only when short.
            self.itemprop_seen = true;
            let value = e.attr(Key::Datetime).or(content).and_then(date_prefix);
            let short = dom.text_len[n as usize] <= 64;
            let text = || {
                short
                    .then(|| date_prefix(&one_line(&dom.render(n, Strictness::Loose, None))))
                    .flatten()
            };
            self.itemprop_date = value.or_else(text);
        }
    }
}

fn is_json_ld(e: &Element) -> bool {
    e.is("script")
        && e.attr(Key::Type)
            .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"))
}

/// The first `"datePublished": "YYYY-MM-DD…"` in a JSON-LD script (a plain string search).
fn json_ld_date(json: &str) -> Option<Date> {
    let key = "\"datePublished\"";
    let mut rest = json;
    while let Some(i) = rest.find(key) {
        rest = &rest[i + key.len()..];
        let value = rest
            .trim_start()
            .strip_prefix(':')
            .map(str::trim_start)
            .and_then(|v| v.strip_prefix('"'));
        if let Some(date) = value.and_then(date_prefix) {
            return Some(date);
        }
    }
    None
}

// ---------------------------------------------------------------------------------------------
// Tree builder

/// The deepest the tree goes (as in Chromium's parser).
const MAX_DEPTH: usize = 512;

/// An element made by a start tag.
struct Started {
    id: u32,
    /// Pushed on the open elements.
    opened: bool,
    /// Void or self-closed: it has no content.
    void: bool,
    /// Its flags.
    flags: u32,
}

struct Builder {
    nodes: Vec<Node>,
    /// Open elements, innermost last (the root is not on it).
    open: Vec<u32>,
    /// How many elements of each name in [`TAGS`] are open, so that looking for one that is not
    /// open costs nothing however deep the tree.
    open_counts: Vec<u32>,
    /// How many open elements are foreign (`svg`, `math`).
    foreign: usize,
    /// The `head` element, once there is one.
    head: u32,
    seen_body: bool,
}

impl Builder {
    fn new() -> Builder {
        let root = Node {
            parent: NONE,
            first_child: NONE,
            last_child: NONE,
            next_sibling: NONE,
            data: Data::Root,
        };
        Builder {
            nodes: vec![root],
            open: Vec::new(),
            open_counts: vec![0; TAGS.len()],
            foreign: 0,
            head: NONE,
            seen_body: false,
        }
    }

    fn current(&self) -> u32 {
        self.open.last().copied().unwrap_or(ROOT)
    }

    fn element(&self, n: u32) -> Option<&Element> {
        match &self.nodes[n as usize].data {
            Data::Element(e) => Some(e),
            _ => None,
        }
    }

    fn name(&self, n: u32) -> &str {
        self.element(n).map_or("", |e| &e.name)
    }

    fn flags(&self, n: u32) -> u32 {
        self.element(n).map_or(0, |e| e.flags)
    }

    fn append(&mut self, parent: u32, data: Data) -> u32 {
        let id = self.nodes.len() as u32;
        self.nodes.push(Node {
            parent,
            first_child: NONE,
            last_child: NONE,
            next_sibling: NONE,
            data,
        });
        let p = &mut self.nodes[parent as usize];
        let prev = p.last_child;
        p.last_child = id;
        if prev == NONE {
            p.first_child = id;
        } else {
            self.nodes[prev as usize].next_sibling = id;
        }
        id
    }

    fn pop_to(&mut self, len: usize) {
        while self.open.len() > len {
            if let Some(n) = self.open.pop() {
                self.foreign -= usize::from(self.flags(n) & flag::FOREIGN != 0);
                if let Some(i) = tag_index(self.name(n)) {
                    self.open_counts[i] -= 1;
                }
            }
        }
    }

    fn push(&mut self, n: u32) {
        self.open.push(n);
        self.foreign += usize::from(self.flags(n) & flag::FOREIGN != 0);
        if let Some(i) = tag_index(self.name(n)) {
            self.open_counts[i] += 1;
        }
    }

    /// Whether an element of one of these names may be open.
    fn any_open(&self, names: &[&str]) -> bool {
        names
            .iter()
            .any(|n| tag_index(n).is_none_or(|i| self.open_counts[i] > 0))
    }

    fn in_head(&self) -> bool {
        self.head != NONE && self.open.last() == Some(&self.head)
    }

    fn text(&mut self, raw: &str) {
        if raw.is_empty() {
            return;
        }
        if self.in_head() && raw.bytes().any(|b| !is_space(b)) {
            self.pop_to(self.open.len() - 1);
        }
        let decoded = decode(raw, false);
        let parent = self.current();
        let last = self.nodes[parent as usize].last_child;
        if last != NONE {
            if let Data::Text(t) = &mut self.nodes[last as usize].data {
                t.extend(decoded.chars().filter(|&c| c != '\0'));
                return;
            }
        }
        let text = if decoded.contains('\0') {
            decoded.replace('\0', "")
        } else {
            decoded.into_owned()
        };
        self.append(parent, Data::Text(text));
    }

    /// Closes the innermost open element with one of these `names`, looking no further up than a
    /// scope boundary or an element that `stop`s the search.
    fn close(&mut self, names: &[&str], stop: impl Fn(&str, u32) -> bool) -> bool {
        if !self.any_open(names) {
            return false;
        }
        for i in (0..self.open.len()).rev() {
            let (name, flags) = (self.name(self.open[i]), self.flags(self.open[i]));
            if names.contains(&name) {
                self.pop_to(i);
                return true;
            }
            if flags & flag::SCOPE != 0 || stop(name, flags) {
                return false;
            }
        }
        false
    }

    /// A start tag; `None` when it was ignored (`html`, a second `head` or `body`).
    fn start(&mut self, name: &str, attrs: Vec<(Key, Box<str>)>, self_closing: bool) -> Option<Started> {
        let (flags, known) = tag_info(name);
        match name {
            "html" => return None,
            "head" if self.head != NONE || self.seen_body || !self.open.is_empty() => return None,
            "body" if self.seen_body => return None,
            "body" => {
                self.seen_body = true;
                if let Some(i) = self.open.iter().position(|&n| n == self.head) {
                    self.pop_to(i);
                }
            }
            _ => {}
        }
        if self.in_head() && flags & flag::HEAD_OK == 0 {
            self.pop_to(self.open.len() - 1);
        }
        if flags & flag::CLOSES_P != 0 {
            self.close(&["p"], |m, _| m == "button");
        }
        match name {
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" if is_heading(self.name(self.current())) => {
                self.pop_to(self.open.len() - 1);
            }
            "li" => {
                self.close(&["li"], |m, _| m == "ul" || m == "ol");
            }
            "dd" | "dt" => {
                self.close(&["dd", "dt"], |m, _| m == "dl");
            }
            "tr" => {
                self.close(&["tr"], |m, _| matches!(m, "tbody" | "thead" | "tfoot"));
            }
            "td" | "th" => {
                self.close(&["td", "th"], |m, _| m == "tr");
            }
            "option" if self.name(self.current()) == "option" => {
                self.pop_to(self.open.len() - 1);
            }
            "a" => {
                self.close(&["a"], |_, f| f & flag::SPECIAL != 0);
            }
            _ => {}
        }
        if self.foreign > 0 && breaks_out_of_foreign(name) {
            // As in browsers: these tags end `svg` or `math` content (`<svg/onload=…><p>text`).
            let first_foreign = self.open.iter().position(|&n| self.flags(n) & flag::FOREIGN != 0);
            self.pop_to(first_foreign.unwrap_or(self.open.len()));
        }
        let foreign = flags & flag::FOREIGN != 0;
        let void = flags & flag::VOID != 0 || (self_closing && (foreign || self.foreign > 0));
        let name = known.map_or_else(|| Cow::Owned(name.to_string()), Cow::Borrowed);
        let id = self.append(self.current(), Data::Element(Element::new(name, flags, attrs)));
        if self.head == NONE && known == Some("head") {
            self.head = id;
        }
        // Like browsers, past a maximum depth new elements become siblings instead of children
        // (which also keeps every walk up the open elements short).
        if void || self.open.len() >= MAX_DEPTH {
            return Some(Started {
                id,
                opened: false,
                void,
                flags,
            });
        }
        self.push(id);
        Some(Started {
            id,
            opened: true,
            void,
            flags,
        })
    }

    fn end(&mut self, name: &str) {
        match name {
            "html" | "body" => {}
            "br" => {
                self.start("br", Vec::new(), false);
            }
            "p" => {
                if !self.close(&["p"], |m, _| m == "button") {
                    // Like a browser: `</p>` without a `<p>` makes an empty paragraph.
                    self.append(
                        self.current(),
                        Data::Element(Element::new(Cow::Borrowed("p"), tag_flags("p"), Vec::new())),
                    );
                }
            }
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                self.close(&HEADINGS, |_, _| false);
            }
            _ if tag_flags(name) & flag::SPECIAL != 0 => {
                self.close(&[name], |_, _| false);
            }
            _ => {
                // Inline or unknown: close it if open, but not across a block.
                if !self.any_open(&[name]) {
                    return;
                }
                for i in (0..self.open.len()).rev() {
                    let open = self.open[i];
                    if self.name(open) == name {
                        self.pop_to(i);
                        return;
                    }
                    if self.flags(open) & flag::SPECIAL != 0 {
                        return;
                    }
                }
            }
        }
    }
}

/// Start tags that end foreign (`svg`, `math`) content.
fn breaks_out_of_foreign(name: &str) -> bool {
    matches!(
        name,
        "b" | "big"
            | "blockquote"
            | "body"
            | "br"
            | "center"
            | "code"
            | "dd"
            | "div"
            | "dl"
            | "dt"
            | "em"
            | "embed"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "head"
            | "hr"
            | "i"
            | "img"
            | "li"
            | "listing"
            | "menu"
            | "meta"
            | "nobr"
            | "ol"
            | "p"
            | "pre"
            | "ruby"
            | "s"
            | "small"
            | "span"
            | "strong"
            | "strike"
            | "sub"
            | "sup"
            | "table"
            | "tt"
            | "u"
            | "ul"
            | "var"
    )
}

const HEADINGS: [&str; 6] = ["h1", "h2", "h3", "h4", "h5", "h6"];

fn is_heading(name: &str) -> bool {
    HEADINGS.contains(&name)
}

// ---------------------------------------------------------------------------------------------
// Tokenizer

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

/// A start or end tag: its name (lowercase), the attributes the reader uses (first of each name
/// wins, values decoded), whether it ended with `/>`, and the byte just after its `>`.
struct Tag<'a> {
    name: Cow<'a, str>,
    attrs: Vec<(Key, Box<str>)>,
    self_closing: bool,
    end: usize,
}

/// Reads a tag whose name starts at `i`; `None` when the input ends inside it.
fn read_tag(s: &str, mut i: usize) -> Option<Tag<'_>> {
    let b = s.as_bytes();
    let start = i;
    while i < b.len() && !is_space(b[i]) && b[i] != b'/' && b[i] != b'>' {
        i += 1;
    }
    let name = &s[start..i];
    let name = if name.bytes().any(|c| c.is_ascii_uppercase()) {
        Cow::Owned(name.to_ascii_lowercase())
    } else {
        Cow::Borrowed(name)
    };
    let mut attrs: Vec<(Key, Box<str>)> = Vec::new();
    let mut self_closing = false;
    loop {
        while i < b.len() && is_space(b[i]) {
            i += 1;
        }
        match b.get(i)? {
            b'>' => {
                return Some(Tag {
                    name,
                    attrs,
                    self_closing,
                    end: i + 1,
                })
            }
            b'/' => {
                i += 1;
                self_closing = b.get(i) == Some(&b'>');
                continue;
            }
            _ => self_closing = false,
        }
        let name_start = i;
        i += 1; // The first character may be `=`.
        while i < b.len() && !is_space(b[i]) && !matches!(b[i], b'/' | b'>' | b'=') {
            i += 1;
        }
        let attr_name = &s[name_start..i];
        while i < b.len() && is_space(b[i]) {
            i += 1;
        }
        let mut value = "";
        if b.get(i) == Some(&b'=') {
            i += 1;
            while i < b.len() && is_space(b[i]) {
                i += 1;
            }
            match *b.get(i)? {
                q @ (b'"' | b'\'') => {
                    let close = memchr::memchr(q, &b[i + 1..])?;
                    value = &s[i + 1..i + 1 + close];
                    i += close + 2;
                }
                b'>' => {}
                _ => {
                    let v = i;
                    while i < b.len() && !is_space(b[i]) && b[i] != b'>' {
                        i += 1;
                    }
                    value = &s[v..i];
                }
            }
        }
        if let Some(key) = attribute_key(attr_name) {
            if !attrs.iter().any(|(k, _)| *k == key) {
                let value = if key == Key::Content {
                    value.into()
                } else {
                    decode(value, true).into()
                };
                attrs.push((key, value));
            }
        }
    }
}

/// Where the close tag `</name` (any case, then white space, `/`, `>` or the end) starts.
fn find_close(s: &str, from: usize, name: &str) -> Option<usize> {
    let b = s.as_bytes();
    let mut i = from;
    while let Some(off) = find(&b[i..], b"</") {
        let at = i + off;
        let after = at + 2 + name.len();
        if b.len() >= after
            && b[at + 2..after].eq_ignore_ascii_case(name.as_bytes())
            && b.get(after).is_none_or(|&c| is_space(c) || c == b'/' || c == b'>')
        {
            return Some(at);
        }
        i = at + 2;
    }
    None
}

fn tokenize(s: &str, builder: &mut Builder) {
    let b = s.as_bytes();
    let mut i = 0; // Where to look for the next `<`.
    let mut text_start = 0;
    while let Some(off) = memchr::memchr(b'<', &b[i..]) {
        let lt = i + off;
        let next = b.get(lt + 1).copied().unwrap_or(0);
        if !(next.is_ascii_alphabetic() || matches!(next, b'/' | b'!' | b'?')) {
            // A `<` that starts no tag is text.
            i = lt + 1;
            continue;
        }
        builder.text(&s[text_start..lt]);
        if next.is_ascii_alphabetic() {
            let Some(tag) = read_tag(s, lt + 1) else { return };
            i = tag.end;
            let started = builder.start(&tag.name, tag.attrs, tag.self_closing);
            if let Some(el) = started.filter(|s| s.flags & flag::RAW != 0 && !s.void) {
                let close = find_close(s, i, &tag.name);
                let content = &s[i..close.unwrap_or(s.len())];
                let keep = builder.element(el.id).is_some_and(|e| e.is("title") || is_json_ld(e));
                if keep {
                    let text = Data::Text(content.to_string());
                    builder.append(el.id, text);
                }
                if el.opened {
                    builder.pop_to(builder.open.len() - 1);
                }
                i = match close.and_then(|at| read_tag(s, at + 2)) {
                    Some(end) => end.end,
                    None => return,
                };
            }
        } else if next == b'/' {
            let after = b.get(lt + 2).copied();
            match after {
                Some(c) if c.is_ascii_alphabetic() => {
                    let Some(tag) = read_tag(s, lt + 2) else { return };
                    builder.end(&tag.name);
                    i = tag.end;
                }
                Some(b'>') => i = lt + 3,
                Some(_) => i = skip_past(b, lt + 2, b">"),
                None => {
                    builder.text("</");
                    return;
                }
            }
        } else if next == b'!' {
            let rest = &b[lt + 2..];
            i = if rest.starts_with(b"--") {
                comment_end(b, lt + 4)
            } else if rest.starts_with(b"[CDATA[") {
                skip_past(b, lt + 9, b"]]>")
            } else {
                skip_past(b, lt + 2, b">")
            };
        } else {
            i = skip_past(b, lt + 2, b">");
        }
        text_start = i;
    }
    builder.text(&s[text_start..]);
}

/// Where a short `needle` first occurs in `hay` (small code: no substring-search tables).
fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    let mut i = 0;
    while let Some(off) = memchr::memchr(needle[0], &hay[i..]) {
        let at = i + off;
        if hay[at..].starts_with(needle) {
            return Some(at);
        }
        i = at + 1;
    }
    None
}

/// The byte after the first `needle` at or after `from`, or the end of the input.
fn skip_past(b: &[u8], from: usize, needle: &[u8]) -> usize {
    let from = from.min(b.len());
    match find(&b[from..], needle) {
        Some(off) => from + off + needle.len(),
        None => b.len(),
    }
}

/// The byte after a comment whose content starts at `from` (after `<!--`): it ends at `-->` or
/// `--!>`; `<!-->` and `<!--->` are empty comments; an unclosed comment runs to the end.
fn comment_end(b: &[u8], from: usize) -> usize {
    let from = from.min(b.len());
    let rest = &b[from..];
    if rest.starts_with(b">") {
        return from + 1;
    }
    if rest.starts_with(b"->") {
        return from + 2;
    }
    let mut i = from;
    while let Some(off) = find(&b[i..], b"--") {
        let at = i + off;
        match b.get(at + 2) {
            Some(b'>') => return at + 3,
            Some(b'!') if b.get(at + 3) == Some(&b'>') => return at + 4,
            _ => i = at + 1,
        }
    }
    b.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(html: &str) -> String {
        read_html(html).text
    }

    #[test]
    fn blocks_are_paragraphs_and_inline_joins() {
        assert_eq!(
            text("<p>One <b>two</b><i>three</i></p><p>Four</p>"),
            "One twothree\n\nFour"
        );
        assert_eq!(
            text("<div>Direct <span>text</span><p>Para</p>tail</div>"),
            "Direct text\n\nPara\n\ntail"
        );
        assert_eq!(
            text("<h2>Sub</h2><blockquote>Quote</blockquote><pre>a  b</pre>"),
            "Sub\n\nQuote\n\na b"
        );
        assert_eq!(
            text("<ul><li>One<li>Two</ul><dl><dt>T<dd>D</dl>"),
            "One\n\nTwo\n\nT\n\nD"
        );
        assert_eq!(text("<table><tr><td>a<td>b<tr><th>c</th><td>d</table>"), "a b\n\nc d");
        assert_eq!(
            text("<figure><img src=x alt=Alt><figcaption>Cap</figcaption></figure>"),
            "Cap"
        );
        assert_eq!(text("<p>line<br>break<br/>again</p>"), "line break again");
        assert_eq!(text("<pre>a\n\nb<br>c</pre>"), "a\n\nb c");
        assert_eq!(text("<p>soft\nwrapped\r\ntext</p>"), "soft wrapped text");
        assert_eq!(text("plain <em>text</em> only"), "plain text only");
    }

    #[test]
    fn entities_are_decoded_once() {
        assert_eq!(
            text("<p>&lt;b&gt;bold&lt;/b&gt; &amp;amp; &#8220;q&#x201D; caf&eacute; &bogus; a&nbsp;b</p>"),
            "<b>bold</b> &amp; “q” café &bogus; a b"
        );
    }

    #[test]
    fn comments_doctype_cdata_and_processing_instructions() {
        assert_eq!(
            text("<!DOCTYPE html><?xml version=\"1.0\"?><p>a<!-- hidden <p>x</p> -->b</p>"),
            "ab"
        );
        assert_eq!(text("<p>a<!-->b<!--->c<!-- x --!>d<!-- - -- --->e</p>"), "abcde");
        assert_eq!(text("<p>a<![CDATA[<b>x</b>]]>b</p>"), "ab");
        assert_eq!(text("<p>a<!bogus>b</ x>c</>d</p>"), "abcd");
        assert_eq!(text("<p>a<!-- never closed <p>b</p>"), "a");
    }

    #[test]
    fn lone_less_than_is_text() {
        assert_eq!(
            text("<p>1 < 2 and 3<4, a <= b, <3 <é> <</p>"),
            "1 < 2 and 3<4, a <= b, <3 <é> <"
        );
        assert_eq!(text("x </"), "x </");
        assert_eq!(text("<p>x</p> <"), "x\n\n<");
    }

    #[test]
    fn attributes_quoted_unquoted_and_with_gt() {
        assert_eq!(text("<p title='a>b' class=x data-y=\"c>d\" z>Text</p>"), "Text");
        assert_eq!(text("<p a=b/>Text</p>"), "Text");
        assert_eq!(text("<P CLASS=\"x\">Upper</P><DIV>Case</DIV>"), "Upper\n\nCase");
        // A tag cut off by the end of the input is dropped.
        assert_eq!(text("<p>kept</p><a href=\"never closed>lost"), "kept");
        assert_eq!(text("<p>kept</p><div"), "kept");
    }

    #[test]
    fn raw_text_elements_run_to_their_close_tag() {
        assert_eq!(text("<p>a<script>if (a</b) x = '<p>no</p>';</script>b</p>"), "ab");
        assert_eq!(text("<p>a<SCRIPT>x</ScRiPt >b<style>p{}</style\n>c</p>"), "abc");
        assert_eq!(text("<p>a<script>x</scripty>y</script>b</p>"), "ab");
        assert_eq!(text("<p>a<script>never closed <p>b</p>"), "a");
        assert_eq!(
            text("<p>a<textarea><b>t</b></textarea>b<noscript><img src=t></noscript>c</p>"),
            "abc"
        );
    }

    #[test]
    fn unclosed_and_misnested_tags() {
        assert_eq!(text("<p>one<p>two<div>three</p>four"), "one\n\ntwo\n\nthree\n\nfour");
        assert_eq!(text("<b><p>bold</b> still</p>after"), "bold still\n\nafter");
        assert_eq!(text("<div><span>a</div>b"), "a\n\nb");
        assert_eq!(text("</p></div>stray<b>end"), "stray end".replace(' ', ""));
        assert_eq!(text("<h1>T</h1><h2>x<h3>y</h2>z"), "x\n\ny\n\nz");
    }

    #[test]
    fn always_dropped_elements() {
        let html = "<body><p>keep</p><script>s</script><style>s</style><noscript>n</noscript><template><p>t</p></template>\
                    <svg><text>s</text><path/></svg><iframe>i</iframe><nav>n</nav><footer>f</footer><aside>a</aside>\
                    <form><p>f</p></form><button>b</button><select><option>o</select><p hidden>h</p><div aria-hidden=\"true\">h</div>\
                    <div style=\"display: none\">h</div><p aria-hidden=false>shown</p><header>h</header></body>";
        assert_eq!(text(html), "keep\n\nshown");
    }

    #[test]
    fn boilerplate_classes_and_ids() {
        for class in [
            "nav",
            "site-nav",
            "navbar",
            "mainMenu",
            "menu",
            "footer-links",
            "sidebar",
            "share-buttons",
            "social",
            "related-stories",
            "comments",
            "advert",
            "ad-slot",
            "ad",
            "cookie-banner",
            "newsletter",
            "subscribe-box",
            "promo",
            "breadcrumbs",
            "c-sidebar__inner",
            "x socialLinks",
            "tags",
            "article-tags",
        ] {
            let html =
                format!("<body><p>keep this text which is long enough</p><div class=\"{class}\">drop</div></body>");
            assert_eq!(text(&html), "keep this text which is long enough", "class {class}");
            let html = format!("<body><p>keep this text which is long enough</p><div id=\"{class}\">drop</div></body>");
            assert_eq!(text(&html), "keep this text which is long enough", "id {class}");
        }
        for class in [
            "navy",
            "shared",
            "header-less",
            "load",
            "address",
            "shadow",
            "commentary",
            "admin",
            "bread",
            "subtitle",
            "gradient",
        ] {
            let html = format!("<body><p>keep this longer text</p><div class=\"{class}\">this too</div></body>");
            let expected = if class == "header-less" {
                "keep this longer text"
            } else {
                "keep this longer text\n\nthis too"
            };
            assert_eq!(text(&html), expected, "class {class}");
        }
    }

    #[test]
    fn furniture_holding_most_of_the_content_is_kept() {
        let html = "<body><div class=\"post has-share-bar\"><p>The whole article is in here, and it is long.</p></div>\
                    <div class=\"share\">Share</div></body>";
        assert_eq!(text(html), "The whole article is in here, and it is long.");
    }

    #[test]
    fn main_content_choice() {
        let html = "<body><p>outside</p><article><p>short</p></article><article><p>the longer one</p></article></body>";
        assert_eq!(text(html), "the longer one");
        assert_eq!(
            text("<body><p>outside</p><main><p>in main</p></main></body>"),
            "in main"
        );
        assert_eq!(
            text("<body><p>outside</p><div role=main><p>role</p></div></body>"),
            "role"
        );
        assert_eq!(
            text("<body><p>outside</p><main><article><p>art</p></article><p>m</p></main></body>"),
            "art"
        );
        // An empty article does not win; a hidden one is never chosen.
        assert_eq!(text("<body><article></article><main><p>m</p></main></body>"), "m");
        assert_eq!(text("<body><article hidden><p>h</p></article><p>b</p></body>"), "b");
        // The content element itself is never dropped by its class.
        assert_eq!(
            text("<body class=\"has-sidebar nav-open\"><article class=\"promo\"><p>a</p></article></body>"),
            "a"
        );
    }

    #[test]
    fn loose_fallback_when_strict_finds_nothing() {
        assert_eq!(
            text("<body><form id=aspnetForm><div>All of the page</div></form></body>"),
            "All of the page"
        );
        assert_eq!(text("<body><nav>only nav<script>x</script></nav></body>"), "only nav");
    }

    #[test]
    fn title_sources_and_no_repeat() {
        let og = "<head><meta property=og:title content=\" The  Title \"><title>Other | Site</title></head>\
                  <body><article><h1>The title!</h1><p>Body.</p></article></body>";
        let a = read_html(og);
        assert_eq!((a.title.as_deref(), a.text.as_str()), (Some("The Title"), "Body."));
        let differs = "<meta name=twitter:title content=\"Meta\"><article><h1>Heading</h1><p>Body.</p></article>";
        let a = read_html(differs);
        assert_eq!(
            (a.title.as_deref(), a.text.as_str()),
            (Some("Meta"), "Heading\n\nBody.")
        );
        let h1 = "<title>Page</title><body><h1>Site logo</h1><article><header><h1>Real &amp; <em>headline</em></h1><p>By X</p></header><p>Body.</p></article></body>";
        let a = read_html(h1);
        assert_eq!(
            (a.title.as_deref(), a.text.as_str()),
            (Some("Real & headline"), "Body.")
        );
        let page = "<head><title>Headline here | The Site</title></head><body><p>Body.</p></body>";
        assert_eq!(read_html(page).title.as_deref(), Some("Headline here"));
        let page = "<title>Headline here - Part two — The Site</title><p>Body.</p>";
        assert_eq!(read_html(page).title.as_deref(), Some("Headline here - Part two"));
        let page = "<title>Brexit - what happens next</title><p>Body.</p>";
        assert_eq!(read_html(page).title.as_deref(), Some("Brexit - what happens next"));
        let page = "<title>A &lt;b&gt; <b>tag</b></title><p>Body.</p>";
        assert_eq!(read_html(page).title.as_deref(), Some("A <b> tag"));
        let page = "<title>Same | Site</title><body><h1>Elsewhere</h1><div><h1>Same</h1><p>Body.</p></div></body>";
        let a = read_html(page);
        assert_eq!(
            (a.title.as_deref(), a.text.as_str()),
            (Some("Elsewhere"), "Same\n\nBody.")
        );
        assert_eq!(read_html("<p>Body.</p>").title, None);
        assert_eq!(read_html("<title> </title><h1></h1><p>Body.</p>").title, None);
    }

    #[test]
    fn metadata_title_with_a_site_suffix_matches_the_heading() {
        let page = "<meta property=og:title content=\"Bridge opens - The Planet\"><article><h1>Bridge opens</h1><p>Body.</p></article>";
        let a = read_html(page);
        assert_eq!((a.title.as_deref(), a.text.as_str()), (Some("Bridge opens"), "Body."));
    }

    #[test]
    fn byte_order_mark_and_line_endings() {
        let a = read_html("\u{feff}<title>T</title>\r\n<p>One\r\ntwo</p>\r\n<pre>a\r\n\r\nb</pre>");
        assert_eq!((a.title.as_deref(), a.text.as_str()), (Some("T"), "One two\n\na\n\nb"));
    }

    #[test]
    fn header_outside_an_article_is_not_a_title() {
        let page = "<body><header><h1>The Daily Planet</h1></header><div><p>Body.</p></div></body>";
        let a = read_html(page);
        assert_eq!((a.title, a.text.as_str()), (None, "Body."));
        let page =
            "<body><div id=header><h1>The Daily Planet</h1></div><div><p>Body text that is long.</p></div></body>";
        assert_eq!(read_html(page).title, None);
    }

    #[test]
    fn dates_in_order_of_preference() {
        let date = |html: &str| read_html(html).date.map(|d| d.to_iso());
        let body = "<article><time datetime=\"2001-01-01\">1 Jan</time><p>x</p></article>";
        let ld = "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\", \"datePublished\" : \"2002-02-02T10:00:00Z\"}</script>";
        assert_eq!(
            date(&format!(
                "<meta property=article:published_time content=2003-03-03T08:00>{ld}{body}"
            ))
            .as_deref(),
            Some("2003-03-03")
        );
        assert_eq!(date(&format!("{ld}{body}")).as_deref(), Some("2002-02-02"));
        assert_eq!(
            date(&format!("<meta itemprop=datePublished content=2004-04-04>{ld}{body}")).as_deref(),
            Some("2004-04-04")
        );
        assert_eq!(
            date(&format!("<meta name=DC.date content=2005-05-05>{body}")).as_deref(),
            Some("2001-01-01")
        );
        assert_eq!(
            date("<meta name=pubdate content=2005-05-05><p>date 2006-06-06 x</p>").as_deref(),
            Some("2005-05-05")
        );
        assert_eq!(
            date("<meta name=date content=\"2005-05-06 10:00\">").as_deref(),
            Some("2005-05-06")
        );
        let a = read_html("<p>date 2006-06-06 Body</p>");
        assert_eq!(
            (a.date.map(|d| d.to_iso()).as_deref(), a.text.as_str()),
            (Some("2006-06-06"), "Body")
        );
        // A time inside related links is not the article's date; one in the article's header is.
        assert_eq!(
            date("<article><aside><time datetime=2007-07-07>x</time></aside><p>x</p></article>"),
            None
        );
        assert_eq!(
            date("<article><header><time datetime=2008-08-08></time></header><p>x</p></article>").as_deref(),
            Some("2008-08-08")
        );
        assert_eq!(
            date("<article><p itemprop=datePublished>2009-09-09</p></article>").as_deref(),
            Some("2009-09-09")
        );
        assert_eq!(
            date("<meta property=article:published_time content=yesterday><p>x</p>"),
            None
        );
        assert_eq!(date("<script type=application/ld+json>{\"datePublished\": 5, \"x\": {\"datePublished\":\"2010-10-10\"}}</script>").as_deref(), Some("2010-10-10"));
    }

    #[test]
    fn canonical_source() {
        let source = |html: &str| read_html(html).source;
        assert_eq!(source("<link rel=\"canonical\" href=\"https://example.com/a?x=1&amp;y=2\"><meta property=og:url content=https://og.example/>").as_deref(), Some("https://example.com/a?x=1&y=2"));
        assert_eq!(
            source("<meta property=og:url content=https://og.example/a>").as_deref(),
            Some("https://og.example/a")
        );
        assert_eq!(
            source("<link rel=\"alternate CANONICAL\" href=\"http://example.com/b\">").as_deref(),
            Some("http://example.com/b")
        );
        assert_eq!(source("<link rel=canonical href=\"javascript:alert(1)\">"), None);
        assert_eq!(source("<link rel=canonical href=/relative>"), None);
        assert_eq!(source("<a rel=canonical href=https://example.com/>x</a>"), None);
    }

    #[test]
    fn head_without_body_tag() {
        let a = read_html("<html><head><title>T</title><meta charset=utf-8><p>Body starts</p>");
        assert_eq!((a.title.as_deref(), a.text.as_str()), (Some("T"), "Body starts"));
        let a = read_html("<head><title>T</title>text in head ends it");
        assert_eq!(a.text, "text in head ends it");
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let html = "<div>".repeat(100_000) + "deep" + &"</div>".repeat(100_000);
        assert_eq!(text(&html), "deep");
        let html = "<b>".repeat(100_000) + "deep";
        assert_eq!(text(&html), "deep");
    }

    #[test]
    fn fragment_text_keeps_structure_unnormalised() {
        assert_eq!(
            normalize_text(&fragment_text("<b>a</b> <script>x</script>b<p>c")),
            "a b\n\nc"
        );
        assert_eq!(fragment_text("no tags &amp; all"), "no tags & all");
    }

    #[test]
    fn html_tags_end_foreign_content() {
        assert_eq!(text("<p>a<svg/onload=alert(1)><p>after svg</p>"), "a\n\nafter svg");
        assert_eq!(text("<svg><text>in svg</text><g/><circle/></svg>after"), "after");
        assert_eq!(
            text("<math><mi>x</mi></math> and <svg><title>t</title></svg>y"),
            "x and y"
        );
    }

    #[test]
    fn meta_titles_are_read_as_html() {
        let title = |html: &str| read_html(html).title;
        assert_eq!(
            title("<meta property=og:title content='x\"><script>alert(1)</script>'>").as_deref(),
            Some("x\">")
        );
        assert_eq!(
            title("<meta property=og:title content=\"Safe &lt;b&gt; &amp; sound\">").as_deref(),
            Some("Safe <b> & sound")
        );
        assert_eq!(
            title("<meta property=og:title content=\"Tom & Jerry <3\">").as_deref(),
            Some("Tom & Jerry <3")
        );
        assert_eq!(
            title("<meta property=og:title content=\"<b></b>\"><title>Fallback</title>").as_deref(),
            Some("Fallback")
        );
    }

    #[test]
    fn tag_table_is_sorted() {
        assert!(TAGS.windows(2).all(|w| (w[0].0.len(), w[0].0) < (w[1].0.len(), w[1].0)));
        for (name, flags) in TAGS {
            assert_eq!(tag_info(name), (*flags, Some(*name)));
        }
        assert_eq!(tag_info("custom-element"), (0, None));
    }

    #[test]
    fn words_of_class_tokens() {
        assert_eq!(words("siteNav__item--active"), ["site", "nav", "item", "active"]);
        assert_eq!(words("ABC"), ["abc"]);
        assert_eq!(furniture("x site-header"), Some(true));
        assert_eq!(furniture("header share"), Some(false));
        assert_eq!(furniture("content"), None);
    }
}
