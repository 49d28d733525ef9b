/**
 * Which sites the person has confirmed their identity on in this browser session. The first
 * submit on a site shows the dialog even for a clean text (`logged-in-identity`); later clean
 * submits go straight through. Kept in `chrome.storage.session`, so it survives the worker
 * going to sleep and ends with the browser session.
 */
const KEY = 'identityConfirmedSites';

async function confirmedSites(): Promise<string[]> {
  const got = await chrome.storage.session.get(KEY);
  const sites: unknown = got[KEY];
  return Array.isArray(sites) ? sites.filter((s): s is string => typeof s === 'string') : [];
}

/** Whether the identity check has been passed on `site` in this session. */
export async function isConfirmed(site: string): Promise<boolean> {
  return (await confirmedSites()).includes(site);
}

/** Records that the person published on `site` after seeing the identity check. */
export async function confirm(site: string): Promise<void> {
  const sites = await confirmedSites();
  if (!sites.includes(site)) await chrome.storage.session.set({ [KEY]: [...sites, site] });
}
