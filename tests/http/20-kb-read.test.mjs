// 20-kb-read.test.mjs - reading the knowledge base: the front page (topics
// with counts, most read, recently updated), topic pages (subtopics, the
// reader's language, pagination), articles (Markdown, breadcrumbs, the other
// language, related, canonical address, views, JSON), the visibility rule
// (users / internal articles, topics for signed-in people, team-restricted
// articles: never in any page, list, count or JSON of someone who may not
// read them) and "Was this helpful?" with its follow-up and daily limit.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import {
  assertRedirect, Client, createUser, form, forms, headings, input, links, mainOf, q, rnd, shows, signedIn, sql, sqlValue,
  T, tags, textOf, ventanilla,
} from './lib.mjs';
import {
  articleLinks, articleRow, createArticle, demo, formValues, fromAddress, INTERNAL, linkedSlugs, pathOf,
  people, readersCatchUp, SINGLE_LANGUAGE, topicCounts, USERS_ONLY, waitFor, word,
} from './kb-lib.mjs';

const en = T('en');
const es = T('es');
const tag = rnd(8);
const P = people(tag);
const TOP_TOPICS = ['accounts', 'security', 'network', 'email', 'printing', 'files', 'meetings', 'software',
  'devices', 'new-joiners'];
const mine = []; // ids of the articles this file creates (deleted at the end)
const myTopics = []; // slugs of the topics this file creates
let D; // demo articles
let editor, pub, usersOnly, internal; // articles of our own for the lists

/** The links of the <section> labelled by id on /kb/. */
function section(page, id) {
  const m = new RegExp(`<section aria-labelledby="${id}">([\\s\\S]*?)</section>`).exec(page);
  assert.ok(m, `section ${id}`);
  return m[1];
}

/** The text of the "also available in" line of an article page, or null. */
function alsoIn(page) {
  const m = /<p class="also">([\s\S]*?)<\/p>/.exec(page);
  return m ? m[1] : null;
}

/** The breadcrumb links of a page. */
function crumbs(page) {
  const m = /<nav class="crumbs"[^>]*>([\s\S]*?)<\/nav>/.exec(page);
  assert.ok(m, 'breadcrumbs');
  return links(m[1]);
}

/** Related article links of an article page. */
function related(page) {
  const m = /<section aria-labelledby="rel-h">([\s\S]*?)<\/section>/.exec(page);
  return m ? linkedSlugs(m[1]) : [];
}

/** The article slugs listed on a topic page (its result list). */
function listed(page) {
  const m = /<ul class="results">([\s\S]*?)<\/ul>/.exec(page);
  return m ? linkedSlugs(m[1]) : [];
}

before(async () => {
  D = await demo();
  editor = await P.client('editor');
  // Three articles of our own with no topic, the most read of all: public,
  // signed-in only, staff only. If a filter failed, the hidden two would top
  // "Most read" and "Recently updated".
  const top = Number(await sqlValue("SELECT COALESCE(MAX(views), 0) FROM kb_articles WHERE status = 'published'"));
  usersOnly = await createArticle(editor, { title: `Users only ${word(9)}`, visibility: 'users', action: 'publish' });
  internal = await createArticle(editor, { title: `Staff only ${word(9)}`, visibility: 'internal', action: 'publish' });
  pub = await createArticle(editor, { title: `Everyone ${word(9)}`, visibility: 'public', action: 'publish' });
  mine.push(usersOnly.id, internal.id, pub.id);
  await sql(`UPDATE kb_articles SET views = ${top + 1000} WHERE id = ${pub.id}`);
  await sql(`UPDATE kb_articles SET views = ${top + 2000} WHERE id = ${usersOnly.id}`);
  await sql(`UPDATE kb_articles SET views = ${top + 3000} WHERE id = ${internal.id}`);
});

after(async () => {
  if (mine.length) await sql(`DELETE FROM kb_articles WHERE id IN (${mine.join(',')})`);
  await sql(`DELETE FROM \`groups\` WHERE name = ${q(`KB team ${tag}`)}`);
  for (const s of myTopics) {
    await sql(`DELETE FROM kb_articles WHERE category_id = (SELECT id FROM kb_categories WHERE slug = ${q(s)})`);
    await sql(`DELETE FROM kb_categories WHERE slug = ${q(s)}`);
  }
  // Articles deleted behind the program's back: count the topics again.
  await ventanilla(['kb', 'recount']);
});

