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

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

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
        AnnotationId(format!("{}-{}-{}-{}-{}", &hex[0..8], &hex[8..12], &hex[12..16], &hex[16..20], &hex[20..32]).into())
    }
}

impl fmt::Display for AnnotationId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Milliseconds since the Unix epoch (UTC).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Timestamp(pub i64);

impl Timestamp {
    /// RFC 3339 in UTC with milliseconds, e.g. `2017-06-05T00:00:00.000Z`.
    ///
    /// ```
    /// use quotemark_core::model::Timestamp;
    /// let t = Timestamp(1_496_620_800_123);
    /// assert_eq!(t.to_rfc3339(), "2017-06-05T00:00:00.123Z");
    /// assert_eq!(Timestamp::parse_rfc3339("2017-06-05T02:00:00.123+02:00"), Some(t));
    /// ```
    pub fn to_rfc3339(self) -> String {
        let ms = self.0.rem_euclid(1000);
        let secs = self.0.div_euclid(1000);
        let days = secs.div_euclid(86_400);
        let rem = secs.rem_euclid(86_400);
        let (y, m, d) = civil_from_days(days);
        format!("{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}.{ms:03}Z", rem / 3600, rem % 3600 / 60, rem % 60)
    }

    /// Parses RFC 3339 / ISO 8601 date-times: `YYYY-MM-DDTHH:MM:SS[.fff][Z|±HH:MM]` (a space may
    /// stand for `T`; a missing offset means UTC) and plain `YYYY-MM-DD` dates.
    pub fn parse_rfc3339(s: &str) -> Option<Timestamp> {
        let s = s.trim();
        if !s.is_ascii() {
            return None; // RFC 3339 is ASCII; this also keeps the byte slicing below on char boundaries
        }
        let date = crate::document::Date::parse_iso(s.get(0..10)?)?;
        let days = days_from_civil(date.year as i64, date.month as i64, date.day as i64);
        let rest = &s[10..];
        if rest.is_empty() {
            return Some(Timestamp(days * 86_400_000));
        }
        let rest = rest.strip_prefix(['T', 't', ' '])?;
        let field = |r: std::ops::Range<usize>| -> Option<i64> {
            let p = rest.get(r)?;
            p.bytes().all(|b| b.is_ascii_digit()).then(|| p.parse().ok())?
        };
        let (h, mi, sec) = (field(0..2)?, field(3..5)?, field(6..8)?);
        if rest.get(2..3)? != ":" || rest.get(5..6)? != ":" || h > 23 || mi > 59 || sec > 60 {
            return None;
        }
        let mut tail = &rest[8..];
        let mut ms = 0i64;
        if let Some(frac) = tail.strip_prefix('.') {
            let digits = frac.bytes().take_while(u8::is_ascii_digit).count();
            if digits == 0 {
                return None;
            }
            let padded = format!("{:0<3}", &frac[..digits.min(3)]);
            ms = padded.parse().ok()?;
            tail = &frac[digits..];
        }
        let offset_min = match tail {
            "" | "Z" | "z" => 0,
            _ => {
                let sign = match tail.as_bytes()[0] {
                    b'+' => 1,
                    b'-' => -1,
                    _ => return None,
                };
                let t = &tail[1..];
                let (oh, om) = match t.len() {
                    5 if &t[2..3] == ":" => (t[0..2].parse::<i64>().ok()?, t[3..5].parse::<i64>().ok()?),
                    4 => (t[0..2].parse::<i64>().ok()?, t[2..4].parse::<i64>().ok()?),
                    2 => (t.parse::<i64>().ok()?, 0),
                    _ => return None,
                };
                sign * (oh * 60 + om)
            }
        };
        let secs = days * 86_400 + h * 3600 + mi * 60 + sec - offset_min * 60;
        Some(Timestamp(secs * 1000 + ms))
    }
}

