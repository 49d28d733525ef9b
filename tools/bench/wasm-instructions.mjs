// @ts-check
// Instruction counts of the WASM core, for comparing builds on a busy machine (BENCHMARKS.md,
// «Instruction counts»): N `handle({op: "analyse"})` calls on the benchmark's 2,000-character
// text, after one call that builds the engine. Run it twice under valgrind, with N = 100 and
// N = 0, and divide the difference by 100:
//
//   valgrind --tool=callgrind --callgrind-out-file=/dev/null \
//     node --single-threaded tools/bench/wasm-instructions.mjs target/wasm-bindgen 100
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { textOfLength } from './texts.mjs';

const dir = resolve(process.argv[2] ?? 'target/wasm-bindgen');
const calls = Number(process.argv[3] ?? 100);
const glue = await import(pathToFileURL(`${dir}/tenk_wasm.js`).href);
glue.initSync({ module: readFileSync(`${dir}/tenk_wasm_bg.wasm`) });
const text = textOfLength(2_000);
const request = () => ({ op: 'analyse', text, context: { lang: 'nb' } });
let answer = glue.handle(request());
for (let i = 0; i < calls; i++) answer = glue.handle(request());
console.log(`${calls} calls, ${answer.findings.length} findings each`);
