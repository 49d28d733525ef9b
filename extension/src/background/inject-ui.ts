/**
 * Chromium: puts the page UI (`ui.js`, the extension's own file) into the content-script world of
 * the frame that asked (`content/ui-access.ts`), on that frame's first focus of a comment field.
 * Only a content script's frame, only its own document (a frame that navigated meanwhile gets
 * nothing), and only where the extension's host permissions allow scripting: the sites the
 * content script runs on (docs/permissions.md, `scripting`).
 */

/** Injects `ui.js` into the sender's frame; false when it could not. */
export async function injectUi(sender: chrome.runtime.MessageSender): Promise<boolean> {
  const tabId = sender.tab?.id;
  if (tabId === undefined || sender.frameId === undefined) return false;
  const target: chrome.scripting.InjectionTarget = sender.documentId ? { tabId, documentIds: [sender.documentId] } : { tabId, frameIds: [sender.frameId] };
  try {
    await chrome.scripting.executeScript({ target, files: ['ui.js'], injectImmediately: true });
    return true;
  } catch {
    return false;
  }
}
