use super::*;
use super::element::{furniture, tag_info, words, TAGS};

fn text(html: &str) -> String {
    read_html(html).text
}

#[test]
fn blocks_are_paragraphs_and_inline_joins() {
    assert_eq!(
        text("<p>One <b>two</b><i>three</i></p><p>Four</p>"),
        "One twothree\n\nFour"
    );
    assert_eq!(
        text("<div>Direct <span>text</span><p>Para</p>tail</div>"),
        "Direct text\n\nPara\n\ntail"
    );
    assert_eq!(
        text("<h2>Sub</h2><blockquote>Quote</blockquote><pre>a  b</pre>"),
        "Sub\n\nQuote\n\na b"
    );
    assert_eq!(
        text("<ul><li>One<li>Two</ul><dl><dt>T<dd>D</dl>"),
        "One\n\nTwo\n\nT\n\nD"
    );
    assert_eq!(text("<table><tr><td>a<td>b<tr><th>c</th><td>d</table>"), "a b\n\nc d");
    assert_eq!(
        text("<figure><img src=x alt=Alt><figcaption>Cap</figcaption></figure>"),
        "Cap"
    );
    assert_eq!(text("<p>line<br>break<br/>again</p>"), "line break again");
    assert_eq!(text("<pre>a\n\nb<br>c</pre>"), "a\n\nb c");
    assert_eq!(text("<p>soft\nwrapped\r\ntext</p>"), "soft wrapped text");
    assert_eq!(text("plain <em>text</em> only"), "plain text only");
}

#[test]
fn entities_are_decoded_once() {
    assert_eq!(
        text("<p>&lt;b&gt;bold&lt;/b&gt; &amp;amp; &#8220;q&#x201D; caf&eacute; &bogus; a&nbsp;b</p>"),
        "<b>bold</b> &amp; “q” café &bogus; a b"
    );
}

#[test]
fn comments_doctype_cdata_and_processing_instructions() {
    assert_eq!(
        text("<!DOCTYPE html><?xml version=\"1.0\"?><p>a<!-- hidden <p>x</p> -->b</p>"),
        "ab"
    );
    assert_eq!(text("<p>a<!-->b<!--->c<!-- x --!>d<!-- - -- --->e</p>"), "abcde");
    assert_eq!(text("<p>a<![CDATA[<b>x</b>]]>b</p>"), "ab");
    assert_eq!(text("<p>a<!bogus>b</ x>c</>d</p>"), "abcd");
    assert_eq!(text("<p>a<!-- never closed <p>b</p>"), "a");
}

#[test]
fn lone_less_than_is_text() {
    assert_eq!(
        text("<p>1 < 2 and 3<4, a <= b, <3 <é> <</p>"),
        "1 < 2 and 3<4, a <= b, <3 <é> <"
    );
    assert_eq!(text("x </"), "x </");
    assert_eq!(text("<p>x</p> <"), "x\n\n<");
}

#[test]
fn attributes_quoted_unquoted_and_with_gt() {
    assert_eq!(text("<p title='a>b' class=x data-y=\"c>d\" z>Text</p>"), "Text");
    assert_eq!(text("<p a=b/>Text</p>"), "Text");
    assert_eq!(text("<P CLASS=\"x\">Upper</P><DIV>Case</DIV>"), "Upper\n\nCase");
    // A tag cut off by the end of the input is dropped.
    assert_eq!(text("<p>kept</p><a href=\"never closed>lost"), "kept");
    assert_eq!(text("<p>kept</p><div"), "kept");
}

#[test]
fn raw_text_elements_run_to_their_close_tag() {
    assert_eq!(text("<p>a<script>if (a</b) x = '<p>no</p>';</script>b</p>"), "ab");
    assert_eq!(text("<p>a<SCRIPT>x</ScRiPt >b<style>p{}</style\n>c</p>"), "abc");
    assert_eq!(text("<p>a<script>x</scripty>y</script>b</p>"), "ab");
    assert_eq!(text("<p>a<script>never closed <p>b</p>"), "a");
    assert_eq!(
        text("<p>a<textarea><b>t</b></textarea>b<noscript><img src=t></noscript>c</p>"),
        "abc"
    );
}

