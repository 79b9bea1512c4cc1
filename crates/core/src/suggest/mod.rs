//! Suggestions: quotations with their speakers and cues, and check-worthy claims, found in an
//! article's text so that the reader can accept or reject them instead of marking everything up
//! by hand.
//!
//! ```
//! use quotemark_core::suggest::{suggest, suggestions, SuggestionKind};
//! use quotemark_core::model::{Kind, QuoteForm};
//!
//! let text = "Tom Becker chairs the council.\n\n\
//!             “We have listened,” he said, “and we will keep the libraries.”\n\n\
//!             The council said the closures would save £1.2 million a year.";
//! let found = suggest(text);
//! let quote = found.iter().find(|s| s.kind == SuggestionKind::Quote).unwrap();
//! assert_eq!(quote.spans.len(), 2); // one quotation in two parts around its attribution
//! assert_eq!(quote.speaker.as_deref(), Some("he"));
//! assert_eq!(quote.speaker_canonical.as_deref(), Some("Tom Becker"));
//! assert_eq!(quote.cue.as_deref(), Some("said"));
//! assert_eq!(quote.form, QuoteForm::Direct);
//! assert!(quote.confidence > 0.9);
//! match quote.to_kind() {
//!     Kind::Quote(q) => assert_eq!(q.speaker, "Tom Becker"), // a pronoun shows its referent
//!     Kind::Claim(_) => unreachable!(),
//! }
//! // Claims, most check-worthy first, with their reasons.
//! let claims = suggestions(text).claims;
//! assert_eq!(claims[0].reasons[0], "money: £1.2 million");
//! ```
//!
//! How it works (the full account, with the evaluation, is `docs/SUGGESTIONS.md`):
//!
//! 1. the text is read once into code points, paragraphs, quotation marks (see `quotes.rs`:
//!    curly and straight, double and single, nested, multi-paragraph, apostrophes told apart),
//!    tokens and sentences (split outside quotations only);
//! 2. names, titles and roles are collected, and every reporting verb (about a hundred, with their
//!    inflections: [`reporting_verb`]) or `according to` gets a subject (see `speakers.rs`);
//! 3. each quotation takes the speech event next to it, or inherits a speaker; split quotations
//!    are merged; short quoted words with neither a cue nor a speaker (scare quotes, titles) are
//!    kept with a low confidence;
//! 4. sentences are scored for check-worthiness (see `claims.rs`).
//!
//! Everything is linear in the length of the text, apart from bounded look-backs.

mod claims;
pub mod eval;
pub(crate) mod lexicon;
mod quotes;
mod speakers;
mod text;
mod verbs;

pub use claims::CLAIM_THRESHOLD;
pub use verbs::{lemma_count as reporting_verb_count, reporting_verb};

use crate::model::{Claim, ClaimType, Kind, Quote, QuoteForm, Span};
use quotes::Family;
use serde::{Deserialize, Serialize};
use speakers::{Analysis, Attributed, Source};
use text::{Prepared, Tk};

/// Quotations at or above this confidence are proposed; lower ones (scare quotes, titles) are
/// kept for the app to show faintly, and the evaluation ignores them. Claims have their own scale
/// ([`CLAIM_THRESHOLD`]).
pub const PROPOSE_THRESHOLD: f32 = 0.5;

/// What a suggestion proposes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SuggestionKind {
    /// A quotation, with its speaker and cue.
    Quote,
    /// A check-worthy claim.
    Claim,
}

/// One proposed annotation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Suggestion {
    /// Stable for a given text: the kind and the spans, e.g. `quote:120-161,175-220`, so that the
    /// app can remember which suggestions a reader rejected in a document.
    pub id: String,
    /// Quotation or claim.
    pub kind: SuggestionKind,
    /// Code-point spans into the text: for a quotation, the text inside its marks (one span per
    /// part for split quotations and per paragraph for multi-paragraph ones); for a claim, the
    /// sentence.
    pub spans: Vec<Span>,
    /// The speaker as written ("Mr Becker", "she", "a spokesperson for the group").
    pub speaker: Option<String>,
    /// The speaker's canonical name ("Tom Becker"), when the text supports one.
    pub speaker_canonical: Option<String>,
    /// The reporting verb as written ("said", "told", "according to").
    pub cue: Option<String>,
    /// Direct or partial (quotations); `Direct` for claims.
    pub form: QuoteForm,
    /// The claim type (claims only).
    pub claim_type: Option<ClaimType>,
    /// From 0 to 1. For claims: the check-worthiness score.
    pub confidence: f32,
    /// Why, in plain words, most important first.
    pub reasons: Vec<String>,
}

