// @ts-check
// `./build.sh package`: turns dist/chrome and dist/firefox into what IT deploys, in dist/:
//   tenk-deg-om-<v>-chrome-web-store.zip  upload to the Chrome Web Store / Edge Add-ons (no `key`)
//   tenk-deg-om-<v>.crx                   signed CRX3 for self-hosting (Chrome, Edge)
//   updates.xml                           the gupdate manifest browsers poll for that CRX
//   tenk-deg-om-<v>-firefox-unsigned.xpi  Firefox package, to be signed by AMO (unlisted)
//   policies/                             ready-to-edit policy files for every platform
//   package-info.json                     ids, version, URLs and which key signed the CRX
//
// Signing: TENK_SIGNING_KEY names the release private key (PEM). Its public key must be the
// `key` in manifest.json, so the CRX has the stable id. Without it, a throwaway development key
// in .keys/dev.pem is used (made on first use); that package has a different, development id.
// TENK_UPDATE_BASE_URL is the https:// folder where updates.xml, the .crx and the .xpi will be
// served (default: a placeholder to edit). Node built-ins only: node:crypto signs, node:zlib
// compresses, tools/package/zip.mjs writes the archives.
import { createHash, createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createZip, readTree } from './package/zip.mjs';
import { createCrx3, extensionId, extensionIdFromManifestKey, publicKeyDer, verifyCrx3 } from './package/crx3.mjs';
import * as policies from './package/policies.mjs';

/** Where IT serves the files, until TENK_UPDATE_BASE_URL says otherwise. */
export const PLACEHOLDER_BASE_URL = 'https://intranett.example.no/tenk-deg-om/';

/**
 * @typedef {object} PackageOptions
 * @property {string} [root]           the repository (default: this file's parent folder)
 * @property {string} [outDir]         where to write (default: <root>/dist)
 * @property {string} [updateBaseUrl]  folder URL the files are served from, ending in `/`
 * @property {string} [signingKey]     path of the release private key (PEM); absent = dev key
 * @property {(line: string) => void} [log]
 */

/**
 * @typedef {object} PackageInfo
 * @property {string} version
 * @property {string} chromeId         id of the CRX just signed (stable id for a release build)
 * @property {string} stableChromeId   id given by manifest.json's `key`
 * @property {'release' | 'development'} signedWith
 * @property {string} geckoId
 * @property {string} updateUrl
 * @property {string} crxUrl
 * @property {string} xpiUrl
 * @property {Record<string, string>} files  role → path relative to outDir
 */

/**
 * Builds every package and policy file from dist/chrome and dist/firefox.
 * @param {PackageOptions} [options]
 * @returns {PackageInfo}
 */
