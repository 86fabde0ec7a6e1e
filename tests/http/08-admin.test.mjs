// 08-admin.test.mjs - administration: users (list, search, create with a
// password or an invitation, roles, teams, disable), the admin's own lock-out
// guard, teams, and the audit log. Runs the SMTP sink for the invitation.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  assertRedirect, clearThrottle, Client, createUser, eventName, form, headings, html, input, linkIn, links,
  mailFor, mainOf, q, rnd, rows, sendMail, shows, signedIn, sql, sqlValue, startSmtpSink, T, textOf,
  uniqueEmail,
} from './lib.mjs';

const en = T('en');
const tag = rnd(8);
let sink, admin, a, groups;

before(async () => {
  await clearThrottle();
  sink = await startSmtpSink();
  await sendMail();
  admin = await createUser({ tag: 'adm', roles: 'requester,admin', name: `Admin ${tag}` });
  a = await signedIn(admin);
  // Two teams of our own to put people in.
  for (const n of ['A', 'B'])
    await sql(`INSERT INTO \`groups\` (name, description) VALUES (${q(`Team ${n} ${tag}`)}, 'test')`);
  groups = Object.fromEntries((await sql(`SELECT name, id FROM \`groups\` WHERE name LIKE ${q(`%${tag}`)}`))
    .map(([n, id]) => [n.split(' ')[1], id]));
});

after(async () => {
  await clearThrottle();
  if (sink) await sink.close();
});

test('user list and search', async () => {
  const u1 = await createUser({ tag: 'list', name: `Searchable ${tag}` });
  const u2 = await createUser({ tag: 'list', name: `Other ${rnd(6)}` });
  let r = await a.get('/admin/users');
  assert.equal(r.status, 200);
  assert.deepEqual(headings(r.text), [en['admin.users']]);
  assert.ok(links(mainOf(r.text)).includes('/admin/users/new'), 'link to create a user');
  r = await a.get(`/admin/users?q=${encodeURIComponent(`Searchable ${tag}`)}`);
  assert.equal(r.status, 200);
  const row = rows(r.text).find((x) => x.includes(`Searchable ${tag}`));
  assert.ok(row && row.includes(u1.email), 'match by name');
  assert.ok(links(row.html).includes(`/admin/users/${u1.id}`), 'links to the user');
  assert.ok(!r.text.includes(u2.email), 'non-matching users left out');
  assert.ok(!r.text.includes('admin@example.org'));
  r = await a.get(`/admin/users?q=${encodeURIComponent(u2.email)}`);
  assert.ok(rows(r.text).some((x) => x.includes(u2.email)), 'match by e-mail');
  assert.ok(!r.text.includes(u1.email));
  r = await a.get(`/admin/users?q=${encodeURIComponent(`nothing-${rnd(12)}`)}`);
  assert.ok(shows(r.text, en['admin.no_users']), 'empty result says so');
  r = await a.get(`/admin/users?q=${encodeURIComponent(`Searchable ${tag}`)}`, { headers: { accept: 'application/json' } });
  assert.deepEqual(r.json().Users.map((u) => u.email), [u1.email], 'JSON list');
  r = await a.get('/admin/users?state=bogus');
  assert.equal(r.status, 400, 'unknown filter value refused');
});

