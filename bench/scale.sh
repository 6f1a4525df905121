#!/usr/bin/env bash
# Many users, each mostly thinking: does goose hold the expected rate, and what does it cost in memory and
# threads? Against the same nginx as throughput.sh. See bench/README.md.
# Usage: bench/scale.sh [SCENARIO...]
#   SCENARIO is 10k (10,000 users, think 1 s, hatch 2,000/s, 30 s maintain), 100k (100,000 users, think 10 s,
#   hatch 5,000/s, 30 s maintain) or USERS:THINK_S:HATCH_PER_S:MAINTAIN_S; default: 10k 100k.
#   A scenario that needs more open files than the hard limit allows is reported as skipped and run scaled
#   down to the most users that fit, with the think time scaled so the expected rate stays the same.
#   env GOOSE_TRANSPORT=lean|lean-threads|httpclient5 (default lean), GOOSE_JAVA_OPTS (added to the JVM options).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
SCENARIOS=("$@"); (( ${#SCENARIOS[@]} )) || SCENARIOS=(10k 100k)
TRANSPORT="${GOOSE_TRANSPORT:-lean}"

ensure_cmd nginx nginx-light || die "nginx is required"
ensure_cmd jq || die "jq is required"
ensure_cmd /usr/bin/time time || die "/usr/bin/time is required"
ensure_goose

# Every user holds one connection: goose needs a descriptor per user, and so does the nginx worker.
HARD_NOFILE="$(ulimit -Hn)"
[[ "$HARD_NOFILE" == unlimited ]] && HARD_NOFILE=1048576
ulimit -n 1048576 2>/dev/null || ulimit -n "$HARD_NOFILE"
log "open files: soft $(ulimit -n), hard $HARD_NOFILE"

PORT_RANGE_FILE=/proc/sys/net/ipv4/ip_local_port_range
ORIGINAL_PORT_RANGE="$(tr -s '\t ' ' ' < "$PORT_RANGE_FILE")"
restore_port_range() {
  [[ "$(tr -s '\t ' ' ' < "$PORT_RANGE_FILE")" == "$ORIGINAL_PORT_RANGE" ]] || echo "$ORIGINAL_PORT_RANGE" > "$PORT_RANGE_FILE" 2>/dev/null || true
}
trap 'restore_port_range; bench_cleanup' EXIT

# ephemeral_ports_for USERS: makes sure one client address can open USERS connections to one server
# address and port (the kernel picks a distinct local port for each), and cheaply: Linux's connect() searches
# the range for a free port, and once a good share of it is taken (by open connections or by the TIME-WAIT
# sockets a previous run left) every connect costs milliseconds of kernel CPU. Measured here: 17,000
# users in the default 28,232-port range spent ~42 % of all CPU in __inet_check_established /
# __inet_hash_connect and fell 31 % short of the expected rate. So the range is widened (and restored on
# exit) whenever it is less than four times the user count, and the scenario is skipped when it cannot hold
# the users at all.
ephemeral_ports_for() {
  local users="$1" low high
  read -r low high < "$PORT_RANGE_FILE"
  (( high - low + 1 >= 4 * users )) && return 0
  if echo "1024 65535" > "$PORT_RANGE_FILE" 2>/dev/null; then
    log "widened net.ipv4.ip_local_port_range from '$low $high' to '1024 65535' (restored on exit)"
    read -r low high < "$PORT_RANGE_FILE"
  else
    log "net.ipv4.ip_local_port_range '$low $high' could not be widened; connects may be slow"
  fi
  (( high - low + 1 >= users + 1000 ))
}

# wait_time_wait_drained: waits (at most 75 s) until fewer than 1,000 TCP sockets are in TIME-WAIT, so the
# previous run's closed connections do not crowd this run's local ports.
wait_time_wait_drained() {
  local deadline=$(( $(date +%s) + 75 )) n
  while n=$(ss -tan state time-wait 2>/dev/null | tail -n +2 | wc -l); (( n >= 1000 )); do
    (( $(date +%s) < deadline )) || { log "$n sockets still in TIME-WAIT; going on"; return 0; }
    log "waiting for $n TIME-WAIT sockets to expire"
    sleep 5
  done
}

count_virtual_threads() { # SAMPLE_HOOK: JAVA_PID PREFIX
  jcmd "$1" Thread.dump_to_file -format=json "$2.threads.json" >/dev/null 2>&1 || return 0
  jq '[.threadDump.threadContainers[].threads[] | select(.virtual == true)] | length' "$2.threads.json" > "$2.vthreads" 2>/dev/null || true
  rm -f "$2.threads.json"
}

SUMMARY="$BENCH_TMP/summary.txt"; : > "$SUMMARY"
for scenario in "${SCENARIOS[@]}"; do
  case "$scenario" in
    10k) USERS=10000; THINK=1; HATCH=2000; MAINTAIN=30 ;;
    100k) USERS=100000; THINK=10; HATCH=5000; MAINTAIN=30 ;;
    *:*:*:*) IFS=: read -r USERS THINK HATCH MAINTAIN <<< "$scenario" ;;
    *) die "unknown scenario '$scenario'" ;;
  esac
  name="${USERS}u-think${THINK}s"
  log "scenario $name: $USERS users, think ${THINK}s, hatch ${HATCH}/s, ${MAINTAIN}s maintain; expect ~$(awk -v u="$USERS" -v t="$THINK" 'BEGIN { printf "%.0f", u / t }') req/s"
  if (( USERS + 2048 > HARD_NOFILE )); then
    echo "$name SKIPPED: needs about $(( USERS + 2048 )) open files per process (one socket per user in goose, one per connection in nginx), but this machine's hard limit is $HARD_NOFILE (ulimit -Hn) and cannot be raised here" >> "$SUMMARY"
    log "skipping $name: open-file hard limit $HARD_NOFILE < $(( USERS + 2048 ))"
    # Scale it down to what fits, keeping the expected rate (users / think time) the same.
    fit=$(( (HARD_NOFILE - 2048) / 1000 * 1000 ))
    if (( fit >= 1000 )); then
      THINK=$(awk -v t="$THINK" -v f="$fit" -v u="$USERS" 'BEGIN { printf "%g", t * f / u }')
      USERS=$fit
      name="${USERS}u-think${THINK}s(scaled-down-from-$name)"
      log "running $name instead: the most users that fit, at the same expected rate"
    else
      continue
    fi
  fi
  if ! ephemeral_ports_for "$USERS"; then
    echo "$name SKIPPED: $USERS connections from 127.0.0.1 to one nginx address and port need $USERS distinct local ports; net.ipv4.ip_local_port_range is '$(cat "$PORT_RANGE_FILE")' and cannot be widened enough (at most 64,512 on Linux for one address pair)" >> "$SUMMARY"
    log "skipping $name: not enough ephemeral ports"
    continue
  fi
  expected=$(awk -v u="$USERS" -v t="$THINK" 'BEGIN { printf "%.0f", u / t }')
  [[ -n "${NGINX_PID:-}" ]] && { kill "$NGINX_PID" 2>/dev/null; wait "$NGINX_PID" 2>/dev/null || true; }
  start_nginx $(( USERS + 1024 ))
  CONFIG="$BENCH_TMP/$name.json"
  jq --arg url "http://127.0.0.1:$NGINX_PORT" --argjson u "$USERS" --argjson t "$THINK" --argjson h "$HATCH" --argjson d "$MAINTAIN" \
     '.config.target_base_url = $url | .config.users = $u | .config.think_time_seconds = $t | .config.hatch_rate = $h
      | .config.duration.seconds = $d | .config.request_timeout_seconds = 30' "$BENCH_DIR/closed-50.json" > "$CONFIG"
  p="$BENCH_TMP/$name"
  wait_time_wait_drained
  wait_idle
  GOOSE_JAVA_OPTS="${GOOSE_JAVA_OPTS:-} -Xlog:gc:file=$p.gc.log" SAMPLE_HOOK=count_virtual_threads \
    SAMPLE_HOOK_AT=$(( 3 + USERS / HATCH + MAINTAIN / 2 )) run_goose_sampled "$p" "$CONFIG" \
    || { tail -20 "$p.log" >&2; die "goose run failed"; }
  report=$(report_json "$p.reports")
  [[ -n "$report" ]] || { tail -20 "$p.log" >&2; die "goose wrote no report.json"; }
  read -r rps reqs secs cpu < <(maintain_figures "$report" "$p.samples")
  failures=$(jq -r '.stats.total.failures' "$report")
  errors=$(jq -c '.errors' "$report")
  heap=$(grep -oE '[0-9]+M->[0-9]+M' "$p.gc.log" | awk -F'M->|M' '{ if ($1 > b) b = $1; if ($2 > a) a = $2 } END { printf "%d %d", b, a }')
  rss=$(awk '{ if ($3 > m) m = $3 } END { printf "%.0f", m / 1024 }' "$p.samples")
  threads=$(awk '{ if ($4 > m) m = $4 } END { print m + 0 }' "$p.samples")
  vthreads=$(cat "$p.vthreads" 2>/dev/null || echo "?")
  deviation=$(awk -v r="$rps" -v e="$expected" 'BEGIN { printf "%+.1f", (r - e) * 100 / e }')
  verdict=$(awk -v r="$rps" -v e="$expected" 'BEGIN { print (r >= e * 0.95 && r <= e * 1.05) ? "PASS" : "MISS" }')
  p50=$(jq -r '.stats.total.latency_ms.p50' "$report"); p99=$(jq -r '.stats.total.latency_ms.p99' "$report")
  echo "$name $verdict: maintain ${rps} req/s vs expected ${expected} (${deviation}%, target +-5%); ${reqs} requests in ${secs}s of maintain; failures ${failures} ${errors}; latency p50 ${p50} ms p99 ${p99} ms; CPU ${cpu} us/req in maintain; heap peak before GC ${heap% *} MB, max after GC ${heap#* } MB; peak RSS ${rss} MB; OS threads max ${threads}; virtual threads at mid-maintain ${vthreads}" >> "$SUMMARY"
  log "$(tail -1 "$SUMMARY")"
done
echo
echo "scale: transport $TRANSPORT, nginx 1 worker on 127.0.0.1, $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)"
echo "  rate = maintain-phase requests / maintain seconds from report.json; expected = users / think time (latency ignored)"
echo "  heap from -Xlog:gc (ParallelGC pauses: used before -> after); RSS and OS threads sampled from /proc every 0.2 s;"
echo "  virtual threads counted in a jcmd Thread.dump_to_file taken at mid-maintain"
cat "$SUMMARY"
