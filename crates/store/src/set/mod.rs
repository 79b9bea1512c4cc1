//! The annotation set (`quotemark.v3.set.…`): every annotation of a document in one value, kept
//! in columns: their layout here, writing them in `write`, reading them in `read`
//! (by hand, fast, or with serde, the reference). Uses [`crate::records`], [`crate::text_index`],
//! [`crate::error`] and [`crate::json`].
//!
//! Most annotations are Quotemark's own on the document's text, with a compact target. The set keeps
//! those in *columns* (one array per field, in id order) rather than as one object each: no field
//! names repeated 5,000 times, times as small differences, speakers, cue verbs and tags written
//! once in a table of strings. That is about a third of the bytes of the same records, and
//! correspondingly quicker to read and write. Annotations that do not fit (a target in full, or on
//! another source) are kept as records beside the columns.

#[cfg(doc)]
use quotemark_core::model::QuoteForm;

mod read;
mod write;

pub use read::{decode_set, decode_set_with_serde, set_ids, DecodedSet};
pub use write::{encode_annotation_set, encode_set};

/// The value of a vocabulary (`ALL`) whose letter (`letter`, as [`QuoteForm::letter`]) is `c`:
/// the `type` column holds a quote's form or a claim's type, the `status` column a claim's
/// status (`-` for quotes).
fn from_letter<T: Copy>(all: &[T], letter: fn(T) -> char, c: char) -> Option<T> {
    all.iter().copied().find(|&v| letter(v) == c)
}

/// The columns of a set: one entry per annotation of each field, strings as positions in a table.
/// Tags and evidence are kept flat, each annotation's entries ending at `tag_ends` / `evidence_ends`.
#[derive(Default)]
struct Columns<Id, S> {
    id: Vec<Id>,
    kind: Vec<u8>,
    kind_type: Vec<u8>,
    status: Vec<u8>,
    created: Vec<i64>,
    modified: Vec<i64>,
    strings: Vec<S>,
    speaker: Vec<u32>,
    canonical: Vec<u32>,
    cue: Vec<u32>,
    note: Vec<S>,
    tags: Vec<u32>,
    tag_ends: Vec<usize>,
    evidence: Vec<(u32, u32)>,
    evidence_ends: Vec<usize>,
    s: Vec<usize>,
    len: Vec<usize>,
    p: Vec<usize>,
    x: Vec<usize>,
}

/// The ranges of a flat column that belong to each annotation, from where each one's entries end.
fn runs(ends: &[usize]) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
    ends.iter()
        .scan(0, |start, &end| Some(std::mem::replace(start, end)..end))
}
