/**
 * The options page: every guideline to read in full, «Prøv en tekst» with live findings from the
 * same core the content script uses, the role, per-guideline and per-site switches (locked ones
 * say «Styrt av IT-avdelingen»), «Gi tilgang» for sites IT added that the extension may not
 * read yet, the language, and the privacy statement. When the core cannot merge the settings
 * the page says «Innstillingene kunne ikke lastes» and shows no switches.
 */
import type { Analysis, GuidelineList, GuidelineText } from '../common/core-types';
import { chooseLanguage, currentLang, localizeDocument, t } from '../common/i18n';
import { writeUserSettings, type SettingsObject } from '../common/user-state';
import { askCore } from './lib/core';
import { byId, h } from './lib/dom';
import { guidelineArticle } from './lib/guideline-view';
import { chosenLocale, guidelineEnabled, guidelineLocked, knownSites, loadSettings, roleLocked, siteEnabled, siteLocked, type SettingsView } from './lib/settings-view';
import { triggerPreview } from './lib/trigger-preview';

let view: SettingsView;
let texts = new Map<string, GuidelineText>();

/** Saves a change to the person's own settings and says so quietly. */
async function save(change: (user: SettingsObject) => void): Promise<void> {
  const user: SettingsObject = structuredClone(view.user);
  change(user);
  await writeUserSettings(user);
  const next = await loadSettings();
  if (!next) return settingsUnavailable();
  view = next;
  say(t('settingsSaved'));
}

/** A quiet, polite announcement that fades. */
function say(text: string): void {
  const saved = byId('saved');
  saved.textContent = text;
  saved.classList.add('show');
  setTimeout(() => {
    saved.classList.remove('show');
    saved.textContent = '';
  }, 1800);
}

/** A checkbox with `role="switch"`: full label for assistive tech, a short on/off word on screen. */
function switchControl(id: string, label: string, checked: boolean, locked: boolean, onChange: (on: boolean) => void, visible?: string): HTMLElement {
  const input = h('input', { type: 'checkbox', role: 'switch', id, 'aria-describedby': locked ? 'locked-explain' : null });
  input.checked = checked;
  input.disabled = locked;
  const state = h('span', { 'aria-hidden': 'true', class: 'switch-state' }, t(checked ? 'switchOn' : 'switchOff'));
  input.addEventListener('change', () => {
    state.textContent = t(input.checked ? 'switchOn' : 'switchOff');
    onChange(input.checked);
  });
  return h(
    'div',
    { class: 'controls' },
    h('label', { class: 'switch', for: id }, input, h('span', { class: 'visually-hidden' }, label), visible ? h('span', { 'aria-hidden': 'true', class: 'switch-text' }, visible) : null, state),
    locked ? h('span', { class: 'lock' }, t('lockedByIt')) : null,
  );
}

function renderGuidelines(list: GuidelineText[]): void {
  const container = byId('guideline-list');
  container.replaceChildren(
    ...list.map((g) =>
      guidelineArticle(
        g,
        'h3',
        switchControl(`switch-${g.id}`, t('guidelineSwitch', g.title), guidelineEnabled(view.effective, g.id), guidelineLocked(view, g.id), (on) =>
          void save((u) => {
            u.guidelines = { ...(u.guidelines ?? {}), [g.id]: { ...(u.guidelines?.[g.id] ?? {}), enabled: on } };
          }),
        ),
      ),
    ),
  );
}

function renderRole(): void {
  const locked = roleLocked(view);
  const role = view.effective.role ?? 'employee';
  for (const input of document.querySelectorAll<HTMLInputElement>('input[name="role"]')) {
    input.checked = input.value === role;
    input.disabled = locked;
    input.addEventListener('change', () => {
      if (input.checked) void save((u) => (u.role = input.value as 'employee' | 'leader')).then(runTry);
    });
  }
  byId('role-lock').hidden = !locked;
}

function renderSites(): void {
  byId('site-list').replaceChildren(
    ...knownSites(view.effective).map((host, i) =>
      h(
        'li',
        {},
        switchControl(`site-${i}`, t('siteSwitch', host), siteEnabled(view.effective, host), siteLocked(view, host), (on) =>
          void save((u) => {
            const off = new Set(u.disabledSites ?? []);
            if (on) off.delete(host);
            else off.add(host);
            u.disabledSites = [...off];
          }),
          host,
        ),
      ),
    ),
  );
}

