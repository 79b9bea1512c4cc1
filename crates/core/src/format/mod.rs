//! The Quotemark file format: W3C Web Annotation JSON-LD, versioned, with an extension namespace.
//!
//! A Quotemark file is a W3C [`AnnotationCollection`](https://www.w3.org/TR/annotation-model/#annotation-collection)
//! whose single embedded `AnnotationPage` holds one W3C `Annotation` per quote or claim, plus the
//! annotated document (by default with its text, so that a shared file opens on its own). Quote and
//! claim fields travel in bodies with W3C purposes (`tagging`, `describing`, `assessing`,
//! `commenting`, `linking`); what W3C has no term for lives in the extension namespace
//! [`QM_NAMESPACE`] under the prefix `qm:`. `docs/FORMAT.md` describes every field, the versions
//! and what is accepted from other tools.
//!
//! * [`export`] writes a file (pretty JSON, annotations in document order, byte-for-byte
//!   deterministic).
//! * [`import`] reads our files of every version (version 1 is migrated) and plain W3C
//!   annotations from other tools (a single annotation, an array, an `AnnotationPage`, an
//!   `AnnotationCollection`, Hypothesis and Recogito shapes). It validates everything first and
//!   either returns all annotations or an [`ImportError`] naming the place and the reason.
//! * [`export_library`] writes a backup of the whole library (one such file per article, in a
//!   `qm:Library`), and [`read`] reads it as well as everything [`import`] reads.
//!
//! Export then import gives back every field: ids, offsets, kind fields, note, tags, timestamps.
//!
//! ```
//! use quotemark_core::document::Document;
//! use quotemark_core::format::{export, import, ExportOptions, FileFormat};
//! use quotemark_core::model::*;
//!
//! let doc = Document::from_raw("“We will act,” she said.");
//! let mut quote = Annotation::new(
//!     AnnotationId::from_random_bytes([1; 16]),
//!     Target::new(&doc.id.0, 0, 14, "“We will act,”", "", " she said."),
//!     Kind::Quote(Quote { speaker: "she".into(), cue: Some("said".into()), ..Quote::default() }),
//!     Timestamp(1_496_620_800_000),
//! );
//! quote.tags.push("security".into());
//! let set: AnnotationSet = [quote.clone()].into_iter().collect();
//!
//! let json = export(&doc, &set, &ExportOptions::default());
//! assert!(json.contains("\"qm:formatVersion\": 2"));
//!
//! let imported = import(&json).unwrap();
//! assert_eq!(imported.format, FileFormat::Quotemark { version: 2 });
//! assert_eq!(imported.annotations, vec![quote]);
//! assert_eq!(imported.document.unwrap().to_document(), Some(doc));
//!
//! let err = import(r#"{"type": "Annotation", "target": {"selector": {"type": "TextPositionSelector", "start": 40, "end": 12}}}"#)
//!     .unwrap_err();
//! assert_eq!(err.to_string(), "target.selector: TextPositionSelector end (12) is before start (40)");
//! ```

mod annotation;
mod collector;
mod document;
mod error;
mod export;
mod fields;
mod import;
mod json;
mod legacy;
mod library;

pub use error::{ImportError, ImportErrorKind};
pub use export::{export, export_with_roles};
pub use import::{import, read};
pub use library::{export_library, ImportedLibrary, LIBRARY_TYPE};
/// The URL check for evidence links; the same as [`crate::url::is_http_url`].
pub use crate::url::is_http_url;

use crate::document::{Date, Document, DocumentId};
use crate::model::{Annotation, AnnotationSet};

/// The format version [`export`] writes, in `qm:formatVersion`.
pub const FORMAT_VERSION: u32 = 2;

/// The oldest format version [`import`] reads.
pub const OLDEST_FORMAT_VERSION: u32 = 1;

/// The W3C Web Annotation JSON-LD context, first in every file's `@context`.
pub const W3C_CONTEXT: &str = "http://www.w3.org/ns/anno.jsonld";

/// The IRI of Quotemark's extension vocabulary, bound to the prefix `qm:` in every file's
/// `@context`. It names terms; it is not meant to be fetched.
pub const QM_NAMESPACE: &str = "https://quotemark.example/ns#";

/// The media type to offer an export under (the W3C Web Annotation profile of JSON-LD).
pub const MEDIA_TYPE: &str = "application/ld+json;profile=\"http://www.w3.org/ns/anno.jsonld\"";

/// How much of the document an export carries.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum DocumentDetail {
    /// Id, title, date, source and the full text: the file opens on its own.
    #[default]
    Full,
    /// Id, title and source only: for sharing annotations on an article the recipient already has.
    Reference,
}

/// Options for [`export`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ExportOptions {
    /// How much of the document to include; [`DocumentDetail::Full`] by default.
    pub document: DocumentDetail,
}

/// Which kind of file an import read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileFormat {
    /// A Quotemark file of the given format version (older versions are migrated on import).
    Quotemark {
        /// The version the file was written in.
        version: u32,
    },
    /// W3C Web Annotation JSON from another tool (or from Quotemark without `qm:formatVersion`).
    WebAnnotation,
}

/// The document described by an imported Quotemark file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportedDocument {
    /// The content id, checked against the text when the text is included.
    pub id: DocumentId,
    /// The title.
    pub title: String,
    /// The article's date, when the file has it.
    pub date: Option<Date>,
    /// Where the article came from, when the file has it.
    pub source: Option<String>,
    /// The normalised text, when the file includes it ([`DocumentDetail::Full`]).
    pub text: Option<String>,
    /// The roles the exporting reader gave the article's quoted people (`qm:speakerRoles`).
    pub roles: crate::insights::Roles,
}

impl ImportedDocument {
    /// The document itself, when the file carries its text.
    pub fn to_document(&self) -> Option<Document> {
        let text = self.text.clone()?;
        Some(Document {
            id: self.id.clone(),
            title: self.title.clone(),
            date: self.date,
            source: self.source.clone(),
            text,
        })
    }
}

/// What [`import`] read: the annotations in file order and, for Quotemark files, the document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Imported {
    /// Which kind of file it was.
    pub format: FileFormat,
    /// The document, for Quotemark files; `None` for other tools' annotations.
    pub document: Option<ImportedDocument>,
    /// Every annotation, in file order. Ids are unique.
    pub annotations: Vec<Annotation>,
}

impl Imported {
    /// The annotations as a set (ids are unique, so none is lost).
    pub fn annotation_set(&self) -> AnnotationSet {
        self.annotations.iter().cloned().collect()
    }
}

/// What [`read`] read: one article's annotations, or a backup of a whole library.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportedFile {
    /// One article's annotations (what [`import`] returns).
    Annotations(Imported),
    /// A backup of a whole library ([`export_library`]).
    Library(ImportedLibrary),
}
