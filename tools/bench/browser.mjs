// @ts-check
// Headless Chromium for the benchmarks: the system's /usr/bin/chromium (never a downloaded
// browser) in a fresh profile, with the flags that keep it from doing work of its own.
import { chromium } from 'playwright-core';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The browser binary. */
export const CHROMIUM = '/usr/bin/chromium';

/** Flags for a quiet, reproducible browser. */
export const QUIET_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-sync',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
];

/**
 * Starts Chromium in a fresh profile, optionally with an unpacked extension.
 * @param {{ extension?: string }} [opts]
 * @returns {Promise<{ context: import('playwright-core').BrowserContext, version: string, close: () => Promise<void> }>}
 */
export async function launchChromium(opts = {}) {
  const profile = await mkdtemp(join(tmpdir(), 'tenk-bench-'));
  const args = [...QUIET_ARGS];
  if (opts.extension) args.push(`--disable-extensions-except=${opts.extension}`, `--load-extension=${opts.extension}`);
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1100, height: 800 },
    locale: 'nb-NO',
    args,
  });
  const version = context.browser()?.version() ?? (await browserVersion(context));
  return {
    context,
    version,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/**
 * The browser's version via the DevTools protocol (a persistent context has no `browser()`).
 * @param {import('playwright-core').BrowserContext} context
 */
async function browserVersion(context) {
  const page = context.pages()[0] ?? (await context.newPage());
  const cdp = await context.newCDPSession(page);
  const { product } = await cdp.send('Browser.getVersion');
  await cdp.detach();
  return product.replace(/^[^/]*\//, '');
}
