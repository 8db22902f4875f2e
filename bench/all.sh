#!/usr/bin/env bash
# Every benchmark script, one after another, on the jars of this checkout: what issue 12's "a run of the bench/
# scripts on a clean clone" means (jvm-options.sh with the AOT sets of each service). Builds the jars first
# (unless SKIP_BUILD=true), then runs each script with the settings below, and writes one index
# (bench/results/all-<time>.md) with the commit, each script's exact command, its start, its duration, the load
# average before it, its exit code and the tables it wrote. Each script saves its own table in bench/results/ as
# before; a failing script is recorded and the next one still runs, and the index's last line says how many failed
# (the exit code is that number).
#
#   bench/all.sh                      # about 75 minutes on 2 cores
#   ONLY="booking availability" bench/all.sh
#
# Settings (env): ONLY (step names, default all of them, in this order: booking availability gateway gateway-stub
# startup outbox attachment forged jvm-aot startup-aot), SKIP_BUILD=false, JAVA25 (the JDK 25 of the AOT steps;
# they are skipped when it is absent), PROFILE (passed to booking and availability only when set).
# startup measures each service on JDK 17 and ./catapult up as a user starts it (warm, and on three fresh
# clones); jvm-aot rebuilds each service as an aot-jar and measures its start with the AOT cache against C1 on
# JDK 17; startup-aot, after it, ./catapult up with CATAPULT_CDS=true on JDK 25 on those aot-jar builds, as the
# launcher builds them on a JDK 25 (the two come last because they leave the aot-jar builds in target/).
set -uo pipefail
BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$BENCH_DIR")"
cd "$ROOT" || exit 1
ONLY="${ONLY:-booking availability gateway gateway-stub startup outbox attachment forged jvm-aot startup-aot}"
SKIP_BUILD="${SKIP_BUILD:-false}"
JAVA25="${JAVA25:-$(ls -d /usr/lib/jvm/temurin-25* 2>/dev/null | head -1)}"
ALL_SERVICES="catapult-registry application-service facility-booking event-hub gateway"
# Every script reads PROFILE from the environment: only the steps below that name it get it.
STEP_PROFILE="${PROFILE:-}"
unset PROFILE

# name -> the command line it runs (the index prints it as it is, so it reproduces the step)
declare -A STEP=(
  [booking]="ROUNDS=3 DURATION=20 WARMUP=30 LOADS=16 GATEWAY_LOAD=16 ${STEP_PROFILE:+PROFILE=$STEP_PROFILE }bench/booking-throughput.sh"
  [availability]="ROUNDS=3 DURATION=20 WARMUP=30 LOADS=\"1 8\" FLOOR=1 ${STEP_PROFILE:+PROFILE=$STEP_PROFILE }bench/availability-latency.sh"
  [gateway]="ROUNDS=3 LOADS=\"16 64\" bench/gateway.sh"
  [gateway-stub]="UPSTREAM=stub ROUNDS=3 LOADS=\"16 64\" bench/gateway.sh"
  [startup]="RUNS=3 FRESH=3 bench/startup.sh"
  [startup-aot]="JAVA_HOME=$JAVA25 CATAPULT_CDS=true SERVICES=none bench/startup.sh"
  [jvm-aot]="for m in $ALL_SERVICES; do ./mvnw -B -q -o package -DskipTests -pl \$m -am -Dquarkus.package.jar.type=aot-jar \
&& SETS=\"c1 aot-c1 aot-lean\" RUNS=3 MODULE=\$m JAVA25=$JAVA25 bench/jvm-options.sh || exit 1; done"
  [outbox]="bench/outbox-cost.sh"
  [attachment]="bench/attachment-heap.sh"
  [forged]="bench/forged-tokens.sh"
)

mkdir -p bench/results
INDEX="bench/results/all-$(date -u +%Y%m%dT%H%M%SZ).md"
{
  echo "# bench/all.sh"
  echo
  echo "Commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet 2>/dev/null || echo ' (with uncommitted changes)'), $(nproc) cores, $(java -version 2>&1 | head -1)"
  echo
  # What the scripts also read from the environment, so that the index reproduces a run made with any of them.
  env_set="$(for v in BENCH_JAVA_OPTS BENCH_PORT_BASE BENCH_PGHOST BENCH_PGPORT BENCH_PGUSER BENCH_KEEP_WORK; do
    [ -z "${!v:-}" ] || printf '%s="%s" ' "$v" "${!v}"; done)"
  echo "Environment for every step: ${env_set:-none of BENCH_JAVA_OPTS, BENCH_PORT_BASE, BENCH_PG*, BENCH_KEEP_WORK set}"
  echo
  echo "| step | command | start (UTC) | seconds | load average before | exit | result files |"
  echo "|---|---|---|---:|---|---:|---|"
} > "$INDEX"

if [ "$SKIP_BUILD" != true ]; then
  echo "== building the jars: ./mvnw -B -q package -DskipTests"
  ./mvnw -B -q package -DskipTests || { echo "build failed" | tee -a "$INDEX"; exit 1; }
fi

failed=0
for name in $ONLY; do
  cmd="${STEP[$name]:-}"
  if [ -z "$cmd" ]; then echo "unknown step $name" | tee -a "$INDEX"; failed=$((failed + 1)); continue; fi
  if [[ "$name" == *aot ]] && [ ! -x "$JAVA25/bin/java" ]; then
    echo "| $name | \`$cmd\` | - | - | - | skipped: no JDK 25 | - |" >> "$INDEX"; continue
  fi
  marker="$(mktemp)"   # the step's result files are the tables written after it
  load="$(cut -d' ' -f1-3 /proc/loadavg)"
  start="$(date -u +%H:%M:%S)"; t0=$(date +%s)
  echo "== $name: $cmd"
  log="bench/results/all-$name-$(date -u +%Y%m%dT%H%M%SZ).log"
  bash -c "$cmd" > "$log" 2>&1
  rc=$?
  [ $rc -eq 0 ] || failed=$((failed + 1))
  made="$(find bench/results -maxdepth 1 -name '*.md' ! -name 'all-*' -newer "$marker" -printf '%f ')"
  rm -f "$marker"
  echo "| $name | \`$cmd\` | $start | $(( $(date +%s) - t0 )) | $load | $rc | ${made:-(none; see $log)} |" >> "$INDEX"
  echo "   exit $rc after $(( $(date +%s) - t0 )) s, log $log"
done
echo >> "$INDEX"
echo "$failed step(s) failed. Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$INDEX"
echo "index: $INDEX"
exit "$failed"
