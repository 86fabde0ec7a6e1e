// 0A-sso.test.mjs - single sign-on through REMOTE_USER, for real behind nginx
// and Apache. The stack is restarted with security.trust_remote_user (and
// remote_user_autocreate) on or off, and with a second port where the web
// server itself checks HTTP basic credentials (STATE/sso.htpasswd) and passes
// the user it verified as REMOTE_USER, as a sign-on module would
// (scripts/stack.sh, VT_SSO_PORT). On the main port the web server sets no
// REMOTE_USER, and nothing a client sends may sign anyone in. At the end the
// stack is restarted as it was.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  clearThrottle, Client, createUser, freePort, q, rawRequest, REPO, rnd, shows, signedIn, sql, sqlValue,
  STATE, uniqueEmail,
} from './lib.mjs';

const PORT = readFileSync(join(STATE, 'run/port'), 'utf8').trim();
const SERVER = readFileSync(join(STATE, 'run/webserver'), 'utf8').trim();
const HTPASSWD = join(STATE, 'sso.htpasswd');
let SSO_BASE;


/** Restart programs and web server of the stack with these settings. */
function restart({ trust = false, autocreate = false, ssoPort = '' } = {}) {
  const env = {
    ...process.env,
    VT_TRUST_REMOTE_USER: trust ? '1' : '',
    VT_REMOTE_USER_AUTOCREATE: autocreate ? '1' : '',
    VT_SSO_PORT: String(ssoPort),
  };
  return new Promise((resolve, reject) => {
    execFile('bash', [join(REPO, 'scripts/stack.sh'), 'start', STATE, PORT, SERVER], { env },
      (err, stdout, stderr) => (err ? reject(new Error(`stack restart failed: ${stderr}`)) : resolve()));
  });
}

/** The users the sign-on port knows, as { user: password }; {SHA} entries
 * (understood by nginx and Apache alike). */
function writeHtpasswd(users) {
  const lines = Object.entries(users).map(([u, pw]) =>
    `${u}:{SHA}${createHash('sha1').update(pw).digest('base64')}`);
  writeFileSync(HTPASSWD, lines.join('\n') + '\n', { mode: 0o644 });
}

/** "Authorization: Basic" for user:password. */
function basic(user, pw = 'whatever') {
  return `Basic ${Buffer.from(`${user}:${pw}`).toString('base64')}`;
}

/** A client of the sign-on port that the web server knows as user. */
function ssoClient(user, pw) {
  return new Client({ base: SSO_BASE, headers: { authorization: basic(user, pw) } });
}

const PW = `sso-${rnd(12)}`;
let member, member2, admin, off, unknown, fresh, longFresh, mixedCase;

/** Headers a client might use to pass itself off as someone. */
function forged(email) {
  return {
    authorization: basic(email),
    'remote-user': email,
    'x-remote-user': email,
    'x-forwarded-user': email,
    remote_user: email,
    'x-auth-request-email': email,
  };
}

/** Asserts that nobody is signed in for requests sent with these headers on
 * the main port: /account sends to the sign-in page, /admin/ too. */
async function assertNobody(headers, what) {
  const c = new Client({ headers });
  assert.equal((await c.get('/account')).status, 303, `${what}: /account asks to sign in`);
  assert.equal((await c.get('/admin/')).status, 303, `${what}: /admin/ asks to sign in`);
  assert.equal(c.cookie('vsid'), undefined, `${what}: no session cookie`);
}

before(async () => {
  await clearThrottle();
  member = await createUser({ tag: 'sso-m', password: PW });
  member2 = await createUser({ tag: 'sso-m2', password: PW });
  admin = await createUser({ tag: 'sso-adm', roles: 'requester,admin', password: PW });
  off = await createUser({ tag: 'sso-off', password: PW });
  await sql(`UPDATE users SET active = 0 WHERE id = ${off.id}`);
  unknown = uniqueEmail('sso-unknown');
  fresh = uniqueEmail('sso-new');
  longFresh = `${'l'.repeat(130)}-${rnd(6)}@test.example.org`;
  const [local] = uniqueEmail('sso-case').split('@');
  mixedCase = `${local}@Test.Example.ORG`;
  writeHtpasswd(Object.fromEntries([member, member2, admin, off].map((u) => [u.email, PW])
    .concat([[unknown, PW], [fresh, PW], [longFresh, PW], [mixedCase, PW], ['plainname', PW]])));
  SSO_BASE = `http://127.0.0.1:${await freePort()}`;
});

