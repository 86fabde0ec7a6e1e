// 31-tickets-agent.test.mjs - the agents' side of tickets: the work queue by
// team with its filters and sorting, what an admin sees, updates and their
// history, assignment checks, public replies and internal notes, and the
// mails the requester gets (and does not get).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  BASE, createUser, form, input, linkIn, mainOf, parseMail, q, rnd, selected, sendMail, shows, signedIn,
  sql, sqlValue, startSmtpSink, T, tags, textOf,
} from './lib.mjs';
import {
  details, download, fileLinks, history, insertTicket, messages, postMultipart, queueRows, report,
  statusShown, teamId, ticketRow, topics, createAgent,
} from './tickets-lib.mjs';

const en = T('en');
const tag = rnd(8);
let requester, agent, other, admin, plain, rc, ac, adm, sink;
let tDesk, tWork, tNet, workFile;

before(async () => {
  await topics();
  requester = await createUser({ tag: 'areq', lang: 'en' });
  agent = await createAgent({ tag: 'adesk', teams: ['Service Desk'], name: `Desk Agent ${tag}` });
  other = await createAgent({ tag: 'awork', teams: ['Workplace'], name: `Work Agent ${tag}` });
  admin = await createUser({ tag: 'aadm', roles: 'requester,admin', name: `Admin ${tag}` });
  plain = await createUser({ tag: 'aplain', name: `Plain ${tag}` });
  rc = await signedIn(requester);
  ac = await signedIn(agent);
  adm = await signedIn(admin);
  sink = await startSmtpSink();
  tDesk = await report(rc, { subject: `Desk question ${tag}`, topic: 'question' });
  tWork = await report(rc, { subject: `Laptop broken ${tag}`, topic: 'hardware',
    fields: { 'Which device?': 'Laptop' }, files: [{ filename: 'work.txt', data: `work ${tag}` }] });
  tNet = await report(rc, { subject: `No wifi ${tag}`, topic: 'network', fields: { 'Where are you?': 'Office' } });
  workFile = fileLinks((await rc.get(tWork.path)).text)[0].href;
});

after(async () => {
  if (sink) await sink.close();
});

const numbers = (page) => queueRows(page).map((r) => r.number);

test('the queue shows the tickets of the agent\'s teams only', async () => {
  let r = await ac.get(`/tickets/queue?q=${encodeURIComponent(tag)}&status=all`);
  assert.equal(r.status, 200);
  assert.equal(textOf(mainOf(r.text).match(/<h1>[\s\S]*?<\/h1>/)[0]), en['tickets.queue']);
  assert.ok(numbers(r.text).includes(tDesk.number), 'the Service Desk ticket');
  assert.ok(!numbers(r.text).includes(tWork.number), 'not the Workplace one');
  assert.ok(!numbers(r.text).includes(tNet.number), 'not the Network one');
  const row = queueRows(r.text).find((x) => x.number === tDesk.number);
  assert.equal(row.subject, `Desk question ${tag}`);
  assert.equal(row.status, en['tickets.status.new']);
  assert.equal(row.priority, en['tickets.prio.4']);
  assert.equal(row.requester, requester.name);
  r = await ac.get(`/tickets/queue?q=${tWork.number}`);
  assert.deepEqual(numbers(r.text), [], 'not even by its number');
  r = await ac.get(`/tickets/queue?q=${tDesk.number}`);
  assert.deepEqual(numbers(r.text), [tDesk.number], 'search by number');

  // A Workplace ticket is out of reach for a Service Desk agent, in every way.
  const notFound = await ac.get('/tickets/T-999999');
  assert.equal(notFound.status, 404);
  r = await ac.get(tWork.path);
  assert.equal(r.status, 404, 'page');
  assert.equal(textOf(mainOf(r.text)), textOf(mainOf(notFound.text)), 'the same answer as a missing ticket');
  assert.ok(!r.text.includes(`Laptop broken ${tag}`));
  r = await ac.get(`/api/v1/tickets/${tWork.number}`);
  assert.equal(r.status, 404, 'JSON');
  assert.equal(r.json().Status, '404');
  r = await ac.get(workFile);
  assert.equal(r.status, 404, 'file');
  assert.ok(!r.text.includes(`work ${tag}`));
  r = await ac.post(`${tWork.path}/reply`, { body: `Sneaky ${tag}`, kind: 'internal' });
  assert.equal(r.status, 404, 'reply');
  r = await ac.post(`${tWork.path}/update`, { status: 'closed', priority: '1', team: String(await teamId('Service Desk')),
    assignee: String(agent.id) });
  assert.equal(r.status, 404, 'update');
  const row2 = await ticketRow(tWork.id);
  assert.deepEqual([row2.status, row2.priority, row2.assignee_id], ['new', '4', null], 'nothing changed');
  assert.equal(await sqlValue(`SELECT COUNT(*) FROM ticket_messages WHERE ticket_id = ${tWork.id}`), '1');

  // Its own team's ticket: page, JSON, file links.
  r = await ac.get(tDesk.path);
  assert.equal(r.status, 200);
  assert.ok(form(r.text, `${tDesk.path}/update`), 'agent tools');
  r = await ac.get(`/api/v1/tickets/${tDesk.number}`);
  assert.equal(r.status, 200);
  assert.equal(r.json().T.requester_email, requester.email, 'staff see the e-mail address');

  // Requesters do not get the queue.
  r = await rc.get('/tickets/queue');
  assert.equal(r.status, 403, 'requesters: no queue');
  assert.ok(!r.text.includes(`action="${tDesk.path}/update"`));
});

