/**
 * Turns the core's answers into submit decisions for the guard.
 *
 * INTERIM: until the core's `prepareSubmit` op is on main, the pause is decided here from the
 * `analyse` findings (pause on any `warn`) plus the first-submit-on-this-site flag; the identity
 * already comes from the core's `identity` op. With `prepareSubmit` this file only builds the
 * request and maps the response.
 */
import {
  SITE_CONFIRMED_MESSAGE,
  SITE_STATE_MESSAGE,
  type AnalysisResponse,
  type CoreContext,
  type Identity,
  type IdentityResponse,
} from '../common/core-api';
import type { DialogModel } from '../ui';
import { currentLang } from '../common/i18n';
import { coreMode, extensionAlive, request, requestNow } from './core-client';
import type { Field } from './field-registry';
import type { Decision } from './submit-guard';

/** Decisions for one frame's site. */
export class SubmitDecider {
  /** Whether the identity check was passed on this site this session; unknown until asked. */
  private confirmed: boolean | undefined;
  private asking: Promise<void> | undefined;

  constructor(private readonly site: string) {}

  /** The context every core request carries. */
  context(): CoreContext {
    return { site: this.site, lang: currentLang(), localHour: new Date().getHours() };
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
    const res = requestNow<AnalysisResponse>({ op: 'analyse', text, context: this.context() }, 'analysis');
    if (res === undefined) return undefined;
    if (res === null) return null;
    const who = requestNow<IdentityResponse>({ op: 'identity', candidates: field.adapter.identityCandidates(field.element) }, 'identity');
    return this.fromAnalysis(res, who?.identity);
  }

  /** The decision, asking the core wherever it runs; `null` fails open. */
  async decide(field: Field, text: string): Promise<Decision<DialogModel> | null> {
    await this.prepare();
    const res = await request<AnalysisResponse>({ op: 'analyse', text, context: this.context() }, 'analysis');
    if (!res) return null;
    const who = await request<IdentityResponse>({ op: 'identity', candidates: field.adapter.identityCandidates(field.element) }, 'identity');
    return this.fromAnalysis(res, who?.identity);
  }

  /** The person published after the dialog: the identity check is done for this site. */
  published(): void {
    this.confirmed = true;
    if (!extensionAlive()) return;
    chrome.runtime.sendMessage({ type: SITE_CONFIRMED_MESSAGE, site: this.site }).catch(() => {});
  }

  private fromAnalysis(res: AnalysisResponse, identity: Identity | undefined): Decision<DialogModel> {
    const firstSubmit = this.confirmed !== true;
    const guidelines = [...res.guidelines];
    if (firstSubmit && !guidelines.includes('logged-in-identity')) guidelines.push('logged-in-identity');
    return {
      pause: firstSubmit || res.findings.some((f) => f.severity === 'warn'),
      model: {
        guidelines,
        findings: res.findings,
        texts: res.texts,
        identity: identity ?? UNKNOWN,
      },
    };
  }

  private async askSiteState(): Promise<void> {
    try {
      const res = (await chrome.runtime.sendMessage({ type: SITE_STATE_MESSAGE, site: this.site })) as { confirmed?: boolean } | undefined;
      this.confirmed ||= res?.confirmed === true;
    } catch {
      this.confirmed ||= false;
    }
  }
}

/** When the core could not say who the person is: the dialog asks them to check, never guesses. */
const UNKNOWN: Identity = { name: null, kind: 'unknown', showsWorkplace: false, workplace: null, source: 'none' };