after(async () => {
  rmSync(HTPASSWD, { force: true });
  await restart();
  await clearThrottle();
});

describe('trust_remote_user off (the default)', () => {
  before(() => restart({ ssoPort: new URL(SSO_BASE).port }));

  test('a user the web server signed in is not signed in by the programs', async () => {
    const c = ssoClient(member.email, PW);
    const r = await c.get('/account');
    assert.equal(r.status, 303, 'the programs do not believe REMOTE_USER');
    assert.equal(Number(await sqlValue(`SELECT COUNT(*) FROM audit_log WHERE action = 'login.sso'
      AND target = ${q(member.email)}`)), 0, 'no sign-on recorded');
  });

  test('the sign-on port itself refuses wrong credentials', async () => {
    const r = await ssoClient(member.email, 'wrong').get('/');
    assert.equal(r.status, 401, 'the web server checks the password');
    assert.equal((await new Client({ base: SSO_BASE }).get('/')).status, 401, 'and asks for one');
  });

  test('headers a client sends sign nobody in', async () => {
    await assertNobody(forged(admin.email), 'forged headers');
  });
});

describe('trust_remote_user on, no automatic accounts', () => {
  before(() => restart({ trust: true, ssoPort: new URL(SSO_BASE).port }));

  test('the web server\'s user is signed in, once, with a session', async () => {
    const c = ssoClient(member.email, PW);
    let r = await c.get('/account');
    assert.equal(r.status, 200, 'signed in by the web server');
    assert.ok(shows(r.text, member.email), 'the account page names the user');
    assert.ok(c.cookie('vsid'), 'a session cookie');
    r = await c.get('/account');
    assert.equal(r.status, 200);
    assert.equal(Number(await sqlValue(`SELECT COUNT(*) FROM sessions WHERE user_id = ${member.id}`)), 1,
      'the second request uses the same session');
    assert.ok(Number(await sqlValue(`SELECT COUNT(*) FROM audit_log WHERE action = 'login.sso'
      AND target = ${q(member.email)}`)) >= 1, 'the sign-on is in the activity log');
    assert.equal((await c.get('/admin/')).status, 403, 'with the account\'s own roles only');
    const a = await ssoClient(admin.email, PW).get('/admin/');
    assert.equal(a.status, 200, 'an administrator signed in by the web server');
  });

  test('when the web server names someone else, the session follows', async () => {
    const c = ssoClient(member.email, PW);
    assert.equal((await c.get('/account')).status, 200);
    c.headers.authorization = basic(member2.email, PW);
    const r = await c.get('/account');
    assert.equal(r.status, 200);
    assert.ok(shows(r.text, member2.email), 'now the other user');
    assert.ok(!shows(r.text, member.email), 'not the first one');
  });

  test('unknown and turned-off users are not signed in, and no account is made', async () => {
    for (const email of [unknown, off.email, 'plainname']) {
      const c = ssoClient(email, PW);
      assert.equal((await c.get('/account')).status, 303, `${email}: not signed in`);
      assert.equal(c.cookie('vsid'), undefined, `${email}: no session`);
    }
    assert.equal(await sqlValue(`SELECT COUNT(*) FROM users WHERE email = ${q(unknown)}`), '0',
      'no account for the unknown user');
    assert.equal(await sqlValue(`SELECT COUNT(*) FROM sessions WHERE user_id = ${off.id}`), '0',
      'no session for the turned-off user');
  });

  test('a session held by the browser does not outlive a sign-on of someone who may not come in', async () => {
    // Signed in as member with a password, then the web server vouches for a
    // turned-off account (or an unknown one) in the same browser.
    for (const email of [off.email, unknown]) {
      const c = await signedIn(member);
      const session = c.cookie('vsid');
      const sso = new Client({ base: SSO_BASE, headers: { authorization: basic(email, PW) } });
      sso.setCookieValue('vsid', session);
      assert.equal((await sso.get('/account')).status, 303, `${email}: nobody is signed in`);
      assert.equal((await c.get('/account')).status, 303, `${email}: the member's session has ended`);
    }
  });

  test('on the main port nothing a client sends signs anyone in', async () => {
    await assertNobody(forged(admin.email), 'forged headers for an admin');
    await assertNobody(forged(member.email), 'forged headers for a member');
    // The same through a raw request (names fetch would refuse or normalise).
    const r = await rawRequest('GET', '/admin/', {
      headers: [`Authorization: ${basic(admin.email)}`, `Remote-User: ${admin.email}`,
        `REMOTE_USER: ${admin.email}`, `Remote_User: ${admin.email}`],
    });
    assert.equal(r.status, 303, 'raw request with forged headers: sign in first');
    // A signed-in member cannot become the admin with such headers either.
    const m = await signedIn(member);
    const a = await m.get('/admin/', { headers: forged(admin.email) });
    assert.equal(a.status, 403, 'still the member');
    const acc = await m.get('/account', { headers: forged(admin.email) });
    assert.ok(shows(acc.text, member.email) && !shows(acc.text, admin.email), 'still the member');
  });

  test('the API does not take a forged user name either', async () => {
    const r = await new Client().get('/api/v1/tickets', { headers: forged(admin.email) });
    assert.equal(r.status, 401);
  });

  test('signing in with a password still works beside the sign-on', async () => {
    const c = await signedIn(member2);
    assert.equal((await c.get('/account')).status, 200);
  });
});

