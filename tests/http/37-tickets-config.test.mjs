// 37-tickets-config.test.mjs - the ticket settings admins keep (topics with
// their extra questions, the priority rules, standard answers, teams and their
// members) as requesters and agents meet them: the report form, validation,
// priorities of new requests, the agent's reply tools with and without
// JavaScript (standard answers with placeholders, article links limited to
// what the agent may read), and requests opened for someone on the phone.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  byId, Client, createUser, decode, form, input, links, mailFor, mainOf, q, rnd, selected, sendMail, shows, signedIn, sql,
  sqlValue, startSmtpSink, T, tags, textOf,
} from './lib.mjs';
import { createAgent, details, messages, postMultipart, teamId, ticketRow } from './tickets-lib.mjs';
import { createArticle, waitFor, word } from './kb-lib.mjs';

const en = T('en');
const es = T('es');
const tag = rnd(8);
let sink, admin, adminEs, requester, agent, editor, outsider;
let adm, admEs, rc, ac, ed, oc;
let savedMatrix;

/** The id at the end of a redirect to /admin/tickets/categories/<id>?saved=1. */
function catIdOf(res) {
  assert.equal(res.status, 303, `saved (status ${res.status}): ${textOf(mainOf(res.text)).slice(0, 300)}`);
  const m = /^\/admin\/tickets\/categories\/(\d+)\?saved=1$/.exec(res.headers.get('location') || '');
  assert.ok(m, `redirect to the topic: ${res.headers.get('location')}`);
  return Number(m[1]);
}

/** Create a topic as the admin; returns its id. */
async function makeTopic(fields = {}) {
  const slug = fields.slug || `t-${tag}-${rnd(4)}`;
  return catIdOf(await adm.post('/admin/tickets/categories', {
    slug, name_en: `Topic ${slug}`, name_es: `Tema ${slug}`, description_en: 'For tests',
    description_es: 'Para pruebas', group_id: String(await teamId('Service Desk')), ...fields,
  }));
}

/** Add a question to topic cid; returns its id. */
async function makeField(cid, fields) {
  const r = await adm.post(`/admin/tickets/categories/${cid}/fields`, fields);
  assert.equal(r.status, 303, `field added (status ${r.status}): ${textOf(mainOf(r.text)).slice(0, 300)}`);
  return Number(await sqlValue(`SELECT MAX(id) FROM ticket_fields WHERE category_id = ${cid}`));
}

/** The second step of the report form for topic cid as client c. */
function reportTo(c, cid, { subject = `Report ${tag}`, body = 'Please help.', impact = 3, urgency = 3,
  fields = {}, extra = [] } = {}) {
  const parts = [['step', '2'], ['subject', subject], ['category', String(cid)], ['body', body],
    ['impact', String(impact)], ['urgency', String(urgency)]];
  for (const [k, v] of Object.entries(fields)) parts.push([`field_${k}`, v]);
  return postMultipart(c, '/tickets/new', [...parts, ...extra]);
}

/** The ticket id of a redirect to /tickets/T-...?created=1. */
function ticketOf(res) {
  assert.equal(res.status, 303, `ticket created (status ${res.status}): ${textOf(mainOf(res.text)).slice(0, 300)}`);
  const m = /\/tickets\/T-(\d+)\?created=1$/.exec(res.headers.get('location') || '');
  assert.ok(m, `redirect to the ticket: ${res.headers.get('location')}`);
  return Number(m[1]);
}

const num = (id) => `T-${String(id).padStart(6, '0')}`;

