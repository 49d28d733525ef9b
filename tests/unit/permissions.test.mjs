// @ts-check
// Least privilege (issue 9): every permission and host pattern the built manifests ask for is
// justified in docs/permissions.md, and the file justifies nothing the manifests no longer ask for.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { manifestFor } from '../../tools/manifest.mjs';

const root = new URL('../..', import.meta.url).pathname;
const source = JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8'));
const doc = readFileSync(join(root, 'docs/permissions.md'), 'utf8');

/** What docs/permissions.md justifies: the backticked first cell of each table row. */
const justified = new Set(
  [...doc.matchAll(/^\|\s*`([^`]+)`\s*\|/gm)].map((m) => m[1]),
);

/**
 * Everything a manifest asks for: API permissions, host permissions, content-script matches and
 * the pages the web-accessible core is exposed to.
 * @param {Record<string, any>} m
 */
function asked(m) {
  return new Set([
    ...(m.permissions ?? []),
    ...(m.optional_permissions ?? []),
    ...(m.host_permissions ?? []),
    ...(m.optional_host_permissions ?? []),
    ...(m.content_scripts ?? []).flatMap((/** @type {any} */ c) => [...(c.matches ?? []), ...(c.exclude_matches ?? [])]),
    ...(m.web_accessible_resources ?? []).flatMap((/** @type {any} */ w) => w.matches ?? []),
  ]);
}

/** The manifests as built: from the build when it exists, else derived the same way. */
const manifests = /** @type {const} */ (['chrome', 'firefox']).map((browser) => {
  const built = join(root, 'dist', browser, 'manifest.json');
  return { browser, manifest: existsSync(built) ? JSON.parse(readFileSync(built, 'utf8')) : manifestFor(source, browser) };
});

for (const { browser, manifest } of manifests) {
  test(`${browser}: every permission and host pattern is justified in docs/permissions.md`, () => {
    const missing = [...asked(manifest)].filter((p) => !justified.has(p));
    assert.deepEqual(missing, [], 'add a row with the reason to docs/permissions.md, or drop the permission');
  });
}

test('docs/permissions.md justifies nothing the manifests do not ask for', () => {
  const all = new Set(manifests.flatMap(({ manifest }) => [...asked(manifest)]));
  assert.deepEqual([...justified].filter((p) => !all.has(p)), []);
});

test('no broad or network permissions', () => {
  for (const { manifest } of manifests) {
    const optional = new Set(manifest.optional_host_permissions ?? []);
    const required = [...asked({ ...manifest, optional_host_permissions: [] })];
    for (const p of [...required, ...optional]) {
      assert.ok(!['<all_urls>', 'tabs', 'webRequest', 'debugger', 'cookies', 'history'].includes(p), p);
    }
    for (const p of required) assert.doesNotMatch(p, /^(\*|https?):\/\/\*\//, `${p} matches every site`);
    // The one broad pattern is optional: nothing is granted at install, and the person grants
    // one IT-added site at a time («Gi tilgang», chrome.permissions.request). https only.
    for (const p of optional) assert.match(p, /^https:\/\//, `${p}: optional host access is https only`);
    assert.equal(manifest.externally_connectable, undefined);
  }
});
