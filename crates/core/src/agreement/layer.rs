//! A colleague's annotations as a layer beside mine: read from a file, anchored in the open text
//! and kept apart (never merged). A file for another article is refused with a message that
//! names it; one made on another version of this article is re-anchored and reported as imports
//! are (exact, moved, fuzzy, not found).

use crate::anchor::{AnchorStatus, AnchorText, Anchored};
use crate::document::Document;
use crate::format;
use crate::merge::AnchorCounts;
use crate::model::{AnnotationId, AnnotationSet};
use std::collections::HashMap;

/// At most this many layers besides mine.
pub const MAX_LAYERS: usize = 5;

/// A colleague's annotations anchored in the open text.
#[derive(Clone, Debug, PartialEq)]
pub struct Layer {
    /// A stable id within the document's comparison (`1`, `2`, …).
    pub id: String,
    /// Who or what it is: the file's name, as the reader may rename it.
    pub name: String,
    pub annotations: AnnotationSet,
    /// Where each annotation is in the open text.
    pub anchors: HashMap<AnnotationId, Anchored>,
}

impl Layer {
    /// `annotations` anchored in `text`.
    pub fn new(id: String, name: String, annotations: AnnotationSet, text: &AnchorText) -> Layer {
        let anchors = annotations.iter().map(|a| (a.id.clone(), text.anchor(&a.target))).collect();
        Layer { id, name, annotations, anchors }
    }

    /// How its annotations anchored.
    pub fn counts(&self) -> AnchorCounts {
        let mut c = AnchorCounts::default();
        for a in self.anchors.values() {
            match a.status {
                AnchorStatus::Exact => c.exact += 1,
                AnchorStatus::Moved => c.moved += 1,
                AnchorStatus::Fuzzy { .. } => c.fuzzy += 1,
                AnchorStatus::Orphan => c.orphan += 1,
            }
        }
        c
    }
}

/// A file read as a layer, before it is added: its annotations and, when it was made on another
/// version of the article, that version's title.
#[derive(Clone, Debug, PartialEq)]
pub struct Incoming {
    pub annotations: AnnotationSet,
    pub other_version: Option<String>,
}

/// Reads `json` as a layer for `open`, or says why it cannot be one. Fewer than half of its
/// annotations found in the open text means it is for another article.
pub fn read(json: &str, open: &Document, text: &AnchorText) -> Result<Incoming, String> {
    let imported = format::import(json).map_err(|e| e.to_string())?;
    if imported.annotations.is_empty() {
        return Err("This file has no annotations to compare.".to_string());
    }
    let total = imported.annotations.len();
    let found = imported.annotations.iter().filter(|a| text.anchor(&a.target).span.is_some()).count();
    let other = imported.document.filter(|d| d.id != open.id);
    if found * 2 < total {
        return Err(match &other {
            Some(d) => format!(
                "This file is for another article, “{}”{}: only {found} of its {total} annotations are in the open article. Open that article to compare with it.",
                d.title,
                d.source.as_ref().map(|s| format!(" ({s})")).unwrap_or_default()
            ),
            None => format!(
                "Only {found} of this file’s {total} annotations are in the open article: it was made on another article. Open that article to compare with it."
            ),
        });
    }
    let annotations = imported.annotations.into_iter().collect();
    Ok(Incoming { annotations, other_version: other.map(|d| d.title) })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::{export, ExportOptions};
    use crate::model::{Annotation, Kind, Quote, Timestamp};

    fn quote_on(doc: &Document, n: u8, start: usize, end: usize) -> Annotation {
        let text = AnchorText::new(&doc.text);
        Annotation::new(
            AnnotationId::from_random_bytes([n; 16]),
            text.describe(&doc.id.0, crate::model::Span::new(start, end)),
            Kind::Quote(Quote::default()),
            Timestamp(0),
        )
    }

    fn file(doc: &Document, annotations: Vec<Annotation>) -> String {
        export(doc, &annotations.into_iter().collect(), &ExportOptions::default())
    }

    #[test]
    fn a_file_for_the_open_article_is_a_layer() {
        let doc = Document::from_raw("One said this. Two said that, and three said more.");
        let text = AnchorText::new(&doc.text);
        let json = file(&doc, vec![quote_on(&doc, 1, 0, 13), quote_on(&doc, 2, 15, 28)]);
        let incoming = read(&json, &doc, &text).unwrap();
        assert_eq!(incoming.annotations.len(), 2);
        assert_eq!(incoming.other_version, None);
        let layer = Layer::new("1".into(), "b".into(), incoming.annotations, &text);
        assert_eq!(layer.counts(), AnchorCounts { exact: 2, ..AnchorCounts::default() });
    }

    #[test]
    fn a_file_for_another_article_is_refused_by_name() {
        let other = Document::from_raw("Completely different words live here, nothing alike at all.");
        let open = Document::from_raw("One said this. Two said that, and three said more.");
        let json = file(&other, vec![quote_on(&other, 1, 0, 20)]);
        let e = read(&json, &open, &AnchorText::new(&open.text)).unwrap_err();
        assert!(e.contains("another article") && e.contains(&other.title), "{e}");
        assert!(e.contains("only 0 of its 1"), "{e}");
    }

    #[test]
    fn another_version_is_re_anchored_and_named() {
        let old = Document::from_raw("One said this. Two said that, and three said more.");
        let new = Document::from_raw("Today one said this. Two said that, and three said more.");
        let json = file(&old, vec![quote_on(&old, 1, 0, 13), quote_on(&old, 2, 15, 28)]);
        let text = AnchorText::new(&new.text);
        let incoming = read(&json, &new, &text).unwrap();
        assert_eq!(incoming.other_version.as_deref(), Some(old.title.as_str()));
        let layer = Layer::new("1".into(), "b".into(), incoming.annotations, &text);
        let c = layer.counts();
        assert_eq!((c.exact, c.orphan, c.moved + c.fuzzy), (0, 0, 2), "{c:?}");
    }

    #[test]
    fn bad_and_empty_files_say_so() {
        let doc = Document::from_raw("One said this.");
        let text = AnchorText::new(&doc.text);
        assert!(read("{ not json", &doc, &text).is_err());
        let e = read(&file(&doc, vec![]), &doc, &text).unwrap_err();
        assert!(e.contains("no annotations"), "{e}");
    }
}
