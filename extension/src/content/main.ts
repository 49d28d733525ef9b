/**
 * Content-script entry: finds this frame's comment families, then wires the field registry,
 * the core client (started lazily on the first focus of a comment field), the inline hint and
 * the submit guard. Does nothing at all on frames no adapter applies to. Once working it obeys
 * the core's site decision (`SiteGate`): on a site IT removed, one the person turned off, or
 * while reminders are snoozed there, no hint and no dialog, and every submit goes through.
 * One copy guards a frame, also after the extension is reloaded or updated (`takeover.ts`).
 */
import { adaptersFor, type Adapter } from './adapters';
import { extensionAlive, request, startCore, useWorkerCore } from './core-client';
import { FieldRegistry, type Field } from './field-registry';
import { HintAnalysis } from './hint-analysis';
import { installSubmitGuard } from './submit-guard';
import { SubmitDecider } from './submit-decider';
import { SituationWatcher } from './situation';
import { SiteGate } from './site-gate';
import { loadUi, uiIfLoaded } from './ui-access';
import { claimFrame } from './takeover';
import { answerStatus } from './status';
import type { SiteDecisionResponse } from '../common/core-api';
import { builtInFamily } from '../common/default-sites';
import { watchFriendRequests } from './friend-request';
import { chooseLanguage } from '../common/i18n';
import { readManagedSettings, readUserSettings } from '../common/user-state';

/** How long typing must pause before the text is analysed (then it waits for idle time). */
const TYPING_PAUSE_MS = 300;

