#!/usr/bin/env bash
# ./catapult up, N times in a row, each on a clean data folder, with a client polling the gateway from the
# first second (issue 11: "a normal ./catapult up always ends with complete demo data, even when something
# polls the gateway while the services start"). Each run: remove the data folder, start ./catapult up in the
# background (log: target/up-repeat/run-N.log), poll GET /api/v1/centres every 100 ms until the launcher
# prints "Demo data: ...", note what it says, stop the launcher with SIGTERM and wait until none of the
# stack's processes, ports or pid files is left.
#
#   scripts/up-repeat.sh          # 10 runs
#   scripts/up-repeat.sh 3        # 3 runs
#
# Settings (env): UP_REPEAT_TIMEOUT=300 seconds until "Demo data:", the stack's own port variables
# (GATEWAY_PORT, ...; see README), CATAPULT_DATA_DIR (default .catapult), CATAPULT_SKIP_BUILD=true to start
# the jars as they are. Needs the stack's ports free: it refuses to start while another stack runs.
# Prints one line per run and "up-repeat: N of N runs ended with Demo data: loaded"; exits 1 if any did not.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT" || exit 2

RUNS="${1:-10}"
TIMEOUT="${UP_REPEAT_TIMEOUT:-300}"
OUT="$ROOT/target/up-repeat"
DATA_DIR="${CATAPULT_DATA_DIR:-$ROOT/.catapult}"
POLL_URL="http://localhost:${GATEWAY_PORT:-8080}/api/v1/centres"
# The same ports .ci/run checks after stack_down.
STACK_PORTS=("${GATEWAY_PORT:-8080}" "${REGISTRY_PORT:-8081}" "${APPLICATION_PORT:-8082}" "${BOOKING_PORT:-8083}"
             "${EVENTS_PORT:-8084}" "${KEYCLOAK_PORT:-8180}" "${KEYCLOAK_MANAGEMENT_PORT:-9180}"
             "${CATAPULT_PG_PORT:-15432}" "${CATAPULT_CONTROL_PORT:-9190}" "${CATAPULT_MAIL_SMTP_PORT:-3025}"
             "${CATAPULT_MAIL_IMAP_PORT:-3143}")

