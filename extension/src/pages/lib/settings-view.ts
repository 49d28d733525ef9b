/**
 * What the options page and the popup show about settings: the effective value of each
 * setting and whether IT locked it. The core merges (op `configure`); locks are read from IT's
 * policy itself, which is what «Styrt av IT-avdelingen» means.
 */
import type { Configured } from '../../common/core-types';
import { readManagedSettings, readUserSettings, type SettingsObject } from '../../common/user-state';
import { askCore } from './core';

/** Settings as the pages show them. */
export interface SettingsView {
  /** Defaults ← IT ← the person's own choices where not locked. */
  effective: SettingsObject;
  managed: SettingsObject | null;
  user: SettingsObject;
  /** Messages about IT settings that could not be used. */
  problems: string[];
}

/** Loads the settings and merges them with the core (or, without a core, the same rules here). */
export async function loadSettings(): Promise<SettingsView> {
  const [managed, user] = await Promise.all([readManagedSettings(), readUserSettings()]);
  const answer = await askCore<Configured>({ op: 'configure', managed, user, uiLanguage: chrome.i18n.getUILanguage() }, 'configured');
  const effective = answer ? (answer.settings as SettingsObject) : mergeLocally(managed, user);
  const problems = (answer?.problems ?? []).map((p) => (typeof p === 'string' ? p : String((p as { message?: unknown })?.message ?? JSON.stringify(p))));
  return { effective, managed, user, problems };
}

/** The fallback merge when the core cannot be asked: IT wins where it locked, the person elsewhere. */
export function mergeLocally(managed: SettingsObject | null, user: SettingsObject): SettingsObject {
  const m = managed ?? {};
  const guidelines: NonNullable<SettingsObject['guidelines']> = { ...(m.guidelines ?? {}) };
  for (const [id, g] of Object.entries(user.guidelines ?? {})) {
    if (!guidelineLocked(m, id)) guidelines[id] = { ...(guidelines[id] ?? {}), ...g };
  }
  const userRemove = (user.sites?.remove ?? []).filter((host) => !siteLocked(m, host));
  return {
    ...m,
    role: roleLocked(m) ? m.role : (user.role ?? m.role ?? 'employee'),
    locale: user.locale ?? m.locale,
    guidelines,
    sites: { add: m.sites?.add ?? [], remove: [...new Set([...(m.sites?.remove ?? []), ...userRemove])] },
  };
}

/** IT set the role. */
export function roleLocked(managed: SettingsObject | null): boolean {
  return Boolean(managed?.role);
}

/** The person may not change this guideline's switch. */
export function guidelineLocked(managed: SettingsObject | null, id: string): boolean {
  if (!managed) return false;
  return managed.allowDisable === false || managed.guidelines?.[id]?.enabled === false;
}

/** The person may not change this site's switch. */
export function siteLocked(managed: SettingsObject | null, host: string): boolean {
  if (!managed) return false;
  return managed.allowDisable === false || Boolean(managed.sites?.add?.includes(host) || managed.sites?.remove?.includes(host));
}

/** The person may pause reminders. */
export function snoozeAllowed(managed: SettingsObject | null): boolean {
  return managed?.allowSnooze !== false;
}

/** Whether a guideline is on in the effective settings (on unless something turned it off). */
export function guidelineEnabled(effective: SettingsObject, id: string): boolean {
  return effective.guidelines?.[id]?.enabled !== false;
}

/** Whether reminders are on for `host` in the effective settings. */
export function siteEnabled(effective: SettingsObject, host: string): boolean {
  return !(effective.sites?.remove ?? []).includes(host);
}

/**
 * The sites the extension looks at: the manifest's content-script hosts plus IT's additions,
 * in a stable order.
 */
export function knownSites(effective: SettingsObject): string[] {
  const hosts = new Set<string>();
  for (const cs of chrome.runtime.getManifest().content_scripts ?? []) {
    for (const pattern of cs.matches ?? []) {
      const host = /^[a-z*]+:\/\/([^/]+)\//.exec(pattern)?.[1];
      if (host && !host.includes('*')) hosts.add(host);
    }
  }
  for (const host of effective.sites?.add ?? []) hosts.add(host);
  return [...hosts];
}
