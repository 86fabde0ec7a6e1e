// 35-tickets-sla.test.mjs - service levels on the real stack: due times per
// priority at creation, recomputed on a priority change, the pause while
// pending, the first reply, the agents' due words and queue filter/sort, the
// worker's escalation with a fixed clock (once per rule), keyword rules at
// creation, and the admin pages' checks (bad input, CSRF, non-admins).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  createUser, mainOf, parseMail, q, rnd, shows, signedIn, sql, sqlValue, startSmtpSink, T, textOf, ventanilla,
} from './lib.mjs';
import { createAgent, insertTicket, queueRows, report, teamId, ticketRow, topics } from './tickets-lib.mjs';

const en = T('en');
const es = T('es');
const tag = rnd(8);
let requester, agent, admin, rc, ac, adm, sink, savedPolicies;

/** Minutes from a ticket's creation to its due times. */
async function dueMinutes(id) {
  const [[fr, res]] = await sql('SELECT TIMESTAMPDIFF(MINUTE, created_at, first_response_due),' +
    ` TIMESTAMPDIFF(MINUTE, created_at, resolution_due) FROM tickets WHERE id = ${id}`);
  return [Number(fr), Number(res)];
}

/** Post the four targets (all on calendar cal). */
function postPolicies(c, cal, targets, opts) {
  const f = {};
  targets.forEach(([fr, res], i) => {
    f[`calendar_${i + 1}`] = String(cal);
    f[`first_${i + 1}`] = String(fr);
    f[`resolution_${i + 1}`] = String(res);
  });
  return c.post('/admin/sla/policies', f, opts);
}

/** Create a rule through the admin page; returns its id. */
async function createRule(fields) {
  const r = await adm.post('/admin/sla/rules', { enabled: '1', minutes_before: '0', ...fields });
  assert.equal(r.status, 303, `rule created: ${textOf(mainOf(r.text)).slice(0, 300)}`);
  return Number(await sqlValue(`SELECT MAX(id) FROM sla_rules WHERE name = ${q(fields.name)}`));
}

before(async () => {
  await topics();
  requester = await createUser({ tag: 'slareq', lang: 'en' });
  agent = await createAgent({ tag: 'sladesk', teams: ['Service Desk'], name: `SLA Agent ${tag}` });
  admin = await createUser({ tag: 'slaadm', roles: 'requester,admin', name: `SLA Admin ${tag}` });
  rc = await signedIn(requester);
  ac = await signedIn(agent);
  adm = await signedIn(admin);
  sink = await startSmtpSink();
  savedPolicies = await sql('SELECT priority, calendar_id, first_response_minutes, resolution_minutes' +
    ' FROM sla_policies ORDER BY priority');
  // Around the clock, so due times do not depend on when the tests run.
  const r = await postPolicies(adm, 2, [[30, 240], [120, 540], [480, 1620], [1080, 5400]]);
  assert.equal(r.status, 303);
});

after(async () => {
  await sql(`DELETE FROM sla_rules WHERE name LIKE ${q(`%${tag}%`)}`);
  for (const [p, cal, fr, res] of savedPolicies)
    await sql(`UPDATE sla_policies SET calendar_id = ${cal}, first_response_minutes = ${fr},` +
      ` resolution_minutes = ${res} WHERE priority = ${p}`);
  if (sink) await sink.close();
});

