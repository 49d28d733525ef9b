/**
 * Findings packed for the trip from the service worker to a content script. A very long text
 * (a pasted megabyte) has tens of thousands of findings, most of them repeating the same
 * guideline, message and words; as objects their JSON is megabytes, and parsing it in the page
 * is a long task of its own. Packed, each distinct finding (all but its offsets) is sent once
 * and every occurrence is three numbers. Unpacking gives back exactly the same findings.
 */
import type { CoreResponse, Finding } from './core-api';

/** A finding without its offsets. */
type FindingKind = Omit<Finding, 'start' | 'end'>;

/** Packed findings: `spans` holds (index into `kinds`, start, end) for each finding, in order. */
export interface PackedFindings {
  kinds: FindingKind[];
  spans: number[];
}

/** A core response whose findings (if any) may have been packed: `findings` is then empty. */
export type MaybePacked = CoreResponse & { packed?: PackedFindings };

/** Packs the findings of `res` (responses without findings are returned as they are). */
export function packFindings(res: CoreResponse): MaybePacked {
  if (!('findings' in res) || !Array.isArray(res.findings)) return res;
  const kinds: FindingKind[] = [];
  const index = new Map<string, number>();
  const spans: number[] = [];
  for (const f of res.findings) {
    const { start, end, ...kind } = f;
    const key = JSON.stringify(kind);
    let k = index.get(key);
    if (k === undefined) {
      k = kinds.push(kind) - 1;
      index.set(key, k);
    }
    spans.push(k, start, end);
  }
  return { ...res, findings: [], packed: { kinds, spans } };
}

/** The response with its findings unpacked (an unpacked response is returned as it is). */
export function unpackFindings(res: MaybePacked | null | undefined): CoreResponse | null | undefined {
  if (!res || typeof res !== 'object' || !res.packed || !('findings' in res)) return res;
  const { packed, ...rest } = res;
  const findings: Finding[] = [];
  const { kinds, spans } = packed;
  for (let i = 0; i + 2 < spans.length; i += 3) {
    const kind = kinds[spans[i]!];
    if (kind) findings.push({ ...kind, start: spans[i + 1]!, end: spans[i + 2]! } as Finding);
  }
  return { ...rest, findings } as CoreResponse;
}
