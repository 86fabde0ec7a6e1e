// 22-kb-edit.test.mjs - the editors' side: who may use it, drafts (invisible to
// readers), preview (saves nothing), publish (visible and searchable, typo
// correction learns the new words), edit with a note, history with editor
// names, an old version, compare, restore, retire, the translation flow with
// "out of date" notices, Markdown safety, attachments (type sniffed from the
// bytes, never served as HTML, size limit), slug rules, CSRF; and the admin's
// knowledge topics (create, edit, validation, visibility).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  assertRedirect, BASE, Client, form, headings, input, links, mainOf, q, rnd, rows, shows, sql, sqlValue, T, tags,
  textOf, ventanilla,
} from './lib.mjs';
import {
  apiSearch, articleRow, bodyOf, createArticle, demo, formValues, people, PNG_1x1, postMultipart,
  readersCatchUp, topicCounts, updateArticle, waitFor, word,
} from './kb-lib.mjs';

const en = T('en');
const tag = rnd(8);
const P = people(tag);
const mine = [];
const myTopics = [];
let editor, D;

const readerPath = (a) => `/kb/a/${a.id}-${a.slug}`;

/** The field error message shown for a form field, or null. */
function fieldError(page, name) {
  const m = new RegExp(`<[^>]+id="${name}-error"[^>]*>([\\s\\S]*?)</`).exec(page);
  return m ? textOf(m[1]) : null;
}

before(async () => {
  D = await demo();
  editor = await P.client('editor');
});

after(async () => {
  if (mine.length) await sql(`DELETE FROM kb_articles WHERE id IN (${mine.join(',')})`);
  for (const s of myTopics) {
    await sql(`DELETE FROM kb_articles WHERE category_id = (SELECT id FROM kb_categories WHERE slug = ${q(s)})`);
    await sql(`DELETE FROM kb_categories WHERE slug = ${q(s)}`);
  }
  // Articles deleted behind the program's back: count the topics again.
  await ventanilla(['kb', 'recount']);
});

test('only editors and admins: requesters and agents 403, anonymous visitors to the sign-in page', async () => {
  const anon = new Client();
  for (const p of ['/kb/edit/', '/kb/edit/articles', '/kb/edit/new', '/kb/edit/synonyms', '/kb/edit/a/1',
    '/kb/edit/a/1/history', '/kb/edit/a/1/v/1', '/kb/edit/a/1/compare?from=1&to=1'])
  {
    const r = await anon.get(p);
    assert.equal(r.status, 303, `anonymous ${p}`);
    const l = new URL(r.headers.get('location'), 'http://x');
    assert.equal(l.pathname, '/login', `anonymous ${p}: to the sign-in page`);
    assert.equal(l.searchParams.get('next'), p, `anonymous ${p}: and back afterwards`);
  }
  assert.equal((await anon.get('/kb/edit/', { headers: { accept: 'application/json' } })).status, 401, 'JSON: 401');
  assertRedirect(await editor.get('/kb/edit'), '/kb/edit/', '/kb/edit');
  for (const kind of ['requester', 'agent']) {
    const c = await P.client(kind);
    for (const p of ['/kb/edit/', '/kb/edit/articles', '/kb/edit/new', '/kb/edit/synonyms', '/kb/edit/a/1',
      '/kb/edit/a/1/history', '/kb/edit/a/1/v/1'])
      assert.equal((await c.get(p)).status, 403, `${kind} GET ${p}`);
    const slug = `t-deny-${rnd(8)}`;
    const r = await postMultipart(c, '/kb/edit/new', { title: 'Not allowed', body: 'x', slug, action: 'publish' });
    assert.equal(r.status, 403, `${kind} cannot create`);
    assert.ok(shows(r.text, en['error.forbidden']));
    assert.equal(await sqlValue(`SELECT COUNT(*) FROM kb_articles WHERE slug = ${q(slug)}`), '0');
    assert.equal((await c.post(`/kb/edit/a/${D.get('account-locked-out').id}/restore`, { version: '1' })).status, 403);
    assert.equal((await c.post('/kb/edit/tasks/1/done', {})).status, 403);
  }
  // Editors and admins get in; readers see an "Edit this article" link only then.
  const admin = await P.client('admin');
  for (const c of [editor, admin]) {
    const r = await c.get('/kb/edit/');
    assert.equal(r.status, 200);
    assert.deepEqual(headings(r.text), [en['kbe.title']]);
  }
  const path = `/kb/a/${D.get('account-locked-out').id}-account-locked-out`;
  assert.ok(links((await editor.get(path)).text).includes(`/kb/edit/a/${D.get('account-locked-out').id}`), 'edit link for editors');
  assert.ok(!links((await (await P.client('agent')).get(path)).text).some((h) => h.startsWith('/kb/edit/')), 'none for agents');
});

