//! The small toolbar by a selection (Quote, Claim) and the chooser shown when a click lands on
//! several overlapping highlights.

use crate::actions::annotations::{tag_selection, NewKind};
use crate::actions::{review, Ctx};
use crate::text::shorten;
use leptos::prelude::*;

#[component]
pub fn SelectionToolbar() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    view! {
        <Show when=move || ctx.ui.pending.with(Option::is_some)>
            {move || {
                let pending = ctx.ui.pending.get()?;
                let style = format!("left: {}px; top: {}px;", pending.x as i32, pending.y as i32);
                Some(
                    view! {
                        <div
                            class="selection-toolbar"
                            role="toolbar"
                            aria-label="Tag the selection"
                            style=style
                            data-testid="selection-toolbar"
                            on:mousedown=|ev| ev.prevent_default()
                        >
                            {move || {
                                if ctx.ui.reattach.with(Option::is_some) {
                                    view! {
                                        <button
                                            type="button"
                                            class="tool attach"
                                            on:click=move |_| {
                                                review::attach_selection(&ctx);
                                            }
                                        >
                                            "Attach here "
                                            <kbd>"Enter"</kbd>
                                        </button>
                                    }
                                        .into_any()
                                } else {
                                    view! {
                                        <button
                                            type="button"
                                            class="tool quote"
                                            on:click=move |_| {
                                                tag_selection(&ctx, NewKind::Quote);
                                            }
                                        >
                                            "Quote "
                                            <kbd>"Q"</kbd>
                                        </button>
                                        <button
                                            type="button"
                                            class="tool claim"
                                            on:click=move |_| {
                                                tag_selection(&ctx, NewKind::Claim);
                                            }
                                        >
                                            "Claim "
                                            <kbd>"C"</kbd>
                                        </button>
                                    }
                                        .into_any()
                                }
                            }}
                            <span class="tool-hint" aria-hidden="true">
                                <kbd>"Esc"</kbd>
                            </span>
                        </div>
                    },
                )
            }}
        </Show>
    }
}

#[component]
pub fn OverlapChooser() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let items = move || {
        let ids = ctx.ui.chooser.get()?.ids;
        let rows = ctx.doc.annotations.with(|set| {
            ids.iter()
                .filter_map(|id| set.get(id))
                .map(|a| {
                    let id = a.id.clone();
                    let text = shorten(a.target.exact().unwrap_or(""), 60);
                    let kind = a.kind.name();
                    view! {
                        <li>
                            <button
                                type="button"
                                class="chooser-item"
                                on:click=move |_| ctx.ui.open_annotation(&id)
                            >
                                <span class=format!("badge {kind}")>{kind}</span>
                                <span class="chooser-text">{text}</span>
                            </button>
                        </li>
                    }
                })
                .collect::<Vec<_>>()
        });
        Some(rows)
    };
    view! {
        <Show when=move || ctx.ui.chooser.with(Option::is_some)>
            {move || {
                let chooser = ctx.ui.chooser.get()?;
                let (x, y) = (chooser.x, chooser.y);
                Some(
                    view! {
                        <div
                            class="chooser"
                            role="dialog"
                            aria-label="Choose an annotation"
                            data-testid="overlap-chooser"
                            style=format!("left: {}px; top: {}px;", x as i32, y as i32 + 12)
                        >
                            <p class="chooser-title">"Several annotations here"</p>
                            <ul>{items}</ul>
                        </div>
                    },
                )
            }}
        </Show>
    }
}
