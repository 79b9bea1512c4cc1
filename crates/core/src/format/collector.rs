//! What the importers of one file share: how strictly to read ([`Ctx`]), and the [`Collector`]
//! that gathers annotations in file order, rejects duplicate ids and names the anonymous ones.
//! Uses the format's error types and the model.

use super::error::{quoted, Path};
use super::fields::R;
use crate::model::{Annotation, AnnotationId};
use sha2::{Digest, Sha256};
use std::collections::HashMap;

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
        Collector {
            ctx,
            annotations: Vec::new(),
            paths: Vec::new(),
            seen: HashMap::new(),
            anonymous: Vec::new(),
        }
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
