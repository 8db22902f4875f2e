#!/usr/bin/env bash
# What the transactional outbox adds to one booking in the database. pgbench runs facility-booking's booking
# transaction as the service runs it (the organisation's de minimis advisory lock, its three-year aid sum, the
# insert with its claim triggers) without and with what Outbox.publish adds for a subsidised booking: two
# events (booking.confirmed and aid.granted), each an upsert of the subject's sequence and an insert of the
# event with both reader views as jsonb, sized as the service writes them. The two scripts alternate for
# ROUNDS rounds in the same run; each cell is the median. A third script is the one with the outbox run with
# V4's calendar-version trigger switched off, to show what that trigger (availability's cache validation) adds to
# a booking. Then the sequencer (OutboxSequencer) positions
# the events the runs left, in its batches, and its time per event is reported too. Prints a Markdown table
# and saves it in bench/results/ (git-ignored).
#
# Schema: facility-booking's own Flyway migrations plus common's outbox tables, in a throwaway database
# bench_outbox on the machine's PostgreSQL at 127.0.0.1:5432 (or a private cluster, see lib.sh).
#
# Settings (env): CLIENTS=8, DURATION=15 (s per pgbench run), ROUNDS=3, ORGS=400, BATCH=500 (the sequencer's
# batch, CATAPULT_OUTBOX_BATCH_SIZE's default), BENCH_PGHOST/PORT/USER. About 3 minutes.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

settings CLIENTS=8 DURATION=15 ROUNDS=3 ORGS=400 BATCH=500
COMMAND="${SETTINGS}bench/outbox-cost.sh"

need_tools psql pgbench awk
make_work outbox
OUT="$WORK/result.md"
pg_ensure
fresh_db bench_outbox
log "schema: common's outbox tables and facility-booking's migrations"
for f in "$ROOT"/common/src/main/resources/db/common/V*.sql "$ROOT"/facility-booking/src/main/resources/db/migration/V*.sql; do
  pg_file bench_outbox "$f" >/dev/null
done
pg_sql bench_outbox "CREATE SEQUENCE bench_slot" >/dev/null

# The booking: its own 15-minute slot of one of 50 facilities (a sequence hands out slots, so no insert conflicts).
printf '%s\n' \
  '\set org 920000000 + :client_id + :nclients * random(0, greatest(1, '"$ORGS"' / :nclients) - 1)' \
  'SELECT nextval('"'"'bench_slot'"'"') AS n \gset' \
  '\set f (:n % 50)' \
  'BEGIN;' \
  "SELECT pg_advisory_xact_lock(hashtextextended('aid:' || :org::text, 7013));" \
  "SELECT COALESCE(SUM(aid_amount), 0) FROM booking WHERE org_no = :org::text AND status IN ('REQUESTED', 'CONFIRMED') AND created_at > now() - interval '3 years';" \
  "INSERT INTO booking (id, resource_type, resource_id, resource_name, facility_id, facility_name, centre_code,
     location, org_no, booked_by, start_at, end_at, purpose, status, buffer_minutes, free_cancellation_notice_hours,
     price_basis, hourly_price, total_price, standard_total, aid_amount, currency, version, created_at, updated_at)
   SELECT gen_random_uuid(), 'FACILITY', f, 'Benchmark lab', f, 'Benchmark lab', 'bench-centre', 'Oslo', :org::text,
     'pgbench', t, t + interval '15 minutes', 'pgbench booking', 'CONFIRMED', 0, 0, 'SME', 50.00, 12.50, 25.00, 12.50,
     'NOK', 0, now(), now()
   FROM (SELECT ('00000000-0000-4000-8000-' || lpad(:f::text, 12, '0'))::uuid AS f,
                timestamptz '2030-01-01 00:00+00' + (:n / 50) * interval '15 minutes' AS t) x;" >"$WORK/booking.sql"

# With the outbox: the same transaction, and before its end the two events.
{
  grep -v '^END;$' "$WORK/booking.sql"
  booking_events_sql "'bookings/' || :n"
  echo 'END;'
} >"$WORK/booking-outbox.sql"
echo 'END;' >>"$WORK/booking.sql"

run_pgbench() { # script; prints "tps latency-ms"
  local out
  out="$(PGCONNECT_TIMEOUT=5 pgbench -n -M prepared -h "$PGHOST_B" -p "$PGPORT_B" -U "$PGUSER_B" -c "$CLIENTS" -j 2 \
    -T "$DURATION" -D nclients="$CLIENTS" -f "$1" bench_outbox 2>&1)" || die "pgbench failed: $out"
  echo "$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' <<<"$out" | head -n1) $(sed -n 's/^latency average = \([0-9.]*\) ms/\1/p' <<<"$out")"
}
median() { sort -g | awk '{ v[NR] = $1 } END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.2f\n", m }'; }
rounded() { awk '{ printf "%s%.0f", (NR > 1 ? " " : ""), $1 } END { print "" }'; }

