// 38-tickets-links.test.mjs - the agent's work across tickets: merging a
// duplicate (both pages, what each requester sees, the mail, the refusals),
// related tickets linked both ways, major incidents whose attached tickets are
// solved with them, the warning when two agents work on one ticket, the
// confirmation when someone changed the ticket meanwhile, and that requesters
// and requests without the form token can use none of it.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  form, forms, input, mailFor, mainOf, parseMail, q, rnd, sendMail, shows, signedIn, sql, sqlValue, startSmtpSink, T,
  textOf, ventanilla,
} from './lib.mjs';
import { createAgent, history, insertTicket, messages, statusShown, teamId, ticketRow } from './tickets-lib.mjs';
import { createUser } from './lib.mjs';

const en = T('en');
const es = T('es');
const tag = rnd(8);
let req1, req2, ana, bruno, work, rc1, rc2, ac, bc, wc, sink, hookId;

before(async () => {
  req1 = await createUser({ tag: 'lreq1', lang: 'en', name: `Req One ${tag}` });
  req2 = await createUser({ tag: 'lreq2', lang: 'es', name: `Req Two ${tag}` });
  ana = await createAgent({ tag: 'lana', teams: ['Service Desk'], name: `Ana ${tag}` });
  bruno = await createAgent({ tag: 'lbruno', teams: ['Service Desk'], name: `Bruno ${tag}` });
  work = await createAgent({ tag: 'lwork', teams: ['Workplace'], name: `Work ${tag}` });
  rc1 = await signedIn(req1, { lang: 'en' });
  rc2 = await signedIn(req2, { lang: 'es' });
  ac = await signedIn(ana, { lang: 'en' });
  bc = await signedIn(bruno, { lang: 'en' });
  wc = await signedIn(work, { lang: 'en' });
  sink = await startSmtpSink();
  // A webhook that wants every ticket event (nobody listens there: only the queue is checked).
  await sql('INSERT INTO webhooks (url, secret, events, enabled, allow_private) VALUES' +
    ` ('http://127.0.0.1:9/links-${tag}', 'whsec_${tag}', 'ticket.created,ticket.updated,ticket.resolved', 1, 1)`);
  hookId = Number(await sqlValue(`SELECT id FROM webhooks WHERE url = 'http://127.0.0.1:9/links-${tag}'`));
});

after(async () => {
  if (hookId) await sql(`UPDATE webhooks SET enabled = 0 WHERE id = ${hookId}`);
  // Other tests mail "the agents of the team" (at most 50): leave no extra active agents behind.
  const ids = [ana, bruno, work].filter(Boolean).map((u) => u.id);
  if (ids.length) await sql(`UPDATE users SET active = 0 WHERE id IN (${ids.join(', ')})`);
  if (sink) await sink.close();
});

/** The webhook events queued for ticket t, oldest first. */
const hookEvents = async (t) => (await sql(`SELECT e.event FROM webhook_events e JOIN webhook_deliveries d` +
  ` ON d.event_id = e.id AND d.webhook_id = ${hookId} WHERE e.ticket_id = ${t.id} ORDER BY e.id`)).map((x) => x[0]);

/** A Service Desk ticket of requester u. */
const desk = (u, what, o = {}) => insertTicket({ requester: u, topic: 'question', subject: `${what} ${tag} ${rnd(4)}`, ...o });
const msgCount = async (t) => Number(await sqlValue(`SELECT COUNT(*) FROM ticket_messages WHERE ticket_id = ${t.id}`));
const row = async (t) => (await sql(`SELECT status, merged_into, parent_id, major FROM tickets WHERE id = ${t.id}`))[0];
const seenOf = (page) => input(page, 'seen').value;
const deskId = async () => String(await teamId('Service Desk'));

/** Assert a refusal: status and the message in the page. */
function refused(r, status, msg, what) {
  assert.equal(r.status, status, `${what}: status`);
  assert.ok(shows(mainOf(r.text), msg), `${what}: says "${msg}" (${textOf(mainOf(r.text)).slice(0, 200)})`);
}

