// @ts-check
// The baseline the WASM core is compared with: what a content-script author would write by hand.
// One `RegExp` alternation of every lexicon term, case-insensitive and Unicode-aware, with word
// boundaries written as look-arounds on letters and digits (JavaScript's `\b` only knows ASCII,
// so it would split «får» and «bostøtte»). A `*` at either end of a term (the policy's wildcard
// for inflections and compounds) becomes «any letters or digits» on that side.
//
// With the `u` flag only syntax characters may be escaped (`\-` is an error), so `-` is left as
// it is: outside a character class it is an ordinary character.
//
// This module has no imports: the benchmark serves it to the page as it is.

const WORD = '[\\p{L}\\p{N}]';

/**
 * A term as a regular-expression source.
 * @param {string} term
 */
function termSource(term) {
  const openLeft = term.startsWith('*');
  const openRight = term.length > 1 && term.endsWith('*');
  const core = term
    .replace(/^\*|\*$/g, '')
    .trim()
    .replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
    .replace(/\s+/g, '\\s+');
  return `${openLeft ? `${WORD}*` : ''}${core}${openRight ? `${WORD}*` : ''}`;
}

/**
 * Compiles a matcher for `terms`. Longer terms come first so the alternation prefers them.
 * @param {string[]} terms
 * @returns {(text: string) => { start: number, end: number, matched: string }[]}
 */
export function jsMatcher(terms) {
  const sources = [...new Set(terms.filter((t) => /[\p{L}\p{N}]/u.test(t)).map(termSource))].sort(
    (a, b) => b.length - a.length,
  );
  const re = new RegExp(`(?<!${WORD})(?:${sources.join('|')})(?!${WORD})`, 'giu');
  return (text) => {
    const out = [];
    for (const m of text.matchAll(re)) out.push({ start: m.index ?? 0, end: (m.index ?? 0) + m[0].length, matched: m[0] });
    return out;
  };
}
