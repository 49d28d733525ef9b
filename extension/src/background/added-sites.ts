/**
 * Sites IT adds by policy (`sites.add`) get the content script without a rebuild: the core
 * turns the effective settings into match patterns (`configured.addedSites`,
 * `sites::added_sites`), and this keeps one run-time content-script registration
 * (`chrome.scripting.registerContentScripts`) equal to those of them the extension holds host
 * permission for. The person grants access per site with «Gi tilgang» in the options page (an
 * optional host permission: `chrome.permissions.request` needs their click). Synced on install,
 * on browser start, when IT's policy or the person's settings change, and when a permission is
 * granted or taken back.
 */
import type { AddedSite, ConfiguredResponse } from '../common/core-api';
import { configureRequest } from '../common/core-settings';
import { warnOnce } from '../common/log';
import { answer } from './core-host';

/** The one run-time registration's id. */
export const ADDED_SITES_SCRIPT = 'tenk-added-sites';

let queue: Promise<void> = Promise.resolve();

/** Brings the registration in line with the settings and permissions now (calls run one at a time). */
export function syncAddedSites(): Promise<void> {
  queue = queue.then(sync, sync).catch((e: unknown) => warnOnce('sites added by IT could not be registered', e)); // i18n-ok: diagnostics
  return queue;
}

/** The IT-added sites the core reports for the settings stored now (empty if it cannot say). */
export async function addedSites(): Promise<AddedSite[]> {
  const res = await answer(await configureRequest());
  return res.kind === 'configured' ? ((res as ConfiguredResponse).addedSites ?? []) : [];
}

/** Whether the extension may run on all of a site's match patterns. */
export function hasAccess(site: AddedSite): Promise<boolean> {
  return chrome.permissions.contains({ origins: site.matches }).catch(() => false);
}

async function sync(): Promise<void> {
  const sites = await addedSites();
  const granted = await Promise.all(sites.map(hasAccess));
  const matches = [...new Set(sites.filter((_, i) => granted[i]).flatMap((s) => s.matches))].sort();
  const [current] = await chrome.scripting.getRegisteredContentScripts({ ids: [ADDED_SITES_SCRIPT] });
  if (matches.length === 0) {
    if (current) await chrome.scripting.unregisterContentScripts({ ids: [ADDED_SITES_SCRIPT] });
    return;
  }
  if (current) {
    if ((current.matches ?? []).slice().sort().join(' ') !== matches.join(' ')) {
      await chrome.scripting.updateContentScripts([{ id: ADDED_SITES_SCRIPT, js: ['content.js'], matches }]);
    }
    return;
  }
  await chrome.scripting.registerContentScripts([
    { id: ADDED_SITES_SCRIPT, js: ['content.js'], matches, runAt: 'document_idle', allFrames: true, persistAcrossSessions: true },
  ]);
}
