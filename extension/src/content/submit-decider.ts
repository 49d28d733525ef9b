/**
 * Turns the core's answers into submit decisions for the guard: builds the `prepareSubmit`
 * request (text, context, identity candidates, first submit on this site, the time) and maps the
 * core's `submitDecision` to a pause and the dialog's model. Every decision (findings after IT's
 * and the person's settings, the identity check, the leader's guideline, pauses) is the core's.
 */
import {
  SITE_CONFIRMED_MESSAGE,
  SITE_STATE_MESSAGE,
  type CoreContext,
  type CoreRequest,
  type SubmitDecisionResponse,
} from '../common/core-api';
import type { DialogModel } from '../ui';
import { currentLang } from '../common/i18n';
import { coreMode, extensionAlive, request, requestNow } from './core-client';
import type { Field } from './field-registry';
import type { Decision } from './submit-guard';
import { sendToWorker } from './worker-channel';

/** Decisions for one frame's site. */
export class SubmitDecider {
  /** Whether the identity check was passed on this site this session; unknown until asked. */
  private confirmed: boolean | undefined;
  private asking: Promise<void> | undefined;

  /**
   * @param site this frame's host
   * @param situation what the page tells about a field besides its text (attachment, editing)
   */
  constructor(
    private readonly site: string,
    private readonly situation: (field: Field) => Partial<CoreContext> = () => ({}),
  ) {}

  /** The context every core request about `field` carries. */
  context(field: Field): CoreContext {
    return { site: this.site, lang: currentLang(), localHour: new Date().getHours(), ...this.situation(field) };
  }

  /** Fetches the site's session state once (on the first focus of a field). */
  prepare(): Promise<void> {
    this.asking ??= this.askSiteState();
    return this.asking;
  }

  /** A decision without waiting, when the core runs in this frame and the site state is known. */
  decideNow(field: Field, text: string): Decision<DialogModel> | null | undefined {
    const mode = coreMode();
    if (mode === 'off') return null;
    if (this.confirmed === undefined) return undefined;
    const res = requestNow<SubmitDecisionResponse>(this.submitRequest(field, text), 'submitDecision');
    return res ? fromDecision(res) : res;
  }

  /** The decision, asking the core wherever it runs; `null` fails open. */
  async decide(field: Field, text: string): Promise<Decision<DialogModel> | null> {
    await this.prepare();
    const res = await request<SubmitDecisionResponse>(this.submitRequest(field, text), 'submitDecision');
    return res ? fromDecision(res) : null;
  }

  /** The person published after the dialog: the identity check is done for this site. */
  published(): void {
    this.confirmed = true;
    if (!extensionAlive()) return;
    chrome.runtime.sendMessage({ type: SITE_CONFIRMED_MESSAGE, site: this.site }).catch(() => {});
  }

  private submitRequest(field: Field, text: string): CoreRequest {
    return {
      op: 'prepareSubmit',
      text,
      context: this.context(field),
      identity: field.adapter.identityCandidates(field.element),
      firstSubmitOnSite: this.confirmed !== true,
      now: Date.now(),
    };
  }

  private async askSiteState(): Promise<void> {
    try {
      const res = await sendToWorker<{ confirmed?: boolean } | undefined>({ type: SITE_STATE_MESSAGE, site: this.site }, extensionAlive);
      this.confirmed ||= res?.confirmed === true;
    } catch {
      this.confirmed ||= false;
    }
  }
}

/** The core's decision as the guard and the dialog take it. */
function fromDecision(res: SubmitDecisionResponse): Decision<DialogModel> {
  return {
    pause: res.pause,
    model: { guidelines: res.guidelines, findings: res.findings, texts: res.texts, identity: res.identity },
  };
}
