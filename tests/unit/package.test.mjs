// @ts-check
// The packaging tool's formats, checked without a browser: ZIP archives other tools can read,
// CRX3 files whose signature and id check out (and fail when tampered with), the stable id in
// manifest.json, and policy files that say the same id, URL and settings. The browser test
// tests/browser/enterprise-forceinstall.test.mjs shows Chromium itself accepting the result.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createZip } from '../../tools/package/zip.mjs';
import { createCrx3, extensionId, extensionIdFromManifestKey, publicKeyDer, verifyCrx3 } from '../../tools/package/crx3.mjs';
import * as policies from '../../tools/package/policies.mjs';
import { packageAll } from '../../tools/package.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const STABLE_ID = 'nhnjgdelglelapmakbdhaoicgajphnga';
const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const entries = [
  { name: 'manifest.json', data: Buffer.from('{"manifest_version":3,"name":"x","version":"1"}') },
  { name: '_locales/nb/messages.json', data: Buffer.from('{"a":{"message":"Tenk deg om – æøå"}}') },
  { name: 'tenk.wasm', data: Buffer.from([0, 97, 115, 109, 1, 0, 0, 0]) },
];

/** @param {(dir: string) => void} fn */
function inTemp(fn) {
  const dir = mkdtempSync(join(tmpdir(), 'tenk-pkg-'));
  try {
    fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('manifest.json carries the key of the documented stable id', () => {
  const manifest = JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8'));
  assert.equal(extensionIdFromManifestKey(manifest.key), STABLE_ID);
  assert.match(readFileSync(join(root, 'docs/deploy/README.md'), 'utf8'), new RegExp(STABLE_ID));
});

test('the managed schema declares every key of the example settings, with Chrome-valid types', () => {
  const schema = JSON.parse(readFileSync(join(root, 'extension/managed_schema.json'), 'utf8'));
  const example = JSON.parse(readFileSync(join(root, 'docs/deploy/managed-settings.example.json'), 'utf8'));
  assert.equal(schema.type, 'object');
  assert.equal(schema.additionalProperties, undefined, 'Chrome forbids additionalProperties at the top level');
  for (const key of ['organisation', 'role', 'guidelines', 'customPolicy', 'sites', 'identityPrompt', 'contact', 'locale', 'allowSnooze', 'allowDisable', 'showOnboarding']) {
    assert.ok(schema.properties[key], `schema lacks ${key}`);
  }
  for (const [key, value] of Object.entries(example)) {
    const type = Array.isArray(value) ? 'array' : typeof value === 'object' ? 'object' : typeof value;
    assert.equal(schema.properties[key]?.type, type, `example key ${key}`);
  }
  /** @param {Record<string, unknown>} s @param {string} path */
  const everySchemaHasOneType = (s, path) => {
    assert.equal(typeof s.type, 'string', `${path} needs exactly one type`);
    for (const [k, sub] of Object.entries(/** @type {Record<string, any>} */ (s.properties ?? {}))) everySchemaHasOneType(sub, `${path}.${k}`);
    if (s.items) everySchemaHasOneType(/** @type {any} */ (s.items), `${path}[]`);
    if (s.additionalProperties) everySchemaHasOneType(/** @type {any} */ (s.additionalProperties), `${path}.*`);
  };
  everySchemaHasOneType(schema, 'schema');
});

test('ZIP archives read back byte for byte with unzip and Python', () => {
  inTemp((dir) => {
    const zipPath = join(dir, 'a.zip');
    const zip = createZip(entries);
    writeFileSync(zipPath, zip);
    execFileSync('unzip', ['-tq', zipPath]);
    for (const e of entries) assert.deepEqual(execFileSync('unzip', ['-p', zipPath, e.name]), e.data, e.name);
    const names = execFileSync('python3', ['-c', 'import sys,zipfile; print("\\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))', zipPath], { encoding: 'utf8' });
    assert.deepEqual(names.trim().split('\n'), entries.map((e) => e.name));
    assert.deepEqual(createZip(entries), zip, 'same input, same bytes');
  });
});

test('ZIP refuses duplicate and escaping names', () => {
  assert.throws(() => createZip([entries[0], entries[0]]), /duplicate/);
  assert.throws(() => createZip([{ name: '../x', data: Buffer.alloc(1) }]), /unsafe/);
});

test('a CRX3 verifies, names the signing key’s id, and carries the ZIP unchanged', () => {
  const zip = createZip(entries);
  const crx = createCrx3(zip, privateKey);
  assert.equal(crx.subarray(0, 4).toString('latin1'), 'Cr24');
  assert.equal(crx.readUInt32LE(4), 3);
  const { id, zip: inside } = verifyCrx3(crx);
  assert.equal(id, extensionId(publicKeyDer(privateKey)));
  assert.match(id, /^[a-p]{32}$/);
  assert.deepEqual(inside, zip);
});

test('a tampered CRX3 fails verification', () => {
  const crx = createCrx3(createZip(entries), privateKey);
  const flipped = Buffer.from(crx);
  flipped[flipped.length - 30] ^= 1;
  assert.throws(() => verifyCrx3(flipped), /signature/);
  const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  const foreignHeader = createCrx3(createZip(entries), other);
  const headerLength = foreignHeader.readUInt32LE(8);
  // the other key's header on this archive: a valid-looking file signed over different bytes
  const spliced = Buffer.concat([foreignHeader.subarray(0, 12 + headerLength), createZip(entries.slice(1))]);
  assert.throws(() => verifyCrx3(spliced), /signature/);
});

test('policy files agree on id, update URL and settings', () => {
  const settings = { organisation: 'Velferdsetaten', allowSnooze: false, sites: { add: ['a.no', 'b.no'] }, customPolicy: 'linje 1\nlinje 2' };
  /** @type {policies.PolicyInputs} */
  const p = { chromeId: STABLE_ID, updateUrl: 'https://intra.example/u.xml', geckoId: 'x@y', xpiUrl: 'https://intra.example/x.xpi', settings };
  const chrome = policies.chromeJson(p);
  assert.deepEqual(chrome.ExtensionInstallForcelist, [`${STABLE_ID};https://intra.example/u.xml`]);
  assert.equal(chrome.ExtensionSettings[STABLE_ID].installation_mode, 'force_installed');
  assert.equal(chrome.ExtensionSettings[STABLE_ID].toolbar_pin, 'force_pinned');
  assert.deepEqual(chrome['3rdparty'].extensions[STABLE_ID], settings);
  assert.equal(policies.edgeJson(p).ExtensionSettings[STABLE_ID].toolbar_state, 'force_shown');
  const firefox = policies.firefoxPolicies(p).policies;
  assert.equal(firefox.ExtensionSettings['x@y'].install_url, 'https://intra.example/x.xpi');
  assert.deepEqual(firefox['3rdparty'].Extensions['x@y'], settings);
  assert.deepEqual(policies.adminConsolePolicy({ a: 1 }), { a: { Value: 1 } });

  const reg = policies.windowsReg(p, 'edge').split('\r\n');
  assert.equal(reg[0], 'Windows Registry Editor Version 5.00');
  const key = `[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Edge\\3rdparty\\extensions\\${STABLE_ID}\\policy]`;
  assert.ok(reg.includes(key));
  assert.ok(reg.includes(`${key.slice(0, -1)}\\sites\\add]`));
  assert.ok(reg.includes('"2"="b.no"'));
  assert.ok(reg.includes('"allowSnooze"=dword:00000000'));
  assert.ok(reg.some((l) => l.startsWith('"customPolicy"=hex(1):6c,00,69,00')), 'multi-line text as REG_SZ hex');
  assert.ok(reg.includes(`"1"="${STABLE_ID};https://intra.example/u.xml"`));

  const xml = policies.updatesXml({ id: STABLE_ID, version: '1.2.3', crxUrl: 'https://intra.example/a.crx?x=1&y=2' });
  assert.match(xml, new RegExp(`<app appid='${STABLE_ID}'>`));
  assert.match(xml, /codebase='https:\/\/intra\.example\/a\.crx\?x=1&amp;y=2' version='1\.2\.3'/);
});

test('the macOS profile is a valid property list with per-extension settings domains', () => {
  /** @type {policies.PolicyInputs} */
  const p = { chromeId: STABLE_ID, updateUrl: 'https://i/u.xml', geckoId: 'x@y', xpiUrl: 'https://i/x.xpi', settings: { organisation: 'A & B', allowSnooze: true } };
  const text = policies.macosProfile(p, (name) => `UUID-${name}`);
  inTemp((dir) => {
    writeFileSync(join(dir, 'p.mobileconfig'), text);
    const parsed = JSON.parse(
      execFileSync('python3', ['-c', 'import sys,json,plistlib; print(json.dumps(plistlib.load(open(sys.argv[1],"rb"))))', join(dir, 'p.mobileconfig')], { encoding: 'utf8' }),
    );
    const types = parsed.PayloadContent.map((/** @type {{PayloadType: string}} */ c) => c.PayloadType);
    assert.deepEqual(types, ['com.google.Chrome', `com.google.Chrome.extensions.${STABLE_ID}`, 'com.microsoft.Edge', `com.microsoft.Edge.extensions.${STABLE_ID}`]);
    assert.equal(parsed.PayloadContent[1].organisation, 'A & B');
    assert.equal(parsed.PayloadContent[1].allowSnooze, true);
    assert.deepEqual(parsed.PayloadContent[0].ExtensionInstallForcelist, [`${STABLE_ID};https://i/u.xml`]);
  });
});

test('packageAll: release key gives the stable id, a foreign key is refused, no key means a development id', () => {
  inTemp((dir) => {
    const release = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const releaseKey = publicKeyDer(release).toString('base64');
    const manifest = { manifest_version: 3, name: 'x', version: '1.2.3', key: releaseKey };
    for (const browser of ['chrome', 'firefox']) {
      mkdirSync(join(dir, 'dist', browser), { recursive: true });
      const m = browser === 'chrome' ? manifest : { ...manifest, key: undefined, browser_specific_settings: { gecko: { id: 'x@y' } } };
      writeFileSync(join(dir, 'dist', browser, 'manifest.json'), JSON.stringify(m));
      writeFileSync(join(dir, 'dist', browser, 'content.js'), 'void 0;');
    }
    mkdirSync(join(dir, 'docs/deploy'), { recursive: true });
    writeFileSync(join(dir, 'docs/deploy/managed-settings.example.json'), '{"organisation":"X"}');
    const releasePem = join(dir, 'release.pem');
    writeFileSync(releasePem, release.export({ type: 'pkcs8', format: 'pem' }));
    const base = 'https://intra.example/tenk/';
    const quiet = { root: dir, outDir: join(dir, 'out'), updateBaseUrl: base, log: () => {} };

    const rel = packageAll({ ...quiet, signingKey: releasePem });
    assert.equal(rel.signedWith, 'release');
    assert.equal(rel.chromeId, extensionIdFromManifestKey(releaseKey));
    assert.equal(rel.chromeId, rel.stableChromeId);
    const crx = verifyCrx3(readFileSync(join(dir, 'out', rel.files.crx)));
    assert.equal(crx.id, rel.chromeId);
    const crxManifestPath = join(dir, 'crx.zip');
    writeFileSync(crxManifestPath, crx.zip);
    const inCrx = JSON.parse(execFileSync('unzip', ['-p', crxManifestPath, 'manifest.json'], { encoding: 'utf8' }));
    assert.equal(inCrx.key, releaseKey);
    assert.equal(inCrx.update_url, `${base}updates.xml`);
    const inStore = JSON.parse(execFileSync('unzip', ['-p', join(dir, 'out', rel.files.storeZip), 'manifest.json'], { encoding: 'utf8' }));
    assert.equal(inStore.key, undefined, 'the store zip has no key');
    assert.equal(inStore.update_url, undefined, 'the store zip has no update_url');
    assert.match(readFileSync(join(dir, 'out/updates.xml'), 'utf8'), new RegExp(`appid='${rel.chromeId}'[\\s\\S]*codebase='${base}tenk-deg-om-1\\.2\\.3\\.crx' version='1\\.2\\.3'`));
    const linux = JSON.parse(readFileSync(join(dir, 'out', rel.files.chromeLinux), 'utf8'));
    assert.deepEqual(linux.ExtensionInstallForcelist, [`${rel.chromeId};${base}updates.xml`]);
    assert.deepEqual(linux['3rdparty'].extensions[rel.chromeId], { organisation: 'X' });

    const foreign = join(dir, 'foreign.pem');
    writeFileSync(foreign, generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }));
    assert.throws(() => packageAll({ ...quiet, signingKey: foreign }), /is not the key in manifest\.json/);

    const dev = packageAll(quiet);
    assert.equal(dev.signedWith, 'development');
    assert.notEqual(dev.chromeId, dev.stableChromeId);
    assert.ok(readFileSync(join(dir, '.keys/dev.pem'), 'utf8').includes('PRIVATE KEY'));
    assert.equal(verifyCrx3(readFileSync(join(dir, 'out', dev.files.crx))).id, dev.chromeId);
    assert.equal(packageAll(quiet).chromeId, dev.chromeId, 'the development key is kept and reused');
  });
});

test('the example settings pass `tenk policy check` (what the deploy docs tell IT to run)', { skip: existsSync(join(root, 'target/release/tenk')) ? false : 'target/release/tenk not built (./build.sh builds it)' }, () => {
  const out = execFileSync(join(root, 'target/release/tenk'), ['policy', 'check', join(root, 'docs/deploy/managed-settings.example.json')], { encoding: 'utf8' });
  assert.match(out, /organisation/);
});
