//! The open document: its text, its annotations, where each one is anchored, how the paragraphs
//! are segmented into highlight runs, and the undo history. Views read it through read-only
//! signals; it changes only through its methods, which the actions call, and each change redraws
//! only the paragraphs it touched. It knows nothing of storage or of the UI.

use leptos::prelude::*;
use quotemark_core::anchor::{AnchorText, Anchored};
use quotemark_core::document::Document;
use quotemark_core::model::{AnnotationId, AnnotationSet, Command, CommandError, History, Span, Target};
use quotemark_core::people::People;
use quotemark_core::segment::{Run, Segmentation};
use std::collections::HashMap;

/// What an undo or a redo did: the command it applied and the change it undid or redid.
pub struct Step {
    pub applied: Command,
    pub label: String,
}

/// The open document and its annotations (a cheap, copyable handle).
#[derive(Clone, Copy)]
pub struct DocState {
    pub document: ReadSignal<Document>,
    pub annotations: ReadSignal<AnnotationSet>,
    /// Where each annotation is in the current text (exact, moved, fuzzy or orphan).
    pub anchors: ReadSignal<HashMap<AnnotationId, Anchored>>,
    pub can_undo: ReadSignal<bool>,
    pub can_redo: ReadSignal<bool>,
    /// The people behind the quotations (one person under one name: `Garcia` is `Maria Lopez
    /// Garcia`), for the cards, the speaker filter and the editor's suggestions.
    pub people: Memo<People>,
    set_document: WriteSignal<Document>,
    set_annotations: WriteSignal<AnnotationSet>,
    set_anchors: WriteSignal<HashMap<AnnotationId, Anchored>>,
    set_can_undo: WriteSignal<bool>,
    set_can_redo: WriteSignal<bool>,
    paragraph_runs: StoredValue<Vec<ArcRwSignal<Vec<Run>>>>,
    keys: StoredValue<HashMap<AnnotationId, u32>>,
    ids_by_key: StoredValue<HashMap<u32, AnnotationId>>,
    segmentation: StoredValue<Segmentation>,
    anchor_text: StoredValue<AnchorText, LocalStorage>,
    history: StoredValue<History>,
}

impl DocState {
    /// `document` with its annotations, anchored and segmented.
    pub fn new(document: Document, annotations: AnnotationSet) -> DocState {
        let (document_r, set_document) = signal(Document::from_raw(""));
        let (annotations_r, set_annotations) = signal(AnnotationSet::default());
        let (anchors, set_anchors) = signal(HashMap::new());
        let (can_undo, set_can_undo) = signal(false);
        let (can_redo, set_can_redo) = signal(false);
        let people = Memo::new(move |_| annotations_r.with(|s| People::of_annotations(s.iter())));
        let state = DocState {
            document: document_r,
            annotations: annotations_r,
            anchors,
            can_undo,
            can_redo,
            people,
            set_document,
            set_annotations,
            set_anchors,
            set_can_undo,
            set_can_redo,
            paragraph_runs: StoredValue::new(Vec::new()),
            keys: StoredValue::new(HashMap::new()),
            ids_by_key: StoredValue::new(HashMap::new()),
            segmentation: StoredValue::new(Segmentation::default()),
            anchor_text: StoredValue::new_local(AnchorText::new("")),
            history: StoredValue::new(History::default()),
        };
        state.replace(document, annotations);
        state
    }

    /// Replaces the open document and its annotations: anchors them all, segments every paragraph
    /// and starts a new history.
    pub fn replace(&self, document: Document, annotations: AnnotationSet) {
        let anchor_text = AnchorText::new(&document.text);
        let anchors: HashMap<AnnotationId, Anchored> =
            annotations.iter().map(|a| (a.id.clone(), anchor_text.anchor(&a.target))).collect();
        let paragraphs = document.paragraphs();
        let spans = anchors.iter().filter_map(|(id, a)| a.span.map(|s| (id.clone(), s)));
        let segmentation = Segmentation::new(paragraphs.clone(), spans);
        let runs = (0..paragraphs.len()).map(|p| ArcRwSignal::new(segmentation.runs(p).to_vec())).collect();
        let keys: HashMap<AnnotationId, u32> =
            annotations.iter().enumerate().map(|(i, a)| (a.id.clone(), i as u32)).collect();
        self.ids_by_key.set_value(keys.iter().map(|(id, k)| (*k, id.clone())).collect());
        self.keys.set_value(keys);
        self.paragraph_runs.set_value(runs);
        self.segmentation.set_value(segmentation);
        self.anchor_text.set_value(anchor_text);
        self.history.update_value(History::clear);
        self.set_can_undo.set(false);
        self.set_can_redo.set(false);
        self.set_anchors.set(anchors);
        self.set_annotations.set(annotations);
        self.set_document.set(document);
    }

    /// Gives the open document a new title (its text, and so its id, stay).
    pub fn retitle(&self, title: &str) {
        self.set_document.update(|d| d.title = title.to_string());
    }

    /// Applies a command and records it for undo.
    pub fn execute(&self, command: &Command) -> Result<(), CommandError> {
        let mut result = Ok(());
        self.set_annotations.update(|set| self.history.update_value(|h| result = h.execute(set, command.clone())));
        result?;
        self.refresh(command);
        Ok(())
    }

    /// Undoes the last change (`None`: there was none).
    pub fn undo(&self) -> Option<Result<Step, CommandError>> {
        let label = self.history.with_value(|h| h.peek_undo().map(Command::describe)).unwrap_or_default();
        let mut applied = None;
        self.set_annotations.update(|set| self.history.update_value(|h| applied = h.undo(set)));
        let applied = applied?;
        Some(applied.map(|applied| {
            self.refresh(&applied);
            Step { applied, label }
        }))
    }

