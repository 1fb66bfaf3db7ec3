// Small bytes already in memory (an assertion, a composed metadata document) into the store: each
// is written as a verified blob, then all entries become visible in one commit.
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Store } from './store.js';
import type { ObjectMeta } from './types.js';

export interface SmallObject {
  ns: string;
  path: string;
  bytes: Buffer;
  contentType: string;
  /** Further digests to record (sha3-384, …), lowercase hex. */
  digests?: Record<string, string>;
  source: string;
}

export async function putBytes(store: Store, objects: readonly SmallObject[]): Promise<ObjectMeta[]> {
  if (objects.length === 0) return [];
  const now = Date.now();
  const entries = [];
  for (const o of objects) {
    const sha256 = createHash('sha256').update(o.bytes).digest('hex');
    const writer = store.createBlobWriter({ subject: `${o.ns}:${o.path}`, expectedSize: o.bytes.length, expectedSha256: sha256 });
    await pipeline(Readable.from([o.bytes]), writer);
    await writer.result;
    entries.push({ ns: o.ns, path: o.path, sha256, size: o.bytes.length, contentType: o.contentType, lastModified: now, fetchedAt: now, digests: o.digests ?? {}, source: o.source });
  }
  return store.commit(entries);
}
