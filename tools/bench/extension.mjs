// @ts-check
// Part two of the browser benchmark: the built extension (dist/chrome) on the heavy
// Facebook-like fixture (tests/fixtures/facebook/heavy-feed.mjs: 500 comments, 50 reply boxes).
// The same scenario runs twice, with and without the extension, so that what the page costs by
// itself (laying out a 1 MB paste, say) is not blamed on the extension. What the extension does
// on the main thread is read from Chromium's trace (trace.mjs); long tasks are also counted the
// way a page would, with a PerformanceObserver('longtask').
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium } from './browser.mjs';
import { Trace } from './trace.mjs';
import { summary, duration } from './stats.mjs';
import { check, table } from './report.mjs';
import { textOfLength } from './texts.mjs';
import { HEAVY_FEED_URL, heavyFeedHtml } from '../../tests/fixtures/facebook/heavy-feed.mjs';

const root = new URL('../..', import.meta.url).pathname;
const FEED_JS = join(root, 'tests/fixtures/facebook/feed.js');
const EDITOR = '[data-lexical-editor="true"]';
/** The extension waits this long after the last keystroke before it analyses (content/main.ts). */
const TYPING_PAUSE_MS = 300;

/**
 * Instruments the page's own world before any script runs: long tasks, per-keystroke input
 * latency (keydown → the end of the input event's task), and the times the hint changed.
 */
function instrument() {
  const w = /** @type {any} */ (window);
  w.__longtasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) w.__longtasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  w.__keys = [];
  let down = 0;
  addEventListener('keydown', (e) => (down = e.timeStamp), true);
  addEventListener('input', () => {
    const t0 = down;
    const ch = new MessageChannel();
    ch.port1.onmessage = () => w.__keys.push(performance.now() - t0);
    ch.port2.postMessage(0);
  });
  w.__lastKey = 0;
  addEventListener('keyup', () => (w.__lastKey = performance.now()), true);
  w.__hintChanges = [];
  const watchHost = () => {
    const host = document.querySelector('tenk-deg-om');
    if (!host || !host.shadowRoot || w.__hintWatched) return;
    w.__hintWatched = true;
    new MutationObserver(() => w.__hintChanges.push({ at: performance.now(), sinceKey: performance.now() - w.__lastKey })).observe(
      host.shadowRoot,
      { subtree: true, childList: true, attributes: true, characterData: true },
    );
  };
  new MutationObserver(watchHost).observe(document, { childList: true, subtree: true });
}

/**
 * @typedef {{
 *   startupMs: number, startupCalls: number, startupByEvent: Record<string, number>, idleCalls: number,
 *   typing: { longTasks: number, extensionLongTasks: number, maxExtensionTaskMs: number },
 *   keystroke: { input: { p50: number, p95: number, n: number }, analysis: { p50: number, p95: number, n: number }, hintAfterKey: { p50: number, p95: number, n: number } },
 *   paste: { longTasks: number, extensionLongTasks: number, maxExtensionTaskMs: number },
 *   heap: { beforeMB: number, afterMB: number, growthMB: number, keystrokes: number },
 * }} Scenario
 * @typedef {{ browserVersion: string, with: Scenario, without: Scenario, fields: number }} ExtensionResult
 */

/**
 * JS heap plus array-buffer backing stores (WASM memory), after a full garbage collection, MB.
 * @param {import('playwright-core').BrowserContext} context
 * @param {import('playwright-core').Page} page
 */
async function heapMB(context, page) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const h = /** @type {any} */ (await cdp.send('Runtime.getHeapUsage'));
  await cdp.detach();
  return ((h.usedSize ?? 0) + (h.backingStorageSize ?? 0)) / 2 ** 20;
}

/**
 * Long tasks the page's observer saw since `since` (page clock).
 * @param {import('playwright-core').Page} page
 * @param {number} since
 */
async function longTasksSince(page, since) {
  return page.evaluate((since) => /** @type {any} */ (window).__longtasks.filter((/** @type {any} */ t) => t.start >= since).length, since);
}

