//! Pass 2: speech events. Every reporting verb and `according to` gets a subject: a name, a
//! pronoun or a role phrase, found by walking over the sentence. Uses the mentions of pass 1.

use super::{Analysis, EKind, Event, Speaker, Subj};
use crate::suggest::lexicon as lx;
use crate::suggest::text::NO_QUOTE;
use crate::suggest::verbs;
use std::ops::Range;

/// A speaker with a name: a person, an organisation or a name of either.
fn named(sp: &Speaker) -> bool {
    matches!(sp.kind, EKind::Person | EKind::Org | EKind::Unknown) && sp.canonical.is_some()
}

impl Analysis<'_> {
    pub(super) fn build_events(&mut self) {
        let p = self.p;
        for si in 0..p.sentences.len() {
            let toks = p.sentences[si].toks.clone();
            let para = p.sentences[si].para;
            for v in toks.clone() {
                if !self.word(v) {
                    continue;
                }
                if self.low(v) == "according" && v + 2 < toks.end && self.low(v + 1) == "to" {
                    let subj = self
                        .np_after(v + 2, toks.end)
                        .or_else(|| self.plain_np(v + 2, toks.end))
                        .map(|s| self.quoted_source(&s, toks.end).unwrap_or(s));
                    if let Some(subj) = subj {
                        if let Some(speaker) = self.resolve(&subj, v) {
                            let cue = format!("{} {}", p.text(v), p.text(v + 1));
                            self.events.push(Event {
                                verb: v,
                                cue,
                                first: v,
                                subj: subj.clone(),
                                speaker: Some(speaker),
                                para,
                                naming: false,
                            });
                        }
                    }
                    continue;
                }
                // A capitalised verb only as the participle that opens a sentence ("Calling it …").
                let opening = self.opening_inversion(v, toks.clone());
                let Some(lemma) = self.p.tokens[v]
                    .lemma
                    .or_else(|| self.opening_participle(v, toks.start))
                    .or(opening)
                else {
                    continue;
                };
                let floor = self.clause_floor(v, toks.start);
                // `"…," said X` inverts; `"…", calling it …` does not (a participle has no
                // subject after it: "it" is its object).
                let inverted = (self.right_after_close(v, floor) && !self.low(v).ends_with("ing")) || opening.is_some();
                if let Some(particles) = verbs::needs_particle(lemma) {
                    let next = (v + 1 < toks.end).then(|| p.text(v + 1).to_lowercase());
                    // "The decree … read “…”", "read in part: “…”": reading out a text.
                    let reads_out = lemma == "read" && self.opens_quote(v, toks.end);
                    if !inverted && !reads_out && !next.is_some_and(|n| particles.contains(&n.as_str())) {
                        continue;
                    }
                }
                if self.noun_use(v) {
                    continue;
                }
                // "Mancini has been described by the Daily Hive as a “…”": a naming verb in the
                // passive names its subject; whoever comes after "by" speaks, nobody if no one does.
                // "he was told by Emergencies Minister Yevgeny Zinichev of “…”": so is a verb of
                // telling, whose passive subject is the one told.
                let passive = (verbs::is_naming(lemma) || verbs::is_telling(lemma)) && self.passive(v);
                let subj = if inverted {
                    self.np_after(v + 1, toks.end)
                } else if passive {
                    let by = (v + 1..toks.end)
                        .find(|&k| self.word(k) && p.tokens[k].quote == NO_QUOTE && self.low(k) == "by");
                    // "by the Daily Hive": a name after "the" is taken for a place elsewhere, but
                    // an agent that describes is no place.
                    let named_agent = |k: usize| {
                        let j = if self.word(k + 1) && self.low(k + 1) == "the" { k + 2 } else { k + 1 };
                        self.mention_starting(j).map(Subj::Mention)
                    };
                    match by.and_then(|k| named_agent(k).or_else(|| self.np_after(k + 1, toks.end))) {
                        Some(agent) => Some(agent),
                        None => continue,
                    }
                } else {
                    None
                };
                let quoted = if subj.is_none() { self.quoted_as(v, floor) } else { None };
                let (subj, first) = match subj.or(quoted) {
                    Some(s) => (Some(s), v),
                    None => {
                        let s = self.subject_before(v, floor, si);
                        let first = s.as_ref().map_or(v, |s| self.subj_start(s));
                        (s, first)
                    }
                };
                // "Ferrand in relaying the news to parliament said, “…”": a verb that introduces a
                // quotation takes the sentence's subject when the nearer look-back finds none.
                // Not an intention ("hoped to announce “…”"), but "went on to say, “…”".
                let infinitive = v >= 2 && self.low(v - 1) == "to" && self.intends(v - 2);
                let adjacent = !infinitive && self.introduces_quote(v, toks.end);
                let subj = subj.or_else(|| self.participle_subject(v, toks.clone(), si));
                let subj = subj.or_else(|| adjacent.then(|| self.sentence_subject(si)).flatten());
                let (subj, speaker) = match subj {
                    Some(subj) => {
                        let speaker = self.resolve(&subj, v);
                        // "Part of the judge's statement reads “…”": its author, not the document.
                        let document = matches!(&subj, Subj::Phrase(_, h) if self.is(*h, lx::DOCUMENT_NOUNS))
                            && speaker.as_ref().is_some_and(|s| s.note.is_none());
                        match document.then(|| self.unresolved_source(v, floor, toks.end)) {
                            Some(Some(found)) => found,
                            // A document with no author found names no one.
                            Some(None) => (Subj::Unnamed(v), None),
                            None => (subj, speaker),
                        }
                    }
                    None => match self.unresolved_source(v, floor, toks.end) {
                        Some(found) => found,
                        None => continue,
                    },
                };
                if speaker.is_none() && !matches!(subj, Subj::Pronoun(_) | Subj::Unnamed(_)) {
                    continue;
                }
                let naming = verbs::is_naming(lemma) && matches!(subj, Subj::Phrase(..));
                let cue = if lemma == "point" {
                    format!("{} {}", p.text(v), p.text(v + 1))
                } else {
                    p.text(v)
                };
                self.events.push(Event {
                    verb: v,
                    cue,
                    first,
                    subj,
                    speaker,
                    para,
                    naming,
                });
            }
        }
    }

    /// "Politico quoted Tim Manning, formerly of FEMA, as saying “…”": the person quoted or cited
    /// speaks, not who quotes them (`as saying` after the object of `quoted`/`cited`).
    fn quoted_as(&self, v: usize, floor: usize) -> Option<Subj> {
        let p = self.p;
        if !self.low(v).ends_with("ing") || v < floor + 3 || self.low(v - 1) != "as" {
            return None;
        }
        let mut k = v - 2;
        // Over an apposition: ", formerly a deputy administrator at FEMA,".
        if p.is_punct(k, ',') {
            k = (floor..k).rev().take(16).find(|&x| p.is_punct(x, ','))?.checked_sub(1)?;
        }
        let m = self.mention_ending(k)?;
        let mm = &self.mentions[m];
        if mm.possessive || !matches!(mm.kind, EKind::Person | EKind::Unknown | EKind::Org) {
            return None;
        }
        // The verb may stand before the name's role words: "quoted former FEMA deputy Tim Manning".
        let quoting = (floor..mm.toks.start).rev().take(5).find(|&x| {
            self.word(x) && matches!(self.low(x), "quoted" | "quotes" | "quoting" | "cited" | "cites" | "citing")
        })?;
        (quoting + 1..mm.toks.start).all(|x| self.word(x) && !self.is(x, lx::CLAUSE_WORDS)).then_some(Subj::Mention(m))
    }

    /// The lemma of a capitalised reporting verb in `-ing` that opens its sentence (`Calling`,
    /// `Saying`, `Speaking`).
    pub(super) fn opening_participle(&self, v: usize, sent_start: usize) -> Option<&'static str> {
        let t = &self.p.tokens[v];
        if !t.cap || (sent_start..v).any(|k| self.word(k)) || !self.low(v).ends_with("ing") {
            return None;
        }
        verbs::reporting_verb(self.low(v))
    }

    /// The lemma of a capitalised reporting verb in the past that opens its sentence with the
    /// speaker after it and then the quotation (`Remarked Center for Biological Diversity
    /// scientist Tierra Curry, “…”`): an inversion.
    pub(super) fn opening_inversion(&self, v: usize, toks: Range<usize>) -> Option<&'static str> {
        let t = &self.p.tokens[v];
        if !t.cap || (toks.start..v).any(|k| self.word(k)) || !self.low(v).ends_with("ed") {
            return None;
        }
        let lemma = verbs::reporting_verb(self.low(v))?;
        // The speaker's words run to a comma or colon right before the quotation.
        let open = (v + 1..toks.end.min(v + 16)).find(|&k| self.p.tokens[k].quote != NO_QUOTE)?;
        let before = open - 1;
        let intro = before > v + 1 && matches!(self.p.punct_char(before), Some(',' | ':'));
        (intro && (v + 1..before).all(|k| self.word(k))).then_some(lemma)
    }

    /// "Calling it a “culture of death”, the archbishop said …": a participle that opens its
    /// sentence has the subject of the sentence's next reporting verb.
    fn participle_subject(&self, v: usize, toks: Range<usize>, si: usize) -> Option<Subj> {
        let first_word = (toks.start..v).all(|k| !self.word(k));
        if !first_word || !self.low(v).ends_with("ing") {
            return None;
        }
        let next = (v + 1..toks.end).find(|&k| {
            self.word(k)
                && !self.p.tokens[k].cap
                && self.p.tokens[k].lemma.is_some()
                && !self.low(k).ends_with("ing")
        })?;
        let floor = self.clause_floor(next, toks.start);
        self.subject_before(next, floor, si)
    }

    /// Whether word `k` is a verb of intention before `to` (`hoped to announce`, `plans to say`),
    /// as opposed to a report (`went on to say`, `went as far as to say`).
    fn intends(&self, k: usize) -> bool {
        let w = self.low(k);
        [
            "hope", "plan", "want", "expect", "intend", "aim", "seek", "sought", "tr", "refus",
            "declin", "fail", "need", "wish", "decid", "prepar", "agree", "promis", "schedul",
        ]
        .iter()
        .any(|stem| w.starts_with(stem))
    }

    /// The source of a verb that introduces a quotation when no subject was found for it:
    /// a document speaks for its author (`The decree signed by the Pope read “…”`, `The opinion
    /// of the Court … read in part, “…”`, `Part of the judge's statement reads “…”`), or for
    /// whoever issued the last statement of this paragraph or the one before (`The statement
    /// read`); with no author named, and for a subject no name stands for (`One of the children
    /// said, “…”`), the words have a cue and no speaker.
    fn unresolved_source(&self, v: usize, floor: usize, end: usize) -> Option<(Subj, Option<Speaker>)> {
        let p = self.p;
        if !self.opens_quote(v, end) || !(floor..v).any(|k| self.word(k)) {
            return None;
        }
        // With no one named, only a whole utterance: not "banners which mentioned “Women's Day”".
        let open = (v + 1..end).find(|&k| p.tokens[k].quote != NO_QUOTE)?;
        let whole = self.utterance(open, p.quote_toks[p.tokens[open].quote as usize].1);
        let unnamed = whole.then_some((Subj::Unnamed(v), None));
        let Some(doc) = (floor..v).find(|&x| self.word(x) && !p.tokens[x].cap && self.is(x, lx::DOCUMENT_NOUNS)) else {
            return unnamed;
        };
        // A document's words, partial or whole, are its author's or no one named.
        let unnamed = Some((Subj::Unnamed(v), None));
        if let Some((s, sp)) = self.document_author(doc, v) {
            return Some((s, Some(sp)));
        }
        if doc > floor {
            // "Ford's filing", "the judge's statement".
            if let Some(sp) = self.possessor(doc - 1).filter(named) {
                return Some((Subj::Unnamed(doc), Some(sp)));
            }
            let start = if doc >= floor + 2 && self.low(doc - 2) == "the" { doc - 2 } else { doc - 1 };
            if self.possessive(doc - 1) && self.is(doc - 1, lx::ROLE_NOUNS) {
                let role = Subj::Phrase(start..doc, doc - 1);
                if let Some(sp) = self.resolve(&role, v).filter(|sp| named(sp) && sp.note.is_some()) {
                    return Some((role, Some(sp)));
                }
            }
            // "Facebook released a statement on Monday. The statement read, “…”": whoever
            // issued the one the article introduced before, in this paragraph or the last.
            if matches!(self.low(doc - 1), "the" | "this" | "that") {
                if let Some(sp) = self.issuer(doc, v).filter(named) {
                    return Some((Subj::Unnamed(doc), Some(sp)));
                }
            }
        }
        unnamed
    }

    /// The author a document noun names after it, before token `end`: `signed by the Pope`, `of
    /// the Court`, `from the king`.
    pub(super) fn document_author(&self, doc: usize, end: usize) -> Option<(Subj, Speaker)> {
        let x = (doc + 1..end).take(6).find(|&x| self.word(x) && matches!(self.low(x), "by" | "of" | "from"))?;
        let j = if x + 1 < end && self.word(x + 1) && self.low(x + 1) == "the" { x + 2 } else { x + 1 };
        // "from the king": the last person named with that title.
        let titled = || (j < end && self.is(j, lx::PERSONAL_TITLES)).then(|| self.title_holder(self.base(j), j)).flatten();
        let s = self
            .mention_starting(j)
            .map(Subj::Mention)
            .or_else(|| titled().map(Subj::Mention))
            .or_else(|| self.np_after(x + 1, end))?;
        let sp = self.resolve(&s, end).filter(named)?;
        Some((s, sp))
    }

    /// Who issued the document that `the <doc>` at token `doc` refers back to: the subject of
    /// the sentence that introduced `a <doc>` earlier in this paragraph or the one before.
    fn issuer(&self, doc: usize, at: usize) -> Option<Speaker> {
        let p = self.p;
        let para = p.tokens[doc].para;
        let here = self.sentence_of(doc);
        let intro = (0..p.sentences[here].toks.start).rev().take_while(|&k| p.tokens[k].para + 1 >= para).find(|&k| {
            self.word(k) && self.base(k) == self.base(doc) && k > 0 && matches!(self.low(k - 1), "a" | "an")
        })?;
        let si = self.sentence_of(intro);
        let sent = p.sentences[si].toks.clone();
        self.events
            .iter()
            .filter(|e| sent.contains(&e.verb))
            .find_map(|e| e.speaker.clone())
            .or_else(|| self.sentence_subject(si).and_then(|s| self.resolve(&s, at)))
    }

    /// [`Self::introduces_quote`], also over `in part` (`read in part: “…”`).
    fn opens_quote(&self, v: usize, end: usize) -> bool {
        let in_part = v + 3 < end && self.word(v + 1) && self.low(v + 1) == "in" && self.low(v + 2) == "part";
        self.introduces_quote(if in_part { v + 2 } else { v }, end)
    }

    /// Whether a quotation opens right after verb `v` (after a particle, a comma or a colon).
    pub(super) fn introduces_quote(&self, v: usize, end: usize) -> bool {
        let p = self.p;
        let mut k = v + 1;
        if k < end
            && self.word(k)
            && !p.tokens[k].cap
            && matches!(self.low(k), "out" | "of" | "to" | "that")
        {
            k += 1;
        }
        while k < end && matches!(p.punct_char(k), Some(',' | ':')) {
            k += 1;
        }
        k < end && p.tokens[k].quote != NO_QUOTE
    }

    /// Where a clause can start: the sentence start or just after the last quotation before `v`.
    fn clause_floor(&self, v: usize, sent_start: usize) -> usize {
        let mut k = v;
        while k > sent_start {
            let q = self.p.tokens[k - 1].quote;
            if q != NO_QUOTE {
                // `Anna Franowska of "Have no fear", a charity, told`: a short quoted name after
                // "of", "at", "for" or "from" is part of the subject, not a quotation before it.
                let mut j = k - 1;
                while j > sent_start && self.p.tokens[j - 1].quote == q {
                    j -= 1;
                }
                let words = (j..k).filter(|&x| self.word(x)).count();
                let named = words <= 4
                    && j > sent_start + 1
                    && self.word(j - 1)
                    && matches!(self.low(j - 1), "of" | "at" | "for" | "from");
                if !named {
                    return k;
                }
                k = j;
                continue;
            }
            k -= 1;
        }
        sent_start
    }

    /// A verb in the passive: after a form of "be" (`was called`, `has been described`, `is
    /// widely described`).
    fn passive(&self, v: usize) -> bool {
        let mut k = v;
        while k > 0 && self.word(k - 1) && self.low(k - 1).ends_with("ly") {
            k -= 1;
        }
        k > 0 && self.word(k - 1) && matches!(self.low(k - 1), "is" | "was" | "were" | "are" | "be" | "been" | "being")
    }

    /// `“…,” said Name`: only punctuation between a closing mark and the verb.
    fn right_after_close(&self, v: usize, floor: usize) -> bool {
        let mut k = v;
        while k > floor && matches!(self.p.punct_char(k - 1), Some(',' | '—' | '–' | '-')) {
            k -= 1;
        }
        k == floor && floor > 0 && self.p.tokens[floor - 1].quote != NO_QUOTE
    }

    /// A verb form used as a noun: after a determiner or a possessive (`the claims`, `May’s call`).
    fn noun_use(&self, v: usize) -> bool {
        if v == 0 || !self.word(v - 1) || self.p.tokens[v - 1].para != self.p.tokens[v].para {
            return false;
        }
        let w = self.low(v - 1);
        self.is(v - 1, lx::DETERMINERS)
            || self.possessive(v - 1)
            || matches!(w, "my" | "our" | "your")
    }
}

