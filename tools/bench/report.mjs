// @ts-check
// Turns the browser benchmark's figures into a table of targets (printed) and into the browser
// section of BENCHMARKS.md (rewritten between its markers, leaving every other section alone).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { duration, times } from './stats.mjs';
import { kb } from '../sizes.mjs';

/**
 * One figure beside its target.
 * @typedef {{ what: string, target: string, measured: string, met: boolean | null }} Check
 */

/**
 * @param {string} what
 * @param {string} target
 * @param {string} measured
 * @param {boolean | null} met `null` when it could not be measured
 * @returns {Check}
 */
export function check(what, target, measured, met) {
  return { what, target, measured, met };
}

/** @param {boolean | null} met */
const verdict = (met) => (met === null ? 'not measured' : met ? 'met' : '**missed**');

/**
 * A Markdown table.
 * @param {string[]} head
 * @param {string[][]} rows
 */
export function table(head, rows) {
  return [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

/**
 * The checks as a Markdown table.
 * @param {Check[]} checks
 */
export function checksTable(checks) {
  return table(
    ['figure', 'target', 'measured', ''],
    checks.map((c) => [c.what, c.target, c.measured, verdict(c.met)]),
  );
}

/**
 * The checks as plain text for the terminal.
 * @param {Check[]} checks
 */
export function checksText(checks) {
  const w = [0, 0, 0];
  for (const c of checks) {
    w[0] = Math.max(w[0], c.what.length);
    w[1] = Math.max(w[1], c.target.length);
    w[2] = Math.max(w[2], c.measured.length);
  }
  return checks
    .map((c) => `${c.what.padEnd(w[0])}  ${c.target.padEnd(w[1])}  ${c.measured.padEnd(w[2])}  ${verdict(c.met).replace(/\*/g, '')}`)
    .join('\n');
}

const BEGIN = '<!-- BEGIN browser: written by `node tools/bench-browser.mjs` (./build.sh bench); edits here are overwritten -->';
const END = '<!-- END browser -->';

/**
 * Replaces the browser section of `file` (between its markers) with `body`; creates the markers
 * under a "## In the browser" heading when they are missing.
 * @param {string} file path to BENCHMARKS.md
 * @param {string} body Markdown
 */
export function writeBrowserSection(file, body) {
  const block = `${BEGIN}\n${body.trim()}\n${END}`;
  let doc = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
  const a = doc.indexOf(BEGIN);
  const b = doc.indexOf(END);
  if (a >= 0 && b > a) doc = doc.slice(0, a) + block + doc.slice(b + END.length);
  else doc = `${doc.trimEnd()}\n\n## In the browser (\`node tools/bench-browser.mjs\`)\n\n${block}\n`;
  writeFileSync(file, doc);
}

/** @param {number} n */
const chars = (n) => (n >= 1_000_000 ? `${n / 1_000_000} M` : n >= 1000 ? `${n / 1000} k` : String(n));

/**
 * The WASM-vs-JS tables.
 * @param {import('./wasm-vs-js.mjs').WasmVsJs} r
 */
export function wasmVsJsMarkdown(r) {
  const skipped = (/** @type {{ js: { n: number }, jsEstimateMs?: number }} */ x) =>
    x.js.n === 0 ? `not timed (≈ ${duration(x.jsEstimateMs ?? NaN)} a call)` : null;
  const rows = r.rows.map((x) => [
    `${chars(x.size)} chars`,
    duration(x.wasm.p50),
    duration(x.wasm.p95),
    duration(x.wasmCold.p50),
    skipped(x) ?? duration(x.js.p50),
    skipped(x) ? '–' : duration(x.js.p95),
    skipped(x) ? `≈ ${times((x.jsEstimateMs ?? NaN) / x.wasm.p50)}` : `**${times(x.ratio)}**`,
    `${((x.wasm.p50 * 1e6) / x.size).toFixed(0)} ns`,
    `${x.wasmFindings} / ${x.jsMatches}`,
  ]);
  const w = r.warmUp;
  let out = `Steady state, as criterion measures natively: before anything is timed the core runs on a ${chars(r.warmUpText)}-character text for ${duration(w.ms)} (${w.calls} calls; its first call ${duration(w.firstMs)}, the first tenth of the rest ${duration(w.earlyMs)} a call, the last tenth ${duration(w.lateMs)}: V8 compiles the hot functions with its optimising tier meanwhile), and each engine again for a moment at each size. Then, round by round, each engine's first call is timed alone («first call», right after the other engine ran: caches and branch predictors full of its work, as for one analysis after a typing pause) and then a few batches; the p50/p95 columns are the batches (each a batch's mean call).\n\n`;
  out += table(['text', 'WASM p50', 'WASM p95', 'WASM first call p50', 'JS p50', 'JS p95', 'JS / WASM (p50)', 'WASM per char', 'findings / JS matches'], rows);
  out += `\n\nJavaScript calls estimated (from the cost per character at the largest size timed) to take over 5 s are not timed; their ratio is the estimate.`;
  out += `\n\nFixed cost of one call (empty text): WASM p50 ${duration(r.overhead.wasm.p50)}, JS p50 ${duration(r.overhead.js.p50)}.`;
  const a = r.analysisAlone;
  if (a) {
    out += `\n\nThe analysis alone, as the native criterion figure measures it (\`Engine::analyse\` with the default context, through \`bench_analyse\` of the core built with the \`bench\` feature, a second core in the page warmed up for ${duration(a.warmUp.ms)}), against the shipped core's whole \`handle\` call, interleaved, on the same ${chars(a.size)}-character text: analysis p50 **${duration(a.analysis.p50)}** (p95 ${duration(a.analysis.p95)}, ${a.findings} findings), \`handle\` p50 ${duration(a.handle.p50)} (p95 ${duration(a.handle.p95)}, ${a.handleFindings} findings): reading the request, the settings, writing the answer as JSON and \`JSON.parse\` of it are ${((1 - a.analysis.p50 / a.handle.p50) * 100).toFixed(0)} % of the call.`;
  } else out += '\n\nThe analysis alone was not timed: `target/wasm-bindgen-bench` (built by `./build.sh bench`) is missing or older than the shipped build, or another build was benchmarked (`--glue`).';
  if (r.bigLexicon) {
    if (r.bigLexicon.rows.length === 0) out += `\n\nTen times the lexicon: not measured: ${r.bigLexicon.note}.`;
    else {
      out += `\n\nTen times the lexicon (${r.bigLexicon.terms} entries instead of ${r.terms}; synthetic entries of the same shapes in the same lexicons, absent from the texts):\n\n`;
      out += table(
        ['text', 'WASM p50', 'WASM first call p50', 'WASM cost vs 1×', 'JS p50', 'JS cost vs 1×'],
        r.bigLexicon.rows.map((x) => [
          `${chars(x.size)} chars`,
          duration(x.wasm.p50),
          duration(x.wasmCold.p50),
          `**${times(x.wasmCost)}**`,
          x.js.n > 0 ? duration(x.js.p50) : r.bigLexicon?.note ? 'does not run (see below)' : 'not timed (too slow)',
          x.js.n > 0 ? times(x.jsCost) : '–',
        ]),
      );
      if (r.bigLexicon.note) out += `\n\nJavaScript: ${r.bigLexicon.note}.`;
      out += '\n\nWhere the JavaScript matcher does not run, the «first call» follows the core\'s own previous batch.';
    }
  }
  return out;
}

/**
 * The size figures.
 * @param {ReturnType<typeof import('../sizes.mjs').measureDist>} s
 */
export function sizesMarkdown(s) {
  return `\`tenk.wasm\`: ${kb(s.wasmRaw)} raw, ${kb(s.wasmGzip)} gzipped. \`dist/chrome\`: ${s.distFiles} files, ${kb(s.distRaw)} raw, ${kb(s.distZip)} zipped.`;
}
