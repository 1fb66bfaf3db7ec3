// Reads a file front to back with several reads in flight, so the disk is busy while the importer
// hashes and writes (a plain read stream keeps only one read ahead).
//
// The chunks come from a small pool of buffers that are read into again and again: fresh buffers
// cost a page fault per 4 KiB page and their unmapping. A chunk goes back to the pool once the
// consumer has asked for two more chunks (a tar reader may still hold a slice of the previous one
// while it reads padding) and every holder has released it (see store/chunk-loans.ts). A consumer
// that keeps a chunk longer holds it (`holdChunk`) or copies it.
import { open } from 'node:fs/promises';
import { lendChunk, releaseChunk } from '../store/chunk-loans.js';

export interface ReadAheadOptions {
  chunkBytes?: number;
  /** Reads in flight at once. */
  depth?: number;
}

/** Chunks already handed out that the reader itself still holds. */
const KEPT = 2;

export async function* readAhead(path: string, opts: ReadAheadOptions = {}): AsyncGenerator<Buffer> {
  const depth = opts.depth ?? 4;
  const fh = await open(path, 'r');
  const queue: Promise<Buffer>[] = [];
  const kept: Buffer[] = [];
  try {
    const size = (await fh.stat()).size;
    const chunkBytes = Math.min(opts.chunkBytes ?? 1 << 20, size);
    const pool: Buffer[] = [];
    let pos = 0;
    const next = (): Promise<Buffer> => {
      const n = Math.min(chunkBytes, size - pos);
      const at = pos;
      pos += n;
      // Shared memory, so the hashing worker (hash-worker.ts) reads the bytes where they are.
      const buf = pool.pop() ?? Buffer.from(new SharedArrayBuffer(chunkBytes));
      lendChunk(buf, () => pool.push(buf));
      return fh.read(buf, 0, n, at).then(({ bytesRead }) => buf.subarray(0, bytesRead));
    };
    while (queue.length < depth && pos < size) queue.push(next());
    while (queue.length > 0) {
      const chunk = await queue.shift()!;
      if (chunk.length === 0) return;
      kept.push(chunk);
      if (kept.length > KEPT) releaseChunk(kept.shift()!);
      if (pos < size) queue.push(next());
      yield chunk;
    }
  } finally {
    await Promise.allSettled(queue);
    await fh.close();
  }
}
