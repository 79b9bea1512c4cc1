//! The sample article pre-rendered in `index.html` (the page's first paint, before the wasm
//! arrives) is exactly what the app draws for it: title, date and paragraphs with their offsets.
//! When the sample or its reading changes, regenerate it with
//! `QUOTEMARK_BLESS=1 cargo test -p quotemark-core --test boot_shell`.

use quotemark_core::document::Document;
use quotemark_core::SAMPLE_ARTICLE;
use std::path::PathBuf;

const START: &str = "<!-- sample:start";
const END: &str = "<!-- sample:end -->";

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// The article header and body the app renders for the sample, as static HTML.
fn sample_html(indent: &str) -> String {
    let doc = Document::from_raw(SAMPLE_ARTICLE);
    let chars: Vec<char> = doc.text.chars().collect();
    let mut out = format!(
        "{START} (generated from assets/sample-article.txt by crates/core/tests/boot_shell.rs; do not edit) -->\n"
    );
    out += &format!("{indent}<header class=\"article-header\">\n");
    out += &format!("{indent}  <h1 id=\"boot-title\">{}</h1>\n", escape(&doc.title));
    if let Some(date) = doc.date {
        out += &format!(
            "{indent}  <p class=\"article-date\" id=\"boot-date\"><time datetime=\"{}\">{}</time></p>\n",
            date.to_iso(),
            date.to_long()
        );
    }
    out += &format!("{indent}</header>\n{indent}<div class=\"article-body\" id=\"boot-body\">\n");
    for range in doc.paragraphs() {
        let text: String = chars[range.clone()].iter().collect();
        out += &format!(
            "{indent}  <p class=\"paragraph\" data-start=\"{}\" data-end=\"{}\">{}</p>\n",
            range.start,
            range.end,
            escape(&text)
        );
    }
    out += &format!("{indent}</div>\n{indent}{END}");
    out
}

#[test]
fn index_html_carries_the_sample_as_the_app_draws_it() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../index.html");
    let page = std::fs::read_to_string(&path).expect("index.html");
    let start = page.find(START).expect("index.html has a <!-- sample:start --> marker");
    let end = page[start..].find(END).map(|i| start + i + END.len()).expect("and a <!-- sample:end --> marker");
    let line_start = page[..start].rfind('\n').map_or(0, |i| i + 1);
    let indent = &page[line_start..start];
    let expected = sample_html(indent);
    if std::env::var_os("QUOTEMARK_BLESS").is_some() {
        let updated = format!("{}{}{}", &page[..start], expected, &page[end..]);
        std::fs::write(&path, updated).expect("write index.html");
        return;
    }
    assert!(
        page[start..end] == expected,
        "index.html's pre-rendered sample differs from the app's reading of it; regenerate it with \
         QUOTEMARK_BLESS=1 cargo test -p quotemark-core --test boot_shell"
    );
}

#[test]
fn the_pre_rendered_sample_escapes_markup() {
    assert_eq!(escape(r#"<b a="1">&</b>"#), "&lt;b a=&quot;1&quot;&gt;&amp;&lt;/b&gt;");
}
