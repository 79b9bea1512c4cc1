//! [`Command`]: an undoable change to an annotation set, and [`History`], the undo and redo stacks.
//! Uses the model's types only.

use super::{Annotation, AnnotationId, AnnotationSet};
use serde::{Deserialize, Serialize};
use std::fmt;

/// A change to an annotation set. Every command knows its inverse.
// An update holds two annotations inline: commands are made one per reader action, and the text
// they hold is shared (see [`Substr`]), so boxing would only add an allocation.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Command {
    Create(Annotation),
    Update {
        before: Annotation,
        after: Annotation,
    },
    Delete(Annotation),
    /// Several changes made (and undone) as one, e.g. an import.
    Batch(Vec<Command>),
}

impl Command {
    /// The command that undoes this one.
    pub fn inverse(&self) -> Command {
        match self {
            Command::Create(a) => Command::Delete(a.clone()),
            Command::Delete(a) => Command::Create(a.clone()),
            Command::Update { before, after } => Command::Update {
                before: after.clone(),
                after: before.clone(),
            },
            Command::Batch(cs) => Command::Batch(cs.iter().rev().map(Command::inverse).collect()),
        }
    }

    /// Ids of the annotations this command touches.
    pub fn touched(&self) -> Vec<&AnnotationId> {
        match self {
            Command::Create(a) | Command::Delete(a) => vec![&a.id],
            Command::Update { after, .. } => vec![&after.id],
            Command::Batch(cs) => cs.iter().flat_map(Command::touched).collect(),
        }
    }

    /// A short description for undo buttons and announcements, e.g. `create quote`.
    pub fn describe(&self) -> String {
        match self {
            Command::Create(a) => format!("create {}", a.kind.name()),
            Command::Update { after, .. } => format!("edit {}", after.kind.name()),
            Command::Delete(a) => format!("delete {}", a.kind.name()),
            Command::Batch(cs) => format!("{} changes", cs.len()),
        }
    }
}

/// Why a command could not be applied.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CommandError {
    AlreadyExists(AnnotationId),
    Missing(AnnotationId),
    Stale(AnnotationId),
    IdChanged(AnnotationId),
}

impl fmt::Display for CommandError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CommandError::AlreadyExists(id) => write!(f, "annotation {id} already exists"),
            CommandError::Missing(id) => write!(f, "annotation {id} does not exist"),
            CommandError::Stale(id) => write!(f, "annotation {id} was changed elsewhere"),
            CommandError::IdChanged(id) => {
                write!(f, "an edit may not change the id of annotation {id}")
            }
        }
    }
}

impl std::error::Error for CommandError {}

/// Undo and redo stacks of commands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct History {
    undo: Vec<Command>,
    redo: Vec<Command>,
    limit: usize,
}

impl Default for History {
    fn default() -> Self {
        History {
            undo: Vec::new(),
            redo: Vec::new(),
            limit: 500,
        }
    }
}

impl History {
    /// A history that remembers at most `limit` commands.
    pub fn with_limit(limit: usize) -> History {
        History {
            limit: limit.max(1),
            ..History::default()
        }
    }

    /// Applies `command` and records it; clears the redo stack.
    pub fn execute(
        &mut self,
        set: &mut AnnotationSet,
        command: Command,
    ) -> Result<(), CommandError> {
        set.apply(&command)?;
        self.undo.push(command);
        if self.undo.len() > self.limit {
            self.undo.remove(0);
        }
        self.redo.clear();
        Ok(())
    }

    /// Undoes the last command; returns the command that was applied to do so.
    pub fn undo(&mut self, set: &mut AnnotationSet) -> Option<Result<Command, CommandError>> {
        let command = self.undo.pop()?;
        let inverse = command.inverse();
        Some(match set.apply(&inverse) {
            Ok(()) => {
                self.redo.push(command);
                Ok(inverse)
            }
            Err(e) => {
                self.undo.push(command);
                Err(e)
            }
        })
    }

    /// Redoes the last undone command; returns it.
    pub fn redo(&mut self, set: &mut AnnotationSet) -> Option<Result<Command, CommandError>> {
        let command = self.redo.pop()?;
        Some(match set.apply(&command) {
            Ok(()) => {
                self.undo.push(command.clone());
                Ok(command)
            }
            Err(e) => {
                self.redo.push(command);
                Err(e)
            }
        })
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }
    /// The command the next undo would revert.
    pub fn peek_undo(&self) -> Option<&Command> {
        self.undo.last()
    }
    /// The command the next redo would apply.
    pub fn peek_redo(&self) -> Option<&Command> {
        self.redo.last()
    }
    pub fn clear(&mut self) {
        self.undo.clear();
        self.redo.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{test_quote, Timestamp};

    #[test]
    fn every_command_is_undone_by_its_inverse() {
        let mut set: AnnotationSet = [test_quote(1, 0), test_quote(2, 5)].into_iter().collect();
        let original = set.clone();
        let mut edited = test_quote(1, 0);
        edited.note = "checked".into();
        edited.modified = Timestamp(5);
        let commands = vec![
            Command::Create(test_quote(3, 9)),
            Command::Delete(test_quote(2, 5)),
            Command::Update {
                before: test_quote(1, 0),
                after: edited,
            },
            Command::Batch(vec![
                Command::Create(test_quote(4, 1)),
                Command::Delete(test_quote(4, 1)),
                Command::Delete(test_quote(1, 0)),
            ]),
        ];
        for c in commands {
            set.apply(&c).unwrap();
            set.apply(&c.inverse()).unwrap();
            assert_eq!(set, original, "{c:?}");
        }
    }

    #[test]
    fn invalid_commands_change_nothing() {
        let mut set: AnnotationSet = [test_quote(1, 0)].into_iter().collect();
        let before = set.clone();
        assert_eq!(
            set.apply(&Command::Create(test_quote(1, 0))),
            Err(CommandError::AlreadyExists(test_quote(1, 0).id))
        );
        assert!(matches!(
            set.apply(&Command::Delete(test_quote(9, 0))),
            Err(CommandError::Missing(_))
        ));
        let mut other = test_quote(1, 0);
        other.note = "x".into();
        assert!(matches!(
            set.apply(&Command::Delete(other)),
            Err(CommandError::Stale(_))
        ));
        // A batch whose second step fails leaves the first undone too.
        let batch = Command::Batch(vec![
            Command::Create(test_quote(2, 0)),
            Command::Create(test_quote(2, 0)),
        ]);
        assert!(set.apply(&batch).is_err());
        assert_eq!(set, before);
    }

    #[test]
    fn history_undo_redo_and_new_command_clears_redo() {
        let mut set = AnnotationSet::default();
        let mut h = History::default();
        h.execute(&mut set, Command::Create(test_quote(1, 0)))
            .unwrap();
        h.execute(&mut set, Command::Create(test_quote(2, 4)))
            .unwrap();
        assert!(matches!(h.undo(&mut set), Some(Ok(Command::Delete(_)))));
        assert_eq!(set.len(), 1);
        assert!(h.can_redo());
        h.execute(&mut set, Command::Create(test_quote(3, 8)))
            .unwrap();
        assert!(!h.can_redo());
        assert!(h.undo(&mut set).is_some());
        assert!(h.undo(&mut set).is_some());
        assert!(h.undo(&mut set).is_none());
        assert!(set.is_empty());
    }
}