#[test]
fn unclosed_and_misnested_tags() {
    assert_eq!(text("<p>one<p>two<div>three</p>four"), "one\n\ntwo\n\nthree\n\nfour");
    assert_eq!(text("<b><p>bold</b> still</p>after"), "bold still\n\nafter");
    assert_eq!(text("<div><span>a</div>b"), "a\n\nb");
    assert_eq!(text("</p></div>stray<b>end"), "stray end".replace(' ', ""));
    assert_eq!(text("<h1>T</h1><h2>x<h3>y</h2>z"), "x\n\ny\n\nz");
}

#[test]
fn always_dropped_elements() {
    let html = "<body><p>keep</p><script>s</script><style>s</style><noscript>n</noscript><template><p>t</p></template>\
                <svg><text>s</text><path/></svg><iframe>i</iframe><nav>n</nav><footer>f</footer><aside>a</aside>\
                <form><p>f</p></form><button>b</button><select><option>o</select><p hidden>h</p><div aria-hidden=\"true\">h</div>\
                <div style=\"display: none\">h</div><p aria-hidden=false>shown</p><header>h</header></body>";
    assert_eq!(text(html), "keep\n\nshown");
}

#[test]
fn boilerplate_classes_and_ids() {
    for class in [
        "nav",
        "site-nav",
        "navbar",
        "mainMenu",
        "menu",
        "footer-links",
        "sidebar",
        "share-buttons",
        "social",
        "related-stories",
        "comments",
        "advert",
        "ad-slot",
        "ad",
        "cookie-banner",
        "newsletter",
        "subscribe-box",
        "promo",
        "breadcrumbs",
        "c-sidebar__inner",
        "x socialLinks",
        "tags",
        "article-tags",
    ] {
        let html =
            format!("<body><p>keep this text which is long enough</p><div class=\"{class}\">drop</div></body>");
        assert_eq!(text(&html), "keep this text which is long enough", "class {class}");
        let html = format!("<body><p>keep this text which is long enough</p><div id=\"{class}\">drop</div></body>");
        assert_eq!(text(&html), "keep this text which is long enough", "id {class}");
    }
    for class in [
        "navy",
        "shared",
        "header-less",
        "load",
        "address",
        "shadow",
        "commentary",
        "admin",
        "bread",
        "subtitle",
        "gradient",
    ] {
        let html = format!("<body><p>keep this longer text</p><div class=\"{class}\">this too</div></body>");
        let expected = if class == "header-less" {
            "keep this longer text"
        } else {
            "keep this longer text\n\nthis too"
        };
        assert_eq!(text(&html), expected, "class {class}");
    }
}

#[test]
fn furniture_holding_most_of_the_content_is_kept() {
    let html = "<body><div class=\"post has-share-bar\"><p>The whole article is in here, and it is long.</p></div>\
                <div class=\"share\">Share</div></body>";
    assert_eq!(text(html), "The whole article is in here, and it is long.");
}

#[test]
fn main_content_choice() {
    let html = "<body><p>outside</p><article><p>short</p></article><article><p>the longer one</p></article></body>";
    assert_eq!(text(html), "the longer one");
    assert_eq!(
        text("<body><p>outside</p><main><p>in main</p></main></body>"),
        "in main"
    );
    assert_eq!(
        text("<body><p>outside</p><div role=main><p>role</p></div></body>"),
        "role"
    );
    assert_eq!(
        text("<body><p>outside</p><main><article><p>art</p></article><p>m</p></main></body>"),
        "art"
    );
    // An empty article does not win; a hidden one is never chosen.
    assert_eq!(text("<body><article></article><main><p>m</p></main></body>"), "m");
    assert_eq!(text("<body><article hidden><p>h</p></article><p>b</p></body>"), "b");
    // The content element itself is never dropped by its class.
    assert_eq!(
        text("<body class=\"has-sidebar nav-open\"><article class=\"promo\"><p>a</p></article></body>"),
        "a"
    );
}

