#!/usr/bin/env bash
# Is the API responsive while the engine saturates the machine? Starts `goose serve` (authentication off,
# bound to 127.0.0.1 on a free port, data in a temp dir), starts a saturating run through POST
# /api/goose/run (50 users, think 0, against nginx), and measures GET /api/goose/status latency during the
# maintain phase, after the same measurement on the idle service. The probe is paced like a dashboard that
# polls hard, not a flood: hey -c 1 -q RATE (default 50 requests/s, so 500 samples in 10 s); PROBE=wrk uses
# wrk -t1 -c1 --latency instead, which sends back to back and so competes with the run for the CPU.
# Target: p99 < 10 ms under load. Usage: bench/control-plane.sh [SECONDS=10]
#   env GOOSE_TRANSPORT (lean), PROBE=hey|wrk (hey), RATE (50)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
DURATION="${1:-10}"

ensure_cmd nginx nginx-light || die "nginx is required"
ensure_cmd wrk || die "wrk is required"
PROBE="${PROBE:-hey}"; RATE="${RATE:-50}"
[[ "$PROBE" == hey ]] && { ensure_cmd hey || { log "hey unavailable; probing with wrk"; PROBE=wrk; }; }
ensure_cmd jq || die "jq is required"
ensure_cmd curl || die "curl is required"
ensure_goose
start_nginx 4096

SVC_PORT="$(free_port)"
SVC_DIR="$BENCH_TMP/service"; mkdir -p "$SVC_DIR/reports"
goose_cmd
( cd "$SVC_DIR" && MAID__SERVER__HOST=127.0.0.1 MAID__SERVER__PORT="$SVC_PORT" \
    MAID__SECURITY__REQUIRE_AUTHENTICATION=false MAID__SECURITY__ALLOWED_TARGETS='["127.0.0.1"]' \
    MAID__PERSISTENCE__DATABASE_PATH="$SVC_DIR/goose.db" MAID__PERSISTENCE__REPORT_DIR="$SVC_DIR/reports" \
    MAID__ENGINE__TRANSPORT="${GOOSE_TRANSPORT:-lean}" exec "${GOOSE_CMD[@]}" serve ) > "$SVC_DIR/serve.log" 2>&1 &
SVC_PID=$!
BENCH_PIDS+=("$SVC_PID")
API="http://127.0.0.1:$SVC_PORT/api/goose"
wait_port "$SVC_PORT" 60 || { tail -20 "$SVC_DIR/serve.log" >&2; die "goose serve did not start"; }
curl -fsS "$API/status" > /dev/null || { tail -20 "$SVC_DIR/serve.log" >&2; die "GET /api/goose/status failed"; }
log "goose serve (pid $SVC_PID) on 127.0.0.1:$SVC_PORT"

# probe OUT: measures GET /status for DURATION seconds into OUT.
probe() {
  if [[ "$PROBE" == hey ]]; then
    hey -z "${DURATION}s" -c 1 -q "$RATE" "$API/status" > "$1"
  else
    wrk -t1 -c1 -d"${DURATION}s" --latency "$API/status" > "$1"
  fi
}
# pct_ms PCT OUT: a percentile (50, 99) in milliseconds, from hey's "99% in S secs" or wrk --latency's "99% V<unit>".
pct_ms() {
  if [[ "$PROBE" == hey ]]; then
    awk -v p="$1%" '$1 == p && $2 == "in" { print $3 * 1000 }' "$2"
  else
    awk -v p="$1%" '$1 == p { v = $2; u = v; gsub(/[0-9.]/, "", u); gsub(/[a-z]/, "", v);
                       print (u == "us" ? v / 1000 : (u == "ms" ? v : (u == "s" ? v * 1000 : v * 60000))) }' "$2"
  fi
}
p99_ms() { pct_ms 99 "$1"; }
rate_of() { awk '/Requests\/sec/ { print $2 }' "$1"; }

# Warm the service up (JIT) before measuring it idle.
hey -z 3s -c 1 "$API/status" > /dev/null 2>&1 || wrk -t1 -c1 -d3s "$API/status" > /dev/null 2>&1 || true
wait_idle
probe "$BENCH_TMP/idle.out"
idle_p99=$(p99_ms "$BENCH_TMP/idle.out")
log "idle service: status p99 ${idle_p99} ms"

RUN_BODY="$BENCH_TMP/run.json"
jq --arg url "http://127.0.0.1:$NGINX_PORT" --argjson d $(( DURATION + 20 )) \
   '.config.target_base_url = $url | .config.duration.seconds = $d' "$BENCH_DIR/closed-50.json" > "$RUN_BODY"
code=$(curl -sS -o "$BENCH_TMP/run.out" -w '%{http_code}' -X POST -H 'Content-Type: application/json' --data-binary @"$RUN_BODY" "$API/run")
[[ "$code" =~ ^20[0-9]$ ]] || { cat "$BENCH_TMP/run.out" >&2; die "POST /api/goose/run answered $code"; }
log "run $(jq -r '.run_id' "$BENCH_TMP/run.out") started"
for i in $(seq 1 100); do
  [[ "$(curl -fsS "$API/status" | jq -r '.status.phase')" == maintain ]] && break
  sleep 0.2
done
probe "$BENCH_TMP/load.out"
load_p99=$(p99_ms "$BENCH_TMP/load.out")
phase_after=$(curl -fsS "$API/status" | jq -r '.status.phase')
curl -sS -o /dev/null -X POST "$API/stop" || true
for i in $(seq 1 150); do
  [[ "$(curl -fsS "$API/status" | jq -r '.status.active')" == false ]] && break
  sleep 0.2
done

echo
if [[ "$PROBE" == hey ]]; then how="hey -z ${DURATION}s -c 1 -q $RATE"; else how="wrk -t1 -c1 -d${DURATION}s --latency"; fi
echo "control plane: GET /api/goose/status with $how; $(nproc) cores shared by goose, nginx and the probe"
echo "  idle service:                          p50 $(pct_ms 50 "$BENCH_TMP/idle.out") ms, p99 ${idle_p99} ms  ($(rate_of "$BENCH_TMP/idle.out") req/s)"
echo "  during a saturating run (50 users):    p50 $(pct_ms 50 "$BENCH_TMP/load.out") ms, p99 ${load_p99} ms  ($(rate_of "$BENCH_TMP/load.out") req/s; phase at the end: $phase_after)"
if awk -v p="$load_p99" 'BEGIN { exit !(p < 10) }'; then
  echo "PASS  status p99 under load < 10 ms"
else
  echo "FAIL  status p99 under load >= 10 ms"; exit 1
fi
