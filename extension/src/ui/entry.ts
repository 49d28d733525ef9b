/**
 * Chromium's `ui.js`: the page UI (`index.ts`) as a bundle of its own, which the service worker
 * injects into a frame's content-script world on that frame's first focus of a comment field
 * (`content/ui-access.ts`), so that a page load compiles only the rest of the content script.
 * It only leaves the UI's API on the world's global, where the content script takes it.
 */
import * as ui from './index';
import { UI_KEY } from './key';

(globalThis as unknown as Record<string, unknown>)[UI_KEY] = ui;
