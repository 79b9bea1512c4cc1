//! Quotemark: an in-browser annotator for news articles.
//!
//! The app is a thin Leptos shell over [`quotemark_core`]: one component per panel under
//! [`components`]. All logic that needs no browser lives in the core crate.

pub mod components;

use components::{article::ArticleView, header::Header, panel::AnnotationPanel};
use leptos::prelude::*;
use quotemark_core::document::Document;

/// The document being read, shared with every panel.
#[derive(Clone, Copy)]
pub struct OpenDocument(pub RwSignal<Document>);

/// The whole app: header, article column and annotation panel, opening the built-in sample.
#[component]
pub fn App() -> impl IntoView {
    let document = RwSignal::new(Document::from_raw(quotemark_core::SAMPLE_ARTICLE));
    provide_context(OpenDocument(document));
    Effect::new(move |_| {
        let title = document.with(|d| format!("{} · Quotemark", d.title));
        if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
            doc.set_title(&title);
        }
    });

    view! {
        <a class="skip-link" href="#article">"Skip to article"</a>
        <Header />
        <div class="layout">
            <ArticleView />
            <AnnotationPanel />
        </div>
    }
}
