//! Cohen's κ for two coders' labels of the same items, and Krippendorff's α for any number of
//! coders with missing values (nominal or interval distance).
//!
//! κ = (p_o − p_e) / (1 − p_e), with p_o the share of items both coders labelled alike and p_e
//! the agreement expected by chance from each coder's own label frequencies (Cohen 1960).
//!
//! α = 1 − D_o / D_e over the coincidence matrix of the values paired within each unit (units with
//! fewer than two values are left out): D_o = Σ_c Σ_k o_ck δ²(c, k) / n, D_e = Σ_c Σ_k n_c n_k
//! δ²(c, k) / (n (n − 1)) (Krippendorff 2011, "Computing Krippendorff's Alpha-Reliability").

use std::collections::HashMap;
use std::hash::Hash;

/// Cohen's κ of label pairs `(coder A, coder B)`; `None` when it is undefined (no pairs, or chance
/// agreement is certain: both coders always gave the same one label).
pub fn cohen_kappa<L: Eq + Hash>(pairs: &[(L, L)]) -> Option<f64> {
    if pairs.is_empty() {
        return None;
    }
    let n = pairs.len() as f64;
    let mut a: HashMap<&L, f64> = HashMap::new();
    let mut b: HashMap<&L, f64> = HashMap::new();
    let mut same = 0.0;
    for (x, y) in pairs {
        *a.entry(x).or_default() += 1.0;
        *b.entry(y).or_default() += 1.0;
        if x == y {
            same += 1.0;
        }
    }
    let p_o = same / n;
    let p_e: f64 = a.iter().map(|(l, na)| na * b.get(l).copied().unwrap_or(0.0)).sum::<f64>() / (n * n);
    if (1.0 - p_e).abs() < 1e-12 {
        return None;
    }
    Some((p_o - p_e) / (1.0 - p_e))
}

/// Krippendorff's α of `units`, each the values the coders gave it (`None`: not coded), with the
/// squared distance `delta` between two values (0 for equal ones). `None` when undefined (fewer
/// than two pairable values, or no expected disagreement).
pub fn krippendorff_alpha<L: Eq + Hash + Clone>(units: &[Vec<Option<L>>], delta: impl Fn(&L, &L) -> f64) -> Option<f64> {
    // The coincidence matrix, over the distinct values.
    let mut values: Vec<L> = Vec::new();
    let mut index: HashMap<L, usize> = HashMap::new();
    let mut o: HashMap<(usize, usize), f64> = HashMap::new();
    for unit in units {
        let coded: Vec<usize> = unit
            .iter()
            .flatten()
            .map(|v| {
                *index.entry(v.clone()).or_insert_with(|| {
                    values.push(v.clone());
                    values.len() - 1
                })
            })
            .collect();
        let m = coded.len();
        if m < 2 {
            continue;
        }
        for (i, &c) in coded.iter().enumerate() {
            for (j, &k) in coded.iter().enumerate() {
                if i != j {
                    *o.entry((c, k)).or_default() += 1.0 / (m as f64 - 1.0);
                }
            }
        }
    }
    let mut n_c = vec![0.0; values.len()];
    for (&(c, _), &w) in &o {
        n_c[c] += w;
    }
    let n: f64 = n_c.iter().sum();
    if n < 2.0 {
        return None;
    }
    let d_o: f64 = o.iter().map(|(&(c, k), w)| w * delta(&values[c], &values[k])).sum::<f64>() / n;
    let mut d_e = 0.0;
    for c in 0..values.len() {
        for k in 0..values.len() {
            d_e += n_c[c] * n_c[k] * delta(&values[c], &values[k]);
        }
    }
    d_e /= n * (n - 1.0);
    if d_e == 0.0 {
        return None;
    }
    Some(1.0 - d_o / d_e)
}

/// The nominal distance: 0 for equal values, 1 otherwise.
pub fn nominal<L: PartialEq>(a: &L, b: &L) -> f64 {
    if a == b {
        0.0
    } else {
        1.0
    }
}

/// The interval distance: the squared difference.
pub fn interval(a: &i64, b: &i64) -> f64 {
    ((a - b) * (a - b)) as f64
}
