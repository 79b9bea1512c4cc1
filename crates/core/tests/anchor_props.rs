//! Describing and re-anchoring quotes in edited texts, against what the edits are known to have
//! done.

use proptest::prelude::*;
use quotemark_core::anchor::{anchor, describe, AnchorStatus, AnchorText, Anchored, MAX_CONTEXT, MIN_FUZZY_SCORE};
use quotemark_core::model::{Span, Target, TextPositionSelector, TextQuoteSelector};

/// A small English-like vocabulary (small on purpose, so that phrases repeat), with curly quotes,
/// an emoji and a combining mark.
#[rustfmt::skip]
const WORDS: &[&str] = &[
    "the", "minister", "said", "that", "we", "will", "act", "on", "Monday", "and", "critics", "called", "it", "a",
    "plan", "“we", "must”", "‘not", "now’", "—", "people", "government", "of", "to", "in", "police", "report", "😀",
    "café", "re\u{301}sume\u{301}", "data", "internet", "safe,", "said.", "is", "was", "not", "more", "than", "year",
];

fn words(min: usize, max: usize) -> impl Strategy<Value = Vec<char>> {
    prop::collection::vec(prop::sample::select(WORDS), min..max).prop_map(|w| w.join(" ").chars().collect())
}

fn string(chars: &[char]) -> String {
    chars.iter().collect()
}

/// One edit: at a fraction of the allowed positions, delete up to `delete` code points and insert
/// `insert`.
#[derive(Clone, Debug)]
struct Edit {
    at: prop::sample::Index,
    delete: usize,
    insert: Vec<char>,
}

fn edits(max: usize) -> impl Strategy<Value = Vec<Edit>> {
    let edit = (any::<prop::sample::Index>(), 0usize..12, words(0, 4)).prop_map(|(at, delete, insert)| Edit {
        at,
        delete,
        insert,
    });
    prop::collection::vec(edit, 1..max)
}

/// Applies `edits` to `text` without touching `protected` (which moves as the text changes);
/// returns the protected range's new place.
fn apply_outside(text: &mut Vec<char>, protected: std::ops::Range<usize>, edits: &[Edit]) -> std::ops::Range<usize> {
    let mut p = protected;
    for e in edits {
        // Positions before the protected range, or after it.
        let before = p.start + 1; // 0..=p.start
        let after = text.len() - p.end + 1; // p.end..=len
        let i = e.at.index(before + after);
        if i < before {
            let del = e.delete.min(p.start - i);
            text.splice(i..i + del, e.insert.iter().copied());
            let shift = e.insert.len() as isize - del as isize;
            p = p.start.saturating_add_signed(shift)..p.end.saturating_add_signed(shift);
        } else {
            let at = p.end + (i - before);
            let del = e.delete.min(text.len() - at);
            text.splice(at..at + del, e.insert.iter().copied());
        }
    }
    p
}

/// A span of about `len` code points somewhere in `text`.
fn pick_span(text: &[char], at: prop::sample::Index, len: usize) -> Span {
    let start = if text.is_empty() { 0 } else { at.index(text.len()) };
    let end = (start + len).min(text.len());
    Span::new(start, end)
}

fn occurrences(haystack: &[char], needle: &[char]) -> usize {
    if needle.is_empty() || needle.len() > haystack.len() {
        return 0;
    }
    haystack.windows(needle.len()).filter(|w| *w == needle).count()
}

