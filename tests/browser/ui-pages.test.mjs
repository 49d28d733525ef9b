// @ts-check
// The extension's own pages in real Chromium with dist/chrome: the options page (guidelines in
// full from the core, switches, «Prøv en tekst» live), the popup (status, identity, snooze) and
// the onboarding page. axe-core finds no serious or critical violation in light or dark; every
// control works from the keyboard; nothing overflows at 200 % zoom; screenshots of every page in
// light and dark, bokmål and English go to `screenshotDir` (docs/screenshots/ with TENK_SCREENSHOTS=1).
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { launchExtension, screenshot, seriousViolations } from './lib/extension.mjs';

const IDS = ['negative-about-colleagues', 'clients-and-users', 'confidentiality', 'mixing-roles', 'photos', 'loyalty', 'logged-in-identity', 'questions-to-official-channels', 'facts-not-arguments', 'copyright-and-consent', 'admit-mistakes', 'leaders-responsibility', 'think-twice'];
const FACEBOOK = 'https://www.facebook.com/groups/velferd/posts/1';
const FB_PAGE = '<!doctype html><html lang="nb"><title>Facebook</title><main><p>Innlegg</p><div contenteditable="true" role="textbox" data-lexical-editor="true" aria-label="Kommenter som Kari Nordmann"><p><br></p></div></main></html>';

/** @type {Awaited<ReturnType<typeof launchExtension>>} */
let ext;
before(async () => {
  ext = await launchExtension({ lang: 'nb', colorScheme: 'light' });
  await ext.context.route('https://www.facebook.com/**', (r) => r.fulfill({ contentType: 'text/html; charset=utf-8', body: FB_PAGE }));
});
after(async () => ext?.close());

/** @param {string} path */
async function openPage(path) {
  const page = await ext.context.newPage();
  /** @type {string[]} */
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(ext.url(path));
  await page.waitForSelector('body[data-ready]', { timeout: 10000 });
  return { page, errors };
}

/** The id of the tab showing `page` (made active first). */
async function tabIdOf(/** @type {import('playwright-core').Page} */ page) {
  await page.bringToFront();
  return ext.worker.evaluate(async () => (await chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.id);
}

test('onboarding opens once after install', async () => {
  const deadline = Date.now() + 5000;
  while (Date.now() < deadline && !ext.context.pages().some((p) => p.url().endsWith('/pages/onboarding.html'))) await new Promise((r) => setTimeout(r, 100));
  assert.equal(ext.context.pages().filter((p) => p.url().endsWith('/pages/onboarding.html')).length, 1);
});

test('options: every guideline in full from the core, with its quote', async () => {
  const { page, errors } = await openPage('pages/options.html');
  const ids = await page.$$eval('#guideline-list article', (els) => els.map((e) => e.getAttribute('data-guideline')));
  assert.deepEqual([...ids].sort(), [...IDS].sort());
  for (const id of IDS) {
    const article = page.locator(`#g-${id}`);
    assert.ok((await article.locator('h3').innerText()).trim().length > 3, `${id} has a title`);
    assert.ok((await article.locator('blockquote').innerText()).trim().length > 10, `${id} has a quote`);
  }
  assert.deepEqual(errors, []);
  await page.close();
});

test('options: «Prøv en tekst» shows findings live as you type, from the same core', async () => {
  const { page } = await openPage('pages/options.html');
  const box = page.locator('#try-text');
  await box.click();
  await page.keyboard.type('Sjefen min er helt udugelig.');
  await page.waitForSelector('#try-results article[data-guideline="negative-about-colleagues"]', { timeout: 5000 });
  assert.match(await page.locator('#try-preview mark').first().innerText(), /udugelig/i);
  await box.fill('Fødselsnummeret er 01129940030');
  await page.waitForSelector('#try-results article[data-guideline="confidentiality"]', { timeout: 5000 });
  assert.equal(await page.locator('#try-preview mark').innerText(), '01129940030');
  await box.fill('Så fint vær i dag!');
  await page.waitForFunction(() => document.querySelectorAll('#try-results article').length === 0);
  await page.close();
});

test('options: switches and role are saved, and work from the keyboard', async () => {
  const { page } = await openPage('pages/options.html');
  const sw = page.locator('#switch-think-twice');
  await sw.focus();
  await page.keyboard.press('Space');
  assert.equal(await sw.isChecked(), false);
  await page.locator('input[name="role"][value="employee"]').focus();
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction(() => document.getElementById('saved')?.textContent !== '');
  const stored = /** @type {any} */ (await ext.worker.evaluate(async () => (await chrome.storage.sync.get('settings')).settings));
  assert.equal(stored.guidelines['think-twice'].enabled, false);
  assert.equal(stored.role, 'leader');
  await page.reload();
  await page.waitForSelector('body[data-ready]');
  assert.equal(await page.locator('#switch-think-twice').isChecked(), false);
  assert.equal(await page.locator('input[name="role"][value="leader"]').isChecked(), true);
  await ext.worker.evaluate(async () => chrome.storage.sync.remove('settings'));
  await page.close();
});

test('popup: not active on a page without our content script', async () => {
  const { page } = await openPage('pages/popup.html?tab=999999');
  assert.equal(await page.locator('#status').getAttribute('data-state'), 'inactive');
  assert.equal(await page.locator('#snooze-block').isHidden(), true);
  await page.close();
});

test('popup: active on Facebook, who you comment as, snooze and resume from the keyboard', async () => {
  const fb = await ext.context.newPage();
  await fb.goto(FACEBOOK);
  await fb.locator('[data-lexical-editor]').click();
  await fb.keyboard.type('Hei');
  const tabId = await tabIdOf(fb);
  const { page } = await openPage(`pages/popup.html?tab=${tabId}`);
  await page.waitForSelector('#status[data-state="active"]', { timeout: 5000 });
  assert.match(await page.locator('#identity-name').innerText(), /Kari Nordmann/);
  await page.locator('#snooze-hour').focus();
  await page.keyboard.press('Enter');
  await page.waitForSelector('#status[data-state="snoozed"]');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'resume');
  const snoozes = /** @type {Record<string, number>} */ (await ext.worker.evaluate(async () => /** @type {any} */ (await chrome.storage.sync.get('settings')).settings.snoozes));
  assert.ok(snoozes['www.facebook.com'] > Date.now());
  await page.keyboard.press('Enter');
  await page.waitForSelector('#status[data-state="active"]');
  await page.close();
  await fb.close();
});

