//! Measuring the quotation detector against hand-labelled articles.
//!
//! A labelled set is a folder of articles, `NN-name.txt` (plain text as Quotemark reads it, see
//! [`Document::from_raw`]), each with `NN-name.labels.json`:
//!
//! ```json
//! {
//!   "style": "UK local news, curly marks",
//!   "quotes": [
//!     {"text": "the least bad option we have", "speaker": "Tom Becker", "cue": "told"},
//!     {"parts": ["We have listened,", "and we will keep them."], "speaker": "Tom Becker", "cue": "said"},
//!     {"text": "Again.", "occurrence": 1, "speaker": null, "cue": null, "note": "…"}
//!   ],
//!   "not_quotes": [{"text": "Ring of Fire,", "why": "a name"}]
//! }
//! ```
//!
//! A quotation is the exact text inside its marks (`text`), or its `parts` in order for one split
//! by its attribution or running over paragraphs. It is found by exact search in the document's
//! normalised text: `occurrence` (from 0) picks one of several matches and is required when there
//! are several; each later part is the first match after the previous one. A label that is not
//! found, or is ambiguous, is an error — the evaluation fails loudly rather than score a wrong
//! span. `speaker` is the canonical speaker the article supports (`null` when it does not say),
//! `cue` the reporting verb as written (`null` when there is none). `not_quotes` lists quoted
//! words that are not quotations (scare quotes, titles); they are optional and only counted.
//!
//! Scoring, over all documents, of the suggestions proposed ([`Suggestion::is_proposed`]):
//!
//! * spans are normalised by merging parts separated only by white space and marks (so a
//!   multi-paragraph quotation is one stretch whether labelled as parts or not);
//! * a suggestion **matches** a gold quotation when it covers at least 80% of the gold
//!   characters and at least half of its own characters are gold; matching is one-to-one, best
//!   coverage first; precision, recall and F1 follow;
//! * **exact** matches have identical normalised spans;
//! * **speaker accuracy** is over matched quotations: canonical names compared without case,
//!   leading articles and extra spaces (a pronoun counts only if resolved to the gold name; a
//!   `null` gold speaker needs no canonical name); also given over the attributable ones only;
//! * **cue accuracy** is over matched quotations, case-insensitive, `null` matching none.

use super::{suggestions, Suggestion, SuggestionKind};
use crate::document::Document;
use crate::model::Span;
use serde::Deserialize;
use std::fmt;
#[cfg(feature = "eval")]
use std::path::Path;

/// Character coverage of a gold quotation needed for a match.
pub const MATCH_COVERAGE: f64 = 0.8;

/// The labels of one article.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Labels {
    /// A description of the article's house style.
    #[serde(default)]
    pub style: Option<String>,
    /// The quotations, in any order.
    pub quotes: Vec<GoldQuote>,
    /// Quoted words that are not quotations (optional; only counted).
    #[serde(default)]
    pub not_quotes: Vec<NotQuote>,
}

/// One labelled quotation.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoldQuote {
    /// The text inside the marks.
    #[serde(default)]
    pub text: Option<String>,
    /// Or its parts, in order.
    #[serde(default)]
    pub parts: Option<Vec<String>>,
    /// Which match of `text` (or the first part), from 0.
    #[serde(default)]
    pub occurrence: Option<usize>,
    /// The canonical speaker, or `null`.
    pub speaker: Option<String>,
    /// The cue as written, or `null`.
    pub cue: Option<String>,
    /// A remark for human readers.
    #[serde(default)]
    pub note: Option<String>,
}

/// Quoted words that are not a quotation.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NotQuote {
    /// The text inside the marks.
    pub text: String,
    /// Which match, from 0 (required when there are several).
    #[serde(default)]
    pub occurrence: Option<usize>,
    /// Scare quote, title, name…
    #[serde(default)]
    pub why: Option<String>,
}

/// An article and its labels.
#[derive(Clone, Debug)]
pub struct LabelledDocument {
    /// The file stem, e.g. `01-library-cuts`.
    pub name: String,
    /// The article as [`Document::from_raw`] reads it.
    pub document: Document,
    /// Its labels.
    pub labels: Labels,
}

