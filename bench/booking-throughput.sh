#!/usr/bin/env bash
# Booking creation throughput: many clients book DIFFERENT slots through facility-booking (directly,
# and through the gateway when its jar exists), then pgbench inserts single rows into the same table
# with the same exclusion constraint on the same PostgreSQL server: the physical limit a booking
# endpoint can approach. Prints a Markdown table and saves it in bench/results/ (git-ignored).
#
#   bench/booking-throughput.sh
#   DURATION=20 LOADS="16 64" bench/booking-throughput.sh
#
# What runs: an OIDC stub (bench/tools/OidcStub.java: discovery + JWKS + RS256 tokens shaped like the
# catapult realm's), the real packaged catapult-registry and facility-booking (and gateway), on
# throwaway databases bench_registry and bench_booking (plus bench_pgbench) on the machine's
# PostgreSQL at 127.0.0.1:5432 (or a private cluster of the machine's PostgreSQL binaries).
# The registry holds ORGS organisations with SME declarations and FACILITIES facilities open 24/7
# on a 15-minute grid with no lead time and a 1095-day horizon.
#
# Load generator: wrk with bench/tools/bookings.lua. wrk is C and event-driven, so on this 2-core
# machine it takes a few percent of a core where a JVM client would compete with the services for
# CPU and JIT; the Lua script gives every request its own slot and organisation. wrk drives a closed
# loop (C connections, one request in flight each): latency is service time under that concurrency.
#
# The services' RSS is reported at ready and after the load (warm-up and every run).
#
# Settings (env): DURATION=20 (s per measured run), WARMUP=30 (s; the JIT is still busy after 10),
# LOADS="16 64" (wrk connections), GATEWAY_LOAD=64, ORGS=400, FACILITIES=50, PGBENCH_CLIENTS="8 20",
# PGBENCH_DURATION=15, ROUNDS=3 (each figure is the median of the rounds), PROFILE=0 (1: JFR summary of booking and
# registry under the table; cpu: async-profiler's breakdown of their CPU over the first round's direct runs),
# BENCH_PORT_BASE=18100 (stub +0, registry +1, booking +2, gateway +3, closed port +4),
# BENCH_JAVA_OPTS (default lib.sh's "-Xmx256m -XX:+UseSerialGC", a long-running service's), BENCH_PGHOST/PORT/USER.
# About 7 minutes on the 2-core machine with ROUNDS=3.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

settings ROUNDS=3 DURATION=20 WARMUP=30 LOADS="16 64" GATEWAY_LOAD=64 ORGS=400 FACILITIES=50 PGBENCH_CLIENTS="8 20" \
  PGBENCH_DURATION=15 PROFILE=0 BENCH_PORT_BASE=18100
THREADS=2
SLOT_MINUTES=15
COMMAND="${SETTINGS}bench/booking-throughput.sh"

booking_stack_begin throughput

# ---- database and processes ------------------------------------------------------------------
pg_ensure
fresh_db bench_pgbench
booking_stack_up bench_registry bench_booking
rss_all() { echo "$(rss_mb "$BOOKING_PID") / $(rss_mb "$REGISTRY_PID") / $([ -n "$GATEWAY_PID" ] && rss_mb "$GATEWAY_PID" || echo -)"; }
RSS_AT_READY="$(rss_all)"
LOAD_START_S=$SECONDS

# ---- registry data: one centre, FACILITIES facilities, ORGS organisations with SME declarations ----
REG="http://127.0.0.1:$REGISTRY_PORT"
ADMIN="$(mint "user=bench-admin&roles=siva-admin")"
CENTRE="$(create_centre "$REG" "$ADMIN" bench-centre)" || die "could not create the centre"
: >"$WORK/facilities.txt"
for i in $(seq 1 "$FACILITIES"); do
  create_facility "$REG" "$ADMIN" "$CENTRE" "Benchmark lab $i" >>"$WORK/facilities.txt" || die "could not create a facility"
