// The OpenPGP pieces snap assertions use (RFC 4880, as snapd's asserts package writes them): an
// account-key body is a format byte 0x01 and a v4 RSA public-key packet; a signature is 0x01 and a
// v4 signature packet over the assertion's content. Only what verification needs is parsed, and
// Node's crypto does the RSA; anything else is an Error saying what was not understood.
import { createHash, createPublicKey, verify, type KeyObject } from 'node:crypto';

const FORMAT_V1 = 0x01;
const hashNames: Record<number, string> = { 8: 'sha256', 9: 'sha384', 10: 'sha512' };

interface Packet {
  tag: number;
  body: Buffer;
}

function packet(buf: Buffer, what: string): Packet {
  if (buf.length < 2 || buf[0] !== FORMAT_V1) throw new Error(`${what}: not snapd's format 1 encoding`);
  const b0 = buf[1]!;
  if ((b0 & 0x80) === 0) throw new Error(`${what}: not an OpenPGP packet`);
  let at = 2;
  let tag: number;
  let len: number;
  if (b0 & 0x40) {
    tag = b0 & 0x3f;
    const l0 = buf[at++]!;
    if (l0 < 192) len = l0;
    else if (l0 < 224) len = ((l0 - 192) << 8) + buf[at++]! + 192;
    else if (l0 === 255) {
      len = buf.readUInt32BE(at);
      at += 4;
    } else throw new Error(`${what}: partial packet lengths are not used by snapd`);
  } else {
    tag = (b0 >> 2) & 0x0f;
    const lt = b0 & 0x03;
    if (lt === 3) throw new Error(`${what}: indeterminate packet length`);
    const n = [1, 2, 4][lt]!;
    len = buf.readUIntBE(at, n);
    at += n;
  }
  if (at + len !== buf.length) throw new Error(`${what}: packet length ${len} does not match the ${buf.length - at} bytes present`);
  return { tag, body: buf.subarray(at) };
}

function mpi(buf: Buffer, at: number, what: string): { value: Buffer; next: number } {
  if (at + 2 > buf.length) throw new Error(`${what}: truncated`);
  const bits = buf.readUInt16BE(at);
  const bytes = Math.ceil(bits / 8);
  if (at + 2 + bytes > buf.length) throw new Error(`${what}: truncated`);
  return { value: buf.subarray(at + 2, at + 2 + bytes), next: at + 2 + bytes };
}

export interface PublicKey {
  key: KeyObject;
  /** Bytes of the RSA modulus: a signature is left-padded to this. */
  modulusBytes: number;
  /** sha3-384 of the encoded key, unpadded base64url: what `public-key-sha3-384` and `sign-key-sha3-384` name. */
  id: string;
}

/** An account-key body (base64 text) as a usable public key. */
export function parsePublicKey(bodyText: string): PublicKey {
  const raw = Buffer.from(bodyText.replace(/\s+/g, ''), 'base64');
  const p = packet(raw, 'public key');
  if (p.tag !== 6) throw new Error(`public key: packet tag ${p.tag}, expected 6`);
  const b = p.body;
  if (b[0] !== 4) throw new Error(`public key: version ${b[0]}, expected 4`);
  if (b[5] !== 1) throw new Error(`public key: algorithm ${b[5]}, only RSA (1) is used by snapd`);
  const n = mpi(b, 6, 'public key modulus');
  const e = mpi(b, n.next, 'public key exponent');
  const key = createPublicKey({ key: { kty: 'RSA', n: n.value.toString('base64url'), e: e.value.toString('base64url') }, format: 'jwk' });
  return { key, modulusBytes: n.value.length, id: createHash('sha3-384').update(raw).digest('base64url') };
}

/** True when `signatureText` (base64) is a valid signature by `pub` over `content`. */
export function verifySignature(content: Buffer, signatureText: string, pub: PublicKey): boolean {
  const raw = Buffer.from(signatureText.replace(/\s+/g, ''), 'base64');
  const p = packet(raw, 'signature');
  if (p.tag !== 2) throw new Error(`signature: packet tag ${p.tag}, expected 2`);
  const b = p.body;
  if (b[0] !== 4) throw new Error(`signature: version ${b[0]}, expected 4`);
  if (b[1] !== 0x00) throw new Error(`signature: type ${b[1]}, expected a binary document signature`);
  if (b[2] !== 1) throw new Error(`signature: algorithm ${b[2]}, only RSA (1) is used by snapd`);
  const hash = hashNames[b[3]!];
  if (!hash) throw new Error(`signature: hash algorithm ${b[3]} is not one snapd uses`);
  const hashedLen = b.readUInt16BE(4);
  const hashedEnd = 6 + hashedLen;
  const unhashedLen = b.readUInt16BE(hashedEnd);
  const sig = mpi(b, hashedEnd + 2 + unhashedLen + 2, 'signature value');
  const trailer = Buffer.alloc(6);
  trailer[0] = 0x04;
  trailer[1] = 0xff;
  trailer.writeUInt32BE(hashedEnd, 2);
  const signed = Buffer.concat([content, b.subarray(0, hashedEnd), trailer]);
  const value = sig.value.length < pub.modulusBytes ? Buffer.concat([Buffer.alloc(pub.modulusBytes - sig.value.length), sig.value]) : sig.value;
  return verify(hash, signed, pub.key, value);
}
