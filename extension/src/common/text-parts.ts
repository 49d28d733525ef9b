/**
 * A very long text sent to the service worker in parts (docs/CONTRACTS.md § 7, `tenk/core-part`).
 *
 * A runtime message is serialised in the sending task: for a pasted megabyte that was one task of
 * ≈ 10–20 ms in the page (BENCHMARKS.md). In parts of {@link PART_CHARS} characters, each sent once
 * the worker has taken the one before, every task of the page holds one part's serialisation (≈ 1–2
 * ms), and the worker joins them back into exactly the same text before the core sees it. A part
 * never ends between the two halves of a surrogate pair (the messaging would turn a lone half
 * into U+FFFD), so joining gives back the text unit for unit.
 */

/** Message type: one part of a long text, kept by the worker until the request that uses it. */
export const CORE_PART_MESSAGE = 'tenk/core-part';

/** Characters (UTF-16 units) per part, at most. */
export const PART_CHARS = 131_072;

/** The most parts one text may have (8 MB of text); more is refused. */
export const MAX_PARTS = 64;

/** One part of a long text, as sent. */
export interface PartMessage {
  type: typeof CORE_PART_MESSAGE;
  /** Names the text the part belongs to (unique per frame). */
  id: string;
  /** 0-based position of the part. */
  index: number;
  part: string;
}

/** Where the request's text is: the parts sent before it under `id`, `count` of them. */
export interface PartsRef {
  id: string;
  count: number;
}

/** `text` cut into parts of at most `size` units, never between a surrogate pair's halves. */
export function splitText(text: string, size: number = PART_CHARS): string[] {
  const parts: string[] = [];
  for (let at = 0; at < text.length; ) {
    let end = Math.min(at + size, text.length);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && end - at > 1 && last >= 0xd800 && last <= 0xdbff) end--;
    parts.push(text.slice(at, end));
    at = end;
  }
  return parts;
}

/** Whether `m` is a well-formed part message. */
export function isPartMessage(m: { type?: unknown; id?: unknown; index?: unknown; part?: unknown }): m is PartMessage {
  return (
    m.type === CORE_PART_MESSAGE &&
    typeof m.id === 'string' &&
    m.id.length > 0 &&
    m.id.length <= 64 &&
    Number.isInteger(m.index) &&
    (m.index as number) >= 0 &&
    (m.index as number) < MAX_PARTS &&
    typeof m.part === 'string' &&
    m.part.length <= PART_CHARS
  );
}

/** Whether `p` is a well-formed reference to parts. */
export function isPartsRef(p: unknown): p is PartsRef {
  const r = p as Partial<PartsRef> | null;
  return typeof r === 'object' && r !== null && typeof r.id === 'string' && Number.isInteger(r.count) && (r.count as number) > 0 && (r.count as number) <= MAX_PARTS;
}

/**
 * The parts the worker holds: for each sending frame, those of its newest long text only (a new
 * text from the same frame drops the older one's). Taken out (and forgotten) by the request that
 * uses them. Kept in the worker's memory only, never stored.
 */
export class PartStore {
  private readonly byFrame = new Map<string, { id: string; parts: string[] }>();

  /** Keeps `m` for `frame`. */
  put(frame: string, m: PartMessage): void {
    let held = this.byFrame.get(frame);
    if (!held || held.id !== m.id) this.byFrame.set(frame, (held = { id: m.id, parts: [] }));
    held.parts[m.index] = m.part;
  }

  /** The whole text `ref` names, or `null` when a part is missing (the worker restarted meanwhile). */
  take(frame: string, ref: PartsRef): string | null {
    const held = this.byFrame.get(frame);
    if (!held || held.id !== ref.id) return null;
    this.byFrame.delete(frame);
    if (held.parts.length !== ref.count) return null;
    for (let i = 0; i < ref.count; i++) if (typeof held.parts[i] !== 'string') return null;
    return held.parts.join('');
  }
}
