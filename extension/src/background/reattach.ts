/**
 * Puts the content script back into pages that were open when the extension was installed,
 * updated or reloaded. Chromium injects declared content scripts only into pages loaded after
 * that: an open page keeps at most the old, orphaned copy, which stands down (fail open), so a
 * comment half written there would go unguarded until the page is reloaded. On install and update
 * (a reload is an update) the worker injects the manifest's content scripts into the matching
 * open tabs and frames; the fresh copy takes over from an orphaned one
 * (`content/takeover.ts`). Firefox injects declared content scripts into open tabs itself, so
 * this does nothing there.
 *
 * The page-world script (`world: "MAIN"`) is injected on install only: after an update or reload
 * its patch from the page's first load is still in place (it holds no extension state) and
 * works with the new content script; a second copy would wrap `form.submit()` twice.
 */

/** Injects the content scripts into the open tabs that match them; failures are ignored. */
export async function reattachOpenTabs(reason: string): Promise<void> {
  if (reason !== 'install' && reason !== 'update') return;
  if (chrome.runtime.getURL('').startsWith('moz-extension:')) return; // Firefox does it itself
  for (const script of chrome.runtime.getManifest().content_scripts ?? []) {
    const world = (script as { world?: chrome.scripting.ExecutionWorld }).world ?? 'ISOLATED';
    if (!script.js?.length || !script.matches?.length || (world === 'MAIN' && reason !== 'install')) continue;
    const tabs = await chrome.tabs.query({ url: script.matches, discarded: false });
    await Promise.all(
      tabs.map((tab) =>
        tab.id === undefined
          ? undefined
          : chrome.scripting
              .executeScript({ target: { tabId: tab.id, allFrames: script.all_frames ?? false }, files: script.js!, world, injectImmediately: true })
              .catch(() => undefined), // a tab that navigated away, a frame the extension may not script
      ),
    );
  }
}
