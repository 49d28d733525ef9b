// @ts-check
// Every UI string lives in extension/_locales/{nb,nn,en}/messages.json: this test fails when a
// key is missing in a locale, when placeholders differ between locales, when code or HTML uses a
// key that does not exist, or when a UI string is written straight into extension/src or
// extension/pages instead of going through the locale files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('../../', import.meta.url).pathname;
const LOCALES = ['nb', 'nn', 'en'];
/** Keys whose message may be empty in some locales (the translation line is for English readers). */
const MAY_BE_EMPTY = new Set(['onbExampleTranslation']);
/** Keys whose nynorsk or English text may equal bokmål (the words are the same, or deliberately Norwegian). */
const SAME_AS_BOKMAL_OK = new Set(['onbExampleComment', 'onbExampleTrigger', 'popupSnoozed', 'popupIdentityHeading', 'onbExampleHeading', 'hintButtonOne', 'dialogPublishAs']);

/** @param {string} lang @returns {Record<string, {message: string, description?: string, placeholders?: Record<string, {content: string}>}>} */
function messages(lang) {
  return JSON.parse(readFileSync(join(root, 'extension/_locales', lang, 'messages.json'), 'utf8'));
}

/** @param {string} dir @param {(p: string) => boolean} keep @returns {string[]} */
function walk(dir, keep) {
  /** @type {string[]} */
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...walk(p, keep));
    else if (keep(p)) out.push(p);
  }
  return out;
}

/**
 * The numbered substitutions a message uses, named placeholders resolved.
 * @param {{message: string, placeholders?: Record<string, {content: string}>} | undefined} entry
 */
function placeholders(entry) {
  if (!entry) return '';
  const named = Object.fromEntries(Object.entries(entry.placeholders ?? {}).map(([k, v]) => [k.toLowerCase(), v.content]));
  const resolved = entry.message.replace(/\$([A-Za-z_][\w@]*)\$/g, (all, name) => named[name.toLowerCase()] ?? `<unknown placeholder ${all}>`);
  return [...new Set(resolved.match(/\$[1-9]|<unknown placeholder [^>]+>/g) ?? [])].sort().join(',');
}

/**
 * String literals in JavaScript/TypeScript source with their line numbers, skipping comments.
 * Template literals with `${…}` are split into their literal parts.
 * @param {string} src
 * @returns {{ text: string, line: number }[]}
 */
export function stringLiterals(src) {
  /** @type {{ text: string, line: number }[]} */
  const out = [];
  let i = 0;
  let line = 1;
  while (i < src.length) {
    const c = src[i];
    if (c === '\n') { line++; i++; continue; }
    if (c === '/' && src[i + 1] === '/') { while (i < src.length && src[i] !== '\n') i++; continue; }
    if (c === '/' && src[i + 1] === '*') {
      const end = src.indexOf('*/', i + 2);
      const stop = end < 0 ? src.length : end + 2;
      for (let k = i; k < stop; k++) if (src[k] === '\n') line++;
      i = stop;
      continue;
    }
    if (c === '"' || c === "'" || c === '`') {
      const start = line;
      let text = '';
      i++;
      while (i < src.length && src[i] !== c) {
        if (src[i] === '\\') { text += src[i + 1]; i += 2; continue; }
        if (c === '`' && src[i] === '$' && src[i + 1] === '{') {
          out.push({ text, line: start });
          text = '';
          let depth = 1;
          i += 2;
          while (i < src.length && depth > 0) {
            if (src[i] === '{') depth++;
            else if (src[i] === '}') depth--;
            else if (src[i] === '\n') line++;
            i++;
          }
          continue;
        }
        if (src[i] === '\n') line++;
        text += src[i];
        i++;
      }
      i++;
      out.push({ text, line: start });
      continue;
    }
    i++;
  }
  return out;
}

/**
 * Whether a string literal reads like text meant for people: Norwegian letters, Norwegian
 * quotation marks, or three words in a row. CSS, selectors and log lines are not UI text.
 * @param {string} text
 */
export function looksLikeUiText(text) {
  if (/[{};]/.test(text)) return false; // CSS or code
  if (/[æøåÆØÅ«»]/.test(text)) return true;
  return /^\s*\p{Lu}\p{Ll}+(\s+\p{L}+)+/u.test(text) || /\p{Ll}{2,}\s+\p{Ll}{2,}\s+\p{Ll}{2,}/u.test(text);
}