LOAD_AT_START="$(cut -d' ' -f1-3 /proc/loadavg)"
run_pgbench "$WORK/booking-outbox.sql" >/dev/null   # warm-up, not reported
calendar_trigger() { pg_sql bench_outbox "ALTER TABLE booking $1 TRIGGER booking_calendar_insert" >/dev/null; }
PLAIN=(); WITH=(); NOCAL=()
for r in $(seq 1 "$ROUNDS"); do
  PLAIN+=("$(run_pgbench "$WORK/booking.sql")"); log "round $r without outbox: ${PLAIN[-1]}"
  WITH+=("$(run_pgbench "$WORK/booking-outbox.sql")"); log "round $r with outbox: ${WITH[-1]}"
  calendar_trigger DISABLE
  NOCAL+=("$(run_pgbench "$WORK/booking-outbox.sql")"); log "round $r with outbox, no calendar version: ${NOCAL[-1]}"
  calendar_trigger ENABLE
done
TPS_NOCAL="$(printf '%s\n' "${NOCAL[@]}" | cut -d' ' -f1 | median)"
LAT_NOCAL="$(printf '%s\n' "${NOCAL[@]}" | cut -d' ' -f2 | median)"
TPS_PLAIN="$(printf '%s\n' "${PLAIN[@]}" | cut -d' ' -f1 | median)"
TPS_WITH="$(printf '%s\n' "${WITH[@]}" | cut -d' ' -f1 | median)"
LAT_PLAIN="$(printf '%s\n' "${PLAIN[@]}" | cut -d' ' -f2 | median)"
LAT_WITH="$(printf '%s\n' "${WITH[@]}" | cut -d' ' -f2 | median)"

# The sequencer, as OutboxSequencer runs it: batches of BATCH in one transaction each, until none is left.
UNPOSITIONED="$(pg_sql bench_outbox "SELECT count(*) FROM outbox_event WHERE position IS NULL")"
cat >"$WORK/sequence.sql" <<SQL
DO \$\$
DECLARE last_pos bigint; n int;
BEGIN
  LOOP
    SELECT last_position INTO last_pos FROM outbox_state WHERE id = 1 FOR UPDATE;
    WITH next AS (SELECT id, row_number() OVER (ORDER BY insert_order) AS n FROM outbox_event
                  WHERE position IS NULL ORDER BY insert_order LIMIT $BATCH)
    UPDATE outbox_event e SET position = last_pos + next.n FROM next WHERE e.id = next.id;
    GET DIAGNOSTICS n = ROW_COUNT;
    EXIT WHEN n = 0;
    UPDATE outbox_state SET last_position = last_pos + n WHERE id = 1;
  END LOOP;
END \$\$;
SQL
STARTED_NS="$(date +%s%N)"
pg_file bench_outbox "$WORK/sequence.sql" >/dev/null
SEQ_MS="$(( ($(date +%s%N) - STARTED_NS) / 1000000 ))"
CHECK="$(pg_sql bench_outbox "SELECT count(*) FILTER (WHERE position IS NULL) || ' unpositioned, ' || count(DISTINCT position) || ' positions for ' || count(*) || ' events' FROM outbox_event")"

{
  md_header "Outbox cost per booking (database)" "$COMMAND"
  echo "- Load average at start: $LOAD_AT_START; at the end: $(cut -d' ' -f1-3 /proc/loadavg)."
  echo "- pgbench -M prepared -c $CLIENTS -j 2, ${DURATION}s per run, $ROUNDS rounds alternating, median of each; $ORGS organisations."
  echo "- With the outbox: two events per booking (booking.confirmed with BookingView and PartnerBookingView, aid.granted with AidEventView), $(( ${#BOOKING_VIEW} + ${#PARTNER_VIEW} + ${#AID_VIEW} )) bytes of JSON."
  echo "- Afterwards: $CHECK."
  echo
  echo "| Transaction | Bookings/s (median) | Latency avg ms (median) | Runs (tps) |"
  echo "|---|---:|---:|---|"
  echo "| booking (lock, aid sum, insert) | ${TPS_PLAIN%.*} | $LAT_PLAIN | $(printf '%s\n' "${PLAIN[@]}" | cut -d' ' -f1 | rounded) |"
  echo "| booking + outbox (two events) | ${TPS_WITH%.*} | $LAT_WITH | $(printf '%s\n' "${WITH[@]}" | cut -d' ' -f1 | rounded) |"
  echo "| booking + outbox, V4's calendar-version trigger off | ${TPS_NOCAL%.*} | $LAT_NOCAL | $(printf '%s\n' "${NOCAL[@]}" | cut -d' ' -f1 | rounded) |"
  echo
  awk -v p="$TPS_PLAIN" -v w="$TPS_WITH" -v lp="$LAT_PLAIN" -v lw="$LAT_WITH" -v c="$CLIENTS" 'BEGIN {
    printf "- Ratio with/without: %.2f× the throughput; the outbox adds %.2f ms to each booking transaction at %d clients (latency), %.0f µs of serialised database time per booking (1/tps).\n",
      w / p, lw - lp, c, 1000000 / w - 1000000 / p }'
  awk -v w="$TPS_WITH" -v n="$TPS_NOCAL" 'BEGIN {
    printf "- Ratio with/without the calendar-version trigger: %.2f× the throughput, %.0f µs of serialised database time per booking.\n",
      w / n, 1000000 / w - 1000000 / n }'
  awk -v ms="$SEQ_MS" -v n="$UNPOSITIONED" -v b="$BATCH" 'BEGIN {
    printf "- Sequencer, off the request path: %d events positioned in %d ms in batches of %d, %.1f µs per event (%.1f µs per booking).\n",
      n, ms, b, 1000 * ms / n, 2000 * ms / n }'
} >"$OUT"
cat "$OUT"
save_result outbox-cost "$OUT"
