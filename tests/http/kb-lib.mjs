// kb-lib.mjs - helpers shared by the knowledge-base HTTP tests (20-23):
// the demo articles as the tests know them, people with each role, search
// calls, reading result lists, the editor's form (read back, change, post
// as multipart with files), waiting for the search vocabulary to refresh.
// Builds on lib.mjs (which it never changes). Node 18+.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomInt } from 'node:crypto';
import http from 'node:http';
import { join } from 'node:path';
import {
  BASE, BASE_URL, BIN, Client, createUser, decode, forms, q, rnd, signedIn, sql, tags, textOf,
} from './lib.mjs';

// ------------------------------------------------------------------ demo data

/** Demo articles readable only when signed in (visibility users). */
export const USERS_ONLY = ['shared-drive-locations', 'staff-wifi-details', 'vpn-connection-details',
  'rutas-unidades-compartidas', 'datos-wifi-personal', 'datos-de-conexion-vpn'];
/** Demo articles for staff only (visibility internal). */
export const INTERNAL = ['restart-print-queue', 'unlock-account-in-directory',
  'reiniciar-cola-de-impresion', 'desbloquear-cuenta-en-directorio'];
/** Demo articles written in one language only (no translation either way). */
export const SINGLE_LANGUAGE = { 'configurar-firma-correo': 'es', 'pedir-segundo-monitor': 'es',
  'battery-health-check': 'en', 'using-the-password-manager': 'en' };

let demoCache = null;

/** The demo articles: Map slug -> { id, slug, language, family, visibility,
 * category, status, title } (family = id of the original). Read once. */
export async function demo() {
  if (demoCache) return demoCache;
  const rows = await sql('SELECT a.id, a.slug, a.language, COALESCE(a.translation_of, a.id),' +
    " a.visibility, COALESCE(c.slug, ''), a.status, a.title FROM kb_articles a" +
    ' LEFT JOIN kb_categories c ON c.id = a.category_id');
  demoCache = new Map(rows.map(([id, slug, language, family, visibility, category, status, title]) =>
    [slug, { id: Number(id), slug, language, family: Number(family), visibility, category, status, title }]));
  for (const s of [...USERS_ONLY, ...INTERNAL, ...Object.keys(SINGLE_LANGUAGE)])
    assert.ok(demoCache.has(s), `demo article ${s} is loaded (run \`ventanilla demo\`)`);
  return demoCache;
}

/** The path of a demo article: /kb/a/<id>-<slug>. */
export async function pathOf(slug) {
  const a = (await demo()).get(slug);
  assert.ok(a, `article ${slug} exists`);
  return `/kb/a/${a.id}-${a.slug}`;
}

// ------------------------------------------------------------------ people

/** Fresh accounts for one test file, created with the CLI (no demo password
 * guessing, nothing shared with other files). Signs each in once, lazily.
 * kinds: requester, agent, editor, admin. */
export function people(tag) {
  const roles = { requester: 'requester', agent: 'requester,agent', editor: 'requester,editor',
    admin: 'requester,admin' };
  const made = {};
  return {
    async user(kind) {
      if (!made[kind]) made[kind] = createUser({ tag: `kb${kind.slice(0, 3)}`, roles: roles[kind],
        name: `KB ${kind} ${tag}`, lang: 'en' });
      return made[kind];
    },
    async client(kind) {
      const key = `c_${kind}`;
      if (!made[key]) made[key] = this.user(kind).then((u) => signedIn(u, { lang: 'en' }));
      return made[key];
    },
  };
}

// ------------------------------------------------------------------ search

/** GET /api/v1/kb/search as client c (anonymous when null); returns the
 * parsed array, asserting a 200 JSON answer. */
export async function apiSearch(c, query, params = {}) {
  const u = new URLSearchParams({ q: query, ...params });
  const r = await (c || new Client({ lang: 'en' })).get(`/api/v1/kb/search?${u}`);
  assert.equal(r.status, 200, `search API for ${JSON.stringify(query)}: status`);
  assert.match(r.headers.get('content-type') || '', /^application\/json/);
  const hits = r.json();
  assert.ok(Array.isArray(hits), 'search API answers an array');
  return hits;
}

/** The article slug of a result URL (absolute or not): ".../kb/a/12-slug?s=3" -> "slug". */
export function slugOfUrl(url) {
  const m = /\/kb\/a\/(\d+)-([a-z0-9-]+)/.exec(url || '');
  return m ? m[2] : null;
}

/** The article id of a result URL. */
export function idOfUrl(url) {
  const m = /\/kb\/a\/(\d+)/.exec(url || '');
  return m ? Number(m[1]) : null;
}

/** Result links of an HTML search page (/kb/search or /search): [{ href,
 * slug, id, s (search id or null), title }]. */
