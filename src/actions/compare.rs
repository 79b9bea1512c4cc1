//! Comparing my annotations with colleagues' (up to five layers of the same article): add a
//! layer from a file without merging it, choose which one to adjudicate and draw beside mine,
//! work out the differences and the agreement figures, settle each difference (an ordinary
//! undoable change to my layer), and export the report and the adjudicated set. The comparison
//! is saved with the document and read again when it opens. Timed as `quotemark:compare` for
//! `./dev bench compare`.

use super::{annotations, import, save, Ctx};
use crate::browser::{mark, measure, new_id, now};
use crate::later::Export;
use crate::persist::layers;
use crate::text::shorten;
use leptos::prelude::*;
use quotemark_core::agreement::adjudicate::{self, Choice, Decision};
use quotemark_core::agreement::layer::{self, Layer, MAX_LAYERS};
use quotemark_core::agreement::report::{self, Differences, LayerName};
use quotemark_core::agreement::{coded_by, overall, Coded, Difference, Matched, Pairwise};
use quotemark_core::model::{Annotation, AnnotationId, AnnotationSet, Kind};
use quotemark_core::people::People;
use quotemark_core::report::file_stem;

/// What the comparison shows: the layers (mine first), the differences with the active layer and
/// which are settled, and the agreement figures.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Comparison {
    /// Each layer's name and how many of its annotations are placed in the text; mine first.
    pub layers: Vec<(String, usize)>,
    /// Index (in `layers`) of the layer the differences are with.
    pub active: Option<usize>,
    /// The differences still open, then those settled, each with its decision's index.
    pub entries: Vec<(Difference, Option<usize>)>,
    /// Every pair of layers with its figures.
    pub pairs: Vec<((usize, usize), Pairwise)>,
    /// α_U over all layers.
    pub alpha_u: Option<f64>,
}

impl Comparison {
    /// How many differences are still open.
    pub fn open(&self) -> usize {
        self.entries.iter().filter(|(_, d)| d.is_none()).count()
    }

    /// The latest decision that still holds, with its difference (to undo it from the top of a
    /// long list, where the settled one has moved to the end).
    pub fn latest(&self) -> Option<(&Difference, usize)> {
        self.entries.iter().filter_map(|(d, i)| i.map(|i| (d, i))).max_by_key(|&(_, i)| i)
    }
}

/// My layer's name in the figures and reports.
pub const MINE: &str = "Mine";

/// Reads the comparison stored for the open document and draws it.
pub fn load_for_document(ctx: &Ctx) {
    let (stored, note) = ctx.doc.document.with_untracked(|d| layers::load(&*ctx.saving.store(), d, now()));
    if let Some(note) = note {
        ctx.notices.load_notes.update(|n| n.push(note));
    }
    let anchored: Vec<Layer> = ctx.doc.with_anchor_text(|text| {
        stored.layers.into_iter().map(|l| Layer::new(l.id, l.name, l.annotations.into_iter().collect(), text)).collect()
    });
    ctx.compare.replace(anchored, stored.active, stored.decisions);
    draw(ctx);
}

/// Draws the active layer beside mine while the comparison is open (and nothing otherwise).
fn draw(ctx: &Ctx) {
    let open = ctx.compare.open.get_untracked();
    if !open && !ctx.compare.drawn() {
        return;
    }
    let paragraphs = ctx.doc.document.with_untracked(|d| d.paragraphs());
    ctx.compare.draw(paragraphs, open);
}

/// Opens or closes the comparison in the panel.
pub fn show(ctx: &Ctx, open: bool) {
    ctx.compare.open.set(open);
    if open {
        ctx.ui.sheet_open.set(true);
    }
    draw(ctx);
}

fn save(ctx: &Ctx) {
    let active = ctx.compare.active.get_untracked();
    let result = ctx.doc.document.with_untracked(|d| {
        ctx.compare.layers.with_untracked(|ls| {
            let layers: Vec<_> = ls.iter().map(|l| (l.id.clone(), l.name.clone(), l.annotations.iter().collect())).collect();
            ctx.compare.decisions.with_untracked(|decisions| layers::save(&*ctx.saving.store(), d, &layers, active, decisions))
        })
    });
    save::report_other(ctx, "The comparison", result);
}

/// Reads a colleague's file and adds it as a layer (or says why it cannot be one).
pub fn add_file(ctx: &Ctx, file: web_sys::File) {
    let name = file.name();
    let ctx = *ctx;
    let progress = move |message: String| ctx.compare.message.set(Some(message));
    leptos::task::spawn_local(async move {
        match import::read_text_file(&file, progress).await {
            Ok(text) => add_json(&ctx, name.trim_end_matches(".json"), &text),
            Err(message) => ctx.compare.message.set(Some(format!("{name}: {message}"))),
        }
    });
}

