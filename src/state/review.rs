//! The re-anchoring review: how each annotation brought over from another version of the text
//! was found in this one, and which of them still need the reader.

use leptos::prelude::*;
use super::document::DocState;
use quotemark_core::anchor::AnchorStatus;
use quotemark_core::model::AnnotationId;

/// The outcome of opening a new version (or importing a file made on one).
#[derive(Clone, Debug, PartialEq)]
pub struct Review {
    /// Where the annotations came from (a title, or a title and a file name), when known: after a
    /// reload the review is rebuilt from what still needs checking, and then it is not.
    pub from: Option<String>,
    /// One entry per re-anchored annotation: fuzzy ones first, then those not found, then moved
    /// and exact ones, each group in document order.
    pub entries: Vec<ReviewEntry>,
}

/// How one annotation was found in the new version. Whether the reader has since confirmed or
/// re-attached it is read from the annotation itself (see [`is_resolved`]), so undo and redo are
/// reflected as they happen.
#[derive(Clone, Debug, PartialEq)]
pub struct ReviewEntry {
    pub id: AnnotationId,
    pub found: AnchorStatus,
}

impl ReviewEntry {
    /// A fuzzy match or a lost annotation: what the reader is asked to check.
    pub fn needs_check(&self) -> bool {
        matches!(self.found, AnchorStatus::Fuzzy { .. } | AnchorStatus::Orphan)
    }

    /// Needs the reader still: to be checked and not yet settled.
    pub fn is_open(&self, doc: &DocState) -> bool {
        self.needs_check() && !is_resolved(doc, &self.id)
    }
}

/// Whether a fuzzy or lost annotation has been settled: its target is now on the open document
/// and found exactly there.
pub fn is_resolved(doc: &DocState, id: &AnnotationId) -> bool {
    let on_document =
        doc.document.with(|d| doc.annotations.with(|set| set.get(id).is_some_and(|a| a.target.source == d.id.0)));
    on_document && doc.anchors.with(|a| a.get(id).is_some_and(|x| x.status == AnchorStatus::Exact))
}

/// Review order: what needs the reader first.
pub fn rank(s: AnchorStatus) -> u8 {
    match s {
        AnchorStatus::Fuzzy { .. } => 0,
        AnchorStatus::Orphan => 1,
        AnchorStatus::Moved => 2,
        AnchorStatus::Exact => 3,
    }
}
