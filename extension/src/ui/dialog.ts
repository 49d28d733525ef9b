/**
 * The pre-submit dialog, «Tenk deg om en ekstra gang»: who the comment is published as first,
 * then the guidelines it touches (each with its quote and the words that triggered it), the
 * leaders' paragraph for leaders, and the general advice when nothing specific fired. «Rediger»
 * has the focus and is what Esc means; «Publiser likevel» lets the comment through. A modal
 * `<dialog>` in the shadow root sits in the top layer; focus stays inside while it is open and
 * goes back to where it was afterwards.
 */
import type { Finding, GuidelineText, Identity } from '../common/core-api';
import { t } from '../common/i18n';
import { h } from './dom';
import { guidelineBlock, touched } from './guideline-block';
import { hintPrefs, loadHintPrefs } from './prefs';
import { uiRoot } from './root';

/** What the dialog shows. */
export interface DialogModel {
  /** Guideline ids touched, in order (includes `logged-in-identity` for the identity check). */
  guidelines: string[];
  findings: Finding[];
  texts?: Record<string, GuidelineText>;
  /** Who the comment is published as. */
  identity: Identity;
  /** The writer's role; leaders get the leaders' paragraph. */
  role?: 'employee' | 'leader';
  /** The comment's text (to show the trigger words when findings carry no `matched`). */
  text?: string;
}

/** The person's choice. */
export type DialogChoice = 'edit' | 'publish';

/** Guidelines that are about the situation rather than the words: they never count as "something specific". */
const CONTEXT_ONLY = new Set(['logged-in-identity', 'think-twice', 'leaders-responsibility']);

let open: { dialog: HTMLDialogElement; settle: (c: DialogChoice) => void } | undefined;

/** Shows the dialog and resolves with the choice; a second call while one is open answers 'edit'. */
export async function showDialog(model: DialogModel): Promise<DialogChoice> {
  if (open) return 'edit';
  const returnFocus = deepActiveElement();
  await loadHintPrefs(); // the role (leaders' paragraph) and language, read once per page
  if (open) return 'edit';
  // Focused explicitly after showModal(): an `autofocus` attribute is blocked (with a console
  // error) in a cross-origin frame such as the Facebook comments plugin.
  const edit = h('button', { type: 'button', class: 'primary', 'data-testid': 'tenk-edit' }, t('dialogEdit'));
  const publish = h('button', { type: 'button', class: 'secondary', 'data-testid': 'tenk-publish' }, t('dialogPublish'));

  const specific = model.guidelines.filter((id) => !CONTEXT_ONLY.has(id));
  const leader = (model.role ?? hintPrefs().role) === 'leader' || model.guidelines.includes('leaders-responsibility');
  const listed = touched(specific, model.findings, model.texts, model.text);
  const leaderText = model.texts?.['leaders-responsibility'];

  const dialog = h(
    'dialog',
    {
      class: 'dialog',
      'data-testid': 'tenk-dialog',
      role: 'alertdialog',
      'aria-modal': 'true',
      'aria-labelledby': 'tenk-dialog-title',
      'aria-describedby': 'tenk-identity',
      'data-guidelines': model.guidelines.join(' '),
    },
    h('header', { class: 'dialog-header' }, h('span', { class: 'brand-mark', 'aria-hidden': 'true' }), h('h2', { id: 'tenk-dialog-title' }, t('dialogHeading'))),
    identityBlock(model.identity),
    listed.length
      ? h('div', { class: 'touched' }, h('p', { class: 'intro' }, t('dialogGuidelinesIntro')), ...listed.map((g) => guidelineBlock(g, 'h3', 'tenk-dialog', false)))
      : h('div', { class: 'advice' }, h('p', { class: 'advice-quote' }, t('dialogGeneralAdvice')), h('p', {}, t('dialogAskLeader'))),
    leader
      ? h('section', { class: 'leader', 'aria-labelledby': 'tenk-leader-title' }, h('h3', { id: 'tenk-leader-title' }, leaderText?.title ?? t('dialogLeaderHeading')), h('p', {}, leaderText?.quote || t('dialogLeaderBody')))
      : null,
    h('footer', { class: 'dialog-footer' }, h('div', { class: 'buttons' }, edit, publish), h('p', { class: 'choice' }, t('dialogChoice'))),
  );

  return await new Promise<DialogChoice>((resolve) => {
    const settle = (choice: DialogChoice) => {
      if (open?.dialog !== dialog) return;
      open = undefined;
      dialog.close();
      dialog.remove();
      if (returnFocus instanceof HTMLElement && returnFocus.isConnected) returnFocus.focus({ preventScroll: true });
      resolve(choice);
    };
    open = { dialog, settle };
    edit.addEventListener('click', () => settle('edit'));
    publish.addEventListener('click', () => settle('publish'));
    dialog.addEventListener('cancel', (e) => {
      e.preventDefault();
      settle('edit');
    });
    dialog.addEventListener('keydown', (e) => trapTab(dialog, e));
    uiRoot().append(dialog);
    dialog.showModal();
    edit.focus();
  });
}

