//! Writing a set: the columns, with a table of strings, and the other annotations as records.

use super::runs;
use crate::json;
use crate::records::AnnotationOut;
use crate::text_index::{Compact, TextIndex};
use quotemark_core::model::{Annotation, AnnotationSet, Kind, Substr};

/// Strings written once, referred to by position (1-based; 0 means none).
struct Strings<'a> {
    /// Shared strings looked up lately, with their positions: annotations read from storage share
    /// their speakers' and cue verbs' strings, so most lookups are a few pointer comparisons.
    recent: Vec<(&'a Substr, u32)>,
    list: Vec<&'a str>,
    /// FNV (as the suggestion lexicons use): thousands of short strings, and no need for SipHash's
    /// protection against chosen collisions in a table built from the reader's own annotations.
    index:
        std::collections::HashMap<&'a str, u32, std::hash::BuildHasherDefault<quotemark_core::Fnv>>,
}

impl<'a> Strings<'a> {
    fn get(&mut self, s: &'a str) -> u32 {
        if let Some(&i) = self.index.get(s) {
            return i;
        }
        self.list.push(s);
        let i = self.list.len() as u32;
        self.index.insert(s, i);
        i
    }
    fn opt(&mut self, s: Option<&'a str>) -> u32 {
        s.map_or(0, |s| self.get(s))
    }
    fn shared(&mut self, s: &'a Substr) -> u32 {
        if let Some(&(_, i)) = self
            .recent
            .iter()
            .find(|(seen, _)| Substr::shallow_eq(seen, s))
        {
            return i;
        }
        let i = self.get(s);
        if self.recent.len() < 16 {
            self.recent.push((s, i));
        }
        i
    }
    fn shared_opt(&mut self, s: Option<&'a Substr>) -> u32 {
        s.map_or(0, |s| self.shared(s))
    }
}

/// Writes a document's annotation set: `{"version":3,"columns":{…},"records":[…]}` (see the
/// module docs of `set.rs` for why columns). `columns` holds Quotemark's own annotations on this text in the
/// order of their ids, one array per field, each as long as `id`:
///
/// | column | each entry |
/// | --- | --- |
/// | `id` | the annotation id |
/// | `kind` (a string) | one letter: `q` quote, `c` claim |
/// | `type` (a string) | a quote's form (`d` direct, `p` partial, `i` indirect) or a claim's type (`s` statistic, `c` causal, `p` prediction, `m` comparison, `o` other) |
/// | `status` (a string) | a claim's status (`u` unverified, `n` needs source, `s` supported, `d` disputed, `f` false); `-` for quotes |
/// | `created` | milliseconds since the Unix epoch, less the previous entry's (the first: less 0) |
/// | `modified` | milliseconds after `created` |
/// | `speaker`, `canonical`, `cue` | a position in `strings` (1-based), 0 for none |
/// | `note` | the note |
/// | `tags` | positions in `strings` |
/// | `evidence` | `[url, note]` pairs of positions in `strings` (url 0: no link) |
/// | `s` | the start, in code points |
/// | `len`, `p`, `x` | the quote's length, and its prefix's and suffix's, in code points |
///
/// `strings` is the table of speakers, cue verbs, tags and evidence. `records` holds every other
/// annotation as its record (see [`encode_annotation`](crate::encode_annotation)). The JSON is written without whitespace,
/// as serde_json writes it.
pub fn encode_set<'a>(
    annotations: impl IntoIterator<Item = &'a Annotation>,
    text: &TextIndex,
) -> String {
    write_set(annotations, false, text)
}

/// [`encode_set`] of a whole [`AnnotationSet`], which already holds its annotations in id order
/// (so they are not sorted again: 5,000 comparisons of ids, about a millisecond in the browser).
///
/// ```
/// use quotemark_core::model::AnnotationSet;
/// use quotemark_store::{encode_annotation_set, encode_set, TextIndex};
/// let text = TextIndex::new("abc");
/// assert_eq!(encode_annotation_set(&AnnotationSet::default(), &text), encode_set([], &text));
/// ```
pub fn encode_annotation_set(set: &AnnotationSet, text: &TextIndex) -> String {
    write_set(set.iter(), true, text)
}

