//! A new version of an annotated article: its annotations are re-anchored in the new text and
//! listed in the review, where the reader confirms a fuzzy match or re-attaches a lost annotation
//! by selecting the passage it belongs to. Both are ordinary edits (undoable, saved).

use leptos::prelude::*;
use super::{annotations, documents, save, Ctx};
use crate::browser::{self, now};
use crate::persist::{self, library};
use crate::state::{rank, Review, ReviewEntry};
use quotemark_core::anchor::{AnchorStatus, AnchorText};
use quotemark_core::document::{Document, DocumentId};
use quotemark_core::merge::MergeReport;
use quotemark_core::model::{Annotation, AnnotationId, Command};
use std::collections::HashSet;

/// The review a document needs when it opens: its annotations still on an earlier version of the
/// text (a target on another `sha256:` document) that are fuzzy or lost here. `None` if there are none.
pub fn pending_review(ctx: &Ctx) -> Option<Review> {
    let doc = ctx.doc.document.with_untracked(|d| d.id.0.clone());
    let mut entries: Vec<(Option<usize>, ReviewEntry)> = ctx.doc.annotations.with_untracked(|set| {
        ctx.doc.anchors.with_untracked(|anchors| {
            set.iter()
                .filter(|a| a.target.source != doc && a.target.source.starts_with("sha256:"))
                .filter_map(|a| {
                    let found = anchors.get(&a.id)?;
                    let entry = ReviewEntry { id: a.id.clone(), found: found.status };
                    entry.needs_check().then(|| (found.span.map(|s| s.start), entry))
                })
                .collect()
        })
    });
    if entries.is_empty() {
        return None;
    }
    quotemark_core::order::sort_by_key(&mut entries, |(start, e)| (rank(e.found), start.unwrap_or(usize::MAX)));
    Some(Review { from: None, entries: entries.into_iter().map(|(_, e)| e).collect() })
}

/// Opens `document` as a new version of the stored document `old`: every annotation of `old` that
/// the new version does not have yet is anchored in the new text. Exact and moved ones are
/// described afresh at their new place; fuzzy and lost ones keep their stored selectors until the
/// reader confirms or re-attaches them. The old version stays in the library as it was.
pub fn open_new_version(ctx: &Ctx, document: Document, old: &DocumentId) {
    save::flush(ctx);
    let store = ctx.saving.store();
    let previous = persist::load(&*store, old, now()).ok().flatten();
    let Some(previous) = previous.filter(|_| *old != document.id) else {
        documents::open_document(ctx, document);
        return;
    };
    let mut annotations: Vec<Annotation> = persist::load(&*store, &document.id, now())
        .ok()
        .flatten()
        .map(|l| l.annotations.iter().cloned().collect())
        .unwrap_or_default();
    let text = AnchorText::new(&document.text);
    let stamp = now();
    let known: HashSet<AnnotationId> = annotations.iter().map(|a| a.id.clone()).collect();
    let incoming: Vec<&Annotation> = previous.annotations.iter().filter(|a| !known.contains(&a.id)).collect();
    // In one pass (each search starts where the previous annotation's move predicts).
    let anchors = text.anchor_all(incoming.iter().map(|a| &a.target));
    let mut found: Vec<(Option<usize>, ReviewEntry)> = Vec::new();
    for (a, anchored) in incoming.into_iter().zip(anchors) {
        let mut a = a.clone();
        if let (AnchorStatus::Exact | AnchorStatus::Moved, Some(span)) = (anchored.status, anchored.span) {
            a.target = text.describe(&document.id.0, span);
            a.modified = stamp;
        }
        found.push((anchored.span.map(|s| s.start), ReviewEntry { id: a.id.clone(), found: anchored.status }));
        annotations.push(a);
    }
    quotemark_core::order::sort_by_key(&mut found, |(start, e)| (rank(e.found), start.unwrap_or(usize::MAX)));
    let entries: Vec<ReviewEntry> = found.into_iter().map(|(_, e)| e).collect();
    let count = entries.len();
    let title = document.title.clone();
    let new_id = document.id.clone();
    browser::set_document_hash(&document.id);
    browser::scroll_to_top();
    documents::replace(ctx, document, annotations.into_iter().collect());
    save_all(ctx);
    // Remembered for the library ("new version of …").
    save::report_other(ctx, "That this is a new version", library::record_version(&*store, &new_id, old));
    let from = format!("“{}”", previous.document.title);
    ctx.notices.announce(&format!("Opened “{title}” as a new version of {from}: {count} annotations re-anchored"));
    ctx.ui.review.set(Some(Review { from: Some(from), entries }));
    // On a phone, unfold the panel so the review is seen.
    ctx.ui.sheet_open.set(true);
}

