//! Main-content extraction: which parts of the page are the article, and what inside them is not.
//!
//! 1. **Measure** (one backwards pass): per subtree its visible text, the text inside links,
//!    commas, paragraphs, images, list items and form inputs; per element its own inline text
//!    (text and inline children, not blocks).
//! 2. **Score** (Readability's idea): every paragraph of 20 or more visible characters scores
//!    `1 + commas + length/100` (at most 3 for length), given in full to the element that holds it,
//!    half to the next and a falling share to three more ancestors. An element starts from a tag
//!    base (`div` +5, `li` −3, headings −5…) and its class and id words (`article`, `content` +25;
//!    `comment`, `sidebar`, `share` −25). The score is then scaled by `1 − link density`.
//! 3. **Choose**: the best element, moved up to an ancestor that scores as much (the article body
//!    split in sections), plus its siblings that score a fifth of it or are link-free paragraphs.
//! 4. **Clean** inside the chosen elements: furniture by tag and class, containers that are mostly
//!    links, images or inputs (Readability's conditional cleaning), short paragraphs that are calls
//!    to action (`Share this`, `Read more`, `Advertisement`), a short paragraph that is part of an
//!    earlier one (a pull quote), and the headline.

use super::dom::{Data, Dom, NONE, ROOT};
use super::element::{flag, Element, Key};
use crate::reader::title_key;

/// Measures of every node's subtree (indexed like `Dom::nodes`).
pub(super) struct Stats {
    /// Visible text bytes (not white space) not inside links.
    link: Vec<u32>,
    commas: Vec<u32>,
    /// Own inline text: text children and inline elements, not through blocks.
    inline: Vec<u32>,
    inline_commas: Vec<u32>,
    has_block: Vec<bool>,
    paras: Vec<u32>,
    imgs: Vec<u32>,
    lis: Vec<u32>,
    inputs: Vec<u32>,
    embeds: Vec<u32>,
    /// Text of the paragraphs in the subtree (own inline text of 20 bytes or more, mostly not links
    /// and not inside a link).
    para_text: Vec<u32>,
    /// Inside an `a` element.
    in_link: Vec<bool>,
    weight: Vec<i32>,
}

fn is_block(e: &Element) -> bool {
    e.has(flag::BLOCK | flag::CELL)
}

impl Stats {
    pub(super) fn measure(dom: &Dom) -> Stats {
        let len = dom.nodes.len();
        let mut s = Stats {
            link: vec![0; len],
            commas: vec![0; len],
            inline: vec![0; len],
            inline_commas: vec![0; len],
            has_block: vec![false; len],
            paras: vec![0; len],
            imgs: vec![0; len],
            lis: vec![0; len],
            inputs: vec![0; len],
            embeds: vec![0; len],
            para_text: vec![0; len],
            in_link: vec![false; len],
            weight: vec![0; len],
        };
        // Parents come before their children.
        for i in 1..len {
            let p = dom.nodes[i].parent as usize;
            s.in_link[i] = s.in_link[p] || dom.element(p as u32).is_some_and(|e| e.is("a"));
        }
        for i in (1..len).rev() {
            let node = &dom.nodes[i];
            let p = node.parent as usize;
            match &node.data {
                Data::Text(t) => {
                    let visible = dom.text_len[i];
                    let commas = t.bytes().filter(|&b| b == b',').count() as u32;
                    s.commas[i] = commas;
                    s.inline[p] += visible;
                    s.inline_commas[p] += commas;
                }
                Data::Element(e) => {
                    match &*e.name {
                        "img" => s.imgs[i] += 1,
                        "input" | "select" | "textarea" | "button" => s.inputs[i] += 1,
                        "object" | "embed" | "iframe" | "video" | "audio" => s.embeds[i] += 1,
                        "li" => s.lis[i] += 1,
                        "p" => s.paras[i] += 1,
                        _ => {}
                    }
                    if e.is("a") {
                        s.link[i] = dom.text_len[i];
                    }
                    s.weight[i] = class_weight(e);
                    if e.has(flag::HARD | flag::BOILER_TAG) {
                        // Counted as media or inputs, but no text.
                        s.link[i] = 0;
                        s.commas[i] = 0;
                    } else if is_block(e) {
                        s.has_block[p] |= dom.text_len[i] > 0;
                        if s.inline[i] >= 20 && !s.in_link[i] && s.link[i].saturating_mul(2) < dom.text_len[i] {
                            s.para_text[i] += s.inline[i];
                        }
                    } else {
                        s.inline[p] += s.inline[i];
                        s.inline_commas[p] += s.inline_commas[i];
                    }
                }
                Data::Root => {}
            }
            for v in [&mut s.link, &mut s.commas, &mut s.para_text, &mut s.paras, &mut s.imgs, &mut s.lis, &mut s.inputs, &mut s.embeds] {
                v[p] += v[i];
            }
        }
        s
    }

