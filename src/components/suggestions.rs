//! Suggested quotes and claims, found in the browser by [`quotemark_core::suggest`]: shown faintly
//! in the article (CSS Custom Highlight API where the browser has it) and as a list. The reader
//! accepts one (Enter or A), rejects one (Delete or X) or accepts all above a confidence; accepted
//! suggestions become ordinary, undoable annotations, rejected ones stay hidden for that document.

use crate::state::{new_id, now, AppState};
use leptos::prelude::*;
use quotemark_core::document::DocumentId;
use quotemark_core::model::{Annotation, Command, Span};
use quotemark_core::suggest::{self, Suggestion, SuggestionKind};
use std::collections::BTreeSet;
use wasm_bindgen::{JsCast, JsValue};

/// How many suggestions the list shows at once.
const SHOWN: usize = 60;

fn load_rejected(state: &AppState, id: &DocumentId) -> BTreeSet<String> {
    state.store().get(&quotemark_store::rejected_key(id)).and_then(|v| serde_json::from_str(&v).ok()).unwrap_or_default()
}

fn annotation_of(state: &AppState, s: &Suggestion) -> Annotation {
    Annotation::new(new_id(), state.describe(s.extent()), s.to_kind(), now())
}

/// Paints the suggestions' spans faintly through the CSS Custom Highlight API (no DOM changes);
/// browsers without it simply show the list.
fn paint(spans: &[Span]) {
    let Some(window) = web_sys::window() else { return };
    let Ok(css) = js_sys::Reflect::get(&window, &"CSS".into()) else { return };
    let Ok(registry) = js_sys::Reflect::get(&css, &"highlights".into()) else { return };
    let Ok(constructor) = js_sys::Reflect::get(&window, &"Highlight".into()) else { return };
    if registry.is_undefined() || constructor.is_undefined() {
        return;
    }
    let Some(body) = window.document().and_then(|d| d.query_selector("[data-testid='article-body']").ok().flatten()) else {
        return;
    };
    let ranges = js_sys::Array::new();
    for span in spans {
        if let Some(range) = crate::bridge::span_to_range(&body, *span) {
            ranges.push(&range);
        }
    }
    let constructor: js_sys::Function = constructor.unchecked_into();
    let Ok(highlight) = js_sys::Reflect::construct(&constructor, &ranges) else { return };
    let set: Result<js_sys::Function, _> = js_sys::Reflect::get(&registry, &"set".into()).map(JsCast::unchecked_into);
    if let Ok(set) = set {
        let _ = set.call2(&registry, &JsValue::from_str("qm-suggestion"), &highlight);
    }
}

