//! Reading files: which kind of file it is (our versions, or other tools' W3C annotations) and
//! the shapes that hold annotations (collections, pages, arrays), validated at the `Value` level
//! so that every error names its JSON path. One annotation is read by [`super::annotation`],
//! version 1 by [`super::legacy`].

use super::annotation::annotation;
use super::collector::{Collector, Ctx};
use super::document::{document, DocumentKeys};
use super::error::{quoted, ImportError, ImportErrorKind, Path};
use super::fields::{has_type, R};
use super::json::{self, Json as Value, Object};
use super::library::{import_library, not_one_article, LIBRARY_TYPE};
use super::{legacy, FileFormat, Imported, ImportedFile, FORMAT_VERSION, OLDEST_FORMAT_VERSION};

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
    match read(json)? {
        ImportedFile::Annotations(imported) => Ok(imported),
        ImportedFile::Library(library) => Err(not_one_article(&library)),
    }
}

/// Reads any file [`import`] reads, and also a backup of a whole library
/// ([`super::export_library`]).
pub fn read(json: &str) -> Result<ImportedFile, ImportError> {
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
                _ if m.get("type").is_some_and(|t| has_type(t, LIBRARY_TYPE)) => {
                    import_library(m, &p).map(ImportedFile::Library)
                }
                _ => import_v2(m, &p).map(ImportedFile::Annotations),
            }
        }
        Value::Object(m)
            if m.contains_key("version")
                && !m.contains_key("@context")
                && !m.contains_key("type") =>
        {
            let version = version(m, "version", &p)?;
            match version {
                1 => legacy::import_v1(m, &p).map(ImportedFile::Annotations),
                _ => Err(p.key("version").invalid(format!(
                    "format version {version} is written as \"qm:formatVersion\" in a W3C AnnotationCollection, not as \"version\""
                ))),
            }
        }
        _ => {
            let mut c = Collector::new(Ctx {
                strict: false,
                text_len: None,
                doc_id: None,
            });
            foreign_root(&root, &p, &mut c)?;
            Ok(ImportedFile::Annotations(Imported {
                format: FileFormat::WebAnnotation,
                document: None,
                annotations: c.finish(),
            }))
        }
    }
}

/// Reads and checks a format version number.
pub(super) fn version(m: &Object, key: &str, p: &Path) -> R<u32> {
    let at = p.key(key);
    let v = m.get(key).unwrap_or(&Value::Null);
    let n = v
        .as_u64()
        .filter(|&n| n > 0)
        .ok_or_else(|| at.expected("a positive whole number", v))?;
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
pub(super) fn import_v2(m: &Object, p: &Path) -> R<Imported> {
    let dp = p.key("qm:document");
    let doc_value = m
        .get("qm:document")
        .ok_or_else(|| p.invalid("missing \"qm:document\""))?;
    let document = document(doc_value, &dp, &DocumentKeys::V2)?;
    let text_len = document.text.as_ref().map(|t| t.chars().count());
    if let Some(t) = m.get("type") {
        if !has_type(t, "AnnotationCollection") {
            return Err(p.key("type").expected("\"AnnotationCollection\"", t));
        }
    }
    let mut c = Collector::new(Ctx {
        strict: true,
        text_len,
        doc_id: Some(document.id.0.clone()),
    });
    collection(m, p, &mut c)?;
    Ok(Imported {
        format: FileFormat::Quotemark { version: 2 },
        document: Some(document),
        annotations: c.finish(),
    })
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
