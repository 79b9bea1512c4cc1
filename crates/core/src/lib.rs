//! # quotemark-core
//!
//! The part of Quotemark that needs no browser: articles and their identity, the annotation model
//! with undoable commands, and (in later modules) anchoring, overlap segmentation, the W3C Web
//! Annotation file format and merge. It depends on serde and small pure crates only, compiles
//! natively and for `wasm32-unknown-unknown`, and is tested natively.
//!
//! Offsets everywhere are **Unicode code points** into a document's normalised text, as in the W3C
//! `TextPositionSelector`. The app converts to and from UTF-16 (the DOM's unit) at its DOM bridge.
//!
//! ```
//! use quotemark_core::document::Document;
//! let doc = Document::from_raw("date 2017-06-05 “We will act,” she said.");
//! assert_eq!(doc.date.unwrap().to_long(), "5 June 2017");
//! assert_eq!(doc.text, "“We will act,” she said.");
//! ```

pub mod agreement;
pub mod anchor;
pub mod claimreview;
pub mod document;
pub mod filter;
pub mod format;
pub mod insights;
pub mod merge;
pub mod model;
pub mod offsets;
pub mod order;
pub mod people;
pub mod reader;
pub mod report;
pub mod segment;
pub mod share;
pub mod table;
pub mod suggest;
pub mod url;

pub use suggest::lexicon::Fnv;

/// The reference article that Quotemark opens by default (a 2017 news story).
pub const SAMPLE_ARTICLE: &str = include_str!("../../../assets/sample-article.txt");
