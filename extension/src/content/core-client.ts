/**
 * The content script's door to the Rust core.
 *
 * In Chromium the core always answers from the service worker, by message: building the engine
 * (the automaton over ≈ 9,300 patterns) is one synchronous WASM call of 57–81 ms, which in the
 * page would be a long task on its main thread at the first focus; in the worker it runs on the
 * worker's own thread, and the answers cost the page a message round trip (≈ 3 ms), not the
 * analysis. (A page whose CSP lacks `'wasm-unsafe-eval'` also blocks WebAssembly here in
 * Chromium.) The Chromium bundle carries no WASM glue at all (`__BROWSER__`).
 *
 * Firefox does the same with its background page (`background.scripts`, the same glue): the
 * engine build in the content script was one task of ≈ 55–110 ms on the page's main thread at the
 * first focus (BENCHMARKS.md, `tools/bench/firefox-first-focus.mjs`). Only when the background
 * cannot answer does the core start right here (`local-core.ts`: synchronous answers, no message
 * hop), where Firefox's content scripts may compile WebAssembly whatever the page's CSP. Where the
 * core runs is found out once per frame, lazily (on the first focus of a comment field). If
 * nothing answers, every answer is `null` and callers fail open: the page behaves exactly as
 * without the extension. The failure is logged once. A message to the worker is bounded in time
 * and sent once more if the browser stopped the worker under it (`worker-channel.ts`).
 *
 * A core in this frame is configured (IT's policy and the person's settings, raw) before its
 * first answer and again whenever either changes; the service worker does the same for its own.
 * `onReconfigured` listeners hear about a change once the core in use has it.
 *
 * On a site IT added by policy `tenk.wasm` is not web-accessible (the manifest's list is the
 * built-in sites), so the frame is told to use the service worker's core (`useWorkerCore`).
 */
import { CORE_MESSAGE, type CoreMessage, type CoreRequest, type CoreResponse } from '../common/core-api';
import { configureRequest, onSettingsChanged } from '../common/core-settings';
import { warnOnce } from '../common/log';
import { WORKER_ATTEMPT_MS, WorkerTimeout, sendToWorker } from './worker-channel';
import { unpackFindings, type MaybePacked } from '../common/packed-findings';
import { handleHere, startHere } from './local-core';
import { CORE_PART_MESSAGE, PART_CHARS, splitText, type PartMessage } from '../common/text-parts';

/** Where the core runs for this frame. */
export type CoreMode = 'local' | 'worker' | 'off';

let started: Promise<CoreMode> | undefined;
let mode: CoreMode | undefined;
let workerOnly = false;
const reconfigured = new Set<() => void>();

/** Use the service worker's core in this frame (call before the first request). */
export function useWorkerCore(): void {
  workerOnly = true;
}

/** Calls `listener` after a settings change has reached the core this frame uses. */
export function onReconfigured(listener: () => void): void {
  reconfigured.add(listener);
}

function notifyReconfigured(): void {
  for (const listener of reconfigured) listener();
}

/** Starts the core (once per frame) and resolves to where it runs. */
export function startCore(): Promise<CoreMode> {
  started ??= detect().then(
    (m) => (mode = m),
    (e: unknown) => {
      // The worker did not answer in time (a cold worker on a busy machine, or the browser still
      // loading IT's policy right after it started): this request fails open, the next one asks again.
      warnOnce('the core did not answer in time; asking again on the next request', e);
      started = undefined;
      return 'off' as const;
    },
  );
  return started;
}

/** Where the core runs, or `undefined` while it is still starting (or not started). */
export function coreMode(): CoreMode | undefined {
  return mode;
}

/** True while the extension that injected this script is still installed and enabled. */
export function extensionAlive(): boolean {
  try {
    return Boolean(chrome.runtime?.id);
  } catch {
    return false;
  }
}

/**
 * Asks the core. Resolves to `null` when the core is unavailable or answered with an error,
 * so every caller can fail open with one check.
 */
export async function request<R extends CoreResponse>(req: CoreRequest, kind: R['kind']): Promise<R | null> {
  const where = await startCore();
  try {
    const res = __BROWSER__ !== 'chrome' && where === 'local' ? handleHere(req) : where === 'worker' ? await askWorker(req) : null;
    return accept<R>(res, kind);
  } catch (e) {
    warnOnce('core request failed; the page works as without the extension', e);
    return null;
  }
}

/**
 * Asks the core off this page's main thread: in the service worker (its own thread), whatever
 * the page's CSP. For work too long for one task here (a very long text): `size` (characters)
 * lengthens the worker's time limit, at 1 ms per 100 characters over the usual limit. Falls
 * back to {@link request} when the worker cannot answer, so the answer stays the core's; when
 * the worker only ran out of time it fails open (`null`) rather than block the page instead.
 */
