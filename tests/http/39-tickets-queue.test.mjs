// 39-tickets-queue.test.mjs - the work queue at scale and its tools: who sees
// what (agents in two teams, in five teams, in none, admins) under every sort,
// paging and the capped count, saved views (private or shared with a team;
// nobody else sees or deletes them), and bulk changes (only tickets the agent
// may see change, with history, webhook events and SLA times; form token,
// requesters and bad input refused).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createUser, mainOf, q, rnd, signedIn, sql, sqlValue, T, textOf } from './lib.mjs';
import { createAgent, insertTicket, number, queueRows, teamId, ticketRow, topics } from './tickets-lib.mjs';

const en = T('en');
const tag = rnd(8);
let requester, two, none, admin, desk, work, rc, twoC, noneC, admC, deskC, workC;
let tDesk, tNet, tWork, tNoTeam, tAssigned;

// The thousands of tickets made for paging would keep the SLA worker of
// later tests busy: they go when this file is done.
after(async () => {
  await sql(`DELETE FROM tickets WHERE subject LIKE ${q(`Paged ${tag} %`)} OR subject LIKE ${q(`Bulk ${tag} %`)}` +
    ` OR subject LIKE ${q(`Mine ${tag} %`)}`);
});

const numbers = (page) => queueRows(page).map((r) => r.number);
const sorts = ['priority', 'updated', 'created', 'due'];

before(async () => {
  await topics();
  requester = await createUser({ tag: 'qreq', lang: 'en' });
  two = await createAgent({ tag: 'qtwo', teams: ['Service Desk', 'Network'], name: `Two Teams ${tag}` });
  none = await createAgent({ tag: 'qnone', teams: [], name: `Teamless ${tag}` });
  desk = await createAgent({ tag: 'qdesk', teams: ['Service Desk'], name: `Desk ${tag}` });
  work = await createAgent({ tag: 'qwork', teams: ['Workplace'], name: `Work ${tag}` });
  admin = await createUser({ tag: 'qadm', roles: 'requester,admin', name: `Admin ${tag}` });
  for (const u of [requester, two, none, desk, work, admin]) await sql(`UPDATE users SET language = 'en' WHERE id = ${u.id}`);
  rc = await signedIn(requester);
  twoC = await signedIn(two);
  noneC = await signedIn(none);
  deskC = await signedIn(desk);
  workC = await signedIn(work);
  admC = await signedIn(admin);
  tDesk = await insertTicket({ requester, topic: 'question', subject: `Vis desk ${tag}`, group: await teamId('Service Desk') });
  tNet = await insertTicket({ requester, topic: 'network', subject: `Vis net ${tag}`, group: await teamId('Network'), status: 'open' });
  tWork = await insertTicket({ requester, topic: 'hardware', subject: `Vis work ${tag}`, group: await teamId('Workplace'), status: 'pending' });
  tNoTeam = await insertTicket({ requester, topic: 'question', subject: `Vis noteam ${tag}`, group: null });
  tAssigned = await insertTicket({ requester, topic: 'hardware', subject: `Vis assigned ${tag}`, group: await teamId('Workplace'),
    assignee: none, status: 'open' });
});

