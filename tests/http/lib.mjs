// lib.mjs - shared pieces of the HTTP tests: the environment tests/run.sh sets,
// a cookie-keeping client that finds its own form token, raw socket requests
// (for what fetch would normalise), an SMTP sink with a MIME decoder, the
// database and the `ventanilla` command, and the security-header check.
// Node 18+: only node: modules and the global fetch.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomBytes, createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import net from 'node:net';
import { userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

function need(name) {
  const v = process.env[name];
  if (!v)
    throw new Error(`${name} is not set: run the HTTP tests through tests/run.sh ` +
      '(or export what it exports for a stack started with scripts/stack.sh)');
  return v;
}

export const BASE = need('VT_URL').replace(/\/+$/, '');
export const BASE_URL = new URL(BASE);
export const STATE = need('VT_STATE');
export const BIN = need('VT_BIN');
export const REPO = process.env.VT_REPO || join(here, '../..');
export const SMTP_PORT = Number(need('VT_SMTP_PORT'));
export const SERVER = process.env.VT_SERVER || 'nginx';
export const DB_SOCKET = process.env.VT_DB_SOCKET || join(STATE, 'run/mariadb.sock');
export const HEX64 = /^[0-9a-f]{64}$/;

/** site.name from the stack's configuration file. */
export const SITE_NAME = (() => {
  const conf = readFileSync(need('VENTANILLA_CONF'), 'utf8');
  const m = /site\s*=\s*\{[^}]*?\bname\s*=\s*"([^"]*)"/.exec(conf);
  return m ? m[1] : 'Ventanilla';
})();

// ------------------------------------------------------------------ strings

const langCache = {};

/** The language files as a flat map, as the programs read them:
 * lang/<lang>.hdf, then lang/<module>.<lang>.hdf in name order; Spanish
 * falls back to English. T('es')['login.bad']. */
export function T(lang) {
  if (langCache[lang]) return langCache[lang];
  const dir = join(REPO, 'templates/lang');
  const files = [`${lang}.hdf`, ...readdirSync(dir).filter((f) => f.endsWith(`.${lang}.hdf`)).sort()];
  const out = lang === 'en' ? {} : { ...T('en') };
  for (const file of files) {
    const path = [];
    for (const raw of readFileSync(join(dir, file), 'utf8').split('\n')) {
      const line = raw.trim();
      let m;
      if (!line || line.startsWith('#')) continue;
      if ((m = /^([\w.]+)\s*\{$/.exec(line))) path.push(m[1]);
      else if (line === '}') path.pop();
      else if ((m = /^([\w.]+)\s*=\s*(.*)$/.exec(line))) {
        const key = [...path, m[1]].join('.').replace(/^T\./, '');
        out[key] = m[2];
      }
    }
  }
  langCache[lang] = out;
  return out;
}

/** s as it appears in an HTML page written with ClearSilver's html escaping. */
export function html(s) {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** True if a reader of page (HTML) sees the text s. */
export function shows(page, s) {
  return textOf(page).includes(s.replace(/\s+/g, ' ').trim());
}

// ------------------------------------------------------------------ reading pages
// Small, tolerant readers of the HTML the templates print, so tests check
// what a page says and does rather than its exact markup.

/** HTML entities decoded (the ones ClearSilver and the templates use). */
export function decode(s) {
  return s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos|nbsp);/gi, (all, e) => {
    const k = e.toLowerCase();
    if (k[0] === '#')
      return String.fromCodePoint(k[1] === 'x' ? parseInt(k.slice(2), 16) : parseInt(k.slice(1), 10));
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' }[k];
  });
}

/** The text a reader sees: tags removed, entities decoded, spaces collapsed. */
export function textOf(page) {
  return decode(page.replace(/<(script|style|svg)\b[\s\S]*?<\/\1>/gi, ' ').replace(/<[^>]*>/g, ' '))
    .replace(/\s+/g, ' ').trim();
}

/** The <main> element's inner HTML (the page's own content, without chrome). */
export function mainOf(page) {
  const m = /<main\b[^>]*>([\s\S]*)<\/main>/i.exec(page);
  return m ? m[1] : '';
}

