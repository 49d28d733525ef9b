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
 * }} Family
 */

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
};
