//! The annotation editor shown in the side panel for a new or an opened annotation.

use crate::state::{now, AppState, Editing};
use leptos::html;
use leptos::prelude::*;
use quotemark_core::format::is_http_url;
use quotemark_core::model::{Annotation, Claim, ClaimStatus, ClaimType, Command, Evidence, Kind, Quote, QuoteForm, Substr};
use quotemark_core::people::People;

const FORMS: [(QuoteForm, &str); 3] =
    [(QuoteForm::Direct, "Direct"), (QuoteForm::Partial, "Partial"), (QuoteForm::Indirect, "Indirect")];
pub const CLAIM_TYPES: [(ClaimType, &str); 5] = [
    (ClaimType::Statistic, "Statistic"),
    (ClaimType::Causal, "Causal"),
    (ClaimType::Prediction, "Prediction"),
    (ClaimType::Comparison, "Comparison"),
    (ClaimType::Other, "Other"),
];
pub const STATUSES: [(ClaimStatus, &str); 5] = [
    (ClaimStatus::Unverified, "Unverified"),
    (ClaimStatus::NeedsSource, "Needs source"),
    (ClaimStatus::Supported, "Supported"),
    (ClaimStatus::Disputed, "Disputed"),
    (ClaimStatus::False, "False"),
];

/// The reader-facing name of a claim status.
pub fn status_label(status: ClaimStatus) -> &'static str {
    STATUSES.iter().find(|(s, _)| *s == status).map_or("", |(_, l)| l)
}

/// The reader-facing name of a claim type.
pub fn claim_type_label(t: ClaimType) -> &'static str {
    CLAIM_TYPES.iter().find(|(s, _)| *s == t).map_or("", |(_, l)| l)
}

