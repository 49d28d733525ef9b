// @ts-check
// Small statistics for benchmark samples: percentiles and readable durations.

/**
 * The p-th percentile (0–100) of `samples` by nearest rank; NaN for no samples.
 * @param {number[]} samples
 * @param {number} p
 */
export function percentile(samples, p) {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

/**
 * p50 and p95 of `samples`.
 * @param {number[]} samples
 * @returns {{ p50: number, p95: number, n: number }}
 */
export function summary(samples) {
  return { p50: percentile(samples, 50), p95: percentile(samples, 95), n: samples.length };
}

/**
 * A duration in milliseconds shown in the unit that suits it (µs below 1 ms).
 * @param {number} ms
 */
export function duration(ms) {
  if (!Number.isFinite(ms)) return 'n/a';
  if (ms < 1) return `${(ms * 1000).toFixed(ms < 0.01 ? 2 : 1)} µs`;
  if (ms < 100) return `${ms.toFixed(2)} ms`;
  return `${ms.toFixed(0)} ms`;
}

/**
 * A ratio such as `7.3×`.
 * @param {number} r
 */
export function times(r) {
  return Number.isFinite(r) ? `${r.toFixed(r < 10 ? 2 : 1)}×` : 'n/a';
}
