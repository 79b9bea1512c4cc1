//! Quotation marks: which marks open and close quotations, and the outermost quotations they make.
//!
//! Each candidate mark is classified from its neighbours (a mark after white space and before a
//! letter opens; one after a letter or punctuation and before white space closes) and then
//! resolved against a stack of open marks per paragraph:
//!
//! * curly `“ ”` and `‘ ’`, straight `"` and `'`, guillemets `« »` and `‹ ›`, low `„`;
//! * an apostrophe between letters (`it’s`, `King's`) or before digits (`’90s`) is no mark;
//!   a final `s’` (`players’`) closes an open single quotation only when no clearer closing mark
//!   follows in the paragraph, and is an apostrophe otherwise;
//! * a straight `"` glued on both sides (`safe."The`) closes if a double quotation is open and
//!   opens otherwise;
//! * nested quotations are kept on the stack; only outermost ones are returned;
//! * a quotation still open at the end of a paragraph continues when the next paragraph opens
//!   with a mark of the same family (the house style for multi-paragraph quotes); otherwise a
//!   double one ends at the paragraph's end (flagged `unclosed`) and a single one is dropped.

use crate::model::Span;
use std::ops::Range;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Family {
    Double,
    Single,
}

/// An outermost quotation: the text inside its marks, one part per paragraph it runs over.
#[derive(Clone, Debug)]
pub(crate) struct RawQuote {
    pub parts: Vec<Span>,
    /// Position of the opening mark.
    pub open: usize,
    /// Position of the final closing mark, if any.
    pub close: Option<usize>,
    /// End of the quotation's extent (after the closing mark, or the paragraph's end).
    pub end: usize,
    pub family: Family,
    pub first_para: usize,
    pub last_para: usize,
    pub unclosed: bool,
}

pub(crate) struct Scan {
    pub quotes: Vec<RawQuote>,
    /// For every character: whether it is used as a quotation mark.
    pub is_mark: Vec<bool>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    Open,
    Close,
    /// A letter then a closing mark: closes, or is a possessive apostrophe.
    CloseWeak,
    /// Straight mark glued on both sides: decided by whether one is open.
    Either,
    Not,
}

fn family(c: char) -> Option<Family> {
    match c {
        '"' | '“' | '”' | '„' | '«' | '»' => Some(Family::Double),
        '\'' | '‘' | '’' | '‚' | '‹' | '›' => Some(Family::Single),
        _ => None,
    }
}

fn is_opening_mark(c: char) -> bool {
    matches!(c, '“' | '‘' | '„' | '‚' | '«' | '‹')
}

fn is_closing_mark(c: char) -> bool {
    matches!(c, '”' | '’' | '»' | '›')
}

/// Before an opening mark: start, white space, an opening bracket, a dash, a colon or another mark.
fn opening_ctx(prev: Option<char>) -> bool {
    prev.is_none_or(|p| {
        p.is_whitespace()
            || matches!(p, '(' | '[' | '{' | '—' | '–' | '-' | '/' | ':' | '"' | '\'')
            || is_opening_mark(p)
    })
}

/// After a closing mark: end, white space, punctuation or another mark.
fn closing_ctx(next: Option<char>) -> bool {
    next.is_none_or(|n| {
        n.is_whitespace()
            || matches!(n, '.' | ',' | ';' | ':' | '!' | '?' | ')' | ']' | '}' | '—' | '–' | '-' | '…' | '"' | '\'')
            || is_closing_mark(n)
    })
}

fn strong_before_close(p: char) -> bool {
    matches!(p, '.' | ',' | '!' | '?' | ';' | ':' | '…' | '—' | '–' | '-') || is_closing_mark(p) || p == '"'
}

/// Words that a straight apostrophe shortens at their start: `'em`, `'til`, `'tis`, `rock 'n' roll`.
fn elided_word_follows(chars: &[char], i: usize, end: usize) -> bool {
    let word: String = chars[i..end.min(i + 6)].iter().take_while(|c| c.is_alphabetic()).collect();
    matches!(word.to_lowercase().as_str(), "em" | "til" | "tis" | "twas" | "n")
}

