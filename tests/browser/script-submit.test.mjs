// @ts-check
// Issue 5, «Submit, every way»: a site whose own script sends the comment with `form.submit()`
// (no submit event fires, so only the page-world half of the guard can see it). On the
// script-submit fixture (tests/fixtures/newspaper/script-submit.*), with and without the strict
// CSP (the core in the page or in the service worker): the dialog comes before anything is sent,
// «Rediger» sends nothing, «Publiser likevel» sends exactly the typed text once — also when the
// send button's click and the page's form.submit() are two paths of one publish — and a later
// clean comment goes straight through.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, received, ui } from './harness.mjs';

const TEXT = 'Sjefen min er helt udugelig.\nFødselsnummeret hans er 01129940030 – «æøå» 👍';
const CLEAN = 'Takk for en god artikkel.';

describe('form.submit() by the page is guarded', { timeout: 180_000 }, () => {
  /** @type {import('./harness.mjs').Browser} */
  let browser;
  before(async () => {
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
  });

  /**
   * Waits (bounded) until the page has received `n` comments, and returns them.
   * @param {import('playwright-core').Page} page
   * @param {number} n
   */
  async function receivedCount(page, n) {
    await page.waitForFunction((k) => /** @type {any} */ (window).__received.length >= k, n, { timeout: 8000 });
    return received(page);
  }

  for (const csp of [false, true]) {
    const where = csp ? 'CSP-strict page (service-worker core)' : 'no CSP (content-script core)';

    test(`Ctrl+Enter → form.submit(): dialog first, edit sends nothing, publish sends the text once (${where})`, async () => {
      const page = await browser.open('scriptSubmit', { csp });
      try {
        const field = page.locator('form.comment-form textarea');
        await field.click();
        await field.fill(TEXT);
        const u = ui(page);

        await page.keyboard.press('Control+Enter');
        await u.dialog.waitFor({ state: 'visible', timeout: 8000 });
        assert.match((await u.identity.innerText()).replace(/\s+/g, ' '), /Ola Hansen/);
        assert.deepEqual(await received(page), [], 'nothing is sent while the dialog is open');

        await u.edit.click();
        await u.dialog.waitFor({ state: 'detached', timeout: 8000 });
        await page.waitForTimeout(300);
        assert.deepEqual(await received(page), [], '«Rediger» sends nothing');
        assert.equal(await field.inputValue(), TEXT, 'the text is untouched');

        await field.focus();
        await page.keyboard.press('Control+Enter');
        await u.dialog.waitFor({ state: 'visible', timeout: 8000 });
        await u.publish.click();
        assert.deepEqual(await receivedCount(page, 1), [TEXT], 'exactly the typed text');
        await page.waitForTimeout(500);
        assert.deepEqual(await received(page), [TEXT], 'once');

        // The identity check is done for this site now: a clean comment goes straight through.
        await field.fill(CLEAN);
        await page.keyboard.press('Control+Enter');
        assert.deepEqual(await receivedCount(page, 2), [TEXT, CLEAN]);
        assert.equal(await u.dialog.count(), 0, 'no dialog for a clean comment');
      } finally {
        await page.close();
      }
    });

    test(`the send button whose click handler calls form.submit(): one dialog, one publish (${where})`, async () => {
      const page = await browser.open('scriptSubmit', { csp });
      try {
        const field = page.locator('form.comment-form textarea');
        await field.click();
        await field.fill(TEXT);
        const u = ui(page);
        await page.getByRole('button', { name: 'Send', exact: true }).click();
        await u.dialog.waitFor({ state: 'visible', timeout: 8000 });
        assert.deepEqual(await received(page), []);
        await u.publish.click();
        assert.deepEqual(await receivedCount(page, 1), [TEXT]);
        await page.waitForTimeout(500);
        assert.equal(await u.dialog.count(), 0, 'the page’s own form.submit() in the same publish asks nothing again');
        assert.deepEqual(await received(page), [TEXT], 'once');
      } finally {
        await page.close();
      }
    });
  }

  test('the page world gets no globals, and form.submit() still works where no comment field is', async () => {
    const page = await browser.open('scriptSubmit');
    try {
      const ok = await page.evaluate(() => {
        const f = document.createElement('form');
        f.action = '/tenk-fixtures/newspaper/received.html';
        f.target = 'sink';
        f.method = 'get';
        const i = document.createElement('input');
        i.name = 'comment';
        i.value = 'uten felt';
        f.append(i);
        document.body.append(f);
        f.submit();
        return Object.keys(window).filter((k) => /tenk/i.test(k));
      });
      assert.deepEqual(ok, [], 'no tenk globals in the page world');
      assert.deepEqual(await receivedCount(page, 1), ['uten felt'], 'a form without a comment field is sent unasked');
    } finally {
      await page.close();
    }
  });
});
