// @ts-check
// Facebook's variants (issue 5) in Chromium with dist/chrome: the post composer (Enter adds a
// line, «Publiser» submits), a group's comment box and composer, acting as a Page, the same feed
// on web.facebook.com, the basic mobile site, and the comments plugin inside a newspaper's
// iframe. For each: the hint on a guideline text, the dialog in the public test contract with
// the right identity (profile, page or unknown), the submit held until the person decides, and
// «Publiser likevel» delivering exactly the typed text once («Rediger» sending nothing).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, NATIONAL_ID_TEXT, ui } from './harness.mjs';

/** @param {number} ms */
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * @typedef {import('playwright-core').Page} Page
 * @typedef {import('playwright-core').Locator} Locator
 * @typedef {{ locator: (selector: string) => Locator }} Root a page or a frame locator
 * @typedef {{ evaluate: Page['evaluate'] }} Realm where the fixture's `window.__received` lives
 */

/** @param {Realm} realm @returns {Promise<string[]>} */
const receivedIn = (realm) => realm.evaluate(() => /** @type {any} */ (window).__received.slice());

/**
 * The dialog holds the public contract (docs/CONTRACTS.md §3) wherever it opens.
 * @param {Record<'dialog', Locator>} u
 */
async function assertContract(u) {
  const shape = await u.dialog.evaluate((el) => {
    const root = el.getRootNode();
    return {
      host: root instanceof ShadowRoot ? root.host.localName : null,
      mode: root instanceof ShadowRoot ? root.mode : null,
      role: ['dialog', 'alertdialog'].includes(el.getAttribute('role') ?? ''),
      modal: el.getAttribute('aria-modal'),
      parts: ['tenk-identity', 'tenk-edit', 'tenk-publish'].map((id) => el.querySelector(`[data-testid="${id}"]`) !== null),
    };
  });
  assert.deepEqual(shape, { host: 'tenk-deg-om', mode: 'open', role: true, modal: 'true', parts: [true, true, true] });
  const ids = (await u.dialog.getAttribute('data-guidelines'))?.split(' ') ?? [];
  assert.ok(ids.includes('confidentiality'), `data-guidelines: ${ids.join(' ')}`);
}

/**
 * Types the guideline text, checks the hint, submits, checks the dialog and its identity, then
 * publishes (the exact text arrives once) or edits (nothing arrives, the text stays).
 * @param {{ page: Page, root: Root, realm: Realm, field: Locator, submit: () => Promise<void>,
 *   identity: RegExp, choice: 'publish' | 'edit', expected?: string, beforeSubmit?: () => Promise<void> }} o
 */
async function commentFlow(o) {
  await o.field.click();
  await o.page.keyboard.type(NATIONAL_ID_TEXT);
  const u = ui(o.root);
  await u.hint.waitFor({ state: 'visible', timeout: 5000 });
  assert.ok((await u.hint.getAttribute('data-guidelines'))?.split(' ').includes('confidentiality'), 'the hint names confidentiality');
  await o.beforeSubmit?.();
  await o.submit();
  await u.dialog.waitFor({ state: 'visible', timeout: 5000 });
  await assertContract(u);
  assert.ok(await u.edit.evaluate((el) => /** @type {ShadowRoot} */ (el.getRootNode()).activeElement === el), '«Rediger» has focus');
  const who = (await u.identity.textContent()) ?? '';
  assert.match(who, o.identity);
  assert.deepEqual(await receivedIn(o.realm), [], 'held until the person decides');
  if (o.choice === 'publish') {
    await u.publish.click();
    await o.realm.evaluate(() => new Promise((resolve, reject) => {
      const t0 = Date.now();
      const poll = () => (/** @type {any} */ (window).__received.length > 0 ? resolve(null) : Date.now() - t0 > 5000 ? reject(new Error('nothing published')) : setTimeout(poll, 50));
      poll();
    }));
    await sleep(300);
    assert.deepEqual(await receivedIn(o.realm), [o.expected ?? NATIONAL_ID_TEXT], 'the exact text, once');
    assert.equal(await u.dialog.count(), 0, 'the dialog is gone');
  } else {
    await u.edit.click();
    await u.dialog.waitFor({ state: 'detached', timeout: 5000 });
    await sleep(300);
    assert.deepEqual(await receivedIn(o.realm), [], 'nothing was sent');
    assert.equal(await o.field.evaluate((el) => (el instanceof HTMLTextAreaElement ? el.value : el.textContent)), o.expected ?? NATIONAL_ID_TEXT, 'the text is untouched');
  }
}

