//! Property tests of the storage records: `decode(encode(a)) == a` for annotations made in
//! Quotemark (compact records) and for foreign or stale targets (full records) on random texts,
//! and a bounded fuzz run showing that no input makes a decoder panic.

use proptest::prelude::*;
use quotemark_core::anchor::describe;
use quotemark_core::document::{Document, DocumentId};
use quotemark_core::model::*;
use quotemark_store::*;

/// Text built from pieces that exercise 1- to 4-byte code points, combining marks and paragraphs.
fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop::sample::select(vec!["a", "b", " ", "é", "e\u{301}", "“", "”", "😀", "\n\n", "ab", "—", "中", "x"]),
        0..200,
    )
    .prop_map(|pieces| pieces.concat())
}

fn any_string() -> impl Strategy<Value = String> {
    prop_oneof![Just(String::new()), "[a-z ]{0,8}", any::<String>()]
}

fn kind() -> impl Strategy<Value = Kind> {
    let quote = (any_string(), prop::option::of(any_string()), prop::option::of(any_string()), 0..3u8).prop_map(
        |(speaker, speaker_canonical, cue, form)| {
            let form = [QuoteForm::Direct, QuoteForm::Partial, QuoteForm::Indirect][form as usize];
            Kind::Quote(Quote { speaker: speaker.into(), speaker_canonical: speaker_canonical.map(Into::into), cue: cue.map(Into::into), form })
        },
    );
    let evidence = (prop::option::of(any_string()), any_string()).prop_map(|(url, note)| Evidence { url, note });
    let claim = (0..5u8, 0..5u8, prop::collection::vec(evidence, 0..3)).prop_map(|(t, s, evidence)| {
        Kind::Claim(Claim {
            claim_type: [ClaimType::Statistic, ClaimType::Causal, ClaimType::Prediction, ClaimType::Comparison, ClaimType::Other]
                [t as usize],
            status: [ClaimStatus::Unverified, ClaimStatus::NeedsSource, ClaimStatus::Supported, ClaimStatus::Disputed, ClaimStatus::False]
                [s as usize],
            evidence,
        })
    });
    prop_oneof![quote, claim]
}

/// Everything of an annotation but its target.
fn annotation_with(target: Target) -> impl Strategy<Value = Annotation> {
    (any_string(), kind(), any_string(), prop::collection::vec(any_string(), 0..3), any::<i64>(), any::<i64>()).prop_map(
        move |(id, kind, note, tags, created, modified)| Annotation {
            id: AnnotationId(id.into()),
            target: target.clone(),
            kind,
            note,
            tags: tags.into_iter().map(Into::into).collect(),
            created: Timestamp(created),
            modified: Timestamp(modified),
        },
    )
}

fn chars_string(chars: &[char]) -> String {
    chars.iter().collect()
}

/// A text and an annotation on it whose quote and context are cut from the text (any lengths).
fn own_annotation() -> impl Strategy<Value = (String, Annotation)> {
    text().prop_flat_map(|text| (Just(text.clone()), own_annotation_on(text)))
}

/// An annotation on `text` whose quote and context are cut from it.
fn own_annotation_on(text: String) -> impl Strategy<Value = Annotation> {
    (any::<prop::sample::Index>(), any::<prop::sample::Index>(), any::<prop::sample::Index>(), any::<prop::sample::Index>(), any::<bool>(), any::<bool>())
        .prop_flat_map(move |(a, b, c, d, use_describe, own_source)| {
            let chars: Vec<char> = text.chars().collect();
            let n = chars.len();
            let (mut start, mut end) = (a.index(n + 1), b.index(n + 1));
            if start > end {
                std::mem::swap(&mut start, &mut end);
            }
            let source = if own_source { DocumentId::of_text(&text).0 } else { "https://elsewhere.example/a".to_string() };
            let target = if use_describe {
                describe(&source, &text, Span::new(start, end))
            } else {
                let (p, x) = (c.index(start + 1), d.index(n - end + 1));
                Target::new(
                    &source,
                    start,
                    end,
                    &chars_string(&chars[start..end]),
                    &chars_string(&chars[start - p..start]),
                    &chars_string(&chars[end..end + x]),
                )
            };
            annotation_with(target)
        })
}

