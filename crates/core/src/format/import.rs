//! Reading files: our versions and other tools' W3C annotations, validated at the `Value` level so
//! that every error names its JSON path.

use super::error::{quoted, ImportError, ImportErrorKind, Path};
pub(crate) use super::json::Object;
use super::json::{self, Json as Value};
use super::{legacy, FileFormat, Imported, ImportedDocument, FORMAT_VERSION, OLDEST_FORMAT_VERSION};
use crate::document::{Date, DocumentId};
use crate::model::{
    Annotation, AnnotationId, Claim, ClaimStatus, ClaimType, Evidence, Kind, Quote, QuoteForm, Substr, Target,
    TextPositionSelector, TextQuoteSelector, Timestamp,
};
use serde::de::IntoDeserializer;
use serde::Deserialize;
use sha2::{Digest, Sha256};
use std::collections::HashMap;

pub(crate) type R<T> = Result<T, ImportError>;

/// Reads a Quotemark file of any version, or W3C Web Annotation JSON from another tool.
///
/// Accepted shapes (see `docs/FORMAT.md` for details):
/// * a Quotemark file: an `AnnotationCollection` with `qm:formatVersion` 2, or a version 1 file
///   (`{"version": 1, "document": …, "annotations": […]}`), which is migrated;
/// * a single W3C `Annotation`, an array of them, an `AnnotationPage` (`items`), an
///   `AnnotationCollection` with its page(s) embedded (`first`, `next`), or a Hypothesis API
///   result (`rows`).
///
/// Nothing is returned unless the whole file is valid: any problem gives an [`ImportError`] whose
/// message names the place and the reason.
///
/// ```
/// use quotemark_core::format::{import, FileFormat};
/// use quotemark_core::model::Kind;
///
/// let recogito = r##"{
///   "@context": "http://www.w3.org/ns/anno.jsonld",
///   "id": "#c1", "type": "Annotation",
///   "body": [{"type": "TextualBody", "purpose": "tagging", "value": "claim"},
///            {"type": "TextualBody", "purpose": "commenting", "value": "Check the figure."}],
///   "target": {"selector": [{"type": "TextQuoteSelector", "exact": "40 per cent"},
///                           {"type": "TextPositionSelector", "start": 10, "end": 21}]}
/// }"##;
/// let imported = import(recogito).unwrap();
/// assert_eq!(imported.format, FileFormat::WebAnnotation);
/// let a = &imported.annotations[0];
/// assert_eq!(a.id.0, "#c1");
/// assert!(matches!(a.kind, Kind::Claim(_)));
/// assert_eq!(a.note, "Check the figure.");
/// assert_eq!(a.target.span().map(|s| (s.start, s.end)), Some((10, 21)));
///
/// assert_eq!(import("").unwrap_err().to_string(), "the file is empty");
/// assert_eq!(
///     import(r#"{"qm:formatVersion": 9}"#).unwrap_err().to_string(),
///     "qm:formatVersion: this file is format version 9, but this Quotemark reads versions 1 to 2; \
///      open it with a newer Quotemark"
/// );
/// ```
pub fn import(json: &str) -> Result<Imported, ImportError> {
    let json = json.strip_prefix('\u{feff}').unwrap_or(json);
    if json.trim().is_empty() {
        return Err(ImportError::empty());
    }
    let root = json::parse(json).map_err(|e| ImportError::syntax(&e, json))?;
    let p = Path::Root;
    match &root {
        Value::Object(m) if m.contains_key("qm:formatVersion") => {
            let version = version(m, "qm:formatVersion", &p)?;
            match version {
                1 => Err(p
                    .key("qm:formatVersion")
                    .invalid("format version 1 files carry \"version\": 1 at the top, not \"qm:formatVersion\"")),
                _ => import_v2(m, &p),
            }
        }
        Value::Object(m) if m.contains_key("version") && !m.contains_key("@context") && !m.contains_key("type") => {
            let version = version(m, "version", &p)?;
            match version {
                1 => legacy::import_v1(m, &p),
                _ => Err(p.key("version").invalid(format!(
                    "format version {version} is written as \"qm:formatVersion\" in a W3C AnnotationCollection, not as \"version\""
                ))),
            }
        }
        _ => {
            let mut c = Collector::new(Ctx { strict: false, text_len: None, doc_id: None });
            foreign_root(&root, &p, &mut c)?;
            Ok(Imported { format: FileFormat::WebAnnotation, document: None, annotations: c.finish() })
        }
    }
}

