//! Bring your own article — paste it, or open a .txt, .md or .html file, perhaps as a new version
//! of one already annotated — and the library of every document kept in this browser.

use crate::actions::{backup, documents, import, library, offline, Ctx};
use crate::components::later::Later;
use crate::components::notices::Modal;
use crate::later::split_point;
use crate::actions::library::Entry;
use crate::state::Dialog;
use crate::text::{count, shorten};
use leptos::prelude::*;
use quotemark_core::document::DocumentId;
use quotemark_core::model::Timestamp;

/// The header's buttons that open the dialogs.
#[component]
pub fn LibraryButtons() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    view! {
        <button type="button" class="header-button" on:click=move |_| ctx.ui.dialog.set(Dialog::OpenArticle)>
            "Open"<span class="wide-only">" article"</span>
        </button>
        <button type="button" class="header-button" on:click=move |_| ctx.ui.dialog.set(Dialog::Library)>
            "Library"
        </button>
    }
}

/// The "Open an article" dialog and the library.
#[component]
pub fn LibraryDialog() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let dialog = ctx.ui.dialog;
    let body = move || match dialog.get() {
        Dialog::Closed | Dialog::Insights => None,
        Dialog::OpenArticle => Some(view! { <Later load=open_article_body what="Opening an article" /> }.into_any()),
        Dialog::Library => Some(view! { <Later load=library_body what="The library" /> }.into_any()),
    };
    view! {
        <Modal
            open=Signal::derive(move || matches!(dialog.get(), Dialog::OpenArticle | Dialog::Library))
            labelled_by="library-title"
            testid="library-dialog"
            wide=true
            on_close=move || dialog.set(Dialog::Closed)
        >
            {body}
        </Modal>
    }
}

split_point! {
    library:
    /// Opening an article: loaded on first use.
    pub fn open_article_body() -> AnyView {
        view! { <OpenArticle /> }.into_any()
    }
}

split_point! {
    library:
    /// The library's list, search and backup: loaded on first use.
    pub fn library_body() -> AnyView {
        view! { <Library /> }.into_any()
    }
}

/// Paste an article or pick a file; optionally as a new version of an annotated one.
#[component]
fn OpenArticle() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let pasted = RwSignal::new(String::new());
    let title = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    // The stored document the article opened here is a new version of ("" for none).
    let version_of = RwSignal::new(String::new());
    let chosen_version = move || {
        let hex = version_of.get_untracked();
        (!hex.is_empty()).then(|| DocumentId(format!("sha256:{hex}")))
    };
    let close = move || ctx.ui.dialog.set(Dialog::Closed);
    let open_pasted = move || {
        let (text, given) = (pasted.get_untracked(), title.get_untracked());
        match documents::open_pasted(&ctx, &text, &given, chosen_version()) {
            Ok(()) => close(),
            Err(why) => error.set(Some(why)),
        }
    };
    let candidates = library::entries(&ctx).into_iter().filter(|e| e.annotations > 0).map(|e| {
        let label = format!("{} ({})", e.document.title, count(e.annotations, "annotation", "annotations"));
        view! { <option value=e.document.id.short().to_string()>{label}</option> }
    });
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
                {candidates.collect_view()}
            </select>
            <small class="field-note">"Its annotations are found again in the new text, and you can check each one."</small>
        </label>
        {move || error.get().map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
        <div class="dialog-actions">
            <button type="button" class="primary" on:click=move |_| open_pasted()>
                "Open"
            </button>
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
                            close();
                            documents::open_file(&ctx, file, old);
                        }
                        input.set_value("");
                    }
                />
            </label>
            <button type="button" on:click=move |_| close()>
                "Cancel"
            </button>
        </div>
    }
}

/// How many of the library's articles are listed before "Show … more".
const FIRST_ROWS: usize = 50;

