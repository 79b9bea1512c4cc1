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

fn by_testid(root: &HtmlElement, id: &str) -> Vec<HtmlElement> {
    let list = root.query_selector_all(&format!("[data-testid='{id}']")).unwrap();
    (0..list.length()).map(|i| list.item(i).unwrap().unchecked_into()).collect()
}

fn text(el: &HtmlElement) -> String {
    el.text_content().unwrap_or_default()
}

#[wasm_bindgen_test]
fn shows_the_sample_article_title_date_and_every_paragraph() {
    let (root, _handle) = mount_app();
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
fn panel_explains_how_to_start() {
    let (root, _handle) = mount_app();
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