test('an admin sees every team\'s tickets, pages and files', async () => {
  let r = await adm.get(`/tickets/queue?q=${encodeURIComponent(tag)}&status=all`);
  assert.equal(r.status, 200);
  for (const t of [tDesk, tWork, tNet]) assert.ok(numbers(r.text).includes(t.number), `${t.number} in the queue`);
  for (const t of [tDesk, tWork, tNet]) {
    r = await adm.get(t.path);
    assert.equal(r.status, 200, t.number);
  }
  const d = await download(adm, workFile);
  assert.equal(d.status, 200);
  assert.equal(d.body.toString(), `work ${tag}`);
});

test('queue filters: status, whose, priority; sorting', async () => {
  const t2 = rnd(6);
  const desk = 'question';
  const mk = (n, o) => insertTicket({ requester, topic: desk, subject: `Filter ${t2} ${n}`, ...o });
  const x1 = await mk('x1', { status: 'new', priority: 2, createdAgo: 180, updatedAgo: 60 });
  const x2 = await mk('x2', { status: 'open', priority: 1, assignee: agent, createdAgo: 120, updatedAgo: 180 });
  const x3 = await mk('x3', { status: 'pending', priority: 4, assignee: other, createdAgo: 60, updatedAgo: 120 });
  const x4 = await mk('x4', { status: 'resolved', priority: 3, createdAgo: 240, updatedAgo: 240 });
  const x5 = await mk('x5', { status: 'closed', priority: 3, assignee: agent, createdAgo: 300, updatedAgo: 300 });
  const x6 = await insertTicket({ requester, topic: 'hardware', subject: `Filter ${t2} x6`, assignee: agent,
    status: 'open', priority: 2, createdAgo: 30, updatedAgo: 30 });
  const queue = async (qs) => {
    const r = await ac.get(`/tickets/queue?q=${encodeURIComponent(`Filter ${t2}`)}${qs}`);
    assert.equal(r.status, 200, qs);
    return r;
  };
  const N = (...ts) => ts.map((t) => t.number);
  let r = await queue('');
  assert.deepEqual(numbers(r.text), N(x2, x6, x1, x3),
    'still to do, by priority then last update (a Workplace ticket assigned to me too)');
  assert.equal(selected(r.text, 'status'), undefined, '"Still to do" is the first option');
  r = await queue('&status=all');
  assert.deepEqual(numbers(r.text).sort(), N(x1, x2, x3, x4, x5, x6).sort(), 'all');
  for (const [s, t] of [['new', x1], ['open', x2], ['pending', x3], ['resolved', x4], ['closed', x5]]) {
    r = await queue(`&status=${s}`);
    assert.deepEqual(numbers(r.text), s === 'open' ? N(x2, x6) : N(t), `status ${s}`);
    assert.equal(selected(r.text, 'status'), s, `status ${s} selected in the form`);
  }
  r = await queue('&who=mine');
  assert.deepEqual(numbers(r.text), N(x2, x6), 'assigned to me, still to do');
  assert.equal(selected(r.text, 'who'), 'mine');
  r = await queue('&who=mine&status=all');
  assert.deepEqual(numbers(r.text).sort(), N(x2, x5, x6).sort(), 'assigned to me, all');
  r = await queue('&who=unassigned');
  assert.deepEqual(numbers(r.text), N(x1), 'not assigned, still to do');
  r = await queue('&who=unassigned&status=all');
  assert.deepEqual(numbers(r.text).sort(), N(x1, x4).sort(), 'not assigned, all');
  r = await queue('&priority=1');
  assert.deepEqual(numbers(r.text), N(x2), 'critical only');
  assert.equal(selected(r.text, 'priority'), '1');
  r = await queue('&priority=4&status=all');
  assert.deepEqual(numbers(r.text), N(x3), 'low only');
  r = await queue('&sort=updated');
  assert.deepEqual(numbers(r.text), N(x6, x1, x3, x2), 'last update first');
  assert.equal(selected(r.text, 'sort'), 'updated');
  r = await queue('&sort=created&status=all');
  assert.deepEqual(numbers(r.text), N(x6, x3, x2, x1, x4, x5), 'newest first');
  const row = queueRows((await queue('&status=open')).text).find((x) => x.number === x2.number);
  assert.equal(row.assignee, agent.name, 'assignee shown');
  assert.equal(row.priority, en['tickets.prio.1']);
  for (const bad of ['status=bogus', 'who=everyone', 'sort=subject', 'priority=9', 'priority=x']) {
    r = await ac.get(`/tickets/queue?${bad}`);
    assert.equal(r.status, 400, bad);
  }
  // The admin sees the Workplace one too, even unassigned to them.
  r = await adm.get(`/tickets/queue?q=${encodeURIComponent(`Filter ${t2}`)}&status=all`);
  assert.equal(numbers(r.text).length, 6);
});