test('a draft is invisible to readers; preview saves nothing; publish makes it readable and searchable', async () => {
  const w = word(11);
  const title = `Draft ${w} guide`;
  let r = await editor.get('/kb/edit/new');
  assert.equal(r.status, 200);
  const f = form(r.text, '/kb/edit/new');
  assert.equal(f.attrs.enctype, 'multipart/form-data');
  for (const n of ['title', 'body', 'category_id', 'type', 'language', 'translation_of', 'visibility', 'tags',
    'keywords', 'slug', 'owner_id', 'review_by', 'file', 'note'])
    assert.ok(input(f.html, n), `field ${n}`);
  for (const a of ['save', 'preview', 'review', 'publish']) assert.ok(input(f.html, 'action', a), `button ${a}`);
  // Preview of a new article: rendered, nothing stored.
  const slug = `t-draft-${rnd(8)}`;
  r = await postMultipart(editor, '/kb/edit/new', { title, slug, body: `## Step one\n\nPress **${w}**.`, action: 'preview' });
  assert.equal(r.status, 200, 'preview answers the form again');
  const prev = /<section class="preview"[\s\S]*?<\/section>/.exec(r.text);
  assert.ok(prev, 'a preview section');
  assert.ok(prev[0].includes('<h2>Step one</h2>') && prev[0].includes(`<strong>${w}</strong>`), 'Markdown rendered');
  assert.equal(input(form(r.text, '/kb/edit/new').html, 'title').value, title, 'what was typed stays in the form');
  assert.equal(await sqlValue(`SELECT COUNT(*) FROM kb_articles WHERE slug = ${q(slug)}`), '0', 'preview stored nothing');
  // Save as a draft.
  const a = await createArticle(editor, { title, slug, body: `## Step one\n\nPress **${w}**.\n\nLine two.`, keywords: w });
  mine.push(a.id);
  assert.deepEqual(await sql(`SELECT status, version, language, visibility FROM kb_articles WHERE id = ${a.id}`),
    [['draft', '1', 'en', 'public']]);
  r = await editor.get(`/kb/edit/a/${a.id}?saved=1`);
  assert.ok(shows(r.text, en['kbe.saved']), '"Saved." notice');
  assert.ok(links(r.text).includes(`/kb/edit/a/${a.id}/history`), 'history link');
  for (const c of [new Client(), await P.client('agent'), editor])
    assert.equal((await c.get(readerPath(a))).status, 404, 'a draft is not readable, not even by editors as readers');
  assert.deepEqual(await apiSearch(editor, w), [], 'a draft is not found');
  const dash = await editor.get('/kb/edit/');
  assert.ok(links(/<section aria-labelledby="work-h">([\s\S]*?)<\/section>/.exec(dash.text)[1]).includes(`/kb/edit/a/${a.id}`),
    'listed under drafts and reviews');
  r = await editor.get(`/kb/edit/articles?status=draft&q=${encodeURIComponent(slug)}`);
  assert.ok(rows(r.text).some((x) => x.includes(title) && x.includes(en['kbe.status.draft'])), 'all articles: draft');
  // Preview of an existing article: no new version, body unchanged.
  r = await updateArticle(editor, a.id, { body: 'Something else entirely', action: 'preview' });
  assert.equal(r.status, 200);
  assert.ok(r.text.includes('<p>Something else entirely</p>'));
  assert.deepEqual(await sql(`SELECT version, body_md LIKE '%Line two%' FROM kb_articles WHERE id = ${a.id}`), [['1', '1']],
    'preview of an existing article changes nothing');
  // Publish.
  r = await updateArticle(editor, a.id, { action: 'publish' });
  assertRedirect(r, `/kb/edit/a/${a.id}?saved=1`, 'published');
  assert.deepEqual(await sql(`SELECT status, version, published_at IS NOT NULL FROM kb_articles WHERE id = ${a.id}`),
    [['published', '2', '1']]);
  const read = await new Client().get(readerPath(a));
  assert.equal(read.status, 200, 'readable by everyone');
  assert.deepEqual(headings(read.text), [title]);
  assert.ok(mainOf(read.text).includes(`<strong>${w}</strong>`));
  assert.deepEqual((await apiSearch(null, w)).map((h) => h.id), [a.id], 'found at once by its own word');
  // Typo correction learns the new word once the vocabulary refreshes (every 10 s).
  const i = 5;
  const typo = w.slice(0, i) + (w[i] === 'z' ? 'b' : 'z') + w.slice(i + 1);
  const t0 = Date.now();
  let streak = 0;
  const learned = await waitFor(async () => {
    const p = await new Client({ lang: 'en' }).get(`/kb/search?q=${typo}`);
    const ok = p.text.includes(`<strong>${w}</strong>`) && p.text.includes(`${a.id}-${a.slug}`);
    streak = ok ? streak + 1 : 0;
    return streak >= 3;
  }, { timeout: 25000, interval: 250 });
  assert.ok(learned, `"${typo}" is corrected to "${w}" and finds the article`);
  assert.ok(Date.now() - t0 < 16000, `within ~15 s (${Date.now() - t0} ms)`);
});