test('create a user with a password: roles, teams, can sign in', async () => {
  let r = await a.get('/admin/users/new');
  assert.equal(r.status, 200);
  assert.equal(form(r.text, '/admin/users').attrs.method.toLowerCase(), 'post');
  assert.ok(input(form(r.text, '/admin/users').html, 'group', groups.A), 'teams offered');
  assert.ok(input(form(r.text, '/admin/users').html, 'role', 'admin'), 'roles offered');
  const email = uniqueEmail('made');
  const pw = `made-${rnd(12)}`;
  r = await a.post('/admin/users', [['email', email], ['name', `Made ${tag}`], ['language', 'es'],
    ['password', pw], ['role', 'agent'], ['role', 'bogus'], ['group', groups.A], ['group', '999999999']]);
  assertRedirect(r, '/admin/users?created=1');
  assert.ok(shows((await a.get('/admin/users?created=1')).text, en['admin.user_created']));
  const row = (await sql(`SELECT id, name, roles, language, active FROM users WHERE email = ${q(email)}`))[0];
  assert.ok(row, 'user exists');
  assert.deepEqual(row.slice(1), [`Made ${tag}`, 'requester,agent', 'es', '1'], 'unknown role ignored');
  assert.deepEqual((await sql(`SELECT group_id FROM user_groups WHERE user_id = ${row[0]}`)).map((x) => x[0]),
    [groups.A], 'unknown team ignored');
  assert.equal(await sqlValue(`SELECT COUNT(*) FROM outbox WHERE to_addr = ${q(email)}`), '0',
    'no invitation when a password was set');
  const c = await signedIn({ email, password: pw });
  assert.match((await c.get('/')).text, /<html lang="es">/, 'language from the form');
  // Same address again: refused, the form keeps what was typed.
  r = await a.post('/admin/users', { email, name: 'Second', password: 'another-pw-123' });
  assert.equal(r.status, 422);
  assert.ok(shows(r.text, en['admin.email_taken']));
  assert.equal(input(form(r.text, '/admin/users').html, 'email').value, email, 'form keeps the address');
  // Bad fields.
  r = await a.post('/admin/users', { email: uniqueEmail('bad'), name: 'Short Pw', password: 'short' });
  assert.equal(r.status, 422);
  assert.ok(shows(r.text, en['password.too_short']));
  r = await a.post('/admin/users', { email: 'no-at-sign', name: 'X' });
  assert.equal(r.status, 422);
  assert.ok(shows(r.text, en['form.email']));
  r = await a.post('/admin/users', { email: uniqueEmail('bad'), name: '' });
  assert.equal(r.status, 422);
});

test('create a user without a password: an invitation mail with a working link', async () => {
  const email = uniqueEmail('invite');
  const r = await a.post('/admin/users', { email, name: `Invited ${tag}`, role: 'editor' });
  assertRedirect(r, '/admin/users?created=1');
  const row = (await sql(`SELECT id, roles, password_hash FROM users WHERE email = ${q(email)}`))[0];
  assert.deepEqual([row[1], row[2]], ['requester,editor', null], 'no password yet');
  const m = await mailFor(sink, email);
  assert.equal(m.subject, en['mail.invite.subject']);
  assert.ok(m.text.includes(`Invited ${tag}`));
  assert.ok(m.text.includes(en['mail.invite.text']));
  assert.ok(m.header('Message-ID') && m.header('Date'), 'Date and Message-ID');
  const link = linkIn(m.text, '/password-reset/');
  assert.match(link || '', /^\/password-reset\/[0-9a-f]{64}$/);
  assert.ok(m.html.includes(`${link}"`), 'HTML part has the link');
  const hours = Number(await sqlValue('SELECT TIMESTAMPDIFF(HOUR, UTC_TIMESTAMP(), expires_at)' +
    ` FROM password_resets WHERE user_id = ${row[0]}`));
  assert.ok(hours >= 166 && hours <= 168, `invitation valid for 7 days (${hours} hours)`);
  const c = new Client();
  assert.equal((await c.get(link)).status, 200);
  assertRedirect(await c.post(link, { new: 'my-first-password', confirm: 'my-first-password' }), '/login?reset=1');
  await c.login(email, 'my-first-password');
  assert.equal((await c.get(link)).status, 404, 'invitation used up');
});

