//! Overlap segmentation: which annotations cover which pieces of each paragraph.
//!
//! Annotations may overlap, nest and cross paragraph boundaries; the page renders each paragraph
//! as a flat sequence of text pieces. A [`Segmentation`] cuts every paragraph into [`Run`]s:
//!
//! * the runs of a paragraph **tile it exactly**, in order: uncovered text is a run with no ids,
//!   so the app renders a paragraph by walking its runs and highlighting the covered ones;
//! * each run is **maximal**: neighbouring runs differ in their ids;
//! * a run's ids are exactly the annotations covering every code point of it, **outermost first**:
//!   ordered by span start, then by span end descending (longer first), then by id. The last id
//!   is thus the innermost annotation, the natural one to colour or to open on a click.
//!
//! Spans are half-open code-point ranges into the document text. Parts of a span outside every
//! paragraph (the blank lines between paragraphs, or past the end) do not appear in runs, and an
//! empty span covers nothing. Paragraph ranges must be sorted and must not overlap, as
//! [`crate::document::paragraph_ranges`] returns them.
//!
//! Building is a sweep over the span boundaries of each paragraph, `O(A log A + R · d)` for `A`
//! annotations, `R` runs and an average overlap depth `d`. [`Segmentation::insert`] and
//! [`Segmentation::remove`] recompute only the paragraphs the changed annotation touches and
//! return their indices, so that the app re-renders just those.
//!
//! ```
//! use quotemark_core::document::paragraph_ranges;
//! use quotemark_core::model::{AnnotationId, Span};
//! use quotemark_core::segment::{Run, Segmentation};
//!
//! let text = "“We will act,” she said.\n\nCritics disagreed.";
//! let id = |s: &str| AnnotationId(s.into());
//! let mut seg = Segmentation::new(
//!     paragraph_ranges(text),
//!     [(id("quote"), Span::new(0, 14)), (id("claim"), Span::new(1, 12))],
//! );
//! let run = |s, e, ids: &[&str]| Run { span: Span::new(s, e), ids: ids.iter().map(|i| id(i)).collect() };
//! assert_eq!(seg.runs(0), &[
//!     run(0, 1, &["quote"]),
//!     run(1, 12, &["quote", "claim"]),
//!     run(12, 14, &["quote"]),
//!     run(14, 24, &[]),
//! ]);
//! assert_eq!(seg.runs(1), &[run(26, 44, &[])]);
//! assert_eq!(seg.covering(5), vec![id("quote"), id("claim")]);
//!
//! // An annotation across both paragraphs: both are recomputed.
//! assert_eq!(seg.insert(id("both"), Span::new(20, 33)), vec![0, 1]);
//! assert_eq!(seg.runs(1)[0], run(26, 33, &["both"]));
//! assert_eq!(seg.remove(&id("claim")), vec![0]);
//! ```

use crate::model::{AnnotationId, Span};
use std::cmp::Reverse;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;

/// A maximal piece of a paragraph covered by the same annotations (none for uncovered text).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Run {
    /// The code points of the run, within one paragraph.
    pub span: Span,
    /// The covering annotations, outermost first (see the module docs).
    pub ids: Vec<AnnotationId>,
}

impl Run {
    /// Whether any annotation covers this run.
    pub fn is_covered(&self) -> bool {
        !self.ids.is_empty()
    }
}

/// A slot index into [`Segmentation::entries`].
type Slot = u32;

#[derive(Clone, Debug)]
struct Entry {
    id: AnnotationId,
    span: Span,
}

/// The runs of every paragraph for a set of annotated spans, kept up to date incrementally.
#[derive(Clone, Debug, Default)]
pub struct Segmentation {
    paragraphs: Vec<Range<usize>>,
    /// Annotations by slot; freed slots are `None` and listed in `free`.
    entries: Vec<Option<Entry>>,
    free: Vec<Slot>,
    by_id: HashMap<AnnotationId, Slot, BuildHasherDefault<IdHasher>>,
    /// For each paragraph, the slots of the annotations that cover part of it (in no order).
    members: Vec<Vec<Slot>>,
    runs: Vec<Vec<Run>>,
}

