// 09-hostile.test.mjs - malformed and hostile requests get a 4xx answer (never
// a 500 or a dropped connection), escaping holds, and the programs keep
// answering. Raw sockets send what fetch would normalise.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  assertRedirect, assertSecurityHeaders, BASE, bigBody, clearThrottle, Client, createUser, form, input, q, raw,
  rawRequest, rnd, signedIn, sqlValue,
} from './lib.mjs';

let user, admin, u, a;

before(async () => {
  await clearThrottle();
  user = await createUser({ tag: 'hos' });
  admin = await createUser({ tag: 'hosadm', roles: 'requester,admin' });
  u = await signedIn(user);
  a = await signedIn(admin);
});

after(() => clearThrottle());

const is4xx = (s) => s >= 400 && s < 500;
/** The answer came from one of our programs (they set the CSP), not the web server. */
const fromProgram = (r) => /frame-ancestors 'none'/.test(r.headers['content-security-policy'] || '');

/** The programs still answer: /hello says hello. */
async function alive(what) {
  const r = await new Client().get('/hello');
  assert.equal(r.status, 200, `/hello answers after ${what}`);
  assert.equal(r.text, 'Hello, world\n');
}

test('unknown paths: 404 from every program', async () => {
  const c = new Client();
  for (const p of ['/nope', '/kb/nope', '/community/nope', '/catalog/nope', '/tickets/nope/nope/nope',
    '/admin/nope', '/admin/users/1/x', '/search/x', '/password-reset/', '/account/']) {
    const r = await c.get(p);
    assert.equal(r.status, 404, p);
    assert.match(r.text, /<html\b[^>]*lang="en"/, `${p}: a real page`);
    assertSecurityHeaders(r.headers, p);
  }
});

test('wrong methods: 405 with Allow', async () => {
  const c = new Client();
  for (const [method, path, allow] of [['PUT', '/', 'GET, HEAD'], ['DELETE', '/account', 'GET, HEAD, POST'],
    ['OPTIONS', '/login', 'GET, HEAD, POST'], ['PATCH', '/kb/', 'GET, HEAD'], ['POST', '/catalog/', 'GET, HEAD'],
    ['POST', '/hello', 'GET, HEAD'], ['GET', '/account/password', 'POST']]) {
    const r = await c.request(path, { method, body: method === 'GET' ? undefined : 'x=1',
      headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    assert.equal(r.status, 405, `${method} ${path}`);
    assert.equal(r.headers.get('allow'), allow, `${method} ${path} Allow`);
  }
  const r = await rawRequest('BREW', '/');
  assert.ok(is4xx(r.status) || r.status === 501, `made-up method: ${r.status}`);
  await alive('wrong methods');
});

test('bodies over 10 MB: 413', async () => {
  const c = new Client();
  for (const path of ['/login', '/admin/users']) {
    const r = await c.request(path, { method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `csrf=x&${bigBody(170)}` });
    assert.equal(r.status, 413, path);
    assertSecurityHeaders(r.headers, `413 ${path}`);
  }
  // Just under the limit the body is read (and refused for its missing token instead).
  const under = await c.request('/login', { method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `csrf=x&${bigBody(160)}` });
  assert.equal(under.status, 403, '9.9 MB is within the limit');
  const r = await rawRequest('POST', '/login', { headers: ['Content-Type: application/x-www-form-urlencoded',
    'Content-Length: 999999999999'] });
  assert.ok(is4xx(r.status), `absurd Content-Length: ${r.status}`);
  await alive('large bodies');
});

test('too many fields, too long values: 413', async () => {
  const c = new Client();
  const many = Array.from({ length: 1000 }, (_, i) => `f${i}=${i}`).join('&');
  let r = await c.get(`/search?${many.slice(0, 3900)}`);
  assert.equal(r.status, 413, 'hundreds of query fields');
  r = await c.request('/login', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: many });
  assert.equal(r.status, 413, '1000 form fields');
  r = await c.request('/login', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: `email=${'a'.repeat(300000)}` });
  assert.equal(r.status, 413, 'one 300 KB field (limits.max_value is 256 KiB)');
  r = await c.get(`/search?q=${'a'.repeat(5000)}`);
  assert.ok(is4xx(r.status), `5 KB request line: ${r.status}`);
  await alive('many fields');
});

