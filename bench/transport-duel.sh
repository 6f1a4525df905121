#!/usr/bin/env bash
# The transports alone against nginx (no engine, no metrics): lean vs httpcore5's classic connection, and
# wrk for scale. Usage: bench/transport-duel.sh [USERS=50] [SECONDS=10]
#   env DUEL_JAVA_OPTS: extra JVM options (e.g. -Djdk.virtualThreadScheduler.parallelism=1)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
USERS="${1:-50}"; SECONDS_EACH="${2:-10}"

ensure_cmd nginx nginx-light || die "nginx is required"
ensure_cmd wrk || die "wrk is required"
[[ -f "$ROOT/adapter-driver-lean/target/classes/io/maid/goose/adapter/driver/lean/LeanTransport.class" \
   && -f "$ROOT/support-http/target/classes/io/maid/goose/support/http/TlsContexts.class" ]] \
  || (cd "$ROOT" && mvn -B -q -pl adapter-driver-lean -am install -DskipTests) || die "could not build adapter-driver-lean"
M2="${HOME}/.m2/repository"
CP="$ROOT/adapter-driver-lean/target/classes:$ROOT/support-http/target/classes:$ROOT/goose-ports/target/classes:$ROOT/goose-domain/target/classes"
CP="$CP:$(ls "$M2"/org/apache/httpcomponents/core5/httpcore5/5.4.4/httpcore5-5.4.4.jar)"

start_nginx 4096
for mode in lean httpcore; do
  wait_idle 120
  "$JAVA_HOME/bin/java" -XX:+UseParallelGC ${DUEL_JAVA_OPTS:-} -cp "$CP" "$BENCH_DIR/TransportDuel.java" "$mode" "http://127.0.0.1:$NGINX_PORT" "$USERS" "$SECONDS_EACH"
done
wait_idle 120
ensure_cmd /usr/bin/time time || die "/usr/bin/time is required"
timed "$BENCH_TMP/wrk" wrk -t1 -c"$USERS" -d"${SECONDS_EACH}s" "http://127.0.0.1:$NGINX_PORT/"
read -r -a t < "$BENCH_TMP/wrk.time"
awk -v u="${t[1]}" -v s="${t[2]}" '/requests in/ { n = $1 } /Requests\/sec/ { r = $2 }
  END { printf "wrk       users='"$USERS"' requests=%d req/s=%.0f cpu_us/req=%.1f\n", n, r, (u + s) * 1e6 / n }' "$BENCH_TMP/wrk.log"
