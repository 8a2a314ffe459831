#!/usr/bin/env bash
# Whole-process benchmark of `roundtable budget` on Łódź 2020 beside the in-process parse and
# rule times.
#
#   bash benches/budget_file.sh
#
# Times with hyperfine (warm page cache) `roundtable budget Poland_Lodz_2020.pb --rule
# greedy_cost --format json` (start, read, parse, rule, JSON) and prints the in-process
# figures of `cargo bench --bench budget -- --only parse` (best of 20: the `.pb` reader alone,
# the greedy rule alone) and the load average. Needs hyperfine (`apt-get install -y hyperfine`).
set -euo pipefail
cd "$(dirname "$0")/.."
pb=tests/conformance/pabulib/Poland_Lodz_2020.pb
cargo build --release --locked --bin roundtable
echo "load average before: $(cat /proc/loadavg)"
hyperfine --warmup 2 --runs "${RUNS:-20}" -N \
    -n budget-greedy "target/release/roundtable budget $pb --rule greedy_cost --format json"
/usr/bin/time -v target/release/roundtable budget "$pb" --rule greedy_cost --format json 2>&1 \
    >/dev/null | awk '/Maximum resident/ {printf "peak RSS %.0f MB\n", $6/1024}'
cargo bench --locked --bench budget -- --only parse
echo "load average after: $(cat /proc/loadavg)"