#[test]
fn loose_fallback_when_strict_finds_nothing() {
    assert_eq!(
        text("<body><form id=aspnetForm><div>All of the page</div></form></body>"),
        "All of the page"
    );
    assert_eq!(text("<body><nav>only nav<script>x</script></nav></body>"), "only nav");
}

#[test]
fn title_sources_and_no_repeat() {
    let og = "<head><meta property=og:title content=\" The  Title \"><title>Other | Site</title></head>\
              <body><article><h1>The title!</h1><p>Body.</p></article></body>";
    let a = read_html(og);
    assert_eq!((a.title.as_deref(), a.text.as_str()), (Some("The Title"), "Body."));
    let differs = "<meta name=twitter:title content=\"Meta\"><article><h1>Heading</h1><p>Body.</p></article>";
    let a = read_html(differs);
    assert_eq!(
        (a.title.as_deref(), a.text.as_str()),
        (Some("Meta"), "Heading\n\nBody.")
    );
    let h1 = "<title>Page</title><body><h1>Site logo</h1><article><header><h1>Real &amp; <em>headline</em></h1><p>By X</p></header><p>Body.</p></article></body>";
    let a = read_html(h1);
    assert_eq!(
        (a.title.as_deref(), a.text.as_str()),
        (Some("Real & headline"), "Body.")
    );
    let page = "<head><title>Headline here | The Site</title></head><body><p>Body.</p></body>";
    assert_eq!(read_html(page).title.as_deref(), Some("Headline here"));
    let page = "<title>Headline here - Part two — The Site</title><p>Body.</p>";
    assert_eq!(read_html(page).title.as_deref(), Some("Headline here - Part two"));
    let page = "<title>Brexit - what happens next</title><p>Body.</p>";
    assert_eq!(read_html(page).title.as_deref(), Some("Brexit - what happens next"));
    let page = "<title>A &lt;b&gt; <b>tag</b></title><p>Body.</p>";
    assert_eq!(read_html(page).title.as_deref(), Some("A <b> tag"));
    let page = "<title>Same | Site</title><body><h1>Elsewhere</h1><div><h1>Same</h1><p>Body.</p></div></body>";
    let a = read_html(page);
    assert_eq!(
        (a.title.as_deref(), a.text.as_str()),
        (Some("Elsewhere"), "Same\n\nBody.")
    );
    assert_eq!(read_html("<p>Body.</p>").title, None);
    assert_eq!(read_html("<title> </title><h1></h1><p>Body.</p>").title, None);
}

#[test]
fn metadata_title_with_a_site_suffix_matches_the_heading() {
    let page = "<meta property=og:title content=\"Bridge opens - The Planet\"><article><h1>Bridge opens</h1><p>Body.</p></article>";
    let a = read_html(page);
    assert_eq!((a.title.as_deref(), a.text.as_str()), (Some("Bridge opens"), "Body."));
}

#[test]
fn byte_order_mark_and_line_endings() {
    let a = read_html("\u{feff}<title>T</title>\r\n<p>One\r\ntwo</p>\r\n<pre>a\r\n\r\nb</pre>");
    assert_eq!((a.title.as_deref(), a.text.as_str()), (Some("T"), "One two\n\na\n\nb"));
}

#[test]
fn header_outside_an_article_is_not_a_title() {
    let page = "<body><header><h1>The Daily Planet</h1></header><div><p>Body.</p></div></body>";
    let a = read_html(page);
    assert_eq!((a.title, a.text.as_str()), (None, "Body."));
    let page =
        "<body><div id=header><h1>The Daily Planet</h1></div><div><p>Body text that is long.</p></div></body>";
    assert_eq!(read_html(page).title, None);
}

