// tickets-lib.mjs - what the tickets tests share on top of lib.mjs: multipart
// bodies built byte by byte (file names and malformed bodies under our
// control), reporting a ticket in two steps, the demo topics and teams from
// the database, agents in teams, and small readers of the ticket pages.
// Node 18+: only node: modules and the global fetch.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { BASE, createUser, mainOf, q, sql, sqlValue, textOf } from './lib.mjs';

// ------------------------------------------------------------------ multipart

/** A multipart/form-data body. parts: [[name, value]] where value is a
 * string or { filename, data (Buffer|string), type }. Returns { body, type }. */
export function multipart(parts, boundary = `----vt${randomBytes(12).toString('hex')}`) {
  const chunks = [];
  for (const [name, v] of parts) {
    chunks.push(Buffer.from(`--${boundary}\r\n`));
    if (v !== null && typeof v === 'object' && !Buffer.isBuffer(v)) {
      const fn = String(v.filename).replace(/"/g, '%22');
      chunks.push(Buffer.from(`Content-Disposition: form-data; name="${name}"; filename="${fn}"\r\n` +
        `Content-Type: ${v.type || 'application/octet-stream'}\r\n\r\n`));
      chunks.push(Buffer.isBuffer(v.data) ? v.data : Buffer.from(String(v.data)));
    } else {
      chunks.push(Buffer.from(`Content-Disposition: form-data; name="${name}"\r\n\r\n`));
      chunks.push(Buffer.isBuffer(v) ? v : Buffer.from(String(v)));
    }
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), type: `multipart/form-data; boundary=${boundary}` };
}

/** POST a multipart form with client c (csrf: true = the right token, false =
 * none, string = that token), like Client.post. */
export async function postMultipart(c, path, parts, { csrf = true, headers = {} } = {}) {
  const all = [...parts];
  if (csrf === true) all.unshift(['csrf', await c.csrf()]);
  else if (typeof csrf === 'string') all.unshift(['csrf', csrf]);
  const mp = multipart(all);
  return c.request(path, { method: 'POST', headers: { 'content-type': mp.type, ...headers }, body: mp.body });
}

// ------------------------------------------------------------------ files

/** A valid 1x1 PNG (with extra bytes in a comment chunk to make it unique). */
export function png(tag = '') {
  const crc = (buf) => {
    let c;
    let crcv = 0xffffffff;
    for (const b of buf) {
      c = (crcv ^ b) & 0xff;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcv = (crcv >>> 8) ^ c;
    }
    return (crcv ^ 0xffffffff) >>> 0;
  };
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const c = Buffer.alloc(4);
    c.writeUInt32BE(crc(td));
    return Buffer.concat([len, td, c]);
  };
  const ihdr = Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0]);
  const idat = Buffer.from('789c63600000000200015e2cf4ab', 'hex'); // zlib of [0, 0]
  return Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), chunk('IHDR', ihdr),
    chunk('tEXt', Buffer.from(`Comment\0${tag}`, 'latin1')), chunk('IDAT', idat), chunk('IEND', Buffer.alloc(0))]);
}

// ------------------------------------------------------------------ demo data

let topicCache = null;

/** The ticket topics: { slug: { id, groupId, team } }. */
export async function topics() {
  if (!topicCache) {
    topicCache = {};
    for (const [slug, id, gid, team] of await sql('SELECT c.slug, c.id, c.group_id, g.name' +
      ' FROM ticket_categories c LEFT JOIN `groups` g ON g.id = c.group_id'))
      topicCache[slug] = { id: Number(id), groupId: gid === null ? null : Number(gid), team };
    for (const s of ['broken', 'access', 'network', 'hardware', 'question'])
      assert.ok(topicCache[s], `demo topic ${s} exists (run \`ventanilla demo\`)`);
  }
  return topicCache;
}

/** The id of a topic's extra field by its English label. */
export async function fieldId(slug, labelEn) {
  const id = await sqlValue('SELECT f.id FROM ticket_fields f JOIN ticket_categories c ON' +
    ` c.id = f.category_id WHERE c.slug = ${q(slug)} AND f.label_en = ${q(labelEn)}`);
  assert.ok(id, `demo field "${labelEn}" of ${slug}`);
  return Number(id);
}

/** The id of a team. */
export async function teamId(name) {
  const id = await sqlValue(`SELECT id FROM \`groups\` WHERE name = ${q(name)}`);
  assert.ok(id, `team ${name} exists`);
  return Number(id);
}

/** A fresh agent (roles requester,agent unless given) in the named teams. */
export async function createAgent({ tag = 'agent', teams = [], roles = 'requester,agent', name } = {}) {
  const u = await createUser({ tag, roles, name });
  for (const t of teams)
    await sql(`INSERT INTO user_groups (user_id, group_id) VALUES (${u.id}, ${await teamId(t)})`);
  return u;
}

// ------------------------------------------------------------------ tickets

/** "T-000123" for id 123. */
export function number(id) {
  return `T-${String(id).padStart(6, '0')}`;
}

/** How many tickets there are (all requesters). */
export async function ticketCount() {
  return Number(await sqlValue('SELECT COUNT(*) FROM tickets'));
}

/** The ticket row as an object (strings; NULL as null). */
export async function ticketRow(id) {
  const cols = ['id', 'requester_id', 'category_id', 'group_id', 'assignee_id', 'subject', 'status',
    'priority', 'impact', 'urgency', 'rating', 'rating_comment', 'first_response_at', 'resolved_at'];
  const rows = await sql(`SELECT ${cols.join(', ')} FROM tickets WHERE id = ${Number(id)}`);
  assert.equal(rows.length, 1, `ticket ${id} in the database`);
  return Object.fromEntries(cols.map((c, i) => [c, rows[0][i]]));
}