test('edit with a note, history with editor names, an old version, compare, restore', async () => {
  const admin = await P.client('admin');
  const ed = await P.user('editor');
  const ad = await P.user('admin');
  const a = await createArticle(editor, { title: `History ${word(9)}`, body: 'Line one\nLine two\nLine three\n',
    action: 'publish' });
  mine.push(a.id);
  let r = await updateArticle(editor, a.id, { body: 'Line one\nLine 2, rewritten\nLine three\nLine four\n',
    note: `Clearer step two ${tag}` });
  assertRedirect(r, `/kb/edit/a/${a.id}?saved=1`);
  r = await updateArticle(admin, a.id, { title: `History renamed ${tag}`, note: 'New title' });
  assertRedirect(r, `/kb/edit/a/${a.id}?saved=1`);
  assert.deepEqual(await sql(`SELECT version, status FROM kb_articles WHERE id = ${a.id}`), [['3', 'published']],
    'saving keeps the status and counts versions');
  // History: newest first, with who and why.
  r = await editor.get(`/kb/edit/a/${a.id}/history`);
  assert.equal(r.status, 200);
  const hist = rows(r.text).filter((x) => /^\d+$/.test(x[0]));
  assert.deepEqual(hist.map((x) => x[0]), ['3', '2', '1'], 'three versions, newest first');
  assert.ok(hist[0].includes(ad.name) && hist[0].includes('New title'), 'v3 by the admin, with its note');
  assert.ok(hist[1].includes(ed.name) && hist[1].includes(`Clearer step two ${tag}`), 'v2 by the editor, with its note');
  assert.ok(hist[2].includes(ed.name), 'v1 by the editor');
  assert.ok(hist[0].includes(`History renamed ${tag}`), 'titles per version');
  assert.ok(links(r.text).includes(`/kb/edit/a/${a.id}/v/1`), 'link to an old version');
  assert.equal(form(r.text, `/kb/edit/a/${a.id}/compare`).attrs.method, 'get', 'a compare form');
  // An old version: its text, rendered and as Markdown, and a restore button.
  r = await editor.get(`/kb/edit/a/${a.id}/v/1`);
  assert.equal(r.status, 200);
  assert.ok(textOf(mainOf(r.text)).includes('Line two'), 'the old text');
  assert.ok(!textOf(mainOf(r.text)).includes('rewritten'), 'not the new one');
  assert.ok(shows(r.text, ed.name));
  const rf = form(r.text, `/kb/edit/a/${a.id}/restore`);
  assert.ok(input(rf.html, 'version', '1'), 'restore form for version 1');
  assert.equal((await editor.get(`/kb/edit/a/${a.id}/v/99`)).status, 404, 'unknown version');
  // Compare 1 -> 2: removed and added lines.
  r = await editor.get(`/kb/edit/a/${a.id}/compare?from=1&to=2`);
  assert.equal(r.status, 200);
  const diff = /<pre class="diff">([\s\S]*?)<\/pre>/.exec(r.text)[1];
  const del = [...diff.matchAll(/<del>- ([^<]*)<\/del>/g)].map((m) => m[1]);
  const ins = [...diff.matchAll(/<ins>\+ ([^<]*)<\/ins>/g)].map((m) => m[1]);
  assert.deepEqual(del, ['Line two'], 'removed line');
  assert.deepEqual(ins, ['Line 2, rewritten', 'Line four'], 'added lines');
  assert.ok(/<span>\s+Line one<\/span>/.test(diff) && /<span>\s+Line three<\/span>/.test(diff), 'unchanged lines');
  r = await editor.get(`/kb/edit/a/${a.id}/compare?from=2&to=3`);
  assert.ok(r.text.includes(`<ins>History renamed ${tag}</ins>`), 'a title change is shown');
  for (const x of ['from=1', 'from=0&to=1', 'from=a&to=1', 'from=1&to=-1'])
    assert.equal((await editor.get(`/kb/edit/a/${a.id}/compare?${x}`)).status, 400, `compare ${x}`);
  assert.equal((await editor.get(`/kb/edit/a/${a.id}/compare?from=1&to=77`)).status, 404);
  // Restore version 1: a new version 4 with the old text, readers see it.
  r = await editor.post(`/kb/edit/a/${a.id}/restore`, { version: '1' });
  assertRedirect(r, `/kb/edit/a/${a.id}?saved=1`);
  const row = (await sql(`SELECT version, status, title FROM kb_articles WHERE id = ${a.id}`))[0];
  assert.deepEqual(row.slice(0, 2), ['4', 'published'], 'version 4, still published');
  assert.equal(await bodyOf(a.id), await bodyOf(a.id, 1), 'version 4 is version 1\'s text');
  assert.match(await bodyOf(a.id), /^Line one\nLine two\nLine three\s*$/);
  assert.equal(await bodyOf(a.id, 4), await bodyOf(a.id, 1));
  assert.equal(row[2], await sqlValue(`SELECT title FROM kb_versions WHERE article_id = ${a.id} AND version = 1`), 'and its title');
  assert.equal(await sqlValue(`SELECT note FROM kb_versions WHERE article_id = ${a.id} AND version = 4`), 'restored version 1');
  assert.equal(await sqlValue(`SELECT COUNT(*) FROM kb_versions WHERE article_id = ${a.id}`), '4', 'history kept whole');
  const read = await new Client().get(readerPath(a));
  assert.ok(textOf(mainOf(read.text)).includes('Line two') && !read.text.includes('rewritten'), 'readers see the restored text');
  assert.equal((await editor.post(`/kb/edit/a/${a.id}/restore`, { version: '99' })).status, 404, 'unknown version');
  assert.equal((await editor.post(`/kb/edit/a/${a.id}/restore`, { version: 'x' })).status, 400);
});

