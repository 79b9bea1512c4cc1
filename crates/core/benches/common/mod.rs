//! What the benchmarks share (also included by `crates/store/benches/store.rs`). Not every
//! benchmark uses all of it.
#![allow(dead_code)]

use quotemark_core::model::{Claim, ClaimStatus, ClaimType, Evidence, Kind, Quote, QuoteForm};

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

/// The `i`-th annotation's kind: even ones a quote of the Home Secretary (form at random), odd ones a
/// statistic that needs a source, with `evidence`.
pub fn kind(rng: &mut Lcg, i: usize, evidence: Vec<Evidence>) -> Kind {
    if i.is_multiple_of(2) {
        Kind::Quote(Quote {
            speaker: "the Home Secretary".into(),
            speaker_canonical: Some("Amber Rudd".into()),
            cue: Some("said".into()),
            form: [QuoteForm::Direct, QuoteForm::Partial, QuoteForm::Indirect][rng.below(3)],
        })
    } else {
        Kind::Claim(Claim { claim_type: ClaimType::Statistic, status: ClaimStatus::NeedsSource, evidence })
    }
}