#[component]
pub fn SuggestionsPanel() -> impl IntoView {
    let state = expect_context::<AppState>();
    let on = RwSignal::new(false);
    let threshold = RwSignal::new(80u32);
    let doc_id = Memo::new(move |_| state.document.with(|d| d.id.clone()));
    let rejected = RwSignal::new(BTreeSet::<String>::new());
    Effect::new(move |_| rejected.set(load_rejected(&state, &doc_id.get())));
    // Suggestions are worked out only while shown, once per document.
    let all = Memo::new(move |_| {
        if !on.get() {
            return Vec::new();
        }
        crate::state::mark("quotemark:suggest-start");
        let found = state.document.with(|d| suggest::suggest(&d.text));
        crate::state::measure("quotemark:suggest", "quotemark:suggest-start");
        found.into_iter().filter(Suggestion::is_proposed).collect::<Vec<_>>()
    });
    // Not rejected, and not already annotated over the same text.
    let pending = Memo::new(move |_| {
        if all.with(Vec::is_empty) {
            return Vec::new();
        }
        let taken: BTreeSet<(usize, usize)> =
            state.anchors.with(|a| a.values().filter_map(|x| x.span).map(|s| (s.start, s.end)).collect());
        rejected.with(|r| {
            all.with(|v| {
                v.iter()
                    .filter(|s| !r.contains(&s.id))
                    .filter(|s| {
                        let e = s.extent();
                        !taken.contains(&(e.start, e.end)) && !s.spans.iter().any(|p| taken.contains(&(p.start, p.end)))
                    })
                    .cloned()
                    .collect::<Vec<_>>()
            })
        })
    });
    Effect::new(move |_| {
        let spans: Vec<Span> = pending.with(|p| p.iter().flat_map(|s| s.spans.iter().copied()).collect());
        // After the article has drawn this document's paragraphs.
        request_animation_frame(move || paint(&spans));
    });
    let reject = move |s: &Suggestion| {
        rejected.update(|r| {
            r.insert(s.id.clone());
        });
        let id = doc_id.get_untracked();
        let json = rejected.with_untracked(|r| serde_json::to_string(r).unwrap_or_default());
        let _ = state.store().set(&quotemark_store::rejected_key(&id), &json);
        state.announce("Suggestion rejected");
    };
    let accept = move |s: &Suggestion| {
        if state.execute(Command::Create(annotation_of(&state, s))).is_ok() {
            state.announce(&format!("Accepted the suggested {}", if s.kind == SuggestionKind::Quote { "quote" } else { "claim" }));
        }
    };
    let accept_all = move || {
        let floor = threshold.get_untracked() as f32 / 100.0;
        let commands: Vec<Command> = pending.with_untracked(|p| {
            p.iter().filter(|s| s.confidence >= floor).map(|s| Command::Create(annotation_of(&state, s))).collect()
        });
        let n = commands.len();
        if n > 0 && state.execute(Command::Batch(commands)).is_ok() {
            state.announce(&format!("Accepted {n} suggestions"));
        }
    };

    let rows = move || {
        pending.with(|p| {
            p.iter()
                .take(SHOWN)
                .map(|s| {
                    let s = StoredValue::new(s.clone());
                    let kind = s.with_value(|s| if s.kind == SuggestionKind::Quote { "quote" } else { "claim" });
                    let text = state.document.with_untracked(|d| {
                        let e = s.with_value(Suggestion::extent);
                        crate::components::panel::shorten(&d.text.chars().skip(e.start).take(e.len()).collect::<String>(), 120)
                    });
                    let who = s.with_value(|s| match (&s.speaker_canonical, &s.speaker, &s.cue) {
                        (Some(c), _, Some(cue)) | (None, Some(c), Some(cue)) => format!("{c} · {cue}"),
                        (Some(c), _, None) | (None, Some(c), None) => c.clone(),
                        (None, None, _) => String::new(),
                    });
                    let confidence = s.with_value(|s| format!("{:.0}%", s.confidence * 100.0));
                    let reasons = s.with_value(|s| s.reasons.join("; "));
                    let label = format!("Suggested {kind}: {text}");
                    view! {
                        <li
                            class=format!("suggestion {kind}")
                            tabindex="0"
                            data-testid="suggestion"
                            aria-label=label
                            on:keydown=move |ev| {
                                match ev.key().as_str() {
                                    "Enter" | "a" | "A" => s.with_value(accept),
                                    "Delete" | "Backspace" | "x" | "X" => s.with_value(reject),
                                    _ => return,
                                }
                                ev.prevent_default();
                                ev.stop_propagation();
                            }
                        >
                            <span class="card-head">
                                <span class=format!("badge {kind}")>{kind}</span>
                                <span class="meta">{who}</span>
                                <span class="confidence">{confidence}</span>
                            </span>
                            <span class="card-text">{text}</span>
                            <span class="reasons">{reasons}</span>
                            <span class="suggestion-actions">
                                <button type="button" on:click=move |_| s.with_value(accept)>"Accept"</button>
                                <button type="button" on:click=move |_| s.with_value(reject)>"Reject"</button>
                            </span>
                        </li>
                    }
                })
                .collect_view()
        })
    };

    view! {
        <div class="suggestions">
            <button
                type="button"
                class="suggest-toggle"
                aria-pressed=move || on.get().to_string()
                on:click=move |_| {
                    on.update(|o| *o = !*o);
                    if !on.get_untracked() {
                        paint(&[]);
                    }
                }
            >
                {move || if on.get() { "Hide suggestions" } else { "Suggest quotes and claims" }}
            </button>
            <Show when=move || on.get()>
                <section class="suggestion-list" aria-label="Suggestions" data-testid="suggestions">
                    <p class="counts">
                        {move || format!("{} suggestions", pending.with(Vec::len))}
                    </p>
                    <div class="accept-all">
                        <label>
                            "Accept all at or above "
                            <select
                                aria-label="Confidence"
                                on:change=move |ev| threshold.set(event_target_value(&ev).parse().unwrap_or(80))
                            >
                                {[95u32, 90, 80, 70, 60].into_iter().map(|t| view! {
                                    <option value=t.to_string() selected=t == 80>{format!("{t}%")}</option>
                                }).collect_view()}
                            </select>
                        </label>
                        <button type="button" on:click=move |_| accept_all()>"Accept all"</button>
                    </div>
                    <ol class="cards">{rows}</ol>
                </section>
            </Show>
        </div>
    }
}
