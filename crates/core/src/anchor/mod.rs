//! Describing spans as W3C selectors, and anchoring selectors in a text that may have changed.
//!
//! [`describe`] turns a span of the document text into a [`Target`] carrying both a
//! `TextPositionSelector` (code-point offsets) and a `TextQuoteSelector` (the quoted text with at
//! least [`MIN_CONTEXT`] code points of context each side, more where needed to tell the quote apart
//! from its other occurrences).
//!
//! [`anchor`] does the reverse in a text that may have been edited since, and says how it found the
//! span ([`AnchorStatus`]):
//!
//! 1. **Exact**: the stored position still holds the quote (for a target with a position and no
//!    quote: the position lies within the text). One exception guards short quotes against
//!    coincidences: when the stored context no longer surrounds the position but does surround
//!    another occurrence of the quote, the quote has moved there.
//! 2. **Moved**: the exact quote occurs elsewhere. When it occurs several times, the occurrence
//!    whose surroundings best match the stored prefix and suffix wins, and distance from the
//!    expected position breaks ties (see [the scoring](#scoring)).
//! 3. **Fuzzy**: an approximate occurrence within an error budget of [`error_budget`] edits, found
//!    with the bit-parallel matcher in [`myers`], first in windows of 32, 256 and then [`WINDOW`]
//!    code points around the expected position, and in the whole text only when these hold no
//!    convincing match (a combined score of at least 0.8).
//!    A candidate is taken only if its combined score reaches [`MIN_FUZZY_SCORE`].
//! 4. **Orphan**: none of the above. The annotation is kept with its stored selectors; nothing is
//!    ever dropped, and [`anchor_all`] returns exactly one result per input, in input order.
//!
//! Malformed targets (positions out of range, `end < start`, an empty quote) never panic: an empty
//! quote counts as no quote, and a position that does not fit the text is only used as a hint.
//!
//! # Scoring
//!
//! Candidates are scored as in the Hypothesis client's `match-quote`: a weighted mean of quote
//! similarity `1 − errors / len` (weight 50), prefix similarity (20), suffix similarity (20) and
//! closeness to the expected position `1 − distance / text length` (2). Context similarity is
//! `1 − e / len` where `e` is the least edit distance between the stored context and a substring of
//! the same amount of text before (or after) the candidate; a missing stored context scores 1. The
//! [`AnchorStatus::Fuzzy`] score is this combined score.
//!
//! # Example
//!
//! ```
//! use quotemark_core::anchor::{anchor, describe, AnchorStatus};
//! use quotemark_core::model::Span;
//!
//! let text = "The minister said “we will act” on Monday. Critics said “we will wait”.";
//! let target = describe("sha256:0", text, Span::new(18, 31));
//! let quote = target.quote.as_ref().unwrap();
//! assert_eq!(quote.exact, "“we will act”");
//! assert_eq!(quote.prefix, "The minister said ");
//!
//! // Unchanged text: the position still holds the quote.
//! assert_eq!(anchor(text, &target).status, AnchorStatus::Exact);
//!
//! // Text inserted before it: the same quote, further on.
//! let edited = format!("Updated. {text}");
//! let found = anchor(&edited, &target);
//! assert_eq!((found.status, found.span), (AnchorStatus::Moved, Some(Span::new(27, 40))));
//!
//! // The quote itself was corrected: an approximate match, with a score.
//! let corrected = text.replace("we will act", "we will react");
//! let found = anchor(&corrected, &target);
//! assert!(matches!(found.status, AnchorStatus::Fuzzy { score } if score > 0.9));
//! assert_eq!(found.span, Some(Span::new(18, 33)));
//!
//! // Gone: an orphan, never a wrong guess.
//! assert_eq!(anchor("Nothing to see here.", &target).status, AnchorStatus::Orphan);
//! ```

pub mod myers;
mod qgram;
#[cfg(test)]
mod tests;

use crate::model::{Annotation, Span, Substr, Target, TextPositionSelector, TextQuoteSelector};
use myers::Pattern;
use qgram::{QgramIndex, Q};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

