// Reads one DNS query message (RFC 1035 §4.1, EDNS0 OPT per RFC 6891) with a bounds check on every
// byte and no exceptions. This is the per-packet hot path, so it does not go through dns2: dns2
// reads bit by bit and silently skips records it cannot parse (an empty NOERROR for junk); dns2
// encodes our records once at start-up instead (records.ts).

export const RCODE = { NOERROR: 0, FORMERR: 1, SERVFAIL: 2, NXDOMAIN: 3, NOTIMP: 4, REFUSED: 5 } as const;
export const QTYPE = { A: 1, SOA: 6, AAAA: 28, OPT: 41, IXFR: 251, AXFR: 252 } as const;
export const QCLASS = { IN: 1, ANY: 255 } as const;

export const HEADER_LEN = 12;
const MAX_NAME_WIRE = 255;

export interface Edns {
  /** The requestor's UDP payload size (RFC 6891 §6.2.3); values below 512 count as 512. */
  udpSize: number;
  version: number;
  dnssecOk: boolean;
}

export interface Query {
  id: number;
  /** Recursion desired, copied into every answer. */
  rd: boolean;
  /** Checking disabled, copied into every answer. */
  cd: boolean;
  /** Lower-cased name without the trailing dot ("" for the root). */
  name: string;
  /** True when every label is letters, digits, '-' or '_': only such names can be intercepted. */
  plainName: boolean;
  /** Byte offset of each label's length byte, first label first. */
  labelOffsets: number[];
  qtype: number;
  qclass: number;
  /** End of the question section: bytes 12..questionEnd are echoed verbatim (0x20 case kept). */
  questionEnd: number;
  edns: Edns | undefined;
}

export type ReadResult =
  | { kind: 'query'; query: Query }
  /** Not a usable query: answer a bare header (id, rd) with this rcode. */
  | { kind: 'error'; rcode: number; id: number; rd: boolean }
  /** Not worth an answer: too short to hold a header, or itself a response (never reflect those). */
  | { kind: 'drop' };

const DROP: ReadResult = { kind: 'drop' };

export function readQuery(msg: Buffer): ReadResult {
  const len = msg.length;
  if (len < HEADER_LEN) return DROP;
  const flags = msg[2]!;
  if (flags & 0x80) return DROP;
  const id = msg.readUInt16BE(0);
  const rd = (flags & 0x01) !== 0;
  const fail = (rcode: number): ReadResult => ({ kind: 'error', rcode, id, rd });
  if ((flags & 0x78) !== 0) return fail(RCODE.NOTIMP);
  if (msg.readUInt16BE(4) !== 1) return fail(RCODE.FORMERR);

  const labelOffsets: number[] = [];
  let plainName = true;
  let chars = 0;
  let o = HEADER_LEN;
  for (;;) {
    if (o >= len) return fail(RCODE.FORMERR);
    const l = msg[o]!;
    if (l === 0) break;
    // A question has nothing before it to point at, so compression (0xc0) is as malformed here as
    // the reserved 0x40/0x80 label types.
    if (l & 0xc0) return fail(RCODE.FORMERR);
    if (o + 1 + l > len || o + 1 + l - HEADER_LEN >= MAX_NAME_WIRE) return fail(RCODE.FORMERR);
    labelOffsets.push(o);
    if (plainName) {
      if (chars > 0) nameScratch[chars++] = 0x2e;
      for (let i = o + 1; i <= o + l; i++) {
        const c = PLAIN_LOWER[msg[i]!]!;
        if (c === 0) {
          plainName = false;
          break;
        }
        nameScratch[chars++] = c;
      }
    }
    o += 1 + l;
  }
  o += 1;
  if (o + 4 > len) return fail(RCODE.FORMERR);
  const qtype = msg.readUInt16BE(o);
  const qclass = msg.readUInt16BE(o + 2);
  const questionEnd = o + 4;

  const edns = readAdditional(msg, questionEnd);
  if (edns === false) return fail(RCODE.FORMERR);
  return {
    kind: 'query',
    query: {
      id,
      rd,
      cd: (msg[3]! & 0x10) !== 0,
      name: plainName ? nameScratch.toString('latin1', 0, chars) : '',
      plainName,
      labelOffsets,
      qtype,
      qclass,
      questionEnd,
      edns,
    },
  };
}

/** Walks the answer, authority and additional sections; returns the OPT record, or false when malformed. */
function readAdditional(msg: Buffer, start: number): Edns | undefined | false {
  const before = msg.readUInt16BE(6) + msg.readUInt16BE(8);
  const additional = msg.readUInt16BE(10);
  let edns: Edns | undefined;
  let o = start;
  // Every record is at least 11 bytes, so running out of bytes bounds this loop.
  for (let i = 0; i < before + additional; i++) {
    const nameStart = o;
    o = skipName(msg, o);
    if (o < 0 || o + 10 > msg.length) return false;
    const type = msg.readUInt16BE(o);
    const rdlen = msg.readUInt16BE(o + 8);
    if (o + 10 + rdlen > msg.length) return false;
    if (type === QTYPE.OPT) {
      // One OPT, owned by the root, in the additional section only (RFC 6891 §6.1.1).
      if (i < before || edns !== undefined || o !== nameStart + 1) return false;
      const ttl = msg.readUInt32BE(o + 4);
      edns = { udpSize: Math.max(512, msg.readUInt16BE(o + 2)), version: (ttl >>> 16) & 0xff, dnssecOk: (ttl & 0x8000) !== 0 };
    }
    o += 10 + rdlen;
  }
  return edns;
}

/** Returns the offset after a (possibly compressed) name, or -1. Pointers end a name, so no loops. */
function skipName(msg: Buffer, start: number): number {
  let o = start;
  for (;;) {
    if (o >= msg.length) return -1;
    const l = msg[o]!;
    if (l === 0) return o + 1;
    if ((l & 0xc0) === 0xc0) return o + 2 <= msg.length ? o + 2 : -1;
    if (l & 0xc0) return -1;
    o += 1 + l;
    if (o - start >= MAX_NAME_WIRE) return -1;
  }
}

/** Lower-case form of each byte allowed in a plain name (letters, digits, '-', '_'); 0 for the rest. */
const PLAIN_LOWER = new Uint8Array(256);
for (let b = 0; b < 256; b++) {
  if ((b >= 0x61 && b <= 0x7a) || (b >= 0x30 && b <= 0x39) || b === 0x2d || b === 0x5f) PLAIN_LOWER[b] = b;
  else if (b >= 0x41 && b <= 0x5a) PLAIN_LOWER[b] = b | 0x20;
}

/** The name is assembled here (at most 253 characters) and turned into one string. */
const nameScratch = Buffer.alloc(256);
