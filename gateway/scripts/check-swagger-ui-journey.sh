#!/usr/bin/env bash
# Walks the gateway's Swagger UI as a new user would, in headless Chromium (Debian packages chromium,
# chromium-driver) driven by Playwright: Authorize (exactly one login method, the authorization code flow with
# PKCE; Keycloak login as sme-anna in the popup), Try it out + Execute on POST /api/v1/bookings with the
# untouched example (201, or 409 when the slot is taken already) and GET /api/v1/centres (200, non-empty items).
#
#   gateway/scripts/check-swagger-ui-journey.sh http://localhost:8080 [screenshot.png]
#
# Exit 0 when every step passes, 1 on the first failed step (a "FAIL <step>: ..." line), 2 on bad usage/setup.
#
# playwright-core (no browser download) is installed from npm into $PLAYWRIGHT_CORE_DIR, by default
# ${XDG_CACHE_HOME:-$HOME/.cache}/katapult/playwright-core-<version>, never into the repo. Chromium: $CHROMIUM.
set -euo pipefail

PLAYWRIGHT_CORE_VERSION="${PLAYWRIGHT_CORE_VERSION:-1.64.1}"

[ $# -ge 1 ] && [ $# -le 2 ] || { sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }
base="${1%/}"
GATEWAY_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
screenshot="${2:-$GATEWAY_DIR/target/swagger-ui-journey.png}"
PLAYWRIGHT_CORE_DIR="${PLAYWRIGHT_CORE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/katapult/playwright-core-$PLAYWRIGHT_CORE_VERSION}"

CHROMIUM="${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}"
[ -n "$CHROMIUM" ] || { echo "chromium not found (apt-get install -y chromium chromium-driver)" >&2; exit 2; }
# Debian's /usr/bin/chromium is a wrapper script; Playwright drives it like the binary it starts.
command -v node >/dev/null || { echo "node not found" >&2; exit 2; }

installed_version() {
  node -e 'try { console.log(require(process.argv[1]).version) } catch (e) { process.exit(1) }' \
    "$PLAYWRIGHT_CORE_DIR/node_modules/playwright-core/package.json" 2>/dev/null || true
}
if [ "$(installed_version)" != "$PLAYWRIGHT_CORE_VERSION" ]; then
  echo "Installing playwright-core@$PLAYWRIGHT_CORE_VERSION into $PLAYWRIGHT_CORE_DIR" >&2
  mkdir -p "$PLAYWRIGHT_CORE_DIR"
  # playwright-core has no install script and downloads no browser; the variable makes sure of it.
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --no-audit --no-fund --no-save --loglevel=error \
    --prefix "$PLAYWRIGHT_CORE_DIR" "playwright-core@$PLAYWRIGHT_CORE_VERSION" >&2
  [ "$(installed_version)" = "$PLAYWRIGHT_CORE_VERSION" ] || {
    echo "playwright-core@$PLAYWRIGHT_CORE_VERSION did not install into $PLAYWRIGHT_CORE_DIR" >&2; exit 2; }
fi

curl -fsS --max-time 30 -o /dev/null "$base/q/swagger-ui/" || {
  echo "FAIL setup: $base/q/swagger-ui/ is not reachable" >&2; exit 1; }

mkdir -p "$(dirname "$screenshot")"
rm -f "$screenshot"
rc=0
PLAYWRIGHT_CORE_PREFIX="$PLAYWRIGHT_CORE_DIR" CHROMIUM="$CHROMIUM" PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 \
  timeout 300 node "$GATEWAY_DIR/scripts/swagger-ui-journey.mjs" "$base" "$screenshot" || rc=$?
[ -f "$screenshot" ] && echo "Screenshot: $screenshot"
[ "$rc" = 124 ] && { echo "FAIL the journey did not finish within 300 s"; rc=1; }
exit "$rc"