export function packageAll(options = {}) {
  const root = options.root ?? resolve(fileURLToPath(new URL('..', import.meta.url)));
  const outDir = options.outDir ?? join(root, 'dist');
  const log = options.log ?? ((line) => console.log(line));
  const base = withSlash(options.updateBaseUrl ?? PLACEHOLDER_BASE_URL);

  const chromeDir = join(root, 'dist', 'chrome');
  const firefoxDir = join(root, 'dist', 'firefox');
  for (const dir of [chromeDir, firefoxDir]) {
    if (!existsSync(join(dir, 'manifest.json'))) throw new Error(`${relative(root, dir)}/manifest.json is missing: run ./build.sh first`);
  }
  const chromeManifest = JSON.parse(readFileSync(join(chromeDir, 'manifest.json'), 'utf8'));
  const firefoxManifest = JSON.parse(readFileSync(join(firefoxDir, 'manifest.json'), 'utf8'));
  const version = String(chromeManifest.version);
  if (typeof chromeManifest.key !== 'string') throw new Error('dist/chrome/manifest.json has no "key": the stable id comes from it');
  const stableChromeId = extensionIdFromManifestKey(chromeManifest.key);
  const geckoId = firefoxManifest.browser_specific_settings?.gecko?.id;
  if (typeof geckoId !== 'string') throw new Error('dist/firefox/manifest.json has no browser_specific_settings.gecko.id');

  const signing = signingKey(root, options.signingKey, chromeManifest.key, log);
  const signingPublic = publicKeyDer(signing.key);
  const chromeId = extensionId(signingPublic);

  const files = {
    crx: `tenk-deg-om-${version}.crx`,
    updates: 'updates.xml',
    storeZip: `tenk-deg-om-${version}-chrome-web-store.zip`,
    xpi: `tenk-deg-om-${version}-firefox-unsigned.xpi`,
    chromeLinux: 'policies/chrome-linux.json',
    edgeLinux: 'policies/edge-linux.json',
    chromeReg: 'policies/chrome-windows.reg',
    edgeReg: 'policies/edge-windows.reg',
    macos: 'policies/tenk-deg-om.mobileconfig',
    firefox: 'policies/firefox-policies.json',
    adminConsole: 'policies/google-admin-console-settings.json',
    settings: 'policies/managed-settings.example.json',
    info: 'package-info.json',
  };
  const crxUrl = base + files.crx;
  const updateUrl = base + files.updates;
  // Firefox wants a signed .xpi; the signed file AMO returns is published under this name.
  const xpiUrl = base + `tenk-deg-om-${version}.xpi`;

  const chromeFiles = readTree(chromeDir).filter((e) => e.name !== 'manifest.json');
  /** @param {Record<string, unknown>} manifest */
  const chromeZip = (manifest) => createZip([{ name: 'manifest.json', data: json(manifest) }, ...chromeFiles]);
  // The CRX's manifest carries the key that signed it (Chromium takes the id from the CRX's key
  // anyway; a disagreeing manifest key would only mislead whoever unpacks the file) and the
  // update_url: the policy's URL is used for the first install only, later updates follow the
  // manifest.
  const crxManifest = { ...chromeManifest, key: signingPublic.toString('base64'), update_url: updateUrl };
  const crx = createCrx3(chromeZip(crxManifest), signing.key);
  if (verifyCrx3(crx).id !== chromeId) throw new Error('CRX3 self-check failed');
  // The stores assign their own id, key and update server, and reject uploads that carry them.
  const storeManifest = { ...chromeManifest };
  delete storeManifest.key;
  delete storeManifest.update_url;
  const storeZip = chromeZip(storeManifest);
  const xpi = createZip(readTree(firefoxDir));

  const settings = JSON.parse(readFileSync(join(root, 'docs/deploy/managed-settings.example.json'), 'utf8'));
  /** @type {policies.PolicyInputs} */
  const inputs = { chromeId, updateUrl, geckoId, xpiUrl, settings };
  /** @param {string} name */
  const uuidFor = (name) => uuid(`${chromeId}/${name}`);

  rmSync(join(outDir, 'policies'), { recursive: true, force: true });
  mkdirSync(join(outDir, 'policies'), { recursive: true });
  /** @type {Record<string, Buffer | string>} */
  const contents = {
    crx,
    updates: policies.updatesXml({ id: chromeId, version, crxUrl }),
    storeZip,
    xpi,
    chromeLinux: json(policies.chromeJson(inputs)),
    edgeLinux: json(policies.edgeJson(inputs)),
    chromeReg: utf16Bom(policies.windowsReg(inputs, 'chrome')),
    edgeReg: utf16Bom(policies.windowsReg(inputs, 'edge')),
    macos: policies.macosProfile(inputs, uuidFor),
    firefox: json(policies.firefoxPolicies(inputs)),
    adminConsole: json(policies.adminConsolePolicy(settings)),
    settings: json(settings),
  };
  for (const [role, data] of Object.entries(contents)) writeFileSync(join(outDir, files[/** @type {keyof typeof files} */ (role)]), data);
  /** @type {PackageInfo} */
  const info = { version, chromeId, stableChromeId, signedWith: signing.kind, geckoId, updateUrl, crxUrl, xpiUrl, files };
  writeFileSync(join(outDir, files.info), json(info));

  log(`Packaged Tenk deg om ${version} in ${relative(process.cwd(), outDir) || '.'}/`);
  for (const role of ['crx', 'updates', 'storeZip', 'xpi']) log(`  ${files[/** @type {keyof typeof files} */ (role)]}`);
  log('  policies/  (Linux JSON, Windows .reg, macOS .mobileconfig, Firefox policies.json, Admin console, settings)');
  log(`  Chrome/Edge extension id: ${chromeId}${signing.kind === 'release' ? ' (the stable id)' : ` (development id; the stable id is ${stableChromeId})`}`);
  log(`  Firefox add-on id: ${geckoId}`);
  if (base === PLACEHOLDER_BASE_URL) log(`  Update URL is the placeholder ${updateUrl}: set TENK_UPDATE_BASE_URL to where you serve these files.`);
  return info;
}