done
org_numbers "$ORGS" >"$WORK/orgs.txt"
export REG ADMIN WORK
put_org() {
  curl -fsS -o /dev/null -X PUT "$REG/api/v1/organisations/$1" -H "Authorization: Bearer $ADMIN" \
    -H 'Content-Type: application/json' --data "$(sme_declaration_json "Benchmark AS $1")"
}
export -f put_org sme_declaration_json
xargs -P 4 -I{} bash -c 'put_org {}' <"$WORK/orgs.txt" || die "could not declare the organisations"
while read -r org; do
  mint "user=sme-$org&roles=sme&org_no=$org"
  echo
done <"$WORK/orgs.txt" >"$WORK/tokens.txt"
log "registry: 1 centre, $(wc -l <"$WORK/facilities.txt") facilities, $(wc -l <"$WORK/orgs.txt") organisations"

# Slots start at the next whole hour plus one hour (lead time is 0; the 15-minute grid is anchored
# at local midnight, and every UTC quarter hour lies on it).
SLOT_BASE=$(( ($(date +%s) / 3600 + 2) * 3600 ))
NEXT_OFFSET=0
RUN_LINES=()
CREATED_ALL=0   # 201 answers of every run, warm-ups included: each must be a booking in the database

# run_wrk label url connections seconds: appends "label|c|RESULT..." to RUN_LINES
run_wrk() {
  local label=$1 url=$2 c=$3 secs=$4 result t0 t1 m0 m1 g0 g1 pg0 pg1 pgp
  pgp="$(pg_tree_pids | tr '\n' ' ')"
  t0=$(cpu_ticks "$BOOKING_PID"); g0=$(cpu_ticks "$REGISTRY_PID"); pg0=$(cpu_ticks $pgp)
  local gw0=0 gw1=0
  [ -n "$GATEWAY_PID" ] && gw0=$(cpu_ticks "$GATEWAY_PID")
  read -r m0 mt0 < <(machine_ticks)
  result="$(wrk -t "$THREADS" -c "$c" -d "${secs}s" --timeout 10s -s "$BENCH_DIR/tools/bookings.lua" "$url" \
    -- "$WORK/tokens.txt" "$WORK/facilities.txt" "$SLOT_BASE" "$SLOT_MINUTES" "$NEXT_OFFSET" "$THREADS" "$WORK/created-ids" \
    2>"$WORK/wrk-$label-$c.err" | tee "$WORK/wrk-$label-$c.out" | grep '^RESULT')" || die "wrk failed: $(cat "$WORK/wrk-$label-$c.err")"
  read -r m1 mt1 < <(machine_ticks)
  pgp="$pgp $(pg_tree_pids | tr '\n' ' ')"
  t1=$(cpu_ticks "$BOOKING_PID"); g1=$(cpu_ticks "$REGISTRY_PID"); pg1=$(cpu_ticks $(echo "$pgp" | tr ' ' '\n' | sort -u))
  [ -n "$GATEWAY_PID" ] && gw1=$(cpu_ticks "$GATEWAY_PID")
  local requests
  requests="$(sed 's/.*requests=\([0-9]*\).*/\1/' <<<"$result")"
  CREATED_ALL=$((CREATED_ALL + $(sed 's/.*created=\([0-9]*\).*/\1/' <<<"$result")))
  # The next run books slots after every slot this run could have touched: a thread's counter is at
  # most the run's request count (however unevenly wrk's threads shared the work), plus what was in flight.
  NEXT_OFFSET=$((NEXT_OFFSET + (requests + c + 1) * THREADS + 1000))
  RUN_LINES+=("$label|$c|$result|$(cores $((t1 - t0)) "$secs")|$(cores $((g1 - g0)) "$secs")|$(cores $((gw1 - gw0)) "$secs")|$(cores $((pg1 - pg0)) "$secs")|$(awk -v b=$((m1 - m0)) -v t=$((mt1 - mt0)) -v n="$(nproc)" 'BEGIN { printf "%.2f", b / t * n }')")
  local first
  first="$(grep -m1 'first non-201' "$WORK/wrk-$label-$c.err" || true)"
  [ -z "$first" ] || log "$label c=$c: $first"
  log "$label c=$c: $result"
}