fn classify(chars: &[char], i: usize, para: &Range<usize>) -> Role {
    let c = chars[i];
    let prev = (i > para.start).then(|| chars[i - 1]);
    let next = (i + 1 < para.end).then(|| chars[i + 1]);
    let prev_alnum = prev.is_some_and(char::is_alphanumeric);
    let next_alnum = next.is_some_and(char::is_alphanumeric);
    let next_space = next.is_none_or(char::is_whitespace);
    let prev_space = prev.is_none_or(char::is_whitespace);
    match c {
        '“' => {
            // Glued to a word and followed by white space or punctuation: a closing mark (German
            // „…“, or a typo), never an opening one.
            if !opening_ctx(prev) && closing_ctx(next) {
                Role::Close
            } else {
                Role::Open
            }
        }
        '”' => {
            if opening_ctx(prev) && next_alnum && prev_space {
                Role::Open
            } else {
                Role::Close
            }
        }
        '„' | '«' | '‚' | '‹' => Role::Open,
        '»' | '›' => Role::Close,
        '"' => {
            let left = !next_space && opening_ctx(prev);
            let right = !prev_space && closing_ctx(next);
            match (left, right) {
                (true, false) => Role::Open,
                (false, true) => Role::Close,
                (true, true) => Role::Either,
                (false, false) if !prev_space && !next_space => Role::Either,
                // `…tomorrow.' "` at the end of a paragraph: a closing mark after a space.
                (false, false) if next.is_none() && prev.is_some() => Role::Close,
                _ => Role::Not,
            }
        }
        '‘' => {
            if (prev_alnum && next_alnum) || next.is_some_and(|n| n.is_ascii_digit()) || next_space {
                Role::Not
            } else {
                Role::Open
            }
        }
        '’' | '\'' => {
            if prev_alnum && next_alnum {
                Role::Not
            } else if opening_ctx(prev) && next_alnum {
                if c == '’' || next.is_some_and(|n| n.is_ascii_digit()) || elided_word_follows(chars, i + 1, para.end)
                {
                    Role::Not
                } else {
                    Role::Open
                }
            } else if prev.is_some_and(strong_before_close) && closing_ctx(next) {
                Role::Close
            } else if prev_alnum && closing_ctx(next) {
                Role::CloseWeak
            } else if c == '\'' && opening_ctx(prev) && next.is_some_and(|n| n == '"' || is_opening_mark(n)) {
                Role::Open
            } else {
                Role::Not
            }
        }
        _ => Role::Not,
    }
}

/// Whether a clear closing mark of `fam` comes later in the paragraph before any opening one.
fn clearer_close_follows(chars: &[char], from: usize, para: &Range<usize>, fam: Family) -> bool {
    for j in from..para.end.min(from + 2000) {
        if family(chars[j]) != Some(fam) {
            continue;
        }
        match classify(chars, j, para) {
            Role::Close => return true,
            Role::Open | Role::CloseWeak => return false,
            _ => {}
        }
    }
    false
}

#[derive(Clone, Copy)]
struct OpenMark {
    pos: usize,
    family: Family,
    content_start: usize,
}

struct InProgress {
    parts: Vec<Span>,
    open: usize,
    family: Family,
    first_para: usize,
}

fn push_part(parts: &mut Vec<Span>, chars: &[char], mut start: usize, mut end: usize) {
    while start < end && chars[start].is_whitespace() {
        start += 1;
    }
    while end > start && chars[end - 1].is_whitespace() {
        end -= 1;
    }
    if start < end {
        parts.push(Span::new(start, end));
    }
}

fn opens_with(chars: &[char], para: &Range<usize>, fam: Family) -> bool {
    para.start < para.end
        && family(chars[para.start]) == Some(fam)
        && matches!(classify(chars, para.start, para), Role::Open | Role::Either)
}

