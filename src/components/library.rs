//! Bring your own article: open pasted text or a .txt, .md or .html file (HTML and Markdown are
//! reduced to plain text by [`quotemark_core::reader`], never inserted as markup), and the library
//! of every document kept in this browser. The URL names the open document (`#doc=<id>`).

use crate::state::{now, AppState, Toast};
use leptos::prelude::*;
use quotemark_core::document::{Document, DocumentId};
use quotemark_core::reader::{self, SourceKind};
use quotemark_store as store;

/// Articles larger than this are refused before reading.
pub const MAX_ARTICLE_BYTES: f64 = 20.0 * 1024.0 * 1024.0;

/// Which dialog of this module is open.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LibraryUi {
    Closed,
    Open,
    Library,
}

/// Shared handle on the dialogs' state.
#[derive(Clone, Copy)]
pub struct LibraryDialogs(pub RwSignal<LibraryUi>);

/// Opens a document with whatever is stored for it ("same text, same annotations").
pub fn open_document(state: &AppState, document: Document) {
    state.flush_save();
    let annotations = crate::persist::load(&*state.store(), &document.id, now())
        .ok()
        .flatten()
        .map(|loaded| loaded.annotations)
        .unwrap_or_default();
    let known = !annotations.is_empty();
    let title = document.title.clone();
    set_doc_hash(&document.id);
    scroll_to_top();
    state.open(document, annotations);
    state.review.set(crate::components::review::pending_review(state));
    state.announce(&if known { format!("Opened “{title}” with its saved annotations") } else { format!("Opened “{title}”") });
}

/// Reads an article from text of a given kind; `Err` says why nothing was opened.
pub fn read_article(kind: SourceKind, input: &str, fallback_title: Option<&str>) -> Result<Document, String> {
    let article = reader::read(kind, input);
    if article.text.trim().is_empty() {
        return Err("No readable text was found in it.".to_string());
    }
    Ok(article.into_document(fallback_title))
}

/// Another document starts at its top.
pub(crate) fn scroll_to_top() {
    if let Some(window) = web_sys::window() {
        window.scroll_to_with_x_and_y(0.0, 0.0);
    }
}

pub(crate) fn set_doc_hash(id: &DocumentId) {
    if let Some(window) = web_sys::window() {
        let hash = format!("#doc={}", id.short());
        if window.location().hash().ok().as_deref() != Some(hash.as_str()) {
            if let Ok(history) = window.history() {
                let _ = history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&hash));
            }
        }
    }
}

/// The document the URL names (`#doc=<32 hex>`), if it is stored here.
pub fn document_from_hash(state: &AppState) -> Option<Document> {
    let hash = web_sys::window()?.location().hash().ok()?;
    let hex = hash.trim_start_matches('#').split('&').find_map(|p| p.strip_prefix("doc="))?;
    let id = DocumentId(format!("sha256:{hex}"));
    if state.document.with_untracked(|d| d.id == id) {
        return None;
    }
    if crate::state::sample_document().id == id {
        return Some(crate::state::sample_document());
    }
    let value = state.store().get(&store::doc_key(&id))?;
    store::decode_document(&value).ok().map(|(d, _)| d)
}

/// Opens a picked or dropped article file; with `version_of`, as a new version of that stored
/// document (its annotations re-anchored and reviewed).
pub fn open_file(state: AppState, file: web_sys::File, version_of: Option<DocumentId>) {
    let name = file.name();
    let Some(kind) = SourceKind::from_file_name(&name) else {
        state.toast.set(Some(Toast { message: format!("{name}: Quotemark opens .txt, .md and .html articles."), undo: false }));
        return;
    };
    if file.size() > MAX_ARTICLE_BYTES {
        state.toast.set(Some(Toast { message: format!("{name} is larger than 20 MB."), undo: false }));
        return;
    }
    leptos::task::spawn_local(async move {
        let text = wasm_bindgen_futures::JsFuture::from(file.text()).await.ok().and_then(|t| t.as_string());
        let stem = name.rsplit_once('.').map_or(name.as_str(), |(s, _)| s).to_string();
        match text.map(|t| read_article(kind, &t, Some(&stem))) {
            Some(Ok(doc)) => match &version_of {
                Some(old) => crate::components::review::open_new_version(&state, doc, old),
                None => open_document(&state, doc),
            },
            Some(Err(why)) => state.toast.set(Some(Toast { message: format!("{name}: {why}"), undo: false })),
            None => state.toast.set(Some(Toast { message: format!("{name} could not be read."), undo: false })),
        }
    });
}

