#!/usr/bin/env bash
# One run spread over worker processes on this machine, merged by a coordinator: does the cluster hold the rate
# that one process cannot (its open-file limit caps users), what does each process cost, and does the merge
# become the bottleneck? Against the same nginx as scale.sh. See bench/README.md.
# Usage: bench/distributed.sh [SCENARIO...]
#   100k   100,000 users, think 10 s, hatch 5,000/s, 60 s maintain, over 6 workers (expect ~10,000 req/s)
#   2v1    a saturating closed model (think 0, 50 users) on 1 worker, then on 2: the throughput ratio
#   default: 100k 2v1. env GOOSE_TRANSPORT (lean), GOOSE_JAVA_OPTS, BENCH_NO_BUILD=1, KEEP_BENCH_TMP=1.
# Every process gets its own open-file limit (soft = hard); a worker's users must fit under it.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
SCENARIOS=("$@"); (( ${#SCENARIOS[@]} )) || SCENARIOS=(100k 2v1)

ensure_cmd nginx nginx-light || die "nginx is required"
ensure_cmd jq || die "jq is required"
ensure_cmd /usr/bin/time time || die "/usr/bin/time is required"
ensure_goose
HARD_NOFILE="$(ulimit -Hn)"; [[ "$HARD_NOFILE" == unlimited ]] && HARD_NOFILE=1048576
ulimit -n "$HARD_NOFILE"
export MAID__ENGINE__CLUSTER__SECRET="bench-$(head -c 32 /dev/urandom | base64 | tr -d '\n')"
export MAID__ENGINE__TRANSPORT="${GOOSE_TRANSPORT:-lean}"
goose_cmd

# start_workers N PREFIX COORDINATOR: starts N `goose worker` processes with a GC log each; their JVM pids go
# to WORKER_PIDS.
start_workers() {
  local n="$1" prefix="$2" coordinator="$3" i
  WORKER_PIDS=()
  for i in $(seq 1 "$n"); do
    ( cd "$ROOT" && GOOSE_JAVA_OPTS="${GOOSE_JAVA_OPTS:-} -Xlog:gc:file=$prefix.worker$i.gc.log" \
        exec "${GOOSE_CMD[@]}" worker --cluster "$coordinator" --event-loops 1 > "$prefix.worker$i.log" 2>&1 ) &
    BENCH_PIDS+=("$!")
  done
  for i in $(seq 1 100); do
    mapfile -t WORKER_PIDS < <(pgrep -f "goose.* worker --cluster $coordinator" | while read -r p; do
      [[ "$(cat "/proc/$p/comm" 2>/dev/null)" == java ]] && echo "$p"; done)
    (( ${#WORKER_PIDS[@]} >= n )) && return 0
    sleep 0.2
  done
  die "only ${#WORKER_PIDS[@]} of $n worker JVMs started"
}

# sample_fds PIDS... : the largest descriptor count seen, sampled every 0.5 s until the pids are gone, into $FD_MAX_FILE.
sample_fds() {
  local max=0 n p
  while :; do
    local alive=0
    for p in "$@"; do
      [[ -d "/proc/$p/fd" ]] || continue
      alive=1; n=$(ls "/proc/$p/fd" 2>/dev/null | wc -l); (( n > max )) && max=$n
    done
    echo "$max" > "$FD_MAX_FILE"
    (( alive )) || break
    sleep 0.5
  done
}

# run_cluster NAME WORKERS CONFIG: a coordinator (`goose run --cluster`) and WORKERS workers; prints the figures.
run_cluster() {
  local name="$1" workers="$2" config="$3" p="$BENCH_TMP/$1" port
  port=$(free_port)
  wait_idle
  start_workers "$workers" "$p" "127.0.0.1:$port"
  FD_MAX_FILE="$p.fdmax"; sample_fds "${WORKER_PIDS[@]}" & local fds=$!
  run_goose_sampled "$p" "$config" --cluster --workers "$workers" --port "$port" --wait-workers 300 \
    || { tail -30 "$p.log" >&2; die "the coordinator failed"; }
  local report; report=$(report_json "$p.reports")
  [[ -n "$report" ]] || { tail -30 "$p.log" >&2; die "no report.json"; }
  local wt=0 wrss=0 heap="" i pid
  for pid in "${WORKER_PIDS[@]}"; do
    wt=$(( wt + $(proc_cpu_ticks "$pid") )); wrss=$(( wrss + $(proc_rss_peak_kb "$pid") ))
  done
  for i in $(seq 1 "$workers"); do
    heap+="$(grep -oE '[0-9]+M->[0-9]+M' "$p.worker$i.gc.log" | awk -F'M->|M' '{ if ($1 > m) m = $1 } END { printf "%d", m }') "
  done
  local ct rss_c; read -r _ ct rss_c _ < <(tail -1 "$p.samples")
  kill "${WORKER_PIDS[@]}" 2>/dev/null || true
  wait "$fds" 2>/dev/null || true
  read -r rps reqs secs _ < <(maintain_figures "$report" "$p.samples")
  echo "$name: $workers workers; maintain ${rps} req/s (${reqs} requests in ${secs} s); failures $(jq -r '.stats.total.failures' "$report");" \
       "p50 $(jq -r '.stats.total.latency_ms.p50' "$report") ms p99 $(jq -r '.stats.total.latency_ms.p99' "$report") ms;" \
       "worker open files max $(cat "$p.fdmax") (limit $HARD_NOFILE); total RSS peaks: workers $(( wrss / 1024 )) MB + coordinator $(( rss_c / 1024 )) MB;" \
       "worker heap peaks before GC (MB): ${heap% };" \
       "coordinator CPU $(awk -v c="$ct" -v w="$wt" 'BEGIN { printf "%.1f", (c + w) > 0 ? 100 * c / (c + w) : 0 }')% of the cluster's" >> "$SUMMARY"
  echo "$rps"
}

SUMMARY="$BENCH_TMP/summary.txt"; : > "$SUMMARY"
for scenario in "${SCENARIOS[@]}"; do
  case "$scenario" in
    100k)
      USERS=100000; WORKERS=6
      (( USERS / WORKERS + 2048 <= HARD_NOFILE )) || { echo "100k SKIPPED: $(( USERS / WORKERS )) users per worker exceed the open-file limit $HARD_NOFILE" >> "$SUMMARY"; continue; }
      # The target must hold the connections too: nginx.conf.template has one worker process, which needs a
      # descriptor per connection, and one client address reaches one server port through at most 64,512 local ports.
      if (( USERS + 1024 > HARD_NOFILE )); then
        echo "100k SKIPPED: the target's one nginx worker would need ~$(( USERS + 1024 )) descriptors (limit $HARD_NOFILE), and $USERS connections from 127.0.0.1 to one port exceed the 64,512 ephemeral ports; it needs nginx with several workers on several ports or loopback addresses" >> "$SUMMARY"
        continue
      fi
      start_nginx $(( USERS + 1024 ))
      jq --arg url "http://127.0.0.1:$NGINX_PORT" '.config.target_base_url = $url | .config.users = 100000
          | .config.think_time_seconds = 10 | .config.hatch_rate = 5000 | .config.duration.seconds = 60
          | .config.request_timeout_seconds = 30' "$BENCH_DIR/closed-50.json" > "$BENCH_TMP/100k.json"
      run_cluster "100k-6-workers" "$WORKERS" "$BENCH_TMP/100k.json" >/dev/null
      kill "$NGINX_PID" 2>/dev/null; wait "$NGINX_PID" 2>/dev/null || true; unset NGINX_PID
      ;;
    2v1)
      start_nginx 4096
      jq --arg url "http://127.0.0.1:$NGINX_PORT" '.config.target_base_url = $url | .config.duration.seconds = 20' \
         "$BENCH_DIR/closed-50.json" > "$BENCH_TMP/2v1.json"
      one=$(run_cluster "saturating-1-worker" 1 "$BENCH_TMP/2v1.json")
      two=$(run_cluster "saturating-2-workers" 2 "$BENCH_TMP/2v1.json")
      echo "2 workers vs 1: $(awk -v a="$two" -v b="$one" 'BEGIN { printf "%.2f", b > 0 ? a / b : 0 }')x (same machine, $(nproc) cores: the workers share them)" >> "$SUMMARY"
      kill "$NGINX_PID" 2>/dev/null; wait "$NGINX_PID" 2>/dev/null || true; unset NGINX_PID
      ;;
    *) die "unknown scenario '$scenario'" ;;
  esac
done
echo
echo "distributed: transport $MAID__ENGINE__TRANSPORT, nginx 1 worker on 127.0.0.1, $(nproc) cores"
echo "  rate from the coordinator's report.json (merged samples, maintain phase); open files sampled from /proc/PID/fd"
cat "$SUMMARY"
