// 21-kb-search.test.mjs - finding articles: /kb/search, the portal's /search,
// /api/v1/kb/search and /kb/suggest. Accents and case, plurals, typos with
// "Showing results for" and the exact search, synonyms (the demo's and a new
// group taking effect), both languages and across them, two-letter terms,
// hostile text, filters, pages, highlighted snippets, the search log (result
// counts, clicks, searches with no results for editors), suggestions as you
// type, the visibility rule in every kind of search, and a table of
// realistic questions with the answer expected in the top 3.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  Client, createUser, form, headings, input, links, q, rnd, shows, signedIn, sql, sqlValue, T, tags,
  textOf, ventanilla,
} from './lib.mjs';
import {
  apiSearch, createArticle, demo, INTERNAL, people, resultCount, resultLinks, slugOfUrl, USERS_ONLY,
  waitFor, word,
} from './kb-lib.mjs';

const en = T('en');
const tag = rnd(8);
const P = people(tag);
const mine = [];
const synonymGroups = [];
let D;

/** Families (original article ids) of result slugs. */
const fam = (slugs) => slugs.map((s) => D.get(s)?.family ?? s);

/** GET an HTML search page; asserts 200 and returns { text, results, total, corrected }. */
async function page(c, path) {
  const r = await c.get(path);
  assert.equal(r.status, 200, `${path}: status`);
  const m = /<p class="notice info">([\s\S]*?)<\/p>/.exec(r.text);
  return { text: r.text, results: resultLinks(r.text), total: resultCount(r.text, en), notice: m ? m[1] : null };
}

/** The correction notice of a search page as text ("" when none). */
const notice = (p) => (p.notice ? textOf(p.notice).replace(/\s+([.,])/g, '$1') : '');

/** True if page has a form posting to action. */
function hasForm(page, action) {
  return [...page.matchAll(/<form\b[^>]*action="([^"]*)"/g)].some((m) => m[1] === action);
}

const kb = (query, extra = '') => `/kb/search?q=${encodeURIComponent(query)}${extra}`;

before(async () => {
  D = await demo();
});

after(async () => {
  const editor = await P.client('editor');
  for (const id of synonymGroups) await editor.post(`/kb/edit/synonyms/${id}/delete`, {});
  if (mine.length) await sql(`DELETE FROM kb_articles WHERE id IN (${mine.join(',')})`);
  // Articles deleted behind the program's back: count the topics again.
  await ventanilla(['kb', 'recount']);
});

test('the search pages: form, results with type and topic, highlighted snippets, counts', async () => {
  const c = new Client({ lang: 'en' });
  let r = await c.get('/kb/search');
  assert.equal(r.status, 200);
  assert.deepEqual(headings(r.text), [en['kb.search_title']]);
  const f = form(r.text, '/kb/search');
  assert.ok(input(f.html, 'q') && input(f.html, 'category') && input(f.html, 'type') && input(f.html, 'language'));
  assert.equal(resultLinks(r.text).length, 0, 'no results without a question');
  const p = await page(c, kb('impresora no imprime'));
  assert.ok(p.results.length > 0 && p.results.length <= 10, 'results, at most 10 a page');
  assert.equal(p.results[0].slug, 'impresora-no-imprime', 'the obvious answer first');
  assert.ok(p.total >= p.results.length, `count line (${p.total})`);
  assert.equal(input(form(p.text, '/kb/search').html, 'q').value, 'impresora no imprime', 'query kept in the box');
  const first = /<li><h2 class="result-title">[\s\S]*?<\/li>/.exec(p.text)[0];
  assert.ok(textOf(first).includes(en['kb.type.troubleshooting']), 'type in words');
  assert.ok(textOf(first).includes('Printing'), 'topic in the reader\'s language');
  assert.ok(textOf(first).includes(en['kb.lang_es']), 'a Spanish result says so to an English reader');
  assert.equal(p.results[0].lang, 'es', 'and is marked lang="es"');
  const snippets = [...p.text.matchAll(/<p class="snippet"[^>]*>([\s\S]*?)<\/p>/g)].map((m) => m[1]);
  assert.equal(snippets.length, p.results.length, 'a snippet per result');
  assert.match(snippets[0], /<mark>(impresora|Impresora|imprime|Imprime)<\/mark>/, 'matching words highlighted');
  for (const s of snippets) assert.doesNotMatch(s, /<(?!\/?mark>)/, 'snippets hold no other markup');
  // The API answers the same question with titles, absolute URLs, snippets, languages.
  const hits = await apiSearch(c, 'impresora no imprime');
  assert.equal(slugOfUrl(hits[0].url), 'impresora-no-imprime');
  assert.ok(hits[0].url.startsWith('http'), 'absolute URL');
  assert.equal(hits[0].language, 'es');
  assert.match(hits[0].snippet, /<mark>/);
  assert.ok(typeof hits[0].score === 'number' && hits[0].title === 'La impresora no imprime');
  assert.equal((await apiSearch(c, 'impresora', { limit: '2' })).length, 2, 'limit');
  for (const bad of ['', '?q=', '?q=impresora&limit=0', '?q=impresora&limit=51', '?q=impresora&lang=fr'])
    assert.equal((await c.get(`/api/v1/kb/search${bad}`)).status, 400, `API ${bad || 'without q'}`);
  // The portal's /search: the same engine, links to all results.
  const s = await page(c, `/search?q=${encodeURIComponent('impresora no imprime')}`);
  assert.equal(s.results[0].slug, 'impresora-no-imprime');
  assert.ok(s.results.length <= 8);
});