/** Whether the pre-submit dialog is open (the hint stays hidden meanwhile). */
export function isDialogOpen(): boolean {
  return open !== undefined;
}

/** Closes an open dialog as if the person chose «Rediger» (e.g. the page removed the field). */
export function closeDialog(): void {
  open?.settle('edit');
}

/**
 * «Du publiserer som Kari Nordmann», what kind of profile, and a warning when it shows the
 * workplace. Acting as a Page is said plainly: «Du kommenterer som siden Velferdsetaten».
 */
function identityBlock(identity: Identity): HTMLElement {
  const name = identity.name?.trim();
  const block = h('section', { class: `identity${identity.showsWorkplace ? ' shows-workplace' : ''}`, id: 'tenk-identity', 'data-testid': 'tenk-identity' });
  if (!name) {
    block.append(h('p', { class: 'who' }, identity.kind === 'page' ? t('dialogPublishAsPageUnknown') : t('dialogPublishAsUnknown')));
    return block;
  }
  if (identity.kind === 'unknown') {
    block.append(h('p', { class: 'who' }, t('dialogPublishAsUnknown')));
    return block;
  }
  const page = identity.kind === 'page';
  const sentence = t(page ? 'dialogPublishAsPage' : 'dialogPublishAs', name);
  const at = sentence.indexOf(name);
  const before = at >= 0 ? sentence.slice(0, at) : `${sentence} `;
  const after = at >= 0 ? sentence.slice(at + name.length) : '';
  block.append(
    h('span', { class: 'avatar', 'aria-hidden': 'true' }, initials(name)),
    h(
      'div',
      { class: 'identity-text' },
      h('p', { class: 'who' }, before, h('strong', {}, name), after),
      h('p', { class: 'kind' }, page ? t('identityPageKind') : t('identityPersonal')),
      identity.showsWorkplace ? h('p', { class: 'workplace' }, identity.workplace ? t('identityShowsWorkplace', identity.workplace) : t('identityShowsWorkplaceGeneric')) : null,
    ),
  );
  return block;
}

/** «KN» for «Kari Nordmann»: a calm stand-in for the page's avatar, never loaded from the page. */
function initials(name: string): string {
  const parts = name.split(/\s+/).filter(Boolean);
  const letters = parts.length > 1 ? [parts[0]!, parts[parts.length - 1]!] : parts;
  return letters.map((p) => [...p][0] ?? '').join('').toUpperCase();
}

/** Keeps Tab and Shift+Tab inside the dialog. */
function trapTab(dialog: HTMLDialogElement, e: KeyboardEvent): void {
  if (e.key !== 'Tab') return;
  const focusable = [...dialog.querySelectorAll<HTMLElement>('button, [href], [tabindex]:not([tabindex="-1"])')].filter((el) => !el.hasAttribute('disabled'));
  if (focusable.length === 0) return;
  const first = focusable[0]!;
  const last = focusable[focusable.length - 1]!;
  const active = uiRoot().activeElement;
  if (e.shiftKey && (active === first || !dialog.contains(active))) {
    e.preventDefault();
    last.focus();
  } else if (!e.shiftKey && (active === last || !dialog.contains(active))) {
    e.preventDefault();
    first.focus();
  }
}

/** The focused element, looking inside open shadow roots. */
function deepActiveElement(): Element | null {
  let el: Element | null = document.activeElement;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  return el;
}