/// A gold quotation located in its document.
#[derive(Clone, Debug, PartialEq)]
pub struct GoldSpan {
    /// Code-point spans in the document text, in order.
    pub spans: Vec<Span>,
    /// The canonical speaker, or `None`.
    pub speaker: Option<String>,
    /// The cue, or `None`.
    pub cue: Option<String>,
}

/// A labelled set that cannot be evaluated.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EvalError {
    /// The file (or folder) at fault.
    pub file: String,
    /// What is wrong, e.g. `quotes[3]: text not found in the normalised document: "…"`.
    pub message: String,
}

impl fmt::Display for EvalError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.file, self.message)
    }
}

impl std::error::Error for EvalError {}

/// What went wrong with one quotation, for `--verbose` listings. `document` is the article's file
/// stem; texts are quotations with their parts joined by ` | `.
#[derive(Clone, Debug, PartialEq)]
pub enum Problem {
    /// A gold quotation no suggestion matched.
    Missed {
        /// The article.
        document: String,
        /// The gold text.
        text: String,
    },
    /// A proposed quotation that matched no gold one.
    Spurious {
        /// The article.
        document: String,
        /// The proposed text.
        text: String,
    },
    /// Matched, but not with the exact span.
    Inexact {
        /// The article.
        document: String,
        /// The gold text.
        gold: String,
        /// The proposed text.
        proposed: String,
    },
    /// Matched, with another canonical speaker.
    Speaker {
        /// The article.
        document: String,
        /// The gold text.
        text: String,
        /// The gold speaker.
        expected: Option<String>,
        /// The proposed canonical speaker.
        got: Option<String>,
    },
    /// Matched, with another cue.
    Cue {
        /// The article.
        document: String,
        /// The gold text.
        text: String,
        /// The gold cue.
        expected: Option<String>,
        /// The proposed cue.
        got: Option<String>,
    },
}

/// The figures of an evaluation.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Scores {
    /// Articles scored.
    pub documents: usize,
    /// Gold quotations.
    pub gold: usize,
    /// Proposed quotations (confidence at least [`super::PROPOSE_THRESHOLD`]).
    pub proposed: usize,
    /// One-to-one matches (at least 80% of the gold characters covered).
    pub matched: usize,
    /// `matched / proposed`.
    pub precision: f64,
    /// `matched / gold`.
    pub recall: f64,
    /// Harmonic mean of precision and recall.
    pub f1: f64,
    /// Matches with identical (normalised) spans.
    pub exact: usize,
    /// `exact / proposed`.
    pub exact_precision: f64,
    /// `exact / gold`.
    pub exact_recall: f64,
    /// Harmonic mean of the exact precision and recall.
    pub exact_f1: f64,
    /// Matched quotations with the gold canonical speaker (none when the gold one is `null`).
    pub speaker_correct: usize,
    /// `speaker_correct / matched`.
    pub speaker_accuracy: f64,
    /// Matched quotations whose gold speaker is not `null`.
    pub attributable: usize,
    /// Of those, with the gold speaker.
    pub attributable_correct: usize,
    /// `attributable_correct / attributable`.
    pub attributable_accuracy: f64,
    /// Matched quotations given a name that is not the gold speaker's (another person, or a
    /// name where the article does not say who spoke); a missing name is not counted here.
    pub wrong_person: usize,
    /// `wrong_person / matched`.
    pub wrong_person_rate: f64,
    /// Matched quotations with the gold cue (none when the gold one is `null`).
    pub cue_correct: usize,
    /// `cue_correct / matched`.
    pub cue_accuracy: f64,
    /// Labelled non-quotations.
    pub negatives: usize,
    /// Of those, how many a proposed quotation overlaps.
    pub negatives_proposed: usize,
    /// Quotations suggested below the proposal threshold (not scored).
    pub low_confidence: usize,
    /// Every miss, spurious proposal and wrong span, speaker or cue.
    pub problems: Vec<Problem>,
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

