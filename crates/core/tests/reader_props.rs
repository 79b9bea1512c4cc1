//! Property tests of the readers: they never panic, their text is always normalised, titles are one
//! line, and no tag of an HTML input (or of inline HTML in Markdown) ever reaches the text.

use proptest::prelude::*;
use quotemark_core::document::{normalize_text, Document, DocumentId};
use quotemark_core::reader::{read, read_html, read_markdown, read_text, ReadArticle, SourceKind};

fn assert_well_formed(article: &ReadArticle) {
    assert_eq!(normalize_text(&article.text), article.text);
    if let Some(title) = &article.title {
        assert!(
            !title.is_empty() && !title.contains('\n') && title.trim() == title,
            "title {title:?}"
        );
    }
    if let Some(source) = &article.source {
        assert!(source.starts_with("http://") || source.starts_with("https://") || source.starts_with("HTTP"));
    }
    let doc = article.clone().into_document(Some("fallback"));
    assert_eq!(doc.id, DocumentId::of_text(&doc.text));
    assert_eq!(doc.text, article.text);
    assert!(!doc.title.is_empty());
}

/// `<` followed by a letter, `/`, `!` or `?`: what a tag looks like.
fn tag_like_positions(text: &str) -> Vec<usize> {
    let b = text.as_bytes();
    (0..b.len())
        .filter(|&i| {
            b[i] == b'<'
                && b.get(i + 1)
                    .is_some_and(|c| c.is_ascii_alphabetic() || b"/!?".contains(c))
        })
        .collect()
}

/// Tag names, including raw-text, void, foreign, dropped and unknown ones, in both cases.
const NAMES: &[&str] = &[
    "p",
    "div",
    "span",
    "b",
    "em",
    "a",
    "script",
    "style",
    "title",
    "textarea",
    "svg",
    "math",
    "table",
    "tr",
    "td",
    "li",
    "ul",
    "img",
    "br",
    "article",
    "main",
    "nav",
    "header",
    "footer",
    "aside",
    "h1",
    "h2",
    "pre",
    "noscript",
    "iframe",
    "template",
    "plaintext",
    "xmp",
    "head",
    "body",
    "html",
    "form",
    "button",
    "time",
    "meta",
    "link",
    "custom-el",
    "P",
    "DIV",
    "SCRIPT",
    "Style",
    "TITLE",
];

const ATTRIBUTES: &[&str] = &[
    "",
    " class=\"x\"",
    " class='share-bar'",
    " hidden",
    " id=nav",
    " title=\"a>b\"",
    " onclick='alert(1)'",
    " data-q=\"<i>x</i>\"",
    " style=\"display:none\"",
    " role=main",
    " href=javascript:alert(1)",
    " property=og:title content=\"<b>t</b> &lt;lit&gt;\"",
    " datetime=2020-02-02",
    " a=b/",
    " x",
];

/// Pieces of tag soup. The only `<` that are text are in `1 < 2` and the entity-encoded `<lit>`.
fn piece() -> impl Strategy<Value = String> {
    let name = prop::sample::select(NAMES);
    let attrs = prop::sample::select(ATTRIBUTES);
    prop_oneof![
        4 => (name.clone(), attrs, any::<bool>()).prop_map(|(n, a, slash)| format!("<{n}{a}{}>", if slash { "/" } else { "" })),
        3 => (name.clone(), any::<bool>()).prop_map(|(n, space)| format!("</{n}{}>", if space { " " } else { "" })),
        1 => prop::sample::select(&[
            "<!-- c -->", "<!-->", "<!--->", "<!-- x --!>", "<!-- <p>in comment</p> -->", "<![CDATA[<p>x</p>]]>",
            "<!DOCTYPE html>", "<?xml x?>", "</>", "</ x>", "<!bogus>", "-->", "]]>",
        ][..]).prop_map(str::to_string),
        5 => prop::sample::select(&[
            "word", "Text", "1 < 2", "&amp;", "&lt;lit&gt;", "&#60;lit&#x3E;", "caf&eacute;", "&bogus;", "“quoted”",
            " ", "\n", "\n\n", "\t", "é", "date 2017-06-05 ", "&nbsp;", ">", "\"", "'", "=", "/",
        ][..]).prop_map(str::to_string),
        // Sentences long enough to be scored as paragraphs, so that the content extraction runs.
        2 => prop::sample::select(&[
            "The council said on Monday that the library would close, and that staff would move.",
            "Share this: Facebook, Twitter, Email",
            "By Jane Doe, 5 May 2020",
        ][..]).prop_map(str::to_string),
    ]
}

