// @ts-check
// The Firefox driver for the shared browser scenarios (tests/browser/scenarios/): Debian's
// firefox-esr (never a downloaded browser) driven headless over WebDriver BiDi by puppeteer-core,
// with dist/firefox installed as a temporary add-on, the same fixture pages served at their real
// host names by request interception, and a per-test HOME so managed storage
// (~/.mozilla/managed-storage/<id>.json) never touches system files.
//
// `launch()` returns the same `Browser` shape as harness.mjs's Chromium `launch()`, and its pages
// offer the small part of Playwright's Page/Locator API the scenarios use (see `ScenarioPage`
// and `ScenarioLocator` in harness.mjs): CSS selectors that pierce open shadow roots,
// `getByRole`, `first()`, an `xpath=` step, auto-waiting `click`/`fill`/`press`, `waitFor`
// states, `evaluate`, and Playwright's argument order for `waitForFunction`.
import puppeteer from 'puppeteer-core';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GECKO_ID } from '../../tools/manifest.mjs';
import { FIXTURE_HOSTS, PAGES, fixtureResponse } from './harness.mjs';
import { DAYTIME_TZ } from './lib/daytime.mjs';

const root = new URL('../..', import.meta.url).pathname;
/** The unpacked Firefox build under test. */
export const DIST_FIREFOX = join(root, 'dist/firefox');
/** The Firefox the tests drive (Debian's firefox-esr; FIREFOX overrides it). */
export const FIREFOX = process.env.FIREFOX ?? '/usr/bin/firefox-esr';
/**
 * The extension's internal UUID, fixed through the `extensions.webextensions.uuids` pref so its
 * pages have a known address (moz-extension://<uuid>/…); Firefox picks a random one otherwise.
 */
export const EXTENSION_UUID = '7e4d0c1a-5b7e-4c3f-9a51-3d2c1b0a9f10';
/** Playwright's default for actions and waits, kept so timeouts mean the same in both browsers. */
const DEFAULT_TIMEOUT = 10_000;

/** @typedef {import('./harness.mjs').Problem} Problem */
/** @typedef {import('./harness.mjs').ScenarioPage} ScenarioPage */
/** @typedef {import('./harness.mjs').ScenarioLocator} ScenarioLocator */
/**
 * One step of a locator, resolved in the page by `resolveSteps`.
 * @typedef {{ css: string } | { xpath: string } | { role: string, name?: string, exact?: boolean } | { nth: number }} Step
 */

/**
 * Starts Firefox ESR with the extension installed as a temporary add-on.
 * @param {{ managed?: Record<string, unknown>, dist?: string, addon?: boolean, prefs?: Record<string, unknown> }} [options] `managed`: the
 *   IT settings Firefox hands the extension as `storage.managed` (written to the per-test HOME's
 *   managed-storage manifest); `dist`: another unpacked build (a benchmark's «before»); `addon:
 *   false`: no add-on at all (a benchmark's baseline); `prefs`: more Firefox preferences.
 * @returns {Promise<import('./harness.mjs').ScenarioBrowser & {
 *   browser: import('puppeteer-core').Browser,
 *   home: string,
 *   openExtensionPage: (path: string) => Promise<ScenarioPage>,
 * }>}
 */
