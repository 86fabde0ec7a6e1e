// 23-kb-io.test.mjs - `ventanilla kb export DIR` and `kb import DIR`: the
// export writes every article as Markdown with front matter plus the topics;
// importing it back changes nothing; a changed file makes exactly one new
// version that readers see; broken files are refused one by one with their
// reason on stderr and exit code 1 while the good files still import.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { Client, headings, mainOf, q, rnd, shows, sql, sqlValue, T, tags, ventanilla } from './lib.mjs';
import { apiSearch, bodyOf, cli, demo, idOfSlug, readersCatchUp, word } from './kb-lib.mjs';

const tag = rnd(8);
const dirs = [];
const mySlugs = [];
const myTopics = [];
let D;

/** A fresh temporary directory, removed at the end. */
function tmp(name) {
  const d = mkdtempSync(join(tmpdir(), `vt-kbio-${name}-`));
  dirs.push(d);
  return d;
}

/** An article file: front matter from fields (in this order), then the body. */
function articleFile(fields, body) {
  return `---\n${Object.entries(fields).map(([k, v]) => `${k}: ${v}`).join('\n')}\n---\n${body}`;
}

/** The parsed front matter of an exported file. */
function frontMatter(text) {
  const m = /^---\n([\s\S]*?)\n---\n/.exec(text);
  assert.ok(m, 'file starts with a front matter');
  return Object.fromEntries(m[1].split('\n').map((l) => {
    const i = l.indexOf(':');
    return [l.slice(0, i), l.slice(i + 1).trim()];
  }));
}

/** "kb import: A saved, B unchanged, C refused" as numbers. */
function summary(stdout) {
  const m = /kb import: (\d+) saved, (\d+) unchanged, (\d+) refused/.exec(stdout);
  assert.ok(m, `import summary line: ${stdout}`);
  return { saved: Number(m[1]), unchanged: Number(m[2]), refused: Number(m[3]) };
}

before(async () => {
  D = await demo();
});

after(async () => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  if (mySlugs.length) {
    const list = mySlugs.map(q).join(',');
    await sql(`UPDATE kb_articles SET translation_of = NULL WHERE slug IN (${list})`);
    await sql(`DELETE FROM kb_articles WHERE slug IN (${list})`);
  }
  for (const s of myTopics) await sql(`DELETE FROM kb_categories WHERE slug = ${q(s)}`);
  // Articles deleted behind the program's back: count the topics again.
  await ventanilla(['kb', 'recount']);
});

test('usage: `kb` alone explains itself and fails', async () => {
  const r = await cli(['kb']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /usage: ventanilla kb import DIR/);
  assert.match(r.stderr, /ventanilla kb export DIR/);
  const bad = await cli(['kb', 'import', join(tmpdir(), `no-such-dir-${tag}`)]);
  assert.notEqual(bad.code, 0, 'a missing directory is an error');
  assert.match(bad.stderr, /cannot read the directory/);
});

