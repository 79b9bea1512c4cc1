//! What the benchmarks share (also included by `crates/store/benches/store.rs`).

/// A 64-bit linear congruential generator (Knuth's MMIX constants, high bits): deterministic and
/// dependency free.
pub struct Lcg(pub u64);

impl Lcg {
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}
