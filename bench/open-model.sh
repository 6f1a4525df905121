#!/usr/bin/env bash
# The open model's accuracy: goose's arrival-rate plan (load.arrival) at 1k, 5k and 20k arrivals/s against
# nginx returning "ok\n" on 127.0.0.1, one run (one JVM) per rate: a WARMUP-second ramp from 0 to the rate
# (the JIT compiles, the pool grows), then SECONDS at the rate, which are measured. For each: the configured
# rate, the achieved rate (iterations started in the measured seconds ÷ SECONDS, and the slowest and fastest of
# those seconds), the arrivals dropped (whole plan), the pool's peak, and the scheduling lateness (actual minus
# intended start of each iteration over the whole plan: p50, p99, max), which goose logs when the plan ends.
# See bench/README.md.
# Usage: bench/open-model.sh [SECONDS=10] [RATES="1000 5000 20000"]
#   env GOOSE_TRANSPORT=lean|lean-threads|httpclient5 (default lean), MAX_USERS (default 5000), WARMUP (5)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
DURATION="${1:-10}"; RATES="${2:-1000 5000 20000}"; MAX_USERS="${MAX_USERS:-5000}"; WARMUP="${WARMUP:-5}"

ensure_cmd nginx nginx-light || die "nginx is required"
ensure_cmd jq || die "jq is required"
ensure_goose
start_nginx 8192
log "load average before the runs: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"

printf '%-10s %-10s %-10s %-10s %-10s %-9s %-9s %-9s %-9s %-9s\n' configured achieved slowest_s fastest_s started \
  dropped users late_p50 late_p99 late_max
for rate in $RATES; do
  config="$BENCH_TMP/open-$rate.json"
  jq --arg url "http://127.0.0.1:$NGINX_PORT" --argjson r "$rate" --argjson d "$DURATION" --argjson m "$MAX_USERS" \
     --argjson w "$WARMUP" '.config.target_base_url = $url | .config.load.arrival.start_rate_per_second = 0
      | .config.load.arrival.stages = [{rate_per_second: $r, over_seconds: $w}, {rate_per_second: $r, over_seconds: $d}]
      | .config.load.arrival.max_users = $m' \
     "$BENCH_DIR/open-model.json" > "$config"
  goose_cmd
  (cd "$ROOT" && MAID__ENGINE__TRANSPORT="${GOOSE_TRANSPORT:-lean}" "${GOOSE_CMD[@]}" run "$config" --width 1000 \
     --report-dir "$BENCH_TMP/reports-$rate") > "$BENCH_TMP/goose-$rate.log" 2>&1 \
    || { tail -20 "$BENCH_TMP/goose-$rate.log" >&2; die "goose run at $rate/s failed"; }
  report="$(report_json "$BENCH_TMP/reports-$rate")"
  [[ -n "$report" ]] || die "goose wrote no report.json at $rate/s"
  # The measured seconds: the DURATION intervals after the warm-up (then comes the shutdown's fraction of a second).
  read -r started dropped users slowest fastest < <(jq -r --argjson d "$DURATION" --argjson w "$WARMUP" '
    .timeline[$w:($w + $d)] as $s
    | "\([$s[].iterations_started] | add) \(.dropped_iterations) \([.timeline[].active_users] | max)
       \([$s[] | .iterations_started / .interval_seconds] | min | floor)
       \([$s[] | .iterations_started / .interval_seconds] | max | floor)"' "$report" | tr '\n' ' '; echo)
  line="$(grep -o 'start lateness[^;]*p50 [0-9.]* ms, p99 [0-9.]* ms, max [0-9.]* ms' "$BENCH_TMP/goose-$rate.log" | tail -1)"
  read -r p50 p99 pmax < <(sed -E 's/.*p50 ([0-9.]+) ms, p99 ([0-9.]+) ms, max ([0-9.]+) ms/\1 \2 \3/' <<<"$line") || true
  achieved="$(awk -v s="$started" -v d="$DURATION" 'BEGIN { printf "%.1f", s / d }')"
  printf '%-10s %-10s %-10s %-10s %-10s %-9s %-9s %-9s %-9s %-9s\n' "$rate" "$achieved" "$slowest" "$fastest" "$started" \
    "$dropped" "$users" "${p50:-?}" "${p99:-?}" "${pmax:-?}"
done
log "load average after the runs: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
log "lateness in ms; achieved = iterations started / ${DURATION} s; slowest/fastest = whole seconds, started per second"