/// Days since 1970-01-01 → (year, month, day); Howard Hinnant's `civil_from_days`.
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// (year, month, day) → days since 1970-01-01; Howard Hinnant's `days_from_civil`.
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = if m > 2 { m - 3 } else { m + 9 };
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
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
    pub fn new(source: &str, start: usize, end: usize, exact: &str, prefix: &str, suffix: &str) -> Target {
        Target {
            source: source.into(),
            position: Some(TextPositionSelector { start, end }),
            quote: Some(TextQuoteSelector { exact: exact.into(), prefix: prefix.into(), suffix: suffix.into() }),
        }
    }

    /// The stored span, if the target has a position selector.
    pub fn span(&self) -> Option<Span> {
        self.position.map(|p| Span::new(p.start, p.end.max(p.start)))
    }

    /// The quoted text, if stored.
    pub fn exact(&self) -> Option<&str> {
        self.quote.as_ref().map(|q| q.exact.as_str())
    }
}

/// How a quotation is reported.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteForm {
    /// Word for word, in quotation marks.
    #[default]
    Direct,
    /// Some words quoted inside the reporter's sentence.
    Partial,
    /// Reported speech without quotation marks.
    Indirect,
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

/// What sort of assertion a claim is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ClaimType {
    Statistic,
    Causal,
    Prediction,
    Comparison,
    #[default]
    Other,
}

/// Where checking a claim stands.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ClaimStatus {
    #[default]
    Unverified,
    NeedsSource,
    Supported,
    Disputed,
    False,
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
        Annotation { id, target, kind, note: String::new(), tags: Vec::new(), created: now, modified: now }
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

/// The annotations of one document, keyed by id.
///
/// They are kept in one vector sorted by id: a set read from storage (which holds its annotations
/// in id order) becomes an `AnnotationSet` without being copied or sorted again, and a lookup is
/// a binary search. One change moves the annotations after it along (5,000 annotations are well
/// under a megabyte); a batch of changes is merged in one pass.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AnnotationSet {
    /// Sorted by id; no two share one.
    items: Vec<Annotation>,
}

impl AnnotationSet {
    pub fn len(&self) -> usize {
        self.items.len()
    }
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
    /// Where `id` is, or where it would go.
    fn position(&self, id: &AnnotationId) -> Result<usize, usize> {
        self.items.binary_search_by(|a| a.id.cmp(id))
    }
    pub fn get(&self, id: &AnnotationId) -> Option<&Annotation> {
        self.position(id).ok().map(|i| &self.items[i])
    }
    pub fn contains(&self, id: &AnnotationId) -> bool {
        self.position(id).is_ok()
    }
    /// All annotations, by id.
    pub fn iter(&self) -> impl Iterator<Item = &Annotation> {
        self.items.iter()
    }
    /// All annotations in document order (by stored start, then longer first, then id).
    pub fn in_document_order(&self) -> Vec<&Annotation> {
        let mut v: Vec<&Annotation> = self.items.iter().collect();
        v.sort_by_key(|a| {
            let s = a.target.span().unwrap_or(Span::new(usize::MAX, usize::MAX));
            (s.start, std::cmp::Reverse(s.end), a.id.clone())
        });
        v
    }

    /// Applies a command. A command that does not fit the set (creating an id that exists, editing
    /// or deleting one that does not, or whose `before` is not what is stored) changes nothing.
    pub fn apply(&mut self, command: &Command) -> Result<(), CommandError> {
        self.check(command)?;
        self.apply_unchecked(command);
        Ok(())
    }

    fn check(&self, command: &Command) -> Result<(), CommandError> {
        match command {
            Command::Create(a) if self.contains(&a.id) => Err(CommandError::AlreadyExists(a.id.clone())),
            Command::Update { before, after } if before.id != after.id => Err(CommandError::IdChanged(before.id.clone())),
            Command::Update { before: a, .. } | Command::Delete(a) => match self.get(&a.id) {
                None => Err(CommandError::Missing(a.id.clone())),
                Some(current) if current != a => Err(CommandError::Stale(a.id.clone())),
                Some(_) => Ok(()),
            },
            Command::Create(_) => Ok(()),
            Command::Batch(commands) => {
                // Check against a scratch copy so that later commands see earlier ones.
                let mut scratch = self.clone();
                for c in commands {
                    scratch.apply(c)?;
                }
                Ok(())
            }
        }
    }

