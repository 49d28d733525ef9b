// @ts-check
// IT's managed policy changes what the extension does, live. One Chromium with dist/chrome runs
// under a real policy file in /etc/chromium/policies/managed/ (`3rdparty.extensions.<id>`); each
// test rewrites the file, asks Chromium to reload its policies (chrome://policy «Reload
// policies»), waits until chrome.storage.managed shows the new policy, and checks the behaviour
// on a newspaper page that was already open: a guideline turned off no longer fires (in the
// content-script core, and in the service worker's core on a CSP-strict page), the leader role
// adds `leaders-responsibility`, a custom guideline from `customPolicy` fires with its own text,
// `allowSnooze: false` hides the pause in the popup, and a broken policy is reported by key while
// its valid keys still apply.
//
// Needs root to write /etc (CI runs as root); skipped otherwise. The policy file is removed in
// `after`, on exit and on SIGINT/SIGTERM, under a machine-wide lock (lib/chromium-policy.mjs).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { NATIONAL_ID_TEXT, launch, ui } from './harness.mjs';
import { applyExtensionPolicy, canWritePolicy, writeChromiumPolicy } from './lib/chromium-policy.mjs';

/** The extension's id, fixed by the manifest's public key. */
const ID = 'nhnjgdelglelapmakbdhaoicgajphnga';
const FILE = 'tenk-test-policy-behaviour';
/** A harmless policy the tests start from (and return to), so every change is a live one. */
const BASE = { organisation: 'Testetaten' };
/** A national ID number (confidentiality) next to a remark about the boss (negative-about-colleagues). */
const TEXT = `${NATIONAL_ID_TEXT}. Sjefen min er helt udugelig, typisk for avdelingen vår.`;
const CUSTOM_TITLE = 'Etat X: prosjektene våre er interne';
const CUSTOM_POLICY = `[policy]
name = "Etat X"
description = "En liten testpolicy"

[lexicons]
secret = ["hemmelig prosjekt", "hemmelige prosjektet"]

[[guidelines]]
id = "confidentiality"
severity = "warn"

[guidelines.nb]
title = "${CUSTOM_TITLE}"
quote = "Interne prosjekter omtales ikke i sosiale medier."
why = "Det som ikke er offentlig ennå, skal ikke lekke."
instead = "Vent til prosjektet er kunngjort."
message = "Dette prosjektet er internt i Etat X."

[guidelines.nn]
title = "Etat X: prosjekta våre er interne"
quote = "Interne prosjekt skal ikkje omtalast i sosiale medium."
why = "Det som ikkje er offentleg enno, skal ikkje lekke."
instead = "Vent til prosjektet er kunngjort."
message = "Dette prosjektet er internt i Etat X."

[guidelines.en]
title = "Agency X: our projects are internal"
quote = "Internal projects are not discussed on social media."
why = "What is not public yet must not leak."
instead = "Wait until the project is announced."
message = "This project is internal to Agency X."

[[guidelines.detectors]]
name = "secret-project"
kind = "phrase"
terms = ["secret"]
examples.fire = ["Vi jobber med et hemmelig prosjekt."]
examples.quiet = ["Vi jobber med et åpent prosjekt."]
`;

