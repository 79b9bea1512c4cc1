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
//!
//! The passes are `mentions`, `events` (with `subjects`, which finds each event's subject) and
//! `attribute`; `resolve` turns a subject into a speaker.
//! This module holds the types they share, [`Analysis`] and its token helpers.

use super::lexicon as lx;
use super::text::{Prepared, Tk, NO_QUOTE};
use std::collections::HashMap;
use std::ops::Range;

mod apposition;
mod attribute;
mod events;
mod mentions;
mod resolve;
mod subjects;

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
    /// A source that names no one (`Reports said`): the words are attributed, to nobody.
    Unnamed(usize),
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
    /// `None` when the writer speaks (`I said`, `we told them`) or no one is named (`Reports
    /// said`): a cue, but never a speaker.
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
    /// `Name … verbed …, “…”`: a clause with a named subject and a comma before a whole utterance.
    Comma,
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
    /// A whole utterance after a colon (`… made the following announcement: “…”`).
    pub introduced: bool,
}

fn gender_of_role(w: &str) -> Gender {
    match w {
        "spokesman" | "chairman" | "husband" | "widower" | "father" | "son" | "brother"
        | "congressman" | "assemblyman" | "dad" => Gender::Male,
        "spokeswoman" | "chairwoman" | "wife" | "widow" | "mother" | "daughter" | "sister"
        | "congresswoman" | "assemblywoman" | "mum" | "mom" => Gender::Female,
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
        a.speaking = a
            .events
            .iter()
            .filter_map(|e| e.speaker.as_ref()?.canonical.clone())
            .collect();
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
        self.p.tokens[i].kind == Tk::Word
            && (w.ends_with("'s") || (w.ends_with('\'') && w.len() > 2))
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
}
