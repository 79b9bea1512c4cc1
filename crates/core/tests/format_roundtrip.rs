//! Export → import is the identity on every field, for generated documents and annotations with
//! hostile strings (curly quotes, emoji, control and bidi characters, `</script>`, very long text).

use proptest::prelude::*;
use quotemark_core::document::{Date, Document};
use quotemark_core::format::{export, export_library, import, read, DocumentDetail, ExportOptions, FileFormat, ImportedFile};
use quotemark_core::insights::Roles;
use quotemark_core::model::*;

const PIECES: &[&str] = &[
    "“",
    "”",
    "‘",
    "’",
    "\"",
    "'",
    "😀",
    "👩\u{200d}👩\u{200d}👧",
    "\u{0}",
    "\u{1f}",
    "\u{7f}",
    "\u{85}",
    "\u{202e}",
    "\u{2066}",
    "\u{200f}",
    "\u{feff}",
    "\u{2028}",
    "\u{2029}",
    "</script>",
    "<!--",
    "\\",
    "\\u0000",
    "\n",
    "\r\n",
    "\t",
    " ",
    "__proto__",
    "constructor",
    "qm:kind",
    "{\"a\":1}",
    "e\u{301}",
    "a",
    "claim",
    "quote",
    "https://x.example",
    "\u{10ffff}",
];

fn nasty() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => any::<String>(),
        4 => prop::collection::vec(prop::sample::select(PIECES), 0..10).prop_map(|v| v.concat()),
        1 => (prop::sample::select(PIECES), 500usize..5_000).prop_map(|(p, n)| p.repeat(n)),
    ]
}

fn timestamp() -> impl Strategy<Value = Timestamp> {
    // Years 0000 to 9999: what RFC 3339 can write.
    (-62_167_219_200_000i64..=253_402_300_799_999).prop_map(Timestamp)
}

fn url() -> impl Strategy<Value = String> {
    "(http|https|HTTPS)://[a-z0-9.-]{1,12}(/[^\\s\\p{Cc}]{0,24})?"
}

fn evidence() -> impl Strategy<Value = Evidence> {
    (prop::option::of(url()), nasty()).prop_map(|(url, note)| Evidence { url, note })
}

fn kind() -> impl Strategy<Value = Kind> {
    let quote = (
        nasty(),
        prop::option::of(nasty()),
        prop::option::of(nasty()),
        prop::sample::select(vec![QuoteForm::Direct, QuoteForm::Partial, QuoteForm::Indirect]),
    )
        .prop_map(|(speaker, speaker_canonical, cue, form)| {
            Kind::Quote(Quote { speaker: speaker.into(), speaker_canonical: speaker_canonical.map(Into::into), cue: cue.map(Into::into), form })
        });
    let claim = (
        prop::sample::select(vec![
            ClaimType::Statistic,
            ClaimType::Causal,
            ClaimType::Prediction,
            ClaimType::Comparison,
            ClaimType::Other,
        ]),
        prop::sample::select(vec![
            ClaimStatus::Unverified,
            ClaimStatus::NeedsSource,
            ClaimStatus::Supported,
            ClaimStatus::Disputed,
            ClaimStatus::False,
        ]),
        prop::collection::vec(evidence(), 0..4),
    )
        .prop_map(|(claim_type, status, evidence)| Kind::Claim(Claim { claim_type, status, evidence }));
    prop_oneof![quote, claim]
}

fn target(len: usize) -> impl Strategy<Value = Target> {
    let position = (0..=len, 0..=len).prop_map(|(a, b)| TextPositionSelector { start: a.min(b), end: a.max(b) });
    let quote =
        (nasty(), nasty(), nasty()).prop_map(|(exact, prefix, suffix)| TextQuoteSelector { exact: exact.into(), prefix: prefix.into(), suffix: suffix.into() });
    (nasty(), prop::option::of(position), prop::option::of(quote))
        .prop_filter("a target has a selector", |(_, p, q)| p.is_some() || q.is_some())
        .prop_map(|(source, position, quote)| Target { source: source.into(), position, quote })
}