impl fmt::Display for Scores {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "documents            {}", self.documents)?;
        writeln!(f, "gold quotations      {}", self.gold)?;
        writeln!(f, "proposed quotations  {} (plus {} below the threshold)", self.proposed, self.low_confidence)?;
        writeln!(f, "matched (≥80% chars) {}", self.matched)?;
        writeln!(f, "span precision       {:.3}", self.precision)?;
        writeln!(f, "span recall          {:.3}", self.recall)?;
        writeln!(f, "span F1              {:.3}", self.f1)?;
        writeln!(
            f,
            "exact-span F1        {:.3} ({} exact; P {:.3}, R {:.3})",
            self.exact_f1, self.exact, self.exact_precision, self.exact_recall
        )?;
        writeln!(
            f,
            "speaker accuracy     {:.3} ({}/{} matched)",
            self.speaker_accuracy, self.speaker_correct, self.matched
        )?;
        writeln!(
            f,
            "  attributable only  {:.3} ({}/{})",
            self.attributable_accuracy, self.attributable_correct, self.attributable
        )?;
        writeln!(
            f,
            "  wrong person       {:.3} ({}/{} matched)",
            self.wrong_person_rate, self.wrong_person, self.matched
        )?;
        writeln!(f, "cue accuracy         {:.3} ({}/{} matched)", self.cue_accuracy, self.cue_correct, self.matched)?;
        write!(f, "labelled non-quotes  {} ({} proposed)", self.negatives, self.negatives_proposed)
    }
}

fn char_offset(text: &str, byte: usize) -> usize {
    text[..byte].chars().count()
}

/// Byte positions of every (possibly overlapping) match of `needle` in `text` from `from`.
fn matches_from(text: &str, needle: &str, from: usize) -> Vec<usize> {
    let mut out = Vec::new();
    let mut at = from;
    while let Some(i) = text.get(at..).and_then(|t| t.find(needle)) {
        out.push(at + i);
        at += i + text[at + i..].chars().next().map_or(1, char::len_utf8);
    }
    out
}

fn find_one(text: &str, needle: &str, occurrence: Option<usize>) -> Result<(usize, usize), String> {
    if needle.is_empty() {
        return Err("empty text".into());
    }
    let found = matches_from(text, needle, 0);
    let byte = match (found.len(), occurrence) {
        (0, _) => return Err(format!("text not found in the normalised document: {needle:?}")),
        (_, Some(k)) => *found
            .get(k)
            .ok_or_else(|| format!("occurrence {k} of {needle:?} asked for, but it occurs {} time(s)", found.len()))?,
        (1, None) => found[0],
        (n, None) => return Err(format!("{needle:?} occurs {n} times: say which with \"occurrence\"")),
    };
    Ok((byte, byte + needle.len()))
}

fn to_span(text: &str, (a, b): (usize, usize)) -> Span {
    Span::new(char_offset(text, a), char_offset(text, b))
}

/// Finds a quotation's spans in a normalised text.
pub fn locate_quote(text: &str, q: &GoldQuote) -> Result<Vec<Span>, String> {
    match (&q.text, &q.parts) {
        (Some(t), None) => Ok(vec![to_span(text, find_one(text, t, q.occurrence)?)]),
        (None, Some(parts)) if !parts.is_empty() => {
            let first = find_one(text, &parts[0], q.occurrence)?;
            let mut spans = vec![to_span(text, first)];
            let mut end = first.1;
            for part in &parts[1..] {
                if part.is_empty() {
                    return Err("empty part".into());
                }
                let at = text[end..]
                    .find(part.as_str())
                    .ok_or_else(|| format!("part not found after the previous one: {part:?}"))?;
                spans.push(to_span(text, (end + at, end + at + part.len())));
                end += at + part.len();
            }
            Ok(spans)
        }
        _ => Err("a quotation needs exactly one of \"text\" and \"parts\" (non-empty)".into()),
    }
}

/// Locates all labels of a document.
pub fn locate(doc: &Document, labels: &Labels) -> Result<(Vec<GoldSpan>, Vec<Vec<Span>>), String> {
    let mut gold = Vec::with_capacity(labels.quotes.len());
    for (i, q) in labels.quotes.iter().enumerate() {
        let spans = locate_quote(&doc.text, q).map_err(|e| format!("quotes[{i}]: {e}"))?;
        gold.push(GoldSpan { spans, speaker: q.speaker.clone(), cue: q.cue.clone() });
    }
    let mut negatives = Vec::new();
    for (i, n) in labels.not_quotes.iter().enumerate() {
        let span = find_one(&doc.text, &n.text, n.occurrence).map_err(|e| format!("not_quotes[{i}]: {e}"))?;
        negatives.push(vec![to_span(&doc.text, span)]);
    }
    Ok((gold, negatives))
}

