// How a blob writer computes the sha256 that addresses a blob: in this thread by default, or by a
// caller-supplied hasher (an import hashes on another core). Either way the writer compares the
// digest with the expected one before anything is renamed into place.
import { createHash } from 'node:crypto';

export interface Sha256Hasher {
  /** Feeds the next chunk; a promise asks the writer to wait before taking more. */
  update(chunk: Buffer): void | Promise<void>;
  digest(): Promise<string>;
  /** Forgets the state of an abandoned write. */
  dispose?(): void;
}

export function inThreadSha256(): Sha256Hasher {
  const h = createHash('sha256');
  return {
    update: (chunk) => void h.update(chunk),
    digest: () => Promise.resolve(h.digest('hex')),
  };
}
