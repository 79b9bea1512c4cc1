//! Opening documents: the built-in sample, one from the library or the URL (`#doc=<id>`), pasted
//! text, or a picked or dropped file (HTML and Markdown are reduced to plain text by
//! [`quotemark_core::reader`], never inserted as markup), each with whatever is stored for it
//! ("same text, same annotations").

use leptos::prelude::*;
use super::{review, save, Ctx};
use crate::browser::{self, now};
use crate::later;
use crate::persist::{self, library};
use quotemark_core::document::{Document, DocumentId};
use quotemark_core::model::AnnotationSet;
use quotemark_core::reader::{self, SourceKind};

/// Articles larger than this are refused before reading.
pub const MAX_ARTICLE_BYTES: f64 = 20.0 * 1024.0 * 1024.0;

/// The built-in sample article.
pub fn sample_document() -> Document {
    Document::from_raw(quotemark_core::SAMPLE_ARTICLE)
}

/// Replaces the open document: what it has not saved yet is saved first, then `document` opens
/// with `annotations` and is kept in the store as the one open last.
pub fn replace(ctx: &Ctx, document: Document, annotations: AnnotationSet) {
    save::flush(ctx);
    ctx.ui.reset_for_new_document();
    ctx.doc.replace(document.clone(), annotations);
    save::start_document(ctx, &document);
    super::compare::load_for_document(ctx);
}

/// Opens a document with whatever is stored for it, names it in the URL and says so.
pub fn open_document(ctx: &Ctx, document: Document) {
    save::flush(ctx);
    let store = ctx.saving.store();
    let annotations = match persist::load(&*store, &document.id, now()) {
        Ok(loaded) => loaded.map(|l| l.annotations).unwrap_or_default(),
        Err(note) => {
            ctx.notices.load_notes.update(|n| n.push(note));
            AnnotationSet::default()
        }
    };
    let known = !annotations.is_empty();
    let title = document.title.clone();
    browser::set_document_hash(&document.id);
    browser::scroll_to_top();
    replace(ctx, document, annotations);
    super::offline::keep_if_large(ctx);
    ctx.ui.review.set(review::pending_review(ctx));
    ctx.notices.announce(&if known { format!("Opened “{title}” with its saved annotations") } else { format!("Opened “{title}”") });
}

/// Opens the document the URL names, if it is stored here and not already open (after a
/// share link, Back or Forward).
pub fn follow_hash(ctx: &Ctx) {
    let Some(id) = browser::document_in_hash() else { return };
    if ctx.doc.document.with_untracked(|d| d.id == id) {
        return;
    }
    let document = if sample_document().id == id { Some(sample_document()) } else { library::document(&*ctx.saving.store(), &id) };
    if let Some(document) = document {
        open_document(ctx, document);
    }
}

/// Reads an article from text of a given kind; `Err` says why nothing was opened. HTML and
/// Markdown are read by a chunk loaded on first use ([`crate::later`]).
pub async fn read_article(kind: SourceKind, input: String, fallback_title: Option<&str>) -> Result<Document, String> {
    let article = match kind {
        SourceKind::Text => reader::read_text(&input),
        _ => later::read_rich(kind, input).await.map_err(|e| e.message("Reading this file"))?,
    };
    have_text(article, fallback_title)
}

fn have_text(article: reader::ReadArticle, fallback_title: Option<&str>) -> Result<Document, String> {
    if article.text.trim().is_empty() {
        return Err("No readable text was found in it.".to_string());
    }
    Ok(article.into_document(fallback_title))
}

/// Opens pasted text as an article (titled `title` if one is given); with `version_of`, as a new
/// version of that stored document. `Err` says why nothing was opened.
pub fn open_pasted(ctx: &Ctx, text: &str, title: &str, version_of: Option<DocumentId>) -> Result<(), String> {
    let mut doc = have_text(reader::read_text(text), None)?;
    if !title.trim().is_empty() {
        doc.title = title.trim().to_string();
    }
    open_read(ctx, doc, version_of);
    Ok(())
}

fn open_read(ctx: &Ctx, doc: Document, version_of: Option<DocumentId>) {
    match version_of {
        Some(old) => review::open_new_version(ctx, doc, &old),
        None => open_document(ctx, doc),
    }
}

/// Opens a picked or dropped article file; with `version_of`, as a new version of that stored
/// document (its annotations re-anchored and reviewed).
pub fn open_file(ctx: &Ctx, file: web_sys::File, version_of: Option<DocumentId>) {
    let name = file.name();
    let Some(kind) = SourceKind::from_file_name(&name) else {
        ctx.notices.toast(&format!("{name}: Quotemark opens .txt, .md and .html articles."));
        return;
    };
    if file.size() > MAX_ARTICLE_BYTES {
        ctx.notices.toast(&format!("{name} is larger than 20 MB."));
        return;
    }
    let ctx = *ctx;
    leptos::task::spawn_local(async move {
        let text = browser::file_text(&file).await;
        let stem = name.rsplit_once('.').map_or(name.as_str(), |(s, _)| s).to_string();
        let Some(text) = text else {
            ctx.notices.toast(&format!("{name} could not be read."));
            return;
        };
        match read_article(kind, text, Some(&stem)).await {
            Ok(doc) => open_read(&ctx, doc, version_of),
            Err(why) => ctx.notices.toast(&format!("{name}: {why}")),
        }
    });
}
