//! The annotation model: what a reader marks up, and the undoable commands that change it.
//!
//! Nothing here holds a signal or a DOM object; the app wraps an [`AnnotationSet`] and a
//! [`History`] in its own reactive state.
//!
//! ```
//! use quotemark_core::model::*;
//! let mut set = AnnotationSet::default();
//! let mut history = History::default();
//! let quote = Annotation::new(
//!     AnnotationId::from_random_bytes([7; 16]),
//!     Target::new("sha256:00", 4, 9, "hello", "", ""),
//!     Kind::Quote(Quote { speaker: "Theresa May".into(), ..Quote::default() }),
//!     Timestamp(1_496_620_800_000),
//! );
//! history.execute(&mut set, Command::Create(quote.clone())).unwrap();
//! assert_eq!(set.len(), 1);
//! history.undo(&mut set).unwrap();
//! assert!(set.is_empty());
//! history.redo(&mut set).unwrap();
//! assert_eq!(set.get(&quote.id), Some(&quote));
//! ```
//!
//! The parts: the annotation types here, [`Timestamp`] in `time`, the closed vocabularies
//! ([`QuoteForm`], [`ClaimType`], [`ClaimStatus`], [`SpeakerRole`]) in `vocab`, [`AnnotationSet`] in `set`, and
//! [`Command`] and [`History`] in `command`. Uses serde and arcstr only.

use serde::{Deserialize, Serialize};
use std::fmt;

mod command;
mod set;
mod time;
mod vocab;

pub use command::{Command, CommandError, History};
pub use set::AnnotationSet;
pub use time::Timestamp;
pub use vocab::{ClaimStatus, ClaimType, QuoteForm, SpeakerRole};

/// The string type of the model's text fields: immutable, cloned by a reference count, and possibly
/// a view into a larger shared string ([`arcstr::Substr`]).
///
/// Annotations read from storage share one copy of the document text for their quotes and context,
/// one copy of the document id for their sources, one copy of each speaker, cue verb and tag, and
/// one string holding all their ids: reading 5,000 of them allocates no string per annotation
/// (it was seven), and copying an annotation (for the undo history, a command, a signal) copies
/// no text.
///
/// ```
/// use quotemark_core::model::{ArcStr, Substr};
/// let text = ArcStr::from("“Yes,” she said.");
/// let quote: Substr = text.substr(3..6);
/// assert_eq!(quote, "Yes");
/// assert!(ArcStr::ptr_eq(quote.parent(), &text)); // a view, not a copy
/// ```
pub use arcstr::{ArcStr, Substr};

/// An annotation id. Annotations made in Quotemark get a random (version 4) UUID; ids of annotations
/// imported from other tools are kept verbatim so that importing the same file again merges cleanly.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct AnnotationId(pub Substr);

impl AnnotationId {
    /// A version 4 UUID from 16 random bytes (the caller supplies the randomness: the browser's
    /// `crypto.getRandomValues` in the app, a seeded generator in tests).
    ///
    /// ```
    /// use quotemark_core::model::AnnotationId;
    /// let id = AnnotationId::from_random_bytes([0xff; 16]);
    /// assert_eq!(id.0, "ffffffff-ffff-4fff-bfff-ffffffffffff");
    /// ```
    pub fn from_random_bytes(mut bytes: [u8; 16]) -> Self {
        bytes[6] = (bytes[6] & 0x0f) | 0x40;
        bytes[8] = (bytes[8] & 0x3f) | 0x80;
        let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
        AnnotationId(
            format!(
                "{}-{}-{}-{}-{}",
                &hex[0..8],
                &hex[8..12],
                &hex[12..16],
                &hex[16..20],
                &hex[20..32]
            )
            .into(),
        )
    }
}

impl fmt::Display for AnnotationId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A half-open range of code points `[start, end)` in a document text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        debug_assert!(start <= end);
        Span { start, end }
    }
    pub fn len(&self) -> usize {
        self.end - self.start
    }
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
    /// Whether two spans share at least one code point.
    pub fn overlaps(&self, other: &Span) -> bool {
        self.start < other.end && other.start < self.end
    }
}

/// W3C `TextPositionSelector`: code-point offsets into the document text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct TextPositionSelector {
    pub start: usize,
    pub end: usize,
}

