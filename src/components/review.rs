//! The re-anchoring review at the top of the side panel — how each annotation brought over from
//! another version was found: exact, moved, fuzzy with its score, or not found — with Confirm
//! and Re-attach; and the banner shown while an annotation waits to be re-attached.

use crate::actions::{review, Ctx};
use crate::state::{is_resolved, ReviewEntry};
use crate::text::{shorten, slice};
use leptos::prelude::*;
use quotemark_core::anchor::AnchorStatus;

/// How many exact and moved annotations the review lists (the rest are counted).
const LISTED: usize = 100;

/// A short label for how an annotation was found ("Fuzzy 87 %").
pub fn status_label(status: AnchorStatus) -> String {
    match status {
        AnchorStatus::Exact => "Exact".to_string(),
        AnchorStatus::Moved => "Moved".to_string(),
        AnchorStatus::Fuzzy { score } => format!("Fuzzy {:.0} %", score * 100.0),
        AnchorStatus::Orphan => "Not found".to_string(),
    }
}

fn status_class(status: AnchorStatus) -> &'static str {
    match status {
        AnchorStatus::Exact => "exact",
        AnchorStatus::Moved => "moved",
        AnchorStatus::Fuzzy { .. } => "fuzzy",
        AnchorStatus::Orphan => "orphan",
    }
}

/// The banner shown while an annotation waits to be re-attached.
#[component]
pub fn ReattachBanner() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let quote = move || {
        let id = ctx.ui.reattach.get()?;
        ctx.doc.annotations.with(|s| s.get(&id).map(|a| shorten(a.target.exact().unwrap_or(""), 80)))
    };
    view! {
        <Show when=move || ctx.ui.reattach.with(Option::is_some)>
            <div class="reattach-banner" role="status" data-testid="reattach-banner">
                <p>
                    "Select the passage in the article for " <q class="plain">{quote}</q>
                    ", then choose " <strong>"Attach here"</strong> "."
                </p>
                <button type="button" class="link-button" on:click=move |_| ctx.ui.reattach.set(None)>
                    "Cancel"
                </button>
            </div>
        </Show>
    }
}

/// The re-anchoring review at the top of the side panel.
#[component]
pub fn ReanchorReview() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let body = move || {
        let mut current = ctx.ui.review.get()?;
        // Entries whose annotation is gone (an undone import, a deletion) leave the review.
        let all = current.entries.len();
        ctx.doc.annotations.with(|set| current.entries.retain(|e| set.contains(&e.id)));
        if all > 0 && current.entries.is_empty() {
            return None;
        }
        let mut counts = [0usize; 4];
        for e in &current.entries {
            counts[match e.found {
                AnchorStatus::Exact => 0,
                AnchorStatus::Moved => 1,
                AnchorStatus::Fuzzy { .. } => 2,
                AnchorStatus::Orphan => 3,
            }] += 1;
        }
        let summary = [(counts[0], "exact"), (counts[1], "moved"), (counts[2], "fuzzy"), (counts[3], "not found")]
            .iter()
            .filter(|(n, _)| *n > 0)
            .map(|(n, label)| format!("{n} {label}"))
            .collect::<Vec<_>>()
            .join(" · ");
        let open: usize = current.entries.iter().filter(|e| e.is_open(&ctx.doc)).count();
        let (attention, settled): (Vec<ReviewEntry>, Vec<ReviewEntry>) =
            current.entries.iter().cloned().partition(ReviewEntry::needs_check);
        let hidden = settled.len().saturating_sub(LISTED);
        let settled_count = settled.len();
        let note = if current.entries.is_empty() {
            "There were no annotations to bring over.".to_string()
        } else if open == 0 {
            "Every annotation has its place in this version.".to_string()
        } else if open == 1 {
            "1 to check. Confirm a fuzzy match if it is right; re-attach anything else by selecting its passage in the article.".to_string()
        } else {
            format!(
                "{open} to check. Confirm a fuzzy match if it is right; re-attach anything else by selecting its passage in the article."
            )
        };
        Some(view! {
            <section class="review" aria-labelledby="review-title" data-testid="reanchor-review">
                <div class="review-head">
                    <h3 id="review-title" tabindex="-1">
                        {match current.from.clone() {
                            Some(from) => format!("Re-anchored from {from}"),
                            None => "Annotations from an earlier version".to_string(),
                        }}
                    </h3>
                    <button
                        type="button"
                        class="link-button"
                        on:click=move |_| review::close_review(&ctx)
                    >
                        "Done"
                    </button>
                </div>
                <p class="review-summary" data-testid="review-summary">{summary}</p>
                <p class="review-note">{note}</p>
                <ul class="review-list">
                    {attention.into_iter().map(|e| view! { <ReviewRow entry=e /> }).collect_view()}
                </ul>
                {(settled_count > 0)
                    .then(|| {
                        view! {
                            <details class="review-settled">
                                <summary>{format!("Exact and moved ({settled_count})")}</summary>
                                <ul class="review-list">
                                    {settled
                                        .into_iter()
                                        .take(LISTED)
                                        .map(|e| view! { <ReviewRow entry=e /> })
                                        .collect_view()}
                                </ul>
                                {(hidden > 0).then(|| view! { <p class="review-note">{format!("…and {hidden} more.")}</p> })}
                            </details>
                        }
                    })}
            </section>
        })
    };
    view! { {body} }
}

