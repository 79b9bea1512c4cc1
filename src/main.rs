//! Entry point: mounts the Quotemark app on the page body and takes over from the pre-rendered
//! first paint in index.html (`#boot`): in the same frame, so that neither a flash nor the text
//! twice ever shows, and with the reader's selection, if they already made one. When something
//! is stored, the readers of the store come first (their own chunk in the release build:
//! `quotemark::persist::readers`); if they cannot be downloaded, the article stays on screen with
//! a message and nothing stored is touched.

use leptos::prelude::*;
use quotemark::{bridge, persist};
use std::rc::Rc;
use wasm_bindgen::JsCast;

fn main() {
    console_error_panic_hook::set_once();
    let store = persist::open_store();
    if !persist::readers::needed(&*store) {
        return take_over(store);
    }
    wasm_bindgen_futures::spawn_local(async move {
        match persist::readers::load().await {
            Ok(_) => take_over(store),
            Err(_) => leptos::mount::mount_to_body(quotemark::CannotStart),
        }
    });
}

/// Mounts the app on `store` in place of the pre-rendered article.
fn take_over(store: Rc<dyn persist::Store>) {
    let window = web_sys::window();
    let performance = window.as_ref().and_then(|w| w.performance());
    if let Some(p) = &performance {
        let _ = p.mark("quotemark:mount-start");
    }
    let document = window.as_ref().and_then(|w| w.document());
    let boot = document.as_ref().and_then(|d| d.get_element_by_id("boot"));
    let asked = boot.as_ref().and_then(|b| b.get_attribute("data-asked"));
    let selected = document
        .as_ref()
        .and_then(|d| d.get_element_by_id("boot-body"))
        .and_then(|body| bridge::selected_offsets(&body));
    leptos::mount::mount_to_body(move || view! { <quotemark::AppWith store=store /> });
    if let Some(boot) = boot {
        boot.remove();
    }
    // The paragraphs fill in the app's effects, before the next frame is drawn. The selection is
    // then made again in the app's article, which offers its toolbar as if the reader had just let
    // go of the mouse; a Q or C pressed early (index.html sets data-asked) is pressed again.
    if let (Some(span), Some(document)) = (selected, document) {
        let select = wasm_bindgen::closure::Closure::once_into_js(move || {
            let Ok(Some(body)) = document.query_selector("[data-testid=article-body]") else { return };
            bridge::select_span(&body, span);
            let init = web_sys::MouseEventInit::new();
            init.set_bubbles(true);
            if let Ok(up) = web_sys::MouseEvent::new_with_mouse_event_init_dict("mouseup", &init) {
                let _ = body.dispatch_event(&up);
            }
            if let (Some(key), Some(window)) = (asked, web_sys::window()) {
                let init = web_sys::KeyboardEventInit::new();
                init.set_key(&key);
                init.set_bubbles(true);
                if let Ok(press) = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init) {
                    let _ = window.dispatch_event(&press);
                }
            }
        });
        if let Some(w) = &window {
            let _ = w.request_animation_frame(select.unchecked_ref());
        }
    }
    // Marks for the page benchmark (scripts/page-bench.mjs): the article and every highlight are in the DOM.
    if let Some(p) = &performance {
        let _ = p.mark("quotemark:mounted");
    }
}
