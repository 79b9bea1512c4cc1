//! The subject of a speech event named in apposition: `Name, apposition, said`, walking back over
//! comma-separated segments to the name they describe. Part of [`subjects`](super::subjects).

use super::{Analysis, EKind, Subj};
use crate::suggest::lexicon as lx;
use crate::suggest::text::Tk;

impl Analysis<'_> {
    /// `Name, apposition, said`: walk back over comma-separated segments.
    pub(super) fn appositive_subject(&self, comma: usize, lo: usize) -> Option<Subj> {
        let p = self.p;
        let mut end = comma;
        for round in 0..5 {
            let start = (lo..end)
                .rev()
                .find(|&k| p.is_punct(k, ','))
                .map_or(lo, |k| k + 1);
            if start >= end {
                return None;
            }
            // "The research was led by Mark Hay, a marine ecologist at GT, who said": past an
            // apposition, the person it describes ends the phrase before it.
            if round > 0 {
                if let Some(m) = self.mention_ending(end - 1) {
                    if self.mentions[m].kind == EKind::Person && !self.mentions[m].possessive {
                        return Some(Subj::Mention(m));
                    }
                }
            }
            let mut s0 = start;
            if self.word(s0) && matches!(self.low(s0), "the" | "a" | "an") {
                s0 += 1;
            }
            // "The Iranian Revolutionary Guard Corps (IRGC), which …, declared".
            let named_end = self.before_parenthesis(end, start);
            if let Some(m) = self.mention_starting(s0) {
                if self.mentions[m].toks.end == named_end && self.mentions[m].kind != EKind::Place {
                    return Some(Subj::Mention(m));
                }
            }
            let first = self.low(start);
            let skippable = p.tokens[start].kind == Tk::Num
                || (self.word(start)
                    && (self.is(
                        start,
                        lx::RELATIVES | lx::PREPOSITIONS | lx::DETERMINERS | lx::SKIP_BEFORE_VERB,
                    ) || first == "aged"
                        || (!p.tokens[start].cap && self.is(start, lx::ROLE_NOUNS))));
            if !skippable {
                if let Some(m) = self.mention_ending(end - 1) {
                    if self.mentions[m].kind != EKind::Place && !self.mentions[m].possessive {
                        return Some(Subj::Mention(m));
                    }
                }
                // "now a pundit on local radio": a lowercase modifier, not the subject.
                if !self.word(start) || p.tokens[start].cap {
                    // "Hernan Dario Gomez, Panama coach, said": a role in apposition to the
                    // person named just before it.
                    let role_phrase = self.word(end - 1)
                        && !p.tokens[end - 1].cap
                        && self.is(end - 1, lx::ROLE_NOUNS | lx::ROLE_TITLES);
                    if role_phrase && start >= lo + 2 && p.is_punct(start - 1, ',') {
                        if let Some(m) = self.mention_ending(start - 2) {
                            if self.mentions[m].kind == EKind::Person && !self.mentions[m].possessive {
                                return Some(Subj::Mention(m));
                            }
                        }
                    }
                    return self.role_np_ending_at(end - 1, start);
                }
            }
            if start == lo {
                if self.word(start) && self.is(start, lx::DETERMINERS) {
                    return self.role_np_from(start, end);
                }
                return None;
            }
            end = start - 1;
        }
        None
    }
}
