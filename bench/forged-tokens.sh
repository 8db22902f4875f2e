#!/usr/bin/env bash
# Forged-token flood (issue 11): what a flood of forged tokens from one client address costs the gateway.
# The gateway alone, with its default limits, the OIDC stub (bench/tools/OidcStub.java) as issuer and a
# static JSON answer from nginx as its upstream (as UPSTREAM=stub bench/gateway.sh). Each run, from 127.0.0.1:
#   verified - REQUESTS forged tokens in chunks within the address's budget: every one a 401, after a signature check
#   flood    - REQUESTS forged tokens from a full bucket, as fast as curl --parallel sends them: counts of 401 and 429
#   second   - at once another REQUESTS forged tokens; the bucket is empty, so nearly all are 429
#   valid    - REQUESTS valid tokens, paced like "verified" and spread over 20 subjects: every one a 200
#   verified - again, so that a gateway still getting faster (JIT) biases neither side
# A forged token is a real token of the stub, re-signed with another RSA key (same kid, same claims).
# CPU is the gateway's utime+stime (/proc/<pid>/stat) around each phase. CPU per 429 is the second burst's
# CPU less its few 401s at the verified cost, per 429. Median of RUNS runs, after a JIT warm-up from other
# loopback addresses and one discarded run. Prints a Markdown table and saves it in bench/results/ (git-ignored).
#
#   bench/forged-tokens.sh
#   RUNS=5 PARALLEL=32 bench/forged-tokens.sh
#
# Settings (env): RUNS=3, REQUESTS=2000, PARALLEL=16 (curl --parallel-max), WARMUP=12000 (requests from other
# loopback addresses before the first run), BENCH_PORT_BASE=18480 (gateway +0, OIDC stub +1, nginx +2),
# BENCH_JAVA_OPTS (lib.sh's, a long-running service's), GATEWAY_IP_RATE_LIMIT_* and GATEWAY_RATE_LIMIT_* (default:
# the gateway's own defaults, read from its application.properties).
# Needs: java 17, javac, curl 7.66+, openssl, nginx (apt-get install -y nginx); builds the gateway jar if it
# is missing. About 6 minutes (most of it pauses that let the address's bucket fill up again).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

settings RUNS=3 REQUESTS=2000 PARALLEL=16 WARMUP=12000 BENCH_PORT_BASE=18480
SUBJECTS=20
BASE=$BENCH_PORT_BASE
GATEWAY_PORT=$BASE; STUB_PORT=$((BASE + 1)); UPSTREAM_PORT=$((BASE + 2))
CLOSED_PORT=9   # the services the benchmark does not need: nothing listens there
COMMAND="${SETTINGS}bench/forged-tokens.sh"
URL="http://127.0.0.1:$GATEWAY_PORT/api/v1/centres"
HZ="$(getconf CLK_TCK)"
PROPERTIES="$ROOT/gateway/src/main/resources/application.properties"

need_tools java javac curl openssl nginx awk ss
make_work forged-tokens
LOAD_AT_START="$(cut -d' ' -f1-3 /proc/loadavg)"

