// @ts-check
// The reminders people meet in the page, in real Chromium with dist/chrome on the fixture pages:
// the inline hint (marker, underline, card from hover/focus/Alt+Shift+T, dismiss for today), the
// pre-submit dialog (identity first, guidelines with quotes and trigger words, leader paragraph,
// general advice, «Rediger» default, Esc = edit, focus trapped and restored), aria-live
// announcements, axe-core with no serious or critical violations, and screenshots of every
// surface in light and dark, bokmål and English, into `screenshotDir` (docs/screenshots/ with
// TENK_SCREENSHOTS=1, as `./build.sh screenshots` runs it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, ui } from './harness.mjs';
import { screenshot, seriousViolations } from './lib/extension.mjs';

const NEGATIVE = 'Sjefen min er helt udugelig, typisk for avdelingen vår.';

/** @param {import('playwright-core').Page} page */
async function deepActive(page) {
  return page.evaluate(() => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return el ? (el.getAttribute('data-testid') ?? el.getAttribute('role') ?? el.tagName.toLowerCase()) : null;
  });
}

for (const lang of /** @type {const} */ (['nb', 'en'])) {
  for (const colorScheme of /** @type {const} */ (['light', 'dark'])) {
    const tag = `${lang}-${colorScheme}`;
    test(`in-page UI on Facebook (${tag}): hint, card, dialog — keyboard, axe, screenshots`, async () => {
      const b = await launch({ lang, colorScheme });
      try {
        const page = await b.open('facebook');
        const u = ui(page);
        const editor = page.locator('[data-lexical-editor]');
        await editor.click();
        await page.keyboard.type(NEGATIVE);
        await u.hint.waitFor({ state: 'visible', timeout: 10_000 });
        assert.match((await u.hint.getAttribute('data-guidelines')) ?? '', /negative-about-colleagues/);
        // the typed text is untouched and the editor keeps focus
        assert.equal(await deepActive(page), 'textbox');
        assert.ok((await page.locator('[data-testid="tenk-announce"]').textContent())?.trim(), 'a new hint is announced');
        assert.ok((await page.locator('tenk-deg-om .underline').count()) > 0, 'trigger words are underlined');
        const fieldBox = await editor.boundingBox();
        const markerBox = await page.locator('tenk-deg-om .marker').boundingBox();
        assert.ok(fieldBox && markerBox && (markerBox.y + markerBox.height <= fieldBox.y + 1 || markerBox.y >= fieldBox.y + fieldBox.height - 1), 'the marker never covers the text');
        await page.waitForTimeout(200);
        await screenshot(page.locator('[role="article"]'), `hint-${tag}`);

        // Alt+Shift+T opens the card and moves focus into it; Esc puts focus back in the field.
        await page.keyboard.press('Alt+Shift+KeyT');
        const card = page.locator('[data-testid="tenk-card"]');
        await card.waitFor({ state: 'visible' });
        assert.match(await card.innerText(), lang === 'nb' ? /Les hele retningslinjen/ : /Read the whole guideline/);
        assert.ok((await card.locator('blockquote').count()) > 0, 'the card quotes the guideline');
        // Below or above the field, scrolling inside when neither side holds it: never over the text.
        const cardBox = await card.boundingBox();
        assert.ok(cardBox);
        const overlaps = cardBox.y < fieldBox.y + fieldBox.height && fieldBox.y < cardBox.y + cardBox.height;
        assert.ok(!overlaps, `the card (y ${cardBox.y}–${cardBox.y + cardBox.height}) covers the field (y ${fieldBox.y}–${fieldBox.y + fieldBox.height})`);
        assert.deepEqual(await seriousViolations(page, ['tenk-deg-om']), [], 'hint card');
        await screenshot(page, `card-${tag}`);
        await page.keyboard.press('Escape');
        await card.waitFor({ state: 'hidden' });
        assert.equal(await deepActive(page), 'textbox');

        // Enter → the dialog: identity first, «Rediger» focused, Tab stays inside, Esc = edit.
        await page.keyboard.press('Enter');
        await u.dialog.waitFor({ state: 'visible', timeout: 10_000 });
        assert.equal(await u.dialog.getAttribute('aria-modal'), 'true');
        assert.match(await u.identity.innerText(), /Kari Nordmann/);
        assert.equal(await deepActive(page), 'tenk-edit');
        const texts = await u.dialog.locator('h2, [data-testid="tenk-identity"]').allInnerTexts();
        assert.match(texts[0] ?? '', lang === 'nb' ? /Tenk deg om en ekstra gang/ : /Think it over once more/);
        for (let i = 0; i < 4; i++) {
          await page.keyboard.press('Tab');
          assert.match((await deepActive(page)) ?? '', /tenk-(edit|publish)/, 'focus stays in the dialog');
        }
        assert.deepEqual(await seriousViolations(page, ['tenk-deg-om']), [], 'dialog');
        await screenshot(page, `dialog-${tag}`);
        await page.keyboard.press('Escape');
        await u.dialog.waitFor({ state: 'detached' });
        assert.equal(await deepActive(page), 'textbox', 'focus goes back to the comment');
        assert.equal((await editor.innerText()).trim(), NEGATIVE);
        assert.deepEqual(b.extensionProblems(), []);
      } finally {
        await b.close();
      }
    });
  }
}

