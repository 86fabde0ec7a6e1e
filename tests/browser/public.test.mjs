// public.test.mjs - pages anyone can open, signed out: home, sign-in, password
// reset, knowledge base (front page, a topic, an article, search), site search,
// catalog and error pages, in English and Spanish (from the
// browser's Accept-Language) at phone and desktop widths: axe-core finds nothing,
// nothing scrolls sideways, touch targets are large enough, the right language
// and heading. Then the language
// switch in the header, and the skip link.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newContext, checkPage, open, switchLanguage, watchConsole, wanted, viewport, WIDTHS, T } from './helpers.mjs';

const PAGES = [
  { name: 'home', path: '/', h1: 'home.title' },
  { name: 'login', path: '/login', h1: 'login.title' },
  { name: 'password-reset', path: '/password-reset', h1: 'reset.title' },
  { name: 'kb', path: '/kb/', h1: 'kb.title' },
  { name: 'kb-topic', diag: true, path: (page) => page.locator('main a[href^="/kb/c/"]').first().getAttribute('href') },
  { name: 'kb-article', diag: true, path: (page) => page.locator('main a[href^="/kb/a/"]').first().getAttribute('href') },
  { name: 'kb-search', diag: true, path: '/kb/search?q=wifi', h1: 'kb.search_title' },
  { name: 'search', diag: true, path: '/search?q=printer', h1: 'search.title' },
  { name: 'catalog', path: '/catalog/', h1: 'catalog.title' },
  { name: 'not-found', path: '/no/such/page', h1: 'error.title.404', status: 404 },
  { name: 'reset-link-spent', diag: true, path: `/password-reset/${'0'.repeat(64)}`, h1: 'reset.expired_title', status: 404 },
];

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

// One context a language (the language comes from the browser, Accept-Language)
// and both widths in it: a browser pays for its first axe run in a context.
for (const [li, lang] of ['en', 'es'].entries()) {
  test(`signed-out pages in ${lang} at both widths`, async (t) => {
    const ctx = await newContext(browser, { lang });
    const page = await ctx.newPage();
    try {
      for (const width of WIDTHS) {
        await page.setViewportSize(viewport(width));
        await t.test(`${width}px`, async (t2) => {
          for (const p of PAGES.filter((q) => wanted(q, li, width))) {
            await t2.test(p.name, async () => {
              // A function path is read from the page before (a link on it).
              const path = typeof p.path === 'function' ? await p.path(page) : p.path;
              assert.ok(path, `${p.name}: no link to follow`);
              await open(page, path, p.status ?? 200);
              if (p.h1)
                assert.equal((await page.locator('h1').first().innerText()).trim(), T[lang][p.h1]);
              await checkPage(page, { name: p.name, lang, width });
            });
          }
        });
      }
    } finally {
      await ctx.close();
    }
  });
}

test('signed-out pages run within the Content-Security-Policy, without console errors', async () => {
  const ctx = await newContext(browser, { width: 1280, lang: 'en', csp: true });
  const page = await ctx.newPage();
  const errors = watchConsole(page);
  try {
    for (const p of PAGES) {
      const path = typeof p.path === 'function' ? await p.path(page) : p.path;
      await open(page, path, p.status ?? 200);
      assert.equal(await page.evaluate(() => document.documentElement.classList.contains('js')), true,
        `${path}: site.js did not run`);
    }
    assert.deepEqual(errors, []);
  } finally {
    await ctx.close();
  }
});

test('suggestions appear as you type, work from the keyboard and pass axe', async () => {
  const ctx = await newContext(browser, { width: 375, lang: 'en' });
  const page = await ctx.newPage();
  try {
    await open(page, '/');
    await page.locator('#q').pressSequentially('printer', { delay: 30 });
    const list = page.locator('ul.suggest[role=listbox]');
    await list.locator('[role=option]').first().waitFor();
    // On a busy machine a key may come late and a shorter word's answer first:
    // wait until the last answer is in before choosing.
    await page.waitForLoadState('networkidle');
    assert.equal(await page.getAttribute('#q', 'aria-expanded'), 'true');
    await page.keyboard.press('ArrowDown');
    const active = await page.getAttribute('#q', 'aria-activedescendant');
    assert.ok(active, 'ArrowDown did not move to a suggestion');
    assert.equal(await page.getAttribute(`#${active}`, 'aria-selected'), 'true');
    await checkPage(page, { name: 'home-suggestions', lang: 'en', width: 375 });
    // Enter opens the chosen suggestion.
    await Promise.all([page.waitForURL((u) => u.pathname.startsWith('/kb/a/')), page.keyboard.press('Enter')]);
    await page.goBack();
    await page.locator('#q').fill('');
    await page.locator('#q').pressSequentially('wifi', { delay: 30 });
    await list.locator('[role=option]').first().waitFor();
    await page.keyboard.press('Escape');
    assert.equal(await page.getAttribute('#q', 'aria-expanded'), 'false');
  } finally {
    await ctx.close();
  }
});

test('the language switch turns a signed-out page into the other language and back', async () => {
  const ctx = await newContext(browser, { width: 375, lang: 'en' });
  const page = await ctx.newPage();
  try {
    await open(page, '/password-reset');
    assert.equal(await switchLanguage(page), 'es');
    assert.equal((await page.locator('h1').innerText()).trim(), T.es['reset.title']);
    // The choice sticks (cookie) on other pages, over the browser's language.
    await open(page, '/kb/');
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'es');
    assert.equal(await switchLanguage(page), 'en');
    assert.equal((await page.locator('h1').innerText()).trim(), T.en['kb.title']);
  } finally {
    await ctx.close();
  }
});

test('keyboard: the first Tab shows the skip link, and it leads to the content', async () => {
  const ctx = await newContext(browser, { width: 1280, lang: 'en' });
  const page = await ctx.newPage();
  try {
    await open(page, '/');
    await page.keyboard.press('Tab');
    const skip = page.locator('a.skip');
    assert.equal(await page.evaluate(() => document.activeElement.className), 'skip');
    const box = await skip.boundingBox();
    assert.ok(box && box.x >= 0 && box.y >= 0 && box.width > 0, 'skip link is off screen when focused');
    await page.keyboard.press('Enter');
    assert.equal(new URL(page.url()).hash, '#main');
  } finally {
    await ctx.close();
  }
});

test('keyboard: every control shows a clear focus ring', async () => {
  const ctx = await newContext(browser, { width: 1280, lang: 'en' });
  const page = await ctx.newPage();
  try {
    await open(page, '/login');
    const seen = [];
    for (let i = 0; i < 20; i++) {
      await page.keyboard.press('Tab');
      const f = await page.evaluate(() => {
        const e = document.activeElement;
        if (e === document.body) return null;
        const s = getComputedStyle(e);
        return { what: `${e.tagName.toLowerCase()} "${(e.textContent || e.id || '').trim().slice(0, 30)}"`,
          style: s.outlineStyle, width: parseFloat(s.outlineWidth) };
      });
      if (f === null) break; // went past the last control
      seen.push(f.what);
      assert.ok(f.style !== 'none' && f.width >= 2, `no visible focus ring on ${f.what} (${f.style} ${f.width}px)`);
    }
    assert.ok(seen.some((w) => w.startsWith('input')) && seen.some((w) => w.startsWith('button')),
      `Tab did not reach the form: ${seen.join(', ')}`);
  } finally {
    await ctx.close();
  }
});
