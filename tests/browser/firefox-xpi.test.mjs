// @ts-check
// The packaged Firefox .xpi (tools/package.mjs's own ZIP writer) installs in Firefox ESR, under
// the stable add-on id the policies name. Installed as a temporary add-on over WebDriver BiDi,
// which is what allows an unsigned package; signing is AMO's job (docs/deploy/firefox.md).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import { packageAll } from '../../tools/package.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));

test('the packaged .xpi installs in Firefox ESR with the stable add-on id', async () => {
  const work = mkdtempSync(join(tmpdir(), 'tenk-xpi-'));
  /** @type {import('puppeteer-core').Browser | undefined} */
  let browser;
  try {
    const info = packageAll({ root, outDir: work, log: () => {} });
    assert.equal(info.geckoId, 'tenk-deg-om@velferdsetaten.oslo.kommune.no');
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: '/usr/bin/firefox-esr',
      headless: true,
      userDataDir: join(work, 'profile'),
    });
    assert.equal(await browser.installExtension(join(work, info.files.xpi)), info.geckoId);
  } finally {
    await browser?.close();
    rmSync(work, { recursive: true, force: true });
  }
});
