/**
 * The Facebook comments plugin (`www.facebook.com/plugins/comments.php`, also versioned), the
 * iframe newspapers embed under their articles. The content script runs in that frame (the
 * manifest's `https://www.facebook.com/*` match with `all_frames`). The frame holds one
 * Draft.js-like editor (`div[contenteditable="true"][role="textbox"]`, one `div[data-block]`
 * per line) in a form with a «Publiser» submit button and «Publiserer som Kari Nordmann» under
 * it. The button submits the form (caught by the form's submit event); Enter adds a line.
 * Checked against tests/fixtures/facebook/plugin-comments.html.
 */
import { isButtonLike, noCandidates, pushBoxCandidates, pushCandidate, textWithBreaks, type Adapter } from './types';


export const facebookPlugin: Adapter = {
  family: 'facebook-plugin',
  appliesTo: (_url, family) => family === 'facebook-plugin',
  fieldSelector: 'div[contenteditable="true"][role="textbox"]',
  isField: (el) => el.isContentEditable,
  readText(field) {
    const blocks = Array.from(field.querySelectorAll('[data-block="true"]'));
    if (blocks.length === 0) return textWithBreaks(field);
    // A Draft block is one line; an empty block holds only a placeholder <br>.
    return blocks.map((b) => b.textContent ?? '').join('\n');
  },
  identityCandidates(field) {
    const c = noCandidates();
    pushCandidate(c.labels, field.getAttribute('aria-label'));
    const form = field.closest('form') ?? field.ownerDocument.body;
    pushBoxCandidates(c, field, form);
    return c;
  },
  isSubmitKey: () => false,
  // «Publiser» is a real submit button: the form's submit event holds it. Only a script-driven
  // button (`type="button"`, `role="button"`) labelled as a send would need the click.
  isSendControl(control, field) {
    const form = field.closest('form');
    if (!form || !form.contains(control) || !isButtonLike(control)) return false;
    if (control instanceof HTMLButtonElement) return control.type === 'button' && /^\s*(publiser|post|kommenter|comment)\b/i.test(control.textContent ?? '');
    return false;
  },
};
