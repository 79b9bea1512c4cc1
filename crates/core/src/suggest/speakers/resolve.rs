//! Resolution: from a subject (a name, a pronoun, a role phrase) to the speaker it stands for, by
//! the names and speakers before it. Uses the mentions and events of passes 1 and 2.

use super::{gender_of_role, strip_possessive, Analysis, EKind, Gender, Mention, Speaker, Subj};
use crate::suggest::lexicon::{self as lx, has};

/// How many earlier names a role (`the judge`) or a definite organisation (`the zoo`) looks back
/// over: enough for a long article, and it keeps the detector linear.
const LOOK_BACK_MENTIONS: usize = 400;

fn strip_determiner(s: &str) -> &str {
    for d in ["the ", "The ", "a ", "A ", "an ", "An ", "one ", "One "] {
        if let Some(rest) = s.strip_prefix(d) {
            // "one of the victims" keeps its "one".
            if d.eq_ignore_ascii_case("one ") && rest.starts_with("of ") {
                return s;
            }
            return rest;
        }
    }
    s
}

impl Analysis<'_> {
    pub(super) fn resolve(&self, subj: &Subj, at: usize) -> Option<Speaker> {
        let p = self.p;
        match subj {
            Subj::Mention(m) => {
                let mm = &self.mentions[*m];
                let written =
                    strip_possessive(&p.span_text(mm.toks.start, mm.toks.end)).to_string();
                // "the Pope", "the King": a title alone is the last person named with it before.
                let last = mm.toks.end - 1;
                let title = self.is(last, lx::PERSONAL_TITLES) && (mm.toks.start..last).all(|k| self.low(k) == "the");
                if let Some(h) = title.then(|| self.title_holder(self.base(last), mm.toks.start)).flatten().map(|h| &self.mentions[h]) {
                    return Some(Speaker {
                        note: Some(format!("“{written}” is {}", h.canonical)),
                        written,
                        canonical: Some(h.canonical.clone()),
                        kind: EKind::Person,
                        gender: h.gender,
                    });
                }
                if mm.kind == EKind::Role {
                    // "the Prime Minister", with its article as written.
                    let start = mm.toks.start;
                    let with_article =
                        start > 0 && self.word(start - 1) && self.low(start - 1) == "the";
                    let written = if with_article {
                        strip_possessive(&p.span_text(start - 1, mm.toks.end)).to_string()
                    } else {
                        written
                    };
                    return Some(self.resolve_phrase(written, mm.toks.end - 1, true, at));
                }
                let note = (!written.contains(&mm.canonical))
                    .then(|| "the earliest full name with that surname".into());
                Some(Speaker {
                    written,
                    canonical: Some(mm.canonical.clone()),
                    kind: mm.kind,
                    gender: mm.gender,
                    note,
                })
            }
            Subj::Unnamed(_) => None,
            Subj::Pronoun(t) => self.resolve_pronoun(&p.text(*t), self.low(*t), *t),
            Subj::Word(t) => {
                let written = strip_possessive(&p.text(*t)).to_string();
                let canonical = self
                    .surnames
                    .get(self.base(*t))
                    .map(|&f| self.mentions[f].canonical.clone());
                let kind = if canonical.is_some() {
                    EKind::Person
                } else {
                    EKind::Unknown
                };
                Some(Speaker {
                    canonical: canonical.or(Some(written.clone())),
                    written,
                    kind,
                    gender: Gender::Unknown,
                    note: None,
                })
            }
            Subj::List(r) => {
                let written = p.span_text(r.start, r.end);
                Some(Speaker {
                    canonical: Some(written.clone()),
                    written,
                    kind: EKind::Org,
                    gender: Gender::Unknown,
                    note: None,
                })
            }
            Subj::Phrase(r, head) => {
                let written = p.span_text(r.start, r.end);
                let definite = self.word(r.start)
                    && (matches!(self.low(r.start), "the" | "this" | "that" | "its" | "their")
                        || self.possessive(r.start));
                Some(self.resolve_phrase(written, *head, definite, at))
            }
        }
    }

    pub(super) fn resolve_pronoun(&self, written: &str, w: &str, at: usize) -> Option<Speaker> {
        let none = |kind, gender| Speaker {
            written: written.to_string(),
            canonical: None,
            kind,
            gender,
            note: None,
        };
        match w {
            "he" | "she" => {
                let g = if w == "he" {
                    Gender::Male
                } else {
                    Gender::Female
                };
                Some(match self.antecedent(at, g) {
                    Some((name, gender)) => Speaker {
                        written: written.to_string(),
                        canonical: Some(name.clone()),
                        kind: EKind::Person,
                        gender: if gender == Gender::Unknown { g } else { gender },
                        note: Some(format!(
                            "“{written}” is the nearest preceding {} named outside quotes",
                            if g == Gender::Male {
                                "man or person"
                            } else {
                                "woman or person"
                            }
                        )),
                    },
                    None => none(EKind::Person, g),
                })
            }
            "they" | "it" => Some(match self.group_antecedent(at, w == "it") {
                Some(name) => Speaker {
                    written: written.to_string(),
                    canonical: Some(name),
                    kind: EKind::Org,
                    gender: Gender::Unknown,
                    note: Some(format!(
                        "“{written}” is the nearest preceding organisation or group"
                    )),
                },
                None => none(EKind::Org, Gender::Unknown),
            }),
            _ => None,
        }
    }

    fn resolve_phrase(&self, written: String, head: usize, definite: bool, at: usize) -> Speaker {
        // "the judge's (statement)": the role, without the possessive.
        let plain = strip_possessive(strip_determiner(&written)).to_string();
        // "head of the police's internal investigators": the head is before "of".
        let before_of = plain
            .split(" of ")
            .next()
            .and_then(|h| h.split_whitespace().last())
            .map(|w| w.to_lowercase())
            .filter(|w| plain.contains(" of ") && has(lx::ROLE_NOUNS, w));
        let hw = before_of.unwrap_or_else(|| self.base(head).to_string());
        let org_head = has(lx::ORG_WORDS, &hw);
        let kind = if org_head || (hw.ends_with('s') && !hw.ends_with("ss")) {
            EKind::Org
        } else {
            EKind::Person
        };
        let mut sp = Speaker {
            written,
            canonical: Some(plain.clone()),
            kind,
            gender: gender_of_role(&hw),
            note: None,
        };
        if !definite {
            return sp;
        }
        let para = self.p.tokens[at].para as usize;
        if has(lx::DOCUMENT_NOUNS, &hw) {
            // "the statement said": whoever made the statement.
            let k = self.events.partition_point(|e| e.verb < at);
            let earlier = self.events[..k]
                .iter()
                .rev()
                .take_while(|e| e.para + 1 >= para);
            if let Some(s) = earlier
                .filter_map(|e| e.speaker.as_ref())
                .find(|s| s.canonical.is_some())
            {
                sp.canonical = s.canonical.clone();
                sp.kind = s.kind;
                sp.note = Some(format!("the {hw} of {}", s.written));
            }
            return sp;
        }
        if org_head {
            let found = self
                .mentions_before(at)
                .take(LOOK_BACK_MENTIONS)
                .find(|m| m.kind == EKind::Org && m.name_words.contains(&hw));
            if let Some(m) = found {
                sp.canonical = Some(m.canonical.clone());
                sp.note = Some(format!("“the {hw}” is {}", m.canonical));
            }
            return sp;
        }
        // "the local health minister" is not "Civil Aviation Minister …": words before the head
        // must agree with the holder's, when both have some.
        let modifiers: Vec<String> = plain
            .split_whitespace()
            .map(|w| {
                w.trim_matches(|c: char| !c.is_alphanumeric())
                    .to_lowercase()
            })
            .filter(|w| *w != hw && !has(lx::DETERMINERS, w))
            .collect();
        if has(lx::PERSONAL_TITLES, &hw) {
            if let Some(h) = self.title_holder(&hw, at).map(|h| &self.mentions[h]) {
                sp.canonical = Some(h.canonical.clone());
                sp.gender = h.gender;
                sp.note = Some(format!("“the {hw}” is {}", h.canonical));
                return sp;
            }
        }
        let role_holder = self.mentions_before(at).take(LOOK_BACK_MENTIONS).find(|m| {
            m.kind == EKind::Person
                && m.role.as_deref() == Some(hw.as_str())
                && (modifiers.is_empty()
                    || m.role_words.len() <= 1
                    || modifiers.iter().any(|w| m.role_words.contains(w)))
        });
        if let Some(m) = role_holder {
            sp.canonical = Some(m.canonical.clone());
            sp.kind = EKind::Person;
            sp.gender = m.gender;
            sp.note = Some(format!("“the {hw}” is {}", m.canonical));
        } else if sp.kind == EKind::Person && self.short_role_phrase(&sp.written) {
            // "…,” said study co-author Karen Alley. The Wooster professor added": a role nobody
            // named holds is the person who spoke just before, in this paragraph or the last.
            let k = self.events.partition_point(|e| e.verb < at);
            let sentence = self.sentence_of(at);
            let previous = self.events[..k]
                .iter()
                .rev()
                .take_while(|e| self.sentence_of(e.verb) + 2 >= sentence)
                .find_map(|e| e.speaker.as_ref());
            // Only a named speaker: "An official from TfL stated … The mayor … added" are two.
            let named = |s: &&Speaker| {
                let first = s.written.split_whitespace().next().unwrap_or("");
                s.kind == EKind::Person && s.canonical.is_some() && !has(lx::DETERMINERS, &first.to_lowercase())
            };
            if let Some(s) = previous.filter(named) {
                sp.canonical = s.canonical.clone();
                sp.gender = s.gender;
                sp.note = Some(format!("“the {hw}” is the previous speaker, {}", s.written));
            }
        }
        sp
    }

    /// `the professor`, `The Wooster professor`: a short definite role with no complement or
    /// possessive, which refers back rather than introducing someone.
    fn short_role_phrase(&self, written: &str) -> bool {
        let words: Vec<&str> = written.split_whitespace().collect();
        words.len() <= 3
            && words.first().is_some_and(|w| w.eq_ignore_ascii_case("the"))
            && !written.contains('\'')
            && !written.contains('’')
            && !words
                .iter()
                .any(|w| matches!(*w, "of" | "for" | "at" | "in" | "from"))
    }

    /// The last person named with title `title` before token `at`, within the look-back (`Pope
    /// Francis` for `the Pope`, `King Maha Vajiralongkorn` for `the king`).
    pub(super) fn title_holder(&self, title: &str, at: usize) -> Option<usize> {
        let k = self.mentions.partition_point(|m| m.toks.start < at);
        let lo = k.saturating_sub(LOOK_BACK_MENTIONS);
        self.mentions[lo..k]
            .iter()
            .rposition(|h| h.kind == EKind::Person && h.toks.len() > 1 && self.base(h.toks.start) == title)
            .map(|i| lo + i)
    }

    /// Mentions before token `at`, nearest first.
    pub(super) fn mentions_before(&self, at: usize) -> impl Iterator<Item = &Mention> {
        let k = self.mentions.partition_point(|m| m.toks.start < at);
        self.mentions[..k].iter().rev()
    }

    /// The nearest compatible person before `at`: earlier speakers of the same paragraph, then
    /// people named in it, then the same for up to three earlier paragraphs.
    fn antecedent(&self, at: usize, want: Gender) -> Option<(String, Gender)> {
        let para = self.p.tokens[at].para as usize;
        let k = self.mentions.partition_point(|m| m.toks.start < at);
        let e = self.events.partition_point(|e| e.verb < at);
        for pp in (para.saturating_sub(3)..=para).rev() {
            for ev in self.events[..e].iter().rev() {
                if ev.para < pp {
                    break;
                }
                if ev.para != pp {
                    continue;
                }
                let Some(s) = &ev.speaker else { continue };
                if matches!(s.kind, EKind::Person) && s.gender.fits(want) {
                    if let Some(c) = &s.canonical {
                        return Some((c.clone(), s.gender));
                    }
                }
            }
            let sentence = self.sentence_of(at);
            let (mut nearest, mut object_fallback) = (None, None);
            for m in self.mentions[..k].iter().rev() {
                if m.para < pp {
                    break;
                }
                if !(m.para == pp && m.kind == EKind::Person && m.gender.fits(want)) {
                    continue;
                }
                let found = (m.canonical.clone(), m.gender);
                if self.object_like(m, sentence) {
                    object_fallback.get_or_insert(found);
                } else if self.subject_like(m) {
                    // The nearest person who did something: "Bloomberg endorsed his former rival,
                    // Joe Biden. “…,” he said".
                    return Some(found);
                } else {
                    nearest.get_or_insert(found);
                }
            }
            if nearest.is_some() {
                return nearest;
            }
            // "When I spoke to Cal Morrison, he was blunt": the object, when nobody else in the
            // paragraph fits.
            if object_fallback.is_some() {
                return object_fallback;
            }
        }
        None
    }

    /// A mention that is the object of a preposition (`to Martin Smith` in the pronoun's own
    /// sentence; `of journalist Jamal Khashoggi` anywhere).
    fn object_like(&self, m: &Mention, pronoun_sentence: usize) -> bool {
        let mut k = m.toks.start;
        let mut role_words = 0;
        while k > 0
            && self.word(k - 1)
            && !self.p.tokens[k - 1].cap
            && self.is(k - 1, lx::ROLE_NOUNS)
        {
            k -= 1;
            role_words += 1;
        }
        let after_preposition = k > 0 && self.word(k - 1) && self.is(k - 1, lx::PREPOSITIONS);
        let after_of = k > 0 && self.word(k - 1) && self.low(k - 1) == "of";
        // "Mitsotakis met with the IMF, then with President Trump, where he denounced …": the
        // object of "with" is not who the next sentence's "he" is.
        // ("with Miller describing …" makes Miller the subject of describing.)
        let end = m.toks.end;
        let ing_after = end < self.p.tokens.len() && self.word(end) && self.low(end).ends_with("ing");
        let after_with = k > 0 && self.word(k - 1) && self.low(k - 1) == "with" && !ing_after;
        after_of
            || after_with
            || (after_preposition
                && (role_words > 0 || self.sentence_of(m.toks.start) == pronoun_sentence))
    }

    /// A mention followed by a verb: a subject (`Bloomberg endorsed`, `Smith has said`).
    fn subject_like(&self, m: &Mention) -> bool {
        let k = m.toks.end;
        if k >= self.p.tokens.len()
            || !self.word(k)
            || self.p.tokens[k].cap
            || self.sentence_of(k) != self.sentence_of(k - 1)
        {
            return false;
        }
        let w = self.low(k);
        self.p.tokens[k].lemma.is_some()
            || self.is(k, lx::SKIP_BEFORE_VERB)
            || (w.ends_with("ed") && w.len() > 4)
    }

    /// The nearest organisation or group before `at` (for they/it).
    fn group_antecedent(&self, at: usize, singular: bool) -> Option<String> {
        let para = self.p.tokens[at].para as usize;
        let e = self.events.partition_point(|e| e.verb < at);
        for ev in self.events[..e].iter().rev() {
            if ev.para + 1 < para {
                break;
            }
            let Some(s) = &ev.speaker else { continue };
            let ok = match s.kind {
                EKind::Org => true,
                EKind::Unknown => singular,
                _ => false,
            };
            if ok {
                if let Some(c) = &s.canonical {
                    return Some(c.clone());
                }
            }
        }
        self.mentions_before(at)
            .take_while(|m| m.para == para)
            .find(|m| m.kind == EKind::Org)
            .map(|m| m.canonical.clone())
    }
}
