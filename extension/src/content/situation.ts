/**
 * What the page tells about a comment besides its text: an image or file pasted, dropped or
 * chosen for it (`photos`, `copyright-and-consent`), and the page's words around the field that
 * may say an earlier comment is being edited (`admit-mistakes`). Only facts go to the core; the
 * core decides which guidelines they bring up. Nothing about the files is read but their count.
 */
import type { CoreContext } from '../common/core-api';
import type { Field, FieldRegistry } from './field-registry';

/** How far up from a file input the comment box it belongs to may reach. */
const BOX_DEPTH = 6;

/** Attachments per field, from the page's paste, drop and file-input events. */
export class SituationWatcher {
  private readonly attached = new WeakSet<HTMLElement>();

  /** Listens until `signal` aborts; `changed` runs when a field gets an attachment. */
  constructor(
    private readonly registry: FieldRegistry,
    signal: AbortSignal,
    private readonly changed: (field: Field) => void,
  ) {
    const opts = { capture: true, passive: true, signal };
    window.addEventListener('paste', (ev) => this.onFiles(ev, (ev as ClipboardEvent).clipboardData), opts);
    window.addEventListener('drop', (ev) => this.onFiles(ev, (ev as DragEvent).dataTransfer), opts);
    window.addEventListener('change', (ev) => this.onFileInput(ev), opts);
  }

  /** The situation of `field` as the core's context takes it. */
  contextFor(field: Field): Pick<CoreContext, 'hasAttachment' | 'editHints'> {
    return {
      hasAttachment: this.attached.has(field.element),
      editHints: field.adapter.editHints?.(field.element) ?? [],
    };
  }

  /** The comment was published: its attachment went with it. */
  clear(field: Field): void {
    this.attached.delete(field.element);
  }

  private onFiles(ev: Event, data: DataTransfer | null): void {
    if (!data || !hasFiles(data)) return;
    const field = this.registry.fieldIn(ev.composedPath());
    if (field) this.mark(field);
  }

  private onFileInput(ev: Event): void {
    const input = ev.composedPath()[0];
    if (!(input instanceof HTMLInputElement) || input.type !== 'file' || !input.files?.length) return;
    let box: Element | null = input.form ?? input.parentElement;
    for (let i = 0; box && i < BOX_DEPTH; i++, box = box.parentElement) {
      const field = this.registry.fieldsWithin(box)[0];
      if (field) return this.mark(field);
    }
  }

  private mark(field: Field): void {
    this.attached.add(field.element);
    this.changed(field);
  }
}

/** Whether a paste or drop carries files (an image copied from a page comes as a file item). */
function hasFiles(data: DataTransfer): boolean {
  if (data.files.length > 0) return true;
  return Array.from(data.items ?? []).some((item) => item.kind === 'file');
}