/// W3C `TextQuoteSelector`: the quoted text and enough context on each side to find it again.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct TextQuoteSelector {
    pub exact: Substr,
    #[serde(default)]
    pub prefix: Substr,
    #[serde(default)]
    pub suffix: Substr,
}

/// What an annotation points at: a document and where in it. At least one selector is present;
/// Quotemark always writes both.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Target {
    /// The [`crate::document::DocumentId`] (or, for foreign annotations, the source IRI).
    pub source: Substr,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<TextPositionSelector>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<TextQuoteSelector>,
}

impl Target {
    /// A target with both selectors.
    pub fn new(
        source: &str,
        start: usize,
        end: usize,
        exact: &str,
        prefix: &str,
        suffix: &str,
    ) -> Target {
        Target {
            source: source.into(),
            position: Some(TextPositionSelector { start, end }),
            quote: Some(TextQuoteSelector {
                exact: exact.into(),
                prefix: prefix.into(),
                suffix: suffix.into(),
            }),
        }
    }

    /// The stored span, if the target has a position selector.
    pub fn span(&self) -> Option<Span> {
        self.position
            .map(|p| Span::new(p.start, p.end.max(p.start)))
    }

    /// The quoted text, if stored.
    pub fn exact(&self) -> Option<&str> {
        self.quote.as_ref().map(|q| q.exact.as_str())
    }
}

/// A quotation: who said it and how.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Quote {
    /// The speaker as written in the article ("the Prime Minister", "May").
    pub speaker: Substr,
    /// The speaker's canonical name ("Theresa May"), when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker_canonical: Option<Substr>,
    /// The reporting verb as written ("said", "slammed").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cue: Option<Substr>,
    #[serde(default)]
    pub form: QuoteForm,
}

/// One piece of evidence for or against a claim: a link, a short note, or both.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Evidence {
    /// An `http` or `https` URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// An assertion worth checking.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Claim {
    #[serde(rename = "claimType", default)]
    pub claim_type: ClaimType,
    #[serde(default)]
    pub status: ClaimStatus,
    #[serde(default)]
    pub evidence: Vec<Evidence>,
}

/// The kind of an annotation and its kind-specific fields. New kinds (a plain highlight, say) are
/// new variants; everything shared lives on [`Annotation`].
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Kind {
    Quote(Quote),
    Claim(Claim),
}

impl Kind {
    /// A stable lowercase name: `quote` or `claim`.
    pub fn name(&self) -> &'static str {
        match self {
            Kind::Quote(_) => "quote",
            Kind::Claim(_) => "claim",
        }
    }
}

/// One annotation on a document.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Annotation {
    pub id: AnnotationId,
    pub target: Target,
    #[serde(flatten)]
    pub kind: Kind,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<Substr>,
    pub created: Timestamp,
    pub modified: Timestamp,
}

impl Annotation {
    /// A new annotation with no note or tags, created and modified `now`.
    pub fn new(id: AnnotationId, target: Target, kind: Kind, now: Timestamp) -> Annotation {
        Annotation {
            id,
            target,
            kind,
            note: String::new(),
            tags: Vec::new(),
            created: now,
            modified: now,
        }
    }

    /// Whether two annotations say the same thing about the same text: same kind, fields, note, tags
    /// and span (ids and timestamps aside). Used by merge to skip duplicates.
    pub fn same_content(&self, other: &Annotation) -> bool {
        self.kind == other.kind
            && self.note == other.note
            && self.tags == other.tags
            && self.target.span() == other.target.span()
            && self.target.exact() == other.target.exact()
    }
}

/// A quote on `doc` at `start..start + 3`, for the tests of this module and its parts.
#[cfg(test)]
fn test_quote(n: u8, start: usize) -> Annotation {
    Annotation::new(
        AnnotationId::from_random_bytes([n; 16]),
        Target::new("doc", start, start + 3, "abc", "", ""),
        Kind::Quote(Quote::default()),
        Timestamp(0),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn annotation_json_is_flat_with_kind_tag() {
        let a = test_quote(1, 0);
        let json = serde_json::to_value(&a).unwrap();
        assert_eq!(json["kind"], "quote");
        assert_eq!(json["form"], "direct");
        let back: Annotation = serde_json::from_value(json).unwrap();
        assert_eq!(back, a);
    }
}