test('accents and case do not matter; plurals find the singular', async () => {
  const c = new Client({ lang: 'es' });
  const ids = async (x) => (await apiSearch(c, x, { limit: '50' })).map((h) => h.id);
  const base = await ids('contrasena');
  assert.ok(base.length > 0);
  for (const v of ['CONTRASEÑA', 'Contraseña', 'contraseña', 'CONTRASENA'])
    assert.deepEqual(await ids(v), base, `${v} = contrasena`);
  assert.deepEqual(await ids('impresión'), await ids('IMPRESION'), 'impresión = IMPRESION');
  const pl = fam((await apiSearch(c, 'impresoras')).slice(0, 3).map((h) => slugOfUrl(h.url)));
  for (const s of ['anadir-impresora-de-red', 'impresora-no-imprime'])
    assert.ok(pl.includes(D.get(s).family), `"impresoras" finds ${s} in the top 3`);
  const en2 = fam((await apiSearch(c, 'printers', { lang: 'en' })).slice(0, 3).map((h) => slugOfUrl(h.url)));
  assert.ok(en2.includes(D.get('add-a-network-printer').family), '"printers" finds "Add a network printer"');
  // The page agrees and shows no correction for a word that only lacked its accent.
  const p = await page(new Client({ lang: 'en' }), kb('CONTRASEÑA'));
  assert.equal(p.notice, null, 'no "Showing results for" for accents or case');
  assert.ok(p.total > 0);
});

test('typos are corrected with "Showing results for"; the "search instead" link is exact', async () => {
  const c = new Client({ lang: 'en' });
  for (const [typo, fixed, expect] of [['impresroa', 'impresora', 'impresora-no-imprime'],
    ['contrasela', 'contrasena', 'restablecer-contrasena-olvidada'], ['camra', 'camara', 'teams-camara-microfono-no-funcionan'],
    ['wifii', 'wifi', 'connect-to-office-wifi']]) {
    const p = await page(c, kb(typo));
    assert.ok(p.notice, `${typo}: a correction notice`);
    assert.ok(notice(p).startsWith(`${en['kb.showing_for']} ${fixed}.`), `${typo} -> ${fixed}: ${notice(p)}`);
    const [to, instead] = tags(p.notice, 'a');
    assert.equal(to.href, `/kb/search?q=${fixed}`, 'link to the corrected search');
    assert.ok(notice(p).includes(`${en['kb.instead']} ${typo}.`), 'offers the original words');
    const exact = new URL(instead.href, 'http://x');
    assert.equal(exact.pathname, '/kb/search');
    assert.equal(exact.searchParams.get('exact'), '1');
    assert.equal(exact.searchParams.get('q'), typo);
    assert.ok(fam(p.results.slice(0, 3).map((x) => x.slug)).includes(D.get(expect).family), `${typo}: ${expect} in the top 3`);
    // Following "search instead": no correction, the typo as typed (not in any article: nothing found).
    const x = await page(c, instead.href);
    assert.equal(x.notice, null, `${typo}: exact=1 disables the correction`);
    assert.equal(x.total, 0, `${typo}: exact search finds nothing`);
    assert.ok(shows(x.text, en['kb.no_results']));
  }
  // Misspellings the articles list as keywords are found directly, without a notice.
  for (const [typo, expect] of [['outlok', 'outlook-not-receiving-email'], ['pasword', 'reset-forgotten-password'],
    ['vnp', 'install-and-connect-vpn']]) {
    const p = await page(c, kb(typo));
    assert.equal(p.notice, null, `${typo}: a known keyword, no correction`);
    assert.ok(fam(p.results.slice(0, 3).map((x) => x.slug)).includes(D.get(expect).family), `${typo} finds ${expect}`);
  }
  // /search and /kb/suggest correct the same way.
  const s = await page(c, '/search?q=impresroa');
  assert.ok(s.notice && notice(s).startsWith(`${en['kb.showing_for']} impresora.`));
  assert.equal(new URL(tags(s.notice, 'a')[1].href, 'http://x').searchParams.get('exact'), '1');
  assert.equal((await page(c, '/search?q=impresroa&exact=1')).notice, null);
  assert.equal((await c.get('/kb/suggest?q=impresroa')).json().corrected, 'impresora');
});

