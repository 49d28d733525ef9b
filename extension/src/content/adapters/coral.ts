/**
 * Coral Talk on newspapers: the comment stream renders into an open shadow root (the embed's
 * `#coral_thread` host); each comment box is a `<form>` whose rich-text editor
 * (`.coral-rte`) keeps its contenteditable content in a same-origin iframe. The field is that
 * iframe element (it lives in this frame's realm, so the hint and dialog sit in the page, not in
 * the small editor frame); `editorIn` hands the guard the editor inside it. Identity comes from
 * Coral's viewer box («Innlogget som Kari Nordmann · Ikke deg? Logg ut»). «Send» is the form's
 * submit button — its click is held, because a form's `submit` event inside a shadow root never
 * reaches the window — and Ctrl/⌘+Enter in the editor submits too. Checked against
 * tests/fixtures/coral/.
 */
import { isButtonLike, noCandidates, pushCandidate, type Adapter } from './types';

/** Labels of Coral's post buttons (nb/nn/en); toolbar buttons («Fet», «Kursiv») are never these. */
const SEND_LABEL = /^\s*(send|publiser|post|submit|svar|reply|kommenter|comment)\b/i;
/** Blocks the editor keeps one line in. */
const LINE_BLOCKS = new Set(['DIV', 'P', 'BLOCKQUOTE']);

/** The contenteditable editor inside a Coral editor iframe, if it is there and readable. */
function editorOf(frame: HTMLElement): HTMLElement | null {
  if (frame.nodeName !== 'IFRAME') return null;
  try {
    const doc = (frame as HTMLIFrameElement).contentDocument;
    const editor = doc?.querySelector<HTMLElement>('[contenteditable="true"], [contenteditable=""]');
    return editor ?? (doc?.body?.isContentEditable ? doc.body : null);
  } catch {
    return null; // a cross-origin frame: not Coral's editor
  }
}

/**
 * Text of a node with `<br>` as a line break. Checks node names, not classes: the nodes belong
 * to the iframe's realm, where this frame's `HTMLBRElement` is not their class.
 */
function text(node: Node): string {
  let out = '';
  for (const c of Array.from(node.childNodes)) {
    if (c.nodeType === Node.TEXT_NODE) out += (c as Text).data;
    else if (c.nodeName === 'BR') out += '\n';
    else if (c.nodeType === Node.ELEMENT_NODE) out += text(c);
  }
  return out;
}

export const coral: Adapter = {
  family: 'coral',
  // A default newspaper, or a site IT added (the same adapters), as the core decides.
  appliesTo: (_url, family) => family === 'newspaper' || family === 'generic',
  fieldSelector: '.coral-rte iframe',
  isField: (el) => editorOf(el) !== null,
  editorIn: editorOf,
  readText(field) {
    const editor = editorOf(field);
    if (!editor) return '';
    const blocks = Array.from(editor.children).filter((c) => LINE_BLOCKS.has(c.nodeName));
    if (!blocks.length) return text(editor);
    return blocks
      .map((b) => text(b).replace(/\n$/, ''))
      .join('\n')
      .replace(/^\n+|\n+$/g, '');
  },
  identityCandidates(field) {
    const c = noCandidates();
    const root = field.getRootNode();
    if (root instanceof ShadowRoot) {
      // The viewer box: «Innlogget som» and the name in separate elements; innerText keeps them apart.
      for (const box of Array.from(root.querySelectorAll<HTMLElement>('.coral-viewerBox'))) pushCandidate(c.texts, box.innerText || box.textContent);
      for (const img of Array.from(root.querySelectorAll('.coral-viewerBox img[alt]'))) pushCandidate(c.images, img.getAttribute('alt'));
    }
    const editor = editorOf(field);
    pushCandidate(c.labels, editor?.getAttribute('aria-label'));
    pushCandidate(c.labels, editor?.getAttribute('aria-placeholder'));
    pushCandidate(c.labels, field.getAttribute('title'));
    return c;
  },
  isSubmitKey: (ev) => ev.key === 'Enter' && (ev.ctrlKey || ev.metaKey) && !ev.isComposing && ev.keyCode !== 229 && !ev.altKey && !ev.shiftKey,
  isSendControl(control, field) {
    const form = field.closest('form');
    if (!form || !form.contains(control) || !isButtonLike(control)) return false;
    if (control instanceof HTMLButtonElement && control.type === 'submit') return true;
    return SEND_LABEL.test(control.getAttribute('aria-label') ?? control.textContent ?? '');
  },
};
