// @ts-check
// Runs in the benchmark page (served as a module by wasm-vs-js.mjs): times the WASM core and the
// JavaScript matcher on the same texts, interleaved so that a noisy neighbour on a shared machine
// hurts both alike. Timers in a page are coarse (5 µs even when cross-origin isolated), so short
// calls are timed in batches long enough to measure and each sample is a batch's mean.

/**
 * @typedef {(text: string) => unknown} Engine
 * @typedef {{ minBatchMs: number, samples: number, maxMs: number }} Plan
 */

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

/**
 * Times each engine on `text`, interleaving batches of all engines round by round.
 * @param {Record<string, Engine>} engines
 * @param {string} text
 * @param {Plan} plan
 * @returns {Record<string, number[]>} per-call times in ms, by engine name
 */
export function compare(engines, text, plan) {
  const names = Object.keys(engines);
  /** @type {Record<string, number>} */
  const k = {};
  /** @type {Record<string, number[]>} */
  const out = {};
  for (const n of names) {
    engines[n](text); // warm up (JIT, caches)
    k[n] = batchSize(engines[n], text, plan.minBatchMs);
    out[n] = [];
  }
  const start = performance.now();
  while (names.some((n) => out[n].length < plan.samples)) {
    for (const n of names) if (out[n].length < plan.samples) out[n].push(sample(engines[n], text, k[n]));
    if (performance.now() - start > plan.maxMs && names.every((n) => out[n].length >= 5)) break;
  }
  return out;
}
