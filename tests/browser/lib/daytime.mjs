// @ts-check
// The browsers under test run in a time zone where it is midday now. Comments typed late at night
// touch `think-twice` (the core reads the local hour from the content script), so without this a
// test that checks exactly which guidelines a text touches would pass by day and fail by night.
// The night rule itself is tested in the core, with the hour given (crates/tenk-core).

/**
 * A fixed-offset time zone (`Etc/GMT±N`, whose sign is inverted: `Etc/GMT-2` is UTC+2) in which
 * the local hour is 12 at `now`, ±1 across the half hour a test run lasts.
 * @param {Date} [now]
 * @returns {string}
 */
export function middayTimeZone(now = new Date()) {
  const offset = 12 - now.getUTCHours(); // 12 … -11, all of them real Etc/GMT zones
  if (offset === 0) return 'Etc/GMT';
  return `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
}

/** `TZ` for a browser process the tests start, chosen once per test file. */
export const DAYTIME_TZ = middayTimeZone();
