// signed-in.test.mjs - pages behind sign-in, in both languages at phone and
// desktop widths: a requester (maria@example.org: home, account, my requests,
// report a problem, an admin page she may not open) and an administrator
// (admin@example.org: administration, users, new user, one user, teams, audit
// log). A signed-in person's language is their saved preference, so the second
// language is reached with the header's switch (which saves it), and the
// original preference is restored at the end. One sign-in per person.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newContext, checkPage, open, signIn, switchLanguage, watchConsole, wanted, viewport, WIDTHS, T } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/* Step 1 of reporting a problem: a summary and a topic. */
async function reportStep1(page) {
  await page.fill('#subject', 'The printer does not print');
  await page.selectOption('#category', { index: 1 });
  await page.click('main form button[type=submit]');
}

/* Maria needs one request of her own for the request page; made once, kept. */
async function ensureTicket(page) {
  await open(page, '/tickets/?state=all');
  if (await page.locator('main .ticket-row').count() > 0)
    return;
  await open(page, '/tickets/new');
  await Promise.all([page.waitForNavigation(), reportStep1(page)]);
  await page.fill('#body', 'Since this morning nothing comes out of the printer on the second floor.');
  await Promise.all([page.waitForNavigation(), page.click('main form button[type=submit]')]);
  assert.match(new URL(page.url()).pathname, /^\/tickets\/[^/]+$/, 'no request page after reporting');
}

const htmlLang = (page) => page.evaluate(() => document.documentElement.lang);

/* Check pages for one person in both languages at both widths, in one browser
 * context (the first axe run in a context is slow). pages: [{name, path, h1,
 * status, act, check, diag}]; path may be a function (page) => path, evaluated
 * on the previous page; act(page) submits a form on it, and status is then the
 * answer's status; check(page, lang) asserts more; diag: see wanted().
 * setup(page) first prepares what the pages need. */
async function both(t, email, pages, setup) {
  const state = await signIn(browser, email);
  const ctl = await newContext(browser, { state });
  const home = await ctl.newPage();  // for the language switch
  const page = await ctl.newPage();  // for the pages under test
  if (setup)
    await setup(home);
  await open(home, '/account');
  const original = await htmlLang(home);
  try {
    await t.test('within the Content-Security-Policy, without console errors', async () => {
      const ctx = await newContext(browser, { state, csp: true });
      const page = await ctx.newPage();
      const errors = watchConsole(page);
      try {
        for (const p of pages) {
          const path = typeof p.path === 'function' ? await p.path(page) : p.path;
          await open(page, path, p.act ? 200 : p.status ?? 200);
        }
        assert.deepEqual(errors, []);
      } finally {
        await ctx.close();
      }
    });
    for (const [li, lang] of [original, original === 'es' ? 'en' : 'es'].entries()) {
      if (await htmlLang(home) !== lang) {
        assert.equal(await switchLanguage(home), lang);
        assert.equal((await home.locator('h1').innerText()).trim(), T[lang]['account.title']);
      }
      // The browser asks for English throughout: the saved preference wins.
      for (const width of WIDTHS) {
        await page.setViewportSize(viewport(width));
        await t.test(`${lang} at ${width}px`, async (t2) => {
          for (const p of pages.filter((q) => wanted(q, li, width))) {
            await t2.test(p.name, async () => {
              const path = typeof p.path === 'function' ? await p.path(page) : p.path;
              assert.ok(path, `${p.name}: no link to follow`);
              await open(page, path, p.act ? 200 : p.status ?? 200);
              if (p.act) {
                const [res] = await Promise.all([page.waitForNavigation(), p.act(page)]);
                assert.equal(res.status(), p.status ?? 200, `${p.name}: HTTP ${res.status()}`);
              }
              if (p.check)
                await p.check(page, lang);
              if (p.h1)
                assert.equal((await page.locator('h1').first().innerText()).trim(), T[lang][p.h1]);
              await checkPage(page, { name: p.name, lang, width });
            });
          }
        });
      }
    }
  } finally {
    if (await htmlLang(home) !== original)
      await switchLanguage(home);
    await ctl.close();
  }
}

