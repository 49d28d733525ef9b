// @ts-check
// The download-size budget (issue 8): the WASM core ≤ 150 KB gzipped after wasm-opt, the whole
// dist/chrome ≤ 400 KB zipped. Sizes are deterministic, so they are tested here; timings are
// not and live in `./build.sh bench`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUDGET, gzipSize, kb, zipSize } from '../../tools/sizes.mjs';

const root = new URL('../..', import.meta.url).pathname;
const DIST = join(root, 'dist/chrome');
const WASM = join(DIST, 'tenk.wasm');

/**
 * While the core is over the 150 KB target (the built-in policy's lexicons, aho-corasick, the
 * standard library's collections, sorts and formatting are most of it: see BENCHMARKS.md), that target is reported as a TODO rather than failing every
 * build, and this ceiling (what it weighs now plus room for the lexicons to grow) stops it from growing further.
 * Lower the ceiling as the core shrinks; drop the TODO when the target is met.
 */
// Raised from 250 KB on 2026-12-03: the evidence detector and the larger lexicons of the quality
// work brought the core to 252.3 KB; the lexicons then doubled (269.2 KB) and compiling the
// built-in policy at build time brought it back to 255.7 KB, and the matcher walk to 241.5 KB
// (BENCHMARKS.md); lowered to 250 KB then. Lowered to 220 KB when the policy and the requests
// were read without serde's derived readers (210.0 KB, size helper, 2026-12-03).
// Raised to 230 KB with the learned detector (`[model]`: its weights ≈ 6.4 KB, its reader and
// scorer the rest; 227.5 KB with it, model helper, 2026-12-03).
// Lowered to 215 KB when folding's Unicode tables were generated small and the compiled policy
// was written in columns (211.2 KB, size helper, 2026-12-03), and to 207 KB with lower case
// from generated tables and responses written as JSON (205.1 KB, size helper, 2026-12-03), then set
// at 210 KB while speed's resolved shallow rows were in (207.6 KB; reverted the same evening:
// 205.7 KB on main at e3423ca). Lowered to 200 KB when binaryen's one-caller inlining was limited
// (`-ocimfs 20` in build.sh: 206.4 → 195.5 KB on the policy of c93c9ae, lead, 2026-12-03 night).
// Lowered to 191 KB when two BTreeMap collects and three BTreeMap key/value types (answer texts,
// settings' guidelines and snoozes) left the WASM (198.2 → 190.7 KB on main at 5c594fe, size
// helper, 2026-12-03). Lowered to 184 KB with covered lexicon entries left out of the compiled
// policy, the Unicode tables as delta bytes, an allocator of our own and no HashMap (190.7 KB on
// main at e3aaa50 → 183.6 KB at 908610e, the new-voice round's lexicon entries and the retrained
// model in between; size helper, 2026-12-04). Raised to 187 KB with the model veto (`[model_veto]`:
// its reader, check, compiled record and two lexicons, 183.7 → 186.0 KB; praise helper, 2026-12-04).
// Raised to 189 KB for the quality round's lexicon entries and detectors (186.0 → 188.0 KB before
// the model was retrained; quality helper, 2026-12-04 evening), while the size helper cuts the
// compiled policy: lower it again when that lands. Lowered to 182 KB with aho-corasick vendored
// without its never-run prefilter and `packed` builders (vendor/README.md; 188.0 → 179.4 KB on
// main at edb03f7, size2 helper, 2026-12-04), and to 181 KB with the compiled policy's lexicons
// named by index (178.6 KB, size2 helper, 2026-12-04), and to 179 KB with the policy's lexicons
// in a sorted Vec instead of a BTreeMap (177.3 KB; size2 helper, 2026-12-04). Kept at 179 KB when
// the compiled policy's detectors were read by the custom-policy reader (178.7 → 177.3 KB with
// dev11's lexicon entries and the retrained model in; size2 helper, 2026-12-04).
// Raised to 187 KB by the generalisation round of 2026-12-04 night (≈ 1,600 lexicon entries and
// the name-with-age rule kind for quieter self-introductions and better recall on the development
// voices: 177.3 → 185.1 KB on main at e82f241; docs/quality.md says what it bought).
// Raised to 188 KB with the learned detector's larger cap (250 weights per guideline, 125 for
// three; 1,881 → 2,353 weights: 185.6 → 187.3 KB on main at fa5d78c; capacity helper, 2026-12-05,
// docs/quality.md «Capacity on blind-rule folds»). Raised to 189 KB with the rest of that session's
// policy work (the blind ledger's and the lead's narrower lexicons and four detectors: 187.3 → 187.8 KB
// on main at efd7917, 0.2 KB under 188 KB, too close for a build on another machine).
// Raised to 190 KB after the session's last two helpers (recall lexicons ≈ 125 entries, four everyday
// false-alarm fixes, one new detector: 187.8 → 188.8 KB on main at e6ea726, lead, 2026-12-05).
// Lowered to 182 KB when the string slicing panic and the two-way searcher (with core's Unicode
// printable tables), the learned detector's build BTreeMap, the copy of the built-in engine and
// the copy of a configure's settings left the WASM (188.8 → 180.2 KB on main at 385342d, size3
// helper, 2026-12-05; BENCHMARKS.md, «size3»). Raised to 188 KB when the evening's four policy
// helpers landed (≈ 600 net lexicon entries, seven detectors, the `lead`/`also_near`/`apart`/
// `skip_questions` options: 180.2 → 187.1 KB on main after them, still under the 188.8 KB this
// session began with; lead, 2026-12-05 evening). Lowered to 185 KB when a new question test in
// `cooccurrence.rs` that sliced a `str` (and so brought the slicing panic and its Unicode tables
// back) went through `text::sub` (187.1 → 183.5 KB; lead's review, 2026-12-05). Raised to 186 KB
// for the session of 2026-12-06: six policy helpers (≈ 760 net lexicon entries, six detectors, the
// `near_after`/`needs_statement` options: 183.5 → 186.9 KB), of which the size4 helper won back
// 2.4 KB without changing any answer (readers without `collect` into `Result`, no `Debug` panic
// paths, one integer parser, hand-written joins): 184.5 KB on main at 6ecf3ba, 185.0 KB with
// the last policy helper (target4, `nearer_target`) at 40e4473. Raised to 190 KB for the second
// session of 2026-12-06: six policy helpers (≈ 850 net lexicon entries, about twenty detectors of
// existing kinds, the `npi_cues` option: 184.9 → 189.4 KB), the round that took the test half
// over issue 4's bar. Raised to 191 KB for the session of 2026-12-06 morning: the clean6 helper's
// everyday false-alarm fixes (≈ 215 net lexicon entries, two detector options: +1.1 KB) on top of
// the speed6 helper's −0.2 KB: 189.7 → 190.6 KB (195,185 bytes) on main at the session's merge,
// 190.7 KB (195,235 bytes) with the speed7 helper's two steps.
// 190.8 KB (195,400 bytes) after the rules8 helper's four speed steps (2026-12-06, fourth
// session; its few bytes of byte-at-a-time code), the ceiling unchanged.
// Raised to 193 KB for the session of 2026-12-06 afternoon: the inline9 helper's targeted
// `#[inline(always)]` and plain loops on the WASM hot path (−15.7 % instructions per call, +346
// bytes) and the rules9 helper's rules steps (−6.5 % natively; +846 bytes of them the derived
// `PartialEq` that lets a rule listed under two guidelines run once): 190.8 → 192.0 KB (196,649
// bytes) on main at 0b282ef. Both trades are in BENCHMARKS.md's optimisation log.
// Raised to 194 KB for the session of 2026-12-06 evening: the model10 helper's detector and
// folding steps (+639 bytes) and the rules10 helper's cue and hit look-ups (+745 bytes), together
// −9.3 % instructions per WASM call and −6.5 % natively: 192.0 → 193.5 KB (198,132 bytes) on main
// at 2db0941 (BENCHMARKS.md, «model10», «rules10»).
const WASM_CEILING = 194 * 1024;