test('invalid UTF-8, NUL and control characters: 400', async () => {
  const c = new Client();
  for (const qs of ['q=%ff', 'q=%c0%af', 'q=%ed%a0%80', 'q=%f4%90%80%80', 'q=a%00b', 'q=%01', 'q=%1b[31m',
    'q=%7f', '%00=x', 'q%ff=x']) {
    const r = await c.get(`/search?${qs}`);
    assert.equal(r.status, 400, `query ${qs}`);
  }
  for (const p of ['/%ff', '/kb/%c3', '/search%01', '/admin/%00']) {
    const r = await c.get(p);
    // Apache answers an encoded NUL in the path itself (404); the rest reach the programs.
    if (p.endsWith('%00')) assert.ok(is4xx(r.status), `path ${p}: ${r.status}`);
    else assert.equal(r.status, 400, `path ${p}`);
  }
  // In form bodies (with a valid token, so only the content is wrong).
  for (const body of ['email=a%00b%40example.org&password=x', 'email=%ff%40example.org&password=x',
    'email=x%40example.org&password=%08secret']) {
    const r = await c.request('/login', { method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `${body}&csrf=${await c.csrf()}` });
    assert.equal(r.status, 400, `form ${body}`);
  }
  const before = await sqlValue(`SELECT name FROM users WHERE id = ${user.id}`);
  const r = await u.request('/account', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: `name=Bad%00Name&csrf=${await u.csrf()}` });
  assert.equal(r.status, 400);
  assert.equal(await sqlValue(`SELECT name FROM users WHERE id = ${user.id}`), before, 'nothing saved');
  // Raw bytes that are not UTF-8 in the request line.
  const rr = await raw(Buffer.concat([Buffer.from('GET /search?q='), Buffer.from([0xff, 0xfe]),
    Buffer.from(` HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`)]));
  assert.ok(is4xx(rr.status), `raw bytes: ${rr.status}`);
  await alive('bad characters');
});

test('bad percent-escapes: 400', async () => {
  const c = new Client();
  for (const qs of ['q=%zz', 'q=%', 'q=%2', 'q=100%', 'q=%%41', 'q=%g0']) {
    const r = await c.get(`/search?${qs}`);
    assert.equal(r.status, 400, `query ${qs}`);
  }
  for (const target of ['/search%zz', '/kb/%', '/admin/users%2']) {
    const r = await rawRequest('GET', target);
    assert.equal(r.status, 400, `path ${target}`);
  }
  const r = await c.request('/login', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: `email=%zz&csrf=${await c.csrf()}` });
  assert.equal(r.status, 400, 'form');
  await alive('bad escapes');
});

test('dot segments and other path tricks never reach a page they should not', async () => {
  const cookie = `vsid=${u.cookie('vsid')}`;
  for (const target of ['/admin/../admin/users', '/kb/../admin/', '/kb/../account', '/catalog/./',
    '/kb/%2e%2e/admin/users', '/kb%2F..%2Fadmin%2Fusers', '/admin/.%2e/admin/users']) {
    const r = await rawRequest('GET', target, { headers: [`Cookie: ${cookie}`] });
    // The programs refuse dot segments (400); a web server may refuse first.
    if (fromProgram(r)) assert.equal(r.status, 400, `${target}: refused by the program`);
    else assert.ok(is4xx(r.status), `${target}: ${r.status}`);
    assert.ok(!/<h1>(Users|Administration)<\/h1>/.test(r.body), `${target}: no admin page`);
  }
  // An admin's dot-segment request is refused too: the programs route on what they get.
  const r = await rawRequest('GET', '/admin/../admin/users', { headers: [`Cookie: vsid=${a.cookie('vsid')}`] });
  assert.ok(is4xx(r.status), `admin with dot segments: ${r.status}`);
  if (fromProgram(r)) assert.equal(r.status, 400);
  for (const target of ['/static/../../../../etc/passwd', '/static/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
    '/../../../../etc/passwd', '/static/..%2f..%2f..%2fetc/passwd']) {
    const x = await rawRequest('GET', target);
    assert.ok(is4xx(x.status), `${target}: ${x.status}`);
    assert.ok(!x.body.includes('root:'), `${target}: no file from outside htdocs`);
  }
  const d = await rawRequest('GET', '//admin/users', { headers: [`Cookie: ${cookie}`] });
  assert.notEqual(d.status, 200, `//admin/users as a requester: ${d.status}`);
  await alive('path tricks');
});

