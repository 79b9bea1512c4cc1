//! Golden tests of the readers on the article fixtures in `tests/fixtures/articles/`: each
//! `NAME.EXT` is read with the reader its extension names and must give exactly
//! `NAME.expected.txt`: a `title:`, `date:` and `source:` line (with nothing after the colon when
//! not found), a `---` line, then the text.
//!
//! After a deliberate change of the readers, `QM_BLESS=1 cargo test -p quotemark-core --test
//! reader_fixtures` rewrites the expected files; review their diff before committing.

use std::fs;
use std::path::PathBuf;

use quotemark_core::document::normalize_text;
use quotemark_core::reader::{read, ReadArticle, SourceKind};

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/articles")
}

fn golden(article: &ReadArticle) -> String {
    let field = |name: &str, value: Option<String>| match value {
        Some(v) => format!("{name}: {v}\n"),
        None => format!("{name}:\n"),
    };
    let mut out = field("title", article.title.clone());
    out += &field("date", article.date.map(|d| d.to_iso()));
    out += &field("source", article.source.clone());
    out + "---\n" + &article.text + "\n"
}

fn check(name: &str) -> ReadArticle {
    let kind = SourceKind::from_file_name(name).expect("fixture kind");
    let input = fs::read_to_string(dir().join(name)).expect("fixture");
    let article = read(kind, &input);
    assert_eq!(
        normalize_text(&article.text),
        article.text,
        "{name}: text is normalised"
    );
    let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
    let expected_path = dir().join(format!("{stem}.expected.txt"));
    let actual = golden(&article);
    if std::env::var_os("QM_BLESS").is_some() {
        fs::write(&expected_path, &actual).expect("write expected");
    }
    let expected = fs::read_to_string(&expected_path).expect("expected file");
    assert_eq!(actual, expected, "{name} differs from {}", expected_path.display());
    article
}

#[test]
fn clean_text_article() {
    let article = check("clean-article.txt");
    let doc = article.into_document(Some("clean-article"));
    assert_eq!(doc.title, "Council approves riverside cycle path");
    assert_eq!(doc.paragraphs().len(), 5);
}

#[test]
fn markdown_article() {
    let article = check("feature-article.md");
    assert!(!article.text.contains("<span") && !article.text.contains("trackEvent"));
    assert!(!article.text.contains("Passengers queue"), "image alt text is dropped");
    assert!(!article.text.contains("editor's note"), "comments are dropped");
}

#[test]
fn messy_news_page() {
    let article = check("messy-news-page.html");
    for furniture in [
        "cookies",
        "Skip to content",
        "Northern Courier",
        "Home",
        "Share on Facebook",
        "Tweet",
        "Advertisement",
        "Reservoirs",
        "Stay cool",
        "Most read",
        "rights reserved",
        "Sign up",
        "googletag",
        "dataLayer",
    ] {
        assert!(!article.text.contains(furniture), "{furniture:?} is page furniture");
    }
    let doc = article.into_document(None);
    assert_eq!(doc.title, "Heatwave breaks June record as rail lines buckle");
}

/// The tag-like pieces of a text: `<` followed by a letter, `/`, `!` or `?`, up to the next `>`.
fn tag_like(text: &str) -> Vec<&str> {
    let mut found = Vec::new();
    for (i, _) in text.match_indices('<') {
        let rest = &text[i..];
        if rest[1..].starts_with(|c: char| c.is_ascii_alphabetic() || matches!(c, '/' | '!' | '?')) {
            found.push(rest.find('>').map_or(rest, |end| &rest[..=end]));
        }
    }
    found
}

#[test]
fn malicious_page() {
    let article = check("malicious.html");
    let source = fs::read_to_string(dir().join("malicious.html")).expect("fixture");
    let title = article.title.clone().unwrap_or_default();
    for text in [article.text.as_str(), title.as_str()] {
        for tag in tag_like(text) {
            let encoded = tag.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
            assert!(source.contains(&encoded), "{tag:?} was markup, not entity-encoded text");
        }
        for payload in [
            "alert",
            "javascript",
            "onerror",
            "onload",
            "evil.example",
            "Template text",
            "Hidden",
        ] {
            assert!(!text.contains(payload), "{payload:?} survived in {text:?}");
        }
    }
    // The literal (entity-encoded) tags are kept as text.
    assert_eq!(tag_like(&article.text), ["<script>", "</script>", "<b>", "</b>"]);
    assert_eq!(article.source, None, "a javascript: canonical is not a source");
}

#[test]
fn every_fixture_has_an_expected_file() {
    let mut inputs = 0;
    for entry in fs::read_dir(dir()).expect("fixture dir") {
        let name = entry.expect("entry").file_name().into_string().expect("utf-8 name");
        if name.ends_with(".expected.txt") {
            let stem = name.trim_end_matches(".expected.txt");
            let has_input = ["txt", "md", "html"]
                .iter()
                .any(|ext| dir().join(format!("{stem}.{ext}")).exists());
            assert!(has_input, "{name} has no input");
        } else {
            inputs += 1;
            let stem = name.rsplit_once('.').map_or(name.as_str(), |(stem, _)| stem);
            assert!(
                dir().join(format!("{stem}.expected.txt")).exists(),
                "{name} has no expected file"
            );
        }
    }
    assert_eq!(inputs, 4);
}
