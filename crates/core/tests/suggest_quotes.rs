//! Quotation marks and spans: one test per pattern of the detector's quotation bullet.

use quotemark_core::document::Document;
use quotemark_core::model::QuoteForm;
use quotemark_core::suggest::{suggestions, Suggestion, PROPOSE_THRESHOLD};

/// The proposed quotations of a text: their parts joined by " | ".
fn quoted(text: &str) -> Vec<String> {
    proposed(text).iter().map(|s| parts(text, s)).collect()
}

fn proposed(text: &str) -> Vec<Suggestion> {
    suggestions(text).quotes.into_iter().filter(Suggestion::is_proposed).collect()
}

fn parts(text: &str, s: &Suggestion) -> String {
    let chars: Vec<char> = text.chars().collect();
    s.spans.iter().map(|sp| chars[sp.start..sp.end].iter().collect::<String>()).collect::<Vec<_>>().join(" | ")
}

#[test]
fn straight_and_curly_double_and_single_marks() {
    assert_eq!(quoted("“We will act,” she said."), ["We will act,"]);
    assert_eq!(quoted("\"We will act,\" she said."), ["We will act,"]);
    assert_eq!(quoted("‘We will act,’ she said."), ["We will act,"]);
    assert_eq!(quoted("'We will act,' she said."), ["We will act,"]);
    assert_eq!(quoted("«We will act», she said."), ["We will act"]);
}

#[test]
fn nested_quotes_propose_the_outer_one() {
    let text = "“He told me, ‘Play on,’ and I did,” Fenwick said.";
    assert_eq!(quoted(text), ["He told me, ‘Play on,’ and I did,"]);
    let us = "\"The kids called it 'the parking lot school,' and it stuck,\" says Maria Castellanos.";
    assert_eq!(quoted(us), ["The kids called it 'the parking lot school,' and it stuck,"]);
    let closing_together = "“Tell her, ‘I will be there.’” Then he left.";
    assert_eq!(quoted(closing_together), ["Tell her, ‘I will be there.’"]);
}

#[test]
fn a_quote_left_open_continues_when_the_next_paragraph_opens_with_a_mark() {
    let text = "“I was never sporty,” Dolores Whitaker said.\n\n“When I retired I ran.\n\n“The first mile nearly killed me.”\n\nShe laughed.";
    let q = proposed(text);
    assert_eq!(q.len(), 2);
    assert_eq!(parts(text, &q[1]), "When I retired I ran. | The first mile nearly killed me.");
    assert_eq!(q[1].speaker_canonical.as_deref(), Some("Dolores Whitaker"));
    assert!(q[1].reasons.iter().any(|r| r.contains("several paragraphs")));
}

#[test]
fn split_quotes_are_one_quote_in_two_parts() {
    let text = "“We have listened,” he said, “and we will keep them.” Later: Tom Becker, the leader.";
    let q = proposed(text);
    assert_eq!(q.len(), 1);
    assert_eq!(parts(text, &q[0]), "We have listened, | and we will keep them.");
    assert_eq!(q[0].cue.as_deref(), Some("said"));
    assert_eq!(q[0].form, QuoteForm::Direct);
    assert!(q[0].id.starts_with("quote:") && q[0].id.contains(','));
    // A full stop after the attribution starts a new quotation (same speaker, no cue).
    let two = "Ann Lee spoke. “We act,” she said. “Now.”";
    let q = proposed(two);
    assert_eq!(q.len(), 2);
    assert_eq!(q[1].speaker_canonical.as_deref(), Some("Ann Lee"));
    assert_eq!(q[1].cue, None);
}

#[test]
fn apostrophes_are_not_quote_marks() {
    assert_eq!(quoted("It’s the players’ union, King's College and the ’90s, Ms Rahman said."), Vec::<String>::new());
    let text = "‘But the players’ reaction told me everything,’ Steve Aldridge said.";
    assert_eq!(quoted(text), ["But the players’ reaction told me everything,"]);
    let straight = "'We were ignored,' said Grace Adebayo, who chairs the tenants' association. 'It's over.'";
    assert_eq!(quoted(straight), ["We were ignored,", "It's over."]);
}