/// Shows the editor for whatever [`AppState::editing`] holds.
#[component]
pub fn Editor() -> impl IntoView {
    let state = expect_context::<AppState>();
    move || {
        let editing = state.editing.get()?;
        let annotation = match &editing {
            Editing::New(a) => a.clone(),
            Editing::Existing(id) => state.annotations.with_untracked(|s| s.get(id).cloned())?,
        };
        Some(view! { <EditorForm annotation=annotation is_new=matches!(editing, Editing::New(_)) /> })
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
struct EvidenceRow {
    url: String,
    note: String,
}

/// The fuller name of a known person that a typed speaker stands for, when it is not the name as
/// typed (`Garcia` → `Maria Lopez Garcia`).
fn canonical_speaker(people: &People, typed: &str) -> Option<Substr> {
    if typed.is_empty() {
        return None;
    }
    let full = people.canonical(typed);
    (!typed.contains(full.as_ref())).then(|| Substr::from(full.as_ref()))
}

#[component]
fn EditorForm(annotation: Annotation, is_new: bool) -> impl IntoView {
    let state = expect_context::<AppState>();
    let original = StoredValue::new(annotation.clone());
    let is_quote = matches!(annotation.kind, Kind::Quote(_));
    let (quote, claim) = match &annotation.kind {
        Kind::Quote(q) => (q.clone(), Claim::default()),
        Kind::Claim(c) => (Quote::default(), c.clone()),
    };
    let speaker = RwSignal::new(quote.speaker.to_string());
    let cue = RwSignal::new(quote.cue.as_deref().unwrap_or_default().to_string());
    let form = RwSignal::new(quote.form);
    let claim_type = RwSignal::new(claim.claim_type);
    let status = RwSignal::new(claim.status);
    let evidence = RwSignal::new(
        claim
            .evidence
            .iter()
            .map(|e| EvidenceRow { url: e.url.clone().unwrap_or_default(), note: e.note.clone() })
            .collect::<Vec<_>>(),
    );
    let note = RwSignal::new(annotation.note.clone());
    let tags = RwSignal::new(annotation.tags.join(", "));
    let error = RwSignal::new(None::<String>);
    let first_field = NodeRef::<html::Input>::new();
    let first_select = NodeRef::<html::Select>::new();

    // Focus the first field when the editor opens.
    Effect::new(move |_| {
        if let Some(input) = first_field.get() {
            let _ = input.focus();
        } else if let Some(select) = first_select.get() {
            let _ = select.focus();
        }
    });

    // The people already quoted, by the fullest form of their names.
    let people = Memo::new(move |_| state.annotations.with(|set| People::of_annotations(set.iter())));
    let speakers = move || people.with(|p| p.names().into_iter().map(String::from).collect::<Vec<_>>());

    let save = move || {
        let before = original.get_value();
        let kind = if is_quote {
            let cue = cue.get_untracked().trim().to_string();
            let typed = speaker.get_untracked().trim().to_string();
            Kind::Quote(Quote {
                speaker_canonical: match &before.kind {
                    // Unchanged: the speaker it had (a suggestion's resolved name).
                    Kind::Quote(q) if q.speaker.trim() == typed => q.speaker_canonical.clone(),
                    // A short form of someone already quoted ("Garcia") is that person.
                    _ => people.with_untracked(|p| canonical_speaker(p, &typed)),
                },
                speaker: typed.into(),
                cue: (!cue.is_empty()).then(|| cue.into()),
                form: form.get_untracked(),
            })
        } else {
            let mut items = Vec::new();
            for (i, row) in evidence.get_untracked().into_iter().enumerate() {
                let url = row.url.trim().to_string();
                let note = row.note.trim().to_string();
                if url.is_empty() && note.is_empty() {
                    continue;
                }
                if !url.is_empty() && !is_http_url(&url) {
                    error.set(Some(format!("Evidence {}: links must start with http:// or https://", i + 1)));
                    return;
                }
                items.push(Evidence { url: (!url.is_empty()).then_some(url), note });
            }
            Kind::Claim(Claim { claim_type: claim_type.get_untracked(), status: status.get_untracked(), evidence: items })
        };
        let mut after = before.clone();
        after.kind = kind;
        after.note = note.get_untracked().trim().to_string();
        after.tags = parse_tags(&tags.get_untracked());
        let command = if is_new {
            Command::Create(after)
        } else if after == before {
            state.editing.set(None);
            return;
        } else {
            after.modified = now();
            Command::Update { before, after }
        };
        match state.execute(command) {
            Ok(()) => {
                error.set(None);
                state.editing.set(None);
            }
            Err(e) => error.set(Some(e.to_string())),
        }
    };
    let cancel = move || {
        state.editing.set(None);
        if is_new {
            state.announce("Discarded the new annotation");
        }
    };
    let delete = move || {
        let a = original.get_value();
        let _ = state.execute(Command::Delete(a));
    };
    let on_keydown = move |ev: web_sys::KeyboardEvent| {
        if ev.key() == "Enter" && (ev.ctrl_key() || ev.meta_key()) {
            ev.prevent_default();
            save();
        } else if ev.key() == "Escape" {
            ev.prevent_default();
            ev.stop_propagation();
            cancel();
        }
    };

    let exact = annotation.target.exact().unwrap_or("").to_string();
    let heading = match (is_new, is_quote) {
        (true, true) => "New quote",
        (true, false) => "New claim",
        (false, true) => "Edit quote",
        (false, false) => "Edit claim",
    };

    let kind_fields = if is_quote {
        view! {
            <div class="field">
                <label for="ed-speaker">"Speaker"</label>
                <input
                    id="ed-speaker"
                    type="text"
                    list="ed-speakers"
                    autocomplete="off"
                    placeholder="Who said it, as written"
                    node_ref=first_field
                    bind:value=speaker
                />
                <datalist id="ed-speakers">
                    <For each=speakers key=|s| s.clone() let:name>
                        <option value=name></option>
                    </For>
                </datalist>
            </div>
            <div class="field">
                <label for="ed-cue">"Cue verb"</label>
                <input id="ed-cue" type="text" placeholder="said, told, warned…" bind:value=cue />
            </div>
            <fieldset class="field choice">
                <legend>"Form"</legend>
                {FORMS
                    .iter()
                    .map(|(value, label)| {
                        let value = *value;
                        view! {
                            <label class="radio">
                                <input
                                    type="radio"
                                    name="ed-form"
                                    prop:checked=move || form.get() == value
                                    on:change=move |_| form.set(value)
                                />
                                {*label}
                            </label>
                        }
                    })
                    .collect_view()}
            </fieldset>
        }
            .into_any()
    } else {
        view! {
            <div class="field-row">
                <div class="field">
                    <label for="ed-type">"Type"</label>
                    <select
                        id="ed-type"
                        node_ref=first_select
                        on:change=move |ev| {
                            let i: usize = event_target_value(&ev).parse().unwrap_or(4);
                            claim_type.set(CLAIM_TYPES[i.min(4)].0);
                        }
                    >
                        {CLAIM_TYPES
                            .iter()
                            .enumerate()
                            .map(|(i, (value, label))| {
                                let value = *value;
                                view! {
                                    <option value=i.to_string() selected=move || claim_type.get() == value>
                                        {*label}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="ed-status">"Status"</label>
                    <select
                        id="ed-status"
                        on:change=move |ev| {
                            let i: usize = event_target_value(&ev).parse().unwrap_or(0);
                            status.set(STATUSES[i.min(4)].0);
                        }
                    >
                        {STATUSES
                            .iter()
                            .enumerate()
                            .map(|(i, (value, label))| {
                                let value = *value;
                                view! {
                                    <option value=i.to_string() selected=move || status.get() == value>
                                        {*label}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </div>
            </div>
            <fieldset class="field evidence">
                <legend>"Evidence"</legend>
                {move || {
                    evidence
                        .get()
                        .into_iter()
                        .enumerate()
                        .map(|(i, row)| {
                            let link = is_http_url(row.url.trim()).then(|| row.url.trim().to_string());
                            view! {
                                <div class="evidence-row" data-testid="evidence-row">
                                    <input
                                        type="url"
                                        placeholder="https://…"
                                        aria-label=format!("Evidence {} link", i + 1)
                                        prop:value=row.url.clone()
                                        on:change=move |ev| {
                                            let v = event_target_value(&ev);
                                            evidence.update(|rows| rows[i].url = v);
                                        }
                                    />
                                    <input
                                        type="text"
                                        placeholder="What it shows"
                                        aria-label=format!("Evidence {} note", i + 1)
                                        prop:value=row.note.clone()
                                        on:change=move |ev| {
                                            let v = event_target_value(&ev);
                                            evidence.update(|rows| rows[i].note = v);
                                        }
                                    />
                                    <button
                                        type="button"
                                        class="icon-button"
                                        aria-label=format!("Remove evidence {}", i + 1)
                                        on:click=move |_| {
                                            evidence
                                                .update(|rows| {
                                                    rows.remove(i);
                                                })
                                        }
                                    >
                                        "×"
                                    </button>
                                    {link
                                        .map(|href| {
                                            view! {
                                                <a
                                                    class="evidence-link"
                                                    href=href.clone()
                                                    target="_blank"
                                                    rel="noopener noreferrer"
                                                >
                                                    {href.clone()}
                                                </a>
                                            }
                                        })}
                                </div>
                            }
                        })
                        .collect_view()
                }}
                <button
                    type="button"
                    class="link-button"
                    on:click=move |_| evidence.update(|rows| rows.push(EvidenceRow::default()))
                >
                    "+ Add evidence"
                </button>
            </fieldset>
        }
            .into_any()
    };

    view! {
        <form
            class="editor"
            class:quote=is_quote
            class:claim=!is_quote
            aria-label=heading
            data-testid="editor"
            on:submit=move |ev| {
                ev.prevent_default();
                save();
            }
            on:keydown=on_keydown
        >
            <h3 class="editor-title">{heading}</h3>
            <blockquote class="editor-quote">{crate::components::panel::shorten(&exact, 280)}</blockquote>
            {kind_fields}
            <div class="field">
                <label for="ed-note">"Note"</label>
                <textarea id="ed-note" rows="2" bind:value=note></textarea>
            </div>
            <div class="field">
                <label for="ed-tags">"Tags"</label>
                <input id="ed-tags" type="text" placeholder="comma, separated" bind:value=tags />
            </div>
            {move || error.get().map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
            <div class="editor-actions">
                <button type="submit" class="primary">
                    "Save " <kbd>"Ctrl+Enter"</kbd>
                </button>
                <button type="button" on:click=move |_| cancel()>
                    {if is_new { "Discard" } else { "Close" }}
                </button>
                {(!is_new)
                    .then(|| {
                        view! {
                            <button type="button" class="danger" on:click=move |_| delete()>
                                "Delete"
                            </button>
                        }
                    })}
            </div>
        </form>
    }
}

/// Splits a comma-separated tag list, trimming, dropping empties and duplicates (order kept).
pub fn parse_tags(input: &str) -> Vec<Substr> {
    let mut tags: Vec<Substr> = Vec::new();
    for tag in input.split(',').map(str::trim).filter(|t| !t.is_empty()) {
        if !tags.iter().any(|t| t == tag) {
            tags.push(tag.into());
        }
    }
    tags
}