/** The TODO reason while tenk.wasm is over its target; `false` once it fits. */
function wasmTodo() {
  if (!existsSync(WASM)) return false;
  const size = gzipSize(WASM);
  return size > BUDGET.wasmGzip && `tenk.wasm is ${kb(size)} gzipped, target ${kb(BUDGET.wasmGzip)} (issue 8)`;
}

/** Whether a `zip` binary is installed (to cross-check the computed archive size). */
function haveZip() {
  try {
    execFileSync('zip', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

test('dist/chrome is built (run ./build.sh)', () => {
  assert.ok(existsSync(join(DIST, 'manifest.json')), `missing ${DIST}/manifest.json`);
  assert.ok(existsSync(WASM), `missing ${WASM}`);
});

test(`tenk.wasm is at most ${kb(BUDGET.wasmGzip)} gzipped`, { todo: wasmTodo() }, () => {
  const size = gzipSize(WASM);
  assert.ok(
    size <= BUDGET.wasmGzip,
    `tenk.wasm is ${kb(size)} gzipped (${kb(statSync(WASM).size)} raw), over the ${kb(BUDGET.wasmGzip)} budget`,
  );
});

test(`tenk.wasm does not grow past the ${kb(WASM_CEILING)} gzipped ceiling`, () => {
  const size = gzipSize(WASM);
  assert.ok(size <= WASM_CEILING, `tenk.wasm is ${kb(size)} gzipped, over the ${kb(WASM_CEILING)} ceiling`);
});

test(`dist/chrome is at most ${kb(BUDGET.distZip)} zipped`, () => {
  const { bytes, files } = zipSize(DIST);
  assert.ok(bytes <= BUDGET.distZip, `dist/chrome (${files} files) is ${kb(bytes)} zipped, over the ${kb(BUDGET.distZip)} budget`);
});

test('the computed zip size matches a real `zip -9 -r -X` archive', { skip: !haveZip() && 'zip is not installed' }, () => {
  const tmp = mkdtempSync(join(tmpdir(), 'tenk-size-'));
  try {
    const archive = join(tmp, 'chrome.zip');
    execFileSync('zip', ['-9', '-r', '-X', '-q', archive, '.'], { cwd: DIST });
    const real = statSync(archive).size;
    const computed = zipSize(DIST).bytes;
    // zip's deflate and zlib's differ by a few bytes per file; the headers are exact.
    assert.ok(Math.abs(real - computed) <= real * 0.02 + 64, `zip wrote ${real} bytes, computed ${computed}`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});

test('the budget check fails for an extension that is too big', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'tenk-size-'));
  try {
    mkdirSync(join(tmp, 'pages'));
    writeFileSync(join(tmp, 'manifest.json'), '{"manifest_version": 3}\n');
    // Random bytes do not compress: 420 KB of them cannot fit in a 400 KB archive.
    writeFileSync(join(tmp, 'pages', 'blob.bin'), randomBytes(420 * 1024));
    writeFileSync(join(tmp, 'tenk.wasm'), randomBytes(160 * 1024));
    assert.ok(zipSize(tmp).bytes > BUDGET.distZip);
    assert.ok(gzipSize(join(tmp, 'tenk.wasm')) > BUDGET.wasmGzip);
    // And compressible content is measured compressed, not raw.
    writeFileSync(join(tmp, 'pages', 'blob.bin'), Buffer.alloc(2 * 1024 * 1024, 'tenk deg om '));
    assert.ok(zipSize(tmp).bytes < 200 * 1024);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});