fn write_set<'a>(
    annotations: impl IntoIterator<Item = &'a Annotation>,
    in_id_order: bool,
    text: &TextIndex,
) -> String {
    let mut records = Vec::new();
    let mut own: Vec<(&Annotation, Compact)> = Vec::new();
    for a in annotations {
        match Some(&a.target)
            .filter(|t| t.source == *text.source())
            .and_then(|t| text.compact(t))
        {
            Some(at) => own.push((a, at)),
            None => records.push(AnnotationOut::new(a, text)),
        }
    }
    // In id order: the app keeps annotations by id, and builds that from sorted input in one pass.
    if !in_id_order {
        quotemark_core::order::sort_by(&mut own, |(a, _), (b, _)| a.id.cmp(&b.id));
    }
    let mut strings = Strings {
        recent: Vec::new(),
        list: Vec::new(),
        index: std::collections::HashMap::default(),
    };
    // The columns that refer to the table of strings, filled in one pass (in the order the table
    // has always been filled, so that what is written stays byte for byte the same); the others
    // are written straight from the annotations. Entries are set in place rather than pushed: the
    // size-optimised build calls out for every push.
    let n = own.len();
    let (mut speaker, mut canonical, mut cue) = (vec![0u32; n], vec![0u32; n], vec![0u32; n]);
    let (mut tags, mut tag_ends, mut evidence, mut evidence_ends) =
        (Vec::new(), vec![0usize; n], Vec::new(), vec![0usize; n]);
    let mut text_bytes = 0;
    for (i, &(a, _)) in own.iter().enumerate() {
        match &a.kind {
            Kind::Quote(q) => {
                speaker[i] = strings.shared(&q.speaker);
                canonical[i] = strings.shared_opt(q.speaker_canonical.as_ref());
                cue[i] = strings.shared_opt(q.cue.as_ref());
            }
            Kind::Claim(cl) if !cl.evidence.is_empty() => {
                evidence.extend(
                    cl.evidence
                        .iter()
                        .map(|ev| (strings.opt(ev.url.as_deref()), strings.get(&ev.note))),
                );
            }
            Kind::Claim(_) => {}
        }
        evidence_ends[i] = evidence.len();
        if !a.tags.is_empty() {
            tags.extend(a.tags.iter().map(|t| strings.get(t)));
        }
        tag_ends[i] = tags.len();
        text_bytes += a.id.0.len() + a.note.len();
    }
    let letters =
        |letter: fn(&Annotation) -> u8| -> Vec<u8> { own.iter().map(|(a, _)| letter(a)).collect() };
    let kind = letters(|a| {
        if matches!(a.kind, Kind::Quote(_)) {
            b'q'
        } else {
            b'c'
        }
    });
    let kind_type = letters(|a| match &a.kind {
        Kind::Quote(q) => q.form.letter() as u8,
        Kind::Claim(c) => c.claim_type.letter() as u8,
    });
    let status = letters(|a| match &a.kind {
        Kind::Quote(_) => b'-',
        Kind::Claim(c) => c.status.letter() as u8,
    });
    let mut w = json::Writer::with_capacity(n * 48 + text_bytes + 256);
    w.raw(r#"{"version":3,"columns":{"id":"#);
    w.list(&own, |w, (a, _)| w.str(&a.id.0));
    for (key, letters) in [
        (r#","kind":""#, &kind),
        (r#"","type":""#, &kind_type),
        (r#"","status":""#, &status),
    ] {
        w.raw(key);
        // Letters from the tables above: ASCII.
        w.raw(std::str::from_utf8(letters).unwrap_or_default());
    }
    w.raw(r#"","created":"#);
    w.ints(own.iter().scan(0i64, |last, (a, _)| {
        Some(
            a.created
                .0
                .wrapping_sub(std::mem::replace(last, a.created.0)),
        )
    }));
    w.raw(r#","modified":"#);
    w.ints(
        own.iter()
            .map(|(a, _)| a.modified.0.wrapping_sub(a.created.0)),
    );
    w.raw(r#","strings":"#);
    w.list(&strings.list, |w, s| w.str(s));
    for (key, column) in [
        (r#","speaker":"#, &speaker),
        (r#","canonical":"#, &canonical),
        (r#","cue":"#, &cue),
    ] {
        w.raw(key);
        w.uints(column.iter().map(|&n| n.into()));
    }
    w.raw(r#","note":"#);
    w.list(&own, |w, (a, _)| w.str(&a.note));
    w.raw(r#","tags":"#);
    w.list(runs(&tag_ends), |w, run| {
        w.uints(tags[run].iter().map(|&t| t.into()))
    });
    w.raw(r#","evidence":"#);
    w.list(runs(&evidence_ends), |w, run| {
        w.list(&evidence[run], |w, &(url, note)| {
            w.raw("[");
            w.uint(url.into());
            w.raw(",");
            w.uint(note.into());
            w.raw("]");
        })
    });
    for (i, key) in [r#","s":"#, r#","len":"#, r#","p":"#, r#","x":"#]
        .into_iter()
        .enumerate()
    {
        w.raw(key);
        w.uints(
            own.iter()
                .map(|&(_, (s, e, p, x))| [s, e - s, p, x][i] as u64),
        );
    }
    w.raw(r#"},"records":"#);
    // Cannot fail: string keys, no floats.
    w.raw(&serde_json::to_string(&records).unwrap_or_default());
    w.raw("}");
    w.finish()
}
