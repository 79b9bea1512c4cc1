//! What is loaded on first use: the split points of the module. Each function here is built into
//! a separate wasm chunk (scripts/wasm-split.mjs) that the browser fetches the first time it is
//! called, so a phone downloads and starts only what showing and annotating an article needs.
//!
//! Each is `async` and returns `Err(NotLoaded)` when its chunk could not be fetched (offline on a
//! first visit, a flaky network): the caller says so and nothing is lost; the next call tries
//! again. Built without the `split` feature (native and wasm-bindgen tests), they are ordinary
//! async functions that always succeed.
//!
//! The pure work is here (readers, suggestions, exports, imports); the views split off are the
//! dialogs' bodies, defined with `split_point!` next to their components and shown by
//! `components::later::Later`. A view in a chunk needs the split to keep wasm-bindgen's casts in
//! the main module, which scripts/wasm-split.mjs sees to (without it, the release build failed
//! with "function signature mismatch" on a chunk's first event handler; leptos-rs/leptos#4347).
//!
//! Written over `wasm_split_helpers` (the crate under Leptos' `#[lazy]`) rather than `#[lazy]`
//! itself: its `fallible` option turns a failed download into an error, where `#[lazy]` in
//! Leptos 0.8.23 panics, which would stop the whole app.

use crate::browser::{mark, measure};
use quotemark_core::document::Document;
use quotemark_core::format::{self, ExportOptions, ImportedFile};
use quotemark_core::claimreview::Reviews;
use quotemark_core::insights::{research_csv, research_jsonl, ArticleRef, Roles};
use quotemark_core::model::{AnnotationSet, Timestamp};
use quotemark_core::reader::{self, ReadArticle, SourceKind};
use quotemark_core::{report, share};
use std::collections::BTreeMap;
use quotemark_core::suggest::{self, Suggestion};

/// A chunk of the app could not be fetched.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NotLoaded;

impl NotLoaded {
    /// What to tell the user, naming what could not be done.
    pub fn message(self, what: &str) -> String {
        format!("{what} needs a part of Quotemark that could not be downloaded. Check the connection and try again.")
    }
}

impl From<wasm_split_helpers::SplitLoaderError> for NotLoaded {
    fn from(_: wasm_split_helpers::SplitLoaderError) -> Self {
        NotLoaded
    }
}

/// Defines a split point: `chunk: fn name(args) -> T { body }` becomes
/// `async fn name(args) -> Result<T, NotLoaded>`, the body in chunk `chunk`. The views use it too.
macro_rules! split_point {
    ($chunk:ident: $(#[$meta:meta])* pub fn $name:ident($($arg:ident: $ty:ty),* $(,)?) -> $ret:ty $body:block) => {
        $(#[$meta])*
        #[cfg(feature = "split")]
        #[wasm_split_helpers::wasm_split($chunk, fallible)]
        pub fn $name($($arg: $ty),*) -> Result<$ret, $crate::later::NotLoaded> {
            Ok($body)
        }

        $(#[$meta])*
        #[cfg(not(feature = "split"))]
        pub async fn $name($($arg: $ty),*) -> Result<$ret, $crate::later::NotLoaded> {
            Ok($body)
        }
    };
}
pub(crate) use split_point;

split_point! {
    readers:
    /// Reads an HTML page or a Markdown file (the readers and their entity tables); plain text
    /// needs no chunk ([`reader::read_text`]).
    pub fn read_rich(kind: SourceKind, input: String) -> ReadArticle {
        reader::read(kind, &input)
    }
}

split_point! {
    suggestions:
    /// Finds the quotes and claims to suggest in a text (the suggestion engine and its lexicon),
    /// timed as `quotemark:suggest` for the page benchmark (the download not included).
    pub fn suggest(text: String) -> Vec<Suggestion> {
        mark("quotemark:suggest-start");
        let found = suggest::suggest(&text);
        measure("quotemark:suggest", "quotemark:suggest-start");
        found
    }
}

/// The files the exports chunk writes of one article.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Export {
    /// Quotemark JSON (W3C Web Annotation), the document and the roles embedded.
    Json,
    /// One CSV row per annotation.
    Csv,
    /// A Markdown report of the quotes and claims.
    Markdown,
}

split_point! {
    exports:
    /// Writes an article's annotations as a file (serde_json, csv and the report writers).
    pub fn export(kind: Export, document: Document, annotations: AnnotationSet, roles: Roles) -> String {
        match kind {
            Export::Json => format::export_with_roles(&document, &annotations, &ExportOptions::default(), &roles),
            Export::Csv => report::to_csv(&document, &annotations),
            Export::Markdown => report::to_markdown(&document, &annotations),
        }
    }
}

split_point! {
    exports:
    /// A share link's fragment (compressed), and whether it carries the article's text too.
    pub fn share_fragment(document: Document, annotations: AnnotationSet) -> (String, bool) {
        share::fragment(&document, &annotations)
    }
}

split_point! {
    exports:
    /// The whole library as one backup file.
    pub fn export_library(
        articles: Vec<(Document, AnnotationSet)>,
        roles: Roles,
        versions: BTreeMap<String, String>,
        at: Timestamp,
    ) -> String {
        format::export_library(&articles, &roles, &versions, at)
    }
}

/// The research table's formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Research {
    /// CSV, with a byte-order mark for spreadsheets that need one.
    Csv { bom: bool },
    /// One JSON object per line.
    JsonLines,
}

split_point! {
    exports:
    /// One row per quote and claim of every article given.
    pub fn research_table(articles: Vec<(Document, AnnotationSet)>, roles: Roles, format: Research) -> String {
        let refs: Vec<ArticleRef> = articles.iter().map(|(document, set)| ArticleRef { document, set }).collect();
        match format {
            Research::Csv { bom } => research_csv(&refs, &roles, bom),
            Research::JsonLines => research_jsonl(&refs, &roles),
        }
    }
}

split_point! {
    exports:
    /// An article's publishable fact-checks as ClaimReview JSON-LD.
    pub fn claim_review_json(reviews: Reviews) -> String {
        reviews.to_json()
    }
}

split_point! {
    imports:
    /// Reads a Quotemark or W3C Web Annotation file, or a library backup; `Err` says what is wrong
    /// with it.
    pub fn read_import(json: String) -> Result<ImportedFile, String> {
        format::read(&json).map_err(|e| e.to_string())
    }
}

split_point! {
    imports:
    /// The JSON a share link's fragment carries (decompressed); `Err` says what is damaged.
    pub fn decode_share(payload: String) -> Result<String, String> {
        share::decode(&payload).map_err(|e| e.to_string())
    }
}