impl Segmentation {
    /// Segments `paragraphs` (sorted, non-overlapping code-point ranges) for `annotations`. An id
    /// given twice keeps its last span.
    pub fn new(paragraphs: Vec<Range<usize>>, annotations: impl IntoIterator<Item = (AnnotationId, Span)>) -> Self {
        let annotations = annotations.into_iter();
        let expected = annotations.size_hint().0;
        let mut seg = Segmentation {
            entries: Vec::with_capacity(expected),
            by_id: HashMap::with_capacity_and_hasher(expected, BuildHasherDefault::default()),
            members: vec![Vec::new(); paragraphs.len()],
            runs: vec![Vec::new(); paragraphs.len()],
            paragraphs,
            ..Segmentation::default()
        };
        for (id, span) in annotations {
            match seg.by_id.get(&id) {
                Some(&slot) => {
                    seg.unlink(slot);
                    seg.entry_mut(slot).span = span;
                    seg.link(slot);
                }
                None => {
                    let slot = seg.allocate(id, span);
                    seg.link(slot);
                }
            }
        }
        for p in 0..seg.paragraphs.len() {
            seg.runs[p] = seg.compute(p);
        }
        seg
    }

    /// The paragraph ranges.
    pub fn paragraphs(&self) -> &[Range<usize>] {
        &self.paragraphs
    }

    /// The runs of paragraph `p` (empty for an empty paragraph or an index out of range).
    pub fn runs(&self, p: usize) -> &[Run] {
        self.runs.get(p).map_or(&[], Vec::as_slice)
    }

    /// The number of annotations.
    pub fn len(&self) -> usize {
        self.by_id.len()
    }

    /// Whether there are no annotations.
    pub fn is_empty(&self) -> bool {
        self.by_id.is_empty()
    }

    /// The span of an annotation, if present.
    pub fn span(&self, id: &AnnotationId) -> Option<Span> {
        self.by_id.get(id).map(|&slot| self.entry(slot).span)
    }

    /// The indices of the paragraphs that a non-empty `span` reaches into, ascending: those it
    /// covers part of, and any empty paragraph strictly inside it. Empty for an empty span.
    pub fn paragraphs_of(&self, span: Span) -> Range<usize> {
        if span.is_empty() {
            return 0..0;
        }
        let first = self.paragraphs.partition_point(|r| r.end <= span.start);
        let last = self.paragraphs.partition_point(|r| r.start < span.end);
        first..last.max(first)
    }

    /// The paragraph containing `offset`, if any.
    pub fn paragraph_at(&self, offset: usize) -> Option<usize> {
        let p = self.paragraphs.partition_point(|r| r.end <= offset);
        self.paragraphs.get(p).filter(|r| r.contains(&offset)).map(|_| p)
    }

    /// The annotations covering the code point at `offset`, outermost first: from the runs inside a
    /// paragraph (a binary search), by a scan of all annotations elsewhere.
    pub fn covering(&self, offset: usize) -> Vec<AnnotationId> {
        if let Some(p) = self.paragraph_at(offset) {
            let runs = &self.runs[p];
            let i = runs.partition_point(|r| r.span.end <= offset);
            return runs.get(i).map_or_else(Vec::new, |r| r.ids.clone());
        }
        let mut slots: Vec<Slot> = (0..self.entries.len() as Slot)
            .filter(|&s| {
                self.entries[s as usize].as_ref().is_some_and(|e| e.span.start <= offset && offset < e.span.end)
            })
            .collect();
        crate::order::sort_by_key(&mut slots, |&s| self.order_key(s));
        slots.into_iter().map(|s| self.entry(s).id.clone()).collect()
    }

    /// Adds an annotation, or moves it if the id is present. Returns the indices of the paragraphs
    /// recomputed (ascending): those the old and the new span touch; none when the span is
    /// unchanged.
    pub fn insert(&mut self, id: AnnotationId, span: Span) -> Vec<usize> {
        let mut touched: Vec<usize> = Vec::new();
        let slot = match self.by_id.get(&id) {
            Some(&slot) => {
                let old = self.entry(slot).span;
                if old == span {
                    return Vec::new();
                }
                touched.extend(self.paragraphs_of(old));
                self.unlink(slot);
                self.entry_mut(slot).span = span;
                slot
            }
            None => self.allocate(id, span),
        };
        self.link(slot);
        touched.extend(self.paragraphs_of(span));
        touched.sort_unstable();
        touched.dedup();
        self.recompute(&touched);
        touched
    }

