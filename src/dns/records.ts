// The byte strings every intercepted answer is made of, encoded once at start-up with dns2 and then
// only copied: answer records owned by the question name (a compression pointer to byte 12), and a
// negative-answer SOA whose name pointers are patched to the zone apex of each reply.
import { Packet } from 'dns2';
import { QCLASS, QTYPE } from './query.js';

export interface RecordSet {
  bytes: Buffer;
  count: number;
}

export interface SoaTemplate {
  bytes: Buffer;
  /** Offsets in `bytes` of the 16-bit pointers (owner, MNAME, inside RNAME) to the zone apex. */
  pointers: readonly number[];
}

const SOA_TIMERS = { serial: 1, refresh: 3600, retry: 600, expiration: 86_400 };

/** A or AAAA records for the question name, one per address. */
export function addressRecords(type: typeof QTYPE.A | typeof QTYPE.AAAA, addresses: readonly string[], ttl: number): RecordSet {
  const packet = new Packet();
  packet.questions.push(new Packet.Question({ name: 'q', type, class: QCLASS.IN }));
  for (const address of addresses) packet.answers.push(new Packet.Resource({ name: 'q', type, class: QCLASS.IN, ttl, address }));
  // Header, then the question "\x01q\x00" + type + class: 12 + 7 bytes.
  const bytes = Buffer.from(packet.toBuffer().subarray(19));
  for (let i = 0, o = 0; i < addresses.length; i++) {
    if (bytes.readUInt16BE(o) !== 0xc00c) throw new Error(`dns2 did not compress answer ${i} to the question name`);
    o += 12 + bytes.readUInt16BE(o + 10);
  }
  return { bytes, count: addresses.length };
}

/** SOA for NXDOMAIN and NODATA answers so resolvers cache the negative answer for `ttl` (RFC 2308). */
export function soaTemplate(ttl: number): SoaTemplate {
  const packet = new Packet();
  // Question "h.z": the name "z" lands at offset 14, so every reference to it becomes pointer 0xc00e.
  packet.questions.push(new Packet.Question({ name: 'h.z', type: QTYPE.SOA, class: QCLASS.IN }));
  packet.authorities.push(
    new Packet.Resource({ name: 'z', type: QTYPE.SOA, class: QCLASS.IN, ttl, primary: 'z', admin: 'hostmaster.z', ...SOA_TIMERS, minimum: ttl }),
  );
  const bytes = Buffer.from(packet.toBuffer().subarray(12 + 9));
  const pointers = [0, 12, 12 + 2 + 11];
  for (const p of pointers) if (bytes.readUInt16BE(p) !== 0xc00e) throw new Error('dns2 laid out the SOA template unexpectedly');
  return { bytes, pointers };
}

/** Our OPT record (RFC 6891): root owner, the UDP size we accept, no options. */
export function optRecord(udpSize: number, extendedRcode: number, dnssecOk: boolean): Buffer {
  const opt = Buffer.alloc(11);
  opt.writeUInt16BE(QTYPE.OPT, 1);
  opt.writeUInt16BE(udpSize, 3);
  opt[5] = extendedRcode;
  if (dnssecOk) opt[7] = 0x80;
  return opt;
}
