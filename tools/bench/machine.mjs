// @ts-check
// The machine a benchmark ran on: cores, CPU model, memory, browser version, date.
import { readFileSync } from 'node:fs';
import { availableParallelism, totalmem } from 'node:os';

/**
 * @param {string} [browserVersion] e.g. from `browser.version()`
 * @returns {{ cores: number, cpu: string, memoryGiB: number, browser: string, date: string, node: string }}
 */
export function machine(browserVersion = '') {
  let cpu = 'unknown CPU';
  try {
    const m = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'));
    if (m) cpu = m[1].trim();
  } catch {
    // not Linux: keep "unknown CPU"
  }
  return {
    cores: availableParallelism(),
    cpu,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    browser: browserVersion ? `Chromium ${browserVersion}` : 'Chromium',
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    node: process.version,
  };
}
