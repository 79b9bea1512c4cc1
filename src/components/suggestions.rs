//! Suggested quotes and claims, found in the browser by [`quotemark_core::suggest`]: shown faintly
//! in the article (CSS Custom Highlight API where the browser has it) and as a list. The reader
//! accepts one (Enter or A), rejects one (Delete or X) or accepts all above a confidence; accepted
//! suggestions become ordinary, undoable annotations, rejected ones stay hidden for that document.

use crate::actions::{suggest, Ctx};
use crate::text::{shorten, slice};
use leptos::prelude::*;
use quotemark_core::model::Span;
use quotemark_core::suggest::{Suggestion, SuggestionKind};
use std::collections::BTreeSet;
use wasm_bindgen::{JsCast, JsValue};

/// How many suggestions the list shows at once.
const SHOWN: usize = 60;

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
    let ctx = expect_context::<Ctx>();
    let doc = ctx.doc;
    let on = RwSignal::new(false);
    let threshold = RwSignal::new(80u32);
    let doc_id = Memo::new(move |_| doc.document.with(|d| d.id.clone()));
    let rejected = RwSignal::new(BTreeSet::<String>::new());
    Effect::new(move |_| rejected.set(suggest::rejected(&ctx, &doc_id.get())));
    // Suggestions are worked out only while shown, once per document (and again on "Try again"
    // after their chunk could not be loaded). `None` while they are being found.
    let found = LocalResource::new(move || {
        let text = on.get().then(|| doc.document.with(|d| d.text.clone()));
        async move {
            match text {
                Some(text) => suggest::find(text).await,
                None => Ok(Vec::new()),
            }
        }
    });
    let all = Memo::new(move |_| found.get().and_then(Result::ok).unwrap_or_default());
    let failed = Memo::new(move |_| found.get().and_then(Result::err));
    let finding = move || on.get() && found.with(Option::is_none);
    // Not rejected, and not already annotated over the same text.
    let pending = Memo::new(move |_| {
        if all.with(Vec::is_empty) {
            return Vec::new();
        }
        let taken: BTreeSet<(usize, usize)> =
            doc.anchors.with(|a| a.values().filter_map(|x| x.span).map(|s| (s.start, s.end)).collect());
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
    let accept_all = move || {
        let floor = threshold.get_untracked() as f32 / 100.0;
        pending.with_untracked(|p| suggest::accept_all(&ctx, p, floor));
    };
    let rows = move || {
        pending.with(|p| {
            p.iter().take(SHOWN).map(|s| view! { <SuggestionRow suggestion=s.clone() rejected=rejected /> }).collect_view()
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
                    <p class="counts" aria-live="polite">
                        {move || {
                            if finding() {
                                "Finding suggestions…".to_string()
                            } else if failed.with(Option::is_some) {
                                String::new()
                            } else {
                                format!("{} suggestions", pending.with(Vec::len))
                            }
                        }}
                    </p>
                    <Show when=move || failed.with(Option::is_some)>
                        <p class="form-error suggest-failed" role="alert">
                            {move || failed.get().unwrap_or_default()}
                            " "
                            <button type="button" on:click=move |_| found.refetch()>"Try again"</button>
                        </p>
                    </Show>
                    <Show when=move || failed.with(Option::is_none)>
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
                    </Show>
                    <ol class="cards">{rows}</ol>
                </section>
            </Show>
        </div>
    }
}

/// One suggestion: kind, who and how (when known), confidence, text and the reasons, with Accept
/// (Enter or A) and Reject (Delete or X).
#[component]
fn SuggestionRow(suggestion: Suggestion, rejected: RwSignal<BTreeSet<String>>) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let kind = if suggestion.kind == SuggestionKind::Quote { "quote" } else { "claim" };
    let e = suggestion.extent();
    let text = ctx.doc.document.with_untracked(|d| shorten(&slice(&d.text, e.start, e.end), 120));
    let who = match (&suggestion.speaker_canonical, &suggestion.speaker, &suggestion.cue) {
        (Some(c), _, Some(cue)) | (None, Some(c), Some(cue)) => format!("{c} · {cue}"),
        (Some(c), _, None) | (None, Some(c), None) => c.clone(),
        (None, None, _) => String::new(),
    };
    let confidence = format!("{:.0}%", suggestion.confidence * 100.0);
    let reasons = suggestion.reasons.join("; ");
    let label = format!("Suggested {kind}: {text}");
    let s = StoredValue::new(suggestion);
    let accept = move || s.with_value(|s| suggest::accept(&ctx, s));
    let reject = move || s.with_value(|s| suggest::reject(&ctx, rejected, s));
    view! {
        <li
            class=format!("suggestion {kind}")
            tabindex="0"
            data-testid="suggestion"
            aria-label=label
            on:keydown=move |ev| {
                match ev.key().as_str() {
                    "Enter" | "a" | "A" => accept(),
                    "Delete" | "Backspace" | "x" | "X" => reject(),
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
                <button type="button" on:click=move |_| accept()>
                    "Accept"
                </button>
                <button type="button" on:click=move |_| reject()>
                    "Reject"
                </button>
            </span>
        </li>
    }
}
