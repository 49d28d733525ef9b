// @ts-check
// Where and when the core loads in Chromium: lazily, on the first focus of a comment field, and
// never in the page, whatever its CSP: the service worker's core answers (building the engine is
// one synchronous call of 57–81 ms, a long task it keeps off the page's main thread), so the
// dialog still appears and the page never fetches tenk.wasm. (Firefox runs the core in the
// content script; its comment-flow and submit-paths files cover that path.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, ui } from './harness.mjs';

/** @param {number} ms */
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

for (const csp of [false, true]) {
  test(`the core loads lazily, in the service worker (${csp ? 'CSP-strict page' : 'no CSP'})`, async () => {
    const browser = await launch();
    try {
      /** @type {string[]} */
      const wasmFromPage = [];
      browser.context.on('request', (r) => {
        if (/\/tenk\.wasm$/.test(r.url()) && !r.redirectedFrom() && !r.serviceWorker()) wasmFromPage.push(r.url());
      });
      const page = await browser.open('facebook', { csp });
      await sleep(500);
      assert.deepEqual(wasmFromPage, [], 'nothing is loaded before a comment field is focused');
      const field = page.locator('[data-lexical-editor="true"]').first();
      await field.click();
      await page.keyboard.type('Hei');
      await page.keyboard.press('Enter');
      await ui(page).dialog.waitFor({ state: 'visible', timeout: 5000 });
      await ui(page).edit.click();
      await page.keyboard.type(' igjen');
      await page.keyboard.press('Enter');
      await ui(page).dialog.waitFor({ state: 'visible', timeout: 5000 });
      await ui(page).edit.click();
      assert.deepEqual(wasmFromPage, [], `tenk.wasm requests from the page's content script: ${wasmFromPage.join(', ')}`);
      assert.deepEqual(browser.extensionProblems(), []);
    } finally {
      await browser.close();
    }
  });
}
