//! The tolerant tree builder: start and end tags and text become nodes the way a browser would
//! nest them (see the module doc of `html`).

use std::borrow::Cow;

use super::dom::{Data, Node, NONE, ROOT};
use super::element::{flag, tag_flags, tag_index, tag_info, Element, Key, TAGS};
use crate::reader::entities::decode;
use super::tokenizer::is_space;

/// The deepest the tree goes (as in Chromium's parser).
pub(super) const MAX_DEPTH: usize = 512;

/// An element made by a start tag.
pub(super) struct Started {
    pub(super) id: u32,
    /// Pushed on the open elements.
    pub(super) opened: bool,
    /// Void or self-closed: it has no content.
    pub(super) void: bool,
    /// Its flags.
    pub(super) flags: u32,
}

pub(super) struct Builder {
    pub(super) nodes: Vec<Node>,
    /// Open elements, innermost last (the root is not on it).
    pub(super) open: Vec<u32>,
    /// How many elements of each name in [`TAGS`] are open, so that looking for one that is not
    /// open costs nothing however deep the tree.
    pub(super) open_counts: Vec<u32>,
    /// How many open elements are foreign (`svg`, `math`).
    pub(super) foreign: usize,
    /// The `head` element, once there is one.
    pub(super) head: u32,
    pub(super) seen_body: bool,
}

impl Builder {
    pub(super) fn new() -> Builder {
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

    pub(super) fn current(&self) -> u32 {
        self.open.last().copied().unwrap_or(ROOT)
    }

    pub(super) fn element(&self, n: u32) -> Option<&Element> {
        match &self.nodes[n as usize].data {
            Data::Element(e) => Some(e),
            _ => None,
        }
    }

    pub(super) fn name(&self, n: u32) -> &str {
        self.element(n).map_or("", |e| &e.name)
    }

    pub(super) fn flags(&self, n: u32) -> u32 {
        self.element(n).map_or(0, |e| e.flags)
    }

    pub(super) fn append(&mut self, parent: u32, data: Data) -> u32 {
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

    pub(super) fn pop_to(&mut self, len: usize) {
        while self.open.len() > len {
            if let Some(n) = self.open.pop() {
                self.foreign -= usize::from(self.flags(n) & flag::FOREIGN != 0);
                if let Some(i) = tag_index(self.name(n)) {
                    self.open_counts[i] -= 1;
                }
            }
        }
    }

    pub(super) fn push(&mut self, n: u32) {
        self.open.push(n);
        self.foreign += usize::from(self.flags(n) & flag::FOREIGN != 0);
        if let Some(i) = tag_index(self.name(n)) {
            self.open_counts[i] += 1;
        }
    }

    /// Whether an element of one of these names may be open.
    pub(super) fn any_open(&self, names: &[&str]) -> bool {
        names
            .iter()
            .any(|n| tag_index(n).is_none_or(|i| self.open_counts[i] > 0))
    }

    pub(super) fn in_head(&self) -> bool {
        self.head != NONE && self.open.last() == Some(&self.head)
    }

    pub(super) fn text(&mut self, raw: &str) {
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
    pub(super) fn close(&mut self, names: &[&str], stop: impl Fn(&str, u32) -> bool) -> bool {
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
    pub(super) fn start(&mut self, name: &str, attrs: Vec<(Key, Box<str>)>, self_closing: bool) -> Option<Started> {
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

    pub(super) fn end(&mut self, name: &str) {
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
pub(super) fn breaks_out_of_foreign(name: &str) -> bool {
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

pub(super) const HEADINGS: [&str; 6] = ["h1", "h2", "h3", "h4", "h5", "h6"];

pub(super) fn is_heading(name: &str) -> bool {
    HEADINGS.contains(&name)
}
