import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SmallBlobCache } from '../../src/store/small-blob-cache.js';
import { tempDir } from '../helpers/tmp.js';

describe('SmallBlobCache', () => {
  it('keeps objects up to the size limit, reading each once for concurrent callers', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a'), 'aaaa');
    const c = new SmallBlobCache(10, 100);
    expect(c.fits(10)).toBe(true);
    expect(c.fits(11)).toBe(false);
    const [x, y] = [c.load('a', join(dir, 'a')), c.load('a', join(dir, 'a'))];
    expect(x).toBe(y);
    expect((await x).toString()).toBe('aaaa');
    expect(c.get('a')?.toString()).toBe('aaaa');
  });

  it('evicts by total bytes', async () => {
    const dir = tempDir();
    for (const n of ['1', '2', '3']) writeFileSync(join(dir, n), Buffer.alloc(40, n));
    const c = new SmallBlobCache(50, 100);
    for (const n of ['1', '2', '3']) await c.load(n, join(dir, n));
    expect(c.get('1')).toBeUndefined();
    expect(c.get('3')?.length).toBe(40);
  });

  it('is disabled with no memory, and a failed read is not remembered', async () => {
    expect(new SmallBlobCache(10, 0).fits(1)).toBe(false);
    const c = new SmallBlobCache(10, 100);
    await expect(c.load('x', '/nonexistent/x')).rejects.toThrow(/ENOENT/);
    expect(c.get('x')).toBeUndefined();
  });
});
