//! Quotemark: an in-browser annotator for news articles.
//!
//! The app is a thin Leptos shell over [`quotemark_core`]: one component per panel under
//! [`components`], one storage adapter ([`storage`]), one DOM bridge ([`bridge`]) and the reactive
//! state that ties them together ([`state`]). All logic that needs no browser lives in the core crate.

pub mod bridge;
pub mod persist;
pub mod components;
pub mod state;
pub mod storage;

use components::article::{reveal, ArticleView};
use components::header::Header;
use components::notices::{Announcer, ShortcutsOverlay, StorageBanner, Toast};
use components::panel::AnnotationPanel;
use components::toolbar::{tag_selection, NewKind, OverlapChooser, SelectionToolbar};
use leptos::prelude::*;
use quotemark_core::model::Command;
use state::{AppState, Editing};
use wasm_bindgen::JsCast;

/// The whole app on the browser's local storage (memory if that is unavailable).
#[component]
pub fn App() -> impl IntoView {
    view! { <AppWith store=storage::open_store() /> }
}

/// The whole app: header, article column and annotation panel, on a given store.
#[component]
pub fn AppWith(store: std::rc::Rc<dyn storage::Store>) -> impl IntoView {
    let state = AppState::new(store);
    provide_context(state);
    let import_ui = components::io::ImportUi(RwSignal::new(components::io::ImportState::Closed));
    provide_context(import_ui);
    let library = components::library::LibraryDialogs(RwSignal::new(components::library::LibraryUi::Closed));
    provide_context(library);
    // The URL names the open document; a share link opens in the import preview.
    if let Some(doc) = components::library::document_from_hash(&state) {
        components::library::open_document(&state, doc);
    }
    components::io::open_share_link(&state, import_ui);

    Effect::new(move |_| {
        let title = state.document.with(|d| format!("{} · Quotemark", d.title));
        if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
            doc.set_title(&title);
        }
    });

    let keys = window_event_listener(leptos::ev::keydown, move |ev| on_keydown(&state, &ev));
    // A save still pending when the page goes away is written at once.
    let hide = window_event_listener(leptos::ev::pagehide, move |_| state.flush_save());
    // A share link opened in a tab that already shows Quotemark changes only the fragment.
    let hash = window_event_listener(leptos::ev::hashchange, move |_| {
        if let Some(doc) = components::library::document_from_hash(&state) {
            components::library::open_document(&state, doc);
        }
        components::io::open_share_link(&state, import_ui)
    });
    // Back and forward between documents.
    let back = window_event_listener(leptos::ev::popstate, move |_| {
        if let Some(doc) = components::library::document_from_hash(&state) {
            components::library::open_document(&state, doc);
        }
    });
    // Another tab on the same document changed an annotation.
    let tabs = window_event_listener(leptos::ev::storage, move |ev| {
        if let Some(key) = ev.key() {
            state.apply_external(&key, ev.new_value().as_deref());
        }
    });
    on_cleanup(move || {
        keys.remove();
        hide.remove();
        hash.remove();
        back.remove();
        tabs.remove();
    });

    // Emphasis for the hovered/focused and the selected annotation, in both the article and the panel,
    // as one small style rule instead of a class on every highlight.
    let emphasis = move || {
        let mut css = String::new();
        if let Some(id) = state.hovered.get() {
            let k = state.key_of(&id);
            css.push_str(&format!(
                ".hl[data-k~=\"{k}\"]{{box-shadow:0 0 0 2px var(--focus-soft);}} .card[data-k=\"{k}\"]{{border-color:var(--focus);}}"
            ));
        }
        if let Some(id) = state.selected.get() {
            let k = state.key_of(&id);
            css.push_str(&format!(
                ".hl[data-k~=\"{k}\"]{{outline:2px solid var(--focus);outline-offset:1px;}} .card[data-k=\"{k}\"]{{border-color:var(--focus);box-shadow:0 0 0 1px var(--focus);}}"
            ));
        }
        css
    };

    view! {
        <style>{emphasis}</style>
        <a class="skip-link" href="#article">
            "Skip to article"
        </a>
        <Header />
        <StorageBanner />
        <div class="layout">
            <ArticleView />
            <AnnotationPanel />
        </div>
        <SelectionToolbar />
        <OverlapChooser />
        <ShortcutsOverlay />
        <components::io::ImportDialog />
        <components::library::LibraryDialog />
        <components::io::DropZone />
        <Toast />
        <Announcer />
    }
}

fn in_text_field(ev: &web_sys::KeyboardEvent) -> bool {
    ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()).is_some_and(|e| {
        matches!(e.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT") || e.closest("[contenteditable]").ok().flatten().is_some()
    })
}