    /// Removes an annotation. Returns the indices of the paragraphs recomputed (ascending): those
    /// its span touched; none when the id is absent.
    pub fn remove(&mut self, id: &AnnotationId) -> Vec<usize> {
        let Some(slot) = self.by_id.remove(id) else { return Vec::new() };
        let touched: Vec<usize> = self.paragraphs_of(self.entry(slot).span).collect();
        self.unlink(slot);
        self.entries[slot as usize] = None;
        self.free.push(slot);
        self.recompute(&touched);
        touched
    }

    /// The annotations and their spans, in no particular order.
    pub fn iter(&self) -> impl Iterator<Item = (&AnnotationId, Span)> {
        self.entries.iter().flatten().map(|e| (&e.id, e.span))
    }

    fn entry(&self, slot: Slot) -> &Entry {
        self.entries[slot as usize].as_ref().expect("live slot")
    }

    fn entry_mut(&mut self, slot: Slot) -> &mut Entry {
        self.entries[slot as usize].as_mut().expect("live slot")
    }

    fn allocate(&mut self, id: AnnotationId, span: Span) -> Slot {
        let entry = Some(Entry { id: id.clone(), span });
        let slot = match self.free.pop() {
            Some(slot) => {
                self.entries[slot as usize] = entry;
                slot
            }
            None => {
                self.entries.push(entry);
                (self.entries.len() - 1) as Slot
            }
        };
        self.by_id.insert(id, slot);
        slot
    }

    /// Lists `slot` as a member of the paragraphs its span touches.
    fn link(&mut self, slot: Slot) {
        for p in self.paragraphs_of(self.entry(slot).span) {
            self.members[p].push(slot);
        }
    }

    /// Removes `slot` from the paragraphs its (current) span touches.
    fn unlink(&mut self, slot: Slot) {
        for p in self.paragraphs_of(self.entry(slot).span) {
            let members = &mut self.members[p];
            if let Some(i) = members.iter().position(|&s| s == slot) {
                members.swap_remove(i);
            }
        }
    }

    fn recompute(&mut self, paragraphs: &[usize]) {
        for &p in paragraphs {
            self.runs[p] = self.compute(p);
        }
    }

    /// The order of ids in a run: outermost first.
    fn order_key(&self, slot: Slot) -> (usize, Reverse<usize>, &AnnotationId) {
        let e = self.entry(slot);
        (e.span.start, Reverse(e.span.end), &e.id)
    }

    /// The runs of paragraph `p`, by a sweep over its members' clipped boundaries.
    fn compute(&self, p: usize) -> Vec<Run> {
        let range = self.paragraphs[p].clone();
        if range.is_empty() {
            return Vec::new();
        }
        // The members outermost first; an index into this order is a member's rank, so the active
        // set is kept in run order by comparing plain integers.
        let mut members: Vec<&Entry> = self.members[p].iter().map(|&slot| self.entry(slot)).collect();
        crate::order::sort_by(&mut members, |a, b| {
            (a.span.start, Reverse(a.span.end)).cmp(&(b.span.start, Reverse(b.span.end))).then_with(|| a.id.cmp(&b.id))
        });
        // Events (position, rank << 1 | is_start), sorted by position.
        let mut events: Vec<(usize, u32)> = Vec::with_capacity(members.len() * 2);
        for (rank, e) in members.iter().enumerate() {
            let rank = (rank as u32) << 1;
            events.push((e.span.start.max(range.start), rank | 1));
            events.push((e.span.end.min(range.end), rank));
        }
        events.sort_unstable();
        let ids =
            |active: &[u32]| -> Vec<AnnotationId> { active.iter().map(|&r| members[r as usize].id.clone()).collect() };
        let mut runs = Vec::with_capacity(events.len() + 1);
        let mut active: Vec<u32> = Vec::new();
        let mut pos = range.start;
        for &(at, event) in &events {
            if at > pos {
                runs.push(Run { span: Span::new(pos, at), ids: ids(&active) });
                pos = at;
            }
            let rank = event >> 1;
            match active.binary_search(&rank) {
                Err(k) if event & 1 == 1 => active.insert(k, rank),
                Ok(k) => {
                    active.remove(k);
                }
                Err(_) => debug_assert!(false, "an end without a start"),
            }
        }
        if pos < range.end {
            runs.push(Run { span: Span::new(pos, range.end), ids: ids(&active) });
        }
        runs
    }
}

