//! The annotation set (a vector sorted by id) against a naive oracle: a `BTreeMap` from id to
//! annotation with the same rules for commands, over random sequences of commands, batches and
//! undo/redo.

use proptest::prelude::*;
use quotemark_core::model::*;
use std::collections::BTreeMap;

/// An annotation with one of a few ids, so that commands collide often.
fn annotation(id: u8, note: u8) -> Annotation {
    let mut a = Annotation::new(
        AnnotationId(format!("id-{id:02}").into()),
        Target::new("doc", id as usize, id as usize + 2, "ab", "", ""),
        Kind::Quote(Quote::default()),
        Timestamp(1),
    );
    a.note = format!("note {note}");
    a
}

/// The oracle: the rules of [`AnnotationSet::apply`] over a map.
#[derive(Clone, Default, Debug, PartialEq)]
struct Oracle(BTreeMap<AnnotationId, Annotation>);

impl Oracle {
    fn apply(&mut self, command: &Command) -> bool {
        let mut scratch = self.clone();
        if !scratch.apply_each(command) {
            return false;
        }
        *self = scratch;
        true
    }
    fn apply_each(&mut self, command: &Command) -> bool {
        match command {
            Command::Create(a) => self.0.insert(a.id.clone(), a.clone()).is_none(),
            Command::Update { before, after } => {
                before.id == after.id && self.0.get(&before.id) == Some(before) && self.0.insert(after.id.clone(), after.clone()).is_some()
            }
            Command::Delete(a) => self.0.get(&a.id) == Some(a) && self.0.remove(&a.id).is_some(),
            Command::Batch(commands) => commands.iter().all(|c| self.apply_each(c)),
        }
    }
}

fn command(depth: u32) -> BoxedStrategy<Command> {
    let id = 0u8..12;
    let note = 0u8..3;
    let leaf = prop_oneof![
        (id.clone(), note.clone()).prop_map(|(i, n)| Command::Create(annotation(i, n))),
        (id.clone(), note.clone(), note.clone()).prop_map(|(i, a, b)| Command::Update { before: annotation(i, a), after: annotation(i, b) }),
        (id.clone(), 0u8..12, note.clone()).prop_map(|(i, j, n)| Command::Update { before: annotation(i, n), after: annotation(j, n) }),
        (id, note).prop_map(|(i, n)| Command::Delete(annotation(i, n))),
    ];
    if depth == 0 {
        leaf.boxed()
    } else {
        prop_oneof![4 => leaf, 1 => prop::collection::vec(command(depth - 1), 0..40).prop_map(Command::Batch)].boxed()
    }
}

#[allow(clippy::large_enum_variant)] // test steps, a few hundred per case
#[derive(Clone, Debug)]
enum Step {
    Execute(Command),
    Undo,
    Redo,
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![6 => command(2).prop_map(Step::Execute), 1 => Just(Step::Undo), 1 => Just(Step::Redo)]
}

fn same(set: &AnnotationSet, oracle: &Oracle) -> Result<(), TestCaseError> {
    let ours: Vec<&Annotation> = set.iter().collect();
    let theirs: Vec<&Annotation> = oracle.0.values().collect();
    prop_assert_eq!(ours, theirs);
    prop_assert_eq!(set.len(), oracle.0.len());
    for i in 0..12u8 {
        let id = annotation(i, 0).id;
        prop_assert_eq!(set.get(&id), oracle.0.get(&id));
        prop_assert_eq!(set.contains(&id), oracle.0.contains_key(&id));
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn commands_apply_as_the_oracle_applies_them(steps in prop::collection::vec(step(), 1..40)) {
        let (mut set, mut history) = (AnnotationSet::default(), History::default());
        let (mut oracle, mut oracle_history) = (Oracle::default(), (Vec::<Command>::new(), Vec::<Command>::new()));
        for s in steps {
            match s {
                Step::Execute(c) => {
                    let ok = oracle.apply(&c);
                    prop_assert_eq!(history.execute(&mut set, c.clone()).is_ok(), ok, "{:?}", c);
                    if ok {
                        oracle_history.0.push(c);
                        oracle_history.1.clear();
                    }
                }
                Step::Undo => {
                    let expected = oracle_history.0.last().map(|c| oracle.clone().apply(&c.inverse()));
                    prop_assert_eq!(history.undo(&mut set).map(|r| r.is_ok()), expected);
                    if expected == Some(true) {
                        let c = oracle_history.0.pop().unwrap();
                        oracle.apply(&c.inverse());
                        oracle_history.1.push(c);
                    }
                }
                Step::Redo => {
                    let expected = oracle_history.1.last().map(|c| oracle.clone().apply(c));
                    prop_assert_eq!(history.redo(&mut set).map(|r| r.is_ok()), expected);
                    if expected == Some(true) {
                        let c = oracle_history.1.pop().unwrap();
                        oracle.apply(&c);
                        oracle_history.0.push(c);
                    }
                }
            }
            same(&set, &oracle)?;
        }
    }

    #[test]
    fn collecting_keeps_the_last_of_each_id(items in prop::collection::vec((0u8..12, 0u8..3), 0..40)) {
        let set: AnnotationSet = items.iter().map(|&(i, n)| annotation(i, n)).collect();
        let oracle = Oracle(items.iter().map(|&(i, n)| (annotation(i, n).id, annotation(i, n))).collect());
        same(&set, &oracle)?;
        let json = serde_json::to_string(&set).unwrap();
        prop_assert_eq!(json.clone(), serde_json::to_string(&oracle.0).unwrap());
        prop_assert_eq!(serde_json::from_str::<AnnotationSet>(&json).unwrap(), set);
    }
}
