// @ts-check
// The manifests each browser gets from the one top-level manifest.json (tools/manifest.mjs),
// checked without a browser: the Chromium build against what Microsoft Edge and its Add-ons
// store accept (Edge loads that build unchanged), and the Firefox build against what Firefox ESR
// needs. The browser tests show both browsers loading the built extension.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GECKO_ID, manifestFor } from '../../tools/manifest.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const source = JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8'));
const chrome = manifestFor(source, 'chrome');
const firefox = manifestFor(source, 'firefox');
const locales = ['nb', 'nn', 'en'];

/**
 * Manifest keys of Chromium MV3 that Edge supports (Edge's "Supported manifest keys" follow
 * Chromium's manifest reference); anything else is an unsupported key Edge warns about.
 */
const EDGE_MANIFEST_KEYS = new Set([
  'manifest_version', 'name', 'short_name', 'description', 'version', 'version_name', 'default_locale',
  'icons', 'action', 'author', 'background', 'commands', 'content_scripts', 'content_security_policy',
  'declarative_net_request', 'devtools_page', 'externally_connectable', 'homepage_url',
  'host_permissions', 'incognito', 'key', 'minimum_chrome_version', 'offline_enabled', 'omnibox',
  'optional_host_permissions', 'optional_permissions', 'options_page', 'options_ui', 'permissions',
  'requirements', 'sandbox', 'side_panel', 'storage', 'update_url', 'web_accessible_resources',
]);

/** API permissions listed on Edge's "Supported APIs for Microsoft Edge extensions" page. */
const EDGE_PERMISSIONS = new Set([
  'activeTab', 'alarms', 'contextMenus', 'declarativeNetRequest', 'idle', 'notifications', 'offscreen',
  'scripting', 'sidePanel', 'storage', 'tabs', 'unlimitedStorage', 'webNavigation',
]);

/**
 * A localised manifest string as the browser shows it in one locale.
 * @param {string} value e.g. "__MSG_extName__"
 * @param {string} locale
 */
function localised(value, locale) {
  const m = /^__MSG_(\w+)__$/.exec(value);
  if (!m) return value;
  const messages = JSON.parse(readFileSync(join(root, 'extension/_locales', locale, 'messages.json'), 'utf8'));
  const entry = Object.entries(messages).find(([k]) => k.toLowerCase() === m[1].toLowerCase());
  assert.ok(entry, `${locale}: no message ${m[1]}`);
  return /** @type {{ message: string }} */ (entry[1]).message;
}

test('Edge: the Chromium build is MV3 with a service worker and only keys Edge supports', () => {
  assert.equal(chrome.manifest_version, 3);
  assert.deepEqual(Object.keys(chrome.background), ['service_worker']);
  const unsupported = Object.keys(chrome).filter((k) => !EDGE_MANIFEST_KEYS.has(k));
  assert.deepEqual(unsupported, [], 'keys Edge does not know (it warns, the store may refuse)');
  assert.equal(chrome.browser_specific_settings, undefined, 'no Firefox-only keys');
  const perms = [...(chrome.permissions ?? []), ...(chrome.optional_permissions ?? [])];
  assert.deepEqual(perms.filter((p) => !EDGE_PERMISSIONS.has(p)), [], 'permissions Edge does not support');
  assert.match(chrome.version, /^(0|[1-9]\d{0,4})(\.(0|[1-9]\d{0,4})){0,3}$/, 'one to four dot-separated integers');
  for (const part of chrome.version.split('.')) assert.ok(Number(part) <= 65535, `version part ${part}`);
});

test('Edge Add-ons store: name ≤ 45 characters without emoji, short name ≤ 12, description ≤ 132, in every locale', () => {
  assert.ok(existsSync(join(root, 'extension/_locales', chrome.default_locale, 'messages.json')), 'default_locale exists');
  for (const locale of locales) {
    const name = localised(chrome.name, locale);
    assert.ok(name.length > 0 && name.length <= 45, `${locale} name «${name}»`);
    assert.doesNotMatch(name, /\p{Extended_Pictographic}/u, `${locale} name has no emoji`);
    assert.ok(localised(chrome.short_name, locale).length <= 12, `${locale} short_name`);
    const description = localised(chrome.description, locale);
    assert.ok(description.length > 0 && description.length <= 132, `${locale} description is ${description.length} characters`);
  }
  assert.ok(chrome.icons['128'], 'a 128 px icon (the store listing uses it)');
  for (const path of Object.values(chrome.icons)) assert.ok(existsSync(join(root, 'extension', path)), `${path} exists`);
});

test('Edge: extension pages allow WebAssembly and nothing remote; resources are MV3-shaped', () => {
  const csp = chrome.content_security_policy.extension_pages;
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/);
  assert.doesNotMatch(csp, /https?:|'unsafe-eval'|'unsafe-inline'/);
  assert.equal(chrome.web_accessible_resources, undefined, 'nothing web-accessible: the content script asks the service worker\'s core');
  for (const war of firefox.web_accessible_resources) {
    assert.ok(Array.isArray(war.resources) && Array.isArray(war.matches), 'MV3 web_accessible_resources objects');
  }
});

test('Firefox: background scripts (no service worker), the stable gecko id, ESR 128 and later, no data collected', () => {
  assert.equal(firefox.manifest_version, 3);
  assert.deepEqual(firefox.background, { scripts: ['background.js'] });
  assert.deepEqual(firefox.browser_specific_settings, {
    gecko: { id: GECKO_ID, strict_min_version: '128.0', data_collection_permissions: { required: ['none'] } },
  });
  for (const key of ['key', 'minimum_chrome_version', 'update_url']) assert.equal(firefox[key], undefined, `no ${key}`);
  for (const war of firefox.web_accessible_resources) assert.equal(war.use_dynamic_url, undefined, 'no use_dynamic_url');
  assert.match(firefox.content_security_policy.extension_pages, /'wasm-unsafe-eval'/, 'the background may compile WebAssembly');
  assert.match(readFileSync(join(root, 'docs/deploy/firefox.md'), 'utf8'), new RegExp(GECKO_ID.replace(/\./g, '\\.')));
});

test('both builds run the same content scripts on the same sites', () => {
  assert.deepEqual(firefox.content_scripts, chrome.content_scripts);
  // Firefox exposes the core to the same sites its content script runs on (Chromium exposes nothing).
  const sites = new Set(chrome.content_scripts.flatMap((/** @type {any} */ c) => c.matches.map((/** @type {string} */ p) => p.replace(/^([^:]+:\/\/[^/]+)\/.*$/, '$1/*'))));
  for (const war of firefox.web_accessible_resources) for (const p of war.matches) assert.ok(sites.has(p), `${p} is a content-script site`);
  assert.deepEqual(firefox.permissions, chrome.permissions);
});