test('updates of status, priority, team and assignee are recorded in the history', async () => {
  const t = await report(rc, { subject: `Update me ${tag}`, topic: 'access' });
  const desk = await teamId('Service Desk');
  let r = await ac.get(t.path);
  const f = form(r.text, `${t.path}/update`);
  assert.equal(selected(f.html, 'status'), 'new');
  assert.equal(selected(f.html, 'priority'), '4');
  assert.equal(selected(f.html, 'team'), String(desk));
  assert.ok([undefined, '0'].includes(selected(f.html, 'assignee')), 'nobody assigned');
  assert.ok(tags(f.html, 'option').some((o) => o.value === String(other.id)), 'agents offered');
  assert.ok(!tags(f.html, 'option').some((o) => o.value === String(plain.id)), 'a requester is not offered');
  r = await ac.post(`${t.path}/update`, { status: 'pending', priority: '2', team: String(desk), assignee: String(agent.id) });
  assert.equal(r.status, 303);
  assert.equal(r.headers.get('location').replace(/^https?:\/\/[^/]+/, ''), t.path);
  let row = await ticketRow(t.id);
  assert.deepEqual([row.status, row.priority, row.assignee_id, row.group_id], ['pending', '2', String(agent.id), String(desk)]);
  const events = await sql(`SELECT what, old_value, new_value, actor_id FROM ticket_events WHERE ticket_id = ${t.id} ORDER BY id`);
  assert.deepEqual(events, [
    ['created', '', 'new', String(requester.id)],
    ['status', 'new', 'pending', String(agent.id)],
    ['priority', '4', '2', String(agent.id)],
    ['assignee', '0', String(agent.id), String(agent.id)],
  ], 'one event per change, none for the unchanged team');
  r = await ac.get(t.path);
  const h = history(r.text);
  assert.ok(h.some((x) => x.includes(`${en['tickets.event.status']}: ${en['tickets.status.pending']} (${agent.name})`)), h.join(' | '));
  assert.ok(h.some((x) => x.includes(`${en['tickets.event.priority']}: ${en['tickets.prio.2']}`)));
  assert.ok(h.some((x) => x.includes(en['tickets.event.assignee'])));
  assert.equal(details(r.text)[en['tickets.assignee']], agent.name);
  // The requester sees the status change, not the internals.
  r = await rc.get(t.path);
  const rh = history(r.text);
  assert.ok(rh.some((x) => x.includes(`${en['tickets.event.status']}: ${en['tickets.status.pending']}`)), 'status change shown');
  assert.ok(!rh.some((x) => x.includes(en['tickets.event.priority']) || x.includes(en['tickets.event.assignee'])),
    'no priority or assignment events for the requester');
  assert.equal(statusShown(r.text), 'pending');
  assert.ok(!r.text.includes(`action="${t.path}/update"`), 'no agent tools for the requester');
  // A requester writing to a "waiting for you" ticket puts it back to work.
  r = await rc.post(`${t.path}/reply`, { body: `Here you are ${tag}` });
  assert.equal(r.status, 303);
  assert.equal((await ticketRow(t.id)).status, 'open');

  // Move to another team: an event, and it leaves this agent's reach (not assigned to them).
  await ac.post(`${t.path}/update`, { status: 'open', priority: '2', team: String(desk), assignee: '0' });
  const work = await teamId('Workplace');
  r = await ac.post(`${t.path}/update`, { status: 'open', priority: '2', team: String(work), assignee: '0' });
  assert.equal(r.status, 303);
  row = await ticketRow(t.id);
  assert.equal(row.group_id, String(work));
  assert.equal(row.assignee_id, null);
  assert.deepEqual(await sql(`SELECT old_value, new_value FROM ticket_events WHERE ticket_id = ${t.id} AND what = 'team'`),
    [[String(desk), String(work)]]);
  assert.equal((await ac.get(t.path)).status, 404, 'gone from the Service Desk agent');
  assert.ok(!numbers((await ac.get(`/tickets/queue?q=${t.number}`)).text).includes(t.number), 'and from their queue');
  assert.equal((await adm.get(t.path)).status, 200, 'the admin still sees it');
});