    fn link_density(&self, dom: &Dom, n: u32) -> f64 {
        let text = dom.text_len[n as usize];
        if text == 0 {
            return 0.0;
        }
        f64::from(self.link[n as usize].min(text)) / f64::from(text)
    }
}

/// Class and id words that say an element holds the article, or does not.
const POSITIVE: &[&str] = &["article", "body", "content", "entry", "hentry", "main", "page", "post", "text", "blog", "story"];
const NEGATIVE: &[&str] = &[
    "-ad-", "hidden", "banner", "combx", "comment", "com-", "contact", "footer", "masthead", "media", "meta", "outbrain",
    "promo", "related", "scroll", "share", "shoutbox", "sidebar", "skyscraper", "sponsor", "shopping", "tags", "widget",
    "byline", "author", "dateline", "timestamp", "nav", "menu", "breadcrumb", "social", "subscribe", "newsletter",
    "pagination", "pager", "popup", "toolbar", "rss", "login", "signup",
];

/// +25 for each of class and id that names content, −25 for each that names furniture.
fn class_weight(e: &Element) -> i32 {
    let mut w = 0;
    for key in [Key::Class, Key::Id] {
        let Some(v) = e.attr(key) else { continue };
        let v = v.to_ascii_lowercase();
        if NEGATIVE.iter().any(|n| v.contains(n)) {
            w -= 25;
        }
        if POSITIVE.iter().any(|p| v.contains(p)) {
            w += 25;
        }
    }
    // Microdata that names the article's text.
    if e.attr(Key::Itemprop).is_some_and(|p| p.split_ascii_whitespace().any(|p| p == "articleBody" || p == "text")) {
        w += 25;
    }
    w
}

/// Visible bytes of paragraph text below which a page is read whole rather than extracted.
const MIN_SCORED_TEXT: u32 = 300;

/// An `articleBody` guides the extraction from this many words; the element chosen holds this
/// share of the paragraphs found in it.
const GUIDE_MIN_WORDS: usize = 30;
const GUIDE_SHARE: f64 = 0.9;

/// The share of the paragraphs a child must hold to stand for its parent as the article.
const DESCEND: f64 = 0.75;

fn tag_base(e: &Element) -> f64 {
    match &*e.name {
        "div" | "article" | "section" | "main" => 5.0,
        "pre" | "td" | "blockquote" => 3.0,
        "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
        _ => 0.0,
    }
}

/// The extraction of one page: the chosen elements in document order and what to drop inside them.
pub(super) struct Extraction<'a> {
    dom: &'a Dom,
    stats: Stats,
    score: Vec<f64>,
    /// The top elements whose text is the article.
    pub(super) roots: Vec<u32>,
    /// Paragraph text of the best candidate (what "most of the content" is measured against).
    top_paras: u32,
    /// The scored paragraphs, in document order.
    units: Vec<u32>,
    /// The article from the page's JSON-LD `articleBody`, when the page's own markup does not
    /// hold it.
    pub(super) from_metadata: Option<String>,
}

