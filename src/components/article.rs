//! The article column: title, date and paragraphs of the open document, with highlights.
//!
//! Each paragraph renders from its own runs signal (see [`DocState::runs_of`]), so a change
//! redraws only the paragraphs its annotation touches. Pointer and keyboard events on the
//! highlights are delegated to the article body.

use crate::bridge;
use crate::state::{Chooser, Compare, DocState, Pending, UiState};
use leptos::html;
use leptos::prelude::*;
use quotemark_core::model::{AnnotationId, Kind, Span};
use quotemark_core::segment::Run;
use wasm_bindgen::JsCast;
use web_sys::Element;

#[component]
pub fn ArticleView() -> impl IntoView {
    let doc = expect_context::<DocState>();
    let ui = expect_context::<UiState>();
    let body_ref = NodeRef::<html::Div>::new();
    let title = move || doc.document.with(|d| d.title.clone());
    let date = move || doc.document.with(|d| d.date);
    reveal_when_asked(doc, ui);
    // (index, start, end, text) of every paragraph; recomputed only when another document opens.
    let paragraphs = Memo::new(move |_| {
        doc.document.with(|d| {
            let chars: Vec<char> = d.text.chars().collect();
            d.paragraphs()
                .into_iter()
                .enumerate()
                .map(|(i, r)| (i, r.start, r.end, chars[r].iter().collect::<String>()))
                .collect::<Vec<_>>()
        })
    });

    // A finished selection inside the body offers the tag toolbar; anything else hides it.
    let check_selection = move || {
        let Some(body) = body_ref.get_untracked() else { return };
        let span = doc.document.with_untracked(|d| bridge::selection_span(&body, &d.text));
        let pending = span.and_then(|span| {
            let selection = web_sys::window()?.get_selection().ok()??;
            let rect = selection.get_range_at(0).ok()?.get_bounding_client_rect();
            let scroll_y = web_sys::window()?.scroll_y().unwrap_or(0.0);
            let scroll_x = web_sys::window()?.scroll_x().unwrap_or(0.0);
            Some(Pending { span, x: rect.left() + scroll_x + rect.width() / 2.0, y: rect.top() + scroll_y })
        });
        if pending.is_some() {
            ui.chooser.set(None);
        }
        ui.pending.set(pending);
    };

    let on_click = move |ev: web_sys::MouseEvent| {
        if crate::browser::has_selection() {
            return;
        }
        let Some(ids) = highlight_ids(&doc, ev.target()) else {
            ui.chooser.set(None);
            return;
        };
        if ids.len() == 1 {
            ui.open_annotation(&ids[0]);
        } else {
            ui.chooser.set(Some(Chooser { ids, x: ev.page_x() as f64, y: ev.page_y() as f64 }));
        }
    };
    let hover = move |target: Option<web_sys::EventTarget>| {
        // The innermost first.
        let hovered = highlight_ids(&doc, target).and_then(|ids| ids.into_iter().next());
        if ui.hovered.get_untracked() != hovered {
            ui.hovered.set(hovered);
        }
    };
    let on_keydown = move |ev: web_sys::KeyboardEvent| {
        if ev.key() == "Enter" {
            if let Some(ids) = highlight_ids(&doc, ev.target()) {
                ev.prevent_default();
                match ids.len() {
                    1 => ui.open_annotation(&ids[0]),
                    _ => {
                        let rect = ev
                            .target()
                            .and_then(|t| t.dyn_into::<Element>().ok())
                            .map(|e| e.get_bounding_client_rect());
                        let scroll = web_sys::window().and_then(|w| w.scroll_y().ok()).unwrap_or(0.0);
                        let (x, y) = rect.map_or((0.0, 0.0), |r| (r.left(), r.bottom() + scroll));
                        ui.chooser.set(Some(Chooser { ids, x, y }));
                    }
                }
            }
        }
    };

    view! {
        <main id="article" class="article-column" tabindex="-1">
            <article class="article" aria-labelledby="article-title">
                <header class="article-header">
                    <h1 id="article-title" data-testid="article-title">{title}</h1>
                    {move || {
                        date()
                            .map(|d| {
                                view! {
                                    <p class="article-date">
                                        <time datetime=d.to_iso() data-testid="article-date">
                                            {d.to_long()}
                                        </time>
                                    </p>
                                }
                            })
                    }}
                </header>
                <div
                    class="article-body"
                    data-testid="article-body"
                    node_ref=body_ref
                    on:mouseup=move |_| check_selection()
                    on:keyup=move |_| check_selection()
                    on:touchend=move |_| check_selection()
                    on:click=on_click
                    on:mouseover=move |ev| hover(ev.target())
                    on:focusin=move |ev| hover(ev.target())
                    on:mouseleave=move |_| ui.hovered.set(None)
                    on:keydown=on_keydown
                >
                    <For each=move || paragraphs.get() key=|p| (p.0, p.1, p.2) let:paragraph>
                        <Paragraph index=paragraph.0 start=paragraph.1 end=paragraph.2 text=paragraph.3 />
                    </For>
                </div>
            </article>
        </main>
    }
}

