import { Packet } from 'dns2';
import { describe, expect, it } from 'vitest';
import { addressRecords, optRecord, soaTemplate } from '../../src/dns/records.js';

/** Puts a record section behind a header and the question "q" so dns2 can decode it. */
function inPacket(records: Buffer, an: number, ns: number): Packet {
  const head = Buffer.from([0, 1, 0x84, 0, 0, 1, 0, an, 0, ns, 0, 0, 1, 0x71, 0, 0, 1, 0, 1]);
  return Packet.parse(Buffer.concat([head, records]));
}

describe('records', () => {
  it('encodes A and AAAA records owned by the question name', () => {
    const a = addressRecords(1, ['192.0.2.1', '198.51.100.7'], 30);
    expect(a.count).toBe(2);
    expect(a.bytes).toHaveLength(32);
    expect(inPacket(a.bytes, 2, 0).answers).toMatchObject([
      { name: 'q', type: 1, ttl: 30, address: '192.0.2.1' },
      { name: 'q', type: 1, ttl: 30, address: '198.51.100.7' },
    ]);
    const aaaa = addressRecords(28, ['2001:db8::1', '::1', 'fe80::1:2:3:4'], 30);
    expect(inPacket(aaaa.bytes, 3, 0).answers.map((r) => r.address)).toEqual(['2001:db8::1', '::1', 'fe80::1:2:3:4']);
  });

  it('encodes no records for no addresses', () => {
    expect(addressRecords(28, [], 60)).toEqual({ bytes: Buffer.alloc(0), count: 0 });
  });

  it('lays out the SOA template with three pointers to patch', () => {
    const soa = soaTemplate(45);
    expect(soa.pointers).toEqual([0, 12, 25]);
    // Point everything at "q" (offset 12) and decode.
    const bytes = Buffer.from(soa.bytes);
    for (const p of soa.pointers) bytes.writeUInt16BE(0xc00c, p);
    expect(inPacket(bytes, 0, 1).authorities[0]).toMatchObject({ name: 'q', type: 6, ttl: 45, primary: 'q', admin: 'hostmaster.q', serial: 1, minimum: 45 });
  });

  it('encodes an OPT record with size, extended rcode and DO', () => {
    expect(optRecord(1232, 1, true)).toEqual(Buffer.from([0, 0, 41, 0x04, 0xd0, 1, 0, 0x80, 0, 0, 0]));
    expect(optRecord(512, 0, false)).toEqual(Buffer.from([0, 0, 41, 0x02, 0x00, 0, 0, 0, 0, 0, 0]));
  });
});