test('absurd headers: long cookies, many cookies, broken session cookies, odd languages', async () => {
  let r = await rawRequest('GET', '/', { headers: [`Cookie: a=${'x'.repeat(20000)}`] });
  assert.ok(is4xx(r.status), `20 KB cookie: ${r.status}`);
  r = await rawRequest('GET', '/', { headers: [`Cookie: ${Array.from({ length: 300 }, (_, i) => `c${i}=${i}`).join('; ')}`] });
  assert.ok(is4xx(r.status) || r.status === 200, `300 cookies: ${r.status}`);
  const c = new Client();
  for (const v of ["' OR 1=1 --", 'x'.repeat(64), rnd(63), `${rnd(64)}; vsid=${rnd(64)}`, '%00', '"quoted"']) {
    const x = await c.get('/account', { headers: { cookie: `vsid=${v}` } });
    assert.equal(x.status, 303, `vsid=${v}: treated as signed out`);
  }
  for (const lang of ['es;q=abc', 'es;q=-1, en;q=0', `${'es,'.repeat(2000)}en`, ';;;,,,', 'es-ES;q=1e308',
    'x'.repeat(4000)]) {
    const x = await c.get('/', { headers: { 'accept-language': lang } });
    assert.equal(x.status, 200, `Accept-Language ${lang.slice(0, 30)}`);
    assert.match(x.text, /<html\b[^>]*lang="(en|es)"/);
  }
  r = await c.get('/', { headers: { accept: 'application/json'.padEnd(3000, ',x') } });
  assert.equal(r.status, 200);
  r = await c.get('/', { headers: { 'user-agent': 'u'.repeat(6000), 'x-forwarded-for': 'not an address' } });
  assert.equal(r.status, 200);
  await alive('absurd headers');
});

