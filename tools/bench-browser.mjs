// @ts-check
// The browser benchmark (`./build.sh bench` runs it after `cargo bench`): headless Chromium
// (/usr/bin/chromium, fresh profile) measures
//   1. the WASM core against a hand-written JavaScript matcher, same lexicon, same texts, at
//      200 to 1,000,000 characters, and with a ten times larger lexicon;
//   2. the built extension (dist/chrome) on a heavy Facebook-like page: keystroke latency,
//      long tasks while typing and on a 1 MB paste, heap growth, content-script start-up;
//   3. the download sizes (tenk.wasm gzipped, dist/chrome zipped);
// prints every figure beside its target and rewrites the browser section of BENCHMARKS.md.
//
//   node tools/bench-browser.mjs [--quick] [--only wasm,extension,sizes] [--no-write] [--glue DIR] [--dist DIR]
//
// --glue DIR benchmarks another wasm-bindgen output (e.g. a build at another opt-level).
// --dist DIR benchmarks another built extension (e.g. a copy of main's dist/chrome, for a
// before/after in the same hour).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { launchChromium } from './bench/browser.mjs';
import { biggerPolicy } from './bench/big-policy.mjs';
import { extensionBench, extensionMarkdown, extensionChecks } from './bench/extension.mjs';
import { machine } from './bench/machine.mjs';
import { check, checksTable, checksText, sizesMarkdown, wasmVsJsMarkdown, writeBrowserSection } from './bench/report.mjs';
import { duration, times } from './bench/stats.mjs';
import { SIZES, comments, textOfLength } from './bench/texts.mjs';
import { wasmVsJs } from './bench/wasm-vs-js.mjs';
import { BUDGET, kb, measureDist } from './sizes.mjs';

const root = new URL('..', import.meta.url).pathname;
const CLI = join(root, 'target/release/tenk');
const POLICY = join(root, 'crates/tenk-core/policies/velferdsetaten.toml');
const DEFAULT_DIST = join(root, 'dist/chrome');

const { values: opts } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string', default: 'wasm,extension,sizes' },
    'no-write': { type: 'boolean', default: false },
    glue: { type: 'string' },
    dist: { type: 'string' },
  },
});
const DIST = opts.dist ?? DEFAULT_DIST;
const parts = new Set(opts.only.split(','));

/** @type {import('./bench/report.mjs').Check[]} */
const checks = [];
/** @type {string[]} */
const sections = [];
let browserVersion = '';

