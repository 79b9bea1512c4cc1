//! Merging imported annotations into a document's existing ones.
//!
//! Each incoming annotation is first anchored in the document text ([`crate::anchor::anchor_all`]);
//! if it anchors somewhere other than its stored position, the copy that is added or updated gets
//! its `TextPositionSelector` moved there (the quote selector is kept as written). Then, in file
//! order:
//!
//! | incoming annotation | outcome |
//! | --- | --- |
//! | same id as an existing one, same content ([`Annotation::same_content`]) | **unchanged** |
//! | same id, different content, newer `modified` | **updated** (replaces the existing one) |
//! | same id, different content, same or older `modified` | **conflict**: the existing one is kept |
//! | new id, same content as an existing (or just added) annotation | **duplicate**: skipped |
//! | anything else | **added** |
//!
//! The result is a [`MergeReport`] and one [`Command::Batch`] that makes every change at once, so a
//! whole import is a single undo step. Applying it is all or nothing ([`AnnotationSet::apply`]
//! checks the whole batch first), and a file with any error never gets here:
//! [`crate::format::import`] rejects it whole.
//!
//! ```
//! use quotemark_core::merge::merge;
//! use quotemark_core::model::*;
//!
//! let text = "Ministers met. “We will act,” she said.";
//! let quote = |id: u8, at: usize, modified: i64| Annotation {
//!     modified: Timestamp(modified),
//!     ..Annotation::new(
//!         AnnotationId::from_random_bytes([id; 16]),
//!         Target::new("doc", at, at + 14, "“We will act,”", "", ""),
//!         Kind::Quote(Quote::default()),
//!         Timestamp(0),
//!     )
//! };
//! let mut set: AnnotationSet = [quote(1, 15, 0)].into_iter().collect();
//! let mut newer = quote(1, 15, 5);
//! newer.note = "Checked.".into();
//! // Another id, stored at a stale offset: it anchors 2 characters later, and then says the same
//! // as the updated annotation, so it is a duplicate.
//! let mut stale = quote(2, 13, 0);
//! stale.note = "Checked.".into();
//!
//! let result = merge(&set, &[newer.clone(), stale], text);
//! let counts = result.report.counts();
//! assert_eq!((counts.updated, counts.duplicates, counts.added), (1, 1, 0));
//! assert_eq!(result.report.anchor_counts().moved, 1);
//! let mut history = History::default();
//! history.execute(&mut set, result.command).unwrap();
//! assert_eq!(set.get(&newer.id), Some(&newer));
//! history.undo(&mut set).unwrap();
//! assert_eq!(set.get(&newer.id).unwrap().note, "");
//! ```

use crate::anchor::{anchor_all, AnchorStatus, Anchored};
use crate::model::{Annotation, AnnotationId, AnnotationSet, Command, Span, TextPositionSelector};
use std::collections::HashMap;
use std::fmt;

/// How one incoming annotation was merged, and where it anchored in the text.
#[derive(Clone, Debug, PartialEq)]
pub struct MergeEntry {
    /// The incoming annotation's id.
    pub id: AnnotationId,
    /// Where and how it anchored in the document text.
    pub anchored: Anchored,
    /// Whether its position selector was moved to where it anchored (added and updated copies).
    pub repositioned: bool,
    /// For duplicates: the annotation it repeats.
    pub duplicate_of: Option<AnnotationId>,
}

/// The outcome of a merge, per annotation, in file order within each list.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MergeReport {
    /// New annotations, created.
    pub added: Vec<MergeEntry>,
    /// Existing annotations replaced by a newer version.
    pub updated: Vec<MergeEntry>,
    /// Annotations already present with the same content.
    pub unchanged: Vec<MergeEntry>,
    /// Annotations with a new id but the same content as one already there: skipped.
    pub duplicates: Vec<MergeEntry>,
    /// Annotations whose id exists with other content that is as new or newer: the existing one is
    /// kept.
    pub conflicts: Vec<MergeEntry>,
}

