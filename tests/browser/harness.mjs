// @ts-check
// Shared harness for the browser tests: launches /usr/bin/chromium (never a downloaded browser)
// with dist/chrome loaded, serves the fixture pages at their real host names by request routing
// (optionally with a strict CSP), and collects console errors and uncaught exceptions (every page
// and every service worker of the context, restarted ones too) so a test fails on any that come
// from the extension: `close()` throws when there were any.
import { chromium } from 'playwright-core';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { DAYTIME_TZ } from './lib/daytime.mjs';

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
  scriptSubmit: { url: 'https://www.vg.no/debatt/i/def456/hvem-skal-faa-hjelp', file: 'newspaper/script-submit.html' },
  coral: { url: 'https://www.aftenposten.no/meninger/debatt/i/coral1/nye-aapningstider', file: 'coral/article.html' },
  coralAnonymous: { url: 'https://www.aftenposten.no/meninger/debatt/i/coral2/uten-navn', file: 'coral/article-anonymous.html' },
  facebookWeb: { url: 'https://web.facebook.com/Velferdsetaten/posts/1001', file: 'facebook/feed.html' },
  facebookMobile: { url: 'https://m.facebook.com/story.php?story_fbid=1001&id=Velferdsetaten', file: 'facebook/mobile.html' },
  facebookGroup: { url: 'https://www.facebook.com/groups/velferdsnettverket/', file: 'facebook/group.html' },
  facebookPage: { url: 'https://www.facebook.com/Velferdsetaten', file: 'facebook/page.html' },
  facebookPlugin: { url: 'https://www.facebook.com/plugins/comments.php', file: 'facebook/plugin-comments.html' },
  newspaperGeneric: { url: 'https://www.nettavisen.no/debatt/i/gen123/hvem-skal-faa-hjelp', file: 'newspaper/generic.html' },
  newspaperFacebookPlugin: { url: 'https://www.dagbladet.no/nyheter/ny-ordning/123', file: 'newspaper/fb-plugin-article.html' },
  disqus: { url: 'https://www.dagbladet.no/nyheter/i/dsq123/nye-aapningstider', file: 'disqus/article.html' },
  disqusAnonymous: { url: 'https://www.dagbladet.no/nyheter/i/dsq456/uten-navn', file: 'disqus/article-anonymous.html' },
  /** The Disqus iframe both Disqus pages embed (with their own query string). */
  disqusEmbed: { url: 'https://disqus.com/embed/comments/', file: 'disqus/embed.html' },
};

/** Hosts the fixtures are served at; any other request is a failure (the extension makes none). */
export const FIXTURE_HOSTS = new Set(Object.values(PAGES).map((p) => new URL(p.url).hostname));

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css' };

/**
 * What the fixture "site" answers for `href`: the fixture page or file (with the strict CSP when
 * the URL asks for `csp=strict`), a 404, or `null` for a host that is not a fixture host (the
 * request is then aborted). Shared by the Chromium and Firefox drivers.
 * @param {string} href
 * @returns {Promise<{ status: number, headers: Record<string, string>, body: Buffer | string } | null>}
 */
export async function fixtureResponse(href) {
  const url = new URL(href);
  if (!FIXTURE_HOSTS.has(url.hostname)) return null;
  /** @type {Record<string, string>} */
  const headers = {};
  if (url.searchParams.get('csp') === 'strict') headers['content-security-policy'] = STRICT_CSP;
  const file = url.pathname.startsWith('/tenk-fixtures/')
    ? url.pathname.slice('/tenk-fixtures/'.length)
    : Object.values(PAGES).find((p) => new URL(p.url).pathname === url.pathname && new URL(p.url).hostname === url.hostname)?.file ?? null;
  if (!file || file.includes('..') || !existsSync(join(FIXTURES, file))) return { status: 404, body: '', headers };
  const type = /** @type {Record<string, string>} */ (TYPES)[extname(file)] ?? 'application/octet-stream';
  return { status: 200, body: await readFile(join(FIXTURES, file)), headers: { ...headers, 'content-type': type } };
}

