//! Writing files in the current format (version 2).
//!
//! The output is built from borrowed, derive-serialised structs rather than `serde_json::Value`, so
//! member order is fixed by declaration order whatever serde_json features a build enables.

use super::{DocumentDetail, ExportOptions, FORMAT_VERSION, QM_NAMESPACE, W3C_CONTEXT};
use crate::document::Document;
use crate::model::{Annotation, AnnotationSet, Claim, ClaimStatus, ClaimType, Kind, Quote, QuoteForm};
use crate::insights::Roles;
use crate::people::People;
use serde::Serialize;
use std::collections::BTreeMap;

/// Writes a document and its annotations as a Quotemark file: a W3C `AnnotationCollection` with
/// `qm:formatVersion` 2, pretty-printed JSON, annotations in document order. The same input always
/// gives the same bytes.
///
/// Every field of every annotation is written; [`super::import`] reads it back unchanged. Values
/// are written as the model holds them: the app only stores `http`/`https` evidence URLs and
/// timestamps between the years 0 and 9999, which is what `import` accepts.
///
/// ```
/// use quotemark_core::document::Document;
/// use quotemark_core::format::{export, import, DocumentDetail, ExportOptions};
/// use quotemark_core::model::AnnotationSet;
///
/// let doc = Document::from_raw("date 2017-06-05 Ministers met on Monday.");
/// let full = export(&doc, &AnnotationSet::default(), &ExportOptions::default());
/// assert!(full.contains("\"qm:text\": \"Ministers met on Monday.\""));
///
/// let reference = ExportOptions { document: DocumentDetail::Reference };
/// let short = export(&doc, &AnnotationSet::default(), &reference);
/// assert!(!short.contains("qm:text") && !short.contains("qm:date"));
/// assert_eq!(import(&short).unwrap().document.unwrap().id, doc.id);
/// ```
pub fn export(doc: &Document, set: &AnnotationSet, options: &ExportOptions) -> String {
    export_with_roles(doc, set, options, &Roles::default())
}

/// [`export`], with the roles the reader gave the article's quoted people as `qm:speakerRoles`
/// (fullest name → role key) in the document object.
///
/// ```
/// use quotemark_core::document::Document;
/// use quotemark_core::format::{export_with_roles, import, ExportOptions};
/// use quotemark_core::insights::Roles;
/// use quotemark_core::model::*;
/// let doc = Document::from_raw("“No,” said Amber Rudd.");
/// let quote = Annotation::new(
///     AnnotationId("q".into()),
///     Target::new(&doc.id.0, 0, 5, "“No,”", "", " said"),
///     Kind::Quote(Quote { speaker: "Amber Rudd".into(), ..Quote::default() }),
///     Timestamp(0),
/// );
/// let mut roles = Roles::default();
/// roles.set("Amber Rudd", Some(SpeakerRole::Official));
/// roles.set("Someone Else", Some(SpeakerRole::Expert));
/// let json = export_with_roles(&doc, &[quote].into_iter().collect(), &ExportOptions::default(), &roles);
/// assert!(json.contains("\"qm:speakerRoles\": {\n      \"Amber Rudd\": \"official\"\n    }"));
/// assert_eq!(import(&json).unwrap().document.unwrap().roles.get("Amber Rudd"), Some(SpeakerRole::Official));
/// ```
pub fn export_with_roles(doc: &Document, set: &AnnotationSet, options: &ExportOptions, roles: &Roles) -> String {
    // Serialising these structs cannot fail: every map key is a string and no value is a float.
    serde_json::to_string_pretty(&collection(doc, set, options, roles)).unwrap_or_default()
}

/// The file [`export_with_roles`] writes, before serialising (a library backup holds one per article).
pub(super) fn collection<'a>(doc: &'a Document, set: &'a AnnotationSet, options: &ExportOptions, roles: &Roles) -> File<'a> {
    let speaker_roles: BTreeMap<String, &'static str> = if roles.is_empty() {
        BTreeMap::new()
    } else {
        let people = People::of_annotations(set.iter());
        people.names().into_iter().filter_map(|n| Some((n.to_string(), roles.get(n)?.key()))).collect()
    };
    let full = options.document == DocumentDetail::Full;
    let items: Vec<Ann<'_>> = set.in_document_order().into_iter().map(annotation).collect();
    File {
        context: context(),
        id: format!("{}#annotations", doc.id),
        kind: "AnnotationCollection",
        version: FORMAT_VERSION,
        label: format!("Quotemark annotations on “{}”", doc.title),
        generator: GENERATOR,
        total: items.len(),
        document: Doc {
            id: &doc.id.0,
            kind: "Text",
            title: &doc.title,
            date: if full { doc.date.map(|d| d.to_iso()) } else { None },
            source: doc.source.as_deref(),
            text: if full { Some(&doc.text) } else { None },
            roles: speaker_roles,
        },
        first: Page { id: format!("{}#annotations-page-1", doc.id), kind: "AnnotationPage", start_index: 0, items },
    }
}

