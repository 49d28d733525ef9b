/**
 * The toolbar popup: is Tenk deg om active on this site, who you appear as here, a pause for
 * this site (unless IT locked it), and the way to the guidelines and settings.
 *
 * It asks the active tab's content script (docs/CONTRACTS.md § 7): in Chromium by running a tiny
 * function in the content script's world of the tab's top frame (`scripting.executeScript`, the
 * permission and host patterns the extension already has; `content/status.ts` says why), in
 * Firefox by the `{type: "tenk/status"}` message. A tab without our content script (or one we
 * have no access to) simply gives no answer.
 */
import type { Identity } from '../common/core-types';
import { STATUS_KEY, type TabStatus } from '../common/tab-status';
import { chooseLanguage, currentLang, localizeDocument, t } from '../common/i18n';
import { endOfDay, setSnooze, snoozedUntil } from '../common/user-state';
import { byId } from './lib/dom';
import { chosenLocale, loadSettings, snoozeAllowed, type SettingsView } from './lib/settings-view';

const HOUR = 60 * 60 * 1000;

async function activeTabStatus(): Promise<TabStatus | null> {
  try {
    // `?tab=ID` shows the popup for that tab (the popup opened as a page, e.g. in tests).
    const given = Number(new URLSearchParams(location.search).get('tab'));
    const tabId = given > 0 ? given : (await chrome.tabs.query({ active: true, currentWindow: true }))[0]?.id;
    if (tabId === undefined) return null;
    const answer = __BROWSER__ === 'chrome' ? await statusByScript(tabId) : ((await chrome.tabs.sendMessage(tabId, { type: 'tenk/status' }, { frameId: 0 })) as TabStatus | undefined);
    return answer && typeof answer.host === 'string' ? answer : null;
  } catch {
    return null; // no content script in this tab: not a site we look at
  }
}

/**
 * Chromium: calls the status function the top frame's content script left in its world (the
 * injected function runs in that same isolated world); `undefined` when there is none.
 */
async function statusByScript(tabId: number): Promise<TabStatus | undefined> {
  const [result] = await chrome.scripting.executeScript({
    target: { tabId, frameIds: [0] },
    args: [STATUS_KEY],
    func: (key: string) => {
      const status = (globalThis as unknown as Record<string, unknown>)[key];
      return typeof status === 'function' ? (status as () => Promise<unknown>)() : null;
    },
  });
  return (result?.result ?? undefined) as TabStatus | undefined;
}

function formatTime(epochMs: number): string {
  const locale = { nb: 'nb-NO', nn: 'nn-NO', en: 'en-GB' }[currentLang()];
  return new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' }).format(epochMs);
}

function renderIdentity(identity: Identity | null): void {
  byId('identity-block').hidden = false;
  const name = identity?.name ?? null;
  byId('identity-unknown').hidden = Boolean(name);
  byId('identity-name').hidden = !name;
  byId('identity-kind').hidden = !name;
  byId('identity-name').textContent = name ?? '';
  byId('identity-kind').textContent = identity?.kind === 'page' ? t('identityPageGeneric') : t('identityPersonal');
  const warning = byId('identity-warning');
  warning.hidden = !identity?.showsWorkplace;
  warning.textContent = identity?.workplace ? t('identityShowsWorkplace', identity.workplace) : t('identityShowsWorkplaceGeneric');
}

async function renderStatus(settings: SettingsView, status: TabStatus | null): Promise<void> {
  const line = byId('status');
  const explain = byId('status-explain');
  const host = byId('host');
  const snoozeBlock = byId('snooze-block');
  if (!status || !status.active) {
    line.dataset.state = 'inactive';
    line.textContent = t('popupInactive');
    explain.hidden = false;
    explain.textContent = t('popupInactiveExplain');
    host.hidden = true;
    byId('identity-block').hidden = true;
    snoozeBlock.hidden = true;
    return;
  }
  host.hidden = false;
  host.textContent = status.host;
  explain.hidden = true;
  if (status.site && !status.site.active) {
    line.dataset.state = 'off';
    line.textContent = t('popupSiteOff');
    byId('identity-block').hidden = true;
    snoozeBlock.hidden = true;
    return;
  }
  renderIdentity(status.identity);
  const until = await snoozedUntil(status.host);
  line.dataset.state = until ? 'snoozed' : 'active';
  line.textContent = until ? t('popupSnoozed', formatTime(until)) : t('popupActive');
  snoozeBlock.hidden = false;
  const allowed = snoozeAllowed(settings);
  byId('snooze-locked').hidden = allowed;
  byId('snooze-controls').hidden = !allowed || Boolean(until);
  byId('snooze-explain').hidden = !allowed || Boolean(until);
  byId('resume').hidden = !until;
}

function openPage(path: string): void {
  void chrome.tabs.create({ url: chrome.runtime.getURL(path) }).then(() => window.close());
}

async function main(): Promise<void> {
  const settings = await loadSettings();
  await chooseLanguage(chosenLocale(settings));
  localizeDocument();
  if (!settings) {
    // The core could not merge the settings: say so rather than guess what applies here.
    const line = byId('status');
    line.dataset.state = 'unavailable';
    line.textContent = t('settingsUnavailable');
    line.setAttribute('role', 'alert');
    document.body.dataset.ready = 'true';
    return;
  }
  const status = await activeTabStatus();
  await renderStatus(settings, status);

  const snooze = async (until: number | null) => {
    if (!status) return;
    await setSnooze(status.host, until);
    await renderStatus(settings, status);
    (until ? byId('resume') : byId('snooze-hour')).focus();
  };
  byId('snooze-hour').addEventListener('click', () => void snooze(Date.now() + HOUR));
  byId('snooze-today').addEventListener('click', () => void snooze(endOfDay()));
  byId('resume').addEventListener('click', () => void snooze(null));
  for (const [id, path] of [['open-guidelines', 'pages/options.html#guidelines'], ['open-settings', 'pages/options.html']] as const) {
    byId(id).addEventListener('click', (e) => {
      e.preventDefault();
      openPage(path);
    });
  }
  document.body.dataset.ready = 'true';
}

void main();
