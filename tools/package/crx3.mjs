// @ts-check
// CRX3, the signed package Chrome and Edge install from an update server
// (Chromium: components/crx_file/crx3.proto):
//
//   "Cr24" | le32(3) | le32(header length) | CrxFileHeader | ZIP archive
//
//   message CrxFileHeader {
//     repeated AsymmetricKeyProof sha256_with_rsa = 2;
//     optional bytes signed_header_data = 10000;     // a serialized SignedData
//   }
//   message AsymmetricKeyProof { optional bytes public_key = 1; optional bytes signature = 2; }
//   message SignedData { optional bytes crx_id = 1; }   // sha256(public key)[0..16]
//
// Every proof signs "CRX3 SignedData\x00" + le32(len(signed_header_data)) + signed_header_data
// + archive, with RSASSA-PKCS1-v1_5 over SHA-256. The public key is a DER SubjectPublicKeyInfo;
// the extension id is the same 16 bytes written in hex with the digits 0-f mapped onto a-p.
import { createHash, createPublicKey, sign, verify } from 'node:crypto';

const MAGIC = Buffer.from('Cr24', 'latin1');
const FORMAT_VERSION = 3;
const SIGNATURE_CONTEXT = Buffer.from('CRX3 SignedData\x00', 'latin1');
const HEADER_SHA256_WITH_RSA = 2;
const HEADER_SIGNED_DATA = 10000;
const PROOF_PUBLIC_KEY = 1;
const PROOF_SIGNATURE = 2;
const SIGNED_DATA_CRX_ID = 1;
/** Chromium refuses headers above this size; ours are about 600 bytes. */
const MAX_HEADER = 1 << 18;

/**
 * The DER SubjectPublicKeyInfo of a key (private or public, any format node:crypto reads).
 * @param {import('node:crypto').KeyLike} key
 * @returns {Buffer}
 */
export function publicKeyDer(key) {
  return createPublicKey(key).export({ type: 'spki', format: 'der' });
}

/**
 * The 16-byte CRX id: the first 128 bits of SHA-256 over the DER public key.
 * @param {Buffer} spki
 * @returns {Buffer}
 */
export function crxIdBytes(spki) {
  return createHash('sha256').update(spki).digest().subarray(0, 16);
}

/**
 * The extension id Chrome shows (32 letters a-p) for a DER public key.
 * @param {Buffer} spki
 * @returns {string}
 */
export function extensionId(spki) {
  return [...crxIdBytes(spki)].map((b) => String.fromCharCode(97 + (b >> 4), 97 + (b & 15))).join('');
}

/**
 * The extension id for a manifest `key` (base64 DER public key).
 * @param {string} manifestKey
 * @returns {string}
 */
export function extensionIdFromManifestKey(manifestKey) {
  return extensionId(Buffer.from(manifestKey, 'base64'));
}

/**
 * Signs a ZIP archive into a CRX3 file.
 * @param {Buffer} zip the extension archive (its manifest's `key`, if any, must be this key's public key)
 * @param {import('node:crypto').KeyObject} privateKey an RSA private key
 * @returns {Buffer}
 */
export function createCrx3(zip, privateKey) {
  if (privateKey.asymmetricKeyType !== 'rsa') throw new Error('CRX3: the signing key must be an RSA key');
  const spki = publicKeyDer(privateKey);
  const signedHeaderData = field(SIGNED_DATA_CRX_ID, crxIdBytes(spki));
  const signature = sign('sha256', signedPayload(signedHeaderData, zip), privateKey);
  const proof = Buffer.concat([field(PROOF_PUBLIC_KEY, spki), field(PROOF_SIGNATURE, signature)]);
  const header = Buffer.concat([field(HEADER_SHA256_WITH_RSA, proof), field(HEADER_SIGNED_DATA, signedHeaderData)]);
  return Buffer.concat([MAGIC, le32(FORMAT_VERSION), le32(header.length), header, zip]);
}

/**
 * Reads and checks a CRX3 file the way Chromium's verifier does for a developer-signed package:
 * magic, version, every RSA proof's signature, and that `crx_id` is the id of one proof's key.
 * @param {Buffer} crx
 * @returns {{ id: string, publicKey: Buffer, zip: Buffer }}
 */
