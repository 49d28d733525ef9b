// @ts-check
// The "ten times larger lexicon" of the scale benchmark: the built-in policy with nine synthetic
// entries added beside every real one, in the same lexicon and of the same shape (a `*` stays
// where it was), so the detectors are the same and only the automaton grows. The synthetic
// words are Norwegian-looking but occur nowhere in the benchmark texts, so the findings do not
// change and the figure measures the cost of a bigger lexicon, not of more matches.

const ONSETS = ['b', 'br', 'd', 'dr', 'f', 'fl', 'g', 'gr', 'h', 'k', 'kl', 'kv', 'l', 'm', 'n', 'p', 'pl', 'r', 's', 'sk', 'skj', 'sl', 'sn', 'st', 'str', 't', 'tr', 'v', 'vr'];
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'y', 'æ', 'ø', 'å', 'ei', 'au', 'øy'];
const CODAS = ['', 'l', 'n', 'r', 's', 'k', 't', 'nd', 'ng', 'rk', 'st', 'lt', 'mp', 'kk', 'tt'];

/**
 * A seeded generator (mulberry32).
 * @param {number} seed
 */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * @template T
 * @param {() => number} rnd
 * @param {T[]} xs
 * @returns {T}
 */
const pick = (rnd, xs) => xs[Math.floor(rnd() * xs.length)];

/**
 * Synthetic entries shaped like `entry` (same wildcards, same number of words), absent from
 * `corpus` (lower-cased) and from `taken`.
 * @param {string} entry
 * @param {number} count
 * @param {() => number} rnd
 * @param {string} corpus
 * @param {Set<string>} taken
 */
function lookalikes(entry, count, rnd, corpus, taken) {
  const left = entry.startsWith('*') ? '*' : '';
  const right = entry.length > 1 && entry.endsWith('*') ? '*' : '';
  const words = entry.replace(/^\*|\*$/g, '').trim().split(/\s+/).length;
  const out = [];
  while (out.length < count) {
    const phrase = Array.from({ length: words }, () => {
      const syllables = 2 + Math.floor(rnd() * 2);
      return Array.from({ length: syllables }, () => pick(rnd, ONSETS) + pick(rnd, VOWELS) + pick(rnd, CODAS)).join('');
    }).join(' ');
    if (taken.has(phrase) || corpus.includes(phrase)) continue;
    taken.add(phrase);
    out.push(`${left}${phrase}${right}`);
  }
  return out;
}

/**
 * The policy with `factor` times the lexicon entries.
 * @param {string} toml the policy file
 * @param {Record<string, string[]>} lexicons its lexicons (from `tenk policy terms`)
 * @param {string} corpus every benchmark text, for keeping the synthetic words out of it
 * @param {number} [factor]
 * @returns {{ toml: string, terms: string[], probe: string }} the new file, all its entries, and a
 *   text made of synthetic entries only (which the old policy does not flag and the new one does)
 */
export function biggerPolicy(toml, lexicons, corpus, factor = 10) {
  const rnd = random(10);
  // The distinct words of the corpus, one per line: a synthetic stem found in none of them
  // occurs nowhere in the texts, and searching this is far quicker than the whole corpus.
  const lower = [...new Set(corpus.toLowerCase().split(/[^\p{L}\p{N}]+/u))].join('\n');
  const taken = new Set();
  const start = toml.search(/^\[lexicons\]\s*$/m);
  if (start < 0) throw new Error('the policy has no [lexicons] table');
  const rest = toml.slice(start + 1);
  const endRel = rest.search(/^\[/m);
  const end = endRel < 0 ? toml.length : start + 1 + endRel;
  let section = toml.slice(start, end);
  /** @type {string[]} */
  const terms = [];
  /** @type {string[]} */
  const probeWords = [];
  for (const [name, entries] of Object.entries(lexicons)) {
    const extra = entries.flatMap((e) => lookalikes(e, factor - 1, rnd, lower, taken));
    terms.push(...entries, ...extra);
    const plain = extra.find((e) => !e.includes('*') && !e.includes(' ')) ?? extra[0].replace(/\*/g, '');
    probeWords.push(plain);
    const key = new RegExp(`^(${name.replace(/[-]/g, '\\-')}\\s*=\\s*\\[)`, 'm');
    if (!key.test(section)) throw new Error(`lexicon ${name} not found in [lexicons]`);
    section = section.replace(key, `$1\n  ${extra.map((e) => JSON.stringify(e)).join(', ')},`);
  }
  return { toml: toml.slice(0, start) + section + toml.slice(end), terms, probe: probeWords.join(' ') + '.' };
}
