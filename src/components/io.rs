//! Share and export (JSON file, clipboard, CSV, Markdown report, share link) and import (file picker,
//! dropped file, pasted JSON, opened share link), always through a preview that changes nothing
//! until the reader applies it.

use crate::state::AppState;
use leptos::prelude::*;
use quotemark_core::document::Document;
use quotemark_core::format::{self, ExportOptions};
use quotemark_core::merge::{merge, Merge};
use quotemark_core::model::AnnotationSet;
use quotemark_core::{report, share};
use wasm_bindgen::{JsCast, JsValue};

/// Files larger than this are refused before reading.
pub const MAX_IMPORT_BYTES: f64 = 20.0 * 1024.0 * 1024.0;

/// What an import would do, shown before anything changes.
#[derive(Clone)]
pub struct ImportPlan {
    /// Where it came from: a file name, "pasted JSON" or "a share link".
    pub source: String,
    /// The document it applies to when that is not the open one (opened on Apply).
    pub other_document: Option<(Document, AnnotationSet)>,
    pub merge: Merge,
    /// With another document: its annotations, which the reader may choose to re-anchor onto the
    /// open article instead (a file made on another version of its text). Worked out only if chosen:
    /// anchoring thousands of annotations in a different text costs far more than the import.
    pub incoming: Option<Vec<quotemark_core::model::Annotation>>,
}

/// The import dialog's state.
#[derive(Clone)]
pub enum ImportState {
    Closed,
    Paste,
    Reading(String),
    Failed { source: String, message: String },
    Preview(Box<ImportPlan>),
}

/// Shared by the menu, the drop zone and the dialog.
#[derive(Clone, Copy)]
pub struct ImportUi(pub RwSignal<ImportState>);

/// Checks an import and works out what it would do, without changing anything.
pub fn plan_import(state: &AppState, source: &str, json: &str) -> Result<ImportPlan, String> {
    crate::state::mark("quotemark:import-start");
    let plan = plan_import_inner(state, source, json);
    crate::state::measure("quotemark:import", "quotemark:import-start");
    plan
}

fn plan_import_inner(state: &AppState, source: &str, json: &str) -> Result<ImportPlan, String> {
    let imported = format::import(json).map_err(|e| e.to_string())?;
    let current = state.document.get_untracked();
    let (target_doc, existing, other) = match imported.document {
        Some(d) if d.id != current.id => match d.to_document() {
            Some(doc) => {
                let existing = crate::persist::load(&*state.store(), &doc.id, crate::state::now())
                    .ok()
                    .flatten()
                    .map(|l| l.annotations)
                    .unwrap_or_default();
                (doc.clone(), existing.clone(), Some((doc, existing)))
            }
            None => {
                return Err(format!(
                    "These annotations belong to the article “{}”{}, which is not open here. Open that article, then import the file again.",
                    d.title,
                    d.source.map(|s| format!(" ({s})")).unwrap_or_default()
                ))
            }
        },
        _ => (current.clone(), state.annotations.get_untracked(), None),
    };
    let merge = merge(&existing, &imported.annotations, &target_doc.text);
    let incoming = other.is_some().then_some(imported.annotations);
    Ok(ImportPlan { source: source.to_string(), other_document: other, merge, incoming })
}

/// The merge of another version's annotations onto the open article.
fn merge_onto_open(state: &AppState, incoming: &[quotemark_core::model::Annotation]) -> Merge {
    state.document.with_untracked(|d| state.annotations.with_untracked(|set| merge(set, incoming, &d.text)))
}

