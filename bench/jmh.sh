#!/usr/bin/env bash
# JMH microbenchmarks of the engine's recording hot path (bench/jmh, a standalone Maven project).
# Usage: bench/jmh.sh [JMH ARGS...]   default: -f1 -wi 2 -i 3 -prof gc (brief: a couple of minutes)
# Needs goose-engine in ~/.m2: run `mvn -B -q -pl goose-domain,goose-ports,goose-engine install -DskipTests`
# from the repository root first if it is not there.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
command -v mvn >/dev/null || ensure_cmd mvn maven || die "Maven is required"
[[ -f "$HOME/.m2/repository/io/maid/goose/goose-engine/0.1.0-SNAPSHOT/goose-engine-0.1.0-SNAPSHOT.jar" ]] \
  || die "goose-engine is not in ~/.m2; from $ROOT run: mvn -B -q -pl goose-domain,goose-ports,goose-engine install -DskipTests"
if [[ "$("$JAVA_HOME/bin/java" -version 2>&1 | head -1)" =~ \"(2[4-9]|[3-9][0-9]) ]]; then
  export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
fi
log "building bench/jmh/target/benchmarks.jar"
mvn -B -q -f "$BENCH_DIR/jmh/pom.xml" package 2>&1 | grep -v '^WARNING' || true
[[ -f "$BENCH_DIR/jmh/target/benchmarks.jar" ]] || die "the JMH build failed; run: mvn -B -f $BENCH_DIR/jmh/pom.xml package"
wait_idle 120
args=("$@")
(( ${#args[@]} )) || args=(-f1 -wi 2 -i 3 -prof gc)
"$JAVA_HOME/bin/java" -jar "$BENCH_DIR/jmh/target/benchmarks.jar" "${args[@]}"