/** The options (value, text) of <select name=...> in some HTML. */
function options(page, name) {
  const m = new RegExp(`<select\\b[^>]*\\bname="${name}"[^>]*>([\\s\\S]*?)</select>`, 'i').exec(page);
  assert.ok(m, `a select called ${name}`);
  return [...m[1].matchAll(/<option\b([^>]*)>([\s\S]*?)<\/option>/gi)]
    .map((o) => ({ value: (/value="([^"]*)"/.exec(o[1]) || [])[1] ?? textOf(o[2]), text: textOf(o[2]) }));
}

/** The text in the reply box of a ticket page. */
function replyBox(page) {
  const m = /<textarea id="reply-body"[^>]*>([\s\S]*?)<\/textarea>/.exec(page);
  assert.ok(m, 'the reply box');
  return decode(m[1]);
}

before(async () => {
  sink = await startSmtpSink();
  await sendMail();
  admin = await createUser({ tag: 'cfgadm', roles: 'requester,admin', name: `Cfg Admin ${tag}`, lang: 'en' });
  adminEs = await createUser({ tag: 'cfgadmes', roles: 'requester,admin', name: `Cfg Admin ES ${tag}`, lang: 'es' });
  requester = await createUser({ tag: 'cfgreq', name: `Rosa Requester ${tag}`, lang: 'en' });
  agent = await createAgent({ tag: 'cfgagent', teams: ['Service Desk'], name: `Cfg Agent ${tag}` });
  editor = await createUser({ tag: 'cfged', roles: 'requester,editor', name: `Cfg Editor ${tag}`, lang: 'en' });
  outsider = await createUser({ tag: 'cfgout', roles: 'requester,agent', name: `Out Agent ${tag}`, lang: 'en' });
  await sql(`UPDATE users SET language = 'en' WHERE id = ${agent.id}`);
  adm = await signedIn(admin);
  admEs = await signedIn(adminEs);
  rc = await signedIn(requester);
  ac = await signedIn(agent);
  ed = await signedIn(editor);
  oc = await signedIn(outsider);
  savedMatrix = await sql('SELECT impact, urgency, priority FROM priority_matrix');
});

after(async () => {
  if (savedMatrix)
    for (const [i, u, p] of savedMatrix)
      await sql(`UPDATE priority_matrix SET priority = ${p} WHERE impact = ${i} AND urgency = ${u}`);
  // Our topics leave the report form for the tests that follow (and the next run).
  await sql(`UPDATE ticket_categories SET active = 0 WHERE slug LIKE ${q(`%${tag}%`)}`);
  if (sink) await sink.close();
});

test('only admins reach the ticket settings; anonymous visitors are sent to sign in', async () => {
  const cid = await makeTopic();
  const slugBefore = await sqlValue(`SELECT slug FROM ticket_categories WHERE id = ${cid}`);
  const pages = ['/admin/tickets/categories', `/admin/tickets/categories/${cid}`, '/admin/tickets/matrix',
    '/admin/tickets/canned', `/admin/groups/${await teamId('Service Desk')}`];
  for (const c of [rc, ac, ed]) {
    for (const p of pages) {
      const r = await c.get(p);
      assert.equal(r.status, 403, `${p} refused`);
      assert.ok(!r.text.includes(`Topic t-${tag}`), 'nothing of the page shows');
    }
    const posts = [['/admin/tickets/categories', { slug: `x-${rnd(6)}`, name_en: 'X', name_es: 'X' }],
      [`/admin/tickets/categories/${cid}`, { slug: 'hijack', name_en: 'X', name_es: 'X' }],
      [`/admin/tickets/categories/${cid}/fields`, { label_en: 'X', label_es: 'X', type: 'text' }],
      ['/admin/tickets/matrix', { p_1_1: '4' }],
      ['/admin/tickets/canned', { title: 'X', body: 'X', language: 'en' }],
      [`/admin/groups/${await teamId('Service Desk')}/members`, { email: agent.email }]];
    for (const [p, f] of posts) assert.equal((await c.post(p, f)).status, 403, `POST ${p} refused`);
  }
  assert.equal(await sqlValue(`SELECT slug FROM ticket_categories WHERE id = ${cid}`), slugBefore, 'unchanged');
  const anon = new Client();
  let r = await anon.get('/admin/tickets/categories');
  assert.equal(r.status, 303);
  assert.match(r.headers.get('location'), /^\/login\?next=/);
  r = await anon.get('/admin/tickets/matrix', { headers: { accept: 'application/json' } });
  assert.equal(r.status, 401);
  // The form token is required for every change.
  for (const p of ['/admin/tickets/categories', '/admin/tickets/matrix', '/admin/tickets/canned',
    `/admin/tickets/categories/${cid}/fields`]) {
    r = await adm.post(p, { slug: `nocsrf-${tag}`, name_en: 'No', name_es: 'No', p_1_1: '4', title: `No ${tag}`,
      body: 'x', language: 'en', label_en: `No ${tag}`, label_es: 'No', type: 'text' }, { csrf: false });
    assert.equal(r.status, 403, `${p} without the form token`);
    assert.ok(shows(r.text, en['error.csrf']));
  }
  assert.equal(await sqlValue(`SELECT COUNT(*) FROM ticket_categories WHERE slug = ${q(`nocsrf-${tag}`)}`), '0');
  assert.equal(await sqlValue(`SELECT COUNT(*) FROM canned_responses WHERE title = ${q(`No ${tag}`)}`), '0');
  assert.equal(await sqlValue(`SELECT COUNT(*) FROM ticket_fields WHERE label_en = ${q(`No ${tag}`)}`), '0');
});

test('a topic with a required choice and a date: on the report form, validated, answers on the ticket', async () => {
  const slug = `printers-${tag}`;
  let r = await adm.get('/admin/tickets/categories');
  assert.equal(r.status, 200);
  assert.ok(links(mainOf(r.text)).includes('/admin/tickets/matrix'), 'settings navigation');
  assert.ok(input(form(r.text, '/admin/tickets/categories').html, 'slug'), 'new topic form');
  const cid = await makeTopic({ slug, name_en: `Printers ${tag}`, name_es: `Impresoras ${tag}`,
    group_id: String(await teamId('Workplace')) });
  const floor = await makeField(cid, { label_en: 'Which floor?', label_es: '¿Qué planta?', type: 'choice',
    choices: 'Ground floor\nFirst floor, Second floor', required: '1' });
  const since = await makeField(cid, { label_en: 'Since when?', label_es: '¿Desde cuándo?', type: 'date' });
  assert.equal(await sqlValue(`SELECT choices FROM ticket_fields WHERE id = ${floor}`),
    'Ground floor, First floor, Second floor', 'choices stored cleaned');
  // The admin list and the topic's own page.
  r = await adm.get('/admin/tickets/categories');
  assert.ok(shows(r.text, `Printers ${tag}`));
  assert.ok(links(r.text).includes(`/admin/tickets/categories/${cid}`));
  r = await adm.get(`/admin/tickets/categories/${cid}`, { headers: { accept: 'application/json' } });
  assert.equal(r.status, 200);
  const j = r.json();
  assert.equal(j.C.slug, slug);
  assert.equal(j.C.team, 'Workplace');
  assert.deepEqual(j.Fields.map((f) => [f.label_en, f.type, f.required]),
    [['Which floor?', 'choice', '1'], ['Since when?', 'date', '0']]);

  // The requester sees the topic, and after step 1 its two questions.
  r = await rc.get('/tickets/new');
  assert.ok(options(r.text, 'category').some((o) => o.value === String(cid) && o.text === `Printers ${tag}`));
  r = await postMultipart(rc, '/tickets/new', [['step', '1'], ['subject', `Jammed ${tag}`], ['category', String(cid)]]);
  assert.equal(r.status, 200);
  assert.deepEqual(options(r.text, `field_${floor}`).filter((o) => o.value !== '').map((o) => o.text),
    ['Ground floor', 'First floor', 'Second floor']);
  assert.ok(tags(r.text, 'select').find((s) => s.name === `field_${floor}`).required, 'marked required');
  assert.equal(input(r.text, `field_${since}`).type, 'date');

  // Without the required answer: refused with a clear message, nothing stored.
  const before = Number(await sqlValue('SELECT COUNT(*) FROM tickets'));
  r = await reportTo(rc, cid, { subject: `Jammed ${tag}` });
  assert.equal(r.status, 422);
  assert.equal(byId(r.text, `field_${floor}-error`), en['form.required']);
  r = await reportTo(rc, cid, { subject: `Jammed ${tag}`, fields: { [floor]: 'Roof' } });
  assert.equal(r.status, 422, 'an answer that is not one of the choices');
  assert.equal(byId(r.text, `field_${floor}-error`), en['form.choice']);
  r = await reportTo(rc, cid, { subject: `Jammed ${tag}`, fields: { [floor]: 'First floor', [since]: 'yesterday' } });
  assert.equal(r.status, 422, 'a date that is not a date');
  assert.ok(byId(r.text, `field_${since}-error`));
  assert.equal(Number(await sqlValue('SELECT COUNT(*) FROM tickets')), before);
  // With it: created, routed to the topic's team, the answers on the ticket.
  const id = ticketOf(await reportTo(rc, cid, { subject: `Jammed ${tag}`,
    fields: { [floor]: 'First floor', [since]: '2026-11-02' } }));
  const row = await ticketRow(id);
  assert.equal(row.category_id, String(cid));
  assert.equal(row.group_id, String(await teamId('Workplace')));
  r = await rc.get(`/tickets/${num(id)}`);
  assert.equal(r.status, 200);
  const d = details(r.text);
  assert.equal(d['Which floor?'], 'First floor');
  assert.equal(d['Since when?'], '2026-11-02');
});

test('topics: bad input refused with errors in the admin\'s language, nothing half-saved', async () => {
  const cid = await makeTopic({ slug: `dup-${tag}` });
  const base = { slug: `ok-${tag}`, name_en: 'Fine', name_es: 'Bien', group_id: '0' };
  const cases = [
    [{ name_en: '' }, 'name_en', 'form.required'],
    [{ name_es: '   ' }, 'name_es', 'form.required'],
    [{ slug: `dup-${tag}` }, 'slug', 'tcfg.slug_taken'],
    [{ slug: 'Not A Slug' }, 'slug', 'tcfg.bad_slug'],
    [{ slug: '-edge-' }, 'slug', 'tcfg.bad_slug'],
    [{ name_en: 'x'.repeat(121) }, 'name_en', 'form.too_long'],
    [{ description_es: 'y'.repeat(30000) }, 'description_es', 'form.too_long'],
    [{ group_id: '999999999' }, 'group_id', 'tcfg.bad_team'],
    [{ group_id: 'abc' }, 'group_id', 'form.number'],
  ];
  for (const [change, field, key] of cases) {
    for (const [c, lang] of [[adm, en], [admEs, es]]) {
      const r = await c.post('/admin/tickets/categories', { ...base, ...change });
      assert.equal(r.status, 422, `${JSON.stringify(change).slice(0, 60)} refused`);
      assert.equal(byId(r.text, `${field}-error`), lang[key], `${field}: ${key} in ${lang === es ? 'Spanish' : 'English'}`);
    }
  }
  let r = await adm.post('/admin/tickets/categories', { ...base, name_en: '' },
    { headers: { accept: 'application/json' } });
  assert.equal(r.status, 422);
  assert.equal(r.json().Errors.name_en, en['form.required'], 'JSON answer names the field');
  assert.equal(await sqlValue(`SELECT COUNT(*) FROM ticket_categories WHERE slug = ${q(`ok-${tag}`)}`), '0');
  // Editing: the same checks, and the form keeps what was typed.
  r = await adm.post(`/admin/tickets/categories/${cid}`, { slug: `dup-${tag}`, name_en: '', name_es: 'Tema', active: '1' });
  assert.equal(r.status, 422);
  assert.equal(input(r.text, 'name_es').value, 'Tema');
  assert.equal(await sqlValue(`SELECT name_es FROM ticket_categories WHERE id = ${cid}`), `Tema dup-${tag}`);
  // A team that does not receive requests is not offered, and refused.
  const quiet = `Quiet ${tag}`;
  await sql(`INSERT INTO \`groups\` (name, description, support) VALUES (${q(quiet)}, 'not support', 0)`);
  const qid = await teamId(quiet);
  r = await adm.get('/admin/tickets/categories');
  assert.ok(!options(r.text, 'group_id').some((o) => o.value === String(qid)), 'not offered');
  r = await adm.post(`/admin/tickets/categories/${cid}`, { slug: `dup-${tag}`, name_en: 'A', name_es: 'B',
    group_id: String(qid), active: '1' });
  assert.equal(r.status, 422);
  assert.equal(byId(r.text, 'group_id-error'), en['tcfg.bad_team']);
  assert.equal((await adm.post('/admin/tickets/categories/999999999', base)).status, 404);
  assert.equal((await adm.get('/admin/tickets/categories/abc')).status, 404);
});

test('questions: bad choice lists and kinds refused; edit, order; removal keeps old answers readable', async () => {
  const cid = await makeTopic();
  const post = (fields) => adm.post(`/admin/tickets/categories/${cid}/fields`,
    { label_en: 'Q', label_es: 'P', type: 'choice', ...fields });
  const bad = [
    [{ choices: 'only one' }, 'choices', 'tcfg.choices_few'],
    [{ choices: ' , ,\n' }, 'choices', 'tcfg.choices_few'],
    [{ choices: 'a\nb\na' }, 'choices', 'tcfg.choices_dup'],
    [{ choices: Array.from({ length: 51 }, (_, i) => `c${i}`).join('\n') }, 'choices', 'tcfg.choices_many'],
    [{ choices: `short\n${'z'.repeat(101)}` }, 'choices', 'tcfg.choice_long'],
    [{ choices: Array.from({ length: 12 }, (_, i) => `${i}${'w'.repeat(95)}`).join('\n') }, 'choices', 'tcfg.choices_long'],
    [{ choices: 'x'.repeat(3000) }, 'choices', 'form.too_long'],
    [{ type: 'html' }, 'type', 'form.choice'],
    [{ label_en: '' }, 'label_en', 'form.required'],
    [{ label_es: 'l'.repeat(500), type: 'text' }, 'label_es', 'form.too_long'],
  ];
  for (const [change, field, key] of bad) {
    const r = await post(change);
    assert.equal(r.status, 422, `${JSON.stringify(change).slice(0, 60)} refused`);
    assert.equal(byId(r.text, `${field}-error`), en[key], `${field}: ${key}`);
  }
  let r = await admEs.post(`/admin/tickets/categories/${cid}/fields`, { label_en: 'Q', label_es: 'P', type: 'choice',
    choices: 'solo' });
  assert.equal(byId(r.text, 'choices-error'), es['tcfg.choices_few'], 'in Spanish for a Spanish admin');
  assert.equal(await sqlValue(`SELECT COUNT(*) FROM ticket_fields WHERE category_id = ${cid}`), '0');

  const a = await makeField(cid, { label_en: 'Room', label_es: 'Sala', type: 'text' });
  const b = await makeField(cid, { label_en: 'Seats', label_es: 'Plazas', type: 'number', required: '1' });
  // Order: b moves up above a, and the report form follows.
  r = await adm.post(`/admin/tickets/categories/${cid}/fields/${b}/move`, { dir: 'up' });
  assert.equal(r.status, 303);
  r = await postMultipart(rc, '/tickets/new', [['step', '1'], ['subject', 'Order'], ['category', String(cid)]]);
  const at = (id) => r.text.indexOf(`name="field_${id}"`);
  assert.ok(at(b) > 0 && at(a) > at(b), 'Seats first, then Room');
  assert.equal((await adm.post(`/admin/tickets/categories/${cid}/fields/${b}/move`, { dir: 'sideways' })).status, 400);
  // A number question refuses words.
  r = await reportTo(rc, cid, { fields: { [b]: 'many' } });
  assert.equal(r.status, 422);
  assert.ok(byId(r.text, `field_${b}-error`));
  const t1 = ticketOf(await reportTo(rc, cid, { subject: `Booking ${tag}`, fields: { [a]: 'Blue room', [b]: '12' } }));
  // Edit: Room becomes required; a request without it is now refused.
  r = await adm.post(`/admin/tickets/categories/${cid}/fields/${a}`, { label_en: 'Meeting room', label_es: 'Sala de reuniones',
    type: 'text', required: '1' });
  assert.equal(r.status, 303);
  r = await reportTo(rc, cid, { fields: { [b]: '3' } });
  assert.equal(r.status, 422);
  assert.equal(byId(r.text, `field_${a}-error`), en['form.required']);
  // Removing a question nobody answered deletes it; one with answers leaves
  // the form but the old request still shows its answer.
  const c = await makeField(cid, { label_en: 'Unused', label_es: 'Sin uso', type: 'checkbox' });
  r = await adm.post(`/admin/tickets/categories/${cid}/fields/${c}/delete`, {});
  assert.equal(r.headers.get('location'), `/admin/tickets/categories/${cid}?deleted=1#fields`);
  assert.equal(await sqlValue(`SELECT COUNT(*) FROM ticket_fields WHERE id = ${c}`), '0');
  r = await adm.post(`/admin/tickets/categories/${cid}/fields/${a}/delete`, {});
  assert.equal(r.headers.get('location'), `/admin/tickets/categories/${cid}?hidden=1#fields`);
  r = await adm.get(`/admin/tickets/categories/${cid}?hidden=1`);
  assert.ok(shows(r.text, en['tcfg.field_hidden']), 'the admin is told what happened');
  assert.ok(!shows(mainOf(r.text).split('id="fields"')[1], 'Meeting room'), 'no longer listed');
  r = await postMultipart(rc, '/tickets/new', [['step', '1'], ['subject', 'After'], ['category', String(cid)]]);
  assert.ok(!r.text.includes(`name="field_${a}"`), 'gone from the form');
  ticketOf(await reportTo(rc, cid, { fields: { [b]: '4' } }));
  r = await rc.get(`/tickets/${num(t1)}`);
  assert.equal(details(r.text)['Meeting room'], 'Blue room', 'the old answer is still readable');
  assert.equal((await adm.post(`/admin/tickets/categories/${cid}/fields/${a}/delete`, {})).status, 404, 'already removed');
  assert.equal((await adm.post(`/admin/tickets/categories/${cid}/fields/${a}`, { label_en: 'X', label_es: 'X',
    type: 'text' })).status, 404, 'a removed question cannot be edited');
  const other = await makeTopic();
  assert.equal((await adm.post(`/admin/tickets/categories/${other}/fields/${b}/delete`, {})).status, 404,
    'a question belongs to its own topic');
  const audit = (await sql(`SELECT action FROM audit_log WHERE actor_id = ${admin.id} ORDER BY id`)).map((x) => x[0]);
  for (const act of ['ticket.category_save', 'ticket.field_create', 'ticket.field_update', 'ticket.field_move',
    'ticket.field_remove'])
    assert.ok(audit.includes(act), `audited: ${act}`);
});

test('topics can be hidden, shown again and reordered', async () => {
  const first = await makeTopic({ name_en: `First ${tag}` });
  const second = await makeTopic({ name_en: `Second ${tag}` });
  const slug2 = await sqlValue(`SELECT slug FROM ticket_categories WHERE id = ${second}`);
  let r = await adm.post(`/admin/tickets/categories/${second}/move`, { dir: 'up' });
  assert.equal(r.status, 303);
  r = await rc.get('/tickets/new');
  const ids = options(r.text, 'category').map((o) => o.value);
  assert.ok(ids.indexOf(String(second)) < ids.indexOf(String(first)), 'second now before first');
  // Hide: the form no longer offers it, and a request naming it is refused.
  r = await adm.post(`/admin/tickets/categories/${second}`, { slug: slug2, name_en: `Second ${tag}`, name_es: 'Segundo' });
  assert.equal(r.status, 303);
  assert.equal(await sqlValue(`SELECT active FROM ticket_categories WHERE id = ${second}`), '0');
  r = await adm.get('/admin/tickets/categories');
  assert.ok(shows(r.text, en['tcfg.inactive']));
  r = await rc.get('/tickets/new');
  assert.ok(!options(r.text, 'category').some((o) => o.value === String(second)), 'not offered');
  r = await reportTo(rc, second);
  assert.equal(r.status, 422, 'a hidden topic cannot be used');
  r = await adm.post(`/admin/tickets/categories/${second}`, { slug: slug2, name_en: `Second ${tag}`, name_es: 'Segundo', active: '1' });
  assert.equal(r.status, 303);
  r = await rc.get('/tickets/new');
  assert.ok(options(r.text, 'category').some((o) => o.value === String(second) && o.text === `Second ${tag}`), 'offered again');
});

test('priority rules: nine choices saved together; the next request follows them', async () => {
  let r = await adm.get('/admin/tickets/matrix');
  assert.equal(r.status, 200);
  const cells = [];
  for (const i of [1, 2, 3]) for (const u of [1, 2, 3]) cells.push(`p_${i}_${u}`);
  for (const c of cells) assert.deepEqual(options(r.text, c).map((o) => o.value), ['1', '2', '3', '4']);
  const prio = Object.fromEntries((await sql('SELECT impact, urgency, priority FROM priority_matrix'))
    .map(([i, u, p]) => [`p_${i}_${u}`, p]));
  for (const c of cells) assert.equal(selected(r.text, c), prio[c], `${c} shows the stored value`);
  const cid = await makeTopic();
  // "Only me" + "It can wait" becomes critical.
  r = await adm.post('/admin/tickets/matrix', { ...prio, p_3_3: '1' });
  assert.equal(r.status, 303);
  let id = ticketOf(await reportTo(rc, cid, { impact: 3, urgency: 3 }));
  assert.equal((await ticketRow(id)).priority, '1');
  r = await adm.post('/admin/tickets/matrix', { ...prio, p_3_3: '4' });
  id = ticketOf(await reportTo(rc, cid, { impact: 3, urgency: 3 }));
  assert.equal((await ticketRow(id)).priority, '4');
  // One bad cell: nothing changes at all.
  for (const bad of [{ p_1_1: '5' }, { p_2_2: '' }, { p_3_1: 'high' }]) {
    r = await adm.post('/admin/tickets/matrix', { ...prio, p_3_3: '2', ...bad });
    assert.equal(r.status, 422, JSON.stringify(bad));
    const field = Object.keys(bad)[0];
    assert.ok(byId(r.text, `${field}-error`), `${field} marked`);
    assert.equal(await sqlValue('SELECT priority FROM priority_matrix WHERE impact = 3 AND urgency = 3'), '4');
  }
  r = await admEs.post('/admin/tickets/matrix', { ...prio, p_1_1: '0' });
  assert.equal(byId(r.text, 'p_1_1-error'), es['form.choice']);
  r = await adm.get('/admin/tickets/matrix', { headers: { accept: 'application/json' } });
  assert.equal(r.json().Matrix[2][2], '4', 'impact 3, urgency 3');
  assert.ok(await sqlValue(`SELECT COUNT(*) FROM audit_log WHERE actor_id = ${admin.id} AND action = 'ticket.matrix'`) >= 2);
});

test('standard answers: add, edit, delete, validation', async () => {
  let r = await adm.post('/admin/tickets/canned', { title: `Greeting ${tag}`, language: 'en',
    body: 'Hello {{requester.first_name}}' });
  assert.equal(r.status, 303);
  const id = Number(await sqlValue(`SELECT id FROM canned_responses WHERE title = ${q(`Greeting ${tag}`)}`));
  r = await adm.get('/admin/tickets/canned');
  assert.ok(shows(r.text, `Greeting ${tag}`));
  assert.ok(form(r.text, `/admin/tickets/canned/${id}/delete`));
  r = await adm.post(`/admin/tickets/canned/${id}`, { title: `Greeting ${tag}`, language: 'es', body: 'Hola {{requester.name}}' });
  assert.equal(r.status, 303);
  assert.deepEqual((await sql(`SELECT language, body FROM canned_responses WHERE id = ${id}`))[0], ['es', 'Hola {{requester.name}}']);
  for (const [change, field, key] of [[{ title: '' }, 'title', 'form.required'], [{ body: '' }, 'body', 'form.required'],
    [{ language: 'fr' }, 'language', 'form.choice'], [{ title: 't'.repeat(121) }, 'title', 'form.too_long'],
    [{ body: 'b'.repeat(5001) }, 'body', 'form.too_long']]) {
    r = await adm.post(`/admin/tickets/canned/${id}`, { title: 'T', language: 'en', body: 'B', ...change });
    assert.equal(r.status, 422, JSON.stringify(change).slice(0, 50));
    assert.equal(byId(r.text, `${field}-error`), en[key]);
  }
  assert.equal(await sqlValue(`SELECT title FROM canned_responses WHERE id = ${id}`), `Greeting ${tag}`, 'unchanged');
  r = await adm.post(`/admin/tickets/canned/${id}/delete`, {});
  assert.equal(r.status, 303);
  assert.equal(await sqlValue(`SELECT COUNT(*) FROM canned_responses WHERE id = ${id}`), '0');
  assert.equal((await adm.post(`/admin/tickets/canned/${id}/delete`, {})).status, 404);
  const acts = (await sql(`SELECT action FROM audit_log WHERE actor_id = ${admin.id} AND action LIKE 'ticket.canned%'`)).map((x) => x[0]);
  assert.deepEqual([...new Set(acts)].sort(), ['ticket.canned_create', 'ticket.canned_delete', 'ticket.canned_update']);
});

test('agent reply box: a standard answer with placeholders, without and with JavaScript', async () => {
  const cid = await makeTopic();
  const id = ticketOf(await reportTo(rc, cid, { subject: `Printer offline ${tag}` }));
  let r = await adm.post('/admin/tickets/canned', { title: `Hello ${tag}`, language: 'en',
    body: 'Hi {{requester.first_name}},\nabout {{ ticket.number }} ("{{ticket.subject}}"): {{ticket.url}}\n{{agent.name}} {{nope}}' });
  assert.equal(r.status, 303);
  await adm.post('/admin/tickets/canned', { title: `Hola ${tag}`, language: 'es', body: 'Hola {{requester.name}}' });
  const cannedId = Number(await sqlValue(`SELECT id FROM canned_responses WHERE title = ${q(`Hello ${tag}`)}`));
  const page = await ac.get(`/tickets/${num(id)}`);
  assert.equal(page.status, 200);
  assert.equal(replyBox(page.text), '', 'empty at first');
  const f = form(page.text, `/tickets/${num(id)}#reply-h`);
  assert.equal(f.attrs.method, 'get', 'the insert control is a GET form');
  const opts = options(f.html, 'canned');
  const mine = opts.findIndex((o) => o.value === String(cannedId));
  const other = opts.findIndex((o) => o.text.startsWith(`Hola ${tag}`));
  assert.ok(mine >= 0 && other > mine, 'the requester\'s language (English) first');
  // Without JavaScript: the GET comes back with the reply box filled.
  r = await ac.get(`/tickets/${num(id)}?canned=${cannedId}`);
  assert.equal(r.status, 200);
  const box = replyBox(r.text);
  assert.ok(box.startsWith('Hi Rosa,\nabout ' + num(id) + ` ("Printer offline ${tag}"): `), box);
  assert.match(box, new RegExp(`https?://[^\\s]+/tickets/${num(id)}\\n`));
  assert.ok(box.endsWith(`Cfg Agent ${tag} {{nope}}`), 'agent name filled, unknown placeholder kept');
  // With JavaScript: the script reads the same page as JSON.
  r = await ac.get(`/tickets/${num(id)}?canned=${cannedId}`, { headers: { accept: 'application/json' } });
  assert.equal(r.json().Reply.insert, box);
  assert.ok(tags(page.text, 'script').some((s) => s.src === '/static/js/reply-tools.js'));
  r = await ac.get(`/tickets/${num(id)}?canned=999999999`);
  assert.equal(r.status, 200);
  assert.equal(replyBox(r.text), '');
  assert.ok(byId(r.text, 'canned-error'));
  // The requester never gets the tools nor a standard answer.
  r = await rc.get(`/tickets/${num(id)}?canned=${cannedId}`);
  assert.equal(r.status, 200);
  assert.equal(replyBox(r.text), '');
  assert.ok(!r.text.includes(`Hello ${tag}`) && !r.text.includes('reply-tools'));
  r = await rc.get(`/tickets/${num(id)}?canned=${cannedId}`, { headers: { accept: 'application/json' } });
  assert.equal(r.json().Reply, undefined);
  assert.equal(r.json().Canned, undefined);
  // A reply refused for a mistake keeps what the agent typed.
  r = await ac.post(`/tickets/${num(id)}/reply`, { body: `Typed ${tag}`, kind: 'sideways' });
  assert.equal(r.status, 422);
  assert.equal(replyBox(r.text), `Typed ${tag}`);
  // Sending it works as any reply.
  r = await ac.post(`/tickets/${num(id)}/reply`, { body: box, kind: 'public' });
  assert.equal(r.status, 303);
  r = await rc.get(`/tickets/${num(id)}`);
  assert.ok(messages(r.text).some((m) => m.text.includes('Hi Rosa,')));
});

test('agent reply box: article links list only what the agent may read', async () => {
  const w = word(9);
  const mk = async (visibility, title) => {
    const a = await createArticle(ed, { title: `${title} ${w}`, body: `How to ${w} things.`, visibility, action: 'publish' });
    return a;
  };
  const pub = await mk('public', 'Public guide');
  const internal = await mk('internal', 'Staff notes');
  const team = await mk('internal', 'Network secrets');
  await sql(`INSERT INTO kb_article_groups (article_id, group_id) VALUES (${team.id}, ${await teamId('Network')})`);
  const draft = await createArticle(ed, { title: `Draft ${w}`, body: `Unpublished ${w}.` });
  const cid = await makeTopic();
  const id = ticketOf(await reportTo(rc, cid, { subject: `Link please ${tag}` }));
  const found = await waitFor(async () => {
    const r = await ac.get(`/tickets/${num(id)}?kbq=${w}`, { headers: { accept: 'application/json' } });
    return r.json().Kb && r.json().Kb.Hits && r.json().Kb.Hits.length >= 2 ? r.json().Kb : null;
  });
  assert.ok(found, 'the new articles are found');
  const hits = Object.fromEntries(found.Hits.map((h) => [Number(h.id), h]));
  assert.ok(hits[pub.id], 'public article listed');
  assert.ok(hits[internal.id], 'internal article listed for the agent');
  assert.ok(!hits[team.id], 'an article of another team is not');
  assert.ok(!hits[draft.id], 'a draft is not');
  assert.equal(hits[internal.id].hidden, '1', 'marked: the requester cannot open it');
  assert.equal(hits[pub.id].hidden, undefined);
  assert.match(hits[pub.id].insert, new RegExp(`^Public guide ${w}: https?://\\S+/kb/a/${pub.id}-${pub.slug}$`));
  // Without JavaScript: the list on the page, and an insert link that fills the box.
  let r = await ac.get(`/tickets/${num(id)}?kbq=${w}`);
  assert.ok(shows(r.text, `Public guide ${w}`) && !shows(r.text, `Network secrets ${w}`));
  const ins = links(r.text).find((l) => l.includes(`article=${pub.id}`));
  assert.ok(ins, 'an insert link');
  r = await ac.get(ins.replace(/#.*$/, ''));
  assert.equal(replyBox(r.text), hits[pub.id].insert);
  r = await ac.get(`/tickets/${num(id)}?article=${team.id}`);
  assert.equal(replyBox(r.text), '', 'an article the agent may not read is not inserted');
  // An admin sees every team's articles.
  r = await adm.get(`/tickets/${num(id)}?kbq=${w}`, { headers: { accept: 'application/json' } });
  assert.ok(r.json().Kb.Hits.some((h) => Number(h.id) === team.id));
  r = await ac.get(`/tickets/${num(id)}?kbq=${'q'.repeat(201)}`);
  assert.equal(r.status, 200);
  assert.ok(!r.text.includes('kb-insert'));
  r = await ac.get(`/tickets/${num(id)}?kbq=zzqx${rnd(6)}`);
  assert.ok(shows(r.text, en['tcfg.kb_none']));
});

test('phone: an agent opens a request for someone; they get the mail and see it', async () => {
  const caller = await createUser({ tag: 'caller', name: `Carla Caller ${tag}`, lang: 'es' });
  const cc = await signedIn(caller);
  const cid = await makeTopic();
  let r = await ac.get(`/tickets/new?who=${encodeURIComponent(`Carla Caller ${tag}`)}`);
  assert.equal(r.status, 200);
  const pick = links(r.text).find((l) => l === `/tickets/new?for=${caller.id}`);
  assert.ok(pick, 'the person is listed');
  r = await ac.get(`/tickets/new?who=${encodeURIComponent(caller.email)}`);
  assert.ok(links(r.text).includes(pick), 'found by e-mail too');
  r = await ac.get(pick);
  assert.ok(shows(r.text, `Carla Caller ${tag}`));
  assert.equal(input(form(r.text, '/tickets/new').html, 'for').value, String(caller.id));
  r = await postMultipart(ac, '/tickets/new', [['step', '1'], ['subject', `Phone ${tag}`], ['category', String(cid)],
    ['for', String(caller.id)]]);
  assert.equal(input(form(r.text, '/tickets/new').html, 'for').value, String(caller.id), 'kept at step 2');
  r = await reportTo(ac, cid, { subject: `Phone ${tag}`, body: 'She called: the screen is black.', extra: [['for', String(caller.id)]] });
  const id = ticketOf(r);
  const row = await ticketRow(id);
  assert.equal(row.requester_id, String(caller.id));
  assert.equal(await sqlValue(`SELECT channel FROM tickets WHERE id = ${id}`), 'phone');
  assert.equal(await sqlValue(`SELECT actor_id FROM ticket_events WHERE ticket_id = ${id} AND what = 'created'`),
    String(agent.id), 'the history says who opened it');
  r = await ac.get(`/tickets/${num(id)}`);
  assert.equal(details(r.text)[en['tickets.channel']], en['tickets.channel_names.phone']);
  // The caller sees it among their requests, and got the confirmation.
  r = await cc.get('/tickets/');
  assert.ok(shows(r.text, `Phone ${tag}`));
  r = await cc.get(`/tickets/${num(id)}`);
  assert.equal(r.status, 200);
  const m = await mailFor(sink, caller.email);
  assert.ok(m.subject.includes(es['mail.ticket.subject_new']), m.subject);
  assert.ok(m.subject.includes(num(id)));
  assert.equal(sink.to(agent.email).filter((x) => x.raw.includes(num(id))).length, 0, 'not to the agent');
  // A request for a topic of another team: the agent is told where it went.
  const net = await makeTopic({ group_id: String(await teamId('Network')) });
  r = await reportTo(ac, net, { subject: `Phone net ${tag}`, extra: [['for', String(caller.id)]] });
  assert.equal(r.status, 303);
  const loc = r.headers.get('location');
  assert.match(loc, /^\/tickets\/new\?opened=T-\d+$/);
  r = await ac.get(loc);
  assert.ok(shows(r.text, en['tcfg.opened']));
  // Someone who cannot be found, or a disabled account: refused, nothing created.
  const gone = await createUser({ tag: 'gone' });
  await sql(`UPDATE users SET active = 0 WHERE id = ${gone.id}`);
  const before = Number(await sqlValue('SELECT COUNT(*) FROM tickets'));
  for (const who of [String(gone.id), '999999999', 'abc']) {
    r = await reportTo(ac, cid, { extra: [['for', who]] });
    assert.equal(r.status, 422, `for=${who}`);
    assert.equal(byId(r.text, 'for-error'), en['tcfg.behalf_bad']);
  }
  assert.equal(Number(await sqlValue('SELECT COUNT(*) FROM tickets')), before);
  // A requester cannot open requests in someone else's name.
  r = await rc.get(`/tickets/new?for=${caller.id}&who=Carla`);
  assert.ok(!shows(r.text, `Carla Caller ${tag}`), 'no person search for requesters');
  const mineId = ticketOf(await reportTo(rc, cid, { subject: `Not for Carla ${tag}`, extra: [['for', String(caller.id)]] }));
  assert.equal((await ticketRow(mineId)).requester_id, String(requester.id));
  assert.equal(await sqlValue(`SELECT channel FROM tickets WHERE id = ${mineId}`), 'portal');
  await sendMail();
});

test('teams: members added and removed on the team page; support teams', async () => {
  const name = `Team ${tag}`;
  let r = await adm.post('/admin/groups', { name, description: 'Testers', support_form: '1', support: '1' });
  assert.equal(r.status, 303);
  const gid = await teamId(name);
  r = await adm.get('/admin/groups');
  assert.ok(links(r.text).includes(`/admin/groups/${gid}`), 'the list links to the team');
  r = await adm.get(`/admin/groups/${gid}`);
  assert.equal(r.status, 200);
  assert.ok(shows(r.text, en['tcfg.no_members']));
  r = await adm.post(`/admin/groups/${gid}/members`, { email: outsider.email });
  assert.equal(r.status, 303);
  r = await adm.get(`/admin/groups/${gid}`, { headers: { accept: 'application/json' } });
  assert.deepEqual(r.json().Members.map((m) => m.email), [outsider.email]);
  for (const [email, key] of [['nobody-' + rnd(6) + '@example.org', 'tcfg.no_such_user'], ['not-an-address', 'form.email'], ['', 'form.required']]) {
    r = await adm.post(`/admin/groups/${gid}/members`, { email });
    assert.equal(r.status, 422);
    assert.equal(byId(r.text, 'email-error'), en[key]);
  }
  // The new member now works the team's requests.
  const cid = await makeTopic({ group_id: String(gid) });
  const id = ticketOf(await reportTo(rc, cid, { subject: `Team ticket ${tag}` }));
  assert.equal((await oc.get(`/tickets/${num(id)}`)).status, 200, 'member sees the team\'s request');
  r = await adm.post(`/admin/groups/${gid}/members/${outsider.id}/remove`, {});
  assert.equal(r.status, 303);
  assert.equal((await oc.get(`/tickets/${num(id)}`)).status, 404, 'no longer after leaving');
  assert.equal((await adm.post(`/admin/groups/${gid}/members/abc/remove`, {})).status, 404);
  // No longer a support team: not offered for topics.
  r = await adm.post(`/admin/groups/${gid}`, { name, description: 'Testers', support_form: '1' });
  assert.equal(r.status, 303);
  assert.equal(await sqlValue(`SELECT support FROM \`groups\` WHERE id = ${gid}`), '0');
  r = await adm.get('/admin/groups');
  assert.ok(shows(r.text, `${name} ${en['tcfg.not_support']}`), 'the list says so');
  r = await adm.get('/admin/tickets/categories');
  assert.ok(!options(r.text, 'group_id').some((o) => o.value === String(gid)));
  const elsewhere = ticketOf(await reportTo(rc, await makeTopic(), { subject: `Elsewhere ${tag}` }));
  r = await adm.get(`/tickets/${num(elsewhere)}`);
  assert.ok(!options(r.text, 'team').some((o) => o.value === String(gid)), 'not offered to route requests');
  r = await adm.get(`/tickets/${num(id)}`);
  assert.equal(selected(r.text, 'team'), String(gid), 'a request already with it keeps showing it');
  r = await adm.post(`/admin/groups/${gid}`, { name: '', support: '1' });
  assert.equal(r.status, 422);
  assert.equal(byId(r.text, 'name-error'), en['form.required']);
  r = await adm.post(`/admin/groups/${gid}`, { name: 'Service Desk', support: '1' });
  assert.equal(r.status, 422, 'names are unique');
  const acts = (await sql(`SELECT action FROM audit_log WHERE actor_id = ${admin.id} AND action LIKE 'group.%'`)).map((x) => x[0]);
  for (const a of ['group.create', 'group.member_add', 'group.member_remove', 'group.update'])
    assert.ok(acts.includes(a), `audited: ${a}`);
  assert.equal((await adm.get('/admin/groups/999999999')).status, 404);
});

test('the admin home links to the ticket settings', async () => {
  const r = await adm.get('/admin/');
  assert.ok(links(mainOf(r.text)).includes('/admin/tickets/categories'));
  const s = await admEs.get('/admin/tickets/categories');
  assert.ok(shows(s.text, es['tcfg.categories']));
});
