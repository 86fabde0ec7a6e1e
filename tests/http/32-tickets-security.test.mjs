// 32-tickets-security.test.mjs - who may touch a ticket: other requesters get
// the same 404 as for a number that does not exist, requesters never reach
// the agents' update, every state change needs the form token, anonymous
// visitors are sent to sign in (JSON: 401), malformed uploads are refused,
// and hostile text is escaped wherever tickets are shown.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import {
  assertRedirect, assertSecurityHeaders, Client, createUser, mainOf, q, rnd, signedIn, sqlValue, T,
  textOf,
} from './lib.mjs';
import {
  createAgent, download, fileLinks, messages, multipart, postMultipart, queueRows, report, reportParts,
  ticketCount, ticketRow, topics,
} from './tickets-lib.mjs';

const en = T('en');
const tag = rnd(8);
let owner, stranger, agent, oc, sc, ac;
let open, solved, strangers, ownFile, strangerFile;

before(async () => {
  await topics();
  owner = await createUser({ tag: 'sown', lang: 'en' });
  stranger = await createUser({ tag: 'sstr', lang: 'en' });
  agent = await createAgent({ tag: 'sagent', teams: ['Service Desk', 'Workplace'] });
  oc = await signedIn(owner);
  sc = await signedIn(stranger);
  ac = await signedIn(agent);
  open = await report(oc, { subject: `Owner open ${tag}`, body: `Private words ${tag}`,
    files: [{ filename: 'owner.txt', data: `owner file ${tag}` }] });
  solved = await report(oc, { subject: `Owner solved ${tag}` });
  assert.equal((await oc.post(`${solved.path}/solved`, {})).status, 303);
  strangers = await report(sc, { subject: `Stranger own ${tag}`, files: [{ filename: 's.txt', data: `stranger file ${tag}` }] });
  ownFile = fileLinks((await oc.get(open.path)).text)[0].href;
  strangerFile = fileLinks((await sc.get(strangers.path)).text)[0].href;
});

/** Everything about a ticket that could change, to compare before and after. */
async function state(t) {
  return {
    row: await ticketRow(t.id),
    messages: await sqlValue(`SELECT COUNT(*) FROM ticket_messages WHERE ticket_id = ${t.id}`),
    files: await sqlValue(`SELECT COUNT(*) FROM ticket_files WHERE ticket_id = ${t.id}`),
    events: await sqlValue(`SELECT COUNT(*) FROM ticket_events WHERE ticket_id = ${t.id}`),
  };
}

