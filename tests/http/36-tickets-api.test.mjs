// 36-tickets-api.test.mjs - the tickets API with personal tokens, and outgoing
// webhooks: tokens made, listed and revoked on /account (and by an admin),
// stored as hashes; Authorization: Bearer on /api/ only, acting as its owner
// with the same rules as the pages; wrong, expired, revoked tokens and
// disabled accounts get 401, failures are throttled; list with filters and
// pages, create (channel "api"), read, reply, update as requester and agent;
// 404 for tickets one may not see; JSON body refusals; CSRF for cookies but
// not for tokens. Webhooks: the admin page, a signed POST to a local receiver
// after `ventanilla worker --once`, no internal notes, retries with backoff
// (the test moves next_attempt_at back), failure after the last attempt.
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import http from 'node:http';
import { after, before, test } from 'node:test';
import {
  BASE, clearThrottle, createUser, eventName, input, mainOf, q, rnd, sha256hex, signedIn, sql, sqlValue,
  startSmtpSink, T, tags, textOf, ventanilla,
} from './lib.mjs';
import { createAgent, fieldId, messages, report, ticketCount, ticketRow, topics } from './tickets-lib.mjs';

const en = T('en');
const tag = rnd(8);
const TOKEN = /^vt_[0-9a-f]{64}$/;
let tp, me, other, agent, admin, mc, oc, ac, adm, sink;
let meToken, otherToken, agentToken;

/** A request with an API token (or none); body objects are sent as JSON. */
async function api(token, method, path, body, headers = {}) {
  const h = { ...headers };
  if (token) h.authorization = `Bearer ${token}`;
  let payload = body;
  if (body !== undefined && typeof body !== 'string' && !Buffer.isBuffer(body)) {
    payload = JSON.stringify(body);
    if (!('content-type' in h)) h['content-type'] = 'application/json';
  } else if (body !== undefined && !('content-type' in h)) {
    h['content-type'] = 'application/json';
  }
  const res = await fetch(BASE + path, { method, headers: h, body: payload, redirect: 'manual' });
  const text = await res.text();
  let json = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = null;
  }
  return { status: res.status, headers: res.headers, text, json };
}

/** Make a token on /account as client c; returns { token, id } (asserts the page shows it once). */
async function makeToken(c, name, days = '90') {
  const r = await c.post('/account/tokens', { token_name: name, expires_days: days });
  assert.equal(r.status, 200, `token created (status ${r.status})`);
  const shown = tags(r.text, 'input').find((t) => t.id === 'new-token');
  assert.ok(shown, 'the new token is shown');
  assert.match(shown.value, TOKEN);
  const id = await sqlValue(`SELECT id FROM api_tokens WHERE token_hash = UNHEX(${q(sha256hex(shown.value))})`);
  assert.ok(id, 'stored by its SHA-256');
  return { token: shown.value, id: Number(id) };
}

before(async () => {
  tp = await topics();
  await clearThrottle();
  me = await createUser({ tag: 'apime', lang: 'en' });
  other = await createUser({ tag: 'apioth', lang: 'en' });
  agent = await createAgent({ tag: 'apiag', teams: ['Service Desk'], name: `API Agent ${tag}` });
  admin = await createUser({ tag: 'apiadm', roles: 'requester,admin', name: `API Admin ${tag}` });
  [mc, oc, ac, adm] = await Promise.all([signedIn(me), signedIn(other), signedIn(agent), signedIn(admin)]);
  meToken = (await makeToken(mc, `Main ${tag}`)).token;
  otherToken = (await makeToken(oc, `Other ${tag}`)).token;
  agentToken = (await makeToken(ac, `Agent ${tag}`)).token;
  sink = await startSmtpSink();
});

after(async () => {
  if (sink) await sink.close();
  await clearThrottle();
});

