//! The app's reactive state, in small handles with one job each, each provided as its own
//! context: [`DocState`] (the document, its annotations, anchors and history), [`UiState`] (what
//! the reader is doing on the page), [`Notices`] (what the app tells the reader) and [`Audit`]
//! (speaker roles, fact-check settings, the library's tallies for the insights) and [`Compare`]
//! (colleagues' layers of the open article and the decisions made on them). The data
//! inside is core types; this layer only wraps them in signals. It may use the core and the
//! browser glue, never storage, actions or components.

mod audit;
mod compare;
mod document;
mod notices;
mod review;
mod ui;

pub use audit::{Audit, LibraryTallies};
pub use compare::Compare;
pub use document::{DocState, Step};
pub use notices::{Notices, Toast};
pub use review::{is_resolved, rank, Review, ReviewEntry};
pub use ui::{Chooser, Dialog, Editing, ImportPlan, ImportState, Pending, RestoreArticle, RestorePlan, UiState};
