//! A view whose code is downloaded on first use ([`crate::later`]): a dialog's body is built in
//! its own chunk. Until the chunk has arrived a quiet "Loading…" shows; if it cannot be
//! downloaded, a message says so with Try again, and the rest of the app goes on as before.

use crate::components::notices::focus_first;
use crate::later::NotLoaded;
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use std::future::Future;
use wasm_bindgen::JsCast;

/// Shows what `load` builds once its chunk is there. `what` names the feature for the message;
/// `fallback`, if given, shows instead of "Loading…" while the chunk is on its way.
#[component]
pub fn Later<F, Fut>(load: F, what: &'static str, #[prop(optional, into)] fallback: Option<ViewFn>) -> impl IntoView
where
    F: Fn() -> Fut + Copy + Send + Sync + 'static,
    Fut: Future<Output = Result<AnyView, NotLoaded>> + 'static,
{
    let attempt = RwSignal::new(0u32);
    let fallback = fallback.unwrap_or_else(|| ViewFn::from(loading));
    view! {
        <Suspense fallback=move || fallback.run()>
            {move || {
                attempt.track();
                // Wasm has one thread: the future never leaves it.
                Suspend::new(SendWrapper::new(async move {
                    match load().await {
                        Ok(view) => {
                            // In a dialog that had only itself to focus while this loaded (or
                            // lost the focus with the Try again button): its first field now.
                            request_animation_frame(|| {
                                let doc = document();
                                let dialog = doc.query_selector(".dialog").ok().flatten();
                                let Some(dialog) = dialog.and_then(|d| d.dyn_into::<web_sys::HtmlElement>().ok()) else { return };
                                let active = doc.active_element();
                                let lost = active.as_ref().is_none_or(|a| a.tag_name() == "BODY" || a == dialog.unchecked_ref::<web_sys::Element>());
                                if lost {
                                    focus_first(&dialog);
                                }
                            });
                            view
                        }
                        Err(e) => {
                            view! {
                                <p class="form-error later-failed" role="alert">
                                    {e.message(what)}
                                    " "
                                    <button type="button" on:click=move |_| attempt.update(|n| *n += 1)>
                                        "Try again"
                                    </button>
                                </p>
                            }
                                .into_any()
                        }
                    }
                }))
            }}
        </Suspense>
    }
}

/// The quiet "Loading…" shown while a chunk is on its way.
pub fn loading() -> impl IntoView {
    view! {
        <p class="progress" role="status">
            <span class="spinner" aria-hidden="true"></span>
            "Loading…"
        </p>
    }
}
