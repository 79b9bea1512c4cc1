//! Page metadata: titles, dates and canonical address from `meta`, `link`, `title`, `itemprop` and
//! JSON-LD.

use super::dom::{Dom, Strictness, ROOT};
use super::element::{flag, Element, Key};
use crate::reader::entities::decode;
use super::fragment_text;
use crate::document::Date;
use crate::reader::{date_prefix, http_url, one_line};

#[derive(Default)]
pub(super) struct Meta {
    pub(super) og_title: Option<String>,
    pub(super) page_title: Option<String>,
    pub(super) published_time: Option<Date>,
    pub(super) itemprop_date: Option<Date>,
    pub(super) itemprop_seen: bool,
    pub(super) json_ld_date: Option<Date>,
    /// The article's text as a JSON-LD `articleBody` gives it (markup and references read as
    /// HTML, so only text is kept).
    pub(super) article_body: Option<String>,
    pub(super) meta_date: Option<Date>,
    pub(super) canonical: Option<String>,
    pub(super) og_url: Option<String>,
}

/// Fills an empty slot (working the value out only then).
pub(super) fn first<T>(slot: &mut Option<T>, value: impl FnOnce() -> Option<T>) {
    if slot.is_none() {
        *slot = value();
    }
}

impl Meta {
    /// Looks at every element of the page (not inside `svg` or `math`); `itemprop` dates inside
    /// page furniture (related links…) do not count.
    pub(super) fn collect(dom: &Dom) -> Meta {
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

    pub(super) fn element(&mut self, dom: &Dom, n: u32, e: &Element, in_furniture: bool) {
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
            "script" if is_json_ld(e) => {
                first(&mut self.json_ld_date, || json_ld_date(dom.raw_text(n)));
                first(&mut self.article_body, || json_ld_article_body(dom.raw_text(n)));
            }
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

pub(super) fn is_json_ld(e: &Element) -> bool {
    e.is("script")
        && e.attr(Key::Type)
            .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"))
}

/// The first non-empty `"articleBody": "…"` string of a JSON-LD script, as text: the JSON string
/// is decoded, then read like an HTML fragment (some sites put markup in it) with paragraphs kept.
pub(super) fn json_ld_article_body(json: &str) -> Option<String> {
    let key = "\"articleBody\"";
    let mut rest = json;
    while let Some(i) = rest.find(key) {
        rest = &rest[i + key.len()..];
        let Some(value) = rest.trim_start().strip_prefix(':').map(str::trim_start) else { continue };
        let Some(Ok(raw)) = serde_json::Deserializer::from_str(value).into_iter::<String>().next() else { continue };
        // Line breaks in the JSON string are paragraph breaks, like the blocks of any markup in it.
        let text = fragment_text(&raw.replace('\n', "<p>"));
        let paragraphs: Vec<String> = text
            .split("\n\n")
            .map(one_line)
            .filter(|p| !p.is_empty())
            .collect();
        if !paragraphs.is_empty() {
            return Some(paragraphs.join("\n\n"));
        }
    }
    None
}

/// The first `"datePublished": "YYYY-MM-DD…"` in a JSON-LD script (a plain string search).
pub(super) fn json_ld_date(json: &str) -> Option<Date> {
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
