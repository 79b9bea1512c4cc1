//! What is loaded on first use: the split points of the module. Each function here is built into
//! a separate wasm chunk (scripts/wasm-split.mjs) that the browser fetches the first time it is
//! called, so a phone downloads and starts only what showing and annotating an article needs.
//!
//! Each is `async` and returns `Err(NotLoaded)` when its chunk could not be fetched (offline on a
//! first visit, a flaky network): the caller says so and nothing is lost; the next call tries
//! again. Built without the `split` feature (native and wasm-bindgen tests), they are ordinary
//! async functions that always succeed.
//!
//! Written over `wasm_split_helpers` (the crate under Leptos' `#[lazy]`) rather than `#[lazy]`
//! itself: its `fallible` option turns a failed download into an error, where `#[lazy]` in
//! Leptos 0.8.23 panics, which would stop the whole app.

use crate::browser::{mark, measure};
use quotemark_core::reader::{self, ReadArticle, SourceKind};
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
/// `async fn name(args) -> Result<T, NotLoaded>`, the body in chunk `chunk`.
macro_rules! later {
    ($chunk:ident: $(#[$meta:meta])* pub fn $name:ident($($arg:ident: $ty:ty),* $(,)?) -> $ret:ty $body:block) => {
        $(#[$meta])*
        #[cfg(feature = "split")]
        #[wasm_split_helpers::wasm_split($chunk, fallible)]
        pub fn $name($($arg: $ty),*) -> Result<$ret, NotLoaded> {
            Ok($body)
        }

        $(#[$meta])*
        #[cfg(not(feature = "split"))]
        pub async fn $name($($arg: $ty),*) -> Result<$ret, NotLoaded> {
            Ok($body)
        }
    };
}

later! {
    readers:
    /// Reads an HTML page or a Markdown file (the readers and their entity tables); plain text
    /// needs no chunk ([`reader::read_text`]).
    pub fn read_rich(kind: SourceKind, input: String) -> ReadArticle {
        reader::read(kind, &input)
    }
}

later! {
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