test('retire: the article disappears for readers', async () => {
  const w = word(11);
  const a = await createArticle(editor, { title: `Retire ${w}`, category_id: await sqlValue(
    "SELECT id FROM kb_categories WHERE slug = 'devices'"), action: 'publish' });
  mine.push(a.id);
  const anon = new Client({ lang: 'en' });
  assert.equal((await anon.get(readerPath(a))).status, 200);
  assert.ok(links((await anon.get('/kb/c/devices')).text).includes(readerPath(a)));
  assert.equal((await apiSearch(null, w)).length, 1);
  const r = await updateArticle(editor, a.id, { action: 'retire', note: 'no longer true' });
  assertRedirect(r, `/kb/edit/a/${a.id}?saved=1`);
  assert.equal((await articleRow(a.id)).status, 'retired');
  await readersCatchUp();
  assert.equal((await anon.get(readerPath(a))).status, 404, 'page gone');
  assert.equal((await anon.get(`/api/v1/kb/articles/${a.id}`)).status, 404, 'JSON gone');
  assert.ok(!links((await anon.get('/kb/c/devices')).text).includes(readerPath(a)), 'not in its topic');
  assert.ok(!links((await anon.get('/kb/')).text).includes(readerPath(a)), 'not on /kb/');
  assert.deepEqual(await apiSearch(null, w), [], 'not found');
  assert.deepEqual(await apiSearch(editor, w), [], 'not found by editors either');
  assert.deepEqual((await anon.get(`/kb/suggest?q=${w}`)).json().articles, []);
  const page = await editor.get(`/kb/edit/a/${a.id}`);
  assert.equal(page.status, 200, 'editors still have it');
  assert.ok(!input(page.text, 'action', 'retire'), 'no retire button on a retired article');
  assert.ok(input(page.text, 'action', 'publish'), 'it can be published again');
});

test('translations: written from the source, linked both ways, "out of date" when the source changes', async () => {
  const w = word(9);
  const src = await createArticle(editor, { title: `Source ${w}`, body: `English steps for ${w}.\n`, language: 'en',
    tags: 'alpha', keywords: `kw${w}`, action: 'publish' });
  mine.push(src.id);
  // The editor offers "Write a translation", prefilled from the source.
  let r = await editor.get(`/kb/edit/a/${src.id}`);
  assert.ok(links(r.text).includes(`/kb/edit/new?translation_of=${src.id}`), '"Write a translation" link');
  r = await editor.get(`/kb/edit/new?translation_of=${src.id}`);
  assert.equal(r.status, 200);
  const pre = formValues(r.text, '/kb/edit/new');
  assert.equal(pre.language, 'es', 'the other language');
  assert.equal(pre.translation_of, String(src.id), 'the source chosen');
  assert.equal(pre.body.trim(), `English steps for ${w}.`, 'the source text to translate');
  assert.equal(pre.keywords, `kw${w}`);
  const tr = await createArticle(editor, { ...pre, title: `Fuente ${w}`, body: `Pasos en español para ${w}.\n`,
    slug: `t-fuente-${rnd(8)}`, action: 'publish' });
  mine.push(tr.id);
  assert.equal(await sqlValue(`SELECT translation_of FROM kb_articles WHERE id = ${tr.id}`), String(src.id));
  // Linked both ways, not outdated yet.
  const anon = new Client({ lang: 'en' });
  const also = (page) => tags((/<p class="also">([\s\S]*?)<\/p>/.exec(page) || ['', ''])[1], 'a').map((x) => x.href);
  assert.deepEqual(also((await anon.get(readerPath(src))).text), [readerPath(tr)]);
  r = await anon.get(readerPath(tr));
  assert.deepEqual(also(r.text), [readerPath(src)]);
  assert.ok(!shows(r.text, en['kb.outdated']), 'a fresh translation is not out of date');
  // Search shows one of the two.
  assert.equal((await apiSearch(null, w, { limit: '50' })).filter((h) => [src.id, tr.id].includes(h.id)).length, 1);
  // The source changes: the translation says it may be out of date, editors see it listed.
  r = await updateArticle(editor, src.id, { body: `English steps for ${w}.\n\nA new step.\n`, note: 'new step' });
  assertRedirect(r, `/kb/edit/a/${src.id}?saved=1`);
  await readersCatchUp();
  r = await anon.get(readerPath(tr));
  assert.ok(shows(r.text, en['kb.outdated']), 'the out-of-date notice for readers');
  assert.ok(!shows((await anon.get(readerPath(src))).text, en['kb.outdated']), 'not on the source');
  assert.ok(shows((await new Client({ lang: 'es' }).get(readerPath(tr))).text, T('es')['kb.outdated']), 'in Spanish too');
  const dash = await editor.get('/kb/edit/');
  const sec = /<h2 class="section-title">[^<]*<\/h2>\s*(?:<ul class="links">([\s\S]*?)<\/ul>|<p class="empty">)/g;
  const outdated = [...dash.text.matchAll(sec)].find((m) => m[0].includes(en['kbe.outdated']));
  assert.ok(outdated && outdated[1], '"Outdated translations" has entries');
  assert.ok(links(outdated[1]).includes(`/kb/edit/a/${tr.id}`), 'the translation is listed');
  assert.ok(shows(outdated[1], `Source ${w}`), 'with its source');
});

