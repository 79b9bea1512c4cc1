//! Benchmark bindings for `scripts/node-bench.mjs`: the core's Myers matcher and batch
//! re-anchoring, built to wasm and called from Node next to the `approx-string-match` package
//! (what the Hypothesis client uses). Run with `./dev bench node`.
//!
//! Everything here is a thin wrapper: the work is done by `quotemark_core::anchor`. Results come
//! back as flat `Int32Array`s so that the JS side can check them against the package's answers
//! without the cost of building objects in the timed calls.

use quotemark_core::anchor::myers::Pattern;
use quotemark_core::anchor::{AnchorStatus, AnchorText};
use quotemark_core::model::Target;
use wasm_bindgen::prelude::*;

/// A text decoded once into code points (as `AnchorText` does), searched many times.
#[wasm_bindgen]
pub struct Text {
    source: String,
    chars: Vec<char>,
}

#[wasm_bindgen]
impl Text {
    /// Prepares `text`.
    #[wasm_bindgen(constructor)]
    pub fn new(text: &str) -> Text {
        Text { source: text.to_string(), chars: text.chars().collect() }
    }

    /// The text's length in code points.
    #[wasm_bindgen(getter)]
    pub fn length(&self) -> usize {
        self.chars.len()
    }
}

fn to_i32(n: usize) -> i32 {
    i32::try_from(n).unwrap_or(i32::MAX)
}

/// What `approx-string-match`'s `search(text, pattern, maxErrors)` returns, computed with the
/// core's matcher: the least error count `e ≤ max_errors` of any substring, every end at which a
/// substring has `e` errors, and a start for each (`Pattern::best_start`).
///
/// Returns `[e, count, start₀, end₀, start₁, end₁, …]`, or `[-1, 0]` when nothing is within the
/// budget. Offsets are code points.
#[wasm_bindgen]
pub fn search(text: &Text, pattern: &str, max_errors: usize) -> Vec<i32> {
    let pattern: Vec<char> = pattern.chars().collect();
    let pattern = Pattern::new(&pattern);
    let mut best = usize::MAX;
    let mut ends = Vec::new();
    pattern.match_ends(&text.chars, max_errors, |end, errors| {
        if errors < best {
            best = errors;
            ends.clear();
        }
        if errors == best {
            ends.push(end);
        }
    });
    if ends.is_empty() {
        return vec![-1, 0];
    }
    let mut out = Vec::with_capacity(2 + 2 * ends.len());
    out.extend([to_i32(best), to_i32(ends.len())]);
    for end in ends {
        // Every end listed has a substring with `best` errors, so a start always exists.
        let start = pattern.best_start(&text.chars, end, best).map_or(end, |m| m.start);
        out.extend([to_i32(start), to_i32(end)]);
    }
    out
}

/// `Pattern::find`: every locally best match within `max_errors`, each with its start.
///
/// Returns `[least errors or -1, number of matches]`.
#[wasm_bindgen]
pub fn find(text: &Text, pattern: &str, max_errors: usize) -> Vec<i32> {
    let pattern: Vec<char> = pattern.chars().collect();
    let found = Pattern::new(&pattern).find(&text.chars, max_errors);
    let best = found.iter().map(|m| to_i32(m.errors)).min().unwrap_or(-1);
    vec![best, to_i32(found.len())]
}

/// Stored targets, parsed once from a JSON array of W3C targets.
#[wasm_bindgen]
pub struct Targets {
    targets: Vec<Target>,
}

#[wasm_bindgen]
impl Targets {
    /// Parses `json`, a JSON array of targets (`{source, position: {start, end}, quote: {exact,
    /// prefix, suffix}}`).
    #[wasm_bindgen(constructor)]
    pub fn new(json: &str) -> Result<Targets, JsError> {
        Ok(Targets { targets: serde_json::from_str(json)? })
    }

    /// How many targets.
    #[wasm_bindgen(getter)]
    pub fn length(&self) -> usize {
        self.targets.len()
    }
}

/// `[exact, moved, fuzzy, orphan, then per target: status (0 exact, 1 moved, 2 fuzzy, 3 orphan),
/// start, end (-1, -1 for orphans)]`.
fn summary(targets: &[Target], text: &AnchorText) -> Vec<i32> {
    let results = text.anchor_all(targets);
    let mut out = vec![0; 4 + 3 * results.len()];
    for (i, r) in results.iter().enumerate() {
        let status = match r.status {
            AnchorStatus::Exact => 0,
            AnchorStatus::Moved => 1,
            AnchorStatus::Fuzzy { .. } => 2,
            AnchorStatus::Orphan => 3,
        };
        out[status] += 1;
        let (start, end) = r.span.map_or((-1, -1), |s| (to_i32(s.start), to_i32(s.end)));
        out[4 + 3 * i..4 + 3 * i + 3].copy_from_slice(&[status as i32, start, end]);
    }
    out
}

/// Re-anchors every target in `text`, from JS values: the text crosses into wasm, the targets are
/// parsed from `targets_json`, then `AnchorText::new` and `AnchorText::anchor_all`. See
/// [`summary`] for the result.
#[wasm_bindgen]
pub fn anchor_batch(text: &str, targets_json: &str) -> Result<Vec<i32>, JsError> {
    let targets: Vec<Target> = serde_json::from_str(targets_json)?;
    Ok(summary(&targets, &AnchorText::new(text)))
}

/// Re-anchors parsed `targets` in a text already in wasm: `AnchorText::new` (decoding the text;
/// the q-gram index is built afresh, on first need) and `AnchorText::anchor_all`.
#[wasm_bindgen]
pub fn anchor_prepared(text: &Text, targets: &Targets) -> Vec<i32> {
    summary(&targets.targets, &AnchorText::new(&text.source))
}