test('due times are set at creation from the priority\'s targets', async () => {
  const crit = await report(rc, { subject: `Critical ${tag}`, impact: 1, urgency: 1 });
  const low = await report(rc, { subject: `Low ${tag}`, impact: 3, urgency: 3 });
  assert.equal((await ticketRow(crit.id)).priority, '1');
  assert.deepEqual(await dueMinutes(crit.id), [30, 240]);
  assert.equal((await ticketRow(low.id)).priority, '4');
  assert.deepEqual(await dueMinutes(low.id), [1080, 5400]);
  // The requester sees nothing of it; the agent sees the due words.
  let r = await rc.get(crit.path);
  assert.ok(!textOf(mainOf(r.text)).includes(en['sla.first_due_in']), 'no SLA for requesters');
  r = await ac.get(crit.path);
  assert.equal(r.status, 200);
  const text = textOf(mainOf(r.text));
  assert.match(text, new RegExp(`${en['sla.first_due_in']} (29|30) min`));
  assert.match(text, new RegExp(`${en['sla.resolution_due_in']} (3 h 59 min|4 h)`));
  assert.match(r.text, /<time datetime="\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ">\d{4}-\d\d-\d\d \d\d:\d\d UTC<\/time>/,
    'exact time, saying it is UTC');
  const rs = await signedIn(agent, { lang: 'es' });
  r = await rs.get(crit.path);
  assert.ok(textOf(mainOf(r.text)).includes(es['sla.first_due_in']), 'in Spanish too');
});

test('due times say which time zone they are in, in the agent\'s language', async () => {
  // Critical tickets on the office-hours calendar (Madrid) for this test.
  await sql('UPDATE sla_policies SET calendar_id = 1 WHERE priority = 1');
  try {
    await zoneShown();
  } finally {
    await sql('UPDATE sla_policies SET calendar_id = 2 WHERE priority = 1');
  }
});

async function zoneShown() {
  const t = await report(rc, { subject: `Zone ${tag}`, impact: 1, urgency: 1 });
  const due = new Date(`${await sqlValue(`SELECT DATE_FORMAT(resolution_due, '%Y-%m-%dT%H:%i:%sZ') FROM tickets WHERE id = ${t.id}`)}`);
  const local = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Madrid', year: 'numeric', month: '2-digit',
    day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(due);
  let r = await ac.get(t.path);
  let side = textOf(/<dl class="facts sla">([\s\S]*?)<\/dl>/.exec(r.text)[1]);
  assert.match(side, new RegExp(`${local} Madrid time \\(UTC\\+0[12]:00\\)`), `named zone: ${side}`);
  assert.ok(r.text.includes(`<time datetime="${due.toISOString().slice(0, 19)}Z">${local} Madrid`), 'machine-readable UTC');
  const rs = await signedIn(agent, { lang: 'es' });
  r = await rs.get(t.path);
  side = textOf(/<dl class="facts sla">([\s\S]*?)<\/dl>/.exec(r.text)[1]);
  assert.match(side, new RegExp(`${local} hora de Madrid \\(UTC\\+0[12]:00\\)`), `en español: ${side}`);
  assert.ok(!/\bCES?T\b/.test(side), 'no ambiguous abbreviation');
}

test('a priority change recomputes the due times; pending pauses the solution clock', async () => {
  const t = await report(rc, { subject: `Reprioritise ${tag}`, impact: 3, urgency: 3 });
  let r = await ac.post(`${t.path}/update`, { status: 'open', priority: '2', team: String(await teamId('Service Desk')), assignee: '0' });
  assert.equal(r.status, 303);
  assert.deepEqual(await dueMinutes(t.id), [120, 540]);
  r = await ac.post(`${t.path}/update`, { status: 'pending', priority: '2', team: String(await teamId('Service Desk')), assignee: '0' });
  assert.equal(r.status, 303);
  assert.ok(await sqlValue(`SELECT sla_paused_at FROM tickets WHERE id = ${t.id}`), 'paused');
  r = await ac.get(t.path);
  assert.ok(textOf(mainOf(r.text)).includes(en['sla.paused']));
  // An hour passes while we wait for the requester.
  await sql(`UPDATE tickets SET sla_paused_at = sla_paused_at - INTERVAL 60 MINUTE WHERE id = ${t.id}`);
  r = await rc.post(`${t.path}/reply`, { body: 'Here is what you asked for.' });
  assert.equal(r.status, 303);
  assert.equal((await ticketRow(t.id)).status, 'open');
  const [fr, res] = await dueMinutes(t.id);
  assert.equal(fr, 120, 'the first reply clock does not pause');
  assert.ok(res >= 599 && res <= 601, `solution due moved by the hour paused: ${res}`);
  assert.equal(await sqlValue(`SELECT sla_paused_at FROM tickets WHERE id = ${t.id}`), null);
});

