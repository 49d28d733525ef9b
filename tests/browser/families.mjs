// @ts-check
// How each fixture family is driven by the tests: where its field is, how a person submits, and
// the name the page shows as the identity. One entry per family keeps the test bodies shared.

/**
 * @typedef {import('./harness.mjs').ScenarioPage} Page
 * @typedef {import('./harness.mjs').ScenarioLocator} Locator
 * @typedef {{
 *   page: keyof typeof import('./harness.mjs').PAGES,
 *   name: string,
 *   field: (page: Page) => Locator,
 *   submit: (page: Page, field: Locator) => Promise<void>,
 *   addField: (page: Page) => Promise<Locator>,
 *   addedName: string,
 *   browsers?: string[],
 *   uiRoot?: (page: Page) => { locator: (selector: string) => Locator },
 *   fieldIsFrame?: boolean,
 * }} Family
 * `browsers`: the browsers whose driver can reach the family's field (an editor in an iframe
 * needs Playwright's `contentFrame()`; all browsers when absent). `uiRoot`: where the extension's
 * UI appears when it is not the top page (the content script in a cross-origin iframe).
 * `fieldIsFrame`: the field lives in an editor iframe that a copy cannot stand in for.
 */

/** The Disqus iframe's content (cross-origin; the content script and its UI run in there). */
const disqusFrame = (/** @type {Page} */ page) => /** @type {any} */ (page).locator('#disqus_thread iframe').contentFrame();

/** The Facebook comments plugin's iframe content (cross-origin; the content script and its UI run in there). */
const pluginFrame = (/** @type {Page} */ page) => /** @type {any} */ (page).locator('iframe[title^="fb:comments"]').contentFrame();

/** The editor in Coral's comment box, inside its iframe in the shadow root (Playwright pierces it). */
const coralEditor = (/** @type {Page} */ page, box = '.coral-createComment-form') =>
  /** @type {any} */ (page).locator(`#coral_thread ${box} iframe.coral-rte-frame`).contentFrame().locator('.coral-rte-content');

/** @type {Record<string, Family>} */
export const FAMILIES = {
  facebook: {
    page: 'facebook',
    name: 'Kari Nordmann',
    field: (page) => page.locator('[data-lexical-editor="true"]').first(),
    submit: async (page) => page.keyboard.press('Enter'),
    addField: async (page) => {
      await page.getByRole('button', { name: 'Svar', exact: true }).click();
      const reply = page.locator('.reply-box [role="textbox"][data-lexical-editor="true"]');
      await reply.waitFor();
      return reply;
    },
    addedName: 'Kari Nordmann',
  },
  newspaper: {
    page: 'newspaper',
    name: 'Ola Hansen',
    field: (page) => page.locator('form.comment-form textarea').first(),
    submit: async (_page, field) => field.locator('xpath=ancestor::form//button[@type="submit"]').click(),
    addField: async (page) => {
      await page.getByRole('button', { name: 'Svar på en kommentar' }).click();
      const reply = page.locator('form.reply-form textarea');
      await reply.waitFor();
      return reply;
    },
    addedName: 'Ola Hansen',
  },
  generic: {
    page: 'newspaperGeneric',
    name: 'Ola Hansen',
    field: (page) => page.locator('#debatt-editor'),
    submit: async (_page, field) => field.locator('xpath=ancestor::div[contains(@class, "debatt-composer")]//button[contains(@class, "debatt-send")]').click(),
    addField: async (page) => {
      await page.getByRole('button', { name: 'Svar på innlegget' }).click();
      const reply = page.locator('.debatt-composer.reply [role="textbox"]');
      await reply.waitFor();
      return reply;
    },
    addedName: 'Ola Hansen',
  },
  facebookPlugin: {
    page: 'newspaperFacebookPlugin',
    name: 'Kari Nordmann',
    browsers: ['chromium'],
    uiRoot: (page) => pluginFrame(page),
    field: (page) => pluginFrame(page).locator('form._5yk0:not(.reply) [role="textbox"]'),
    submit: async (_page, field) => field.locator('xpath=ancestor::form//button[@type="submit"]').click(),
    addField: async (page) => {
      await pluginFrame(page).getByRole('button', { name: 'Svar', exact: true }).click();
      const reply = pluginFrame(page).locator('form._5yk0.reply [role="textbox"]');
      await reply.waitFor();
      return reply;
    },
    addedName: 'Kari Nordmann',
  },
  coral: {
    page: 'coral',
    name: 'Kari Nordmann',
    browsers: ['chromium'],
    fieldIsFrame: true,
    field: (page) => coralEditor(page),
    // Ctrl+Enter in the editor (focused first: after the reply test, focus is in the reply box).
    submit: async (_page, field) => field.press('Control+Enter'),
    addField: async (page) => {
      await page.getByRole('button', { name: 'Svar', exact: true }).click();
      const reply = coralEditor(page, '.coral-createReplyComment');
      await reply.waitFor();
      return reply;
    },
    addedName: 'Kari Nordmann',
  },
  disqus: {
    page: 'disqus',
    name: 'Kari Nordmann',
    browsers: ['chromium'],
    fieldIsFrame: true,
    uiRoot: (page) => disqusFrame(page),
    field: (page) => disqusFrame(page).locator('form[data-role="postbox"]:not(.reply) [role="textbox"]'),
    submit: async (_page, field) => field.locator('xpath=ancestor::form//button[@type="submit"]').click(),
    addField: async (page) => {
      await disqusFrame(page).getByRole('button', { name: 'Svar', exact: true }).click();
      const reply = disqusFrame(page).locator('form.reply [role="textbox"]');
      await reply.waitFor();
      return reply;
    },
    addedName: 'Kari Nordmann',
  },
};
