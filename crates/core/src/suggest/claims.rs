//! Check-worthy claims: sentences with figures, comparisons, causes or predictions.
//!
//! Every sentence (quotation marks are transparent here, so a claim inside a quote counts) is
//! scored by a noisy-or of the signals it carries, each with a weight and a reason shown to the
//! reader:
//!
//! | signal | examples | weight |
//! |---|---|---|
//! | percentage | `40 per cent`, `18%`, `percentage points` | 0.5 |
//! | money | `£1.2 million`, `$4`, `400 million crowns` | 0.45 |
//! | number | `2,400` (a word such as `seven`, `half`: 0.25; a bare year: 0.1) | 0.4 |
//! | several figures | a second number in the sentence | 0.2 |
//! | unit | `44.6C`, `38 kilometers`, `55 decibels`, `4.8-megawatt` | 0.3 |
//! | comparison | `more than`, `fewer`, `higher than`, `compared with`, `doubled` | 0.35 |
//! | superlative | `the worst`, `the most`, `the wettest`, `record` | 0.35 |
//! | causal | `because`, `due to`, `led to`, `driven by`, `as a result` | 0.4 |
//! | prediction | `expected to`, `forecast`, `likely to`, `by 2030` (`will`, `going to`: 0.25) | 0.35 |
//! | attributed | a reporting verb or `according to` | 0.1 |
//!
//! Questions, sentences under five words and first-person opinions (`I think`) are skipped.
//! The claim type is that of the strongest signal (figures make a statistic). Sentences scoring
//! at least [`CLAIM_THRESHOLD`] are proposed, most check-worthy first: any one signal but a bare
//! year, a number word or a lone `will` is enough, and more signals rank higher.

use super::lexicon::{self as lx, has};
use super::text::{Prepared, Tk};
use crate::model::{ClaimType, Span};

/// The lowest check-worthiness score proposed as a claim.
pub const CLAIM_THRESHOLD: f32 = 0.3;

pub(crate) struct ClaimCandidate {
    pub span: Span,
    pub score: f32,
    pub claim_type: ClaimType,
    pub reasons: Vec<String>,
}

const CAUSAL_TWO: &[(&str, &str)] = &[
    ("as", "result"),
    ("blamed", "on"),
    ("contributed", "to"),
    ("driven", "by"),
    ("due", "to"),
    ("lead", "to"),
    ("leads", "to"),
    ("led", "to"),
    ("linked", "to"),
    ("responsible", "for"),
    ("result", "of"),
    ("resulted", "in"),
    ("results", "in"),
];
const PREDICTION_TWO: &[(&str, &str)] =
    &[("expected", "to"), ("expects", "to"), ("likely", "to"), ("set", "to"), ("unlikely", "to")];

/// Sentences for claims: quotation marks are transparent, so a sentence inside a quote counts.
fn claim_sentences(p: &Prepared) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    for pi in 0..p.paragraphs.len() {
        let r = p.para_range(pi);
        let mut start = r.start;
        let mut i = r.start;
        while i < r.end {
            let t = &p.tokens[i];
            let ends = t.kind == Tk::Punct && matches!(p.chars[t.start], '.' | '!' | '?');
            if ends {
                // Take closing marks along.
                let mut j = i + 1;
                while j < r.end && p.tokens[j].kind == Tk::Mark && !p.opens_quote(j) {
                    j += 1;
                }
                let next_starts =
                    j >= r.end || p.tokens[j].cap || p.tokens[j].kind == Tk::Num || p.tokens[j].kind == Tk::Mark;
                let abbreviation = i > 0
                    && p.tokens[i - 1].kind == Tk::Word
                    && (p.low(i - 1).chars().count() == 1 || has(lx::NO_STOP_ABBREVIATIONS, p.low(i - 1)));
                if next_starts && !abbreviation {
                    out.push(start..j);
                    start = j;
                    i = j;
                    continue;
                }
            }
            i += 1;
        }
        if start < r.end {
            out.push(start..r.end);
        }
    }
    out
}

pub(crate) fn find_claims(p: &Prepared) -> Vec<ClaimCandidate> {
    let mut out = Vec::new();
    for s in claim_sentences(p) {
        if let Some(c) = score_sentence(p, s) {
            out.push(c);
        }
    }
    out
}

