/**
 * The shapes that cross the one door into the Rust core (docs/CONTRACTS.md §4). The same
 * objects go to the WASM in the content script or, on CSP-strict pages, to the service worker
 * as `{type: CORE_MESSAGE, request}`. Keep these in step with `tenk_core::api`; the shapes the UI
 * reads (findings, guideline texts, identity) live in `core-types.ts`.
 */
import type { Finding, GuidelineText, Identity } from './core-types';
export type { Finding, GuidelineText, Identity } from './core-types';


/** Message type the service worker answers with a core response. */
export const CORE_MESSAGE = 'tenk/core';
/** Message type: has the identity check been passed on this site in this browser session? */
export const SITE_STATE_MESSAGE = 'tenk/site-state';
/** Message type: the person published on this site after seeing the identity check. */
export const SITE_CONFIRMED_MESSAGE = 'tenk/site-confirmed';

/** A UI language the core writes messages in. */
export type Lang = 'nb' | 'nn' | 'en';

/** Where and by whom a text is written (`tenk_core::Context`, camelCase). */
export interface CoreContext {
  site?: string;
  role?: 'employee' | 'leader';
  lang?: Lang;
  hasAttachment?: boolean;
  isEdit?: boolean;
  /** The page's words around the field that may say it edits an earlier comment (the core decides). */
  editHints?: string[];
  localHour?: number;
}

/** Raw strings an adapter gathered from the page; the core decides what they mean. */
export interface IdentityCandidates {
  labels: string[];
  texts: string[];
  images: string[];
  /** Texts of links to the person's own profile (a user menu's name). */
  profileLinks?: string[];
  pageSwitcher: boolean;
}

/** A plain description of an editable element (`tenk_core::field::FieldDescription`). */
export interface FieldDescription {
  tag: string;
  role: string | null;
  type: string | null;
  contenteditable: boolean;
  ariaLabel: string | null;
  placeholder: string | null;
  name: string | null;
  id: string | null;
  autocomplete: string | null;
  labels: string[];
  formAction: string | null;
  formHasPassword: boolean;
  inSearchForm: boolean;
  lexical: boolean;
  submitLabels: string[];
  containerHints: string[];
  ariaAutocomplete: string | null;
  disabled: boolean;
  readonly: boolean;
  hidden: boolean;
}

/** A request to the core, tagged by `op`. */
export type CoreRequest =
  | { op: 'analyse'; text: string; context: CoreContext }
  | { op: 'identity'; candidates: IdentityCandidates }
  | { op: 'qualifyField'; field: FieldDescription }
  | {
      op: 'friendRequest';
      /** The clicked control's label. */
      label: string;
      /** When the reminder was last shown (epoch ms), if ever. */
      lastShown?: number | null;
      now: number;
      context: CoreContext;
    }
  | {
      op: 'prepareSubmit';
      text: string;
      context: CoreContext;
      identity: IdentityCandidates;
      firstSubmitOnSite: boolean;
      /** Epoch ms, so the core can tell whether a pause (snooze) still runs. */
      now?: number;
    }
  | {
      op: 'configure';
      /** `chrome.storage.managed` as read, or `null`: the core validates and merges. */
      managed: unknown;
      /** The person's own settings (`storage.sync` key `settings`), raw. */
      user: unknown;
      uiLanguage: string;
    }
  | {
      op: 'site';
      /** The frame's URL (`location.href`). */
      url: string;
      /** Epoch ms, so the core can tell whether a pause (snooze) still runs. */
      now?: number;
    };

/** `analysis`: findings for the inline hint. */
export interface AnalysisResponse {
  kind: 'analysis';
  findings: Finding[];
  guidelines: string[];
  texts?: Record<string, GuidelineText>;
}

/** `submitDecision`: whether to pause a submit, and what to show. */
export interface SubmitDecisionResponse {
  kind: 'submitDecision';
  pause: boolean;
  findings: Finding[];
  guidelines: string[];
  texts?: Record<string, GuidelineText>;
  identity: Identity;
}

/** `identity`: who the comment is published as. */
export interface IdentityResponse {
  kind: 'identity';
  identity: Identity;
}

/** `fieldDecision`: whether an editable element is a comment field. */
export interface FieldDecisionResponse {
  kind: 'fieldDecision';
  qualifies: boolean;
  reason: string;
}

/** `friendReminder`: whether to show the friend-request reminder now. */
export interface FriendReminderResponse {
  kind: 'friendReminder';
  show: boolean;
  reason: string;
  guideline: string;
  texts: Record<string, GuidelineText>;
}

/** The core could not answer; the extension fails open. */
export interface ErrorResponse {
  kind: 'error';
  message: string;
}

/** A site IT added by policy: its pattern and the match patterns to register and ask access for. */
export interface AddedSite {
  pattern: string;
  matches: string[];
}

/** `configured`: the effective settings after `configure`. */
export interface ConfiguredResponse {
  kind: 'configured';
  settings: Record<string, unknown>;
  locks?: string[];
  problems: unknown[];
  /** IT-added sites that need the content script registered at run time (`sites::added_sites`). */
  addedSites: AddedSite[];
}

/** A comment family as the core names it (docs/CONTRACTS.md § 4, site decision). */
export type SiteFamily = 'facebook' | 'facebook-plugin' | 'disqus' | 'newspaper' | 'generic';

/** `siteDecision`: whether the extension works on a URL, and with which family. */
export interface SiteDecisionResponse {
  kind: 'siteDecision';
  active: boolean;
  family: SiteFamily | null;
  reason: string;
  host: string | null;
  /** Reminders here are snoozed until this time (epoch ms); `null` when not snoozed. */
  snoozedUntil: number | null;
}

/** Any answer from the core. */
export type CoreResponse =
  | FieldDecisionResponse
  | FriendReminderResponse
  | AnalysisResponse
  | SubmitDecisionResponse
  | IdentityResponse
  | ConfiguredResponse
  | SiteDecisionResponse
  | ErrorResponse;

/** The message a content script sends to the service worker. */
export interface CoreMessage {
  type: typeof CORE_MESSAGE;
  request: CoreRequest;
  /** Answer with the findings packed (`packed-findings.ts`): for very long texts. */
  pack?: boolean;
  /**
   * The request's `text` (an `analyse` request's, sent empty) is the parts sent before under this
   * id (`text-parts.ts`); answered `{kind: "error", partsMissing: true}` when the worker lacks one.
   */
  parts?: { id: string; count: number };
}