    fn apply_unchecked(&mut self, command: &Command) {
        match command {
            Command::Create(a) | Command::Update { after: a, .. } => match self.position(&a.id) {
                Ok(i) => self.items[i] = a.clone(),
                Err(i) => self.items.insert(i, a.clone()),
            },
            Command::Delete(a) => {
                if let Ok(i) = self.position(&a.id) {
                    self.items.remove(i);
                }
            }
            Command::Batch(commands) => {
                // What each touched id ends as, then one merge: thousands of changes (an import)
                // cost one pass over the set rather than one move of its tail each.
                let mut outcome = BTreeMap::new();
                Self::outcome(commands, &mut outcome);
                self.items.retain(|a| !outcome.contains_key(&a.id));
                self.items.extend(outcome.into_values().flatten().cloned());
                self.items.sort_by(|a, b| a.id.cmp(&b.id)); // two sorted runs: merged in linear time
            }
        }
    }

    /// The state each annotation touched by `commands` is left in (`None`: deleted).
    fn outcome<'c>(commands: &'c [Command], out: &mut BTreeMap<&'c AnnotationId, Option<&'c Annotation>>) {
        for command in commands {
            match command {
                Command::Create(a) | Command::Update { after: a, .. } => {
                    out.insert(&a.id, Some(a));
                }
                Command::Delete(a) => {
                    out.insert(&a.id, None);
                }
                Command::Batch(inner) => Self::outcome(inner, out),
            }
        }
    }
}

impl FromIterator<Annotation> for AnnotationSet {
    /// Collects annotations; of several with one id, the last is kept. Annotations that arrive in
    /// id order (as a stored set is read) are taken as they are.
    fn from_iter<I: IntoIterator<Item = Annotation>>(iter: I) -> Self {
        let mut items: Vec<Annotation> = iter.into_iter().collect();
        if !items.is_sorted_by(|a, b| a.id < b.id) {
            items.sort_by(|a, b| a.id.cmp(&b.id)); // stable: equal ids stay in arrival order
            // `dedup_by` keeps the first of a run; move each later one into its place instead.
            items.dedup_by(|later, kept| {
                let same = later.id == kept.id;
                if same {
                    std::mem::swap(later, kept);
                }
                same
            });
        }
        AnnotationSet { items }
    }
}

/// As a JSON object from id to annotation.
impl Serialize for AnnotationSet {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.items.iter().map(|a| (&a.id, a)))
    }
}

impl<'de> Deserialize<'de> for AnnotationSet {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(BTreeMap::<AnnotationId, Annotation>::deserialize(deserializer)?.into_values().collect())
    }
}

/// A change to an annotation set. Every command knows its inverse.
// An update holds two annotations inline: commands are made one per reader action, and the text
// they hold is shared (see [`Substr`]), so boxing would only add an allocation.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Command {
    Create(Annotation),
    Update { before: Annotation, after: Annotation },
    Delete(Annotation),
    /// Several changes made (and undone) as one, e.g. an import.
    Batch(Vec<Command>),
}

impl Command {
    /// The command that undoes this one.
    pub fn inverse(&self) -> Command {
        match self {
            Command::Create(a) => Command::Delete(a.clone()),
            Command::Delete(a) => Command::Create(a.clone()),
            Command::Update { before, after } => Command::Update { before: after.clone(), after: before.clone() },
            Command::Batch(cs) => Command::Batch(cs.iter().rev().map(Command::inverse).collect()),
        }
    }

    /// Ids of the annotations this command touches.
    pub fn touched(&self) -> Vec<&AnnotationId> {
        match self {
            Command::Create(a) | Command::Delete(a) => vec![&a.id],
            Command::Update { after, .. } => vec![&after.id],
            Command::Batch(cs) => cs.iter().flat_map(Command::touched).collect(),
        }
    }

