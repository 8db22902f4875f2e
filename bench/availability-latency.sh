#!/usr/bin/env bash
# Availability query latency with BOOKINGS (100,000) bookings in the database: p50 and p99 of
# GET /api/v1/availability for a 31-day window, against the goal p99 < 10 ms (issue 12). Also times the
# database part alone (pgbench running the service's blocked-periods query) and shows its
# EXPLAIN (ANALYZE, BUFFERS), so the table says where the time goes. Prints a Markdown table and
# saves it in bench/results/ (git-ignored).
#
#   bench/availability-latency.sh
#   BOOKINGS=100000 LOADS="1 8" DURATION=20 bench/availability-latency.sh
#
# Data: FACILITIES facilities (24/7, 15-minute grid, 15-minute setup/teardown buffer),
# each with 2 equipment items, created through the real catapult-registry's API; the bookings are
# inserted straight into facility-booking's table with SQL (its own Flyway schema, trigger and
# exclusion constraint): per facility one booking every 150 minutes from 260 days ago on, 60 or 75
# minutes long, 60 % for the whole facility and 20 % for each item, every 17th CANCELLED, every 7th
# REQUESTED. 150 minutes leave a free gap even with both buffers (the existing booking's and the new
# one's), so each 31-day window of a facility holds about 300 bookings and about as many free
# intervals: a dense calendar, the expensive case for the answer's size. A request picks a random
# resource (facility or item) and a random window starting 1..WINDOW_START_DAYS days ahead.
#
# Load generator: wrk (C, event loop: it leaves the 2 cores to the service and PostgreSQL), closed
# loop, with bench/tools/availability.lua.
#
# Settings (env): BOOKINGS=100000, FACILITIES=20, DURATION=20 (s per run), WARMUP=30 (the JIT is
# still compiling after 10 s), LOADS="1 8" (wrk connections, direct), GATEWAY_LOADS="8" (through the gateway,
# when its jar exists), ROUNDS=3 (each cell the median of the rounds, with the spread), WINDOW_START_DAYS=150,
# PROFILE=0 (1: JFR summary of facility-booking under the table; cpu: async-profiler's breakdown of its CPU
# over the first round's direct runs), FLOOR=0 (1: afterwards, the p50/p90/p99 at one connection of the liveness
# check, a 400 answer and one fixed window, FLOOR_SECONDS=10 each: the tail of the server itself;
# FLOOR_CONNECTIONS="1 8" runs them at each of those wrk connection counts),
# BENCH_PORT_BASE=18110 (stub +0, registry +1, booking +2, gateway +3,
# closed port +4), BENCH_JAVA_OPTS, BENCH_PGHOST/PORT/USER.
# Goals (issue 12): p99 < 10 ms at 8 connections direct, < 12 ms through the gateway.
# About 8 minutes on the 2-core machine with ROUNDS=3.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

settings BOOKINGS=100000 FACILITIES=20 DURATION=20 WARMUP=30 LOADS="1 8" GATEWAY_LOADS="8" ROUNDS=3 \
  WINDOW_START_DAYS=150 PROFILE=0 FLOOR=0 FLOOR_SECONDS=10 FLOOR_CONNECTIONS=1 BENCH_PORT_BASE=18110
WINDOW_DAYS=31
COMMAND="${SETTINGS}bench/availability-latency.sh"

booking_stack_begin availability

pg_ensure
booking_stack_up bench_avail_registry bench_avail_booking

# ---- registry: facilities with two items each ----------------------------------------------------
REG="http://127.0.0.1:$REGISTRY_PORT"
ADMIN="$(mint "user=bench-admin&roles=siva-admin")"
CENTRE="$(create_centre "$REG" "$ADMIN" bench-avail-centre)" || die "could not create the centre"
: >"$WORK/resources.txt"
: >"$WORK/rows.csv"
for i in $(seq 1 "$FACILITIES"); do
  f="$(create_facility "$REG" "$ADMIN" "$CENTRE" "Availability lab $i" 15)" || die "could not create a facility"
  a="$(create_equipment "$REG" "$ADMIN" "$f" "Rig A of lab $i")" || die "could not create equipment"
  b="$(create_equipment "$REG" "$ADMIN" "$f" "Rig B of lab $i")" || die "could not create equipment"
  printf 'FACILITY %s\nEQUIPMENT %s\nEQUIPMENT %s\n' "$f" "$a" "$b" >>"$WORK/resources.txt"
  echo "$((i - 1)),$f,$a,$b" >>"$WORK/rows.csv"