/// Context code points that [`describe`] records on each side of a quote, where the text allows.
pub const MIN_CONTEXT: usize = 32;

/// The most context [`describe`] records on each side, however often the quote repeats.
pub const MAX_CONTEXT: usize = 256;

/// The most errors a fuzzy match may have, whatever the quote's length.
pub const MAX_ERRORS: usize = 256;

/// Code points searched on each side of the expected position before the whole text is searched.
pub const WINDOW: usize = 4096;

/// The least combined score (see [the module docs](self#scoring)) of a fuzzy match; a poorer best
/// match makes the annotation an [`AnchorStatus::Orphan`]. With the context intact this accepts any
/// match within the error budget; with the context gone it needs a quote similarity of about 0.9.
pub const MIN_FUZZY_SCORE: f32 = 0.5;

/// Code points searched on each side of the expected position (beyond the quote's length and
/// error budget) first, then second; [`WINDOW`] comes third.
const TIGHT_WINDOW: usize = 32;
const NEAR_WINDOW: usize = 256;

/// A window match scoring at least this is taken without searching the rest of the text.
const CONVINCING_SCORE: f32 = 0.8;

/// How many approximate candidates (fewest errors first) are scored with their context.
const MAX_FUZZY_CANDIDATES: usize = 32;

const QUOTE_WEIGHT: f32 = 50.0;
const PREFIX_WEIGHT: f32 = 20.0;
const SUFFIX_WEIGHT: f32 = 20.0;
const POSITION_WEIGHT: f32 = 2.0;

/// The error budget for a quote of `len` code points: a quarter of its length, at least 1 and at
/// most [`MAX_ERRORS`].
///
/// ```
/// use quotemark_core::anchor::error_budget;
/// assert_eq!((error_budget(2), error_budget(40), error_budget(10_000)), (1, 10, 256));
/// ```
pub fn error_budget(len: usize) -> usize {
    (len / 4).clamp(1, MAX_ERRORS)
}

/// How an annotation was found in the current text.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum AnchorStatus {
    /// The stored position still holds the quote.
    Exact,
    /// The exact quote was found elsewhere.
    Moved,
    /// An approximate match.
    Fuzzy {
        /// The combined score in `MIN_FUZZY_SCORE..=1` (see [the module docs](self#scoring)).
        score: f32,
    },
    /// Not found; the annotation is kept with its stored quote.
    Orphan,
}

/// The result of anchoring one target.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Anchored {
    /// The span in the current text; `None` exactly when the status is [`AnchorStatus::Orphan`].
    pub span: Option<Span>,
    /// How the span was found.
    pub status: AnchorStatus,
}

impl Anchored {
    /// The orphan result.
    pub const ORPHAN: Anchored = Anchored { span: None, status: AnchorStatus::Orphan };

    /// A single number for how sure the anchoring is: 1 for exact and moved, the score for fuzzy,
    /// 0 for orphans.
    pub fn status_score(&self) -> f32 {
        match self.status {
            AnchorStatus::Exact | AnchorStatus::Moved => 1.0,
            AnchorStatus::Fuzzy { score } => score,
            AnchorStatus::Orphan => 0.0,
        }
    }

    fn at(start: usize, end: usize, status: AnchorStatus) -> Anchored {
        Anchored { span: Some(Span::new(start, end)), status }
    }
}

/// Describes `span` of `text` as a target with both selectors (see [`AnchorText::describe`]).
///
/// ```
/// use quotemark_core::anchor::describe;
/// use quotemark_core::model::Span;
/// let t = describe("doc", "one two three", Span::new(4, 7));
/// assert_eq!(t.exact(), Some("two"));
/// assert_eq!(t.span(), Some(Span::new(4, 7)));
/// ```
pub fn describe(source: &str, text: &str, span: Span) -> Target {
    AnchorText::new(text).describe(source, span)
}

/// Anchors one target in `text` (see [`AnchorText::anchor`]).
pub fn anchor(text: &str, target: &Target) -> Anchored {
    AnchorText::new(text).anchor(target)
}

