// @ts-check
// Firefox ESR: what the first focus of a comment field costs the page's main thread. In Firefox the
// content script may start the core in the page's frame (`content/local-core.ts`), so the engine
// build (one synchronous WASM call) runs on the page's thread. Firefox has no
// PerformanceObserver('longtask') and no trace here, so two profiler-free methods:
//
// 1. **The page's longest wait** (`gap`): the page runs a `setTimeout(0)` loop (4 ms apart once
//    nested) from just before the click to just after the hint appears; the longest gap between
//    two of its turns is the longest task anything put on the page's main thread in that window.
//    Measured on fresh Facebook-fixture pages (every page starts its own core on its first focus),
//    then on the same field focused again with another text (the core already there), and in a browser
//    without the add-on (the page's own work for the same click and keys).
// 2. **The engine build itself** (`first handle`): the core's glue and `tenk.wasm` in a plain page,
//    `performance.now()` around the first `configure` + `analyse` (what the content script's first
//    answer pays), and around the next analysis.
//
// `node tools/bench/firefox-first-focus.mjs [--samples N] [--dist DIR] [--glue DIR]`; prints the
// figures (BENCHMARKS.md quotes them by hand, with the date and the machine's load).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { launch, DIST_FIREFOX } from '../../tests/browser/firefox-harness.mjs';
import { summary } from './stats.mjs';

const root = new URL('../..', import.meta.url).pathname;
const { values } = parseArgs({
  options: {
    samples: { type: 'string', default: '7' },
    dist: { type: 'string', default: DIST_FIREFOX },
    glue: { type: 'string', default: join(root, 'target/wasm-bindgen') },
  },
});
const SAMPLES = Number(values.samples);
const EDITOR = '[data-lexical-editor="true"]';
const TEXT = 'Sjefen min er helt udugelig.';
const TEXT2 = 'Sjefen vår er helt udugelig.';
/** @param {number} ms */
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Starts the page's gap monitor (runs in the page). */
function startMonitor() {
  const w = /** @type {any} */ (window);
  w.__gap = { max: 0, long: /** @type {number[]} */ ([]), stop: false };
  let last = performance.now();
  const tick = () => {
    const now = performance.now();
    const gap = now - last;
    if (gap > w.__gap.max) w.__gap.max = gap;
    if (gap > 50) w.__gap.long.push(Math.round(gap));
    last = now;
    if (!w.__gap.stop) setTimeout(tick, 0);
  };
  setTimeout(tick, 0);
}

/** Stops it and returns what it saw (runs in the page). */
function stopMonitor() {
  const w = /** @type {any} */ (window);
  w.__gap.stop = true;
  return { max: w.__gap.max, long: w.__gap.long };
}

/**
 * Clicks the comment field, types `text`, and waits for the hint naming it (or 1.5 s without an
 * add-on); returns the page's longest wait in that window.
 * @param {import('../../tests/browser/harness.mjs').ScenarioPage} page
 * @param {string} text
 * @param {boolean} hint
 */
async function focusAndType(page, text, hint) {
  await page.evaluate(startMonitor);
  await sleep(100);
  await page.locator(EDITOR).first().click();
  await page.keyboard.type(text);
  if (hint) {
    await page.waitForFunction(
      () => document.querySelector('tenk-deg-om')?.shadowRoot?.querySelector('[data-testid="tenk-hint"]')?.getAttribute('data-guidelines')?.includes('negative-about-colleagues') === true,
      undefined,
      { timeout: 20_000 },
    );
  } else {
    await sleep(1500);
  }
  await sleep(200);
  return /** @type {{ max: number, long: number[] }} */ (await page.evaluate(stopMonitor));
}

/**
 * Empties the field and moves focus away from it (the hint goes).
 * @param {import('../../tests/browser/harness.mjs').ScenarioPage} page
 */
async function clearAndLeave(page) {
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.evaluate(() => /** @type {HTMLElement | null} */ (document.activeElement)?.blur());
  await sleep(800);
}

/** @param {number[]} xs */
const fmt = (xs) => {
  const s = summary(xs);
  return `p50 ${s.p50.toFixed(0)} ms, min ${Math.min(...xs).toFixed(0)}, max ${Math.max(...xs).toFixed(0)} (n=${s.n})`;
};

