//! The parsed page as a tree of nodes in one vector (children after their parents), with the visible
//! text length of every subtree, walks, and the main-content queries the reader needs.

use super::element::{flag, Element, Key};
use super::builder::Builder;
use super::tokenizer::tokenize;
use crate::document::Date;
use crate::reader::date_prefix;

pub(super) const NONE: u32 = u32::MAX;
pub(super) const ROOT: u32 = 0;

pub(super) enum Data {
    Root,
    Element(Element),
    Text(String),
}

pub(super) struct Node {
    pub(super) parent: u32,
    pub(super) first_child: u32,
    pub(super) last_child: u32,
    pub(super) next_sibling: u32,
    pub(super) data: Data,
}

pub(super) struct Dom {
    pub(super) nodes: Vec<Node>,
    /// Visible text (non-white-space bytes) in each subtree, not counting elements that are never
    /// text or furniture by their tag.
    pub(super) text_len: Vec<u32>,
}

/// How much is dropped when rendering.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Strictness {
    /// Everything in [`read_html`]'s list.
    Strict,
    /// Only what is never text (scripts, styles, hidden elements…).
    Loose,
}

impl Dom {
    pub(super) fn parse(input: &str) -> Dom {
        let mut builder = Builder::new();
        tokenize(input, &mut builder);
        let mut dom = Dom {
            nodes: builder.nodes,
            text_len: Vec::new(),
        };
        dom.count_text();
        dom
    }

    pub(super) fn element(&self, n: u32) -> Option<&Element> {
        match &self.nodes[n as usize].data {
            Data::Element(e) => Some(e),
            _ => None,
        }
    }

    pub(super) fn count_text(&mut self) {
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
    pub(super) fn walk(&self, top: u32, mut visit: impl FnMut(u32, bool) -> bool) {
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
    pub(super) fn first_element(&self, test: impl Fn(&Element) -> bool) -> Option<u32> {
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

    pub(super) fn body(&self) -> u32 {
        self.first_element(|e| e.is("body")).unwrap_or(ROOT)
    }

    /// The longest `article`, else `main`, else `role="main"`, else the body; never one without
    /// text.
    pub(super) fn main_content(&self) -> u32 {
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
    pub(super) fn dropped(&self, e: &Element, n: u32, top_len: u32, strictness: Strictness) -> bool {
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
    pub(super) fn header_in_content(&self, top: u32, header: u32) -> bool {
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
    pub(super) fn find_in_content(&self, top: u32, test: impl Fn(&Element) -> bool) -> Option<u32> {
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

    pub(super) fn first_h1(&self, top: u32) -> Option<u32> {
        self.find_in_content(top, |e| e.is("h1"))
    }

    pub(super) fn first_time(&self, top: u32) -> Option<Date> {
        let date = |e: &Element| e.attr(Key::Datetime).and_then(date_prefix);
        let time = self.find_in_content(top, |e| e.is("time") && date(e).is_some())?;
        self.element(time).and_then(date)
    }

    /// The text of a subtree: paragraphs separated by blank lines (not yet normalised).
    pub(super) fn render(&self, top: u32, strictness: Strictness, skip: Option<u32>) -> String {
        let top_len = self.text_len[top as usize];
        self.render_with(top, |n, e| Some(n) == skip || self.dropped(e, n, top_len, strictness))
    }

    /// All the text of a subtree but what is never text, on one line per paragraph.
    pub(super) fn text_of(&self, top: u32) -> String {
        self.render(top, Strictness::Loose, None)
    }

    /// The text of a subtree without the elements (below `top`) that `drop` names.
    pub(super) fn render_with(&self, top: u32, drop: impl Fn(u32, &Element) -> bool) -> String {
        let mut out = String::new();
        let mut pre_depth = 0usize;
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
                if n != top && drop(n, e) {
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
    pub(super) fn raw_text(&self, n: u32) -> &str {
        match self.nodes[n as usize].first_child {
            NONE => "",
            c => match &self.nodes[c as usize].data {
                Data::Text(t) => t,
                _ => "",
            },
        }
    }
}