fn annotation(len: usize) -> impl Strategy<Value = Annotation> {
    (
        nasty().prop_filter("ids are not empty", |s| !s.is_empty()),
        target(len),
        kind(),
        nasty(),
        prop::collection::vec(nasty(), 0..4),
        timestamp(),
        timestamp(),
    )
        .prop_map(|(id, target, kind, note, tags, created, modified)| Annotation {
            id: AnnotationId(id.into()),
            target,
            kind,
            note,
            tags: tags.into_iter().map(Into::into).collect(),
            created,
            modified,
        })
}

fn document() -> impl Strategy<Value = Document> {
    let date =
        (1i32..=9999, 1u8..=12, 1u8..=28).prop_map(|(y, m, d)| Date::parse_iso(&format!("{y:04}-{m:02}-{d:02}")));
    (nasty(), prop::option::of(date), prop::option::of(nasty()), nasty()).prop_map(|(title, date, source, body)| {
        let mut doc = Document::new(title, date.flatten(), &body);
        doc.source = source;
        doc
    })
}

fn document_and_annotations() -> impl Strategy<Value = (Document, AnnotationSet)> {
    document().prop_flat_map(|doc| {
        let len = doc.char_len();
        (Just(doc), prop::collection::vec(annotation(len), 0..6).prop_map(|v| v.into_iter().collect()))
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 160, ..ProptestConfig::default() })]

    #[test]
    fn export_then_import_gives_back_every_field((doc, set) in document_and_annotations()) {
        for detail in [DocumentDetail::Full, DocumentDetail::Reference] {
            let options = ExportOptions { document: detail };
            let json = export(&doc, &set, &options);
            let imported = import(&json).map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert_eq!(imported.format, FileFormat::Quotemark { version: 2 });
            prop_assert_eq!(imported.annotations.len(), set.len());
            prop_assert_eq!(&imported.annotation_set(), &set);
            let d = imported.document.clone().unwrap();
            match detail {
                DocumentDetail::Full => prop_assert_eq!(d.to_document(), Some(doc.clone())),
                DocumentDetail::Reference => {
                    prop_assert_eq!((&d.id, &d.title, &d.source), (&doc.id, &doc.title, &doc.source));
                    prop_assert_eq!((d.date, d.text), (None, None));
                }
            }
            // Deterministic: writing what was read gives the same bytes.
            prop_assert_eq!(export(&doc, &imported.annotation_set(), &options), json);
        }
    }

    /// A backup of several articles gives back every article, in order, with every field.
    #[test]
    fn a_library_backup_gives_back_every_article(articles in prop::collection::vec(document_and_annotations(), 0..4)) {
        let mut seen = std::collections::HashSet::new();
        let articles: Vec<(Document, AnnotationSet)> = articles.into_iter().filter(|(d, _)| seen.insert(d.id.clone())).collect();
        let json = export_library(&articles, &Roles::default(), &Default::default(), Timestamp(1_700_000_000_000));
        let ImportedFile::Library(library) = read(&json).map_err(|e| TestCaseError::fail(e.to_string()))? else {
            return Err(TestCaseError::fail("not read as a library"));
        };
        prop_assert_eq!(library.articles.len(), articles.len());
        for (imported, (doc, set)) in library.articles.iter().zip(&articles) {
            prop_assert_eq!(imported.document.as_ref().and_then(|d| d.to_document()), Some(doc.clone()));
            prop_assert_eq!(&imported.annotation_set(), set);
        }
        // Each article in it is the article's own export, byte for byte (at its depth).
        if let Some((doc, set)) = articles.first() {
            let own = export(doc, set, &ExportOptions::default()).replace('\n', "\n    ");
            prop_assert!(json.contains(&own));
        }
    }
}

#[test]
fn export_is_deterministic_and_in_document_order() {
    let doc = Document::new("T", None, "one two three four");
    let mk = |id: &str, start: usize| {
        Annotation::new(
            AnnotationId(id.into()),
            Target::new(&doc.id.0, start, start + 3, "x", "", ""),
            Kind::Quote(Quote::default()),
            Timestamp(0),
        )
    };
    let set: AnnotationSet = [mk("b", 8), mk("a", 14), mk("c", 0)].into_iter().collect();
    let json = export(&doc, &set, &ExportOptions::default());
    assert_eq!(json, export(&doc, &set.clone(), &ExportOptions::default()));
    let ids: Vec<String> = import(&json).unwrap().annotations.into_iter().map(|a| a.id.0.to_string()).collect();
    assert_eq!(ids, ["c", "b", "a"]);
}

