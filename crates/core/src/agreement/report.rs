//! The agreement report, for people (Markdown) and for spreadsheets (CSV): the layers compared,
//! the figures for each pair, α_U over all layers, and the differences of the first two.

use super::{Difference, Pairwise};
use crate::model::AnnotationId;
use crate::report::escape_inline as escape_markdown;

/// A layer as the report names it: the coder (or file) and how many annotations it has.
pub struct LayerName<'a> {
    pub name: &'a str,
    pub annotations: usize,
}

fn figure(x: Option<f64>) -> String {
    x.map_or_else(|| "undefined".to_string(), |v| format!("{v:.3}"))
}

/// Every pair of layers `(i, j)` with its figures, in order.
pub type Pairs<'a> = [((usize, usize), &'a Pairwise)];

/// The differences of one pair of layers, for the report.
pub struct Differences<'a> {
    /// The two layers (indexes into the report's layers).
    pub between: (usize, usize),
    pub list: &'a [Difference],
    /// Whether each one has been settled by adjudication.
    pub settled: &'a [bool],
    /// A short text for an annotation: its quoted words and label.
    pub text_of: &'a dyn Fn(&AnnotationId) -> String,
}

/// The report as Markdown: layers, figures per pair, α_U overall, then the differences.
pub fn to_markdown(title: &str, layers: &[LayerName<'_>], pairs: &Pairs<'_>, alpha_u: Option<f64>, differences: &Differences<'_>) -> String {
    let mut out = format!("# Agreement on “{}”\n\n", escape_markdown(title));
    for (i, l) in layers.iter().enumerate() {
        out += &format!("- Layer {}: {} ({} annotations)\n", i + 1, escape_markdown(l.name), l.annotations);
    }
    out += "\n| layers | span F1 (exact) | span F1 (≥ 80% overlap) | κ kind | κ speaker | κ status | α_U |\n";
    out += "| --- | --- | --- | --- | --- | --- | --- |\n";
    for ((i, j), p) in pairs {
        out += &format!(
            "| {} – {} | {:.3} | {:.3} | {} | {} | {} | {} |\n",
            i + 1,
            j + 1,
            p.f1_exact,
            p.f1_near,
            figure(p.kappa_kind),
            figure(p.kappa_speaker),
            figure(p.kappa_status),
            figure(p.alpha_u)
        );
    }
    out += &format!("\nα_U over all {} layers: {}\n", layers.len(), figure(alpha_u));
    let (a, b) = (differences.between.0 + 1, differences.between.1 + 1);
    let settled = differences.settled.iter().filter(|s| **s).count();
    out += &format!(
        "\n## Differences between layers {a} and {b} ({}, {settled} settled)\n\n",
        differences.list.len()
    );
    for (i, d) in differences.list.iter().enumerate() {
        let mark = if differences.settled.get(i).copied().unwrap_or(false) { "[x]" } else { "[ ]" };
        out += &format!("- {mark} {}\n", escape_markdown(&describe(d, (a, b), differences.text_of)));
    }
    out
}

fn describe(d: &Difference, (a, b): (usize, usize), text: &dyn Fn(&AnnotationId) -> String) -> String {
    match d {
        Difference::OnlyMine(id) => format!("only in layer {a}: {}", text(id)),
        Difference::OnlyTheirs(id) => format!("only in layer {b}: {}", text(id)),
        Difference::Relabelled { mine, theirs, field } => format!("same span, another {field}: {} / {}", text(mine), text(theirs)),
        Difference::Overlapping { mine, theirs, overlap } => {
            format!("overlapping ({:.0}%): {} / {}", overlap * 100.0, text(mine), text(theirs))
        }
    }
}

/// The figures as CSV, one row per pair of layers.
pub fn to_csv(layers: &[LayerName<'_>], pairs: &Pairs<'_>) -> String {
    let header = ["layer a", "layer b", "f1 exact", "f1 near", "kappa kind", "kappa speaker", "kappa status", "alpha_u", "pairs kind", "pairs speaker", "pairs status"];
    let rows = pairs.iter().map(|((i, j), p)| {
        let opt = |x: Option<f64>| x.map(|v| format!("{v:.4}")).unwrap_or_default();
        [
            layers[*i].name.to_string(),
            layers[*j].name.to_string(),
            format!("{:.4}", p.f1_exact),
            format!("{:.4}", p.f1_near),
            opt(p.kappa_kind),
            opt(p.kappa_speaker),
            opt(p.kappa_status),
            opt(p.alpha_u),
            p.kind_pairs.to_string(),
            p.speaker_pairs.to_string(),
            p.status_pairs.to_string(),
        ]
    });
    crate::table::csv_table(&header, rows, false)
}
