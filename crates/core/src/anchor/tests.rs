//! Unit tests of anchoring that need its private parts; the properties are in `tests/anchor_*`.

use super::*;

#[test]
fn prepared_texts_and_patterns_can_be_shared() {
    fn shared<T: Send + Sync>() {}
    shared::<AnchorText>();
    shared::<Pattern>();
}

fn target(start: usize, end: usize, exact: &str, prefix: &str, suffix: &str) -> Target {
    Target::new("doc", start, end, exact, prefix, suffix)
}

#[test]
fn position_only_targets() {
    let mut t = target(2, 4, "", "", "");
    t.quote = None;
    assert_eq!(
        anchor("abcdef", &t),
        Anchored::at(2, 4, AnchorStatus::Exact)
    );
    assert_eq!(anchor("abc", &t), Anchored::ORPHAN);
    t.position = Some(TextPositionSelector { start: 5, end: 3 });
    assert_eq!(anchor("abcdef", &t), Anchored::ORPHAN);
    t.position = None;
    assert_eq!(anchor("abcdef", &t), Anchored::ORPHAN);
    // An empty quote counts as none.
    let t = target(1, 3, "", "x", "y");
    assert_eq!(
        anchor("abcdef", &t),
        Anchored::at(1, 3, AnchorStatus::Exact)
    );
}

#[test]
fn malformed_positions_do_not_panic() {
    let text = "one two three two one";
    for (s, e) in [
        (usize::MAX, 3),
        (100, 200),
        (5, 2),
        (0, usize::MAX),
        (21, 21),
    ] {
        let t = target(s, e, "two", "", "");
        let found = anchor(text, &t);
        assert_eq!(found.status, AnchorStatus::Moved, "{s}..{e}");
    }
    let t = target(5, 2, "two", "", "");
    assert_eq!(anchor(text, &t), Anchored::at(4, 7, AnchorStatus::Moved));
    assert_eq!(anchor("", &t), Anchored::ORPHAN);
    let results = AnchorText::new(text).anchor_all([&target(usize::MAX, 0, "two", "", ""), &t]);
    assert_eq!(results.len(), 2);
}

#[test]
fn stored_end_disagreeing_with_quote_length_uses_the_quote() {
    let t = target(4, 5, "two", "", "");
    assert_eq!(
        anchor("one two", &t),
        Anchored::at(4, 7, AnchorStatus::Exact)
    );
}

#[test]
fn a_coincidental_quote_at_the_old_position_loses_to_its_context() {
    let t = target(7, 8, "I", "I think. ", " know.");
    assert_eq!(
        anchor("Hello. I think. I know.", &t),
        Anchored::at(16, 17, AnchorStatus::Moved)
    );
    // With no occurrence in context, the position wins.
    assert_eq!(
        anchor("Hello. I think. I knew.", &t),
        Anchored::at(7, 8, AnchorStatus::Exact)
    );
}

#[test]
fn context_chooses_among_occurrences() {
    let text = "Red said no. Blue said no. Green said no.";
    let t = target(0, 2, "no", "Blue said ", ". Green");
    assert_eq!(anchor(text, &t), Anchored::at(23, 25, AnchorStatus::Moved));
    // Without context, the occurrence nearest the stored position.
    let t = target(38, 40, "no", "", "");
    assert_eq!(anchor(text, &t), Anchored::at(38, 40, AnchorStatus::Exact));
    let t = target(36, 38, "no", "", "");
    assert_eq!(anchor(text, &t), Anchored::at(38, 40, AnchorStatus::Moved));
}

#[test]
fn poor_fuzzy_match_is_an_orphan() {
    let t = target(
        0,
        20,
        "completely different",
        "context before ",
        " context after",
    );
    assert_eq!(
        anchor("An unrelated sentence about the weather today.", &t),
        Anchored::ORPHAN
    );
    // Close enough, but in an unrelated context: still needs a good quote.
    let t = target(
        0,
        24,
        "the quick brown fox jump",
        "xxxxxxxxxxxxxxxxxxxxxxx",
        "yyyyyyyyyyyyyyyy",
    );
    let found = anchor("Then: the quick brown fax jumps over.", &t);
    assert!(
        matches!(found.status, AnchorStatus::Fuzzy { .. }),
        "{found:?}"
    );
    let found = anchor("Then: the quack briwn fax jumps over.", &t);
    assert_eq!(found, Anchored::ORPHAN);
}