/// Anchors every annotation; results are in the same order as the input, one per annotation
/// (see [`AnchorText::anchor_all`]).
///
/// ```
/// use quotemark_core::anchor::{anchor_all, describe, AnchorStatus, Anchored};
/// use quotemark_core::model::*;
/// let text = "Alpha said one thing. Beta said another.";
/// let make = |s, e, byte| {
///     let target = describe("doc", text, Span::new(s, e));
///     Annotation::new(AnnotationId::from_random_bytes([byte; 16]), target, Kind::Claim(Claim::default()), Timestamp(0))
/// };
/// let annotations = [make(22, 39, 1), make(6, 20, 2)];
/// let edited = text.replace("Alpha", "The alpha group");
/// let results = anchor_all(&edited, &annotations);
/// assert_eq!(results[0], Anchored { span: Some(Span::new(32, 49)), status: AnchorStatus::Moved });
/// assert_eq!(results[1], Anchored { span: Some(Span::new(16, 30)), status: AnchorStatus::Moved });
/// ```
pub fn anchor_all<'a>(text: &str, annotations: impl IntoIterator<Item = &'a Annotation>) -> Vec<Anchored> {
    AnchorText::new(text).anchor_all(annotations.into_iter().map(|a| &a.target))
}

/// A text prepared for describing and anchoring many targets: its code points, and (built on first
/// need) an index of its 4-grams for finding exact quotes anywhere without scanning the text. It is
/// `Send + Sync`, so an app can keep one per open document in shared state.
///
/// ```
/// use quotemark_core::anchor::{AnchorStatus, AnchorText};
/// use quotemark_core::model::Span;
/// let original = AnchorText::new("“Yes,” she said. “Yes,” he said.");
/// let second = original.describe("doc", Span::new(17, 23));
/// assert_eq!(second.quote.as_ref().unwrap().prefix, "“Yes,” she said. ");
///
/// let edited = AnchorText::new("“No,” she said. “Yes,” he said.");
/// let found = edited.anchor(&second);
/// assert_eq!((found.status, found.span), (AnchorStatus::Moved, Some(Span::new(16, 22))));
/// assert_eq!(edited.find_exact(&['Y', 'e', 's']), vec![17]);
/// ```
#[derive(Debug)]
pub struct AnchorText {
    chars: Vec<char>,
    index: OnceLock<QgramIndex>,
    /// Exact searches made so far by scanning, before the index is built.
    scans: AtomicUsize,
}

impl Clone for AnchorText {
    fn clone(&self) -> Self {
        AnchorText { chars: self.chars.clone(), index: self.index.clone(), scans: AtomicUsize::new(self.scans()) }
    }
}

/// Exact searches answered by a scan of the text before the q-gram index is built (an index costs
/// about ten scans to build, and a single `describe` needs only one or two searches).
const SCANS_BEFORE_INDEX: usize = 2;

impl AnchorText {
    /// Prepares `text` (one pass; the index is built lazily).
    pub fn new(text: &str) -> AnchorText {
        AnchorText { chars: text.chars().collect(), index: OnceLock::new(), scans: AtomicUsize::new(0) }
    }

    fn scans(&self) -> usize {
        self.scans.load(Ordering::Relaxed)
    }

    /// The text's code points.
    pub fn chars(&self) -> &[char] {
        &self.chars
    }

    /// The text's length in code points.
    pub fn len(&self) -> usize {
        self.chars.len()
    }

    /// Whether the text is empty.
    pub fn is_empty(&self) -> bool {
        self.chars.is_empty()
    }

    fn index(&self) -> &QgramIndex {
        self.index.get_or_init(|| QgramIndex::new(&self.chars))
    }

    /// Start offsets of every occurrence of `needle` (overlapping ones included), ascending. An
    /// empty needle has no occurrences. The first couple of searches scan the text; later ones
    /// use the q-gram index, built then.
    pub fn find_exact(&self, needle: &[char]) -> Vec<usize> {
        let (n, m) = (self.chars.len(), needle.len());
        if m == 0 || m > n {
            return Vec::new();
        }
        let scan =
            m < Q || (self.index.get().is_none() && self.scans.fetch_add(1, Ordering::Relaxed) < SCANS_BEFORE_INDEX);
        if scan {
            let first = needle[0];
            let starts = self.chars[..=n - m].iter().enumerate().filter(|&(_, &c)| c == first).map(|(i, _)| i);
            return starts.filter(|&i| self.chars[i + 1..i + m] == needle[1..]).collect();
        }
        self.index().find(&self.chars, needle)
    }