impl Analysis<'_> {
    /// `According to Yonhap news agency, quoting North Korea's main news agency Korean Central
    /// News Agency (KCNA), …`: the source a relayed report quotes speaks, not the one relaying
    /// it. The last name (not a possessive) between `quoting` or `citing` and the next comma.
    fn quoted_source(&self, relay: &Subj, end: usize) -> Option<Subj> {
        let p = self.p;
        let after = match relay {
            Subj::Mention(m) => self.mentions[*m].toks.end,
            Subj::Phrase(r, _) | Subj::List(r) => r.end,
            Subj::Pronoun(t) | Subj::Word(t) | Subj::Unnamed(t) => t + 1,
        };
        // "Yonhap news agency": lowercase words that end the relay's name.
        let mut after = after;
        while after < end && after < self.subj_start(relay) + 8 && self.word(after) && !p.tokens[after].cap {
            after += 1;
        }
        let k = after + 1;
        if k >= end || !p.is_punct(after, ',') || !self.word(k) || !matches!(self.low(k), "quoting" | "citing") {
            return None;
        }
        let stop = (k + 1..end).find(|&j| p.is_punct(j, ',')).unwrap_or(end);
        let mut best = None;
        let mut j = k + 1;
        while j < stop {
            match self.mention_starting(j) {
                Some(m) if self.mentions[m].toks.end <= stop => {
                    if !self.mentions[m].possessive {
                        best = Some(m);
                    }
                    j = self.mentions[m].toks.end;
                }
                _ if p.is_punct(j, '(') => break,
                _ => j += 1,
            }
        }
        best.map(Subj::Mention)
    }
}
