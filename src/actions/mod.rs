//! Actions: every operation that changes data — open a document or a new version of one, edit,
//! undo, import, review, accept a suggestion, rename or delete in the library, back it up and restore it — as plain
//! functions over [`Ctx`], called by the views and the keyboard shortcuts. They change the state
//! through its methods and save at the edge ([`save`]), and they report every failure to the
//! reader. They may use the state, storage, the core and the browser glue, never a component.

pub mod annotations;
pub mod backup;
pub mod compare;
pub mod documents;
pub mod import;
pub mod insights;
pub mod library;
pub mod offline;
pub mod review;
pub mod save;
pub mod suggest;

use crate::browser::{mark, now};
use crate::persist::{self, Store};
use crate::state::{Audit, Compare, DocState, Notices, UiState};
use leptos::prelude::*;
use quotemark_core::model::AnnotationSet;
use save::Saving;
use std::rc::Rc;

/// The handles an action works on: the state (each part also provided as its own context, for
/// views that only read it) and the saving edge.
#[derive(Clone, Copy)]
pub struct Ctx {
    pub doc: DocState,
    pub ui: UiState,
    pub notices: Notices,
    pub audit: Audit,
    pub compare: Compare,
    pub saving: Saving,
}

impl Ctx {
    /// Opens the document open last (or the built-in sample) from `store`, after moving records of
    /// earlier layouts to the current one; what could not be read is set aside and listed.
    pub fn start(store: Rc<dyn Store>) -> Ctx {
        let mut notes = Vec::new();
        persist::migrate(&*store, now(), &mut notes);
        let last = persist::current_id(&*store).and_then(|id| {
            persist::load(&*store, &id, now()).unwrap_or_else(|note| {
                notes.push(note);
                None
            })
        });
        let (document, annotations, rewrite) = match last {
            Some(loaded) => {
                notes.extend(loaded.problems);
                (loaded.document, loaded.annotations, loaded.rewrite)
            }
            None => {
                // The sample, with whatever was saved for it before.
                let sample = documents::sample_document();
                match persist::load(&*store, &sample.id, now()) {
                    Ok(Some(loaded)) => {
                        notes.extend(loaded.problems);
                        (sample, loaded.annotations, loaded.rewrite)
                    }
                    Ok(None) => (sample, AnnotationSet::default(), false),
                    Err(note) => {
                        notes.push(note);
                        (sample, AnnotationSet::default(), false)
                    }
                }
            }
        };
        mark("quotemark:loaded");
        let (roles, note) = persist::settings::roles(&*store, now());
        notes.extend(note);
        let (review, note) = persist::settings::review_settings(&*store, now());
        notes.extend(note);
        let ctx = Ctx {
            doc: DocState::new(document.clone(), annotations),
            ui: UiState::new(),
            notices: Notices::new(store.persistent(), notes),
            audit: Audit::new(roles, review),
            compare: Compare::new(),
            saving: Saving::new(store),
        };
        save::resume_document(&ctx, &document);
        compare::load_for_document(&ctx);
        ctx.ui.review.set(review::pending_review(&ctx));
        if rewrite {
            // Some records were set aside with the set they were in: write the good ones again.
            ctx.saving.rewrite_all();
            save::schedule(&ctx);
        }
        mark("quotemark:state-ready");
        ctx
    }

    /// Provides the context and each part of the state as its own context.
    pub fn provide(self) {
        provide_context(self);
        provide_context(self.doc);
        provide_context(self.ui);
        provide_context(self.notices);
        provide_context(self.audit);
        provide_context(self.compare);
    }
}