/// Reads and checks a format version number.
fn version(m: &Object, key: &str, p: &Path) -> R<u32> {
    let at = p.key(key);
    let v = m.get(key).unwrap_or(&Value::Null);
    let n = v.as_u64().filter(|&n| n > 0).ok_or_else(|| at.expected("a positive whole number", v))?;
    if n < u64::from(OLDEST_FORMAT_VERSION) || n > u64::from(FORMAT_VERSION) {
        let mut e = at.invalid(format!(
            "this file is format version {n}, but this Quotemark reads versions {OLDEST_FORMAT_VERSION} to {FORMAT_VERSION}; \
             open it with a newer Quotemark"
        ));
        e.kind = ImportErrorKind::UnsupportedVersion(n);
        return Err(e);
    }
    Ok(n as u32)
}

/// The current format: an `AnnotationCollection` with `qm:document` and an embedded page.
fn import_v2(m: &Object, p: &Path) -> R<Imported> {
    let dp = p.key("qm:document");
    let doc_value = m.get("qm:document").ok_or_else(|| p.invalid("missing \"qm:document\""))?;
    let document = document(doc_value, &dp, &DocumentKeys::V2)?;
    let text_len = document.text.as_ref().map(|t| t.chars().count());
    if let Some(t) = m.get("type") {
        if !has_type(t, "AnnotationCollection") {
            return Err(p.key("type").expected("\"AnnotationCollection\"", t));
        }
    }
    let mut c = Collector::new(Ctx { strict: true, text_len, doc_id: Some(document.id.0.clone()) });
    collection(m, p, &mut c)?;
    Ok(Imported { format: FileFormat::Quotemark { version: 2 }, document: Some(document), annotations: c.finish() })
}

/// Member names of the document object in each version.
pub(crate) struct DocumentKeys {
    pub title: &'static str,
    pub date: &'static str,
    pub source: &'static str,
    pub text: &'static str,
}

impl DocumentKeys {
    pub(crate) const V2: DocumentKeys =
        DocumentKeys { title: "qm:title", date: "qm:date", source: "qm:source", text: "qm:text" };
    pub(crate) const V1: DocumentKeys = DocumentKeys { title: "title", date: "date", source: "source", text: "text" };
}

/// Reads the document of one of our files and checks its text against its id.
pub(crate) fn document(v: &Value, p: &Path, keys: &DocumentKeys) -> R<ImportedDocument> {
    let m = v.as_object().ok_or_else(|| p.expected("an object describing the document", v))?;
    let id = req_str(m, "id", p)?;
    let title = req_str(m, keys.title, p)?.to_string();
    let date =
        match opt_str(m, keys.date, p)? {
            None => None,
            Some(s) => Some(Date::parse_iso(s).ok_or_else(|| {
                p.key(keys.date).invalid(format!("expected a date as YYYY-MM-DD, found {}", quoted(s)))
            })?),
        };
    let source = opt_str(m, keys.source, p)?.map(str::to_string);
    let text = opt_str(m, keys.text, p)?.map(str::to_string);
    if let Some(text) = &text {
        let actual = DocumentId::of_text(text);
        if actual.0 != id {
            return Err(p.key("id").invalid(format!(
                "{} does not match the text, whose content id is {actual}; the text was changed after export",
                quoted(id)
            )));
        }
    }
    Ok(ImportedDocument { id: DocumentId(id.to_string()), title, date, source, text })
}

/// How strictly annotations are read.
pub(crate) struct Ctx {
    /// Our own format: ids, timestamps, target sources and the kind are required.
    pub strict: bool,
    /// Length of the embedded document text in code points; offsets past it are errors (for
    /// targets on that document: a target on another source, such as an earlier version of the
    /// text, may point past its end).
    pub text_len: Option<usize>,
    /// The embedded document's id, when there is one.
    pub doc_id: Option<String>,
}

/// Gathers annotations in file order and rejects duplicate ids.
pub(crate) struct Collector {
    pub ctx: Ctx,
    annotations: Vec<Annotation>,
    /// Path of each annotation, for duplicate-id messages.
    paths: Vec<String>,
    seen: HashMap<String, usize>,
    /// Annotations without an id, to be given a derived one at the end.
    anonymous: Vec<usize>,
}

impl Collector {
    pub(crate) fn new(ctx: Ctx) -> Collector {
        Collector { ctx, annotations: Vec::new(), paths: Vec::new(), seen: HashMap::new(), anonymous: Vec::new() }
    }

