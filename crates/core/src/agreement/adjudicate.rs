//! Adjudication: for each difference between my layer and a colleague's, keep mine, take theirs,
//! keep both, or edit. A choice is a [`Decision`]: what it settles and the change it made to my
//! layer (an ordinary undoable [`Command`]). A difference is open until a decision that still
//! holds settles every annotation it names; undoing the change (from the decision or from the
//! panel's Undo) opens it again. The result is my layer.

use super::Difference;
use crate::model::{Annotation, AnnotationId, AnnotationSet, Command, Span, Target, Timestamp};
use std::collections::HashSet;

/// What the reader chose for a difference.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Choice {
    KeepMine,
    TakeTheirs,
    KeepBoth,
    Edit,
}

impl Choice {
    pub const ALL: [Choice; 4] = [Choice::KeepMine, Choice::TakeTheirs, Choice::KeepBoth, Choice::Edit];

    /// A stable name for storage: `keep-mine`, `take-theirs`, `keep-both`, `edit`.
    pub fn key(self) -> &'static str {
        match self {
            Choice::KeepMine => "keep-mine",
            Choice::TakeTheirs => "take-theirs",
            Choice::KeepBoth => "keep-both",
            Choice::Edit => "edit",
        }
    }

    /// The choice of a [`Choice::key`].
    pub fn from_key(key: &str) -> Option<Choice> {
        Choice::ALL.into_iter().find(|c| c.key() == key)
    }

    /// The button's words.
    pub fn label(self) -> &'static str {
        match self {
            Choice::KeepMine => "Keep mine",
            Choice::TakeTheirs => "Take theirs",
            Choice::KeepBoth => "Keep both",
            Choice::Edit => "Edit",
        }
    }

    /// Whether the choice means anything for `difference` (keeping both of an annotation that
    /// only one layer has is keeping it: offered as keep mine or take theirs).
    pub fn applies_to(self, difference: &Difference) -> bool {
        !matches!((self, difference), (Choice::KeepBoth, Difference::OnlyMine(_) | Difference::OnlyTheirs(_)))
    }
}

/// A choice made on a difference with a layer.
#[derive(Clone, Debug, PartialEq)]
pub struct Decision {
    /// The layer's id.
    pub layer: String,
    pub choice: Choice,
    /// The difference it settled, as it was.
    pub difference: Difference,
    /// The change it made to my layer, if any.
    pub command: Option<Command>,
}

impl Decision {
    /// Whether my layer still holds what the decision made (a change undone no longer does).
    pub fn holds(&self, mine: &AnnotationSet) -> bool {
        fn holds(c: &Command, set: &AnnotationSet) -> bool {
            match c {
                Command::Create(a) => set.contains(&a.id),
                Command::Delete(a) => !set.contains(&a.id),
                Command::Update { after, .. } => set.get(&after.id).is_some_and(|a| a.target.span() == after.target.span() && a.kind == after.kind),
                Command::Batch(cs) => cs.iter().all(|c| holds(c, set)),
            }
        }
        self.command.as_ref().is_none_or(|c| holds(c, mine))
    }

    /// The annotations it settles: the two it was made on and any it created.
    fn settles(&self) -> impl Iterator<Item = &AnnotationId> {
        let created = self.command.iter().flat_map(|c| c.touched());
        let (mine, theirs) = self.difference.ids();
        mine.into_iter().chain(theirs).chain(created)
    }
}

/// The change `choice` makes to my layer for `difference`, or `None` when it changes nothing
/// (keep mine; edit of my own annotation, which the editor then changes). `theirs_at` is where
/// their annotation is in the open text, `describe` turns a span into a target on it, and
/// `new_id` names a copy of theirs.
#[allow(clippy::too_many_arguments)]
pub fn command(
    difference: &Difference,
    choice: Choice,
    mine: &AnnotationSet,
    theirs: &AnnotationSet,
    theirs_at: impl Fn(&AnnotationId) -> Option<Span>,
    describe: impl Fn(Span) -> Target,
    new_id: impl FnOnce() -> AnnotationId,
    now: Timestamp,
) -> Option<Command> {
    let (m, t) = difference.ids();
    let m = m.and_then(|id| mine.get(id));
    let t = t.and_then(|id| Some((theirs.get(id)?, theirs_at(id)?)));
    let copy = |(a, span): (&Annotation, Span)| {
        let mut copy = Annotation::new(new_id(), describe(span), a.kind.clone(), now);
        copy.note = a.note.clone();
        copy.tags = a.tags.clone();
        copy
    };
    match (choice, m, t) {
        (Choice::KeepMine, _, _) => None,
        (Choice::TakeTheirs, Some(m), None) => Some(Command::Delete(m.clone())),
        (Choice::TakeTheirs, Some(m), Some((a, span))) => {
            let mut after = m.clone();
            after.target = describe(span);
            after.kind = a.kind.clone();
            after.modified = now;
            Some(Command::Update { before: m.clone(), after })
        }
        (Choice::TakeTheirs | Choice::KeepBoth | Choice::Edit, None, Some(t)) => Some(Command::Create(copy(t))),
        (Choice::KeepBoth, Some(_), Some(t)) => Some(Command::Create(copy(t))),
        _ => None,
    }
}

