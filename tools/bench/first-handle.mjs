// @ts-check
// How long the core's first `handle` takes in a page: the synchronous engine build (policy,
// lexicons, automaton) plus `configure` and a first `analyse`, as the content script's first
// focus pays it. Each sample is a fresh page (a fresh module instance), so every sample builds
// the engine. `node tools/bench/first-handle.mjs [--glue DIR] [--samples N] [--policy FILE]`
// prints the times; `--policy` also times loading that file as IT's `customPolicy`.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { launchChromium } from './browser.mjs';
import { summary } from './stats.mjs';

const root = new URL('../..', import.meta.url).pathname;
const { values } = parseArgs({
  options: {
    glue: { type: 'string', default: join(root, 'target/wasm-bindgen') },
    samples: { type: 'string', default: '15' },
    policy: { type: 'string' },
  },
});
const ORIGIN = 'https://bench.tenk.test';
const PAGE = `<!doctype html><meta charset="utf-8"><script type="module">
  const glue = await import('/tenk_wasm.js');
  await glue.default({ module_or_path: '/tenk_wasm_bg.wasm' });
  window.__glue = glue;
</script>`;
const TEXT = 'Sjefen min er en idiot, og saksnummer 2024/12345 er nevnt i avisa. Jeg er helt enig i at dette er en viktig sak.';

const b = await launchChromium();
const custom = values.policy ? await readFile(values.policy, 'utf8') : null;
try {
  /** @type {number[]} */ const first = [];
  /** @type {number[]} */ const second = [];
  /** @type {number[]} */ const customMs = [];
  for (let i = 0; i < Number(values.samples); i++) {
    const page = await b.context.newPage();
    await page.route(`${ORIGIN}/**`, async (route) => {
      const path = new URL(route.request().url()).pathname;
      if (path === '/') return route.fulfill({ status: 200, body: PAGE, headers: { 'content-type': 'text/html' } });
      const file = { '/tenk_wasm.js': 'tenk_wasm.js', '/tenk_wasm_bg.wasm': 'tenk_wasm_bg.wasm' }[path];
      if (!file) return route.fulfill({ status: 404, body: '' });
      const type = file.endsWith('.wasm') ? 'application/wasm' : 'text/javascript';
      return route.fulfill({ status: 200, body: await readFile(join(/** @type {string} */ (values.glue), file)), headers: { 'content-type': type } });
    });
    await page.goto(`${ORIGIN}/`);
    await page.waitForFunction(() => /** @type {any} */ (window).__glue !== undefined, null, { timeout: 30_000 });
    const r = await page.evaluate(
      ({ text, custom }) => {
        const { handle } = /** @type {any} */ (window).__glue;
        const t0 = performance.now();
        const c = handle({ op: 'configure', managed: {}, user: {}, uiLanguage: 'nb-NO' });
        const a = handle({ op: 'analyse', text, context: { lang: 'nb' } });
        const t1 = performance.now();
        handle({ op: 'analyse', text: text + ' ', context: { lang: 'nb' } });
        const t2 = performance.now();
        let customMs = NaN;
        if (custom) {
          const t3 = performance.now();
          const r = handle({ op: 'configure', managed: { customPolicy: custom }, user: {}, uiLanguage: 'nb-NO' });
          customMs = performance.now() - t3;
          if (r.problems.length) throw new Error(JSON.stringify(r.problems));
        }
        return { first: t1 - t0, second: t2 - t1, customMs, ok: c.kind === 'configured' && a.findings.length > 0 };
      },
      { text: TEXT, custom },
    );
    if (!r.ok) throw new Error('the core did not answer as expected');
    first.push(r.first);
    second.push(r.second);
    customMs.push(r.customMs);
    await page.close();
  }
  const f = (/** @type {number[]} */ xs) => {
    const s = summary(xs);
    return `p50 ${s.p50.toFixed(1)} ms, min ${Math.min(...xs).toFixed(1)} ms, max ${Math.max(...xs).toFixed(1)} ms (n=${xs.length})`;
  };
  console.log(`first handle (engine build + configure + analyse): ${f(first)}`);
  console.log(`next analyse: ${f(second)}`);
  if (custom) console.log(`configure with customPolicy: ${f(customMs)}`);
} finally {
  await b.close();
}