test('a requester\'s pages (maria@example.org)', async (t) => {
  await both(t, 'maria@example.org', [
    { name: 'home-signed-in', diag: true, path: '/', h1: 'home.title' },
    { name: 'account', path: '/account', h1: 'account.title' },
    // A form sent back with a mistake: the error is announced and tied to its
    // field. A name of only spaces passes the browser's check, not the server's.
    { name: 'account-error', diag: true, path: '/account', h1: 'account.title', status: 422,
      act: async (page) => { await page.fill('#name', '   '); await page.click('form[action="/account"] button'); },
      check: async (page, lang) => {
        assert.equal(await page.getAttribute('#name', 'aria-invalid'), 'true');
        const described = await page.getAttribute('#name', 'aria-describedby');
        assert.equal((await page.locator(`#${described}`).innerText()).trim(), T[lang]['form.required']);
        assert.equal((await page.locator('[role=alert]').first().innerText()).trim(), T[lang]['form.errors']);
        assert.equal(await page.evaluate(() => document.activeElement.getAttribute('role')), 'alert',
          'focus did not move to the error message');
      } },
    { name: 'tickets', path: '/tickets/?state=all', h1: 'tickets.title' },
    { name: 'ticket', diag: true, path: (page) => page.locator('main .ticket-row a').first().getAttribute('href') },
    { name: 'tickets-new', diag: true, path: '/tickets/new', h1: 'tickets.new_title' },
    // Step 2 of reporting: articles that may answer it, then the details.
    { name: 'tickets-new-details', diag: true, path: '/tickets/new', h1: 'tickets.new_title', act: reportStep1 },
    { name: 'search', diag: true, path: '/search?q=impresora', h1: 'search.title' },
    { name: 'logout-confirm', diag: true, path: '/logout', h1: 'logout.title' },
    { name: 'forbidden', diag: true, path: '/admin/', h1: 'error.title.403', status: 403 },
  ], ensureTicket);
});

test('an administrator\'s pages (admin@example.org)', async (t) => {
  await both(t, 'admin@example.org', [
    { name: 'admin', diag: true, path: '/admin/', h1: 'admin.title' },
    { name: 'admin-users', path: '/admin/users', h1: 'admin.users' },
    { name: 'admin-user', diag: true, path: (page) => page.locator('main table a').first().getAttribute('href') },
    { name: 'admin-users-new', path: '/admin/users/new', h1: 'admin.user_new' },
    { name: 'admin-groups', diag: true, path: '/admin/groups', h1: 'admin.groups' },
    { name: 'admin-audit', diag: true, path: '/admin/audit', h1: 'admin.audit' },
    { name: 'admin-mail', diag: true, path: '/admin/mail', h1: 'mailin.admin_title' },
    { name: 'admin-reports', diag: true, path: '/admin/reports', h1: 'reports.title' },
    { name: 'admin-topics', diag: true, path: '/admin/kb/categories', h1: 'admin.categories' },
    { name: 'admin-webhooks', diag: true, path: '/admin/webhooks', h1: 'webhooks.title' },
    { name: 'queue', diag: true, path: '/tickets/queue?status=all&who=team', h1: 'tickets.queue' },
    { name: 'queue-ticket', diag: true, path: (page) => page.locator('main table a').first().getAttribute('href') },
    { name: 'kb-edit', diag: true, path: '/kb/edit/', h1: 'kbe.title' },
    { name: 'kb-edit-articles', diag: true, path: '/kb/edit/articles', h1: 'kbe.all' },
    { name: 'kb-edit-article', diag: true, path: (page) => page.locator('main table a[href^="/kb/edit/a/"]').first().getAttribute('href') },
  ]);
});
