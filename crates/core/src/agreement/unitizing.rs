//! Krippendorff's α for unitizing, α_U: how well several coders agree on *where* units of each
//! category are in a continuum (for Quotemark, the code points of an article), without first
//! pairing units up (Krippendorff 1995, "On the reliability of unitizing contiguous data";
//! Content Analysis, 2004, pp. 251–256).
//!
//! For a category c, each coder's continuum `[0, L)` is cut into sections: their units of c and
//! the gaps between them. Over every pair of coders and every pair of their sections that
//! overlap, the squared distance δ² is
//! - two units, overlapping: (b_g − b_h)² + (e_g − e_h)² (the differences of their begins and ends);
//! - a unit lying inside the other coder's gap: its length²;
//! - anything else: 0.
//!
//! D_o(c) = 2 Σ δ² / (m (m − 1) L²) for m coders, and
//! D_e(c) = (2 / L) Σ_units [ (N_c − 1)(2l³ − 3l² + l)/3 + l² Σ_{gaps γ ≥ l} (γ − l + 1) ]
//!          / (m L (m L − 1) − Σ_units l (l − 1)),
//! with N_c the number of units of c of all coders and the gaps those of all coders. Then
//! α_U(c) = 1 − D_o(c)/D_e(c) and, over all categories, α_U = 1 − Σ_c D_o(c) / Σ_c D_e(c).
//!
//! A coder's overlapping units of one category are joined first (the measure needs sections
//! that do not overlap; nested quotes of one coder count as the stretch they cover).

use crate::model::Span;

/// α_U overall and per category (in the order first seen); `None` where it is undefined (no unit
/// of the category, or no expected disagreement).
#[derive(Clone, Debug, PartialEq)]
pub struct Unitizing<C> {
    pub overall: Option<f64>,
    pub by_category: Vec<(C, Option<f64>)>,
}

/// The observed and expected disagreement for one category.
fn disagreements(len: usize, coders: &[Vec<Span>]) -> (f64, f64) {
    let l = len as f64;
    let m = coders.len() as f64;
    // Sections: (begin, length, is a unit).
    let sections: Vec<Vec<(i64, i64, bool)>> = coders
        .iter()
        .map(|units| {
            let mut out = Vec::new();
            let mut at = 0i64;
            for s in units {
                let (b, e) = (s.start as i64, s.end as i64);
                if b > at {
                    out.push((at, b - at, false));
                }
                out.push((b, e - b, true));
                at = e;
            }
            if (len as i64) > at {
                out.push((at, len as i64 - at, false));
            }
            out
        })
        .collect();
    let delta = |(b1, l1, u1): (i64, i64, bool), (b2, l2, u2): (i64, i64, bool)| -> f64 {
        let (e1, e2) = (b1 + l1, b2 + l2);
        let d = match (u1, u2) {
            (true, true) if b1 < e2 && b2 < e1 => (b1 - b2).pow(2) + (e1 - e2).pow(2),
            (true, false) if b1 >= b2 && e1 <= e2 => l1 * l1,
            (false, true) if b2 >= b1 && e2 <= e1 => l2 * l2,
            _ => 0,
        };
        d as f64
    };
    let mut observed = 0.0;
    for i in 0..sections.len() {
        for j in i + 1..sections.len() {
            // Both lists are in order and tile [0, L): walk them together.
            let (a, b) = (&sections[i], &sections[j]);
            let (mut x, mut y) = (0, 0);
            while x < a.len() && y < b.len() {
                observed += delta(a[x], b[y]);
                if a[x].0 + a[x].1 <= b[y].0 + b[y].1 {
                    x += 1;
                } else {
                    y += 1;
                }
            }
        }
    }
    let observed = if m > 1.0 { 2.0 * observed / (m * (m - 1.0) * l * l) } else { 0.0 };
    let units: Vec<f64> = coders.iter().flatten().map(|s| s.len() as f64).collect();
    let mut gaps: Vec<f64> = sections.iter().flatten().filter(|s| !s.2).map(|s| s.1 as f64).collect();
    crate::order::sort_by(&mut gaps, |a, b| b.total_cmp(a));
    let n_c = units.len() as f64;
    let mut sum = 0.0;
    for &u in &units {
        let within = (n_c - 1.0) * (2.0 * u * u * u - 3.0 * u * u + u) / 3.0;
        let fits: f64 = gaps.iter().take_while(|&&g| g >= u).map(|g| g - u + 1.0).sum();
        sum += within + u * u * fits;
    }
    let denominator = m * l * (m * l - 1.0) - units.iter().map(|u| u * (u - 1.0)).sum::<f64>();
    let expected = if denominator > 0.0 { 2.0 / l * sum / denominator } else { 0.0 };
    (observed, expected)
}

/// Joins a coder's overlapping (or touching) spans and sorts them.
fn joined(mut spans: Vec<Span>, len: usize) -> Vec<Span> {
    spans.retain(|s| s.start < s.end && s.end <= len);
    spans.sort();
    let mut out: Vec<Span> = Vec::new();
    for s in spans {
        match out.last_mut() {
            Some(last) if s.start < last.end => last.end = last.end.max(s.end),
            _ => out.push(s),
        }
    }
    out
}

/// α_U of `coders` (each a list of `(span, category)`) over a continuum of `len` positions.
pub fn alpha_u<C: Clone + PartialEq>(len: usize, coders: &[Vec<(Span, C)>]) -> Unitizing<C> {
    let mut categories: Vec<C> = Vec::new();
    for (_, c) in coders.iter().flatten() {
        if !categories.contains(c) {
            categories.push(c.clone());
        }
    }
    let (mut d_o, mut d_e) = (0.0, 0.0);
    let mut by_category = Vec::new();
    for c in categories {
        let per_coder: Vec<Vec<Span>> = coders
            .iter()
            .map(|units| joined(units.iter().filter(|(_, k)| *k == c).map(|(s, _)| *s).collect(), len))
            .collect();
        let (o, e) = disagreements(len, &per_coder);
        d_o += o;
        d_e += e;
        by_category.push((c, (e > 0.0).then(|| 1.0 - o / e)));
    }
    Unitizing { overall: (d_e > 0.0).then(|| 1.0 - d_o / d_e), by_category }
}