test('merge a duplicate: both pages, both requesters, the mail, the history', async () => {
  const keep = await desk(req1, 'Printer down');
  const dup = await desk(req1, 'Printer broken again');
  const other = await desk(req2, 'Impresora rota');
  const before1 = await msgCount(keep);

  let r = await ac.post(`${dup.path}/merge`, { number: keep.number });
  assert.equal(r.status, 303, textOf(mainOf(r.text)).slice(0, 200));
  assert.equal(r.headers.get('location'), `${dup.path}#links`);
  assert.deepEqual(await row(dup), ['closed', String(keep.id), null, '0'], 'closed and merged');
  assert.equal((await row(keep))[0], 'new', 'the surviving ticket keeps its status');
  assert.equal(await msgCount(keep), before1 + 1, 'a note on the surviving ticket');
  assert.deepEqual(await hookEvents(dup), ['ticket.updated'], 'webhook event for the duplicate');
  assert.deepEqual(await hookEvents(keep), ['ticket.updated'], 'and for the surviving ticket');

  // The agent's view of both.
  r = await ac.get(dup.path);
  assert.equal(statusShown(r.text), 'closed');
  assert.ok(shows(r.text, `${en['links.merged_into']} ${keep.number}`));
  assert.ok(r.text.includes(`href="/tickets/${keep.number}"`));
  assert.ok(messages(r.text).some((m) => m.kind === 'public' && m.text.includes(`${en['links.note_merged_into']} ${keep.number}.`)));
  assert.ok(history(r.text).some((h) => h.includes(`${en['tickets.event.merged']}: ${keep.number}`)), 'history of the duplicate');
  assert.ok(!r.text.includes(`action="${dup.path}/merge"`), 'no second merge offered');
  r = await ac.get(keep.path);
  assert.ok(messages(r.text).some((m) => m.kind === 'public' &&
    m.text.includes(`${en['links.note_merged_here_a']} ${dup.number} ${en['links.note_merged_here_b']}`)));
  assert.ok(history(r.text).some((h) => h.includes(`${en['tickets.event.merged_in']}: ${dup.number}`)));
  assert.ok(r.text.includes(`href="/tickets/${dup.number}"`), 'the merged-in ticket is listed');
  r = await ac.get(`/api/v1/tickets/${dup.number}`);
  assert.equal(r.json().Merged.number, keep.number, 'JSON says where it went');

  // Its requester can still open it and follows the link (they may see both).
  r = await rc1.get(dup.path);
  assert.equal(r.status, 200);
  assert.equal(statusShown(r.text), 'closed');
  assert.ok(r.text.includes(`href="/tickets/${keep.number}"`), 'link to the surviving ticket');
  assert.ok(!r.text.includes(`action="${dup.path}/merge"`), 'no staff tools');

  // The mail to the duplicate's requester.
  const m = await mailFor(sink, req1.email);
  assert.equal(m.subject, `[${dup.number}] ${en['mail.ticket.subject_merged']}`);
  assert.ok(m.text.includes(en['mail.ticket.text_merged'].slice(0, 40)));

  // A requester who may not see the surviving ticket: "merged", no link, no number, in Spanish.
  r = await ac.post(`${other.path}/merge`, { number: keep.number });
  assert.equal(r.status, 303);
  r = await rc2.get(other.path);
  assert.equal(r.status, 200);
  assert.ok(shows(r.text, es['links.merged_elsewhere']), 'told it was merged');
  assert.ok(!r.text.includes(keep.number), 'not where to');
  assert.ok(messages(r.text).some((x) => x.text.includes(es['links.note_merged_elsewhere'])), 'note in their language');
  r = await rc2.get(keep.path);
  assert.equal(r.status, 404, 'and the surviving ticket stays closed to them');
  const m2 = await mailFor(sink, req2.email);
  assert.equal(m2.subject, `[${other.number}] ${es['mail.ticket.subject_merged']}`);
  assert.ok(!m2.text.includes(keep.number) && !m2.html.includes(keep.number));
});

test('merge refusals: self, bad number, invisible ticket, already merged, cycle, in the user\'s language', async () => {
  const a = await desk(req1, 'Refuse A');
  const b = await desk(req1, 'Refuse B');
  const hidden = await insertTicket({ requester: req1, topic: 'hardware', subject: `Hidden ${tag}` });
  const es1 = await signedIn(ana, { lang: 'es' });

  refused(await ac.post(`${a.path}/merge`, { number: a.number }), 422, en['links.self'], 'self');
  refused(await ac.post(`${a.path}/merge`, { number: a.number.toLowerCase() }), 422, en['links.self'], 'self, lower case');
  refused(await ac.post(`${a.path}/merge`, { number: 'T-12x' }), 422, en['links.bad_number'], 'bad number');
  refused(await ac.post(`${a.path}/merge`, { number: '' }), 422, en['links.bad_number'], 'no number');
  refused(await ac.post(`${a.path}/merge`, { number: hidden.number }), 422, en['links.not_found'], 'invisible');
  refused(await ac.post(`${a.path}/merge`, { number: 'T-999999999' }), 422, en['links.not_found'], 'missing');
  refused(await es1.post(`${a.path}/merge`, { number: a.number }), 422, es['links.self'], 'Spanish');
  const j = await ac.post(`${a.path}/merge`, { number: a.number }, { headers: { accept: 'application/json' } });
  assert.equal(j.status, 422);
  assert.equal(j.json().Message, en['links.self'], 'JSON error');
  assert.deepEqual(await row(a), ['new', null, null, '0'], 'nothing changed');

  assert.equal((await ac.post(`${a.path}/merge`, { number: b.number })).status, 303);
  refused(await ac.post(`${a.path}/merge`, { number: b.number }), 409, en['links.already_merged'], 'already merged');
  refused(await ac.post(`${b.path}/merge`, { number: a.number }), 409, en['links.cycle'], 'cycle');
  const c = await desk(req1, 'Refuse C');
  refused(await ac.post(`${c.path}/merge`, { number: a.number }), 409, en['links.into_merged'], 'into a merged ticket');
  const shut = await desk(req1, 'Refuse closed', { status: 'closed' });
  refused(await ac.post(`${c.path}/merge`, { number: shut.number }), 409, en['links.into_closed'], 'into a closed ticket');
  assert.deepEqual(await row(b), ['new', null, null, '0'], 'b untouched');
  assert.deepEqual(await row(c), ['new', null, null, '0'], 'c untouched');
  // The other team's agent cannot even reach the tickets.
  assert.equal((await wc.post(`${c.path}/merge`, { number: b.number })).status, 404);
});