/// The re-anchoring review of an applied import: shown when some annotations were not found
/// exactly where they were made, or when the reader chose to re-anchor another version's file.
fn review_import(state: &AppState, source: &str, report: &quotemark_core::merge::MergeReport, chosen: bool) {
    use quotemark_core::anchor::AnchorStatus;
    let entries: Vec<crate::components::review::Entry> = report
        .added
        .iter()
        .chain(&report.updated)
        .map(|e| crate::components::review::Entry { id: e.id.clone(), found: e.anchored.status })
        .collect();
    let unsure = entries.iter().any(|e| matches!(e.found, AnchorStatus::Fuzzy { .. } | AnchorStatus::Orphan));
    if chosen || unsure {
        let mut entries = entries;
        entries.sort_by_key(|e| crate::components::review::rank(e.found));
        state.review.set(Some(crate::components::review::Review { from: Some(source.to_string()), entries }));
    }
}

/// Applies a previewed import as one undoable change (opening its article first if needed, unless
/// `onto_open`: then the annotations are re-anchored onto the open article).
pub fn apply_import(state: &AppState, plan: ImportPlan, onto_open: Option<Merge>) {
    let chosen = onto_open.is_some();
    let (merge, from) = match (plan.other_document, onto_open) {
        (Some((doc, _)), Some(onto)) => (onto, format!("“{}” ({})", doc.title, plan.source)),
        // The source is a file name or "pasted JSON": named as it is.
        (other, _) => {
            if let Some((doc, existing)) = other {
                state.open(doc, existing);
            }
            (plan.merge, plan.source)
        }
    };
    let summary = merge.report.to_string();
    if merge.is_noop() {
        state.announce(&format!("Nothing to import: {summary}"));
        return;
    }
    let Merge { report, command } = merge;
    match state.execute(command) {
        Ok(()) => {
            let message = format!("Imported: {summary}");
            state.announce(&message);
            state.toast.set(Some(crate::state::Toast { message, undo: true }));
            review_import(state, &from, &report, chosen);
        }
        Err(e) => state.announce(&format!("Import failed: {e}")),
    }
}

fn export_json(state: &AppState) -> String {
    state.document.with_untracked(|d| state.annotations.with_untracked(|s| format::export(d, s, &ExportOptions::default())))
}

fn stem(state: &AppState) -> String {
    state.document.with_untracked(report::file_stem)
}

/// Offers `contents` as a file download.
pub fn download(name: &str, mime: &str, contents: &str) -> Result<(), JsValue> {
    let parts = js_sys::Array::of1(&JsValue::from_str(contents));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let document = web_sys::window().and_then(|w| w.document()).ok_or(JsValue::NULL)?;
    let a: web_sys::HtmlAnchorElement = document.create_element("a")?.unchecked_into();
    a.set_href(&url);
    a.set_download(name);
    a.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}

/// Downloads the annotations as a Quotemark JSON file (document embedded).
pub fn download_json(state: &AppState) {
    let name = format!("{}.json", stem(state));
    match download(&name, "application/json", &export_json(state)) {
        Ok(()) => state.announce(&format!("Downloaded {name}")),
        Err(_) => state.announce("The download could not start"),
    }
}

fn copy(state: AppState, text: String, done: &'static str) {
    leptos::task::spawn_local(async move {
        let result = match web_sys::window().map(|w| w.navigator().clipboard()) {
            Some(clipboard) => wasm_bindgen_futures::JsFuture::from(clipboard.write_text(&text)).await.map(|_| ()),
            None => Err(JsValue::NULL),
        };
        let message = if result.is_ok() { done } else { "The clipboard is not available here" };
        state.announce(message);
        state.toast.set(Some(crate::state::Toast { message: message.to_string(), undo: false }));
    });
}

/// The full share URL for the open document.
pub fn share_url(state: &AppState) -> (String, bool) {
    let (fragment, with_text) =
        state.document.with_untracked(|d| state.annotations.with_untracked(|s| share::fragment(d, s)));
    let location = web_sys::window().map(|w| w.location());
    let base = location
        .map(|l| format!("{}{}{}", l.origin().unwrap_or_default(), l.pathname().unwrap_or_default(), l.search().unwrap_or_default()))
        .unwrap_or_default();
    (format!("{base}#{fragment}"), with_text)
}

