// Reads a file front to back with several reads in flight, so the disk is busy while the importer
// hashes and writes (a plain read stream keeps only one read ahead).
//
// The chunks come from a small pool of buffers that are read into again and again: fresh buffers
// cost a page fault per 4 KiB page and their unmapping. A chunk goes back to the pool once the
// consumer has asked for two more chunks (a tar reader may still hold a slice of the previous one
// while it reads padding) and every holder has released it (see store/chunk-loans.ts). A consumer
// that keeps a chunk longer holds it (`holdChunk`) or copies it.
//
// Where the file system allows it the file is read with O_DIRECT: the disk writes straight into
// the pool's buffers, where copying every byte out of the page cache cost more CPU than hashing it
// (a bundle is read once; caching it only pushes the store's own pages out).
import { constants, readSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { lendChunk, releaseChunk } from '../store/chunk-loans.js';

export interface ReadAheadOptions {
  chunkBytes?: number;
  /** Reads in flight at once. */
  depth?: number;
  /** Read through the page cache even where O_DIRECT would work. */
  buffered?: boolean;
}

/** Chunks already handed out that the reader itself still holds. */
const KEPT = 2;
/** Direct reads need buffer addresses, file offsets and lengths aligned to the device's blocks. */
const ALIGN = 4096;

export async function* readAhead(path: string, opts: ReadAheadOptions = {}): AsyncGenerator<Buffer> {
  const depth = opts.depth ?? 4;
  const wanted = opts.chunkBytes ?? 1 << 20;
  const direct = opts.buffered || wanted % ALIGN !== 0 ? undefined : await openDirect(path, wanted);
  const fh = direct?.fh ?? (await open(path, 'r'));
  const queue: Promise<Buffer>[] = [];
  const kept: Buffer[] = [];
  try {
    const size = (await fh.stat()).size;
    const chunkBytes = direct ? wanted : Math.min(wanted, size);
    const pool: Buffer[] = direct ? [direct.first] : [];
    const newBuffer = direct?.more ?? (() => Buffer.from(new SharedArrayBuffer(chunkBytes)));
    let pos = 0;
    const next = (): Promise<Buffer> => {
      const n = Math.min(chunkBytes, size - pos);
      const at = pos;
      pos += n;
      // Shared memory, so the hashing worker (hash-worker.ts) reads the bytes where they are.
      const buf = pool.pop() ?? newBuffer();
      lendChunk(buf, () => pool.push(buf));
      // A direct read asks for whole blocks; at the end of the file it returns what there is.
      return fh.read(buf, 0, direct ? chunkBytes : n, at).then(({ bytesRead }) => buf.subarray(0, Math.min(bytesRead, n)));
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

/** The file opened for direct reads with a first aligned buffer, or undefined where that cannot be done. */
async function openDirect(path: string, chunkBytes: number): Promise<{ fh: FileHandle; first: Buffer; more: () => Buffer } | undefined> {
  const fh = await open(path, constants.O_RDONLY | constants.O_DIRECT).catch(() => undefined);
  if (!fh) return undefined;
  let offset = 0;
  const aligned = (): Buffer | undefined => {
    const raw = Buffer.from(new SharedArrayBuffer(chunkBytes + ALIGN));
    for (let i = 0; i < ALIGN; i += 16) {
      const at = (offset + i) % ALIGN;
      if (!acceptsDirectRead(fh, raw, at)) continue;
      offset = at;
      return raw.subarray(at, at + chunkBytes);
    }
    return undefined;
  };
  const first = aligned();
  if (!first) {
    await fh.close();
    return undefined;
  }
  const more = (): Buffer => {
    const b = aligned();
    if (!b) throw new Error(`${path}: no offset in a new read buffer is aligned for direct reads`);
    return b;
  };
  return { fh, first, more };
}

// JavaScript cannot see a buffer's address, so the offset inside a slightly larger buffer where
// direct reads are accepted is found by trying them (EINVAL until aligned); the allocator gives
// buffers of one size the same alignment, so the offset found first is tried first.
function acceptsDirectRead(fh: FileHandle, raw: Buffer, at: number): boolean {
  try {
    readSync(fh.fd, raw, at, ALIGN, 0);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EINVAL') return false;
    throw err;
  }
}
