//! Import and export. An import (a picked or dropped file, pasted JSON, an opened share link) is
//! first planned — checked and merged without changing anything — and shown in the preview; only
//! Apply changes the annotations, as one undoable change. Exports: JSON (file or clipboard), CSV,
//! a Markdown report and a share link.

use leptos::prelude::*;
use super::{annotations, backup, documents, review, Ctx};
use crate::browser::{self, mark, measure, now};
use crate::later::{self, Export};
use crate::persist;
use crate::state::{ImportPlan, ImportState};
use quotemark_core::format::{Imported, ImportedFile};
use quotemark_core::merge::{merge, Merge};
use quotemark_core::model::Annotation;
use quotemark_core::{report, share};

/// Files larger than this are refused before reading.
pub const MAX_IMPORT_BYTES: f64 = 20.0 * 1024.0 * 1024.0;

/// Checks a file and works out what importing it (or, for a library backup, restoring it) would
/// do, without changing anything; the file is read by the imports chunk (loaded on first use).
async fn plan_import(ctx: &Ctx, source: &str, json: String) -> Result<ImportState, String> {
    // Timed from before the read (the first import also fetches the imports chunk).
    mark("quotemark:import-start");
    let read = later::read_import(json).await.map_err(|e| e.message("Importing"))?;
    let plan = match read? {
        ImportedFile::Annotations(imported) => plan(ctx, source, imported).map(|p| ImportState::Preview(Box::new(p))),
        ImportedFile::Library(backup) => Ok(ImportState::Restore(Box::new(backup::plan_restore(ctx, source, backup)))),
    };
    measure("quotemark:import", "quotemark:import-start");
    plan
}

