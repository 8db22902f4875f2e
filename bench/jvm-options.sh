#!/usr/bin/env bash
# Start-up of one packaged service under several sets of JVM options, in the same run: time to ready, CPU
# used until ready, and memory at ready (RSS, split into anonymous memory and mapped files). Prints a
# Markdown table and saves it in bench/results/ (git-ignored).
#
#   bench/jvm-options.sh
#   RUNS=5 MODULE=facility-booking bench/jvm-options.sh
#
# The sets (each on top of -Xmx256m, the launcher's heap cap; G1 is the JVM's default here):
#   tiered     -Xmx256m alone: the launcher's options before 2026-12-03
#   c1         the C1 compiler only (-XX:TieredStopAtLevel=1): the launcher's default since
#   serial     the serial collector
#   c1-xms16   c1 with a 16 MB initial heap (-Xms16m; the JVM's default is 1/64 of the RAM, capped by -Xmx)
#   serial-c1-xms16  the same with the serial collector
#   cds        a dynamic AppCDS archive of this service (-XX:SharedArchiveFile), as CATAPULT_CDS=true makes one
#   cds-c1     both: what ./catapult up runs with CATAPULT_CDS=true
#   serial-cds-c1  the same with the serial collector
#   appcds     Quarkus's own AppCDS archive, when the jar was built with -Dquarkus.package.jar.appcds.enabled=true
#              (it holds the classes of static init only)
#   jdk25-c1   C1 only, on the JDK 25 in JAVA25 (the jar still targets Java 17)
#   aot-c1     the same with JDK 25's AOT cache (-XX:AOTCache, JEP 483/514/515: classes loaded and linked, and
#              method profiles), made as the launcher makes it: a start with -XX:AOTMode=record, jcmd <pid>
#              AOT.end_recording once it is ready, and -XX:AOTMode=create in a JVM of its own
#   aot        the AOT cache with both compilers;  aot-serial-c1  the AOT cache and C1 with the serial collector
#   aot-lean   aot-serial-c1 with a 16 MB initial heap (-Xms16m), which the collector grows as it needs
#   lean       serial-c1-xms16 with glibc's malloc held to two arenas (MALLOC_ARENA_MAX=2) and smaller thread
#              stacks (-Xss512k)
#   lean-netty lean with one Netty arena for heap and one for direct buffers instead of two per core
#   aot-lean-malloc  aot-lean with MALLOC_ARENA_MAX=2 and -Xss512k
#   custom     -Xmx256m and whatever CUSTOM_OPTS holds, on the JDK 17 (custom25: on JAVA25; aot-custom: on JAVA25
#              with the AOT cache and C1)
# An AOT cache holds only classes of the JVM's own class loaders: build the module with
# -Dquarkus.package.jar.type=aot-jar (every jar on the class path) for it to hold the application's classes.
# The dynamic archive is made as the launcher makes it: a start with -XX:+RecordDynamicDumpInfo and, once it is
# ready, jcmd <pid> VM.cds dynamic_dump (the time that takes is reported). Measured starts go round the sets
# RUNS times, so that a slow moment of
# the machine falls on every set alike; each cell is the median of the runs with [lowest–highest].
# Start-up time is from the fork of java to the first 200 from /q/health/ready; CPU is utime + stime of
# the JVM at that moment. The service runs in a copy of its target/quarkus-app (a CDS archive names its jars
# relatively and checks their size and time) on a throwaway database, with the OIDC stub as its provider.
#
# NMT=1: every measured start also runs with -XX:NativeMemoryTracking=summary (a few MB of its own, in the RSS
# column too), and the committed memory of each set's first start, by NMT category, follows the table, with
# the libraries of the classes loaded at ready (bench/tools/class_breakdown.py).
#
# PROFILE=cpu: one more start of the tiered, the cds-c1 and the aot-c1 set each, not counted in the table, under
# async-profiler (JIT threads included) until it stops; where its CPU went follows the table
# (bench/tools/cpu_breakdown.py).
#
# Settings (env): RUNS=3, PROFILE=0, MODULE=catapult-registry (or facility-booking, application-service, event-hub,
# gateway),
# SETS="tiered c1 serial cds cds-c1 serial-cds-c1 appcds", BENCH_PORT_BASE=18160 (stub +0, service +1),
# BENCH_PGHOST/PORT/USER. About 2 minutes on the 2-core machine.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