test('the first public agent reply stops the first-reply clock', async () => {
  const t = await report(rc, { subject: `First reply ${tag}` });
  let r = await ac.post(`${t.path}/reply`, { body: 'Internal thought', kind: 'internal' });
  assert.equal(r.status, 303);
  assert.equal((await ticketRow(t.id)).first_response_at, null, 'internal notes do not count');
  r = await ac.post(`${t.path}/reply`, { body: 'We are on it.', kind: 'public' });
  assert.equal(r.status, 303);
  assert.ok((await ticketRow(t.id)).first_response_at);
  r = await ac.get(t.path);
  assert.ok(textOf(mainOf(r.text)).includes(en['sla.first_met']));
});

test('the queue filters and sorts by due time', async () => {
  const mk = async (s, mins) => {
    const t = await report(rc, { subject: `${s} queue${tag}` });
    await sql(`UPDATE tickets SET resolution_due = UTC_TIMESTAMP() + INTERVAL ${mins} MINUTE,` +
      ` first_response_due = UTC_TIMESTAMP() + INTERVAL ${mins + 1000} MINUTE WHERE id = ${t.id}`);
    return t;
  };
  const late = await mk('Late', -35);
  const soon = await mk('Soon', 30);
  const later = await mk('Later', 60 * 30);
  const nums = (page) => queueRows(page).map((x) => x.number);
  let r = await ac.get(`/tickets/queue?q=queue${tag}&due=overdue`);
  assert.equal(r.status, 200);
  assert.deepEqual(nums(r.text), [late.number]);
  const row = queueRows(r.text)[0];
  assert.match(textOf(row.html), new RegExp(`${en['sla.resolution_overdue']} 3[56] min`));
  r = await ac.get(`/tickets/queue?q=queue${tag}&due=hour`);
  assert.deepEqual(nums(r.text), [soon.number]);
  r = await ac.get(`/tickets/queue?q=queue${tag}&due=today`);
  assert.ok(!nums(r.text).includes(late.number) && !nums(r.text).includes(later.number), 'today: not overdue, not tomorrow');
  r = await ac.get(`/tickets/queue?q=queue${tag}&sort=due`);
  assert.deepEqual(nums(r.text), [late.number, soon.number, later.number]);
  r = await ac.get(`/tickets/queue?q=queue${tag}&due=never`);
  assert.equal(r.status, 400);
  const plan = await sql("EXPLAIN SELECT id FROM tickets WHERE group_id = 1 AND status = 'open'" +
    ' ORDER BY resolution_due LIMIT 10');
  assert.ok(plan.some((p) => p.some((c) => c === 'tickets_sla_queue')), 'the queue index is there');
});

