//! The comparison with colleagues: their layers of the open article (anchored, never merged into
//! mine), the one being adjudicated, the decisions made, and that layer's highlight runs for each
//! paragraph (drawn beside mine). Changed through its methods, which the actions call.

use leptos::prelude::*;
use quotemark_core::agreement::adjudicate::Decision;
use quotemark_core::agreement::layer::Layer;
use quotemark_core::model::{AnnotationId, Kind, Span};
use quotemark_core::segment::{Run, Segmentation};
use std::collections::HashSet;
use std::ops::Range;

/// A cheap, copyable handle.
#[derive(Clone, Copy)]
pub struct Compare {
    /// Whether the panel shows the comparison. View state.
    pub open: RwSignal<bool>,
    /// What the last attempt to add a layer said (added, refused and why). View state.
    pub message: RwSignal<Option<String>>,
    pub layers: ReadSignal<Vec<Layer>>,
    /// The layer adjudicated and drawn in the article.
    pub active: ReadSignal<Option<String>>,
    pub decisions: ReadSignal<Vec<Decision>>,
    set_layers: WriteSignal<Vec<Layer>>,
    set_active: WriteSignal<Option<String>>,
    set_decisions: WriteSignal<Vec<Decision>>,
    /// The active layer's runs per paragraph (empty when nothing is compared).
    runs: StoredValue<Vec<ArcRwSignal<Vec<Run>>>>,
    /// Which of the active layer's annotations are quotes (the rest are claims).
    quotes: StoredValue<HashSet<AnnotationId>>,
}

impl Compare {
    pub fn new() -> Compare {
        let (layers, set_layers) = signal(Vec::new());
        let (active, set_active) = signal(None);
        let (decisions, set_decisions) = signal(Vec::new());
        Compare {
            open: RwSignal::new(false),
            message: RwSignal::new(None),
            layers,
            active,
            decisions,
            set_layers,
            set_active,
            set_decisions,
            runs: StoredValue::new(Vec::new()),
            quotes: StoredValue::new(HashSet::new()),
        }
    }

    /// Replaces everything (another document opened, or its stored comparison was read).
    pub fn replace(&self, layers: Vec<Layer>, active: Option<String>, decisions: Vec<Decision>) {
        let active = active.filter(|a| layers.iter().any(|l| &l.id == a)).or_else(|| layers.first().map(|l| l.id.clone()));
        self.set_layers.set(layers);
        self.set_decisions.set(decisions);
        self.set_active.set(active);
    }

    pub fn add_layer(&self, layer: Layer) {
        let id = layer.id.clone();
        self.set_layers.update(|l| l.push(layer));
        self.set_active.set(Some(id));
    }

    /// Removes a layer and the decisions made on it; the next one becomes active.
    pub fn remove_layer(&self, id: &str) {
        self.set_layers.update(|l| l.retain(|x| x.id != id));
        self.set_decisions.update(|d| d.retain(|x| x.layer != id));
        if self.active.get_untracked().as_deref() == Some(id) {
            self.set_active.set(self.layers.with_untracked(|l| l.first().map(|l| l.id.clone())));
        }
    }

    pub fn rename_layer(&self, id: &str, name: &str) {
        self.set_layers.update(|l| l.iter_mut().filter(|x| x.id == id).for_each(|x| x.name = name.to_string()));
    }

    pub fn set_active(&self, id: &str) {
        self.set_active.set(Some(id.to_string()));
    }

    pub fn push_decision(&self, decision: Decision) {
        self.set_decisions.update(|d| d.push(decision));
    }

    /// Takes back the decision at `index`.
    pub fn remove_decision(&self, index: usize) -> Option<Decision> {
        let mut removed = None;
        self.set_decisions.update(|d| {
            if index < d.len() {
                removed = Some(d.remove(index));
            }
        });
        removed
    }

    /// An id for a new layer, unused in this comparison.
    pub fn next_id(&self) -> String {
        let max = self.layers.with_untracked(|l| l.iter().filter_map(|x| x.id.parse::<u32>().ok()).max().unwrap_or(0));
        (max + 1).to_string()
    }

    /// The runs signal of paragraph `index` (made on first use and kept, so a paragraph's view
    /// keeps the same signal whatever is compared).
    pub fn runs_of(&self, index: usize) -> ArcRwSignal<Vec<Run>> {
        if let Some(r) = self.runs.with_value(|r| r.get(index).cloned()) {
            return r;
        }
        self.runs.update_value(|r| {
            while r.len() <= index {
                r.push(ArcRwSignal::new(Vec::new()));
            }
        });
        self.runs.with_value(|r| r[index].clone())
    }

    /// Whether any of the active layer's highlights are drawn (`draw` has something to clear).
    pub fn drawn(&self) -> bool {
        self.runs.with_value(|r| r.iter().any(|s| s.with_untracked(|runs| !runs.is_empty())))
    }

    /// Whether an annotation of the active layer is a quote.
    pub fn is_quote(&self, id: &AnnotationId) -> bool {
        self.quotes.with_value(|q| q.contains(id))
    }

    /// Draws the active layer (or nothing, when `shown` is false) in paragraphs `paragraphs`.
    pub fn draw(&self, paragraphs: Vec<Range<usize>>, shown: bool) {
        let (spans, quotes): (Vec<(AnnotationId, Span)>, HashSet<AnnotationId>) = if shown {
            let active = self.active.get_untracked();
            self.layers.with_untracked(|layers| {
                let Some(layer) = layers.iter().find(|l| Some(&l.id) == active.as_ref()) else { return Default::default() };
                let spans = layer.anchors.iter().filter_map(|(id, a)| Some((id.clone(), a.span?))).collect();
                let quotes = layer.annotations.iter().filter(|a| matches!(a.kind, Kind::Quote(_))).map(|a| a.id.clone()).collect();
                (spans, quotes)
            })
        } else {
            Default::default()
        };
        let count = paragraphs.len();
        let segmentation = Segmentation::new(paragraphs, spans);
        self.quotes.set_value(quotes);
        for p in 0..count.max(self.runs.with_value(Vec::len)) {
            let runs = if p < count { segmentation.runs(p).to_vec() } else { Vec::new() };
            let signal = self.runs_of(p);
            if signal.with_untracked(|r| r.is_empty() && runs.is_empty()) {
                continue;
            }
            signal.set(runs);
        }
    }
}

impl Default for Compare {
    fn default() -> Self {
        Compare::new()
    }
}
