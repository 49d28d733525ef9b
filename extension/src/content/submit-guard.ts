/**
 * Catches every submit of a comment field before the page sees it — Enter in an editor, a click
 * on a send button (found through `composedPath()`, so shadow DOM works), a form's submit event
 * (buttons, Enter in inputs, `requestSubmit()`), a page script's `form.submit()` (announced by the
 * page-world script, see `../main-world/form-submit.ts`) — and lets it through only after a decision.
 *
 * Listeners are capture-phase on the window, so they run before the page's own. A held event is
 * stopped; when the person chooses «Publiser likevel» (or the text is clean) a copy is
 * re-dispatched exactly once to the same target. The copies are remembered in a WeakSet (flags
 * set on an event would be invisible to the page anyway) so the guard lets them pass. The guard
 * never writes into the page's editor: the page publishes its own, untouched text.
 */
import { uiIfLoaded } from './ui-access';
import type { Field, FieldRegistry } from './field-registry';
import { isButtonLike } from './adapters/types';
import { FORM_SUBMIT_EVENT } from '../common/form-submit-event';

/** The browser's own `form.submit()` as this (isolated) world sees it: the page's patch is not here. */
const nativeFormSubmit = HTMLFormElement.prototype.submit;
/**
 * How long after a field's text was let through a further submit of the same text passes
 * unasked: one publish often runs through several paths (a send button whose page handler calls
 * `form.submit()`, a submit handler that validates and then calls it).
 */
const CASCADE_MS = 3000;

/** What a submit needs: a pause with the dialog, or not. */
export interface Decision<M> {
  pause: boolean;
  /** What the dialog shows when `pause` is true. */
  model: M;
}

/** How the guard asks for decisions and for the person's choice. */
export interface GuardDeps<M> {
  /** Which fields exist. */
  registry: FieldRegistry;
  /** Decides right now if it can: `undefined` when only the async path knows, `null` to fail open. */
  decideNow(field: Field, text: string): Decision<M> | null | undefined;
  /** Decides asynchronously; `null` fails open (the submit goes through). */
  decide(field: Field, text: string): Promise<Decision<M> | null>;
  /** Shows the dialog and resolves with the person's choice. */
  ask(model: M, field: Field): Promise<'edit' | 'publish'>;
  /** Closes an open dialog as «Rediger» (the page removed the field it was about). */
  dismiss(): void;
  /** The person chose to publish after seeing the dialog. */
  published(model: M, field: Field): void;
  /** Whether the guard should act at all (false once the extension is gone: fail open). */
  active(): boolean;
}

/** What an installed guard offers its content script. */
export interface SubmitGuard {
  /**
   * Also watches the submit keys typed in `field`'s editor window (a same-origin editor iframe,
   * whose key events never reach this window). Idempotent per window.
   */
  watchEditorWindow(field: Field): void;
}

