// Appends ustar entries to an open file, sequentially. Payloads come as chunk streams and are
// counted: an entry whose bytes differ from the size in its header is an error, never a bad archive.
import type { FileHandle } from 'node:fs/promises';
import { BLOCK, encodeHeader, encodePax, padding, RECORD } from './ustar.js';

const MAX_USTAR_SIZE = 0o77777777777;
const zeros = Buffer.alloc(RECORD);

export class TarWriter {
  position = 0;

  constructor(private readonly fh: FileHandle) {}

  async addBuffer(name: string, data: Buffer, mtime: number): Promise<void> {
    await this.header(name, data.length, mtime);
    await this.write(data);
    await this.write(zeros.subarray(0, padding(data.length)));
  }

  /** Writes `size` bytes from `chunks` as one entry; fails if the stream has more or fewer. */
  async addStream(name: string, size: number, chunks: AsyncIterable<Buffer>, mtime: number): Promise<void> {
    await this.header(name, size, mtime);
    let n = 0;
    for await (const chunk of chunks) {
      n += chunk.length;
      if (n > size) break;
      await this.write(chunk);
    }
    if (n !== size) throw new Error(`${name}: source has ${n > size ? 'more' : 'fewer'} bytes than the ${size} announced`);
    await this.write(zeros.subarray(0, padding(size)));
  }

  /** Two zero blocks end the archive; the file is then padded to a whole 10 KiB record, as tar does. */
  async finish(): Promise<void> {
    await this.write(zeros.subarray(0, 2 * BLOCK));
    const rest = this.position % RECORD;
    if (rest > 0) await this.write(zeros.subarray(0, RECORD - rest));
  }

  private async header(name: string, size: number, mtime: number): Promise<void> {
    const needsPax = Buffer.byteLength(name) > 100 || size > MAX_USTAR_SIZE;
    if (needsPax) await this.write(encodePax({ path: name, size: String(size) }, mtime));
    await this.write(encodeHeader({ name: needsPax ? 'pax-long-name' : name, size, mtime }));
  }

  private async write(buf: Buffer): Promise<void> {
    let off = 0;
    while (off < buf.length) {
      const { bytesWritten } = await this.fh.write(buf, off, buf.length - off);
      off += bytesWritten;
    }
    this.position += buf.length;
  }
}