test('refused updates: a non-agent assignee, unknown people, bad status or priority → 422, nothing changes', async () => {
  const t = await report(rc, { subject: `Refuse update ${tag}` });
  const desk = String(await teamId('Service Desk'));
  const before = await ticketRow(t.id);
  const events = await sqlValue(`SELECT COUNT(*) FROM ticket_events WHERE ticket_id = ${t.id}`);
  const inactive = await createAgent({ tag: 'ainact', teams: ['Service Desk'] });
  await sql(`UPDATE users SET active = 0 WHERE id = ${inactive.id}`);
  const cases = [
    ['requester as assignee', { status: 'open', priority: '2', team: desk, assignee: String(plain.id) }],
    ['unknown assignee', { status: 'open', priority: '2', team: desk, assignee: '99999999' }],
    ['inactive agent', { status: 'open', priority: '2', team: desk, assignee: String(inactive.id) }],
    ['unknown status', { status: 'done', priority: '2', team: desk, assignee: '0' }],
    ['no status', { priority: '2', team: desk, assignee: '0' }],
    ['priority 5', { status: 'open', priority: '5', team: desk, assignee: '0' }],
    ['priority 0', { status: 'open', priority: '0', team: desk, assignee: '0' }],
  ];
  for (const [what, fields] of cases) {
    const r = await ac.post(`${t.path}/update`, fields);
    assert.equal(r.status, 422, what);
    assert.ok(shows(r.text, en['form.errors']), `${what}: says something is wrong`);
    assert.equal(r.text.includes(`action="${t.path}/update"`), true, `${what}: the ticket page again`);
    assert.deepEqual(await ticketRow(t.id), before, `${what}: ticket unchanged`);
  }
  assert.equal(await sqlValue(`SELECT COUNT(*) FROM ticket_events WHERE ticket_id = ${t.id}`), events, 'no events');
});

