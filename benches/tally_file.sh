#!/usr/bin/env bash
# Whole-process benchmark of `roundtable tally` on a file, beside the floor program.
#
#   bash benches/tally_file.sh [BALLOTS] [DISPERSION]
#
# Builds the release CLI and the examples, writes the Mallows ballot file
# (examples/mallows_ballots.rs: BALLOTS lines (default 1,000,000) × 20 candidates, top 10
# ranks, dispersion default 0.7, seed 42) under ${TMPDIR:-/tmp} unless it is already there,
# then times with hyperfine (warm page cache, whole process: start, read, parse, count,
# print) `roundtable tally --format json` and examples/irv_floor.rs (parse + grouped IRV,
# nothing else), measures peak RSS with /usr/bin/time -v, prints the in-process phases
# (examples/tally_file_phases.rs) and the load average. Needs hyperfine
# (`apt-get install -y hyperfine`) and GNU time.
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-1000000}"
phi="${2:-0.7}"
file="${TMPDIR:-/tmp}/mallows_${n}_20_10_${phi}.csv"
cargo build --release --locked --bin roundtable --example mallows_ballots --example irv_floor \
    --example tally_file_phases
bin=target/release
[ -s "$file" ] || "$bin/examples/mallows_ballots" "$file" "$n" 20 10 "$phi" 42
ls -l "$file"
echo "load average before: $(cat /proc/loadavg)"
hyperfine --warmup 1 --runs "${RUNS:-10}" -N \
    -n roundtable-tally "$bin/roundtable tally --ballots $file --format json" \
    -n floor "$bin/examples/irv_floor $file"
echo "load average after: $(cat /proc/loadavg)"
for cmd in "$bin/roundtable tally --ballots $file --format json" "$bin/examples/irv_floor $file"; do
    /usr/bin/time -v $cmd 2>&1 >/dev/null | awk -v c="${cmd%% *}" \
        '/Maximum resident/ {printf "%s: peak RSS %.0f MB\n", c, $6/1024}'
done
"$bin/examples/tally_file_phases" "$file" 3
