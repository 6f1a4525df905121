#!/usr/bin/env bash
# Flows against the static scenario, in the same run: goose with a templated path, a JSON extractor and two
# checks (bench/flows-50.json) vs goose with one constant request (bench/closed-50.json), both closed-model,
# think time 0, against the same nginx (bench/nginx-flows.conf.template), alternating ROUNDS times.
# Target (issue 12): flows reach at least 0.7x the static scenario's req/s. See bench/README.md.
# Usage: bench/flows.sh [ROUNDS=3] [SECONDS=10]
#   env GOOSE_TRANSPORT=lean|lean-threads|httpclient5 (default lean), USERS (default 50)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
ROUNDS="${1:-3}"; DURATION="${2:-10}"; USERS="${USERS:-50}"; TRANSPORT="${GOOSE_TRANSPORT:-lean}"
export GOOSE_TRANSPORT="$TRANSPORT"

ensure_cmd nginx nginx-light || die "nginx is required"
ensure_cmd jq || die "jq is required"
ensure_cmd /usr/bin/time time || die "/usr/bin/time is required"
ensure_goose
start_nginx 4096 "$BENCH_DIR/nginx-flows.conf.template"
for kind in static flows; do
  src="$BENCH_DIR/closed-50.json"; [[ "$kind" == flows ]] && src="$BENCH_DIR/flows-50.json"
  jq --arg url "http://127.0.0.1:$NGINX_PORT" --argjson users "$USERS" --argjson d "$DURATION" \
     '.config.target_base_url = $url | .config.users = $users | .config.hatch_rate = ($users * 2) | .config.duration.seconds = $d' \
     "$src" > "$BENCH_TMP/$kind.json"
done
RESULTS="$BENCH_TMP/results.txt"   # kind rps cpu_us_per_req_maintain requests failures checks_passed checks_failed skipped other%
: > "$RESULTS"

# run KIND ROUND: one goose run of the static or the flows config; appends its row to RESULTS.
run() {
  local kind="$1" p="$BENCH_TMP/$1.$2"
  wait_idle
  local before nginx_before
  before=$(machine_ticks); nginx_before=$(nginx_worker_ticks)
  run_goose_sampled "$p" "$BENCH_TMP/$kind.json" || { tail -20 "$p.log" >&2; die "goose run failed; see above"; }
  local report; report=$(report_json "$p.reports")
  [[ -n "$report" ]] || { tail -20 "$p.log" >&2; die "goose wrote no report.json"; }
  local rps reqs secs cpu t other
  read -r rps reqs secs cpu < <(maintain_figures "$report" "$p.samples")
  read -r -a t < "$p.time"
  other=$(other_cpu_percent "$before" "$nginx_before" "$(awk -v u="${t[1]}" -v s="${t[2]}" 'BEGIN { print u + s }')")
  echo "$kind $rps $cpu $(jq -r '.stats.total.count' "$report") $(jq -r '.stats.total.failures' "$report")" \
       "$(jq -r '[.checks[].passes] | add // 0' "$report") $(jq -r '[.checks[].failures] | add // 0' "$report")" \
       "$(jq -r '[.skipped[].count] | add // 0' "$report") $other" >> "$RESULTS"
  log "goose $kind ($TRANSPORT): $rps req/s in maintain ($reqs requests over ${secs}s; $(jq -r '.stats.total.failures' "$report")" \
      "failures, checks failed $(jq -r '[.checks[].failures] | add // 0' "$report"), other CPU ${other}%)"
  awk -v o="$other" 'BEGIN { exit !(o > 5) }' && log "warning: other processes used ${other}% of the machine during this run"
  return 0
}

for round in $(seq 1 "$ROUNDS"); do
  log "round $round of $ROUNDS"
  run static "$round"
  run flows "$round"
done

echo
echo "flows vs static: $USERS users, think 0, ${DURATION}s maintain, $ROUNDS rounds each, alternating; nginx 1 worker on"
echo "  127.0.0.1; $(nproc) cores; goose transport $TRANSPORT. static = GET / (constant request, pre-encoded);"
echo "  flows = GET /items/{{\$user}}-{{\$iteration}} rendered per request, JSON body captured, token extracted"
echo "  (json /token), checks status in [200] and json /item equals the rendered path. req/s = maintain phase only"
echo "  (report.json timeline). CPU-us/req = the JVM's CPU ticks over the maintain phase / its requests."
printf '%-8s %12s %14s %10s %9s %14s %13s %8s  %-26s %s\n' run median_req/s cpu_us/req requests failures checks_passed checks_failed skipped \
  "req/s per round" "other% per round"
for kind in static flows; do
  rows=$(awk -v k="$kind" '$1 == k' "$RESULTS")
  printf '%-8s %12.0f %14s %10s %9s %14s %13s %8s  %-26s %s\n' "$kind" "$(median $(awk '{ print $2 }' <<< "$rows"))" \
    "$(median $(awk '{ print $3 }' <<< "$rows"))" "$(awk '{ s += $4 } END { print s }' <<< "$rows")" \
    "$(awk '{ s += $5 } END { print s }' <<< "$rows")" "$(awk '{ s += $6 } END { print s }' <<< "$rows")" \
    "$(awk '{ s += $7 } END { print s }' <<< "$rows")" "$(awk '{ s += $8 } END { print s }' <<< "$rows")" \
    "$(awk '{ printf "%.0f ", $2 }' <<< "$rows")" "$(awk '{ printf "%s ", $9 }' <<< "$rows")"
done
paired=$(paste <(awk '$1 == "static" { print $2, $9 }' "$RESULTS") <(awk '$1 == "flows" { print $2, $9 }' "$RESULTS") \
  | awk '{ r = $3 / $1; bad = ($2 > 5 || $4 > 5); printf "%.2f%s %d %.4f\n", r, bad ? "*" : "", bad, r }')
echo
echo "flows/static round by round: $(awk '{ printf "%s ", $1 }' <<< "$paired")(* = either run disturbed: other% > 5)"
ratio=$(median $(awk '{ print $3 }' <<< "$paired"))
clean=$(awk '$2 == 0 { print $3 }' <<< "$paired")
echo "median ratio: $(printf '%.2f' "$ratio"); of the undisturbed rounds: $([[ -n "$clean" ]] && printf '%.2f (%d of %d rounds)' "$(median $clean)" "$(wc -l <<< "$clean")" "$ROUNDS" || echo "none undisturbed")"
# The verdict counts only rounds in which neither run was disturbed: a busy machine moves req/s by 2x either way.
if [[ -z "$clean" ]]; then
  echo "target flows >= 0.7x static: cannot tell, every round was disturbed (run again on a quieter machine)"
elif awk -v r="$(median $clean)" 'BEGIN { exit !(r >= 0.7) }'; then
  echo "target flows >= 0.7x static: met (undisturbed rounds)"
else
  echo "target flows >= 0.7x static: NOT met (undisturbed rounds)"
fi
