// @ts-check
// Bundles extension/ into dist/chrome and dist/firefox from the one top-level manifest.json.
// esbuild turns the TypeScript sources into classic scripts (content scripts cannot be modules);
// the WASM core built by build.sh is copied once per browser as tenk.wasm.
import { build, transform } from 'esbuild';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { manifestFor } from './manifest.mjs';

const root = new URL('..', import.meta.url).pathname;
const wasm = join(root, 'target/wasm-bindgen/tenk_wasm_bg.wasm');
if (!existsSync(wasm)) throw new Error(`missing ${wasm}: run ./build.sh`);

/** Entry points: output name → TypeScript source. @type {Record<string, string>} */
const entries = {
  content: 'extension/src/content/main.ts',
  // The page-world half of form.submit() interception (manifest `world: "MAIN"`).
  'main-world': 'extension/src/main-world/form-submit.ts',
  background: 'extension/src/background/service-worker.ts',
};
for (const page of ['popup', 'options', 'onboarding']) {
  const src = `extension/src/pages/${page}.ts`;
  if (existsSync(join(root, src))) entries[`pages/${page}`] = src;
}

const manifest = JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8'));
/** The one default site list (generated from crates/tenk-core/src/sites.rs): manifest matches. */
const SITES_FILE = 'crates/tenk-core/generated/default-sites.json';
const siteMatches = /** @type {string[]} */ (JSON.parse(readFileSync(join(root, SITES_FILE), 'utf8')).matches);

/** @param {'chrome' | 'firefox'} browser */
async function buildFor(browser) {
  const out = join(root, 'dist', browser);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  // Chromium's page UI is a bundle of its own (`ui.js`), injected into a frame on its first focus
  // (extension/src/content/ui-access.ts); Firefox's content script carries it.
  const own = browser === 'chrome' ? { ...entries, ui: 'extension/src/ui/entry.ts' } : entries;
  await build({
    entryPoints: Object.fromEntries(Object.entries(own).map(([k, v]) => [k, join(root, v)])),
    outdir: out,
    bundle: true,
    format: 'iife',
    target: ['chrome120', 'firefox128'],
    minify: true,
    legalComments: 'none',
    define: { 'import.meta.url': '""', __BROWSER__: JSON.stringify(browser) },
    logLevel: 'warning',
    // CSS shared by the pages and the shadow-root UI is imported as text (extension/pages/tokens.css),
    // minified: the content script carries it on every page it runs on.
    // The wasm-bindgen glue: one copy per bundle that uses it, fed the bytes of tenk.wasm explicitly.
    plugins: [minifiedCssText, wasmGlue],
  });
  cpSync(wasm, join(out, 'tenk.wasm'));
  for (const dir of ['_locales', 'pages', 'icons']) {
    const src = join(root, 'extension', dir);
    if (existsSync(src)) cpSync(src, join(out, dir), { recursive: true, filter: (/** @type {string} */ p) => !p.endsWith('.ts') });
  }
  for (const file of ['managed_schema.json']) {
    const src = join(root, 'extension', file);
    if (existsSync(src)) cpSync(src, join(out, file));
  }
  writeFileSync(join(out, 'manifest.json'), JSON.stringify(manifestFor(withSites(manifest), browser), null, 2) + '\n');
}

/**
 * `tenk-wasm-glue` is wasm-bindgen's output, marked free of side effects so a bundle that never
 * calls it (Chromium's content script: its core runs in the service worker) leaves it out.
 * @type {import('esbuild').Plugin}
 */
const wasmGlue = {
  name: 'wasm-glue',
  setup(b) {
    b.onResolve({ filter: /^tenk-wasm-glue$/ }, () => ({ path: join(root, 'target/wasm-bindgen/tenk_wasm.js'), sideEffects: false }));
  },
};

/**
 * Imports of `.css` files as their text, minified (comments and spaces out; the rules unchanged).
 * @type {import('esbuild').Plugin}
 */
const minifiedCssText = {
  name: 'minified-css-text',
  setup(b) {
    b.onLoad({ filter: /\.css$/ }, async (args) => {
      const { code } = await transform(readFileSync(args.path, 'utf8'), { loader: 'css', minify: true, target: ['chrome120', 'firefox128'] });
      return { contents: code.trim(), loader: 'text' };
    });
  },
};

/**
 * The manifest with its `matches` that name the generated site list replaced by its patterns
 * (the list is never duplicated by hand). Chrome accepts only `/*` as the path of a
 * web-accessible resource's match pattern, so those are cut to their origin.
 * @param {Record<string, any>} source
 */
function withSites(source) {
  const m = structuredClone(source);
  /** @param {string[]} list */
  const expand = (list) => list.flatMap((p) => (p === `generated:${SITES_FILE}` ? siteMatches : [p]));
  for (const cs of m.content_scripts ?? []) cs.matches = expand(cs.matches);
  if (m.host_permissions) m.host_permissions = expand(m.host_permissions);
  for (const war of m.web_accessible_resources ?? []) {
    war.matches = [...new Set(expand(war.matches).map((p) => p.replace(/^([^:]+:\/\/[^/]+)\/.*$/, '$1/*')))];
  }
  return m;
}

await buildFor('chrome');
await buildFor('firefox');
