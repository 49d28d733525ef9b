/**
 * One content script per frame, also across an extension reload or update.
 *
 * The service worker injects the content script into pages that were already open
 * (`background/reattach.ts`). Such a page may still hold the old copy, orphaned when its
 * extension went away (it stands down on its own at its next event), and in a race the browser's
 * own injection and the worker's can both reach a freshly loaded page. So a starting copy:
 * - stays out when a live copy already guards this frame (same extension, same isolated world:
 *   a global of that world, which the page cannot see);
 * - otherwise makes an orphaned copy stand down now (hint, dialog, listeners and its UI element
 *   gone): directly when it shares this world, else by a DOM event that only an orphaned copy acts
 *   on, so a page sending the event cannot switch a live copy off;
 * - and removes any `<tenk-deg-om>` element still left: one from a copy that cannot hear the event
 *   (a version from before this module, or a Firefox copy whose sandbox is gone with its add-on).
 * The field and its text are never touched.
 */

/** The DOM event a starting copy sends to orphaned ones (no data). */
const TAKEOVER_EVENT = 'tenk-deg-om:takeover';
/** The isolated world's record of the copy that guards this frame. */
const KEY = '__tenkDegOmContentScript';

interface Copy {
  alive(): boolean;
  standDown(): void;
}

/**
 * Claims this frame for the calling copy. Returns false (start nothing) when a live copy already
 * guards it; otherwise stands any orphaned copy down and returns true. `standDown` is called
 * when a later copy takes over; listening ends with `signal`.
 */
export function claimFrame(alive: () => boolean, standDown: () => void, signal: AbortSignal): boolean {
  const world = globalThis as unknown as Record<string, Copy | undefined>;
  const previous = world[KEY];
  if (previous?.alive()) return false;
  previous?.standDown();
  document.dispatchEvent(new CustomEvent(TAKEOVER_EVENT));
  // Every copy puts its element at the top of the document (`ui/root.ts`): only the root's
  // children are looked at, not the whole (possibly huge) page.
  for (const el of Array.from(document.documentElement.children)) if (el.localName === 'tenk-deg-om') el.remove();
  world[KEY] = { alive, standDown };
  document.addEventListener(
    TAKEOVER_EVENT,
    () => {
      if (!alive()) standDown();
    },
    { signal },
  );
  return true;
}
