//! The insights dialog: who is quoted and how much (with each person's role, set inline), by
//! role, cue verb and form; claims by status and type and those without evidence; for the open
//! article or the whole library. Its bars filter the annotation list. Below, the library-wide
//! research export and the article's ClaimReview export with what each claim still lacks.

use crate::actions::insights::{self, Research};
use crate::actions::Ctx;
use crate::components::charts::{Bar, BarChart};
use crate::components::later::Later;
use crate::components::notices::Modal;
use crate::later::split_point;
use crate::state::Dialog;
use crate::text::{count, shorten};
use leptos::prelude::*;
use quotemark_core::claimreview::{ReviewSettings, Scale};
use quotemark_core::filter::{Filter, NO_ROLE, UNATTRIBUTED};
use quotemark_core::insights::{Insights, Tally};
use quotemark_core::model::{ClaimStatus, ClaimType, QuoteForm, SpeakerRole};

/// The header's button.
#[component]
pub fn InsightsButton() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    view! {
        <button type="button" class="header-button" on:click=move |_| ctx.ui.dialog.set(Dialog::Insights)>
            "Insights"
        </button>
    }
}

#[component]
pub fn InsightsDialog() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let dialog = ctx.ui.dialog;
    view! {
        <Modal
            open=Signal::derive(move || dialog.get() == Dialog::Insights)
            labelled_by="insights-title"
            testid="insights-dialog"
            wide=true
            on_close=move || dialog.set(Dialog::Closed)
        >
            <Later load=insights_body what="The insights view" />
        </Modal>
    }
}

split_point! {
    insights:
    /// The dialog's body, with its charts, people table and exports: loaded on first use.
    pub fn insights_body() -> AnyView {
        view! { <InsightsBody /> }.into_any()
    }
}

fn percent(share: f64) -> String {
    format!("{:.0}%", share * 100.0)
}

