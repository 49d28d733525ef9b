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

/**
 * At most this many rectangles are drawn. A huge text (a pasted megabyte) has thousands of hits;
 * only those in view are measured and drawn, so the work does not grow with the text.
 */
export const MAX_RECTS = 200;

/**
 * Measuring stops after this long, however many spans are left: in one huge text node each
 * measurement costs time in proportion to the node's lines (≈ 0.5 ms a span for a pasted
 * megabyte), and drawing must stay well inside a frame. What is drawn is always right; on a
 * huge text it may be only the first underlines in view. The search for the first span in view
 * (about log₂ of the spans' count) and the first {@link ALWAYS_DRAWN} spans in view are done
 * whatever the time, so something is always drawn however busy the machine.
 */
const BUDGET_MS = 6;
const ALWAYS_DRAWN = 8;

/**
 * A textarea or input longer than this gets no underline: measuring means laying its whole text
 * out again in the mirror, which for a huge paste is a long task of its own. The hint still shows.
 */
const MIRROR_MAX_CHARS = 50_000;

/** Measures spans of one field's text; built once per drawing. */
interface Measurer {
  rects(span: Span): DOMRect[];
  done(): void;
}

/**
 * Rectangles (viewport coordinates) under which to draw, clipped to the part of the field's box
 * that is in the viewport. `sorted`: non-empty spans in order of their start (the caller keeps
 * them so across redraws; a pasted megabyte has tens of thousands). Only spans in view are
 * measured: text flows downwards, so a binary search over the spans finds the first one in view,
 * and the walk stops at the first one below it, at {@link MAX_RECTS} or when the time budget is
 * spent.
 */
export function spanRects(field: HTMLElement, text: string, sorted: readonly Span[]): DOMRect[] {
  const box = field.getBoundingClientRect();
  const top = Math.max(box.top, 0);
  const bottom = Math.min(box.bottom, window.innerHeight) + 2;
  if (sorted.length === 0 || bottom <= top) return [];
  const plain = field instanceof HTMLTextAreaElement || field instanceof HTMLInputElement;
  if (plain && field.value.length > MIRROR_MAX_CHARS) return [];
  const measure = plain ? mirrorMeasurer(field) : editableMeasurer(field, text);
  const started = performance.now();
  const inBudget = (): boolean => performance.now() - started < BUDGET_MS;
  const rects: DOMRect[] = [];
  try {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const last = measure.rects(sorted[mid]!).at(-1);
      if (last && last.bottom < top) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < sorted.length && rects.length < MAX_RECTS && (i - lo < ALWAYS_DRAWN || inBudget()); i++) {
      const raw = measure.rects(sorted[i]!);
      if (raw[0] && raw[0].top > bottom) break;
      for (const r of raw) {
        const left = Math.max(r.left, box.left);
        const right = Math.min(r.right, box.right);
        if (right - left < 2 || r.bottom < top || r.bottom > bottom) continue;
        rects.push(new DOMRect(left, r.top, right - left, r.height));
      }
    }
  } finally {
    measure.done();
  }
  return rects.slice(0, MAX_RECTS);
}

/** A text node and where it starts in the concatenated text. */
interface TextAt {
  node: Text;
  at: number;
  /** The node's length when it was found (its data may change later). */
  length: number;
}

/** Text nodes of `root` in document order, with their start in the concatenated text. */
function textNodes(root: HTMLElement): TextAt[] {
  const out: TextAt[] = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  let at = 0;
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const node = n as Text;
    out.push({ node, at, length: node.data.length });
    at += node.data.length;
  }
  return out;
}

/**
 * Maps offsets in the adapter's text to offsets in the DOM's own text (its text nodes joined),
 * when the adapter's text is the DOM's with line breaks added (paragraphs joined by `\n`, `<br>`
 * read as `\n`): one pass over the text. `null` when the two differ otherwise.
 */
function alignment(text: string, flat: string): ((offset: number) => number) | null {
  if (text === flat) return (offset) => offset;
  const added: number[] = [];
  let j = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (j < flat.length && c === flat.charCodeAt(j)) j++;
    else if (c === 10) added.push(i);
    else return null;
  }
  if (j !== flat.length) return null;
  return (offset) => offset - countBelow(added, offset);
}

