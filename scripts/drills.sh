#!/usr/bin/env bash
# Failure drills (e2e/src/test/java/no/katapult/e2e/drills) against the local stack:
#   facility-booking down, catapult-registry down, PostgreSQL restart under load, 50 clients racing for one
#   slot. The hostile-input sweep over every operation of the merged contract is scripts/sweep.sh.
#
#   scripts/drills.sh                     # against a running ./catapult up
#   scripts/drills.sh --up                # starts ./catapult up, runs the drills, stops it, checks nothing is left
#   scripts/drills.sh [--up] SlotRaceDrillTest   # one drill (a surefire -Dtest pattern)
#
# The drills stop and start parts through the launcher's control (./catapult stop|start|restart <part>), so
# the stack must be one that ./catapult up of this checkout started. Each drill restores the stack.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

UP=false
if [[ "${1:-}" == "--up" ]]; then
  UP=true
  shift
fi
PATTERN="${1:-no/katapult/e2e/drills/**}"
GATEWAY_URL="http://localhost:${GATEWAY_PORT:-8080}"
KEYCLOAK_URL="http://localhost:${KEYCLOAK_PORT:-8180}"
LOG_DIR="$ROOT/target/drills"
LAUNCHER_PID=""

ready() { curl -fsS --max-time 3 "$GATEWAY_URL/q/health/ready" 2>/dev/null | grep -q '"UP"'; }

stop_stack() {
  [[ -n "$LAUNCHER_PID" ]] || return 0
  echo "drills: stopping the stack (SIGTERM to launcher pid $LAUNCHER_PID)"
  kill -TERM "$LAUNCHER_PID" 2>/dev/null || true
  local waited=0
  while kill -0 "$LAUNCHER_PID" 2>/dev/null && (( waited < 90 )); do sleep 1; waited=$((waited + 1)); done
  kill -0 "$LAUNCHER_PID" 2>/dev/null && kill -KILL "$LAUNCHER_PID" 2>/dev/null || true
  wait "$LAUNCHER_PID" 2>/dev/null || true
  LAUNCHER_PID=""
  local left
  left="$(pgrep -af -- "$ROOT/(\.catapult/|[a-z-]+/target/quarkus-app/quarkus-run\.jar)" || true)"
  if [[ -n "$left" ]]; then
    echo "drills: processes left behind:"; echo "$left"
    return 1
  fi
  echo "drills: the stack stopped; no process is left"
}

if $UP; then
  mkdir -p "$LOG_DIR"
  trap 'stop_stack || true' EXIT
  ./catapult up > "$LOG_DIR/catapult-up.log" 2>&1 &
  LAUNCHER_PID=$!
  echo "drills: ./catapult up (pid $LAUNCHER_PID, log ${LOG_DIR#"$ROOT/"}/catapult-up.log)"
  started=$SECONDS
  until ready && grep -q 'Norsk katapult is up' "$LOG_DIR/catapult-up.log"; do
    if ! kill -0 "$LAUNCHER_PID" 2>/dev/null; then
      tail -n 40 "$LOG_DIR/catapult-up.log"; LAUNCHER_PID=""; exit 1
    fi
    if (( SECONDS - started > ${CATAPULT_CI_READY_TIMEOUT:-300} )); then
      echo "drills: the stack was not ready in time"; tail -n 40 "$LOG_DIR/catapult-up.log"; exit 1
    fi
    sleep 2
  done
elif ! ready; then
  echo "drills: the gateway at $GATEWAY_URL is not ready; start the stack with ./catapult up (or use --up)" >&2
  exit 1
fi
if [[ ! -f "${CATAPULT_DATA_DIR:-$ROOT/.catapult}/run/control.token" ]]; then
  echo "drills: no launcher control found (.catapult/run/control.token): the stack must come from ./catapult up" >&2
  exit 1
fi

status=0
E2E_GATEWAY_URL="$GATEWAY_URL" E2E_KEYCLOAK_URL="$KEYCLOAK_URL" \
  ./mvnw -B -Pe2e -pl e2e -am verify -Dtest="$PATTERN" -Dsurefire.failIfNoSpecifiedTests=false || status=$?
if $UP; then
  trap - EXIT
  stop_stack || status=1
fi
exit "$status"