# ---- the gateway's per-address budget, as its default configuration has it ---------------------
# "gateway.ip-rate-limit.capacity=${GATEWAY_IP_RATE_LIMIT_CAPACITY:600}" -> 600; the environment wins, as in the gateway.
default_of() { sed -n "s/.*\${$1:\([^}]*\)}.*/\1/p" "$PROPERTIES" | head -n1; }
setting() { if [ -n "${!1:-}" ]; then echo "${!1}"; else default_of "$1"; fi; }
seconds_of() { # 1S, 500ms, 2s -> seconds (awk number)
  awk -v v="$1" 'BEGIN { n = v; sub(/[A-Za-z]+$/, "", n); u = tolower(substr(v, length(n) + 1));
    if (u == "ms") n /= 1000; else if (u == "m") n *= 60; else if (u != "s" && u != "") exit 1; print n }'
}
IP_CAPACITY="$(setting GATEWAY_IP_RATE_LIMIT_CAPACITY)"
IP_REFILL="$(setting GATEWAY_IP_RATE_LIMIT_REFILL_TOKENS)"
IP_PERIOD="$(setting GATEWAY_IP_RATE_LIMIT_REFILL_PERIOD)"
SUBJECT_CAPACITY="$(setting GATEWAY_RATE_LIMIT_CAPACITY)"
SUBJECT_REFILL="$(setting GATEWAY_RATE_LIMIT_REFILL_TOKENS)"
SUBJECT_PERIOD="$(setting GATEWAY_RATE_LIMIT_REFILL_PERIOD)"
[ -n "$IP_CAPACITY" ] && [ -n "$IP_REFILL" ] && [ -n "$IP_PERIOD" ] || die "no GATEWAY_IP_RATE_LIMIT_* defaults in $PROPERTIES"
[ "$(setting GATEWAY_IP_RATE_LIMIT_ENABLED)" = true ] || die "the per-address limit is off (GATEWAY_IP_RATE_LIMIT_ENABLED)"
# Paced phases send chunks of 5/6 of the address's burst, each after a pause in which the bucket fills up again.
CHUNK=$((IP_CAPACITY * 5 / 6))
[ "$CHUNK" -ge 1 ] || die "GATEWAY_IP_RATE_LIMIT_CAPACITY=$IP_CAPACITY is too small to pace requests under it"
REFILL_PAUSE="$(awk -v c="$IP_CAPACITY" -v r="$IP_REFILL" -v p="$(seconds_of "$IP_PERIOD")" 'BEGIN { printf "%.1f", c / r * p + 1 }')"
# The valid phase: each subject's share of a chunk stays within its own burst.
[ $((CHUNK / SUBJECTS + 1)) -le "$SUBJECT_CAPACITY" ] || die "a chunk of $CHUNK over $SUBJECTS subjects passes the per-subject burst $SUBJECT_CAPACITY"

# ---- the gateway, its issuer and its upstream ----------------------------------------------------
require_free_ports "$GATEWAY_PORT" "$STUB_PORT" "$UPSTREAM_PORT"
if [ ! -f "$ROOT/gateway/target/quarkus-app/quarkus-run.jar" ]; then
  log "no gateway jar: building it (./mvnw -q -DskipTests package -pl gateway -am)"
  (cd "$ROOT" && ./mvnw -q -DskipTests package -pl gateway -am)
fi
snapshot_apps gateway   # a rebuild by someone else during the run cannot pull the jar away

start_oidc_stub "$STUB_PORT"

{
  nginx_conf_head 1 1024
  cat <<CONF
  server { listen 127.0.0.1:$UPSTREAM_PORT; location / { default_type application/json;
    return 200 '{"items":[{"code":"bench-centre-1","name":"Benchmark centre 1"}],"page":0,"size":20,"total":1}'; } }
}
CONF
} >"$WORK/nginx.conf"
nginx -c "$WORK/nginx.conf" -p "$WORK" -g 'daemon off;' 2>"$WORK/nginx-start.log" &
track_pid $!
wait_http "http://127.0.0.1:$UPSTREAM_PORT/q/health/ready" 10 || die "nginx did not start: $(cat "$WORK/nginx-start.log")"

# Only the limits' environment reaches the gateway as given; everything else is the gateway's default.
start_service gateway gateway GATEWAY_PORT="$GATEWAY_PORT" GATEWAY_PUBLIC_URL="http://127.0.0.1:$GATEWAY_PORT" \
  REGISTRY_URL="http://127.0.0.1:$UPSTREAM_PORT" APPLICATION_URL="http://127.0.0.1:$CLOSED_PORT" \
  BOOKING_URL="http://127.0.0.1:$CLOSED_PORT" EVENTS_URL="http://127.0.0.1:$CLOSED_PORT" CATAPULT_OIDC_URL="$OIDC_URL"
GATEWAY_PID=$LAST_PID
wait_ready "$GATEWAY_PORT" 120 gateway

# ---- tokens -----------------------------------------------------------------------------------------
for ((i = 0; i < SUBJECTS; i++)); do
  mint "user=bench-sme-$i&roles=sme&org_no=910000012" >"$WORK/valid-$i.jwt"
done
# Valid-looking: the stub's header and claims, signed with a key the realm never published.
real="$(mint "user=mallory&roles=siva-admin")"
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$WORK/foreign.pem" 2>/dev/null
signature="$(printf '%s' "${real%.*}" | openssl dgst -sha256 -sign "$WORK/foreign.pem" -binary | base64 -w0 | tr '+/' '-_' | tr -d '=')"
FORGED="${real%.*}.$signature"

