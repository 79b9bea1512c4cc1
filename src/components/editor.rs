//! The annotation editor shown in the side panel for a new or an opened annotation: the quote's
//! speaker, cue and form, or the claim's type, status and evidence; a note and tags for both.

use crate::actions::{annotations, Ctx};
use crate::state::Editing;
use crate::text::shorten;
use leptos::html;
use leptos::prelude::*;
use quotemark_core::format::is_http_url;
use quotemark_core::model::{Annotation, Claim, ClaimStatus, ClaimType, Evidence, Kind, Quote, QuoteForm, Substr};
use quotemark_core::people::People;

/// Shows the editor for whatever [`crate::state::UiState::editing`] holds.
#[component]
pub fn Editor() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    move || {
        let editing = ctx.ui.editing.get()?;
        let annotation = match &editing {
            Editing::New(a) => a.clone(),
            Editing::Existing(id) => ctx.doc.annotations.with_untracked(|s| s.get(id).cloned())?,
        };
        Some(view! { <EditorForm annotation=annotation is_new=matches!(editing, Editing::New(_)) /> })
    }
}

/// One row of the evidence list, as typed.
#[derive(Clone, Debug, Default, PartialEq)]
struct EvidenceRow {
    url: String,
    note: String,
}

/// The quote's fields, as typed.
#[derive(Clone, Copy)]
struct QuoteDraft {
    speaker: RwSignal<String>,
    cue: RwSignal<String>,
    form: RwSignal<QuoteForm>,
}

/// The claim's fields, as typed.
#[derive(Clone, Copy)]
struct ClaimDraft {
    claim_type: RwSignal<ClaimType>,
    status: RwSignal<ClaimStatus>,
    evidence: RwSignal<Vec<EvidenceRow>>,
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

impl QuoteDraft {
    fn new(q: &Quote) -> QuoteDraft {
        QuoteDraft {
            speaker: RwSignal::new(q.speaker.to_string()),
            cue: RwSignal::new(q.cue.as_deref().unwrap_or_default().to_string()),
            form: RwSignal::new(q.form),
        }
    }

    /// The quote as typed; the speaker keeps the name it resolved to while unchanged, and a short
    /// form of someone already quoted ("Garcia") is that person.
    fn read(&self, before: &Kind, people: &People) -> Kind {
        let cue = self.cue.get_untracked().trim().to_string();
        let typed = self.speaker.get_untracked().trim().to_string();
        Kind::Quote(Quote {
            speaker_canonical: match before {
                Kind::Quote(q) if q.speaker.trim() == typed => q.speaker_canonical.clone(),
                _ => canonical_speaker(people, &typed),
            },
            speaker: typed.into(),
            cue: (!cue.is_empty()).then(|| cue.into()),
            form: self.form.get_untracked(),
        })
    }
}

impl ClaimDraft {
    fn new(c: &Claim) -> ClaimDraft {
        let rows = c.evidence.iter().map(|e| EvidenceRow { url: e.url.clone().unwrap_or_default(), note: e.note.clone() });
        ClaimDraft {
            claim_type: RwSignal::new(c.claim_type),
            status: RwSignal::new(c.status),
            evidence: RwSignal::new(rows.collect()),
        }
    }

    /// The claim as typed (empty evidence rows dropped); `Err` names a link that is not http(s).
    fn read(&self) -> Result<Kind, String> {
        let mut items = Vec::new();
        for (i, row) in self.evidence.get_untracked().into_iter().enumerate() {
            let (url, note) = (row.url.trim().to_string(), row.note.trim().to_string());
            if url.is_empty() && note.is_empty() {
                continue;
            }
            if !url.is_empty() && !is_http_url(&url) {
                return Err(format!("Evidence {}: links must start with http:// or https://", i + 1));
            }
            items.push(Evidence { url: (!url.is_empty()).then_some(url), note });
        }
        Ok(Kind::Claim(Claim { claim_type: self.claim_type.get_untracked(), status: self.status.get_untracked(), evidence: items }))
    }
}

#[component]
fn EditorForm(annotation: Annotation, is_new: bool) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let original = StoredValue::new(annotation.clone());
    let is_quote = matches!(annotation.kind, Kind::Quote(_));
    let (quote, claim) = match &annotation.kind {
        Kind::Quote(q) => (QuoteDraft::new(q), ClaimDraft::new(&Claim::default())),
        Kind::Claim(c) => (QuoteDraft::new(&Quote::default()), ClaimDraft::new(c)),
    };
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

