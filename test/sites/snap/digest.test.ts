import { describe, expect, it } from 'vitest';
import { base64urlToHex, hexToBase64url, isSha3Base64url, isSha3Hex } from '../../../src/sites/snap/digest.js';
import { helloSnap, sha3hex } from '../../helpers/snap-records.js';

describe('sha3-384 spellings', () => {
  it('hex and unpadded base64url are the same 48 bytes (the fixture snap and its snap-revision key)', () => {
    const hex = sha3hex(helloSnap());
    expect(isSha3Hex(hex)).toBe(true);
    expect(hexToBase64url(hex)).toBe('xxQCmRz75gz2c5DDBQ1YXqV5qgV5KnbioiKlft1uIOEzks9LTL1vRY97sEuL19kX');
    expect(base64urlToHex('xxQCmRz75gz2c5DDBQ1YXqV5qgV5KnbioiKlft1uIOEzks9LTL1vRY97sEuL19kX')).toBe(hex);
    expect(isSha3Base64url(hexToBase64url(hex))).toBe(true);
  });
  it('refuses other shapes', () => {
    expect(isSha3Hex('AB'.repeat(48))).toBe(false);
    expect(isSha3Hex(42)).toBe(false);
    expect(isSha3Base64url('a+b')).toBe(false);
  });
});