    /// A short description for undo buttons and announcements, e.g. `create quote`.
    pub fn describe(&self) -> String {
        match self {
            Command::Create(a) => format!("create {}", a.kind.name()),
            Command::Update { after, .. } => format!("edit {}", after.kind.name()),
            Command::Delete(a) => format!("delete {}", a.kind.name()),
            Command::Batch(cs) => format!("{} changes", cs.len()),
        }
    }
}

/// Why a command could not be applied.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CommandError {
    AlreadyExists(AnnotationId),
    Missing(AnnotationId),
    Stale(AnnotationId),
    IdChanged(AnnotationId),
}

impl fmt::Display for CommandError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CommandError::AlreadyExists(id) => write!(f, "annotation {id} already exists"),
            CommandError::Missing(id) => write!(f, "annotation {id} does not exist"),
            CommandError::Stale(id) => write!(f, "annotation {id} was changed elsewhere"),
            CommandError::IdChanged(id) => write!(f, "an edit may not change the id of annotation {id}"),
        }
    }
}

impl std::error::Error for CommandError {}

/// Undo and redo stacks of commands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct History {
    undo: Vec<Command>,
    redo: Vec<Command>,
    limit: usize,
}

impl Default for History {
    fn default() -> Self {
        History { undo: Vec::new(), redo: Vec::new(), limit: 500 }
    }
}

impl History {
    /// A history that remembers at most `limit` commands.
    pub fn with_limit(limit: usize) -> History {
        History { limit: limit.max(1), ..History::default() }
    }

    /// Applies `command` and records it; clears the redo stack.
    pub fn execute(&mut self, set: &mut AnnotationSet, command: Command) -> Result<(), CommandError> {
        set.apply(&command)?;
        self.undo.push(command);
        if self.undo.len() > self.limit {
            self.undo.remove(0);
        }
        self.redo.clear();
        Ok(())
    }

    /// Undoes the last command; returns the command that was applied to do so.
    pub fn undo(&mut self, set: &mut AnnotationSet) -> Option<Result<Command, CommandError>> {
        let command = self.undo.pop()?;
        let inverse = command.inverse();
        Some(match set.apply(&inverse) {
            Ok(()) => {
                self.redo.push(command);
                Ok(inverse)
            }
            Err(e) => {
                self.undo.push(command);
                Err(e)
            }
        })
    }

