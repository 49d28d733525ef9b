// @ts-check
// The extension benchmark's start-up step alone, repeated: each sample a fresh browser and
// profile with the extension loaded, the heavy Facebook-like fixture loaded once, and the
// content script's main-thread work from its injection until (before) the first focus read from
// Chromium's trace, exactly as `bench-browser.mjs` reads it (trace.mjs). Prints each sample and
// the median of the CPU time (the figure compared with the 5 ms target), with the load average.
//
//   node tools/bench/startup-probe.mjs [--dist dist/chrome] [--samples 7]
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
  },
});

const html = heavyFeedHtml();
const feedJs = readFileSync(join(root, 'tests/fixtures/facebook/feed.js'));
/** @type {number[]} */
const cpu = [];
/** @type {number[]} */
const wall = [];
const loads = [];
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
