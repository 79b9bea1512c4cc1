//! A new version of an annotated article: its annotations are re-anchored in the new text, and a
//! review at the top of the side panel shows how each one was found — exact, moved, fuzzy with
//! its score, or not found — and lets the reader confirm a fuzzy match or re-attach a lost
//! annotation by selecting the passage it belongs to. Both are ordinary edits (undoable, saved).

use crate::components::article::reveal;
use crate::components::panel::shorten;
use crate::state::{now, AppState};
use leptos::prelude::*;
use quotemark_core::anchor::{AnchorStatus, AnchorText};
use quotemark_core::document::{Document, DocumentId};
use quotemark_core::model::{Annotation, AnnotationId, Command};

/// How many exact and moved annotations the review lists (the rest are counted).
const LISTED: usize = 100;

/// The outcome of opening a new version (or importing a file made on one).
#[derive(Clone, Debug, PartialEq)]
pub struct Review {
    /// Where the annotations came from (a title, or a title and a file name), when known: after a
    /// reload the review is rebuilt from what still needs checking, and then it is not.
    pub from: Option<String>,
    /// One entry per re-anchored annotation: fuzzy ones first, then those not found, then moved
    /// and exact ones, each group in document order.
    pub entries: Vec<Entry>,
}

/// How one annotation was found in the new version. Whether the reader has since confirmed or
/// re-attached it is read from the annotation itself (see [`resolved`]), so undo and redo are
/// reflected as they happen.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub id: AnnotationId,
    pub found: AnchorStatus,
}

/// Whether a fuzzy or lost annotation has been settled: its target is now on the open document
/// and found exactly there.
fn resolved(state: &AppState, id: &AnnotationId) -> bool {
    let on_document = state.document.with(|d| {
        state.annotations.with(|set| set.get(id).is_some_and(|a| a.target.source == d.id.0))
    });
    on_document && state.anchors.with(|a| a.get(id).is_some_and(|x| x.status == AnchorStatus::Exact))
}

/// Needs the reader: a fuzzy match or a lost annotation not yet settled.
fn open_entry(state: &AppState, e: &Entry) -> bool {
    matches!(e.found, AnchorStatus::Fuzzy { .. } | AnchorStatus::Orphan) && !resolved(state, &e.id)
}

/// The review a document needs when it opens: its annotations still on an earlier version of the
/// text (a target on another `sha256:` document) that are fuzzy or lost here. `None` if there are none.
pub fn pending_review(state: &AppState) -> Option<Review> {
    let doc = state.document.with_untracked(|d| d.id.0.clone());
    let mut entries: Vec<(Option<usize>, Entry)> = state.annotations.with_untracked(|set| {
        state.anchors.with_untracked(|anchors| {
            set.iter()
                .filter(|a| a.target.source != doc && a.target.source.starts_with("sha256:"))
                .filter_map(|a| {
                    let found = anchors.get(&a.id)?;
                    matches!(found.status, AnchorStatus::Fuzzy { .. } | AnchorStatus::Orphan)
                        .then(|| (found.span.map(|s| s.start), Entry { id: a.id.clone(), found: found.status }))
                })
                .collect()
        })
    });
    if entries.is_empty() {
        return None;
    }
    entries.sort_by_key(|(start, e)| (rank(e.found), start.unwrap_or(usize::MAX)));
    Some(Review { from: None, entries: entries.into_iter().map(|(_, e)| e).collect() })
}

/// Review order: what needs the reader first.
pub fn rank(s: AnchorStatus) -> u8 {
    match s {
        AnchorStatus::Fuzzy { .. } => 0,
        AnchorStatus::Orphan => 1,
        AnchorStatus::Moved => 2,
        AnchorStatus::Exact => 3,
    }
}

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

