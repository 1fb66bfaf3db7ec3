import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { splitHostPort } from '../src/appliance.js';
import { testAppliance } from './helpers/appliance.js';

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

  it('splits admin addresses, IPv6 included, and refuses others', () => {
    expect(splitHostPort('127.0.0.1:9180')).toEqual(['127.0.0.1', 9180]);
    expect(splitHostPort('[::1]:9180')).toEqual(['::1', 9180]);
    expect(() => splitHostPort('9180')).toThrow(/HOST:PORT/);
  });
});
