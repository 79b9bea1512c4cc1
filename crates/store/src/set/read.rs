//! Reading a set: the columns by hand when they are as `write` has them, otherwise with serde.

use super::{from_letter, runs, Columns};
use crate::error::{check_version, StoreError};
use crate::json;
use crate::records::{AnnotationIn, ANNOTATION};
use crate::text_index::TextIndex;
use crate::STORE_VERSION;
use quotemark_core::model::{
    Annotation, AnnotationId, ArcStr, Claim, ClaimStatus, ClaimType, Evidence, Kind, Quote,
    QuoteForm, Substr, Target, TextPositionSelector, TextQuoteSelector, Timestamp,
};
use serde::Deserialize;
use std::borrow::Cow;

/// The columns of a set as serde reads them (the slow path of [`decode_set`], and its errors).
#[derive(Deserialize)]
struct ColumnsIn {
    id: Vec<String>,
    kind: String,
    #[serde(rename = "type")]
    kind_type: String,
    status: String,
    created: Vec<i64>,
    modified: Vec<i64>,
    strings: Vec<String>,
    speaker: Vec<u32>,
    canonical: Vec<u32>,
    cue: Vec<u32>,
    note: Vec<String>,
    tags: Vec<Vec<u32>>,
    evidence: Vec<Vec<(u32, u32)>>,
    s: Vec<usize>,
    len: Vec<usize>,
    p: Vec<usize>,
    x: Vec<usize>,
}

#[derive(Deserialize)]
struct SetIn {
    columns: ColumnsIn,
    records: Vec<serde_json::Value>,
}

#[derive(Deserialize)]
struct IdColumn {
    id: Vec<AnnotationId>,
}

#[derive(Deserialize)]
struct IdOnly {
    id: AnnotationId,
}

#[derive(Deserialize)]
struct SetIds {
    columns: IdColumn,
    records: Vec<IdOnly>,
}

const SET: &str = "a stored annotation set";

impl ColumnsIn {
    /// Checks that every column has an entry per id, and puts them in the flat layout.
    fn into_columns(self) -> Result<Columns<String, String>, StoreError> {
        let n = self.id.len();
        let lengths = [
            ("kind", self.kind.chars().count()),
            ("type", self.kind_type.chars().count()),
            ("status", self.status.chars().count()),
            ("created", self.created.len()),
            ("modified", self.modified.len()),
            ("speaker", self.speaker.len()),
            ("canonical", self.canonical.len()),
            ("cue", self.cue.len()),
            ("note", self.note.len()),
            ("tags", self.tags.len()),
            ("evidence", self.evidence.len()),
            ("s", self.s.len()),
            ("len", self.len.len()),
            ("p", self.p.len()),
            ("x", self.x.len()),
        ];
        if let Some((name, len)) = lengths.iter().find(|(_, len)| *len != n) {
            return Err(StoreError::new(format!(
                "not {SET}: column \"{name}\" has {len} entries for {n} annotations"
            )));
        }
        // A letter that is not ASCII is no letter of the tables: `?` says so when it is read.
        let letters = |s: &str| {
            s.chars()
                .map(|c| if c.is_ascii() { c as u8 } else { b'?' })
                .collect()
        };
        let mut c = Columns {
            kind: letters(&self.kind),
            kind_type: letters(&self.kind_type),
            status: letters(&self.status),
            id: self.id,
            created: self.created,
            modified: self.modified,
            strings: self.strings,
            speaker: self.speaker,
            canonical: self.canonical,
            cue: self.cue,
            note: self.note,
            s: self.s,
            len: self.len,
            p: self.p,
            x: self.x,
            tags: Vec::new(),
            tag_ends: Vec::with_capacity(n),
            evidence: Vec::new(),
            evidence_ends: Vec::with_capacity(n),
        };
        for tags in self.tags {
            c.tags.extend(tags);
            c.tag_ends.push(c.tags.len());
        }
        for evidence in self.evidence {
            c.evidence.extend(evidence);
            c.evidence_ends.push(c.evidence.len());
        }
        Ok(c)
    }
}

/// The columns as [`read_columns`] reads them: strings borrowed from the value unless escaped.
type ReadColumns<'a> = Columns<Cow<'a, str>, Cow<'a, str>>;