impl Suggestion {
    /// The annotation kind this suggestion proposes. A quotation's `speaker` is the name as
    /// written, except that a pronoun is replaced by the person it refers to.
    ///
    /// ```
    /// use quotemark_core::suggest::suggest;
    /// use quotemark_core::model::{ClaimType, Kind};
    /// let s = suggest("Profits fell 18% because shoppers traded down, the company said.");
    /// match s[0].to_kind() {
    ///     Kind::Claim(c) => assert_eq!(c.claim_type, ClaimType::Statistic),
    ///     Kind::Quote(_) => unreachable!(),
    /// }
    /// ```
    pub fn to_kind(&self) -> Kind {
        match self.kind {
            SuggestionKind::Quote => {
                let pronoun = self.speaker.as_deref().is_some_and(|s| {
                    matches!(s.to_lowercase().as_str(), "he" | "she" | "they" | "it" | "his" | "her" | "their" | "its")
                });
                let speaker = match (&self.speaker, &self.speaker_canonical) {
                    (Some(_), Some(c)) if pronoun => c.clone(),
                    (Some(s), _) => s.clone(),
                    (None, _) => String::new(),
                };
                Kind::Quote(Quote {
                    speaker: speaker.into(),
                    speaker_canonical: self.speaker_canonical.as_deref().map(Into::into),
                    cue: self.cue.as_deref().map(Into::into),
                    form: self.form,
                })
            }
            SuggestionKind::Claim => {
                Kind::Claim(Claim { claim_type: self.claim_type.unwrap_or_default(), ..Claim::default() })
            }
        }
    }

    /// From the start of the first span to the end of the last.
    pub fn extent(&self) -> Span {
        let start = self.spans.first().map_or(0, |s| s.start);
        Span::new(start, self.spans.last().map_or(start, |s| s.end))
    }

    /// Whether this suggestion is proposed: a quotation with a confidence of at least
    /// [`PROPOSE_THRESHOLD`], or any claim (claims are only returned from [`CLAIM_THRESHOLD`], on
    /// their own check-worthiness scale).
    pub fn is_proposed(&self) -> bool {
        match self.kind {
            SuggestionKind::Quote => self.confidence >= PROPOSE_THRESHOLD,
            SuggestionKind::Claim => self.confidence >= CLAIM_THRESHOLD,
        }
    }
}

/// The id of a suggestion of `kind` over `spans`.
///
/// ```
/// use quotemark_core::suggest::{suggestion_id, SuggestionKind};
/// use quotemark_core::model::Span;
/// assert_eq!(suggestion_id(SuggestionKind::Quote, &[Span::new(3, 9), Span::new(20, 31)]), "quote:3-9,20-31");
/// ```
pub fn suggestion_id(kind: SuggestionKind, spans: &[Span]) -> String {
    let mut id = String::from(match kind {
        SuggestionKind::Quote => "quote:",
        SuggestionKind::Claim => "claim:",
    });
    for (i, s) in spans.iter().enumerate() {
        if i > 0 {
            id.push(',');
        }
        id.push_str(&format!("{}-{}", s.start, s.end));
    }
    id
}

/// Suggestions split by kind.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Suggestions {
    /// Quotations in document order (including low-confidence ones).
    pub quotes: Vec<Suggestion>,
    /// Claims, most check-worthy first.
    pub claims: Vec<Suggestion>,
}

impl Suggestions {
    /// All suggestions in document order (by first span, quotations before claims).
    pub fn into_vec(self) -> Vec<Suggestion> {
        let mut all = self.quotes;
        all.extend(self.claims);
        crate::order::sort_by_key(&mut all, |s| (s.spans.first().map_or(0, |x| x.start), s.kind == SuggestionKind::Claim));
        all
    }
}