/// Reads a labelled folder: every `*.txt` with its `*.labels.json`, in name order (with the `eval`
/// feature: file access is for the evaluation tools only).
#[cfg(feature = "eval")]
pub fn load_dir(dir: &Path) -> Result<Vec<LabelledDocument>, EvalError> {
    let err = |file: &Path, message: String| EvalError { file: file.display().to_string(), message };
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map_err(|e| err(dir, e.to_string()))?
        .filter_map(|e| e.ok().and_then(|e| e.file_name().into_string().ok()))
        .collect();
    names.sort();
    let mut docs = Vec::new();
    for name in &names {
        if let Some(stem) = name.strip_suffix(".labels.json") {
            if !names.iter().any(|n| n == &format!("{stem}.txt")) {
                return Err(err(&dir.join(name), "labels without an article (.txt)".into()));
            }
            continue;
        }
        let Some(stem) = name.strip_suffix(".txt") else { continue };
        let txt = dir.join(name);
        let labels_path = dir.join(format!("{stem}.labels.json"));
        let raw = std::fs::read_to_string(&txt).map_err(|e| err(&txt, e.to_string()))?;
        let json = std::fs::read_to_string(&labels_path).map_err(|e| err(&labels_path, e.to_string()))?;
        let labels: Labels = serde_json::from_str(&json).map_err(|e| err(&labels_path, e.to_string()))?;
        docs.push(LabelledDocument { name: stem.to_string(), document: Document::from_raw(&raw), labels });
    }
    if docs.is_empty() {
        return Err(err(dir, "no labelled articles (*.txt with *.labels.json)".into()));
    }
    Ok(docs)
}

/// Merges spans separated only by white space and quotation marks; sorts them.
pub fn normalize_spans(chars: &[char], spans: &[Span]) -> Vec<Span> {
    let mut sorted: Vec<Span> = spans.to_vec();
    sorted.sort();
    let mut out: Vec<Span> = Vec::with_capacity(sorted.len());
    for s in sorted {
        if let Some(last) = out.last_mut() {
            let gap = chars.get(last.end..s.start.max(last.end)).unwrap_or(&[]);
            if s.start <= last.end || gap.iter().all(|c| !c.is_alphanumeric()) {
                last.end = last.end.max(s.end);
                continue;
            }
        }
        out.push(s);
    }
    out
}

fn total(spans: &[Span]) -> usize {
    spans.iter().map(Span::len).sum()
}

fn intersection(a: &[Span], b: &[Span]) -> usize {
    let mut n = 0;
    for x in a {
        for y in b {
            let (s, e) = (x.start.max(y.start), x.end.min(y.end));
            n += e.saturating_sub(s);
        }
    }
    n
}

/// A name as compared: lowercase, one space, no leading article or trailing punctuation.
pub fn normalize_name(s: &str) -> String {
    let folded: String = s.replace(['’', '‘'], "'").to_lowercase();
    let mut words: Vec<&str> = folded.split_whitespace().collect();
    if words.len() > 1 && matches!(words[0], "the" | "a" | "an") {
        words.remove(0);
    }
    words.join(" ").trim_matches(|c: char| matches!(c, '.' | ',' | ';' | ':')).to_string()
}

fn same_name(gold: &Option<String>, got: &Option<String>) -> bool {
    match (gold, got) {
        (None, None) => true,
        (Some(g), Some(p)) => normalize_name(g) == normalize_name(p),
        _ => false,
    }
}

fn text_of(chars: &[char], spans: &[Span]) -> String {
    spans.iter().map(|s| chars[s.start..s.end].iter().collect::<String>()).collect::<Vec<_>>().join(" | ")
}