/// A small, fast hasher for annotation ids (the FxHash mixing step over 8-byte words). Ids are
/// not secret and a collision only costs time, so a keyed hash is not needed.
#[derive(Clone, Copy, Debug, Default)]
struct IdHasher(u64);

impl Hasher for IdHasher {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let word = u64::from_le_bytes(c.try_into().unwrap_or_default());
            self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(K);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(s: &str) -> AnnotationId {
        AnnotationId(s.into())
    }

    fn run(s: usize, e: usize, ids: &[&str]) -> Run {
        Run { span: Span::new(s, e), ids: ids.iter().map(|i| id(i)).collect() }
    }

    #[test]
    fn no_annotations_one_gap_run_per_paragraph() {
        let seg = Segmentation::new(vec![0..5, 7..9, 11..11], []);
        assert_eq!(seg.runs(0), &[run(0, 5, &[])]);
        assert_eq!(seg.runs(1), &[run(7, 9, &[])]);
        assert!(seg.runs(2).is_empty());
        assert!(seg.runs(3).is_empty());
        assert!(seg.is_empty());
    }

    #[test]
    fn nested_and_identical_spans_order_outermost_first() {
        let one_paragraph: Vec<Range<usize>> = std::iter::once(0..10).collect();
        let annotations = [(id("b"), Span::new(2, 6)), (id("a"), Span::new(2, 6)), (id("outer"), Span::new(0, 10))];
        let seg = Segmentation::new(one_paragraph, annotations);
        assert_eq!(seg.runs(0), &[run(0, 2, &["outer"]), run(2, 6, &["outer", "a", "b"]), run(6, 10, &["outer"])]);
    }

    #[test]
    fn empty_spans_and_spans_between_paragraphs_cover_nothing() {
        let mut seg =
            Segmentation::new(vec![0..4, 6..10], [(id("empty"), Span::new(2, 2)), (id("gap"), Span::new(4, 6))]);
        assert_eq!(seg.runs(0), &[run(0, 4, &[])]);
        assert_eq!(seg.covering(2), Vec::<AnnotationId>::new());
        assert_eq!(seg.covering(5), vec![id("gap")]);
        assert_eq!(seg.insert(id("empty"), Span::new(3, 3)), Vec::<usize>::new());
        assert_eq!(seg.remove(&id("gap")), Vec::<usize>::new());
        assert_eq!(seg.len(), 1);
    }

    #[test]
    fn moving_an_annotation_recomputes_old_and_new_paragraphs() {
        let mut seg = Segmentation::new(vec![0..4, 6..10, 12..16], [(id("x"), Span::new(1, 3))]);
        assert_eq!(seg.insert(id("x"), Span::new(13, 14)), vec![0, 2]);
        assert_eq!(seg.runs(0), &[run(0, 4, &[])]);
        assert_eq!(seg.runs(2), &[run(12, 13, &[]), run(13, 14, &["x"]), run(14, 16, &[])]);
        assert_eq!(seg.insert(id("x"), Span::new(13, 14)), Vec::<usize>::new());
        assert_eq!(seg.span(&id("x")), Some(Span::new(13, 14)));
        assert_eq!(seg.remove(&id("x")), vec![2]);
        assert_eq!(seg.remove(&id("x")), Vec::<usize>::new());
        // Freed slots are reused.
        seg.insert(id("y"), Span::new(0, 16));
        assert_eq!(seg.iter().count(), 1);
        assert_eq!(seg.paragraphs_of(Span::new(0, 16)), 0..3);
    }

    #[test]
    fn spans_past_the_end_are_clipped() {
        let seg = Segmentation::new(std::iter::once(0..4).collect(), [(id("x"), Span::new(2, 400))]);
        assert_eq!(seg.runs(0), &[run(0, 2, &[]), run(2, 4, &["x"])]);
        assert_eq!(seg.covering(100), vec![id("x")]);
        assert_eq!(seg.paragraph_at(100), None);
    }
}
