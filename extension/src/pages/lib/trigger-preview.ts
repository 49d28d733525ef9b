/** The typed text with the words that triggered reminders marked, built from text nodes only. */
import { h } from './dom';

/** A span of UTF-16 offsets, as findings carry them. */
export interface Span {
  start: number;
  end: number;
}

/** Nodes for `text` with every (merged) span wrapped in `<mark class="trigger">`. */
export function triggerPreview(text: string, spans: readonly Span[]): Node[] {
  const merged: Span[] = [];
  for (const s of [...spans].sort((a, b) => a.start - b.start)) {
    const start = Math.max(0, Math.min(s.start, text.length));
    const end = Math.max(start, Math.min(s.end, text.length));
    const last = merged[merged.length - 1];
    if (last && start <= last.end) last.end = Math.max(last.end, end);
    else if (end > start) merged.push({ start, end });
  }
  const nodes: Node[] = [];
  let at = 0;
  for (const s of merged) {
    if (s.start > at) nodes.push(document.createTextNode(text.slice(at, s.start)));
    nodes.push(h('mark', { class: 'trigger' }, text.slice(s.start, s.end)));
    at = s.end;
  }
  if (at < text.length) nodes.push(document.createTextNode(text.slice(at)));
  return nodes;
}
