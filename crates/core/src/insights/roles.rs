//! The role a reader gave each quoted person (official, expert, …), kept once for the whole
//! library: a person is keyed by the words of the fullest form of their name, so `Dr Maria Lopez
//! Garcia` and `Maria Lopez Garcia` share a role. Stored as JSON by the app, written into exports
//! on each quote. Uses serde only.

use crate::model::SpeakerRole;
use crate::people::name_key;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Person (by name key) → role.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Roles(BTreeMap<String, SpeakerRole>);

impl Roles {
    /// The key a person's role is kept under: the words of the name, lowercase, titles left out.
    fn key(person: &str) -> String {
        name_key(person).join(" ")
    }

    /// The role set for `person` (a fullest name), if any.
    pub fn get(&self, person: &str) -> Option<SpeakerRole> {
        if self.0.is_empty() {
            return None;
        }
        self.0.get(&Self::key(person)).copied()
    }

    /// Sets (or, with `None`, clears) the role of `person`. Names without words are ignored.
    pub fn set(&mut self, person: &str, role: Option<SpeakerRole>) {
        let key = Self::key(person);
        if key.is_empty() {
            return;
        }
        match role {
            Some(r) => self.0.insert(key, r),
            None => self.0.remove(&key),
        };
    }

    /// Adds the roles of `other` that are not set here (what a reader set themselves wins).
    /// Returns how many were added.
    pub fn add_missing(&mut self, other: &Roles) -> usize {
        let before = self.0.len();
        for (k, r) in &other.0 {
            self.0.entry(k.clone()).or_insert(*r);
        }
        self.0.len() - before
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// The role a person is counted under: the one set, else `Anonymous` for a speaker the article
    /// describes rather than names (see [`looks_anonymous`]), else none. Everything that counts or
    /// filters by role (the insights, the list's role filter, the research export) asks this, so
    /// they agree.
    pub fn effective(&self, person: &str) -> Option<SpeakerRole> {
        self.get(person).or_else(|| looks_anonymous(person).then_some(SpeakerRole::Anonymous))
    }
}

/// Whether a speaker is described rather than named: `a spokesperson`, `an official`, `one
/// resident`, `sources close to …`, `unnamed officials`, `a person familiar with the talks`, and
/// the same without the article as people are named (`Facebook spokesperson`, `White House
/// official`, `senior aide`).
pub fn looks_anonymous(speaker: &str) -> bool {
    let words: Vec<String> = speaker.split_whitespace().map(|w| w.to_lowercase()).collect();
    let first = words.first().map_or("", String::as_str);
    let last = words.last().map_or("", |w| w.trim_end_matches(|c: char| !c.is_alphanumeric()));
    matches!(first, "a" | "an" | "one" | "some" | "several" | "sources" | "source" | "unnamed" | "anonymous" | "officials")
        || (words.len() > 1
            && matches!(
                last,
                "spokesperson" | "spokesman" | "spokeswoman" | "official" | "officials" | "source" | "sources" | "aide" | "aides" | "insider" | "insiders"
            ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_role_per_person_whatever_the_title_or_case() {
        let mut roles = Roles::default();
        roles.set("Dr Maria Lopez Garcia", Some(SpeakerRole::Expert));
        assert_eq!(roles.get("maria lopez garcia"), Some(SpeakerRole::Expert));
        assert_eq!(roles.get("Maria Lopez"), None);
        roles.set("Maria Lopez Garcia", None);
        assert!(roles.is_empty());
        roles.set("  ", Some(SpeakerRole::Official));
        assert!(roles.is_empty());
    }

    #[test]
    fn the_readers_roles_win_over_imported_ones() {
        let mut mine = Roles::default();
        mine.set("Amber Rudd", Some(SpeakerRole::Official));
        let mut theirs = Roles::default();
        theirs.set("Amber Rudd", Some(SpeakerRole::Campaigner));
        theirs.set("Jim Killock", Some(SpeakerRole::Campaigner));
        assert_eq!(mine.add_missing(&theirs), 1);
        assert_eq!(mine.get("Amber Rudd"), Some(SpeakerRole::Official));
        assert_eq!(mine.get("Jim Killock"), Some(SpeakerRole::Campaigner));
        let json = serde_json::to_string(&mine).unwrap();
        assert_eq!(json, r#"{"amber rudd":"official","jim killock":"campaigner"}"#);
        assert_eq!(serde_json::from_str::<Roles>(&json).unwrap(), mine);
    }

    #[test]
    fn described_speakers_count_as_anonymous_unless_a_role_is_set() {
        let mut roles = Roles::default();
        assert_eq!(roles.effective("a Facebook spokesperson"), Some(SpeakerRole::Anonymous));
        assert_eq!(roles.effective("Sources close to the minister"), Some(SpeakerRole::Anonymous));
        assert_eq!(roles.effective("Facebook spokesperson"), Some(SpeakerRole::Anonymous));
        assert_eq!(roles.effective("White House official"), Some(SpeakerRole::Anonymous));
        assert_eq!(roles.effective("Amber Rudd"), None);
        // A single word is a name, even one that describes.
        assert_eq!(roles.effective("Spokesperson"), None);
        roles.set("a Facebook spokesperson", Some(SpeakerRole::Company));
        assert_eq!(roles.effective("Facebook spokesperson"), Some(SpeakerRole::Company));
    }
}
