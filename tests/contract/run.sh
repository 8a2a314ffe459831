#!/usr/bin/env bash
# Contract test of /api/v1 (issue 20, item 7; docs/api.md, "Contract test"): the server binary on
# a fresh database with seeded data, and schemathesis (from PyPI, pinned with hashes in
# tests/contract/requirements.txt) generating requests from /api/v1/openapi.json, a bounded
# number per operation. Fails on any response that is a 5xx (`not_a_server_error`), has a
# status the document does not list for the operation (`status_code_conformance`), another
# content type (`content_type_conformance`) or a body that does not match the schema
# (`response_schema_conformance`).
#
# Usage (repository root): bash tests/contract/run.sh [--db sqlite|postgres]
# Environment:
#   ROUNDTABLE_BIN         server binary (default target/debug/roundtable, built with
#                          `cargo build --locked` when missing; a named binary that is
#                          missing stops the run; `.ci/run` passes target/release/roundtable)
#   PGURL                  PostgreSQL server for --db postgres (default
#                          postgres://postgres@127.0.0.1:5432); a fresh database is made and
#                          dropped
#   CONTRACT_MAX_EXAMPLES  generated requests per operation and phase (default 25)
#   CONTRACT_STATEFUL_SECONDS    the stateful phase's time (default 45)
#   CONTRACT_STATEFUL_SCENARIOS  scenarios of one stateful suite (default 150; suites follow
#                                each other until the time is spent)
#   CONTRACT_STATEFUL_STEPS      most calls in one scenario (default 6)
#   CONTRACT_SEED          schemathesis' random seed (default 1, so a failure reproduces)
#   CONTRACT_REPORT        folder for schemathesis' JUnit reports (default: none kept)
# Phases: examples, coverage (boundary and missing values of every parameter and body) and
# fuzzing, with every path parameter pinned to a seeded resource; then the stateful phase, in
# a schemathesis run of its own, for a fixed time: scenarios that chain calls through the
# document's OpenAPI links (create a proposal, read it, edit it, comment on it...; `LINKS` in
# src/web/api/openapi.rs), with tokens of its own, only the team and the first steps'
# resources pinned and, most of the time, a body that works for the creates that start a
# chain (tests/contract/fixtures.py, contract_hooks.py). Two more checks there: what a 201
# made is found by the links' reads (`ensure_resource_availability`), and a 2xx DELETE leaves
# it gone (`use_after_free`).
# Writes may be exercised: the server and its database are throwaway. The venv is kept in
# target/contract/venv (rebuilt when requirements.txt changes); nothing but PyPI is reached.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
db_kind=sqlite
while [ $# -gt 0 ]; do
  case "$1" in
    --db) db_kind=${2:-}; shift 2 ;;
    --db=*) db_kind=${1#--db=}; shift ;;
    -h | --help) sed -n '2,34p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1 (see the top of $0)" >&2; exit 2 ;;
  esac
done
case "$db_kind" in sqlite | postgres) ;; *) echo "--db sqlite|postgres" >&2; exit 2 ;; esac

