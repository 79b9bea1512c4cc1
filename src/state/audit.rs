//! The source audit's state: the role the reader gave each quoted person, who publishes their
//! fact-checks, and the tallies of the library's other articles (read when the insights are first
//! shown for the whole library). Changed through its methods, which the actions call.

use leptos::prelude::*;
use quotemark_core::claimreview::ReviewSettings;
use quotemark_core::document::DocumentId;
use quotemark_core::insights::{Roles, Tally};
use quotemark_core::model::SpeakerRole;
use std::sync::Arc;

/// The library's other articles, each with its tally.
pub type LibraryTallies = Arc<Vec<(DocumentId, Tally)>>;

/// A cheap, copyable handle.
#[derive(Clone, Copy)]
pub struct Audit {
    pub roles: ReadSignal<Roles>,
    pub review: ReadSignal<ReviewSettings>,
    /// `None` until read.
    pub library: ReadSignal<Option<LibraryTallies>>,
    /// Whether the insights count the whole library (else the open article). View state.
    pub whole_library: RwSignal<bool>,
    set_roles: WriteSignal<Roles>,
    set_review: WriteSignal<ReviewSettings>,
    set_library: WriteSignal<Option<LibraryTallies>>,
}

impl Audit {
    pub fn new(roles: Roles, review: ReviewSettings) -> Audit {
        let (roles, set_roles) = signal(roles);
        let (review, set_review) = signal(review);
        let (library, set_library) = signal(None);
        Audit { roles, review, library, whole_library: RwSignal::new(false), set_roles, set_review, set_library }
    }

    /// Sets (or clears) a person's role; returns the roles as they now are.
    pub fn set_role(&self, person: &str, role: Option<SpeakerRole>) -> Roles {
        self.set_roles.update(|r| r.set(person, role));
        self.roles.get_untracked()
    }

    /// Replaces every role (another tab changed them).
    pub fn replace_roles(&self, roles: Roles) {
        self.set_roles.set(roles);
    }

    pub fn set_review(&self, settings: ReviewSettings) {
        self.set_review.set(settings);
    }

    pub fn set_library(&self, tallies: LibraryTallies) {
        self.set_library.set(Some(tallies));
    }
}