/// Finds the outermost quotations of a text split into paragraphs.
pub(crate) fn scan(chars: &[char], paragraphs: &[Range<usize>]) -> Scan {
    let mut is_mark = vec![false; chars.len()];
    let mut quotes = Vec::new();
    let mut carry: Option<InProgress> = None;
    for (pi, para) in paragraphs.iter().enumerate() {
        let mut stack: Vec<OpenMark> = Vec::new();
        let mut current: Option<InProgress> = None;
        let mut i = para.start;
        if let Some(q) = carry.take() {
            // The mark that reopens a continued quotation.
            is_mark[para.start] = true;
            stack.push(OpenMark { pos: para.start, family: q.family, content_start: para.start + 1 });
            current = Some(q);
            i += 1;
        }
        while i < para.end {
            let c = chars[i];
            let Some(fam) = family(c) else {
                i += 1;
                continue;
            };
            let open_of_family = stack.iter().any(|o| o.family == fam);
            let role = match classify(chars, i, para) {
                Role::Either if open_of_family => Role::Close,
                Role::Either => Role::Open,
                Role::CloseWeak if !open_of_family => Role::Not,
                Role::CloseWeak
                    if matches!(chars[i - 1], 's' | 'S') && clearer_close_follows(chars, i + 1, para, fam) =>
                {
                    Role::Not
                }
                Role::CloseWeak => Role::Close,
                r => r,
            };
            match role {
                Role::Open => {
                    if stack.is_empty() {
                        current = Some(InProgress { parts: Vec::new(), open: i, family: fam, first_para: pi });
                    }
                    stack.push(OpenMark { pos: i, family: fam, content_start: i + 1 });
                    is_mark[i] = true;
                }
                Role::Close => {
                    if let Some(k) = stack.iter().rposition(|o| o.family == fam) {
                        // Opening marks above the match never closed: they were not marks.
                        for o in &stack[k + 1..] {
                            is_mark[o.pos] = false;
                        }
                        let o = stack[k];
                        stack.truncate(k);
                        is_mark[i] = true;
                        if k == 0 {
                            if let Some(mut q) = current.take() {
                                push_part(&mut q.parts, chars, o.content_start, i);
                                finish(&mut quotes, q, Some(i), i + 1, pi);
                            }
                        }
                    }
                }
                _ => {}
            }
            i += 1;
        }
        if let Some(&first) = stack.first() {
            for o in &stack[1..] {
                is_mark[o.pos] = false;
            }
            if let Some(mut q) = current.take() {
                push_part(&mut q.parts, chars, first.content_start, para.end);
                if paragraphs.get(pi + 1).is_some_and(|np| opens_with(chars, np, first.family)) {
                    carry = Some(q);
                } else if first.family == Family::Double {
                    finish(&mut quotes, q, None, para.end, pi);
                } else {
                    is_mark[first.pos] = false;
                    is_mark[q.open] = false;
                }
            }
        }
    }
    Scan { quotes, is_mark }
}

fn finish(quotes: &mut Vec<RawQuote>, q: InProgress, close: Option<usize>, end: usize, last_para: usize) {
    if q.parts.is_empty() {
        return;
    }
    quotes.push(RawQuote {
        parts: q.parts,
        open: q.open,
        close,
        end,
        family: q.family,
        first_para: q.first_para,
        last_para,
        unclosed: close.is_none(),
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::suggest::text::paragraphs_of;

    fn quoted(text: &str) -> Vec<Vec<String>> {
        let chars: Vec<char> = text.chars().collect();
        let paras = paragraphs_of(&chars);
        scan(&chars, &paras)
            .quotes
            .iter()
            .map(|q| q.parts.iter().map(|p| chars[p.start..p.end].iter().collect()).collect())
            .collect()
    }

    fn flat(text: &str) -> Vec<String> {
        quoted(text).into_iter().map(|parts| parts.join(" | ")).collect()
    }

    #[test]
    fn curly_and_straight_double_and_single() {
        assert_eq!(flat("“A b,” he said. \"C d,\" she said."), ["A b,", "C d,"]);
        assert_eq!(flat("‘A b,’ he said. 'C d,' she said."), ["A b,", "C d,"]);
        assert_eq!(flat("«Oui», dit-il."), ["Oui"]);
        assert_eq!(flat("„Wir handeln“, sagte sie. „Sofort“ und „heute“."), ["Wir handeln", "Sofort", "heute"]);
    }

    #[test]
    fn apostrophes_are_not_marks() {
        assert_eq!(flat("It’s the players’ union and King's College in the ’90s."), Vec::<String>::new());
        assert_eq!(flat("The tenants' group said 'we won' and the hoteliers' body agreed."), ["we won"]);
        assert_eq!(
            flat("‘But the players’ reaction told me everything.’"),
            ["But the players’ reaction told me everything."]
        );
        assert_eq!(flat("‘a credit to the club’ and ‘paused’ plans"), ["a credit to the club", "paused"]);
    }

    #[test]
    fn nested_quotes_keep_the_outer_one() {
        assert_eq!(flat("“He said, ‘No.’” Then more."), ["He said, ‘No.’"]);
        assert_eq!(flat("\"She said, 'Stop it.'\" he added."), ["She said, 'Stop it.'"]);
        assert_eq!(flat("‘The boss told me, “Play,” and I did.’"), ["The boss told me, “Play,” and I did."]);
    }

    #[test]
    fn glued_straight_marks() {
        assert_eq!(
            flat("for weeks.\"Anyone could,\" he said.\"It took minutes.\" It had \"no evidence\".It said."),
            ["Anyone could,", "It took minutes.", "no evidence"]
        );
    }

    #[test]
    fn multi_paragraph_quote_continues_when_the_next_paragraph_reopens() {
        assert_eq!(quoted("“One.\n\n“Two.”\n\nAfter."), vec![vec!["One.".to_string(), "Two.".to_string()]]);
        // Not reopened: a double quotation ends with its paragraph, a single one is dropped.
        assert_eq!(flat("“One.\n\nNarration."), ["One."]);
        assert_eq!(flat("‘One.\n\nNarration."), Vec::<String>::new());
    }
}
