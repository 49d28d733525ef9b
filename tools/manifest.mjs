// @ts-check
// The per-browser manifests, derived from the one top-level manifest.json. Pure functions (no
// file system), so tests check them without a build: tests/unit/browser-manifests.test.mjs.

/** The add-on id Firefox knows the extension by (policies, managed storage, AMO signing). */
export const GECKO_ID = 'tenk-deg-om@velferdsetaten.oslo.kommune.no';

/**
 * Firefox's identity: a stable add-on id (policies, managed storage and AMO signing key on it),
 * the oldest ESR line we support, and the data-collection declaration AMO requires (none).
 */
export const GECKO = {
  id: GECKO_ID,
  strict_min_version: '128.0',
  data_collection_permissions: { required: ['none'] },
};

/**
 * The manifest for one browser. Chromium (and Edge, which loads the same build) wants
 * `background.service_worker`; Firefox MV3 runs `background.scripts` as an event page, has no
 * `key` or `use_dynamic_url`, and needs a stable gecko id. Only Firefox exposes `tenk.wasm` to
 * the sites' pages (its content script runs the core in the page; Chromium's asks the worker). Firefox (127 and later, so every ESR
 * from 128) grants the content scripts' `matches` as host permissions at install, also for a
 * temporary or policy-installed add-on, so no `host_permissions` are added.
 * @param {Record<string, any>} source the parsed top-level manifest.json
 * @param {'chrome' | 'firefox'} browser
 * @returns {Record<string, any>}
 */
export function manifestFor(source, browser) {
  const m = structuredClone(source);
  if (browser === 'chrome') {
    m.background = { service_worker: m.background.service_worker };
    delete m.browser_specific_settings;
    // Chromium's content script never loads tenk.wasm (the service worker's core answers it):
    // nothing is exposed to pages.
    delete m.web_accessible_resources;
  } else {
    m.background = { scripts: m.background.scripts };
    delete m.minimum_chrome_version;
    delete m.key;
    m.browser_specific_settings = { gecko: GECKO };
    for (const war of m.web_accessible_resources ?? []) delete war.use_dynamic_url;
  }
  return m;
}
