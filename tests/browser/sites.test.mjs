// @ts-check
// Where the extension works follows the core's site decision, live: IT's managed `sites.remove`
// silences a site on a page that is already open (no hint, no dialog, the page receives exactly
// the typed text) and removing the policy brings the reminders back without reloading anything;
// the person's own switch for one site in the options page silences that site and no other.
//
// IT's `sites.add` gives a site the content script without a rebuild: the options page offers
// «Gi tilgang» for it, and once the person has granted access the service worker registers the
// content script there (chrome.scripting); removing the site from the policy unregisters it.
// Headless Chromium cannot click the browser's permission prompt, so that part runs a test-only
// copy of the build whose manifest already grants the one optional host
// (`host_permissions: ["https://www.lokalavisa-test.no/*"]`, docs/testing.md); everything after
// the grant is the extension's own code.
//
// When the core cannot answer (a test-only copy with a corrupt core), the options page and the
// popup say «Innstillingene kunne ikke lastes» instead of drawing settings from a guess.
//
// One Chromium with dist/chrome runs under a real policy file in
// /etc/chromium/policies/managed/ (`3rdparty.extensions.<id>`). Needs root to write /etc (CI
// runs as root); skipped otherwise. The policy file is removed in `after`, on exit and on
// SIGINT/SIGTERM, under the machine-wide lock (lib/chromium-policy.mjs).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DIST, NATIONAL_ID_TEXT, launch, received, ui } from './harness.mjs';
import { applyExtensionPolicy, canWritePolicy, canonical, writeChromiumPolicy } from './lib/chromium-policy.mjs';

/** The extension's id, fixed by the manifest's public key. */
const ID = 'nhnjgdelglelapmakbdhaoicgajphnga';
const FILE = 'tenk-test-policy-sites';
const BASE = { organisation: 'Testetaten' };
/** How long a page is given to show a hint that must not come (the typing pause is 300 ms). */
const QUIET_MS = 1500;

/** @param {number} ms */
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** @param {import('playwright-core').Page} page */
const hintIds = (page) =>
  page.evaluate(() => {
    const hint = document.querySelector('tenk-deg-om')?.shadowRoot?.querySelector('[data-testid="tenk-hint"]');
    if (!(hint instanceof HTMLElement) || hint.hidden || hint.getBoundingClientRect().width === 0) return [];
    return (hint.getAttribute('data-guidelines') ?? '').split(' ').filter(Boolean);
  });

/** @param {import('playwright-core').Page} page */
const dialogOpen = (page) => page.evaluate(() => Boolean(document.querySelector('tenk-deg-om')?.shadowRoot?.querySelector('[data-testid="tenk-dialog"]')));

/**
 * Clears `field` and types `text` the way a person does.
 * @param {import('playwright-core').Locator} field
 * @param {string} text
 */
async function retype(field, text) {
  await field.click();
  await field.fill('');
  await field.page().keyboard.type(text);
}

/**
 * Types into the field and waits for the hint to name confidentiality.
 * @param {import('playwright-core').Page} page
 * @param {import('playwright-core').Locator} field
 */
async function expectHint(page, field) {
  await retype(field, NATIONAL_ID_TEXT);
  await ui(page).hint.waitFor({ state: 'visible', timeout: 8000 });
  assert.ok((await hintIds(page)).includes('confidentiality'));
}

/**
 * Types into the field and shows that no hint comes, and that a submit goes straight through
 * with exactly the typed text.
 * @param {import('playwright-core').Page} page
 * @param {import('playwright-core').Locator} field
 * @param {() => Promise<void>} submit
 */
async function expectQuiet(page, field, submit) {
  const before = (await received(page)).length;
  await retype(field, NATIONAL_ID_TEXT);
  await sleep(QUIET_MS);
  assert.deepEqual(await hintIds(page), [], 'no hint');
  await submit();
  await page.waitForFunction((n) => /** @type {any} */ (window).__received.length > n, before, { timeout: 8000 });
  assert.equal(await dialogOpen(page), false, 'no dialog');
  assert.deepEqual((await received(page)).slice(before), [NATIONAL_ID_TEXT], 'the page received exactly the typed text, once');
}

/** The site IT adds in the tests, and where the newspaper fixture is served for it. */
const ADDED_HOST = 'www.lokalavisa-test.no';
const ADDED_URL = `https://${ADDED_HOST}/nyheter/sak/123`;
const FIXTURES = new URL('../fixtures/', import.meta.url).pathname;