/// Quotation and claim suggestions for a text, in document order. Offsets are code points into
/// `text` (pass a [`crate::document::Document`]'s normalised text).
///
/// ```
/// use quotemark_core::suggest::suggest;
/// let s = suggest("“It works,” said Dr Ana Ruiz. Sales rose 40% in 2023.");
/// assert_eq!(s[0].speaker_canonical.as_deref(), Some("Ana Ruiz"));
/// assert_eq!(s[1].claim_type, Some(quotemark_core::model::ClaimType::Statistic));
/// ```
pub fn suggest(text: &str) -> Vec<Suggestion> {
    suggestions(text).into_vec()
}

/// Quotation and claim suggestions for a text, by kind: quotations in document order, claims
/// most check-worthy first.
pub fn suggestions(text: &str) -> Suggestions {
    let p = Prepared::new(text);
    let analysis = Analysis::new(&p);
    let attributed = analysis.attribute_all();
    let mut quotes: Vec<Suggestion> = attributed.iter().filter_map(|a| quote_suggestion(&analysis, a)).collect();
    one_name_per_person(&analysis, &mut quotes);
    let mut claims: Vec<Suggestion> = claims::find_claims(&p)
        .into_iter()
        .map(|c| Suggestion {
            id: suggestion_id(SuggestionKind::Claim, &[c.span]),
            kind: SuggestionKind::Claim,
            spans: vec![c.span],
            speaker: None,
            speaker_canonical: None,
            cue: None,
            form: QuoteForm::Direct,
            claim_type: Some(c.claim_type),
            confidence: c.score,
            reasons: c.reasons,
        })
        .collect();
    crate::order::sort_by(&mut claims, |a, b| b.confidence.total_cmp(&a.confidence).then(a.spans[0].start.cmp(&b.spans[0].start)));
    Suggestions { quotes, claims }
}

/// One person, one speaker: every canonical speaker becomes the fullest form of its name among
/// the article's named people and speakers (`Garcia`, `Ms Lopez Garcia` → `Maria Lopez Garcia`).
fn one_name_per_person(an: &Analysis, quotes: &mut [Suggestion]) {
    let names = an
        .person_names()
        .chain(quotes.iter().filter_map(|q| q.speaker_canonical.clone()))
        .collect::<Vec<String>>();
    let people = crate::people::People::from_names(names.iter().map(String::as_str));
    let mut resolved: std::collections::HashMap<String, String> = std::collections::HashMap::new();
    for q in quotes.iter_mut() {
        let Some(c) = &q.speaker_canonical else { continue };
        let full = resolved.entry(c.clone()).or_insert_with(|| people.canonical(c).into_owned()).clone();
        if full != *c {
            q.reasons.push(format!("“{c}” is “{full}”, the fullest form of the name in the article"));
            q.speaker_canonical = Some(full);
        }
    }
}

const MINOR_WORDS: &[&str] = &["a", "an", "and", "at", "by", "for", "in", "of", "on", "the", "to"];

