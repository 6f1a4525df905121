#!/usr/bin/env bash
# One run spread over worker processes on this machine, merged by a coordinator: does the cluster hold the rate
# that one process cannot (its open-file limit caps users), what does each process cost, and does the merge
# become the bottleneck? See bench/README.md.
# Usage: bench/distributed.sh [SCENARIO...]
#   100k   100,000 users, think 10 s, hatch 2,000/s, 60 s maintain, over 6 workers (expect ~10,000 req/s): each
#          worker and the target in a network namespace of its own (bench/netns.sh), the cluster on mutual TLS
#   USERS:THINK:HATCH:MAINTAIN:WORKERS   the same with other figures (e.g. 6000:1:2000:10:3 as a smoke test)
#   2v1    a saturating closed model (think 0, 50 users, 20 s) against nginx on 127.0.0.1: a local `goose run`,
#          then the cluster on 1 worker, then on 2, alternated ROUNDS times (env, default 2); the ratios
#   default: 100k 2v1. env GOOSE_TRANSPORT (lean), GOOSE_JAVA_OPTS, BENCH_NO_BUILD=1, KEEP_BENCH_TMP=1,
#   BENCH_NETNS_SUBNET (10.231.0), NGINX_WORKERS (8, for the namespaced target).
# Every process gets the hard open-file limit as its limit; a worker's users and an nginx worker's share of the
# connections must fit under it.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
source "$BENCH_DIR/netns.sh"
SCENARIOS=("$@"); (( ${#SCENARIOS[@]} )) || SCENARIOS=(100k 2v1)
ROUNDS="${ROUNDS:-2}"

ensure_cmd nginx nginx-light || die "nginx is required"
ensure_cmd jq || die "jq is required"
ensure_cmd /usr/bin/time time || die "/usr/bin/time is required"
[[ -x "$JAVA_HOME/bin/keytool" ]] || die "keytool is required (it comes with the JDK: $JAVA_HOME/bin/keytool)"
ensure_goose
HARD_NOFILE="$(ulimit -Hn)"; [[ "$HARD_NOFILE" == unlimited ]] && HARD_NOFILE=1048576
ulimit -n "$HARD_NOFILE"
export MAID__ENGINE__CLUSTER__SECRET="bench-$(head -c 32 /dev/urandom | base64 | tr -d '\n')"
export MAID__ENGINE__TRANSPORT="${GOOSE_TRANSPORT:-lean}"
goose_cmd
SAMPLE_EVERY=2

# cluster_tls: a fresh RSA key pair with a self-signed certificate that every node of the run presents, and a trust
# store that holds only that certificate (PKCS12, valid 2 days), made with keytool in $BENCH_TMP/cluster, which is
# deleted on exit: no key is kept or committed. Exports engine.cluster.tls for every node started after it.
cluster_tls() {
  local dir="$BENCH_TMP/cluster" pw
  pw="bench-$(head -c 18 /dev/urandom | base64 | tr -d '/+=\n')"
  mkdir -p "$dir" && chmod 700 "$dir"
  "$JAVA_HOME/bin/keytool" -genkeypair -alias node -keyalg RSA -keysize 2048 -validity 2 -dname "CN=goose-bench-node" \
      -storetype PKCS12 -keystore "$dir/node.p12" -storepass "$pw" -keypass "$pw" -noprompt >/dev/null 2>&1 \
    && "$JAVA_HOME/bin/keytool" -exportcert -alias node -rfc -keystore "$dir/node.p12" -storepass "$pw" \
      -file "$dir/node.pem" >/dev/null 2>&1 \
    && "$JAVA_HOME/bin/keytool" -importcert -alias cluster -file "$dir/node.pem" -storetype PKCS12 \
      -keystore "$dir/trust.p12" -storepass "$pw" -noprompt >/dev/null 2>&1 \
    || die "keytool could not make the cluster's key and trust stores"
  export MAID__ENGINE__CLUSTER__TLS__KEY_STORE="$dir/node.p12" MAID__ENGINE__CLUSTER__TLS__KEY_STORE_PASSWORD="$pw"
  export MAID__ENGINE__CLUSTER__TLS__TRUST_STORE="$dir/trust.p12" MAID__ENGINE__CLUSTER__TLS__TRUST_STORE_PASSWORD="$pw"
  log "cluster TLS: key and trust stores in $dir (temporary)"
}

# start_workers N PREFIX COORDINATOR [netns]: starts N `goose worker` processes with a GC log each, or with "netns"
# each in the namespace w<i> at $NETNS_SUBNET.(20+i); their JVM pids go to WORKER_PIDS. One at a time: each starts
# once the one before has settled (wait_settled), so the JVMs' start-up (class loading, JIT, the TLS handshakes of
# the join) does not all fall into the same seconds on a small machine, where it starved Pekko's heartbeats past
# the failure detector's 3 s and the cluster downed its members before the run began (bench/RESULTS.md section 12).
start_workers() {
  local n="$1" prefix="$2" coordinator="$3" netns="${4:-}" i
  WORKER_PIDS=()
  for i in $(seq 1 "$n"); do
    local wrap=() bind=()
    if [[ -n "$netns" ]]; then
      wrap=(ip netns exec "$(netns_name "w$i")"); bind=(--bind "$NETNS_SUBNET.$(( 20 + i ))")
    fi
    # the subshell, ip netns exec and ./goose each exec the next, so $! is the worker's JVM
    ( cd "$ROOT" && GOOSE_JAVA_OPTS="${GOOSE_JAVA_OPTS:-} -Xlog:gc:file=$prefix.worker$i.gc.log" \
        exec "${wrap[@]}" "${GOOSE_CMD[@]}" worker --cluster "$coordinator" "${bind[@]}" --event-loops 1 \
        > "$prefix.worker$i.log" 2>&1 ) &
    BENCH_PIDS+=("$!"); WORKER_PIDS+=("$!")
    wait_settled "$!" "$prefix.worker$i.log"
  done
}

# wait_settled PID LOG: waits until the worker has printed that its node is up and has then used less than half a
# core over one second (start-up and join done), for at most 90 s.
wait_settled() {
  local pid="$1" out="$2" deadline=$(( $(date +%s) + 90 )) a b
  while (( $(date +%s) < deadline )); do
    running "$pid" || { tail -5 "$out" >&2; die "worker $pid exited"; }
    if grep -q '^goose worker: node' "$out"; then
      a=$(proc_cpu_ticks "$pid"); sleep 1; b=$(proc_cpu_ticks "$pid")
      (( (b - a) * 2 < CLK_TCK )) && return 0
    else
      sleep 0.5
    fi
  done
  log "worker $pid still busy after 90 s; starting the next one anyway"
}

# running PID: PID is a live process (not a zombie waiting to be reaped).
running() { local st; st=$(awk '{ print $3 }' "/proc/$1/stat" 2>/dev/null); [[ -n "$st" && "$st" != Z ]]; }

# stop_workers: SIGTERM to every worker JVM (each leaves the cluster), SIGKILL to any still there after 30 s.
stop_workers() {
  local i p alive
  kill "${WORKER_PIDS[@]}" 2>/dev/null || true
  for i in $(seq 1 150); do
    alive=0
    for p in "${WORKER_PIDS[@]}"; do running "$p" && alive=1; done
    (( alive )) || break
    sleep 0.2
  done
  for p in "${WORKER_PIDS[@]}"; do
    running "$p" && { log "worker $p did not stop within 30 s: SIGKILL"; kill -9 "$p" 2>/dev/null; }
  done
  wait "${WORKER_PIDS[@]}" 2>/dev/null || true
}

# sample_procs OUT STOPFILE PIDFILE PIDS...: every $SAMPLE_EVERY s until STOPFILE exists, appends to OUT one line
# per live process "epoch pid cpu_ticks rss_kb open_files" (the pids given, and the one PIDFILE names once it
# exists: the coordinator's JVM), and "epoch machine busy_ticks idle_ticks load1 irq_softirq_ticks steal_ticks" from
# /proc/stat and /proc/loadavg.
sample_procs() {
  local out="$1" stop="$2" pidfile="$3" now p c load; shift 3
  while [[ ! -e "$stop" ]]; do
    now="$EPOCHREALTIME"
    read -r -a c < <(grep '^cpu ' /proc/stat)
    read -r load _ < /proc/loadavg
    echo "$now machine $(( c[1] + c[2] + c[3] + c[6] + c[7] + c[8] )) $(( c[4] + c[5] )) $load $(( c[6] + c[7] )) ${c[8]}" >> "$out"
    for p in "$@" $(cat "$pidfile" 2>/dev/null); do
      [[ -r "/proc/$p/stat" ]] || continue
      echo "$now $p $(proc_cpu_ticks "$p") $(awk '/^VmRSS:/ { print $2 }' "/proc/$p/status" 2>/dev/null) $(ls -U "/proc/$p/fd" 2>/dev/null | wc -l)" >> "$out"
    done
    sleep "$SAMPLE_EVERY"
  done
}

# note_coordinator JAVA_PID PREFIX: run_goose_sampled's hook; tells sample_procs the coordinator's pid.
note_coordinator() { echo "$1" > "$2.coordinator.pid"; }

# heap_peaks GC_LOG: "peak_before_gc_MB max_after_gc_MB" from -Xlog:gc pause lines (used before -> after).
heap_peaks() {
  grep -oE '[0-9]+M->[0-9]+M' "$1" 2>/dev/null | awk -F'M->|M' '{ if ($1 > b) b = $1; if ($2 > a) a = $2 }
      END { if (NR == 0) print "no-GC -"; else printf "%d %d\n", b, a }'
  return 0
}

# run_cluster NAME WORKERS CONFIG [netns]: a coordinator (`goose run --cluster`) and WORKERS workers, in namespaces
# with "netns" (the coordinator then binds the bridge address, with mutual TLS); appends the figures to $SUMMARY and
# sets LAST_RPS to the maintain req/s.
run_cluster() {
  local name="$1" workers="$2" config="$3" netns="${4:-}" p="$BENCH_TMP/$1" port host=127.0.0.1
  [[ -n "$netns" ]] && host="$NETNS_SUBNET.1"
  port=$(free_port)
  wait_idle
  local load_before; load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
  # the coordinator first, so that each worker joins a running seed node as it comes up
  GOOSE_JAVA_OPTS="${GOOSE_JAVA_OPTS:-} -Xlog:gc:file=$p.coordinator.gc.log" MAID__ENGINE__CLUSTER__BIND_HOST="$host" \
    SAMPLE_HOOK=note_coordinator SAMPLE_HOOK_AT=0 \
    run_goose_sampled "$p" "$config" --cluster --workers "$workers" --port "$port" --wait-workers 600 & local job=$!
  local i coordinator=""
  for i in $(seq 1 600); do
    coordinator="$(cat "$p.coordinator.pid" 2>/dev/null || true)"
    [[ -n "$coordinator" ]] && grep -q 'coordinator node at' "$p.log" 2>/dev/null && break
    running "$job" || break
    sleep 0.2
  done
  [[ -n "$coordinator" ]] && BENCH_PIDS+=("$coordinator")
  BENCH_PIDS+=("$job")
  grep -q 'coordinator node at' "$p.log" 2>/dev/null || { tail -30 "$p.log" >&2; die "the coordinator did not start"; }
  start_workers "$workers" "$p" "$host:$port" "$netns"
  local nginx_pids; nginx_pids="$(pgrep -P "$NGINX_PID" | tr '\n' ' ' || true)"
  # shellcheck disable=SC2086 # lists of pids
  sample_procs "$p.procs" "$p.stop" "$p.coordinator.pid" "${WORKER_PIDS[@]}" $nginx_pids & local sampler=$!
  BENCH_PIDS+=("$sampler")
  if ! wait "$job"; then
    # a failed run is a result too: say why, clean up, and go on with the next scenario
    touch "$p.stop"; stop_workers
    tail -30 "$p.log" >&2; log "the coordinator failed (log: $p.log)"
    echo "$name: FAILED, the coordinator exited with an error: $(grep -E '^goose run|SEVERE|lost at' "$p.log" | tail -3 | tr '\n' ' ')" >> "$SUMMARY"
    LAST_RPS=0
    return 1
  fi
  touch "$p.stop"; wait "$sampler" 2>/dev/null || true
  local report; report=$(report_json "$p.reports")
  [[ -n "$report" ]] || { tail -30 "$p.log" >&2; die "no report.json"; }
  local wrss=0 heaps="" pid i
  for pid in "${WORKER_PIDS[@]}"; do wrss=$(( wrss + $(proc_rss_peak_kb "$pid") )); done
  for i in $(seq 1 "$workers"); do heaps+="$(heap_peaks "$p.worker$i.gc.log" | tr ' ' '/') "; done
  stop_workers
  local rps reqs secs; read -r rps reqs secs _ < <(maintain_figures "$report" "$p.samples")
  local start end
  start=$(date -d "$(jq -r '.phases[] | select(.phase == "maintain") | .started_at' "$report")" +%s.%N)
  end=$(date -d "$(jq -r '.phases[] | select(.phase == "maintain") | .ended_at' "$report")" +%s.%N)
  local cpu; cpu=$(maintain_cpu "$p.procs" "$start" "$end" "$coordinator" "${WORKER_PIDS[*]}" "$nginx_pids")
  local per_second; per_second=$(jq -r '[.timeline[] | select(.phase == "maintain" and .interval_seconds >= 0.99)
      | .requests / .interval_seconds] | if length == 0 then "-" else "\(min | floor)-\(max | ceil)" end' "$report")
  echo "$name: $workers workers; maintain ${rps} req/s (${reqs} requests in ${secs} s; whole seconds ${per_second} req/s);" \
       "requests $(jq -r '.stats.total.count' "$report"), failures $(jq -r '.stats.total.failures' "$report");" \
       "p50 $(jq -r '.stats.total.latency_ms.p50' "$report") ms, p99 $(jq -r '.stats.total.latency_ms.p99' "$report") ms;" \
       "state $(jq -r '.run.status // "?"' "$report"); workers[] $(jq -c '[.workers[]? | [.users, .requests, .lost_at_second]]' "$report");" \
       "late samples: $(grep -oE '[0-9]+ sample\(s\) came' "$p.log" | grep -oE '^[0-9]+' || echo 0);" \
       "open files max (limit $HARD_NOFILE): $(max_fds "$p.procs" "$coordinator" "${WORKER_PIDS[*]}" "$nginx_pids");" \
       "RSS peaks: workers $(( wrss / 1024 )) MB total + coordinator $(( $(awk '{ if ($3 > m) m = $3 } END { print m + 0 }' "$p.samples") / 1024 )) MB;" \
       "heap peak before/after GC (MB): coordinator $(heap_peaks "$p.coordinator.gc.log" | tr ' ' '/'), workers ${heaps% } ($(grep -m1 -oE 'Using [A-Za-z0-9 ]+' "$p.coordinator.gc.log" || echo '?'));" \
       "CPU in maintain: $cpu; load average before $load_before" >> "$SUMMARY"
  LAST_RPS="$rps"
}

# maintain_cpu PROCS START END COORDINATOR "WORKER_PIDS" "NGINX_PIDS": CPU in cores over the samples nearest inside
# [START, END]: coordinator, workers, nginx, everything else (the machine's busy time minus those), and the
# coordinator's share of the cluster's (coordinator + workers).
maintain_cpu() {
  awk -v s="$2" -v e="$3" -v coord="$4" -v workers="$5" -v nginx="$6" -v tck="$CLK_TCK" -v cpus="$(nproc)" '
    BEGIN { split(workers, w, " "); for (i in w) grp[w[i]] = "w"; split(nginx, n, " "); for (i in n) grp[n[i]] = "n"; grp[coord] = "c" }
    $1 < s || $1 > e { next }
    { if (!($2 in t0)) { t0[$2] = $1; v0[$2] = $3 } t1[$2] = $1; v1[$2] = $3 }
    $2 == "machine" { if (sq0 == "") { sq0 = $6; st0 = $7 } sq1 = $6; st1 = $7 }
    END {
      secs = t1["machine"] - t0["machine"]
      if (secs <= 0) { print "not sampled"; exit }
      for (p in v0) if (p != "machine") g[grp[p]] += (v1[p] - v0[p]) / tck / secs
      softirq = (sq1 - sq0) / tck / secs; steal = (st1 - st0) / tck / secs
      other = (v1["machine"] - v0["machine"]) / tck / secs - g["c"] - g["w"] - g["n"] - softirq - steal
      if (other < 0) other = 0
      share = g["c"] + g["w"] == 0 ? 0 : 100 * g["c"] / (g["c"] + g["w"])
      printf("coordinator %.2f cores, workers %.2f, nginx %.2f, kernel irq+softirq %.2f, steal %.2f, other processes %.2f (other%% %.0f) of %d; coordinator share of the cluster %.1f%%",
        g["c"], g["w"], g["n"], softirq, steal, other, 100 * other / cpus, cpus, share)
    }' "$1"
}

# max_fds PROCS COORDINATOR "WORKER_PIDS" "NGINX_PIDS": the most open files any one process of each kind had.
max_fds() {
  awk -v coord="$2" -v workers="$3" -v nginx="$4" '
    BEGIN { split(workers, w, " "); for (i in w) grp[w[i]] = "worker"; split(nginx, n, " "); for (i in n) grp[n[i]] = "nginx worker"; grp[coord] = "coordinator" }
    $2 != "machine" && $5 > m[grp[$2]] { m[grp[$2]] = $5 }
    END { printf "each worker <= %d, coordinator %d, each nginx worker <= %d", m["worker"], m["coordinator"], m["nginx worker"] }' "$1"
}

# ratio A B: A / B with two decimals.
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf("%.2f", b > 0 ? a / b : 0) }'; }

# scenario_users USERS THINK HATCH MAINTAIN WORKERS: the target (nginx, $NGINX_WORKERS workers) in namespace t,
# WORKERS goose workers in namespaces of their own, the coordinator on the bridge, all over mutual TLS.
scenario_users() {
  local users="$1" think="$2" hatch="$3" maintain="$4" workers="$5" name="$1-users-$5-workers" i
  local nginx_workers="${NGINX_WORKERS:-8}" per_nginx
  (( users / workers + 2048 <= HARD_NOFILE )) \
    || { echo "$name SKIPPED: $(( users / workers )) users per worker exceed the open-file limit $HARD_NOFILE" >> "$SUMMARY"; return 0; }
  # reuseport deals the connections out by a hash: leave a fifth of headroom over the even share
  per_nginx=$(( users / nginx_workers * 6 / 5 + 1024 ))
  (( per_nginx + 1024 <= HARD_NOFILE )) \
    || { echo "$name SKIPPED: $per_nginx connections per nginx worker exceed the open-file limit $HARD_NOFILE (more NGINX_WORKERS)" >> "$SUMMARY"; return 0; }
  netns_setup
  netns_host t 10
  netns_sysctl t net.core.somaxconn=65535 net.ipv4.tcp_max_syn_backlog=65535
  for i in $(seq 1 "$workers"); do
    netns_host "w$i" $(( 20 + i ))
    # every worker connects from its own address, with its own ephemeral ports: the full range keeps the kernel's
    # search for a free port short at ~17,000 connections (bench/README.md, scale.sh)
    netns_sysctl "w$i" net.ipv4.ip_local_port_range="1024 65535"
  done
  cluster_tls
  NGINX_WORKERS="$nginx_workers" NGINX_HOST="$NETNS_SUBNET.10" NGINX_NETNS="$(netns_name t)" start_nginx "$per_nginx"
  jq --arg url "http://$NETNS_SUBNET.10:$NGINX_PORT" --argjson u "$users" --argjson t "$think" --argjson h "$hatch" \
     --argjson m "$maintain" '.config.target_base_url = $url | .config.users = $u | .config.think_time_seconds = $t
      | .config.hatch_rate = $h | .config.duration.seconds = $m | .config.request_timeout_seconds = 30' \
     "$BENCH_DIR/closed-50.json" > "$BENCH_TMP/$name.json"
  # the workers and the coordinator may send load to the target's address only
  MAID__SECURITY__ALLOWED_TARGETS="[\"$NETNS_SUBNET.10\"]" run_cluster "$name" "$workers" "$BENCH_TMP/$name.json" netns || true
  echo "$name: expected $(awk -v u="$users" -v t="$think" 'BEGIN { printf "%.0f", u / t }') req/s (users / think time);" \
       "nginx $nginx_workers workers (worker_connections $per_nginx) at $NETNS_SUBNET.10 in a namespace," \
       "each worker in a namespace of its own, the coordinator at $NETNS_SUBNET.1, Artery TLS-TCP with mutual authentication" >> "$SUMMARY"
  kill "$NGINX_PID" 2>/dev/null; wait "$NGINX_PID" 2>/dev/null || true; unset NGINX_PID
  netns_teardown
  unset MAID__ENGINE__CLUSTER__TLS__KEY_STORE MAID__ENGINE__CLUSTER__TLS__KEY_STORE_PASSWORD \
        MAID__ENGINE__CLUSTER__TLS__TRUST_STORE MAID__ENGINE__CLUSTER__TLS__TRUST_STORE_PASSWORD
}

# scenario_2v1: a saturating closed model, local and on 1 and 2 workers, alternated ROUNDS times.
scenario_2v1() {
  local r local_rps=() one=() two=() p
  start_nginx 4096
  jq --arg url "http://127.0.0.1:$NGINX_PORT" '.config.target_base_url = $url | .config.duration.seconds = 20' \
     "$BENCH_DIR/closed-50.json" > "$BENCH_TMP/2v1.json"
  for r in $(seq 1 "$ROUNDS"); do
    p="$BENCH_TMP/saturating-local-$r"
    wait_idle
    run_goose_sampled "$p" "$BENCH_TMP/2v1.json" || { tail -30 "$p.log" >&2; die "the local run failed"; }
    local_rps+=("$(maintain_figures "$(report_json "$p.reports")" "$p.samples" | cut -d' ' -f1)")
    echo "saturating-local-$r: goose run (one process, no cluster): maintain ${local_rps[-1]} req/s" >> "$SUMMARY"
    run_cluster "saturating-1-worker-$r" 1 "$BENCH_TMP/2v1.json" || true; one+=("$LAST_RPS")
    run_cluster "saturating-2-workers-$r" 2 "$BENCH_TMP/2v1.json" || true; two+=("$LAST_RPS")
    echo "round $r: 1 worker / local $(ratio "${one[-1]}" "${local_rps[-1]}"), 2 workers / 1 worker $(ratio "${two[-1]}" "${one[-1]}")" >> "$SUMMARY"
  done
  echo "2v1 medians over $ROUNDS round(s): local $(median "${local_rps[@]}"), 1 worker $(median "${one[@]}"), 2 workers $(median "${two[@]}") req/s;" \
       "2 workers vs 1: $(ratio "$(median "${two[@]}")" "$(median "${one[@]}")")x ($(nproc) cores shared by nginx, the workers and the coordinator)" >> "$SUMMARY"
  kill "$NGINX_PID" 2>/dev/null; wait "$NGINX_PID" 2>/dev/null || true; unset NGINX_PID
}

SUMMARY="$BENCH_TMP/summary.txt"; : > "$SUMMARY"
log "start $(date -u +%FT%TZ), load average $(cut -d' ' -f1-3 /proc/loadavg)"
for scenario in "${SCENARIOS[@]}"; do
  case "$scenario" in
    # hatch 2,000/s: at 5,000/s the 100,000 connections opened within 20 s lost SYNs (p99 15.4 s, the sum of
    # TCP's retransmission waits) and the rate fell 15 % short; see RESULTS.md section 14
    100k) scenario_users 100000 10 2000 60 6 ;;
    2v1) scenario_2v1 ;;
    *:*:*:*:*) IFS=: read -r u t h m w <<< "$scenario"; scenario_users "$u" "$t" "$h" "$m" "$w" ;;
    *) die "unknown scenario '$scenario'" ;;
  esac
done
echo
echo "distributed: transport $MAID__ENGINE__TRANSPORT, 1 event loop per worker, $(nproc) cores; ended $(date -u +%FT%TZ)"
echo "  rate from the coordinator's report.json (merged samples, maintain phase); open files, CPU and RSS sampled from /proc every ${SAMPLE_EVERY} s"
cat "$SUMMARY"
