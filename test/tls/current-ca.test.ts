import { createPublicKey, X509Certificate } from 'node:crypto';
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { caFiles, ensureCa } from '../../src/tls/ca.js';
import { rotateCa } from '../../src/tls/ca-rotation.js';
import { CurrentCa } from '../../src/tls/current-ca.js';
import { LeafIssuer, signedBy } from '../../src/tls/leaf-issuer.js';
import { tempDir } from '../helpers/tmp.js';

// Real RSA keys: slow on a loaded two-core machine.
vi.setConfig({ testTimeout: 90_000 });

describe('CurrentCa', () => {
  it('picks up a rotated CA without a restart, and leaves are then signed by it', () => {
    const dir = tempDir();
    const first = ensureCa(dir);
    const current = new CurrentCa(dir, first, undefined, 0);
    const issuer = new LeafIssuer(() => current.get(), dir);
    issuer.contextFor('archive.ubuntu.com');
    expect(signedBy(new X509Certificate(issuer.certificateFor('archive.ubuntu.com').certPem), first.certPem)).toBe(true);
    const { current: second } = rotateCa(dir);
    expect(current.get().fingerprint256).toBe(second.fingerprint256);
    issuer.contextFor('archive.ubuntu.com');
    const leaf = new X509Certificate(issuer.certificateFor('archive.ubuntu.com').certPem);
    expect(signedBy(leaf, second.certPem)).toBe(true);
    expect(signedBy(leaf, first.certPem)).toBe(false);
  });

  it('keeps signing with the old CA while the files on disk do not pair up, and looks again later', () => {
    const dir = tempDir();
    const first = ensureCa(dir);
    const other = tempDir();
    ensureCa(other);
    const warn = vi.fn();
    const log = { info: vi.fn(), warn } as unknown as ConstructorParameters<typeof CurrentCa>[2];
    const current = new CurrentCa(dir, first, log, 0);
    copyFileSync(caFiles(other).cert, caFiles(dir).cert);
    expect(current.get().fingerprint256).toBe(first.fingerprint256);
    expect(warn).toHaveBeenCalledWith(expect.anything(), expect.stringMatching(/cannot be loaded yet/));
    copyFileSync(caFiles(other).key, caFiles(dir).key);
    expect(current.get().fingerprint256).toBe(ensureCa(other).fingerprint256);
  });

  it('looks at the disk at most once per interval', () => {
    const dir = tempDir();
    const first = ensureCa(dir);
    const current = new CurrentCa(dir, first, undefined, 60_000);
    current.get();
    rotateCa(dir);
    expect(current.get().fingerprint256).toBe(first.fingerprint256);
    expect(join(dir, 'ca.crt')).toBe(caFiles(dir).cert);
  });
});

describe('leaves after a rotation', () => {
  it('a restart after a rotation that a running issuer followed still pairs every leaf with the key on disk', () => {
    const dir = tempDir();
    const first = ensureCa(dir);
    const current = new CurrentCa(dir, first, undefined, 0);
    const running = new LeafIssuer(() => current.get(), dir);
    running.contextFor('archive.ubuntu.com');
    rotateCa(dir);
    // The running issuer follows the new CA and writes a new leaf for a name it is asked for.
    running.contextFor('images.maas.io');
    // A restart: a new issuer over the same directory must serve that leaf with a key that matches it.
    const restarted = new LeafIssuer(ensureCa(dir), dir);
    expect(() => restarted.contextFor('images.maas.io')).not.toThrow();
    const leaf = new X509Certificate(restarted.certificateFor('images.maas.io').certPem);
    expect(leaf.publicKey.equals(createPublicKey(readFileSync(join(dir, 'leaf', 'leaf.key'), 'utf8')))).toBe(true);
  });
});