/// Adds `json` as a layer named `name`; nothing in my layer changes.
pub fn add_json(ctx: &Ctx, name: &str, json: &str) {
    if ctx.compare.layers.with_untracked(Vec::len) >= MAX_LAYERS {
        ctx.compare.message.set(Some(format!("Quotemark compares up to {MAX_LAYERS} layers with yours: remove one to add “{name}”.")));
        return;
    }
    let read = ctx.doc.document.with_untracked(|d| ctx.doc.with_anchor_text(|text| layer::read(json, d, text)));
    let incoming = match read {
        Ok(incoming) => incoming,
        Err(message) => {
            ctx.compare.message.set(Some(format!("“{name}” was not added. {message}")));
            return;
        }
    };
    let layer = ctx.doc.with_anchor_text(|text| Layer::new(ctx.compare.next_id(), name.to_string(), incoming.annotations, text));
    let counts = layer.counts();
    let mut message = format!(
        "Added “{name}”: {} annotations, {} exact, {} moved, {} fuzzy, {} not found.",
        layer.annotations.len(),
        counts.exact,
        counts.moved,
        counts.fuzzy,
        counts.orphan
    );
    if let Some(title) = incoming.other_version {
        message += &format!(" It was made on another version of this article (“{title}”) and re-anchored.");
    }
    ctx.compare.add_layer(layer);
    ctx.compare.message.set(Some(message.clone()));
    ctx.notices.announce(&message);
    save(ctx);
    show(ctx, true);
}

pub fn remove_layer(ctx: &Ctx, id: &str) {
    ctx.compare.remove_layer(id);
    save(ctx);
    draw(ctx);
    ctx.notices.announce("Layer removed");
}

pub fn rename_layer(ctx: &Ctx, id: &str, name: &str) {
    let name = name.trim();
    if name.is_empty() {
        return;
    }
    ctx.compare.rename_layer(id, name);
    save(ctx);
}

pub fn set_active(ctx: &Ctx, id: &str) {
    ctx.compare.set_active(id);
    save(ctx);
    draw(ctx);
}

/// The people of every layer (one person under one name in all of them).
fn people(mine: &AnnotationSet, layers: &[Layer]) -> People {
    People::of_annotations(mine.iter().chain(layers.iter().flat_map(|l| l.annotations.iter())))
}

fn coded_layer(layer: &Layer, people: &People) -> Vec<Coded> {
    coded_by(&layer.annotations, people, |a| layer.anchors.get(&a.id).and_then(|x| x.span))
}

/// Works out the comparison (tracked: a view's memo recomputes it when my layer, the layers or
/// the decisions change).
pub fn compute(ctx: &Ctx) -> Comparison {
    mark("quotemark:compare-start");
    let out = ctx.doc.annotations.with(|mine| {
        ctx.compare.layers.with(|layers| {
            let active_id = ctx.compare.active.get();
            let people = people(mine, layers);
            let mine_coded = ctx.doc.anchors.with(|anchors| coded_by(mine, &people, |a| anchors.get(&a.id).and_then(|x| x.span)));
            let coded: Vec<Vec<Coded>> = std::iter::once(mine_coded).chain(layers.iter().map(|l| coded_layer(l, &people))).collect();
            let len = ctx.doc.document.with(|d| d.text.chars().count());
            // The pair of mine and the active layer is matched once, for its figures and its differences.
            let active = layers.iter().position(|l| Some(&l.id) == active_id.as_ref());
            let mut differences = Vec::new();
            let mut pairs = Vec::new();
            for i in 0..coded.len() {
                for j in i + 1..coded.len() {
                    let matched = Matched::new(&coded[i], &coded[j]);
                    if i == 0 && Some(j) == active.map(|a| a + 1) {
                        differences = matched.differences();
                    }
                    pairs.push(((i, j), matched.figures(len)));
                }
            }
            let all: Vec<&[Coded]> = coded.iter().map(Vec::as_slice).collect();
            let alpha_u = if coded.len() > 1 { overall(&all, len).overall } else { None };
            let entries = match (&active_id, active) {
                (Some(id), Some(_)) => ctx.compare.decisions.with(|d| adjudicate::entries(&differences, d, id, mine)),
                _ => Vec::new(),
            };
            let names = std::iter::once((MINE.to_string(), coded[0].len()))
                .chain(layers.iter().zip(&coded[1..]).map(|(l, c)| (l.name.clone(), c.len())))
                .collect();
            Comparison { layers: names, active: active.map(|a| a + 1), entries, pairs, alpha_u }
        })
    });
    measure("quotemark:compare", "quotemark:compare-start");
    out
}

/// The annotation `id` of mine or of the active layer.
pub fn annotation(ctx: &Ctx, id: &AnnotationId, theirs: bool) -> Option<Annotation> {
    if !theirs {
        return ctx.doc.annotations.with(|s| s.get(id).cloned());
    }
    let active = ctx.compare.active.get();
    ctx.compare.layers.with(|ls| ls.iter().find(|l| Some(&l.id) == active.as_ref()).and_then(|l| l.annotations.get(id).cloned()))
}

