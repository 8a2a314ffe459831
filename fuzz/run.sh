#!/usr/bin/env bash
# The time-boxed fuzzing run (docs/security.md, "Fuzzing"; ADR 0013):
#   bash fuzz/run.sh [SECONDS_PER_TARGET] [TARGET...]
# Installs cargo-fuzz when missing, seeds fuzz/corpus/ from the repository, builds every
# target once, then runs each for SECONDS_PER_TARGET (default 600), one at a time, and
# prints one summary line per target. A crash stops that target and leaves the input in
# fuzz/artifacts/<target>/; the script goes on with the next one and exits 1 at the end.
# Works on stable Rust: no sanitizer (`-s none`), so no -Z flag is needed (see the ADR).
set -euo pipefail
cd "$(dirname "$0")"

seconds=${1:-600}
# FUZZ_SEED fixes libFuzzer's random seed: from the same corpus (a fresh clone's), a short run
# then tries the same inputs on every machine, so CI does not fail on a finding that a run of
# the same length here did not show (a slower machine tries a prefix of them). `.ci/run` sets
# it; the long run leaves it unset, so each long run explores somewhere new.
seed=${FUZZ_SEED:-}
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(ballots_csv ballots_json pabulib rules_json ballot_form meeting_form)
fi

cargo_fuzz_version=0.13.2
if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "installing cargo-fuzz ${cargo_fuzz_version} from crates.io"
  cargo install cargo-fuzz --locked --version "$cargo_fuzz_version"
fi

bash seed_corpus.sh

# Release code with debug assertions and overflow checks (-a): an overflow is a crash, not
# a silent wrap. 16 codegen units build several times faster than cargo-fuzz's default of 1
# on a small machine, for somewhat fewer executions per second.
# FUZZ_PROFILE=dev builds unoptimised instead (`cargo fuzz build --dev`, debug assertions
# on): about 5 minutes instead of 9 on two cores, at a tenth of the executions per second.
# `.ci/run` uses it for its few seconds per target, which then replay the whole seeded
# corpus and try about a thousand new inputs each; a real run keeps the release build.
case "${FUZZ_PROFILE:-release}" in
  release) build_flags=(--sanitizer none --debug-assertions --codegen-units 16) ;;
  dev) build_flags=(--sanitizer none --dev) ;;
  *) echo "FUZZ_PROFILE is release or dev, not ${FUZZ_PROFILE}" >&2; exit 2 ;;
esac
cargo fuzz build "${build_flags[@]}"

max_len() {
  case "$1" in
    ballots_json) echo 16384 ;;
    pabulib) echo 32768 ;;
    rules_json) echo 8192 ;;
    *) echo 4096 ;;
  esac
}

mkdir -p logs
failed=()
summary=()
for target in "${targets[@]}"; do
  log="logs/${target}.log"
  mkdir -p "artifacts/${target}"
  before=$(find "artifacts/${target}" -type f | wc -l)
  echo "== ${target}: ${seconds} s"
  status=0
  touch "$log.start"
  # -timeout: an input that takes 10 s is a finding too (a denial of service).
  cargo fuzz run "${build_flags[@]}" "$target" "corpus/${target}" -- \
    -max_total_time="$seconds" -max_len="$(max_len "$target")" -timeout=10 \
    -rss_limit_mb=2048 -print_final_stats=1 ${seed:+-seed="$seed"} >"$log" 2>&1 || status=$?
  after=$(find "artifacts/${target}" -type f | wc -l)
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
  speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -n 1 | cut -d' ' -f2)
  ft=$(grep -o 'ft: [0-9]*' "$log" | tail -n 1 | cut -d' ' -f2)
  corp=$(find "corpus/${target}" -type f | wc -l)
  crashes=$((after - before))
  line="${target}: ${runs:-?} runs (${speed:-?}/s), cov ${cov:-?}, features ${ft:-?}, corpus ${corp}, crashes ${crashes}"
  if [ "$status" -ne 0 ]; then
    line="${line} (exit ${status}; see fuzz/${log} and fuzz/artifacts/${target}/)"
    failed+=("$target")
    # The panic message and the input, readable in CI's output (the log holds raw bytes).
    grep -a -A 12 "panicked at" "$log" | head -n 40 || true
    for artifact in $(find "artifacts/${target}" -type f -newer "$log.start" 2>/dev/null); do
      echo "input ${artifact} (base64):"
      base64 -w 0 "$artifact" | head -c 20000
      echo
    done
    grep -a -v '^#[0-9]' "$log" | tail -n 15
  fi
  echo "$line"
  summary+=("$line")
done

echo
echo "== summary ($(date -u +%Y-%m-%dT%H:%MZ), ${seconds} s per target, ${FUZZ_PROFILE:-release} build)"
printf '%s\n' "${summary[@]}"
if [ ${#failed[@]} -gt 0 ]; then
  echo "crashed: ${failed[*]}" >&2
  exit 1
fi