done

# ---- 100,000 bookings straight into facility-booking's table ------------------------------------
PER_FACILITY=$(( (BOOKINGS + FACILITIES - 1) / FACILITIES ))
DATA_START=$(( ($(date +%s) / 3600) * 3600 - 260 * 86400 ))
log "inserting $BOOKINGS bookings ($PER_FACILITY per facility)"
cat >"$WORK/load.sql" <<SQL
CREATE TEMP TABLE res (n int, facility uuid, item_a uuid, item_b uuid);
\copy res FROM '$WORK/rows.csv' WITH (FORMAT csv)
INSERT INTO booking (id, resource_type, resource_id, resource_name, facility_id, facility_name, centre_code, location,
    org_no, booked_by, start_at, end_at, purpose, status, buffer_minutes, free_cancellation_notice_hours, price_basis,
    hourly_price, total_price, standard_total, aid_amount, currency, version, created_at, updated_at)
SELECT gen_random_uuid(),
       CASE WHEN k % 10 < 6 THEN 'FACILITY' ELSE 'EQUIPMENT' END,
       CASE WHEN k % 10 < 6 THEN r.facility WHEN k % 10 < 8 THEN r.item_a ELSE r.item_b END,
       'resource', r.facility, 'Availability lab', 'bench-avail-centre', 'Oslo',
       (920000000 + k % 97)::text, 'bench-loader', s, s + CASE WHEN k % 2 = 0 THEN interval '60 minutes' ELSE interval '75 minutes' END,
       'loaded by bench/availability-latency.sh',
       CASE WHEN k % 17 = 0 THEN 'CANCELLED' WHEN k % 7 = 0 THEN 'REQUESTED' ELSE 'CONFIRMED' END,
       15, 0, 'SME', 50.00, 50.00, 100.00, 50.00, 'NOK', 0, s - interval '30 days', s - interval '30 days'
FROM res r
CROSS JOIN generate_series(0, $PER_FACILITY - 1) AS k
CROSS JOIN LATERAL (SELECT to_timestamp($DATA_START) + k * interval '150 minutes' AS s) t
WHERE r.n * $PER_FACILITY + k < $BOOKINGS;
ANALYZE booking;
SQL
t0=$SECONDS
pg_file bench_avail_booking "$WORK/load.sql" >/dev/null
LOAD_SECONDS=$((SECONDS - t0))
ROWS="$(pg_sql bench_avail_booking "SELECT count(*) FROM booking")"
ACTIVE="$(pg_sql bench_avail_booking "SELECT count(*) FROM booking WHERE status IN ('REQUESTED','CONFIRMED')")"
TABLE_SIZE="$(pg_sql bench_avail_booking "SELECT pg_size_pretty(pg_total_relation_size('booking'))")"
GIST_SIZE="$(pg_sql bench_avail_booking "SELECT pg_size_pretty(pg_relation_size('booking_no_overlap'))")"
log "$ROWS bookings ($ACTIVE active) in ${LOAD_SECONDS}s; table with indexes $TABLE_SIZE, exclusion index $GIST_SIZE"

