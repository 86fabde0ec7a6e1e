// 03-login.test.mjs - signing in and out: the session cookie, session
// rotation, server-side logout, the "next" parameter, refusals.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  assertRedirect, byId, clearThrottle, Client, createUser, form, HEX64, input, links, mainOf, q, rnd,
  setCookie, sha256hex, shows, signedIn, sql, sqlValue, T, ventanilla,
} from './lib.mjs';

const en = T('en');
let user;

before(async () => {
  await clearThrottle();
  user = await createUser({ tag: 'login' });
});

after(() => clearThrottle());

test('the sign-in page: a form posting to /login with a token', async () => {
  const c = new Client();
  const r = await c.get('/login');
  assert.equal(r.status, 200);
  const f = form(r.text, '/login');
  assert.equal(f.attrs.method.toLowerCase(), 'post');
  assert.equal(input(f.html, 'email').type, 'email');
  assert.equal(input(f.html, 'password').type, 'password');
  assert.match(input(f.html, 'csrf').value, HEX64, 'form token');
  assert.equal(input(f.html, 'csrf').type, 'hidden');
  assert.ok(links(r.text).includes('/password-reset'), 'a way out for forgotten passwords');
  const anon = setCookie(r, 'vcsrf');
  assert.ok(anon, 'anonymous form-token cookie');
  assert.match(anon.value, HEX64);
  assert.ok(anon.attrs.httponly && anon.attrs.samesite === 'Lax', 'form-token cookie is HttpOnly, Lax');
});

test('success: 303, vsid cookie HttpOnly + SameSite=Lax (no Secure over http), session in DB', async () => {
  const c = new Client();
  await c.get('/login');
  const r = await c.post('/login', { email: user.email, password: user.password });
  assertRedirect(r, '/');
  const sid = setCookie(r, 'vsid');
  assert.ok(sid, 'session cookie set');
  assert.match(sid.value, HEX64, '256 random bits in hex');
  assert.equal(sid.attrs.httponly, true, 'HttpOnly');
  assert.equal(sid.attrs.samesite, 'Lax', 'SameSite=Lax');
  assert.equal(sid.attrs.secure, undefined, 'no Secure flag over plain http');
  assert.equal(sid.attrs.path, '/');
  assert.equal(sid.attrs['max-age'], undefined, 'a browser-session cookie');
  // Only the hash of the token is stored.
  assert.equal(await sqlValue(`SELECT COUNT(*) FROM sessions WHERE id = UNHEX(${q(sha256hex(sid.value))})` +
    ` AND user_id = ${user.id}`), '1', 'session row holds the SHA-256 of the token');
  assert.equal(await sqlValue(`SELECT COUNT(*) FROM sessions WHERE HEX(id) = ${q(sid.value.toUpperCase())}`),
    '0', 'the raw token is not stored');
  const acc = await c.get('/account');
  assert.equal(acc.status, 200);
  assert.ok(shows(acc.text, user.email), 'the account page shows who is signed in');
  assert.notEqual(await sqlValue(`SELECT last_login_at FROM users WHERE id = ${user.id}`), null,
    'last sign-in recorded');
});

test('e-mail addresses are matched without regard to the case of the domain', async () => {
  const c = new Client();
  const [local, domain] = user.email.split('@');
  await c.get('/login');
  const r = await c.post('/login', { email: `${local}@${domain.toUpperCase()}`, password: user.password });
  assertRedirect(r, '/');
});

test('every sign-in gets a new session id: planted and old ids are never reused', async () => {
  const planted = rnd(64);
  const c = new Client();
  c.setCookieValue('vsid', planted);
  let r = await c.get('/login');
  assert.equal(r.status, 200, 'an unknown session id is just anonymous');
  assert.equal(c.cookie('vsid'), undefined, 'unknown session cookie is cleared');
  c.setCookieValue('vsid', planted);
  await c.login(user.email, user.password);
  const first = c.cookie('vsid');
  assert.notEqual(first, planted, 'fixation: the planted id is not adopted');
  // Signing in again from the same browser replaces the session.
  r = await c.post('/login', { email: user.email, password: user.password });
  assertRedirect(r, '/');
  const second = c.cookie('vsid');
  assert.match(second, HEX64);
  assert.notEqual(second, first, 'a second sign-in rotates the id');
  const old = new Client();
  old.setCookieValue('vsid', first);
  assert.equal(await old.signedIn(), false, 'the replaced session no longer works');
  assert.equal(await c.signedIn(), true, 'the new one does');
});

