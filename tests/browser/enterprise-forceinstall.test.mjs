// @ts-check
// IT's path, end to end, with real Chromium policy: package the extension (signed CRX3 +
// updates.xml), serve both from 127.0.0.1, force-install the id through
// /etc/chromium/policies/managed/, start Chromium WITHOUT --load-extension, and show that the
// extension is installed, runs on a newspaper page, and reads its settings from
// `3rdparty.extensions.<id>` through chrome.storage.managed.
//
// Writing /etc needs root (CI runs as root); otherwise the suite is skipped with a message. The
// policy file is removed in `after`, on exit and on SIGINT/SIGTERM, so a failing run never leaves
// a force-install behind on the machine.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { packageAll } from '../../tools/package.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const POLICY_DIR = '/etc/chromium/policies/managed';
const POLICY_FILE = join(POLICY_DIR, 'tenk-test-forceinstall.json');
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
/** Playwright's defaults that would stop policy installs: extensions off, no update checks. */
const BLOCKING_DEFAULTS = [
  '--disable-extensions',
  '--disable-background-networking',
  '--disable-component-extensions-with-background-pages',
  '--disable-default-apps',
];
const settings = JSON.parse(readFileSync(join(root, 'docs/deploy/managed-settings.example.json'), 'utf8'));

/** A comment page at a real newspaper host name (served by request routing, never fetched). */
const FIXTURE = `<!doctype html><html lang="nb"><head><meta charset="utf-8"><title>Kommentarer</title></head>
<body><h1>Debatt</h1><form id="f"><label for="c">Skriv en kommentar</label>
<textarea id="c" name="comment" rows="4"></textarea><button type="submit">Publiser</button></form>
<script>window.__received = []; document.getElementById('f').addEventListener('submit', (e) => {
e.preventDefault(); window.__received.push(document.getElementById('c').value); });</script></body></html>`;

/** @param {number} ms */
const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));

function removePolicy() {
  rmSync(POLICY_FILE, { force: true });
}

describe('enterprise force-install through Chromium policy', { skip: isRoot ? false : 'skipped: needs root to write /etc/chromium/policies/managed (CI runs as root)' }, () => {
  /** @type {import('node:http').Server} */
  let server;
  /** @type {string[]} */
  const served = [];
  /** @type {import('playwright-core').BrowserContext | undefined} */
  let context;
  /** @type {import('../../tools/package.mjs').PackageInfo} */
  let info;
  const work = mkdtempSync(join(tmpdir(), 'tenk-forceinstall-'));
  const onSignal = () => {
    removePolicy();
    process.exit(130);
  };

  before(async () => {
    process.on('exit', removePolicy);
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    const outDir = join(work, 'serve');
    mkdirSync(outDir);
    server = createServer((req, res) => {
      const name = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname.slice(1));
      served.push(name);
      const type = name.endsWith('.xml') ? 'text/xml' : name.endsWith('.crx') ? 'application/x-chrome-extension' : '';
      if (!type || name.includes('/')) return void res.writeHead(404).end();
      try {
        res.writeHead(200, { 'content-type': type }).end(readFileSync(join(outDir, name)));
      } catch {
        res.writeHead(404).end();
      }
    });
    await new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(undefined)));
    const address = server.address();
    assert.ok(address && typeof address === 'object');
    info = packageAll({ root, outDir, updateBaseUrl: `http://127.0.0.1:${address.port}/`, log: () => {} });

    mkdirSync(POLICY_DIR, { recursive: true });
    const policy = {
      // Chromium keeps DevTools (and so Playwright) away from force-installed extensions by
      // default; 1 allows it, so the test can see the extension's service worker. Test-only.
      DeveloperToolsAvailability: 1,
      ExtensionInstallForcelist: [`${info.chromeId};${info.updateUrl}`],
      '3rdparty': { extensions: { [info.chromeId]: settings } },
    };
    writeFileSync(POLICY_FILE, JSON.stringify(policy, null, 2));

    context = await chromium.launchPersistentContext(join(work, 'profile'), {
      executablePath: '/usr/bin/chromium',
      headless: true,
      ignoreDefaultArgs: BLOCKING_DEFAULTS,
      args: ['--no-sandbox', '--disable-gpu', '--disable-sync', '--no-first-run'],
    });
    await context.route('https://www.vg.no/**', (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: FIXTURE }));
  });

  after(async () => {
    try {
      await context?.close();
    } finally {
      removePolicy();
      server?.close();
      rmSync(work, { recursive: true, force: true });
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    }
  });

  /** The extension's service worker, once the policy install has run. */
  async function extensionWorker() {
    assert.ok(context);
    const prefix = `chrome-extension://${info.chromeId}/`;
    const found = context.serviceWorkers().find((w) => w.url().startsWith(prefix));
    if (found) return found;
    return context.waitForEvent('serviceworker', { predicate: (w) => w.url().startsWith(prefix), timeout: 60_000 });
  }

  test('the extension is installed from updates.xml by policy alone', async () => {
    const worker = await extensionWorker();
    assert.equal(new URL(worker.url()).host, info.chromeId);
    assert.ok(served.includes('updates.xml'), `Chromium never asked for updates.xml (served: ${served.join(', ')})`);
    assert.ok(served.includes(info.files.crx), `Chromium never downloaded the CRX (served: ${served.join(', ')})`);
    const manifest = await worker.evaluate(() => chrome.runtime.getManifest());
    assert.equal(manifest.version, info.version);
    // later updates follow the manifest's update_url, not the policy's: it must be ours
    assert.equal(manifest.update_url, info.updateUrl);
  });

  test('its content script runs on a newspaper page', async () => {
    await extensionWorker();
    assert.ok(context);
    const page = await context.newPage();
    try {
      await page.goto('https://www.vg.no/debatt/kommentarer');
      await page.locator('#c').click();
      await page.keyboard.type('Jeg jobber i Velferdsetaten og kan fortelle om en bruker vi har.');
      await page.locator('tenk-deg-om').first().waitFor({ state: 'attached', timeout: 20_000 });
    } finally {
      await page.close();
    }
  });

  test('chrome.storage.managed returns every setting from 3rdparty.extensions.<id>', async () => {
    const worker = await extensionWorker();
    // Chromium filters 3rdparty policy through the schema of an installed extension, so right
    // after a first install the managed area may still be empty for a moment; then it fills
    // (and storage.onChanged fires). Wait for that, then compare.
    /** @type {Record<string, unknown>} */
    let managed = {};
    for (const deadline = Date.now() + 20_000; Date.now() < deadline; await sleep(250)) {
      managed = await worker.evaluate(() => chrome.storage.managed.get());
      if (Object.keys(managed).length) break;
    }
    // Chrome drops keys the managed schema does not declare: equality shows every one is declared.
    assert.deepEqual(managed, settings);
  });
});
