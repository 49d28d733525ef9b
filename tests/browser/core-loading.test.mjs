// @ts-check
// Where and when the core loads: lazily, on the first focus of a comment field; at most once per
// frame; in the content script when the page allows WebAssembly, and never there when the page's
// CSP forbids it (the service worker answers instead, so the dialog still appears).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, ui } from './harness.mjs';

/** @param {number} ms */
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

for (const csp of [false, true]) {
  test(`the core loads lazily and once per frame (${csp ? 'CSP-strict page: in the service worker' : 'no CSP: in the content script'})`, async () => {
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
      assert.equal(wasmFromPage.length, csp ? 0 : 1, `tenk.wasm requests from the page's content script: ${wasmFromPage.join(', ')}`);
      if (!csp) assert.doesNotMatch(wasmFromPage[0], new RegExp(browser.extensionId), 'fetched through the dynamic web-accessible URL');
      assert.deepEqual(browser.extensionProblems(), []);
    } finally {
      await browser.close();
    }
  });
}