impl<'a> Extraction<'a> {
    /// Extracts the article; `article_body` is the page's JSON-LD `articleBody`, when it has one.
    pub(super) fn run(dom: &'a Dom, article_body: Option<&str>) -> Extraction<'a> {
        let stats = Stats::measure(dom);
        let body = dom.body();
        let mut x = Extraction {
            dom,
            stats,
            score: vec![f64::NAN; dom.nodes.len()],
            roots: Vec::new(),
            top_paras: 0,
            units: Vec::new(),
            from_metadata: None,
        };
        x.score_paragraphs(body);
        match article_body.filter(|b| b.split_whitespace().count() >= GUIDE_MIN_WORDS) {
            Some(text) => x.guided(body, text),
            None => x.choose(body),
        }
        x
    }

    /// With a JSON-LD `articleBody`: the article is the smallest element that holds nearly all of
    /// the page's paragraphs that are in that text; when the page's markup holds less than half of
    /// it (a page drawn by script), the text itself is the article.
    fn guided(&mut self, body: u32, article_body: &str) {
        let dom = self.dom;
        let key = title_key(article_body);
        let mut matched = vec![0u32; dom.nodes.len()];
        let mut total = 0u32;
        for &u in &self.units {
            if self.stats.has_block[u as usize] {
                continue;
            }
            let unit_key = title_key(&dom.text_of(u));
            let len = unit_key.len() as u32;
            if len >= 25 && key.contains(&unit_key) {
                total += len;
                let mut a = u;
                while a != NONE {
                    matched[a as usize] += len;
                    a = self.parent(a);
                }
            }
        }
        if f64::from(total) < 0.5 * key.len() as f64 {
            self.from_metadata = Some(article_body.to_string());
            return;
        }
        let mut top = body;
        while let Some(c) = self
            .element_children(top)
            .find(|&c| f64::from(matched[c as usize]) >= GUIDE_SHARE * f64::from(total))
        {
            top = c;
        }
        self.roots = vec![top];
        self.top_paras = self.stats.para_text[top as usize];
    }

    /// Whether the page has enough paragraph text for its choice to mean something (else it is
    /// read whole, minus furniture).
    pub(super) fn worth_extracting(&self) -> bool {
        self.from_metadata.is_some() || self.stats.para_text[self.dom.body() as usize] >= MIN_SCORED_TEXT
    }

    fn element(&self, n: u32) -> Option<&'a Element> {
        self.dom.element(n)
    }

    fn parent(&self, n: u32) -> u32 {
        self.dom.nodes[n as usize].parent
    }

    /// Whether an element and everything in it is left out of scoring: never text, or furniture
    /// by tag or class unless it holds most of the page's paragraphs (`paras`, those of the body).
    fn unlikely(&self, n: u32, e: &Element, paras: u32) -> bool {
        e.has(flag::HARD)
            || (e.has(flag::BOILER_TAG | flag::BOILER_CLASS) && self.stats.para_text[n as usize].saturating_mul(2) <= paras)
    }

    fn candidate(&mut self, n: u32) -> bool {
        if n == ROOT || n == NONE {
            return false;
        }
        let Some(e) = self.element(n) else { return false };
        if self.score[n as usize].is_nan() {
            self.score[n as usize] = tag_base(e) + f64::from(self.stats.weight[n as usize]);
        }
        true
    }

    fn score_paragraphs(&mut self, body: u32) {
        let dom = self.dom;
        let body_len = self.stats.para_text[body as usize];
        let mut units = Vec::new();
        dom.walk(body, |n, entering| {
            if !entering {
                return false;
            }
            let Some(e) = dom.element(n) else { return true };
            if n != body && self.unlikely(n, e, body_len) {
                return false;
            }
            let i = n as usize;
            if (is_block(e) || n == body) && self.stats.inline[i] >= 20 && !self.stats.in_link[i] {
                units.push(n);
            }
            true
        });
        for &n in &units {
            let i = n as usize;
            let e = self.element(n).expect("unit element");
            let len = f64::from(self.stats.inline[i]);
            let score = 1.0 + f64::from(self.stats.inline_commas[i]) + (len / 85.0).floor().min(3.0);
            // A paragraph that sits among blocks is wrapped: the element itself holds it.
            let own = self.stats.has_block[i] || e.has(flag::CELL) || n == body;
            let mut at = if own { n } else { self.parent(n) };
            for level in 0..5 {
                if !self.candidate(at) {
                    break;
                }
                let divider = match level {
                    0 => 1.0,
                    1 => 2.0,
                    l => f64::from(l) * 3.0,
                };
                self.score[at as usize] += score / divider;
                if at == body {
                    break;
                }
                at = self.parent(at);
            }
        }
        for n in 0..dom.nodes.len() {
            if !self.score[n].is_nan() {
                self.score[n] *= 1.0 - self.stats.link_density(dom, n as u32);
            }
        }
        self.units = units;
    }

    fn scored(&self, n: u32) -> Option<f64> {
        let s = self.score[n as usize];
        (!s.is_nan()).then_some(s)
    }