#[component]
fn InsightsBody() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    // The open article is tallied again on each change; the library's other articles once.
    let open_tally = Memo::new(move |_| ctx.doc.annotations.with(Tally::of));
    let data = Memo::new(move |_| open_tally.with(|t| insights::compute(&ctx, t)));
    let whole = ctx.audit.whole_library;
    let scope = move |library: bool| {
        if library {
            insights::load_library(&ctx);
        }
        whole.set(library);
    };
    if whole.get_untracked() {
        insights::load_library(&ctx);
    }
    let pick = Callback::new(move |filter: Filter| {
        ctx.ui.filter.set(filter);
        ctx.ui.dialog.set(Dialog::Closed);
        ctx.ui.sheet_open.set(true);
        ctx.notices.announce("The annotation list shows what that bar counts");
    });
    let summary = move || {
        data.with(|i| {
            let anonymous = i.roles.iter().find(|r| r.role == Some(SpeakerRole::Anonymous)).map_or(0, |r| r.quotes);
            let mut parts = vec![
                count(i.quotes, "quote", "quotes"),
                count(i.words, "word quoted", "words quoted"),
                count(i.people.len(), "person", "people"),
                count(i.unattributed.quotes, "unattributed quote", "unattributed quotes"),
                count(anonymous, "anonymous quote", "anonymous quotes"),
                count(i.claims, "claim", "claims"),
            ];
            if whole.get() {
                parts.insert(0, count(i.articles, "article", "articles"));
            }
            parts.join(" · ")
        })
    };
    // In the library view the bars count other articles too, which the list does not show: they
    // are figures only there.
    let clickable = move |bars: Vec<Bar>| -> Vec<Bar> {
        if whole.get() {
            bars.into_iter().map(|b| Bar { filter: None, ..b }).collect()
        } else {
            bars
        }
    };
    let people_bars = Signal::derive(move || clickable(data.with(people_bars)));
    let role_bars = Signal::derive(move || clickable(data.with(role_bars)));
    let cue_bars = Signal::derive(move || {
        clickable(data.with(|i| {
            i.cues.iter().take(12).map(|(cue, n)| bar(cue.clone(), *n, String::new(), Filter::only(|f| f.cue = cue.clone()))).collect()
        }))
        
    });
    let form_bars = Signal::derive(move || {
        clickable(data.with(|i| {
            QuoteForm::ALL
                .iter()
                .zip(i.forms)
                .filter(|(_, n)| *n > 0)
                .map(|(form, n)| bar(form.label().into(), n, percent(share(n, i.quotes)), Filter::only(|f| f.form = form.key().into())))
                .collect()
        }))
    });
    let status_bars = Signal::derive(move || {
        clickable(data.with(|i| {
            ClaimStatus::ALL
                .iter()
                .zip(i.claim_status)
                .filter(|(_, n)| *n > 0)
                .map(|(s, n)| bar(s.label().into(), n, percent(share(n, i.claims)), Filter::only(|f| f.status = s.key().into())))
                .collect()
        }))
    });
    let type_bars = Signal::derive(move || {
        clickable(data.with(|i| {
            ClaimType::ALL
                .iter()
                .zip(i.claim_type)
                .filter(|(_, n)| *n > 0)
                .map(|(t, n)| bar(t.label().into(), n, percent(share(n, i.claims)), Filter::only(|f| f.claim_type = t.key().into())))
                .collect()
        }))
    });
    view! {
        <div class="dialog-head">
            <h2 id="insights-title">"Insights"</h2>
            <div class="segmented" role="group" aria-label="Count">
                <button type="button" aria-pressed=move || (!whole.get()).to_string() on:click=move |_| scope(false)>"This article"</button>
                <button type="button" aria-pressed=move || whole.get().to_string() data-testid="insights-library" on:click=move |_| scope(true)>"Whole library"</button>
            </div>
        </div>
        <p class="insights-summary" data-testid="insights-summary">{summary}</p>
        <p class="dialog-note">
            {move || if whole.get() { "Counted over every article in this browser. Switch to This article to list what a bar counts." } else { "Click a bar to list what it counts." }}
        </p>
        <Show when=move || data.with(|i| i.quotes > 0)>
            <PeopleTable data=data />
        </Show>
        <div class="insight-grid">
            <BarChart title="Who is quoted" unit="words quoted" unit_one="word quoted" bars=people_bars on_pick=pick empty="No quote has been tagged yet." />
            <BarChart title="By role" unit="words quoted" unit_one="word quoted" bars=role_bars on_pick=pick empty="No speaker yet." />
            <BarChart title="Cue verbs" unit="quotes" unit_one="quote" bars=cue_bars on_pick=pick empty="No cue verb recorded." />
            <BarChart title="Direct and partial" unit="quotes" unit_one="quote" bars=form_bars on_pick=pick empty="No quote yet." />
            <BarChart title="Claims by status" unit="claims" unit_one="claim" bars=status_bars on_pick=pick empty="No claim has been tagged yet." />
            <BarChart title="Claims by type" unit="claims" unit_one="claim" bars=type_bars on_pick=pick empty="No claim yet." />
        </div>
        <Unevidenced open_tally=open_tally data=data pick=pick />
        <ResearchExport />
        <ClaimReviewExport />
        <div class="dialog-actions">
            <button type="button" on:click=move |_| ctx.ui.dialog.set(Dialog::Closed)>"Close"</button>
        </div>
    }
}

fn share(part: usize, whole: usize) -> f64 {
    if whole == 0 { 0.0 } else { part as f64 / whole as f64 }
}

fn bar(label: String, value: usize, note: String, filter: Filter) -> Bar {
    Bar { label, value, note, filter: Some(filter) }
}

fn people_bars(i: &Insights) -> Vec<Bar> {
    let mut bars: Vec<Bar> = i
        .people
        .iter()
        .take(15)
        .map(|p| {
            let note = format!("{} · {}", count(p.quotes, "quote", "quotes"), percent(p.share));
            bar(p.name.clone(), p.words, note, Filter::only(|f| f.speaker = p.name.clone()))
        })
        .collect();
    if i.unattributed.quotes > 0 {
        let note = format!("{} · {}", count(i.unattributed.quotes, "quote", "quotes"), percent(i.unattributed_share));
        bars.push(bar("Unattributed".into(), i.unattributed.words, note, Filter::only(|f| f.speaker = UNATTRIBUTED.into())));
    }
    bars
}