test('/kb/: topics with their counts, most read and recently updated, in the reader\'s language', async () => {
  const r = await new Client({ lang: 'en' }).get('/kb/');
  assert.equal(r.status, 200);
  assert.deepEqual(headings(r.text), [en['kb.title']]);
  for (const h of ['kb.categories', 'kb.popular', 'kb.recent'])
    assert.ok(headings(r.text, 2).includes(en[h]), `section ${h}`);
  const cards = tags(section(r.text, 'cats-h'), 'a').map((a) => a.href);
  for (const t of TOP_TOPICS) assert.ok(cards.includes(`/kb/c/${t}`), `topic ${t} on /kb/`);
  assert.ok(!cards.includes('/kb/c/wifi') && !cards.includes('/kb/c/vpn'), 'subtopics are not top-level cards');
  assert.ok(textOf(section(r.text, 'cats-h')).includes('Accounts and passwords'), 'English topic names');
  const counts = topicCounts(r.text);
  for (const t of TOP_TOPICS) assert.ok(counts[t] > 0, `topic ${t} shows a count (${counts[t]})`);
  // Counts include the subtopics: network has articles only through wifi and vpn too.
  assert.ok(counts.network >= 4, `network counts its subtopics' articles (${counts.network})`);
  // Most read: ordered by views, only what the reader may read.
  const popular = articleLinks(section(r.text, 'pop-h'));
  assert.ok(popular.length > 0 && popular.length <= 6, `at most six most-read articles (${popular.length})`);
  assert.equal(popular[0], `/kb/a/${pub.id}-${pub.slug}`, 'the most read public article comes first');
  const recent = articleLinks(section(r.text, 'new-h'));
  assert.ok(recent.length > 0 && recent.length <= 6);
  assert.ok(recent.includes(`/kb/a/${pub.id}-${pub.slug}`), 'a just-published article is in "Recently updated"');
  // Spanish reader: Spanish names, Spanish versions of translated articles.
  const s = await new Client({ lang: 'es' }).get('/kb/');
  assert.deepEqual(headings(s.text), [es['kb.title']]);
  assert.ok(textOf(section(s.text, 'cats-h')).includes('Cuentas y contraseñas'), 'Spanish topic names');
  for (const id of ['pop-h', 'new-h']) {
    for (const slug of linkedSlugs(section(s.text, id))) {
      const a = D.get(slug);
      if (!a) continue; // our own articles (no translation)
      const hasEs = [...D.values()].some((x) => x.family === a.family && x.language === 'es' && x.status === 'published');
      assert.ok(a.language === 'es' || !hasEs, `${id}: ${slug} shown to a Spanish reader although a Spanish version exists`);
    }
  }
});

test('"Most read" and "Recently updated" list only what the reader may read', async () => {
  // Runs before anything else is published here: our three articles are the
  // newest and the most read, hidden ones first.
  const path = (a) => `/kb/a/${a.id}-${a.slug}`;
  const views = [['anonymous', new Client({ lang: 'en' }), [pub]],
    ['requester', await P.client('requester'), [usersOnly, pub]],
    ['agent', await P.client('agent'), [internal, usersOnly, pub]]];
  for (const [who, c, expect] of views) {
    const home = (await c.get('/kb/')).text;
    const popular = articleLinks(section(home, 'pop-h'));
    const recent = articleLinks(section(home, 'new-h'));
    assert.deepEqual(popular.slice(0, expect.length), expect.map(path), `${who}: most read, highest views first`);
    for (const a of [pub, usersOnly, internal]) {
      const may = expect.includes(a);
      assert.equal(recent.includes(path(a)), may, `${who}: ${a.slug} ${may ? 'in' : 'not in'} "Recently updated"`);
      assert.equal(articleLinks(home).includes(path(a)), may, `${who}: ${a.slug} ${may ? 'linked' : 'nowhere'} on /kb/`);
    }
  }
});

test('topic counts on /kb/ are the number of articles the topic page lists', {
}, async () => {
  for (const lang of ['en', 'es']) {
    const c = new Client({ lang });
    const counts = topicCounts((await c.get('/kb/')).text);
    for (const t of TOP_TOPICS) {
      const page = (await c.get(`/kb/c/${t}`)).text;
      assert.equal(counts[t], listed(page).length, `${lang}: ${t} count on /kb/ equals the articles listed`);
    }
  }
});

test('/kb/c/<topic>: subtopics, breadcrumbs, articles of the subtopics in the reader\'s language', async () => {
  const c = new Client({ lang: 'en' });
  let r = await c.get('/kb/c/network');
  assert.equal(r.status, 200);
  assert.deepEqual(headings(r.text), ['Wi-Fi, VPN and internet']);
  assert.ok(headings(r.text, 2).includes(en['kb.subtopics']), 'subtopics heading');
  const sub = links(/<ul class="chips">([\s\S]*?)<\/ul>/.exec(r.text)[1]);
  assert.deepEqual(sub.sort(), ['/kb/c/vpn', '/kb/c/wifi'], 'both subtopics linked');
  let l = listed(r.text);
  for (const s of ['connect-to-office-wifi', 'install-and-connect-vpn', 'wifi-connected-no-internet'])
    assert.ok(l.includes(s), `network lists ${s} (own and subtopics' articles)`);
  for (const s of ['conectarse-al-wifi-de-la-oficina', 'instalar-y-conectar-la-vpn'])
    assert.ok(!l.includes(s), `no Spanish version ${s} for an English reader`);
  assert.deepEqual(crumbs(r.text), ['/kb/'], 'a top topic: crumbs to the front page only');
  r = await c.get('/kb/c/wifi');
  assert.equal(r.status, 200);
  assert.deepEqual(headings(r.text), ['Wi-Fi']);
  assert.deepEqual(crumbs(r.text), ['/kb/', '/kb/c/network'], 'a subtopic: crumbs through its parent');
  assert.ok(!/<ul class="chips">/.test(r.text), 'no subtopics under a subtopic');
  assert.ok(listed(r.text).includes('connect-to-office-wifi'));
  assert.ok(!listed(r.text).includes('install-and-connect-vpn'), 'a sibling subtopic\'s article is not listed');
  // Spanish reader: Spanish versions; single-language articles in either language.
  const s = new Client({ lang: 'es' });
  r = await s.get('/kb/c/network');
  assert.deepEqual(headings(r.text), ['Wi-Fi, VPN e internet']);
  l = listed(r.text);
  assert.ok(l.includes('conectarse-al-wifi-de-la-oficina') && !l.includes('connect-to-office-wifi'),
    'Spanish reader gets the Spanish version');
  const devEs = listed((await s.get('/kb/c/devices')).text);
  const devEn = listed((await c.get('/kb/c/devices')).text);
  assert.ok(devEs.includes('battery-health-check'), 'English-only article listed for a Spanish reader');
  assert.ok(devEn.includes('pedir-segundo-monitor'), 'Spanish-only article listed for an English reader');
  assert.ok(devEs.includes('portatil-lento') && !devEs.includes('laptop-running-slowly'), 'es: portatil-lento');
  assert.ok(devEn.includes('laptop-running-slowly') && !devEn.includes('portatil-lento'), 'en: laptop-running-slowly');
  // Every topic page lists each article family once.
  for (const t of TOP_TOPICS) {
    const fams = listed((await c.get(`/kb/c/${t}`)).text).map((x) => D.get(x)?.family ?? x);
    assert.equal(new Set(fams).size, fams.length, `${t}: one entry per article family`);
  }
  r = await c.get(`/kb/c/no-such-topic-${tag}`);
  assert.equal(r.status, 404, 'unknown topic');
});