    fn choose(&mut self, body: u32) {
        let best = (0..self.dom.nodes.len() as u32)
            .filter_map(|n| self.scored(n).map(|s| (n, s)))
            .max_by(|a, b| a.1.total_cmp(&b.1));
        let Some((mut top, top_score)) = best else {
            self.roots = vec![body];
            self.top_paras = self.stats.para_text[body as usize];
            return;
        };
        // Move up to an ancestor that scores more (the body split into sections), but not past
        // one that scores much less.
        let mut last = top_score;
        let mut parent = self.parent(top);
        while parent != body && parent != ROOT && parent != NONE {
            match self.scored(parent) {
                None => {}
                Some(s) if s < last / 3.0 => break,
                Some(s) if s > top_score => {
                    top = parent;
                    break;
                }
                Some(s) => last = s,
            }
            parent = self.parent(parent);
        }
        // An only child stands for its parent.
        while top != body {
            let p = self.parent(top);
            if p == body || p == ROOT || self.element_children(p).count() != 1 {
                break;
            }
            top = p;
        }
        // Go down to a child that holds nearly all of the paragraphs (the article body inside a
        // story area that also holds a column of links).
        loop {
            let paras = self.stats.para_text[top as usize];
            let inner = self
                .element_children(top)
                .find(|&c| self.scored(c).is_some() && f64::from(self.stats.para_text[c as usize]) >= DESCEND * f64::from(paras));
            match inner {
                Some(c) if c != top => top = c,
                _ => break,
            }
        }
        // Up again through parents that hold nothing more, so that siblings are looked at where
        // they differ.
        while top != body {
            let p = self.parent(top);
            if p == body || p == ROOT || self.stats.para_text[p as usize] != self.stats.para_text[top as usize] {
                break;
            }
            top = p;
        }
        let top_score = self.scored(top).unwrap_or(top_score);
        self.top_paras = self.stats.para_text[top as usize];
        if top == body {
            self.roots = vec![top];
            return;
        }
        let threshold = (top_score * 0.2).max(10.0);
        let top_class = self.element(top).and_then(|e| e.attr(Key::Class)).unwrap_or("");
        let parent = self.parent(top);
        let siblings: Vec<u32> = self.element_children(parent).collect();
        let body_len = self.stats.para_text[body as usize];
        for s in siblings {
            if s == top {
                self.roots.push(s);
                continue;
            }
            let Some(e) = self.element(s) else { continue };
            if self.unlikely(s, e, body_len) {
                continue;
            }
            let bonus = if !top_class.is_empty() && e.attr(Key::Class) == Some(top_class) { top_score * 0.2 } else { 0.0 };
            if self.scored(s).is_some_and(|sc| sc + bonus >= threshold) {
                self.roots.push(s);
                continue;
            }
            let i = s as usize;
            let paragraph = e.is("p") || (is_block(e) && !self.stats.has_block[i]);
            if paragraph {
                let len = self.dom.text_len[i];
                let density = self.stats.link_density(self.dom, s);
                if (len > 68 && density < 0.25) || (len > 0 && len <= 68 && density == 0.0 && ends_sentence(&self.dom.text_of(s))) {
                    self.roots.push(s);
                }
            }
        }
    }

