// @ts-check
// Firefox ESR: the add-on reinstalled (an update of the temporary add-on, as a new version is)
// while a comment is half written. Firefox injects the declared content scripts into open tabs
// itself (the service worker's re-injection, background/reattach.ts, is Chromium's and does
// nothing here); the new copy takes over the page (content/takeover.ts). Compares what the page
// received with what was typed, character for character. Every wait has its own timeout.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DIST_FIREFOX, launch } from '../firefox-harness.mjs';
import { NATIONAL_ID_TEXT, fieldText, received, ui } from '../harness.mjs';

/** @param {number} ms */
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

for (const csp of [false, true]) {
  test(`firefox: the add-on updated with a comment half written: one copy takes over, exactly the typed text${csp ? ' (CSP-strict)' : ''}`, async () => {
    const browser = await launch();
    try {
      const page = await browser.open('newspaper', { csp });
      const field = page.locator('form.comment-form textarea').first();
      const half = `${NATIONAL_ID_TEXT} – halvveis 😀`;
      await field.click();
      await page.keyboard.type(half);
      await ui(page).hint.waitFor({ state: 'visible', timeout: 10_000 });
      // Mark the old UI element (a property set from the page, never read by the extension).
      await page.evaluate(() => document.querySelectorAll('tenk-deg-om').forEach((el) => Object.assign(el, { __beforeReload: true })));
      await browser.browser.installExtension(DIST_FIREFOX);
      await page.waitForFunction(
        () => {
          const hosts = /** @type {any[]} */ ([...document.querySelectorAll('tenk-deg-om')]);
          const hint = hosts[0]?.shadowRoot?.querySelector('[data-testid="tenk-hint"]');
          return hosts.length === 1 && !hosts[0].__beforeReload && hint instanceof HTMLElement && !hint.hidden;
        },
        undefined,
        { timeout: 15_000 },
      );
      assert.equal(await fieldText(field), half, 'the text in the field is untouched');
      const rest = ' og resten ✍️ æøå';
      await field.click();
      await page.keyboard.press('End');
      await page.keyboard.type(rest);
      await page.locator('form.comment-form button[type="submit"]').first().click();
      await ui(page).dialog.waitFor({ state: 'visible', timeout: 10_000 });
      assert.deepEqual(await received(page), [], 'nothing is sent while the dialog is open');
      await ui(page).publish.click();
      await page.waitForFunction(() => /** @type {any} */ (window).__received.length >= 1, undefined, { timeout: 10_000 });
      await sleep(300);
      assert.deepEqual(await received(page), [half + rest], 'the page received exactly what was typed, once');
    } finally {
      await browser.close();
    }
  });
}
