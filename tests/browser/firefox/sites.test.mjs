// @ts-check
// Firefox ESR obeys the core's site decision too: with IT's `sites.remove: ["vg.no"]` in managed
// storage, the newspaper fixture at www.vg.no shows no hint and no dialog, and the page receives
// exactly the typed text. (The live change and `sites.add` are shown in Chromium,
// tests/browser/sites.test.mjs; without the policy the same page reminds: comment-flow.test.mjs.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from '../firefox-harness.mjs';
import { NATIONAL_ID_TEXT, received } from '../harness.mjs';

/** @param {number} ms */
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

test('firefox: a site IT removed gets no hint and no dialog; the page receives exactly the text', async () => {
  const browser = await launch({ managed: { sites: { remove: ['vg.no'] } } });
  try {
    const page = await browser.open('newspaper');
    const field = page.locator('form.comment-form textarea').first();
    await field.click();
    await page.keyboard.type(NATIONAL_ID_TEXT);
    await sleep(1500);
    const hint = await page.evaluate(() => {
      const el = document.querySelector('tenk-deg-om')?.shadowRoot?.querySelector('[data-testid="tenk-hint"]');
      return el instanceof HTMLElement && !el.hidden ? (el.getAttribute('data-guidelines') ?? '') : '';
    });
    assert.equal(hint, '', 'no hint');
    await page.locator('form.comment-form button[type="submit"]').first().click();
    await page.waitForFunction(() => /** @type {any} */ (window).__received.length > 0, undefined, { timeout: 8000 });
    const dialog = await page.evaluate(() => Boolean(document.querySelector('tenk-deg-om')?.shadowRoot?.querySelector('[data-testid="tenk-dialog"]')));
    assert.equal(dialog, false, 'no dialog');
    assert.deepEqual(await received(page), [NATIONAL_ID_TEXT], 'exactly the typed text, once');
    assert.deepEqual(browser.extensionProblems(), []);
  } finally {
    await browser.close();
  }
});