/// Opens `document` as a new version of the stored document `old`: every annotation of `old` that
/// the new version does not have yet is anchored in the new text. Exact and moved ones are
/// described afresh at their new place; fuzzy and lost ones keep their stored selectors until the
/// reader confirms or re-attaches them. The old version stays in the library as it was.
pub fn open_new_version(state: &AppState, document: Document, old: &DocumentId) {
    state.flush_save();
    let store = state.store();
    let previous = crate::persist::load(&*store, old, now()).ok().flatten();
    let Some(previous) = previous.filter(|_| *old != document.id) else {
        crate::components::library::open_document(state, document);
        return;
    };
    let mut annotations: Vec<Annotation> = crate::persist::load(&*store, &document.id, now())
        .ok()
        .flatten()
        .map(|l| l.annotations.iter().cloned().collect())
        .unwrap_or_default();
    let text = AnchorText::new(&document.text);
    let stamp = now();
    let known: std::collections::HashSet<AnnotationId> = annotations.iter().map(|a| a.id.clone()).collect();
    let incoming: Vec<&Annotation> = previous.annotations.iter().filter(|a| !known.contains(&a.id)).collect();
    // In one pass (each search starts where the previous annotation's move predicts).
    let anchors = text.anchor_all(incoming.iter().map(|a| &a.target));
    let mut found: Vec<(Option<usize>, Entry)> = Vec::new();
    for (a, anchored) in incoming.into_iter().zip(anchors) {
        let mut a = a.clone();
        if let (AnchorStatus::Exact | AnchorStatus::Moved, Some(span)) = (anchored.status, anchored.span) {
            a.target = text.describe(&document.id.0, span);
            a.modified = stamp;
        }
        found.push((anchored.span.map(|s| s.start), Entry { id: a.id.clone(), found: anchored.status }));
        annotations.push(a);
    }
    found.sort_by_key(|(start, e)| (rank(e.found), start.unwrap_or(usize::MAX)));
    let entries: Vec<Entry> = found.into_iter().map(|(_, e)| e).collect();
    let count = entries.len();
    let title = document.title.clone();
    crate::components::library::set_doc_hash(&document.id);
    crate::components::library::scroll_to_top();
    let (new_hex, old_hex) = (document.id.short().to_string(), old.short().to_string());
    state.open(document, annotations.into_iter().collect());
    state.save_all();
    // Remembered for the library ("new version of …"); only a label, so a failed write is let be.
    let mut versions = quotemark_store::decode_versions(store.get(quotemark_store::VERSIONS_KEY).as_deref());
    versions.insert(new_hex, old_hex);
    let _ = store.set(quotemark_store::VERSIONS_KEY, &quotemark_store::encode_versions(&versions));
    state.announce(&format!("Opened “{title}” as a new version of “{}”: {count} annotations re-anchored", previous.document.title));
    state.review.set(Some(Review { from: Some(format!("“{}”", previous.document.title)), entries }));
    // On a phone, unfold the panel so the review is seen.
    state.sheet_open.set(true);
}

/// Accepts a fuzzy match: the annotation is described afresh at the span it was found at.
pub fn confirm(state: &AppState, id: &AnnotationId) {
    let Some(span) = state.span_of(id) else { return };
    let Some(before) = state.annotations.with_untracked(|s| s.get(id).cloned()) else { return };
    let after = Annotation { target: state.describe(span), modified: now(), ..before.clone() };
    if state.execute(Command::Update { before, after }).is_ok() {
        state.announce("Match confirmed");
        focus_review();
    }
}

/// Starts re-attaching an annotation: the next selection in the article offers "Attach here".
pub fn start_reattach(state: &AppState, id: &AnnotationId) {
    state.editing.set(None);
    // On a phone the panel is a sheet over the article: fold it so the passage can be selected.
    state.sheet_open.set(false);
    state.reattach.set(Some(id.clone()));
    state.announce("Select the passage this annotation belongs to, then choose Attach here");
}

/// Attaches the annotation being re-attached to the pending selection.
pub fn attach_selection(state: &AppState) -> bool {
    let (Some(id), Some(pending)) = (state.reattach.get_untracked(), state.pending.get_untracked()) else { return false };
    let Some(before) = state.annotations.with_untracked(|s| s.get(&id).cloned()) else {
        state.reattach.set(None);
        return false;
    };
    let after = Annotation { target: state.describe(pending.span), modified: now(), ..before.clone() };
    state.pending.set(None);
    state.reattach.set(None);
    if let Some(selection) = web_sys::window().and_then(|w| w.get_selection().ok().flatten()) {
        let _ = selection.remove_all_ranges();
    }
    if state.execute(Command::Update { before, after }).is_ok() {
        state.announce("Re-attached to the selected text");
        reveal(state, &id);
        focus_review();
    }
    true
}

/// Moves keyboard focus to the review's heading (after an action that redrew its rows), or to the
/// panel when the review has closed.
fn focus_review() {
    use wasm_bindgen::JsCast;
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
    let target = doc.get_element_by_id("review-title").or_else(|| doc.get_element_by_id("panel-title"));
    if let Some(el) = target.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = el.focus();
    }
}