/// Every file's `@context`: the W3C context and the `qm:` prefix.
pub(super) fn context() -> (&'static str, Ext) {
    (W3C_CONTEXT, Ext { qm: QM_NAMESPACE })
}

/// Every file's `generator`.
pub(super) const GENERATOR: Generator = Generator { kind: "Software", name: "Quotemark" };

#[derive(Serialize)]
pub(super) struct File<'a> {
    #[serde(rename = "@context")]
    context: (&'static str, Ext),
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(rename = "qm:formatVersion")]
    version: u32,
    label: String,
    generator: Generator,
    total: usize,
    #[serde(rename = "qm:document")]
    document: Doc<'a>,
    first: Page<'a>,
}

#[derive(Serialize)]
pub(super) struct Ext {
    qm: &'static str,
}

#[derive(Serialize)]
pub(super) struct Generator {
    #[serde(rename = "type")]
    kind: &'static str,
    name: &'static str,
}

#[derive(Serialize)]
struct Doc<'a> {
    id: &'a str,
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(rename = "qm:title")]
    title: &'a str,
    #[serde(rename = "qm:date", skip_serializing_if = "Option::is_none")]
    date: Option<String>,
    #[serde(rename = "qm:source", skip_serializing_if = "Option::is_none")]
    source: Option<&'a str>,
    #[serde(rename = "qm:text", skip_serializing_if = "Option::is_none")]
    text: Option<&'a str>,
    #[serde(rename = "qm:speakerRoles", skip_serializing_if = "BTreeMap::is_empty")]
    roles: BTreeMap<String, &'static str>,
}

#[derive(Serialize)]
struct Page<'a> {
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(rename = "startIndex")]
    start_index: usize,
    items: Vec<Ann<'a>>,
}

#[derive(Serialize)]
struct Ann<'a> {
    id: &'a str,
    #[serde(rename = "type")]
    kind: &'static str,
    motivation: &'static str,
    created: String,
    modified: String,
    body: Vec<Body<'a>>,
    target: Tgt<'a>,
}

#[derive(Serialize)]
#[serde(untagged)]
enum Body<'a> {
    Text(TextBody<'a>),
    Quote(QuoteBody<'a>),
    Claim(ClaimBody),
    Link(LinkBody<'a>),
}

#[derive(Serialize)]
struct TextBody<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    purpose: &'static str,
    value: &'a str,
    #[serde(rename = "qm:kind", skip_serializing_if = "Option::is_none")]
    qm_kind: Option<&'static str>,
}

#[derive(Serialize)]
struct QuoteBody<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    purpose: &'static str,
    value: String,
    #[serde(rename = "qm:speaker")]
    speaker: &'a str,
    #[serde(rename = "qm:canonicalSpeaker", skip_serializing_if = "Option::is_none")]
    canonical: Option<&'a str>,
    #[serde(rename = "qm:cue", skip_serializing_if = "Option::is_none")]
    cue: Option<&'a str>,
    #[serde(rename = "qm:form")]
    form: QuoteForm,
}

#[derive(Serialize)]
struct ClaimBody {
    #[serde(rename = "type")]
    kind: &'static str,
    purpose: &'static str,
    value: String,
    #[serde(rename = "qm:claimType")]
    claim_type: ClaimType,
    #[serde(rename = "qm:status")]
    status: ClaimStatus,
}

#[derive(Serialize)]
struct LinkBody<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    purpose: &'static str,
    source: &'a str,
    #[serde(rename = "qm:note", skip_serializing_if = "Option::is_none")]
    note: Option<&'a str>,
}

#[derive(Serialize)]
struct Tgt<'a> {
    source: &'a str,
    selector: Vec<Sel<'a>>,
}

