//! Agreement between coders who annotated the same article: what differs between two layers
//! ([`compare`]) and how much they agree ([`pairwise`], [`overall`]), as the literature defines
//! it — span F1 at exact and at ≥ 80% overlap ([`spans`]), Cohen's κ on the labels of paired spans
//! (kind, speaker, claim status; [`kappa`]) and Krippendorff's α_U on the code points
//! ([`unitizing`]). The formulas and their sources are in each module and in
//! docs/AGREEMENT.md; the tests check them against the published worked examples.
//!
//! Spans are the annotations' stored positions; a layer made on another version of the text is
//! re-anchored before it is compared.

pub mod adjudicate;
pub mod kappa;
pub mod layer;
pub mod report;
pub mod spans;
pub mod unitizing;

use crate::model::{Annotation, AnnotationId, AnnotationSet, Kind, Span};
use crate::people::People;
use spans::Pairing;
use std::collections::HashMap;

/// An overlap of at least this much (each span covering 80% of the other) counts as the same span
/// for the ≥ 80% figures and the κ's.
pub const NEAR: f64 = 0.8;

/// One annotation as the comparison sees it.
#[derive(Clone, Debug, PartialEq)]
pub struct Coded {
    pub id: AnnotationId,
    pub span: Span,
    pub kind: &'static str,
    /// The label compared besides the kind: the speaker (a person's fullest name, `""` for none)
    /// for a quote, the status key for a claim.
    pub label: String,
}

/// The annotations of a layer with a position, in document order; speakers named by `people`.
pub fn coded(set: &AnnotationSet, people: &People) -> Vec<Coded> {
    coded_by(set, people, |a| a.target.span())
}

/// The annotations of a layer placed by `span_of` (where each is in the current text; `None`
/// leaves it out), in document order; speakers named by `people`.
pub fn coded_by(set: &AnnotationSet, people: &People, span_of: impl Fn(&Annotation) -> Option<Span>) -> Vec<Coded> {
    // A layer names a handful of people many times: each written name is looked up once (the
    // lookup splits and lowercases the name; for 10,000 annotations in the browser it took 10 ms).
    let mut speakers: HashMap<(&str, Option<&str>), String> = HashMap::new();
    let mut out: Vec<Coded> = set
        .iter()
        .filter_map(|a: &Annotation| {
            let span = span_of(a)?;
            let label = match &a.kind {
                Kind::Quote(q) => speakers
                    .entry((q.speaker.as_str(), q.speaker_canonical.as_deref()))
                    .or_insert_with(|| people.speaker_of(q).map(|p| p.into_owned()).unwrap_or_default())
                    .clone(),
                Kind::Claim(c) => c.status.key().to_string(),
            };
            Some(Coded { id: a.id.clone(), span, kind: a.kind.name(), label })
        })
        .collect();
    crate::order::sort_by(&mut out, |x, y| (x.span.start, std::cmp::Reverse(x.span.end), &x.id).cmp(&(y.span.start, std::cmp::Reverse(y.span.end), &y.id)));
    out
}

impl Difference {
    /// The annotation of mine and of theirs it is about.
    pub fn ids(&self) -> (Option<&AnnotationId>, Option<&AnnotationId>) {
        match self {
            Difference::OnlyMine(m) => (Some(m), None),
            Difference::OnlyTheirs(t) => (None, Some(t)),
            Difference::Relabelled { mine, theirs, .. } | Difference::Overlapping { mine, theirs, .. } => (Some(mine), Some(theirs)),
        }
    }

    /// A short description for the reader, e.g. `Only mine` or `Same span, another speaker`.
    pub fn label(&self) -> String {
        match self {
            Difference::OnlyMine(_) => "Only mine".to_string(),
            Difference::OnlyTheirs(_) => "Only theirs".to_string(),
            Difference::Relabelled { field, .. } => format!("Same span, another {field}"),
            Difference::Overlapping { overlap, .. } => format!("Overlapping spans ({:.0}% shared)", overlap * 100.0),
        }
    }
}

/// A difference between my layer and theirs.
#[derive(Clone, Debug, PartialEq)]
pub enum Difference {
    OnlyMine(AnnotationId),
    OnlyTheirs(AnnotationId),
    /// The same span, labelled differently: `field` is `kind`, `speaker` or `status`.
    Relabelled { mine: AnnotationId, theirs: AnnotationId, field: &'static str },
    /// Spans of the same kind that overlap without being the same (`overlap` < 1).
    Overlapping { mine: AnnotationId, theirs: AnnotationId, overlap: f64 },
}

/// Every difference between `mine` and `theirs`, mine in document order first.
pub fn compare(mine: &[Coded], theirs: &[Coded]) -> Vec<Difference> {
    Matched::new(mine, theirs).differences()
}

/// Two layers with their spans paired once (same kind, any overlap), for both their differences
/// and their figures.
pub struct Matched<'a> {
    a: &'a [Coded],
    b: &'a [Coded],
    spans: (Vec<Span>, Vec<Span>),
    same_kind: Pairing,
}

