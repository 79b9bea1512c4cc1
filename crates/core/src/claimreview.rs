//! Fact-checks as schema.org `ClaimReview` JSON-LD, the markup fact-checkers publish and search
//! engines and the Google Fact Check Explorer read.
//!
//! A claim with a verdict (status Supported, Disputed or False) becomes one `ClaimReview`: the
//! claim's text as `claimReviewed`, its verdict on the chosen [`Scale`] as `reviewRating` (with
//! `alternateName`, and numbers only on a numeric scale), the reviewer set once in
//! [`ReviewSettings`] as `author`, the review page as `url`, and the claim itself as `itemReviewed`:
//! who made it (the speaker of the tagged quote the claim lies in), where (the article's URL as
//! `appearance`) and when (the article's date).
//!
//! [`check`] reads a review back against Google's ClaimReview documentation
//! (developers.google.com/search/docs/appearance/structured-data/factcheck): required are
//! `claimReviewed`, `reviewRating.alternateName` and `url`; a numeric rating needs `bestRating`
//! and `worstRating` with 1 ≤ worst < best and the value between them; recommended are `author`,
//! `datePublished` and `itemReviewed` with its `author`, `datePublished` and `appearance`. (Google
//! announced in 2025 that it is phasing fact-check rich results out of Search; its Fact Check
//! Explorer and other readers of the markup remain.)
//!
//! ```
//! use quotemark_core::claimreview::{check, reviews, ReviewSettings};
//! use quotemark_core::anchor::describe;
//! use quotemark_core::document::Document;
//! use quotemark_core::model::*;
//! let doc = Document::from_raw("Costs rose by 5%.");
//! let claim = Annotation::new(
//!     AnnotationId("c".into()),
//!     describe(&doc.id.0, &doc.text, Span::new(0, 16)),
//!     Kind::Claim(Claim { status: ClaimStatus::False, ..Claim::default() }),
//!     Timestamp(0),
//! );
//! let settings = ReviewSettings { reviewer: "Desk".into(), review_url: "https://fc.example/costs".into(), ..ReviewSettings::default() };
//! let out = reviews(&doc, &[claim].into_iter().collect(), &settings, &Default::default(), "2026-12-03");
//! assert!(out.to_json().contains(r#""alternateName": "False","#));
//! assert!(out.to_json().contains(r#""ratingValue": 1,"#));
//! assert!(check(&out.reviews[0]).iter().all(|m| !m.required));
//! ```

use crate::document::Document;
use crate::insights::Roles;
use crate::model::{Annotation, AnnotationId, AnnotationSet, ClaimStatus, Kind, SpeakerRole};
use crate::people::People;
use serde::{Deserialize, Serialize};

/// A fact-check rating scale: what each verdict is called on it and, for a numeric scale, its
/// number.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Scale {
    /// 1 False, 2 Mostly false, 3 Mixed, 4 Mostly true, 5 True.
    #[default]
    FiveStep,
    /// Six steps from Pants on fire (1) to True (6), as PolitiFact's Truth-O-Meter.
    SixStep,
    /// 1 False, 2 Misleading, 3 True.
    ThreeStep,
    /// Words only (True, Missing context, False), as many IFCN signatories publish: no numbers.
    Words,
}

/// A verdict on a scale.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rating {
    pub name: &'static str,
    pub value: Option<u8>,
}

impl Scale {
    pub const ALL: [Scale; 4] = [Scale::FiveStep, Scale::SixStep, Scale::ThreeStep, Scale::Words];

    pub const fn key(self) -> &'static str {
        match self {
            Scale::FiveStep => "five-step",
            Scale::SixStep => "six-step",
            Scale::ThreeStep => "three-step",
            Scale::Words => "words",
        }
    }

    pub const fn label(self) -> &'static str {
        match self {
            Scale::FiveStep => "Five steps (1–5)",
            Scale::SixStep => "Six steps (1–6, Truth-O-Meter)",
            Scale::ThreeStep => "Three steps (1–3)",
            Scale::Words => "Words only (no numbers)",
        }
    }

    pub fn from_key(key: &str) -> Option<Scale> {
        Scale::ALL.into_iter().find(|s| s.key() == key)
    }

    /// `(worst, best)` of a numeric scale.
    pub const fn range(self) -> Option<(u8, u8)> {
        match self {
            Scale::FiveStep => Some((1, 5)),
            Scale::SixStep => Some((1, 6)),
            Scale::ThreeStep => Some((1, 3)),
            Scale::Words => None,
        }
    }

    /// The rating a claim status maps to; `None` for a status that is no verdict yet.
    pub const fn rating(self, status: ClaimStatus) -> Option<Rating> {
        let (name, value) = match (self, status) {
            (_, ClaimStatus::Unverified | ClaimStatus::NeedsSource) => return None,
            (Scale::FiveStep, ClaimStatus::Supported) => ("True", 5),
            (Scale::FiveStep, ClaimStatus::Disputed) => ("Mixed", 3),
            (Scale::FiveStep, ClaimStatus::False) => ("False", 1),
            (Scale::SixStep, ClaimStatus::Supported) => ("True", 6),
            (Scale::SixStep, ClaimStatus::Disputed) => ("Half true", 4),
            (Scale::SixStep, ClaimStatus::False) => ("False", 2),
            (Scale::ThreeStep, ClaimStatus::Supported) => ("True", 3),
            (Scale::ThreeStep, ClaimStatus::Disputed) => ("Misleading", 2),
            (Scale::ThreeStep, ClaimStatus::False) => ("False", 1),
            (Scale::Words, ClaimStatus::Supported) => return Some(Rating { name: "True", value: None }),
            (Scale::Words, ClaimStatus::Disputed) => return Some(Rating { name: "Missing context", value: None }),
            (Scale::Words, ClaimStatus::False) => return Some(Rating { name: "False", value: None }),
        };
        Some(Rating { name, value: Some(value) })
    }
}