/// One stored document, for the library list.
#[derive(Clone, Debug, PartialEq)]
struct Entry {
    document: Document,
    opened: i64,
    annotations: usize,
}

fn entries(state: &AppState) -> Vec<Entry> {
    let store = state.store();
    let mut list: Vec<Entry> = store
        .keys(store::DOC_PREFIX)
        .into_iter()
        .filter_map(|key| store::decode_document(&store.get(&key)?).ok())
        .map(|(document, opened)| {
            let annotations = crate::persist::count(&*store, &document.id);
            Entry { document, opened: opened.0, annotations }
        })
        .collect();
    let sample = crate::state::sample_document();
    if !list.iter().any(|e| e.document.id == sample.id) {
        list.push(Entry { document: sample, opened: 0, annotations: 0 });
    }
    list.sort_by(|a, b| b.opened.cmp(&a.opened).then_with(|| a.document.title.cmp(&b.document.title)));
    list
}

/// Removes a document and its annotations from the store, and what the versions record says of it
/// (as a new version of another, or as the one another is a version of); returns what was removed
/// or changed, as it was (for Undo).
fn delete_document(state: &AppState, id: &DocumentId) -> Vec<(String, String)> {
    let store = state.store();
    let keys = crate::persist::keys_of(&*store, id);
    let mut removed: Vec<(String, String)> = keys.iter().filter_map(|k| Some((k.clone(), store.get(k)?))).collect();
    for k in &keys {
        store.remove(k);
    }
    if let Some(recorded) = store.get(store::VERSIONS_KEY) {
        let mut versions = store::decode_versions(Some(&recorded));
        let before = versions.len();
        versions.retain(|new, old| new != id.short() && old != id.short());
        if versions.len() != before {
            if versions.is_empty() {
                store.remove(store::VERSIONS_KEY);
            } else {
                let _ = store.set(store::VERSIONS_KEY, &store::encode_versions(&versions));
            }
            removed.push((store::VERSIONS_KEY.to_string(), recorded));
        }
    }
    removed
}

#[component]
pub fn LibraryButtons() -> impl IntoView {
    let dialogs = expect_context::<LibraryDialogs>();
    view! {
        <button type="button" class="header-button" on:click=move |_| dialogs.0.set(LibraryUi::Open)>
            "Open article"
        </button>
        <button type="button" class="header-button" on:click=move |_| dialogs.0.set(LibraryUi::Library)>
            "Library"
        </button>
    }
}