# ---- one request, to see the answer -------------------------------------------------------------
WIN_BASE=$(( ($(date +%s) / 86400 + 1) * 86400 ))
F1="$(sed -n '1s/^FACILITY //p' "$WORK/resources.txt")"
E1="$(sed -n '2s/^EQUIPMENT //p' "$WORK/resources.txt")"
FROM_ISO="$(date -u -d "@$((WIN_BASE + 30 * 86400))" +%Y-%m-%dT%H:%M:%SZ)"
TO_ISO="$(date -u -d "@$((WIN_BASE + (30 + WINDOW_DAYS) * 86400))" +%Y-%m-%dT%H:%M:%SZ)"
SAMPLE_URL="http://127.0.0.1:$BOOKING_PORT/api/v1/availability?resourceType=FACILITY&resourceId=$F1&from=$FROM_ISO&to=$TO_ISO"
curl -fsS -o "$WORK/sample.json" "$SAMPLE_URL" || die "availability request failed: $(curl -sS "$SAMPLE_URL")"
SAMPLE_BYTES="$(wc -c <"$WORK/sample.json")"
SAMPLE_INTERVALS="$(grep -o '"start"' "$WORK/sample.json" | wc -l)"
curl -fsS -o "$WORK/sample-eq.json" "http://127.0.0.1:$BOOKING_PORT/api/v1/availability?resourceType=EQUIPMENT&resourceId=$E1&from=$FROM_ISO&to=$TO_ISO" \
  || die "equipment availability failed"
SAMPLE_EQ_INTERVALS="$(grep -o '"start"' "$WORK/sample-eq.json" | wc -l)"

# ---- HTTP runs -----------------------------------------------------------------------------------
RUN_LINES=()
run_wrk() { # label, url, connections, seconds: appends "label|c|RESULT...|cpu booking|cpu gateway|cpu PostgreSQL|cpu machine"
  local label=$1 url=$2 c=$3 secs=$4 t=$(( $3 < 2 ? 1 : 2 )) result b0 b1 g0=0 g1=0 pgp p0 p1 m0 m1 mt0 mt1
  pgp="$(pg_tree_pids | tr '\n' ' ')"
  b0=$(cpu_ticks "$BOOKING_PID"); p0=$(cpu_ticks $pgp)
  [ -n "$GATEWAY_PID" ] && g0=$(cpu_ticks "$GATEWAY_PID")
  read -r m0 mt0 < <(machine_ticks)
  result="$(wrk -t "$t" -c "$c" -d "${secs}s" --timeout 10s -s "$BENCH_DIR/tools/availability.lua" \
    "$url" -- "$WORK/resources.txt" "$WIN_BASE" "$WINDOW_START_DAYS" "$WINDOW_DAYS" \
    2>"$WORK/wrk-$label-$c.err" | tee "$WORK/wrk-$label-$c.out" | grep '^RESULT')" || die "wrk failed: $(cat "$WORK/wrk-$label-$c.err")"
  read -r m1 mt1 < <(machine_ticks)
  b1=$(cpu_ticks "$BOOKING_PID"); p1=$(cpu_ticks $(echo "$pgp $(pg_tree_pids | tr '\n' ' ')" | tr ' ' '\n' | sort -u))
  [ -n "$GATEWAY_PID" ] && g1=$(cpu_ticks "$GATEWAY_PID")
  RUN_LINES+=("$label|$c|$result|$(cores $((b1 - b0)) "$secs")|$(cores $((g1 - g0)) "$secs")|$(cores $((p1 - p0)) "$secs")|$(awk -v b=$((m1 - m0)) -v t=$((mt1 - mt0)) -v n="$(nproc)" 'BEGIN { printf "%.2f", b / t * n }')")
  local first
  first="$(grep -m1 'first non-200' "$WORK/wrk-$label-$c.err" || true)"
  [ -z "$first" ] || log "$label c=$c: $first"
  log "$label c=$c: $result"
}

