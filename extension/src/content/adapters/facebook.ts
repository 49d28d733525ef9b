/**
 * Facebook (`www`, `web` and `m.facebook.com`): comment and reply boxes, the post composer
 * (also in groups), and the basic mobile comment form. Checked against tests/fixtures/facebook/.
 *
 * - Comment and reply boxes are a Lexical editor
 *   (`div[contenteditable="true"][role="textbox"][data-lexical-editor="true"]`, one `<p>` per
 *   line) whose `aria-label` names who the comment is published as («Kommenter som Kari
 *   Nordmann», «Svar som …», «Skriv en offentlig kommentar som …»). Enter submits; Shift+Enter
 *   adds a line; nothing submits while an IME is composing. The send arrow next to it submits.
 * - The post composer («Hva tenker du på, Kari?», in groups «Skriv noe …») is the same editor in
 *   the «Opprett innlegg» dialog: Enter adds a line there, its «Publiser» button submits.
 * - The basic mobile site posts a `<textarea name="comment_text">` in a plain form (caught by
 *   the form's submit event).
 * - Acting as a Page shows in the label («Kommenter som siden …») or in Facebook's notice «Du
 *   bruker nå Facebook som …» (a `role="status"` / `role="alert"` text): both are handed to the
 *   core, which decides.
 */
import { editHintsAround } from './edit-hints';
import { isButtonLike, noCandidates, pushCandidate, textWithBreaks, type Adapter } from './types';

/** Labels of Facebook's send arrow next to a comment editor (nb/nn/en). */
const SEND_LABEL = /^(kommenter|send|svar|publiser|comment|reply|post)$/i;
/** Labels that only a comment box's own send arrow carries (not the composer's «Publiser»). */
const ARROW_LABEL = /^(kommenter|send|svar|comment|reply)$/i;
/** Labels of the composer dialog's button that publishes the post (nb/nn/en). */
const POST_LABEL = /^(publiser|del|post|share)$/i;
/** How far up from the editor the comment box (holding its send arrow) reaches. */
const BOX_DEPTH = 4;
/** At most this many notices (`role="status"`/`"alert"`) are handed to the core. */
const MAX_NOTICES = 4;
const LEXICAL = 'div[contenteditable="true"][role="textbox"][data-lexical-editor="true"]';
const MOBILE_TEXTAREA = 'form textarea[name="comment_text"]';

export const facebook: Adapter = {
  family: 'facebook',
  // The comments plugin's frames (family `facebook-plugin`) have their own adapter.
  appliesTo: (_url, family) => family === 'facebook',
  fieldSelector: `${LEXICAL}, ${MOBILE_TEXTAREA}`,
  isField: (el) => el instanceof HTMLTextAreaElement || el.isContentEditable,
  readText(field) {
    if (field instanceof HTMLTextAreaElement) return field.value;
    const lines = Array.from(field.children).filter((c) => c instanceof HTMLParagraphElement);
    return lines.length ? lines.map(textWithBreaks).join('\n') : textWithBreaks(field);
  },
  identityCandidates(field) {
    const c = noCandidates();
    pushCandidate(c.labels, field.getAttribute('aria-label'));
    pushCandidate(c.labels, field.getAttribute('aria-placeholder'));
    pushCandidate(c.labels, field.getAttribute('placeholder'));
    const box = field.closest('form') ?? field.parentElement?.parentElement;
    for (const img of Array.from(box?.querySelectorAll('img[alt], svg[aria-label]') ?? [])) {
      pushCandidate(c.images, img.getAttribute('alt') ?? img.getAttribute('aria-label'));
    }
    // Facebook's own notices, e.g. «Du bruker nå Facebook som Velferdsetaten» after switching
    // to a Page: short texts, a few at most.
    const notices = Array.from(field.ownerDocument.querySelectorAll('[role="status"], [role="alert"]')).slice(0, MAX_NOTICES);
    for (const n of notices) pushCandidate(c.texts, n.textContent);
    return c;
  },
  isSubmitKey: (ev, field) =>
    !(field instanceof HTMLTextAreaElement) &&
    !composerDialog(field) &&
    ev.key === 'Enter' &&
    !ev.shiftKey &&
    !ev.isComposing &&
    ev.keyCode !== 229 &&
    !ev.altKey &&
    !ev.metaKey &&
    !ev.ctrlKey,
  // The send arrow is a labelled button inside the editor's own comment box (its <form>, or a few
  // levels up); a «Svar» link elsewhere in the post opens a reply box and must not be held. In
  // the composer it is the dialog's «Publiser». A mobile form's submit button is caught by the
  // form's submit event instead.
  isSendControl(control, field) {
    if (!isButtonLike(control) || field instanceof HTMLTextAreaElement) return false;
    const label = (control.getAttribute('aria-label') ?? control.textContent ?? '').trim();
    const dialog = composerDialog(field);
    if (dialog) return POST_LABEL.test(label) && dialog.contains(control);
    if (!SEND_LABEL.test((control.getAttribute('aria-label') ?? '').trim())) return false;
    return commentBox(field)?.contains(control) ?? false;
  },
  // Editing a comment puts the editor in place of it, with «Trykk Esc for å avbryte.» under it.
  editHints: (field) => editHintsAround(field, field.closest('form') ?? field.parentElement?.parentElement?.parentElement),
};

/** The editor's comment box: its <form>, or the element a few levels up. */
function commentBox(field: HTMLElement): HTMLElement | null {
  const form = field.closest('form');
  if (form) return form;
  let box: HTMLElement | null = field;
  for (let i = 0; i < BOX_DEPTH && box; i++) box = box.parentElement;
  return box;
}

/** Whether the editor's comment box has its own send arrow. */
function hasSendArrow(field: HTMLElement): boolean {
  const box = commentBox(field);
  if (!box) return false;
  return Array.from(box.querySelectorAll('[role="button"][aria-label], button[aria-label]')).some((b) => ARROW_LABEL.test((b.getAttribute('aria-label') ?? '').trim()));
}

/**
 * The «Opprett innlegg» dialog when `field` is the post composer: an editor in a dialog that
 * has a «Publiser» button and no send arrow of its own (a comment box inside a post opened in a
 * dialog has one).
 */
function composerDialog(field: HTMLElement): HTMLElement | null {
  const dialog = field.closest<HTMLElement>('[role="dialog"]');
  if (!dialog || hasSendArrow(field)) return null;
  const publish = Array.from(dialog.querySelectorAll('[role="button"], button')).some((b) =>
    POST_LABEL.test((b.getAttribute('aria-label') ?? b.textContent ?? '').trim()),
  );
  return publish ? dialog : null;
}