test('the worker escalates overdue tickets once per rule, with a fixed clock', async () => {
  const work = await teamId('Workplace');
  const boss = `boss-${tag}@example.org`;
  const workAgent = await createAgent({ tag: 'slawork', teams: ['Workplace'] });
  const rule = await createRule({ name: `Overdue ${tag}`, event: 'resolution', words: `esc${tag}`,
    set_priority: '1', set_group: String(work), notify_email: boss, notify_team: '1' });
  const t = await report(rc, { subject: `Slow printer esc${tag}`, impact: 3, urgency: 3 });
  assert.equal((await ticketRow(t.id)).priority, '4');
  const due = await sqlValue(`SELECT DATE_FORMAT(resolution_due - INTERVAL 1 MINUTE, '%Y-%m-%d %H:%i:%s') FROM tickets WHERE id = ${t.id}`);
  // Not yet due: nothing happens.
  await ventanilla(['worker', '--once', '--now', due]);
  assert.equal((await ticketRow(t.id)).priority, '4');
  const after = await sqlValue(`SELECT DATE_FORMAT(resolution_due + INTERVAL 5 MINUTE, '%Y-%m-%d %H:%i:%s') FROM tickets WHERE id = ${t.id}`);
  const { stdout } = await ventanilla(['worker', '--once', '--now', after]);
  assert.match(stdout, /escalated [1-9]/);
  const row = await ticketRow(t.id);
  assert.equal(row.priority, '1', 'priority raised');
  assert.equal(Number(row.group_id), work, 'moved to the team');
  assert.equal(Number(await sqlValue(`SELECT COUNT(*) FROM ticket_escalations WHERE ticket_id = ${t.id} AND rule_id = ${rule}`)), 1);
  assert.equal(Number(await sqlValue(`SELECT COUNT(*) FROM ticket_events WHERE ticket_id = ${t.id} AND what = 'escalated' AND new_value = ${q(`Overdue ${tag}`)}`)), 1);
  // The mail went out in the same pass.
  const mails = sink.to(boss).map((m) => parseMail(m.raw));
  assert.equal(mails.length, 1);
  assert.ok(mails[0].text.includes(t.number) && mails[0].text.includes(`Overdue ${tag}`));
  assert.equal(sink.to(workAgent.email).length, 1, 'the new team was told');
  // Once only, even later.
  await ventanilla(['worker', '--once', '--now', after]);
  await ventanilla(['worker', '--once', '--now', '2099-01-01 00:00:00']);
  assert.equal(Number(await sqlValue(`SELECT COUNT(*) FROM ticket_events WHERE ticket_id = ${t.id} AND what = 'escalated'`)), 1);
  assert.equal(sink.to(boss).length, 1);
  assert.equal(sink.to(workAgent.email).length, 1);
  // The history shows it to agents of the new team (admin here).
  const r = await adm.get(t.path);
  assert.ok(textOf(mainOf(r.text)).includes(`${en['tickets.event.escalated']}: Overdue ${tag}`));
  // A bad clock is refused.
  await assert.rejects(ventanilla(['worker', '--once', '--now', 'tomorrow']));
});

test('"about to be due" rules act that many minutes before; tickets made elsewhere get due times from the worker', async () => {
  const rule = await createRule({ name: `Soon ${tag}`, event: 'first_response', minutes_before: '60',
    words: `warn${tag}`, set_priority: '2' });
  // A ticket written straight into the database (as another channel would).
  const t = await insertTicket({ requester, subject: `Phone call warn${tag}`, priority: 3 });
  assert.equal(await sqlValue(`SELECT first_response_due FROM tickets WHERE id = ${t.id}`), null);
  const at = async (mins) => sqlValue(`SELECT DATE_FORMAT(created_at + INTERVAL ${mins} MINUTE,` +
    ` '%Y-%m-%d %H:%i:%s') FROM tickets WHERE id = ${t.id}`);
  await ventanilla(['worker', '--once', '--now', await at(1)]);
  assert.deepEqual(await dueMinutes(t.id), [480, 1620], 'the worker set the due times');
  await ventanilla(['worker', '--once', '--now', await at(480 - 90)]);
  assert.equal((await ticketRow(t.id)).priority, '3', '90 minutes before: not yet');
  await ventanilla(['worker', '--once', '--now', await at(480 - 30)]);
  assert.equal((await ticketRow(t.id)).priority, '2', '30 minutes before: within the hour');
  assert.equal(Number(await sqlValue(`SELECT COUNT(*) FROM ticket_escalations WHERE rule_id = ${rule}`)), 1);
  // A public reply stops that clock: a new ticket answered in time is left alone.
  const u = await report(rc, { subject: `Answered warn${tag}` });
  assert.equal((await ac.post(`${u.path}/reply`, { body: 'Done.', kind: 'public' })).status, 303);
  await ventanilla(['worker', '--once', '--now', '2099-01-01 00:00:00']);
  assert.equal(Number(await sqlValue(`SELECT COUNT(*) FROM ticket_escalations WHERE ticket_id = ${u.id}`)), 0);
});

