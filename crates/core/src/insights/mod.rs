//! Who is quoted, how much, in which role, and where the claims stand: the answers a source audit
//! asks of an article or of a whole library.
//!
//! Two stages, so that a change recomputes little: [`Tally`] counts one article (words are
//! counted here, the costly part) and is kept per article; [`Insights::merge`] groups the tallies'
//! speakers into people across all of them (one person under one name, see [`crate::people`]),
//! gives each their role and works out the shares. On a change only the open article is tallied
//! again.
//!
//! ```
//! use quotemark_core::anchor::describe;
//! use quotemark_core::insights::{Insights, Roles, Tally};
//! use quotemark_core::model::*;
//!
//! let text = "“We will act now,” said Amber Rudd. “No,” Rudd said.";
//! let quote = |n, s, e, who: &str| Annotation::new(
//!     AnnotationId::from_random_bytes([n; 16]),
//!     describe("doc", text, Span::new(s, e)),
//!     Kind::Quote(Quote { speaker: who.into(), cue: Some("said".into()), ..Quote::default() }),
//!     Timestamp(0),
//! );
//! let set: AnnotationSet = [quote(1, 0, 18, "Amber Rudd"), quote(2, 36, 41, "Rudd")].into_iter().collect();
//! let insights = Insights::merge([&Tally::of(&set)], &Roles::default());
//! assert_eq!(insights.people[0].name, "Amber Rudd");
//! assert_eq!((insights.people[0].quotes, insights.people[0].words), (2, 5));
//! ```
//!
//! Words are runs of letters and digits (with inner apostrophes and hyphens); quotation marks
//! and punctuation are not words. Uses the model and [`crate::people`].

mod research;
mod roles;

pub use research::{research_csv, research_jsonl, ArticleRef, RESEARCH_COLUMNS};
pub use roles::{looks_anonymous, Roles};

use crate::model::{AnnotationId, AnnotationSet, ClaimStatus, ClaimType, Kind, QuoteForm, SpeakerRole};
use crate::people::People;
use std::collections::HashMap;

/// How many words `text` has (see the module docs).
pub fn count_words(text: &str) -> usize {
    let mut words = 0;
    let mut in_word = false;
    let mut prev_joiner = false;
    for c in text.chars() {
        if c.is_alphanumeric() {
            if !in_word {
                words += 1;
            }
            in_word = true;
            prev_joiner = false;
        } else if in_word && !prev_joiner && matches!(c, '\'' | '’' | '-') {
            // Inside a word (`don't`, `well-known`) if a letter follows.
            prev_joiner = true;
        } else {
            in_word = false;
            prev_joiner = false;
        }
    }
    words
}

/// What quotes of one speaker (or of none) add up to.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Counts {
    pub quotes: usize,
    pub words: usize,
    /// Quotes by form, in [`QuoteForm::ALL`] order.
    pub forms: [usize; 3],
    /// Cue verbs (lowercase) and how often each introduced a quote.
    pub cues: Vec<(String, usize)>,
}

impl Counts {
    fn add_quote(&mut self, words: usize, form: QuoteForm, cue: Option<&str>) {
        self.quotes += 1;
        self.words += words;
        self.forms[QuoteForm::ALL.iter().position(|f| *f == form).unwrap_or(0)] += 1;
        if let Some(cue) = cue.map(str::trim).filter(|c| !c.is_empty()) {
            let cue = cue.to_lowercase();
            match self.cues.iter_mut().find(|(c, _)| *c == cue) {
                Some((_, n)) => *n += 1,
                None => self.cues.push((cue, 1)),
            }
        }
    }

    fn add(&mut self, other: &Counts) {
        self.quotes += other.quotes;
        self.words += other.words;
        for (a, b) in self.forms.iter_mut().zip(other.forms) {
            *a += b;
        }
        for (cue, n) in &other.cues {
            match self.cues.iter_mut().find(|(c, _)| c == cue) {
                Some((_, m)) => *m += n,
                None => self.cues.push((cue.clone(), *n)),
            }
        }
    }
}

/// A claim that has no evidence yet.
#[derive(Clone, Debug, PartialEq)]
pub struct Unevidenced {
    pub id: AnnotationId,
    pub text: String,
    pub status: ClaimStatus,
}

/// One article's counts, by speaker as written (grouped into people by [`Insights::merge`]).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Tally {
    /// Speaker as recorded (the canonical name when given, else as written) → counts.
    pub speakers: Vec<(String, Counts)>,
    /// Quotes nobody is named for.
    pub unattributed: Counts,
    /// Claims by status and by type, in [`ClaimStatus::ALL`] and [`ClaimType::ALL`] order.
    pub claim_status: [usize; 5],
    pub claim_type: [usize; 5],
    pub unevidenced: Vec<Unevidenced>,
}

