// 01-pages.test.mjs - the public pages, redirects between program prefixes,
// role checks, JSON answers and the language of each answer.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  assertRedirect, assertSecurityHeaders, clearThrottle, Client, createUser, form, headings, input, links, mainOf, q,
  rnd, SERVER, setCookie, shows, signedIn, SITE_NAME, sql, sqlValue, T, textOf,
} from './lib.mjs';

const en = T('en');
const es = T('es');
const tag = rnd(8);
const news = { en: `Printer maintenance ${tag}`, es: `Mantenimiento de impresoras ${tag}` };
let requester, agent, admin;

const lang = (page) => (/<html\b[^>]*\blang="([^"]*)"/.exec(page) || [])[1];

before(async () => {
  await clearThrottle();
  // One announcement per language, live now: the home page must pick by language.
  for (const [l, title] of Object.entries(news))
    await sql('INSERT INTO announcements (language, level, title, body, starts_at, ends_at) VALUES' +
      ` (${q(l)}, 'outage', ${q(title)}, ${q(`Body ${l} ${tag}`)},` +
      ' UTC_TIMESTAMP() - INTERVAL 1 MINUTE, UTC_TIMESTAMP() + INTERVAL 1 HOUR)');
  // Ended and not yet started announcements must not show.
  await sql('INSERT INTO announcements (language, level, title, starts_at, ends_at) VALUES' +
    ` ('en', 'info', ${q(`Old news ${tag}`)}, UTC_TIMESTAMP() - INTERVAL 2 DAY,` +
    ` UTC_TIMESTAMP() - INTERVAL 1 DAY), ('en', 'info', ${q(`Future news ${tag}`)},` +
    ' UTC_TIMESTAMP() + INTERVAL 1 DAY, NULL)');
  // Each worker reuses the announcements it read for 10 seconds.
  await new Promise((done) => setTimeout(done, 11000));
  requester = await createUser({ tag: 'req' });
  agent = await createUser({ tag: 'agent', roles: 'requester,agent' });
  admin = await createUser({ tag: 'admin', roles: 'requester,admin' });
});

after(() => sql(`DELETE FROM announcements WHERE title LIKE ${q(`%${tag}`)}`));

test('home page: site name, search form, the four ways in, announcements in English', async () => {
  const r = await new Client().get('/');
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /^text\/html; charset=utf-8/i);
  assert.match(r.text, /^<!DOCTYPE html>/i);
  assert.equal(lang(r.text), 'en');
  const title = textOf((/<title>([\s\S]*?)<\/title>/.exec(r.text) || ['', ''])[1]);
  assert.ok(title.includes(en['home.title']) && title.includes(SITE_NAME), `title: ${title}`);
  assert.ok(shows(r.text, SITE_NAME), 'organisation name');
  assert.deepEqual(headings(r.text), [en['home.title']], 'one h1, the question');
  const search = form(r.text, '/search');
  assert.equal((search.attrs.method || 'get').toLowerCase(), 'get', 'search is a GET form');
  assert.ok(input(search.html, 'q'), 'search field q');
  const main = links(mainOf(r.text));
  for (const href of ['/kb/', '/catalog/', '/tickets/new', '/tickets/'])
    assert.ok(main.includes(href), `entry link ${href} in the page`);
  const text = textOf(mainOf(r.text));
  assert.ok(text.includes(news.en), 'English announcement');
  assert.ok(text.includes(`Body en ${tag}`), 'with its text');
  assert.ok(!r.text.includes(news.es), 'no Spanish announcement on the English page');
  assert.ok(!r.text.includes(`Old news ${tag}`), 'ended announcement hidden');
  assert.ok(!r.text.includes(`Future news ${tag}`), 'future announcement hidden');
  assert.ok(links(r.text).includes('/login'), 'anonymous visitors see a sign-in link');
});

test('home page in JSON: the same data (announcements, title), no HTML', async () => {
  const r = await new Client().get('/', { headers: { accept: 'application/json' } });
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /^application\/json/);
  const j = r.json();
  assert.ok(Array.isArray(j.Announcements), 'Announcements is a list');
  const mine = j.Announcements.find((a) => a.title === news.en);
  assert.ok(mine, 'our English announcement is in the JSON');
  assert.equal(mine.level, 'outage');
  assert.equal(mine.body, `Body en ${tag}`);
  assert.equal(j.Announcements[0].title, news.en, 'outages first');
  assert.ok(!j.Announcements.some((a) => a.title === news.es), 'only English announcements');
  assert.equal(j.Title, en['home.title']);
  assert.ok(!/csrf/i.test(r.text), 'no form token in JSON');
  assert.ok(!r.text.includes('<'), 'no markup');
});