test('edit name, roles and teams', async () => {
  const u = await createUser({ tag: 'edit' });
  await sql(`INSERT INTO user_groups (user_id, group_id) VALUES (${u.id}, ${groups.A})`);
  let r = await a.get(`/admin/users/${u.id}`);
  assert.equal(r.status, 200);
  assert.deepEqual(headings(r.text), [u.name]);
  let f = form(r.text, `/admin/users/${u.id}`).html;
  assert.equal(input(f, 'group', groups.A).checked, true, 'current team checked');
  assert.equal(input(f, 'group', groups.B).checked, undefined, 'other team not checked');
  assert.equal(input(f, 'active').checked, true);
  assert.equal(input(f, 'name').value, u.name);
  r = await a.post(`/admin/users/${u.id}`, [['name', `Edited ${tag}`], ['active', '1'], ['role', 'editor'],
    ['role', 'approver'], ['group', groups.B]]);
  assertRedirect(r, `/admin/users/${u.id}?saved=1`);
  assert.deepEqual((await sql(`SELECT name, roles, active FROM users WHERE id = ${u.id}`))[0],
    [`Edited ${tag}`, 'requester,editor,approver', '1']);
  assert.deepEqual((await sql(`SELECT group_id FROM user_groups WHERE user_id = ${u.id}`)).map((x) => x[0]),
    [groups.B], 'teams replaced');
  r = await a.get(`/admin/users/${u.id}?saved=1`);
  assert.ok(shows(r.text, en['admin.saved']));
  f = form(r.text, `/admin/users/${u.id}`).html;
  assert.equal(input(f, 'role', 'editor').checked, true);
  assert.equal(input(f, 'role', 'approver').checked, true);
  assert.equal(input(f, 'role', 'admin').checked, undefined, 'admin not checked');
  assert.equal(input(f, 'role', 'agent').checked, undefined, 'agent not checked');
  assert.ok(textOf(mainOf(r.text)).includes(eventName('user.update')), 'history shows the change');
  // The new roles take effect on the user's next request.
  const c = await signedIn(u);
  assert.equal((await c.get('/admin/')).status, 403);
  await a.post(`/admin/users/${u.id}`, [['name', `Edited ${tag}`], ['active', '1'], ['role', 'admin']]);
  assert.equal((await c.get('/admin/')).status, 200, 'promoted to admin without signing in again');
  assert.deepEqual(await sql(`SELECT group_id FROM user_groups WHERE user_id = ${u.id}`), [], 'no teams ticked: none');
  assert.equal((await a.get('/admin/users/999999999')).status, 404);
  assert.equal((await a.get('/admin/users/abc')).status, 404);
  assert.equal((await a.post('/admin/users/999999999', { name: 'x', active: '1' })).status, 404);
  r = await a.post(`/admin/users/${u.id}`, { name: '', active: '1' });
  assert.equal(r.status, 422, 'empty name refused');
});

test('disable a user: their session dies and they cannot sign in; enable again', async () => {
  const u = await createUser({ tag: 'dis' });
  const c = await signedIn(u);
  let r = await a.post(`/admin/users/${u.id}`, { name: u.name });
  assertRedirect(r, `/admin/users/${u.id}?saved=1`);
  assert.equal(await sqlValue(`SELECT active FROM users WHERE id = ${u.id}`), '0');
  assert.equal(await c.signedIn(), false, 'session ended');
  assert.equal(await sqlValue(`SELECT COUNT(*) FROM sessions WHERE user_id = ${u.id}`), '0');
  const d = new Client();
  await d.get('/login');
  assert.equal((await d.post('/login', { email: u.email, password: u.password })).status, 422, 'cannot sign in');
  r = await a.get(`/admin/users?state=disabled&q=${encodeURIComponent(u.email)}`);
  assert.ok(rows(r.text).some((x) => x.includes(u.email)), 'listed among the disabled');
  r = await a.get(`/admin/users?state=active&q=${encodeURIComponent(u.email)}`);
  assert.ok(!rows(r.text).some((x) => x.includes(u.email)), 'not among the active');
  assertRedirect(await a.post(`/admin/users/${u.id}`, { name: u.name, active: '1' }), `/admin/users/${u.id}?saved=1`);
  await d.login(u.email, u.password);
  const audit = (await sql(`SELECT action FROM audit_log WHERE target = ${q(u.email)} ORDER BY id`)).map((x) => x[0]);
  assert.ok(audit.includes('user.disable') && audit.includes('user.enable'), `audited: ${audit}`);
});

