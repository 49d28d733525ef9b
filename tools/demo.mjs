// @ts-check
// `./build.sh demo`: Chromium with the built extension on the local demo pages (a Facebook-like
// feed and a newspaper comment form, the same replicas the tests use, served at their real host
// names by request routing — nothing is fetched from the network).
// With a display the browser stays open for you to try it; without one the demo types a comment
// on each page and saves screenshots of the hint and the dialog to docs/screenshots/demo-*.png.
import { chromium } from 'playwright-core';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DIST, PAGES, fixtureResponse } from '../tests/browser/harness.mjs';

const root = new URL('..', import.meta.url).pathname;
const headless = !process.env.DISPLAY;

/** What the demo types on each page, and where. */
const DEMOS = [
  {
    name: 'facebook',
    field: '[data-lexical-editor="true"]',
    text: 'Sjefen min er helt udugelig. Klienten min, hun med saksnummer 2024/12345, la meg til som venn!',
    submit: async (/** @type {import('playwright-core').Page} */ page) => page.keyboard.press('Enter'),
  },
  {
    name: 'newspaper',
    field: 'form.comment-form textarea',
    text: 'Vi i Velferdsetaten mener at dette er feil. Personnummeret hennes er 01129940030.',
    submit: async (/** @type {import('playwright-core').Page} */ page) => page.click('form.comment-form button[type="submit"]'),
  },
];

const profile = await mkdtemp(join(tmpdir(), 'tenk-demo-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: '/usr/bin/chromium',
  headless,
  viewport: { width: 1100, height: 800 },
  locale: 'nb-NO',
  // On Linux Chromium takes its UI language (and so the extension's) from the environment.
  env: { ...process.env, LANGUAGE: 'nb', LANG: 'nb_NO.UTF-8' },
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-sync',
    '--no-first-run',
    '--lang=nb',
    '--disable-background-networking',
    '--disable-component-update',
    `--disable-extensions-except=${DIST}`,
    `--load-extension=${DIST}`,
  ],
});
await context.route(/^https?:\/\//, async (route) => {
  const res = await fixtureResponse(route.request().url());
  return res ? route.fulfill(res) : route.abort('blockedbyclient');
});
if (context.serviceWorkers().length === 0) await context.waitForEvent('serviceworker', { timeout: 15_000 });

for (const demo of DEMOS) {
  const page = await context.newPage();
  await page.goto(PAGES[/** @type {'facebook' | 'newspaper'} */ (demo.name)].url);
  if (!headless) continue;
  const field = page.locator(demo.field).first();
  await field.click();
  await page.keyboard.type(demo.text, { delay: 5 });
  await page.locator('[data-testid="tenk-hint"]').waitFor({ state: 'visible', timeout: 15_000 });
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(root, `docs/screenshots/demo-${demo.name}-hint.png`) });
  await demo.submit(page);
  await page.locator('[data-testid="tenk-dialog"]').waitFor({ state: 'visible', timeout: 15_000 });
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(root, `docs/screenshots/demo-${demo.name}-dialog.png`) });
  console.log(`saved docs/screenshots/demo-${demo.name}-hint.png and -dialog.png`);
}

if (headless) {
  await context.close();
  await rm(profile, { recursive: true, force: true });
} else {
  console.log('Chromium is open with Tenk deg om on the demo pages. Close the window to end the demo.');
  await new Promise((resolve) => context.on('close', resolve));
  await rm(profile, { recursive: true, force: true });
}