test("someone else's ticket answers exactly like a ticket that does not exist", async () => {
  const before = { open: await state(open), solved: await state(solved) };
  const fileId = ownFile.split('/').pop();
  // What a missing ticket looks like.
  const missing = {};
  for (const n of ['T-999999', 'T-abc', 'T-', '999999', 'T-0', `T-${'9'.repeat(13)}`]) {
    const r = await sc.get(`/tickets/${n}`);
    assert.equal(r.status, 404, `GET /tickets/${n}`);
    missing.page = textOf(mainOf(r.text));
  }
  const mj = await sc.get('/api/v1/tickets/T-999999');
  assert.equal(mj.status, 404);
  assert.equal((await sc.get('/api/v1/tickets/T-abc')).status, 404);
  missing.json = mj.json();
  assert.equal(missing.json.Status, '404');

  const id = open.id;
  for (const path of [open.path, `/tickets/${id}`, `/tickets/t-${String(id).padStart(6, '0')}`, `/tickets/T-${id}`]) {
    const r = await sc.get(path);
    assert.equal(r.status, 404, `GET ${path}`);
    assert.equal(textOf(mainOf(r.text)), missing.page, `${path}: the same page as a missing ticket`);
    assert.ok(!r.text.includes(`Owner open ${tag}`) && !r.text.includes(`Private words ${tag}`), `${path}: nothing leaks`);
  }
  let r = await sc.get(`/api/v1/tickets/${open.number}`);
  assert.equal(r.status, 404, 'JSON');
  assert.deepEqual(r.json(), missing.json, 'JSON: the same answer as a missing ticket');
  r = await sc.get(ownFile);
  assert.equal(r.status, 404, 'file');
  assert.ok(!r.text.includes(`owner file ${tag}`));
  assert.equal((await sc.get(`/tickets/T-999999/files/${fileId}`)).status, 404, 'file under a missing ticket');
  // A file of another ticket through one's own ticket number.
  r = await oc.get(`${open.path}/files/${strangerFile.split('/').pop()}`);
  assert.equal(r.status, 404, "the stranger's file through the owner's own ticket");
  assert.ok(!r.text.includes(`stranger file ${tag}`));
  for (const bad of ['0', '-1', 'abc', '1x', `${fileId}.txt`])
    assert.equal((await oc.get(`${open.path}/files/${bad}`)).status, 404, `file id ${bad}`);

  // Every action: 404 for the stranger, and for missing numbers.
  const actions = [
    ['reply', { body: `Stranger reply ${tag}` }],
    ['solved', {}],
    ['reopen', { body: `Stranger reopen ${tag}` }],
    ['reopen', {}],
    ['rate', { rating: '1', comment: `Stranger rating ${tag}` }],
  ];
  for (const [what, fields] of actions) {
    for (const t of [open, solved]) {
      r = await sc.post(`${t.path}/${what}`, fields);
      assert.equal(r.status, 404, `${what} on ${t.number}`);
      assert.equal(textOf(mainOf(r.text)), missing.page, `${what}: the same page as a missing ticket`);
    }
    r = await sc.post(`/tickets/T-999999/${what}`, fields);
    assert.equal(r.status, 404, `${what} on T-999999`);
    r = await sc.post(`/tickets/T-abc/${what}`, fields);
    assert.equal(r.status, 404, `${what} on T-abc`);
  }
  r = await postMultipart(sc, `${open.path}/reply`, [['body', `Stranger upload ${tag}`],
    ['files', { filename: 'x.txt', data: 'x' }]]);
  assert.equal(r.status, 404, 'multipart reply');
  assert.deepEqual({ open: await state(open), solved: await state(solved) }, before, 'nothing changed');
  assert.equal(await sqlValue(`SELECT COUNT(*) FROM ticket_messages WHERE body LIKE ${q(`Stranger%${tag}`)}`), '0');
  // Their own list does not show it.
  r = await sc.get(`/tickets/?state=all&q=${encodeURIComponent(`Owner open ${tag}`)}`);
  assert.ok(!r.text.includes(open.number));
  r = await sc.get('/api/v1/tickets?state=all');
  assert.deepEqual(r.json().Tickets.map((t) => t.number), [strangers.number], 'JSON list: only their own');
});

