//! One stable sort for the whole app: [`sort_by`] orders any vector through a single instantiation
//! of the standard library's sort (over `u32` positions, comparing through `&dyn Fn`), then moves
//! the items into place. Each `slice::sort_by` with its own closure type compiles to a separate
//! copy of the sort, 4–7 KB of wasm each; the insights' two sorts cost 20 KB before they used
//! this, and the 20-odd sorts of the app, the store and the core together about 10 KB (docs/PERFORMANCE.md).
//! Moving the items costs one extra pass; the fuzzy matcher's inner sort keeps its own.

use std::cmp::Ordering;

/// Sorts `v` stably by `cmp`, like `slice::sort_by`.
///
/// ```
/// let mut v = vec![(2, 'a'), (1, 'b'), (2, 'c'), (0, 'd')];
/// quotemark_core::order::sort_by(&mut v, |a, b| a.0.cmp(&b.0));
/// assert_eq!(v, [(0, 'd'), (1, 'b'), (2, 'a'), (2, 'c')]);
/// ```
pub fn sort_by<T>(v: &mut Vec<T>, cmp: impl Fn(&T, &T) -> Ordering) {
    let order = positions(v.len(), &|a, b| cmp(&v[a as usize], &v[b as usize]));
    let mut slots: Vec<Option<T>> = std::mem::take(v).into_iter().map(Some).collect();
    v.extend(order.into_iter().filter_map(|i| slots[i as usize].take()));
}

/// Sorts `v` stably by `key`, like `slice::sort_by_key` (the key is computed for each comparison).
pub fn sort_by_key<T, K: Ord>(v: &mut Vec<T>, key: impl Fn(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

/// The positions `0..n` in sorted order (the one instantiation of the sort).
#[inline(never)]
fn positions(n: usize, cmp: &dyn Fn(u32, u32) -> Ordering) -> Vec<u32> {
    let mut order: Vec<u32> = (0..n as u32).collect();
    order.sort_by(|&a, &b| cmp(a, b));
    order
}