test('visibility is unchanged: two teams, no team, admin, under every sort and filter', async () => {
  const all = [tDesk, tNet, tWork, tNoTeam, tAssigned].map((t) => t.number).sort();
  for (const sort of sorts) {
    const s = `&sort=${sort}&q=${encodeURIComponent(tag)}`;
    const get = async (c) => {
      const r = await c.get(`/tickets/queue?status=all${s}`);
      assert.equal(r.status, 200, `queue ${sort}`);
      return numbers(r.text).sort();
    };
    assert.deepEqual(await get(twoC), [tDesk.number, tNet.number].sort(), `two teams, sort ${sort}`);
    assert.deepEqual(await get(noneC), [tAssigned.number], `no team: only what is assigned to them, sort ${sort}`);
    assert.deepEqual(await get(admC), all, `admin: everything, sort ${sort}`);
    assert.deepEqual(await get(workC), [tWork.number, tAssigned.number].sort(), `Workplace agent, sort ${sort}`);
  }
  // Filters never widen what one sees.
  for (const extra of ['&status=active', '&status=open', '&who=unassigned', '&who=mine', '&priority=3', '&due=overdue']) {
    const r = await twoC.get(`/tickets/queue?q=${encodeURIComponent(tag)}${extra}`);
    assert.equal(r.status, 200, extra);
    for (const n of numbers(r.text)) assert.ok([tDesk.number, tNet.number].includes(n), `${extra}: ${n} is theirs`);
  }
  let r = await noneC.get(`/tickets/queue?q=${encodeURIComponent(tag)}&who=mine`);
  assert.deepEqual(numbers(r.text), [tAssigned.number], 'who=mine for the assignee');
  r = await twoC.get(`/tickets/queue?q=${encodeURIComponent(tag)}&status=open`);
  assert.deepEqual(numbers(r.text), [tNet.number], 'status filter');
  r = await twoC.get(`/tickets/queue?q=${tWork.number}&status=all`);
  assert.deepEqual(numbers(r.text), [], 'a number outside their teams finds nothing');
  r = await twoC.get(`/tickets/queue?q=${tDesk.number}&status=all`);
  assert.deepEqual(numbers(r.text), [tDesk.number], 'a number of theirs is found');
  // Requesters have no queue.
  assert.equal((await rc.get('/tickets/queue')).status, 403);
});

test('assigned to me, every status: each status read in order, under every sort', async () => {
  const mine = [];
  for (const [status, ago] of [['closed', 30], ['resolved', 20], ['new', 10]]) {
    mine.push(await insertTicket({ requester, topic: 'hardware', subject: `Assigned ${status} ${tag}`,
      group: await teamId('Workplace'), assignee: none, status, createdAgo: ago, updatedAgo: ago }));
  }
  // Someone else's ticket in the same team never shows among "mine".
  await insertTicket({ requester, topic: 'hardware', subject: `Someone else ${tag}`, group: await teamId('Workplace'),
    status: 'closed' });
  const want = [tAssigned, ...mine].map((t) => t.number);
  for (const sort of sorts) {
    const r = await noneC.get(`/tickets/queue?status=all&who=mine&sort=${sort}&q=${encodeURIComponent(tag)}`);
    assert.equal(r.status, 200, sort);
    assert.deepEqual(numbers(r.text).sort(), [...want].sort(), `who=mine, every status, sort ${sort}`);
    const plain = await noneC.get(`/tickets/queue?status=all&who=mine&sort=${sort}`);
    assert.equal(plain.status, 200, `${sort} without a search`);
    for (const t of want) assert.ok(numbers(plain.text).includes(t), `${sort}: ${t} listed without a search`);
  }
  // Latest change first, across statuses.
  const r = await noneC.get(`/tickets/queue?status=all&who=mine&sort=updated&q=${encodeURIComponent(tag)}`);
  assert.deepEqual(numbers(r.text), [tAssigned.number, mine[2].number, mine[1].number, mine[0].number]);
});

test('an agent in more teams than the queue reads one by one still sees all of them', async () => {
  const ids = [];
  for (let i = 0; i < 6; i++) {
    await sql(`INSERT INTO \`groups\` (name, description) VALUES (${q(`Q ${tag} ${i}`)}, 'test')`);
    ids.push(Number(await sqlValue(`SELECT id FROM \`groups\` WHERE name = ${q(`Q ${tag} ${i}`)}`)));
  }
  const many = await createUser({ tag: 'qmany', roles: 'requester,agent' });
  for (const g of ids.slice(0, 5)) await sql(`INSERT INTO user_groups (user_id, group_id) VALUES (${many.id}, ${g})`);
  const t5 = await insertTicket({ requester, subject: `Fifth team ${tag}`, group: ids[4] });
  const t1 = await insertTicket({ requester, subject: `First team ${tag}`, group: ids[0] });
  const t6 = await insertTicket({ requester, subject: `Sixth team ${tag}`, group: ids[5] });
  const mc = await signedIn(many);
  for (const sort of sorts) {
    const r = await mc.get(`/tickets/queue?q=${encodeURIComponent(`team ${tag}`)}&sort=${sort}`);
    assert.equal(r.status, 200);
    assert.deepEqual(numbers(r.text).sort(), [t1.number, t5.number].sort(), `five teams, sort ${sort}: not the sixth`);
  }
  assert.ok(t6.id > 0);
});

