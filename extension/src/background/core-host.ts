/**
 * The core as the service worker runs it, for content scripts on pages whose CSP forbids
 * WebAssembly in the content-script world. The bytes are fetched and compiled once per worker
 * lifetime, on the first request (extension pages allow `'wasm-unsafe-eval'`). Before its first
 * answer the core is configured with IT's policy and the person's settings, and again after
 * either changes.
 */
import init, { handle } from 'tenk-wasm-glue';
import type { CoreRequest, CoreResponse } from '../common/core-api';
import { configureRequest, onSettingsChanged } from '../common/core-settings';
import { warnOnce } from '../common/log';

let ready: Promise<unknown> | undefined;
let configured: Promise<void> | undefined;

// Registered at the worker's top level, so a policy change wakes the worker and is seen.
onSettingsChanged(() => {
  configured = undefined;
});

/** Configures the started core once per settings version; a failure leaves the defaults. */
function configure(): Promise<void> {
  configured ??= configureRequest().then(
    (req) => reportProblems(handle(req) as CoreResponse),
    () => {
      configured = undefined; // storage unreadable right now: try again on the next request
    },
  );
  return configured;
}

/** Puts what the core could not use from IT's policy in the worker's log (the options page shows it too). */
function reportProblems(res: CoreResponse): void {
  if (res.kind !== 'configured') return;
  for (const p of res.problems as { origin?: string; messageEn?: string }[]) {
    if (p.origin === 'managed' && p.messageEn) warnOnce(`IT policy: ${p.messageEn}`);
  }
}

/** Answers one core request, starting and configuring the core first if this worker has not yet. */
export async function answer(req: CoreRequest): Promise<CoreResponse> {
  ready ??= fetch(chrome.runtime.getURL('tenk.wasm'))
    .then((r) => r.arrayBuffer())
    .then((bytes) => init({ module_or_path: bytes }));
  try {
    await ready;
  } catch (e) {
    ready = undefined;
    return { kind: 'error', message: `The core could not start: ${String(e)}` }; // i18n-ok: diagnostics
  }
  await configure();
  return handle(req) as CoreResponse;
}
