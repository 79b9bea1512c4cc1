//! What the reader set once for the whole library: the role of each quoted person and who
//! publishes their fact-checks (reviewer, review page, rating scale). A value that cannot be read
//! is set aside under a backup key (nothing is lost) and the defaults are used.

use super::storage::{Store, WriteError};
use quotemark_core::claimreview::ReviewSettings;
use quotemark_core::insights::Roles;
use super::readers::{self, Readers};
use serde::Serialize;

pub use quotemark_store::{BUILD_KEY, REVIEW_SETTINGS_KEY, ROLES_KEY};

/// The value under `key` as `parse` reads it (one of [`super::readers`]), or the default when there
/// is none; an unreadable value is set aside under a backup key and a note says so. Without the
/// readers the default, and nothing is set aside.
pub(super) fn read<T: Default>(
    store: &dyn Store,
    key: &str,
    now: quotemark_core::model::Timestamp,
    parse: impl FnOnce(&Readers) -> fn(&str) -> Result<T, String>,
) -> (T, Option<String>) {
    let Some(json) = store.get(key) else { return (T::default(), None) };
    let Some(readers) = readers::get() else { return (T::default(), Some(readers::NOT_LOADED.to_string())) };
    match parse(readers)(&json) {
        Ok(v) => (v, None),
        Err(e) => {
            let backup = quotemark_store::backup_key(key, now);
            // Set aside once: the unreadable value moves to the backup key.
            let kept = store.set(&backup, &json).is_ok();
            if kept {
                store.remove(key);
            }
            let note = if kept {
                format!("Some saved data ({key}) could not be read ({e}); it was kept under {backup} and the defaults are used.")
            } else {
                format!("Some saved data ({key}) could not be read ({e}); the defaults are used.")
            };
            (T::default(), Some(note))
        }
    }
}

pub(super) fn write<T: Serialize>(store: &dyn Store, key: &str, value: &T) -> Result<(), WriteError> {
    store.set(key, &serde_json::to_string(value).unwrap_or_default())
}

/// The roles set so far, and a note if the stored value could not be read.
pub fn roles(store: &dyn Store, now: quotemark_core::model::Timestamp) -> (Roles, Option<String>) {
    read(store, quotemark_store::ROLES_KEY, now, |r| r.roles)
}

pub fn save_roles(store: &dyn Store, roles: &Roles) -> Result<(), WriteError> {
    write(store, quotemark_store::ROLES_KEY, roles)
}

/// The fact-check settings, and a note if the stored value could not be read.
pub fn review_settings(store: &dyn Store, now: quotemark_core::model::Timestamp) -> (ReviewSettings, Option<String>) {
    read(store, quotemark_store::REVIEW_SETTINGS_KEY, now, |r| r.review_settings)
}

pub fn save_review_settings(store: &dyn Store, settings: &ReviewSettings) -> Result<(), WriteError> {
    write(store, quotemark_store::REVIEW_SETTINGS_KEY, settings)
}

/// The app build that last ran here, if any.
pub fn last_build(store: &dyn Store) -> Option<String> {
    store.get(BUILD_KEY)
}

/// Remembers the app build that runs now.
pub fn save_build(store: &dyn Store, version: &str) -> Result<(), WriteError> {
    store.set(BUILD_KEY, version)
}