export function resultLinks(page) {
  const out = [];
  for (const m of page.matchAll(/<(h2|h3) class="result-title"><a ([^>]*)>([\s\S]*?)<\/a>/g)) {
    const a = tags(`<a ${m[2]}>`, 'a')[0];
    const u = new URL(a.href, BASE + '/');
    out.push({ href: a.href, slug: slugOfUrl(a.href), id: idOfUrl(a.href), s: u.searchParams.get('s'),
      title: textOf(m[3]), lang: a.lang || null });
  }
  return out;
}

/** Hrefs of every link to an article in some HTML. */
export function articleLinks(page) {
  return tags(page, 'a').map((a) => a.href).filter((h) => h && /^\/kb\/a\/\d+/.test(h));
}

/** The slugs of every article linked from some HTML. */
export function linkedSlugs(page) {
  return articleLinks(page).map(slugOfUrl);
}

/** The "N results" line of /kb/search (0 when the page says there are none). */
export function resultCount(page, t) {
  const m = /<p class="meta" role="status">([\s\S]*?)<\/p>/.exec(page);
  if (!m) return 0;
  const s = textOf(m[1]);
  if (s === t['kb.one_result']) return 1;
  const n = /^(\d+) /.exec(s);
  assert.ok(n, `result count line: ${s}`);
  return Number(n[1]);
}

/** The per-topic counts on /kb/: { slug: number }. */
export function topicCounts(page) {
  const out = {};
  for (const m of page.matchAll(/<a class="card" href="\/kb\/c\/([a-z0-9-]+)">[\s\S]*?<span class="count">(\d+) /g))
    out[m[1]] = Number(m[2]);
  return out;
}

// ------------------------------------------------------------------ editor form

/** The values the edit form of page would post: { name: value | [values] }
 * (checkboxes only when checked, selects their selected option, textarea
 * text decoded). Buttons and the file field are left out. */
export function formValues(page, action) {
  const f = forms(page, action)[0];
  assert.ok(f, `a form posting to ${action}`);
  const out = {};
  const put = (k, v) => {
    if (k in out) out[k] = [].concat(out[k], v);
    else out[k] = v;
  };
  for (const i of tags(f.html, 'input')) {
    if (!i.name || ['submit', 'file', 'button'].includes(i.type)) continue;
    if ((i.type === 'checkbox' || i.type === 'radio') && !i.checked) continue;
    put(i.name, i.value === true ? '' : (i.value ?? ''));
  }
  for (const m of f.html.matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/gi)) {
    const s = tags(`<select${m[1]}>`, 'select')[0];
    const opts = tags(m[2], 'option');
    const sel = opts.find((o) => o.selected) || opts[0];
    if (s.name && sel) put(s.name, sel.value ?? '');
  }
  for (const m of f.html.matchAll(/<textarea\b([^>]*)>([\s\S]*?)<\/textarea>/gi)) {
    const t = tags(`<textarea${m[1]}>`, 'textarea')[0];
    if (t.name) put(t.name, decode(m[2]));
  }
  return out;
}

/** Fields as [k, v] pairs (arrays become repeated keys; undefined dropped). */
export function pairs(fields) {
  const out = [];
  for (const [k, v] of Object.entries(fields)) {
    if (v === undefined || v === null) continue;
    for (const x of [].concat(v)) out.push([k, String(x)]);
  }
  return out;
}

/** POST fields (and files: [{ name, filename, type, data (Buffer|string) }])
 * as multipart/form-data, the way the editor's form is sent. csrf: true =
 * the client's token, false = none. */
export async function postMultipart(c, path, fields, { files = [], csrf = true } = {}) {
  const fd = new FormData();
  for (const [k, v] of pairs(fields)) fd.append(k, v);
  if (csrf === true) fd.append('csrf', await c.csrf());
  else if (typeof csrf === 'string') fd.append('csrf', csrf);
  for (const f of files)
    fd.append(f.name || 'file', new Blob([f.data], { type: f.type || 'application/octet-stream' }), f.filename);
  return c.request(path, { method: 'POST', body: fd });
}

/** Letters-only made-up word of n letters (no digits: typo tests need words
 * the stemmers and the corrector treat as ordinary words). */
export function word(n = 10) {
  const cons = 'bcdfgjklmnprstvz';
  const vow = 'aeiou';
  let w = '';
  for (let i = 0; i < n; i++) w += i % 2 ? vow[randomInt(vow.length)] : cons[randomInt(cons.length)];
  return w;
}

/** A new article as an editor: POST /kb/edit/new; returns { id, slug, res }.
 * Defaults: English how-to, public, draft (action save). */