/// Scores the detector on labelled documents. Fails if a label cannot be located.
pub fn evaluate(docs: &[LabelledDocument]) -> Result<Scores, EvalError> {
    let mut sc = Scores { documents: docs.len(), ..Scores::default() };
    for d in docs {
        let (gold, negatives) = locate(&d.document, &d.labels)
            .map_err(|message| EvalError { file: format!("{}.labels.json", d.name), message })?;
        let suggested = suggestions(&d.document.text).quotes;
        score_document(&mut sc, &d.name, &d.document.text, &gold, &negatives, &suggested);
    }
    sc.precision = ratio(sc.matched, sc.proposed);
    sc.recall = ratio(sc.matched, sc.gold);
    sc.f1 = f1(sc.precision, sc.recall);
    sc.exact_precision = ratio(sc.exact, sc.proposed);
    sc.exact_recall = ratio(sc.exact, sc.gold);
    sc.exact_f1 = f1(sc.exact_precision, sc.exact_recall);
    sc.speaker_accuracy = ratio(sc.speaker_correct, sc.matched);
    sc.attributable_accuracy = ratio(sc.attributable_correct, sc.attributable);
    sc.wrong_person_rate = if sc.matched == 0 { 0.0 } else { sc.wrong_person as f64 / sc.matched as f64 };
    sc.cue_accuracy = ratio(sc.cue_correct, sc.matched);
    Ok(sc)
}

/// Loads and scores a labelled folder (with the `eval` feature).
#[cfg(feature = "eval")]
pub fn evaluate_dir(dir: &Path) -> Result<Scores, EvalError> {
    evaluate(&load_dir(dir)?)
}

