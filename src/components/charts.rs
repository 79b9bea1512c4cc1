//! Horizontal bar charts for the insights, drawn by the app as inline SVG (no chart library):
//! each bar is a button with its label and value as text, so it reads on a phone, in dark mode
//! and to a screen reader; a table of the same figures is one click away. Clicking a bar asks for
//! the annotation list filtered to it.

use leptos::prelude::*;
use quotemark_core::filter::Filter;

/// One bar: its label, its value, a note (`2 quotes · 33%`) and the filter it stands for (`None`:
/// not clickable).
#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    pub label: String,
    pub value: usize,
    pub note: String,
    pub filter: Option<Filter>,
}

/// A titled bar chart with a table alternative. `unit` names the value (`words quoted`).
#[component]
pub fn BarChart(
    title: &'static str,
    /// The value's unit, plural and singular (`words quoted`, `word quoted`).
    unit: &'static str,
    unit_one: &'static str,
    #[prop(into)] bars: Signal<Vec<Bar>>,
    #[prop(into)] on_pick: Callback<Filter>,
    /// Said when there is nothing to draw.
    empty: &'static str,
) -> impl IntoView {
    let as_table = RwSignal::new(false);
    let max = Memo::new(move |_| bars.with(|b| b.iter().map(|b| b.value).max().unwrap_or(0)));
    // Keyed bars: a change redraws only the bars whose figures changed.
    let bar = move |bar: Bar| {
        let width = move || {
            let max = max.get().max(1);
            (bar.value as f64 / max as f64 * 100.0).max(if bar.value > 0 { 1.5 } else { 0.0 })
        };
        let unit = if bar.value == 1 { unit_one } else { unit };
        let label = format!("{}: {} {unit}{}", bar.label, bar.value, if bar.note.is_empty() { String::new() } else { format!(", {}", bar.note) });
        let hint = format!("{} — show these in the annotation list", bar.label);
        let inner = view! {
            <span class="bar-label">{bar.label.clone()}</span>
            <svg class="bar-track" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" focusable="false">
                <rect class="bar-fill" x="0" y="0" height="10" width=move || format!("{:.2}", width()) rx="1.5" />
            </svg>
            <span class="bar-value">{bar.value}</span>
            <span class="bar-note">{bar.note.clone()}</span>
        };
        match bar.filter {
            Some(f) => view! {
                <li>
                    <button type="button" class="bar-row" data-testid="insight-bar" aria-label=label title=hint on:click=move |_| on_pick.run(f.clone())>
                        {inner}
                    </button>
                </li>
            }
            .into_any(),
            None => view! { <li><div class="bar-row" role="img" aria-label=label title=bar.label.clone()>{inner}</div></li> }.into_any(),
        }
    };
    let chart = move || view! { <For each=move || bars.get() key=|b| (b.label.clone(), b.value, b.note.clone()) children=bar /> };
    let table = move || {
        view! {
            <table class="insight-table">
                <thead><tr><th scope="col">{title}</th><th scope="col" class="num">{unit}</th><th scope="col">"Detail"</th></tr></thead>
                <tbody>
                    {bars.get().into_iter().map(|b| view! { <tr><th scope="row">{b.label}</th><td class="num">{b.value}</td><td>{b.note}</td></tr> }).collect_view()}
                </tbody>
            </table>
        }
    };
    view! {
        <section class="insight" aria-label=title>
            <div class="insight-head">
                <h3>{title}</h3>
                <button type="button" class="link-button" on:click=move |_| as_table.update(|t| *t = !*t)>
                    {move || if as_table.get() { "Show chart" } else { "Show table" }}
                </button>
            </div>
            {move || if bars.with(Vec::is_empty) {
                view! { <p class="insight-empty">{empty}</p> }.into_any()
            } else if as_table.get() {
                table().into_any()
            } else {
                view! { <ol class="bars">{chart}</ol> }.into_any()
            }}
        </section>
    }
}
