#!/usr/bin/env bash
# What a 20 MiB attachment upload costs application-service's heap. The packaged application-service runs alone
# (its registry URL points at a closed port: the lead's name then stays empty, as the architecture allows) on a
# throwaway database, with tokens from tools/OidcStub.java. For each of RUNS uploads of a fresh 20 MiB PDF-typed
# file (curl -F, rate-limited to RATE so that it takes a few seconds):
#   - before:  live heap after a full GC (jcmd GC.run, then GC.heap_info "used"), the service idle;
#   - during:  live heap after a full GC at 75 % of the upload's expected time, while the body is streaming in;
#              a service that buffered the body would hold most of the 20 MiB here;
#   - after:   live heap after a full GC once the upload has answered 201;
#   - peak:    the largest heap "used" (garbage included, no GC forced) sampled every 100 ms during the upload.
# Each upload is downloaded again and its SHA-256 compared. The table gives each run and the medians.
#
# Settings (env): RUNS=3, SIZE_MIB=20, RATE=8M (curl --limit-rate), BENCH_PORT_BASE=18140 (stub on +0, the service
# on +1, the closed registry port +2), BENCH_JAVA_OPTS (lib.sh), BENCH_PGHOST/PORT/USER. About 1 minute.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

settings RUNS=3 SIZE_MIB=20 RATE=8M BENCH_PORT_BASE=18140
BASE=$BENCH_PORT_BASE
STUB_PORT=$BASE
APP_PORT=$((BASE + 1))
CLOSED_PORT=$((BASE + 2))
COMMAND="${SETTINGS}bench/attachment-heap.sh"

need_tools java javac jcmd curl psql sha256sum awk ss
make_work attachment-heap
OUT="$WORK/result.md"
require_free_ports "$STUB_PORT" "$APP_PORT" "$CLOSED_PORT"
snapshot_apps application-service
require_jar application-service
pg_ensure
fresh_db bench_attachment
start_oidc_stub "$STUB_PORT"

log "starting application-service on $APP_PORT"
start_service application-service application CATAPULT_OIDC_URL="$OIDC_URL" QUARKUS_LOG_CONSOLE_LEVEL=WARN \
  APPLICATION_PORT="$APP_PORT" APPLICATION_DB_URL="$(jdbc_url bench_attachment)" APPLICATION_DB_USER="$PGUSER_B" \
  APPLICATION_DB_PASSWORD=bench REGISTRY_URL="http://127.0.0.1:$CLOSED_PORT"
APP_PID=$LAST_PID
wait_ready "$APP_PORT" 120 application
API="http://127.0.0.1:$APP_PORT/api/v1"

ADMIN="$(mint "user=bench-admin&roles=siva-admin")"
APPLICANT="$(mint "user=bench-applicant&roles=applicant&org_no=930000019")"
OPENS="$(date -u -d '-1 day' +%Y-%m-%dT%H:%M:%SZ)"
CLOSES="$(date -u -d '+30 days' +%Y-%m-%dT%H:%M:%SZ)"
CALL="$(api_write POST "$API/calls" "$ADMIN" "{\"title\":\"Benchmark call\",\"description\":\"Attachments\",
  \"kind\":\"PRE_PROJECT\",\"opensAt\":\"$OPENS\",\"closesAt\":\"$CLOSES\",
  \"budget\":{\"amount\":2000000,\"currency\":\"NOK\"},\"maxAmountPerApplication\":{\"amount\":200000,\"currency\":\"NOK\"},
  \"criteria\":[{\"code\":\"relevance\",\"name\":\"Relevans\",\"weight\":1}]}")" || die "could not create the call"

new_draft() {
  api_write POST "$API/applications" "$APPLICANT" "{\"callId\":\"$CALL\",\"title\":\"Benchmark\",\"summary\":\"Vedlegg\",
    \"budgetLines\":[{\"category\":\"PERSONNEL\",\"description\":\"Arbeid\",\"amount\":{\"amount\":110000,\"currency\":\"NOK\"}}],
    \"requestedAmount\":{\"amount\":100000,\"currency\":\"NOK\"},\"ownFunding\":{\"amount\":10000,\"currency\":\"NOK\"}}"
}

# Heap used in KiB as GC.heap_info reports it: the generations (Serial, Parallel) or the G1 heap.
heap_used_kib() {
  jcmd "$APP_PID" GC.heap_info 2>/dev/null | awk '
    /(generation|PSYoungGen|ParOldGen|garbage-first heap|Shenandoah|ZHeap).*used/ {
      for (i = 1; i <= NF; i++) if ($i == "used") { v = $(i + 1); sub(/K.*/, "", v); sum += v }
    } END { print sum + 0 }'
}

live_kib() { jcmd "$APP_PID" GC.run >/dev/null 2>&1; heap_used_kib; }

