/**
 * The small contract every comment family implements (one file per family, registered in
 * `index.ts`). An adapter only touches the DOM to *find* and *read*; what the strings mean
 * (who the person is, whether a field qualifies, whether to pause) is decided by the core.
 */
import type { IdentityCandidates, SiteFamily } from '../../common/core-api';

/** One comment family: where it applies and how to read its fields. */
export interface Adapter {
  /** Short family name, as in docs/sites.md and the fixture README. */
  readonly family: string;
  /**
   * Whether the family can occur in a frame at this URL, whose site the core puts in `family`
   * (`adaptersFor` in index.ts says where the family comes from).
   */
  appliesTo(url: URL, family: SiteFamily | null): boolean;
  /** A CSS selector that finds candidate fields under a root (cheap pre-filter). */
  readonly fieldSelector: string;
  /** Whether a candidate element really is a comment field of this family. */
  isField(el: HTMLElement): boolean;
  /** The text the page would publish, exactly as typed (lines joined by `\n`). */
  readText(field: HTMLElement): string;
  /** Raw strings that may say who the comment is published as. */
  identityCandidates(field: HTMLElement): IdentityCandidates;
  /** Whether this keydown in the field submits the comment (never during IME composition). */
  isSubmitKey(ev: KeyboardEvent, field: HTMLElement): boolean;
  /** Whether a click on `control` (a button-like element near the field) submits `field`. */
  isSendControl(control: HTMLElement, field: HTMLElement): boolean;
  /**
   * For a field that is a same-origin editor iframe (Coral's rich-text editor): the editor
   * element inside it, whose window is watched for focus, typing and submit keys and whose
   * caret «Rediger» gives back. Absent (or `null`) for fields that are the editor themselves.
   */
  editorIn?(field: HTMLElement): HTMLElement | null;
  /** The page's short words around the field that may say an earlier comment is being edited. */
  editHints?(field: HTMLElement): string[];
  /**
   * For families whose fields the core qualifies (the generic adapter): asks the core whether
   * `el` (an element matching `fieldSelector` that an event went through) is a comment field.
   * `isField` answers `true` for it afterwards when it is.
   */
  qualifyLater?(el: HTMLElement): Promise<boolean>;
}

/** Whether an element behaves like a button for clicks. */
export function isButtonLike(el: Element): el is HTMLElement {
  if (el instanceof HTMLButtonElement) return true;
  if (el instanceof HTMLInputElement) return el.type === 'submit' || el.type === 'button' || el.type === 'image';
  return el.getAttribute('role') === 'button';
}

/** Text of a node with `<br>` as a line break and nested elements flattened. */
export function textWithBreaks(node: Node): string {
  let out = '';
  for (const child of Array.from(node.childNodes)) {
    if (child.nodeType === Node.TEXT_NODE) out += (child as Text).data;
    else if (child instanceof HTMLBRElement) out += '\n';
    else if (child instanceof Element) out += textWithBreaks(child);
  }
  return out;
}

/** Empty candidates to fill in. */
export function noCandidates(): IdentityCandidates {
  return { labels: [], texts: [], images: [], pageSwitcher: false };
}

/** At most this many texts are gathered from one comment box. */
const MAX_BOX_TEXTS = 20;

/**
 * Adds what the comment box `box` around `field` says, element by element: texts an element holds
 * itself («Innlogget som Ola Hansen») and images' alt texts. The field's own content is skipped.
 */
export function pushBoxCandidates(c: IdentityCandidates, field: HTMLElement, box: Element): void {
  for (const el of Array.from(box.querySelectorAll('*'))) {
    if (el === field || el.contains(field) || field.contains(el) || el instanceof HTMLScriptElement || el instanceof HTMLStyleElement) continue;
    const ownText = Array.from(el.childNodes).some((n) => n.nodeType === Node.TEXT_NODE && (n as Text).data.trim());
    if (ownText) pushCandidate(c.texts, el.textContent);
    if (el instanceof HTMLImageElement) pushCandidate(c.images, el.alt);
    if (c.texts.length >= MAX_BOX_TEXTS) break;
  }
}

/** Pushes a trimmed, non-empty, not yet present string (at most 200 characters). */
export function pushCandidate(list: string[], raw: string | null | undefined): void {
  const s = (raw ?? '').replace(/\s+/g, ' ').trim();
  if (s && s.length <= 200 && !list.includes(s)) list.push(s);
}
