// @ts-check
// A 1 MB paste in Firefox ESR (dist/firefox), where the core runs in the content script and a text
// over 20,000 characters goes to the background page's core in parts (`tenk/core-part`, the same
// glue as Chromium's service worker; common/text-parts.ts). The text is pasted for real: put on
// Firefox's clipboard by the page (`navigator.clipboard.writeText`, with the user activation
// WebDriver BiDi's script calls carry), then Ctrl+V in the comment field. The hint must name what
// a national ID near the END of the text touches (so nothing was cut or sampled, and the parts
// were joined back), and Enter must hold the submit, decided on the whole text, and «Publiser
// likevel» must deliver exactly the pasted text, once. Every wait has its own time limit. How long
// the paste's tasks take is BENCHMARKS.md's business, not asserted here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CLEAN_TEXT, NATIONAL_ID_TEXT, fieldText, received, ui } from '../harness.mjs';
import { launch } from '../firefox-harness.mjs';

const EDITOR = '[data-lexical-editor="true"]';
const NEGATIVE = 'Sjefen min er helt udugelig, typisk for avdelingen vår.';
/** Mirrors PART_CHARS in extension/src/common/text-parts.ts. */
const PART_CHARS = 131_072;
/**
 * About 1 MB of clean text in one paragraph (so the hint can only come from the end), with æøå and
 * an emoji (a surrogate pair: the parts must not cut one in two), a national ID 40 characters from
 * the end, and a clean tail.
 */
const MEGABYTE = `${`${CLEAN_TEXT} Vi snakkes på fredag, hilsen Åse og Ærlend 🙂 `.repeat(14_000)}${NATIONAL_ID_TEXT}. ${CLEAN_TEXT} Ha en fin kveld.`;

/** @param {string | null} value */
const ids = (value) => (value ?? '').split(' ').filter(Boolean);

/**
 * Waits until the hint names guideline `id`, polled (the field holds a megabyte).
 * @param {import('../harness.mjs').ScenarioPage} page
 * @param {string} id
 * @param {number} timeout
 */
const hintNames = (page, id, timeout) =>
  page.waitForFunction(
    (want) => document.querySelector('tenk-deg-om')?.shadowRoot?.querySelector('[data-testid="tenk-hint"]')?.getAttribute('data-guidelines')?.split(' ').includes(want) === true,
    id,
    { timeout },
  );

/**
 * Puts `text` on Firefox's clipboard from the page (a secure context; the BiDi call carries user
 * activation). Resolves to what the clipboard then holds, read back the same way.
 * @param {import('../harness.mjs').ScenarioPage} page
 * @param {string} text
 */
const copyToClipboard = (page, text) =>
  page.evaluate(async (t) => {
    await navigator.clipboard.writeText(t);
    return (await navigator.clipboard.readText()).length;
  }, text);

test('firefox: a 1 MB paste: text intact, hint from an ID near its end, Enter holds and publishes exactly the text', { timeout: 300_000 }, async () => {
  assert.ok(MEGABYTE.length > 1_000_000 && MEGABYTE.length < 1_100_000, `length ${MEGABYTE.length}`);
  assert.ok(MEGABYTE.indexOf('01129940030') > MEGABYTE.length - 100, 'the ID is near the very end');
  assert.ok(MEGABYTE.length > 7 * PART_CHARS, 'the hint sends it in parts');
  const browser = await launch();
  try {
    const page = await browser.open('facebook');
    const u = ui(page);
    const field = page.locator(EDITOR).first();

    // The first focus starts the core in the content script: a short comment the hint names, then
    // the field emptied again.
    await field.click();
    await page.keyboard.type(NEGATIVE);
    await hintNames(page, 'negative-about-colleagues', 20_000);
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    await u.hint.waitFor({ state: 'hidden', timeout: 10_000 });

    assert.equal(await copyToClipboard(page, MEGABYTE), MEGABYTE.length, 'the clipboard holds the whole text');
    await field.click();
    await page.keyboard.press('Control+V');
    await page.waitForFunction((n) => (document.querySelector('[data-lexical-editor="true"]')?.textContent?.length ?? 0) >= n, MEGABYTE.length, { timeout: 30_000 });
    assert.ok((await fieldText(field)) === MEGABYTE, 'the pasted text is in the field, exactly');

    // The hint: only the ID near the end touches a guideline.
    await hintNames(page, 'confidentiality', 60_000);
    assert.deepEqual(ids(await u.hint.getAttribute('data-guidelines')), ['confidentiality']);
    assert.ok((await fieldText(field)) === MEGABYTE, 'the text is untouched by the hint');

    // Enter: held, decided on the whole text, and «Publiser likevel» delivers it exactly, once.
    await field.press('Enter');
    await u.dialog.waitFor({ state: 'visible', timeout: 60_000 });
    assert.ok(ids(await u.dialog.getAttribute('data-guidelines')).includes('confidentiality'), 'decided on the whole text');
    assert.deepEqual(await received(page), [], 'held while the dialog asks');
    await u.publish.click();
    await page.waitForFunction(() => /** @type {any} */ (window).__received.length > 0, undefined, { timeout: 30_000 });
    await new Promise((r) => setTimeout(r, 500)); // a second publish would come in this time
    const got = await received(page);
    assert.equal(got.length, 1, 'published once');
    assert.ok(got[0] === MEGABYTE, `exactly the pasted text was published (got ${got[0]?.length} characters, want ${MEGABYTE.length})`);
    assert.deepEqual(browser.extensionProblems(), []);
  } finally {
    await browser.close();
  }
});
