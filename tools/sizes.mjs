// @ts-check
// Download sizes of the built extension, measured the same way by the size-budget test and by
// the browser benchmark: the WASM core gzipped (what a store or a proxy sends) and dist/chrome
// as a zip archive (what the Chrome Web Store and IT deployment ship). Sizes are deterministic,
// so they are tested; timings are not, so they stay in the benchmark.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { constants, deflateRawSync, gzipSync } from 'node:zlib';

/** The size budget from issue 8, in bytes (1 KB = 1024 bytes). */
export const BUDGET = Object.freeze({
  /** `tenk.wasm` after wasm-opt, gzipped. */
  wasmGzip: 150 * 1024,
  /** The whole `dist/chrome` directory as a zip archive. */
  distZip: 400 * 1024,
});

/**
 * Size of `file` gzipped at the highest level.
 * @param {string} file
 * @returns {number}
 */
export function gzipSize(file) {
  return gzipSync(readFileSync(file), { level: constants.Z_BEST_COMPRESSION }).length;
}

/**
 * Every regular file under `dir`, sorted, as paths relative to `dir` with `/` separators.
 * @param {string} dir
 * @returns {string[]}
 */
export function filesUnder(dir) {
  /** @type {string[]} */
  const out = [];
  /** @param {string} d */
  const walk = (d) => {
    for (const name of readdirSync(d).sort()) {
      const path = join(d, name);
      const st = statSync(path);
      if (st.isDirectory()) walk(path);
      else if (st.isFile()) out.push(relative(dir, path).split('\\').join('/'));
    }
  };
  walk(dir);
  return out;
}

/**
 * Exact size of a zip archive of `dir` as `zip -9 -r -X` writes it: each file deflated at level 9
 * (or stored when deflating does not help), plus the local header (30 bytes + name), the central
 * directory entry (46 bytes + name) per file and the 22-byte end record. Directory entries are
 * counted too (zip stores one per directory). Computed with node's zlib, so it needs no `zip`
 * binary and gives the same figure on every machine.
 * @param {string} dir
 * @returns {{ bytes: number, files: number, raw: number }}
 */
export function zipSize(dir) {
  const files = filesUnder(dir);
  const dirs = new Set();
  for (const f of files) {
    const parts = f.split('/');
    for (let i = 1; i < parts.length; i++) dirs.add(parts.slice(0, i).join('/') + '/');
  }
  let bytes = 22;
  let raw = 0;
  for (const d of dirs) bytes += 30 + 46 + 2 * Buffer.byteLength(d);
  for (const f of files) {
    const data = readFileSync(join(dir, f));
    raw += data.length;
    const deflated = deflateRawSync(data, { level: constants.Z_BEST_COMPRESSION }).length;
    bytes += 30 + 46 + 2 * Buffer.byteLength(f) + Math.min(deflated, data.length);
  }
  return { bytes, files: files.length, raw };
}

/**
 * Both budgeted sizes of a built `dist/chrome`.
 * @param {string} dist path to dist/chrome
 * @returns {{ wasmGzip: number, wasmRaw: number, distZip: number, distRaw: number, distFiles: number }}
 */
export function measureDist(dist) {
  const wasm = join(dist, 'tenk.wasm');
  const zip = zipSize(dist);
  return {
    wasmGzip: gzipSize(wasm),
    wasmRaw: statSync(wasm).size,
    distZip: zip.bytes,
    distRaw: zip.raw,
    distFiles: zip.files,
  };
}

/**
 * Bytes as KB with one decimal (1 KB = 1024 bytes).
 * @param {number} bytes
 */
export function kb(bytes) {
  return `${(bytes / 1024).toFixed(1)} KB`;
}