BOOK_URL="http://127.0.0.1:$BOOKING_PORT"
GATEWAY_URL="http://127.0.0.1:$GATEWAY_PORT"
log "warm-up ${WARMUP}s"
run_wrk warmup "$BOOK_URL" 4 "$WARMUP"
if $WITH_GATEWAY; then run_wrk warmup "$GATEWAY_URL" 4 "$((WARMUP / 2))"; fi
RUN_LINES=()
# PROFILE=1: a JDK Flight Recorder recording of facility-booking over the first round's direct runs, summarised
# under the table (hot methods, GC pauses, CPU per thread). PROFILE=cpu: async-profiler over the same runs.
[ "$PROFILE" = 1 ] && jfr_start "$BOOKING_PID"
[ "$PROFILE" = cpu ] && cpu_profile_start "$BOOKING_PID"
PROFILE_TEXT=""
# ROUNDS rounds, each every direct load and then the gateway, so that a drift of the machine's load
# touches every path alike.
for round in $(seq 1 "$ROUNDS"); do
  run_direct_loads "$round"
  if [ "$round" = 1 ]; then
    [ "$PROFILE" != 1 ] || PROFILE_TEXT="$(jfr_report "$BOOKING_PID" availability-facility-booking)"
    [ "$PROFILE" != cpu ] || PROFILE_TEXT="$(cpu_profile_report "$BOOKING_PID" availability-facility-booking)"
  fi
  if $WITH_GATEWAY; then
    for c in $GATEWAY_LOADS; do
      log "round $round: through the gateway, $c connections, ${DURATION}s"
      run_wrk gateway "$GATEWAY_URL" "$c" "$DURATION"
    done
  fi
done

# ---- FLOOR=1: the tail of the same server under trivial work -------------------------------------------
# One wrk thread at each of FLOOR_CONNECTIONS (one by default), FLOOR_SECONDS each: the liveness check (no
# RESTEasy, no database), availability answering 400 (RESTEasy and the problem writer, no database), and one
# fixed 31-day facility window (always from memory after the first). If the trivial answers have the same tail
# as availability, the tail is the server's and the machine's, not availability's work.
FLOOR_ROWS=""
# percentile p (as wrk --latency prints it, "99%") of wrk's output $out, in ms
floor_pct() { awk -v p="$1" '$1 == p { v = $2; if (v ~ /us$/) { sub(/us$/, "", v); v /= 1000 } else if (v ~ /ms$/) { sub(/ms$/, "", v) } else if (v ~ /s$/) { sub(/s$/, "", v); v *= 1000 } printf "%.2f", v }' <<<"$out"; }
if [ "$FLOOR" = 1 ]; then
  for fc in $FLOOR_CONNECTIONS; do
  for kind in live bad-request window; do
    case $kind in
      live) path="/q/health/live"; want=200 ;;
      bad-request) path="/api/v1/availability?resourceType=FACILITY"; want=400 ;;
      window) path="/api/v1/availability?resourceType=FACILITY&resourceId=$F1&from=${FROM_ISO}&to=${TO_ISO}"; want=200 ;;
    esac
    got="$(curl -s -o /dev/null -w '%{http_code}' "$BOOK_URL$path")"
    [ "$got" = "$want" ] || die "floor $kind: $path answered $got, not $want"
    out="$(wrk -t1 -c"$fc" -d"${FLOOR_SECONDS}s" --latency "$BOOK_URL$path" 2>&1)" || die "wrk failed: $out"
    rate="$(awk '/^Requests\/sec/ { printf "%.0f", $2 }' <<<"$out")"
    FLOOR_ROWS+="| $kind | $fc | \`$path\` | $rate | $(floor_pct 50%) | $(floor_pct 90%) | $(floor_pct 99%) |"$'\n'
    log "floor $kind at $fc connections: $rate/s, p99 $(floor_pct 99%) ms"
  done
  done
fi