/**
 * Serves the newspaper fixture at the added host (and its script).
 * @param {import('playwright-core').BrowserContext} context
 */
async function serveAddedSite(context) {
  await context.route(`https://${ADDED_HOST}/**`, async (route) => {
    const path = new URL(route.request().url()).pathname;
    if (path.startsWith('/tenk-fixtures/newspaper/') && !path.includes('..')) {
      const body = await readFile(join(FIXTURES, path.slice('/tenk-fixtures/'.length)));
      return route.fulfill({ body, contentType: 'text/javascript; charset=utf-8' });
    }
    return route.fulfill({ body: await readFile(join(FIXTURES, 'newspaper/article.html')), contentType: 'text/html; charset=utf-8' });
  });
}

/**
 * Reloads Chromium's policy files and waits until the extension sees `policy`.
 * @param {import('./harness.mjs').Browser} browser
 * @param {string} file
 * @param {Record<string, unknown>} policy
 */
const applyPolicy = (browser, file, policy) => applyExtensionPolicy(browser, { file, id: ID, policy });

describe('where the extension works follows the core, live', { skip: canWritePolicy ? false : 'skipped: needs root to write /etc/chromium/policies/managed (CI runs as root)' }, () => {
  /** @type {import('./harness.mjs').Browser} */
  let browser;
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

  /** @param {Record<string, unknown>} policy */
  const setPolicy = (policy) => applyPolicy(browser, FILE, policy);

  test('IT removes vg.no: no hint, no dialog, exact text; the policy gone: reminders back, live', async () => {
    const page = await browser.open('newspaper');
    const field = page.locator('form.comment-form textarea').first();
    const submit = () => page.locator('form.comment-form button[type="submit"]').first().click();
    try {
      await expectHint(page, field);

      await setPolicy({ ...BASE, sites: { remove: ['vg.no'] } });
      await page.waitForFunction(() => !document.querySelector('tenk-deg-om')?.shadowRoot?.querySelector('[data-testid="tenk-hint"]:not([hidden])'), undefined, { timeout: 8000 }).catch(() => {});
      await expectQuiet(page, field, submit);

      await setPolicy(BASE);
      await expectHint(page, field);
      await submit();
      const u = ui(page);
      await u.dialog.waitFor({ state: 'visible', timeout: 8000 });
      await u.edit.click();
      await u.dialog.waitFor({ state: 'detached', timeout: 5000 });
    } finally {
      await page.close();
      await setPolicy(BASE);
    }
  });

  test('the person turns www.facebook.com off in the options page: quiet there, vg.no still on', async () => {
    const options = await browser.context.newPage();
    const fb = await browser.open('facebook');
    const vg = await browser.open('newspaper');
    try {
      await options.goto(`chrome-extension://${ID}/pages/options.html`);
      await options.waitForSelector('body[data-ready="true"]', { timeout: 10_000 });
      const toggle = options.getByRole('switch', { name: 'Påminnelser på www.facebook.com' });
      assert.equal(await toggle.isChecked(), true);
      await toggle.click();
      const fbField = fb.locator('[data-lexical-editor="true"]').first();
      // The switch is saved to storage.sync; the open Facebook page hears it and asks the core again.
      await fb.waitForTimeout(300);
      await expectQuiet(fb, fbField, () => fb.keyboard.press('Enter'));

      await expectHint(vg, vg.locator('form.comment-form textarea').first());
      await vg.locator('form.comment-form button[type="submit"]').first().click();
      await ui(vg).dialog.waitFor({ state: 'visible', timeout: 8000 });
      await ui(vg).edit.click();

      // Back on: the Facebook page reminds again without a reload.
      await options.bringToFront();
      await toggle.click();
      await fb.bringToFront();
      await expectHint(fb, fbField);
    } finally {
      await options.close();
      await fb.close();
      await vg.close();
    }
  });

  test('a pause from the popup and the main switch silence the open page; both undone, live', async () => {
    const page = await browser.open('newspaper');
    const field = page.locator('form.comment-form textarea').first();
    const submit = () => page.locator('form.comment-form button[type="submit"]').first().click();
    const popup = await browser.context.newPage();
    try {
      await expectHint(page, field);
      await page.bringToFront();
      const worker = await browser.worker();
      const tabId = await worker.evaluate(async () => (await chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.id);
      assert.ok(typeof tabId === 'number');
      await popup.goto(`chrome-extension://${ID}/pages/popup.html?tab=${tabId}`);
      await popup.waitForSelector('#status[data-state="active"]', { timeout: 10_000 });
      await popup.locator('#snooze-hour').click();
      await popup.waitForSelector('#status[data-state="snoozed"]', { timeout: 5000 });
      await page.bringToFront();
      await expectQuiet(page, field, submit);
      await popup.locator('#resume').click();
      await popup.waitForSelector('#status[data-state="active"]', { timeout: 5000 });
      await expectHint(page, field);

      // The person's main switch (`enabled`, a user key) off, then on again.
      await worker.evaluate(() => chrome.storage.sync.set({ settings: { enabled: false } }));
      await sleep(300);
      await expectQuiet(page, field, submit);
      await worker.evaluate(() => chrome.storage.sync.set({ settings: {} }));
      await expectHint(page, field);
    } finally {
      await popup.close();
      await page.close();
      const worker = await browser.worker();
      await worker.evaluate(() => chrome.storage.sync.set({ settings: {} }));
    }
  });
});

describe('IT adds a site by policy: content script registered at run time', { skip: canWritePolicy ? false : 'skipped: needs root to write /etc/chromium/policies/managed (CI runs as root)' }, () => {
  const file = 'tenk-test-policy-sites-add';
  const ADD = { ...BASE, sites: { add: [ADDED_HOST] } };

  test('without access the options page offers «Gi tilgang» and the site gets no script', async () => {
    const remove = await writeChromiumPolicy(file, { '3rdparty': { extensions: { [ID]: BASE } } });
    const browser = await launch();
    try {
      await serveAddedSite(browser.context);
      await applyPolicy(browser, file, ADD);
      const options = await browser.context.newPage();
      await options.goto(`chrome-extension://${ID}/pages/options.html`);
      await options.waitForSelector('body[data-ready="true"]', { timeout: 10_000 });
      const grant = options.getByRole('button', { name: `Gi tilgang til ${ADDED_HOST}` });
      assert.equal(await grant.isVisible(), true, 'the IT-added site without access has «Gi tilgang»');
      assert.equal(await grant.innerText(), 'Gi tilgang');
      const worker = await browser.worker();
      assert.deepEqual(await worker.evaluate(() => chrome.scripting.getRegisteredContentScripts()), [], 'no access, no registration');
      const page = await browser.context.newPage();
      await page.goto(ADDED_URL);
      await page.waitForFunction(() => /** @type {any} */ (window).__fixtureReady === true, undefined, { timeout: 8000 });
      await retype(page.locator('form.comment-form textarea').first(), NATIONAL_ID_TEXT);
      await sleep(QUIET_MS);
      assert.equal(await page.locator('tenk-deg-om').count(), 0, 'the content script is not on the page');
    } finally {
      try {
        await browser.close();
      } finally {
        remove();
      }
    }
  });

  describe('with access granted (a test-only copy of the build: see the top of this file)', () => {
    /** @type {import('./harness.mjs').Browser} */
    let browser;
    let remove = () => {};
    /** @type {string} */
    let granted;

    before(async () => {
      granted = await mkdtemp(join(tmpdir(), 'tenk-granted-'));
      await cp(DIST, granted, { recursive: true });
      const manifest = JSON.parse(await readFile(join(granted, 'manifest.json'), 'utf8'));
      manifest.host_permissions = [`https://${ADDED_HOST}/*`];
      await writeFile(join(granted, 'manifest.json'), JSON.stringify(manifest, null, 2));
      remove = await writeChromiumPolicy(file, { '3rdparty': { extensions: { [ID]: BASE } } });
      browser = await launch({ dist: granted });
      assert.equal(browser.extensionId, ID);
      await serveAddedSite(browser.context);
    });

    after(async () => {
      try {
        assert.deepEqual(browser?.extensionProblems() ?? [], [], 'no console errors or exceptions from the extension');
        const foreign = (browser?.foreignRequests ?? []).filter((u) => new URL(u).hostname !== ADDED_HOST);
        assert.deepEqual(foreign, [], 'no network requests beyond the pages themselves');
      } finally {
        try {
          await browser?.close();
        } finally {
          remove();
          await rm(granted, { recursive: true, force: true });
        }
      }
    });

    /** The matches of the run-time registration, as the browser holds it. */
    const registered = async () => {
      const scripts = await (await browser.worker()).evaluate(() => chrome.scripting.getRegisteredContentScripts());
      return scripts.flatMap((s) => s.matches ?? []);
    };

    /** @param {string[]} expected */
    async function waitRegistered(expected) {
      let got = /** @type {string[]} */ ([]);
      for (const deadline = Date.now() + 10_000; Date.now() < deadline; await sleep(250)) {
        got = await registered();
        if (canonical(got) === canonical(expected)) return;
      }
      assert.fail(`registered ${canonical(got)}, expected ${canonical(expected)}`);
    }

    test('the added site gets hint, dialog and exact publish; removed from the policy, the script is unregistered', async () => {
      await applyPolicy(browser, file, ADD);
      await waitRegistered([`https://${ADDED_HOST}/*`]);

      const page = await browser.context.newPage();
      await page.goto(ADDED_URL);
      await page.waitForFunction(() => /** @type {any} */ (window).__fixtureReady === true, undefined, { timeout: 8000 });
      const field = page.locator('form.comment-form textarea').first();
      await expectHint(page, field);
      await page.locator('form.comment-form button[type="submit"]').first().click();
      const u = ui(page);
      await u.dialog.waitFor({ state: 'visible', timeout: 8000 });
      assert.match((await u.identity.textContent()) ?? '', /Ola Hansen/);
      await u.publish.click();
      await page.waitForFunction(() => /** @type {any} */ (window).__received.length > 0, undefined, { timeout: 8000 });
      assert.deepEqual(await received(page), [NATIONAL_ID_TEXT], 'published once, exactly as typed');
      await page.close();

      const options = await browser.context.newPage();
      await options.goto(`chrome-extension://${ID}/pages/options.html`);
      await options.waitForSelector('body[data-ready="true"]', { timeout: 10_000 });
      assert.equal(await options.locator('#access').isHidden(), true, 'nothing left to grant');
      await options.close();

      await applyPolicy(browser, file, BASE);
      await waitRegistered([]);
      const after = await browser.context.newPage();
      await after.goto(ADDED_URL);
      await after.waitForFunction(() => /** @type {any} */ (window).__fixtureReady === true, undefined, { timeout: 8000 });
      await retype(after.locator('form.comment-form textarea').first(), NATIONAL_ID_TEXT);
      await sleep(QUIET_MS);
      assert.equal(await after.locator('tenk-deg-om').count(), 0, 'no content script once IT took the site out');
      await after.close();
    });
  });
});

describe('the core cannot answer: the pages say so instead of guessing the settings', () => {
  /** @type {string} */
  let broken;
  /** @type {import('./harness.mjs').Browser} */
  let browser;
  before(async () => {
    // A test-only copy of the build whose core fails to compile (as in faults.test.mjs).
    broken = await mkdtemp(join(tmpdir(), 'tenk-broken-'));
    await cp(DIST, broken, { recursive: true });
    await writeFile(join(broken, 'tenk.wasm'), Buffer.from('\0asm\x01\0\0\0this is not a module'));
    browser = await launch({ dist: broken });
  });
  after(async () => {
    await browser.close();
    await rm(broken, { recursive: true, force: true });
  });

  test('options and popup: «Innstillingene kunne ikke lastes», no switches', async () => {
    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${ID}/pages/options.html`);
    await options.waitForSelector('body[data-ready="true"]', { timeout: 15_000 });
    const message = options.locator('#settings-unavailable');
    assert.equal(await message.isVisible(), true);
    assert.match(await message.innerText(), /Innstillingene kunne ikke lastes/);
    assert.equal(await options.locator('#sites').isHidden(), true, 'no site switches drawn from a guess');
    assert.equal(await options.locator('#role').isHidden(), true, 'no role drawn from a guess');
    const popup = await browser.context.newPage();
    await popup.goto(`chrome-extension://${ID}/pages/popup.html`);
    await popup.waitForSelector('body[data-ready="true"]', { timeout: 15_000 });
    assert.match(await popup.locator('#status').innerText(), /Innstillingene kunne ikke lastes/);
  });
});
