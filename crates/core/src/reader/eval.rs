//! Scoring a page reader against human ground truth: bag-of-words precision, recall and F1 per
//! page, and the known boilerplate lines that leak into its text. Used by the reader benchmark
//! (`./dev bench reader`, which scores trafilatura and Readability with the same functions) and by
//! the floor test; the data is `data/reader-eval/` (see its README).
//!
//! Words are maximal runs of letters and digits, lowercased; a page's scores compare the two
//! multisets of words (`min` of the counts is the overlap). The gold text is the part of a Dragnet
//! `Corrected` file before its comment separator. Loading folders needs the `eval` feature.

use std::collections::HashMap;

/// Dragnet's separator between an article and its comments in a gold file.
pub const COMMENTS_SEPARATOR: &str = "!@#$%^&*()";

/// The article part of a gold file (everything before the comment separator).
pub fn gold_article(gold: &str) -> &str {
    gold.split(COMMENTS_SEPARATOR).next().unwrap_or("")
}

/// The lowercase words of a text: maximal runs of letters and digits.
pub fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
}

/// Precision, recall and F1 of one extraction.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Prf {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

impl Prf {
    /// From the overlap and the two sizes; an empty extraction has precision 0 (it found nothing),
    /// an empty gold recall 1.
    pub fn from_counts(overlap: usize, extracted: usize, gold: usize) -> Prf {
        let precision = if extracted == 0 { 0.0 } else { overlap as f64 / extracted as f64 };
        let recall = if gold == 0 { 1.0 } else { overlap as f64 / gold as f64 };
        let f1 = if precision + recall == 0.0 { 0.0 } else { 2.0 * precision * recall / (precision + recall) };
        Prf { precision, recall, f1 }
    }

    /// The mean of several pages' scores (each page counts once).
    pub fn mean(all: &[Prf]) -> Prf {
        let n = all.len().max(1) as f64;
        Prf {
            precision: all.iter().map(|p| p.precision).sum::<f64>() / n,
            recall: all.iter().map(|p| p.recall).sum::<f64>() / n,
            f1: all.iter().map(|p| p.f1).sum::<f64>() / n,
        }
    }
}

/// Bag-of-words scores of `extracted` against `gold`.
pub fn bag_of_words(extracted: &str, gold: &str) -> Prf {
    let mut counts: HashMap<String, (usize, usize)> = HashMap::new();
    let (mut e, mut g) = (0, 0);
    for w in words(extracted) {
        counts.entry(w).or_default().0 += 1;
        e += 1;
    }
    for w in words(gold) {
        counts.entry(w).or_default().1 += 1;
        g += 1;
    }
    let overlap = counts.values().map(|&(a, b)| a.min(b)).sum();
    Prf::from_counts(overlap, e, g)
}

/// Line starts (after lowercasing and trimming) that mark page furniture: calls to action, credits,
/// teasers, labels. A line only counts as a leak when it is not part of the gold text.
const BOILERPLATE_STARTS: &[&str] = &[
    "advertisement",
    "back to top",
    "click here",
    "comments",
    "copyright",
    "credit:",
    "email this",
    "explore further",
    "filed under",
    "follow us",
    "image:",
    "join the conversation",
    "leave a comment",
    "like this",
    "more from",
    "more on this",
    "most popular",
    "most read",
    "photo:",
    "photograph:",
    "photos:",
    "posted in",
    "print this",
    "read more",
    "recommended",
    "related",
    "see also",
    "share this",
    "share on",
    "sign up",
    "sponsored",
    "subscribe",
    "tagged",
    "tags:",
    "topics:",
    "you have been successfully subscribed",
    "you may also like",
    "©",
];

/// Phrases that mark a furniture line wherever they appear in it.
const BOILERPLATE_PHRASES: &[&str] = &[
    "all rights reserved",
    "newsletter",
    "privacy policy",
    "successfully subscribed",
    "terms of use",
    "terms of service",
    "cookie policy",
];

/// The lines (paragraphs) of `extracted` that look like known boilerplate and are not in `gold`:
/// a line counts when it starts with or contains a furniture phrase and its words do not occur, in
/// order and together, in the gold text.
pub fn boilerplate_leaks<'a>(extracted: &'a str, gold: &str) -> Vec<&'a str> {
    let gold_key = format!(" {} ", words(gold).collect::<Vec<_>>().join(" "));
    extracted
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && line.chars().count() <= 300)
        .filter(|line| {
            let lower = line.to_lowercase();
            BOILERPLATE_STARTS.iter().any(|s| lower.starts_with(s))
                || BOILERPLATE_PHRASES.iter().any(|p| lower.contains(p))
        })
        .filter(|line| {
            let key: Vec<String> = words(line).collect();
            key.is_empty() || !gold_key.contains(&format!(" {} ", key.join(" ")))
        })
        .collect()
}

