# Shared helpers for the bench/ scripts. Source it; it defines functions and a few variables only.
# Every process a script starts is stopped by pid in its EXIT trap (bench_cleanup).

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH_DIR/.." && pwd)"
BENCH_TMP="$(mktemp -d /tmp/goose-bench.XXXXXX)"
BENCH_PIDS=()
BENCH_CLEANUP_HOOKS=()
CLK_TCK="$(getconf CLK_TCK)"

if [[ -z "${JAVA_HOME:-}" || ! -x "${JAVA_HOME}/bin/java" ]]; then
  for cand in /usr/lib/jvm/temurin-25-jdk-amd64 $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -Vr); do
    cand="${cand%/}"
    if [[ -x "$cand/bin/javac" ]] && "$cand/bin/java" -version 2>&1 | grep -qE 'version "(2[1-9]|[3-9][0-9])'; then
      export JAVA_HOME="$cand"; break
    fi
  done
fi
export PATH="$JAVA_HOME/bin:$PATH"

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "error: $*"; exit 1; }

# bench_cleanup: stops every pid in BENCH_PIDS, then runs each command in BENCH_CLEANUP_HOOKS (e.g. a script's
# network namespaces), then removes the temp directory. It runs on every exit, failures included.
bench_cleanup() {
  local pid hook
  for pid in "${BENCH_PIDS[@]:-}"; do
    # wait fails for a pid that is not this shell's child (it may be a grandchild); that must not end the cleanup
    [[ -n "$pid" ]] && { kill "$pid" && wait "$pid"; } 2>/dev/null || true
  done
  for hook in "${BENCH_CLEANUP_HOOKS[@]:-}"; do
    [[ -n "$hook" ]] && { $hook || log "cleanup: '$hook' failed"; }
  done
  [[ -n "${KEEP_BENCH_TMP:-}" ]] || rm -rf "$BENCH_TMP"
}
trap bench_cleanup EXIT
trap 'exit 130' INT TERM

APT_UPDATED=""
# ensure_cmd COMMAND [DEBIAN_PACKAGE]: installs the package with apt-get when the command is missing.
ensure_cmd() {
  local cmd="$1" pkg="${2:-$1}"
  command -v "$cmd" >/dev/null 2>&1 && return 0
  if [[ $(id -u) -ne 0 ]] || ! command -v apt-get >/dev/null 2>&1; then
    log "$cmd is missing and cannot be installed here (need root and apt-get)"; return 1
  fi
  if [[ -z "$APT_UPDATED" ]]; then
    log "apt-get update"
    apt-get update -qq >/dev/null 2>&1 || log "apt-get update failed"
    APT_UPDATED=1
  fi
  log "installing $pkg"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$pkg" >/dev/null 2>&1 || { log "could not install $pkg"; return 1; }
  command -v "$cmd" >/dev/null 2>&1
}

# free_port: prints a TCP port on 127.0.0.1 that nothing listens on.
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()' 2>/dev/null \
    || echo $(( 20000 + RANDOM % 20000 ))
}

