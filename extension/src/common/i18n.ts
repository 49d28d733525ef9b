/**
 * Every UI string comes from `_locales/<lang>/messages.json` through this module.
 *
 * `chrome.i18n` follows the browser's language, but Chromium has no nynorsk UI and people may
 * want another language than their browser's, so a chosen language (`locale` in the settings)
 * loads that locale's messages.json once and takes precedence. Without a choice, or while it
 * loads, `chrome.i18n` answers.
 */
import type nbMessages from '../../_locales/nb/messages.json';

/** A key that exists in the default (bokmål) locale; the locale test keeps nn and en complete. */
export type MessageKey = keyof typeof nbMessages;

/** The three languages the extension speaks. */
export type UiLang = 'nb' | 'nn' | 'en';

/** One entry of a messages.json file. */
export interface MessageEntry {
  message: string;
  /** Named placeholders (`$NAME$` in the message), each `{content: "$1"}`. */
  placeholders?: Record<string, { content: string }>;
}

/** The content of one messages.json file. */
export type MessageDict = Record<string, MessageEntry>;

/**
 * The chosen language, kept on the realm's global so that every bundle of one realm shares it (in
 * Chromium the page UI, `ui.js`, is a bundle of its own loaded into the content script's world on
 * the first focus: it must speak the language the content script chose).
 */
const CHOSEN_KEY = '__tenkDegOmLanguage';
const realm = globalThis as unknown as Record<string, { lang: UiLang; dict: MessageDict } | null | undefined>;

function chosenNow(): { lang: UiLang; dict: MessageDict } | null {
  return realm[CHOSEN_KEY] ?? null;
}

/** Maps a browser language tag (`nb-NO`, `nn`, `no`, `en-GB`, `de`) to a UI language. */
export function langFromTag(tag: string | undefined | null): UiLang {
  const primary = (tag ?? '').toLowerCase().split(/[-_]/)[0];
  if (primary === 'nn') return 'nn';
  if (primary === 'en') return 'en';
  return 'nb';
}

/** The language `chrome.i18n` answers in (the browser's, or bokmål when it has no match). */
export function browserLang(): UiLang {
  try {
    return langFromTag(chrome.i18n.getMessage('@@ui_locale'));
  } catch {
    return 'nb';
  }
}

/** The language the UI currently speaks. */
export function currentLang(): UiLang {
  return chosenNow()?.lang ?? browserLang();
}

/** Resolves named placeholders and replaces `$1`…`$9` the way `chrome.i18n.getMessage` does. */
export function substitute(entry: MessageEntry, subs: readonly string[]): string {
  const named = new Map(Object.entries(entry.placeholders ?? {}).map(([k, v]) => [k.toLowerCase(), v.content]));
  const withNumbers = entry.message.replace(/\$([A-Za-z_][A-Za-z0-9_@]*)\$/g, (all, name: string) => named.get(name.toLowerCase()) ?? all);
  return withNumbers.replace(/\$(\d|\$)/g, (_all, d: string) => (d === '$' ? '$' : (subs[Number(d) - 1] ?? '')));
}

/** The text for `key` in the current language, with `$1`… replaced by `subs`. */
export function t(key: MessageKey, ...subs: string[]): string {
  const entry = chosenNow()?.dict[key];
  if (entry) return substitute(entry, subs);
  try {
    return chrome.i18n.getMessage(key, subs);
  } catch {
    return '';
  }
}

/** Uses `dict` (a parsed messages.json) for `lang` from now on; `null` goes back to the browser's. */
export function useMessages(lang: UiLang | null, dict: MessageDict | null): void {
  realm[CHOSEN_KEY] = lang && dict ? { lang, dict } : null;
}

/**
 * Switches the UI to `lang` (`null` or `"auto"`: the browser's language). In extension pages the
 * file is read directly; elsewhere the service worker is asked (`{type: "tenk/messages", lang}`).
 * Never throws: on failure the browser's language stays.
 */
export async function chooseLanguage(lang: string | null | undefined): Promise<UiLang> {
  if (!lang || lang === 'auto') {
    useMessages(null, null);
    return currentLang();
  }
  const wanted = langFromTag(lang);
  if (wanted === browserLang()) {
    useMessages(null, null);
    return wanted;
  }
  try {
    let dict: MessageDict | null = null;
    if (location.protocol.endsWith('-extension:')) {
      const res = await fetch(chrome.runtime.getURL(`_locales/${wanted}/messages.json`));
      dict = (await res.json()) as MessageDict;
    } else {
      dict = (await chrome.runtime.sendMessage({ type: 'tenk/messages', lang: wanted })) as MessageDict | null;
    }
    if (dict) useMessages(wanted, dict);
  } catch {
    useMessages(null, null);
  }
  return currentLang();
}

/**
 * Fills a static page: `data-i18n="key"` sets the text, `data-i18n-attr="attr:key attr:key"`
 * sets attributes, and `<html lang>` follows the language.
 */
export function localizeDocument(root: ParentNode = document): void {
  for (const el of root.querySelectorAll<HTMLElement>('[data-i18n]')) {
    el.textContent = t(el.dataset.i18n as MessageKey);
  }
  for (const el of root.querySelectorAll<HTMLElement>('[data-i18n-attr]')) {
    for (const pair of (el.dataset.i18nAttr ?? '').split(/\s+/).filter(Boolean)) {
      const [attr, key] = pair.split(':');
      if (attr && key) el.setAttribute(attr, t(key as MessageKey));
    }
  }
  if (root === document) document.documentElement.lang = currentLang();
}
