/**
 * The core as the service worker runs it, for content scripts on pages whose CSP forbids
 * WebAssembly in the content-script world. The bytes are fetched and compiled once per worker
 * lifetime, on the first request (extension pages allow `'wasm-unsafe-eval'`).
 */
import init, { handle } from 'tenk-wasm-glue';
import type { CoreRequest, CoreResponse } from '../common/core-api';

let ready: Promise<unknown> | undefined;

/** Answers one core request, starting the core first if this worker has not yet. */
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
  return handle(req) as CoreResponse;
}