/// Who publishes the reviews, and where: set once by the reader.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ReviewSettings {
    /// The fact-checker or organisation (`author` of each review).
    pub reviewer: String,
    /// The reviewer's site, optional.
    pub reviewer_url: String,
    /// The page the fact-check is published on (`url`).
    pub review_url: String,
    pub scale: Scale,
}

/// Something a review lacks: `required` by Google's documentation, or recommended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Missing {
    pub field: &'static str,
    pub required: bool,
    pub message: &'static str,
}

/// A claim and what its review lacks (or why it has none).
#[derive(Clone, Debug, PartialEq)]
pub struct ClaimCheck {
    pub id: AnnotationId,
    pub text: String,
    /// The review's rating name, `None` when the claim has no verdict yet (and so no review).
    pub rating: Option<&'static str>,
    pub missing: Vec<Missing>,
}

/// A `ClaimReview`, serialised as JSON-LD in this member order. Written from derive-serialised
/// structs rather than `serde_json::Value`, which the app does not otherwise need (it would cost
/// about 8 KB gzipped).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ClaimReview {
    #[serde(rename = "@context")]
    pub context: &'static str,
    #[serde(rename = "@type")]
    pub kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(rename = "claimReviewed")]
    pub claim_reviewed: String,
    #[serde(rename = "datePublished", skip_serializing_if = "Option::is_none")]
    pub date_published: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author: Option<Party>,
    #[serde(rename = "reviewRating", skip_serializing_if = "Option::is_none")]
    pub review_rating: Option<ReviewRating>,
    #[serde(rename = "itemReviewed")]
    pub item_reviewed: ItemReviewed,
}

/// A person or organisation: `{"@type": "Person", "name": …}`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Party {
    #[serde(rename = "@type")]
    pub kind: &'static str,
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// The verdict: its name always, its number on a numeric scale.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ReviewRating {
    #[serde(rename = "@type")]
    pub kind: &'static str,
    #[serde(rename = "alternateName")]
    pub alternate_name: String,
    #[serde(rename = "ratingValue", skip_serializing_if = "Option::is_none")]
    pub rating_value: Option<i64>,
    #[serde(rename = "worstRating", skip_serializing_if = "Option::is_none")]
    pub worst_rating: Option<i64>,
    #[serde(rename = "bestRating", skip_serializing_if = "Option::is_none")]
    pub best_rating: Option<i64>,
}

/// The claim reviewed: who made it, when, and where it appeared.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ItemReviewed {
    #[serde(rename = "@type")]
    pub kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author: Option<Party>,
    #[serde(rename = "datePublished", skip_serializing_if = "Option::is_none")]
    pub date_published: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub appearance: Option<Appearance>,
}

/// The article the claim appeared in.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Appearance {
    #[serde(rename = "@type")]
    pub kind: &'static str,
    pub url: String,
    pub headline: String,
}

/// The reviews of an article and a check of each of its claims.
pub struct Reviews {
    /// One `ClaimReview` per claim with a verdict, in document order.
    pub reviews: Vec<ClaimReview>,
    /// Every claim, in document order.
    pub checks: Vec<ClaimCheck>,
}

impl Reviews {
    /// How many reviews lack nothing Google requires.
    pub fn publishable(&self) -> usize {
        self.checks.iter().filter(|c| c.rating.is_some() && c.missing.iter().all(|m| !m.required)).count()
    }

    /// The publishable reviews (lacking nothing required) as one JSON-LD document, an array of
    /// `ClaimReview`s, pretty-printed.
    pub fn to_json(&self) -> String {
        let ready: Vec<&ClaimReview> = self.reviews.iter().filter(|r| check(r).iter().all(|m| !m.required)).collect();
        // Cannot fail: string keys, no floats.
        serde_json::to_string_pretty(&ready).unwrap_or_default()
    }
}

/// Who made a claim: the speaker (fullest name) of the tagged quote that overlaps it most.
pub fn claimant(set: &AnnotationSet, claim: &Annotation, people: &People) -> Option<String> {
    let span = claim.target.span()?;
    set.iter()
        .filter_map(|a| match &a.kind {
            Kind::Quote(q) => {
                let s = a.target.span()?;
                let overlap = s.end.min(span.end).saturating_sub(s.start.max(span.start));
                (overlap > 0).then(|| (overlap, people.speaker_of(q)))
            }
            Kind::Claim(_) => None,
        })
        .max_by_key(|(overlap, _)| *overlap)
        .and_then(|(_, who)| who.map(|w| w.into_owned()))
}