    /// Describes `span` (clamped to the text) as a target of `source` with both selectors. The
    /// quote selector's prefix and suffix hold [`MIN_CONTEXT`] code points each where the text
    /// allows, doubled while `prefix + exact + suffix` still occurs more than once in the text, up
    /// to [`MAX_CONTEXT`].
    pub fn describe(&self, source: &str, span: Span) -> Target {
        let n = self.chars.len();
        let end = span.end.min(n);
        let start = span.start.min(end);
        let mut context = MIN_CONTEXT;
        let (from, to) = loop {
            let (from, to) = (start.saturating_sub(context), (end + context).min(n));
            let whole_text = from == 0 && to == n;
            if context >= MAX_CONTEXT || whole_text || self.find_exact(&self.chars[from..to]).len() < 2 {
                break (from, to);
            }
            context *= 2;
        };
        let string = |r: std::ops::Range<usize>| Substr::from(self.chars[r].iter().collect::<String>());
        Target {
            source: source.into(),
            position: Some(TextPositionSelector { start, end }),
            quote: Some(TextQuoteSelector {
                exact: string(start..end),
                prefix: string(from..start),
                suffix: string(end..to),
            }),
        }
    }

    /// Anchors one target, expecting it at its stored position.
    pub fn anchor(&self, target: &Target) -> Anchored {
        self.anchor_near(target, target.position.map(|p| p.start))
    }

    /// Anchors one target, expecting it near `expected` (a code-point offset) rather than at its
    /// stored position: the position score and the fuzzy search window centre there. The stored
    /// position still decides [`AnchorStatus::Exact`].
    pub fn anchor_near(&self, target: &Target, expected: Option<usize>) -> Anchored {
        let n = self.chars.len();
        let exact = target.exact().unwrap_or("");
        if exact.is_empty() {
            return match target.position {
                Some(p) if p.start <= p.end && p.end <= n => Anchored::at(p.start, p.end, AnchorStatus::Exact),
                _ => Anchored::ORPHAN,
            };
        }
        // The common cases first, without decoding the selector into vectors: the quote in its
        // context at the stored position (exact), or at the expected one (moved).
        let m = exact.chars().count();
        let at_position = target.position.filter(|p| self.holds(p.start, exact, m));
        if let Some(q) = &target.quote {
            let (lp, ls) = (q.prefix.chars().count(), q.suffix.chars().count());
            let in_context = |start: usize| {
                start >= lp && self.holds(start - lp, &q.prefix, lp) && self.holds(start + m, &q.suffix, ls)
            };
            if let Some(p) = at_position.filter(|p| in_context(p.start)) {
                return Anchored::at(p.start, p.start + m, AnchorStatus::Exact);
            }
            if let Some(e) = expected.filter(|&e| at_position.is_none() && self.holds(e, exact, m) && in_context(e)) {
                return Anchored::at(e, e + m, AnchorStatus::Moved);
            }
        }
        let quote = target.quote.as_ref().map(Quote::new).unwrap_or_default();
        if let Some(p) = at_position {
            // The position holds the quote but not its context: if another occurrence has the
            // whole context, the text has shifted and that one is the annotation's.
            let elsewhere = self
                .find_exact(&quote.exact)
                .into_iter()
                .filter(|&s| s != p.start && self.context_is_intact(&quote, s, s + m))
                .min_by_key(|&s| s.abs_diff(expected.unwrap_or(p.start)));
            return match elsewhere {
                Some(s) => Anchored::at(s, s + m, AnchorStatus::Moved),
                None => Anchored::at(p.start, p.start + m, AnchorStatus::Exact),
            };
        }
        let expected = expected.map(|e| e.min(n));
        self.moved(&quote, expected).or_else(|| self.fuzzy(&quote, expected)).unwrap_or(Anchored::ORPHAN)
    }