    fn element_children(&self, n: u32) -> impl Iterator<Item = u32> + '_ {
        let mut c = self.dom.nodes[n as usize].first_child;
        std::iter::from_fn(move || {
            while c != NONE {
                let here = c;
                c = self.dom.nodes[c as usize].next_sibling;
                if self.element(here).is_some() || self.dom.text_len[here as usize] > 0 {
                    return Some(here);
                }
            }
            None
        })
    }

    /// Whether an element inside the chosen content is left out of the text.
    pub(super) fn dropped(&self, n: u32, e: &Element) -> bool {
        let i = n as usize;
        if e.has(flag::HARD) {
            return true;
        }
        if e.has(flag::BOILER_TAG | flag::BOILER_CLASS) && self.stats.para_text[i].saturating_mul(2) <= self.top_paras {
            return true;
        }
        self.clean_conditionally(n, e)
    }

    /// Readability's conditional cleaning: a container with few commas that is mostly links,
    /// images, list items or inputs, or scores below zero, is furniture.
    fn clean_conditionally(&self, n: u32, e: &Element) -> bool {
        if !matches!(&*e.name, "div" | "section" | "table" | "ul" | "ol" | "dl" | "form" | "fieldset" | "aside" | "figure" | "center") {
            return false;
        }
        let i = n as usize;
        let s = &self.stats;
        let weight = s.weight[i];
        if f64::from(weight) + self.scored(n).unwrap_or(0.0) < 0.0 {
            return true;
        }
        if s.commas[i] >= 10 {
            return false;
        }
        let is_list = matches!(&*e.name, "ul" | "ol" | "dl");
        let text = self.dom.text_len[i];
        let p = f64::from(s.paras[i]);
        let img = f64::from(s.imgs[i]);
        let li = f64::from(s.lis[i]) - 100.0;
        let input = f64::from(s.inputs[i]);
        let embed = s.embeds[i];
        let density = s.link_density(self.dom, n);
        let in_figure = e.is("figure");
        (img > 1.0 && p / img < 0.5 && !in_figure)
            || (!is_list && li > p)
            || (input > (p / 3.0).floor())
            || (!is_list && text < 21 && (img == 0.0 || img > 2.0) && density > 0.0 && !in_figure)
            || (!is_list && weight < 25 && density > 0.2)
            || (weight >= 25 && density > 0.5)
            || (embed > 0 && text < 64 * embed)
    }

    /// The article as paragraphs (not yet normalised): the chosen elements rendered with the
    /// dropped parts left out, then short calls to action, repeats and the title removed.
    pub(super) fn text(&self, title: Option<&str>) -> String {
        let mut raw = self.lead_in();
        raw.push_str("\n\n");
        if let Some(text) = &self.from_metadata {
            raw.push_str(text);
        }
        for &r in &self.roots {
            raw.push_str(&self.dom.render_with(r, |n, e| self.dropped(n, e)));
            raw.push_str("\n\n");
        }
        let title_key = title.map(title_key).filter(|k| !k.is_empty());
        let mut earlier: Vec<String> = Vec::new();
        let mut out = String::with_capacity(raw.len());
        for para in raw.split("\n\n") {
            let p = para.trim();
            if p.is_empty() || is_call_to_action(p) {
                continue;
            }
            let key = title_key_of(p);
            if key.is_empty() && !p.chars().any(char::is_alphanumeric) && p.chars().count() < 4 {
                continue;
            }
            if title_key.as_deref() == Some(key.as_str()) {
                continue;
            }
            // A pull quote or repeated caption: a short paragraph that is part of an earlier,
            // longer one. (Exact repeats stay: pages do repeat whole passages.)
            if key.len() >= 20 && p.chars().count() <= 300 && earlier.iter().any(|e| e.len() > key.len() && e.contains(&key)) {
                continue;
            }
            earlier.push(key);
            out.push_str(p);
            out.push_str("\n\n");
        }
        out
    }
}

impl Extraction<'_> {
    /// What stands between the article's headline and its body — byline, date, standfirst — when
    /// it is short: the text after the last `h1` before the first chosen element, inside one of
    /// that element's nearest ancestors, with the same parts dropped as in the body.
    fn lead_in(&self) -> String {
        let Some(&first) = self.roots.first() else { return String::new() };
        let mut anc = self.parent(first);
        for _ in 0..LEAD_IN_LEVELS {
            if anc == ROOT || anc == NONE || self.element(anc).is_some_and(|e| e.is("body")) {
                break;
            }
            if let Some(text) = self.between_heading_and(anc, first) {
                return text;
            }
            anc = self.parent(anc);
        }
        String::new()
    }

    /// The text in `anc` after its last `h1` that comes before `first`, up to `first`; `None` when
    /// there is no such heading or the text is long (then it is not a lead-in).
    fn between_heading_and(&self, anc: u32, first: u32) -> Option<String> {
        let dom = self.dom;
        // The last h1 before `first` in document order (node ids are in document order).
        let mut heading = None;
        dom.walk(anc, |n, entering| {
            if !entering || n >= first {
                return false;
            }
            match dom.element(n) {
                Some(e) if e.is("h1") => {
                    heading = Some(n);
                    false
                }
                Some(e) => !e.has(flag::HARD),
                None => false,
            }
        });
        let heading = heading?;
        let end_of_heading = self.subtree_end(heading);
        let mut out = String::new();
        let mut len = 0u32;
        dom.walk(anc, |n, entering| {
            if !entering || n >= first || len > LEAD_IN_MAX {
                return false;
            }
            if n <= heading {
                // On the way to the heading: go into its ancestors only.
                return n != heading && end_of_heading <= self.subtree_end(n);
            }
            if self.subtree_end(n) > first {
                // An ancestor of the body: only its children before the body count.
                return true;
            }
            if n < end_of_heading {
                return false;
            }
            let Some(e) = dom.element(n) else { return false };
            if self.dropped(n, e) || (e.is("a") && dom.text_len[n as usize] == self.stats.link[n as usize] && self.parent_is(n, anc)) {
                return false;
            }
            len += dom.text_len[n as usize];
            out.push_str(&dom.render_with(n, |m, e| self.dropped(m, e)));
            out.push_str("\n\n");
            false
        });
        (len <= LEAD_IN_MAX).then_some(out)
    }

    fn parent_is(&self, n: u32, p: u32) -> bool {
        self.parent(n) == p
    }

    /// One past the last node of `n`'s subtree.
    fn subtree_end(&self, n: u32) -> u32 {
        let mut m = n;
        loop {
            let node = &self.dom.nodes[m as usize];
            if node.last_child != NONE {
                m = node.last_child;
                continue;
            }
            return m + 1;
        }
    }
}