test('every locale has every key, non-empty, with the same placeholders', () => {
  const all = Object.fromEntries(LOCALES.map((l) => [l, messages(l)]));
  const keys = new Set(LOCALES.flatMap((l) => Object.keys(all[l])));
  /** @type {string[]} */
  const problems = [];
  for (const key of keys) {
    for (const lang of LOCALES) {
      const entry = all[lang][key];
      if (!entry) { problems.push(`${lang}: missing key ${key}`); continue; }
      if (typeof entry.message !== 'string') problems.push(`${lang}: ${key} has no message`);
      else if (!entry.message.trim() && !MAY_BE_EMPTY.has(key)) problems.push(`${lang}: ${key} is empty`);
    }
    const ph = LOCALES.map((l) => placeholders(all[l][key]));
    if (new Set(ph).size > 1) problems.push(`${key}: placeholders differ between locales (${ph.join(' | ')})`);
  }
  assert.deepEqual(problems, []);
});

test('nynorsk and English are translations, not copies of bokmål', () => {
  const nb = messages('nb');
  for (const lang of ['nn', 'en']) {
    const other = messages(lang);
    const long = Object.keys(nb).filter((k) => nb[k].message.split(' ').length >= 4 && !SAME_AS_BOKMAL_OK.has(k));
    const same = long.filter((k) => other[k]?.message === nb[k].message);
    assert.deepEqual(same, [], `${lang} repeats the bokmål text of these keys`);
  }
});

test('every key used in code, HTML and the manifest exists', () => {
  const nb = messages('nb');
  /** @type {string[]} */
  const used = [];
  const manifest = readFileSync(join(root, 'manifest.json'), 'utf8');
  for (const m of manifest.matchAll(/__MSG_(\w+)__/g)) used.push(`manifest.json: ${m[1]}`);
  for (const file of walk(join(root, 'extension/pages'), (p) => p.endsWith('.html'))) {
    const html = readFileSync(file, 'utf8');
    for (const m of html.matchAll(/data-i18n="([^"]+)"/g)) used.push(`${relative(root, file)}: ${m[1]}`);
    for (const m of html.matchAll(/data-i18n-attr="([^"]+)"/g)) for (const pair of m[1].split(/\s+/)) used.push(`${relative(root, file)}: ${pair.split(':')[1]}`);
  }
  for (const file of walk(join(root, 'extension/src'), (p) => p.endsWith('.ts'))) {
    const src = readFileSync(file, 'utf8');
    for (const m of src.matchAll(/\bt\(\s*'(\w+)'/g)) used.push(`${relative(root, file)}: ${m[1]}`);
  }
  assert.ok(used.length > 50, `found only ${used.length} uses: the scan is broken`);
  const missing = used.filter((u) => !(u.split(': ')[1] in nb));
  assert.deepEqual(missing, []);
});

test('no UI text is written straight into the HTML pages', () => {
  /** @type {string[]} */
  const problems = [];
  for (const file of walk(join(root, 'extension/pages'), (p) => p.endsWith('.html'))) {
    const html = readFileSync(file, 'utf8').replace(/<(script|style)[\s\S]*?<\/\1>/g, '').replace(/<!--[\s\S]*?-->/g, '');
    for (const m of html.matchAll(/>([^<]+)</g)) {
      if (m[1].trim()) problems.push(`${relative(root, file)}: text «${m[1].trim()}»`);
    }
    for (const m of html.matchAll(/\s(title|alt|aria-label|placeholder|aria-description)="([^"]+)"/g)) {
      problems.push(`${relative(root, file)}: ${m[1]}="${m[2]}" (use data-i18n-attr)`);
    }
  }
  assert.deepEqual(problems, []);
});

test('no UI text is hard-coded in extension/src', () => {
  /** @type {string[]} */
  const problems = [];
  for (const file of walk(join(root, 'extension/src'), (p) => p.endsWith('.ts'))) {
    const src = readFileSync(file, 'utf8');
    const lines = src.split('\n');
    for (const { text, line } of stringLiterals(src)) {
      const code = lines[line - 1] ?? '';
      if (/console\.|new Error\(|i18n-ok/.test(code)) continue;
      if (looksLikeUiText(text)) problems.push(`${relative(root, file)}:${line}: '${text}'`);
    }
  }
  assert.deepEqual(problems, []);
});

test('the hard-coded-text detector catches UI text and lets code through', () => {
  const src = [
    "el.textContent = 'Du publiserer som Kari';",
    'button.title = "Publiser likevel";',
    'const msg = `Ikke vis dette ${x} igjen`;',
    "el.setAttribute('data-testid', 'tenk-hint');",
    "root.querySelector('[data-testid=\"tenk-dialog\"] button.primary');",
    "const css = ':host { all: initial; }';",
    '// a comment with «Norwegian» text',
  ].join('\n');
  const flagged = stringLiterals(src).filter((s) => looksLikeUiText(s.text)).map((s) => s.text);
  assert.deepEqual(flagged, ['Du publiserer som Kari', 'Publiser likevel', 'Ikke vis dette ']);
});
