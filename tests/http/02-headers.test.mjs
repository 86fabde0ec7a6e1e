// 02-headers.test.mjs - the security policy headers on every kind of answer
// the programs give: pages, redirects, errors, JSON, HEAD.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  assertSecurityHeaders, bigBody, clearThrottle, Client, createUser, rawRequest, signedIn,
} from './lib.mjs';

let user;

before(async () => {
  await clearThrottle();
  user = await createUser({ tag: 'hdr' });
});

after(() => clearThrottle());

test('200, 303, 400, 403, 404, 405, 411, 413, 415 and 422 answers all carry the policy', async () => {
  const c = new Client();
  const cases = [];
  const add = async (what, status, p) => {
    const r = await p;
    assert.equal(r.status, status, what);
    cases.push([what, r.headers]);
  };
  await add('GET / 200', 200, c.get('/'));
  await add('GET /kb/ 200', 200, c.get('/kb/'));
  await add('GET /catalog/ 200', 200, c.get('/catalog/'));
  await add('GET /hello 200', 200, c.get('/hello'));
  await add('GET / JSON 200', 200, c.get('/', { headers: { accept: 'application/json' } }));
  await add('GET /tickets/ 303', 303, c.get('/tickets/'));
  await add('GET /admin/ 303', 303, c.get('/admin/'));
  await add('GET /search?q=%ff 400', 400, c.get('/search?q=%ff'));
  await add('POST /language without token 403', 403, c.post('/language', { lang: 'es' }, { csrf: false }));
  await add('GET /nope 404', 404, c.get('/nope'));
  await add('GET /kb/nope 404', 404, c.get('/kb/nope'));
  await add('GET /admin/nope 404', 404, c.get('/admin/nope'));
  await add('DELETE / 405', 405, c.request('/', { method: 'DELETE' }));
  await add('POST /search 405', 405, c.post('/search', {}));
  await add('POST /login text/plain 415', 415, c.request('/login', {
    method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'hello' }));
  await add('POST /login bad password 422', 422, c.post('/login', { email: user.email, password: 'wrong-password' }));
  await add('POST 10.5 MB 413', 413, c.request('/login', {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: bigBody() }));
  const s = await signedIn(user);
  await add('GET /account signed in 200', 200, s.get('/account'));
  await add('GET /admin/ as requester 403', 403, s.get('/admin/'));
  for (const [what, h] of cases) assertSecurityHeaders(h, what);
  // 411: POST without a body length (fetch always sends one).
  const r = await rawRequest('POST', '/login', { headers: ['Content-Type: application/x-www-form-urlencoded'] });
  assert.equal(r.status, 411, 'POST without Content-Length');
  assertSecurityHeaders(r.headers, 'POST without length 411');
});

test('HEAD answers like GET without a body, with the headers', async () => {
  const r = await rawRequest('HEAD', '/');
  assert.equal(r.status, 200);
  assert.equal(r.body, '', 'no body');
  assertSecurityHeaders(r.headers, 'HEAD /');
});

test('pages for signed-in users are not stored by caches; Vary covers cookies', async () => {
  const s = await signedIn(user);
  const r = await s.get('/account');
  assert.equal(r.status, 200);
  assert.match(r.headers.get('cache-control') || '', /no-store/, 'signed-in page: no-store');
  assert.match(r.headers.get('vary') || '', /Cookie/i);
  const redirect = await new Client().get('/tickets/');
  assert.match(redirect.headers.get('cache-control') || '', /no-store/, 'redirects: no-store');
});

test('405 names the allowed methods', async () => {
  const c = new Client();
  let r = await c.request('/', { method: 'DELETE' });
  assert.equal(r.status, 405);
  assert.equal(r.headers.get('allow'), 'GET, HEAD');
  r = await c.post('/search', {});
  assert.equal(r.headers.get('allow'), 'GET, HEAD');
  r = await c.get('/account/password');
  assert.equal(r.status, 405);
  assert.equal(r.headers.get('allow'), 'POST');
  r = await c.request('/login', { method: 'PUT', body: 'x', headers: { 'content-type': 'text/plain' } });
  assert.equal(r.status, 405);
  assert.equal(r.headers.get('allow'), 'GET, HEAD, POST');
  r = await c.request('/admin/users', { method: 'PATCH', body: 'x' });
  assert.equal(r.status, 405, 'admin program too');
  assert.equal(r.headers.get('allow'), 'GET, HEAD, POST');
});