/** Sites IT added that the extension has no access to yet, each with «Gi tilgang». */
async function renderAccess(): Promise<void> {
  const missing = [];
  for (const site of view.addedSites) {
    const granted = await chrome.permissions.contains({ origins: site.matches }).catch(() => false);
    if (!granted) missing.push(site);
  }
  byId('access').hidden = missing.length === 0;
  byId('access-list').replaceChildren(
    ...missing.map((site) => {
      const button = h('button', { type: 'button', class: 'button', 'aria-label': t('grantAccessLabel', site.pattern) }, t('grantAccess'));
      // The browser asks the person (a click is needed); the service worker then registers the
      // content script for the site (chrome.permissions.onAdded).
      button.addEventListener('click', () => {
        void chrome.permissions.request({ origins: site.matches }).then((ok) => {
          if (!ok) return;
          say(t('accessGranted', site.pattern));
          void renderAccess();
        });
      });
      return h('li', { class: 'controls' }, h('span', { class: 'switch-text' }, site.pattern), button);
    }),
  );
}

/** The core could not merge the settings: say so, show no switches. */
function settingsUnavailable(): void {
  byId('settings-unavailable').hidden = false;
  for (const id of ['role', 'sites', 'guidelines']) {
    const section = document.getElementById(id);
    if (section) section.hidden = true;
  }
}

function renderLanguage(): void {
  const chosen = view.user.locale ?? 'auto';
  for (const input of document.querySelectorAll<HTMLInputElement>('input[name="locale"]')) {
    input.checked = input.value === chosen;
    input.addEventListener('change', () => {
      if (input.checked) void save((u) => (u.locale = input.value === 'auto' ? undefined : input.value)).then(() => location.reload());
    });
  }
}

let tryTimer: ReturnType<typeof setTimeout> | undefined;
let tryGeneration = 0;

/** Analyses the try box with the same core and the person's role and language. */
async function runTry(): Promise<void> {
  const text = byId<HTMLTextAreaElement>('try-text').value;
  const generation = ++tryGeneration;
  const count = byId('try-count');
  const results = byId('try-results');
  const preview = byId('try-preview');
  if (!text.trim()) {
    count.textContent = t('tryEmpty');
    results.replaceChildren();
    preview.hidden = true;
    return;
  }
  const context = { role: view.effective.role ?? 'employee', lang: currentLang(), site: 'https://www.facebook.com/' };
  const answer = await askCore<Analysis>({ op: 'analyse', text, context }, 'analysis');
  if (generation !== tryGeneration) return; // a newer keystroke won
  if (!answer) {
    byId('core-unavailable').hidden = false;
    return;
  }
  byId('core-unavailable').hidden = true;
  const findings = answer.findings.filter((f) => guidelineEnabled(view.effective, f.guideline));
  const ids = [...new Set(findings.map((f) => f.guideline))];
  count.textContent = ids.length === 0 ? t('tryNone') : ids.length === 1 ? t('tryCountOne') : t('tryCountMany', String(ids.length));
  const spans = findings.filter((f) => f.end > f.start);
  preview.hidden = spans.length === 0;
  preview.replaceChildren(...triggerPreview(text, spans));
  results.replaceChildren(
    ...ids.map((id) => {
      const g = answer.texts?.[id] ?? texts.get(id) ?? { id, title: id, quote: '', why: '', instead: '', severity: 'info' as const };
      const words = [...new Set(findings.filter((f) => f.guideline === id && f.end > f.start).map((f) => text.slice(f.start, f.end)))];
      const article = guidelineArticle(g, 'h3');
      article.id = `try-${id}`;
      article.querySelector('h3')!.id = `try-${id}-title`;
      article.setAttribute('aria-labelledby', `try-${id}-title`);
      article.dataset.severity = g.severity;
      if (words.length) article.append(h('p', { class: 'triggers' }, h('span', { class: 'label' }, t('triggeredByLabel')), words.map((w) => t('quoted', w)).join(', ')));
      return article;
    }),
  );
}

async function main(): Promise<void> {
  const loaded = await loadSettings();
  await chooseLanguage(chosenLocale(loaded));
  localizeDocument();
  if (!loaded) {
    settingsUnavailable();
    document.body.dataset.ready = 'true';
    return;
  }
  view = loaded;
  document.body.append(h('p', { id: 'locked-explain', hidden: true }, t('lockedExplain')));

  if (view.effective.organisation) {
    const org = byId('organisation');
    org.hidden = false;
    org.textContent = t('optionsOrganisation', view.effective.organisation);
  }
  if (view.problems.length) {
    byId('problems').hidden = false;
    byId('problem-list').replaceChildren(...view.problems.map((p) => h('li', {}, p)));
  }

  renderRole();
  renderSites();
  await renderAccess();
  renderLanguage();

  const list = await askCore<GuidelineList>({ op: 'guidelines', lang: currentLang() }, 'guidelineList');
  if (list) {
    texts = new Map(list.guidelines.map((g) => [g.id, g]));
    renderGuidelines(list.guidelines);
  } else {
    byId('core-unavailable').hidden = false;
  }

  byId('try-text').addEventListener('input', () => {
    clearTimeout(tryTimer);
    tryTimer = setTimeout(() => void runTry(), 120);
  });
  if (location.hash) document.getElementById(location.hash.slice(1))?.scrollIntoView();
  document.body.dataset.ready = 'true';
}

void main();