test('a translation brought up to date by its editor loses the "out of date" notice', {
}, async () => {
  const w = word(9);
  const src = await createArticle(editor, { title: `Source ${w}`, body: 'One.\n', action: 'publish' });
  mine.push(src.id);
  const tr = await createArticle(editor, { title: `Fuente ${w}`, body: 'Uno.\n', language: 'es',
    translation_of: String(src.id), action: 'publish' });
  mine.push(tr.id);
  await updateArticle(editor, src.id, { body: 'One.\n\nTwo.\n' });
  assert.ok(shows((await new Client().get(readerPath(tr))).text, en['kb.outdated']));
  const r = await updateArticle(editor, tr.id, { body: 'Uno.\n\nDos.\n', note: 'al día' });
  assertRedirect(r, `/kb/edit/a/${tr.id}?saved=1`);
  await readersCatchUp();
  assert.ok(!shows((await new Client().get(readerPath(tr))).text, en['kb.outdated']), 'no notice after the update');
  assert.ok(!links((await editor.get('/kb/edit/')).text).includes(`/kb/edit/a/${tr.id}`), 'not listed as outdated');
});

test('Markdown safety: scripts, raw HTML and javascript: links never reach readers', async () => {
  const body = ['# Title', '', '<script>alert("x")</script>', '', '<img src=x onerror=alert(1)>', '',
    '[click](javascript:alert(1)) [v](vbscript:msgbox) [d](data:text/html;base64,PHNjcmlwdD4=)',
    '', '<a href="javascript:alert(2)">raw link</a>', '', '<iframe src="https://evil.example"></iframe>', '',
    '![img](javascript:alert(3))', '', '**still bold** and [a fine link](https://example.org/help)'].join('\n');
  const a = await createArticle(editor, { title: `Safety ${word(9)}`, body, action: 'publish' });
  mine.push(a.id);
  for (const [what, page] of [['article', (await new Client().get(readerPath(a))).text],
    ['preview', (await updateArticle(editor, a.id, { action: 'preview' })).text],
    ['old version', (await editor.get(`/kb/edit/a/${a.id}/v/1`)).text]]) {
    const prose = (/<div class="prose">([\s\S]*?)<\/div>/.exec(page) || [])[1];
    assert.ok(prose, `${what}: rendered text`);
    assert.doesNotMatch(prose, /<script|<iframe|<img[^>]*onerror|onerror=/i, `${what}: no script, iframe or handler`);
    assert.doesNotMatch(prose, /href="(javascript|vbscript|data):/i, `${what}: no dangerous link`);
    assert.doesNotMatch(prose, /src="javascript:/i, `${what}: no javascript image`);
    assert.ok(prose.includes('<strong>still bold</strong>'), `${what}: Markdown still works`);
    assert.ok(prose.includes('<a href="https://example.org/help">a fine link</a>'), `${what}: normal links kept`);
  }
  const j = (await new Client().get(`/api/v1/kb/articles/${a.id}`)).json();
  assert.doesNotMatch(j.Article.body_html, /<script|javascript:|onerror/i, 'JSON body_html safe too');
});

test('attachments: a PNG is served as an image; HTML in disguise is plain text; over 5 MB is refused', async () => {
  const a = await createArticle(editor, { title: `Files ${word(9)}`, action: 'publish' }, {
    files: [{ filename: 'screen shot.png', type: 'image/png', data: PNG_1x1 }] });
  mine.push(a.id);
  let files = await sql(`SELECT id, filename, content_type, size FROM kb_files WHERE article_id = ${a.id}`);
  assert.equal(files.length, 1, 'file stored');
  assert.deepEqual(files[0].slice(1), ['screen shot.png', 'image/png', String(PNG_1x1.length)]);
  const png = files[0][0];
  let r = await editor.get(`/kb/edit/a/${a.id}`);
  assert.ok(r.text.includes(`![](/kb/files/${png})`), 'the editor shows the Markdown to use');
  // Served to readers as an image, never sniffed.
  let res = await fetch(`${BASE}/kb/files/${png}`, { redirect: 'manual' });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'image/png');
  assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
  assert.equal(res.headers.get('content-disposition'), null, 'an image is shown inline');
  assert.deepEqual(Buffer.from(await res.arrayBuffer()), PNG_1x1, 'the same bytes');
  // HTML with a .png name and an image/png type: stored and served as plain text, as a download.
  const evil = '<html><body><script>alert(document.cookie)</script></body></html>\n';
  r = await updateArticle(editor, a.id, {}, { files: [{ filename: 'evil.png', type: 'image/png', data: evil }] });
  assert.ok([303, 422].includes(r.status), `HTML upload answered ${r.status}`);
  files = await sql(`SELECT id, content_type FROM kb_files WHERE article_id = ${a.id} AND filename = 'evil.png'`);
  if (files.length) {
    assert.equal(files[0][1], 'text/plain', 'stored as text/plain');
    res = await fetch(`${BASE}/kb/files/${files[0][0]}`, { redirect: 'manual' });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type'), /^text\/plain/, 'served as text/plain');
    assert.doesNotMatch(res.headers.get('content-type'), /html/);
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    assert.match(res.headers.get('content-disposition') || '', /^attachment/, 'as a download');
  }
  // Unknown binary: refused with a clear message.
  r = await updateArticle(editor, a.id, {}, { files: [{ filename: 'tool.exe', type: 'application/octet-stream',
    data: Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0xff, 0x01]) }] });
  assert.equal(r.status, 422, 'unknown binary refused');
  assert.ok(shows(r.text, en['kbe.file_type']), 'says which files are allowed');
  // Over 5 MB: 422 with the reason, nothing stored.
  const big = Buffer.alloc(5 * 1024 * 1024 + 1, 0);
  PNG_1x1.copy(big);
  r = await updateArticle(editor, a.id, {}, { files: [{ filename: 'big.png', type: 'image/png', data: big }] });
  assert.equal(r.status, 422, 'over 5 MB refused');
  assert.ok(shows(r.text, en['kbe.file_too_big']), 'says the file is too large');
  assert.equal(await sqlValue(`SELECT COUNT(*) FROM kb_files WHERE article_id = ${a.id} AND filename IN ('big.png', 'tool.exe')`), '0');
  // A file is readable only when its article is.
  const d = await createArticle(editor, { title: `Draft files ${word(9)}`, visibility: 'users' }, {
    files: [{ filename: 'd.png', type: 'image/png', data: PNG_1x1 }] });
  mine.push(d.id);
  const dfile = await sqlValue(`SELECT id FROM kb_files WHERE article_id = ${d.id}`);
  assert.equal((await new Client().get(`/kb/files/${dfile}`)).status, 404, 'a draft\'s file: 404 for readers');
  assert.equal((await (await P.client('requester')).get(`/kb/files/${dfile}`)).status, 404, 'also signed in');
  assert.equal((await editor.get(`/kb/files/${dfile}`)).status, 200, 'editors see it');
  await updateArticle(editor, d.id, { action: 'publish' });
  assert.equal((await new Client().get(`/kb/files/${dfile}`)).status, 404, 'a users-only article\'s file: 404 anonymously');
  assert.equal((await (await P.client('requester')).get(`/kb/files/${dfile}`)).status, 200, 'signed in: 200');
  assert.equal((await new Client().get('/kb/files/999999999')).status, 404);
  assert.equal((await new Client().get('/kb/files/abc')).status, 404);
});