/** Installs the guard until `signal` aborts. */
export function installSubmitGuard<M>(deps: GuardDeps<M>, signal: AbortSignal): SubmitGuard {
  /** Events this guard dispatched itself: they pass once. */
  const released = new WeakSet<Event>();
  /** Forms whose next submit event comes from a released click or requestSubmit. */
  const releasedForms = new WeakSet<HTMLFormElement>();
  /** Fields with a decision or dialog pending: further submits are swallowed meanwhile. */
  const busy = new WeakSet<HTMLElement>();
  /** The text last let through per field, and when: the rest of the same publish passes (until typing). */
  const letThrough = new WeakMap<HTMLElement, { text: string; at: number }>();

  const hold = (ev: Event, field: Field, replayOnce: () => void): void => {
    if (!deps.active()) return;
    const text = field.adapter.readText(field.element);
    // Another path of a publish just let through (it may run while the first is still busy).
    const last = letThrough.get(field.element);
    if (last && last.text === text && performance.now() - last.at < CASCADE_MS) return;
    if (busy.has(field.element)) return stop(ev);
    if (!text.trim()) return;
    const replay = (): void => {
      letThrough.set(field.element, { text, at: performance.now() });
      replayOnce();
    };
    const now = deps.decideNow(field, text);
    if (now === null || (now && !now.pause)) return; // fail open, or clean: the original goes through
    stop(ev);
    busy.add(field.element);
    const selection = saveSelection(field.adapter.editorIn?.(field.element) ?? field.element);
    void (async () => {
      try {
        const decision = now ?? (await deps.decide(field, text));
        if (!decision?.pause) {
          if (field.element.isConnected) replay();
          return;
        }
        const choice = await whileConnected(field.element, deps.ask(decision.model, field), deps.dismiss);
        restoreSelection(field, selection);
        if (choice === 'publish' && field.element.isConnected) {
          deps.published(decision.model, field);
          replay();
        }
      } finally {
        busy.delete(field.element);
      }
    })();
  };

  const keydown = (ev: KeyboardEvent, field: Field | null): void => {
    if (released.has(ev) || !field || !field.adapter.isSubmitKey(ev, field.element)) return;
    const target = eventTarget(ev, field);
    hold(ev, field, () => dispatchOnce(target, cloneKey(ev)));
  };
  const onKeydown = (ev: KeyboardEvent): void => keydown(ev, deps.registry.fieldIn(ev.composedPath()));

  const onClick = (ev: MouseEvent): void => {
    if (released.has(ev) || ev.button !== 0) return;
    const path = ev.composedPath();
    // A click in the extension's own UI («Publiser likevel» reads like a send label) is never a page submit.
    const ui = uiIfLoaded();
    if (ui && path.some((t) => ui.isOwnUi(t))) return;
    const hit = sendControlIn(path);
    if (!hit) return;
    const target = eventTarget(ev, hit.field);
    const form = hit.control instanceof HTMLButtonElement || hit.control instanceof HTMLInputElement ? hit.control.form : null;
    hold(ev, hit.field, () => dispatchOnce(target, cloneClick(ev), form));
  };

  const onSubmit = (ev: SubmitEvent): void => {
    const form = ev.target;
    if (!(form instanceof HTMLFormElement)) return;
    if (releasedForms.has(form)) {
      releasedForms.delete(form);
      return;
    }
    const field = deps.registry.fieldsWithin(form)[0];
    if (!field) return;
    const submitter = ev.submitter;
    hold(ev, field, () => {
      releasedForms.add(form);
      try {
        if (submitter && submitter.isConnected) form.requestSubmit(submitter);
        else form.requestSubmit();
      } finally {
        releasedForms.delete(form);
      }
    });
  };

  /** A page script called `form.submit()` (the page-world script's event, cancelable). */
  const onScriptSubmit = (ev: Event): void => {
    const form = ev.target;
    if (!(form instanceof HTMLFormElement)) return;
    const field = deps.registry.fieldsWithin(form)[0];
    if (!field) return;
    hold(ev, field, () => {
      if (form.isConnected) nativeFormSubmit.call(form);
    });
  };

  /** The send control a click went through, and the field it submits. */
  const sendControlIn = (path: EventTarget[]): { control: HTMLElement; field: Field } | null => {
    const i = path.findIndex((t) => t instanceof Element && isButtonLike(t));
    if (i < 0) return null;
    const control = path[i] as HTMLElement;
    // Look for the field in the control's nearest ancestors (the comment box around both).
    for (const container of path.slice(i + 1, i + 9)) {
      if (!(container instanceof Node) || container === document) break;
      for (const field of deps.registry.fieldsWithin(container)) {
        if (field.adapter.isSendControl(control, field.element)) return { control, field };
      }
    }
    return null;
  };

  const dispatchOnce = (target: EventTarget, copy: Event, form?: HTMLFormElement | null): void => {
    released.add(copy);
    if (form) releasedForms.add(form);
    try {
      target.dispatchEvent(copy);
    } finally {
      if (form) releasedForms.delete(form);
    }
  };

  const opts = { capture: true, signal };
  window.addEventListener('keydown', onKeydown, opts);
  window.addEventListener('click', onClick, opts);
  window.addEventListener('submit', onSubmit, opts);
  window.addEventListener(FORM_SUBMIT_EVENT, onScriptSubmit, opts);
  // Typing starts a new comment: what was let through before no longer passes unasked (the
  // same words typed again are a new comment, and get their own decision).
  window.addEventListener(
    'input',
    (ev) => {
      const field = deps.registry.fieldIn(ev.composedPath());
      if (field) letThrough.delete(field.element);
    },
    { capture: true, passive: true, signal },
  );

  const editorWindows = new WeakSet<Window>();
  return {
    watchEditorWindow(field) {
      const win = field.adapter.editorIn?.(field.element)?.ownerDocument.defaultView;
      if (!win || win === window || editorWindows.has(win)) return;
      editorWindows.add(win);
      win.addEventListener('keydown', (ev) => keydown(ev, field), opts);
    },
  };
}