    let save = move || {
        let before = original.get_value();
        let kind = if is_quote { Ok(ctx.doc.people.with_untracked(|p| quote.read(&before.kind, p))) } else { claim.read() };
        let kind = match kind {
            Ok(kind) => kind,
            Err(e) => return error.set(Some(e)),
        };
        let after = Annotation {
            kind,
            note: note.get_untracked().trim().to_string(),
            tags: parse_tags(&tags.get_untracked()),
            ..before.clone()
        };
        match annotations::save_edit(&ctx, before, after, is_new) {
            Ok(()) => error.set(None),
            Err(e) => error.set(Some(e.to_string())),
        }
    };
    let cancel = move || {
        ctx.ui.editing.set(None);
        if is_new {
            ctx.notices.announce("Discarded the new annotation");
        }
    };
    let delete = move || {
        annotations::delete(&ctx, &original.with_value(|a| a.id.clone()));
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
        view! { <QuoteFields draft=quote first=first_field /> }.into_any()
    } else {
        view! { <ClaimFields draft=claim first=first_select /> }.into_any()
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
            <blockquote class="editor-quote">{shorten(&exact, 280)}</blockquote>
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

/// Speaker (with the people already quoted to choose from), cue verb and form.
#[component]
fn QuoteFields(draft: QuoteDraft, first: NodeRef<html::Input>) -> impl IntoView {
    let people = expect_context::<crate::state::DocState>().people;
    let speakers = move || people.with(|p| p.names().into_iter().map(String::from).collect::<Vec<_>>());
    let form = draft.form;
    view! {
        <div class="field">
            <label for="ed-speaker">"Speaker"</label>
            <input
                id="ed-speaker"
                type="text"
                list="ed-speakers"
                autocomplete="off"
                placeholder="Who said it, as written"
                node_ref=first
                bind:value=draft.speaker
            />
            <datalist id="ed-speakers">
                <For each=speakers key=|s| s.clone() let:name>
                    <option value=name></option>
                </For>
            </datalist>
        </div>
        <div class="field">
            <label for="ed-cue">"Cue verb"</label>
            <input id="ed-cue" type="text" placeholder="said, told, warned…" bind:value=draft.cue />
        </div>
        <fieldset class="field choice">
            <legend>"Form"</legend>
            {QuoteForm::ALL
                .into_iter()
                .map(|value| {
                    view! {
                        <label class="radio">
                            <input
                                type="radio"
                                name="ed-form"
                                prop:checked=move || form.get() == value
                                on:change=move |_| form.set(value)
                            />
                            {value.label()}
                        </label>
                    }
                })
                .collect_view()}
        </fieldset>
    }
}

/// A select over every value of a vocabulary, by index.
fn vocabulary_options<T: Copy + PartialEq + Send + Sync + 'static>(
    all: &'static [T],
    label: fn(T) -> &'static str,
    current: RwSignal<T>,
) -> impl IntoView {
    all.iter()
        .enumerate()
        .map(|(i, value)| {
            let value = *value;
            view! {
                <option value=i.to_string() selected=move || current.get() == value>
                    {label(value)}
                </option>
            }
        })
        .collect_view()
}

/// Type, status and evidence.
#[component]
fn ClaimFields(draft: ClaimDraft, first: NodeRef<html::Select>) -> impl IntoView {
    let ClaimDraft { claim_type, status, evidence } = draft;
    let pick = |all_len: usize| move |ev: web_sys::Event| event_target_value(&ev).parse::<usize>().unwrap_or(0).min(all_len - 1);
    view! {
        <div class="field-row">
            <div class="field">
                <label for="ed-type">"Type"</label>
                <select
                    id="ed-type"
                    node_ref=first
                    on:change=move |ev| claim_type.set(ClaimType::ALL[pick(ClaimType::ALL.len())(ev)])
                >
                    {vocabulary_options(&ClaimType::ALL, ClaimType::label, claim_type)}
                </select>
            </div>
            <div class="field">
                <label for="ed-status">"Status"</label>
                <select id="ed-status" on:change=move |ev| status.set(ClaimStatus::ALL[pick(ClaimStatus::ALL.len())(ev)])>
                    {vocabulary_options(&ClaimStatus::ALL, ClaimStatus::label, status)}
                </select>
            </div>
        </div>
        <EvidenceFields evidence=evidence />
    }
}

/// The evidence list: a link and a note per row; a valid link is also shown as a link.
#[component]
fn EvidenceFields(evidence: RwSignal<Vec<EvidenceRow>>) -> impl IntoView {
    let rows = move || {
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
                                evidence.update(|rows| {
                                    rows.remove(i);
                                })
                            }
                        >
                            "×"
                        </button>
                        // The link's line is there before the link is: leaving the field never moves
                        // the buttons below it (a click on Save would miss).
                        {match link {
                            Some(href) => view! {
                                <a class="evidence-link" href=href.clone() target="_blank" rel="noopener noreferrer">
                                    {href.clone()}
                                </a>
                            }
                            .into_any(),
                            None => view! { <span class="evidence-link" aria-hidden="true"></span> }.into_any(),
                        }}
                    </div>
                }
            })
            .collect_view()
    };
    view! {
        <fieldset class="field evidence">
            <legend>"Evidence"</legend>
            {rows}
            <button type="button" class="link-button" on:click=move |_| evidence.update(|rows| rows.push(EvidenceRow::default()))>
                "+ Add evidence"
            </button>
        </fieldset>
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
