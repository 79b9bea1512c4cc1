//! Segmentation against a naive oracle that looks at every code point on its own.

use proptest::prelude::*;
use quotemark_core::model::{AnnotationId, Span};
use quotemark_core::segment::{Run, Segmentation};
use std::collections::BTreeMap;
use std::ops::Range;

fn id(i: usize) -> AnnotationId {
    AnnotationId(format!("a{i:02}").into())
}

/// Sorted, non-overlapping paragraphs separated by gaps (possibly empty, as are some paragraphs).
fn paragraphs() -> impl Strategy<Value = Vec<Range<usize>>> {
    prop::collection::vec((0usize..4, 0usize..40), 0..8).prop_map(|parts| {
        let mut at = 0;
        parts
            .into_iter()
            .map(|(gap, len)| {
                let r = at + gap..at + gap + len;
                at = r.end;
                r
            })
            .collect()
    })
}

fn span() -> impl Strategy<Value = Span> {
    (0usize..200, 0usize..80).prop_map(|(s, l)| Span::new(s, s + l))
}

/// Annotations by id (an id drawn twice keeps its last span, as in `Segmentation::new`).
fn annotations() -> impl Strategy<Value = Vec<(AnnotationId, Span)>> {
    prop::collection::vec((0usize..30, span()), 0..30).prop_map(|v| v.into_iter().map(|(i, s)| (id(i), s)).collect())
}

fn last_spans(annotations: &[(AnnotationId, Span)]) -> BTreeMap<AnnotationId, Span> {
    annotations.iter().cloned().collect()
}

/// Who covers `offset`, outermost first.
fn oracle_covering(set: &BTreeMap<AnnotationId, Span>, offset: usize) -> Vec<AnnotationId> {
    let mut v: Vec<(&AnnotationId, &Span)> = set.iter().filter(|(_, s)| s.start <= offset && offset < s.end).collect();
    v.sort_by_key(|(id, s)| (s.start, std::cmp::Reverse(s.end), (*id).clone()));
    v.into_iter().map(|(id, _)| id.clone()).collect()
}

/// Runs of one paragraph: consecutive code points with equal covering sets.
fn oracle_runs(set: &BTreeMap<AnnotationId, Span>, range: Range<usize>) -> Vec<Run> {
    let mut runs: Vec<Run> = Vec::new();
    for offset in range {
        let ids = oracle_covering(set, offset);
        match runs.last_mut() {
            Some(r) if r.ids == ids => r.span.end += 1,
            _ => runs.push(Run { span: Span::new(offset, offset + 1), ids }),
        }
    }
    runs
}

fn check_against_oracle(seg: &Segmentation, set: &BTreeMap<AnnotationId, Span>) -> Result<(), TestCaseError> {
    prop_assert_eq!(seg.len(), set.len());
    for (p, range) in seg.paragraphs().iter().enumerate() {
        let runs = seg.runs(p);
        prop_assert_eq!(runs, &oracle_runs(set, range.clone())[..], "paragraph {} {:?}", p, range);
        // Tiling and maximality, stated directly.
        if !range.is_empty() {
            prop_assert_eq!(runs.first().unwrap().span.start, range.start);
            prop_assert_eq!(runs.last().unwrap().span.end, range.end);
        }
        for w in runs.windows(2) {
            prop_assert_eq!(w[0].span.end, w[1].span.start);
            prop_assert_ne!(&w[0].ids, &w[1].ids);
        }
        prop_assert!(runs.iter().all(|r| !r.span.is_empty()));
    }
    for offset in 0..300 {
        prop_assert_eq!(seg.covering(offset), oracle_covering(set, offset), "offset {}", offset);
    }
    Ok(())
}

#[derive(Clone, Debug)]
enum Op {
    Insert(usize, Span),
    Remove(usize),
}

fn ops() -> impl Strategy<Value = Vec<Op>> {
    let op = prop_oneof![(0usize..30, span()).prop_map(|(i, s)| Op::Insert(i, s)), (0usize..30).prop_map(Op::Remove),];
    prop::collection::vec(op, 1..25)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn runs_match_the_oracle(paragraphs in paragraphs(), annotations in annotations()) {
        let seg = Segmentation::new(paragraphs, annotations.clone());
        check_against_oracle(&seg, &last_spans(&annotations))?;
    }

    #[test]
    fn incremental_updates_equal_a_full_recompute(
        paragraphs in paragraphs(), annotations in annotations(), ops in ops(),
    ) {
        let mut seg = Segmentation::new(paragraphs.clone(), annotations.clone());
        let mut set = last_spans(&annotations);
        for op in ops {
            let before: Vec<Vec<Run>> = (0..paragraphs.len()).map(|p| seg.runs(p).to_vec()).collect();
            let (touched, spans) = match op {
                Op::Insert(i, span) => {
                    let old = set.insert(id(i), span);
                    let spans: Vec<Span> = if old == Some(span) { vec![] } else { old.into_iter().chain([span]).collect() };
                    (seg.insert(id(i), span), spans)
                }
                Op::Remove(i) => {
                    let old = set.remove(&id(i));
                    (seg.remove(&id(i)), old.into_iter().collect())
                }
            };
            // Exactly the paragraphs the old or new span reaches into were recomputed …
            let want: Vec<usize> = paragraphs
                .iter()
                .enumerate()
                .filter(|(_, r)| spans.iter().any(|s| !s.is_empty() && s.start < r.end && r.start < s.end))
                .map(|(p, _)| p)
                .collect();
            prop_assert_eq!(&touched, &want);
            // … the others are unchanged …
            for (p, runs) in before.iter().enumerate() {
                if !touched.contains(&p) {
                    prop_assert_eq!(seg.runs(p), &runs[..]);
                }
            }
            // … and the whole equals a fresh segmentation.
            check_against_oracle(&seg, &set)?;
        }
        let fresh = Segmentation::new(paragraphs.clone(), set.clone());
        for p in 0..paragraphs.len() {
            prop_assert_eq!(seg.runs(p), fresh.runs(p));
        }
    }
}
