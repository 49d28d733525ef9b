// @ts-check
// Benchmark texts: realistic Norwegian comments (tests/eval/dev.jsonl) strung together to
// exact lengths, so every engine sees the same words at every size.
import { readFileSync } from 'node:fs';

const DEV = new URL('../../tests/eval/dev.jsonl', import.meta.url);

/** Text sizes measured, in UTF-16 code units (what `String.length` and the core's offsets count). */
export const SIZES = [200, 2_000, 10_000, 100_000, 1_000_000];

/** The comments of the development half, in file order. */
export function comments() {
  return readFileSync(DEV, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => /** @type {{ text: string }} */ (JSON.parse(l)).text);
}

/**
 * A text of exactly `length` code units: comments separated by blank lines, cycled from a
 * different starting comment per size so short texts are not all the same first comment; cut
 * where it does not split a surrogate pair.
 * @param {number} length
 * @param {string[]} [source]
 */
export function textOfLength(length, source = comments()) {
  const parts = [];
  let total = 0;
  let i = (length * 7) % source.length;
  while (total < length + 2) {
    const c = source[i % source.length];
    parts.push(c);
    total += c.length + 2;
    i++;
  }
  let text = parts.join('\n\n').slice(0, length);
  const last = text.charCodeAt(text.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) text = text.slice(0, -1) + ' ';
  return text;
}