/// The "Open an article" dialog (paste, or pick a file) and the library.
#[component]
pub fn LibraryDialog() -> impl IntoView {
    let state = expect_context::<AppState>();
    let dialogs = expect_context::<LibraryDialogs>();
    let pasted = RwSignal::new(String::new());
    let title = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let version = RwSignal::new(0u32);
    let renaming = RwSignal::new(None::<(DocumentId, String)>);
    // The stored document the article opened here is a new version of ("" for none).
    let version_of = RwSignal::new(String::new());
    let chosen_version = move || {
        let hex = version_of.get_untracked();
        (!hex.is_empty()).then(|| DocumentId(format!("sha256:{hex}")))
    };
    let close = move || {
        error.set(None);
        renaming.set(None);
        dialogs.0.set(LibraryUi::Closed);
    };
    let open_pasted = move || {
        let text = pasted.get_untracked();
        let given = title.get_untracked();
        match read_article(SourceKind::Text, &text, None) {
            Ok(mut doc) => {
                if !given.trim().is_empty() {
                    doc.title = given.trim().to_string();
                }
                pasted.set(String::new());
                title.set(String::new());
                let old = chosen_version();
                version_of.set(String::new());
                close();
                match old {
                    Some(old) => crate::components::review::open_new_version(&state, doc, &old),
                    None => open_document(&state, doc),
                }
            }
            Err(why) => error.set(Some(why)),
        }
    };
    let body = move || match dialogs.0.get() {
        LibraryUi::Closed => None,
        LibraryUi::Open => Some(
            view! {
                <h2 id="library-title">"Open an article"</h2>
                <p class="dialog-note">
                    "Paste the text of an article, or open a .txt, .md or .html file (you can also drop one on the page). Web pages are reduced to their readable text."
                </p>
                <label class="field">
                    <span>"Title (optional)"</span>
                    <input type="text" bind:value=title placeholder="Detected from the text if left empty" />
                </label>
                <label class="field">
                    <span>"Article text"</span>
                    <textarea class="paste-box" rows="8" bind:value=pasted data-testid="article-paste"></textarea>
                </label>
                <label class="field">
                    <span>"This is a new version of"</span>
                    <select
                        prop:value=move || version_of.get()
                        on:change=move |ev| version_of.set(event_target_value(&ev))
                        data-testid="version-of"
                    >
                        <option value="">"Nothing: a new article"</option>
                        {entries(&state)
                            .into_iter()
                            .filter(|e| e.annotations > 0)
                            .map(|e| {
                                let label = match e.annotations {
                                    1 => format!("{} (1 annotation)", e.document.title),
                                    n => format!("{} ({n} annotations)", e.document.title),
                                };
                                view! { <option value=e.document.id.short().to_string()>{label}</option> }
                            })
                            .collect_view()}
                    </select>
                    <small class="field-note">
                        "Its annotations are found again in the new text, and you can check each one."
                    </small>
                </label>
                {move || error.get().map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
                <div class="dialog-actions">
                    <button type="button" class="primary" on:click=move |_| open_pasted()>"Open"</button>
                    <label class="file-button">
                        "Open a file…"
                        <input
                            type="file"
                            class="sr-only"
                            accept=".txt,.text,.md,.markdown,.html,.htm,text/plain,text/markdown,text/html"
                            data-testid="article-file"
                            on:change=move |ev| {
                                let input: web_sys::HtmlInputElement = event_target(&ev);
                                if let Some(file) = input.files().and_then(|f| f.get(0)) {
                                    let old = chosen_version();
                                    version_of.set(String::new());
                                    close();
                                    open_file(state, file, old);
                                }
                                input.set_value("");
                            }
                        />
                    </label>
                    <button type="button" on:click=move |_| close()>"Cancel"</button>
                </div>
            }
                .into_any(),
        ),
        LibraryUi::Library => {
            version.track();
            let current = state.document.with(|d| d.id.clone());
            let all = entries(&state);
            let versions = store::decode_versions(state.store().get(store::VERSIONS_KEY).as_deref());
            // "new version of “…”" for a document opened as one, when the earlier one is still here.
            let version_of = |id: &DocumentId| {
                let old = versions.get(id.short())?;
                let title = &all.iter().find(|e| e.document.id.short() == old.as_str())?.document.title;
                Some(format!("new version of “{}”", crate::components::panel::shorten(title, 40)))
            };
            let rows = all
                .clone()
                .into_iter()
                .map(|entry| {
                    let id = entry.document.id.clone();
                    let is_current = id == current;
                    let is_sample = id == crate::state::sample_document().id;
                    let doc = entry.document.clone();
                    let (id_rename, id_delete, id_save) = (id.clone(), id.clone(), id.clone());
                    let date = entry.document.date.map(|d| d.to_long()).unwrap_or_default();
                    let count = match entry.annotations {
                        1 => "1 annotation".to_string(),
                        n => format!("{n} annotations"),
                    };
                    let lineage = version_of(&id).unwrap_or_default();
                    let last = if entry.opened > 0 {
                        format!("opened {}", &quotemark_core::model::Timestamp(entry.opened).to_rfc3339()[..10])
                    } else {
                        "built-in sample".to_string()
                    };
                    view! {
                        <li class="library-item" class:current=is_current data-testid="library-item">
                            {move || match renaming.get() {
                                Some((rid, _)) if rid == id_rename => {
                                    let id_save = id_save.clone();
                                    view! {
                                    <form class="rename" on:submit=move |ev| {
                                        ev.prevent_default();
                                        if let Some((_, t)) = renaming.get_untracked() {
                                            let t = t.trim().to_string();
                                            if !t.is_empty() {
                                                rename(&state, &id_save, &t);
                                            }
                                        }
                                        renaming.set(None);
                                        version.update(|v| *v += 1);
                                    }>
                                        <input
                                            type="text"
                                            aria-label="New title"
                                            prop:value=move || renaming.with(|r| r.as_ref().map(|(_, t)| t.clone()).unwrap_or_default())
                                            on:input=move |ev| {
                                                let v = event_target_value(&ev);
                                                renaming.update(|r| if let Some((_, t)) = r { *t = v });
                                            }
                                        />
                                        <button type="submit" class="primary">"Save"</button>
                                    </form>
                                }
                                    .into_any()
                                }
                                _ => view! {
                                    <div class="library-text">
                                        <span class="library-title">{doc.title.clone()}</span>
                                        <span class="library-meta">
                                            {[date.clone(), count.clone(), last.clone(), lineage.clone()].into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" · ")}
                                        </span>
                                    </div>
                                }
                                    .into_any(),
                            }}
                            <div class="library-actions">
                                <button
                                    type="button"
                                    disabled=is_current
                                    on:click={
                                        let doc = entry.document.clone();
                                        move |_| {
                                            close();
                                            open_document(&state, doc.clone());
                                        }
                                    }
                                >
                                    {if is_current { "Open now" } else { "Open" }}
                                </button>
                                <button
                                    type="button"
                                    on:click={
                                        let t = entry.document.title.clone();
                                        let id = id.clone();
                                        move |_| renaming.set(Some((id.clone(), t.clone())))
                                    }
                                >
                                    "Rename"
                                </button>
                                <button
                                    type="button"
                                    class="danger"
                                    disabled=is_current || is_sample
                                    on:click=move |_| {
                                        let removed = delete_document(&state, &id_delete);
                                        offer_undo_delete(&state, removed, version);
                                        version.update(|v| *v += 1);
                                    }
                                >
                                    "Delete"
                                </button>
                            </div>
                        </li>
                    }
                })
                .collect_view();
            Some(
                view! {
                    <h2 id="library-title">"Library"</h2>
                    <p class="dialog-note">"Every article kept in this browser, most recently opened first."</p>
                    <ul class="library" data-testid="library">{rows}</ul>
                    <div class="dialog-actions">
                        <button type="button" class="primary" on:click=move |_| dialogs.0.set(LibraryUi::Open)>
                            "Open another article…"
                        </button>
                        <button type="button" on:click=move |_| close()>"Close"</button>
                    </div>
                }
                    .into_any(),
            )
        }
    };
    view! {
        <crate::components::notices::Modal
            open=Signal::derive(move || dialogs.0.get() != LibraryUi::Closed)
            labelled_by="library-title"
            testid="library-dialog"
            wide=true
            on_close=move || close()
        >
            {body}
        </crate::components::notices::Modal>
    }
}

fn rename(state: &AppState, id: &DocumentId, title: &str) {
    let store = state.store();
    let key = store::doc_key(id);
    if let Some((mut doc, opened)) = store.get(&key).and_then(|v| store::decode_document(&v).ok()) {
        doc.title = title.to_string();
        let _ = store.set(&key, &store::encode_document(&doc, opened));
    }
    if state.document.with_untracked(|d| &d.id == id) {
        state.document.update(|d| d.title = title.to_string());
    }
    state.announce(&format!("Renamed to “{title}”"));
}

fn offer_undo_delete(state: &AppState, removed: Vec<(String, String)>, version: RwSignal<u32>) {
    let store = state.store();
    // The toast's Undo restores every removed value. (The closure owns the values: the row that
    // offered the Undo is gone by then.)
    state.restore.set_value(Some(std::rc::Rc::new(move || {
        for (k, v) in &removed {
            let _ = store.set(k, v);
        }
        let _ = version.try_update(|v| *v += 1);
    })));
    state.toast.set(Some(Toast { message: "Deleted the article and its annotations".into(), undo: true }));
}
