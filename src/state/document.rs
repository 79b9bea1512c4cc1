//! The app's state: the open document, its annotations and undo history, wrapped in signals for the
//! components. The data itself (core types) holds no signals; this module is the only place that
//! turns core results into reactive updates, and it touches only the paragraphs a change affects.

use crate::persist::{self, Persistence};
use crate::storage::{Store, WriteError};
use leptos::prelude::*;
use quotemark_core::anchor::{AnchorText, Anchored};
use quotemark_core::document::Document;
use quotemark_core::model::{Annotation, AnnotationId, AnnotationSet, Command, CommandError, History, Span, Timestamp};
use quotemark_core::segment::{Run, Segmentation};
use std::collections::HashMap;
use std::rc::Rc;

/// What the editor in the side panel shows.
#[derive(Clone, Debug, PartialEq)]
pub enum Editing {
    /// A new annotation, not yet saved (Esc discards it).
    New(Annotation),
    /// An existing annotation, by id.
    Existing(AnnotationId),
}

/// A selection in the article waiting to be tagged, with where to show the toolbar (page coordinates).
#[derive(Clone, Debug, PartialEq)]
pub struct Pending {
    pub span: Span,
    pub x: f64,
    pub y: f64,
}

/// A short message with an optional Undo action.
#[derive(Clone, Debug, PartialEq)]
pub struct Toast {
    pub message: String,
    pub undo: bool,
}

/// Everything the panels share, provided as context. All fields are cheap handles.
#[derive(Clone, Copy)]
pub struct AppState {
    pub document: RwSignal<Document>,
    pub annotations: RwSignal<AnnotationSet>,
    /// Where each annotation is in the current text (exact, moved, fuzzy or orphan).
    pub anchors: RwSignal<HashMap<AnnotationId, Anchored>>,
    pub can_undo: RwSignal<bool>,
    pub can_redo: RwSignal<bool>,
    pub editing: RwSignal<Option<Editing>>,
    pub hovered: RwSignal<Option<AnnotationId>>,
    pub selected: RwSignal<Option<AnnotationId>>,
    pub pending: RwSignal<Option<Pending>>,
    /// The re-anchoring review shown after opening a new version of an annotated document.
    pub review: RwSignal<Option<crate::components::review::Review>>,
    /// Whether the panel is unfolded on a phone (a bottom sheet there; ignored on wide screens).
    pub sheet_open: RwSignal<bool>,
    /// An orphan waiting for the reader to select the text it should be attached to.
    pub reattach: RwSignal<Option<AnnotationId>>,
    /// Overlapping annotations under a click, for the reader to choose from.
    pub chooser: RwSignal<Option<(Vec<AnnotationId>, f64, f64)>>,
    pub announcement: RwSignal<String>,
    pub toast: RwSignal<Option<Toast>>,
    pub shortcuts_open: RwSignal<bool>,
    /// Bumped when an annotation should flash in the article: (id, counter).
    pub flash: RwSignal<Option<(AnnotationId, u32)>>,
    /// Set while changes cannot be saved; shown as a banner (cleared by the next successful save).
    pub storage_problem: RwSignal<Option<String>>,
    /// Things that went wrong reading saved values (each was set aside); dismissible.
    pub load_notes: RwSignal<Vec<String>>,
    /// Whether the store keeps values across reloads (false: in memory only).
    pub persistent: bool,
    paragraph_runs: StoredValue<Vec<ArcRwSignal<Vec<Run>>>>,
    keys: StoredValue<HashMap<AnnotationId, u32>>,
    ids_by_key: StoredValue<HashMap<u32, AnnotationId>>,
    save_scheduled: StoredValue<bool>,
    segmentation: StoredValue<Segmentation>,
    anchor_text: StoredValue<AnchorText, LocalStorage>,
    history: StoredValue<History>,
    persistence: StoredValue<Option<Persistence>, LocalStorage>,
    /// What the toast's Undo does when it is not the history's undo (e.g. restoring a deleted article).
    pub restore: StoredValue<Option<Rc<dyn Fn()>>, LocalStorage>,
    store: StoredValue<Rc<dyn Store>, LocalStorage>,
}

