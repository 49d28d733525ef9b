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

/** The frame a part or a request came from (`runtime.MessageSender`'s tab, frame and document). */
export interface FrameRef {
  tab: number;
  frame: number;
  /** The frame's document (`sender.documentId`; empty where the browser does not tell). */
  document: string;
}

/**
 * The most frames whose parts the worker holds at once. A frame that sends a new text's parts
 * when this many others hold theirs drops the parts of the one that sent last the longest ago.
 */
export const MAX_FRAMES = 4;

/**
 * The parts the worker holds: for each sending frame (a tab's frame), those of its newest long
 * text only: a new text from the same frame, or from a new document in it (the frame navigated or
 * reloaded), drops the older one's. Taken out (and forgotten) by the request that uses them. So
 * that a frame that went away between its parts and its request (closed, navigated) cannot leave
 * its parts behind until the worker stops: a closed tab's parts are dropped ({@link dropTab}, on
 * `tabs.onRemoved`), and at most {@link MAX_FRAMES} frames hold parts at once (the one that sent
 * last the longest ago is dropped first). Kept in the worker's memory only, never stored.
 */
export class PartStore {
  /** Per `tab:frame`, in the order they last sent a part (oldest first). */
  private readonly byFrame = new Map<string, { tab: number; document: string; id: string; parts: string[] }>();

  constructor(private readonly maxFrames: number = MAX_FRAMES) {}

  /** Keeps `m` for `from`. */
  put(from: FrameRef, m: PartMessage): void {
    const key = frameKey(from);
    let held = this.byFrame.get(key);
    if (!held || held.id !== m.id || held.document !== from.document) held = { tab: from.tab, document: from.document, id: m.id, parts: [] };
    this.byFrame.delete(key); // re-inserted last: the frame that sent most recently
    this.byFrame.set(key, held);
    held.parts[m.index] = m.part;
    for (const oldest of this.byFrame.keys()) {
      if (this.byFrame.size <= this.maxFrames) break;
      this.byFrame.delete(oldest);
    }
  }

  /** The whole text `ref` names, or `null` when a part is missing (the worker restarted meanwhile). */
  take(from: FrameRef, ref: PartsRef): string | null {
    const key = frameKey(from);
    const held = this.byFrame.get(key);
    if (!held || held.id !== ref.id || held.document !== from.document) return null;
    this.byFrame.delete(key);
    if (held.parts.length !== ref.count) return null;
    for (let i = 0; i < ref.count; i++) if (typeof held.parts[i] !== 'string') return null;
    return held.parts.join('');
  }

  /** Drops the parts every frame of tab `tab` holds (the tab was closed). */
  dropTab(tab: number): void {
    for (const [key, held] of this.byFrame) if (held.tab === tab) this.byFrame.delete(key);
  }

  /** How many frames hold parts now. */
  get frames(): number {
    return this.byFrame.size;
  }
}

function frameKey(from: FrameRef): string {
  return `${from.tab}:${from.frame}`;
}