/// Every stored document, most recently opened first, with a search over their titles, sources
/// and texts.
#[component]
fn Library() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    // Bumped when the list changes (a rename, a deletion, an Undo).
    let changed = RwSignal::new(0u32);
    let renaming = RwSignal::new(None::<(DocumentId, String)>);
    let query = RwSignal::new(String::new());
    let all = Memo::new(move |_| {
        changed.track();
        // The articles kept only in the browser's database are listed once they are read.
        ctx.notices.vault_steps.track();
        library::entries(&ctx)
    });
    // What a search looks in, lowercased once per listing rather than at each key pressed.
    // (Read at the first search: listing reads no texts.)
    let haystacks = Memo::new(move |_| all.with(|all| all.iter().map(|e| library::search_text(&ctx, e)).collect::<Vec<String>>()));
    // Past the first rows, a long library is listed on request (or searched).
    let show_all = RwSignal::new(false);
    let matching = Memo::new(move |_| {
        let q = query.get().trim().to_lowercase();
        if q.is_empty() {
            return (0..all.with(Vec::len)).collect::<Vec<usize>>();
        }
        haystacks.with(|h| (0..h.len()).filter(|&i| h[i].contains(q.as_str())).collect())
    });
    let shown = Memo::new(move |_| {
        let mut m = matching.get();
        if !show_all.get() {
            m.truncate(FIRST_ROWS);
        }
        m
    });
    let more = move || matching.with(Vec::len).saturating_sub(shown.with(Vec::len));
    let rows = move || {
        all.with(|all| {
            let versions = library::versions(&ctx);
            // "new version of “…”" for a document opened as one, when the earlier one is still here.
            let lineage = |id: &DocumentId| {
                let old = versions.get(id.short())?;
                let title = &all.iter().find(|e| e.document.id.short() == old.as_str())?.document.title;
                Some(format!("new version of “{}”", shorten(title, 40)))
            };
            shown
                .get()
                .into_iter()
                .map(|i| {
                    let entry = &all[i];
                    let lineage = lineage(&entry.document.id).unwrap_or_default();
                    view! { <LibraryRow entry=entry.clone() lineage=lineage renaming=renaming changed=changed /> }
                })
                .collect_view()
        })
    };
    let found = move || {
        let (n, total) = (matching.with(Vec::len), all.with(Vec::len));
        if query.with(|q| q.trim().is_empty()) {
            String::new()
        } else if n == 0 {
            format!("No article of the {total} here has these words.")
        } else {
            format!("{} of {total}.", count(n, "article matches", "articles match"))
        }
    };
    view! {
        <h2 id="library-title">"Library"</h2>
        <p class="dialog-note">"Every article kept in this browser, most recently opened first."</p>
        <Show when=move || { all.with(|a| a.len() > 5) || !query.with(String::is_empty) }>
            <div class="library-search">
                <input
                    type="search"
                    aria-label="Search the library"
                    placeholder="Search titles, sources and texts"
                    data-testid="library-search"
                    prop:value=move || query.get()
                    on:input=move |ev| query.set(event_target_value(&ev))
                />
                <p class="dialog-note" role="status" data-testid="library-found">{found}</p>
            </div>
        </Show>
        <ul class="library" data-testid="library">
            {rows}
        </ul>
        <Show when=move || { more() > 0 }>
            <button type="button" class="library-more" data-testid="library-more" on:click=move |_| show_all.set(true)>
                {move || format!("Show {} more", more())}
            </button>
        </Show>
        <StorageNote changed=changed />
        <Backup />
        <div class="dialog-actions">
            <button type="button" class="primary" on:click=move |_| ctx.ui.dialog.set(Dialog::OpenArticle)>
                "Open another article…"
            </button>
            <button type="button" on:click=move |_| ctx.ui.dialog.set(Dialog::Closed)>
                "Close"
            </button>
        </div>
    }
}

/// Download the whole library as one file, or restore one (through the import preview).
#[component]
fn Backup() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let file_input = NodeRef::<leptos::html::Input>::new();
    view! {
        <div class="backup" role="group" aria-label="Backup">
            <p class="dialog-note">"A backup is one file with every article and its annotations, to keep or to move to another browser."</p>
            <button type="button" data-testid="backup-download" on:click=move |_| backup::download_backup(&ctx)>
                "Download a backup"
            </button>
            <button type="button" on:click=move |_| if let Some(input) = file_input.get() { input.click() }>
                "Restore a backup…"
            </button>
            <input
                type="file"
                accept=".json,application/json,application/ld+json"
                class="sr-only"
                tabindex="-1"
                aria-label="Restore a backup from a file"
                data-testid="backup-file"
                node_ref=file_input
                on:change=move |ev| {
                    let input: web_sys::HtmlInputElement = event_target(&ev);
                    if let Some(file) = input.files().and_then(|f| f.get(0)) {
                        ctx.ui.dialog.set(Dialog::Closed);
                        import::import_file(&ctx, file);
                    }
                    input.set_value("");
                }
            />
        </div>
    }
}

