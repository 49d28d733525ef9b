/**
 * Answers the toolbar popup's `{type: "tenk/status"}` (docs/CONTRACTS.md § 7): Tenk deg om is
 * active in this tab, on which host, and who a comment here would be published as (from the
 * focused comment field, or the first one on the page).
 */
import type { IdentityResponse, SiteDecisionResponse } from '../common/core-api';
import { request, startCore } from './core-client';
import type { Field, FieldRegistry } from './field-registry';

/**
 * Listens for the popup's question until `signal` aborts; only the top frame answers. `site`
 * gives the core's site decision for the frame (whether reminders are on here).
 */
export function answerStatus(registry: FieldRegistry, focused: () => Field | null, signal: AbortSignal, site: () => Promise<SiteDecisionResponse | null>): void {
  if (window !== window.top) return;
  const listener = (msg: unknown, _sender: chrome.runtime.MessageSender, reply: (r: unknown) => void): boolean => {
    if ((msg as { type?: unknown } | null)?.type !== 'tenk/status') return false;
    void (async () => {
      const field = focused() ?? registry.fieldsWithin(document)[0] ?? null;
      let identity: IdentityResponse['identity'] | null = null;
      if (field) {
        await startCore();
        const who = await request<IdentityResponse>({ op: 'identity', candidates: field.adapter.identityCandidates(field.element) }, 'identity');
        identity = who?.identity ?? null;
      }
      reply({ active: true, host: location.host, identity, site: await site() });
    })().catch(() => reply({ active: true, host: location.host, identity: null, site: null }));
    return true;
  };
  chrome.runtime.onMessage.addListener(listener);
  // After the extension is reloaded, `chrome.runtime` is gone in this orphaned script.
  signal.addEventListener('abort', () => chrome.runtime?.onMessage?.removeListener(listener));
}