test('synonyms: the demo groups, and a new group takes effect within 15 s', async () => {
  const c = new Client({ lang: 'en' });
  // "correo" finds the Outlook and email articles (English ones through "email").
  const hits = (await apiSearch(c, 'correo', { lang: 'en', limit: '50' })).map((h) => slugOfUrl(h.url));
  for (const s of ['outlook-not-receiving-email', 'set-up-email-on-phone', 'configurar-firma-correo'])
    assert.ok(fam(hits).includes(D.get(s).family), `"correo" finds ${s}`);
  const mail = fam((await apiSearch(c, 'mail')).map((h) => slugOfUrl(h.url)));
  assert.ok(mail.includes(D.get('outlook-not-receiving-email').family), '"mail" finds the Outlook article');
  // A new group of two made-up words: one in an article, one nowhere.
  const editor = await P.client('editor');
  const w1 = word(11);
  const w2 = word(11);
  const a = await createArticle(editor, { title: `Synonym test ${w1}`, body: `The ${w1} procedure.`, action: 'publish' });
  mine.push(a.id);
  assert.deepEqual((await apiSearch(c, w1)).map((h) => h.id), [a.id], 'found by its own word');
  assert.deepEqual(await apiSearch(c, w2), [], 'the other word finds nothing yet');
  let r = await editor.get('/kb/edit/synonyms');
  assert.equal(r.status, 200);
  assert.ok(input(form(r.text, '/kb/edit/synonyms').html, 'terms'), 'a field for a new group');
  r = await editor.post('/kb/edit/synonyms', { terms: `${w1}, ${w2}` });
  assert.equal(r.status, 303);
  assert.equal(new URL(r.headers.get('location'), 'http://x').pathname, '/kb/edit/synonyms');
  const id = await sqlValue(`SELECT id FROM kb_synonyms WHERE terms = ${q(`${w1}, ${w2}`)}`);
  assert.ok(id, 'group stored');
  synonymGroups.push(id);
  r = await editor.get('/kb/edit/synonyms');
  assert.ok(shows(r.text, `${w1}, ${w2}`), 'group listed');
  assert.ok(hasForm(r.text, `/kb/edit/synonyms/${id}/delete`), 'with a delete button');
  const t0 = Date.now();
  // Two workers each refresh within 10 s: wait until several answers in a row agree.
  let streak = 0;
  const ok = await waitFor(async () => {
    const found = (await apiSearch(c, w2)).some((h) => h.id === a.id);
    streak = found ? streak + 1 : 0;
    return streak >= 4;
  }, { timeout: 25000, interval: 250 });
  assert.ok(ok, `"${w2}" finds the article through the new group`);
  assert.ok(Date.now() - t0 < 16000, `within ~15 s (took ${Date.now() - t0} ms)`);
  // One word is not a group.
  r = await editor.post('/kb/edit/synonyms', { terms: word(8) });
  assert.equal(r.status, 422);
  assert.ok(shows(r.text, en['kbe.synonyms_two']));
  // Deleting the group: the word finds nothing again.
  r = await editor.post(`/kb/edit/synonyms/${id}/delete`, {});
  assert.equal(r.status, 303);
  synonymGroups.pop();
  assert.equal(await sqlValue(`SELECT COUNT(*) FROM kb_synonyms WHERE id = ${id}`), '0');
  streak = 0;
  assert.ok(await waitFor(async () => {
    streak = (await apiSearch(c, w2)).length === 0 ? streak + 1 : 0;
    return streak >= 4;
  }, { timeout: 25000, interval: 250 }), 'the deleted group stops working');
  // Requesters cannot manage synonyms.
  const req = await P.client('requester');
  assert.equal((await req.get('/kb/edit/synonyms')).status, 403);
  assert.equal((await req.post('/kb/edit/synonyms', { terms: `${word(8)}, ${word(8)}` })).status, 403);
});

test('Spanish and English, and across languages', async () => {
  const c = new Client({ lang: 'en' });
  const top = async (x, lang) => (await apiSearch(c, x, { lang })).slice(0, 3).map((h) => slugOfUrl(h.url));
  // The reader's language version comes first for a translated article.
  assert.equal((await top('printer not printing', 'en'))[0], 'printer-not-printing');
  assert.equal((await top('la impresora no imprime', 'es'))[0], 'impresora-no-imprime');
  // One result per article family: never both languages of one article.
  const all = (await apiSearch(c, 'impresora printer', { limit: '50' })).map((h) => slugOfUrl(h.url));
  assert.equal(new Set(fam(all)).size, all.length, 'one hit per family');
  // An English question whose only answer is the Spanish-only article (through the synonyms second/segundo, screen/pantalla).
  for (const x of ['second monitor', 'second screen']) {
    const hits = await apiSearch(c, x, { lang: 'en' });
    assert.equal(slugOfUrl(hits[0].url), 'pedir-segundo-monitor', `"${x}" -> the Spanish article`);
    assert.equal(hits[0].language, 'es');
  }
  // And a Spanish question answered by an English-only article.
  const bat = await apiSearch(c, 'salud de la batería', { lang: 'es' });
  assert.ok(bat.slice(0, 3).some((h) => slugOfUrl(h.url) === 'battery-health-check'), '"salud de la batería" -> battery-health-check');
  // The language filter keeps only that language.
  const p = await page(c, kb('impresora', '&language=en'));
  assert.ok(p.results.length > 0);
  for (const x of p.results) assert.equal(D.get(x.slug).language, 'en', `language=en: ${x.slug}`);
  const p2 = await page(c, kb('printer', '&language=es'));
  for (const x of p2.results) assert.equal(D.get(x.slug).language, 'es', `language=es: ${x.slug}`);
});

test('two-letter terms: "PC lento" finds the slow laptop, "TI" and "it" are fine', async () => {
  const c = new Client({ lang: 'es' });
  const hits = await apiSearch(c, 'PC lento', { lang: 'es' });
  assert.equal(D.get(slugOfUrl(hits[0].url)).family, D.get('portatil-lento').family, '"PC lento" -> portatil-lento');
  for (const x of ['TI', 'it', 'pc', 'wi fi', 'e mail']) {
    const r = await c.get(kb(x));
    assert.equal(r.status, 200, `"${x}"`);
    assert.equal((await c.get(`/api/v1/kb/search?q=${encodeURIComponent(x)}`)).status, 200);
  }
  // "wi fi" written apart finds what the articles write as "wifi".
  const wf = await apiSearch(c, 'wi fi oficina', { lang: 'es' });
  assert.equal(D.get(slugOfUrl(wf[0].url)).family, D.get('connect-to-office-wifi').family, '"wi fi oficina"');
});

