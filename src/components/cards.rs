//! The list of annotations in the panel: the filters, the counts, a card per annotation in
//! document order (drawn a page at a time), and the orphans in a section of their own.

use crate::actions::{review, Ctx};
use crate::components::filters::{Filter, FilterBar};
use crate::state::{DocState, UiState};
use crate::text::{count, shorten};
use leptos::prelude::*;
use quotemark_core::model::{Annotation, Kind};

/// How many cards are drawn at first (a few screens' worth); more appear on request, so that
/// filtering thousands of annotations redraws only a short list.
const PAGE: usize = 40;

#[component]
pub fn AnnotationList() -> impl IntoView {
    let doc = expect_context::<DocState>();
    let filter = expect_context::<UiState>().filter;
    let roles = expect_context::<crate::state::Audit>().roles;
    let shown = RwSignal::new(PAGE);
    let ordered = Memo::new(move |_| doc.ordered());
    // Ids of the annotations that pass the filters, in document order.
    let visible = Memo::new(move |_| {
        let f = filter.get();
        ordered.with(|(placed, _)| {
            if f.is_empty() {
                return placed.clone();
            }
            doc.people.with(|people| {
                doc.annotations.with(|set| {
                    roles.with(|roles| {
                        {
                            let mut matcher = f.matcher(people, roles);
                            placed.iter().filter(|id| set.get(id).is_some_and(|a| matcher.matches(a))).cloned().collect::<Vec<_>>()
                        }
                    })
                })
            })
        })
    });
    // The annotations of the first `shown` visible ids (cards are drawn for these only).
    let page = move || {
        let n = shown.get();
        visible.with(|ids| doc.annotations.with(|set| ids.iter().take(n).filter_map(|id| set.get(id).cloned()).collect::<Vec<_>>()))
    };
    let counts = move || {
        let (quotes, claims) = doc.annotations.with(|s| {
            let quotes = s.iter().filter(|a| matches!(a.kind, Kind::Quote(_))).count();
            (quotes, s.len() - quotes)
        });
        let base = format!("{} · {}", count(quotes, "quote", "quotes"), count(claims, "claim", "claims"));
        if filter.with(Filter::is_empty) {
            base
        } else {
            format!("Showing {} of {} · {base}", visible.with(Vec::len), ordered.with(|(p, _)| p.len()))
        }
    };
    view! {
        <div class="filters" role="search" aria-label="Filter annotations">
            <FilterBar filter=filter on_change=move |()| shown.set(PAGE) />
            <p class="counts" data-testid="counts" aria-live="polite">
                {counts}
            </p>
        </div>
        <ol class="cards" aria-label="Annotations in document order">
            <For each=page key=|a| (a.id.clone(), a.modified, a.kind.clone(), a.note.clone(), a.tags.clone()) let:annotation>
                <li>
                    <Card annotation=annotation orphan=false />
                </li>
            </For>
        </ol>
        <Show when=move || { visible.with(Vec::len) > shown.get() }>
            <button type="button" class="link-button more" on:click=move |_| shown.update(|n| *n += PAGE)>
                {move || format!("Show more ({} left)", visible.with(Vec::len) - shown.get())}
            </button>
        </Show>
        <Show when=move || visible.with(Vec::is_empty) && !filter.with(Filter::is_empty)>
            <p class="no-match">"No annotation matches these filters."</p>
        </Show>
        <Show when=move || ordered.with(|(_, o)| !o.is_empty())>
            <Orphans orphans=Signal::derive(move || ordered.with(|(_, o)| o.clone())) />
        </Show>
    }
}

/// The annotations not found in this text, each with Re-attach.
#[component]
fn Orphans(orphans: Signal<Vec<quotemark_core::model::AnnotationId>>) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let items = move || orphans.with(|o| ctx.doc.annotations.with(|set| o.iter().filter_map(|id| set.get(id).cloned()).collect::<Vec<_>>()));
    view! {
        <section class="orphans" aria-labelledby="orphans-title" data-testid="orphans">
            <h3 id="orphans-title">"Not found in this text"</h3>
            <p class="orphans-note">
                "The text these annotations were made on has changed. Their stored quotes are kept here; re-attach one by selecting its passage."
            </p>
            <ol class="cards">
                <For each=items key=|a| (a.id.clone(), a.modified) let:annotation>
                    <li class="orphan-item">
                        {
                            let id = annotation.id.clone();
                            view! {
                                <Card annotation=annotation orphan=true />
                                <button
                                    type="button"
                                    class="link-button reattach"
                                    on:click=move |_| review::start_reattach(&ctx, &id)
                                >
                                    "Re-attach…"
                                </button>
                            }
                        }
                    </li>
                </For>
            </ol>
        </section>
    }
}

/// One annotation: its kind, who said it (or the claim's status), its text and tags. Opens the
/// editor and shows the highlight.
#[component]
fn Card(annotation: Annotation, orphan: bool) -> impl IntoView {
    let doc = expect_context::<DocState>();
    let ui = expect_context::<UiState>();
    let id = annotation.id.clone();
    let key = doc.key_of(&id);
    let kind = annotation.kind.name();
    let text = shorten(annotation.target.exact().unwrap_or(""), 140);
    let (meta, meta_class) = match &annotation.kind {
        Kind::Quote(q) => {
            let speaker = doc
                .people
                .with_untracked(|people| people.speaker_of(q).map(|p| p.into_owned()))
                .unwrap_or_else(|| "Unattributed".to_string());
            let meta = match &q.cue {
                Some(cue) => format!("{speaker} · {cue}"),
                None => speaker,
            };
            (meta, "meta".to_string())
        }
        Kind::Claim(c) => (c.status.label().to_string(), format!("meta status-{}", c.status.key())),
    };
    let tags = annotation.tags.clone();
    let (id_click, id_focus, id_enter) = (id.clone(), id.clone(), id);
    let label = format!("{kind}: {text}");
    view! {
        <button
            type="button"
            class=format!("card {kind}")
            class:orphan=orphan
            data-k=key
            data-testid="annotation-card"
            aria-label=label
            on:click=move |_| {
                ui.open_annotation(&id_click);
                ui.reveal(&id_click);
            }
            on:focus=move |_| ui.hovered.set(Some(id_focus.clone()))
            on:mouseenter=move |_| ui.hovered.set(Some(id_enter.clone()))
            on:mouseleave=move |_| ui.hovered.set(None)
        >
            <span class="card-head">
                <span class=format!("badge {kind}")>{kind}</span>
                <span class=meta_class>{meta}</span>
            </span>
            <span class="card-text">{text}</span>
            {(!tags.is_empty())
                .then(|| {
                    view! {
                        <span class="tags">
                            {tags.into_iter().map(|t| view! { <span class="tag">{t.to_string()}</span> }).collect_view()}
                        </span>
                    }
                })}
        </button>
    }
}
