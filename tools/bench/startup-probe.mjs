// @ts-check
// The extension benchmark's start-up step alone, repeated: each sample a fresh browser and
// profile with the extension loaded, the heavy Facebook-like fixture loaded once, and the
// content script's main-thread work from its injection until (before) the first focus read from
// Chromium's trace, exactly as `bench-browser.mjs` reads it (trace.mjs). Prints each sample and
// the median of the CPU time (the figure compared with the 5 ms target), with the load average.
//
//   node tools/bench/startup-probe.mjs [--dist dist/chrome] [--samples 7] [--profile]
//
// --profile also runs V8's sampling profiler (25 µs) and prints, summed over the samples, the
// self time of the functions found with a content-script frame in their stack (an unminified
// build names them; the profiler's own cost inflates the trace's figures meanwhile).
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { launchChromium } from './browser.mjs';
import { Trace } from './trace.mjs';
import { HEAVY_FEED_URL, heavyFeedHtml } from '../../tests/fixtures/facebook/heavy-feed.mjs';

const root = new URL('../..', import.meta.url).pathname;
const { values: opts } = parseArgs({
  options: {
    dist: { type: 'string', default: join(root, 'dist/chrome') },
    samples: { type: 'string', default: '7' },
    profile: { type: 'boolean', default: false },
  },
});

const html = heavyFeedHtml();
const feedJs = readFileSync(join(root, 'tests/fixtures/facebook/feed.js'));
/** @type {number[]} */
const cpu = [];
/** @type {number[]} */
const wall = [];
const loads = [];
/** @type {Map<string, number>} self time by function, ms, over all samples */
const self = new Map();
/** @type {Map<string, number>} inclusive time by function, ms, over all samples */
const total = new Map();
for (let i = 0; i < Number(opts.samples); i++) {
  loads.push(loadavg()[0]);
  const b = await launchChromium({ extension: opts.dist });
  try {
    const { context } = b;
    if (context.serviceWorkers().length === 0) await context.waitForEvent('serviceworker', { timeout: 15_000 });
    const onboarding = await context.waitForEvent('page', { predicate: (p) => /onboarding/.test(p.url()), timeout: 5000 }).catch(() => null);
    await onboarding?.close();
    await context.route(/^https?:\/\//, (route) => {
      const url = new URL(route.request().url());
      if (url.hostname !== 'www.facebook.com') return route.abort('blockedbyclient');
      if (url.pathname === '/tenk-fixtures/facebook/feed.js') return route.fulfill({ body: feedJs, contentType: 'text/javascript' });
      return route.fulfill({ body: html, contentType: 'text/html; charset=utf-8' });
    });
    const page = await context.newPage();
    let profiler;
    if (opts.profile) {
      profiler = await context.newCDPSession(page);
      await profiler.send('Profiler.enable');
      await profiler.send('Profiler.setSamplingInterval', { interval: 25 });
      await profiler.send('Profiler.start');
    }
    let trace = await Trace.start(context, page, { sample: false });
    await page.goto(HEAVY_FEED_URL);
    await page.waitForFunction(() => /** @type {any} */ (window).__fixtureReady === true, undefined, { timeout: 30_000 });
    await page.waitForTimeout(1000);
    let r = await trace.stop();
    let ms = r.extensionMs;
    let c = r.extensionCpuMs;
    let events = r.byEvent;
    for (let k = 0; k < 9 && !events.EvaluateScript; k++) {
      trace = await Trace.start(context, page, { sample: false });
      await page.waitForTimeout(1000);
      r = await trace.stop();
      ms += r.extensionMs;
      c += r.extensionCpuMs;
      events = { ...events, ...r.byEvent };
    }
    if (profiler) addSelf(/** @type {any} */ (await profiler.send('Profiler.stop')).profile);
    cpu.push(c);
    wall.push(ms);
    const top = Object.entries(events)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 4)
      .map(([k, v]) => `${k} ${v.toFixed(2)}`)
      .join(', ');
    console.log(`sample ${i + 1}: cpu ${c.toFixed(2)} ms, wall ${ms.toFixed(2)} ms (${top}), load ${loads[i].toFixed(1)}`);
  } finally {
    await b.close().catch(() => {});
  }
}
const median = (/** @type {number[]} */ xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
console.log(`median cpu ${median(cpu).toFixed(2)} ms, wall ${median(wall).toFixed(2)} ms over ${cpu.length}; load average ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)}`);
if (opts.profile) {
  const n = Number(opts.samples);
  console.log('self time per page load in content-script stacks (ms):');
  for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`  ${(v / n).toFixed(3)}  ${k}`);
  console.log('inclusive time per page load (ms):');
  for (const [k, v] of [...total].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`  ${(v / n).toFixed(3)}  ${k}`);
}

/**
 * Adds the self time of every sample with a content-script frame in its stack to `self`.
 * @param {any} profile
 */
function addSelf(profile) {
  const byId = new Map(profile.nodes.map((/** @type {any} */ x) => [x.id, x]));
  const parent = new Map();
  for (const x of profile.nodes) for (const c of x.children ?? []) parent.set(c, x.id);
  const ours = (/** @type {number} */ id) => {
    for (let i = id; i !== undefined; i = parent.get(i)) if (/\/(?:content|ui)\.js$/.test(byId.get(i)?.callFrame.url ?? '')) return true;
    return false;
  };
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i];
    if (!ours(id)) continue;
    const name = (/** @type {any} */ f) => `${f.functionName || '(top level)'} ${f.url.replace(/^.*\//, '')}:${f.lineNumber + 1}`;
    const dt = (profile.timeDeltas[i + 1] ?? 25) / 1000;
    const k = name(byId.get(id).callFrame);
    self.set(k, (self.get(k) ?? 0) + dt);
    const seen = new Set();
    for (let j = id; j !== undefined; j = parent.get(j)) seen.add(name(byId.get(j).callFrame));
    for (const s of seen) total.set(s, (total.get(s) ?? 0) + dt);
  }
}