/// Whether a token can carry a signal of weight 0.25 or more; a sentence without one cannot reach
/// the threshold and is skipped without further work.
fn may_signal(p: &Prepared, k: usize) -> bool {
    const STRONG: u32 =
        lx::NUMBER_WORDS | lx::COMPARATIVES | lx::SUPERLATIVES | lx::CAUSAL_ONE | lx::PREDICTION_ONE | lx::MARKER_FIRST;
    let t = &p.tokens[k];
    t.kind == Tk::Num
        || (t.kind == Tk::Word
            && (t.flags & STRONG != 0 || {
                let w = p.low(k);
                matches!(w, "than" | "will" | "won't" | "going" | "percent" | "percentage" | "compared" | "from")
                    || w.ends_with("est")
            }))
}

fn score_sentence(p: &Prepared, s: std::ops::Range<usize>) -> Option<ClaimCandidate> {
    if !s.clone().any(|k| may_signal(p, k)) {
        return None;
    }
    let words: Vec<usize> = s.clone().filter(|&k| matches!(p.tokens[k].kind, Tk::Word | Tk::Num)).collect();
    if words.len() < 5 {
        return None;
    }
    let last_punct = s.clone().rev().find(|&k| p.tokens[k].kind == Tk::Punct);
    if last_punct.is_some_and(|k| p.chars[p.tokens[k].start] == '?') {
        return None;
    }
    let low = |k: usize| p.low(k);
    if words.windows(2).any(|w| low(w[0]) == "i" && matches!(low(w[1]), "think" | "believe" | "feel")) {
        return None;
    }
    // (weight, type, label, what was found): the strongest signal per label.
    let mut signals: Vec<(f32, ClaimType, &'static str, String)> = Vec::new();
    let mut figures = 0;
    let mut add =
        |w: f32, t: ClaimType, label: &'static str, text: String| match signals.iter_mut().find(|s| s.2 == label) {
            Some(s) if s.0 < w => *s = (w, t, label, text),
            Some(_) => {}
            None => signals.push((w, t, label, text)),
        };
    for (x, &k) in words.iter().enumerate() {
        let w = low(k);
        let f = p.tokens[k].flags;
        let next = words.get(x + 1).map(|&n| low(n)).unwrap_or("");
        // The token as written, only when a signal needs it.
        let text = || p.text(k);
        if p.tokens[k].kind == Tk::Num {
            let t = text();
            let is_year = w.len() == 4 && (w.starts_with("19") || w.starts_with("20")) && !w.contains(['.', ',']);
            let pct_sign = k + 1 < s.end && p.is_punct(k + 1, '%');
            let pct =
                pct_sign || next == "percent" || (next == "per" && words.get(x + 2).is_some_and(|&n| low(n) == "cent"));
            let money = k > s.start
                && p.tokens[k - 1].kind == Tk::Punct
                && matches!(p.chars[p.tokens[k - 1].start], '$' | '£' | '€' | '¥');
            let unit_suffix = w.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ',');
            let next2 = words.get(x + 2).map(|&n| low(n)).unwrap_or("");
            let scale = matches!(next, "million" | "billion" | "trillion" | "thousand");
            if pct {
                let shown = if pct_sign { format!("{t}%") } else { format!("{t} {next}") };
                add(0.5, ClaimType::Statistic, "percentage", shown);
            } else if money {
                let symbol = p.chars[p.tokens[k - 1].start];
                let amount = if scale { format!("{symbol}{t} {next}") } else { format!("{symbol}{t}") };
                add(0.45, ClaimType::Statistic, "money", amount);
            } else if has(lx::MONEY_WORDS, next) {
                add(0.45, ClaimType::Statistic, "money", format!("{t} {next}"));
            } else if scale && has(lx::MONEY_WORDS, next2) {
                add(0.45, ClaimType::Statistic, "money", format!("{t} {next} {next2}"));
            } else if has(lx::UNIT_WORDS, next) {
                add(0.3, ClaimType::Statistic, "unit", format!("{t} {next}"));
            } else if has(lx::UNIT_WORDS, unit_suffix.trim_start_matches('-')) {
                add(0.3, ClaimType::Statistic, "unit", t.clone());
            }
            if is_year {
                add(0.1, ClaimType::Statistic, "year", t);
            } else {
                figures += 1;
                if figures == 2 {
                    add(0.2, ClaimType::Statistic, "several figures", String::new());
                }
                add(0.4, ClaimType::Statistic, "number", t);
            }
            continue;
        }
        if w == "percent" || w == "percentage" {
            add(0.5, ClaimType::Statistic, "percentage", text());
        } else if f & lx::NUMBER_WORDS != 0 {
            figures += 1;
            if figures == 2 {
                add(0.2, ClaimType::Statistic, "several figures", String::new());
            }
            add(0.25, ClaimType::Statistic, "number", text());
        } else if f & lx::MONEY_WORDS != 0 && x > 0 {
            add(0.2, ClaimType::Statistic, "money", text());
        }
        if next == "than" && (f & lx::COMPARATIVES != 0 || w.ends_with("er")) {
            add(0.35, ClaimType::Comparison, "comparison", format!("{} than", text()));
        } else if matches!(w, "doubled" | "halved" | "tripled" | "fewer") {
            add(0.35, ClaimType::Comparison, "comparison", text());
        } else if (w == "compared" && matches!(next, "with" | "to")) || (matches!(w, "up" | "down") && next == "from") {
            add(0.35, ClaimType::Comparison, "comparison", format!("{} {next}", text()));
        }
        let after_the = x > 0 && low(words[x - 1]) == "the";
        if (f & lx::SUPERLATIVES != 0 && (after_the || w == "record"))
            || (after_the && w.len() > 5 && w.ends_with("est") && f & lx::NOT_SUPERLATIVE == 0)
        {
            add(0.35, ClaimType::Comparison, "superlative", text());
        }
        if f & lx::CAUSAL_ONE != 0 && (w != "thanks" || next == "to") {
            add(0.4, ClaimType::Causal, "causal marker", text());
        } else if let Some((a, b)) = CAUSAL_TWO.iter().find(|(a, b)| f & lx::MARKER_FIRST != 0 && *a == w && *b == next)
        {
            add(0.4, ClaimType::Causal, "causal marker", format!("{a} {b}"));
        }
        if f & lx::PREDICTION_ONE != 0 {
            add(0.35, ClaimType::Prediction, "prediction", text());
        } else if let Some((a, b)) =
            PREDICTION_TWO.iter().find(|(a, b)| f & lx::MARKER_FIRST != 0 && *a == w && *b == next)
        {
            add(0.35, ClaimType::Prediction, "prediction", format!("{a} {b}"));
        } else if w == "by"
            && words
                .get(x + 1)
                .is_some_and(|&n| p.tokens[n].kind == Tk::Num && low(n).len() == 4 && low(n).starts_with("20"))
        {
            add(0.35, ClaimType::Prediction, "prediction", format!("by {}", p.text(words[x + 1])));
        } else if matches!(w, "will" | "won't") || (w == "going" && next == "to") {
            add(0.25, ClaimType::Prediction, "prediction", text());
        }
        if (!p.tokens[k].cap && p.tokens[k].lemma.is_some()) || (w == "according" && next == "to") {
            add(0.1, ClaimType::Other, "attributed", text());
        }
    }
    let strongest = signals.iter().filter(|s| s.1 != ClaimType::Other).fold(
        None,
        |best: Option<&(f32, ClaimType, &str, String)>, s| match best {
            Some(b) if b.0 >= s.0 => Some(b),
            _ => Some(s),
        },
    )?;
    let claim_type = strongest.1;
    let score = 1.0 - signals.iter().map(|s| 1.0 - s.0).product::<f32>();
    if score < CLAIM_THRESHOLD {
        return None;
    }
    // The sentence without quotation marks at its ends.
    let first = (s.start..s.end).find(|&k| p.tokens[k].kind != Tk::Mark)?;
    let last = (first..s.end).rev().find(|&k| p.tokens[k].kind != Tk::Mark)?;
    let (a, b) = (p.tokens[first].start, p.tokens[last].end);
    let mut sorted = signals;
    crate::order::sort_by(&mut sorted, |x, y| y.0.total_cmp(&x.0));
    Some(ClaimCandidate {
        span: Span::new(a, b),
        score: (score * 100.0).round() / 100.0,
        claim_type,
        reasons: sorted
            .into_iter()
            .map(|(_, _, label, text)| match label {
                "several figures" => format!("several figures ({figures})"),
                _ => format!("{label}: {text}"),
            })
            .collect(),
    })
}