settings RUNS=3 MODULE=catapult-registry "SETS=tiered c1 serial cds cds-c1 serial-cds-c1 appcds jdk25-c1 aot-c1" \
  PROFILE=0 NMT=0 CUSTOM_OPTS= JAVA25=/usr/lib/jvm/temurin-25-jdk-amd64 BENCH_PORT_BASE=18160
STUB_PORT=$BENCH_PORT_BASE; APP_PORT=$((BENCH_PORT_BASE + 1))
COMMAND="${SETTINGS}bench/jvm-options.sh"

need_tools java javac jcmd curl psql ss awk
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
make_work jvm-options
require_free_ports "$APP_PORT"
pg_ensure
snapshot_apps "$MODULE"
require_jar "$MODULE"
APP_DIR="$WORK/apps/$MODULE"
[ -f "$APP_DIR/quarkus-run.jar" ] || die "no snapshot of $MODULE"

case "$MODULE" in
  catapult-registry) PREFIX=REGISTRY ;;
  application-service) PREFIX=APPLICATION ;;
  facility-booking) PREFIX=BOOKING ;;
  event-hub) PREFIX=EVENTS ;;
  gateway) PREFIX=GATEWAY ;;   # no database; its readiness does not depend on its upstreams
  *) die "MODULE must be one of catapult-registry, application-service, facility-booking, event-hub, gateway" ;;
esac
DB="bench_jvm_options"
fresh_db "$DB"
start_oidc_stub "$STUB_PORT"
ARCHIVE="$WORK/$MODULE.jsa"
AOT_CACHE="$WORK/$MODULE.aot"
if [[ " $SETS " == *" jdk25-c1 "* || " $SETS " == *" aot-c1 "* ]] \
    && ! "$JAVA25/bin/java" -version 2>&1 | grep -q 'version "2[5-9]'; then
  log "no JDK 25 or later in JAVA25=$JAVA25: leaving jdk25-c1 and aot-c1 out"
  SETS="${SETS/jdk25-c1/}"; SETS="${SETS/aot-c1/}"
fi

options_of() { # set name: its JVM options
  case "$1" in
    tiered) echo "-Xmx256m" ;;
    c1) echo "-Xmx256m -XX:TieredStopAtLevel=1" ;;
    serial) echo "-Xmx256m -XX:+UseSerialGC" ;;
    c1-xms16) echo "-Xmx256m -Xms16m -XX:TieredStopAtLevel=1" ;;
    serial-c1-xms16) echo "-Xmx256m -Xms16m -XX:+UseSerialGC -XX:TieredStopAtLevel=1" ;;
    cds) echo "-Xmx256m -XX:SharedArchiveFile=$ARCHIVE" ;;
    cds-c1) echo "-Xmx256m -XX:SharedArchiveFile=$ARCHIVE -XX:TieredStopAtLevel=1" ;;
    serial-cds-c1) echo "-Xmx256m -XX:+UseSerialGC -XX:SharedArchiveFile=$ARCHIVE -XX:TieredStopAtLevel=1" ;;
    appcds) echo "-Xmx256m -XX:SharedArchiveFile=app-cds.jsa" ;;
    jdk25-c1) echo "-Xmx256m -XX:TieredStopAtLevel=1" ;;
    aot-c1) echo "-Xmx256m -XX:AOTCache=$AOT_CACHE -XX:TieredStopAtLevel=1" ;;
    aot) echo "-Xmx256m -XX:AOTCache=$AOT_CACHE" ;;
    aot-serial-c1) echo "-Xmx256m -XX:+UseSerialGC -XX:AOTCache=$AOT_CACHE -XX:TieredStopAtLevel=1" ;;
    aot-lean) echo "-Xmx256m -Xms16m -XX:+UseSerialGC -XX:AOTCache=$AOT_CACHE -XX:TieredStopAtLevel=1" ;;
    aot-lean-malloc) echo "-Xmx256m -Xms16m -Xss512k -XX:+UseSerialGC -XX:AOTCache=$AOT_CACHE -XX:TieredStopAtLevel=1" ;;
    lean) echo "-Xmx256m -Xms16m -Xss512k -XX:+UseSerialGC -XX:TieredStopAtLevel=1" ;;
    lean-netty) echo "-Xmx256m -Xms16m -Xss512k -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Dio.netty.allocator.numHeapArenas=1 -Dio.netty.allocator.numDirectArenas=1" ;;
    custom|custom25) echo "-Xmx256m ${CUSTOM_OPTS:-}" ;;
    aot-custom) echo "-Xmx256m -XX:AOTCache=$AOT_CACHE -XX:TieredStopAtLevel=1 ${CUSTOM_OPTS:-}" ;;
    *) die "unknown set $1" ;;
  esac
}