/** The fields of a step-2 report as multipart parts. */
export async function reportParts({ subject, topic = 'question', body = 'It does not work.',
  impact = 3, urgency = 3, fields = {}, files = [], step = 2, extra = [] }) {
  const t = (await topics())[topic];
  const parts = [['step', String(step)], ['subject', subject], ['category', String(t ? t.id : topic)]];
  if (step === 2) {
    parts.push(['body', body], ['impact', String(impact)], ['urgency', String(urgency)]);
    for (const [label, value] of Object.entries(fields))
      parts.push([`field_${await fieldId(topic, label)}`, value]);
    for (const f of files) parts.push(['files', f]);
  }
  return [...parts, ...extra];
}

/** Report a ticket as client c (step 2 of the form); asserts the 303 to the
 * new ticket and returns { id, number, path, res }. */
export async function report(c, opts) {
  const r = await postMultipart(c, '/tickets/new', await reportParts(opts));
  assert.equal(r.status, 303, `ticket created (status ${r.status}): ${textOf(mainOf(r.text)).slice(0, 300)}`);
  const loc = r.headers.get('location') || '';
  const m = /\/tickets\/(T-(\d{6,}))\?created=1$/.exec(loc);
  assert.ok(m, `redirect to the new ticket: ${loc}`);
  return { id: Number(m[2]), number: m[1], path: `/tickets/${m[1]}`, res: r };
}

/** Insert a ticket directly (fast setup for queue and visibility tests):
 * createdAgo / updatedAgo in minutes before now. Returns { id, number, path }. */
export async function insertTicket({ requester, topic = 'question', subject, status = 'new', priority = 3,
  assignee = null, group, body = 'Inserted for a test.', createdAgo = 0, updatedAgo = 0 }) {
  const t = (await topics())[topic];
  const gid = group === undefined ? t.groupId : group;
  await sql('INSERT INTO tickets (requester_id, category_id, group_id, assignee_id, subject, status,' +
    ` priority, created_at, updated_at) VALUES (${requester.id}, ${t.id}, ${gid === null ? 'NULL' : gid},` +
    ` ${assignee ? assignee.id : 'NULL'}, ${q(subject)}, ${q(status)}, ${priority},` +
    ` UTC_TIMESTAMP() - INTERVAL ${Number(createdAgo)} MINUTE, UTC_TIMESTAMP() - INTERVAL ${Number(updatedAgo)} MINUTE)`);
  const id = Number(await sqlValue(`SELECT MAX(id) FROM tickets WHERE subject = ${q(subject)}`));
  await sql('INSERT INTO ticket_messages (ticket_id, author_id, kind, body) VALUES' +
    ` (${id}, ${requester.id}, 'public', ${q(body)})`);
  return { id, number: number(id), path: `/tickets/${number(id)}` };
}

/** The rows of the work queue: [{ number, subject, status, priority, requester, assignee }]. */
export function queueRows(page) {
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(page);
  if (!body) return [];
  return [...body[1].matchAll(/<tr\b[^>]*>([\s\S]*?)<\/tr>/g)].map((m) => {
    const cells = [...m[1].matchAll(/<td\b[^>]*>([\s\S]*?)<\/td>/g)].map((x) => textOf(x[1]));
    return { number: cells[0], subject: cells[1], status: cells[2], priority: cells[3], requester: cells[4],
      assignee: cells[5], html: m[1] };
  });
}

// ------------------------------------------------------------------ reading ticket pages

/** The messages of a ticket page: [{ kind: 'public'|'internal', text, html }]. */
export function messages(page) {
  const ol = /<ol class="plain messages">([\s\S]*?)<\/ol>/.exec(page);
  if (!ol) return [];
  return [...ol[1].matchAll(/<li class="message([^"]*)"[^>]*>([\s\S]*?)<\/li>/g)]
    .map((m) => ({ kind: /\binternal\b/.test(m[1]) ? 'internal' : 'public', text: textOf(m[2]), html: m[2] }));
}

/** The history entries of a ticket page (texts). */
export function history(page) {
  const ol = /<ol class="plain history">([\s\S]*?)<\/ol>/.exec(page);
  return ol ? [...ol[1].matchAll(/<li>([\s\S]*?)<\/li>/g)].map((m) => textOf(m[1])) : [];
}

/** The status word shown on a ticket page. */
export function statusShown(page) {
  const m = /<span class="status s-([a-z]+)">/.exec(mainOf(page));
  return m ? m[1] : null;
}

/** The file links of a ticket page: [{ href, name }]. */
export function fileLinks(page) {
  return [...mainOf(page).matchAll(/<p class="file"><a href="([^"]*)">([\s\S]*?)<\/a>/g)]
    .map((m) => ({ href: m[1], name: textOf(m[2]) }));
}

/** The details list (dt → dd) of a ticket page. */
export function details(page) {
  const dl = /<dl class="facts">([\s\S]*?)<\/dl>/.exec(page);
  const out = {};
  if (dl) for (const m of dl[1].matchAll(/<dt>([\s\S]*?)<\/dt><dd>([\s\S]*?)<\/dd>/g)) out[textOf(m[1])] = textOf(m[2]);
  return out;
}

/** Fetch a file as raw bytes (fetch's text() would mangle binary data). */
export async function download(c, path) {
  const res = await fetch(BASE + path,
    { headers: { cookie: c.cookieHeader() }, redirect: 'manual' });
  return { status: res.status, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) };
}
