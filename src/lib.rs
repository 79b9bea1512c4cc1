//! Quotemark: an in-browser annotator for news articles.
//!
//! Data flows one way: views ([`components`]) render the state and call [`actions`]; actions
//! change the [`state`] through its methods and save through [`persist`], the one storage
//! adapter. [`bridge`] maps DOM selections to text offsets, [`browser`] wraps the rest of the
//! browser, [`keyboard`] holds the shortcuts, [`text`] the helpers for displayed text and [`later`]
//! the work whose code is downloaded on first use (the module's split points). All
//! logic that needs no browser lives in the core and store crates. This file wires them together
//! and is the only module that uses the components.

pub mod actions;
pub mod bridge;
pub mod browser;
pub mod components;
pub mod keyboard;
pub mod later;
pub mod persist;
pub mod state;
pub mod text;

use actions::{documents, import, Ctx};
use components::article::ArticleView;
use components::emphasis::Emphasis;
use components::header::Header;
use components::insights::InsightsDialog;
use components::io::{DropZone, ImportDialog};
use components::library::LibraryDialog;
use components::notices::{Announcer, ShortcutsOverlay, StorageBanner, Toast};
use components::panel::AnnotationPanel;
use components::toolbar::{OverlapChooser, SelectionToolbar};
use leptos::prelude::*;
use std::rc::Rc;

/// The whole app on the browser's local storage (memory if that is unavailable).
#[component]
pub fn App() -> impl IntoView {
    view! { <AppWith store=persist::open_store() /> }
}

/// The whole app: header, article column and annotation panel, on a given store.
#[component]
pub fn AppWith(store: Rc<dyn persist::Store>) -> impl IntoView {
    let ctx = Ctx::start(store);
    ctx.provide();
    leptos::task::spawn_local(persist::readers::preload());
    // The URL names the open document; a share link opens in the import preview.
    documents::follow_hash(&ctx);
    import::open_share_link(&ctx);
    actions::offline::start(&ctx);
    Effect::new(move |_| browser::set_title(&ctx.doc.document.with(|d| format!("{} · Quotemark", d.title))));
    listen_to_the_window(ctx);

    view! {
        <Emphasis />
        <a class="skip-link" href="#article">
            "Skip to article"
        </a>
        <Header />
        <StorageBanner />
        <div class="layout">
            <ArticleView />
            <AnnotationPanel />
        </div>
        <SelectionToolbar />
        <OverlapChooser />
        <ShortcutsOverlay />
        <ImportDialog />
        <LibraryDialog />
        <InsightsDialog />
        <DropZone />
        <Toast />
        <Announcer />
    }
}

/// Shown instead of the app when something is stored but the part of Quotemark that reads it
/// could not be downloaded: the pre-rendered article stays, nothing stored was touched, and Try
/// again loads the page again.
#[component]
pub fn CannotStart() -> impl IntoView {
    view! {
        <div class="banner warning cannot-start" role="alert" data-testid="cannot-start">
            <p>
                "Quotemark could not finish starting: a part of it could not be downloaded, so your saved work could not be read. Nothing was changed."
            </p>
            <button type="button" class="banner-action" on:click=|_| browser::reload()>
                "Try again"
            </button>
        </div>
    }
}

/// Keys, leaving the page, the URL's fragment and history, and other tabs' writes.
fn listen_to_the_window(ctx: Ctx) {
    let keys = window_event_listener(leptos::ev::keydown, move |ev| keyboard::on_keydown(&ctx, &ev));
    // A save still pending when the page goes away is written at once.
    let hide = window_event_listener(leptos::ev::pagehide, move |_| actions::save::flush(&ctx));
    // A share link opened in a tab that already shows Quotemark changes only the fragment.
    let hash = window_event_listener(leptos::ev::hashchange, move |_| {
        documents::follow_hash(&ctx);
        import::open_share_link(&ctx);
    });
    // Back and forward between documents.
    let back = window_event_listener(leptos::ev::popstate, move |_| documents::follow_hash(&ctx));
    // Another tab on the same document changed an annotation.
    let tabs = window_event_listener(leptos::ev::storage, move |ev| {
        if let Some(key) = ev.key() {
            actions::insights::apply_external(&ctx, &key);
            actions::offline::apply_external(&ctx, &key, ev.new_value().as_deref());
            actions::annotations::apply_external(&ctx, &key, ev.new_value().as_deref());
        }
    });
    on_cleanup(move || {
        keys.remove();
        hide.remove();
        hash.remove();
        back.remove();
        tabs.remove();
    });
}
