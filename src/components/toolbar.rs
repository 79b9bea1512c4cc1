//! The small toolbar by a selection (Quote, Claim) and the chooser shown when a click lands on
//! several overlapping highlights.

use crate::components::article::open_annotation;
use crate::state::{now, new_id, AppState, Editing};
use leptos::prelude::*;
use quotemark_core::model::{Annotation, Claim, Kind, Quote};

/// Which kind a new annotation starts as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NewKind {
    Quote,
    Claim,
}

/// Starts a new annotation of `kind` on the pending selection (if any) and opens its editor.
pub fn tag_selection(state: &AppState, kind: NewKind) -> bool {
    let Some(pending) = state.pending.get_untracked() else { return false };
    let target = state.describe(pending.span);
    let kind = match kind {
        NewKind::Quote => Kind::Quote(Quote::default()),
        NewKind::Claim => Kind::Claim(Claim::default()),
    };
    let draft = Annotation::new(new_id(), target, kind, now());
    state.pending.set(None);
    state.selected.set(None);
    state.editing.set(Some(Editing::New(draft)));
    if let Some(selection) = web_sys::window().and_then(|w| w.get_selection().ok().flatten()) {
        let _ = selection.remove_all_ranges();
    }
    true
}

#[component]
pub fn SelectionToolbar() -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        <Show when=move || state.pending.with(Option::is_some)>
            {move || {
                let pending = state.pending.get()?;
                let style = format!("left: {}px; top: {}px;", pending.x as i32, pending.y as i32);
                Some(
                    view! {
                        <div
                            class="selection-toolbar"
                            role="toolbar"
                            aria-label="Tag the selection"
                            style=style
                            data-testid="selection-toolbar"
                            on:mousedown=|ev| ev.prevent_default()
                        >
                            {move || {
                                if state.reattach.with(Option::is_some) {
                                    view! {
                                        <button
                                            type="button"
                                            class="tool attach"
                                            on:click=move |_| {
                                                crate::components::review::attach_selection(&state);
                                            }
                                        >
                                            "Attach here "
                                            <kbd>"Enter"</kbd>
                                        </button>
                                    }
                                        .into_any()
                                } else {
                                    view! {
                                        <button
                                            type="button"
                                            class="tool quote"
                                            on:click=move |_| {
                                                tag_selection(&state, NewKind::Quote);
                                            }
                                        >
                                            "Quote "
                                            <kbd>"Q"</kbd>
                                        </button>
                                        <button
                                            type="button"
                                            class="tool claim"
                                            on:click=move |_| {
                                                tag_selection(&state, NewKind::Claim);
                                            }
                                        >
                                            "Claim "
                                            <kbd>"C"</kbd>
                                        </button>
                                    }
                                        .into_any()
                                }
                            }}
                            <span class="tool-hint" aria-hidden="true">
                                <kbd>"Esc"</kbd>
                            </span>
                        </div>
                    },
                )
            }}
        </Show>
    }
}

#[component]
pub fn OverlapChooser() -> impl IntoView {
    let state = expect_context::<AppState>();
    let items = move || {
        let (ids, _, _) = state.chooser.get()?;
        let rows = state.annotations.with(|set| {
            ids.iter()
                .filter_map(|id| set.get(id))
                .map(|a| {
                    let id = a.id.clone();
                    let text = crate::components::panel::shorten(a.target.exact().unwrap_or(""), 60);
                    let kind = a.kind.name();
                    view! {
                        <li>
                            <button
                                type="button"
                                class="chooser-item"
                                on:click=move |_| open_annotation(&state, &id)
                            >
                                <span class=format!("badge {kind}")>{kind}</span>
                                <span class="chooser-text">{text}</span>
                            </button>
                        </li>
                    }
                })
                .collect::<Vec<_>>()
        });
        Some(rows)
    };
    view! {
        <Show when=move || state.chooser.with(Option::is_some)>
            {move || {
                let (_, x, y) = state.chooser.get()?;
                Some(
                    view! {
                        <div
                            class="chooser"
                            role="dialog"
                            aria-label="Choose an annotation"
                            data-testid="overlap-chooser"
                            style=format!("left: {}px; top: {}px;", x as i32, y as i32 + 12)
                        >
                            <p class="chooser-title">"Several annotations here"</p>
                            <ul>{items}</ul>
                        </div>
                    },
                )
            }}
        </Show>
    }
}
