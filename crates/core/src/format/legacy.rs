//! Format version 1, the first shape Quotemark wrote, and its migration to the current model.
//!
//! ```json
//! { "version": 1,
//!   "document": { "id": "sha256:…", "title": "…", "date": "2017-06-05", "source": "…", "text": "…" },
//!   "annotations": [
//!     { "id": "…", "kind": "quote", "start": 4, "end": 9, "quote": "hello", "prefix": "", "suffix": "",
//!       "speaker": "…", "speakerCanonical": "…", "cue": "said", "form": "direct",
//!       "note": "…", "tags": ["…"], "created": 1496620800000, "modified": 1496620800000 },
//!     { "id": "…", "kind": "claim", "start": 20, "end": 31, "quote": "…",
//!       "claimType": "statistic", "status": "needs-source",
//!       "evidence": [{ "url": "https://…", "note": "…" }],
//!       "created": 1496620800000, "modified": 1496620800000 } ] }
//! ```
//!
//! Version 1 was flat: offsets and quote on the annotation, timestamps in milliseconds since 1970,
//! and every annotation on the file's document. Migration builds a target with both selectors
//! whose source is the document id. Uses [`super::fields`], [`super::collector`] and
//! [`super::document`], as the current format's reader does.

use super::collector::{Collector, Ctx};
use super::document::{document, DocumentKeys};
use super::error::{quoted, Path};
use super::fields::{check_span, evidence_url, offset, opt_enum, opt_str, opt_strings, req_str, R};
use super::json::{Json as Value, Object};
use super::{FileFormat, Imported};
use crate::model::{
    Annotation, AnnotationId, Claim, ClaimStatus, ClaimType, Evidence, Kind, Quote, QuoteForm, Substr, Target, Timestamp,
};

/// Reads a version 1 file (the caller has checked the version).
pub(crate) fn import_v1(m: &Object, p: &Path) -> R<Imported> {
    let doc_value = m.get("document").ok_or_else(|| p.invalid("missing \"document\""))?;
    let document = document(doc_value, &p.key("document"), &DocumentKeys::V1)?;
    let text_len = document.text.as_ref().map(|t| t.chars().count());
    let items = match m.get("annotations") {
        Some(Value::Array(items)) => items,
        Some(other) => return Err(p.key("annotations").expected("an array of annotations", other)),
        None => return Err(p.invalid("missing \"annotations\"")),
    };
    let mut c = Collector::new(Ctx { strict: true, text_len, doc_id: None });
    let list = p.key("annotations");
    for (i, item) in items.iter().enumerate() {
        let at = list.index(i);
        let a = annotation_v1(item, &at, &c.ctx, &document.id.0)?;
        c.push(a, &at)?;
    }
    Ok(Imported { format: FileFormat::Quotemark { version: 1 }, document: Some(document), annotations: c.finish() })
}

fn annotation_v1(v: &Value, p: &Path, ctx: &Ctx, source: &str) -> R<Annotation> {
    let m = v.as_object().ok_or_else(|| p.expected("an annotation (an object)", v))?;
    let id = req_str(m, "id", p)?;
    if id.is_empty() {
        return Err(p.key("id").invalid("the id is empty"));
    }
    let start = offset(m, "start", p, "")?;
    let end = offset(m, "end", p, "")?;
    check_span(start, end, p, "", ctx.text_len)?;
    let exact = req_str(m, "quote", p)?;
    let prefix = opt_str(m, "prefix", p)?.unwrap_or("");
    let suffix = opt_str(m, "suffix", p)?.unwrap_or("");
    let kind = match req_str(m, "kind", p)? {
        "quote" => Kind::Quote(Quote {
            speaker: opt_str(m, "speaker", p)?.unwrap_or("").into(),
            speaker_canonical: opt_str(m, "speakerCanonical", p)?.map(Substr::from),
            cue: opt_str(m, "cue", p)?.map(Substr::from),
            form: opt_enum::<QuoteForm>(m, "form", p)?.unwrap_or_default(),
        }),
        "claim" => Kind::Claim(Claim {
            claim_type: opt_enum::<ClaimType>(m, "claimType", p)?.unwrap_or_default(),
            status: opt_enum::<ClaimStatus>(m, "status", p)?.unwrap_or_default(),
            evidence: evidence(m, p)?,
        }),
        other => {
            return Err(p.key("kind").invalid(format!("expected \"quote\" or \"claim\", found {}", quoted(other))))
        }
    };
    Ok(Annotation {
        id: AnnotationId(id.into()),
        target: Target::new(source, start, end, exact, prefix, suffix),
        kind,
        note: opt_str(m, "note", p)?.unwrap_or("").to_string(),
        tags: opt_strings(m, "tags", p)?.into_iter().map(Substr::from).collect(),
        created: millis(m, "created", p)?,
        modified: millis(m, "modified", p)?,
    })
}

fn evidence(m: &Object, p: &Path) -> R<Vec<Evidence>> {
    let items = match m.get("evidence") {
        None | Some(Value::Null) => return Ok(Vec::new()),
        Some(Value::Array(items)) => items,
        Some(other) => return Err(p.key("evidence").expected("an array", other)),
    };
    let list = p.key("evidence");
    items
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let at = list.index(i);
            let e = v.as_object().ok_or_else(|| at.expected("an object with \"url\" and \"note\"", v))?;
            let url = match opt_str(e, "url", &at)? {
                Some(u) => Some(evidence_url(u, &at.key("url"))?),
                None => None,
            };
            Ok(Evidence { url, note: opt_str(e, "note", &at)?.unwrap_or("").to_string() })
        })
        .collect()
}

/// A required timestamp in milliseconds since 1970.
fn millis(m: &Object, key: &str, p: &Path) -> R<Timestamp> {
    let v = m.get(key).ok_or_else(|| p.invalid(format!("missing \"{key}\"")))?;
    v.as_i64().map(Timestamp).ok_or_else(|| p.key(key).expected("milliseconds since 1970 (a whole number)", v))
}
