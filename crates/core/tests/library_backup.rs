//! A backup of the whole library: what it carries (articles in order, roles, versions), and that
//! a damaged backup is refused whole with a message that names the place.

use quotemark_core::document::Document;
use quotemark_core::format::{export_library, import, read, ImportedFile, ImportedLibrary};
use quotemark_core::insights::Roles;
use quotemark_core::model::*;
use std::collections::BTreeMap;

fn quote(doc: &Document, id: &str, speaker: &str) -> Annotation {
    let end = doc.char_len().min(8);
    let exact: String = doc.text.chars().take(end).collect();
    Annotation::new(
        AnnotationId(id.into()),
        Target::new(&doc.id.0, 0, end, &exact, "", ""),
        Kind::Quote(Quote { speaker: speaker.into(), ..Quote::default() }),
        Timestamp(1_000),
    )
}

fn two_articles() -> (Vec<(Document, AnnotationSet)>, String) {
    let a = Document::new("Budget vote", None, "“We will vote no,” said Maria Lopez Garcia.");
    let b = Document::new("Budget vote (updated)", None, "“We will vote no today,” said Maria Lopez Garcia.");
    let articles = vec![
        (b.clone(), [quote(&b, "q2", "Maria Lopez Garcia"), quote(&b, "q3", "Lopez Garcia")].into_iter().collect()),
        (a.clone(), [quote(&a, "q1", "Maria Lopez Garcia")].into_iter().collect()),
    ];
    let mut roles = Roles::default();
    roles.set("Maria Lopez Garcia", Some(SpeakerRole::Official));
    let versions = BTreeMap::from([(b.id.short().to_string(), a.id.short().to_string())]);
    let json = export_library(&articles, &roles, &versions, Timestamp(1_764_892_800_000));
    (articles, json)
}

fn library(json: &str) -> ImportedLibrary {
    match read(json).unwrap() {
        ImportedFile::Library(l) => l,
        ImportedFile::Annotations(_) => panic!("read as one article"),
    }
}

#[test]
fn a_backup_carries_every_article_in_order_with_roles_and_versions() {
    let (articles, json) = two_articles();
    assert!(json.contains("\"type\": \"qm:Library\""));
    assert!(json.contains("\"label\": \"Quotemark library backup: 2 articles, 3 annotations\""));
    let library = library(&json);
    assert_eq!(library.annotation_count(), 3);
    assert_eq!(library.created, Some(Timestamp(1_764_892_800_000)));
    for (imported, (doc, set)) in library.articles.iter().zip(&articles) {
        let d = imported.document.as_ref().unwrap();
        assert_eq!(d.to_document().as_ref(), Some(doc));
        assert_eq!(&imported.annotation_set(), set);
        assert_eq!(d.roles.get("Maria Lopez Garcia"), Some(SpeakerRole::Official));
    }
    let (new, old) = (articles[0].0.id.short().to_string(), articles[1].0.id.short().to_string());
    assert_eq!(library.versions, BTreeMap::from([(new, old)]));
}

#[test]
fn an_empty_library_is_a_valid_backup() {
    let json = export_library(&[], &Roles::default(), &BTreeMap::new(), Timestamp(0));
    assert!(json.contains("\"label\": \"Quotemark library backup: 0 articles, 0 annotations\""));
    assert_eq!(library(&json).articles, vec![]);
}

#[test]
fn one_article_files_are_read_as_before() {
    let (articles, _) = two_articles();
    let (doc, set) = &articles[0];
    let json = quotemark_core::format::export(doc, set, &Default::default());
    match read(&json).unwrap() {
        ImportedFile::Annotations(imported) => assert_eq!(imported, import(&json).unwrap()),
        ImportedFile::Library(_) => panic!("one article read as a library"),
    }
}

#[test]
fn import_of_a_backup_says_where_to_restore_it() {
    let (_, json) = two_articles();
    assert_eq!(
        import(&json).unwrap_err().to_string(),
        "top level: this is a backup of a whole library (2 articles), not one article's annotations; restore it from the library"
    );
}

fn error(json: &str) -> String {
    read(json).unwrap_err().to_string()
}

#[test]
fn a_damaged_backup_is_refused_whole_naming_the_place() {
    let (articles, json) = two_articles();
    // Text changed in the second article: its id no longer matches.
    let changed = json.replace("“We will vote no,” said", "“We will vote yes,” said");
    assert!(error(&changed).starts_with("qm:articles[1].qm:document.id: "), "{}", error(&changed));
    // An article without its text.
    let text = serde_json::to_string(&articles[1].0.text).unwrap();
    let without = json.replace(&format!(",\n        \"qm:text\": {text}"), "");
    assert_ne!(without, json);
    assert_eq!(
        error(&without),
        "qm:articles[1].qm:document: an article of a backup must carry its text (\"qm:text\")"
    );
    // The same article twice.
    let first = articles[0].0.id.0.clone();
    let second = articles[1].0.id.0.clone();
    let twice = json.replace(&second, &first).replace("“We will vote no,” said", "“We will vote no today,” said");
    assert!(error(&twice).contains("the same article as qm:articles[0]"), "{}", error(&twice));
    // Articles not in an array, or missing.
    let header = r#"{"type": "qm:Library", "qm:formatVersion": 2"#;
    assert_eq!(error(&format!("{header}, \"qm:articles\": {{}}}}")), "qm:articles: expected an array of articles, found an object");
    assert_eq!(error(&format!("{header}}}")), "top level: missing \"qm:articles\" (the backup's articles)");
    // An article that is not one of our files.
    assert_eq!(
        error(&format!("{header}, \"qm:articles\": [{{\"type\": \"AnnotationCollection\"}}]}}")),
        "qm:articles[0]: an article of a backup is a Quotemark file, with \"qm:formatVersion\""
    );
    // A backup from a newer Quotemark.
    assert!(error(&json.replacen("\"qm:formatVersion\": 2", "\"qm:formatVersion\": 3", 1))
        .starts_with("qm:formatVersion: this file is format version 3"));
    // Versions that are not short ids.
    let bad_versions = json.replace(&format!("\"{}\": \"", articles[0].0.id.short()), &format!("\"{}\": 5, \"x\": \"", articles[0].0.id.short()));
    assert!(error(&bad_versions).starts_with(&format!("qm:versions.{}: expected a short id", articles[0].0.id.short())), "{}", error(&bad_versions));
}
