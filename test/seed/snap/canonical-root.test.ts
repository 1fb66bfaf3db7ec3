import { describe, expect, it } from 'vitest';
import { decodeAssertion } from '../../../src/sites/snap/assertion.js';
import { CANONICAL_ROOT_KEY_ID, canonicalRootAccountKey } from '../../../src/seed/snap/canonical-root.js';
import { parsePublicKey, verifySignature } from '../../../src/seed/snap/openpgp.js';

describe("Canonical's root account-key", () => {
  it('is a self-signed account-key whose key has the id that signs the store key', () => {
    const a = decodeAssertion(Buffer.from(canonicalRootAccountKey));
    expect(a.headers).toMatchObject({ type: 'account-key', 'account-id': 'canonical', name: 'root', 'public-key-sha3-384': CANONICAL_ROOT_KEY_ID, 'sign-key-sha3-384': CANONICAL_ROOT_KEY_ID });
    const pub = parsePublicKey(a.body.toString());
    expect(pub.id).toBe(CANONICAL_ROOT_KEY_ID);
    expect(verifySignature(a.content, a.signature, pub)).toBe(true);
  });
});