/// Reads a picked or dropped file and previews it.
pub fn import_file(state: AppState, ui: ImportUi, file: web_sys::File) {
    let name = file.name();
    let size = file.size();
    if size > MAX_IMPORT_BYTES {
        ui.0.set(ImportState::Failed {
            source: name,
            message: format!(
                "This file is {:.1} MB; Quotemark imports files of up to {} MB.",
                size / 1_048_576.0,
                MAX_IMPORT_BYTES as u64 / 1_048_576
            ),
        });
        return;
    }
    ui.0.set(ImportState::Reading(format!("Reading {name} ({:.1} MB)…", size / 1_048_576.0)));
    leptos::task::spawn_local(async move {
        let bytes = match wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await {
            Ok(buffer) => js_sys::Uint8Array::new(&buffer).to_vec(),
            Err(_) => {
                ui.0.set(ImportState::Failed { source: name, message: "The file could not be read.".into() });
                return;
            }
        };
        ui.0.set(ImportState::Reading(format!("Checking {name}…")));
        // Let the browser paint the progress before the (synchronous) check of a large file.
        wait_frame().await;
        let next = match String::from_utf8(bytes) {
            Err(e) => ImportState::Failed {
                source: name,
                message: format!(
                    "This is not a text file: it has bytes that are not UTF-8 at byte {}. Quotemark imports JSON files.",
                    e.utf8_error().valid_up_to()
                ),
            },
            Ok(text) => match plan_import(&state, &name, text.trim_start_matches('\u{feff}')) {
                Ok(plan) => ImportState::Preview(Box::new(plan)),
                Err(message) => ImportState::Failed { source: name, message },
            },
        };
        ui.0.set(next);
    });
}

async fn wait_frame() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.request_animation_frame(&resolve);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Opens a share link's annotations (from `#share=…`) in the preview, then clears the fragment.
pub fn open_share_link(state: &AppState, ui: ImportUi) {
    let Some(location) = web_sys::window().map(|w| w.location()) else { return };
    let hash = location.hash().unwrap_or_default();
    let Some(payload) = share::parse_fragment(hash.trim_start_matches('#')) else { return };
    let source = "a share link".to_string();
    let next = match share::decode(payload) {
        Ok(json) => match plan_import(state, &source, &json) {
            Ok(plan) => ImportState::Preview(Box::new(plan)),
            Err(message) => ImportState::Failed { source, message },
        },
        Err(e) => ImportState::Failed { source, message: format!("This share link is damaged: {e}.") },
    };
    ui.0.set(next);
    if let Ok(history) = web_sys::window().unwrap().history() {
        let clean = format!("{}{}", location.pathname().unwrap_or_default(), location.search().unwrap_or_default());
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&clean));
    }
}