describe('trust_remote_user on, with automatic accounts', () => {
  before(() => restart({ trust: true, autocreate: true, ssoPort: new URL(SSO_BASE).port }));

  test('a first sign-on makes a requester account without a password', async () => {
    const c = ssoClient(fresh, PW);
    const r = await c.get('/account');
    assert.equal(r.status, 200, 'signed in at the first visit');
    const [row] = await sql(`SELECT id, name, roles, active, password_hash FROM users WHERE email = ${q(fresh)}`);
    assert.ok(row, 'the account exists');
    assert.equal(row[1], fresh.split('@')[0], 'named after the address');
    assert.equal(row[2], 'requester', 'a requester only');
    assert.equal(row[3], '1');
    assert.equal(row[4], null, 'no password: only the sign-on lets them in');
    assert.equal(Number(await sqlValue(`SELECT COUNT(*) FROM audit_log WHERE action = 'user.created_sso'
      AND target = ${q(fresh)}`)), 1, 'the creation is in the activity log');
    // Again: the same account, no second one.
    assert.equal((await ssoClient(fresh, PW).get('/account')).status, 200);
    assert.equal(await sqlValue(`SELECT COUNT(*) FROM users WHERE email = ${q(fresh)}`), '1');
  });

  test('a long address and capitals in the domain', async () => {
    const r = await ssoClient(longFresh, PW).get('/account');
    assert.equal(r.status, 200, 'an address longer than a name may be still signs in');
    const name = await sqlValue(`SELECT name FROM users WHERE email = ${q(longFresh)}`);
    assert.equal(name.length, 120, 'the name is cut to its 120 characters');
    const m = await ssoClient(mixedCase, PW).get('/account');
    assert.equal(m.status, 200);
    const [local] = mixedCase.split('@');
    assert.equal(await sqlValue(`SELECT BINARY email FROM users WHERE email = ${q(mixedCase)}`),
      `${local}@test.example.org`, 'the domain is kept in lower case, as the forms do');
  });

  test('turned-off accounts stay out, names that are no address get no account', async () => {
    assert.equal((await ssoClient(off.email, PW).get('/account')).status, 303, 'turned off');
    assert.equal(await sqlValue(`SELECT active FROM users WHERE id = ${off.id}`), '0', 'still off');
    assert.equal((await ssoClient('plainname', PW).get('/account')).status, 303, 'no address');
    assert.equal(await sqlValue("SELECT COUNT(*) FROM users WHERE email = 'plainname'"), '0');
  });

  test('on the main port a forged name makes no account and signs nobody in', async () => {
    const email = uniqueEmail('sso-forged');
    await assertNobody(forged(email), 'forged headers for a new address');
    assert.equal(await sqlValue(`SELECT COUNT(*) FROM users WHERE email = ${q(email)}`), '0',
      'no account made');
  });
});
