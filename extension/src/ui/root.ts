/**
 * The one element the extension adds to a page: `<tenk-deg-om>` with an open shadow root
 * (the public test contract). Created on first use, re-attached if the page removes it.
 */
import { STYLES } from './styles';

let host: HTMLElement | undefined;
let shadow: ShadowRoot | undefined;

/** The shadow root all UI renders into. */
export function uiRoot(): ShadowRoot {
  if (!host || !shadow) {
    host = document.createElement('tenk-deg-om');
    host.style.setProperty('all', 'initial');
    host.style.setProperty('position', 'fixed');
    host.style.setProperty('z-index', '2147483647');
    host.style.setProperty('top', '0');
    host.style.setProperty('left', '0');
    shadow = host.attachShadow({ mode: 'open' });
    const style = document.createElement('style');
    style.textContent = STYLES;
    shadow.append(style);
  }
  if (!host.isConnected) document.documentElement.append(host);
  return shadow;
}

/** Whether `node` is part of the extension's own UI. */
export function isOwnUi(node: EventTarget | null): boolean {
  return node !== null && node === host;
}