test('slugs: bad ones and taken ones are refused with 422; nothing saved', async () => {
  const title = `Slug test ${word(9)}`;
  for (const [slug, key] of [['Bad Slug!', 'kbe.bad_slug'], ['-lead', 'kbe.bad_slug'], ['trail-', 'kbe.bad_slug'],
    ['ñandú', 'kbe.bad_slug'], ['account-locked-out', 'kbe.slug_taken']]) {
    const r = await postMultipart(editor, '/kb/edit/new', { title, slug, body: 'x', action: 'publish' });
    assert.equal(r.status, 422, `slug ${slug}`);
    assert.ok(shows(r.text, en[key]), `${slug}: ${key}`);
    assert.equal(input(form(r.text, '/kb/edit/new').html, 'title').value, title, 'the form keeps the title');
  }
  assert.equal(await sqlValue(`SELECT COUNT(*) FROM kb_articles WHERE title = ${q(title)}`), '0', 'nothing created');
  assert.equal(await sqlValue("SELECT title FROM kb_articles WHERE slug = 'account-locked-out'"), 'My account is locked',
    'the other article untouched');
  // No slug: made from the title.
  const made0 = await postMultipart(editor, '/kb/edit/new', { title: `Año Nuevo ${tag}`, slug: '', body: 'x' });
  assert.equal(made0.status, 303);
  const made = await sql(`SELECT id, slug FROM kb_articles WHERE title = ${q(`Año Nuevo ${tag}`)}`);
  assert.equal(made.length, 1);
  mine.push(Number(made[0][0]));
  assert.equal(made[0][1], `ano-nuevo-${tag}`, 'slug from the title, folded');
  // Renaming to a taken slug: 422, the article keeps its own.
  const b = await createArticle(editor, { title: `Slug owner ${word(9)}` });
  mine.push(b.id);
  const r = await updateArticle(editor, b.id, { slug: 'account-locked-out' });
  assert.equal(r.status, 422);
  assert.ok(shows(r.text, en['kbe.slug_taken']));
  assert.equal((await articleRow(b.id)).slug, b.slug);
  assert.equal((await articleRow(b.id)).version, 1, 'no version added');
  // Other fields: title required, a date for review_by.
  let x = await postMultipart(editor, '/kb/edit/new', { title: '', body: 'x', slug: `t-${rnd(8)}` });
  assert.equal(x.status, 422, 'title required');
  x = await postMultipart(editor, '/kb/edit/new', { title: 'Date', body: 'x', review_by: '31/12/2027', slug: `t-${rnd(8)}` });
  assert.equal(x.status, 422, 'review_by must be a date');
  assert.ok(shows(x.text, en['kbe.bad_date']));
  x = await postMultipart(editor, '/kb/edit/new', { title: 'Vis', body: 'x', visibility: 'everyone', slug: `t-${rnd(8)}` });
  assert.equal(x.status, 422, 'unknown visibility');
});