impl AppState {
    /// Opens the document saved last (or the built-in sample) from `store`.
    pub fn new(store: Rc<dyn Store>) -> AppState {
        let mut notes = Vec::new();
        persist::migrate(&*store, now(), &mut notes);
        let loaded = match persist::current_id(&*store) {
            Some(id) => persist::load(&*store, &id, now()).unwrap_or_else(|note| {
                notes.push(note);
                None
            }),
            None => None,
        };
        let mut rewrite = false;
        let (document, annotations) = match loaded {
            Some(loaded) => {
                notes.extend(loaded.problems);
                rewrite = loaded.rewrite;
                (loaded.document, loaded.annotations)
            }
            None => {
                // The sample, with whatever was saved for it before.
                let sample = sample_document();
                match persist::load(&*store, &sample.id, now()) {
                    Ok(Some(loaded)) => {
                        notes.extend(loaded.problems);
                        rewrite = loaded.rewrite;
                        (sample, loaded.annotations)
                    }
                    Ok(None) => (sample, AnnotationSet::default()),
                    Err(note) => {
                        notes.push(note);
                        (sample, AnnotationSet::default())
                    }
                }
            }
        };
        let persistent = store.persistent();
        let state = AppState {
            document: RwSignal::new(document.clone()),
            annotations: RwSignal::new(AnnotationSet::default()),
            anchors: RwSignal::new(HashMap::new()),
            can_undo: RwSignal::new(false),
            can_redo: RwSignal::new(false),
            editing: RwSignal::new(None),
            hovered: RwSignal::new(None),
            selected: RwSignal::new(None),
            pending: RwSignal::new(None),
            review: RwSignal::new(None),
            reattach: RwSignal::new(None),
            sheet_open: RwSignal::new(false),
            chooser: RwSignal::new(None),
            announcement: RwSignal::new(String::new()),
            toast: RwSignal::new(None),
            shortcuts_open: RwSignal::new(false),
            flash: RwSignal::new(None),
            storage_problem: RwSignal::new(None),
            load_notes: RwSignal::new(notes),
            persistent,
            persistence: StoredValue::new_local(None),
            restore: StoredValue::new_local(None),
            paragraph_runs: StoredValue::new(Vec::new()),
            keys: StoredValue::new(HashMap::new()),
            ids_by_key: StoredValue::new(HashMap::new()),
            save_scheduled: StoredValue::new(false),
            segmentation: StoredValue::new(Segmentation::default()),
            anchor_text: StoredValue::new_local(AnchorText::new("")),
            history: StoredValue::new(History::default()),
            store: StoredValue::new_local(store),
        };
        mark("quotemark:loaded");
        state.open(document, annotations);
        state.review.set(crate::components::review::pending_review(&state));
        if rewrite {
            // Some records were set aside with the set they were in: write the good ones again.
            state.persistence.update_value(|p| p.as_mut().map_or((), Persistence::rewrite_all));
            state.schedule_save();
        }
        mark("quotemark:state-ready");
        state
    }