/**
 * The driver interface of the shared scenarios (tests/browser/scenarios/): the small part of
 * Playwright's Page and Locator API they use. Chromium's pages are Playwright's own; the Firefox
 * driver (firefox-harness.mjs) implements exactly this on puppeteer-core over WebDriver BiDi.
 * A shared scenario uses nothing else from a page or locator.
 * @typedef {{
 *   first: () => ScenarioLocator,
 *   locator: (selector: string) => ScenarioLocator,
 *   page: () => ScenarioPage,
 *   waitFor: (opts?: { state?: 'attached' | 'detached' | 'visible' | 'hidden', timeout?: number }) => Promise<void>,
 *   click: () => Promise<void>,
 *   fill: (value: string) => Promise<void>,
 *   press: (key: string) => Promise<void>,
 *   evaluate: <R>(fn: (el: any, arg: any) => R, arg?: any) => Promise<R>,
 *   getAttribute: (name: string) => Promise<string | null>,
 *   textContent: () => Promise<string | null>,
 *   count: () => Promise<number>,
 * }} ScenarioLocator
 * @typedef {{
 *   locator: (selector: string) => ScenarioLocator,
 *   getByRole: (role: 'button' | 'textbox' | 'link', opts?: { name?: string, exact?: boolean }) => ScenarioLocator,
 *   keyboard: { type: (text: string) => Promise<void>, press: (key: string) => Promise<void> },
 *   evaluate: <R>(fn: (arg: any) => R, arg?: any) => Promise<R>,
 *   waitForFunction: (fn: (arg: any) => unknown, arg?: any, opts?: { timeout?: number }) => Promise<unknown>,
 *   waitForRequest: (pattern: RegExp | string, opts?: { timeout?: number }) => Promise<unknown>,
 *   screenshot: (opts?: { path?: string }) => Promise<Buffer>,
 *   url: () => string,
 * }} ScenarioPage
 * What a shared scenario needs from a launched browser (Chromium's `Browser` below is one).
 * @typedef {{
 *   problems: Problem[],
 *   foreignRequests: string[],
 *   open: (name: keyof typeof PAGES, opts?: { csp?: boolean }) => Promise<ScenarioPage>,
 *   extensionId: string,
 *   extensionProblems: () => Problem[],
 *   close: () => Promise<void>,
 * }} ScenarioBrowser
 */

/**
 * @typedef {{ kind: string, text: string, url: string }} Problem
 * @typedef {{
 *   context: import('playwright-core').BrowserContext,
 *   problems: Problem[],
 *   foreignRequests: string[],
 *   requests: { url: string, fromWorker: boolean }[],
 *   open: (name: keyof typeof PAGES, opts?: { csp?: boolean }) => Promise<import('playwright-core').Page>,
 *   extensionId: string,
 *   extensionProblems: () => Problem[],
 *   worker: () => Promise<import('playwright-core').Worker>,
 *   close: (opts?: { allow?: RegExp }) => Promise<void>,
 * }} Browser
 */

/**
 * Starts Chromium with the extension in a fresh profile, in a UI language (`--lang`, which is
 * what chrome.i18n follows) and colour scheme.
 * @param {{ lang?: 'nb' | 'en', colorScheme?: 'light' | 'dark', dist?: string }} [options]
 *   `dist`: another unpacked build (a test-only broken copy)
 * @returns {Promise<Browser>}
 */
