//! The library as one table for research: a row per quote and per claim across all articles, as
//! CSV ([`research_csv`], through [`crate::table`]: spreadsheet-safe, optional byte order mark)
//! or JSON Lines ([`research_jsonl`], one object per line with the same columns).

use super::Roles;
use crate::document::Document;
use crate::model::{AnnotationSet, Kind};
use crate::people::People;
use crate::report::{evidence_list, quoted_text};

/// The columns, in order (also the JSON Lines keys).
pub const RESEARCH_COLUMNS: [&str; 17] = [
    "article",
    "date",
    "source_url",
    "kind",
    "speaker",
    "speaker_as_written",
    "role",
    "cue",
    "form",
    "text",
    "start",
    "end",
    "claim_type",
    "status",
    "evidence",
    "note",
    "tags",
];

/// One article and its annotations.
#[derive(Clone, Copy)]
pub struct ArticleRef<'a> {
    pub document: &'a Document,
    pub set: &'a AnnotationSet,
}

/// Every row, articles in the order given, annotations in document order. `speaker` is the person
/// (the fullest form of the name across the library), `role` the role set for them (or
/// `anonymous` for a described speaker).
fn rows(articles: &[ArticleRef<'_>], roles: &Roles) -> Vec<[String; 17]> {
    let people = People::from_names(articles.iter().flat_map(|a| a.set.iter()).filter_map(|a| match &a.kind {
        Kind::Quote(q) => {
            let name = q.speaker_canonical.as_deref().map(str::trim).filter(|c| !c.is_empty());
            Some(name.unwrap_or(q.speaker.trim())).filter(|n| !n.is_empty())
        }
        Kind::Claim(_) => None,
    }));
    let mut out = Vec::new();
    for article in articles {
        let doc = article.document;
        for a in article.set.in_document_order() {
            let position = a.target.position;
            let (speaker, as_written, role, cue, form) = match &a.kind {
                Kind::Quote(q) => {
                    let person = people.speaker_of(q).map(|p| p.into_owned()).unwrap_or_default();
                    let role = roles.effective(&person);
                    (
                        person,
                        q.speaker.to_string(),
                        role.map(|r| r.key().to_string()).unwrap_or_default(),
                        q.cue.as_deref().unwrap_or_default().to_string(),
                        q.form.key().to_string(),
                    )
                }
                Kind::Claim(_) => Default::default(),
            };
            let (claim_type, status, evidence) = match &a.kind {
                Kind::Claim(c) => (c.claim_type.key().to_string(), c.status.key().to_string(), evidence_list(&c.evidence)),
                Kind::Quote(_) => Default::default(),
            };
            out.push([
                doc.title.clone(),
                doc.date.map(|d| d.to_iso()).unwrap_or_default(),
                doc.source.clone().unwrap_or_default(),
                a.kind.name().to_string(),
                speaker,
                as_written,
                role,
                cue,
                form,
                quoted_text(doc, a),
                position.map(|p| p.start.to_string()).unwrap_or_default(),
                position.map(|p| p.end.to_string()).unwrap_or_default(),
                claim_type,
                status,
                evidence,
                a.note.clone(),
                a.tags.join("; "),
            ]);
        }
    }
    out
}

/// The library as CSV (see the module docs), with a byte order mark when `bom`.
pub fn research_csv(articles: &[ArticleRef<'_>], roles: &Roles, bom: bool) -> String {
    crate::table::csv_table(&RESEARCH_COLUMNS, rows(articles, roles), bom)
}

/// The library as JSON Lines: one object per quote or claim, keys [`RESEARCH_COLUMNS`] (offsets
/// as numbers, empty fields as `null`).
pub fn research_jsonl(articles: &[ArticleRef<'_>], roles: &Roles) -> String {
    /// A row as JSON: the columns in order, through serde's map writer (no `serde_json::Value`).
    struct Line<'a>(&'a [String; 17]);
    impl serde::Serialize for Line<'_> {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            use serde::ser::SerializeMap;
            let mut m = s.serialize_map(Some(RESEARCH_COLUMNS.len()))?;
            for (key, cell) in RESEARCH_COLUMNS.iter().zip(self.0) {
                match (*key, cell.parse::<u64>()) {
                    _ if cell.is_empty() => m.serialize_entry(key, &())?,
                    ("start" | "end", Ok(n)) => m.serialize_entry(key, &n)?,
                    _ => m.serialize_entry(key, cell)?,
                }
            }
            m.end()
        }
    }
    let mut out = String::new();
    for row in rows(articles, roles) {
        // Cannot fail: string keys, no floats.
        out.push_str(&serde_json::to_string(&Line(&row)).unwrap_or_default());
        out.push('\n');
    }
    out
}