java_of() { # set name: the java that runs it
  case "$1" in
    *jdk25-c1|*aot|*aot-c1|*aot-serial-c1|*aot-lean|*aot-lean-malloc|aot-training|custom25|aot-custom) echo "$JAVA25/bin/java" ;;
    *) echo java ;;
  esac
}

malloc_arenas_of() { # set name: glibc's MALLOC_ARENA_MAX for it (8 per core is glibc's own default)
  case "$1" in
    lean|lean-netty|aot-lean-malloc) echo 2 ;;
    *) echo $(( 8 * $(nproc) )) ;;
  esac
}

# start_once label options...: one start to ready and a SIGTERM; appends "label ms cpu-ms rss anon file" to
# $WORK/starts and logs to $WORK/label.log. Every start finds the database migrated but for the first. With
# DUMP_TO set, the archive of the ready JVM is dumped there (jcmd, as the launcher does) before it stops.
start_once() {
  local label=$1 t0 t1 pid cpu rss anon file
  shift
  local nmt=()
  [ "$NMT" = 1 ] && [[ "$label" != priming && "$label" != dump && "$label" != aot-training && "$label" != profiled-* ]] \
    && nmt=(-XX:NativeMemoryTracking=summary)
  t0=$(date +%s%N)
  # shellcheck disable=SC2068
  (cd "$APP_DIR" && exec env CATAPULT_OIDC_URL="$OIDC_URL" QUARKUS_LOG_CONSOLE_LEVEL=WARN \
    "${PREFIX}_PORT=$APP_PORT" "${PREFIX}_DB_URL=$(jdbc_url "$DB")" "${PREFIX}_DB_USER=$PGUSER_B" \
    "${PREFIX}_DB_PASSWORD=bench" "MALLOC_ARENA_MAX=$(malloc_arenas_of "$label")" \
    "$(java_of "$label")" "${nmt[@]}" $@ -jar quarkus-run.jar) >"$WORK/$label.log" 2>&1 &
  pid=$!
  track_pid "$pid"
  until curl -fs -o /dev/null --max-time 2 "http://127.0.0.1:$APP_PORT/q/health/ready"; do
    kill -0 "$pid" 2>/dev/null || die "$label: the service stopped before it was ready: $(tail -n 20 "$WORK/$label.log")"
    sleep 0.02
  done
  t1=$(date +%s%N)
  cpu=$(( $(cpu_ticks "$pid") * 1000 / $(getconf CLK_TCK) ))
  rss=$(awk '/^VmRSS/ {print int($2 / 1024)}' "/proc/$pid/status")
  anon=$(awk '/^RssAnon/ {print int($2 / 1024)}' "/proc/$pid/status")
  file=$(awk '/^RssFile/ {print int($2 / 1024)}' "/proc/$pid/status")
  if [ ${#nmt[@]} -gt 0 ] && [ ! -s "$WORK/$label.nmt" ]; then
    local java; java="$(java_of "$label")"
    "${java%java}jcmd" "$pid" VM.native_memory summary scale=MB >"$WORK/$label.nmt" 2>&1 || true
    "${java%java}jcmd" "$pid" VM.class_hierarchy >"$WORK/$label.classes" 2>&1 || true
    "${java%java}jcmd" "$pid" GC.heap_info >>"$WORK/$label.nmt" 2>&1 || true
  fi
  if [ -n "${DUMP_TO:-}" ]; then
    local d0=$(date +%s%N)
    jcmd "$pid" VM.cds dynamic_dump "$DUMP_TO" >"$WORK/dump-jcmd.log" 2>&1 || die "jcmd dump failed: $(cat "$WORK/dump-jcmd.log")"
    DUMP_MS=$(( ($(date +%s%N) - d0) / 1000000 ))
  fi
  if [ -n "${AOT_CONF:-}" ]; then
    local e0=$(date +%s%N)
    "$JAVA25/bin/jcmd" "$pid" AOT.end_recording >"$WORK/dump-jcmd.log" 2>&1 \
      || die "jcmd AOT.end_recording failed: $(cat "$WORK/dump-jcmd.log")"
    END_MS=$(( ($(date +%s%N) - e0) / 1000000 ))
  fi
  stop_pid "$pid" 30
  echo "$label $(( (t1 - t0) / 1000000 )) $cpu $rss $anon $file" >>"$WORK/starts"
}

log "priming start of $MODULE (Flyway migrates the empty database)"
start_once priming -Xmx256m
if [[ " $SETS " == *" cds"* ]]; then
  log "start that records its classes; jcmd dumps them once it is ready"
  DUMP_TO="$ARCHIVE" start_once dump -Xmx256m -XX:TieredStopAtLevel=1 -XX:+RecordDynamicDumpInfo
  [ -s "$ARCHIVE" ] || die "jcmd wrote no archive; see $WORK/dump-jcmd.log"
fi
if [[ " $SETS " == *" aot"* ]]; then
  log "JDK 25 training start, as the launcher makes it: it records until ready, jcmd ends the recording, and a JVM of its own assembles the AOT cache"
  AOT_CONF="$WORK/$MODULE.aotconf" start_once aot-training -Xmx256m -XX:TieredStopAtLevel=1 -XX:AOTMode=record \
    -XX:AOTConfiguration="$WORK/$MODULE.aotconf"
  a0=$(date +%s%N)
  (cd "$APP_DIR" && "$JAVA25/bin/java" -Xmx256m -XX:TieredStopAtLevel=1 -XX:AOTMode=create \
    -XX:AOTConfiguration="$WORK/$MODULE.aotconf" -XX:AOTCache="$AOT_CACHE" -cp quarkus-run.jar) >"$WORK/aot-create.log" 2>&1 \
    || die "the AOT cache was not assembled: $(tail -n 20 "$WORK/aot-create.log")"
  AOT_MS=$(( ($(date +%s%N) - a0) / 1000000 ))
fi
if [[ " $SETS " == *" appcds "* ]] && [ ! -f "$APP_DIR/app-cds.jsa" ]; then
  log "no app-cds.jsa in $MODULE's quarkus-app (build with -Dquarkus.package.jar.appcds.enabled=true): leaving appcds out"
  SETS="${SETS/appcds/}"
fi
: >"$WORK/starts"
for ((r = 1; r <= RUNS; r++)); do
  for set in $SETS; do
    log "round $r: $set"
    # shellcheck disable=SC2046
    start_once "$set" $(options_of "$set")
    grep -q "Unable to use shared archive\|shared class paths mismatch\|Unable to use AOT cache\|An error has occurred while processing the AOT cache" "$WORK/$set.log" \
      && die "$set: the JVM did not use the archive: $(grep -m1 'shared archive\|mismatch' "$WORK/$set.log")"
  done
done

if [ "$PROFILE" = cpu ]; then
  for set in tiered cds-c1 aot-c1; do
    [[ " $SETS " == *" $set "* ]] || continue
    log "profiled start of $set (not counted in the table)"
    # shellcheck disable=SC2046
    start_once "profiled-$set" $(options_of "$set") \
      "-agentpath:$(async_profiler_lib)=start,event=itimer,interval=1ms,file=$WORK/$set.collapsed,collapsed"
  done
fi

cell() { # set, column (2 ms, 3 cpu, 4 rss, 5 anon, 6 file): median [lowest–highest]
  local values
  values="$(awk -v s="$1" -v c="$2" '$1 == s {print $c}' "$WORK/starts")"
  echo "$(echo "$values" | median) [$(echo "$values" | sort -g | head -n1)–$(echo "$values" | sort -g | tail -n1)]"
}

OUT="$WORK/result.md"
BENCH_JAVA_OPTS="per set, in the table"
{
  md_header "JVM options for $MODULE: start-up and memory at ready" "$COMMAND"
  echo "- Load average before the run: $LOAD_BEFORE"
  echo
  echo "| set | JVM options | ready (ms) | CPU until ready (ms) | RSS at ready (MB) | of it anonymous | of it files |"
  echo "|---|---|---|---|---|---|---|"
  for set in $SETS; do
    echo "| $set | \`$(options_of "$set" | sed "s#$WORK/##")\` | $(cell "$set" 2) | $(cell "$set" 3) | $(cell "$set" 4) | $(cell "$set" 5) | $(cell "$set" 6) |"
  done
  echo
  echo "- Each cell: median of $RUNS starts [lowest–highest], the sets taken in turn.$( [ -s "$ARCHIVE" ] && echo " CDS archive: $(du -m "$ARCHIVE" | cut -f1) MB (dynamic; jcmd took ${DUMP_MS} ms, the JVM stopped meanwhile)")$( [ -s "$AOT_CACHE" ] && echo ", AOT cache $(du -m "$AOT_CACHE" | cut -f1) MB (jcmd AOT.end_recording took ${END_MS} ms, the JVM stopped meanwhile; the assembly ${AOT_MS} ms, beside it)")$( [ -f "$APP_DIR/app-cds.jsa" ] && echo ", $(du -m "$APP_DIR/app-cds.jsa" | cut -f1) MB (Quarkus)")."
  echo "- Load average after the run: $(cut -d' ' -f1-3 /proc/loadavg)"
  if [ "$NMT" = 1 ]; then
    echo
    echo "Committed memory at ready by NMT category (MB; first start of each set; RSS counts only the touched part):"
    echo
    categories=("Java Heap" Class Metaspace Symbol Code Thread GC "Shared class space" Other Internal "Native Memory Tracking")
    echo "| set | total | $(printf '%s | ' "${categories[@]}")"
    echo "|---|---:|$(printf -- '---:|%.0s' "${categories[@]}")"
    for set in $SETS; do
      row="| $set | $(awk '/^Total:/ {match($0, /committed=[0-9]+/); print substr($0, RSTART + 10, RLENGTH - 10)}' "$WORK/$set.nmt") |"
      for c in "${categories[@]}"; do
        row+=" $(awk -v c="$c" '$0 ~ "^- +" c " \\(reserved=" {match($0, /committed=[0-9]+/); v = substr($0, RSTART + 10, RLENGTH - 10)} END {print v + 0}' "$WORK/$set.nmt") |"
      done
      echo "$row"
    done
    first="$(echo $SETS | cut -d' ' -f1)"
    echo
    echo "The classes loaded at ready ($first; their metadata is most of Class, Metaspace and Symbol above):"
    echo
    python3 "$BENCH_DIR/tools/class_breakdown.py" "$WORK/$first.classes"
  fi
  for set in tiered cds-c1 aot-c1; do
    [ -s "$WORK/$set.collapsed" ] || continue
    echo
    echo "Where the CPU of a start went, $set (async-profiler $ASYNC_PROFILER_VERSION, itimer, from the fork until it stopped):"
    echo
    python3 "$BENCH_DIR/tools/cpu_breakdown.py" "$WORK/$set.collapsed"
  done
} >"$OUT"
cat "$OUT"
save_result jvm-options "$OUT"
