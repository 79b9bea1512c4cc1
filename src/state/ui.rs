//! What the reader is doing on the page: the annotation being edited, the selection waiting to
//! be tagged, what is hovered and selected, which sheet or dialog is open. View state, so views
//! may set it directly (hovering, opening a dialog); what changes data goes through the actions.

use super::review::Review;
use leptos::prelude::*;
use quotemark_core::document::Document;
use quotemark_core::filter::Filter;
use quotemark_core::merge::Merge;
use quotemark_core::model::{Annotation, AnnotationId, AnnotationSet, Span};

/// What the editor in the side panel shows.
#[derive(Clone, Debug, PartialEq)]
pub enum Editing {
    /// A new annotation, not yet saved (Esc discards it).
    New(Annotation),
    /// An existing annotation, by id.
    Existing(AnnotationId),
}

/// A selection in the article waiting to be tagged, with where to show the toolbar (page coordinates).
#[derive(Clone, Debug, PartialEq)]
pub struct Pending {
    pub span: Span,
    pub x: f64,
    pub y: f64,
}

/// Overlapping annotations under a click, for the reader to choose from, and where (page coordinates).
#[derive(Clone, Debug, PartialEq)]
pub struct Chooser {
    pub ids: Vec<AnnotationId>,
    pub x: f64,
    pub y: f64,
}

/// Which of the header's dialogs is open.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dialog {
    Closed,
    /// "Open an article": paste or pick a file.
    OpenArticle,
    Library,
    /// Who is quoted, claims by status, the research and ClaimReview exports.
    Insights,
}

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
    pub incoming: Option<Vec<Annotation>>,
    /// The roles the file gives its quoted people (added to the reader's where they set none).
    pub roles: quotemark_core::insights::Roles,
}

/// What restoring a library backup would do to one of its articles.
#[derive(Clone)]
pub struct RestoreArticle {
    pub document: Document,
    /// Whether the library has it already (else it is added).
    pub stored: bool,
    /// Whether it is the article open now.
    pub open: bool,
    /// Its annotations here, before the restore.
    pub existing: AnnotationSet,
    /// The backup's annotations merged into them (nothing is deleted; the newer state of each wins).
    pub merge: Merge,
}

/// What restoring a library backup would do, shown before anything changes.
#[derive(Clone)]
pub struct RestorePlan {
    /// Where it came from: a file name or "pasted JSON".
    pub source: String,
    pub articles: Vec<RestoreArticle>,
    /// Version links (short ids: new → old).
    pub versions: std::collections::BTreeMap<String, String>,
    /// The roles the backup gives quoted people (added to the reader's where they set none).
    pub roles: quotemark_core::insights::Roles,
}

impl RestorePlan {
    /// Whether applying it would change nothing.
    pub fn is_noop(&self) -> bool {
        self.articles.iter().all(|a| a.stored && a.merge.is_noop())
    }
}

/// The import dialog.
#[derive(Clone)]
pub enum ImportState {
    Closed,
    Paste,
    Reading(String),
    Failed { source: String, message: String },
    Preview(Box<ImportPlan>),
    /// A backup of a whole library, to restore.
    Restore(Box<RestorePlan>),
}

/// The page's view state (a cheap, copyable handle).
#[derive(Clone, Copy)]
pub struct UiState {
    pub editing: RwSignal<Option<Editing>>,
    pub pending: RwSignal<Option<Pending>>,
    pub hovered: RwSignal<Option<AnnotationId>>,
    pub selected: RwSignal<Option<AnnotationId>>,
    /// An annotation to scroll to and flash in the article, with a counter so that asking twice
    /// flashes twice.
    pub reveal: RwSignal<Option<(AnnotationId, u32)>>,
    /// Overlapping annotations under a click.
    pub chooser: RwSignal<Option<Chooser>>,
    /// An orphan waiting for the reader to select the text it should be attached to.
    pub reattach: RwSignal<Option<AnnotationId>>,
    /// The re-anchoring review shown after opening a new version of an annotated document.
    pub review: RwSignal<Option<Review>>,
    /// Whether the panel is unfolded on a phone (a bottom sheet there; ignored on wide screens).
    pub sheet_open: RwSignal<bool>,
    pub shortcuts_open: RwSignal<bool>,
    pub dialog: RwSignal<Dialog>,
    pub import: RwSignal<ImportState>,
    /// The annotation list's filters (set by its controls and by the insights' bars).
    pub filter: RwSignal<Filter>,
}

impl UiState {
    pub fn new() -> UiState {
        UiState {
            editing: RwSignal::new(None),
            pending: RwSignal::new(None),
            hovered: RwSignal::new(None),
            selected: RwSignal::new(None),
            reveal: RwSignal::new(None),
            chooser: RwSignal::new(None),
            reattach: RwSignal::new(None),
            review: RwSignal::new(None),
            sheet_open: RwSignal::new(false),
            shortcuts_open: RwSignal::new(false),
            dialog: RwSignal::new(Dialog::Closed),
            filter: RwSignal::new(Filter::default()),
            import: RwSignal::new(ImportState::Closed),
        }
    }

    /// Forgets what belonged to the document that was open (another one replaced it).
    pub fn reset_for_new_document(&self) {
        self.editing.set(None);
        self.pending.set(None);
        self.review.set(None);
        self.reattach.set(None);
    }

    /// Scrolls the article to an annotation's highlight and flashes it.
    pub fn reveal(&self, id: &AnnotationId) {
        let n = self.reveal.with_untracked(|r| r.as_ref().map_or(0, |(_, n)| n + 1));
        self.reveal.set(Some((id.clone(), n)));
    }

    /// Opens an annotation in the editor and marks it as selected.
    pub fn open_annotation(&self, id: &AnnotationId) {
        self.chooser.set(None);
        self.pending.set(None);
        self.selected.set(Some(id.clone()));
        self.editing.set(Some(Editing::Existing(id.clone())));
    }
}

impl Default for UiState {
    fn default() -> Self {
        UiState::new()
    }
}
