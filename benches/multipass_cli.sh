#!/usr/bin/env bash
# Whole-process benchmark of the full multi-pass ranking through the CLI (issue 13):
#
#   bash benches/multipass_cli.sh [ITEMS...]        # default: 250 500 1000
#
# For each item count, writes a Mallows ballot file (examples/mallows_ballots.rs: 5,000
# ballots, top 10 ranks, dispersion ${DISPERSION:-0.999}, seed 42; the table's second column
# says how many items the ballots name, which is what is ranked) under ${TMPDIR:-/tmp}, then runs
# `roundtable tally --rules R --ballots B` with `multiPassIrv` ranking every item, in
# `--format compact` and (up to 500 items) `--format json`, and prints user CPU time, wall
# time, peak RSS (GNU time) and the output's size. RCTab's JSON lists every continuing item in
# every round (about items³); the compact form grows about items². Needs GNU time.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --locked --bin roundtable --example mallows_ballots
bin=target/release
dir="${TMPDIR:-/tmp}"
echo "load average before: $(cat /proc/loadavg)"
echo "| Items | Named in ballots | Format | User CPU | Wall | Peak RSS | Output |"
echo "| ---: | ---: | --- | ---: | ---: | ---: | ---: |"
for n in "${@:-250 500 1000}"; do
    for items in $n; do
        phi="${DISPERSION:-0.999}"
        ballots="$dir/multipass_${items}_${phi}.csv"
        rules="$dir/multipass_${items}_rules.json"
        [ -s "$ballots" ] || "$bin/examples/mallows_ballots" "$ballots" 5000 "$items" 10 "$phi" 42 >/dev/null
        named=$(tr ',' '\n' <"$ballots" | sort -u | grep -c .)
        printf '{"winnerElectionMode": "multiPassIrv", "numberOfWinners": %d, "tiebreakMode": "random", "randomSeed": 7, "overvoteRule": "exhaustImmediately", "maxSkippedRanksAllowed": "unlimited", "maxRankingsAllowed": "max", "exhaustOnDuplicateCandidate": false, "batchElimination": false, "cutoffElimination": false, "continueUntilTwoCandidatesRemain": false, "doesFirstRoundDetermineThreshold": false, "stopTabulationEarlyAfterRound": null, "decimalPlacesForVoteArithmetic": 4, "nonIntegerWinningThreshold": false, "hareQuota": false, "multiSeatBottomsUpPercentageThreshold": null}\n' \
            "$items" >"$rules"
        formats="compact"
        [ "$items" -le 500 ] && formats="compact json"
        for format in $formats; do
            out="$dir/multipass_${items}.$format"
            /usr/bin/time -f "%U %e %M" -o "$dir/multipass.time" \
                "$bin/roundtable" tally --rules "$rules" --ballots "$ballots" --format "$format" >"$out"
            read -r user wall kb <"$dir/multipass.time"
            size=$(stat -c %s "$out")
            printf '| %s | %s | %s | %s s | %s s | %d MB | %d MB |\n' "$items" "$named" "$format" "$user" "$wall" \
                $((kb / 1024)) $((size / 1024 / 1024))
            rm -f "$out"
        done
    done
done
echo "load average after: $(cat /proc/loadavg)"
