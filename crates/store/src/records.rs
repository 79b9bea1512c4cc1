//! One annotation's record (as a change record holds it, or a set keeps it whole), and laying
//! change records over a set ([`lay_over`]). Uses [`crate::text_index`] and [`crate::error`].
//!
//! An annotation made in Quotemark quotes the text at its position, with context taken from the
//! text either side. Such a target is stored as four numbers: `{"s":start,"e":end,"p":prefix
//! length,"x":suffix length}` (plus `"src"` when its source is not the document's id), and
//! [`decode_annotation`] cuts the quote and its context back out of the text. Any other target
//! (an imported one with only a quote or only a position, a quote that no longer matches the text)
//! is stored in full under `"target"`, verbatim. Either way `decode(encode(a)) == a`. The rest of
//! the record is the model's JSON of the annotation: `id`, `kind` and that kind's fields, `note`,
//! `tags`, `created`, `modified`.
//!
//! A document's annotations are its set with its change records laid over it: a change record
//! replaces the set's annotation of that id (or adds one), a `null` change removes it. Removing a
//! change record (when the app compacts them into the set) therefore never means "deleted"; only
//! a `null` value does.

use crate::error::StoreError;
use crate::text_index::TextIndex;
use quotemark_core::model::{
    Annotation, AnnotationId, Claim, ClaimStatus, ClaimType, Evidence, Kind, Quote, QuoteForm,
    Substr, Target, TextPositionSelector, TextQuoteSelector, Timestamp,
};
use serde::{Deserialize, Serialize};

/// An annotation record as written: the model's fields side by side (no flattening, so that
/// reading and writing need no intermediate buffer), and the target compact or in full.
#[derive(Serialize)]
pub(crate) struct AnnotationOut<'a> {
    id: &'a AnnotationId,
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    speaker: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    speaker_canonical: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    cue: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    form: Option<QuoteForm>,
    #[serde(rename = "claimType", skip_serializing_if = "Option::is_none")]
    claim_type: Option<ClaimType>,
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<ClaimStatus>,
    #[serde(skip_serializing_if = "Option::is_none")]
    evidence: Option<&'a [Evidence]>,
    #[serde(skip_serializing_if = "str::is_empty")]
    note: &'a str,
    #[serde(skip_serializing_if = "<[Substr]>::is_empty")]
    tags: &'a [Substr],
    created: Timestamp,
    modified: Timestamp,
    #[serde(skip_serializing_if = "Option::is_none")]
    s: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    e: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    p: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    x: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    src: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    target: Option<&'a Target>,
}

