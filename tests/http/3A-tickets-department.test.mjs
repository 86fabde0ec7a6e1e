// 3A-tickets-department.test.mjs - requesters following their department's
// requests: the admin's switch on /admin/tickets/settings (off by default),
// departments (added there, set on /admin/users/<id>), and what a colleague may
// do: nothing while the switch is off (page, list, JSON, API, files answer as if
// the request did not exist); with it on, read the request and its public
// conversation and files but never reply, confirm, reopen or rate it, and never
// see internal notes. Other departments and people without one see nothing.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  BASE, Client, createUser, mainOf, q, rnd, selected, signedIn, sql, sqlValue, T, tags, textOf,
} from './lib.mjs';
import { createAgent, download, fileLinks, messages, png, postMultipart, report, ticketRow } from './tickets-lib.mjs';

const en = T('en');
const tag = rnd(8);
const SETTING = 'tickets_department_view';
let adm, alice, bob, carol, dave, agent;
let ac, bc, cc, dc, gc;
let deptA, deptB, ticket, publicFile, noteFile;

const setting = () => sqlValue(`SELECT value FROM settings WHERE name = ${q(SETTING)}`);

/** Turn the switch on or off through the admin page. */
async function setView(on) {
  const r = await adm.post('/admin/tickets/settings', on ? { dept_view: '1' } : {});
  assert.equal(r.status, 303, `settings saved (status ${r.status})`);
  assert.equal(r.headers.get('location'), '/admin/tickets/settings?saved=1');
  assert.equal(await setting(), on ? '1' : '0');
}

/** Put user u into department id (0 = none) through /admin/users/<id>. */
async function setDept(u, id) {
  const r = await adm.post(`/admin/users/${u.id}`, { name: u.name, active: '1', department: String(id) });
  assert.equal(r.status, 303, `user saved (status ${r.status}): ${textOf(mainOf(r.text)).slice(0, 200)}`);
}

/** The request numbers linked from a /tickets/ list page. */
const listed = (page) => [...mainOf(page).matchAll(/<a href="\/tickets\/(T-\d+)">/g)].map((m) => m[1]);

before(async () => {
  const a = await createUser({ tag: 'dadm', roles: 'requester,admin' });
  adm = await signedIn(a);
  for (const name of [`Dept A ${tag}`, `Dept B ${tag}`]) {
    const r = await adm.post('/admin/tickets/departments', { name });
    assert.equal(r.status, 303, `department added (status ${r.status})`);
  }
  deptA = Number(await sqlValue(`SELECT id FROM departments WHERE name = ${q(`Dept A ${tag}`)}`));
  deptB = Number(await sqlValue(`SELECT id FROM departments WHERE name = ${q(`Dept B ${tag}`)}`));
  alice = await createUser({ tag: 'dalice' });
  bob = await createUser({ tag: 'dbob' });
  carol = await createUser({ tag: 'dcarol' });
  dave = await createUser({ tag: 'ddave' });
  agent = await createAgent({ tag: 'dagent', teams: ['Service Desk'] });
  await setDept(alice, deptA);
  await setDept(bob, deptA);
  await setDept(carol, deptB);
  [ac, bc, cc, dc, gc] = await Promise.all([alice, bob, carol, dave, agent].map((u) => signedIn(u)));
  ticket = await report(ac, { subject: `Shared printer jams ${tag}`, topic: 'question',
    body: `Paper jams every morning ${tag}`, files: [{ filename: `jam-${tag}.png`, data: png(tag), type: 'image/png' }] });
  let r = await postMultipart(gc, `${ticket.path}/reply`, [['kind', 'public'], ['body', `Public answer ${tag}`]]);
  assert.equal(r.status, 303, 'the agent answers');
  r = await postMultipart(gc, `${ticket.path}/reply`, [['kind', 'internal'], ['body', `Secret note ${tag}`],
    ['files', { filename: `note-${tag}.png`, data: png(`n${tag}`), type: 'image/png' }]]);
  assert.equal(r.status, 303, 'the agent adds an internal note');
  publicFile = Number(await sqlValue(`SELECT id FROM ticket_files WHERE filename = ${q(`jam-${tag}.png`)}`));
  noteFile = Number(await sqlValue(`SELECT id FROM ticket_files WHERE filename = ${q(`note-${tag}.png`)}`));
  assert.ok(publicFile > 0 && noteFile > 0, 'both files stored');
});

