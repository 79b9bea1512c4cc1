//! [`AnnotationSet`]: the annotations of one document, kept sorted by id, and the commands applied
//! to it. Uses the model's types only.

use super::{Annotation, AnnotationId, Command, CommandError, Span};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The annotations of one document, keyed by id.
///
/// They are kept in one vector sorted by id: a set read from storage (which holds its annotations
/// in id order) becomes an `AnnotationSet` without being copied or sorted again, and a lookup is
/// a binary search. One change moves the annotations after it along (5,000 annotations are well
/// under a megabyte); a batch of changes is merged in one pass.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AnnotationSet {
    /// Sorted by id; no two share one.
    items: Vec<Annotation>,
}

impl AnnotationSet {
    pub fn len(&self) -> usize {
        self.items.len()
    }
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
    /// Where `id` is, or where it would go.
    fn position(&self, id: &AnnotationId) -> Result<usize, usize> {
        self.items.binary_search_by(|a| a.id.cmp(id))
    }
    pub fn get(&self, id: &AnnotationId) -> Option<&Annotation> {
        self.position(id).ok().map(|i| &self.items[i])
    }
    pub fn contains(&self, id: &AnnotationId) -> bool {
        self.position(id).is_ok()
    }
    /// All annotations, by id.
    pub fn iter(&self) -> impl Iterator<Item = &Annotation> {
        self.items.iter()
    }
    /// All annotations in document order (by stored start, then longer first, then id).
    pub fn in_document_order(&self) -> Vec<&Annotation> {
        let mut v: Vec<&Annotation> = self.items.iter().collect();
        crate::order::sort_by_key(&mut v, |a| {
            let s = a.target.span().unwrap_or(Span::new(usize::MAX, usize::MAX));
            (s.start, std::cmp::Reverse(s.end), a.id.clone())
        });
        v
    }

    /// Applies a command. A command that does not fit the set (creating an id that exists, editing
    /// or deleting one that does not, or whose `before` is not what is stored) changes nothing.
    pub fn apply(&mut self, command: &Command) -> Result<(), CommandError> {
        self.check(command)?;
        self.apply_unchecked(command);
        Ok(())
    }

    fn check(&self, command: &Command) -> Result<(), CommandError> {
        match command {
            Command::Create(a) if self.contains(&a.id) => {
                Err(CommandError::AlreadyExists(a.id.clone()))
            }
            Command::Update { before, after } if before.id != after.id => {
                Err(CommandError::IdChanged(before.id.clone()))
            }
            Command::Update { before: a, .. } | Command::Delete(a) => match self.get(&a.id) {
                None => Err(CommandError::Missing(a.id.clone())),
                Some(current) if current != a => Err(CommandError::Stale(a.id.clone())),
                Some(_) => Ok(()),
            },
            Command::Create(_) => Ok(()),
            Command::Batch(commands) => {
                // Check against a scratch copy so that later commands see earlier ones.
                let mut scratch = self.clone();
                for c in commands {
                    scratch.apply(c)?;
                }
                Ok(())
            }
        }
    }

    fn apply_unchecked(&mut self, command: &Command) {
        match command {
            Command::Create(a) | Command::Update { after: a, .. } => match self.position(&a.id) {
                Ok(i) => self.items[i] = a.clone(),
                Err(i) => self.items.insert(i, a.clone()),
            },
            Command::Delete(a) => {
                if let Ok(i) = self.position(&a.id) {
                    self.items.remove(i);
                }
            }
            Command::Batch(commands) => {
                // What each touched id ends as, then one merge: thousands of changes (an import)
                // cost one pass over the set rather than one move of its tail each.
                let mut outcome = BTreeMap::new();
                Self::outcome(commands, &mut outcome);
                self.items.retain(|a| !outcome.contains_key(&a.id));
                self.items.extend(outcome.into_values().flatten().cloned());
                crate::order::sort_by(&mut self.items, |a, b| a.id.cmp(&b.id)); // two sorted runs: merged in linear time
            }
        }
    }

    /// The state each annotation touched by `commands` is left in (`None`: deleted).
    fn outcome<'c>(
        commands: &'c [Command],
        out: &mut BTreeMap<&'c AnnotationId, Option<&'c Annotation>>,
    ) {
        for command in commands {
            match command {
                Command::Create(a) | Command::Update { after: a, .. } => {
                    out.insert(&a.id, Some(a));
                }
                Command::Delete(a) => {
                    out.insert(&a.id, None);
                }
                Command::Batch(inner) => Self::outcome(inner, out),
            }
        }
    }
}

impl FromIterator<Annotation> for AnnotationSet {
    /// Collects annotations; of several with one id, the last is kept. Annotations that arrive in
    /// id order (as a stored set is read) are taken as they are.
    fn from_iter<I: IntoIterator<Item = Annotation>>(iter: I) -> Self {
        let mut items: Vec<Annotation> = iter.into_iter().collect();
        if !items.is_sorted_by(|a, b| a.id < b.id) {
            crate::order::sort_by(&mut items, |a, b| a.id.cmp(&b.id)); // stable: equal ids stay in arrival order
                                                   // `dedup_by` keeps the first of a run; move each later one into its place instead.
            items.dedup_by(|later, kept| {
                let same = later.id == kept.id;
                if same {
                    std::mem::swap(later, kept);
                }
                same
            });
        }
        AnnotationSet { items }
    }
}

/// As a JSON object from id to annotation.
impl Serialize for AnnotationSet {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.items.iter().map(|a| (&a.id, a)))
    }
}

impl<'de> Deserialize<'de> for AnnotationSet {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(
            BTreeMap::<AnnotationId, Annotation>::deserialize(deserializer)?
                .into_values()
                .collect(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{test_quote, Target};

    #[test]
    fn document_order_sorts_by_start_then_longer_first() {
        let mut a = test_quote(1, 10);
        a.target = Target::new("doc", 10, 20, "x", "", "");
        let b = test_quote(2, 10);
        let c = test_quote(3, 2);
        let set: AnnotationSet = [a.clone(), b.clone(), c.clone()].into_iter().collect();
        let order: Vec<_> = set
            .in_document_order()
            .into_iter()
            .map(|x| x.id.clone())
            .collect();
        assert_eq!(order, vec![c.id, a.id, b.id]);
    }
}
