/**
 * Facebook's comment and reply boxes: a Lexical editor
 * (`div[contenteditable="true"][role="textbox"][data-lexical-editor="true"]`, one `<p>` per
 * line) whose `aria-label` names who the comment is published as («Kommenter som Kari
 * Nordmann», «Comment as …»). Enter submits; Shift+Enter adds a line; nothing submits while an
 * IME is composing. Checked against tests/fixtures/facebook/.
 */
import { editHintsAround } from './edit-hints';
import { isButtonLike, noCandidates, pushCandidate, textWithBreaks, type Adapter } from './types';

const HOSTS = new Set(['www.facebook.com', 'web.facebook.com', 'm.facebook.com']);
/** Labels of Facebook's send arrow next to the editor (nb/nn/en). */
const SEND_LABEL = /^(kommenter|send|svar|publiser|comment|reply|post)$/i;
/** How far up from the editor the comment box (holding its send arrow) reaches. */
const BOX_DEPTH = 4;

export const facebook: Adapter = {
  family: 'facebook',
  appliesTo: (url) => HOSTS.has(url.hostname),
  fieldSelector: 'div[contenteditable="true"][role="textbox"][data-lexical-editor="true"]',
  isField: (el) => el.isContentEditable,
  readText(field) {
    const lines = Array.from(field.children).filter((c) => c instanceof HTMLParagraphElement);
    return lines.length ? lines.map(textWithBreaks).join('\n') : textWithBreaks(field);
  },
  identityCandidates(field) {
    const c = noCandidates();
    pushCandidate(c.labels, field.getAttribute('aria-label'));
    pushCandidate(c.labels, field.getAttribute('aria-placeholder'));
    const box = field.closest('form') ?? field.parentElement?.parentElement;
    for (const img of Array.from(box?.querySelectorAll('img[alt], svg[aria-label]') ?? [])) {
      pushCandidate(c.images, img.getAttribute('alt') ?? img.getAttribute('aria-label'));
    }
    return c;
  },
  isSubmitKey: (ev) =>
    ev.key === 'Enter' && !ev.shiftKey && !ev.isComposing && ev.keyCode !== 229 && !ev.altKey && !ev.metaKey && !ev.ctrlKey,
  // The send arrow is a labelled button inside the editor's own comment box (its <form>, or a few
  // levels up); a «Svar» link elsewhere in the post opens a reply box and must not be held.
  isSendControl(control, field) {
    if (!isButtonLike(control) || !SEND_LABEL.test((control.getAttribute('aria-label') ?? '').trim())) return false;
    const form = field.closest('form');
    if (form) return form.contains(control);
    let box: HTMLElement | null = field;
    for (let i = 0; i < BOX_DEPTH && box; i++) box = box.parentElement;
    return box?.contains(control) ?? false;
  },
  // Editing a comment puts the editor in place of it, with «Trykk Esc for å avbryte.» under it.
  editHints: (field) => editHintsAround(field, field.closest('form') ?? field.parentElement?.parentElement?.parentElement),
};