export async function createArticle(c, fields = {}, opts = {}) {
  const slug = fields.slug || `t-${word(6)}-${rnd(6)}`;
  const all = { title: `Test article ${slug}`, body: `Body of ${slug}.`, category_id: '0', type: 'howto',
    language: 'en', translation_of: '0', tags: '', keywords: '', visibility: 'public', owner_id: '0',
    review_by: '', note: '', action: 'save', ...fields, slug };
  const r = await postMultipart(c, '/kb/edit/new', all, opts);
  assert.equal(r.status, 303, `article ${slug} created (status ${r.status}${r.status !== 303 ? `: ${textOf(r.text).slice(0, 400)}` : ''})`);
  const m = /^\/kb\/edit\/a\/(\d+)\?saved=1$/.exec(new URL(r.headers.get('location'), BASE + '/').pathname +
    new URL(r.headers.get('location'), BASE + '/').search);
  assert.ok(m, `redirect to the saved article: ${r.headers.get('location')}`);
  return { id: Number(m[1]), slug, res: r };
}

/** Change an article as an editor: reads its form, overrides fields, posts.
 * Returns the response (303 on success). */
export async function updateArticle(c, id, fields = {}, opts = {}) {
  const page = await c.get(`/kb/edit/a/${id}`);
  assert.equal(page.status, 200, `edit page of article ${id}`);
  const current = formValues(page.text, `/kb/edit/a/${id}`);
  delete current.csrf;
  return postMultipart(c, `/kb/edit/a/${id}`, { ...current, note: '', action: 'save', ...fields }, opts);
}

/** Article row fields straight from the database. */
export async function articleRow(id) {
  const r = await sql('SELECT status, version, views, helpful_yes, helpful_no, visibility, title, slug' +
    ` FROM kb_articles WHERE id = ${Number(id)}`);
  if (!r.length) return null;
  const [status, version, views, yes, no, visibility, title, slug] = r[0];
  return { status, version: Number(version), views: Number(views), yes: Number(yes), no: Number(no),
    visibility, title, slug };
}

/** Id of the article with that slug, or null. */
export async function idOfSlug(slug) {
  const r = await sql(`SELECT id FROM kb_articles WHERE slug = ${q(slug)}`);
  return r.length ? Number(r[0][0]) : null;
}

// ------------------------------------------------------------------ waiting

/** Call fn every interval ms until it returns a truthy value or timeout
 * passes; returns the last value (falsy on timeout). */
export async function waitFor(fn, { timeout = 20000, interval = 500 } = {}) {
  const end = Date.now() + timeout;
  for (;;) {
    const v = await fn();
    if (v || Date.now() >= end) return v;
    await new Promise((r) => setTimeout(r, interval));
  }
}

/** Knowledge workers keep readers' article pages for up to a second after
 * a change (memory.c); wait that long before checking what readers see. */
export async function readersCatchUp() {
  await new Promise((r) => setTimeout(r, 1100));
}

// ------------------------------------------------------------------ files

/** A valid 1x1 PNG. */
export const PNG_1x1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64');

// ------------------------------------------------------------------ another address

/** A request as client c would send it, but from another local address
 * (127.0.0.0/8 is all loopback on Linux, so the server sees addr as the
 * client address). opts: method, headers, body (string). Returns
 * { status, headers, text }. */
export function fromAddress(c, addr, path, { method = 'GET', headers = {}, body } = {}) {
  return new Promise((resolve, reject) => {
    const h = { ...c.headers, ...headers };
    if (c.jar.size) h.cookie = c.cookieHeader();
    if (body !== undefined) h['content-length'] = Buffer.byteLength(body);
    const req = http.request({ host: BASE_URL.hostname, port: Number(BASE_URL.port), path, method,
      headers: h, localAddress: addr }, (res) => {
      const chunks = [];
      res.on('data', (d) => chunks.push(d));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers,
        text: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

/** The Markdown of an article (or of one of its versions), exactly: read as
 * hex because lib.mjs's sql() splits rows on line breaks. */
export async function bodyOf(id, version) {
  const hex = version === undefined
    ? await sql(`SELECT HEX(body_md) FROM kb_articles WHERE id = ${Number(id)}`)
    : await sql(`SELECT HEX(body_md) FROM kb_versions WHERE article_id = ${Number(id)} AND version = ${Number(version)}`);
  return hex.length ? Buffer.from(hex[0][0], 'hex').toString('utf8') : null;
}

// ------------------------------------------------------------------ the CLI

/** Run `ventanilla ARGS...` and return { code, stdout, stderr } whatever the
 * exit code (lib.mjs's ventanilla() throws on failure). */
export function cli(args) {
  return new Promise((resolve, reject) => {
    execFile(join(BIN, 'ventanilla'), args, { maxBuffer: 16 << 20 }, (err, stdout, stderr) => {
      if (err && typeof err.code !== 'number') reject(err);
      else resolve({ code: err ? err.code : 0, stdout, stderr });
    });
  });
}