test('hostile text: escaped, refused or handled, never a server error', async () => {
  const c = new Client({ lang: 'en' });
  const emoji = '😀'.repeat(200);
  for (const x of ['+(-*"@)', "' OR 1=1 --", '<script>alert(1)</script>', '"unclosed', '*', '-', '@@@',
    'a'.repeat(200), emoji, '\u202e\u200bx', 'ﬁ ß Ǆ', 'SELECT * FROM users;', '%00', '\\', '${7*7}']) {
    for (const path of [kb(x), `/search?q=${encodeURIComponent(x)}`, `/api/v1/kb/search?q=${encodeURIComponent(x)}`,
      `/kb/suggest?q=${encodeURIComponent(x)}`]) {
      const r = await c.get(path);
      assert.equal(r.status, 200, `${path.slice(0, 60)}: 200`);
      if (path.startsWith('/api/') || path.startsWith('/kb/suggest')) assert.doesNotThrow(() => r.json(), 'valid JSON');
    }
  }
  // Reflected only escaped.
  for (const path of [kb('<script>alert(1)</script>'), '/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E']) {
    const r = await c.get(path);
    assert.ok(!r.text.includes('<script>alert(1)'), `${path}: not reflected raw`);
    assert.ok(r.text.includes('&lt;script&gt;alert(1)&lt;/script&gt;'), `${path}: reflected escaped`);
  }
  const sug = await c.get(`/kb/suggest?q=${encodeURIComponent('<img src=x onerror=alert(1)>')}`);
  assert.match(sug.headers.get('content-type'), /^application\/json/);
  assert.ok(!sug.text.includes('<img'), 'suggest JSON escapes < (\\u003c) or drops it');
  // Too long (201 or 1000 characters), a line break, invalid UTF-8: 400.
  for (const x of ['a'.repeat(201), 'x'.repeat(1000), 'é'.repeat(201)]) {
    for (const path of [kb(x), `/search?q=${x}`, `/api/v1/kb/search?q=${encodeURIComponent(x)}`,
      `/kb/suggest?q=${encodeURIComponent(x)}`])
      assert.equal((await c.get(path)).status, 400, `${path.slice(0, 40)}… (${x.length} characters): 400`);
  }
  for (const raw of ['%ff', '%c3', 'a%0ab', '%00', 'caf%e9'])
    for (const p of ['/kb/search', '/search', '/api/v1/kb/search', '/kb/suggest'])
      assert.equal((await c.get(`${p}?q=${raw}`)).status, 400, `${p}?q=${raw}: 400`);
  // Filters and pages out of their range.
  for (const x of ['&type=bogus', '&language=fr', '&page=0', '&page=abc', '&page=1001', `&category=${'x'.repeat(81)}`])
    assert.equal((await c.get(kb('impresora', x))).status, 400, `filter ${x}: 400`);
  assert.equal((await c.get(kb('impresora', '&category=no-such-topic'))).status, 200, 'unknown topic: no filter, not an error');
  const far = await c.get(kb('impresora', '&page=999'));
  assert.equal(far.status, 200, 'a page past the end');
});

test('filters: topic (with its subtopics), kind of article; pages of 10', async () => {
  const c = new Client({ lang: 'en' });
  let p = await page(c, kb('impresora printer', '&category=printing'));
  assert.ok(p.results.length > 0);
  for (const x of p.results) assert.equal(D.get(x.slug).category, 'printing', `category=printing: ${x.slug}`);
  assert.equal(input(p.text, 'category') && /<option value="printing" selected>/.test(p.text), true, 'filter kept');
  p = await page(c, kb('wifi vpn internet', '&category=network'));
  const cats = new Set(p.results.map((x) => D.get(x.slug).category));
  assert.ok(cats.has('wifi') && cats.has('vpn'), `network includes its subtopics (${[...cats]})`);
  for (const k of cats) assert.ok(['network', 'wifi', 'vpn'].includes(k), `only network topics (${k})`);
  p = await page(c, kb('wifi vpn internet', '&category=vpn'));
  for (const x of p.results) assert.equal(D.get(x.slug).category, 'vpn');
  p = await page(c, kb('impresora printer portatil laptop', '&type=troubleshooting'));
  assert.ok(p.results.length > 0);
  const types = await sql(`SELECT DISTINCT type FROM kb_articles WHERE id IN (${p.results.map((x) => x.id).join(',')})`);
  assert.deepEqual(types, [['troubleshooting']], 'type=troubleshooting');
  // Pages of 10: the second page continues the first.
  const query = 'contrasena password';
  const p1 = await page(c, kb(query));
  assert.ok(p1.total > 10, `more than one page of results (${p1.total})`);
  assert.equal(p1.results.length, 10);
  const next = tags(p1.text, 'a').find((a) => a.rel === 'next');
  assert.ok(next, 'a next-page link');
  const nu = new URL(next.href, 'http://x');
  assert.equal(nu.pathname, '/kb/search');
  assert.equal(nu.searchParams.get('q'), query);
  assert.equal(nu.searchParams.get('page'), '2');
  const p2 = await page(c, next.href);
  assert.equal(p2.total, p1.total, 'same total on page 2');
  assert.equal(p2.results.length, Math.min(10, p1.total - 10));
  const ids = [...p1.results, ...p2.results].map((x) => x.id);
  assert.equal(new Set(ids).size, ids.length, 'no result on both pages');
});

