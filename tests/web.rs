//! In-browser tests (wasm-bindgen-test in headless Chromium): mount the app and check the DOM.
//! Run alone with `./dev test web`.

#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use quotemark::App;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::HtmlElement;

wasm_bindgen_test_configure!(run_in_browser);

/// Mounts the app in a fresh container; the handle unmounts it when dropped.
fn mount_app() -> (HtmlElement, leptos::mount::UnmountHandle<impl Mountable>) {
    let document = web_sys::window().unwrap().document().unwrap();
    let container: HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&container).unwrap();
    let handle = leptos::mount::mount_to(container.clone(), App);
    (container, handle)
}

/// Waits until the panel's body, which loads after the app's first frame, is there.
async fn panel_loaded(root: &HtmlElement) {
    for _ in 0..100 {
        if !by_testid(root, "panel-rest").is_empty() {
            return;
        }
        quotemark::browser::next_frame().await;
        leptos::task::tick().await;
    }
    panic!("the panel's body did not arrive");
}

fn by_testid(root: &HtmlElement, id: &str) -> Vec<HtmlElement> {
    let list = root.query_selector_all(&format!("[data-testid='{id}']")).unwrap();
    (0..list.length()).map(|i| list.item(i).unwrap().unchecked_into()).collect()
}

fn text(el: &HtmlElement) -> String {
    el.text_content().unwrap_or_default()
}

#[wasm_bindgen_test]
async fn shows_the_sample_article_title_date_and_every_paragraph() {
    let (root, _handle) = mount_app();
    leptos::task::tick().await;
    let doc = quotemark_core::document::Document::from_raw(quotemark_core::SAMPLE_ARTICLE);

    let title = by_testid(&root, "article-title");
    assert_eq!(title.len(), 1);
    assert_eq!(text(&title[0]), doc.title);
    assert!(text(&title[0]).starts_with("The Open Rights Group said"));

    let date = &by_testid(&root, "article-date")[0];
    assert_eq!(date.get_attribute("datetime").as_deref(), Some("2017-06-05"));
    assert_eq!(text(date), "5 June 2017");

    let paragraphs = by_testid(&root, "paragraph");
    assert_eq!(paragraphs.len(), 15);
    let chars: Vec<char> = doc.text.chars().collect();
    for (p, range) in paragraphs.iter().zip(doc.paragraphs()) {
        assert_eq!(text(p), chars[range.clone()].iter().collect::<String>());
        assert_eq!(p.dataset().get("start"), Some(range.start.to_string()));
    }
    // The date marker is metadata, never body text.
    assert!(!text(&by_testid(&root, "article-body")[0]).contains("date 2017"));
}

#[wasm_bindgen_test]
async fn panel_explains_how_to_start() {
    let (root, _handle) = mount_app();
    panel_loaded(&root).await;
    let panel = &by_testid(&root, "annotation-panel")[0];
    assert_eq!(panel.tag_name(), "ASIDE");
    let empty = text(&by_testid(&root, "empty-state")[0]);
    assert!(empty.contains("Select a passage"), "{empty}");
    assert!(empty.contains("Q") && empty.contains("quote"), "{empty}");
    assert!(empty.contains("C") && empty.contains("claim"), "{empty}");
}

#[wasm_bindgen_test]
async fn page_title_follows_the_document() {
    let (_root, _handle) = mount_app();
    leptos::task::tick().await;
    let title = web_sys::window().unwrap().document().unwrap().title();
    assert!(title.starts_with("The Open Rights Group") && title.ends_with("· Quotemark"), "{title}");
}

// ---------------------------------------------------------------------------------------------
// The DOM bridge: selection ↔ offsets on text with curly quotes, emoji, combining marks, and
// across paragraph boundaries.

use quotemark::bridge::{range_to_span, span_to_range};
use quotemark_core::model::Span;

const P1: &str = "“Hi,” 😀 said e\u{301}ve — 👩‍👩‍👧 twice.";
const P2: &str = "Second ‘para’ ends.";

