/**
 * «Legg til venn» on Facebook: a click on a friend-request button brings up a short,
 * dismissible reminder of the `clients-and-users` guideline, at most once a day. The click is
 * never stopped or delayed (a passive capture listener that only reads the button's label);
 * whether the label is a friend request and whether a day has passed are the core's decisions
 * (op `friendRequest`). Storage keeps only the time it was last shown (`local` ·
 * `friendReminderShown`), never a name.
 */
import type { CoreContext, FriendReminderResponse } from '../common/core-api';
import { currentLang } from '../common/i18n';
import { friendReminderShown, setFriendReminderShown } from '../common/user-state';
import { isButtonLike } from './adapters/types';
import { extensionAlive, request } from './core-client';
import { loadUi } from './ui-access';

/** Labels longer than this are not buttons' names and are not handed to the core. */
const MAX_LABEL = 60;

/** What the watcher needs from the content script. */
export interface FriendRequestDeps {
  /** Resolves once the UI language is chosen. */
  ready(): Promise<unknown>;
}

/** Watches trusted clicks on button-like elements until `signal` aborts. */
export function watchFriendRequests(deps: FriendRequestDeps, signal: AbortSignal): void {
  let busy = false;
  window.addEventListener(
    'click',
    (ev) => {
      if (!ev.isTrusted || busy) return;
      const control = ev.composedPath().find((t): t is HTMLElement => t instanceof Element && isButtonLike(t));
      const label = (control?.getAttribute('aria-label') ?? control?.textContent ?? '').replace(/\s+/g, ' ').trim();
      if (!label || label.length > MAX_LABEL) return;
      busy = true;
      void remind(label, deps).finally(() => (busy = false));
    },
    { capture: true, passive: true, signal },
  );
}

async function remind(label: string, deps: FriendRequestDeps): Promise<void> {
  const ask = async (lastShown: number | null): Promise<FriendReminderResponse | null> => {
    const context: CoreContext = { site: location.hostname, lang: currentLang() };
    return request<FriendReminderResponse>({ op: 'friendRequest', label, lastShown, now: Date.now(), context }, 'friendReminder');
  };
  // Storage is read only for a click the core calls a friend request.
  const first = await ask(null);
  if (!first?.show) return;
  await deps.ready();
  const res = await ask(await friendReminderShown());
  if (!res?.show) return;
  const ui = await loadUi(extensionAlive);
  if (!ui) return;
  await setFriendReminderShown();
  ui.showReminder(res.guideline, res.texts[res.guideline]);
}
