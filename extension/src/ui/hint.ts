/**
 * The inline hint: a small, quiet marker just above the field's top-right corner, a subtle
 * underline under the words that triggered it (drawn in an overlay; the page's editor DOM is
 * never changed), and a card that opens on hover, on focus, on a click, or with Alt+Shift+T:
 * the guideline's title, the quoted sentence, why, what to do instead, «Les hele
 * retningslinjen» and «Ikke vis dette igjen på denne siden i dag» (unless IT locked it).
 * Everything follows the field when the page scrolls or resizes and never covers the text.
 */
import type { Finding, GuidelineText } from '../common/core-api';
import { t } from '../common/i18n';
import { dismissForToday } from '../common/user-state';
import { announce } from './announce';
import { isDialogOpen } from './dialog';
import { h } from './dom';
import { guidelineBlock, touched, type TouchedGuideline } from './guideline-block';
import { hintPrefs } from './prefs';
import { lower, raise, uiRoot } from './root';
import { spanRects } from './underline';

/** What the hint shows. */
export interface HintModel {
  /** Guideline ids in order of first appearance. */
  guidelines: string[];
  findings: Finding[];
  texts?: Record<string, GuidelineText>;
  /** The field's text as analysed (for the underline); optional. */
  text?: string;
}

const OPEN_DELAY_MS = 120;
const CLOSE_DELAY_MS = 300;

let hint: HTMLElement | undefined;
let marker: HTMLButtonElement | undefined;
let count: HTMLElement | undefined;
let card: HTMLElement | undefined;
let underlines: HTMLElement | undefined;
let field: HTMLElement | undefined;
let model: HintModel | undefined;
let shown: TouchedGuideline[] = [];
let announced = new Set<string>();
let pinned = false;
let timer: ReturnType<typeof setTimeout> | undefined;
let following: AbortController | undefined;
let frame = 0;

function build(): void {
  if (hint) return;
  count = h('span', { class: 'count', 'aria-hidden': 'true' });
  marker = h('button', { type: 'button', class: 'marker', 'aria-expanded': 'false', 'aria-controls': 'tenk-card', 'aria-keyshortcuts': 'Alt+Shift+T' }, h('span', { class: 'mark-icon', 'aria-hidden': 'true' }), count);
  hint = h('div', { class: 'hint', 'data-testid': 'tenk-hint', 'data-guidelines': '', hidden: true }, marker);
  card = h('section', { class: 'card', id: 'tenk-card', 'data-testid': 'tenk-card', role: 'region', 'aria-labelledby': 'tenk-card-heading', hidden: true, tabindex: '-1' });
  underlines = h('div', { class: 'underlines', 'aria-hidden': 'true', hidden: true });
  uiRoot().append(underlines, hint, card);

  // Clicking the marker must not take focus from the editor (the text stays where it is).
  marker.addEventListener('mousedown', (e) => e.preventDefault());
  marker.addEventListener('click', () => (pinned && isCardOpen() ? closeCard(false) : openCard({ pin: true, focus: false })));
  marker.addEventListener('focus', () => openCard({ pin: false, focus: false }));
  for (const el of [marker, card]) {
    el.addEventListener('mouseenter', () => schedule(() => openCard({ pin: false, focus: false }), OPEN_DELAY_MS));
    el.addEventListener('mouseleave', () => schedule(() => !pinned && !card?.contains(uiRoot().activeElement) && closeCard(false), CLOSE_DELAY_MS));
  }
  card.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      closeCard(true);
    }
  });
  card.addEventListener('focusout', (e) => {
    const next = e.relatedTarget as Node | null;
    if (!next || card?.contains(next) || next === marker) return;
    closeCard(false);
    // Focus went on into the page (not back to the field): the field is no longer being written in.
    if (field && next !== field && !field.contains(next)) hideHint();
  });
  window.addEventListener('keydown', onShortcut, true);
}

function schedule(fn: () => void, ms: number): void {
  clearTimeout(timer);
  timer = setTimeout(fn, ms);
}

function isCardOpen(): boolean {
  return Boolean(card && !card.hidden);
}

/** Alt+Shift+T in the field (or in the card) opens the card and moves focus into it. */
function onShortcut(e: KeyboardEvent): void {
  if (!(e.altKey && e.shiftKey && !e.ctrlKey && !e.metaKey && e.code === 'KeyT')) return;
  if (!hint || hint.hidden || !field) return;
  const inField = field.contains(document.activeElement) || document.activeElement === field;
  const inCard = Boolean(card?.contains(uiRoot().activeElement));
  if (!inField && !inCard) return;
  e.preventDefault();
  e.stopPropagation();
  if (inCard) closeCard(true);
  else openCard({ pin: true, focus: true });
}