test('pages: no serious or critical axe violations, light and dark; no overflow at 200 % zoom', async () => {
  const fb = await ext.context.newPage();
  await fb.goto(FACEBOOK);
  const tabId = await tabIdOf(fb);
  for (const scheme of /** @type {const} */ (['light', 'dark'])) {
    for (const path of ['pages/options.html', 'pages/onboarding.html', `pages/popup.html?tab=${tabId}`]) {
      const { page } = await openPage(path);
      await page.emulateMedia({ colorScheme: scheme });
      if (path.includes('options')) await page.fill('#try-text', 'Sjefen min er helt udugelig.');
      await page.waitForTimeout(300);
      assert.deepEqual(await seriousViolations(page), [], `${path} (${scheme})`);
      // 200 % zoom of a 1100 px window is a 550 px CSS viewport (the popup grows with zoom instead).
      if (path.includes('popup')) { await page.close(); continue; }
      await page.setViewportSize({ width: 550, height: 700 });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 1, `${path} overflows by ${overflow}px at 200 %`);
      await page.close();
    }
  }
  await fb.close();
});

test('screenshots of the popup, options and onboarding pages, light and dark, bokmål and English', async () => {
  for (const lang of /** @type {const} */ (['nb', 'en'])) {
    for (const colorScheme of /** @type {const} */ (['light', 'dark'])) {
      const other = await launchExtension({ lang, colorScheme });
      try {
        await other.context.route('https://www.facebook.com/**', (r) => r.fulfill({ contentType: 'text/html; charset=utf-8', body: FB_PAGE }));
        const tag = `${lang}-${colorScheme}`;
        const fb = await other.context.newPage();
        await fb.goto(FACEBOOK);
        await fb.locator('[data-lexical-editor]').click();
        await fb.keyboard.type('Hei');
        await fb.bringToFront();
        const tabId = await other.worker.evaluate(async () => (await chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.id);
        const popup = await other.context.newPage();
        await popup.setViewportSize({ width: 352, height: 560 });
        await popup.goto(other.url(`pages/popup.html?tab=${tabId}`));
        await popup.waitForSelector('#status[data-state="active"]', { timeout: 10000 });
        await popup.waitForSelector('#identity-name:not([hidden])', { timeout: 10000 });
        await screenshot(popup.locator('main'), `popup-${tag}`);
        const options = await other.context.newPage();
        await options.goto(other.url('pages/options.html'));
        await options.waitForSelector('body[data-ready]');
        const sample = 'Sjefen min er helt udugelig. Fødselsnummeret hans er 01129940030.';
        await options.fill('#try-text', sample);
        // (the behaviour itself is tested strictly above; here a slow worker start gets a second try)
        await options.waitForSelector('#try-results article', { timeout: 15000 }).catch(async () => {
          await options.fill('#try-text', '');
          await options.fill('#try-text', sample);
          await options.waitForSelector('#try-results article', { timeout: 15000 });
        });
        await screenshot(options, `options-${tag}`);
        const onboarding = await other.context.newPage();
        await onboarding.goto(other.url('pages/onboarding.html'));
        await onboarding.waitForSelector('body[data-ready]');
        await screenshot(onboarding, `onboarding-${tag}`);
        assert.equal(await onboarding.evaluate(() => document.documentElement.lang), lang);
      } finally {
        await other.close();
      }
    }
  }
});
