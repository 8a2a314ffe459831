#!/usr/bin/env bash
# The tally-from-a-file benchmark against a Rust peer (issue 13): `tallystick` 0.4.3's IRV,
# whole process, beside `roundtable tally` and the floor (examples/irv_floor.rs).
#
#   bash benches/peer_tallystick.sh [BALLOTS_FILE]
#
# tallystick's `irv` needs its `nightly` feature (`#![feature(specialization)]`), so it cannot
# be a dependency of this workspace on the stable toolchain: this script writes a scratch
# crate under ${TMPDIR:-/tmp}/peer_tallystick (reads the file like the floor, adds each line
# with `irv::DefaultTally::<u32>::add`, prints the winner) and builds it with
# RUSTC_BOOTSTRAP=1. The ballot file defaults to the one benches/tally_file.sh writes (run
# that first). Needs hyperfine and a reachable crates.io mirror for the scratch crate.
set -euo pipefail
cd "$(dirname "$0")/.."
file="${1:-${TMPDIR:-/tmp}/mallows_1000000_20_10_0.7.csv}"
[ -s "$file" ] || { echo "no ballot file $file: run benches/tally_file.sh first" >&2; exit 2; }
peer="${TMPDIR:-/tmp}/peer_tallystick"
mkdir -p "$peer/src"
cat >"$peer/Cargo.toml" <<'TOML'
[package]
name = "peer_tallystick"
version = "0.1.0"
edition = "2021"

[dependencies]
tallystick = { version = "=0.4.3", features = ["nightly"] }

[profile.release]
codegen-units = 1
TOML
cat >"$peer/src/main.rs" <<'RUST'
use std::collections::HashMap;
use tallystick::irv::DefaultTally;

fn main() {
    let path = std::env::args().nth(1).expect("usage: peer_tallystick BALLOTS.csv");
    let data = std::fs::read(path).unwrap();
    let mut names: HashMap<&[u8], u32> = HashMap::new();
    let mut tally = DefaultTally::<u32>::new(tallystick::Transfer::Meek);
    for line in data.split(|&b| b == b'\n').filter(|l| !l.is_empty()) {
        let ranking: Vec<u32> = line
            .split(|&b| b == b',')
            .map(|cell| {
                let next = names.len() as u32;
                *names.entry(cell).or_insert(next)
            })
            .collect();
        tally.add(ranking);
    }
    let winners = tally.tally_winners().into_unranked();
    let winner = winners.first().copied().unwrap();
    let name = names.iter().find(|(_, id)| **id == winner).map(|(n, _)| *n).unwrap();
    println!("{}", String::from_utf8_lossy(name));
}
RUST
(cd "$peer" && RUSTC_BOOTSTRAP=1 cargo build --release --quiet)
cargo build --release --locked --bin roundtable --example irv_floor
bin=target/release
echo "peer winner: $("$peer/target/release/peer_tallystick" "$file")"
echo "load average before: $(cat /proc/loadavg)"
hyperfine --warmup 1 --runs "${RUNS:-5}" -N \
    -n roundtable-tally "$bin/roundtable tally --ballots $file --format json" \
    -n floor "$bin/examples/irv_floor $file" \
    -n tallystick "$peer/target/release/peer_tallystick $file"
echo "load average after: $(cat /proc/loadavg)"