    /// Opens a document with its annotations: anchors them all and segments every paragraph.
    pub fn open(&self, document: Document, annotations: AnnotationSet) {
        // What the open document has not saved yet is saved before it is replaced.
        self.flush_save();
        let anchor_text = AnchorText::new(&document.text);
        let anchors: HashMap<AnnotationId, Anchored> = annotations
            .iter()
            .map(|a| (a.id.clone(), anchor_text.anchor(&a.target)))
            .collect();
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
        let store = self.store.get_value();
        let (persistence, written) = Persistence::open(store, &document, now());
        self.persistence.set_value(Some(persistence));
        self.report_write(written);
        self.history.update_value(History::clear);
        self.can_undo.set(false);
        self.can_redo.set(false);
        self.editing.set(None);
        self.pending.set(None);
        self.review.set(None);
        self.reattach.set(None);
        self.anchors.set(anchors);
        self.annotations.set(annotations);
        self.document.set(document);
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

    /// Describes `span` of the open document as a target (both W3C selectors).
    pub fn describe(&self, span: Span) -> quotemark_core::model::Target {
        let source = self.document.with_untracked(|d| d.id.0.clone());
        self.anchor_text.with_value(|t| t.describe(&source, span))
    }

    /// Applies a command, records it for undo, redraws what it touched and saves.
    pub fn execute(&self, command: Command) -> Result<(), CommandError> {
        let mut result = Ok(());
        self.annotations.update(|set| {
            self.history.update_value(|h| result = h.execute(set, command.clone()));
        });
        result?;
        let message = describe_change(&command);
        let toast = matches!(command, Command::Delete(_)).then(|| Toast { message: message.clone(), undo: true });
        self.after_change(&command, &message, toast);
        Ok(())
    }

    /// Undoes the last change, if any.
    pub fn undo(&self) {
        let mut applied = None;
        let label = self.history.with_value(|h| h.peek_undo().map(Command::describe));
        self.annotations.update(|set| self.history.update_value(|h| applied = h.undo(set)));
        match applied {
            Some(Ok(inverse)) => {
                let message = format!("Undone: {}", label.unwrap_or_default());
                self.after_change(&inverse, &message, Some(Toast { message: message.clone(), undo: false }))
            }
            Some(Err(e)) => self.announce(&format!("Could not undo: {e}")),
            None => self.announce("Nothing to undo"),
        }
    }

    /// Redoes the last undone change, if any.
    pub fn redo(&self) {
        let mut applied = None;
        self.annotations.update(|set| self.history.update_value(|h| applied = h.redo(set)));
        match applied {
            Some(Ok(command)) => {
                let message = format!("Redone: {}", command.describe());
                self.after_change(&command, &message, Some(Toast { message: message.clone(), undo: false }))
            }
            Some(Err(e)) => self.announce(&format!("Could not redo: {e}")),
            None => self.announce("Nothing to redo"),
        }
    }

    fn after_change(&self, command: &Command, message: &str, toast: Option<Toast>) {
        self.refresh(command);
        self.announce(message);
        self.restore.set_value(None);
        self.toast.set(toast);
        self.persistence.update_value(|p| {
            if let Some(p) = p {
                p.touch(command.touched());
            }
        });
        self.schedule_save();
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
        self.anchors.update(|anchors| {
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
            self.can_undo.set(h.can_undo());
            self.can_redo.set(h.can_redo());
        });
        // An editor open on an annotation that no longer exists closes.
        if let Some(Editing::Existing(id)) = self.editing.get_untracked() {
            if !self.annotations.with_untracked(|s| s.contains(&id)) {
                self.editing.set(None);
            }
        }
    }

    /// How an annotation is anchored in the open text (None for unknown ids).
    pub fn anchored(&self, id: &AnnotationId) -> Option<Anchored> {
        self.anchors.with_untracked(|a| a.get(id).copied())
    }

    /// Marks every annotation of the open document as changed, and saves them soon (after a
    /// document was opened with annotations that are not yet stored for it).
    pub fn save_all(&self) {
        let ids: Vec<AnnotationId> = self.annotations.with_untracked(|set| set.iter().map(|a| a.id.clone()).collect());
        self.persistence.update_value(|p| {
            if let Some(p) = p {
                p.touch(&ids);
            }
        });
        self.schedule_save();
    }

    /// Says something to screen-reader users (an aria-live region).
    pub fn announce(&self, message: &str) {
        self.announcement.set(message.to_string());
    }

    /// Saves soon: after the browser has painted the change, so that saving thousands of annotations
    /// never delays what the reader sees. Several changes in one frame are saved once.
    pub fn schedule_save(&self) {
        if self.save_scheduled.get_value() {
            return;
        }
        self.save_scheduled.set_value(true);
        let state = *self;
        request_animation_frame(move || {
            set_timeout(move || state.save_if_scheduled(), std::time::Duration::ZERO);
        });
    }

    fn save_if_scheduled(&self) {
        if self.save_scheduled.try_get_value().unwrap_or(false) {
            self.save_scheduled.set_value(false);
            self.save();
        }
    }

    /// Saves now if a save is pending, and removes the change records a compaction left (called
    /// when the page is hidden or closed, and before another document replaces this one).
    pub fn flush_save(&self) {
        self.save_if_scheduled();
        self.tidy_storage();
    }

    /// Removes the change records the last compaction folded into the set (see [`Persistence::tidy`]).
    fn tidy_storage(&self) {
        self.persistence.try_update_value(|p| {
            if let Some(p) = p.as_mut().filter(|p| p.has_folded()) {
                mark("quotemark:tidy-start");
                p.tidy();
                measure("quotemark:tidy", "quotemark:tidy-start");
            }
        });
    }

    /// Writes every annotation changed since the last successful save.
    pub fn save(&self) {
        mark("quotemark:save-start");
        let mut result = Ok(());
        self.annotations.with_untracked(|set| {
            self.persistence.update_value(|p| {
                if let Some(p) = p {
                    result = p.flush(set);
                }
            })
        });
        measure("quotemark:save", "quotemark:save-start");
        self.report_write(result);
        if self.persistence.with_value(|p| p.as_ref().is_some_and(Persistence::has_folded)) {
            let state = *self;
            request_idle_callback(move || state.tidy_storage());
        }
    }

    fn report_write(&self, result: Result<(), WriteError>) {
        let problem = match result {
            Ok(()) => None,
            Err(WriteError::QuotaExceeded) => Some(
                "The browser’s storage for Quotemark is full, so your latest changes are kept in this page but not saved. \
                 Export them to keep them, or free some space; Quotemark tries again at your next change."
                    .to_string(),
            ),
            Err(WriteError::Other(e)) => Some(format!(
                "Your latest changes could not be saved ({e}). They are kept in this page; export them to keep them."
            )),
        };
        if self.storage_problem.get_untracked() != problem {
            self.storage_problem.set(problem);
        }
    }

    /// Takes in what another tab wrote under `key` (`value` `None`: removed): a change to one
    /// annotation, or the whole set written again (then every difference from it). A change of
    /// this tab's that is not yet saved and is newer wins, and is saved.
    pub fn apply_external(&self, key: &str, value: Option<&str>) {
        let mut foreign = None;
        self.persistence.update_value(|p| foreign = p.as_mut().and_then(|p| p.foreign(key, value)));
        let incoming: Vec<(AnnotationId, Option<Annotation>)> = match foreign {
            None => return,
            Some(persist::Foreign::Change(id, a)) => vec![(id, a)],
            Some(persist::Foreign::Set(set)) => {
                let theirs: HashMap<AnnotationId, Annotation> = set.into_iter().map(|a| (a.id.clone(), a)).collect();
                let mut out: Vec<(AnnotationId, Option<Annotation>)> = self.annotations.with_untracked(|ours| {
                    ours.iter()
                        .filter(|a| !theirs.contains_key(&a.id))
                        .map(|a| a.id.clone())
                        // Not in their set: gone, unless a change record (theirs or ours) says otherwise.
                        .filter(|id| !self.persistence.with_value(|p| p.as_ref().is_some_and(|p| p.has_change_record(id))))
                        .map(|id| (id, None))
                        .collect()
                });
                self.annotations.with_untracked(|ours| {
                    out.extend(theirs.into_iter().filter(|(id, a)| ours.get(id) != Some(a)).map(|(id, a)| (id, Some(a))));
                });
                out
            }
        };
        let mut changed = false;
        for (id, incoming) in incoming {
            changed |= self.apply_incoming(id, incoming);
        }
        if changed {
            self.announce("Updated from another tab");
        }
    }

    fn apply_incoming(&self, id: AnnotationId, incoming: Option<Annotation>) -> bool {
        let ours = self.annotations.with_untracked(|s| s.get(&id).cloned());
        let ours_pending = self.persistence.with_value(|p| p.as_ref().is_some_and(|p| p.is_dirty(&id)));
        if ours_pending {
            match (&ours, &incoming) {
                (Some(o), Some(i)) if o.modified >= i.modified => {
                    self.schedule_save();
                    return false;
                }
                (_, None) => {
                    self.schedule_save();
                    return false;
                }
                _ => {}
            }
        }
        let command = match (ours, incoming) {
            (None, Some(i)) => Command::Create(i),
            (Some(o), Some(i)) if o != i => Command::Update { before: o, after: i },
            (Some(o), None) => Command::Delete(o),
            _ => return false,
        };
        let mut ok = false;
        self.annotations.update(|set| ok = set.apply(&command).is_ok());
        if ok {
            self.refresh(&command);
        }
        ok
    }

    /// The store the app keeps its data in.
    pub fn store(&self) -> Rc<dyn Store> {
        self.store.get_value()
    }

    /// Ids of the annotations in document order (anchored ones by their current position), and of
    /// the orphans.
    pub fn ordered(&self) -> (Vec<AnnotationId>, Vec<AnnotationId>) {
        // Every annotation has an entry in `anchors` (kept in step by `open` and `refresh`), so this
        // walks the anchors alone: no lookups, and the sort compares integers before ids.
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

fn describe_change(command: &Command) -> String {
    match command {
        Command::Create(a) => format!("Created {}", a.kind.name()),
        Command::Update { after, .. } => format!("Saved {}", after.kind.name()),
        Command::Delete(a) => format!("Deleted {}", a.kind.name()),
        Command::Batch(cs) => format!("Applied {} changes", cs.len()),
    }
}

/// A performance mark for the page benchmark.
pub fn mark(name: &str) {
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.mark(name);
    }
}

/// A performance measure from a mark to now, for the page benchmark.
pub fn measure(name: &str, from: &str) {
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.measure_with_start_mark(name, from);
    }
}

/// The built-in sample article.
pub fn sample_document() -> Document {
    Document::from_raw(quotemark_core::SAMPLE_ARTICLE)
}

/// Now, as a model timestamp.
pub fn now() -> Timestamp {
    Timestamp(js_sys::Date::now() as i64)
}

/// A fresh random annotation id (UUID v4 from the browser's crypto).
pub fn new_id() -> AnnotationId {
    let mut bytes = [0u8; 16];
    let filled = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .map(|c| c.get_random_values_with_u8_array(&mut bytes).is_ok())
        .unwrap_or(false);
    if !filled {
        for (i, b) in bytes.iter_mut().enumerate() {
            *b = ((js_sys::Math::random() * 256.0) as u8).wrapping_add(i as u8);
        }
    }
    AnnotationId::from_random_bytes(bytes)
}
