//! Share and export (JSON file, clipboard, CSV, Markdown report, share link) and import (file
//! picker, dropped file, pasted JSON), always through a preview that changes nothing until the
//! reader applies it.

use crate::actions::{import, library, Ctx};
use crate::components::later::Later;
use crate::components::notices::Modal;
use crate::later::split_point;
use crate::components::restore::RestorePreview;
use crate::state::{ImportPlan, ImportState};
use leptos::prelude::*;
use quotemark_core::merge::Merge;

/// The "Share & export" menu in the header.
#[component]
pub fn ShareMenu() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let open = RwSignal::new(false);
    let file_input = NodeRef::<leptos::html::Input>::new();
    let usage = RwSignal::new(String::new());
    let toggle = move |_| {
        let now_open = !open.get_untracked();
        if now_open {
            usage.set(library::usage(&ctx));
        }
        open.set(now_open);
    };
    let item = move |label: &'static str, action: fn(&Ctx)| {
        view! {
            <button
                type="button"
                role="menuitem"
                class="menu-item"
                on:click=move |_| {
                    open.set(false);
                    action(&ctx);
                }
            >
                {label}
            </button>
        }
    };
    view! {
        <div class="share-menu">
            <button
                type="button"
                class="header-button"
                aria-haspopup="menu"
                aria-expanded=move || open.get().to_string()
                on:click=toggle
            >
                "Share"<span class="wide-only">" & export"</span>
            </button>
            <input
                type="file"
                accept=".json,application/json,application/ld+json"
                class="sr-only"
                tabindex="-1"
                aria-label="Import annotations from a file"
                data-testid="import-file"
                node_ref=file_input
                on:change=move |ev| {
                    let input: web_sys::HtmlInputElement = event_target(&ev);
                    if let Some(file) = input.files().and_then(|f| f.get(0)) {
                        import::import_file(&ctx, file);
                    }
                    input.set_value("");
                }
            />
            <Show when=move || open.get()>
                <div class="menu" role="menu" aria-label="Share and export" on:keydown=move |ev| {
                    if ev.key() == "Escape" {
                        open.set(false);
                    }
                }>
                    {item("Download JSON", import::download_json)}
                    {item("Copy JSON", import::copy_json)}
                    {item("Download CSV", import::download_csv)}
                    {item("Download Markdown report", import::download_markdown)}
                    {item("Copy share link", import::copy_share_link)}
                    <hr />
                    <button
                        type="button"
                        role="menuitem"
                        class="menu-item"
                        on:click=move |_| {
                            open.set(false);
                            if let Some(input) = file_input.get() {
                                input.click();
                            }
                        }
                    >
                        "Import a file…"
                    </button>
                    {item("Paste JSON…", |ctx| ctx.ui.import.set(ImportState::Paste))}
                    <p class="menu-note" data-testid="storage-usage">{move || usage.get()}</p>
                </div>
            </Show>
        </div>
    }
}

/// The import dialog: paste box, progress, error, or preview with Apply and Cancel. Its body is
/// in the imports chunk, with the reading of what is imported.
#[component]
pub fn ImportDialog() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let import_state = ctx.ui.import;
    let open = move || !matches!(import_state.get(), ImportState::Closed);
    view! {
        <Modal
            open=Signal::derive(open)
            labelled_by="import-title"
            testid="import-dialog"
            on_close=move || import_state.set(ImportState::Closed)
        >
            <Show when=open>
                <Later load=import_body what="Importing" />
            </Show>
        </Modal>
    }
}

split_point! {
    imports:
    /// The import dialog's body: loaded on first use.
    pub fn import_body() -> AnyView {
        view! { <ImportBody /> }.into_any()
    }
}

/// What the import dialog shows at each step.
#[component]
fn ImportBody() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let pasted = RwSignal::new(String::new());
    let import_state = ctx.ui.import;
    let close = move || import_state.set(ImportState::Closed);
    move || match import_state.get() {
        ImportState::Closed => None,
        ImportState::Paste => Some(
            view! {
                <h2 id="import-title">"Paste annotations"</h2>
                <p class="dialog-note">
                    "Paste a Quotemark file or W3C Web Annotation JSON from another tool. Nothing changes until you apply it."
                </p>
                <textarea
                    class="paste-box"
                    rows="8"
                    aria-label="JSON to import"
                    bind:value=pasted
                ></textarea>
                <div class="dialog-actions">
                    <button
                        type="button"
                        class="primary"
                        on:click=move |_| import::preview(&ctx, "pasted JSON", pasted.get_untracked())
                    >
                        "Preview"
                    </button>
                    <button type="button" on:click=move |_| close()>"Cancel"</button>
                </div>
            }
                .into_any(),
        ),
        ImportState::Reading(message) => Some(
            view! {
                <h2 id="import-title">"Importing"</h2>
                <p class="progress" role="status">
                    <span class="spinner" aria-hidden="true"></span>
                    {message}
                </p>
            }
                .into_any(),
        ),
        ImportState::Failed { source, message } => Some(
            view! {
                <h2 id="import-title">"Nothing was imported"</h2>
                <p class="dialog-note">{format!("From {source}:")}</p>
                <p class="form-error" role="alert" data-testid="import-error">{message}</p>
                <p class="dialog-note">"Your annotations are unchanged."</p>
                <div class="dialog-actions">
                    <button type="button" class="primary" on:click=move |_| close()>"Close"</button>
                </div>
            }
                .into_any(),
        ),
        ImportState::Preview(plan) => Some(view! { <ImportPreview plan=*plan /> }.into_any()),
        ImportState::Restore(plan) => Some(view! { <RestorePreview plan=*plan /> }.into_any()),
    }
}