/// One page of an evaluation folder.
#[derive(Clone, Debug)]
pub struct Page {
    /// The file stem (`R123`).
    pub name: String,
    pub html: String,
    /// The gold article text (comments cut off).
    pub gold: String,
}

/// Reads every `NAME.html` with its `NAME.txt` in a folder, in name order.
#[cfg(feature = "eval")]
pub fn load_pages(dir: &std::path::Path) -> Result<Vec<Page>, String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok())
        .filter_map(|e| e.file_name().into_string().ok())
        .filter_map(|n| n.strip_suffix(".html").map(str::to_string))
        .collect();
    names.sort();
    if names.is_empty() {
        return Err(format!("{}: no .html pages", dir.display()));
    }
    names
        .into_iter()
        .map(|name| {
            let html_path = dir.join(format!("{name}.html"));
            let gold_path = dir.join(format!("{name}.txt"));
            let html = std::fs::read_to_string(&html_path).map_err(|e| format!("{}: {e}", html_path.display()))?;
            let gold = std::fs::read_to_string(&gold_path).map_err(|e| format!("{}: {e}", gold_path.display()))?;
            Ok(Page {
                name,
                html,
                gold: gold_article(&gold).to_string(),
            })
        })
        .collect()
}

/// What a reader returned for a page, as scored: its title and body text joined, since the gold
/// text holds the headline too.
pub fn scored_text(title: Option<&str>, body: &str) -> String {
    match title {
        Some(t) if !t.trim().is_empty() => format!("{t}\n{body}"),
        _ => body.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_lowercase_alphanumeric_runs() {
        let w: Vec<String> = words("It’s 40% — “Déjà vu”, U.S.").collect();
        assert_eq!(w, ["it", "s", "40", "déjà", "vu", "u", "s"]);
    }

    #[test]
    fn bag_of_words_counts_repeats_once_each() {
        let p = bag_of_words("a a b c", "a b b d");
        // overlap: a 1, b 1 = 2 of 4 extracted, 2 of 4 gold
        assert_eq!(p, Prf::from_counts(2, 4, 4));
        assert!((p.f1 - 0.5).abs() < 1e-12);
        assert_eq!(bag_of_words("", "a").f1, 0.0);
        assert_eq!(bag_of_words("", "a").precision, 0.0);
        assert_eq!(bag_of_words("x", "").recall, 1.0);
        let perfect = bag_of_words("The cat, sat.", "the CAT sat");
        assert_eq!((perfect.precision, perfect.recall, perfect.f1), (1.0, 1.0, 1.0));
    }

    #[test]
    fn mean_weights_pages_equally() {
        let m = Prf::mean(&[Prf::from_counts(1, 1, 1), Prf::from_counts(0, 1, 1)]);
        assert_eq!(m.f1, 0.5);
        assert_eq!(Prf::mean(&[]).f1, 0.0);
    }

    #[test]
    fn gold_cuts_comments() {
        assert_eq!(gold_article("Body\n!@#$%^&*()  COMMENTS\nnice"), "Body\n");
        assert_eq!(gold_article("Body"), "Body");
    }

    #[test]
    fn leaks_are_furniture_lines_missing_from_gold() {
        let extracted = "Read more: the other story\nPhotograph: A. Person for the Paper\nThe mayor spoke.\nAll rights reserved 2012\n";
        let gold = "The mayor spoke. Photograph: A Person for the Paper";
        assert_eq!(
            boilerplate_leaks(extracted, gold),
            ["Read more: the other story", "All rights reserved 2012"]
        );
        // A gold line that starts like furniture is no leak.
        assert!(boilerplate_leaks("Related: the mayor spoke", "related the mayor spoke").is_empty());
    }

    #[test]
    fn scored_text_prefixes_the_title() {
        assert_eq!(scored_text(Some("Head"), "Body"), "Head\nBody");
        assert_eq!(scored_text(Some(" "), "Body"), "Body");
        assert_eq!(scored_text(None, "Body"), "Body");
    }
}
