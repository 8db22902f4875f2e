#!/usr/bin/env bash
# Start-up time and memory of each packaged service, and of the whole `./catapult up`: warm, and from a fresh clone.
# Prints a Markdown table and saves it in bench/results/ (git-ignored).
#
#   bench/startup.sh
#   RUNS=3 CATAPULT=auto bench/startup.sh      # CATAPULT=skip leaves ./catapult out
#   FRESH=3 bench/startup.sh                   # also ./catapult up on three fresh clones (builds included)
#
# Per service (catapult-registry, application-service, facility-booking, gateway when its jar exists):
# one priming start on an empty database (Flyway migrations; reported apart), then RUNS measured
# starts on the migrated database, as a restart finds it. Start-up time is from the fork of `java -jar`
# to the first 200 from /q/health/ready (polled every 20 ms over bash's /dev/tcp, so polling forks
# nothing); RSS is VmRSS from /proc/<pid>/status at that moment; "Quarkus says" is the time the service
# logs itself ("started in"), which leaves out JVM start. JVM options: BENCH_JAVA_OPTS, by default the
# launcher's default CATAPULT_JAVA_OPTS (-Xmx256m -XX:TieredStopAtLevel=1).
# Each service gets its own throwaway database on the machine's PostgreSQL and the OIDC stub
# (bench/tools/OidcStub.java) as its provider; the gateway's upstreams point at a closed port
# (its readiness does not depend on them).
#
# ./catapult up (PostgreSQL, Keycloak, the four services), only when nothing listens on 8080-8083,
# 8180, 9000, 9180 or 15432: a cold start first (empty data folder: Keycloak unpacked and imported,
# initdb), then WARM (3) warm starts that are measured, all with --no-demo and CATAPULT_DATA_DIR in a
# temporary folder and CATAPULT_SKIP_BUILD=true (never builds). Each is stopped with SIGTERM to the
# launcher, and the script then checks that none of its processes and none of its ports is left.
# FRESH=N adds N fresh clones: each a `git clone` of this checkout's HEAD (committed files only, no target/)
# with an empty data folder, timed from `./catapult up --no-demo` (which builds the launcher, then the services
# while PostgreSQL and Keycloak start) to "all parts ready"; the Maven cache is whatever ~/.m2 holds.
#
# Settings (env): RUNS=3, CATAPULT=auto|skip, WARM=3, FRESH=0, SERVICES="catapult-registry application-service
# facility-booking gateway" (the modules to measure), CATAPULT_TIMEOUT=240 (s per ./catapult start),
# CATAPULT_CDS=false and JAVA_HOME (the JDK of ./catapult: with CATAPULT_CDS=true, a JDK 25 makes AOT caches),
# BENCH_PORT_BASE=18120 (stub +0, services +1..+4, closed port +5), BENCH_JAVA_OPTS, BENCH_PGHOST/PORT/USER.
# About 4 minutes on the 2-core machine, and 1.5 minutes more for each fresh clone.
set -euo pipefail
BENCH_JAVA_OPTS="${BENCH_JAVA_OPTS:--Xmx256m -XX:TieredStopAtLevel=1}"   # before lib.sh, whose default is another
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

settings RUNS=3 CATAPULT=auto WARM=3 FRESH=0 SERVICES="catapult-registry application-service facility-booking gateway" \
  CATAPULT_TIMEOUT=240 CATAPULT_CDS=false JAVA_HOME="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")" \
  BENCH_PORT_BASE=18120
export CATAPULT_CDS JAVA_HOME   # ./catapult runs on JAVA_HOME, and so do the services and Keycloak it starts
BASE=$BENCH_PORT_BASE
STUB_PORT=$BASE; NOWHERE_PORT=$((BASE + 5))
COMMAND="${SETTINGS}bench/startup.sh"

