//! One test per field Google requires, the numeric rating rules, and the mapping of statuses.

use super::*;
use crate::anchor::describe;
use crate::document::Date;
use crate::insights::Roles;
use crate::model::{Claim, Quote, Span, Timestamp};
use serde_json::{json, Value};

const TEXT: &str = "“Crime fell by 40% last year,” said Amber Rudd. Costs rose by 5%.";

fn span_of(part: &str) -> Span {
    let at = TEXT.find(part).unwrap();
    let start = TEXT[..at].chars().count();
    Span::new(start, start + part.chars().count())
}

fn article() -> (Document, AnnotationSet) {
    let mut doc = Document::new("Crime figures", Date::parse_iso("2017-06-05"), TEXT);
    doc.source = Some("https://news.example/crime".into());
    let a = |n: u8, part: &str, kind| {
        Annotation::new(AnnotationId::from_random_bytes([n; 16]), describe(&doc.id.0, &doc.text, span_of(part)), kind, Timestamp(0))
    };
    let set = [
        a(1, "“Crime fell by 40% last year,”", Kind::Quote(Quote { speaker: "Rudd".into(), ..Quote::default() })),
        a(2, "Crime fell by 40% last year", Kind::Claim(Claim { status: ClaimStatus::Disputed, ..Claim::default() })),
        a(3, "Costs rose by 5%", Kind::Claim(Claim { status: ClaimStatus::Unverified, ..Claim::default() })),
        a(4, "Amber Rudd", Kind::Quote(Quote { speaker: "Amber Rudd".into(), ..Quote::default() })),
    ]
    .into_iter()
    .collect();
    (doc, set)
}

fn settings(scale: Scale) -> ReviewSettings {
    ReviewSettings {
        reviewer: "Fact Desk".into(),
        reviewer_url: "https://fc.example".into(),
        review_url: "https://fc.example/crime".into(),
        scale,
    }
}

fn complete() -> ClaimReview {
    let (doc, set) = article();
    reviews(&doc, &set, &settings(Scale::FiveStep), &Roles::default(), "2026-12-03").reviews.remove(0)
}

/// The JSON-LD of the first review, as a reader of the file sees it.
fn first_json(out: &Reviews) -> Value {
    serde_json::from_str::<Value>(&out.to_json()).unwrap()[0].clone()
}

fn required_missing(review: &ClaimReview) -> Vec<&'static str> {
    check(review).into_iter().filter(|m| m.required).map(|m| m.field).collect()
}

#[test]
fn a_complete_review_has_every_field() {
    let (doc, set) = article();
    let out = reviews(&doc, &set, &settings(Scale::FiveStep), &Roles::default(), "2026-12-03");
    assert_eq!(out.reviews.len(), 1);
    let r = &first_json(&out);
    assert_eq!(r["@context"], "https://schema.org");
    assert_eq!(r["@type"], "ClaimReview");
    assert_eq!(r["claimReviewed"], "Crime fell by 40% last year");
    assert_eq!(r["url"], "https://fc.example/crime");
    assert_eq!(r["datePublished"], "2026-12-03");
    assert_eq!(r["author"], json!({ "@type": "Organization", "name": "Fact Desk", "url": "https://fc.example" }));
    assert_eq!(
        r["reviewRating"],
        json!({ "@type": "Rating", "alternateName": "Mixed", "ratingValue": 3, "worstRating": 1, "bestRating": 5 })
    );
    // The claimant is the quote's speaker, by the fullest form of the name in the article.
    assert_eq!(r["itemReviewed"]["author"], json!({ "@type": "Person", "name": "Amber Rudd" }));
    assert_eq!(r["itemReviewed"]["datePublished"], "2017-06-05");
    assert_eq!(r["itemReviewed"]["appearance"]["url"], "https://news.example/crime");
    assert!(check(&out.reviews[0]).is_empty(), "{:?}", check(&out.reviews[0]));
    // The unverified claim has no review, and says why.
    assert_eq!(out.checks.len(), 2);
    assert_eq!(out.checks[1].rating, None);
    assert!(out.checks[1].missing[0].message.contains("no verdict"));
    assert_eq!(out.publishable(), 1);
}

#[test]
fn claim_reviewed_is_required() {
    let mut r = complete();
    r.claim_reviewed = "  ".into();
    assert_eq!(required_missing(&r), ["claimReviewed"]);
    r.claim_reviewed.clear();
    assert_eq!(required_missing(&r), ["claimReviewed"]);
}