export function verifyCrx3(crx) {
  if (!crx.subarray(0, 4).equals(MAGIC)) throw new Error('CRX3: bad magic');
  if (crx.readUInt32LE(4) !== FORMAT_VERSION) throw new Error(`CRX3: version ${crx.readUInt32LE(4)}, expected 3`);
  const headerLength = crx.readUInt32LE(8);
  if (headerLength > MAX_HEADER || 12 + headerLength > crx.length) throw new Error('CRX3: bad header length');
  const header = crx.subarray(12, 12 + headerLength);
  const zip = crx.subarray(12 + headerLength);
  /** @type {Buffer[]} */
  const proofs = [];
  /** @type {Buffer | undefined} */
  let signedHeaderData;
  for (const [num, value] of fields(header)) {
    if (num === HEADER_SHA256_WITH_RSA) proofs.push(value);
    else if (num === HEADER_SIGNED_DATA) signedHeaderData = value;
  }
  if (!signedHeaderData) throw new Error('CRX3: no signed_header_data');
  const crxId = new Map(fields(signedHeaderData)).get(SIGNED_DATA_CRX_ID);
  if (!crxId || crxId.length !== 16) throw new Error('CRX3: no crx_id');
  const payload = signedPayload(signedHeaderData, zip);
  /** @type {Buffer | undefined} */
  let developerKey;
  for (const proof of proofs) {
    const parts = new Map(fields(proof));
    const key = parts.get(PROOF_PUBLIC_KEY);
    const signature = parts.get(PROOF_SIGNATURE);
    if (!key || !signature) throw new Error('CRX3: incomplete proof');
    const publicKey = createPublicKey({ key, format: 'der', type: 'spki' });
    if (!verify('sha256', payload, publicKey, signature)) throw new Error('CRX3: a signature does not verify');
    if (crxIdBytes(key).equals(crxId)) developerKey = key;
  }
  if (!developerKey) throw new Error('CRX3: no proof by the key the crx_id names');
  return { id: extensionId(developerKey), publicKey: developerKey, zip };
}

/**
 * @param {Buffer} signedHeaderData
 * @param {Buffer} zip
 */
function signedPayload(signedHeaderData, zip) {
  return Buffer.concat([SIGNATURE_CONTEXT, le32(signedHeaderData.length), signedHeaderData, zip]);
}

/** @param {number} n */
function le32(n) {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n, 0);
  return b;
}

/** @param {number} n */
function varint(n) {
  /** @type {number[]} */
  const out = [];
  while (n > 0x7f) {
    out.push((n & 0x7f) | 0x80);
    n >>>= 7;
  }
  out.push(n);
  return Buffer.from(out);
}

/**
 * One length-delimited protobuf field (wire type 2).
 * @param {number} num
 * @param {Buffer} bytes
 */
function field(num, bytes) {
  return Buffer.concat([varint((num << 3) | 2), varint(bytes.length), bytes]);
}

/**
 * The length-delimited fields of a protobuf message, in order; any other wire type is an error
 * (none of the CRX3 messages has one).
 * @param {Buffer} msg
 * @returns {Array<[number, Buffer]>}
 */
function fields(msg) {
  /** @type {Array<[number, Buffer]>} */
  const out = [];
  let i = 0;
  const read = () => {
    let value = 0;
    for (let shift = 0; ; shift += 7) {
      if (i >= msg.length || shift > 28) throw new Error('CRX3: bad varint');
      const byte = msg[i++];
      value += (byte & 0x7f) * 2 ** shift;
      if (!(byte & 0x80)) return value;
    }
  };
  while (i < msg.length) {
    const tag = read();
    if ((tag & 7) !== 2) throw new Error(`CRX3: unexpected wire type ${tag & 7}`);
    const len = read();
    if (i + len > msg.length) throw new Error('CRX3: field overruns message');
    out.push([Math.floor(tag / 8), msg.subarray(i, i + len)]);
    i += len;
  }
  return out;
}