test('CSRF: without the form token nothing is saved (403)', async () => {
  const slug = `t-csrf-${rnd(8)}`;
  let r = await postMultipart(editor, '/kb/edit/new', { title: 'No token', slug, body: 'x', action: 'publish' }, { csrf: false });
  assert.equal(r.status, 403);
  assert.ok(shows(r.text, en['error.csrf']));
  r = await postMultipart(editor, '/kb/edit/new', { title: 'Wrong token', slug, body: 'x', action: 'publish' },
    { csrf: rnd(64) });
  assert.equal(r.status, 403);
  assert.equal(await sqlValue(`SELECT COUNT(*) FROM kb_articles WHERE slug = ${q(slug)}`), '0', 'not created');
  const a = await createArticle(editor, { title: `Token ${word(9)}`, body: 'Original.', action: 'publish' });
  mine.push(a.id);
  const page = await editor.get(`/kb/edit/a/${a.id}`);
  const fields = { ...formValues(page.text, `/kb/edit/a/${a.id}`), body: 'Changed!', action: 'retire' };
  delete fields.csrf;
  r = await postMultipart(editor, `/kb/edit/a/${a.id}`, fields, { csrf: false });
  assert.equal(r.status, 403);
  assert.deepEqual(await sql(`SELECT version, status FROM kb_articles WHERE id = ${a.id}`), [['1', 'published']], 'unchanged');
  assert.equal(await bodyOf(a.id), 'Original.');
  assert.equal((await editor.post(`/kb/edit/a/${a.id}/restore`, { version: '1' }, { csrf: false })).status, 403);
  assert.equal((await editor.post('/kb/edit/synonyms', { terms: `${word(8)}, ${word(8)}` }, { csrf: false })).status, 403);
  const anonClient = new Client();
  assert.equal((await anonClient.post(`/kb/a/${a.id}-${a.slug}/feedback`, { helpful: 'yes' }, { csrf: false })).status, 403);
  assert.equal((await articleRow(a.id)).version, 1);
  assert.equal((await articleRow(a.id)).yes, 0);
});