test('a long topic is paged, 20 articles a page', async () => {
  // 23 articles in a topic of our own, loaded with the importer.
  const slug = `paging-${tag}`;
  const dir = mkdtempSync(join(tmpdir(), 'vt-kbpage-'));
  try {
    writeFileSync(join(dir, '_categories.tsv'), 'slug\tparent\tname_en\tname_es\tdescription_en\tdescription_es\n' +
      `${slug}\t\tPaging ${tag}\tPaginado ${tag}\tLong topic\tTema largo\n`);
    for (let i = 1; i <= 23; i++) {
      const s = `${slug}-${String(i).padStart(2, '0')}`;
      writeFileSync(join(dir, `${s}.md`), `---\nslug: ${s}\ntitle: Paging ${tag} ${String(i).padStart(2, '0')}\n` +
        `category: ${slug}\nlanguage: en\ntype: reference\ntags:\nkeywords:\nvisibility: public\ntranslation_of:\n---\n` +
        `Entry ${word(8)}.\n`);
    }
    myTopics.push(slug);
    const out = await ventanilla(['kb', 'import', dir]);
    assert.match(out.stdout, /23 saved/, out.stdout);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const c = new Client({ lang: 'en' });
  await readersCatchUp();
  assert.equal(topicCounts((await c.get('/kb/')).text)[slug], 23, 'count on /kb/');
  const p1 = await c.get(`/kb/c/${slug}`);
  assert.equal(p1.status, 200);
  const l1 = listed(p1.text);
  assert.equal(l1.length, 20, 'first page: 20 articles');
  assert.deepEqual(l1, Array.from({ length: 20 }, (_, i) => `${slug}-${String(i + 1).padStart(2, '0')}`),
    'equal views: ordered by title');
  const next = tags(p1.text, 'a').find((a) => a.rel === 'next');
  assert.ok(next, 'a link to the next page');
  assert.equal(next.href, `/kb/c/${slug}?page=2`);
  assert.ok(!tags(p1.text, 'a').some((a) => a.rel === 'prev'), 'no previous page on page 1');
  const p2 = await c.get(next.href);
  const l2 = listed(p2.text);
  assert.deepEqual(l2, [21, 22, 23].map((i) => `${slug}-${i}`), 'second page: the other 3');
  assert.equal(tags(p2.text, 'a').find((a) => a.rel === 'prev')?.href, `/kb/c/${slug}?page=1`);
  assert.ok(!tags(p2.text, 'a').some((a) => a.rel === 'next'), 'no next page on the last page');
  assert.match(textOf(p2.text), new RegExp(`${en['pager.page']} 2 ${en['pager.of']} 2`));
  // Out of range and nonsense page numbers are clamped, never an error.
  assert.deepEqual(listed((await c.get(`/kb/c/${slug}?page=99`)).text), l2, 'page past the end: the last page');
  assert.deepEqual(listed((await c.get(`/kb/c/${slug}?page=abc`)).text), l1, 'page=abc: the first page');
  assert.deepEqual(listed((await c.get(`/kb/c/${slug}?page=-3`)).text), l1, 'negative page: the first page');
});

test('an article: title, rendered Markdown, breadcrumbs, the other language, related articles', async () => {
  const c = new Client({ lang: 'en' });
  const r = await c.get(await pathOf('account-locked-out'));
  assert.equal(r.status, 200);
  assert.deepEqual(headings(r.text), ['My account is locked']);
  const main = mainOf(r.text);
  assert.ok(main.includes('<h2>The quickest fix: wait 15 minutes</h2>'), 'Markdown heading rendered');
  assert.ok(main.includes('<strong>15 minutes</strong>'), 'Markdown bold rendered');
  assert.match(main, /<ol>\s*<li><strong>Your phone\.<\/strong>/, 'Markdown numbered list rendered');
  assert.ok(!main.includes('## '), 'no raw Markdown');
  assert.deepEqual(crumbs(r.text), ['/kb/', '/kb/c/accounts'], 'crumbs: front page, topic');
  assert.ok(textOf(/<nav class="crumbs"[^>]*>([\s\S]*?)<\/nav>/.exec(r.text)[1]).includes('Accounts and passwords'));
  // The Spanish translation is offered, marked with its language.
  const also = alsoIn(r.text);
  assert.ok(also && textOf(also).startsWith(en['kb.also_in']), '"Also available in" line');
  const tr = tags(also, 'a');
  assert.deepEqual(tr.map((a) => [a.href, a.hreflang]), [[await pathOf('cuenta-bloqueada'), 'es']]);
  assert.equal(textOf(also).includes('Mi cuenta está bloqueada'), true, 'the translation\'s title');
  // Related: others of the same topic, never itself, its translation or what the reader may not read.
  const rel = related(r.text);
  assert.ok(rel.length > 0 && rel.length <= 5, `related articles (${rel})`);
  assert.ok(rel.includes('reset-forgotten-password'), 'a same-topic article is related');
  for (const s of ['account-locked-out', 'cuenta-bloqueada', 'unlock-account-in-directory', 'desbloquear-cuenta-en-directorio'])
    assert.ok(!rel.includes(s), `${s} not in related for an anonymous reader`);
  for (const s of rel) assert.equal(D.get(s).category, 'accounts', `related ${s} is from the same topic`);
  // The "Was this helpful?" form.
  const fb = form(r.text, `${await pathOf('account-locked-out')}/feedback`);
  assert.ok(input(fb.html, 'helpful', 'yes') && input(fb.html, 'helpful', 'no'), 'yes and no buttons');
  assert.ok(input(fb.html, 'csrf'), 'with the form token');
  // A subtopic's article: crumbs through the parent. A Spanish article read in English is marked lang="es".
  const w = await c.get(await pathOf('connect-to-office-wifi'));
  assert.deepEqual(crumbs(w.text), ['/kb/', '/kb/c/network', '/kb/c/wifi']);
  const sp = await c.get(await pathOf('pedir-segundo-monitor'));
  assert.equal(sp.status, 200);
  assert.match(sp.text, /<article class="kb-article" lang="es">/, 'language of the text marked');
  // Single-language articles offer no other language; Spanish readers get Spanish words.
  for (const s of Object.keys(SINGLE_LANGUAGE))
    assert.equal(alsoIn((await c.get(await pathOf(s))).text), null, `${s}: nothing "also available"`);
  const esr = await new Client({ lang: 'es' }).get(await pathOf('cuenta-bloqueada'));
  assert.ok(textOf(alsoIn(esr.text)).startsWith(es['kb.also_in']));
  assert.deepEqual(tags(alsoIn(esr.text), 'a').map((a) => a.hreflang), ['en']);
  assert.ok(shows(esr.text, es['kb.helpful_q']));
});

test('the address: a wrong or missing slug redirects to the canonical one; unknown ids are 404', async () => {
  const c = new Client();
  const path = await pathOf('account-locked-out');
  const id = D.get('account-locked-out').id;
  assertRedirect(await c.get(`/kb/a/${id}-wrong-slug`), path, 'wrong slug');
  assertRedirect(await c.get(`/kb/a/${id}`), path, 'no slug');
  assertRedirect(await c.get(`/kb/a/${id}-`), path, 'empty slug');
  for (const p of ['/kb/a/999999999-nothing', '/kb/a/0-zero', '/kb/a/abc', `/kb/a/${id}x-junk`, '/kb/a/',
    '/kb/a/99999999999999999999-big'])
    assert.equal((await c.get(p)).status, 404, p);
  // An article the reader may not read is 404 however it is addressed: no
  // redirect that would tell its slug.
  const hidden = D.get('staff-wifi-details').id;
  for (const p of [`/kb/a/${hidden}`, `/kb/a/${hidden}-x`, `/kb/a/${hidden}-staff-wifi-details`]) {
    const r = await c.get(p);
    assert.equal(r.status, 404, `anonymous ${p}`);
    assert.equal(r.headers.get('location'), null);
    if (!p.endsWith('details')) assert.ok(!r.text.includes('staff-wifi-details'), 'slug not revealed');
    assert.ok(!r.text.includes(D.get('staff-wifi-details').title), 'title not revealed');
  }
});

test('reading an article counts a view within seconds (HEAD and redirects do not)', async () => {
  // Workers count views in memory and write them within about two seconds.
  const c = new Client();
  const views = async () => (await articleRow(pub.id)).views;
  const settled = async (expect, what) => {
    await waitFor(async () => (await views()) >= expect, { timeout: 8000, interval: 200 });
    await new Promise((resolve) => setTimeout(resolve, 2500));
    assert.equal(await views(), expect, what);
  };
  const before = await views();
  let r = await c.get(`/kb/a/${pub.id}-${pub.slug}`);
  assert.equal(r.status, 200);
  await settled(before + 1, 'one view more');
  await c.get(`/kb/a/${pub.id}-${pub.slug}`);
  await c.get(`/kb/a/${pub.id}-${pub.slug}`);
  await settled(before + 3, 'two views more');
  r = await c.request(`/kb/a/${pub.id}-${pub.slug}`, { method: 'HEAD' });
  assert.equal(r.status, 200);
  await c.get(`/kb/a/${pub.id}-wrong`);
  await c.get(`/kb/a/${pub.id}-${pub.slug}`);
  await settled(before + 4, 'HEAD and the redirect from a wrong slug are not views');
});

test('JSON: Accept: application/json on the article page and /api/v1/kb/articles/<id>', async () => {
  const c = new Client({ lang: 'en' });
  const id = D.get('account-locked-out').id;
  for (const [path, headers] of [[await pathOf('account-locked-out'), { accept: 'application/json' }],
    [`/api/v1/kb/articles/${id}`, {}], [`/api/v1/kb/articles/${id}-any-slug`, {}]]) {
    const r = await c.get(path, { headers });
    assert.equal(r.status, 200, path);
    assert.match(r.headers.get('content-type'), /^application\/json/, path);
    const j = r.json();
    assert.equal(j.Article.title, 'My account is locked', `${path}: title`);
    assert.equal(j.Article.slug, 'account-locked-out');
    assert.equal(j.Article.language, 'en');
    assert.equal(j.Article.category_slug, 'accounts');
    assert.ok(j.Article.body_html.includes('<h2>The quickest fix: wait 15 minutes</h2>'), `${path}: rendered body`);
    assert.deepEqual(j.Translations.map((t) => [t.slug, t.language]), [['cuenta-bloqueada', 'es']]);
    assert.ok(j.Related.length > 0, 'related articles');
    assert.ok(!j.Related.some((x) => INTERNAL.includes(x.slug) || USERS_ONLY.includes(x.slug)),
      'no hidden article among the related ones');
    assert.deepEqual(Object.keys(j).sort(), ['Article', 'Related', 'Title', 'Translations'], `${path}: what the JSON holds`);
    assert.ok(!r.text.includes(await c.csrf()), 'no form token in the JSON');
  }
  let r = await c.get('/api/v1/kb/articles/999999999');
  assert.equal(r.status, 404);
  assert.equal(r.json().Status, '404');
  r = await c.get('/api/v1/kb/articles/nope');
  assert.equal(r.status, 404);
});

test('visibility "users": hidden from anonymous readers everywhere, shown when signed in', async () => {
  const anon = new Client({ lang: 'en' });
  const req = await P.client('requester');
  for (const slug of USERS_ONLY) {
    const a = D.get(slug);
    assert.equal((await anon.get(`/kb/a/${a.id}-${slug}`)).status, 404, `anonymous ${slug}`);
    assert.equal((await anon.get(`/api/v1/kb/articles/${a.id}`)).status, 404, `anonymous JSON ${slug}`);
    assert.equal((await req.get(`/kb/a/${a.id}-${slug}`)).status, 200, `signed-in ${slug}`);
    assert.equal((await req.get(`/api/v1/kb/articles/${a.id}`)).json().Article.slug, slug);
  }
  // Topic lists and the translation link.
  const anonFiles = listed((await anon.get('/kb/c/files')).text);
  const reqFiles = listed((await req.get('/kb/c/files')).text);
  assert.ok(!anonFiles.includes('shared-drive-locations'), 'not listed for anonymous readers');
  assert.ok(reqFiles.includes('shared-drive-locations'), 'listed when signed in');
  const anonNet = listed((await anon.get('/kb/c/network')).text);
  assert.ok(!anonNet.includes('staff-wifi-details') && !anonNet.includes('vpn-connection-details'));
  const reqNet = listed((await req.get('/kb/c/network')).text);
  assert.ok(reqNet.includes('staff-wifi-details') && reqNet.includes('vpn-connection-details'));
  // Counts on /kb/: exactly the hidden ones fewer.
  const ca = topicCounts((await anon.get('/kb/')).text);
  const cr = topicCounts((await req.get('/kb/')).text);
  assert.equal(cr.files - ca.files, 1, `files: one more when signed in (${ca.files} / ${cr.files})`);
  assert.equal(cr.network - ca.network, 2, `network: two more when signed in (${ca.network} / ${cr.network})`);
  // The JSON forms of the same pages follow the same rule.
  const json = async (c, path) => (await c.get(path, { headers: { accept: 'application/json' } })).text;
  for (const path of ['/kb/', '/kb/c/files', '/kb/c/network', '/kb/c/wifi']) {
    const a = await json(anon, path);
    for (const slug of [...USERS_ONLY, ...INTERNAL, usersOnly.slug, internal.slug])
      assert.ok(!a.includes(`"${slug}"`), `anonymous JSON of ${path}: no ${slug}`);
  }
  assert.ok((await json(req, '/kb/c/files')).includes('"shared-drive-locations"'), 'signed-in JSON lists it');
  const r = await req.get(await pathOf('staff-wifi-details'));
  assert.deepEqual(tags(alsoIn(r.text), 'a').map((a) => a.href), [await pathOf('datos-wifi-personal')]);
});

test('visibility "internal": hidden from requesters, shown to agents and editors', async () => {
  const req = await P.client('requester');
  const agent = await P.client('agent');
  for (const slug of INTERNAL) {
    const a = D.get(slug);
    assert.equal((await req.get(`/kb/a/${a.id}-${slug}`)).status, 404, `requester ${slug}`);
    assert.equal((await req.get(`/api/v1/kb/articles/${a.id}`)).status, 404, `requester JSON ${slug}`);
    assert.equal((await new Client().get(`/kb/a/${a.id}-${slug}`)).status, 404, `anonymous ${slug}`);
    assert.equal((await agent.get(`/kb/a/${a.id}-${slug}`)).status, 200, `agent ${slug}`);
    assert.equal((await editor.get(`/kb/a/${a.id}-${slug}`)).status, 200, `editor ${slug}`);
  }
  assert.ok(!listed((await req.get('/kb/c/printing')).text).includes('restart-print-queue'));
  assert.ok(listed((await agent.get('/kb/c/printing')).text).includes('restart-print-queue'));
  const cr = topicCounts((await req.get('/kb/')).text);
  const cg = topicCounts((await agent.get('/kb/')).text);
  assert.equal(cg.accounts - cr.accounts, 1, 'accounts: one more for agents');
  assert.equal(cg.printing - cr.printing, 1, 'printing: one more for agents');
  // Related articles follow the reader's rights.
  const path = await pathOf('account-locked-out');
  assert.ok(!related((await req.get(path)).text).includes('unlock-account-in-directory'));
  assert.ok(related((await agent.get(path)).text).includes('unlock-account-in-directory'), 'agents see it as related');
  assert.equal((await req.get(`/kb/a/${internal.id}-${internal.slug}`)).status, 404);
  assert.equal((await agent.get(`/kb/a/${internal.id}-${internal.slug}`)).status, 200);
});

test('a topic for signed-in people hides its articles from anonymous readers', async () => {
  const admin = await P.client('admin');
  const slug = `members-${tag}`;
  const name = `Members area ${tag}`;
  let r = await admin.post('/admin/kb/categories', { slug, name_en: name, name_es: `Zona de miembros ${tag}`,
    description_en: '', description_es: '', position: '50', parent_id: '0', visibility: 'users' });
  assertRedirect(r, '/admin/kb/categories?saved=1', 'topic created');
  myTopics.push(slug);
  const catId = await sqlValue(`SELECT id FROM kb_categories WHERE slug = ${q(slug)}`);
  // A public article inside it.
  const title = `Inside ${word(9)}`;
  const a = await createArticle(editor, { title, category_id: catId, action: 'publish' });
  const path = `/kb/a/${a.id}-${a.slug}`;
  const anon = new Client({ lang: 'en' });
  const home = await anon.get('/kb/');
  assert.ok(!links(home.text).includes(`/kb/c/${slug}`), 'no card on /kb/ for anonymous readers');
  assert.ok(!home.text.includes(name), 'name not shown');
  assert.equal((await anon.get(`/kb/c/${slug}`)).status, 404, 'the topic page is 404');
  assert.equal((await anon.get(path)).status, 404, 'a public article in it is 404 too');
  assert.equal((await anon.get(`/api/v1/kb/articles/${a.id}`)).status, 404, 'and in JSON');
  r = await anon.get('/kb/search?q=x');
  assert.ok(!r.text.includes(`value="${slug}"`), 'not offered as a search filter');
  const req = await P.client('requester');
  await readersCatchUp();
  const rh = await req.get('/kb/');
  assert.ok(links(rh.text).includes(`/kb/c/${slug}`), 'signed in: the card is there');
  assert.equal(topicCounts(rh.text)[slug], 1, 'with its article counted');
  const rc = await req.get(`/kb/c/${slug}`);
  assert.equal(rc.status, 200);
  assert.deepEqual(listed(rc.text), [a.slug]);
  assert.equal((await req.get(path)).status, 200);
  // Search follows the topic's visibility, also when the topic changes.
  const found = async (c) => (await c.get(`/api/v1/kb/search?q=${encodeURIComponent(title)}&limit=50&exact=1`))
    .json().map((h) => h.id).includes(a.id);
  assert.ok(!(await found(anon)), 'anonymous search does not find it');
  assert.ok(await found(req), 'signed-in search finds it');
  r = await admin.post(`/admin/kb/categories/${catId}`, { slug, name_en: name, name_es: `Zona de miembros ${tag}`,
    description_en: '', description_es: '', position: '50', parent_id: '0', visibility: 'public' });
  assertRedirect(r, '/admin/kb/categories?saved=1', 'topic made public');
  assert.ok(await found(anon), 'now anonymous search finds it');
  r = await admin.post(`/admin/kb/categories/${catId}`, { slug, name_en: name, name_es: `Zona de miembros ${tag}`,
    description_en: '', description_es: '', position: '50', parent_id: '0', visibility: 'internal' });
  assertRedirect(r, '/admin/kb/categories?saved=1', 'topic made internal');
  assert.ok(!(await found(req)), 'a requester no longer finds it');
  assert.ok(await found(admin), 'staff do');
});

test('an article restricted to a team: only its members (and editors) read it', async () => {
  const admin = await P.client('admin');
  const team = `KB team ${tag}`;
  let r = await admin.post('/admin/groups', { name: team, description: 'kb test' });
  assertRedirect(r, '/admin/groups?created=1', 'team created');
  const gid = await sqlValue(`SELECT id FROM \`groups\` WHERE name = ${q(team)}`);
  // A requester put in the team through the admin pages.
  const member = await P.user('requester');
  r = await admin.get(`/admin/users/${member.id}`);
  assert.ok(input(r.text, 'group', gid), 'the new team is offered');
  r = await admin.post(`/admin/users/${member.id}`, [['name', member.name], ['active', '1'], ['group', gid]]);
  assertRedirect(r, `/admin/users/${member.id}?saved=1`, 'member saved');
  assert.equal(await sqlValue(`SELECT COUNT(*) FROM user_groups WHERE user_id = ${member.id} AND group_id = ${gid}`), '1');
  // The editor restricts an article with the team checkbox.
  const page = await editor.get('/kb/edit/new');
  assert.ok(input(page.text, 'group', gid), 'team checkbox on the editor form');
  const secret = word(9);
  const a = await createArticle(editor, { title: `Team only ${secret}`, group: gid, keywords: `teamonly${tag}`,
    action: 'publish' });
  mine.push(a.id);
  assert.equal(await sqlValue(`SELECT COUNT(*) FROM kb_terms WHERE term = ${q(secret.toLowerCase())}`), '0',
    'its words never reach the spelling vocabulary (a correction would show them)');
  const edit = await editor.get(`/kb/edit/a/${a.id}`);
  assert.equal(formValues(edit.text, `/kb/edit/a/${a.id}`).group, gid, 'the checkbox stays ticked');
  const path = `/kb/a/${a.id}-${a.slug}`;
  const memberClient = await P.client('requester');
  const outsideAgent = await P.client('agent');
  assert.equal((await memberClient.get(path)).status, 200, 'team member reads it');
  assert.equal((await editor.get(path)).status, 200, 'editors read it');
  assert.equal((await outsideAgent.get(path)).status, 404, 'an agent outside the team does not');
  assert.equal((await new Client().get(path)).status, 404, 'anonymous readers do not');
  // A requester outside the team: 404, and not in search, lists or JSON either.
  const other = await signedIn(await createUser({ tag: 'kbout', lang: 'en' }), { lang: 'en' });
  assert.equal((await other.get(path)).status, 404, 'a requester outside the team');
  assert.equal((await other.get(`/api/v1/kb/articles/${a.id}`)).status, 404);
  const hits = (await other.get(`/api/v1/kb/search?q=teamonly${tag}`)).json();
  assert.deepEqual(hits, [], 'outsider finds nothing');
  const found = (await memberClient.get(`/api/v1/kb/search?q=teamonly${tag}`)).json();
  assert.deepEqual(found.map((h) => h.id), [a.id], 'the member finds it');
  // Recently updated: our restricted article is the newest, but not for the outsider.
  await readersCatchUp();
  assert.ok(!articleLinks((await other.get('/kb/')).text).includes(path));
  assert.ok(articleLinks((await memberClient.get('/kb/')).text).includes(path));
});

test('an article restricted to a department: only people in it (and editors) read it', async () => {
  const dept = `KB dept ${tag}`;
  await sql(`INSERT INTO departments (name) VALUES (${q(dept)})`);
  const did = await sqlValue(`SELECT id FROM departments WHERE name = ${q(dept)}`);
  const insider = await createUser({ tag: 'kbdin', lang: 'en' });
  const outsider = await createUser({ tag: 'kbdout', lang: 'en' });
  await sql(`UPDATE users SET department_id = ${did} WHERE id = ${insider.id}`);
  const page = await editor.get('/kb/edit/new');
  assert.ok(input(page.text, 'department', did), 'department checkbox on the editor form');
  const secret = word(9);
  const a = await createArticle(editor, { title: `Department only ${secret}`, department: did,
    keywords: `deptonly${tag}`, action: 'publish' });
  mine.push(a.id);
  assert.equal(await sqlValue(`SELECT COUNT(*) FROM kb_terms WHERE term = ${q(secret.toLowerCase())}`), '0',
    'its words never reach the spelling vocabulary');
  const edit = await editor.get(`/kb/edit/a/${a.id}`);
  assert.equal(formValues(edit.text, `/kb/edit/a/${a.id}`).department, did, 'the checkbox stays ticked');
  const path = `/kb/a/${a.id}-${a.slug}`;
  const inC = await signedIn(insider, { lang: 'en' });
  const outC = await signedIn(outsider, { lang: 'en' });
  assert.equal((await inC.get(path)).status, 200, 'someone in the department reads it');
  assert.equal((await editor.get(path)).status, 200, 'editors read it');
  assert.equal((await outC.get(path)).status, 404, 'someone in no department does not');
  assert.equal((await new Client().get(path)).status, 404, 'anonymous readers do not');
  assert.equal((await outC.get(`/api/v1/kb/articles/${a.id}`)).status, 404, 'nor in JSON');
  assert.deepEqual((await outC.get(`/api/v1/kb/search?q=deptonly${tag}`)).json(), [], 'nor in search');
  assert.deepEqual((await inC.get(`/api/v1/kb/search?q=deptonly${tag}`)).json().map((h) => h.id), [a.id],
    'the insider finds it');
  assert.ok(!articleLinks((await outC.get('/kb/')).text).includes(path), 'not listed for the outsider');
  // Out of the department: the insider's search no longer finds it (pages a
  // worker kept for them follow within half a minute).
  await sql(`UPDATE users SET department_id = NULL WHERE id = ${insider.id}`);
  assert.deepEqual((await inC.get(`/api/v1/kb/search?q=deptonly${tag}`)).json(), [],
    'out of the department, out of the results');
});

test('"Was this helpful?": yes thanks, no asks why, the reason becomes a task for editors', async () => {
  const owner = await P.user('editor');
  const a = await createArticle(editor, { title: `Feedback ${word(9)}`, owner_id: String(owner.id), action: 'publish' });
  mine.push(a.id);
  const path = `/kb/a/${a.id}-${a.slug}`;
  const c = new Client({ lang: 'en' });
  await c.get(path);
  let r = await c.post(`${path}/feedback`, { helpful: 'yes' });
  assertRedirect(r, `${path}?thanks=1`, 'yes');
  assert.ok(r.headers.get('location').endsWith('#feedback'), 'back to the feedback part');
  r = await c.get(`${path}?thanks=1`);
  assert.ok(shows(r.text, en['kb.thanks']), 'thanks shown');
  assert.equal(forms(r.text, `${path}/feedback`).length, 0, 'no second question');
  let row = await articleRow(a.id);
  assert.deepEqual([row.yes, row.no], [1, 0], 'yes counted');
  // No: the follow-up form.
  r = await c.post(`${path}/feedback`, { helpful: 'no' });
  assert.equal(r.status, 303);
  const loc = new URL(r.headers.get('location'), 'http://x');
  assert.equal(loc.pathname, path);
  const fid = loc.searchParams.get('feedback');
  assert.match(fid || '', /^\d+$/, 'the answer\'s id in the address');
  row = await articleRow(a.id);
  assert.deepEqual([row.yes, row.no], [1, 1], 'no counted');
  r = await c.get(`${path}?feedback=${fid}`);
  assert.ok(shows(r.text, en['kb.why_q']), 'asks what was wrong');
  const why = form(r.text, `${path}/feedback/${fid}`);
  for (const reason of ['outdated', 'unclear', 'incomplete', 'wrong', 'other'])
    assert.ok(input(why.html, 'reason', reason), `reason ${reason} offered`);
  assert.ok(input(why.html, 'comment'), 'a comment box');
  // Someone else (another address) cannot answer for this visitor.
  const body = new URLSearchParams({ reason: 'wrong', comment: 'not me', csrf: await c.csrf() }).toString();
  const other = await fromAddress(c, '127.0.0.2', `${path}/feedback/${fid}`, { method: 'POST', body,
    headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  assert.equal(other.status, 404, 'the follow-up from another address is 404');
  // Someone else's "no" (another address) cannot be explained by this visitor.
  const theirs = await fromAddress(new Client(), '127.0.0.4', `${path}/feedback`, { method: 'POST',
    body: new URLSearchParams({ helpful: 'no', csrf: await c.csrf() }).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `vcsrf=${c.cookie('vcsrf')}` } });
  assert.equal(theirs.status, 303, 'another visitor said no');
  const theirId = new URL(theirs.headers.location, 'http://x').searchParams.get('feedback');
  assert.match(theirId || '', /^\d+$/);
  assert.equal((await c.post(`${path}/feedback/${theirId}`, { reason: 'wrong', comment: 'hijack' })).status, 404,
    'someone else\'s feedback id is 404');
  assert.deepEqual(await sql(`SELECT reason, comment FROM kb_feedback WHERE id = ${Number(theirId)}`), [['', '']],
    'their answer untouched');
  // A feedback id of another article, or a made-up one: 404.
  const pubPath = `/kb/a/${pub.id}-${pub.slug}`;
  assert.equal((await c.post(`${pubPath}/feedback/${fid}`, { reason: 'wrong' })).status, 404, 'id of another article');
  assert.equal((await c.post(`${path}/feedback/999999999`, { reason: 'wrong' })).status, 404, 'unknown id');
  assert.equal((await c.post(`${path}/feedback/${fid}`, { reason: 'bogus' })).status, 400, 'unknown reason');
  const comment = `The screenshots show an old version ${tag}`;
  r = await c.post(`${path}/feedback/${fid}`, { reason: 'unclear', comment });
  assertRedirect(r, `${path}?thanks=1`, 'follow-up sent');
  assert.deepEqual(await sql(`SELECT reason, comment FROM kb_feedback WHERE id = ${Number(fid)}`), [['unclear', comment]]);
  assert.equal((await c.post(`${path}/feedback/${fid}`, { reason: 'wrong' })).status, 404, 'answered only once');
  const yesId = await sqlValue(`SELECT id FROM kb_feedback WHERE article_id = ${a.id} AND helpful = 1`);
  assert.equal((await c.post(`${path}/feedback/${yesId}`, { reason: 'wrong' })).status, 404, 'a "yes" has no follow-up');
  row = await articleRow(a.id);
  assert.deepEqual([row.yes, row.no], [1, 2], 'the follow-up is not another answer (the other visitor\'s no counts)');
  // The task on the editors' dashboard (the owner's first).
  const task = await sql(`SELECT id, reason, comment, owner_id, status FROM kb_review_tasks WHERE feedback_id = ${Number(fid)}`);
  assert.equal(task.length, 1, 'one review task');
  assert.deepEqual(task[0].slice(1), ['unclear', comment, String(owner.id), 'open']);
  const dash = await editor.get('/kb/edit/');
  assert.equal(dash.status, 200);
  const tasks = /<section aria-labelledby="tasks-h">([\s\S]*?)<\/section>/.exec(dash.text)[1];
  assert.ok(links(tasks).includes(`/kb/edit/a/${a.id}`), 'task links to the article');
  assert.ok(shows(tasks, comment), 'with the comment');
  assert.ok(shows(tasks, en['kb.reason.unclear']), 'and the reason in words');
  // Marking it done removes it.
  r = await editor.post(`/kb/edit/tasks/${task[0][0]}/done`, {});
  assertRedirect(r, '/kb/edit/');
  assert.equal(await sqlValue(`SELECT status FROM kb_review_tasks WHERE id = ${task[0][0]}`), 'done');
  assert.ok(!shows((await editor.get('/kb/edit/')).text, comment), 'gone from the dashboard');
  // Counts as editors see them.
  const list = await editor.get(`/kb/edit/articles?q=${encodeURIComponent(a.slug)}`);
  assert.ok(textOf(list.text).includes('1 / 2'), 'helpful yes / no on the editors\' list');
});

test('"Was this helpful?": more than 3 answers a day from one address are not counted', async () => {
  const a = await createArticle(editor, { title: `Limit ${word(9)}`, action: 'publish' });
  mine.push(a.id);
  const path = `/kb/a/${a.id}-${a.slug}`;
  const c = new Client();
  for (const h of ['yes', 'no', 'yes'])
    assert.equal((await c.post(`${path}/feedback`, { helpful: h })).status, 303);
  let row = await articleRow(a.id);
  assert.deepEqual([row.yes, row.no], [2, 1], 'three answers counted');
  // A fourth and fifth (another visitor, same address): thanked, not counted.
  const r = await new Client().post(`${path}/feedback`, { helpful: 'no' });
  assertRedirect(r, `${path}?thanks=1`, 'fourth answer');
  await c.post(`${path}/feedback`, { helpful: 'yes' });
  row = await articleRow(a.id);
  assert.deepEqual([row.yes, row.no], [2, 1], 'the fourth and fifth are not counted');
  assert.equal(await sqlValue(`SELECT COUNT(*) FROM kb_feedback WHERE article_id = ${a.id}`), '3', 'nor stored');
  // Another address still counts.
  const body = new URLSearchParams({ helpful: 'yes', csrf: await c.csrf() }).toString();
  const o = await fromAddress(c, '127.0.0.3', `${path}/feedback`, { method: 'POST', body,
    headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  assert.equal(o.status, 303);
  row = await articleRow(a.id);
  assert.deepEqual([row.yes, row.no], [3, 1], 'an answer from another address counts');
  // Feedback on what the reader may not read, or nonsense: refused.
  const hidden = D.get('staff-wifi-details');
  assert.equal((await new Client().post(`/kb/a/${hidden.id}-${hidden.slug}/feedback`, { helpful: 'yes' })).status, 404,
    'hidden article');
  assert.equal((await c.post(`${path}/feedback`, { helpful: 'maybe' })).status, 400, 'unknown answer');
  assert.equal((await c.post(`${path}/feedback`, { helpful: 'yes' }, { csrf: false })).status, 403, 'no form token');
});