    /// Adds an annotation read at `p`; an empty id means "none given".
    pub(crate) fn push(&mut self, a: Annotation, p: &Path) -> R<()> {
        let index = self.annotations.len();
        let here = p.render();
        if a.id.0.is_empty() {
            self.anonymous.push(index);
        } else if let Some(&first) = self.seen.get(a.id.0.as_str()) {
            return Err(p.key("id").invalid(format!(
                "duplicate annotation id {} (also used at {})",
                quoted(&a.id.0),
                self.paths[first]
            )));
        } else {
            self.seen.insert(a.id.0.to_string(), index);
        }
        self.paths.push(here);
        self.annotations.push(a);
        Ok(())
    }

    /// The annotations; those without an id get one derived from their content, so that importing
    /// the same file twice gives the same ids.
    pub(crate) fn finish(mut self) -> Vec<Annotation> {
        for index in std::mem::take(&mut self.anonymous) {
            let json = serde_json::to_string(&self.annotations[index]).unwrap_or_default();
            let digest = Sha256::digest(json.as_bytes());
            let hex: String = digest[..12].iter().map(|b| format!("{b:02x}")).collect();
            let base = format!("import-{hex}");
            let mut id = base.clone();
            let mut n = 1;
            while self.seen.contains_key(&id) {
                n += 1;
                id = format!("{base}-{n}");
            }
            self.seen.insert(id.clone(), index);
            self.annotations[index].id = AnnotationId(id.into());
        }
        self.annotations
    }
}

/// Whether a `type` value is `name` or an array containing it.
fn has_type(t: &Value, name: &str) -> bool {
    match t {
        Value::Str(s) => s == name,
        Value::Array(a) => a.iter().any(|x| x.as_str() == Some(name)),
        _ => false,
    }
}

/// Another tool's JSON: an annotation, an array, a page, a collection or a Hypothesis result.
fn foreign_root(root: &Value, p: &Path, c: &mut Collector) -> R<()> {
    match root {
        Value::Array(items) => annotations(items, p, c),
        Value::Object(m) => {
            let t = m.get("type").unwrap_or(&Value::Null);
            if has_type(t, "AnnotationCollection") {
                collection(m, p, c)
            } else if has_type(t, "AnnotationPage") {
                page(m, p, c)
            } else if has_type(t, "Annotation") || m.contains_key("target") {
                let a = annotation(root, p, &c.ctx)?;
                c.push(a, p)
            } else if let Some(Value::Array(rows)) = m.get("rows") {
                annotations(rows, &p.key("rows"), c)
            } else {
                Err(p.invalid(
                    "not a Quotemark file or W3C annotations: expected \"qm:formatVersion\", or an Annotation, \
                     AnnotationPage or AnnotationCollection (with \"type\" or \"target\")",
                ))
            }
        }
        other => Err(p.expected("a JSON object or array", other)),
    }
}

/// An `AnnotationCollection`: its embedded first page (and any embedded `next` pages), or, as some
/// tools write it, `items` on the collection itself.
fn collection(m: &Object, p: &Path, c: &mut Collector) -> R<()> {
    match m.get("first") {
        Some(Value::Object(first)) => page(first, &p.key("first"), c),
        Some(Value::Str(link)) => Err(p.key("first").invalid(format!(
            "the first page is only linked ({}); Quotemark needs the pages embedded in the file",
            quoted(link)
        ))),
        Some(Value::Null) | None => match m.get("items") {
            Some(Value::Array(items)) => annotations(items, &p.key("items"), c),
            Some(other) => Err(p.key("items").expected("an array of annotations", other)),
            None if m.get("total").and_then(Value::as_u64) == Some(0) => Ok(()),
            None => Err(p.invalid("missing \"first\" (the collection's first page)")),
        },
        Some(other) => Err(p.key("first").expected("an embedded AnnotationPage", other)),
    }
}

/// An `AnnotationPage`: its `items`, then the embedded `next` page, if any.
fn page(m: &Object, p: &Path, c: &mut Collector) -> R<()> {
    if let Some(t) = m.get("type") {
        if !has_type(t, "AnnotationPage") {
            return Err(p.key("type").expected("\"AnnotationPage\"", t));
        }
    }
    match m.get("items") {
        Some(Value::Array(items)) => annotations(items, &p.key("items"), c)?,
        Some(other) => return Err(p.key("items").expected("an array of annotations", other)),
        None => return Err(p.invalid("missing \"items\"")),
    }
    match m.get("next") {
        Some(Value::Object(next)) => page(next, &p.key("next"), c),
        Some(Value::Str(link)) => Err(p.key("next").invalid(format!(
            "the next page is only linked ({}); Quotemark needs the pages embedded in the file",
            quoted(link)
        ))),
        Some(Value::Null) | None => Ok(()),
        Some(other) => Err(p.key("next").expected("an embedded AnnotationPage", other)),
    }
}

