// @ts-check
// Ready-to-edit browser policy files for one build: force-install the extension, keep it
// installed and pinned, and hand it its managed settings. One function per format; all take
// the same plain inputs, so the files in dist/policies always agree with each other.

/**
 * @typedef {object} PolicyInputs
 * @property {string} chromeId      the Chrome/Edge extension id of the signed CRX
 * @property {string} updateUrl     where browsers fetch updates.xml (self-hosted)
 * @property {string} geckoId       the Firefox add-on id
 * @property {string} xpiUrl        where Firefox fetches the (signed) .xpi
 * @property {Record<string, unknown>} settings  the managed settings (see docs/deploy/settings.md)
 */

/**
 * Chrome (and Chromium) on Linux: one JSON file in /etc/opt/chrome/policies/managed/ (Chromium:
 * /etc/chromium/policies/managed/). Force-installs from our update server, blocks removal,
 * pins the icon, keeps updates coming from our server (`override_update_url`), and gives the
 * extension its settings.
 * @param {PolicyInputs} p
 */
export function chromeJson(p) {
  return {
    ExtensionInstallForcelist: [`${p.chromeId};${p.updateUrl}`],
    ExtensionSettings: {
      [p.chromeId]: { installation_mode: 'force_installed', update_url: p.updateUrl, override_update_url: true, toolbar_pin: 'force_pinned' },
    },
    '3rdparty': { extensions: { [p.chromeId]: p.settings } },
  };
}

/**
 * Microsoft Edge on Linux (/etc/opt/edge/policies/managed/): the same policies; Edge calls
 * pinning `toolbar_state: force_shown`.
 * @param {PolicyInputs} p
 */
export function edgeJson(p) {
  return {
    ExtensionInstallForcelist: [`${p.chromeId};${p.updateUrl}`],
    ExtensionSettings: {
      [p.chromeId]: { installation_mode: 'force_installed', update_url: p.updateUrl, override_update_url: true, toolbar_state: 'force_shown' },
    },
    '3rdparty': { extensions: { [p.chromeId]: p.settings } },
  };
}

/**
 * Firefox: distribution/policies.json (or the same keys by GPO/Intune). Force-installs the .xpi,
 * puts its button in the toolbar, and gives it its settings through `3rdparty.Extensions`.
 * @param {PolicyInputs} p
 */
export function firefoxPolicies(p) {
  return {
    policies: {
      ExtensionSettings: {
        [p.geckoId]: { installation_mode: 'force_installed', install_url: p.xpiUrl, default_area: 'navbar' },
      },
      '3rdparty': { Extensions: { [p.geckoId]: p.settings } },
    },
  };
}

/**
 * The Google Admin console's "Policy for extensions" field wants each setting wrapped as
 * `{ "name": { "Value": value } }`.
 * @param {Record<string, unknown>} settings
 */
export function adminConsolePolicy(settings) {
  return Object.fromEntries(Object.entries(settings).map(([k, v]) => [k, { Value: v }]));
}

/**
 * A Windows .reg file (regedit / `reg import`) for Chrome or Edge under HKLM\Software\Policies:
 * the force-install list, ExtensionSettings (one line of JSON, as Group Policy stores it) and the
 * settings under 3rdparty\extensions\<id>\policy (objects as subkeys, lists as subkeys with
 * values "1", "2", …, booleans as DWORD).
 * @param {PolicyInputs} p
 * @param {'chrome' | 'edge'} browser
 * @returns {string} the file text; write it as UTF-16LE with a BOM, as regedit does
 */
export function windowsReg(p, browser) {
  const base = browser === 'chrome' ? 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Google\\Chrome' : 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Edge';
  const settings = browser === 'chrome' ? chromeJson(p).ExtensionSettings : edgeJson(p).ExtensionSettings;
  /** @type {string[]} */
  const out = ['Windows Registry Editor Version 5.00', ''];
  out.push(`; Tenk deg om: force-install and settings for ${browser === 'chrome' ? 'Google Chrome' : 'Microsoft Edge'}.`);
  out.push('; Edit the values below, then: reg import <this file>  (as administrator). See docs/deploy/windows.md.');
  out.push('; Caution: if ExtensionInstallForcelist already has a value "1", give ours the next free number.');
  out.push('; ExtensionSettings replaces any ExtensionSettings you have: merge the JSON by hand if so.');
  out.push('');
  out.push(`[${base}\\ExtensionInstallForcelist]`, `"1"=${regString(`${p.chromeId};${p.updateUrl}`)}`, '');
  out.push(`[${base}]`, `"ExtensionSettings"=${regString(JSON.stringify(settings))}`, '');
  const policyKey = `${base}\\3rdparty\\extensions\\${p.chromeId}\\policy`;
  out.push(`[-${policyKey}]`, '');
  regTree(policyKey, p.settings, out);
  return out.join('\r\n') + '\r\n';
}

/**
 * @param {string} key
 * @param {Record<string, unknown> | unknown[]} value
 * @param {string[]} out
 */
