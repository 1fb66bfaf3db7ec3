// Test helpers: hand-built query bytes (exact case, exact flags) and a decoder for replies.
import { Packet } from 'dns2';

export interface QueryOptions {
  id?: number;
  rd?: boolean;
  cd?: boolean;
  opcode?: number;
  qclass?: number;
  edns?: { udpSize?: number; version?: number; dnssecOk?: boolean; options?: Buffer };
}

export function encodeName(name: string): Buffer {
  const parts = name === '' || name === '.' ? [] : name.replace(/\.$/, '').split('.');
  return Buffer.concat([...parts.map((p) => Buffer.concat([Buffer.from([p.length]), Buffer.from(p, 'latin1')])), Buffer.from([0])]);
}

export function buildQuery(name: string, qtype: number, opts: QueryOptions = {}): Buffer {
  const header = Buffer.alloc(12);
  header.writeUInt16BE(opts.id ?? 0x1234, 0);
  header[2] = ((opts.opcode ?? 0) << 3) | (opts.rd === false ? 0 : 0x01);
  header[3] = opts.cd ? 0x10 : 0;
  header.writeUInt16BE(1, 4);
  header.writeUInt16BE(opts.edns ? 1 : 0, 10);
  const tail = Buffer.alloc(4);
  tail.writeUInt16BE(qtype, 0);
  tail.writeUInt16BE(opts.qclass ?? 1, 2);
  const parts = [header, encodeName(name), tail];
  if (opts.edns) parts.push(optRecord(opts.edns));
  return Buffer.concat(parts);
}

export function optRecord(e: NonNullable<QueryOptions['edns']>): Buffer {
  const options = e.options ?? Buffer.alloc(0);
  const opt = Buffer.alloc(11 + options.length);
  opt.writeUInt16BE(41, 1);
  opt.writeUInt16BE(e.udpSize ?? 1232, 3);
  opt[6] = e.version ?? 0;
  if (e.dnssecOk) opt[7] = 0x80;
  opt.writeUInt16BE(options.length, 9);
  options.copy(opt, 11);
  return opt;
}

export interface Header {
  id: number;
  qr: boolean;
  opcode: number;
  aa: boolean;
  tc: boolean;
  rd: boolean;
  ra: boolean;
  cd: boolean;
  rcode: number;
  qd: number;
  an: number;
  ns: number;
  ar: number;
}

export function header(msg: Buffer): Header {
  return {
    id: msg.readUInt16BE(0),
    qr: (msg[2]! & 0x80) !== 0,
    opcode: (msg[2]! >> 3) & 0x0f,
    aa: (msg[2]! & 0x04) !== 0,
    tc: (msg[2]! & 0x02) !== 0,
    rd: (msg[2]! & 0x01) !== 0,
    ra: (msg[3]! & 0x80) !== 0,
    cd: (msg[3]! & 0x10) !== 0,
    rcode: msg[3]! & 0x0f,
    qd: msg.readUInt16BE(4),
    an: msg.readUInt16BE(6),
    ns: msg.readUInt16BE(8),
    ar: msg.readUInt16BE(10),
  };
}

/** Decodes a reply with dns2, which must consume it exactly (its reader skips bad records silently). */
export function decode(msg: Buffer): Packet {
  const p = Packet.parse(msg);
  const h = header(msg);
  if (p.questions.length !== h.qd || p.answers.length !== h.an || p.authorities.length !== h.ns || p.additionals.length !== h.ar) {
    throw new Error('dns2 could not decode every record of the reply');
  }
  return p;
}

export const T = { A: 1, NS: 2, SOA: 6, MX: 15, TXT: 16, AAAA: 28, SRV: 33, OPT: 41, HTTPS: 65, IXFR: 251, AXFR: 252, ANY: 255 } as const;