test('keyword rules act when a request is reported, in both languages, on whole words', async () => {
  const net = await teamId('Network');
  await createRule({ name: `Outage ${tag}`, event: 'created', words: `everyone, todos, caído, down${tag}`,
    set_priority: '1', set_group: String(net) });
  const a = await report(rc, { subject: `The VPN is down for EVERYONE ${tag}` });
  const b = await report(rc, { subject: `La VPN está caída para todos ${tag}` });
  const c = await report(rc, { subject: `Printer in the downtown office ${tag}`, body: 'Everyones toner' });
  for (const t of [a, b]) {
    const row = await ticketRow(t.id);
    assert.equal(row.priority, '1', `raised: ${t.number}`);
    assert.equal(Number(row.group_id), net);
    assert.deepEqual(await dueMinutes(t.id), [30, 240], 'due times follow the new priority');
  }
  assert.equal((await ticketRow(c.id)).priority, '4', 'no whole word matched');
});

/** Run the worker with the clock at now until no tickets wait for new due times. */
async function drainRecompute(now) {
  for (let i = 0; i < 50; i++) {
    await ventanilla(['worker', '--once', '--now', now]);
    if (await sqlValue('SELECT priorities FROM sla_recompute WHERE id = 1') === '0') return;
  }
  assert.fail('the worker did not finish recomputing due times');
}