BOOK_URL="http://127.0.0.1:$BOOKING_PORT"
log "warm-up ${WARMUP}s (JIT, connection pools, registry cache)"
run_wrk warmup "$BOOK_URL" 16 "$WARMUP"
if $WITH_GATEWAY; then
  # The gateway's JIT too: with only the 5 s before each gateway run, its first round measured its compiler.
  log "warm-up ${WARMUP}s through the gateway"
  run_wrk warmup-gw "http://127.0.0.1:$GATEWAY_PORT" 16 "$WARMUP"
  wait_breaker_closed
fi
RUN_LINES=()
# PROFILE=1: a JDK Flight Recorder recording of facility-booking and catapult-registry over the direct
# runs, summarised under the table (hot methods, GC pauses, CPU per thread).
# PROFILE=cpu: async-profiler over the same runs instead, with where each process's CPU went.
if [ "$PROFILE" = 1 ]; then jfr_start "$BOOKING_PID"; jfr_start "$REGISTRY_PID"; fi
if [ "$PROFILE" = cpu ]; then cpu_profile_start "$BOOKING_PID"; cpu_profile_start "$REGISTRY_PID"; fi
PROFILE_TEXT=""
# ROUNDS rounds, each every direct load and then the gateway, so that a drift of the machine's load
# touches every path alike; the table shows each cell's median and its spread over the rounds.
for round in $(seq 1 "$ROUNDS"); do
  run_direct_loads "$round"
  if [ "$PROFILE" = 1 ] && [ "$round" = 1 ]; then
    PROFILE_TEXT="$(jfr_report "$BOOKING_PID" booking-throughput-facility-booking; jfr_report "$REGISTRY_PID" booking-throughput-catapult-registry)"
  fi
  if [ "$PROFILE" = cpu ] && [ "$round" = 1 ]; then
    PROFILE_TEXT="$(cpu_profile_report "$BOOKING_PID" booking-throughput-facility-booking; cpu_profile_report "$REGISTRY_PID" booking-throughput-catapult-registry)"
  fi
  if $WITH_GATEWAY; then
    log "round $round: through the gateway, $GATEWAY_LOAD connections, ${DURATION}s"
    wait_breaker_closed
    run_wrk warmup-gw "http://127.0.0.1:$GATEWAY_PORT" 16 5
    unset 'RUN_LINES[${#RUN_LINES[@]}-1]'
    wait_breaker_closed
    run_wrk gateway "http://127.0.0.1:$GATEWAY_PORT" "$GATEWAY_LOAD" "$DURATION"
    wait_breaker_closed
  fi
done
RSS_AFTER_LOAD="$(rss_all)"
LOAD_SECONDS=$((SECONDS - LOAD_START_S))
BOOKINGS_IN_DB="$(pg_sql bench_booking "SELECT count(*) FROM booking")"
# Every 201 is a booking: the ids wrk read from Location, looked up in the database. The database may hold a
# few more: requests in flight when wrk ended a run were booked, but wrk never read their answers.
{ echo "CREATE TEMP TABLE answered (id text);"; echo "COPY answered FROM STDIN;"; cat "$WORK"/created-ids-* 2>/dev/null; echo '\.'
  echo "SELECT count(*) || ' ' || count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM booking b WHERE b.id::text = a.id)) FROM answered a;"
} >"$WORK/answered.sql"
read -r ANSWERED_201 MISSING_201 < <(PGOPTIONS='-c client_min_messages=warning' psql -X -q -v ON_ERROR_STOP=1 -h "$PGHOST_B" \
  -p "$PGPORT_B" -U "$PGUSER_B" -d bench_booking -At -f "$WORK/answered.sql")