/// One paragraph, drawn as text pieces and highlight spans from its runs (and, while comparing,
/// the colleague's layer's runs beside them). The pieces are built with plain DOM calls (text
/// nodes, never HTML): with thousands of highlights this is several times faster than building
/// them as views, and each paragraph redraws only when its own runs change.
#[component]
fn Paragraph(index: usize, start: usize, end: usize, text: String) -> impl IntoView {
    let doc = expect_context::<DocState>();
    let compare = expect_context::<Compare>();
    let chars: Vec<char> = text.chars().collect();
    let runs = doc.runs_of(index);
    let theirs = compare.runs_of(index);
    let p_ref = NodeRef::<html::P>::new();
    Effect::new(move |_| {
        let Some(p) = p_ref.get() else { return };
        theirs.with(|theirs| match &runs {
            Some(runs) => runs.with(|runs| fill_paragraph(&doc, &compare, &p, start, &chars, runs, theirs)),
            None => fill_paragraph(&doc, &compare, &p, start, &chars, &[], theirs),
        })
    });
    view! { <p class="paragraph" data-testid="paragraph" data-start=start data-end=end node_ref=p_ref></p> }
}

/// The pieces of a paragraph covered by mine or theirs: each piece's span with the ids of mine
/// and of theirs over it, in order.
fn pieces<'a>(mine: &'a [Run], theirs: &'a [Run]) -> Vec<(Span, &'a [AnnotationId], &'a [AnnotationId])> {
    if theirs.is_empty() {
        return mine.iter().map(|r| (r.span, r.ids.as_slice(), &[][..])).collect();
    }
    let mut cuts: Vec<usize> = mine.iter().chain(theirs).flat_map(|r| [r.span.start, r.span.end]).collect();
    cuts.sort_unstable();
    cuts.dedup();
    let (mut i, mut j) = (0, 0);
    let mut out = Vec::new();
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        let covering = |runs: &'a [Run], k: &mut usize| -> &'a [AnnotationId] {
            while *k < runs.len() && runs[*k].span.end <= a {
                *k += 1;
            }
            runs.get(*k).filter(|r| r.span.start <= a).map_or(&[][..], |r| r.ids.as_slice())
        };
        let (m, t) = (covering(mine, &mut i), covering(theirs, &mut j));
        if !m.is_empty() || !t.is_empty() {
            out.push((Span::new(a, b), m, t));
        }
    }
    out
}

