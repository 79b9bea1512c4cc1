//! Reports: the CSV and Markdown of the small golden document, RFC 4180 quoting, formula
//! injection, and Markdown that renders every piece of article and reader text literally
//! (checked with a CommonMark parser with every extension a renderer might enable).

#[path = "fixtures/small_doc.rs"]
mod small_doc;

use proptest::prelude::*;
use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};
use quotemark_core::document::{Date, Document};
use quotemark_core::model::*;
use quotemark_core::report::*;

/// A strict RFC 4180 reader: every record ends in CRLF; returns the rows' cells.
fn parse_csv(s: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut cell = String::new();
    let mut chars = s.chars().peekable();
    let mut quoted = false;
    let mut at_start = true;
    while let Some(c) = chars.next() {
        if quoted {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    chars.next();
                    cell.push('"');
                } else {
                    quoted = false;
                    assert!(matches!(chars.peek(), Some(',') | Some('\r')), "text after a closing quote in {s:?}");
                }
            } else {
                cell.push(c);
            }
            continue;
        }
        match c {
            '"' if at_start => {
                quoted = true;
                at_start = false;
            }
            '"' | '\n' => panic!("bare {c:?} in an unquoted cell in {s:?}"),
            ',' => {
                row.push(std::mem::take(&mut cell));
                at_start = true;
            }
            '\r' => {
                assert_eq!(chars.next(), Some('\n'), "CR without LF");
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
                at_start = true;
            }
            _ => {
                cell.push(c);
                at_start = false;
            }
        }
    }
    assert!(!quoted && cell.is_empty() && row.is_empty(), "the last record does not end in CRLF");
    rows
}

#[test]
fn csv_of_the_golden_document() {
    let doc = small_doc::document();
    let csv = to_csv(&doc, &small_doc::annotations(&doc));
    let expected = "kind,quoted text,speaker,cue,form,claim type,status,evidence,note,tags,start,end\r\n\
        quote,“real people”,The Home Secretary (Amber Rudd),said,partial,,,,,,39,52\r\n\
        quote,\"“We will not let terrorists hide,”\",she (Amber Rudd),told,direct,,,,Check the full BBC interview.,security,88,122\r\n\
        claim,40 per cent of messages are now encrypted,,,,statistic,needs source,\
        \"https://stats.example/encryption-2017 — Industry survey, May 2017 | Ask the critics which study they mean.\",,\
        encryption; statistics,155,196\r\n\
        claim,weakening it would make everyone less safe,,,,causal,unverified,,,,207,249\r\n";
    assert_eq!(csv, expected);
    let rows = parse_csv(&csv);
    assert!(rows.iter().all(|r| r.len() == 12));
}

fn claim_with(note: &str, exact: &str) -> Annotation {
    let mut a = Annotation::new(
        AnnotationId(format!("{note}{exact}").into()),
        Target::new("doc", 0, exact.chars().count(), exact, "", ""),
        Kind::Claim(Claim::default()),
        Timestamp(0),
    );
    a.note = note.into();
    a
}