/// A text and an annotation whose target is not cut from it: only a quote, only a position (in
/// range or not, even reversed), a quote that differs from the text, or context that differs.
fn foreign_annotation() -> impl Strategy<Value = (String, Annotation)> {
    let position = (0..300usize, 0..300usize).prop_map(|(start, end)| TextPositionSelector { start, end });
    let quote = (any_string(), any_string(), any_string()).prop_map(|(exact, prefix, suffix)| TextQuoteSelector { exact: exact.into(), prefix: prefix.into(), suffix: suffix.into() });
    let target = (any_string(), prop::option::of(position), prop::option::of(quote))
        .prop_map(|(source, position, quote)| Target { source: source.into(), position, quote });
    (text(), target).prop_flat_map(|(text, target)| (Just(text), annotation_with(target)))
}

fn round_trip(text: &str, a: &Annotation) -> Result<String, TestCaseError> {
    let index = TextIndex::new(text);
    let json = encode_annotation(a, &index);
    let back = decode_annotation(&json, &index);
    prop_assert_eq!(back.as_ref(), Ok(a), "{}", json);
    Ok(json)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn own_annotations_round_trip_compactly((text, a) in own_annotation()) {
        let json = round_trip(&text, &a)?;
        prop_assert!(json.contains("\"s\":") && !json.contains("\"target\""), "{}", json);
        let own = a.target.source == DocumentId::of_text(&text).0;
        prop_assert_eq!(json.contains("\"src\""), !own, "{}", json);
    }

    #[test]
    fn foreign_annotations_round_trip((text, a) in foreign_annotation()) {
        round_trip(&text, &a)?;
    }

    #[test]
    fn edited_own_annotations_round_trip((text, mut a) in own_annotation(), which in 0..3usize, extra in "[a-zé😀]{1,3}") {
        // A quote or context changed by one piece no longer matches the text: stored in full.
        if let Some(q) = a.target.quote.as_mut() {
            match which {
                0 => q.exact = format!("{}{extra}", q.exact).into(),
                1 => q.prefix = format!("{extra}{}", q.prefix).into(),
                _ => q.suffix = format!("{}{extra}", q.suffix).into(),
            }
        }
        let json = round_trip(&text, &a)?;
        let index = TextIndex::new(&text);
        // It may still be compact if the longer context happens to be the text too.
        prop_assert!(json.contains("\"target\"") || decode_annotation(&json, &index).is_ok());
    }

    #[test]
    fn sets_round_trip(own in prop::collection::vec(own_annotation(), 0..6), foreign in prop::collection::vec(foreign_annotation(), 0..3)) {
        // Every annotation against the first text (own ones may then be stored in full).
        let text = own.first().or(foreign.first()).map(|(t, _)| t.clone()).unwrap_or_default();
        let index = TextIndex::new(&text);
        let mut seen = std::collections::HashSet::new();
        let all: Vec<Annotation> = own.into_iter().chain(foreign).map(|(_, a)| a).filter(|a| seen.insert(a.id.clone())).collect();
        let json = encode_set(&all, &index);
        // A whole AnnotationSet is written in id order without sorting again (records too).
        let mut by_id = all.clone();
        by_id.sort_by(|a, b| a.id.cmp(&b.id));
        prop_assert_eq!(encode_annotation_set(&all.iter().cloned().collect(), &index), encode_set(&by_id, &index));
        let back = decode_set(&json, &index).unwrap();
        // The hand-written reader and serde_json read the hand-written JSON alike.
        prop_assert_eq!(&decode_set_with_serde(&json, &index).unwrap(), &back);
        prop_assert!(back.problems.is_empty(), "{:?}", back.problems);
        // Own annotations come back in id order: compare as sets.
        let sorted = |list: &[Annotation]| {
            let mut list = list.to_vec();
            list.sort_by(|a, b| a.id.cmp(&b.id));
            list
        };
        prop_assert_eq!(sorted(&back.annotations), sorted(&all));
        prop_assert_eq!(set_ids(&json).unwrap(), back.annotations.iter().map(|a| a.id.clone()).collect::<Vec<_>>());
        // What was read (its quotes and context views of the text) is written again as it was.
        prop_assert_eq!(&encode_set(&back.annotations, &index), &json);
        // A view of the text at the wrong place is not taken for the text there.
        for a in &back.annotations {
            let mut moved = a.clone();
            if let Some(p) = moved.target.position.as_mut() {
                (p.start, p.end) = (p.start + 1, p.end + 1);
            }
            prop_assert_eq!(decode_change(&encode_change(Some(&moved), &index), &index).unwrap(), Some(moved));
        }
        for a in &all {
            let change = encode_change(Some(a), &index);
            prop_assert_eq!(decode_change(&change, &index).unwrap(), Some(a.clone()));
        }
    }

    #[test]
    fn text_index_slices_as_the_chars_do(pieces in prop::collection::vec(prop::sample::select(vec!["a", "é", "😀", "“", "\n\n", "plain words, ", "seventeen letters"]), 0..120), cuts in prop::collection::vec((any::<prop::sample::Index>(), 0..80usize), 1..20)) {
        // Oracle: the text's chars. Long ASCII runs between wide characters cross checkpoints.
        let text = pieces.concat();
        let chars: Vec<char> = text.chars().collect();
        let index = TextIndex::new(&text);
        prop_assert_eq!(index.len(), chars.len());
        for (at, len) in cuts {
            let start = at.index(chars.len() + 1);
            let end = start + len;
            let expected = (end <= chars.len()).then(|| chars[start..end].iter().collect::<String>());
            prop_assert_eq!(index.slice(start, end), expected.as_deref());
        }
    }

    #[test]
    fn changes_laid_over_a_set_match_a_map(ops in prop::collection::vec((0..8u8, prop::option::of(0..4u8)), 0..20)) {
        // Oracle: a map from id to note, changed one op at a time.
        let make = |id: u8, note: u8| Annotation {
            note: note.to_string(),
            ..Annotation::new(AnnotationId(id.to_string().into()), Target::new("s", 0, 1, "x", "", ""), Kind::Claim(Claim::default()), Timestamp(1))
        };
        let set: Vec<Annotation> = (0..4).map(|i| make(i, 9)).collect();
        let mut oracle: std::collections::BTreeMap<u8, u8> = (0..4).map(|i| (i, 9)).collect();
        let mut changes = std::collections::BTreeMap::new();
        for (id, op) in &ops {
            match op {
                Some(note) => { oracle.insert(*id, *note); changes.insert(*id, Some(make(*id, *note))); }
                None => { oracle.remove(id); changes.insert(*id, None); }
            }
        }
        let laid = lay_over(set, changes.into_iter().map(|(id, a)| (AnnotationId(id.to_string().into()), a)));
        let mut got: Vec<(u8, u8)> = laid.iter().map(|a| (a.id.0.parse().unwrap(), a.note.parse().unwrap())).collect();
        got.sort();
        prop_assert_eq!(got, oracle.into_iter().collect::<Vec<_>>());
    }

    #[test]
    fn documents_round_trip(text in text(), title in any_string(), source in prop::option::of(any_string()), opened in any::<i64>(), day in prop::option::of(1..29u8)) {
        let mut doc = Document::new(title, day.map(|day| quotemark_core::document::Date { year: 2017, month: 6, day }), &text);
        doc.source = source;
        let json = encode_document(&doc, Timestamp(opened));
        prop_assert_eq!(decode_document(&json), Ok((doc.clone(), Timestamp(opened))));
        prop_assert_eq!(decode_document_with_serde(&json), Ok((doc.clone(), Timestamp(opened))));
        // Without its check (as written before there was one), or with a damaged one, the id is checked.
        let (unchecked, _) = json.split_once(r#","check":"#).unwrap();
        prop_assert_eq!(decode_document(&format!("{unchecked}}}")), Ok((doc.clone(), Timestamp(opened))));
        prop_assert_eq!(decode_document(&format!(r#"{unchecked},"check":"0"}}"#)), Ok((doc, Timestamp(opened))));
    }

    #[test]
    fn documents_mostly_in_ascii_are_written_in_ascii(
        ascii in "[a-zA-Z ,.\"\\\\\n]{120,400}",
        rare in prop::collection::vec((prop::sample::select(vec!["“", "’", "—", "é", "😀", "\u{2028}", "\u{ffff}", "\u{10ffff}"]), 0..400usize), 0..3),
    ) {
        let mut text = ascii;
        for (piece, at) in rare {
            let at = (0..=at.min(text.len())).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
            text.insert_str(at, piece);
        }
        let doc = Document::new("A title".to_string(), None, &text);
        let json = encode_document(&doc, Timestamp(1));
        prop_assert!(json.is_ascii(), "{}", json);
        prop_assert_eq!(decode_document(&json), Ok((doc.clone(), Timestamp(1))));
        prop_assert_eq!(decode_document_with_serde(&json), Ok((doc.clone(), Timestamp(1))));
        // The same JSON value as serde_json writes.
        let plain: serde_json::Value = serde_json::from_str(&serde_json::to_string(&serde_json::json!({"document": &doc})).unwrap()).unwrap();
        let written: serde_json::Value = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(&written["document"], &plain["document"]);
    }

    #[test]
    fn documents_read_by_hand_as_serde_json_reads_them(input in (text(), any_string(), prop::option::of(any_string())).prop_flat_map(|(text, title, source)| {
        let mut doc = Document::new(title, Some(quotemark_core::document::Date { year: 2017, month: 6, day: 5 }), &text);
        doc.source = source;
        mutation(encode_document(&doc, Timestamp(1_496_620_800_000)))
    })) {
        prop_assert_eq!(decode_document(&input), decode_document_with_serde(&input), "{}", input);
    }
}

const SEEDS: &[&str] = &[
    include_str!("fixtures/store_v1.json"),
    r#"{"id":"a","kind":"quote","speaker":"x","form":"direct","created":1,"modified":2,"s":1,"e":3,"p":1,"x":1}"#,
    r#"{"id":"b","kind":"claim","claimType":"other","status":"unverified","evidence":[{"url":"u"}],"created":1,"modified":2,"target":{"source":"s","position":{"start":0,"end":9},"quote":{"exact":"q"}}}"#,
    r#"{"version":2,"document":{"id":"sha256:00","title":"t","text":"abcde"},"opened":1}"#,
    r#"{"version":3,"columns":{"id":["a","b"],"kind":"qc","type":"ds","status":"-n","created":[5,-2],"modified":[0,9],"strings":["x","y"],"speaker":[1,0],"canonical":[0,0],"cue":[2,0],"note":["","n"],"tags":[[],[1]],"evidence":[[],[[2,1]]],"s":[1,0],"len":[2,3],"p":[1,0],"x":[1,1]},"records":[{"id":"c","kind":"claim","created":1,"modified":2,"s":0,"e":5,"p":0,"x":0}]}"#,
];

/// Pieces a mutation inserts.
const TOKENS: &[&str] = &["", "}", "\"", "-1", "1e99", "null", "[]", "{}", "18446744073709551616", "😀", ",", "\\u00", "01", " ", "\\n", "0", "9", ".5", "e1", "-", "4294967296", "\n", "\u{1}", "-0"];

/// Truncates `seed`, replaces some of its characters with a token, or inserts a token (anywhere,
/// just before a number, or at the end).
fn mutation(seed: String) -> impl Strategy<Value = String> {
    (any::<prop::sample::Index>(), any::<prop::sample::Index>(), prop::sample::select(TOKENS), 0..5u8).prop_map(move |(at, len, token, op)| {
        let chars: Vec<char> = seed.chars().collect();
        let digits: Vec<usize> = (0..chars.len()).filter(|&i| chars[i].is_ascii_digit() && (i == 0 || !chars[i - 1].is_ascii_digit())).collect();
        let i = match op {
            3 if !digits.is_empty() => digits[at.index(digits.len())],
            4 => chars.len(),
            _ => at.index(chars.len() + 1),
        };
        let j = (i + len.index(8)).min(chars.len());
        match op {
            0 => chars[..i].iter().collect(),
            1 => format!("{}{token}{}", chars_string(&chars[..i]), chars_string(&chars[j..])),
            _ => format!("{}{token}{}", chars_string(&chars[..i]), chars_string(&chars[i..])),
        }
    })
}

/// Mutates valid records: truncation, replacing a character, inserting JSON tokens.
fn mutated() -> impl Strategy<Value = String> {
    prop::sample::select(SEEDS).prop_flat_map(|seed| mutation(seed.to_string()))
}

/// A text and a set written for it from random annotations on it (most in columns) and a few
/// foreign ones (records).
fn written_set() -> impl Strategy<Value = (String, String)> {
    text()
        .prop_flat_map(|text| {
            let own = prop::collection::vec(own_annotation_on(text.clone()), 0..6);
            (Just(text), own, prop::collection::vec(foreign_annotation(), 0..2))
        })
        .prop_map(|(text, own, foreign)| {
            let index = TextIndex::new(&text);
            let all: Vec<Annotation> = own.into_iter().chain(foreign.into_iter().map(|(_, a)| a)).collect();
            let set = encode_set(&all, &index);
            (text, set)
        })
}

fn decode_everything(input: &str) {
    for text in ["", "abcde", "é😀“x”"] {
        let _ = decode_annotation(input, &TextIndex::new(text));
    }
    for text in ["", "abcde"] {
        let index = TextIndex::new(text);
        let _ = decode_set(input, &index);
        let _ = decode_change(input, &index);
    }
    let _ = set_ids(input);
    let _ = decode_document(input);
    let _ = decode_v2_document(input);
    let _ = migrate_v1(input);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, ..ProptestConfig::default() })]

    #[test]
    fn decoders_never_panic_on_arbitrary_strings(input in any::<String>()) {
        decode_everything(&input);
    }

    #[test]
    fn decoders_never_panic_on_mutated_records(input in mutated()) {
        decode_everything(&input);
    }

    #[test]
    fn sets_read_by_hand_as_serde_json_reads_them(((text, input), twice) in written_set().prop_flat_map(|(text, set)| {
        (Just(text), mutation(set)).prop_flat_map(|(text, once)| (Just(text), mutation(once.clone()).prop_map(move |twice| (once.clone(), twice))))
    }).prop_map(|(text, (once, twice))| ((text, once), twice))) {
        // Oracle: serde_json's reading, errors and per-annotation problems included.
        for input in [&input, &twice] {
            for text in [text.as_str(), "", "abcde"] {
                let index = TextIndex::new(text);
                prop_assert_eq!(decode_set(input, &index), decode_set_with_serde(input, &index), "{}", input);
            }
        }
    }

    #[test]
    fn compact_offsets_anywhere_never_panic(s in any::<u64>(), e in any::<u64>(), p in any::<u64>(), x in any::<u64>(), text in text()) {
        let json = format!(r#"{{"id":"a","kind":"claim","created":1,"modified":2,"s":{s},"e":{e},"p":{p},"x":{x}}}"#);
        let index = TextIndex::new(&text);
        if let Ok(a) = decode_annotation(&json, &index) {
            let span = a.target.span().unwrap();
            prop_assert!(span.end <= index.len());
            prop_assert_eq!(encode_annotation(&a, &index), json);
        }
    }
}
