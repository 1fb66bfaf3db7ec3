import { describe, expect, it } from 'vitest';
import { blobPath, etagFor, isSha256Hex } from '../../src/store/blob-paths.js';

describe('blob paths', () => {
  const h = 'ab'.repeat(32);
  it('fans out by the first byte of the digest', () => {
    expect(blobPath('/d', h)).toBe(`/d/blobs/sha256/ab/${h}`);
  });
  it('never builds a path from anything but 64 lowercase hex digits', () => {
    for (const bad of ['../../etc/passwd', h.toUpperCase(), h.slice(1), `${h}/x`]) {
      expect(isSha256Hex(bad)).toBe(false);
      expect(() => blobPath('/d', bad)).toThrow(/not a sha256/);
    }
  });
  it('derives a strong etag from the content', () => {
    expect(etagFor(h)).toBe(`"${h.slice(0, 32)}"`);
  });
});
