// Reads a tar front to back from any byte stream, once, without seeking: entry headers (pax
// fields applied), then each body as a stream of slices of the source's own chunks (no copies).
import { BLOCK, decodeHeader, padding, parsePax, type TarHeader } from './ustar.js';

export class TruncatedError extends Error {}

export interface TarEntry extends TarHeader {
  /** Byte offset of the entry's body in the archive. */
  offset: number;
}

export class TarReader {
  private readonly it: AsyncIterator<Buffer>;
  private chunk: Buffer = Buffer.alloc(0);
  private pendingBody = 0;
  private pendingPad = 0;
  /** Bytes consumed from the source so far. */
  position = 0;

  constructor(source: AsyncIterable<Buffer>) {
    this.it = source[Symbol.asyncIterator]();
  }

  /** The next entry, or undefined at the end-of-archive marker. A body not read is skipped. */
  async next(): Promise<TarEntry | undefined> {
    if (this.pendingBody > 0) for await (const _ of this.body()) void _;
    let pax: Record<string, string> = {};
    for (;;) {
      const block = await this.exact(BLOCK, 'a tar header');
      const h = decodeHeader(block);
      if (h === 'end') return undefined;
      if (h.type === 'pax' || h.type === 'pax-global') {
        this.startBody(h.size);
        const fields = parsePax(await this.readBody(h.size, 1 << 20));
        if (h.type === 'pax') pax = fields;
        continue;
      }
      const size = pax.size !== undefined ? Number(pax.size) : h.size;
      if (!Number.isSafeInteger(size) || size < 0) throw new Error(`bad size in tar header of ${h.name}`);
      this.startBody(size);
      return { ...h, name: pax.path ?? h.name, size, offset: this.position };
    }
  }

  /** The current entry's whole body, refused when it is larger than `max` bytes. */
  async readBody(size: number, max: number): Promise<Buffer> {
    if (size > max) throw new Error(`tar entry of ${size} bytes is larger than the ${max} allowed`);
    const parts: Buffer[] = [];
    for await (const part of this.body()) parts.push(part);
    return Buffer.concat(parts, size);
  }

  /** The current entry's body; consume it fully before asking for the next entry. */
  async *body(): AsyncGenerator<Buffer> {
    while (this.pendingBody > 0) {
      if (this.chunk.length === 0 && !(await this.pull())) throw new TruncatedError(`archive ends ${this.pendingBody} bytes before the end of an entry`);
      const n = Math.min(this.pendingBody, this.chunk.length);
      const part = this.chunk.subarray(0, n);
      this.take(n);
      this.pendingBody -= n;
      if (this.pendingBody === 0 && this.pendingPad > 0) await this.exact(this.pendingPad, 'tar padding');
      yield part;
    }
  }

  /** After the end marker: only zero blocks may follow. */
  async expectOnlyZeros(): Promise<void> {
    for (;;) {
      if (this.chunk.length === 0 && !(await this.pull())) return;
      if (!this.chunk.every((x) => x === 0)) throw new Error('data after the end-of-archive marker');
      this.take(this.chunk.length);
    }
  }

  private startBody(size: number): void {
    this.pendingBody = size;
    this.pendingPad = padding(size);
  }

  private async exact(n: number, what: string): Promise<Buffer> {
    if (this.chunk.length >= n) {
      const out = this.chunk.subarray(0, n);
      this.take(n);
      return out;
    }
    const parts: Buffer[] = [];
    let need = n;
    while (need > 0) {
      if (this.chunk.length === 0 && !(await this.pull())) throw new TruncatedError(`archive ends in the middle of ${what}`);
      const k = Math.min(need, this.chunk.length);
      parts.push(this.chunk.subarray(0, k));
      this.take(k);
      need -= k;
    }
    return Buffer.concat(parts, n);
  }

  private take(n: number): void {
    this.chunk = this.chunk.subarray(n);
    this.position += n;
  }

  private async pull(): Promise<boolean> {
    const r = await this.it.next();
    if (r.done) return false;
    this.chunk = Buffer.isBuffer(r.value) ? r.value : Buffer.from(r.value as Uint8Array);
    return true;
  }
}
