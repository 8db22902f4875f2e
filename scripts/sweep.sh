#!/usr/bin/env bash
# The hostile-input sweep (e2e/src/test/java/no/katapult/e2e/sweep, issue 11) against the local stack: every
# operation of the merged contract (read from the gateway's /q/openapi) attacked in path, query, headers and body
# with hostile numbers, text, encodings, parameters, dates and bodies, plus bodies, URIs and headers past the
# limits (413, 414, 431); through the gateway and straight to the owning service, with and without a token.
# Every answer must be a 2xx or a 4xx application/problem+json with the API guide's members. Prints its counts
# and ends with "sweep: N requests, ...".
#
#   scripts/sweep.sh                      # against a running ./catapult up
#   scripts/sweep.sh --up                 # starts ./catapult up, sweeps, stops it, checks nothing is left
#   SWEEP_SEED=42 scripts/sweep.sh        # another seed for the sampled and jqwik-generated values
#
# Services that are not on the default ports (8081-8084) are named with E2E_SERVICE_URLS=name=url,...
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
UP=()
if [[ "${1:-}" == "--up" ]]; then
  UP=(--up)
  shift
fi
# drills.sh knows how to start, wait for and stop the stack; the sweep is one more e2e test pattern.
exec "$ROOT/scripts/drills.sh" ${UP[@]+"${UP[@]}"} 'no/katapult/e2e/sweep/**'
