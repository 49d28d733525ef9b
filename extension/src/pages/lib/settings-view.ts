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
  /** Keys the person cannot change (`role`, `guidelines`, `guidelines.<id>`, `disabledSites`, `snoozes`, …). */
  locks: string[];
  /** Messages about IT settings that could not be used. */
  problems: string[];
}

/** A problem as the core reports it. */
interface Problem {
  key?: string;
  origin?: string;
  message?: string;
  messageEn?: string;
}

/** Loads the settings and merges them with the core (or, without a core, the same rules here). */
export async function loadSettings(): Promise<SettingsView> {
  const [managed, user] = await Promise.all([readManagedSettings(), readUserSettings()]);
  const answer = await askCore<Configured>({ op: 'configure', managed, user, uiLanguage: chrome.i18n.getUILanguage() }, 'configured');
  const effective = answer ? (answer.settings as SettingsObject) : mergeLocally(managed, user);
  const locks = answer && Array.isArray(answer.locks) ? answer.locks : locksFromPolicy(managed);
  const english = chrome.i18n.getUILanguage().startsWith('en');
  const problems = (answer?.problems ?? [])
    .filter((p) => (p as Problem)?.origin !== 'user')
    .map((p) => {
      const problem = p as Problem;
      const text = english ? (problem.messageEn ?? problem.message) : problem.message;
      return problem.key ? `${problem.key}: ${text ?? ''}` : String(text ?? '');
    });
  return { effective, managed, user, locks, problems };
}

/** The locks implied by IT's policy when the core cannot be asked (the same rules as the core). */
export function locksFromPolicy(managed: SettingsObject | null): string[] {
  if (!managed) return [];
  const locks = Object.keys(managed).filter((k) => k !== 'guidelines');
  for (const id of Object.keys(managed.guidelines ?? {})) locks.push(`guidelines.${id}`);
  if (managed.allowSnooze === false) locks.push('snoozes');
  if (managed.allowDisable === false) locks.push('enabled', 'disabledSites', 'guidelines');
  return locks;
}

/** Whether `key` is locked (`guidelines.<id>` is also locked by a lock on all of `guidelines`). */
export function isLocked(view: Pick<SettingsView, 'locks'>, key: string): boolean {
  return view.locks.includes(key) || (key.startsWith('guidelines.') && view.locks.includes('guidelines'));
}

/** The fallback merge when the core cannot be asked: IT wins where it locked, the person elsewhere. */
export function mergeLocally(managed: SettingsObject | null, user: SettingsObject): SettingsObject {
  const m = managed ?? {};
  const view = { locks: locksFromPolicy(managed) };
  const guidelines: NonNullable<SettingsObject['guidelines']> = { ...(m.guidelines ?? {}) };
  for (const [id, g] of Object.entries(user.guidelines ?? {})) {
    if (!isLocked(view, `guidelines.${id}`)) guidelines[id] = { ...(guidelines[id] ?? {}), ...g };
  }
  return {
    ...m,
    role: isLocked(view, 'role') ? m.role : (user.role ?? m.role ?? 'employee'),
    locale: user.locale ?? m.locale,
    guidelines,
    sites: { add: m.sites?.add ?? [], remove: m.sites?.remove ?? [] },
    disabledSites: isLocked(view, 'disabledSites') ? [] : (user.disabledSites ?? []),
    snoozes: isLocked(view, 'snoozes') ? {} : (user.snoozes ?? {}),
  };
}

/** IT set the role. */
export function roleLocked(view: SettingsView): boolean {
  return isLocked(view, 'role');
}

/** The person may not change this guideline's switch. */
export function guidelineLocked(view: SettingsView, id: string): boolean {
  return isLocked(view, `guidelines.${id}`);
}

/** The person may not change this site's switch (IT turned all switches off, or decided this site). */
export function siteLocked(view: SettingsView, host: string): boolean {
  const m = view.managed;
  return isLocked(view, 'disabledSites') || Boolean(m?.sites?.add?.includes(host) || m?.sites?.remove?.includes(host));
}

/** The person may pause reminders. */
export function snoozeAllowed(view: SettingsView): boolean {
  return !isLocked(view, 'snoozes');
}

/** Whether a guideline is on in the effective settings (on unless something turned it off). */
export function guidelineEnabled(effective: SettingsObject, id: string): boolean {
  return effective.guidelines?.[id]?.enabled !== false;
}

/** Whether reminders are on for `host` in the effective settings. */
export function siteEnabled(effective: SettingsObject, host: string): boolean {
  return effective.enabled !== false && !(effective.sites?.remove ?? []).includes(host) && !(effective.disabledSites ?? []).includes(host);
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

/** The language the person (or IT, as a default) chose; `undefined` means the browser's. */
export function chosenLocale(view: SettingsView): string | undefined {
  return view.user.locale ?? view.managed?.locale;
}
