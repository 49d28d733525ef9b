// @ts-check
// Writes a Chromium managed-policy file for one test and removes it afterwards, always.
//
// /etc/chromium/policies/managed/ is machine-wide: every Chromium on the machine reads every
// file in it, and two files that set the same top-level policy (say `3rdparty`) conflict, so
// only one of them applies. Test runs that write policy therefore take a machine-wide lock
// first (a file holding the owner's pid; a lock whose owner is gone is taken over), and the
// policy file is removed on release, on exit, and on SIGINT/SIGTERM.
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export const POLICY_DIR = '/etc/chromium/policies/managed';
const LOCK = '/tmp/tenk-chromium-policy.lock';

/** Whether this process may write machine policy (CI runs as root). */
export const canWritePolicy = typeof process.getuid === 'function' && process.getuid() === 0;

/** @param {number} ms */
const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));

/** @param {number} pid */
function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return /** @type {NodeJS.ErrnoException} */ (e).code === 'EPERM';
  }
}

/** @param {number} timeoutMs */
async function lock(timeoutMs) {
  for (const deadline = Date.now() + timeoutMs; ; await sleep(250)) {
    try {
      const fd = openSync(LOCK, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return;
    } catch (e) {
      if (/** @type {NodeJS.ErrnoException} */ (e).code !== 'EEXIST') throw e;
    }
    /** @type {number} */
    let owner;
    try {
      owner = Number(readFileSync(LOCK, 'utf8'));
    } catch {
      continue;
    }
    if (Number.isInteger(owner) && owner > 0 && !alive(owner)) rmSync(LOCK, { force: true });
    else if (Date.now() > deadline) throw new Error(`${LOCK} is held by pid ${owner}: another test run is using Chromium policy`);
  }
}

/**
 * Replaces the content of `<POLICY_DIR>/<name>.json`, which this process wrote with
 * `writeChromiumPolicy` and still holds the lock for (a test that changes policy while Chromium
 * runs, then asks it to reload).
 * @param {string} name file name without `.json`
 * @param {Record<string, unknown>} policy
 */
export function updateChromiumPolicy(name, policy) {
  let owner = 0;
  try {
    owner = Number(readFileSync(LOCK, 'utf8'));
  } catch {
    // no lock: refused below
  }
  if (owner !== process.pid) throw new Error(`${LOCK} is not held by this process: call writeChromiumPolicy first`);
  writeFileSync(join(POLICY_DIR, `${name}.json`), JSON.stringify(policy, null, 2));
}

/**
 * Takes the machine-wide policy lock, writes `<POLICY_DIR>/<name>.json`, and returns the
 * function that removes it and releases the lock (safe to call twice).
 * @param {string} name file name without `.json`
 * @param {Record<string, unknown>} policy
 * @param {{ timeoutMs?: number }} [options]
 * @returns {Promise<() => void>}
 */
export async function writeChromiumPolicy(name, policy, options = {}) {
  await lock(options.timeoutMs ?? 300_000);
  const file = join(POLICY_DIR, `${name}.json`);
  let removed = false;
  const remove = () => {
    if (removed) return;
    removed = true;
    rmSync(file, { force: true });
    try {
      if (Number(readFileSync(LOCK, 'utf8')) === process.pid) rmSync(LOCK, { force: true });
    } catch {
      // the lock is already gone
    }
    process.off('exit', remove);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
  const onSignal = () => {
    remove();
    process.exit(130);
  };
  process.on('exit', remove);
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    mkdirSync(POLICY_DIR, { recursive: true });
    writeFileSync(file, JSON.stringify(policy, null, 2));
  } catch (e) {
    remove();
    throw e;
  }
  return remove;
}

/**
 * JSON with sorted keys, to compare what Chromium hands over with what was written.
 * @param {unknown} v
 * @returns {string}
 */
export function canonical(v) {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(/** @type {Record<string, unknown>} */ (v)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

/**
 * Writes `policy` as extension `id`'s managed policy into `<POLICY_DIR>/<file>.json` (held with
 * `writeChromiumPolicy`), asks Chromium to read its policy files again («Reload policies» in
 * chrome://policy), and waits until the extension's `storage.managed` holds `expect` (what
 * Chromium passes on after its own schema check; `policy` by default). Fails after 20 s.
 * @param {{ context: import('playwright-core').BrowserContext, worker: () => Promise<import('playwright-core').Worker> }} browser
 * @param {{ file: string, id: string, policy: Record<string, unknown>, expect?: Record<string, unknown> }} what
 */
export async function applyExtensionPolicy(browser, { file, id, policy, expect = policy }) {
  updateChromiumPolicy(file, { '3rdparty': { extensions: { [id]: policy } } });
  /** @type {unknown} */
  let seen = {};
  for (const deadline = Date.now() + 20_000; Date.now() < deadline; await sleep(500)) {
    const page = await browser.context.newPage();
    try {
      await page.goto('chrome://policy');
      await page.locator('#reload-policies').click({ timeout: 5000 });
      await sleep(300);
    } finally {
      await page.close();
    }
    for (let attempt = 0; attempt < 4; attempt++) {
      try {
        seen = await (await browser.worker()).evaluate(() => chrome.storage.managed.get(null));
        break;
      } catch {
        // the worker slept or restarted: take the live one
      }
    }
    if (canonical(seen) === canonical(expect)) return;
  }
  throw new Error(`chrome.storage.managed never showed ${canonical(expect)}; last seen ${canonical(seen)}`);
}