/// A short text for an annotation: its words and what it says.
pub fn describe(a: &Annotation) -> String {
    let words = shorten(a.target.exact().unwrap_or(""), 80);
    let label = match &a.kind {
        Kind::Quote(q) if q.speaker.is_empty() => "quote, no speaker".to_string(),
        Kind::Quote(q) => format!("quote, {}", q.speaker),
        Kind::Claim(c) => format!("claim, {}", c.status.label()),
    };
    // A quotation's own marks are enough; other text gets ours.
    if words.starts_with(['“', '"', '‘', '«', '„']) {
        format!("{words} ({label})")
    } else {
        format!("“{words}” ({label})")
    }
}

/// Settles a difference with the active layer as the reader chose.
pub fn decide(ctx: &Ctx, difference: &Difference, choice: Choice) {
    let Some(layer_id) = ctx.compare.active.get_untracked() else { return };
    let command = ctx.doc.annotations.with_untracked(|mine| {
        ctx.compare.layers.with_untracked(|layers| {
            let layer = layers.iter().find(|l| l.id == layer_id)?;
            adjudicate::command(
                difference,
                choice,
                mine,
                &layer.annotations,
                |id| layer.anchors.get(id).and_then(|a| a.span),
                |span| ctx.doc.describe(span),
                new_id,
                now(),
            )
        })
    });
    if let Some(command) = &command {
        if let Err(e) = annotations::execute(ctx, command.clone()) {
            ctx.notices.announce(&format!("Could not change your annotations: {e}"));
            return;
        }
    }
    let mine = difference.ids().0.cloned();
    let created = command.as_ref().and_then(|c| match c {
        quotemark_core::model::Command::Create(a) => Some(a.id.clone()),
        _ => None,
    });
    ctx.compare.push_decision(Decision { layer: layer_id, choice, difference: difference.clone(), command });
    save(ctx);
    if choice == Choice::Edit {
        if let Some(id) = created.or(mine) {
            ctx.ui.open_annotation(&id);
            ctx.ui.reveal(&id);
        }
    }
    ctx.notices.announce(&format!("{}: done", choice.label()));
}

/// Takes back the decision at `index` of the decisions list, undoing its change to my layer.
pub fn undo_decision(ctx: &Ctx, index: usize) {
    let Some(decision) = ctx.compare.decisions.with_untracked(|d| d.get(index).cloned()) else { return };
    let holds = ctx.doc.annotations.with_untracked(|s| decision.holds(s));
    if let (Some(command), true) = (&decision.command, holds) {
        if ctx.doc.last_change().as_ref() == Some(command) {
            annotations::undo(ctx);
        } else if let Err(e) = annotations::execute(ctx, command.inverse()) {
            ctx.notices.announce(&format!("Could not undo “{}”: {e}. Your annotation changed since.", decision.choice.label()));
            return;
        }
    }
    ctx.compare.remove_decision(index);
    save(ctx);
    ctx.notices.announce(&format!("Undone: {}", decision.choice.label()));
}

/// Downloads my layer as it now is, adjudicated (a Quotemark JSON file).
pub fn download_adjudicated(ctx: &Ctx) {
    let stem = ctx.doc.document.with_untracked(file_stem);
    import::download_as(ctx, Export::Json, format!("{stem}-adjudicated.json"), "application/json");
}

fn text_of(ctx: &Ctx) -> impl Fn(&AnnotationId) -> String + '_ {
    move |id: &AnnotationId| {
        annotation(ctx, id, false).or_else(|| annotation(ctx, id, true)).map_or_else(|| id.to_string(), |a| describe(&a))
    }
}

fn report_parts(ctx: &Ctx) -> (Comparison, String) {
    (compute(ctx), ctx.doc.document.with_untracked(file_stem))
}

/// Downloads the agreement report as Markdown.
pub fn download_markdown(ctx: &Ctx) {
    let (c, stem) = report_parts(ctx);
    let names: Vec<LayerName> = c.layers.iter().map(|(n, k)| LayerName { name: n, annotations: *k }).collect();
    let pairs: Vec<((usize, usize), &Pairwise)> = c.pairs.iter().map(|(ij, p)| (*ij, p)).collect();
    let text = text_of(ctx);
    let list: Vec<Difference> = c.entries.iter().map(|(d, _)| d.clone()).collect();
    let settled: Vec<bool> = c.entries.iter().map(|(_, d)| d.is_some()).collect();
    let differences = Differences { between: (0, c.active.unwrap_or(1)), list: &list, settled: &settled, text_of: &text };
    let title = ctx.doc.document.with_untracked(|d| d.title.clone());
    let md = report::to_markdown(&title, &names, &pairs, c.alpha_u, &differences);
    import::download(ctx, &format!("{stem}-agreement.md"), "text/markdown", &md);
}

/// Downloads the agreement figures as CSV, one row per pair of layers.
pub fn download_csv(ctx: &Ctx) {
    let (c, stem) = report_parts(ctx);
    let names: Vec<LayerName> = c.layers.iter().map(|(n, k)| LayerName { name: n, annotations: *k }).collect();
    let pairs: Vec<((usize, usize), &Pairwise)> = c.pairs.iter().map(|(ij, p)| (*ij, p)).collect();
    import::download(ctx, &format!("{stem}-agreement.csv"), "text/csv", &report::to_csv(&names, &pairs));
}