test('multipart: a correct form works, broken ones are refused', async () => {
  const c = new Client();
  await c.get('/login');
  const token = await c.csrf();
  const part = (b, name, value) => `--${b}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  const b = `----vt${rnd(12)}`;
  const good = part(b, 'csrf', token) + part(b, 'email', user.email) + part(b, 'password', user.password) +
    part(b, 'next', '/account') + `--${b}--\r\n`;
  let r = await c.request('/login', { method: 'POST', headers: { 'content-type': `multipart/form-data; boundary=${b}` },
    body: good });
  assertRedirect(r, '/account', 'multipart sign-in');
  const d = new Client();
  await d.get('/login');
  const t = await d.csrf();
  const cases = [
    ['boundary not in the body', `multipart/form-data; boundary=${b}X`, good.replace(token, t)],
    ['no boundary parameter', 'multipart/form-data', good.replace(token, t)],
    ['empty boundary', 'multipart/form-data; boundary=', good.replace(token, t)],
    ['boundary over 70 characters', `multipart/form-data; boundary=${'b'.repeat(100)}`,
      part('b'.repeat(100), 'csrf', t) + `--${'b'.repeat(100)}--\r\n`],
    ['no closing delimiter', `multipart/form-data; boundary=${b}`, part(b, 'csrf', t) + part(b, 'email', 'x')],
    ['part without headers', `multipart/form-data; boundary=${b}`, `--${b}\r\n\r\nvalue\r\n--${b}--\r\n`],
    ['part without a name', `multipart/form-data; boundary=${b}`,
      `--${b}\r\nContent-Disposition: form-data\r\n\r\nvalue\r\n--${b}--\r\n`],
    ['header block never ends', `multipart/form-data; boundary=${b}`,
      `--${b}\r\nContent-Disposition: form-data; name="a"\r\n${'X-A: b\r\n'.repeat(2000)}`],
    ['garbage', `multipart/form-data; boundary=${b}`, rnd(500)],
    ['invalid UTF-8 in a text part', `multipart/form-data; boundary=${b}`,
      part(b, 'csrf', t) + `--${b}\r\nContent-Disposition: form-data; name="email"\r\n\r\n\xff\xfe\r\n--${b}--\r\n`],
  ];
  for (const [what, ctype, body] of cases) {
    r = await d.request('/login', { method: 'POST', headers: { 'content-type': ctype },
      body: Buffer.from(body, 'latin1') });
    assert.ok(r.status === 400 || r.status === 413, `${what}: ${r.status}`);
    assert.equal(d.cookie('vsid'), undefined, `${what}: no session`);
  }
  const many = Array.from({ length: 20 }, (_, i) =>
    `--${b}\r\nContent-Disposition: form-data; name="f${i}"; filename="f${i}.txt"\r\n\r\nx\r\n`).join('') + `--${b}--\r\n`;
  r = await d.request('/login', { method: 'POST', headers: { 'content-type': `multipart/form-data; boundary=${b}` },
    body: many });
  assert.equal(r.status, 413, '20 files (limit 10)');
  await alive('multipart');
});

test('POST without Content-Length, with a wrong or missing Content-Type', async () => {
  let r = await rawRequest('POST', '/login', { headers: ['Content-Type: application/x-www-form-urlencoded'] });
  assert.equal(r.status, 411, 'no Content-Length');
  const c = new Client();
  await c.get('/login');
  for (const ctype of ['text/plain', 'text/xml', 'application/octet-stream', 'form-urlencoded']) {
    r = await c.request('/login', { method: 'POST', headers: { 'content-type': ctype },
      body: `email=${encodeURIComponent(user.email)}&password=${user.password}&csrf=${await c.csrf()}` });
    assert.equal(r.status, 415, ctype);
    assert.equal(c.cookie('vsid'), undefined, `${ctype}: no session`);
  }
  r = await rawRequest('POST', '/login', { headers: ['Content-Length: 5'], body: 'a=b&c' });
  assert.equal(r.status, 415, 'body without Content-Type');
  r = await c.request('/login', { method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: user.email, password: user.password }) });
  assert.equal(r.status, 403, 'JSON to a form route: no token, refused');
  r = await rawRequest('POST', '/login', { headers: ['Content-Type: application/x-www-form-urlencoded',
    'Content-Length: -5'] });
  assert.ok(is4xx(r.status), `negative Content-Length: ${r.status}`);
  r = await rawRequest('POST', '/login', { headers: ['Content-Type: application/x-www-form-urlencoded',
    'Content-Length: 3', 'Content-Length: 4'], body: 'a=bc' });
  assert.ok(is4xx(r.status), `two Content-Lengths: ${r.status}`);
  await alive('bad bodies');
});

test('HTML and script in input come back escaped', async () => {
  const c = new Client();
  const evil = '<script>alert(1)</script>';
  let r = await c.get(`/search?q=${encodeURIComponent(evil)}`);
  assert.equal(r.status, 200);
  assert.ok(r.text.includes('&lt;script&gt;alert(1)&lt;/script&gt;'), 'shown escaped');
  assert.ok(!r.text.includes(evil), 'never raw');
  const attr = '"><img src=x onerror=alert(1)>';
  r = await c.get(`/search?q=${encodeURIComponent(attr)}`);
  assert.equal(input(form(r.text, '/search').html, 'q').value, attr, 'kept as text in the field');
  assert.ok(r.text.includes('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;'), 'attribute escaped');
  assert.ok(!r.text.includes('<img src=x'), 'no injected element');
  r = await c.get(`/kb/?q=${encodeURIComponent(evil)}`);
  assert.ok(!r.text.includes(evil), 'knowledge search box escapes too');
  // A local next with markup is kept, escaped, in the sign-in form.
  r = await c.get(`/login?next=${encodeURIComponent(`/x"><script>alert(1)</script>`)}`);
  assert.equal(input(form(r.text, '/login').html, 'next').value, '/x"><script>alert(1)</script>');
  assert.ok(r.text.includes('/x&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;'), 'escaped');
  assert.ok(!r.text.includes(evil));
  // The language switch echoes the URI (next) of the page: escaped.
  r = await c.get(`/search?q=${encodeURIComponent('"><b>x</b>')}`);
  assert.ok(!r.text.includes('"><b>x</b>'));
  // Stored: a user's name shown in the admin list and page.
  const name = `<img src=x onerror=alert(${rnd(4)})>`;
  const assertUser = await createUser({ tag: 'xss', name });
  r = await a.get(`/admin/users?q=${encodeURIComponent(assertUser.email)}`);
  assert.ok(r.text.includes('&lt;img src=x onerror=alert('), 'escaped in the list');
  assert.ok(!r.text.includes(name), 'never raw in the list');
  r = await a.get(`/admin/users/${assertUser.id}`);
  assert.ok(!r.text.includes(name), 'never raw on the user page');
  r = await a.get(`/admin/audit?q=${encodeURIComponent(evil)}`);
  assert.equal(r.status, 200);
  assert.ok(!r.text.includes(evil));
  // JSON keeps data as data.
  r = await c.get(`/search?q=${encodeURIComponent(evil)}`, { headers: { accept: 'application/json' } });
  assert.equal(r.json().Query, evil, 'JSON carries the text');
  assert.match(r.headers.get('content-type'), /^application\/json/);
});

test('header injection through redirects is impossible', async () => {
  const c = new Client();
  for (const next of ['/\r\nSet-Cookie: evil=1', '/%0d%0aSet-Cookie:%20evil=1', '/\nLocation: https://evil.example']) {
    const r = await c.post('/language', { lang: 'en', next });
    assert.ok(r.status === 303 || r.status === 400, JSON.stringify(next));
    if (r.status === 303) {
      const l = r.headers.get('location');
      assert.ok(!/[\r\n]/.test(l), `Location without line breaks: ${l}`);
      assert.equal(new URL(l, `${BASE}/`).origin, new URL(BASE).origin, `Location stays local: ${l}`);
      assert.ok(!/evil\.example/.test(l), `Location: ${l}`);
    }
    assert.equal(c.cookie('evil'), undefined, 'no injected cookie');
  }
  const r = await c.post('/login', { email: user.email, password: user.password, next: '/a\r\nX-Evil: 1' });
  assertRedirect(r, '/');
  assert.equal(r.headers.get('x-evil'), null);
});

test('SQL-looking input is just text', async () => {
  let r = await a.get(`/admin/users?q=${encodeURIComponent("%' OR 1=1 -- ")}`);
  assert.equal(r.status, 200);
  assert.ok(!r.text.includes(user.email), 'matches nobody');
  r = await a.get(`/admin/audit?q=${encodeURIComponent("') UNION SELECT password_hash FROM users -- ")}`);
  assert.equal(r.status, 200);
  assert.ok(!r.text.includes('$argon2'), 'no hashes leak');
  const c = new Client();
  r = await c.post('/login', { email: `x'--@example.org`, password: "' OR '1'='1" });
  assert.equal(r.status, 422);
  r = await c.post('/password-reset', { email: `${user.email}' OR '1'='1` });
  assert.ok(r.status === 200 || r.status === 422);
  assert.equal(await sqlValue(`SELECT COUNT(*) FROM password_resets WHERE user_id = ${user.id}`), '0',
    'no link for the real account');
  assert.equal(await sqlValue(`SELECT COUNT(*) FROM users WHERE email = ${q(user.email)}`), '1');
  await alive('SQL-looking input');
});
