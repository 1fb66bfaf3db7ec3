import { describe, expect, it } from 'vitest';
import { defaultHostGroups } from '../../src/config/schema.js';
import { Answerer } from '../../src/dns/answerer.js';
import type { Forwarder } from '../../src/dns/forwarder.js';
import { Responder } from '../../src/dns/responder.js';
import { silentLogger } from '../../src/log.js';
import { answerWithA } from './net.js';
import { buildQuery, header, T } from './wire.js';

const answerer = (forwarding: boolean) =>
  new Answerer({ hostGroups: defaultHostGroups(), ipv4: ['192.0.2.1'], ipv6: [], ttl: 60, forwarding, isAllowed: (a) => a === '10.0.0.1' });

function stubForwarder(result: (q: Buffer) => Promise<Buffer | undefined>): Forwarder {
  return { forward: (q: Buffer) => result(q), close: async () => undefined } as unknown as Forwarder;
}

function handle(r: Responder, msg: Buffer, address = '10.0.0.1', transport: 'udp' | 'tcp' = 'udp') {
  const sent: Buffer[] = [];
  let resolveSent: (b: Buffer) => void = () => undefined;
  const next = new Promise<Buffer>((res) => (resolveSent = res));
  const outcome = r.handle(msg, transport, address, (b) => {
    sent.push(b);
    resolveSent(b);
  });
  return { outcome, sent, next };
}

describe('Responder', () => {
  it('answers intercepted names at once', () => {
    const { outcome, sent } = handle(new Responder(answerer(false), undefined, silentLogger()), buildQuery('archive.ubuntu.com', T.A));
    expect(outcome).toBe('answered');
    expect(header(sent[0]!).an).toBe(1);
  });

  it('drops what the answerer drops, and sends nothing', () => {
    const { outcome, sent } = handle(new Responder(answerer(false), undefined, silentLogger()), Buffer.alloc(5));
    expect(outcome).toBe('dropped');
    expect(sent).toEqual([]);
  });

  it('sends the forwarder answer later, exactly once', async () => {
    const r = new Responder(answerer(true), stubForwarder(async (q) => answerWithA(q, '203.0.113.5')), silentLogger());
    const { outcome, sent, next } = handle(r, buildQuery('example.com', T.A));
    expect(outcome).toBe('forwarding');
    expect(sent).toEqual([]);
    expect((await next).subarray(-4)).toEqual(Buffer.from([203, 0, 113, 5]));
    await new Promise((res) => setTimeout(res, 10));
    expect(sent).toHaveLength(1);
  });

  it('answers SERVFAIL when forwarding fails or throws', async () => {
    for (const fail of [async () => undefined, async () => Promise.reject(new Error('boom'))]) {
      const r = new Responder(answerer(true), stubForwarder(fail), silentLogger());
      const { next } = handle(r, buildQuery('example.com', T.A, { id: 77 }));
      expect(header(await next)).toMatchObject({ id: 77, rcode: 2, qd: 1 });
    }
  });

  it('refuses clients outside the allowed networks without asking the forwarder', () => {
    let asked = 0;
    const r = new Responder(answerer(true), stubForwarder(async () => (asked++, undefined)), silentLogger());
    const { outcome, sent } = handle(r, buildQuery('example.com', T.A), '198.51.100.1');
    expect(outcome).toBe('answered');
    expect(header(sent[0]!).rcode).toBe(5);
    expect(asked).toBe(0);
  });
});