OVERLAPS="$(pg_sql bench_booking "SELECT count(*) FROM booking a JOIN booking b ON a.facility_id = b.facility_id AND a.id < b.id AND a.period && b.period AND a.target && b.target WHERE a.status IN ('REQUESTED','CONFIRMED') AND b.status IN ('REQUESTED','CONFIRMED')")"

# ---- pgbench: the same table (facility-booking's own Flyway migration), single-row inserts ----------
log "pgbench: schema from facility-booking's migrations"
for f in "$ROOT"/common/src/main/resources/db/common/V*.sql "$ROOT"/facility-booking/src/main/resources/db/migration/V*.sql; do
  pg_file bench_pgbench "$f" >/dev/null
done
pg_sql bench_pgbench "CREATE SEQUENCE bench_slot" >/dev/null
# One row per transaction, each for its own 15-minute slot of one of 50 facilities (a sequence hands
# out slots, so no insert ever conflicts): the same trigger, exclusion constraint (GiST) and indexes.
INSERT_SQL="INSERT INTO booking (id, resource_type, resource_id, resource_name, facility_id, facility_name, centre_code,
  location, org_no, booked_by, start_at, end_at, purpose, status, buffer_minutes, free_cancellation_notice_hours,
  price_basis, hourly_price, total_price, standard_total, aid_amount, currency, version, created_at, updated_at)
SELECT gen_random_uuid(), 'FACILITY', f, 'Benchmark lab', f, 'Benchmark lab', 'bench-centre', 'Oslo', :org::text,
  'pgbench', t, t + interval '15 minutes', 'pgbench booking', 'CONFIRMED', 0, 0, 'SME', 50.00, 12.50, 25.00, 12.50,
  'NOK', 0, now(), now()
FROM (SELECT nextval('bench_slot') AS n) s,
LATERAL (SELECT ('00000000-0000-4000-8000-' || lpad((n % 50)::text, 12, '0'))::uuid AS f,
                timestamptz '2030-01-01 00:00+00' + (n / 50) * interval '15 minutes' AS t) x;"
# Organisations as in the HTTP runs: ORGS of them, never the same one in two clients at once
# (client c uses c, c + clients, c + 2 * clients, ...).
ORG_SET='\set org 920000000 + :client_id + :nclients * random(0, greatest(1, '"$ORGS"' / :nclients) - 1)'
printf '%s\n%s\n' "$ORG_SET" "$INSERT_SQL" >"$WORK/insert.sql"
# The service's own transaction, in SQL: the organisation's de minimis advisory lock, its aid sum
# over three years, the insert. Shows what the extra statements cost without HTTP or Java.
printf '%s\n' "$ORG_SET" 'BEGIN;' \
  "SELECT pg_advisory_xact_lock(hashtextextended('aid:' || :org::text, 7013));" \
  "SELECT COALESCE(SUM(aid_amount), 0) FROM booking WHERE org_no = :org::text AND status IN ('REQUESTED', 'CONFIRMED') AND created_at > now() - interval '3 years';" \
  "$INSERT_SQL" 'END;' >"$WORK/service-tx.sql"
# And with what a subsidised booking also writes in that transaction, as every booking of the HTTP runs is: its two
# outbox events. This is the SQL the HTTP path's own ratio (issue 12: >= 80 % of it) is measured against.
{ grep -v '^END;$' "$WORK/service-tx.sql"; booking_events_sql "'bookings/' || gen_random_uuid()"; echo 'END;'; } \
  >"$WORK/service-tx-outbox.sql"

