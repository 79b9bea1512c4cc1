//! The annotation side panel: undo/redo, the editor, filters and search, and the cards of every
//! annotation in document order, with orphans in a section of their own. On narrow screens it is a
//! bottom sheet.

use crate::components::article::{open_annotation, reveal};
use crate::components::editor::{status_label, Editor, STATUSES};
use crate::state::AppState;
use leptos::prelude::*;
use quotemark_core::model::{Annotation, ClaimStatus, Kind};
use quotemark_core::people::People;

/// The people behind the open article's quotations (one person under one name), for the cards,
/// the speaker filter and the editor's suggestions.
#[derive(Clone, Copy)]
pub struct Speakers(pub Memo<People>);

/// How many cards are drawn at first (a few screens' worth); more appear on request, so that
/// filtering thousands of annotations redraws only a short list.
const PAGE: usize = 40;

/// The panel's filters.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Filter {
    pub kind: String,
    pub speaker: String,
    pub status: String,
    pub tag: String,
    pub search: String,
}

impl Filter {
    pub fn is_empty(&self) -> bool {
        *self == Filter::default()
    }

    /// Whether an annotation passes every filter (the search matches quoted text, speaker, cue,
    /// note, tags and evidence, ignoring case); the speaker filter names a person by the fullest
    /// form of the name (`Garcia` is `Maria Lopez Garcia`).
    pub fn matches(&self, a: &Annotation, people: &People) -> bool {
        if !self.kind.is_empty() && a.kind.name() != self.kind {
            return false;
        }
        match &a.kind {
            Kind::Quote(q) => {
                if !self.status.is_empty()
                    || (!self.speaker.is_empty() && people.speaker_of(q).as_deref() != Some(self.speaker.as_str()))
                {
                    return false;
                }
            }
            Kind::Claim(c) => {
                if !self.speaker.is_empty() || (!self.status.is_empty() && status_key(c.status) != self.status) {
                    return false;
                }
            }
        }
        if !self.tag.is_empty() && !a.tags.iter().any(|t| *t == self.tag) {
            return false;
        }
        let needle = self.search.trim().to_lowercase();
        if needle.is_empty() {
            return true;
        }
        let found = |field: &str| contains_ignoring_case(field, &needle);
        found(a.target.exact().unwrap_or(""))
            || found(&a.note)
            || a.tags.iter().any(|t| found(t))
            || match &a.kind {
                Kind::Quote(q) => {
                    found(&q.speaker)
                        || people.speaker_of(q).is_some_and(|p| found(&p))
                        || found(q.cue.as_deref().unwrap_or(""))
                }
                Kind::Claim(c) => c.evidence.iter().any(|e| found(e.url.as_deref().unwrap_or("")) || found(&e.note)),
            }
    }
}

/// Whether `hay` contains `needle` (already lowercase), ignoring case; allocation-free for ASCII.
fn contains_ignoring_case(hay: &str, needle: &str) -> bool {
    if needle.is_ascii() {
        let n = needle.as_bytes();
        hay.len() >= n.len() && hay.as_bytes().windows(n.len()).any(|w| w.eq_ignore_ascii_case(n))
    } else {
        hay.to_lowercase().contains(needle)
    }
}

/// The status's name in files and filters (`needs-source`, …).
fn status_key(status: ClaimStatus) -> &'static str {
    match status {
        ClaimStatus::Unverified => "unverified",
        ClaimStatus::NeedsSource => "needs-source",
        ClaimStatus::Supported => "supported",
        ClaimStatus::Disputed => "disputed",
        ClaimStatus::False => "false",
    }
}

/// Shortens text to at most `max` characters at a word boundary, with an ellipsis.
pub fn shorten(text: &str, max: usize) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= max {
        return text;
    }
    let cut: String = text.chars().take(max).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > max / 2 => &cut[..i],
        _ => &cut,
    };
    format!("{}…", cut.trim_end_matches([',', ';', ':', ' ']))
}

