import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.js';
import { ForwardRateLimit } from '../../src/dns/rate-limit.js';
import type { DnsServer } from '../../src/dns/server.js';
import { dnsSettings } from '../../src/dns/settings.js';
import { startDns } from '../../src/dns/start.js';
import { silentLogger } from '../../src/log.js';
import { answerWithA, startFakeResolver, tcpAsk, udpAsk } from './net.js';
import { buildQuery, header, T } from './wire.js';

function clock(): { now: () => number; advance(ms: number): void } {
  let t = 0;
  return { now: () => t, advance: (ms) => void (t += ms) };
}

describe('ForwardRateLimit', () => {
  it('lets a burst through, then refills at the configured rate', () => {
    const c = clock();
    const limit = new ForwardRateLimit({ perSecond: 10, burst: 5, now: c.now });
    const burst = Array.from({ length: 8 }, () => limit.take('10.0.0.1'));
    expect(burst).toEqual([true, true, true, true, true, false, false, false]);
    c.advance(100); // one token
    expect([limit.take('10.0.0.1'), limit.take('10.0.0.1')]).toEqual([true, false]);
    c.advance(10_000); // refilled, but never beyond the burst
    expect(Array.from({ length: 6 }, () => limit.take('10.0.0.1')).filter(Boolean)).toHaveLength(5);
  });

  it('keeps one bucket per client: one flooding client does not starve another', () => {
    const c = clock();
    const limit = new ForwardRateLimit({ perSecond: 1, burst: 2, now: c.now });
    for (let i = 0; i < 50; i++) limit.take('10.0.0.66');
    expect(limit.take('10.0.0.66')).toBe(false);
    expect(limit.take('10.0.0.7')).toBe(true);
    expect(limit.take('fd00::7')).toBe(true);
  });

  it('passes everything when the rate is 0', () => {
    const limit = new ForwardRateLimit({ perSecond: 0, burst: 1 });
    expect(limit.enabled).toBe(false);
    expect(Array.from({ length: 100 }, () => limit.take('10.0.0.1')).every(Boolean)).toBe(true);
    expect(limit.size).toBe(0);
  });

  it('holds at most maxClients buckets, forgetting idle ones first, and a forgotten client starts full', () => {
    const c = clock();
    const limit = new ForwardRateLimit({ perSecond: 1, burst: 1, maxClients: 100, now: c.now });
    for (let i = 0; i < 10_000; i++) {
      limit.take(`10.1.${i >> 8}.${i & 255}`);
      c.advance(1);
    }
    expect(limit.size).toBeLessThanOrEqual(100);
    // A busy client with an empty bucket is not evicted by a sweep of idle ones while it stays busy.
    const busy = new ForwardRateLimit({ perSecond: 1, burst: 1, maxClients: 3, now: c.now });
    busy.take('10.9.9.9');
    expect(busy.take('10.9.9.9')).toBe(false);
    busy.take('10.0.0.1');
    busy.take('10.0.0.2');
    expect(busy.take('10.9.9.9')).toBe(false); // most recently used again
    busy.take('10.0.0.3'); // evicts 10.0.0.1, the least recently used
    expect(busy.take('10.9.9.9')).toBe(false);
  });
});

describe('forwarded queries through the running responder', () => {
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

  it('answers a flood past the burst with REFUSED (never relayed), while intercepted names still answer', async () => {
    const up = await startFakeResolver((q) => answerWithA(q, '198.51.100.20'));
    closers.push(up);
    const { port } = await dns(`dns: {forwarders: ["127.0.0.1:${up.port}"], forwardRateLimit: 1, forwardBurst: 5}`);
    const rcodes: number[] = [];
    for (let i = 0; i < 12; i++) rcodes.push(header((await udpAsk(port, buildQuery(`n${i}.example.com`, T.A, { id: i })))!).rcode);
    expect(rcodes.slice(0, 5)).toEqual([0, 0, 0, 0, 0]);
    expect(rcodes.filter((r) => r === 5).length).toBeGreaterThanOrEqual(6);
    expect(up.received.length).toBe(rcodes.filter((r) => r === 0).length);
    // TCP shares the client's bucket.
    const { replies } = await tcpAsk(port, [buildQuery('tcp.example.com', T.A, { id: 99 })]);
    expect(header(replies[0]!)).toMatchObject({ id: 99, rcode: 5 });
    expect(header((await udpAsk(port, buildQuery('archive.ubuntu.com', T.A)))!)).toMatchObject({ rcode: 0, an: 1 });
  });

  it('has a default that lets an ordinary client through and a config key that turns it off', async () => {
    const config = parseConfig('', 'test.yaml');
    expect(config.dns).toMatchObject({ forwardRateLimit: 100, forwardBurst: 400 });
    const up = await startFakeResolver((q) => answerWithA(q, '198.51.100.20'));
    closers.push(up);
    const { port } = await dns(`dns: {forwarders: ["127.0.0.1:${up.port}"], forwardRateLimit: 0, forwardBurst: 1}`);
    for (let i = 0; i < 20; i++) expect(header((await udpAsk(port, buildQuery(`n${i}.example.com`, T.A)))!).rcode).toBe(0);
  });
});
