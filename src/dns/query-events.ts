// What the responder tells its listeners (metrics, the status page) about each query it handled:
// the name and type asked and how it was answered. Read back from the reply, off the hot path's
// own data, and only when someone listens.
import { HEADER_LEN, RCODE } from './query.js';

/** answer: records given; nodata: the name exists, not that type; forwarded: relayed from a forwarder. */
export type DnsAnswer = 'answer' | 'nodata' | 'nxdomain' | 'refused' | 'truncated' | 'forwarded' | 'servfail' | 'formerr' | 'notimp' | 'other' | 'dropped';

export interface DnsQueryEvent {
  /** Lower-cased, without the trailing dot; '' when the reply carries no question. */
  name: string;
  /** The query type's mnemonic (A, AAAA, …), 'other' for rare ones, 'none' when the reply has no question. */
  type: string;
  answer: DnsAnswer;
  /** True when the appliance answered itself (an intercepted name), false when forwarded or refused. */
  own: boolean;
}

export interface DnsEvents {
  query: [DnsQueryEvent];
}

const TYPE_NAMES: Record<number, string> = {
  1: 'A', 2: 'NS', 5: 'CNAME', 6: 'SOA', 12: 'PTR', 15: 'MX', 16: 'TXT', 28: 'AAAA', 33: 'SRV', 43: 'DS',
  48: 'DNSKEY', 64: 'SVCB', 65: 'HTTPS', 99: 'SPF', 251: 'IXFR', 252: 'AXFR', 255: 'ANY', 257: 'CAA',
};

/** A type name with bounded cardinality (a metric label): the common ones by name, the rest 'other'. */
export function typeName(qtype: number): string {
  return TYPE_NAMES[qtype] ?? 'other';
}

/** Describes a reply the answerer built (`forwarded` false) or a forwarder's answer relayed (`true`). */
export function describeReply(reply: Buffer, forwarded: boolean): DnsQueryEvent {
  const q = question(reply);
  const rcode = reply.length >= 4 ? reply[3]! & 0x0f : -1;
  const aa = reply.length >= 3 && (reply[2]! & 0x04) !== 0;
  if (forwarded) return { ...q, answer: rcode === RCODE.SERVFAIL ? 'servfail' : 'forwarded', own: false };
  const truncated = reply.length >= 3 && (reply[2]! & 0x02) !== 0;
  const answers = reply.length >= 8 ? reply.readUInt16BE(6) : 0;
  let answer: DnsAnswer;
  if (rcode === RCODE.NOERROR) answer = truncated ? 'truncated' : answers > 0 ? 'answer' : 'nodata';
  else if (rcode === RCODE.NXDOMAIN) answer = 'nxdomain';
  else if (rcode === RCODE.REFUSED) answer = 'refused';
  else if (rcode === RCODE.FORMERR) answer = 'formerr';
  else if (rcode === RCODE.NOTIMP) answer = 'notimp';
  else answer = 'other';
  return { ...q, answer, own: aa };
}

function question(reply: Buffer): { name: string; type: string } {
  if (reply.length < HEADER_LEN || reply.readUInt16BE(4) !== 1) return { name: '', type: 'none' };
  const labels: string[] = [];
  let o = HEADER_LEN;
  while (o < reply.length) {
    const l = reply[o]!;
    if (l === 0) break;
    if (l & 0xc0 || o + 1 + l > reply.length) return { name: '', type: 'none' };
    labels.push(reply.toString('latin1', o + 1, o + 1 + l).toLowerCase());
    o += 1 + l;
  }
  if (o + 3 > reply.length) return { name: '', type: 'none' };
  return { name: labels.join('.'), type: typeName(reply.readUInt16BE(o + 1)) };
}
