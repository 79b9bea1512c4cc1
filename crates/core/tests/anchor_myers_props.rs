//! The bit-parallel matcher against the textbook O(nm) dynamic programme.

use proptest::prelude::*;
use quotemark_core::anchor::myers::{EndRun, Pattern};

/// Levenshtein distance, the plain way.
fn edit(a: &[char], b: &[char]) -> usize {
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, &ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, &cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != cb)).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// For every end `j` in `1..=n`, the least distance of the pattern to a substring ending at `j`
/// (Sellers' algorithm: row 0 is all zeros).
fn substring_distances(p: &[char], t: &[char]) -> Vec<usize> {
    let mut col: Vec<usize> = (0..=p.len()).collect();
    let mut out = Vec::with_capacity(t.len());
    for &c in t {
        let mut next = vec![0; p.len() + 1];
        for i in 1..=p.len() {
            next[i] = (col[i - 1] + usize::from(p[i - 1] != c)).min(col[i] + 1).min(next[i - 1] + 1);
        }
        out.push(next[p.len()]);
        col = next;
    }
    out
}

/// For every `len` in `0..=end`, `edit(p, t[end - len..end])`, by one DP over the reversed strings.
fn distances_to_suffixes(p: &[char], t: &[char], end: usize) -> Vec<usize> {
    let rp: Vec<char> = p.iter().rev().copied().collect();
    let rt: Vec<char> = t[..end].iter().rev().copied().collect();
    let mut col: Vec<usize> = (0..=rp.len()).collect();
    let mut out = vec![rp.len()];
    for (j, &c) in rt.iter().enumerate() {
        let mut next = vec![j + 1; rp.len() + 1];
        for i in 1..=rp.len() {
            next[i] = (col[i - 1] + usize::from(rp[i - 1] != c)).min(col[i] + 1).min(next[i - 1] + 1);
        }
        out.push(next[rp.len()]);
        col = next;
    }
    out
}

/// The start rule: fewest errors, then span length closest to the pattern's, then the longer span.
fn oracle_best_start(p: &[char], t: &[char], end: usize, k: usize) -> Option<(usize, usize)> {
    let d = distances_to_suffixes(p, t, end);
    (0..=end)
        .filter(|&len| d[len] <= k)
        .min_by_key(|&len| (d[len], len.abs_diff(p.len()), usize::MAX - len))
        .map(|len| (end - len, d[len]))
}

fn oracle_local_minima(ends: &[(usize, usize)]) -> Vec<EndRun> {
    // Group consecutive ends with equal errors, then keep groups lower than both neighbours.
    let mut groups: Vec<EndRun> = Vec::new();
    for &(end, errors) in ends {
        match groups.last_mut() {
            Some(g) if g.last + 1 == end && g.errors == errors => g.last = end,
            _ => groups.push(EndRun { first: end, last: end, errors }),
        }
    }
    let mut out = Vec::new();
    for (i, g) in groups.iter().enumerate() {
        let left_higher = i == 0 || groups[i - 1].last + 1 != g.first || groups[i - 1].errors > g.errors;
        let right_higher =
            i + 1 == groups.len() || groups[i + 1].first != g.last + 1 || groups[i + 1].errors > g.errors;
        if left_higher && right_higher {
            out.push(*g);
        }
    }
    out
}

fn text_over(alphabet: &'static [char], max: usize) -> impl Strategy<Value = Vec<char>> {
    prop::collection::vec(prop::sample::select(alphabet), 0..max)
}

const SMALL: &[char] = &['a', 'b', 'c', '“', '😀'];
const WIDE: &[char] = &['a', 'b', 'c', 'd', 'e', ' ', '’', '中', 'é'];

