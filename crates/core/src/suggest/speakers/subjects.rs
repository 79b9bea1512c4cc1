//! The subject of a speech event: walking back from the verb over auxiliaries, appositions,
//! relative clauses and prepositional phrases, or forward for the inverted `said Name`, to a
//! name, a pronoun or a role phrase. Uses the mentions of pass 1.

use super::{Analysis, EKind, Subj};
use crate::suggest::lexicon::{self as lx, has};
use crate::suggest::text::Tk;

const POSSESSIVE_PRONOUNS: &[(&str, &str)] = &[
    ("her", "she"),
    ("his", "he"),
    ("its", "it"),
    ("their", "they"),
];

impl Analysis<'_> {
    pub(super) fn subj_start(&self, s: &Subj) -> usize {
        match s {
            Subj::Mention(m) => self.mentions[*m].toks.start,
            Subj::Pronoun(t) | Subj::Word(t) | Subj::Unnamed(t) => *t,
            Subj::Phrase(r, _) | Subj::List(r) => r.start,
        }
    }

    /// The subject of verb `v`: the nearest one ([`Self::subject_before_near`]), unless the clause
    /// opens with a person whose name the nearer words only qualify (`Jo Anne Val Tilburg of the
    /// University of California, Los Angeles disagreed`, `Assembly president Richard Ferrand …
    /// said`).
    pub(super) fn subject_before(&self, v: usize, lo: usize, si: usize) -> Option<Subj> {
        let near = self.subject_before_near(v, lo, si);
        let Some(head) = self.clause_head_person(v, lo) else {
            return near;
        };
        match &near {
            Some(Subj::Pronoun(_)) => near,
            Some(Subj::List(r)) if r.start <= self.mentions[head].toks.start => near,
            Some(Subj::Mention(m)) if *m == head => near,
            // "Kerri Kupec, spokeswoman …, criticized the decision, which Ross has referred to
            // as “…”": the subject of a relative clause, not the clause's head.
            Some(Subj::Mention(m))
                if self.mentions[*m].kind == EKind::Person
                    && self.mentions[*m].toks.start > lo
                    && self.word(self.mentions[*m].toks.start - 1)
                    && matches!(self.low(self.mentions[*m].toks.start - 1), "which" | "whom") =>
            {
                near
            }
            Some(Subj::Mention(m))
                if self.mentions[*m].kind == EKind::Person
                    && self.mentions[*m].toks.start < self.mentions[head].toks.start =>
            {
                near
            }
            _ => Some(Subj::Mention(head)),
        }
    }

    /// A person named at the start of the clause that ends at verb `v`, when what follows the name
    /// qualifies it (a preposition or a comma) rather than being a verb, or an organisation and a
    /// lowercase role before the name (`Assembly president Richard Ferrand`).
    fn clause_head_person(&self, v: usize, lo: usize) -> Option<usize> {
        let p = self.p;
        if v < lo + 2 || v > lo + 40 {
            return None;
        }
        let mut k = lo;
        // An opening phrase: "At the summit, …".
        if self.word(k) && self.is(k, lx::PREPOSITIONS) {
            k = (k..v).find(|&x| p.is_punct(x, ','))? + 1;
        }
        while k < v && !self.word(k) {
            k += 1;
        }
        if k < v && self.word(k) && matches!(self.low(k), "the" | "a" | "an") {
            k += 1;
        }
        let m0 = self.mention_starting(k)?;
        let mm = &self.mentions[m0];
        if mm.possessive || mm.toks.end >= v {
            return None;
        }
        let person =
            |m: usize| self.mentions[m].kind == EKind::Person && !self.mentions[m].possessive;
        let qualified = |end: usize| {
            end < v
                && (p.is_punct(end, ',')
                    || (self.word(end)
                        && matches!(self.low(end), "of" | "at" | "from" | "for" | "with")))
        };
        // "Current Prime Minister of India Narendra Modi": a role (its last word a role word) that
        // the words after it qualify is no person; the name after them is.
        let role_only = self.is(mm.toks.end - 1, lx::ROLE_TITLES | lx::ROLE_NOUNS);
        if person(m0) && !role_only {
            return qualified(mm.toks.end).then_some(m0);
        }
        // An organisation, lowercase role words, then the person.
        let mut j = mm.toks.end;
        let mut roles = 0;
        while j < v
            && self.word(j)
            && !p.tokens[j].cap
            && self.is(j, lx::ROLE_NOUNS | lx::ROLE_TITLES)
            && roles < 3
        {
            j += 1;
            roles += 1;
        }
        let m1 = self.mention_starting(j).filter(|_| roles > 0)?;
        (person(m1) && self.mentions[m1].toks.end < v).then_some(m1)
    }

    fn subject_before_near(&self, v: usize, lo: usize, si: usize) -> Option<Subj> {
        let p = self.p;
        let mut j = v;
        // "went on to say", "even went as far as to say", "continued to say": the subject is
        // before the chain.
        if j >= lo + 2 && self.word(j - 1) && self.low(j - 1) == "to" {
            let mut k = j - 1;
            while k > lo
                && self.word(k - 1)
                && matches!(
                    self.low(k - 1),
                    "on" | "as"
                        | "far"
                        | "went"
                        | "go"
                        | "goes"
                        | "going"
                        | "continued"
                        | "continues"
                        | "proceeded"
                        | "even"
                        // "has yet to concede", "refused to say": the subject of the whole chain.
                        | "yet"
                        | "refused"
                        | "declined"
                        | "failed"
                        | "decided"
                        | "wanted"
                        | "wants"
                        | "tried"
                )
            {
                k -= 1;
            }
            if k < j - 1 {
                j = k;
            }
        }
        while j > lo && self.word(j - 1) && self.is(j - 1, lx::SKIP_BEFORE_VERB) {
            j -= 1;
        }
        // "The Iranian Revolutionary Guard Corps (IRGC) declared": past the parenthesis.
        j = self.before_parenthesis(j, lo);
        if j == lo {
            return None;
        }
        let t = j - 1;
        // "Stop calling it …": a bare -ing form has no subject of its own (unlike "was saying",
        // "quoted as saying" or ", insisting").
        // But "with Steve Scalise of Louisiana calling it “…”": a name right before it is its
        // subject.
        if j == v
            && self.low(v).ends_with("ing")
            && !p.is_punct(t, ',')
            && !self
                .mention_ending(t)
                .is_some_and(|m| self.names_someone(m))
        {
            return None;
        }
        if p.is_punct(t, ',') {
            if self.low(v).ends_with("ing") {
                // "Zapata said, adding …": the subject of the verb just before in the sentence.
                let sent_start = p.sentences[si].toks.start;
                if let Some(e) = self
                    .events
                    .last()
                    .filter(|e| e.verb >= sent_start && e.verb < v && e.speaker.is_some())
                {
                    return Some(e.subj.clone());
                }
                return self.sentence_subject(si);
            }
            return self.appositive_subject(t, lo);
        }
        if !self.word(t) {
            return None;
        }
        let w = self.low(t);
        if matches!(w, "and" | "but") {
            return self.sentence_subject(si);
        }
        if matches!(w, "which" | "that")
            && t > lo
            && self.word(t - 1)
            && self.is(t - 1, lx::DOCUMENT_NOUNS)
        {
            // "Facebook released a statement which read": whoever issued it.
            return self.sentence_subject(si);
        }
        if w == "who" {
            // "her daughter, Laura Hart-Simmons, who said …"
            if t > lo && p.is_punct(t - 1, ',') {
                // "Mark Hay, a marine ecologist and Regents Professor at GT, who said": the name
                // before the apposition, not the organisation that ends it.
                let person = |m: &usize| self.mentions[*m].kind == EKind::Person;
                return self
                    .mention_ending(t - 2)
                    .filter(person)
                    .map(Subj::Mention)
                    .or_else(|| self.appositive_subject(t - 1, lo))
                    .or_else(|| self.mention_ending(t - 2).map(Subj::Mention))
                    .or_else(|| self.role_np_ending_at(t - 2, lo));
            }
            return self.mention_ending(t - 1).map(Subj::Mention);
        }
        if self.is(t, lx::PRONOUNS) {
            return Some(Subj::Pronoun(t));
        }
        if let Some(m) = self.mention_ending(t) {
            if self.mentions[m].possessive {
                return None;
            }
            let start = self.mentions[m].toks.start;
            if self.mentions[m].kind == EKind::Place {
                if let Some(head) = self.pp_head(start, lo) {
                    return Some(head);
                }
            }
            let after_of = start > lo
                && (self.low(start - 1) == "of"
                    || (start > lo + 1
                        && self.low(start - 2) == "of"
                        && self.is(start - 1, lx::DETERMINERS)));
            // "Current Prime Minister of India Narendra Modi wrote", "Undersecretary for Education
            // Mr. Toccafondi says": the person after the role.
            let after_role_prep = after_of
                || (start > lo + 1 && self.low(start - 1) == "for" && self.is(start - 2, lx::ROLE_TITLES | lx::ROLE_NOUNS));
            if after_role_prep
                && self.mentions[m].kind == EKind::Person
                && self.mentions[m].role.is_some()
            {
                return Some(Subj::Mention(m));
            }
            if let Some(head) = self.pp_head(start, lo).filter(|_| after_of) {
                return Some(head);
            }
            // "An official from the Port Authority stated": the role and its organisation.
            if start > lo + 2
                && self.word(start - 1)
                && self.low(start - 1) == "the"
                && matches!(self.low(start - 2), "from" | "for" | "at")
                && self.word(start - 3)
                && !p.tokens[start - 3].cap
                && self.is(start - 3, lx::ROLE_NOUNS)
            {
                return self.role_np_ending_at(t, lo);
            }
            // "Trump …, and on Twitter referred to …": the object of a preposition is no subject.
            if start > lo
                && self.word(start - 1)
                && self.is(start - 1, lx::PREPOSITIONS)
                && self.low(start - 1) != "of"
            {
                let before = start - 1;
                if before > lo
                    && self.word(before - 1)
                    && matches!(self.low(before - 1), "and" | "but")
                {
                    return self.sentence_subject(si);
                }
                // "An official from TfL stated": the role and the organisation it belongs to.
                if before > lo
                    && matches!(self.low(before), "from" | "for" | "at")
                    && self.word(before - 1)
                    && !p.tokens[before - 1].cap
                    && self.is(before - 1, lx::ROLE_NOUNS)
                {
                    return self.role_np_ending_at(t, lo);
                }
                return None;
            }
            return Some(self.coordinated(m, lo));
        }
        if p.tokens[t].cap && self.is(t, lx::MONTHS_AS_NAMES) {
            return Some(Subj::Word(t));
        }
        if matches!(w, "reports" | "rumours" | "rumors") {
            return Some(Subj::Unnamed(t));
        }
        self.role_np_ending_at(t, lo)
    }

    /// Where a short parenthesis that ends right before `end` opens (`Corps (IRGC)`), or `end`.
    pub(super) fn before_parenthesis(&self, end: usize, lo: usize) -> usize {
        let p = self.p;
        if end <= lo + 2 || !p.is_punct(end - 1, ')') {
            return end;
        }
        (lo..end - 1)
            .rev()
            .take(6)
            .take_while(|&k| !p.is_punct(k, ')'))
            .find(|&k| p.is_punct(k, '('))
            .filter(|&k| k > lo)
            .unwrap_or(end)
    }

    /// `Mayor Elena Dobre of the village of Pechea`, `Farmers in the West Country`: the head before
    /// a prepositional phrase that ends at `start`.
    fn pp_head(&self, start: usize, lo: usize) -> Option<Subj> {
        let mut k = start;
        let mut saw_prep = false;
        while k > lo && self.word(k - 1) && !self.p.tokens[k - 1].cap {
            let w = self.low(k - 1);
            if has(lx::PREPOSITIONS, w) {
                saw_prep = true;
            } else if !(has(lx::DETERMINERS, w)
                || has(lx::ROLE_NOUNS, w)
                || !has(lx::CLAUSE_WORDS, w))
            {
                break;
            }
            if has(lx::CLAUSE_WORDS, w) || has(lx::PRONOUNS, w) {
                break;
            }
            k -= 1;
            if has(lx::PREPOSITIONS, w) && k > lo && !self.word(k - 1) {
                break;
            }
            if has(lx::PREPOSITIONS, w) {
                // The token before the preposition ends the head phrase.
                if let Some(m) = self.mention_ending(k - 1) {
                    if self.mentions[m].kind != EKind::Place && !self.mentions[m].possessive {
                        return Some(Subj::Mention(m));
                    }
                }
                if !self.p.tokens[k - 1].cap && self.is(k - 1, lx::ROLE_NOUNS) {
                    return self.role_np_ending_at(k - 1, lo);
                }
            }
        }
        let _ = saw_prep;
        None
    }

    /// `Facebook, Google, and Twitter` ending with mention `m`.
    fn coordinated(&self, m: usize, lo: usize) -> Subj {
        let p = self.p;
        let mut first = self.mentions[m].toks.start;
        let mut count = 1;
        // "Facebook, Google, and Twitter": a list ends in "and"; "the Assembly, President
        // Zelensky" is not one.
        let last_joined_by_and = first > lo && self.word(first - 1) && self.low(first - 1) == "and";
        if !last_joined_by_and {
            return Subj::Mention(m);
        }
        loop {
            let mut k = first;
            let mut joined = false;
            if k > lo && self.word(k - 1) && self.low(k - 1) == "and" {
                k -= 1;
                joined = true;
            }
            if k > lo && p.is_punct(k - 1, ',') {
                k -= 1;
                joined = true;
            }
            if !joined || k == lo {
                break;
            }
            // "PG&E President and CEO Andy Vesey": titles joined by "and", not a list of names.
            let ends_with_role = |x: usize| {
                self.is(
                    self.mentions[x].toks.end - 1,
                    lx::ROLE_TITLES | lx::ROLE_NOUNS,
                )
            };
            match self.mention_ending(k - 1) {
                Some(prev)
                    if !self.mentions[prev].possessive
                        && self.mentions[prev].kind != EKind::Place
                        && !ends_with_role(prev) =>
                {
                    first = self.mentions[prev].toks.start;
                    count += 1;
                }
                _ => break,
            }
        }
        if count == 1 {
            Subj::Mention(m)
        } else {
            Subj::List(first..self.mentions[m].toks.end)
        }
    }

    /// A role or group noun phrase ending at `t` (`a spokesperson for the group`, `the judge`,
    /// `Critics`); `None` unless its head is a speaker noun.
    pub(super) fn role_np_ending_at(&self, t: usize, lo: usize) -> Option<Subj> {
        let p = self.p;
        if !self.word(t) || self.is(t, lx::PRONOUNS) {
            return None;
        }
        let mut k = t;
        while k > lo && k + 12 > t {
            let prev = k - 1;
            if !self.word(prev) {
                break;
            }
            if self.is(prev, lx::CLAUSE_WORDS | lx::PRONOUNS)
                || p.tokens[prev].lemma.is_some() && !p.tokens[prev].cap
            {
                break;
            }
            k -= 1;
            let after_preposition = k > lo
                && self.word(k - 1)
                && matches!(self.low(k - 1), "of" | "for" | "at" | "from");
            if (self.is(prev, lx::DETERMINERS) || self.possessive_pronoun(prev).is_some())
                && !after_preposition
            {
                break;
            }
        }
        self.phrase(k, t + 1)
    }

    /// A phrase from a determiner at `start` up to the first word that cannot be in it.
    pub(super) fn role_np_from(&self, start: usize, end: usize) -> Option<Subj> {
        let mut k = start + 1;
        while k < end && self.word(k) {
            if self.is(k, lx::CLAUSE_WORDS | lx::PRONOUNS)
                || (self.p.tokens[k].lemma.is_some() && k > start + 1)
            {
                break;
            }
            k += 1;
        }
        // Cut after the last speaker noun.
        let last = (start..k).rev().find(|&x| self.is(x, lx::ROLE_NOUNS))?;
        self.phrase(start, last + 1)
    }

    fn phrase(&self, a: usize, b: usize) -> Option<Subj> {
        // The head: the last speaker noun before a preposition, else the last word.
        let mut head = None;
        for k in a..b {
            if self.is(k, lx::PREPOSITIONS) && head.is_some() {
                break;
            }
            if self.is(k, lx::ROLE_NOUNS) {
                head = Some(k);
            }
        }
        let head = head?;
        (b - a <= 12).then_some(Subj::Phrase(a..b, head))
    }

    /// `according to agreed facts heard in court`: lowercase words from `k` up to a participle,
    /// punctuation or clause word, taken as they are (the words' own source).
    pub(super) fn plain_np(&self, k: usize, end: usize) -> Option<Subj> {
        let mut e = k;
        while e < end
            && self.word(e)
            && !self.p.tokens[e].cap
            && !self.is(e, lx::CLAUSE_WORDS | lx::PREPOSITIONS)
            && e < k + 6
        {
            if e > k && self.participle(e) {
                break;
            }
            e += 1;
        }
        (e > k + 1).then(|| Subj::Phrase(k..e, e - 1))
    }

    /// A mention of a person or organisation, or of a place after one (`Steve Scalise of
    /// Louisiana`).
    fn names_someone(&self, m: usize) -> bool {
        let mm = &self.mentions[m];
        if matches!(mm.kind, EKind::Person | EKind::Org) {
            return true;
        }
        let start = mm.toks.start;
        start >= 2
            && self.word(start - 1)
            && self.low(start - 1) == "of"
            && self
                .mention_ending(start - 2)
                .is_some_and(|x| self.mentions[x].kind == EKind::Person)
    }

    /// A lowercase past participle that starts a qualifying phrase (`heard in court`).
    fn participle(&self, k: usize) -> bool {
        let w = self.low(k);
        !self.p.tokens[k].cap
            && ((w.ends_with("ed") && w.len() > 4)
                || matches!(
                    w,
                    "heard" | "made" | "seen" | "given" | "held" | "found" | "shown"
                ))
    }

    pub(super) fn possessive_pronoun(&self, i: usize) -> Option<&'static str> {
        let w = self.low(i);
        POSSESSIVE_PRONOUNS
            .iter()
            .find(|(p, _)| *p == w)
            .map(|(_, s)| *s)
    }

    /// The subject of a sentence: after an opening phrase that ends in a comma.
    pub(super) fn sentence_subject(&self, si: usize) -> Option<Subj> {
        let p = self.p;
        let toks = p.sentences[si].toks.clone();
        let mut k = toks.start;
        while k < toks.end && p.tokens[k].kind != Tk::Word {
            k += 1;
        }
        if k >= toks.end {
            return None;
        }
        let starts_with_name = self.mention_starting(k).is_some() || self.pronoun(k);
        let det_then_name = self.is(k, lx::DETERMINERS) && k + 1 < toks.end;
        if !starts_with_name && !det_then_name {
            if let Some(c) = (k..(k + 12).min(toks.end)).find(|&x| p.is_punct(x, ',')) {
                k = c + 1;
            }
        }
        if k >= toks.end {
            return None;
        }
        // "The Biden campaign criticized …": a name and a group noun are the group.
        let name_at = self.mention_starting(k).or_else(|| {
            (self.is(k, lx::DETERMINERS) && k + 1 < toks.end)
                .then(|| self.mention_starting(k + 1))
                .flatten()
        });
        if let Some(m) = name_at {
            let end = self.mentions[m].toks.end;
            if end < toks.end
                && !self.mentions[m].possessive
                && self.word(end)
                && !p.tokens[end].cap
                && self.is(end, lx::GROUP_NOUNS)
            {
                return self.phrase(self.mentions[m].toks.start, end + 1);
            }
        }
        let subj = if self.pronoun(k) {
            Some(Subj::Pronoun(k))
        } else if let Some(m) = self.mention_starting(k).or_else(|| {
            (self.is(k, lx::DETERMINERS) && k + 1 < toks.end)
                .then(|| self.mention_starting(k + 1))
                .flatten()
        }) {
            Some(Subj::Mention(m))
        } else if self.is(k, lx::DETERMINERS) {
            self.role_np_from(k, toks.end)
        } else {
            None
        }?;
        // "African Export–Import Bank president Okey Oramah …": the person after the role.
        if let Subj::Mention(m) = &subj {
            if self.mentions[*m].kind != EKind::Person {
                let mut j = self.mentions[*m].toks.end;
                let start = j;
                while j < toks.end
                    && j < start + 3
                    && self.word(j)
                    && !p.tokens[j].cap
                    && self.is(j, lx::ROLE_NOUNS | lx::ROLE_TITLES)
                {
                    j += 1;
                }
                if let Some(person) = self
                    .mention_starting(j)
                    .filter(|&x| j > start && self.mentions[x].kind == EKind::Person)
                {
                    return Some(Subj::Mention(person));
                }
            }
        }
        // "The Chancellor, Rachel Whitmore, has …", "a Republican, Mark Amodei, has …": the
        // apposition names the subject.
        let end = match &subj {
            Subj::Mention(m) if self.mentions[*m].kind == EKind::Role => self.mentions[*m].toks.end,
            Subj::Mention(m)
                if self.mentions[*m].kind != EKind::Person && self.mentions[*m].toks.len() == 1 =>
            {
                self.mentions[*m].toks.end
            }
            Subj::Phrase(r, _) => r.end,
            _ => return Some(subj),
        };
        // "The mayor of London, Sadiq Khan, gave": past the role's place or organisation.
        let mut end = end;
        if end + 1 < toks.end && self.word(end) && matches!(self.low(end), "of" | "for" | "at") {
            let k = end + 1 + usize::from(self.is(end + 1, lx::DETERMINERS));
            if let Some(m) = self.mention_starting(k).filter(|&m| self.mentions[m].kind != EKind::Person) {
                end = self.mentions[m].toks.end;
            }
        }
        if end + 1 < toks.end && p.is_punct(end, ',') {
            if let Some(m) = self.mention_starting(end + 1) {
                if self.mentions[m].kind == EKind::Person {
                    return Some(Subj::Mention(m));
                }
            }
        }
        Some(subj)
    }

    /// A speaker phrase that starts at `k` (after `according to`, or after an inverted verb).
    pub(super) fn np_after(&self, k: usize, end: usize) -> Option<Subj> {
        let p = self.p;
        if k >= end || !self.word(k) {
            return None;
        }
        if self.pronoun(k) {
            return Some(Subj::Pronoun(k));
        }
        // Up to four lowercase role words before a name: "said assistant manager Kerry Dunn".
        let mut j = k;
        if self.word(j) && matches!(self.low(j), "the" | "a" | "an") {
            j += 1;
        }
        for _ in 0..5 {
            if j >= end {
                break;
            }
            if let Some(m) = self.mention_starting(j) {
                if self.mentions[m].kind != EKind::Place {
                    // "Huber's longtime partner Erick Rowan", "University of California, San
                    // Diego's chancellor, Pradeep Khosla": the person the words lead to.
                    let mm = &self.mentions[m];
                    // "Erdogan's office": the office speaks.
                    let end_m = mm.toks.end;
                    if mm.possessive
                        && end_m < end
                        && self.word(end_m)
                        && self.is(end_m, lx::GROUP_NOUNS)
                    {
                        if let Some(ph) = self.phrase(mm.toks.start, end_m + 1) {
                            return Some(ph);
                        }
                    }
                    // "quipped Valiant Entertainment editor Heather Antos": a name, a lowercase
                    // role word, then the person.
                    let role_next = end_m < end
                        && self.word(end_m)
                        && !p.tokens[end_m].cap
                        && self.is(end_m, lx::ROLE_NOUNS | lx::ROLE_TITLES);
                    // "tweeted Mayor of London Sadiq Khan": an office alone names no one; the
                    // person after it does.
                    let office_only = self.is(end_m - 1, lx::ROLE_TITLES | lx::ROLE_NOUNS);
                    if mm.possessive || mm.kind == EKind::Org || role_next || office_only {
                        if let Some(person) = self.person_after(mm.toks.end, end) {
                            return Some(Subj::Mention(person));
                        }
                    }
                    return Some(Subj::Mention(m));
                }
            }
            if !self.word(j) || p.tokens[j].cap || self.is(j, lx::CLAUSE_WORDS) {
                break;
            }
            j += 1;
        }
        if p.tokens[k].cap && self.is(k, lx::MONTHS_AS_NAMES) {
            return Some(Subj::Word(k));
        }
        // A phrase: up to the next punctuation or clause word.
        let mut e = k;
        while e < end && self.word(e) && !self.is(e, lx::CLAUSE_WORDS) && e < k + 10 {
            // A verb ends the phrase, but not a noun after a determiner ("the report").
            let verb = self.p.tokens[e].lemma.is_some() && !self.is(e - 1, lx::DETERMINERS);
            if e > k && (verb || self.participle(e)) {
                break;
            }
            e += 1;
        }
        // "a tweet on Monday by US Secretary of State Mike Pompeo": the author of a document.
        if let Some(doc) = (k..e).find(|&x| self.is(x, lx::DOCUMENT_NOUNS)) {
            let by = (doc + 1..(doc + 6).min(end)).find(|&x| self.word(x) && self.low(x) == "by");
            if let Some(m) = by.and_then(|b| self.np_after(b + 1, end)) {
                return Some(m);
            }
        }
        let last = (k..e).rev().find(|&x| self.is(x, lx::ROLE_NOUNS))?;
        // Keep a following "for/of/at …" complement up to the phrase end.
        let mut stop = last + 1;
        if stop < e && matches!(self.low(stop), "for" | "of" | "at") {
            stop = e;
        }
        // "his father, Abdullah Kurdi, …": the apposition names him.
        if stop + 1 < end && p.is_punct(stop, ',') {
            if let Some(m) = self
                .mention_starting(stop + 1)
                .filter(|&m| self.mentions[m].kind == EKind::Person)
            {
                return Some(Subj::Mention(m));
            }
        }
        self.phrase(k, stop)
    }

    /// A person named within a few words after `from` (across commas, possessive names and
    /// lowercase role words, but no verb or clause word).
    fn person_after(&self, from: usize, end: usize) -> Option<usize> {
        let p = self.p;
        let mut k = from;
        while k < end && k < from + 12 {
            if let Some(m) = self.mention_starting(k) {
                let mm = &self.mentions[m];
                if mm.kind == EKind::Person && !mm.possessive {
                    return Some(m);
                }
                k = mm.toks.end;
                continue;
            }
            let ok = p.is_punct(k, ',')
                || (self.word(k)
                    && !p.tokens[k].cap
                    && p.tokens[k].lemma.is_none()
                    && !self.is(k, lx::CLAUSE_WORDS | lx::PRONOUNS));
            if !ok {
                return None;
            }
            k += 1;
        }
        None
    }
}