test('an agent of other teams gets the same 404; the owner who is not staff cannot update', async () => {
  const before = await state(open);
  // Requesters: the agents' endpoints are forbidden (403), even for their own ticket.
  let r = await oc.post(`${open.path}/update`, { status: 'closed', priority: '1', team: '0', assignee: '0' });
  assert.equal(r.status, 403, 'update by the requester');
  assert.ok(r.text.includes(T('en')['error.forbidden'].slice(0, 20).replace(/'/g, '&#39;')), 'friendly message');
  r = await sc.post(`${open.path}/update`, { status: 'closed', priority: '1', team: '0', assignee: '0' });
  assert.equal(r.status, 403, 'update by another requester');
  r = await oc.get('/tickets/queue');
  assert.equal(r.status, 403, 'queue');
  r = await oc.request(`${open.path}/update`, { method: 'GET' });
  assert.ok([404, 405].includes(r.status), `GET on update: ${r.status}`);
  assert.deepEqual(await state(open), before, 'nothing changed');
  // Only the requester confirms, reopens or rates: an agent who sees the ticket cannot.
  const sb = await state(solved);
  for (const [what, fields] of [['reopen', { body: `Agent reopen ${tag}` }], ['rate', { rating: '5' }]]) {
    r = await ac.post(`${solved.path}/${what}`, fields);
    assert.equal(r.status, 404, `${what} by an agent`);
  }
  r = await ac.post(`${open.path}/solved`, {});
  assert.equal(r.status, 404, 'solved by an agent');
  assert.deepEqual(await state(solved), sb);
  assert.deepEqual(await state(open), before);
});

test('every POST without the right form token is refused with 403 and changes nothing', async () => {
  const before = { open: await state(open), solved: await state(solved), count: await ticketCount() };
  const otherToken = await sc.csrf();
  assert.notEqual(otherToken, await oc.csrf(), 'two sessions, two tokens');
  for (const token of [false, 'f'.repeat(64), otherToken, '']) {
    const what = token === false ? 'no token' : token === '' ? 'empty token' : token === otherToken ? "another session's token" : 'made-up token';
    let r = await postMultipart(oc, '/tickets/new', await reportParts({ subject: `No token ${tag}` }), { csrf: token });
    assert.equal(r.status, 403, `new ticket, ${what}`);
    r = await postMultipart(oc, '/tickets/new', await reportParts({ subject: `No token ${tag}`, step: 1 }), { csrf: token });
    assert.equal(r.status, 403, `step 1, ${what}`);
    r = await postMultipart(oc, `${open.path}/reply`, [['body', `No token ${tag}`]], { csrf: token });
    assert.equal(r.status, 403, `reply (multipart), ${what}`);
    for (const [path, fields] of [[`${open.path}/reply`, { body: `No token ${tag}` }], [`${open.path}/solved`, {}],
      [`${solved.path}/reopen`, { body: `No token ${tag}` }], [`${solved.path}/reopen`, {}],
      [`${solved.path}/rate`, { rating: '3' }]]) {
      r = await oc.post(path, fields, { csrf: token });
      assert.equal(r.status, 403, `${path}, ${what}`);
      assert.ok(r.text.includes(en['error.csrf'].slice(0, 20)), 'says the form expired');
      assertSecurityHeaders(r.headers, `${path} 403`);
    }
    r = await ac.post(`${open.path}/update`, { status: 'closed', priority: '1', team: '0', assignee: '0' }, { csrf: token });
    assert.equal(r.status, 403, `agent update, ${what}`);
    r = await ac.post(`${open.path}/reply`, { kind: 'internal', body: `No token ${tag}` }, { csrf: token });
    assert.equal(r.status, 403, `agent note, ${what}`);
  }
  assert.deepEqual({ open: await state(open), solved: await state(solved), count: await ticketCount() }, before,
    'nothing changed');
  assert.equal(await sqlValue(`SELECT COUNT(*) FROM ticket_messages WHERE body = ${q(`No token ${tag}`)}`), '0');
});

test('anonymous visitors are sent to sign in; JSON clients get 401', async () => {
  const anon = new Client();
  for (const p of ['/tickets/', '/tickets/new', open.path, '/tickets/queue', ownFile, '/tickets/T-999999']) {
    const r = await anon.get(p);
    assertRedirect(r, `/login?next=${encodeURIComponent(p).replace(/%2F/g, '/')}`, p);
    assert.ok(!r.text.includes(`Owner open ${tag}`));
  }
  for (const p of ['/api/v1/tickets', `/api/v1/tickets/${open.number}`, '/api/v1/tickets/T-999999']) {
    const r = await anon.get(p);
    assert.equal(r.status, 401, p);
    assert.match(r.headers.get('content-type'), /^application\/json/, p);
    assert.equal(r.json().Status, '401');
    assert.equal(r.json().Message, en['error.login_needed']);
    assert.ok(!r.text.includes(tag));
  }
  const count = await ticketCount();
  const before = await state(open);
  await anon.get('/login');
  let r = await postMultipart(anon, '/tickets/new', await reportParts({ subject: `Anonymous ${tag}` }));
  assert.ok(r.status === 303 || r.status === 401 || r.status === 403, `anonymous report: ${r.status}`);
  if (r.status === 303) assert.equal(new URL(r.headers.get('location'), 'http://x/').pathname, '/login');
  r = await anon.post(`${open.path}/reply`, { body: `Anonymous ${tag}` });
  assert.ok(r.status === 303 || r.status === 401 || r.status === 403, `anonymous reply: ${r.status}`);
  assert.equal(await ticketCount(), count, 'nothing created');
  assert.deepEqual(await state(open), before, 'nothing changed');
});

test('malformed multipart bodies are refused with 400 and create nothing', async () => {
  const count = await ticketCount();
  const before = await state(open);
  const token = await oc.csrf();
  const good = multipart([['csrf', token], ...await reportParts({ subject: `Malformed ${tag}` })], 'XyZbound');
  const bodyStr = good.body.toString('latin1');
  const send = (path, ct, body) => oc.request(path, { method: 'POST', headers: { 'content-type': ct }, body });
  const cases = [
    ['no boundary parameter', 'multipart/form-data', good.body],
    ['wrong boundary', 'multipart/form-data; boundary=Other', good.body],
    ['no closing delimiter', good.type, Buffer.from(bodyStr.replace(/--XyZbound--\r\n$/, ''), 'latin1')],
    ['bare LF line ends', good.type, Buffer.from(bodyStr.replace(/\r\n/g, '\n'), 'latin1')],
    ['part without Content-Disposition', good.type,
      Buffer.from(bodyStr.replace(/Content-Disposition: form-data; name="subject"\r\n/, 'X-Nothing: 1\r\n'), 'latin1')],
    ['two boundary parameters', `${good.type}; boundary=Again`, good.body],
    ['garbage', good.type, Buffer.from('this is not multipart at all')],
    ['file name not UTF-8', good.type, Buffer.from(bodyStr.replace('--XyZbound--',
      '--XyZbound\r\nContent-Disposition: form-data; name="files"; filename="\xff\xfe.txt"\r\n\r\nhello\r\n--XyZbound--'), 'latin1')],
  ];
  for (const [what, ct, body] of cases) {
    const r = await send('/tickets/new', ct, body);
    assert.equal(r.status, 400, `new ticket: ${what}`);
    assertSecurityHeaders(r.headers, what);
  }
  let r = await send(`${open.path}/reply`, 'multipart/form-data', Buffer.from(`--a\r\nContent-Disposition: form-data; name="body"\r\n\r\nx\r\n`));
  assert.equal(r.status, 400, 'reply without boundary');
  // The well-formed one works (the cases above really were the only problem).
  r = await send('/tickets/new', good.type, good.body);
  assert.equal(r.status, 303, 'the same body, well formed');
  assert.equal(await ticketCount(), count + 1, 'only the well-formed one was created');
  assert.deepEqual(await state(open), before);
});

test('hostile text is shown escaped on the ticket page, in My requests and in the queue', async () => {
  const x = (n) => `<script>alert("${n}-${tag}")</script>`;
  const subject = `Evil ${x('subj')} "quoted" 'single' & more`;
  const body = `Line <img src=x onerror=alert(1)> ${x('body')}\n<b>bold</b>`;
  const asset = `"><svg onload=alert(2)>${x('field')}`;
  const fname = `<img src=x onerror=alert(3)>${tag}.txt`;
  const t = await report(oc, { subject, body, topic: 'hardware',
    fields: { 'Which device?': 'Other', 'Asset tag (sticker on the device)': asset },
    files: [{ filename: fname, data: 'evil name' }] });
  await oc.post(`${t.path}/reply`, { body: `Reply ${x('reply')}` });
  await ac.post(`${t.path}/reply`, { kind: 'internal', body: `Note ${x('note')}` });
  const raws = ['<script>alert(', '<img src=x', '<svg onload', '<b>bold</b>'];
  const check = (page, where, expected) => {
    for (const bad of raws) assert.ok(!page.includes(bad), `${where}: no raw "${bad}"`);
    for (const e of expected) assert.ok(page.includes(e), `${where}: shows ${e}`);
  };
  const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  let r = await oc.get(t.path);
  assert.equal(r.status, 200);
  check(r.text, 'ticket page (owner)', [esc(`<script>alert("subj-${tag}")</script>`), esc('<img src=x onerror=alert(1)>'),
    esc(`<script>alert("reply-${tag}")</script>`), esc('"><svg onload=alert(2)>'), esc(`<img src=x onerror=alert(3)>${tag}.txt`)]);
  assert.ok(textOf(/<title>([\s\S]*?)<\/title>/.exec(r.text)[1]).includes(subject), 'title: the subject as text');
  assert.ok(messages(r.text).some((m) => m.text.includes(`Line <img src=x onerror=alert(1)> <script>alert("body-${tag}")</script>`)),
    'the body reads as typed');
  assert.ok(fileLinks(r.text).some((f) => f.name === fname), 'file name reads as typed');
  r = await ac.get(t.path);
  check(r.text, 'ticket page (agent)', [esc(`<script>alert("note-${tag}")</script>`), esc('"><svg onload=alert(2)>')]);
  r = await oc.get(`/tickets/?q=${encodeURIComponent('Evil')}`);
  check(r.text, 'My requests', [esc(`<script>alert("subj-${tag}")</script>`)]);
  r = await ac.get(`/tickets/queue?q=${encodeURIComponent(`subj-${tag}`)}`);
  assert.deepEqual(queueRows(r.text).map((x) => x.number), [t.number], 'queue search with hostile text');
  check(r.text, 'queue', [esc(`<script>alert("subj-${tag}")</script>`)]);
  assert.ok(r.text.includes(`value="subj-${tag}"`), 'query kept in the field');
  r = await ac.get(`/tickets/queue?q=${encodeURIComponent(`"><script>alert(9)</script>`)}`);
  assert.equal(r.status, 200);
  assert.ok(!r.text.includes('<script>alert(9)'), 'queue search field escaped');
  r = await oc.get(`/tickets/?q=${encodeURIComponent(`"><script>alert(8)</script>`)}`);
  assert.ok(!r.text.includes('<script>alert(8)'), 'my-requests search field escaped');
  // JSON carries the text as data, as JSON.
  r = await oc.get(`/api/v1/tickets/${t.number}`);
  assert.match(r.headers.get('content-type'), /^application\/json/);
  assert.equal(r.json().T.subject, subject);
  assert.equal(r.headers.get('x-content-type-options'), 'nosniff', 'JSON is never sniffed as a page');
  // The stored file name lost nothing but the path; the download names it safely.
  const f = fileLinks((await oc.get(t.path)).text).find((x) => x.name === fname);
  const d = await download(oc, f.href);
  assert.equal(d.status, 200);
  assert.doesNotMatch(d.headers.get('content-disposition'), /[<>\r\n]/, 'no raw name in the header');
  assert.match(d.headers.get('content-disposition'), /filename\*=UTF-8''%3Cimg%20src%3Dx%20onerror%3Dalert%283%29%3E/);
  // The confirmation mail escapes the subject in its HTML part.
  const html = await sqlValue(`SELECT LOCATE(${q('&lt;script&gt;')}, body_html) > 0 AND LOCATE(${q('<script>')}, body_html) = 0` +
    ` FROM outbox WHERE to_addr = ${q(owner.email)} AND subject LIKE ${q(`[${t.number}]%`)}`);
  assert.equal(html, '1', 'mail HTML escapes the subject');
});
