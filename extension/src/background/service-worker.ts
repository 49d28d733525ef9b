/**
 * The service worker: the core for CSP-strict pages (and for the extension's own pages), the
 * session's per-site identity state, locale files for content scripts, onboarding, and the
 * run-time content script for sites IT added (`added-sites.ts`).
 * Event-driven only: it wakes for an event and may sleep right after (no timers, no polling).
 */
import { CORE_MESSAGE, SITE_CONFIRMED_MESSAGE, SITE_STATE_MESSAGE, type CoreRequest } from '../common/core-api';
import { onSettingsChanged } from '../common/core-settings';
import { syncAddedSites } from './added-sites';
import { answer } from './core-host';
import { packFindings } from '../common/packed-findings';
import { localeMessages } from './locale-messages';
import { openGuideline, openOnboardingOnInstall } from './onboarding';
import { reattachOpenTabs } from './reattach';
import { confirm, isConfirmed } from './site-state';
import { CORE_PART_MESSAGE, PartStore, isPartMessage, isPartsRef, type FrameRef } from '../common/text-parts';
import { injectUi } from './inject-ui';
import { UI_MESSAGE } from '../ui/key';

/** Only this extension's own content scripts and pages may talk to the worker. */
function fromOwnExtension(sender: chrome.runtime.MessageSender): boolean {
  if (sender.id !== chrome.runtime.id) return false;
  // A content script has a tab; an extension page has our own origin.
  return sender.tab !== undefined || (sender.url ?? '').startsWith(chrome.runtime.getURL(''));
}

/** The site key a message names, checked: a bare host name. */
function siteOf(msg: { site?: unknown }): string | null {
  return typeof msg.site === 'string' && /^[a-z0-9.-]{1,253}$/i.test(msg.site) ? msg.site.toLowerCase() : null;
}

/** Parts of long texts on their way from content scripts (`common/text-parts.ts`), per frame. */
const parts = new PartStore();

/** Drops a closed tab's parts (its frames' requests will not come). */
function partsTabClosed(tab: number): void {
  parts.dropTab(tab);
  watchClosedTabs();
}

/**
 * Listens for closed tabs only while some frame's parts are held: added here, not at the worker's
 * top level, so closing a tab never wakes a stopped worker (whose parts are gone with it anyway).
 * `tabs.onRemoved` needs no permission.
 */
function watchClosedTabs(): void {
  const listening = chrome.tabs.onRemoved.hasListener(partsTabClosed);
  if (parts.frames > 0 && !listening) chrome.tabs.onRemoved.addListener(partsTabClosed);
  else if (parts.frames === 0 && listening) chrome.tabs.onRemoved.removeListener(partsTabClosed);
}

/** The sending frame (tab, frame and document), the key its parts are kept under. */
function frameOf(sender: chrome.runtime.MessageSender): FrameRef {
  return { tab: sender.tab?.id ?? -1, frame: sender.frameId ?? -1, document: sender.documentId ?? '' };
}

/**
 * The request with its text joined from the parts `ref` names (only an `analyse` request's text
 * comes in parts), or `null` when a part is missing.
 */
function withParts(request: CoreRequest, ref: unknown, sender: chrome.runtime.MessageSender): CoreRequest | null {
  if (!isPartsRef(ref) || request.op !== 'analyse') return null;
  const text = parts.take(frameOf(sender), ref);
  watchClosedTabs();
  return text === null ? null : { ...request, text };
}

/** Sends what `work` resolves to (or `fallback` if it fails) and keeps the channel open. */
function reply<T>(sendResponse: (r: unknown) => void, work: Promise<T>, fallback: (e: unknown) => unknown): true {
  work.then(sendResponse, (e: unknown) => sendResponse(fallback(e)));
  return true;
}

chrome.runtime.onMessage.addListener((msg: unknown, sender, sendResponse) => {
  if (!fromOwnExtension(sender) || typeof msg !== 'object' || msg === null) return false;
  const m = msg as { type?: unknown; request?: unknown; pack?: unknown; parts?: unknown; site?: unknown; lang?: unknown; id?: unknown; index?: unknown; part?: unknown };
  switch (m.type) {
    case CORE_MESSAGE: {
      if (typeof m.request !== 'object' || m.request === null) return false;
      const request = m.parts === undefined ? (m.request as CoreRequest) : withParts(m.request as CoreRequest, m.parts, sender);
      if (!request) {
        sendResponse({ kind: 'error', message: 'a part of the text is missing', partsMissing: true }); // i18n-ok: diagnostics
        return false;
      }
      return reply(
        sendResponse,
        answer(request).then((res) => (m.pack === true ? packFindings(res) : res)),
        (e) => ({ kind: 'error', message: String(e) }),
      );
    }
    case CORE_PART_MESSAGE:
      if (!isPartMessage(m)) return false;
      parts.put(frameOf(sender), m);
      watchClosedTabs();
      sendResponse({ ok: true });
      return false;
    case SITE_STATE_MESSAGE: {
      const site = siteOf(m);
      if (!site) return false;
      return reply(sendResponse, isConfirmed(site).then((confirmed) => ({ confirmed })), () => ({ confirmed: false }));
    }
    case SITE_CONFIRMED_MESSAGE: {
      const site = siteOf(m);
      if (!site) return false;
      return reply(sendResponse, confirm(site).then(() => ({ ok: true })), () => ({ ok: false }));
    }
    case UI_MESSAGE:
      // Chromium: the page UI (`ui.js`) into the asking frame, on its first focus of a comment field.
      return reply(sendResponse, injectUi(sender).then((ok) => ({ ok })), () => ({ ok: false }));
    case 'tenk/messages':
      return reply(sendResponse, localeMessages(m.lang), () => null);
    case 'tenk/openGuideline':
      // «Les hele retningslinjen» in the hint card: the options page at that guideline.
      return reply(sendResponse, openGuideline(m.id), () => null);
    default:
      return false;
  }
});

chrome.runtime.onInstalled.addListener((details) => {
  void openOnboardingOnInstall(details).catch(() => {});
  void syncAddedSites();
  // Open pages get the (new) content script without a reload.
  void reattachOpenTabs(details.reason).catch(() => {});
});

// The content script on sites IT added follows the policy, the settings and the person's grants.
chrome.runtime.onStartup.addListener(() => void syncAddedSites());
onSettingsChanged(() => void syncAddedSites());
chrome.permissions.onAdded.addListener(() => void syncAddedSites());
chrome.permissions.onRemoved.addListener(() => void syncAddedSites());
