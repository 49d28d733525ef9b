// @ts-check
// A closer look at one step of the extension benchmark: a 1 MB paste into a comment box of the
// heavy Facebook-like fixture, with dist/chrome loaded. Prints every main-thread task over 5 ms
// in the trace after the paste, the extension's part of each (trace events naming content.js,
// plus the sampling profiler's samples with a content.js frame), and, for the tasks holding the
// most extension work, the functions the profiler found there (self time, top 12). Also prints
// the long tasks the page's own PerformanceObserver saw.
//
//   node tools/bench/paste-probe.mjs [--dist dist/chrome] [--runs 1] [--size 1000000]
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { launchChromium } from './browser.mjs';
import { textOfLength } from './texts.mjs';
import { HEAVY_FEED_URL, heavyFeedHtml } from '../../tests/fixtures/facebook/heavy-feed.mjs';

const root = new URL('../..', import.meta.url).pathname;
const { values: opts } = parseArgs({
  options: {
    dist: { type: 'string', default: join(root, 'dist/chrome') },
    runs: { type: 'string', default: '1' },
    size: { type: 'string', default: '1000000' },
  },
});
const EDITOR = '[data-lexical-editor="true"]';
const CONTENT = /chrome-extension:\/\/[^/"]+\/(?:content|main-world|ui)\.js/;

for (let run = 0; run < Number(opts.runs); run++) await once();

async function once() {
  const b = await launchChromium({ extension: opts.dist });
  const { context } = b;
  try {
    if (context.serviceWorkers().length === 0) await context.waitForEvent('serviceworker', { timeout: 15_000 });
    const onboarding = await context.waitForEvent('page', { predicate: (p) => /onboarding/.test(p.url()), timeout: 5000 }).catch(() => null);
    await onboarding?.close();
    const html = heavyFeedHtml();
    const feedJs = readFileSync(join(root, 'tests/fixtures/facebook/feed.js'));
    await context.route(/^https?:\/\//, (route) => {
      const url = new URL(route.request().url());
      if (url.hostname !== 'www.facebook.com') return route.abort('blockedbyclient');
      if (url.pathname === '/tenk-fixtures/facebook/feed.js') return route.fulfill({ body: feedJs, contentType: 'text/javascript' });
      return route.fulfill({ body: html, contentType: 'text/html; charset=utf-8' });
    });
    await context.addInitScript(() => {
      const w = /** @type {any} */ (window);
      w.__longtasks = [];
      new PerformanceObserver((l) => {
        for (const e of l.getEntries()) w.__longtasks.push({ start: e.startTime, duration: e.duration });
      }).observe({ type: 'longtask', buffered: true });
    });
    const page = await context.newPage();
    await page.goto(HEAVY_FEED_URL);
    await page.waitForFunction(() => /** @type {any} */ (window).__fixtureReady === true, undefined, { timeout: 30_000 });
    await page.waitForTimeout(1500);
    const editor = page.locator(EDITOR).first();
    await editor.click();
    // A reminder first (the hint's UI is built, then hidden when the box is emptied), as in the bench.
    await page.keyboard.type('Sjefen min er en idiot ', { delay: 20 });
    await page.waitForTimeout(2000);
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    await page.waitForTimeout(1000);

    const cdp = await context.newCDPSession(page);
    /** @type {any[]} */
    const events = [];
    cdp.on('Tracing.dataCollected', (e) => events.push(...(/** @type {any} */ (e).value)));
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    await cdp.send('Profiler.start');
    await cdp.send('Tracing.start', {
      transferMode: 'ReportEvents',
      traceConfig: {
        includedCategories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'v8.execute', 'toplevel', 'blink.user_timing'],
        recordMode: 'recordAsMuchAsPossible',
      },
    });
    const since = await page.evaluate(() => performance.now());
    await page.keyboard.insertText(textOfLength(Number(opts.size)).replace(/\n/g, ' '));
    const hint = await page
      .waitForFunction(() => document.querySelector('tenk-deg-om')?.shadowRoot?.querySelector('[data-testid="tenk-hint"]:not([hidden])'), undefined, { timeout: 30_000, polling: 200 })
      .then(() => true, () => false);
    await page.waitForTimeout(2500);
    const done = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
    await cdp.send('Tracing.end');
    await done;
    const { profile } = /** @type {any} */ (await cdp.send('Profiler.stop'));
    const longtasks = await page.evaluate((s) => /** @type {any} */ (window).__longtasks.filter((/** @type {any} */ t) => t.start >= s).map((/** @type {any} */ t) => Math.round(t.duration)), since);
    report(events, profile, hint, longtasks);
  } finally {
    await b.close().catch(() => {});
  }
}

