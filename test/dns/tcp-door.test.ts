import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultHostGroups } from '../../src/config/schema.js';
import { Answerer } from '../../src/dns/answerer.js';
import type { Forwarder } from '../../src/dns/forwarder.js';
import { Responder } from '../../src/dns/responder.js';
import { createTcpDoor, tcpDoorDefaults, type TcpDoorOptions } from '../../src/dns/tcp-door.js';
import { silentLogger } from '../../src/log.js';
import { answerWithA, tcpAsk } from './net.js';
import { buildQuery, header, T } from './wire.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((c) => c()));
});

/** Forwards with a delay per name: "slow.example" takes 150 ms, anything else 10 ms. */
const slowForwarder = {
  forward: (q: Buffer) => new Promise<Buffer>((r) => setTimeout(() => r(answerWithA(q, '203.0.113.1')), q.includes(Buffer.from('slow')) ? 150 : 10)),
  close: async () => undefined,
} as unknown as Forwarder;

async function door(opts: Partial<TcpDoorOptions> = {}): Promise<number> {
  const answerer = new Answerer({ hostGroups: defaultHostGroups(), ipv4: ['192.0.2.1'], ipv6: [], ttl: 60, forwarding: true, isAllowed: () => true });
  const d = createTcpDoor(new Responder(answerer, slowForwarder, silentLogger()), silentLogger(), { ...tcpDoorDefaults, ...opts });
  await new Promise<void>((r) => d.server.listen(0, '127.0.0.1', () => r()));
  cleanups.push(() => new Promise<void>((r) => (d.closeAll(), d.server.close(() => r()))));
  return (d.server.address() as AddressInfo).port;
}

describe('TCP door', () => {
  it('answers several queries on one connection, sent together or one by one', async () => {
    const port = await door();
    const msgs = [1, 2, 3].map((id) => buildQuery('archive.ubuntu.com', T.A, { id }));
    for (const separately of [false, true]) {
      const { replies } = await tcpAsk(port, msgs, { separately });
      expect(replies.map((r) => header(r).id)).toEqual([1, 2, 3]);
    }
  });

  it('lets a fast forwarded answer overtake a slow one', async () => {
    const port = await door();
    const { replies } = await tcpAsk(port, [buildQuery('slow.example', T.A, { id: 1 }), buildQuery('fast.example', T.A, { id: 2 }), buildQuery('archive.ubuntu.com', T.A, { id: 3 })]);
    expect(replies.map((r) => header(r).id)).toEqual([3, 2, 1]);
  });

  it('still answers forwarded queries after the client half-closes, then closes', async () => {
    const port = await door();
    const { replies, closed } = await tcpAsk(port, [buildQuery('slow.example', T.A, { id: 5 })], { end: true, expect: 2 });
    expect(replies.map((r) => header(r).id)).toEqual([5]);
    expect(closed).toBe(true);
  });

  it('closes the connection on a message it must drop, after answering the ones before', async () => {
    const port = await door();
    const { replies, closed } = await tcpAsk(port, [buildQuery('archive.ubuntu.com', T.A, { id: 1 }), Buffer.from('junk'), buildQuery('archive.ubuntu.com', T.A, { id: 2 })], { expect: 3 });
    expect(replies.map((r) => header(r).id)).toEqual([1]);
    expect(closed).toBe(true);
  });

  it('closes idle connections', async () => {
    const port = await door({ idleTimeoutMs: 100 });
    const started = Date.now();
    const { closed } = await tcpAsk(port, [], { expect: 1 });
    expect(closed).toBe(true);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('pauses a connection with too many forwards in flight and resumes it', async () => {
    const port = await door({ maxInFlight: 2 });
    const msgs = Array.from({ length: 8 }, (_, i) => buildQuery(`q${i}.example`, T.A, { id: i }));
    const { replies } = await tcpAsk(port, msgs);
    expect(replies.map((r) => header(r).id).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });
});