/// Reads the columns as [`encode_set`](crate::encode_set) writes them, without serde; `None` at anything else (the
/// caller then reads the value with serde, which says what is wrong). The records that follow the
/// columns are returned unread.
fn read_columns(json: &str) -> Option<(ReadColumns<'_>, &str)> {
    let mut r = json::Reader::new(json);
    let mut c: ReadColumns = Columns::default();
    r.lit(r#"{"version":3,"columns":{"id":"#)?;
    r.list(|r| r.str().map(|s| c.id.push(s)))?;
    let n = c.id.len();
    let letters = |r: &mut json::Reader, key: &str| -> Option<Vec<u8>> {
        r.lit(key)?;
        let s = r.str()?;
        (s.len() == n && s.is_ascii()).then(|| s.into_owned().into_bytes())
    };
    c.kind = letters(&mut r, r#","kind":"#)?;
    c.kind_type = letters(&mut r, r#","type":"#)?;
    c.status = letters(&mut r, r#","status":"#)?;
    r.lit(r#","created":"#)?;
    c.created = r.ints(n)?;
    r.lit(r#","modified":"#)?;
    c.modified = r.ints(n)?;
    r.lit(r#","strings":"#)?;
    r.list(|r| r.str().map(|s| c.strings.push(s)))?;
    let u32s = |r: &mut json::Reader, key: &str| -> Option<Vec<u32>> {
        r.lit(key)?;
        r.uints(n, u32::MAX.into())
    };
    c.speaker = u32s(&mut r, r#","speaker":"#)?;
    c.canonical = u32s(&mut r, r#","canonical":"#)?;
    c.cue = u32s(&mut r, r#","cue":"#)?;
    r.lit(r#","note":"#)?;
    c.note.reserve_exact(n);
    r.list(|r| r.str().map(|s| c.note.push(s)))?;
    r.lit(r#","tags":"#)?;
    c.tag_ends.reserve_exact(n);
    c.evidence_ends.reserve_exact(n);
    // Mostly `[]`: read at once.
    r.list(|r| {
        if r.lit("[]").is_none() {
            r.list(|r| u32::try_from(r.uint()?).ok().map(|t| c.tags.push(t)))?;
        }
        c.tag_ends.push(c.tags.len());
        Some(())
    })?;
    r.lit(r#","evidence":"#)?;
    r.list(|r| {
        if r.lit("[]").is_some() {
            c.evidence_ends.push(c.evidence.len());
            return Some(());
        }
        r.list(|r| {
            r.lit("[")?;
            let url = u32::try_from(r.uint()?).ok()?;
            r.lit(",")?;
            let note = u32::try_from(r.uint()?).ok()?;
            r.lit("]")?;
            c.evidence.push((url, note));
            Some(())
        })?;
        c.evidence_ends.push(c.evidence.len());
        Some(())
    })?;
    for (key, out) in [
        (r#","s":"#, &mut c.s),
        (r#","len":"#, &mut c.len),
        (r#","p":"#, &mut c.p),
        (r#","x":"#, &mut c.x),
    ] {
        r.lit(key)?;
        *out = r.uints(n, usize::MAX as u64)?;
    }
    r.lit(r#"},"records":"#)?;
    let records = r.rest().strip_suffix('}')?;
    // The number columns were read `n` long; the lists of strings, tags and evidence are checked here.
    [c.note.len(), c.tag_ends.len(), c.evidence_ends.len()]
        .iter()
        .all(|&len| len == n)
        .then_some((c, records))
}

impl<Id: AsRef<str>, S: AsRef<str> + Into<String>> Columns<Id, S> {
    /// Reads every annotation of the columns; each one that cannot be read is a problem of its own.
    fn read(self, text: &TextIndex, out: &mut DecodedSet) {
        // The ids are copied into one shared string, and each annotation's id is a view of it:
        // one allocation for all of them.
        let ids = {
            let mut total = 0;
            let ends: Vec<usize> = self
                .id
                .iter()
                .map(|id| {
                    total += id.as_ref().len();
                    total
                })
                .collect();
            let fill = |buf: &mut [std::mem::MaybeUninit<u8>]| {
                let mut at = 0;
                for id in &self.id {
                    let bytes = id.as_ref().as_bytes();
                    let to = &mut buf[at..at + bytes.len()];
                    // SAFETY: `to` is exactly `bytes.len()` bytes of our own buffer.
                    unsafe {
                        std::ptr::copy_nonoverlapping(
                            bytes.as_ptr(),
                            to.as_mut_ptr().cast::<u8>(),
                            bytes.len(),
                        )
                    };
                    at += bytes.len();
                }
            };
            // SAFETY: `fill` writes all `total` bytes, each id's whole UTF-8 in turn.
            let all = if total == 0 {
                ArcStr::new()
            } else {
                unsafe { ArcStr::init_with_unchecked(total, fill) }
            };
            let mut start = 0;
            ends.into_iter()
                .map(move |end| AnnotationId(all.substr(std::mem::replace(&mut start, end)..end)))
        };
        // Each string of the table is copied once; the annotations share it.
        let strings: Vec<Substr> = self
            .strings
            .iter()
            .map(|s| Substr::from(s.as_ref()))
            .collect();
        let (mut tags, mut evidence) = (runs(&self.tag_ends), runs(&self.evidence_ends));
        let mut at_created = 0i64;
        for (i, (id, note)) in ids.zip(self.note).enumerate() {
            at_created = at_created.wrapping_add(self.created[i]);
            let entry = Entry {
                kind: self.kind[i],
                kind_type: self.kind_type[i],
                status: self.status[i],
                created: at_created,
                modified: at_created.wrapping_add(self.modified[i]),
                speaker: self.speaker[i],
                canonical: self.canonical[i],
                cue: self.cue[i],
                tags: tags.next().map_or(&[][..], |run| &self.tags[run]),
                evidence: evidence.next().map_or(&[][..], |run| &self.evidence[run]),
                s: self.s[i],
                len: self.len[i],
                p: self.p[i],
                x: self.x[i],
            };
            match entry.annotation(&strings, text) {
                Ok(a) => out.annotations.push(Annotation {
                    id,
                    note: note.into(),
                    ..a
                }),
                Err(why) => out
                    .problems
                    .push(format!("annotation {} (id {id}): {why}", i + 1)),
            }
        }
    }
}

/// One annotation's entries in the columns.
struct Entry<'c> {
    kind: u8,
    kind_type: u8,
    status: u8,
    created: i64,
    modified: i64,
    speaker: u32,
    canonical: u32,
    cue: u32,
    tags: &'c [u32],
    evidence: &'c [(u32, u32)],
    s: usize,
    len: usize,
    p: usize,
    x: usize,
}

impl Entry<'_> {
    /// The annotation these entries describe, with an empty id and note (the caller moves those in).
    #[inline(never)] // Called once per annotation: small enough for the browser to optimise early.
    fn annotation(&self, strings: &[Substr], text: &TextIndex) -> Result<Annotation, String> {
        let string = |i: u32| -> Result<Option<&Substr>, String> {
            match i {
                0 => Ok(None),
                i => strings.get(i as usize - 1).map(Some).ok_or_else(|| {
                    format!("string {i} is not in the table ({} strings)", strings.len())
                }),
            }
        };
        let shared = |i: u32| string(i).map(|s| s.cloned());
        let (t, st) = (char::from(self.kind_type), char::from(self.status));
        let kind = match self.kind {
            b'q' => Kind::Quote(Quote {
                speaker: shared(self.speaker)?.unwrap_or_default(),
                speaker_canonical: shared(self.canonical)?,
                cue: shared(self.cue)?,
                form: from_letter(&QuoteForm::ALL, QuoteForm::letter, t)
                    .ok_or_else(|| format!("\"{t}\" is not a quote form"))?,
            }),
            b'c' => Kind::Claim(Claim {
                claim_type: from_letter(&ClaimType::ALL, ClaimType::letter, t)
                    .ok_or_else(|| format!("\"{t}\" is not a claim type"))?,
                status: from_letter(&ClaimStatus::ALL, ClaimStatus::letter, st)
                    .ok_or_else(|| format!("\"{st}\" is not a claim status"))?,
                evidence: self
                    .evidence
                    .iter()
                    .map(|&(u, n)| {
                        let owned = |i| string(i).map(|s| s.map(Substr::to_string));
                        Ok(Evidence {
                            url: owned(u)?,
                            note: owned(n)?.unwrap_or_default(),
                        })
                    })
                    .collect::<Result<_, String>>()?,
            }),
            other => return Err(format!("\"{}\" is not a kind", char::from(other))),
        };
        let tags = self
            .tags
            .iter()
            .map(|&t| shared(t)?.ok_or_else(|| "a tag refers to string 0 (none)".to_string()))
            .collect::<Result<_, _>>()?;
        let (start, len, p, x) = (self.s, self.len, self.p, self.x);
        let Some((prefix, exact, suffix)) = text.cut_shared(start, len, p, x) else {
            return Err(format!(
                "its offsets (start {start}, length {len}, p {p}, x {x}) do not fit the text ({} characters)",
                text.len()
            ));
        };
        let end = start + len;
        Ok(Annotation {
            id: AnnotationId(Substr::new()),
            target: Target {
                source: text.source().clone(),
                position: Some(TextPositionSelector { start, end }),
                quote: Some(TextQuoteSelector {
                    exact,
                    prefix,
                    suffix,
                }),
            },
            kind,
            note: String::new(),
            tags,
            created: Timestamp(self.created),
            modified: Timestamp(self.modified),
        })
    }
}

/// A document's annotation set as read by [`decode_set`].
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DecodedSet {
    /// Every annotation that could be read: the columns' in order, then the records'.
    pub annotations: Vec<Annotation>,
    /// One message per annotation that could not be read (`annotation 3 (id …): reason`); when
    /// there are any, the caller keeps the stored value aside before writing the set again.
    pub problems: Vec<String>,
}

/// Reads a document's annotation set against its text. A value that is not a version 3 set at all
/// (not JSON, another version, a column missing or of the wrong length) is an error; annotations
/// that cannot be read are left out and named in [`DecodedSet::problems`], so that one bad entry
/// never costs the others.
///
/// What [`encode_set`](crate::encode_set) writes is read by hand (see `store/json.rs`); anything else, and anything
/// the hand-written reader does not expect, goes through serde_json, whose reading is the
/// reference: both give the same result (a property test checks it).
///
/// ```
/// use quotemark_store::{decode_set, TextIndex};
/// let text = TextIndex::new("abcde");
/// let columns = r#""id":["a","b"],"kind":"cx","type":"oo","status":"uu","created":[1,0],"modified":[0,0],"strings":[],"speaker":[0,0],"canonical":[0,0],"cue":[0,0],"note":["",""],"tags":[[],[]],"evidence":[[],[]],"s":[1,0],"len":[2,1],"p":[0,0],"x":[0,0]"#;
/// let set = decode_set(&format!(r#"{{"version":3,"columns":{{{columns}}},"records":[]}}"#), &text).unwrap();
/// assert_eq!(set.annotations.len(), 1);
/// assert_eq!(set.problems, ["annotation 2 (id b): \"x\" is not a kind"]);
/// assert_eq!(
///     decode_set(r#"{"version":2,"annotations":[]}"#, &text).unwrap_err().to_string(),
///     "unknown version 2 (this version of Quotemark reads version 3)"
/// );
/// ```
pub fn decode_set(json: &str, text: &TextIndex) -> Result<DecodedSet, StoreError> {
    if let Some((columns, records)) = read_columns(json) {
        let records = match records {
            "[]" => Vec::new(),
            // Read one array deeper, as they are inside the set, so that serde_json's nesting
            // limit falls where it would for the whole value.
            records => {
                match serde_json::from_str::<[Vec<serde_json::Value>; 1]>(&format!("[{records}]")) {
                    Ok([records]) => records,
                    Err(_) => return decode_set_with_serde(json, text),
                }
            }
        };
        let mut decoded = DecodedSet {
            annotations: Vec::with_capacity(columns.id.len() + records.len()),
            problems: Vec::new(),
        };
        let first_record = columns.id.len();
        columns.read(text, &mut decoded);
        read_records(records, first_record, text, &mut decoded);
        return Ok(decoded);
    }
    decode_set_with_serde(json, text)
}

/// [`decode_set`] with serde_json only: the reference the hand-written reader is tested against.
#[doc(hidden)]
pub fn decode_set_with_serde(json: &str, text: &TextIndex) -> Result<DecodedSet, StoreError> {
    // What this module writes starts so; anything else has its version checked properly first.
    if !json.starts_with(r#"{"version":3,"#) {
        check_version(json, STORE_VERSION, SET)?;
    }
    let set: SetIn = serde_json::from_str(json).map_err(|e| StoreError::json(&e, json, SET))?;
    let columns = set.columns.into_columns()?;
    let mut decoded = DecodedSet {
        annotations: Vec::with_capacity(columns.id.len() + set.records.len()),
        problems: Vec::new(),
    };
    let first_record = columns.id.len();
    columns.read(text, &mut decoded);
    read_records(set.records, first_record, text, &mut decoded);
    Ok(decoded)
}

/// Reads the records of a set (annotations kept whole), numbering them on from `first`.
fn read_records(
    records: Vec<serde_json::Value>,
    first: usize,
    text: &TextIndex,
    out: &mut DecodedSet,
) {
    for (i, value) in records.into_iter().enumerate() {
        let id = value.get("id").and_then(|v| v.as_str()).map(str::to_string);
        let result = serde_json::from_value::<AnnotationIn>(value)
            .map_err(|e| StoreError::new(format!("not {ANNOTATION}: {e}")))
            .and_then(|r| r.into_annotation(text));
        match result {
            Ok(a) => out.annotations.push(a),
            Err(e) => out.problems.push(match id {
                Some(id) => format!("annotation {} (id {id}): {e}", first + i + 1),
                None => format!("annotation {}: {e}", first + i + 1),
            }),
        }
    }
}

/// The ids in a document's annotation set, in stored order, without reading the rest (for counts);
/// `None` if the value is not a version 3 set.
pub fn set_ids(json: &str) -> Option<Vec<AnnotationId>> {
    check_version(json, STORE_VERSION, SET).ok()?;
    let set: SetIds = serde_json::from_str(json).ok()?;
    Some(
        set.columns
            .id
            .into_iter()
            .chain(set.records.into_iter().map(|a| a.id))
            .collect(),
    )
}
