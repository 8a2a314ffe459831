#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
//! The floor of the whole-process tally benchmark (`benches/tally_file.sh`): the least a
//! program must do to count plain IRV from a ballot CSV. It reads the file, interns names with
//! a fast hash, groups identical rankings, and eliminates the last candidate each round until
//! one holds a majority of the continuing votes. No quotes, overvotes, skipped ranks, tie
//! rules, exact decimals or report: `roundtable tally` does all of that, and is measured
//! against this. `cargo run --release --example irv_floor -- BALLOTS.csv`.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

#[derive(Default)]
struct Fx(u64);

impl Hasher for Fx {
    fn finish(&self) -> u64 {
        self.0.rotate_left(26)
    }
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.write_u64(u64::from_le_bytes(word));
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

type Map<K, V> = HashMap<K, V, BuildHasherDefault<Fx>>;

fn main() {
    let path = std::env::args()
        .nth(1)
        .expect("usage: irv_floor BALLOTS.csv");
    let data = std::fs::read(path).unwrap();
    let mut names: Map<&[u8], u8> = Map::default();
    let mut groups: Map<Vec<u8>, u64> = Map::default();
    let mut ranking: Vec<u8> = Vec::with_capacity(16);
    for line in data.split(|&b| b == b'\n') {
        if line.is_empty() {
            continue;
        }
        ranking.clear();
        for cell in line.split(|&b| b == b',') {
            let next = u8::try_from(names.len()).unwrap();
            ranking.push(*names.entry(cell).or_insert(next));
        }
        match groups.get_mut(&ranking) {
            Some(w) => *w += 1,
            None => {
                groups.insert(ranking.clone(), 1);
            }
        }
    }
    let groups: Vec<(Vec<u8>, u64)> = groups.into_iter().collect();
    let n = names.len();
    let mut continuing = vec![true; n];
    let mut round = 0;
    loop {
        round += 1;
        let mut tally = vec![0u64; n];
        for (ranking, w) in &groups {
            if let Some(&c) = ranking.iter().find(|&&c| continuing[c as usize]) {
                tally[c as usize] += w;
            }
        }
        let total: u64 = tally.iter().sum();
        let (best, votes) = (0..n)
            .filter(|&c| continuing[c])
            .map(|c| (c, tally[c]))
            .max_by_key(|&(c, v)| (v, std::cmp::Reverse(c)))
            .unwrap();
        if votes * 2 > total || continuing.iter().filter(|&&c| c).count() <= 2 {
            let name = names
                .iter()
                .find(|(_, id)| usize::from(**id) == best)
                .unwrap()
                .0;
            println!(
                "winner {} with {votes} of {total} votes in round {round}",
                String::from_utf8_lossy(name)
            );
            return;
        }
        let last = (0..n)
            .filter(|&c| continuing[c])
            .min_by_key(|&c| (tally[c], c))
            .unwrap();
        continuing[last] = false;
    }
}
