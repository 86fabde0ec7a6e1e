// nojs.test.mjs - everything essential works with JavaScript turned off: the
// language switch, then sign in -> my account -> sign out, with plain forms.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { launch, newContext, open, PASSWORD, SHOTS, T } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const htmlLang = (page) => page.evaluate(() => document.documentElement.lang);
const h1 = async (page) => (await page.locator('h1').first().innerText()).trim();

test('without JavaScript: switch language, sign in, see my account, sign out', async () => {
  const ctx = await newContext(browser, { width: 375, lang: 'en', js: false });
  const page = await ctx.newPage();
  try {
    assert.equal(await page.evaluate(() => document.documentElement.classList.contains('js')), false,
      'site.js ran although JavaScript is off');
    // A page behind sign-in sends us to the sign-in form, which brings us back.
    await open(page, '/account');
    assert.equal(new URL(page.url()).pathname, '/login');
    assert.equal(await h1(page), T.en['login.title']);

    await Promise.all([page.waitForURL((u) => u.pathname === '/login'), page.click('form[action="/language"] button')]);
    assert.equal(await htmlLang(page), 'es');
    assert.equal(await h1(page), T.es['login.title']);
    await page.screenshot({ path: join(SHOTS, 'nojs-login-es-375.png'), fullPage: true });

    await page.fill('#email', 'maria@example.org');
    await page.fill('#password', PASSWORD);
    await Promise.all([page.waitForURL((u) => u.pathname === '/account'), page.click('main form button[type=submit]')]);
    const lang = await htmlLang(page);
    assert.equal(await h1(page), T[lang]['account.title']);
    assert.ok((await page.inputValue('#name')).trim().length > 0, 'my name is not filled in');
    await page.screenshot({ path: join(SHOTS, `nojs-account-${lang}-375.png`), fullPage: true });

    await Promise.all([page.waitForNavigation(), page.click('header form[action="/logout"] button')]);
    assert.equal(await page.locator('form[action="/logout"]').count(), 0, 'still signed in after signing out');
    assert.ok(await page.locator('header a[href="/login"]').count() > 0, 'no sign-in link after signing out');
    await open(page, '/account');
    assert.equal(new URL(page.url()).pathname, '/login', '/account opens after signing out');
  } finally {
    await ctx.close();
  }
});