function start(adapters: Adapter[]): void {
  const life = new AbortController();
  // A field that is an editor iframe (Coral) types in its own window: watch that one too.
  const registry = new FieldRegistry(adapters, (field) => watchEditorWindow(field));
  // `situation` is created below, once `focus` exists; the decider only asks it later.
  const decider = new SubmitDecider(location.hostname, (field) => situation.contextFor(field));
  const gate = new SiteGate(() => uiIfLoaded()?.hideHint());
  const analysis = new HintAnalysis();
  let focused: Field | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  /** The hint's next drawing (an animation frame), if one is waiting. */
  let drawing = 0;
  let languageChosen: Promise<unknown> | undefined;

  /** Leaves the frame for good: no listeners, no hint, no dialog (as «Rediger»), no UI element. */
  const standDown = (): void => {
    life.abort();
    const ui = uiIfLoaded();
    ui?.hideHint();
    ui?.closeDialog();
    ui?.removeUi();
  };
  /** Fail open for good once the extension is reloaded or removed under this page. */
  const alive = (): boolean => {
    if (extensionAlive()) return true;
    standDown();
    return false;
  };
  if (!claimFrame(extensionAlive, standDown, life.signal)) return;

  /** The UI language the person chose (settings `locale`), once per frame. */
  const chooseUiLanguage = (): void => {
    languageChosen ??= Promise.all([readUserSettings(), readManagedSettings()])
      .then(([user, managed]) => chooseLanguage(user.locale ?? managed?.locale))
      .catch(() => {});
  };

  const analyseSoon = (field: Field): void => {
    clearTimeout(timer);
    timer = setTimeout(() => requestIdleCallback(() => void analyse(field), { timeout: 500 }), TYPING_PAUSE_MS);
  };

  /** Hides the hint now, and drops a drawing still waiting for its frame. */
  const hide = (): void => {
    cancelAnimationFrame(drawing);
    uiIfLoaded()?.hideHint();
  };

  const analyse = async (field: Field): Promise<void> => {
    if (!alive() || focused?.element !== field.element) return;
    cancelAnimationFrame(drawing);
    const text = field.adapter.readText(field.element);
    if (!text.trim()) {
      analysis.supersede();
      return hide();
    }
    await gate.ask();
    if (!gate.open()) {
      analysis.supersede();
      return hide();
    }
    const res = await analysis.analyse(text, decider.context(field));
    // The UI started loading on the first focus (Chromium: `ui.js`, ui-access.ts); nothing to draw without it.
    const ui = res && res.guidelines.length > 0 ? await loadUi(alive) : uiIfLoaded();
    if (res === undefined || life.signal.aborted || focused?.element !== field.element) return;
    // The hint is drawn in the next frame, in a task of its own: the analysis and the drawing
    // (which measures the field and its words) do not add up to one long task.
    cancelAnimationFrame(drawing);
    drawing = requestAnimationFrame(() => {
      if (life.signal.aborted || focused?.element !== field.element || !gate.open()) return;
      if (res && res.guidelines.length > 0) ui?.showHint(field.element, { ...res, text });
      else ui?.hideHint();
    });
  };

  const opts = { capture: true, passive: true, signal: life.signal };
  /** A comment field got focus (or was typed in before this script saw it focus). */
  const focus = (field: Field): void => {
    if (!alive()) return;
    focused = field;
    watchEditorWindow(field);
    void startCore();
    void loadUi(alive);
    void gate.ask();
    void decider.prepare();
    chooseUiLanguage();
    analyseSoon(field);
  };
  /** An image pasted, dropped or chosen for a field: the hint looks again. */
  const situation = new SituationWatcher(registry, life.signal, (field) => {
    if (focused?.element === field.element) analyseSoon(field);
    else focus(field);
  });
  window.addEventListener(
    'focusin',
    (ev) => {
      const field = registry.fieldIn(ev.composedPath());
      if (field) focus(field);
    },
    opts,
  );
  window.addEventListener(
    'focusout',
    (ev) => {
      if (!focused || !registry.fieldIn(ev.composedPath())) return;
      const next = (ev as FocusEvent).relatedTarget;
      if (next instanceof Node && focused.element.contains(next)) return;
      // Focus moving into the hint's card (keyboard shortcut, or a click on it) keeps the hint.
      const ui = uiIfLoaded();
      if (ui && (ui.isOwnUi(next) || ui.hintHasFocus())) return;
      // The window lost focus (another tab or window came up), not the field: it stays active.
      const active = deepActiveElement();
      if (!document.hasFocus() && active && focused.element.contains(active)) return;
      focused = null;
      clearTimeout(timer);
      hide();
    },
    opts,
  );
  // Focus moving into a same-origin editor iframe (Coral) shows here only as the window's blur;
  // the iframe is then this document's active element.
  window.addEventListener(
    'blur',
    (ev) => {
      if (ev.target !== window) return;
      const el = deepActiveElement();
      const field = el?.nodeName === 'IFRAME' ? registry.fieldIn([el]) : null;
      if (field) focus(field);
    },
    opts,
  );
  window.addEventListener(
    'input',
    (ev) => {
      const field = registry.fieldIn(ev.composedPath());
      if (!field) return;
      if (focused?.element === field.element) analyseSoon(field);
      else focus(field);
    },
    opts,
  );

  const guard = installSubmitGuard(
    {
      registry,
      decideNow: (field, text) => {
        if (!gate.known()) return undefined;
        return gate.open() ? decider.decideNow(field, text) : null;
      },
      decide: async (field, text) => {
        await gate.ask();
        return gate.open() ? decider.decide(field, text) : null;
      },
      ask: async (model) => {
        const ui = await loadUi(alive);
        // A newer copy took this frame over meanwhile: it guards the next submit.
        if (life.signal.aborted) return 'edit';
        // The UI could not be loaded: the submit goes through, as without the extension.
        if (!ui) return 'publish';
        hide();
        return ui.showDialog(model);
      },
      dismiss: () => uiIfLoaded()?.closeDialog(),
      published: (_model, field) => {
        situation.clear(field);
        decider.published();
      },
      active: alive,
    },
    life.signal,
  );
  const editorWindows = new WeakSet<Window>();
  /** Focus, typing and submit keys in a same-origin editor iframe's window, for `field`. */
  function watchEditorWindow(field: Field): void {
    const win = field.adapter.editorIn?.(field.element)?.ownerDocument.defaultView;
    if (!win || win === window || editorWindows.has(win)) return;
    editorWindows.add(win);
    guard.watchEditorWindow(field);
    win.addEventListener('focusin', () => focus(field), opts);
    win.addEventListener('input', () => (focused?.element === field.element ? analyseSoon(field) : focus(field)), opts);
    win.addEventListener(
      'focusout',
      () =>
        // Focus left the editor: keep the hint when it went to the hint's card or back to the field.
        setTimeout(() => {
          if (focused?.element !== field.element || uiIfLoaded()?.hintHasFocus()) return;
          if (win.document.hasFocus() && win.document.activeElement === field.adapter.editorIn?.(field.element)) return;
          focused = null;
          clearTimeout(timer);
          hide();
        }),
      opts,
    );
  }

  // A field the core qualified after its first event (the generic adapter): take it up if the
  // person is still in it.
  registry.onLateField = (late) => {
    if (deepActiveElement() === late.element) focus(late);
  };
  if (adapters.some((a) => a.family === 'facebook')) {
    watchFriendRequests(
      {
        ready: () => {
          chooseUiLanguage();
          return languageChosen ?? Promise.resolve();
        },
      },
      life.signal,
    );
  }
  registry.watch(document, life.signal);
  answerStatus(registry, () => focused, life.signal, () => gate.current());
  // The script runs at document_idle: a person may already be in a field.
  const already = deepActiveElement();
  const field = already && registry.fieldIn([already]);
  if (field) focus(field);
}

/** The focused element, looking into open shadow roots. */
function deepActiveElement(): Element | null {
  let el = document.activeElement;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  return el;
}

/**
 * Starts with the adapters of this frame's family. On a built-in site the family is known
 * without the core. Anywhere else the script was put there by the run-time registration for a
 * site IT added: the core's site decision (from the service worker's core, since `tenk.wasm` is
 * web-accessible on the built-in sites only) gives the family; no family, no start.
 */
async function boot(): Promise<void> {
  const url = new URL(location.href);
  let family = builtInFamily(url);
  if (!family) {
    useWorkerCore();
    const decision = await request<SiteDecisionResponse>({ op: 'site', url: location.href, now: Date.now() }, 'siteDecision');
    family = decision?.family ?? null;
  }
  const adapters = adaptersFor(url, family);
  if (adapters.length > 0) start(adapters);
}

void boot();
