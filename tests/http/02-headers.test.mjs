// 02-headers.test.mjs - the security policy headers on every kind of answer
// the programs give: pages, redirects, errors, JSON, HEAD; and on the answers
// the web server makes itself (its error pages, static files), each header
// once, with the test stack's configuration and with the site files shipped
// in conf/ for nginx and Apache.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import {
  assertSecurityHeaders, assertSecurityHeadersOnce, BASE_URL, bigBody, clearThrottle, Client, createUser,
  freePort, raw, rawRequest, REPO, SERVER, signedIn, STATE,
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

// ------------------------------------------------------------------ the web server's own answers

/** Raw requests that the web server answers itself, and some the programs
 * answer, with the statuses each server may give. */
function cases(port) {
  const host = `Host: 127.0.0.1:${port}`;
  const req = (line, ...headers) => [line, host, 'Connection: close', ...headers].join('\r\n') + '\r\n\r\n';
  return [
    ['program page 200', [200], req('GET / HTTP/1.1')],
    ['program HEAD 200', [200], req('HEAD / HTTP/1.1')],
    ['program 404', [404], req('GET /nope HTTP/1.1')],
    ['program redirect 303', [303], req('GET /tickets/ HTTP/1.1')],
    ['static file 200', [200], req('GET /static/css/site.css HTTP/1.1')],
    ['missing static file 404', [404], req('GET /static/nope.css HTTP/1.1')],
    ['static folder 403/404', [403, 404], req('GET /static/css/ HTTP/1.1')],
    ['declared body over the limit 413', [413],
      req('POST /login HTTP/1.1', 'Content-Type: application/x-www-form-urlencoded',
        'Content-Length: 20000000')],
    ['request line too long 414', [414], req(`GET /${'a'.repeat(70000)} HTTP/1.1`)],
    ['header too large 400', [400, 431], req('GET / HTTP/1.1', `X-Big: ${'b'.repeat(70000)}`)],
    ['garbage request line 400', [400], 'GARBAGE\r\n\r\n'],
    ['no Host header 400', [400], 'GET / HTTP/1.1\r\nConnection: close\r\n\r\n'],
    ['TRACE 405', [405], req('TRACE / HTTP/1.1')],
    ['no program behind the path 502/503', [502, 503], req('GET /.vt-test/no-program HTTP/1.1')],
  ];
}

async function checkAll(port, where) {
  for (const [what, statuses, request] of cases(port)) {
    const r = await raw(request, { port });
    assert.ok(statuses.includes(r.status), `${where}, ${what}: status ${r.status}, expected ${statuses}`);
    assertSecurityHeadersOnce(r, `${where}, ${what}`);
  }
}

test('errors the web server makes itself carry the policy too, each header once', async () => {
  await checkAll(Number(BASE_URL.port), `test stack (${SERVER})`);
  // The same for bodies refused while they arrive (nginx reads, then refuses).
  const r = await new Client().request('/login', {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: bigBody(230) });
  assert.equal(r.status, 413);
  assertSecurityHeaders(r.headers, 'a 14 MB body');
});

// The site file of conf/ for the suite's web server, run as it is shipped
// except for the addresses: the port, the sockets' folder (STATE/shipped/run
// instead of /run/ventanilla: links to the stack's sockets, all but admin's,
// so /admin/ leads to a program that does not answer), the static files and
// the logs.


function sh(cmd, args) {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, (err, stdout, stderr) =>
      (err ? reject(new Error(`${cmd} ${args.join(' ')}: ${stderr}${stdout}`)) : resolve(stdout + stderr)));
  });
}

const shippedDir = join(STATE, 'shipped');
let shipped;

/** The shipped site file with this stack's addresses. */
function siteFile(name, port) {
  return readFileSync(join(REPO, 'conf', name, 'ventanilla.conf'), 'utf8')
    .replaceAll('/run/ventanilla/', `${shippedDir}/run/`)
    .replaceAll('/usr/local/share/ventanilla/htdocs', join(REPO, 'htdocs'))
    .replaceAll('/var/log/nginx/', `${STATE}/log/shipped-`)
    .replace(/^\s*listen \[::\]:80;\n/m, '')
    .replace(/^(\s*)listen 80;/m, `$1listen 127.0.0.1:${port};`)
    .replace('<VirtualHost *:80>', `<VirtualHost 127.0.0.1:${port}>`);
}

