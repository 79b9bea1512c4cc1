//! The comparison with colleagues, at the top of the panel: the layers (add a file, choose the one
//! to adjudicate, rename, remove), the agreement figures for every pair and over all layers, the
//! differences with the chosen layer and what is left to settle, and the exports. The chosen
//! layer is drawn in the article beside mine (see the article's paragraphs).

use crate::actions::compare::{self, Comparison};
use crate::actions::Ctx;
use crate::components::later::Later;
use crate::later::split_point;
use crate::text::count;
use leptos::prelude::*;
use quotemark_core::agreement::adjudicate::Choice;
use quotemark_core::agreement::Difference;
use wasm_bindgen::JsCast;

/// How many differences are drawn before "Show more".
const PAGE: usize = 50;

/// The header's button.
#[component]
pub fn CompareButton() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let open = ctx.compare.open;
    view! {
        <button
            type="button"
            class="header-button"
            aria-pressed=move || open.get().to_string()
            data-testid="compare-button"
            on:click=move |_| compare::show(&ctx, !open.get_untracked())
        >
            "Compare"
        </button>
    }
}

#[component]
pub fn ComparePanel() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    view! {
        <Show when=move || ctx.compare.open.get()>
            <Later load=compare_body what="The comparison with colleagues" />
        </Show>
    }
}

split_point! {
    compare:
    /// The comparison, its agreement table, differences and decisions: loaded on first use.
    pub fn compare_body() -> AnyView {
        view! { <CompareBody /> }.into_any()
    }
}

#[component]
fn CompareBody() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let comparison = Memo::new(move |_| compare::compute(&ctx));
    let has_layers = move || ctx.compare.layers.with(|l| !l.is_empty());
    view! {
        <section class="compare" data-testid="compare" aria-labelledby="compare-title">
            <div class="compare-head">
                <h3 id="compare-title">"Compare with colleagues"</h3>
                <button type="button" class="link-button" on:click=move |_| compare::show(&ctx, false)>
                    "Close"
                </button>
            </div>
            <p class="compare-legend">
                <span class="legend-mine">"Mine"</span>
                " are shaded and underlined; "
                <span class="legend-theirs">"theirs"</span>
                " have a dotted line above (quotes) or a dashed one (claims). Nothing of theirs joins your annotations until you choose."
            </p>
            <Layers />
            <Show when=has_layers>
                <Figures comparison />
                <DifferenceList comparison />
                <div class="compare-exports">
                    <button type="button" on:click=move |_| compare::download_markdown(&ctx)>"Report (Markdown)"</button>
                    <button type="button" on:click=move |_| compare::download_csv(&ctx)>"Figures (CSV)"</button>
                    <button type="button" on:click=move |_| compare::download_adjudicated(&ctx)>"Adjudicated annotations (JSON)"</button>
                </div>
            </Show>
        </section>
    }
}

/// The colleagues' layers and the file picker.
#[component]
fn Layers() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let layers = move || ctx.compare.layers.with(|ls| ls.iter().map(|l| (l.id.clone(), l.name.clone(), l.annotations.len(), l.counts())).collect::<Vec<_>>());
    let full = move || ctx.compare.layers.with(|l| l.len() >= quotemark_core::agreement::layer::MAX_LAYERS);
    let on_pick = move |ev: web_sys::Event| {
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
        if let Some(file) = input.files().and_then(|f| f.get(0)) {
            compare::add_file(&ctx, file);
        }
        input.set_value("");
    };
    view! {
        <ul class="layer-list" data-testid="layer-list">
            <For each=layers key=|l| (l.0.clone(), l.1.clone(), l.2) let:layer>
                <LayerRow id=layer.0 name=layer.1 total=layer.2 counts=layer.3 />
            </For>
        </ul>
        <label class="file-button" class:disabled=full>
            "Add a colleague’s file…"
            <input type="file" class="sr-only" accept=".json,application/json,application/ld+json" data-testid="compare-file" disabled=full on:change=on_pick />
        </label>
        {move || {
            ctx.compare.message.get().map(|m| view! { <p class="compare-message" role="status" data-testid="compare-message">{m}</p> })
        }}
    }
}

