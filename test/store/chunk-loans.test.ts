import { describe, expect, it } from 'vitest';
import { holdChunk, lendChunk, releaseChunk } from '../../src/store/chunk-loans.js';

describe('chunk loans', () => {
  it('gives a lent buffer back once the lender and every holder of any slice have released it', () => {
    const buf = Buffer.from(new SharedArrayBuffer(16));
    let back = 0;
    lendChunk(buf, () => (back += 1));
    const slice = buf.subarray(4, 8);
    holdChunk(slice);
    holdChunk(buf.subarray(0, 2));
    releaseChunk(buf);
    releaseChunk(slice);
    expect(back).toBe(0);
    releaseChunk(buf.subarray(0, 2));
    expect(back).toBe(1);
    // Given back: no longer tracked, so a stray release does not give it back twice.
    releaseChunk(slice);
    expect(back).toBe(1);
  });

  it('a buffer from no pool is not tracked', () => {
    const b = Buffer.from('x');
    expect(() => {
      holdChunk(b);
      releaseChunk(b);
      releaseChunk(b);
    }).not.toThrow();
  });
});
