/**
 * The onboarding page, opened once after install (unless IT's policy skips it): what Tenk deg om
 * does, what it never does, and a 20-second example with the real reminder text from the core.
 */
import type { GuidelineList } from '../common/core-types';
import { chooseLanguage, currentLang, localizeDocument, t } from '../common/i18n';
import { askCore } from './lib/core';
import { byId } from './lib/dom';
import { guidelineArticle } from './lib/guideline-view';
import { chosenLocale, loadSettings } from './lib/settings-view';
import { triggerPreview } from './lib/trigger-preview';

/** The guideline the example comment touches. */
const EXAMPLE_GUIDELINE = 'negative-about-colleagues';

async function main(): Promise<void> {
  // Only the language is read here; without the core the browser's language is used.
  const settings = await loadSettings();
  await chooseLanguage(chosenLocale(settings));
  localizeDocument();

  const comment = t('onbExampleComment');
  const trigger = t('onbExampleTrigger');
  const at = comment.indexOf(trigger);
  byId('example-comment').replaceChildren(...triggerPreview(comment, at >= 0 ? [{ start: at, end: at + trigger.length }] : []));
  const translation = t('onbExampleTranslation');
  byId('example-translation').hidden = !translation;
  byId('example-translation').textContent = translation;

  const list = await askCore<GuidelineList>({ op: 'guidelines', lang: currentLang() }, 'guidelineList');
  const g = list?.guidelines.find((x) => x.id === EXAMPLE_GUIDELINE);
  if (g) {
    const card = byId('example-card');
    card.hidden = false;
    card.replaceChildren(guidelineArticle(g, 'h3'));
  } else {
    byId('core-unavailable').hidden = false;
  }

  byId('close').addEventListener('click', () => {
    void chrome.tabs.getCurrent().then((tab) => (tab?.id !== undefined ? chrome.tabs.remove(tab.id) : window.close()));
  });
  byId('settings').addEventListener('click', (e) => {
    e.preventDefault();
    void chrome.runtime.openOptionsPage();
  });
  document.body.dataset.ready = 'true';
}

void main();
