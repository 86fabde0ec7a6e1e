// tickets-config.test.mjs - the ticket settings pages (topics, one topic with
// its questions, priority rules, standard answers, a team) and the agent's
// reply box with its tools, at phone and desktop width (axe, no sideways
// scrolling, touch targets); then the reply tools at work with JavaScript
// (in place) and without it (the page comes back with the reply box filled).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newContext, checkPage, open, signIn, watchConsole, WIDTHS, viewport, T } from './helpers.mjs';

let browser, state;
before(async () => {
  browser = await launch();
  state = await signIn(browser, 'admin@example.org');
});
after(async () => { await browser?.close(); });

/* A request the admin may work: the first of the queue, or a new one. */
async function aTicket(page) {
  await open(page, '/tickets/queue?status=all&who=team');
  const href = await page.locator('main table a[href^="/tickets/T-"]').first().getAttribute('href').catch(() => null);
  if (href)
    return href.replace(/[?#].*$/, '');
  await open(page, '/tickets/new');
  await page.fill('#subject', 'The printer does not print');
  await page.selectOption('#category', { index: 1 });
  await Promise.all([page.waitForNavigation(), page.click('main form[action="/tickets/new"] button[type=submit]')]);
  await page.fill('#body', 'Nothing comes out of the printer.');
  await Promise.all([page.waitForNavigation(), page.click('main form[action="/tickets/new"] button[type=submit]')]);
  return new URL(page.url()).pathname;
}

test('ticket settings and the reply box at phone and desktop width', async (t) => {
  const ctx = await newContext(browser, { state });
  const page = await ctx.newPage();
  const errors = watchConsole(page);
  try {
    const ticket = await aTicket(page);
    await open(page, '/admin/tickets/categories');
    const topic = await page.locator('main table a[href^="/admin/tickets/categories/"]').first().getAttribute('href');
    await open(page, '/admin/groups');
    const team = await page.locator('main table a[href^="/admin/groups/"]').first().getAttribute('href');
    const pages = [
      { name: 'admin-ticket-topics', path: '/admin/tickets/categories', h1: 'tcfg.categories' },
      { name: 'admin-ticket-topic', path: topic },
      { name: 'admin-ticket-matrix', path: '/admin/tickets/matrix', h1: 'tcfg.matrix' },
      { name: 'admin-ticket-canned', path: '/admin/tickets/canned', h1: 'tcfg.canned' },
      { name: 'admin-team', path: team },
      { name: 'agent-reply-tools', path: `${ticket}?kbq=printer&canned=1` },
      { name: 'agent-report-for', path: '/tickets/new?who=a' },
    ];
    for (const width of WIDTHS) {
      await page.setViewportSize(viewport(width));
      for (const p of pages) {
        await t.test(`${p.name} at ${width}px`, async () => {
          await open(page, p.path);
          if (p.h1)
            assert.equal((await page.locator('h1').first().innerText()).trim(), T.en[p.h1]);
          await checkPage(page, { name: p.name, lang: 'en', width });
        });
      }
    }
    assert.deepEqual(errors, [], 'no console errors');
  } finally {
    await ctx.close();
  }
});

test('reply tools with JavaScript: a standard answer and an article link go into the box in place', async () => {
  const ctx = await newContext(browser, { state, csp: true });
  const page = await ctx.newPage();
  const errors = watchConsole(page);
  try {
    const ticket = await aTicket(page);
    await open(page, ticket);
    const box = page.locator('#reply-body');
    await box.fill('Dear customer,');
    const value = await page.locator('#canned option').first().getAttribute('value');
    await page.selectOption('#canned', value);
    const url = page.url();
    await page.click('.tool-canned button[type=submit]');
    await page.waitForFunction(() => document.getElementById('reply-body').value.length > 'Dear customer,'.length);
    assert.equal(page.url(), url, 'stayed on the page');
    const text = await box.inputValue();
    assert.ok(text.startsWith('Dear customer,\n\n'), 'added after what was typed');
    assert.ok(!/\{\{\s*(requester|ticket|agent)\./.test(text), `placeholders filled: ${text}`);
    await page.fill('#kbq', 'printer');
    await page.click('.tool-kb button[type=submit]');
    await page.locator('#kb-results li button').first().waitFor();
    const title = (await page.locator('#kb-results li a').first().innerText()).trim();
    await page.locator('#kb-results li button').first().click();
    const after = await box.inputValue();
    assert.ok(after.startsWith(text), 'kept what was there');
    assert.match(after, new RegExp(`${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: https?://\\S+/kb/a/\\d+-`));
    assert.equal(page.url(), url, 'still no page load');
    assert.ok((await page.locator('.tool-notice').innerText()).trim().length > 0, 'the change is announced');
    assert.deepEqual(errors, [], 'no console errors, within the Content-Security-Policy');
  } finally {
    await ctx.close();
  }
});

test('reply tools without JavaScript: the same controls load the page with the box filled', async () => {
  const ctx = await newContext(browser, { state, js: false });
  const page = await ctx.newPage();
  try {
    const ticket = await aTicket(page);
    await open(page, ticket);
    const value = await page.locator('#canned option').first().getAttribute('value');
    await page.selectOption('#canned', value);
    await Promise.all([page.waitForNavigation(), page.click('.tool-canned button[type=submit]')]);
    assert.equal(new URL(page.url()).searchParams.get('canned'), value);
    const text = await page.locator('#reply-body').inputValue();
    assert.ok(text.length > 0 && !/\{\{\s*(requester|ticket|agent)\./.test(text), `filled: ${text}`);
    await page.fill('#kbq', 'printer');
    await Promise.all([page.waitForNavigation(), page.click('.tool-kb button[type=submit]')]);
    const link = page.locator('#kb-results a.kb-insert').first();
    await Promise.all([page.waitForNavigation(), link.click()]);
    assert.match(await page.locator('#reply-body').inputValue(), /: https?:\/\/\S+\/kb\/a\/\d+-/);
  } finally {
    await ctx.close();
  }
});
