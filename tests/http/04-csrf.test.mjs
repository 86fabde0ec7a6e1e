// 04-csrf.test.mjs - every state-changing route refuses a POST without the
// right form token (403) and changes nothing; the right token works.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import {
  assertRedirect, clearThrottle, Client, createUser, q, REPO, rnd, setCookie, sha256hex, shows,
  signedIn, sql, sqlValue, T,
} from './lib.mjs';

const en = T('en');
let user, admin, userClient, adminClient, other;

before(async () => {
  await clearThrottle();
  user = await createUser({ tag: 'csrf' });
  admin = await createUser({ tag: 'csrfadm', roles: 'requester,admin' });
  userClient = await signedIn(user);
  adminClient = await signedIn(admin);
  other = new Client();
  await other.get('/');
});

after(() => clearThrottle());

/** The ways to get the token wrong, for client c. */
async function badTokens(c) {
  return [
    ['no token', false],
    ['empty token', ''],
    ['random token', rnd(64)],
    ['token of another visitor', await other.csrf()],
    ['token of another user', c === adminClient ? await userClient.csrf() : await adminClient.csrf()],
    ['own token in capitals', (await c.csrf()).toUpperCase()],
    ['own token cut short', (await c.csrf()).slice(0, 63)],
  ];
}

/** POST fields to path with every bad token: 403 with the friendly message. */
async function refuses(c, path, fields) {
  for (const [what, csrf] of await badTokens(c)) {
    const r = await c.post(path, fields, { csrf });
    assert.equal(r.status, 403, `${path} with ${what}`);
    assert.ok(shows(r.text, en['error.csrf']), `${path} with ${what}: says the form expired`);
  }
  // A wrong token in the header is no better.
  const r = await c.post(path, fields, { csrf: false, headers: { 'x-csrf-token': rnd(64) } });
  assert.equal(r.status, 403, `${path} with a wrong X-CSRF-Token header`);
}

test('POST /language', async () => {
  const c = new Client();
  await refuses(c, '/language', { lang: 'es', next: '/' });
  assert.equal(c.cookie('lang'), undefined, 'no language cookie');
  const r = await c.post('/language', { lang: 'es', next: '/' });
  assertRedirect(r, '/');
  assert.equal(c.cookie('lang'), 'es');
});

test('POST /login', async () => {
  const u = await createUser({ tag: 'csrflogin' });
  const c = new Client();
  await c.get('/login');
  for (const [what, csrf] of await badTokens(c)) {
    const r = await c.post('/login', { email: u.email, password: u.password }, { csrf });
    assert.equal(r.status, 403, what);
    assert.equal(setCookie(r, 'vsid'), undefined, `${what}: no session`);
  }
  assert.equal(await sqlValue(`SELECT last_login_at FROM users WHERE id = ${u.id}`), null, 'never signed in');
  await c.login(u.email, u.password);
});

test('POST /logout', async () => {
  const c = await signedIn(user);
  await refuses(c, '/logout', {});
  assert.equal(await c.signedIn(), true, 'still signed in');
  assertRedirect(await c.post('/logout', {}), '/');
  assert.equal(await c.signedIn(), false);
});

test('POST /account', async () => {
  await refuses(userClient, '/account', { name: `Hacked ${rnd(4)}`, language: 'es' });
  assert.deepEqual((await sql(`SELECT name, language FROM users WHERE id = ${user.id}`))[0], [user.name, ''],
    'name and language unchanged');
  // The token also works as a header (for scripts of the site itself).
  const r = await userClient.request('/account', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-csrf-token': await userClient.csrf() },
    body: new URLSearchParams({ name: user.name, language: '' }).toString(),
  });
  assertRedirect(r, '/account?saved=1', 'right token in X-CSRF-Token');
});

test('POST /account/password', async () => {
  const hash = await sqlValue(`SELECT password_hash FROM users WHERE id = ${user.id}`);
  await refuses(userClient, '/account/password', { current: user.password, new: 'a-new-password-1', confirm: 'a-new-password-1' });
  assert.equal(await sqlValue(`SELECT password_hash FROM users WHERE id = ${user.id}`), hash, 'password unchanged');
});

test('POST /password-reset', async () => {
  const c = new Client();
  await c.get('/password-reset');
  await refuses(c, '/password-reset', { email: user.email });
  assert.equal(await sqlValue(`SELECT COUNT(*) FROM password_resets WHERE user_id = ${user.id}`), '0', 'no link made');
  assert.equal(await sqlValue(`SELECT COUNT(*) FROM outbox WHERE to_addr = ${q(user.email)}`), '0', 'no mail queued');
});

