// What the browser tests share: where the local run is, Debian's Chromium, the emulator's controls.
import {chromium} from 'playwright-core';
import {mkdirSync} from 'node:fs';
import {join, resolve} from 'node:path';

export const API = required('PARLEY_API'); // the local run's API, e.g. http://127.0.0.1:3000
export const EMULATOR = required('PARLEY_EMULATOR'); // the Bedrock emulator, e.g. http://127.0.0.1:8787
export const S3 = required('PARLEY_S3'); // the local S3, e.g. http://127.0.0.1:9090
export const SCREENSHOTS = resolve(process.env.PARLEY_SCREENSHOTS || '../target/playground-screenshots');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

function required(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set; run the browser tests with .ci/browser-tests`);
  return value.replace(/\/+$/, '');
}

/**
 * Debian's Chromium, headless, with the machine's closed network in mind: no sandbox (root), and
 * nothing that phones home (background networking, component updates, sync). Playwright gives
 * every launch a new, empty user-data-dir of its own.
 */
export function launch() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
}

/** A fresh page as `user` (a new name per test: the local run's data is shared), on `view`. */
export async function openPlayground(browser, user, view = 'chat') {
  const context = await browser.newContext({viewport: {width: 1280, height: 860}});
  const page = await context.newPage();
  // Uncaught exceptions only: the browser also logs expected 404s (a document not announced yet).
  const errors = [];
  page.on('pageerror', (error) => errors.push(error));
  const query = new URLSearchParams({user, upload: `${S3}/parley-documents`});
  await page.goto(`${API}/?${query}#${view}`);
  // The model pickers are filled from GET /v1/models once the page is ready.
  await page.waitForSelector('body.ready');
  return {page, errors, close: () => context.close()};
}

export function uniqueUser(name) {
  return `${name}-${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
}

export async function screenshot(page, name) {
  mkdirSync(SCREENSHOTS, {recursive: true});
  await page.screenshot({path: join(SCREENSHOTS, `${name}.png`), fullPage: true});
}

/** POST to the emulator's control API (see docs/local-run.md, "The Bedrock emulator"). */
export async function emulator(action, body = {}) {
  const response = await fetch(`${EMULATOR}/_emulator/${action}`, {method: 'POST', body: JSON.stringify(body)});
  if (!response.ok) throw new Error(`emulator ${action}: ${response.status} ${await response.text()}`);
}

export async function api(path, user) {
  const response = await fetch(`${API}${path}`, {headers: {'X-Local-User': user}});
  return {status: response.status, body: await response.json()};
}