#[test]
fn dates_in_order_of_preference() {
    let date = |html: &str| read_html(html).date.map(|d| d.to_iso());
    let body = "<article><time datetime=\"2001-01-01\">1 Jan</time><p>x</p></article>";
    let ld = "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\", \"datePublished\" : \"2002-02-02T10:00:00Z\"}</script>";
    assert_eq!(
        date(&format!(
            "<meta property=article:published_time content=2003-03-03T08:00>{ld}{body}"
        ))
        .as_deref(),
        Some("2003-03-03")
    );
    assert_eq!(date(&format!("{ld}{body}")).as_deref(), Some("2002-02-02"));
    assert_eq!(
        date(&format!("<meta itemprop=datePublished content=2004-04-04>{ld}{body}")).as_deref(),
        Some("2004-04-04")
    );
    assert_eq!(
        date(&format!("<meta name=DC.date content=2005-05-05>{body}")).as_deref(),
        Some("2001-01-01")
    );
    assert_eq!(
        date("<meta name=pubdate content=2005-05-05><p>date 2006-06-06 x</p>").as_deref(),
        Some("2005-05-05")
    );
    assert_eq!(
        date("<meta name=date content=\"2005-05-06 10:00\">").as_deref(),
        Some("2005-05-06")
    );
    let a = read_html("<p>date 2006-06-06 Body</p>");
    assert_eq!(
        (a.date.map(|d| d.to_iso()).as_deref(), a.text.as_str()),
        (Some("2006-06-06"), "Body")
    );
    // A time inside related links is not the article's date; one in the article's header is.
    assert_eq!(
        date("<article><aside><time datetime=2007-07-07>x</time></aside><p>x</p></article>"),
        None
    );
    assert_eq!(
        date("<article><header><time datetime=2008-08-08></time></header><p>x</p></article>").as_deref(),
        Some("2008-08-08")
    );
    assert_eq!(
        date("<article><p itemprop=datePublished>2009-09-09</p></article>").as_deref(),
        Some("2009-09-09")
    );
    assert_eq!(
        date("<meta property=article:published_time content=yesterday><p>x</p>"),
        None
    );
    assert_eq!(date("<script type=application/ld+json>{\"datePublished\": 5, \"x\": {\"datePublished\":\"2010-10-10\"}}</script>").as_deref(), Some("2010-10-10"));
}

#[test]
fn canonical_source() {
    let source = |html: &str| read_html(html).source;
    assert_eq!(source("<link rel=\"canonical\" href=\"https://example.com/a?x=1&amp;y=2\"><meta property=og:url content=https://og.example/>").as_deref(), Some("https://example.com/a?x=1&y=2"));
    assert_eq!(
        source("<meta property=og:url content=https://og.example/a>").as_deref(),
        Some("https://og.example/a")
    );
    assert_eq!(
        source("<link rel=\"alternate CANONICAL\" href=\"http://example.com/b\">").as_deref(),
        Some("http://example.com/b")
    );
    assert_eq!(source("<link rel=canonical href=\"javascript:alert(1)\">"), None);
    assert_eq!(source("<link rel=canonical href=/relative>"), None);
    assert_eq!(source("<a rel=canonical href=https://example.com/>x</a>"), None);
}

#[test]
fn head_without_body_tag() {
    let a = read_html("<html><head><title>T</title><meta charset=utf-8><p>Body starts</p>");
    assert_eq!((a.title.as_deref(), a.text.as_str()), (Some("T"), "Body starts"));
    let a = read_html("<head><title>T</title>text in head ends it");
    assert_eq!(a.text, "text in head ends it");
}