fn role_bars(i: &Insights) -> Vec<Bar> {
    i.roles
        .iter()
        .map(|r| {
            let label = r.role.map_or("No role set", SpeakerRole::label).to_string();
            let note = format!("{} · {} · {}", count(r.people, "person", "people"), count(r.quotes, "quote", "quotes"), percent(r.share));
            let key = r.role.map_or(NO_ROLE, SpeakerRole::key).to_string();
            bar(label, r.words, note, Filter::only(|f| f.role = key))
        })
        .collect()
}

/// Every quoted person with their figures and a role picker.
#[component]
fn PeopleTable(data: Memo<Insights>) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    // Keyed rows: a change redraws only the rows whose figures or role changed.
    let people = move || data.with(|i| i.people.clone());
    let key = |p: &quotemark_core::insights::Person| (p.name.clone(), p.role.map(SpeakerRole::key), p.role_set, p.quotes, p.words, p.share.to_bits());
    let row = move |p: quotemark_core::insights::Person| {
        let name = p.name.clone();
        let current = p.role.filter(|_| p.role_set).map_or("", SpeakerRole::key);
        let guessed = (!p.role_set).then_some(p.role).flatten().map(|r| format!("{} (guessed)", r.label()));
        let on_change = move |ev: web_sys::Event| {
            let role = SpeakerRole::from_key(&event_target_value(&ev));
            insights::set_role(&ctx, &name, role);
        };
        view! {
            <tr data-testid="person-row">
                <th scope="row">{p.name.clone()}</th>
                <td>
                    <select aria-label=format!("Role of {}", p.name) on:change=on_change prop:value=current>
                        <option value="">{guessed.unwrap_or_else(|| "No role set".into())}</option>
                        {SpeakerRole::ALL.iter().map(|r| view! { <option value=r.key() selected=r.key() == current>{r.label()}</option> }).collect_view()}
                    </select>
                </td>
                <td class="num" data-col="quotes">{p.quotes}</td>
                <td class="num" data-col="words">{p.words}</td>
                <td class="num" data-col="share">{percent(p.share)}</td>
                <td class="num">{p.forms[0]}</td>
                <td class="num">{p.forms[1]}</td>
                <td class="cues">{p.cues.iter().take(3).map(|(c, n)| format!("{c} ({n})")).collect::<Vec<_>>().join(", ")}</td>
            </tr>
        }
    };
    let unattributed = move || {
        data.with(|i| {
            (i.unattributed.quotes > 0).then(|| {
                view! {
                    <tr data-testid="person-row" class="unattributed">
                        <th scope="row">"Unattributed"</th>
                        <td>"—"</td>
                        <td class="num" data-col="quotes">{i.unattributed.quotes}</td>
                        <td class="num" data-col="words">{i.unattributed.words}</td>
                        <td class="num" data-col="share">{percent(i.unattributed_share)}</td>
                        <td class="num">{i.unattributed.forms[0]}</td>
                        <td class="num">{i.unattributed.forms[1]}</td>
                        <td></td>
                    </tr>
                }
            })
        })
    };
    view! {
        <p class="dialog-note">"Quoted people, most words first. A role is kept for the person across the library."</p>
        <div class="table-scroll" tabindex="0" role="region" aria-label="Quoted people">
            <table class="insight-table people" data-testid="people-table">
                <thead>
                    <tr>
                        <th scope="col">"Person"</th>
                        <th scope="col">"Role"</th>
                        <th scope="col" class="num">"Quotes"</th>
                        <th scope="col" class="num">"Words"</th>
                        <th scope="col" class="num">"Share"</th>
                        <th scope="col" class="num">"Direct"</th>
                        <th scope="col" class="num">"Partial"</th>
                        <th scope="col">"Cues"</th>
                    </tr>
                </thead>
                <tbody><For each=people key=key children=row />{unattributed}</tbody>
            </table>
        </div>
    }
}