test('the first public reply moves "new" to "open"; internal notes stay with the staff', async () => {
  const t = await report(rc, { subject: `Notes ${tag}` });
  let r = await ac.get(t.path);
  const rf = form(r.text, `${t.path}/reply`);
  assert.deepEqual(tags(rf.html, 'input').filter((i) => i.name === 'kind').map((i) => i.value), ['public', 'internal'],
    'staff choose public or internal');
  assert.ok(!(await rc.get(t.path)).text.includes('name="kind"'), 'requesters have no such choice');
  const secret = `Secret note ${tag}`;
  r = await postMultipart(ac, `${t.path}/reply`, [['kind', 'internal'], ['body', secret],
    ['files', { filename: `internal-${tag}.txt`, data: `internal file ${tag}` }]]);
  assert.equal(r.status, 303);
  let row = await ticketRow(t.id);
  assert.equal(row.status, 'new', 'an internal note is not an answer');
  assert.equal(row.first_response_at, null);
  const fileId = await sqlValue(`SELECT id FROM ticket_files WHERE ticket_id = ${t.id} AND filename = ${q(`internal-${tag}.txt`)}`);
  assert.ok(fileId, 'internal file stored');
  const filePath = `${t.path}/files/${fileId}`;

  // Staff: the note, marked, with its file.
  r = await ac.get(t.path);
  const note = messages(r.text).find((m) => m.text.includes(secret));
  assert.ok(note, 'staff see the note');
  assert.equal(note.kind, 'internal');
  assert.ok(note.text.includes(en['tickets.internal']), 'marked as internal');
  assert.ok(fileLinks(r.text).some((f) => f.href === filePath));
  assert.equal((await download(ac, filePath)).status, 200, 'staff download it');
  // Requester: nowhere.
  r = await rc.get(t.path);
  assert.ok(!r.text.includes(secret), 'not on the page');
  assert.ok(!r.text.includes(`internal-${tag}`), 'file name not on the page');
  assert.equal(messages(r.text).length, 1);
  r = await rc.get(`/api/v1/tickets/${t.number}`);
  assert.ok(!r.text.includes(secret), 'not in JSON');
  assert.ok(!r.text.includes(`internal-${tag}`), 'file not in JSON');
  assert.deepEqual(r.json().Messages.map((m) => m.kind), ['public']);
  const d = await download(rc, filePath);
  assert.equal(d.status, 404, 'internal file: 404 for the requester');
  assert.ok(!d.body.toString().includes(`internal file ${tag}`));

  // First public reply: new → open, first response time, one status event.
  r = await ac.post(`${t.path}/reply`, { kind: 'public', body: `Public answer ${tag}` });
  assert.equal(r.status, 303);
  row = await ticketRow(t.id);
  assert.equal(row.status, 'open');
  assert.ok(row.first_response_at, 'first response time recorded');
  const first = row.first_response_at;
  r = await ac.post(`${t.path}/reply`, { body: `Second answer ${tag}` });
  assert.equal(r.status, 303, 'kind defaults to public');
  row = await ticketRow(t.id);
  assert.equal(row.first_response_at, first, 'the first response time stays');
  assert.deepEqual(await sql(`SELECT old_value, new_value FROM ticket_events WHERE ticket_id = ${t.id} AND what = 'status'`),
    [['new', 'open']], 'one status event');
  r = await rc.get(t.path);
  const ms = messages(r.text);
  assert.deepEqual(ms.map((m) => m.kind), ['public', 'public', 'public']);
  assert.ok(ms[1].text.includes(`Public answer ${tag}`) && ms[1].text.includes(agent.name), 'reply with its author');
  assert.equal(statusShown(r.text), 'open');
  r = await ac.post(`${t.path}/reply`, { kind: 'secret', body: 'x' });
  assert.equal(r.status, 422, 'unknown kind');
});

