#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
//! Tally benchmark (harness = false): `cargo bench --bench tally`.
//!
//! Generates ballots deterministically (fixed-seed generator, skewed candidate popularity)
//! and reports wall time and peak memory (VmHWM from /proc/self/status, Linux only):
//! IRV on 1,000,000 ballots × 20 candidates (rankings up to 10), and STV with 3 seats on
//! 100,000 ballots. Targets: IRV < 1 s and < 200 MB, STV < 0.5 s.

use std::time::Instant;

use roundtable::tally::{
    Ballot, Candidate, CandidateId, Election, Rules, TiebreakMode, WinnerMode, rank_sequential,
    tally,
};

/// SplitMix64: small, deterministic, good enough for test data.
struct Gen(u64);

impl Gen {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// `count` ballots over `candidates` candidates; popularity ∝ 1/(rank+1); 1..=max_ranks
/// ranks, shorter ballots more likely.
fn generate(count: usize, candidates: u32, max_ranks: usize, seed: u64) -> Vec<Ballot> {
    let mut g = Gen(seed);
    let weights: Vec<u64> = (0..candidates)
        .map(|i| 1_000_000 / u64::from(i + 1))
        .collect();
    let mut ballots = Vec::with_capacity(count);
    let mut ranking: Vec<CandidateId> = Vec::with_capacity(max_ranks);
    for _ in 0..count {
        let len = 1 + (0..max_ranks - 1).take_while(|_| g.below(100) < 70).count();
        ranking.clear();
        let mut left: u64 = weights.iter().sum();
        let mut taken = vec![false; candidates as usize];
        for _ in 0..len {
            let mut x = g.below(left);
            for (i, w) in weights.iter().enumerate() {
                if taken[i] {
                    continue;
                }
                if x < *w {
                    taken[i] = true;
                    left -= w;
                    ranking.push(CandidateId(u32::try_from(i).unwrap()));
                    break;
                }
                x -= w;
            }
        }
        ballots.push(Ballot::ranking(&ranking));
    }
    ballots
}

fn peak_mb() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map_or_else(|| "n/a".to_string(), |kb| format!("{:.0} MB", kb / 1024.0))
}

fn election(ballots: Vec<Ballot>, candidates: u32, rules: Rules) -> Election {
    Election {
        candidates: (0..candidates)
            .map(|i| Candidate::new(format!("Candidate {i:02}")))
            .collect(),
        ballots,
        rules,
    }
}

fn time<T>(label: &str, runs: u32, mut f: impl FnMut() -> T) -> T {
    let mut best = f64::MAX;
    let mut out = None;
    for _ in 0..runs {
        let start = Instant::now();
        let v = f();
        best = best.min(start.elapsed().as_secs_f64());
        out = Some(v);
    }
    println!(
        "{label}: best of {runs}: {:.3} s (peak RSS so far {})",
        best,
        peak_mb()
    );
    out.unwrap()
}

fn main() {
    let start = Instant::now();
    let ballots = generate(1_000_000, 20, 10, 42);
    println!(
        "generated 1,000,000 ballots in {:.2} s (peak RSS {})",
        start.elapsed().as_secs_f64(),
        peak_mb()
    );
    let irv = election(
        ballots,
        20,
        Rules {
            tiebreak_mode: TiebreakMode::Random,
            random_seed: Some(7),
            ..Rules::default()
        },
    );
    let outcome = time("IRV 1,000,000 ballots x 20 candidates", 3, || {
        tally(&irv).unwrap()
    });
    println!(
        "  winner {}, {} rounds",
        outcome.name(outcome.winners[0]),
        outcome.rounds().len()
    );
    drop(irv);

    let stv = election(generate(100_000, 20, 10, 7), 20, Rules::stv(3));
    let outcome = time("STV 3 seats, 100,000 ballots x 20 candidates", 5, || {
        tally(&stv).unwrap()
    });
    println!(
        "  winners {}, {} rounds",
        outcome.winners.len(),
        outcome.rounds().len()
    );

    let mut seq = stv.clone();
    seq.rules.winner_election_mode = WinnerMode::MultiPassIrv;
    let ranking = time(
        "sequential IRV ranking of 20 items, 100,000 ballots",
        3,
        || rank_sequential(&seq).unwrap(),
    );
    println!("  {} places", ranking.order.len());
}