test('every search is logged with its result count; result links carry the search id', async () => {
  const c = new Client({ lang: 'en' });
  const query = `impresora ${word(9)}`;
  const p = await page(c, kb(query));
  assert.ok(p.results.length > 0);
  const sid = p.results[0].s;
  assert.match(sid || '', /^\d+$/, 'result links carry ?s=<search id>');
  for (const x of p.results) assert.equal(x.s, sid, 'every result link of one search the same id');
  const row = (await sql(`SELECT query, results, clicked_article_id, language FROM kb_search_log WHERE id = ${sid}`))[0];
  assert.deepEqual(row, [query, String(p.total), null, 'en'], 'logged: query, result count, no click yet');
  // /search and the API log too; suggestions as you type do not.
  const q2 = `printer ${word(9)}`;
  const s = await page(c, `/search?q=${encodeURIComponent(q2)}`);
  const row2 = (await sql(`SELECT id, results FROM kb_search_log WHERE query = ${q(q2)}`))[0];
  assert.ok(row2, '/search logged');
  assert.equal(s.results[0].s, row2[0], '/search result links carry its id');
  assert.ok(Number(row2[1]) >= s.results.length);
  const q3 = `vpn ${word(9)}`;
  const hits = await apiSearch(c, q3);
  assert.deepEqual(await sql(`SELECT results FROM kb_search_log WHERE query = ${q(q3)}`), [[String(hits.length)]], 'API logged');
  const q4 = word(10);
  await c.get(`/kb/suggest?q=${q4}`);
  assert.equal(await sqlValue(`SELECT COUNT(*) FROM kb_search_log WHERE query = ${q(q4)}`), '0', 'suggest is not logged');
  // Later pages and filtered searches are not logged again.
  const q5 = `contrasena ${word(9)}`;
  await c.get(kb(q5));
  await c.get(kb(q5, '&page=2'));
  await c.get(kb(q5, '&language=es'));
  assert.equal(await sqlValue(`SELECT COUNT(*) FROM kb_search_log WHERE query = ${q(q5)}`), '1', 'one question, one log row');
});

test('opening a search result records the click in the search log', {
}, async () => {
  const c = new Client({ lang: 'en' });
  const p = await page(c, kb(`impresora ${word(9)}`));
  const sid = p.results[0].s;
  // A made-up ?s= is harmless.
  assert.equal((await c.get(`${p.results[0].href.split('?')[0]}?s=999999999999`)).status, 200);
  assert.equal((await c.get(`${p.results[0].href.split('?')[0]}?s=abc`)).status, 200);
  // Somebody else opening the same link does not count as this searcher's click.
  await new Client().get(p.results[1].href);
  assert.equal(await sqlValue(`SELECT clicked_article_id FROM kb_search_log WHERE id = ${sid}`), null, 'not another visitor\'s click');
  const r = await c.get(p.results[1].href);
  assert.equal(r.status, 200);
  assert.equal(await sqlValue(`SELECT clicked_article_id FROM kb_search_log WHERE id = ${sid}`), String(p.results[1].id),
    'the click is recorded');
  await c.get(p.results[0].href);
  assert.equal(await sqlValue(`SELECT clicked_article_id FROM kb_search_log WHERE id = ${sid}`), String(p.results[1].id),
    'the first click stays');
  // A click from the portal's /search.
  const s = await page(c, `/search?q=${encodeURIComponent(`printer ${word(9)}`)}`);
  await c.get(s.results[0].href);
  assert.equal(await sqlValue(`SELECT clicked_article_id FROM kb_search_log WHERE id = ${s.results[0].s}`),
    String(s.results[0].id), 'a click from /search');
});

test('searches with no results are listed for editors on /kb/edit/', async () => {
  const c = new Client({ lang: 'en' });
  const query = `${word(10)} ${word(10)}`;
  const p = await page(c, kb(`${query}`, '&exact=1'));
  assert.equal(p.total, 0);
  assert.ok(shows(p.text, en['kb.no_results']), 'says nothing was found');
  assert.ok(links(p.text).includes('/tickets/new'), 'offers to report the problem');
  assert.deepEqual(await sql(`SELECT results FROM kb_search_log WHERE query = ${q(query)}`), [['0']], 'logged with 0 results');
  // The list shows the 20 most frequent; make ours the most frequent so the
  // check does not depend on what earlier runs searched for.
  const top = Number(await sqlValue('SELECT COALESCE(MAX(n), 0) FROM (SELECT COUNT(*) AS n FROM kb_search_log' +
    ' WHERE results = 0 AND at > UTC_TIMESTAMP() - INTERVAL 30 DAY GROUP BY query_folded) t'));
  const folded = query.toLowerCase();
  const values = Array.from({ length: top }, () => `(${q(query)}, ${q(folded)}, 0, 'en')`).join(',');
  if (top > 0) await sql(`INSERT INTO kb_search_log (query, query_folded, results, language) VALUES ${values}`);
  const editor = await P.client('editor');
  const dash = await editor.get('/kb/edit/');
  const sec = /<section aria-labelledby="gap-h">([\s\S]*?)<\/section>/.exec(dash.text);
  assert.ok(sec, 'the "Searches with no results" section');
  assert.ok(textOf(sec[1]).startsWith(en['kbe.no_results']));
  assert.ok(shows(sec[1], query), 'our search is listed');
  assert.ok(links(sec[1]).includes(`/kb/edit/new?title=${encodeURIComponent(query).replace(/%20/g, '+')}`) ||
    links(sec[1]).includes(`/kb/edit/new?title=${encodeURIComponent(query)}`), 'with a link to write the article');
  const w = await editor.get(`/kb/edit/new?title=${encodeURIComponent(query)}`);
  assert.equal(input(w.text, 'title').value, query, 'the new article form starts with the words');
  // Searches that found something are not listed.
  assert.ok(!shows(sec[1], 'impresora no imprime'));
});

