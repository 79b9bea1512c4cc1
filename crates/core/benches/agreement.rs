//! Comparing two coders' layers of 5,000 annotations each (issue 20's size): pairing, the
//! differences, and every figure (F1, κ, α_U).
use criterion::{black_box, criterion_group, criterion_main, Criterion};
use quotemark_core::agreement::{compare, pairwise, Coded, Matched};
use quotemark_core::model::{AnnotationId, Span};

fn layer(n: usize, seed: u64) -> Vec<Coded> {
    let mut s = seed;
    let mut next = move |m: u64| {
        s = s.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (s >> 33) % m
    };
    (0..n)
        .map(|i| {
            let start = next(200_000 - 500) as usize;
            let end = start + 20 + next(380) as usize;
            let kind = if next(3) == 0 { "claim" } else { "quote" };
            Coded { id: AnnotationId(format!("{seed}-{i}").into()), span: Span::new(start, end), kind, label: format!("{}", next(5)) }
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let a = layer(5000, 1);
    // A second coder: the same annotations, a third of them moved by a few characters or relabelled.
    let b: Vec<Coded> = a
        .iter()
        .enumerate()
        .map(|(i, x)| {
            let mut y = x.clone();
            if i % 3 == 0 {
                y.span = Span::new(x.span.start + 3, x.span.end);
            } else if i % 3 == 1 && i % 2 == 0 {
                y.label = "other".into();
            }
            y
        })
        .collect();
    c.bench_function("compare 5000 with 5000 (differences)", |bch| bch.iter(|| compare(black_box(&a), black_box(&b))));
    c.bench_function("pairwise figures 5000 with 5000 (F1, κ, α_U)", |bch| bch.iter(|| pairwise(black_box(&a), black_box(&b), 200_000)));
    // What the compare view does: one pairing for both.
    c.bench_function("differences and figures 5000 with 5000 (one pairing)", |bch| {
        bch.iter(|| {
            let m = Matched::new(black_box(&a), black_box(&b));
            (m.differences(), m.figures(200_000))
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