/** @param {import('playwright-core').Page} page */
const now = (page) => page.evaluate(() => performance.now());

/**
 * Empties the focused editor the way a person would.
 * @param {import('playwright-core').Page} page
 */
async function clearEditor(page) {
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
}

/**
 * One run of the scenario.
 * @param {{ dist: string | null, quick: boolean }} opts
 * @returns {Promise<{ scenario: Scenario, version: string, fields: number }>}
 */
async function runScenario(opts) {
  const b = await launchChromium(opts.dist ? { extension: opts.dist } : {});
  const { context } = b;
  const t0 = Date.now();
  const step = (/** @type {string} */ what) =>
    console.error(`bench: ${opts.dist ? 'with' : 'without'} the extension: ${what} (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
  try {
    if (opts.dist && context.serviceWorkers().length === 0) await context.waitForEvent('serviceworker', { timeout: 15_000 });
    const html = heavyFeedHtml();
    const feedJs = readFileSync(FEED_JS);
    await context.route(/^https?:\/\//, (route) => {
      const url = new URL(route.request().url());
      if (url.hostname !== 'www.facebook.com') return route.abort('blockedbyclient');
      if (url.pathname === '/tenk-fixtures/facebook/feed.js') return route.fulfill({ body: feedJs, contentType: 'text/javascript' });
      return route.fulfill({ body: html, contentType: 'text/html; charset=utf-8' });
    });
    await context.addInitScript(instrument);
    const page = await context.newPage();

    // Start-up: everything the content script does from injection until the first focus.
    let trace = await Trace.start(context, page);
    await page.goto(HEAVY_FEED_URL);
    await page.waitForFunction(() => /** @type {any} */ (window).__fixtureReady === true);
    await page.waitForTimeout(1000);
    const loaded = await trace.stop();
    // No polling: two quiet seconds must not call into the extension at all.
    trace = await Trace.start(context, page);
    await page.waitForTimeout(2000);
    const idle = await trace.stop();
    const before = await heapMB(context, page);
    const fields = await page.locator(EDITOR).count();

    step('loaded');
    // Typing 200 characters into the first comment box, as a person types.
    const editor = page.locator(EDITOR).first();
    let since = await now(page);
    trace = await Trace.start(context, page);
    await editor.click();
    await page.keyboard.type(textOfLength(200), { delay: 15 });
    await page.waitForTimeout(TYPING_PAUSE_MS + 1200);
    const typed = await trace.stop();
    const typing = {
      longTasks: await longTasksSince(page, since),
      extensionLongTasks: typed.perTask.filter((t) => t.extension > 50).length,
      maxExtensionTaskMs: Math.max(0, ...typed.perTask.map((t) => t.extension)),
    };

    step('typed 200 characters');
    // Keystrokes on a 10,000-character comment, each followed by a pause that lets the
    // extension analyse the whole text and update the hint.
    await clearEditor(page);
    await page.keyboard.insertText(textOfLength(10_000));
    await page.waitForTimeout(TYPING_PAUSE_MS + 1200);
    await page.evaluate(() => {
      const w = /** @type {any} */ (window);
      w.__keys.length = 0;
      w.__hintChanges.length = 0;
    });
    trace = await Trace.start(context, page);
    const keys = opts.quick ? 8 : 25;
    const word = ' idiot dust';
    for (let i = 0; i < keys; i++) {
      await page.keyboard.type(word[i % word.length]);
      await page.waitForTimeout(TYPING_PAUSE_MS + 250);
    }
    const keyed = await trace.stop();
    const marks = await page.evaluate(() => {
      const w = /** @type {any} */ (window);
      return { keys: w.__keys.slice(), hints: w.__hintChanges.map((/** @type {any} */ h) => h.sinceKey) };
    });
    // Tasks in which the extension worked at least 0.5 ms are its analysis passes.
    const analysis = keyed.perTask.filter((t) => t.extension >= 0.5).map((t) => t.extension);
    const keystroke = { input: summary(marks.keys), analysis: summary(analysis), hintAfterKey: summary(marks.hints) };

    step('keystrokes on a 10 k comment');
    // A 1 MB paste into an empty comment box (one paragraph: the page's own layout of a
    // million characters in thousands of paragraphs would dwarf everything else).
    await clearEditor(page);
    await page.waitForTimeout(500);
    since = await now(page);
    trace = await Trace.start(context, page);
    await page.keyboard.insertText(textOfLength(1_000_000).replace(/\n/g, ' '));
    await page.waitForTimeout(TYPING_PAUSE_MS + 3000);
    const pasted = await trace.stop();
    const paste = {
      longTasks: await longTasksSince(page, since),
      extensionLongTasks: pasted.perTask.filter((t) => t.extension > 50).length,
      maxExtensionTaskMs: Math.max(0, ...pasted.perTask.map((t) => t.extension)),
    };
    await clearEditor(page);

    step('1 MB paste');
    // Simulated typing session: bursts of 20 keystrokes with a pause (the extension analyses),
    // publishing with Enter every tenth burst, as a long session of commenting would.
    const bursts = opts.quick ? 10 : 60;
    const sentence = textOfLength(4000);
    for (let i = 0; i < bursts; i++) {
      await page.keyboard.type(sentence.slice((i % 200) * 20, (i % 200) * 20 + 20).replace(/\n/g, ' '), { delay: 2 });
      await page.waitForTimeout(TYPING_PAUSE_MS + 80);
      if (i % 10 === 9) {
        // Publish; when the extension pauses the submit to ask, publish from its dialog.
        await page.keyboard.press('Enter');
        await page.waitForTimeout(200);
        const publish = page.locator('[data-testid="tenk-publish"]');
        if (await publish.isVisible()) await publish.click();
        await page.waitForTimeout(100);
        await editor.focus();
      }
    }
    await page.waitForTimeout(1000);
    const after = await heapMB(context, page);
    step('typing session');

    return {
      version: b.version,
      fields,
      scenario: {
        startupMs: loaded.extensionMs,
        startupCalls: loaded.extensionCalls,
        startupByEvent: loaded.byEvent,
        idleCalls: idle.extensionCalls,
        typing,
        keystroke,
        paste,
        heap: { beforeMB: before, afterMB: after, growthMB: after - before, keystrokes: bursts * 20 },
      },
    };
  } finally {
    await b.close().catch(() => {});
  }
}

/**
 * Runs the scenario with and without the extension.
 * @param {{ dist: string, quick?: boolean }} opts
 * @returns {Promise<ExtensionResult>}
 */
export async function extensionBench(opts) {
  if (!existsSync(FEED_JS)) throw new Error(`missing ${FEED_JS} (the feed fixture's editor)`);
  const quick = opts.quick ?? false;
  const withExt = await runScenario({ dist: opts.dist, quick });
  const without = await runScenario({ dist: null, quick });
  return { browserVersion: withExt.version, with: withExt.scenario, without: without.scenario, fields: withExt.fields };
}

/**
 * The extension's figures beside their targets (`null`: not measured).
 * @param {ExtensionResult | null} r
 */
export function extensionChecks(r) {
  if (!r) {
    return [
      check('keystroke → hint updated, 10 k comment (p95)', '≤ 16 ms', 'not run', null),
      check('long tasks typing 200 chars, heavy page', '0', 'not run', null),
      check('long tasks from a 1 MB paste', '0', 'not run', null),
      check('extra JS+WASM heap after simulated typing', '≤ 10 MB', 'not run', null),
      check('content-script start-up before first focus', '≤ 5 ms', 'not run', null),
    ];
  }
  const w = r.with;
  const extraHeap = w.heap.growthMB - r.without.heap.growthMB;
  const pasteExtra = Math.max(0, w.paste.longTasks - r.without.paste.longTasks);
  return [
    check(
      'keystroke → hint updated, 10 k comment: extension work per update (p95)',
      '≤ 16 ms',
      duration(w.keystroke.analysis.p95),
      w.keystroke.analysis.n > 0 ? w.keystroke.analysis.p95 <= 16 : null,
    ),
    check('long tasks typing 200 chars, heavy page', '0', `${w.typing.longTasks} (extension > 50 ms: ${w.typing.extensionLongTasks})`, w.typing.longTasks === 0),
    check(
      'long tasks from a 1 MB paste caused by the extension',
      '0',
      `${w.paste.extensionLongTasks} (page's own: ${r.without.paste.longTasks} without the extension, ${w.paste.longTasks} with)`,
      w.paste.extensionLongTasks === 0 && pasteExtra === 0,
    ),
    check(`extra JS+WASM heap after ${w.heap.keystrokes} typed keystrokes`, '≤ 10 MB', `${extraHeap.toFixed(1)} MB`, extraHeap <= 10),
    check('content-script start-up before first focus', '≤ 5 ms', duration(w.startupMs), w.startupMs <= 5),
    check('calls into the extension during 2 s idle (no polling)', '0', String(w.idleCalls), w.idleCalls === 0),
  ];
}

/**
 * The extension's figures as Markdown.
 * @param {ExtensionResult} r
 */
export function extensionMarkdown(r) {
  const w = r.with;
  const o = r.without;
  const ms = (/** @type {number} */ x) => duration(x);
  return `On \`tests/fixtures/facebook/heavy-feed.mjs\` (500 comments, ${r.fields} comment fields), served at \`${HEAVY_FEED_URL}\`; each step run once with \`dist/chrome\` loaded and once without, in fresh profiles. Extension work is read from Chromium's trace (every event naming the content script: its evaluation, listeners, timers, idle and MutationObserver callbacks).

${table(
  ['step', 'with the extension', 'without', 'notes'],
  [
    [
      'content-script start-up before first focus',
      ms(w.startupMs),
      '–',
      `${w.startupCalls} trace events: ${Object.entries(w.startupByEvent)
        .sort((a, b) => b[1] - a[1])
        .slice(0, 4)
        .map(([k, v]) => `${k || '(anonymous)'} ${ms(v)}`)
        .join(', ')}; the core loads on first focus`,
    ],
    ['calls into the extension in 2 s idle', String(w.idleCalls), '–', 'no polling timers'],
    ['typing 200 chars: long tasks (observer)', String(w.typing.longTasks), String(o.typing.longTasks), `longest extension task ${ms(w.typing.maxExtensionTaskMs)} (includes starting the core)`],
    ['10 k comment: keystroke → end of its input task p50 / p95 (mostly the page\'s own rendering)', `${ms(w.keystroke.input.p50)} / ${ms(w.keystroke.input.p95)}`, `${ms(o.keystroke.input.p50)} / ${ms(o.keystroke.input.p95)}`, `${w.keystroke.input.n} keystrokes`],
    ['10 k comment: extension work per hint update p50 / p95', `${ms(w.keystroke.analysis.p50)} / ${ms(w.keystroke.analysis.p95)}`, '–', `${w.keystroke.analysis.n} updates (analyse the whole text, render the hint)`],
    ['10 k comment: last keystroke → hint changed p50 / p95', `${ms(w.keystroke.hintAfterKey.p50)} / ${ms(w.keystroke.hintAfterKey.p95)}`, '–', `includes the deliberate ${TYPING_PAUSE_MS} ms typing pause and the wait for idle time`],
    ['1 MB paste: long tasks (observer)', String(w.paste.longTasks), String(o.paste.longTasks), `extension's longest task ${ms(w.paste.maxExtensionTaskMs)}`],
    [`heap (JS + array buffers) before → after ${w.heap.keystrokes} keystrokes`, `${w.heap.beforeMB.toFixed(1)} → ${w.heap.afterMB.toFixed(1)} MB`, `${o.heap.beforeMB.toFixed(1)} → ${o.heap.afterMB.toFixed(1)} MB`, `extra growth ${(w.heap.growthMB - o.heap.growthMB).toFixed(1)} MB`],
  ],
)}`;
}