# ---- the database part alone ---------------------------------------------------------------------
# facility-booking's blocked-periods query (BookingQueries.BLOCKED) for a random facility and window, as a
# prepared statement: the floor under the HTTP latency. A facility's booking claims the items it holds.
{
  echo "\\set i random(0, $((FACILITIES - 1)))"
  echo "\\set d random(1, $WINDOW_START_DAYS)"
  echo "\\set a $WIN_BASE + :d * 86400 - 900"
  echo "\\set b $WIN_BASE + (:d + $WINDOW_DAYS) * 86400 + 900"
  echo "SELECT lower(b.period), upper(b.period) FROM booking b WHERE b.facility_id = (SELECT facility FROM bench_res WHERE n = :i)"
  echo "  AND b.status IN ('REQUESTED', 'CONFIRMED') AND b.target && uuid_range(NULL, NULL)"
  echo "  AND b.period && tstzrange(to_timestamp(:a), to_timestamp(:b), '[)')"
  echo "UNION ALL"
  echo "SELECT lower(c.period), upper(c.period) FROM unnest((SELECT ARRAY[item_a, item_b] FROM bench_res WHERE n = :i)) AS claimed(item)"
  echo "  JOIN booking_item_claim c ON c.item_id = claimed.item AND c.active"
  echo "   AND c.period && tstzrange(to_timestamp(:a), to_timestamp(:b), '[)');"
} >"$WORK/query.sql"
pg_sql bench_avail_booking "CREATE TABLE bench_res (n int PRIMARY KEY, facility uuid, item_a uuid, item_b uuid)" >/dev/null
PGCONNECT_TIMEOUT=5 psql -X -q -h "$PGHOST_B" -p "$PGPORT_B" -U "$PGUSER_B" -d bench_avail_booking \
  -c "\\copy bench_res FROM '$WORK/rows.csv' WITH (FORMAT csv)" >/dev/null
PGB_OUT="$(PGCONNECT_TIMEOUT=5 pgbench -n -M prepared -h "$PGHOST_B" -p "$PGPORT_B" -U "$PGUSER_B" -c 1 -T 10 \
  -f "$WORK/query.sql" bench_avail_booking 2>&1)" || die "pgbench failed: $PGB_OUT"
PGB_TPS="$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' <<<"$PGB_OUT" | head -n1)"
PGB_LAT="$(sed -n 's/^latency average = \([0-9.]*\) ms/\1/p' <<<"$PGB_OUT")"
log "query alone: $PGB_TPS tps, $PGB_LAT ms"
EXPLAIN="$(pg_sql bench_avail_booking "EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
  SELECT lower(b.period), upper(b.period) FROM booking b WHERE b.facility_id = '$F1'
  AND b.status IN ('REQUESTED', 'CONFIRMED') AND b.target && uuid_range(NULL, NULL)
  AND b.period && tstzrange(timestamptz '$FROM_ISO' - interval '15 minutes', timestamptz '$TO_ISO' + interval '15 minutes', '[)')
  UNION ALL
  SELECT lower(c.period), upper(c.period) FROM unnest((SELECT ARRAY[item_a, item_b] FROM bench_res WHERE facility = '$F1')) AS claimed(item)
  JOIN booking_item_claim c ON c.item_id = claimed.item AND c.active
   AND c.period && tstzrange(timestamptz '$FROM_ISO' - interval '15 minutes', timestamptz '$TO_ISO' + interval '15 minutes', '[)')")"

