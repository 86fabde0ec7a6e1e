// 07-reset.test.mjs - "forgot my password": the same answer for every
// address, a well-formed mail with a single-use expiring link, sessions end.
// Runs the SMTP sink on VT_SMTP_PORT and sends mail with `ventanilla worker --once`.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  assertRedirect, BASE_URL, clearThrottle, Client, createUser, form, html, input, linkIn, links, mailFor,
  q, rnd, sendMail, sha256hex, shows, signedIn, SITE_NAME, sql, sqlValue, startSmtpSink, T,
} from './lib.mjs';

const en = T('en');
const es = T('es');
let sink, user, link;

before(async () => {
  await clearThrottle();
  sink = await startSmtpSink();
  // Whatever earlier runs left queued goes out now, not in the middle of a test.
  await sendMail();
  // Spanish account: the mail is in Spanish and its subject needs encoding.
  user = await createUser({ tag: 'reset', name: 'Íñigo Pérez', lang: 'es' });
});

after(async () => {
  await clearThrottle();
  if (sink) await sink.close();
});

test('the request page and the same answer for known and unknown addresses', async () => {
  const c = new Client({ lang: 'en' });
  let r = await c.get('/password-reset');
  assert.equal(r.status, 200);
  assert.equal(form(r.text, '/password-reset').attrs.method.toLowerCase(), 'post');
  assert.equal(input(form(r.text, '/password-reset').html, 'email').type, 'email');
  const known = await c.post('/password-reset', { email: user.email });
  const unknown = await c.post('/password-reset', { email: `nobody-${rnd(8)}@test.example.org` });
  assert.equal(known.status, 200);
  assert.equal(unknown.status, 200);
  assert.ok(shows(known.text, en['reset.sent']), 'says a link was sent if the account exists');
  assert.equal(known.text, unknown.text, 'byte for byte the same page');
  assert.equal(known.headers.get('set-cookie'), unknown.headers.get('set-cookie'));
  assert.ok(!known.text.includes(user.email), 'the address is not echoed either');
  r = await c.post('/password-reset', { email: 'not an address' });
  assert.equal(r.status, 422, 'malformed address: form error');
  assert.equal(await sqlValue(`SELECT COUNT(*) FROM password_resets WHERE user_id = ${user.id}`), '1',
    'one link for the known address');
  assert.equal(await sqlValue("SELECT COUNT(*) FROM outbox WHERE to_addr LIKE 'nobody-%' AND sent_at IS NULL"),
    '0', 'nothing queued for the unknown address');
});

test('the mail: headers, encoded subject, text and HTML parts with the link', async () => {
  const m = await mailFor(sink, user.email);
  assert.equal(m.envelope.to.length, 1);
  assert.equal(m.envelope.from, 'help@example.org', 'envelope sender from mail.from');
  // Headers every mail needs.
  const date = m.header('Date');
  assert.match(date || '', /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}$/, `Date: ${date}`);
  assert.ok(Math.abs(Date.parse(date) - Date.now()) < 10 * 60 * 1000, 'Date is now');
  assert.match(m.header('Message-ID') || '', new RegExp(`^<[^<>@\\s]+@${BASE_URL.hostname.replace(/\./g, '\\.')}>$`),
    'Message-ID in the site domain');
  assert.equal(m.header('MIME-Version'), '1.0');
  assert.match(m.header('To'), new RegExp(user.email.replace(/[.]/g, '\\.')));
  assert.match(m.header('From'), /help@example\.org/);
  assert.equal(m.header('Auto-Submitted'), 'auto-generated', 'no auto-replies to it');
  assert.match(m.rawSubject, /^=\?UTF-8\?B\?[A-Za-z0-9+/=]+\?=/i, 'non-ASCII subject is RFC 2047 encoded');
  assert.equal(m.subject, es['mail.reset.subject'], 'subject in the account language');
  for (const line of m.raw.split('\r\n')) assert.ok(line.length <= 998, 'no line over 998 octets');
  assert.match(m.header('Content-Type'), /^multipart\/alternative; boundary=/);
  assert.equal(m.parts.length, 2, 'text and HTML');
  assert.match(m.parts[0].type, /^text\/plain; charset=UTF-8/i);
  assert.match(m.parts[1].type, /^text\/html; charset=UTF-8/i);
  // The text part.
  assert.ok(m.text.includes('Íñigo Pérez'), 'greets by name (UTF-8 survives)');
  assert.ok(m.text.includes(es['mail.reset.text']), 'Spanish text');
  link = linkIn(m.text, '/password-reset/');
  assert.match(link || '', /^\/password-reset\/[0-9a-f]{64}$/, 'a link to the site with a 256-bit token');
  assert.ok(m.text.includes(SITE_NAME));
  // The HTML part: the same link, escaped text.
  assert.ok(links(m.html).includes(`${BASE_URL.origin}${link}`), 'HTML part links the same page');
  assert.ok(m.html.includes(html('Íñigo Pérez')));
  assert.match(m.html, /<html\b[^>]*lang="es"/);
  // The token is stored only as a hash.
  const token = link.split('/').pop();
  assert.equal(await sqlValue(`SELECT COUNT(*) FROM password_resets WHERE token_hash = UNHEX(${q(sha256hex(token))})`
    + ` AND user_id = ${user.id} AND expires_at > UTC_TIMESTAMP()`), '1');
  assert.equal(sink.messages.filter((x) => x.to.some((t) => t.startsWith('nobody-'))).length, 0,
    'no mail to the unknown address');
});