fn context_of(t: &Target) -> (Vec<char>, Vec<char>, Vec<char>) {
    let q = t.quote.as_ref().unwrap();
    (q.prefix.chars().collect(), q.exact.chars().collect(), q.suffix.chars().collect())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn describe_then_anchor_in_the_same_text_is_exact(text in words(0, 200), at in any::<prop::sample::Index>(), len in 0usize..80) {
        let span = pick_span(&text, at, len);
        let s = string(&text);
        let target = describe("doc", &s, span);
        let (prefix, exact, suffix) = context_of(&target);
        prop_assert_eq!(&exact[..], &text[span.start..span.end]);
        prop_assert_eq!(&prefix[..], &text[span.start.saturating_sub(prefix.len())..span.start]);
        prop_assert_eq!(&suffix[..], &text[span.end..(span.end + suffix.len()).min(text.len())]);
        prop_assert!(prefix.len() >= 32.min(span.start) && prefix.len() <= MAX_CONTEXT);
        prop_assert!(suffix.len() >= 32.min(text.len() - span.end) && suffix.len() <= MAX_CONTEXT);
        let whole: Vec<char> = [prefix.clone(), exact.clone(), suffix.clone()].concat();
        let capped = prefix.len() == MAX_CONTEXT || suffix.len() == MAX_CONTEXT;
        let everything = whole.len() == text.len();
        prop_assert!(capped || everything || occurrences(&text, &whole) == 1);
        prop_assert_eq!(anchor(&s, &target), Anchored { span: Some(span), status: AnchorStatus::Exact });
    }

    /// Edits outside the quote and its recorded context: the quote is found at its new place,
    /// exactly.
    #[test]
    fn edits_elsewhere_keep_the_quote(
        text in words(20, 200), at in any::<prop::sample::Index>(), len in 1usize..60, edits in edits(8),
    ) {
        let span = pick_span(&text, at, len);
        prop_assume!(!span.is_empty());
        let target = describe("doc", &string(&text), span);
        let (prefix, exact, suffix) = context_of(&target);
        let whole: Vec<char> = [prefix.clone(), exact.clone(), suffix.clone()].concat();
        prop_assume!(occurrences(&text, &whole) == 1);
        let mut edited = text.clone();
        let kept = apply_outside(&mut edited, span.start - prefix.len()..span.end + suffix.len(), &edits);
        let new_start = kept.start + prefix.len();
        // Edits could in principle recreate the quote in its full context elsewhere.
        prop_assume!(occurrences(&edited, &whole) == 1);
        let found = anchor(&string(&edited), &target);
        prop_assert_eq!(found.span, Some(Span::new(new_start, new_start + exact.len())));
        let want = if new_start == span.start { AnchorStatus::Exact } else { AnchorStatus::Moved };
        prop_assert_eq!(found.status, want);
    }

    /// Edits anywhere outside the quote (its context included) while the quote stays unique.
    #[test]
    fn edits_next_to_a_unique_quote_keep_it(
        text in words(20, 200), at in any::<prop::sample::Index>(), len in 1usize..60, edits in edits(8),
    ) {
        let span = pick_span(&text, at, len);
        prop_assume!(!span.is_empty());
        let target = describe("doc", &string(&text), span);
        let mut edited = text.clone();
        let kept = apply_outside(&mut edited, span.start..span.end, &edits);
        prop_assume!(occurrences(&edited, &text[span.start..span.end]) == 1);
        let found = anchor(&string(&edited), &target);
        prop_assert_eq!(found.span, Some(Span::new(kept.start, kept.end)));
        prop_assert!(matches!(found.status, AnchorStatus::Exact | AnchorStatus::Moved));
    }

    /// A few single-character edits inside a long enough quote: an approximate match covering
    /// nearly the same text.
    #[test]
    fn fuzzy_after_edits_inside_the_quote(
        text in words(30, 250),
        at in any::<prop::sample::Index>(),
        len in 24usize..150,
        edits in prop::collection::vec((any::<prop::sample::Index>(), 0u8..3, prop::sample::select(&['x', 'é', '“', 'q'][..])), 1..4),
    ) {
        let span = pick_span(&text, at, len);
        prop_assume!(span.len() >= 24);
        let target = describe("doc", &string(&text), span);
        let edits = &edits[..edits.len().min(span.len() / 12)];
        let mut quote = text[span.start..span.end].to_vec();
        for (i, op, c) in edits {
            let i = i.index(quote.len());
            match op {
                0 => quote[i] = *c,
                1 => quote.insert(i, *c),
                _ => {
                    quote.remove(i);
                }
            }
        }
        let edited: Vec<char> = [&text[..span.start], &quote[..], &text[span.end..]].concat();
        let region = Span::new(span.start, span.start + quote.len());
        let original = &text[span.start..span.end];
        let found = anchor(&string(&edited), &target);
        if occurrences(&edited, original) > 0 {
            // The edits cancelled out, or the quote also occurs elsewhere: an exact anchor.
            prop_assert!(matches!(found.status, AnchorStatus::Exact | AnchorStatus::Moved));
            return Ok(());
        }
        let AnchorStatus::Fuzzy { score } = found.status else {
            return Err(TestCaseError::fail(format!("expected a fuzzy match, got {found:?}")));
        };
        prop_assert!((MIN_FUZZY_SCORE..=1.0).contains(&score));
        let got = found.span.unwrap();
        let overlap = got.end.min(region.end).saturating_sub(got.start.max(region.start));
        let e = edits.len();
        prop_assert!(overlap + 2 * e >= region.len(), "{got:?} vs {region:?}");
        prop_assert!(got.len() <= region.len() + 2 * e, "{got:?} vs {region:?}");
    }

    /// Whatever the target, anchoring does not panic, and what it reports is consistent.
    #[test]
    fn arbitrary_targets_are_handled(
        text in words(0, 60),
        start in prop_oneof![0usize..400, Just(usize::MAX)],
        end in prop_oneof![0usize..400, Just(usize::MAX)],
        exact in words(0, 3),
        prefix in words(0, 3),
        suffix in words(0, 3),
        with_position in any::<bool>(),
        with_quote in any::<bool>(),
    ) {
        let target = Target {
            source: "doc".into(),
            position: with_position.then_some(TextPositionSelector { start, end }),
            quote: with_quote.then(|| TextQuoteSelector { exact: string(&exact).into(), prefix: string(&prefix).into(), suffix: string(&suffix).into() }),
        };
        let prepared = AnchorText::new(&string(&text));
        for found in [anchor(&string(&text), &target), prepared.anchor_near(&target, Some(start))] {
            match (found.status, found.span) {
                (AnchorStatus::Orphan, span) => prop_assert_eq!(span, None),
                (_, None) => prop_assert!(false, "anchored without a span"),
                (status, Some(span)) => {
                    prop_assert!(span.start <= span.end && span.end <= text.len());
                    let quoted = with_quote && !exact.is_empty();
                    if quoted && matches!(status, AnchorStatus::Exact | AnchorStatus::Moved) {
                        prop_assert_eq!(&text[span.start..span.end], &exact[..]);
                    }
                    if let AnchorStatus::Fuzzy { score } = status {
                        prop_assert!(quoted && (MIN_FUZZY_SCORE..=1.0).contains(&score));
                    }
                    if !quoted {
                        prop_assert_eq!(status, AnchorStatus::Exact);
                        prop_assert_eq!(Some(span), with_position.then(|| Span::new(start, end)));
                    }
                }
            }
        }
    }

    /// The q-gram index finds exactly the occurrences a naive scan finds.
    #[test]
    fn find_exact_equals_a_naive_scan(
        text in prop::collection::vec(prop::sample::select(&['a', 'b', ' ', '“', '😀'][..]), 0..400),
        at in any::<prop::sample::Index>(),
        len in 0usize..12,
        noise in any::<bool>(),
    ) {
        let span = pick_span(&text, at, len);
        let mut needle = text[span.start..span.end].to_vec();
        if noise && !needle.is_empty() {
            needle[0] = 'z';
        }
        let want: Vec<usize> = if needle.is_empty() || needle.len() > text.len() {
            vec![]
        } else {
            (0..=text.len() - needle.len()).filter(|&i| text[i..i + needle.len()] == needle[..]).collect()
        };
        // The first searches scan the text, later ones use the q-gram index.
        let prepared = AnchorText::new(&string(&text));
        for _ in 0..4 {
            prop_assert_eq!(prepared.find_exact(&needle), want.clone());
        }
    }

    /// A quote made of characters that never occur in the text is an orphan, not a guess.
    #[test]
    fn foreign_quotes_are_orphans(text in words(0, 120), quote in "[0-9αβγ]{1,40}", start in 0usize..200) {
        let target = Target::new("doc", start, start + 5, &quote, "the minister said ", " and critics");
        prop_assert_eq!(anchor(&string(&text), &target), Anchored { span: None, status: AnchorStatus::Orphan });
    }

    /// Every target gets one result, in input order; after an insertion at the start every quote
    /// has moved by its length.
    #[test]
    fn anchor_all_keeps_order_and_count(
        text in words(20, 150),
        spans in prop::collection::vec((any::<prop::sample::Index>(), 1usize..40), 0..20),
        inserted in words(1, 10),
    ) {
        let s = string(&text);
        let targets: Vec<Target> = spans.iter().map(|(at, len)| describe("doc", &s, pick_span(&text, *at, *len))).collect();
        let same = AnchorText::new(&s).anchor_all(&targets);
        prop_assert_eq!(same.len(), targets.len());
        for (t, r) in targets.iter().zip(&same) {
            prop_assert_eq!(r.span, t.span());
        }
        let shift = inserted.len() + 1;
        let edited = format!("{} {s}", string(&inserted));
        let moved = AnchorText::new(&edited).anchor_all(&targets);
        prop_assert_eq!(moved.len(), targets.len());
        for (t, r) in targets.iter().zip(&moved) {
            let (prefix, exact, suffix) = context_of(t);
            let old = t.span().unwrap();
            let whole: Vec<char> = [prefix, exact, suffix].concat();
            if old.is_empty() || occurrences(&text, &whole) != 1 {
                continue;
            }
            prop_assert_eq!(r.span, Some(Span::new(old.start + shift, old.end + shift)), "{:?}", t);
            prop_assert!(matches!(r.status, AnchorStatus::Moved | AnchorStatus::Exact));
        }
    }
}
