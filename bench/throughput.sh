#!/usr/bin/env bash
# Saturating closed-model throughput: goose vs wrk (and hey, autocannon when installable) against nginx
# returning "ok\n", run alternately ROUNDS times each on an idle machine. See bench/README.md.
# Usage: bench/throughput.sh [--tls] [ROUNDS=3] [SECONDS=10]
#   --tls: nginx serves HTTPS (a self-signed certificate made with openssl in a temp folder), wrk speaks TLS
#          to it, goose too, verifying the certificate through tls.ca_bundle
#   env GOOSE_TRANSPORT=lean|lean-threads|httpclient5 (default lean), USERS (default 50),
#       EXTRA_TOOLS="hey autocannon" (default; set empty to skip), PROFILE=1 (one more goose run with JFR)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
TLS=""
if [[ "${1:-}" == --tls ]]; then TLS=1; shift; fi
ROUNDS="${1:-3}"; DURATION="${2:-10}"; USERS="${USERS:-50}"; TRANSPORT="${GOOSE_TRANSPORT:-lean}"
export GOOSE_TRANSPORT="$TRANSPORT"

ensure_cmd nginx nginx-light || die "nginx is required"
ensure_cmd wrk || die "wrk is required"
ensure_cmd jq || die "jq is required"
ensure_cmd /usr/bin/time time || die "/usr/bin/time is required"
EXTRAS=()
DEFAULT_EXTRAS="hey autocannon"
[[ -n "$TLS" ]] && DEFAULT_EXTRAS=""   # over TLS the goal is against wrk; the others would need their checks off
for tool in ${EXTRA_TOOLS-$DEFAULT_EXTRAS}; do
  case "$tool" in
    hey) ensure_cmd hey && EXTRAS+=(hey) || log "hey unavailable; skipping its column" ;;
    autocannon)
      if ! command -v autocannon >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; then
        log "installing autocannon with npm"; npm install -g --silent autocannon >/dev/null 2>&1 || true
      fi
      command -v autocannon >/dev/null 2>&1 && EXTRAS+=(autocannon) || log "autocannon unavailable; skipping its column" ;;
  esac
done
ensure_goose
SCHEME=http
if [[ -n "$TLS" ]]; then
  ensure_cmd openssl || die "openssl is required for --tls"
  SCHEME=https
  start_nginx 4096 tls
else
  start_nginx 4096
fi
URL="$SCHEME://127.0.0.1:$NGINX_PORT/"
CONFIG="$BENCH_TMP/closed.json"
jq --arg url "$SCHEME://127.0.0.1:$NGINX_PORT" --argjson users "$USERS" --argjson d "$DURATION" \
   --arg ca "${TLS_DIR:-}/cert.pem" --arg tls "$TLS" \
   '.config.target_base_url = $url | .config.users = $users | .config.hatch_rate = ($users * 2) | .config.duration.seconds = $d
    | if $tls == "1" then .config.tls = {"verify": true, "ca_bundle": $ca} else . end' \
   "$BENCH_DIR/closed-50.json" > "$CONFIG"
RESULTS="$BENCH_TMP/results.txt"   # tool rps cpu_us_per_req_whole cpu_us_per_req_maintain rss_kb requests other_cpu%
: > "$RESULTS"

run_wrk() {
  local p="$BENCH_TMP/wrk.$1"
  timed "$p" wrk -t1 -c"$USERS" -d"${DURATION}s" "$URL"
  local rps reqs t
  rps=$(awk '/^Requests\/sec:/ { print $2 }' "$p.log")
  reqs=$(awk '/requests in/ { print $1 }' "$p.log")
  read -r -a t < "$p.time"
  echo "wrk $rps $(awk -v u="${t[1]}" -v s="${t[2]}" -v n="$reqs" 'BEGIN { printf "%.1f", (u + s) * 1e6 / n }') - ${t[3]} $reqs" >> "$RESULTS"
  log "wrk: $rps req/s"
}

