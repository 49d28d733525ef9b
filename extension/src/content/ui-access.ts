/**
 * The content script's door to the page UI (`ui/index.ts`: hint, card, dialog, underline,
 * reminder and their CSS, ≈ 45 % of the content script).
 *
 * In Chromium the UI is not part of `content.js`: a page load would compile it for nothing on
 * every page, most of which never show a hint (the start-up target, BENCHMARKS.md). The first
 * focus of a comment field asks the service worker to inject `ui.js` into this frame
 * (`chrome.scripting.executeScript` with the sender's tab, frame and document: the extension's
 * own file, into its own isolated world, where it leaves its API on the world's global). No file
 * is exposed to pages. It loads while the typing pause runs, so the first hint does not wait for
 * it; a submit held before it is there waits for it. When it cannot be loaded, nothing is shown
 * and a held submit goes through (fail open). In Firefox the UI is bundled in as before.
 *
 * The synchronous calls (hide, close, «is this our UI», «has it focus») answer as if no UI
 * existed until it is loaded, which is true.
 */
import * as bundledUi from '../ui';
import { UI_KEY, UI_MESSAGE } from '../ui/key';
import { sendToWorker } from './worker-channel';

/** The UI's API. */
export type Ui = typeof bundledUi;

let loaded: Ui | undefined;
let loading: Promise<Ui | null> | undefined;

/** The UI, loading it on the first call (Chromium); `null` when it cannot be loaded. */
export function loadUi(alive: () => boolean): Promise<Ui | null> {
  if (__BROWSER__ !== 'chrome') return Promise.resolve((loaded = bundledUi));
  loading ??= inject(alive).then((ui) => {
    if (!ui) loading = undefined; // asked again next time (a stopped worker, a busy machine)
    return (loaded = ui ?? undefined) ?? null;
  });
  return loading;
}

async function inject(alive: () => boolean): Promise<Ui | null> {
  const world = globalThis as unknown as Record<string, Ui | undefined>;
  // A copy orphaned by an extension reload may have left its own UI here: never use that one.
  delete world[UI_KEY];
  try {
    const res = await sendToWorker<{ ok?: boolean } | undefined>({ type: UI_MESSAGE }, alive);
    return res?.ok ? (world[UI_KEY] ?? null) : null;
  } catch {
    return null;
  }
}

/** The UI if it is loaded (Chromium: after the first focus), else `undefined`. */
export function uiIfLoaded(): Ui | undefined {
  return __BROWSER__ === 'chrome' ? loaded : bundledUi;
}