impl<'a> AnnotationOut<'a> {
    pub(crate) fn new(a: &'a Annotation, text: &TextIndex) -> AnnotationOut<'a> {
        let mut out = AnnotationOut {
            id: &a.id,
            kind: a.kind.name(),
            speaker: None,
            speaker_canonical: None,
            cue: None,
            form: None,
            claim_type: None,
            status: None,
            evidence: None,
            note: &a.note,
            tags: &a.tags,
            created: a.created,
            modified: a.modified,
            s: None,
            e: None,
            p: None,
            x: None,
            src: None,
            target: None,
        };
        match &a.kind {
            Kind::Quote(q) => {
                out.speaker = Some(q.speaker.as_str());
                out.speaker_canonical = q.speaker_canonical.as_deref();
                out.cue = q.cue.as_deref();
                out.form = Some(q.form);
            }
            Kind::Claim(c) => {
                out.claim_type = Some(c.claim_type);
                out.status = Some(c.status);
                out.evidence = Some(&c.evidence);
            }
        }
        match text.compact(&a.target) {
            Some((s, e, p, x)) => {
                (out.s, out.e, out.p, out.x) = (Some(s), Some(e), Some(p), Some(x));
                out.src = (a.target.source != text.id().0).then_some(a.target.source.as_str());
            }
            None => out.target = Some(&a.target),
        }
        out
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "lowercase")]
enum KindTag {
    Quote,
    Claim,
}

/// An annotation record as read (named so in serde's messages: "expected struct AnnotationIn").
#[derive(Deserialize)]
pub(crate) struct AnnotationIn {
    id: AnnotationId,
    kind: KindTag,
    speaker: Option<Substr>,
    speaker_canonical: Option<Substr>,
    cue: Option<Substr>,
    form: Option<QuoteForm>,
    #[serde(rename = "claimType")]
    claim_type: Option<ClaimType>,
    status: Option<ClaimStatus>,
    evidence: Option<Vec<Evidence>>,
    #[serde(default)]
    note: String,
    #[serde(default)]
    tags: Vec<Substr>,
    created: Timestamp,
    modified: Timestamp,
    s: Option<usize>,
    e: Option<usize>,
    p: Option<usize>,
    x: Option<usize>,
    src: Option<Substr>,
    target: Option<Target>,
}

pub(crate) const ANNOTATION: &str = "a stored annotation";

impl AnnotationIn {
    pub(crate) fn into_annotation(self, text: &TextIndex) -> Result<Annotation, StoreError> {
        let r = self;
        let kind = match r.kind {
            KindTag::Quote => Kind::Quote(Quote {
                speaker: r.speaker.ok_or_else(|| {
                    StoreError::new(format!("not {ANNOTATION}: missing field `speaker`"))
                })?,
                speaker_canonical: r.speaker_canonical,
                cue: r.cue,
                form: r.form.unwrap_or_default(),
            }),
            KindTag::Claim => Kind::Claim(Claim {
                claim_type: r.claim_type.unwrap_or_default(),
                status: r.status.unwrap_or_default(),
                evidence: r.evidence.unwrap_or_default(),
            }),
        };
        let target = match (r.s, r.e, r.p, r.x, r.target) {
            (Some(s), Some(e), Some(p), Some(x), None) => {
                let out_of_range = || {
                    StoreError::new(format!(
                        "{ANNOTATION} whose offsets (s {s}, e {e}, p {p}, x {x}) do not fit the text ({} characters)",
                        text.len()
                    ))
                };
                let (prefix, exact, suffix) = e
                    .checked_sub(s)
                    .and_then(|len| text.cut_shared(s, len, p, x))
                    .ok_or_else(out_of_range)?;
                Target {
                    source: r.src.unwrap_or_else(|| text.source().clone()),
                    position: Some(TextPositionSelector { start: s, end: e }),
                    quote: Some(TextQuoteSelector {
                        exact,
                        prefix,
                        suffix,
                    }),
                }
            }
            (None, None, None, None, Some(target)) if r.src.is_none() => target,
            (None, None, None, None, None) => {
                return Err(StoreError::new(format!(
                    "not {ANNOTATION}: it has no target"
                )))
            }
            (_, _, _, _, None) => {
                return Err(StoreError::new(format!(
                    "not {ANNOTATION}: it needs all of \"s\", \"e\", \"p\" and \"x\""
                )))
            }
            (..) => {
                return Err(StoreError::new(format!(
                    "not {ANNOTATION}: it has both a compact and a full target"
                )))
            }
        };
        Ok(Annotation {
            id: r.id,
            target,
            kind,
            note: r.note,
            tags: r.tags,
            created: r.created,
            modified: r.modified,
        })
    }
}

/// Writes one annotation's record: id, kind and its fields (as the model's JSON has them), note,
/// tags, created, modified, and the target: compact (`"s"`, `"e"`, `"p"`, `"x"`, and `"src"` when
/// the source is not the text's id) when it quotes the text at its position with exactly the text
/// either side as context, otherwise in full under `"target"`.
pub fn encode_annotation(a: &Annotation, text: &TextIndex) -> String {
    // Cannot fail: string keys, no floats.
    serde_json::to_string(&AnnotationOut::new(a, text)).unwrap_or_default()
}

/// Reads one annotation's record against the text it was written for. A compact record whose
/// offsets do not fit the text is an error; a full target is taken verbatim.
pub fn decode_annotation(json: &str, text: &TextIndex) -> Result<Annotation, StoreError> {
    let r: AnnotationIn =
        serde_json::from_str(json).map_err(|e| StoreError::json(&e, json, ANNOTATION))?;
    r.into_annotation(text)
}

/// Writes a change record: the annotation's record, or `null` when it was deleted.
pub fn encode_change(a: Option<&Annotation>, text: &TextIndex) -> String {
    match a {
        Some(a) => encode_annotation(a, text),
        None => "null".to_string(),
    }
}

/// Reads a change record: `Some` annotation, or `None` for a deletion (`null`).
pub fn decode_change(json: &str, text: &TextIndex) -> Result<Option<Annotation>, StoreError> {
    if json.trim() == "null" {
        return Ok(None);
    }
    decode_annotation(json, text).map(Some)
}

/// A document's annotations as stored: its set with its change records laid over it, in the set's
/// order (annotations only in changes come after, in the order given). A change of an id the set
/// lacks adds that annotation; `None` removes it.
///
/// ```
/// use quotemark_core::model::*;
/// use quotemark_store::lay_over;
/// let a = |id: &str, note: &str| Annotation {
///     note: note.into(),
///     ..Annotation::new(AnnotationId(id.into()), Target::new("s", 0, 1, "x", "", ""), Kind::Claim(Claim::default()), Timestamp(1))
/// };
/// let set = vec![a("1", ""), a("2", ""), a("3", "")];
/// let changes = vec![(AnnotationId("2".into()), None), (AnnotationId("3".into()), Some(a("3", "edited"))), (AnnotationId("4".into()), Some(a("4", "")))];
/// let ids: Vec<_> = lay_over(set, changes).into_iter().map(|a| (a.id.0, a.note)).collect();
/// assert_eq!(ids, [("1".into(), "".into()), ("3".into(), "edited".into()), ("4".into(), "".into())]);
/// ```
pub fn lay_over(
    set: Vec<Annotation>,
    changes: impl IntoIterator<Item = (AnnotationId, Option<Annotation>)>,
) -> Vec<Annotation> {
    let mut changes: std::collections::HashMap<AnnotationId, Option<Annotation>> =
        changes.into_iter().collect();
    if changes.is_empty() {
        return set;
    }
    let mut out: Vec<Annotation> = set
        .into_iter()
        .filter_map(|a| match changes.remove(&a.id) {
            Some(change) => change,
            None => Some(a),
        })
        .collect();
    let mut added: Vec<Annotation> = changes.into_values().flatten().collect();
    quotemark_core::order::sort_by(&mut added, |a, b| a.id.cmp(&b.id));
    out.extend(added);
    out
}
