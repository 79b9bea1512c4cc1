//! Approximate substring matching over code points with Myers' bit-parallel algorithm.
//!
//! Given a pattern `P` of `m` code points, a text `T` and an error budget `k`, the matcher finds
//! where substrings of `T` are within Levenshtein distance `k` of `P` (insertions, deletions and
//! substitutions each cost 1). It implements G. Myers, *A fast bit-vector algorithm for approximate
//! string matching based on dynamic programming* (J. ACM 46(3), 1999) in the block-based form
//! described there and by H. Hyyrö (*A bit-vector algorithm for computing Levenshtein and
//! Damerau edit distances*, 2003): the dynamic-programming column is kept as vertical deltas packed
//! into 64-bit words, one word ("block") per 64 pattern code points, and only the blocks that can
//! still hold a value `≤ k` are advanced (Ukkonen's cut-off). A text of `n` code points costs
//! `O(n · ⌈k / 64⌉)` word operations in the typical case and `O(n · ⌈m / 64⌉)` at worst.
//!
//! A search runs in two passes, as in the `approx-string-match` package: the forward pass reports
//! the *end* of every substring within the budget and its error count; for a chosen end, a second
//! pass over at most `m + k` code points before it, with the reversed pattern anchored at that
//! end, finds the best *start*.
//!
//! ```
//! use quotemark_core::anchor::myers::{Match, Pattern};
//! let text: Vec<char> = "She said “we will act” today.".chars().collect();
//! let pattern = Pattern::new(&"we wil act".chars().collect::<Vec<_>>());
//! // One deletion away from “we will act”, which spans code points 10..21.
//! assert_eq!(pattern.find(&text, 2), vec![Match { start: 10, end: 21, errors: 1 }]);
//! assert_eq!(pattern.best_errors(&text, 2), Some(1));
//! ```

use std::sync::OnceLock;

const WORD: usize = 64;

/// A match: the half-open span `text[start..end]` is `errors` edits away from the pattern.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Match {
    /// Start of the matched span (inclusive), in code points.
    pub start: usize,
    /// End of the matched span (exclusive), in code points.
    pub end: usize,
    /// Edit distance between the pattern and the matched span.
    pub errors: usize,
}

/// A run of consecutive match ends sharing a locally minimal error count: every end in
/// `first..=last` has `errors` errors, and the ends just outside the run (if within the budget)
/// have more.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct EndRun {
    /// The first end (exclusive offset) of the run.
    pub first: usize,
    /// The last end (exclusive offset) of the run.
    pub last: usize,
    /// The error count at every end of the run.
    pub errors: usize,
}

/// Per-character match masks: bit `r` of block `b` is set when the pattern's code point
/// `64 * b + r` equals the character.
#[derive(Clone, Debug)]
struct Peq {
    blocks: usize,
    /// `ascii[c * blocks + b]` for `c < 128`.
    ascii: Vec<u64>,
    /// Sorted distinct non-ASCII pattern characters …
    others: Vec<char>,
    /// … and their masks, `blocks` words each, in the same order.
    other_masks: Vec<u64>,
    /// `blocks` zero words, for characters not in the pattern.
    zeros: Vec<u64>,
}

impl Peq {
    fn new<'a>(pattern: impl Iterator<Item = &'a char> + Clone, m: usize) -> Peq {
        let blocks = m.div_ceil(WORD).max(1);
        let mut ascii = vec![0u64; 128 * blocks];
        let mut others: Vec<char> = pattern.clone().copied().filter(|c| !c.is_ascii()).collect();
        others.sort_unstable();
        others.dedup();
        let mut other_masks = vec![0u64; others.len() * blocks];
        for (i, &c) in pattern.enumerate() {
            let (b, bit) = (i / WORD, 1u64 << (i % WORD));
            if c.is_ascii() {
                ascii[c as usize * blocks + b] |= bit;
            } else {
                let k = others.binary_search(&c).unwrap_or_default();
                other_masks[k * blocks + b] |= bit;
            }
        }
        Peq { blocks, ascii, others, other_masks, zeros: vec![0; blocks] }
    }

    #[inline]
    fn get(&self, c: char) -> &[u64] {
        let b = self.blocks;
        if c.is_ascii() {
            let i = c as usize * b;
            &self.ascii[i..i + b]
        } else {
            match self.others.binary_search(&c) {
                Ok(k) => &self.other_masks[k * b..k * b + b],
                Err(_) => &self.zeros,
            }
        }
    }
}

/// The state of one block of the dynamic-programming column: vertical deltas (`pv`: +1 bits,
/// `mv`: −1 bits), the value at the block's last row, and the mask of that row.
#[derive(Clone, Copy, Debug)]
struct Block {
    pv: u64,
    mv: u64,
    score: usize,
    high: u64,
}

impl Block {
    /// A block of `rows` rows whose first row lies below `above` (values growing by one per row).
    fn fresh(rows: usize, above: usize) -> Block {
        Block { pv: !0, mv: 0, score: above + rows, high: 1 << (rows - 1) }
    }

