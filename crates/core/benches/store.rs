//! Storage and share-link benchmarks (filled in below).
use criterion::{criterion_group, criterion_main, Criterion};
fn none(_c: &mut Criterion) {}
criterion_group!(benches, none);
criterion_main!(benches);
