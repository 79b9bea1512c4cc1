//! Pairing two coders' spans: each span of one with at most one of the other, best overlap first,
//! and the span agreement that follows (pairwise F1, which for two coders equals the positive
//! specific agreement of Hripcsak & Rothschild 2005: 2·matched / (|A| + |B|)).
//!
//! The overlap of two spans is the shared length over the longer one's length, so 0.8 means each
//! covers at least 80% of the other; 1.0 is an exact match.

use crate::model::Span;

/// Shared length over the longer span's length (0 for spans that do not meet).
pub fn overlap(a: Span, b: Span) -> f64 {
    let shared = a.end.min(b.end).saturating_sub(a.start.max(b.start));
    let longer = a.len().max(b.len());
    if longer == 0 {
        return if a == b { 1.0 } else { 0.0 };
    }
    shared as f64 / longer as f64
}

/// Which spans of `a` and `b` were paired, and which were left alone.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Pairing {
    /// `(index in a, index in b, overlap)`, best overlap first.
    pub pairs: Vec<(usize, usize, f64)>,
    pub only_a: Vec<usize>,
    pub only_b: Vec<usize>,
}

/// Pairs spans that overlap by more than `min` (use 0.0 for any overlap), best first; `same`
/// says which may be paired at all (the same kind, say).
pub fn pair(a: &[Span], b: &[Span], min: f64, same: impl Fn(usize, usize) -> bool) -> Pairing {
    // Candidates by a sweep over b in order of start: a span of b meets a span of a only if it
    // starts before a ends and ends after a starts.
    let mut order_b: Vec<usize> = (0..b.len()).collect();
    crate::order::sort_by_key(&mut order_b, |&j| (b[j].start, b[j].end));
    let longest_b = b.iter().map(Span::len).max().unwrap_or(0);
    let mut candidates: Vec<(f64, usize, usize)> = Vec::new();
    for (i, &s) in a.iter().enumerate() {
        let from = order_b.partition_point(|&j| b[j].start + longest_b < s.start);
        for &j in order_b[from..].iter().take_while(|&&j| b[j].start < s.end.max(s.start + 1)) {
            let o = overlap(s, b[j]);
            if o > min && same(i, j) {
                candidates.push((o, i, j));
            }
        }
    }
    crate::order::sort_by(&mut candidates, |x, y| y.0.total_cmp(&x.0).then((x.1, x.2).cmp(&(y.1, y.2))));
    let (mut used_a, mut used_b) = (vec![false; a.len()], vec![false; b.len()]);
    let mut out = Pairing::default();
    for (o, i, j) in candidates {
        if !used_a[i] && !used_b[j] {
            used_a[i] = true;
            used_b[j] = true;
            out.pairs.push((i, j, o));
        }
    }
    out.only_a = (0..a.len()).filter(|&i| !used_a[i]).collect();
    out.only_b = (0..b.len()).filter(|&j| !used_b[j]).collect();
    out
}

/// Pairwise F1 of `matched` pairs between sets of `a` and `b` spans (1.0 when both are empty).
pub fn f1(matched: usize, a: usize, b: usize) -> f64 {
    if a + b == 0 {
        1.0
    } else {
        2.0 * matched as f64 / (a + b) as f64
    }
}