#[component]
fn LayerRow(id: String, name: String, total: usize, counts: quotemark_core::merge::AnchorCounts) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let (id_r, id_n) = (id.clone(), id.clone());
    let active_id = ctx.compare.active;
    let is = move |id: &str| active_id.get().as_deref() == Some(id);
    let (a1, a2) = (id.clone(), id.clone());
    let active = move || is(&a1);
    let checked = move || is(&a2);
    let placed = format!(
        "{} · {} exact{}{}{}",
        count(total, "annotation", "annotations"),
        counts.exact,
        if counts.moved > 0 { format!(", {} moved", counts.moved) } else { String::new() },
        if counts.fuzzy > 0 { format!(", {} fuzzy", counts.fuzzy) } else { String::new() },
        if counts.orphan > 0 { format!(", {} not found", counts.orphan) } else { String::new() },
    );
    let label = format!("Layer name: {name}");
    view! {
        <li class="layer" class:active=active data-testid="layer">
            <input
                type="radio"
                name="active-layer"
                aria-label=format!("Adjudicate against {name}")
                prop:checked=checked
                on:change=move |_| compare::set_active(&ctx, &id_n)
            />
            <div class="layer-text">
                <input
                    class="layer-name"
                    type="text"
                    value=name.clone()
                    aria-label=label
                    on:change=move |ev| compare::rename_layer(&ctx, &id, &event_target_value(&ev))
                />
                <span class="layer-counts">{placed}</span>
            </div>
            <button type="button" class="link-button" aria-label=format!("Remove {name}") on:click=move |_| compare::remove_layer(&ctx, &id_r)>
                "Remove"
            </button>
        </li>
    }
}

fn figure(x: Option<f64>) -> String {
    x.map_or_else(|| "—".to_string(), |v| format!("{v:.2}"))
}