/**
 * The key that signs the CRX: the release key from TENK_SIGNING_KEY (checked against the
 * manifest), or the development key in .keys/dev.pem (made when missing).
 * @param {string} root
 * @param {string | undefined} releaseKeyPath
 * @param {string} manifestKey
 * @param {(line: string) => void} log
 * @returns {{ key: import('node:crypto').KeyObject, kind: 'release' | 'development' }}
 */
function signingKey(root, releaseKeyPath, manifestKey, log) {
  if (releaseKeyPath) {
    const key = createPrivateKey(readFileSync(releaseKeyPath));
    const given = publicKeyDer(key).toString('base64');
    if (given !== manifestKey) {
      throw new Error(
        `TENK_SIGNING_KEY (${releaseKeyPath}) is not the key in manifest.json: it would sign extension id ` +
          `${extensionIdFromManifestKey(given)}, but the stable id is ${extensionIdFromManifestKey(manifestKey)}. ` +
          'Use the release key, or unset TENK_SIGNING_KEY for a development package.',
      );
    }
    log(`Signing with the release key ${releaseKeyPath}.`);
    return { key, kind: 'release' };
  }
  const devPath = join(root, '.keys', 'dev.pem');
  if (!existsSync(devPath)) {
    mkdirSync(join(root, '.keys'), { recursive: true, mode: 0o700 });
    const { privateKey } = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
      publicKeyEncoding: { type: 'spki', format: 'pem' },
    });
    writeFileSync(devPath, privateKey, { mode: 0o600 });
    log(`No TENK_SIGNING_KEY: generated a throwaway development key in ${relative(process.cwd(), devPath)}.`);
  } else {
    log(`No TENK_SIGNING_KEY: signing with the development key ${relative(process.cwd(), devPath)}.`);
  }
  log('  A development package has its own extension id, not the stable one: for tests, not for staff.');
  return { key: createPrivateKey(readFileSync(devPath)), kind: 'development' };
}

/** @param {unknown} value */
function json(value) {
  return Buffer.from(JSON.stringify(value, null, 2) + '\n', 'utf8');
}

/** @param {string} text */
function utf16Bom(text) {
  return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
}

/** @param {string} url */
function withSlash(url) {
  return url.endsWith('/') ? url : url + '/';
}

/**
 * A stable UUID (version-5 layout) for a name, so regenerated profiles replace the old ones.
 * @param {string} name
 */
function uuid(name) {
  const h = createHash('sha1').update(`tenk-deg-om:${name}`).digest('hex').slice(0, 32).split('');
  h[12] = '5';
  h[16] = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
  const s = h.join('').toUpperCase();
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    packageAll({ updateBaseUrl: process.env.TENK_UPDATE_BASE_URL || undefined, signingKey: process.env.TENK_SIGNING_KEY || undefined });
  } catch (e) {
    console.error(`package: ${e instanceof Error ? e.message : e}`);
    process.exit(1);
  }
}
