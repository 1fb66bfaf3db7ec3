import { createSocket } from 'node:dgram';
import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultHostGroups } from '../../src/config/schema.js';
import { Answerer } from '../../src/dns/answerer.js';
import { Responder } from '../../src/dns/responder.js';
import { DnsBindError, startDnsServer, type DnsServer } from '../../src/dns/server.js';
import { silentLogger } from '../../src/log.js';
import { tcpAsk, udpAsk } from './net.js';
import { buildQuery, header, T } from './wire.js';

const responder = () =>
  new Responder(new Answerer({ hostGroups: defaultHostGroups(), ipv4: ['192.0.2.1'], ipv6: [], ttl: 60, forwarding: false, isAllowed: () => true }), undefined, silentLogger());

const servers: DnsServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function start(port = 0): Promise<DnsServer> {
  const s = await startDnsServer('127.0.0.1', port, responder(), silentLogger());
  servers.push(s);
  return s;
}

describe('DNS server', () => {
  it('serves UDP and TCP on the same port', async () => {
    const { port } = await start();
    expect(header((await udpAsk(port, buildQuery('archive.ubuntu.com', T.A)))!).an).toBe(1);
    const { replies } = await tcpAsk(port, [buildQuery('archive.ubuntu.com', T.AAAA)]);
    expect(header(replies[0]!)).toMatchObject({ an: 0, ns: 1 });
  });

  it('says which transport could not bind a taken port', async () => {
    const udp = createSocket('udp4');
    await new Promise<void>((r) => udp.bind(0, '127.0.0.1', () => r()));
    const udpPort = udp.address().port;
    const err = await start(udpPort).catch((e: unknown) => e);
    udp.close();
    expect(err).toBeInstanceOf(DnsBindError);
    expect(err).toMatchObject({ transport: 'UDP', errno: { code: 'EADDRINUSE' } });

    const tcp = createServer();
    await new Promise<void>((r) => tcp.listen(0, '127.0.0.1', () => r()));
    const tcpPort = (tcp.address() as { port: number }).port;
    const err2 = await start(tcpPort).catch((e: unknown) => e);
    tcp.close();
    expect(err2).toMatchObject({ transport: 'TCP', errno: { code: 'EADDRINUSE' } });
    // The UDP half it had bound is released again.
    const again = createSocket('udp4');
    await new Promise<void>((r, j) => {
      again.once('error', j);
      again.bind(tcpPort, '127.0.0.1', () => r());
    });
    again.close();
  });

  it('keeps answering after a burst of junk over UDP and TCP', async () => {
    const { port } = await start();
    const client = createSocket('udp4');
    let seed = 7;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 8) % n;
    for (let i = 0; i < 2000; i++) client.send(Buffer.from(Array.from({ length: rand(300) }, () => rand(256))), port, '127.0.0.1');
    await new Promise((r) => setTimeout(r, 200));
    client.close();
    const junk = Array.from({ length: 50 }, () => Buffer.from(Array.from({ length: 12 + rand(100) }, () => rand(256))));
    await Promise.all(junk.map((j) => tcpAsk(port, [j], { timeoutMs: 500 })));
    expect(header((await udpAsk(port, buildQuery('archive.ubuntu.com', T.A)))!).an).toBe(1);
    expect(header((await tcpAsk(port, [buildQuery('archive.ubuntu.com', T.A)])).replies[0]!).an).toBe(1);
  });

  it('stops answering once closed', async () => {
    const s = await startDnsServer('127.0.0.1', 0, responder(), silentLogger());
    await s.close();
    expect(await udpAsk(s.port, buildQuery('archive.ubuntu.com', T.A), { timeoutMs: 200 })).toBeUndefined();
  });
});