if (parts.has('wasm')) {
  if (!existsSync(CLI)) throw new Error(`missing ${CLI}: run ./build.sh`);
  const policy = JSON.parse(execFileSync(CLI, ['policy', 'terms']).toString());
  /** @type {string[]} */
  const terms = policy.terms;
  const corpus = SIZES.map((n) => textOfLength(n)).join('\n') + comments().join('\n');
  const big = biggerPolicy(readFileSync(POLICY, 'utf8'), policy.lexicons, corpus);
  const b = await launchChromium();
  browserVersion = b.version;
  try {
    log(`WASM vs JavaScript (${terms.length} lexicon entries) in Chromium ${b.version}`);
    const r = await wasmVsJs(b.context, { terms, bigPolicy: big.toml, bigTerms: big.terms, probe: big.probe, quick: opts.quick, glue: opts.glue });
    sections.push(`### WASM core vs a hand-written JavaScript matcher\n\nThe same ${r.terms} lexicon entries (from \`tenk policy terms\`) and the same texts (comments from \`tests/eval/dev.jsonl\`), in one page${r.isolated ? ' (cross-origin isolated, 5 µs timers; short calls timed in batches)' : ''}. WASM is the whole \`handle({op: "analyse"})\` call: request conversion, every detector of the policy, response conversion. JS is one \`RegExp\` alternation of all entries with Unicode word boundaries, case-insensitive (\`tools/bench/js-matcher.mjs\`).\n\n${wasmVsJsMarkdown(r)}`);
    const at = (/** @type {number} */ n) => r.rows.find((x) => x.size === n);
    const two = at(2_000);
    const ten = at(10_000);
    const mega = at(1_000_000);
    if (two) {
      checks.push(
        check(
          'WASM analyse, 2,000 chars, p50 (steady state after warm-up)',
          '≤ 100 µs',
          `${duration(two.wasm.p50)} (first call after other work: ${duration(two.wasmCold.p50)})`,
          two.wasm.p50 <= 0.1,
        ),
      );
      checks.push(check('JS matcher / WASM, 2,000 chars (p50)', '≥ 5×', times(two.ratio), two.ratio >= 5));
    }
    const alone = r.analysisAlone;
    checks.push(
      alone
        ? check(
            'WASM analysis alone (as natively, no request or answer), 2,000 chars, p50',
            '≤ 100 µs',
            `${duration(alone.analysis.p50)} (the whole call beside it: ${duration(alone.handle.p50)})`,
            alone.analysis.p50 <= 0.1,
          )
        : check('WASM analysis alone, 2,000 chars, p50', '≤ 100 µs', 'not run (./build.sh bench builds its core)', null),
    );
    if (ten && mega) {
      const growth = mega.wasm.p50 / mega.size / (ten.wasm.p50 / ten.size);
      checks.push(check('linear: per-char cost at 1 M vs at 10 k', '≤ 2×', times(growth), growth <= 2));
    }
    if (r.bigLexicon && r.bigLexicon.rows.length > 0) {
      const worst = Math.max(...r.bigLexicon.rows.map((x) => x.wasmCost));
      checks.push(check('10× lexicon, WASM time vs 1× (worst of 2 k, 10 k)', '≤ 1.5×', times(worst), worst <= 1.5));
    } else {
      checks.push(check('10× lexicon, WASM time vs 1×', '≤ 1.5×', r.bigLexicon?.note ?? 'not run', null));
    }
  } finally {
    await b.close();
  }
}

if (parts.has('extension')) {
  if (!existsSync(join(DIST, 'content.js'))) {
    checks.push(...extensionChecks(null));
    sections.push('### The extension on a heavy page\n\nNot measured: `dist/chrome/content.js` is missing (run `./build.sh`).');
  } else {
    log('the extension on the heavy Facebook-like fixture');
    const r = await extensionBench({ dist: DIST, quick: opts.quick });
    browserVersion ||= r.browserVersion;
    checks.push(...extensionChecks(r));
    sections.push(`### The extension on a heavy page\n\n${extensionMarkdown(r)}`);
  }
}

if (parts.has('sizes')) {
  if (!existsSync(join(DIST, 'tenk.wasm'))) {
    checks.push(check('tenk.wasm gzipped', `≤ ${kb(BUDGET.wasmGzip)}`, 'dist/chrome missing', null));
  } else {
    const s = measureDist(DIST);
    checks.push(check('tenk.wasm gzipped (after wasm-opt)', `≤ ${kb(BUDGET.wasmGzip)}`, kb(s.wasmGzip), s.wasmGzip <= BUDGET.wasmGzip));
    checks.push(check('dist/chrome zipped', `≤ ${kb(BUDGET.distZip)}`, kb(s.distZip), s.distZip <= BUDGET.distZip));
    sections.push(`### Download size\n\n${sizesMarkdown(s)} (also enforced by \`tests/browser/size-budget.test.mjs\`).`);
  }
}

const m = machine(browserVersion);
const header = `Measured ${m.date} on ${m.cores} cores (${m.cpu}), ${m.memoryGiB} GiB, ${m.browser} headless, Node ${m.node}. The machine is shared with other work, so the p95 figures are noisy; p50 is the one compared with the targets.`;
console.log(`\n${header}\n\n${checksText(checks)}\n`);
if (opts['no-write']) console.log(sections.join('\n\n'));
else {
  const file = join(root, 'BENCHMARKS.md');
  writeBrowserSection(file, `${header}\n\n${checksTable(checks)}\n\n${sections.join('\n\n')}\n`);
  log(`wrote the browser section of ${file}`);
}

/** @param {string} msg */
function log(msg) {
  console.error(`bench: ${msg}`);
}
