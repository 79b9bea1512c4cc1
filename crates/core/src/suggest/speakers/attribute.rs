//! Pass 3: quotations. Each quotation takes a speech event beside it, a colon introduction or a
//! possessive, or inherits a speaker; split quotations are merged. Uses passes 1 and 2 and
//! resolution.

use super::{strip_possessive, Analysis, Attributed, EKind, Mention, Source, Speaker, Subj};
use crate::suggest::lexicon::{self as lx, has};
use crate::suggest::quotes::Family;
use crate::suggest::text::{Tk, NO_QUOTE};

/// How many tokens before a quotation a possessive speech noun may stand (`the PM’s call for the
/// regulation of “…”`).
const POSSESSIVE_REACH: usize = 8;

impl Analysis<'_> {
    fn close_token(&self, qi: usize) -> usize {
        self.p.quote_toks[qi].1
    }

    fn open_token(&self, qi: usize) -> usize {
        self.p.quote_toks[qi].0
    }

    /// The attribution of every quotation, split quotations merged.
    pub fn attribute_all(&self) -> Vec<Attributed> {
        let p = self.p;
        let nq = p.quotes.len();
        let mut out: Vec<Attributed> = Vec::with_capacity(nq);
        let mut qi = 0;
        while qi < nq {
            let mut raw = vec![qi];
            let mut attr = self.attribute(qi);
            // Split quotation: "“A,” he said, “B.”" — not when the first part is a partial quotation
            // or already had its own cue before it (`said, “A”, also observing, “B”`: two).
            // With a cue before, only an attribution with its own subject splits it (`…: “A,” he
            // said, “B.”`).
            let splittable = !attr.partial;
            let needs_subject = attr.source == Source::Before;
            while let Some(next) = self
                .split_continuation(*raw.last().unwrap(), needs_subject)
                .filter(|_| splittable)
            {
                raw.push(next);
                if attr.speaker.is_none() {
                    let later = self.attribute(next);
                    attr.speaker = later.speaker;
                    attr.cue = later.cue;
                    attr.source = later.source;
                }
                attr.partial = false;
            }
            qi = raw.last().unwrap() + 1;
            attr.raw = raw;
            out.push(attr);
        }
        // Inheritance, in document order.
        for i in 0..out.len() {
            if out[i].speaker.is_some() || out[i].source != Source::None || !out[i].leads {
                continue;
            }
            if let Some((speaker, source)) = self.inherit(i, &out) {
                out[i].speaker = Some(speaker);
                out[i].source = source;
            }
        }
        out
    }

    fn split_continuation(&self, qa: usize, needs_subject: bool) -> Option<usize> {
        let p = self.p;
        let qb = qa + 1;
        if qb >= p.quotes.len() {
            return None;
        }
        let (a, b) = (&p.quotes[qa], &p.quotes[qb]);
        if a.close.is_none() || a.last_para != b.first_para {
            return None;
        }
        let last_char = a.parts.last().map(|s| p.chars[s.end - 1])?;
        if matches!(last_char, '.' | '!' | '?' | '…') {
            return None;
        }
        let (ca, ob) = (self.close_token(qa), self.open_token(qb));
        if ob <= ca + 1 || self.sentence_of(ca) != self.sentence_of(ob) {
            return None;
        }
        let first_after = self.events.partition_point(|e| e.verb <= ca);
        // "“We stand ready” tweeted Johnson “to provide …”": an inverted verb and its name
        // between the parts need no commas.
        let inverted_between = self.events.get(first_after).is_some_and(|e| {
            e.verb == ca + 1 && e.speaker.is_some() && self.mention_ending(ob - 1).is_some_and(|m| self.mentions[m].toks.start > e.verb)
        });
        if !matches!(p.punct_char(ob - 1), Some(',' | '—' | '–' | '-')) && !inverted_between {
            return None;
        }
        let has_event = self
            .events
            .get(first_after)
            .is_some_and(|e| e.verb < ob && (!needs_subject || (e.first > ca && e.first < e.verb)));
        let words = (ca + 1..ob)
            .filter(|&k| p.tokens[k].kind == Tk::Word)
            .count();
        (has_event && words <= 14).then_some(qb)
    }

    fn attribute(&self, qi: usize) -> Attributed {
        let p = self.p;
        let open = self.open_token(qi);
        let close = self.close_token(qi);
        let s_open = self.sentence_of(open);
        let s_close = self.sentence_of(close);
        let sent_start = p.sentences[s_open].toks.start;
        let sent_end = p.sentences[s_close].toks.end;
        // Regions outside quotations before and after this one, within its sentence(s).
        let mut pre_start = open;
        while pre_start > sent_start && p.tokens[pre_start - 1].quote == NO_QUOTE {
            pre_start -= 1;
        }
        let mut post_end = close + 1;
        while post_end < sent_end && p.tokens[post_end].quote == NO_QUOTE {
            post_end += 1;
        }
        let pre_words = (sent_start..open).any(|k| self.word(k));
        let post_words = (close + 1..sent_end).any(|k| self.word(k));
        let mut a = Attributed {
            raw: vec![qi],
            speaker: None,
            cue: None,
            source: Source::None,
            partial: false,
            standalone: !pre_words && !post_words,
            leads: !pre_words,
            introduced: false,
        };
        // After: "“…,” she said" / "“…,” said Name".
        let ev_lo = self.events.partition_point(|e| e.verb <= close);
        let mut attached_after = false;
        if let Some(e) = self.events.get(ev_lo).filter(|e| e.verb < post_end) {
            // Only punctuation and a role or title may come between: "“…,” U.N. envoy Name told".
            let between_ok = e.first > close
                && e.first <= close + 10
                && (close + 1..e.first).all(|k| {
                    matches!(p.punct_char(k), Some(',' | '—' | '–' | '-'))
                        // "“…,” 1st Fleet Command's … head Arba Agung told": an ordinal in a name.
                        || (p.tokens[k].kind == Tk::Num && k + 1 < e.first && p.tokens[k + 1].cap)
                        || (self.word(k)
                            && !self.is(k, lx::CLAUSE_WORDS)
                            && !self.is(k, lx::PRONOUNS)
                            // Not "“spreading rumors,” including Li Wenliang, who tried to warn".
                            && !self.low(k).ends_with("ing")
                            && self.p.tokens[k].lemma.is_none())
                });
            // "“…,” the minister said": a comma, dash or the quotation's own end punctuation at the
            // join, not "“culture of death” the archbishop said".
            let last_char = p.quotes[qi].parts.last().map(|s| p.chars[s.end - 1]);
            // A quotation that opens its sentence may also run straight into its attribution
            // ("“… a rescue mission” Smith told Wikinews"): its own subject right after the mark.
            let own_subject = e.first > close && e.first < e.verb;
            let joined = matches!(
                last_char,
                Some(',' | '!' | '?' | '—' | '–' | '-' | '.' | '…')
            ) || matches!(p.punct_char(close + 1), Some(',' | '—' | '–' | '-'))
                || e.verb == close + 1
                || (a.leads && own_subject && e.first == close + 1 && e.speaker.is_some());
            // "… said the currencies “cost billions,” further saying, “…”": the later verb is the
            // next quotation's when this one has its own cue before it.
            let ev_before = self.events.partition_point(|e| e.verb < open);
            let own_cue_before = ev_before.checked_sub(1).is_some_and(|k| {
                self.events[k].verb >= sent_start && self.events[k].speaker.is_some()
            });
            let for_next =
                own_cue_before && !own_subject && self.introduces_quote(e.verb, sent_end);
            // "Pelosi called it a “…,” according to NBC": the outlet only reports what the
            // sentence's own speaker said.
            let relayed = own_cue_before && e.first == e.verb && e.cue.to_lowercase().starts_with("according");
            if between_ok && joined && !for_next && !relayed {
                a.speaker = e.speaker.clone();
                a.cue = Some(e.cue.clone());
                a.source = Source::After;
                attached_after = true;
            }
        }
        // The quotation sits inside the reporter's sentence: partial.
        let before = open.checked_sub(1).filter(|&k| k >= sent_start);
        let led_in = before.is_none_or(|k| {
            matches!(p.punct_char(k), Some(':' | ',' | '—' | '–' | '-'))
                || p.tokens[k].quote != NO_QUOTE
        });
        let first_after = (close + 1 < post_end).then_some(close + 1);
        let runs_on =
            first_after.is_some_and(|k| self.word(k) && !p.tokens[k].cap) && !attached_after;
        a.partial = (pre_words && !led_in) || runs_on;
        // "“… in two days!” Macron told the world on Thursday": a quotation that stands as its own
        // sentence, then a sentence that opens with a name and its verb (and quotes nothing).
        if !attached_after && !pre_words && close + 1 < p.tokens.len() {
            let last_char = p.quotes[qi].parts.last().map(|s| p.chars[s.end - 1]);
            let next = close + 1;
            let next_end = p.sentences[self.sentence_of(next)].toks.end;
            let e = self.events.get(ev_lo).filter(|e| {
                e.first == next
                    && e.first < e.verb
                    && e.verb <= next + 4
                    && e.speaker.is_some()
                    && e.para == p.tokens[close].para as usize
                    && self.sentence_of(next) == s_close + 1
                    && !self.introduces_quote(e.verb, next_end)
            });
            if let Some(e) = e.filter(|_| matches!(last_char, Some('.' | '!' | '?')) && self.mention_starting(next).is_some()) {
                a.speaker = e.speaker.clone();
                a.cue = Some(e.cue.clone());
                a.source = Source::After;
                a.partial = false;
                return a;
            }
        }
        if attached_after {
            return a;
        }
        // Before: the nearest speech event in the sentence.
        let mut ev_hi = self.events.partition_point(|e| e.verb < open);
        // "Bercow commented on the matter — which the BBC noted as unusual — “…”": not a verb
        // inside a parenthesis that closes before the quotation.
        while let Some(e) = ev_hi
            .checked_sub(1)
            .map(|k| &self.events[k])
            .filter(|e| e.verb >= sent_start)
        {
            let dash = |k: usize| matches!(p.punct_char(k), Some('—' | '–'));
            let opened =
                (sent_start..e.verb).rev().take_while(|&k| !dash(k)).count() < e.verb - sent_start;
            let closed = (e.verb + 1..open).any(dash);
            if opened && closed {
                ev_hi -= 1;
            } else {
                break;
            }
        }
        let mut writer_event = None;
        if let Some(e) = ev_hi
            .checked_sub(1)
            .map(|k| &self.events[k])
            .filter(|e| e.verb >= sent_start)
        {
            // Not "a group called “Find Maurice”": a naming verb right before the mark names.
            // Not the writer's own verb further back ("When I spoke to him, he was blunt: “…”").
            let adjacent = (e.verb + 1..open).all(|k| !self.word(k));
            if !(e.naming && e.verb + 1 == open) {
                if e.speaker.is_some() || adjacent {
                    a.speaker = e.speaker.clone();
                    a.cue = Some(e.cue.clone());
                    a.source = Source::Before;
                    return a;
                }
                writer_event = Some(e);
            }
        }
        // A colon introduction: "His verdict now: “…”", "he was blunt: “…”".
        if before.is_some_and(|k| p.is_punct(k, ':')) {
            a.introduced = !a.partial && self.utterance(open, close);
            let colon = open - 1;
            let clause = (pre_start..colon)
                .rev()
                .find(|&k| p.is_punct(k, ','))
                .map_or(pre_start, |k| k + 1);
            // "Maya Chen, 17, was blunt:": the subject is before the apposition.
            let speaker = self.clause_speaker(clause, colon).or_else(|| {
                (clause > pre_start + 1)
                    .then(|| self.appositive_subject(clause - 1, pre_start))
                    .flatten()
                    .and_then(|subj| self.resolve(&subj, colon))
            });
            // "The palace issued the following statement from the king: “…”".
            let speaker = speaker.or_else(|| {
                let doc = (clause..colon).find(|&x| self.word(x) && !p.tokens[x].cap && self.is(x, lx::DOCUMENT_NOUNS))?;
                self.document_author(doc, colon).map(|(_, sp)| sp)
            });
            if let Some(sp) = speaker {
                a.speaker = Some(sp);
                a.source = Source::Colon;
                return a;
            }
        }
        // A comma introduction of a whole utterance: "Mick Jagger of The Rolling Stones also
        // reacted on Twitter, “…”", "Trump, also on Twitter, defended his decision, “…”": the
        // clause's named subject speaks, and its verb is the cue.
        if writer_event.is_none() && !a.partial && before.is_some_and(|k| p.is_punct(k, ',')) && self.utterance(open, close) {
            if let Some((sp, verb)) = self.comma_intro(pre_start, open - 1) {
                a.speaker = Some(sp);
                a.cue = Some(p.text(verb));
                a.source = Source::Comma;
                return a;
            }
        }
        // The writer's own verb ("We told them: “No deal.”"): a cue, and no speaker.
        if let Some(e) = writer_event {
            a.cue = Some(e.cue.clone());
            a.source = Source::Before;
            return a;
        }
        // A possessive speech noun: "the PM’s call for the regulation of “…”".
        // Only close to the quotation: "Protesters' demands include … that the government cease
        // referring to the protests as “riots”" are not the protesters' words.
        for k in (pre_start.max(open.saturating_sub(POSSESSIVE_REACH)) + 1..open).rev() {
            if self.word(k) && !p.tokens[k].cap && self.is(k, lx::SPEECH_NOUNS) {
                if let Some(sp) = self.possessor(k - 1) {
                    a.speaker = Some(sp);
                    a.source = Source::Possessive;
                    return a;
                }
            }
        }
        // Quoted words inside narration about a person who speaks in the article ("Lisa Mancini
        // has been cosplaying for two years, her “passion” for the hobby “stemmed through my
        // love for Halloween.”"): that person's, with less confidence.
        if a.partial {
            let words: Vec<usize> = (open + 1..close)
                .filter(|&k| p.tokens[k].kind == Tk::Word)
                .collect();
            let after_possessive = open > sent_start && self.possessive_pronoun(open - 1).is_some();
            // Not a title or name ("Salt and Iron", "Miracle of Eastville").
            let lowercase_words = words
                .iter()
                .filter(|&&k| {
                    !p.tokens[k].cap
                        && !has(lx::PREPOSITIONS | lx::DETERMINERS, self.low(k))
                        && self.low(k) != "and"
                })
                .count();
            if (words.len() >= 3 || after_possessive) && lowercase_words > 0 {
                let subject = if after_possessive {
                    self.possessive_pronoun(open - 1)
                        .and_then(|w| self.resolve_pronoun(&p.text(open - 1), w, open - 1))
                } else {
                    self.sentence_subject(s_open)
                        .and_then(|subj| self.resolve(&subj, open))
                };
                if let Some(sp) = subject.filter(|sp| {
                    sp.kind == EKind::Person && sp.canonical.is_some() && self.speaks(sp)
                }) {
                    a.speaker = Some(sp);
                    a.source = Source::Narration;
                    return a;
                }
            }
        }
        a
    }

    /// Whether the quotation from token `open` to `close` is a whole utterance: it opens with a
    /// capital and has at least six words.
    pub(super) fn utterance(&self, open: usize, close: usize) -> bool {
        let p = self.p;
        let mut words = (open..=close).filter(|&k| p.tokens[k].kind == Tk::Word);
        words.next().is_some_and(|first| p.tokens[first].cap) && words.nth(4).is_some()
    }

    /// The named subject and the past-tense verb of the clause from `lo` to the comma before a
    /// quotation: `Name [of Org] [, apposition,] [also] verbed …,`.
    fn comma_intro(&self, lo: usize, comma: usize) -> Option<(Speaker, usize)> {
        let p = self.p;
        let mut k = lo;
        if k < comma && self.word(k) && self.low(k) == "the" {
            k += 1;
        }
        let m = self.mention_starting(k)?;
        let mm = &self.mentions[m];
        if mm.possessive || !matches!(mm.kind, EKind::Person | EKind::Org | EKind::Unknown) {
            return None;
        }
        let mut j = mm.toks.end;
        // "of The Rolling Stones".
        if j + 1 < comma && self.word(j) && self.low(j) == "of" {
            let after = if self.low(j + 1) == "the" { j + 2 } else { j + 1 };
            j = self.mention_starting(after).map(|x| self.mentions[x].toks.end)?;
        }
        // ", also on Twitter,".
        if j < comma && p.is_punct(j, ',') {
            j = (j + 1..comma).find(|&x| p.is_punct(x, ','))? + 1;
        }
        while j < comma && self.word(j) && (matches!(self.low(j), "also" | "then" | "later" | "again") || self.low(j).ends_with("ly")) {
            j += 1;
        }
        let verb = j;
        let w = self.low(verb);
        let past = verb < comma && self.word(verb) && !p.tokens[verb].cap && w.len() > 4 && w.ends_with("ed");
        // The rest of the clause is its object or a phrase: words only.
        (past && (verb + 1..comma).all(|x| self.word(x))).then_some(())?;
        Some((self.resolve(&Subj::Mention(m), comma)?, verb))
    }

    /// Whether a speaker is quoted or reported as speaking somewhere in the text.
    fn speaks(&self, sp: &Speaker) -> bool {
        sp.canonical
            .as_ref()
            .is_some_and(|c| self.speaking.contains(c))
    }

    fn clause_speaker(&self, a: usize, b: usize) -> Option<Speaker> {
        let mut k = a;
        while k < b && !self.word(k) {
            k += 1;
        }
        if k >= b {
            return None;
        }
        if self.pronoun(k) {
            return self.resolve(&Subj::Pronoun(k), k);
        }
        if let Some(s) = self.possessive_pronoun(k) {
            return self.resolve_pronoun(&self.p.text(k), s, k);
        }
        let m = self.mention_starting(k).or_else(|| {
            (matches!(self.low(k), "the") && k + 1 < b)
                .then(|| self.mention_starting(k + 1))
                .flatten()
        })?;
        if matches!(self.mentions[m].kind, EKind::Place) {
            return None;
        }
        self.resolve(&Subj::Mention(m), k)
    }

    pub(super) fn possessor(&self, k: usize) -> Option<Speaker> {
        if !self.word(k) {
            return None;
        }
        if let Some(s) = self.possessive_pronoun(k) {
            return self.resolve_pronoun(&self.p.text(k), s, k);
        }
        let m = self.mention_ending(k)?;
        (self.mentions[m].possessive && self.mentions[m].kind != EKind::Place)
            .then(|| self.resolve(&Subj::Mention(m), k))
            .flatten()
    }

    /// A speaker for a quotation with no attribution of its own.
    fn inherit(&self, i: usize, done: &[Attributed]) -> Option<(Speaker, Source)> {
        let p = self.p;
        let q = &p.quotes[done[i].raw[0]];
        let open = self.open_token(done[i].raw[0]);
        let para = q.first_para;
        let last_para_of = |d: &Attributed| p.quotes[*d.raw.last().unwrap()].last_para;
        // Earlier quotations, nearest first, back to the given paragraph (they are in order).
        let quotes_back_to = |pp: usize| {
            done[..i]
                .iter()
                .rev()
                .take_while(move |d| last_para_of(d) >= pp)
        };
        // Events before token `at`, nearest first, back to the given paragraph.
        let events_back = |at: usize, pp: usize| {
            let k = self.events.partition_point(|e| e.verb < at);
            self.events[..k]
                .iter()
                .rev()
                .take_while(move |e| e.para >= pp)
        };
        // An earlier quotation of the same paragraph (or a speaker reported since).
        if let Some(prev) = quotes_back_to(para).find(|d| last_para_of(d) == para) {
            if let Some(sp) = &prev.speaker {
                let prev_close = self.close_token(*prev.raw.last().unwrap());
                let since = events_back(open, para)
                    .take_while(|e| e.verb > prev_close)
                    .find_map(|e| e.speaker.clone());
                return Some((since.unwrap_or_else(|| sp.clone()), Source::SameParagraph));
            }
        }
        let para_toks = p.para_range(para);
        // Earlier sentences of the paragraph: their last speaker, or their named subject.
        if open > para_toks.start && self.sentence_of(open) != self.sentence_of(para_toks.start) {
            if let Some(sp) = events_back(open, para).find_map(|e| e.speaker.clone()) {
                return Some((sp, Source::EarlierSentence));
            }
            let subject = self
                .mentions_before(open)
                .take_while(|m| m.para == para)
                .find(|m| m.kind == EKind::Person && m.subject);
            if let Some(m) = subject {
                return Some((self.mention_speaker(m), Source::EarlierSentence));
            }
        }
        // A quote-only paragraph continues the previous paragraph's speaker.
        let quote_only = para_toks
            .clone()
            .all(|k| p.tokens[k].kind != Tk::Word || p.tokens[k].quote != NO_QUOTE);
        if quote_only && para > 0 {
            let prev_para = para - 1;
            let last_quote = quotes_back_to(prev_para).find(|d| last_para_of(d) == prev_para);
            let last_event = events_back(para_toks.start, prev_para).find(|e| e.speaker.is_some());
            let quote_pos = last_quote.map(|d| p.quotes[*d.raw.last().unwrap()].open);
            let event_pos = last_event.map(|e| p.tokens[e.verb].start);
            let from_quote = last_quote.and_then(|d| d.speaker.clone());
            let from_event = last_event.and_then(|e| e.speaker.clone());
            let pick = match (quote_pos, event_pos) {
                (Some(qp), Some(ep)) if ep > qp && from_event.is_some() => from_event,
                (Some(_), _) => from_quote.or(from_event),
                (None, _) => from_event,
            };
            if let Some(sp) = pick {
                return Some((sp, Source::PreviousParagraph));
            }
            // Only when nothing was quoted or reported there: the person it is about.
            if last_quote.is_none() {
                let at = p.para_tok[para];
                let subject = self
                    .mentions_before(at)
                    .take_while(|m| m.para == prev_para)
                    .find(|m| m.kind == EKind::Person && m.subject);
                if let Some(m) = subject {
                    return Some((self.mention_speaker(m), Source::PreviousParagraph));
                }
            }
        }
        None
    }

    fn mention_speaker(&self, m: &Mention) -> Speaker {
        Speaker {
            written: strip_possessive(&self.p.span_text(m.toks.start, m.toks.end)).to_string(),
            canonical: Some(m.canonical.clone()),
            kind: m.kind,
            gender: m.gender,
            note: None,
        }
    }

    /// The mark family of a quotation (for the reasons).
    pub fn family(&self, qi: usize) -> (Family, char) {
        let q = &self.p.quotes[qi];
        (q.family, self.p.chars[q.open])
    }
}
