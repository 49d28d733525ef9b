// @ts-check
// IT's managed settings reach the extension in Firefox ESR the way policies.json's
// `3rdparty.Extensions.<id>` delivers them: as `storage.managed`, here from the per-test HOME's
// ~/.mozilla/managed-storage/<id>.json (no system files). Firefox ignores `managed_schema`, so the
// core validates the values like any input: a bad value is named as a problem and ignored, the
// good ones apply — a locked role, an organisation name, and a guideline IT turned off that no
// longer fires. The same page without managed settings is the control.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from '../firefox-harness.mjs';
import { NATIONAL_ID_TEXT } from '../harness.mjs';

const MANAGED = {
  organisation: 'Velferdsetaten, Oslo kommune',
  role: 'leader',
  guidelines: { confidentiality: { enabled: false } },
  identityPrompt: 'av og til',
};

/**
 * What the options page shows, after its «Prøv en tekst» box analysed NATIONAL_ID_TEXT.
 * @param {{ managed?: Record<string, unknown> }} options
 */
async function optionsPage(options) {
  const browser = await launch(options);
  try {
    const page = await browser.openExtensionPage('pages/options.html');
    await page.locator('#switch-confidentiality').waitFor({ state: 'attached' });
    await page.locator('#try-text').fill(NATIONAL_ID_TEXT);
    await page.waitForFunction(() => document.querySelector('#try-count')?.textContent !== '' && document.querySelector('#try-results') !== null, null, { timeout: 15_000 });
    // The try box is debounced; wait until its count no longer says the box is empty.
    const empty = await page.evaluate(() => document.querySelector('#try-count')?.textContent ?? '');
    await page.waitForFunction((before) => document.querySelector('#try-count')?.textContent !== before, empty, { timeout: 15_000 });
    const shown = await page.evaluate(() => {
      /** @param {string} sel */
      const q = (sel) => /** @type {HTMLElement | null} */ (document.querySelector(sel));
      const input = /** @param {string} sel */ (sel) => /** @type {HTMLInputElement | null} */ (document.querySelector(sel));
      return {
        organisation: q('#organisation')?.hidden ? null : q('#organisation')?.textContent ?? null,
        leaderChecked: input('input[name="role"][value="leader"]')?.checked ?? null,
        roleDisabled: input('input[name="role"][value="leader"]')?.disabled ?? null,
        roleLockShown: q('#role-lock')?.hidden === false,
        confidentialityOn: input('#switch-confidentiality')?.checked ?? null,
        confidentialityLocked: input('#switch-confidentiality')?.disabled ?? null,
        problems: q('#problems')?.hidden ? [] : Array.from(document.querySelectorAll('#problem-list li'), (li) => li.textContent ?? ''),
        confidentialityFires: q('#try-confidentiality') !== null,
      };
    });
    return { shown, problems: browser.extensionProblems() };
  } finally {
    await browser.close();
  }
}

test('firefox: managed settings from managed storage are validated and applied; a guideline IT turned off does not fire', async () => {
  const { shown, problems } = await optionsPage({ managed: MANAGED });
  assert.match(shown.organisation ?? '', /Velferdsetaten, Oslo kommune/, 'the organisation from IT');
  assert.deepEqual([shown.leaderChecked, shown.roleDisabled, shown.roleLockShown], [true, true, true], 'role leader, locked by IT');
  assert.deepEqual([shown.confidentialityOn, shown.confidentialityLocked], [false, true], 'confidentiality off, locked by IT');
  assert.equal(shown.confidentialityFires, false, 'the try box no longer names confidentiality');
  assert.equal(shown.problems.length, 1, `one problem: ${shown.problems.join(' | ')}`);
  assert.match(shown.problems[0], /identityPrompt/, 'the bad value is named, not applied');
  assert.deepEqual(problems, []);
});

test('firefox: without managed settings the same page has nothing locked and confidentiality fires', async () => {
  const { shown, problems } = await optionsPage({});
  assert.equal(shown.organisation, null);
  assert.deepEqual([shown.leaderChecked, shown.roleDisabled, shown.roleLockShown], [false, false, false]);
  assert.deepEqual([shown.confidentialityOn, shown.confidentialityLocked], [true, false]);
  assert.equal(shown.confidentialityFires, true, 'the try box names confidentiality');
  assert.deepEqual(shown.problems, []);
  assert.deepEqual(problems, []);
});