PGB_LINES=()
TX_OUTBOX="service transaction and its two outbox events"
run_pgbench() { # label, script, clients
  local out tps lat
  out="$(PGCONNECT_TIMEOUT=5 pgbench -n -M prepared -h "$PGHOST_B" -p "$PGPORT_B" -U "$PGUSER_B" -c "$3" -j 2 \
    -T "$PGBENCH_DURATION" -D nclients="$3" -f "$2" bench_pgbench 2>&1)" || die "pgbench failed: $out"
  tps="$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' <<<"$out" | head -n1)"
  lat="$(sed -n 's/^latency average = \([0-9.]*\) ms/\1/p' <<<"$out")"
  PGB_LINES+=("$1|$3|$tps|$lat")
  log "pgbench $1 c=$3: $tps tps, latency $lat ms"
}
run_pgbench insert "$WORK/insert.sql" 8 >/dev/null   # warm-up, not reported
PGB_LINES=()
LAST_C="${PGBENCH_CLIENTS##* }"
for round in $(seq 1 "$ROUNDS"); do
  for c in $PGBENCH_CLIENTS; do run_pgbench "single-row insert" "$WORK/insert.sql" "$c"; done
  run_pgbench "service transaction (lock + aid sum + insert)" "$WORK/service-tx.sql" "$LAST_C"
  run_pgbench "$TX_OUTBOX" "$WORK/service-tx-outbox.sql" "$LAST_C"
done
# The denominator: the best client count's median single-row insert rate.
BEST_PGB="$(for c in $PGBENCH_CLIENTS; do printf '%s\n' "${PGB_LINES[@]}" | awk -F'|' -v c="$c" '/^single-row/ && $2 == c { print $3 }' | median; done | sort -g | tail -n1)"

