//! The panel's filter controls (the filtering itself is [`quotemark_core::filter`]).

use crate::state::DocState;
use leptos::prelude::*;
pub use quotemark_core::filter::Filter;
use quotemark_core::filter::UNATTRIBUTED;
use quotemark_core::model::{ClaimStatus, Kind};

/// The filter controls; `on_change` runs after every change (the list starts again at its top).
#[component]
pub fn FilterBar(filter: RwSignal<Filter>, #[prop(into)] on_change: Callback<()>) -> impl IntoView {
    let doc = expect_context::<DocState>();
    let choices = Memo::new(move |_| {
        doc.people.with(|people| {
            doc.annotations.with(|s| {
                let mut speakers = std::collections::BTreeSet::new();
                let mut tags = std::collections::BTreeSet::new();
                let mut unattributed = false;
                // Each written name is looked up once (a lookup allocates; quotes repeat names).
                let mut written = std::collections::HashSet::new();
                for a in s.iter() {
                    match &a.kind {
                        Kind::Quote(q) if written.insert((q.speaker_canonical.as_deref(), q.speaker.as_str())) => {
                            match people.speaker_of(q) {
                                Some(p) => speakers.insert(p.into_owned()),
                                None => std::mem::replace(&mut unattributed, true),
                            };
                        }
                        _ => {}
                    }
                    tags.extend(a.tags.iter().map(|t| t.as_str().to_string()));
                }
                (speakers.into_iter().collect::<Vec<_>>(), tags.into_iter().collect::<Vec<_>>(), unattributed)
            })
        })
    });
    let set = move |field: fn(&mut Filter) -> &mut String| {
        move |ev: web_sys::Event| {
            let value = event_target_value(&ev);
            filter.update(|f| *field(f) = value);
            on_change.run(());
        }
    };
    view! {
        <input
            type="search"
            class="search"
            placeholder="Search annotations"
            aria-label="Search annotations"
            prop:value=move || filter.with(|f| f.search.clone())
            on:input=set(|f| &mut f.search)
        />
        <div class="filter-row">
            <select aria-label="Filter by kind" prop:value=move || filter.with(|f| f.kind.clone()) on:change=set(|f| &mut f.kind)>
                <option value="">"All kinds"</option>
                <option value="quote">"Quotes"</option>
                <option value="claim">"Claims"</option>
            </select>
            <select aria-label="Filter by speaker" prop:value=move || filter.with(|f| f.speaker.clone()) on:change=set(|f| &mut f.speaker)>
                <option value="">"Any speaker"</option>
                <For each=move || choices.get().0 key=|s| s.clone() let:name>
                    <option value=name.clone() selected=move || filter.with(|f| f.speaker == name)>{name.clone()}</option>
                </For>
                <Show when=move || choices.with(|c| c.2) || filter.with(|f| f.speaker == UNATTRIBUTED)>
                    <option value=UNATTRIBUTED>"Unattributed"</option>
                </Show>
            </select>
            <select aria-label="Filter by status" prop:value=move || filter.with(|f| f.status.clone()) on:change=set(|f| &mut f.status)>
                <option value="">"Any status"</option>
                {ClaimStatus::ALL.iter().map(|s| view! { <option value=s.key()>{s.label()}</option> }).collect_view()}
            </select>
            <select aria-label="Filter by tag" on:change=set(|f| &mut f.tag)>
                <option value="">"Any tag"</option>
                <For each=move || choices.get().1 key=|s| s.clone() let:tag>
                    <option value=tag.clone()>{tag.clone()}</option>
                </For>
            </select>
        </div>
        <Show when=move || !filter.with(|f| f.extras().is_empty())>
            <div class="filter-chips" data-testid="filter-chips">
                {move || filter.with(Filter::extras).into_iter().map(|(extra, label)| {
                    let name = format!("Remove filter {label}");
                    view! {
                    <button type="button" class="chip" aria-label=name on:click=move |_| {
                        filter.update(|f| f.clear(extra));
                        on_change.run(());
                    }>
                        {label}
                        <span aria-hidden="true">" ×"</span>
                    </button>
                }}).collect_view()}
                <button type="button" class="link-button" on:click=move |_| {
                    filter.set(Filter::default());
                    on_change.run(());
                }>"Clear all filters"</button>
            </div>
        </Show>
    }
}