/// Dropping a file anywhere on the page imports it.
#[component]
pub fn DropZone() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let over = RwSignal::new(false);
    let has_files = |ev: &web_sys::DragEvent| {
        ev.data_transfer().is_some_and(|dt| dt.types().iter().any(|t| t.as_string().as_deref() == Some("Files")))
    };
    let enter = window_event_listener(leptos::ev::dragover, move |ev| {
        if has_files(&ev) {
            ev.prevent_default();
            if !over.get_untracked() {
                over.set(true);
            }
        }
    });
    let leave = window_event_listener(leptos::ev::dragleave, move |ev| {
        if ev.related_target().is_none() {
            over.set(false);
        }
    });
    let drop = window_event_listener(leptos::ev::drop, move |ev| {
        over.set(false);
        let Some(file) = ev.data_transfer().and_then(|dt| dt.files()).and_then(|f| f.get(0)) else { return };
        ev.prevent_default();
        import::drop_file(&ctx, file);
    });
    on_cleanup(move || {
        enter.remove();
        leave.remove();
        drop.remove();
    });
    view! {
        <Show when=move || over.get()>
            <div class="drop-overlay" aria-hidden="true">
                <p>"Drop an article (.txt, .md, .html) to open it, or a .json file to import annotations"</p>
            </div>
        </Show>
    }
}

/// What an import would do — new, updated, unchanged, duplicates, conflicts, and how the
/// annotations were found in the text — with Apply (and, for another article's file, the choice
/// of re-anchoring it onto the open one).
#[component]
fn ImportPreview(plan: ImportPlan) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let close = move || ctx.ui.import.set(ImportState::Closed);
    let counts = |m: &Merge| (m.report.counts(), m.report.anchor_counts(), m.is_noop());
    let here = counts(&plan.merge);
    let other_title = plan.other_document.as_ref().map(|(d, _)| d.title.clone());
    let open_title = ctx.doc.document.with_untracked(|d| d.title.clone());
    let onto = RwSignal::new(false);
    // The merge onto the open article, worked out the first time the reader chooses it.
    let onto_merge = StoredValue::new_local(None::<Merge>);
    let there = RwSignal::new(None);
    let choose_onto = move |plan: &StoredValue<Option<ImportPlan>, LocalStorage>| {
        if there.get_untracked().is_none() {
            let m = plan.with_value(|p| p.as_ref()?.incoming.as_ref().map(|i| import::merge_onto_open(&ctx, i)));
            there.set(m.as_ref().map(counts));
            onto_merge.set_value(m);
        }
        onto.set(true);
    };
    let chosen = move || match (onto.get(), there.get()) {
        (true, Some(t)) => t,
        _ => here,
    };
    let target = match &other_title {
        Some(title) => format!("These annotations are for another article, “{title}”."),
        None => "These annotations are for the article that is open.".to_string(),
    };
    let source = plan.source.clone();
    let plan = StoredValue::new_local(Some(plan));
    view! {
        <h2 id="import-title">"Import preview"</h2>
        <p class="dialog-note">{format!("From {source}. {target}")}</p>
        {other_title
            .map(|title| {
                view! {
                    <fieldset class="field choice import-choice">
                        <legend>"Apply them to"</legend>
                        <label class="radio">
                            <input type="radio" name="import-onto" prop:checked=move || !onto.get() on:change=move |_| onto.set(false) />
                            {format!("“{title}”, opened from the file")}
                        </label>
                        <label class="radio">
                            <input type="radio" name="import-onto" prop:checked=move || onto.get() on:change=move |_| choose_onto(&plan) />
                            {format!("the open article, “{open_title}”, as a new version of it (re-anchored)")}
                        </label>
                    </fieldset>
                }
            })}
        <table class="preview" data-testid="import-preview">
            <tbody>
                {move || {
                    let (c, _, _) = chosen();
                    [
                        ("New", c.added),
                        ("Updated (newer in the file)", c.updated),
                        ("Unchanged", c.unchanged),
                        ("Duplicates (skipped)", c.duplicates),
                        ("Conflicts (yours is newer; kept)", c.conflicts),
                    ]
                        .into_iter()
                        .map(|(label, n)| view! { <tr><th scope="row">{label}</th><td>{n}</td></tr> })
                        .collect_view()
                }}
            </tbody>
        </table>
        <p class="dialog-note" data-testid="import-anchoring">
            "Found in the text: "
            {move || {
                let (_, a, _) = chosen();
                [("exact", a.exact), ("moved", a.moved), ("fuzzy", a.fuzzy), ("not found (kept aside)", a.orphan)]
                    .iter()
                    .filter(|(_, n)| *n > 0)
                    .map(|(label, n)| format!("{n} {label}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            }}
        </p>
        <div class="dialog-actions">
            <button
                type="button"
                class="primary"
                on:click=move |_| {
                    if let Some(plan) = plan.try_update_value(|p| p.take()).flatten() {
                        let onto_open = if onto.get_untracked() { onto_merge.try_update_value(|m| m.take()).flatten() } else { None };
                        close();
                        import::apply_import(&ctx, plan, onto_open);
                    }
                }
            >
                {move || if chosen().2 { "Done" } else { "Apply" }}
            </button>
            <button type="button" on:click=move |_| close()>"Cancel"</button>
        </div>
    }
}