need_tools java javac curl psql ss awk
make_work startup
snapshot_apps catapult-registry application-service facility-booking gateway
OUT="$WORK/result.md"
LOAD_AT_START="$(cut -d' ' -f1-3 /proc/loadavg)"
pg_ensure
start_oidc_stub "$STUB_PORT"

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# 0 when GET /q/health/ready on 127.0.0.1:port answers 200; only bash built-ins.
ready_200() {
  local line
  { exec 3<>"/dev/tcp/127.0.0.1/$1"; } 2>/dev/null || return 1
  printf 'GET /q/health/ready HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' >&3 || { exec 3<&-; return 1; }
  read -r -t 5 line <&3 || line=""
  exec 3<&- 3>&-
  [[ "$line" == "HTTP/1."?" 200"* ]]
}

median() { sort -g | awk '{ a[NR] = $1 } END { if (NR == 0) print "?"; else if (NR % 2) print a[(NR + 1) / 2]; else printf "%.2f\n", (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

# measure module port env...: prints "seconds rss_mb quarkus_seconds stop_seconds"
measure() {
  local module=$1 port=$2 t0 t1 pid rss quarkus s0 s1 deadline
  shift 2
  require_free_ports "$port"
  t0=$(now_ms)
  # shellcheck disable=SC2086
  env "$@" java $BENCH_JAVA_OPTS -jar "$(jar_of "$module")" >"$WORK/$module.log" 2>&1 &
  pid=$!
  track_pid "$pid"   # runs in a $(...) subshell: bench_cleanup finds it in $WORK/pids
  deadline=$((SECONDS + 120))
  until ready_200 "$port"; do
    kill -0 "$pid" 2>/dev/null || die "$module exited during start: $(tail -n 20 "$WORK/$module.log")"
    [ $SECONDS -lt $deadline ] || { stop_pid "$pid"; die "$module not ready in 120 s: $(tail -n 20 "$WORK/$module.log")"; }
    sleep 0.02
  done
  t1=$(now_ms)
  rss=$(rss_mb "$pid")
  quarkus="$(sed -n 's/.* started in \([0-9.]*\)s\..*/\1/p' "$WORK/$module.log" | head -n1)"
  s0=$(now_ms)
  stop_pid "$pid" 30
  wait "$pid" 2>/dev/null || true
  s1=$(now_ms)
  echo "$(awk -v ms=$((t1 - t0)) 'BEGIN { printf "%.2f", ms / 1000 }') $rss ${quarkus:-?} $(awk -v ms=$((s1 - s0)) 'BEGIN { printf "%.2f", ms / 1000 }')"
}

COMMON_ENV=(CATAPULT_OIDC_URL="$OIDC_URL")
ROWS=()
service_rows() { # label module port env...
  local label=$1 module=$2 port=$3 first r i times=() rss=() quarkus=() stops=()
  shift 3
  [[ " $SERVICES " == *" $module "* ]] || return 0
  if [ ! -f "$(jar_of "$module")" ]; then
    ROWS+=("| $label | jar missing (./mvnw -B -q -pl $module package -DskipTests) | | | | | |")
    return
  fi
  log "$label: priming start (empty database)"
  first="$(measure "$module" "$port" "$@")"
  for ((i = 1; i <= RUNS; i++)); do
    r="$(measure "$module" "$port" "$@")"
    log "$label run $i: $r (s, MB RSS, Quarkus s, stop s)"
    read -r -a f <<<"$r"
    times+=("${f[0]}"); rss+=("${f[1]}"); quarkus+=("${f[2]}"); stops+=("${f[3]}")
  done
  read -r -a p <<<"$first"
  ROWS+=("| $label | $(printf '%s\n' "${times[@]}" | median) | ${times[*]} | $(printf '%s\n' "${rss[@]}" | median) | $(printf '%s\n' "${quarkus[@]}" | median) | ${p[0]} s, ${p[1]} MB | $(printf '%s\n' "${stops[@]}" | median) |")
}

PORT=$((BASE + 1))
fresh_db bench_start_registry
service_rows catapult-registry catapult-registry "$PORT" "${COMMON_ENV[@]}" REGISTRY_PORT="$PORT" \
  REGISTRY_DB_URL="$(jdbc_url bench_start_registry)" REGISTRY_DB_USER="$PGUSER_B" REGISTRY_DB_PASSWORD=bench
PORT=$((BASE + 2))
fresh_db bench_start_application
service_rows application-service application-service "$PORT" "${COMMON_ENV[@]}" APPLICATION_PORT="$PORT" \
  APPLICATION_DB_URL="$(jdbc_url bench_start_application)" APPLICATION_DB_USER="$PGUSER_B" APPLICATION_DB_PASSWORD=bench \
  REGISTRY_URL="http://127.0.0.1:$NOWHERE_PORT"
PORT=$((BASE + 3))
fresh_db bench_start_booking
service_rows facility-booking facility-booking "$PORT" "${COMMON_ENV[@]}" BOOKING_PORT="$PORT" \
  BOOKING_DB_URL="$(jdbc_url bench_start_booking)" BOOKING_DB_USER="$PGUSER_B" BOOKING_DB_PASSWORD=bench \
  REGISTRY_URL="http://127.0.0.1:$NOWHERE_PORT"
PORT=$((BASE + 4))
service_rows gateway gateway "$PORT" "${COMMON_ENV[@]}" GATEWAY_PORT="$PORT" \
  REGISTRY_URL="http://127.0.0.1:$NOWHERE_PORT" APPLICATION_URL="http://127.0.0.1:$NOWHERE_PORT" \
  BOOKING_URL="http://127.0.0.1:$NOWHERE_PORT" GATEWAY_PUBLIC_URL="http://127.0.0.1:$PORT"

# ---- ./catapult up ---------------------------------------------------------------------------------
STACK_PORTS=(8080 8081 8082 8083 8180 9000 9180 15432)
CATAPULT_ROWS=()
CATAPULT_NOTE=""
WARM_SECONDS=()
FRESH_SECONDS=()
descendants() { # pid: the pid and all its descendants
  local p c
  echo "$1"
  for p in $(pgrep -P "$1" 2>/dev/null || true); do descendants "$p"; done
}
# The launcher's process tree plus whatever listens on the stack's ports, with their descendants
# (pg_ctl detaches PostgreSQL from the launcher's tree).
stack_pids() {
  local p l
  {
    descendants "$1"
    for p in "${STACK_PORTS[@]}"; do
      for l in $(ss -Hltnp "sport = :$p" 2>/dev/null | grep -o 'pid=[0-9]*' | cut -d= -f2 | sort -u); do descendants "$l"; done
    done
  } | sort -u
}
cmdline_of() { # pid: the start of its command line, empty once it has exited
  { tr '\0' ' ' <"/proc/$1/cmdline"; } 2>/dev/null | cut -c1-60
}
listening_stack_ports() {
  local p
  for p in "${STACK_PORTS[@]}"; do port_free "$p" || echo "$p"; done
}
# catapult_run label [checkout data-folder skip-build]: starts ./catapult up, times it, stops it; appends a row
catapult_run() {
  local label=$1 checkout=${2:-$ROOT} data=${3:-$WORK/catapult-data} skip_build=${4:-true} t0 t1 tg="" pid deadline tree left said parts p
  t0=$(now_ms)
  (cd "$checkout" && exec env CATAPULT_DATA_DIR="$data" CATAPULT_SKIP_BUILD="$skip_build" ./catapult up --no-demo \
    >"$WORK/catapult-$label.log" 2>&1) &
  pid=$!
  track_pid "$pid"
  deadline=$((SECONDS + CATAPULT_TIMEOUT))
  until [ -n "$tg" ] && grep -q 'all parts ready' "$WORK/catapult-$label.log"; do
    [ -n "$tg" ] || ! ready_200 8080 || tg=$(now_ms)
    if ! kill -0 "$pid" 2>/dev/null; then
      CATAPULT_NOTE="./catapult up ($label) exited before it was ready: $(tail -n 5 "$WORK/catapult-$label.log" | tr '\n' ' ')"
      return 1
    fi
    if [ $SECONDS -ge $deadline ]; then
      CATAPULT_NOTE="./catapult up ($label) was not ready within ${CATAPULT_TIMEOUT}s"
      break
    fi
    sleep 0.05
  done
  t1=$(now_ms)
  # Gateway ready, as seen from outside, and the launcher's own account.
  said="$(sed -n 's/.*all parts ready \([0-9.]*\) s after start.*/\1/p' "$WORK/catapult-$label.log" | head -n1)"
  [ -n "$tg" ] || tg=$t1
  # Each part's readiness as the launcher logs it: "<part> | ready (...) 21.8 s after start".
  parts="$(sed -n 's/^\([a-z]*\) *| ready .* \([0-9.]*\) s after start.*/\1 \2/p' "$WORK/catapult-$label.log" | paste -sd',' - | sed 's/,/, /g')"
  # The services' build, when the launcher ran one: "build | done 64.3 s after start".
  local built
  built="$(sed -n 's/^build *| done \([0-9.]*\) s after start.*/\1/p' "$WORK/catapult-$label.log" | head -n1)"
  [ -z "$built" ] || parts="$parts, services' build done $built"
  tree="$(stack_pids "$pid")"
  local -A names=()
  # A process of the tree may have exited since it was listed (the AOT cache's assembly JVMs do, about then):
  # no cmdline then, and a zombie's status has no VmRSS line. It counts as 0.
  for p in $tree; do names[$p]="$(cmdline_of "$p")"; done
  local total_rss=0
  for p in $tree; do total_rss=$((total_rss + $(awk '/^VmRSS/ { r = $2 } END { print r + 0 }' "/proc/$p/status" 2>/dev/null || echo 0))); done
  log "./catapult up ($label): ready after $((t1 - t0)) ms; stopping it (SIGTERM to pid $pid)"
  local s0 s1
  s0=$(now_ms)
  stop_pid "$pid" 90
  wait "$pid" 2>/dev/null || true
  s1=$(now_ms)
  # The launcher has exited; give what it stopped (PostgreSQL's shutdown checkpoint, say) up to 20 s.
  local i
  for ((i = 0; i < 100; i++)); do
    left=""
    # Alive and still the same program (a reused pid is someone else's process).
    for p in $tree; do
      [ "$(cmdline_of "$p")" = "${names[$p]}" ] && [ -n "${names[$p]}" ] && left="$left $p"
    done
    [ -n "$left" ] || break
    sleep 0.2
  done
  if [ -n "$left" ]; then
    local named=""
    for p in $left; do named="$named $p (${names[$p]:-?})"; done
    CATAPULT_NOTE="$CATAPULT_NOTE 20 s after the launcher exited ($label), these processes of the stack were still alive and were killed:$named."
    for p in $left; do kill -9 "$p" 2>/dev/null || true; done
  fi
  local open
  open="$(listening_stack_ports | paste -sd' ' - || true)"
  [ -z "$open" ] || CATAPULT_NOTE="$CATAPULT_NOTE After stopping ($label), ports still listening: $open."
  local took
  took="$(awk -v ms=$((t1 - t0)) 'BEGIN { printf "%.1f", ms / 1000 }')"
  case $label in
    warm*) WARM_SECONDS+=("$took") ;;
    fresh*) FRESH_SECONDS+=("$took") ;;
  esac
  CATAPULT_ROWS+=("| ./catapult up, $label | $(awk -v ms=$((tg - t0)) 'BEGIN { printf "%.1f", ms / 1000 }') | $(awk -v ms=$((t1 - t0)) 'BEGIN { printf "%.1f", ms / 1000 }') | ${said:-?} | ${parts:-?} | $((total_rss / 1024)) MB in $(wc -w <<<"$tree") processes | $(awk -v ms=$((s1 - s0)) 'BEGIN { printf "%.1f", ms / 1000 }') | ${left:+NOT all stopped by SIGTERM (see below)}${left:-all stopped, ports free} |")
}