test('suggestions as you type: articles and what several others searched', async () => {
  const c = new Client({ lang: 'es' });
  let r = await c.get('/kb/suggest?q=impre');
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /^application\/json/);
  let j = r.json();
  assert.ok(Array.isArray(j.articles) && Array.isArray(j.queries));
  assert.ok(j.articles.length > 0 && j.articles.length <= 6, 'up to six articles');
  for (const a of j.articles) {
    assert.match(a.url, /^\/kb\/a\/\d+-[a-z0-9-]+$/, 'a relative article URL');
    assert.equal(typeof a.title, 'string');
  }
  const slugs = j.articles.map((a) => slugOfUrl(a.url));
  assert.ok(slugs.includes('impresora-no-imprime') && slugs.includes('anadir-impresora-de-red'),
    `"impre" suggests the printer articles (${slugs})`);
  assert.ok(j.articles.some((a) => /impresora/i.test(a.title)));
  j = (await c.get('/kb/suggest?q=contras')).json();
  assert.ok(j.articles.some((a) => /contraseña/i.test(a.title)), '"contras" completes to contraseña');
  for (const x of ['', 'i', ' ']) {
    j = (await c.get(`/kb/suggest?q=${x}`)).json();
    assert.deepEqual(j, { articles: [], queries: [] }, `"${x}": nothing to suggest yet`);
  }
  // A query becomes a suggestion only once three different signed-in people made it (and it
  // found something); visitors without an account cannot plant suggestions.
  const w = word(10);
  const query = `${w} impresora`;
  for (let i = 0; i < 4; i++) await new Client().get(kb(query));
  assert.deepEqual((await c.get(`/kb/suggest?q=${w.slice(0, 8)}`)).json().queries, [], 'anonymous searches never become suggestions');
  const people = [];
  for (let i = 0; i < 3; i++) people.push(await signedIn(await createUser({ tag: 'kbsug', lang: 'en' }), { lang: 'en' }));
  await people[0].get(kb(query));
  await people[0].get(kb(query));
  await people[1].get(kb(query));
  assert.deepEqual((await c.get(`/kb/suggest?q=${w.slice(0, 8)}`)).json().queries, [], 'two people: still private');
  await people[2].get(kb(query));
  assert.deepEqual((await c.get(`/kb/suggest?q=${w.slice(0, 8)}`)).json().queries, [query], 'three people: suggested');
  const none = word(10);
  for (const p of people) await p.get(kb(none, '&exact=1'));
  assert.deepEqual((await c.get(`/kb/suggest?q=${none.slice(0, 8)}`)).json().queries, [], 'searches that found nothing are not suggested');
});

test('the visibility rule in search: results, counts, suggestions', async () => {
  const anon = new Client({ lang: 'en' });
  const req = await P.client('requester');
  const agent = await P.client('agent');
  const hiddenFor = { anonymous: [...USERS_ONLY, ...INTERNAL], requester: INTERNAL, agent: [] };
  const questions = ['staff wifi name ssid', 'vpn server address', 'shared drive path letters',
    'unlock account directory aduc', 'restart print queue spooler', 'datos wifi personal', 'rutas unidades compartidas'];
  const seen = { anonymous: new Set(), requester: new Set(), agent: new Set() };
  for (const x of questions) {
    const lists = {};
    for (const [who, c] of [['anonymous', anon], ['requester', req], ['agent', agent]]) {
      const hits = (await apiSearch(c, x, { limit: '50' })).map((h) => slugOfUrl(h.url));
      lists[who] = hits;
      for (const s of hits) seen[who].add(s);
      for (const s of hiddenFor[who]) assert.ok(!hits.includes(s), `${who} "${x}": ${s} never in the API results`);
      const p = await page(c, kb(x));
      for (const s of hiddenFor[who]) assert.ok(!p.results.some((r) => r.slug === s), `${who} /kb/search "${x}": no ${s}`);
      if (hits.length < 50) assert.equal(p.total, hits.length, `${who} "${x}": the page's count is what the API returns (${p.total})`);
      const pj = (await c.get(kb(x), { headers: { accept: 'application/json' } })).text;
      for (const s of hiddenFor[who]) assert.ok(!pj.includes(`-${s}`), `${who} /kb/search JSON "${x}": no ${s}`);
      const portal = await page(c, `/search?q=${encodeURIComponent(x)}`);
      for (const s of hiddenFor[who]) assert.ok(!portal.results.some((r) => r.slug === s), `${who} /search "${x}": no ${s}`);
      const more = /All matching articles \((\d+)\)/.exec(textOf(portal.text));
      if (more) assert.equal(Number(more[1]), hits.length, `${who} /search "${x}": count`);
      for (const prefix of [x.slice(0, 5), x.split(' ')[0]]) {
        const sug = (await c.get(`/kb/suggest?q=${encodeURIComponent(prefix)}`)).json().articles.map((a) => slugOfUrl(a.url));
        for (const s of hiddenFor[who]) assert.ok(!sug.includes(s), `${who} suggest "${prefix}": no ${s}`);
      }
    }
    // Signing in only adds: the anonymous results are a subset of the requester's, theirs of the
    // agent's (compared by article family: one language version of each is listed, and which one
    // ranks first may change when more articles compete).
    const fam = (s) => (D.get(s) ? D.get(s).family : s);
    const has = (list, s) => list.some((y) => fam(y) === fam(s));
    for (const s of lists.anonymous) assert.ok(has(lists.requester, s), `"${x}": ${s} also for requesters`);
    for (const s of lists.requester) assert.ok(has(lists.agent, s), `"${x}": ${s} also for agents`);
  }
  // The questions do reach the hidden articles for those allowed to read them.
  for (const s of ['staff-wifi-details', 'vpn-connection-details', 'shared-drive-locations'])
    assert.ok([...seen.requester].some((x) => D.get(x).family === D.get(s).family), `requester finds ${s}`);
  for (const s of ['unlock-account-in-directory', 'restart-print-queue'])
    assert.ok([...seen.agent].some((x) => D.get(x).family === D.get(s).family), `agent finds ${s}`);
});