/** Texts of the <hN> headings of a page. */
export function headings(page, level = 1) {
  const re = new RegExp(`<h${level}\\b[^>]*>([\\s\\S]*?)</h${level}>`, 'gi');
  return [...page.matchAll(re)].map((m) => textOf(m[1]));
}

/** Attributes of a start tag: { name: value (decoded) | true }. */
export function attrs(tag) {
  const out = {};
  const body = tag.replace(/^<\w+/, '').replace(/\/?>$/, '');
  for (const m of body.matchAll(/([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g))
    out[m[1].toLowerCase()] = m[2] ?? m[3] ?? m[4] ?? true;
  for (const k of Object.keys(out)) if (typeof out[k] === 'string') out[k] = decode(out[k]);
  return out;
}

/** Every start tag called name, as attribute maps (with .tag = the raw tag). */
export function tags(page, name) {
  return [...page.matchAll(new RegExp(`<${name}\\b[^>]*>`, 'gi'))]
    .map((m) => Object.assign(attrs(m[0]), { tag: m[0] }));
}

/** The forms whose action is exactly action: [{ attrs, html }]. */
export function forms(page, action) {
  return [...page.matchAll(/(<form\b[^>]*>)([\s\S]*?)<\/form>/gi)]
    .map((m) => ({ attrs: attrs(m[1]), html: m[2] }))
    .filter((f) => action === undefined || f.attrs.action === action);
}

/** The one form posting to action (asserts there is one). */
export function form(page, action) {
  const f = forms(page, action);
  assert.ok(f.length >= 1, `a form with action="${action}"`);
  return f[0];
}

/** The input (or select/textarea/button) called name in some HTML, optionally with value. */
export function input(page, name, value) {
  return [...tags(page, 'input'), ...tags(page, 'button'), ...tags(page, 'select'), ...tags(page, 'textarea')]
    .find((t) => t.name === name && (value === undefined || t.value === value));
}

/** The value of the selected option of <select name=...>. */
export function selected(page, name) {
  const m = new RegExp(`<select\\b[^>]*\\bname="${name}"[^>]*>([\\s\\S]*?)</select>`, 'i').exec(page);
  assert.ok(m, `a select called ${name}`);
  const opt = tags(m[1], 'option').find((o) => o.selected);
  return opt ? opt.value : undefined;
}

/** Text of the element with that id, or null. */
export function byId(page, id) {
  const m = new RegExp(`<(\\w+)\\b[^>]*\\bid="${id}"[^>]*>([\\s\\S]*?)</\\1>`, 'i').exec(page);
  return m ? textOf(m[2]) : null;
}

/** Table body rows as arrays of cell texts (and .html per row). */
export function rows(page) {
  return [...page.matchAll(/<tr\b[^>]*>([\s\S]*?)<\/tr>/gi)]
    .map((m) => Object.assign([...m[1].matchAll(/<t[dh]\b[^>]*>([\s\S]*?)<\/t[dh]>/gi)]
      .map((c) => textOf(c[1])), { html: m[1] }))
    .filter((r) => r.length);
}

/** The hrefs of the links in some HTML. */
export function links(page) {
  return tags(page, 'a').map((a) => a.href).filter(Boolean);
}

/** How the audit log names an action (its words for it, or the action itself). */
export function eventName(action, lang = 'en') {
  return T(lang)[`event.${action}`] || action;
}

// ------------------------------------------------------------------ helpers

/** A random string of n lowercase hex characters. */
/** A free TCP port on 127.0.0.1 (for a second server a test starts). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

export function rnd(n = 10) {
  return randomBytes(Math.ceil(n / 2)).toString('hex').slice(0, n);
}

/** A unique e-mail address for this run (the suite runs twice on one DB). */
export function uniqueEmail(tag = 'u') {
  return `t-${tag}-${Date.now().toString(36)}-${rnd(8)}@test.example.org`;
}

/** SHA-256 of a string, hex (how the server stores session and reset tokens). */
export function sha256hex(s) {
  return createHash('sha256').update(s).digest('hex');
}

function runOnce(cmd, args, { input, env } = {}) {
  return new Promise((resolve, reject) => {
    const child = execFile(cmd, args, { env: { ...process.env, ...env }, maxBuffer: 16 << 20 },
      (err, stdout, stderr) => {
        if (err) {
          err.message += `\nstdout: ${stdout}\nstderr: ${stderr}`;
          reject(err);
        } else resolve({ stdout, stderr });
      });
    child.stdin.on('error', () => {});
    child.stdin.end(input === undefined ? '' : input);
  });
}

/** Run a command; a binary being replaced by a rebuild (EACCES, ETXTBSY,
 * ENOENT while make writes it) is tried again for a few seconds. */
async function run(cmd, args, opts) {
  for (let i = 0; ; i++) {
    try {
      return await runOnce(cmd, args, opts);
    } catch (e) {
      if (i >= 20 || !['EACCES', 'ETXTBSY', 'ENOENT'].includes(e.code)) throw e;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

/** Run `ventanilla ARGS...` against the stack's configuration. */
export function ventanilla(args, input) {
  return run(join(BIN, 'ventanilla'), args, { input });
}

/** SQL on the stack's database (as DB root through the unix socket): rows of
 * columns (strings; NULL as null). */
export async function sql(query) {
  const { stdout } = await run('mariadb', ['--no-defaults', `--socket=${DB_SOCKET}`,
    `--user=${userInfo().username}`, '--batch', '--skip-column-names', '--raw',
    'ventanilla', '-e', query]);
  if (stdout === '') return [];
  return stdout.replace(/\n$/, '').split('\n')
    .map((l) => l.split('\t').map((c) => (c === 'NULL' ? null : c)));
}

/** A value as an SQL string literal. */
export function q(s) {
  return `'${String(s).replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** The first column of the first row, or null. */
export async function sqlValue(query) {
  const rows = await sql(query);
  return rows.length ? rows[0][0] : null;
}

/** Forget all login and reset throttling (every test request comes from 127.0.0.1). */
export function clearThrottle() {
  return sql('DELETE FROM throttle');
}

/** Create an account with the CLI; returns { email, name, password, id }. */
export async function createUser({ tag = 'u', name, roles = 'requester', password, lang } = {}) {
  const email = uniqueEmail(tag);
  name = name || `Test ${tag} ${rnd(4)}`;
  password = password || `pw-${rnd(16)}`;
  await ventanilla(['user', 'add', email, name, roles], `${password}\n`);
  if (lang) await sql(`UPDATE users SET language = ${q(lang)} WHERE email = ${q(email)}`);
  const id = await sqlValue(`SELECT id FROM users WHERE email = ${q(email)}`);
  assert.ok(id, `user ${email} was created`);
  return { email, name, password, id: Number(id) };
}

/** Send the queued mail now (`ventanilla worker --once`); returns the count sent. */
export async function sendMail() {
  const { stdout } = await ventanilla(['worker', '--once']);
  const m = /sent (\d+)/.exec(stdout);
  assert.ok(m, `worker printed how much it sent: ${stdout}`);
  return Number(m[1]);
}

// ------------------------------------------------------------------ HTTP client

function setCookieLines(headers) {
  if (typeof headers.getSetCookie === 'function') return headers.getSetCookie();
  const all = headers.get('set-cookie');
  return all ? all.split(/,\s*(?=[A-Za-z0-9_-]+=)/) : [];
}

/** Parse Set-Cookie lines into [{ name, value, attrs: {lowercased: value|true} }]. */
export function parseSetCookies(headers) {
  return setCookieLines(headers).map((line) => {
    const [pair, ...rest] = line.split(';');
    const eq = pair.indexOf('=');
    const attrs = {};
    for (const a of rest) {
      const i = a.indexOf('=');
      const k = (i < 0 ? a : a.slice(0, i)).trim().toLowerCase();
      attrs[k] = i < 0 ? true : a.slice(i + 1).trim();
    }
    return { name: pair.slice(0, eq).trim(), value: pair.slice(eq + 1).trim(), attrs, line };
  });
}

/** The Set-Cookie for name in a response, or undefined. */
export function setCookie(res, name) {
  return parseSetCookies(res.headers).find((c) => c.name === name);
}

/** An urlencoded body of n fields of 62,000 bytes each: every field is within
 * the per-field (64 KB) and field-count (200) limits, so only the body size
 * limit (10 MB) can refuse it. 170 fields = 10.5 MB, 160 fields = 9.9 MB. */
export function bigBody(n = 170) {
  const v = 'b'.repeat(62000);
  return Array.from({ length: n }, (_, i) => `f${i}=${v}`).join('&');
}

/** The form token printed in an HTML page (first csrf field). */
export function csrfIn(page) {
  const m = /name="csrf" value="([0-9a-f]{64})"/.exec(page);
  return m ? m[1] : null;
}

/** Location of a redirect, resolved against the site. */
export function location(res) {
  const l = res.headers.get('location');
  return l === null ? null : new URL(l, BASE + '/');
}

/** Assert res is a 303 to a path on this site (path includes the query). */
export function assertRedirect(res, path, msg = '') {
  assert.equal(res.status, 303, `${msg} status (303 expected)`);
  const l = location(res);
  assert.ok(l, `${msg} Location header`);
  assert.equal(l.origin, BASE_URL.origin, `${msg} redirect stays on the site: ${l}`);
  assert.equal(l.pathname + l.search, path, `${msg} redirect target`);
}

/** A browser-like client: keeps cookies, knows its form token, never follows
 * redirects. Every call returns { status, headers, text, res, json() }.
 * base: another address of the stack (default BASE). */
export class Client {
  constructor({ lang, headers = {}, base = BASE } = {}) {
    this.base = base;
    this.jar = new Map();
    this.headers = { ...headers };
    if (lang) this.headers['accept-language'] = lang;
    this.token = null;
    this.tokenFor = null;
  }

  cookieHeader() {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  cookie(name) {
    return this.jar.get(name);
  }

  setCookieValue(name, value) {
    if (value === undefined || value === null) this.jar.delete(name);
    else this.jar.set(name, value);
  }

  /** Any request; opts: method, headers, body, raw (no cookies). */
  async request(path, { method = 'GET', headers = {}, body, cookies = true } = {}) {
    const h = { ...this.headers, ...headers };
    if (cookies && this.jar.size && !('cookie' in h)) h.cookie = this.cookieHeader();
    const res = await fetch(this.base + path, { method, headers: h, body, redirect: 'manual' });
    for (const c of parseSetCookies(res.headers)) {
      if (c.value === '' || c.attrs['max-age'] === '0') this.jar.delete(c.name);
      else this.jar.set(c.name, c.value);
    }
    const text = await res.text();
    const out = {
      status: res.status, headers: res.headers, text, res,
      json: () => JSON.parse(text),
    };
    const t = csrfIn(text);
    if (t) {
      this.token = t;
      this.tokenFor = this.identity();
    }
    return out;
  }

  get(path, opts = {}) {
    return this.request(path, { ...opts, method: 'GET' });
  }

  identity() {
    return `${this.jar.get('vsid') || ''}/${this.jar.get('vcsrf') || ''}`;
  }

  /** The form token valid for this client now (loads a page when unknown). */
  async csrf() {
    if (!this.token || this.tokenFor !== this.identity()) {
      const r = await this.get('/');
      assert.equal(r.status, 200, 'home page for a form token');
      assert.ok(this.token, 'home page carries a form token');
    }
    return this.token;
  }

  /** POST a urlencoded form. fields: object or array of [k, v] (repeatable keys).
   * csrf: true = add the right token, false = none, string = that token. */
  async post(path, fields = {}, { csrf = true, headers = {} } = {}) {
    const form = new URLSearchParams(Array.isArray(fields) ? fields : Object.entries(fields));
    if (csrf === true) form.append('csrf', await this.csrf());
    else if (typeof csrf === 'string') form.append('csrf', csrf);
    return this.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: form.toString(),
    });
  }

  /** Sign in; asserts it worked. Returns the response (a 303). */
  async login(email, password, next) {
    await this.get('/login');
    const fields = { email, password };
    if (next !== undefined) fields.next = next;
    const r = await this.post('/login', fields);
    assert.equal(r.status, 303, `login of ${email} succeeds (status ${r.status})`);
    assert.match(this.cookie('vsid') || '', HEX64, 'login sets a session cookie');
    return r;
  }

  /** 1 if this client's session is alive: /account answers 200 (not a redirect). */
  async signedIn() {
    const r = await this.get('/account');
    if (r.status === 200) return true;
    assert.equal(r.status, 303, `/account answers 200 or 303, got ${r.status}`);
    return false;
  }
}

/** A client signed in as the given user. */
export async function signedIn(user, opts) {
  const c = new Client(opts);
  await c.login(user.email, user.password);
  return c;
}

// ------------------------------------------------------------------ raw HTTP

/** Send bytes as they are to the web server and read the answer until it
 * closes (the request should say "Connection: close"); port: another port of
 * 127.0.0.1 than the stack's. Returns
 * { status, headers (lowercase names, last wins), headerList, body, raw }. */
export function raw(request, { timeout = 10000, port = Number(BASE_URL.port) } = {}) {
  return new Promise((resolve, reject) => {
    const sock = net.connect(port, BASE_URL.hostname);
    const chunks = [];
    const timer = setTimeout(() => {
      sock.destroy();
      reject(new Error(`raw request timed out: ${String(request).slice(0, 80)}`));
    }, timeout);
    sock.on('connect', () => sock.write(request));
    sock.on('data', (d) => chunks.push(d));
    sock.on('error', (e) => {
      // The server may close while we still send (e.g. after refusing a body).
      if (chunks.length && (e.code === 'ECONNRESET' || e.code === 'EPIPE')) return;
      clearTimeout(timer);
      reject(e);
    });
    sock.on('close', () => {
      clearTimeout(timer);
      const all = Buffer.concat(chunks);
      const text = all.toString('latin1');
      const end = text.indexOf('\r\n\r\n');
      const head = end < 0 ? text : text.slice(0, end);
      const lines = head.split('\r\n');
      const m = /^HTTP\/1\.[01] (\d{3})/.exec(lines[0] || '');
      const headers = {};
      const headerList = [];
      for (const l of lines.slice(1)) {
        const i = l.indexOf(':');
        if (i < 0) continue;
        const k = l.slice(0, i).trim().toLowerCase();
        const v = l.slice(i + 1).trim();
        headers[k] = v;
        headerList.push([k, v]);
      }
      resolve({
        status: m ? Number(m[1]) : 0, headers, headerList,
        body: end < 0 ? '' : all.subarray(end + 4).toString('utf8'), raw: text,
      });
    });
  });
}

/** A raw request line + headers (+ body) with Host and Connection: close. */
export function rawRequest(method, target, { headers = [], body, port } = {}) {
  const lines = [`${method} ${target} HTTP/1.1`, `Host: ${BASE_URL.host}`, 'Connection: close',
    ...headers];
  let out = lines.join('\r\n') + '\r\n\r\n';
  if (body !== undefined) out += body;
  return raw(out, { port });
}

// ------------------------------------------------------------------ security headers

/** Assert the security policy headers of one answer (a fetch Headers object
 * or a plain object with lowercase names). */
export function assertSecurityHeaders(headers, what = '') {
  const get = (n) => (typeof headers.get === 'function' ? headers.get(n) : headers[n]);
  const csp = get('content-security-policy');
  assert.ok(csp, `${what}: Content-Security-Policy present`);
  assert.match(csp, /(^|;)\s*default-src 'self'/, `${what}: CSP default-src 'self'`);
  assert.match(csp, /(^|;)\s*script-src 'self'\s*(;|$)/, `${what}: CSP script-src only 'self'`);
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/, `${what}: CSP without unsafe-inline/eval`);
  assert.match(csp, /frame-ancestors 'none'/, `${what}: CSP frame-ancestors 'none'`);
  assert.match(csp, /object-src 'none'/, `${what}: CSP object-src 'none'`);
  assert.equal(get('x-content-type-options'), 'nosniff', `${what}: nosniff`);
  assert.match(get('referrer-policy') || '', /^(same-origin|no-referrer|strict-origin(-when-cross-origin)?)$/,
    `${what}: Referrer-Policy`);
  assert.equal((get('x-frame-options') || '').toUpperCase(), 'DENY', `${what}: X-Frame-Options DENY`);
}

/** The security policy headers, as the programs send them. */
export const SECURITY_HEADERS = ['content-security-policy', 'x-content-type-options',
  'x-frame-options', 'referrer-policy', 'permissions-policy', 'cross-origin-opener-policy'];

/** Assert the policy of a raw() answer, each header exactly once (a header
 * sent by the program and again by the web server would be there twice). */
export function assertSecurityHeadersOnce(res, what = '') {
  assertSecurityHeaders(res.headers, what);
  for (const name of SECURITY_HEADERS) {
    const n = res.headerList.filter(([k]) => k === name).length;
    assert.equal(n, 1, `${what}: ${name} sent once (${n} times)`);
  }
}

// ------------------------------------------------------------------ SMTP sink

/** Start an SMTP server on 127.0.0.1:port that accepts everything and keeps
 * { from, to: [...], raw } for each message. close() stops it. */
export function startSmtpSink(port = SMTP_PORT) {
  const messages = [];
  const waiters = [];
  const sockets = new Set();
  const server = net.createServer((sock) => {
    sockets.add(sock);
    sock.on('close', () => sockets.delete(sock));
    sock.on('error', () => {});
    let buf = '';
    let inData = false;
    let data = [];
    let env = { from: null, to: [] };
    const say = (s) => sock.write(s + '\r\n');
    say('220 sink.test ESMTP ventanilla test sink');
    sock.setEncoding('latin1');
    sock.on('data', (chunk) => {
      buf += chunk;
      let i;
      while ((i = buf.indexOf('\r\n')) >= 0) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 2);
        if (inData) {
          if (line === '.') {
            inData = false;
            const msg = { from: env.from, to: env.to, raw: data.join('\r\n') + '\r\n' };
            messages.push(msg);
            for (const w of [...waiters]) w();
            env = { from: null, to: [] };
            data = [];
            say('250 2.0.0 queued');
          } else {
            data.push(line.startsWith('.') ? line.slice(1) : line);
          }
          continue;
        }
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO') say('250-sink.test\r\n250-8BITMIME\r\n250 SMTPUTF8');
        else if (verb === 'HELO') say('250 sink.test');
        else if (verb === 'MAIL') {
          env = { from: (/<([^>]*)>/.exec(line) || [])[1] ?? null, to: [] };
          say('250 2.1.0 ok');
        } else if (verb === 'RCPT') {
          env.to.push((/<([^>]*)>/.exec(line) || [])[1] ?? '');
          say('250 2.1.5 ok');
        } else if (verb === 'DATA') {
          if (!env.to.length) say('503 5.5.1 no recipients');
          else {
            inData = true;
            say('354 end with <CRLF>.<CRLF>');
          }
        } else if (verb === 'RSET') {
          env = { from: null, to: [] };
          say('250 2.0.0 ok');
        } else if (verb === 'NOOP') say('250 2.0.0 ok');
        else if (verb === 'QUIT') {
          say('221 2.0.0 bye');
          sock.end();
        } else say('502 5.5.2 not implemented');
      }
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      resolve({
        messages,
        /** Messages whose envelope recipient is addr. */
        to(addr) {
          return messages.filter((m) => m.to.some((t) => t.toLowerCase() === addr.toLowerCase()));
        },
        close() {
          for (const s of sockets) s.destroy();
          return new Promise((r) => server.close(() => r()));
        },
      });
    });
  });
}

/** Decode RFC 2047 encoded words (B and Q, UTF-8) in a header value. */
export function decodeHeader(v) {
  return v.replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=(\s+(?==\?))?/g, (all, cs, enc, text) => {
    assert.match(cs, /^utf-8$/i, 'encoded words are UTF-8');
    if (enc.toUpperCase() === 'B') return Buffer.from(text, 'base64').toString('utf8');
    return Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9A-Fa-f]{2})/g,
      (x, h) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8');
  });
}

function parseHeaders(block) {
  const unfolded = block.replace(/\r\n[ \t]+/g, ' ');
  const headers = {};
  for (const line of unfolded.split('\r\n')) {
    const i = line.indexOf(':');
    if (i <= 0) continue;
    const k = line.slice(0, i).trim().toLowerCase();
    (headers[k] = headers[k] || []).push(line.slice(i + 1).trim());
  }
  return headers;
}

function decodeBody(headers, body) {
  const cte = ((headers['content-transfer-encoding'] || [''])[0]).toLowerCase();
  if (cte === 'base64') {
    assert.match(body.replace(/\r\n/g, ''), /^[A-Za-z0-9+/=]*$/, 'base64 body');
    for (const l of body.split('\r\n')) assert.ok(l.length <= 76, 'base64 lines of 76 at most');
    return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  }
  if (cte === 'quoted-printable')
    return Buffer.from(body.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/gi,
      (x, h) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8');
  return Buffer.from(body, 'latin1').toString('utf8');
}

/** Parse a raw message: { headers: {name: [values]}, subject (decoded),
 * text, html, parts: [{ type, body }] }. */
export function parseMail(rawMsg) {
  const end = rawMsg.indexOf('\r\n\r\n');
  assert.ok(end > 0, 'message has a header block');
  const headers = parseHeaders(rawMsg.slice(0, end));
  const body = rawMsg.slice(end + 4);
  const ctype = (headers['content-type'] || ['text/plain'])[0];
  const parts = [];
  const bm = /boundary="?([^";]+)"?/i.exec(ctype);
  if (/^multipart\//i.test(ctype)) {
    assert.ok(bm, 'multipart message names its boundary');
    const pieces = body.split(`--${bm[1]}`);
    assert.ok(pieces.length >= 3, 'multipart body has parts');
    assert.match(pieces[pieces.length - 1], /^--/, 'multipart body has the closing boundary');
    for (const piece of pieces.slice(1, -1)) {
      const p = piece.replace(/^\r\n/, '');
      const e = p.indexOf('\r\n\r\n');
      const ph = parseHeaders(p.slice(0, e));
      parts.push({ type: (ph['content-type'] || ['text/plain'])[0], headers: ph,
        body: decodeBody(ph, p.slice(e + 4).replace(/\r\n$/, '')) });
    }
  } else {
    parts.push({ type: ctype, headers, body: decodeBody(headers, body) });
  }
  const find = (t) => (parts.find((p) => p.type.toLowerCase().startsWith(t)) || {}).body;
  return {
    headers,
    header: (n) => (headers[n.toLowerCase()] || [])[0],
    subject: decodeHeader((headers.subject || [''])[0]),
    rawSubject: (headers.subject || [''])[0],
    text: find('text/plain'),
    html: find('text/html'),
    parts,
  };
}

/** Run the worker until a message for addr is in the sink; returns it parsed
 * (the last one for addr) together with the raw form. */
export async function mailFor(sink, addr, { count = 1 } = {}) {
  for (let i = 0; i < 20; i++) {
    if (sink.to(addr).length >= count) break;
    await sendMail();
    if (sink.to(addr).length >= count) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const got = sink.to(addr);
  assert.ok(got.length >= count, `mail for ${addr} arrived in the SMTP sink`);
  const m = got[got.length - 1];
  return { ...parseMail(m.raw), raw: m.raw, envelope: m };
}

/** The first link to the site in a text. */
export function linkIn(text, pathPrefix) {
  const re = new RegExp(`${BASE.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(${pathPrefix}[^\\s"<>]*)`);
  const m = re.exec(text || '');
  return m ? m[1] : null;
}

// ------------------------------------------------------------------ logs

/** Lines of the program logs ($VT_STATE/log/<program>.log) that tell of a
 * crash or an internal error. */
export function badLogLines() {
  const out = [];
  const dir = join(STATE, 'log');
  for (const f of readdirSync(dir)) {
    const path = join(dir, f);
    if (!statSync(path).isFile()) continue;
    const program = /^(portal|knowledge|catalog|tickets|admin)\.log$/.test(f);
    const web = /^(nginx-error|apache-error)\.log$/.test(f);
    if (!program && !web) continue;
    for (const line of readFileSync(path, 'utf8').split('\n')) {
      if (program && /segfault|signal|core dumped|worker \d+ ended|sanitizer|\b(error|crit|alert|emerg)( req=\w+)?:/i.test(line))
        out.push(`${f}: ${line}`);
      if (web && /prematurely closed|reset by peer|segfault|AH01067|AH01075|AH01068|AH01070/i.test(line))
        out.push(`${f}: ${line}`);
    }
  }
  return out;
}