if [ "$CATAPULT" = skip ]; then
  CATAPULT_NOTE="./catapult up was not measured (CATAPULT=skip)."
elif [ ! -x "$ROOT/catapult" ] || [ ! -f "$ROOT/launcher/target/launcher-1.0.0-SNAPSHOT.jar" ]; then
  CATAPULT_NOTE="./catapult up was not measured: ./catapult or its launcher jar is missing."
elif [ -n "$(listening_stack_ports)" ]; then
  CATAPULT_NOTE="./catapult up was not measured: ports $(listening_stack_ports | paste -sd' ' -) are in use (another stack runs)."
else
  log "./catapult up, cold (fresh data folder: unpacks Keycloak, initdb, imports the realm, loads demo data)"
  if catapult_run "cold start (first run, empty data folder)"; then
    for ((i = 1; i <= WARM; i++)); do
      log "./catapult up, warm $i of $WARM"
      catapult_run "warm start $i (same data folder)" || break
    done
  fi
  for ((i = 1; i <= FRESH; i++)); do
    git clone -q "$ROOT" "$WORK/clone-$i"
    log "./catapult up, fresh clone $i of $FRESH (HEAD $(git -C "$WORK/clone-$i" rev-parse --short HEAD), empty data folder; builds)"
    catapult_run "fresh clone $i" "$WORK/clone-$i" "$WORK/clone-data-$i" false || break
    rm -rf "$WORK/clone-$i" "$WORK/clone-data-$i"
  done
  [ ${#WARM_SECONDS[@]} -eq 0 ] || WARM_NOTE="Warm start to all parts ready, ${#WARM_SECONDS[@]} runs: median $(printf '%s\n' "${WARM_SECONDS[@]}" | median) s $(printf '%s\n' "${WARM_SECONDS[@]}" | spread 1 1)."
  # Counted from the runs that finished: a clone that failed to start ends the loop, and its note says why.
  [ ${#FRESH_SECONDS[@]} -eq 0 ] || FRESH_NOTE="Fresh clone to all parts ready, ${#FRESH_SECONDS[@]} of $FRESH runs: median $(printf '%s\n' "${FRESH_SECONDS[@]}" | median) s $(printf '%s\n' "${FRESH_SECONDS[@]}" | spread 1 1)."
fi

{
  md_header "Start-up time and memory" "$COMMAND"
  echo "- Load average at start was $LOAD_AT_START; at the end $(cut -d' ' -f1-3 /proc/loadavg)."
  echo "- Each service: one priming start on an empty database (Flyway migrations), then $RUNS measured starts on the migrated database. Time = fork of \`java -jar quarkus-run.jar\` (from a copy of each target/quarkus-app taken at script start) to the first 200 from /q/health/ready (20 ms polling); RSS = VmRSS at that moment."
  echo
  [ ${#ROWS[@]} -eq 0 ] || {
  echo "| Service | Start-up s (median) | Start-up s (each run) | RSS MB (median) | Quarkus says s (median) | First start, empty database | Stop s (median, SIGTERM to exit) |"
  echo "|---|---:|---|---:|---:|---|---:|"
  printf '%s\n' "${ROWS[@]}"
  echo
  }
  if [ ${#CATAPULT_ROWS[@]} -gt 0 ]; then
    echo "| Whole stack | Until gateway ready, s | Until all parts ready, s | Launcher says \"all parts ready\", s | Each part ready (launcher's log), s after start | RSS of all its processes at ready | Stop s | Afterwards |"
    echo "|---|---:|---:|---:|---|---|---:|---|"
    printf '%s\n' "${CATAPULT_ROWS[@]}"
    echo
  fi
  [ -z "$CATAPULT_NOTE" ] || { echo "$CATAPULT_NOTE"; echo; }
  [ -z "${WARM_NOTE:-}" ] || { echo "$WARM_NOTE"; echo; }
  [ -z "${FRESH_NOTE:-}" ] || { echo "$FRESH_NOTE"; echo; }
} >"$OUT"
cat "$OUT"
save_result startup "$OUT"