/// How many annotations fell in each outcome.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct MergeCounts {
    /// New annotations created.
    pub added: usize,
    /// Existing annotations replaced by a newer version.
    pub updated: usize,
    /// Annotations already present with the same content.
    pub unchanged: usize,
    /// Annotations skipped as repeats of another one.
    pub duplicates: usize,
    /// Annotations whose existing version was kept.
    pub conflicts: usize,
}

/// How many incoming annotations anchored in each way.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct AnchorCounts {
    /// Found at their stored position.
    pub exact: usize,
    /// Their exact quote found elsewhere.
    pub moved: usize,
    /// Found approximately.
    pub fuzzy: usize,
    /// Not found; kept with their stored selectors.
    pub orphan: usize,
}

impl MergeReport {
    /// The number of annotations in each outcome.
    pub fn counts(&self) -> MergeCounts {
        MergeCounts {
            added: self.added.len(),
            updated: self.updated.len(),
            unchanged: self.unchanged.len(),
            duplicates: self.duplicates.len(),
            conflicts: self.conflicts.len(),
        }
    }

    /// Every entry, outcome by outcome.
    pub fn entries(&self) -> impl Iterator<Item = &MergeEntry> {
        self.added.iter().chain(&self.updated).chain(&self.unchanged).chain(&self.duplicates).chain(&self.conflicts)
    }

    /// How the incoming annotations anchored, over all outcomes.
    pub fn anchor_counts(&self) -> AnchorCounts {
        let mut c = AnchorCounts::default();
        for e in self.entries() {
            match e.anchored.status {
                AnchorStatus::Exact => c.exact += 1,
                AnchorStatus::Moved => c.moved += 1,
                AnchorStatus::Fuzzy { .. } => c.fuzzy += 1,
                AnchorStatus::Orphan => c.orphan += 1,
            }
        }
        c
    }

    /// The total number of incoming annotations.
    pub fn total(&self) -> usize {
        self.entries().count()
    }
}

impl fmt::Display for MergeReport {
    /// A one-line summary for announcements, leaving out what did not happen, e.g.
    /// `3 added, 1 updated, 1 duplicate; 4 exact, 1 moved` or `2 unchanged; 2 exact` (`nothing`
    /// for an empty import). Annotations found nowhere are "not found".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let c = self.counts();
        let a = self.anchor_counts();
        let some = |items: &[(usize, &str, &str)]| {
            items
                .iter()
                .filter(|(n, _, _)| *n > 0)
                .map(|(n, one, many)| format!("{n} {}", if *n == 1 { one } else { many }))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let merged = some(&[
            (c.added, "added", "added"),
            (c.updated, "updated", "updated"),
            (c.unchanged, "unchanged", "unchanged"),
            (c.duplicates, "duplicate", "duplicates"),
            (c.conflicts, "conflict", "conflicts"),
        ]);
        let found = some(&[
            (a.exact, "exact", "exact"),
            (a.moved, "moved", "moved"),
            (a.fuzzy, "fuzzy", "fuzzy"),
            (a.orphan, "not found", "not found"),
        ]);
        match (merged.is_empty(), found.is_empty()) {
            (true, _) => f.write_str("nothing"),
            (false, true) => f.write_str(&merged),
            (false, false) => write!(f, "{merged}; {found}"),
        }
    }
}

/// A merge ready to apply: the report and the single undoable command that makes its changes.
#[derive(Clone, Debug, PartialEq)]
pub struct Merge {
    /// What happens to each incoming annotation.
    pub report: MergeReport,
    /// A [`Command::Batch`] of `Create` (added) and `Update` (updated) commands, in file order.
    pub command: Command,
}

impl Merge {
    /// Whether applying the command would change nothing.
    pub fn is_noop(&self) -> bool {
        matches!(&self.command, Command::Batch(cs) if cs.is_empty())
    }
}

