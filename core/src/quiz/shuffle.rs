//! Per-learner display orders that never change for that learner.
//!
//! A learner who reloads the page, or comes back after a server restart or an upgrade,
//! must see the options in the same order, or their saved answer (positions in the
//! display order) would point at other options. So the order is a pure function of the
//! learner's seed and the question, built from a hash and a PRNG that are written out
//! here: std's `DefaultHasher` is free to change between Rust releases.

/// FNV-1a, 64 bits: tiny, and fixed by its specification.
fn fnv1a64(parts: &[&str]) -> u64 {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let mut hash = OFFSET;
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            // A separator no id contains, so ("ab", "c") and ("a", "bc") differ.
            hash ^= 0x1f;
            hash = hash.wrapping_mul(PRIME);
        }
        for byte in part.bytes() {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(PRIME);
        }
    }
    hash
}

/// splitmix64: a one-word PRNG that mixes even a poor seed well.
struct SplitMix64(u64);

impl SplitMix64 {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..bound` (`bound` > 0), by Lemire's multiply-shift.
    fn below(&mut self, bound: usize) -> usize {
        let wide = u128::from(self.next()) * bound as u128;
        // The high word is below `bound`, so it fits back into usize.
        usize::try_from(wide >> 64).unwrap_or(0)
    }
}

/// The display order of `n` things for one learner: `perm[display] = authored index`.
///
/// The same `seed` (a learner id, say), quiz and question always give the same order;
/// other learners usually get another. With `shuffle` false, or `n` below 2, this is the
/// identity. A shuffle never comes out as the identity (it is rotated once if it does), so
/// an order question never shows its answer and a match never lines up by itself.
///
/// Quiz ids are only unique within a module, so callers that want different orders in
/// different modules can put the module in `quiz_id` (`"cicd/module-check"`) as long as
/// grading uses the same value.
pub fn permutation(
    seed: &str,
    quiz_id: &str,
    question_id: &str,
    n: usize,
    shuffle: bool,
) -> Vec<usize> {
    let mut perm: Vec<usize> = (0..n).collect();
    if !shuffle || n < 2 {
        return perm;
    }
    let mut rng = SplitMix64(fnv1a64(&[seed, quiz_id, question_id]));
    for i in (1..n).rev() {
        let j = rng.below(i + 1);
        perm.swap(i, j);
    }
    if perm.iter().enumerate().all(|(i, &p)| i == p) {
        perm.rotate_left(1);
    }
    perm
}

/// `perm` if it is a permutation of `0..n`, else the identity.
///
/// A stale or tampered order must not crash grading or leak anything; falling back to
/// the authored order keeps the view and the grading of one request consistent.
pub(crate) fn checked(perm: &[usize], n: usize) -> Vec<usize> {
    let mut seen = vec![false; n];
    let valid = perm.len() == n
        && perm
            .iter()
            .all(|&p| p < n && !std::mem::replace(&mut seen[p], true));
    if valid {
        perm.to_vec()
    } else {
        (0..n).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv1a_matches_the_published_test_vectors() {
        assert_eq!(fnv1a64(&[""]), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a64(&["a"]), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a64(&["foobar"]), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn splitmix_matches_its_reference_output() {
        // First outputs of the reference C implementation seeded with 0.
        let mut rng = SplitMix64(0);
        assert_eq!(rng.next(), 0xe220_a839_7b1d_cdaf);
        assert_eq!(rng.next(), 0x6e78_9e6a_a1b9_65f4);
    }

    #[test]
    fn a_known_seed_gives_a_known_order_forever() {
        // Pinned (and checked against an independent Python version of FNV-1a,
        // splitmix64 and Fisher-Yates): if this changes, every learner's saved answers
        // point at other options.
        assert_eq!(
            permutation("learner-1", "module-check", "cfr-value", 5, true),
            [4, 0, 3, 1, 2]
        );
    }

    #[test]
    fn checked_rejects_anything_but_a_permutation() {
        assert_eq!(checked(&[2, 0, 1], 3), [2, 0, 1]);
        assert_eq!(checked(&[0, 0, 1], 3), [0, 1, 2]);
        assert_eq!(checked(&[0, 1], 3), [0, 1, 2]);
        assert_eq!(checked(&[0, 1, 3], 3), [0, 1, 2]);
    }
}