# A curl config of COUNT requests to $URL, each with its own token, its body dropped and its status printed.
# "next" separates them (and resets the header); a trailing one would be an empty request.
chunk_config() { # file, count, kind (forged|valid|mixed)
  local i token
  for ((i = 0; i < $2; i++)); do
    if [ "$3" = forged ] || { [ "$3" = mixed ] && [ $((i % 2)) -eq 0 ]; }; then
      token="$FORGED"
    else
      token="$(cat "$WORK/valid-$((i % SUBJECTS)).jwt")"
    fi
    [ "$i" -eq 0 ] || echo next
    printf 'url = "%s"\noutput = "/dev/null"\nheader = "Authorization: Bearer %s"\nwrite-out = "%%{http_code}\\n"\n' \
      "$URL" "$token"
  done >"$1"
}
chunk_config "$WORK/forged-chunk.cfg" "$CHUNK" forged
chunk_config "$WORK/valid-chunk.cfg" "$CHUNK" valid
chunk_config "$WORK/forged-flood.cfg" "$REQUESTS" forged

send() { # config file, codes file (appended)
  curl -s --no-progress-meter --parallel --parallel-immediate --parallel-max "$PARALLEL" --max-time 30 -K "$1" \
    >>"$2" 2>>"$WORK/curl.err" || true
}

count() { grep -c "^$1\$" "$2" || true; } # status, codes file

# A phase paced under the address's budget: chunks of $CHUNK, each after the bucket filled up again.
# CPU is counted around the chunks only; the pauses' CPU goes to PAUSE_TICKS, for scale. Sets TICKS.
PAUSE_TICKS=0; PAUSES=0
paced() { # kind, codes file
  local sent=0 n before
  : >"$2"
  TICKS=0
  while [ $sent -lt "$REQUESTS" ]; do
    n=$((REQUESTS - sent < CHUNK ? REQUESTS - sent : CHUNK))
    [ "$n" -eq "$CHUNK" ] || chunk_config "$WORK/$1-last.cfg" "$n" "$1"
    before="$(cpu_ticks "$GATEWAY_PID")"
    sleep "$REFILL_PAUSE"
    PAUSE_TICKS=$((PAUSE_TICKS + $(cpu_ticks "$GATEWAY_PID") - before)); PAUSES=$((PAUSES + 1))
    before="$(cpu_ticks "$GATEWAY_PID")"
    if [ "$n" -eq "$CHUNK" ]; then send "$WORK/$1-chunk.cfg" "$2"; else send "$WORK/$1-last.cfg" "$2"; fi
    TICKS=$((TICKS + $(cpu_ticks "$GATEWAY_PID") - before))
    sent=$((sent + n))
  done
}

# A burst of REQUESTS forged tokens as fast as curl sends them; "full" waits until the bucket is full first,
# "empty" starts at once (right after a flood the bucket is empty). Sets TICKS and BURST_MS.
burst() { # full|empty, codes file
  local before t0
  : >"$2"
  [ "$1" = empty ] || sleep "$REFILL_PAUSE"
  before="$(cpu_ticks "$GATEWAY_PID")"
  t0="$(date +%s%N)"
  send "$WORK/forged-flood.cfg" "$2"
  BURST_MS=$((($(date +%s%N) - t0) / 1000000))
  TICKS=$(($(cpu_ticks "$GATEWAY_PID") - before))
}

us() { awk -v t="$1" -v hz="$HZ" -v n="$2" 'BEGIN { printf "%.0f", (n > 0) ? t * 1000000 / hz / n : 0 }'; } # ticks, requests

# Sanity: the gateway tells the two kinds apart, and says so with the expected status.
sleep "$REFILL_PAUSE"
code_forged="$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $FORGED" "$URL")"
code_valid="$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $(cat "$WORK/valid-0.jwt")" "$URL")"
[ "$code_forged" = 401 ] && [ "$code_valid" = 200 ] || die "forged token -> $code_forged (401 expected), valid -> $code_valid (200 expected); log: $(tail -n 20 "$WORK/gateway.log")"

