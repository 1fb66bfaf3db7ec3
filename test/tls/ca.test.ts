import { X509Certificate } from 'node:crypto';
import { chmodSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { RunningAppliance } from '../../src/appliance.js';
import { caExists, caFiles, createCa, ensureCa, loadCa } from '../../src/tls/ca.js';
import { testAppliance } from '../helpers/appliance.js';
import { tlsGet } from '../helpers/tls-client.js';
import { tempDir } from '../helpers/tmp.js';

// Real RSA keys, spawned CLIs and cloud-init runs: slow on a loaded two-core machine.
vi.setConfig({ testTimeout: 90_000, hookTimeout: 90_000 });

describe('ensureCa', () => {
  it('creates a self-signed CA whose key is mode 0600 and whose certificate is 0644', () => {
    const dir = tempDir();
    expect(caExists(dir)).toBe(false);
    const ca = ensureCa(dir);
    const files = caFiles(dir);
    expect(statSync(files.key).mode & 0o777).toBe(0o600);
    expect(statSync(files.cert).mode & 0o777).toBe(0o644);
    const x509 = new X509Certificate(readFileSync(files.cert));
    expect(x509.ca).toBe(true);
    expect(x509.verify(x509.publicKey)).toBe(true);
    expect(x509.fingerprint256).toBe(ca.fingerprint256);
    expect(ca.certPem).not.toMatch(/PRIVATE KEY|\r/);
    expect(caExists(dir)).toBe(true);
  });

  it('loads the same CA on the next start instead of making a new one', () => {
    const dir = tempDir();
    const first = ensureCa(dir);
    expect(ensureCa(dir).fingerprint256).toBe(first.fingerprint256);
  });

  it('refuses a key that others can read, naming the fix', () => {
    const dir = tempDir();
    ensureCa(dir);
    chmodSync(caFiles(dir).key, 0o644);
    expect(() => loadCa(dir)).toThrow(/readable by others \(mode 644\); run chmod 600/);
  });

  it('refuses a key that does not belong to the certificate', () => {
    const dir = tempDir();
    ensureCa(dir);
    writeFileSync(caFiles(dir).key, createCa().keyPem, { mode: 0o600 });
    expect(() => loadCa(dir)).toThrow(/is not the key of/);
  });

  it('refuses half a CA rather than silently making a new one', () => {
    const dir = tempDir();
    ensureCa(dir);
    rmSync(caFiles(dir).key);
    expect(() => ensureCa(dir)).toThrow(/only one of ca.crt and ca.key/);
  });

  it('gives two CAs made the same day different subjects', () => {
    const a = new X509Certificate(createCa().certPem);
    const b = new X509Certificate(createCa().certPem);
    expect(a.subject).not.toBe(b.subject);
  });
});

describe('the CA key is never served', () => {
  let app: RunningAppliance;
  let keyBody: string;
  beforeAll(async () => {
    app = await testAppliance();
    keyBody = app.ca.keyPem.split('\n').filter((l) => l && !l.startsWith('-----'))[1]!;
  });
  afterAll(() => app?.close());

  const paths = ['/airgap-cache/ca.key', '/airgap-cache/ca.crt', '/airgap-cache/user-data', '/airgap-cache/../ca.key', '/ca.key', '/certs/ca.key', '/airgap-cache/leaf/leaf.key', '/airgap-cache/ca.crt.next'];

  it('no path over plain HTTP, on a served name or on the bare address, returns key material', async () => {
    for (const host of ['archive.ubuntu.com', '127.0.0.1']) {
      for (const path of paths) {
        const { status, body } = await get(app.ports.http, host, path);
        expect(body, `${host}${path}`).not.toContain(keyBody);
        expect(body, `${host}${path}`).not.toMatch(/PRIVATE KEY/);
        if (path === '/airgap-cache/ca.crt') expect(status).toBe(200);
      }
    }
  });

  it('nor over HTTPS', async () => {
    for (const path of paths) {
      const { response } = await tlsGet({ port: app.ports.https, servername: 'api.snapcraft.io', ca: app.ca.certPem, path });
      expect(response).not.toContain(keyBody);
      expect(response).not.toMatch(/PRIVATE KEY/);
    }
  });
});

function get(port: number, host: string, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    httpRequest({ host: '127.0.0.1', port, path, headers: { host } }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    })
      .on('error', reject)
      .end();
  });
}
