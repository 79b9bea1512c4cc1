//! Counts on fixtures whose answers are worked out by hand in the comments.

use super::*;
use crate::anchor::describe;
use crate::model::{Annotation, Claim, Evidence, Quote, Span, Timestamp};

const TEXT: &str = "“We will act now,” said Amber Rudd. She called the plan “well-known folly”. \
    “It isn't safe for anyone online,” Jim Killock warned. “We are reviewing it,” a Facebook \
    spokesperson said. “Nobody knows,” one line read. Costs rose 5% because of the plan.";

fn span_of(part: &str) -> Span {
    let at = TEXT.find(part).unwrap();
    let start = TEXT[..at].chars().count();
    Span::new(start, start + part.chars().count())
}

fn quote(n: u8, part: &str, speaker: &str, cue: Option<&str>, form: QuoteForm) -> Annotation {
    Annotation::new(
        AnnotationId::from_random_bytes([n; 16]),
        describe("doc", TEXT, span_of(part)),
        Kind::Quote(Quote { speaker: speaker.into(), cue: cue.map(Into::into), form, ..Quote::default() }),
        Timestamp(0),
    )
}

fn claim(n: u8, part: &str, claim_type: ClaimType, status: ClaimStatus, evidence: Vec<Evidence>) -> Annotation {
    Annotation::new(
        AnnotationId::from_random_bytes([n; 16]),
        describe("doc", TEXT, span_of(part)),
        Kind::Claim(Claim { claim_type, status, evidence }),
        Timestamp(0),
    )
}

fn fixture() -> AnnotationSet {
    [
        // 4 words.
        quote(1, "“We will act now,”", "Amber Rudd", Some("said"), QuoteForm::Direct),
        // 2 words (`well-known` is one).
        quote(2, "“well-known folly”", "Rudd", Some("Called"), QuoteForm::Partial),
        // 6 words (`isn't` is one).
        quote(3, "“It isn't safe for anyone online,”", "Jim Killock", Some("warned"), QuoteForm::Direct),
        // 4 words.
        quote(4, "“We are reviewing it,”", "a Facebook spokesperson", Some("said"), QuoteForm::Direct),
        // 2 words, nobody named.
        quote(5, "“Nobody knows,”", "", None, QuoteForm::Direct),
        claim(6, "Costs rose 5%", ClaimType::Statistic, ClaimStatus::Unverified, vec![]),
        claim(
            7,
            "because of the plan",
            ClaimType::Causal,
            ClaimStatus::Supported,
            vec![Evidence { url: Some("https://example.org/report".into()), note: String::new() }],
        ),
    ]
    .into_iter()
    .collect()
}

#[test]
fn words_are_runs_of_letters_and_digits() {
    assert_eq!(count_words("“We will act now,”"), 4);
    assert_eq!(count_words("isn't well-known — 5% of 2,000"), 6);
    assert_eq!(count_words("“ ” - ' …"), 0);
    assert_eq!(count_words("Größe überall 東京"), 3);
}

#[test]
fn people_words_shares_forms_and_cues() {
    let mut roles = Roles::default();
    roles.set("Jim Killock", Some(SpeakerRole::Campaigner));
    let i = Insights::merge([&Tally::of(&fixture())], &roles);
    // 4 + 2 + 6 + 4 + 2 = 18 words in 5 quotes.
    assert_eq!((i.articles, i.quotes, i.words), (1, 5, 18));
    let names: Vec<_> = i.people.iter().map(|p| (p.name.as_str(), p.quotes, p.words)).collect();
    // Rudd and Killock have 6 words each: the one with more quotes first. A described speaker is
    // named without the article, as everywhere in the app.
    assert_eq!(names, [("Amber Rudd", 2, 6), ("Jim Killock", 1, 6), ("Facebook spokesperson", 1, 4)]);
    assert!((i.people[0].share - 6.0 / 18.0).abs() < 1e-12);
    assert_eq!(i.people[0].forms, [1, 1, 0]);
    assert_eq!(i.people[0].cues, [("called".to_string(), 1), ("said".to_string(), 1)]);
    assert_eq!((i.unattributed.quotes, i.unattributed.words), (1, 2));
    assert!((i.unattributed_share - 2.0 / 18.0).abs() < 1e-12);
    assert_eq!(i.forms, [4, 1, 0]);
    assert_eq!(i.cues[0], ("said".to_string(), 2));
    assert_eq!(i.cues.len(), 3);
}

#[test]
fn roles_set_guessed_and_missing() {
    let mut roles = Roles::default();
    roles.set("Jim Killock", Some(SpeakerRole::Campaigner));
    let i = Insights::merge([&Tally::of(&fixture())], &roles);
    let role_of = |name: &str| i.people.iter().find(|p| p.name == name).map(|p| (p.role, p.role_set)).unwrap();
    assert_eq!(role_of("Jim Killock"), (Some(SpeakerRole::Campaigner), true));
    assert_eq!(role_of("Facebook spokesperson"), (Some(SpeakerRole::Anonymous), false));
    assert_eq!(role_of("Amber Rudd"), (None, false));
    let rows: Vec<_> = i.roles.iter().map(|r| (r.role, r.people, r.quotes, r.words)).collect();
    assert_eq!(
        rows,
        [(Some(SpeakerRole::Campaigner), 1, 1, 6), (Some(SpeakerRole::Anonymous), 1, 1, 4), (None, 1, 2, 6)]
    );
    assert!((i.roles[0].share - 6.0 / 18.0).abs() < 1e-12);
    // The list's role filter finds exactly the quotes each role row counts.
    let set = fixture();
    let people = crate::people::People::of_annotations(set.iter());
    for row in &i.roles {
        let key = row.role.map_or(crate::filter::NO_ROLE, SpeakerRole::key).to_string();
        let filter = crate::filter::Filter::only(|f| f.role = key);
        assert_eq!(set.iter().filter(|a| filter.matches(a, &people, &roles)).count(), row.quotes, "{:?}", row.role);
    }
}

