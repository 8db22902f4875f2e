// A new user's journey through the gateway's Swagger UI, in headless Chromium driven by Playwright:
// sign in through the Authorize dialog (authorization code flow with PKCE at Keycloak, as sme-anna), book the
// demo facility with the untouched example body of POST /api/v1/bookings (201, or 409 when the slot is taken
// already), list the centres with GET /api/v1/centres and the default parameters (200, non-empty items), and
// save a full-page screenshot.
//
//   node gateway/scripts/swagger-ui-journey.mjs http://localhost:8080 swagger-ui-journey.png
//
// Prints "ok   <step>" for each step passed; on the first failed step prints "FAIL <step>: <why>" and what
// the page showed, and exits 1 (2 for bad usage or no playwright-core/Chromium).
//
// playwright-core is not a dependency of the repo: check-swagger-ui-journey.sh installs it into a cache
// directory and passes that prefix as PLAYWRIGHT_CORE_PREFIX (ES modules ignore NODE_PATH). Without it the
// module is resolved from this file's directory and NODE_PATH. Environment:
//   PLAYWRIGHT_CORE_PREFIX  npm prefix holding node_modules/playwright-core
//   CHROMIUM                the Chromium binary (default /usr/bin/chromium); no browser is ever downloaded
//   JOURNEY_USER, JOURNEY_PASSWORD   the Keycloak user (default sme-anna / sme-anna)
//   STEP_TIMEOUT_MS         per-step timeout (default 30000)
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';

const [gatewayArg, screenshotArg] = process.argv.slice(2);
if (!gatewayArg || !screenshotArg) {
  console.error('usage: node swagger-ui-journey.mjs <gatewayUrl> <screenshot.png>');
  process.exit(2);
}
const gateway = gatewayArg.replace(/\/+$/, '');
const screenshot = path.resolve(screenshotArg);
const user = process.env.JOURNEY_USER || 'sme-anna';
const password = process.env.JOURNEY_PASSWORD || user;
const STEP_TIMEOUT = Number(process.env.STEP_TIMEOUT_MS || 30000);
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';

function loadPlaywright() {
  const prefix = process.env.PLAYWRIGHT_CORE_PREFIX;
  const require = createRequire(prefix ? path.join(path.resolve(prefix), 'node_modules', 'noop.js') : import.meta.url);
  try {
    return require('playwright-core');
  } catch (e) {
    console.error(`FAIL setup: cannot load playwright-core${prefix ? ` from ${prefix}` : ''} ` +
      `(run gateway/scripts/check-swagger-ui-journey.sh, or set PLAYWRIGHT_CORE_PREFIX): ${e.message}`);
    process.exit(2);
  }
}
const { chromium } = loadPlaywright();
if (!fs.existsSync(executablePath)) {
  console.error(`FAIL setup: no Chromium at ${executablePath} (apt-get install -y chromium chromium-driver)`);
  process.exit(2);
}

class StepFailure extends Error {}
const fail = msg => { throw new StepFailure(msg); };
// Tokens shown by the page (the curl command, request headers) are never printed.
const squash = s => (s || '').replace(/\s+/g, ' ').replace(/(Bearer\s+)[\w.~+/=-]{12,}/g, '$1…').trim();
const clip = (s, n = 1500) => (s.length > n ? s.slice(0, n) + ' …' : s);

let browser;
let page;
let currentStep = 'setup';
let showOnFailure = async () => '';   // what the page shows that matters for the current step

async function step(name, fn) {
  currentStep = name;
  const timer = new Promise((_, reject) => {
    const t = setTimeout(() => reject(new StepFailure(`timed out after ${STEP_TIMEOUT / 1000} s`)), STEP_TIMEOUT + 5000);
    t.unref();
  });
  const detail = await Promise.race([fn(), timer]);
  console.log(`ok   ${name}${detail ? ` (${detail})` : ''}`);
}

// Swagger UI 5 renders each operation as <div class="opblock ..." id="operations-<tag>-<operationId>">; tags
// may contain spaces (they become underscores), so the block is found by its operationId suffix.
const opblock = operationId => page.locator(`div.opblock[id^="operations-"][id$="-${operationId}"]`).first();

async function blockText(operationId) {
  try { return squash(await opblock(operationId).innerText({ timeout: 2000 })); } catch { return ''; }
}

