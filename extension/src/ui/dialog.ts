/**
 * The pre-submit dialog: which guidelines the comment touches and who it is published as.
 * «Rediger» is the default (focused, and what Esc means); «Publiser likevel» lets the comment
 * through. A modal `<dialog>` in the shadow root sits in the top layer above any page z-index.
 */
import type { Finding, GuidelineText, Identity } from '../common/core-types';
import { h } from './dom';
import { t } from '../common/i18n';
import { uiRoot } from './root';

/** What the dialog shows. */
export interface DialogModel {
  /** Guideline ids touched, in order (includes `logged-in-identity` for the identity check). */
  guidelines: string[];
  findings: Finding[];
  texts?: Record<string, GuidelineText>;
  /** Who the comment is published as. */
  identity: Identity;
}

/** The person's choice. */
export type DialogChoice = 'edit' | 'publish';

let open: { dialog: HTMLDialogElement; settle: (c: DialogChoice) => void } | undefined;

/** Shows the dialog and resolves with the choice; a second call while open answers 'edit'. */
export function showDialog(model: DialogModel): Promise<DialogChoice> {
  if (open) return Promise.resolve('edit');
  const edit = h('button', { type: 'button', class: 'edit', 'data-testid': 'tenk-edit', autofocus: '' }, t('dialogEdit'));
  const publish = h('button', { type: 'button', class: 'publish', 'data-testid': 'tenk-publish' }, t('dialogPublish'));
  const list = h('ul');
  for (const id of model.guidelines) {
    const title = model.texts?.[id]?.title;
    const message =
      model.findings.find((f) => f.guideline === id)?.message ?? (id === 'logged-in-identity' ? t('dialogIdentityCheck') : '');
    list.append(title ? h('li', {}, h('strong', {}, title), ` ${message}`) : h('li', {}, message));
  }
  const dialog = h(
    'dialog',
    {
      'data-testid': 'tenk-dialog',
      role: 'alertdialog',
      'aria-modal': 'true',
      'aria-labelledby': 'tenk-dialog-title',
      'aria-describedby': 'tenk-identity',
      'data-guidelines': model.guidelines.join(' '),
    },
    h('h2', { id: 'tenk-dialog-title' }, t('dialogHeading')),
    h('p', { id: 'tenk-identity', class: 'identity', 'data-testid': 'tenk-identity' }, identityText(model.identity)),
    h('p', {}, t('dialogGuidelinesIntro')),
    list,
    h('div', { class: 'buttons' }, edit, publish),
    h('p', { class: 'choice' }, t('dialogChoice')),
  );
  return new Promise<DialogChoice>((resolve) => {
    const settle = (choice: DialogChoice) => {
      if (open?.dialog !== dialog) return;
      open = undefined;
      dialog.close();
      dialog.remove();
      resolve(choice);
    };
    open = { dialog, settle };
    edit.addEventListener('click', () => settle('edit'));
    publish.addEventListener('click', () => settle('publish'));
    dialog.addEventListener('cancel', (e) => {
      e.preventDefault();
      settle('edit');
    });
    uiRoot().append(dialog);
    dialog.showModal();
    edit.focus();
  });
}

/** Closes an open dialog as if the person chose «Rediger» (e.g. the page removed the field). */
export function closeDialog(): void {
  open?.settle('edit');
}

/** One plain sentence about who the comment is published as; never an empty name. */
function identityText(identity: Identity): string {
  const name = identity.name?.trim();
  if (!name || identity.kind === 'unknown') return t('dialogPublishAsUnknown');
  const who = t('dialogPublishAs', identity.kind === 'page' ? t('identityPage', name) : name);
  if (!identity.showsWorkplace) return who;
  return `${who}. ${identity.workplace ? t('identityShowsWorkplace', identity.workplace) : t('identityShowsWorkplaceGeneric')}`;
}
