// tickets-flow.test.mjs - a request from start to end in Chromium, once with
// JavaScript and once without: a requester (john@example.org) reports a
// problem in two steps (articles suggested on the second) with a screenshot
// attached and finds it under "My requests"; an agent (agent@example.org)
// finds it in the work queue, answers with a standard answer put into the
// reply box, adds an internal note and marks it solved; the requester sees
// the answer but never the note. With JavaScript the requester rates it 4
// with a comment; without, they first say "it is still not working" (which
// reopens it), then "yes, this is solved", then rate it. Every page on the
// way is checked at phone and desktop width (axe-core: no violations, no
// sideways scrolling, touch targets, screenshots); without JavaScript the
// pages are checked as they render when the site's scripts do not run.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newContext, checkPage, open, signIn, watchConsole, viewport, WIDTHS, T } from './helpers.mjs';

const en = T.en;
let browser, requester, agent;
before(async () => {
  browser = await launch();
  requester = await signIn(browser, 'john@example.org');
  agent = await signIn(browser, 'agent@example.org');
});
after(async () => { await browser?.close(); });

const PNG = Buffer.from('89504e470d0a1a0a0000000d494844520000000100000001080600' +
  '00001f15c4890000000a49444154789c63000100000500010d0a2db40000000049454e44ae426082', 'hex');
const CANNED = 'Solved - please check';
const CANNED_TEXT = 'We believe this is solved now';

/* Check the page now shown at both widths (the page is resized, not
 * reloaded, so pages that answer a POST are checked too). */
async function both(page, name) {
  for (const width of WIDTHS) {
    await page.setViewportSize(viewport(width));
    await checkPage(page, { name, lang: 'en', width });
  }
}

/* A signed-in context for checking pages as they are without JavaScript: the
 * browser runs axe, but the site's own scripts are never loaded. */
async function scriptless(state) {
  const ctx = await newContext(browser, { state });
  await ctx.route('**/static/js/**', (route) => route.abort());
  return ctx;
}

const statusShown = async (page) => (await page.locator('main .meta .status').first().innerText()).trim();
const messages = (page) => page.locator('main ol.messages li.message').allInnerTexts();

/* Both steps of the report form as the requester; returns the request's path.
 * look(page, name) checks each page on the way. */
async function reportProblem(page, subject, look) {
  await open(page, '/tickets/new');
  await look(page, 'report-step1');
  await page.fill('#subject', subject);
  await page.selectOption('#category', { label: 'Something does not work' });
  await Promise.all([page.waitForNavigation(), page.click('main form[action="/tickets/new"] button[type=submit]')]);
  assert.equal(await page.inputValue('#subject'), subject, 'step 2 keeps the summary');
  const tips = page.locator('main .deflect a');
  assert.ok(await tips.count() > 0, 'articles that may answer it are suggested');
  assert.match(await tips.first().getAttribute('href'), /^\/kb\/a\/\d+-/);
  await look(page, 'report-step2');
  await page.fill('#body', 'Since this morning nothing comes out of the printer on the second floor.');
  await page.setInputFiles('#files', { name: 'printer-panel.png', mimeType: 'image/png', buffer: PNG });
  await Promise.all([page.waitForNavigation(), page.click('main form[action="/tickets/new"] button[type=submit]')]);
  const path = new URL(page.url()).pathname;
  assert.match(path, /^\/tickets\/T-\d{6,}$/, 'the new request opens');
  assert.equal((await page.locator('main .notice.ok').innerText()).trim(), en['tickets.created']);
  assert.equal(await statusShown(page), en['tickets.status.new']);
  assert.deepEqual(await page.locator('main p.file a').allInnerTexts(), ['printer-panel.png']);
  await look(page, 'request-new');
  return path;
}

/* The agent's part: find the request in the queue, answer with the standard
 * answer, add a note, mark it solved. js: whether the page runs scripts. */
async function agentWork(page, path, subject, note, look, js) {
  await open(page, `/tickets/queue?q=${encodeURIComponent(subject)}`);
  const link = page.locator(`main table a[href="${path}"]`);
  assert.equal(await link.count(), 1, 'the request is in the work queue');
  await look(page, 'agent-queue');
  await Promise.all([page.waitForNavigation(), link.click()]);
  assert.deepEqual(await page.locator('main p.file a').allInnerTexts(), ['printer-panel.png'], 'the agent sees the file');
  const file = await page.locator('main p.file a').getAttribute('href');
  const got = await page.request.get(file);
  assert.equal(got.status(), 200);
  assert.deepEqual(Buffer.from(await got.body()), PNG, 'the file as sent');
  await look(page, 'agent-request');

  await page.selectOption('#canned', { label: CANNED });
  if (js) {
    const url = page.url();
    await page.click('.tool-canned button[type=submit]');
    await page.waitForFunction(() => document.getElementById('reply-body').value.length > 0);
    assert.equal(page.url(), url, 'inserted in place');
  } else {
    await Promise.all([page.waitForNavigation(), page.click('.tool-canned button[type=submit]')]);
    await look(page, 'agent-canned');
  }
  assert.match(await page.inputValue('#reply-body'), new RegExp(CANNED_TEXT));
  assert.equal(await page.isChecked('input[name=kind][value=public]'), true, 'public by default');
  await Promise.all([page.waitForNavigation(), page.click('main form[action$="/reply"] button[type=submit]')]);
  assert.equal(await statusShown(page), en['tickets.status.open'], 'an answer opens it');

  await page.check('input[name=kind][value=internal]');
  await page.fill('#reply-body', note);
  await Promise.all([page.waitForNavigation(), page.click('main form[action$="/reply"] button[type=submit]')]);
  const last = page.locator('main ol.messages li.message').last();
  assert.match(await last.getAttribute('class'), /\binternal\b/, 'the note is marked internal');
  assert.match(await last.innerText(), new RegExp(note));

  await page.selectOption('#u-status', 'resolved');
  await Promise.all([page.waitForNavigation(), page.click('main form[action$="/update"] button[type=submit]')]);
  assert.equal(await statusShown(page), en['tickets.status.resolved']);
  await look(page, 'agent-solved');
}

