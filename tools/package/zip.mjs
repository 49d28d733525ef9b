// @ts-check
// A minimal, reproducible ZIP writer: the one archive format Chrome (CRX3 payload, Web Store
// upload) and Firefox (.xpi) both read. Deflate from node:zlib, CRC-32 from node:zlib, no ZIP64
// (an extension is a few megabytes), fixed timestamps and sorted names, so the same input
// always gives the same bytes — and therefore the same CRX signature input.
import { crc32, deflateRawSync } from 'node:zlib';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** @typedef {{ name: string, data: Buffer }} ZipEntry  A file: its `/`-separated path and bytes. */

/** 1980-01-01 00:00:00, the earliest DOS date: no build time leaks into the archive. */
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
/** General-purpose flag bit 11: file names are UTF-8. */
const UTF8_NAMES = 0x0800;
/** Version made by: 3 = UNIX (so the external attributes below are read as a mode), spec 2.0. */
const MADE_BY_UNIX = (3 << 8) | 20;
const NEEDED = 20;
/** -rw-r--r-- regular file, in the high half of the external attributes. */
const FILE_MODE = (0o100644 << 16) >>> 0;

/**
 * Reads every file under `dir` into ZIP entries, sorted by path.
 * @param {string} dir
 * @returns {ZipEntry[]}
 */
export function readTree(dir) {
  /** @type {ZipEntry[]} */
  const entries = [];
  /** @param {string} d */
  const walk = (d) => {
    for (const dirent of readdirSync(d, { withFileTypes: true })) {
      const full = join(d, dirent.name);
      if (dirent.isDirectory()) walk(full);
      else if (dirent.isFile()) entries.push({ name: relative(dir, full).split(sep).join('/'), data: readFileSync(full) });
    }
  };
  walk(dir);
  return entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * Writes entries (in the order given) into one ZIP archive. Each file is deflated unless
 * deflating does not make it smaller (then it is stored).
 * @param {ZipEntry[]} entries
 * @returns {Buffer}
 */
export function createZip(entries) {
  /** @type {Buffer[]} */
  const locals = [];
  /** @type {Buffer[]} */
  const centrals = [];
  let offset = 0;
  const seen = new Set();
  for (const { name, data } of entries) {
    if (seen.has(name)) throw new Error(`zip: duplicate entry ${name}`);
    seen.add(name);
    if (name.startsWith('/') || name.split('/').includes('..')) throw new Error(`zip: unsafe entry name ${name}`);
    const nameBytes = Buffer.from(name, 'utf8');
    const deflated = deflateRawSync(data, { level: 9 });
    const method = deflated.length < data.length ? 8 : 0;
    const body = method === 8 ? deflated : data;
    const crc = crc32(data) >>> 0;

    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(NEEDED, 4);
    local.writeUInt16LE(UTF8_NAMES, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    local.writeUInt16LE(0, 28);
    locals.push(local, nameBytes, body);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(MADE_BY_UNIX, 4);
    central.writeUInt16LE(NEEDED, 6);
    central.writeUInt16LE(UTF8_NAMES, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt16LE(DOS_TIME, 12);
    central.writeUInt16LE(DOS_DATE, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    // extra length, comment length, disk number, internal attributes: all 0
    central.writeUInt32LE(FILE_MODE, 38);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, nameBytes);

    offset += local.length + nameBytes.length + body.length;
    if (offset > 0xffffffff) throw new Error('zip: archive too large (no ZIP64 support)');
  }
  const centralDir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralDir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, centralDir, end]);
}
