//! Suggestions: found in the open text by [`quotemark_core::suggest`]; accepting one makes an
//! ordinary, undoable annotation, rejecting one hides it on that document for good (stored).

use super::{annotations, save, Ctx};
use crate::browser::{new_id, now};
use crate::later;
use crate::persist::rejected as stored_rejections;
use leptos::prelude::*;
use quotemark_core::document::DocumentId;
use quotemark_core::model::{Annotation, Command};
use quotemark_core::suggest::{Suggestion, SuggestionKind};
use std::collections::BTreeSet;

/// The suggestions proposed for `text` (the open document's), worked out by a chunk loaded on
/// first use; `Err` is the message to show when it could not be loaded.
pub async fn find(text: String) -> Result<Vec<Suggestion>, String> {
    let found = later::suggest(text).await.map_err(|e| e.message("Suggesting quotes and claims"))?;
    Ok(found.into_iter().filter(Suggestion::is_proposed).collect())
}

/// The suggestions rejected on a document.
pub fn rejected(ctx: &Ctx, document: &DocumentId) -> BTreeSet<String> {
    stored_rejections::load(&*ctx.saving.store(), document)
}

fn annotation_of(ctx: &Ctx, s: &Suggestion) -> Annotation {
    Annotation::new(new_id(), ctx.doc.describe(s.extent()), s.to_kind(), now())
}

fn kind_name(s: &Suggestion) -> &'static str {
    if s.kind == SuggestionKind::Quote {
        "quote"
    } else {
        "claim"
    }
}

/// Accepts a suggestion as an annotation.
pub fn accept(ctx: &Ctx, s: &Suggestion) {
    if annotations::execute(ctx, Command::Create(annotation_of(ctx, s))).is_ok() {
        ctx.notices.announce(&format!("Accepted the suggested {}", kind_name(s)));
    }
}

/// Accepts every suggestion of `pending` at or above `floor` confidence, as one undoable change.
pub fn accept_all(ctx: &Ctx, pending: &[Suggestion], floor: f32) {
    let commands: Vec<Command> =
        pending.iter().filter(|s| s.confidence >= floor).map(|s| Command::Create(annotation_of(ctx, s))).collect();
    let n = commands.len();
    if n > 0 && annotations::execute(ctx, Command::Batch(commands)).is_ok() {
        ctx.notices.announce(&format!("Accepted {n} suggestions"));
    }
}

/// Rejects a suggestion: hidden at once (in `rejected`), and stored for the open document.
pub fn reject(ctx: &Ctx, rejected: RwSignal<BTreeSet<String>>, s: &Suggestion) {
    rejected.update(|r| {
        r.insert(s.id.clone());
    });
    let document = ctx.doc.document.with_untracked(|d| d.id.clone());
    let stored = rejected.with_untracked(|r| stored_rejections::save(&*ctx.saving.store(), &document, r));
    if save::report_other(ctx, "The rejection", stored) {
        ctx.notices.announce("Suggestion rejected");
    }
}
