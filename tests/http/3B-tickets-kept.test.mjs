// 3B-tickets-kept.test.mjs - ticket pages kept in the workers' memory
// (tickets/kept.c) are never shown once what they show changed: a change
// made through the pages, one written straight into the database (as mail-in,
// the worker or an admin page would), a renamed person, a team membership
// taken away, another agent arriving. Each page is read several times before
// and after, so that every worker has its copy.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { mainOf, rnd, signedIn, sql, textOf } from './lib.mjs';
import { createUser } from './lib.mjs';
import { createAgent, insertTicket, messages, statusShown } from './tickets-lib.mjs';

const tag = rnd(8);
const READS = 6;   // more than the workers of a program
let req, ana, bruno, rc, ac, bc;

before(async () => {
  req = await createUser({ tag: 'kreq', lang: 'en', name: `Kept Req ${tag}` });
  ana = await createAgent({ tag: 'kana', teams: ['Service Desk'], name: `Kept Ana ${tag}` });
  bruno = await createAgent({ tag: 'kbruno', teams: ['Service Desk'], name: `Kept Bruno ${tag}` });
  rc = await signedIn(req, { lang: 'en' });
  ac = await signedIn(ana, { lang: 'en' });
  bc = await signedIn(bruno, { lang: 'en' });
});

after(async () => {
  const ids = [ana, bruno].filter(Boolean).map((u) => u.id);
  if (ids.length) await sql(`UPDATE users SET active = 0 WHERE id IN (${ids.join(', ')})`);
});

/** Read path READS times with client c; every answer goes to check(r, i). */
async function reads(c, path, check) {
  for (let i = 0; i < READS; i++) check(await c.get(path), i);
}

/** The names in the "also looking at it" notice of a ticket page. */
const looking = (page) => {
  const m = /<div class="notice warn presence"[^>]*>([\s\S]*?)<\/div>/.exec(page);
  return m ? textOf(m[1]) : '';
};
const desk = (what) => insertTicket({ requester: req, topic: 'question', subject: `${what} ${tag} ${rnd(4)}` });

test('kept: the requester sees a change made through the pages or straight in the database at once', async () => {
  const t = await desk('Kept conversation');
  await reads(rc, t.path, (r) => assert.equal(r.status, 200));
  await reads(ac, t.path, (r) => assert.equal(r.status, 200));
  const reply = `First answer ${rnd(6)}`;
  const r = await ac.post(`${t.path}/reply`, { body: reply, kind: 'public' });
  assert.equal(r.status, 303, 'the agent answers');
  await reads(rc, t.path, (p, i) => assert.ok(messages(p.text).some((m) => m.text.includes(reply)),
    `read ${i}: the answer shows`));
  // Written by something other than the pages (mail-in, the worker, an admin).
  const direct = `Straight in ${rnd(6)}`;
  await sql(`INSERT INTO ticket_messages (ticket_id, author_id, kind, body) VALUES (${t.id}, ${ana.id}, 'public', '${direct}')`);
  await reads(rc, t.path, (p, i) => assert.ok(messages(p.text).some((m) => m.text.includes(direct)),
    `read ${i}: the message written in the database shows`));
  await sql(`UPDATE tickets SET status = 'pending' WHERE id = ${t.id}`);
  await reads(rc, t.path, (p, i) => assert.equal(statusShown(p.text), 'pending', `read ${i}: new status`));
  // An internal note changes the ticket, yet never reaches the requester.
  const note = `Kept note ${rnd(6)}`;
  await ac.post(`${t.path}/reply`, { body: note, kind: 'internal' });
  await reads(rc, t.path, (p, i) => assert.ok(!p.text.includes(note), `read ${i}: no internal note`));
  await reads(ac, t.path, (p, i) => assert.ok(p.text.includes(note), `read ${i}: the agent sees the note`));
});

test('kept: a renamed person and a lost team membership take effect at once', async () => {
  const t = await desk('Kept people');
  await ac.post(`${t.path}/reply`, { body: 'Looking into it.', kind: 'public' });
  await reads(rc, t.path, (p) => assert.ok(textOf(mainOf(p.text)).includes(`Kept Ana ${tag}`)));
  const renamed = `Ana Renamed ${tag}`;
  await sql(`UPDATE users SET name = '${renamed}' WHERE id = ${ana.id}`);
  await reads(rc, t.path, (p, i) => assert.ok(textOf(mainOf(p.text)).includes(renamed), `read ${i}: new name`));
  // Bruno sees the team's ticket until he leaves the team: then the same 404 as for any other.
  await reads(bc, t.path, (p) => assert.equal(p.status, 200));
  await sql(`DELETE FROM user_groups WHERE user_id = ${bruno.id}`);
  await reads(bc, t.path, (p, i) => assert.equal(p.status, 404, `read ${i}: no longer his team's`));
});

test('kept: an agent sees at once that another agent opened the ticket', async () => {
  const t = await desk('Kept presence');
  await sql(`INSERT INTO user_groups (user_id, group_id) SELECT ${bruno.id}, id FROM \`groups\`` +
    " WHERE name = 'Service Desk'");
  await reads(ac, t.path, (p) => assert.ok(!looking(p.text).includes(`Kept Bruno ${tag}`)));
  assert.equal((await bc.get(t.path)).status, 200);
  await reads(ac, t.path, (p, i) => assert.ok(looking(p.text).includes(`Kept Bruno ${tag}`),
    `read ${i}: Bruno is shown as looking at it`));
});
