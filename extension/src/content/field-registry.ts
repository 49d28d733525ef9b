/**
 * Knows the comment fields in this frame, with no work at start-up or while the page changes
 * for fields that are their own editor (Facebook's, a newspaper's textarea): such a field is
 * recognised when an event passes through it (focus, input, keydown: `fieldIn`), and the fields
 * inside a container are looked up in the DOM when a submit or the popup asks (`fieldsWithin`),
 * paying only for that container's subtree. Only families whose field is a same-origin editor
 * iframe (`Adapter.editorIn`: the iframe's own window must be listened to, since its events do
 * not reach this one) are found ahead of time: `watch` scans for them and one MutationObserver
 * looks at added subtrees and the few attributes that turn an element into an editor. On a page
 * no such family applies to, `watch` does nothing.
 */
import type { Adapter } from './adapters';

/** A comment field and the family that reads it. */
export interface Field {
  element: HTMLElement;
  adapter: Adapter;
}

/** Attributes whose change can make an existing element an editor (Lexical sets them late). */
const EDITOR_ATTRIBUTES = ['contenteditable', 'role', 'data-lexical-editor'];

/** The comment fields of one frame, found on demand. */
export class FieldRegistry {
  /** Fields met so far, in open shadow roots too (a DOM query does not reach those). */
  private readonly met = new Map<HTMLElement, Adapter>();
  /** Elements whose qualification the core was asked about (once each). */
  private readonly asked = new WeakSet<HTMLElement>();
  /** Called when an element the core qualified later turns out to be a field. */
  onLateField: (field: Field) => void = () => {};

  /** `onAdded` runs once for every field the registry meets. */
  constructor(
    private readonly adapters: readonly Adapter[],
    private readonly onAdded: (field: Field) => void = () => {},
  ) {}

  /**
   * Finds the editor-iframe fields already in `root` and watches it for more until `signal`
   * aborts; nothing when no family here has editor iframes.
   */
  watch(root: Node, signal: AbortSignal): void {
    const ahead = this.adapters.filter((a) => a.editorIn);
    if (ahead.length === 0) return;
    const scan = (node: Node): void => {
      if (!(node instanceof Element)) return;
      this.consider(node);
      for (const a of ahead) for (const el of Array.from(node.querySelectorAll(a.fieldSelector))) this.consider(el);
    };
    scan(root);
    const observer = new MutationObserver((records) => {
      for (const r of records) {
        if (r.type === 'attributes') this.consider(r.target);
        else for (const n of Array.from(r.addedNodes)) scan(n);
      }
    });
    observer.observe(root, { childList: true, subtree: true, attributes: true, attributeFilter: EDITOR_ATTRIBUTES });
    signal.addEventListener('abort', () => observer.disconnect(), { once: true });
  }

  /** The field an event's `composedPath()` passes through, if any. */
  fieldIn(path: readonly EventTarget[]): Field | null {
    for (const t of path) {
      if (!(t instanceof HTMLElement)) continue;
      const adapter = this.met.get(t) ?? this.qualify(t);
      if (adapter) return { element: t, adapter };
      this.qualifyLater(t);
    }
    return null;
  }

  /**
   * The fields inside `container` (itself included) that are in the document now, in document
   * order, then fields met earlier in shadow roots inside it.
   */
  fieldsWithin(container: Node): Field[] {
    const found = new Map<HTMLElement, Adapter>();
    const take = (el: Element): void => {
      if (!(el instanceof HTMLElement) || found.has(el)) return;
      const adapter = this.met.get(el) ?? this.qualify(el);
      if (adapter) found.set(el, adapter);
    };
    if (container instanceof Element) take(container);
    if (container instanceof Element || container instanceof Document || container instanceof DocumentFragment) {
      for (const a of this.adapters) for (const el of Array.from(container.querySelectorAll(a.fieldSelector))) take(el);
    }
    for (const [el, adapter] of this.met) {
      if (!el.isConnected) this.met.delete(el);
      else if (!found.has(el) && containsComposed(container, el)) found.set(el, adapter);
    }
    return Array.from(found, ([element, adapter]) => ({ element, adapter }));
  }

  private consider(node: Node): void {
    if (node instanceof HTMLElement && !this.met.has(node)) this.qualify(node);
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
        if (!yes || !el.isConnected || this.met.has(el)) return;
        const field = { element: el, adapter };
        this.met.set(el, adapter);
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
      this.met.set(el, adapter);
      this.onAdded({ element: el, adapter });
    }
    return adapter;
  }
}

/** Whether `node` is inside `container`, looking through the shadow roots between them. */
function containsComposed(container: Node, node: Node): boolean {
  for (let n: Node | null = node; n; n = n instanceof ShadowRoot ? n.host : n.parentNode) {
    if (n === container) return true;
  }
  return false;
}
