#!/usr/bin/env bash
# Several app servers on one PostgreSQL behind nginx (issue 17, point 3; docs/operations.md,
# "Several app servers"). Starts three `roundtable serve` processes sharing one database and
# one cookie key, and nginx (from Debian's packages) balancing round robin in front of them, all
# on loopback; then, through the balancer, runs
#   1. the browser journey (tests/browser/journey.mjs) unless CLUSTER_JOURNEY=0, and
#   2. the cluster test (tests/api/cluster.rs): requests spread over the servers with one
#      session, a login brute force limited across servers, one server killed with kill -9
#      mid-vote without losing an acknowledged ballot, and the tally at close run once;
# and finally `roundtable audit verify` on the shared database.
#
# Usage (repository root, after `cargo build`): bash tests/cluster/run.sh
# Environment: ROUNDTABLE_BIN (default target/debug/roundtable), PGURL (default
# postgres://postgres@127.0.0.1:5432), CLUSTER_JOURNEY (1), ARTIFACTS for the journey.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
bin=${ROUNDTABLE_BIN:-$root/target/debug/roundtable}
# The scripts' own setting, not the server's: the server refuses unknown ROUNDTABLE_ keys.
unset ROUNDTABLE_BIN
pg=${PGURL:-postgres://postgres@127.0.0.1:5432}
db="roundtable_cluster_$$"
work=$(mktemp -d /tmp/roundtable-cluster.XXXXXX)
pids=()

log() { printf '[cluster %s] %s\n' "$(date -u +%H:%M:%S)" "$*"; }

cleanup() {
  set +e
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null; done
  wait 2>/dev/null
  psql "$pg/postgres" -qc "DROP DATABASE IF EXISTS ${db} WITH (FORCE)" >/dev/null 2>&1
  rm -rf "$work"
}
trap cleanup EXIT

if ! command -v nginx >/dev/null 2>&1 && [ ! -x /usr/sbin/nginx ]; then
  log "installing nginx from Debian's packages"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq nginx-light >/dev/null
fi
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)
# The package may start a default site on port 80; this test needs only its own.
"$nginx_bin" -s stop >/dev/null 2>&1 || true

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

psql "$pg/postgres" -qc "CREATE DATABASE ${db}" >/dev/null
export ROUNDTABLE_DATABASE_URL="$pg/$db"
ROUNDTABLE_COOKIE_KEY=$(python3 -c 'import secrets; print(secrets.token_hex(48))')
export ROUNDTABLE_COOKIE_KEY
export ROUNDTABLE_TRUSTED_PROXIES='["127.0.0.1"]'
export ROUNDTABLE_HOST=127.0.0.1
export ROUNDTABLE_LOG=${ROUNDTABLE_LOG:-warn}
export ROUNDTABLE_DATA_DIR="$work/data"

# The journey's site admin, made once on the shared database.
printf 'correct horse battery staple\n' |
  "$bin" user create --admin --email admin@school.test --name "Ada Admin" >/dev/null

ports=()
for i in 1 2 3; do
  port=$(free_port)
  ports+=("$port")
  ROUNDTABLE_PORT=$port ROUNDTABLE_DATA_DIR="$work/data$i" "$bin" serve >"$work/server$i.log" 2>&1 &
  pids+=("$!")
done
for port in "${ports[@]}"; do
  for _ in $(seq 1 100); do
    curl -fsS -o /dev/null "http://127.0.0.1:$port/health" 2>/dev/null && break
    sleep 0.2
  done
  curl -fsS -o /dev/null "http://127.0.0.1:$port/health"
done

lb_port=$(free_port)
mkdir -p "$work/nginx"
{
  echo "pid $work/nginx.pid;"
  echo "error_log $work/nginx/error.log warn;"
  [ "$(id -u)" = 0 ] && echo "user root;"
  echo "events { worker_connections 1024; }"
  echo "http {"
  echo "  access_log off;"
  echo "  client_body_temp_path $work/nginx/body;"
  echo "  proxy_temp_path $work/nginx/proxy;"
  echo "  fastcgi_temp_path $work/nginx/fastcgi;"
  echo "  uwsgi_temp_path $work/nginx/uwsgi;"
  echo "  scgi_temp_path $work/nginx/scgi;"
  echo "  upstream roundtable {"
  for port in "${ports[@]}"; do echo "    server 127.0.0.1:$port max_fails=1 fail_timeout=30s;"; done
  echo "  }"
  echo "  server {"
  echo "    listen 127.0.0.1:$lb_port;"
  echo "    location / {"
  echo "      proxy_pass http://roundtable;"
  echo "      proxy_set_header Host \$host:\$server_port;"
  echo "      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;"
  echo "      proxy_set_header X-Forwarded-Proto \$scheme;"
  echo "      proxy_next_upstream error timeout;"
  echo "      add_header X-Upstream \$upstream_addr always;"
  echo "    }"
  echo "  }"
  echo "}"
} >"$work/nginx.conf"
"$nginx_bin" -p "$work/nginx" -c "$work/nginx.conf" -g 'daemon on;'
base="http://127.0.0.1:$lb_port"
for _ in $(seq 1 50); do curl -fsS -o /dev/null "$base/health" 2>/dev/null && break; sleep 0.2; done
log "three servers on ports ${ports[*]} behind nginx at $base, database $db"

if [ "${CLUSTER_JOURNEY:-1}" != 0 ]; then
  log "browser journey through the balancer"
  ROUNDTABLE_BASE_URL="$base" ARTIFACTS="${ARTIFACTS:-tests/browser/artifacts/cluster}" \
    node tests/browser/journey.mjs
fi

log "cluster test through the balancer"
ROUNDTABLE_CLUSTER_BASE="$base" ROUNDTABLE_CLUSTER_DATABASE_URL="$ROUNDTABLE_DATABASE_URL" \
  ROUNDTABLE_CLUSTER_PIDS="${pids[*]}" \
  cargo test --locked --test api cluster -- --ignored --nocapture

log "audit chain on the shared database"
"$bin" audit verify
log "done"
