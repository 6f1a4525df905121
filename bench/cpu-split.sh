#!/usr/bin/env bash
# Where each request's CPU goes, goose against wrk: perf samples both (alternately, ROUNDS times each) in the
# middle of a saturating 50-connection run against nginx, and divides the samples by the requests made meanwhile:
# CPU-microseconds per request in the kernel and in user space, and per thread (the loop, the JIT compilers, the
# per-second metrics). A profile, not a throughput figure: bench/throughput.sh is the ratio that counts.
# Usage: bench/cpu-split.sh [--tls] [ROUNDS=3]
#   env GOOSE_JAVA_OPTS: extra JVM options for goose (e.g. to compare a flag); PERF_HZ (default 999)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
TLS=""
if [[ "${1:-}" == --tls ]]; then TLS=1; shift; fi
ROUNDS="${1:-3}"; HZ="${PERF_HZ:-999}"; RUN_S=14; WARM_S=4; SAMPLE_S=8

ensure_cmd nginx nginx-light || die "nginx is required"
ensure_cmd wrk || die "wrk is required"
ensure_cmd jq || die "jq is required"
ensure_cmd perf linux-perf || die "perf is required"
ensure_goose
export BENCH_NO_BUILD=1   # built above; each round starts the jar itself
SCHEME=http
if [[ -n "$TLS" ]]; then SCHEME=https; start_nginx 4096 tls; else start_nginx 4096; fi
CONFIG="$BENCH_TMP/closed.json"
jq --arg url "$SCHEME://127.0.0.1:$NGINX_PORT" --arg ca "${TLS_DIR:-}/cert.pem" --arg tls "$TLS" --argjson d "$RUN_S" \
   '.config.target_base_url = $url | .config.duration.seconds = $d
    | if $tls == "1" then .config.tls = {"verify": true, "ca_bundle": $ca} else . end' \
   "$BENCH_DIR/closed-50.json" > "$CONFIG"
ROWS="$BENCH_TMP/rows.txt"; : > "$ROWS"   # tool round req/s kernel_us user_us total_us [thread=us ...]

# split DATA RATE: "kernel user total" CPU-us per request, then "thread=us" pairs, from a perf recording.
split() {
  local reqs; reqs=$(awk -v r="$2" -v s="$SAMPLE_S" 'BEGIN { print r * s }')
  perf report -i "$1" -n --no-children --sort dso -g none -q 2>/dev/null |
    awk -v n="$reqs" -v hz="$HZ" '{ if ($3 ~ /kernel/) k += $2; else u += $2 }
      END { printf "%.2f %.2f %.2f", k * 1e6 / hz / n, u * 1e6 / hz / n, (k + u) * 1e6 / hz / n }'
  perf report -i "$1" -n --no-children --sort comm -g none -q 2>/dev/null |
    awk -v n="$reqs" -v hz="$HZ" '{ c = $3; for (i = 4; i <= NF; i++) c = c "_" $i; sub(/-[0-9a-f]+$/, "", c)
      t[c] += $2 } END { for (c in t) if (t[c] * 1e6 / hz / n >= 0.05) printf " %s=%.2f", c, t[c] * 1e6 / hz / n }'
}

for round in $(seq 1 "$ROUNDS"); do
  log "round $round of $ROUNDS"
  wait_idle
  wrk -t1 -c50 -d"${RUN_S}s" "$SCHEME://127.0.0.1:$NGINX_PORT/" > "$BENCH_TMP/wrk.log" &
  pid=$!
  sleep "$WARM_S"
  perf record -F "$HZ" -p "$(pgrep -P $$ -x wrk || pgrep -x wrk | head -1)" -o "$BENCH_TMP/wrk.data" -- sleep "$SAMPLE_S" >/dev/null 2>&1
  wait "$pid"
  rate=$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$BENCH_TMP/wrk.log")
  echo "wrk $round $rate $(split "$BENCH_TMP/wrk.data" "$rate")" >> "$ROWS"

  wait_idle
  goose_cmd
  rm -rf "$BENCH_TMP/reports"
  ( cd "$ROOT" && MAID__ENGINE__TRANSPORT=lean exec "${GOOSE_CMD[@]}" run "$CONFIG" --report-dir "$BENCH_TMP/reports" \
      > "$BENCH_TMP/goose.log" 2>&1 ) &
  pid=$!
  sleep "$WARM_S"
  perf record -F "$HZ" -p "$pid" -o "$BENCH_TMP/goose.data" -- sleep "$SAMPLE_S" >/dev/null 2>&1
  wait "$pid" || { tail -20 "$BENCH_TMP/goose.log" >&2; die "goose run failed"; }
  report=$(report_json "$BENCH_TMP/reports")
  rate=$(maintain_rows "$report" | awk '{ printf "%d", $1 }')
  echo "goose $round $rate $(split "$BENCH_TMP/goose.data" "$rate")" >> "$ROWS"
  tail -2 "$ROWS" >&2
done

echo
echo "cpu-split: $SCHEME, 50 connections, nginx 1 worker; perf at $HZ Hz for ${SAMPLE_S}s from ${WARM_S}s into each ${RUN_S}s run;"
echo "  CPU-us per request = samples / $HZ / (req/s x ${SAMPLE_S}s); goose's req/s is its maintain phase's; $ROUNDS rounds, alternating"
printf '%-6s %10s %10s %10s %10s   %s\n' tool "req/s" kernel_us user_us total_us "per thread (median us/req)"
for tool in wrk goose; do
  rows=$(awk -v t="$tool" '$1 == t' "$ROWS")
  threads=$(grep -o ' [^ =]*=' <<< "$rows" | sort -u | tr -d ' =' || true)
  per=""
  for th in $threads; do
    per="$per $th=$(median $(grep -o " $th=[0-9.]*" <<< "$rows" | cut -d= -f2))"
  done
  printf '%-6s %10.0f %10s %10s %10s  %s\n' "$tool" "$(median $(awk '{ print $3 }' <<< "$rows"))" \
    "$(median $(awk '{ print $4 }' <<< "$rows"))" "$(median $(awk '{ print $5 }' <<< "$rows"))" \
    "$(median $(awk '{ print $6 }' <<< "$rows"))" "$per"
done
echo "rounds:"; sed 's/^/  /' "$ROWS"
