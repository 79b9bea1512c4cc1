//! Saving at the edge: after a change, the touched annotations are written once the browser has
//! painted it (several changes in one frame are saved once), a save still pending is written at
//! once before another document opens or the page goes away, and every failure shows the banner
//! that says changes are not being saved (cleared by the next successful save).

use super::Ctx;
use crate::browser::{mark, measure, now};
use crate::persist::{Persistence, Store, WriteError};
use leptos::prelude::*;
use quotemark_core::document::Document;
use quotemark_core::model::AnnotationId;
use std::rc::Rc;

/// The store and what is waiting to be written to it (a cheap, copyable handle).
#[derive(Clone, Copy)]
pub struct Saving {
    store: StoredValue<Rc<dyn Store>, LocalStorage>,
    persistence: StoredValue<Option<Persistence>, LocalStorage>,
    scheduled: StoredValue<bool>,
}

impl Saving {
    pub fn new(store: Rc<dyn Store>) -> Saving {
        Saving {
            store: StoredValue::new_local(store),
            persistence: StoredValue::new_local(None),
            scheduled: StoredValue::new(false),
        }
    }

    /// The store the app keeps its data in.
    pub fn store(&self) -> Rc<dyn Store> {
        self.store.get_value()
    }

    /// Marks annotations as changed (written by the next save).
    pub fn touch<'a>(&self, ids: impl IntoIterator<Item = &'a AnnotationId>) {
        self.persistence.update_value(|p| {
            if let Some(p) = p {
                p.touch(ids);
            }
        });
    }

    /// Asks the next save to write the whole set.
    pub fn rewrite_all(&self) {
        self.persistence.update_value(|p| p.as_mut().map_or((), Persistence::rewrite_all));
    }

    /// Whether a change of this annotation is waiting to be written.
    pub fn is_dirty(&self, id: &AnnotationId) -> bool {
        self.persistence.with_value(|p| p.as_ref().is_some_and(|p| p.is_dirty(id)))
    }

    /// Runs `f` on the open document's persistence.
    pub fn with_persistence<T>(&self, f: impl FnOnce(&mut Persistence) -> T) -> Option<T> {
        let mut out = None;
        self.persistence.update_value(|p| out = p.as_mut().map(f));
        out
    }
}

/// Starts keeping `document` (now open): writes its record and marks it as the one open last.
pub fn start_document(ctx: &Ctx, document: &Document) {
    let (persistence, written) = Persistence::open(ctx.saving.store(), document, now());
    ctx.saving.persistence.set_value(Some(persistence));
    report(ctx, written);
}

/// Starts keeping the document open at start-up: as [`start_document`], with its record written
/// by the first save, after the first paint.
pub fn resume_document(ctx: &Ctx, document: &Document) {
    ctx.saving.persistence.set_value(Some(Persistence::resume(ctx.saving.store(), document, now())));
    schedule(ctx);
}

/// Saves soon: after the browser has painted the change, so that saving thousands of annotations
/// never delays what the reader sees.
pub fn schedule(ctx: &Ctx) {
    if ctx.saving.scheduled.get_value() {
        return;
    }
    ctx.saving.scheduled.set_value(true);
    let ctx = *ctx;
    request_animation_frame(move || {
        set_timeout(move || save_if_scheduled(&ctx), std::time::Duration::ZERO);
    });
}

fn save_if_scheduled(ctx: &Ctx) {
    if ctx.saving.scheduled.try_get_value().unwrap_or(false) {
        ctx.saving.scheduled.set_value(false);
        save(ctx);
    }
}

/// Saves now if a save is pending, and removes the change records a compaction left (when the
/// page is hidden or closed, and before another document replaces this one).
pub fn flush(ctx: &Ctx) {
    save_if_scheduled(ctx);
    tidy(ctx);
}

/// Removes the change records the last compaction folded into the set (see [`Persistence::tidy`]).
fn tidy(ctx: &Ctx) {
    ctx.saving.persistence.try_update_value(|p| {
        if let Some(p) = p.as_mut().filter(|p| p.has_folded()) {
            mark("quotemark:tidy-start");
            p.tidy();
            measure("quotemark:tidy", "quotemark:tidy-start");
        }
    });
}

/// Writes every annotation changed since the last successful save.
pub fn save(ctx: &Ctx) {
    mark("quotemark:save-start");
    let mut result = Ok(());
    ctx.doc.document.with_untracked(|document| {
        ctx.doc.annotations.with_untracked(|set| {
            ctx.saving.persistence.update_value(|p| {
                if let Some(p) = p {
                    let written = p.write_document(document);
                    result = p.flush(set).and(written);
                }
            })
        })
    });
    measure("quotemark:save", "quotemark:save-start");
    report(ctx, result);
    if ctx.saving.persistence.with_value(|p| p.as_ref().is_some_and(Persistence::has_folded)) {
        let ctx = *ctx;
        request_idle_callback(move || tidy(&ctx));
    }
}

/// Shows a failed write as the storage banner (and clears it after one that succeeded).
pub fn report(ctx: &Ctx, result: Result<(), WriteError>) {
    let problem = result.err().map(|e| match e {
        WriteError::QuotaExceeded => "The browser’s storage for Quotemark is full, so your latest changes are kept in this page but not saved. \
             Export them to keep them, or free some space; Quotemark tries again at your next change."
            .to_string(),
        WriteError::Other(e) => {
            format!("Your latest changes could not be saved ({e}). They are kept in this page; export them to keep them.")
        }
    });
    ctx.notices.set_storage_problem(problem);
}

/// Reports a write that is not part of saving the annotations (a rename, a rejected suggestion, the
/// versions record): a failure is said in a toast, naming what was not kept; success changes
/// nothing on screen.
pub fn report_other(ctx: &Ctx, what: &str, result: Result<(), WriteError>) -> bool {
    match result {
        Ok(()) => true,
        Err(e) => {
            ctx.notices.toast(&format!("{what} could not be saved: {e}."));
            false
        }
    }
}
