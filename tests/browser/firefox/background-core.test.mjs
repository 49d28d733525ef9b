// @ts-check
// Firefox ESR answers the content script from its background page's core (as Chromium's service
// worker does; content/core-client.ts).
//
// 1. Firefox suspends that event page when it has been idle (`extensions.background.idle.timeout`,
//    30 s by default; 1 s here). A comment typed after a suspension must still get its hint from a
//    fresh background page, and a submit after another suspension must still be held, decided and
//    published exactly, once. That the page really was suspended is read from an extension page
//    of the add-on: `extension.getBackgroundPage()` is null while it is.
// 2. A background that cannot answer at all (a test-only copy of dist/firefox whose background
//    script is empty): the content script starts the core in the page instead, so the hint and
//    the held submit still work, and nothing is logged as an error.
// Every wait is bounded.
import { test } from 'node:test';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { NATIONAL_ID_TEXT, received, ui } from '../harness.mjs';
import { DIST_FIREFOX, launch } from '../firefox-harness.mjs';

const EDITOR = '[data-lexical-editor="true"]';
const NEGATIVE = 'Sjefen min er helt udugelig, typisk for avdelingen vår.';

/**
 * Waits until the hint names guideline `id`.
 * @param {import('../harness.mjs').ScenarioPage} page
 * @param {string} id
 */
const hintNames = (page, id) =>
  page.waitForFunction(
    (want) => document.querySelector('tenk-deg-om')?.shadowRoot?.querySelector('[data-testid="tenk-hint"]')?.getAttribute('data-guidelines')?.split(' ').includes(want) === true,
    id,
    { timeout: 20_000 },
  );

/**
 * Waits until Firefox has suspended the add-on's background page (read from one of its pages).
 * @param {import('../harness.mjs').ScenarioPage} extPage
 */
async function suspended(extPage) {
  const end = Date.now() + 20_000;
  while (await extPage.evaluate(() => chrome.extension.getBackgroundPage() !== null)) {
    if (Date.now() > end) throw new Error('the background page was not suspended within 20 s');
    await new Promise((r) => setTimeout(r, 200));
  }
}


/**
 * Enter in `field` is held, the dialog names `guideline`, and «Publiser likevel» delivers exactly
 * `text`, once.
 * @param {import('../harness.mjs').ScenarioPage} page
 * @param {ReturnType<import('../harness.mjs').ScenarioPage['locator']>} field
 * @param {string} guideline
 * @param {string} text
 */
async function heldThenPublished(page, field, guideline, text) {
  const u = ui(page);
  await field.press('Enter');
  await u.dialog.waitFor({ state: 'visible', timeout: 15_000 });
  assert.ok((await u.dialog.getAttribute('data-guidelines'))?.split(' ').includes(guideline));
  assert.deepEqual(await received(page), [], 'held while the dialog asks');
  await u.publish.click();
  await page.waitForFunction(() => /** @type {any} */ (window).__received.length > 0, undefined, { timeout: 10_000 });
  await new Promise((r) => setTimeout(r, 500));
  assert.deepEqual(await received(page), [text], 'exactly the typed text, once');
}
test('firefox: after the background page was suspended, the hint and a held submit still work', { timeout: 180_000 }, async () => {
  const browser = await launch({ prefs: { 'extensions.background.idle.timeout': 1000 } });
  try {
    const ext = await browser.openExtensionPage('pages/options.html');
    const page = await browser.open('facebook');
    const field = page.locator(EDITOR).first();

    await field.click();
    await page.keyboard.type(NATIONAL_ID_TEXT);
    await hintNames(page, 'confidentiality');

    await suspended(ext);
    await page.keyboard.press('Control+A');
    await page.keyboard.type(NEGATIVE);
    await hintNames(page, 'negative-about-colleagues');

    await suspended(ext);
    await heldThenPublished(page, field, 'negative-about-colleagues', NEGATIVE);
    assert.deepEqual(browser.extensionProblems(), []);
  } finally {
    await browser.close();
  }
});

test('firefox: a background that cannot answer: the core starts in the content script, hint and held submit work', { timeout: 120_000 }, async () => {
  const dist = await mkdtemp(join(tmpdir(), 'tenk-firefox-no-background-'));
  await cp(DIST_FIREFOX, dist, { recursive: true });
  await writeFile(join(dist, 'background.js'), '// test-only copy: a background that answers nothing\n');
  const browser = await launch({ dist });
  try {
    const page = await browser.open('facebook');
    const field = page.locator(EDITOR).first();
    await field.click();
    await page.keyboard.type(NATIONAL_ID_TEXT);
    await hintNames(page, 'confidentiality');
    await heldThenPublished(page, field, 'confidentiality', NATIONAL_ID_TEXT);
    assert.deepEqual(browser.extensionProblems(), []);
  } finally {
    await browser.close();
    await rm(dist, { recursive: true, force: true });
  }
});