test('the link sets a new password once; old sessions end; the new password works', async () => {
  assert.ok(link, 'link from the previous test');
  const session = await signedIn(user);
  const c = new Client();
  let r = await c.get(link);
  assert.equal(r.status, 200);
  assert.equal(form(r.text, link).attrs.method.toLowerCase(), 'post', 'form posts to the same link');
  assert.equal(input(form(r.text, link).html, 'new').type, 'password');
  r = await c.post(link, { new: 'short', confirm: 'short' });
  assert.equal(r.status, 422, 'policy applies');
  assert.ok(shows(r.text, en['password.too_short']));
  r = await c.post(link, { new: 'brand-new-password', confirm: 'brand-new-passwort' });
  assert.equal(r.status, 422, 'confirmation must match');
  assert.equal((await c.get(link)).status, 200, 'failed attempts do not spend the link');
  r = await c.post(link, { new: 'brand-new-password', confirm: 'brand-new-password' });
  assertRedirect(r, '/login?reset=1');
  assert.ok(shows((await c.get('/login?reset=1')).text, en['reset.done']));
  assert.equal(await session.signedIn(), false, 'sessions from before the reset end');
  // Second use.
  r = await c.get(link);
  assert.equal(r.status, 404, 'second visit: 404');
  assert.ok(shows(r.text, en['reset.invalid']));
  r = await c.post(link, { new: 'another-password-2', confirm: 'another-password-2' });
  assert.equal(r.status, 404, 'second use: 404');
  const old = new Client();
  await old.get('/login');
  assert.equal((await old.post('/login', { email: user.email, password: user.password })).status, 422,
    'old password no longer works');
  await new Client().login(user.email, 'brand-new-password');
  assert.ok(Number(await sqlValue("SELECT COUNT(*) FROM audit_log WHERE action = 'password.reset_done'" +
    ` AND target = ${q(user.email)}`)) === 1, 'audited');
});

test('garbage and unknown tokens: 404', async () => {
  const c = new Client();
  for (const t of ['x', 'garbage', rnd(64), rnd(64).toUpperCase(), `${rnd(64)}0`, rnd(63),
    '%3Cscript%3E', `${rnd(32)}%00${rnd(31)}`]) {
    const r = await c.get(`/password-reset/${t}`);
    assert.ok(r.status === 404 || (r.status === 400 && t.includes('%00')), `token ${t}: ${r.status}`);
    const p = await c.post(`/password-reset/${t}`, { new: 'whatever-password', confirm: 'whatever-password' });
    assert.ok(p.status === 404 || (p.status === 400 && t.includes('%00')), `POST token ${t}: ${p.status}`);
  }
});

test('an expired link: 404', async () => {
  const u = await createUser({ tag: 'expire' });
  const c = new Client();
  const r = await c.post('/password-reset', { email: u.email });
  assert.equal(r.status, 200);
  const m = await mailFor(sink, u.email);
  assert.equal(m.subject, en['mail.reset.subject'], 'plain ASCII subject for an English account');
  const l = linkIn(m.text, '/password-reset/');
  assert.ok(l);
  assert.equal((await c.get(l)).status, 200, 'fresh link works');
  await sql(`UPDATE password_resets SET expires_at = UTC_TIMESTAMP() - INTERVAL 1 MINUTE WHERE user_id = ${u.id}`);
  assert.equal((await c.get(l)).status, 404, 'expired: 404');
  const p = await c.post(l, { new: 'expired-link-password', confirm: 'expired-link-password' });
  assert.equal(p.status, 404);
  await new Client().login(u.email, u.password);
});

test('a disabled account gets no link, and its open link stops working', async () => {
  const u = await createUser({ tag: 'rdis' });
  const c = new Client();
  await c.post('/password-reset', { email: u.email });
  const m = await mailFor(sink, u.email);
  const l = linkIn(m.text, '/password-reset/');
  await sql(`UPDATE users SET active = 0 WHERE id = ${u.id}`);
  assert.equal((await c.get(l)).status, 404, 'link of a disabled account');
  const before = Number(await sqlValue(`SELECT COUNT(*) FROM outbox WHERE to_addr = ${q(u.email)}`));
  assert.equal((await c.post('/password-reset', { email: u.email })).status, 200);
  assert.equal(Number(await sqlValue(`SELECT COUNT(*) FROM outbox WHERE to_addr = ${q(u.email)}`)), before,
    'no new mail');
});
