// 05-throttle.test.mjs - sign-in throttling: 5 failures per account and 20
// per client address within 15 minutes; X-Forwarded-For from an untrusted
// peer changes nothing. Every request here comes from 127.0.0.1, so the
// throttle table is emptied before and after.
import assert from 'node:assert/strict';
import { after, afterEach, beforeEach, test } from 'node:test';
import {
  assertRedirect, clearThrottle, Client, createUser, q, rnd, setCookie, shows, sqlValue, T,
} from './lib.mjs';

const en = T('en');

beforeEach(() => clearThrottle());
afterEach(() => clearThrottle());
after(() => clearThrottle());

test('after 5 failures for one account the 6th attempt is refused, even with the right password', async () => {
  const u = await createUser({ tag: 'thr' });
  const c = new Client();
  await c.get('/login');
  for (let i = 1; i <= 5; i++) {
    const r = await c.post('/login', { email: u.email, password: `wrong-${i}-password` });
    assert.equal(r.status, 422, `failure ${i}`);
  }
  let r = await c.post('/login', { email: u.email, password: u.password });
  assert.equal(r.status, 429, 'sixth attempt throttled');
  assert.ok(shows(r.text, en['login.throttled']), 'says to wait');
  assert.ok(Number(r.headers.get('retry-after')) > 0, 'Retry-After');
  assert.equal(setCookie(r, 'vsid'), undefined, 'no session');
  assert.equal(await c.signedIn(), false);
  assert.ok(Number(await sqlValue("SELECT COUNT(*) FROM audit_log WHERE action = 'login.throttled'" +
    ` AND target = ${q(u.email)}`)) > 0, 'throttling audited');
  // Another account from the same address is not locked by this one.
  const v = await createUser({ tag: 'thr2' });
  await new Client().login(v.email, v.password);
  // Once the window has passed (entries gone), the right password works again.
  await clearThrottle();
  r = await c.post('/login', { email: u.email, password: u.password });
  assertRedirect(r, '/');
});

test('a success clears the account counter', async () => {
  const u = await createUser({ tag: 'thr3' });
  const c = new Client();
  for (let i = 0; i < 4; i++)
    assert.equal((await c.post('/login', { email: u.email, password: 'nope-nope-nope' })).status, 422);
  await c.login(u.email, u.password);
  const d = new Client();
  for (let i = 0; i < 4; i++)
    assert.equal((await d.post('/login', { email: u.email, password: 'nope-nope-nope' })).status, 422,
      `failure ${i + 1} after the success: not yet throttled`);
  await d.login(u.email, u.password);
});

test('the per-address limit (20) holds, and X-Forwarded-For does not get around it', async () => {
  const u = await createUser({ tag: 'thr4' });
  const c = new Client();
  await c.get('/login');
  // 20 failures on 20 unknown accounts (so the per-account limit never applies),
  // each claiming another client address.
  for (let i = 1; i <= 20; i++) {
    const r = await c.post('/login', { email: `nobody-${rnd(8)}@test.example.org`, password: 'nope-nope' },
      { headers: { 'x-forwarded-for': `203.0.113.${i}`, 'x-real-ip': `203.0.113.${i}` } });
    assert.equal(r.status, 422, `failure ${i}`);
  }
  assert.equal(await sqlValue("SELECT COUNT(DISTINCT subject) FROM throttle WHERE kind = 'login_address'"), '1',
    'all failures counted against one address');
  let r = await c.post('/login', { email: u.email, password: u.password },
    { headers: { 'x-forwarded-for': '198.51.100.7' } });
  assert.equal(r.status, 429, 'the address is throttled whatever X-Forwarded-For says');
  r = await c.post('/login', { email: u.email, password: u.password });
  assert.equal(r.status, 429, 'and without the header');
  assert.equal(await c.signedIn(), false);
});
