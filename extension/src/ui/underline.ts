/**
 * Where the words that triggered a reminder are on screen, so the hint can draw a quiet
 * underline under them in its own overlay. The page's editor DOM is only read, never changed:
 * for contenteditable editors a DOM Range gives the rectangles; for `<textarea>`/`<input>` an
 * invisible mirror with the field's text metrics does.
 */
import { uiRoot } from './root';

/** UTF-16 offsets into the text the adapter read from the field. */
export interface Span {
  start: number;
  end: number;
}

/** Rectangles (viewport coordinates) under which to draw, clipped to the field's visible box. */
export function spanRects(field: HTMLElement, text: string, spans: readonly Span[]): DOMRect[] {
  const rects: DOMRect[] = [];
  const box = field.getBoundingClientRect();
  for (const span of spans) {
    if (span.end <= span.start) continue;
    const raw = field instanceof HTMLTextAreaElement || field instanceof HTMLInputElement ? mirrorRects(field, span) : editableRects(field, text, span);
    for (const r of raw) {
      const left = Math.max(r.left, box.left);
      const right = Math.min(r.right, box.right);
      if (right - left < 2 || r.bottom < box.top || r.bottom > box.bottom + 2) continue;
      rects.push(new DOMRect(left, r.top, right - left, r.height));
    }
  }
  return rects;
}

/** Text nodes of `root` in document order, with their start in the concatenated text. */
function textNodes(root: HTMLElement): { node: Text; at: number }[] {
  const out: { node: Text; at: number }[] = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  let at = 0;
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const node = n as Text;
    out.push({ node, at });
    at += node.data.length;
  }
  return out;
}

/**
 * For a contenteditable field: the adapter's text may join paragraphs with newlines the DOM does
 * not have, so find the same occurrence of the trigger words in the DOM's own text.
 */
function editableRects(field: HTMLElement, text: string, span: Span): DOMRect[] {
  const words = text.slice(span.start, span.end);
  const needle = words.replace(/\n/g, '');
  if (!needle) return [];
  let occurrence = 0;
  for (let i = text.indexOf(words); i >= 0 && i < span.start; i = text.indexOf(words, i + 1)) occurrence++;
  const nodes = textNodes(field);
  const flat = nodes.map((n) => n.node.data).join('');
  let at = -1;
  for (let k = 0, from = 0; k <= occurrence; k++, from = at + 1) {
    at = flat.indexOf(needle, from);
    if (at < 0) return [];
  }
  const locate = (offset: number, end: boolean): [Text, number] | null => {
    for (const n of nodes) {
      const len = n.node.data.length;
      if (offset < n.at + len || (end && offset === n.at + len)) return [n.node, offset - n.at];
    }
    return null;
  };
  const a = locate(at, false);
  const b = locate(at + needle.length, true);
  if (!a || !b) return [];
  const range = document.createRange();
  range.setStart(a[0], a[1]);
  range.setEnd(b[0], b[1]);
  return [...range.getClientRects()];
}

let mirror: HTMLElement | undefined;

const COPIED = ['font-family', 'font-size', 'font-weight', 'font-style', 'font-variant', 'font-stretch', 'letter-spacing', 'word-spacing', 'line-height', 'text-transform', 'text-indent', 'tab-size', 'padding-top', 'padding-right', 'padding-bottom', 'padding-left', 'border-top-width', 'border-right-width', 'border-bottom-width', 'border-left-width', 'box-sizing', 'direction'];

/** For a textarea or input: lay the same text out in an invisible mirror and measure there. */
function mirrorRects(field: HTMLTextAreaElement | HTMLInputElement, span: Span): DOMRect[] {
  if (!mirror || !mirror.isConnected) {
    mirror = document.createElement('div');
    mirror.className = 'mirror';
    mirror.setAttribute('aria-hidden', 'true');
    uiRoot().append(mirror);
  }
  const cs = getComputedStyle(field);
  for (const p of COPIED) mirror.style.setProperty(p, cs.getPropertyValue(p));
  const textarea = field instanceof HTMLTextAreaElement;
  mirror.style.whiteSpace = textarea ? 'pre-wrap' : 'pre';
  mirror.style.overflowWrap = textarea ? 'break-word' : 'normal';
  mirror.style.width = `${field.offsetWidth}px`;
  mirror.style.borderStyle = 'solid';
  mirror.style.borderColor = 'transparent';
  const value = field.value;
  const mark = document.createElement('span');
  mark.textContent = value.slice(span.start, span.end);
  mirror.replaceChildren(document.createTextNode(value.slice(0, span.start)), mark, document.createTextNode(value.slice(span.end) + ' '));
  const origin = mirror.getBoundingClientRect();
  const box = field.getBoundingClientRect();
  const dx = box.left - origin.left - field.scrollLeft;
  const dy = box.top - origin.top - field.scrollTop;
  const rects = [...mark.getClientRects()].map((r) => new DOMRect(r.left + dx, r.top + dy, r.width, r.height));
  mirror.replaceChildren();
  return rects;
}
