import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { splitHostPort } from '../src/appliance.js';
import { rotateCa } from '../src/tls/ca-rotation.js';
import { testAppliance } from './helpers/appliance.js';
import { tlsGet } from './helpers/tls-client.js';

describe('startAppliance', () => {
  it('fails with the door named when a port is taken, and leaves no door open', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const port = (blocker.address() as { port: number }).port;
    await expect(testAppliance({ ports: { http: 0, https: port, dns: 0 } } as never)).rejects.toMatchObject({
      code: 'AGC_ERR_LISTEN',
      message: expect.stringContaining(`HTTPS door 127.0.0.1:${port}: the port is already in use`),
    });
    blocker.close();
  });

  it('reports the ports it got and closes cleanly', async () => {
    const app = await testAppliance();
    expect(app.ports.http).toBeGreaterThan(0);
    expect(app.ports.https).toBeGreaterThan(0);
    expect(app.ports.admin).toBeGreaterThan(0);
    await app.close();
    await expect(fetch(`http://127.0.0.1:${app.ports.http}/`)).rejects.toThrow();
  });

  it('signs with a rotated CA within seconds, without a restart', async () => {
    const app = await testAppliance();
    try {
      const before = app.ca;
      const first = await tlsGet({ port: app.ports.https, servername: 'archive.ubuntu.com', ca: before.certPem });
      expect(first.cert.fingerprint256).toBeTruthy();
      const { current } = rotateCa(app.config.certsDir);
      // The old CA no longer verifies the leaf served once the new one is picked up (checked at most once a second).
      await new Promise((r) => setTimeout(r, 1_200));
      const second = await tlsGet({ port: app.ports.https, servername: 'archive.ubuntu.com', ca: current.certPem });
      expect(second.cert.fingerprint256).not.toBe(first.cert.fingerprint256);
      expect(app.ca.fingerprint256).toBe(current.fingerprint256);
      await expect(tlsGet({ port: app.ports.https, servername: 'archive.ubuntu.com', ca: before.certPem })).rejects.toThrow(/certificate|verify|signature/i);
    } finally {
      await app.close();
    }
  }, 60_000);

  it('splits admin addresses, IPv6 included, and refuses others', () => {
    expect(splitHostPort('127.0.0.1:9180')).toEqual(['127.0.0.1', 9180]);
    expect(splitHostPort('[::1]:9180')).toEqual(['::1', 9180]);
    expect(() => splitHostPort('9180')).toThrow(/HOST:PORT/);
  });
});