fn annotations(items: &[Value], p: &Path, c: &mut Collector) -> R<()> {
    for (i, item) in items.iter().enumerate() {
        let at = p.index(i);
        let a = annotation(item, &at, &c.ctx)?;
        c.push(a, &at)?;
    }
    Ok(())
}

// ---- field helpers -------------------------------------------------------------------------------

/// An optional string member; `null` counts as absent.
pub(crate) fn opt_str<'v>(m: &'v Object, key: &str, p: &Path) -> R<Option<&'v str>> {
    match m.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Str(s)) => Ok(Some(s)),
        Some(other) => Err(p.key(key).expected("a string", other)),
    }
}

/// A required string member.
pub(crate) fn req_str<'v>(m: &'v Object, key: &str, p: &Path) -> R<&'v str> {
    opt_str(m, key, p)?.ok_or_else(|| p.invalid(format!("missing \"{key}\"")))
}

/// An optional array of strings; `null` counts as absent.
pub(crate) fn opt_strings(m: &Object, key: &str, p: &Path) -> R<Vec<String>> {
    match m.get(key) {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::Array(items)) => {
            let at = p.key(key);
            items
                .iter()
                .enumerate()
                .map(|(i, v)| v.as_str().map(str::to_string).ok_or_else(|| at.index(i).expected("a string", v)))
                .collect()
        }
        Some(other) => Err(p.key(key).expected("an array of strings", other)),
    }
}

/// A required code-point offset. `what` prefixes messages (e.g. `"TextPositionSelector "`).
pub(crate) fn offset(m: &Object, key: &str, p: &Path, what: &str) -> R<usize> {
    let v = m.get(key).ok_or_else(|| {
        let missing =
            if what.is_empty() { format!("missing \"{key}\"") } else { format!("{what}is missing \"{key}\"") };
        p.invalid(missing)
    })?;
    let n = v.as_u64().ok_or_else(|| p.key(key).expected("a non-negative whole number", v))?;
    usize::try_from(n).map_err(|_| p.key(key).invalid(format!("{n} is too large for an offset")))
}

/// Checks a span read at `p` (and against the document text, when there is one). `what` prefixes
/// messages (e.g. `"TextPositionSelector "`).
pub(crate) fn check_span(start: usize, end: usize, p: &Path, what: &str, ctx: &Ctx) -> R<()> {
    if end < start {
        return Err(p.invalid(format!("{what}end ({end}) is before start ({start})")));
    }
    if let Some(len) = ctx.text_len {
        if end > len {
            return Err(p.invalid(format!("{what}end ({end}) is past the end of the document text ({len} characters)")));
        }
    }
    Ok(())
}

/// An RFC 3339 timestamp member; `null` counts as absent.
fn opt_time(m: &Object, key: &str, p: &Path) -> R<Option<Timestamp>> {
    const WHAT: &str = "an RFC 3339 date-time such as 2017-06-05T09:30:00.000Z";
    match m.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Str(s)) => Timestamp::parse_rfc3339(s)
            .map(Some)
            .ok_or_else(|| p.key(key).invalid(format!("expected {WHAT}, found {}", quoted(s)))),
        Some(other) => Err(p.key(key).expected(WHAT, other)),
    }
}

/// Parses one of the model's lowercase enum names through its serde derive, so names never drift.
pub(crate) fn enum_value<T: for<'de> Deserialize<'de>>(s: &str, at: &Path, names: &str) -> R<T> {
    let de: serde::de::value::StrDeserializer<'_, serde::de::value::Error> = s.into_deserializer();
    T::deserialize(de).map_err(|_| at.invalid(format!("expected one of {names}, found {}", quoted(s))))
}

pub(crate) const FORM_NAMES: &str = "direct, partial, indirect";
pub(crate) const CLAIM_TYPE_NAMES: &str = "statistic, causal, prediction, comparison, other";
pub(crate) const STATUS_NAMES: &str = "unverified, needs-source, supported, disputed, false";

