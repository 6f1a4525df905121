#!/usr/bin/env bash
# The engine and a transport in one JVM against nginx, without the CLI: maintain-phase req/s, CPU and
# allocation per request, next to wrk. For profiling the request path; JFR when PROFILE=1; extra JVM
# options in PROBE_JAVA_OPTS (e.g. -Djdk.virtualThreadScheduler.parallelism=1); the loops' TLS implementation in
# PROBE_TLS_PROVIDER (auto, the default, boringssl or jdk).
# Usage: bench/engine-probe.sh [--tls] [TRANSPORT=lean|lean-threads|httpclient5] [USERS=50] [SECONDS=10] [THINK_S=0] [HATCH_PER_S=2*USERS]
#   --tls: nginx over HTTPS (a self-signed certificate in the temp folder), the engine verifying it
#   env M2_REPO: the Maven repository the module jars are taken from (default ~/.m2/repository)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
TLS=""
if [[ "${1:-}" == --tls ]]; then TLS=1; shift; fi
TRANSPORT="${1:-lean}"; USERS="${2:-50}"; SECONDS_EACH="${3:-10}"; THINK="${4:-0}"; HATCH="${5:-$(( USERS * 2 ))}"

ensure_cmd nginx nginx-light || die "nginx is required"
ensure_cmd wrk || die "wrk is required"
M2="${M2_REPO:-${HOME}/.m2/repository}"
CP=""
for m in goose-domain goose-ports goose-engine support-http adapter-driver-lean adapter-driver-httpclient5; do
  jar="$M2/io/maid/goose/$m/0.1.0-SNAPSHOT/$m-0.1.0-SNAPSHOT.jar"
  [[ -f "$jar" ]] || die "$jar is missing: install the module first (mvn -B -o -q -pl $m install -DskipTests)"
  CP="$CP:$jar"
done
for jar in org/hdrhistogram/HdrHistogram/2.2.2/HdrHistogram-2.2.2.jar \
           org/apache/httpcomponents/core5/httpcore5/5.4.4/httpcore5-5.4.4.jar; do
  CP="$CP:$M2/$jar"
done
CP="$CP:$(ls "$M2"/org/apache/httpcomponents/client5/httpclient5/5.6.5/httpclient5-5.6.5.jar 2>/dev/null || true)"
CP="$CP:$(ls "$M2"/org/apache/httpcomponents/core5/httpcore5-h2/5.4.4/httpcore5-h2-5.4.4.jar 2>/dev/null || true)"
CP="$CP:$(ls "$M2"/org/slf4j/slf4j-api/2.0.17/slf4j-api-2.0.17.jar 2>/dev/null || true)"
# BoringSSL for TLS on the lean loops (netty-tcnative and the netty modules its engine needs)
for jar in "$M2"/io/netty/netty-{common,buffer,handler,transport,resolver,codec-base,transport-native-unix-common}/4.2.18.Final/netty-*-4.2.18.Final.jar \
           "$M2"/io/netty/netty-tcnative-classes/2.0.84.Final/netty-tcnative-classes-2.0.84.Final.jar \
           "$M2"/io/netty/netty-tcnative-boringssl-static/2.0.84.Final/netty-tcnative-boringssl-static-2.0.84.Final-linux-x86_64.jar; do
  [[ -f "$jar" ]] && CP="$CP:$jar"
done

JFR_OPTS=()
if [[ -n "${PROFILE:-}" ]]; then
  JFR_FILE="${JFR_FILE:-/tmp/goose-engine-probe.jfr}"
  JFR_OPTS=("-XX:StartFlightRecording=filename=$JFR_FILE,settings=profile")
  log "recording JFR to $JFR_FILE"
fi

ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
SCHEME=http
if [[ -n "$TLS" ]]; then
  SCHEME=https
  start_nginx $(( USERS + 1024 )) tls
  export PROBE_CA="$TLS_DIR/cert.pem"
else
  start_nginx $(( USERS + 1024 ))
fi
wait_idle 120
ensure_cmd /usr/bin/time time || die "/usr/bin/time is required"
/usr/bin/time -f 'process: peak_rss_kb=%M user_s=%U sys_s=%S elapsed_s=%e' \
  "$JAVA_HOME/bin/java" $(goose_jvm_flags) -XX:+UseParallelGC ${PROBE_JAVA_OPTS:-} "${JFR_OPTS[@]}" -cp "${CP#:}" "$BENCH_DIR/EngineProbe.java" \
  "$TRANSPORT" "$SCHEME://127.0.0.1:$NGINX_PORT" "$USERS" "$SECONDS_EACH" "$THINK" "$HATCH" 2> >(grep -v '^WARNING' >&2)
[[ "$THINK" == 0 ]] || exit 0   # wrk has no think time: a comparison only makes sense for saturating runs
wait_idle 120
wrk -t1 -c"$USERS" -d"${SECONDS_EACH}s" "$SCHEME://127.0.0.1:$NGINX_PORT/" | grep -E 'Requests/sec'