/// For each difference, whether a decision on `layer` that still holds settles it.
pub fn settled(differences: &[Difference], decisions: &[Decision], layer: &str, mine: &AnnotationSet) -> Vec<bool> {
    let ids: HashSet<&AnnotationId> =
        decisions.iter().filter(|d| d.layer == layer && d.holds(mine)).flat_map(Decision::settles).collect();
    differences
        .iter()
        .map(|d| {
            let (m, t) = d.ids();
            m.is_none_or(|m| ids.contains(m)) && t.is_none_or(|t| ids.contains(t))
        })
        .collect()
}

/// What adjudication lists: the differences still open, then the decisions made on `layer` that
/// still hold (each with the difference it settled, as it was; a choice that made both layers
/// agree leaves no difference behind, and one that kept both leaves one that is settled too).
/// Each entry with the index of its decision, for Undo.
pub fn entries(differences: &[Difference], decisions: &[Decision], layer: &str, mine: &AnnotationSet) -> Vec<(Difference, Option<usize>)> {
    let settled = settled(differences, decisions, layer, mine);
    let open = differences.iter().zip(settled).filter(|(_, s)| !s).map(|(d, _)| (d.clone(), None));
    let done = decisions.iter().enumerate().filter(|(_, d)| d.layer == layer && d.holds(mine)).map(|(i, d)| (d.difference.clone(), Some(i)));
    open.chain(done).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::agreement::{coded, compare};
    use crate::model::{Claim, ClaimStatus, Kind, Quote};
    use crate::people::People;

    const TEXT: &str = "Ann said one thing here. Bob said another thing there. Cy said a third thing.";

    fn at(n: u8, start: usize, end: usize, kind: Kind) -> Annotation {
        let target = crate::anchor::describe("doc", TEXT, Span::new(start, end));
        Annotation::new(AnnotationId::from_random_bytes([n; 16]), target, kind, Timestamp(0))
    }
    fn quote(speaker: &str) -> Kind {
        Kind::Quote(Quote { speaker: speaker.into(), ..Quote::default() })
    }
    fn claim(status: ClaimStatus) -> Kind {
        Kind::Claim(Claim { status, ..Claim::default() })
    }

    /// Mine: a quote by Ann, a quote by Bob, a claim (only mine). Theirs: the same Ann quote,
    /// Bob's span given to Cy, and a claim elsewhere (only theirs).
    fn layers() -> (AnnotationSet, AnnotationSet) {
        let mine = [at(1, 0, 24, quote("Ann")), at(2, 25, 54, quote("Bob")), at(3, 55, 77, claim(ClaimStatus::Unverified))];
        let theirs = [at(11, 0, 24, quote("Ann")), at(12, 25, 54, quote("Cy")), at(13, 0, 8, claim(ClaimStatus::False))];
        (mine.into_iter().collect(), theirs.into_iter().collect())
    }

    fn differences(mine: &AnnotationSet, theirs: &AnnotationSet) -> Vec<Difference> {
        let people = People::of_annotations(mine.iter().chain(theirs.iter()));
        compare(&coded(mine, &people), &coded(theirs, &people))
    }

    /// Applies `choice` to the difference about `id` and returns what is still open.
    fn decide(mine: &mut AnnotationSet, theirs: &AnnotationSet, decisions: &mut Vec<Decision>, id: u8, choice: Choice) -> usize {
        let id = AnnotationId::from_random_bytes([id; 16]);
        let all = differences(mine, theirs);
        let d = all.iter().find(|d| matches!(d.ids(), (Some(m), _) if *m == id) || matches!(d.ids(), (_, Some(t)) if *t == id)).unwrap();
        let cmd = command(d, choice, mine, theirs, |id| theirs.get(id)?.target.span(), |s| crate::anchor::describe("doc", TEXT, s), || AnnotationId::from_random_bytes([99; 16]), Timestamp(5));
        if let Some(c) = &cmd {
            mine.apply(c).unwrap();
        }
        decisions.push(Decision { layer: "1".into(), choice, difference: d.clone(), command: cmd });
        let now = differences(mine, theirs);
        let listed = entries(&now, decisions, "1", mine);
        assert_eq!(listed.len(), 3, "every difference stays listed: {listed:?}");
        listed.iter().filter(|(_, decision)| decision.is_none()).count()
    }

    #[test]
    fn three_differences_to_start() {
        let (mine, theirs) = layers();
        let d = differences(&mine, &theirs);
        assert_eq!(d.len(), 3, "{d:?}");
        assert!(settled(&d, &[], "1", &mine).iter().all(|s| !s));
    }

    #[test]
    fn take_theirs_relabels_mine_and_closes_the_difference() {
        let (mut mine, theirs) = layers();
        let mut decisions = Vec::new();
        assert_eq!(decide(&mut mine, &theirs, &mut decisions, 2, Choice::TakeTheirs), 2);
        let bob = mine.get(&AnnotationId::from_random_bytes([2; 16])).unwrap();
        assert_eq!(bob.kind, quote("Cy"), "my annotation now says what theirs says");
        // Only mine, taken theirs: deleted. Only theirs, taken: copied in.
        assert_eq!(decide(&mut mine, &theirs, &mut decisions, 3, Choice::TakeTheirs), 1);
        assert!(!mine.contains(&AnnotationId::from_random_bytes([3; 16])));
        assert_eq!(decide(&mut mine, &theirs, &mut decisions, 13, Choice::TakeTheirs), 0);
        assert_eq!(differences(&mine, &theirs), vec![], "my layer is now theirs");
    }

    #[test]
    fn keep_mine_and_keep_both_settle_without_agreeing() {
        let (mut mine, theirs) = layers();
        let mut decisions = Vec::new();
        assert_eq!(decide(&mut mine, &theirs, &mut decisions, 3, Choice::KeepMine), 2);
        assert_eq!(mine.len(), 3, "keep mine changes nothing");
        assert_eq!(decide(&mut mine, &theirs, &mut decisions, 2, Choice::KeepBoth), 1);
        assert_eq!(mine.len(), 4, "keep both adds a copy of theirs");
        assert_eq!(decide(&mut mine, &theirs, &mut decisions, 13, Choice::KeepMine), 0);
        assert_eq!(mine.len(), 4, "keeping mine of only theirs adds nothing");
    }

    #[test]
    fn edit_of_theirs_copies_it_in_and_undo_reopens() {
        let (mut mine, theirs) = layers();
        let mut decisions = Vec::new();
        assert_eq!(decide(&mut mine, &theirs, &mut decisions, 13, Choice::Edit), 2);
        let copy = AnnotationId::from_random_bytes([99; 16]);
        assert_eq!(mine.get(&copy).unwrap().target.exact(), Some("Ann said"));
        // Undone (by the decision's Undo or the panel's): the decision no longer holds.
        let undo = decisions[0].command.as_ref().unwrap().inverse();
        mine.apply(&undo).unwrap();
        assert!(!decisions[0].holds(&mine));
        let d = differences(&mine, &theirs);
        assert_eq!(settled(&d, &decisions, "1", &mine).iter().filter(|s| !**s).count(), 3);
        // Decisions on another layer settle nothing here.
        assert!(settled(&d, &decisions, "2", &mine).iter().all(|s| !s));
    }

    #[test]
    fn keep_both_is_not_offered_for_one_sided_differences() {
        let id = AnnotationId::from_random_bytes([1; 16]);
        assert!(!Choice::KeepBoth.applies_to(&Difference::OnlyMine(id.clone())));
        assert!(Choice::KeepBoth.applies_to(&Difference::Relabelled { mine: id.clone(), theirs: id, field: "speaker" }));
    }

    #[test]
    fn choices_have_stable_keys() {
        for c in Choice::ALL {
            assert_eq!(Choice::from_key(c.key()), Some(c));
        }
        assert_eq!(Choice::TakeTheirs.key(), "take-theirs");
        assert_eq!(Choice::from_key("take-mine"), None);
    }
}