test('POST /password-reset/<token>', async () => {
  const token = rnd(64);
  await sql('INSERT INTO password_resets (token_hash, user_id, expires_at) VALUES' +
    ` (UNHEX(${q(sha256hex(token))}), ${user.id}, UTC_TIMESTAMP() + INTERVAL 1 HOUR)`);
  const hash = await sqlValue(`SELECT password_hash FROM users WHERE id = ${user.id}`);
  const c = new Client();
  assert.equal((await c.get(`/password-reset/${token}`)).status, 200, 'the link works');
  await refuses(c, `/password-reset/${token}`, { new: 'another-password-1', confirm: 'another-password-1' });
  assert.equal(await sqlValue(`SELECT password_hash FROM users WHERE id = ${user.id}`), hash, 'password unchanged');
  assert.equal(await sqlValue(`SELECT used_at FROM password_resets WHERE token_hash = UNHEX(${q(sha256hex(token))})`),
    null, 'link not spent');
  assert.equal((await c.get(`/password-reset/${token}`)).status, 200, 'the link still works');
  await sql(`DELETE FROM password_resets WHERE token_hash = UNHEX(${q(sha256hex(token))})`);
});

test('POST /admin/users (create)', async () => {
  const email = `csrf-new-${rnd(10)}@test.example.org`;
  await refuses(adminClient, '/admin/users', { email, name: 'Should Not Exist', password: 'long-enough-pw', role: 'admin' });
  assert.equal(await sqlValue(`SELECT COUNT(*) FROM users WHERE email = ${q(email)}`), '0', 'no user created');
  // A requester's own valid token does not get past the role check either.
  const r = await userClient.post('/admin/users', { email, name: 'x', password: 'long-enough-pw' });
  assert.equal(r.status, 403);
  assert.equal(await sqlValue(`SELECT COUNT(*) FROM users WHERE email = ${q(email)}`), '0');
});

test('POST /admin/users/<id> (edit)', async () => {
  const before = (await sql(`SELECT name, roles, active FROM users WHERE id = ${user.id}`))[0];
  await refuses(adminClient, `/admin/users/${user.id}`, { name: 'Made Admin', role: 'admin', active: '1' });
  await refuses(adminClient, `/admin/users/${user.id}`, { name: user.name });
  assert.deepEqual((await sql(`SELECT name, roles, active FROM users WHERE id = ${user.id}`))[0], before,
    'name, roles and active unchanged');
  assert.equal(await userClient.signedIn(), true, 'not disabled');
});

test('POST /admin/groups', async () => {
  const name = `CSRF team ${rnd(8)}`;
  await refuses(adminClient, '/admin/groups', { name, description: 'x' });
  assert.equal(await sqlValue(`SELECT COUNT(*) FROM \`groups\` WHERE name = ${q(name)}`), '0', 'no team created');
  assertRedirect(await adminClient.post('/admin/groups', { name, description: 'x' }), '/admin/groups?created=1');
  assert.equal(await sqlValue(`SELECT COUNT(*) FROM \`groups\` WHERE name = ${q(name)}`), '1');
});

test('a token is refused in the query string; GET never changes state', async () => {
  const token = await userClient.csrf();
  const r = await userClient.request(`/account?csrf=${token}`, {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ name: 'Via Query' }).toString(),
  });
  assert.equal(r.status, 403, 'token only counts in the body or header');
  const g = await userClient.get(`/account?name=ViaGet&csrf=${token}`);
  assert.equal(g.status, 200);
  assert.equal(await sqlValue(`SELECT name FROM users WHERE id = ${user.id}`), user.name);
});

/** Every row of every program's route table: { program, methods, pattern, flags }. */
function routeTables() {
  const out = [];
  const root = join(REPO, 'cgi-bin');
  for (const program of readdirSync(root)) {
    if (program === 'lib' || program === 'cli') continue;
    let dir;
    try {
      dir = readdirSync(join(root, program)).filter((f) => f.endsWith('.c'));
    } catch {
      continue;
    }
    for (const f of dir) {
      const src = readFileSync(join(root, program, f), 'utf8');
      const table = /routes\[\]\s*=\s*\{([\s\S]*?)\n\};/.exec(src);
      if (!table) continue;
      for (const m of table[1].matchAll(/\{\s*([A-Z_| ]+),\s*"([^"]+)",\s*\w+,\s*[^,]+,\s*([^}]+?)\s*\}/g))
        out.push({ program, methods: m[1], pattern: m[2], flags: m[3] });
    }
  }
  return out;
}

test('every POST route of every program refuses a missing or wrong token', async () => {
  const everything = await createUser({ tag: 'csrfall', roles: 'requester,agent,editor,approver,admin' });
  const c = await signedIn(everything);
  const posts = routeTables().filter((r) => r.methods.includes('M_POST') && !r.flags.includes('RF_NO_CSRF'));
  assert.ok(posts.length >= 10, `found the POST routes (${posts.length})`);
  for (const route of posts) {
    const path = route.pattern.replace(/\/\*\*$/, '/x').replace(/\*/g, '1');
    for (const [what, csrf] of [['no token', false], ['wrong token', rnd(64)]]) {
      const r = await c.post(path, { name: 'x', title: 'x', body: 'x', email: 'x@example.org' }, { csrf });
      assert.equal(r.status, 403, `${route.program} POST ${path} with ${what}`);
      assert.ok(shows(r.text, en['error.csrf']), `${route.program} POST ${path}: refused for the token`);
    }
  }
  assert.equal(await c.signedIn(), true, 'the session survived all of that');
});