#[test]
fn deep_nesting_does_not_overflow() {
    let html = "<div>".repeat(100_000) + "deep" + &"</div>".repeat(100_000);
    assert_eq!(text(&html), "deep");
    let html = "<b>".repeat(100_000) + "deep";
    assert_eq!(text(&html), "deep");
}

#[test]
fn fragment_text_keeps_structure_unnormalised() {
    assert_eq!(
        normalize_text(&fragment_text("<b>a</b> <script>x</script>b<p>c")),
        "a b\n\nc"
    );
    assert_eq!(fragment_text("no tags &amp; all"), "no tags & all");
}

#[test]
fn html_tags_end_foreign_content() {
    assert_eq!(text("<p>a<svg/onload=alert(1)><p>after svg</p>"), "a\n\nafter svg");
    assert_eq!(text("<svg><text>in svg</text><g/><circle/></svg>after"), "after");
    assert_eq!(
        text("<math><mi>x</mi></math> and <svg><title>t</title></svg>y"),
        "x and y"
    );
}

#[test]
fn meta_titles_are_read_as_html() {
    let title = |html: &str| read_html(html).title;
    assert_eq!(
        title("<meta property=og:title content='x\"><script>alert(1)</script>'>").as_deref(),
        Some("x\">")
    );
    assert_eq!(
        title("<meta property=og:title content=\"Safe &lt;b&gt; &amp; sound\">").as_deref(),
        Some("Safe <b> & sound")
    );
    assert_eq!(
        title("<meta property=og:title content=\"Tom & Jerry <3\">").as_deref(),
        Some("Tom & Jerry <3")
    );
    assert_eq!(
        title("<meta property=og:title content=\"<b></b>\"><title>Fallback</title>").as_deref(),
        Some("Fallback")
    );
}

#[test]
fn tag_table_is_sorted() {
    assert!(TAGS.windows(2).all(|w| (w[0].0.len(), w[0].0) < (w[1].0.len(), w[1].0)));
    for (name, flags) in TAGS {
        assert_eq!(tag_info(name), (*flags, Some(*name)));
    }
    assert_eq!(tag_info("custom-element"), (0, None));
}

#[test]
fn words_of_class_tokens() {
    assert_eq!(words("siteNav__item--active"), ["site", "nav", "item", "active"]);
    assert_eq!(words("ABC"), ["abc"]);
    assert_eq!(furniture("x site-header"), Some(true));
    assert_eq!(furniture("header share"), Some(false));
    assert_eq!(furniture("content"), None);
}


/// A page in the shape of a 2012 news site: navigation, a sidebar of teasers, the article in
/// classless `div`s, a footer.
fn news_page(article_extra: &str) -> String {
    let para = |i: usize| {
        format!(
            "<p>Paragraph {i} of the story, in which the council, after a long debate, decided what to do next, \
             and the mayor said, once more, that the plan would go ahead.</p>"
        )
    };
    let teasers: String = (0..12)
        .map(|i| format!("<li><a href=\"/s{i}\"><h4>Another headline about something else, number {i}</h4></a></li>"))
        .collect();
    format!(
        "<html><head><title>Council decides | The Paper</title></head><body>\
         <div id=\"wrap\"><ul class=\"x\">{teasers}</ul>\
         <div id=\"main\"><h1>Council decides</h1><div>By Jane Doe, May 5, 2012</div>\
         <div id=\"story\">{}{article_extra}</div></div>\
         <div><ul>{teasers}</ul></div>\
         <div>Copyright 2012 The Paper. All rights reserved.</div></div></body></html>",
        (1..=6).map(para).collect::<String>()
    )
}

#[test]
fn the_article_is_chosen_by_its_paragraphs() {
    let a = read_html(&news_page(""));
    assert_eq!(a.title.as_deref(), Some("Council decides"));
    let paras: Vec<&str> = a.text.split("\n\n").collect();
    assert_eq!(paras[0], "By Jane Doe, May 5, 2012", "the byline between headline and body is kept");
    assert_eq!(paras.len(), 7, "{:?}", a.text);
    assert!(paras[1].starts_with("Paragraph 1 ") && paras[6].starts_with("Paragraph 6 "));
    assert!(!a.text.contains("Another headline") && !a.text.contains("Copyright"));
}