/// The agreement figures: a column per pair of layers, α_U over all of them.
#[component]
fn Figures(comparison: Memo<Comparison>) -> impl IntoView {
    let columns = move || {
        comparison.with(|c| {
            c.pairs
                .iter()
                .map(|((i, j), p)| ((c.layers[*i].0.clone(), c.layers[*j].0.clone()), p.clone()))
                .collect::<Vec<_>>()
        })
    };
    let rows: [(&str, fn(&quotemark_core::agreement::Pairwise) -> String); 6] = [
        ("Span F1, exact", |p| format!("{:.2}", p.f1_exact)),
        ("Span F1, ≥ 80% overlap", |p| format!("{:.2}", p.f1_near)),
        ("κ kind", |p| format!("{} ({})", figure(p.kappa_kind), p.kind_pairs)),
        ("κ speaker", |p| format!("{} ({})", figure(p.kappa_speaker), p.speaker_pairs)),
        ("κ claim status", |p| format!("{} ({})", figure(p.kappa_status), p.status_pairs)),
        ("α_U", |p| figure(p.alpha_u)),
    ];
    let overall = move || {
        comparison.with(|c| format!("α_U over all {} layers: {}", c.layers.len(), figure(c.alpha_u)))
    };
    view! {
        <div class="table-scroll" tabindex="0" role="region" aria-label="Agreement figures">
            <table class="insight-table agreement" data-testid="agreement-table">
                <thead>
                    <tr>
                        <th scope="col">"Measure"</th>
                        {move || {
                            columns()
                                .into_iter()
                                .map(|((a, b), _)| view! {
                                    <th scope="col" class="num pair">
                                        <span>{a}</span>" "<span>{format!("– {b}")}</span>
                                    </th>
                                })
                                .collect_view()
                        }}
                    </tr>
                </thead>
                <tbody>
                    {rows
                        .into_iter()
                        .map(|(label, value)| {
                            view! {
                                <tr>
                                    <th scope="row">{label}</th>
                                    {move || columns().into_iter().map(|(_, p)| view! { <td class="num">{value(&p)}</td> }).collect_view()}
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
        <p class="compare-overall" data-testid="alpha-overall">{overall}</p>
        <p class="field-note">"κ counts the pairs of spans it is computed on; — where it is undefined (fewer than two labels). Formulas: docs/AGREEMENT.md."</p>
    }
}

/// The differences with the chosen layer, what is left and each one's choices.
#[component]
fn DifferenceList(comparison: Memo<Comparison>) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let limit = RwSignal::new(PAGE);
    let counter = move || {
        comparison.with(|c| match c.active {
            None => "Choose a layer to adjudicate against.".to_string(),
            Some(a) if c.entries.is_empty() => format!("No differences with “{}”.", c.layers[a].0),
            Some(a) => format!(
                "{} of {} left to settle with “{}”",
                c.open(),
                count(c.entries.len(), "difference", "differences"),
                c.layers[a].0
            ),
        })
    };
    let items = move || {
        comparison.with(|c| {
            c.entries.iter().take(limit.get()).cloned().collect::<Vec<_>>()
        })
    };
    let more = move || comparison.with(|c| c.entries.len()) > limit.get();
    let latest = move || {
        comparison.with(|c| c.latest().map(|(d, i)| (d.label(), i))).map(|(label, i)| {
            let choice = ctx.compare.decisions.with(|ds| ds.get(i).map_or("", |x| x.choice.label()));
            view! {
                <p class="compare-latest" data-testid="latest-decision">
                    {format!("Last settled: {label}, {choice}. ")}
                    <button type="button" class="link-button" on:click=move |_| compare::undo_decision(&ctx, i)>"Undo"</button>
                </p>
            }
        })
    };
    view! {
        <h4 class="compare-counter" data-testid="difference-counter" aria-live="polite">{counter}</h4>
        {latest}
        <ol class="difference-list" data-testid="difference-list">
            <For each=items key=|(d, s)| (format!("{d:?}"), *s) let:item>
                <DifferenceItem difference=item.0 decision=item.1 />
            </For>
        </ol>
        <Show when=more>
            <button type="button" class="link-button" on:click=move |_| limit.update(|l| *l += PAGE)>
                "Show more differences"
            </button>
        </Show>
    }
}

#[component]
fn DifferenceItem(difference: Difference, decision: Option<usize>) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let (mine, theirs) = difference.ids();
    let side = |id: Option<&quotemark_core::model::AnnotationId>, theirs: bool| {
        id.and_then(|id| compare::annotation(&ctx, id, theirs)).map(|a| compare::describe(&a))
    };
    let (mine_text, theirs_text) = (side(mine, false), side(theirs, true));
    let reveal = mine.cloned();
    let label = difference.label();
    let settled = decision.is_some();
    let d = difference.clone();
    let choices = move || {
        if let Some(i) = decision {
            let done = ctx.compare.decisions.with(|ds| ds.get(i).map_or("", |x| x.choice.label()));
            view! {
                <div class="difference-done">
                    <span data-testid="settled">{format!("Settled: {done}")}</span>
                    <button type="button" class="link-button" on:click=move |_| compare::undo_decision(&ctx, i)>"Undo"</button>
                </div>
            }
            .into_any()
        } else {
            let d = d.clone();
            view! {
                <div class="difference-choices" role="group" aria-label="Settle this difference">
                    {Choice::ALL
                        .into_iter()
                        .filter(|c| c.applies_to(&d))
                        .map(|c| {
                            let d = d.clone();
                            view! { <button type="button" on:click=move |_| compare::decide(&ctx, &d, c)>{c.label()}</button> }
                        })
                        .collect_view()}
                </div>
            }
            .into_any()
        }
    };
    view! {
        <li class="difference" class:settled=settled data-testid="difference">
            <p class="difference-kind">{label}</p>
            {mine_text.map(|t| {
                let reveal = reveal.clone();
                view! {
                    <p class="difference-side">
                        <span class="side-label">"Mine"</span>
                        <button type="button" class="link-button side-text" on:click=move |_| {
                            if let Some(id) = &reveal {
                                ctx.ui.reveal(id);
                            }
                        }>{t}</button>
                    </p>
                }
            })}
            {theirs_text.map(|t| view! {
                <p class="difference-side theirs">
                    <span class="side-label">"Theirs"</span>
                    <span class="side-text">{t}</span>
                </p>
            })}
            {choices}
        </li>
    }
}
