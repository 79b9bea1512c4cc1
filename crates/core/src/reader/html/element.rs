//! Elements: the tag table with each tag's flags, the attributes the reader keeps, and what a class,
//! id or role says about an element (page furniture, a header, the content).

use std::borrow::Cow;

/// Flags computed once per element from its name and attributes.
pub(super) mod flag {
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
pub(super) const TAGS: &[(&str, u32)] = {
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
pub(super) fn tag_info(name: &str) -> (u32, Option<&'static str>) {
    match tag_index(name) {
        Some(i) => (TAGS[i].1, Some(TAGS[i].0)),
        None => (0, None),
    }
}

/// Where a (lowercase) tag name is in [`TAGS`].
pub(super) fn tag_index(name: &str) -> Option<usize> {
    TAGS.binary_search_by(|(n, _)| (n.len(), *n).cmp(&(name.len(), name)))
        .ok()
}

pub(super) fn tag_flags(name: &str) -> u32 {
    tag_info(name).0
}

/// Class and id words that name page furniture: a word equal to one of these or starting with one
/// of the prefixes marks the element.
pub(super) const BOILER_WORDS: &[&str] = &[
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
pub(super) const BOILER_PREFIXES: &[&str] = &[
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
/// Class and id words that name the article itself: an element with one is never furniture.
const CONTENT_WORDS: &[&str] = &["article", "body", "column", "content", "main", "hentry", "entry", "story"];
/// Words that mark a header (dropped, but searched for a title inside an article).
pub(super) const HEADER_WORDS: &[&str] = &["header", "masthead"];

/// ARIA roles of page furniture.
pub(super) const BOILER_ROLES: &[&str] = &[
    "banner",
    "complementary",
    "contentinfo",
    "dialog",
    "navigation",
    "search",
];

/// The attributes the reader looks at.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Key {
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
pub(super) fn attribute_key(name: &str) -> Option<Key> {
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

pub(super) struct Element {
    pub(super) name: Cow<'static, str>,
    pub(super) flags: u32,
    pub(super) attrs: Vec<(Key, Box<str>)>,
}

impl Element {
    pub(super) fn attr(&self, key: Key) -> Option<&str> {
        self.attrs.iter().find(|(k, _)| *k == key).map(|(_, v)| &**v)
    }

    pub(super) fn has(&self, f: u32) -> bool {
        self.flags & f != 0
    }

    pub(super) fn is(&self, name: &str) -> bool {
        &*self.name == name
    }

    /// Builds an element and works out its flags from its tag and attributes.
    pub(super) fn new(name: Cow<'static, str>, flags: u32, attrs: Vec<(Key, Box<str>)>) -> Element {
        let mut el = Element { name, flags, attrs };
        // `plaintext` is read as an ordinary element (its browser meaning, the rest of the page
        // as literal text, is not kept), so hiding it would hide the rest of the page: a stray
        // `<plaintext style="display:none">` in a mangled head is not taken as hiding anything.
        let readable = el.is("plaintext");
        let hidden = !readable && el.attrs.iter().any(|(k, v)| match k {
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
pub(super) fn furniture(value: &str) -> Option<bool> {
    // A value with a token that names the content and nothing else (`post hentry tag-news`,
    // `article-body share-bar`) is the content, as in Readability's "maybe a candidate" rule;
    // `article-tags` or `mainMenu` stay furniture.
    let is_furniture = |w: &str| BOILER_WORDS.contains(&w) || BOILER_PREFIXES.iter().any(|p| w.starts_with(p));
    let content_token = value.split_ascii_whitespace().any(|token| {
        let ws = words(token);
        ws.iter().any(|w| CONTENT_WORDS.contains(&w.as_str())) && !ws.iter().any(|w| is_furniture(w))
    });
    if content_token {
        return None;
    }
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
pub(super) fn words(token: &str) -> Vec<String> {
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
