//! Between tabs: what another tab wrote to the store, as it concerns the open document, and
//! which of its changes this tab takes in (a newer change of this tab's, not yet saved, wins).

use super::records::Persistence;
use quotemark_core::model::{Annotation, AnnotationId, AnnotationSet, Command};
use quotemark_store as store;
use std::collections::HashMap;

/// What another tab wrote, as it concerns the open document.
pub enum Foreign {
    /// One annotation changed (`None`: deleted).
    Change(AnnotationId, Option<Annotation>),
    /// The whole set was written again (a compaction or a bulk change).
    Set(Vec<Annotation>),
}

impl Persistence {
    /// Reads what another tab wrote under `key` (`value` `None`: the key was removed). Only the
    /// open document's set and change records matter; a removed change record means it was folded
    /// into the set, not that its annotation was deleted.
    pub fn foreign(&mut self, key: &str, value: Option<&str>) -> Option<Foreign> {
        let prefix = store::change_prefix(&self.document);
        if let Some(id) = key.strip_prefix(&prefix) {
            let id = AnnotationId(id.into());
            let Some(value) = value else {
                self.changes.remove(&id);
                return None;
            };
            let change = (super::readers::get()?.change)(value, &self.text).ok()?;
            self.changes.insert(id.clone());
            return Some(Foreign::Change(id, change));
        }
        if key == store::set_key(&self.document) {
            // Another tab wrote the set: what this tab's last compaction folded in is no longer
            // known to be in it, so those records stay.
            self.changes.extend(std::mem::take(&mut self.folded).into_keys());
            return Some(Foreign::Set((super::readers::get()?.set)(value?, &self.text).ok()?.annotations));
        }
        None
    }
}

/// What another tab's write says of each annotation it concerns: its state there (`None`:
/// deleted). A whole set written again says that every annotation of ours missing from it is gone,
/// unless a change record (theirs or ours) says otherwise.
pub fn incoming(ours: &AnnotationSet, foreign: Foreign, persistence: &Persistence) -> Vec<(AnnotationId, Option<Annotation>)> {
    match foreign {
        Foreign::Change(id, a) => vec![(id, a)],
        Foreign::Set(set) => {
            let theirs: HashMap<AnnotationId, Annotation> = set.into_iter().map(|a| (a.id.clone(), a)).collect();
            let mut out: Vec<(AnnotationId, Option<Annotation>)> = ours
                .iter()
                .filter(|a| !theirs.contains_key(&a.id) && !persistence.has_change_record(&a.id))
                .map(|a| (a.id.clone(), None))
                .collect();
            out.extend(theirs.into_iter().filter(|(id, a)| ours.get(id) != Some(a)).map(|(id, a)| (id, Some(a))));
            out
        }
    }
}

/// Whether this tab takes in another tab's state of an annotation.
#[derive(Debug, PartialEq)]
#[allow(clippy::large_enum_variant)] // a value returned and matched at once, never stored
pub enum TakeIn {
    /// Apply this command (not recorded for undo: it is not this reader's change here).
    Apply(Command),
    /// Ours is newer and not yet saved: keep it, and save it (so that the other tab hears of it).
    KeepOurs,
    /// Nothing differs.
    Same,
}

/// Decides between our state of an annotation and theirs. A change of ours still waiting to be
/// saved wins over theirs when it is at least as new, and over their deletion.
pub fn take_in(ours: Option<Annotation>, theirs: Option<Annotation>, ours_pending: bool) -> TakeIn {
    if ours_pending {
        match (&ours, &theirs) {
            (Some(o), Some(t)) if o.modified >= t.modified => return TakeIn::KeepOurs,
            (_, None) => return TakeIn::KeepOurs,
            _ => {}
        }
    }
    match (ours, theirs) {
        (None, Some(t)) => TakeIn::Apply(Command::Create(t)),
        (Some(o), Some(t)) if o != t => TakeIn::Apply(Command::Update { before: o, after: t }),
        (Some(o), None) => TakeIn::Apply(Command::Delete(o)),
        _ => TakeIn::Same,
    }
}
