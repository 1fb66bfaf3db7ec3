// Builds reply messages from a query's own bytes: header, the question echoed verbatim (so 0x20
// mixed case comes back as sent), precomputed records, and an OPT when the query had one.
import { HEADER_LEN, type Query } from './query.js';
import { optRecord, type RecordSet, type SoaTemplate } from './records.js';

/** The UDP payload size we advertise and the most we send unfragmented (DNS flag day 2020). */
export const OUR_UDP_SIZE = 1232;
const NO_EDNS_UDP_LIMIT = 512;
export const BADVERS = 16;

export interface ReplyParts {
  rcode: number;
  /** Authoritative: set for the names we answer ourselves. */
  aa: boolean;
  /** Recursion available: set when forwarding is configured. */
  ra: boolean;
  answers?: RecordSet;
  /** A negative answer's SOA, its name pointing at the zone apex at this wire offset. */
  soa?: { template: SoaTemplate; apex: number };
}

/** The largest reply a client can take over this transport. */
export function replyLimit(q: Query, transport: 'udp' | 'tcp'): number {
  if (transport === 'tcp') return 65_535;
  return q.edns ? Math.min(q.edns.udpSize, OUR_UDP_SIZE) : NO_EDNS_UDP_LIMIT;
}

export function buildReply(msg: Buffer, q: Query, parts: ReplyParts, limit: number): Buffer {
  const qlen = q.questionEnd - HEADER_LEN;
  const answers = parts.answers;
  const soa = parts.soa;
  const body = (answers ? answers.bytes.length : 0) + (soa ? soa.template.bytes.length : 0);
  const optLen = q.edns ? 11 : 0;
  const truncated = HEADER_LEN + qlen + body + optLen > limit;
  const out = Buffer.allocUnsafe(HEADER_LEN + qlen + (truncated ? 0 : body) + optLen);
  writeHeader(out, q, parts, truncated);
  msg.copy(out, HEADER_LEN, HEADER_LEN, q.questionEnd);
  let o = q.questionEnd;
  if (!truncated) {
    out.writeUInt16BE(answers ? answers.count : 0, 6);
    out.writeUInt16BE(soa ? 1 : 0, 8);
    if (answers) o += answers.bytes.copy(out, o);
    if (soa) {
      soa.template.bytes.copy(out, o);
      for (const p of soa.template.pointers) out.writeUInt16BE(0xc000 | soa.apex, o + p);
      o += soa.template.bytes.length;
    }
  }
  if (q.edns) optRecord(OUR_UDP_SIZE, parts.rcode >> 4, q.edns.dnssecOk).copy(out, o);
  return out;
}

function writeHeader(out: Buffer, q: Query, parts: ReplyParts, truncated: boolean): void {
  out.writeUInt16BE(q.id, 0);
  out[2] = 0x80 | (parts.aa ? 0x04 : 0) | (truncated ? 0x02 : 0) | (q.rd ? 0x01 : 0);
  out[3] = (parts.ra ? 0x80 : 0) | (q.cd ? 0x10 : 0) | (parts.rcode & 0x0f);
  out.writeUInt16BE(1, 4);
  out.writeUInt32BE(0, 6);
  out.writeUInt16BE(q.edns ? 1 : 0, 10);
}

/** A reply of a bare header, for messages too malformed to echo (FORMERR) or of an unknown opcode. */
export function headerOnlyReply(id: number, rd: boolean, rcode: number): Buffer {
  const out = Buffer.alloc(HEADER_LEN);
  out.writeUInt16BE(id, 0);
  out[2] = 0x80 | (rd ? 0x01 : 0);
  out[3] = rcode & 0x0f;
  return out;
}
