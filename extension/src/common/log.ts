/** Console output of the extension, prefixed so a reader (and the tests) can tell it apart. */
const PREFIX = '[Tenk deg om]'; // i18n-ok: console prefix, not UI
const said = new Set<string>();

/** Logs a warning once per realm for each `key`: failures are reported, never repeated. */
export function warnOnce(key: string, ...details: unknown[]): void {
  if (said.has(key)) return;
  said.add(key);
  console.warn(PREFIX, key, ...details);
}