test('related tickets: linked both ways, removed both ways; requesters see only what they may', async () => {
  const a = await desk(req1, 'Link A');
  const b = await desk(req2, 'Link B');
  const c = await desk(req1, 'Link C');
  const hidden = await insertTicket({ requester: req1, topic: 'hardware', subject: `Link hidden ${tag}` });

  assert.equal((await ac.post(`${a.path}/link`, { number: b.number })).status, 303);
  assert.equal((await ac.post(`${a.path}/link`, { number: b.number })).status, 303, 'twice is fine');
  assert.equal((await bc.post(`${c.path}/link`, { number: a.number })).status, 303);
  assert.equal(Number(await sqlValue(`SELECT COUNT(*) FROM ticket_links WHERE ${Math.min(a.id, b.id)} = a_id AND b_id = ${Math.max(a.id, b.id)}`)), 1);
  refused(await ac.post(`${a.path}/link`, { number: a.number }), 422, en['links.self'], 'self link');
  refused(await ac.post(`${a.path}/link`, { number: hidden.number }), 422, en['links.not_found'], 'invisible');

  const linked = (page) => [...(/<ul class="plain linked">([\s\S]*?)<\/ul>/.exec(page) || ['', ''])[1]
    .matchAll(/href="\/tickets\/(T-\d+)"/g)].map((m) => m[1]);
  let r = await ac.get(a.path);
  assert.deepEqual(linked(r.text).sort(), [b.number, c.number].sort(), 'on a');
  r = await ac.get(b.path);
  assert.deepEqual(linked(r.text), [a.number], 'on b, the other way');
  assert.ok(history(r.text).some((h) => h.includes(`${en['tickets.event.linked']}: ${a.number}`)));
  r = await ac.get(`/api/v1/tickets/${a.number}`);
  assert.equal(r.json().Links.length, 2, 'JSON lists the links');

  // Requesters: their own linked ticket yes, someone else's never.
  r = await rc1.get(a.path);
  assert.deepEqual(linked(r.text), [c.number], 'req1 sees only their own linked ticket');
  assert.ok(!r.text.includes(b.number), 'nothing of b');
  assert.ok(!r.text.includes(`action="${a.path}/unlink"`), 'no link tools');
  r = await rc2.get(b.path);
  assert.deepEqual(linked(r.text), [], 'req2 sees none');
  assert.ok(!r.text.includes(a.number));
  r = await rc2.get(`/api/v1/tickets/${b.number}`);
  assert.equal(JSON.stringify(r.json()).includes(a.number), false, 'not in JSON either');

  assert.equal((await bc.post(`${b.path}/unlink`, { number: a.number })).status, 303);
  r = await ac.get(a.path);
  assert.deepEqual(linked(r.text), [c.number], 'removed from a');
  r = await ac.get(b.path);
  assert.deepEqual(linked(r.text), [], 'and from b');
});

