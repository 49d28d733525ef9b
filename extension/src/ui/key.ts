/** The name `ui.js` leaves the UI's API under on the content script's world's global (Chromium). */
export const UI_KEY = '__tenkDegOmUi';

/** Message type: a content script asks the service worker to inject `ui.js` into its frame. */
export const UI_MESSAGE = 'tenk/ui';