/// How far above the first chosen element the headline may sit, and how long a lead-in may be
/// (visible bytes).
const LEAD_IN_LEVELS: usize = 4;
const LEAD_IN_MAX: u32 = 400;

fn title_key_of(p: &str) -> String {
    title_key(p)
}

/// Whether a text ends a sentence (`.` followed by nothing or a space).
fn ends_sentence(text: &str) -> bool {
    let t = text.trim_end();
    t.ends_with('.') || t.contains(". ")
}

/// Short paragraphs that are page furniture: calls to action and labels.
const CALLS_TO_ACTION: &[&str] = &[
    "advertisement", "share this", "share:", "share on", "email this", "print this", "tweet", "read more",
    "related:", "related stories", "related articles", "related links", "more from", "see also", "tags:", "tagged",
    "filed under", "click here", "sign up", "subscribe", "follow us", "like this", "leave a comment", "comments",
    "recommend", "back to top", "loading", "explore further", "you have been successfully subscribed",
    "all rights reserved", "copyright", "©",
];

fn is_call_to_action(p: &str) -> bool {
    if p.chars().count() > 120 {
        return false;
    }
    let lower = p.to_lowercase();
    let lower = lower.trim_start_matches(|c: char| !c.is_alphanumeric() && c != '©');
    CALLS_TO_ACTION.iter().any(|c| lower.starts_with(c)) || lower.contains("all rights reserved")
}

#[cfg(feature = "eval")]
impl Extraction<'_> {
    /// For the evaluation tools: the chosen elements and the best-scoring candidates.
    pub(super) fn explain(&self) -> String {
        let describe = |n: u32| {
            let e = self.element(n);
            let name = e.map_or("#", |e| &*e.name);
            let class = e.and_then(|e| e.attr(Key::Class)).unwrap_or("");
            let id = e.and_then(|e| e.attr(Key::Id)).unwrap_or("");
            let score = self.scored(n).map_or(String::from("-"), |s| format!("{s:.1}"));
            format!(
                "{n} <{name} id={id:?} class={class:?}> score {score} text {} paras {} links {:.2}",
                self.dom.text_len[n as usize],
                self.stats.para_text[n as usize],
                self.stats.link_density(self.dom, n)
            )
        };
        let mut out = String::from("roots:\n");
        for &r in &self.roots {
            out += &format!("  {}\n", describe(r));
        }
        let mut best: Vec<(u32, f64)> = (0..self.dom.nodes.len() as u32).filter_map(|n| self.scored(n).map(|s| (n, s))).collect();
        best.sort_by(|a, b| b.1.total_cmp(&a.1));
        out += "candidates:\n";
        for (n, _) in best.into_iter().take(8) {
            let mut path = Vec::new();
            let mut a = self.parent(n);
            while a != ROOT && a != NONE && path.len() < 4 {
                path.push(self.element(a).map_or("#".to_string(), |e| e.name.to_string()));
                a = self.parent(a);
            }
            out += &format!("  {}  in {}\n", describe(n), path.join("<"));
        }
        out
    }
}

