# Shared helpers for bench/*.sh (sourced, not run). Each benchmark script starts everything it needs
# (OIDC stub, services, throwaway databases), bounds every run in time, sends traffic only to 127.0.0.1,
# and stops what it started on exit.
# shellcheck shell=bash

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH_DIR/.." && pwd)"
RESULTS_DIR="$BENCH_DIR/results"
# The JVM options of a long-running service: the heap cap the launcher and the Kubernetes manifests' memory limits
# assume, both JIT compilers, the serial collector. Every figure since 2026-11-27 used them. Not the launcher's
# (C1 only, for quick local starts): startup.sh measures starts with those.
BENCH_JAVA_OPTS="${BENCH_JAVA_OPTS:--Xmx256m -XX:+UseSerialGC}"

PIDS=()          # processes this script started ("pid:start-time"), stopped in reverse order on exit
DATABASES=()     # throwaway databases this script created, dropped on exit
WORK=""

log() { echo "[bench $(date +%H:%M:%S)] $*" >&2; }

# settings NAME=default ...: sets each NAME from the environment or, when it is unset or empty there, to its
# default, and appends "NAME=value" (quoted when it holds a space or another character the shell would read)
# to SETTINGS, so that a script's COMMAND line, which reproduces the run, is not a second copy of its settings.
SETTINGS=""
settings() {
  local kv name value
  for kv in "$@"; do
    name=${kv%%=*}
    value=${!name:-${kv#*=}}
    printf -v "$name" '%s' "$value"
    if [[ "$value" =~ ^[A-Za-z0-9_.,:/@%+=-]+$ ]]; then
      SETTINGS+="$name=$value "
    elif [[ "$value" != *[\"\$\`\\!]* ]]; then
      SETTINGS+="$name=\"$value\" "
    else
      SETTINGS+="$name=$(printf '%q' "$value") "
    fi
  done
}
die() { log "ERROR: $*"; exit 1; }

need_tools() {
  local missing=()
  for t in "$@"; do command -v "$t" >/dev/null 2>&1 || missing+=("$t"); done
  [ ${#missing[@]} -eq 0 ] || die "missing tools: ${missing[*]} (Debian: apt-get install -y wrk postgresql-client curl openjdk-17-jdk-headless)"
}

make_work() {
  WORK="$(mktemp -d "/tmp/katapult-bench-$1.XXXXXX")"
  chmod 755 "$WORK"
  trap bench_cleanup EXIT
  trap 'exit 130' INT TERM
}

stop_pid() { # pid [grace seconds]: SIGTERM, then SIGKILL if it lingers
  local pid=$1 grace=${2:-15} i
  kill -0 "$pid" 2>/dev/null || return 0
  kill "$pid" 2>/dev/null || true
  for ((i = 0; i < grace * 10; i++)); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  log "pid $pid ignored SIGTERM for ${grace}s; killing it"
  kill -9 "$pid" 2>/dev/null || true
}

# The kernel's start time of a process (field 22 of /proc/<pid>/stat): with the pid it names one
# process for good, so a pid reused by someone else's process is never signalled.
start_time() { local s; s="$(cat "/proc/$1/stat" 2>/dev/null)" || return 0; read -ra f <<<"${s##*) }"; echo "${f[19]}"; }

# Remembers a process this script started, also across subshells ($WORK/pids), for bench_cleanup.
track_pid() {
  local entry
  entry="$1:$(start_time "$1")"
  PIDS+=("$entry")
  [ -z "$WORK" ] || echo "$entry" >>"$WORK/pids"
}

stop_tracked() { # "pid:start-time"
  local pid=${1%%:*} started=${1#*:}
  [ -n "$started" ] && [ "$(start_time "$pid")" = "$started" ] || return 0
  stop_pid "$pid"
}

bench_cleanup() {
  local rc=$? i db entry
  for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do stop_tracked "${PIDS[$i]}"; done
  if [ -n "$WORK" ] && [ -f "$WORK/pids" ]; then
    while read -r entry; do stop_tracked "$entry"; done < <(tac "$WORK/pids")
  fi
  for db in "${DATABASES[@]}"; do pg_sql postgres "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true; done
  if [ -n "${PRIVATE_PG:-}" ]; then
    runuser -u postgres -- "$PG_BINDIR/pg_ctl" -D "$WORK/pgdata" -m fast stop >/dev/null 2>&1 || true
  fi
  if [ -n "$WORK" ] && [ -z "${BENCH_KEEP_WORK:-}" ]; then rm -rf "$WORK"; fi
  exit $rc
}

# nginx_conf_head workers connections: the start of an nginx.conf that keeps its pid, error log and temporary
# files in $WORK (as root: runs its workers as root) and writes no access log. The caller adds its servers
# and the closing "}" of the http block.
nginx_conf_head() {
  local user_line=""
  [ "$(id -u)" != 0 ] || user_line="user root;"
  cat <<CONF
$user_line
worker_processes $1;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log warn;
events { worker_connections $2; }
http {
  access_log off;
  client_body_temp_path $WORK/nginx-body; proxy_temp_path $WORK/nginx-proxy;
  fastcgi_temp_path $WORK/nginx-fcgi; uwsgi_temp_path $WORK/nginx-uwsgi; scgi_temp_path $WORK/nginx-scgi;
CONF
}

port_free() { ! ss -Hltn "sport = :$1" 2>/dev/null | grep -q .; }

require_free_ports() {
  local p
  for p in "$@"; do port_free "$p" || die "port $p is in use; set BENCH_PORT_BASE to a free range (18100-18199 by default)"; done
}

# ---- machine description and Markdown output ---------------------------------------------------

machine_line() {
  local cpu mem
  cpu="$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n1)"
  mem="$(awk '/^MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)"
  echo "$(nproc) cores, ${cpu:-unknown CPU}, $mem RAM, $(uname -sr)"
}

md_header() { # title, command
  echo "## $1"
  echo
  echo "- Machine: $(machine_line)"
  echo "- Java: $(java -version 2>&1 | head -n1 | sed 's/"//g'), service JVM options: \`$BENCH_JAVA_OPTS\`"
  [ -n "${PG_DESC:-}" ] && echo "- PostgreSQL: $PG_DESC"
  echo "- Command: \`$2\`"
  echo "- Date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo
}

save_result() { # name, file with the Markdown
  mkdir -p "$RESULTS_DIR"
  local out
  out="$RESULTS_DIR/$1-$(date -u +%Y%m%dT%H%M%SZ).md"
  cp "$2" "$out"
  log "saved $out"
}

# ---- PostgreSQL ------------------------------------------------------------------------------
# The machine's PostgreSQL on 127.0.0.1:5432 (trust auth for local TCP on these machines). When it is
# not there, a private cluster from the machine's PostgreSQL binaries on $BENCH_PRIVATE_PG_PORT.

PGHOST_B="${BENCH_PGHOST:-127.0.0.1}"
PGPORT_B="${BENCH_PGPORT:-5432}"
PGUSER_B="${BENCH_PGUSER:-postgres}"

pg_sql() { # db, sql
  PGOPTIONS='-c client_min_messages=warning' PGCONNECT_TIMEOUT=5 psql -X -q -v ON_ERROR_STOP=1 -h "$PGHOST_B" -p "$PGPORT_B" -U "$PGUSER_B" -d "$1" -At -c "$2"
}

pg_file() { # db, file
  PGOPTIONS='-c client_min_messages=warning' PGCONNECT_TIMEOUT=5 psql -X -q -v ON_ERROR_STOP=1 -h "$PGHOST_B" -p "$PGPORT_B" -U "$PGUSER_B" -d "$1" -f "$2"
}

pg_ensure() {
  if pg_sql postgres "SELECT 1" >/dev/null 2>&1; then
    PG_DESC="$(pg_sql postgres "SHOW server_version" | cut -d' ' -f1) at $PGHOST_B:$PGPORT_B (the machine's server, shared with other work on the machine; fsync=$(pg_sql postgres "SHOW fsync"), synchronous_commit=$(pg_sql postgres "SHOW synchronous_commit"), shared_buffers=$(pg_sql postgres "SHOW shared_buffers"))"
    return 0
  fi
  PG_BINDIR="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)"
  [ -n "$PG_BINDIR" ] || die "no PostgreSQL at $PGHOST_B:$PGPORT_B and no server binaries in /usr/lib/postgresql"
  [ "$(id -u)" = 0 ] && id postgres >/dev/null 2>&1 || die "a private PostgreSQL needs root and a postgres user"
  log "no PostgreSQL at $PGHOST_B:$PGPORT_B; starting a private cluster on ${BENCH_PRIVATE_PG_PORT:-18199}"
  PGPORT_B="${BENCH_PRIVATE_PG_PORT:-18199}"
  require_free_ports "$PGPORT_B"
  chown postgres "$WORK"
  runuser -u postgres -- "$PG_BINDIR/initdb" -D "$WORK/pgdata" -U postgres --auth=trust -E UTF8 >"$WORK/initdb.log" 2>&1
  runuser -u postgres -- "$PG_BINDIR/pg_ctl" -D "$WORK/pgdata" -l "$WORK/pg.log" -w \
    -o "-p $PGPORT_B -k $WORK -c listen_addresses=127.0.0.1 -c max_connections=200" start >/dev/null
  PRIVATE_PG=1
  PG_DESC="$(pg_sql postgres "SHOW server_version" | cut -d' ' -f1), a private cluster at 127.0.0.1:$PGPORT_B started by this script (default settings, fsync on)"
}

fresh_db() { # name: drop and create a throwaway database, dropped again on exit
  pg_sql postgres "DROP DATABASE IF EXISTS $1 WITH (FORCE)" >/dev/null
  pg_sql postgres "CREATE DATABASE $1" >/dev/null
  DATABASES+=("$1")
}

jdbc_url() { echo "jdbc:postgresql://$PGHOST_B:$PGPORT_B/$1"; }

# ---- processes -------------------------------------------------------------------------------

# The packaged service, from the snapshot this script took (see snapshot_apps) when there is one.
jar_of() {
  if [ -n "$WORK" ] && [ -f "$WORK/apps/$1/quarkus-run.jar" ]; then
    echo "$WORK/apps/$1/quarkus-run.jar"
  else
    echo "$ROOT/$1/target/quarkus-app/quarkus-run.jar"
  fi
}

# Copies each module's target/quarkus-app into the work folder, so a rebuild of a module by someone
# else during the run cannot pull jars from under a running or starting service. Missing modules are skipped.
snapshot_apps() {
  local m
  for m in "$@"; do
    [ -f "$ROOT/$m/target/quarkus-app/quarkus-run.jar" ] || continue
    mkdir -p "$WORK/apps"
    cp -a "$ROOT/$m/target/quarkus-app" "$WORK/apps/$m"
  done
}

require_jar() {
  [ -f "$(jar_of "$1")" ] || die "$(jar_of "$1") is missing; build it with: ./mvnw -B -q -pl $1 package -DskipTests"
}

start_oidc_stub() { # port; sets OIDC_URL
  require_free_ports "$1"
  # Compiled once into the work folder, so the start is a plain class launch.
  mkdir -p "$WORK/stub"
  javac -d "$WORK/stub" "$BENCH_DIR/tools/OidcStub.java" 2>"$WORK/stub-javac.log" || die "OidcStub does not compile: $(cat "$WORK/stub-javac.log")"
  java -Xmx64m -cp "$WORK/stub" OidcStub "$1" >"$WORK/oidc-stub.log" 2>&1 &
  track_pid $!
  OIDC_PORT=$1
  OIDC_URL="http://127.0.0.1:$1/realms/bench"
  wait_http "$OIDC_URL/.well-known/openid-configuration" 30 || die "the OIDC stub did not start: $(cat "$WORK/oidc-stub.log")"
}

mint() { # query string, e.g. "user=admin&roles=siva-admin"
  curl -fsS "http://127.0.0.1:$OIDC_PORT/mint?$1"
}

wait_http() { # url, seconds
  local deadline=$((SECONDS + $2))
  until curl -fs -o /dev/null --max-time 2 "$1"; do
    [ $SECONDS -lt $deadline ] || return 1
    sleep 0.2
  done
}

# start_service module log-name env... : starts the packaged jar with the given env; sets LAST_PID
start_service() {
  local module=$1 name=$2
  shift 2
  require_jar "$module"
  # shellcheck disable=SC2086
  env "$@" java $BENCH_JAVA_OPTS -jar "$(jar_of "$module")" >"$WORK/$name.log" 2>&1 &
  LAST_PID=$!
  track_pid "$LAST_PID"
}

wait_ready() { # port, seconds, log name
  wait_http "http://127.0.0.1:$1/q/health/ready" "$2" || die "service on port $1 not ready in $2 s; log: $(tail -n 30 "$WORK/$3.log")"
}

# booking_stack_begin work-name: what the benches of the booking stack (registry, facility-booking, the gateway when
# it is built) do first: their ports from BENCH_PORT_BASE (stub +0, registry +1, booking +2, gateway +3, a closed
# port +4), the tools and jars, a work folder, OUT, and the load average before anything starts.
booking_stack_begin() {
  STUB_PORT=$BENCH_PORT_BASE; REGISTRY_PORT=$((BENCH_PORT_BASE + 1)); BOOKING_PORT=$((BENCH_PORT_BASE + 2))
  GATEWAY_PORT=$((BENCH_PORT_BASE + 3)); NOWHERE_PORT=$((BENCH_PORT_BASE + 4))
  need_tools java javac curl wrk psql pgbench ss awk
  require_jar catapult-registry
  require_jar facility-booking
  WITH_GATEWAY=false
  [ -f "$(jar_of gateway)" ] && WITH_GATEWAY=true
  make_work "$1"
  snapshot_apps catapult-registry facility-booking gateway
  require_free_ports "$STUB_PORT" "$REGISTRY_PORT" "$BOOKING_PORT" "$GATEWAY_PORT"
  OUT="$WORK/result.md"
  LOAD_AT_START="$(cut -d' ' -f1-3 /proc/loadavg)"
}

# start_registry_and_booking registry-db booking-db: the OIDC stub on STUB_PORT, then catapult-registry
# on REGISTRY_PORT and facility-booking on BOOKING_PORT (calling that registry), each on a fresh
# database of that name. Sets COMMON_ENV (for any further service), REGISTRY_PID and BOOKING_PID; the
# caller waits with wait_ready, so that a further service can start in the meantime.
start_registry_and_booking() {
  fresh_db "$1"
  fresh_db "$2"
  start_oidc_stub "$STUB_PORT"
  COMMON_ENV=(CATAPULT_OIDC_URL="$OIDC_URL" QUARKUS_LOG_CONSOLE_LEVEL=WARN)
  log "starting catapult-registry on $REGISTRY_PORT and facility-booking on $BOOKING_PORT"
  start_service catapult-registry registry "${COMMON_ENV[@]}" REGISTRY_PORT="$REGISTRY_PORT" \
    REGISTRY_DB_URL="$(jdbc_url "$1")" REGISTRY_DB_USER="$PGUSER_B" REGISTRY_DB_PASSWORD=bench
  REGISTRY_PID=$LAST_PID
  start_service facility-booking booking "${COMMON_ENV[@]}" BOOKING_PORT="$BOOKING_PORT" \
    BOOKING_DB_URL="$(jdbc_url "$2")" BOOKING_DB_USER="$PGUSER_B" BOOKING_DB_PASSWORD=bench \
    REGISTRY_URL="http://127.0.0.1:$REGISTRY_PORT"
  BOOKING_PID=$LAST_PID
}

# How long the gateway's breaker stays open (GATEWAY_CB_DELAY) in the benches.
GATEWAY_BREAKER_DELAY_S=10
# wait_breaker_closed: wrk closes its connections with requests in flight when a run ends; the gateway counts those
# aborted upstream exchanges as failures and may open the service's breaker. Waits until it has closed again, so
# that the next run through the gateway does not see only 503 circuit-open.
wait_breaker_closed() { sleep $((GATEWAY_BREAKER_DELAY_S + 1)); }

# The registry and facility-booking on the databases $1 and $2, and the gateway in front of them when
# WITH_GATEWAY is true; returns when each is ready.
booking_stack_up() {
  start_registry_and_booking "$1" "$2"
  GATEWAY_PID=""
  if $WITH_GATEWAY; then start_gateway; fi
  wait_ready "$REGISTRY_PORT" 120 registry
  wait_ready "$BOOKING_PORT" 120 booking
  GATEWAY_NOTE=""
  if $WITH_GATEWAY; then gateway_ready; fi
}

# Round $1's direct runs, with the script's own run_wrk: each of LOADS connections against BOOK_URL for
# DURATION seconds.
run_direct_loads() {
  local c
  for c in $LOADS; do
    log "round $1: direct, $c connections, ${DURATION}s"
    run_wrk direct "$BOOK_URL" "$c" "$DURATION"
  done
}

# start_gateway: the packaged gateway on GATEWAY_PORT in front of the registry and facility-booking (application-service
# at a closed port), rate limits off (per client, per address, availability's): one benchmark client is not abuse.
# Sets GATEWAY_PID.
start_gateway() {
  log "starting the gateway on $GATEWAY_PORT (rate limits off: one benchmark client is not abuse)"
  start_service gateway gateway "${COMMON_ENV[@]}" GATEWAY_PORT="$GATEWAY_PORT" GATEWAY_RATE_LIMIT_ENABLED=false GATEWAY_CB_DELAY="${GATEWAY_BREAKER_DELAY_S}S" \
    GATEWAY_IP_RATE_LIMIT_ENABLED=false GATEWAY_AVAILABILITY_RATE_LIMIT_CAPACITY=100000000 \
    GATEWAY_AVAILABILITY_RATE_LIMIT_REFILL_TOKENS=100000000 \
    REGISTRY_URL="http://127.0.0.1:$REGISTRY_PORT" BOOKING_URL="http://127.0.0.1:$BOOKING_PORT" \
    APPLICATION_URL="http://127.0.0.1:$NOWHERE_PORT" GATEWAY_PUBLIC_URL="http://127.0.0.1:$GATEWAY_PORT"
  GATEWAY_PID=$LAST_PID
}

# gateway_ready: waits for the gateway; if it never gets ready, stops it and leaves it out of the run
# (WITH_GATEWAY=false, GATEWAY_NOTE says why).
gateway_ready() {
  wait_http "http://127.0.0.1:$GATEWAY_PORT/q/health/ready" 120 && return 0
  GATEWAY_NOTE="The gateway did not become ready, so it was left out: $(grep -m1 -E 'ERROR|Exception' "$WORK/gateway.log" || tail -n1 "$WORK/gateway.log")"
  log "$GATEWAY_NOTE"
  stop_pid "$GATEWAY_PID"
  WITH_GATEWAY=false
  GATEWAY_PID=""
}

# ---- data ------------------------------------------------------------------------------------

# Valid Norwegian organisation numbers (MOD11, weights 3 2 7 6 5 4 3 2), starting at 920000000 + offset.
org_numbers() { # count [offset]
  awk -v n="$1" -v off="${2:-0}" 'BEGIN {
    split("3 2 7 6 5 4 3 2", w, " ");
    for (base = 92000000 + off; found < n; base++) {
      s = base ""; sum = 0;
      for (i = 1; i <= 8; i++) sum += substr(s, i, 1) * w[i];
      r = sum % 11; if (r == 1) continue;
      c = (r == 0) ? 0 : 11 - r;
      print s c; found++;
    }
  }'
}

# POST or PUT JSON; prints the new resource id from Location (or the body when there is none).
api_write() { # method, url, token, json
  local headers status
  headers="$(mktemp "$WORK/h.XXXXXX")"
  status="$(curl -sS -o "$headers.body" -D "$headers" -w '%{http_code}' -X "$1" "$2" \
    -H "Authorization: Bearer $3" -H 'Content-Type: application/json' --data "$4")"
  case "$status" in
    2??) ;;
    *) log "$1 $2 -> $status: $(cat "$headers.body")"; rm -f "$headers" "$headers.body"; return 1 ;;
  esac
  sed -n 's/^[Ll]ocation: .*\/\([^/[:space:]]*\)[[:space:]]*$/\1/p' "$headers"
  rm -f "$headers" "$headers.body"
}

create_centre() { # registry url, admin token, code; prints the id
  api_write POST "$1/api/v1/centres" "$2" "{\"code\":\"$3\",\"name\":\"Benchmark centre $3\",\"kind\":\"NATIONAL_CENTRE\",
    \"status\":\"ESTABLISHED\",\"address\":{\"street\":\"Testveien 1\",\"postcode\":\"0150\",\"municipality\":\"Oslo\",\"county\":\"Oslo\"}}"
}

# A facility open 00:00-24:00 all week, 15-minute grid, no lead time, no buffer, the longest horizon,
# no approval: many distinct bookable slots. Prices give each booking SME aid.
create_facility() { # registry url, admin token, centre id, name [buffer minutes]; prints the id
  local day hours="" buffer="${5:-0}"
  for day in MONDAY TUESDAY WEDNESDAY THURSDAY FRIDAY SATURDAY SUNDAY; do
    hours="$hours${hours:+,}\"$day\":[{\"from\":\"00:00\",\"to\":\"24:00\"}]"
  done
  api_write POST "$1/api/v1/facilities" "$2" "{\"centreId\":\"$3\",\"name\":\"$4\",\"type\":\"LAB\",
    \"capabilities\":[\"benchmark\"],\"capacity\":4,\"openingHours\":{$hours},\"closures\":[],
    \"bookingRules\":{\"minDurationMinutes\":15,\"maxDurationMinutes\":1440,\"slotGranularityMinutes\":15,
      \"leadTimeHours\":0,\"horizonDays\":1095,\"bufferMinutes\":$buffer,\"requiresApproval\":false,
      \"freeCancellationNoticeHours\":0},
    \"standardPrice\":{\"amount\":100.00,\"currency\":\"NOK\"},\"smePrice\":{\"amount\":50.00,\"currency\":\"NOK\"},
    \"bookable\":true,\"active\":true}"
}

create_equipment() { # registry url, admin token, facility id, name; prints the id
  api_write POST "$1/api/v1/equipment" "$2" "{\"facilityId\":\"$3\",\"name\":\"$4\",\"category\":\"benchmark-rig\",
    \"bookable\":true}"
}

sme_declaration_json() { # name
  echo "{\"name\":\"$1\",\"kind\":\"COMPANY\",\"smeDeclaration\":{\"employees\":12,
    \"annualTurnover\":{\"amount\":18500000.00,\"currency\":\"NOK\"},
    \"balanceSheetTotal\":{\"amount\":9200000.00,\"currency\":\"NOK\"},\"fiscalYear\":2025,\"hasLinkedEnterprises\":false}}"
}

# ---- CPU accounting: where the cores went during a run -----------------------------------------
# Ticks (utime + stime, 1/100 s) of the given processes; missing processes count 0.
# rss_mb pid: the resident memory of a process in MB (VmRSS), "?" once it is gone.
rss_mb() { awk '/^VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status" 2>/dev/null || echo "?"; }

cpu_ticks() {
  local total=0 pid stat f
  for pid in "$@"; do
    stat="$(cat "/proc/$pid/stat" 2>/dev/null)" || continue
    read -ra f <<<"${stat##*) }"   # fields after "pid (comm) ": f[0] is state, f[11] utime, f[12] stime
    total=$((total + f[11] + f[12]))
  done
  echo "$total"
}

# The PostgreSQL server process and its children (backends, walwriter, checkpointer ...).
pg_tree_pids() {
  local master stat f d
  master="$(ss -Hltnp "sport = :$PGPORT_B" 2>/dev/null | grep -o 'pid=[0-9]*' | head -n1 | cut -d= -f2)"
  [ -n "$master" ] || return 0
  echo "$master"
  for d in /proc/[0-9]*; do
    stat="$(cat "$d/stat" 2>/dev/null)" || continue
    read -ra f <<<"${stat##*) }"
    [ "${f[1]}" = "$master" ] && echo "${d#/proc/}"
  done
  return 0
}

# spread divisor [decimals]: "[lowest–highest]" of the numbers on stdin, each divided by divisor.
spread() { tr ' ' '\n' | grep -v '^$' | sort -g | awk -v k="$1" -v d="${2:-0}" '{ v[NR] = $1 / k } END { printf "[%.*f–%.*f]", d, v[1], d, v[NR] }'; }

# field name line: the value of name=value in a wrk RESULT line (or a "|"-separated run line).
field() { sed -n "s/.*[ |]$1=\([^ |]*\).*/\1/p" <<<"$2"; }

# The median of the numbers on stdin, separated by spaces or newlines.
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# Machine-wide busy and total ticks from /proc/stat (all cores).
machine_ticks() { awk '/^cpu / {busy = $2 + $3 + $4 + $7 + $8 + $9; total = busy + $5 + $6; print busy, total}' /proc/stat; }

# cores used = ticks / (100 * seconds)
cores() { awk -v t="$1" -v s="$2" 'BEGIN { printf "%.2f", t / (100 * s) }'; }

# ---- optional profiling (PROFILE=1): JDK Flight Recorder on a running service -----------------------
# jfr view (hot-methods, gc-pauses ...) exists from JDK 21 on; a newer JDK's jfr reads JDK 17 recordings.
jfr_tool() {
  local j
  for j in /usr/lib/jvm/*/bin/jfr; do
    [[ "$("$j" view 2>&1 || true)" == *hot-methods* ]] && { echo "$j"; return 0; }
  done
  return 0
}

jfr_start() { jcmd "$1" JFR.start name=bench settings=profile >/dev/null 2>&1 || log "JFR.start failed for pid $1"; }

# jfr_report pid name: stops the recording, saves it in bench/results/, prints Markdown with the views
jfr_report() {
  local pid=$1 name=$2 file tool view
  file="$WORK/$name.jfr"
  jcmd "$pid" JFR.dump name=bench filename="$file" >/dev/null 2>&1 || { log "JFR.dump failed for $name"; return 0; }
  jcmd "$pid" JFR.stop name=bench >/dev/null 2>&1 || true
  mkdir -p "$RESULTS_DIR"
  cp "$file" "$RESULTS_DIR/$name-$(date -u +%Y%m%dT%H%M%SZ).jfr"
  tool="$(jfr_tool)"
  [ -n "$tool" ] || { echo "($name: recording saved in bench/results/; no jfr with 'view' (JDK 21+) to summarise it)"; return 0; }
  for view in hot-methods gc-pauses thread-cpu-load; do
    echo
    echo "$name, jfr view $view:"
    echo
    echo '```'
    "$tool" view --width 140 "$view" "$file" 2>&1 | sed '/^[[:space:]]*$/d' | head -n 22
    echo '```'
  done
}

# ---- optional CPU breakdown (PROFILE=cpu): async-profiler on a running service ----------------------
# async-profiler (tools.profiler:async-profiler, Maven Central) samples every thread, JIT compilers and
# native code included, on the process's CPU time (itimer: no perf_events needed). JFR's execution samples
# see Java frames only, so they miss the compilers.
ASYNC_PROFILER_VERSION=4.2
async_profiler_lib() {
  local jar="$HOME/.m2/repository/tools/profiler/async-profiler/$ASYNC_PROFILER_VERSION/async-profiler-$ASYNC_PROFILER_VERSION-linux-x64.jar"
  [ -f "$jar" ] || "$ROOT/mvnw" -q dependency:get -Dartifact="tools.profiler:async-profiler:$ASYNC_PROFILER_VERSION:jar:linux-x64" >&2 \
    || die "could not fetch async-profiler $ASYNC_PROFILER_VERSION"
  [ -f "$WORK/async-profiler/linux-x64/libasyncProfiler.so" ] || (mkdir -p "$WORK/async-profiler" && cd "$WORK/async-profiler" && unzip -q -o "$jar")
  echo "$WORK/async-profiler/linux-x64/libasyncProfiler.so"
}

# cpu_profile_start pid: attaches async-profiler and starts sampling (every 2 ms of CPU). PROFILE_EVENT=alloc
# samples allocations instead (one sample per 512 KiB allocated; the breakdown then shares out bytes).
cpu_profile_start() {
  local event="event=itimer,interval=2ms"
  [ "${PROFILE_EVENT:-itimer}" = alloc ] && event="event=alloc,alloc=512k"
  jcmd "$1" "JVMTI.agent_load $(async_profiler_lib) \"start,$event\"" >/dev/null || log "async-profiler did not start in pid $1"
}

# cpu_profile_report pid name: stops sampling, saves the stacks in bench/results/ and prints the breakdown.
cpu_profile_report() {
  local pid=$1 name=$2 file
  file="$WORK/$name.collapsed"
  jcmd "$pid" "JVMTI.agent_load $(async_profiler_lib) \"stop,file=$file,collapsed$([ "${PROFILE_EVENT:-itimer}" = alloc ] && echo ,total)\"" >/dev/null || { log "async-profiler did not stop in pid $1"; return 0; }
  mkdir -p "$RESULTS_DIR"
  cp "$file" "$RESULTS_DIR/$name-$(date -u +%Y%m%dT%H%M%SZ).collapsed"
  echo
  echo "$name, ${PROFILE_EVENT:-itimer} breakdown (async-profiler $ASYNC_PROFILER_VERSION):"
  echo
  python3 "$BENCH_DIR/tools/cpu_breakdown.py" "$file"
}

# The outbox events of a subsidised booking, in pgbench's SQL (needs :org, and common's outbox tables):
# booking.confirmed and aid.granted, as Outbox.publish writes them in the booking's transaction.
# The reader views as the service serialises them (BookingView, PartnerBookingView, AidEventView), with real
# field names and lengths; the values differ per booking only in ids and times, which does not change the cost.
BOOKING_VIEW='{"id":"1b4e28ba-2fa1-41d2-883f-0016d3cca427","resourceType":"FACILITY","resourceId":"00000000-0000-4000-8000-000000000007","resourceName":"Benchmark lab","facilityId":"00000000-0000-4000-8000-000000000007","facilityName":"Benchmark lab","centreCode":"bench-centre","location":"Oslo","orgNo":"920000123","bookedBy":"pgbench","start":"2030-01-01T01:00:00+01:00","end":"2030-01-01T01:15:00+01:00","purpose":"pgbench booking","status":"CONFIRMED","bufferMinutes":0,"freeCancellationNoticeHours":0,"priceBasis":"SME","hourlyPrice":{"amount":50.00,"currency":"NOK"},"totalPrice":{"amount":12.50,"currency":"NOK"},"standardPrice":{"amount":25.00,"currency":"NOK"},"aidAmount":{"amount":12.50,"currency":"NOK"},"createdAt":"2026-12-02T03:00:00.123456+01:00","updatedAt":"2026-12-02T03:00:00.123456+01:00"}'
PARTNER_VIEW='{"id":"1b4e28ba-2fa1-41d2-883f-0016d3cca427","resourceType":"FACILITY","resourceId":"00000000-0000-4000-8000-000000000007","facilityId":"00000000-0000-4000-8000-000000000007","centreCode":"bench-centre","start":"2030-01-01T01:00:00+01:00","end":"2030-01-01T01:15:00+01:00","status":"CONFIRMED"}'
AID_VIEW='{"orgNo":"920000123","bookingId":"1b4e28ba-2fa1-41d2-883f-0016d3cca427","amount":{"amount":12.50,"currency":"NOK"},"amountEur":1.09,"regulation":"(EU) 2023/2831"}'
publish_sql() { # type, subject expression, data, partner data (or NULL): one event, as Outbox.publish writes it
  printf '%s\n' \
    "INSERT INTO outbox_subject (subject, last_sequence) VALUES ($2, 1) ON CONFLICT (subject) DO UPDATE SET last_sequence = outbox_subject.last_sequence + 1 RETURNING last_sequence AS seq \\gset" \
    "INSERT INTO outbox_event (id, source, type, subject, sequence, occurred_at, org_no, data, partner_data) VALUES (gen_random_uuid(), '/katapult/facility-booking', '$1', $2, :seq, now(), :org::text, CAST('$3' AS jsonb), $4) ON CONFLICT (id) DO NOTHING;"
}
booking_events_sql() { # booking subject expression
  publish_sql no.katapult.booking.confirmed "$1" "$BOOKING_VIEW" "CAST('$PARTNER_VIEW' AS jsonb)"
  publish_sql no.katapult.aid.granted "'organisations/' || :org || '/aid'" "$AID_VIEW" "NULL"
}