/**
 * @param {any[]} events
 * @param {any} profile
 * @param {boolean} hint
 * @param {number[]} longtasks
 */
function report(events, profile, hint, longtasks) {
  const main = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  // The page's renderer: the one whose main thread ran the most.
  const onMain = (/** @type {any} */ e) => main.has(`${e.pid}:${e.tid}`);
  const tasks = events.filter((e) => e.ph === 'X' && e.name === 'RunTask' && onMain(e)).map((e) => ({ start: e.ts / 1000, end: (e.ts + e.dur) / 1000, cpu: (e.tdur ?? e.dur) / 1000 }));
  tasks.sort((a, b) => a.start - b.start || b.end - a.end);
  const outer = [];
  for (const t of tasks) if (!outer.length || t.start >= outer[outer.length - 1].end) outer.push(t);
  const ext = events.filter((e) => e.ph === 'X' && onMain(e) && CONTENT.test(JSON.stringify(e.args ?? {})));
  // Profile samples: time → stack.
  const byId = new Map(profile.nodes.map((/** @type {any} */ n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const stackHasExt = (/** @type {number} */ id) => {
    for (let i = id; i !== undefined; i = parent.get(i)) if (CONTENT.test(byId.get(i)?.callFrame.url ?? '')) return true;
    return false;
  };
  const samples = [];
  let t = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i];
    const dt = (profile.timeDeltas[i + 1] ?? 100) / 1000;
    samples.push({ at: t / 1000, dt, id: profile.samples[i] });
  }
  const rows = [];
  for (const task of outer) {
    const dur = task.end - task.start;
    const inTask = samples.filter((s) => s.at >= task.start && s.at < task.end);
    const extMs = inTask.filter((s) => stackHasExt(s.id)).reduce((a, s) => a + s.dt, 0);
    if (dur < 5 && extMs < 0.3) continue;
    const names = ext.filter((e) => e.ts / 1000 >= task.start && e.ts / 1000 < task.end).map((e) => e.args?.data?.functionName || e.name);
    const self = new Map();
    for (const s of inTask) {
      const n = byId.get(s.id);
      const f = n.callFrame;
      const k = `${f.functionName || '(anon)'} ${f.url.replace(/^.*\//, '')}:${f.lineNumber}:${f.columnNumber}${stackHasExt(s.id) ? ' [ext]' : ''}`;
      self.set(k, (self.get(k) ?? 0) + s.dt);
    }
    // Trace children: top-level event names inside this task with durations.
    const inner = events
      .filter((e) => e.ph === 'X' && onMain(e) && e.ts / 1000 >= task.start && (e.ts + (e.dur ?? 0)) / 1000 <= task.end && e.name !== 'RunTask' && (e.dur ?? 0) > 1000)
      .map((e) => `${e.name}${e.args?.data?.functionName ? ':' + e.args.data.functionName : ''}${e.args?.data?.type ? ':' + e.args.data.type : ''} ${(e.dur / 1000).toFixed(1)}`);
    rows.push({ at: task.start, dur, cpu: task.cpu, extMs, names, self: [...self].sort((a, b) => b[1] - a[1]).slice(0, 12), inner: inner.slice(0, 14) });
  }
  const t0 = rows[0]?.at ?? 0;
  console.log(`hint shown: ${hint}; page long tasks: ${JSON.stringify(longtasks)}`);
  for (const r of rows) {
    console.log(`task +${(r.at - t0).toFixed(0)} ms: ${r.dur.toFixed(1)} ms (cpu ${r.cpu.toFixed(1)}), extension (sampled) ${r.extMs.toFixed(1)} ms; ext events: ${[...new Set(r.names)].join(', ')}`);
    console.log(`   trace: ${r.inner.join(' | ')}`);
    if (r.extMs > 1 || r.dur > 30) for (const [k, v] of r.self) console.log(`     ${v.toFixed(2)} ms  ${k}`);
  }
}
