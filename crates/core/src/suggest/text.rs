//! The text once, prepared: code points, paragraphs, quotations, tokens and sentences.
//!
//! Everything after this works on token indices. A token is a word (letters and digits with
//! inner apostrophes, hyphens and abbreviation dots), a number, a quotation mark actually used as
//! one, or a single punctuation character. Sentences are split outside quotations only, so that a
//! quotation and its attribution always share a sentence.

use super::lexicon;
use super::quotes::{self, RawQuote};
use std::ops::Range;

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Tk {
    Word,
    Num,
    Punct,
    Mark,
}

/// Marks a token as outside every quotation.
pub(crate) const NO_QUOTE: u32 = u32::MAX;

#[derive(Clone, Debug)]
pub(crate) struct Token {
    pub start: usize,
    pub end: usize,
    pub kind: Tk,
    pub para: u32,
    /// The outermost quotation whose extent (marks included) holds the token, or [`NO_QUOTE`].
    pub quote: u32,
    /// Byte range of the lowercased form in [`Prepared::lower`] (words and numbers only).
    lo: (u32, u32),
    /// Word lists the lowercase form (without a possessive or final dot) belongs to.
    pub flags: u32,
    /// The reporting-verb lemma of the lowercase form, if any.
    pub lemma: Option<&'static str>,
    /// The first character is an uppercase letter.
    pub cap: bool,
    /// No white space before the token.
    pub glued: bool,
}

#[derive(Clone, Debug)]
pub(crate) struct Sentence {
    pub toks: Range<usize>,
    pub para: usize,
}

pub(crate) struct Prepared {
    pub chars: Vec<char>,
    pub paragraphs: Vec<Range<usize>>,
    pub quotes: Vec<RawQuote>,
    pub tokens: Vec<Token>,
    pub sentences: Vec<Sentence>,
    /// Sentence index of every token.
    pub sent_of: Vec<u32>,
    /// First token index of every paragraph (plus the total at the end).
    pub para_tok: Vec<usize>,
    /// The opening-mark token and the closing-mark (or last) token of every quotation.
    pub quote_toks: Vec<(usize, usize)>,
    lower: String,
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | '‘' | 'ʼ')
}

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '‐' | '‑')
}

/// Paragraphs: stretches separated by a line break sequence holding two or more `\n`.
pub(crate) fn paragraphs_of(chars: &[char]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut i = 0;
    let n = chars.len();
    let mut start: Option<usize> = None;
    let mut last_non_ws = 0;
    while i < n {
        let c = chars[i];
        if c == '\n' {
            // Count newlines in this white-space run.
            let mut j = i;
            let mut newlines = 0;
            while j < n && chars[j].is_whitespace() {
                newlines += usize::from(chars[j] == '\n');
                j += 1;
            }
            if newlines >= 2 {
                if let Some(s) = start.take() {
                    out.push(s..last_non_ws + 1);
                }
            }
            i = j;
            continue;
        }
        if !c.is_whitespace() {
            if start.is_none() {
                start = Some(i);
            }
            last_non_ws = i;
        }
        i += 1;
    }
    if let Some(s) = start {
        out.push(s..last_non_ws + 1);
    }
    out
}

impl Prepared {
    pub fn new(text: &str) -> Prepared {
        let mut chars: Vec<char> = Vec::with_capacity(text.len());
        chars.extend(text.chars());
        let paragraphs = paragraphs_of(&chars);
        let scan = quotes::scan(&chars, &paragraphs);
        let mut p = Prepared {
            chars,
            paragraphs,
            quotes: scan.quotes,
            tokens: Vec::new(),
            sentences: Vec::new(),
            sent_of: Vec::new(),
            para_tok: Vec::new(),
            quote_toks: Vec::new(),
            lower: String::with_capacity(text.len()),
        };
        p.tokenize(&scan.is_mark);
        p.assign_quotes();
        p.split_sentences();
        p
    }

