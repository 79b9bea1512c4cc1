//! The document object of one of our files (version 1 or 2): reading it and checking its text
//! against its content id. Uses [`super::fields`].

use super::error::{quoted, Path};
use super::fields::{opt_str, req_str, R};
use super::json::Json as Value;
use super::ImportedDocument;
use crate::document::{Date, DocumentId};
use crate::model::SpeakerRole;

/// Member names of the document object in each version.
pub(crate) struct DocumentKeys {
    pub title: &'static str,
    pub date: &'static str,
    pub source: &'static str,
    pub text: &'static str,
}

impl DocumentKeys {
    pub(crate) const V2: DocumentKeys = DocumentKeys {
        title: "qm:title",
        date: "qm:date",
        source: "qm:source",
        text: "qm:text",
    };
    pub(crate) const V1: DocumentKeys = DocumentKeys {
        title: "title",
        date: "date",
        source: "source",
        text: "text",
    };
}

/// Reads the document of one of our files and checks its text against its id.
pub(crate) fn document(v: &Value, p: &Path, keys: &DocumentKeys) -> R<ImportedDocument> {
    let m = v
        .as_object()
        .ok_or_else(|| p.expected("an object describing the document", v))?;
    let id = req_str(m, "id", p)?;
    let title = req_str(m, keys.title, p)?.to_string();
    let date = match opt_str(m, keys.date, p)? {
        None => None,
        Some(s) => Some(Date::parse_iso(s).ok_or_else(|| {
            p.key(keys.date).invalid(format!(
                "expected a date as YYYY-MM-DD, found {}",
                quoted(s)
            ))
        })?),
    };
    let source = opt_str(m, keys.source, p)?.map(str::to_string);
    let text = opt_str(m, keys.text, p)?.map(str::to_string);
    let mut roles = crate::insights::Roles::default();
    if let Some(v) = m.get("qm:speakerRoles").filter(|v| !v.is_null()) {
        let at = p.key("qm:speakerRoles");
        let members = v.as_object().ok_or_else(|| at.expected("an object of names and roles", v))?;
        for (name, role) in members.members() {
            let role = role.as_str().and_then(SpeakerRole::from_key).ok_or_else(|| {
                let keys: Vec<&str> = SpeakerRole::ALL.iter().map(|r| r.key()).collect();
                at.key(name).expected(&format!("one of {}", keys.join(", ")), role)
            })?;
            roles.set(name, Some(role));
        }
    }
    if let Some(text) = &text {
        let actual = DocumentId::of_text(text);
        if actual.0 != id {
            return Err(p.key("id").invalid(format!(
                "{} does not match the text, whose content id is {actual}; the text was changed after export",
                quoted(id)
            )));
        }
    }
    Ok(ImportedDocument {
        id: DocumentId(id.to_string()),
        title,
        date,
        source,
        text,
        roles,
    })
}