pub(crate) fn opt_enum<T: for<'de> Deserialize<'de>>(m: &Object, key: &str, p: &Path, names: &str) -> R<Option<T>> {
    match opt_str(m, key, p)? {
        None => Ok(None),
        Some(s) => enum_value(s, &p.key(key), names).map(Some),
    }
}

/// Whether `s` is an `http` or `https` URL with a host and no white space or control characters.
pub fn is_http_url(s: &str) -> bool {
    let rest = if s.get(..7).is_some_and(|x| x.eq_ignore_ascii_case("http://")) {
        &s[7..]
    } else if s.get(..8).is_some_and(|x| x.eq_ignore_ascii_case("https://")) {
        &s[8..]
    } else {
        return false;
    };
    let host_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    host_end > 0 && !s.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// An evidence URL read at `p`: only `http` and `https` are accepted.
pub(crate) fn evidence_url(s: &str, p: &Path) -> R<String> {
    if is_http_url(s) {
        Ok(s.to_string())
    } else {
        Err(p.invalid(format!("evidence links must be http or https URLs, found {}", quoted(s))))
    }
}

/// Whether a string body looks like an IRI (a scheme and no white space) rather than text.
fn looks_like_iri(s: &str) -> bool {
    let Some(colon) = s.find(':') else { return false };
    let scheme = &s[..colon];
    scheme.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        && !s.chars().any(char::is_whitespace)
}

// ---- annotations ---------------------------------------------------------------------------------

#[derive(Clone, Copy, PartialEq, Eq)]
enum KindName {
    Quote,
    Claim,
}

/// What the bodies of one annotation say, gathered before the kind is decided.
#[derive(Default)]
struct Bodies {
    kind: Option<KindName>,
    tags: Vec<String>,
    quote: Option<Quote>,
    claim: Option<(ClaimType, ClaimStatus)>,
    links: Vec<Evidence>,
    comments: Vec<String>,
}

const QUOTE_KEYS: [&str; 4] = ["qm:speaker", "qm:canonicalSpeaker", "qm:cue", "qm:form"];
const CLAIM_KEYS: [&str; 2] = ["qm:claimType", "qm:status"];

/// One W3C annotation (ours or another tool's).
pub(crate) fn annotation(v: &Value, p: &Path, ctx: &Ctx) -> R<Annotation> {
    let m = v.as_object().ok_or_else(|| p.expected("an annotation (an object)", v))?;
    if let Some(t) = m.get("type") {
        if !has_type(t, "Annotation") {
            return Err(p.key("type").expected("\"Annotation\"", t));
        }
    }
    let id = match m.get("id") {
        Some(Value::Str(s)) if s.is_empty() => return Err(p.key("id").invalid("the id is empty")),
        Some(Value::Str(s)) => s.to_string(),
        None | Some(Value::Null) if !ctx.strict => String::new(),
        None | Some(Value::Null) => return Err(p.invalid("missing \"id\"")),
        Some(other) => return Err(p.key("id").expected("a string", other)),
    };
    let target_value = m.get("target").ok_or_else(|| p.invalid("missing \"target\""))?;
    let target = target(target_value, &p.key("target"), ctx)?;

    let created = opt_time(m, "created", p)?;
    let modified = match opt_time(m, "modified", p)? {
        Some(t) => Some(t),
        None => opt_time(m, "updated", p)?,
    };
    if ctx.strict {
        if created.is_none() {
            return Err(p.invalid("missing \"created\""));
        }
        if modified.is_none() {
            return Err(p.invalid("missing \"modified\""));
        }
    }
    let created_ts = created.or(modified).unwrap_or(Timestamp(0));
    let modified_ts = modified.unwrap_or(created_ts);

    let mut b = Bodies::default();
    for key in ["body", "bodies"] {
        match m.get(key) {
            None | Some(Value::Null) => {}
            Some(Value::Array(items)) => {
                let at = p.key(key);
                for (i, item) in items.iter().enumerate() {
                    body(item, &at.index(i), &mut b)?;
                }
            }
            Some(one) => body(one, &p.key(key), &mut b)?,
        }
    }
    if let Some(s) = opt_str(m, "bodyValue", p)? {
        b.comments.push(s.to_string());
    }
    // Hypothesis keeps the comment in `text` and the tags in `tags`.
    if let Some(s) = opt_str(m, "text", p)? {
        b.comments.push(s.to_string());
    }
    b.tags.extend(opt_strings(m, "tags", p)?);

    let kind = match (b.kind, b.quote.is_some(), b.claim.is_some()) {
        (_, true, true) => {
            return Err(p.invalid(
                "has both quote fields (qm:speaker, qm:cue, qm:form) and claim fields (qm:claimType, qm:status)",
            ))
        }
        (Some(KindName::Quote), _, true) => {
            return Err(p.invalid("is a quote but has claim fields (qm:claimType, qm:status)"))
        }
        (Some(KindName::Claim), true, _) => {
            return Err(p.invalid("is a claim but has quote fields (qm:speaker, qm:cue, qm:form)"))
        }
        (Some(k), _, _) => k,
        (None, true, false) => KindName::Quote,
        (None, false, true) => KindName::Claim,
        (None, false, false) if ctx.strict => {
            return Err(p.invalid("has no kind (a tagging body with \"qm:kind\": \"quote\" or \"claim\")"))
        }
        (None, false, false) => {
            // Other tools' annotations: a `claim` tag makes a claim, anything else is a quote. The
            // tag that decided it is consumed.
            let is_claim = b.tags.iter().any(|t| t.trim().eq_ignore_ascii_case("claim"));
            let name = if is_claim { "claim" } else { "quote" };
            b.tags.retain(|t| !t.trim().eq_ignore_ascii_case(name));
            if is_claim {
                KindName::Claim
            } else {
                KindName::Quote
            }
        }
    };
    let kind = match kind {
        KindName::Quote => {
            // A quote has no evidence: links from other tools are kept in the note.
            for link in b.links.drain(..) {
                let line = match (link.url, link.note.is_empty()) {
                    (Some(url), true) => url,
                    (Some(url), false) => format!("{} {url}", link.note),
                    (None, _) => link.note,
                };
                b.comments.push(line);
            }
            Kind::Quote(b.quote.unwrap_or_default())
        }
        KindName::Claim => {
            let (claim_type, status) = b.claim.unwrap_or_default();
            Kind::Claim(Claim { claim_type, status, evidence: b.links })
        }
    };
    b.comments.retain(|c| !c.is_empty());
    let note = b.comments.join("\n\n");
    Ok(Annotation {
        id: AnnotationId(id.into()),
        target,
        kind,
        note,
        tags: b.tags.into_iter().map(Substr::from).collect(),
        created: created_ts,
        modified: modified_ts,
    })
}

/// The first string of a `purpose` (a string or an array of them).
fn purpose<'v>(m: &'v Object, p: &Path) -> R<Option<&'v str>> {
    match m.get("purpose") {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Str(s)) => Ok(Some(s)),
        Some(Value::Array(a)) => Ok(a.iter().find_map(Value::as_str)),
        Some(other) => Err(p.key("purpose").expected("a string", other)),
    }
}

