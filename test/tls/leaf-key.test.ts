import { createPrivateKey, X509Certificate } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ensureCa } from '../../src/tls/ca.js';
import { LeafIssuer } from '../../src/tls/leaf-issuer.js';
import { ensureLeafKey } from '../../src/tls/leaf-key.js';
import { tempDir } from '../helpers/tmp.js';

describe('ensureLeafKey', () => {
  it('makes the shared leaf key once, private, and the issuer signs with it', () => {
    const certsDir = tempDir();
    const file = ensureLeafKey(certsDir);
    const pem = readFileSync(file, 'utf8');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(ensureLeafKey(certsDir)).toBe(file);
    expect(readFileSync(file, 'utf8')).toBe(pem);
    const issuer = new LeafIssuer(ensureCa(certsDir), certsDir);
    const leaf = new X509Certificate(issuer.certificateFor('archive.ubuntu.com').certPem);
    expect(leaf.checkPrivateKey(createPrivateKey(pem))).toBe(true);
    expect(readFileSync(file, 'utf8')).toBe(pem);
    expect(createPrivateKey(pem).asymmetricKeyDetails?.modulusLength).toBe(2048);
  });
});
