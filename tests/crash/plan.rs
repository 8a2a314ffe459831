//! How many rounds, and the seeded random numbers that schedule the kills and pick the
//! rankings, so that a failing run can be replayed with `ROUNDTABLE_CRASH_SEED`.

use std::time::Duration;

/// Rounds to run by default: `cargo test` runs the file on each database.
pub const DEFAULT_ROUNDS: usize = 3;

/// One test's plan: how many rounds, and its random numbers.
#[derive(Debug)]
pub struct Plan {
    pub rounds: usize,
    pub seed: u64,
    pub rng: Rng,
}

/// Reads `ROUNDTABLE_CRASH_ROUNDS` and `ROUNDTABLE_CRASH_SEED` and prints the seed, so a
/// failure can be replayed; `salt` gives each test its own stream from one seed.
pub fn plan(test: &str, salt: u64) -> Plan {
    let rounds = std::env::var("ROUNDTABLE_CRASH_ROUNDS")
        .ok()
        .map(|v| v.parse().expect("ROUNDTABLE_CRASH_ROUNDS is a number"))
        .unwrap_or(DEFAULT_ROUNDS);
    let seed = std::env::var("ROUNDTABLE_CRASH_SEED")
        .ok()
        .map(|v| v.parse().expect("ROUNDTABLE_CRASH_SEED is a number"))
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos() as u64
        });
    eprintln!(
        "crash/{test}: {rounds} rounds, seed {seed} (replay with ROUNDTABLE_CRASH_SEED={seed}) on {}",
        crate::server::backend_name()
    );
    Plan {
        rounds,
        seed,
        rng: Rng::new(seed ^ salt),
    }
}

/// SplitMix64: small, seedable and plenty for schedules and rankings.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }

    /// A duration between `lo` and `hi` milliseconds, both included.
    pub fn millis(&mut self, lo: u64, hi: u64) -> Duration {
        Duration::from_millis(lo + self.below(hi - lo + 1))
    }

    /// An independent stream (one per voter).
    pub fn fork(&mut self) -> Rng {
        Rng::new(self.next_u64())
    }

    /// A random ranking of some (at least one) of `items`, best first.
    pub fn ranking(&mut self, items: &[i64]) -> Vec<i64> {
        let mut order = items.to_vec();
        for i in (1..order.len()).rev() {
            let j = self.below(i as u64 + 1) as usize;
            order.swap(i, j);
        }
        let keep = 1 + self.below(order.len() as u64) as usize;
        order.truncate(keep);
        order
    }
}