fn soup() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..60).prop_map(|pieces| pieces.concat())
}

/// Pieces of Markdown, with some inline and block HTML.
fn markdown_piece() -> impl Strategy<Value = String> {
    prop::sample::select(
        &[
            "# ",
            "## ",
            "Title",
            "word",
            " ",
            "\n",
            "\n\n",
            "*",
            "**",
            "_",
            "`",
            "```\n",
            "~~~\n",
            "- ",
            "1. ",
            "> ",
            "[link](http://x)",
            "![alt](img.png)",
            "<b>",
            "</b>",
            "<script>",
            "</script>",
            "<div hidden>\n",
            "</div>\n",
            "<!-- c -->",
            "---\n",
            "===\n",
            "| a | b |\n|---|---|\n",
            "&amp;",
            "&lt;lit&gt;",
            "\\*",
            "    code\n",
            "date 2017-06-05 ",
            "title: x\n",
            "<p onclick=x>",
            "<style>",
            "</style>",
        ][..],
    )
    .prop_map(str::to_string)
}

fn markdown() -> impl Strategy<Value = String> {
    prop::collection::vec(markdown_piece(), 0..50).prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn html_never_panics_and_is_normalised(input in any::<String>()) {
        assert_well_formed(&read_html(&input));
    }

    #[test]
    fn html_like_noise_never_panics(input in "[<>/!?a-zA-Z \"'=&#;x0-9\\-\\[\\]\n]{0,300}") {
        assert_well_formed(&read_html(&input));
    }

    #[test]
    fn no_tag_of_tag_soup_reaches_the_text(input in soup()) {
        let article = read_html(&input);
        assert_well_formed(&article);
        for text in [article.text.as_str(), article.title.as_deref().unwrap_or("")] {
            for at in tag_like_positions(text) {
                prop_assert!(text[at..].starts_with("<lit>"), "tag text at {} in {:?} from {:?}", at, text, input);
            }
        }
    }

    #[test]
    fn markdown_never_panics_and_is_normalised(input in any::<String>()) {
        assert_well_formed(&read_markdown(&input));
    }

    #[test]
    fn markdown_html_never_reaches_the_text(input in markdown()) {
        let article = read_markdown(&input);
        assert_well_formed(&article);
        // Code spans and blocks keep their text as written, so only check inputs without them.
        if !input.contains('`') && !input.contains("    code") && !input.contains("~~~") {
            for text in [article.text.as_str(), article.title.as_deref().unwrap_or("")] {
                for at in tag_like_positions(text) {
                    prop_assert!(text[at..].starts_with("<lit>"), "tag text at {} in {:?} from {:?}", at, text, input);
                }
            }
        }
    }

    #[test]
    fn text_is_read_like_from_raw(input in any::<String>()) {
        let article = read_text(&input);
        assert_well_formed(&article);
        prop_assert_eq!(article.into_document(None), Document::from_raw(&input));
    }

    #[test]
    fn plain_words_read_as_html_are_one_paragraph(words in prop::collection::vec("[a-zA-Z]{1,8}|[ \t\n]{1,3}", 0..40)) {
        let input = words.concat();
        let expected = input.split_whitespace().collect::<Vec<_>>().join(" ");
        prop_assert_eq!(read_html(&input).text, expected);
    }

    #[test]
    fn every_kind_is_well_formed(input in any::<String>(), kind in prop::sample::select(&[SourceKind::Text, SourceKind::Markdown, SourceKind::Html][..])) {
        assert_well_formed(&read(kind, &input));
    }
}