test('major incident: attach, detach, solve the children with the parent', async () => {
  const p = await desk(req1, 'Mail server down');
  const k1 = await desk(req1, 'No mail');
  const k2 = await desk(req2, 'Sin correo', { status: 'open' });
  const k3 = await desk(req2, 'Correo lento');
  const done = await desk(req2, 'Ya resuelto', { status: 'closed' });
  const p2 = await desk(req1, 'Other major');

  refused(await ac.post(`${p.path}/children`, { number: k1.number }), 409, en['links.not_major'], 'not major yet');
  assert.equal((await ac.post(`${p.path}/major`, { major: '1' })).status, 303);
  assert.equal((await ac.post(`${p2.path}/major`, { major: '1' })).status, 303);
  for (const k of [k1, k2, k3, done])
    assert.equal((await ac.post(`${p.path}/children`, { number: k.number })).status, 303, k.number);
  refused(await ac.post(`${p.path}/children`, { number: k1.number }), 409, en['links.child_already'], 'twice');
  refused(await ac.post(`${p2.path}/children`, { number: k1.number }), 409, en['links.child_elsewhere'], 'another parent');
  refused(await ac.post(`${p.path}/children`, { number: p2.number }), 409, en['links.child_not_here'], 'a major one');
  refused(await ac.post(`${p.path}/children`, { number: p.number }), 422, en['links.self'], 'itself');
  assert.equal((await ac.post(`${p.path}/detach`, { number: k3.number })).status, 303);
  assert.equal((await row(k3))[2], null, 'detached');
  refused(await ac.post(`${p.path}/detach`, { number: k3.number }), 409, en['links.not_child'], 'detach twice');
  refused(await ac.post(`${p.path}/major`, { major: '0' }), 409, en['links.major_has_children'], 'unmark with children');
  refused(await ac.post(`${p.path}/merge`, { number: p2.number }), 409, en['links.merge_parent'], 'merge a parent');

  // The parent lists its children with status; the children name the parent.
  let r = await ac.get(p.path);
  const table = /<ul class="plain linked children"[^>]*>([\s\S]*?)<\/ul>/.exec(r.text);
  assert.ok(table, 'children list');
  for (const [k, s] of [[k1, 'new'], [k2, 'open'], [done, 'closed']]) {
    assert.ok(table[1].includes(`>${k.number}</a>`), `${k.number} listed`);
    assert.ok(new RegExp(`${k.number}</a>[\\s\\S]*?s-${s}`).test(table[1]), `${k.number} is ${s}`);
  }
  assert.ok(!table[1].includes(k3.number), 'detached one is gone');
  const also = input(form(r.text, `${p.path}/update`).html, 'also_children');
  assert.ok(also, 'offers to solve the children');
  assert.ok(shows(form(r.text, `${p.path}/update`).html, `${en['links.also_solve_a']} 2 ${en['links.also_solve_b']}`), 'the two open ones');
  r = await ac.get(k1.path);
  assert.ok(shows(r.text, `${en['links.part_of']} ${p.number}`));
  r = await rc1.get(k1.path);
  assert.ok(r.text.includes(`href="/tickets/${p.number}"`), 'its requester may see the parent: link');
  r = await rc2.get(k2.path);
  assert.ok(shows(r.text, es['links.part_of_hidden']), 'the other requester: no link');
  assert.ok(!r.text.includes(p.number));

  // The agent answers on the parent and solves everything at once.
  const fix = `The mail server is back; restart your mail app. ${tag}`;
  assert.equal((await ac.post(`${p.path}/reply`, { kind: 'internal', body: 'internal only' })).status, 303);
  assert.equal((await ac.post(`${p.path}/reply`, { kind: 'public', body: fix })).status, 303);
  assert.equal((await ac.post(`${p.path}/reply`, { kind: 'internal', body: `secret ${tag}` })).status, 303);
  r = await ac.post(`${p.path}/update`, { status: 'resolved', priority: '2', team: await deskId(), assignee: '0',
    also_children: '1' });
  assert.equal(r.status, 303, textOf(mainOf(r.text)).slice(0, 200));
  for (const k of [k1, k2]) {
    const t = await ticketRow(k.id);
    assert.equal(t.status, 'resolved', `${k.number} solved`);
    assert.ok(t.resolved_at);
  }
  assert.equal((await row(done))[0], 'closed', 'a closed child stays closed');
  assert.equal((await row(k3))[0], 'new', 'a detached one is not touched');
  assert.equal((await hookEvents(k2)).at(-1), 'ticket.resolved', 'webhook event for a child');
  r = await rc2.get(k2.path);
  assert.equal(statusShown(r.text), 'resolved');
  const last = messages(r.text).at(-1);
  assert.equal(last.kind, 'public');
  assert.ok(last.text.includes(fix), 'the parent\'s public reply');
  assert.ok(!r.text.includes(`secret ${tag}`));
  r = await rc1.get(k1.path);
  assert.ok(messages(r.text).at(-1).text.includes(fix));
  // Their requesters are told, each in their own language.
  const outbox = async (k, u) => (await sql(`SELECT subject FROM outbox WHERE to_addr = ${q(u.email)}` +
    ` AND subject LIKE ${q(`[${k.number}]%`)}`)).map((x) => x[0]);
  assert.deepEqual(await outbox(k1, req1), [`[${k1.number}] ${en['mail.ticket.subject_resolved']}`]);
  assert.deepEqual(await outbox(k2, req2), [`[${k2.number}] ${es['mail.ticket.subject_resolved']}`]);
  assert.deepEqual(await outbox(done, req2), [], 'nothing about the closed one');
  const subject = `[${k2.number}] ${es['mail.ticket.subject_resolved']}`;
  const arrived = () => sink.to(req2.email).map((x) => parseMail(x.raw)).find((x) => x.subject === subject);
  for (let i = 0; i < 20 && !arrived(); i++) await sendMail();
  assert.ok(arrived(), 'it arrives');
  assert.ok(arrived().text.includes(`/tickets/${k2.number}`), 'with the link to their request');
});