test('JSON errors carry Status and Message', async () => {
  const c = new Client();
  let r = await c.get(`/no-such-page-${tag}`, { headers: { accept: 'application/json' } });
  assert.equal(r.status, 404);
  assert.match(r.headers.get('content-type'), /^application\/json/);
  assert.deepEqual({ s: r.json().Status, m: r.json().Message }, { s: '404', m: en['error.not_found'] });
  r = await c.get('/admin/', { headers: { accept: 'application/json' } });
  assert.equal(r.status, 401, 'JSON clients are told to sign in, not redirected');
  assert.equal(r.json().Status, '401');
  assert.equal(r.json().Message, en['error.login_needed']);
  r = await c.request('/search', { method: 'POST', headers: { accept: 'application/json' } });
  assert.equal(r.status, 405);
  assert.equal(r.json().Status, '405');
  r = await c.get('/search?q=%ff', { headers: { accept: 'application/json' } });
  assert.equal(r.status, 400);
  assert.equal(r.json().Status, '400');
});

test('/search keeps the query in the search form, in HTML and JSON', async () => {
  const c = new Client();
  const query = `impresora ${tag}`;
  let r = await c.get(`/search?q=${encodeURIComponent(query)}`);
  assert.equal(r.status, 200);
  assert.equal(headings(r.text)[0], en['search.title']);
  assert.equal(input(form(r.text, '/search').html, 'q').value, query, 'query kept in the field');
  r = await c.get(`/search?q=${encodeURIComponent(query)}`, { headers: { accept: 'application/json' } });
  assert.equal(r.json().Query, query, 'JSON has the query');
  r = await c.get('/search');
  assert.equal(r.status, 200);
  assert.equal(input(form(r.text, '/search').html, 'q').value, '', 'empty search: empty field');
  r = await c.get(`/search?q=${'x'.repeat(201)}`);
  assert.equal(r.status, 400, 'query longer than 200 characters refused');
  r = await c.get(`/search?q=${'ñ'.repeat(200)}`);
  assert.equal(r.status, 200, '200 characters (not bytes) are fine');
  r = await c.get('/search?q=a%0Ab');
  assert.equal(r.status, 400, 'line break in a one-line query refused');
});

test('knowledge base, community and catalog front pages', async () => {
  const c = new Client();
  for (const [path, key] of [['/kb/', 'kb.title'], ['/community/', 'community.title'],
    ['/catalog/', 'catalog.title']]) {
    const r = await c.get(path);
    assert.equal(r.status, 200, path);
    assert.deepEqual(headings(r.text), [en[key]], `${path} heading`);
    assert.ok(shows(r.text, SITE_NAME), `${path} has the shared chrome`);
    for (const href of ['/kb/', '/catalog/', '/tickets/'])
      assert.ok(links(r.text).includes(href), `${path}: navigation to ${href}`);
  }
});

test('prefixes without the slash redirect to the slashed front page', async () => {
  const c = new Client();
  for (const p of ['/catalog', '/tickets', '/admin']) {
    const r = await c.get(p);
    if (p === '/admin') assertRedirect(r, '/login?next=/admin', p);
    else assertRedirect(r, `${p}/`, p);
    assertSecurityHeaders(r.headers, p);
  }
});

// The web server must hand /kb and /community to the program (not answer a
// redirect of its own without our security headers).
test('/kb and /community: 303 to the slashed page from the programs', async () => {
  const c = new Client();
  for (const p of ['/kb', '/community']) {
    const r = await c.get(p);
    assertRedirect(r, `${p}/`, p);
    assertSecurityHeaders(r.headers, p);
  }
});

test('/tickets/ needs a signed-in user; signing in returns there', async () => {
  const c = new Client();
  let r = await c.get('/tickets/');
  assertRedirect(r, '/login?next=/tickets/');
  r = await c.get('/tickets/new');
  assertRedirect(r, '/login?next=/tickets/new');
  r = await c.get('/login?next=/tickets/');
  assert.equal(r.status, 200);
  assert.equal(input(form(r.text, '/login').html, 'next').value, '/tickets/', 'next carried in the form');
  r = await c.post('/login', { email: requester.email, password: requester.password, next: '/tickets/' });
  assertRedirect(r, '/tickets/');
  r = await c.get('/tickets/');
  assert.equal(r.status, 200);
  assert.deepEqual(headings(r.text), [en['tickets.title']]);
  r = await c.get('/tickets/new');
  assert.equal(r.status, 200);
  assert.deepEqual(headings(r.text), [en['tickets.new_title']]);
});

test('/admin/: anonymous to sign-in, requester and agent 403, admin 200', async () => {
  let r = await new Client().get('/admin/');
  assertRedirect(r, '/login?next=/admin/');
  for (const u of [requester, agent]) {
    const c = await signedIn(u);
    for (const p of ['/admin/', '/admin/users', '/admin/users/new', `/admin/users/${u.id}`, '/admin/groups',
      '/admin/audit']) {
      r = await c.get(p);
      assert.equal(r.status, 403, `${u.email} ${p}`);
      assert.ok(shows(r.text, en['error.forbidden']), 'friendly message');
    }
    r = await c.get('/admin/', { headers: { accept: 'application/json' } });
    assert.equal(r.status, 403);
    assert.equal(r.json().Status, '403');
    r = await c.get('/');
    assert.ok(!links(r.text).includes('/admin/'), 'no admin link for non-admins');
  }
  const c = await signedIn(admin);
  r = await c.get('/admin/');
  assert.equal(r.status, 200);
  assert.equal(headings(r.text)[0], en['admin.title']);
  const users = Number(await sqlValue('SELECT COUNT(*) FROM users'));
  assert.match(textOf(mainOf(r.text)), new RegExp(`\\b${users} ${en['admin.stats_users']}`),
    'statistics from the database');
  for (const href of ['/admin/users', '/admin/groups', '/admin/audit'])
    assert.ok(links(mainOf(r.text)).includes(href), `link to ${href}`);
  r = await c.get('/');
  assert.ok(links(r.text).includes('/admin/'), 'admin link for admins');
});

