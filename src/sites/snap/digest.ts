// The two spellings of a snap's sha3-384 (spec §8.5): lowercase hex in store JSON, unpadded
// base64url in assertions and in /v2/assertions/snap-revision/… paths.

export function hexToBase64url(hex: string): string {
  return Buffer.from(hex, 'hex').toString('base64url');
}

export function base64urlToHex(b64: string): string {
  return Buffer.from(b64, 'base64url').toString('hex');
}

/** True for 96 lowercase hex digits. */
export function isSha3Hex(s: unknown): s is string {
  return typeof s === 'string' && /^[0-9a-f]{96}$/.test(s);
}

/** True for the 64-character unpadded base64url form of 48 bytes. */
export function isSha3Base64url(s: unknown): s is string {
  return typeof s === 'string' && /^[A-Za-z0-9_-]{64}$/.test(s);
}