export async function requestOffThread<R extends CoreResponse>(req: CoreRequest, kind: R['kind'], size = 0): Promise<R | null> {
  if ((await startCore()) === 'off') return null;
  try {
    const limit = WORKER_ATTEMPT_MS + Math.ceil(size / 100);
    const raw = req.op === 'analyse' && req.text.length > PART_CHARS ? await askWorkerInParts(req, limit) : await askWorker(req, limit, true);
    if (raw === PARTS_LOST) return null;
    const res = accept<R>(unpackFindings(raw), kind);
    if (res) return res;
  } catch (e) {
    if (e instanceof WorkerTimeout) {
      warnOnce('the service worker took too long with a very long text; no hint for it', e);
      return null;
    }
    warnOnce('the service worker could not answer; asking the core in the page', e);
  }
  return request(req, kind);
}

/**
 * Answers synchronously when the core runs in this frame; `undefined` when it cannot (not
 * started, or in the service worker) so the caller takes the asynchronous path.
 */
export function requestNow<R extends CoreResponse>(req: CoreRequest, kind: R['kind']): R | null | undefined {
  if (__BROWSER__ === 'chrome' || mode !== 'local') return undefined;
  try {
    return accept<R>(handleHere(req), kind);
  } catch (e) {
    warnOnce('core request failed; the page works as without the extension', e);
    return null;
  }
}

function accept<R extends CoreResponse>(res: CoreResponse | null | undefined, kind: R['kind']): R | null {
  if (!res || typeof res !== 'object') return null;
  if (res.kind === kind) return res as R;
  if (res.kind === 'error') warnOnce(`core error: ${res.message}`);
  return null;
}

async function detect(): Promise<CoreMode> {
  if (!extensionAlive()) return 'off';
  let failure: unknown;
  try {
    if (accept(await askWorker({ op: 'analyse', text: '', context: {} }), 'analysis')) {
      // The worker configures its own core on the same change before it answers again.
      onSettingsChanged(notifyReconfigured);
      return 'worker';
    }
  } catch (e) {
    failure = e;
  }
  // Firefox: the background could not answer, so the core starts in this frame instead.
  if (__BROWSER__ !== 'chrome' && !workerOnly) {
    try {
      if (await startHere()) {
        await configureHere();
        onSettingsChanged(() => void configureHere().then(notifyReconfigured));
        return 'local';
      }
    } catch (e) {
      warnOnce('the core could not start in the page either', e); // i18n-ok: diagnostics
    }
  }
  if (failure instanceof WorkerTimeout) throw failure; // not for good: `startCore` asks again next time
  warnOnce('the core is unavailable; the page works as without the extension', failure);
  return 'off';
}

/** Configures the core in this frame with the settings stored now (defaults if unreadable). */
async function configureHere(): Promise<void> {
  try {
    accept(handleHere(await configureRequest()), 'configured');
  } catch (e) {
    warnOnce('settings could not be read; the core uses its defaults', e);
  }
}

async function askWorker(req: CoreRequest, attemptMs?: number, pack = false, parts?: CoreMessage['parts']): Promise<MaybePacked | null> {
  if (!extensionAlive()) return null;
  const message: CoreMessage = pack ? { type: CORE_MESSAGE, request: req, pack, ...(parts && { parts }) } : { type: CORE_MESSAGE, request: req };
  return sendToWorker<MaybePacked | null>(message, extensionAlive, attemptMs);
}

/** The worker lost the parts twice (it was stopped while they were on their way): no answer. */
const PARTS_LOST = Symbol('parts lost');
let partsSent = 0;

/**
 * Sends a long text's analysis in parts (`common/text-parts.ts`): each part once the worker has
 * taken the one before (so each is serialised in a task of its own), then the request naming
 * them, answered packed. A worker stopped meanwhile forgets the parts it had: they are all sent
 * once more (to the fresh worker), and after a second loss the hint fails open for this text.
 */
async function askWorkerInParts(req: Extract<CoreRequest, { op: 'analyse' }>, attemptMs: number): Promise<MaybePacked | null | typeof PARTS_LOST> {
  const parts = splitText(req.text);
  for (let attempt = 0; attempt < 2; attempt++) {
    const id = `${Date.now().toString(36)}-${++partsSent}`;
    for (let index = 0; index < parts.length; index++) {
      if (!extensionAlive()) return null;
      const part: PartMessage = { type: CORE_PART_MESSAGE, id, index, part: parts[index]! };
      await sendToWorker(part, extensionAlive);
    }
    const res = await askWorker({ ...req, text: '' }, attemptMs, true, { id, count: parts.length });
    if (!(res && res.kind === 'error' && (res as { partsMissing?: unknown }).partsMissing === true)) return res;
  }
  return PARTS_LOST;
}