test('Accept-Language picks the language of the answer', async () => {
  let r = await new Client({ lang: 'es-ES,es;q=0.9,en;q=0.5' }).get('/');
  assert.equal(r.status, 200);
  assert.equal(lang(r.text), 'es');
  assert.deepEqual(headings(r.text), [es['home.title']], 'Spanish heading');
  assert.notEqual(es['home.title'], en['home.title']);
  assert.ok(textOf(r.text).includes(news.es), 'Spanish announcement');
  assert.ok(!r.text.includes(news.en), 'no English announcement on the Spanish page');
  r = await new Client({ lang: 'fr-FR, es;q=0.5' }).get('/');
  assert.equal(lang(r.text), 'es', 'first language we have');
  r = await new Client({ lang: 'es;q=0.2, en;q=0.8' }).get('/');
  assert.equal(lang(r.text), 'en', 'quality values count');
  r = await new Client({ lang: 'de' }).get('/');
  assert.equal(lang(r.text), 'en', 'default language otherwise');
  r = await new Client({ lang: 'es' }).get(`/no-such-page-${tag}`);
  assert.equal(r.status, 404);
  assert.equal(lang(r.text), 'es', 'error pages too');
  assert.ok(shows(r.text, es['error.not_found']));
  r = await new Client({ lang: 'es' }).get('/kb/');
  assert.deepEqual(headings(r.text), [es['kb.title']], 'other programs too');
  r = await new Client({ lang: 'es' }).get('/', { headers: { accept: 'application/json' } });
  assert.ok(r.json().Announcements.some((a) => a.title === news.es), 'JSON in Spanish too');
  assert.equal(r.json().Title, es['home.title']);
});

test('POST /language sets the lang cookie and returns to a local page', async () => {
  const c = new Client({ lang: 'en' });
  let r = await c.get(`/search?q=hola${tag}`);
  const sw = input(form(r.text, '/language').html, 'lang');
  assert.equal(sw.value, 'es', 'the switch offers Spanish on an English page');
  assert.equal(input(form(r.text, '/language').html, 'next').value, `/search?q=hola${tag}`, 'and comes back here');
  r = await c.post('/language', { lang: 'es', next: `/search?q=hola${tag}` });
  assertRedirect(r, `/search?q=hola${tag}`);
  const cookie = setCookie(r, 'lang');
  assert.ok(cookie, 'lang cookie set');
  assert.equal(cookie.value, 'es');
  assert.ok(Number(cookie.attrs['max-age']) > 86400 * 30, 'remembered for long');
  assert.equal(cookie.attrs.path, '/');
  r = await c.get('/');
  assert.equal(lang(r.text), 'es', 'cookie beats Accept-Language');
  assert.equal(input(form(r.text, '/language').html, 'lang').value, 'en', 'switch offers English now');
  r = await c.post('/language', { lang: 'en', next: '//evil.example/' });
  assertRedirect(r, '/', 'protocol-relative next');
  r = await c.post('/language', { lang: 'es', next: 'https://evil.example/' });
  assertRedirect(r, '/', 'absolute next');
  r = await c.post('/language', { lang: 'fr' });
  assert.equal(r.status, 400, 'unknown language refused');
  assert.equal(c.cookie('lang'), 'es', 'cookie unchanged by the refused switch');
  c.setCookieValue('lang', 'xx');
  assert.equal(lang((await c.get('/')).text), 'en', 'a bogus cookie falls back to the browser');
});

test('signed in: the switch is saved to the account, and the saved language wins', async () => {
  const u = await createUser({ tag: 'lang' });
  const c = await signedIn(u, { lang: 'en' });
  let r = await c.post('/language', { lang: 'es', next: '/account' });
  assertRedirect(r, '/account');
  assert.equal(await sqlValue(`SELECT language FROM users WHERE id = ${u.id}`), 'es', 'saved to the account');
  // Another device: English browser, English cookie; the account says Spanish.
  const other = new Client({ lang: 'en' });
  other.setCookieValue('lang', 'en');
  await other.login(u.email, u.password);
  r = await other.get('/account');
  assert.equal(r.status, 200);
  assert.equal(lang(r.text), 'es', "user's saved language wins");
  assert.deepEqual(headings(r.text), [es['account.title']]);
  // Anonymous again (signed out): the cookie decides.
  r = await other.post('/logout', {});
  assertRedirect(r, '/');
  r = await other.get('/');
  assert.equal(lang(r.text), 'en', 'after sign-out the cookie decides again');
});