/// Marks every annotation of the open document as changed and saves them soon (after a document
/// was opened with annotations that are not yet stored for it).
fn save_all(ctx: &Ctx) {
    let ids: Vec<AnnotationId> = ctx.doc.annotations.with_untracked(|set| set.iter().map(|a| a.id.clone()).collect());
    ctx.saving.touch(&ids);
    save::schedule(ctx);
}

/// The re-anchoring review of an applied import: shown when some annotations were not found
/// exactly where they were made, or when the reader chose to re-anchor another version's file.
pub fn review_import(ctx: &Ctx, source: &str, report: &MergeReport, chosen: bool) {
    let mut entries: Vec<ReviewEntry> = report
        .added
        .iter()
        .chain(&report.updated)
        .map(|e| ReviewEntry { id: e.id.clone(), found: e.anchored.status })
        .collect();
    if chosen || entries.iter().any(ReviewEntry::needs_check) {
        quotemark_core::order::sort_by_key(&mut entries, |e| rank(e.found));
        ctx.ui.review.set(Some(Review { from: Some(source.to_string()), entries }));
    }
}

/// Closes the review.
pub fn close_review(ctx: &Ctx) {
    ctx.ui.review.set(None);
    focus_review();
}

/// Accepts a fuzzy match: the annotation is described afresh at the span it was found at.
pub fn confirm(ctx: &Ctx, id: &AnnotationId) {
    let Some(span) = ctx.doc.span_of(id) else { return };
    let Some(before) = ctx.doc.annotations.with_untracked(|s| s.get(id).cloned()) else { return };
    let after = Annotation { target: ctx.doc.describe(span), modified: now(), ..before.clone() };
    if annotations::execute(ctx, Command::Update { before, after }).is_ok() {
        ctx.notices.announce("Match confirmed");
        focus_review();
    }
}

/// Starts re-attaching an annotation: the next selection in the article offers "Attach here".
pub fn start_reattach(ctx: &Ctx, id: &AnnotationId) {
    ctx.ui.editing.set(None);
    // On a phone the panel is a sheet over the article: fold it so the passage can be selected.
    ctx.ui.sheet_open.set(false);
    ctx.ui.reattach.set(Some(id.clone()));
    ctx.notices.announce("Select the passage this annotation belongs to, then choose Attach here");
}

/// Attaches the annotation being re-attached to the pending selection.
pub fn attach_selection(ctx: &Ctx) -> bool {
    let (Some(id), Some(pending)) = (ctx.ui.reattach.get_untracked(), ctx.ui.pending.get_untracked()) else {
        return false;
    };
    let Some(before) = ctx.doc.annotations.with_untracked(|s| s.get(&id).cloned()) else {
        ctx.ui.reattach.set(None);
        return false;
    };
    let after = Annotation { target: ctx.doc.describe(pending.span), modified: now(), ..before.clone() };
    ctx.ui.pending.set(None);
    ctx.ui.reattach.set(None);
    browser::clear_selection();
    if annotations::execute(ctx, Command::Update { before, after }).is_ok() {
        ctx.notices.announce("Re-attached to the selected text");
        ctx.ui.reveal(&id);
        focus_review();
    }
    true
}

/// Moves keyboard focus to the review's heading (after an action that redrew its rows), or to the
/// panel when the review has closed.
fn focus_review() {
    browser::focus_first(&["review-title", "panel-title"]);
}
