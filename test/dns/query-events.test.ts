import { describe, expect, it } from 'vitest';
import { describeReply, typeName } from '../../src/dns/query-events.js';
import { buildQuery, T } from './wire.js';

/** A reply made from a query: QR set, the given rcode, flags and answer count. */
function reply(q: Buffer, opts: { rcode?: number; aa?: boolean; tc?: boolean; an?: number } = {}): Buffer {
  const r = Buffer.from(q);
  r[2] = 0x80 | (opts.aa ? 0x04 : 0) | (opts.tc ? 0x02 : 0) | (r[2]! & 0x01);
  r[3] = opts.rcode ?? 0;
  r.writeUInt16BE(opts.an ?? 0, 6);
  return r;
}

describe('describeReply', () => {
  it('reads the question back, lower-cased, and classifies own answers by rcode and count', () => {
    const q = buildQuery('Images.MAAS.io', T.AAAA);
    expect(describeReply(reply(q, { aa: true, an: 1 }), false)).toEqual({ name: 'images.maas.io', type: 'AAAA', answer: 'answer', own: true });
    expect(describeReply(reply(q, { aa: true }), false).answer).toBe('nodata');
    expect(describeReply(reply(q, { aa: true, tc: true }), false).answer).toBe('truncated');
    expect(describeReply(reply(q, { aa: true, rcode: 3 }), false).answer).toBe('nxdomain');
    expect(describeReply(reply(q, { rcode: 5 }), false)).toMatchObject({ answer: 'refused', own: false });
    expect(describeReply(reply(q, { rcode: 4 }), false).answer).toBe('notimp');
    expect(describeReply(reply(q, { rcode: 9 }), false).answer).toBe('other');
  });

  it('marks relayed answers as forwarded, whatever their rcode, except SERVFAIL', () => {
    const q = buildQuery('example.com', T.TXT);
    expect(describeReply(reply(q, { rcode: 3 }), true)).toEqual({ name: 'example.com', type: 'TXT', answer: 'forwarded', own: false });
    expect(describeReply(reply(q, { rcode: 2 }), true).answer).toBe('servfail');
  });

  it('copes with replies that carry no question or a broken one', () => {
    const bare = Buffer.alloc(12);
    bare[3] = 1;
    expect(describeReply(bare, false)).toEqual({ name: '', type: 'none', answer: 'formerr', own: false });
    const broken = reply(buildQuery('example.com', T.A)).subarray(0, 16);
    expect(describeReply(broken, false)).toMatchObject({ name: '', type: 'none' });
    expect(describeReply(Buffer.alloc(2), false)).toMatchObject({ type: 'none', answer: 'other' });
  });

  it('keeps type names to a bounded set', () => {
    expect([typeName(1), typeName(65), typeName(255), typeName(4242)]).toEqual(['A', 'HTTPS', 'ANY', 'other']);
  });
});
