// @ts-check
// Draws the Tenk deg om icon (a fjord-blue tile with a speech bubble holding a pause sign:
// "pause before you post") at 16, 32, 48 and 128 px into extension/icons/. Pure Node: shapes are
// signed-distance functions sampled 4×4 per pixel, written as PNG with node:zlib.
// Run: node tools/make-icons.mjs
import { writeFileSync, mkdirSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const out = new URL('../extension/icons/', import.meta.url).pathname;
const BG = [0x1f, 0x5f, 0x7a];
const FG = [0xff, 0xff, 0xff];

/** Signed distance to a rounded box centred at (cx, cy) with half-size (hw, hh) and radius r. */
/** @param {number} x @param {number} y @param {number} cx @param {number} cy @param {number} hw @param {number} hh @param {number} r */
function roundedBox(x, y, cx, cy, hw, hh, r) {
  const qx = Math.abs(x - cx) - hw + r;
  const qy = Math.abs(y - cy) - hh + r;
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
}

/** Signed distance to a triangle (a, b, c), negative inside. */
/** @param {number} x @param {number} y @param {number[]} a @param {number[]} b @param {number[]} c */
function triangle(x, y, a, b, c) {
  const pts = [a, b, c];
  let d = Infinity;
  let sign = 1;
  for (let i = 0; i < 3; i++) {
    const [x1, y1] = pts[i];
    const [x2, y2] = pts[(i + 1) % 3];
    const ex = x2 - x1, ey = y2 - y1, wx = x - x1, wy = y - y1;
    const t = Math.max(0, Math.min(1, (wx * ex + wy * ey) / (ex * ex + ey * ey)));
    d = Math.min(d, Math.hypot(wx - ex * t, wy - ey * t));
    if (ex * wy - ey * wx < 0) sign = -1;
  }
  // inside when all edge cross products are ≥ 0 (counter-clockwise in screen coordinates)
  return sign > 0 ? -d : d;
}

/**
 * Colour at a point of the unit square (0..1): background tile, bubble, pause bars. Small sizes
 * get a plainer drawing with thicker strokes so 16 px stays legible.
 */
/** @param {number} x @param {number} y @param {number} size @returns {number[] | null} */
function shade(x, y, size) {
  const small = size <= 16;
  const tile = roundedBox(x, y, 0.5, 0.5, 0.5, 0.5, small ? 0.18 : 0.22);
  if (tile > 0) return null;
  const bubble = Math.min(
    roundedBox(x, y, 0.5, 0.45, small ? 0.38 : 0.33, small ? 0.28 : 0.24, small ? 0.1 : 0.12),
    triangle(x, y, [0.3, 0.6], [0.46, 0.6], [0.28, small ? 0.88 : 0.84]),
  );
  if (bubble > 0) return BG;
  const barW = small ? 0.07 : 0.055;
  const barH = small ? 0.14 : 0.12;
  const bars = Math.min(roundedBox(x, y, 0.42, 0.45, barW, barH, 0.02), roundedBox(x, y, 0.58, 0.45, barW, barH, 0.02));
  return bars <= 0 ? BG : FG;
}

function crcTable() {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
}
const CRC = crcTable();
/** @param {Uint8Array} buf */
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
/** @param {string} type @param {Buffer} data */
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** RGBA PNG of the icon at `size` px. */
/** @param {number} size */
function png(size) {
  const S = 4;
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let py = 0; py < size; py++) {
    raw[py * (size * 4 + 1)] = 0;
    for (let px = 0; px < size; px++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < S; sy++) {
        for (let sx = 0; sx < S; sx++) {
          const c = shade((px + (sx + 0.5) / S) / size, (py + (sy + 0.5) / S) / size, size);
          if (!c) continue;
          r += c[0]; g += c[1]; b += c[2]; a += 1;
        }
      }
      const o = py * (size * 4 + 1) + 1 + px * 4;
      if (a) { raw[o] = Math.round(r / a); raw[o + 1] = Math.round(g / a); raw[o + 2] = Math.round(b / a); }
      raw[o + 3] = Math.round((a / (S * S)) * 255);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; ihdr[9] = 6; ihdr[10] = 0; ihdr[11] = 0; ihdr[12] = 0;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

mkdirSync(out, { recursive: true });
for (const size of [16, 32, 48, 128]) writeFileSync(`${out}icon-${size}.png`, png(size));
console.log(`icons written to ${out}`);
