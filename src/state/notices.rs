//! What the app tells the reader: the screen-reader announcement, the toast (with Undo), the
//! banner while changes cannot be saved, and what could not be read back at start.

use leptos::prelude::*;
use std::rc::Rc;

/// A short message with an optional Undo action.
#[derive(Clone, Debug, PartialEq)]
pub struct Toast {
    pub message: String,
    pub undo: bool,
}

/// The reader-facing messages (a cheap, copyable handle).
#[derive(Clone, Copy)]
pub struct Notices {
    /// Said to screen-reader users through an aria-live region.
    pub announcement: RwSignal<String>,
    pub toast: RwSignal<Option<Toast>>,
    /// Set while changes cannot be saved; shown as a banner (cleared by the next successful save).
    pub storage_problem: RwSignal<Option<String>>,
    /// Things that went wrong reading saved values (each was set aside); dismissible.
    pub load_notes: RwSignal<Vec<String>>,
    /// Whether the store keeps values across reloads (false: in memory only).
    pub persistent: bool,
    /// Bumped at each step of the second copy in the browser's database (opening, ready, failed),
    /// so that what describes it reads it again.
    pub vault_steps: RwSignal<u32>,
    /// What the toast's Undo does when it is not the history's undo (e.g. restoring a deleted article).
    restore: StoredValue<Option<Rc<dyn Fn()>>, LocalStorage>,
}

impl Notices {
    pub fn new(persistent: bool, load_notes: Vec<String>) -> Notices {
        Notices {
            announcement: RwSignal::new(String::new()),
            toast: RwSignal::new(None),
            storage_problem: RwSignal::new(None),
            load_notes: RwSignal::new(load_notes),
            persistent,
            vault_steps: RwSignal::new(0),
            restore: StoredValue::new_local(None),
        }
    }

    /// Says something to screen-reader users.
    pub fn announce(&self, message: &str) {
        self.announcement.set(message.to_string());
    }

    /// Shows a toast (and says it).
    pub fn toast(&self, message: &str) {
        self.restore.set_value(None);
        self.announce(message);
        self.toast.set(Some(Toast { message: message.to_string(), undo: false }));
    }

    /// Shows a toast whose Undo is the history's undo.
    pub fn toast_with_undo(&self, message: &str) {
        self.restore.set_value(None);
        self.toast.set(Some(Toast { message: message.to_string(), undo: true }));
    }

    /// Shows a toast whose Undo runs `restore` (something the history does not hold).
    pub fn toast_with_restore(&self, message: &str, restore: impl Fn() + 'static) {
        self.restore.set_value(Some(Rc::new(restore)));
        self.announce(message);
        self.toast.set(Some(Toast { message: message.to_string(), undo: true }));
    }

    /// Replaces the toast (or hides it) after a change that is not undone from it.
    pub fn set_toast(&self, toast: Option<Toast>) {
        self.restore.set_value(None);
        self.toast.set(toast);
    }

    /// Takes the toast's own restore action, if it has one (the toast is hidden).
    pub fn take_restore(&self) -> Option<Rc<dyn Fn()>> {
        let restore = self.restore.try_update_value(Option::take).flatten();
        self.toast.set(None);
        restore
    }

    pub fn dismiss_toast(&self) {
        self.toast.set(None);
    }

    /// Shows (or, with `None`, clears) the banner saying that changes are not being saved.
    pub fn set_storage_problem(&self, problem: Option<String>) {
        if self.storage_problem.get_untracked() != problem {
            self.storage_problem.set(problem);
        }
    }
}
