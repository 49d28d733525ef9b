// @ts-check
// Part one of the browser benchmark: the built WASM core (target/wasm-bindgen) against the
// JavaScript matcher a content-script author would write, in one headless Chromium page, on the
// same texts and the same lexicon. The page is served at a fixture host by request routing and
// is cross-origin isolated, so that its timers are as fine as Chromium allows.
import { readFile } from 'node:fs/promises';
import { existsSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { summary } from './stats.mjs';
import { SIZES, comments, textOfLength } from './texts.mjs';

const root = new URL('../..', import.meta.url).pathname;
/** Where build.sh leaves the wasm-bindgen output. */
export const GLUE = join(root, 'target/wasm-bindgen');
/** Where `./build.sh bench` leaves the core built with the `bench` feature (`bench_analyse`). */
export const BENCH_GLUE = join(root, 'target/wasm-bindgen-bench');
const HERE = new URL('.', import.meta.url).pathname;
const ORIGIN = 'https://bench.tenk.test';

/**
 * Files the bench page may load, by path.
 * @param {string} glue directory with tenk_wasm.js and tenk_wasm_bg.wasm
 * @returns {Record<string, string>}
 */
const files = (glue) => ({
  '/tenk_wasm.js': join(glue, 'tenk_wasm.js'),
  '/tenk_wasm_bg.wasm': join(glue, 'tenk_wasm_bg.wasm'),
  '/page-bench.mjs': join(HERE, 'page-bench.mjs'),
  '/js-matcher.mjs': join(HERE, 'js-matcher.mjs'),
});

/** The benchmark's build of the core, which the page loads beside the shipped one when present. */
const BENCH_FILES = {
  '/bench/tenk_wasm.js': join(BENCH_GLUE, 'tenk_wasm.js'),
  '/bench/tenk_wasm_bg.wasm': join(BENCH_GLUE, 'tenk_wasm_bg.wasm'),
};

const TYPES = { '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm', '.html': 'text/html' };

const PAGE = `<!doctype html><meta charset="utf-8"><title>tenk bench</title><script type="module">
  const glue = await import('/tenk_wasm.js');
  await glue.default({ module_or_path: '/tenk_wasm_bg.wasm' });
  const { jsMatcher } = await import('/js-matcher.mjs');
  const { compare, warmUp } = await import('/page-bench.mjs');
  // The benchmark build (bench_analyse: the analysis alone), a second core in the page.
  let analysis = null;
  let analysisError = null;
  try {
    const g = await import('/bench/tenk_wasm.js');
    await g.default({ module_or_path: '/bench/tenk_wasm_bg.wasm' });
    analysis = g;
  } catch (e) {
    analysisError = String(e);
  }
  window.__bench = { glue, analysis, analysisError, jsMatcher, compare, warmUp };
</script>`;

/**
 * @typedef {{ p50: number, p95: number, n: number }} Summary
 * @typedef {import('./page-bench.mjs').WarmUp} WarmUp
 * @typedef {{ size: number, wasm: Summary, wasmCold: Summary, js: Summary, ratio: number, wasmFindings: number, jsMatches: number, jsEstimateMs: number }} SizeRow
 *   `wasm` is the steady state (batches after the warm-up), `wasmCold` the first call of each
 *   round, right after the JavaScript matcher ran (`js.n` is 0 and `jsEstimateMs` the
 *   extrapolated time of one call when JavaScript was too slow to time)
 * @typedef {{
 *   isolated: boolean,
 *   terms: number,
 *   warmUp: WarmUp,
 *   warmUpText: number,
 *   rows: SizeRow[],
 *   overhead: { wasm: Summary, js: Summary },
 *   bigLexicon: null | { terms: number, rows: { size: number, wasm: Summary, wasmCold: Summary, js: Summary, wasmCost: number, jsCost: number }[], note: string },
 *   analysisAlone: AnalysisAlone | null,
 * }} WasmVsJs
 * @typedef {{ size: number, analysis: Summary, handle: Summary, findings: number, handleFindings: number, warmUp: WarmUp }} AnalysisAlone
 *   the analysis alone (`bench_analyse` of the benchmark's build: what the native criterion
 *   figure measures) and the whole `handle` call of the shipped build, timed interleaved on the
 *   same text; `findings` and `handleFindings` how many findings each returned
 */

/**
 * Runs the comparison.
 * @param {import('playwright-core').BrowserContext} context a browser without the extension
 * @param {{ terms: string[], bigPolicy: string | null, bigTerms: string[] | null, probe: string | null, quick?: boolean, glue?: string }} input
 *   `terms`: every lexicon entry of the default policy; `bigPolicy`: the policy with ten times
 *   the entries (TOML, for the core's `customPolicy`), `bigTerms` its entries, `probe` a text
 *   that only the big policy flags (proves the core really switched policies)
 * @returns {Promise<WasmVsJs>}
 */
export async function wasmVsJs(context, input) {
  const FILES = files(input.glue ?? GLUE);
  for (const f of Object.values(FILES)) if (!existsSync(f)) throw new Error(`missing ${f}: run ./build.sh`);
  // Only with the shipped build, and a benchmark build made after it (`./build.sh bench` makes
  // both; a later `./build.sh` leaves the benchmark build behind the shipped code).
  const withAnalysis =
    !input.glue &&
    Object.values(BENCH_FILES).every((f) => existsSync(f)) &&
    statSync(BENCH_FILES['/bench/tenk_wasm_bg.wasm']).mtimeMs >= statSync(FILES['/tenk_wasm_bg.wasm']).mtimeMs;
  if (withAnalysis) Object.assign(FILES, BENCH_FILES);
  const page = await context.newPage();
  /** @type {string[]} */
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.route(`${ORIGIN}/**`, async (route) => {
    const path = new URL(route.request().url()).pathname;
    const headers = {
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-embedder-policy': 'require-corp',
      'cross-origin-resource-policy': 'same-origin',
      'cache-control': 'no-store',
    };
    if (path === '/') return route.fulfill({ status: 200, body: PAGE, headers: { ...headers, 'content-type': 'text/html' } });
    const file = FILES[path];
    if (!file) return route.fulfill({ status: 404, body: '', headers });
    const type = /** @type {Record<string, string>} */ (TYPES)[extname(file)] ?? 'application/octet-stream';
    return route.fulfill({ status: 200, body: await readFile(file), headers: { ...headers, 'content-type': type } });
  });
  await page.goto(`${ORIGIN}/`);
  await page
    .waitForFunction(() => /** @type {any} */ (window).__bench !== undefined, null, { timeout: 30_000 })
    .catch((e) => {
      throw new Error(`the bench page did not start: ${errors.join('; ') || e.message}`);
    });
  const isolated = await page.evaluate(() => crossOriginIsolated);

  const source = comments();
  const quick = input.quick ?? false;
  /** @param {number} size */
  const plan = (size) => ({
    // A batch of at least 0.25 ms: 50 ticks of the page's 5 µs timer (≤ 2 % rounding), and
    // short enough that few are cut by the scheduler on a busy machine (a 2 ms batch of 200 µs
    // calls often was: one preempted call of ten moved its mean by tens of per cent).
    minBatchMs: 0.25,
    samples: quick ? 9 : size >= 1_000_000 ? 15 : 40,
    maxMs: quick ? 800 : size >= 100_000 ? 6000 : 3000,
    // Each size again, briefly: the core was warmed up on the page before the first size.
    warmupMs: quick ? 50 : 200,
  });

  await installEngines(page, input.terms);
  // The core's warm-up before anything is timed: V8 first runs every WebAssembly function in
  // its baseline tier and compiles the hot ones with its optimising tier on background threads
  // (seconds on a busy two-core machine). Reported, not hidden.
  const warmUpText = textOfLength(WARM_UP_SIZE, source);
  const warmUp = await page.evaluate(
    ({ text, ms }) => {
      const b = /** @type {any} */ (window).__bench;
      return b.warmUp(b.engines.wasm, text, ms);
    },
    { text: warmUpText, ms: quick ? 500 : WARM_UP_MS },
  );
  /** @type {SizeRow[]} */
  const rows = [];
  let jsPerChar = 0;
  for (const size of SIZES) {
    const text = textOfLength(size, source);
    const jsEstimate = jsPerChar * size;
    const r = await runSize(page, text, plan(size), jsEstimate <= JS_CALL_LIMIT_MS);
    if (r.js.n > 0) jsPerChar = r.js.p50 / size;
    rows.push({ size, ...r, ratio: r.js.p50 / r.wasm.p50, jsEstimateMs: r.js.n > 0 ? NaN : jsEstimate });
  }
  const empty = await runSize(page, '', plan(0));
  const overhead = { wasm: empty.wasm, js: empty.js };
  const analysisAlone = withAnalysis ? await analysisAloneOn(page, textOfLength(2_000, source), plan(2_000), quick ? 500 : WARM_UP_MS) : null;

  /** @type {WasmVsJs['bigLexicon']} */
  let bigLexicon = null;
  if (input.bigPolicy && input.bigTerms) {
    const loaded = await page.evaluate(
      ({ policy, probe }) => {
        const { glue } = /** @type {any} */ (window).__bench;
        const res = glue.handle({ op: 'configure', managed: { customPolicy: policy }, user: null, uiLanguage: 'nb' });
        const problems = res?.problems ?? [];
        const probeHit = probe ? glue.handle({ op: 'analyse', text: probe, context: { lang: 'nb' } }).findings?.length > 0 : true;
        return { kind: res?.kind, problems: JSON.stringify(problems).slice(0, 400), probeHit };
      },
      { policy: input.bigPolicy, probe: input.probe },
    );
    if (loaded.kind !== 'configured' || !loaded.probeHit) {
      bigLexicon = {
        terms: input.bigTerms.length,
        rows: [],
        note: `the core did not take the larger policy (configure → ${loaded.kind}, probe found: ${loaded.probeHit}, problems: ${loaded.problems})`,
      };
    } else {
      const jsError = await installEngines(page, input.bigTerms);
      const bigRows = [];
      // The JavaScript alternation of ten times the entries is too slow to time at 100 k.
      for (const size of [2_000, 10_000]) {
        const text = textOfLength(size, source);
        const base = rows.find((x) => x.size === size);
        // Ten times the alternatives: at least ten times the JavaScript cost per call.
        const jsEstimate = base && base.js.n > 0 ? base.js.p50 * 10 : Infinity;
        const r = await runSize(page, text, plan(size), jsError === null && jsEstimate <= JS_CALL_LIMIT_MS);
        bigRows.push({
          size,
          wasm: r.wasm,
          wasmCold: r.wasmCold,
          js: r.js,
          wasmCost: base ? r.wasm.p50 / base.wasm.p50 : NaN,
          jsCost: base ? r.js.p50 / base.js.p50 : NaN,
        });
      }
      bigLexicon = {
        terms: input.bigTerms.length,
        rows: bigRows,
        note: jsError === null ? '' : `the JavaScript alternation of these entries does not run in V8: ${jsError}`,
      };
    }
  }
  await page.close();
  return { isolated, terms: new Set(input.terms).size, warmUp, warmUpText: WARM_UP_SIZE, rows, overhead, bigLexicon, analysisAlone };
}

/**
 * Times the analysis alone (the benchmark build's `bench_analyse`) against the shipped build's
 * whole `handle` call on `text`, interleaved, after warming the benchmark's core up as the
 * shipped one was. Run before the larger lexicon is configured: both cores then have the
 * built-in policy.
 * @param {import('playwright-core').Page} page
 * @param {string} text
 * @param {import('./page-bench.mjs').Plan} plan
 * @param {number} warmUpMs
 * @returns {Promise<AnalysisAlone>}
 */
async function analysisAloneOn(page, text, plan, warmUpMs) {
  const r = await page.evaluate(
    ({ text, plan, warmUpMs }) => {
      const b = /** @type {any} */ (window).__bench;
      if (!b.analysis) return { error: b.analysisError };
      const engines = {
        analysis: (/** @type {string} */ t) => b.analysis.bench_analyse(t),
        handle: (/** @type {string} */ t) => b.glue.handle({ op: 'analyse', text: t, context: { lang: 'nb' } }),
      };
      const warmUp = b.warmUp(engines.analysis, text, warmUpMs);
      const samples = b.compare(engines, text, plan);
      return { samples, warmUp, findings: engines.analysis(text), handleFindings: engines.handle(text)?.findings?.length ?? -1 };
    },
    { text, plan, warmUpMs },
  );
  if (!('samples' in r)) throw new Error(`the benchmark's build of the core did not load: ${r.error}`);
  // Both cores have the built-in policy and default settings here: the same findings, or the
  // two figures would not be of the same work.
  if (r.findings !== r.handleFindings) throw new Error(`bench_analyse found ${r.findings}, handle ${r.handleFindings}: not the same analysis`);
  return {
    size: text.length,
    analysis: summary(r.samples.analysis.steady),
    handle: summary(r.samples.handle.steady),
    findings: r.findings,
    handleFindings: r.handleFindings,
    warmUp: r.warmUp,
  };
}

/**
 * Compiles the JavaScript matcher for `terms` in the page and defines both engines. V8 compiles a
 * `RegExp` on its first use and refuses one that is too large («Regular expression too large»):
 * the matcher is tried once on a short text, and the error, if any, is returned (the JavaScript
 * engine is then left out and only the core is timed).
 * @param {import('playwright-core').Page} page
 * @param {string[]} terms
 * @returns {Promise<string | null>}
 */
async function installEngines(page, terms) {
  return page.evaluate((terms) => {
    const b = /** @type {any} */ (window).__bench;
    const match = b.jsMatcher(terms);
    b.engines = {
      wasm: (/** @type {string} */ text) => b.glue.handle({ op: 'analyse', text, context: { lang: 'nb' } }),
      js: match,
    };
    try {
      match('en kort prøve');
      return null;
    } catch (e) {
      b.engines.js = () => [];
      return String(e instanceof Error ? e.message : e).replace(/^.*: /s, '').slice(0, 120);
    }
  }, terms);
}

/**
 * Times both engines on one text.
 * @param {import('playwright-core').Page} page
 * @param {string} text
 * @param {import('./page-bench.mjs').Plan} plan
 */
async function runSize(page, text, plan, withJs = true) {
  const r = await page.evaluate(
    ({ text, plan, withJs }) => {
      const b = /** @type {any} */ (window).__bench;
      const engines = withJs ? b.engines : { wasm: b.engines.wasm };
      const samples = b.compare(engines, text, plan);
      const wasmOut = b.engines.wasm(text);
      return {
        samples,
        wasmFindings: wasmOut?.findings?.length ?? -1,
        jsMatches: withJs ? b.engines.js(text).length : -1,
        error: wasmOut?.kind === 'error' ? wasmOut.message : null,
      };
    },
    { text, plan, withJs },
  );
  if (r.error) throw new Error(`the core answered an error: ${r.error}`);
  return {
    wasm: summary(r.samples.wasm.steady),
    wasmCold: summary(r.samples.wasm.cold),
    js: summary(r.samples.js?.steady ?? []),
    wasmFindings: r.wasmFindings,
    jsMatches: r.jsMatches,
  };
}

/** The core's warm-up before the first size: this long, on a text of this size. */
const WARM_UP_MS = 3_000;
const WARM_UP_SIZE = 2_000;

/** A JavaScript call estimated to take longer than this is not timed (it would take minutes). */
const JS_CALL_LIMIT_MS = 5_000;