/** How many of the sorted `values` are below `x`. */
function countBelow(values: readonly number[], x: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The last offset mapping, reused while the field's text nodes and the analysed text are the same. */
let mapped: { text: string; nodes: TextAt[]; flat: string; toFlat: ((offset: number) => number) | null } | undefined;

/**
 * For a contenteditable field: DOM Ranges over its text nodes. The adapter's text may join
 * paragraphs with newlines the DOM does not have; offsets are mapped in one pass (kept for the
 * next drawing while nothing changed: scrolling redraws), or, when the texts differ otherwise,
 * by finding the same occurrence of the trigger words in the DOM's text.
 */
function editableMeasurer(field: HTMLElement, text: string): Measurer {
  const nodes = textNodes(field);
  if (!mapped || mapped.text !== text || !sameNodes(mapped.nodes, nodes)) {
    const flat = nodes.map((n) => n.node.data).join('');
    mapped = { text, nodes, flat, toFlat: alignment(text, flat) };
  }
  const { flat, toFlat } = mapped;
  const locate = (offset: number, end: boolean): [Text, number] | null => {
    let lo = 0;
    let hi = nodes.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const n = nodes[mid]!;
      if (offset < n.at + n.length || (end && offset === n.at + n.length)) hi = mid;
      else lo = mid + 1;
    }
    const n = nodes[lo];
    return n && offset >= n.at ? [n.node, offset - n.at] : null;
  };
  const range = document.createRange();
  return {
    rects(span) {
      const found = toFlat ? { at: toFlat(span.start), end: toFlat(span.end) } : search(text, flat, span);
      if (!found || found.end <= found.at) return [];
      const a = locate(found.at, false);
      const b = locate(found.end, true);
      if (!a || !b) return [];
      range.setStart(a[0], a[1]);
      range.setEnd(b[0], b[1]);
      return [...range.getClientRects()];
    },
    done() {},
  };
}

/** Whether two walks found the same text nodes at the same offsets. */
function sameNodes(a: readonly TextAt[], b: readonly TextAt[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i]!.node !== b[i]!.node || a[i]!.at !== b[i]!.at || a[i]!.length !== b[i]!.length) return false;
  return true;
}

/** The same occurrence of the span's words in the DOM's text (cost grows with the offset). */
function search(text: string, flat: string, span: Span): { at: number; end: number } | null {
  const words = text.slice(span.start, span.end);
  const needle = words.replace(/\n/g, '');
  if (!needle) return null;
  let occurrence = 0;
  for (let i = text.indexOf(words); i >= 0 && i < span.start; i = text.indexOf(words, i + 1)) occurrence++;
  let at = -1;
  for (let k = 0, from = 0; k <= occurrence; k++, from = at + 1) {
    at = flat.indexOf(needle, from);
    if (at < 0) return null;
  }
  return { at, end: at + needle.length };
}

let mirror: HTMLElement | undefined;

const COPIED = ['font-family', 'font-size', 'font-weight', 'font-style', 'font-variant', 'font-stretch', 'letter-spacing', 'word-spacing', 'line-height', 'text-transform', 'text-indent', 'tab-size', 'padding-top', 'padding-right', 'padding-bottom', 'padding-left', 'border-top-width', 'border-right-width', 'border-bottom-width', 'border-left-width', 'box-sizing', 'direction'];

/**
 * For a textarea or input: the same text laid out once in an invisible mirror with the field's
 * text metrics; each span is a Range over the mirror's one text node.
 */
function mirrorMeasurer(field: HTMLTextAreaElement | HTMLInputElement): Measurer {
  if (!mirror || !mirror.isConnected) {
    mirror = document.createElement('div');
    mirror.className = 'mirror';
    mirror.setAttribute('aria-hidden', 'true');
    uiRoot().append(mirror);
  }
  const m = mirror;
  const cs = getComputedStyle(field);
  for (const p of COPIED) m.style.setProperty(p, cs.getPropertyValue(p));
  const textarea = field instanceof HTMLTextAreaElement;
  m.style.whiteSpace = textarea ? 'pre-wrap' : 'pre';
  m.style.overflowWrap = textarea ? 'break-word' : 'normal';
  m.style.width = `${field.offsetWidth}px`;
  m.style.borderStyle = 'solid';
  m.style.borderColor = 'transparent';
  const node = document.createTextNode(`${field.value} `);
  m.replaceChildren(node);
  const origin = m.getBoundingClientRect();
  const box = field.getBoundingClientRect();
  const dx = box.left - origin.left - field.scrollLeft;
  const dy = box.top - origin.top - field.scrollTop;
  const range = document.createRange();
  const max = node.data.length - 1;
  return {
    rects(span) {
      range.setStart(node, Math.min(span.start, max));
      range.setEnd(node, Math.min(span.end, max));
      return [...range.getClientRects()].map((r) => new DOMRect(r.left + dx, r.top + dy, r.width, r.height));
    },
    done() {
      m.replaceChildren();
    },
  };
}
