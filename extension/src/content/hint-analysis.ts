/**
 * Analyses a field's text for the inline hint without a long task on the page's main thread.
 *
 * Texts up to {@link OFF_THREAD_CHARS} UTF-16 units are analysed wherever the core runs for this
 * frame (the service worker, or Firefox's background page: one message round trip; in Firefox
 * when its background cannot answer, the page: one synchronous call, well under a frame at that
 * length). Longer texts (a large paste) go to the service worker, which runs the same core
 * on its own thread whatever the page's CSP: the whole text, so the result is exactly the one a
 * single call gives (no slicing that could cut a rule's word window). At most one long text is
 * in the worker at a time; while it runs, only the newest waiting text follows it. Every answer
 * that a newer call superseded resolves to `undefined`, so a late answer never replaces a newer one.
 *
 * The same text with the same context (focus coming back to a field, a typing pause without a
 * change) gets the last answer again without asking the core, until the settings change.
 */
import type { AnalysisResponse, CoreContext, CoreRequest } from '../common/core-api';
import { onReconfigured, request, requestOffThread } from './core-client';

/**
 * Longer texts are analysed in the service worker. The core takes ≈ 0.5–1 µs per character in
 * WebAssembly (BENCHMARKS.md), so 20,000 characters stay well under the 50 ms of a long task
 * even on a slow or busy machine, and where the core runs in the page (Firefox's fallback) a
 * 10,000-character comment stays there (no message hop). Beyond it the answer is also packed.
 */
export const OFF_THREAD_CHARS = 20_000;

/** The hint's analyses for one frame (newest wins). */
export class HintAnalysis {
  private generation = 0;
  /** Settles when the long text now in the worker is answered. */
  private worker: Promise<void> = Promise.resolve();
  /** The last answer and what it answered (text and context), while the settings stay the same. */
  private last: { text: string; context: string; res: AnalysisResponse } | undefined;

  constructor() {
    onReconfigured(() => (this.last = undefined));
  }

  /** Makes every analysis still running stale (the field was emptied: nothing to show). */
  supersede(): void {
    this.generation++;
  }

  /**
   * The core's analysis of `text` (`null`: the core is unavailable; fail open), or `undefined`
   * when a newer call was made meanwhile (its answer is the one to show).
   */
  async analyse(text: string, context: CoreContext): Promise<AnalysisResponse | null | undefined> {
    const mine = ++this.generation;
    const key = JSON.stringify(context);
    const last = this.last;
    if (last && last.text === text && last.context === key) return last.res;
    const req: CoreRequest = { op: 'analyse', text, context };
    if (text.length <= OFF_THREAD_CHARS) {
      const res = this.remember(text, key, await request<AnalysisResponse>(req, 'analysis'));
      return mine === this.generation ? res : undefined;
    }
    const before = this.worker;
    let done = (): void => {};
    this.worker = new Promise<void>((resolve) => (done = resolve));
    try {
      await before;
      if (mine !== this.generation) return undefined;
      const res = this.remember(text, key, await requestOffThread<AnalysisResponse>(req, 'analysis', text.length));
      return mine === this.generation ? res : undefined;
    } finally {
      done();
    }
  }

  /** Keeps a real answer (not a failure: the next call asks again) and returns it. */
  private remember(text: string, context: string, res: AnalysisResponse | null): AnalysisResponse | null {
    if (res) this.last = { text, context, res };
    return res;
  }
}