export async function launch(options = {}) {
  const dist = options.dist ?? DIST_FIREFOX;
  if (!existsSync(join(dist, 'manifest.json'))) throw new Error(`missing ${dist}: run ./build.sh first`);
  const home = await mkdtemp(join(tmpdir(), 'tenk-firefox-'));
  if (options.managed) {
    const dir = join(home, '.mozilla/managed-storage');
    await mkdir(dir, { recursive: true });
    const manifest = { name: GECKO_ID, description: 'Tenk deg om: managed settings for tests', type: 'storage', data: options.managed };
    await writeFile(join(dir, `${GECKO_ID}.json`), JSON.stringify(manifest));
  }
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    defaultViewport: { width: 1100, height: 800 },
    // Midday, whatever the hour the tests run at (lib/daytime.mjs).
    env: { ...process.env, HOME: home, MOZ_CRASHREPORTER_DISABLE: '1', TZ: DAYTIME_TZ },
    extraPrefsFirefox: {
      // Norwegian bokmål first, as for Chromium's --lang=nb.
      'intl.accept_languages': 'nb-NO,nb,no,en',
      // The onboarding tab the extension opens on install is not part of these scenarios.
      'browser.tabs.warnOnClose': false,
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: EXTENSION_UUID }),
      ...options.prefs,
    },
  });
  /** @type {Problem[]} */
  const problems = [];
  /** @type {string[]} */
  const foreignRequests = [];
  let closing = false;
  const extensionId = options.addon === false ? '' : await browser.installExtension(dist);
  // The extension opens its onboarding tab on install (unless IT skips it); wait for it so it
  // does not come to the front later and leave the scenario's page in a hidden, throttled tab.
  if (extensionId) await browser.waitForTarget((t) => t.url().endsWith('/pages/onboarding.html'), { timeout: 5000 }).catch(() => {});

  return {
    browser,
    home,
    extensionId,
    problems,
    foreignRequests,
    async open(name, opts = {}) {
      const page = await browser.newPage();
      page.on('console', (m) => {
        if (m.type() === 'error') problems.push({ kind: 'console', text: m.text(), url: m.location().url ?? '' });
      });
      page.on('pageerror', (e) => problems.push({ kind: 'pageerror', text: `${String(e)}`, url: page.url() }));
      await page.setRequestInterception(true);
      page.on('request', (req) => {
        const url = new URL(req.url());
        // A request still in flight when the browser closes cannot be answered any more; any
        // other failure to answer is the driver's problem and fails the scenario.
        const failed = (/** @type {unknown} */ e) => {
          if (!closing) problems.push({ kind: 'driver', text: `could not answer ${req.url()}: ${String(e)}`, url: 'tenk-driver' });
        };
        if (!/^https?:$/.test(url.protocol)) return void req.continue().catch(failed);
        if (!FIXTURE_HOSTS.has(url.hostname)) foreignRequests.push(req.url());
        void fixtureResponse(req.url())
          .then((res) => (res ? req.respond({ status: res.status, headers: res.headers, body: res.body }) : req.abort('blockedbyclient')))
          .catch(failed);
      });
      const url = new URL(PAGES[name].url);
      if (opts.csp) url.searchParams.set('csp', 'strict');
      await page.bringToFront();
      await page.goto(url.href);
      await page.waitForFunction(() => /** @type {any} */ (window).__fixtureReady === true, { timeout: DEFAULT_TIMEOUT });
      if (!(await page.evaluate(() => document.visibilityState === 'visible'))) throw new Error('the scenario page is not the visible tab');
      return scenarioPage(page);
    },
    async openExtensionPage(path) {
      // WebDriver BiDi may not navigate to moz-extension: URLs (and puppeteer reports such tabs as
      // about:blank), but an extension page may: the onboarding tab the extension opened on
      // install navigates itself to `path`.
      const page = await extensionTab(browser);
      page.on('console', (m) => {
        if (m.type() === 'error') problems.push({ kind: 'console', text: m.text(), url: m.location().url ?? page.url() });
      });
      page.on('pageerror', (e) => problems.push({ kind: 'pageerror', text: String(e), url: page.url() }));
      await page.bringToFront();
      const href = `moz-extension://${EXTENSION_UUID}/${path}`;
      await page.evaluate((u) => location.assign(u), href);
      await until(async () => (await page.evaluate(() => [location.href, document.readyState]).catch(() => [])).join(' ') === `${href} complete`, `${href} to load`);
      return scenarioPage(page);
    },
    extensionProblems() {
      return problems.filter((p) => /moz-extension:|Tenk deg om|tenk/i.test(`${p.url} ${p.text}`));
    },
    async close() {
      closing = true;
      await browser.close();
      await rm(home, { recursive: true, force: true });
    },
  };
}

/**
 * Polls `check` every 100 ms until it is true.
 * @param {() => Promise<boolean>} check
 * @param {string} what for the error message
 * @param {number} [timeout]
 */
