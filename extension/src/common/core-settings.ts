/**
 * Keeps a core configured with the settings in force: IT's managed policy
 * (`chrome.storage.managed`) and the person's own settings (`storage.sync` key `settings`),
 * passed raw to the core's `configure` op, which validates and merges them. Both places the
 * core runs (the content script and the service worker) use this, and configure again when
 * either source changes (`storage.onChanged`), so a new policy applies without a restart.
 */
import type { CoreRequest } from './core-api';
import { readManagedSettings, readUserSettings } from './user-state';

/** The `configure` request for the settings stored now. */
export async function configureRequest(): Promise<CoreRequest> {
  const [managed, user] = await Promise.all([readManagedSettings(), readUserSettings()]);
  return { op: 'configure', managed, user, uiLanguage: chrome.i18n.getUILanguage() };
}

/** Calls `listener` whenever IT's policy or the person's own settings change. */
export function onSettingsChanged(listener: () => void): void {
  chrome.storage.onChanged.addListener((changes, area) => {
    if (area === 'managed' || (area === 'sync' && 'settings' in changes)) listener();
  });
}
