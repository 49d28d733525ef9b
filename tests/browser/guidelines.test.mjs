// @ts-check
// Issue 4, «done means»: the extension shows every guideline's findings in the browser. One
// bokmål and one nynorsk comment per guideline the text can touch, typed into the newspaper
// fixture, must bring the hint with that guideline; the context-only guidelines come in the
// dialog (the first submit on a site: logged-in-identity; the leader role:
// leaders-responsibility). The texts are written for this test, not copied from the policy's
// own examples, and checked against the hint's `data-guidelines` (docs/CONTRACTS.md § 3).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, ui } from './harness.mjs';

/** [guideline id, bokmål text, nynorsk text] */
const TEXTS = [
  ['negative-about-colleagues', 'Kollegaen min er så lat at det er flaut å jobbe med henne.', 'Leiaren vår er ein idiot, ingen tek han seriøst.'],
  ['clients-and-users', 'Klienten min sendte meg venneforespørsel i går.', 'Ein av klientane mine sende meg venneførespurnad i går.'],
  ['confidentiality', 'Fødselsnummeret til mannen er 01129940030, kan noen hjelpe?', 'Eg hadde ein brukar i dag som fortalde om skilsmissa si.'],
  ['mixing-roles', 'Som ansatt i Oslo kommune mener jeg at denne saken er feil fremstilt.', 'Vi i Velferdsetaten meiner at dette forslaget er dårleg.'],
  ['photos', 'Her er et bilde fra jobben i dag!', 'Biletet er teke på senteret i dag.'],
  ['loyalty', 'Velferdsetaten er en elendig arbeidsplass, ikke søk jobb der.', 'Oslo kommune er ein håplaus arbeidsgjevar.'],
  ['questions-to-official-channels', 'Vi behandler søknaden din så fort vi kan, send oss en melding.', 'Saka di er under behandling hos oss, du får svar snart.'],
  ['facts-not-arguments', 'Du er en idiot hvis du tror på det der.', 'Du er ein tulling som ikkje har peiling.'],
  ['copyright-and-consent', 'Jeg tok et bilde av kollegaene mine uten at de visste det.', 'Eg tok eit bilete av kollegaane mine utan å spørje dei.'],
  ['admit-mistakes', 'Rettelse: tallet jeg skrev i går var feil.', 'Eg tok feil i kommentaren min over, beklagar.'],
  ['think-twice', 'JEG ER SÅ LEI AV DETTE!!!!!', 'Faen, no er eg forbanna!!!'],
];

/**
 * The hint's guideline ids now (empty when no hint), as the page sees them.
 * @param {import('playwright-core').Page} page
 * @returns {Promise<string[]>}
 */
const hintIds = (page) =>
  page.evaluate(() =>
    (document.querySelector('tenk-deg-om')?.shadowRoot?.querySelector('[data-testid="tenk-hint"]')?.getAttribute('data-guidelines') ?? '')
      .split(' ')
      .filter(Boolean),
  );

/**
 * Waits until the hint's ids satisfy `want` (polling, bounded); returns the last ids seen.
 * @param {import('playwright-core').Page} page
 * @param {(ids: string[]) => boolean} want
 */
async function waitForHint(page, want) {
  const end = Date.now() + 20_000;
  let ids = await hintIds(page);
  while (!want(ids) && Date.now() < end) {
    await page.waitForTimeout(50);
    ids = await hintIds(page);
  }
  return ids;
}

describe('every guideline shows in the browser', { timeout: 180_000 }, () => {
  /** @type {import('./harness.mjs').Browser} */
  let browser;
  /** @type {import('playwright-core').Page} */
  let page;
  before(async () => {
    browser = await launch();
    page = await browser.open('newspaper');
  });
  after(async () => {
    await browser?.close();
  });

  /**
   * Puts `text` in the comment field as the page sees typing, and returns the hint's ids once
   * `expected` is among them (or fails naming what the hint showed).
   * @param {string} text
   * @param {string} expected
   */
  async function hintFor(text, expected) {
    const field = page.locator('form.comment-form textarea').first();
    await field.click();
    await field.fill('');
    assert.deepEqual(await waitForHint(page, (ids) => ids.length === 0), [], 'an empty field has no hint');
    await field.fill(text);
    const shown = await waitForHint(page, (ids) => ids.includes(expected));
    assert.ok(shown.includes(expected), `«${text}»: the hint showed [${shown.join(' ')}], not ${expected}`);
    return shown;
  }

  for (const [id, nb, nn] of TEXTS) {
    test(`${id}: the hint names it, in bokmål and in nynorsk`, async () => {
      assert.ok((await hintFor(nb, id)).includes(id));
      assert.ok((await hintFor(nn, id)).includes(id));
    });
  }

  test('logged-in-identity: the first submit on the site asks who you are', async () => {
    await hintFor(TEXTS[0][1], TEXTS[0][0]);
    const dialog = await submit();
    assert.ok(dialog.includes('logged-in-identity'), `dialog: ${dialog.join(' ')}`);
    assert.ok(dialog.includes('negative-about-colleagues'), `dialog: ${dialog.join(' ')}`);
    assert.ok(!dialog.includes('leaders-responsibility'), `an employee: ${dialog.join(' ')}`);
  });

  test('leaders-responsibility: a leader (own setting) gets it in the dialog', async () => {
    const worker = await browser.worker();
    await worker.evaluate(() => chrome.storage.sync.set({ settings: { role: 'leader' } }));
    try {
      const field = page.locator('form.comment-form textarea').first();
      await field.click();
      await field.fill('Takk for et godt og nyttig innlegg.');
      /** @type {string[]} */
      let dialog = [];
      // The setting reaches the core by storage.onChanged; ask again until it has.
      for (let i = 0; i < 10 && !dialog.includes('leaders-responsibility'); i++) dialog = await submit();
      assert.ok(dialog.includes('leaders-responsibility'), `a leader: ${dialog.join(' ')}`);
    } finally {
      await worker.evaluate(() => chrome.storage.sync.remove('settings'));
    }
  });

  /** Submits the newspaper form, returns the dialog's ids and closes it with «Rediger». */
  async function submit() {
    await page.locator('form.comment-form button[type="submit"]').first().click();
    const u = ui(page);
    await u.dialog.waitFor({ state: 'visible', timeout: 8000 });
    const ids = ((await u.dialog.getAttribute('data-guidelines')) ?? '').split(' ').filter(Boolean);
    await u.edit.click();
    await u.dialog.waitFor({ state: 'detached', timeout: 8000 });
    return ids;
  }
});
