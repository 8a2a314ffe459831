//! The ranked agenda count at size (issue 13): 1,000 items × 5,000 ballots ranked for a
//! 90-minute agenda, then the full sequential-IRV (multi-pass) ranking of all 1,000 items.
//! Prints wall time and the process's peak resident memory (VmHWM) after each case; the
//! agenda case runs first, so its peak is its own. `cargo bench --bench agenda_scale`, with
//! the meetings' tie-break (`previousRoundCountsThenRandom`); `TIEBREAK=random` for the draw
//! alone.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::time::Instant;

use roundtable::tally::agenda::meeting::agenda_rules;
use roundtable::tally::agenda::{FixedItem, rank_and_compose};
use roundtable::tally::java_random::JavaRandom;
use roundtable::tally::{Ballot, Candidate, CandidateId, Election, Rules, rank_sequential};

fn peak_mb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        })
        .map_or(0, |kb| kb / 1024)
}

/// `ballots` ballots over `items` items, each ranking 10 items: a popularity skew (a few
/// items are widely liked) plus noise, from a seeded generator.
fn election(items: u32, ballots: usize, seed: i64) -> Election {
    let mut rng = JavaRandom::new(seed);
    let list: Vec<Ballot> = (0..ballots)
        .map(|_| {
            let mut ranking: Vec<CandidateId> = Vec::new();
            while ranking.len() < 10 {
                let a = rng.pick_index(items as usize);
                let b = rng.pick_index(items as usize);
                let c = CandidateId(u32::try_from(a.min(b)).unwrap());
                if !ranking.contains(&c) {
                    ranking.push(c);
                }
            }
            Ballot::ranking(&ranking)
        })
        .collect();
    Election {
        candidates: (0..items)
            .map(|i| Candidate::new(format!("#{i} Item")))
            .collect(),
        ballots: list,
        rules: match std::env::var("TIEBREAK").as_deref() {
            // The draw alone (RCTab's `random`), to compare with what meetings use.
            Ok("random") => Rules {
                random_seed: Some(seed),
                ..Rules::default()
            },
            _ => agenda_rules(items as usize, seed),
        },
    }
}

fn main() {
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    println!("load average: {}", load.trim());
    println!(
        "tie-break: {}",
        std::env::var("TIEBREAK")
            .unwrap_or_else(|_| "previousRoundCountsThenRandom (meetings)".into())
    );
    let e = election(1000, 5000, 7);
    let minutes: Vec<u32> = (0..1000).map(|i| 5 + (i * 7) % 26).collect();
    let start = Instant::now();
    let out = rank_and_compose(&e, &minutes, 90, &[FixedItem::action_scan()]).unwrap();
    println!(
        "agenda: 1,000 items x 5,000 ballots, 90 minutes: {:.3} s, {} places ranked, {} not ranked, peak {} MB",
        start.elapsed().as_secs_f64(),
        out.ranking.order.len(),
        out.ranking.not_ranked.len(),
        peak_mb()
    );
    let json = serde_json::to_string(&out.ranking).unwrap().len();
    println!("  stored ranking: {} KB of JSON", json / 1024);
    drop(out);

    let start = Instant::now();
    let full = rank_sequential(&e).unwrap();
    let seconds = start.elapsed().as_secs_f64();
    let peak = peak_mb();
    let rounds: usize = full.passes.iter().map(|p| p.rounds.len()).sum();
    // Serialised into a byte counter, as the CLI streams it: no copy of the output in memory.
    let mut counter = ByteCount(0);
    serde_json::to_writer(&mut counter, &full).unwrap();
    println!(
        "full multi-pass: 1,000 items x 5,000 ballots: {seconds:.3} s, {} places, {rounds} rounds, peak {peak} MB; {} MB of compact JSON",
        full.order.len(),
        counter.0 / (1024 * 1024),
    );
}

/// A writer that only counts bytes.
struct ByteCount(usize);

impl std::io::Write for ByteCount {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0 += buf.len();
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