# wait_port PORT [SECONDS] [HOST]: waits until something accepts on HOST:PORT (default 127.0.0.1).
wait_port() {
  local port="$1" deadline=$(( $(date +%s) + ${2:-20} )) host="${3:-127.0.0.1}"
  while (( $(date +%s) < deadline )); do
    (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null && return 0
    sleep 0.1
  done
  return 1
}

# make_tls_cert: a fresh self-signed certificate for 127.0.0.1 and localhost (EC P-256, valid 2 days), made with
# openssl into $BENCH_TMP/tls (deleted with $BENCH_TMP on exit; no key is ever kept or committed): cert.pem,
# key.pem, and cert.p12 (the same pair for Java, password in TLS_P12_PASSWORD). Sets TLS_DIR.
make_tls_cert() {
  TLS_DIR="$BENCH_TMP/tls"
  [[ -f "$TLS_DIR/cert.pem" ]] && return 0
  mkdir -p "$TLS_DIR" && chmod 700 "$TLS_DIR"
  TLS_P12_PASSWORD="bench-$RANDOM$RANDOM"
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 -subj "/CN=localhost" \
      -addext "subjectAltName=IP:127.0.0.1,DNS:localhost" -keyout "$TLS_DIR/key.pem" -out "$TLS_DIR/cert.pem" \
      >/dev/null 2>&1 || die "openssl could not make a certificate"
  openssl pkcs12 -export -in "$TLS_DIR/cert.pem" -inkey "$TLS_DIR/key.pem" -name target \
      -passout "pass:$TLS_P12_PASSWORD" -out "$TLS_DIR/cert.p12" >/dev/null 2>&1 || die "openssl could not export PKCS#12"
  log "TLS: self-signed certificate for 127.0.0.1 in $TLS_DIR (temporary)"
}

# start_nginx CONNECTIONS [tls|TEMPLATE]: starts nginx from TEMPLATE (default bench/nginx.conf.template) on a free
# port; sets NGINX_PORT, NGINX_PID. With "tls" it listens with TLS 1.2 and 1.3 only, on a certificate from
# make_tls_cert, with a session cache and tickets (so clients that reconnect may resume).
# CONNECTIONS is per worker process. Env: NGINX_WORKERS (default 1) worker processes, each on its own listening
# socket (reuseport) when more than one; NGINX_HOST (default 127.0.0.1) the address it listens on; NGINX_NETNS a
# network namespace to run it in (bench/netns.sh). worker_rlimit_nofile stays under the hard open-file limit.
start_nginx() {
  local connections="${1:-4096}" mode="${2:-}" template="$BENCH_DIR/nginx.conf.template" dir="$BENCH_TMP/nginx"
  local ssl="" tls_lines="" workers="${NGINX_WORKERS:-1}" host="${NGINX_HOST:-127.0.0.1}" reuseport="" nofile hard
  local netns=()
  if [[ -n "$mode" && "$mode" != tls ]]; then
    template="$mode" mode=""
  fi
  (( workers > 1 )) && reuseport="reuseport"
  [[ -n "${NGINX_NETNS:-}" ]] && netns=(ip netns exec "$NGINX_NETNS")
  hard="$(ulimit -Hn)"; [[ "$hard" == unlimited ]] && hard=1048576
  nofile=$(( connections * 2 + 1024 )); (( nofile > hard )) && nofile=$hard
  mkdir -p "$dir"
  NGINX_PORT="$(free_port)"
  if [[ "$mode" == tls ]]; then
    make_tls_cert
    ssl="ssl"
    tls_lines="ssl_certificate $TLS_DIR/cert.pem; ssl_certificate_key $TLS_DIR/key.pem; ssl_protocols TLSv1.2 TLSv1.3; ssl_session_cache shared:SSL:10m; ssl_session_tickets on;"
  fi
  sed -e "s|@DIR@|$dir|g" -e "s|@PORT@|$NGINX_PORT|g" -e "s|@CONNECTIONS@|$connections|g" \
      -e "s|@NOFILE@|$nofile|g" -e "s|@SSL@|$ssl|g" -e "s|@TLS@|$tls_lines|g" \
      -e "s|@WORKERS@|$workers|g" -e "s|@HOST@|$host|g" -e "s|@REUSEPORT@|$reuseport|g" \
      "$template" > "$dir/nginx.conf"
  # ip netns exec execs nginx in place, so $! is nginx's master either way
  "${netns[@]}" nginx -p "$dir" -c "$dir/nginx.conf" -e "$dir/error.log" &
  NGINX_PID=$!
  BENCH_PIDS+=("$NGINX_PID")
  wait_port "$NGINX_PORT" 10 "$host" || { cat "$dir/error.log" >&2; die "nginx did not start"; }
  log "nginx (pid $NGINX_PID, $workers worker(s)${ssl:+, TLS}) on $host:$NGINX_PORT${NGINX_NETNS:+ in namespace $NGINX_NETNS}"
}

# wait_idle [MAX_SECONDS]: waits until the machine is idle: /proc/stat idle >= 90% over 2 s (both cores),
# for at most MAX_SECONDS (default 300; env BENCH_IDLE_WAIT overrides); says so when it gives up.
wait_idle() {
  local max="${BENCH_IDLE_WAIT:-${1:-300}}" start now idle
  start=$(date +%s)
  while true; do
    idle=$(cpu_idle_percent 2)
    if (( idle >= 90 )); then
      return 0
    fi
    now=$(date +%s)
    if (( now - start >= max )); then
      log "machine still busy (${idle}% idle) after ${max}s; measuring anyway, figures may be low"
      return 0
    fi
    log "waiting for an idle machine (${idle}% idle, load $(cut -d' ' -f1 /proc/loadavg))"
    sleep 5
  done
}

# cpu_idle_percent SECONDS: the whole machine's idle share over that window, 0-100.
cpu_idle_percent() {
  local a b
  read -r -a a < <(grep '^cpu ' /proc/stat)
  sleep "$1"
  read -r -a b < <(grep '^cpu ' /proc/stat)
  local total=0 i
  for i in 1 2 3 4 5 6 7 8; do total=$(( total + b[i] - a[i] )); done
  local idle=$(( b[4] - a[4] + b[5] - a[5] ))
  (( total > 0 )) && echo $(( 100 * idle / total )) || echo 100
}

# proc_cpu_ticks PID: user+sys clock ticks of PID and its reaped children so far (from /proc/PID/stat).
proc_cpu_ticks() {
  awk '{ print $14 + $15 + $16 + $17 }' "/proc/$1/stat" 2>/dev/null || echo 0
}

# proc_rss_peak_kb PID: peak resident set (VmHWM) in KiB.
proc_rss_peak_kb() {
  awk '/^VmHWM:/ { print $2 }' "/proc/$1/status" 2>/dev/null || echo 0
}

# proc_threads PID: number of OS threads.
proc_threads() {
  awk '/^Threads:/ { print $2 }' "/proc/$1/status" 2>/dev/null || echo 0
}

# median N...: the median of the numbers given (mean of the middle two for an even count).
median() {
  printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print 0; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# goose_cmd: the command that runs goose, into the array GOOSE_CMD: ./goose (which rebuilds the project when
# sources changed, and passes GOOSE_JAVA_OPTS to the JVM), or with BENCH_NO_BUILD=1 the existing
# app/target/goose.jar with the same JVM options ./goose uses.
# goose_jvm_flags: the JVM options ./goose runs goose with (app_java_opts in app/jvm.sh, which ./goose sources
# too), for scripts that start the JVM themselves.
# shellcheck source=../app/jvm.sh
source "$ROOT/app/jvm.sh"
goose_jvm_flags() {
  app_java_opts "$JAVA_HOME/bin/java"
  printf '%s ' "${APP_JAVA_OPTS[@]}"
}

goose_cmd() {
  if [[ -n "${BENCH_NO_BUILD:-}" ]]; then
    # shellcheck disable=SC2206 # GOOSE_JAVA_OPTS is a list of options, split like ./goose splits it
    # the options ./goose gives the JVM too (native access for BoringSSL, Unsafe for netty on JDK 23+)
    GOOSE_CMD=("$JAVA_HOME/bin/java" $(goose_jvm_flags) ${GOOSE_JAVA_OPTS:-} -XX:+UseParallelGC -jar "$ROOT/app/target/goose.jar")
  else
    GOOSE_CMD=("$ROOT/goose")
  fi
}

# ensure_goose: builds the goose jar now (if sources changed) so that a measured run never includes a build.
ensure_goose() {
  if [[ -z "${BENCH_NO_BUILD:-}" ]]; then
    (cd "$ROOT" && ./goose --help >/dev/null) || die "./goose does not build or run; see 'cd $ROOT && ./goose --help'"
  fi
  [[ -f "$ROOT/app/target/goose.jar" ]] || die "app/target/goose.jar is missing (build it with ./goose build)"
}

# goose_config TEMPLATE PORT OUT: copies a run config, pointing target_base_url at 127.0.0.1:PORT.
goose_config() {
  sed -e "s|http://127.0.0.1:[0-9]*|http://127.0.0.1:$2|g" "$1" > "$3"
}

# report_json DIR: prints the path of the newest report.json under DIR.
report_json() {
  find "$1" -name report.json -printf '%T@ %p\n' 2>/dev/null | sort -n | tail -1 | cut -d' ' -f2-
}

# timed OUT_PREFIX COMMAND...: runs COMMAND under /usr/bin/time; stdout+stderr go to OUT_PREFIX.log and
# "elapsed_s user_s sys_s max_rss_kb" to OUT_PREFIX.time.
timed() {
  local prefix="$1"; shift
  /usr/bin/time -f '%e %U %S %M' -o "$prefix.time" "$@" > "$prefix.log" 2>&1
}

# run_goose_sampled OUT_PREFIX CONFIG [EXTRA GOOSE ARGS...]: runs `./goose run CONFIG` under /usr/bin/time with
# the engine transport from GOOSE_TRANSPORT (default lean), sampling the JVM's /proc stat every 0.2 s into
# OUT_PREFIX.samples as "epoch_seconds cpu_ticks rss_kb threads"; reports go under OUT_PREFIX.reports/.
# With SAMPLE_HOOK=FUNCTION and SAMPLE_HOOK_AT=SECONDS, calls FUNCTION JAVA_PID OUT_PREFIX once, that many
# seconds after the start.
run_goose_sampled() {
  local prefix="$1" config="$2"; shift 2
  mkdir -p "$prefix.reports"
  goose_cmd
  ( cd "$ROOT" && MAID__ENGINE__TRANSPORT="${GOOSE_TRANSPORT:-lean}" \
      exec /usr/bin/time -f '%e %U %S %M' -o "$prefix.time" "${GOOSE_CMD[@]}" run "$config" --report-dir "$prefix.reports" "$@" \
      > "$prefix.log" 2>&1 ) &
  local outer=$! java="" i
  for i in $(seq 1 100); do
    java=$(pgrep -P "$outer" | head -1 || true)
    [[ -n "$java" ]] && break
    sleep 0.05
  done
  : > "$prefix.samples"
  if [[ -n "$java" ]]; then
    local stat rss threads line f hook_at="" t0="${EPOCHREALTIME%.*}"
    [[ -n "${SAMPLE_HOOK:-}" ]] && hook_at=$(( t0 + ${SAMPLE_HOOK_AT:-0} ))
    while [[ -r "/proc/$java/stat" ]]; do
      if [[ -n "$hook_at" ]] && (( ${EPOCHREALTIME%.*} >= hook_at )); then
        hook_at=""; $SAMPLE_HOOK "$java" "$prefix" || true
      fi
      read -r -a stat < "/proc/$java/stat" 2>/dev/null || break
      rss=0; threads=0
      while read -r f line; do
        case "$f" in VmRSS:) rss=${line%% *} ;; Threads:) threads=$line ;; esac
      done < "/proc/$java/status" 2>/dev/null || true
      # fields 14-17 (1-based) are utime stime cutime cstime; the comm field "(java)" has no spaces
      echo "$EPOCHREALTIME $(( stat[13] + stat[14] + stat[15] + stat[16] )) $rss $threads" >> "$prefix.samples"
      sleep 0.2
    done
  fi
  wait "$outer"
}