/// Replaces a paragraph's children with its text, split into highlight spans where annotations
/// cover it: mine as `.hl` (quotes underlined, claims shaded), theirs as `.th` (a dotted line
/// above for quotes, dashed for claims), so the two differ without colour.
fn fill_paragraph(doc: &DocState, compare: &Compare, p: &web_sys::HtmlElement, start: usize, chars: &[char], runs: &[Run], theirs: &[Run]) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    p.set_text_content(None);
    let local = |i: usize| i.saturating_sub(start).min(chars.len());
    let text_node = |from: usize, to: usize| document.create_text_node(&chars[local(from)..local(to)].iter().collect::<String>());
    let mut covered_to = start;
    for (piece, mine, their) in pieces(runs, theirs) {
        if piece.start > covered_to {
            let _ = p.append_child(&text_node(covered_to, piece.start));
        }
        covered_to = covered_to.max(piece.end);
        if mine.is_empty() && their.is_empty() {
            let _ = p.append_child(&text_node(piece.start, piece.end));
            continue;
        }
        let (mut quotes, mut claims, mut opens_quote, mut opens_any) = (0, 0, false, false);
        let mut keys = String::new();
        doc.annotations.with_untracked(|set| {
            for id in mine {
                let is_quote = matches!(set.get(id).map(|a| &a.kind), Some(Kind::Quote(_)));
                if is_quote {
                    quotes += 1;
                } else {
                    claims += 1;
                }
                let opens = doc.span_of(id).is_some_and(|s| s.start == piece.start);
                opens_quote |= opens && is_quote;
                opens_any |= opens;
                if !keys.is_empty() {
                    keys.push(' ');
                }
                keys.push_str(&doc.key_of(id).to_string());
            }
        });
        let their_quotes = their.iter().filter(|id| compare.is_quote(id)).count();
        let mut class = String::from(if mine.is_empty() { "" } else { "hl" });
        for (on, name) in [
            (quotes > 0, " q"),
            (quotes > 1, " q2"),
            (claims > 0, " c"),
            (claims > 1, " c2"),
            (opens_quote, " q-open"),
            (!their.is_empty(), " th"),
            (their_quotes > 0, " th-q"),
            (their_quotes < their.len(), " th-c"),
        ] {
            if on {
                class.push_str(name);
            }
        }
        let Ok(span) = document.create_element("span") else { continue };
        span.set_class_name(class.trim_start());
        if mine.is_empty() {
            let _ = span.set_attribute("data-testid", "theirs");
        } else {
            let label = match (quotes, claims) {
                (0, 1) => "claim".to_string(),
                (1, 0) => "quote".to_string(),
                (q, c) => format!("{} annotations", q + c),
            };
            let _ = span.set_attribute("data-k", &keys);
            let _ = span.set_attribute("data-testid", "highlight");
            let _ = span.set_attribute("tabindex", if opens_any { "0" } else { "-1" });
            let _ = span.set_attribute("aria-label", &label);
        }
        if !their.is_empty() {
            let _ = span.set_attribute("data-theirs", &their.len().to_string());
        }
        let _ = span.append_child(&text_node(piece.start, piece.end));
        let _ = p.append_child(&span);
    }
    let end = start + chars.len();
    if covered_to < end {
        let _ = p.append_child(&text_node(covered_to, end));
    }
}

/// The annotations under an event target's highlight, innermost first.
fn highlight_ids(doc: &DocState, target: Option<web_sys::EventTarget>) -> Option<Vec<AnnotationId>> {
    let element: Element = target?.dyn_into::<Element>().ok()?;
    let highlight = element.closest(".hl").ok()??;
    let keys = highlight.get_attribute("data-k")?;
    let mut ids: Vec<AnnotationId> =
        keys.split_whitespace().filter_map(|k| k.parse().ok()).filter_map(|k| doc.id_of_key(k)).collect();
    quotemark_core::order::sort_by_key(&mut ids, |id| doc.span_of(id).map_or(usize::MAX, |s| s.len()));
    (!ids.is_empty()).then_some(ids)
}

/// Scrolls the article to the annotation [`UiState::reveal`] names and flashes its highlight
/// (after the paragraphs have drawn the change that asked for it).
fn reveal_when_asked(doc: DocState, ui: UiState) {
    Effect::new(move |_| {
        let Some((id, _)) = ui.reveal.get() else { return };
        let key = doc.key_of(&id);
        request_animation_frame(move || flash(key));
    });
}

fn flash(key: u32) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let Ok(list) = document.query_selector_all(&format!(".hl[data-k~='{key}']")) else { return };
    let elements: Vec<Element> = (0..list.length()).filter_map(|i| list.item(i)?.dyn_into().ok()).collect();
    if let Some(first) = elements.first() {
        let options = web_sys::ScrollIntoViewOptions::new();
        options.set_block(web_sys::ScrollLogicalPosition::Center);
        options.set_behavior(web_sys::ScrollBehavior::Smooth);
        first.scroll_into_view_with_scroll_into_view_options(&options);
    }
    for e in &elements {
        let _ = e.class_list().remove_1("flash");
        // Force a reflow so the animation restarts when flashed twice in a row.
        let _ = e.get_bounding_client_rect();
        let _ = e.class_list().add_1("flash");
    }
    set_timeout(
        move || {
            for e in &elements {
                let _ = e.class_list().remove_1("flash");
            }
        },
        std::time::Duration::from_millis(1600),
    );
}
