/**
 * Serves a locale's messages.json to content scripts that were asked to speak another language
 * than the browser's (`{type: "tenk/messages", lang}` → the parsed file, or `null`). Content
 * scripts cannot read extension files themselves without making them web-accessible.
 */

/** Answers one `tenk/messages` request. */
export async function localeMessages(lang: unknown): Promise<Record<string, { message: string }> | null> {
  if (lang !== 'nb' && lang !== 'nn' && lang !== 'en') return null;
  try {
    const res = await fetch(chrome.runtime.getURL(`_locales/${lang}/messages.json`));
    return (await res.json()) as Record<string, { message: string }>;
  } catch {
    return null;
  }
}