test('paging: 50 a page, in order, and the count stops at 1,000', async () => {
  await sql(`INSERT INTO \`groups\` (name, description) VALUES (${q(`Pages ${tag}`)}, 'test')`);
  const gid = Number(await sqlValue(`SELECT id FROM \`groups\` WHERE name = ${q(`Pages ${tag}`)}`));
  const pager = await createUser({ tag: 'qpage', roles: 'requester,agent' });
  await sql(`INSERT INTO user_groups (user_id, group_id) VALUES (${pager.id}, ${gid})`);
  const cat = (await topics()).question.id;
  await sql('INSERT INTO tickets (requester_id, category_id, group_id, subject, status, priority, created_at, updated_at)' +
    ` SELECT ${requester.id}, ${cat}, ${gid}, CONCAT('Paged ${tag} ', seq), 'open', 3, UTC_TIMESTAMP() - INTERVAL seq MINUTE,` +
    ` UTC_TIMESTAMP() - INTERVAL seq MINUTE FROM seq_1_to_55`);
  const pc = await signedIn(pager);
  let r = await pc.get('/tickets/queue?sort=updated');
  assert.equal(r.status, 200);
  const first = queueRows(r.text);
  assert.equal(first.length, 50, 'first page: 50');
  assert.equal(first[0].subject, `Paged ${tag} 1`, 'newest first');
  assert.match(r.text, /rel="next" href="[^"]*page=2"/, 'a next link');
  assert.match(textOf(mainOf(r.text)), /Page 1 of 2/);
  r = await pc.get('/tickets/queue?sort=updated&page=2');
  const second = queueRows(r.text);
  assert.equal(second.length, 5, 'second page: the other 5');
  assert.equal(second[4].subject, `Paged ${tag} 55`);
  assert.equal(new Set([...first, ...second].map((x) => x.number)).size, 55, 'no ticket twice');
  assert.ok(!r.text.includes(en['queue.more']), 'no cap note under 1,000');
  // Past 1,000 matches the queue lists the first 1,000 and says so.
  await sql('INSERT INTO tickets (requester_id, category_id, group_id, subject, status, priority)' +
    ` SELECT ${requester.id}, ${cat}, ${gid}, CONCAT('Bulk ${tag} ', seq), 'new', 4 FROM seq_1_to_1000`);
  r = await pc.get('/tickets/queue');
  assert.equal(r.status, 200);
  assert.match(textOf(mainOf(r.text)), /Page 1 of 20\b/, '20 pages of 50');
  assert.ok(textOf(mainOf(r.text)).includes(en['queue.more']), 'the cap is explained');
  r = await pc.get('/tickets/queue?page=99');
  assert.equal(queueRows(r.text).length, 50, 'a page past the end shows the last one');
});

test('an admin\'s pager counts every status asked for (counted status by status)', async () => {
  const cat = (await topics()).question.id;
  await sql('INSERT INTO tickets (requester_id, category_id, subject, status) SELECT' +
    ` ${requester.id}, ${cat}, CONCAT('Spread ${tag} ', seq), IF(seq % 2 = 0, 'new', 'closed') FROM seq_1_to_60`);
  const q = encodeURIComponent(`Spread ${tag}`);
  let r = await admC.get(`/tickets/queue?status=all&q=${q}`);
  assert.match(textOf(mainOf(r.text)), /Page 1 of 2\b/, '30 new and 30 closed: two pages of 50');
  r = await admC.get(`/tickets/queue?status=all&q=${q}&page=2`);
  assert.equal(queueRows(r.text).length, 10, 'the last 10 on page 2');
  r = await admC.get(`/tickets/queue?q=${q}`);
  assert.ok(!/Page 1 of/.test(textOf(mainOf(r.text))), 'only the 30 new ones while being worked: one page');
  assert.equal(queueRows(r.text).length, 30);
});

