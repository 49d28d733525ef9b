// @ts-check
// «Legg til venn» on Facebook (issue 5) in Chromium with dist/chrome: the click goes through
// untouched and brings up a short, dismissible clients-and-users reminder, at most once a day;
// storage keeps only the time it was shown, never a name.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './harness.mjs';

/** @param {number} ms */
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const DAY = 24 * 60 * 60 * 1000;

describe('chromium: friend-request reminder', () => {
  /** @type {import('./harness.mjs').Browser} */
  let browser;
  before(async () => {
    browser = await launch();
  });
  after(async () => {
    assert.deepEqual(browser.foreignRequests, [], 'no network requests beyond the page itself');
    await browser.close();
  });

  /** Everything in the extension's local storage. */
  const local = async () => (await browser.worker()).evaluate(() => chrome.storage.local.get(null));

  test('the first «Legg til venn» goes through and shows the reminder; «Lukk» closes it', async () => {
    const page = await browser.open('facebook');
    await page.getByRole('button', { name: 'Legg til venn' }).first().click();
    const reminder = page.locator('[data-testid="tenk-reminder"]');
    await reminder.waitFor({ state: 'visible', timeout: 5000 });
    assert.equal(await reminder.getAttribute('data-guidelines'), 'clients-and-users');
    assert.equal(await reminder.evaluate((el) => /** @type {ShadowRoot} */ (el.getRootNode()).host.localName), 'tenk-deg-om');
    assert.match((await reminder.textContent()) ?? '', /klient/i);
    assert.equal(await page.evaluate(() => /** @type {any} */ (window).__friendRequests), 1, 'the click reached the page');
    assert.equal(await page.getByRole('button', { name: 'Avbryt forespørsel' }).count(), 1, 'the page handled it');
    const stored = await local();
    assert.equal(typeof stored.friendReminderShown, 'number', 'a time is stored');
    assert.doesNotMatch(JSON.stringify(stored), /Per Hansen|Siri Berg/, 'no name is stored');
    await page.locator('[data-testid="tenk-reminder-close"]').click();
    await reminder.waitFor({ state: 'detached', timeout: 5000 });
    await page.close();
  });

  test('a second friend request the same day: the click goes through, no reminder', async () => {
    const page = await browser.open('facebook');
    await page.getByRole('button', { name: 'Legg til venn' }).last().click();
    // The first reminder came well within this time.
    await sleep(1500);
    assert.equal(await page.locator('[data-testid="tenk-reminder"]').count(), 0);
    assert.equal(await page.evaluate(() => /** @type {any} */ (window).__friendRequests), 1);
    await page.close();
  });

  test('a day later it shows again', async () => {
    const worker = await browser.worker();
    await worker.evaluate((at) => chrome.storage.local.set({ friendReminderShown: at }), Date.now() - DAY - 1000);
    const page = await browser.open('facebook');
    await page.getByRole('button', { name: 'Legg til venn' }).first().click();
    const reminder = page.locator('[data-testid="tenk-reminder"]');
    await reminder.waitFor({ state: 'visible', timeout: 5000 });
    await page.keyboard.press('Escape');
    await page.locator('[data-testid="tenk-reminder-close"]').focus();
    await page.keyboard.press('Escape');
    await reminder.waitFor({ state: 'detached', timeout: 5000 });
    await page.close();
  });
});