test('major incident from the attached ticket\'s own page: by number, the same checks, detach there', async () => {
  const p = await desk(req1, 'VPN down');
  const p2 = await desk(req1, 'Other VPN major');
  const k = await desk(req2, 'Sin VPN');
  const plain = await desk(req1, 'Not a major one');
  const hidden = await insertTicket({ requester: req1, topic: 'hardware', subject: `Hidden major ${tag}` });
  await sql(`UPDATE tickets SET major = 1 WHERE id = ${hidden.id}`);
  for (const x of [p, p2]) assert.equal((await ac.post(`${x.path}/major`, { major: '1' })).status, 303);

  // The ticket's own page has a plain form for it (no script needed).
  let r = await ac.get(k.path);
  const f = form(r.text, `${k.path}/parent`);
  assert.ok(input(f.html, 'number') && input(f.html, 'csrf'), 'a number and the form token');
  assert.ok(!/<script/i.test(f.html), 'no script in the form');

  // The same checks as from the parent's page.
  refused(await ac.post(`${k.path}/parent`, { number: 'T-12x' }), 422, en['links.bad_number'], 'bad number');
  refused(await ac.post(`${k.path}/parent`, { number: k.number }), 422, en['links.self'], 'itself');
  refused(await ac.post(`${k.path}/parent`, { number: hidden.number }), 422, en['links.not_found'], 'a major incident the agent may not see');
  refused(await ac.post(`${k.path}/parent`, { number: plain.number }), 409, en['links.parent_not_major'], 'not a major incident');
  refused(await ac.post(`${p2.path}/parent`, { number: p.number }), 409, en['links.self_not_here'], 'a major incident under another: no cycles');
  assert.deepEqual(await row(k), ['new', null, null, '0'], 'nothing changed');
  const es1 = await signedIn(ana, { lang: 'es' });
  refused(await es1.post(`${k.path}/parent`, { number: plain.number }), 409, es['links.parent_not_major'], 'in Spanish');

  // Attached: both sides see it, with history entries on both.
  r = await ac.post(`${k.path}/parent`, { number: p.number.toLowerCase() });
  assert.equal(r.status, 303, textOf(mainOf(r.text)).slice(0, 200));
  assert.equal(r.headers.get('location'), `${k.path}#major`);
  assert.equal((await row(k))[2], String(p.id));
  assert.ok(history((await ac.get(k.path)).text).some((h) => h.includes(`${en['tickets.event.parent']}: ${p.number}`)));
  r = await ac.get(p.path);
  assert.ok(/<ul class="plain linked children"[^>]*>[\s\S]*?>T-\d+<\/a>/.test(r.text) && r.text.includes(`>${k.number}</a>`), 'listed on the parent');
  assert.ok(history(r.text).some((h) => h.includes(`${en['tickets.event.child_added']}: ${k.number}`)));
  refused(await ac.post(`${k.path}/parent`, { number: p.number }), 409, en['links.self_already'], 'twice');
  refused(await ac.post(`${k.path}/parent`, { number: p2.number }), 409, en['links.self_elsewhere'], 'to a second one');
  refused(await ac.post(`${p.path}/parent`, { number: p2.number }), 409, en['links.self_not_here'], 'the parent under another');

  // The child's page now names its parent and offers to detach.
  r = await ac.get(k.path);
  assert.ok(shows(r.text, `${en['links.attached_to']} ${p.number}`));
  const d = form(r.text, `${k.path}/parent/remove`);
  assert.equal(input(d.html, 'number').value, p.number);
  assert.equal(forms(r.text, `${k.path}/parent`).length, 0, 'no second attach form');
  // The cap counts here too.
  await sql('INSERT INTO tickets (requester_id, subject, status, parent_id)' +
    ` SELECT ${req1.id}, CONCAT('Filler ${tag} ', seq), 'new', ${p.id} FROM seq_1_to_499`);
  refused(await ac.post(`${plain.path}/parent`, { number: p.number }), 409, en['links.too_many_children'], 'full');
  await sql(`DELETE FROM tickets WHERE parent_id = ${p.id} AND subject LIKE ${q(`Filler ${tag} %`)}`);

  // Detach from the child's page.
  refused(await ac.post(`${k.path}/parent/remove`, { number: p2.number }), 409, en['links.self_not_child'], 'not that one');
  r = await ac.post(`${k.path}/parent/remove`, { number: p.number });
  assert.equal(r.status, 303);
  assert.equal((await row(k))[2], null, 'detached');
  assert.ok(history((await ac.get(p.path)).text).some((h) => h.includes(`${en['tickets.event.child_removed']}: ${k.number}`)));
  refused(await ac.post(`${k.path}/parent/remove`, { number: p.number }), 409, en['links.self_not_child'], 'twice');

  // Requesters and the other team's agents: the 404 of a missing ticket; no token: refused.
  for (const [c, t] of [[rc2, k], [wc, k]]) {
    assert.equal((await c.post(`${t.path}/parent`, { number: p.number })).status, 404);
    assert.equal((await c.post(`${t.path}/parent/remove`, { number: p.number })).status, 404);
  }
  assert.equal((await ac.post(`${k.path}/parent`, { number: p.number }, { csrf: false })).status, 403);
  assert.equal((await row(k))[2], null, 'still detached');
  assert.ok(!(await rc2.get(k.path)).text.includes(`${k.path}/parent`), 'requesters get no form');
});