fn score_document(
    sc: &mut Scores,
    name: &str,
    text: &str,
    gold: &[GoldSpan],
    negatives: &[Vec<Span>],
    suggested: &[Suggestion],
) {
    let chars: Vec<char> = text.chars().collect();
    let proposed: Vec<&Suggestion> =
        suggested.iter().filter(|s| s.kind == SuggestionKind::Quote && s.is_proposed()).collect();
    sc.low_confidence += suggested.iter().filter(|s| s.kind == SuggestionKind::Quote && !s.is_proposed()).count();
    let g_spans: Vec<Vec<Span>> = gold.iter().map(|g| normalize_spans(&chars, &g.spans)).collect();
    let p_spans: Vec<Vec<Span>> = proposed.iter().map(|s| normalize_spans(&chars, &s.spans)).collect();
    sc.gold += gold.len();
    sc.proposed += proposed.len();
    sc.negatives += negatives.len();
    sc.negatives_proposed +=
        negatives.iter().filter(|n| p_spans.iter().any(|p| intersection(&normalize_spans(&chars, n), p) > 0)).count();
    // Candidate pairs, best coverage first.
    let mut pairs: Vec<(f64, f64, usize, usize)> = Vec::new();
    for (gi, g) in g_spans.iter().enumerate() {
        for (pi, p) in p_spans.iter().enumerate() {
            let inter = intersection(g, p);
            if inter == 0 {
                continue;
            }
            let (cg, cp) = (ratio(inter, total(g)), ratio(inter, total(p)));
            if cg >= MATCH_COVERAGE && cp >= 0.5 {
                pairs.push((cg, cp, gi, pi));
            }
        }
    }
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then(b.1.total_cmp(&a.1)).then(a.2.cmp(&b.2)));
    let (mut g_used, mut p_used) = (vec![false; gold.len()], vec![false; proposed.len()]);
    for (_, _, gi, pi) in pairs {
        if g_used[gi] || p_used[pi] {
            continue;
        }
        g_used[gi] = true;
        p_used[pi] = true;
        sc.matched += 1;
        let (g, p) = (&gold[gi], proposed[pi]);
        let shown = text_of(&chars, &g.spans);
        if g_spans[gi] == p_spans[pi] {
            sc.exact += 1;
        } else {
            sc.problems.push(Problem::Inexact {
                document: name.into(),
                gold: shown.clone(),
                proposed: text_of(&chars, &p.spans),
            });
        }
        if g.speaker.is_some() {
            sc.attributable += 1;
        }
        if same_name(&g.speaker, &p.speaker_canonical) {
            sc.speaker_correct += 1;
            sc.attributable_correct += usize::from(g.speaker.is_some());
        } else {
            sc.wrong_person += usize::from(p.speaker_canonical.is_some());
            sc.problems.push(Problem::Speaker {
                document: name.into(),
                text: shown.clone(),
                expected: g.speaker.clone(),
                got: p.speaker_canonical.clone(),
            });
        }
        let cue_ok = match (&g.cue, &p.cue) {
            (None, None) => true,
            (Some(a), Some(b)) => a.trim().to_lowercase() == b.trim().to_lowercase(),
            _ => false,
        };
        if cue_ok {
            sc.cue_correct += 1;
        } else {
            sc.problems.push(Problem::Cue {
                document: name.into(),
                text: shown,
                expected: g.cue.clone(),
                got: p.cue.clone(),
            });
        }
    }
    for (gi, g) in gold.iter().enumerate() {
        if !g_used[gi] {
            sc.problems.push(Problem::Missed { document: name.into(), text: text_of(&chars, &g.spans) });
        }
    }
    for (pi, p) in proposed.iter().enumerate() {
        if !p_used[pi] {
            sc.problems.push(Problem::Spurious { document: name.into(), text: text_of(&chars, &p.spans) });
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let opt = |o: &Option<String>| o.clone().unwrap_or_else(|| "—".into());
        match self {
            Problem::Missed { document, text } => write!(f, "{document}: missed “{text}”"),
            Problem::Spurious { document, text } => write!(f, "{document}: spurious “{text}”"),
            Problem::Inexact { document, gold, proposed } => {
                write!(f, "{document}: inexact span “{proposed}” for “{gold}”")
            }
            Problem::Speaker { document, text, expected, got } => {
                write!(f, "{document}: speaker {} instead of {} for “{text}”", opt(got), opt(expected))
            }
            Problem::Cue { document, text, expected, got } => {
                write!(f, "{document}: cue {} instead of {} for “{text}”", opt(got), opt(expected))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quote(text: &str) -> GoldQuote {
        GoldQuote { text: Some(text.into()), ..GoldQuote::default() }
    }

    #[test]
    fn labels_are_located_by_exact_text_in_code_points() {
        let text = "“Né,” she said. “Né,” he said, “again.”";
        assert_eq!(
            locate_quote(text, &quote("Né,")).unwrap_err(),
            "\"Né,\" occurs 2 times: say which with \"occurrence\""
        );
        let second = GoldQuote { occurrence: Some(1), ..quote("Né,") };
        assert_eq!(locate_quote(text, &second).unwrap(), vec![Span::new(17, 20)]);
        let parts =
            GoldQuote {
                parts: Some(vec!["Né,".into(), "again.".into()]), occurrence: Some(1), ..GoldQuote::default()
            };
        assert_eq!(locate_quote(text, &parts).unwrap(), vec![Span::new(17, 20), Span::new(32, 38)]);
        assert!(locate_quote(text, &quote("absent")).unwrap_err().contains("not found"));
        assert!(locate_quote(text, &GoldQuote::default()).is_err());
    }

    #[test]
    fn multi_paragraph_parts_normalise_to_one_stretch() {
        let chars: Vec<char> = "“One.\n\n“Two.” he said “x”".chars().collect();
        assert_eq!(normalize_spans(&chars, &[Span::new(8, 12), Span::new(1, 5)]), vec![Span::new(1, 12)]);
        assert_eq!(normalize_spans(&chars, &[Span::new(1, 5), Span::new(23, 24)]).len(), 2);
    }

    #[test]
    fn names_compare_without_case_or_articles() {
        assert_eq!(normalize_name("The  Prime Minister’s spokesman"), "prime minister's spokesman");
        assert!(same_name(&Some("spokesperson for the group".into()), &Some("a Spokesperson for the group".into())));
        assert!(same_name(&None, &None));
        assert!(!same_name(&None, &Some("he".into())));
    }

    #[test]
    fn scoring_matches_one_to_one_with_coverage() {
        let text = "“Alpha beta gamma,” Ann Lee said. “Delta.” Words “scare” here.";
        let doc = Document::new("t", None, text);
        let labels = Labels {
            quotes: vec![
                GoldQuote { speaker: Some("Ann Lee".into()), cue: Some("said".into()), ..quote("Alpha beta gamma,") },
                GoldQuote { speaker: Some("Ann Lee".into()), ..quote("Delta.") },
            ],
            not_quotes: vec![NotQuote { text: "scare".into(), ..NotQuote::default() }],
            style: None,
        };
        let s = evaluate(&[LabelledDocument { name: "t".into(), document: doc, labels }]).unwrap();
        assert_eq!((s.gold, s.proposed, s.matched, s.exact), (2, 2, 2, 2));
        assert_eq!((s.speaker_correct, s.cue_correct), (2, 2));
        assert_eq!((s.negatives, s.negatives_proposed, s.low_confidence), (1, 0, 1));
        assert_eq!(s.f1, 1.0);
    }
}
