// Re-hashes every blob the store's entries refer to and reports the ones whose bytes no longer
// match their address (bit rot, a hand-edited file) or that are missing, with the entries affected.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { Store } from '../store/store.js';
import { objectName } from './bundle/format.js';
import type { Progress } from './progress.js';

export interface CorruptBlob {
  sha256: string;
  problem: string;
  /** The entries serving these bytes, as `namespace:/path`. */
  objects: string[];
}

export interface VerifyReport {
  blobs: number;
  bytes: number;
  corrupt: CorruptBlob[];
}

export async function verifyStore(store: Store, progress?: Progress): Promise<VerifyReport> {
  const blobs = new Map<string, { size: number; objects: string[] }>();
  for (const m of store.entries()) {
    const b = blobs.get(m.sha256);
    if (b) b.objects.push(objectName(m));
    else blobs.set(m.sha256, { size: m.size, objects: [objectName(m)] });
  }
  const bytes = [...blobs.values()].reduce((n, b) => n + b.size, 0);
  progress?.begin({ phase: 'verifying', totalBytes: bytes, totalItems: blobs.size });
  const corrupt: CorruptBlob[] = [];
  for (const [sha256, b] of blobs) {
    progress?.startItem(sha256, b.objects[0]!, b.size);
    const problem = await check(store.blobPath(sha256), sha256, b.size, (n) => progress?.add(n, sha256));
    if (problem) corrupt.push({ sha256, problem, objects: b.objects });
    progress?.itemDone(sha256);
  }
  progress?.finish();
  return { blobs: blobs.size, bytes, corrupt };
}

async function check(file: string, sha256: string, size: number, onBytes: (n: number) => void): Promise<string | undefined> {
  const h = createHash('sha256');
  let n = 0;
  try {
    for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
      h.update(chunk);
      n += chunk.length;
      onBytes(chunk.length);
    }
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    return e.code === 'ENOENT' ? 'blob file is missing' : `cannot read the blob: ${e.message}`;
  }
  if (n !== size) return `blob has ${n} bytes, the entry says ${size}`;
  const got = h.digest('hex');
  return got === sha256 ? undefined : `blob's sha256 is ${got}`;
}