#[test]
fn claims_by_status_type_and_evidence() {
    let set = fixture();
    let tally = Tally::of(&set);
    let i = Insights::merge([&tally], &Roles::default());
    assert_eq!(i.claims, 2);
    assert_eq!(i.claim_status, [1, 0, 1, 0, 0]);
    assert_eq!(i.claim_type, [1, 1, 0, 0, 0]);
    assert_eq!(i.unevidenced, 1);
    assert_eq!(tally.unevidenced[0].text, "Costs rose 5%");
}

#[test]
fn a_library_groups_one_person_across_articles() {
    let one: AnnotationSet = [quote(1, "“We will act now,”", "Amber Rudd", Some("said"), QuoteForm::Direct)].into_iter().collect();
    let two: AnnotationSet = [quote(2, "“well-known folly”", "Ms Rudd", None, QuoteForm::Partial)].into_iter().collect();
    let (a, b) = (Tally::of(&one), Tally::of(&two));
    let i = Insights::merge([&a, &b], &Roles::default());
    assert_eq!(i.articles, 2);
    assert_eq!(i.people.len(), 1);
    assert_eq!((i.people[0].name.as_str(), i.people[0].quotes, i.people[0].words), ("Amber Rudd", 2, 6));
    // Merging is the sum of its parts: the library equals the article when there is one.
    assert_eq!(Insights::merge([&Tally::of(&fixture())], &Roles::default()).quotes, 5);
    assert_eq!(Insights::merge([], &Roles::default()), Insights::default());
}

#[test]
fn research_rows_are_guarded_and_complete() {
    let mut doc = crate::document::Document::new("Ministers =act", None, TEXT);
    doc.source = Some("https://news.example/a".into());
    let mut set = fixture();
    let mut a = set.iter().next().unwrap().clone();
    a.note = "=HYPERLINK(\"x\")".into();
    let id = a.id.clone();
    set = set.iter().filter(|x| x.id != id).cloned().chain([a]).collect();
    let mut roles = Roles::default();
    roles.set("Jim Killock", Some(SpeakerRole::Campaigner));
    let articles = [ArticleRef { document: &doc, set: &set }];
    let csv = research_csv(&articles, &roles, true);
    assert!(csv.starts_with("\u{feff}article,date,source_url,kind,speaker,"));
    let lines: Vec<&str> = csv.trim_end().split("\r\n").collect();
    assert_eq!(lines.len(), 1 + 7);
    assert!(csv.contains("\"'=HYPERLINK(\"\"x\"\")\""));
    assert!(csv.contains(",Jim Killock,Jim Killock,campaigner,warned,direct,"));
    assert!(csv.contains(",Facebook spokesperson,a Facebook spokesperson,anonymous,said,"));
    let jsonl = research_jsonl(&articles, &roles);
    let rows: Vec<serde_json::Value> = jsonl.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(rows.len(), 7);
    let killock = rows.iter().find(|r| r["speaker"] == "Jim Killock").unwrap();
    assert_eq!(killock["role"], "campaigner");
    assert_eq!(killock["article"], "Ministers =act");
    assert_eq!(killock["source_url"], "https://news.example/a");
    assert_eq!(killock["start"], span_of("“It isn't safe for anyone online,”").start);
    assert_eq!(killock["status"], serde_json::Value::Null);
    let claim = rows.iter().find(|r| r["kind"] == "claim" && r["status"] == "supported").unwrap();
    assert_eq!(claim["evidence"], "https://example.org/report");
}

#[test]
fn roles_travel_in_the_json_export_and_bad_ones_are_refused_clearly() {
    let doc = crate::document::Document::new("Roles", None, TEXT);
    let set: AnnotationSet = fixture().iter().map(|a| {
        let mut a = a.clone();
        a.target.source = doc.id.0.as_str().into();
        a
    }).collect();
    let mut roles = Roles::default();
    roles.set("Jim Killock", Some(SpeakerRole::Campaigner));
    roles.set("Nobody In This Article", Some(SpeakerRole::Expert));
    let json = crate::format::export_with_roles(&doc, &set, &crate::format::ExportOptions::default(), &roles);
    let back = crate::format::import(&json).unwrap().document.unwrap().roles;
    // Only the article's people travel.
    assert_eq!(back.len(), 1);
    assert_eq!(back.get("Jim Killock"), Some(SpeakerRole::Campaigner));
    let bad = json.replace("\"campaigner\"", "\"villain\"");
    let err = crate::format::import(&bad).unwrap_err().to_string();
    assert!(err.contains("qm:speakerRoles") && err.contains("one of official, expert"), "{err}");
}
