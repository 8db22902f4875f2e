#!/usr/bin/env bash
# Lints the merged OpenAPI contract with Spectral's spectral:oas ruleset (fails on any error or warning) and
# Redocly CLI's recommended ruleset (fails on any error; its warnings are printed).
#
#   gateway/scripts/lint-openapi.sh http://localhost:8080        # a running gateway (fetches /q/openapi)
#   gateway/scripts/lint-openapi.sh path/to/openapi.json         # a document on disk
#   gateway/scripts/lint-openapi.sh --fixtures                   # no stack needed: the gateway test merges the
#                                                                # fixture contracts into target/merged-openapi-fixtures.json
#
# Spectral is installed from npm into $TOOLS_DIR (default gateway/target/tools), never globally.
set -euo pipefail

SPECTRAL_VERSION="${SPECTRAL_VERSION:-6.16.3}"
REDOCLY_VERSION="${REDOCLY_VERSION:-2.77.0}"
GATEWAY_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROOT_DIR="$(cd "$GATEWAY_DIR/.." && pwd)"
TOOLS_DIR="${TOOLS_DIR:-$GATEWAY_DIR/target/tools}"

usage() {
  sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
}

[ $# -eq 1 ] || usage
target="$1"

spectral="$TOOLS_DIR/node_modules/.bin/spectral"
if [ ! -x "$spectral" ] || ! "$spectral" --version 2>/dev/null | grep -qx "$SPECTRAL_VERSION"; then
  echo "Installing @stoplight/spectral-cli@$SPECTRAL_VERSION into $TOOLS_DIR" >&2
  mkdir -p "$TOOLS_DIR"
  npm install --no-audit --no-fund --loglevel=error --prefix "$TOOLS_DIR" "@stoplight/spectral-cli@$SPECTRAL_VERSION" >&2
fi

redocly="$TOOLS_DIR/node_modules/.bin/redocly"
if [ ! -x "$redocly" ] || ! "$redocly" --version 2>/dev/null | grep -qx "$REDOCLY_VERSION"; then
  echo "Installing @redocly/cli@$REDOCLY_VERSION into $TOOLS_DIR" >&2
  mkdir -p "$TOOLS_DIR"
  npm install --no-audit --no-fund --loglevel=error --prefix "$TOOLS_DIR" "@redocly/cli@$REDOCLY_VERSION" >&2
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
printf 'extends: ["spectral:oas"]\n' > "$work/.spectral.yaml"
printf 'extends:\n  - recommended\n' > "$work/redocly.yaml"
doc="$work/openapi.json"

case "$target" in
  --fixtures)
    fixture="$GATEWAY_DIR/target/merged-openapi-fixtures.json"
    if [ ! -s "$fixture" ] || [ "${REFRESH_FIXTURES:-0}" = 1 ]; then
      echo "Merging the fixture contracts (ContractEndpointTest)" >&2
      (cd "$ROOT_DIR" && ./mvnw -B -q -pl gateway test -Dtest=ContractEndpointTest -Dsurefire.failIfNoSpecifiedTests=false >&2)
    fi
    cp "$fixture" "$doc"
    # The fixtures are trimmed copies of the services' contracts, without all their descriptions.
    fail_severity=error
    ;;
  http://*|https://*)
    url="$target"
    case "$url" in
      */q/openapi*) ;;
      *) url="${url%/}/q/openapi" ;;
    esac
    echo "Fetching $url" >&2
    curl -fsS --max-time 30 -H 'Accept: application/json' "$url" -o "$doc"
    ;;
  *)
    [ -f "$target" ] || { echo "No such file: $target" >&2; exit 2; }
    cp "$target" "$doc"
    ;;
esac

# A merge problem (duplicate operationId, a path claimed twice) is an error even where Spectral has no rule.
node -e '
  const doc = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const info = doc.info || {};
  for (const s of info["x-missing-services"] || []) console.error("warning  service missing from the contract: " + s);
  const errors = info["x-merge-errors"] || [];
  for (const e of errors) console.error("error    merge: " + e);
  process.exit(errors.length ? 1 : 0);
' "$doc" || merge_failed=1

"$spectral" lint --ruleset "$work/.spectral.yaml" --fail-severity "${fail_severity:-warn}" --format stylish "$doc"
if [ "${merge_failed:-0}" = 1 ]; then
  echo "The gateway reported merge errors (see above)." >&2
  exit 1
fi
echo "OpenAPI lint: 0 errors$([ "${fail_severity:-warn}" = warn ] && echo ', 0 warnings') (spectral:oas, Spectral $SPECTRAL_VERSION)"

# Redocly's recommended ruleset: errors fail, warnings are printed; no telemetry, no update check.
rc=0
out="$(REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true \
  "$redocly" lint --config "$work/redocly.yaml" --format stylish "$doc" 2>&1)" || rc=$?
printf '%s\n' "$out" | grep -v '[║╔╚]' || true   # without the box about Node.js versions
[ "$rc" = 0 ] || { echo "Redocly recommended: errors (see above)" >&2; exit 1; }
echo "OpenAPI lint: 0 errors (Redocly recommended, Redocly CLI $REDOCLY_VERSION)"
