// @ts-check
// Runs in the benchmark page (served as a module by wasm-vs-js.mjs): times the WASM core and the
// JavaScript matcher on the same texts, interleaved so that a noisy neighbour on a shared machine
// hurts both alike. Timers in a page are coarse (5 µs even when cross-origin isolated), so short
// calls are timed in batches long enough to measure and each sample is a batch's mean.
//
// Steady state, as criterion measures natively: each engine is first warmed up on the text for a
// set time (V8 compiles a WebAssembly function with its optimising tier only once it has run
// for a while, on background threads), and what the warm-up cost is returned to be reported.
// Each round then times one call alone (the «cold» call: the first after the other engine ran,
// with the caches and branch predictors full of its work, as for one analysis after a typing
// pause) and then a few batches (the steady state). Without the separate first call a 2 ms batch of
// the core after a 100 ms call of the JavaScript matcher counted that cold call in its mean.

/**
 * @typedef {(text: string) => unknown} Engine
 * @typedef {{ minBatchMs: number, samples: number, maxMs: number, warmupMs: number }} Plan
 * @typedef {{ firstMs: number, calls: number, ms: number, earlyMs: number, lateMs: number }} WarmUp
 *   the first call, how many calls and how long the warm-up took, and the mean call of its
 *   first and of its last tenth (the first call left out)
 * @typedef {{ steady: number[], cold: number[] }} Timing
 *   per-call times in ms: `steady` each batch's mean, `cold` each round's first call
 */

/**
 * Calls `fn` on `text` until `ms` milliseconds have passed, at least twice.
 * @param {Engine} fn
 * @param {string} text
 * @param {number} ms
 * @returns {WarmUp}
 */
export function warmUp(fn, text, ms) {
  /** @type {number[]} */
  const times = [];
  const start = performance.now();
  let t = start;
  while (times.length < 2 || t - start < ms) {
    fn(text);
    const now = performance.now();
    times.push(now - t);
    t = now;
  }
  const rest = times.slice(1);
  const tenth = Math.max(1, Math.floor(rest.length / 10));
  const mean = (/** @type {number[]} */ a) => a.reduce((x, y) => x + y, 0) / a.length;
  return { firstMs: times[0], calls: times.length, ms: t - start, earlyMs: mean(rest.slice(0, tenth)), lateMs: mean(rest.slice(-tenth)) };
}

/**
 * How many calls make one batch of at least `minBatchMs`.
 * @param {Engine} fn
 * @param {string} text
 * @param {number} minBatchMs
 */
function batchSize(fn, text, minBatchMs) {
  let k = 1;
  for (;;) {
    const t0 = performance.now();
    for (let i = 0; i < k; i++) fn(text);
    const dt = performance.now() - t0;
    if (dt >= minBatchMs || k >= 1 << 20) return k;
    k *= dt > 0 ? Math.min(16, Math.max(2, Math.ceil((minBatchMs / dt) * 1.2))) : 16;
  }
}

/**
 * One sample: the mean time of one call over a batch of `k`, in milliseconds.
 * @param {Engine} fn
 * @param {string} text
 * @param {number} k
 */
function sample(fn, text, k) {
  const t0 = performance.now();
  for (let i = 0; i < k; i++) fn(text);
  return (performance.now() - t0) / k;
}

/** Batches of an engine per round (a fast engine's batches are short beside a slow one's call). */
const BATCHES_PER_ROUND = 4;
/** A call at least this long (ms) is not timed again in its round: its first call is the sample. */
const SLOW_CALL_MS = 10;

/**
 * Times each engine on `text` after warming each up, interleaving the engines round by round:
 * in each round, each engine's first call alone, then a few batches.
 * @param {Record<string, Engine>} engines
 * @param {string} text
 * @param {Plan} plan
 * @returns {Record<string, Timing>} by engine name
 */
export function compare(engines, text, plan) {
  const names = Object.keys(engines);
  /** @type {Record<string, number>} */
  const k = {};
  /** @type {Record<string, Timing>} */
  const out = {};
  for (const n of names) {
    // Brief: the page's warm-up before the first size is the one reported.
    warmUp(engines[n], text, plan.warmupMs);
    k[n] = batchSize(engines[n], text, plan.minBatchMs);
    out[n] = { steady: [], cold: [] };
  }
  const start = performance.now();
  while (names.some((n) => out[n].steady.length < plan.samples)) {
    for (const n of names) {
      if (out[n].steady.length >= plan.samples) continue;
      const cold = sample(engines[n], text, 1);
      out[n].cold.push(cold);
      // A slow call (the JavaScript matcher on long texts) is its own steady sample.
      if (cold >= SLOW_CALL_MS) out[n].steady.push(cold);
      else for (let j = 0; j < BATCHES_PER_ROUND && out[n].steady.length < plan.samples; j++) out[n].steady.push(sample(engines[n], text, k[n]));
    }
    if (performance.now() - start > plan.maxMs && names.every((n) => out[n].steady.length >= 5)) break;
  }
  return out;
}
