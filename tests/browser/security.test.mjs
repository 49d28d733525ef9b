// @ts-check
// Privacy and security (issue 9): zero network across a full session, nothing typed is stored,
// page-controlled strings are only ever text, and the page cannot drive the extension.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DIST, NATIONAL_ID_TEXT, PAGES, launch, received, ui } from './harness.mjs';

/** @param {number} ms */
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** @typedef {import('playwright-core').Page} Page */

/** @param {Page} page @param {number} n */
const waitReceived = (page, n) =>
  page.waitForFunction((k) => /** @type {any} */ (window).__received.length >= k, n, { timeout: 8000 });

/** Words no storage may ever hold: they are only in the comment. */
const SECRET_WORDS = ['Blåbærsyltetøy', 'Kvasirmjød', 'Trollskogsnisse', '01129940030'];
const SECRET_TEXT = `${SECRET_WORDS[0]} og ${SECRET_WORDS[1]} hos ${SECRET_WORDS[2]}. Personnummeret hennes er ${SECRET_WORDS[3]}`;

describe('a full session: typing, hint, dialog, publish, options and popup pages', () => {
  /** @type {import('./harness.mjs').Browser} */
  let browser;
  before(async () => {
    browser = await launch();
    for (const name of /** @type {const} */ (['facebook', 'newspaper'])) {
      for (const csp of [false, true]) {
        const page = await browser.open(name, { csp });
        const field = name === 'facebook' ? page.locator('[data-lexical-editor="true"]').first() : page.locator('form.comment-form textarea').first();
        await field.click();
        await page.keyboard.type(SECRET_TEXT);
        await ui(page).hint.waitFor({ state: 'visible', timeout: 8000 });
        if (name === 'facebook') await page.keyboard.press('Enter');
        else await page.locator('form.comment-form button[type="submit"]').first().click();
        await ui(page).dialog.waitFor({ state: 'visible', timeout: 8000 });
        await ui(page).publish.click();
        await waitReceived(page, 1);
        assert.deepEqual(await received(page), [SECRET_TEXT]);
        await page.close();
      }
    }
    for (const path of ['pages/options.html', 'pages/popup.html', 'pages/onboarding.html']) {
      const page = await browser.context.newPage();
      await page.goto(`chrome-extension://${browser.extensionId}/${path}`);
      await page.waitForLoadState('load');
      await sleep(600);
      await page.close();
    }
  });
  after(async () => browser.close());

  test('zero network: every request is a fixture page of the site itself or one of our own files', (t) => {
    const own = `chrome-extension://${browser.extensionId}/`;
    const fixtureOrigins = new Set(Object.values(PAGES).map((p) => new URL(p.url).origin));
    // Our own packaged files, also through a dynamic web-accessible URL
    // (chrome-extension://<random id per session>/…).
    /** @param {string} url */
    const ownFile = (url) => {
      const u = new URL(url);
      return u.protocol === 'chrome-extension:' && (u.hostname === browser.extensionId || /^[0-9a-f-]{36}$/.test(u.hostname)) && existsSync(join(DIST, decodeURIComponent(u.pathname)));
    };
    const foreign = browser.requests.filter((r) => !ownFile(r.url) && !fixtureOrigins.has(new URL(r.url).origin) && !r.url.startsWith('data:'));
    assert.deepEqual(foreign, []);
    assert.deepEqual(
      browser.requests.filter((r) => r.fromWorker && !r.url.startsWith(own)),
      [],
      'the service worker fetches nothing but its own files',
    );
    // In Chromium the content script never loads the core: the service worker's answers every
    // frame (its fetch of its own file is not reported as a request; the session's hints and
    // dialogs above came from it).
    assert.deepEqual(browser.requests.filter((r) => /\/tenk\.wasm$/.test(r.url) && !r.fromWorker).map((r) => r.url), [], 'no page loads the core');
    t.diagnostic(`${browser.requests.length} requests recorded, ${browser.requests.filter((r) => r.url.startsWith('chrome-extension:')).length} of them the extension's own files`);
  });

  test('nothing typed is stored: no storage area, IndexedDB, Cache Storage or localStorage holds a word of it', async () => {
    const worker = await browser.worker();
    const dump = await worker.evaluate(async () => {
      const area = async (/** @type {string} */ name) => {
        try {
          return await /** @type {any} */ (chrome.storage)[name].get(null);
        } catch (e) {
          return `unavailable: ${String(e)}`;
        }
      };
      const dbs = await indexedDB.databases();
      const cacheKeys = await caches.keys();
      return {
        local: await area('local'),
        sync: await area('sync'),
        session: await area('session'),
        managed: await area('managed'),
        indexedDB: dbs.map((d) => d.name),
        caches: cacheKeys,
      };
    });
    const page = await browser.context.newPage();
    await page.goto(`chrome-extension://${browser.extensionId}/pages/options.html`);
    const fromPage = await page.evaluate(async () => ({
      localStorage: Object.fromEntries(Object.entries(localStorage)),
      sessionStorage: Object.fromEntries(Object.entries(sessionStorage)),
      indexedDB: (await indexedDB.databases()).map((d) => d.name),
      caches: await caches.keys(),
    }));
    await page.close();
    const all = JSON.stringify({ dump, fromPage });
    for (const word of SECRET_WORDS) assert.ok(!all.toLowerCase().includes(word.toLowerCase()), `"${word}" found in storage: ${all}`);
    assert.deepEqual(dump.indexedDB, []);
    assert.deepEqual(dump.caches, []);
    assert.deepEqual(fromPage, { localStorage: {}, sessionStorage: {}, indexedDB: [], caches: [] });
    // What is stored is settings and per-site state only (docs/CONTRACTS.md § 7).
    assert.deepEqual(Object.keys(dump.local).sort().filter((k) => !['dismissed', 'onboardingShown'].includes(k)), [], `local: ${JSON.stringify(dump.local)}`);
    assert.deepEqual(Object.keys(dump.sync).filter((k) => k !== 'settings'), [], `sync: ${JSON.stringify(dump.sync)}`);
    assert.deepEqual(Object.keys(dump.session).filter((k) => k !== 'identityConfirmedSites'), [], `session: ${JSON.stringify(dump.session)}`);
  });
});

