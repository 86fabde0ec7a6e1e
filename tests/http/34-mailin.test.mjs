// 34-mailin.test.mjs - tickets by mail: real RFC 5322 messages (tests/mail/)
// piped into `ventanilla mail-in` as an MTA would. The reply token comes from
// a real notification caught by the SMTP sink; what arrives is checked on the
// ticket page as its requester sees it, and every refusal must come back as a
// mail to the sender (automatic mail only in the log).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash, createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import {
  BASE, BIN, createUser, linkIn, mailFor, parseMail, q, REPO, rnd, rows, sendMail, signedIn, sql, sqlValue, startSmtpSink,
  T, tags,
} from './lib.mjs';
import {
  createAgent, download, fileLinks, history, insertTicket, messages, number, postMultipart, report, statusShown,
  ticketRow, topics,
} from './tickets-lib.mjs';

const en = T('en');
const es = T('es');
const CONF = process.env.VENTANILLA_CONF;
const SUPPORT = 'help@example.org';   // mail.from of the test stack; no support_address set
let sink, tp, tmp;

before(async () => {
  sink = await startSmtpSink();
  await sendMail();   // what earlier files left queued goes out now
  tp = await topics();
  tmp = mkdtempSync(join(tmpdir(), 'vt-mailin-'));
});

after(async () => {
  if (sink) await sink.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

/** A fresh Message-ID. */
function newId() {
  return `<${rnd(16)}.${Date.now()}@client.test.example>`;
}

/** A fixture of tests/mail with its {{PLACEHOLDERS}} filled in, as bytes. */
function fixture(name, vars, { crlf = false } = {}) {
  let s = readFileSync(join(REPO, 'tests/mail', name), 'latin1');
  for (const [k, v] of Object.entries(vars)) s = s.split(`{{${k}}}`).join(v);
  assert.doesNotMatch(s, /\{\{[A-Z]+\}\}/, `every placeholder of ${name} filled`);
  if (crlf) s = s.replace(/\r?\n/g, '\r\n');
  return Buffer.from(s, 'latin1');
}

/** A small message built here: headers (object) and a text body. */
function message(headers, body) {
  const h = { 'Message-ID': newId(), Date: new Date().toUTCString(), 'MIME-Version': '1.0',
    'Content-Type': 'text/plain; charset=utf-8', ...headers };
  return Buffer.from(Object.entries(h).filter(([, v]) => v !== null)
    .map(([k, v]) => `${k}: ${v}`).join('\n') + `\n\n${body}\n`, 'utf8');
}

/** Pipe a message into `ventanilla mail-in` as the MTA does: { code, stderr }. */
function mailIn(input, { conf = CONF, env = {}, args = ['mail-in'] } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(join(BIN, 'ventanilla'), args,
      { env: { ...process.env, VENTANILLA_CONF: conf, ...env } });
    let stderr = '';
    let stdout = '';
    child.stderr.on('data', (d) => { stderr += d; });
    child.stdout.on('data', (d) => { stdout += d; });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr, stdout }));
    child.stdin.on('error', () => {});
    child.stdin.end(input);
  });
}

/** Hand a message over and require exit status 0. */
async function deliver(input, opts) {
  const r = await mailIn(input, opts);
  assert.equal(r.code, 0, `mail-in handled the message: ${r.stderr}`);
  return r;
}

/** The mail_in_log row of a Message-ID: { outcome, reason, ticket, user }. */
async function logOf(msgid) {
  const rows = await sql('SELECT outcome, reason, ticket_id, user_id FROM mail_in_log' +
    ` WHERE message_id = ${q(msgid)} ORDER BY id`);
  return rows.map(([outcome, reason, ticket, user]) => ({ outcome, reason, ticket, user }));
}

/** The Message-ID written into a raw message. */
function idOf(raw) {
  return /^Message-ID: (.*)$/mi.exec(raw.toString('latin1'))[1].trim();
}

/** The reply token this server would give user uid for ticket tid. */
function token(tid, uid) {
  const secret = /secret\s*=\s*"([^"]*)"/.exec(readFileSync(CONF, 'utf8'))[1];
  const key = createHash('sha256').update(secret).digest();
  return `t${tid}u${uid}k${createHmac('sha256', key).update(`mail-reply:${tid}:${uid}`).digest('hex').slice(0, 20)}`;
}

/** A requester with a ticket reported on the web and its notification:
 * { u, c, t, note (parsed mail), replyTo, msgid }. */
async function ticketWithMail(lang = 'en', topic = 'question') {
  const u = await createUser({ tag: 'mi', lang });
  const c = await signedIn(u);
  const t = await report(c, { subject: `Mail thread ${rnd(6)}`, topic });
  const note = await mailFor(sink, u.email);
  return { u, c, t, note, replyTo: note.header('reply-to'), msgid: note.header('message-id') };
}

/** The text of every message on the ticket page as its requester sees it. */
async function texts(c, t) {
  const r = await c.get(t.path);
  assert.equal(r.status, 200);
  return messages(r.text).map((m) => m.text);
}

/** The mails in the sink to addr after the worker ran (at least count). */
async function mailsTo(addr, count) {
  await mailFor(sink, addr, { count });
  return sink.to(addr);
}