/// One body: a string (text, or an IRI that is read as a link) or an object.
fn body(v: &Value, p: &Path, b: &mut Bodies) -> R<()> {
    let m = match v {
        Value::Str(s) if looks_like_iri(s) => {
            let url = evidence_url(s, p)?;
            b.links.push(Evidence { url: Some(url), note: String::new() });
            return Ok(());
        }
        Value::Str(s) => {
            b.comments.push(s.to_string());
            return Ok(());
        }
        Value::Object(m) => m,
        other => return Err(p.expected("a body (an object or a string)", other)),
    };
    if let Some(k) = m.get("qm:kind") {
        let at = p.key("qm:kind");
        let kind = match k.as_str() {
            Some("quote") => KindName::Quote,
            Some("claim") => KindName::Claim,
            _ => return Err(at.expected("\"quote\" or \"claim\"", k)),
        };
        if b.kind.is_some_and(|earlier| earlier != kind) {
            return Err(p.invalid("a second, different \"qm:kind\""));
        }
        b.kind = Some(kind);
        return Ok(());
    }
    if QUOTE_KEYS.iter().any(|k| m.contains_key(k)) {
        if b.quote.is_some() {
            return Err(p.invalid("a second body with quote fields (qm:speaker, qm:cue, qm:form)"));
        }
        b.quote = Some(Quote {
            speaker: opt_str(m, "qm:speaker", p)?.unwrap_or("").into(),
            speaker_canonical: opt_str(m, "qm:canonicalSpeaker", p)?.map(Substr::from),
            cue: opt_str(m, "qm:cue", p)?.map(Substr::from),
            form: opt_enum::<QuoteForm>(m, "qm:form", p, FORM_NAMES)?.unwrap_or_default(),
        });
        return Ok(());
    }
    if CLAIM_KEYS.iter().any(|k| m.contains_key(k)) {
        if b.claim.is_some() {
            return Err(p.invalid("a second body with claim fields (qm:claimType, qm:status)"));
        }
        b.claim = Some((
            opt_enum::<ClaimType>(m, "qm:claimType", p, CLAIM_TYPE_NAMES)?.unwrap_or_default(),
            opt_enum::<ClaimStatus>(m, "qm:status", p, STATUS_NAMES)?.unwrap_or_default(),
        ));
        return Ok(());
    }
    let is_textual = m.get("type").is_some_and(|t| has_type(t, "TextualBody"));
    match purpose(m, p)? {
        Some("tagging") => {
            // A textual tag, or a semantic tag (a resource) whose IRI becomes the tag.
            let tag = match opt_str(m, "value", p)? {
                Some(v) => v,
                None => match opt_str(m, "source", p)? {
                    Some(s) => s,
                    None => opt_str(m, "id", p)?.ok_or_else(|| p.invalid("a tagging body needs a \"value\""))?,
                },
            };
            b.tags.push(tag.to_string());
        }
        Some("linking") => link(m, p, b, is_textual)?,
        _ => {
            if let Some(v) = m.get("value") {
                let s = v.as_str().ok_or_else(|| p.key("value").expected("a string", v))?;
                b.comments.push(s.to_string());
            } else if m.contains_key("source") || m.contains_key("id") {
                link(m, p, b, false)?;
            } else {
                return Err(p.invalid("unsupported body: it has no \"value\", \"source\" or \"id\""));
            }
        }
    }
    Ok(())
}

