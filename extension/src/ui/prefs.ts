/**
 * What the in-page UI needs to know about the person's pauses and IT's locks, kept in memory and
 * refreshed when storage changes, so the hint can decide synchronously.
 */
import { chooseLanguage } from '../common/i18n';
import { dismissedOn, readManagedSettings, readUserSettings, snoozedUntil } from '../common/user-state';

/** The current state for this site. */
export interface HintPrefs {
  /** Reminders rest on this site (the popup's pause). */
  snoozed: boolean;
  /** Guideline ids hidden here for today. */
  dismissed: Set<string>;
  /** «Ikke vis dette igjen på denne siden i dag» is allowed (IT did not lock it). */
  canDismiss: boolean;
  /** The person's role (IT's setting wins). */
  role: 'employee' | 'leader';
}

const prefs: HintPrefs = { snoozed: false, dismissed: new Set(), canDismiss: true, role: 'employee' };
let started = false;

async function refresh(): Promise<void> {
  try {
    const host = location.host;
    const [until, dismissed, managed, user] = await Promise.all([snoozedUntil(host), dismissedOn(host), readManagedSettings(), readUserSettings()]);
    prefs.snoozed = until !== null && managed?.allowSnooze !== false;
    prefs.role = managed?.role ?? user.role ?? 'employee';
    await chooseLanguage(user.locale ?? managed?.locale);
    prefs.dismissed = dismissed;
    prefs.canDismiss = managed?.allowSnooze !== false && managed?.allowDisable !== false;
  } catch {
    /* the extension was reloaded under the page: keep the last known state */
  }
}

/** The state for this site (loads it on first use; defaults until then). */
export function hintPrefs(): HintPrefs {
  if (!started) {
    started = true;
    loaded = refresh();
    try {
      chrome.storage.onChanged.addListener(() => void refresh());
    } catch {
      /* no storage events without a live extension */
    }
  }
  return prefs;
}

let loaded: Promise<void> | undefined;

/** Resolves once the state has been read (at most once per page; later changes arrive by event). */
export async function loadHintPrefs(): Promise<HintPrefs> {
  hintPrefs();
  loaded ??= refresh();
  await loaded;
  return prefs;
}