# JIT warm-up: WARMUP requests, half forged and half valid, from other loopback addresses (127.0.0.2-9). Each
# address has its own bucket, so the warm-up needs no pacing and leaves 127.0.0.1's bucket alone. A few hundred
# requests are not enough: the CPU per request kept falling for the first few thousand.
log "JIT warm-up: $WARMUP requests from 127.0.0.2-9"
chunk_config "$WORK/warmup.cfg" $((WARMUP / 8)) mixed
warm_pids=()
for a in 2 3 4 5 6 7 8 9; do
  curl -s --no-progress-meter --parallel --parallel-max 4 --max-time 30 --interface "127.0.0.$a" -K "$WORK/warmup.cfg" \
    >"$WORK/warmup-$a.codes" 2>>"$WORK/curl.err" &
  warm_pids+=($!)
done
wait "${warm_pids[@]}" || true
log "warm-up answers: $(cat "$WORK"/warmup-*.codes | sort | uniq -c | awk '{printf "%s×%s ", $2, $1}')"

# Idle CPU of the gateway (health checks, contract refresh) over one pause, for scale.
idle_before="$(cpu_ticks "$GATEWAY_PID")"
sleep "$REFILL_PAUSE"
IDLE_TICKS=$(($(cpu_ticks "$GATEWAY_PID") - idle_before))

# Each run: verified, flood, a second burst at once (the bucket is empty: mostly 429s), valid, verified again.
# The flood gives the counts; the second burst the CPU per 429, with its few 401s at the verified cost. The
# verified phase runs before and after, and its mean is used, so that a gateway still getting faster
# (JIT) does not make the 429s look cheaper or dearer than they are.
ROWS=""
declare -a M_401=() M_429=() M_VERIFIED=() M_LIMITED=() M_VALID=() M_RATIO=() M_RATIO_VERIFIED=() M_RATE=() M_FLOOD=()
declare -a M_SECOND=() M_PAUSE=()
for ((run = 0; run <= RUNS; run++)); do
  if [ $run -eq 0 ]; then log "warm-up run (not counted)"; else log "run $run of $RUNS"; fi
  PAUSE_TICKS=0; PAUSES=0
  paced forged "$WORK/verified-a-$run.codes"; t_va=$TICKS
  burst full "$WORK/flood-$run.codes"; t_flood=$TICKS; flood_ms=$BURST_MS
  burst empty "$WORK/second-$run.codes"; t_second=$TICKS
  paced valid "$WORK/valid-$run.codes"; t_valid=$TICKS
  paced forged "$WORK/verified-b-$run.codes"; t_vb=$TICKS
  [ $run -eq 0 ] && continue

  v401=$(($(count 401 "$WORK/verified-a-$run.codes") + $(count 401 "$WORK/verified-b-$run.codes")))
  f401="$(count 401 "$WORK/flood-$run.codes")"; f429="$(count 429 "$WORK/flood-$run.codes")"
  f_other=$((REQUESTS - f401 - f429))
  s401="$(count 401 "$WORK/second-$run.codes")"; s429="$(count 429 "$WORK/second-$run.codes")"
  ok200="$(count 200 "$WORK/valid-$run.codes")"
  [ "$v401" -eq $((2 * REQUESTS)) ] || log "run $run: only $v401 of $((2 * REQUESTS)) paced forged requests got 401"
  [ "$ok200" -eq "$REQUESTS" ] || log "run $run: only $ok200 of $REQUESTS valid requests got 200"
  [ "$f_other" -eq 0 ] || log "run $run: $f_other flood answers were neither 401 nor 429: $(sort "$WORK/flood-$run.codes" | uniq -c | tr '\n' ' ')"
  [ $((s401 + s429)) -eq "$REQUESTS" ] || log "run $run: second burst: $(sort "$WORK/second-$run.codes" | uniq -c | tr '\n' ' ')"

  us_verified="$(us $((t_va + t_vb)) "$v401")"
  us_valid="$(us "$t_valid" "$ok200")"
  # The second burst's 401s cost what a verified request costs; the rest of its CPU is its 429s'.
  us_limited="$(awk -v t="$t_second" -v hz="$HZ" -v n401="$s401" -v c401="$us_verified" -v n429="$s429" \
    'BEGIN { printf "%.0f", (n429 > 0) ? (t * 1000000 / hz - n401 * c401) / n429 : 0 }')"
  ratio="$(awk -v a="$us_limited" -v b="$us_valid" 'BEGIN { printf "%.2f", (b > 0) ? a / b : 0 }')"
  ratio_verified="$(awk -v a="$us_limited" -v b="$us_verified" 'BEGIN { printf "%.2f", (b > 0) ? a / b : 0 }')"
  rate="$(awk -v n="$REQUESTS" -v ms="$flood_ms" 'BEGIN { printf "%.0f", n * 1000 / ms }')"
  pause="$(awk -v t="$PAUSE_TICKS" -v hz="$HZ" -v n="$PAUSES" -v p="$REFILL_PAUSE" 'BEGIN { printf "%.0f", t * 1000 / hz / (n * p) }')"
  ROWS+="| $run | $f429 | $f401 | $f_other | $rate | $(us "$t_flood" "$REQUESTS") | $s429 | $us_limited | $us_verified | $us_valid | $ratio | $ratio_verified | $pause |"$'\n'
  M_429+=("$f429"); M_401+=("$f401"); M_VERIFIED+=("$us_verified"); M_LIMITED+=("$us_limited"); M_VALID+=("$us_valid")
  M_RATIO+=("$ratio"); M_RATIO_VERIFIED+=("$ratio_verified"); M_RATE+=("$rate"); M_FLOOD+=("$(us "$t_flood" "$REQUESTS")")
  M_SECOND+=("$s429"); M_PAUSE+=("$pause")
