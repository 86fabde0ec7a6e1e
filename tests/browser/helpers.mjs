// helpers.mjs - shared pieces of the browser tests: Debian's Chromium through
// playwright-core, axe-core checks, the horizontal-scroll check, screenshots and
// signing in. Needs VT_URL (a running stack with demo data, see `ventanilla demo`).
import { readFileSync, readdirSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));

export const BASE = (process.env.VT_URL || '').replace(/\/+$/, '');
if (!BASE)
  throw new Error('VT_URL is not set: start a stack (scripts/stack.sh start) and load demo data');

export const PASSWORD = 'ventanilla-demo';
export const WIDTHS = [375, 1280];

/** Viewport height for a width (phones are taller than wide). */
export const viewport = (width) => ({ width, height: width < 600 ? 740 : 900 });

/** Pages marked `diag` are checked on the diagonal only, to keep the suite
 * short: the first language at phone width, the second at desktop width. The
 * main pages get every language at every width. */
export function wanted(p, langIndex, width) {
  return !p.diag || (langIndex === 0) === (width === WIDTHS[0]);
}
export const LANGS = { en: 'en-GB', es: 'es-ES' };
export const SHOTS = join(here, 'screenshots');
mkdirSync(SHOTS, { recursive: true });

const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** Start Debian's Chromium (never a downloaded browser). Caller closes it. */
export function launch() {
  return chromium.launch({
    executablePath: process.env.VT_CHROMIUM || '/usr/bin/chromium',
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** A fresh context: viewport width, browser language (Accept-Language), and
 * optionally a saved session (storageState) or JavaScript turned off. CSP is
 * bypassed so axe-core can be injected, unless csp is true (to check that the
 * pages themselves live within our Content-Security-Policy). */
export async function newContext(browser, { width = 1280, lang = 'en', state, js = true, csp = false } = {}) {
  const ctx = await browser.newContext({
    baseURL: BASE,
    viewport: viewport(width),
    deviceScaleFactor: 1,
    locale: LANGS[lang],
    javaScriptEnabled: js,
    bypassCSP: !csp,
    storageState: state,
  });
  ctx.setDefaultTimeout(20000);  // generous: the suite may share a busy machine
  return ctx;
}

/** The language file as a flat map: strings('es')['home.title']. Only what the
 * tests need from HDF: nested blocks and `key = value` lines. */
export function strings(lang) {
  const out = {};
  const path = [];
  const dir = join(here, '../../templates/lang');
  const files = [`${lang}.hdf`, ...readdirSync(dir).filter((f) => f.endsWith(`.${lang}.hdf`))];
  for (const raw of files.flatMap((f) => readFileSync(join(dir, f), 'utf8').split('\n'))) {
    const line = raw.trim();
    let m;
    if (!line || line.startsWith('#')) continue;
    if ((m = line.match(/^([\w.]+)\s*\{$/))) path.push(m[1]);
    else if (line === '}') path.pop();
    else if ((m = line.match(/^([\w.]+)\s*=\s*(.*)$/))) out[[...path, m[1]].join('.').replace(/^T\./, '')] = m[2];
    else if ((m = line.match(/^([\w.]+)\s*\{\s*\}$/))) continue;
  }
  return out;
}
export const T = { en: strings('en'), es: strings('es') };

/** Human-readable list of axe violations. */
export function formatViolations(violations) {
  return violations.map((v) => {
    const nodes = v.nodes.slice(0, 5).map((n) =>
      `      at ${n.target.join(' ')}\n        ${n.html.slice(0, 160)}\n        ${(n.failureSummary || '').replace(/\n/g, '\n        ')}`);
    const more = v.nodes.length > 5 ? `\n      ... and ${v.nodes.length - 5} more` : '';
    return `  [${v.impact}] ${v.id}: ${v.help}\n    ${v.helpUrl}\n${nodes.join('\n')}${more}`;
  }).join('\n');
}

/** Run axe-core on the page; returns the violations. */
export async function axe(page) {
  if (!(await page.evaluate(() => typeof window.axe === 'object')))
    await page.evaluate(axeSource);
  const result = await page.evaluate(() => window.axe.run(document, {
    runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'],
    resultTypes: ['violations'],
  }));
  return result.violations;
}

/** The checks every page gets: language, no horizontal scrolling, zero axe
 * violations (needs JavaScript on), and a full-page screenshot. */
export async function checkPage(page, { name, lang, width }) {
  const label = `${name} (${lang}, ${width}px)`;
  const htmlLang = await page.evaluate(() => document.documentElement.lang);
  assert.equal(htmlLang, lang, `${label}: <html lang> is "${htmlLang}"`);
  const title = await page.title();
  assert.ok(title.trim().length > 0, `${label}: empty <title>`);
  await page.screenshot({ path: join(SHOTS, `${name}-${lang}-${width}.png`), fullPage: true });
  const scroll = await page.evaluate(() => ({
    sw: document.documentElement.scrollWidth, cw: document.documentElement.clientWidth,
    wide: [...document.querySelectorAll('body *')].filter((e) => {
      const r = e.getBoundingClientRect();
      return r.right > document.documentElement.clientWidth + 1 && !e.closest('.table-wrap');
    }).slice(0, 5).map((e) => `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}${e.className ? '.' + String(e.className).replace(/ /g, '.') : ''}`),
  }));
  assert.ok(scroll.sw <= scroll.cw,
    `${label}: scrolls sideways (scrollWidth ${scroll.sw} > clientWidth ${scroll.cw}); too wide: ${scroll.wide.join(', ')}`);
  // Touch targets: controls and the header's links are at least 44 px high
  // (WCAG 2.5.5); links inside running text are exempt.
  const small = await page.evaluate(() => [...document.querySelectorAll(
    'button, select, input:not([type=hidden]):not([type=checkbox]):not([type=radio]), label.check, header a, .button, .crumbs a, .pager a')]
    .filter((e) => e.getClientRects().length > 0 && !e.closest('.visually-hidden') && !e.matches('.skip'))
    .filter((e) => e.getBoundingClientRect().height < 43.5)
    .map((e) => `${e.tagName.toLowerCase()} "${(e.textContent || e.name || '').trim().slice(0, 30)}" ${Math.round(e.getBoundingClientRect().height)}px`));
  assert.deepEqual(small, [], `${label}: touch targets under 44 px`);
  const violations = await axe(page);
  assert.equal(violations.length, 0, `${label}: ${violations.length} axe violation(s):\n${formatViolations(violations)}`);
}

/** Collect the page's console errors and uncaught exceptions (CSP refusals
 * show up here). Failed loads of the page itself (a 404 page) are expected. */
export function watchConsole(page) {
  const errors = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && !/the server responded with a status of 4\d\d/.test(m.text()))
      errors.push(`${page.url()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`${page.url()}: ${e}`));
  return errors;
}

/** Open path and check it answers with the expected status. */
export async function open(page, path, status = 200) {
  const res = await page.goto(path, { waitUntil: 'load' });
  assert.ok(res, `${path}: no response`);
  assert.equal(res.status(), status, `${path}: HTTP ${res.status()}`);
  return res;
}

/** Sign in through the real form; returns the session as a storageState
 * object for further contexts. One login per call: argon2 is slow on purpose
 * and failed logins are throttled, so callers sign in as rarely as they can. */
export async function signIn(browser, email, { lang = 'en' } = {}) {
  const ctx = await newContext(browser, { lang });
  try {
    const page = await ctx.newPage();
    await open(page, '/login');
    await page.fill('#email', email);
    await page.fill('#password', PASSWORD);
    await Promise.all([page.waitForURL((u) => u.pathname !== '/login'), page.click('main form button[type=submit]')]);
    assert.ok(await page.locator('form[action="/logout"]').count() > 0, `${email}: not signed in after login`);
    return await ctx.storageState();
  } finally {
    await ctx.close();
  }
}

/** Click the header's language switch and wait for the page to come back. */
export async function switchLanguage(page) {
  const before = await page.evaluate(() => document.documentElement.lang);
  const url = page.url();
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('form[action="/language"] button')]);
  const after = await page.evaluate(() => document.documentElement.lang);
  assert.notEqual(after, before, `language switch on ${url} left the page in "${after}"`);
  assert.equal(new URL(page.url()).pathname, new URL(url).pathname, 'language switch did not come back to the same page');
  return after;
}
