/**
 * The core inside the content script's own realm (Firefox only, when its background page cannot
 * answer: `core-client.ts` never calls this in the Chromium bundle, so esbuild leaves the WASM
 * glue out of it). The bytes come from
 * the extension (`tenk.wasm`, web-accessible on the built-in sites), once per frame.
 */
import init, { handle } from 'tenk-wasm-glue';
import type { CoreRequest, CoreResponse } from '../common/core-api';

/**
 * Starts the core here; false when this realm may not compile WebAssembly (a tiny probe module
 * tells, so the real bytes are fetched only when they can be used) or the core did not answer.
 * Throws when fetching or instantiating fails.
 */
export async function startHere(): Promise<boolean> {
  if (!wasmAllowedHere()) return false;
  const bytes = await (await fetch(chrome.runtime.getURL('tenk.wasm'))).arrayBuffer();
  await init({ module_or_path: bytes });
  const res = handleHere({ op: 'analyse', text: '', context: {} });
  return typeof res === 'object' && res !== null && res.kind === 'analysis';
}

/** One request to the core started here (synchronous). */
export function handleHere(req: CoreRequest): CoreResponse {
  return handle(req) as CoreResponse;
}

/** Whether this realm may compile WebAssembly (a page's CSP applies here in Chromium). */
function wasmAllowedHere(): boolean {
  try {
    // The smallest valid module: `\0asm`, version 1.
    new WebAssembly.Module(new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]));
    return true;
  } catch {
    return false;
  }
}