/**
 * Runs `asking` (the open dialog) and calls `dismiss` if the page removes `field` meanwhile (a
 * re-render): the dialog closes as «Rediger», nothing is sent, and the text stays wherever the page
 * keeps it (a re-rendered field is guarded again). The observer lives only while the dialog does.
 */
function whileConnected<T>(field: HTMLElement, asking: Promise<T>, dismiss: () => void): Promise<T> {
  const watch = new MutationObserver(() => {
    if (!field.isConnected) dismiss();
  });
  watch.observe(field.ownerDocument, { childList: true, subtree: true });
  // A document observer does not see into shadow roots (Coral re-renders inside its own).
  for (let root = field.getRootNode(); root instanceof ShadowRoot; root = root.host.getRootNode()) {
    watch.observe(root, { childList: true, subtree: true });
  }
  return asking.finally(() => watch.disconnect());
}

function stop(ev: Event): void {
  ev.preventDefault();
  ev.stopImmediatePropagation();
}

/**
 * The innermost target of the original event, or the field if that is gone. (The target may be
 * a node of a same-origin editor iframe, another realm, so `instanceof Node` would not do.)
 */
function eventTarget(ev: Event, field: Field): EventTarget {
  const first = ev.composedPath()[0] as Partial<Node> | undefined;
  return first && typeof first.nodeType === 'number' && first.isConnected ? (first as Node) : field.element;
}

function cloneKey(ev: KeyboardEvent): KeyboardEvent {
  return new KeyboardEvent(ev.type, {
    key: ev.key,
    code: ev.code,
    keyCode: ev.keyCode,
    which: ev.which,
    location: ev.location,
    shiftKey: ev.shiftKey,
    ctrlKey: ev.ctrlKey,
    altKey: ev.altKey,
    metaKey: ev.metaKey,
    repeat: false,
    bubbles: true,
    cancelable: true,
    composed: true,
    view: window,
  });
}

function cloneClick(ev: MouseEvent): MouseEvent {
  return new MouseEvent('click', {
    bubbles: true,
    cancelable: true,
    composed: true,
    view: window,
    detail: ev.detail,
    clientX: ev.clientX,
    clientY: ev.clientY,
    screenX: ev.screenX,
    screenY: ev.screenY,
    button: 0,
    buttons: 0,
  });
}

type SavedSelection = { range: Range } | { start: number; end: number; direction: 'forward' | 'backward' | 'none' } | null;

/** The caret/selection in the field, so «Rediger» gives it back exactly. */
function saveSelection(field: HTMLElement): SavedSelection {
  if (field instanceof HTMLTextAreaElement || field instanceof HTMLInputElement) {
    return { start: field.selectionStart ?? 0, end: field.selectionEnd ?? 0, direction: field.selectionDirection ?? 'none' };
  }
  const sel = field.ownerDocument.getSelection();
  if (sel && sel.rangeCount > 0 && field.contains(sel.getRangeAt(0).startContainer)) return { range: sel.getRangeAt(0).cloneRange() };
  return null;
}

/**
 * Focuses the field (the editor inside it, for an editor iframe) and puts the caret back where it
 * was (the text is never touched).
 */
function restoreSelection(of: Field, saved: SavedSelection): void {
  const editor = of.adapter.editorIn?.(of.element);
  const field = editor ?? of.element;
  if (!field.isConnected || !of.element.isConnected) return;
  if (editor) of.element.focus({ preventScroll: true });
  field.focus({ preventScroll: true });
  if (!saved) return;
  if ('range' in saved) {
    const sel = field.ownerDocument.getSelection();
    if (saved.range.startContainer.isConnected) {
      sel?.removeAllRanges();
      sel?.addRange(saved.range);
    }
  } else if (field instanceof HTMLTextAreaElement || field instanceof HTMLInputElement) {
    field.setSelectionRange(saved.start, saved.end, saved.direction);
  }
}
