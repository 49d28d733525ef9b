// @ts-check
// Every way a fixture submits a comment is intercepted, and the ways that do not submit are left
// alone: Facebook's send button and Shift+Enter, a newspaper form's requestSubmit() from the
// page's own script, and Enter inside a newspaper textarea (a new line, not a submit). Defined
// once and run on every browser (tests/browser/submit-paths.test.mjs on Chromium,
// tests/browser/firefox/submit-paths.test.mjs on Firefox ESR), through the driver interface in
// harness.mjs.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { fieldText, received, ui } from '../harness.mjs';

/** @param {number} ms */
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Registers the submit-path scenarios for one browser.
 * @param {string} browserName shown in the test names
 * @param {() => Promise<import('../harness.mjs').ScenarioBrowser>} launch that browser's driver
 */
export function submitPaths(browserName, launch) {
  describe(`${browserName}: facebook submit paths`, () => {
    /** @type {import('../harness.mjs').ScenarioBrowser} */
    let browser;
    /** @type {import('../harness.mjs').ScenarioPage} */
    let page;
    before(async () => {
      browser = await launch();
      page = await browser.open('facebook', { csp: true });
    });
    after(async () => {
      assert.deepEqual(browser.extensionProblems(), []);
      await browser.close();
    });

    test('Shift+Enter adds a line and shows no dialog', async () => {
      const field = page.locator('[data-lexical-editor="true"]').first();
      await field.click();
      await page.keyboard.type('Første linje');
      await page.keyboard.press('Shift+Enter');
      await page.keyboard.type('andre linje');
      await sleep(400);
      assert.equal(await ui(page).dialog.count(), 0);
      assert.deepEqual(await received(page), []);
      assert.match(await field.evaluate((el) => el.textContent ?? ''), /Første linje.*andre linje/);
    });

    test('a click on the send button is intercepted, and publish delivers the text once', async () => {
      const field = page.locator('[data-lexical-editor="true"]').first();
      const typed = await field.evaluate((el) => {
        // The page's own reading of its editor (lines, <br> as a new line).
        /** @param {Node} n @returns {string} */
        const text = (n) => Array.from(n.childNodes).map((c) => (c.nodeType === 3 ? /** @type {Text} */ (c).data : c.nodeName === 'BR' ? '\n' : text(c))).join('');
        return Array.from(el.querySelectorAll('p')).map(text).join('\n').replace(/^\n+|\n+$/g, '');
      });
      await page.getByRole('button', { name: 'Kommenter', exact: true }).click();
      const u = ui(page);
      await u.dialog.waitFor({ state: 'visible', timeout: 5000 });
      assert.deepEqual(await received(page), [], 'held until the person decides');
      await u.publish.click();
      await page.waitForFunction(() => /** @type {any} */ (window).__received.length > 0, null, { timeout: 5000 });
      await sleep(300);
      assert.deepEqual(await received(page), [typed]);
      assert.match(typed, /^Første linje\n+andre linje$/);
    });
  });

  describe(`${browserName}: newspaper submit paths`, () => {
    /** @type {import('../harness.mjs').ScenarioBrowser} */
    let browser;
    /** @type {import('../harness.mjs').ScenarioPage} */
    let page;
    before(async () => {
      browser = await launch();
      page = await browser.open('newspaper', { csp: true });
    });
    after(async () => {
      assert.deepEqual(browser.extensionProblems(), []);
      await browser.close();
    });

    test('Enter in the textarea is a new line, not a submit', async () => {
      const field = page.locator('#comment');
      await field.click();
      await page.keyboard.type('Linje en');
      await page.keyboard.press('Enter');
      await page.keyboard.type('linje to');
      await sleep(300);
      assert.equal(await ui(page).dialog.count(), 0);
      assert.equal(await fieldText(field), 'Linje en\nlinje to');
    });

    test("the page's own requestSubmit() is intercepted, and edit keeps the caret", async () => {
      const field = page.locator('#comment');
      await field.evaluate((el) => /** @type {HTMLTextAreaElement} */ (el).setSelectionRange(3, 3));
      await page.evaluate(() => /** @type {HTMLFormElement} */ (document.querySelector('form.comment-form')).requestSubmit());
      const u = ui(page);
      await u.dialog.waitFor({ state: 'visible', timeout: 5000 });
      await page.keyboard.press('Escape');
      await u.dialog.waitFor({ state: 'detached' });
      assert.deepEqual(await received(page), []);
      assert.deepEqual(await field.evaluate((el) => [/** @type {HTMLTextAreaElement} */ (el).selectionStart, document.activeElement === el]), [3, true]);
      assert.equal(await fieldText(field), 'Linje en\nlinje to');
    });

    test('a search form on the same page is left alone', async () => {
      await page.locator('input[type="search"]').fill('åpningstider');
      const nav = page.waitForRequest(/\/sok\?q=/, { timeout: 5000 });
      await page.locator('input[type="search"]').press('Enter');
      await nav;
      assert.equal(await ui(page).dialog.count(), 0);
    });
  });
}
