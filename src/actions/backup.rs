//! Backing up the whole library in one file, and restoring one through a preview. A restore adds
//! what this browser lacks and never takes anything away: each backed-up article is merged into
//! what is kept here (the newer state of each annotation wins, as in an import), and articles that
//! are not here are added. It is undone as a whole from its toast; if any write fails, everything
//! it wrote so far is put back and nothing has changed.

use super::{insights, save, Ctx};
use crate::browser::now;
use crate::later;
use crate::persist::library::{self, Previous};
use crate::persist::{self, Store, WriteError};
use crate::state::{RestoreArticle, RestorePlan};
use leptos::prelude::*;
use quotemark_core::format::ImportedLibrary;
use quotemark_core::insights::Roles;
use quotemark_core::merge::merge;
use quotemark_core::model::{AnnotationSet, Command, Timestamp};

/// Downloads every stored article (the open one with its latest changes) and its annotations as
/// one file.
pub fn download_backup(ctx: &Ctx) {
    save::flush(ctx);
    let mut articles = library::articles(&*ctx.saving.store(), now());
    // The open article is always in it, even before its first save (the sample, say).
    let open = ctx.doc.document.get_untracked();
    if !articles.iter().any(|(d, _)| d.id == open.id) && !ctx.doc.annotations.with_untracked(AnnotationSet::is_empty) {
        articles.insert(0, (open, ctx.doc.annotations.get_untracked()));
    }
    let roles = ctx.audit.roles.get_untracked();
    let versions = library::versions(&*ctx.saving.store());
    let ctx = *ctx;
    leptos::task::spawn_local(async move {
        match later::export_library(articles, roles, versions, now()).await {
            Ok(json) => {
                let day = now().to_rfc3339().get(..10).unwrap_or("").to_string();
                super::import::download(&ctx, &format!("quotemark-library-{day}.json"), "application/json", &json);
            }
            Err(e) => ctx.notices.toast(&e.message("Backing up the library")),
        }
    });
}

/// Works out what restoring `backup` would do, without changing anything.
pub fn plan_restore(ctx: &Ctx, source: &str, backup: ImportedLibrary) -> RestorePlan {
    save::flush(ctx);
    let store = ctx.saving.store();
    let open = ctx.doc.document.with_untracked(|d| d.id.clone());
    let mut roles = Roles::default();
    let articles = backup
        .articles
        .into_iter()
        .filter_map(|imported| {
            let file = imported.document?;
            roles.add_missing(&file.roles);
            let document = file.to_document()?;
            let is_open = document.id == open;
            let stored = is_open || library::document(&*store, &document.id).is_some();
            let existing = if is_open {
                ctx.doc.annotations.get_untracked()
            } else {
                persist::load(&*store, &document.id, now()).ok().flatten().map(|l| l.annotations).unwrap_or_default()
            };
            let merge = merge(&existing, &imported.annotations, &document.text);
            Some(RestoreArticle { document, stored, open: is_open, existing, merge })
        })
        .collect();
    RestorePlan { source: source.to_string(), articles, versions: backup.versions, roles }
}

/// Applies a previewed restore: every article written, or (when a write fails) none.
pub fn apply_restore(ctx: &Ctx, plan: RestorePlan) {
    if plan.is_noop() {
        ctx.notices.announce("Nothing to restore: this browser already has everything in the backup");
        return;
    }
    save::flush(ctx);
    let store = ctx.saving.store();
    let mut previous = Previous::default();
    let mut open_change = None;
    let written = write_all(&*store, &plan, &mut previous, &mut open_change);
    if let Err(e) = written {
        // Put back what was written: nothing of the restore stays.
        let undone = library::restore(&*store, &previous);
        let kept = if undone.is_ok() { "nothing was changed" } else { "some of it could not be taken back" };
        ctx.notices.toast(&format!("The library could not be restored: {e}; {kept}."));
        return;
    }
    insights::add_roles(ctx, &plan.roles);
    if let Some(command) = &open_change {
        take_in_open(ctx, command);
    }
    let added = plan.articles.iter().filter(|a| !a.stored).count();
    let annotations: usize = plan.articles.iter().map(|a| a.merge.report.counts().added + a.merge.report.counts().updated).sum();
    let message = format!(
        "Restored from {}: {} added, {} merged",
        plan.source,
        crate::text::count(added, "article", "articles"),
        crate::text::count(annotations, "annotation", "annotations"),
    );
    ctx.notices.announce(&message);
    let ctx = *ctx;
    ctx.notices.toast_with_restore(&message, move || {
        save::flush(&ctx);
        let undone = library::restore(&*ctx.saving.store(), &previous);
        let open_undone = open_change.as_ref().is_none_or(|c| take_in_open(&ctx, &c.inverse()));
        if save::report_other(&ctx, "Undoing the restore", undone) {
            ctx.notices.announce(if open_undone {
                "The restore was undone"
            } else {
                "The restore was undone, but for the open article, which has changed since"
            });
        }
    });
}

/// Writes every article of the plan but the open one (whose change is returned in `open_change`,
/// for the page to take in and save as its own), then the version links.
fn write_all(
    store: &dyn Store,
    plan: &RestorePlan,
    previous: &mut Previous,
    open_change: &mut Option<Command>,
) -> Result<(), WriteError> {
    let started = now().0;
    for (i, article) in plan.articles.iter().enumerate() {
        if article.open {
            *open_change = (!article.merge.is_noop()).then(|| article.merge.command.clone());
            continue;
        }
        if article.stored && article.merge.is_noop() {
            continue;
        }
        let mut set = article.existing.clone();
        // The merge was worked out on exactly this set, so its command applies.
        let _ = set.apply(&article.merge.command);
        // Listed as in the backup: its first article as opened most recently.
        library::put_article(store, &article.document, &set, Timestamp(started - i as i64), previous)?;
    }
    library::add_versions(store, &plan.versions, previous)
}

/// Changes the open article as the restore (or its undo) says, as a change from elsewhere (not
/// on this page's undo list; the toast undoes the restore) that is saved like the reader's own.
fn take_in_open(ctx: &Ctx, command: &Command) -> bool {
    let applied = ctx.doc.apply_unrecorded(command);
    if applied {
        ctx.saving.touch(command.touched());
        save::schedule(ctx);
    }
    applied
}