# maintain_rows REPORT_JSON: prints "rps requests seconds from to" over the timeline rows wholly inside maintain:
# labelled "maintain" (the phase a row is published in) and starting (elapsed_seconds - interval_seconds) no
# earlier than maintain did, so the first row, which still holds the end of the ramp-up, is left out. rps =
# sum(requests) / sum(interval_seconds); from and to = where those rows start and end, as epoch seconds.
maintain_rows() {
  local report="$1"
  jq -r --argjson run "$(date -d "$(jq -r '.run.started_at' "$report")" +%s.%N)" \
      --argjson maintain "$(date -d "$(jq -r '.phases[] | select(.phase == "maintain") | .started_at' "$report")" +%s.%N)" \
      '[.timeline[] | select(.phase == "maintain" and $run + .elapsed_seconds - .interval_seconds >= $maintain - 0.001)] |
      "\((map(.requests) | add // 0) / ((map(.interval_seconds) | add // 1))) \(map(.requests) | add // 0) \(map(.interval_seconds) | add // 0) \(if length > 0 then $run + .[0].elapsed_seconds - .[0].interval_seconds else 0 end) \(if length > 0 then $run + .[-1].elapsed_seconds else 0 end)"' "$report"
}

# maintain_figures REPORT_JSON SAMPLES: prints "rps requests seconds cpu_us_per_req" for the maintain phase: rps
# as maintain_rows says; CPU = the JVM's CPU ticks between the /proc samples nearest inside those rows' span, over
# the requests in it (rps x its length).
maintain_figures() {
  local report="$1" samples="$2" rps reqs secs from to
  read -r rps reqs secs from to < <(maintain_rows "$report")
  awk -v s="$from" -v e="$to" -v rps="$rps" -v reqs="$reqs" -v secs="$secs" -v tck="$CLK_TCK" '
    $1 >= s && a == "" { a = $1; ta = $2 }
    $1 <= e { b = $1; tb = $2 }
    END {
      cpu = (a != "" && b > a) ? (tb - ta) / tck * 1e6 / (rps * (b - a)) : -1
      printf "%.0f %d %.2f %.1f\n", rps, reqs, secs, cpu
    }' "$samples"
}