    fn tokenize(&mut self, is_mark: &[bool]) {
        let chars = &self.chars;
        let mut tokens = Vec::with_capacity(chars.len() / 4);
        let mut lower = std::mem::take(&mut self.lower);
        let mut para_tok = Vec::with_capacity(self.paragraphs.len() + 1);
        for (pi, para) in self.paragraphs.iter().enumerate() {
            para_tok.push(tokens.len());
            let mut i = para.start;
            let end = para.end;
            let mut glued = false;
            while i < end {
                let c = chars[i];
                if c.is_whitespace() {
                    glued = false;
                    i += 1;
                    continue;
                }
                let start = i;
                let kind;
                if is_mark[i] {
                    kind = Tk::Mark;
                    i += 1;
                } else if c.is_alphanumeric() || (is_apostrophe(c) && i + 1 < end && chars[i + 1].is_alphanumeric()) {
                    // A word or number: alphanumerics joined by inner apostrophes, hyphens, digit
                    // separators and abbreviation dots.
                    let numeric = c.is_ascii_digit();
                    i += 1;
                    let mut segment_len = usize::from(c.is_alphanumeric());
                    while i < end {
                        let d = chars[i];
                        let next = if i + 1 < end { Some(chars[i + 1]) } else { None };
                        let prev = chars[i - 1];
                        if d.is_alphanumeric() {
                            segment_len += 1;
                            i += 1;
                        } else if is_mark[i] {
                            break;
                        } else if is_apostrophe(d) {
                            // Inner (it’s) or final (players’) apostrophe; final only after a letter.
                            if next.is_some_and(char::is_alphanumeric) || prev.is_alphabetic() {
                                i += 1;
                                if !next.is_some_and(char::is_alphanumeric) {
                                    break;
                                }
                            } else {
                                break;
                            }
                        } else if is_hyphen(d) && prev.is_alphanumeric() && next.is_some_and(char::is_alphanumeric) {
                            i += 1;
                            segment_len = 0;
                        } else if (d == ',' || d == '.')
                            && prev.is_ascii_digit()
                            && next.is_some_and(|n| n.is_ascii_digit())
                            && numeric
                        {
                            i += 1;
                        } else if d == '.'
                            && segment_len == 1
                            && prev.is_alphabetic()
                            && next.is_some_and(char::is_alphabetic)
                            && (i + 2 >= end || !chars[i + 2].is_alphabetic())
                        {
                            // U.S., a.m., e.g: single letters joined by dots; keep a final dot.
                            i += 2;
                            segment_len = 1;
                            if i < end && chars[i] == '.' {
                                i += 1;
                                break;
                            }
                        } else {
                            break;
                        }
                    }
                    kind = if numeric { Tk::Num } else { Tk::Word };
                } else {
                    kind = Tk::Punct;
                    i += 1;
                }
                let lo_start = lower.len() as u32;
                if kind != Tk::Punct && kind != Tk::Mark {
                    for &ch in &chars[start..i] {
                        if ch.is_ascii() {
                            lower.push(ch.to_ascii_lowercase());
                        } else if is_apostrophe(ch) {
                            lower.push('\'');
                        } else {
                            lower.extend(ch.to_lowercase());
                        }
                    }
                }
                let cap = chars[start].is_uppercase();
                let (mut flags, mut lemma) = (0, None);
                if kind == Tk::Word {
                    let low = &lower[lo_start as usize..];
                    let (f, l) = lexicon::lookup(low);
                    (flags, lemma) = (f, l.filter(|_| !cap));
                    if matches!(low.as_bytes().last(), Some(b's' | b'\'' | b'.')) {
                        let base = low.strip_suffix("'s").or_else(|| low.strip_suffix('\'')).unwrap_or(low);
                        let base = base.trim_end_matches('.');
                        if base.len() != low.len() {
                            flags = lexicon::flags(base);
                        }
                    }
                }
                tokens.push(Token {
                    start,
                    end: i,
                    kind,
                    para: pi as u32,
                    quote: NO_QUOTE,
                    lo: (lo_start, lower.len() as u32),
                    flags,
                    lemma,
                    cap,
                    glued,
                });
                glued = true;
            }
        }
        para_tok.push(tokens.len());
        self.tokens = tokens;
        self.lower = lower;
        self.para_tok = para_tok;
    }