#[test]
fn links_lists_and_calls_to_action_inside_the_article_are_dropped() {
    let extra = "<p>Share this:</p><p>Advertisement</p>\
                 <div><a href=/1>One related story here</a> <a href=/2>Another related story</a></div>\
                 <ul class=related><li><a href=/3>Related: a third story</a></li></ul>\
                 <p>The last paragraph, which stays, ends the story.</p>";
    let a = read_html(&news_page(extra));
    assert!(a.text.ends_with("The last paragraph, which stays, ends the story."), "{}", a.text);
    for gone in ["Share this", "Advertisement", "related story", "a third story"] {
        assert!(!a.text.contains(gone), "{gone} in {}", a.text);
    }
}

#[test]
fn a_wrapper_named_like_furniture_that_holds_the_article_is_read() {
    let page = news_page("").replace("<div id=\"main\">", "<div class=\"share_wrapper\"><div id=\"main\">").replace(
        "<div><ul>",
        "</div><div><ul>",
    );
    let a = read_html(&page);
    assert!(a.text.contains("Paragraph 6 of the story"), "{}", a.text);
}

#[test]
fn headings_inside_links_are_not_paragraphs() {
    // Teaser headings wrapped in links are not article text, however many there are, so the
    // wrapper (named like an advert) that holds the story is not left out for them.
    let teasers: String = (0..40)
        .map(|i| format!("<li><a href=\"/s{i}\"><h4>A long teaser headline about another story, number {i}</h4></a></li>"))
        .collect();
    let story: String = (1..=6)
        .map(|i| format!("<p>Paragraph {i} of the story, with a comma, is here, and it goes on for a while, as stories do.</p>"))
        .collect();
    let page = format!("<body><ul>{teasers}</ul><div class=\"ad-skin\"><div>{story}</div></div></body>");
    let a = read_html(&page);
    assert!(a.text.starts_with("Paragraph 1 of the story"), "{}", a.text);
    assert!(!a.text.contains("teaser"));
}

#[test]
fn text_beside_the_chosen_element_does_not_break_the_choice() {
    // A regression: text nodes among the chosen element's siblings.
    let page = format!("<body><div>loose text<div>{}</div>more loose text</div></body>", news_page(""));
    assert!(read_html(&page).text.contains("Paragraph 3 of the story"));
}

#[test]
fn json_ld_article_body_guides_or_replaces_the_markup() {
    let body = "Paragraph 1 of the story, in which the council, after a long debate, decided what to do next, \
                and the mayor said, once more, that the plan would go ahead.";
    let ld = |text: &str| {
        format!(
            "<script type=\"application/ld+json\">{{\"@type\":\"NewsArticle\",\"articleBody\":{}}}</script>",
            serde_json::to_string(text).unwrap()
        )
    };
    // The markup holds the text: the element that holds it is the article.
    let page = news_page("").replace("<head>", &format!("<head>{}", ld(body)));
    let a = read_html(&page);
    assert!(a.text.contains("Paragraph 1 of the story") && !a.text.contains("Another headline"), "{}", a.text);
    // A page drawn by script: the text comes from the metadata, paragraphs and all, as text.
    let script_page = format!(
        "<html><head><title>T</title>{}</head><body><div id=app></div></body></html>",
        ld(&format!("{body}\n<b>Second</b> paragraph &amp; more, with <img src=x onerror=alert(1)> words enough to count here."))
    );
    let a = read_html(&script_page);
    assert_eq!(
        a.text,
        format!("{body}\n\nSecond paragraph & more, with words enough to count here.")
    );
}
