//! Messages to the reader: the aria-live announcer, the toast with Undo, the storage banner and the
//! keyboard shortcuts overlay.

use crate::actions::{annotations, import, Ctx};
use crate::state::{Notices, UiState};
use leptos::prelude::*;

/// What can take the keyboard's focus inside a dialog.
const FOCUSABLE: &str = "button:not([disabled]), [href], input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex='-1'])";

/// The focusable elements inside `root`, in document order.
fn focusables(root: &web_sys::Element) -> Vec<web_sys::HtmlElement> {
    use wasm_bindgen::JsCast;
    let Ok(list) = root.query_selector_all(FOCUSABLE) else { return Vec::new() };
    (0..list.length()).filter_map(|i| list.item(i)?.dyn_into().ok()).collect()
}

/// Moves the focus to a dialog's first field or button (the dialog itself if it has none yet).
pub fn focus_first(dialog: &web_sys::HtmlElement) {
    match focusables(dialog).into_iter().find(|e| e.tag_name() != "H2") {
        Some(first) => drop(first.focus()),
        None => drop(dialog.focus()),
    }
}

/// A modal dialog over a dimmed page, shown while `open` holds. Opening it moves the focus into
/// it; Tab and Shift+Tab stay inside; Esc (wherever the focus is) calls `on_close`; closing it
/// gives the focus back to what had it before.
#[component]
pub fn Modal(
    #[prop(into)] open: Signal<bool>,
    /// The id of the dialog's heading.
    labelled_by: &'static str,
    testid: &'static str,
    #[prop(optional)] wide: bool,
    #[prop(into)] on_close: Callback<()>,
    children: ChildrenFn,
) -> impl IntoView {
    use wasm_bindgen::JsCast;
    let dialog = NodeRef::<leptos::html::Div>::new();
    let opener = StoredValue::new_local(None::<web_sys::HtmlElement>);
    // Syncs the browser's focus with the dialog (the outside world, so an effect).
    Effect::new(move |was_open: Option<bool>| {
        let is_open = open.get();
        if is_open && was_open != Some(true) {
            opener.set_value(document().active_element().and_then(|e| e.dyn_into().ok()));
            request_animation_frame(move || {
                if let Some(d) = dialog.get_untracked() {
                    focus_first(&d);
                }
            });
        } else if !is_open && was_open == Some(true) {
            if let Some(el) = opener.get_value() {
                let _ = el.focus();
            }
            opener.set_value(None);
        }
        is_open
    });
    let escape = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.key() == "Escape" && open.get_untracked() {
            ev.stop_propagation();
            on_close.run(());
        }
    });
    on_cleanup(move || escape.remove());
    let trap = move |ev: web_sys::KeyboardEvent| {
        if ev.key() != "Tab" {
            return;
        }
        let Some(d) = dialog.get_untracked() else { return };
        let all = focusables(&d);
        // Nothing to move to yet (its body still loading): the focus stays on the dialog.
        let (Some(first), Some(last)) = (all.first(), all.last()) else {
            ev.prevent_default();
            return;
        };
        let active = document().active_element();
        let at = |e: &web_sys::Element| active.as_ref().is_some_and(|a| a == e);
        if at(d.unchecked_ref()) {
            // On the dialog itself (its body arrived after it opened): into it, either way.
            ev.prevent_default();
            let _ = if ev.shift_key() { last.focus() } else { first.focus() };
        } else if ev.shift_key() && at(first) {
            ev.prevent_default();
            let _ = last.focus();
        } else if !ev.shift_key() && at(last) {
            ev.prevent_default();
            let _ = first.focus();
        }
    };
    view! {
        <Show when=move || open.get()>
            <div class="overlay">
                <div
                    class="dialog"
                    class:wide=wide
                    role="dialog"
                    aria-modal="true"
                    aria-labelledby=labelled_by
                    data-testid=testid
                    tabindex="-1"
                    node_ref=dialog
                    on:keydown=trap
                >
                    {children()}
                </div>
            </div>
        </Show>
    }
}

/// Announces changes to screen readers (visually hidden).
#[component]
pub fn Announcer() -> impl IntoView {
    let notices = expect_context::<Notices>();
    view! {
        <div class="sr-only" role="status" aria-live="polite" data-testid="announcer">
            {move || notices.announcement.get()}
        </div>
    }
}