    /// Redoes the last undone command; returns it.
    pub fn redo(&mut self, set: &mut AnnotationSet) -> Option<Result<Command, CommandError>> {
        let command = self.redo.pop()?;
        Some(match set.apply(&command) {
            Ok(()) => {
                self.undo.push(command.clone());
                Ok(command)
            }
            Err(e) => {
                self.redo.push(command);
                Err(e)
            }
        })
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }
    /// The command the next undo would revert.
    pub fn peek_undo(&self) -> Option<&Command> {
        self.undo.last()
    }
    /// The command the next redo would apply.
    pub fn peek_redo(&self) -> Option<&Command> {
        self.redo.last()
    }
    pub fn clear(&mut self) {
        self.undo.clear();
        self.redo.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quote(n: u8, start: usize) -> Annotation {
        Annotation::new(
            AnnotationId::from_random_bytes([n; 16]),
            Target::new("doc", start, start + 3, "abc", "", ""),
            Kind::Quote(Quote::default()),
            Timestamp(0),
        )
    }

    #[test]
    fn every_command_is_undone_by_its_inverse() {
        let mut set: AnnotationSet = [quote(1, 0), quote(2, 5)].into_iter().collect();
        let original = set.clone();
        let mut edited = quote(1, 0);
        edited.note = "checked".into();
        edited.modified = Timestamp(5);
        let commands = vec![
            Command::Create(quote(3, 9)),
            Command::Delete(quote(2, 5)),
            Command::Update { before: quote(1, 0), after: edited },
            Command::Batch(vec![Command::Create(quote(4, 1)), Command::Delete(quote(4, 1)), Command::Delete(quote(1, 0))]),
        ];
        for c in commands {
            set.apply(&c).unwrap();
            set.apply(&c.inverse()).unwrap();
            assert_eq!(set, original, "{c:?}");
        }
    }

    #[test]
    fn invalid_commands_change_nothing() {
        let mut set: AnnotationSet = [quote(1, 0)].into_iter().collect();
        let before = set.clone();
        assert_eq!(set.apply(&Command::Create(quote(1, 0))), Err(CommandError::AlreadyExists(quote(1, 0).id)));
        assert!(matches!(set.apply(&Command::Delete(quote(9, 0))), Err(CommandError::Missing(_))));
        let mut other = quote(1, 0);
        other.note = "x".into();
        assert!(matches!(set.apply(&Command::Delete(other)), Err(CommandError::Stale(_))));
        // A batch whose second step fails leaves the first undone too.
        let batch = Command::Batch(vec![Command::Create(quote(2, 0)), Command::Create(quote(2, 0))]);
        assert!(set.apply(&batch).is_err());
        assert_eq!(set, before);
    }

    #[test]
    fn history_undo_redo_and_new_command_clears_redo() {
        let mut set = AnnotationSet::default();
        let mut h = History::default();
        h.execute(&mut set, Command::Create(quote(1, 0))).unwrap();
        h.execute(&mut set, Command::Create(quote(2, 4))).unwrap();
        assert!(matches!(h.undo(&mut set), Some(Ok(Command::Delete(_)))));
        assert_eq!(set.len(), 1);
        assert!(h.can_redo());
        h.execute(&mut set, Command::Create(quote(3, 8))).unwrap();
        assert!(!h.can_redo());
        assert!(h.undo(&mut set).is_some());
        assert!(h.undo(&mut set).is_some());
        assert!(h.undo(&mut set).is_none());
        assert!(set.is_empty());
    }

    #[test]
    fn document_order_sorts_by_start_then_longer_first() {
        let mut a = quote(1, 10);
        a.target = Target::new("doc", 10, 20, "x", "", "");
        let b = quote(2, 10);
        let c = quote(3, 2);
        let set: AnnotationSet = [a.clone(), b.clone(), c.clone()].into_iter().collect();
        let order: Vec<_> = set.in_document_order().into_iter().map(|x| x.id.clone()).collect();
        assert_eq!(order, vec![c.id, a.id, b.id]);
    }

    #[test]
    fn timestamps_round_trip() {
        for ms in [0i64, 1, -1, 951_782_400_000, 1_496_620_800_123, 4_102_444_800_000, -2_208_988_800_000] {
            let t = Timestamp(ms);
            assert_eq!(Timestamp::parse_rfc3339(&t.to_rfc3339()), Some(t), "{}", t.to_rfc3339());
        }
        assert_eq!(Timestamp::parse_rfc3339("2017-06-05"), Some(Timestamp(1_496_620_800_000)));
        assert_eq!(Timestamp::parse_rfc3339("2017-06-05T00:00:00.5Z"), Some(Timestamp(1_496_620_800_500)));
        assert_eq!(Timestamp::parse_rfc3339("2017-06-05T01:00:00+0100"), Some(Timestamp(1_496_620_800_000)));
        for bad in [
            "", "2017", "2017-06-05T", "2017-06-05T25:00:00Z", "2017-06-05T00:00:00+x", "2017-06-05T00:00:00.",
            "2017-06-05T00:00:00+aé:0", "2017-06-05T00:00:00+aéb",
        ] {
            assert_eq!(Timestamp::parse_rfc3339(bad), None, "{bad}");
        }
    }

    #[test]
    fn annotation_json_is_flat_with_kind_tag() {
        let a = quote(1, 0);
        let json = serde_json::to_value(&a).unwrap();
        assert_eq!(json["kind"], "quote");
        assert_eq!(json["form"], "direct");
        let back: Annotation = serde_json::from_value(json).unwrap();
        assert_eq!(back, a);
    }
}