impl<'a> Matched<'a> {
    pub fn new(a: &'a [Coded], b: &'a [Coded]) -> Self {
        let spans: (Vec<Span>, Vec<Span>) = (a.iter().map(|c| c.span).collect(), b.iter().map(|c| c.span).collect());
        let same_kind = spans::pair(&spans.0, &spans.1, 0.0, |i, j| a[i].kind == b[j].kind);
        Matched { a, b, spans, same_kind }
    }

    /// Every difference, mine (`a`) in document order first.
    pub fn differences(&self) -> Vec<Difference> {
        let (mine, theirs, same_kind) = (self.a, self.b, &self.same_kind);
        let (a, b) = (&self.spans.0, &self.spans.1);
        let mut out = Vec::new();
        for &(i, j, o) in &same_kind.pairs {
            let (m, t) = (&mine[i], &theirs[j]);
            if o < 1.0 {
                out.push(Difference::Overlapping { mine: m.id.clone(), theirs: t.id.clone(), overlap: o });
            } else if m.label != t.label {
                let field = if m.kind == "quote" { "speaker" } else { "status" };
                out.push(Difference::Relabelled { mine: m.id.clone(), theirs: t.id.clone(), field });
            }
        }
        // What is left: the same span with another kind, or alone.
        let left_a: Vec<Span> = same_kind.only_a.iter().map(|&i| a[i]).collect();
        let left_b: Vec<Span> = same_kind.only_b.iter().map(|&j| b[j]).collect();
        let exact = spans::pair(&left_a, &left_b, 0.999_999, |_, _| true);
        for &(i, j, _) in &exact.pairs {
            let (m, t) = (&mine[same_kind.only_a[i]], &theirs[same_kind.only_b[j]]);
            out.push(Difference::Relabelled { mine: m.id.clone(), theirs: t.id.clone(), field: "kind" });
        }
        out.extend(exact.only_a.iter().map(|&i| Difference::OnlyMine(mine[same_kind.only_a[i]].id.clone())));
        out.extend(exact.only_b.iter().map(|&j| Difference::OnlyTheirs(theirs[same_kind.only_b[j]].id.clone())));
        out
    }

    /// The figures of the pair on a text of `len` code points.
    pub fn figures(&self, len: usize) -> Pairwise {
        let (a, b, same_kind) = (self.a, self.b, &self.same_kind);
        let exact = same_kind.pairs.iter().filter(|p| p.2 >= 1.0).count();
        let near = same_kind.pairs.iter().filter(|p| p.2 >= NEAR).count();
        let any_kind = spans::pair(&self.spans.0, &self.spans.1, NEAR - 1e-9, |_, _| true);
        let kinds: Vec<(&str, &str)> = any_kind.pairs.iter().map(|&(i, j, _)| (a[i].kind, b[j].kind)).collect();
        let labels = |kind: &str| -> Vec<(&str, &str)> {
            same_kind
                .pairs
                .iter()
                .filter(|p| p.2 >= NEAR && a[p.0].kind == kind)
                .map(|&(i, j, _)| (a[i].label.as_str(), b[j].label.as_str()))
                .collect()
        };
        let (speakers, statuses) = (labels("quote"), labels("claim"));
        Pairwise {
            f1_exact: spans::f1(exact, a.len(), b.len()),
            f1_near: spans::f1(near, a.len(), b.len()),
            kappa_kind: kappa::cohen_kappa(&kinds),
            kappa_speaker: kappa::cohen_kappa(&speakers),
            kappa_status: kappa::cohen_kappa(&statuses),
            kind_pairs: kinds.len(),
            speaker_pairs: speakers.len(),
            status_pairs: statuses.len(),
            alpha_u: overall(&[a, b], len).overall,
        }
    }
}

/// The agreement of two layers.
#[derive(Clone, Debug, PartialEq)]
pub struct Pairwise {
    /// Span F1 of same-kind spans, exact and at ≥ 80% overlap.
    pub f1_exact: f64,
    pub f1_near: f64,
    /// Cohen's κ on the kind of spans paired at ≥ 80% overlap (any kind), on the speaker of paired
    /// quotes and on the status of paired claims; `None` where undefined.
    pub kappa_kind: Option<f64>,
    pub kappa_speaker: Option<f64>,
    pub kappa_status: Option<f64>,
    /// How many pairs each κ is computed on.
    pub kind_pairs: usize,
    pub speaker_pairs: usize,
    pub status_pairs: usize,
    /// α_U over the text's code points, quotes and claims as categories.
    pub alpha_u: Option<f64>,
}

/// The agreement of `a` and `b` on a text of `len` code points.
pub fn pairwise(a: &[Coded], b: &[Coded], len: usize) -> Pairwise {
    Matched::new(a, b).figures(len)
}

/// α_U of any number of layers (mine and up to five others in the app), overall and for quotes and claims.
pub fn overall(layers: &[&[Coded]], len: usize) -> unitizing::Unitizing<&'static str> {
    let coders: Vec<Vec<(Span, &'static str)>> = layers.iter().map(|l| l.iter().map(|c| (c.span, c.kind)).collect()).collect();
    unitizing::alpha_u(len, &coders)
}

#[cfg(test)]
mod tests;
