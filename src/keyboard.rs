//! The keyboard shortcuts (listed in the `?` overlay): Q and C tag the selection, J and K move
//! between cards, Delete deletes, Esc closes the innermost thing open, Ctrl+Z and Ctrl+Shift+Z
//! (or Ctrl+Y) undo and redo. Letters typed in a text field are never shortcuts.

use crate::actions::annotations::{self, NewKind};
use crate::actions::{review, Ctx};
use crate::browser::{clear_selection, in_text_field};
use leptos::prelude::*;
use quotemark_core::model::AnnotationId;
use wasm_bindgen::JsCast;

/// Handles a key pressed anywhere on the page.
pub fn on_keydown(ctx: &Ctx, ev: &web_sys::KeyboardEvent) {
    // A dialog is modal: the page behind it takes no shortcuts (the dialog handles its own keys).
    let import_open = ctx.ui.import.with_untracked(|i| !matches!(i, crate::state::ImportState::Closed));
    if import_open || ctx.ui.dialog.with_untracked(|d| *d != crate::state::Dialog::Closed) {
        return;
    }
    let key = ev.key();
    let ctrl = ev.ctrl_key() || ev.meta_key();
    let in_field = in_text_field(ev);
    if ctrl && !in_field && !ev.alt_key() {
        match key.to_lowercase().as_str() {
            "z" if ev.shift_key() => annotations::redo(ctx),
            "z" => annotations::undo(ctx),
            "y" => annotations::redo(ctx),
            _ => return,
        }
        ev.prevent_default();
        return;
    }
    if in_field || ctrl || ev.alt_key() {
        return;
    }
    let reattaching = ctx.ui.reattach.with_untracked(Option::is_some);
    let handled = match key.as_str() {
        "Enter" if reattaching => review::attach_selection(ctx),
        "q" | "Q" | "c" | "C" if reattaching => false,
        "q" | "Q" => annotations::tag_selection(ctx, NewKind::Quote),
        "c" | "C" => annotations::tag_selection(ctx, NewKind::Claim),
        "?" => {
            ctx.ui.shortcuts_open.update(|o| *o = !*o);
            true
        }
        "Escape" => dismiss(ctx),
        "j" | "J" => move_focus(ctx, 1),
        "k" | "K" => move_focus(ctx, -1),
        "Delete" | "Backspace" => delete_current(ctx),
        _ => false,
    };
    if handled {
        ev.prevent_default();
    }
}

/// Esc closes the innermost thing that is open; whether there was one.
fn dismiss(ctx: &Ctx) -> bool {
    let ui = ctx.ui;
    if ui.shortcuts_open.get_untracked() {
        ui.shortcuts_open.set(false);
    } else if ui.chooser.with_untracked(Option::is_some) {
        ui.chooser.set(None);
    } else if ui.pending.with_untracked(Option::is_some) {
        ui.pending.set(None);
        clear_selection();
    } else if ui.reattach.with_untracked(Option::is_some) {
        ui.reattach.set(None);
    } else if ui.editing.with_untracked(Option::is_some) {
        ui.editing.set(None);
    } else if ui.selected.with_untracked(Option::is_some) {
        ui.selected.set(None);
    } else {
        return false;
    }
    true
}

/// The annotation cards in the panel, in their order on screen.
fn cards() -> Vec<web_sys::HtmlElement> {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return Vec::new() };
    let Ok(list) = document.query_selector_all("[data-testid='annotation-card']") else { return Vec::new() };
    (0..list.length()).filter_map(|i| list.item(i)?.dyn_into().ok()).collect()
}

fn card_key(card: &web_sys::HtmlElement) -> Option<u32> {
    card.get_attribute("data-k")?.parse().ok()
}

fn focused_card_key() -> Option<u32> {
    let active = web_sys::window()?.document()?.active_element()?;
    let card = active.closest("[data-testid='annotation-card']").ok()??;
    card.get_attribute("data-k")?.parse().ok()
}

/// J/K: focus the next or previous card and show its highlight.
fn move_focus(ctx: &Ctx, step: i32) -> bool {
    let cards = cards();
    if cards.is_empty() {
        return false;
    }
    let current = focused_card_key().and_then(|k| cards.iter().position(|c| card_key(c) == Some(k)));
    let next = match current {
        Some(i) => (i as i32 + step).clamp(0, cards.len() as i32 - 1) as usize,
        None if step > 0 => 0,
        None => cards.len() - 1,
    };
    let card = &cards[next];
    let _ = card.focus();
    if let Some(id) = card_key(card).and_then(|k| ctx.doc.id_of_key(k)) {
        ctx.ui.selected.set(Some(id.clone()));
        ctx.ui.reveal(&id);
    }
    true
}

/// Delete: the focused card's annotation, or else the selected one; focus moves to the card that
/// takes its place, so that keyboard users stay in the list.
fn delete_current(ctx: &Ctx) -> bool {
    let Some(id) = focused_card_key().and_then(|k| ctx.doc.id_of_key(k)).or_else(|| ctx.ui.selected.get_untracked()) else {
        return false;
    };
    let next_focus = neighbour(ctx, &id);
    if !annotations::delete(ctx, &id) {
        return false;
    }
    ctx.ui.selected.set(None);
    if let Some(next) = next_focus {
        let ctx = *ctx;
        request_animation_frame(move || {
            let key = ctx.doc.key_of(&next);
            if let Some(card) = cards().into_iter().find(|c| card_key(c) == Some(key)) {
                let _ = card.focus();
            }
        });
    }
    true
}

/// The annotation after `id` in document order (or the one before, for the last).
fn neighbour(ctx: &Ctx, id: &AnnotationId) -> Option<AnnotationId> {
    let (placed, _) = ctx.doc.ordered();
    let i = placed.iter().position(|a| a == id)?;
    placed.get(i + 1).or_else(|| i.checked_sub(1).and_then(|j| placed.get(j))).cloned()
}
