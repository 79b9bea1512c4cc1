//! Colleagues' layers compared with a document, and the decisions made on them, under the
//! document's [`quotemark_store::layers_key`] as one JSON value (read again on reload; an
//! unreadable value is set aside, never lost). Annotations are kept as the store's compact
//! records (the same as the annotations' own), so a layer reads back exactly as the document's
//! annotations do.

use super::settings::{read, write};
use super::storage::{Store, WriteError};
use quotemark_core::agreement::adjudicate::{Choice, Decision};
use quotemark_core::agreement::Difference;
use quotemark_core::document::Document;
use quotemark_core::model::{Annotation, AnnotationId, Command, Timestamp};
use super::readers;
use quotemark_store::{encode_annotation, StoreError, TextIndex};

/// Reads one compact annotation record.
type Decode = fn(&str, &TextIndex) -> Result<Annotation, StoreError>;
use serde::{Deserialize, Serialize};

/// One layer as read back: its id, name and annotations.
pub struct LoadedLayer {
    pub id: String,
    pub name: String,
    pub annotations: Vec<Annotation>,
}

/// A document's comparison: the layers, the one being adjudicated and the decisions.
#[derive(Default)]
pub struct Comparison {
    pub layers: Vec<LoadedLayer>,
    pub active: Option<String>,
    pub decisions: Vec<Decision>,
}

/// A document's comparison as stored (read by [`super::readers`]).
#[derive(Default, Serialize, Deserialize)]
pub struct Stored {
    layers: Vec<StoredLayer>,
    #[serde(default)]
    active: Option<String>,
    #[serde(default)]
    decisions: Vec<StoredDecision>,
}

#[derive(Serialize, Deserialize)]
struct StoredLayer {
    id: String,
    name: String,
    /// Compact annotation records.
    annotations: Vec<String>,
}

#[derive(Serialize, Deserialize)]
struct StoredDecision {
    layer: String,
    choice: String,
    /// The difference: `only-mine`, `only-theirs`, `relabelled` (with the field) or
    /// `overlapping` (with the share).
    difference: String,
    #[serde(default)]
    field: Option<String>,
    #[serde(default)]
    overlap: Option<f64>,
    #[serde(default)]
    mine: Option<String>,
    #[serde(default)]
    theirs: Option<String>,
    /// The change made: `create`, `delete` or `update`, with the records it holds.
    #[serde(default)]
    change: Option<(String, Vec<String>)>,
}

fn encode_change(c: &Command, text: &TextIndex) -> Option<(String, Vec<String>)> {
    let enc = |a: &Annotation| encode_annotation(a, text);
    match c {
        Command::Create(a) => Some(("create".into(), vec![enc(a)])),
        Command::Delete(a) => Some(("delete".into(), vec![enc(a)])),
        Command::Update { before, after } => Some(("update".into(), vec![enc(before), enc(after)])),
        Command::Batch(_) => None,
    }
}

fn decode_change((op, records): &(String, Vec<String>), text: &TextIndex, decode: Decode) -> Option<Command> {
    let mut a = records.iter().map(|r| decode(r, text).ok());
    match op.as_str() {
        "create" => Some(Command::Create(a.next()??)),
        "delete" => Some(Command::Delete(a.next()??)),
        "update" => Some(Command::Update { before: a.next()??, after: a.next()?? }),
        _ => None,
    }
}

fn encode_difference(d: &Difference) -> (String, Option<String>, Option<f64>) {
    match d {
        Difference::OnlyMine(_) => ("only-mine".into(), None, None),
        Difference::OnlyTheirs(_) => ("only-theirs".into(), None, None),
        Difference::Relabelled { field, .. } => ("relabelled".into(), Some(field.to_string()), None),
        Difference::Overlapping { overlap, .. } => ("overlapping".into(), None, Some(*overlap)),
    }
}

fn decode_difference(d: &StoredDecision) -> Option<Difference> {
    let id = |x: &Option<String>| x.as_deref().map(|s| AnnotationId(s.into()));
    let (mine, theirs) = (id(&d.mine), id(&d.theirs));
    Some(match d.difference.as_str() {
        "only-mine" => Difference::OnlyMine(mine?),
        "only-theirs" => Difference::OnlyTheirs(theirs?),
        "relabelled" => {
            let field = ["kind", "speaker", "status"].into_iter().find(|f| Some(*f) == d.field.as_deref())?;
            Difference::Relabelled { mine: mine?, theirs: theirs?, field }
        }
        "overlapping" => Difference::Overlapping { mine: mine?, theirs: theirs?, overlap: d.overlap? },
        _ => return None,
    })
}

/// The comparison stored for `document` (empty if none), and a note if it could not be read.
/// A record that cannot be read is left out of its layer.
pub fn load(store: &dyn Store, document: &Document, now: Timestamp) -> (Comparison, Option<String>) {
    let (stored, note): (Stored, _) = read(store, &quotemark_store::layers_key(&document.id), now, |r| r.layers);
    let Some(decode) = readers::get().map(|r| r.annotation) else { return (Comparison::default(), note) };
    if stored.layers.is_empty() && stored.decisions.is_empty() {
        // Most documents have no colleague's layer: no text index to build.
        return (Comparison { layers: Vec::new(), active: stored.active, decisions: Vec::new() }, note);
    }
    let text = TextIndex::for_document(document);
    let layers = stored
        .layers
        .into_iter()
        .map(|l| LoadedLayer {
            id: l.id,
            name: l.name,
            annotations: l.annotations.iter().filter_map(|r| decode(r, &text).ok()).collect(),
        })
        .collect();
    let decisions = stored
        .decisions
        .into_iter()
        .filter_map(|d| {
            let choice = Choice::from_key(&d.choice)?;
            let command = match &d.change {
                Some(c) => Some(decode_change(c, &text, decode)?),
                None => None,
            };
            let difference = decode_difference(&d)?;
            Some(Decision { layer: d.layer, choice, difference, command })
        })
        .collect();
    (Comparison { layers, active: stored.active, decisions }, note)
}

/// Stores the comparison of `document`; one without layers removes the key.
pub fn save(
    store: &dyn Store,
    document: &Document,
    layers: &[(String, String, Vec<&Annotation>)],
    active: Option<String>,
    decisions: &[Decision],
) -> Result<(), WriteError> {
    let key = quotemark_store::layers_key(&document.id);
    if layers.is_empty() {
        store.remove(&key);
        return Ok(());
    }
    let text = TextIndex::for_document(document);
    let stored = Stored {
        layers: layers
            .iter()
            .map(|(id, name, annotations)| StoredLayer {
                id: id.clone(),
                name: name.clone(),
                annotations: annotations.iter().map(|a| encode_annotation(a, &text)).collect(),
            })
            .collect(),
        active,
        decisions: decisions
            .iter()
            .map(|d| {
                let (difference, field, overlap) = encode_difference(&d.difference);
                let (mine, theirs) = d.difference.ids();
                StoredDecision {
                    layer: d.layer.clone(),
                    choice: d.choice.key().to_string(),
                    difference,
                    field,
                    overlap,
                    mine: mine.map(|m| m.0.to_string()),
                    theirs: theirs.map(|t| t.0.to_string()),
                    change: d.command.as_ref().and_then(|c| encode_change(c, &text)),
                }
            })
            .collect(),
    };
    write(store, &key, &stored)
}
