import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.js';
import { dnsSettings } from '../../src/dns/settings.js';
import { startDns } from '../../src/dns/start.js';
import type { DnsServer } from '../../src/dns/server.js';
import { silentLogger } from '../../src/log.js';
import { answerWithA, startFakeResolver, tcpAsk, udpAsk } from './net.js';
import { buildQuery, decode, header, T } from './wire.js';

const closers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((c) => c.close()));
});

async function dns(yaml: string): Promise<DnsServer> {
  const config = parseConfig(`listen: 127.0.0.1\nports: {dns: 0}\n${yaml}`, 'test.yaml');
  const server = await startDns(config, dnsSettings(config), silentLogger());
  closers.push(server);
  return server;
}

describe('startDns', () => {
  it('answers intercepted names with the advertised addresses and the configured TTL', async () => {
    const { port } = await dns('advertise: [192.0.2.7, "2001:db8::7"]\ndns: {ttl: 15}');
    expect(decode((await udpAsk(port, buildQuery('images.maas.io', T.A)))!).answers[0]).toMatchObject({ address: '192.0.2.7', ttl: 15 });
    expect(decode((await udpAsk(port, buildQuery('images.maas.io', T.AAAA)))!).answers[0]).toMatchObject({ address: '2001:db8::7', ttl: 15 });
  });

  it('forwards other names to the configured forwarders over UDP and TCP, and refuses without them', async () => {
    const up = await startFakeResolver((q) => answerWithA(q, '198.51.100.20'));
    closers.push(up);
    const { port } = await dns(`dns: {forwarders: ["127.0.0.1:${up.port}"]}`);
    expect(decode((await udpAsk(port, buildQuery('www.example.com', T.A)))!).answers[0]).toMatchObject({ address: '198.51.100.20' });
    const { replies } = await tcpAsk(port, [buildQuery('www.example.com', T.A, { id: 4 })]);
    expect(header(replies[0]!)).toMatchObject({ id: 4, an: 1 });
    expect(up.received.map((r) => r.transport)).toEqual(['udp', 'tcp']);

    const plain = await dns('');
    expect(header((await udpAsk(plain.port, buildQuery('www.example.com', T.A)))!).rcode).toBe(5);
  });

  it('refuses to forward for clients outside allowedNetworks', async () => {
    const up = await startFakeResolver((q) => answerWithA(q, '198.51.100.20'));
    closers.push(up);
    const { port } = await dns(`dns: {forwarders: ["127.0.0.1:${up.port}"], allowedNetworks: [10.0.0.0/8]}`);
    expect(header((await udpAsk(port, buildQuery('www.example.com', T.A)))!).rcode).toBe(5);
    expect(header((await udpAsk(port, buildQuery('archive.ubuntu.com', T.A)))!).an).toBe(1);
    expect(up.received).toEqual([]);
  });

  it('answers SERVFAIL when the forwarders are silent', async () => {
    const up = await startFakeResolver(() => undefined);
    closers.push(up);
    const { port } = await dns(`dns: {forwarders: ["127.0.0.1:${up.port}"], forwardTimeoutMs: 100}`);
    expect(header((await udpAsk(port, buildQuery('www.example.com', T.A)))!).rcode).toBe(2);
  });
});
