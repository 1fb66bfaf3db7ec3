// A write is a stream whose successful finish is the commit: bytes go to a temporary file and are
// renamed to their content address only when size and digests check out. An error or abort unlinks
// the temporary file, so nothing partial is ever visible.
import { createHash, randomBytes, type Hash } from 'node:crypto';
import { mkdir, open, rename, unlink, type FileHandle } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Writable } from 'node:stream';
import { AgcError } from '../errors.js';
import { blobPath, tmpDir } from './blob-paths.js';
import { holdChunk, releaseChunk } from './chunk-loans.js';
import { diskFullMessage, isDiskFull } from './disk-full.js';
import { inThreadSha256, type Sha256Hasher } from './sha256-hasher.js';
import type { BlobResult } from './types.js';

export interface BlobWriterOptions {
  dataDir: string;
  /** Name of what is written, for error messages (a URL or a store path). */
  subject: string;
  expectedSize?: number | undefined;
  expectedSha256?: string | undefined;
  /** Further digests to check, by Node hash name (`sha512`, `sha3-384`, …), lowercase hex. */
  expectedDigests?: Record<string, string> | undefined;
  /** Computes the sha256 elsewhere (another thread); by default, in this one. */
  sha256Hasher?: (() => Sha256Hasher) | undefined;
}

const MAX_IN_FLIGHT = 4;

interface InFlight {
  len: number;
  done: boolean;
  settled: Promise<void>;
}

export class BlobWriter extends Writable {
  readonly tmpPath: string;
  written = 0;
  readonly result: Promise<BlobResult>;
  /** Settles once the temporary file exists (or could not be created). */
  readonly opened: Promise<void>;
  private markOpened!: () => void;
  private fh: FileHandle | undefined;
  private committed = false;
  private issued = 0;
  private readonly inFlight: InFlight[] = [];
  private failure: Error | undefined;
  private readonly sha256: Sha256Hasher;
  private readonly extra = new Map<string, Hash>();
  private settle!: { resolve: (r: BlobResult) => void; reject: (e: Error) => void };

  constructor(private readonly opts: BlobWriterOptions) {
    super({ highWaterMark: 1 << 20 });
    // Every client following a fill listens for progress: many listeners are the normal case.
    this.setMaxListeners(0);
    this.tmpPath = join(tmpDir(opts.dataDir), `${process.pid}-${randomBytes(8).toString('hex')}.part`);
    this.sha256 = (opts.sha256Hasher ?? inThreadSha256)();
    for (const alg of Object.keys(opts.expectedDigests ?? {})) this.extra.set(alg, createHash(alg));
    this.result = new Promise<BlobResult>((resolve, reject) => {
      this.settle = { resolve, reject };
    });
    this.result.catch(() => undefined);
    this.opened = new Promise<void>((resolve) => {
      this.markOpened = resolve;
    });
  }

  override _construct(callback: (error?: Error | null) => void): void {
    mkdir(dirname(this.tmpPath), { recursive: true })
      .then(() => open(this.tmpPath, 'wx', 0o644))
      .then((fh) => {
        this.fh = fh;
        this.markOpened();
        callback();
      })
      .catch((err: unknown) => {
        this.markOpened();
        callback(this.storeError('open', err));
      });
  }

  // A pooled chunk (an import's read-ahead) may wait in the stream's buffer before `_write` takes
  // it: it is held from here until its positional write is done (the hasher holds it on its own).
  override write(chunk: unknown, encoding?: unknown, cb?: unknown): boolean {
    if (chunk instanceof Uint8Array) holdChunk(chunk);
    return super.write(chunk, encoding as BufferEncoding, cb as (error: Error | null | undefined) => void);
  }

