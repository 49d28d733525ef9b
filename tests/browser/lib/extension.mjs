// @ts-check
// Starts headless Chromium (/usr/bin/chromium, never a downloaded browser) with dist/chrome loaded,
// in a chosen UI language and colour scheme, and gives the extension's id and helpers to open
// its pages, run axe-core in them and save screenshots.
import { chromium } from 'playwright-core';
import { mkdtempSync, readFileSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const root = new URL('../../../', import.meta.url).pathname;
export const dist = join(root, 'dist/chrome');
/**
 * Where the tests save their screenshots: `target/screenshots/` on an ordinary run (so a test
 * run leaves the checkout clean), `docs/screenshots/` (the images the README shows) when
 * `TENK_SCREENSHOTS=1`, as `./build.sh screenshots` sets it.
 */
export const screenshotDir = join(root, process.env.TENK_SCREENSHOTS === '1' ? 'docs/screenshots' : 'target/screenshots');
const axeSource = readFileSync(join(root, 'node_modules/axe-core/axe.min.js'), 'utf8');

/**
 * @param {{ lang?: 'nb' | 'en', colorScheme?: 'light' | 'dark', viewport?: { width: number, height: number } }} [options]
 */
export async function launchExtension(options = {}) {
  const lang = options.lang ?? 'nb';
  const userDataDir = mkdtempSync(join(tmpdir(), 'tenk-ui-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    colorScheme: options.colorScheme ?? 'light',
    viewport: options.viewport ?? { width: 1100, height: 800 },
    deviceScaleFactor: 1,
    ignoreDefaultArgs: ['--disable-extensions'],
    args: [`--disable-extensions-except=${dist}`, `--load-extension=${dist}`, `--lang=${lang}`, '--no-sandbox'],
    env: { ...process.env, LANGUAGE: lang, LANG: lang === 'nb' ? 'nb_NO.UTF-8' : 'en_GB.UTF-8' },
  });
  let [worker] = context.serviceWorkers();
  if (!worker) worker = await context.waitForEvent('serviceworker', { timeout: 20000 });
  const id = new URL(worker.url()).host;
  return {
    context,
    id,
    worker,
    /** @param {string} path */
    url: (path) => `chrome-extension://${id}/${path}`,
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Runs axe-core in `page` (injected through the DevTools protocol, so the extension's CSP does
 * not block it) and returns the serious and critical violations.
 * @param {import('playwright-core').Page} page
 * @param {string | string[]} [include] CSS selector(s) to limit the check to; shadow roots are entered by axe itself.
 */
export async function seriousViolations(page, include) {
  await page.evaluate(axeSource);
  const result = await page.evaluate(async (inc) => {
    const r = await /** @type {any} */ (window).axe.run(inc ? { include: inc } : document, { resultTypes: ['violations'] });
    return r.violations.map((/** @type {any} */ v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((/** @type {any} */ n) => n.target.join(' ') + ' :: ' + n.failureSummary).slice(0, 5) }));
  }, include ?? null);
  return result.filter((/** @type {{ impact: string }} */ v) => v.impact === 'serious' || v.impact === 'critical');
}

/**
 * Saves a screenshot into `screenshotDir`.
 * @param {import('playwright-core').Page | import('playwright-core').Locator} target
 * @param {string} name file name without extension
 */
export async function screenshot(target, name) {
  mkdirSync(screenshotDir, { recursive: true });
  await target.screenshot({ path: join(screenshotDir, `${name}.png`), animations: 'disabled' });
}
