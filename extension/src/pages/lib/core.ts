/**
 * Pages ask the same core the content script uses, through the service worker
 * (`{type: "tenk/core", request}`, docs/CONTRACTS.md § 4).
 */
import type { CoreError } from '../../common/core-types';

/** How often a request is tried when the worker is waking up or restarting (no answer at all). */
const ATTEMPTS = 3;

/** Sends one request; resolves to the answer, or `null` when the core is unavailable or answered an error. */
export async function askCore<T extends { kind: string }>(request: Record<string, unknown>, kind: T['kind']): Promise<T | null> {
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    try {
      const answer = (await chrome.runtime.sendMessage({ type: 'tenk/core', request })) as T | CoreError | undefined;
      if (answer && answer.kind === kind) return answer as T;
      if (answer && answer.kind === 'error') {
        console.warn('Tenk deg om: core', (answer as CoreError).message);
        return null;
      }
    } catch (e) {
      if (attempt === ATTEMPTS) console.warn('Tenk deg om: core unavailable', e);
    }
    await new Promise((resolve) => setTimeout(resolve, 150 * attempt));
  }
  return null;
}
