import { describe, expect, it } from 'vitest';
import { readQuery, type Query } from '../../src/dns/query.js';
import { buildQuery, T } from './wire.js';

function query(msg: Buffer): Query {
  const r = readQuery(msg);
  if (r.kind !== 'query') throw new Error(`expected a query, got ${JSON.stringify(r)}`);
  return r.query;
}

describe('readQuery', () => {
  it('reads id, flags, a lower-cased name with its label offsets, type, class and the question end', () => {
    const msg = buildQuery('Gb.Archive.Ubuntu.com', T.AAAA, { id: 7, rd: false, cd: true });
    expect(query(msg)).toEqual({
      id: 7,
      rd: false,
      cd: true,
      name: 'gb.archive.ubuntu.com',
      plainName: true,
      labelOffsets: [12, 15, 23, 30],
      qtype: T.AAAA,
      qclass: 1,
      questionEnd: msg.length,
      edns: undefined,
    });
  });

  it('reads the root name', () => {
    expect(query(buildQuery('', T.NS))).toMatchObject({ name: '', labelOffsets: [], plainName: true });
  });

  it('marks names with bytes beyond letters, digits, - and _ as not plain', () => {
    const q = query(buildQuery('a b.example', T.A));
    expect(q.plainName).toBe(false);
    expect(q.name).toBe('');
    expect(query(buildQuery('_dmarc.my-host.example', T.TXT)).plainName).toBe(true);
  });

  it('reads EDNS: payload size (at least 512), version and DO', () => {
    expect(query(buildQuery('a.example', T.A, { edns: { udpSize: 4096, dnssecOk: true } })).edns).toEqual({ udpSize: 4096, version: 0, dnssecOk: true });
    expect(query(buildQuery('a.example', T.A, { edns: { udpSize: 100, version: 2 } })).edns).toEqual({ udpSize: 512, version: 2, dnssecOk: false });
  });

  it('drops short messages and responses; FORMERR and NOTIMP carry id and rd', () => {
    expect(readQuery(Buffer.alloc(11))).toEqual({ kind: 'drop' });
    const resp = buildQuery('a.example', T.A);
    resp[2]! |= 0x80;
    expect(readQuery(resp)).toEqual({ kind: 'drop' });
    expect(readQuery(buildQuery('a.example', T.A, { id: 9 }).subarray(0, 20))).toEqual({ kind: 'error', rcode: 1, id: 9, rd: true });
    expect(readQuery(buildQuery('a.example', T.A, { id: 9, opcode: 4, rd: false }))).toEqual({ kind: 'error', rcode: 4, id: 9, rd: false });
  });
});
