//! Reading a 1 MB news page with `read_html` (tokenize, build the tree, pick the main content,
//! render and normalise), and a 1 MB Markdown article with `read_markdown`.
//!
//! The page is generated deterministically: a head with metadata, JSON-LD and a large inline
//! script, navigation, a cookie banner, then an article of many paragraphs with inline markup,
//! entities, links, figures and quotes, related-link asides, share buttons, a long comments section
//! and a footer, repeated until the page is at least 1 MB.

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use quotemark_core::reader::{read_html, read_markdown};

const TARGET_BYTES: usize = 1024 * 1024;

mod common;
use common::Lcg;

const WORDS: &[&str] = &[
    "the",
    "minister",
    "said",
    "government",
    "encryption",
    "per",
    "cent",
    "critics",
    "security",
    "internet",
    "police",
    "data",
    "law",
    "would",
    "could",
    "week",
    "report",
    "council",
    "campaigners",
    "London",
    "regulation",
    "platforms",
];

fn sentence(rng: &mut Lcg, html: bool) -> String {
    let mut s = String::new();
    for i in 0..8 + rng.below(12) {
        if i > 0 {
            s.push(' ');
        }
        let w = WORDS[rng.below(WORDS.len())];
        match (html, rng.below(14)) {
            (true, 0) => s.push_str(&format!("<em>{w}</em>")),
            (true, 1) => s.push_str(&format!(
                "<a href=\"https://example.com/{w}?a=1&amp;b=2\" class=\"link\">{w}</a>"
            )),
            (true, 2) => s.push_str(&format!("&ldquo;{w}&rdquo;")),
            (true, 3) => s.push_str(&format!("{w}&nbsp;&mdash;")),
            (false, 0) => s.push_str(&format!("*{w}*")),
            (false, 1) => s.push_str(&format!("[{w}](https://example.com/{w})")),
            _ => s.push_str(w),
        }
    }
    s.push('.');
    s
}

fn html_page() -> String {
    let mut rng = Lcg(7);
    let mut page = String::from(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n\
         <title>Ministers meet tech firms | The Daily Planet</title>\n\
         <meta property=\"og:title\" content=\"Ministers meet tech firms\">\n\
         <meta property=\"article:published_time\" content=\"2017-06-05T08:00:00Z\">\n\
         <link rel=\"canonical\" href=\"https://example.com/news/ministers\">\n\
         <script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"datePublished\":\"2017-06-05T08:00:00Z\"}</script>\n\
         <style>body{font:16px serif}.nav a{color:red}</style>\n<script>",
    );
    page.push_str(&"var x = '<p>' + 1 < 2 && a > b;\n".repeat(2000));
    page.push_str(
        "</script></head><body class=\"page has-sidebar\">\n\
         <div id=\"cookie-banner\">We use cookies. <button>OK</button></div>\n\
         <header class=\"site-header\"><a href=\"/\"><img src=\"logo.png\" alt=\"The Daily Planet\"></a>\n\
         <nav class=\"main-nav\"><ul><li><a href=\"/\">Home</a><li><a href=\"/news\">News</a></ul></nav></header>\n\
         <main><article class=\"story\"><header><h1>Ministers meet tech firms</h1>\
         <p class=\"byline\">By A Reporter <time datetime=\"2017-06-05\">5 June 2017</time></p></header>\n",
    );
    let mut section = 0;
    while page.len() < TARGET_BYTES {
        section += 1;
        page.push_str(&format!("<h2>Section {section}</h2>\n"));
        for _ in 0..8 {
            page.push_str("<p>");
            for _ in 0..1 + rng.below(4) {
                page.push_str(&sentence(&mut rng, true));
                page.push(' ');
            }
            page.push_str("</p>\n");
        }
        page.push_str(&format!(
            "<blockquote><p>{}</p></blockquote>\n",
            sentence(&mut rng, true)
        ));
        page.push_str(&format!(
            "<figure><img src=\"p{section}.jpg\" alt=\"photo\"><figcaption>{}</figcaption></figure>\n",
            sentence(&mut rng, true)
        ));
        page.push_str("<aside class=\"related\"><h3>Related</h3><ul><li><a href=\"/a\">Other story</a></ul></aside>\n");
        page.push_str("<div class=\"share-buttons\"><button>Share</button><a href=\"#\">Tweet</a></div>\n");
        page.push_str("<!-- ad slot --><div class=\"ad-slot\" data-slot=\"mid\"><script>ads.push({})</script></div>\n");
        page.push_str("<section id=\"comments\">");
        for _ in 0..3 {
            page.push_str(&format!(
                "<div class=\"comment\"><p>{}</p></div>",
                sentence(&mut rng, true)
            ));
        }
        page.push_str("</section>\n");
    }
    page.push_str("</article></main><footer><p>&copy; 2017 The Daily Planet</p></footer>\n");
    page.push_str("<img src=\"https://tracker.example/pixel.gif\" width=1 height=1></body></html>\n");
    page
}

fn markdown_article() -> String {
    let mut rng = Lcg(11);
    let mut md =
        String::from("---\ntitle: Ministers meet tech firms\ndate: 2017-06-05\n---\n\n# Ministers meet tech firms\n\n");
    let mut section = 0;
    while md.len() < TARGET_BYTES {
        section += 1;
        md.push_str(&format!("## Section {section}\n\n"));
        for _ in 0..8 {
            for _ in 0..1 + rng.below(4) {
                md.push_str(&sentence(&mut rng, false));
                md.push(' ');
            }
            md.push_str("\n\n");
        }
        md.push_str(&format!(
            "> {}\n\n- {}\n- {}\n\n",
            sentence(&mut rng, false),
            sentence(&mut rng, false),
            sentence(&mut rng, false)
        ));
        md.push_str("Text with <b>inline</b> HTML.\n\n```\ncode block\n```\n\n");
    }
    md
}

fn bench(c: &mut Criterion) {
    let page = html_page();
    let article = read_html(&page);
    assert_eq!(article.title.as_deref(), Some("Ministers meet tech firms"));
    assert!(article.text.len() > TARGET_BYTES / 3 && !article.text.contains("Tweet"));
    eprintln!("HTML page: {} bytes → {} bytes of text", page.len(), article.text.len());
    c.bench_function("read_html 1 MB page", |b| b.iter(|| read_html(black_box(&page))));

    let md = markdown_article();
    let article = read_markdown(&md);
    assert_eq!(article.title.as_deref(), Some("Ministers meet tech firms"));
    eprintln!(
        "Markdown article: {} bytes → {} bytes of text",
        md.len(),
        article.text.len()
    );
    c.bench_function("read_markdown 1 MB article", |b| {
        b.iter(|| read_markdown(black_box(&md)))
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = bench
}
criterion_main!(benches);
