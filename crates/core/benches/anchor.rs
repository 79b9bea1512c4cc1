//! Anchoring benchmarks: 1,000 annotations in a 100 KB English-like text, unchanged and with 10%
//! of the quotes edited; plus describing, and one whole-text approximate search.
//!
//! `cargo bench -p quotemark-core --bench anchor -- --warm-up-time 1 --measurement-time 3`

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use quotemark_core::anchor::{anchor_all, describe, myers::Pattern, AnchorStatus, AnchorText};
use quotemark_core::model::{Annotation, AnnotationId, Claim, Kind, Span, Timestamp};

mod common;
use common::Lcg;

#[rustfmt::skip]
const WORDS: &[&str] = &[
    "the", "of", "and", "to", "a", "in", "that", "is", "was", "he", "for", "it", "with", "as", "his", "on", "be", "at",
    "by", "had", "not", "are", "but", "from", "or", "have", "an", "they", "which", "one", "you", "were", "her", "all",
    "she", "there", "would", "their", "we", "him", "been", "has", "when", "who", "will", "more", "no", "if", "out",
    "so", "said", "what", "up", "its", "about", "into", "than", "them", "can", "only", "other", "new", "some", "could",
    "time", "these", "two", "may", "then", "do", "first", "any", "my", "now", "such", "like", "our", "over", "man",
    "me", "even", "most", "made", "after", "also", "did", "many", "before", "must", "through", "back", "years",
    "where", "much", "your", "way", "well", "down", "should", "because", "each", "just", "those", "people", "how",
    "too", "little", "state", "good", "very", "make", "world", "still", "own", "see", "men", "work", "long", "get",
    "here", "between", "both", "life", "being", "under", "never", "day", "same", "another", "know", "while", "last",
    "might", "us", "great", "old", "year", "off", "come", "since", "against", "go", "came", "right", "used", "take",
    "three", "government", "minister", "police", "internet", "terrorism", "security", "companies", "report",
    "spokesman", "campaign", "election", "council", "policy", "evidence", "statement", "week", "country", "public",
];

/// About `bytes` of English-like prose: sentences of Zipf-ish words, some quoted with curly marks,
/// in paragraphs separated by blank lines.
fn prose(seed: u64, bytes: usize) -> String {
    let mut rng = Lcg(seed);
    let mut out = String::with_capacity(bytes + 200);
    while out.len() < bytes {
        let sentences = 2 + rng.below(5);
        for s in 0..sentences {
            let quoted = rng.below(5) == 0;
            if s > 0 {
                out.push(' ');
            }
            if quoted {
                out.push('“');
            }
            let n = 6 + rng.below(18);
            for w in 0..n {
                // Squaring a uniform index skews towards the frequent words at the front.
                let r = rng.below(WORDS.len());
                let word = WORDS[r * r / WORDS.len()];
                if w == 0 {
                    let mut cs = word.chars();
                    out.extend(cs.next().map(|c| c.to_ascii_uppercase()));
                    out.push_str(cs.as_str());
                } else {
                    out.push(' ');
                    out.push_str(word);
                }
                if w + 1 < n && rng.below(12) == 0 {
                    out.push(',');
                }
            }
            out.push_str(if quoted { ",” she said." } else { "." });
        }
        out.push_str("\n\n");
    }
    out.truncate(out.trim_end().len());
    out
}

fn annotations(text: &str, count: usize, seed: u64) -> Vec<Annotation> {
    let n = text.chars().count();
    let prepared = AnchorText::new(text);
    let mut rng = Lcg(seed);
    (0..count)
        .map(|i| {
            let len = 30 + rng.below(270);
            let start = rng.below(n - len);
            let target = prepared.describe("doc", Span::new(start, start + len));
            let mut id = [0u8; 16];
            id[..8].copy_from_slice(&(i as u64).to_le_bytes());
            Annotation::new(AnnotationId::from_random_bytes(id), target, Kind::Claim(Claim::default()), Timestamp(0))
        })
        .collect()
}

/// The text with every tenth annotation's quote edited in its middle (three code points replaced
/// by five), as a reporter's correction would.
fn edit_every_tenth(text: &str, annotations: &[Annotation]) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    let mut points: Vec<usize> =
        annotations.iter().step_by(10).map(|a| a.target.span().map(|s| s.start + s.len() / 2).unwrap()).collect();
    points.sort_unstable();
    points.dedup();
    for &p in points.iter().rev() {
        chars.splice(p..p + 3, "xyzzy".chars());
    }
    chars.into_iter().collect()
}

fn bench(c: &mut Criterion) {
    let text = prose(42, 100_000);
    let annotations = annotations(&text, 1000, 7);
    let edited = edit_every_tenth(&text, &annotations);

    // Sanity: what the benchmarks measure is what they claim.
    let unchanged = anchor_all(&text, &annotations);
    assert!(unchanged.iter().all(|r| r.status == AnchorStatus::Exact));
    let results = anchor_all(&edited, &annotations);
    let count = |f: fn(&AnchorStatus) -> bool| results.iter().filter(|r| f(&r.status)).count();
    let fuzzy = count(|s| matches!(s, AnchorStatus::Fuzzy { .. }));
    let orphans = count(|s| *s == AnchorStatus::Orphan);
    eprintln!(
        "text: {} code points; edited: {} exact, {} moved, {fuzzy} fuzzy, {orphans} orphans",
        text.chars().count(),
        count(|s| *s == AnchorStatus::Exact),
        count(|s| *s == AnchorStatus::Moved),
    );
    assert!(fuzzy >= 90 && orphans == 0);

    c.bench_function("anchor_all 1000 in 100 KB, unchanged", |b| {
        b.iter(|| anchor_all(black_box(&text), black_box(&annotations)))
    });
    c.bench_function("anchor_all 1000 in 100 KB, 10% of quotes edited", |b| {
        b.iter(|| anchor_all(black_box(&edited), black_box(&annotations)))
    });

    let spans: Vec<Span> = annotations.iter().map(|a| a.target.span().unwrap()).collect();
    c.bench_function("describe 1000 spans in 100 KB", |b| {
        b.iter(|| {
            let prepared = AnchorText::new(black_box(&text));
            spans.iter().map(|&s| prepared.describe("doc", s)).collect::<Vec<_>>()
        })
    });
    c.bench_function("describe 1 span in 100 KB (cold)", |b| b.iter(|| describe("doc", black_box(&text), spans[0])));

    let chars: Vec<char> = text.chars().collect();
    let mut quote: Vec<char> = chars[50_000..50_200].to_vec();
    quote[100] = 'Q';
    quote.remove(150);
    let pattern = Pattern::new(&quote);
    c.bench_function("myers: 200-char pattern, k = 50, over 100 KB", |b| {
        b.iter(|| pattern.best_errors(black_box(&chars), 50))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
