#!/usr/bin/env bash
# Follows the event stream of a running ./catapult up, as a partner (client credentials) or as any demo
# user, printing one line per event and keeping the cursor, like a partner's integration would.
#   scripts/watch-events.sh                    # as innovasjon-norge (partner view)
#   scripts/watch-events.sh siva-admin         # as a demo user (password = user name)
#   TYPE=no.katapult.booking scripts/watch-events.sh
set -euo pipefail
GATEWAY="${GATEWAY_URL:-http://localhost:${GATEWAY_PORT:-8080}}"
TOKEN_URL="${TOKEN_URL:-http://localhost:${KEYCLOAK_PORT:-8180}/realms/catapult/protocol/openid-connect/token}"
USER_NAME="${1:-}"

token() {
  if [[ -z "$USER_NAME" ]]; then
    curl -fsS -d grant_type=client_credentials -d client_id=innovasjon-norge -d client_secret=innovasjon-norge-secret "$TOKEN_URL"
  else
    curl -fsS -d grant_type=password -d client_id=catapult-cli -d "username=$USER_NAME" -d "password=$USER_NAME" "$TOKEN_URL"
  fi | sed -E 's/.*"access_token":"([^"]+)".*/\1/'
}

cursor=""
access="$(token)"
while true; do
  url="$GATEWAY/api/v1/events?size=100${TYPE:+&type=$TYPE}${cursor:+&after=$cursor}"
  status=0
  page="$(curl -sS -w '\n%{http_code}' -H "Authorization: Bearer $access" "$url")" || status=$?
  code="${page##*$'\n'}"; body="${page%$'\n'*}"
  if [[ "$code" == 401 ]]; then access="$(token)"; continue; fi
  if [[ "$code" != 200 ]]; then echo "events answered $code: $body" >&2; sleep 5; continue; fi
  # One line per event: time, type, subject, sequence, id (no jq needed).
  grep -oE '"(id|type|subject|time|sequence)":("[^"]*"|[0-9]+)' <<<"$body" \
    | paste -d' ' - - - - - 2>/dev/null | sed -E 's/"([a-z]+)":/\1=/g; s/"//g' || true
  next="$(sed -nE 's/.*"next":"([^"]+)".*/\1/p' <<<"$body")"
  [[ -n "$next" ]] && cursor="$next"
  sleep 2
done