/// The banner shown while an annotation waits to be re-attached.
#[component]
pub fn ReattachBanner() -> impl IntoView {
    let state = expect_context::<AppState>();
    let quote = move || {
        let id = state.reattach.get()?;
        state.annotations.with(|s| s.get(&id).map(|a| shorten(a.target.exact().unwrap_or(""), 80)))
    };
    view! {
        <Show when=move || state.reattach.with(Option::is_some)>
            <div class="reattach-banner" role="status" data-testid="reattach-banner">
                <p>
                    "Select the passage in the article for " <q class="plain">{quote}</q>
                    ", then choose " <strong>"Attach here"</strong> "."
                </p>
                <button type="button" class="link-button" on:click=move |_| state.reattach.set(None)>
                    "Cancel"
                </button>
            </div>
        </Show>
    }
}

/// The re-anchoring review at the top of the side panel.
#[component]
pub fn ReanchorReview() -> impl IntoView {
    let state = expect_context::<AppState>();
    let body = move || {
        let mut review = state.review.get()?;
        // Entries whose annotation is gone (an undone import, a deletion) leave the review.
        let all = review.entries.len();
        state.annotations.with(|set| review.entries.retain(|e| set.contains(&e.id)));
        if all > 0 && review.entries.is_empty() {
            return None;
        }
        let mut counts = [0usize; 4];
        for e in &review.entries {
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
        let open: usize = review.entries.iter().filter(|e| open_entry(&state, e)).count();
        let (attention, settled): (Vec<Entry>, Vec<Entry>) = review
            .entries
            .iter()
            .cloned()
            .partition(|e| matches!(e.found, AnchorStatus::Fuzzy { .. } | AnchorStatus::Orphan));
        let hidden = settled.len().saturating_sub(LISTED);
        let settled_count = settled.len();
        let note = if review.entries.is_empty() {
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
                        {match review.from.clone() {
                            Some(from) => format!("Re-anchored from {from}"),
                            None => "Annotations from an earlier version".to_string(),
                        }}
                    </h3>
                    <button
                        type="button"
                        class="link-button"
                        on:click=move |_| {
                            state.review.set(None);
                            focus_review();
                        }
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
fn ReviewRow(entry: Entry) -> impl IntoView {
    let state = expect_context::<AppState>();
    let Entry { id, found } = entry;
    let Some((kind, text)) = state
        .annotations
        .with_untracked(|s| s.get(&id).map(|a| (a.kind.name(), shorten(a.target.exact().unwrap_or(""), 120))))
    else {
        return ().into_any();
    };
    let done = matches!(found, AnchorStatus::Fuzzy { .. } | AnchorStatus::Orphan) && resolved(&state, &id);
    let label = match (found, done) {
        (AnchorStatus::Fuzzy { .. }, true) => "Confirmed".to_string(),
        (AnchorStatus::Orphan, true) => "Re-attached".to_string(),
        _ => status_label(found),
    };
    let class = if done { "done" } else { status_class(found) };
    // A fuzzy match not yet confirmed: what the text says there now, to compare before confirming.
    let now_text = (matches!(found, AnchorStatus::Fuzzy { .. }) && !done)
        .then(|| {
            let span = state.span_of(&id)?;
            let text = state.document.with_untracked(|d| d.text.chars().skip(span.start).take(span.len()).collect::<String>());
            Some(shorten(&text, 120))
        })
        .flatten();
    let (show_id, act_id) = (id.clone(), id.clone());
    let placed = !matches!(found, AnchorStatus::Orphan) || done;
    let action = match (found, done) {
        (AnchorStatus::Fuzzy { .. }, false) => {
            let other_id = act_id.clone();
            Some(
                view! {
                    <button type="button" class="small" on:click=move |_| start_reattach(&state, &other_id)>
                        "Re-attach…"
                    </button>
                    <button type="button" class="primary small" on:click=move |_| confirm(&state, &act_id)>
                        "Confirm"
                    </button>
                }
                .into_any(),
            )
        }
        (AnchorStatus::Orphan, false) => Some(
            view! {
                <button type="button" class="primary small" on:click=move |_| start_reattach(&state, &act_id)>
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
                                    state.selected.set(Some(show_id.clone()));
                                    state.sheet_open.set(false);
                                    reveal(&state, &show_id);
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