test('saved views: private ones are the owner\'s, shared ones reach the team only', async () => {
  const deskId = await teamId('Service Desk');
  // Save: the filters of the form, under a name.
  let r = await twoC.post('/tickets/queue/views', { name: `Mine ${tag}`, status: 'all', who: 'team', sort: 'updated',
    priority: '0', due: 'any', q: tag, share: '0' });
  assert.equal(r.status, 303, `saved (${r.status})`);
  const m = /\/tickets\/queue\?view=(\d+)&done=saved$/.exec(r.headers.get('location') || '');
  assert.ok(m, r.headers.get('location'));
  const priv = Number(m[1]);
  r = await twoC.get(`/tickets/queue?view=${priv}`);
  assert.equal(r.status, 200);
  assert.deepEqual(numbers(r.text).sort(), [tDesk.number, tNet.number].sort(), 'the view applies its filters');
  assert.ok(textOf(mainOf(r.text)).includes(`Mine ${tag}`), 'its name is shown');
  // Query parameters still narrow a view.
  r = await twoC.get(`/tickets/queue?view=${priv}&status=open`);
  assert.deepEqual(numbers(r.text), [tNet.number]);
  // Someone else of the same team: not listed, not usable, not deletable.
  r = await deskC.get('/tickets/queue');
  assert.ok(!r.text.includes(`Mine ${tag}`), 'a private view is not listed for others');
  assert.equal((await deskC.get(`/tickets/queue?view=${priv}`)).status, 400, 'nor usable');
  assert.equal((await deskC.post(`/tickets/queue/views/${priv}/delete`, {})).status, 404, 'nor deletable');
  assert.equal(Number(await sqlValue(`SELECT COUNT(*) FROM ticket_views WHERE id = ${priv}`)), 1);
  // Shared with Service Desk: the team sees and uses it; others do not; only the owner deletes.
  r = await twoC.post('/tickets/queue/views', { name: `Team ${tag}`, status: 'all', sort: 'priority', q: tag, share: String(deskId) });
  assert.equal(r.status, 303);
  const shared = Number(/view=(\d+)/.exec(r.headers.get('location'))[1]);
  r = await deskC.get('/tickets/queue');
  assert.ok(textOf(mainOf(r.text)).includes(`Team ${tag}`), 'listed for the team');
  assert.ok(!r.text.includes(`/tickets/queue/views/${shared}/delete`), 'without a delete button');
  r = await deskC.get(`/tickets/queue?view=${shared}`);
  assert.equal(r.status, 200);
  assert.deepEqual(numbers(r.text), [tDesk.number], 'the view with the reader\'s own visibility');
  assert.equal((await workC.get(`/tickets/queue?view=${shared}`)).status, 400, 'another team cannot use it');
  assert.ok(!(await workC.get('/tickets/queue')).text.includes(`Team ${tag}`), 'nor sees it');
  assert.equal((await deskC.post(`/tickets/queue/views/${shared}/delete`, {})).status, 404, 'the team cannot delete it');
  // Sharing with a team one is not in is refused; so are bad names and filters.
  const workId = await teamId('Workplace');
  assert.equal((await twoC.post('/tickets/queue/views', { name: `X ${tag}`, share: String(workId) })).status, 400);
  assert.equal((await twoC.post('/tickets/queue/views', { name: '', status: 'all' })).status, 422);
  assert.equal((await twoC.post('/tickets/queue/views', { name: 'x'.repeat(81) })).status, 400);
  assert.equal((await twoC.post('/tickets/queue/views', { name: `Y ${tag}`, status: 'bogus' })).status, 400);
  assert.equal((await twoC.post('/tickets/queue/views', { name: `Z ${tag}` }, { csrf: false })).status, 403, 'form token');
  assert.equal((await rc.post('/tickets/queue/views', { name: `R ${tag}` })).status, 403, 'requesters');
  assert.equal(Number(await sqlValue(`SELECT COUNT(*) FROM ticket_views WHERE name IN ('X ${tag}', 'Y ${tag}', 'Z ${tag}', 'R ${tag}', '')`)), 0);
  // The same name again replaces the view.
  r = await twoC.post('/tickets/queue/views', { name: `Mine ${tag}`, status: 'open', q: tag });
  assert.equal(Number(/view=(\d+)/.exec(r.headers.get('location'))[1]), priv, 'same name, same view');
  assert.equal(await sqlValue(`SELECT status FROM ticket_views WHERE id = ${priv}`), 'open');
  // The owner deletes.
  r = await twoC.post(`/tickets/queue/views/${shared}/delete`, {});
  assert.equal(r.status, 303);
  assert.equal(Number(await sqlValue(`SELECT COUNT(*) FROM ticket_views WHERE id = ${shared}`)), 0);
  assert.equal((await twoC.post('/tickets/queue/views/abc/delete', {})).status, 404);
  assert.equal((await twoC.get('/tickets/queue?view=abc')).status, 400);
});