#[test]
fn review_rating_alternate_name_is_required() {
    let mut r = complete();
    r.review_rating.as_mut().unwrap().alternate_name = String::new();
    assert_eq!(required_missing(&r), ["reviewRating.alternateName"]);
    r.review_rating = None;
    assert_eq!(required_missing(&r), ["reviewRating.alternateName"]);
}

#[test]
fn url_is_required_and_must_be_http() {
    let mut r = complete();
    r.url = Some("javascript:alert(1)".into());
    assert_eq!(required_missing(&r), ["url"]);
    r.url = None;
    assert_eq!(required_missing(&r), ["url"]);
    // Without a review page in the settings, the export says so.
    let (doc, set) = article();
    let out = reviews(&doc, &set, &ReviewSettings { review_url: String::new(), ..settings(Scale::FiveStep) }, &Roles::default(), "2026-12-03");
    assert_eq!(out.checks[0].missing.iter().filter(|m| m.required).map(|m| m.field).collect::<Vec<_>>(), ["url"]);
    assert_eq!(out.publishable(), 0);
    // Nothing unpublishable is exported.
    assert_eq!(out.to_json(), "[]");
}

#[test]
fn numeric_ratings_follow_the_rules() {
    for (value, worst, best) in [(3, 0, 5), (6, 1, 5), (3, 5, 5), (0, 1, 5)] {
        let mut r = complete();
        let rating = r.review_rating.as_mut().unwrap();
        (rating.rating_value, rating.worst_rating, rating.best_rating) = (Some(value), Some(worst), Some(best));
        assert_eq!(required_missing(&r), ["reviewRating.ratingValue"], "{value} {worst} {best}");
    }
    let mut r = complete();
    r.review_rating.as_mut().unwrap().best_rating = None;
    assert_eq!(required_missing(&r), ["reviewRating.ratingValue"]);
}

#[test]
fn recommended_fields_are_reported_but_not_required() {
    let (mut doc, set) = article();
    doc.source = None;
    doc.date = None;
    let out = reviews(&doc, &set, &ReviewSettings { reviewer: String::new(), ..settings(Scale::FiveStep) }, &Roles::default(), "2026-12-03");
    let fields: Vec<_> = out.checks[0].missing.iter().map(|m| (m.field, m.required)).collect();
    assert_eq!(fields, [("author", false), ("itemReviewed.datePublished", false), ("itemReviewed.appearance", false)]);
    assert_eq!(out.publishable(), 1);
}

#[test]
fn every_scale_maps_the_verdicts_and_words_only_has_no_numbers() {
    for scale in Scale::ALL {
        assert_eq!(Scale::from_key(scale.key()), Some(scale));
        assert_eq!(scale.rating(ClaimStatus::Unverified), None);
        assert_eq!(scale.rating(ClaimStatus::NeedsSource), None);
        let values: Vec<_> = [ClaimStatus::False, ClaimStatus::Disputed, ClaimStatus::Supported]
            .map(|s| scale.rating(s).unwrap())
            .to_vec();
        match scale.range() {
            // Worse verdicts rate lower, all within the scale.
            Some((worst, best)) => {
                assert!(values.windows(2).all(|w| w[0].value < w[1].value));
                assert!(values.iter().all(|r| (worst..=best).contains(&r.value.unwrap())));
            }
            None => assert!(values.iter().all(|r| r.value.is_none())),
        }
        let (doc, set) = article();
        let out = reviews(&doc, &set, &settings(scale), &Roles::default(), "2026-12-03");
        assert!(check(&out.reviews[0]).is_empty(), "{scale:?}");
        assert_eq!(first_json(&out)["reviewRating"].get("ratingValue").is_some(), scale.range().is_some());
    }
    assert_eq!(Scale::SixStep.rating(ClaimStatus::False).unwrap().name, "False");
}

#[test]
fn settings_round_trip_as_json() {
    let s = settings(Scale::Words);
    let json = serde_json::to_string(&s).unwrap();
    assert!(json.contains(r#""scale":"words""#) && json.contains(r#""reviewUrl":"https://fc.example/crime""#));
    assert_eq!(serde_json::from_str::<ReviewSettings>(&json).unwrap(), s);
    assert_eq!(serde_json::from_str::<ReviewSettings>("{}").unwrap(), ReviewSettings::default());
}

#[test]
fn a_company_claims_as_an_organization() {
    let (doc, set) = article();
    let mut roles = Roles::default();
    roles.set("Amber Rudd", Some(crate::model::SpeakerRole::Company));
    let out = reviews(&doc, &set, &settings(Scale::FiveStep), &roles, "2026-12-03");
    assert_eq!(out.reviews[0].item_reviewed.author.as_ref().unwrap().kind, "Organization");
}