# machine_ticks: "busy_ticks_all_cpus epoch_seconds" from /proc/stat (user nice system irq softirq steal).
machine_ticks() {
  local c
  read -r -a c < <(grep '^cpu ' /proc/stat)
  echo "$(( c[1] + c[2] + c[3] + c[6] + c[7] + c[8] )) $EPOCHREALTIME"
}

# nginx_worker_ticks: CPU ticks of the running nginx worker(s) of this script's nginx.
nginx_worker_ticks() {
  local total=0 w
  for w in $(pgrep -P "${NGINX_PID:-0}" 2>/dev/null); do total=$(( total + $(proc_cpu_ticks "$w") )); done
  echo "$total"
}

# other_cpu_percent BEFORE_MACHINE BEFORE_NGINX TOOL_CPU_SECONDS: the share of the machine's CPU capacity
# that processes other than the measured tool and nginx used since the snapshots: a disturbance indicator.
other_cpu_percent() {
  local before_busy before_t now_busy now_t
  read -r before_busy before_t <<< "$1"
  read -r now_busy now_t < <(machine_ticks)
  awk -v b="$(( now_busy - before_busy ))" -v n="$(( $(nginx_worker_ticks) - $2 ))" -v tool="$3" -v tck="$CLK_TCK" \
      -v secs="$(awk -v a="$before_t" -v z="$now_t" 'BEGIN { print z - a }')" -v cpus="$(nproc)" \
      'BEGIN { o = (b - n - tool * tck) / (secs * cpus * tck) * 100; printf "%.1f", o < 0 ? 0 : o }'
}
