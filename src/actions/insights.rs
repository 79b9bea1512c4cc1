//! The insights' actions: counting the open article or the whole library, setting a person's
//! role, the fact-check settings, and the library-wide research export and the article's
//! ClaimReview export. Counting is timed (`quotemark:insights`, `quotemark:insights-library`) for
//! `./dev bench insights`.

use super::{import::download, save, Ctx};
use crate::browser::{mark, measure, now};
use crate::later;
use crate::persist::{self, settings};
use leptos::prelude::*;
use quotemark_core::claimreview::{self, ReviewSettings};
use quotemark_core::document::Document;
use quotemark_core::insights::{Insights, Tally};
use quotemark_core::model::{AnnotationSet, SpeakerRole};
use std::sync::Arc;

/// The insights of the open article (`open` is its tally), or of the whole library when the
/// reader asked for it and it has been read.
pub fn compute(ctx: &Ctx, open: &Tally) -> Insights {
    mark("quotemark:insights-start");
    let roles = ctx.audit.roles.read();
    let out = match ctx.audit.library.get().filter(|_| ctx.audit.whole_library.get()) {
        Some(library) => Insights::merge(library.iter().map(|(_, t)| t).chain([open]), &roles),
        None => Insights::merge([open], &roles),
    };
    measure("quotemark:insights", "quotemark:insights-start");
    out
}

/// Every stored article but the open one, with its annotations (unreadable ones are left out).
fn stored_articles(ctx: &Ctx) -> Vec<(Document, AnnotationSet)> {
    let open = ctx.doc.document.with_untracked(|d| d.id.clone());
    let mut articles = persist::library::articles(&*ctx.saving.store(), now());
    articles.retain(|(d, _)| d.id != open);
    articles
}

/// Reads and tallies the library's other articles (again, so that it is current).
pub fn load_library(ctx: &Ctx) {
    save::flush(ctx);
    mark("quotemark:insights-library-start");
    let tallies: Vec<_> = stored_articles(ctx).into_iter().map(|(d, set)| (d.id, Tally::of(&set))).collect();
    measure("quotemark:insights-library", "quotemark:insights-library-start");
    ctx.audit.set_library(Arc::new(tallies));
}

/// Gives a person a role (or clears it) for the whole library.
pub fn set_role(ctx: &Ctx, person: &str, role: Option<SpeakerRole>) {
    let roles = ctx.audit.set_role(person, role);
    let store = ctx.saving.store();
    if save::report_other(ctx, "The role", settings::save_roles(&*store, &roles)) {
        let what = role.map_or("no role", SpeakerRole::label);
        ctx.notices.announce(&format!("{person}: {what}"));
    }
}

/// Adds the roles an import brings for people the reader gave none.
pub fn add_roles(ctx: &Ctx, incoming: &quotemark_core::insights::Roles) {
    if incoming.is_empty() {
        return;
    }
    let mut roles = ctx.audit.roles.get_untracked();
    if roles.add_missing(incoming) > 0 {
        ctx.audit.replace_roles(roles.clone());
        save::report_other(ctx, "The imported roles", settings::save_roles(&*ctx.saving.store(), &roles));
    }
}

/// Takes in roles or fact-check settings another tab changed (`key` is the storage key written).
pub fn apply_external(ctx: &Ctx, key: &str) {
    let store = ctx.saving.store();
    if key == settings::ROLES_KEY {
        ctx.audit.replace_roles(settings::roles(&*store, now()).0);
    } else if key == settings::REVIEW_SETTINGS_KEY {
        ctx.audit.set_review(settings::review_settings(&*store, now()).0);
    }
}

/// Keeps who publishes the fact-checks and on which scale.
pub fn set_review_settings(ctx: &Ctx, review: ReviewSettings) {
    ctx.audit.set_review(review.clone());
    let store = ctx.saving.store();
    save::report_other(ctx, "The fact-check settings", settings::save_review_settings(&*store, &review));
}

/// Today as `YYYY-MM-DD` (UTC).
fn today() -> String {
    now().to_rfc3339().chars().take(10).collect()
}

pub use crate::later::Research;

/// Downloads one row per quote and claim of every article in the library (written in the exports
/// chunk, loaded on first use).
pub fn export_research(ctx: &Ctx, format: Research) {
    save::flush(ctx);
    let mut articles = stored_articles(ctx);
    articles.insert(0, (ctx.doc.document.get_untracked(), ctx.doc.annotations.get_untracked()));
    let roles = ctx.audit.roles.get_untracked();
    let name = format!("quotemark-library-{}", today());
    let (name, mime) = match format {
        Research::Csv { .. } => (format!("{name}.csv"), "text/csv;charset=utf-8"),
        Research::JsonLines => (format!("{name}.jsonl"), "application/jsonl"),
    };
    let ctx = *ctx;
    leptos::task::spawn_local(async move {
        match later::research_table(articles, roles, format).await {
            Ok(table) => download(&ctx, &name, mime, &table),
            Err(e) => ctx.notices.toast(&e.message("Exporting the research table")),
        }
    });
}

/// The open article's fact-checks and what each lacks.
pub fn claim_reviews(ctx: &Ctx) -> claimreview::Reviews {
    let settings = ctx.audit.review.get();
    let roles = ctx.audit.roles.get();
    ctx.doc.document.with(|d| ctx.doc.annotations.with(|s| claimreview::reviews(d, s, &settings, &roles, &today())))
}

/// Downloads the open article's fact-checks as ClaimReview JSON-LD.
pub fn export_claim_reviews(ctx: &Ctx) {
    let reviews = claim_reviews(ctx);
    if reviews.publishable() == 0 {
        ctx.notices.toast("No claim is ready to publish yet: see what each one lacks");
        return;
    }
    let stem = ctx.doc.document.with_untracked(quotemark_core::report::file_stem);
    // Only what Google's documentation accepts: the reviews lacking nothing required.
    let ctx = *ctx;
    leptos::task::spawn_local(async move {
        match later::claim_review_json(reviews).await {
            Ok(json) => download(&ctx, &format!("{stem}-claimreview.jsonld"), "application/ld+json", &json),
            Err(e) => ctx.notices.toast(&e.message("Exporting ClaimReview")),
        }
    });
}