/// A short message at the bottom of the screen, with Undo after a deletion.
#[component]
pub fn Toast() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let notices = ctx.notices;
    // Each new toast hides itself after a while unless another replaced it.
    let generation = StoredValue::new(0u32);
    Effect::new(move |_| {
        if notices.toast.with(Option::is_some) {
            generation.update_value(|g| *g += 1);
            let mine = generation.get_value();
            set_timeout(
                move || {
                    if generation.get_value() == mine {
                        notices.dismiss_toast();
                    }
                },
                std::time::Duration::from_secs(8),
            );
        }
    });
    move || {
        notices.toast.get().map(|toast| {
            view! {
                <div class="toast" data-testid="toast">
                    <span>{toast.message}</span>
                    {toast
                        .undo
                        .then(|| {
                            view! {
                                <button
                                    type="button"
                                    class="toast-action"
                                    on:click=move |_| match notices.take_restore() {
                                        Some(restore) => restore(),
                                        None => annotations::undo(&ctx),
                                    }
                                >
                                    "Undo"
                                </button>
                            }
                        })}
                    <button
                        type="button"
                        class="icon-button"
                        aria-label="Dismiss"
                        on:click=move |_| notices.dismiss_toast()
                    >
                        "×"
                    </button>
                </div>
            }
        })
    }
}

/// Says when annotations cannot be kept (offering an export), and what could not be read back.
#[component]
pub fn StorageBanner() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let notices = ctx.notices;
    let persistent = notices.persistent;
    let warning = move || {
        let message = match (notices.storage_problem.get(), persistent) {
            (Some(p), _) => p,
            (None, false) => "Local storage is not available in this browser (private browsing, or blocked by a setting), \
                 so nothing you do here will be kept after you close the page. Export your annotations to keep them."
                .to_string(),
            (None, true) => return None,
        };
        Some(view! {
            <div class="banner warning" role="alert" data-testid="storage-banner">
                <span>{message}</span>
                <button type="button" class="banner-action" on:click=move |_| import::download_json(&ctx)>
                    "Export JSON"
                </button>
            </div>
        })
    };
    let notes = move || {
        let notes = notices.load_notes.get();
        (!notes.is_empty()).then(|| view! {
            <div class="banner" role="status" data-testid="load-notes">
                <ul>{notes.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ul>
                <button type="button" class="banner-action" on:click=move |_| notices.load_notes.set(Vec::new())>
                    "Dismiss"
                </button>
            </div>
        })
    };
    view! { {warning} {notes} }
}

const SHORTCUTS: [(&str, &str); 10] = [
    ("Q", "Tag the selection as a quote"),
    ("C", "Tag the selection as a claim"),
    ("Esc", "Dismiss the toolbar, cancel a new annotation, close"),
    ("Ctrl+Enter", "Save the annotation being edited"),
    ("J / K", "Next / previous annotation"),
    ("Enter", "Open the focused annotation"),
    ("Delete", "Delete the focused annotation"),
    ("Ctrl+Z", "Undo"),
    ("Ctrl+Shift+Z, Ctrl+Y", "Redo"),
    ("?", "Show or hide these shortcuts"),
];

/// The keyboard shortcuts overlay (opened with `?`).
#[component]
pub fn ShortcutsOverlay() -> impl IntoView {
    let ui = expect_context::<UiState>();
    let close_ref = NodeRef::<leptos::html::Button>::new();
    Effect::new(move |_| {
        if let Some(button) = close_ref.get() {
            let _ = button.focus();
        }
    });
    view! {
        <Show when=move || ui.shortcuts_open.get()>
            <div class="overlay" on:click=move |_| ui.shortcuts_open.set(false)>
                <div
                    class="dialog"
                    role="dialog"
                    aria-modal="true"
                    aria-labelledby="shortcuts-title"
                    data-testid="shortcuts"
                    on:click=|ev| ev.stop_propagation()
                >
                    <h2 id="shortcuts-title">"Keyboard shortcuts"</h2>
                    <dl class="shortcuts">
                        {SHORTCUTS
                            .iter()
                            .map(|(keys, what)| {
                                view! {
                                    <dt>
                                        <kbd>{*keys}</kbd>
                                    </dt>
                                    <dd>{*what}</dd>
                                }
                            })
                            .collect_view()}
                    </dl>
                    <button
                        type="button"
                        class="primary"
                        node_ref=close_ref
                        on:click=move |_| ui.shortcuts_open.set(false)
                    >
                        "Close"
                    </button>
                </div>
            </div>
        </Show>
    }
}
