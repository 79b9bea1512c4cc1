//! Golden fixtures: our export of a small document (checked byte for byte, and shown verbatim in
//! docs/FORMAT.md), a version 1 file, other tools' shapes, and bad files with their exact messages.
//!
//! `QM_BLESS=1 cargo test -p quotemark-core --test format_fixtures` rewrites the golden exports
//! after an intended format change (then update docs/FORMAT.md by hand).

#[path = "fixtures/small_doc.rs"]
mod small_doc;

use quotemark_core::format::{export, import, DocumentDetail, ExportOptions, FileFormat, ImportErrorKind};
use quotemark_core::model::*;
use std::path::PathBuf;

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn read(name: &str) -> String {
    std::fs::read_to_string(fixtures().join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn golden(name: &str, actual: &str) {
    if std::env::var_os("QM_BLESS").is_some() {
        std::fs::write(fixtures().join(name), actual).unwrap();
    }
    assert_eq!(actual, read(name), "{name} differs from the export; rerun with QM_BLESS=1 if the change is intended");
}

#[test]
fn v2_export_matches_the_golden_file() {
    let doc = small_doc::document();
    let set = small_doc::annotations(&doc);
    golden("v2-small.json", &export(&doc, &set, &ExportOptions::default()));
    golden("v2-small-reference.json", &export(&doc, &set, &ExportOptions { document: DocumentDetail::Reference }));
}

#[test]
fn golden_v2_imports_to_the_same_document_and_annotations() {
    let doc = small_doc::document();
    let set = small_doc::annotations(&doc);
    let imported = import(&read("v2-small.json")).unwrap();
    assert_eq!(imported.format, FileFormat::Quotemark { version: 2 });
    assert_eq!(imported.document.as_ref().unwrap().to_document(), Some(doc.clone()));
    assert_eq!(imported.annotation_set(), set);
    // File order is document order.
    let order: Vec<_> = set.in_document_order().into_iter().map(|a| a.id.clone()).collect();
    assert_eq!(imported.annotations.iter().map(|a| a.id.clone()).collect::<Vec<_>>(), order);

    let reference = import(&read("v2-small-reference.json")).unwrap();
    let d = reference.document.clone().unwrap();
    assert_eq!((d.id, d.title, d.source, d.date, d.text), (doc.id, doc.title, doc.source, None, None));
    assert_eq!(reference.annotation_set(), set);
}

#[test]
fn format_md_shows_the_golden_export_verbatim() {
    let md = std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../docs/FORMAT.md")).unwrap();
    let golden = read("v2-small.json");
    assert!(
        md.contains(&format!("```json\n{golden}\n```")),
        "docs/FORMAT.md must contain tests/fixtures/v2-small.json verbatim"
    );
}

#[test]
fn version_1_file_is_migrated_to_the_same_annotations() {
    let doc = small_doc::document();
    let imported = import(&read("v1-small.json")).unwrap();
    assert_eq!(imported.format, FileFormat::Quotemark { version: 1 });
    assert_eq!(imported.document.as_ref().unwrap().to_document(), Some(doc.clone()));
    assert_eq!(imported.annotation_set(), small_doc::annotations(&doc));
}

#[test]
fn hypothesis_search_result() {
    let imported = import(&read("hypothesis.json")).unwrap();
    assert_eq!(imported.format, FileFormat::WebAnnotation);
    assert!(imported.document.is_none());
    let [claim, quote] = &imported.annotations[..] else { panic!("{:?}", imported.annotations) };

    assert_eq!(claim.id.0, "Jp6Y1Nz2EeeY4kcx8_fHcg");
    assert_eq!(claim.target.source, "https://news.example/2017/06/05/encryption");
    assert_eq!(claim.target.exact(), Some("40 per cent of messages are now encrypted"));
    assert_eq!(claim.target.quote.as_ref().unwrap().prefix, "Critics said ");
    assert_eq!(claim.target.position, Some(TextPositionSelector { start: 174, end: 215 }));
    assert_eq!(claim.kind, Kind::Claim(Claim::default()), "the `claim` tag makes a claim");
    assert_eq!(claim.tags, vec!["encryption"], "the tag that decided the kind is consumed");
    assert_eq!(claim.note, "Is this figure sourced?");
    assert_eq!(claim.created, Timestamp::parse_rfc3339("2017-06-05T10:12:31.531Z").unwrap());
    assert_eq!(claim.modified, Timestamp::parse_rfc3339("2017-06-06T08:01:02Z").unwrap());

    assert_eq!(quote.id.0, "Kq7Z2Oa3FffZ5ldy9_gIdh");
    assert_eq!(quote.kind, Kind::Quote(Quote::default()), "no kind tag: a quote");
    assert_eq!(quote.tags, Vec::<String>::new());
    assert_eq!(quote.note, "");
    assert_eq!(quote.target.position, None, "Hypothesis may omit the position selector");
    assert_eq!(quote.target.exact(), Some("“real people”"));
}

#[test]
fn recogito_annotation() {
    let imported = import(&read("recogito.json")).unwrap();
    let [a] = &imported.annotations[..] else { panic!() };
    assert_eq!(a.id.0, "#a88b22d0-6106-4872-9435-c78b5e89fede");
    assert_eq!(a.target.source, "", "Recogito targets carry no source");
    assert_eq!(a.target.span(), Some(Span::new(208, 250)));
    assert_eq!(a.target.exact(), Some("weakening it would make everyone less safe"));
    assert!(matches!(&a.kind, Kind::Claim(c) if c.evidence.is_empty()));
    assert_eq!(a.tags, vec!["security"]);
    assert_eq!(a.note, "Which experts say so?\n\nSee also the 2016 debate.");
    assert_eq!(a.created, Timestamp::parse_rfc3339("2020-03-01T12:00:00Z").unwrap());
    assert_eq!(a.modified, a.created, "a missing modified is the created time");
}

#[test]
fn annotation_page_with_an_embedded_next_page() {
    let imported = import(&read("annotation-page.json")).unwrap();
    let ids: Vec<&str> = imported.annotations.iter().map(|a| a.id.0.as_str()).collect();
    assert_eq!(
        ids,
        [
            "https://annotations.example/anno/1",
            "https://annotations.example/anno/2",
            "https://annotations.example/anno/3"
        ]
    );
    let [first, second, third] = &imported.annotations[..] else { panic!() };

    // bodyValue and a single object body; a target array whose usable member is second.
    assert_eq!(first.note, "A telling choice of words.");
    assert!(matches!(first.kind, Kind::Quote(_)));
    assert_eq!(first.tags, vec!["rhetoric"]);
    assert_eq!(first.target.source, "https://news.example/2017/06/05/encryption");
    assert_eq!(first.target.span(), Some(Span::new(62, 75)));

    // String bodies (a link and a text), a semantic tag, a linking body with a note; a single selector object.
    let Kind::Claim(claim) = &second.kind else { panic!("{:?}", second.kind) };
    assert_eq!(
        claim.evidence,
        vec![
            Evidence { url: Some("https://stats.example/encryption-2017".into()), note: String::new() },
            Evidence { url: Some("https://factcheck.example/encryption".into()), note: "Fact check".into() },
        ]
    );
    assert_eq!(second.tags, vec!["http://vocab.example/topics/privacy"]);
    assert_eq!(second.note, "Figure repeated from a 2016 survey.");
    assert_eq!(second.target.quote, None);
    assert_eq!(second.target.span(), Some(Span::new(174, 215)));

    // A linked resource (`id`, no `source`) on a quote: links on a quote are kept in its note.
    assert_eq!(third.note, "Interview transcript https://bbc.example/transcript");
    assert_eq!(third.created, Timestamp(0), "no timestamps: 1970-01-01");
}

#[test]
fn foreign_collection_and_annotations_without_ids() {
    let imported = import(&read("annotation-collection.json")).unwrap();
    assert_eq!(imported.format, FileFormat::WebAnnotation);
    let ids: Vec<&str> = imported.annotations.iter().map(|a| a.id.0.as_str()).collect();
    assert_eq!(ids.len(), 3);
    assert_eq!(ids[0], "urn:uuid:6f1c9d0e-3a55-4a8c-9b7e-2f0d5e1c7a11");
    assert!(ids[1].starts_with("import-") && ids[2].starts_with("import-") && ids[1] != ids[2], "{ids:?}");
    let again = import(&read("annotation-collection.json")).unwrap();
    assert_eq!(again, imported, "derived ids are stable");
}

#[test]
fn bad_files_fail_with_the_expected_message() {
    let dir = fixtures().join("bad");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    names.sort();
    assert!(names.len() >= 20, "{} bad fixtures", names.len());
    let mut failures = Vec::new();
    for path in names {
        let input = std::fs::read_to_string(&path).unwrap();
        let expected_path = path.with_extension("error");
        let expected = std::fs::read_to_string(&expected_path)
            .unwrap_or_else(|_| format!("({} is missing)", expected_path.display()));
        let expected = expected.trim_end_matches('\n');
        match import(&input) {
            Ok(_) => failures.push(format!("{}: imported without error", path.display())),
            Err(e) if e.to_string() != expected => {
                failures.push(format!("{}:\n  expected: {expected}\n  actual:   {e}", path.display()))
            }
            Err(_) => {}
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn error_kinds() {
    assert_eq!(import(" \n\t").unwrap_err().kind, ImportErrorKind::Empty);
    assert_eq!(import("{\"a\":").unwrap_err().kind, ImportErrorKind::Syntax { line: 1, column: 5 });
    assert_eq!(import(&read("bad/future-version.json")).unwrap_err().kind, ImportErrorKind::UnsupportedVersion(3));
    assert_eq!(import("[1]").unwrap_err().kind, ImportErrorKind::Invalid);
    assert_eq!(import(&read("bad/future-version.json")).unwrap_err().path, "qm:formatVersion");
}

#[test]
fn a_byte_order_mark_is_ignored() {
    let with_bom = format!("\u{feff}{}", read("recogito.json"));
    assert_eq!(import(&with_bom).unwrap(), import(&read("recogito.json")).unwrap());
}
