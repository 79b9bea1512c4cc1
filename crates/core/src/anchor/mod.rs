//! Describing spans as W3C selectors and anchoring selectors in a (possibly changed) text.
//! Interim exact-only implementation; the robust one (Myers fuzzy matching) is being written.

pub mod myers;
use crate::model::{Annotation, Span, Target};

/// How an annotation was found in the current text.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum AnchorStatus {
    /// The stored position still holds the quote.
    Exact,
    /// The exact quote was found elsewhere.
    Moved,
    /// An approximate match; `score` in 0..=1 (1 = identical).
    Fuzzy { score: f32 },
    /// Not found; the annotation is kept with its stored quote.
    Orphan,
}

/// The result of anchoring one target.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Anchored {
    pub span: Option<Span>,
    pub status: AnchorStatus,
}

/// Anchors one target in `text`.
pub fn anchor(text: &str, target: &Target) -> Anchored {
    let chars: Vec<char> = text.chars().collect();
    let exact: Vec<char> = target.exact().unwrap_or("").chars().collect();
    if let Some(span) = target.span() {
        if span.end <= chars.len() && (exact.is_empty() || chars[span.start..span.end] == exact[..]) {
            return Anchored { span: Some(span), status: AnchorStatus::Exact };
        }
    }
    if !exact.is_empty() {
        if let Some(start) = chars.windows(exact.len()).position(|w| w == &exact[..]) {
            return Anchored { span: Some(Span::new(start, start + exact.len())), status: AnchorStatus::Moved };
        }
    }
    Anchored { span: None, status: AnchorStatus::Orphan }
}

/// Anchors every annotation; results are in the same order as the input.
pub fn anchor_all<'a>(text: &str, annotations: impl IntoIterator<Item = &'a Annotation>) -> Vec<Anchored> {
    annotations.into_iter().map(|a| anchor(text, &a.target)).collect()
}