# ---- the table -------------------------------------------------------------------------------------
{
  md_header "Availability query latency" "$COMMAND"
  echo "- Load average at start was $LOAD_AT_START; at the end $(cut -d' ' -f1-3 /proc/loadavg)."
  echo "- Data: $ROWS bookings ($ACTIVE active) over $FACILITIES facilities and $((FACILITIES * 2)) equipment items, one every 150 minutes per facility from 260 days ago on, loaded with SQL in ${LOAD_SECONDS}s; booking table with indexes $TABLE_SIZE, exclusion-constraint GiST index $GIST_SIZE."
  echo "- Request: GET /api/v1/availability, random resource (1/3 facilities, 2/3 items), random 31-day window starting 1..$WINDOW_START_DAYS days ahead, direct to facility-booking and through the gateway (which checks no token here: the endpoint is public); registry data from facility-booking's 30 s cache. A sample facility window answers $SAMPLE_INTERVALS free intervals in $SAMPLE_BYTES bytes (an item window: $SAMPLE_EQ_INTERVALS)."
  echo "- Load: wrk 4.1, closed loop, after a ${WARMUP}s warm-up at 4 connections; each run ${DURATION}s; $ROUNDS rounds (direct at each load, then the gateway), each cell the median of the rounds with [lowest–highest]."
  [ -z "$GATEWAY_NOTE" ] || echo "- $GATEWAY_NOTE"
  echo
  echo "| Path | Connections | Requests | Other than 200 | Requests/s | p50 ms | p99 ms | max ms | Goal: p99 below | Met? | CPU cores: booking / gateway / PostgreSQL / whole machine |"
  echo "|---|---:|---:|---|---:|---:|---:|---:|---:|---|---|"
  for key in $(printf '%s\n' "${RUN_LINES[@]}" | awk -F'|' '!seen[$1 ":" $2]++ { print $1 ":" $2 }'); do
    label="${key%%:*}"; c="${key##*:}"
    rates=""; p50s=""; p99s=""; maxs=""; cbs=""; cgs=""; cps=""; cms=""; requests=0; other=""
    for l in "${RUN_LINES[@]}"; do
      IFS='|' read -r l_label l_c result cb cg cp cm <<<"$l"
      [ "$l_label" = "$label" ] && [ "$l_c" = "$c" ] || continue
      requests=$((requests + $(field requests "$result")))
      rates="$rates $(awk -v n="$(field requests "$result")" -v d="$(field duration_us "$result")" 'BEGIN { printf "%.1f", n / (d / 1e6) }')"
      p50s="$p50s $(field p50_us "$result")"; p99s="$p99s $(field p99_us "$result")"; maxs="$maxs $(field max_us "$result")"
      cbs="$cbs $cb"; cgs="$cgs $cg"; cps="$cps $cp"; cms="$cms $cm"
      other="$other $(tr ',' '\n' <<<"$(field statuses "$result")" | grep -v '^200:' | paste -sd' ' - || true)"
      errs="$(field socket_errors "$result")"; [ "$errs" != 0 ] && other="$other socket errors: $errs"
    done
    other="$(xargs <<<"$other")"
    ms() { awk -v u="$1" 'BEGIN { printf "%.1f", u / 1000 }'; }
    p99="$(ms "$(echo "$p99s" | median)")"
    goal=""; [ "$c" = 8 ] && { goal=10; [ "$label" = gateway ] && goal=12; }
    met="-"; [ -n "$goal" ] && met="$(awk -v p="$p99" -v g="$goal" 'BEGIN { print (p < g) ? "yes" : "no" }')"
    cg="-"; [ "$label" = gateway ] && cg="$(echo "$cgs" | median)"
    path="facility-booking direct"; [ "$label" = gateway ] && path="through the gateway"
    echo "| $path | $c | $requests | ${other:-none} | $(printf '%.0f' "$(echo "$rates" | median)") $(echo "$rates" | spread 1) | $(ms "$(echo "$p50s" | median)") $(echo "$p50s" | spread 1000 1) | $p99 $(echo "$p99s" | spread 1000 1) | $(ms "$(echo "$maxs" | tr ' ' '\n' | sort -g | tail -n1)") | ${goal:-–} | $met | $(echo "$cbs" | median) / $cg / $(echo "$cps" | median) / $(echo "$cms" | median) |"
  done
  echo
  echo "| The database part alone: facility-booking's blocked-periods query for a random facility window (pgbench -c 1 -M prepared, 10 s) | Queries/s | Latency avg ms |"
  echo "|---|---:|---:|"
  echo "| the facility's active bookings in the window UNION ALL the active claims of its items in it | $(printf '%.0f' "$PGB_TPS") | $PGB_LAT |"
  echo
  echo "EXPLAIN (ANALYZE, BUFFERS) of that query for one facility window ($FROM_ISO to $TO_ISO):"
  echo
  echo '```'
  echo "$EXPLAIN"
  echo '```'
  if [ -n "$FLOOR_ROWS" ]; then
    echo
    echo "The floor under the tail: facility-booking answering trivial requests (wrk -t1 --latency at each connection count, ${FLOOR_SECONDS}s each, after the rounds):"
    echo
    echo "| Answer | Connections | Path | Requests/s | p50 ms | p90 ms | p99 ms |"
    echo "|---|---:|---|---:|---:|---:|---:|"
    printf '%s' "$FLOOR_ROWS"
  fi
  [ -z "$PROFILE_TEXT" ] || echo "$PROFILE_TEXT"
} >"$OUT"
cat "$OUT"
save_result availability-latency "$OUT"
