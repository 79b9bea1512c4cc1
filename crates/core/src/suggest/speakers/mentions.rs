//! Pass 1: mentions. Runs of capitalised words become names, stripped of titles and roles, each
//! classed as a person, organisation, place, role or unknown. Uses the lexicon and the tokens.

use super::{gender_of_role, strip_possessive, Analysis, EKind, Gender, Mention};
use crate::suggest::lexicon::{self as lx, has};
use crate::suggest::text::{Tk, NO_QUOTE};

fn is_first_name(w: &str) -> bool {
    has(lx::FEMALE_NAMES, w) || has(lx::MALE_NAMES, w)
}

/// The first word of a holiday's name (`Christmas Eve`, `Easter Monday`), which no person has.
fn is_holiday(w: &str) -> bool {
    matches!(w, "christmas" | "easter" | "thanksgiving" | "ramadan" | "hanukkah" | "diwali" | "passover" | "halloween")
}

fn gender_of_first_name(w: &str) -> Gender {
    match (has(lx::FEMALE_NAMES, w), has(lx::MALE_NAMES, w)) {
        (true, false) => Gender::Female,
        (false, true) => Gender::Male,
        _ => Gender::Unknown,
    }
}

fn gender_of_title(w: &str) -> Gender {
    match w {
        "mr" | "sir" | "lord" | "father" | "brother" | "king" | "prince" | "sheikh" => Gender::Male,
        "mrs" | "ms" | "miss" | "dame" | "lady" | "sister" | "queen" | "princess" => Gender::Female,
        _ => Gender::Unknown,
    }
}