#[component]
fn ReviewRow(entry: ReviewEntry) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let ReviewEntry { id, found } = entry.clone();
    let Some((kind, text)) = ctx
        .doc
        .annotations
        .with_untracked(|s| s.get(&id).map(|a| (a.kind.name(), shorten(a.target.exact().unwrap_or(""), 120))))
    else {
        return ().into_any();
    };
    let done = entry.needs_check() && is_resolved(&ctx.doc, &id);
    let label = match (found, done) {
        (AnchorStatus::Fuzzy { .. }, true) => "Confirmed".to_string(),
        (AnchorStatus::Orphan, true) => "Re-attached".to_string(),
        _ => status_label(found),
    };
    let class = if done { "done" } else { status_class(found) };
    // A fuzzy match not yet confirmed: what the text says there now, to compare before confirming.
    let now_text = (matches!(found, AnchorStatus::Fuzzy { .. }) && !done)
        .then(|| {
            let span = ctx.doc.span_of(&id)?;
            Some(shorten(&ctx.doc.document.with_untracked(|d| slice(&d.text, span.start, span.end)), 120))
        })
        .flatten();
    let (show_id, act_id) = (id.clone(), id.clone());
    let placed = !matches!(found, AnchorStatus::Orphan) || done;
    let action = match (found, done) {
        (AnchorStatus::Fuzzy { .. }, false) => {
            let other_id = act_id.clone();
            Some(
                view! {
                    <button type="button" class="small" on:click=move |_| review::start_reattach(&ctx, &other_id)>
                        "Re-attach…"
                    </button>
                    <button type="button" class="primary small" on:click=move |_| review::confirm(&ctx, &act_id)>
                        "Confirm"
                    </button>
                }
                .into_any(),
            )
        }
        (AnchorStatus::Orphan, false) => Some(
            view! {
                <button type="button" class="primary small" on:click=move |_| review::start_reattach(&ctx, &act_id)>
                    "Re-attach…"
                </button>
            }
            .into_any(),
        ),
        _ => None,
    };
    view! {
        <li class="review-row" data-testid="review-row">
            <span class=format!("review-status {class}") data-testid="review-status">{label}</span>
            <span class=format!("badge {kind}")>{kind}</span>
            {match now_text {
                Some(now) => view! {
                    <span class="review-text"><span class="review-was">"Was: "</span>{text}</span>
                    <span class="review-text"><span class="review-was">"Now: "</span>{now}</span>
                }
                    .into_any(),
                None => view! { <span class="review-text">{text}</span> }.into_any(),
            }}
            <span class="review-actions">
                {placed
                    .then(|| {
                        view! {
                            <button
                                type="button"
                                class="small"
                                on:click=move |_| {
                                    ctx.ui.selected.set(Some(show_id.clone()));
                                    ctx.ui.sheet_open.set(false);
                                    ctx.ui.reveal(&show_id);
                                }
                            >
                                "Show"
                            </button>
                        }
                    })}
                {action}
            </span>
        </li>
    }
    .into_any()
}
