//! The preview of restoring a library backup: how many articles it adds and merges, what happens
//! to their annotations, and each article by name, with Restore and Cancel.

use crate::actions::{backup, Ctx};
use crate::state::{ImportState, RestorePlan};
use crate::text::count;
use leptos::prelude::*;
use quotemark_core::merge::MergeCounts;

/// The sum of every article's merge counts.
fn totals(plan: &RestorePlan) -> MergeCounts {
    plan.articles.iter().map(|a| a.merge.report.counts()).fold(MergeCounts::default(), |t, c| MergeCounts {
        added: t.added + c.added,
        updated: t.updated + c.updated,
        unchanged: t.unchanged + c.unchanged,
        duplicates: t.duplicates + c.duplicates,
        conflicts: t.conflicts + c.conflicts,
    })
}

/// What one article of the backup brings, in a few words.
fn outcome(stored: bool, c: &MergeCounts) -> String {
    let brought = c.added + c.updated;
    match (stored, brought) {
        (false, _) => format!("new here, {}", count(c.added, "annotation", "annotations")),
        (true, 0) => "already here, nothing new".to_string(),
        (true, _) => format!("already here, {} new or newer", count(brought, "annotation", "annotations")),
    }
}

#[component]
pub fn RestorePreview(plan: RestorePlan) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let close = move || ctx.ui.import.set(ImportState::Closed);
    let t = totals(&plan);
    let new_articles = plan.articles.iter().filter(|a| !a.stored).count();
    let noop = plan.is_noop();
    let summary = format!(
        "From {}: {} with {}. Restoring adds what this browser does not have; nothing here is deleted or replaced by an older version.",
        plan.source,
        count(plan.articles.len(), "article", "articles"),
        count(t.added + t.updated + t.unchanged + t.duplicates + t.conflicts, "annotation", "annotations"),
    );
    let rows = [
        ("Articles new here", new_articles),
        ("Articles already here", plan.articles.len() - new_articles),
        ("New annotations", t.added),
        ("Updated (newer in the backup)", t.updated),
        ("Unchanged", t.unchanged),
        ("Duplicates (skipped)", t.duplicates),
        ("Conflicts (yours is newer; kept)", t.conflicts),
    ]
    .into_iter()
    .map(|(label, n)| view! { <tr><th scope="row">{label}</th><td>{n}</td></tr> })
    .collect_view();
    let list = plan
        .articles
        .iter()
        .map(|a| {
            let what = outcome(a.stored, &a.merge.report.counts());
            view! {
                <li>
                    <span class="library-title">{a.document.title.clone()}</span>
                    <span class="library-meta">{what}</span>
                </li>
            }
        })
        .collect_view();
    let plan = StoredValue::new_local(Some(plan));
    view! {
        <h2 id="import-title">"Restore a library backup"</h2>
        <p class="dialog-note">{summary}</p>
        <table class="preview" data-testid="restore-preview">
            <tbody>{rows}</tbody>
        </table>
        <details class="restore-articles">
            <summary>"The articles"</summary>
            <ul data-testid="restore-articles">{list}</ul>
        </details>
        <div class="dialog-actions">
            <button
                type="button"
                class="primary"
                on:click=move |_| {
                    if let Some(plan) = plan.try_update_value(|p| p.take()).flatten() {
                        close();
                        backup::apply_restore(&ctx, plan);
                    }
                }
            >
                {if noop { "Done" } else { "Restore" }}
            </button>
            <button type="button" on:click=move |_| close()>"Cancel"</button>
        </div>
    }
}