test('two agents on one ticket: who else is looking, at most one write a minute', async () => {
  const t = await desk(req1, 'Presence');
  let r = await ac.get(t.path);
  assert.equal(r.status, 200);
  assert.ok(!r.text.includes('class="notice warn presence"'), 'alone');
  r = await bc.get(t.path);
  assert.ok(shows(r.text, `Ana ${tag} ${en['links.also_looking']} (${en['links.just_now']})`), 'Bruno sees Ana');
  r = await ac.get(t.path);
  assert.ok(shows(r.text, `Bruno ${tag} ${en['links.also_looking']}`), 'Ana sees Bruno');
  assert.ok(!shows(r.text, `Ana ${tag} ${en['links.also_looking']}`), 'not herself');

  await sql(`UPDATE ticket_presence SET seen_at = UTC_TIMESTAMP() - INTERVAL 3 MINUTE - INTERVAL 5 SECOND WHERE ticket_id = ${t.id} AND user_id = ${bruno.id}`);
  r = await ac.get(t.path);
  assert.ok(shows(r.text, `Bruno ${tag} ${en['links.also_looking']} (3 ${en['links.ago_post']})`), '3 min ago');
  const esAna = await signedIn(ana, { lang: 'es' });
  r = await esAna.get(t.path);
  assert.ok(shows(r.text, `Bruno ${tag} ${es['links.also_looking']} (${es['links.ago_pre']} 3 ${es['links.ago_post']})`), 'in Spanish');
  await sql(`UPDATE ticket_presence SET seen_at = UTC_TIMESTAMP() - INTERVAL 6 MINUTE WHERE ticket_id = ${t.id} AND user_id = ${bruno.id}`);
  r = await ac.get(t.path);
  assert.ok(!shows(r.text, `Bruno ${tag} ${en['links.also_looking']}`), 'gone after 5 minutes');
  assert.ok(!r.text.includes('class="notice warn presence"'));

  // Ana seen 30 s ago: no new write; 2 minutes ago: written again.
  await sql(`UPDATE ticket_presence SET seen_at = UTC_TIMESTAMP() - INTERVAL 30 SECOND WHERE ticket_id = ${t.id} AND user_id = ${ana.id}`);
  await ac.get(t.path);
  const age = async () => Number(await sqlValue(`SELECT TIMESTAMPDIFF(SECOND, seen_at, UTC_TIMESTAMP()) FROM ticket_presence WHERE ticket_id = ${t.id} AND user_id = ${ana.id}`));
  assert.ok(await age() >= 29, 'not written again within the minute');
  await sql(`UPDATE ticket_presence SET seen_at = UTC_TIMESTAMP() - INTERVAL 2 MINUTE WHERE ticket_id = ${t.id} AND user_id = ${ana.id}`);
  await ac.get(t.path);
  assert.ok(await age() <= 5, 'written again after a minute');

  // The worker forgets presence older than a day.
  await sql(`UPDATE ticket_presence SET seen_at = UTC_TIMESTAMP() - INTERVAL 25 HOUR WHERE ticket_id = ${t.id} AND user_id = ${bruno.id}`);
  await sendMail();
  assert.equal(await sqlValue(`SELECT COUNT(*) FROM ticket_presence WHERE ticket_id = ${t.id}`), '1', 'only Ana\'s row is left');

  // Posting to a ticket counts as being on it too.
  const t2 = await desk(req1, 'Presence by post');
  assert.equal((await bc.post(`${t2.path}/reply`, { kind: 'internal', body: 'noted' })).status, 303);
  assert.equal((await bc.post(`${t2.path}/reply`, { kind: 'internal', body: 'noted again' })).status, 303);
  assert.equal(await sqlValue(`SELECT COUNT(*) FROM ticket_presence WHERE ticket_id = ${t2.id} AND user_id = ${bruno.id}`), '1');
  r = await ac.get(t2.path);
  assert.ok(shows(r.text, `Bruno ${tag} ${en['links.also_looking']}`), 'Bruno replied without opening the page again');

  // Requesters neither see nor leave presence.
  r = await rc1.get(t.path);
  assert.ok(!shows(r.text, `Ana ${tag}`) && !r.text.includes('class="notice warn presence"'), 'requesters: no warning');
  assert.equal(await sqlValue(`SELECT COUNT(*) FROM ticket_presence WHERE user_id = ${req1.id}`), '0');
  r = await rc1.get(`/api/v1/tickets/${t.number}`);
  assert.equal(r.json().Presence, undefined);
  assert.equal(r.json().Seen, undefined);
});