#[test]
fn fuzzy_matches_do_not_cut_words_the_quote_keeps_whole() {
    let old = "Facebook insisted as fresh calls to crack down on the Internet and end-to-end crypto once again surfaced.";
    let new = "Facebook insisted as renewed calls to crack down on the Internet and end-to-end encryption once again surfaced.";
    let quote = "fresh calls to crack down on the Internet and end-to-end crypto";
    let at = old.find(quote).unwrap();
    let t = describe("s", old, Span::new(at, at + quote.len()));
    let found = anchor(new, &t);
    assert!(
        matches!(found.status, AnchorStatus::Fuzzy { .. }),
        "{found:?}"
    );
    let span = found.span.unwrap();
    let chars: Vec<char> = new.chars().collect();
    assert_eq!(
        chars[span.start..span.end].iter().collect::<String>(),
        "renewed calls to crack down on the Internet and end-to-end encryption"
    );
    // A quote that itself ends mid-word is not widened.
    let t = target(
        6,
        30,
        "the quick brown fox jump",
        "xxxxxxxxxxxxxxxxxxxxxxx",
        "yyyyyyyyyyyyyyyy",
    );
    let found = anchor("Then: the quick brown fax jumps over.", &t);
    let chars: Vec<char> = "Then: the quick brown fax jumps over.".chars().collect();
    let span = found.span.unwrap();
    assert_eq!(
        chars[span.start..span.end].iter().collect::<String>(),
        "the quick brown fax jump"
    );
}

#[test]
fn describe_extends_context_until_unique() {
    let unit = "All work and no play makes Jack a dull boy. ";
    let text = format!("{}{}Unique ending.", unit.repeat(3), "Different. ");
    let at = unit.len() * 2 + 4; // "work" in the third repetition (ASCII, so bytes = chars)
    let t = describe("doc", &text, Span::new(at, at + 4));
    let q = t.quote.as_ref().unwrap();
    assert_eq!(q.exact, "work");
    let whole = format!("{}{}{}", q.prefix, q.exact, q.suffix);
    assert_eq!(text.matches(&whole).count(), 1);
    assert!(q.prefix.chars().count() >= MIN_CONTEXT && q.prefix.chars().count() <= MAX_CONTEXT);
    // A periodic text cannot be disambiguated; the context stops at the cap.
    let text = "ab".repeat(1000);
    let t = describe("doc", &text, Span::new(1000, 1002));
    let q = t.quote.unwrap();
    assert_eq!((q.prefix.len(), q.suffix.len()), (MAX_CONTEXT, MAX_CONTEXT));
}

#[test]
fn describe_clamps_spans() {
    let t = describe("doc", "short", Span { start: 9, end: 99 });
    assert_eq!(t.span(), Some(Span::new(5, 5)));
    assert_eq!(t.exact(), Some(""));
    let t = describe("doc", "short", Span { start: 4, end: 2 });
    assert_eq!(t.span(), Some(Span::new(2, 2)));
}

#[test]
fn qgram_index_finds_overlapping_occurrences() {
    let text = AnchorText::new("aaaaaa “quote” aaaa");
    assert_eq!(text.find_exact(&['a'; 4]), vec![0, 1, 2, 15]);
    assert_eq!(
        text.find_exact(&"“quote”".chars().collect::<Vec<_>>()),
        vec![7]
    );
    assert_eq!(
        text.find_exact(&['a', 'a']),
        vec![0, 1, 2, 3, 4, 15, 16, 17]
    );
    assert!(text.find_exact(&[]).is_empty());
    assert!(AnchorText::new("abc")
        .find_exact(&['a', 'b', 'c', 'd'])
        .is_empty());
}