test('changed hours, holidays, time zone or targets move the due times of open tickets (worker, fixed clock)', async () => {
  const now = '2026-11-16 10:05:00';
  let r = await adm.post('/admin/sla/calendars', { name: `Move ${tag}`, time_zone: 'UTC' });
  assert.equal(r.status, 303);
  const cal = Number(await sqlValue(`SELECT id FROM sla_calendars WHERE name = ${q(`Move ${tag}`)}`));
  const week = { name: `Move ${tag}`, time_zone: 'UTC' };
  for (let d = 1; d <= 5; d++) Object.assign(week, { [`h${d}_1_from`]: '09:00', [`h${d}_1_to`]: '18:00' });
  // Normal priority (3): 1 hour to reply, 10 business hours to solve, on this calendar.
  r = await postPolicies(adm, 2, [[30, 240], [120, 540], [480, 1620], [1080, 5400]]);
  assert.equal(r.status, 303);
  await sql(`UPDATE sla_policies SET calendar_id = ${cal}, first_response_minutes = 60, resolution_minutes = 600 WHERE priority = 3`);
  // Monday 2026-11-16 10:00 UTC: open, waiting for the requester (60 minutes paused before), solved, and low priority.
  const mk = async (what, status, priority = 3) => {
    const t = await insertTicket({ requester, subject: `${what} move${tag}`, status, priority });
    await sql(`UPDATE tickets SET created_at = '2026-11-16 10:00:00' WHERE id = ${t.id}`);
    return t;
  };
  const open = await mk('Open', 'open');
  const waiting = await mk('Waiting', 'pending');
  const solved = await mk('Solved', 'resolved');
  const low = await mk('Low', 'open', 4);
  await drainRecompute(now);
  await sql(`UPDATE tickets SET sla_paused_minutes = 60 WHERE id = ${waiting.id}`);
  const dues = async (t) => (await sql('SELECT DATE_FORMAT(first_response_due, \'%Y-%m-%d %H:%i\'),' +
    ` DATE_FORMAT(resolution_due, '%Y-%m-%d %H:%i') FROM tickets WHERE id = ${t.id}`))[0];
  assert.deepEqual(await dues(open), ['2026-11-16 11:00', '2026-11-17 11:00'], 'Monday 8 h + Tuesday 2 h');
  const solvedBefore = await dues(solved);
  const lowBefore = await dues(low);

  // A holiday on Tuesday: the save only marks; the worker moves the due times.
  r = await adm.post(`/admin/sla/calendars/${cal}/holidays`, { day: '2026-11-17', holiday_name: `Fiesta ${tag}` });
  assert.equal(r.status, 303);
  assert.deepEqual(await dues(open), ['2026-11-16 11:00', '2026-11-17 11:00'], 'not in the admin\'s request');
  r = await adm.get(`/admin/sla/calendars/${cal}`);
  assert.ok(shows(mainOf(r.text), en['sla.admin.recomputing']), 'the admin is told (calendar page)');
  r = await adm.get('/admin/sla');
  assert.ok(shows(mainOf(r.text), en['sla.admin.recomputing']), 'the admin is told (service levels page)');
  assert.ok(shows(mainOf(r.text), `${en['sla.admin.recompute_done_a']} 0${en['sla.admin.recompute_done_b']}`), 'how far: not started');
  assert.equal(await sqlValue('SELECT priorities FROM sla_recompute WHERE id = 1'), '4', 'only normal priority');
  await drainRecompute(now);
  assert.deepEqual(await dues(open), ['2026-11-16 11:00', '2026-11-18 11:00'], 'Tuesday does not count');
  assert.deepEqual(await dues(waiting), ['2026-11-16 11:00', '2026-11-18 12:00'], 'the hour paused is kept');
  assert.deepEqual(await dues(solved), solvedBefore, 'a solved ticket keeps its history');
  assert.deepEqual(await dues(low), lowBefore, 'other priorities are not touched');
  r = await adm.get('/admin/sla');
  assert.ok(!shows(mainOf(r.text), en['sla.admin.recomputing']), 'done: no more note');

  // The time zone (09:00-18:00 in Mexico City is 15:00-24:00 UTC; Tuesday there is still the holiday).
  r = await adm.post(`/admin/sla/calendars/${cal}`, { ...week, time_zone: 'America/Mexico_City' });
  assert.equal(r.status, 303);
  await drainRecompute(now);
  assert.deepEqual(await dues(open), ['2026-11-16 16:00', '2026-11-18 16:00'], 'Monday 9 h + Wednesday 1 h, local');
  assert.deepEqual(await dues(waiting), ['2026-11-16 16:00', '2026-11-18 17:00']);
  // The hours: Mondays closed.
  r = await adm.post(`/admin/sla/calendars/${cal}`, { ...week, time_zone: 'America/Mexico_City', h1_1_from: '', h1_1_to: '' });
  assert.equal(r.status, 303);
  await drainRecompute(now);
  assert.deepEqual(await dues(open), ['2026-11-18 16:00', '2026-11-19 16:00'], 'Wednesday 9 h + Thursday 1 h');
  // Renaming the calendar moves nothing: nothing to recompute.
  r = await adm.post(`/admin/sla/calendars/${cal}`, { ...week, name: `Moved ${tag}`, time_zone: 'America/Mexico_City', h1_1_from: '', h1_1_to: '' });
  assert.equal(r.status, 303);
  assert.equal(await sqlValue('SELECT priorities FROM sla_recompute WHERE id = 1'), '0', 'a new name changes no due time');
  // The targets: only the priority whose target changed is redone.
  r = await postPolicies(adm, 2, [[30, 240], [120, 540], [480, 1620], [1080, 5400]]);
  assert.equal(r.status, 303);
  await drainRecompute(now);
  const f = {};
  [[2, 30, 240], [2, 120, 540], [cal, 120, 600], [2, 1080, 5400]].forEach(([c, fr, res], i) =>
    Object.assign(f, { [`calendar_${i + 1}`]: String(c), [`first_${i + 1}`]: String(fr), [`resolution_${i + 1}`]: String(res) }));
  r = await adm.post('/admin/sla/policies', f);
  assert.equal(r.status, 303);
  assert.equal(await sqlValue('SELECT priorities FROM sla_recompute WHERE id = 1'), '4');
  await drainRecompute(now);
  assert.deepEqual(await dues(open), ['2026-11-18 17:00', '2026-11-19 16:00'], 'two hours to reply now');
  assert.deepEqual(await dues(low), lowBefore);
  assert.equal((await postPolicies(adm, 2, [[30, 240], [120, 540], [480, 1620], [1080, 5400]])).status, 303);
  await drainRecompute(now);
});

