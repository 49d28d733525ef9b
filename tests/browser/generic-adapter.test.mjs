// @ts-check
// The generic adapter (issue 5) in Chromium with dist/chrome: on a news site, a comment box of
// no known family (a contenteditable «Legg inn en kommentar» with a script-driven «Send», and a
// single-line «Write a comment…») gets the hint and the dialog, while the search boxes, the
// login form, the password, the payment form and the combobox on the same page get nothing and
// submit untouched. Which field qualifies is the core's decision (`qualifyField`).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, NATIONAL_ID_TEXT, received, ui } from './harness.mjs';

/** @param {number} ms */
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Fields that must never get a hint or a dialog, by what they are. */
const NEGATIVES = {
  'search box (type=search in role=search)': 'input[name="q"]',
  'site search («Søk»)': '#site-search',
  'login form: user name': '#login input[name="username"]',
  'login form: password': '#login input[name="password"]',
  'payment: card number': '#payment input[name="cardnumber"]',
  'payment: order note textarea': '#payment textarea',
  'role="combobox" labelled «Svar til»': '#mention',
};

describe('chromium: generic adapter', () => {
  /** @type {import('./harness.mjs').Browser} */
  let browser;
  /** @type {import('playwright-core').Page} */
  let page;
  before(async () => {
    browser = await launch();
    page = await browser.open('newspaperGeneric');
  });
  after(async () => {
    assert.deepEqual(browser.foreignRequests, [], 'no network requests beyond the page itself');
    await browser.close();
  });

  test('an unknown comment box: hint, dialog with «Innlogget som», the «Send» click held, published once', async () => {
    const field = page.locator('#debatt-editor');
    await field.click();
    await page.keyboard.type(NATIONAL_ID_TEXT);
    const u = ui(page);
    await u.hint.waitFor({ state: 'visible', timeout: 5000 });
    assert.ok((await u.hint.getAttribute('data-guidelines'))?.split(' ').includes('confidentiality'));
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await u.dialog.waitFor({ state: 'visible', timeout: 5000 });
    assert.equal(await u.dialog.evaluate((el) => /** @type {ShadowRoot} */ (el.getRootNode()).host.localName), 'tenk-deg-om');
    assert.equal(await u.dialog.getAttribute('aria-modal'), 'true');
    assert.match((await u.identity.textContent()) ?? '', /Du publiserer som Ola Hansen/);
    assert.deepEqual(await received(page), [], 'held');
    await u.publish.click();
    await page.waitForFunction(() => /** @type {any} */ (window).__received.length > 0, null, { timeout: 5000 });
    await sleep(300);
    assert.deepEqual(await received(page), [NATIONAL_ID_TEXT]);
  });

  test('«Write a comment…» outside a form: hint, and Enter is held («Rediger» sends nothing)', async () => {
    const field = page.locator('#english-reply');
    await field.click();
    await page.keyboard.type(NATIONAL_ID_TEXT);
    const u = ui(page);
    await u.hint.waitFor({ state: 'visible', timeout: 5000 });
    await page.keyboard.press('Enter');
    await u.dialog.waitFor({ state: 'visible', timeout: 5000 });
    await u.edit.click();
    await u.dialog.waitFor({ state: 'detached', timeout: 5000 });
    assert.equal(await field.inputValue(), NATIONAL_ID_TEXT, 'the text is untouched');
    assert.deepEqual(await received(page), [NATIONAL_ID_TEXT], 'nothing more was sent');
  });

  for (const [what, selector] of Object.entries(NEGATIVES)) {
    test(`never on a ${what}`, async () => {
      const field = page.locator(selector);
      await field.click();
      await page.keyboard.type(NATIONAL_ID_TEXT);
      // The comment box above got its hint well within this time.
      await sleep(1500);
      const u = ui(page);
      assert.equal(await u.hint.isVisible(), false, 'no hint');
      const submitsBefore = await page.evaluate(() => /** @type {any} */ (window).__otherSubmits);
      await page.keyboard.press('Enter');
      await sleep(500);
      assert.equal(await u.dialog.count(), 0, 'no dialog');
      if (await field.evaluate((el) => el instanceof HTMLInputElement && el.form !== null)) {
        assert.equal(await page.evaluate(() => /** @type {any} */ (window).__otherSubmits), submitsBefore + 1, 'the form submitted untouched');
      }
    });
  }
});