describe('chromium: Facebook variants', () => {
  /** @type {import('./harness.mjs').Browser} */
  let browser;
  before(async () => {
    browser = await launch();
  });
  after(async () => {
    assert.deepEqual(browser.foreignRequests, [], 'no network requests beyond the pages themselves');
    await browser.close();
  });

  test('the post composer: Enter adds a line, «Publiser» is held, identity from «Hva tenker du på, Kari?»', async () => {
    const page = await browser.open('facebook');
    await page.getByRole('button', { name: 'Hva tenker du på, Kari?' }).click();
    const field = page.locator('[role="dialog"] [data-lexical-editor="true"]');
    await field.waitFor({ timeout: 5000 });
    await commentFlow({
      page,
      root: page,
      realm: page,
      field,
      beforeSubmit: async () => {
        await page.keyboard.press('Enter');
        await page.keyboard.type('Ha en fin dag');
        await sleep(400);
        assert.equal(await ui(page).dialog.count(), 0, 'Enter in the composer is a new line, not a submit');
      },
      submit: () => page.getByRole('button', { name: 'Publiser', exact: true }).click(),
      identity: /Du publiserer som Kari/,
      choice: 'publish',
      expected: `${NATIONAL_ID_TEXT}\nHa en fin dag`,
    });
    await page.close();
  });

  test('a group: the public comment box names the person', async () => {
    const page = await browser.open('facebookGroup');
    const field = page.locator('[role="article"] [data-lexical-editor="true"]').first();
    await commentFlow({ page, root: page, realm: page, field, submit: () => page.keyboard.press('Enter'), identity: /Du publiserer som Kari Nordmann/, choice: 'publish' });
    await page.close();
  });

  test('a group post from «Skriv noe …»: no name on the page, the dialog asks to check the profile', async () => {
    const page = await browser.open('facebookGroup');
    await page.getByRole('button', { name: 'Skriv noe …' }).click();
    const field = page.locator('[role="dialog"] [data-lexical-editor="true"]');
    await field.waitFor({ timeout: 5000 });
    await commentFlow({
      page,
      root: page,
      realm: page,
      field,
      submit: () => page.getByRole('button', { name: 'Publiser', exact: true }).click(),
      identity: /Vi fant ikke navnet ditt/,
      choice: 'edit',
    });
    await page.close();
  });

  test('acting as a Page: «Kommenter som Velferdsetaten» with the switch notice → «Du kommenterer som siden Velferdsetaten»', async () => {
    const page = await browser.open('facebookPage');
    const field = page.locator('[role="article"] [data-lexical-editor="true"]').first();
    await commentFlow({ page, root: page, realm: page, field, submit: () => page.keyboard.press('Enter'), identity: /Du kommenterer som siden Velferdsetaten/, choice: 'publish' });
    await page.close();
  });

  test('acting as a Page: a reply box without a name («Skriv et svar …») is still the Page', async () => {
    const page = await browser.open('facebookPage');
    await page.getByRole('button', { name: 'Svar', exact: true }).click();
    const field = page.locator('.reply-box [data-lexical-editor="true"]');
    await field.waitFor({ timeout: 5000 });
    await commentFlow({ page, root: page, realm: page, field, submit: () => page.keyboard.press('Enter'), identity: /Du kommenterer som siden Velferdsetaten/, choice: 'edit' });
    await page.close();
  });

  test('web.facebook.com: the same comment box', async () => {
    const page = await browser.open('facebookWeb');
    const field = page.locator('[data-lexical-editor="true"]').first();
    await commentFlow({ page, root: page, realm: page, field, submit: () => page.keyboard.press('Enter'), identity: /Du publiserer som Kari Nordmann/, choice: 'publish' });
    await page.close();
  });

  test('m.facebook.com: the basic comment form; Enter is a new line, the button is held; no name on the page', async () => {
    const page = await browser.open('facebookMobile');
    const field = page.locator('textarea[name="comment_text"]');
    await commentFlow({
      page,
      root: page,
      realm: page,
      field,
      beforeSubmit: async () => {
        await page.keyboard.press('Enter');
        await page.keyboard.type('Hilsen Kari');
        await sleep(400);
        assert.equal(await ui(page).dialog.count(), 0, 'Enter in the textarea is a new line');
      },
      submit: () => page.getByRole('button', { name: 'Kommenter' }).click(),
      identity: /Vi fant ikke navnet ditt/,
      choice: 'publish',
      expected: `${NATIONAL_ID_TEXT}\nHilsen Kari`,
    });
    await page.close();
  });

  test('the comments plugin in a newspaper iframe: hint, dialog with identity, submit held, published once', async () => {
    const page = await browser.open('newspaperFacebookPlugin');
    const frameEl = page.locator('iframe[title^="fb:comments"]');
    await frameEl.waitFor({ timeout: 5000 });
    const frame = page.frames().find((f) => f.url().includes('/plugins/comments.php'));
    assert.ok(frame, 'the plugin frame loaded');
    await frame.waitForFunction(() => /** @type {any} */ (window).__fixtureReady === true, null, { timeout: 5000 });
    const root = page.frameLocator('iframe[title^="fb:comments"]');
    const field = root.locator('[role="textbox"]');
    await commentFlow({
      page,
      root,
      realm: frame,
      field,
      submit: () => root.getByRole('button', { name: 'Publiser', exact: true }).click(),
      identity: /Du publiserer som Kari Nordmann/,
      choice: 'publish',
    });
    assert.equal(await page.locator('tenk-deg-om').count(), 0, 'the newspaper page itself gets no UI: it lives in the plugin frame');
    await page.close();
  });
});