    /// One step of Myers' algorithm: advances the block by one text character with match mask
    /// `eq`, given the horizontal delta `hin` entering at its top (−1, 0 or +1). Returns the
    /// horizontal delta leaving at its last row, and updates the score with it. Branch-free.
    #[inline(always)]
    fn advance(&mut self, eq: u64, hin: i32) -> i32 {
        let (pv, mv) = (self.pv, self.mv);
        let hin_neg = u64::from(hin < 0);
        let hin_pos = u64::from(hin > 0);
        let xv = eq | mv;
        let eq = eq | hin_neg;
        let xh = ((eq & pv).wrapping_add(pv) ^ pv) | eq;
        let ph = mv | !(xh | pv);
        let mh = pv & xh;
        let hout = i32::from(ph & self.high != 0) - i32::from(mh & self.high != 0);
        let ph = (ph << 1) | hin_pos;
        let mh = (mh << 1) | hin_neg;
        self.pv = mh | !(xv | ph);
        self.mv = ph & xv;
        self.score = self.score.wrapping_add_signed(hout as isize);
        hout
    }
}

/// A compiled pattern. Building costs `O(m)` plus a 128-entry table per block; reuse a pattern to
/// search several texts or windows.
#[derive(Clone, Debug)]
pub struct Pattern {
    chars: Vec<char>,
    forward: Peq,
    reversed: OnceLock<Peq>,
}

impl Pattern {
    /// Compiles `pattern`.
    pub fn new(pattern: &[char]) -> Pattern {
        Pattern { chars: pattern.to_vec(), forward: Peq::new(pattern.iter(), pattern.len()), reversed: OnceLock::new() }
    }

    /// The pattern's code points.
    pub fn chars(&self) -> &[char] {
        &self.chars
    }

    /// The pattern's length in code points.
    pub fn len(&self) -> usize {
        self.chars.len()
    }

    /// Whether the pattern is empty (an empty pattern matches nothing).
    pub fn is_empty(&self) -> bool {
        self.chars.is_empty()
    }

    /// Rows (pattern code points) covered by block `b`.
    fn rows(&self, b: usize) -> usize {
        (self.len() - b * WORD).min(WORD)
    }

    /// Calls `report(end, errors)`, in increasing order of `end`, for every `end` in `1..=text.len()`
    /// such that some substring `text[s..end]` is at most `max_errors` edits from the pattern;
    /// `errors` is the least such distance. Reports nothing for an empty pattern.
    pub fn match_ends(&self, text: &[char], max_errors: usize, mut report: impl FnMut(usize, usize)) {
        let m = self.len();
        if m == 0 {
            return;
        }
        let k = max_errors.min(m);
        let count = self.forward.blocks;
        let last = count - 1;
        let mut blocks: Vec<Block> = (0..count).map(|b| Block::fresh(self.rows(b), b * WORD)).collect();
        // Blocks 0..=y are active: those that may hold a value ≤ k.
        let mut y = k.div_ceil(WORD).max(1).min(count) - 1;
        for (j, &c) in text.iter().enumerate() {
            let eq = self.forward.get(c);
            let mut carry = 0;
            for (block, &e) in blocks[..=y].iter_mut().zip(eq) {
                carry = block.advance(e, carry);
            }
            let before = blocks[y].score.wrapping_add_signed(-carry as isize);
            if y < last && before <= k && (eq[y + 1] & 1 != 0 || carry < 0) {
                // The next block may now hold values ≤ k: bring it in, assuming the values below
                // the old band grew by one per row in the previous column.
                y += 1;
                blocks[y] = Block::fresh(self.rows(y), before);
                blocks[y].advance(eq[y], carry);
            } else {
                while y > 0 && blocks[y].score >= k + WORD {
                    y -= 1;
                }
            }
            if y == last && blocks[y].score <= k {
                report(j + 1, blocks[y].score);
            }
        }
    }

    /// The least number of errors of any substring of `text` against the pattern, if it is at most
    /// `max_errors`.
    pub fn best_errors(&self, text: &[char], max_errors: usize) -> Option<usize> {
        let mut best = None;
        self.match_ends(text, max_errors, |_, e| {
            if best.is_none_or(|b| e < b) {
                best = Some(e);
            }
        });
        best
    }

    /// The runs of consecutive ends at which the error count is locally minimal (see [`EndRun`]),
    /// in text order.
    pub fn local_minima(&self, text: &[char], max_errors: usize) -> Vec<EndRun> {
        let mut out = Vec::new();
        // The run being built, and whether the error count was falling (or flat from a fall) into it.
        let mut run: Option<EndRun> = None;
        let mut falling = true;
        self.match_ends(text, max_errors, |end, errors| {
            match run {
                Some(r) if r.last + 1 == end => {
                    if errors == r.errors {
                        run = Some(EndRun { last: end, ..r });
                        return;
                    }
                    if errors > r.errors && falling {
                        out.push(r);
                    }
                    falling = errors < r.errors;
                }
                Some(r) => {
                    if falling {
                        out.push(r);
                    }
                    falling = true;
                }
                None => falling = true,
            }
            run = Some(EndRun { first: end, last: end, errors });
        });
        if let (Some(r), true) = (run, falling) {
            out.push(r);
        }
        out
    }

