//! Emphasis for the hovered (or focused) and the selected annotation, in both the article and
//! the panel, as one small style rule instead of a class on every highlight.

use crate::state::{DocState, UiState};
use leptos::prelude::*;

#[component]
pub fn Emphasis() -> impl IntoView {
    let doc = expect_context::<DocState>();
    let ui = expect_context::<UiState>();
    let css = move || {
        let mut css = String::new();
        if let Some(id) = ui.hovered.get() {
            let k = doc.key_of(&id);
            css.push_str(&format!(
                ".hl[data-k~=\"{k}\"]{{box-shadow:0 0 0 2px var(--focus-soft);}} .card[data-k=\"{k}\"]{{border-color:var(--focus);}}"
            ));
        }
        if let Some(id) = ui.selected.get() {
            let k = doc.key_of(&id);
            css.push_str(&format!(
                ".hl[data-k~=\"{k}\"]{{outline:2px solid var(--focus);outline-offset:1px;}} .card[data-k=\"{k}\"]{{border-color:var(--focus);box-shadow:0 0 0 1px var(--focus);}}"
            ));
        }
        css
    };
    view! { <style>{css}</style> }
}
