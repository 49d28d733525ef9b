// @ts-check
// Coral Talk (tests/fixtures/coral/): the stream in an open shadow root, the editor in an iframe
// inside it. Beyond the shared comment-flow scenarios (families.mjs): a click on «Send» inside
// the shadow root is held and «Publiser likevel» delivers the text once, Ctrl+Enter alone is
// held while plain Enter makes a new line, the toolbar's buttons are not submits, the viewer
// box's name is the identity (and the hidden-viewer-box variant says it cannot read who you
// are), and a comment box re-rendered while the dialog is open closes the dialog and sends
// nothing.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CLEAN_TEXT, NATIONAL_ID_TEXT, fieldText, launch, received, ui } from './harness.mjs';

/** @param {number} ms */
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** @param {import('playwright-core').Page} page */
const editor = (page, box = '.coral-createComment-form') =>
  page.locator(`#coral_thread ${box} iframe.coral-rte-frame`).contentFrame().locator('.coral-rte-content');
/** @param {import('playwright-core').Page} page */
const send = (page) => page.locator('#coral_thread .coral-createComment-submit');

/**
 * @param {import('playwright-core').Page} page
 * @param {number} n
 */
const waitReceived = (page, n) => page.waitForFunction((k) => /** @type {any} */ (window).__received.length >= k, n, { timeout: 5000 });

for (const csp of [false, true]) {
  describe(`coral: shadow root and editor iframe${csp ? ' (CSP-strict)' : ''}`, () => {
    /** @type {import('./harness.mjs').Browser} */
    let browser;
    /** @type {import('playwright-core').Page} */
    let page;
    before(async () => {
      browser = await launch();
      page = await browser.open('coral', { csp });
    });
    after(async () => {
      assert.deepEqual(browser.foreignRequests, [], 'no network requests beyond the pages themselves');
      await browser.close();
    });

    test('Enter adds a line; the toolbar is no submit; the hint follows the text in the iframe', async () => {
      const field = editor(page);
      await field.click();
      await page.keyboard.type('Hei');
      await page.keyboard.press('Enter');
      await page.keyboard.type(NATIONAL_ID_TEXT);
      const u = ui(page);
      await u.hint.waitFor({ state: 'visible', timeout: 5000 });
      let ids = '';
      for (let i = 0; i < 50 && !ids.split(' ').includes('confidentiality'); i++) {
        ids = (await u.hint.getAttribute('data-guidelines')) ?? '';
        await sleep(100);
      }
      assert.ok(ids.split(' ').includes('confidentiality'), `data-guidelines: ${ids}`);
      await page.locator('#coral_thread button[aria-label="Fet"]').click();
      await sleep(300);
      assert.equal(await u.dialog.count(), 0, 'no dialog');
      assert.deepEqual(await received(page), []);
      assert.equal(await fieldText(field), `Hei\n${NATIONAL_ID_TEXT}`);
      await field.click();
    });

    test('a click on «Send» in the shadow root is held; the dialog names the viewer; «Rediger» gives focus back', async () => {
      const field = editor(page);
      await send(page).click();
      const u = ui(page);
      await u.dialog.waitFor({ state: 'visible', timeout: 5000 });
      assert.match((await u.identity.textContent()) ?? '', /Kari Nordmann/);
      assert.deepEqual(await received(page), [], 'held until the person decides');
      await u.edit.click();
      await u.dialog.waitFor({ state: 'detached', timeout: 5000 });
      await sleep(200);
      assert.deepEqual(await received(page), [], 'nothing was sent');
      assert.equal(await fieldText(field), `Hei\n${NATIONAL_ID_TEXT}`, 'the text is untouched');
      assert.ok(await field.evaluate((el) => el.ownerDocument.hasFocus() && el.ownerDocument.activeElement === el), 'focus is back in the editor');
      // The caret is where it was: typing goes on at the end.
      await page.keyboard.type('!');
      assert.equal(await fieldText(field), `Hei\n${NATIONAL_ID_TEXT}!`);
      await page.keyboard.press('Backspace');
    });

    test('«Publiser likevel» after a click on «Send» delivers exactly the text, once', async () => {
      await send(page).click();
      const u = ui(page);
      await u.dialog.waitFor({ state: 'visible', timeout: 5000 });
      await u.publish.click();
      await waitReceived(page, 1);
      await sleep(300);
      assert.deepEqual(await received(page), [`Hei\n${NATIONAL_ID_TEXT}`]);
      assert.equal(await u.dialog.count(), 0);
    });

    test('Ctrl+Enter is held, and publishes once; a clean comment then goes straight through', async () => {
      const field = editor(page);
      await field.click();
      await page.keyboard.type(NATIONAL_ID_TEXT);
      await page.keyboard.press('Control+Enter');
      const u = ui(page);
      await u.dialog.waitFor({ state: 'visible', timeout: 5000 });
      assert.equal((await received(page)).length, 1, 'held');
      await u.publish.click();
      await waitReceived(page, 2);
      await field.click();
      await page.keyboard.type(CLEAN_TEXT);
      await page.keyboard.press('Control+Enter');
      await waitReceived(page, 3);
      await sleep(300);
      assert.equal(await u.dialog.count(), 0, 'no dialog for a clean comment');
      assert.deepEqual((await received(page)).slice(1), [NATIONAL_ID_TEXT, CLEAN_TEXT]);
    });

    test('the comment box re-rendered while the dialog is open: the dialog closes, nothing is sent, the new box publishes', async () => {
      const before = (await received(page)).length;
      const field = editor(page);
      await field.click();
      await page.keyboard.type(NATIONAL_ID_TEXT);
      await page.keyboard.press('Control+Enter');
      const u = ui(page);
      await u.dialog.waitFor({ state: 'visible', timeout: 5000 });
      await page.evaluate(() => /** @type {any} */ (window).__coralRerender());
      await u.dialog.waitFor({ state: 'detached', timeout: 5000 });
      await sleep(300);
      assert.equal((await received(page)).length, before, 'nothing was sent');
      assert.equal(await fieldText(editor(page)), NATIONAL_ID_TEXT, 'the text is in the new box');
      await editor(page).click();
      await page.keyboard.press('Control+Enter');
      await u.dialog.waitFor({ state: 'visible', timeout: 5000 });
      await u.publish.click();
      await waitReceived(page, before + 1);
      await sleep(300);
      assert.deepEqual((await received(page)).slice(before), [NATIONAL_ID_TEXT], 'the new box publishes exactly the text, once');
    });
  });
}

describe('coral: no viewer box', () => {
  /** @type {import('./harness.mjs').Browser} */
  let browser;
  before(async () => {
    browser = await launch();
  });
  after(async () => browser.close());

  test('the dialog says it cannot read who you are', async () => {
    const page = await browser.open('coralAnonymous');
    await editor(page).click();
    await page.keyboard.type(NATIONAL_ID_TEXT);
    await send(page).click();
    const u = ui(page);
    await u.dialog.waitFor({ state: 'visible', timeout: 5000 });
    const identity = (await u.identity.textContent()) ?? '';
    assert.match(identity, /fant ikke navnet ditt/);
    assert.doesNotMatch(identity, /Ola Hansen|Kari/, 'never a guess (the other commenter is not the person)');
    await u.edit.click();
    await u.dialog.waitFor({ state: 'detached', timeout: 5000 });
    assert.deepEqual(await received(page), []);
    await page.close();
  });
});
