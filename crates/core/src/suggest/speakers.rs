//! Who speaks: names, speech events and the attribution of each quotation.
//!
//! Three passes over the prepared tokens (all outside quotations):
//!
//! 1. **Mentions.** Runs of capitalised words (with particles such as `de`, title dots such as
//!    `Dr.`, and `of`/`for`/`and` inside organisation names) become mentions. Leading titles and
//!    roles are stripped (`Council President Marcus Hale` → `Marcus Hale`, role `president`), and
//!    each mention is classed as a person, organisation, place, bare role or unknown. A surname,
//!    or a name with only a title, maps to the earliest full name with that surname
//!    (`Mr Becker` → `Tom Becker`).
//! 2. **Speech events.** Every reporting verb (see [`super::verbs`]) and every `according to`
//!    gets a subject: a name, a pronoun, or a role phrase (`a spokesperson for the group`), found
//!    by walking back over auxiliaries, appositions (`Name, 34, a nurse, said`), relative clauses
//!    and prepositional phrases, or forward for the inverted `said Name`. Pronouns resolve to the
//!    nearest compatible person (he/she: a person of that gender or unknown gender; they/it: an
//!    organisation or group), preferring earlier speakers in the same paragraph to other people,
//!    then earlier paragraphs. `I`, `we` and `you` never speak.
//! 3. **Quotations.** A quotation takes the speech event right after it (`“…,” she said`), else
//!    the nearest one before it in its sentence (`Name said: “…”`, `Name said the plan was “…”`),
//!    else a colon introduction or a possessive (`His verdict: “…”`, `the PM’s call for “…”`),
//!    else it inherits: from an earlier quotation in its paragraph, from the subject of an
//!    earlier sentence of the paragraph, or, for a quote-only paragraph, from the previous
//!    paragraph. Split quotations (`“A,” he said, “B.”`) are merged into one with two parts.

use super::lexicon::{self as lx, has};
use super::quotes::Family;
use super::text::{Prepared, Tk, NO_QUOTE};
use super::verbs;
use std::collections::HashMap;
use std::ops::Range;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum EKind {
    Person,
    Org,
    Place,
    Role,
    Unknown,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Gender {
    Male,
    Female,
    Unknown,
}

impl Gender {
    fn fits(self, want: Gender) -> bool {
        self == Gender::Unknown || want == Gender::Unknown || self == want
    }
}

#[derive(Clone, Debug)]
pub(crate) struct Mention {
    pub toks: Range<usize>,
    pub kind: EKind,
    pub gender: Gender,
    pub para: usize,
    pub possessive: bool,
    pub role: Option<String>,
    /// Every role word stripped from or found before the name (`civil`, `aviation`, `minister`).
    pub role_words: Vec<String>,
    pub canonical: String,
    /// The name stands at the start of its sentence (or right after an opening phrase).
    pub subject: bool,
    /// Lowercase name words (titles stripped) for surname keys.
    name_words: Vec<String>,
}

/// A resolved speaker.
#[derive(Clone, Debug)]
pub(crate) struct Speaker {
    /// As written ("Mr Becker", "she", "a spokesperson for the group").
    pub written: String,
    /// The canonical name, when known.
    pub canonical: Option<String>,
    pub kind: EKind,
    pub gender: Gender,
    /// How the canonical name was found, for the reasons shown to the reader.
    pub note: Option<String>,
}

#[derive(Clone, Debug)]
pub(crate) enum Subj {
    Mention(usize),
    Pronoun(usize),
    /// A role or group phrase and its head token.
    Phrase(Range<usize>, usize),
    /// A capitalised word that is not a mention (`May said`).
    Word(usize),
    /// Coordinated names (`Facebook, Google, and Twitter`).
    List(Range<usize>),
}

#[derive(Clone, Debug)]
pub(crate) struct Event {
    /// The verb (or `according`) token.
    pub verb: usize,
    /// The cue as written ("said", "according to").
    pub cue: String,
    /// First token of the subject, or of the verb when the subject follows it.
    pub first: usize,
    /// The subject as found (for a following participle: "…, adding").
    pub subj: Subj,
    /// `None` when the writer speaks (`I said`, `we told them`): a cue, but never a speaker.
    pub speaker: Option<Speaker>,
    pub para: usize,
    pub naming: bool,
}

/// How a quotation got its speaker.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Source {
    After,
    Before,
    Colon,
    Possessive,
    SameParagraph,
    EarlierSentence,
    PreviousParagraph,
    /// Quoted words in narration about a person who speaks elsewhere.
    Narration,
    None,
}

/// A quotation with its attribution (split quotations already merged).
#[derive(Clone, Debug)]
pub(crate) struct Attributed {
    pub raw: Vec<usize>,
    pub speaker: Option<Speaker>,
    pub cue: Option<String>,
    pub source: Source,
    pub partial: bool,
    /// The quotation is a whole sentence or paragraph by itself.
    pub standalone: bool,
    /// No narration before the quotation in its sentence.
    pub leads: bool,
}

/// How many earlier names a role (`the judge`) or a definite organisation (`the zoo`) looks back
/// over: enough for a long article, and it keeps the detector linear.
const LOOK_BACK_MENTIONS: usize = 400;
/// How many tokens before a quotation a possessive speech noun may stand (`the PM’s call for the
/// regulation of “…”`).
const POSSESSIVE_REACH: usize = 8;
const POSSESSIVE_PRONOUNS: &[(&str, &str)] = &[("her", "she"), ("his", "he"), ("its", "it"), ("their", "they")];

