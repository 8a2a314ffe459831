#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
//! Writes the ballot file of the whole-process tally benchmark (`benches/tally_file.sh`):
//! `cargo run --release --example mallows_ballots -- OUT.csv [BALLOTS] [CANDIDATES] [RANKS]
//! [DISPERSION] [SEED]` (defaults 1,000,000 × 20 candidates, top 10 ranks, dispersion 0.7,
//! seed 42). Rankings follow a Mallows model around the order "Candidate 01", "Candidate 02",
//! … (repeated insertion: item *i* goes *d* places above the bottom with probability
//! ∝ dispersion^d); each ballot is the ranking's top `RANKS` names. Deterministic.

use std::io::Write as _;

/// SplitMix64: small and deterministic.
struct Gen(u64);

impl Gen {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let out = args.first().expect(
        "usage: mallows_ballots OUT.csv [BALLOTS] [CANDIDATES] [RANKS] [DISPERSION] [SEED]",
    );
    let arg = |i: usize, default: &str| args.get(i).map_or(default.to_string(), Clone::clone);
    let ballots: usize = arg(1, "1000000").parse().unwrap();
    let candidates: usize = arg(2, "20").parse().unwrap();
    let ranks: usize = arg(3, "10").parse().unwrap();
    let phi: f64 = arg(4, "0.7").parse().unwrap();
    let seed: u64 = arg(5, "42").parse().unwrap();
    let names: Vec<String> = (1..=candidates)
        .map(|i| format!("Candidate {i:02}"))
        .collect();
    // Cumulative insertion probabilities per item: weights phi^d for d = 0..=i.
    let cumulative: Vec<Vec<f64>> = (0..candidates)
        .map(|i| {
            let w: Vec<f64> = (0..=i)
                .map(|d| phi.powi(i32::try_from(d).unwrap()))
                .collect();
            let total: f64 = w.iter().sum();
            w.iter()
                .scan(0.0, |acc, x| {
                    *acc += x / total;
                    Some(*acc)
                })
                .collect()
        })
        .collect();
    let mut g = Gen(seed);
    let mut file = std::io::BufWriter::new(std::fs::File::create(out).unwrap());
    let mut ranking: Vec<usize> = Vec::with_capacity(candidates);
    for _ in 0..ballots {
        ranking.clear();
        for (i, cum) in cumulative.iter().enumerate() {
            let u = g.unit();
            let d = cum.iter().position(|c| u < *c).unwrap_or(i);
            ranking.insert(i - d, i);
        }
        let line: Vec<&str> = ranking
            .iter()
            .take(ranks)
            .map(|&c| names[c].as_str())
            .collect();
        writeln!(file, "{}", line.join(",")).unwrap();
    }
    file.flush().unwrap();
}
