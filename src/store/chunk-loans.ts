// Chunks lent out by a buffer pool (an import's read-ahead): whoever keeps a pooled chunk past the
// moment it was handed over (a positional write in flight, a hash on another thread) holds it, and
// releases it when done; the last release gives the buffer back to its pool for the next read.
// A chunk that belongs to no pool is not tracked: holding and releasing it does nothing.
interface Loan {
  holders: number;
  giveBack: () => void;
}

const loans = new WeakMap<ArrayBufferLike, Loan>();

/** Lends a pool buffer (it must own its whole ArrayBuffer) with one holder: the lender. */
export function lendChunk(buf: Uint8Array, giveBack: () => void): void {
  loans.set(buf.buffer, { holders: 1, giveBack });
}

/** Keeps a chunk (or any slice of it) from going back to its pool until `releaseChunk`. */
export function holdChunk(chunk: Uint8Array): void {
  const loan = loans.get(chunk.buffer);
  if (loan) loan.holders += 1;
}

export function releaseChunk(chunk: Uint8Array): void {
  const loan = loans.get(chunk.buffer);
  if (!loan) return;
  loan.holders -= 1;
  if (loan.holders > 0) return;
  loans.delete(chunk.buffer);
  loan.giveBack();
}