// Expands the operation, presses "Try it out" and Execute without editing anything, and returns the status and
// body that the live response table shows, with the request Swagger UI sent.
async function tryItOut(operationId, method, urlPath) {
  const block = opblock(operationId);
  showOnFailure = async () => `operation block: ${await blockText(operationId)}`;
  await block.waitFor({ state: 'attached', timeout: STEP_TIMEOUT })
    .catch(() => fail(`no operation block with id operations-*-${operationId}`));
  await block.scrollIntoViewIfNeeded();
  const summary = block.locator('.opblock-summary').first();
  const shownPath = squash(await summary.locator('.opblock-summary-path').first().innerText());
  if (shownPath.replace(/\u200b/g, '') !== urlPath) fail(`the block shows path "${shownPath}", not ${urlPath}`);
  if (!(await block.evaluate(el => el.classList.contains('is-open')))) {
    const control = summary.locator('.opblock-summary-control');
    await ((await control.count()) ? control.first() : summary).click();
  }
  const tryOut = block.locator('.try-out__btn');
  await tryOut.waitFor({ state: 'visible', timeout: STEP_TIMEOUT })
    .catch(() => fail('the expanded operation has no "Try it out" button'));
  if (/try it out/i.test(await tryOut.innerText())) await tryOut.click();
  const execute = block.locator('button.execute');
  await execute.waitFor({ state: 'visible', timeout: STEP_TIMEOUT })
    .catch(() => fail('"Try it out" did not show an Execute button'));

  const requestSeen = page.waitForRequest(
    r => r.method() === method && new URL(r.url()).pathname === urlPath, { timeout: STEP_TIMEOUT }).catch(() => null);
  await execute.click();
  // The table's header row has a "Code" cell of the same class: the status is in the response row.
  const status = block.locator('.live-responses-table tr.response .response-col_status, ' +
    '.live-responses-table tbody .response-col_status').first();
  await status.waitFor({ state: 'visible', timeout: STEP_TIMEOUT })
    .catch(() => fail('no live response shown after Execute'));
  const request = await requestSeen;
  const statusText = squash(await status.innerText());
  const body = block.locator('.live-responses-table .response-col_description .response-body, ' +
    '.live-responses-table .response-col_description pre').first();
  const bodyText = (await body.count()) ? (await body.innerText()).trim() : '';
  return { status: statusText, code: Number((statusText.match(/\d{3}/) || [])[0]), body: bodyText, request };
}