test('admin pages: targets, calendars, holidays and rules, with their checks', async () => {
  let r = await adm.get('/admin/sla');
  assert.equal(r.status, 200);
  assert.ok(textOf(mainOf(r.text)).includes('Office hours'));
  r = await adm.get('/admin/');
  assert.ok(r.text.includes('href="/admin/sla"'));
  // Negative and first-after-solution targets.
  r = await postPolicies(adm, 2, [[-5, 240], [120, 540], [480, 1620], [1080, 5400]]);
  assert.equal(r.status, 422);
  assert.ok(textOf(mainOf(r.text)).includes(en['sla.admin.minutes_range']));
  r = await postPolicies(adm, 2, [[300, 240], [120, 540], [480, 1620], [1080, 5400]]);
  assert.equal(r.status, 422);
  r = await postPolicies(adm, 999999, [[30, 240], [120, 540], [480, 1620], [1080, 5400]]);
  assert.equal(r.status, 422);
  assert.equal(Number(await sqlValue('SELECT first_response_minutes FROM sla_policies WHERE priority = 1')), 30);
  // Calendars: a bad time zone is refused, a good one created.
  r = await adm.post('/admin/sla/calendars', { name: `Cal ${tag}`, time_zone: 'Mars/Olympus' });
  assert.equal(r.status, 422);
  assert.ok(textOf(mainOf(r.text)).includes(en['sla.admin.bad_tz']));
  r = await adm.post('/admin/sla/calendars', { name: `Cal ${tag}`, time_zone: 'America/Mexico_City' });
  assert.equal(r.status, 303);
  const cal = Number(await sqlValue(`SELECT id FROM sla_calendars WHERE name = ${q(`Cal ${tag}`)}`));
  assert.equal(Number(await sqlValue(`SELECT COUNT(*) FROM sla_calendar_hours WHERE calendar_id = ${cal}`)), 5);
  // Hours: end before start refused; split hours saved.
  const hours = { name: `Cal ${tag}`, time_zone: 'America/Mexico_City', h1_1_from: '18:00', h1_1_to: '09:00' };
  r = await adm.post(`/admin/sla/calendars/${cal}`, hours);
  assert.equal(r.status, 422);
  assert.ok(textOf(mainOf(r.text)).includes(en['sla.admin.end_before_start']));
  r = await adm.post(`/admin/sla/calendars/${cal}`, { ...hours, h1_1_from: '9:00' });
  assert.equal(r.status, 422);
  r = await adm.post(`/admin/sla/calendars/${cal}`, { ...hours, h1_1_from: '09:00', h1_1_to: '14:00',
    h1_2_from: '16:00', h1_2_to: '19:00', h2_1_from: '08:00', h2_1_to: '24:00' });
  assert.equal(r.status, 303);
  assert.deepEqual(await sql(`SELECT weekday, start_minute, end_minute FROM sla_calendar_hours WHERE calendar_id = ${cal} ORDER BY weekday, start_minute`),
    [['1', '540', '840'], ['1', '960', '1140'], ['2', '480', '1440']]);
  // Holidays.
  r = await adm.post(`/admin/sla/calendars/${cal}/holidays`, { day: '2026-02-30', holiday_name: 'Nope' });
  assert.equal(r.status, 422);
  r = await adm.post(`/admin/sla/calendars/${cal}/holidays`, { day: '2026-12-25', holiday_name: 'Navidad' });
  assert.equal(r.status, 303);
  r = await adm.post(`/admin/sla/calendars/${cal}/holidays`, { day: '2026-12-25', holiday_name: 'Again' });
  assert.equal(r.status, 422);
  const hid = await sqlValue(`SELECT id FROM sla_holidays WHERE calendar_id = ${cal}`);
  r = await adm.get(`/admin/sla/calendars/${cal}`);
  assert.ok(textOf(mainOf(r.text)).includes('Navidad'));
  r = await adm.post(`/admin/sla/calendars/${cal}/holidays/remove`, { holiday: hid });
  assert.equal(r.status, 303);
  assert.equal(Number(await sqlValue(`SELECT COUNT(*) FROM sla_holidays WHERE calendar_id = ${cal}`)), 0);
  // A calendar in use cannot go; an unused one can.
  r = await adm.post('/admin/sla/calendars/2/delete', {});
  assert.equal(r.status, 409);
  r = await adm.post(`/admin/sla/calendars/${cal}/delete`, {});
  assert.equal(r.status, 303);
  // Rules: a rule must do something; enable/disable, order, delete.
  r = await adm.post('/admin/sla/rules', { name: `Nothing ${tag}`, event: 'resolution', minutes_before: '0' });
  assert.equal(r.status, 422);
  assert.ok(textOf(mainOf(r.text)).includes(en['sla.admin.rule_needs_action']));
  r = await adm.post('/admin/sla/rules', { name: `Bad ${tag}`, event: 'resolution', minutes_before: '-5', set_priority: '1' });
  assert.equal(r.status, 422);
  const r1 = await createRule({ name: `First ${tag}`, event: 'first_response', minutes_before: '30', set_priority: '2', words: `never${tag}` });
  const r2 = await createRule({ name: `Second ${tag}`, event: 'first_response', set_priority: '1', words: `never${tag}` });
  r = await adm.post(`/admin/sla/rules/${r2}/action`, { do: 'up' });
  assert.equal(r.status, 303);
  const pos = async (id) => Number(await sqlValue(`SELECT position FROM sla_rules WHERE id = ${id}`));
  assert.ok(await pos(r2) < await pos(r1), 'moved up');
  r = await adm.post(`/admin/sla/rules/${r1}/action`, { do: 'disable' });
  assert.equal(await sqlValue(`SELECT enabled FROM sla_rules WHERE id = ${r1}`), '0');
  r = await adm.get(`/admin/sla/rules/${r1}`);
  assert.equal(r.status, 200);
  r = await adm.post(`/admin/sla/rules/${r1}`, { name: `First ${tag}`, event: 'resolution', minutes_before: '15', set_priority: '2', enabled: '1' });
  assert.equal(r.status, 303);
  assert.deepEqual(await sql(`SELECT event, minutes_before, enabled FROM sla_rules WHERE id = ${r1}`), [['resolution', '15', '1']]);
  r = await adm.post(`/admin/sla/rules/${r1}/action`, { do: 'delete' });
  assert.equal(await sqlValue(`SELECT COUNT(*) FROM sla_rules WHERE id = ${r1}`), '0');
  r = await adm.post(`/admin/sla/rules/${r1}/action`, { do: 'delete' });
  assert.equal(r.status, 404);
  assert.ok(Number(await sqlValue(`SELECT COUNT(*) FROM audit_log WHERE action LIKE 'sla.%' AND actor_id = ${admin.id}`)) >= 8, 'audited');
  r = await adm.get(`/admin/audit?q=${encodeURIComponent(`Second ${tag}`)}`);
  assert.ok(textOf(mainOf(r.text)).includes(en['event.sla.rule.create']), 'audit entries in words');
  // In Spanish, errors too.
  const as = await signedIn(admin, { lang: 'es' });
  r = await as.post('/admin/sla/calendars', { name: `Cal2 ${tag}`, time_zone: '../../etc/passwd' });
  assert.equal(r.status, 422);
  assert.ok(textOf(mainOf(r.text)).includes(es['sla.admin.bad_tz']));
});

test('admin SLA pages refuse other users and posts without the form token', async () => {
  let r = await ac.get('/admin/sla');
  assert.equal(r.status, 403);
  r = await ac.post('/admin/sla/rules', { name: `Sneaky ${tag}`, event: 'created', set_priority: '1' });
  assert.equal(r.status, 403);
  r = await adm.post('/admin/sla/rules', { name: `Sneaky ${tag}`, event: 'created', set_priority: '1' }, { csrf: false });
  assert.equal(r.status, 403);
  r = await postPolicies(adm, 1, [[1, 1], [1, 1], [1, 1], [1, 1]], { csrf: false });
  assert.equal(r.status, 403);
  assert.equal(Number(await sqlValue(`SELECT COUNT(*) FROM sla_rules WHERE name = ${q(`Sneaky ${tag}`)}`)), 0);
  assert.equal(Number(await sqlValue('SELECT first_response_minutes FROM sla_policies WHERE priority = 1')), 30);
});