test('typo corrections never reveal words that only hidden articles contain', {
}, async () => {
  const c = new Client({ lang: 'en' });
  for (const [typo, secret] of [['badpwdcont', 'badpwdcount'], ['lockouttme', 'lockouttime'], ['mschapv', 'mschapv2']]) {
    const p = await page(c, kb(typo));
    assert.ok(!p.text.toLowerCase().includes(secret), `anonymous "${typo}": "${secret}" not suggested`);
    assert.notEqual((await c.get(`/kb/suggest?q=${typo}`)).json().corrected, secret);
  }
});

// Realistic questions with the article (or any of the articles) expected in
// the top 3 of /api/v1/kb/search for a signed-in reader; a translation of the
// expected article counts too (search shows one language per article).
const QUALITY = [
  ['mi cuenta está bloqueada', 'es', ['cuenta-bloqueada']],
  ['locked out of my account after too many attempts', 'en', ['account-locked-out']],
  ['cuenta bloqeada', 'es', ['cuenta-bloqueada']],
  ['how do I add a printer', 'en', ['add-a-network-printer']],
  ['instalar la impresora de mi planta', 'es', ['anadir-impresora-de-red']],
  ['la impresora no imprime', 'es', ['impresora-no-imprime']],
  ['impresroa no imprime', 'es', ['impresora-no-imprime']],
  ['printer says offline', 'en', ['printer-not-printing']],
  ['nothing comes out of the printer', 'en', ['printer-not-printing']],
  ['no puedo imprimir', 'es', ['impresora-no-imprime']],
  ['impresoras', 'es', ['anadir-impresora-de-red', 'impresora-no-imprime']],
  ['my battery drains very fast', 'en', ['battery-health-check']],
  ['la batería dura muy poco', 'es', ['battery-health-check']],
  ['cambiar mi contraseña', 'es', ['cambiar-contrasena-normas']],
  ['CONTRASEÑA demasiado corta', 'es', ['cambiar-contrasena-normas']],
  ['how long must my password be', 'en', ['change-password-rules']],
  ['olvidé mi contraseña', 'es', ['restablecer-contrasena-olvidada']],
  ['olvide contrasena', 'es', ['restablecer-contrasena-olvidada']],
  ['contrasela', 'es', ['restablecer-contrasena-olvidada', 'cambiar-contrasena-normas']],
  ['forgot my pasword', 'en', ['reset-forgotten-password']],
  ["can't remember my password", 'en', ['reset-forgotten-password']],
  ['poner firma en el correo', 'es', ['configurar-firma-correo']],
  ['email signature', 'en', ['configurar-firma-correo']],
  ['map a network drive', 'en', ['connect-to-a-shared-drive']],
  ['conectar unidad compartida', 'es', ['conectar-unidad-compartida']],
  ['how do I connect to wifi at the office', 'en', ['connect-to-office-wifi']],
  ['conectarme al wifi de la oficina', 'es', ['conectarse-al-wifi-de-la-oficina']],
  ['wifii oficina', 'es', ['conectarse-al-wifi-de-la-oficina']],
  ['wifi for visitors', 'en', ['connect-to-office-wifi', 'staff-wifi-details']],
  ['wifi connected but no internet', 'en', ['wifi-connected-no-internet']],
  ['tengo wifi pero no internet', 'es', ['wifi-conectado-sin-internet']],
  ['trabajar desde casa vpn', 'es', ['instalar-y-conectar-la-vpn']],
  ['como me conecto a la vpn desde casa', 'es', ['instalar-y-conectar-la-vpn']],
  ['install the vnp', 'en', ['install-and-connect-vpn']],
  ['vpn connected but intranet does not load', 'en', ['vpn-connected-internal-sites-not-opening']],
  ['necesito instalar un programa', 'es', ['instalar-programas-o-pedir-licencia']],
  ['request an adobe licence', 'en', ['install-software-or-request-licence']],
  ['join a meeting by phone', 'en', ['join-meeting-from-room-or-phone']],
  ['echo in the meeting room', 'en', ['join-meeting-from-room-or-phone']],
  ['unirse a una reunión desde la sala', 'es', ['unirse-reunion-desde-sala-o-telefono']],
  ['windows update stuck', 'en', ['keep-your-devices-updated']],
  ['actualizaciones pendientes', 'es', ['mantener-dispositivos-actualizados']],
  ["my laptop won't charge", 'en', ['laptop-not-turning-on-or-charging']],
  ['screen stays black when I press the power button', 'en', ['laptop-not-turning-on-or-charging']],
  ['el portátil no enciende', 'es', ['portatil-no-enciende-ni-carga']],
  ['first day at work', 'en', ['first-day-checklist']],
  ['mi primer dia', 'es', ['lista-primer-dia']],
  ['I got a new phone, how do I move the authenticator', 'en', ['move-mfa-to-new-phone']],
  ['cambié de móvil y no me llegan los códigos', 'es', ['pasar-mfa-a-movil-nuevo']],
  ['no me llega el correo', 'es', ['outlook-no-recibe-correo']],
  ['outlok not receiving emails', 'en', ['outlook-not-receiving-email']],
  ['buzón lleno', 'es', ['outlook-no-recibe-correo']],
  ['second monitor', 'en', ['pedir-segundo-monitor']],
  ['extra display for my desk', 'en', ['pedir-segundo-monitor']],
  ['dual screen', 'en', ['pedir-segundo-monitor']],
  ['pedir otra pantalla', 'es', ['pedir-segundo-monitor']],
  ['PC lento', 'es', ['portatil-lento']],
  ['portatl lento', 'es', ['portatil-lento']],
  ['laptop very slow', 'en', ['laptop-running-slowly']],
  ['my computer keeps freezing', 'en', ['laptop-running-slowly']],
  ['ordenador va muy lento', 'es', ['portatil-lento']],
  ['suspicious email asking for my password', 'en', ['recognise-phishing-emails']],
  ['email from the boss asking for gift cards', 'en', ['recognise-phishing-emails']],
  ['correo sospechoso', 'es', ['reconocer-correos-phishing']],
  ['I deleted a file by mistake', 'en', ['recover-a-deleted-file']],
  ['se me ha borrado un documento', 'es', ['recuperar-archivo-borrado']],
  ['recuperar archivo borrado', 'es', ['recuperar-archivo-borrado']],
  ['work email on my iphone', 'en', ['set-up-email-on-phone']],
  ['correo en el movil', 'es', ['configurar-correo-en-el-movil']],
  ['set up two factor authentication', 'en', ['set-up-mfa-on-your-phone']],
  ['configurar autenticador', 'es', ['configurar-mfa-en-el-movil']],
  ['out of office message', 'en', ['set-up-out-of-office-reply']],
  ['mensaje de vacaciones', 'es', ['activar-respuesta-fuera-de-oficina']],
  ['share my calendar with my assistant', 'en', ['share-your-calendar']],
  ['calender permissions', 'en', ['share-your-calendar']],
  ['compartir calendario', 'es', ['compartir-tu-calendario']],
  ['they cannot hear me in teams', 'en', ['teams-camera-microphone-not-working']],
  ['no me oyen en teams', 'es', ['teams-camara-microfono-no-funcionan']],
  ['la cámara sale negra en teams', 'es', ['teams-camara-microfono-no-funcionan']],
  ['webcam not working', 'en', ['teams-camera-microphone-not-working']],
  ['password manager', 'en', ['using-the-password-manager']],
  ['gestor de contraseñas', 'es', ['using-the-password-manager']],
  ['staff wifi name', 'en', ['staff-wifi-details']],
  ['dirección del servidor vpn', 'es', ['datos-de-conexion-vpn']],
  ['shared drive path', 'en', ['shared-drive-locations']],
  ['where is the scans folder', 'en', ['shared-drive-locations']],
];
// Measured at 85/86 (98.8%) on the demo data; the floor leaves room for a
// little drift, not for a real regression.
const QUALITY_FLOOR = 0.95;

test(`search quality: the expected article in the top 3 for at least ${QUALITY_FLOOR * 100}% of ${QUALITY.length} questions`, async (t) => {
  assert.ok(QUALITY.length >= 40);
  const c = await P.client('requester');
  const failures = [];
  let hits = 0;
  for (const [question, lang, expect] of QUALITY) {
    for (const s of expect) assert.ok(D.get(s), `expected article ${s} exists`);
    const top = (await apiSearch(c, question, { lang })).slice(0, 3).map((h) => slugOfUrl(h.url));
    const want = expect.map((s) => D.get(s).family);
    if (top.some((s) => want.includes(D.get(s)?.family))) hits++;
    else failures.push(`  "${question}" (${lang}): top 3 = [${top.join(', ')}], expected ${expect.join(' or ')}`);
  }
  const rate = hits / QUALITY.length;
  t.diagnostic(`search quality: ${hits}/${QUALITY.length} = ${(rate * 100).toFixed(1)}% in the top 3`);
  for (const f of failures) t.diagnostic(`missed:${f}`);
  assert.ok(rate >= QUALITY_FLOOR, `top-3 hit rate ${(rate * 100).toFixed(1)}% below ${QUALITY_FLOOR * 100}%:\n${failures.join('\n')}`);
});