fn plan(ctx: &Ctx, source: &str, imported: Imported) -> Result<ImportPlan, String> {
    let current = ctx.doc.document.get_untracked();
    let roles = imported.document.as_ref().map(|d| d.roles.clone()).unwrap_or_default();
    let (target_doc, existing, other) = match imported.document {
        Some(d) if d.id != current.id => match d.to_document() {
            Some(doc) => {
                let existing = persist::load(&*ctx.saving.store(), &doc.id, now())
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
        _ => (current.clone(), ctx.doc.annotations.get_untracked(), None),
    };
    let merge = merge(&existing, &imported.annotations, &target_doc.text);
    let incoming = other.is_some().then_some(imported.annotations);
    Ok(ImportPlan { source: source.to_string(), other_document: other, merge, incoming, roles })
}

/// Plans an import (or a restore) and shows the preview (or why nothing can be imported).
pub fn preview(ctx: &Ctx, source: &str, json: String) {
    let (ctx, source) = (*ctx, source.to_string());
    leptos::task::spawn_local(async move {
        let next = match plan_import(&ctx, &source, json).await {
            Ok(state) => state,
            Err(message) => ImportState::Failed { source, message },
        };
        ctx.ui.import.set(next);
    });
}

/// The merge of another version's annotations onto the open article.
pub fn merge_onto_open(ctx: &Ctx, incoming: &[Annotation]) -> Merge {
    ctx.doc.document.with_untracked(|d| ctx.doc.annotations.with_untracked(|set| merge(set, incoming, &d.text)))
}

/// Applies a previewed import as one undoable change (opening its article first if needed, unless
/// `onto_open`: then the annotations are re-anchored onto the open article).
pub fn apply_import(ctx: &Ctx, plan: ImportPlan, onto_open: Option<Merge>) {
    let chosen = onto_open.is_some();
    super::insights::add_roles(ctx, &plan.roles);
    let (merge, from) = match (plan.other_document, onto_open) {
        (Some((doc, _)), Some(onto)) => (onto, format!("“{}” ({})", doc.title, plan.source)),
        // The source is a file name or "pasted JSON": named as it is.
        (other, _) => {
            if let Some((doc, existing)) = other {
                documents::replace(ctx, doc, existing);
            }
            (plan.merge, plan.source)
        }
    };
    let summary = merge.report.to_string();
    if merge.is_noop() {
        ctx.notices.announce(&format!("Nothing to import: {summary}"));
        return;
    }
    let Merge { report, command } = merge;
    match annotations::execute(ctx, command) {
        Ok(()) => {
            let message = format!("Imported: {summary}");
            ctx.notices.announce(&message);
            ctx.notices.toast_with_undo(&message);
            review::review_import(ctx, &from, &report, chosen);
        }
        Err(e) => ctx.notices.announce(&format!("Import failed: {e}")),
    }
}

/// Reads a picked or dropped file and previews it.
pub fn import_file(ctx: &Ctx, file: web_sys::File) {
    let name = file.name();
    let ctx = *ctx;
    let progress = move |message: String| ctx.ui.import.set(ImportState::Reading(message));
    leptos::task::spawn_local(async move {
        match read_text_file(&file, progress).await {
            Ok(text) => preview(&ctx, &name, text),
            Err(message) => ctx.ui.import.set(ImportState::Failed { source: name, message }),
        }
    });
}

/// Reads a JSON file as text (size and encoding checked), saying how far it got through
/// `progress`, and lets the browser paint before the caller's (synchronous) check of it.
pub async fn read_text_file(file: &web_sys::File, progress: impl Fn(String)) -> Result<String, String> {
    let (name, size) = (file.name(), file.size());
    if size > MAX_IMPORT_BYTES {
        return Err(format!(
            "This file is {:.1} MB; Quotemark imports files of up to {} MB.",
            size / 1_048_576.0,
            MAX_IMPORT_BYTES as u64 / 1_048_576
        ));
    }
    progress(format!("Reading {name} ({:.1} MB)…", size / 1_048_576.0));
    let bytes = browser::file_bytes(file).await.ok_or_else(|| "The file could not be read.".to_string())?;
    progress(format!("Checking {name}…"));
    browser::next_frame().await;
    let text = String::from_utf8(bytes).map_err(|e| {
        format!(
            "This is not a text file: it has bytes that are not UTF-8 at byte {}. Quotemark imports JSON files.",
            e.utf8_error().valid_up_to()
        )
    })?;
    Ok(text.trim_start_matches('\u{feff}').to_string())
}

/// A dropped file: an article (.txt, .md, .html) opens; anything else is imported as annotations.
pub fn drop_file(ctx: &Ctx, file: web_sys::File) {
    if quotemark_core::reader::SourceKind::from_file_name(&file.name()).is_some() {
        documents::open_file(ctx, file, None);
    } else {
        import_file(ctx, file);
    }
}

/// Opens a share link's annotations (from `#share=…`) in the preview, then clears the fragment.
pub fn open_share_link(ctx: &Ctx) {
    let hash = browser::hash();
    let Some(payload) = share::parse_fragment(&hash) else { return };
    let source = "a share link";
    let (ctx, payload) = (*ctx, payload.to_string());
    leptos::task::spawn_local(async move {
        match later::decode_share(payload).await {
            Ok(Ok(json)) => preview(&ctx, source, json),
            Ok(Err(e)) => ctx.ui.import.set(ImportState::Failed {
                source: source.to_string(),
                message: format!("This share link is damaged: {e}."),
            }),
            Err(e) => ctx.ui.import.set(ImportState::Failed { source: source.to_string(), message: e.message("Opening a share link") }),
        }
    });
    browser::clear_hash();
}

/// Writes the open document's annotations as `kind`, in the exports chunk (loaded on first use);
/// `Err` is the message to show when it could not be loaded.
pub async fn exported(ctx: &Ctx, kind: Export) -> Result<String, String> {
    let document = ctx.doc.document.get_untracked();
    let annotations = ctx.doc.annotations.get_untracked();
    let roles = ctx.audit.roles.get_untracked();
    later::export(kind, document, annotations, roles).await.map_err(|e| e.message("Exporting"))
}

fn stem(ctx: &Ctx) -> String {
    ctx.doc.document.with_untracked(report::file_stem)
}

/// Offers `contents` as a file and says so (or that the download could not start).
pub fn download(ctx: &Ctx, name: &str, mime: &str, contents: &str) {
    match browser::download(name, mime, contents) {
        Ok(()) => ctx.notices.announce(&format!("Downloaded {name}")),
        Err(_) => ctx.notices.toast("The download could not start"),
    }
}

/// Downloads the open document's annotations written as `kind` under `name`.
pub fn download_as(ctx: &Ctx, kind: Export, name: String, mime: &'static str) {
    let ctx = *ctx;
    leptos::task::spawn_local(async move {
        match exported(&ctx, kind).await {
            Ok(contents) => download(&ctx, &name, mime, &contents),
            Err(why) => ctx.notices.toast(&why),
        }
    });
}

/// Downloads the annotations as a Quotemark JSON file (document embedded).
pub fn download_json(ctx: &Ctx) {
    download_as(ctx, Export::Json, format!("{}.json", stem(ctx)), "application/json");
}

/// Downloads one CSV row per annotation.
pub fn download_csv(ctx: &Ctx) {
    download_as(ctx, Export::Csv, format!("{}.csv", stem(ctx)), "text/csv");
}

/// Downloads a Markdown report of the article's quotes and claims.
pub fn download_markdown(ctx: &Ctx) {
    download_as(ctx, Export::Markdown, format!("{}.md", stem(ctx)), "text/markdown");
}

/// Copies what `text` comes to (its chunk loaded first) and says so with `done`, or says why not.
fn copy(ctx: &Ctx, text: impl std::future::Future<Output = Result<(String, &'static str), String>> + 'static) {
    let ctx = *ctx;
    leptos::task::spawn_local(async move {
        let message = match text.await {
            Ok((text, done)) if browser::copy_text(&text).await => done.to_string(),
            Ok(_) => "The clipboard is not available here".to_string(),
            Err(why) => why,
        };
        ctx.notices.toast(&message);
    });
}

/// Copies the annotations as JSON.
pub fn copy_json(ctx: &Ctx) {
    let c = *ctx;
    copy(ctx, async move { Ok((exported(&c, Export::Json).await?, "Copied the annotations as JSON")) });
}

/// Copies a link that carries the annotations (and the article, when it is short enough).
pub fn copy_share_link(ctx: &Ctx) {
    let document = ctx.doc.document.get_untracked();
    let annotations = ctx.doc.annotations.get_untracked();
    copy(ctx, async move {
        let (fragment, with_text) = later::share_fragment(document, annotations).await.map_err(|e| e.message("Making a share link"))?;
        let done = if with_text {
            "Copied a share link (it carries the article too)"
        } else {
            "Copied a share link (the article was too long to include: the recipient needs it open)"
        };
        Ok((format!("{}#{fragment}", browser::base_url()), done))
    });
}