describe('IT policy changes behaviour live (real Chromium policy)', { skip: canWritePolicy ? false : 'skipped: needs root to write /etc/chromium/policies/managed (CI runs as root)' }, () => {
  /** @type {import('./harness.mjs').Browser} */
  let browser;
  /** Removes the policy file and releases the machine-wide lock. */
  let removePolicy = () => {};

  before(async () => {
    removePolicy = await writeChromiumPolicy(FILE, { '3rdparty': { extensions: { [ID]: BASE } } });
    browser = await launch();
    assert.equal(browser.extensionId, ID, 'the id comes from the manifest key');
    await setPolicy(BASE);
  });

  after(async () => {
    try {
      assert.deepEqual(browser?.extensionProblems() ?? [], [], 'no console errors or exceptions from the extension');
      assert.deepEqual(browser?.foreignRequests ?? [], [], 'no network requests beyond the pages themselves');
    } finally {
      try {
        await browser?.close();
      } finally {
        removePolicy();
      }
    }
  });

  /**
   * Writes `policy` for the extension, reloads, and waits until the extension sees it (or, with
   * `expect`, what Chromium is expected to pass on after its own schema check).
   * @param {Record<string, unknown>} policy
   * @param {Record<string, unknown>} [expect]
   */
  const setPolicy = (policy, expect = policy) => applyExtensionPolicy(browser, { file: FILE, id: ID, policy, expect });

  /**
   * Replaces the newspaper field's text the way a person does, and waits for the hint to show
   * `expected` (a guideline id that must be there).
   * @param {import('playwright-core').Page} page
   * @param {string} text
   * @param {string} expected
   * @returns {Promise<string[]>} the hint's guideline ids
   */
  async function typeAndHint(page, text, expected) {
    const field = page.locator('form.comment-form textarea').first();
    await field.click();
    await field.fill('');
    // the hint of the previous text goes first, so the one waited for below is the new text's
    await page.waitForFunction(() => (document.querySelector('tenk-deg-om')?.shadowRoot?.querySelector('[data-testid="tenk-hint"]')?.getAttribute('data-guidelines') ?? '') === '', undefined, { timeout: 8000 });
    await page.keyboard.type(text);
    const { hint } = ui(page);
    await page.waitForFunction(
      (id) => (document.querySelector('tenk-deg-om')?.shadowRoot?.querySelector('[data-testid="tenk-hint"]')?.getAttribute('data-guidelines') ?? '').split(' ').includes(id),
      expected,
      { timeout: 8000 },
    );
    return ((await hint.getAttribute('data-guidelines')) ?? '').split(' ').filter(Boolean);
  }

  /**
   * Submits the newspaper form and returns the dialog's guideline ids (then «Rediger»).
   * @param {import('playwright-core').Page} page
   * @returns {Promise<{ ids: string[], text: string }>}
   */
  async function submitAndDialog(page) {
    await page.locator('form.comment-form button[type="submit"]').first().click();
    const u = ui(page);
    await u.dialog.waitFor({ state: 'visible', timeout: 8000 });
    const ids = ((await u.dialog.getAttribute('data-guidelines')) ?? '').split(' ').filter(Boolean);
    const text = await u.dialog.innerText();
    await u.edit.click();
    await u.dialog.waitFor({ state: 'detached' });
    return { ids, text };
  }

  for (const csp of [false, true]) {
    test(`(a) a guideline IT turns off stops firing, live (${csp ? 'CSP-strict page: the service worker core' : 'no CSP: the content-script core'})`, async () => {
      await setPolicy(BASE);
      const page = await browser.open('newspaper', { csp });
      try {
        const before = await typeAndHint(page, TEXT, 'negative-about-colleagues');
        assert.ok(before.includes('confidentiality'), `without the policy the ID number fires: ${before.join(' ')}`);

        await setPolicy({ ...BASE, guidelines: { confidentiality: { enabled: false } } });
        const hint = await typeAndHint(page, TEXT, 'negative-about-colleagues');
        assert.ok(!hint.includes('confidentiality'), `turned off by IT, not in the hint: ${hint.join(' ')}`);
        const dialog = await submitAndDialog(page);
        assert.ok(dialog.ids.includes('negative-about-colleagues'), `the dialog still works: ${dialog.ids.join(' ')}`);
        assert.ok(!dialog.ids.includes('confidentiality'), `turned off by IT, not in the dialog: ${dialog.ids.join(' ')}`);
      } finally {
        await page.close();
        await setPolicy(BASE);
      }
    });
  }

  test('(b) the leader role adds leaders-responsibility to the dialog, live', async () => {
    const page = await browser.open('newspaper');
    try {
      await typeAndHint(page, TEXT, 'confidentiality');
      const employee = await submitAndDialog(page);
      assert.ok(!employee.ids.includes('leaders-responsibility'), `an employee: ${employee.ids.join(' ')}`);

      await setPolicy({ ...BASE, role: 'leader' });
      const leader = await submitAndDialog(page);
      assert.ok(leader.ids.includes('leaders-responsibility'), `a leader: ${leader.ids.join(' ')}`);
      assert.ok(leader.ids.includes('confidentiality'));
    } finally {
      await page.close();
      await setPolicy(BASE);
    }
  });

  test('(c) a custom guideline from customPolicy fires with its own text', async () => {
    await setPolicy({ ...BASE, customPolicy: CUSTOM_POLICY });
    const page = await browser.open('newspaper');
    try {
      const hint = await typeAndHint(page, 'Vi jobber med et hemmelig prosjekt for tiden.', 'confidentiality');
      assert.deepEqual(hint, ['confidentiality']);
      const label = await ui(page).host.evaluate((el) => el.shadowRoot?.querySelector('.marker')?.getAttribute('aria-label') ?? '');
      assert.match(label, new RegExp(CUSTOM_TITLE), 'the hint names the custom guideline by its own title');
      const dialog = await submitAndDialog(page);
      assert.ok(dialog.ids.includes('confidentiality'), dialog.ids.join(' '));
      assert.match(dialog.text, new RegExp(CUSTOM_TITLE), 'the dialog shows the custom text');
    } finally {
      await page.close();
      await setPolicy(BASE);
    }
  });

  test('(d) allowSnooze: false hides the pause in the popup, live', async () => {
    const page = await browser.open('newspaper');
    const popup = await browser.context.newPage();
    try {
      await page.bringToFront();
      const worker = browser.context.serviceWorkers().find((w) => w.url().startsWith(`chrome-extension://${ID}/`));
      assert.ok(worker);
      const tabId = await worker.evaluate(async () => (await chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.id);
      assert.ok(typeof tabId === 'number');
      const open = async () => {
        await popup.goto(`chrome-extension://${ID}/pages/popup.html?tab=${tabId}`);
        await popup.waitForSelector('#status[data-state="active"]', { timeout: 10_000 });
      };
      await open();
      assert.equal(await popup.locator('#snooze-hour').isVisible(), true, 'the pause is offered without a lock');
      assert.equal(await popup.locator('#snooze-locked').isVisible(), false);

      await setPolicy({ ...BASE, allowSnooze: false });
      await open();
      assert.equal(await popup.locator('#snooze-hour').isVisible(), false, 'no pause when IT locked it');
      assert.equal(await popup.locator('#snooze-locked').isVisible(), true);
      assert.match(await popup.locator('#snooze-locked').innerText(), /Styrt av IT-avdelingen/);
    } finally {
      await popup.close();
      await page.close();
      await setPolicy(BASE);
    }
  });

  test('(e) a broken policy: the options page names the bad keys, the valid keys still apply', async () => {
    // Chromium checks 3rdparty policy against managed_schema.json itself: a value of the wrong
    // type (`allowSnooze: "no"`) and a key the schema does not declare (`colour`) never reach the
    // extension, and the rest of the policy still does. Values of the right type that the core
    // refuses (an unknown role, an unknown guideline id) reach it and are reported by key.
    const valid = { ...BASE, guidelines: { confidentiality: { enabled: false }, 'be-nice': { enabled: false } } };
    const refusedByCore = { ...valid, role: 'boss' };
    /** @type {string[]} */
    const workerLog = [];
    for (const w of browser.context.serviceWorkers()) w.on('console', (m) => void workerLog.push(m.text()));
    await setPolicy({ ...refusedByCore, allowSnooze: 'no', colour: 'blue' }, refusedByCore);
    const options = await browser.context.newPage();
    const page = await browser.open('newspaper');
    try {
      await options.goto(`chrome-extension://${ID}/pages/options.html`);
      await options.waitForSelector('#problems:not([hidden])', { timeout: 10_000 });
      const problems = await options.locator('#problem-list').innerText();
      assert.match(problems, /\brole\b/, problems);
      assert.match(problems, /be-nice/, problems);
      assert.ok(workerLog.some((l) => /IT policy: .*role/.test(l)), `the service worker's log names the key: ${workerLog.join(' | ')}`);

      const hint = await typeAndHint(page, TEXT, 'negative-about-colleagues');
      assert.ok(!hint.includes('confidentiality'), `the valid key still applies: ${hint.join(' ')}`);
      const dialog = await submitAndDialog(page);
      assert.ok(!dialog.ids.includes('confidentiality'), dialog.ids.join(' '));
      assert.ok(!dialog.ids.includes('leaders-responsibility'), 'the refused role leaves the default (employee)');
    } finally {
      await options.close();
      await page.close();
      await setPolicy(BASE);
    }
  });
});
