/**
 * The Disqus embed: a cross-origin iframe at `disqus.com/embed/comments/` on the newspaper's
 * page, where the content script runs on its own (the manifest matches that path only, with
 * `all_frames`). Each postbox is a `<form data-role="postbox">` with a contenteditable
 * `div[role="textbox"]` (one `<p>` per line) and a submit button, so the form's `submit` event
 * carries every way of posting; script-driven buttons are caught by their click. Who posts is
 * the name in the user menu of the top nav (`[data-role="username"]`), read as the text of the
 * person's own profile link. Checked against tests/fixtures/disqus/.
 */
import { isButtonLike, noCandidates, pushCandidate, textWithBreaks, type Adapter } from './types';

/** Words on script-driven post buttons (nb/nn/en). */
const SEND_LABEL = /^\s*(publiser|send|svar|kommenter|post|comment|reply)\b/i;

export const disqus: Adapter = {
  family: 'disqus',
  // The core's family for disqus.com; the manifest injects into the embed path only.
  appliesTo: (url, family) => family === 'disqus' && url.pathname.startsWith('/embed/comments'),
  fieldSelector: '[role="textbox"][contenteditable="true"]',
  isField: (el) => el.isContentEditable && el.closest('form[data-role="postbox"], .textarea-wrapper') !== null,
  readText(field) {
    const lines = Array.from(field.children).filter((c) => c instanceof HTMLParagraphElement);
    const raw = lines.length ? lines.map((p) => textWithBreaks(p).replace(/\n$/, '')).join('\n') : textWithBreaks(field);
    return raw.replace(/^\n+|\n+$/g, '');
  },
  identityCandidates(field) {
    const c = noCandidates();
    for (const name of Array.from(document.querySelectorAll('.user-menu [data-role="username"], .user-menu .username'))) {
      pushCandidate((c.profileLinks ??= []), name.textContent);
    }
    const box = field.closest('form') ?? field.parentElement;
    for (const img of Array.from(box?.querySelectorAll('img[alt]') ?? [])) pushCandidate(c.images, img.getAttribute('alt'));
    pushCandidate(c.labels, field.getAttribute('aria-label'));
    return c;
  },
  // Enter adds a paragraph; Disqus posts by its button only.
  isSubmitKey: () => false,
  // A real submit button is caught by the form's submit event; only script-driven ones need the click.
  isSendControl(control, field) {
    const form = field.closest('form');
    if (!form || !form.contains(control) || !isButtonLike(control)) return false;
    if (control instanceof HTMLButtonElement && control.type === 'submit') return false;
    if (control instanceof HTMLInputElement) return false;
    return SEND_LABEL.test(control.getAttribute('aria-label') ?? control.textContent ?? '');
  },
};