test('someone changed the ticket meanwhile: show it, ask, a second submit goes through', async () => {
  const t = await desk(req1, 'Concurrent');
  // Ana opens the page; Bruno answers first.
  let page = (await ac.get(t.path)).text;
  const seen = seenOf(page);
  assert.match(seen, /^\d+\.\d+\.0$/);
  assert.equal((await bc.post(`${t.path}/reply`, { kind: 'public', body: `Bruno was first ${tag}`, seen: seenOf((await bc.get(t.path)).text) })).status, 303);
  const n = await msgCount(t);
  let r = await ac.post(`${t.path}/reply`, { kind: 'internal', body: `Ana's note ${tag}`, seen });
  assert.equal(r.status, 409);
  assert.equal(await msgCount(t), n, 'not saved');
  assert.ok(shows(r.text, en['links.conflict_title']));
  const conflict = /<section class="conflict notice warn"[\s\S]*?<\/section>/.exec(r.text)[0];
  assert.ok(shows(conflict, `Bruno was first ${tag}`), 'shows the new message');
  const f = form(conflict, `${t.path}/reply`);
  assert.equal(input(f.html, 'confirm').value, '1');
  assert.equal(input(f.html, 'kind').value, 'internal', 'keeps the kind: an internal note stays internal');
  assert.ok(f.html.includes(`Ana&#39;s note ${tag}`) || f.html.includes(`Ana's note ${tag}`), 'keeps the text');
  // The second submit goes through, as internal.
  r = await ac.post(`${t.path}/reply`, { kind: 'internal', body: `Ana's note ${tag}`, seen, confirm: '1' });
  assert.equal(r.status, 303);
  assert.equal(await sqlValue(`SELECT kind FROM ticket_messages WHERE ticket_id = ${t.id} ORDER BY id DESC LIMIT 1`), 'internal');

  // Her own changes are no conflict.
  page = (await ac.get(t.path)).text;
  const seen2 = seenOf(page);
  assert.equal((await ac.post(`${t.path}/reply`, { kind: 'public', body: `Ana again ${tag}`, seen: seen2 })).status, 303);
  const team = await deskId();
  assert.equal((await ac.post(`${t.path}/update`, { status: 'pending', priority: '3', team, assignee: '0', seen: seen2 })).status, 303);

  // An update after Bruno changed the priority.
  page = (await ac.get(t.path)).text;
  const seen3 = input(form(page, `${t.path}/update`).html, 'seen').value;
  assert.equal((await bc.post(`${t.path}/update`, { status: 'pending', priority: '1', team, assignee: String(bruno.id) })).status, 303);
  r = await ac.post(`${t.path}/update`, { status: 'open', priority: '4', team, assignee: '0', seen: seen3 });
  assert.equal(r.status, 409);
  let t2 = await ticketRow(t.id);
  assert.deepEqual([t2.status, t2.priority, t2.assignee_id], ['pending', '1', String(bruno.id)], 'Bruno\'s change stands');
  assert.ok(shows(r.text, en['tickets.event.priority']) && shows(r.text, `Bruno ${tag}`), 'says who changed what');
  const f2 = form(/<section class="conflict notice warn"[\s\S]*?<\/section>/.exec(r.text)[0], `${t.path}/update`);
  const fields = Object.fromEntries(['status', 'priority', 'team', 'assignee', 'confirm'].map((k) => [k, input(f2.html, k).value]));
  assert.deepEqual(fields, { status: 'open', priority: '4', team, assignee: '0', confirm: '1' });
  r = await ac.post(`${t.path}/update`, fields);
  assert.equal(r.status, 303);
  t2 = await ticketRow(t.id);
  assert.deepEqual([t2.status, t2.priority, t2.assignee_id], ['open', '4', null], 'confirmed: saved');
  // JSON clients get the conflict too.
  r = await ac.post(`${t.path}/reply`, { body: 'json', seen: seen3 }, { headers: { accept: 'application/json' } });
  assert.equal(r.status, 409);
  assert.ok(r.json().Conflict.Events.length >= 1);
});

