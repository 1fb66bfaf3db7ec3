// Where an import's payloads go. A payload's bytes are handed to a blob writer as the bundle is
// read; its commit (fsync, rename) then finishes in the background while the next payload is read,
// with a bounded number pending, so thousands of small payloads do not wait on each other's fsync.
// Every mismatch still fails the import before anything is visible: `settle()` waits for them all.
import { createHash } from 'node:crypto';
import type { Writable } from 'node:stream';
import { AgcError, isAgcError } from '../errors.js';
import type { Store } from '../store/store.js';
import type { BlobEntry } from './bundle/bundle-reader.js';
import { objectName } from './bundle/format.js';
import { workerSha256 } from './hash-worker.js';

const MAX_PENDING = 8;

export class BlobSink {
  /** Blobs this import created (to delete again if it fails). */
  readonly added: string[] = [];
  private readonly pending = new Set<Promise<void>>();
  private failure: unknown;

  constructor(
    private readonly store: Store,
    private readonly bundle: string,
  ) {}

  /** Reads the payload into a new blob; resolves once its bytes are handed over, not committed. */
  async write(blob: BlobEntry): Promise<void> {
    this.throwIfFailed();
    const subject = objectName(blob.objects[0]!);
    const writer = this.store.createBlobWriter({ subject, expectedSize: blob.size, expectedSha256: blob.sha256, sha256Hasher: workerSha256 });
    // Its failures are read from `writer.result`; the event alone must not crash the process.
    writer.on('error', () => undefined);
    this.added.push(blob.sha256);
    const committed = writer.result.then(
      () => undefined,
      (err: unknown) => {
        this.failure ??= isAgcError(err, 'AGC_ERR_DIGEST_MISMATCH') ? mismatch(blob, this.bundle, err.message.replace(`${subject}: `, '')) : err;
      },
    );
    this.pending.add(committed);
    void committed.then(() => this.pending.delete(committed));
    try {
      for await (const chunk of blob.body) if (!writer.write(chunk)) await drained(writer);
      writer.end();
    } catch (err) {
      writer.destroy(err as Error);
      throw err;
    }
    while (this.pending.size >= MAX_PENDING) await Promise.race(this.pending);
  }

  /** The bundle's copy of bytes the store already has: checked all the same. */
  async check(blob: BlobEntry): Promise<void> {
    const h = createHash('sha256');
    for await (const chunk of blob.body) h.update(chunk);
    const got = h.digest('hex');
    if (got !== blob.sha256) throw mismatch(blob, this.bundle, `sha256 ${got} does not match the listed ${blob.sha256}`);
  }

  /** Waits for every pending commit; throws the first failure. */
  async settle(): Promise<void> {
    await Promise.all(this.pending);
    this.throwIfFailed();
  }

  private throwIfFailed(): void {
    if (this.failure !== undefined) throw this.failure;
  }
}

function drained(w: Writable): Promise<void> {
  return new Promise((resolve, reject) => {
    if (w.destroyed) return reject(w.errored ?? new Error('blob writer closed'));
    const done = (err?: Error): void => {
      w.off('drain', onDrain);
      w.off('close', onClose);
      if (err) reject(err);
      else resolve();
    };
    const onDrain = (): void => done();
    const onClose = (): void => done(w.errored ?? new Error('blob writer closed'));
    w.once('drain', onDrain);
    w.once('close', onClose);
  });
}

function mismatch(blob: BlobEntry, bundle: string, why: string): AgcError {
  const o = blob.objects[0]!;
  const more = blob.objects.length > 1 ? ` (and ${blob.objects.length - 1} more objects with the same bytes)` : '';
  return new AgcError('AGC_ERR_BUNDLE', `bundle ${bundle}: object ${objectName(o)}${more}: ${why}; the bundle is damaged or was tampered with`, { subject: objectName(o) });
}