test('the card opens on hover and «Ikke vis dette igjen på denne siden i dag» hides it for today', async () => {
  const b = await launch();
  try {
    const page = await b.open('facebook');
    await page.locator('[data-lexical-editor]').click();
    await page.keyboard.type(NEGATIVE);
    const u = ui(page);
    await u.hint.waitFor({ state: 'visible', timeout: 10_000 });
    await page.locator('tenk-deg-om .marker').hover();
    const card = page.locator('[data-testid="tenk-card"]');
    await card.waitFor({ state: 'visible' });
    const before = ((await u.hint.getAttribute('data-guidelines')) ?? '').split(' ').filter(Boolean);
    await card.locator('[data-testid="tenk-dismiss"]').first().click();
    const dismissed = /** @type {any} */ (await b.context.serviceWorkers()[0].evaluate(async () => (await chrome.storage.local.get('dismissed')).dismissed));
    assert.ok(dismissed['www.facebook.com'][before[0]] > Date.now());
    await page.waitForFunction((id) => !(document.querySelector('tenk-deg-om')?.shadowRoot?.querySelector('[data-testid="tenk-hint"]')?.getAttribute('data-guidelines') ?? '').split(' ').includes(id), before[0]);
  } finally {
    await b.close();
  }
});

test('leaders see the leaders’ paragraph; a clean first comment gets the general advice', async () => {
  const b = await launch();
  try {
    await b.context.serviceWorkers()[0].evaluate(async () => chrome.storage.sync.set({ settings: { role: 'leader' } }));
    const page = await b.open('facebook');
    const u = ui(page);
    await page.locator('[data-lexical-editor]').click();
    await page.keyboard.type('Takk for en fin dag på jobben i dag!');
    await page.keyboard.press('Enter');
    await u.dialog.waitFor({ state: 'visible', timeout: 10_000 });
    assert.equal(await page.locator('tenk-deg-om .leader').count(), 1);
    assert.match(await u.dialog.innerText(), /Hvordan ville jeg reagert dersom det samme ble sagt om meg\?/);
    assert.match(await u.dialog.innerText(), /spør lederen din/);
    await screenshot(page, 'dialog-leader-nb-light');
    await u.edit.click();
  } finally {
    await b.close();
  }
});

test('newspaper textarea: the underline follows the words without touching the field', async () => {
  const b = await launch();
  try {
    const page = await b.open('newspaper');
    const field = page.locator('textarea');
    await field.click();
    await page.keyboard.type('Fødselsnummeret til klienten er 01129940030, hun var her i dag.');
    const u = ui(page);
    await u.hint.waitFor({ state: 'visible', timeout: 10_000 });
    await page.waitForTimeout(200);
    const [line] = await page.locator('tenk-deg-om .underline').all();
    assert.ok(line, 'an underline is drawn');
    const box = await field.boundingBox();
    const under = await line.boundingBox();
    assert.ok(box && under && under.y > box.y && under.y < box.y + box.height, 'the underline is inside the field');
    assert.equal(await field.inputValue(), 'Fødselsnummeret til klienten er 01129940030, hun var her i dag.');
    // It follows the field when the page scrolls.
    await page.evaluate(() => { document.body.style.minHeight = '3000px'; });
    const before = await page.locator('tenk-deg-om .marker').boundingBox();
    await page.mouse.wheel(0, 120);
    await page.waitForFunction((y) => {
      const m = document.querySelector('tenk-deg-om')?.shadowRoot?.querySelector('.marker');
      return m && Math.abs(m.getBoundingClientRect().y - y) > 50;
    }, before?.y ?? 0);
    const afterBox = await page.locator('tenk-deg-om .marker').boundingBox();
    const fieldNow = await field.boundingBox();
    assert.ok(before && afterBox && fieldNow && Math.abs(afterBox.y + afterBox.height + 4 - fieldNow.y) < 3, 'the marker stays at the field after scrolling');
    await page.mouse.wheel(0, -120);
    await page.waitForTimeout(200);
    await screenshot(page.locator('#comments'), 'hint-newspaper-nb-light');
  } finally {
    await b.close();
  }
});

test('isolation: hostile page CSS cannot break the UI, and the UI changes no page style', async () => {
  const b = await launch();
  try {
    const page = await b.open('facebook');
    const pageButton = page.locator('[data-action="reply"]');
    const styleBefore = await pageButton.evaluate((el) => getComputedStyle(el).cssText || `${getComputedStyle(el).font}|${getComputedStyle(el).color}`);
    await page.addStyleTag({
      content: `html * { font-size: 40px !important; color: red !important; letter-spacing: 4px !important; }
        tenk-deg-om { display: none !important; visibility: hidden !important; font-size: 60px !important; }
        tenk-deg-om * { display: none !important; }
        dialog, button, [popover] { display: none !important; opacity: 0 !important; }`,
    });
    await page.locator('[data-lexical-editor]').click();
    await page.keyboard.type(NEGATIVE);
    const u = ui(page);
    await u.hint.waitFor({ state: 'visible', timeout: 10_000 });
    await page.keyboard.press('Enter');
    await u.dialog.waitFor({ state: 'visible', timeout: 10_000 });
    assert.equal(await u.edit.isVisible(), true);
    assert.equal(await u.publish.isVisible(), true);
    const size = await u.edit.evaluate((el) => getComputedStyle(el).fontSize);
    assert.equal(size, '15px', 'the page cannot restyle the dialog');
    await u.edit.click();
    await u.dialog.waitFor({ state: 'detached' });
    await page.evaluate(() => document.querySelectorAll('style').forEach((s) => s.textContent?.includes('letter-spacing: 4px') && s.remove()));
    const styleAfter = await pageButton.evaluate((el) => getComputedStyle(el).cssText || `${getComputedStyle(el).font}|${getComputedStyle(el).color}`);
    assert.equal(styleAfter, styleBefore, 'the UI leaks no style into the page');
  } finally {
    await b.close();
  }
});