test('export writes every article and the topics; importing it back saves nothing', async () => {
  const dir = join(tmp('export'), 'kb');
  const total = Number(await sqlValue('SELECT COUNT(*) FROM kb_articles'));
  let r = await cli(['kb', 'export', dir]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, new RegExp(`kb export: ${total} articles written to `));
  const files = readdirSync(dir).filter((f) => f.endsWith('.md'));
  assert.equal(files.length, total, 'one file per article');
  for (const s of D.keys()) assert.ok(files.includes(`${s}.md`), `${s}.md written`);
  // A translation names its source, with every key the importer reads.
  const cb = readFileSync(join(dir, 'cuenta-bloqueada.md'), 'utf8');
  const fm = frontMatter(cb);
  assert.deepEqual({ slug: fm.slug, title: fm.title, category: fm.category, language: fm.language, type: fm.type,
    visibility: fm.visibility, translation_of: fm.translation_of, status: fm.status },
  { slug: 'cuenta-bloqueada', title: 'Mi cuenta está bloqueada', category: 'accounts', language: 'es',
    type: 'troubleshooting', visibility: 'public', translation_of: 'account-locked-out', status: 'published' });
  assert.ok('tags' in fm && 'keywords' in fm);
  assert.equal(cb.slice(cb.indexOf('\n---\n') + 5), await bodyOf(D.get('cuenta-bloqueada').id), 'the Markdown as stored');
  assert.equal(frontMatter(readFileSync(join(dir, 'staff-wifi-details.md'), 'utf8')).visibility, 'users');
  assert.equal(frontMatter(readFileSync(join(dir, 'restart-print-queue.md'), 'utf8')).visibility, 'internal');
  assert.equal(frontMatter(readFileSync(join(dir, 'account-locked-out.md'), 'utf8')).translation_of, '');
  // The topics, with their parents.
  const tsv = readFileSync(join(dir, '_categories.tsv'), 'utf8').trim().split('\n').map((l) => l.split('\t'));
  assert.deepEqual(tsv[0], ['slug', 'parent', 'name_en', 'name_es', 'description_en', 'description_es', 'visibility']);
  const wifi = tsv.find((l) => l[0] === 'wifi');
  assert.deepEqual(wifi.slice(0, 4), ['wifi', 'network', 'Wi-Fi', 'Wi-Fi']);
  assert.deepEqual(tsv.find((l) => l[0] === 'accounts').slice(0, 4), ['accounts', '', 'Accounts and passwords',
    'Cuentas y contraseñas']);
  // Importing the export again: nothing saved, no new version anywhere.
  const versions = await sqlValue('SELECT COUNT(*) FROM kb_versions');
  r = await cli(['kb', 'import', dir]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, '', 'nothing refused');
  assert.deepEqual(summary(r.stdout), { saved: 0, unchanged: total, refused: 0 }, 'unchanged: 0 saved');
  assert.equal(await sqlValue('SELECT COUNT(*) FROM kb_versions'), versions, 'no new versions');
});

test('a new file imports; a changed file makes one new version; unchanged again saves nothing', async () => {
  const dir = tmp('change');
  const w = word(11);
  const slug = `io-${tag}-guide`;
  const tr = `io-${tag}-guia`;
  mySlugs.push(tr, slug);
  const fields = { slug, title: `Import guide ${w}`, category: 'software', language: 'en', type: 'howto',
    tags: 'import, test', keywords: `${w}, imported`, visibility: 'public', translation_of: '' };
  writeFileSync(join(dir, `${slug}.md`), articleFile(fields, `## First\n\nUse **${w}** to start.\n`));
  writeFileSync(join(dir, `${tr}.md`), articleFile({ ...fields, slug: tr, title: `Guía de importación ${w}`,
    language: 'es', translation_of: slug }, `Usa **${w}** para empezar.\n`));
  let r = await cli(['kb', 'import', dir]);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(summary(r.stdout), { saved: 2, unchanged: 0, refused: 0 }, 'both new files saved');
  const id = await idOfSlug(slug);
  const trId = await idOfSlug(tr);
  assert.deepEqual(await sql(`SELECT status, version, language, visibility, type FROM kb_articles WHERE id = ${id}`),
    [['published', '1', 'en', 'public', 'howto']], 'published by default');
  assert.equal(await sqlValue(`SELECT translation_of FROM kb_articles WHERE id = ${trId}`), String(id), 'translation linked');
  assert.equal(await sqlValue(`SELECT note FROM kb_versions WHERE article_id = ${id}`), 'import');
  // Readers see it at once, in its topic, linked to its translation; search finds it.
  const c = new Client({ lang: 'en' });
  let page = await c.get(`/kb/a/${id}-${slug}`);
  assert.equal(page.status, 200);
  assert.deepEqual(headings(page.text), [`Import guide ${w}`]);
  assert.ok(mainOf(page.text).includes('<h2>First</h2>'));
  assert.ok(tags(page.text, 'a').some((a) => a.href === `/kb/a/${trId}-${tr}` && a.hreflang === 'es'), 'also in Spanish');
  assert.ok(tags((await c.get('/kb/c/software')).text, 'a').some((a) => a.href === `/kb/a/${id}-${slug}`), 'in its topic');
  assert.deepEqual((await apiSearch(c, w, { lang: 'en' })).map((h) => h.id), [id], 'found by search');
  // The same files again: nothing saved.
  r = await cli(['kb', 'import', dir]);
  assert.deepEqual(summary(r.stdout), { saved: 0, unchanged: 2, refused: 0 });
  // One file changed: one new version, readers see the new text.
  writeFileSync(join(dir, `${slug}.md`), articleFile(fields, `## First\n\nUse **${w}** to start.\n\n## Then\n\nCheck the result.\n`));
  r = await cli(['kb', 'import', dir]);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(summary(r.stdout), { saved: 1, unchanged: 1, refused: 0 }, 'one file changed: 1 saved');
  assert.equal(await sqlValue(`SELECT version FROM kb_articles WHERE id = ${id}`), '2', 'a new version');
  assert.equal(await sqlValue(`SELECT COUNT(*) FROM kb_versions WHERE article_id = ${id}`), '2');
  assert.equal(await sqlValue(`SELECT version FROM kb_articles WHERE id = ${trId}`), '1', 'the translation untouched');
  await readersCatchUp();
  page = await c.get(`/kb/a/${id}-${slug}`);
  assert.ok(mainOf(page.text).includes('<h2>Then</h2>'), 'readers see the change');
  assert.ok(shows((await c.get(`/kb/a/${trId}-${tr}`)).text, T('en')['kb.outdated']),
    'the translation is now marked as possibly out of date');
  // A change in the front matter alone is a change too (here: retire it).
  writeFileSync(join(dir, `${tr}.md`), articleFile({ ...fields, slug: tr, title: `Guía de importación ${w}`,
    language: 'es', translation_of: slug, status: 'retired' }, `Usa **${w}** para empezar.\n`));
  r = await cli(['kb', 'import', dir]);
  assert.deepEqual(summary(r.stdout), { saved: 1, unchanged: 1, refused: 0 });
  await readersCatchUp();
  assert.equal((await c.get(`/kb/a/${trId}-${tr}`)).status, 404, 'retired through the file');
  r = await cli(['kb', 'import', dir]);
  assert.deepEqual(summary(r.stdout), { saved: 0, unchanged: 2, refused: 0 }, 'and stable after that');
});