#[derive(Serialize)]
#[serde(untagged)]
enum Sel<'a> {
    Quote {
        #[serde(rename = "type")]
        kind: &'static str,
        exact: &'a str,
        #[serde(skip_serializing_if = "str::is_empty")]
        prefix: &'a str,
        #[serde(skip_serializing_if = "str::is_empty")]
        suffix: &'a str,
    },
    Position {
        #[serde(rename = "type")]
        kind: &'static str,
        start: usize,
        end: usize,
    },
}

fn text_body<'a>(purpose: &'static str, value: &'a str) -> Body<'a> {
    Body::Text(TextBody { kind: "TextualBody", purpose, value, qm_kind: None })
}

fn annotation(a: &Annotation) -> Ann<'_> {
    let mut body = Vec::with_capacity(3 + a.tags.len());
    let name = a.kind.name();
    body.push(Body::Text(TextBody { kind: "TextualBody", purpose: "tagging", value: name, qm_kind: Some(name) }));
    body.extend(a.tags.iter().map(|t| text_body("tagging", t)));
    let motivation = match &a.kind {
        Kind::Quote(q) => {
            body.push(Body::Quote(QuoteBody {
                kind: "TextualBody",
                purpose: "describing",
                value: quote_summary(q),
                speaker: &q.speaker,
                canonical: q.speaker_canonical.as_deref(),
                cue: q.cue.as_deref(),
                form: q.form,
            }));
            "classifying"
        }
        Kind::Claim(c) => {
            body.push(Body::Claim(ClaimBody {
                kind: "TextualBody",
                purpose: "assessing",
                value: claim_summary(c),
                claim_type: c.claim_type,
                status: c.status,
            }));
            for e in &c.evidence {
                body.push(match &e.url {
                    Some(url) => Body::Link(LinkBody {
                        kind: "SpecificResource",
                        purpose: "linking",
                        source: url,
                        note: (!e.note.is_empty()).then_some(e.note.as_str()),
                    }),
                    None => text_body("linking", &e.note),
                });
            }
            "assessing"
        }
    };
    if !a.note.is_empty() {
        body.push(text_body("commenting", &a.note));
    }
    let mut selector = Vec::with_capacity(2);
    if let Some(q) = &a.target.quote {
        selector.push(Sel::Quote { kind: "TextQuoteSelector", exact: &q.exact, prefix: &q.prefix, suffix: &q.suffix });
    }
    if let Some(p) = a.target.position {
        selector.push(Sel::Position { kind: "TextPositionSelector", start: p.start, end: p.end });
    }
    Ann {
        id: &a.id.0,
        kind: "Annotation",
        motivation,
        created: a.created.to_rfc3339(),
        modified: a.modified.to_rfc3339(),
        body,
        target: Tgt { source: &a.target.source, selector },
    }
}

/// A readable line for tools that only show a body's `value`, e.g.
/// `Direct quote by the Prime Minister (Theresa May), cue “said”`.
fn quote_summary(q: &Quote) -> String {
    let mut s = format!("{} quote by ", q.form.label());
    s.push_str(if q.speaker.is_empty() { "an unnamed speaker" } else { &q.speaker });
    if let Some(c) = q.speaker_canonical.as_deref().filter(|c| !c.is_empty() && *c != q.speaker) {
        s.push_str(&format!(" ({c})"));
    }
    if let Some(cue) = q.cue.as_deref().filter(|c| !c.is_empty()) {
        s.push_str(&format!(", cue “{cue}”"));
    }
    s
}

/// A readable line for tools that only show a body's `value`, e.g. `Statistic claim, needs a source`.
/// The wording is this summary's own prose, not the model's labels ([`ClaimType::label`]).
fn claim_summary(c: &Claim) -> String {
    let kind = match c.claim_type {
        ClaimType::Statistic => "Statistic claim",
        ClaimType::Causal => "Causal claim",
        ClaimType::Prediction => "Prediction",
        ClaimType::Comparison => "Comparison",
        ClaimType::Other => "Claim",
    };
    let status = match c.status {
        ClaimStatus::Unverified => "unverified",
        ClaimStatus::NeedsSource => "needs a source",
        ClaimStatus::Supported => "supported",
        ClaimStatus::Disputed => "disputed",
        ClaimStatus::False => "false",
    };
    format!("{kind}, {status}")
}
