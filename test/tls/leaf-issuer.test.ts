import { X509Certificate } from 'node:crypto';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import forge from 'node-forge';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ensureCa, serialNumber } from '../../src/tls/ca.js';
import { rotateCa } from '../../src/tls/ca-rotation.js';
import { LeafIssuer, signedBy } from '../../src/tls/leaf-issuer.js';
import { writePublicFile } from '../../src/tls/secret-file.js';
import { tlsGet } from '../helpers/tls-client.js';
import { tempDir } from '../helpers/tmp.js';

// Real RSA keys, spawned CLIs and cloud-init runs: slow on a loaded two-core machine.
vi.setConfig({ testTimeout: 90_000, hookTimeout: 90_000 });

const servers: Server[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) s.close();
});

function serveWith(issuer: LeafIssuer): Promise<number> {
  const server = createServer({ SNICallback: (name, cb) => cb(null, issuer.contextFor(name)) }, (_req, res) => res.end('ok'));
  servers.push(server);
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

describe('LeafIssuer', () => {
  it('issues a serverAuth leaf for exactly the asked name, signed by the CA, trusted by a real TLS client', async () => {
    const dir = tempDir();
    const ca = ensureCa(dir);
    const issuer = new LeafIssuer(ca, dir);
    const port = await serveWith(issuer);
    const { cert, response } = await tlsGet({ port, servername: 'api.snapcraft.io', ca: ca.certPem });
    expect(response).toMatch(/^HTTP\/1.1 200/);
    expect(cert.subjectaltname).toBe('DNS:api.snapcraft.io');
    const leaf = new X509Certificate(issuer.certificateFor('api.snapcraft.io').certPem);
    expect(signedBy(leaf, ca.certPem)).toBe(true);
    expect(leaf.checkHost('api.snapcraft.io')).toBe('api.snapcraft.io');
    expect(leaf.checkHost('evil.example')).toBeUndefined();
    expect(leaf.ca).toBe(false);
    expect(issuer.issuedNames()).toEqual(['api.snapcraft.io']);
  });

  it('a client trusting another CA refuses the leaf', async () => {
    const dir = tempDir();
    const port = await serveWith(new LeafIssuer(ensureCa(dir), dir));
    await expect(tlsGet({ port, servername: 'api.snapcraft.io', ca: ensureCa(tempDir()).certPem })).rejects.toThrow(/self.signed|unable to verify|certificate/i);
  });

  it('caches leaves on disk: a restart serves the same certificate, and the leaf key is 0600', () => {
    const dir = tempDir();
    const ca = ensureCa(dir);
    const first = new LeafIssuer(ca, dir).certificateFor('archive.ubuntu.com');
    const again = new LeafIssuer(ca, dir).certificateFor('archive.ubuntu.com');
    expect(again.certPem).toBe(first.certPem);
    new LeafIssuer(ca, dir).contextFor('archive.ubuntu.com');
    expect(statSync(join(dir, 'leaf', 'leaf.key')).mode & 0o777).toBe(0o600);
  });

  it('re-issues every leaf after a rotation: the cached one was signed by the old CA', () => {
    const dir = tempDir();
    const old = ensureCa(dir);
    const before = new LeafIssuer(old, dir).certificateFor('api.charmhub.io');
    // A leaf cached by a server that kept running on the old CA while `ca rotate` ran.
    const { current } = rotateCa(dir);
    writePublicFile(join(dir, 'leaf', 'api.charmhub.io.crt'), before.certPem);
    const after = new LeafIssuer(current, dir).certificateFor('api.charmhub.io');
    expect(after.certPem).not.toBe(before.certPem);
    expect(signedBy(new X509Certificate(after.certPem), current.certPem)).toBe(true);
    expect(signedBy(new X509Certificate(after.certPem), old.certPem)).toBe(false);
    expect(readFileSync(join(dir, 'leaf', 'api.charmhub.io.crt'), 'utf8')).toBe(after.certPem);
  });

  it('re-issues a cached leaf that expires within 30 days', () => {
    const dir = tempDir();
    const ca = ensureCa(dir);
    const issuer = new LeafIssuer(ca, dir);
    issuer.certificateFor('images.maas.io');
    const key = forge.pki.privateKeyFromPem(readFileSync(join(dir, 'leaf', 'leaf.key'), 'utf8')) as forge.pki.rsa.PrivateKey;
    const cert = forge.pki.createCertificate();
    cert.publicKey = forge.pki.setRsaPublicKey(key.n, key.e);
    cert.serialNumber = serialNumber();
    cert.validity.notBefore = new Date(Date.now() - 86_400_000);
    cert.validity.notAfter = new Date(Date.now() + 5 * 86_400_000);
    cert.setSubject([{ name: 'commonName', value: 'images.maas.io' }]);
    cert.setIssuer(ca.cert.subject.attributes);
    cert.setExtensions([{ name: 'subjectAltName', altNames: [{ type: 2, value: 'images.maas.io' }] }]);
    cert.sign(ca.key, forge.md.sha256.create());
    const expiring = forge.pki.certificateToPem(cert);
    writeFileSync(join(dir, 'leaf', 'images.maas.io.crt'), expiring);
    const fresh = new LeafIssuer(ca, dir).certificateFor('images.maas.io');
    expect(fresh.certPem).not.toBe(expiring);
    expect(fresh.notAfter.getTime()).toBeGreaterThan(Date.now() + 300 * 86_400_000);
  });

  it('signedBy wants the signature, not just a matching issuer name', () => {
    const dir = tempDir();
    const ca = ensureCa(dir);
    const leaf = new X509Certificate(new LeafIssuer(ca, dir).certificateFor('x.archive.ubuntu.com').certPem);
    expect(signedBy(leaf, ca.certPem)).toBe(true);
    expect(signedBy(leaf, ensureCa(tempDir()).certPem)).toBe(false);
    expect(existsSync(join(dir, 'leaf', 'x.archive.ubuntu.com.crt'))).toBe(true);
  });
});