test('tokens on /account: made with a name and expiry, shown once, listed, stored only as a hash, revoked', async () => {
  let r = await mc.post('/account/tokens', { token_name: `Script ${tag}`, expires_days: '30' });
  assert.equal(r.status, 200);
  const tok = tags(r.text, 'input').find((t) => t.id === 'new-token').value;
  assert.match(tok, TOKEN);
  assert.ok(textOf(mainOf(r.text)).includes(en['tokens.copy_now']), 'told to copy it now');
  const row = (await sql('SELECT id, name, prefix, HEX(token_hash), expires_at > UTC_TIMESTAMP() + INTERVAL 29 DAY,' +
    ` expires_at < UTC_TIMESTAMP() + INTERVAL 31 DAY, last_used_at FROM api_tokens WHERE user_id = ${me.id}` +
    ` AND name = ${q(`Script ${tag}`)}`))[0];
  assert.deepEqual(row.slice(1), [`Script ${tag}`, tok.slice(0, 11), sha256hex(tok).toUpperCase(), '1', '1', null]);
  const [id] = row;
  // Nowhere in the database in clear.
  assert.equal(await sqlValue(`SELECT COUNT(*) FROM api_tokens WHERE name LIKE ${q(`%${tok.slice(3, 20)}%`)}` +
    ` OR prefix = ${q(tok)}`), '0');
  assert.equal(await sqlValue(`SELECT COUNT(*) FROM audit_log WHERE detail LIKE ${q(`%${tok.slice(12)}%`)}`), '0');
  // The account page lists it (name, prefix, created, never used, expiry), without the token.
  r = await mc.get('/account');
  assert.equal(r.status, 200);
  assert.ok(!r.text.includes(tok), 'never shown again');
  const listed = r.text.slice(r.text.indexOf('id="tokens"'));
  assert.ok(listed.includes(`Script ${tag}`) && listed.includes(tok.slice(0, 11)), 'listed by name and prefix');
  assert.ok(textOf(listed).includes(en['tokens.never_used']));
  const j = (await mc.get('/account', { headers: { accept: 'application/json' } })).json();
  const jt = j.Tokens.find((t) => t.name === `Script ${tag}`);
  assert.ok(jt.created && jt.expires, 'created and expiry in JSON');
  assert.ok(!JSON.stringify(j).includes(tok.slice(11)), 'no token in JSON');
  // Used: the owner acts through it; last use recorded, at most once a minute.
  r = await api(tok, 'GET', '/api/v1/tickets');
  assert.equal(r.status, 200);
  assert.ok(!r.headers.get('set-cookie'), 'no cookies for token requests');
  assert.ok(await sqlValue(`SELECT last_used_at FROM api_tokens WHERE id = ${id}`), 'last use recorded');
  await sql(`UPDATE api_tokens SET last_used_at = UTC_TIMESTAMP() - INTERVAL 30 SECOND, last_used_from = 'x'` +
    ` WHERE id = ${id}`);
  const before30 = await sqlValue(`SELECT last_used_at FROM api_tokens WHERE id = ${id}`);
  assert.equal((await api(tok, 'GET', '/api/v1/tickets')).status, 200);
  assert.equal(await sqlValue(`SELECT last_used_at FROM api_tokens WHERE id = ${id}`), before30,
    'not written again within a minute');
  await sql(`UPDATE api_tokens SET last_used_at = UTC_TIMESTAMP() - INTERVAL 2 MINUTE WHERE id = ${id}`);
  assert.equal((await api(tok, 'GET', '/api/v1/tickets')).status, 200);
  assert.equal(await sqlValue(`SELECT last_used_at > UTC_TIMESTAMP() - INTERVAL 10 SECOND FROM api_tokens WHERE id = ${id}`),
    '1', 'written again after a minute');
  assert.equal(await sqlValue(`SELECT last_used_from FROM api_tokens WHERE id = ${id}`), '127.0.0.1');
  // Someone else cannot revoke it.
  r = await oc.post(`/account/tokens/${id}/revoke`, {});
  assert.equal(r.status, 404);
  assert.equal((await api(tok, 'GET', '/api/v1/tickets')).status, 200, 'still works');
  // The owner revokes it: 401 from then on, and the list no longer shows it.
  r = await mc.post(`/account/tokens/${id}/revoke`, {});
  assert.equal(r.status, 303);
  assert.equal(r.headers.get('location'), '/account?revoked=1#tokens');
  r = await api(tok, 'GET', '/api/v1/tickets');
  assert.equal(r.status, 401, 'revoked token refused');
  r = await mc.get('/account?revoked=1');
  assert.ok(textOf(mainOf(r.text)).includes(en['tokens.revoked']));
  assert.ok(!r.text.includes(`Script ${tag}`));
  assert.equal((await mc.post(`/account/tokens/${id}/revoke`, {})).status, 404, 'twice: 404');
  // Audit: creation and revocation, under the owner's address.
  const acts = (await sql(`SELECT action, detail FROM audit_log WHERE target = ${q(me.email)}` +
    " AND action LIKE 'token.%' ORDER BY id")).map((x) => x[0]);
  assert.ok(acts.includes('token.create') && acts.includes('token.revoke'), acts.join());
  assert.equal(await sqlValue(`SELECT detail FROM audit_log WHERE target = ${q(me.email)} AND action = 'token.revoke'` +
    ' ORDER BY id DESC LIMIT 1'), `Script ${tag} (${tok.slice(0, 11)})`);
  // A name is needed; the expiry is one of the choices.
  r = await mc.post('/account/tokens', { token_name: '  ', expires_days: '30' });
  assert.equal(r.status, 422);
  assert.ok(!tags(r.text, 'input').some((t) => t.id === 'new-token'));
  r = await mc.post('/account/tokens', { token_name: 'x', expires_days: '99999' });
  assert.equal(r.status, 422);
  // Form token needed on the page's POSTs.
  r = await mc.post('/account/tokens', { token_name: `No csrf ${tag}` }, { csrf: false });
  assert.equal(r.status, 403);
  assert.equal(await sqlValue(`SELECT COUNT(*) FROM api_tokens WHERE name = ${q(`No csrf ${tag}`)}`), '0');
});

test('an admin sees and revokes anyone\'s tokens on /admin/users/<id>', async () => {
  const u = await createUser({ tag: 'apiadmtok' });
  const uc = await signedIn(u);
  const { token, id } = await makeToken(uc, `Bot ${tag}`, '0');
  let r = await adm.get(`/admin/users/${u.id}`);
  assert.equal(r.status, 200);
  const sect = r.text.slice(r.text.indexOf('id="tokens"'));
  assert.ok(sect.includes(`Bot ${tag}`) && sect.includes(token.slice(0, 11)));
  assert.ok(textOf(sect).includes(en['tokens.no_expiry']));
  assert.equal((await uc.post(`/admin/users/${u.id}/tokens/${id}/revoke`, {})).status, 403, 'not for non-admins');
  assert.equal((await adm.post(`/admin/users/${other.id}/tokens/${id}/revoke`, {})).status, 404,
    'not through another user');
  assert.equal((await api(token, 'GET', '/api/v1/tickets')).status, 200);
  r = await adm.post(`/admin/users/${u.id}/tokens/${id}/revoke`, {});
  assert.equal(r.status, 303);
  assert.equal((await api(token, 'GET', '/api/v1/tickets')).status, 401);
  assert.equal(await sqlValue(`SELECT revoked_by FROM api_tokens WHERE id = ${id}`), String(admin.id));
  assert.equal(await sqlValue(`SELECT actor_id FROM audit_log WHERE action = 'token.revoke' AND target = ${q(u.email)}`),
    String(admin.id));
  r = await adm.get(`/admin/users/${u.id}`);
  assert.ok(r.text.includes(eventName('token.revoke')), 'in the user\'s history');
});