done

med() { echo "$*" | median; }
OUT="$WORK/report.md"
{
  echo "## Forged-token flood"
  echo
  echo "- Date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "- Machine: $(machine_line); load average before the run: $LOAD_AT_START"
  echo "- Software: $(java -version 2>&1 | head -n1), gateway JVM options \`$BENCH_JAVA_OPTS\`, $(curl --version | head -n1 | cut -d' ' -f1-2), $(nginx -v 2>&1 | sed 's/.*: //')"
  echo "- Command: \`$COMMAND\`"
  echo "- Gateway limits: per address $IP_CAPACITY at once, then $IP_REFILL per $IP_PERIOD (before the token check); per subject $SUBJECT_CAPACITY, then $SUBJECT_REFILL per $SUBJECT_PERIOD"
  echo "- Load: GET /api/v1/centres from 127.0.0.1, curl --parallel-max $PARALLEL; upstream a static JSON answer from nginx; the OIDC stub as issuer (RS256, 2048-bit)"
  echo "- Warm-up: $WARMUP requests (half forged, half valid) from 127.0.0.2-9, then one full run that is not counted"
  echo "- CPU: the gateway's utime+stime from /proc/<pid>/stat (1/$HZ s ticks); idle: $IDLE_TICKS ticks in ${REFILL_PAUSE} s"
  echo
  echo "| run | flood: 429 | flood: 401 | flood: other | flood requests/s | flood CPU µs/request | second burst: 429 | CPU µs per limited (429) | CPU µs per verified forged (401) | CPU µs per valid (200) | limited / valid | limited / verified | CPU ms/s between chunks |"
  echo "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
  printf '%s' "$ROWS"
  echo "| median | $(med "${M_429[*]}") | $(med "${M_401[*]}") | | $(med "${M_RATE[*]}") | $(med "${M_FLOOD[*]}") | $(med "${M_SECOND[*]}") | $(med "${M_LIMITED[*]}") | $(med "${M_VERIFIED[*]}") | $(med "${M_VALID[*]}") | $(med "${M_RATIO[*]}") | $(med "${M_RATIO_VERIFIED[*]}") | $(med "${M_PAUSE[*]}") |"
  echo
  echo "Each run: $REQUESTS forged tokens paced under the address's budget ($CHUNK at a time, ${REFILL_PAUSE} s apart: all 401), the flood of $REQUESTS from a full bucket, at once a second burst of $REQUESTS (the bucket is empty), $REQUESTS valid tokens paced the same way (all 200), and the paced forged tokens again. CPU per verified request: both paced forged phases. CPU per limited request: the second burst, less its 401s at that cost. The last column is the gateway's CPU while idle between chunks (health checks, JIT): it is not in the other columns. Load average after the run: $(cut -d' ' -f1-3 /proc/loadavg)."
} >"$OUT"
cat "$OUT"
save_result forged-tokens "$OUT"
