// The responder as the appliance runs it: started with the doors, in readiness, closed with them,
// and a taken port reported in the doors' one-line style.
import { createSocket } from 'node:dgram';
import { describe, expect, it } from 'vitest';
import { testAppliance } from '../helpers/appliance.js';
import { udpAsk } from './net.js';
import { buildQuery, decode, T } from './wire.js';

describe('appliance with DNS', () => {
  it('answers on ports.dns with the advertised address, reports ready, and stops on close', async () => {
    const app = await testAppliance({ advertise: ['192.0.2.44'] });
    expect(app.ports.dns).toBeGreaterThan(0);
    const reply = await udpAsk(app.ports.dns, buildQuery('archive.ubuntu.com', T.A));
    expect(decode(reply!).answers[0]).toMatchObject({ address: '192.0.2.44' });
    const ready = (await (await fetch(`http://127.0.0.1:${app.ports.admin}/readyz`)).json()) as { detail: Record<string, boolean> };
    expect(ready.detail.dns).toBe(true);
    await app.close();
    expect(await udpAsk(app.ports.dns, buildQuery('archive.ubuntu.com', T.A), { timeoutMs: 200 })).toBeUndefined();
  });

  it('names the DNS door and the transport when its port is taken', async () => {
    const blocker = createSocket('udp4');
    await new Promise<void>((r) => blocker.bind(0, '127.0.0.1', () => r()));
    const port = blocker.address().port;
    await expect(testAppliance({ ports: { http: 0, https: 0, dns: port } } as never)).rejects.toMatchObject({
      code: 'AGC_ERR_LISTEN',
      message: `DNS (UDP) door 127.0.0.1:${port}: the port is already in use (systemd-resolved, dnsmasq or an earlier airgap-cache?)`,
    });
    blocker.close();
  });

  it('refuses an advertise entry that is no IP address before binding anything', async () => {
    await expect(testAppliance({ advertise: ['appliance.example'] })).rejects.toMatchObject({ code: 'AGC_ERR_CONFIG' });
  });
});
