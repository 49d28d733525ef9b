// @ts-check
// Disqus (tests/fixtures/disqus/): the comments in a cross-origin iframe at
// https://disqus.com/embed/comments/ on a newspaper page, where the content script runs on its own
// and shows its UI. Beyond the shared comment-flow scenarios (families.mjs): Enter adds a
// paragraph, the reply link is no submit, the name in the user menu is the identity (and the
// compact menu without a name makes the dialog say it cannot read who you are), a postbox
// re-rendered while the dialog is open closes the dialog and sends nothing, and the newspaper
// page itself gets no extension UI.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { NATIONAL_ID_TEXT, fieldText, launch, received, ui } from './harness.mjs';

/** @param {number} ms */
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** @param {import('playwright-core').Page} page */
const frame = (page) => page.locator('#disqus_thread iframe').contentFrame();
/** @param {import('playwright-core').Page} page */
const editor = (page) => frame(page).locator('form[data-role="postbox"]:not(.reply) [role="textbox"]');
/** @param {import('playwright-core').Page} page */
const post = (page) => frame(page).locator('form[data-role="postbox"]:not(.reply) button[type="submit"]');
/**
 * @param {import('playwright-core').Page} page
 * @param {number} n
 */
const waitReceived = (page, n) => page.waitForFunction((k) => /** @type {any} */ (window).__received.length >= k, n, { timeout: 5000 });

for (const csp of [false, true]) {
  describe(`disqus: cross-origin embed iframe${csp ? ' (CSP-strict)' : ''}`, () => {
    /** @type {import('./harness.mjs').Browser} */
    let browser;
    /** @type {import('playwright-core').Page} */
    let page;
    before(async () => {
      browser = await launch();
      page = await browser.open('disqus', { csp });
    });
    after(async () => {
      assert.deepEqual(browser.foreignRequests, [], 'no network requests beyond the pages themselves');
      await browser.close();
    });

    test('Enter adds a paragraph, the reply link is no submit, and the UI is in the Disqus frame only', async () => {
      const field = editor(page);
      await field.click();
      await page.keyboard.type('Hei');
      await page.keyboard.press('Enter');
      await page.keyboard.type(NATIONAL_ID_TEXT);
      const u = ui(frame(page));
      await u.hint.waitFor({ state: 'visible', timeout: 8000 });
      await frame(page).getByRole('button', { name: 'Svar', exact: true }).click();
      await sleep(400);
      assert.equal(await u.dialog.count(), 0, 'no dialog');
      assert.deepEqual(await received(page), []);
      assert.equal(await fieldText(field), `Hei\n${NATIONAL_ID_TEXT}`);
      assert.equal(await ui(page).host.count(), 0, 'nothing of the extension in the newspaper page');
    });

    test('a click on the post button is held; the dialog names the user menu’s name; «Rediger» keeps the text', async () => {
      const field = editor(page);
      await post(page).click();
      const u = ui(frame(page));
      await u.dialog.waitFor({ state: 'visible', timeout: 8000 });
      assert.match((await u.identity.textContent()) ?? '', /Kari Nordmann/);
      await u.edit.click();
      await u.dialog.waitFor({ state: 'detached', timeout: 5000 });
      await sleep(200);
      assert.deepEqual(await received(page), [], 'nothing was sent');
      assert.equal(await fieldText(field), `Hei\n${NATIONAL_ID_TEXT}`, 'the text is untouched');
      assert.ok(await field.evaluate((el) => document.activeElement === el), 'focus is back in the editor');
    });

    test('the postbox re-rendered while the dialog is open: the dialog closes, nothing is sent, the new box publishes once', async () => {
      await post(page).click();
      const u = ui(frame(page));
      await u.dialog.waitFor({ state: 'visible', timeout: 8000 });
      await frame(page).locator('body').evaluate(() => /** @type {any} */ (window).__disqusRerender());
      await u.dialog.waitFor({ state: 'detached', timeout: 5000 });
      await sleep(300);
      assert.deepEqual(await received(page), [], 'nothing was sent');
      assert.equal(await fieldText(editor(page)), `Hei\n${NATIONAL_ID_TEXT}`, 'the text is in the new box');
      await editor(page).click();
      await post(page).click();
      await u.dialog.waitFor({ state: 'visible', timeout: 8000 });
      await u.publish.click();
      await waitReceived(page, 1);
      await sleep(300);
      assert.deepEqual(await received(page), [`Hei\n${NATIONAL_ID_TEXT}`], 'exactly the text, once');
      assert.deepEqual(await frame(page).locator('body').evaluate(() => /** @type {any} */ (window).__received.slice()), [`Hei\n${NATIONAL_ID_TEXT}`], 'the embed itself posted it once');
    });
  });
}

describe('disqus: compact user menu without a name', () => {
  /** @type {import('./harness.mjs').Browser} */
  let browser;
  before(async () => {
    browser = await launch();
  });
  after(async () => browser.close());

  test('the dialog says it cannot read who you are', async () => {
    const page = await browser.open('disqusAnonymous');
    await editor(page).click();
    await page.keyboard.type(NATIONAL_ID_TEXT);
    await post(page).click();
    const u = ui(frame(page));
    await u.dialog.waitFor({ state: 'visible', timeout: 8000 });
    const identity = (await u.identity.textContent()) ?? '';
    assert.match(identity, /fant ikke navnet ditt/);
    assert.doesNotMatch(identity, /Ola Hansen|Avatar|Kari/, 'never a guess');
    await u.edit.click();
    await u.dialog.waitFor({ state: 'detached', timeout: 5000 });
    assert.deepEqual(await received(page), []);
    await page.close();
  });
});
