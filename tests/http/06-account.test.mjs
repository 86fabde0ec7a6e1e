// 06-account.test.mjs - the signed-in user's own page: name, language and
// password (right current password, policy, confirmation, other sessions end).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  assertRedirect, byId, clearThrottle, Client, createUser, form, html, input, mainOf, selected, setCookie,
  shows, signedIn, sql, sqlValue, T, textOf,
} from './lib.mjs';

const en = T('en');
const es = T('es');

before(() => clearThrottle());
after(() => clearThrottle());

test('/account needs a sign-in and shows the details', async () => {
  assertRedirect(await new Client().get('/account'), '/login?next=/account');
  const u = await createUser({ tag: 'acc' });
  const c = await signedIn(u);
  const r = await c.get('/account');
  assert.equal(r.status, 200);
  assert.ok(textOf(mainOf(r.text)).includes(u.email), 'e-mail shown');
  const f = form(r.text, '/account');
  assert.equal(f.attrs.method.toLowerCase(), 'post');
  assert.equal(input(f.html, 'name').value, u.name, 'name in the form');
  assert.equal(selected(f.html, 'language'), '', 'language: as the browser');
  assert.ok(form(r.text, '/account/password'), 'password form');
  const j = await c.get('/account', { headers: { accept: 'application/json' } });
  assert.equal(j.json().Account.email, u.email, 'JSON too');
  assert.ok(!JSON.stringify(j.json()).includes('argon2'), 'no password hash in the JSON');
});

test('change name and language', async () => {
  const u = await createUser({ tag: 'acc2' });
  const c = await signedIn(u, { lang: 'en' });
  const name = 'Zoë Ñúñez <b>&</b>';
  let r = await c.post('/account', { name: `  ${name}  `, language: 'es' });
  assertRedirect(r, '/account?saved=1');
  const lang = setCookie(r, 'lang');
  assert.equal(lang && lang.value, 'es', 'language cookie follows the account');
  assert.deepEqual((await sql(`SELECT name, language FROM users WHERE id = ${u.id}`))[0], [name, 'es'],
    'saved trimmed, exactly');
  r = await c.get('/account?saved=1');
  assert.match(r.text, /<html\b[^>]*lang="es"/, 'pages now in Spanish');
  assert.ok(shows(r.text, es['account.saved']), 'notice in Spanish');
  assert.equal(input(form(r.text, '/account').html, 'name').value, name, 'new name');
  assert.ok(r.text.includes(html(name)), 'escaped');
  assert.ok(!r.text.includes('<b>&</b>'), 'markup in the name is not markup');
  assert.equal(selected(form(r.text, '/account').html, 'language'), 'es');
  // Back to "as my browser".
  r = await c.post('/account', { name: u.name, language: '' });
  assertRedirect(r, '/account?saved=1');
  assert.equal(await sqlValue(`SELECT language FROM users WHERE id = ${u.id}`), '');
  c.setCookieValue('lang', undefined);
  assert.match((await c.get('/account')).text, /<html\b[^>]*lang="en"/);
});

test('invalid account changes: 422 and nothing saved', async () => {
  const u = await createUser({ tag: 'acc3' });
  const c = await signedIn(u);
  for (const [fields, field] of [
    [{ name: '', language: 'en' }, 'name'],
    [{ name: '   ', language: 'en' }, 'name'],
    [{ name: 'x'.repeat(121), language: 'en' }, 'name'],
    [{ name: 'Two\nlines', language: 'en' }, 'name'],
    [{ name: 'Fine Name', language: 'fr' }, 'language'],
  ]) {
    const r = await c.post('/account', fields);
    assert.equal(r.status, 422, JSON.stringify(fields));
    assert.ok(shows(r.text, en['form.errors']), 'says what to fix');
    if (field === 'name') assert.ok(byId(r.text, 'name-error'), 'message at the name field');
  }
  assert.deepEqual((await sql(`SELECT name, language FROM users WHERE id = ${u.id}`))[0], [u.name, '']);
  // 120 characters (not bytes) are fine.
  const long = 'ñ'.repeat(120);
  assertRedirect(await c.post('/account', { name: long }), '/account?saved=1');
  assert.equal(await sqlValue(`SELECT name FROM users WHERE id = ${u.id}`), long);
});

test('password change: current password, length, confirmation; other sessions end', async () => {
  const u = await createUser({ tag: 'pw' });
  const a = await signedIn(u);
  const b = await signedIn(u);
  const hash = await sqlValue(`SELECT password_hash FROM users WHERE id = ${u.id}`);
  const fresh = 'abcdefghij'; // exactly 10 characters: the minimum
  const tries = [
    [{ current: 'not-the-password', new: fresh, confirm: fresh }, 'current', en['account.wrong_current']],
    [{ current: u.password, new: 'abcdefghi', confirm: 'abcdefghi' }, 'new', en['password.too_short']],
    [{ current: u.password, new: fresh, confirm: `${fresh}x` }, 'confirm', en['password.mismatch']],
    [{ current: u.password, new: u.email, confirm: u.email }, 'new', en['password.is_email']],
    [{ current: u.password, new: 'p'.repeat(257), confirm: 'p'.repeat(257) }, 'new', en['password.too_long']],
    [{ current: '', new: fresh, confirm: fresh }, 'current', en['form.required']],
  ];
  for (const [fields, field, msg] of tries) {
    const r = await a.post('/account/password', fields);
    assert.equal(r.status, 422, `${field}: ${msg}`);
    assert.equal(byId(r.text, `${field}-error`), msg, `message for ${field}`);
    assert.ok(!r.text.includes(fields.new) || fields.new === u.email, 'passwords are not echoed');
  }
  assert.equal(await sqlValue(`SELECT password_hash FROM users WHERE id = ${u.id}`), hash, 'unchanged so far');
  assert.equal(await b.signedIn(), true, 'other session alive so far');
  const r = await a.post('/account/password', { current: u.password, new: fresh, confirm: fresh });
  assertRedirect(r, '/account?password=1');
  assert.notEqual(await sqlValue(`SELECT password_hash FROM users WHERE id = ${u.id}`), hash);
  const page = await a.get('/account?password=1');
  assert.equal(page.status, 200, 'this session stays');
  assert.ok(shows(page.text, en['account.password_changed']));
  assert.equal(await b.signedIn(), false, 'the other session ended');
  assert.equal(Number(await sqlValue(`SELECT COUNT(*) FROM sessions WHERE user_id = ${u.id}`)), 1);
  const old = new Client();
  await old.get('/login');
  assert.equal((await old.post('/login', { email: u.email, password: u.password })).status, 422, 'old password dead');
  await new Client().login(u.email, fresh);
});
