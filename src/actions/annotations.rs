//! Editing annotations: tag a selection, create, save or delete one, undo and redo, and take in
//! what another tab changed. Each change is applied to the document state, told to the reader
//! and saved.

use leptos::prelude::*;
use super::{save, Ctx};
use crate::browser::{clear_selection, new_id, now};
use crate::persist::sync::{self, TakeIn};
use crate::state::{Editing, Toast};
use quotemark_core::model::{Annotation, AnnotationId, Claim, Command, CommandError, Kind, Quote};

/// Which kind a new annotation starts as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NewKind {
    Quote,
    Claim,
}

/// Starts a new annotation of `kind` on the pending selection (if any) and opens its editor.
pub fn tag_selection(ctx: &Ctx, kind: NewKind) -> bool {
    let Some(pending) = ctx.ui.pending.get_untracked() else { return false };
    let target = ctx.doc.describe(pending.span);
    let kind = match kind {
        NewKind::Quote => Kind::Quote(Quote::default()),
        NewKind::Claim => Kind::Claim(Claim::default()),
    };
    let draft = Annotation::new(new_id(), target, kind, now());
    ctx.ui.pending.set(None);
    ctx.ui.selected.set(None);
    ctx.ui.editing.set(Some(Editing::New(draft)));
    clear_selection();
    true
}

/// Applies a command, records it for undo, tells the reader and saves.
pub fn execute(ctx: &Ctx, command: Command) -> Result<(), CommandError> {
    ctx.doc.execute(&command)?;
    let message = describe_change(&command);
    let toast = matches!(command, Command::Delete(_)).then(|| Toast { message: message.clone(), undo: true });
    after_change(ctx, &command, &message, toast);
    Ok(())
}

/// Saves an edited annotation (`before` → `after`); an unchanged one just closes the editor.
pub fn save_edit(ctx: &Ctx, before: Annotation, mut after: Annotation, is_new: bool) -> Result<(), CommandError> {
    let command = if is_new {
        Command::Create(after)
    } else if after == before {
        ctx.ui.editing.set(None);
        return Ok(());
    } else {
        after.modified = now();
        Command::Update { before, after }
    };
    execute(ctx, command)?;
    ctx.ui.editing.set(None);
    Ok(())
}

/// Deletes an annotation (undoable, from the toast too); whether it existed.
pub fn delete(ctx: &Ctx, id: &AnnotationId) -> bool {
    let Some(annotation) = ctx.doc.annotations.with_untracked(|s| s.get(id).cloned()) else { return false };
    if execute(ctx, Command::Delete(annotation)).is_err() {
        return false;
    }
    if ctx.ui.selected.with_untracked(|s| s.as_ref() == Some(id)) {
        ctx.ui.selected.set(None);
    }
    true
}

/// Undoes the last change, if any.
pub fn undo(ctx: &Ctx) {
    match ctx.doc.undo() {
        Some(Ok(step)) => {
            let message = format!("Undone: {}", step.label);
            after_change(ctx, &step.applied, &message, Some(Toast { message: message.clone(), undo: false }))
        }
        Some(Err(e)) => ctx.notices.announce(&format!("Could not undo: {e}")),
        None => ctx.notices.announce("Nothing to undo"),
    }
}

/// Redoes the last undone change, if any.
pub fn redo(ctx: &Ctx) {
    match ctx.doc.redo() {
        Some(Ok(step)) => {
            let message = format!("Redone: {}", step.label);
            after_change(ctx, &step.applied, &message, Some(Toast { message: message.clone(), undo: false }))
        }
        Some(Err(e)) => ctx.notices.announce(&format!("Could not redo: {e}")),
        None => ctx.notices.announce("Nothing to redo"),
    }
}

fn after_change(ctx: &Ctx, command: &Command, message: &str, toast: Option<Toast>) {
    close_editor_if_gone(ctx);
    ctx.notices.announce(message);
    ctx.notices.set_toast(toast);
    ctx.saving.touch(command.touched());
    save::schedule(ctx);
}

/// An editor open on an annotation that no longer exists closes.
fn close_editor_if_gone(ctx: &Ctx) {
    if let Some(Editing::Existing(id)) = ctx.ui.editing.get_untracked() {
        if !ctx.doc.annotations.with_untracked(|s| s.contains(&id)) {
            ctx.ui.editing.set(None);
        }
    }
}

fn describe_change(command: &Command) -> String {
    match command {
        Command::Create(a) => format!("Created {}", a.kind.name()),
        Command::Update { after, .. } => format!("Saved {}", after.kind.name()),
        Command::Delete(a) => format!("Deleted {}", a.kind.name()),
        Command::Batch(cs) => format!("Applied {} changes", cs.len()),
    }
}

/// Takes in what another tab wrote under `key` (`value` `None`: removed): a change to one
/// annotation, or the whole set written again (then every difference from it). A change of this
/// tab's that is not yet saved and is newer wins, and is saved.
pub fn apply_external(ctx: &Ctx, key: &str, value: Option<&str>) {
    let incoming = ctx.saving.with_persistence(|p| {
        let foreign = p.foreign(key, value)?;
        Some(ctx.doc.annotations.with_untracked(|ours| sync::incoming(ours, foreign, p)))
    });
    let Some(incoming) = incoming.flatten() else { return };
    let mut changed = false;
    for (id, theirs) in incoming {
        let ours = ctx.doc.annotations.with_untracked(|s| s.get(&id).cloned());
        match sync::take_in(ours, theirs, ctx.saving.is_dirty(&id)) {
            TakeIn::Apply(command) => changed |= ctx.doc.apply_unrecorded(&command),
            TakeIn::KeepOurs => save::schedule(ctx),
            TakeIn::Same => {}
        }
    }
    if changed {
        close_editor_if_gone(ctx);
        ctx.notices.announce("Updated from another tab");
    }
}
