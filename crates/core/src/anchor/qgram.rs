//! The exact-search index of an anchoring text: every position bucketed by its 4-gram, so that
//! finding a quote verifies only the positions of its rarest gram. Uses nothing else.

/// Length of the indexed grams.
pub(super) const Q: usize = 4;

/// Every position of the text bucketed by a hash of the 4 code points starting there (a counting
/// sort, so each bucket lists its positions in ascending order). There are about as many buckets as
/// positions, at most 2¹⁶. Positions are `u32`: texts are far shorter than 4 G code points.
#[derive(Clone, Debug)]
pub(super) struct QgramIndex {
    /// `log2` of the number of buckets.
    bits: u32,
    /// Bucket `h` is `positions[starts[h]..starts[h + 1]]`.
    starts: Vec<u32>,
    positions: Vec<u32>,
}

fn gram_hash(gram: &[char], bits: u32) -> usize {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &c in gram {
        h = (h ^ c as u64).wrapping_mul(0x0000_0100_0000_01b3);
    }
    (h.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - bits)) as usize
}

impl QgramIndex {
    pub(super) fn new(chars: &[char]) -> QgramIndex {
        let bits = (usize::BITS - chars.len().leading_zeros()).clamp(4, 16);
        let buckets = 1usize << bits;
        let hashes: Vec<u16> = chars
            .windows(Q)
            .map(|g| gram_hash(g, bits) as u16)
            .collect();
        // Counting sort: count into starts[h + 1], sum up, then use starts[h] as the fill cursor
        // (which leaves it at the old starts[h + 1]) and shift back.
        let mut starts = vec![0u32; buckets + 1];
        for &h in &hashes {
            starts[h as usize + 1] += 1;
        }
        for b in 0..buckets {
            starts[b + 1] += starts[b];
        }
        let mut positions = vec![0u32; hashes.len()];
        for (i, &h) in hashes.iter().enumerate() {
            let cursor = &mut starts[h as usize];
            positions[*cursor as usize] = i as u32;
            *cursor += 1;
        }
        starts.copy_within(0..buckets, 1);
        starts[0] = 0;
        QgramIndex {
            bits,
            starts,
            positions,
        }
    }

    fn bucket(&self, h: usize) -> &[u32] {
        &self.positions[self.starts[h] as usize..self.starts[h + 1] as usize]
    }

    /// Occurrences of `needle` (at least `Q` long) in `chars`, ascending.
    pub(super) fn find(&self, chars: &[char], needle: &[char]) -> Vec<usize> {
        let m = needle.len();
        // Look up the needle's rarest gram, then verify each candidate.
        let (offset, bucket) = (0..=m - Q)
            .map(|i| (i, self.bucket(gram_hash(&needle[i..i + Q], self.bits))))
            .min_by_key(|(_, b)| b.len())
            .unwrap_or((0, &[]));
        bucket
            .iter()
            .filter_map(|&p| (p as usize).checked_sub(offset))
            .filter(|&s| chars.get(s..s + m) == Some(needle))
            .collect()
    }
}
