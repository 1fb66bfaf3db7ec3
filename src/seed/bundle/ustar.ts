// POSIX ustar headers (plus pax extended headers for what ustar cannot hold), just enough for
// bundles: regular files only. Written by hand because a bundle is streamed with its own framing
// and checks; `tar tf` and `tar xf` read the result.
export const BLOCK = 512;
export const RECORD = 10_240;

/** Largest size the 11 octal digits of a ustar size field hold (8 GiB - 1). */
const MAX_OCTAL_SIZE = 0o77777777777;

export type EntryType = 'file' | 'pax' | 'pax-global' | 'other';

export interface TarHeader {
  name: string;
  size: number;
  type: EntryType;
  /** The raw typeflag byte, for messages about entries a bundle never has. */
  flag: string;
  /** Seconds since the epoch. */
  mtime: number;
}

export function encodeHeader(h: { name: string; size: number; mtime: number; flag?: string }): Buffer {
  const b = Buffer.alloc(BLOCK);
  const name = Buffer.from(h.name, 'utf8');
  if (name.length > 100) throw new Error(`tar entry name longer than 100 bytes needs a pax header: ${h.name}`);
  name.copy(b, 0);
  writeOctal(b, 100, 8, 0o644);
  writeOctal(b, 108, 8, 0);
  writeOctal(b, 116, 8, 0);
  if (h.size <= MAX_OCTAL_SIZE) writeOctal(b, 124, 12, h.size);
  else writeBase256(b, 124, 12, h.size);
  writeOctal(b, 136, 12, Math.floor(h.mtime));
  b.write(h.flag ?? '0', 156, 'latin1');
  b.write('ustar\u000000', 257, 'latin1');
  b.write('root', 265, 'latin1');
  b.write('root', 297, 'latin1');
  b.fill(' ', 148, 156);
  const sum = checksum(b);
  b.write(sum.toString(8).padStart(6, '0') + '\u0000 ', 148, 'latin1');
  return b;
}

/** A pax extended header entry (header plus padded records) carrying `fields` for the next entry. */
export function encodePax(fields: Record<string, string>, mtime: number): Buffer {
  const records = Object.entries(fields).map(([k, v]) => paxRecord(k, v));
  const body = Buffer.concat(records);
  return Buffer.concat([encodeHeader({ name: 'PaxHeader', size: body.length, mtime, flag: 'x' }), body, Buffer.alloc(padding(body.length))]);
}

function paxRecord(key: string, value: string): Buffer {
  const rest = ` ${key}=${value}\n`;
  const restLen = Buffer.byteLength(rest);
  let len = restLen + 1;
  while (String(len).length + restLen !== len) len = String(len).length + restLen;
  return Buffer.from(`${len}${rest}`, 'utf8');
}

export function parsePax(body: Buffer): Record<string, string> {
  const out: Record<string, string> = {};
  let off = 0;
  while (off < body.length) {
    const space = body.indexOf(0x20, off);
    const len = Number(body.toString('latin1', off, space));
    if (space < 0 || !Number.isInteger(len) || len <= 0 || off + len > body.length) throw new Error('malformed pax header');
    const record = body.toString('utf8', space + 1, off + len - 1);
    const eq = record.indexOf('=');
    if (eq <= 0) throw new Error('malformed pax record');
    out[record.slice(0, eq)] = record.slice(eq + 1);
    off += len;
  }
  return out;
}

/** Decodes one header block; `end` for the all-zero block that marks the end of an archive. */
export function decodeHeader(b: Buffer): TarHeader | 'end' {
  if (b.every((x) => x === 0)) return 'end';
  const stored = readOctal(b, 148, 8);
  const copy = Buffer.from(b);
  copy.fill(' ', 148, 156);
  if (stored !== checksum(copy)) throw new Error('tar header checksum mismatch');
  if (b.toString('latin1', 257, 262) !== 'ustar') throw new Error('not a ustar header');
  const flag = b.toString('latin1', 156, 157);
  const prefix = cString(b, 345, 155);
  const name = cString(b, 0, 100);
  return {
    name: prefix ? `${prefix}/${name}` : name,
    size: (b[124]! & 0x80) !== 0 ? readBase256(b, 124, 12) : readOctal(b, 124, 12),
    type: flag === '0' || flag === '\u0000' ? 'file' : flag === 'x' ? 'pax' : flag === 'g' ? 'pax-global' : 'other',
    flag,
    mtime: readOctal(b, 136, 12),
  };
}

export function padding(size: number): number {
  return (BLOCK - (size % BLOCK)) % BLOCK;
}

function checksum(b: Buffer): number {
  let sum = 0;
  for (const x of b) sum += x;
  return sum;
}

function writeOctal(b: Buffer, off: number, len: number, value: number): void {
  b.write(value.toString(8).padStart(len - 1, '0') + '\u0000', off, len, 'latin1');
}

/** GNU base-256: the top bit of the first byte set, the value big-endian in the rest. */
function writeBase256(b: Buffer, off: number, len: number, value: number): void {
  let v = BigInt(value);
  for (let i = off + len - 1; i > off; i--) {
    b[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  b[off] = 0x80;
}

function readBase256(b: Buffer, off: number, len: number): number {
  let v = BigInt(b[off]! & 0x7f);
  for (let i = off + 1; i < off + len; i++) v = (v << 8n) | BigInt(b[i]!);
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new Error('tar size field out of range');
  return Number(v);
}

function readOctal(b: Buffer, off: number, len: number): number {
  const s = cString(b, off, len).trim();
  if (!/^[0-7]*$/.test(s)) throw new Error('malformed octal field in tar header');
  return s === '' ? 0 : parseInt(s, 8);
}

function cString(b: Buffer, off: number, len: number): string {
  const end = b.indexOf(0, off);
  return b.toString('utf8', off, end === -1 || end > off + len ? off + len : end);
}