async function startShippedNginx(port) {
  const v = await sh('nginx', ['-V']);
  const temps = ['client_body', 'fastcgi', 'proxy', 'uwsgi', 'scgi']
    .filter((t) => !v.includes(`without-http_${t}_module`))
    .map((t) => { mkdirSync(join(shippedDir, t), { recursive: true }); return `  ${t}_temp_path ${join(shippedDir, t)};`; });
  writeFileSync(join(shippedDir, 'site.conf'), siteFile('nginx', port));
  writeFileSync(join(shippedDir, 'nginx.conf'), [
    userInfo().uid === 0 ? 'user root;' : '',
    `pid ${shippedDir}/nginx.pid;`,
    `error_log ${STATE}/log/shipped-nginx-main.log warn;`,
    'events { worker_connections 64; }',
    'http {',
    '  include /etc/nginx/mime.types;',
    ...temps,
    `  include ${shippedDir}/site.conf;`,
    '}', ''].join('\n'));
  const args = ['-p', `${shippedDir}/`, '-e', `${STATE}/log/shipped-nginx-main.log`, '-c', `${shippedDir}/nginx.conf`];
  await sh('nginx', ['-t', ...args]);
  await sh('nginx', args);
  return () => sh('nginx', [...args, '-s', 'quit']);
}

async function startShippedApache(port) {
  writeFileSync(join(shippedDir, 'site.conf'), siteFile('apache', port));
  const mods = ['mpm_event', 'authz_core', 'mime', 'dir', 'alias', 'proxy', 'proxy_fcgi', 'headers',
    'unixd', 'log_config'];
  const root = userInfo().uid === 0;
  writeFileSync(join(shippedDir, 'apache.conf'), [
    'ServerRoot "/etc/apache2"',
    'ServerName 127.0.0.1',
    `Listen 127.0.0.1:${port}`,
    `PidFile "${shippedDir}/apache.pid"`,
    `DefaultRuntimeDir "${shippedDir}"`,
    `Mutex "file:${shippedDir}" default`,
    `ErrorLog "${STATE}/log/shipped-apache-main.log"`,
    `Define APACHE_LOG_DIR "${STATE}/log/shipped"`,
    ...mods.map((m) => `<IfModule !${m}_module>\n  LoadModule ${m}_module /usr/lib/apache2/modules/mod_${m}.so\n</IfModule>`),
    root ? 'User www-data\nGroup www-data' : '',
    'TypesConfig /etc/mime.types',
    'LogFormat "%h %l %u %t \\"%r\\" %>s %b" combined',
    'ServerTokens Prod',
    'TraceEnable Off',
    `Include "${shippedDir}/site.conf"`,
    ''].join('\n'));
  mkdirSync(join(STATE, 'log/shipped'), { recursive: true });
  const args = ['-f', `${shippedDir}/apache.conf`];
  await sh('apache2', ['-t', ...args]);
  await sh('apache2', [...args, '-k', 'start']);
  return () => sh('apache2', [...args, '-k', 'stop']);
}

/** Wait until something answers HTTP on port. */
async function answering(port) {
  for (let i = 0; i < 100; i++) {
    try {
      await rawRequest('GET', '/static/css/site.css', { port });
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`nothing answers on port ${port}`);
}

test(`the site file shipped for ${SERVER} sends the policy on its own errors too, each header once`, async () => {
  mkdirSync(join(shippedDir, 'run'), { recursive: true });
  for (const p of ['portal', 'knowledge', 'catalog', 'tickets']) {
    rmSync(join(shippedDir, 'run', `${p}.sock`), { force: true });
    symlinkSync(join(STATE, 'run', `${p}.sock`), join(shippedDir, 'run', `${p}.sock`));
  }
  const port = await freePort();
  const stop = await (SERVER === 'apache' ? startShippedApache(port) : startShippedNginx(port));
  shipped = stop;
  await answering(port);
  // The shipped files have no test path: here admin's socket is missing.
  const all = cases(port).map(([what, statuses, request]) => (what.startsWith('no program')
    ? [what, statuses, request.replace('/.vt-test/no-program', '/admin/')] : [what, statuses, request]));
  for (const [what, statuses, request] of all) {
    const r = await raw(request, { port });
    assert.ok(statuses.includes(r.status), `shipped ${SERVER}, ${what}: status ${r.status}, expected ${statuses}`);
    assertSecurityHeadersOnce(r, `shipped ${SERVER}, ${what}`);
  }
});

after(async () => {
  if (shipped) await shipped();
});