/// A link body: a resource (`source` or `id`, optional `qm:note`) or, for evidence without a URL,
/// a `TextualBody` whose value is the note.
fn link(m: &Object, p: &Path, b: &mut Bodies, is_textual: bool) -> R<()> {
    let key = if is_textual {
        None
    } else if m.contains_key("source") {
        Some("source")
    } else if m.contains_key("id") {
        Some("id")
    } else {
        None
    };
    let evidence = match key {
        Some(key) => {
            let url = req_str(m, key, p)?;
            let url = evidence_url(url, &p.key(key))?;
            let note = match opt_str(m, "qm:note", p)? {
                Some(n) => n,
                None => opt_str(m, "value", p)?.unwrap_or(""),
            };
            Evidence { url: Some(url), note: note.to_string() }
        }
        None => {
            let note =
                opt_str(m, "value", p)?.ok_or_else(|| p.invalid("a linking body needs a \"source\" or a \"value\""))?;
            Evidence { url: None, note: note.to_string() }
        }
    };
    b.links.push(evidence);
    Ok(())
}

/// A target: an object with selectors, or an array of targets (the first usable one wins). A bare
/// IRI annotates the whole document, which Quotemark cannot show.
fn target(v: &Value, p: &Path, ctx: &Ctx) -> R<Target> {
    match v {
        Value::Object(m) => target_object(m, p, ctx)?.ok_or_else(|| no_selector(m, p)),
        Value::Array(targets) => {
            for (i, t) in targets.iter().enumerate() {
                match t {
                    Value::Object(m) => {
                        if let Some(found) = target_object(m, &p.index(i), ctx)? {
                            return Ok(found);
                        }
                    }
                    Value::Str(_) => {}
                    other => return Err(p.index(i).expected("a target (an object or an IRI)", other)),
                }
            }
            Err(p.invalid(
                "no usable selector in any target (Quotemark needs a TextQuoteSelector or a TextPositionSelector)",
            ))
        }
        Value::Str(iri) => Err(p.invalid(format!(
            "no usable selector: the target is only an IRI ({}), which annotates the whole document; \
             Quotemark needs a TextQuoteSelector or a TextPositionSelector",
            quoted(iri)
        ))),
        other => Err(p.expected("a target (an object, an array or an IRI)", other)),
    }
}

fn no_selector(m: &Object, p: &Path) -> ImportError {
    let found: Vec<&str> = match m.get("selector") {
        Some(Value::Array(a)) => a.iter().filter_map(|s| s.get("type").and_then(Value::as_str)).collect(),
        Some(Value::Object(s)) => s.get("type").and_then(Value::as_str).into_iter().collect(),
        _ => Vec::new(),
    };
    if m.get("selector").is_none_or(Value::is_null) {
        p.invalid("no usable selector: the target has no \"selector\" (Quotemark needs a TextQuoteSelector or a TextPositionSelector)")
    } else if found.is_empty() {
        p.key("selector").invalid("no usable selector (Quotemark needs a TextQuoteSelector or a TextPositionSelector)")
    } else {
        p.key("selector").invalid(format!(
            "no usable selector (Quotemark needs a TextQuoteSelector or a TextPositionSelector; found {})",
            found.join(", ")
        ))
    }
}

