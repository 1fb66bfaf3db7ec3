import { describe, expect, it } from 'vitest';
import { SharedChunks, type ReadInto } from '../../src/store/shared-chunks.js';

const body = Buffer.from(Array.from({ length: 10_000 }, (_, i) => (i * 7) % 253));

function fed(chunks: SharedChunks, step: number): void {
  for (let off = 0; off < body.length; off += step) chunks.append(body.subarray(off, off + step));
}

/** Reads from `body` as the file would, counting the reads. */
function fileRead(): { read: ReadInto; count: () => number } {
  let n = 0;
  return {
    read: async (buf, pos, length) => {
      n++;
      await new Promise((r) => setTimeout(r, 5));
      return body.copy(buf, 0, pos, pos + length);
    },
    count: () => n,
  };
}

describe('SharedChunks', () => {
  it('gives back the bytes at any position it holds, up to the end of one chunk', () => {
    const c = new SharedChunks(undefined, 1024, 1 << 20);
    fed(c, 333);
    for (const pos of [0, 1, 1023, 1024, 5000, 9999]) {
      const s = c.slice(pos, 100_000)!;
      expect(s.length).toBe(Math.min(1024 - (pos % 1024), body.length - pos));
      expect(Buffer.compare(s, body.subarray(pos, pos + s.length))).toBe(0);
    }
    expect(c.slice(500, 10)!.length).toBe(10);
    expect(c.slice(10_000, 10)).toBeUndefined();
    c.unref();
  });

  it('keeps only the most recently used chunks, and a view handed out is never overwritten', () => {
    const c = new SharedChunks(undefined, 1024, 4096);
    c.append(body.subarray(0, 1500));
    const early = c.slice(0, 1024)!;
    const copy = Buffer.from(early);
    c.append(body.subarray(1500));
    expect(c.slice(0, 10)).toBeUndefined();
    expect(c.slice(5000, 10)).toBeUndefined();
    expect(Buffer.compare(c.slice(9000, 1000)!, body.subarray(9000, 9216))).toBe(0);
    expect(Buffer.compare(early, copy)).toBe(0);
    c.unref();
  });

  it('reads a chunk that has gone by back from the file once for every follower asking at once', async () => {
    const c = new SharedChunks(body.length, 1024, 4096);
    fed(c, 1000);
    const file = fileRead();
    const got = await Promise.all(Array.from({ length: 10 }, (_, i) => c.sliceOrLoad(2048 + i, 5000, body.length, file.read)));
    expect(file.count()).toBe(1);
    got.forEach((g, i) => expect(Buffer.compare(g!, body.subarray(2048 + i, 3072))).toBe(0));
    // The last chunk is short: the announced size bounds it.
    const last = await c.sliceOrLoad(9300, 5000, body.length, file.read);
    expect(Buffer.compare(last!, body.subarray(9300))).toBe(0);
    c.unref();
  });

  it('does not load a chunk not yet wholly readable: its bytes are read directly', async () => {
    const c = new SharedChunks(undefined, 1024, 4096);
    fed(c, 1000);
    const file = fileRead();
    expect(await c.sliceOrLoad(100, 500, 1023, file.read)).toBeUndefined();
    expect(file.count()).toBe(0);
    c.unref();
  });

  it('sizes its last chunk by the announced size and gives its memory back when every user let go', () => {
    const before = SharedChunks.budgetUsed();
    const c = new SharedChunks(100, 1024, 4096);
    c.append(body.subarray(0, 100));
    expect(SharedChunks.budgetUsed() - before).toBe(100);
    c.ref();
    c.unref();
    expect(SharedChunks.budgetUsed() - before).toBe(100);
    c.unref();
    expect(SharedChunks.budgetUsed()).toBe(before);
    expect(c.slice(0, 10)).toBeUndefined();
  });

  it('keeps nothing once released: later bytes are read from the file', async () => {
    const c = new SharedChunks(undefined, 1024, 4096);
    c.unref();
    c.append(body.subarray(0, 2048));
    expect(c.slice(0, 10)).toBeUndefined();
    expect(await c.sliceOrLoad(0, 10, 2048, fileRead().read)).toBeUndefined();
  });
});