/// The app's keyboard shortcuts (listed in the `?` overlay).
fn on_keydown(state: &AppState, ev: &web_sys::KeyboardEvent) {
    let key = ev.key();
    let ctrl = ev.ctrl_key() || ev.meta_key();
    let in_field = in_text_field(ev);
    if ctrl && !in_field && !ev.alt_key() {
        match key.to_lowercase().as_str() {
            "z" if ev.shift_key() => state.redo(),
            "z" => state.undo(),
            "y" => state.redo(),
            _ => return,
        }
        ev.prevent_default();
        return;
    }
    if in_field || ctrl || ev.alt_key() {
        return;
    }
    let reattaching = state.reattach.with_untracked(Option::is_some);
    let handled = match key.as_str() {
        "Enter" if reattaching => components::review::attach_selection(state),
        "q" | "Q" | "c" | "C" if reattaching => false,
        "q" | "Q" => tag_selection(state, NewKind::Quote),
        "c" | "C" => tag_selection(state, NewKind::Claim),
        "?" => {
            state.shortcuts_open.update(|o| *o = !*o);
            true
        }
        "Escape" => dismiss(state),
        "j" | "J" => move_focus(state, 1),
        "k" | "K" => move_focus(state, -1),
        "Delete" | "Backspace" => delete_current(state),
        _ => false,
    };
    if handled {
        ev.prevent_default();
    }
}

/// Esc closes the innermost thing that is open.
fn dismiss(state: &AppState) -> bool {
    if state.shortcuts_open.get_untracked() {
        state.shortcuts_open.set(false);
    } else if state.chooser.with_untracked(Option::is_some) {
        state.chooser.set(None);
    } else if state.pending.with_untracked(Option::is_some) {
        state.pending.set(None);
        if let Some(selection) = web_sys::window().and_then(|w| w.get_selection().ok().flatten()) {
            let _ = selection.remove_all_ranges();
        }
    } else if state.reattach.with_untracked(Option::is_some) {
        state.reattach.set(None);
    } else if state.editing.with_untracked(Option::is_some) {
        state.editing.set(None);
    } else if state.selected.with_untracked(Option::is_some) {
        state.selected.set(None);
    } else {
        return false;
    }
    true
}

fn cards() -> Vec<web_sys::HtmlElement> {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return Vec::new() };
    let Ok(list) = document.query_selector_all("[data-testid='annotation-card']") else { return Vec::new() };
    (0..list.length()).filter_map(|i| list.item(i)?.dyn_into().ok()).collect()
}

fn focused_card_key() -> Option<u32> {
    let active = web_sys::window()?.document()?.active_element()?;
    let card = active.closest("[data-testid='annotation-card']").ok()??;
    card.get_attribute("data-k")?.parse().ok()
}

/// j/k: focus the next or previous card and show its highlight.
fn move_focus(state: &AppState, step: i32) -> bool {
    let cards = cards();
    if cards.is_empty() {
        return false;
    }
    let current = focused_card_key()
        .and_then(|k| cards.iter().position(|c| c.get_attribute("data-k").as_deref() == Some(&k.to_string())));
    let next = match current {
        Some(i) => (i as i32 + step).clamp(0, cards.len() as i32 - 1) as usize,
        None if step > 0 => 0,
        None => cards.len() - 1,
    };
    let card = &cards[next];
    let _ = card.focus();
    if let Some(id) = card.get_attribute("data-k").and_then(|k| k.parse().ok()).and_then(|k| state.id_of_key(k)) {
        state.selected.set(Some(id.clone()));
        reveal(state, &id);
    }
    true
}

/// Delete: the focused card's annotation, or else the selected one.
fn delete_current(state: &AppState) -> bool {
    let id = focused_card_key().and_then(|k| state.id_of_key(k)).or_else(|| state.selected.get_untracked());
    let Some(annotation) = id.and_then(|id| state.annotations.with_untracked(|s| s.get(&id).cloned())) else {
        return false;
    };
    let next_focus = move_target_after_delete(&annotation.id, state);
    if state.execute(Command::Delete(annotation)).is_ok() {
        state.selected.set(None);
        if let Some(Editing::Existing(_)) = state.editing.get_untracked() {
            state.editing.set(None);
        }
        if let Some(id) = next_focus {
            // Keep keyboard users in the list: focus the card that took the deleted one's place.
            let state = *state;
            request_animation_frame(move || {
                let key = state.key_of(&id).to_string();
                if let Some(card) = cards().into_iter().find(|c| c.get_attribute("data-k").as_deref() == Some(&key)) {
                    let _ = card.focus();
                }
            });
        }
    }
    true
}

fn move_target_after_delete(id: &quotemark_core::model::AnnotationId, state: &AppState) -> Option<quotemark_core::model::AnnotationId> {
    let (placed, _) = state.ordered();
    let i = placed.iter().position(|a| a == id)?;
    placed.get(i + 1).or_else(|| i.checked_sub(1).and_then(|j| placed.get(j))).cloned()
}

