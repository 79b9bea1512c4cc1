//! The tokenizer: tags, comments, doctypes, CDATA and raw text, fed to the tree builder.

use std::borrow::Cow;

use super::builder::Builder;
use super::dom::Data;
use super::element::{attribute_key, flag, Key};
use super::metadata::is_json_ld;
use crate::reader::entities::decode;

pub(super) fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

/// A start or end tag: its name (lowercase), the attributes the reader uses (first of each name
/// wins, values decoded), whether it ended with `/>`, and the byte just after its `>`.
pub(super) struct Tag<'a> {
    pub(super) name: Cow<'a, str>,
    pub(super) attrs: Vec<(Key, Box<str>)>,
    pub(super) self_closing: bool,
    pub(super) end: usize,
}

/// Reads a tag whose name starts at `i`; `None` when the input ends inside it.
pub(super) fn read_tag(s: &str, mut i: usize) -> Option<Tag<'_>> {
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
pub(super) fn find_close(s: &str, from: usize, name: &str) -> Option<usize> {
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

pub(super) fn tokenize(s: &str, builder: &mut Builder) {
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
pub(super) fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
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
pub(super) fn skip_past(b: &[u8], from: usize, needle: &[u8]) -> usize {
    let from = from.min(b.len());
    match find(&b[from..], needle) {
        Some(off) => from + off + needle.len(),
        None => b.len(),
    }
}

/// The byte after a comment whose content starts at `from` (after `<!--`): it ends at `-->` or
/// `--!>`; `<!-->` and `<!--->` are empty comments; an unclosed comment runs to the end.
pub(super) fn comment_end(b: &[u8], from: usize) -> usize {
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

