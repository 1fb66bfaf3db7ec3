import { createSocket } from 'node:dgram';
import { afterEach, describe, expect, it } from 'vitest';
import { Forwarder } from '../../src/dns/forwarder.js';
import { silentLogger } from '../../src/log.js';
import { answerWithA, startFakeResolver, type FakeResolver } from './net.js';
import { buildQuery, header, T } from './wire.js';

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((o) => o.close()));
});

async function fake(handler: Parameters<typeof startFakeResolver>[0]): Promise<FakeResolver> {
  const f = await startFakeResolver(handler);
  open.push(f);
  return f;
}

function forwarder(servers: FakeResolver[] | { address: string; port: number }[], timeoutMs = 300, maxPending?: number): Forwarder {
  const f = new Forwarder(
    servers.map((s) => ({ address: s.address, port: s.port })),
    timeoutMs,
    silentLogger(),
    maxPending,
  );
  open.push(f);
  return f;
}

const q = (name = 'example.com', id = 0x0abc) => buildQuery(name, T.A, { id });
const qEnd = (msg: Buffer) => msg.length;

describe('Forwarder', () => {
  it('relays over UDP with a fresh ID and hands back the reply unchanged but for the client ID', async () => {
    let upstreamReply: Buffer | undefined;
    const up = await fake((query) => (upstreamReply = answerWithA(query, '203.0.113.8')));
    const query = q();
    const reply = await forwarder([up]).forward(query, qEnd(query), 'udp');
    expect(up.received).toHaveLength(1);
    expect(up.received[0]!.query.subarray(2)).toEqual(query.subarray(2));
    expect(reply!.readUInt16BE(0)).toBe(0x0abc);
    expect(reply!.subarray(2)).toEqual(upstreamReply!.subarray(2));
  });

  it('gives each relayed query its own random ID', async () => {
    const up = await fake((query) => answerWithA(query, '203.0.113.8'));
    const f = forwarder([up]);
    await Promise.all(Array.from({ length: 20 }, () => f.forward(q(), qEnd(q()), 'udp')));
    const ids = new Set(up.received.map((r) => r.query.readUInt16BE(0)));
    expect(ids.size).toBeGreaterThan(15);
  });

  it('relays NXDOMAIN as it is', async () => {
    const up = await fake((query) => answerWithA(query, '0.0.0.0', { rcode: 3 }));
    const reply = await forwarder([up]).forward(q('nope.example'), qEnd(q('nope.example')), 'udp');
    expect(header(reply!)).toMatchObject({ rcode: 3, qd: 1, id: 0x0abc });
  });

  it('ignores replies with another ID, another question or from another port, and takes the real one', async () => {
    const liar = createSocket('udp4');
    open.push({ close: () => new Promise<void>((r) => liar.close(() => r())) });
    const up = await fake(async (query, _t, rinfo) => {
      const wrongId = answerWithA(query, '6.6.6.6');
      wrongId.writeUInt16BE((query.readUInt16BE(0) + 1) & 0xffff, 0);
      up.udp.send(wrongId, rinfo!.port, rinfo!.address);
      const wrongQuestion = answerWithA(buildQuery('evil.example', T.A, { id: query.readUInt16BE(0) }), '6.6.6.6');
      up.udp.send(wrongQuestion, rinfo!.port, rinfo!.address);
      liar.send(answerWithA(query, '6.6.6.6'), rinfo!.port, rinfo!.address);
      await new Promise((r) => setTimeout(r, 50));
      return answerWithA(query, '203.0.113.9');
    });
    const reply = await forwarder([up], 1000).forward(q(), qEnd(q()), 'udp');
    expect(reply!.subarray(-4)).toEqual(Buffer.from([203, 0, 113, 9]));
  });

  it('accepts the question in another case (0x20 from upstream) but not another type', async () => {
    const up = await fake((query) => {
      const r = answerWithA(query, '203.0.113.1');
      r.write('EXAMPLE', 13, 'latin1');
      return r;
    });
    expect(await forwarder([up]).forward(q(), qEnd(q()), 'udp')).toBeDefined();
    const other = await fake((query) => {
      const r = answerWithA(query, '203.0.113.1');
      r.writeUInt16BE(T.AAAA, qEnd(query) - 4);
      return r;
    });
    expect(await forwarder([other], 200).forward(q(), qEnd(q()), 'udp')).toBeUndefined();
  });

  it('tries the next server when one does not answer in time, and gives up after the last', async () => {
    const silent = await fake(() => undefined);
    const good = await fake((query) => answerWithA(query, '203.0.113.2'));
    const started = Date.now();
    const reply = await forwarder([silent, good], 200).forward(q(), qEnd(q()), 'udp');
    expect(reply).toBeDefined();
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    expect(await forwarder([silent, silent], 100).forward(q(), qEnd(q()), 'udp')).toBeUndefined();
  });

  it('relays over TCP for TCP clients, large answers included', async () => {
    const up = await fake((query, transport) => (transport === 'tcp' ? answerWithA(query, '203.0.113.3', { extra: 200 }) : undefined));
    const reply = await forwarder([up]).forward(q(), qEnd(q()), 'tcp');
    expect(up.received[0]!.transport).toBe('tcp');
    expect(header(reply!)).toMatchObject({ id: 0x0abc, an: 201 });
  });

  it('fails over TCP to a server that refuses connections', async () => {
    const up = await fake((query) => answerWithA(query, '203.0.113.4'));
    const reply = await forwarder([{ address: '127.0.0.1', port: 1 }, up]).forward(q(), qEnd(q()), 'tcp');
    expect(reply).toBeDefined();
  });

  it('refuses work beyond its in-flight limit and settles everything on close', async () => {
    const silent = await fake(() => undefined);
    const f = new Forwarder([{ address: silent.address, port: silent.port }], 10_000, silentLogger(), 2);
    const a = f.forward(q(), qEnd(q()), 'udp');
    const b = f.forward(q(), qEnd(q()), 'udp');
    expect(await f.forward(q(), qEnd(q()), 'udp')).toBeUndefined();
    await f.close();
    expect(await Promise.all([a, b])).toEqual([undefined, undefined]);
  });
});