/// An article body with two paragraphs, the first split over text nodes and a highlight span, as
/// the article view renders them. Returns (body, document text).
fn bridge_fixture() -> (HtmlElement, String) {
    let document = web_sys::window().unwrap().document().unwrap();
    let body: HtmlElement = document.create_element("div").unwrap().unchecked_into();
    body.set_attribute("data-testid", "article-body").unwrap();
    let p1_len = P1.chars().count();
    let p2_start = p1_len + 2;
    let p2_end = p2_start + P2.chars().count();
    let p1 = document.create_element("p").unwrap();
    p1.set_attribute("data-testid", "paragraph").unwrap();
    p1.set_attribute("data-start", "0").unwrap();
    p1.set_attribute("data-end", &p1_len.to_string()).unwrap();
    // “Hi,” | <span>😀 said</span> | rest
    let split_a = "“Hi,” ".len();
    let split_b = split_a + "😀 said".len();
    p1.append_child(&document.create_text_node(&P1[..split_a])).unwrap();
    let span = document.create_element("span").unwrap();
    span.set_class_name("hl");
    span.append_child(&document.create_text_node(&P1[split_a..split_b])).unwrap();
    p1.append_child(&span).unwrap();
    p1.append_child(&document.create_text_node(&P1[split_b..])).unwrap();
    let p2 = document.create_element("p").unwrap();
    p2.set_attribute("data-testid", "paragraph").unwrap();
    p2.set_attribute("data-start", &p2_start.to_string()).unwrap();
    p2.set_attribute("data-end", &p2_end.to_string()).unwrap();
    p2.append_child(&document.create_text_node(P2)).unwrap();
    body.append_child(&p1).unwrap();
    body.append_child(&p2).unwrap();
    document.body().unwrap().append_child(&body).unwrap();
    (body, format!("{P1}\n\n{P2}"))
}

fn chars(text: &str, span: Span) -> String {
    text.chars().skip(span.start).take(span.len()).collect()
}

#[wasm_bindgen_test]
fn a_range_inside_a_highlight_after_an_emoji_maps_to_code_points() {
    let (body, text) = bridge_fixture();
    let span_el = body.query_selector(".hl").unwrap().unwrap();
    let node = span_el.first_child().unwrap();
    let range = web_sys::window().unwrap().document().unwrap().create_range().unwrap();
    // "😀 said": the emoji is two UTF-16 units; select "said".
    range.set_start(&node, 3).unwrap();
    range.set_end(&node, 7).unwrap();
    let span = range_to_span(&body, &range, &text).unwrap();
    assert_eq!(chars(&text, span), "said");
    assert_eq!(span, Span::new(8, 12));
    body.remove();
}

#[wasm_bindgen_test]
fn every_span_round_trips_through_a_dom_range() {
    let (body, text) = bridge_fixture();
    let n = text.chars().count();
    let separator = P1.chars().count()..P1.chars().count() + 2;
    for start in 0..n {
        for end in start + 1..=n {
            if separator.contains(&start) || (separator.start < end && end <= separator.end) {
                continue; // the paragraph break is not rendered; spans don't start or end in it
            }
            let span = Span::new(start, end);
            let range = span_to_range(&body, span).unwrap_or_else(|| panic!("no range for {span:?}"));
            let expected = chars(&text, span).replace("\n\n", "");
            assert_eq!(String::from(range.to_string()), expected, "{span:?}");
            let back = range_to_span(&body, &range, &text);
            let trimmed = quotemark::bridge::trim(&text, start, end);
            assert_eq!(back, trimmed, "{span:?} → {:?}", chars(&text, span));
        }
    }
    body.remove();
}

#[wasm_bindgen_test]
fn a_selection_across_paragraphs_is_one_span_and_outside_the_body_is_none() {
    let (body, text) = bridge_fixture();
    let document = web_sys::window().unwrap().document().unwrap();
    let p1_last = body.query_selector("p").unwrap().unwrap().last_child().unwrap();
    let p2_text = body.query_selector_all("p").unwrap().item(1).unwrap().first_child().unwrap();
    let range = document.create_range().unwrap();
    range.set_start(&p1_last, " e\u{301}ve — 👩‍👩‍👧 ".encode_utf16().count() as u32).unwrap();
    range.set_end(&p2_text, "Second ‘para’".encode_utf16().count() as u32).unwrap();
    let span = range_to_span(&body, &range, &text).unwrap();
    assert_eq!(chars(&text, span), "twice.\n\nSecond ‘para’");

    // A range wholly outside the body.
    let outside = document.create_element("p").unwrap();
    outside.set_text_content(Some("elsewhere"));
    document.body().unwrap().append_child(&outside).unwrap();
    let range = document.create_range().unwrap();
    range.select_node_contents(&outside).unwrap();
    assert_eq!(range_to_span(&body, &range, &text), None);
    // Only white space: nothing to tag.
    let range = document.create_range().unwrap();
    let first = body.query_selector("p").unwrap().unwrap().first_child().unwrap();
    range.set_start(&first, 5).unwrap();
    range.set_end(&first, 6).unwrap();
    assert_eq!(range_to_span(&body, &range, &text), None);
    outside.remove();
    body.remove();
}

