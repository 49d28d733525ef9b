// @ts-check
// Shared harness for the browser tests: launches /usr/bin/chromium (never a downloaded browser)
// with dist/chrome loaded, serves the fixture pages at their real host names by request routing
// (optionally with a strict CSP), and collects console errors and uncaught exceptions so a test
// can fail on any that come from the extension.
import { chromium } from 'playwright-core';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;
/** The unpacked extension under test. */
export const DIST = join(root, 'dist/chrome');
const FIXTURES = join(root, 'tests/fixtures');

/** The CSP that blocks WebAssembly in content scripts (no 'wasm-unsafe-eval'). */
export const STRICT_CSP = "script-src 'self'";

/** Fixture pages by name: the real URL they are served at and their file. */
export const PAGES = {
  facebook: { url: 'https://www.facebook.com/Velferdsetaten/posts/1001', file: 'facebook/feed.html' },
  newspaper: { url: 'https://www.vg.no/nyheter/i/abc123/nye-aapningstider', file: 'newspaper/article.html' },
};

/** Hosts the fixtures are served at; any other request is a failure (the extension makes none). */
const FIXTURE_HOSTS = new Set(['www.facebook.com', 'www.vg.no']);

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css' };

/**
 * @typedef {{ kind: string, text: string, url: string }} Problem
 * @typedef {{
 *   context: import('playwright-core').BrowserContext,
 *   problems: Problem[],
 *   foreignRequests: string[],
 *   open: (name: keyof typeof PAGES, opts?: { csp?: boolean }) => Promise<import('playwright-core').Page>,
 *   extensionId: string,
 *   extensionProblems: () => Problem[],
 *   close: () => Promise<void>,
 * }} Browser
 */

/**
 * Starts Chromium with the extension in a fresh profile, in a UI language (`--lang`, which is
 * what chrome.i18n follows) and colour scheme.
 * @param {{ lang?: 'nb' | 'en', colorScheme?: 'light' | 'dark' }} [options]
 * @returns {Promise<Browser>}
 */
export async function launch(options = {}) {
  const lang = options.lang ?? 'nb';
  if (!existsSync(join(DIST, 'manifest.json'))) throw new Error(`missing ${DIST}: run ./build.sh first`);
  const profile = await mkdtemp(join(tmpdir(), 'tenk-browser-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1100, height: 800 },
    locale: lang === 'en' ? 'en-GB' : 'nb-NO',
    colorScheme: options.colorScheme ?? 'light',
    // On Linux Chromium takes its UI language (and so chrome.i18n's) from the environment.
    env: { ...process.env, LANGUAGE: lang, LANG: lang === 'en' ? 'en_GB.UTF-8' : 'nb_NO.UTF-8' },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-sync',
      '--no-first-run',
      `--disable-extensions-except=${DIST}`,
      `--load-extension=${DIST}`,
      '--disable-background-networking',
      '--disable-component-update',
      // Norwegian bokmål UI by default, so chrome.i18n serves the default locale as a Norwegian user sees it.
      `--lang=${lang}`,
    ],
  });
  /** @type {Problem[]} */
  const problems = [];
  /** @type {string[]} */
  const foreignRequests = [];
  context.on('request', (req) => {
    const url = new URL(req.url());
    if (url.protocol !== 'chrome-extension:' && url.protocol !== 'data:' && !FIXTURE_HOSTS.has(url.hostname)) {
      foreignRequests.push(req.url());
    }
  });
  await context.route(/^https?:\/\//, async (route) => {
    const url = new URL(route.request().url());
    if (!FIXTURE_HOSTS.has(url.hostname)) return route.abort('blockedbyclient');
    const csp = url.searchParams.get('csp') === 'strict';
    const headers = /** @type {Record<string, string>} */ ({});
    if (csp) headers['content-security-policy'] = STRICT_CSP;
    const file = url.pathname.startsWith('/tenk-fixtures/')
      ? url.pathname.slice('/tenk-fixtures/'.length)
      : Object.values(PAGES).find((p) => new URL(p.url).pathname === url.pathname && new URL(p.url).hostname === url.hostname)?.file ?? null;
    if (!file || file.includes('..') || !existsSync(join(FIXTURES, file))) return route.fulfill({ status: 404, body: '', headers });
    const type = /** @type {Record<string, string>} */ (TYPES)[extname(file)] ?? 'application/octet-stream';
    return route.fulfill({ status: 200, body: await readFile(join(FIXTURES, file)), headers: { ...headers, 'content-type': type } });
  });
  // Wait until the service worker is up so the first page has its extension.
  if (context.serviceWorkers().length === 0) await context.waitForEvent('serviceworker', { timeout: 15_000 });
  for (const w of context.serviceWorkers()) {
    w.on('console', (m) => {
      if (m.type() === 'error') problems.push({ kind: 'worker-console', text: m.text(), url: w.url() });
    });
  }

  const extensionId = new URL(context.serviceWorkers()[0].url()).hostname;

  return {
    context,
    extensionId,
    problems,
    foreignRequests,
    async open(name, opts = {}) {
      const page = await context.newPage();
      page.on('console', (m) => {
        if (m.type() === 'error') problems.push({ kind: 'console', text: m.text(), url: m.location().url });
      });
      page.on('pageerror', (e) => problems.push({ kind: 'pageerror', text: `${e.message}\n${e.stack ?? ''}`, url: page.url() }));
      const url = new URL(PAGES[name].url);
      if (opts.csp) url.searchParams.set('csp', 'strict');
      await page.goto(url.href);
      await page.waitForFunction(() => /** @type {any} */ (window).__fixtureReady === true);
      return page;
    },
    extensionProblems() {
      return problems.filter((p) => /chrome-extension:|Tenk deg om|tenk/i.test(`${p.url} ${p.text}`));
    },
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/**
 * The extension's UI inside the open shadow root (Playwright's CSS pierces open shadow roots).
 * @param {import('playwright-core').Page} page
 */
export function ui(page) {
  return {
    host: page.locator('tenk-deg-om'),
    hint: page.locator('[data-testid="tenk-hint"]'),
    dialog: page.locator('[data-testid="tenk-dialog"]'),
    identity: page.locator('[data-testid="tenk-identity"]'),
    edit: page.locator('[data-testid="tenk-edit"]'),
    publish: page.locator('[data-testid="tenk-publish"]'),
  };
}

/**
 * What the fixture page received (one string per published comment).
 * @param {import('playwright-core').Page} page
 * @returns {Promise<string[]>}
 */
export function received(page) {
  return page.evaluate(() => /** @type {any} */ (window).__received.slice());
}

/**
 * The fixture field's current text, read the way the page reads it.
 * @param {import('playwright-core').Locator} field
 * @returns {Promise<string>}
 */
export function fieldText(field) {
  return field.evaluate((el) =>
    el instanceof HTMLTextAreaElement
      ? el.value
      : Array.from(el.querySelectorAll('p'))
          .map((p) => p.textContent)
          .join('\n'),
  );
}

/** A text with a valid fødselsnummer (confidentiality). */
export const NATIONAL_ID_TEXT = 'Personnummeret hennes er 01129940030';
/** A text that touches no guideline. */
export const CLEAN_TEXT = 'Takk for god hjelp i dag!';