test('wrong, expired, revoked tokens and disabled accounts: 401 JSON with WWW-Authenticate; failures throttled', async () => {
  await clearThrottle();
  const missing = await api(null, 'GET', '/api/v1/tickets');
  assert.equal(missing.status, 401, 'no token, no session');
  assert.match(missing.headers.get('www-authenticate') || '', /^Bearer\b/);
  for (const bad of ['nope', `vt_${'0'.repeat(64)}`, `${meToken}x`, meToken.toUpperCase(), `vt_${'g'.repeat(64)}`]) {
    const r = await api(bad, 'GET', '/api/v1/tickets');
    assert.equal(r.status, 401, bad);
    assert.match(r.headers.get('content-type'), /^application\/json/);
    assert.match(r.headers.get('www-authenticate'), /^Bearer realm="Ventanilla", error="invalid_token"$/);
    assert.equal(r.json.Status, '401');
    assert.equal(r.json.Message, en['api.bad_token']);
  }
  // Expired.
  const u = await createUser({ tag: 'apiexp' });
  const uc = await signedIn(u);
  const t1 = await makeToken(uc, `Exp ${tag}`, '30');
  assert.equal((await api(t1.token, 'GET', '/api/v1/tickets')).status, 200);
  await sql(`UPDATE api_tokens SET expires_at = UTC_TIMESTAMP() - INTERVAL 1 MINUTE WHERE id = ${t1.id}`);
  assert.equal((await api(t1.token, 'GET', '/api/v1/tickets')).status, 401, 'expired');
  const page = (await uc.get('/account')).text;
  assert.ok(textOf(page.slice(page.indexOf('id="tokens"'))).includes(en['tokens.expired']), 'shown as expired');
  // A disabled account's tokens stop working (the admin page turns it off).
  const t2 = await makeToken(uc, `Dis ${tag}`, '0');
  assert.equal((await api(t2.token, 'GET', '/api/v1/tickets')).status, 200);
  let r = await adm.post(`/admin/users/${u.id}`, { name: u.name });
  assert.equal(r.status, 303);
  assert.equal((await api(t2.token, 'GET', '/api/v1/tickets')).status, 401, 'disabled user');
  await adm.post(`/admin/users/${u.id}`, { name: u.name, active: '1' });
  assert.equal((await api(t2.token, 'GET', '/api/v1/tickets')).status, 200, 'enabled again');
  // Other schemes, and bearer tokens outside /api/, are not ours to judge.
  r = await api(null, 'GET', '/api/v1/tickets', undefined, { authorization: 'Basic eDp5' });
  assert.equal(r.status, 401);
  assert.equal(r.json.Message, en['error.login_needed']);
  r = await api(meToken, 'GET', '/tickets/');
  assert.equal(r.status, 303, 'pages want a session');
  assert.match(r.headers.get('location'), /^\/login/);
  // Failures from one address are counted like logins: then even a good token waits.
  await clearThrottle();
  const limit = 20;
  for (let i = 0; i < limit - 7; i++) assert.equal((await api(`vt_${rnd(64)}`, 'GET', '/api/v1/tickets')).status, 401);
  assert.equal(await sqlValue("SELECT COUNT(*) FROM throttle WHERE kind = 'token_address'"), String(limit - 7 + 0));
  await sql("INSERT INTO throttle (kind, subject, at) SELECT 'token_address', '127.0.0.1', UTC_TIMESTAMP()" +
    ' FROM users LIMIT 7');
  r = await api(meToken, 'GET', '/api/v1/tickets');
  assert.equal(r.status, 429, 'throttled');
  assert.equal(r.json.Message, en['api.throttled']);
  assert.ok(Number(r.headers.get('retry-after')) > 0);
  await clearThrottle();
  assert.equal((await api(meToken, 'GET', '/api/v1/tickets')).status, 200);
  assert.ok(Number(await sqlValue("SELECT COUNT(*) FROM audit_log WHERE action = 'token.failed'")) >= 5, 'failures audited');
});

