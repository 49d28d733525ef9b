/** A polite live region inside the shadow root: screen readers hear about new reminders once. */
import { h } from './dom';
import { uiRoot } from './root';

let region: HTMLElement | undefined;

/** Says `message` politely (replaces any message not yet read). */
export function announce(message: string): void {
  if (!region || !region.isConnected) {
    region = h('div', { class: 'visually-hidden', role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true', 'data-testid': 'tenk-announce' });
    uiRoot().append(region);
  }
  region.textContent = '';
  // A fresh text node after a tick makes screen readers notice the same text said twice.
  setTimeout(() => {
    if (region) region.textContent = message;
  }, 50);
}
