/**
 * The shapes the core answers with (docs/CONTRACTS.md § 4), as the UI reads them. Only the
 * fields the UI uses are typed; the core may send more.
 */

/** One guideline's texts in the requested language. */
export interface GuidelineText {
  id: string;
  title: string;
  quote: string;
  why: string;
  instead: string;
  severity: 'info' | 'warn';
}

/** One place in the text (or one context fact) that touches a guideline. */
export interface Finding {
  guideline: string;
  severity: 'info' | 'warn';
  /** UTF-16 offsets. */
  start: number;
  end: number;
  message: string;
  detector?: string;
  matched?: string;
}

/** Who the comment is published as. */
export interface Identity {
  name: string | null;
  kind: 'person' | 'page' | 'unknown';
  showsWorkplace: boolean;
  workplace?: string | null;
  source?: string;
}

/** `{kind: "analysis"}` */
export interface Analysis {
  kind: 'analysis';
  findings: Finding[];
  guidelines: string[];
  texts?: Record<string, GuidelineText>;
}

/** `{kind: "guidelineList"}` */
export interface GuidelineList {
  kind: 'guidelineList';
  guidelines: GuidelineText[];
}

/** `{kind: "configured"}` */
export interface Configured {
  kind: 'configured';
  settings: Record<string, unknown>;
  /** Keys the person cannot change. */
  locks?: string[];
  problems: unknown[];
  /** IT-added sites needing a run-time content script: `{pattern, matches}` (docs/CONTRACTS.md § 4). */
  addedSites?: { pattern: string; matches: string[] }[];
}

/** `{kind: "error"}` */
export interface CoreError {
  kind: 'error';
  message: string;
}