given_bin=${ROUNDTABLE_BIN:-}
bin=${given_bin:-$root/target/debug/roundtable}
# The scripts' own setting, not the server's: the server refuses unknown ROUNDTABLE_ keys.
unset ROUNDTABLE_BIN
pg=${PGURL:-postgres://postgres@127.0.0.1:5432}
venv="$root/target/contract/venv"
requirements="$root/tests/contract/requirements.txt"
work=$(mktemp -d /tmp/roundtable-contract.XXXXXX)
pg_db="roundtable_contract_$$"
server_pid=
# Each token may send a burst of 300 requests (web::api::auth::API_PER_TOKEN); the run sends
# a few thousand, spread over this many tokens (a person may hold 25): the last
# `stateful_share` for the stateful phase, the others for the rest.
tokens=25
stateful_share=5

log() { printf '[contract %s %s] %s\n' "$db_kind" "$(date -u +%H:%M:%S)" "$*"; }

cleanup() {
  set +e
  if [ -n "$server_pid" ]; then
    kill "$server_pid" 2>/dev/null
    wait "$server_pid" 2>/dev/null
  fi
  if [ "$db_kind" = postgres ]; then
    psql "$pg/postgres" -qc "DROP DATABASE IF EXISTS ${pg_db} WITH (FORCE)" >/dev/null 2>&1
  fi
  rm -rf "$work"
}
trap cleanup EXIT

# By default the debug build (quick to make after `cargo test`, and its overflow checks make
# it the stricter server); CI tests the release build, the one deployed.
if [ -n "$given_bin" ] && [ ! -x "$bin" ]; then
  # A binary that was named must be the one tested: building another would test the wrong one.
  echo "ROUNDTABLE_BIN=$bin is not an executable server binary" >&2
  exit 2
fi
if [ ! -x "$bin" ]; then
  log "building the server (cargo build --locked)"
  cargo build --locked
fi

# schemathesis in its own venv, exactly the pinned versions (hash-checked).
stamp="$venv/requirements.sha256"
want=$(sha256sum "$requirements" | cut -d' ' -f1)
if [ ! -x "$venv/bin/st" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  log "installing schemathesis into $venv"
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check --no-input \
    --require-hashes --only-binary :all: -r "$requirements"
  echo "$want" >"$stamp"
fi
"$venv/bin/st" --version

# No __pycache__ beside the hooks module in the work tree.
export PYTHONDONTWRITEBYTECODE=1
export ROUNDTABLE_DATA_DIR="$work/data"
export ROUNDTABLE_LOG=${ROUNDTABLE_LOG:-warn}
export ROUNDTABLE_HOST=127.0.0.1
if [ "$db_kind" = postgres ]; then
  # The server creates the database on first connection (as benches/load.rs relies on).
  export ROUNDTABLE_DATABASE_URL="$pg/$pg_db"
else
  export ROUNDTABLE_DATABASE_URL="sqlite://$work/contract.db"
fi

log "seeding (a team of 6, a meeting in voting, one taking proposals, a budget round, tokens)"
printf 'contract test password\n' |
  "$bin" dev seed --members 5 --proposals 4 --api-tokens "$tokens" --proposing-meeting --budget-round \
    >"$work/seeded.json"

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
base="http://127.0.0.1:$port"
ROUNDTABLE_PORT=$port "$bin" serve >"$work/server.log" 2>&1 </dev/null &
server_pid=$!
for _ in $(seq 1 150); do
  curl -fsS -o /dev/null "$base/health" 2>/dev/null && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log" >&2; exit 1; }
  sleep 0.2
done
curl -fsS -o /dev/null "$base/health"

log "fixtures through the API"
python3 tests/contract/fixtures.py "$base" "$work/seeded.json" "$work/schemathesis.toml" \
  "$work/stateful.toml"
# The stateful phase's size per scenario (no command-line option has it), and only the
# document's own links: schemathesis would add links it infers from the schemas' field names
# (`dependency-analysis`: some 1,900 guesses beside the 68, over which the phase's time would
# be spread) and, in a run with the other phases, from their 201s' `Location` headers
# (`location-headers`: the reads the declared links already name).
cat >>"$work/stateful.toml" <<TOML

[phases.stateful]
max-steps = ${CONTRACT_STATEFUL_STEPS:-6}

[phases.stateful.inference]
algorithms = []
TOML
# tests/contract/contract_hooks.py sends these in turn, one per request.
read -r -a all_tokens < <(python3 -c 'import json,sys; print(" ".join(json.loads(open(sys.argv[1]).read().strip().splitlines()[-1])["api_tokens"]))' "$work/seeded.json")
unit_tokens="${all_tokens[*]:0:tokens-stateful_share}"
stateful_tokens="${all_tokens[*]:tokens-stateful_share}"

# One worker: with two, Python 3.11's `ast` module (which Hypothesis calls to describe
# strategies) can fail in one thread on another's recursion count ("AST constructor recursion
# depth mismatch"), an error of the tool and not of the server.
# Usage: run_schemathesis REPORT_SUFFIX CONFIG PHASES MAX_EXAMPLES CHECKS TOKENS [ST_OPTION...]
run_schemathesis() {
  local report=()
  if [ -n "${CONTRACT_REPORT:-}" ]; then
    mkdir -p "$CONTRACT_REPORT"
    report=(--report junit --report-junit-path "$CONTRACT_REPORT/contract-$db_kind$1.xml")
  fi
  CI=true PYTHONPATH="$root/tests/contract" SCHEMATHESIS_HOOKS=contract_hooks CONTRACT_TOKENS=$6 \
    "$venv/bin/st" --config-file "$2" run "$base/api/v1/openapi.json" \
    --checks "$5" \
    --phases "$3" \
    --max-examples "$4" \
    --seed "${CONTRACT_SEED:-1}" \
    --workers 1 \
    --request-timeout 20 \
    --no-color \
    --output-sanitize true \
    "${report[@]}" "${@:7}" </dev/null
}
checks=not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance
status=0
log "schemathesis against $base/api/v1/openapi.json: the examples, coverage and fuzzing phases"
run_schemathesis "" "$work/schemathesis.toml" examples,coverage,fuzzing \
  "${CONTRACT_MAX_EXAMPLES:-25}" "$checks" "$unit_tokens" || status=$?
# Last: its links' steps sometimes take a generated id instead of the link's (schemathesis
# explores), which may cancel or change a seeded meeting or round the phases above pin.
log "schemathesis: the stateful phase"
CONTRACT_TALLY=1 CONTRACT_BODIES="$work/stateful-bodies.json" \
  run_schemathesis -stateful "$work/stateful.toml" stateful \
  "${CONTRACT_STATEFUL_SCENARIOS:-150}" \
  "$checks,ensure_resource_availability,use_after_free" "$stateful_tokens" \
  --max-time "${CONTRACT_STATEFUL_SECONDS:-45}" || status=$?

if grep -q 'panicked' "$work/server.log"; then
  log "the server panicked:"
  grep -B2 -A8 'panicked' "$work/server.log" >&2
  status=1
fi
if [ "$status" -ne 0 ]; then
  log "FAILED (schemathesis exit $status); last server log lines:"
  tail -n 40 "$work/server.log" >&2
  exit 1
fi
log "passed"