/// Merges `incoming` annotations (e.g. [`crate::format::Imported::annotations`]) into `existing`,
/// the annotations of the document whose normalised text is `text`. Nothing is changed here; apply
/// [`Merge::command`] (through [`crate::model::History::execute`] to make it undoable).
///
/// See the module docs for the rules and an example.
pub fn merge(existing: &AnnotationSet, incoming: &[Annotation], text: &str) -> Merge {
    let anchored = anchor_all(text, incoming);
    let mut report = MergeReport::default();
    let mut commands = Vec::new();
    // Annotations changed by this merge so far, over `existing`.
    let mut pending: HashMap<AnnotationId, Annotation> = HashMap::new();
    // Ids by span, for finding duplicates (entries may be stale; candidates are re-checked).
    let mut by_span: HashMap<Option<Span>, Vec<AnnotationId>> = HashMap::new();
    for a in existing.iter() {
        by_span.entry(a.target.span()).or_default().push(a.id.clone());
    }

    for (a, anchored) in incoming.iter().zip(anchored) {
        // A copy is made only when the annotation anchors somewhere other than its stored position.
        let moved: Option<Annotation> = anchored.span.filter(|&span| a.target.span() != Some(span)).map(|span| {
            let mut copy = a.clone();
            copy.target.position = Some(TextPositionSelector { start: span.start, end: span.end });
            copy
        });
        let repositioned = moved.is_some();
        let incoming = moved.as_ref().unwrap_or(a);
        let mut entry = MergeEntry { id: a.id.clone(), anchored, repositioned: false, duplicate_of: None };
        let current = pending.get(&a.id).or_else(|| existing.get(&a.id));
        match current {
            Some(current) if current.same_content(incoming) => report.unchanged.push(entry),
            Some(current) if incoming.modified > current.modified => {
                entry.repositioned = repositioned;
                let after = moved.unwrap_or_else(|| a.clone());
                commands.push(Command::Update { before: current.clone(), after: after.clone() });
                by_span.entry(after.target.span()).or_default().push(after.id.clone());
                pending.insert(after.id.clone(), after);
                report.updated.push(entry);
            }
            Some(_) => report.conflicts.push(entry),
            None => {
                let duplicate = by_span.get(&incoming.target.span()).and_then(|ids| {
                    ids.iter().find(|id| {
                        pending.get(*id).or_else(|| existing.get(id)).is_some_and(|other| other.same_content(incoming))
                    })
                });
                if let Some(original) = duplicate {
                    entry.duplicate_of = Some(original.clone());
                    report.duplicates.push(entry);
                } else {
                    entry.repositioned = repositioned;
                    let added = moved.unwrap_or_else(|| a.clone());
                    commands.push(Command::Create(added.clone()));
                    by_span.entry(added.target.span()).or_default().push(added.id.clone());
                    pending.insert(added.id.clone(), added);
                    report.added.push(entry);
                }
            }
        }
    }
    Merge { report, command: Command::Batch(commands) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Kind, Quote, Target, Timestamp};

    fn quote(id: u8, start: usize, exact: &str) -> Annotation {
        Annotation::new(
            AnnotationId::from_random_bytes([id; 16]),
            Target::new("doc", start, start + exact.chars().count(), exact, "", ""),
            Kind::Quote(Quote::default()),
            Timestamp(10),
        )
    }

    #[test]
    fn an_empty_import_is_a_noop() {
        let set: AnnotationSet = [quote(1, 0, "abc")].into_iter().collect();
        let m = merge(&set, &[], "abc");
        assert!(m.is_noop());
        assert_eq!(m.report.total(), 0);
    }

    #[test]
    fn duplicates_within_one_import_are_skipped() {
        let a = quote(1, 0, "abc");
        let b = quote(2, 0, "abc");
        let m = merge(&AnnotationSet::default(), &[a.clone(), b.clone()], "abc def");
        assert_eq!(m.report.counts(), MergeCounts { added: 1, duplicates: 1, ..MergeCounts::default() });
        assert_eq!(m.report.duplicates[0].duplicate_of, Some(a.id));
    }

    #[test]
    fn summary_line() {
        let m = merge(&AnnotationSet::default(), &[quote(1, 0, "abc"), quote(2, 9, "zzz")], "abc def");
        assert_eq!(
            m.report.to_string(),
            "2 added; 1 exact, 1 not found"
        );
    }
}