// ---------------------------------------------------------------------------------------------
// Components: tag a selection through the toolbar and see the highlight and the card.

use quotemark::persist::MemoryStore;
use std::rc::Rc;

fn mount_in_memory() -> (HtmlElement, leptos::mount::UnmountHandle<impl Mountable>) {
    let document = web_sys::window().unwrap().document().unwrap();
    let container: HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&container).unwrap();
    let handle = leptos::mount::mount_to(container.clone(), || {
        view! { <quotemark::AppWith store=Rc::new(MemoryStore::default()) /> }
    });
    (container, handle)
}

#[wasm_bindgen_test]
async fn tagging_a_selection_draws_a_highlight_and_a_card() {
    let (root, _handle) = mount_in_memory();
    panel_loaded(&root).await;
    let body: HtmlElement = by_testid(&root, "article-body").remove(0);
    let paragraphs = by_testid(&root, "paragraph");
    let p = paragraphs.iter().find(|p| text(p).starts_with("“This could be")).unwrap();
    let node = p.first_child().unwrap();
    let document = web_sys::window().unwrap().document().unwrap();
    let range = document.create_range().unwrap();
    range.set_start(&node, 0).unwrap();
    range.set_end(&node, "“This could be a very risky approach”".encode_utf16().count() as u32).unwrap();
    let selection = web_sys::window().unwrap().get_selection().unwrap().unwrap();
    selection.remove_all_ranges().unwrap();
    selection.add_range(&range).unwrap();
    body.dispatch_event(&web_sys::MouseEvent::new("mouseup").unwrap()).unwrap();
    leptos::task::tick().await;
    let toolbar = by_testid(&root, "selection-toolbar");
    assert_eq!(toolbar.len(), 1, "the toolbar appears by the selection");
    let quote_button: HtmlElement = toolbar[0].query_selector("button").unwrap().unwrap().unchecked_into();
    quote_button.click();
    leptos::task::tick().await;
    let editor = by_testid(&root, "editor").remove(0);
    let speaker: web_sys::HtmlInputElement = editor.query_selector("#ed-speaker").unwrap().unwrap().unchecked_into();
    speaker.set_value("Open Rights Group");
    speaker.dispatch_event(&web_sys::Event::new("input").unwrap()).unwrap();
    let save: HtmlElement = editor.query_selector("button[type=submit]").unwrap().unwrap().unchecked_into();
    save.click();
    leptos::task::tick().await;

    assert!(by_testid(&root, "editor").is_empty(), "the editor closes on save");
    let cards = by_testid(&root, "annotation-card");
    assert_eq!(cards.len(), 1);
    assert!(text(&cards[0]).contains("Open Rights Group"), "{}", text(&cards[0]));
    let highlights = by_testid(&root, "highlight");
    assert_eq!(highlights.len(), 1);
    assert_eq!(text(&highlights[0]), "“This could be a very risky approach”");
    // The highlighted paragraph still reads exactly as the document text.
    assert_eq!(text(p), "“This could be a very risky approach”.");
    selection.remove_all_ranges().unwrap();
}

// ---------- Storage adapter: large values come back exactly ----------

use quotemark::persist::storage::{LocalStore, Store};

#[wasm_bindgen_test]
fn large_stored_values_are_read_back_exactly() {
    // Below and above the sizes where the adapter copies with the browser's encoder, with ASCII,
    // two-, three- and four-byte characters.
    let store = LocalStore;
    for (key, value) in [
        ("quotemark.test.small", "“Short,” she said. 😀".to_string()),
        ("quotemark.test.record", "{\"note\":\"“We will act,” said Zoë — 😀👩‍👩‍👧\"}".repeat(3)),
        ("quotemark.test.ascii", "plain text ".repeat(2_000)),
        ("quotemark.test.mixed", "“We will act,” said Zoë — 😀👩‍👩‍👧 ".repeat(1_500)),
    ] {
        store.set(key, &value).unwrap();
        assert_eq!(store.get(key).as_deref(), Some(value.as_str()), "{key}");
        store.remove(key);
        assert_eq!(store.get(key), None);
    }
    // A lone surrogate (possible in a JS string, not in UTF-8) becomes U+FFFD, as elsewhere.
    let raw = <gloo_storage::LocalStorage as gloo_storage::Storage>::raw();
    js_sys::eval("localStorage.setItem('quotemark.test.lone', 'x'.repeat(5000) + '\\uD800y')").unwrap();
    let expected = format!("{}\u{FFFD}y", "x".repeat(5_000));
    assert_eq!(store.get("quotemark.test.lone").as_deref(), Some(expected.as_str()));
    raw.remove_item("quotemark.test.lone").unwrap();
}