/** Shows (or updates) the hint for `target`; hides it when nothing is left to show. */
export function showHint(target: HTMLElement, next: HintModel): void {
  build();
  const prefs = hintPrefs();
  const ids = prefs.snoozed || isDialogOpen() ? [] : next.guidelines.filter((id) => !prefs.dismissed.has(id));
  if (ids.length === 0) return hideHint();
  if (field !== target) {
    announced = new Set();
    follow(target);
  }
  field = target;
  model = next;
  shown = touched(ids, next.findings, next.texts, next.text);
  hint!.setAttribute('data-guidelines', ids.join(' '));
  count!.textContent = String(ids.length);
  marker!.setAttribute('aria-label', ids.length === 1 ? t('hintButtonOne', shown[0]!.text.title) : t('hintButton', String(ids.length)));
  marker!.dataset.severity = shown.some((g) => g.text.severity === 'warn') ? 'warn' : 'info';
  const fresh = shown.filter((g) => !announced.has(g.id));
  if (fresh.length) {
    for (const g of fresh) announced.add(g.id);
    announce(`${fresh.map((g) => t('hintAnnounce', g.text.title)).join('. ')}. ${t('hintShortcut')}`);
  }
  hint!.hidden = false;
  raise(underlines!);
  raise(hint!);
  underlines!.hidden = false;
  if (isCardOpen()) renderCard();
  place();
}

/** Hides the hint, its underline and its card (kept in the tree, hidden, so nothing shifts). */
export function hideHint(): void {
  if (!hint) return;
  closeCard(false);
  hint.hidden = true;
  hint.setAttribute('data-guidelines', '');
  clearTimeout(underlineTimer);
  underlines!.hidden = true;
  underlines!.replaceChildren();
  underlined = undefined;
  lower(hint);
  lower(underlines!);
  following?.abort();
  field = undefined;
  model = undefined;
  shown = [];
}

/** Whether focus is inside the hint's card or on its marker (the field's focusout should not hide it then). */
export function hintHasFocus(): boolean {
  const active = hint ? uiRoot().activeElement : null;
  return Boolean(active && (active === marker || card?.contains(active)));
}

function openCard(opts: { pin: boolean; focus: boolean }): void {
  if (!card || !hint || hint.hidden) return;
  clearTimeout(timer);
  pinned = pinned || opts.pin;
  renderCard();
  card.hidden = false;
  raise(card);
  marker!.setAttribute('aria-expanded', 'true');
  place();
  if (opts.focus) card.focus();
}

/** Closes the card; `refocus` puts focus back in the field (Esc, or the shortcut again). */
function closeCard(refocus: boolean): void {
  if (!card) return;
  clearTimeout(timer);
  pinned = false;
  const hadFocus = card.contains(uiRoot().activeElement);
  card.hidden = true;
  lower(card);
  marker?.setAttribute('aria-expanded', 'false');
  if ((refocus || hadFocus) && field?.isConnected) field.focus();
}

function renderCard(): void {
  if (!card) return;
  const prefs = hintPrefs();
  const host = location.host;
  // The first guideline in full; any others short (title, quote, words), each with its link.
  const blocks = shown.map((g, i) => {
    const block = guidelineBlock(g, 'h3', 'tenk-card', i === 0);
    const actions = h('div', { class: 'card-actions' });
    const more = h('button', { type: 'button', class: 'link' }, t('cardReadMore'));
    more.addEventListener('click', () => void chrome.runtime.sendMessage({ type: 'tenk/openGuideline', id: g.id }).catch(() => undefined));
    actions.append(more);
    if (prefs.canDismiss) {
      const dismiss = h('button', { type: 'button', class: 'quiet', 'data-testid': 'tenk-dismiss' }, t('cardDismissToday'));
      dismiss.addEventListener('click', () => {
        void dismissForToday(host, g.id);
        prefs.dismissed.add(g.id);
        if (field && model) showHint(field, model);
        if (shown.length) card?.focus();
      });
      actions.append(dismiss);
    }
    block.append(actions);
    return block;
  });
  const close = h('button', { type: 'button', class: 'close', 'aria-label': t('cardClose') }, h('span', { 'aria-hidden': 'true' }, '×'));
  close.addEventListener('click', () => closeCard(true));
  card.replaceChildren(
    h('header', { class: 'card-header' }, h('span', { class: 'brand-dot', 'aria-hidden': 'true' }), h('h2', { class: 'card-heading', id: 'tenk-card-heading' }, t('extName')), close),
    ...blocks,
  );
}

/** Re-places everything on the next frame when the page scrolls, resizes or the field changes size. */
function follow(target: HTMLElement): void {
  following?.abort();
  following = new AbortController();
  const opts = { capture: true, passive: true, signal: following.signal };
  const soon = () => {
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(place);
  };
  window.addEventListener('scroll', soon, opts);
  window.addEventListener('resize', soon, opts);
  const ro = new ResizeObserver(soon);
  ro.observe(target);
  following.signal.addEventListener('abort', () => ro.disconnect());
}