fn is_first_name(w: &str) -> bool {
    has(lx::FEMALE_NAMES, w) || has(lx::MALE_NAMES, w)
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

fn gender_of_role(w: &str) -> Gender {
    match w {
        "spokesman" | "chairman" | "husband" | "widower" | "father" | "son" | "brother" | "congressman"
        | "assemblyman" | "dad" => Gender::Male,
        "spokeswoman" | "chairwoman" | "wife" | "widow" | "mother" | "daughter" | "sister" | "congresswoman"
        | "assemblywoman" | "mum" | "mom" => Gender::Female,
        _ => Gender::Unknown,
    }
}

fn strip_possessive(s: &str) -> &str {
    s.strip_suffix("'s")
        .or_else(|| s.strip_suffix("’s"))
        .or_else(|| s.strip_suffix('\''))
        .or_else(|| s.strip_suffix('’'))
        .unwrap_or(s)
}

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

pub(crate) struct Analysis<'a> {
    pub p: &'a Prepared,
    pub mentions: Vec<Mention>,
    mention_end: Vec<u32>,
    mention_start: Vec<u32>,
    surnames: HashMap<String, usize>,
    pub events: Vec<Event>,
    /// The canonical names of the events' speakers.
    speaking: std::collections::HashSet<String>,
}

impl<'a> Analysis<'a> {
    pub fn new(p: &'a Prepared) -> Analysis<'a> {
        let n = p.tokens.len();
        let mut a = Analysis {
            p,
            mentions: Vec::new(),
            mention_end: vec![0; n],
            mention_start: vec![0; n],
            surnames: HashMap::new(),
            events: Vec::new(),
            speaking: Default::default(),
        };
        a.build_mentions();
        a.build_events();
        a.speaking = a.events.iter().filter_map(|e| e.speaker.as_ref()?.canonical.clone()).collect();
        a
    }

    /// The canonical names of the people, organisations and names of unknown kind the text
    /// mentions.
    pub fn person_names(&self) -> impl Iterator<Item = String> + '_ {
        self.mentions
            .iter()
            .filter(|m| matches!(m.kind, EKind::Person | EKind::Unknown | EKind::Org))
            .map(|m| m.canonical.clone())
    }

    // ----- token helpers -------------------------------------------------------------------

    fn low(&self, i: usize) -> &str {
        self.p.low(i)
    }

    /// Whether token `i` (lowercase, without a possessive) is in the list(s) `flag`.
    fn is(&self, i: usize, flag: u32) -> bool {
        self.p.tokens[i].flags & flag != 0
    }

    /// Lowercase word without a possessive ending and without a final abbreviation dot.
    fn base(&self, i: usize) -> &str {
        strip_possessive(self.p.low(i)).trim_end_matches('.')
    }

    fn word(&self, i: usize) -> bool {
        self.p.tokens[i].kind == Tk::Word && self.p.tokens[i].quote == NO_QUOTE
    }

    fn cap_word(&self, i: usize) -> bool {
        self.word(i) && self.p.tokens[i].cap
    }

    fn possessive(&self, i: usize) -> bool {
        let w = self.p.low(i);
        self.p.tokens[i].kind == Tk::Word && (w.ends_with("'s") || (w.ends_with('\'') && w.len() > 2))
    }

    fn pronoun(&self, i: usize) -> bool {
        // "US" in capitals is the country, not "us".
        self.word(i) && self.is(i, lx::PRONOUNS) && !self.all_caps(i)
    }

    fn mention_ending(&self, i: usize) -> Option<usize> {
        (self.mention_end[i] > 0).then(|| self.mention_end[i] as usize - 1)
    }

    fn mention_starting(&self, i: usize) -> Option<usize> {
        (self.mention_start[i] > 0).then(|| self.mention_start[i] as usize - 1)
    }

    fn sentence_of(&self, i: usize) -> usize {
        self.p.sent_of[i] as usize
    }

    // ----- pass 1: mentions ----------------------------------------------------------------

