/**
 * What the options page and the popup show about settings: the effective value of each
 * setting and whether IT locked it, both as the core's `configure` op answers (through the
 * service worker). There is no second merge here: when the core cannot answer, the page says
 * «Innstillingene kunne ikke lastes» instead of guessing.
 */
import type { AddedSite, ConfiguredResponse } from '../../common/core-api';
import { readManagedSettings, readUserSettings, type SettingsObject } from '../../common/user-state';
import { askCore } from './core';

/** Settings as the pages show them. */
export interface SettingsView {
  /** Defaults ← IT ← the person's own choices where not locked (the core's merge). */
  effective: SettingsObject;
  managed: SettingsObject | null;
  user: SettingsObject;
  /** Keys the person cannot change (`role`, `guidelines`, `guidelines.<id>`, `disabledSites`, `snoozes`, …). */
  locks: string[];
  /** Messages about IT settings that could not be used. */
  problems: string[];
  /** Sites IT added that need a run-time content script, with their match patterns. */
  addedSites: AddedSite[];
}

/** A problem as the core reports it. */
interface Problem {
  key?: string;
  origin?: string;
  message?: string;
  messageEn?: string;
}

/** Loads the settings as the core merges them; `null` when the core cannot answer. */
export async function loadSettings(): Promise<SettingsView | null> {
  const [managed, user] = await Promise.all([readManagedSettings(), readUserSettings()]);
  const answer = await askCore<ConfiguredResponse>({ op: 'configure', managed, user, uiLanguage: chrome.i18n.getUILanguage() }, 'configured');
  if (!answer) return null;
  const english = chrome.i18n.getUILanguage().startsWith('en');
  const problems = (answer.problems ?? [])
    .filter((p) => (p as Problem)?.origin !== 'user')
    .map((p) => {
      const problem = p as Problem;
      const text = english ? (problem.messageEn ?? problem.message) : problem.message;
      return problem.key ? `${problem.key}: ${text ?? ''}` : String(text ?? '');
    });
  return {
    effective: answer.settings as SettingsObject,
    managed,
    user,
    locks: Array.isArray(answer.locks) ? answer.locks : [],
    problems,
    addedSites: Array.isArray(answer.addedSites) ? answer.addedSites : [],
  };
}

/** Whether `key` is locked (`guidelines.<id>` is also locked by a lock on all of `guidelines`). */
export function isLocked(view: Pick<SettingsView, 'locks'>, key: string): boolean {
  return view.locks.includes(key) || (key.startsWith('guidelines.') && view.locks.includes('guidelines'));
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
export function chosenLocale(view: SettingsView | null): string | undefined {
  return view ? (view.user.locale ?? view.managed?.locale) : undefined;
}