console.log(`Firefox first focus, ${new Date().toISOString()}, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}, build ${values.dist}`);

// 1. The page's longest wait.
/** @type {Record<'first' | 'second' | 'without', number[]>} */
const gaps = { first: [], second: [], without: [] };
for (const addon of [true, false]) {
  const b = await launch({ dist: values.dist, addon });
  try {
    for (let i = 0; i < SAMPLES; i++) {
      const page = await b.open('facebook');
      await sleep(500);
      const first = await focusAndType(page, TEXT, addon);
      (addon ? gaps.first : gaps.without).push(first.max);
      if (addon) {
        await clearAndLeave(page);
        const second = await focusAndType(page, TEXT2, true);
        gaps.second.push(second.max);
        console.log(`  sample ${i + 1}: first focus longest wait ${first.max.toFixed(0)} ms (over 50 ms: ${first.long.join(', ') || 'none'}); focused again ${second.max.toFixed(0)} ms`);
      } else {
        console.log(`  sample ${i + 1} without the add-on: longest wait ${first.max.toFixed(0)} ms`);
      }
    }
    if (addon && b.extensionProblems().length) throw new Error(JSON.stringify(b.extensionProblems()));
  } finally {
    await b.close();
  }
}
console.log(`page's longest wait, first focus → hint: ${fmt(gaps.first)}`);
console.log(`page's longest wait, the same field focused again (core already there): ${fmt(gaps.second)}`);
console.log(`page's longest wait, the same click and keys without the add-on: ${fmt(gaps.without)}`);

// 2. The engine build in a plain page.
const ORIGIN = 'https://www.facebook.com';
const PAGE = `<!doctype html><meta charset="utf-8"><script type="module">
  const glue = await import('/__bench/tenk_wasm.js');
  await glue.default({ module_or_path: '/__bench/tenk_wasm_bg.wasm' });
  window.__glue = glue;
</script>`;
const b = await launch({ addon: false });
try {
  /** @type {number[]} */ const first = [];
  /** @type {number[]} */ const next = [];
  for (let i = 0; i < SAMPLES; i++) {
    const page = await b.browser.newPage();
    await page.setRequestInterception(true);
    page.on('request', (req) => {
      const path = new URL(req.url()).pathname;
      const file = { '/__bench/tenk_wasm.js': 'tenk_wasm.js', '/__bench/tenk_wasm_bg.wasm': 'tenk_wasm_bg.wasm' }[path];
      if (path === '/__bench/') return void req.respond({ status: 200, body: PAGE, headers: { 'content-type': 'text/html' } });
      if (!file) return void req.respond({ status: 404, body: '' });
      const type = file.endsWith('.wasm') ? 'application/wasm' : 'text/javascript';
      void readFile(join(/** @type {string} */ (values.glue), file)).then((body) => req.respond({ status: 200, body, headers: { 'content-type': type } }));
    });
    await page.goto(`${ORIGIN}/__bench/`);
    await page.waitForFunction(() => /** @type {any} */ (window).__glue !== undefined, { timeout: 30_000 });
    const r = await page.evaluate((text) => {
      const { handle } = /** @type {any} */ (window).__glue;
      const t0 = performance.now();
      const c = handle({ op: 'configure', managed: {}, user: {}, uiLanguage: 'nb-NO' });
      const a = handle({ op: 'analyse', text, context: { lang: 'nb' } });
      const t1 = performance.now();
      handle({ op: 'analyse', text: `${text} `, context: { lang: 'nb' } });
      const t2 = performance.now();
      return { first: t1 - t0, next: t2 - t1, ok: c.kind === 'configured' && a.findings.length > 0 };
    }, TEXT);
    if (!r.ok) throw new Error('the core did not answer as expected');
    first.push(r.first);
    next.push(r.next);
    await page.close();
  }
  console.log(`first handle in a Firefox page (engine build + configure + analyse): ${fmt(first)}`);
  console.log(`next analyse: p50 ${summary(next).p50.toFixed(2)} ms`);
} finally {
  await b.close();
}