#[test]
fn glued_text_does_not_break_detection() {
    let text = "It was online for weeks.\"Anyone could have found it,\" Tomasz Wójcik said.\"It took minutes.\"";
    let q = proposed(text);
    assert_eq!(
        q.iter().map(|s| parts(text, s)).collect::<Vec<_>>(),
        ["Anyone could have found it,", "It took minutes."]
    );
    assert!(q.iter().all(|s| s.speaker_canonical.as_deref() == Some("Tomasz Wójcik")));
    let sample = "“We must act to keep people safe.The alternative is worse”, the minister said.";
    assert_eq!(quoted(sample), ["We must act to keep people safe.The alternative is worse"]);
}

#[test]
fn scare_quotes_and_titles_are_kept_only_with_low_confidence() {
    let text = "Rest became a “lifestyle choice.” Books like “Crush Your Mornings” sell. It was “paused” again.";
    let all = suggestions(text).quotes;
    assert_eq!(all.len(), 3);
    assert!(all.iter().all(|s| s.confidence < PROPOSE_THRESHOLD), "{all:#?}");
    assert!(all[1].reasons[1].contains("title"));
    // A bare -ing verb has no subject: "Stop calling it" attributes nothing.
    let headline = "Opinion: Stop calling it \"working from home\"\n\nBy Dana Whitcombe";
    assert!(proposed(headline).is_empty(), "{:#?}", suggestions(headline).quotes);
    // With a cue verb and a speaker, one quoted word is a partial quotation.
    let partial = "The union said it was “disappointed” by the offer.";
    let q = proposed(partial);
    assert_eq!(q.len(), 1);
    assert_eq!((q[0].form, q[0].speaker_canonical.as_deref()), (QuoteForm::Partial, Some("union")));
}

#[test]
fn a_naming_verb_right_before_a_quote_names_rather_than_reports() {
    let text = "A Facebook group called “Find Maurice” gained members. Kowalski called the freeze “a gesture.”";
    let q = proposed(text);
    assert_eq!(q.iter().map(|s| parts(text, s)).collect::<Vec<_>>(), ["a gesture."]);
}

#[test]
fn every_suggestion_carries_spans_kind_speaker_cue_confidence_and_reasons() {
    let doc = Document::from_raw("date 2024-02-14 “Nobody wants this,” Mr Becker said after Tom Becker arrived.");
    let q = &proposed(&doc.text)[0];
    assert_eq!(q.spans.len(), 1);
    assert_eq!(q.speaker.as_deref(), Some("Mr Becker"));
    assert_eq!(q.speaker_canonical.as_deref(), Some("Tom Becker"));
    assert_eq!(q.cue.as_deref(), Some("said"));
    assert!(q.confidence > 0.9 && q.confidence <= 1.0);
    assert_eq!(q.reasons[0], "direct quotation in double marks");
    assert_eq!(q.id, format!("quote:{}-{}", q.spans[0].start, q.spans[0].end));
    // Stable: the same text gives the same ids.
    assert_eq!(proposed(&doc.text)[0].id, q.id);
}

#[test]
fn an_unclosed_double_quote_ends_with_its_paragraph_at_lower_confidence() {
    let text = "“We will never stop, Ann Lee said.\n\nNarration follows.";
    let q = &suggestions(text).quotes[0];
    assert_eq!(parts(text, q), "We will never stop, Ann Lee said.");
    assert!(q.reasons.iter().any(|r| r.contains("no closing mark")));
}

#[test]
fn empty_and_markless_texts_give_no_quotes() {
    assert!(suggestions("").quotes.is_empty());
    assert!(suggestions("\"\" and '' and “ ”.").quotes.is_empty());
    assert!(suggestions("Plain narration. More of it.").quotes.is_empty());
}