async function until(check, what, timeout = DEFAULT_TIMEOUT) {
  const end = Date.now() + timeout;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * The tab showing one of the extension's own pages (the onboarding tab it opens on install).
 * @param {import('puppeteer-core').Browser} browser
 */
async function extensionTab(browser) {
  /** @type {import('puppeteer-core').Page | undefined} */
  let found;
  await until(async () => {
    for (const p of await browser.pages()) {
      const href = await p.evaluate(() => location.href).catch(() => '');
      if (href.startsWith(`moz-extension://${EXTENSION_UUID}/`)) found = p;
    }
    return found !== undefined;
  }, 'a tab with an extension page');
  return /** @type {import('puppeteer-core').Page} */ (found);
}

/**
 * The scenario page API on a puppeteer page.
 * @param {import('puppeteer-core').Page} page
 * @returns {ScenarioPage}
 */
export function scenarioPage(page) {
  /** @type {ScenarioPage} */
  const self = {
    locator: (selector) => locator(self, page, [parseSelector(selector)]),
    getByRole: (role, opts = {}) => locator(self, page, [{ role, ...opts }]),
    keyboard: {
      type: (text) => page.keyboard.type(text),
      press: (key) => pressKey(page, key),
    },
    evaluate: (fn, arg) => page.evaluate(/** @type {any} */ (fn), arg),
    async waitForFunction(fn, arg, opts = {}) {
      await page.waitForFunction(/** @type {any} */ (fn), { timeout: opts?.timeout ?? DEFAULT_TIMEOUT, polling: 50 }, arg);
    },
    async waitForRequest(pattern, opts = {}) {
      const re = typeof pattern === 'string' ? new RegExp(pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) : pattern;
      return page.waitForRequest((r) => re.test(r.url()), { timeout: opts.timeout ?? DEFAULT_TIMEOUT });
    },
    async screenshot(opts = {}) {
      return Buffer.from(await page.screenshot(/** @type {any} */ (opts)));
    },
    url: () => page.url(),
  };
  return self;
}

/**
 * Presses a key or a chord written the Playwright way (`Shift+Enter`).
 * @param {import('puppeteer-core').Page} page
 * @param {string} chord
 */
async function pressKey(page, chord) {
  const keys = /** @type {import('puppeteer-core').KeyInput[]} */ (chord.split('+'));
  const key = /** @type {import('puppeteer-core').KeyInput} */ (keys.pop());
  for (const m of keys) await page.keyboard.down(m);
  await page.keyboard.press(key);
  for (const m of keys.reverse()) await page.keyboard.up(m);
}

/**
 * One locator step from Playwright selector syntax (`xpath=…` or CSS).
 * @param {string} selector
 * @returns {Step}
 */
function parseSelector(selector) {
  return selector.startsWith('xpath=') ? { xpath: selector.slice('xpath='.length) } : { css: selector };
}

/**
 * A lazy, auto-waiting locator: resolved afresh in the page for every action, as Playwright's.
 * @param {ScenarioPage} owner
 * @param {import('puppeteer-core').Page} page
 * @param {Step[]} steps
 * @returns {ScenarioLocator}
 */
function locator(owner, page, steps) {
  const describe = () => JSON.stringify(steps);
  /** Waits for the element to be attached (and visible when `visible`), then returns its handle. */
  async function handle(visible = false, timeout = DEFAULT_TIMEOUT) {
    await waitState(visible ? 'visible' : 'attached', timeout);
    const h = await page.evaluateHandle(resolveSteps, steps);
    const el = h.asElement();
    if (!el) throw new Error(`locator ${describe()} lost its element`);
    return /** @type {import('puppeteer-core').ElementHandle<Element>} */ (el);
  }
  /**
   * @param {'attached' | 'detached' | 'visible' | 'hidden'} state
   * @param {number} timeout
   */
  async function waitState(state, timeout) {
    try {
      await page.waitForFunction(/** @type {any} */ (STATE_IN_PAGE), { timeout, polling: 50 }, steps, state);
    } catch (e) {
      throw new Error(`locator ${describe()} did not become ${state} within ${timeout} ms`, { cause: e });
    }
  }
  /** @type {ScenarioLocator} */
  const self = {
    first: () => locator(owner, page, [...steps, { nth: 0 }]),
    locator: (selector) => locator(owner, page, [...steps, parseSelector(selector)]),
    page: () => owner,
    async waitFor(opts = {}) {
      await waitState(opts.state ?? 'visible', opts.timeout ?? DEFAULT_TIMEOUT);
    },
    async click() {
      const el = await handle(true);
      await el.click();
    },
    async fill(value) {
      const el = await handle(true);
      await el.focus();
      await el.evaluate((node) => {
        if (node instanceof HTMLTextAreaElement || node instanceof HTMLInputElement) node.select();
        else getSelection()?.selectAllChildren(node);
      });
      await page.keyboard.press('Backspace');
      if (value) await page.keyboard.type(value);
    },
    async press(key) {
      const el = await handle(true);
      await el.focus();
      await pressKey(page, key);
    },
    async evaluate(fn, arg) {
      const el = await handle();
      return el.evaluate(/** @type {any} */ (fn), arg);
    },
    async getAttribute(name) {
      const el = await handle();
      return el.evaluate((node, n) => node.getAttribute(n), name);
    },
    async textContent() {
      const el = await handle();
      return el.evaluate((node) => node.textContent);
    },
    async count() {
      return page.evaluate(/** @type {any} */ (COUNT_IN_PAGE), steps);
    },
  };
  return self;
}

/**
 * Resolves locator steps in the page (runs there: self-contained, no outer references). CSS
 * matches elements in the document and every open shadow root, in document order, as
 * Playwright's CSS engine does; `role` matches explicit and the common implicit roles by
 * accessible name (aria-label, else text); `xpath` is evaluated from each current element.
 * Returns the first match, or every match when `all`.
 * @param {Step[]} steps
 * @param {boolean} [all]
 * @returns {any}
 */
function resolveSteps(steps, all = false) {
  /** @param {Node} scope @returns {Element[]} every element under scope, entering open shadow roots */
  const deep = (scope) => {
    /** @type {Element[]} */
    const out = [];
    /** @param {Node} n */
    const walk = (n) => {
      for (const c of Array.from(n.childNodes)) {
        if (c.nodeType !== 1) continue;
        const el = /** @type {Element} */ (c);
        out.push(el);
        if (el.shadowRoot) walk(el.shadowRoot);
        walk(el);
      }
    };
    walk(scope);
    return out;
  };
  const implicit = { button: 'button, input[type="button"], input[type="submit"], input[type="reset"]', textbox: 'textarea, input:not([type]), input[type="text"], input[type="search"]', link: 'a[href]' };
  /** @param {Element} el */
  const nameOf = (el) => (el.getAttribute('aria-label') ?? (el instanceof HTMLInputElement ? el.value : el.textContent ?? '')).replace(/\s+/g, ' ').trim();
  /** @type {Node[]} */
  let current = [document];
  for (const step of steps) {
    /** @type {Node[]} */
    const next = [];
    for (const scope of current) {
      if ('css' in step) next.push(...deep(scope).filter((el) => el.matches(step.css)));
      else if ('xpath' in step) {
        const r = document.evaluate(step.xpath, scope, null, XPathResult.ORDERED_NODE_SNAPSHOT_TYPE, null);
        for (let i = 0; i < r.snapshotLength; i++) next.push(/** @type {Node} */ (r.snapshotItem(i)));
      } else if ('role' in step) {
        const sel = /** @type {Record<string, string>} */ (implicit)[step.role];
        next.push(...deep(scope).filter((el) => {
          const explicit = el.getAttribute('role');
          if (explicit ? explicit !== step.role : !(sel && el.matches(sel))) return false;
          if (step.name === undefined) return true;
          const name = nameOf(el);
          return step.exact ? name === step.name : name.toLowerCase().includes(step.name.toLowerCase());
        }));
      }
    }
    current = 'nth' in step ? current.slice(step.nth, step.nth + 1) : Array.from(new Set(next));
  }
  return all ? current : current[0] ?? null;
}

/**
 * A page function with `resolveSteps` inlined (page functions travel as source and cannot close
 * over module code; building them here also avoids `eval` in pages whose CSP forbids it).
 * @param {string} body uses `steps` and `arg`
 */
function inPage(body) {
  return new Function('steps', 'arg', `const resolveSteps = ${resolveSteps.toString()};\n${body}`);
}

/** Whether the locator is in state `arg` (attached, detached, visible, hidden). */
const STATE_IN_PAGE = inPage(`
  const el = resolveSteps(steps);
  const visible = !!el && el.getClientRects().length > 0 && (el.checkVisibility ? el.checkVisibility({ visibilityProperty: true }) : true);
  return arg === 'attached' ? !!el : arg === 'detached' ? !el : arg === 'visible' ? visible : !visible;
`);

/** How many elements the locator matches. */
const COUNT_IN_PAGE = inPage('return resolveSteps(steps, true).length;');