describe('the manifest', () => {
  test('no remote code; the extension pages may run only their own scripts and WebAssembly', async () => {
    const manifest = JSON.parse(await readFile(join(DIST, 'manifest.json'), 'utf8'));
    const csp = manifest.content_security_policy?.extension_pages ?? '';
    const scriptSrc = csp.split(';').map((/** @type {string} */ d) => d.trim().split(/\s+/)).find((/** @type {string[]} */ d) => d[0] === 'script-src');
    assert.deepEqual(scriptSrc?.slice(1).sort(), ["'self'", "'wasm-unsafe-eval'"], csp);
    for (const directive of csp.split(';').map((/** @type {string} */ d) => d.trim()).filter(Boolean)) {
      for (const source of directive.split(/\s+/).slice(1)) assert.ok(["'self'", "'wasm-unsafe-eval'", "'none'"].includes(source), `source ${source} in ${directive}`);
    }
    assert.equal(manifest.content_security_policy?.sandbox, undefined, 'no sandboxed pages');
    assert.equal(manifest.externally_connectable, undefined, 'no web page or other extension may message the worker');
    assert.equal(manifest.update_url, undefined, 'updates come from IT policy, not from the manifest');
    const scripts = [manifest.background.service_worker, ...manifest.content_scripts.flatMap((/** @type {any} */ c) => c.js)];
    for (const file of scripts) assert.doesNotMatch(file, /^(https?:)?\/\//, `a packaged file: ${file}`);
    // Nothing in the packaged code loads code from elsewhere or evaluates strings.
    for (const file of [...scripts, 'pages/popup.js', 'pages/options.js', 'pages/onboarding.js']) {
      const code = await readFile(join(DIST, file), 'utf8');
      assert.doesNotMatch(code, /\bimportScripts\s*\(|\beval\s*\(|new Function\s*\(|https?:\/\/(?!www\.w3\.org\/)[a-z0-9.-]+\.[a-z]{2,}\/[^"'`\s]*\.m?js\b/i, file);
    }
    for (const html of ['popup', 'options', 'onboarding']) {
      const text = await readFile(join(DIST, 'pages', `${html}.html`), 'utf8');
      for (const m of text.matchAll(/<(?:script|link)\b[^>]*(?:src|href)="([^"]+)"/g)) assert.doesNotMatch(m[1], /^(https?:)?\/\//, `${html}.html loads ${m[1]}`);
    }
  });
});

describe('page-controlled strings are only ever text', () => {
  /** @type {import('./harness.mjs').Browser} */
  let browser;
  before(async () => {
    browser = await launch();
  });
  after(async () => browser.close());

  const payloads = [
    '<img src=x onerror="window.__canary=\'pwned\';alert(1)">',
    '"><svg onload="window.__canary=\'pwned\';alert(2)">',
    "'><img src=y onerror=window.__canary='pwned'>",
  ];

  /**
   * Arms the canary and a dialog watcher, returns a check that nothing ran.
   * @param {Page} page
   */
  async function arm(page) {
    /** @type {string[]} */
    const dialogs = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.evaluate(() => {
      /** @type {any} */ (window).__canary = 'intact';
    });
    return async () => {
      await sleep(400);
      assert.deepEqual(dialogs, [], 'no alert ran');
      assert.equal(await page.evaluate(() => /** @type {any} */ (window).__canary), 'intact', 'the page-global canary is untouched');
      const markup = await page.evaluate(() => {
        const root = document.querySelector('tenk-deg-om')?.shadowRoot;
        return root ? Array.from(root.querySelectorAll('img, svg, script, iframe, object, embed, [onerror], [onload]')).map((e) => e.localName) : [];
      });
      assert.deepEqual(markup, [], 'no page-supplied element in the extension UI');
    };
  }

  for (const payload of payloads) {
    test(`Facebook name ${payload}: shows literally, nothing runs`, async (t) => {
      const page = await browser.open('facebook');
      const check = await arm(page);
      await page.evaluate((p) => {
        document.title = p;
        const editor = document.querySelector('[data-lexical-editor="true"]');
        editor?.setAttribute('aria-label', `Kommenter som ${p}`);
        editor?.closest('form')?.querySelectorAll('img[alt]').forEach((img) => img.setAttribute('alt', p));
      }, payload);
      const field = page.locator('[data-lexical-editor="true"]').first();
      await field.click();
      await page.keyboard.type(`${NATIONAL_ID_TEXT} ${payload}`);
      await ui(page).hint.waitFor({ state: 'visible', timeout: 8000 });
      await page.keyboard.press('Enter');
      const u = ui(page);
      await u.dialog.waitFor({ state: 'visible', timeout: 8000 });
      const identity = (await u.identity.textContent()) ?? '';
      t.diagnostic(`identity: ${identity}`);
      assert.ok(identity.includes(payload.trim()) || !/[<>]/.test(identity), `identity shows the name as text or no name: ${identity}`);
      await check();
      await u.publish.click();
      await waitReceived(page, 1);
      assert.deepEqual(await received(page), [`${NATIONAL_ID_TEXT} ${payload}`]);
      await check();
      await page.close();
    });
  }

  test('a name the core accepts, with markup in it, shows literally in the dialog', async (t) => {
    const page = await browser.open('newspaper');
    const check = await arm(page);
    const name = 'Kari <b onmouseover=alert(3)>Nordmann</b> "><svg onload=alert(4)>';
    await page.evaluate((n) => {
      const status = document.querySelector('form.comment-form .login-status') ?? document.querySelector('form.comment-form p');
      if (status) status.textContent = `Innlogget som ${n}`;
    }, name);
    await page.locator('form.comment-form textarea').first().click();
    await page.keyboard.type(NATIONAL_ID_TEXT);
    await page.locator('form.comment-form button[type="submit"]').first().click();
    const u = ui(page);
    await u.dialog.waitFor({ state: 'visible', timeout: 8000 });
    const identity = (await u.identity.textContent()) ?? '';
    t.diagnostic(`identity: ${identity}`);
    assert.ok(identity.includes(name) || !/[<>]/.test(identity), `the name as text, or no name: ${identity}`);
    await check();
    await u.edit.click();
    await page.close();
  });
});

describe('the page cannot drive the extension', () => {
  /** @type {import('./harness.mjs').Browser} */
  let browser;
  before(async () => {
    browser = await launch();
  });
  after(async () => browser.close());

  test('look-alike messages and events from the page world change nothing', async () => {
    const page = await browser.open('newspaper');
    const keysBefore = await page.evaluate(() => Object.keys(window));
    const field = page.locator('form.comment-form textarea').first();
    await field.click();
    await page.keyboard.type(NATIONAL_ID_TEXT);
    await ui(page).hint.waitFor({ state: 'visible', timeout: 8000 });
    await page.locator('form.comment-form button[type="submit"]').first().click();
    await ui(page).dialog.waitFor({ state: 'visible', timeout: 8000 });
    // The page tries to publish past the dialog, confirm its identity, change settings.
    await page.evaluate(() => {
      const looks = [
        { type: 'tenk/core', request: { op: 'configure', managed: null, user: { enabled: false }, uiLanguage: 'nb' } },
        { type: 'tenk/site-confirmed', site: location.hostname },
        { type: 'tenk/status' },
        { type: 'tenk/publish' },
        { choice: 'publish' },
      ];
      for (const m of looks) {
        window.postMessage(m, '*');
        window.dispatchEvent(new CustomEvent(String(m.type ?? 'tenk'), { detail: m }));
        document.dispatchEvent(new CustomEvent('tenk-publish', { detail: m, bubbles: true, composed: true }));
      }
      // The dialog's buttons are reachable in the open shadow root (public test contract), but a
      // script's synthetic click is not the person's: it must not publish.
      const publish = /** @type {HTMLElement | null | undefined} */ (document.querySelector('tenk-deg-om')?.shadowRoot?.querySelector('[data-testid="tenk-publish"]'));
      publish?.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    });
    await sleep(500);
    assert.deepEqual(await received(page), [], 'nothing was published by the page');
    assert.equal(await ui(page).dialog.isVisible(), true, 'the dialog still waits for the person');
    await ui(page).edit.click();
    const worker = await browser.worker();
    const state = await worker.evaluate(async () => ({ session: await chrome.storage.session.get(null), sync: await chrome.storage.sync.get(null) }));
    assert.deepEqual(state, { session: {}, sync: {} }, 'no site confirmed, no setting changed by the page');

    // The content script lives in its own world: nothing new on window, no API on our element.
    const exposed = await page.evaluate((before) => {
      const now = Object.keys(window).filter((k) => !before.includes(k));
      const host = document.querySelector('tenk-deg-om');
      return {
        newGlobals: now,
        hostProto: host ? Object.getPrototypeOf(host) === HTMLElement.prototype : null,
        hostOwn: host ? Object.getOwnPropertyNames(host) : null,
        customElement: customElements.get('tenk-deg-om') === undefined,
        chromeRuntime: typeof (/** @type {any} */ (window).chrome?.runtime?.sendMessage),
      };
    }, keysBefore);
    assert.deepEqual(exposed, { newGlobals: [], hostProto: true, hostOwn: [], customElement: true, chromeRuntime: 'undefined' });
  });

  test('the content script listens to no page messages; the worker answers only its own extension', async () => {
    const content = await readFile(join(DIST, 'content.js'), 'utf8');
    assert.doesNotMatch(content, /addEventListener\(\s*["']message["']|onmessage\s*=/, 'no window message listener in the content script');
    const source = await readFile(new URL('../../extension/src/background/service-worker.ts', import.meta.url), 'utf8');
    assert.match(source, /sender\.id !== chrome\.runtime\.id/, 'the worker checks the sender is this extension');
    assert.doesNotMatch(source, /onMessageExternal|onConnectExternal/, 'no external message door');
  });
});
