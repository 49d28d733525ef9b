/**
 * Plain newspaper comment forms: a `<textarea>` inside a comment `<form>`, a submit button,
 * and often «Innlogget som …» somewhere in the form. Submits by the button, by the form's
 * submit event, or by `requestSubmit()`. Checked against tests/fixtures/newspaper/.
 */
import { editHintsAround } from './edit-hints';
import { isButtonLike, noCandidates, pushBoxCandidates, pushCandidate, type Adapter } from './types';

/** Words on script-driven send buttons. */
const SEND_LABEL = /^\s*(send|publiser|kommenter|svar|post|submit|reply|comment)\b/i;
/** Forms that are plainly not for comments. */
const NOT_COMMENT = /search|sok|søk|login|logg-?inn|password|passord|payment|betal/i;

export const newspaperForm: Adapter = {
  family: 'newspaper-form',
  // A default newspaper, or a site IT added (the same adapters), as the core decides.
  appliesTo: (_url, family) => family === 'newspaper' || family === 'generic',
  fieldSelector: 'form textarea',
  isField(el) {
    const form = (el as HTMLTextAreaElement).form;
    if (!form || el.getAttribute('role') === 'combobox') return false;
    if (form.querySelector('input[type="password"]')) return false;
    return !NOT_COMMENT.test(`${form.id} ${form.className} ${form.getAttribute('role') ?? ''} ${form.action}`.replace(location.origin, ''));
  },
  readText: (field) => (field as HTMLTextAreaElement).value,
  identityCandidates(field) {
    const c = noCandidates();
    const form = (field as HTMLTextAreaElement).form;
    if (!form) return c;
    pushBoxCandidates(c, field, form);
    pushCandidate(c.labels, field.getAttribute('aria-label'));
    pushCandidate(c.labels, field.getAttribute('placeholder'));
    return c;
  },
  // A textarea's Enter adds a line; the form submits by its button.
  isSubmitKey: () => false,
  // Real submit buttons are caught by the form's submit event (with requestSubmit and Enter in
  // an input); only script-driven send buttons (`type="button"`, `role="button"`) need the click.
  isSendControl(control, field) {
    const form = (field as HTMLTextAreaElement).form;
    if (!form || !form.contains(control) || !isButtonLike(control)) return false;
    if (control instanceof HTMLButtonElement) return control.type === 'button' && SEND_LABEL.test(control.textContent ?? '');
    if (control instanceof HTMLInputElement) return false;
    return SEND_LABEL.test(control.getAttribute('aria-label') ?? control.textContent ?? '');
  },
  // An edit form says so on its button («Lagre endringer») or in a note.
  editHints: (field) => editHintsAround(field, (field as HTMLTextAreaElement).form),
};
