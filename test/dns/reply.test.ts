import { describe, expect, it } from 'vitest';
import { readQuery, type Query } from '../../src/dns/query.js';
import { addressRecords, soaTemplate } from '../../src/dns/records.js';
import { buildReply, headerOnlyReply, replyLimit } from '../../src/dns/reply.js';
import { buildQuery, decode, header, T } from './wire.js';

function parsed(msg: Buffer): Query {
  const r = readQuery(msg);
  if (r.kind !== 'query') throw new Error('bad query');
  return r.query;
}

describe('reply', () => {
  it('limits UDP to 512 bytes without EDNS, to the EDNS size capped at 1232 with it, and TCP to 64 KiB', () => {
    expect(replyLimit(parsed(buildQuery('a.example', T.A)), 'udp')).toBe(512);
    expect(replyLimit(parsed(buildQuery('a.example', T.A, { edns: { udpSize: 800 } })), 'udp')).toBe(800);
    expect(replyLimit(parsed(buildQuery('a.example', T.A, { edns: { udpSize: 65000 } })), 'udp')).toBe(1232);
    expect(replyLimit(parsed(buildQuery('a.example', T.A)), 'tcp')).toBe(65535);
  });

  it('builds answers and negative answers that decode, with the SOA at the apex offset', () => {
    const msg = buildQuery('X.Archive.Ubuntu.Com', T.AAAA, { id: 3 });
    const q = parsed(msg);
    const nodata = buildReply(msg, q, { rcode: 0, aa: true, ra: false, soa: { template: soaTemplate(60), apex: 14 } }, 512);
    expect(decode(nodata).authorities[0]!.name).toBe('Archive.Ubuntu.Com');
    const answer = buildReply(msg, q, { rcode: 0, aa: true, ra: true, answers: addressRecords(28, ['2001:db8::5'], 60) }, 512);
    expect(header(answer)).toMatchObject({ id: 3, aa: true, ra: true, an: 1 });
    expect(decode(answer).answers[0]).toMatchObject({ name: 'X.Archive.Ubuntu.Com', address: '2001:db8::5' });
  });

  it('truncates to question and OPT when over the limit', () => {
    const msg = buildQuery('a.example', T.A, { edns: {} });
    const out = buildReply(msg, parsed(msg), { rcode: 0, aa: true, ra: false, answers: addressRecords(1, ['192.0.2.1'], 60) }, 40);
    expect(header(out)).toMatchObject({ tc: true, an: 0, ns: 0, ar: 1, qd: 1 });
  });

  it('builds a bare header reply', () => {
    expect(headerOnlyReply(0xabcd, true, 1)).toEqual(Buffer.from([0xab, 0xcd, 0x81, 0x01, 0, 0, 0, 0, 0, 0, 0, 0]));
  });
});