  override _write(chunk: Buffer, _enc: BufferEncoding, callback: (error?: Error | null) => void): void {
    if (this.failure) {
      releaseChunk(chunk);
      callback(this.failure);
      return;
    }
    // Up to MAX_IN_FLIGHT positional writes run on the thread pool while this thread hashes: disk
    // and CPU overlap instead of taking turns (about 2x on large imports). `written` advances only
    // over the completed prefix, so a reader following the temporary file never reads a hole.
    const entry: InFlight = { len: chunk.length, done: false, settled: this.writeAt(chunk, this.issued).finally(() => releaseChunk(chunk)) };
    this.issued += chunk.length;
    entry.settled = entry.settled.then(
      () => {
        entry.done = true;
        this.advance();
      },
      (err: unknown) => {
        this.failure ??= this.storeError('write', err);
      },
    );
    this.inFlight.push(entry);
    const hashing = this.sha256.update(chunk);
    for (const h of this.extra.values()) h.update(chunk);
    const writesReady = this.inFlight.length < MAX_IN_FLIGHT ? undefined : this.inFlight[0]!.settled;
    if (!hashing && !writesReady) callback();
    else
      Promise.all([hashing, writesReady]).then(
        () => callback(this.failure),
        (err: unknown) => callback(this.storeError('hash', err)),
      );
  }

  private advance(): void {
    let moved = false;
    while (this.inFlight[0]?.done) {
      this.written += this.inFlight.shift()!.len;
      moved = true;
    }
    if (moved) this.emit('progress', this.written);
  }

  override _final(callback: (error?: Error | null) => void): void {
    Promise.all(this.inFlight.map((e) => e.settled))
      .then(() => {
        if (this.failure) throw this.failure;
        return this.commit();
      })
      .then(
        (r) => {
          this.committed = true;
          this.settle.resolve(r);
          callback();
        },
        (err: Error) => callback(err),
      );
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    const cleanup = async (): Promise<void> => {
      if (this.committed) return;
      this.sha256.dispose?.();
      await this.fh?.close().catch(() => undefined);
      await unlink(this.tmpPath).catch(() => undefined);
    };
    cleanup().finally(() => {
      if (!this.committed) this.settle.reject(error ?? new AgcError('AGC_ERR_STORE', `write of ${this.opts.subject} was aborted`, { subject: this.opts.subject }));
      callback(error);
    });
  }

  private async writeAt(chunk: Buffer, position: number): Promise<void> {
    let off = 0;
    while (off < chunk.length) {
      const { bytesWritten } = await this.fh!.write(chunk, off, chunk.length - off, position + off);
      off += bytesWritten;
    }
  }

  private async commit(): Promise<BlobResult> {
    const { expectedSize, expectedSha256, expectedDigests, subject } = this.opts;
    const sha256 = await this.sha256.digest();
    if (expectedSize !== undefined && expectedSize !== this.written) {
      throw new AgcError('AGC_ERR_DIGEST_MISMATCH', `${subject}: got ${this.written} bytes, expected ${expectedSize}`, { subject });
    }
    if (expectedSha256 !== undefined && expectedSha256.toLowerCase() !== sha256) {
      throw new AgcError('AGC_ERR_DIGEST_MISMATCH', `${subject}: sha256 ${sha256} does not match the expected ${expectedSha256}`, { subject });
    }
    const digests: Record<string, string> = {};
    for (const [alg, h] of this.extra) {
      digests[alg] = h.digest('hex');
      const want = expectedDigests![alg]!.toLowerCase();
      if (digests[alg] !== want) {
        throw new AgcError('AGC_ERR_DIGEST_MISMATCH', `${subject}: ${alg} ${digests[alg]} does not match the expected ${want}`, { subject });
      }
    }
    const fh = this.fh!;
    try {
      await fh.sync();
      await fh.close();
      const dest = blobPath(this.opts.dataDir, sha256);
      await mkdir(dirname(dest), { recursive: true });
      await rename(this.tmpPath, dest);
    } catch (err) {
      throw this.storeError('commit', err);
    }
    return { sha256, size: this.written, digests };
  }

  private storeError(step: string, cause: unknown): AgcError {
    const e = cause as NodeJS.ErrnoException;
    const why = isDiskFull(e) ? diskFullMessage(dirname(this.tmpPath), this.opts.expectedSize, this.issued) : e.message;
    return new AgcError('AGC_ERR_STORE', `cannot ${step} ${this.opts.subject}: ${why}`, { subject: this.opts.subject, cause });
  }
}

export function createBlobWriter(opts: BlobWriterOptions): BlobWriter {
  return new BlobWriter(opts);
}
