import { afterEach, describe, expect, it } from 'vitest';
import type { RunningAppliance } from '../../src/appliance.js';
import { testAppliance } from '../helpers/appliance.js';
import { tlsGet } from '../helpers/tls-client.js';
import { entry, writeBlob } from '../store/contract.js';

let app: RunningAppliance | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

describe('TLS door', () => {
  it('presents a certificate for exactly the requested name, signed by the appliance CA, with the same cache behind it', async () => {
    app = await testAppliance();
    const body = Buffer.from('a .deb');
    await writeBlob(app.store, body);
    app.store.commit([entry('ubuntu-archive', '/ubuntu/pool/main/x/x_1_amd64.deb', body)]);
    const r = await tlsGet({ port: app.ports.https, servername: 'security.ubuntu.com', ca: app.ca.certPem, path: '/ubuntu/pool/main/x/x_1_amd64.deb' });
    expect(r.cert.subjectaltname).toBe('DNS:security.ubuntu.com');
    expect(r.cert.subject.CN).toBe('security.ubuntu.com');
    expect(r.response).toMatch(/^HTTP\/1\.1 200 /);
    expect(r.response.endsWith('a .deb')).toBe(true);
  });

  it('issues per-name certificates for wildcard groups', async () => {
    app = await testAppliance();
    const r = await tlsGet({ port: app.ports.https, servername: 'us-east-1.ec2.archive.ubuntu.com', ca: app.ca.certPem });
    expect(r.cert.subjectaltname).toBe('DNS:us-east-1.ec2.archive.ubuntu.com');
    expect(r.response).toMatch(/^HTTP\/1\.1 404 /);
  });

  it('refuses the handshake for a name no group serves', async () => {
    app = await testAppliance();
    await expect(tlsGet({ port: app.ports.https, servername: 'www.example.com', ca: app.ca.certPem })).rejects.toThrow();
  });

  it('a client trusting only its system roots does not accept the certificate', async () => {
    app = await testAppliance();
    const { rootCertificates } = await import('node:tls');
    await expect(tlsGet({ port: app.ports.https, servername: 'api.snapcraft.io', ca: rootCertificates.join('\n') })).rejects.toThrow(/certificate/);
  });
});
