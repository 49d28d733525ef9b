/**
 * What the extension keeps about the person, and nothing more: their own settings
 * (`storage.sync` key `settings`: the core's user keys, including pauses per site in `snoozes`)
 * and reminders dismissed for today (`storage.local` key `dismissed`). Never any text.
 * See docs/CONTRACTS.md § 7.
 */

/** A guideline id from docs/CONTRACTS.md § 1. */
export type GuidelineId = string;

/** Settings keys shared by IT's policy and the person's own choices (docs/deploy/settings.md). */
export interface SettingsObject {
  organisation?: string;
  role?: 'employee' | 'leader';
  guidelines?: Record<GuidelineId, { enabled?: boolean; severity?: 'info' | 'warn' }>;
  sites?: { add?: string[]; remove?: string[] };
  identityPrompt?: 'first-per-site-session' | 'always' | 'never';
  contact?: { email?: string; text?: string };
  locale?: string;
  allowSnooze?: boolean;
  allowDisable?: boolean;
  customPolicy?: string;
  showOnboarding?: boolean;
  /** The person's main switch (user key). */
  enabled?: boolean;
  /** Hosts the person turned reminders off for (user key). */
  disabledSites?: string[];
  /** Host → epoch milliseconds until which reminders rest there (user key). */
  snoozes?: Record<string, number>;
}

/** Host → guideline id → epoch milliseconds until which that reminder stays hidden there. */
export type Dismissed = Record<string, Record<GuidelineId, number>>;

/** The person's own settings (empty object when none). */
export async function readUserSettings(): Promise<SettingsObject> {
  const got = await chrome.storage.sync.get('settings');
  const value = got.settings as unknown;
  return value && typeof value === 'object' ? (value as SettingsObject) : {};
}

/** Saves the person's own settings whole. */
export async function writeUserSettings(settings: SettingsObject): Promise<void> {
  await chrome.storage.sync.set({ settings });
}

/** IT's managed policy, or `null` when there is none or the browser has no managed storage. */
export async function readManagedSettings(): Promise<SettingsObject | null> {
  try {
    const got = (await chrome.storage.managed.get(null)) as SettingsObject;
    return got && Object.keys(got).length > 0 ? got : null;
  } catch {
    return null;
  }
}

/** The end of the local day containing `now`, in epoch milliseconds. */
export function endOfDay(now: number = Date.now()): number {
  const d = new Date(now);
  d.setHours(23, 59, 59, 999);
  return d.getTime();
}

/** When reminders on `host` wake up again, or `null` when they are not paused. */
export async function snoozedUntil(host: string, now: number = Date.now()): Promise<number | null> {
  const until = (await readUserSettings()).snoozes?.[host];
  return typeof until === 'number' && until > now ? until : null;
}

/** Pauses reminders on `host` until `until`; `null` ends the pause. Expired pauses are dropped. */
export async function setSnooze(host: string, until: number | null, now: number = Date.now()): Promise<void> {
  const settings = await readUserSettings();
  const next: Record<string, number> = {};
  for (const [h, u] of Object.entries(settings.snoozes ?? {})) if (u > now && h !== host) next[h] = u;
  if (until !== null && until > now) next[host] = until;
  await writeUserSettings({ ...settings, snoozes: next });
}

/** Hides the reminder for `guideline` on `host` for the rest of today. */
export async function dismissForToday(host: string, guideline: GuidelineId, now: number = Date.now()): Promise<void> {
  const { dismissed = {} } = (await chrome.storage.local.get('dismissed')) as { dismissed?: Dismissed };
  const next: Dismissed = {};
  for (const [h, ids] of Object.entries(dismissed)) {
    const kept = Object.fromEntries(Object.entries(ids).filter(([, u]) => u > now));
    if (Object.keys(kept).length) next[h] = kept;
  }
  next[host] = { ...(next[host] ?? {}), [guideline]: endOfDay(now) };
  await chrome.storage.local.set({ dismissed: next });
}

/** Guideline ids hidden for today on `host`. */
export async function dismissedOn(host: string, now: number = Date.now()): Promise<Set<GuidelineId>> {
  const { dismissed = {} } = (await chrome.storage.local.get('dismissed')) as { dismissed?: Dismissed };
  return new Set(Object.entries(dismissed[host] ?? {}).filter(([, u]) => u > now).map(([id]) => id));
}

/** When the friend-request reminder was last shown (epoch ms), or `null`: a time, never a name. */
export async function friendReminderShown(): Promise<number | null> {
  const { friendReminderShown: at } = (await chrome.storage.local.get('friendReminderShown')) as { friendReminderShown?: unknown };
  return typeof at === 'number' && Number.isFinite(at) ? at : null;
}

/** Records that the friend-request reminder was shown at `now`. */
export async function setFriendReminderShown(now: number = Date.now()): Promise<void> {
  await chrome.storage.local.set({ friendReminderShown: now });
}