/* What the requester sees once it is solved: the answer, never the note. */
async function seesAnswer(page, note) {
  const texts = await messages(page);
  assert.ok(texts.some((t) => t.includes(CANNED_TEXT)), 'the public answer is shown');
  assert.ok(!texts.some((t) => t.includes(note)), 'the internal note is not');
  assert.ok(!(await page.content()).includes(note), 'not even in the page source');
  assert.equal(await page.locator('main ol.messages li.message.internal').count(), 0);
  assert.equal(await page.locator('input[name=kind]').count(), 0, 'no agent controls');
  assert.equal(await statusShown(page), en['tickets.status.resolved']);
}

/* Rate 4 with a comment on the request page. */
async function rate(page, comment) {
  await page.check('input[name=rating][value="4"]');
  await page.fill('#rate-comment', comment);
  await Promise.all([page.waitForNavigation(), page.click('main form[action$="/rate"] button[type=submit]')]);
  assert.equal(new URL(page.url()).searchParams.get('rated'), '1');
  assert.equal((await page.locator('#rate-h').innerText()).trim(), `${en['tickets.your_rating']}: 4/5`);
  assert.equal(await page.locator('main form[action$="/rate"]').count(), 0, 'rated once');
}

test('with JavaScript: report, queue, answer with a note, solved, rated', async () => {
  const tag = `ref ${Date.now().toString(36)}`;
  const subject = `The printer does not print ${tag}`;
  const note = `Toner order placed ${tag}`;
  const look = (page, name) => both(page, `flow-${name}`);
  const rctx = await newContext(browser, { state: requester, csp: true });
  const actx = await newContext(browser, { state: agent, csp: true });
  try {
    const rp = await rctx.newPage();
    const rerr = watchConsole(rp);
    const path = await reportProblem(rp, subject, look);
    await open(rp, '/tickets/');
    assert.ok(await rp.locator(`main .ticket-row a[href="${path}"]`).count() === 1, 'listed under My requests');
    await look(rp, 'my-requests');

    const ap = await actx.newPage();
    const aerr = watchConsole(ap);
    await agentWork(ap, path, subject, note, look, true);

    await open(rp, path);
    await seesAnswer(rp, note);
    await look(rp, 'request-solved');
    await rate(rp, 'Quick and clear, thank you.');
    await look(rp, 'request-rated');
    await open(rp, '/tickets/?state=closed');
    assert.ok(await rp.locator(`main .ticket-row a[href="${path}"]`).count() === 1, 'listed as closed');
    assert.deepEqual([...rerr, ...aerr], [], 'no console errors, within the Content-Security-Policy');
  } finally {
    await rctx.close();
    await actx.close();
  }
});