test('an admin cannot remove their own admin role or disable themselves', async () => {
  const rolesBefore = await sqlValue(`SELECT roles FROM users WHERE id = ${admin.id}`);
  for (const fields of [
    [['name', admin.name], ['active', '1'], ['role', 'agent']],
    [['name', admin.name], ['role', 'admin']],
    [['name', admin.name]],
  ]) {
    const r = await a.post(`/admin/users/${admin.id}`, fields);
    assert.equal(r.status, 422, JSON.stringify(fields));
    assert.ok(shows(r.text, en['admin.not_yourself']), 'explains why');
  }
  assert.equal(await sqlValue(`SELECT roles FROM users WHERE id = ${admin.id}`), rolesBefore);
  assert.equal(await sqlValue(`SELECT active FROM users WHERE id = ${admin.id}`), '1');
  assert.equal((await a.get('/admin/')).status, 200, 'still an admin');
  // Changing their own name is fine.
  assertRedirect(await a.post(`/admin/users/${admin.id}`, [['name', admin.name], ['active', '1'], ['role', 'admin']]),
    `/admin/users/${admin.id}?saved=1`);
});

test('teams: create, list, duplicate refused', async () => {
  const name = `Team <New> ${tag}`;
  let r = await a.post('/admin/groups', { name, description: 'Printers & <scanners>' });
  assertRedirect(r, '/admin/groups?created=1');
  r = await a.get('/admin/groups?created=1');
  assert.equal(r.status, 200);
  assert.ok(shows(r.text, en['admin.group_created']));
  assert.ok(rows(r.text).some((x) => x.join('|') === `${name}|Printers & <scanners>|0`), 'listed, no members');
  assert.ok(r.text.includes(html(name)) && !r.text.includes(name), 'escaped');
  r = await a.post('/admin/groups', { name, description: 'again' });
  assert.equal(r.status, 422);
  assert.ok(shows(r.text, en['admin.group_taken']));
  assert.equal(await sqlValue(`SELECT COUNT(*) FROM \`groups\` WHERE name = ${q(name)}`), '1');
  r = await a.post('/admin/groups', { name: '' });
  assert.equal(r.status, 422);
  // Team A has the member from the first creation test.
  r = await a.get('/admin/groups');
  const teamA = rows(r.text).find((x) => x[0] === `Team A ${tag}`);
  assert.ok(teamA && Number(teamA[2]) >= 1, `member count: ${teamA}`);
});

test('the audit log shows sign-ins, failures and user creation', async () => {
  const u = await createUser({ tag: 'aud' });
  const c = new Client();
  await c.get('/login');
  assert.equal((await c.post('/login', { email: u.email, password: 'wrong-password-1' })).status, 422);
  await c.login(u.email, u.password);
  const created = uniqueEmail('audnew');
  assertRedirect(await a.post('/admin/users', { email: created, name: 'Audit New', password: 'audit-new-pw-1' }),
    '/admin/users?created=1');
  let r = await a.get(`/admin/audit?q=${encodeURIComponent(u.email)}`);
  assert.equal(r.status, 200);
  const events = rows(r.text);
  const failed = events.find((x) => x.includes(eventName('login.failed')) && x.includes(u.email));
  assert.ok(failed, 'login.failed');
  assert.ok(failed.includes('127.0.0.1'), 'client address');
  const ok = events.find((x) => x.includes(eventName('login.ok')) && x.includes(u.email));
  assert.ok(ok, 'login.ok');
  assert.ok(events.indexOf(ok) < events.indexOf(failed), 'newest first');
  r = await a.get(`/admin/audit?q=${encodeURIComponent(created)}`);
  assert.ok(rows(r.text).some((x) => x.includes(eventName('user.create')) && x.includes(admin.email) &&
    x.includes(created)), 'user.create with the acting admin');
  r = await a.get(`/admin/audit?kind=changes&q=${encodeURIComponent(u.email)}`);
  assert.ok(!rows(r.text).some((x) => x.includes(eventName('login.failed'))), 'changes only: no sign-in events');
  r = await a.get(`/admin/audit?kind=security&q=${encodeURIComponent(created)}`);
  assert.ok(!rows(r.text).some((x) => x.includes(eventName('user.create'))), 'security only: no user changes');
  r = await a.get(`/admin/audit?q=${encodeURIComponent(u.email)}`, { headers: { accept: 'application/json' } });
  const actions = r.json().Events.map((e) => e.action);
  assert.ok(actions.includes('login.ok') && actions.includes('login.failed'), 'JSON events');
  assert.equal((await a.get('/admin/audit?kind=bogus')).status, 400);
});
