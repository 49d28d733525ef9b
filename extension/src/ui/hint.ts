/**
 * The inline hint: a small note at the edge of the focused field naming the guidelines its text
 * touches. It never covers the text being typed and never takes focus.
 */
import type { Finding, GuidelineText } from '../common/core-types';
import { h } from './dom';
import { t } from '../common/i18n';
import { uiRoot } from './root';

/** What the hint shows. */
export interface HintModel {
  /** Guideline ids in order of first appearance. */
  guidelines: string[];
  findings: Finding[];
  texts?: Record<string, GuidelineText>;
}

let hint: HTMLElement | undefined;
let anchor: HTMLElement | undefined;
let unfollow: AbortController | undefined;

/** Shows (or updates) the hint for `field`; hides it when the model has no guidelines. */
export function showHint(field: HTMLElement, model: HintModel): void {
  if (model.guidelines.length === 0) return hideHint();
  hint ??= h('div', { 'data-testid': 'tenk-hint', class: 'hint', role: 'status', 'aria-live': 'polite' });
  const list = h('ul');
  for (const id of model.guidelines) {
    const title = model.texts?.[id]?.title;
    const message = model.findings.find((f) => f.guideline === id)?.message ?? '';
    list.append(h('li', {}, title ? `${title}: ${message}` : message));
  }
  hint.replaceChildren(h('strong', {}, t('extName')), list);
  hint.setAttribute('data-guidelines', model.guidelines.join(' '));
  hint.hidden = false;
  if (!hint.isConnected) uiRoot().append(hint);
  if (anchor !== field) follow(field);
  place();
}

/** Hides the hint (it stays in the tree, hidden, so the page's layout never shifts). */
export function hideHint(): void {
  if (!hint) return;
  hint.hidden = true;
  hint.setAttribute('data-guidelines', '');
  unfollow?.abort();
  anchor = undefined;
}

function follow(field: HTMLElement): void {
  unfollow?.abort();
  unfollow = new AbortController();
  anchor = field;
  const opts = { capture: true, passive: true, signal: unfollow.signal };
  window.addEventListener('scroll', place, opts);
  window.addEventListener('resize', place, opts);
}

/**
 * Puts the hint just above the field's top edge, right-aligned with it (below the field sits the
 * send button), or below the field when there is no room above; always inside the viewport.
 */
function place(): void {
  if (!hint || !anchor) return;
  const r = anchor.getBoundingClientRect();
  const width = hint.offsetWidth;
  const height = hint.offsetHeight;
  const left = Math.max(8, Math.min(r.right - width, window.innerWidth - width - 8));
  const above = r.top - 6 - height;
  const top = above >= 8 ? above : Math.min(r.bottom + 6, window.innerHeight - height - 8);
  hint.style.left = `${left}px`;
  hint.style.top = `${top}px`;
}
