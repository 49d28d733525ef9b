/**
 * A short, dismissible reminder that is not about a text: the friend-request reminder on
 * Facebook («Legg til venn» → `clients-and-users`). It never blocks what the person did; it sits
 * in the corner (`role="status"`, announced politely) until closed with «Lukk» or Esc.
 * `[data-testid="tenk-reminder"]` with `data-guidelines`, its close button
 * `[data-testid="tenk-reminder-close"]`.
 */
import type { GuidelineText } from '../common/core-api';
import { t } from '../common/i18n';
import { h } from './dom';
import { lower, raise, uiRoot } from './root';

let current: HTMLElement | undefined;

/** Shows the reminder for `guideline` (replacing one already shown). */
export function showReminder(guideline: string, text: GuidelineText | undefined): void {
  closeReminder();
  const close = h('button', { type: 'button', class: 'reminder-close', 'data-testid': 'tenk-reminder-close' }, t('cardClose'));
  const box = h(
    'section',
    { class: 'reminder', role: 'status', 'aria-live': 'polite', 'data-testid': 'tenk-reminder', 'data-guidelines': guideline, 'aria-labelledby': 'tenk-reminder-title' },
    h('div', { class: 'card-header' }, h('span', { class: 'brand-dot', 'aria-hidden': 'true' }), h('p', { class: 'card-heading' }, t('friendReminderHeading'))),
    h('p', { class: 'g-title', id: 'tenk-reminder-title' }, text?.title ?? ''),
    h('p', { class: 'reminder-text' }, t('friendReminderText')),
    h('div', { class: 'reminder-actions' }, close),
  );
  close.addEventListener('click', closeReminder);
  box.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') closeReminder();
  });
  uiRoot().append(box);
  raise(box);
  current = box;
}

/** Closes the reminder if shown. */
export function closeReminder(): void {
  if (!current) return;
  lower(current);
  current.remove();
  current = undefined;
}