test('without JavaScript: the same flow with plain forms, reopened, confirmed, rated', async () => {
  const tag = `ref ${Date.now().toString(36)}`;
  const subject = `The printer does not print ${tag}`;
  const note = `Paper tray replaced ${tag}`;
  const rctx = await newContext(browser, { state: requester, js: false });
  const actx = await newContext(browser, { state: agent, js: false });
  const rcheck = await scriptless(requester);
  const acheck = await scriptless(agent);
  const checkers = new Map([[rctx, await rcheck.newPage()], [actx, await acheck.newPage()]]);
  // Pages reached by GET are opened again in the checking context; the report
  // form's second step (the answer to a POST) is reached there the same way.
  const look = async (page, name) => {
    const cp = checkers.get(page.context());
    const url = new URL(page.url());
    if (name === 'report-step2') {
      await open(cp, '/tickets/new');
      await cp.fill('#subject', await page.inputValue('#subject'));
      await cp.selectOption('#category', { label: 'Something does not work' });
      await Promise.all([cp.waitForNavigation(), cp.click('main form[action="/tickets/new"] button[type=submit]')]);
    } else {
      await open(cp, url.pathname + url.search);
    }
    assert.equal(await cp.evaluate(() => document.documentElement.classList.contains('js')), false, 'no site scripts');
    await both(cp, `flow-nojs-${name}`);
  };
  try {
    const rp = await rctx.newPage();
    const path = await reportProblem(rp, subject, look);
    await open(rp, '/tickets/');
    assert.ok(await rp.locator(`main .ticket-row a[href="${path}"]`).count() === 1, 'listed under My requests');
    await look(rp, 'my-requests');

    const ap = await actx.newPage();
    await agentWork(ap, path, subject, note, look, false);

    await open(rp, path);
    await seesAnswer(rp, note);
    await look(rp, 'request-solved');
    await rp.fill('#reopen-why', 'The printer still shows a paper jam.');
    await Promise.all([rp.waitForNavigation(), rp.click('main form[action$="/reopen"] button[type=submit]')]);
    assert.equal(await statusShown(rp), en['tickets.status.open'], '"still not working" reopens it');
    assert.match((await messages(rp)).at(-1), /still shows a paper jam/);
    assert.equal(await rp.locator('main form[action$="/rate"]').count(), 0, 'nothing to rate while open');
    await look(rp, 'request-reopened');

    await Promise.all([rp.waitForNavigation(), rp.click('main form[action$="/solved"] button[type=submit]')]);
    assert.equal(await statusShown(rp), en['tickets.status.resolved'], '"yes, this is solved" solves it');
    await rate(rp, 'Fixed on the second try.');
    await look(rp, 'request-rated');

    // The agent still sees the whole story.
    await open(ap, path);
    assert.equal(await statusShown(ap), en['tickets.status.resolved']);
    assert.ok((await messages(ap)).some((t) => t.includes(note)), 'the agent still sees the note');
  } finally {
    await rctx.close();
    await actx.close();
    await rcheck.close();
    await acheck.close();
  }
});

test('a department\'s requests, when the admin allows it: settings, the list, a colleague\'s request read-only', async (t) => {
  const admin = await signIn(browser, 'admin@example.org');
  const maria = await signIn(browser, 'maria@example.org');       // Finanzas
  const paula = await signIn(browser, 'approver@example.org');    // Finanzas too, not staff
  const actx = await newContext(browser, { state: admin, csp: true });
  const mctx = await newContext(browser, { state: maria });
  const pctx = await newContext(browser, { state: paula, csp: true });
  const ap = await actx.newPage();
  const errors = watchConsole(ap);
  const setView = async (on) => {
    await open(ap, '/admin/tickets/settings');
    await (on ? ap.check('#dept-view') : ap.uncheck('#dept-view'));
    await Promise.all([ap.waitForNavigation(), ap.click('main form[action="/admin/tickets/settings"] button[type=submit]')]);
    assert.equal(await ap.isChecked('#dept-view'), on);
  };
  try {
    // A request of Maria's for her colleague to follow.
    const mp = await mctx.newPage();
    await open(mp, '/tickets/new');
    await mp.fill('#subject', `Projector in room 3 is blurry ${Date.now().toString(36)}`);
    await mp.selectOption('#category', { index: 1 });
    await Promise.all([mp.waitForNavigation(), mp.click('main form[action="/tickets/new"] button[type=submit]')]);
    await mp.fill('#body', 'The picture is blurry whatever we try.');
    await Promise.all([mp.waitForNavigation(), mp.click('main form[action="/tickets/new"] button[type=submit]')]);
    const path = new URL(mp.url()).pathname;

    await setView(true);
    await t.test('admin pages', async () => {
      await both(ap, 'admin-ticket-settings');
      await open(ap, '/admin/users?q=john%40example.org');
      await Promise.all([ap.waitForNavigation(), ap.locator('main table a[href^="/admin/users/"]').first().click()]);
      assert.equal(await ap.locator('#department option:checked').innerText(), 'Sales');
      await both(ap, 'admin-user-department');
    });
    await t.test('the colleague\'s list and the request, read-only', async () => {
      const pp = await pctx.newPage();
      const perr = watchConsole(pp);
      await open(pp, '/tickets/');
      await Promise.all([pp.waitForNavigation(), pp.click(`main nav a[href="/tickets/?who=department"]`)]);
      assert.equal(await pp.locator('main nav a[aria-current="page"]').innerText(), en['tdept.department']);
      const link = pp.locator(`main .ticket-row a[href="${path}"]`);
      assert.equal(await link.count(), 1, 'Maria\'s request is listed');
      await both(pp, 'tickets-department');
      await Promise.all([pp.waitForNavigation(), link.click()]);
      assert.equal((await pp.locator('#read-only').innerText()).trim(), en['tdept.read_only_note']);
      assert.equal(await pp.locator('main form[action$="/reply"], main form[action$="/solved"]').count(), 0, 'nothing to act with');
      await both(pp, 'request-colleague');
      assert.deepEqual(perr, [], 'no console errors');
    });
  } finally {
    await setView(false).catch(() => {});
    await actx.close();
    await mctx.close();
    await pctx.close();
  }
  assert.deepEqual(errors, [], 'no console errors');
});