run_hey() {
  local p="$BENCH_TMP/hey.$1"
  timed "$p" hey -z "${DURATION}s" -c "$USERS" "$URL"
  local rps reqs t
  rps=$(awk '/Requests\/sec:/ { print $2 }' "$p.log")
  reqs=$(awk '/\[200\]/ { print $2 }' "$p.log")
  read -r -a t < "$p.time"
  echo "hey $rps $(awk -v u="${t[1]}" -v s="${t[2]}" -v n="${reqs:-0}" 'BEGIN { printf "%.1f", n ? (u + s) * 1e6 / n : -1 }') - ${t[3]} ${reqs:-0}" >> "$RESULTS"
  log "hey: $rps req/s"
}

run_autocannon() {
  local p="$BENCH_TMP/autocannon.$1"
  timed "$p" autocannon -c "$USERS" -d "$DURATION" -j "$URL"
  local rps reqs t
  rps=$(grep -o '^{.*}$' "$p.log" | jq -r '.requests.average')
  reqs=$(grep -o '^{.*}$' "$p.log" | jq -r '.requests.total')
  read -r -a t < "$p.time"
  echo "autocannon $rps $(awk -v u="${t[1]}" -v s="${t[2]}" -v n="$reqs" 'BEGIN { printf "%.1f", (u + s) * 1e6 / n }') - ${t[3]} $reqs" >> "$RESULTS"
  log "autocannon: $rps req/s"
}

run_goose() {
  local p="$BENCH_TMP/goose.$1"
  run_goose_sampled "$p" "$CONFIG" || { tail -20 "$p.log" >&2; die "goose run failed; see above"; }
  local report; report=$(report_json "$p.reports")
  [[ -n "$report" ]] || { tail -20 "$p.log" >&2; die "goose wrote no report.json"; }
  local rps reqs secs cpu total t
  read -r rps reqs secs cpu < <(maintain_figures "$report" "$p.samples")
  total=$(jq -r '.stats.total.count' "$report")
  read -r -a t < "$p.time"
  echo "goose($TRANSPORT) $rps $(awk -v u="${t[1]}" -v s="${t[2]}" -v n="$total" 'BEGIN { printf "%.1f", (u + s) * 1e6 / n }') $cpu ${t[3]} $total" >> "$RESULTS"
  log "goose ($TRANSPORT): $rps req/s in maintain ($reqs requests over ${secs}s; $(jq -r '.stats.total.failures' "$report") failures in the run)"
}

# measured TOOL ROUND: runs run_TOOL and appends the CPU share other processes took meanwhile to its row.
measured() {
  wait_idle
  local before nginx_before
  before=$(machine_ticks); nginx_before=$(nginx_worker_ticks)
  "run_$1" "$2"
  local t other
  read -r -a t < "$BENCH_TMP/$1.$2.time"
  other=$(other_cpu_percent "$before" "$nginx_before" "$(awk -v u="${t[1]}" -v s="${t[2]}" 'BEGIN { print u + s }')")
  sed -i '$ s/$/ '"$other"'/' "$RESULTS"
  awk -v o="$other" 'BEGIN { exit !(o > 5) }' && log "warning: other processes used ${other}% of the machine during this run"
  return 0
}

for round in $(seq 1 "$ROUNDS"); do
  log "round $round of $ROUNDS"
  measured wrk "$round"
  measured goose "$round"
  for tool in "${EXTRAS[@]}"; do measured "$tool" "$round"; done
done

if [[ -n "${PROFILE:-}" ]]; then
  JFR="${JFR_FILE:-/tmp/goose-throughput.jfr}"
  log "one more goose run with JFR recording to $JFR (not counted)"
  wait_idle
  GOOSE_JAVA_OPTS="${GOOSE_JAVA_OPTS:-} -XX:StartFlightRecording=filename=$JFR,settings=profile" \
    run_goose_sampled "$BENCH_TMP/goose.jfr" "$CONFIG" || true