impl Tally {
    /// Counts the quotes and claims of one article.
    pub fn of(set: &AnnotationSet) -> Tally {
        let mut tally = Tally::default();
        let mut index: HashMap<&str, usize> = HashMap::new();
        for a in set.iter() {
            let text = a.target.exact().unwrap_or("");
            match &a.kind {
                Kind::Quote(q) => {
                    let name = q.speaker_canonical.as_deref().map(str::trim).filter(|c| !c.is_empty());
                    let name = name.unwrap_or(q.speaker.trim());
                    let counts = if name.is_empty() {
                        &mut tally.unattributed
                    } else {
                        let i = *index.entry(name).or_insert_with(|| {
                            tally.speakers.push((name.to_string(), Counts::default()));
                            tally.speakers.len() - 1
                        });
                        &mut tally.speakers[i].1
                    };
                    counts.add_quote(count_words(text), q.form, q.cue.as_deref());
                }
                Kind::Claim(c) => {
                    tally.claim_status[ClaimStatus::ALL.iter().position(|s| *s == c.status).unwrap_or(0)] += 1;
                    tally.claim_type[ClaimType::ALL.iter().position(|t| *t == c.claim_type).unwrap_or(0)] += 1;
                    if c.evidence.is_empty() {
                        tally.unevidenced.push(Unevidenced { id: a.id.clone(), text: text.to_string(), status: c.status });
                    }
                }
            }
        }
        tally
    }
}

/// One quoted person.
#[derive(Clone, Debug, PartialEq)]
pub struct Person {
    /// The fullest form of the name.
    pub name: String,
    /// The role they are counted under (set by the reader, or `Anonymous` for a described speaker).
    pub role: Option<SpeakerRole>,
    /// Whether the reader set that role (else it is none or guessed).
    pub role_set: bool,
    pub quotes: usize,
    pub words: usize,
    /// Share of all quoted words, 0–1.
    pub share: f64,
    pub forms: [usize; 3],
    pub cues: Vec<(String, usize)>,
}

/// The quotes of one role (`None`: no role set).
#[derive(Clone, Debug, PartialEq)]
pub struct RoleRow {
    pub role: Option<SpeakerRole>,
    pub people: usize,
    pub quotes: usize,
    pub words: usize,
    pub share: f64,
}

/// The answers for one article or for a library.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Insights {
    pub articles: usize,
    pub quotes: usize,
    pub words: usize,
    /// Most words quoted first (then most quotes, then by name).
    pub people: Vec<Person>,
    /// Quotes with no speaker; their share of all quoted words in `unattributed_share`.
    pub unattributed: Counts,
    pub unattributed_share: f64,
    /// By role, in [`SpeakerRole::ALL`] order, then "no role set"; roles nobody has are left out.
    pub roles: Vec<RoleRow>,
    /// All quotes by form, in [`QuoteForm::ALL`] order.
    pub forms: [usize; 3],
    /// Cue verbs, most used first.
    pub cues: Vec<(String, usize)>,
    pub claims: usize,
    pub claim_status: [usize; 5],
    pub claim_type: [usize; 5],
    /// How many claims have no evidence yet (the list is in each article's [`Tally`]).
    pub unevidenced: usize,
}

fn share(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}

impl Insights {
    /// Puts the tallies of one or more articles together.
    pub fn merge<'a>(tallies: impl IntoIterator<Item = &'a Tally>, roles: &Roles) -> Insights {
        let tallies: Vec<&Tally> = tallies.into_iter().collect();
        let people = People::from_names(tallies.iter().flat_map(|t| t.speakers.iter().map(|(n, _)| n.as_str())));
        let mut out = Insights { articles: tallies.len(), ..Insights::default() };
        let mut by_person: Vec<(String, Counts)> = Vec::new();
        let mut index: HashMap<String, usize> = HashMap::new();
        for t in &tallies {
            for (name, counts) in &t.speakers {
                let person = people.canonical(name).into_owned();
                let i = *index.entry(person.clone()).or_insert_with(|| {
                    by_person.push((person, Counts::default()));
                    by_person.len() - 1
                });
                by_person[i].1.add(counts);
            }
            out.unattributed.add(&t.unattributed);
            for i in 0..5 {
                out.claim_status[i] += t.claim_status[i];
                out.claim_type[i] += t.claim_type[i];
            }
            out.unevidenced += t.unevidenced.len();
        }
        let mut all = out.unattributed.clone();
        for (_, c) in &by_person {
            all.add(c);
        }
        out.quotes = all.quotes;
        out.words = all.words;
        out.forms = all.forms;
        out.cues = sorted_cues(all.cues);
        out.claims = out.claim_status.iter().sum();
        out.unattributed_share = share(out.unattributed.words, out.words);
        out.people = by_person
            .into_iter()
            .map(|(name, c)| {
                Person {
                    role: roles.effective(&name),
                    role_set: roles.get(&name).is_some(),
                    quotes: c.quotes,
                    words: c.words,
                    share: share(c.words, out.words),
                    forms: c.forms,
                    cues: sorted_cues(c.cues),
                    name,
                }
            })
            .collect();
        crate::order::sort_by(&mut out.people, |a, b| {
            (b.words, b.quotes).cmp(&(a.words, a.quotes)).then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
        });
        let order = SpeakerRole::ALL.map(Some).into_iter().chain([None]);
        out.roles = order
            .filter_map(|role| {
                let of_role = out.people.iter().filter(|p| p.role == role);
                let (people, quotes, words) = of_role.fold((0, 0, 0), |(n, q, w), p| (n + 1, q + p.quotes, w + p.words));
                (people > 0).then(|| RoleRow { role, people, quotes, words, share: share(words, out.words) })
            })
            .collect();
        out
    }
}

fn sorted_cues(mut cues: Vec<(String, usize)>) -> Vec<(String, usize)> {
    crate::order::sort_by(&mut cues, |a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    cues
}

#[cfg(test)]
mod tests;