async function main() {
  browser = await chromium.launch({
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  const context = await browser.newContext({ viewport: { width: 1280, height: 1000 }, locale: 'en-GB' });
  context.setDefaultTimeout(STEP_TIMEOUT);
  page = await context.newPage();
  const consoleErrors = [];
  page.on('console', m => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  page.on('pageerror', e => consoleErrors.push(String(e)));
  showOnFailure = async () => `page: ${clip(squash(await page.locator('body').innerText({ timeout: 2000 })))}` +
    (consoleErrors.length ? `\nconsole errors: ${consoleErrors.slice(-5).join(' | ')}` : '');

  await step('Swagger UI renders the operations', async () => {
    const resp = await page.goto(`${gateway}/q/swagger-ui/`, { waitUntil: 'domcontentloaded' });
    if (!resp || !resp.ok()) fail(`GET ${gateway}/q/swagger-ui/ answered ${resp ? resp.status() : 'nothing'}`);
    await page.locator('.opblock').first().waitFor({ timeout: STEP_TIMEOUT }).catch(async () => {
      const err = squash(await page.locator('.swagger-ui .errors-wrapper, .swagger-ui .loading-container')
        .allInnerTexts().then(t => t.join(' ')).catch(() => ''));
      fail(`no operations rendered${err ? `; the page shows: ${err}` : ''}`);
    });
    await opblock('createBooking').waitFor({ state: 'attached' }).catch(() => fail('createBooking is not shown'));
    await opblock('listCentres').waitFor({ state: 'attached' }).catch(() => fail('listCentres is not shown'));
    const title = squash(await page.locator('.info .title').first().innerText().catch(() => ''));
    return `${await page.locator('.opblock').count()} operations, "${title}"`;
  });

  const dialog = page.locator('.modal-ux');
  let popup;
  await step('Authorize dialog offers exactly one login method: the authorization code flow', async () => {
    const openButton = page.locator('.scheme-container .btn.authorize, .btn.authorize').first();
    await openButton.click();
    await dialog.waitFor({ state: 'visible' }).catch(() => fail('clicking Authorize opened no dialog'));
    showOnFailure = async () => `dialog: ${clip(squash(await dialog.innerText().catch(() => '')))}`;
    const containers = dialog.locator('.auth-container');
    const n = await containers.count();
    if (n !== 1) {
      const heads = (await containers.locator('h4').allInnerTexts()).map(squash);
      fail(`the dialog shows ${n} login methods, not 1: ${heads.join('; ') || '(none)'}`);
    }
    const auth = containers.first();
    const text = squash(await auth.innerText());
    const flowShown = squash(await auth.locator('p.flow code').first().innerText().catch(() => ''))
      || (text.match(/Flow:\s*([^:]*?)\s+client_id:/) || [])[1] || '';
    const flow = (text.match(/Flow:\s*(\S+)/) || [])[1];
    if (flow !== 'authorizationCode') fail(`the login method's flow is "${flow || '(none shown)'}", not authorizationCode`);
    if (!/OAuth2/i.test(text)) fail(`the login method is not OAuth2: ${clip(text, 300)}`);
    for (const other of ['implicit', 'password', 'clientCredentials', 'application']) {
      if (new RegExp(`Flow:\\s*${other}\\b`).test(text)) fail(`a ${other} flow is offered`);
    }
    // What a user sees: a visible field counts, one hidden by the page's style does not.
    const forbidden = {
      'a username field (password flow)': '#oauth_username, input[id^="oauth_username"]',
      'a password field (password flow)': '#oauth_password, input[id^="oauth_password"], select#password_type',
      'a client_secret field': 'input[id^="client_secret"], input[data-name="clientSecret"]',
      'an API key field': '.auth-container input[id^="api_key"], .auth-container input[name="api_key"]',
      'an HTTP basic/bearer form': '.auth-container input[id^="auth-basic"], .auth-container input[id^="auth-bearer"]',
    };
    for (const [what, sel] of Object.entries(forbidden)) {
      const fields = dialog.locator(sel);
      for (let i = 0; i < await fields.count(); i++) {
        if (await fields.nth(i).isVisible()) {
          const label = squash(await fields.nth(i).evaluate(el => {
            const l = el.id && document.querySelector(`label[for="${CSS.escape(el.id)}"]`);
            return `${l ? l.textContent : ''} <${el.tagName.toLowerCase()} id="${el.id}" type="${el.type || ''}">`;
          }));
          await fields.nth(i).scrollIntoViewIfNeeded().catch(() => {});   // for the failure screenshot
          fail(`the dialog shows ${what}: ${label} (Flow: ${flowShown})`);
        }
      }
    }
    if (/client_secret/i.test(text)) fail(`the dialog's text mentions client_secret (Flow: ${flowShown})`);
    const clientId = dialog.locator('input[id^="client_id"], input[data-name="clientId"]').first();
    if (!(await clientId.count())) fail('the dialog has no client_id field');
    const cid = await clientId.inputValue();
    if (!cid) fail('the client_id field is empty (initOAuth should pre-fill catapult-swagger)');
    // Tick scopes only if none is ticked (initOAuth may pre-select them).
    const boxes = dialog.locator('.scopes input[type="checkbox"]');
    let ticked = 0;
    for (let i = 0; i < await boxes.count(); i++) if (await boxes.nth(i).isChecked()) ticked++;
    if (ticked === 0 && await boxes.count()) {
      const openid = dialog.locator('.scopes input[type="checkbox"][data-value="openid"]');
      const box = (await openid.count()) ? openid.first() : boxes.first();
      await box.check({ force: true });   // Swagger UI hides the input behind a styled label
      ticked = 1;
    }
    return `"${squash(await auth.locator('h4').first().innerText())}", Flow: ${flowShown}, client_id ${cid}, ` +
      `${ticked} scope(s) ticked`;
  });

  await step('Authorize opens the Keycloak login in a popup', async () => {
    const authorize = dialog.locator('.auth-btn-wrapper button.authorize, button.btn.modal-btn.auth.authorize').first();
    const label = squash(await authorize.innerText());
    if (label !== 'Authorize') fail(`the dialog's button says "${label}", not Authorize`);
    [popup] = await Promise.all([page.waitForEvent('popup'), authorize.click()]);
    showOnFailure = async () => `popup ${popup.url()}: ${clip(squash(await popup.locator('body').innerText({ timeout: 2000 }).catch(() => '')))}`;
    await popup.waitForLoadState('domcontentloaded');
    await popup.locator('#username').waitFor({ state: 'visible' })
      .catch(() => fail('the popup shows no Keycloak login form (#username)'));
    const url = new URL(popup.url());
    if (url.searchParams.get('response_type') !== 'code') fail(`response_type is ${url.searchParams.get('response_type')}, not code`);
    if (!url.searchParams.get('code_challenge')) fail('the authorization request has no PKCE code_challenge');
    return `${url.origin}${url.pathname}, client_id ${url.searchParams.get('client_id')}, ` +
      `scope "${url.searchParams.get('scope')}", PKCE ${url.searchParams.get('code_challenge_method')}`;
  });

  await step(`log in at Keycloak as ${user}; the dialog shows the user authorized`, async () => {
    const closed = popup.waitForEvent('close', { timeout: STEP_TIMEOUT }).then(() => true, () => false);
    await popup.fill('#username', user);
    await popup.fill('#password', password);
    await popup.locator('#kc-login, input[type="submit"], button[type="submit"]').first().click();
    if (!(await closed)) {
      const err = squash(await popup.locator('#input-error, .kc-feedback-text, .alert-error, .pf-m-danger')
        .allInnerTexts().then(t => t.join(' ')).catch(() => ''));
      fail(`the login popup did not close${err ? `; Keycloak says: ${err}` : ''}`);
    }
    showOnFailure = async () => `dialog: ${clip(squash(await dialog.innerText().catch(() => '')))}`;
    const auth = dialog.locator('.auth-container').first();
    await auth.locator('h6', { hasText: /^Authorized$/ }).waitFor({ state: 'visible' }).catch(async () => {
      const errors = squash(await dialog.locator('.errors').allInnerTexts().then(t => t.join(' ')).catch(() => ''));
      fail(`the dialog does not show "Authorized"${errors ? `; it shows: ${errors}` : ''}`);
    });
    const logout = auth.locator('button', { hasText: 'Logout' });
    if (!(await logout.count())) fail('the dialog shows no Logout button');
    return 'popup closed, "Authorized" with a Logout button';
  });

  await step('close the Authorize dialog', async () => {
    await dialog.locator('button.btn-done, .close-modal').first().click();
    await dialog.waitFor({ state: 'detached' }).catch(() => fail('the dialog did not close'));
    const locked = await page.locator('.btn.authorize.locked').count();
    if (!locked) fail('the Authorize button does not show the locked (authorized) state');
    return 'the Authorize button shows a closed lock';
  });

  await step('POST /api/v1/bookings with the example body answers 201 or 409', async () => {
    const r = await tryItOut('createBooking', 'POST', '/api/v1/bookings');
    const auth = r.request ? (await r.request.allHeaders()).authorization || '' : '';
    const body = clip(squash(r.body), 600);
    if (r.request && !/^Bearer \S+/.test(auth)) fail(`Swagger UI sent no bearer token (status ${r.status}): ${body}`);
    if (r.code === 422) fail(`the untouched example was refused by a booking rule (422): ${body}`);
    if (r.code === 401) fail(`the request was not authenticated (401): ${body}`);
    if (r.code !== 201 && r.code !== 409) fail(`status ${r.status || '(none)'}, not 201 or 409: ${body}`);
    let shown = {};
    try { shown = JSON.parse(r.body); } catch { /* reported as text below */ }
    if (r.code === 201) return `201, booking ${shown.id || '?'} ${shown.status || ''} ${shown.start || ''}–${shown.end || ''}`;
    return `409, the slot is taken already: ${clip(squash(shown.detail || body), 200)}`;
  });

  await step('GET /api/v1/centres with the default parameters lists centres', async () => {
    const r = await tryItOut('listCentres', 'GET', '/api/v1/centres');
    const body = clip(squash(r.body), 600);
    if (r.code !== 200) fail(`status ${r.status || '(none)'}, not 200: ${body}`);
    let page0;
    try { page0 = JSON.parse(r.body); } catch (e) { fail(`the response body shown is not JSON (${e.message}): ${body}`); }
    if (!Array.isArray(page0.items)) fail(`the response has no items array: ${body}`);
    if (page0.items.length === 0) fail(`items is empty: ${body}`);
    return `200, ${page0.items.length} centres, e.g. ${page0.items.slice(0, 3).map(c => c.code || c.name).join(', ')}`;
  });

  await step('save a full-page screenshot', async () => {
    fs.mkdirSync(path.dirname(screenshot), { recursive: true });
    await page.locator('div.opblock[id$="-createBooking"]').scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshot, fullPage: true });
    return screenshot;
  });
}

let exitCode = 0;
try {
  await main();
  console.log('Swagger UI journey passed');
} catch (e) {
  exitCode = 1;
  const why = e instanceof StepFailure ? e.message : (e && e.stack) || String(e);
  console.log(`FAIL ${currentStep}: ${why}`);
  try {
    const shown = await showOnFailure();
    if (shown) console.log(shown);
  } catch { /* the page may be gone */ }
  if (page && screenshot) {
    try {
      fs.mkdirSync(path.dirname(screenshot), { recursive: true });
      // An open dialog is fixed to the viewport and scrolls by itself: then the viewport shows what matters.
      const dialogOpen = await page.locator('.modal-ux').isVisible().catch(() => false);
      await page.screenshot({ path: screenshot, fullPage: !dialogOpen });
      console.log(`Screenshot of the failure: ${screenshot}`);
    } catch { /* ignore */ }
  }
  console.log('Swagger UI journey failed');
} finally {
  if (browser) await browser.close().catch(() => {});
}
process.exit(exitCode);