    fn can_start(&self, i: usize) -> bool {
        let p = self.p;
        if !self.word(i) {
            return false;
        }
        let next_cap = i + 1 < p.tokens.len() && self.cap_word(i + 1) && p.tokens[i + 1].para == p.tokens[i].para;
        if p.tokens[i].cap {
            let sentence_start = self.p.sentences[self.sentence_of(i)].toks.start;
            if self.opening_participle(i, sentence_start).is_some() {
                return false;
            }
            // "US", "UK": an abbreviation in capitals is a name even when it spells a word.
            if !self.is(i, lx::NOT_NAMES) || self.all_caps(i) {
                return true;
            }
            if self.is(i, lx::FEMALE_NAMES | lx::MALE_NAMES) && next_cap && !self.is(i + 1, lx::NOT_NAMES) {
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

    fn build_mentions(&mut self) {
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
                let (canonical, gender) = (self.mentions[full].canonical.clone(), self.mentions[full].gender);
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
                && (self.is(j - 1, lx::NO_STOP_ABBREVIATIONS) || self.is(j - 1, lx::PERSONAL_TITLES) || self.initial(j - 1))
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
                if matches!(b, "of" | "for" | "on" | "the" | "and" | "de" | "la" | "du") && same(j + 1) && self.cap_word(j + 1)
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
                && (j + 1..(j + 4).min(n)).take_while(|&k| same(k) && self.cap_word(k)).any(|k| self.is(k, lx::ORG_WORDS))
            {
                j += 2; // "African Export–Import Bank"
                continue;
            }
            if self.word(j) && self.hyphen_particle(j) {
                j += 1; // "Abdel Fattah el-Sisi", "Bashar al-Assad"
                continue;
            }
            if self.word(j) && same(j + 1) && self.cap_word(j + 1) && !self.is(j + 1, lx::NOT_NAMES) {
                let w = self.low(j);
                if self.is(j, lx::PARTICLES)
                    || (matches!(w, "of" | "for" | "on" | "&") && orgish)
                    || (w == "and" && orgish && !person_like)
                {
                    j += 2;
                    continue;
                }
            }
            break;
        }
        j
    }

    /// A lowercase particle joined to a capitalised name by a hyphen: `el-Sisi`, `al-Assad`.
    fn hyphen_particle(&self, i: usize) -> bool {
        let t = &self.p.tokens[i];
        let cs = &self.p.chars[t.start..t.end];
        let Some(h) = cs.iter().position(|&c| c == '-') else { return false };
        let particle: String = cs[..h].iter().collect();
        h + 1 < cs.len() && cs[h + 1].is_uppercase() && matches!(particle.as_str(), "el" | "al" | "ad" | "as" | "ash" | "an" | "ibn" | "bin" | "abu" | "ben")
    }

    /// A single capital letter: a middle initial (`K` in `Jessie K. Liu`).
    fn initial(&self, i: usize) -> bool {
        let t = &self.p.tokens[i];
        t.kind == Tk::Word && t.end == t.start + 1 && self.p.chars[t.start].is_uppercase()
    }

    fn all_caps(&self, i: usize) -> bool {
        let t = &self.p.tokens[i];
        let cs = &self.p.chars[t.start..t.end];
        cs.iter().filter(|c| c.is_alphabetic()).count() >= 2
            && cs.iter().filter(|c| c.is_alphabetic()).all(|c| c.is_uppercase() || *c == 's')
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
            if (has(lx::ROLE_TITLES, w) || has(lx::ROLE_NOUNS, w)) && (s + 1 < b || has(lx::ROLE_NOUNS, w)) {
                roles.push(w.to_string());
                s += 1;
                continue;
            }
            break;
        }
        let mut name: Vec<usize> = (s..b).filter(|&k| p.tokens[k].kind == Tk::Word).collect();
        if name.len() >= 3 && !is_first_name(self.base(name[0])) {
            if let Some(k) = (1..name.len() - 1).find(|&k| is_first_name(self.base(name[k]))) {
                name.drain(..k); // "former Olympian Samuel Otieno"
            }
        }
        let mut stripped: Vec<String> = Vec::new();
        // "Indian Prime Minister Narendra Modi", "United States Attorney Jessie K. Liu": the name
        // is what follows the last role word, when two words or more follow it.
        if let Some(r) = (0..name.len().saturating_sub(2))
            .rev()
            .find(|&r| self.is(name[r], lx::ROLE_TITLES | lx::ROLE_NOUNS | lx::PERSONAL_TITLES))
        {
            let tail_is_name = name[r + 1..]
                .iter()
                .all(|&k| (p.tokens[k].cap || self.is(k, lx::PARTICLES)) && !self.is(k, lx::ORG_WORDS | lx::PLACE_WORDS));
            if tail_is_name {
                roles.push(self.base(name[r]).to_string());
                stripped.extend(name[..=r].iter().map(|&k| self.base(k).to_string()));
                name.drain(..=r);
            }
        }
        // "President of Argentina Alberto Fernández": the place after "Role of" is not the name.
        if name.len() >= 3 && a >= 2 && s == a && matches!(self.low(a - 1), "of" | "from") {
            let ends_with_role = |m: usize| {
                self.mentions[m].kind == EKind::Role
                    || self.is(self.mentions[m].toks.end - 1, lx::ROLE_TITLES | lx::ROLE_NOUNS)
            };
            if let Some(m) = self.mention_ending(a - 2).filter(|&m| ends_with_role(m)) {
                roles.push(self.base(self.mentions[m].toks.end - 1).to_string());
                name.drain(..1);
            }
        }
        // "Ambassador to the United Nations Nikki Haley": a first name after the organisation's
        // last word starts the person's name.
        if let Some(o) = name.iter().rposition(|&k| self.is(k, lx::ORG_WORDS)) {
            let tail = &name[o + 1..];
            let plausible = tail.len() == 2 || (tail.len() == 3 && is_first_name(self.base(tail[0])));
            if plausible && tail.iter().all(|&k| p.tokens[k].cap && !self.all_caps(k)) {
                stripped.extend(name[..=o].iter().map(|&k| self.base(k).to_string()));
                name.drain(..=o);
            }
        }
        let words: Vec<String> = name.iter().map(|&k| self.base(k).to_string()).collect();
        // Connectors inside what is left of the name ("Bank of England"; not the "of" of a role
        // already stripped, as in "US Secretary of State Mike Pompeo").
        let name_start = name.first().copied().unwrap_or(b);
        let has_connector = (name_start..b).any(|k| matches!(self.low(k), "of" | "for" | "and" | "&"));
        let orgish = words.iter().any(|w| has(lx::ORG_WORDS, w))
            || has_connector
            || (!name.is_empty() && name.iter().all(|&k| self.all_caps(k)));
        let placeish = words.iter().any(|w| has(lx::PLACE_WORDS, w));
        let prev = (a > 0 && p.tokens[a - 1].para == p.tokens[a].para).then(|| self.low(a - 1));
        let after_number = a > 0 && p.tokens[a - 1].kind == Tk::Num;
        let after_the = prev == Some("the") || after_number;
        let after_locative = prev.is_some_and(|w| matches!(w, "in" | "at" | "near" | "from" | "across" | "outside"));
        let starts_with_particle = !words.is_empty() && has(lx::PARTICLES, &words[0]);
        let kind = if name.is_empty() {
            EKind::Role
        } else if orgish {
            EKind::Org
        } else if placeish {
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
                let dot = last + 1 < p.tokens.len() && matches!(self.base(last), "jr" | "sr") && p.is_punct(last + 1, '.');
                let written = strip_possessive(&p.span_text(first, last + 1 + usize::from(dot))).to_string();
                if written.split_whitespace().count() == name.len() { written } else { text_of(&name) }
            }
            EKind::Person | EKind::Unknown => text_of(&name),
            EKind::Org | EKind::Place => {
                // An organisation keeps its role-like words ("Foreign Ministry of Iraq"); only
                // personal titles before it go.
                let first = (a..b).find(|&k| !(p.tokens[k].kind == Tk::Word && self.is(k, lx::PERSONAL_TITLES))).unwrap_or(a);
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
            Some(r) if kind == EKind::Unknown && (has(lx::ORG_WORDS, r) || has(lx::GROUP_NOUNS, r)) => EKind::Org,
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
                self.surnames.entry(format!("{} {}", words[last - 1], words[last])).or_insert(idx);
            }
        }
        let si = self.sentence_of(a);
        let sent_start = p.sentences[si].toks.start;
        let subject = a <= sent_start + 3
            || (sent_start..a).filter(|&k| p.is_punct(k, ',')).count() == 1 && p.is_punct(a - 1, ',');
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
        if a >= 1 && ok(a - 1) && self.word(a - 1) && !p.tokens[a - 1].cap && self.is(a - 1, lx::ROLE_NOUNS) {
            return Some(self.base(a - 1).to_string());
        }
        if a >= 2 && ok(a - 2) && p.is_punct(a - 1, ',') && self.word(a - 2) && self.is(a - 2, lx::ROLE_NOUNS) {
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

    // ----- pass 2: speech events -----------------------------------------------------------

    fn build_events(&mut self) {
        let p = self.p;
        for si in 0..p.sentences.len() {
            let toks = p.sentences[si].toks.clone();
            let para = p.sentences[si].para;
            for v in toks.clone() {
                if !self.word(v) {
                    continue;
                }
                if self.low(v) == "according" && v + 2 < toks.end && self.low(v + 1) == "to" {
                    if let Some(subj) = self.np_after(v + 2, toks.end).or_else(|| self.plain_np(v + 2, toks.end)) {
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
                let Some(lemma) = self.p.tokens[v].lemma.or_else(|| self.opening_participle(v, toks.start)) else {
                    continue;
                };
                let floor = self.clause_floor(v, toks.start);
                let inverted = self.right_after_close(v, floor);
                if let Some(particles) = verbs::needs_particle(lemma) {
                    let next = (v + 1 < toks.end).then(|| p.text(v + 1).to_lowercase());
                    if !inverted && !next.is_some_and(|n| particles.contains(&n.as_str())) {
                        continue;
                    }
                }
                if self.noun_use(v) {
                    continue;
                }
                let subj = if inverted { self.np_after(v + 1, toks.end) } else { None };
                let (subj, first) = match subj {
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
                let Some(subj) = subj else { continue };
                let speaker = self.resolve(&subj, v);
                if speaker.is_none() && !matches!(subj, Subj::Pronoun(_)) {
                    continue;
                }
                let naming = verbs::is_naming(lemma) && matches!(subj, Subj::Phrase(..));
                let cue = if lemma == "point" { format!("{} {}", p.text(v), p.text(v + 1)) } else { p.text(v) };
                self.events.push(Event { verb: v, cue, first, subj, speaker, para, naming });
            }
        }
    }

    /// The lemma of a capitalised reporting verb in `-ing` that opens its sentence (`Calling`,
    /// `Saying`, `Speaking`).
    fn opening_participle(&self, v: usize, sent_start: usize) -> Option<&'static str> {
        let t = &self.p.tokens[v];
        if !t.cap || (sent_start..v).any(|k| self.word(k)) || !self.low(v).ends_with("ing") {
            return None;
        }
        verbs::reporting_verb(self.low(v))
    }

    /// "Calling it a “culture of death”, the archbishop said …": a participle that opens its
    /// sentence has the subject of the sentence's next reporting verb.
    fn participle_subject(&self, v: usize, toks: Range<usize>, si: usize) -> Option<Subj> {
        let first_word = (toks.start..v).all(|k| !self.word(k));
        if !first_word || !self.low(v).ends_with("ing") {
            return None;
        }
        let next = (v + 1..toks.end).find(|&k| {
            self.word(k) && !self.p.tokens[k].cap && self.p.tokens[k].lemma.is_some() && !self.low(k).ends_with("ing")
        })?;
        let floor = self.clause_floor(next, toks.start);
        self.subject_before(next, floor, si)
    }

    /// Whether word `k` is a verb of intention before `to` (`hoped to announce`, `plans to say`),
    /// as opposed to a report (`went on to say`, `went as far as to say`).
    fn intends(&self, k: usize) -> bool {
        let w = self.low(k);
        ["hope", "plan", "want", "expect", "intend", "aim", "seek", "sought", "tr", "refus", "declin", "fail", "need", "wish", "decid", "prepar", "agree", "promis", "schedul"]
            .iter()
            .any(|stem| w.starts_with(stem))
    }

    /// Whether a quotation opens right after verb `v` (after a particle, a comma or a colon).
    fn introduces_quote(&self, v: usize, end: usize) -> bool {
        let p = self.p;
        let mut k = v + 1;
        if k < end && self.word(k) && !p.tokens[k].cap && matches!(self.low(k), "out" | "of" | "to" | "that") {
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
            if self.p.tokens[k - 1].quote != NO_QUOTE {
                return k;
            }
            k -= 1;
        }
        sent_start
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
        self.is(v - 1, lx::DETERMINERS) || self.possessive(v - 1) || matches!(w, "my" | "our" | "your")
    }

    fn subj_start(&self, s: &Subj) -> usize {
        match s {
            Subj::Mention(m) => self.mentions[*m].toks.start,
            Subj::Pronoun(t) | Subj::Word(t) => *t,
            Subj::Phrase(r, _) | Subj::List(r) => r.start,
        }
    }

    /// The subject of verb `v`: the nearest one ([`Self::subject_before_near`]), unless the clause
    /// opens with a person whose name the nearer words only qualify (`Jo Anne Val Tilburg of the
    /// University of California, Los Angeles disagreed`, `Assembly president Richard Ferrand …
    /// said`).
    fn subject_before(&self, v: usize, lo: usize, si: usize) -> Option<Subj> {
        let near = self.subject_before_near(v, lo, si);
        let Some(head) = self.clause_head_person(v, lo) else { return near };
        match &near {
            Some(Subj::Pronoun(_)) => near,
            Some(Subj::List(r)) if r.start <= self.mentions[head].toks.start => near,
            Some(Subj::Mention(m)) if *m == head => near,
            Some(Subj::Mention(m)) if self.mentions[*m].kind == EKind::Person && self.mentions[*m].toks.start < self.mentions[head].toks.start => near,
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
        let person = |m: usize| self.mentions[m].kind == EKind::Person && !self.mentions[m].possessive;
        let qualified = |end: usize| {
            end < v && (p.is_punct(end, ',') || (self.word(end) && matches!(self.low(end), "of" | "at" | "from" | "for" | "with")))
        };
        if person(m0) {
            return qualified(mm.toks.end).then_some(m0);
        }
        // An organisation, lowercase role words, then the person.
        let mut j = mm.toks.end;
        let mut roles = 0;
        while j < v && self.word(j) && !p.tokens[j].cap && self.is(j, lx::ROLE_NOUNS | lx::ROLE_TITLES) && roles < 3 {
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
            while k > lo && self.word(k - 1) && matches!(self.low(k - 1), "on" | "as" | "far" | "went" | "go" | "goes" | "going" | "continued" | "continues" | "proceeded" | "even") {
                k -= 1;
            }
            if k < j - 1 {
                j = k;
            }
        }
        while j > lo && self.word(j - 1) && self.is(j - 1, lx::SKIP_BEFORE_VERB) {
            j -= 1;
        }
        if j == lo {
            return None;
        }
        let t = j - 1;
        // "Stop calling it …": a bare -ing form has no subject of its own (unlike "was saying",
        // "quoted as saying" or ", insisting").
        // But "with Steve Scalise of Louisiana calling it “…”": a name right before it is its
        // subject.
        if j == v && self.low(v).ends_with("ing") && !p.is_punct(t, ',') && !self.mention_ending(t).is_some_and(|m| self.names_someone(m))
        {
            return None;
        }
        if p.is_punct(t, ',') {
            if self.low(v).ends_with("ing") {
                // "Zapata said, adding …": the subject of the verb just before in the sentence.
                let sent_start = p.sentences[si].toks.start;
                if let Some(e) = self.events.last().filter(|e| e.verb >= sent_start && e.verb < v && e.speaker.is_some()) {
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
        if matches!(w, "which" | "that") && t > lo && self.word(t - 1) && self.is(t - 1, lx::DOCUMENT_NOUNS) {
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
                && (self.low(start - 1) == "of" || (start > lo + 1 && self.low(start - 2) == "of" && self.is(start - 1, lx::DETERMINERS)));
            // "Current Prime Minister of India Narendra Modi wrote": the person after the role.
            if after_of && self.mentions[m].kind == EKind::Person && self.mentions[m].role.is_some() {
                return Some(Subj::Mention(m));
            }
            if let Some(head) = self.pp_head(start, lo).filter(|_| after_of) {
                return Some(head);
            }
            // "Trump …, and on Twitter referred to …": the object of a preposition is no subject.
            if start > lo && self.word(start - 1) && self.is(start - 1, lx::PREPOSITIONS) && self.low(start - 1) != "of" {
                let before = start - 1;
                if before > lo && self.word(before - 1) && matches!(self.low(before - 1), "and" | "but") {
                    return self.sentence_subject(si);
                }
                return None;
            }
            return Some(self.coordinated(m, lo));
        }
        if p.tokens[t].cap && self.is(t, lx::MONTHS_AS_NAMES) {
            return Some(Subj::Word(t));
        }
        self.role_np_ending_at(t, lo)
    }

    /// `Name, apposition, said`: walk back over comma-separated segments.
    fn appositive_subject(&self, comma: usize, lo: usize) -> Option<Subj> {
        let p = self.p;
        let mut end = comma;
        for _ in 0..5 {
            let start = (lo..end).rev().find(|&k| p.is_punct(k, ',')).map_or(lo, |k| k + 1);
            if start >= end {
                return None;
            }
            let mut s0 = start;
            if self.word(s0) && matches!(self.low(s0), "the" | "a" | "an") {
                s0 += 1;
            }
            if let Some(m) = self.mention_starting(s0) {
                if self.mentions[m].toks.end == end && self.mentions[m].kind != EKind::Place {
                    return Some(Subj::Mention(m));
                }
            }
            let first = self.low(start);
            let skippable = p.tokens[start].kind == Tk::Num
                || (self.word(start)
                    && (self.is(start, lx::RELATIVES | lx::PREPOSITIONS | lx::DETERMINERS | lx::SKIP_BEFORE_VERB)
                        || first == "aged"
                        || (!p.tokens[start].cap && self.is(start, lx::ROLE_NOUNS))));
            if !skippable {
                if let Some(m) = self.mention_ending(end - 1) {
                    if self.mentions[m].kind != EKind::Place && !self.mentions[m].possessive {
                        return Some(Subj::Mention(m));
                    }
                }
                // "now a pundit on local radio": a lowercase modifier, not the subject.
                if !self.word(start) || p.tokens[start].cap {
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

    /// `Mayor Elena Dobre of the village of Pechea`, `Farmers in the West Country`: the head before
    /// a prepositional phrase that ends at `start`.
    fn pp_head(&self, start: usize, lo: usize) -> Option<Subj> {
        let mut k = start;
        let mut saw_prep = false;
        while k > lo && self.word(k - 1) && !self.p.tokens[k - 1].cap {
            let w = self.low(k - 1);
            if has(lx::PREPOSITIONS, w) {
                saw_prep = true;
            } else if !(has(lx::DETERMINERS, w) || has(lx::ROLE_NOUNS, w) || !has(lx::CLAUSE_WORDS, w)) {
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
            let ends_with_role = |x: usize| self.is(self.mentions[x].toks.end - 1, lx::ROLE_TITLES | lx::ROLE_NOUNS);
            match self.mention_ending(k - 1) {
                Some(prev) if !self.mentions[prev].possessive && self.mentions[prev].kind != EKind::Place && !ends_with_role(prev) => {
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
    fn role_np_ending_at(&self, t: usize, lo: usize) -> Option<Subj> {
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
            if self.is(prev, lx::CLAUSE_WORDS | lx::PRONOUNS) || p.tokens[prev].lemma.is_some() && !p.tokens[prev].cap {
                break;
            }
            k -= 1;
            let after_preposition =
                k > lo && self.word(k - 1) && matches!(self.low(k - 1), "of" | "for" | "at" | "from");
            if (self.is(prev, lx::DETERMINERS) || self.possessive_pronoun(prev).is_some()) && !after_preposition {
                break;
            }
        }
        self.phrase(k, t + 1)
    }

    /// A phrase from a determiner at `start` up to the first word that cannot be in it.
    fn role_np_from(&self, start: usize, end: usize) -> Option<Subj> {
        let mut k = start + 1;
        while k < end && self.word(k) {
            if self.is(k, lx::CLAUSE_WORDS | lx::PRONOUNS) || (self.p.tokens[k].lemma.is_some() && k > start + 1) {
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
    fn plain_np(&self, k: usize, end: usize) -> Option<Subj> {
        let mut e = k;
        while e < end && self.word(e) && !self.p.tokens[e].cap && !self.is(e, lx::CLAUSE_WORDS | lx::PREPOSITIONS) && e < k + 6 {
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
            && self.mention_ending(start - 2).is_some_and(|x| self.mentions[x].kind == EKind::Person)
    }

    /// A lowercase past participle that starts a qualifying phrase (`heard in court`).
    fn participle(&self, k: usize) -> bool {
        let w = self.low(k);
        !self.p.tokens[k].cap
            && ((w.ends_with("ed") && w.len() > 4) || matches!(w, "heard" | "made" | "seen" | "given" | "held" | "found" | "shown"))
    }

    fn possessive_pronoun(&self, i: usize) -> Option<&'static str> {
        let w = self.low(i);
        POSSESSIVE_PRONOUNS.iter().find(|(p, _)| *p == w).map(|(_, s)| *s)
    }

    /// The subject of a sentence: after an opening phrase that ends in a comma.
    fn sentence_subject(&self, si: usize) -> Option<Subj> {
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
            (self.is(k, lx::DETERMINERS) && k + 1 < toks.end).then(|| self.mention_starting(k + 1)).flatten()
        });
        if let Some(m) = name_at {
            let end = self.mentions[m].toks.end;
            if end < toks.end && !self.mentions[m].possessive && self.word(end) && !p.tokens[end].cap && self.is(end, lx::GROUP_NOUNS) {
                return self.phrase(self.mentions[m].toks.start, end + 1);
            }
        }
        let subj = if self.pronoun(k) {
            Some(Subj::Pronoun(k))
        } else if let Some(m) = self.mention_starting(k).or_else(|| {
            (self.is(k, lx::DETERMINERS) && k + 1 < toks.end).then(|| self.mention_starting(k + 1)).flatten()
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
                while j < toks.end && j < start + 3 && self.word(j) && !p.tokens[j].cap && self.is(j, lx::ROLE_NOUNS | lx::ROLE_TITLES) {
                    j += 1;
                }
                if let Some(person) = self.mention_starting(j).filter(|&x| j > start && self.mentions[x].kind == EKind::Person) {
                    return Some(Subj::Mention(person));
                }
            }
        }
        // "The Chancellor, Rachel Whitmore, has …", "a Republican, Mark Amodei, has …": the
        // apposition names the subject.
        let end = match &subj {
            Subj::Mention(m) if self.mentions[*m].kind == EKind::Role => self.mentions[*m].toks.end,
            Subj::Mention(m) if self.mentions[*m].kind != EKind::Person && self.mentions[*m].toks.len() == 1 => {
                self.mentions[*m].toks.end
            }
            Subj::Phrase(r, _) => r.end,
            _ => return Some(subj),
        };
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
    fn np_after(&self, k: usize, end: usize) -> Option<Subj> {
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
                    if mm.possessive && end_m < end && self.word(end_m) && self.is(end_m, lx::GROUP_NOUNS) {
                        if let Some(ph) = self.phrase(mm.toks.start, end_m + 1) {
                            return Some(ph);
                        }
                    }
                    if mm.possessive || mm.kind == EKind::Org {
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
            if let Some(m) = self.mention_starting(stop + 1).filter(|&m| self.mentions[m].kind == EKind::Person) {
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
                || (self.word(k) && !p.tokens[k].cap && p.tokens[k].lemma.is_none() && !self.is(k, lx::CLAUSE_WORDS | lx::PRONOUNS));
            if !ok {
                return None;
            }
            k += 1;
        }
        None
    }

    // ----- resolution ----------------------------------------------------------------------

    fn resolve(&self, subj: &Subj, at: usize) -> Option<Speaker> {
        let p = self.p;
        match subj {
            Subj::Mention(m) => {
                let mm = &self.mentions[*m];
                let written = strip_possessive(&p.span_text(mm.toks.start, mm.toks.end)).to_string();
                if mm.kind == EKind::Role {
                    // "the Prime Minister", with its article as written.
                    let start = mm.toks.start;
                    let with_article = start > 0 && self.word(start - 1) && self.low(start - 1) == "the";
                    let written = if with_article {
                        strip_possessive(&p.span_text(start - 1, mm.toks.end)).to_string()
                    } else {
                        written
                    };
                    return Some(self.resolve_phrase(written, mm.toks.end - 1, true, at));
                }
                let note =
                    (!written.contains(&mm.canonical)).then(|| "the earliest full name with that surname".into());
                Some(Speaker { written, canonical: Some(mm.canonical.clone()), kind: mm.kind, gender: mm.gender, note })
            }
            Subj::Pronoun(t) => self.resolve_pronoun(&p.text(*t), self.low(*t), *t),
            Subj::Word(t) => {
                let written = strip_possessive(&p.text(*t)).to_string();
                let canonical = self.surnames.get(self.base(*t)).map(|&f| self.mentions[f].canonical.clone());
                let kind = if canonical.is_some() { EKind::Person } else { EKind::Unknown };
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

    fn resolve_pronoun(&self, written: &str, w: &str, at: usize) -> Option<Speaker> {
        let none = |kind, gender| Speaker { written: written.to_string(), canonical: None, kind, gender, note: None };
        match w {
            "he" | "she" => {
                let g = if w == "he" { Gender::Male } else { Gender::Female };
                Some(match self.antecedent(at, g) {
                    Some((name, gender)) => Speaker {
                        written: written.to_string(),
                        canonical: Some(name.clone()),
                        kind: EKind::Person,
                        gender: if gender == Gender::Unknown { g } else { gender },
                        note: Some(format!(
                            "“{written}” is the nearest preceding {} named outside quotes",
                            if g == Gender::Male { "man or person" } else { "woman or person" }
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
                    note: Some(format!("“{written}” is the nearest preceding organisation or group")),
                },
                None => none(EKind::Org, Gender::Unknown),
            }),
            _ => None,
        }
    }

    fn resolve_phrase(&self, written: String, head: usize, definite: bool, at: usize) -> Speaker {
        let plain = strip_determiner(&written).to_string();
        // "head of the police's internal investigators": the head is before "of".
        let before_of = plain
            .split(" of ")
            .next()
            .and_then(|h| h.split_whitespace().last())
            .map(|w| w.to_lowercase())
            .filter(|w| plain.contains(" of ") && has(lx::ROLE_NOUNS, w));
        let hw = before_of.unwrap_or_else(|| self.base(head).to_string());
        let org_head = has(lx::ORG_WORDS, &hw);
        let kind = if org_head || (hw.ends_with('s') && !hw.ends_with("ss")) { EKind::Org } else { EKind::Person };
        let mut sp = Speaker { written, canonical: Some(plain.clone()), kind, gender: gender_of_role(&hw), note: None };
        if !definite {
            return sp;
        }
        let para = self.p.tokens[at].para as usize;
        if has(lx::DOCUMENT_NOUNS, &hw) {
            // "the statement said": whoever made the statement.
            let k = self.events.partition_point(|e| e.verb < at);
            let earlier = self.events[..k].iter().rev().take_while(|e| e.para + 1 >= para);
            if let Some(s) = earlier.filter_map(|e| e.speaker.as_ref()).find(|s| s.canonical.is_some()) {
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
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase())
            .filter(|w| *w != hw && !has(lx::DETERMINERS, w))
            .collect();
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
            if let Some(s) = previous.filter(|s| s.kind == EKind::Person && s.canonical.is_some()) {
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
            && !words.iter().any(|w| matches!(*w, "of" | "for" | "at" | "in" | "from"))
    }

    /// Mentions before token `at`, nearest first.
    fn mentions_before(&self, at: usize) -> impl Iterator<Item = &Mention> {
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
        while k > 0 && self.word(k - 1) && !self.p.tokens[k - 1].cap && self.is(k - 1, lx::ROLE_NOUNS) {
            k -= 1;
            role_words += 1;
        }
        let after_preposition = k > 0 && self.word(k - 1) && self.is(k - 1, lx::PREPOSITIONS);
        let after_of = k > 0 && self.word(k - 1) && self.low(k - 1) == "of";
        after_of || (after_preposition && (role_words > 0 || self.sentence_of(m.toks.start) == pronoun_sentence))
    }

    /// A mention followed by a verb: a subject (`Bloomberg endorsed`, `Smith has said`).
    fn subject_like(&self, m: &Mention) -> bool {
        let k = m.toks.end;
        if k >= self.p.tokens.len() || !self.word(k) || self.p.tokens[k].cap || self.sentence_of(k) != self.sentence_of(k - 1) {
            return false;
        }
        let w = self.low(k);
        self.p.tokens[k].lemma.is_some() || self.is(k, lx::SKIP_BEFORE_VERB) || (w.ends_with("ed") && w.len() > 4)
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

    // ----- pass 3: quotations --------------------------------------------------------------

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
            while let Some(next) = self.split_continuation(*raw.last().unwrap(), needs_subject).filter(|_| splittable) {
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
        if !matches!(p.punct_char(ob - 1), Some(',' | '—' | '–' | '-')) {
            return None;
        }
        let first_after = self.events.partition_point(|e| e.verb <= ca);
        let has_event = self
            .events
            .get(first_after)
            .is_some_and(|e| e.verb < ob && (!needs_subject || (e.first > ca && e.first < e.verb)));
        let words = (ca + 1..ob).filter(|&k| p.tokens[k].kind == Tk::Word).count();
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
        };
        // After: "“…,” she said" / "“…,” said Name".
        let ev_lo = self.events.partition_point(|e| e.verb <= close);
        let mut attached_after = false;
        if let Some(e) = self.events.get(ev_lo).filter(|e| e.verb < post_end) {
            // Only punctuation and a role or title may come between: "“…,” U.N. envoy Name told".
            let between_ok = e.first > close
                && e.first <= close + 8
                && (close + 1..e.first).all(|k| {
                    matches!(p.punct_char(k), Some(',' | '—' | '–' | '-'))
                        || (self.word(k)
                            && !self.is(k, lx::CLAUSE_WORDS)
                            && !self.is(k, lx::PRONOUNS)
                            && self.p.tokens[k].lemma.is_none())
                });
            // "“…,” the minister said": a comma, dash or the quotation's own end punctuation at the
            // join, not "“culture of death” the archbishop said".
            let last_char = p.quotes[qi].parts.last().map(|s| p.chars[s.end - 1]);
            let joined = matches!(last_char, Some(',' | '!' | '?' | '—' | '–' | '-' | '.' | '…'))
                || matches!(p.punct_char(close + 1), Some(',' | '—' | '–' | '-'))
                || e.verb == close + 1;
            // "… said the currencies “cost billions,” further saying, “…”": the later verb is the
            // next quotation's when this one has its own cue before it.
            let ev_before = self.events.partition_point(|e| e.verb < open);
            let own_cue_before = ev_before
                .checked_sub(1)
                .is_some_and(|k| self.events[k].verb >= sent_start && self.events[k].speaker.is_some());
            let own_subject = e.first > close && e.first < e.verb;
            let for_next = own_cue_before && !own_subject && self.introduces_quote(e.verb, sent_end);
            if between_ok && joined && !for_next {
                a.speaker = e.speaker.clone();
                a.cue = Some(e.cue.clone());
                a.source = Source::After;
                attached_after = true;
            }
        }
        // The quotation sits inside the reporter's sentence: partial.
        let before = open.checked_sub(1).filter(|&k| k >= sent_start);
        let led_in = before.is_none_or(|k| {
            matches!(p.punct_char(k), Some(':' | ',' | '—' | '–' | '-')) || p.tokens[k].quote != NO_QUOTE
        });
        let first_after = (close + 1 < post_end).then_some(close + 1);
        let runs_on = first_after.is_some_and(|k| self.word(k) && !p.tokens[k].cap) && !attached_after;
        a.partial = (pre_words && !led_in) || runs_on;
        if attached_after {
            return a;
        }
        // Before: the nearest speech event in the sentence.
        let mut ev_hi = self.events.partition_point(|e| e.verb < open);
        // "Bercow commented on the matter — which the BBC noted as unusual — “…”": not a verb
        // inside a parenthesis that closes before the quotation.
        while let Some(e) = ev_hi.checked_sub(1).map(|k| &self.events[k]).filter(|e| e.verb >= sent_start) {
            let dash = |k: usize| matches!(p.punct_char(k), Some('—' | '–'));
            let opened = (sent_start..e.verb).rev().take_while(|&k| !dash(k)).count() < e.verb - sent_start;
            let closed = (e.verb + 1..open).any(dash);
            if opened && closed {
                ev_hi -= 1;
            } else {
                break;
            }
        }
        let mut writer_event = None;
        if let Some(e) = ev_hi.checked_sub(1).map(|k| &self.events[k]).filter(|e| e.verb >= sent_start) {
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
            let colon = open - 1;
            let clause = (pre_start..colon).rev().find(|&k| p.is_punct(k, ',')).map_or(pre_start, |k| k + 1);
            // "Maya Chen, 17, was blunt:": the subject is before the apposition.
            let speaker = self.clause_speaker(clause, colon).or_else(|| {
                (clause > pre_start + 1)
                    .then(|| self.appositive_subject(clause - 1, pre_start))
                    .flatten()
                    .and_then(|subj| self.resolve(&subj, colon))
            });
            if let Some(sp) = speaker {
                a.speaker = Some(sp);
                a.source = Source::Colon;
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
            let words: Vec<usize> = (open + 1..close).filter(|&k| p.tokens[k].kind == Tk::Word).collect();
            let after_possessive = open > sent_start && self.possessive_pronoun(open - 1).is_some();
            // Not a title or name ("Salt and Iron", "Miracle of Eastville").
            let lowercase_words = words.iter().filter(|&&k| !p.tokens[k].cap && !has(lx::PREPOSITIONS | lx::DETERMINERS, self.low(k)) && self.low(k) != "and").count();
            if (words.len() >= 3 || after_possessive) && lowercase_words > 0 {
                let subject = if after_possessive {
                    self.possessive_pronoun(open - 1).and_then(|w| self.resolve_pronoun(&p.text(open - 1), w, open - 1))
                } else {
                    self.sentence_subject(s_open).and_then(|subj| self.resolve(&subj, open))
                };
                if let Some(sp) = subject.filter(|sp| sp.kind == EKind::Person && sp.canonical.is_some() && self.speaks(sp)) {
                    a.speaker = Some(sp);
                    a.source = Source::Narration;
                    return a;
                }
            }
        }
        a
    }

    /// Whether a speaker is quoted or reported as speaking somewhere in the text.
    fn speaks(&self, sp: &Speaker) -> bool {
        sp.canonical.as_ref().is_some_and(|c| self.speaking.contains(c))
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
        let m = self
            .mention_starting(k)
            .or_else(|| (matches!(self.low(k), "the") && k + 1 < b).then(|| self.mention_starting(k + 1)).flatten())?;
        if matches!(self.mentions[m].kind, EKind::Place) {
            return None;
        }
        self.resolve(&Subj::Mention(m), k)
    }

    fn possessor(&self, k: usize) -> Option<Speaker> {
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
        let quotes_back_to = |pp: usize| done[..i].iter().rev().take_while(move |d| last_para_of(d) >= pp);
        // Events before token `at`, nearest first, back to the given paragraph.
        let events_back = |at: usize, pp: usize| {
            let k = self.events.partition_point(|e| e.verb < at);
            self.events[..k].iter().rev().take_while(move |e| e.para >= pp)
        };
        // An earlier quotation of the same paragraph (or a speaker reported since).
        if let Some(prev) = quotes_back_to(para).find(|d| last_para_of(d) == para) {
            if let Some(sp) = &prev.speaker {
                let prev_close = self.close_token(*prev.raw.last().unwrap());
                let since = events_back(open, para).take_while(|e| e.verb > prev_close).find_map(|e| e.speaker.clone());
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
        let quote_only = para_toks.clone().all(|k| p.tokens[k].kind != Tk::Word || p.tokens[k].quote != NO_QUOTE);
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


