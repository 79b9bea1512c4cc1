//! Suggestion benchmark: quotations, speakers and claims in a 200 KB article.
//!
//! The article is the labelled evaluation set (`data/quotes-eval`, 33 articles of several house
//! styles) repeated to 200 KB, so it holds the real mix of quotations, names and figures (about
//! 1,400 quotations). Goal: at most 50 ms in the browser, so 10–15 ms natively in release.
//!
//! `cargo bench -p quotemark-core --bench suggest -- --warm-up-time 1 --measurement-time 5`

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use quotemark_core::document::{normalize_text, Document};
use quotemark_core::suggest::{suggest, suggestions};
use std::time::Instant;

/// About `bytes` of labelled articles, normalised.
fn article(bytes: usize) -> String {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/quotes-eval");
    let mut names: Vec<_> = std::fs::read_dir(dir)
        .expect("data/quotes-eval")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    names.sort();
    let texts: Vec<String> =
        names.iter().map(|p| Document::from_raw(&std::fs::read_to_string(p).unwrap()).text).collect();
    let mut out = String::with_capacity(bytes + 10_000);
    while out.len() < bytes {
        for t in &texts {
            out.push_str(t);
            out.push_str("\n\n");
        }
    }
    normalize_text(&out)
}

fn bench(c: &mut Criterion) {
    let text = article(200_000);
    let s = suggestions(&text);
    let started = Instant::now();
    let runs = 5;
    for _ in 0..runs {
        black_box(suggest(&text));
    }
    println!(
        "suggest: {} KB, {} code points, {} quotations ({} proposed), {} claims; {:.1} ms a run (quick check)",
        text.len() / 1000,
        text.chars().count(),
        s.quotes.len(),
        s.quotes.iter().filter(|q| q.is_proposed()).count(),
        s.claims.len(),
        started.elapsed().as_secs_f64() * 1000.0 / runs as f64
    );
    let mut group = c.benchmark_group("suggest");
    group.sample_size(30);
    group.bench_function("200 KB article", |b| b.iter(|| suggest(black_box(&text))));
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