#[component]
pub fn AnnotationPanel() -> impl IntoView {
    let state = expect_context::<AppState>();
    let filter = RwSignal::new(Filter::default());
    let people = Memo::new(move |_| state.annotations.with(|s| People::of_annotations(s.iter())));
    provide_context(Speakers(people));
    let shown = RwSignal::new(PAGE);
    let sheet_open = state.sheet_open;
    let ordered = Memo::new(move |_| state.ordered());
    let total = move || state.annotations.with(|s| s.len());
    // Ids of the annotations that pass the filters, in document order.
    let visible = Memo::new(move |_| {
        let f = filter.get();
        ordered.with(|(placed, _)| {
            if f.is_empty() {
                return placed.clone();
            }
            people.with(|people| {
                state.annotations.with(|set| {
                    placed.iter().filter(|id| set.get(id).is_some_and(|a| f.matches(a, people))).cloned().collect::<Vec<_>>()
                })
            })
        })
    });
    // The annotations of the first `shown` visible ids (cards are drawn for these only).
    let page = move || {
        let n = shown.get();
        visible.with(|ids| {
            state.annotations.with(|set| ids.iter().take(n).filter_map(|id| set.get(id).cloned()).collect::<Vec<_>>())
        })
    };
    let counts = move || {
        state.annotations.with(|s| {
            let quotes = s.iter().filter(|a| matches!(a.kind, Kind::Quote(_))).count();
            (quotes, s.len() - quotes)
        })
    };
    let choices = Memo::new(move |_| {
        people.with(|people| {
            state.annotations.with(|s| {
                let mut speakers = std::collections::BTreeSet::new();
                let mut tags = std::collections::BTreeSet::new();
                for a in s.iter() {
                    if let Kind::Quote(q) = &a.kind {
                        speakers.extend(people.speaker_of(q).map(|p| p.into_owned()));
                    }
                    tags.extend(a.tags.iter().map(|t| t.as_str().to_string()));
                }
                (speakers.into_iter().collect::<Vec<_>>(), tags.into_iter().collect::<Vec<_>>())
            })
        })
    });
    let editing = move || state.editing.with(Option::is_some);

    let set = move |field: fn(&mut Filter) -> &mut String| {
        move |ev: web_sys::Event| {
            let value = event_target_value(&ev);
            filter.update(|f| *field(f) = value);
            shown.set(PAGE);
        }
    };

    view! {
        <aside
            class="panel"
            class:sheet-open=move || sheet_open.get() || editing()
            aria-labelledby="panel-title"
            data-testid="annotation-panel"
        >
            <div class="panel-head">
                <button
                    type="button"
                    class="sheet-toggle"
                    aria-expanded=move || (sheet_open.get() || editing()).to_string()
                    aria-controls="panel-body"
                    on:click=move |_| sheet_open.update(|o| *o = !*o)
                >
                    <span class="sheet-grip" aria-hidden="true"></span>
                </button>
                <h2 id="panel-title" class="panel-title">
                    "Annotations "
                    <span class="count" data-testid="annotation-count">
                        {total}
                    </span>
                </h2>
                <div class="history-buttons">
                    <button
                        type="button"
                        class="icon-button"
                        title="Undo (Ctrl+Z)"
                        aria-label="Undo"
                        disabled=move || !state.can_undo.get()
                        on:click=move |_| state.undo()
                    >
                        "↶"
                    </button>
                    <button
                        type="button"
                        class="icon-button"
                        title="Redo (Ctrl+Shift+Z)"
                        aria-label="Redo"
                        disabled=move || !state.can_redo.get()
                        on:click=move |_| state.redo()
                    >
                        "↷"
                    </button>
                    <button
                        type="button"
                        class="icon-button"
                        title="Keyboard shortcuts (?)"
                        aria-label="Keyboard shortcuts"
                        on:click=move |_| state.shortcuts_open.set(true)
                    >
                        "?"
                    </button>
                </div>
            </div>
            <div id="panel-body" class="panel-body">
                <crate::components::review::ReattachBanner />
                <Editor />
                <crate::components::review::ReanchorReview />
                <crate::components::suggestions::SuggestionsPanel />
                <Show
                    when=move || { total() > 0 }
                    fallback=|| {
                        view! {
                            <div class="empty-state" data-testid="empty-state">
                                <p class="empty-lead">"Nothing tagged yet."</p>
                                <ol class="empty-steps">
                                    <li>"Select a passage in the article."</li>
                                    <li>
                                        "Press " <kbd>"Q"</kbd> " to tag it as a "
                                        <strong>"quote"</strong> " — who said it, and how."
                                    </li>
                                    <li>
                                        "Press " <kbd>"C"</kbd> " to tag it as a "
                                        <strong>"claim"</strong> " — an assertion worth checking."
                                    </li>
                                </ol>
                                <p class="empty-note">
                                    "Your annotations are kept in this browser only, and you can share them as a file."
                                </p>
                            </div>
                        }
                    }
                >
                    <div class="filters" role="search" aria-label="Filter annotations">
                        <input
                            type="search"
                            class="search"
                            placeholder="Search annotations"
                            aria-label="Search annotations"
                            prop:value=move || filter.with(|f| f.search.clone())
                            on:input=set(|f| &mut f.search)
                        />
                        <div class="filter-row">
                            <select aria-label="Filter by kind" on:change=set(|f| &mut f.kind)>
                                <option value="">"All kinds"</option>
                                <option value="quote">"Quotes"</option>
                                <option value="claim">"Claims"</option>
                            </select>
                            <select aria-label="Filter by speaker" on:change=set(|f| &mut f.speaker)>
                                <option value="">"Any speaker"</option>
                                <For each=move || choices.get().0 key=|s| s.clone() let:name>
                                    <option value=name.clone()>{name.clone()}</option>
                                </For>
                            </select>
                            <select aria-label="Filter by status" on:change=set(|f| &mut f.status)>
                                <option value="">"Any status"</option>
                                {STATUSES
                                    .iter()
                                    .map(|(s, label)| {
                                        view! { <option value=status_key(*s)>{*label}</option> }
                                    })
                                    .collect_view()}
                            </select>
                            <select aria-label="Filter by tag" on:change=set(|f| &mut f.tag)>
                                <option value="">"Any tag"</option>
                                <For each=move || choices.get().1 key=|s| s.clone() let:tag>
                                    <option value=tag.clone()>{tag.clone()}</option>
                                </For>
                            </select>
                        </div>
                        <p class="counts" data-testid="counts" aria-live="polite">
                            {move || {
                                let (q, c) = counts();
                                let shown_count = visible.with(Vec::len);
                                let placed = ordered.with(|(p, _)| p.len());
                                let plural = |n: usize, one: &str, many: &str| {
                                    format!("{n} {}", if n == 1 { one } else { many })
                                };
                                let base = format!(
                                    "{} · {}",
                                    plural(q, "quote", "quotes"),
                                    plural(c, "claim", "claims"),
                                );
                                if filter.with(Filter::is_empty) {
                                    base
                                } else {
                                    format!("Showing {shown_count} of {placed} · {base}")
                                }
                            }}
                        </p>
                    </div>
                    <ol class="cards" aria-label="Annotations in document order">
                        <For
                            each=page
                            key=|a| (a.id.clone(), a.modified, a.kind.clone(), a.note.clone(), a.tags.clone())
                            let:annotation
                        >
                            <li>
                                <Card annotation=annotation orphan=false />
                            </li>
                        </For>
                    </ol>
                    <Show when=move || { visible.with(Vec::len) > shown.get() }>
                        <button
                            type="button"
                            class="link-button more"
                            on:click=move |_| shown.update(|n| *n += PAGE)
                        >
                            {move || format!("Show more ({} left)", visible.with(Vec::len) - shown.get())}
                        </button>
                    </Show>
                    <Show when=move || visible.with(Vec::is_empty) && !filter.with(Filter::is_empty)>
                        <p class="no-match">"No annotation matches these filters."</p>
                    </Show>
                    <Show when=move || ordered.with(|(_, o)| !o.is_empty())>
                        <section class="orphans" aria-labelledby="orphans-title" data-testid="orphans">
                            <h3 id="orphans-title">"Not found in this text"</h3>
                            <p class="orphans-note">
                                "The text these annotations were made on has changed. Their stored quotes are kept here; re-attach one by selecting its passage."
                            </p>
                            <ol class="cards">
                                <For
                                    each=move || {
                                        ordered
                                            .with(|(_, o)| {
                                                state
                                                    .annotations
                                                    .with(|set| {
                                                        o.iter().filter_map(|id| set.get(id).cloned()).collect::<Vec<_>>()
                                                    })
                                            })
                                    }
                                    key=|a| (a.id.clone(), a.modified)
                                    let:annotation
                                >
                                    <li class="orphan-item">
                                        {
                                            let id = annotation.id.clone();
                                            view! {
                                                <Card annotation=annotation orphan=true />
                                                <button
                                                    type="button"
                                                    class="link-button reattach"
                                                    on:click=move |_| crate::components::review::start_reattach(&state, &id)
                                                >
                                                    "Re-attach…"
                                                </button>
                                            }
                                        }
                                    </li>
                                </For>
                            </ol>
                        </section>
                    </Show>
                </Show>
            </div>
        </aside>
    }
}

