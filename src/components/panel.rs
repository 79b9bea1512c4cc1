//! The annotation side panel: its head (count, undo and redo, shortcuts), the re-attach banner,
//! the comparison with colleagues, the editor, the re-anchoring review, suggestions and the list
//! of annotations. On narrow screens it is a bottom sheet. All of its body but the editor is a
//! chunk of its own ([`panel_rest`]; the editor comes first), fetched as soon as the app has started.

use crate::actions::{annotations, Ctx};
use crate::browser;
use crate::components::cards::AnnotationList;
use crate::components::compare::ComparePanel;
use crate::components::editor::Editor;
use crate::components::later::{loading, Later};
use crate::later::split_point;
use crate::components::review::{ReanchorReview, ReattachBanner};
use crate::components::suggestions::SuggestionsPanel;
use crate::state::{DocState, UiState};
use leptos::prelude::*;

#[component]
pub fn AnnotationPanel() -> impl IntoView {
    let doc = expect_context::<DocState>();
    let ui = expect_context::<UiState>();
    let unfolded = move || ui.sheet_open.get() || ui.editing.with(Option::is_some);
    let total = move || doc.annotations.with(|s| s.len());
    view! {
        <aside class="panel" class:sheet-open=unfolded aria-labelledby="panel-title" data-testid="annotation-panel">
            <div class="panel-head">
                <button
                    type="button"
                    class="sheet-toggle"
                    aria-expanded=move || unfolded().to_string()
                    aria-controls="panel-body"
                    on:click=move |_| ui.sheet_open.update(|o| *o = !*o)
                >
                    <span class="sheet-grip" aria-hidden="true"></span>
                </button>
                <h2 id="panel-title" class="panel-title">
                    "Annotations "
                    <span class="count" data-testid="annotation-count">
                        {total}
                    </span>
                </h2>
                <HistoryButtons />
            </div>
            <div id="panel-body" class="panel-body">
                // The rest of the panel is a chunk of its own, fetched after the app's first frame
                // (starting the fetches inside the mount took 134 ms of it on a phone's CPU); the
                // editor is here, so that select and Q work as soon as the app has started. Until
                // the chunk is there, the list shows how to start (what it shows anyway with
                // nothing tagged) or, once something is, a quiet "Loading…".
                <Editor />
                <Later
                    load=|| async {
                        browser::next_frame().await;
                        panel_rest().await
                    }
                    what="The annotation panel"
                    fallback=move || {
                        move || if total() > 0 { loading().into_any() } else { EmptyState().into_any() }
                    }
                />
            </div>
        </aside>
    }
}

split_point! {
    panel:
    /// All of the panel's body but the editor: the re-attach banner, the comparison with
    /// colleagues, the re-anchoring review, suggestions and the list.
    pub fn panel_rest() -> AnyView {
        let doc = expect_context::<DocState>();
        let total = move || doc.annotations.with(|s| s.len());
        view! {
            <div class="panel-rest" data-testid="panel-rest">
                <ReattachBanner />
                <ComparePanel />
                <ReanchorReview />
                <SuggestionsPanel />
                <Show when=move || { total() > 0 } fallback=EmptyState>
                    <AnnotationList />
                </Show>
            </div>
        }
        .into_any()
    }
}

/// Undo, redo and the shortcuts overlay.
#[component]
fn HistoryButtons() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    view! {
        <div class="history-buttons">
            <button
                type="button"
                class="icon-button"
                title="Undo (Ctrl+Z)"
                aria-label="Undo"
                disabled=move || !ctx.doc.can_undo.get()
                on:click=move |_| annotations::undo(&ctx)
            >
                "↶"
            </button>
            <button
                type="button"
                class="icon-button"
                title="Redo (Ctrl+Shift+Z)"
                aria-label="Redo"
                disabled=move || !ctx.doc.can_redo.get()
                on:click=move |_| annotations::redo(&ctx)
            >
                "↷"
            </button>
            <button
                type="button"
                class="icon-button"
                title="Keyboard shortcuts (?)"
                aria-label="Keyboard shortcuts"
                on:click=move |_| ctx.ui.shortcuts_open.set(true)
            >
                "?"
            </button>
        </div>
    }
}

/// How to start, while nothing is tagged.
#[component]
fn EmptyState() -> impl IntoView {
    view! {
        <div class="empty-state" data-testid="empty-state">
            <p class="empty-lead">"Nothing tagged yet."</p>
            <ol class="empty-steps">
                <li>"Select a passage in the article."</li>
                <li>
                    "Press " <kbd>"Q"</kbd> " to tag it as a " <strong>"quote"</strong> " — who said it, and how."
                </li>
                <li>
                    "Press " <kbd>"C"</kbd> " to tag it as a " <strong>"claim"</strong>
                    " — an assertion worth checking."
                </li>
            </ol>
            <p class="empty-note">
                "Your annotations are kept in this browser only, and you can share them as a file."
            </p>
        </div>
    }
}