[[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || { echo "usage: scripts/up-repeat.sh [runs]" >&2; exit 2; }
case "$(cd "$(dirname "$DATA_DIR")" 2>/dev/null && pwd)/$(basename "$DATA_DIR")" in
  / | "$ROOT" | "$ROOT/" | "$HOME" | "$HOME/") echo "up-repeat: refusing to clean $DATA_DIR" >&2; exit 2 ;;
esac

LAUNCHER_PID=""
POLLER_PID=""

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# As .ci/run: processes of this checkout's stack (service jars, Keycloak and PostgreSQL under the data folder).
stack_processes() {
  pgrep -af -- "$ROOT/(\.catapult/|[a-z-]+/target/quarkus-app/quarkus-run\.jar)" || true
  if [[ "$DATA_DIR" != "$ROOT/.catapult" ]]; then pgrep -af -- "$DATA_DIR/" || true; fi
}

busy_ports() {
  local port busy=()
  for port in "${STACK_PORTS[@]}"; do port_open "$port" && busy+=("$port"); done
  echo "${busy[*]}"
}

leftovers() { # prints what is left of a stack; nothing when it is gone
  local procs ports
  procs="$(stack_processes)"
  ports="$(busy_ports)"
  [[ -z "$procs" ]] || echo "processes: $procs"
  [[ -z "$ports" ]] || echo "ports in use: $ports"
  [[ -z "$(ls -A "$DATA_DIR/run" 2>/dev/null)" ]] || echo "pid files: $(ls "$DATA_DIR/run")"
}

stop_poller() {
  [[ -n "$POLLER_PID" ]] || return 0
  kill "$POLLER_PID" 2>/dev/null || true
  wait "$POLLER_PID" 2>/dev/null || true
  POLLER_PID=""
}

# SIGTERM, as Ctrl-C or .ci/run's stack_down would; the launcher stops every part it started. Sets STOPPED to
# the seconds it took (run in this shell, not in $(...): wait works on this shell's own children only).
STOPPED=0
stop_launcher() {
  STOPPED=0
  [[ -n "$LAUNCHER_PID" ]] || return 0
  kill -TERM "$LAUNCHER_PID" 2>/dev/null || true
  local waited=0
  while kill -0 "$LAUNCHER_PID" 2>/dev/null && (( waited < 90 )); do sleep 1; waited=$((waited + 1)); done
  if kill -0 "$LAUNCHER_PID" 2>/dev/null; then
    echo "up-repeat: the launcher ignored SIGTERM for 90 s; killing it" >&2
    kill -KILL "$LAUNCHER_PID" 2>/dev/null || true
  fi
  wait "$LAUNCHER_PID" 2>/dev/null || true
  LAUNCHER_PID=""
  STOPPED=$waited
}

on_exit() {
  local rc=$?
  stop_poller
  stop_launcher
  exit "$rc"
}
trap on_exit EXIT
trap 'exit 130' INT TERM

# Poll every 100 ms; one status code a line (000: no connection). -w prints a code even when curl fails.
poll() {
  while :; do
    curl -s -o /dev/null --max-time 2 -w '%{http_code}\n' "$POLL_URL" 2>/dev/null || true
    sleep 0.1
  done
}

# "000×12 200×300 503×4" from a file of status codes.
poll_summary() { sort "$1" 2>/dev/null | uniq -c | awk '{printf "%s%s×%s", (NR > 1 ? " " : ""), $2, $1}'; }

left="$(leftovers)"
if [[ -n "$left" ]]; then
  echo "up-repeat: a stack seems to run already; stop it first ($left)" >&2
  exit 1
fi

mkdir -p "$OUT"
loaded=0
for ((run = 1; run <= RUNS; run++)); do
  log="$OUT/run-$run.log"
  polls="$OUT/run-$run.poll"
  # Clean: no database, no demo marker, no Keycloak or mail state, no logs. Only downloads/ stays, the cache of
  # the Keycloak and GreenMail downloads (when they are not in ~/.m2): fetching them again tests the network.
  if [[ -d "$DATA_DIR" ]]; then
    find "$DATA_DIR" -mindepth 1 -maxdepth 1 ! -name downloads -exec rm -rf {} +
  fi

  started=$SECONDS
  ./catapult up >"$log" 2>&1 &
  LAUNCHER_PID=$!
  poll >"$polls" &
  POLLER_PID=$!

  outcome=""
  until outcome="$(sed -n 's/.*Demo data: //p' "$log" | head -n1)"; [[ -n "$outcome" ]]; do
    if ! kill -0 "$LAUNCHER_PID" 2>/dev/null; then
      wait "$LAUNCHER_PID" 2>/dev/null; code=$?
      outcome="(the launcher exited with code $code before printing Demo data)"
      LAUNCHER_PID=""
      break
    fi
    if (( SECONDS - started >= TIMEOUT )); then
      outcome="(no Demo data line within $TIMEOUT s)"
      break
    fi
    sleep 1
  done
  ready=$((SECONDS - started))
  stop_poller
  stop_launcher

  # Wait until every process, port and pid file of the stack is gone, or the next run would meet them.
  deadline=$((SECONDS + 60))
  while left="$(leftovers)"; [[ -n "$left" ]] && (( SECONDS < deadline )); do sleep 1; done

  [[ "$outcome" == "loaded" ]] && loaded=$((loaded + 1))
  echo "run $run: Demo data: $outcome (after ${ready} s; polls $(poll_summary "$polls"); stopped in $STOPPED s; log ${log#"$ROOT/"})"
  if [[ -n "$left" ]]; then
    echo "run $run: still left 60 s after the stop, so no further run: $left"
    break
  fi
done

echo "up-repeat: $loaded of $RUNS runs ended with Demo data: loaded"
[[ $loaded -eq $RUNS ]]