# ---- the table -------------------------------------------------------------------------------
{
  md_header "Booking creation throughput" "$COMMAND"
  echo "- Load average at start was $LOAD_AT_START; at the end $(cut -d' ' -f1-3 /proc/loadavg)."
  echo "- Data: $FACILITIES facilities (24/7, 15-minute slots, no buffer), $ORGS organisations (SMALL, SME price), one booking = one 15-minute slot of its own, each request with the RS256 token of its own organisation."
  echo "- Load: wrk 4.1 -t$THREADS, closed loop, after a ${WARMUP}s warm-up (direct, then as long through the gateway); each run ${DURATION}s; $ROUNDS rounds (direct at each load, then the gateway), each cell the median of the rounds with [lowest–highest]."
  [ -z "$GATEWAY_NOTE" ] || echo "- $GATEWAY_NOTE"
  [ -f "$(jar_of gateway)" ] || echo "- No gateway jar: only direct access was measured."
  echo "- RSS in MB, booking / registry / gateway: $RSS_AT_READY at ready, $RSS_AFTER_LOAD after the ${LOAD_SECONDS} s of warm-up and runs (JVM options: $BENCH_JAVA_OPTS)."
  echo "- Checked afterwards: $CREATED_ALL answers 201 in all runs (warm-ups included); of the $ANSWERED_201 booking ids they gave, $MISSING_201 are missing from bench_booking; it holds $BOOKINGS_IN_DB bookings (the rest were in flight when wrk ended a run, and wrk never read their answers); $OVERLAPS overlapping active pairs."
  echo
  echo "| Path | Connections | Requests | 201 Created | Other answers | Bookings/s | p50 ms | p99 ms | Ratio to pgbench insert | CPU cores: booking / registry / gateway / PostgreSQL / whole machine | CPU ms per booking: booking / registry / gateway |"
  echo "|---|---:|---:|---:|---|---:|---:|---:|---:|---|---|"
  for key in $(for c in $LOADS; do echo "direct:$c"; done; $WITH_GATEWAY && echo "gateway:$GATEWAY_LOAD"); do
    label="${key%%:*}"; c="${key##*:}"
    rates=""; p50s=""; p99s=""; cbs=""; crs=""; cgs=""; cps=""; cms=""; requests=0; created=0; other=""
    for l in "${RUN_LINES[@]}"; do
      IFS='|' read -r l_label l_c result cb cr cg cp cm <<<"$l"
      [ "$l_label" = "$label" ] && [ "$l_c" = "$c" ] || continue
      requests=$((requests + $(field requests "$result"))); created=$((created + $(field created "$result")))
      rates="$rates $(awk -v n="$(field created "$result")" -v d="$(field duration_us "$result")" 'BEGIN { printf "%.1f", n / (d / 1e6) }')"
      p50s="$p50s $(field p50_us "$result")"; p99s="$p99s $(field p99_us "$result")"
      cbs="$cbs $cb"; crs="$crs $cr"; cgs="$cgs $cg"; cps="$cps $cp"; cms="$cms $cm"
      statuses="$(field statuses "$result")"; errs="$(field socket_errors "$result")"
      other="$other $(tr ',' '\n' <<<"$statuses" | grep -v '^201:' | paste -sd' ' - || true)"
      [ "$errs" != 0 ] && other="$other socket errors: $errs"
    done
    other="$(xargs <<<"$other")"
    rate="$(echo "$rates" | median)"
    ratio="$(awk -v r="$rate" -v p="$BEST_PGB" 'BEGIN { if (p > 0) printf "%.1f %%", 100 * r / p; else print "n/a" }')"
    p50="$(awk -v u="$(echo "$p50s" | median)" 'BEGIN { printf "%.1f", u / 1000 }')"
    p99="$(awk -v u="$(echo "$p99s" | median)" 'BEGIN { printf "%.1f", u / 1000 }')"
    cb="$(echo "$cbs" | median)"; cr="$(echo "$crs" | median)"; cp="$(echo "$cps" | median)"; cm="$(echo "$cms" | median)"
    cg="-"; [ "$label" = gateway ] && cg="$(echo "$cgs" | median)"
    per() { awk -v c="$1" -v r="$rate" 'BEGIN { if (c == "-" || r == 0) print "-"; else printf "%.1f", 1000 * c / r }'; }
    path="facility-booking direct"; [ "$label" = gateway ] && path="through the gateway"
    printf '| %s | %s | %s | %s | %s | %.0f %s | %s %s | %s %s | %s | %s / %s / %s / %s / %s | %s / %s / %s |\n' "$path" "$c" \
      "$requests" "$created" "${other:-none}" "$rate" "$(echo "$rates" | spread 1)" "$p50" "$(echo "$p50s" | spread 1000)" \
      "$p99" "$(echo "$p99s" | spread 1000)" "$ratio" "$cb" "$cr" "$cg" "$cp" "$cm" "$(per "$cb")" "$(per "$cr")" "$(per "$cg")"
  done
  echo
  echo "| pgbench (same server, facility-booking's booking table, -M prepared -j 2, ${PGBENCH_DURATION}s) | Clients | Transactions/s (median [lowest–highest]) | Latency avg ms (median) |"
  echo "|---|---:|---:|---:|"
  for label in "single-row insert" "service transaction (lock + aid sum + insert)" "$TX_OUTBOX"; do
    for c in $PGBENCH_CLIENTS; do
      tpss="$(printf '%s\n' "${PGB_LINES[@]}" | awk -F'|' -v l="$label" -v c="$c" '$1 == l && $2 == c { print $3 }')"
      [ -n "$tpss" ] || continue
      lats="$(printf '%s\n' "${PGB_LINES[@]}" | awk -F'|' -v l="$label" -v c="$c" '$1 == l && $2 == c { print $4 }')"
      echo "| $label | $c | $(printf '%.0f' "$(echo $tpss | median)") $(echo $tpss | spread 1) | $(echo $lats | median) |"
    done
  done
  echo
  echo "Ratio = HTTP bookings/s ÷ the best single-row-insert pgbench rate ($(printf '%.0f' "$BEST_PGB")/s, the median of its rounds). CPU cores = CPU time used during the run ÷ its duration (2.00 = both cores busy); CPU ms per booking = CPU cores ÷ bookings/s."
  [ -z "$PROFILE_TEXT" ] || echo "$PROFILE_TEXT"
} >"$OUT"
cat "$OUT"
save_result booking-throughput "$OUT"
