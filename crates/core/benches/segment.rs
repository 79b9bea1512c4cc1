//! Segmentation benchmarks: 5,000 overlapping annotations on a 200 KB text, built from scratch and
//! updated one annotation at a time.
//!
//! `cargo bench -p quotemark-core --bench segment -- --warm-up-time 1 --measurement-time 3`

use criterion::{black_box, criterion_group, criterion_main, BatchSize, Criterion};
use quotemark_core::document::paragraph_ranges;
use quotemark_core::model::{AnnotationId, Span};
use quotemark_core::segment::Segmentation;

mod common;
use common::Lcg;

#[rustfmt::skip]
const WORDS: &[&str] = &[
    "the", "of", "and", "to", "a", "in", "that", "is", "was", "he", "for", "it", "with", "as", "his", "on", "said",
    "minister", "government", "police", "“we", "will", "act”", "people", "report", "internet", "security", "week",
];

/// About `bytes` of prose in paragraphs of 2 to 8 sentences.
fn prose(seed: u64, bytes: usize) -> String {
    let mut rng = Lcg(seed);
    let mut out = String::with_capacity(bytes + 200);
    while out.len() < bytes {
        for s in 0..2 + rng.below(7) {
            if s > 0 {
                out.push(' ');
            }
            for w in 0..6 + rng.below(18) {
                if w > 0 {
                    out.push(' ');
                }
                out.push_str(WORDS[rng.below(WORDS.len())]);
            }
            out.push('.');
        }
        out.push_str("\n\n");
    }
    out.truncate(out.trim_end().len());
    out
}

/// `count` annotations: mostly quote-sized (20–400 code points), one in twenty paragraph-sized or
/// longer (up to 3,000), so that they overlap, nest and cross paragraphs.
fn annotations(n: usize, count: usize, seed: u64) -> Vec<(AnnotationId, Span)> {
    let mut rng = Lcg(seed);
    (0..count)
        .map(|i| {
            let len = if rng.below(20) == 0 { 400 + rng.below(2600) } else { 20 + rng.below(380) };
            let start = rng.below(n - len);
            let mut bytes = [0u8; 16];
            bytes[..8].copy_from_slice(&(i as u64 * 0x9e37_79b9_7f4a_7c15).to_le_bytes());
            (AnnotationId::from_random_bytes(bytes), Span::new(start, start + len))
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let text = prose(3, 200_000);
    let n = text.chars().count();
    let paragraphs = paragraph_ranges(&text);
    let annotations = annotations(n, 5000, 11);

    let seg = Segmentation::new(paragraphs.clone(), annotations.clone());
    let runs: usize = (0..paragraphs.len()).map(|p| seg.runs(p).len()).sum();
    let ids: usize = (0..paragraphs.len()).flat_map(|p| seg.runs(p)).map(|r| r.ids.len()).sum();
    eprintln!(
        "{n} code points, {} paragraphs, {} annotations: {runs} runs, {:.1} ids per run",
        paragraphs.len(),
        annotations.len(),
        ids as f64 / runs as f64
    );

    // The input is cloned, and the result dropped, outside the timing.
    c.bench_function("segment 5000 overlapping annotations in 200 KB", |b| {
        b.iter_batched(
            || (paragraphs.clone(), annotations.clone()),
            |(paragraphs, annotations)| Segmentation::new(paragraphs, annotations),
            BatchSize::LargeInput,
        )
    });
    // The same, paying for the input's clone and the previous result's drop as a re-render would.
    c.bench_function("segment 5000 in 200 KB, with input clone and drop", |b| {
        b.iter(|| Segmentation::new(black_box(paragraphs.clone()), black_box(annotations.iter().cloned())))
    });

    let extra = (AnnotationId("extra".into()), Span::new(n / 2, n / 2 + 150));
    c.bench_function("segment: insert then remove one annotation among 5000", |b| {
        b.iter_batched_ref(
            || seg.clone(),
            |seg| {
                seg.insert(extra.0.clone(), extra.1);
                seg.remove(&extra.0)
            },
            BatchSize::LargeInput,
        )
    });
    c.bench_function("segment: covering(offset) among 5000", |b| {
        let mut i = 0;
        b.iter(|| {
            i = (i + 7919) % n;
            seg.covering(black_box(i))
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