/// A pattern built from a piece of the text with a few edits, so that good matches exist.
fn pattern_and_text(max_text: usize, max_pattern: usize) -> impl Strategy<Value = (Vec<char>, Vec<char>, usize)> {
    (text_over(WIDE, max_text), 0..max_pattern, any::<prop::sample::Index>(), text_over(WIDE, 12), 0usize..40).prop_map(
        move |(text, len, at, noise, k)| {
            let start = if text.is_empty() { 0 } else { at.index(text.len()) };
            let end = (start + len).min(text.len());
            let mut pattern = text[start..end].to_vec();
            for (i, c) in noise.into_iter().enumerate() {
                if pattern.is_empty() {
                    pattern.push(c);
                    continue;
                }
                let at = (i * 31 + 7) % pattern.len();
                match i % 3 {
                    0 => pattern[at] = c,
                    1 => pattern.insert(at, c),
                    _ => {
                        pattern.remove(at);
                    }
                }
            }
            (pattern, text, k)
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn match_ends_equal_the_dp((p, t, k) in pattern_and_text(260, 200)) {
        let want: Vec<(usize, usize)> = substring_distances(&p, &t)
            .into_iter()
            .enumerate()
            .filter(|&(_, d)| d <= k && !p.is_empty())
            .map(|(j, d)| (j + 1, d))
            .collect();
        let mut got = Vec::new();
        Pattern::new(&p).match_ends(&t, k, |end, errors| got.push((end, errors)));
        prop_assert_eq!(got, want);
    }

    #[test]
    fn match_ends_on_a_tiny_alphabet(p in text_over(SMALL, 140), t in text_over(SMALL, 200), k in 0usize..50) {
        let want: Vec<(usize, usize)> = substring_distances(&p, &t)
            .into_iter()
            .enumerate()
            .filter(|&(_, d)| d <= k && !p.is_empty())
            .map(|(j, d)| (j + 1, d))
            .collect();
        let mut got = Vec::new();
        Pattern::new(&p).match_ends(&t, k, |end, errors| got.push((end, errors)));
        prop_assert_eq!(got, want);
    }

    #[test]
    fn find_reports_local_minima_with_best_starts((p, t, k) in pattern_and_text(160, 90)) {
        let pattern = Pattern::new(&p);
        let dists = substring_distances(&p, &t);
        let ends: Vec<(usize, usize)> = dists
            .iter()
            .enumerate()
            .filter(|&(_, &d)| d <= k && !p.is_empty())
            .map(|(j, &d)| (j + 1, d))
            .collect();
        let runs = oracle_local_minima(&ends);
        prop_assert_eq!(pattern.local_minima(&t, k), runs.clone());
        let found = pattern.find(&t, k);
        prop_assert_eq!(found.len(), runs.len());
        for (m, run) in found.iter().zip(&runs) {
            prop_assert_eq!(m.end, run.last);
            prop_assert_eq!(m.errors, run.errors);
            prop_assert_eq!(Some((m.start, m.errors)), oracle_best_start(&p, &t, m.end, k));
            prop_assert_eq!(edit(&p, &t[m.start..m.end]), m.errors);
        }
        // The best match overall is among them.
        let best = ends.iter().map(|e| e.1).min();
        prop_assert_eq!(found.iter().map(|m| m.errors).min(), best);
        prop_assert_eq!(pattern.best_errors(&t, k), best);
    }

    #[test]
    fn best_start_equals_the_oracle_at_every_end(p in text_over(SMALL, 80), t in text_over(SMALL, 100), k in 0usize..30) {
        let pattern = Pattern::new(&p);
        for end in 0..=t.len() {
            let want = if p.is_empty() { None } else { oracle_best_start(&p, &t, end, k) };
            prop_assert_eq!(pattern.best_start(&t, end, k).map(|m| (m.start, m.errors)), want);
        }
    }
}

#[test]
fn oracle_helpers_agree_with_plain_edit_distance() {
    let p: Vec<char> = "kitten".chars().collect();
    let t: Vec<char> = "sitting kitten".chars().collect();
    assert_eq!(edit(&p, &t[..7]), 3);
    let d = distances_to_suffixes(&p, &t, 7);
    for len in 0..=7 {
        assert_eq!(d[len], edit(&p, &t[7 - len..7]));
    }
    assert_eq!(*substring_distances(&p, &t).last().unwrap(), 0);
}