test('--help explains the command; exit status 75 when the database is unreachable', async () => {
  let r = await mailIn('', { args: ['mail-in', '--help'] });
  assert.equal(r.code, 0);
  assert.match(r.stdout, /ventanilla mail-in/);
  assert.match(r.stdout, /recipient_delimiter/);
  r = await mailIn('', { args: ['--help'] });
  assert.match(r.stdout, /mail-in/, 'listed in the command list');
  const bad = join(tmp, 'nodb.conf');
  writeFileSync(bad, readFileSync(CONF, 'utf8').replace(/socket = "[^"]*mariadb\.sock";/, 'socket = "/nonexistent/x.sock";'));
  const raw = message({ From: 'someone@example.net', To: SUPPORT, Subject: 'db down' }, 'hello');
  r = await mailIn(raw, { conf: bad });
  assert.equal(r.code, 75, 'EX_TEMPFAIL: the MTA keeps the message and tries again');
  assert.match(r.stderr, /retry/);
  assert.deepEqual(await logOf(idOf(raw)), [], 'nothing recorded');
});

test('a mail from a known user opens a request; the confirmation carries a reply token', async () => {
  const u = await createUser({ tag: 'minew', lang: 'es' });
  const tag = rnd(8);
  const from = u.email[0].toUpperCase() + u.email.slice(1);   // case must not matter
  const raw = fixture('new-latin1.eml', { FROM: from, TO: SUPPORT, MSGID: newId(), TAG: tag });
  await deliver(raw);
  const rows = await sql('SELECT id, subject, channel, status, priority, category_id FROM tickets' +
    ` WHERE requester_id = ${u.id}`);
  assert.equal(rows.length, 1, 'one new ticket');
  const [id, subject, channel, status, priority, category] = rows[0];
  assert.equal(subject, `La impresora de la 2ª planta no imprime (${tag})`, 'encoded-word subject decoded');
  assert.equal(channel, 'email');
  assert.equal(status, 'new');
  assert.equal(priority, '4', 'the form\'s defaults: only me, can wait');
  assert.equal(category, await sqlValue('SELECT id FROM ticket_categories WHERE active = 1 ORDER BY position, id LIMIT 1'),
    'the first topic of the form');
  assert.deepEqual(await logOf(idOf(raw)), [{ outcome: 'new_ticket', reason: '', ticket: id, user: String(u.id) }]);
  // On the web, as the requester: the text, charset-converted, without the signature.
  const c = await signedIn(u);
  const ms = await texts(c, { path: `/tickets/${number(id)}` });
  assert.equal(ms.length, 1);
  assert.ok(ms[0].includes('Desde esta mañana la impresora de la 2ª planta no imprime nada.'), ms[0]);
  assert.ok(ms[0].includes(tag));
  assert.ok(!ms[0].includes('Contabilidad'), 'the signature after "-- " is not part of it');
  // The usual confirmation, in Spanish, with the token in Reply-To and Message-ID.
  const m = await mailFor(sink, u.email);
  assert.ok(m.subject.includes(es['mail.ticket.subject_new']), m.subject);
  assert.ok(m.subject.includes(number(id)));
  const rt = /^help\+(t(\d+)u(\d+)k[0-9a-f]{20})@example\.org$/.exec(m.header('reply-to') || '');
  assert.ok(rt, `Reply-To with a token: ${m.header('reply-to')}`);
  assert.equal(Number(rt[2]), Number(id), 'token names the ticket');
  assert.equal(Number(rt[3]), u.id, 'token names the recipient');
  assert.equal(rt[1], token(id, u.id), 'HMAC of the server secret');
  assert.ok((m.header('message-id') || '').includes(`vt.${rt[1]}.`), 'token in the Message-ID too');
  assert.ok(m.text.startsWith(es['mailin.marker']), 'the text starts with the reply marker');
  assert.ok(m.html.includes(es['mailin.marker']), 'so does the HTML');
});

test('a reply (multipart/alternative) lands on its ticket without the quoted history', async () => {
  const { u, c, t, replyTo, msgid } = await ticketWithMail('en');
  assert.match(replyTo, /^help\+t\d+u\d+k[0-9a-f]{20}@example\.org$/);
  // 1: the token in the recipient address only (and lowercased by an MTA, then uppercased).
  const tag1 = rnd(8);
  await deliver(fixture('reply-alternative.eml', { FROM: u.email, TO: replyTo.toUpperCase(), MSGID: newId(),
    REFS: '<unrelated@elsewhere.example>', TAG: tag1 }));
  // 2: to the plain address, the token only in In-Reply-To/References; CRLF line ends.
  const tag2 = rnd(8);
  const raw2 = fixture('reply-alternative.eml', { FROM: u.email, TO: SUPPORT, MSGID: newId(), REFS: msgid, TAG: tag2 },
    { crlf: true });
  await deliver(raw2);
  const ms = await texts(c, t);
  assert.equal(ms.length, 3, 'the report and two replies');
  for (const [i, tag] of [[1, tag1], [2, tag2]]) {
    assert.ok(ms[i].includes(`It still fails after the restart — same error. ${tag}`), ms[i]);
    assert.ok(!ms[i].includes('QUOTED-HISTORY'), 'quoted history stripped');
    assert.ok(!ms[i].includes(en['mailin.marker']), 'marker stripped');
    assert.ok(!/wrote:/.test(ms[i]), 'attribution line stripped');
  }
  const log = await logOf(idOf(raw2));
  assert.equal(log[0].outcome, 'reply');
  assert.equal(Number(log[0].ticket), t.id);
  assert.equal((await ticketRow(t.id)).status, 'new', 'a requester reply keeps a new ticket new');
  assert.equal(await sqlValue(`SELECT COUNT(*) FROM tickets WHERE requester_id = ${u.id}`), '1', 'no new ticket');
});

test('HTML-only and Outlook replies become readable text', async () => {
  const { u, c, t, replyTo, msgid } = await ticketWithMail('es');
  const tag1 = rnd(8);
  await deliver(fixture('reply-html-only.eml', { FROM: u.email, TO: replyTo, MSGID: newId(), REFS: msgid, TAG: tag1 }));
  const tag2 = rnd(8);
  await deliver(fixture('reply-outlook-es.eml', { FROM: u.email, TO: replyTo, MSGID: newId(), REFS: msgid, TAG: tag2 }));
  const r = await c.get(t.path);
  const ms = messages(r.text);
  assert.equal(ms.length, 3);
  const html = ms[1].text;
  assert.ok(html.includes('Thanks & regards — the <fix> worked'), html);
  assert.ok(html.includes(`on my laptop “${tag1}”.`), 'Windows-1252 quotes converted');
  assert.ok(html.includes('- first point') && html.includes('- second point'), 'list items on their own lines');
  assert.ok(!/SCRIPT-MUST-NOT-SHOW|QUOTED-HISTORY|<p>|&amp;|Reply above/.test(html), html);
  assert.ok(!ms[1].html.includes('<fix>'), 'and it is escaped on the page');
  const ol = ms[2].text;
  assert.ok(ol.includes(`Sigue sin funcionar: el botón “Imprimir” no hace nada. ${tag2}`), ol);
  assert.ok(ol.includes('Un saludo'));
  assert.ok(!/QUOTED-HISTORY|Enviado:|Asunto:|_____/.test(ol), `Outlook header block stripped: ${ol}`);
});

test('attachments: PNG and PDF stored with their names and bytes; other files reported back', async () => {
  const { u, c, t, replyTo, msgid } = await ticketWithMail('en');
  const tag = rnd(8);
  const raw = fixture('reply-attachments.eml', { FROM: u.email, TO: replyTo, MSGID: newId(), REFS: msgid, TAG: tag });
  await deliver(raw);
  const r = await c.get(t.path);
  const last = messages(r.text).pop();
  assert.ok(last.text.includes(`Here are the screen and the report you asked for. ${tag}`));
  const files = fileLinks(r.text);
  assert.deepEqual(files.map((f) => f.name), ['pantalla ñ.png', 'informe año.pdf'], 'RFC 2231 and encoded-word names');
  const src = raw.toString('latin1');
  const b64 = (start) => Buffer.from(src.slice(src.indexOf('\n\n', src.indexOf(start)) + 2).split('\n\n')[0], 'base64');
  let d = await download(c, files[0].href);
  assert.equal(d.status, 200);
  assert.equal(d.headers.get('content-type'), 'image/png');
  assert.deepEqual(d.body, b64('filename*=UTF-8'), 'the PNG byte for byte');
  d = await download(c, files[1].href);
  assert.equal(d.headers.get('content-type'), 'application/pdf');
  assert.deepEqual(d.body, b64('filename="=?UTF-8?Q?informe'), 'the PDF byte for byte');
  assert.equal(await sqlValue(`SELECT COUNT(*) FROM ticket_files WHERE ticket_id = ${t.id} AND filename = 'setup.exe'`), '0');
  // The sender learns which file was left out.
  const notes = await mailsTo(u.email, 2);
  const note = notes.map((x) => parseMail(x.raw)).find((x) => x.text.includes('setup.exe'));
  assert.ok(note, 'a mail names the file that was not added');
  assert.ok(note.subject.includes(en['mailin.files_subject']), note.subject);
  assert.ok(note.text.includes(en['mailin.bounce.files_skipped']));
  assert.ok(!note.text.includes('pantalla'), 'only the file left out');
});

test('a reply to a solved request reopens it; a closed one answers with what to do', async () => {
  const { u, c, t, replyTo, msgid } = await ticketWithMail('en');
  await sql(`UPDATE tickets SET status = 'resolved', resolved_at = UTC_TIMESTAMP() WHERE id = ${t.id}`);
  const tag = rnd(8);
  await deliver(message({ From: u.email, To: replyTo, 'In-Reply-To': msgid, Subject: 'Re: solved?' },
    `No, it is still broken. ${tag}\n\nOn Mon, 23 Nov 2026, Ventanilla <help@example.org> wrote:\n> old`));
  const row = await ticketRow(t.id);
  assert.equal(row.status, 'open', 'reopened as "still not working" does on the web');
  assert.equal(row.resolved_at, null);
  const r = await c.get(t.path);
  assert.equal(statusShown(r.text), 'open');
  assert.ok(history(r.text).some((h) => h.includes(en['tickets.status.open'])), 'history shows the change');
  assert.ok(messages(r.text).pop().text.includes(`No, it is still broken. ${tag}`));
  // Closed: nothing added, the sender is told.
  await sql(`UPDATE tickets SET status = 'closed', closed_at = UTC_TIMESTAMP() WHERE id = ${t.id}`);
  const before = (await texts(c, t)).length;
  const raw = message({ From: u.email, To: replyTo, Subject: 'Re: closed' }, `One more thing ${rnd(6)}`);
  await deliver(raw);
  assert.equal((await texts(c, t)).length, before, 'not added to a closed request');
  assert.deepEqual((await logOf(idOf(raw))).map((l) => [l.outcome, l.reason]), [['bounced', 'closed']]);
  const all = await mailsTo(u.email, 2);
  const m = await mailFor(sink, u.email, { count: all.length });
  assert.ok(m.subject.includes(en['mailin.bounce_subject']), m.subject);
  assert.ok(m.text.includes(en['mailin.bounce.closed']), 'says why, in the user\'s language');
  assert.ok(m.text.includes(`/tickets/${t.number}`), 'and links the request');
  assert.ok(!m.header('reply-to'), 'an answer carries no reply token');
});

test('the team hears of a requester\'s reply by mail and answers by mail; the requester is notified', async () => {
  const { u, c, t, replyTo } = await ticketWithMail('en', 'question');
  const agent = await createAgent({ tag: 'miag', teams: [tp.question.team] });
  const outsider = await createAgent({ tag: 'miout', teams: [] });
  const asked = rnd(8);
  await deliver(message({ From: u.email, To: replyTo, Subject: 'Re: more' }, `Which driver do I need? ${asked}`));
  // Nobody is assigned: the agents of the ticket's team get the reply, with their own token.
  const note = await mailFor(sink, agent.email);
  assert.ok(note.subject.includes(en['mailin.staff.subject']) && note.subject.includes(t.number), note.subject);
  assert.ok(note.text.includes(`Which driver do I need? ${asked}`), 'the requester\'s words are in the mail');
  assert.ok(note.html.includes(`Which driver do I need? ${asked}`));
  assert.ok(note.text.startsWith(en['mailin.marker']));
  assert.equal(note.header('reply-to'), `help+${token(t.id, agent.id)}@example.org`);
  assert.equal(await sqlValue(`SELECT COUNT(*) FROM outbox WHERE to_addr = ${q(outsider.email)}`), '0',
    'agents of other teams are not told');
  assert.equal(await sqlValue(`SELECT COUNT(*) FROM outbox WHERE to_addr = ${q(u.email)} AND subject LIKE ${q(`%${en['mailin.staff.subject']}%`)}`),
    '0', 'the writer is not told about their own words');
  // The agent answers that mail from their mail program.
  const tag = rnd(8);
  await deliver(fixture('reply-flowed.eml', { FROM: agent.email, TO: note.header('reply-to'), MSGID: newId(),
    REFS: note.header('message-id'), TAG: `Please restart the spooler. ${tag}` }));
  const r = await c.get(t.path);
  const last = messages(r.text).pop();
  assert.ok(last.text.includes(`Please restart the spooler. ${tag}`), last.text);
  assert.ok(last.text.includes(agent.name), 'written by the agent');
  assert.ok(!/QUOTED-HISTORY|Test Person|Which driver/.test(last.text), 'quoted history and signature stripped');
  // Once assigned, only the assignee hears of the next reply.
  await sql(`UPDATE tickets SET assignee_id = ${agent.id} WHERE id = ${t.id}`);
  const agent2 = await createAgent({ tag: 'miag3', teams: [tp.question.team] });
  await deliver(message({ From: u.email, To: replyTo, Subject: 'Re: ok' }, 'Thanks, trying now.'));
  assert.equal(await sqlValue(`SELECT COUNT(*) FROM outbox WHERE to_addr = ${q(agent2.email)}`), '0');
  assert.equal(await sqlValue(`SELECT COUNT(*) FROM outbox WHERE to_addr = ${q(agent.email)}`), '2');
  const row = await ticketRow(t.id);
  assert.equal(row.status, 'open', 'a public staff reply opens a new ticket');
  assert.ok(row.first_response_at, 'first response time recorded');
  const m = (await mailsTo(u.email, 2)).map((x) => parseMail(x.raw))
    .find((x) => x.subject.includes(en['mail.ticket.subject_reply']));
  assert.ok(m, 'the requester is told of the reply');
  assert.ok((m.header('reply-to') || '').includes(token(t.id, u.id)), 'the requester\'s own token');
  // An agent of another team may not.
  const other = await createAgent({ tag: 'miag2', teams: [] });
  const raw = message({ From: other.email, To: `help+${token(t.id, other.id)}@example.org`, Subject: 'x' }, 'Not my ticket');
  await deliver(raw);
  assert.deepEqual((await logOf(idOf(raw))).map((l) => [l.outcome, l.reason]), [['bounced', 'not_allowed']]);
  assert.ok(!(await texts(c, t)).some((x) => x.includes('Not my ticket')));
});

test('a reply on the web reaches the team by mail too, and their mail answer lands on the ticket', async () => {
  const { u, c, t } = await ticketWithMail('en', 'question');
  const agent = await createAgent({ tag: 'miweb', teams: [tp.question.team] });
  const words = `Typed on the portal ${rnd(8)}`;
  const r = await postMultipart(c, `${t.path}/reply`, [['body', words]]);
  assert.equal(r.status, 303);
  const note = await mailFor(sink, agent.email);
  assert.ok(note.text.includes(words));
  const tag = rnd(8);
  await deliver(fixture('reply-alternative.eml', { FROM: agent.email, TO: SUPPORT, MSGID: newId(),
    REFS: note.header('message-id'), TAG: tag }));
  assert.ok((await texts(c, t)).pop().includes(`It still fails after the restart — same error. ${tag}`));
  assert.equal(await sqlValue(`SELECT COUNT(*) FROM outbox WHERE to_addr = ${q(u.email)}` +
    ` AND subject LIKE ${q(`%${en['mailin.staff.subject']}%`)}`), '0');
});

test('the subject alone never adds to a ticket; forged and borrowed tokens are refused', async () => {
  const { u, c, t, replyTo } = await ticketWithMail('en');
  const tok = /\+(t\d+u\d+k[0-9a-f]{20})@/.exec(replyTo)[1];
  // The number in the subject, no token: a new request, not an addition.
  let raw = message({ From: u.email, To: SUPPORT, Subject: `Re: [${t.number}] We received your request` },
    `SUBJECT-ONLY ${rnd(6)}`);
  await deliver(raw);
  assert.ok(!(await texts(c, t)).some((x) => x.includes('SUBJECT-ONLY')), 'not added by the subject');
  assert.equal((await logOf(idOf(raw)))[0].outcome, 'new_ticket');
  // Another ticket's number with this MAC: forged.
  const other = await ticketWithMail('en');
  const forged = tok.replace(/^t\d+/, `t${other.t.id}`);
  raw = fixture('reply-flowed.eml', { FROM: u.email, TO: `help+${forged}@example.org`, MSGID: newId(),
    REFS: '<none@client.test.example>', TAG: `FORGED ${rnd(6)}` });
  await deliver(raw);
  assert.deepEqual((await logOf(idOf(raw))).map((l) => [l.outcome, l.reason]), [['bounced', 'bad_token']]);
  // A changed MAC.
  raw = message({ From: u.email, To: `help+${tok.slice(0, -1)}${tok.endsWith('0') ? '1' : '0'}@example.org`,
    Subject: 'Re: x' }, `FORGED ${rnd(6)}`);
  await deliver(raw);
  assert.deepEqual((await logOf(idOf(raw))).map((l) => [l.outcome, l.reason]), [['bounced', 'bad_token']]);
  // The real token of another user's ticket, sent from someone else's address.
  const otherTok = /\+(t\d+u\d+k[0-9a-f]{20})@/.exec(other.replyTo)[1];
  raw = message({ From: u.email, To: `help+${otherTok}@example.org`, Subject: 'Re: y' }, `BORROWED ${rnd(6)}`);
  await deliver(raw);
  assert.deepEqual((await logOf(idOf(raw))).map((l) => [l.outcome, l.reason]), [['bounced', 'not_allowed']]);
  assert.ok(!(await texts(other.c, other.t)).some((x) => /FORGED|BORROWED/.test(x)), 'nothing reached the other ticket');
  // Each refusal is answered.
  const got = await mailsTo(u.email, 5);
  assert.ok(got.length >= 5, 'confirmation, new-ticket confirmation and three answers');
  const last = await mailFor(sink, u.email, { count: got.length });
  assert.ok(last.text.includes(en['mailin.bounce.not_allowed']));
  assert.ok(!last.text.includes(other.t.number), 'the answer does not name a ticket the sender may not see');
  assert.ok(last.text.includes('/tickets/\n') || /\/tickets\/\s/.test(last.text), 'it points to their own requests');
});

test('unknown senders, disabled accounts and empty replies get an answer', async () => {
  const stranger = `stranger-${rnd(8)}@outside.example.net`;
  let raw = fixture('reply-flowed.eml', { FROM: stranger, TO: SUPPORT, MSGID: newId(), REFS: '<none@x.example>',
    TAG: 'Who are you?' });
  await deliver(raw);
  assert.deepEqual((await logOf(idOf(raw))).map((l) => [l.outcome, l.reason]), [['bounced', 'unknown_sender']]);
  const m = await mailFor(sink, stranger);
  assert.ok(m.text.includes(en['mailin.bounce.unknown_sender']), 'English');
  assert.ok(m.text.includes(es['mailin.bounce.unknown_sender']), 'and Spanish: we do not know their language');
  assert.ok(m.subject.includes(en['mailin.bounce_subject']) && m.subject.includes(es['mailin.bounce_subject']));
  assert.ok(m.text.includes('/tickets/new'), 'points to the portal');
  assert.equal(m.header('auto-submitted'), 'auto-generated', 'marked as automatic');

  const off = await createUser({ tag: 'mioff', lang: 'es' });
  await sql(`UPDATE users SET active = 0 WHERE id = ${off.id}`);
  raw = message({ From: off.email, To: SUPPORT, Subject: 'Hola' }, 'Estoy desactivado');
  await deliver(raw);
  assert.deepEqual((await logOf(idOf(raw))).map((l) => [l.outcome, l.reason]), [['bounced', 'disabled']]);
  assert.equal(await sqlValue(`SELECT COUNT(*) FROM tickets WHERE requester_id = ${off.id}`), '0');
  const m2 = await mailFor(sink, off.email);
  assert.ok(m2.text.includes(es['mailin.bounce.disabled']), 'in the user\'s language');

  const { u, c, t, replyTo } = await ticketWithMail('en');
  raw = message({ From: u.email, To: replyTo, Subject: 'Re: x' },
    '\n\nOn Mon, 23 Nov 2026, Ventanilla <help@example.org> wrote:\n> Reply above this line\n> hello');
  await deliver(raw);
  assert.deepEqual((await logOf(idOf(raw))).map((l) => [l.outcome, l.reason]), [['bounced', 'empty']]);
  assert.equal((await texts(c, t)).length, 1, 'nothing added');
  const m3 = await mailFor(sink, u.email, { count: 2 });
  assert.ok(m3.text.includes(en['mailin.bounce.empty']));
});

test('automatic mail and loops are logged, never answered', async () => {
  const { u, c, t, replyTo, msgid } = await ticketWithMail('en');
  const cases = [
    ['auto_reply', fixture('auto-reply.eml', { FROM: u.email, TO: replyTo, MSGID: newId(), REFS: msgid, TAG: rnd(6) })],
    ['bulk', message({ From: u.email, To: replyTo, Precedence: 'bulk', Subject: 'news' }, 'AUTO bulk')],
    ['null_sender', message({ From: u.email, To: replyTo, 'Return-Path': '<>', Subject: 'x' }, 'AUTO null')],
    ['null_sender', message({ From: `MAILER-DAEMON@${u.email.split('@')[1]}`, To: SUPPORT, Subject: 'Undelivered' }, 'AUTO dsn')],
    ['loop', message({ From: 'Ventanilla <help@example.org>', To: SUPPORT, Subject: 'ours' }, 'AUTO own')],
    ['loop', message({ From: 'help+t1u1k00000000000000000000@example.org', To: SUPPORT, Subject: 'ours' }, 'AUTO own token')],
  ];
  const queuedBefore = await sqlValue('SELECT COUNT(*) FROM outbox');
  for (const [reason, raw] of cases) {
    await deliver(raw);
    assert.deepEqual((await logOf(idOf(raw))).map((l) => [l.outcome, l.reason]), [['ignored', reason]], reason);
  }
  assert.equal(await sqlValue('SELECT COUNT(*) FROM outbox'), queuedBefore, 'no mail queued for any of them');
  assert.ok(!(await texts(c, t)).some((x) => /AUTO/.test(x)), 'nothing added');
  // Auto-Submitted: no is a person.
  await deliver(message({ From: u.email, To: replyTo, 'Auto-Submitted': 'no', Subject: 'Re' }, 'A person wrote this'));
  assert.ok((await texts(c, t)).some((x) => x.includes('A person wrote this')));
});

test('a repeated Message-ID (MTA retry) is taken once', async () => {
  const { u, c, t, replyTo, msgid } = await ticketWithMail('en');
  const raw = fixture('reply-flowed.eml', { FROM: u.email, TO: replyTo, MSGID: newId(), REFS: msgid, TAG: `ONCE ${rnd(8)}` });
  await deliver(raw);
  await deliver(raw);
  const added = (await texts(c, t)).filter((x) => x.includes('ONCE'));
  assert.equal(added.length, 1);
  assert.ok(added[0].includes('the error appears only when I print more than one page at a time. ONCE'),
    `format=flowed lines joined: ${added[0]}`);
  assert.ok(!added[0].includes('QUOTED-HISTORY'), 'history stripped');
  assert.ok(!added[0].includes('Test Person'), 'signature stripped');
  assert.deepEqual((await logOf(idOf(raw))).map((l) => l.outcome), ['reply', 'duplicate']);
});

test('too large a message is refused with a mail saying so', async () => {
  const small = join(tmp, 'small.conf');
  writeFileSync(small, readFileSync(CONF, 'utf8').replace(/mail = \{/, 'mail = {\n  incoming_max_bytes = 1048576;'));
  const { u, c, t, replyTo } = await ticketWithMail('en');
  const big = 'x'.repeat(76) + '\n';
  const raw = message({ From: u.email, To: replyTo, Subject: 'Re: big' }, `BIG ${rnd(6)}\n${big.repeat(16000)}`);
  assert.ok(raw.length > 1048576);
  const r = await deliver(raw, { conf: small });
  assert.match(r.stderr, /refused/);
  assert.deepEqual((await logOf(idOf(raw))).map((l) => [l.outcome, l.reason]), [['bounced', 'too_large']]);
  assert.equal((await texts(c, t)).length, 1, 'nothing added');
  const m = await mailFor(sink, u.email, { count: 2 });
  assert.ok(m.text.includes(en['mailin.bounce.too_large']));
  assert.ok(m.text.includes(`${en['mailin.limit']} 1 MB`), 'names the limit');
});

test('a forwarded message opens a request with the forwarded text', async () => {
  const u = await createUser({ tag: 'mifwd', lang: 'en' });
  const tag = rnd(8);
  await deliver(fixture('forwarded.eml', { FROM: u.email, TO: SUPPORT, MSGID: newId(), TAG: tag }));
  const id = await sqlValue(`SELECT id FROM tickets WHERE requester_id = ${u.id}`);
  assert.ok(id);
  assert.equal(await sqlValue(`SELECT subject FROM tickets WHERE id = ${id}`), `Fwd: Aviso de caducidad de la cuenta ${tag}`);
  const c = await signedIn(u);
  const [m] = await texts(c, { path: `/tickets/${number(id)}` });
  assert.ok(m.includes('Is this real?'));
  assert.ok(m.includes('FORWARDED-TEXT Tu cuenta caduca hoy. Pulsa aquí para renovarla.'), m);
  assert.ok(m.includes('Subject: Tu cuenta caduca hoy'), 'the forwarded message\'s headers in short');
});

test('admins see what came in by mail at /admin/mail; nobody else does', async () => {
  const stranger = `listed-${rnd(8)}@outside.example.net`;
  const subject = `Listed <b>${rnd(6)}</b>`;
  const raw = message({ From: stranger, To: SUPPORT, Subject: subject }, 'Hello');
  await deliver(raw);
  const admin = await createUser({ tag: 'miadm', roles: 'requester,admin' });
  const a = await signedIn(admin);
  let r = await a.get('/admin/');
  assert.ok(r.text.includes('href="/admin/mail"'), 'linked from the admin home');
  r = await a.get(`/admin/mail?q=${encodeURIComponent(stranger)}`);
  assert.equal(r.status, 200);
  const row = rows(r.text).find((x) => x.includes(stranger));
  assert.ok(row, 'the message is listed');
  assert.ok(row.includes(subject), 'with its subject');
  assert.ok(r.text.includes('Listed &lt;b&gt;'), 'escaped');
  assert.ok(row.includes(`${en['mailin.outcomes.bounced']}: ${en['mailin.reasons.unknown_sender']}`),
    `outcome and reason in words: ${row}`);
  r = await a.get(`/admin/mail?outcome=ignored&q=${encodeURIComponent(stranger)}`);
  assert.ok(!rows(r.text).some((x) => x.includes(stranger)), 'filtered by outcome');
  r = await a.get('/admin/mail?outcome=bogus');
  assert.equal(r.status, 400);
  r = await a.get(`/admin/mail?q=${encodeURIComponent(stranger)}`, { headers: { accept: 'application/json' } });
  assert.equal(r.json().Mail[0].from_addr, stranger, 'JSON too');
  const u = await createUser({ tag: 'minoadm' });
  const c = await signedIn(u);
  r = await c.get('/admin/mail');
  assert.notEqual(r.status, 200, 'not for requesters');
  assert.ok(!r.text.includes(stranger));
});

test('a sender who keeps being refused gets at most 5 answers an hour', async () => {
  const robot = `robot-${rnd(8)}@outside.example.net`;
  const outcomes = [];
  for (let i = 0; i < 7; i++) {
    const raw = message({ From: robot, To: SUPPORT, Subject: `Ping ${i}` }, 'ping');
    await deliver(raw);
    outcomes.push((await logOf(idOf(raw))).map((l) => `${l.outcome}:${l.reason}`)[0]);
  }
  assert.deepEqual(outcomes, [...Array(5).fill('bounced:unknown_sender'), 'ignored:bounce_limit', 'ignored:bounce_limit']);
  assert.equal(await sqlValue(`SELECT COUNT(*) FROM outbox WHERE to_addr = ${q(robot)}`), '5');
});

// ------------------------------------------------------------ the team hears of new requests

/** A team of its own with a topic (last in the form): { name, gid, cid, slug }. */
async function freshTeam(tag) {
  const name = `Mail team ${tag} ${rnd(6)}`;
  await sql(`INSERT INTO \`groups\` (name) VALUES (${q(name)})`);
  const gid = Number(await sqlValue(`SELECT id FROM \`groups\` WHERE name = ${q(name)}`));
  const slug = `mt-${rnd(10)}`;
  await sql('INSERT INTO ticket_categories (slug, name_en, name_es, group_id, position) VALUES' +
    ` (${q(slug)}, ${q(`Topic ${slug}`)}, ${q(`Tema ${slug}`)}, ${gid}, 9999)`);
  const cid = Number(await sqlValue(`SELECT id FROM ticket_categories WHERE slug = ${q(slug)}`));
  return { name, gid, cid, slug };
}

/** An agent of team (with a language, or none). */
async function teamAgent(team, tag, lang) {
  const a = await createAgent({ tag, teams: [team.name] });
  if (lang) await sql(`UPDATE users SET language = ${q(lang)} WHERE id = ${a.id}`);
  return a;
}

/** Report on the web form to a topic id as client c; returns { id, number, path }. */
async function reportTopic(c, cid, subject, body, extra = []) {
  const r = await postMultipart(c, '/tickets/new', [['step', '2'], ['subject', subject], ['category', String(cid)],
    ['body', body], ['impact', '3'], ['urgency', '3'], ...extra]);
  assert.equal(r.status, 303, `ticket created (status ${r.status})`);
  const id = Number(await sqlValue(`SELECT MAX(id) FROM tickets WHERE subject = ${q(subject)}`));
  return { id, number: number(id), path: `/tickets/${number(id)}` };
}

/** The staff mails queued to addr about ticket number n (subjects). */
async function staffQueued(addr, n) {
  return (await sql(`SELECT subject FROM outbox WHERE to_addr = ${q(addr)} AND subject LIKE ${q(`[${n}]%`)}` +
    ' ORDER BY id')).map((x) => x[0]);
}

test('a new request reaches the agents of its team by mail, each in their language, with a link', async () => {
  const team = await freshTeam('new');
  const aEn = await teamAgent(team, 'mnen', 'en');
  const aEs = await teamAgent(team, 'mnes', 'es');
  const aNone = await teamAgent(team, 'mnnone', null);
  const off = await teamAgent(team, 'mnoff', 'en');
  await sql(`UPDATE users SET active = 0 WHERE id = ${off.id}`);
  const plain = await createUser({ tag: 'mnplain' });   // in the team but not an agent
  await sql(`INSERT INTO user_groups (user_id, group_id) VALUES (${plain.id}, ${team.gid})`);
  const outsider = await createAgent({ tag: 'mnout', teams: ['Service Desk'] });
  const u = await createUser({ tag: 'mnreq', lang: 'es' });
  const c = await signedIn(u);
  const tag = rnd(8);
  const t = await reportTopic(c, team.cid, `Printer <b>${tag}</b>`, `The printer on floor 2 jams. ${tag}`);
  for (const a of [aEn, aEs, aNone])
    assert.deepEqual(await staffQueued(a.email, t.number),
      [`[${t.number}] ${(a === aEs ? es : en)['mailin.staff.new_subject']}`], `one mail for ${a.email}`);
  for (const x of [off, plain, outsider])
    assert.deepEqual(await staffQueued(x.email, t.number), [], `nothing for ${x.email}`);
  assert.deepEqual(await staffQueued(u.email, t.number), [`[${t.number}] ${es['mail.ticket.subject_new']}`],
    'the requester gets the confirmation only');
  // In Spanish for the Spanish agent, with what the team needs to pick it up.
  const m = await mailFor(sink, aEs.email);
  assert.equal(m.subject, `[${t.number}] ${es['mailin.staff.new_subject']}`);
  assert.ok(m.text.startsWith(es['mailin.marker']), 'they can answer by mail');
  assert.ok(m.text.includes(es['mailin.staff.new_team']), m.text);
  assert.ok(m.text.includes(`${t.number}: Printer <b>${tag}</b>`));
  assert.ok(m.text.includes(`The printer on floor 2 jams. ${tag}`), 'the description');
  assert.ok(m.text.includes(`${es['mailin.staff.from']} ${u.name}`));
  assert.ok(m.text.includes(`${es['mailin.staff.team']} ${team.name}`));
  assert.ok(m.text.includes(`${es['mailin.staff.topic']} Tema ${team.slug}`), 'the topic in their language');
  assert.ok(m.text.includes(`${es['mailin.staff.channel']} ${es['tickets.channel_names.portal']}`));
  assert.equal(linkIn(m.text, '/tickets/'), t.path, 'links the request');
  assert.ok(m.html.includes(`href="${BASE}${t.path}"`));
  assert.ok(m.html.includes(`Printer &lt;b&gt;${tag}`) && !m.html.includes('<b>'), 'escaped in HTML');
  assert.equal(m.header('reply-to'), `help+${token(t.id, aEs.id)}@example.org`, 'their own reply token');
  assert.ok((m.header('message-id') || '').includes(`vt.${token(t.id, aEs.id)}.`));
  // English for the others (no language chosen: the site's).
  for (const a of [aEn, aNone]) {
    const e = await mailFor(sink, a.email);
    assert.equal(e.subject, `[${t.number}] ${en['mailin.staff.new_subject']}`);
    assert.ok(e.text.includes(en['mailin.staff.new_team']) && e.text.includes(`Topic ${team.slug}`));
    assert.equal(e.header('reply-to'), `help+${token(t.id, a.id)}@example.org`);
  }
  // The Spanish agent answers from their mail program: a public reply, the requester is told.
  const words = `Reiniciad la cola de impresión. ${rnd(8)}`;
  await deliver(fixture('reply-flowed.eml', { FROM: aEs.email, TO: m.header('reply-to'), MSGID: newId(),
    REFS: m.header('message-id'), TAG: words }));
  assert.ok((await texts(c, t)).pop().includes(words));
  assert.equal((await ticketRow(t.id)).status, 'open');
  await sql(`UPDATE ticket_categories SET active = 0 WHERE id = ${team.cid}`);
});

test('requests opened by phone, by the API and by mail reach the team too, never the one who opened them', async () => {
  const team = await freshTeam('chan');
  const phone = await teamAgent(team, 'mnphone', 'en');
  const mate = await teamAgent(team, 'mnmate', 'en');
  const caller = await createUser({ tag: 'mncall', lang: 'en' });
  const pc = await signedIn(phone);
  const tag = rnd(8);
  // By phone: an agent of the team opens it for a caller.
  const tp1 = await reportTopic(pc, team.cid, `Phone ${tag}`, `She called: no network. ${tag}`,
    [['for', String(caller.id)]]);
  assert.equal(await sqlValue(`SELECT channel FROM tickets WHERE id = ${tp1.id}`), 'phone');
  assert.deepEqual(await staffQueued(phone.email, tp1.number), [], 'not to the agent who opened it');
  assert.deepEqual(await staffQueued(caller.email, tp1.number), [`[${tp1.number}] ${en['mail.ticket.subject_new']}`]);
  let m = await mailFor(sink, mate.email);
  assert.ok(m.subject.includes(tp1.number));
  assert.ok(m.text.includes(`${en['mailin.staff.channel']} ${en['tickets.channel_names.phone']}`));
  assert.ok(m.text.includes(`${en['mailin.staff.from']} ${caller.name}`), 'names the caller');
  // By the API, with the caller's token.
  const cc = await signedIn(caller);
  const r = await cc.post('/account/tokens', { token_name: `Mail ${tag}`, expires_days: '90' });
  const apiToken = tags(r.text, 'input').find((x) => x.id === 'new-token').value;
  const res = await fetch(`${BASE}/api/v1/tickets`, { method: 'POST',
    headers: { authorization: `Bearer ${apiToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ subject: `API ${tag}`, description: `From the monitoring ${tag}`, category: team.cid }) });
  assert.equal(res.status, 201, await res.text());
  const ta = Number(await sqlValue(`SELECT id FROM tickets WHERE subject = ${q(`API ${tag}`)}`));
  assert.deepEqual(await staffQueued(mate.email, number(ta)), [`[${number(ta)}] ${en['mailin.staff.new_subject']}`]);
  m = await mailFor(sink, mate.email, { count: 2 });
  assert.ok(m.text.includes(`${en['mailin.staff.channel']} ${en['tickets.channel_names.api']}`));
  assert.ok(m.text.includes(`From the monitoring ${tag}`));
  // By mail, to a support address whose requests go to this team's topic.
  const conf = join(tmp, 'topic.conf');
  writeFileSync(conf, readFileSync(CONF, 'utf8').replace(/mail = \{/, `mail = {\n  default_category = "${team.slug}";`));
  await deliver(message({ From: caller.email, To: SUPPORT, Subject: `Mailed ${tag}` }, `Mailed words ${tag}`), { conf });
  const tm = Number(await sqlValue(`SELECT id FROM tickets WHERE subject = ${q(`Mailed ${tag}`)}`));
  assert.equal(await sqlValue(`SELECT group_id FROM tickets WHERE id = ${tm}`), String(team.gid));
  assert.deepEqual(await staffQueued(mate.email, number(tm)), [`[${number(tm)}] ${en['mailin.staff.new_subject']}`]);
  assert.deepEqual(await staffQueued(phone.email, number(tm)), [`[${number(tm)}] ${en['mailin.staff.new_subject']}`]);
  assert.deepEqual(await staffQueued(caller.email, number(tm)), [`[${number(tm)}] ${en['mail.ticket.subject_new']}`],
    'the writer gets the confirmation, not the team mail');
  m = await mailFor(sink, mate.email, { count: 3 });
  assert.ok(m.text.includes(`${en['mailin.staff.channel']} ${en['tickets.channel_names.email']}`));
  assert.ok(m.text.includes(`Mailed words ${tag}`));
  // An assigned request: only the assignee hears of the requester's next words.
  await sql(`UPDATE tickets SET assignee_id = ${phone.id} WHERE id = ${tm}`);
  await cc.post(`/tickets/${number(tm)}/reply`, { body: `More words ${tag}` });
  const subj = `[${number(tm)}] ${en['mailin.staff.subject']}`;
  assert.ok((await staffQueued(phone.email, number(tm))).includes(subj));
  assert.ok(!(await staffQueued(mate.email, number(tm))).includes(subj));
  await sql(`UPDATE ticket_categories SET active = 0 WHERE id = ${team.cid}`);
});

test('every agent of a large team is told (no cap at 50), and one worker run sends them all', async () => {
  const team = await freshTeam('big');
  const tg = rnd(8);
  const emails = Array.from({ length: 120 }, (_, i) => `many-${tg}-${i}@example.org`);
  await sql(`INSERT INTO users (email, name, roles, language) VALUES ${emails.map((e, i) =>
    `(${q(e)}, ${q(`Agent ${i}`)}, 'requester,agent', ${q(i % 2 ? 'es' : '')})`).join(', ')}`);
  await sql(`INSERT INTO user_groups (user_id, group_id) SELECT id, ${team.gid} FROM users WHERE email LIKE ${q(`many-${tg}-%`)}`);
  const u = await createUser({ tag: 'mnbig' });
  const t = await reportTopic(await signedIn(u), team.cid, `Big team ${tg}`, 'Everyone should know.');
  const [[all, distinct, es_]] = await sql('SELECT COUNT(*), COUNT(DISTINCT reply_token),' +
    ` SUM(subject = ${q(`[${t.number}] ${es['mailin.staff.new_subject']}`)}) FROM outbox` +
    ` WHERE to_addr LIKE ${q(`many-${tg}-%`)} AND subject LIKE ${q(`[${t.number}]%`)}`);
  assert.deepEqual([all, distinct, es_], ['120', '120', '60'], 'one mail each, each with its token, in their language');
  const queued = await sql(`SELECT reply_token FROM outbox WHERE to_addr LIKE ${q(`many-${tg}-%`)}`);
  assert.ok(queued.every(([x]) => /^t\d+u\d+$/.test(x)), 'the secret MAC is not stored in the database');
  await sendMail();
  const got = emails.map((e) => sink.to(e));
  assert.ok(got.every((x) => x.length === 1), `all 120 sent by one worker run (${got.filter((x) => x.length).length})`);
  const ids = Object.fromEntries(await sql(`SELECT email, id FROM users WHERE email LIKE ${q(`many-${tg}-%`)}`));
  for (const e of [emails[0], emails[77], emails[119]])
    assert.equal(parseMail(sink.to(e)[0].raw).header('reply-to'), `help+${token(t.id, ids[e])}@example.org`);
  await sql(`UPDATE ticket_categories SET active = 0 WHERE id = ${team.cid}`);
});

// ------------------------------------------------------------ several reply tokens in one mail

test('tokens of two requests in one mail are refused (one at a time); a token the sender may not use never wins', async () => {
  const { u, c, t, msgid } = await ticketWithMail('es');
  const t2 = await report(c, { subject: `Second ${rnd(6)}` });
  const other = await ticketWithMail('en');
  const addr = (tok) => `help+${tok}@example.org`;
  const before = [(await texts(c, t)).length, (await texts(c, t2)).length];
  // The sender's tokens for two requests (To and Cc): neither gets it, the sender is told why.
  let tag = `SEVERAL ${rnd(8)}`;
  let raw = fixture('reply-several.eml', { FROM: u.email, TO: addr(token(t.id, u.id)), CC: addr(token(t2.id, u.id)),
    MSGID: newId(), REFS: msgid, TAG: tag });
  await deliver(raw);
  assert.deepEqual(await logOf(idOf(raw)), [{ outcome: 'bounced', reason: 'several_tickets', ticket: null, user: String(u.id) }]);
  assert.deepEqual([(await texts(c, t)).length, (await texts(c, t2)).length], before, 'added to neither');
  let m = await mailFor(sink, u.email, { count: sink.to(u.email).length + 1 });
  assert.ok(m.subject.includes(es['mailin.bounce_subject']), m.subject);
  assert.ok(m.text.includes(es['mailin.bounce.several_tickets']), 'in the sender\'s language');
  assert.ok(!m.text.includes(en['mailin.bounce.several_tickets']), 'only theirs');
  assert.ok(m.text.includes(`${es['mailin.several']} ${t.number}, ${t2.number}`), m.text);
  assert.ok(!m.header('reply-to'), 'no reply token in a refusal');
  // The same request in To and References: taken.
  tag = `SAME ${rnd(8)}`;
  raw = fixture('reply-several.eml', { FROM: u.email, TO: addr(token(t.id, u.id)), CC: SUPPORT, MSGID: newId(), REFS: msgid, TAG: tag });
  await deliver(raw);
  assert.equal((await logOf(idOf(raw)))[0].outcome, 'reply');
  assert.ok((await texts(c, t)).pop().includes(tag));
  // Someone else's valid token first, the sender's own after it: the sender's wins.
  tag = `OWN-WINS ${rnd(8)}`;
  raw = fixture('reply-several.eml', { FROM: u.email, TO: addr(token(other.t.id, other.u.id)), CC: SUPPORT, MSGID: newId(),
    REFS: msgid, TAG: tag });
  await deliver(raw);
  assert.deepEqual((await logOf(idOf(raw))).map((l) => [l.outcome, l.ticket]), [['reply', String(t.id)]]);
  assert.ok((await texts(c, t)).pop().includes(tag));
  assert.ok(!(await texts(other.c, other.t)).some((x) => x.includes('OWN-WINS')), 'nothing on the other request');
  // A closed request's token next to an open one's: the open one.
  await sql(`UPDATE tickets SET status = 'closed', closed_at = UTC_TIMESTAMP() WHERE id = ${t2.id}`);
  tag = `OPEN-WINS ${rnd(8)}`;
  raw = fixture('reply-several.eml', { FROM: u.email, TO: addr(token(t2.id, u.id)), CC: addr(token(t.id, u.id)),
    MSGID: newId(), REFS: '<old@client.test.example>', TAG: tag });
  await deliver(raw);
  assert.deepEqual((await logOf(idOf(raw))).map((l) => [l.outcome, l.ticket]), [['reply', String(t.id)]]);
  assert.ok((await texts(c, t)).pop().includes(tag));
  // An agent's token for a request outside their team next to a good one: the good one.
  const agent = await createAgent({ tag: 'misev', teams: [tp.question.team] });
  const away = await insertTicket({ requester: other.u, topic: 'network', subject: `Away ${rnd(6)}` });
  tag = `AGENT ${rnd(8)}`;
  raw = fixture('reply-several.eml', { FROM: agent.email, TO: addr(token(away.id, agent.id)), CC: addr(token(t.id, agent.id)),
    MSGID: newId(), REFS: '<old2@client.test.example>', TAG: tag });
  await deliver(raw);
  assert.deepEqual((await logOf(idOf(raw))).map((l) => [l.outcome, l.ticket]), [['reply', String(t.id)]]);
  assert.equal(await sqlValue(`SELECT COUNT(*) FROM ticket_messages WHERE ticket_id = ${away.id} AND body LIKE ${q(`%${tag}%`)}`), '0');
  // Only tokens the sender may not use: refused as before, naming no request.
  raw = fixture('reply-several.eml', { FROM: u.email, TO: addr(token(other.t.id, other.u.id)), CC: addr(token(away.id, agent.id)),
    MSGID: newId(), REFS: '<old3@client.test.example>', TAG: `NONE ${rnd(6)}` });
  await deliver(raw);
  assert.deepEqual((await logOf(idOf(raw))).map((l) => [l.outcome, l.reason]), [['bounced', 'not_allowed']]);
  m = await mailFor(sink, u.email, { count: sink.to(u.email).length + 1 });
  assert.ok(!m.text.includes(other.t.number) && !m.text.includes(away.number), 'no request named');
});

// ------------------------------------------------------------ the log is kept for a while

test('the worker deletes incoming mail log entries older than mail.incoming_log_days, in batches', async () => {
  const tg = rnd(8);
  const ins = (days, n) => sql('INSERT INTO mail_in_log (received_at, message_id, from_addr, outcome)' +
    ` SELECT NOW() - INTERVAL ${days} DAY, CONCAT(${q(`<old-${tg}-${days}-`)}, seq, '>'), 'old@example.net', 'ignored'` +
    ` FROM seq_1_to_${n}`);
  await ins(91, 2500);
  await ins(89, 3);
  const count = async (days) => Number(await sqlValue('SELECT COUNT(*) FROM mail_in_log' +
    ` WHERE message_id LIKE ${q(`<old-${tg}-${days}-%`)}`));
  const worker = (conf) => mailIn('', { conf, args: ['worker', '--once'] });
  let r = await worker(CONF);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /mail log deleted ([1-9]\d*)/);
  assert.ok(Number(/mail log deleted (\d+)/.exec(r.stdout)[1]) >= 2500, r.stdout);
  assert.deepEqual([await count(91), await count(89)], [0, 3], 'older than 90 days (the default) gone, the rest kept');
  assert.ok(await sqlValue(`SELECT COUNT(*) FROM mail_in_log WHERE received_at > NOW() - INTERVAL 1 DAY`) > 0,
    'today\'s mail stays');
  // 0 keeps everything; a shorter time deletes more.
  const keep = join(tmp, 'keep.conf');
  writeFileSync(keep, readFileSync(CONF, 'utf8').replace(/mail = \{/, 'mail = {\n  incoming_log_days = 0;'));
  r = await worker(keep);
  assert.match(r.stdout, /mail log deleted 0/);
  assert.equal(await count(89), 3);
  const short = join(tmp, 'short.conf');
  writeFileSync(short, readFileSync(CONF, 'utf8').replace(/mail = \{/, 'mail = {\n  incoming_log_days = 30;'));
  r = await worker(short);
  assert.equal(await count(89), 0);
  const bad = join(tmp, 'bad.conf');
  writeFileSync(bad, readFileSync(CONF, 'utf8').replace(/mail = \{/, 'mail = {\n  incoming_log_days = -1;'));
  r = await worker(bad);
  assert.notEqual(r.code, 0, 'a negative number of days is refused');
});