/// The "Share & export" menu in the header.
#[component]
pub fn ShareMenu() -> impl IntoView {
    let state = expect_context::<AppState>();
    let ui = expect_context::<ImportUi>();
    let open = RwSignal::new(false);
    let file_input = NodeRef::<leptos::html::Input>::new();
    let usage = RwSignal::new(String::new());
    let toggle = move |_| {
        let now_open = !open.get_untracked();
        if now_open {
            let bytes = crate::storage::usage_bytes(&*state.store());
            usage.set(if state.persistent {
                format!("Saved in this browser: {:.2} MB of about 5 MB", bytes as f64 / 1_048_576.0)
            } else {
                "Not saved: this browser's local storage is unavailable".to_string()
            });
        }
        open.set(now_open);
    };
    let item = move |label: &'static str, action: fn(&AppState, ImportUi)| {
        view! {
            <button
                type="button"
                role="menuitem"
                class="menu-item"
                on:click=move |_| {
                    open.set(false);
                    action(&state, ui);
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
                "Share & export"
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
                        import_file(state, ui, file);
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
                    {item("Download JSON", |s, _| download_json(s))}
                    {item("Copy JSON", |s, _| copy(*s, export_json(s), "Copied the annotations as JSON"))}
                    {item("Download CSV", |s, _| {
                        let csv = s.document.with_untracked(|d| s.annotations.with_untracked(|a| report::to_csv(d, a)));
                        let _ = download(&format!("{}.csv", stem(s)), "text/csv", &csv);
                    })}
                    {item("Download Markdown report", |s, _| {
                        let md = s.document.with_untracked(|d| s.annotations.with_untracked(|a| report::to_markdown(d, a)));
                        let _ = download(&format!("{}.md", stem(s)), "text/markdown", &md);
                    })}
                    {item("Copy share link", |s, _| {
                        let (url, with_text) = share_url(s);
                        let done = if with_text {
                            "Copied a share link (it carries the article too)"
                        } else {
                            "Copied a share link (the article was too long to include: the recipient needs it open)"
                        };
                        copy(*s, url, done);
                    })}
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
                    {item("Paste JSON…", |_, ui| ui.0.set(ImportState::Paste))}
                    <p class="menu-note" data-testid="storage-usage">{move || usage.get()}</p>
                </div>
            </Show>
        </div>
    }
}

/// The import dialog: paste box, progress, error, or preview with Apply and Cancel.
#[component]
pub fn ImportDialog() -> impl IntoView {
    let state = expect_context::<AppState>();
    let ui = expect_context::<ImportUi>();
    let pasted = RwSignal::new(String::new());
    let close = move || ui.0.set(ImportState::Closed);
    let body = move || match ui.0.get() {
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
                        on:click=move |_| {
                            let text = pasted.get_untracked();
                            let next = match plan_import(&state, "pasted JSON", &text) {
                                Ok(plan) => ImportState::Preview(Box::new(plan)),
                                Err(message) => ImportState::Failed { source: "pasted JSON".into(), message },
                            };
                            ui.0.set(next);
                        }
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
        ImportState::Preview(plan) => {
            let counts = |m: &Merge| (m.report.counts(), m.report.anchor_counts(), m.is_noop());
            let here = counts(&plan.merge);
            let other_title = plan.other_document.as_ref().map(|(d, _)| d.title.clone());
            let open_title = state.document.with_untracked(|d| d.title.clone());
            let onto = RwSignal::new(false);
            // The merge onto the open article, worked out the first time the reader chooses it.
            let onto_merge = StoredValue::new_local(None::<Merge>);
            let there = RwSignal::new(None);
            let choose_onto = move |plan: &StoredValue<Option<ImportPlan>, LocalStorage>| {
                if there.get_untracked().is_none() {
                    let m = plan.with_value(|p| p.as_ref()?.incoming.as_ref().map(|i| merge_onto_open(&state, i)));
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
            let plan = StoredValue::new_local(Some(*plan));
            Some(
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
                                    close();
                                    let onto_open = if onto.get_untracked() { onto_merge.try_update_value(|m| m.take()).flatten() } else { None };
                                    apply_import(&state, plan, onto_open);
                                }
                            }
                        >
                            {move || if chosen().2 { "Done" } else { "Apply" }}
                        </button>
                        <button type="button" on:click=move |_| close()>"Cancel"</button>
                    </div>
                }
                    .into_any(),
            )
        }
    };
    view! {
        <crate::components::notices::Modal
            open=Signal::derive(move || !matches!(ui.0.get(), ImportState::Closed))
            labelled_by="import-title"
            testid="import-dialog"
            on_close=move || close()
        >
            {body}
        </crate::components::notices::Modal>
    }
}

/// Dropping a file anywhere on the page imports it.
#[component]
pub fn DropZone() -> impl IntoView {
    let state = expect_context::<AppState>();
    let ui = expect_context::<ImportUi>();
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
        // An article (.txt, .md, .html) opens; anything else is imported as annotations.
        if quotemark_core::reader::SourceKind::from_file_name(&file.name()).is_some() {
            crate::components::library::open_file(state, file, None);
        } else {
            import_file(state, ui, file);
        }
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
