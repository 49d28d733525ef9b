/**
 * Whether this frame's site is on right now, as the core decides it (op `site`, docs/CONTRACTS.md
 * § 4): IT's `sites.remove`, the person's main switch (`enabled`) and per-site switch
 * (`disabledSites`), and a running snooze. Asked when the frame starts working (the first focus
 * of a comment field) and again whenever the settings change, so a policy or a switch applies
 * live both ways. JS only obeys; when the core cannot answer the gate stays open (fail open: the
 * other requests get no answer either, so the page works as without the extension).
 */
import type { SiteDecisionResponse } from '../common/core-api';
import { onReconfigured, request, startCore } from './core-client';

/** The core's site decision for this frame, kept current. */
export class SiteGate {
  private decision: SiteDecisionResponse | null | undefined;
  private asking: Promise<void> | undefined;
  private listening = false;

  /** `turnedOff` runs whenever a new decision says the site is off (hide what is shown). */
  constructor(private readonly turnedOff: () => void) {}

  /** Asks the core once (later calls wait for the same answer). */
  ask(): Promise<void> {
    if (!this.listening) {
      this.listening = true;
      onReconfigured(() => void (this.asking = this.refresh()));
    }
    this.asking ??= this.refresh();
    return this.asking;
  }

  /** The core's decision (asking it if not yet asked); `null` when the core cannot answer. */
  async current(): Promise<SiteDecisionResponse | null> {
    await this.ask();
    return this.decision ?? null;
  }

  /** The decision is known (or the core cannot answer). */
  known(): boolean {
    return this.decision !== undefined;
  }

  /** Reminders may show here now: not removed, not turned off, not snoozed. Open when unknown. */
  open(now: number = Date.now()): boolean {
    const d = this.decision;
    if (!d) return true;
    return d.active && !(d.snoozedUntil !== null && now < d.snoozedUntil);
  }

  private async refresh(): Promise<void> {
    await startCore();
    const decision = await request<SiteDecisionResponse>({ op: 'site', url: location.href, now: Date.now() }, 'siteDecision');
    this.decision = decision;
    if (!this.open()) this.turnedOff();
  }
}
