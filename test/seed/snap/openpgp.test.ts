import { describe, expect, it } from 'vitest';
import { splitAssertions } from '../../../src/sites/snap/assertion.js';
import { parsePublicKey, verifySignature } from '../../../src/seed/snap/openpgp.js';
import { helloAssert } from '../../helpers/snap-records.js';

const [storeKey, account] = splitAssertions(helloAssert());

describe('OpenPGP in snapd encoding', () => {
  it('reads the store account-key: its id is the sha3-384 its assertion names', () => {
    const pub = parsePublicKey(storeKey!.body.toString());
    expect(pub.id).toBe(storeKey!.headers['public-key-sha3-384']);
    expect(pub.modulusBytes).toBe(512);
  });

  it('verifies a real signature, and not over other content', () => {
    const pub = parsePublicKey(storeKey!.body.toString());
    expect(verifySignature(account!.content, account!.signature, pub)).toBe(true);
    expect(verifySignature(Buffer.concat([account!.content, Buffer.from(' ')]), account!.signature, pub)).toBe(false);
  });

  it('says what it does not understand', () => {
    expect(() => parsePublicKey(Buffer.from([2, 0xc6, 1, 0]).toString('base64'))).toThrow(/format 1/);
    expect(() => parsePublicKey(Buffer.from([1, 0xc2, 1, 0]).toString('base64'))).toThrow(/tag 2, expected 6/);
    expect(() => parsePublicKey(Buffer.from([1, 0xc6, 5, 0]).toString('base64'))).toThrow(/length 5/);
    const pub = parsePublicKey(storeKey!.body.toString());
    expect(() => verifySignature(account!.content, storeKey!.body.toString(), pub)).toThrow(/tag 6, expected 2/);
  });
});
