/**
 * The one element the extension adds to a page: `<tenk-deg-om>` with an open shadow root (the
 * public test contract). `all: initial` on the host keeps the page's CSS out; every style lives
 * inside the shadow root, so nothing leaks into the page. Floating parts use the top layer
 * (popover, modal dialog) so they sit above any z-index the page uses.
 */
import tokens from '../../pages/tokens.css';
import styles from './ui.css';
import { currentLang } from '../common/i18n';

let host: HTMLElement | undefined;
let shadow: ShadowRoot | undefined;

/** The shadow root all UI renders into (created on first use, re-attached if the page removed it). */
export function uiRoot(): ShadowRoot {
  if (!host || !shadow) {
    host = document.createElement('tenk-deg-om');
    for (const [prop, value] of [['all', 'initial'], ['position', 'fixed'], ['z-index', '2147483647'], ['top', '0'], ['left', '0'], ['width', '0'], ['height', '0'], ['overflow', 'visible']]) {
      host.style.setProperty(prop, value, 'important');
    }
    shadow = host.attachShadow({ mode: 'open' });
    const style = document.createElement('style');
    style.textContent = `${tokens}\n${styles}`;
    shadow.append(style);
  }
  if (!host.isConnected) document.documentElement.append(host);
  if (host.getAttribute('lang') !== currentLang()) host.setAttribute('lang', currentLang());
  return shadow;
}

/** Takes the UI element out of the page for good (this content script stands down). */
export function removeUi(): void {
  host?.remove();
}

/** Whether `node` is the extension's UI host (events from inside the shadow root are retargeted to it). */
export function isOwnUi(node: EventTarget | null): boolean {
  return node !== null && node !== undefined && node === host;
}

/** Shows an element in the top layer when the browser can (popover), else leaves it fixed-positioned. */
export function raise(el: HTMLElement): void {
  if (typeof el.showPopover !== 'function') return;
  if (!el.hasAttribute('popover')) el.setAttribute('popover', 'manual');
  try {
    if (!el.matches(':popover-open')) el.showPopover();
  } catch {
    /* not connected yet, or already open */
  }
}

/** Leaves the top layer. */
export function lower(el: HTMLElement): void {
  try {
    if (el.matches(':popover-open')) el.hidePopover();
  } catch {
    /* never shown */
  }
}
