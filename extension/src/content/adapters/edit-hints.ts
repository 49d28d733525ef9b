/**
 * The page's own short words around a comment field — the editor's label, its buttons' labels,
 * small notes like «Trykk Esc for å avbryte.» — that may say an earlier comment is being edited.
 * Gathered only inside the field's own comment box (`container`), never from the rest of the
 * page; the core decides what they mean (`crates/tenk-core/src/edit_hints.rs`).
 */
import { pushCandidate } from './types';

/** At most this many hints per field. */
const MAX_HINTS = 12;
/** Longer strings are content, not UI labels. */
const MAX_LENGTH = 60;

/** Labels and short notes of `field` and of the controls in `container`. */
export function editHintsAround(field: HTMLElement, container: Element | null | undefined): string[] {
  const hints: string[] = [];
  const push = (raw: string | null | undefined): void => {
    if (raw && raw.trim().length <= MAX_LENGTH) pushCandidate(hints, raw);
  };
  push(field.getAttribute('aria-label'));
  push(field.getAttribute('placeholder') ?? field.getAttribute('aria-placeholder'));
  if (!container) return hints;
  const controls = container.querySelectorAll('button, [role="button"], input[type="submit"], input[type="button"], small, [role="note"], span');
  for (const el of Array.from(controls)) {
    if (hints.length >= MAX_HINTS) break;
    if (el === field || field.contains(el) || el.children.length > 2) continue;
    push(el instanceof HTMLInputElement ? el.value : (el.getAttribute('aria-label') ?? el.textContent));
  }
  return hints;
}
