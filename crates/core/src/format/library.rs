//! A backup of the whole library: every article kept in the browser with its annotations, in one
//! file. It is a `qm:Library` object whose `qm:articles` are ordinary Quotemark files (one W3C
//! `AnnotationCollection` per article, text included), so each article in it is what
//! [`super::export_with_roles`] writes for it, and [`super::read`] reads each as [`super::import`]
//! reads one file. `qm:versions` carries which article was opened as a new version of which.

use super::error::{ImportError, Path};
use super::export::{collection, context, Ext, File, GENERATOR};
use super::fields::R;
use super::json::{Json as Value, Object};
use super::{import, DocumentDetail, ExportOptions, Imported, FORMAT_VERSION};
use crate::document::Document;
use crate::insights::Roles;
use crate::model::{AnnotationSet, Timestamp};
use serde::Serialize;
use std::collections::BTreeMap;

/// The `type` of a library backup.
pub const LIBRARY_TYPE: &str = "qm:Library";

/// A library backup as [`super::read`] read it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportedLibrary {
    /// Every article (each with its document, text included), in the file's order: the order the
    /// library listed them in, most recently opened first.
    pub articles: Vec<Imported>,
    /// Which article was opened as a new version of which (short ids: new → old).
    pub versions: BTreeMap<String, String>,
    /// When the backup was made, if the file says.
    pub created: Option<Timestamp>,
}

impl ImportedLibrary {
    /// How many annotations the backup holds.
    pub fn annotation_count(&self) -> usize {
        self.articles.iter().map(|a| a.annotations.len()).sum()
    }
}

/// Writes the whole library as one file: each article as [`super::export_with_roles`] writes it
/// (text and its quoted people's roles included), in the order given, and the versions record.
///
/// ```
/// use quotemark_core::document::Document;
/// use quotemark_core::format::{export_library, read, ImportedFile};
/// use quotemark_core::insights::Roles;
/// use quotemark_core::model::{AnnotationSet, Timestamp};
/// use std::collections::BTreeMap;
///
/// let a = Document::from_raw("First article.");
/// let b = Document::from_raw("Second article.");
/// let articles = [(a.clone(), AnnotationSet::default()), (b.clone(), AnnotationSet::default())];
/// let versions = BTreeMap::from([(b.id.short().to_string(), a.id.short().to_string())]);
/// let json = export_library(&articles, &Roles::default(), &versions, Timestamp(0));
/// let ImportedFile::Library(library) = read(&json).unwrap() else { panic!("not a library") };
/// assert_eq!(library.articles.len(), 2);
/// assert_eq!(library.articles[1].document.as_ref().unwrap().to_document(), Some(b));
/// assert_eq!(library.versions, versions);
/// assert_eq!(library.created, Some(Timestamp(0)));
/// ```
pub fn export_library(
    articles: &[(Document, AnnotationSet)],
    roles: &Roles,
    versions: &BTreeMap<String, String>,
    created: Timestamp,
) -> String {
    let options = ExportOptions { document: DocumentDetail::Full };
    let annotations: usize = articles.iter().map(|(_, set)| set.len()).sum();
    let library = Library {
        context: context(),
        kind: LIBRARY_TYPE,
        version: FORMAT_VERSION,
        label: format!(
            "Quotemark library backup: {} {}, {} {}",
            articles.len(),
            if articles.len() == 1 { "article" } else { "articles" },
            annotations,
            if annotations == 1 { "annotation" } else { "annotations" }
        ),
        generator: GENERATOR,
        created: created.to_rfc3339(),
        total: articles.len(),
        versions,
        articles: articles.iter().map(|(doc, set)| collection(doc, set, &options, roles)).collect(),
    };
    // As for one article: string keys and no floats, so serialising cannot fail.
    serde_json::to_string_pretty(&library).unwrap_or_default()
}

#[derive(Serialize)]
struct Library<'a> {
    #[serde(rename = "@context")]
    context: (&'static str, Ext),
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(rename = "qm:formatVersion")]
    version: u32,
    label: String,
    generator: super::export::Generator,
    created: String,
    total: usize,
    #[serde(rename = "qm:versions", skip_serializing_if = "BTreeMap::is_empty")]
    versions: &'a BTreeMap<String, String>,
    #[serde(rename = "qm:articles")]
    articles: Vec<File<'a>>,
}

/// Reads a `qm:Library` object (its format version already checked): every article must be a
/// Quotemark file carrying its text, and no article may appear twice.
pub(super) fn import_library(m: &Object, p: &Path) -> R<ImportedLibrary> {
    let at = p.key("qm:articles");
    let items = match m.get("qm:articles") {
        Some(Value::Array(items)) => items,
        Some(other) => return Err(at.expected("an array of articles", other)),
        None => return Err(p.invalid("missing \"qm:articles\" (the backup's articles)")),
    };
    let mut articles: Vec<Imported> = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let ap = at.index(i);
        let article = item.as_object().ok_or_else(|| ap.expected("an AnnotationCollection (one article)", item))?;
        if !article.contains_key("qm:formatVersion") {
            return Err(ap.invalid("an article of a backup is a Quotemark file, with \"qm:formatVersion\""));
        }
        import::version(article, "qm:formatVersion", &ap)?;
        let imported = import::import_v2(article, &ap)?;
        let document = imported.document.as_ref().expect("import_v2 reads the document");
        if document.text.is_none() {
            return Err(ap.key("qm:document").invalid("an article of a backup must carry its text (\"qm:text\")"));
        }
        if let Some(j) = articles.iter().position(|a| a.document.as_ref().map(|d| &d.id) == Some(&document.id)) {
            return Err(ap.key("qm:document").key("id").invalid(format!("the same article as qm:articles[{j}]")));
        }
        articles.push(imported);
    }
    let mut versions = BTreeMap::new();
    if let Some(v) = m.get("qm:versions").filter(|v| !v.is_null()) {
        let vp = p.key("qm:versions");
        let members = v.as_object().ok_or_else(|| vp.expected("an object of short ids (new → old)", v))?;
        for (new, old) in members.members() {
            let old = old.as_str().ok_or_else(|| vp.key(new).expected("a short id", old))?;
            versions.insert(new.to_string(), old.to_string());
        }
    }
    let created = super::fields::opt_time(m, "created", p)?;
    Ok(ImportedLibrary { articles, versions, created })
}

/// The message for a backup given where one article's annotations are expected.
pub(super) fn not_one_article(library: &ImportedLibrary) -> ImportError {
    Path::Root.invalid(format!(
        "this is a backup of a whole library ({} articles), not one article's annotations; restore it from the library",
        library.articles.len()
    ))
}
