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
  return r.handle(msg, transport, address);
}

describe('Responder', () => {
  it('answers intercepted names at once', () => {
    const outcome = handle(new Responder(answerer(false), undefined, silentLogger()), buildQuery('archive.ubuntu.com', T.A));
    expect(Buffer.isBuffer(outcome)).toBe(true);
    expect(header(outcome as Buffer).an).toBe(1);
  });

  it('drops what the answerer drops', () => {
    expect(handle(new Responder(answerer(false), undefined, silentLogger()), Buffer.alloc(5))).toBeUndefined();
  });

  it('gives the forwarder answer later', async () => {
    const r = new Responder(answerer(true), stubForwarder(async (q) => answerWithA(q, '203.0.113.5')), silentLogger());
    const outcome = handle(r, buildQuery('example.com', T.A));
    expect(outcome).toBeInstanceOf(Promise);
    expect((await outcome)!.subarray(-4)).toEqual(Buffer.from([203, 0, 113, 5]));
  });

  it('answers SERVFAIL when forwarding fails or throws', async () => {
    for (const fail of [async () => undefined, async () => Promise.reject(new Error('boom'))]) {
      const r = new Responder(answerer(true), stubForwarder(fail), silentLogger());
      const outcome = handle(r, buildQuery('example.com', T.A, { id: 77 }));
      expect(header((await outcome)!)).toMatchObject({ id: 77, rcode: 2, qd: 1 });
    }
  });

  it('refuses clients outside the allowed networks without asking the forwarder', () => {
    let asked = 0;
    const r = new Responder(answerer(true), stubForwarder(async () => (asked++, undefined)), silentLogger());
    const outcome = handle(r, buildQuery('example.com', T.A), '198.51.100.1');
    expect(header(outcome as Buffer).rcode).toBe(5);
    expect(asked).toBe(0);
  });
  it('tells query listeners the name, type and how each query ended', async () => {
    const r = new Responder(answerer(true), stubForwarder(async (q) => (q.includes(Buffer.from('fails')) ? undefined : answerWithA(q, '203.0.113.5'))), silentLogger());
    const heard: unknown[] = [];
    r.on('query', (e) => heard.push(e));
    handle(r, buildQuery('Archive.Ubuntu.com', T.A));
    handle(r, buildQuery('archive.ubuntu.com', T.MX));
    handle(r, buildQuery('nope.images.maas.io', T.AAAA));
    handle(r, buildQuery('example.com', T.A), '198.51.100.1');
    await handle(r, buildQuery('example.com', T.TXT));
    await handle(r, buildQuery('fails.example.com', T.HTTPS));
    handle(r, Buffer.alloc(5));
    expect(heard).toEqual([
      { name: 'archive.ubuntu.com', type: 'A', answer: 'answer', own: true },
      { name: 'archive.ubuntu.com', type: 'MX', answer: 'nodata', own: true },
      { name: 'nope.images.maas.io', type: 'AAAA', answer: 'nxdomain', own: true },
      { name: 'example.com', type: 'A', answer: 'refused', own: false },
      { name: 'example.com', type: 'TXT', answer: 'forwarded', own: false },
      { name: 'fails.example.com', type: 'HTTPS', answer: 'servfail', own: false },
      { name: '', type: 'none', answer: 'dropped', own: false },
    ]);
  });
});
