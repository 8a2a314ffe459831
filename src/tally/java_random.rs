//! A bit-exact re-implementation of `java.util.Random` (48-bit linear congruential generator).
//!
//! RCTab draws its tie-breaks with Java's generator; reproducing its seeded results needs the
//! very same sequence. Pure integer arithmetic, no global state.

const MULTIPLIER: u64 = 0x5_DEEC_E66D;
const INCREMENT: u64 = 0xB;
const MASK: u64 = (1 << 48) - 1;

/// `java.util.Random` with an explicit seed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JavaRandom {
    state: u64,
}

impl JavaRandom {
    /// Same as `new java.util.Random(seed)`.
    #[must_use]
    pub fn new(seed: i64) -> Self {
        Self {
            state: (seed.cast_unsigned() ^ MULTIPLIER) & MASK,
        }
    }

    /// Java's protected `next(bits)`: advance and return the top `bits` bits as an `i32`.
    fn next(&mut self, bits: u32) -> i32 {
        self.state = self.state.wrapping_mul(MULTIPLIER).wrapping_add(INCREMENT) & MASK;
        // Truncation to 32 bits is what Java's `(int)` cast does.
        #[expect(clippy::cast_possible_truncation, reason = "Java (int) cast")]
        let v = (self.state >> (48 - bits)) as u32;
        v.cast_signed()
    }

    /// `nextInt()`: a uniformly distributed `i32`.
    pub fn next_int(&mut self) -> i32 {
        self.next(32)
    }

    /// `nextInt(bound)` for `bound > 0` (returns 0 for a non-positive bound instead of throwing).
    pub fn next_int_bounded(&mut self, bound: i32) -> i32 {
        if bound <= 0 {
            return 0;
        }
        let r = self.next(31);
        let m = bound - 1;
        if bound & m == 0 {
            // Power of two: take the high bits.
            #[expect(clippy::cast_possible_truncation, reason = "fits: result < bound")]
            return ((i64::from(bound) * i64::from(r)) >> 31) as i32;
        }
        let mut u = r;
        loop {
            let rem = u % bound;
            // Java: `u - r + m < 0` detects overflow of the 32-bit signed range.
            if u.wrapping_sub(rem).wrapping_add(m) >= 0 {
                return rem;
            }
            u = self.next(31);
        }
    }

    /// `nextLong()`.
    pub fn next_long(&mut self) -> i64 {
        let hi = i64::from(self.next(32));
        let lo = i64::from(self.next(32));
        (hi << 32).wrapping_add(lo)
    }

    /// `nextDouble()`: uniform in `[0, 1)` with 53 random bits.
    pub fn next_double(&mut self) -> f64 {
        let hi = i64::from(self.next(26));
        let lo = i64::from(self.next(27));
        #[expect(clippy::cast_precision_loss, reason = "value < 2^53, exact")]
        let v = ((hi << 27) + lo) as f64;
        v / (1_u64 << 53) as f64
    }

    /// `Collections.shuffle(list, random)`: for `i` from `len` down to 2, swap `i-1` with
    /// `nextInt(i)`.
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        let mut i = items.len();
        while i > 1 {
            let bound = i32::try_from(i).unwrap_or(i32::MAX);
            let j = usize::try_from(self.next_int_bounded(bound)).unwrap_or(0);
            items.swap(i - 1, j.min(i - 1));
            i -= 1;
        }
    }

    /// Index `floor(nextDouble() * n)`, RCTab's random pick among `n` tied candidates.
    pub fn pick_index(&mut self, n: usize) -> usize {
        if n == 0 {
            return 0;
        }
        #[expect(clippy::cast_precision_loss, reason = "n is a small candidate count")]
        let x = (self.next_double() * n as f64).floor();
        #[expect(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "0 <= x < n"
        )]
        let i = x as usize;
        i.min(n - 1)
    }
}

/// Java's `String.hashCode()` over UTF-16 code units with 32-bit wrap-around.
#[must_use]
pub fn java_string_hash(s: &str) -> i32 {
    s.encode_utf16()
        .fold(0_i32, |h, c| h.wrapping_mul(31).wrapping_add(i32::from(c)))
}

/// Compare two strings as Java's `String.compareTo` does (UTF-16 code units).
#[must_use]
pub fn java_string_cmp(a: &str, b: &str) -> std::cmp::Ordering {
    a.encode_utf16().cmp(b.encode_utf16())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_known_java_outputs() {
        assert_eq!(JavaRandom::new(42).next_int(), -1_170_105_035);
        let mut r = JavaRandom::new(42);
        let v: Vec<i32> = (0..5).map(|_| r.next_int_bounded(10)).collect();
        assert_eq!(v, vec![0, 3, 8, 4, 0]);
        let mut r = JavaRandom::new(42);
        assert!((r.next_double() - 0.727_563_680_032_868_1).abs() < f64::EPSILON);
        assert!((r.next_double() - 0.683_223_471_759_845_4).abs() < f64::EPSILON);
        let mut r = JavaRandom::new(-7);
        assert_eq!(r.next_int_bounded(1_000_000_007), 577_934_662);
        assert_eq!(r.next_int_bounded(16), 14);
        assert_eq!(r.next_long(), -6_028_743_012_628_894_217);
    }

    #[test]
    fn shuffle_matches_collections_shuffle() {
        let mut l = vec!["A", "B", "C", "D", "E", "F"];
        JavaRandom::new(1).shuffle(&mut l);
        assert_eq!(l, vec!["E", "C", "A", "B", "F", "D"]);
    }

    #[test]
    fn string_hash_matches_java() {
        assert_eq!(java_string_hash("Sneezy"), -1_814_050_598);
        assert_eq!(java_string_hash("Dopey"), 66_217_113);
    }
}