test('mail: public replies and "solved" reach the requester; internal notes never do', async () => {
  const t = await report(rc, { subject: `Mail flow ${tag}` });
  const about = `[${t.number}]%`;
  const secret = `Internal only ${tag}`;
  // One row per mail: the subject and whether the note's text is in it (bodies span lines).
  const outbox = async () => (await sql(`SELECT subject, LOCATE(${q(secret)}, CONCAT(subject, body_text, body_html))` +
    ` FROM outbox WHERE to_addr = ${q(requester.email)} AND subject LIKE ${q(about)} ORDER BY id`));
  assert.equal((await outbox()).length, 1, 'the confirmation');
  await ac.post(`${t.path}/reply`, { kind: 'internal', body: secret });
  assert.equal((await outbox()).length, 1, 'no mail for an internal note');
  await ac.post(`${t.path}/reply`, { kind: 'public', body: `We are on it ${tag}` });
  assert.equal((await outbox()).length, 2, 'a mail for the public reply');
  const desk = String(await teamId('Service Desk'));
  await ac.post(`${t.path}/update`, { status: 'open', priority: '2', team: desk, assignee: String(agent.id) });
  assert.equal((await outbox()).length, 2, 'no mail for other changes');
  await ac.post(`${t.path}/update`, { status: 'resolved', priority: '2', team: desk, assignee: String(agent.id) });
  assert.equal((await outbox()).length, 3, 'a mail when solved');
  await ac.post(`${t.path}/update`, { status: 'resolved', priority: '3', team: desk, assignee: String(agent.id) });
  assert.equal((await outbox()).length, 3, 'no second mail when it stays solved');
  for (const [subj, found] of await outbox()) assert.equal(found, '0', `the note is not in "${subj}"`);

  const mine = () => sink.to(requester.email).map((m) => parseMail(m.raw))
    .filter((m) => m.subject.startsWith(`[${t.number}]`));
  for (let i = 0; i < 20 && mine().length < 3; i++) await sendMail();
  const got = mine();
  assert.equal(got.length, 3, 'three mails arrived');
  assert.deepEqual(got.map((m) => m.subject), [
    `[${t.number}] ${en['mail.ticket.subject_new']}`,
    `[${t.number}] ${en['mail.ticket.subject_reply']}`,
    `[${t.number}] ${en['mail.ticket.subject_resolved']}`,
  ]);
  const ids = new Set();
  for (const m of got) {
    assert.ok(!Number.isNaN(Date.parse(m.header('date') || '')), 'Date');
    const id = m.header('message-id');
    assert.match(id || '', /^<[^<>@\s]+@[^<>@\s]+>$/, 'Message-ID');
    ids.add(id);
    assert.match(m.header('content-type'), /^multipart\/alternative;/i);
    assert.match(m.header('mime-version') || '', /^1\.0/);
    assert.deepEqual(m.parts.map((p) => p.type.split(';')[0].toLowerCase()), ['text/plain', 'text/html']);
    assert.equal(linkIn(m.text, '/tickets/'), `/tickets/${t.number}`, 'text links to the ticket');
    assert.ok(m.html.includes(`href="${BASE}/tickets/${t.number}"`), 'HTML links to the ticket');
    assert.ok(!m.text.includes(secret) && !m.html.includes(secret));
  }
  assert.equal(ids.size, 3, 'every Message-ID differs');
  assert.ok(got[1].text.includes(en['mail.ticket.text_reply'].slice(0, 30)));
  assert.ok(got[2].text.includes(en['mail.ticket.text_resolved'].slice(0, 30)));
  // The requester can confirm and rate from the page the mail links to.
  const r = await rc.get(`/tickets/${t.number}`);
  assert.equal(statusShown(r.text), 'resolved');
  assert.ok(form(r.text, `/tickets/${t.number}/rate`));
  assert.ok(input(form(r.text, `/tickets/${t.number}/reopen`).html, 'body'));
});