fi

echo
echo "throughput: $USERS connections, ${DURATION}s, $ROUNDS rounds each, alternating; nginx 1 worker on 127.0.0.1; $(nproc) cores"
[[ -n "$TLS" ]] && echo "over HTTPS: nginx TLS 1.2/1.3, self-signed EC P-256 certificate; wrk over TLS (no verification); goose verifying it (tls.ca_bundle)"
echo "goose transport: $TRANSPORT; goose req/s counts the maintain phase only (report.json timeline rows wholly inside"
echo "  maintain: sum of requests / sum of interval_seconds). CPU-us/req (whole run) = user+sys CPU of the process"
echo "  over its total requests, i.e. for goose including JVM start-up, ramp-up, shutdown and report writing;"
echo "  (maintain) = CPU ticks of the JVM sampled from /proc at the maintain phase's start and end over the requests"
echo "  in between. Peak RSS = max resident set of the process (GNU time %M)."
echo "  other% = share of the machine's CPU that processes other than the tool and nginx used during each round"
echo "  (a disturbance indicator: rounds above a few % are not comparable)."
printf '%-18s %12s %8s %14s %14s %12s  %-26s %s\n' tool median_req/s vs_wrk cpu_us/req cpu_us/req peak_rss_MB "req/s per round" "other% per round"
printf '%-18s %12s %8s %14s %14s %12s\n' "" "" "" "(whole run)" "(maintain)" ""
wrk_median=$(median $(awk '$1 == "wrk" { print $2 }' "$RESULTS"))
for tool in wrk "goose($TRANSPORT)" "${EXTRAS[@]}"; do
  rows=$(awk -v t="$tool" '$1 == t' "$RESULTS")
  [[ -n "$rows" ]] || continue
  med=$(median $(awk '{ print $2 }' <<< "$rows"))
  cpu=$(median $(awk '{ print $3 }' <<< "$rows"))
  cpum=$(awk '{ print $4 }' <<< "$rows" | grep -v -- '^-$' || true)
  [[ -n "$cpum" ]] && cpum=$(median $cpum) || cpum="-"
  rss=$(median $(awk '{ print $5 }' <<< "$rows"))
  printf '%-18s %12.0f %8.2f %14s %14s %12.0f  %-26s %s\n' "$tool" "$med" "$(awk -v a="$med" -v b="$wrk_median" 'BEGIN { print a / b }')" \
    "$cpu" "$cpum" "$(awk -v k="$rss" 'BEGIN { print k / 1024 }')" "$(awk '{ printf "%.0f ", $2 }' <<< "$rows")" \
    "$(awk '{ printf "%s ", $7 }' <<< "$rows")"
done

# The same ratio round by round: each goose run against the wrk run just before it, which shares its
# machine conditions. A round where either run saw more than 5 % other CPU (steal, other processes) is
# marked and left out of the undisturbed median.
paired=$(paste <(awk '$1 == "wrk" { print $2, $7 }' "$RESULTS") <(awk -v t="goose($TRANSPORT)" '$1 == t { print $2, $7 }' "$RESULTS") \
  | awk '{ r = $3 / $1; bad = ($2 > 5 || $4 > 5); printf "%.2f%s %d %.4f\n", r, bad ? "*" : "", bad, r }')
echo
echo "goose/wrk round by round: $(awk '{ printf "%s ", $1 }' <<< "$paired")(* = either run disturbed: other% > 5)"
clean=$(awk '$2 == 0 { print $3 }' <<< "$paired")
if [[ -n "$clean" ]]; then
  echo "median of the undisturbed rounds' ratios: $(printf '%.2f' "$(median $clean)") ($(wc -l <<< "$clean") of $ROUNDS rounds)"
else
  echo "median of the undisturbed rounds' ratios: none undisturbed; run again on a quieter machine"
fi