    fn assign_quotes(&mut self) {
        let mut q = 0;
        for t in &mut self.tokens {
            while q < self.quotes.len() && self.quotes[q].end <= t.start {
                q += 1;
            }
            if q < self.quotes.len() && self.quotes[q].open <= t.start {
                t.quote = q as u32;
            }
        }
        let last = self.tokens.len().saturating_sub(1);
        self.quote_toks = (0..self.quotes.len())
            .map(|q| {
                let quote = &self.quotes[q];
                let close = quote.close.unwrap_or(quote.end.saturating_sub(1));
                (self.token_at(quote.open), self.token_at(close).min(last))
            })
            .collect();
    }

    /// The lowercase form of a word or number token (apostrophes folded to `'`); empty otherwise.
    pub fn low(&self, i: usize) -> &str {
        let (a, b) = self.tokens[i].lo;
        &self.lower[a as usize..b as usize]
    }

    /// The token as written.
    pub fn text(&self, i: usize) -> String {
        let t = &self.tokens[i];
        self.chars[t.start..t.end].iter().collect()
    }

    /// The text from the start of token `a` to the end of token `b - 1`, as written.
    pub fn span_text(&self, a: usize, b: usize) -> String {
        if a >= b {
            return String::new();
        }
        self.chars[self.tokens[a].start..self.tokens[b - 1].end].iter().collect()
    }

    pub fn is_punct(&self, i: usize, c: char) -> bool {
        let t = &self.tokens[i];
        t.kind == Tk::Punct && self.chars[t.start] == c
    }

    pub fn punct_char(&self, i: usize) -> Option<char> {
        let t = &self.tokens[i];
        (t.kind == Tk::Punct).then(|| self.chars[t.start])
    }

    fn ends_sentence_after_abbreviation(&self, i: usize) -> bool {
        // Token i is a word ending in '.', or a word followed by a '.' token.
        let w = self.low(i).trim_end_matches('.');
        !(self.tokens[i].flags & lexicon::NO_STOP_ABBREVIATIONS != 0
            || (w.chars().count() == 1 && self.tokens[i].cap)
            || (w.contains('.') && w.len() <= 4 && self.tokens[i].cap))
    }

    fn split_sentences(&mut self) {
        let n = self.tokens.len();
        let mut sentences = Vec::new();
        let mut sent_of = vec![0u32; n];
        for pi in 0..self.paragraphs.len() {
            let (a, b) = (self.para_tok[pi], self.para_tok[pi + 1]);
            let mut start = a;
            for i in a..b {
                if i + 1 >= b || !self.boundary_after(i) {
                    continue;
                }
                sentences.push(Sentence { toks: start..i + 1, para: pi });
                start = i + 1;
            }
            if start < b {
                sentences.push(Sentence { toks: start..b, para: pi });
            }
        }
        for (si, s) in sentences.iter().enumerate() {
            for t in s.toks.clone() {
                sent_of[t] = si as u32;
            }
        }
        self.sentences = sentences;
        self.sent_of = sent_of;
    }

