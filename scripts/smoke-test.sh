#!/usr/bin/env bash
# End-to-end smoke test against a running stack (./catapult up): a real token from Keycloak, then a
# protected endpoint of every service through the gateway: 2xx with the token, 401 without, 403 with
# the wrong role, and every error as application/problem+json.
#
#   scripts/smoke-test.sh            # against http://localhost:8080 and Keycloak on 8180
#   GATEWAY_URL=... CATAPULT_OIDC_URL=... scripts/smoke-test.sh
#
# Prints one line per check and ends with "smoke: N passed, M failed"; exits 1 if any check failed.
set -uo pipefail

GATEWAY_URL="${GATEWAY_URL:-http://localhost:${GATEWAY_PORT:-8080}}"
OIDC_URL="${CATAPULT_OIDC_URL:-http://localhost:${KEYCLOAK_PORT:-8180}/realms/catapult}"
TOKEN_URL="$OIDC_URL/protocol/openid-connect/token"

PASSED=0
FAILED=0
BODY_FILE="$(mktemp)"
HEADER_FILE="$(mktemp)"
trap 'rm -f "$BODY_FILE" "$HEADER_FILE"' EXIT

pass() { PASSED=$((PASSED + 1)); printf '  ok    %s\n' "$1"; }
fail() { FAILED=$((FAILED + 1)); printf '  FAIL  %s\n' "$1"; [[ -n "${2:-}" ]] && printf '        %s\n' "$2"; return 0; }

# token USER: prints an access token from the password grant of the public client catapult-cli.
token() {
  curl -sS --max-time 30 -d grant_type=password -d client_id=catapult-cli \
       -d "username=$1" -d "password=$1" "$TOKEN_URL" |
    sed -nE 's/.*"access_token":"([^"]+)".*/\1/p'
}

# call NAME EXPECTED_STATUS METHOD PATH [TOKEN] [ACCEPT] [BODY]
# EXPECTED_STATUS may list alternatives: "200|201". Error answers must be application/problem+json.
call() {
  local name="$1" expected="$2" method="$3" path="$4" tok="${5:-}" accept="${6:-application/json}" body="${7:-}"
  local args=(-sS --max-time 30 -o "$BODY_FILE" -D "$HEADER_FILE" -w '%{http_code}' -X "$method"
              -H "Accept: $accept" -H "X-Request-Id: smoke-$RANDOM$RANDOM")
  [[ -n "$tok" ]] && args+=(-H "Authorization: Bearer $tok")
  [[ -n "$body" ]] && args+=(-H "Content-Type: application/json" --data "$body")
  local status
  status="$(curl "${args[@]}" "$GATEWAY_URL$path" 2>&1)" || status="000"
  local ctype
  ctype="$(sed -nE 's/^[Cc]ontent-[Tt]ype: *([^;[:space:]]+).*/\1/p' "$HEADER_FILE" | tail -1)"
  local what="$name: $method $path -> $status"
  if [[ ! "$status" =~ ^($expected)$ ]]; then
    fail "$what (expected $expected)" "$(head -c 400 "$BODY_FILE")"
  elif [[ "$status" -ge 400 && "$ctype" != "application/problem+json" ]]; then
    fail "$what but Content-Type is '$ctype', not application/problem+json" "$(head -c 400 "$BODY_FILE")"
  else
    pass "$what${ctype:+ ($ctype)}"
  fi
}

echo "smoke test: gateway $GATEWAY_URL, tokens from $TOKEN_URL"
ANNA="$(token sme-anna)"
if [[ -z "$ANNA" ]]; then
  fail "token for sme-anna from $TOKEN_URL (client catapult-cli)"
  echo "smoke: $PASSED passed, $FAILED failed"
  exit 1
fi
pass "token for sme-anna (${#ANNA} characters)"

ORG='{"orgNo":"910000012","name":"Solberg Prototyping AS (demo)","kind":"COMPANY","smeDeclaration":{"employees":8,"annualTurnover":{"amount":12000000.00,"currency":"NOK"},"balanceSheetTotal":{"amount":6500000.00,"currency":"NOK"},"fiscalYear":2025,"hasLinkedEnterprises":false}}'
CALL='{"title":"Smoke test call (must be refused)","kind":"PRE_PROJECT","opensAt":"2026-01-01T09:00:00+01:00","closesAt":"2026-02-01T12:00:00+01:00","budget":{"amount":1000.00,"currency":"NOK"},"maxAmountPerApplication":{"amount":100.00,"currency":"NOK"},"criteria":[{"code":"relevance","name":"Relevans","weight":1}]}'
CENTRE='{"code":"smoke-test","name":"Smoke test (must be refused)","kind":"NODE","status":"PRE_PROJECT","address":{"street":"x","postcode":"0001","municipality":"Oslo","county":"Oslo"}}'

echo "catapult-registry"
call "own organisation"      "200|201" PUT  /api/v1/organisations/910000012 "$ANNA" application/json "$ORG"
call "read own organisation" "200"     GET  /api/v1/organisations/910000012 "$ANNA"
call "no token"              "401"     GET  /api/v1/organisations/910000012
call "wrong role"            "403"     POST /api/v1/centres "$ANNA" application/json "$CENTRE"

echo "application-service"
call "list calls"            "200"     GET  /api/v1/calls "$ANNA"
call "no token"              "401"     GET  /api/v1/calls
call "wrong role"            "403"     POST /api/v1/calls "$ANNA" application/json "$CALL"

echo "facility-booking"
call "own bookings"          "200"     GET  /api/v1/bookings "$ANNA"
call "no token"              "401"     GET  /api/v1/bookings
call "wrong role (aid CSV)"  "403"     GET  "/api/v1/aid?from=2026-01-01&to=2026-12-31" "$ANNA" text/csv

echo "event-hub"
OPERATOR="$(token operator-halden)"
call "own organisation's events" "200"  GET  "/api/v1/events?size=10" "$ANNA"
call "own subscriptions"     "200"     GET  /api/v1/subscriptions "$ANNA"
call "no token"              "401"     GET  /api/v1/events
call "wrong role"            "403"     GET  /api/v1/events "$OPERATOR"
call "private webhook URL"   "422"     POST /api/v1/subscriptions "$ANNA" application/json '{"url":"https://10.0.0.1/hook"}'

echo "gateway"
call "unknown path"          "404"     GET  /api/v1/no-such-resource "$ANNA"

echo "smoke: $PASSED passed, $FAILED failed"
[[ "$FAILED" -eq 0 ]]
