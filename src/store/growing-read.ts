// Reads a blob while its writer is still filling it: late joiners of a fill start at byte 0 of the
// temporary file and follow the writer's progress; the writer failing destroys every reader. Readers
// of a fill in this process take its bytes from the chunks it shares in memory when they are there.
import { open, type FileHandle } from 'node:fs/promises';
import { Readable } from 'node:stream';
import type { EventEmitter } from 'node:events';
import { blobPath } from './blob-paths.js';
import type { SharedChunks } from './shared-chunks.js';

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

/**
 * A reader at the front waits for this many bytes before sending (unless the fill ends first): a
 * herd woken for every small upstream chunk spends its time on wake-ups and tiny writes.
 */
const FRONT_BATCH = 64 * 1024;

/** One wait per source, shared by all its readers: a listener per reader made every change cost O(readers²). */
const changes = new WeakMap<GrowingSource, Promise<void>>();

function nextChange(source: GrowingSource): Promise<void> {
  let change = changes.get(source);
  if (!change) {
    change = new Promise((resolve) => {
      const done = (): void => {
        source.off('progress', done);
        source.off('finish', done);
        source.off('close', done);
        changes.delete(source);
        resolve();
      };
      source.on('progress', done);
      source.on('finish', done);
      source.on('close', done);
    });
    changes.set(source, change);
  }
  return change;
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
    /** The fill's bytes in memory, shared by its readers (a fill in this process). */
    private shared?: SharedChunks,
  ) {
    super({ highWaterMark: chunkBytes });
    shared?.ref();
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
  async available(pos: number, atLeast = 1): Promise<number> {
    for (;;) {
      // The last byte is held back until the fill is committed: a client that has every byte
      // (with Content-Length, the moment it has the last one) then finds the object stored.
      const limit = this.released ? this.writer.written : Math.max(0, this.writer.written - 1);
      if (limit > pos && (limit - pos >= atLeast || this.writer.writableFinished || this.writer.destroyed)) return limit - pos;
      if (this.writer.writableFinished) {
        if (this.released) return 0;
        await this.endAfter;
        this.released = true;
        continue;
      }
      if (this.writer.destroyed) throw this.writer.errored ?? new Error('upstream fill aborted');
      await nextChange(this.writer);
    }
  }

  /**
   * The bytes at `pos`, waiting for a batch of them as the fill grows: a view of the fill's shared
   * chunks when it can (not to be written to), else read from the file into `buf`; empty at the end.
   */
  async chunkAt(buf: Buffer, pos: number): Promise<Buffer> {
    const n = await this.available(pos, Math.min(FRONT_BATCH, buf.length));
    if (n === 0) return buf.subarray(0, 0);
    const shared = await this.shared?.sliceOrLoad(pos, n, pos + n, (into, at, length) => this.readFully(into, at, length));
    if (shared) return shared;
    return buf.subarray(0, await this.readFile(buf, pos, n));
  }

  private async readFully(buf: Buffer, pos: number, length: number): Promise<number> {
    const fh = await this.file();
    let done = 0;
    while (done < length) {
      const { bytesRead } = await fh.read(buf, done, length - done, pos + done);
      if (bytesRead === 0) break;
      done += bytesRead;
    }
    return done;
  }

  /** Reads up to `n` bytes known to be available at `pos` into the start of `buf`. */
  private async readFile(buf: Buffer, pos: number, n: number): Promise<number> {
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
        const n = await this.readFile(buf, this.pos, ready);
        this.pos += n;
        if (!this.push(n === buf.length ? buf : buf.subarray(0, n))) return;
      }
    } catch (err) {
      this.destroy(err as Error);
    }
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    const fh = this.fh;
    this.fh = undefined;
    this.shared?.unref();
    this.shared = undefined;
    (fh ? fh.then((h) => h.close()).catch(() => undefined) : Promise.resolve()).finally(() => callback(error));
  }
}