#[test]
fn csv_quotes_newlines_unicode_and_formulas() {
    let doc = Document::from_raw("x");
    let cases: &[(&str, &str)] = &[
        ("plain", "plain"),
        ("a,b", "\"a,b\""),
        ("say \"hi\"", "\"say \"\"hi\"\"\""),
        ("two\nlines", "\"two\nlines\""),
        ("two\r\nlines", "\"two\r\nlines\""),
        ("“curly” — 😀 e\u{301} 中文", "“curly” — 😀 e\u{301} 中文"),
        ("=1+2", "'=1+2"),
        ("+44 20 7946 0000", "'+44 20 7946 0000"),
        ("-5%", "'-5%"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tTab", "'\tTab"),
        ("\rCR", "\"'\rCR\""),
        ("=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""),
        ("a=1", "a=1"),
        ("", ""),
    ];
    for (note, cell) in cases {
        let csv = to_csv(&doc, &[claim_with(note, "q")].into_iter().collect());
        let row = csv.split_once("\r\n").unwrap().1;
        let expected_row = format!("claim,q,,,,other,unverified,,{cell},,0,1\r\n");
        assert_eq!(row, expected_row, "{note:?}");
        let rows = parse_csv(&csv);
        let guarded = if note.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{note}") } else { note.to_string() };
        assert_eq!(rows[1][8], guarded);
    }
    // Quoted text is guarded like any other cell.
    let csv = to_csv(&doc, &[claim_with("", "-1 in 3")].into_iter().collect());
    assert_eq!(parse_csv(&csv)[1][1], "'-1 in 3");
    // An empty set has just the header.
    assert_eq!(to_csv(&doc, &AnnotationSet::default()), format!("{CSV_HEADER}\r\n"));
}

#[test]
fn csv_uses_the_text_for_a_position_without_quote_and_leaves_offsets_empty_without_position() {
    let doc = Document::from_raw("One two three.");
    let mut a = claim_with("", "ignored");
    a.target.quote = None;
    a.target.position = Some(TextPositionSelector { start: 4, end: 7 });
    let mut b = claim_with("", "three");
    b.target.position = None;
    b.id = AnnotationId("b".into());
    let rows = parse_csv(&to_csv(&doc, &[a, b].into_iter().collect()));
    assert_eq!((rows[1][1].as_str(), rows[1][10].as_str(), rows[1][11].as_str()), ("two", "4", "7"));
    assert_eq!((rows[2][1].as_str(), rows[2][10].as_str(), rows[2][11].as_str()), ("three", "", ""));
}

#[test]
fn markdown_of_the_golden_document() {
    let doc = small_doc::document();
    let mut set = small_doc::annotations(&doc);
    let mut unattributed = Annotation::new(
        AnnotationId("u".into()),
        small_doc::target_on(&doc, "do not want end-to-end encryption"),
        Kind::Quote(Quote { form: QuoteForm::Indirect, ..Quote::default() }),
        small_doc::at(1),
    );
    unattributed.note = "Who says so?\n\nCheck.".into();
    set.apply(&Command::Create(unattributed)).unwrap();
    let md = to_markdown(&doc, &set);
    let expected = "\
# Minister defends encryption plans

5 June 2017

Source: <https://news.example/2017/06/05/encryption>

3 quotes and 2 claims.

## Quotes

### Amber Rudd

- “real people” — said
- “We will not let terrorists hide,” — told\\
  Check the full BBC interview.

### Unattributed

- “do not want end-to-end encryption”\\
  Who says so?\\
  Check.

## Claims

### Unverified

- “weakening it would make everyone less safe” — causal

### Needs source

- “40 per cent of messages are now encrypted” — statistic\\
  Evidence: <https://stats.example/encryption-2017> — Industry survey, May 2017\\
  Evidence: Ask the critics which study they mean.
";
    assert_eq!(md, expected);
}

#[test]
fn markdown_without_annotations_date_or_source() {
    let doc = Document::new("Untitled *draft*", None, "Text.");
    assert_eq!(
        to_markdown(&doc, &AnnotationSet::default()),
        "# Untitled \\*draft\\*\n\n0 quotes and 0 claims.\n\n## Quotes\n\nNo quotes marked.\n\n## Claims\n\nNo claims marked.\n"
    );
}

#[test]
fn speakers_are_listed_in_order_of_their_first_quote() {
    let doc = Document::from_raw("a b c d e f");
    let quote = |i: usize, speaker: &str, canonical: Option<&str>| {
        Annotation::new(
            AnnotationId(i.to_string().into()),
            Target::new(&doc.id.0, 2 * i, 2 * i + 1, "x", "", ""),
            Kind::Quote(Quote { speaker: speaker.into(), speaker_canonical: canonical.map(Into::into), ..Quote::default() }),
            Timestamp(0),
        )
    };
    let set: AnnotationSet = [
        quote(0, "", None),
        quote(1, "Zed", None),
        quote(2, "the minister", Some("Ann Able")),
        quote(3, "Ann Able", None),
        quote(4, "  ", Some(" ")),
        quote(5, "Zed", None),
    ]
    .into_iter()
    .collect();
    let md = to_markdown(&doc, &set);
    let headings: Vec<&str> = md.lines().filter(|l| l.starts_with("### ")).collect();
    assert_eq!(headings, ["### Zed", "### Ann Able", "### Unattributed"]);
    assert_eq!(md.matches("- “x”").count(), 6);
}

#[test]
fn file_stems() {
    let sample = Document::from_raw(quotemark_core::SAMPLE_ARTICLE);
    assert_eq!(file_stem(&sample), "2017-06-05-the-open-rights-group-said-it-was-short-sighted");
    let mut doc = Document::new("", None, "x");
    for (title, date, stem) in [
        ("Minister defends encryption plans", Some("2017-06-05"), "2017-06-05-minister-defends-encryption-plans"),
        ("Minister defends encryption plans", None, "minister-defends-encryption-plans"),
        ("  --Hello,   World!!  ", None, "hello-world"),
        ("It’s the economy, stupid", None, "its-the-economy-stupid"),
        ("Zürich’s Straße: Œuvre façade", None, "zurichs-strasse-oeuvre-facade"),
        ("東京 2020", None, "2020"),
        ("東京", None, "quotemark-annotations"),
        ("", None, "quotemark-annotations"),
        ("", Some("2020-02-29"), "2020-02-29"),
        (&"a".repeat(100), None, &"a".repeat(60)),
        (&"a".repeat(100), Some("2020-01-01"), &format!("2020-01-01-{}", "a".repeat(49))),
        (&format!("{} b", "a".repeat(60)), None, &"a".repeat(60)),
        (&format!("{} b", "a".repeat(59)), None, &"a".repeat(59)),
        (&format!("{} bc", "a".repeat(57)), None, &format!("{} bc", "a".repeat(57)).replace(' ', "-")),
        (&format!("{} bcd", "a".repeat(57)), None, &"a".repeat(57)),
    ] {
        doc.title = title.to_string();
        doc.date = date.and_then(Date::parse_iso);
        let got = file_stem(&doc);
        assert_eq!(got, stem, "{title:?}");
        assert!(got.len() <= MAX_STEM_CHARS && !got.is_empty());
        assert!(got.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'));
        assert!(!got.ends_with('-') && !got.contains("--"));
    }
}

/// The text of rendered Markdown and anything in it other than headings, paragraphs, lists, breaks
/// and autolinks to the given URLs.
fn render(md: &str, urls: &[String]) -> (String, Vec<String>, usize) {
    let mut text = String::new();
    let mut unexpected = Vec::new();
    let mut headings = 0;
    for event in Parser::new_ext(md, Options::all() - Options::ENABLE_SMART_PUNCTUATION) {
        match event {
            Event::Text(t) => text.push_str(&t),
            Event::SoftBreak => text.push(' '),
            Event::HardBreak => text.push('\n'),
            Event::Start(Tag::Heading { .. }) => {
                headings += 1;
                text.push('\n');
            }
            Event::Start(Tag::Paragraph | Tag::List(None) | Tag::Item) => text.push('\n'),
            Event::End(TagEnd::Heading(_) | TagEnd::Paragraph | TagEnd::List(false) | TagEnd::Item | TagEnd::Link) => {}
            Event::Start(Tag::Link { link_type: LinkType::Autolink, dest_url, .. }) if urls.iter().any(|u| **u == *dest_url) => {}
            other => unexpected.push(format!("{other:?}")),
        }
    }
    (text, unexpected, headings)
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn nasty() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            prop::sample::select(vec![
                "*", "**", "_", "__", "`", "```", "~~", "~~~", "[", "]", "(", ")", "<", ">", "<b>", "</b>", "<!--", "&amp;",
                "&#65;", "#", "## ", "|", "-", "---", "+", "=", "===", "1.", "2)", ":", ": ", "!", "![x](y)", "[a](b)", "[^1]",
                "[[w]]", "$", "$$", "^", "{#id}", "\\", "\\\\", "https://x.example", "www.x.example", " ", "  ", "\n", "\n\n",
                "\r\n", "\t", "    ", "> ", "- [ ] ", "x", "é", "😀", "“", "”", "\"", "'", "·", "\u{a0}",
            ])
            .prop_map(String::from),
            "[a-z]{1,4}",
        ],
        0..12,
    )
    .prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn markdown_renders_every_text_literally(
        title in nasty(), speaker in nasty(), canonical in prop::option::of(nasty()), cue in nasty(), quoted in nasty(),
        note in nasty(), evidence_note in nasty(), claim_text in nasty(), url in prop::option::of(nasty()),
    ) {
        let doc = Document::new(format!("t{title}"), None, "Text.");
        let quote = Annotation {
            note: note.clone(),
            ..Annotation::new(
                AnnotationId("1".into()),
                Target::new(&doc.id.0, 0, 1, &format!("q{quoted}"), "", ""),
                Kind::Quote(Quote { speaker: format!("s{speaker}").into(), speaker_canonical: canonical.clone().map(|c| format!("c{c}").into()), cue: Some(format!("v{cue}").into()), form: QuoteForm::Direct }),
                Timestamp(0),
            )
        };
        let url = url.map(|u| format!("https://e.example/{}", u.trim()));
        let claim = Annotation::new(
            AnnotationId("2".into()),
            Target::new(&doc.id.0, 1, 2, &format!("k{claim_text}"), "", ""),
            Kind::Claim(Claim { evidence: vec![Evidence { url: url.clone(), note: format!("n{evidence_note}") }], ..Claim::default() }),
            Timestamp(0),
        );
        let md = to_markdown(&doc, &[quote, claim].into_iter().collect());
        let urls: Vec<String> = url.iter().cloned().collect();
        let (text, unexpected, headings) = render(&md, &urls);
        prop_assert!(unexpected.is_empty(), "{:?}\n{}", unexpected, md);
        // Title, Quotes, speaker, Claims, Unverified.
        prop_assert_eq!(headings, 5, "{}", md);
        let flat = collapse(&text);
        let speaker_shown = canonical.map(|c| format!("c{c}")).filter(|c| !collapse(c).is_empty()).unwrap_or(format!("s{speaker}"));
        for piece in [format!("t{title}"), speaker_shown, format!("v{cue}"), format!("q{quoted}"), format!("k{claim_text}"), format!("n{evidence_note}")] {
            let piece = collapse(&piece);
            prop_assert!(flat.contains(&piece), "{:?} is not in {:?}\n{}", piece, flat, md);
        }
        for line in note.lines().map(collapse).filter(|l| !l.is_empty()) {
            prop_assert!(flat.contains(&line), "{:?} is not in {:?}\n{}", line, flat, md);
        }
        if let Some(url) = url {
            prop_assert!(flat.contains(&collapse(&url)), "{:?} is not in {:?}\n{}", url, flat, md);
        }
    }

    #[test]
    fn csv_cells_read_back(note in any::<String>(), tags in prop::collection::vec(any::<String>(), 0..3), speaker in any::<String>()) {
        let doc = Document::from_raw("x");
        let mut a = Annotation::new(
            AnnotationId("1".into()),
            Target::new(&doc.id.0, 0, 1, "x", "", ""),
            Kind::Quote(Quote { speaker: speaker.as_str().into(), ..Quote::default() }),
            Timestamp(0),
        );
        a.note = note.clone();
        a.tags = tags.iter().map(|t| t.as_str().into()).collect();
        let rows = parse_csv(&to_csv(&doc, &[a].into_iter().collect()));
        let guard = |s: String| if s.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{s}") } else { s };
        prop_assert_eq!(rows.len(), 2);
        prop_assert_eq!(&rows[1][2], &guard(speaker));
        prop_assert_eq!(&rows[1][8], &guard(note));
        prop_assert_eq!(&rows[1][9], &guard(tags.join("; ")));
    }
}
