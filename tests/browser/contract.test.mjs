// @ts-check
// The public UI test contract (docs/CONTRACTS.md §3): outside acceptance tests rely on exactly
// this shape, so this test fails if any part of it changes. It also saves screenshots
// (`screenshotDir`: docs/screenshots/ with TENK_SCREENSHOTS=1).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { launch, NATIONAL_ID_TEXT, ui } from './harness.mjs';
import { screenshotDir } from './lib/extension.mjs';

const SCREENSHOTS = `${screenshotDir}/`;
const GUIDELINE_IDS = new Set([
  'negative-about-colleagues', 'clients-and-users', 'confidentiality', 'mixing-roles', 'photos', 'loyalty',
  'logged-in-identity', 'questions-to-official-channels', 'facts-not-arguments', 'copyright-and-consent',
  'admit-mistakes', 'leaders-responsibility', 'think-twice',
]);

/**
 * The ids in a `data-guidelines` value; fails unless it is space-separated known ids.
 * @param {string | null} value
 */
function guidelineIds(value) {
  assert.equal(typeof value, 'string', 'data-guidelines is present');
  const ids = /** @type {string} */ (value).split(' ');
  for (const id of ids) assert.ok(GUIDELINE_IDS.has(id), `unknown guideline id «${id}» in «${value}»`);
  return ids;
}

describe('UI test contract', () => {
  /** @type {import('./harness.mjs').Browser} */
  let browser;
  /** @type {import('playwright-core').Page} */
  let page;
  before(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    browser = await launch();
    page = await browser.open('facebook');
    await page.locator('[data-lexical-editor="true"]').first().click();
    await page.keyboard.type(NATIONAL_ID_TEXT);
  });
  after(async () => {
    assert.deepEqual(browser.extensionProblems(), []);
    await browser.close();
  });

  test('the hint: [data-testid="tenk-hint"] with data-guidelines, under <tenk-deg-om>', async () => {
    const { hint } = ui(page);
    await hint.waitFor({ state: 'visible', timeout: 5000 });
    const shape = await hint.evaluate((el) => {
      const root = el.getRootNode();
      return { inShadow: root instanceof ShadowRoot, host: root instanceof ShadowRoot ? root.host.localName : null, mode: root instanceof ShadowRoot ? root.mode : null };
    });
    assert.deepEqual(shape, { inShadow: true, host: 'tenk-deg-om', mode: 'open' });
    assert.ok(guidelineIds(await hint.getAttribute('data-guidelines')).includes('confidentiality'));
    await page.screenshot({ path: `${SCREENSHOTS}hint.png` });
  });

  test('the dialog: role, aria-modal, data-guidelines, identity and both buttons inside', async () => {
    await page.keyboard.press('Enter');
    const u = ui(page);
    await u.dialog.waitFor({ state: 'visible', timeout: 5000 });
    const shape = await page.evaluate(() => {
      const hosts = document.querySelectorAll('tenk-deg-om');
      const host = hosts[0];
      const root = host?.shadowRoot;
      const dialog = root?.querySelector('[data-testid="tenk-dialog"]');
      /** @param {string} id */
      const inside = (id) => dialog?.querySelector(`[data-testid="${id}"]`);
      return {
        hosts: hosts.length,
        hostParent: host?.parentElement === document.documentElement || host?.parentElement === document.body,
        openShadowRoot: root?.mode === 'open',
        role: dialog?.getAttribute('role'),
        ariaModal: dialog?.getAttribute('aria-modal'),
        identity: inside('tenk-identity')?.textContent ?? null,
        edit: inside('tenk-edit')?.localName ?? null,
        publish: inside('tenk-publish')?.localName ?? null,
      };
    });
    assert.equal(shape.hosts, 1, 'exactly one <tenk-deg-om>');
    assert.ok(shape.hostParent, '<tenk-deg-om> sits at the top of the document');
    assert.ok(shape.openShadowRoot, 'with an open shadow root');
    assert.ok(shape.role === 'dialog' || shape.role === 'alertdialog', `role=${shape.role}`);
    assert.equal(shape.ariaModal, 'true');
    assert.match(shape.identity ?? '', /Kari Nordmann/);
    assert.equal(shape.edit, 'button');
    assert.equal(shape.publish, 'button');
    assert.ok(guidelineIds(await u.dialog.getAttribute('data-guidelines')).includes('logged-in-identity'));
    await page.screenshot({ path: `${SCREENSHOTS}dialog.png` });
    await u.edit.click();
  });
});