export async function launch(options = {}) {
  const lang = options.lang ?? 'nb';
  const dist = options.dist ?? DIST;
  if (!existsSync(join(dist, 'manifest.json'))) throw new Error(`missing ${dist}: run ./build.sh first`);
  const profile = await mkdtemp(join(tmpdir(), 'tenk-browser-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1100, height: 800 },
    locale: lang === 'en' ? 'en-GB' : 'nb-NO',
    colorScheme: options.colorScheme ?? 'light',
    // On Linux Chromium takes its UI language (and so chrome.i18n's) from the environment.
    // And midday, whatever the hour the tests run at (lib/daytime.mjs).
    env: { ...process.env, LANGUAGE: lang, LANG: lang === 'en' ? 'en_GB.UTF-8' : 'nb_NO.UTF-8', TZ: DAYTIME_TZ },
    timezoneId: DAYTIME_TZ,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-sync',
      '--no-first-run',
      `--disable-extensions-except=${dist}`,
      `--load-extension=${dist}`,
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
  /** Every request of the context (pages, content scripts, service workers), in order. */
  const requests = /** @type {{ url: string, fromWorker: boolean }[]} */ ([]);
  context.on('request', (req) => {
    requests.push({ url: req.url(), fromWorker: req.serviceWorker() !== null });
    const url = new URL(req.url());
    if (url.protocol !== 'chrome-extension:' && url.protocol !== 'data:' && !FIXTURE_HOSTS.has(url.hostname)) {
      foreignRequests.push(req.url());
    }
  });
  await context.route(/^https?:\/\//, async (route) => {
    const res = await fixtureResponse(route.request().url());
    return res ? route.fulfill(res) : route.abort('blockedbyclient');
  });
  const watched = new WeakSet();
  /** @param {import('playwright-core').Worker} w */
  const watchWorker = (w) =>
    !watched.has(w) &&
    watched.add(w) &&
    w.on('console', (m) => {
      if (m.type() === 'error') problems.push({ kind: 'worker-console', text: m.text(), url: w.url() });
    });
  /** @param {import('playwright-core').Page} page */
  const watchPage = (page) => {
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push({ kind: 'console', text: m.text(), url: m.location().url || page.url() });
    });
    page.on('pageerror', (e) => problems.push({ kind: 'pageerror', text: `${e.message}\n${e.stack ?? ''}`, url: page.url() }));
  };
  // Every page (fixture, options, popup, onboarding) and every worker, also one restarted later.
  context.on('page', watchPage);
  context.pages().forEach(watchPage);
  context.on('serviceworker', watchWorker);
  // Wait until the service worker is up so the first page has its extension.
  if (context.serviceWorkers().length === 0) await context.waitForEvent('serviceworker', { timeout: 15_000 });
  context.serviceWorkers().forEach(watchWorker);

  const extensionId = new URL(context.serviceWorkers()[0].url()).hostname;
  const extensionProblems = () => problems.filter((p) => /chrome-extension:|Tenk deg om|tenk/i.test(`${p.url} ${p.text}`));

  return {
    context,
    extensionId,
    problems,
    foreignRequests,
    requests,
    async open(name, opts = {}) {
      const page = await context.newPage();
      const url = new URL(PAGES[name].url);
      if (opts.csp) url.searchParams.set('csp', 'strict');
      await page.goto(url.href);
      await page.waitForFunction(() => /** @type {any} */ (window).__fixtureReady === true);
      return page;
    },
    extensionProblems,
    /** The extension's service worker now (it may have been stopped and restarted). */
    async worker() {
      const own = () => context.serviceWorkers().find((w) => new URL(w.url()).hostname === extensionId);
      return own() ?? (await context.waitForEvent('serviceworker', { predicate: (w) => new URL(w.url()).hostname === extensionId, timeout: 15_000 }));
    },
    /** Closes the browser; throws if the extension logged an error or threw (`allow`: expected ones). */
    async close(closeOpts = {}) {
      await context.close();
      await rm(profile, { recursive: true, force: true });
      const unexpected = extensionProblems().filter((p) => !closeOpts.allow?.test(p.text));
      if (unexpected.length > 0) {
        throw new Error(`console errors or uncaught exceptions from the extension:\n${unexpected.map((p) => `${p.kind} ${p.url}: ${p.text}`).join('\n')}`);
      }
    },
  };
}

/**
 * The extension's UI inside the open shadow root (Playwright's CSS pierces open shadow roots, and
 * so does the Firefox driver's). The locators are the page's own kind: Playwright's for a
 * Playwright page, the driver interface's for a Firefox one.
 * @template {{ locator: (selector: string) => any }} P
 * @param {P} page
 * @returns {Record<'host' | 'hint' | 'dialog' | 'identity' | 'edit' | 'publish', ReturnType<P['locator']>>}
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
 * @param {ScenarioPage} page
 * @returns {Promise<string[]>}
 */
export function received(page) {
  return page.evaluate(() => /** @type {any} */ (window).__received.slice());
}

/**
 * The fixture field's current text, read the way the page reads it (a textarea's value, or an
 * editor's lines: its `<p>`s, else its blocks).
 * @param {ScenarioLocator} field
 * @returns {Promise<string>}
 */
export function fieldText(field) {
  return field.evaluate((el) =>
    el instanceof HTMLTextAreaElement
      ? el.value
      : el.children.length === 0
        ? (el.textContent ?? '')
        : Array.from(el.querySelector('p') ? el.querySelectorAll('p') : el.children)
            .map((p) => p.textContent)
            .join('\n'),
  );
}

/** A text with a valid fødselsnummer (confidentiality). */
export const NATIONAL_ID_TEXT = 'Personnummeret hennes er 01129940030';
/** A text that touches no guideline. */
export const CLEAN_TEXT = 'Takk for god hjelp i dag!';