    /// Redoes the last undone change (`None`: there was none).
    pub fn redo(&self) -> Option<Result<Step, CommandError>> {
        let mut applied = None;
        self.set_annotations.update(|set| self.history.update_value(|h| applied = h.redo(set)));
        let applied = applied?;
        Some(applied.map(|applied| {
            self.refresh(&applied);
            let label = applied.describe();
            Step { applied, label }
        }))
    }

    /// Applies a change made elsewhere (another tab) without recording it for undo.
    pub fn apply_unrecorded(&self, command: &Command) -> bool {
        let mut ok = false;
        self.set_annotations.update(|set| ok = set.apply(command).is_ok());
        if ok {
            self.refresh(command);
        }
        ok
    }

    /// Redraws what a command touched: anchors, segmentation, the affected paragraphs and the undo
    /// buttons.
    fn refresh(&self, command: &Command) {
        let touched: Vec<AnnotationId> = command.touched().into_iter().cloned().collect();
        let mut paragraphs: Vec<usize> = Vec::new();
        let mut anchors_changed = Vec::new();
        self.annotations.with_untracked(|set| {
            for id in &touched {
                self.segmentation.update_value(|seg| paragraphs.extend(seg.remove(id)));
                let anchored = set.get(id).map(|a| self.anchor_text.with_value(|t| t.anchor(&a.target)));
                if let Some(span) = anchored.and_then(|a| a.span) {
                    self.key_of(id);
                    self.segmentation.update_value(|seg| paragraphs.extend(seg.insert(id.clone(), span)));
                }
                anchors_changed.push((id.clone(), anchored));
            }
        });
        self.set_anchors.update(|anchors| {
            for (id, anchored) in anchors_changed {
                match anchored {
                    Some(a) => anchors.insert(id, a),
                    None => anchors.remove(&id),
                };
            }
        });
        paragraphs.sort_unstable();
        paragraphs.dedup();
        self.segmentation.with_value(|seg| {
            self.paragraph_runs.with_value(|runs| {
                for p in paragraphs {
                    if let Some(signal) = runs.get(p) {
                        signal.set(seg.runs(p).to_vec());
                    }
                }
            })
        });
        self.history.with_value(|h| {
            self.set_can_undo.set(h.can_undo());
            self.set_can_redo.set(h.can_redo());
        });
    }

    /// The runs signal of paragraph `index` (each paragraph redraws only when its own runs change).
    pub fn runs_of(&self, index: usize) -> Option<ArcRwSignal<Vec<Run>>> {
        self.paragraph_runs.with_value(|r| r.get(index).cloned())
    }

    /// A small number for an annotation, safe to put in attributes and CSS selectors.
    pub fn key_of(&self, id: &AnnotationId) -> u32 {
        if let Some(k) = self.keys.with_value(|k| k.get(id).copied()) {
            return k;
        }
        let key = self.ids_by_key.with_value(|k| k.keys().max().map_or(0, |m| m + 1));
        self.keys.update_value(|keys| {
            keys.insert(id.clone(), key);
        });
        self.ids_by_key.update_value(|ids| {
            ids.insert(key, id.clone());
        });
        key
    }

    /// The annotation with a given key.
    pub fn id_of_key(&self, key: u32) -> Option<AnnotationId> {
        self.ids_by_key.with_value(|k| k.get(&key).cloned())
    }

    /// Where an annotation is now (None for orphans and unknown ids).
    pub fn span_of(&self, id: &AnnotationId) -> Option<Span> {
        self.anchors.with_untracked(|a| a.get(id).and_then(|x| x.span))
    }

    /// How an annotation is anchored in the open text (None for unknown ids).
    pub fn anchored(&self, id: &AnnotationId) -> Option<Anchored> {
        self.anchors.with_untracked(|a| a.get(id).copied())
    }

    /// Runs `f` with the open text prepared for anchoring (a colleague's layer is anchored with it).
    pub fn with_anchor_text<R>(&self, f: impl FnOnce(&AnchorText) -> R) -> R {
        self.anchor_text.with_value(f)
    }

    /// The change the next undo would undo.
    pub fn last_change(&self) -> Option<Command> {
        self.history.with_value(|h| h.peek_undo().cloned())
    }

    /// Describes `span` of the open document as a target (both W3C selectors).
    pub fn describe(&self, span: Span) -> Target {
        let source = self.document.with_untracked(|d| d.id.0.clone());
        self.anchor_text.with_value(|t| t.describe(&source, span))
    }

    /// Ids of the annotations in document order (anchored ones by their current position), and of
    /// the orphans.
    pub fn ordered(&self) -> (Vec<AnnotationId>, Vec<AnnotationId>) {
        // Every annotation has an entry in `anchors` (kept in step by `replace` and `refresh`), so
        // this walks the anchors alone: no lookups, and the sort compares integers before ids.
        self.anchors.with(|anchors| {
            let mut placed: Vec<(usize, usize, &AnnotationId)> = Vec::with_capacity(anchors.len());
            let mut orphans: Vec<AnnotationId> = Vec::new();
            for (id, anchored) in anchors {
                match anchored.span {
                    Some(span) => placed.push((span.start, usize::MAX - span.end, id)),
                    None => orphans.push(id.clone()),
                }
            }
            placed.sort_unstable();
            orphans.sort_unstable();
            (placed.into_iter().map(|(_, _, id)| id.clone()).collect(), orphans)
        })
    }
}