/// A target object; `None` when it has no selector Quotemark can use.
fn target_object(m: &Object, p: &Path, ctx: &Ctx) -> R<Option<Target>> {
    let source = match opt_str(m, "source", p)? {
        Some(s) => s.to_string(),
        None if ctx.strict => return Err(p.invalid("missing \"source\"")),
        None => String::new(),
    };
    let mut position = None;
    let mut quote = None;
    // Positions on another source than the embedded document are not checked against its text.
    let elsewhere = Ctx { strict: ctx.strict, text_len: None, doc_id: None };
    let ctx = match &ctx.doc_id {
        Some(id) if *id != source => &elsewhere,
        _ => ctx,
    };
    match m.get("selector") {
        None | Some(Value::Null) => {}
        Some(Value::Array(selectors)) => {
            let at = p.key("selector");
            for (i, s) in selectors.iter().enumerate() {
                selector(s, &at.index(i), ctx, &mut position, &mut quote)?;
            }
        }
        Some(one) => selector(one, &p.key("selector"), ctx, &mut position, &mut quote)?,
    }
    if position.is_none() && quote.is_none() {
        return Ok(None);
    }
    Ok(Some(Target { source: source.into(), position, quote }))
}

/// One selector; the first `TextPositionSelector` and the first `TextQuoteSelector` are kept,
/// other types (RangeSelector, XPathSelector, …) are skipped.
fn selector(
    v: &Value,
    p: &Path,
    ctx: &Ctx,
    position: &mut Option<TextPositionSelector>,
    quote: &mut Option<TextQuoteSelector>,
) -> R<()> {
    let m = v.as_object().ok_or_else(|| p.expected("a selector (an object)", v))?;
    let kind = match m.get("type") {
        Some(Value::Str(s)) => s.as_ref(),
        Some(other) => return Err(p.key("type").expected("a string", other)),
        None => return Err(p.invalid("missing \"type\"")),
    };
    match kind {
        "TextPositionSelector" => {
            let what = "TextPositionSelector ";
            let start = offset(m, "start", p, what)?;
            let end = offset(m, "end", p, what)?;
            check_span(start, end, p, what, ctx)?;
            if position.is_none() {
                *position = Some(TextPositionSelector { start, end });
            }
        }
        "TextQuoteSelector" => {
            let exact = opt_str(m, "exact", p)?.ok_or_else(|| p.invalid("TextQuoteSelector is missing \"exact\""))?;
            let prefix = opt_str(m, "prefix", p)?.unwrap_or("");
            let suffix = opt_str(m, "suffix", p)?.unwrap_or("");
            if quote.is_none() {
                *quote = Some(TextQuoteSelector { exact: exact.into(), prefix: prefix.into(), suffix: suffix.into() });
            }
        }
        _ => {}
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn http_urls_only() {
        for ok in ["http://a.example", "HTTPS://a.example/x?y#z", "https://ü.example/ä"] {
            assert!(is_http_url(ok), "{ok}");
        }
        for bad in [
            "",
            "http://",
            "https:///x",
            "ftp://a.example",
            "javascript:alert(1)",
            "https://a b",
            "https://a\u{0}",
            "http:/a",
        ] {
            assert!(!is_http_url(bad), "{bad}");
        }
    }

    #[test]
    fn iri_detection_for_string_bodies() {
        assert!(looks_like_iri("https://a.example"));
        assert!(looks_like_iri("urn:isbn:123"));
        assert!(!looks_like_iri("Note: see below"));
        assert!(!looks_like_iri("plain text"));
        assert!(!looks_like_iri("1a:b"));
    }

    #[test]
    fn enum_names_come_from_the_model() {
        let p = Path::Root;
        assert_eq!(enum_value::<ClaimStatus>("needs-source", &p, STATUS_NAMES), Ok(ClaimStatus::NeedsSource));
        assert_eq!(enum_value::<QuoteForm>("partial", &p, FORM_NAMES), Ok(QuoteForm::Partial));
        let err = enum_value::<ClaimType>("Statistic", &p, CLAIM_TYPE_NAMES).unwrap_err();
        assert_eq!(err.reason, "expected one of statistic, causal, prediction, comparison, other, found \"Statistic\"");
    }
}