    /// Anchors many targets; one result per target, in input order.
    ///
    /// Targets are visited in order of stored start, and each one found tells how far the text
    /// around it has shifted: the next target is expected at its stored start plus that shift
    /// (see [`AnchorText::anchor_near`]), so that edits early in a text do not push later quotes
    /// out of the fuzzy search window.
    pub fn anchor_all<'a>(&self, targets: impl IntoIterator<Item = &'a Target>) -> Vec<Anchored> {
        let targets: Vec<&Target> = targets.into_iter().collect();
        let mut order: Vec<usize> = (0..targets.len()).collect();
        crate::order::sort_by_key(&mut order, |&i| targets[i].position.map_or((1, 0), |p| (0, p.start)));
        let mut results = vec![Anchored::ORPHAN; targets.len()];
        let mut shift: isize = 0;
        for i in order {
            let target = targets[i];
            let expected = target.position.map(|p| p.start.saturating_add_signed(shift));
            let found = self.anchor_near(target, expected);
            if let (Some(span), Some(p)) = (found.span, target.position) {
                shift = span.start as isize - p.start.min(isize::MAX as usize) as isize;
            }
            results[i] = found;
        }
        results
    }

    /// Whether `chars[start..start + len]` is `s` (of `len` code points).
    fn holds(&self, start: usize, s: &str, len: usize) -> bool {
        self.chars.get(start..start.saturating_add(len)).is_some_and(|w| w.iter().copied().eq(s.chars()))
    }

    /// The best exact occurrence of the quote, if any.
    fn moved(&self, quote: &Quote, expected: Option<usize>) -> Option<Anchored> {
        let m = quote.exact.len();
        let starts = self.find_exact(&quote.exact);
        let best = match starts[..] {
            [] => return None,
            [only] => only,
            _ => {
                let score = |s: usize| self.score(quote, s, s + m, 0, expected);
                let mut best = (starts[0], score(starts[0]));
                for &s in &starts[1..] {
                    let sc = score(s);
                    if sc > best.1 {
                        best = (s, sc);
                    }
                }
                best.0
            }
        };
        Some(Anchored::at(best, best + m, AnchorStatus::Moved))
    }

    /// The best approximate occurrence of the quote, if one is good enough.
    fn fuzzy(&self, quote: &Quote, expected: Option<usize>) -> Option<Anchored> {
        let (n, m) = (self.chars.len(), quote.exact.len());
        let k = error_budget(m);
        let pattern = Pattern::new(&quote.exact);
        let mut best: Option<(Span, f32)> = None;
        // Windows of growing size around the expected position, then the whole text; stop at the
        // first convincing match.
        let windows = expected.into_iter().flat_map(|e| {
            [TIGHT_WINDOW, NEAR_WINDOW, WINDOW].map(|w| (e.saturating_sub(w + k), (e + m + w + k).min(n)))
        });
        let mut searched = (0, 0);
        for (lo, hi) in windows.chain([(0, n)]) {
            if (lo, hi) == searched {
                continue;
            }
            let found = self.best_fuzzy(quote, &pattern, k, lo, hi, expected);
            if found.is_some_and(|(_, s)| best.is_none_or(|(_, b)| s > b)) {
                best = found;
            }
            if best.is_some_and(|(_, s)| s >= CONVINCING_SCORE) {
                break;
            }
            searched = (lo, hi);
        }
        let (span, score) = best.filter(|&(_, s)| s >= MIN_FUZZY_SCORE)?;
        Some(Anchored { span: Some(self.snap_to_words(quote, span)), status: AnchorStatus::Fuzzy { score } })
    }

    /// Widens a fuzzy span that cuts a word in two to the whole word, at either end where the
    /// stored quote itself begins or ends a word: an edit at the quote's edge ("fresh" → "renewed",
    /// "crypto" → "encryption") leaves the cheapest alignment starting or ending mid-word. Words
    /// are runs of alphanumeric code points; a span is widened by at most 16 on each side.
    fn snap_to_words(&self, quote: &Quote, span: Span) -> Span {
        const SNAP: usize = 16;
        let word = |c: &char| c.is_alphanumeric();
        let chars = &self.chars;
        let n = chars.len();
        let (mut start, mut end) = (span.start, span.end);
        // Of widening to the whole word and dropping the piece of it, the one whose edge matches
        // the quote's edge better (widening on a tie): "…data sai|d" after the quote's last
        // letter was deleted is "…data sai", not "…data sai data".
        let starts_word = quote.exact.first().is_some_and(word) && !quote.prefix.last().is_some_and(word);
        if starts_word && start > 0 && start < n && word(&chars[start - 1]) && word(&chars[start]) {
            let s = (start.saturating_sub(SNAP)..start).rev().take_while(|&i| word(&chars[i])).last().unwrap_or(start);
            if s == 0 || !word(&chars[s - 1]) {
                let piece_end = (start..end).find(|&i| !word(&chars[i])).unwrap_or(end);
                let trimmed = (piece_end..end).find(|&i| !chars[i].is_whitespace()).unwrap_or(end);
                let head = |from: usize| edge_cost(&quote.exact, &chars[from..end], true);
                start = if trimmed < end && head(trimmed) < head(s) { trimmed } else { s };
            }
        }
        let ends_word = quote.exact.last().is_some_and(word) && !quote.suffix.first().is_some_and(word);
        if ends_word && end > 0 && end < n && word(&chars[end - 1]) && word(&chars[end]) {
            let e = (end..(end + SNAP).min(n)).take_while(|&i| word(&chars[i])).last().map_or(end, |i| i + 1);
            if e == n || !word(&chars[e]) {
                let piece_start = (start..end).rev().find(|&i| !word(&chars[i])).map_or(start, |i| i + 1);
                let trimmed = (start..piece_start).rev().find(|&i| !chars[i].is_whitespace()).map_or(start, |i| i + 1);
                let tail = |to: usize| edge_cost(&quote.exact, &chars[start..to], false);
                end = if trimmed > start && tail(trimmed) < tail(e) { trimmed } else { e };
            }
        }
        Span::new(start, end)
    }

    /// The best-scoring approximate match in `chars[lo..hi]`.
    fn best_fuzzy(
        &self,
        quote: &Quote,
        pattern: &Pattern,
        k: usize,
        lo: usize,
        hi: usize,
        expected: Option<usize>,
    ) -> Option<(Span, f32)> {
        let window = &self.chars[lo..hi];
        let mut runs = pattern.local_minima(window, k);
        let target_end = expected.map(|e| e + quote.exact.len());
        let key = |r: &myers::EndRun| (r.errors, target_end.map_or(0, |t| (lo + r.last).abs_diff(t)), r.last);
        if runs.len() > MAX_FUZZY_CANDIDATES {
            runs.select_nth_unstable_by_key(MAX_FUZZY_CANDIDATES - 1, key);
            runs.truncate(MAX_FUZZY_CANDIDATES);
        }
        runs.sort_unstable_by_key(key);
        // The best score a candidate with `errors` errors could reach, with perfect context.
        let m = quote.exact.len().max(1) as f32;
        let ceiling = |errors: usize| {
            (QUOTE_WEIGHT * (1.0 - errors as f32 / m) + PREFIX_WEIGHT + SUFFIX_WEIGHT + POSITION_WEIGHT)
                / (QUOTE_WEIGHT + PREFIX_WEIGHT + SUFFIX_WEIGHT + POSITION_WEIGHT)
        };
        let mut best: Option<(Span, f32)> = None;
        let mut resolved: Vec<Span> = Vec::new();
        for run in runs {
            // Fewest errors first: once the best cannot be beaten, stop.
            if best.is_some_and(|(_, b)| b >= ceiling(run.errors)) {
                break;
            }
            // An end inside (or just after) a match already resolved is a worse variant of it.
            let end = lo + run.last;
            if resolved.iter().any(|s| s.start < end && end <= s.end + k) {
                continue;
            }
            let Some(found) = pattern.resolve(window, run, k) else { continue };
            let span = Span::new(lo + found.start, lo + found.end);
            resolved.push(span);
            let score = self.score(quote, span.start, span.end, found.errors, expected);
            if best.is_none_or(|(_, b)| score > b) {
                best = Some((span, score));
            }
        }
        best
    }

    /// Whether the stored prefix and suffix surround `start..end` exactly (where the text allows).
    fn context_is_intact(&self, quote: &Quote, start: usize, end: usize) -> bool {
        let (lp, ls) = (quote.prefix.len(), quote.suffix.len());
        start >= lp
            && self.chars[start - lp..start] == quote.prefix[..]
            && self.chars.get(end..end + ls) == Some(&quote.suffix[..])
    }

    /// The combined score of a candidate (see the module docs).
    fn score(&self, quote: &Quote, start: usize, end: usize, errors: usize, expected: Option<usize>) -> f32 {
        let n = self.chars.len();
        let m = quote.exact.len().max(1);
        let quote_score = 1.0 - errors.min(m) as f32 / m as f32;
        let prefix_score = context_score(
            &quote.prefix,
            &quote.prefix_pattern,
            &self.chars[start.saturating_sub(quote.prefix.len())..start],
        );
        let suffix_score =
            context_score(&quote.suffix, &quote.suffix_pattern, &self.chars[end..(end + quote.suffix.len()).min(n)]);
        let position_score = expected.map_or(1.0, |e| 1.0 - e.abs_diff(start) as f32 / n.max(1) as f32);
        (QUOTE_WEIGHT * quote_score
            + PREFIX_WEIGHT * prefix_score
            + SUFFIX_WEIGHT * suffix_score
            + POSITION_WEIGHT * position_score)
            / (QUOTE_WEIGHT + PREFIX_WEIGHT + SUFFIX_WEIGHT + POSITION_WEIGHT)
    }
}

