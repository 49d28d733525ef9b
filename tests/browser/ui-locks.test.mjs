// @ts-check
// What IT locks, the person sees as locked: with a real Chromium managed policy
// (`3rdparty.extensions.<id>`), the options page shows the role and a turned-off guideline as
// «Styrt av IT-avdelingen» with their controls disabled, and the popup has no snooze control.
// Needs root to write /etc/chromium/policies/managed (CI runs as root); skipped otherwise.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { canWritePolicy, writeChromiumPolicy } from './lib/chromium-policy.mjs';
import { dist, launchExtension, screenshot, seriousViolations } from './lib/extension.mjs';

/** The id Chromium gives the unpacked extension: from the manifest's public key. */
function extensionId() {
  const { key } = JSON.parse(readFileSync(join(dist, 'manifest.json'), 'utf8'));
  const hex = createHash('sha256').update(Buffer.from(key, 'base64')).digest('hex').slice(0, 32);
  return [...hex].map((c) => String.fromCharCode(97 + parseInt(c, 16))).join('');
}

const POLICY = { role: 'leader', allowSnooze: false, guidelines: { photos: { enabled: false } } };
const FB_PAGE = '<!doctype html><html lang="nb"><title>Facebook</title><main><form><div contenteditable="true" role="textbox" data-lexical-editor="true" aria-label="Kommenter som Kari Nordmann"><p><br></p></div></form></main></html>';

test('IT locks are shown as «Styrt av IT-avdelingen» and hide the snooze', { skip: !canWritePolicy && 'needs root to write Chromium policy' }, async () => {
  const id = extensionId();
  const remove = await writeChromiumPolicy('tenk-ui-locks', { '3rdparty': { extensions: { [id]: POLICY } } });
  let ext;
  try {
    // Chromium sometimes applies 3rdparty policy only from the second session of a profile.
    for (let attempt = 0; attempt < 2; attempt++) {
      ext = await launchExtension();
      assert.equal(ext.id, id);
      const worker = ext.worker;
      let managed = {};
      for (const deadline = Date.now() + 8000; Date.now() < deadline && !Object.keys(managed).length; await new Promise((r) => setTimeout(r, 250))) {
        managed = await worker.evaluate(() => chrome.storage.managed.get()).catch(() => ({}));
      }
      if (Object.keys(managed).length) break;
      await ext.close();
      ext = undefined;
    }
    assert.ok(ext, 'chrome.storage.managed never showed the policy');

    const options = await ext.context.newPage();
    await options.goto(ext.url('pages/options.html'));
    await options.waitForSelector('#guideline-list article');
    assert.equal(await options.locator('#role-lock').isVisible(), true, 'the role says «Styrt av IT-avdelingen»');
    assert.equal(await options.locator('input[name="role"][value="leader"]').isChecked(), true);
    assert.equal(await options.locator('input[name="role"][value="employee"]').isDisabled(), true);
    const photos = options.locator('#switch-photos');
    assert.equal(await photos.isDisabled(), true);
    assert.equal(await photos.isChecked(), false);
    assert.match(await options.locator('#g-photos .lock').innerText(), /Styrt av IT-avdelingen/);
    assert.deepEqual(await seriousViolations(options), []);
    await options.locator('#role').scrollIntoViewIfNeeded();
    await screenshot(options.locator('#role'), 'options-locked-nb-light');

    await ext.context.route('https://www.facebook.com/**', (r) => r.fulfill({ contentType: 'text/html; charset=utf-8', body: FB_PAGE }));
    const fb = await ext.context.newPage();
    await fb.goto('https://www.facebook.com/groups/1/posts/2');
    await fb.bringToFront();
    const tabId = await ext.worker.evaluate(async () => (await chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.id);
    const popup = await ext.context.newPage();
    await popup.goto(ext.url(`pages/popup.html?tab=${tabId}`));
    await popup.waitForSelector('#status[data-state="active"]', { timeout: 10000 });
    assert.equal(await popup.locator('#snooze-hour').isVisible(), false, 'no snooze when IT locked it');
    assert.equal(await popup.locator('#snooze-locked').isVisible(), true);
  } finally {
    await ext?.close();
    remove();
  }
});
