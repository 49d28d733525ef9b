/**
 * Which browser's bundle this is: `tools/build-extension.mjs` defines it per build, and esbuild
 * drops the other browser's branches (so the Chromium content script carries no WASM glue).
 */
declare const __BROWSER__: 'chrome' | 'firefox';
