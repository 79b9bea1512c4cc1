//! The library's operations: list what is kept (the sample always among it), rename a document,
//! delete one with Undo, and say how much of the browser's storage is used.

use super::{documents::sample_document, save, Ctx};
pub use crate::persist::library::Entry;
use crate::persist::library;
use crate::persist::storage::usage_bytes;
use leptos::prelude::*;
use quotemark_core::document::DocumentId;

/// Every stored document, most recently opened first, with the sample among them.
pub fn entries(ctx: &Ctx) -> Vec<Entry> {
    crate::browser::mark("quotemark:library-start");
    let mut list = library::entries(&*ctx.saving.store());
    crate::browser::measure("quotemark:library-read", "quotemark:library-start");
    let sample = sample_document();
    if !list.iter().any(|e| e.document.id == sample.id) {
        list.push(Entry { document: sample, opened: 0, annotations: 0 });
    }
    quotemark_core::order::sort_by(&mut list, |a, b| b.opened.cmp(&a.opened).then_with(|| a.document.title.cmp(&b.document.title)));
    list
}

/// Which document was opened as a new version of which (short ids: new → old).
pub fn versions(ctx: &Ctx) -> std::collections::BTreeMap<String, String> {
    library::versions(&*ctx.saving.store())
}

/// Gives a document a new title, in the store and, if it is open, on screen.
pub fn rename(ctx: &Ctx, id: &DocumentId, title: &str) {
    let title = title.trim();
    if title.is_empty() {
        return;
    }
    let stored = library::rename(&*ctx.saving.store(), id, title);
    if ctx.doc.document.with_untracked(|d| &d.id == id) {
        ctx.doc.retitle(title);
    }
    if save::report_other(ctx, "The new title", stored.map(|_| ())) {
        ctx.notices.announce(&format!("Renamed to “{title}”"));
    }
}

/// Deletes a stored document and its annotations, offering Undo in a toast; `changed` is bumped
/// after the deletion and after an Undo (so that the library list redraws).
pub fn delete(ctx: &Ctx, id: &DocumentId, changed: RwSignal<u32>) {
    let store = ctx.saving.store();
    let removed = match library::delete(&*store, id) {
        Ok(removed) => removed,
        Err(e) => {
            ctx.notices.toast(&format!("The article could not be deleted: {e}."));
            return;
        }
    };
    changed.update(|v| *v += 1);
    let ctx = *ctx;
    // The toast's Undo writes back every removed value. (The closure owns them: the row that
    // offered the Undo is gone by then.)
    ctx.notices.toast_with_restore("Deleted the article and its annotations", move || {
        if save::report_other(&ctx, "The deleted article", library::restore(&*store, &removed)) {
            ctx.notices.announce("Restored the article and its annotations");
        }
        let _ = changed.try_update(|v| *v += 1);
    });
}

/// How much of the browser's storage Quotemark uses, as a sentence for the menu.
pub fn usage(ctx: &Ctx) -> String {
    if !ctx.notices.persistent {
        return "Not saved: this browser's local storage is unavailable".to_string();
    }
    let bytes = usage_bytes(&*ctx.saving.store());
    format!("Saved in this browser: {:.2} MB of about 5 MB", bytes as f64 / 1_048_576.0)
}

/// What a library search looks in: an entry's title, source and text (read from the store),
/// lowercased.
pub fn search_text(ctx: &Ctx, entry: &Entry) -> String {
    let d = &entry.document;
    let text = if entry.document.id == sample_document().id {
        sample_document().text
    } else {
        library::document(&*ctx.saving.store(), &d.id).map(|d| d.text).unwrap_or_default()
    };
    let mut out = String::with_capacity(d.title.len() + text.len() + 2);
    out.push_str(&d.title.to_lowercase());
    out.push('\n');
    out.push_str(&d.source.as_deref().unwrap_or_default().to_lowercase());
    out.push('\n');
    out.push_str(&text.to_lowercase());
    out
}

/// Opens a document of the library (read whole from the store; the list holds no texts).
pub fn open(ctx: &Ctx, id: &DocumentId) {
    let sample = sample_document();
    let document = if *id == sample.id { Some(sample) } else { library::document(&*ctx.saving.store(), id) };
    match document {
        Some(document) => super::documents::open_document(ctx, document),
        None => ctx.notices.toast("This article could not be read from the browser's storage; nothing was changed."),
    }
}
