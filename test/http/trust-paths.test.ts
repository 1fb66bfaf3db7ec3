import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parse } from 'yaml';
import type { RunningAppliance } from '../../src/appliance.js';
import { CA_CERT_PATH, trustPaths, USER_DATA_PATH } from '../../src/http/trust-paths.js';
import { ensureCa } from '../../src/tls/ca.js';
import { rotateCa } from '../../src/tls/ca-rotation.js';
import { certificateOf, certificatesIn } from '../../src/tls/pem.js';
import { testAppliance } from '../helpers/appliance.js';
import { tlsGet } from '../helpers/tls-client.js';
import { tempDir } from '../helpers/tmp.js';

// Real RSA keys, spawned CLIs and cloud-init runs: slow on a loaded two-core machine.
vi.setConfig({ testTimeout: 90_000, hookTimeout: 90_000 });

describe('trustPaths', () => {
  it('answers only its two paths: the CA certificate and the minimal user-data', () => {
    const dir = tempDir();
    const ca = ensureCa(dir);
    const own = trustPaths(dir);
    const cert = own(CA_CERT_PATH)!;
    expect(cert.status).toBe(200);
    expect(cert.headers!['content-type']).toBe('application/x-pem-file');
    expect(certificateOf(String(cert.body)).fingerprint256).toBe(ca.fingerprint256);
    const userData = own(USER_DATA_PATH)!;
    expect(String(userData.body).startsWith('#cloud-config\n')).toBe(true);
    expect(parse(String(userData.body)).ca_certs.trusted).toHaveLength(1);
    for (const p of ['/airgap-cache/ca.key', '/airgap-cache/', '/airgap-cache/ca.crt/', '/ca.crt']) expect(own(p)).toBeUndefined();
  });

  it('reads certsDir on each request: after a rotation it serves the next CA and both in the user-data', () => {
    const dir = tempDir();
    const old = ensureCa(dir);
    const own = trustPaths(dir);
    const { current } = rotateCa(dir);
    expect(certificateOf(String(own(CA_CERT_PATH)!.body)).fingerprint256).toBe(current.fingerprint256);
    expect(certificatesIn(String(own(USER_DATA_PATH)!.body)).map((c) => c.fingerprint256)).toEqual([current.fingerprint256, old.fingerprint256]);
  });

  it('fails as a CA error when the certificates cannot be read', () => {
    expect(() => trustPaths(tempDir())(CA_CERT_PATH)).toThrow(/cannot read the CA certificates/);
  });
});

describe('served by the appliance', () => {
  let app: RunningAppliance;
  beforeAll(async () => {
    app = await testAppliance();
  });
  afterAll(() => app?.close());

  it('on every served name and on its bare address, over HTTP', async () => {
    for (const host of ['archive.ubuntu.com', 'images.maas.io', '127.0.0.1', '10.0.0.5:80']) {
      const r = await get(app.ports.http, host, CA_CERT_PATH);
      expect(r.status, host).toBe(200);
      expect(certificateOf(r.body).fingerprint256).toBe(app.ca.fingerprint256);
    }
    const ud = await get(app.ports.http, '127.0.0.1', USER_DATA_PATH);
    expect(ud.headers['content-type']).toBe('text/cloud-config; charset=utf-8');
  });

  it('and over HTTPS for a served name', async () => {
    const { response } = await tlsGet({ port: app.ports.https, servername: 'api.charmhub.io', ca: app.ca.certPem, path: USER_DATA_PATH });
    expect(response).toMatch(/^HTTP\/1.1 200/);
    expect(response).toContain('#cloud-config');
  });

  it('an unknown host still gets the refusal for any other path, and a proxy request is not answered', async () => {
    expect((await get(app.ports.http, '127.0.0.1', '/ubuntu/')).status).toBe(421);
    expect((await get(app.ports.http, 'example.com', `http://example.com${CA_CERT_PATH}`)).status).toBe(403);
  });
});

function get(port: number, host: string, path: string): Promise<{ status: number; body: string; headers: Record<string, string | string[] | undefined> }> {
  return new Promise((resolve, reject) => {
    httpRequest({ host: '127.0.0.1', port, path, headers: { host } }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    })
      .on('error', reject)
      .end();
  });
}