/// What the browser keeps for Quotemark and whether it keeps it until the reader deletes it,
/// with a button to ask for that, and one to bring back articles only the browser's database
/// still holds.
#[component]
fn StorageNote(changed: RwSignal<u32>) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let shown = RwSignal::new(None::<offline::StorageUse>);
    // Read again at each step of the database copy (the library may open while it is under way).
    Effect::new(move |_| {
        ctx.notices.vault_steps.track();
        offline::storage_use(&ctx, move |u| {
            let _ = shown.try_set(Some(u));
        });
    });
    let text = move || shown.get().map(|u| u.describe()).filter(|t| !t.is_empty());
    let can_ask = move || shown.get().is_some_and(|u| u.persisted == Some(false));
    view! {
        <Show when=move || text().is_some()>
            <p class="dialog-note storage-note" data-testid="storage-note">
                {text}
                <Show when=can_ask>
                    " "
                    <button type="button" class="link-button" on:click=move |_| offline::keep_now(&ctx, move |u| {
                        let _ = shown.try_set(Some(u));
                    })>
                        "Ask the browser to keep it"
                    </button>
                </Show>
                <Show when=move || shown.get().is_some_and(|u| offline::can_bring_back(&u))>
                    " "
                    <button type="button" class="link-button" on:click=move |_| offline::bring_back(&ctx, changed, move |u| {
                        let _ = shown.try_set(Some(u));
                    })>
                        "Bring them back"
                    </button>
                </Show>
            </p>
        </Show>
    }
}

/// One stored document: its title and facts (or the rename form), Open, Rename and Delete.
#[component]
fn LibraryRow(
    entry: Entry,
    lineage: String,
    renaming: RwSignal<Option<(DocumentId, String)>>,
    changed: RwSignal<u32>,
) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let id = entry.document.id.clone();
    let is_current = ctx.doc.document.with_untracked(|d| d.id == id);
    let is_sample = id == documents::sample_document().id;
    let date = entry.document.date.map(|d| d.to_long()).unwrap_or_default();
    let last = if entry.opened > 0 {
        format!("opened {}", &Timestamp(entry.opened).to_rfc3339()[..10])
    } else {
        "built-in sample".to_string()
    };
    let facts = [date, count(entry.annotations, "annotation", "annotations"), last, lineage]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" · ");
    let title = entry.document.title.clone();
    let (id_rename, id_form, id_delete) = (id.clone(), id.clone(), id.clone());
    let id_open = id.clone();
    let text = move || match renaming.get() {
        Some((rid, _)) if rid == id_rename => view! { <RenameForm id=id_form.clone() renaming=renaming changed=changed /> }.into_any(),
        _ => view! {
            <div class="library-text">
                <span class="library-title">{title.clone()}</span>
                <span class="library-meta">{facts.clone()}</span>
            </div>
        }
        .into_any(),
    };
    view! {
        <li class="library-item" class:current=is_current data-testid="library-item">
            {text}
            <div class="library-actions">
                <button
                    type="button"
                    disabled=is_current
                    on:click=move |_| {
                        ctx.ui.dialog.set(Dialog::Closed);
                        library::open(&ctx, &id_open);
                    }
                >
                    {if is_current { "Open now" } else { "Open" }}
                </button>
                <button type="button" on:click=move |_| renaming.set(Some((id.clone(), entry.document.title.clone())))>
                    "Rename"
                </button>
                <button
                    type="button"
                    class="danger"
                    disabled=is_current || is_sample
                    on:click=move |_| library::delete(&ctx, &id_delete, changed)
                >
                    "Delete"
                </button>
            </div>
        </li>
    }
}

/// The title of a library entry, being renamed.
#[component]
fn RenameForm(id: DocumentId, renaming: RwSignal<Option<(DocumentId, String)>>, changed: RwSignal<u32>) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    view! {
        <form
            class="rename"
            on:submit=move |ev| {
                ev.prevent_default();
                if let Some((_, t)) = renaming.get_untracked() {
                    library::rename(&ctx, &id, &t);
                }
                renaming.set(None);
                changed.update(|v| *v += 1);
            }
        >
            <input
                type="text"
                aria-label="New title"
                prop:value=move || renaming.with(|r| r.as_ref().map(|(_, t)| t.clone()).unwrap_or_default())
                on:input=move |ev| {
                    let v = event_target_value(&ev);
                    renaming.update(|r| if let Some((_, t)) = r { *t = v });
                }
            />
            <button type="submit" class="primary">
                "Save"
            </button>
        </form>
    }
}