test('admin: knowledge topics are created, edited, validated, and their visibility respected', async () => {
  const admin = await P.client('admin');
  assert.equal((await editor.get('/admin/kb/categories')).status, 403, 'editors are not admins');
  let r = await admin.get('/admin/kb/categories');
  assert.equal(r.status, 200);
  assert.deepEqual(headings(r.text), [en['admin.categories']]);
  assert.ok(form(r.text, '/admin/kb/categories'), 'a form for a new topic');
  const slug = `topic-${tag}`;
  const fields = { slug, name_en: `Topic ${tag}`, name_es: `Tema ${tag}`, description_en: 'About things',
    description_es: 'Sobre cosas', position: '90', parent_id: '0', visibility: 'public' };
  r = await admin.post('/admin/kb/categories', fields);
  assertRedirect(r, '/admin/kb/categories?saved=1');
  myTopics.push(slug);
  const id = await sqlValue(`SELECT id FROM kb_categories WHERE slug = ${q(slug)}`);
  assert.ok(id);
  r = await admin.get('/admin/kb/categories?saved=1');
  assert.ok(shows(r.text, en['admin.saved']));
  assert.ok(form(r.text, `/admin/kb/categories/${id}`), 'an edit form for it');
  // An article in it so it has something to show.
  const art = await createArticle(editor, { title: `In topic ${word(9)}`, category_id: id, action: 'publish' });
  mine.push(art.id);
  const anon = new Client({ lang: 'en' });
  await readersCatchUp();
  let home = await anon.get('/kb/');
  assert.ok(links(home.text).includes(`/kb/c/${slug}`), 'on /kb/');
  assert.ok(shows(home.text, `Topic ${tag}`) && shows(home.text, 'About things'));
  assert.equal(topicCounts(home.text)[slug], 1);
  assert.ok(shows((await new Client({ lang: 'es' }).get('/kb/')).text, `Tema ${tag}`), 'Spanish name for Spanish readers');
  // Validation: bad slug, taken slug, a parent that is itself a subtopic, unknown visibility.
  for (const [what, change] of [['bad slug', { slug: 'Bad Slug' }], ['taken slug', { slug: 'accounts' }],
    ['parent is a subtopic', { slug: `sub-${tag}`, parent_id: await sqlValue("SELECT id FROM kb_categories WHERE slug = 'wifi'") }],
    ['no name', { slug: `nn-${tag}`, name_en: '' }], ['position out of range', { slug: `pp-${tag}`, position: '5000' }]]) {
    r = await admin.post('/admin/kb/categories', { ...fields, ...change });
    assert.equal(r.status, 422, what);
  }
  assert.equal(await sqlValue(`SELECT COUNT(*) FROM kb_categories WHERE slug IN ('sub-${tag}', 'nn-${tag}', 'pp-${tag}')`), '0');
  assert.equal(await sqlValue("SELECT name_en FROM kb_categories WHERE slug = 'accounts'"), 'Accounts and passwords');
  // Edit: rename, make it a subtopic of network, staff only.
  const net = await sqlValue("SELECT id FROM kb_categories WHERE slug = 'network'");
  r = await admin.post(`/admin/kb/categories/${id}`, { ...fields, name_en: `Renamed ${tag}`, parent_id: net,
    visibility: 'internal' });
  assertRedirect(r, '/admin/kb/categories?saved=1');
  assert.deepEqual(await sql(`SELECT name_en, parent_id, visibility FROM kb_categories WHERE id = ${id}`),
    [[`Renamed ${tag}`, net, 'internal']]);
  assert.equal((await admin.post(`/admin/kb/categories/${id}`, { ...fields, parent_id: id })).status, 422, 'own parent');
  await readersCatchUp();
  home = await anon.get('/kb/');
  assert.ok(!links(home.text).includes(`/kb/c/${slug}`), 'a subtopic is not on /kb/');
  const req = await P.client('requester');
  const agent = await P.client('agent');
  for (const [who, c] of [['anonymous', anon], ['requester', req]]) {
    assert.equal((await c.get(`/kb/c/${slug}`)).status, 404, `${who}: staff-only topic is 404`);
    assert.equal((await c.get(readerPath(art))).status, 404, `${who}: its article is 404`);
    assert.ok(!links((await c.get('/kb/c/network')).text).includes(`/kb/c/${slug}`), `${who}: not a subtopic they see`);
  }
  const ag = await agent.get(`/kb/c/${slug}`);
  assert.equal(ag.status, 200, 'agents see it');
  assert.deepEqual(headings(ag.text), [`Renamed ${tag}`]);
  assert.ok(links(ag.text).includes('/kb/c/network'), 'breadcrumb to its new parent');
  assert.ok(links((await agent.get('/kb/c/network')).text).includes(`/kb/c/${slug}`), 'listed as a subtopic for agents');
  assert.equal((await agent.get(readerPath(art))).status, 200);
  // Back to public: everyone again.
  r = await admin.post(`/admin/kb/categories/${id}`, { ...fields, parent_id: '0', visibility: 'public' });
  assertRedirect(r, '/admin/kb/categories?saved=1');
  assert.equal((await anon.get(`/kb/c/${slug}`)).status, 200);
  await admin.post('/admin/kb/categories/99999999', { ...fields, slug: `ghost-${tag}` });
  assert.equal(await sqlValue(`SELECT COUNT(*) FROM kb_categories WHERE slug = 'ghost-${tag}'`), '0', 'an unknown topic is not created');
  assert.equal((await admin.post('/admin/kb/categories', { ...fields, slug: `x-${tag}` }, { csrf: false })).status, 403);
  assert.equal(await sqlValue(`SELECT COUNT(*) FROM kb_categories WHERE slug = 'x-${tag}'`), '0');
});