test('broken files are refused with their reason; the good ones still import (exit code 1)', async () => {
  const dir = tmp('broken');
  const good = `iob-${tag}-good`;
  const goodEs = `iob-${tag}-bueno`;
  const topic = `io-topic-${tag}`;
  mySlugs.push(goodEs, good);
  myTopics.push(topic);
  const base = { title: 'Broken', category: '', language: 'en', type: 'howto', tags: '', keywords: '',
    visibility: 'public', translation_of: '' };
  writeFileSync(join(dir, '_categories.tsv'), 'slug\tparent\tname_en\tname_es\tdescription_en\tdescription_es\n' +
    `${topic}\t\tIO topic ${tag}\tTema IO ${tag}\tFrom a file\tDesde un archivo\n` +
    `Bad Topic!\t\tBad\tMalo\t\t\n`);
  writeFileSync(join(dir, `${good}.md`), articleFile({ ...base, slug: good, title: `Good ${tag}`, category: topic }, 'Fine.\n'));
  writeFileSync(join(dir, `${goodEs}.md`), articleFile({ ...base, slug: goodEs, title: `Bueno ${tag}`, language: 'es',
    translation_of: good, category: topic }, 'Bien.\n'));
  const broken = {
    [`iob-${tag}-nofm.md`]: ['Just text, no front matter.\n', /no front matter/],
    [`iob-${tag}-unknown.md`]: [articleFile({ ...base, slug: `iob-${tag}-unknown`, color: 'blue' }, 'x\n'),
      /unknown front-matter key "color"/],
    [`iob-${tag}-lang.md`]: [articleFile({ ...base, slug: `iob-${tag}-lang`, language: 'fr' }, 'x\n'), /language: must be en or es/],
    [`iob-${tag}-orphan.md`]: [articleFile({ ...base, slug: `iob-${tag}-orphan`, language: 'es',
      translation_of: `iob-${tag}-missing` }, 'x\n'), /translation_of: no article with that slug/],
    [`iob-${tag}-name.md`]: [articleFile({ ...base, slug: `iob-${tag}-other` }, 'x\n'), /file name must be <slug>\.md/],
    [`iob-${tag}-topic.md`]: [articleFile({ ...base, slug: `iob-${tag}-topic`, category: `none-${tag}` }, 'x\n'),
      /category: no such category/],
    [`iob-${tag}-vis.md`]: [articleFile({ ...base, slug: `iob-${tag}-vis`, visibility: 'secret' }, 'x\n'), /visibility: must be/],
    [`iob-${tag}-same.md`]: [articleFile({ ...base, slug: `iob-${tag}-same`, translation_of: 'account-locked-out' }, 'x\n'),
      /translation_of: the source is in the same language/],
    [`iob-${tag}-open.md`]: ['---\nslug: x\ntitle: never closed\n', /no closing line ---/],
    [`iob-${tag}-utf8.md`]: [Buffer.from([0x2d, 0x2d, 0x2d, 0x0a, 0xff, 0xfe, 0x0a]), /not valid UTF-8/],
  };
  for (const [name, [text]] of Object.entries(broken)) writeFileSync(join(dir, name), text);
  const r = await cli(['kb', 'import', dir]);
  assert.equal(r.code, 1, 'exit code 1 when something was refused');
  const lines = r.stderr.trim().split('\n');
  for (const [name, [, why]] of Object.entries(broken)) {
    const line = lines.find((l) => l.startsWith(`${join(dir, name)}: refused: `));
    assert.ok(line, `${name} reported on stderr:\n${r.stderr}`);
    assert.match(line, why, `${name}: the reason`);
  }
  assert.ok(lines.some((l) => /_categories\.tsv:3: refused/.test(l)), 'the bad topic line is reported with its line number');
  const sum = summary(r.stdout);
  assert.deepEqual([sum.saved, sum.unchanged], [2, 0], 'the two good files saved');
  assert.ok(sum.refused >= Object.keys(broken).length + 1, `refusals counted (${sum.refused})`);
  // The good ones are in, with their topic; none of the broken ones.
  const goodId = await idOfSlug(good);
  assert.ok(goodId, 'good article imported');
  assert.equal(await sqlValue(`SELECT translation_of FROM kb_articles WHERE slug = ${q(goodEs)}`), String(goodId));
  assert.equal(await sqlValue(`SELECT c.slug FROM kb_articles a JOIN kb_categories c ON c.id = a.category_id WHERE a.id = ${goodId}`),
    topic, 'in the topic from _categories.tsv');
  const c = new Client({ lang: 'en' });
  assert.equal((await c.get(`/kb/a/${goodId}-${good}`)).status, 200);
  assert.equal((await c.get(`/kb/c/${topic}`)).status, 200, 'the new topic exists');
  assert.equal(await sqlValue(`SELECT COUNT(*) FROM kb_articles WHERE slug LIKE ${q(`iob-${tag}-%`)} AND slug NOT IN (${q(good)}, ${q(goodEs)})`),
    '0', 'no broken file imported');
  assert.equal(await sqlValue("SELECT COUNT(*) FROM kb_categories WHERE slug = 'Bad Topic!'"), '0');
  // Fixing the orphan's source in the same directory: the next import takes it.
  writeFileSync(join(dir, `iob-${tag}-missing.md`), articleFile({ ...base, slug: `iob-${tag}-missing`, title: 'Source' }, 'Source.\n'));
  mySlugs.unshift(`iob-${tag}-orphan`);
  mySlugs.push(`iob-${tag}-missing`);
  const again = await cli(['kb', 'import', dir]);
  assert.equal(again.code, 1, 'still some broken files');
  const sum2 = summary(again.stdout);
  assert.deepEqual([sum2.saved, sum2.unchanged], [2, 2], 'source and orphan saved, the good ones unchanged');
  assert.ok(!again.stderr.includes('-orphan.md'), 'the orphan is no longer refused');
});

test('a refused file is reported once and counted once', {
}, async () => {
  const dir = tmp('once');
  writeFileSync(join(dir, `io-${tag}-plain.md`), 'Just text, no front matter.\n');
  const r = await cli(['kb', 'import', dir]);
  assert.equal(r.code, 1);
  assert.equal(r.stderr.trim().split('\n').length, 1, `one line on stderr:\n${r.stderr}`);
  assert.deepEqual(summary(r.stdout), { saved: 0, unchanged: 0, refused: 1 });
});
