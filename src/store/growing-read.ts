// Reads a blob while its writer is still filling it: late joiners of a fill start at byte 0 of the
// temporary file and follow the writer's progress; the writer failing destroys every reader.
import { open, type FileHandle } from 'node:fs/promises';
import { Readable } from 'node:stream';
import type { EventEmitter } from 'node:events';
import { blobPath } from './blob-paths.js';

/**
 * What a reader follows: a BlobWriter in this process, or a stand-in fed by another process's
 * progress reports (a fill owned by another worker). Emits 'progress', 'finish' and 'close'.
 */
export interface GrowingSource extends EventEmitter {
  readonly opened: Promise<void>;
  readonly tmpPath: string;
  readonly written: number;
  readonly writableFinished: boolean;
  readonly destroyed: boolean;
  readonly errored: Error | null;
  readonly result: Promise<{ sha256: string }>;
}

export class GrowingRead extends Readable {
  private fh: Promise<FileHandle> | undefined;
  private pos = 0;
  private reading = false;
  private released = false;

  constructor(
    private readonly writer: GrowingSource,
    private readonly dataDir: string,
    private readonly chunkBytes = 256 * 1024,
    /** The end of the stream waits for this (the fill's commit), so a client that has every byte finds the object stored. */
    private readonly endAfter: Promise<unknown> = Promise.resolve(),
  ) {
    super({ highWaterMark: chunkBytes });
  }

  /** The file the bytes are read from: the temporary file, or the blob once the fill has committed. */
  file(): Promise<FileHandle> {
    this.fh ??= this.writer.opened
      .then(() => open(this.writer.tmpPath, 'r'))
      .catch(async (err: NodeJS.ErrnoException) => {
        if (err.code !== 'ENOENT') throw err;
        // The file existed once, so ENOENT means the writer committed (renamed it) or failed.
        const { sha256 } = await this.writer.result;
        return open(blobPath(this.dataDir, sha256), 'r');
      });
    return this.fh;
  }

  /**
   * How many bytes from `pos` can be read now, waiting until there are some; 0 once the fill is
   * complete and committed and `pos` is its end. Throws when the fill fails.
   */
  async available(pos: number): Promise<number> {
    for (;;) {
      // The last byte is held back until the fill is committed: a client that has every byte
      // (with Content-Length, the moment it has the last one) then finds the object stored.
      const limit = this.released ? this.writer.written : Math.max(0, this.writer.written - 1);
      if (limit > pos) return limit - pos;
      if (this.writer.writableFinished) {
        if (this.released) return 0;
        await this.endAfter;
        this.released = true;
        continue;
      }
      if (this.writer.destroyed) throw this.writer.errored ?? new Error('upstream fill aborted');
      await this.nextChange();
    }
  }

  /** Reads what is available at `pos` into `buf` (waiting for bytes as the fill grows); 0 at the end. */
  async readAt(buf: Buffer, pos: number): Promise<number> {
    const n = await this.available(pos);
    if (n === 0) return 0;
    const { bytesRead } = await (await this.file()).read(buf, 0, Math.min(n, buf.length), pos);
    if (bytesRead === 0) throw new Error(`fill file ended at byte ${pos}`);
    return bytesRead;
  }

  override _read(): void {
    if (this.reading) return;
    this.reading = true;
    this.pump().finally(() => {
      this.reading = false;
    });
  }

  private async pump(): Promise<void> {
    try {
      for (;;) {
        const ready = await this.available(this.pos);
        if (ready === 0) {
          this.push(null);
          return;
        }
        const buf = Buffer.allocUnsafe(Math.min(ready, this.chunkBytes));
        const n = await this.readAt(buf, this.pos);
        this.pos += n;
        if (!this.push(n === buf.length ? buf : buf.subarray(0, n))) return;
      }
    } catch (err) {
      this.destroy(err as Error);
    }
  }

  private nextChange(): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        this.writer.off('progress', done);
        this.writer.off('finish', done);
        this.writer.off('close', done);
        resolve();
      };
      this.writer.on('progress', done);
      this.writer.on('finish', done);
      this.writer.on('close', done);
    });
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    const fh = this.fh;
    this.fh = undefined;
    (fh ? fh.then((h) => h.close()).catch(() => undefined) : Promise.resolve()).finally(() => callback(error));
  }
}