/// Similarity of stored context to the text found there: 1 for no stored context or an exact
/// match, else `1 − e / len` with `e` the least edit distance to a substring of `found`.
fn context_score(stored: &[char], pattern: &OnceLock<Pattern>, found: &[char]) -> f32 {
    if stored.is_empty() || found == stored {
        return 1.0;
    }
    if found.is_empty() {
        return 0.0;
    }
    let len = stored.len();
    let pattern = pattern.get_or_init(|| Pattern::new(stored));
    let errors = pattern.best_errors(found, len).unwrap_or(len);
    1.0 - errors as f32 / len as f32
}

/// A quote selector as code points, with matchers for its context built on first need.
#[derive(Default)]
struct Quote {
    exact: Vec<char>,
    prefix: Vec<char>,
    suffix: Vec<char>,
    prefix_pattern: OnceLock<Pattern>,
    suffix_pattern: OnceLock<Pattern>,
}

impl Quote {
    fn new(q: &TextQuoteSelector) -> Quote {
        Quote {
            exact: q.exact.chars().collect(),
            prefix: q.prefix.chars().collect(),
            suffix: q.suffix.chars().collect(),
            ..Quote::default()
        }
    }
}


/// How well a candidate span's edge matches the quote's: the edit distance between the quote's
/// first (`head`) or last 48 code points and the candidate's, where the candidate may run on
/// past them at its other side for free. Small and bounded: it only picks between two ends.
fn edge_cost(quote: &[char], candidate: &[char], head: bool) -> usize {
    const EDGE: usize = 48;
    let l = quote.len().min(EDGE);
    let t = candidate.len().min(EDGE + 16);
    let (q, c): (Vec<char>, Vec<char>) = if head {
        (quote[..l].to_vec(), candidate[..t].to_vec())
    } else {
        (quote[quote.len() - l..].iter().rev().copied().collect(), candidate[candidate.len() - t..].iter().rev().copied().collect())
    };
    // Rows over the quote's edge, columns over the candidate's; the candidate's far end is free.
    let mut row: Vec<usize> = (0..=c.len()).collect();
    for (i, qc) in q.iter().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cc) in c.iter().enumerate() {
            let cur = (prev + usize::from(qc != cc)).min(row[j] + 1).min(row[j + 1] + 1);
            prev = row[j + 1];
            row[j + 1] = cur;
        }
    }
    row.into_iter().min().unwrap_or(0)
}
