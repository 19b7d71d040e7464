#!/usr/bin/env bash
# Load benchmark: graded, persisted quiz submissions over HTTP.
#
#   bench/quiz-load.sh [CONNECTIONS] [SECONDS]      (defaults: 64 connections, 20 s)
#
# Builds the release server, starts it on a free loopback port with a fresh SQLite
# database and the real content, signs in 256 learners, then has wrk post answers
# (each request one graded, stored answer, learners taking turns) and reports
# throughput and latency percentiles. Finally it counts the rows stored, which must
# equal the requests wrk completed. Needs `wrk` (installed from Debian if missing).
set -euo pipefail
cd "$(dirname "$0")/.."
conns=${1:-64}
secs=${2:-20}
learners=256

command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
command -v sqlite3 >/dev/null || { apt-get update -qq && apt-get install -y -qq sqlite3 >/dev/null; }
cargo build --locked --release -q -p devops-lab

work=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
LAB_DB="sqlite://$work/lab.db" LAB_ADDR="127.0.0.1:$port" LAB_CONTENT=content RUST_LOG=warn \
  ./target/release/devops-lab serve >"$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$work"' EXIT
until curl -sf "$base/healthz" >/dev/null; do sleep 0.05; done

cookies=""
for _ in $(seq "$learners"); do
  c=$(curl -s -D - -o /dev/null "$base/" | tr -d '\r' | sed -n 's/^[Ss]et-[Cc]ookie: *\(lab_session=[^;]*\).*/\1/p' | head -1)
  [ -n "$c" ] || { echo "no session cookie from $base/" >&2; exit 1; }
  cookies="$cookies${cookies:+,}$c"
done

# Answers to module 1's quiz (unlimited tries): numeric, text and true/false questions,
# right and wrong, so grading and storage both work.
form="module=devops-culture&step=check-your-understanding&quiz=module-check"
bodies="$form&only=cfr-value&q.cfr-value=7.5|$form&only=cfr-value&q.cfr-value=12,5"
bodies="$bodies|$form&only=renamed-metric&q.renamed-metric=failed+deployment+recovery+time"
bodies="$bodies|$form&only=renamed-metric&q.renamed-metric=MTTR"

echo "wrk: $conns connections, $secs s, $learners learners, against $base"
LAB_COOKIES="$cookies" LAB_BODIES="$bodies" \
  wrk -t2 -c"$conns" -d"${secs}s" --latency -s bench/quiz-submit.lua "$base" | tee "$work/wrk.txt"

stored=$(sqlite3 "$work/lab.db" "SELECT count(*) FROM submissions")
# Every request must have come from one of the signed-in learners: a cookie the server
# did not accept would create a learner per request and measure that instead.
learners_seen=$(sqlite3 "$work/lab.db" "SELECT count(*) FROM learners")
echo "learners: $learners_seen (signed in: $learners)"
[ "$learners_seen" -eq "$learners" ] || { echo "FAIL: requests did not reuse the learners' sessions" >&2; exit 1; }
sent=$(awk '/requests in/ {print $1}' "$work/wrk.txt")
echo "stored submissions: $stored (wrk completed $sent requests)"