function regTree(key, value, out) {
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i + 1), v]) : Object.entries(value);
  /** @type {Array<[string, object]>} */
  const children = [];
  out.push(`[${key}]`);
  for (const [name, v] of entries) {
    if (v !== null && typeof v === 'object') children.push([String(name), v]);
    else out.push(`${regName(String(name))}=${regValue(v)}`);
  }
  out.push('');
  for (const [name, v] of children) regTree(`${key}\\${name}`, /** @type {Record<string, unknown>} */ (v), out);
}

/** @param {string} name */
function regName(name) {
  return `"${name.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** @param {unknown} v */
function regValue(v) {
  if (typeof v === 'boolean') return `dword:${v ? '00000001' : '00000000'}`;
  if (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 0xffffffff) return `dword:${v.toString(16).padStart(8, '0')}`;
  return regString(String(v));
}

/**
 * A REG_SZ value: quoted when it fits on one line, else as hex(1) (UTF-16LE bytes), the only
 * way a .reg file can carry a line break.
 * @param {string} s
 */
function regString(s) {
  if (!/[\r\n]/.test(s)) return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  const bytes = [...Buffer.from(s + '\0', 'utf16le')].map((b) => b.toString(16).padStart(2, '0'));
  return `hex(1):${bytes.join(',')}`;
}

/**
 * A macOS configuration profile (.mobileconfig) for Chrome and Edge: force-install, pin, and the
 * settings in the per-extension preference domains com.google.Chrome.extensions.<id> and
 * com.microsoft.Edge.extensions.<id> (macOS has no 3rdparty key). Upload it to your MDM
 * (Jamf, Intune, Kandji …); the UUIDs are derived from the id so a rebuild updates, not duplicates.
 * @param {PolicyInputs} p
 * @param {(s: string) => string} uuidFor  a stable UUID for a name
 */
export function macosProfile(p, uuidFor) {
  /** @param {string} type @param {string} name @param {Record<string, unknown>} body */
  const payload = (type, name, body) => ({
    PayloadType: type,
    PayloadVersion: 1,
    PayloadIdentifier: `no.oslo.kommune.velferdsetaten.tenk-deg-om.${name}`,
    PayloadUUID: uuidFor(name),
    PayloadDisplayName: `Tenk deg om: ${name}`,
    PayloadEnabled: true,
    ...body,
  });
  const chrome = chromeJson(p);
  const edge = edgeJson(p);
  const profile = {
    PayloadType: 'Configuration',
    PayloadVersion: 1,
    PayloadIdentifier: 'no.oslo.kommune.velferdsetaten.tenk-deg-om',
    PayloadUUID: uuidFor('profile'),
    PayloadDisplayName: 'Tenk deg om (Chrome og Edge)',
    PayloadDescription: 'Installerer og konfigurerer utvidelsen Tenk deg om.',
    PayloadOrganization: 'Velferdsetaten, Oslo kommune',
    PayloadScope: 'System',
    PayloadContent: [
      payload('com.google.Chrome', 'chrome', { ExtensionInstallForcelist: chrome.ExtensionInstallForcelist, ExtensionSettings: chrome.ExtensionSettings }),
      payload(`com.google.Chrome.extensions.${p.chromeId}`, 'chrome-settings', p.settings),
      payload('com.microsoft.Edge', 'edge', { ExtensionInstallForcelist: edge.ExtensionInstallForcelist, ExtensionSettings: edge.ExtensionSettings }),
      payload(`com.microsoft.Edge.extensions.${p.chromeId}`, 'edge-settings', p.settings),
    ],
  };
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">',
    '<plist version="1.0">',
    plist(profile, ''),
    '</plist>',
    '',
  ].join('\n');
}

/**
 * @param {unknown} v
 * @param {string} indent
 * @returns {string}
 */
function plist(v, indent) {
  const inner = indent + '  ';
  if (Array.isArray(v)) return v.length ? `${indent}<array>\n${v.map((x) => plist(x, inner)).join('\n')}\n${indent}</array>` : `${indent}<array/>`;
  if (v !== null && typeof v === 'object') {
    const rows = Object.entries(v).map(([k, x]) => `${inner}<key>${xml(k)}</key>\n${plist(x, inner)}`);
    return rows.length ? `${indent}<dict>\n${rows.join('\n')}\n${indent}</dict>` : `${indent}<dict/>`;
  }
  if (typeof v === 'boolean') return `${indent}<${v}/>`;
  if (typeof v === 'number' && Number.isInteger(v)) return `${indent}<integer>${v}</integer>`;
  return `${indent}<string>${xml(String(v))}</string>`;
}

/** @param {string} s */
export function xml(s) {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/**
 * The gupdate update manifest Chrome and Edge poll (protocol 2.0): one app, one version, one
 * codebase URL of the CRX.
 * @param {{ id: string, version: string, crxUrl: string }} p
 */
export function updatesXml(p) {
  return [
    "<?xml version='1.0' encoding='UTF-8'?>",
    "<gupdate xmlns='http://www.google.com/update2/response' protocol='2.0'>",
    `  <app appid='${xml(p.id)}'>`,
    `    <updatecheck codebase='${xml(p.crxUrl)}' version='${xml(p.version)}' />`,
    '  </app>',
    '</gupdate>',
    '',
  ].join('\n');
}
