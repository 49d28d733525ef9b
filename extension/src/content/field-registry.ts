/**
 * Knows the comment fields in this frame. One MutationObserver watches for fields added later
 * (reply boxes, lazily rendered comment sections); its work is proportional to what changed:
 * only added subtrees and the few attributes that turn an element into an editor are looked at.
 */
import type { Adapter } from './adapters';

/** A comment field and the family that reads it. */
export interface Field {
  element: HTMLElement;
  adapter: Adapter;
}

/** Attributes whose change can make an existing element an editor (Lexical sets them late). */
const EDITOR_ATTRIBUTES = ['contenteditable', 'role', 'data-lexical-editor'];

/** The comment fields of one frame, kept current as the page changes. */
export class FieldRegistry {
  private readonly fields = new Map<HTMLElement, Adapter>();
  /** Elements whose qualification the core was asked about (once each). */
  private readonly asked = new WeakSet<HTMLElement>();
  private observer: MutationObserver | undefined;
  /** Called when an element the core qualified later turns out to be a field. */
  onLateField: (field: Field) => void = () => {};

  constructor(
    private readonly adapters: readonly Adapter[],
    private readonly onAdded: (field: Field) => void = () => {},
  ) {}

  /** Finds the fields already in `root` and watches it for more until `signal` aborts. */
  watch(root: Node, signal: AbortSignal): void {
    this.scan(root);
    this.observer = new MutationObserver((records) => {
      for (const r of records) {
        if (r.type === 'attributes') this.consider(r.target);
        else for (const n of Array.from(r.addedNodes)) this.scan(n);
      }
    });
    this.observer.observe(root, { childList: true, subtree: true, attributes: true, attributeFilter: EDITOR_ATTRIBUTES });
    signal.addEventListener('abort', () => this.observer?.disconnect(), { once: true });
  }

  /** The field an event's `composedPath()` passes through, if any. */
  fieldIn(path: readonly EventTarget[]): Field | null {
    for (const t of path) {
      if (!(t instanceof HTMLElement)) continue;
      const adapter = this.fields.get(t) ?? this.qualify(t);
      if (adapter) return { element: t, adapter };
      this.qualifyLater(t);
    }
    return null;
  }

  /** Registered fields inside `container` that are still in the document. */
  fieldsWithin(container: Node): Field[] {
    const out: Field[] = [];
    for (const [element, adapter] of this.fields) {
      if (!element.isConnected) this.fields.delete(element);
      else if (container.contains(element)) out.push({ element, adapter });
    }
    return out;
  }

  /** How many fields are known (for tests and diagnostics). */
  get size(): number {
    return this.fields.size;
  }

  private scan(node: Node): void {
    if (!(node instanceof Element)) return;
    this.consider(node);
    for (const a of this.adapters) {
      for (const el of Array.from(node.querySelectorAll(a.fieldSelector))) this.consider(el);
    }
  }

  private consider(node: Node): void {
    if (node instanceof HTMLElement && !this.fields.has(node)) this.qualify(node);
  }

  /**
   * Asks the core (once per element) whether an element an event went through is a field of a
   * family the core qualifies; registers it and reports it through `onLateField` if so.
   */
  private qualifyLater(el: HTMLElement): void {
    if (this.asked.has(el)) return;
    const adapter = this.adapters.find((a) => a.qualifyLater && el.matches(a.fieldSelector));
    if (!adapter?.qualifyLater) return;
    this.asked.add(el);
    adapter.qualifyLater(el).then(
      (yes) => {
        if (!yes || !el.isConnected || this.fields.has(el)) return;
        const field = { element: el, adapter };
        this.fields.set(el, adapter);
        this.onAdded(field);
        this.onLateField(field);
      },
      () => {},
    );
  }

  /** Registers `el` if an adapter claims it; returns that adapter. */
  private qualify(el: HTMLElement): Adapter | undefined {
    const adapter = this.adapters.find((a) => el.matches(a.fieldSelector) && a.isField(el));
    if (adapter) {
      this.fields.set(el, adapter);
      this.onAdded({ element: el, adapter });
    }
    return adapter;
  }
}
