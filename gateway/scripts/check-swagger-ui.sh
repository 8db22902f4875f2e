#!/usr/bin/env bash
# Loads the gateway's Swagger UI in headless Chromium (Debian packages chromium, chromium-driver) and checks
# that it shows the merged contract: every operation of every service (per x-tagGroups) is rendered, the
# title is the merged one, and the Authorize button is there. Writes a screenshot as a by-product.
#
#   gateway/scripts/check-swagger-ui.sh http://localhost:8080 [screenshot.png]
#
# Exit 0 when all services' operations are shown, 1 otherwise.
set -euo pipefail

[ $# -ge 1 ] || { sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }
base="${1%/}"
GATEWAY_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
screenshot="${2:-$GATEWAY_DIR/target/swagger-ui.png}"
CHROMIUM="${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}"
[ -n "$CHROMIUM" ] || { echo "chromium not found (apt-get install -y chromium chromium-driver)" >&2; exit 2; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

curl -fsS --max-time 30 "$base/q/openapi" -o "$work/openapi.json"

chromium_run() {
  # No sandbox (root in CI), no background traffic (the machine has no network beyond loopback).
  timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync --disable-extensions \
    --user-data-dir="$work/profile-$1" --virtual-time-budget=20000 "${@:2}" 2>>"$work/chromium.log"
}

chromium_run dom --dump-dom "$base/q/swagger-ui/" > "$work/dom.html" || {
  echo "Chromium failed:" >&2; tail -n 20 "$work/chromium.log" >&2; exit 1; }

mkdir -p "$(dirname "$screenshot")"
chromium_run shot --hide-scrollbars --window-size=1280,2600 --screenshot="$screenshot" "$base/q/swagger-ui/" >/dev/null \
  && echo "Screenshot: $screenshot" || echo "warning: no screenshot taken" >&2

node - "$work/openapi.json" "$work/dom.html" <<'JS'
const fs = require('fs');
const [docFile, domFile] = process.argv.slice(2);
const doc = JSON.parse(fs.readFileSync(docFile, 'utf8'));
const dom = fs.readFileSync(domFile, 'utf8');
const methods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

// Swagger UI renders each operation as <div class="opblock opblock-<method> ..." id="operations-<tag>-<operationId>">
// with a <span ... data-path="<path>"> in its summary.
const shownIds = [...dom.matchAll(/id="(operations-[^"]*)"/g)].map(m => m[1]);
const idShown = opId => shownIds.some(id => id.endsWith('-' + opId));
const shownPaths = new Set([...dom.matchAll(/data-path="([^"]*)"/g)].map(m => m[1].replace(/&amp;/g, '&')));
let failed = false;
const fail = msg => { console.log('FAIL ' + msg); failed = true; };

if (/Failed to load API definition/i.test(dom)) fail('Swagger UI could not load /q/openapi');
const title = (dom.match(/<h2 class="title">([^<]*)/) || [])[1] || '';
if (title.trim() !== (doc.info && doc.info.title)) fail(`title "${title.trim()}" is not the merged "${doc.info.title}"`);
if (!/class="btn authorize/.test(dom)) fail('no Authorize button');

const groups = doc['x-tagGroups'] || [];
if (groups.length === 0) fail('the merged contract has no x-tagGroups');
for (const group of groups) {
  const tags = new Set(group.tags);
  const ops = [];
  for (const [path, item] of Object.entries(doc.paths || {})) {
    for (const m of methods) {
      const op = item[m];
      if (op && (op.tags || []).some(t => tags.has(t))) ops.push({ path, method: m, id: op.operationId });
    }
  }
  const missing = ops.filter(o => !shownPaths.has(o.path) || (o.id && !idShown(o.id)));
  if (ops.length === 0) fail(`${group.name}: no operations in the contract`);
  else if (missing.length) fail(`${group.name}: ${missing.length} of ${ops.length} operations not shown, e.g. ` +
      missing.slice(0, 3).map(o => `${o.method.toUpperCase()} ${o.path}`).join(', '));
  else console.log(`ok   ${group.name}: all ${ops.length} operations shown`);
}
for (const s of (doc.info && doc.info['x-missing-services']) || []) fail(`${s}: missing from the merged contract`);
console.log(failed ? 'Swagger UI check failed' : 'Swagger UI check passed');
process.exit(failed ? 1 : 0);
JS