#[component]
fn Card(annotation: Annotation, orphan: bool) -> impl IntoView {
    let state = expect_context::<AppState>();
    let id = annotation.id.clone();
    let key = state.key_of(&id);
    let kind = annotation.kind.name();
    let text = shorten(annotation.target.exact().unwrap_or(""), 140);
    let people = expect_context::<Speakers>().0;
    let meta = match &annotation.kind {
        Kind::Quote(q) => {
            let speaker = people
                .with_untracked(|people| people.speaker_of(q).map(|p| p.into_owned()))
                .unwrap_or_else(|| "Unattributed".to_string());
            match &q.cue {
                Some(cue) => format!("{speaker} · {cue}"),
                None => speaker,
            }
        }
        Kind::Claim(c) => status_label(c.status).to_string(),
    };
    let status_class = match &annotation.kind {
        Kind::Claim(c) => format!("meta status-{}", status_key(c.status)),
        Kind::Quote(_) => "meta".to_string(),
    };
    let tags = annotation.tags.clone();
    let (id_click, id_focus, id_enter) = (id.clone(), id.clone(), id.clone());
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
                open_annotation(&state, &id_click);
                reveal(&state, &id_click);
            }
            on:focus=move |_| state.hovered.set(Some(id_focus.clone()))
            on:mouseenter=move |_| state.hovered.set(Some(id_enter.clone()))
            on:mouseleave=move |_| state.hovered.set(None)
        >
            <span class="card-head">
                <span class=format!("badge {kind}")>{kind}</span>
                <span class=status_class>{meta}</span>
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