test('bulk changes touch only the tickets the agent may see, with history and webhooks', async () => {
  await sql(`INSERT INTO webhooks (url, secret, events, enabled, allow_private) VALUES ('http://127.0.0.1:9/${tag}', 's', 'ticket.updated,ticket.resolved', 1, 1)`);
  const a = await insertTicket({ requester, subject: `Bulk A ${tag}`, group: await teamId('Service Desk'), priority: 4 });
  const b = await insertTicket({ requester, subject: `Bulk B ${tag}`, group: await teamId('Network'), priority: 4 });
  const c = await insertTicket({ requester, subject: `Bulk C ${tag}`, group: await teamId('Workplace'), priority: 4 });
  const before = await ticketRow(c.id);
  const fields = [['t', a.number], ['t', b.number], ['t', c.number], ['t', 'T-999999'], ['assignee', String(two.id)],
    ['status', 'open'], ['priority', '2'], ['back', 'status=all&who=team&sort=priority&priority=0&due=any&q=Bulk']];
  // Refused without the form token, for requesters and with bad input: nothing changes.
  assert.equal((await twoC.post('/tickets/queue/bulk', fields, { csrf: false })).status, 403, 'form token');
  assert.equal((await rc.post('/tickets/queue/bulk', fields)).status, 403, 'requesters');
  for (const [bad, status] of [[[['t', a.number], ['status', 'bogus']], 400], [[['t', a.number], ['priority', '9']], 400],
    [[['t', 'abc'], ['status', 'open']], 400], [[['status', 'open']], 422], [[['t', a.number]], 422],
    [[['t', a.number], ['assignee', String(requester.id)]], 422], [[['t', a.number], ['assignee', 'x']], 400]]) {
    assert.equal((await twoC.post('/tickets/queue/bulk', bad)).status, status, JSON.stringify(bad));
  }
  const many = Array.from({ length: 101 }, (_, i) => ['t', number(i + 1)]);
  assert.equal((await twoC.post('/tickets/queue/bulk', [...many, ['status', 'open']])).status, 413, 'at most 100');
  assert.equal((await ticketRow(a.id)).status, 'new', 'nothing changed yet');
  // Applied: two visible tickets change, the other two are counted as refused.
  let r = await twoC.post('/tickets/queue/bulk', fields);
  assert.equal(r.status, 303);
  const loc = r.headers.get('location');
  assert.match(loc, /^\/tickets\/queue\?status=all&who=team&sort=priority&priority=0&due=any&q=Bulk&done=bulk&changed=2&refused=2$/, loc);
  for (const t of [a, b]) {
    const row = await ticketRow(t.id);
    assert.equal(row.status, 'open');
    assert.equal(row.priority, '2');
    assert.equal(row.assignee_id, String(two.id));
    const ev = await sql(`SELECT what, old_value, new_value, actor_id FROM ticket_events WHERE ticket_id = ${t.id} ORDER BY id`);
    assert.deepEqual(ev.map((e) => e[0]).sort(), ['assignee', 'priority', 'status'], 'history written');
    assert.ok(ev.every((e) => e[3] === String(two.id)), 'by the agent');
    assert.equal(Number(await sqlValue(`SELECT COUNT(*) FROM webhook_events WHERE ticket_id = ${t.id} AND event = 'ticket.updated'`)), 1, 'webhook');
    assert.equal(await sqlValue(`SELECT sla_priority FROM tickets WHERE id = ${t.id}`), '2', 'SLA times follow the new priority');
  }
  assert.deepEqual(await ticketRow(c.id), before, 'the ticket of another team is untouched');
  assert.equal(Number(await sqlValue(`SELECT COUNT(*) FROM ticket_events WHERE ticket_id = ${c.id}`)), 0);
  r = await twoC.get(loc);
  assert.equal(r.status, 200);
  assert.ok(textOf(mainOf(r.text)).includes(`${en['queue.changed']} 2`), 'the outcome is shown');
  assert.ok(textOf(mainOf(r.text)).includes(`${en['queue.refused']} 2`));
  // Resolving in bulk: dates and the resolved webhook; unchanged tickets are not counted.
  r = await twoC.post('/tickets/queue/bulk', [['t', a.number], ['t', b.number], ['status', 'resolved']]);
  assert.match(r.headers.get('location'), /changed=2&refused=0$/);
  assert.ok((await ticketRow(a.id)).resolved_at, 'resolved_at set');
  assert.equal(Number(await sqlValue(`SELECT COUNT(*) FROM webhook_events WHERE ticket_id = ${a.id} AND event = 'ticket.resolved'`)), 1);
  r = await twoC.post('/tickets/queue/bulk', [['t', a.number], ['status', 'resolved']]);
  assert.match(r.headers.get('location'), /changed=0&refused=0$/, 'nothing to change');
  // Unassign.
  r = await twoC.post('/tickets/queue/bulk', [['t', a.number], ['assignee', '0']]);
  assert.equal((await ticketRow(a.id)).assignee_id, null);
  // The queue page offers the form: checkboxes and the three changes, without script.
  r = await twoC.get(`/tickets/queue?q=${encodeURIComponent(`Bulk A ${tag}`)}&status=all`);
  const main = mainOf(r.text);
  assert.match(main, /<form method="post" action="\/tickets\/queue\/bulk"/);
  assert.match(main, new RegExp(`<input type="checkbox" name="t" value="${a.number}"`));
  for (const n of ['assignee', 'status', 'priority']) assert.match(main, new RegExp(`<select id="b[asp]" name="${n}"`));
  await sql(`DELETE FROM webhooks WHERE url = 'http://127.0.0.1:9/${tag}'`);
});