    /// The best start for a match ending at `end`: the `start` minimising the edit distance between
    /// the pattern and `text[start..end]`, considering only distances up to `max_errors`; among
    /// equally good starts, the one whose span length is closest to the pattern's, then the longer.
    /// `None` when no substring ending at `end` is within the budget (or the pattern is empty).
    pub fn best_start(&self, text: &[char], end: usize, max_errors: usize) -> Option<Match> {
        let m = self.len();
        if m == 0 || end > text.len() {
            return None;
        }
        let k = max_errors.min(m);
        let lo = end.saturating_sub(m + k);
        let reversed = self.reversed.get_or_init(|| Peq::new(self.chars.iter().rev(), m));
        let mut blocks: Vec<Block> = (0..reversed.blocks).map(|b| Block::fresh(self.rows(b), b * WORD)).collect();
        let mut best = (m <= k).then_some(Match { start: end, end, errors: m });
        let better = |cand: &Match, best: &Option<Match>| match best {
            None => true,
            Some(b) => {
                let (lc, lb) = (cand.end - cand.start, b.end - b.start);
                (cand.errors, lc.abs_diff(m), usize::MAX - lc) < (b.errors, lb.abs_diff(m), usize::MAX - lb)
            }
        };
        for (i, &c) in text[lo..end].iter().rev().enumerate() {
            let eq = reversed.get(c);
            // Global alignment at the anchored end: the top row grows by one per character.
            let mut carry = 1;
            for (block, &e) in blocks.iter_mut().zip(eq) {
                carry = block.advance(e, carry);
            }
            let score = blocks[blocks.len() - 1].score;
            let cand = Match { start: end - (i + 1), end, errors: score };
            if score <= k && better(&cand, &best) {
                best = Some(cand);
            }
        }
        best
    }

    /// The locally best matches within `max_errors`, in text order: one per [`EndRun`] of
    /// [`Pattern::local_minima`], resolved with [`Pattern::resolve`].
    ///
    /// ```
    /// use quotemark_core::anchor::myers::{Match, Pattern};
    /// let text: Vec<char> = "colour color colr".chars().collect();
    /// let pattern = Pattern::new(&['c', 'o', 'l', 'o', 'r']);
    /// let found = pattern.find(&text, 1);
    /// assert_eq!(found, vec![
    ///     Match { start: 0, end: 6, errors: 1 },
    ///     Match { start: 7, end: 12, errors: 0 },
    ///     Match { start: 13, end: 17, errors: 1 },
    /// ]);
    /// ```
    pub fn find(&self, text: &[char], max_errors: usize) -> Vec<Match> {
        self.local_minima(text, max_errors).into_iter().filter_map(|run| self.resolve(text, run, max_errors)).collect()
    }

    /// The match for one [`EndRun`]: its last end (so that characters inserted at the end of the
    /// quoted text are included, as in `colour` for `color`) with its [`Pattern::best_start`].
    pub fn resolve(&self, text: &[char], run: EndRun, max_errors: usize) -> Option<Match> {
        // No substring ending there does better than the run's error count, so the start search
        // need not look further back than the pattern's length plus that count.
        self.best_start(text, run.last, max_errors.min(run.errors))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn exact_and_one_error() {
        let p = Pattern::new(&chars("quote"));
        let t = chars("a quote and a qoute");
        let found = p.find(&t, 2);
        assert_eq!(found[0], Match { start: 2, end: 7, errors: 0 });
        assert_eq!(found.last().unwrap().errors, 2);
    }

    #[test]
    fn empty_pattern_and_text() {
        let p = Pattern::new(&[]);
        assert!(p.find(&chars("abc"), 3).is_empty());
        let p = Pattern::new(&chars("abc"));
        assert!(p.find(&[], 2).is_empty());
        assert_eq!(p.best_start(&[], 0, 3), Some(Match { start: 0, end: 0, errors: 3 }));
        assert_eq!(p.best_start(&[], 5, 3), None);
    }

    #[test]
    fn long_pattern_spans_blocks() {
        let base: String = (0..300).map(|i| char::from(b'a' + (i * 7 % 26) as u8)).collect();
        let text = chars(&format!("xx{base}yy"));
        let mut edited = chars(&base);
        edited[100] = 'Z';
        edited.remove(200);
        let p = Pattern::new(&edited);
        assert_eq!(p.best_errors(&text, 10), Some(2));
        let best = p.find(&text, 10).into_iter().min_by_key(|m| m.errors).unwrap();
        assert_eq!((best.start, best.end, best.errors), (2, 302, 2));
    }

    #[test]
    fn non_ascii_characters() {
        let p = Pattern::new(&chars("“wé’ll” 😀"));
        let t = chars("xx “we’ll” 😀 yy");
        assert_eq!(p.find(&t, 2), vec![Match { start: 3, end: 12, errors: 1 }]);
    }
}