// ---------- Switching documents never drops a change not yet saved ----------

#[wasm_bindgen_test]
fn opening_another_document_first_saves_the_open_one() {
    use quotemark::actions::{annotations, documents, Ctx};
    use quotemark::browser::{new_id, now};
    use quotemark_core::document::Document;
    use quotemark_core::model::{Annotation, Claim, Command, Kind};
    let store = Rc::new(MemoryStore::default());
    let ctx = Ctx::start(store.clone());
    let claim = Annotation::new(new_id(), ctx.doc.describe(Span::new(4, 20)), Kind::Claim(Claim::default()), now());
    // Saves are deferred until after the next paint; switching in the same task must not lose it.
    annotations::execute(&ctx, Command::Create(claim.clone())).unwrap();
    documents::open_document(&ctx, Document::from_raw("Another article entirely."));
    let saved = quotemark::persist::load(&*store, &documents::sample_document().id, now()).unwrap().unwrap();
    assert_eq!(saved.annotations.get(&claim.id), Some(&claim));
}

// ---------- A compaction removes only the change records its set now holds ----------

#[wasm_bindgen_test]
fn a_compaction_leaves_records_written_meanwhile_and_tidies_the_rest() {
    use quotemark::persist::{self, Persistence};
    use quotemark::actions::documents::sample_document;
    use quotemark::browser::now;
    use quotemark::persist::Store;
    use quotemark_core::anchor::describe;
    use quotemark_core::model::{Annotation, AnnotationId, AnnotationSet, Claim, Command, Kind, Timestamp};
    use quotemark_store as store;

    let doc = sample_document();
    let claim = |i: usize, modified: i64| Annotation {
        modified: Timestamp(modified),
        ..Annotation::new(
            AnnotationId(format!("a{i:02}").into()),
            describe(&doc.id.0, &doc.text, Span::new(10 + i, 20 + i)),
            Kind::Claim(Claim::default()),
            Timestamp(1),
        )
    };
    let records = |store: &dyn Store| store.keys(&store::change_prefix(&doc.id));
    let fill = |store: &Rc<dyn Store>| {
        let (mut p, written) = Persistence::open(store.clone(), &doc, now());
        written.unwrap();
        let mut set = AnnotationSet::default();
        // Saved one at a time: a change record each, until the 65th asks for a compaction.
        for i in 0..=store::MAX_CHANGES {
            let a = claim(i, 1);
            set.apply(&Command::Create(a.clone())).unwrap();
            p.touch([&a.id]);
            p.flush(&set).unwrap();
        }
        (p, set)
    };

    // The set is written at once; the 64 records it folded in are removed when the app is idle.
    let store: Rc<dyn Store> = Rc::new(MemoryStore::default());
    let (mut p, set) = fill(&store);
    assert!(p.has_folded());
    assert_eq!(records(&*store).len(), store::MAX_CHANGES);
    // Meanwhile another tab changes a01 (this tab has not heard yet): that record says something newer.
    let theirs = claim(1, 2);
    let text = store::TextIndex::for_document(&doc);
    store.set(&store::change_key(&doc.id, &theirs.id), &store::encode_change(Some(&theirs), &text)).unwrap();
    p.tidy();
    assert!(!p.has_folded());
    assert_eq!(records(&*store), [store::change_key(&doc.id, &theirs.id)]);
    let loaded = persist::load(&*store, &doc.id, now()).unwrap().unwrap();
    assert_eq!(loaded.annotations.len(), set.len());
    assert_eq!(loaded.annotations.get(&theirs.id), Some(&theirs));

    // Another tab writes the whole set before this one tidies: nothing is known to be folded any more.
    let store: Rc<dyn Store> = Rc::new(MemoryStore::default());
    let (mut p, _) = fill(&store);
    let their_set = store.get(&store::set_key(&doc.id)).unwrap();
    assert!(p.foreign(&store::set_key(&doc.id), Some(&their_set)).is_some());
    assert!(!p.has_folded());
    p.tidy();
    assert_eq!(records(&*store).len(), store::MAX_CHANGES);
}