function place(): void {
  if (!hint || !marker || !field || hint.hidden) return;
  clearTimeout(underlineTimer);
  const r = field.getBoundingClientRect();
  const vw = document.documentElement.clientWidth;
  const vh = window.innerHeight;
  const offscreen = r.bottom < 0 || r.top > vh || r.width === 0;
  hint.style.visibility = offscreen ? 'hidden' : 'visible';
  const mw = marker.offsetWidth || 40;
  const mh = marker.offsetHeight || 24;
  // Just above the field's top-right corner: never over the typed text or the page's send button.
  const above = r.top - mh - 4;
  hint.style.left = `${Math.round(clamp(r.right - mw, 4, vw - mw - 4))}px`;
  hint.style.top = `${Math.round(above >= 4 ? above : Math.min(r.bottom + 4, vh - mh - 4))}px`;
  if (card && !card.hidden) placeCard(r, vw, vh);
  // The underline of a very long text (a paste) is measured in a task of its own, after this
  // frame is drawn: each measurement in a huge text costs ≈ 0.5 ms (underline.ts), and the marker
  // should not wait for it nor add it to the frame's task.
  const view = `${r.left},${r.top},${r.width},${r.height},${field.scrollLeft},${field.scrollTop},${vw},${vh}`;
  const drawn = underlined;
  if (drawn && drawn.model === model && drawn.shown === shown && drawn.view === view) return; // drawn for this already
  if ((model?.text?.length ?? 0) > DEFER_UNDERLINE_CHARS) underlineTimer = setTimeout(() => drawUnderlines(view));
  else drawUnderlines(view);
}

/** Texts longer than this have their underline drawn in a task after the marker's. */
const DEFER_UNDERLINE_CHARS = 20_000;
let underlineTimer: ReturnType<typeof setTimeout> | undefined;

/** Below this much room on either side of the field, the card may overlap it (a field filling the window). */
const MIN_CARD_ROOM = 160;

/**
 * Puts the card below the field, or above it, never over the typed text: when neither side holds
 * the whole card, it takes the roomier side and scrolls inside.
 */
function placeCard(r: DOMRect, vw: number, vh: number): void {
  if (!card) return;
  card.style.maxHeight = '';
  const cw = card.offsetWidth;
  const ch = card.offsetHeight;
  const roomBelow = vh - r.bottom - 16;
  const roomAbove = r.top - 16;
  let top: number;
  if (ch <= roomBelow) top = r.bottom + 8;
  else if (ch <= roomAbove) top = r.top - 8 - ch;
  else if (Math.max(roomBelow, roomAbove) >= MIN_CARD_ROOM) {
    const below = roomBelow >= roomAbove;
    card.style.maxHeight = `${Math.floor(below ? roomBelow : roomAbove)}px`;
    top = below ? r.bottom + 8 : 8;
  } else top = vh - r.bottom > r.top ? Math.min(r.bottom + 8, vh - ch - 8) : 8;
  card.style.left = `${Math.round(clamp(r.right - cw, 8, vw - cw - 8))}px`;
  card.style.top = `${Math.round(Math.max(8, top))}px`;
}

/**
 * The spans to underline for the model shown, kept while it is shown (scrolling redraws), and
 * where the field was when they were last drawn (`view`: nothing moved, nothing to redraw; the
 * field's first ResizeObserver call right after the hint appears is one such).
 */
let underlined: { model: HintModel; shown: TouchedGuideline[]; spans: Finding[]; view: string } | undefined;

function drawUnderlines(view: string): void {
  if (!underlines || !field || !model || hint?.hidden) return;
  if (underlined?.model !== model || underlined.shown !== shown) {
    underlined = { model, shown, spans: underlinedSpans(model.findings, new Set(shown.map((g) => g.id))), view };
  }
  underlined.view = view;
  const spans = underlined.spans;
  const text = model.text ?? (field instanceof HTMLTextAreaElement || field instanceof HTMLInputElement ? field.value : (field.innerText ?? ''));
  const rects = spanRects(field, text, spans);
  // The lines already drawn are moved, not made again: a keystroke shifts a few of them at most.
  const lines = underlines.children;
  rects.forEach((rect, i) => {
    let line = lines[i] as HTMLElement | undefined;
    if (!line) line = underlines!.appendChild(h('div', { class: 'underline' }));
    line.style.left = `${rect.left}px`;
    line.style.top = `${rect.bottom - 2}px`;
    line.style.width = `${rect.width}px`;
  });
  while (lines.length > rects.length) lines[lines.length - 1]!.remove();
}

/**
 * The non-empty findings of the `visible` guidelines, in order of their start, in one pass (the
 * core already gives them in that order; sorted only when they are not): what `spanRects` takes.
 */
function underlinedSpans(findings: readonly Finding[], visible: ReadonlySet<string>): Finding[] {
  const spans: Finding[] = [];
  let sorted = true;
  for (const f of findings) {
    if (f.end <= f.start || !visible.has(f.guideline)) continue;
    if (spans.length > 0 && f.start < spans[spans.length - 1]!.start) sorted = false;
    spans.push(f);
  }
  return sorted ? spans : spans.sort((a, b) => a.start - b.start);
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.max(lo, Math.min(v, Math.max(lo, hi)));
}