after(async () => {
  // The switch is site-wide: leave it as the other tests expect it.
  await sql(`UPDATE settings SET value = '0' WHERE name = ${q(SETTING)}`);
});

test('departments: added on the settings page, chosen on the user page, checked', async () => {
  let r = await adm.get('/admin/tickets/settings');
  assert.equal(r.status, 200);
  assert.ok(mainOf(r.text).includes(`Dept A ${tag}`), 'listed');
  r = await adm.post('/admin/tickets/departments', { name: `Dept A ${tag}` });
  assert.equal(r.status, 422, 'the same name twice is refused');
  assert.ok(r.text.includes(en['tdept.name_taken']));
  r = await adm.post('/admin/tickets/departments', { name: '' });
  assert.equal(r.status, 422, 'a name is needed');
  r = await adm.get(`/admin/users/${alice.id}`);
  assert.equal(r.status, 200);
  assert.equal(selected(r.text, 'department'), String(deptA), 'the user page shows the department');
  assert.equal(await sqlValue(`SELECT department_id FROM users WHERE id = ${bob.id}`), String(deptA));
  r = await adm.post(`/admin/users/${carol.id}`, { name: carol.name, active: '1', department: '999999999' });
  assert.equal(r.status, 422, 'an unknown department is refused');
  r = await adm.post(`/admin/users/${carol.id}`, { name: carol.name, active: '1', department: 'x' });
  assert.equal(r.status, 422, 'a malformed one too');
  assert.equal(await sqlValue(`SELECT department_id FROM users WHERE id = ${carol.id}`), String(deptB), 'unchanged');
  assert.ok(Number(await sqlValue(`SELECT COUNT(*) FROM audit_log WHERE action = 'department.create'` +
    ` AND target = ${q(`Dept A ${tag}`)}`)) === 1, 'audited');
  // Only admins reach the settings.
  assert.notEqual((await bc.get('/admin/tickets/settings')).status, 200);
  r = await bc.post('/admin/tickets/settings', { dept_view: '1' });
  assert.notEqual(r.status, 303);
  assert.notEqual(await setting(), '1', 'a requester cannot turn it on');
});

test('off by default: a colleague gets nothing by number, list, JSON, API or file', async () => {
  assert.ok([null, '0'].includes(await setting()), 'no migration or demo turns it on');
  let r = await adm.get('/admin/tickets/settings');
  assert.doesNotMatch(r.text, /<input[^>]*name="dept_view"[^>]*checked/, 'unchecked on the page');
  const missing = await bc.get('/tickets/T-999999999');
  assert.equal(missing.status, 404);
  r = await bc.get(ticket.path);
  assert.equal(r.status, 404, 'the page');
  assert.equal(mainOf(r.text), mainOf(missing.text), 'the same answer as a request that does not exist');
  r = await bc.get('/tickets/?who=department&state=all');
  assert.equal(r.status, 200);
  assert.ok(!listed(r.text).includes(ticket.number), 'not in the list');
  assert.ok(!r.text.includes('?who=department"'), 'no "My department" tab');
  r = await bc.get('/tickets/?who=department&state=all', { headers: { accept: 'application/json' } });
  assert.ok(!r.text.includes(ticket.number), 'not in the JSON list');
  assert.equal((await bc.get(`/api/v1/tickets/${ticket.number}`)).status, 404, 'not in the API');
  assert.equal((await download(bc, `${ticket.path}/files/${publicFile}`)).status, 404, 'not the file');
  r = await postMultipart(bc, `${ticket.path}/reply`, [['body', 'Me too']]);
  assert.equal(r.status, 404, 'no reply');
});

