//! Reading the records of versions 1 and 2, which the app moves to version 3 when it starts (and
//! removes their keys once the new ones are written). Uses [`crate::document`] and [`crate::error`].
//!
//! Version 2 kept one key per annotation (`quotemark.v2.a.<32 hex>.<id>`, the same record as a
//! change record) beside `quotemark.v2.doc.<32 hex>` and `quotemark.v2.current`; version 1 kept
//! each document and its annotations in one value (see [`migrate_v1`]).

use crate::document::{check_id, decode_document_version};
use crate::error::{check_version, StoreError};
use quotemark_core::document::Document;
use quotemark_core::model::{Annotation, Timestamp};
use serde::Deserialize;
use std::collections::HashSet;

/// Reads a version 2 document record (the same shape as version 3's), for migration.
pub fn decode_v2_document(json: &str) -> Result<(Document, Timestamp), StoreError> {
    decode_document_version(json, 2)
}

#[derive(Deserialize)]
struct V1In {
    document: Document,
    annotations: Vec<Annotation>,
}

/// Reads a version 1 record (the value of a [`is_v1_document_key`](crate::is_v1_document_key) key):
/// `{"version":1,"document":{id,title,date?,source?,text},"annotations":[…]}` with annotations in
/// the model's JSON. Checks the version, the document id against its text, and that annotation
/// ids are unique; targets are kept verbatim.
///
/// ```
/// use quotemark_core::document::Document;
/// use quotemark_store::migrate_v1;
/// let doc = Document::from_raw("Ministers met.");
/// let v1 = format!(r#"{{"version":1,"document":{},"annotations":[]}}"#, serde_json::to_string(&doc).unwrap());
/// assert_eq!(migrate_v1(&v1).unwrap(), (doc, vec![]));
/// assert_eq!(
///     migrate_v1(r#"{"version":3}"#).unwrap_err().to_string(),
///     "unknown version 3 (this version of Quotemark reads version 1)"
/// );
/// ```
pub fn migrate_v1(json: &str) -> Result<(Document, Vec<Annotation>), StoreError> {
    const WHAT: &str = "a version 1 record";
    check_version(json, 1, WHAT)?;
    let record: V1In = serde_json::from_str(json).map_err(|e| StoreError::json(&e, json, WHAT))?;
    check_id(&record.document)?;
    let mut seen = HashSet::new();
    for a in &record.annotations {
        if !seen.insert(&a.id) {
            return Err(StoreError::new(format!(
                "not {WHAT}: annotation {} appears twice",
                a.id
            )));
        }
    }
    Ok((record.document, record.annotations))
}
