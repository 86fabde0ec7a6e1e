// 30-tickets-requester.test.mjs - the requester's side of tickets: the form
// in two steps with article suggestions and the topic's own fields, priority
// from impact x urgency, refusals, attachments, "My requests" with filters,
// JSON, replies, "solved", rating, reopening, the search log and the
// confirmation mail.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  BASE, byId, createUser, form, headings, input, links, linkIn, mainOf, parseMail, q, rnd,
  selected, sendMail, shows, signedIn, sql, sqlValue, startSmtpSink, T, tags, textOf,
} from './lib.mjs';
import {
  details, download, fieldId, fileLinks, history, messages, png, postMultipart, report, reportParts,
  statusShown, ticketCount, ticketRow, topics,
} from './tickets-lib.mjs';

const en = T('en');
const tag = rnd(8);
let me, c, sink, tp;

before(async () => {
  tp = await topics();
  me = await createUser({ tag: 'treq', lang: 'en' });
  c = await signedIn(me);
  sink = await startSmtpSink();
});

after(async () => {
  if (sink) await sink.close();
});

/** The options (value → text) of <select name=...> in some HTML. */
function options(page, name) {
  const m = new RegExp(`<select\\b[^>]*\\bname="${name}"[^>]*>([\\s\\S]*?)</select>`, 'i').exec(page);
  assert.ok(m, `a select called ${name}`);
  return [...m[1].matchAll(/<option\b([^>]*)>([\s\S]*?)<\/option>/gi)]
    .map((o) => ({ value: (/value="([^"]*)"/.exec(o[1]) || [])[1] ?? textOf(o[2]), text: textOf(o[2]) }));
}

test('step 1: a summary and a topic; nothing is created yet', async () => {
  let r = await c.get('/tickets/new');
  assert.equal(r.status, 200);
  assert.deepEqual(headings(r.text), [en['tickets.new_title']]);
  const f = form(r.text, '/tickets/new');
  assert.equal(f.attrs.method.toLowerCase(), 'post');
  assert.equal(f.attrs.enctype, 'multipart/form-data');
  assert.equal(input(f.html, 'step').value, '1');
  assert.ok(input(f.html, 'subject'), 'summary field');
  assert.ok(!input(f.html, 'body'), 'no description yet in step 1');
  const names = await sql('SELECT id, name_en FROM ticket_categories WHERE active = 1 ORDER BY position, id');
  assert.deepEqual(options(f.html, 'category').filter((o) => o.value !== ''),
    names.map(([id, name]) => ({ value: id, text: name })), 'every active topic, in order');
  r = await c.get(`/tickets/new?subject=${encodeURIComponent(`Wi-Fi drops ${tag}`)}`);
  assert.equal(input(form(r.text, '/tickets/new').html, 'subject').value, `Wi-Fi drops ${tag}`,
    'summary taken from the address (from the search page)');

  const before = await ticketCount();
  r = await postMultipart(c, '/tickets/new', [['step', '1'], ['subject', `Nothing chosen ${tag}`]]);
  assert.equal(r.status, 422, 'no topic: refused');
  assert.equal(byId(r.text, 'category-error'), en['tickets.choose_category']);
  assert.equal(input(form(r.text, '/tickets/new').html, 'step').value, '1', 'still step 1');
  assert.equal(await ticketCount(), before, 'step 1 creates nothing');
});

test('step 2 suggests articles for the summary and asks for the chosen topic\'s fields', async () => {
  const before = await ticketCount();
  let r = await postMultipart(c, '/tickets/new', await reportParts({ step: 1, subject: 'La impresora no imprime',
    topic: 'hardware' }));
  assert.equal(r.status, 200);
  const f = form(r.text, '/tickets/new');
  assert.equal(input(f.html, 'step').value, '2');
  assert.equal(input(f.html, 'subject').value, 'La impresora no imprime', 'summary kept');
  assert.equal(selected(f.html, 'category'), String(tp.hardware.id), 'topic kept');
  assert.ok(input(f.html, 'body'), 'description asked for now');
  // Suggestions: the printer article, linked.
  assert.ok(shows(r.text, en['tickets.maybe']), 'suggestions heading');
  const printer = await sql("SELECT id, slug FROM kb_articles WHERE slug IN ('impresora-no-imprime', 'printer-not-printing')");
  assert.ok(printer.length >= 1, 'demo printer article exists');
  const hrefs = links(f.html).map((h) => h.split(/[?#]/)[0]);
  assert.ok(printer.some(([id, slug]) => hrefs.includes(`/kb/a/${id}-${slug}`)),
    `a printer article is suggested: ${hrefs.filter((h) => h.startsWith('/kb/')).join(' ')}`);
  // The hardware topic's fields: a required choice and an optional text.
  const device = await fieldId('hardware', 'Which device?');
  const asset = await fieldId('hardware', 'Asset tag (sticker on the device)');
  const sel = input(f.html, `field_${device}`);
  assert.ok(sel && sel.required, 'required choice field');
  // The empty choice ("—", value "") only says nothing is chosen yet.
  assert.deepEqual(options(f.html, `field_${device}`).filter((o) => o.value !== '').map((o) => o.text),
    ['Laptop', 'Desktop', 'Phone', 'Printer', 'Monitor', 'Other'], 'its choices');
  assert.ok(shows(f.html, 'Which device? *'), 'its label with the required mark');
  const at = input(f.html, `field_${asset}`);
  assert.ok(at && !at.required, 'optional text field');
  assert.equal(at.type, 'text');
  const where = await fieldId('network', 'Where are you?');
  assert.ok(!input(f.html, `field_${where}`), "another topic's field is not asked");
  for (const n of ['impact', 'urgency'])
    assert.deepEqual(tags(f.html, 'input').filter((i) => i.name === n).map((i) => i.value), ['1', '2', '3'], n);
  assert.ok(input(f.html, 'files').multiple, 'file field takes several files');

  // Another topic, its field; a summary matching nothing: no suggestions.
  r = await postMultipart(c, '/tickets/new', await reportParts({ step: 1, subject: `qqzx${tag}wv`, topic: 'network' }));
  assert.equal(r.status, 200);
  assert.ok(input(r.text, `field_${where}`), 'network topic: "Where are you?"');
  assert.ok(!input(r.text, `field_${device}`), 'network topic: no device field');
  assert.ok(!shows(r.text, en['tickets.maybe']), 'no suggestions for a summary nothing matches');
  assert.equal(await ticketCount(), before, 'still nothing created');
});

test('sending step 2 creates the ticket: priority from impact × urgency, team from the topic, fields shown', async () => {
  const device = await fieldId('hardware', 'Which device?');
  const t = await report(c, {
    subject: `Printer on floor 2 ${tag}`, topic: 'hardware', body: `Nothing comes out.\nTried twice ${tag}.`,
    impact: 1, urgency: 1, fields: { 'Which device?': 'Printer', 'Asset tag (sticker on the device)': `AT-${tag}` },
  });
  const row = await ticketRow(t.id);
  assert.equal(row.requester_id, String(me.id));
  assert.equal(row.status, 'new');
  assert.equal(row.priority, '1', 'impact 1 + urgency 1 = critical');
  assert.deepEqual([row.impact, row.urgency], ['1', '1']);
  assert.equal(row.group_id, String(tp.hardware.groupId), 'routed to the topic\'s team (Workplace)');
  assert.equal(row.category_id, String(tp.hardware.id));
  assert.equal(await sqlValue(`SELECT value FROM ticket_field_values WHERE ticket_id = ${t.id} AND field_id = ${device}`),
    'Printer', 'field value stored');

  const r = await c.get(`${t.path}?created=1`);
  assert.equal(r.status, 200);
  assert.ok(shows(r.text, en['tickets.created']), 'thank-you notice');
  assert.ok(textOf(headings(r.text).join(' ')).includes(`Printer on floor 2 ${tag}`), 'subject in the heading');
  assert.ok(textOf(headings(r.text).join(' ')).includes(t.number), 'number in the heading');
  assert.equal(statusShown(r.text), 'new');
  assert.ok(textOf(mainOf(r.text)).includes(`${en['tickets.priority']}: ${en['tickets.prio.1']}`), 'shown as Critical');
  const d = details(r.text);
  assert.equal(d['Which device?'], 'Printer');
  assert.equal(d['Asset tag (sticker on the device)'], `AT-${tag}`);
  assert.equal(d[en['tickets.team']], 'Workplace');
  assert.equal(d[en['tickets.requester']], me.name);
  const ms = messages(r.text);
  assert.equal(ms.length, 1);
  assert.ok(ms[0].text.includes(`Tried twice ${tag}.`), 'the description is the first message');
  assert.ok(history(r.text)[0].includes(en['tickets.event.created']), 'history: opened');
  const again = await c.get(t.path);
  assert.ok(!shows(again.text, en['tickets.created']), 'the notice only right after creating');
});

test('the priority matrix: every impact × urgency', async () => {
  const matrix = Object.fromEntries((await sql('SELECT impact, urgency, priority FROM priority_matrix'))
    .map(([i, u, p]) => [`${i}${u}`, p]));
  const expect = { 11: '1', 12: '2', 13: '3', 21: '2', 22: '3', 23: '3', 31: '3', 32: '3', 33: '4' };
  assert.deepEqual(matrix, expect, 'the matrix of the schema');
  for (const [iu, p] of Object.entries(expect)) {
    const t = await report(c, { subject: `Matrix ${iu} ${tag}`, impact: Number(iu[0]), urgency: Number(iu[1]) });
    assert.equal((await ticketRow(t.id)).priority, p, `impact ${iu[0]} urgency ${iu[1]}`);
  }
  // Out-of-range levels are refused, not clamped.
  const before = await ticketCount();
  const r = await postMultipart(c, '/tickets/new', await reportParts({ subject: `Matrix bad ${tag}`, impact: 0 }));
  assert.equal(r.status, 422);
  assert.equal(await ticketCount(), before);
});

test('refused step 2: required field missing, value outside the choices, bad date, no description', async () => {
  const where = await fieldId('network', 'Where are you?');
  const since = await fieldId('broken', 'Since when?');
  const cases = [
    ['required field missing', { topic: 'network' }, `field_${where}`, en['form.required']],
    ['required field only spaces', { topic: 'network', fields: { 'Where are you?': '   ' } }, `field_${where}`,
      en['form.required']],
    ['choice not in the list', { topic: 'network', fields: { 'Where are you?': 'Mars' } }, `field_${where}`,
      en['form.choice']],
    ['choice that is two choices', { topic: 'network', fields: { 'Where are you?': 'Office, Home' } },
      `field_${where}`, en['form.choice']],
    ['date that is not a date', { topic: 'broken', fields: { 'Since when?': 'yesterday' } }, `field_${since}`,
      T('en')['kbe.bad_date']],
    ['no description', { topic: 'question', body: '' }, 'body', en['form.required']],
  ];
  for (const [what, opts, field, msg] of cases) {
    const before = await ticketCount();
    const body = opts.body ?? `Body of ${what} ${tag}`;
    const r = await postMultipart(c, '/tickets/new', await reportParts({ subject: `Refused ${tag}`, ...opts, body }));
    assert.equal(r.status, 422, what);
    assert.equal(byId(r.text, `${field}-error`), msg, `${what}: message at the field`);
    assert.ok(shows(r.text, en['form.errors']), `${what}: summary notice`);
    assert.equal(await ticketCount(), before, `${what}: nothing created`);
    const f = form(r.text, '/tickets/new');
    assert.equal(input(f.html, 'step').value, '2', `${what}: the full form again`);
    assert.equal(input(f.html, 'subject').value, `Refused ${tag}`, `${what}: summary kept`);
    if (body) assert.ok(f.html.includes(`>${body}</textarea>`), `${what}: description kept`);
  }
  // The same with a valid choice goes through and shows it.
  const t = await report(c, { subject: `Network ok ${tag}`, topic: 'network', fields: { 'Where are you?': 'Home' } });
  assert.equal(details((await c.get(t.path)).text)['Where are you?'], 'Home');
});

test('attachments: two files shown, downloadable with the right type and disposition', async () => {
  const image = png(`img-${tag}`);
  const note = `Error log ${tag}\nline two: ñandú ✓\n`;
  const t = await report(c, {
    subject: `With files ${tag}`,
    files: [{ filename: 'screen shot.png', data: image, type: 'image/png' },
      { filename: 'C:\\Users\\me\\log ñ.txt', data: note, type: 'text/plain' }],
  });
  assert.equal(await sqlValue(`SELECT COUNT(*) FROM ticket_files WHERE ticket_id = ${t.id}`), '2');
  const r = await c.get(t.path);
  const files = fileLinks(r.text);
  assert.deepEqual(files.map((f) => f.name), ['screen shot.png', 'log ñ.txt'], 'names shown (no client path)');
  for (const f of files) assert.match(f.href, new RegExp(`^/tickets/${t.number}/files/\\d+$`));
  let d = await download(c, files[0].href);
  assert.equal(d.status, 200);
  assert.equal(d.headers.get('content-type'), 'image/png');
  assert.match(d.headers.get('content-disposition'), /^inline;/, 'images inline');
  assert.match(d.headers.get('content-disposition'), /filename\*=UTF-8''screen%20shot\.png/);
  assert.equal(d.headers.get('x-content-type-options'), 'nosniff');
  assert.ok(d.body.equals(image), 'the same bytes back');
  d = await download(c, files[1].href);
  assert.equal(d.status, 200);
  assert.match(d.headers.get('content-type'), /^text\/plain\b/);
  assert.match(d.headers.get('content-disposition'), /^attachment;/, 'text is downloaded, not shown');
  assert.match(d.headers.get('content-disposition'), /filename\*=UTF-8''log%20%C3%B1\.txt/);
  assert.equal(d.body.toString('utf8'), note);
  // JSON lists them too.
  const j = (await c.get(`/api/v1/tickets/${t.number}`)).json();
  assert.deepEqual(j.Files.map((f) => [f.filename, f.content_type, f.size]),
    [['screen shot.png', 'image/png', String(image.length)], ['log ñ.txt', 'text/plain', String(Buffer.byteLength(note))]]);
});

test('too many files, a file over 10 MB, or a file we do not take: refused, nothing created', async () => {
  let before = await ticketCount();
  const six = Array.from({ length: 6 }, (_, i) => ({ filename: `f${i}.txt`, data: `file ${i}`, type: 'text/plain' }));
  let r = await postMultipart(c, '/tickets/new', await reportParts({ subject: `Six files ${tag}`, files: six }));
  assert.equal(r.status, 422, 'six files');
  assert.equal(byId(r.text, 'files-error'), en['tickets.too_many_files']);
  assert.equal(await ticketCount(), before, 'six files: nothing created');
  assert.equal(await sqlValue(`SELECT COUNT(*) FROM tickets WHERE subject = ${q(`Six files ${tag}`)}`), '0');

  r = await postMultipart(c, '/tickets/new', await reportParts({ subject: `Big file ${tag}`,
    files: [{ filename: 'big.txt', data: Buffer.alloc(11 << 20, 'a'), type: 'text/plain' }] }));
  assert.ok(r.status === 413 || r.status === 422, `11 MB: 413 or 422, got ${r.status}`);
  assert.equal(await ticketCount(), before, '11 MB: nothing created');

  r = await postMultipart(c, '/tickets/new', await reportParts({ subject: `Binary ${tag}`,
    files: [{ filename: 'tool.exe', data: Buffer.from([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xff, 0xff]),
      type: 'image/png' }] }));
  assert.equal(r.status, 422, 'a program claiming to be an image');
  assert.equal(byId(r.text, 'files-error'), en['tickets.file_type']);
  assert.equal(await ticketCount(), before, 'binary: nothing created');

  // Five is fine.
  before = await ticketCount();
  const t = await report(c, { subject: `Five files ${tag}`, files: six.slice(0, 5) });
  assert.equal(await ticketCount(), before + 1);
  assert.equal(fileLinks((await c.get(t.path)).text).length, 5);
});

test('HTML or SVG dressed up as an image is kept as plain text and never served as a page', async () => {
  const evil = `<!DOCTYPE html><html><body><script>alert("${tag}")</script></body></html>`;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" onload="alert('${tag}')"><script>alert(1)</script></svg>`;
  const r = await postMultipart(c, '/tickets/new', await reportParts({ subject: `Disguised ${tag}`, files: [
    { filename: 'photo.png', data: evil, type: 'image/png' },
    { filename: 'page.html', data: evil, type: 'text/html' },
    { filename: 'logo.svg', data: svg, type: 'image/svg+xml' }] }));
  if (r.status === 422) {
    assert.equal(await sqlValue(`SELECT COUNT(*) FROM tickets WHERE subject = ${q(`Disguised ${tag}`)}`), '0');
    return;
  }
  assert.equal(r.status, 303);
  const num = /\/tickets\/(T-\d+)/.exec(r.headers.get('location'))[1];
  const types = await sql('SELECT f.content_type FROM ticket_files f JOIN tickets t ON t.id = f.ticket_id' +
    ` WHERE t.subject = ${q(`Disguised ${tag}`)} ORDER BY f.id`);
  assert.deepEqual(types.map((x) => x[0]), ['text/plain', 'text/plain', 'text/plain'], 'stored as plain text');
  const files = fileLinks((await c.get(`/tickets/${num}`)).text);
  assert.equal(files.length, 3);
  for (const f of files) {
    const d = await download(c, f.href);
    assert.equal(d.status, 200, f.name);
    const ct = d.headers.get('content-type');
    assert.match(ct, /^text\/plain\b/, `${f.name}: ${ct}`);
    assert.doesNotMatch(ct, /html|svg/i);
    assert.match(d.headers.get('content-disposition'), /^attachment;/, `${f.name}: downloaded, not shown`);
    assert.equal(d.headers.get('x-content-type-options'), 'nosniff');
    assert.match(d.headers.get('content-security-policy') || '', /default-src 'self'/, `${f.name}: CSP`);
  }
});

test('My requests: open and closed filters, search by subject, JSON list', async () => {
  const u = await createUser({ tag: 'tlist', lang: 'en' });
  const s = await signedIn(u);
  let r = await s.get('/tickets/');
  assert.equal(r.status, 200);
  assert.ok(shows(r.text, en['tickets.empty']), 'nothing yet');
  assert.ok(links(mainOf(r.text)).includes('/tickets/new'), 'a way to report');
  const a = await report(s, { subject: `Monitor flickers ${tag}` });
  const b = await report(s, { subject: `Keyboard sticky ${tag}` });
  r = await s.post(`${b.path}/solved`, {});
  assert.equal(r.status, 303);
  const listed = (page) => [...mainOf(page).matchAll(/href="\/tickets\/(T-\d+)"/g)].map((m) => m[1]);
  r = await s.get('/tickets/');
  assert.deepEqual(listed(r.text), [a.number], 'open by default: only the open one');
  assert.equal(selected(r.text, 'state'), 'open');
  assert.ok(shows(r.text, `Monitor flickers ${tag}`), 'subject shown');
  assert.ok(shows(r.text, en['tickets.status.new']), 'status in words');
  r = await s.get('/tickets/?state=closed');
  assert.deepEqual(listed(r.text), [b.number], 'closed: the solved one');
  assert.equal(selected(r.text, 'state'), 'closed');
  r = await s.get('/tickets/?state=all');
  assert.deepEqual(listed(r.text).sort(), [a.number, b.number].sort(), 'all: both');
  r = await s.get(`/tickets/?state=all&q=${encodeURIComponent('keyboard')}`);
  assert.deepEqual(listed(r.text), [b.number], 'search by a word of the subject (any case)');
  assert.equal(input(form(r.text, '/tickets/').html, 'q').value, 'keyboard', 'query kept in the field');
  r = await s.get(`/tickets/?state=all&q=${encodeURIComponent(`nothing-${tag}`)}`);
  assert.deepEqual(listed(r.text), []);
  assert.ok(shows(r.text, en['tickets.empty']));
  r = await s.get('/tickets/?state=bogus');
  assert.equal(r.status, 400, 'unknown state refused');
  // Someone else's ticket with the same words never shows.
  const other = await c.get('/tickets/?state=all&q=' + encodeURIComponent(`Monitor flickers ${tag}`));
  assert.deepEqual(listed(other.text), [], 'another requester does not see them');

  r = await s.get('/api/v1/tickets?state=all');
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /^application\/json/);
  const j = r.json();
  assert.deepEqual(j.Tickets.map((t) => t.number).sort(), [a.number, b.number].sort());
  const jb = j.Tickets.find((t) => t.number === b.number);
  assert.equal(jb.subject, `Keyboard sticky ${tag}`);
  assert.equal(jb.status, 'resolved');
  assert.equal(j.State, 'all');
  assert.equal(j.Pager.Total, '2');
  assert.ok(!/csrf/i.test(r.text), 'no form token in JSON');
  r = await s.get('/api/v1/tickets');
  assert.deepEqual(r.json().Tickets.map((t) => t.number), [a.number], 'JSON: open by default');
});

test('JSON of one ticket for its owner: the ticket, messages, fields; nothing internal', async () => {
  const t = await report(c, { subject: `Json ${tag}`, topic: 'hardware', body: `Json body ${tag}`,
    fields: { 'Which device?': 'Laptop' } });
  const r = await c.get(`/api/v1/tickets/${t.number}`);
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /^application\/json/);
  const j = r.json();
  assert.equal(j.T.number, t.number);
  assert.equal(j.T.subject, `Json ${tag}`);
  assert.equal(j.T.status, 'new');
  assert.equal(j.T.team, 'Workplace');
  assert.equal(j.T.requester, me.name);
  assert.ok(!('requester_email' in j.T), 'no e-mail addresses');
  assert.deepEqual(j.Messages.map((m) => [m.kind, m.body]), [['public', `Json body ${tag}`]]);
  assert.deepEqual(j.Fields, [{ label: 'Which device?', value: 'Laptop' }]);
  assert.deepEqual(j.Events.map((e) => e.what), ['created']);
  for (const k of ['Teams', 'Agents', 'Canned', 'Staff']) assert.ok(!(k in j), `no ${k} for a requester`);
  assert.ok(!/csrf/i.test(r.text), 'no form token in JSON');
});

test('reply, "solved", rating 1-5, and "still not working" with a reason', async () => {
  const t = await report(c, { subject: `Conversation ${tag}`, body: 'First words.' });
  // Reply.
  let r = await postMultipart(c, `${t.path}/reply`, [['body', `More details ${tag}`], ['kind', 'internal'],
    ['files', { filename: 'more.txt', data: `more ${tag}`, type: 'text/plain' }]]);
  assert.equal(r.status, 303);
  assert.equal(r.headers.get('location').replace(/^https?:\/\/[^/]+/, ''), `${t.path}#latest`);
  r = await c.get(t.path);
  let ms = messages(r.text);
  assert.equal(ms.length, 2);
  assert.ok(ms[1].text.includes(`More details ${tag}`), 'reply added at the end');
  assert.equal(ms[1].kind, 'public', 'a requester cannot write internal notes');
  assert.equal(await sqlValue(`SELECT kind FROM ticket_messages WHERE ticket_id = ${t.id} ORDER BY id DESC LIMIT 1`), 'public');
  assert.deepEqual(fileLinks(r.text).map((f) => f.name), ['more.txt'], 'reply file shown');
  assert.equal(statusShown(r.text), 'new', 'the requester writing does not change a new ticket');
  r = await postMultipart(c, `${t.path}/reply`, [['body', '  ']]);
  assert.equal(r.status, 422, 'empty reply');
  assert.equal(byId(r.text, 'body-error'), en['form.required']);
  assert.equal(await sqlValue(`SELECT COUNT(*) FROM ticket_messages WHERE ticket_id = ${t.id}`), '2');
  // Rating is only for solved requests.
  r = await c.post(`${t.path}/rate`, { rating: '5' });
  assert.equal(r.status, 400, 'no rating before it is solved');
  // "Yes, this is solved".
  r = await c.get(t.path);
  assert.ok(textOf(form(r.text, `${t.path}/solved`).html).includes(en['tickets.solved']), 'the button says so');
  r = await c.post(`${t.path}/solved`, {});
  assert.equal(r.status, 303);
  assert.equal(r.headers.get('location').replace(/^https?:\/\/[^/]+/, ''), `${t.path}#rate`);
  let row = await ticketRow(t.id);
  assert.equal(row.status, 'resolved');
  assert.ok(row.resolved_at, 'resolved_at set');
  r = await c.get(t.path);
  assert.equal(statusShown(r.text), 'resolved');
  const rate = form(r.text, `${t.path}/rate`);
  assert.deepEqual(tags(rate.html, 'input').filter((i) => i.name === 'rating').map((i) => i.value),
    ['1', '2', '3', '4', '5'], 'rating 1..5');
  assert.ok(form(r.text, `${t.path}/reopen`), '"still not working" form');
  assert.ok(!r.text.includes(`action="${t.path}/reply"`), 'no reply form on a solved request');
  assert.ok(history(r.text).some((h) => h.includes(`${en['tickets.event.status']}: ${en['tickets.status.resolved']}`)),
    'history: solved');
  // Bad ratings.
  for (const bad of ['7', '0', '-1', 'abc', '3.5', '']) {
    r = await c.post(`${t.path}/rate`, { rating: bad });
    assert.equal(r.status, 400, `rating "${bad}"`);
  }
  assert.equal((await ticketRow(t.id)).rating, null, 'nothing saved');
  // Good rating.
  r = await c.post(`${t.path}/rate`, { rating: '4', comment: `Quick, thanks ${tag}` });
  assert.equal(r.status, 303);
  assert.equal(r.headers.get('location').replace(/^https?:\/\/[^/]+/, ''), `${t.path}?rated=1#rate`);
  row = await ticketRow(t.id);
  assert.equal(row.rating, '4');
  assert.equal(row.rating_comment, `Quick, thanks ${tag}`);
  r = await c.get(t.path);
  assert.ok(textOf(mainOf(r.text)).includes(`${en['tickets.your_rating']}: 4/5`), 'rating shown');
  assert.ok(!r.text.includes(`action="${t.path}/rate"`), 'no second rating form');
  // "It is still not working", with a reason.
  r = await c.post(`${t.path}/reopen`, { body: `Broke again ${tag}` });
  assert.equal(r.status, 303);
  row = await ticketRow(t.id);
  assert.equal(row.status, 'open', 'back to work');
  r = await c.get(t.path);
  ms = messages(r.text);
  assert.ok(ms[ms.length - 1].text.includes(`Broke again ${tag}`), 'the reason is added as a message');
  assert.equal(statusShown(r.text), 'open');
  assert.ok(r.text.includes(`action="${t.path}/reply"`), 'reply form is back');
  // Without a reason: solved again, then reopened; no message added.
  await c.post(`${t.path}/solved`, {});
  assert.equal((await ticketRow(t.id)).status, 'resolved');
  const n = await sqlValue(`SELECT COUNT(*) FROM ticket_messages WHERE ticket_id = ${t.id}`);
  r = await c.post(`${t.path}/reopen`, { body: '' });
  assert.equal(r.status, 303);
  row = await ticketRow(t.id);
  assert.equal(row.status, 'open');
  assert.equal(row.resolved_at, null, 'resolved_at cleared');
  assert.equal(await sqlValue(`SELECT COUNT(*) FROM ticket_messages WHERE ticket_id = ${t.id}`), n, 'no empty message');
});

test('"still not working" with a reason clears the solved time (autoclose counts from it)', async () => {
  const t = await report(c, { subject: `Reopen time ${tag}` });
  await c.post(`${t.path}/solved`, {});
  assert.ok((await ticketRow(t.id)).resolved_at);
  await c.post(`${t.path}/reopen`, { body: `Not yet ${tag}` });
  const row = await ticketRow(t.id);
  assert.equal(row.status, 'open');
  assert.equal(row.resolved_at, null);
});

test('"still not working" on a request that was never solved changes nothing', async () => {
  const t = await report(c, { subject: `Reopen new ${tag}` });
  const r = await c.post(`${t.path}/reopen`, { body: `Hello? ${tag}` });
  assert.ok(r.status === 303 || r.status === 400 || r.status === 409);
  assert.equal((await ticketRow(t.id)).status, 'new', 'a requester cannot move a new request to "in progress"');
});

test('the search log marks searches made shortly before a ticket', async () => {
  const word = `printer${tag}`;
  let r = await c.get(`/search?q=${encodeURIComponent(word)}`);
  assert.equal(r.status, 200);
  const mine = await sql(`SELECT id, ticket_after FROM kb_search_log WHERE user_id = ${me.id} AND query = ${q(word)}`);
  assert.equal(mine.length, 1, 'the search is logged for this user');
  assert.equal(mine[0][1], '0', 'not marked before a ticket');
  // An old search of this user, and a fresh one of someone else: not marked.
  await sql('INSERT INTO kb_search_log (at, user_id, query, query_folded, language) VALUES' +
    ` (UTC_TIMESTAMP() - INTERVAL 3 HOUR, ${me.id}, ${q(`old ${word}`)}, ${q(`old ${word}`)}, 'en'),` +
    ` (UTC_TIMESTAMP(), 1, ${q(`other ${word}`)}, ${q(`other ${word}`)}, 'en')`);
  await report(c, { subject: `After searching ${tag}` });
  const flags = Object.fromEntries(await sql('SELECT query, ticket_after FROM kb_search_log' +
    ` WHERE query IN (${q(word)}, ${q(`old ${word}`)}, ${q(`other ${word}`)})`));
  assert.deepEqual(flags, { [word]: '1', [`old ${word}`]: '0', [`other ${word}`]: '0' });
});

test('mail: the requester gets a confirmation with the number, the subject and a link', async () => {
  const u = await createUser({ tag: 'tmail', lang: 'en' });
  const s = await signedIn(u);
  const t = await report(s, { subject: `Mail me ${tag} <ok>` });
  const queued = await sql(`SELECT subject FROM outbox WHERE to_addr = ${q(u.email)}`);
  assert.equal(queued.length, 1, 'one mail queued');
  for (let i = 0; i < 20 && !sink.to(u.email).length; i++) await sendMail();
  const got = sink.to(u.email);
  assert.equal(got.length, 1, 'one mail sent');
  const m = parseMail(got[0].raw);
  assert.ok(m.subject.includes(`[${t.number}]`), `number in the subject: ${m.subject}`);
  assert.ok(m.subject.includes(en['mail.ticket.subject_new']), 'says it was received');
  const date = m.header('date');
  assert.ok(date && !Number.isNaN(Date.parse(date)), `Date header: ${date}`);
  assert.ok(Math.abs(Date.parse(date) - Date.now()) < 10 * 60 * 1000, 'Date is now');
  assert.match(m.header('message-id') || '', /^<[^<>@\s]+@[^<>@\s]+>$/, 'Message-ID');
  assert.match(m.header('to') || '', new RegExp(u.email.replace(/[.]/g, '\\.')));
  assert.match(m.header('content-type'), /^multipart\/alternative;/i, 'text and HTML');
  assert.ok(m.text && m.html, 'both parts');
  assert.equal(linkIn(m.text, '/tickets/'), `/tickets/${t.number}`, 'text links to the ticket');
  assert.ok(m.text.includes(`Mail me ${tag} <ok>`), 'text has the subject as typed');
  assert.ok(m.html.includes(`href="${BASE}/tickets/${t.number}"`), 'HTML links to the ticket');
  assert.ok(m.html.includes(`Mail me ${tag} &lt;ok&gt;`), 'HTML escapes the subject');
  assert.ok(!m.html.includes('<ok>'), 'no raw markup from the subject');
  assert.ok(m.text.includes(en['mail.ticket.text_new'].slice(0, 30)), 'the words for a new request');
});

test('signed-in pages of tickets are not cached and the Spanish form speaks Spanish', async () => {
  const r = await c.get('/tickets/new');
  assert.match(r.headers.get('cache-control') || '', /no-store/);
  const es = T('es');
  const sp = await signedIn(await createUser({ tag: 'tes', lang: 'es' }));
  const p = await sp.get('/tickets/new');
  assert.deepEqual(headings(p.text), [es['tickets.new_title']]);
  const f = form(p.text, '/tickets/new');
  const names = await sql('SELECT name_es FROM ticket_categories WHERE active = 1 ORDER BY position, id');
  assert.deepEqual(options(f.html, 'category').filter((o) => o.value !== '').map((o) => o.text),
    names.map((x) => x[0]),
    'topics in Spanish');
});