test('requester: create (channel api, same rules as the form), read, list with filters and pages, reply, solve, reopen', async () => {
  const fid = await fieldId('hardware', 'Which device?');
  const before = await ticketCount();
  let r = await api(meToken, 'POST', '/api/v1/tickets', {
    subject: `API laptop ${tag}`, description: `Screen is black ${tag}`, category: tp.hardware.id,
    impact: 2, urgency: 1, fields: { [fid]: 'Laptop' },
  });
  assert.equal(r.status, 201, r.text);
  const num = r.json.T.number;
  assert.match(num, /^T-\d{6,}$/);
  assert.equal(r.headers.get('location'), `/api/v1/tickets/${num}`);
  assert.equal(r.json.T.channel, 'api');
  assert.equal(r.json.T.subject, `API laptop ${tag}`);
  assert.equal(r.json.T.status, 'new');
  assert.deepEqual(r.json.Messages.map((m) => m.body), [`Screen is black ${tag}`]);
  assert.deepEqual(r.json.Fields.map((f) => f.value), ['Laptop']);
  const id = Number(r.json.T.id);
  const row = await ticketRow(id);
  assert.deepEqual([row.requester_id, row.priority, row.impact, row.urgency, row.category_id],
    [String(me.id), '2', '2', '1', String(tp.hardware.id)]);
  assert.equal(await sqlValue(`SELECT channel FROM tickets WHERE id = ${id}`), 'api');
  assert.equal(await ticketCount(), before + 1);
  assert.equal(await sqlValue(`SELECT COUNT(*) FROM audit_log WHERE action = 'ticket.create' AND target = ${q(num)}`), '1');
  // The page shows it too.
  assert.ok((await mc.get(`/tickets/${num}`)).text.includes(`Screen is black ${tag}`));
  // Read it back, by number and by id.
  for (const p of [num, String(id), `T-${id}`]) {
    r = await api(meToken, 'GET', `/api/v1/tickets/${p}`);
    assert.equal(r.status, 200, p);
    assert.equal(r.json.T.number, num);
    assert.ok(!('requester_email' in r.json.T));
  }
  // The form's rules: a required field of the topic, a choice, limits, an unknown topic.
  r = await api(meToken, 'POST', '/api/v1/tickets', { subject: `API no device ${tag}`, description: 'x',
    category: tp.hardware.id });
  assert.equal(r.status, 422);
  assert.equal(r.json.Field, `fields.${fid}`);
  r = await api(meToken, 'POST', '/api/v1/tickets', { subject: `API bad device ${tag}`, description: 'x',
    category: tp.hardware.id, fields: { [fid]: 'Toaster' } });
  assert.equal(r.status, 422);
  assert.deepEqual(r.json.Errors.map((e) => e.field), [`fields.${fid}`]);
  r = await api(meToken, 'POST', '/api/v1/tickets', { description: 'x', category: tp.question.id });
  assert.equal(r.status, 422);
  assert.equal(r.json.Field, 'subject');
  assert.equal(r.json.Errors[0].message, en['form.required']);
  r = await api(meToken, 'POST', '/api/v1/tickets', { subject: 'x'.repeat(201), description: 'x', category: tp.question.id });
  assert.equal(r.status, 422);
  assert.equal(r.json.Field, 'subject');
  r = await api(meToken, 'POST', '/api/v1/tickets', { subject: `Long ${tag}`, description: 'y'.repeat(20001),
    category: tp.question.id });
  assert.equal(r.status, 422);
  assert.equal(r.json.Field, 'description');
  r = await api(meToken, 'POST', '/api/v1/tickets', { subject: `Nowhere ${tag}`, description: 'x', category: 999999999 });
  assert.equal(r.status, 422);
  assert.equal(r.json.Field, 'category');
  r = await api(meToken, 'POST', '/api/v1/tickets', { subject: `Impact ${tag}`, description: 'x', category: tp.question.id,
    impact: 7 });
  assert.equal(r.status, 422);
  assert.equal(r.json.Field, 'impact');
  assert.equal(await ticketCount(), before + 1, 'nothing else created');

  // The list: mine, filters, paging.
  const second = (await api(meToken, 'POST', '/api/v1/tickets', { subject: `API second ${tag}`, description: 'two',
    category: tp.question.id })).json.T.number;
  r = await api(meToken, 'GET', '/api/v1/tickets?state=all');
  assert.equal(r.status, 200);
  assert.equal(r.json.Scope, 'mine');
  let nums = r.json.Tickets.map((t) => t.number);
  assert.ok(nums.includes(num) && nums.includes(second));
  const item = r.json.Tickets.find((t) => t.number === num);
  assert.equal(item.channel, 'api');
  assert.match(item.updated_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  r = await api(meToken, 'GET', '/api/v1/tickets?state=all&limit=1');
  assert.equal(r.json.Tickets.length, 1);
  assert.equal(r.json.Limit, '1');
  assert.equal(r.json.Pager.Next, '2');
  const firstPage = r.json.Tickets[0].number;
  r = await api(meToken, 'GET', '/api/v1/tickets?state=all&limit=1&page=2');
  assert.equal(r.json.Tickets.length, 1);
  assert.notEqual(r.json.Tickets[0].number, firstPage, 'page 2 is another ticket');
  r = await api(meToken, 'GET', '/api/v1/tickets?status=resolved,closed');
  assert.deepEqual(r.json.Tickets, [], 'none solved: an empty list');
  r = await api(meToken, 'GET', '/api/v1/tickets?status=new');
  assert.ok(r.json.Tickets.every((t) => t.status === 'new') && r.json.Tickets.length >= 2);
  r = await api(meToken, 'GET', '/api/v1/tickets?state=all&updated_since=2999-01-01T00:00:00Z');
  assert.deepEqual(r.json.Tickets, []);
  const since = await sqlValue(`SELECT DATE_FORMAT(updated_at - INTERVAL 1 SECOND, '%Y-%m-%dT%H:%i:%sZ') FROM tickets WHERE id = ${id}`);
  r = await api(meToken, 'GET', `/api/v1/tickets?state=all&order=asc&updated_since=${since}`);
  nums = r.json.Tickets.map((t) => t.number);
  assert.deepEqual(nums.slice(0, 2), [num, second], 'oldest change first with order=asc');
  for (const bad of ['limit=0', 'limit=101', 'limit=x', 'status=bogus', 'status=new,', 'updated_since=yesterday',
    'updated_since=2026-13-01', 'state=bogus', 'order=up'])
    assert.equal((await api(meToken, 'GET', `/api/v1/tickets?${bad}`)).status, 400, bad);
  r = await api(meToken, 'GET', '/api/v1/tickets?scope=queue');
  assert.equal(r.status, 403, 'no queue for requesters');
  assert.equal(r.json.Field, 'scope');

  // Reply, solve, reopen.
  r = await api(meToken, 'POST', `/api/v1/tickets/${num}/replies`, { body: `More details ${tag}` });
  assert.equal(r.status, 201);
  assert.equal(r.headers.get('location'), `/api/v1/tickets/${num}`);
  assert.deepEqual(r.json.Messages.map((m) => m.body), [`Screen is black ${tag}`, `More details ${tag}`]);
  r = await api(meToken, 'POST', `/api/v1/tickets/${num}/replies`, { body: 'psst', internal: true });
  assert.equal(r.status, 403, 'requesters write no internal notes');
  assert.equal(r.json.Field, 'internal');
  r = await api(meToken, 'PATCH', `/api/v1/tickets/${num}`, { priority: 1 });
  assert.equal(r.status, 403);
  assert.equal(r.json.Field, 'priority');
  r = await api(meToken, 'PATCH', `/api/v1/tickets/${num}`, { status: 'closed' });
  assert.equal(r.status, 400);
  assert.equal(r.json.Field, 'status');
  r = await api(meToken, 'PATCH', `/api/v1/tickets/${num}`, { status: 'resolved' });
  assert.equal(r.status, 200);
  assert.equal(r.json.T.status, 'resolved');
  assert.equal((await ticketRow(id)).status, 'resolved');
  r = await api(meToken, 'PATCH', `/api/v1/tickets/${num}`, { status: 'open' });
  assert.equal(r.status, 200);
  assert.equal(r.json.T.status, 'open');
  assert.deepEqual((await sql(`SELECT old_value, new_value FROM ticket_events WHERE ticket_id = ${id} AND what = 'status'` +
    ' ORDER BY id')), [['new', 'resolved'], ['resolved', 'open']]);
  r = await api(meToken, 'PATCH', `/api/v1/tickets/${num}`, {});
  assert.equal(r.status, 400, 'nothing to change');
});

test('agent: the queue, internal notes requesters never see, changes with the same rules as the page', async () => {
  const desk = (await api(meToken, 'POST', '/api/v1/tickets', { subject: `API desk ${tag}`, description: `Desk body ${tag}`,
    category: tp.question.id })).json.T;
  const work = (await api(meToken, 'POST', '/api/v1/tickets', { subject: `API work ${tag}`, description: 'w',
    category: tp.hardware.id, fields: { [await fieldId('hardware', 'Which device?')]: 'Laptop' } })).json.T;
  let r = await api(agentToken, 'GET', `/api/v1/tickets?q=${encodeURIComponent(tag)}&state=all`);
  assert.equal(r.status, 200);
  assert.equal(r.json.Scope, 'queue', 'agents get their queue');
  const nums = r.json.Tickets.map((t) => t.number);
  assert.ok(nums.includes(desk.number), 'their team\'s ticket');
  assert.ok(!nums.includes(work.number), 'not another team\'s');
  r = await api(agentToken, 'GET', `/api/v1/tickets?q=${encodeURIComponent(tag)}&state=all&scope=mine`);
  assert.deepEqual(r.json.Tickets, [], 'their own requests: none');
  // Another team's ticket: 404, by number and by id, like a missing one.
  const missing = await api(agentToken, 'GET', '/api/v1/tickets/T-999999');
  assert.equal(missing.status, 404);
  for (const p of [work.number, work.id]) {
    r = await api(agentToken, 'GET', `/api/v1/tickets/${p}`);
    assert.equal(r.status, 404);
    assert.deepEqual(r.json, missing.json);
    assert.equal((await api(agentToken, 'PATCH', `/api/v1/tickets/${p}`, { status: 'closed' })).status, 404);
    assert.equal((await api(agentToken, 'POST', `/api/v1/tickets/${p}/replies`, { body: 'x', internal: true })).status, 404);
  }
  assert.equal((await ticketRow(work.id)).status, 'new');
  // An internal note and a public reply.
  const secret = `Internal only ${tag}`;
  r = await api(agentToken, 'POST', `/api/v1/tickets/${desk.number}/replies`, { body: secret, internal: true });
  assert.equal(r.status, 201);
  assert.ok(r.json.Messages.some((m) => m.kind === 'internal' && m.body === secret), 'agents see it');
  assert.equal(r.json.T.status, 'new', 'a note does not answer the requester');
  r = await api(agentToken, 'POST', `/api/v1/tickets/${desk.number}/replies`, { body: `Public answer ${tag}` });
  assert.equal(r.status, 201);
  assert.equal(r.json.T.status, 'open', 'a public answer opens it');
  r = await api(meToken, 'GET', `/api/v1/tickets/${desk.number}`);
  assert.ok(!r.text.includes(secret), 'the requester\'s JSON has no internal note');
  assert.deepEqual(r.json.Messages.map((m) => m.kind), ['public', 'public']);
  assert.ok(!messages((await mc.get(`/tickets/${desk.number}`)).text).some((m) => m.text.includes(secret)));
  // Changes: only what is sent changes; history recorded.
  r = await api(agentToken, 'PATCH', `/api/v1/tickets/${desk.number}`, { status: 'pending', priority: 2, assignee: agent.id });
  assert.equal(r.status, 200, r.text);
  let row = await ticketRow(desk.id);
  assert.deepEqual([row.status, row.priority, row.assignee_id, row.group_id],
    ['pending', '2', String(agent.id), String(tp.question.groupId)]);
  r = await api(agentToken, 'PATCH', `/api/v1/tickets/${desk.number}`, { priority: 1 });
  assert.equal(r.status, 200);
  row = await ticketRow(desk.id);
  assert.deepEqual([row.status, row.priority, row.assignee_id], ['pending', '1', String(agent.id)], 'the rest kept');
  r = await api(agentToken, 'PATCH', `/api/v1/tickets/${desk.number}`, { assignee: null });
  assert.equal(r.status, 200);
  assert.equal((await ticketRow(desk.id)).assignee_id, null, 'null unassigns');
  const whats = (await sql(`SELECT what FROM ticket_events WHERE ticket_id = ${desk.id} ORDER BY id`)).map((x) => x[0]);
  assert.ok(['status', 'priority', 'assignee'].every((w) => whats.includes(w)), whats.join());
  // The page's checks: who can be assigned, allowed values, types.
  r = await api(agentToken, 'PATCH', `/api/v1/tickets/${desk.number}`, { assignee: me.id });
  assert.equal(r.status, 422);
  assert.equal(r.json.Field, 'assignee');
  r = await api(agentToken, 'PATCH', `/api/v1/tickets/${desk.number}`, { status: 'bogus' });
  assert.equal(r.status, 422);
  assert.equal(r.json.Field, 'status');
  r = await api(agentToken, 'PATCH', `/api/v1/tickets/${desk.number}`, { priority: 9 });
  assert.equal(r.status, 422);
  assert.equal(r.json.Field, 'priority');
  r = await api(agentToken, 'PATCH', `/api/v1/tickets/${desk.number}`, { priority: 'high' });
  assert.equal(r.status, 400);
  assert.equal(r.json.Field, 'priority');
  r = await api(agentToken, 'PATCH', `/api/v1/tickets/${desk.number}`, { team: 1 });
  assert.equal(r.status, 400);
  assert.equal(r.json.Field, 'team', 'unknown field named');
  r = await api(agentToken, 'PATCH', `/api/v1/tickets/${desk.number}`, { status: 'resolved' });
  assert.equal(r.status, 200);
  assert.equal((await ticketRow(desk.id)).status, 'resolved');
});

test('another person\'s ticket: 404 by number or id for every method, the same as a missing one', async () => {
  const t = (await api(meToken, 'POST', '/api/v1/tickets', { subject: `Mine only ${tag}`, description: `Private ${tag}`,
    category: tp.question.id })).json.T;
  const missing = await api(otherToken, 'GET', '/api/v1/tickets/T-999999');
  assert.equal(missing.status, 404);
  for (const p of [t.number, t.id, `T-${t.id}`]) {
    let r = await api(otherToken, 'GET', `/api/v1/tickets/${p}`);
    assert.equal(r.status, 404, p);
    assert.deepEqual(r.json, missing.json, `${p}: the same answer`);
    assert.ok(!r.text.includes(tag));
    r = await api(otherToken, 'POST', `/api/v1/tickets/${p}/replies`, { body: `Intruder ${tag}` });
    assert.equal(r.status, 404);
    r = await api(otherToken, 'PATCH', `/api/v1/tickets/${p}`, { status: 'resolved' });
    assert.equal(r.status, 404);
    assert.deepEqual(r.json, missing.json);
  }
  assert.equal((await api(otherToken, 'PATCH', '/api/v1/tickets/T-999999', { status: 'resolved' })).status, 404);
  assert.equal((await ticketRow(t.id)).status, 'new');
  assert.equal(await sqlValue(`SELECT COUNT(*) FROM ticket_messages WHERE body = ${q(`Intruder ${tag}`)}`), '0');
  const list = await api(otherToken, 'GET', '/api/v1/tickets?state=all');
  assert.ok(!list.json.Tickets.some((x) => x.number === t.number), 'not in their list');
});

test('bodies: malformed JSON, wrong types, unknown fields, too large, not JSON: 4xx JSON naming the field; nothing created', async () => {
  const before = await ticketCount();
  const good = { subject: `Body ${tag}`, description: 'd', category: tp.question.id };
  const cases = [
    ['{"subject": "x",', 400, undefined, 'api.bad_json'],
    ['[1, 2]', 400, undefined, 'api.not_object'],
    ['"text"', 400, undefined, 'api.not_object'],
    [{ ...good, subject: 5 }, 400, 'subject', 'api.want_string'],
    [{ ...good, description: ['a'] }, 400, 'description', 'api.want_string'],
    [{ ...good, category: '1' }, 400, 'category', 'api.want_integer'],
    [{ ...good, impact: 1.5 }, 400, 'impact', 'api.want_integer'],
    [{ ...good, fields: [] }, 400, 'fields', 'api.want_object'],
    [{ ...good, fields: { 999999: 'x' } }, 400, 'fields.999999', 'api.unknown_field'],
    [{ ...good, requester: 1 }, 400, 'requester', 'api.unknown_field'],
    [{ ...good, channel: 'portal' }, 400, 'channel', 'api.unknown_field'],
    [{ ...good, subject: 'bell \u0007' }, 400, 'subject', 'api.control_chars'],
    ['{"subject": "a", "subject": "b"}', 400, undefined, 'api.bad_json'],
  ];
  for (const [body, status, field, key] of cases) {
    const r = await api(meToken, 'POST', '/api/v1/tickets', body);
    const what = typeof body === 'string' ? body : JSON.stringify(body).slice(0, 60);
    assert.equal(r.status, status, what);
    assert.match(r.headers.get('content-type'), /^application\/json/, what);
    assert.equal(r.json.Field, field, what);
    assert.equal(r.json.Message, en[key], what);
  }
  // Too large: over the API's 256 KiB.
  let r = await api(meToken, 'POST', '/api/v1/tickets', { ...good, description: 'z'.repeat(300 * 1024) });
  assert.equal(r.status, 413);
  assert.equal(r.json.Status, '413');
  // Not JSON.
  r = await api(meToken, 'POST', '/api/v1/tickets', 'subject=x', { 'content-type': 'application/x-www-form-urlencoded' });
  assert.equal(r.status, 415);
  assert.equal(r.json.Message, en['api.json_only']);
  r = await api(meToken, 'POST', '/api/v1/tickets', 'subject', { 'content-type': 'text/plain' });
  assert.equal(r.status, 415);
  r = await api(meToken, 'POST', '/api/v1/tickets', '', { 'content-type': 'application/json' });
  assert.equal(r.status, 400);
  r = await api(meToken, 'PATCH', '/api/v1/tickets/T-999999', 'status=open', { 'content-type': 'application/x-www-form-urlencoded' });
  assert.equal(r.status, 415);
  assert.equal(await ticketCount(), before, 'nothing created');
  // Methods: what the route does not take.
  r = await api(meToken, 'DELETE', '/api/v1/tickets/T-000001');
  assert.equal(r.status, 405);
  assert.match(r.headers.get('allow'), /PATCH/);
});

test('CSRF: cookie POSTs and PATCHes to /api/ need the form token; bearer requests do not', async () => {
  const body = JSON.stringify({ subject: `Cookie ${tag}`, description: 'c', category: tp.question.id });
  const before = await ticketCount();
  let r = await mc.request('/api/v1/tickets', { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  assert.equal(r.status, 403, 'cookie without the form token');
  assert.equal(r.json().Message, en['error.csrf']);
  assert.equal(await ticketCount(), before);
  r = await mc.request('/api/v1/tickets', { method: 'POST',
    headers: { 'content-type': 'application/json', 'x-csrf-token': await mc.csrf() }, body });
  assert.equal(r.status, 201, 'cookie with the form token');
  const num = r.json().T.number;
  r = await mc.request(`/api/v1/tickets/${num}`, { method: 'PATCH', headers: { 'content-type': 'application/json' },
    body: '{"status":"resolved"}' });
  assert.equal(r.status, 403, 'PATCH without the form token');
  // Bearer: no form token, and a session cookie of someone else changes nothing.
  r = await api(meToken, 'POST', `/api/v1/tickets/${num}/replies`, { body: `Bearer reply ${tag}` },
    { cookie: `vsid=${oc.cookie('vsid')}` });
  assert.equal(r.status, 201);
  assert.equal(await sqlValue(`SELECT author_id FROM ticket_messages WHERE body = ${q(`Bearer reply ${tag}`)}`), String(me.id));
});

// ------------------------------------------------------------------ webhooks

/** A local receiver: keeps every request (headers, raw body) and answers with
 * the status in .code. */
function receiver() {
  const got = [];
  const state = { code: 200, got };
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      got.push({ method: req.method, url: req.url, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(state.code, { 'content-type': 'text/plain' });
      res.end('ok');
    });
  });
  return new Promise((resolve) => {
    server.listen(Number(process.env.VT_HOOK_PORT) || 0, '127.0.0.1', () => {
      state.port = server.address().port;
      state.close = () => new Promise((r) => server.close(() => r()));
      resolve(state);
    });
  });
}

async function worker() {
  const { stdout } = await ventanilla(['worker', '--once']);
  const m = /webhooks (\d+)/.exec(stdout);
  assert.ok(m, `worker says how many webhooks it delivered: ${stdout}`);
  return Number(m[1]);
}

function verify(req, secret) {
  const ts = req.headers['x-ventanilla-timestamp'];
  assert.match(ts, /^\d{10}$/);
  assert.ok(Math.abs(Date.now() / 1000 - Number(ts)) < 120, 'a fresh timestamp');
  const want = createHmac('sha256', secret).update(`${ts}.${req.body}`).digest('hex');
  assert.equal(req.headers['x-ventanilla-signature'], `sha256=${want}`, 'signature verifies');
}

test('webhooks: admin page, signed POST after the worker, no internal notes, retries with backoff, then failed', async () => {
  const rx = await receiver();
  const url = `http://127.0.0.1:${rx.port}/hook/${tag}`;
  try {
    // The admin page: linked from the index, checks the address.
    let r = await adm.get('/admin/');
    assert.ok(r.text.includes('href="/admin/webhooks"'));
    r = await adm.get('/admin/webhooks');
    assert.equal(r.status, 200);
    assert.equal((await mc.get('/admin/webhooks')).status, 403);
    const events = ['ticket.created', 'ticket.updated', 'ticket.resolved'];
    const fields = (u, extra = []) => [['url', u], ...events.map((e) => ['event', e]), ['enabled', '1'], ...extra];
    for (const bad of ['ftp://example.org/x', 'example.org/hook', 'http://user:pw@example.org/', url,
      'http://localhost:9/x', 'http://10.1.2.3/x', 'http://[::1]/x', 'http://169.254.169.254/latest', 'http://intranet/x']) {
      r = await adm.post('/admin/webhooks', fields(bad));
      assert.equal(r.status, 422, bad);
      assert.ok(r.text.includes('id="url-error"'), `${bad}: the address is refused`);
    }
    r = await adm.post('/admin/webhooks', [['url', 'https://hooks.example.org/x'], ['enabled', '1']]);
    assert.equal(r.status, 422, 'no events');
    r = await adm.post('/admin/webhooks', fields(url, [['allow_private', '1']]));
    assert.equal(r.status, 303);
    const m = /^\/admin\/webhooks\/(\d+)\?created=1$/.exec(r.headers.get('location'));
    assert.ok(m);
    const hookId = Number(m[1]);
    r = await adm.get(`/admin/webhooks/${hookId}?created=1`);
    const secret = tags(r.text, 'input').find((t) => t.id === 'secret').value;
    assert.match(secret, /^whsec_[0-9a-f]{48}$/);
    assert.equal(await sqlValue(`SELECT events FROM webhooks WHERE id = ${hookId}`), events.join(','));
    assert.equal(await sqlValue(`SELECT COUNT(*) FROM audit_log WHERE action = 'webhook.create' AND target = ${q(url)}`), '1');
    // Only this test's webhook runs (others left behind by a failed run are switched off).
    await sql(`UPDATE webhooks SET enabled = 0 WHERE id <> ${hookId}`);

    // A ticket created through the API: one signed POST.
    await worker();
    rx.got.length = 0;
    const t = (await api(meToken, 'POST', '/api/v1/tickets', { subject: `Hooked ${tag}`, description: `Hook body ${tag}`,
      category: tp.question.id })).json.T;
    assert.equal(await sqlValue(`SELECT COUNT(*) FROM webhook_deliveries d JOIN webhook_events e ON e.id = d.event_id` +
      ` WHERE e.ticket_id = ${t.id} AND d.webhook_id = ${hookId}`), '1', 'queued with the ticket');
    assert.equal(await worker(), 1);
    assert.equal(rx.got.length, 1);
    let req = rx.got[0];
    assert.equal(req.method, 'POST');
    assert.equal(req.url, `/hook/${tag}`);
    assert.match(req.headers['content-type'], /^application\/json/);
    assert.equal(req.headers['x-ventanilla-event'], 'ticket.created');
    verify(req, secret);
    let body = JSON.parse(req.body);
    assert.equal(body.event, 'ticket.created');
    assert.equal(String(body.id), req.headers['x-ventanilla-delivery']);
    assert.match(body.created_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.deepEqual(body.ticket, { number: t.number, subject: `Hooked ${tag}`, status: 'new', priority: 4,
      channel: 'api', requester: { name: me.name, email: me.email }, url: `${BASE}/tickets/${t.number}` });
    assert.ok(!req.body.includes(`Hook body ${tag}`), 'no conversation');
    assert.equal(await worker(), 0, 'delivered once');
    assert.equal(await sqlValue(`SELECT CONCAT(status, ' ', attempts, ' ', response_code) FROM webhook_deliveries` +
      ` WHERE id = ${body.id}`), 'delivered 1 200');

    // An internal note sends nothing; a public reply is an update; solving is "resolved".
    rx.got.length = 0;
    await api(agentToken, 'POST', `/api/v1/tickets/${t.number}/replies`, { body: `Note ${tag} secret`, internal: true });
    assert.equal(await worker(), 0, 'internal notes are not announced');
    await api(agentToken, 'POST', `/api/v1/tickets/${t.number}/replies`, { body: `Answer ${tag}` });
    await api(meToken, 'PATCH', `/api/v1/tickets/${t.number}`, { status: 'resolved' });
    assert.equal(await worker(), 2);
    assert.deepEqual(rx.got.map((x) => x.headers['x-ventanilla-event']), ['ticket.updated', 'ticket.resolved']);
    assert.deepEqual(rx.got.map((x) => JSON.parse(x.body).ticket.status), ['open', 'resolved']);
    for (const x of rx.got) {
      verify(x, secret);
      assert.ok(!x.body.includes('secret') && !x.body.includes(`Answer ${tag}`), 'never the conversation');
    }
    // The web form's changes are announced too.
    rx.got.length = 0;
    const w = await report(mc, { subject: `Web hooked ${tag}`, topic: 'question' });
    assert.equal(await worker(), 1);
    assert.equal(JSON.parse(rx.got[0].body).ticket.channel, 'portal');
    // The worker's own change: a request solved long ago is closed, and announced.
    rx.got.length = 0;
    await sql(`UPDATE tickets SET status = 'resolved', resolved_at = UTC_TIMESTAMP() - INTERVAL 30 DAY WHERE id = ${w.id}`);
    assert.equal(await worker(), 1);
    body = JSON.parse(rx.got[0].body);
    assert.deepEqual([rx.got[0].headers['x-ventanilla-event'], body.ticket.number, body.ticket.status],
      ['ticket.updated', w.number, 'closed']);

    // The receiver fails: retried later with growing delays, then failed.
    rx.got.length = 0;
    rx.code = 500;
    await api(meToken, 'PATCH', `/api/v1/tickets/${t.number}`, { status: 'open' });
    assert.equal(await worker(), 0);
    assert.equal(rx.got.length, 1);
    const did = rx.got[0].headers['x-ventanilla-delivery'];
    const state = async () => (await sql(`SELECT status, attempts, response_code,` +
      ` TIMESTAMPDIFF(SECOND, UTC_TIMESTAMP(), next_attempt_at) FROM webhook_deliveries WHERE id = ${did}`))[0];
    let s = await state();
    assert.deepEqual(s.slice(0, 3), ['pending', '1', '500']);
    assert.ok(Number(s[3]) >= 20 && Number(s[3]) <= 31, `first retry in about 30 s (${s[3]})`);
    assert.equal(await worker(), 0);
    assert.equal(rx.got.length, 1, 'not before its time');
    await sql(`UPDATE webhook_deliveries SET next_attempt_at = UTC_TIMESTAMP() - INTERVAL 1 SECOND WHERE id = ${did}`);
    assert.equal(await worker(), 0);
    assert.equal(rx.got.length, 2, 'tried again');
    assert.equal(rx.got[1].headers['x-ventanilla-delivery'], did, 'the same delivery id');
    verify(rx.got[1], secret);
    s = await state();
    assert.deepEqual(s.slice(0, 2), ['pending', '2']);
    assert.ok(Number(s[3]) >= 50 && Number(s[3]) <= 61, `then in about 60 s (${s[3]})`);
    // The last attempt fails: marked failed, shown on the page; "Try again" starts over.
    await sql(`UPDATE webhook_deliveries SET attempts = 7, next_attempt_at = UTC_TIMESTAMP() WHERE id = ${did}`);
    assert.equal(await worker(), 0);
    assert.deepEqual((await state()).slice(0, 3), ['failed', '8', '500']);
    r = await adm.get(`/admin/webhooks/${hookId}`);
    assert.ok(textOf(r.text).includes(en['webhooks.status.failed']));
    assert.ok(textOf(r.text).includes('HTTP 500'));
    rx.code = 204;
    r = await adm.post(`/admin/webhooks/${hookId}/deliveries/${did}/retry`, {});
    assert.equal(r.status, 303);
    assert.equal(await worker(), 1);
    assert.deepEqual((await state()).slice(0, 3), ['delivered', '1', '204']);
    // The receiver is down: a network error is retried the same way.
    await rx.close();
    await api(meToken, 'PATCH', `/api/v1/tickets/${t.number}`, { status: 'resolved' });
    assert.equal(await worker(), 0);
    const down = (await sql(`SELECT status, attempts, response_code, last_error FROM webhook_deliveries` +
      ` WHERE webhook_id = ${hookId} ORDER BY id DESC LIMIT 1`))[0];
    assert.deepEqual(down.slice(0, 3), ['pending', '1', null]);
    assert.ok(down[3].length > 0, 'the error is kept');
    // A webhook that is off gets nothing queued; the list page shows the state.
    r = await adm.post(`/admin/webhooks/${hookId}`, [['url', url], ['event', 'ticket.created'], ['allow_private', '1']]);
    assert.equal(r.status, 303);
    const n = await sqlValue(`SELECT COUNT(*) FROM webhook_deliveries WHERE webhook_id = ${hookId}`);
    await api(meToken, 'POST', '/api/v1/tickets', { subject: `Off ${tag}`, description: 'o', category: tp.question.id });
    assert.equal(await sqlValue(`SELECT COUNT(*) FROM webhook_deliveries WHERE webhook_id = ${hookId}`), n);
    r = await adm.get('/admin/webhooks');
    assert.ok(r.text.includes(`/admin/webhooks/${hookId}`));
    // A new secret, then delete (its log goes with it).
    r = await adm.post(`/admin/webhooks/${hookId}/secret`, {});
    assert.equal(r.status, 303);
    assert.notEqual(await sqlValue(`SELECT secret FROM webhooks WHERE id = ${hookId}`), secret);
    r = await adm.post(`/admin/webhooks/${hookId}/delete`, {});
    assert.equal(r.status, 303);
    assert.equal(await sqlValue(`SELECT COUNT(*) FROM webhooks WHERE id = ${hookId}`), '0');
    assert.equal(await sqlValue(`SELECT COUNT(*) FROM webhook_deliveries WHERE webhook_id = ${hookId}`), '0');
    assert.ok(w.number);
  } finally {
    if (rx.close) await rx.close().catch(() => {});
  }
});