test('the check also counts a rating given meanwhile and the escalation rules\' automatic changes', async () => {
  // The requester rates the solution while Ana has the page open.
  const t = await desk(req1, 'Rated meanwhile', { status: 'resolved' });
  const seen = seenOf((await ac.get(t.path)).text);
  assert.match(seen, /\.0$/, 'not rated when the page was shown');
  assert.equal((await rc1.post(`${t.path}/rate`, { rating: '2', comment: `Still slow ${tag}` })).status, 303);
  let r = await ac.post(`${t.path}/reply`, { kind: 'public', body: `Glad it works ${tag}`, seen });
  assert.equal(r.status, 409, 'a rating is a change too');
  let conflict = /<section class="conflict notice warn"[\s\S]*?<\/section>/.exec(r.text)[0];
  assert.ok(shows(conflict, `Req One ${tag} ${en['links.conflict_rated']}: 2/5`), 'who rated and how');
  assert.ok(shows(conflict, `Still slow ${tag}`), 'with the comment');
  r = await ac.post(`${t.path}/reply`, { kind: 'public', body: `Glad it works ${tag}`, seen }, { headers: { accept: 'application/json' } });
  assert.equal(r.status, 409);
  assert.equal(r.json().Conflict.Rating.rating, '2', 'JSON too');
  r = await ac.post(`${t.path}/reply`, { kind: 'public', body: `Glad it works ${tag}`, seen, confirm: '1' });
  assert.equal(r.status, 303, 'confirmed: sent');
  const later = seenOf((await ac.get(t.path)).text);
  assert.match(later, /\.1$/);
  assert.equal((await ac.post(`${t.path}/reply`, { kind: 'internal', body: 'noted', seen: later })).status, 303, 'an old rating is no news');
  // Pages shown before this change (two parts) still work.
  assert.equal((await ac.post(`${t.path}/reply`, { kind: 'internal', body: 'old page', seen: later.replace(/\.1$/, '') })).status, 303);

  // An escalation rule acts (the worker) while Ana has the page open.
  await sql('INSERT INTO sla_rules (name, event, words, set_priority) VALUES' +
    ` (${q(`Rule ${tag}`)}, 'resolution', ${q(`escl${tag}`)}, 1)`);
  try {
    const e = await desk(req1, `Slow disk escl${tag}`, { priority: 4 });
    const seenE = input(form((await ac.get(e.path)).text, `${e.path}/update`).html, 'seen').value;
    await ventanilla(['worker', '--once', '--now', '2099-01-01 00:00:00']);
    assert.equal((await ticketRow(e.id)).priority, '1', 'the rule raised the priority');
    r = await ac.post(`${e.path}/update`, { status: 'open', priority: '4', team: await deskId(), assignee: '0', seen: seenE });
    assert.equal(r.status, 409, 'the automatic change is a change too');
    conflict = /<section class="conflict notice warn"[\s\S]*?<\/section>/.exec(r.text)[0];
    assert.ok(shows(conflict, `${en['tickets.event.escalated']}: Rule ${tag} (${en['links.automatic']})`), 'says which rule');
    assert.ok(shows(conflict, `${en['tickets.event.priority']}: ${en['tickets.prio.1']} (${en['links.automatic']})`), 'and what it changed');
    assert.equal((await ticketRow(e.id)).priority, '1', 'not overwritten unseen');
  } finally {
    await sql(`DELETE FROM sla_rules WHERE name = ${q(`Rule ${tag}`)}`);
  }
});

test('requesters cannot use any of it; every POST needs the form token', async () => {
  const mine = await desk(req1, 'Mine');
  const mine2 = await desk(req1, 'Mine too');
  const missing = await rc1.post('/tickets/T-999999999/merge', { number: mine2.number });
  assert.equal(missing.status, 404);
  const actions = [['merge', { number: mine2.number }], ['link', { number: mine2.number }],
    ['unlink', { number: mine2.number }], ['major', { major: '1' }], ['children', { number: mine2.number }],
    ['detach', { number: mine2.number }]];
  for (const [a, fields] of actions) {
    const r = await rc1.post(`${mine.path}/${a}`, fields);
    assert.equal(r.status, 404, `requester ${a}`);
    assert.equal(textOf(mainOf(r.text)), textOf(mainOf(missing.text)), `${a}: the same as a missing ticket`);
  }
  assert.deepEqual(await row(mine), ['new', null, null, '0'], 'nothing changed');
  assert.equal(await sqlValue(`SELECT COUNT(*) FROM ticket_links WHERE a_id = ${mine.id} OR b_id = ${mine.id}`), '0');
  for (const [a, fields] of actions) {
    const r = await ac.post(`${mine.path}/${a}`, fields, { csrf: false });
    assert.equal(r.status, 403, `no token: ${a}`);
  }
  const r = await ac.post(`${mine.path}/reply`, { body: 'x', seen: '0.0', confirm: '1' }, { csrf: false });
  assert.equal(r.status, 403);
  assert.deepEqual(await row(mine), ['new', null, null, '0'], 'nothing changed without the token');
  assert.equal(await sqlValue(`SELECT COUNT(*) FROM ticket_links WHERE a_id = ${mine.id} OR b_id = ${mine.id}`), '0');
});