#[test]
fn plain_data_keys_and_values_are_just_data() {
    let doc = Document::new("__proto__", None, "constructor __proto__ prototype");
    let mut a = Annotation::new(
        AnnotationId("__proto__".into()),
        Target::new("constructor", 0, 11, "constructor", "__proto__", "toString"),
        Kind::Quote(Quote { speaker: "__proto__".into(), ..Quote::default() }),
        Timestamp(0),
    );
    a.tags = vec!["__proto__".into(), "constructor".into(), "hasOwnProperty".into()];
    a.note = "{\"__proto__\": {\"polluted\": true}}".into();
    let set: AnnotationSet = [a].into_iter().collect();
    let json = export(&doc, &set, &ExportOptions::default());
    assert_eq!(import(&json).unwrap().annotation_set(), set);

    // Unknown members, including prototype-looking ones, are ignored.
    let foreign = r#"{"__proto__": {"admin": true}, "constructor": 1, "type": "Annotation", "id": "x",
        "target": {"__proto__": null, "selector": {"type": "TextQuoteSelector", "exact": "a", "constructor": []}}}"#;
    let imported = import(foreign).unwrap();
    assert_eq!(imported.annotations[0].id.0, "x");
}

#[test]
fn a_very_long_file_field_is_plain_data() {
    let long = "“😀</script>\u{202e}".repeat(20_000);
    let doc = Document::new(long.clone(), None, &long);
    let mut a = Annotation::new(
        AnnotationId(long.as_str().into()),
        Target::new(&long, 0, 5, &long, &long, &long),
        Kind::Claim(Claim {
            evidence: vec![Evidence { url: Some(format!("https://a.example/{long}")), note: long.clone() }],
            ..Claim::default()
        }),
        Timestamp(1),
    );
    a.note = long.clone();
    let set: AnnotationSet = [a].into_iter().collect();
    let json = export(&doc, &set, &ExportOptions::default());
    assert_eq!(import(&json).unwrap().annotation_set(), set);
    // Error messages quote at most 60 characters of a value.
    let bad = json.replacen("\"https://a.example/", "\"ftp://a.example/", 1);
    let message = import(&bad).unwrap_err().to_string();
    assert!(message.len() < 400, "{}", message.len());
    assert!(message.ends_with("…"), "{message}");
}

#[test]
fn a_text_that_starts_with_a_byte_order_mark_round_trips() {
    // Normalisation strips one leading BOM, so a text may still start with another one; the file
    // must carry it unchanged (its content id is computed over it).
    let doc = Document::new("T", None, "\u{feff}\u{feff}Text.");
    assert!(doc.text.starts_with('\u{feff}'));
    let json = export(&doc, &AnnotationSet::default(), &ExportOptions::default());
    assert_eq!(import(&json).unwrap().document.unwrap().to_document(), Some(doc));
}

#[test]
fn targets_on_an_earlier_version_survive_export_and_import() {
    // After a new version is opened, an annotation not yet confirmed keeps its target on the old
    // text: its position may lie past the end of the new text, which is embedded in the file.
    let doc = Document::from_raw("The bridge will cost £14 million.");
    let stale = Annotation::new(
        AnnotationId("stale".into()),
        Target::new("sha256:0123456789abcdef0123456789abcdef", 120, 146, "cost more than £12 million", "would ", " and"),
        Kind::Claim(Claim::default()),
        Timestamp(1_496_620_800_000),
    );
    let set: AnnotationSet = [stale.clone()].into_iter().collect();
    let json = export(&doc, &set, &ExportOptions::default());
    let back = import(&json).expect("a file Quotemark wrote imports");
    assert_eq!(back.annotations, vec![stale]);
    // On the document itself such a position is still an error.
    let bad = json.replace("sha256:0123456789abcdef0123456789abcdef", &doc.id.0);
    assert!(import(&bad).unwrap_err().to_string().contains("past the end of the document text"));
}
