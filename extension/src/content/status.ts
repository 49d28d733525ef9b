/**
 * Answers the toolbar popup's status question (docs/CONTRACTS.md § 7): Tenk deg om is active in
 * this tab, on which host, and who a comment here would be published as (from the focused
 * comment field, or the first one on the page). Only the top frame answers.
 *
 * In Chromium the popup asks by running a tiny function in this script's own world
 * (`chrome.scripting.executeScript` into the tab's top frame, `pages/popup.ts`), which calls the
 * function this module leaves on the world's global ({@link STATUS_KEY}): no `runtime.onMessage`
 * listener is added at start-up, so a page load does not pay for setting up `chrome.runtime`'s
 * bindings (≈ 0.8 ms of the content script's start-up, BENCHMARKS.md). The page cannot see or
 * call that global (it lives in the extension's isolated world). Firefox keeps the
 * `{type: "tenk/status"}` message.
 */
import type { IdentityResponse, SiteDecisionResponse } from '../common/core-api';
import type { TabStatus } from '../common/tab-status';
import { STATUS_KEY } from '../common/tab-status';
import { request, startCore } from './core-client';
import type { Field, FieldRegistry } from './field-registry';

/**
 * Answers the popup until `signal` aborts; only the top frame answers. `site` gives the core's
 * site decision for the frame (whether reminders are on here).
 */
export function answerStatus(registry: FieldRegistry, focused: () => Field | null, signal: AbortSignal, site: () => Promise<SiteDecisionResponse | null>): void {
  if (window !== window.top) return;
  const status = async (): Promise<TabStatus> => {
    try {
      const field = focused() ?? registry.fieldsWithin(document)[0] ?? null;
      let identity: IdentityResponse['identity'] | null = null;
      if (field) {
        await startCore();
        const who = await request<IdentityResponse>({ op: 'identity', candidates: field.adapter.identityCandidates(field.element) }, 'identity');
        identity = who?.identity ?? null;
      }
      return { active: true, host: location.host, identity, site: await site() };
    } catch {
      return { active: true, host: location.host, identity: null, site: null };
    }
  };
  if (__BROWSER__ === 'chrome') {
    const world = globalThis as unknown as Record<string, unknown>;
    world[STATUS_KEY] = status;
    // A copy that stands down (the extension reloaded: a newer copy takes over) stops answering.
    signal.addEventListener('abort', () => {
      if (world[STATUS_KEY] === status) delete world[STATUS_KEY];
    });
  } else {
    const listener = (msg: unknown, _sender: chrome.runtime.MessageSender, reply: (r: unknown) => void): boolean => {
      if ((msg as { type?: unknown } | null)?.type !== 'tenk/status') return false;
      void status().then(reply);
      return true;
    };
    chrome.runtime.onMessage.addListener(listener);
    // After the extension is reloaded, `chrome.runtime` is gone in this orphaned script.
    signal.addEventListener('abort', () => chrome.runtime?.onMessage?.removeListener(listener));
  }
}