test('the form token changes with the session: the anonymous token is refused after sign-in', async () => {
  const c = new Client();
  await c.get('/login');
  const anonToken = await c.csrf();
  await c.login(user.email, user.password);
  const signedToken = await c.csrf();
  assert.notEqual(signedToken, anonToken);
  let r = await c.post('/account', { name: 'Nobody' }, { csrf: anonToken });
  assert.equal(r.status, 403, 'token of the anonymous visit no longer valid');
  assert.equal(await sqlValue(`SELECT name FROM users WHERE id = ${user.id}`), user.name);
  r = await c.post('/account', { name: user.name }, { csrf: signedToken });
  assertRedirect(r, '/account?saved=1');
});

test('GET /logout asks first; POST /logout ends the session on the server', async () => {
  const c = await signedIn(user);
  const sid = c.cookie('vsid');
  let r = await c.get('/logout');
  assert.equal(r.status, 200);
  const f = form(mainOf(r.text), '/logout');
  assert.equal(f.attrs.method.toLowerCase(), 'post', 'confirmation form in the page');
  assert.match(input(f.html, 'csrf').value, HEX64, 'with the form token');
  assert.ok(shows(r.text, en['logout.confirm']));
  assert.equal(await c.signedIn(), true, 'GET /logout did not sign out');
  r = await c.post('/logout', {});
  assertRedirect(r, '/');
  const cleared = setCookie(r, 'vsid');
  assert.ok(cleared && cleared.value === '' && cleared.attrs['max-age'] === '0', 'cookie cleared');
  assert.equal(await sqlValue(`SELECT COUNT(*) FROM sessions WHERE id = UNHEX(${q(sha256hex(sid))})`), '0',
    'session row deleted');
  const replay = new Client();
  replay.setCookieValue('vsid', sid);
  assert.equal(await replay.signedIn(), false, 'the old cookie no longer works');
  r = await new Client().get('/logout');
  assertRedirect(r, '/', 'GET /logout when not signed in');
});

test('next: local paths honoured, anything else goes home', async () => {
  const cases = [
    ['/account', '/account'],
    ['/search?q=vpn', '/search?q=vpn'],
    ['//evil.example', '/'],
    ['//evil.example/path', '/'],
    ['https://evil.example/', '/'],
    ['http:evil.example', '/'],
    ['/\\evil.example', '/'],
    ['javascript:alert(1)', '/'],
    ['/login', '/'],
    ['/logout', '/'],
    ['', '/'],
  ];
  const c = new Client();
  for (const [next, want] of cases) {
    const r = await c.post('/login', { email: user.email, password: user.password, next });
    assertRedirect(r, want, `next=${JSON.stringify(next)}`);
  }
  // The sign-in page refuses to carry a foreign next into its form.
  const p = await new Client().get(`/login?next=${encodeURIComponent('//evil.example')}`);
  assert.equal(input(form(p.text, '/login').html, 'next').value, '/');
  // Already signed in: /login?next=... goes straight there (local only).
  let r = await c.get('/login?next=/account');
  assertRedirect(r, '/account');
  r = await c.get(`/login?next=${encodeURIComponent('https://evil.example/')}`);
  assertRedirect(r, '/');
});