mib() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }
smib() { awk -v k="$1" 'BEGIN { printf "%+.1f", k / 1024 }'; }  # a change, with its sign

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# Warm up the upload and download paths once (class loading, JIT, the connection pool) with a small file.
WARM="$(new_draft)"
head -c 1048576 /dev/urandom | { printf '%%PDF-1.7\n'; cat; } >"$WORK/warm.pdf"
curl -fsS -o /dev/null -H "Authorization: Bearer $APPLICANT" -F kind=OTHER -F "file=@$WORK/warm.pdf;type=application/pdf" \
  "$API/applications/$WARM/attachments" || die "warm-up upload failed: $(tail -n 20 "$WORK/application.log")"

RATE_BYTES="$(numfmt --from=iec "$RATE")"
EXPECTED_SECONDS="$(awk -v s="$SIZE_MIB" -v r="$RATE_BYTES" 'BEGIN { printf "%.2f", s * 1048576 / r }')"
MID_DELAY="$(awk -v e="$EXPECTED_SECONDS" 'BEGIN { printf "%.2f", e * 0.75 }')"
ROWS=()
DURING=() AFTER=() PEAK=()
for run in $(seq 1 "$RUNS"); do
  app="$(new_draft)"
  file="$WORK/upload-$run.pdf"
  head -c $((SIZE_MIB * 1048576 - 9)) /dev/urandom | { printf '%%PDF-1.7\n'; cat; } >"$file"
  sha="$(sha256sum "$file" | cut -d' ' -f1)"
  sleep 1
  before="$(live_kib)"
  baseline="$(heap_used_kib)"
  curl -sS -o "$WORK/upload-$run.json" -w '%{http_code}' --limit-rate "$RATE" -H "Authorization: Bearer $APPLICANT" \
    -F kind=PROJECT_DESCRIPTION -F "file=@$file;type=application/pdf" \
    "$API/applications/$app/attachments" >"$WORK/status-$run" &
  upload=$!
  peak=$baseline
  mid=""
  started=$SECONDS
  deadline=$(awk -v s="$(date +%s.%N)" -v d="$MID_DELAY" 'BEGIN { printf "%.2f", s + d }')
  while kill -0 "$upload" 2>/dev/null; do
    used="$(heap_used_kib)"
    [ "$used" -gt "$peak" ] && peak=$used
    if [ -z "$mid" ] && awk -v n="$(date +%s.%N)" -v d="$deadline" 'BEGIN { exit !(n >= d) }'; then
      mid="$(live_kib)"
    fi
    [ $((SECONDS - started)) -lt 120 ] || die "upload $run did not finish in 120 s"
    sleep 0.1
  done
  wait "$upload" || true
  status="$(cat "$WORK/status-$run")"
  [ "$status" = 201 ] || die "upload $run answered $status: $(cat "$WORK/upload-$run.json")"
  [ -n "$mid" ] || die "upload $run finished before 75 % of its expected ${EXPECTED_SECONDS}s; lower RATE"
  after="$(live_kib)"
  id="$(sed -n 's/.*"id":"\([^"]*\)".*/\1/p' "$WORK/upload-$run.json")"
  back="$(curl -fsS -H "Authorization: Bearer $APPLICANT" "$API/applications/$app/attachments/$id" | sha256sum | cut -d' ' -f1)"
  [ "$back" = "$sha" ] || die "upload $run came back with SHA-256 $back, not $sha"
  d_during=$((mid - before)) d_after=$((after - before)) d_peak=$((peak - baseline))
  DURING+=("$d_during") AFTER+=("$d_after") PEAK+=("$d_peak")
  ROWS+=("| $run | $(mib "$before") | $(mib "$mid") ($(smib "$d_during")) | $(mib "$after") ($(smib "$d_after")) | $(smib "$d_peak") | yes |")
  log "run $run: live before $(mib "$before") MiB, during $(smib "$d_during"), after $(smib "$d_after"), peak used $(smib "$d_peak")"
  rm -f "$file"
done

{
  md_header "Attachment upload: application-service heap" "$COMMAND"
  echo "- Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "- Each upload: ${SIZE_MIB} MiB, multipart/form-data with curl -F at $RATE/s (about ${EXPECTED_SECONDS} s); \"during\" is read at 75 %"
  echo
  echo "| run | live heap before (MiB) | live heap during the upload (MiB) | live heap after (MiB) | peak heap used, garbage included (MiB) | SHA-256 equal on download |"
  echo "|---|---|---|---|---|---|"
  printf '%s\n' "${ROWS[@]}"
  echo "| **median** | | $(smib "$(printf '%s\n' "${DURING[@]}" | median)") | $(smib "$(printf '%s\n' "${AFTER[@]}" | median)") | $(smib "$(printf '%s\n' "${PEAK[@]}" | median)") | |"
  echo
  echo "Live heap = heap used right after a full GC (\`jcmd <pid> GC.run\`, then \`GC.heap_info\`); peak = the largest"
  echo "\`GC.heap_info\` used value sampled every 100 ms during the upload, without forcing a GC, minus the value before it."
} >"$OUT"
cat "$OUT"
save_result attachment-heap "$OUT"