fn http(s: &str) -> Option<String> {
    let s = s.trim();
    crate::url::is_http_url(s).then(|| s.to_string())
}

/// The reviews of `doc`'s claims with a verdict, published `today` (`YYYY-MM-DD`).
/// A claimant whose role is Company is an `Organization`, anyone else a `Person`.
pub fn reviews(doc: &Document, set: &AnnotationSet, settings: &ReviewSettings, roles: &Roles, today: &str) -> Reviews {
    let people = People::of_annotations(set.iter());
    let mut out = Reviews { reviews: Vec::new(), checks: Vec::new() };
    for a in set.in_document_order() {
        let Kind::Claim(c) = &a.kind else { continue };
        let text = crate::report::quoted_text(doc, a).trim().to_string();
        let Some(rating) = settings.scale.rating(c.status) else {
            out.checks.push(ClaimCheck {
                id: a.id.clone(),
                text,
                rating: None,
                missing: vec![Missing {
                    field: "reviewRating",
                    required: true,
                    message: "no verdict yet: set its status to Supported, Disputed or False",
                }],
            });
            continue;
        };
        let range = settings.scale.range().filter(|_| rating.value.is_some());
        let reviewer = settings.reviewer.trim();
        let review = ClaimReview {
            context: "https://schema.org",
            kind: "ClaimReview",
            url: http(&settings.review_url),
            claim_reviewed: text.clone(),
            date_published: Some(today.to_string()),
            author: (!reviewer.is_empty()).then(|| Party {
                kind: "Organization",
                name: reviewer.to_string(),
                url: http(&settings.reviewer_url),
            }),
            review_rating: Some(ReviewRating {
                kind: "Rating",
                alternate_name: rating.name.to_string(),
                rating_value: rating.value.map(i64::from),
                worst_rating: range.map(|(w, _)| i64::from(w)),
                best_rating: range.map(|(_, b)| i64::from(b)),
            }),
            item_reviewed: ItemReviewed {
                kind: "Claim",
                author: claimant(set, a, &people).map(|name| Party {
                    kind: if roles.get(&name) == Some(SpeakerRole::Company) { "Organization" } else { "Person" },
                    name,
                    url: None,
                }),
                date_published: doc.date.map(|d| d.to_iso()),
                appearance: doc.source.as_deref().and_then(http).map(|url| Appearance {
                    kind: "CreativeWork",
                    url,
                    headline: doc.title.clone(),
                }),
            },
        };
        out.checks.push(ClaimCheck { id: a.id.clone(), text, rating: Some(rating.name), missing: check(&review) });
        out.reviews.push(review);
    }
    out
}

fn filled(s: &Option<String>) -> bool {
    s.as_deref().is_some_and(|s| !s.trim().is_empty())
}

/// What `review` lacks against Google's ClaimReview documentation: required fields first.
pub fn check(review: &ClaimReview) -> Vec<Missing> {
    let mut missing = Vec::new();
    let mut need = |ok: bool, field, required, message| {
        if !ok {
            missing.push(Missing { field, required, message });
        }
    };
    need(review.kind == "ClaimReview", "@type", true, "is not a ClaimReview");
    need(!review.claim_reviewed.trim().is_empty(), "claimReviewed", true, "the claim has no text");
    let rating = review.review_rating.as_ref();
    need(
        rating.is_some_and(|r| !r.alternate_name.trim().is_empty()),
        "reviewRating.alternateName",
        true,
        "the verdict has no name",
    );
    need(
        review.url.as_deref().is_some_and(crate::url::is_http_url),
        "url",
        true,
        "no review page: set the URL the fact-check is published at",
    );
    if let Some(r) = rating.filter(|r| r.rating_value.is_some()) {
        let numbers_ok = match (r.rating_value, r.worst_rating, r.best_rating) {
            (Some(v), Some(worst), Some(best)) => worst >= 1 && worst < best && (worst..=best).contains(&v),
            _ => false,
        };
        need(numbers_ok, "reviewRating.ratingValue", true, "a numeric rating needs 1 ≤ worstRating ≤ ratingValue ≤ bestRating");
    }
    need(
        review.author.as_ref().is_some_and(|a| !a.name.trim().is_empty()),
        "author",
        false,
        "no reviewer: set who publishes the fact-check",
    );
    need(filled(&review.date_published), "datePublished", false, "no date of the review");
    let item = &review.item_reviewed;
    need(
        item.author.as_ref().is_some_and(|a| !a.name.trim().is_empty()),
        "itemReviewed.author",
        false,
        "who made the claim is unknown: tag the quote it is in with its speaker",
    );
    need(filled(&item.date_published), "itemReviewed.datePublished", false, "the article has no date");
    need(
        item.appearance.as_ref().is_some_and(|a| crate::url::is_http_url(&a.url)),
        "itemReviewed.appearance",
        false,
        "the article has no source URL",
    );
    missing
}

#[cfg(test)]
mod tests;