/// The claims without evidence: the open article's, each opening its card.
#[component]
fn Unevidenced(open_tally: Memo<Tally>, data: Memo<Insights>, pick: Callback<Filter>) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let items = move || {
        open_tally.with(|t| {
            t.unevidenced
                .iter()
                .take(20)
                .map(|u| {
                    let id = u.id.clone();
                    view! {
                        <li>
                            <button type="button" class="link-button" on:click=move |_| {
                                ctx.ui.dialog.set(Dialog::Closed);
                                ctx.ui.sheet_open.set(true);
                                ctx.ui.open_annotation(&id);
                            }>{shorten(&u.text, 90)}</button>
                            <span class="muted">{format!(" · {}", u.status.label())}</span>
                        </li>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <section class="insight" aria-labelledby="unevidenced-title">
            <div class="insight-head">
                <h3 id="unevidenced-title">"Claims without evidence"</h3>
                <Show when=move || open_tally.with(|t| !t.unevidenced.is_empty())>
                    <button type="button" class="link-button" on:click=move |_| pick.run(Filter::only(|f| f.unevidenced = true))>
                        "List them"
                    </button>
                </Show>
            </div>
            <p class="insight-empty" data-testid="unevidenced-count">
                {move || {
                    let all = data.with(|i| i.unevidenced);
                    let here = open_tally.with(|t| t.unevidenced.len());
                    if data.with(|i| i.claims == 0) { "No claim has been tagged yet.".to_string() } else if all == 0 { "Every claim has evidence.".to_string() } else if all == here { format!("{} without evidence yet.", count(all, "claim", "claims")) } else { format!("{} without evidence in the library, {here} in this article.", count(all, "claim", "claims")) }
                }}
            </p>
            <ul class="unevidenced">{items}</ul>
        </section>
    }
}

/// One row per quote and claim of every article, for spreadsheets and scripts.
#[component]
fn ResearchExport() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let bom = RwSignal::new(true);
    view! {
        <section class="insight export-box" aria-labelledby="research-title">
            <h3 id="research-title">"Research export"</h3>
            <p class="dialog-note">
                "Every quote and claim in every article of the library, one row each: article, date, source, speaker, role, cue, form, text, offsets, status and evidence."
            </p>
            <label class="check">
                <input type="checkbox" prop:checked=move || bom.get() on:change=move |ev| bom.set(event_target_checked(&ev)) />
                "Mark the file as UTF-8 for Excel (byte order mark)"
            </label>
            <div class="dialog-actions left">
                <button type="button" data-testid="export-research-csv" on:click=move |_| insights::export_research(&ctx, Research::Csv { bom: bom.get_untracked() })>
                    "Download CSV"
                </button>
                <button type="button" data-testid="export-research-jsonl" on:click=move |_| insights::export_research(&ctx, Research::JsonLines)>
                    "Download JSON Lines"
                </button>
            </div>
        </section>
    }
}

/// Says when a URL field holds something that is not an http(s) URL.
fn bad_url(value: String) -> Option<impl IntoView> {
    let v = value.trim();
    (!v.is_empty() && !quotemark_core::url::is_http_url(v))
        .then(|| view! { <small class="form-error" role="alert">"Not used: a URL must start with https:// or http://"</small> })
}

/// How the app's verdicts read on `scale`: `Supported → True (5) · Disputed → Mixed (3) · …`.
fn mapping(scale: Scale) -> String {
    [ClaimStatus::Supported, ClaimStatus::Disputed, ClaimStatus::False]
        .iter()
        .filter_map(|s| {
            let r = scale.rating(*s)?;
            Some(match r.value {
                Some(v) => format!("{} → {} ({v})", s.label(), r.name),
                None => format!("{} → {}", s.label(), r.name),
            })
        })
        .collect::<Vec<_>>()
        .join(" · ")
}

/// The article's verdicts as ClaimReview, with the publisher's settings and what is missing.
#[component]
fn ClaimReviewExport() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let reviews = Memo::new(move |_| {
        let r = insights::claim_reviews(&ctx);
        (r.publishable(), r.reviews.len(), r.checks)
    });
    let settings = ctx.audit.review;
    let edit = move |change: fn(&mut ReviewSettings, String)| {
        move |ev: web_sys::Event| {
            let mut s = settings.get_untracked();
            change(&mut s, event_target_value(&ev));
            insights::set_review_settings(&ctx, s);
        }
    };
    let checks = move || {
        reviews.with(|(_, _, checks)| {
            checks
                .iter()
                .map(|c| {
                    let required: Vec<&str> = c.missing.iter().filter(|m| m.required).map(|m| m.message).collect();
                    let recommended: Vec<&str> = c.missing.iter().filter(|m| !m.required).map(|m| m.message).collect();
                    let state = match (c.rating, required.is_empty()) {
                        (None, _) => "Not exported".to_string(),
                        (Some(r), true) => format!("{r} · ready"),
                        (Some(r), false) => format!("{r} · not publishable"),
                    };
                    view! {
                        <li data-testid="claimreview-check">
                            <span class="check-text">{shorten(&c.text, 80)}</span>
                            <span class="check-state" class:ready=c.rating.is_some() && required.is_empty()>{state}</span>
                            {(!required.is_empty()).then(|| view! { <span class="check-missing" class:muted=c.rating.is_none()>{format!("Required: {}", required.join("; "))}</span> })}
                            {(!recommended.is_empty()).then(|| view! { <span class="check-missing muted">{format!("Recommended: {}", recommended.join("; "))}</span> })}
                        </li>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <section class="insight export-box" aria-labelledby="claimreview-title">
            <h3 id="claimreview-title">"Fact-checks as ClaimReview"</h3>
            <p class="dialog-note">
                "Claims marked Supported, Disputed or False become schema.org ClaimReview JSON-LD for your fact-check page; only those ready to publish are downloaded. Google is phasing these results out of Search; the Fact Check Explorer and other tools still read them."
            </p>
            <div class="form-grid">
                <label>"Reviewer (you or your desk)"
                    <input type="text" prop:value=move || settings.with(|s| s.reviewer.clone()) on:change=edit(|s, v| s.reviewer = v) />
                </label>
                <label>"Reviewer’s site (optional)"
                    <input type="url" placeholder="https://" prop:value=move || settings.with(|s| s.reviewer_url.clone()) on:change=edit(|s, v| s.reviewer_url = v) />
                    {move || bad_url(settings.with(|s| s.reviewer_url.clone()))}
                </label>
                <label>"Fact-check page URL"
                    <input type="url" placeholder="https://" prop:value=move || settings.with(|s| s.review_url.clone()) on:change=edit(|s, v| s.review_url = v) />
                    {move || bad_url(settings.with(|s| s.review_url.clone()))}
                </label>
                <label>"Rating scale"
                    <select on:change=edit(|s, v| s.scale = Scale::from_key(&v).unwrap_or_default()) prop:value=move || settings.with(|s| s.scale.key())>
                        {Scale::ALL.iter().map(|s| view! { <option value=s.key() selected=move || settings.with(|x| x.scale == *s)>{s.label()}</option> }).collect_view()}
                    </select>
                    <small class="field-note" data-testid="scale-mapping">{move || mapping(settings.with(|s| s.scale))}</small>
                </label>
            </div>
            <p class="insight-empty" data-testid="claimreview-summary">
                {move || reviews.with(|(ready, with_verdict, checks)| format!("{ready} of {} ready to publish ({with_verdict} with a verdict).", count(checks.len(), "claim", "claims")))}
            </p>
            <ul class="checks">{checks}</ul>
            <div class="dialog-actions left">
                <button type="button" class="primary" data-testid="export-claimreview" disabled=move || reviews.with(|r| r.0 == 0) on:click=move |_| insights::export_claim_reviews(&ctx)>
                    "Download ClaimReview JSON-LD"
                </button>
            </div>
        </section>
    }
}