    /// Whether a sentence ends after token `i` (the next token being in the same paragraph).
    fn boundary_after(&self, i: usize) -> bool {
        let t = &self.tokens[i];
        let next = &self.tokens[i + 1];
        let next_starts = next.cap || next.kind == Tk::Num || (next.kind == Tk::Mark && self.opens_quote(i + 1));
        match t.kind {
            Tk::Punct if t.quote == NO_QUOTE => {
                let c = self.chars[t.start];
                if !matches!(c, '.' | '!' | '?') || !next_starts {
                    return false;
                }
                let prev_word = i > 0 && self.tokens[i - 1].kind == Tk::Word;
                if c == '.' && prev_word && !self.ends_sentence_after_abbreviation(i - 1) {
                    return false;
                }
                if next.glued && next.kind == Tk::Word {
                    // "safe.The": a glued sentence after a lowercase word.
                    return prev_word && self.chars[self.tokens[i - 1].end - 1].is_lowercase();
                }
                true
            }
            Tk::Word if t.quote == NO_QUOTE && self.chars[t.end - 1] == '.' => {
                // "a.m." followed by "He": a new sentence; "U.S. Geological": not.
                next.cap && next.kind == Tk::Word && next.flags & lexicon::SENTENCE_STARTERS != 0
            }
            Tk::Mark if t.quote != NO_QUOTE && next.quote != t.quote => {
                // The closing mark of a quotation whose content ends a sentence.
                let q = &self.quotes[t.quote as usize];
                if q.close != Some(t.start) || !next_starts {
                    return false;
                }
                let last = q.parts.last().map_or(0, |p| p.end);
                let end_char = (q.parts.last().map_or(0, |p| p.start)..last)
                    .rev()
                    .map(|k| self.chars[k])
                    .find(|c| !matches!(c, '\'' | '"' | '’' | '”' | '»' | '›' | ')' | ']'));
                matches!(end_char, Some('.' | '!' | '?' | '…'))
            }
            _ => false,
        }
    }

    /// Whether mark token `i` opens its quotation (rather than closing or continuing it).
    pub fn opens_quote(&self, i: usize) -> bool {
        let t = &self.tokens[i];
        t.quote != NO_QUOTE && self.quotes[t.quote as usize].open == t.start
    }

    /// The token range of a paragraph.
    pub fn para_range(&self, pi: usize) -> Range<usize> {
        self.para_tok[pi]..self.para_tok[pi + 1]
    }

    /// Index of the first token at or after char position `pos`.
    pub fn token_at(&self, pos: usize) -> usize {
        self.tokens.partition_point(|t| t.start < pos)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(p: &Prepared) -> Vec<String> {
        (0..p.tokens.len()).map(|i| p.text(i)).collect()
    }

    #[test]
    fn tokens_keep_apostrophes_abbreviations_and_numbers() {
        let p = Prepared::new("It’s the players’ U.S. plan: 2,400 at 6.2% by 2 a.m. Hart-Simmons’ ’90s.");
        assert_eq!(
            words(&p),
            [
                "It’s",
                "the",
                "players’",
                "U.S.",
                "plan",
                ":",
                "2,400",
                "at",
                "6.2",
                "%",
                "by",
                "2",
                "a.m.",
                "Hart-Simmons’",
                "’90s",
                "."
            ]
        );
        assert_eq!(p.low(0), "it's");
    }

    #[test]
    fn glued_sentences_split_and_abbreviations_do_not() {
        let p = Prepared::new("Keep people safe.The alternative. Dr. Osei came at 2 a.m. He left. Mr Ross said so.");
        let s: Vec<String> = p.sentences.iter().map(|s| p.span_text(s.toks.start, s.toks.end)).collect();
        assert_eq!(
            s,
            ["Keep people safe.", "The alternative.", "Dr. Osei came at 2 a.m.", "He left.", "Mr Ross said so."]
        );
    }

    #[test]
    fn quotations_are_opaque_to_sentences() {
        let p = Prepared::new("“We act. We must,” she said. “Next.” Then “no” came.");
        let s: Vec<String> = p.sentences.iter().map(|s| p.span_text(s.toks.start, s.toks.end)).collect();
        assert_eq!(s, ["“We act. We must,” she said.", "“Next.”", "Then “no” came."]);
    }

    #[test]
    fn paragraphs_need_a_blank_line() {
        let chars: Vec<char> = "  a b\nc\n\n\n d \n \n e".chars().collect();
        assert_eq!(paragraphs_of(&chars), vec![2..7, 11..12, 17..18]);
    }
}