test('wrong password: 422, a message, no session cookie, audit entry', async () => {
  const c = new Client();
  await c.get('/login');
  const r = await c.post('/login', { email: user.email, password: `${user.password}x` });
  assert.equal(r.status, 422);
  assert.ok(shows(r.text, en['login.bad']), 'says the address and password do not match');
  assert.equal(setCookie(r, 'vsid'), undefined, 'no session cookie');
  assert.equal(input(form(r.text, '/login').html, 'email').value, user.email, 'the address is kept in the form');
  assert.ok(!r.text.includes(`${user.password}x`), 'the password is not echoed');
  // Unknown address: the same answer.
  const u = await c.post('/login', { email: `nobody-${rnd(8)}@test.example.org`, password: 'whatever-123' });
  assert.equal(u.status, 422);
  assert.ok(shows(u.text, en['login.bad']));
  assert.equal(await c.signedIn(), false);
  assert.ok(Number(await sqlValue('SELECT COUNT(*) FROM audit_log WHERE action = \'login.failed\'' +
    ` AND target = ${q(user.email)}`)) > 0, 'failed sign-in audited');
});

test('JSON clients get the refusal and the field errors too', async () => {
  const c = new Client();
  await c.get('/login');
  const json = { accept: 'application/json' };
  let r = await c.post('/login', { email: user.email, password: 'wrong-password-2' }, { headers: json });
  assert.equal(r.status, 422);
  assert.match(r.headers.get('content-type'), /^application\/json/);
  assert.equal(r.json().Error, en['login.bad'], 'the message');
  r = await c.post('/login', { email: '', password: '' }, { headers: json });
  assert.equal(r.status, 422);
  assert.deepEqual(r.json().Errors, { email: en['form.required'], password: en['form.required'] });
  assert.equal(setCookie(r, 'vsid'), undefined);
});

test('missing or malformed fields: 422 with field errors, no session', async () => {
  const c = new Client();
  let r = await c.post('/login', { email: '', password: '' });
  assert.equal(r.status, 422);
  assert.equal(byId(r.text, 'email-error'), en['form.required']);
  assert.equal(byId(r.text, 'password-error'), en['form.required']);
  assert.equal(input(r.text, 'email')['aria-invalid'], 'true', 'field marked invalid');
  r = await c.post('/login', { email: 'not-an-address', password: 'x' });
  assert.equal(r.status, 422);
  assert.ok(shows(r.text, en['form.email']));
  r = await c.post('/login', { email: user.email, password: 'p'.repeat(257) });
  assert.equal(r.status, 422, 'over-long password refused before hashing');
  assert.equal(await c.signedIn(), false);
});

test('a disabled account cannot sign in, and its sessions end', async () => {
  const u = await createUser({ tag: 'disabled' });
  const before = await signedIn(u);
  await ventanilla(['user', 'disable', u.email]);
  assert.equal(await before.signedIn(), false, 'open session ended');
  const c = new Client();
  await c.get('/login');
  const r = await c.post('/login', { email: u.email, password: u.password });
  assert.equal(r.status, 422, 'right password, disabled account');
  assert.ok(shows(r.text, en['login.bad']), 'same message as a wrong password');
  assert.equal(setCookie(r, 'vsid'), undefined);
  // Even a session row made behind the program's back is not honoured.
  const token = rnd(64);
  await sql(`INSERT INTO sessions (id, user_id) VALUES (UNHEX(${q(sha256hex(token))}), ${u.id})`);
  const forged = new Client();
  forged.setCookieValue('vsid', token);
  assert.equal(await forged.signedIn(), false, 'sessions of disabled users are ignored');
  await ventanilla(['user', 'enable', u.email]);
  await new Client().login(u.email, u.password);
});

test('idle and expired sessions are refused', async () => {
  const c = await signedIn(user);
  const hash = sha256hex(c.cookie('vsid'));
  await sql(`UPDATE sessions SET last_seen = UTC_TIMESTAMP() - INTERVAL 1 DAY WHERE id = UNHEX(${q(hash)})`);
  assert.equal(await c.signedIn(), false, 'idle for a day: signed out');
  const d = await signedIn(user);
  await sql(`UPDATE sessions SET created_at = UTC_TIMESTAMP() - INTERVAL 2 DAY WHERE id = UNHEX(${q(sha256hex(d.cookie('vsid')))})`);
  assert.equal(await d.signedIn(), false, 'older than the absolute limit: signed out');
});