impl Analysis<'_> {
    fn can_start(&self, i: usize) -> bool {
        let p = self.p;
        if !self.word(i) {
            return false;
        }
        let next_cap = i + 1 < p.tokens.len()
            && self.cap_word(i + 1)
            && p.tokens[i + 1].para == p.tokens[i].para;
        if p.tokens[i].cap {
            let sentence_start = self.p.sentences[self.sentence_of(i)].toks.start;
            if self.opening_participle(i, sentence_start).is_some() {
                return false;
            }
            // "Remarked … Tierra Curry, “…”": a verb, not a name.
            if self.opening_inversion(i, self.p.sentences[self.sentence_of(i)].toks.clone()).is_some() {
                return false;
            }
            // "US", "UK": an abbreviation in capitals is a name even when it spells a word.
            if !self.is(i, lx::NOT_NAMES) || self.all_caps(i) {
                return true;
            }
            if self.is(i, lx::FEMALE_NAMES | lx::MALE_NAMES)
                && next_cap
                && !self.is(i + 1, lx::NOT_NAMES)
            {
                return true; // "Will Hocking", "May Smith"
            }
            // "May said", "May’s comments": a month or modal that is a name here.
            if self.is(i, lx::MONTHS_AS_NAMES) && (self.possessive(i) || self.verb_follows(i + 1)) {
                return true;
            }
            return false;
        }
        self.is(i, lx::PARTICLES) && next_cap && !self.is(i + 1, lx::NOT_NAMES)
    }

    /// Whether a reporting verb follows at `i`, perhaps after adverbs (`May also said`).
    fn verb_follows(&self, mut i: usize) -> bool {
        let n = self.p.tokens.len();
        while i < n && self.word(i) && self.is(i, lx::SKIP_BEFORE_VERB) {
            i += 1;
        }
        i < n && self.word(i) && !self.p.tokens[i].cap && self.p.tokens[i].lemma.is_some()
    }

    pub(super) fn build_mentions(&mut self) {
        let n = self.p.tokens.len();
        let mut i = 0;
        while i < n {
            if !self.can_start(i) {
                i += 1;
                continue;
            }
            let end = self.extend_run(i);
            self.add_mention(i, end);
            i = end;
        }
        // Surnames and titled single names map to the earliest full name.
        for m in 0..self.mentions.len() {
            let mm = &self.mentions[m];
            if !matches!(mm.kind, EKind::Person | EKind::Unknown) {
                continue;
            }
            let words = &mm.name_words;
            let single = words.len() == 1 || (words.len() >= 2 && has(lx::PARTICLES, &words[0]));
            if !single {
                continue;
            }
            let key = words.join(" ");
            if let Some(&full) = self.surnames.get(&key) {
                let (canonical, gender) = (
                    self.mentions[full].canonical.clone(),
                    self.mentions[full].gender,
                );
                let mm = &mut self.mentions[m];
                mm.canonical = canonical;
                mm.kind = EKind::Person;
                if mm.gender == Gender::Unknown {
                    mm.gender = gender;
                }
            }
        }
    }

    fn extend_run(&self, i: usize) -> usize {
        let p = self.p;
        let n = p.tokens.len();
        let para = p.tokens[i].para;
        let b0 = self.base(i);
        let person_like = is_first_name(b0) || has(lx::PERSONAL_TITLES, b0);
        let mut orgish = has(lx::ORG_WORDS, b0) || b0.chars().count() >= 2 && self.all_caps(i);
        let mut j = i + 1;
        let same = |k: usize| k < n && p.tokens[k].para == para && p.tokens[k].quote == NO_QUOTE;
        while same(j) {
            if self.possessive(j - 1) && !(self.cap_word(j) && self.is(j, lx::ORG_WORDS)) {
                break;
            }
            if p.is_punct(j, '.')
                && (self.is(j - 1, lx::NO_STOP_ABBREVIATIONS)
                    || self.is(j - 1, lx::PERSONAL_TITLES)
                    || self.initial(j - 1))
                && same(j + 1)
                && self.cap_word(j + 1)
            {
                j += 1; // "Dr. Linda Osei", "Jessie K. Liu"
                continue;
            }
            if self.cap_word(j) {
                let b = self.base(j);
                let initial = self.initial(j) && j + 1 < n && p.is_punct(j + 1, '.');
                if !self.is(j, lx::NOT_NAMES) || initial {
                    orgish |= self.is(j, lx::ORG_WORDS);
                    j += 1;
                    continue;
                }
                if matches!(b, "of" | "for" | "on" | "the" | "and" | "de" | "la" | "du")
                    && same(j + 1)
                    && self.cap_word(j + 1)
                {
                    j += 1; // "Centre For The Study Of …"
                    continue;
                }
                break;
            }
            if matches!(p.punct_char(j), Some('–' | '-'))
                && same(j + 1)
                && self.cap_word(j + 1)
                && p.tokens[j].start == p.tokens[j - 1].end
                && p.tokens[j + 1].start == p.tokens[j].end
                && (j + 1..(j + 4).min(n))
                    .take_while(|&k| same(k) && self.cap_word(k))
                    .any(|k| self.is(k, lx::ORG_WORDS))
            {
                j += 2; // "African Export–Import Bank"
                continue;
            }
            if self.word(j) && self.hyphen_particle(j) {
                j += 1; // "Abdel Fattah el-Sisi", "Bashar al-Assad"
                continue;
            }
            if self.word(j) && same(j + 1) && self.cap_word(j + 1) && !self.is(j + 1, lx::NOT_NAMES)
            {
                let w = self.low(j);
                if self.is(j, lx::PARTICLES)
                    || (matches!(w, "of" | "for" | "on" | "&") && orgish)
                    // Not "the University of Miami and Chris Fallows": a first name after "and"
                    // starts a person.
                    || (w == "and" && orgish && !person_like && !is_first_name(self.base(j + 1)))
                {
                    j += 2;
                    continue;
                }
            }
            // "Catholic Bishops' Conference of the Philippines", "University of the West Indies",
            // "Members of the House of Commons" (a body's members are named by the body).
            if (orgish || (j == i + 1 && self.base(i) == "members"))
                && self.word(j)
                && self.low(j) == "of"
                && same(j + 2)
                && self.word(j + 1)
                && self.low(j + 1) == "the"
                && self.cap_word(j + 2)
                && !self.is(j + 2, lx::NOT_NAMES)
            {
                orgish |= self.is(j + 2, lx::ORG_WORDS);
                j += 3;
                continue;
            }
            break;
        }
        j
    }

    /// A lowercase particle joined to a capitalised name by a hyphen: `el-Sisi`, `al-Assad`.
    fn hyphen_particle(&self, i: usize) -> bool {
        let t = &self.p.tokens[i];
        let cs = &self.p.chars[t.start..t.end];
        let Some(h) = cs.iter().position(|&c| c == '-') else {
            return false;
        };
        let particle: String = cs[..h].iter().collect();
        h + 1 < cs.len()
            && cs[h + 1].is_uppercase()
            && matches!(
                particle.as_str(),
                "el" | "al" | "ad" | "as" | "ash" | "an" | "ibn" | "bin" | "abu" | "ben"
            )
    }

    /// A single capital letter: a middle initial (`K` in `Jessie K. Liu`).
    fn initial(&self, i: usize) -> bool {
        let t = &self.p.tokens[i];
        t.kind == Tk::Word && t.end == t.start + 1 && self.p.chars[t.start].is_uppercase()
    }

    pub(super) fn all_caps(&self, i: usize) -> bool {
        let t = &self.p.tokens[i];
        let cs = &self.p.chars[t.start..t.end];
        cs.iter().filter(|c| c.is_alphabetic()).count() >= 2
            && cs
                .iter()
                .filter(|c| c.is_alphabetic())
                .all(|c| c.is_uppercase() || *c == 's')
            && cs.iter().filter(|c| c.is_uppercase()).count() >= 2
    }

    fn add_mention(&mut self, a: usize, b: usize) {
        let p = self.p;
        let mut s = a;
        let mut roles: Vec<String> = Vec::new();
        let mut title_gender = Gender::Unknown;
        let mut titled = false;
        while s < b {
            if p.tokens[s].kind == Tk::Punct {
                s += 1;
                continue;
            }
            let w = self.base(s);
            // "Fourteen-year-old Zoe": an age is no part of the name.
            if w.ends_with("-year-old") && s + 1 < b {
                s += 1;
                continue;
            }
            if has(lx::PERSONAL_TITLES, w) {
                titled = true;
                if title_gender == Gender::Unknown {
                    title_gender = gender_of_title(w);
                }
                s += 1;
                continue;
            }
            if (has(lx::ROLE_TITLES, w) || has(lx::ROLE_NOUNS, w))
                && (s + 1 < b || has(lx::ROLE_NOUNS, w))
            {
                roles.push(w.to_string());
                s += 1;
                continue;
            }
            break;
        }
        let mut name: Vec<usize> = (s..b).filter(|&k| p.tokens[k].kind == Tk::Word).collect();
        // "President of Argentina Alberto Fernández", "US Ambassador to the United Nations Nikki
        // Haley", "Undersecretary for Education Mr. Toccafondi": the preposition after a role.
        let prep = if a >= 1 && matches!(self.low(a - 1), "of" | "from" | "to" | "for") {
            Some(a - 1)
        } else if a >= 2 && self.low(a - 1) == "the" && matches!(self.low(a - 2), "of" | "from" | "to" | "for") {
            Some(a - 2)
        } else {
            None
        };
        let role_word = |k: usize| self.word(k) && self.is(k, lx::ROLE_TITLES | lx::ROLE_NOUNS);
        let ends_with_role = |m: usize| {
            self.mentions[m].kind == EKind::Role || role_word(self.mentions[m].toks.end - 1)
        };
        let after_role = prep.is_some_and(|k| {
            k >= 1 && (role_word(k - 1) || self.mention_ending(k - 1).is_some_and(ends_with_role))
        });
        // "former Olympian Samuel Otieno" (after a role and its preposition, the block below
        // strips the organisation and keeps the role).
        if name.len() >= 3 && !is_first_name(self.base(name[0])) && !after_role {
            if let Some(k) = (1..name.len() - 1).find(|&k| is_first_name(self.base(name[k]))) {
                name.drain(..k); // "former Olympian Samuel Otieno"
            }
        }
        let mut stripped: Vec<String> = Vec::new();
        // "Indian Prime Minister Narendra Modi", "United States Attorney Jessie K. Liu": the name
        // is what follows the last role word, when two words or more follow it.
        // "U.S. Attorney Bash": after a capitalised title with words before it, one word is
        // enough (the surname, which the people index joins to the full name).
        let n = name.len();
        let one_after = n >= 3
            && p.tokens[name[n - 2]].cap
            && self.is(name[n - 2], lx::ROLE_TITLES | lx::PERSONAL_TITLES)
            && name[..n - 2]
                .iter()
                .all(|&k| p.tokens[k].cap && !self.is(k, lx::ORG_WORDS));
        let last_role = if one_after { n - 1 } else { n.saturating_sub(2) };
        if let Some(r) = (0..last_role).rev().find(|&r| {
            self.is(
                name[r],
                lx::ROLE_TITLES | lx::ROLE_NOUNS | lx::PERSONAL_TITLES,
            )
        }) {
            let tail_is_name = name[r + 1..].iter().all(|&k| {
                (p.tokens[k].cap || self.is(k, lx::PARTICLES))
                    && !self.is(k, lx::ORG_WORDS | lx::PLACE_WORDS)
            });
            if tail_is_name {
                roles.push(self.base(name[r]).to_string());
                stripped.extend(name[..=r].iter().map(|&k| self.base(k).to_string()));
                name.drain(..=r);
            }
        }
        // "President of Argentina Alberto Fernández", "US Ambassador to the United Nations Nikki
        // Haley", "director of Amnesty International Man-kei Tam": after "Role of/to/from (the)",
        // the place or organisation is not the name; the person is the last two words (with a
        // middle initial or a known first name before them), or from the first known first name
        // on ("Governor of Washington Chris Gregoire").
        if let Some(prep) = prep.filter(|&k| name.len() >= 3 && s == a && k >= 1 && after_role) {
            let role_at = prep - 1;
            let n = name.len();
            let mut i = n - 2;
            if i > 0 && self.base(name[i]).chars().count() == 1 {
                i -= 1; // "Donald J. Trump"
            }
            if i > 0 && is_first_name(self.base(name[i - 1])) && is_first_name(self.base(name[i])) {
                i -= 1; // "Abdel Fattah el-Sisi"
            }
            if let Some(f) = (1..i).find(|&k| is_first_name(self.base(name[k]))) {
                i = f; // "Governor of New South Wales Maria Lopez Garcia"
            }
            let tail_is_name = name[i..].iter().all(|&k| {
                (p.tokens[k].cap || self.is(k, lx::PARTICLES)) && !self.is(k, lx::ORG_WORDS | lx::PLACE_WORDS)
            });
            if tail_is_name && i > 0 {
                roles.push(self.base(role_at).to_string());
                stripped.extend(name[..i].iter().map(|&k| self.base(k).to_string()));
                name.drain(..i);
            }
        }
        // "Ambassador to the United Nations Nikki Haley": a first name after the organisation's
        // last word starts the person's name.
        if let Some(o) = name.iter().rposition(|&k| self.is(k, lx::ORG_WORDS)) {
            let tail = &name[o + 1..];
            let plausible =
                tail.len() == 2 || (tail.len() == 3 && is_first_name(self.base(tail[0])));
            if plausible && tail.iter().all(|&k| p.tokens[k].cap && !self.all_caps(k)) {
                stripped.extend(name[..=o].iter().map(|&k| self.base(k).to_string()));
                name.drain(..=o);
            }
        }
        let words: Vec<String> = name.iter().map(|&k| self.base(k).to_string()).collect();
        // Connectors inside what is left of the name ("Bank of England"; not the "of" of a role
        // already stripped, as in "US Secretary of State Mike Pompeo").
        let name_start = name.first().copied().unwrap_or(b);
        let has_connector =
            (name_start..b).any(|k| matches!(self.low(k), "of" | "for" | "and" | "&"));
        let orgish = words.iter().any(|w| has(lx::ORG_WORDS, w))
            || has_connector
            || (!name.is_empty() && name.iter().all(|&k| self.all_caps(k)));
        let placeish = words.iter().any(|w| has(lx::PLACE_WORDS, w));
        let prev = (a > 0 && p.tokens[a - 1].para == p.tokens[a].para).then(|| self.low(a - 1));
        let after_number = a > 0 && p.tokens[a - 1].kind == Tk::Num;
        let after_the = prev == Some("the") || after_number;
        let after_locative =
            prev.is_some_and(|w| matches!(w, "in" | "at" | "near" | "from" | "across" | "outside"));
        let starts_with_particle = !words.is_empty() && has(lx::PARTICLES, &words[0]);
        // "outside Washington, D.C. saying": an abbreviated state or region after a place and a
        // comma is part of the place, not someone.
        let place_before_comma = a >= 2
            && p.is_punct(a - 1, ',')
            && self.mentions.last().is_some_and(|m| {
                m.toks.end + 1 == a
                    && (m.kind == EKind::Place
                        || (m.toks.start > 0
                            && matches!(self.low(m.toks.start - 1), "in" | "at" | "near" | "from" | "outside")))
            });
        let abbreviated = (a..b).any(|k| p.is_punct(k, '.')) || p.chars[p.tokens[b - 1].start..p.tokens[b - 1].end].ends_with(&['.']);
        let kind = if name.is_empty() {
            EKind::Role
        } else if place_before_comma && abbreviated && !titled && roles.is_empty() && words.len() <= 2 {
            EKind::Place
        } else if orgish {
            EKind::Org
        } else if placeish || is_holiday(&words[0]) {
            // A holiday ("since Christmas Eve") names a time, like a place no one who speaks.
            EKind::Place
        } else if titled
            || !roles.is_empty()
            || is_first_name(&words[0])
            || starts_with_particle
            || (words.len() >= 2 && !after_the && !after_locative)
        {
            EKind::Person
        } else if words.len() >= 2 {
            EKind::Place
        } else {
            EKind::Unknown
        };
        let mut gender = title_gender;
        if gender == Gender::Unknown && kind == EKind::Person && !words.is_empty() {
            gender = gender_of_first_name(&words[0]);
        }
        let text_of = |ks: &[usize]| -> String {
            let mut out = String::new();
            for (x, &k) in ks.iter().enumerate() {
                if x > 0 {
                    out.push(' ');
                }
                out.push_str(&p.text(k));
            }
            strip_possessive(&out).to_string()
        };
        let canonical = match kind {
            // As written from the first name word to the last, initials' dots kept.
            EKind::Person | EKind::Unknown if !name.is_empty() => {
                let (first, last) = (name[0], *name.last().expect("name"));
                // "Robert Downey Jr.": a suffix keeps its dot.
                let dot = last + 1 < p.tokens.len()
                    && matches!(self.base(last), "jr" | "sr")
                    && p.is_punct(last + 1, '.');
                let written =
                    strip_possessive(&p.span_text(first, last + 1 + usize::from(dot))).to_string();
                if written.split_whitespace().count() == name.len() {
                    written
                } else {
                    text_of(&name)
                }
            }
            EKind::Person | EKind::Unknown => text_of(&name),
            EKind::Org | EKind::Place => {
                // An organisation keeps its role-like words ("Foreign Ministry of Iraq"); only
                // personal titles before it go.
                let first = (a..b)
                    .find(|&k| !(p.tokens[k].kind == Tk::Word && self.is(k, lx::PERSONAL_TITLES)))
                    .unwrap_or(a);
                let last = b;
                strip_possessive(&p.span_text(first, last)).to_string()
            }
            EKind::Role => strip_possessive(&p.span_text(a, b)).to_string(),
        };
        // Roles: stripped titles, a lowercase role noun just before (`pensions minister Joanna
        // Reeve`), an apposition before (`The Chancellor, Rachel Whitmore`) or after
        // (`Priya Raman, the county's health officer`).
        let role_words: Vec<String> = (a..s)
            .filter(|&k| p.tokens[k].kind == Tk::Word)
            .map(|k| self.base(k).to_string())
            .chain(stripped)
            .chain(roles.iter().cloned())
            .collect();
        let mut role = roles.last().cloned();
        if matches!(kind, EKind::Person | EKind::Unknown) && role.is_none() {
            role = self.role_near(a, b);
        }
        // "Turkish president Erdoğan": a single name with a role before it is a person.
        // ("The drivers' union, Unirail": an organisation, by its role word.)
        let kind = match &role {
            Some(r)
                if kind == EKind::Unknown && (has(lx::ORG_WORDS, r) || has(lx::GROUP_NOUNS, r)) =>
            {
                EKind::Org
            }
            Some(_) if kind == EKind::Unknown => EKind::Person,
            _ => kind,
        };
        if kind == EKind::Role {
            role = Some(self.base(b - 1).to_string());
        }
        if gender == Gender::Unknown {
            if let Some(r) = &role {
                gender = gender_of_role(r);
            }
        }
        if kind == EKind::Person && words.len() >= 2 && !starts_with_particle {
            let idx = self.mentions.len();
            let last = words.len() - 1;
            self.surnames.entry(words[last].clone()).or_insert(idx);
            if last >= 2 && has(lx::PARTICLES, &words[last - 1]) {
                self.surnames
                    .entry(format!("{} {}", words[last - 1], words[last]))
                    .or_insert(idx);
            }
        }
        let si = self.sentence_of(a);
        let sent_start = p.sentences[si].toks.start;
        let subject = a <= sent_start + 3
            || (sent_start..a).filter(|&k| p.is_punct(k, ',')).count() == 1
                && p.is_punct(a - 1, ',');
        let idx = self.mentions.len() as u32 + 1;
        self.mention_start[a] = idx;
        self.mention_end[b - 1] = idx;
        self.mentions.push(Mention {
            toks: a..b,
            kind,
            gender,
            para: p.tokens[a].para as usize,
            possessive: self.possessive(b - 1),
            role,
            role_words,
            canonical,
            subject,
            name_words: words,
        });
    }

    fn role_near(&self, a: usize, b: usize) -> Option<String> {
        let p = self.p;
        let para = p.tokens[a].para;
        let ok = |k: usize| p.tokens[k].para == para && p.tokens[k].quote == NO_QUOTE;
        if a >= 1
            && ok(a - 1)
            && self.word(a - 1)
            && !p.tokens[a - 1].cap
            && self.is(a - 1, lx::ROLE_NOUNS)
        {
            return Some(self.base(a - 1).to_string());
        }
        if a >= 2
            && ok(a - 2)
            && p.is_punct(a - 1, ',')
            && self.word(a - 2)
            && self.is(a - 2, lx::ROLE_NOUNS)
        {
            return Some(self.base(a - 2).to_string());
        }
        if b < p.tokens.len() && ok(b) && p.is_punct(b, ',') {
            let mut last = None;
            for k in b + 1..(b + 8).min(p.tokens.len()) {
                if !ok(k) || p.tokens[k].kind != Tk::Word {
                    break;
                }
                if !p.tokens[k].cap && self.is(k, lx::ROLE_NOUNS) {
                    last = Some(self.base(k).to_string());
                }
                if matches!(self.low(k), "of" | "for" | "at" | "who" | "which") {
                    break;
                }
            }
            return last;
        }
        None
    }
}