test('on: colleagues follow the request read-only; notes stay hidden; other departments see nothing', async () => {
  await setView(true);
  let r = await adm.get('/admin/tickets/settings');
  assert.match(r.text, /<input[^>]*name="dept_view"[^>]*checked/, 'checked on the page');
  assert.equal(Number(await sqlValue(`SELECT COUNT(*) FROM audit_log WHERE action = 'ticket.settings'` +
    ` AND detail = '1'`)) > 0, true, 'audited');

  // The list: a tab, the colleague's request with who asked.
  r = await bc.get('/tickets/');
  assert.equal(r.status, 200);
  assert.ok(r.text.includes('href="/tickets/?who=department"'), 'the "My department" tab');
  assert.ok(!listed(r.text).includes(ticket.number), 'not among their own requests');
  r = await bc.get('/tickets/?who=department');
  assert.equal(r.status, 200);
  assert.ok(listed(r.text).includes(ticket.number), 'in the department list');
  assert.ok(mainOf(r.text).includes(alice.name), 'says who asked');
  assert.ok(mainOf(r.text).includes(`Dept A ${tag}`), 'names the department');
  r = await bc.get('/tickets/?who=department', { headers: { accept: 'application/json' } });
  assert.equal(r.status, 200);
  assert.ok(r.json().Tickets.some((t) => t.number === ticket.number), 'in the JSON list');
  assert.equal((await bc.get('/tickets/?who=everyone')).status, 400, 'an unknown list is refused');

  // The page: public conversation and file, no note, no forms to act.
  r = await bc.get(ticket.path);
  assert.equal(r.status, 200);
  const msgs = messages(r.text);
  assert.ok(msgs.some((m) => m.text.includes(`Paper jams every morning ${tag}`)));
  assert.ok(msgs.some((m) => m.text.includes(`Public answer ${tag}`)));
  assert.ok(!r.text.includes(`Secret note ${tag}`), 'no internal note');
  assert.ok(msgs.every((m) => m.kind === 'public'));
  assert.deepEqual(fileLinks(r.text).map((f) => f.name), [`jam-${tag}.png`], 'only the public file');
  for (const action of ['reply', 'solved', 'reopen', 'rate'])
    assert.ok(!r.text.includes(`action="${ticket.path}/${action}"`), `no ${action} form`);
  assert.ok(r.text.includes(en['tdept.read_only_note']), 'says why');
  assert.ok(!r.text.includes(alice.email), 'no e-mail address');
  r = await bc.get(`/api/v1/tickets/${ticket.number}`);
  assert.equal(r.status, 200, 'the API answers as the page');
  assert.ok(!r.text.includes(`Secret note ${tag}`) && !r.text.includes(`note-${tag}`), 'no note in JSON');
  assert.equal((await download(bc, `${ticket.path}/files/${publicFile}`)).status, 200, 'the public file');
  assert.equal((await download(bc, `${ticket.path}/files/${noteFile}`)).status, 404, 'not the note file');

  // Acting on it is refused and changes nothing.
  const before = await sqlValue(`SELECT COUNT(*) FROM ticket_messages WHERE ticket_id = ${ticket.id}`);
  r = await postMultipart(bc, `${ticket.path}/reply`, [['body', `Me too ${tag}`]]);
  assert.equal(r.status, 403, 'no reply');
  assert.ok(r.text.includes(en['tdept.read_only']));
  r = await postMultipart(bc, `${ticket.path}/reply`, [['kind', 'internal'], ['body', `Sneaky ${tag}`]]);
  assert.equal(r.status, 403, 'no note either');
  // Through the API with a personal token: the same rules.
  r = await bc.post('/account/tokens', { token_name: `dept ${tag}`, expires_days: '90' });
  assert.equal(r.status, 200, 'token made');
  const token = tags(r.text, 'input').find((i) => i.id === 'new-token').value;
  const api = (method, path, body) => fetch(BASE + path, { method, redirect: 'manual',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  let a = await api('POST', `/api/v1/tickets/${ticket.number}/replies`, { body: `By API ${tag}` });
  assert.equal(a.status, 403, 'no reply through the API');
  assert.ok((await a.text()).includes(en['tdept.read_only']));
  a = await api('PATCH', `/api/v1/tickets/${ticket.number}`, { status: 'resolved' });
  assert.equal(a.status, 404, 'no status change through the API');
  assert.equal(await sqlValue(`SELECT COUNT(*) FROM ticket_messages WHERE ticket_id = ${ticket.id}`), before);
  r = await bc.post(`${ticket.path}/solved`, {});
  assert.equal(r.status, 404, 'cannot confirm it solved');
  assert.equal((await ticketRow(ticket.id)).status, 'open');

  // Solved by its owner: colleagues can neither reopen nor rate.
  assert.equal((await ac.post(`${ticket.path}/solved`, {})).status, 303, 'the owner confirms');
  assert.equal((await bc.post(`${ticket.path}/reopen`, { body: 'Not for me' })).status, 404, 'no reopen');
  assert.equal((await bc.post(`${ticket.path}/rate`, { rating: '1', comment: 'bad' })).status, 404, 'no rating');
  const row = await ticketRow(ticket.id);
  assert.equal(row.status, 'resolved');
  assert.equal(row.rating, null);
  r = await bc.get(ticket.path);
  assert.ok(!r.text.includes(`action="${ticket.path}/rate"`), 'no rating form after it is solved');

  // Other departments, and people in none, see nothing.
  for (const [c, who] of [[cc, 'another department'], [dc, 'no department']]) {
    assert.equal((await c.get(ticket.path)).status, 404, `${who}: page`);
    r = await c.get('/tickets/?who=department&state=all');
    assert.equal(r.status, 200);
    assert.ok(!listed(r.text).includes(ticket.number), `${who}: list`);
    assert.equal((await c.get(`/api/v1/tickets/${ticket.number}`)).status, 404, `${who}: API`);
    assert.equal((await download(c, `${ticket.path}/files/${publicFile}`)).status, 404, `${who}: file`);
  }
  r = await dc.get('/tickets/?who=department');
  assert.ok(r.text.includes(en['tdept.no_department']), 'people in no department are told why it is empty');

  // The owner keeps every right.
  r = await ac.get(ticket.path);
  assert.ok(r.text.includes(`action="${ticket.path}/reopen"`), 'the owner may reopen');
  assert.ok(!r.text.includes(en['tdept.read_only_note']));

  // Moved to another department: the access goes with it.
  await setDept(bob, deptB);
  assert.equal((await bc.get(ticket.path)).status, 404, 'no longer a colleague');
  await setDept(bob, deptA);

  // Off again: the page and list are gone again.
  await setView(false);
  assert.equal((await bc.get(ticket.path)).status, 404, 'off again');
  r = await bc.get('/tickets/?who=department&state=all');
  assert.ok(!listed(r.text).includes(ticket.number));
});

test('the department list in Spanish', async () => {
  await setView(true);
  try {
    const es = T('es');
    const c = new Client({ lang: 'es' });
    await c.login(bob.email, bob.password);
    await sql(`UPDATE users SET language = 'es' WHERE id = ${bob.id}`);
    const r = await c.get('/tickets/?who=department&state=all');
    assert.equal(r.status, 200);
    assert.ok(r.text.includes(es['tdept.title']), 'Spanish title');
    assert.ok(listed(r.text).includes(ticket.number));
  } finally {
    await setView(false);
  }
});