test('My requests: paging and state filters for a requester with many tickets', async () => {
  const heavy = await createUser({ tag: 'qheavy', lang: 'en' });
  const cat = (await topics()).question.id;
  await sql('INSERT INTO tickets (requester_id, category_id, subject, status, created_at, updated_at)' +
    ` SELECT ${heavy.id}, ${cat}, CONCAT('Mine ${tag} ', seq), IF(seq % 2 = 0, 'closed', 'open'),` +
    ` UTC_TIMESTAMP() - INTERVAL seq MINUTE, UTC_TIMESTAMP() - INTERVAL seq MINUTE FROM seq_1_to_2010`);
  const hc = await signedIn(heavy);
  let r = await hc.get('/tickets/');
  assert.equal(r.status, 200);
  const text = textOf(mainOf(r.text));
  assert.match(text, /Page 1 of 50\b/, "1005 open, counted to 1,000, 20 a page");
  assert.match(text, new RegExp(`Mine ${tag} 1\\b`));
  assert.ok(text.includes(en['queue.mine_more']), 'past 1,000 the list says so');
  r = await hc.get('/tickets/?state=closed&page=2');
  assert.match(textOf(mainOf(r.text)), new RegExp(`Mine ${tag} 42\\b`), 'closed ones, page 2');
  assert.ok(!textOf(mainOf(r.text)).includes(`Mine ${tag} 41 `));
  r = await hc.get(`/tickets/?state=all&q=${encodeURIComponent(`${tag} 2009`)}`);
  assert.deepEqual([...mainOf(r.text).matchAll(/class="num">([^<]+)</g)].length, 1, 'search');
  // Another requester sees none of them.
  r = await rc.get(`/tickets/?state=all&q=${encodeURIComponent(`Mine ${tag}`)}`);
  assert.equal([...mainOf(r.text).matchAll(/class="num">/g)].length, 0, 'not theirs');
});