fn quote_suggestion(an: &Analysis, a: &Attributed) -> Option<Suggestion> {
    let p = an.p;
    let spans: Vec<Span> = a.raw.iter().flat_map(|&q| p.quotes[q].parts.iter().copied()).collect();
    if spans.is_empty() {
        return None;
    }
    let q0 = &p.quotes[a.raw[0]];
    let unclosed = a.raw.iter().any(|&q| p.quotes[q].unclosed);
    // Words inside the quotation (outermost level).
    let (first_tok, last_tok) = (p.token_at(spans[0].start), p.token_at(spans.last().map_or(0, |s| s.end)));
    let words: Vec<usize> =
        (first_tok..last_tok).filter(|&k| p.tokens[k].kind == Tk::Word || p.tokens[k].kind == Tk::Num).collect();
    let title_like = !words.is_empty()
        && words.len() <= 6
        && words.iter().all(|&k| p.tokens[k].cap || p.tokens[k].kind == Tk::Num || MINOR_WORDS.contains(&p.low(k)))
        && p.tokens[words[0]].cap;
    // "COVID-19", "2019-nCoV": one word of letters and digits is a name or a code, not speech,
    // whoever announced it.
    let code_like = spans.len() == 1 && {
        let inner: String = p.chars[spans[0].start..spans[0].end].iter().collect();
        let inner = inner.trim_end_matches(['.', ',']);
        !inner.contains(char::is_whitespace)
            && inner.contains(|c: char| c.is_ascii_digit())
            && inner.contains(char::is_alphabetic)
    };
    let mut reasons = Vec::new();
    let (family, mark) = an.family(a.raw[0]);
    let marks = match (family, mark) {
        (Family::Double, '"') => "straight double",
        (Family::Single, '\'') => "straight single",
        (Family::Double, _) => "double",
        (Family::Single, _) => "single",
    };
    let form = if a.partial { QuoteForm::Partial } else { QuoteForm::Direct };
    reasons.push(format!("{} quotation in {marks} marks", form.key()));
    if a.raw.len() > 1 {
        reasons.push("split around its attribution: one quotation in two parts".to_string());
    }
    if q0.last_para > q0.first_para || a.raw.iter().any(|&q| p.quotes[q].last_para > p.quotes[q].first_para) {
        reasons.push("runs over several paragraphs (each reopened with a mark)".to_string());
    }
    let has_speaker = a.speaker.as_ref().is_some_and(|s| s.canonical.is_some());
    let mut confidence: f32 = match a.source {
        _ if code_like => 0.15,
        Source::After | Source::Before if has_speaker => 0.95,
        Source::After | Source::Before => 0.8,
        Source::Colon | Source::Comma | Source::Possessive => 0.8,
        Source::SameParagraph | Source::EarlierSentence | Source::PreviousParagraph => 0.8,
        Source::Narration => 0.6,
        Source::None if a.standalone || a.introduced => 0.6,
        Source::None if title_like => 0.15,
        Source::None if words.len() <= 4 => 0.2,
        Source::None => 0.35,
    };
    if let Some(cue) = &a.cue {
        let place = match a.source {
            Source::After => "after",
            _ => "before",
        };
        reasons.push(format!("cue “{cue}” {place} the quotation"));
    }
    match (&a.speaker, a.source) {
        (Some(sp), source) => {
            let how = match source {
                Source::Colon => " (introduces it with a colon)",
                Source::Comma => " (the subject of the clause that introduces it)",
                Source::Possessive => " (whose words these are)",
                Source::SameParagraph => " (continues the previous quotation of the paragraph)",
                Source::EarlierSentence => " (the speaker of an earlier sentence of the paragraph)",
                Source::PreviousParagraph => " (a quote-only paragraph continues the previous paragraph's speaker)",
                Source::Narration => " (quoted words in a sentence about this speaker)",
                _ => "",
            };
            match (&sp.canonical, &sp.note) {
                (Some(c), Some(note)) if c != &sp.written => {
                    reasons.push(format!("speaker “{}” → {c}: {note}{how}", sp.written))
                }
                (Some(c), _) if c != &sp.written => reasons.push(format!("speaker “{}” → {c}{how}", sp.written)),
                (Some(_), _) => reasons.push(format!("speaker “{}”{how}", sp.written)),
                (None, _) => reasons.push(format!("speaker “{}”, not resolved to a name{how}", sp.written)),
            }
        }
        (None, Source::After | Source::Before) => {
            reasons.push("the cue's subject names no one (I, we, reports, one of them): no speaker proposed".to_string())
        }
        (None, _) if a.standalone => reasons.push("a quoted passage with no attribution in the text".to_string()),
        (None, _) if a.introduced => reasons.push("a whole utterance introduced by a colon, with no speaker named".to_string()),
        (None, _) if title_like => {
            reasons.push("capitalised words with no cue verb or speaker: probably a title or name".to_string())
        }
        (None, _) => {
            reasons.push("quoted words with no cue verb or speaker in the sentence: perhaps a scare quote".to_string())
        }
    }
    if form == QuoteForm::Partial && a.speaker.is_some() {
        confidence -= 0.05;
    }
    if code_like {
        reasons.push("one word of letters and digits: probably a name or code, not words spoken".to_string());
    }
    if unclosed {
        confidence *= 0.8;
        reasons.push("no closing mark: runs to the end of its paragraph".to_string());
    }
    Some(Suggestion {
        id: suggestion_id(SuggestionKind::Quote, &spans),
        kind: SuggestionKind::Quote,
        spans,
        speaker: a.speaker.as_ref().map(|s| s.written.clone()),
        speaker_canonical: a.speaker.as_ref().and_then(|s| s.canonical.clone()),
        cue: a.cue.clone(),
        form,
        claim_type: None,
        confidence: (confidence * 100.0).round() / 100.0,
        reasons,
    })
}
