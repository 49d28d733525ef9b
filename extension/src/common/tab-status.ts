/**
 * What the popup asks a tab's content script (docs/CONTRACTS.md § 7), shared by both sides.
 */
import type { SiteDecisionResponse } from './core-api';
import type { Identity } from './core-types';

/** What the content script of a tab answers to the popup's status question. */
export interface TabStatus {
  /** The content script runs and the site is supported. */
  active: boolean;
  /** `location.host` of the top frame. */
  host: string;
  /** Who a comment would be published as, when the page shows it. */
  identity: Identity | null;
  /** The core's site decision for the tab's top frame (`null` when the core cannot answer). */
  site?: SiteDecisionResponse | null;
}

/**
 * In Chromium: the name of the function the top frame's content script leaves on its isolated
 * world's global, which the popup's injected function calls (`chrome.scripting.executeScript`).
 */
export const STATUS_KEY = '__tenkDegOmStatus';
