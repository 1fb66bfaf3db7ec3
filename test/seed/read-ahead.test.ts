import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readAhead } from '../../src/seed/read-ahead.js';
import { holdChunk, releaseChunk } from '../../src/store/chunk-loans.js';
import { tempDir } from '../helpers/tmp.js';

async function collect(gen: AsyncGenerator<Buffer>): Promise<Buffer[]> {
  const out: Buffer[] = [];
  // Copies: a chunk goes back to the pool for the next reads once the consumer moves on.
  for await (const c of gen) out.push(Buffer.from(c));
  return out;
}

describe('readAhead', () => {
  it('yields the whole file in order, in chunks of the asked size', async () => {
    const file = join(tempDir(), 'f');
    const body = Buffer.from(Array.from({ length: 100_003 }, (_, i) => (i * 13) % 256));
    writeFileSync(file, body);
    const chunks = await collect(readAhead(file, { chunkBytes: 10_000, depth: 3 }));
    expect(chunks.map((c) => c.length)).toEqual([...Array(10).fill(10_000), 3]);
    expect(Buffer.concat(chunks).equals(body)).toBe(true);
  });

  it.each([
    ['direct reads where the file system allows them', false],
    ['reads through the page cache', true],
  ])('block-sized chunks, %s: the whole file in order, the short end included', async (_, buffered) => {
    const file = join(tempDir(), 'f');
    const body = Buffer.from(Array.from({ length: 100_003 }, (_, i) => (i * 31) % 253));
    writeFileSync(file, body);
    const chunks = await collect(readAhead(file, { chunkBytes: 8192, depth: 4, buffered }));
    expect(chunks.map((c) => c.length)).toEqual([...Array(12).fill(8192), 100_003 - 12 * 8192]);
    expect(Buffer.concat(chunks).equals(body)).toBe(true);
  });

  it('reads into a few pooled buffers again and again, never into one still held', async () => {
    const file = join(tempDir(), 'f');
    const body = Buffer.from(Array.from({ length: 64_000 }, (_, i) => (i * 7) % 251));
    writeFileSync(file, body);
    const buffers = new Set<ArrayBufferLike>();
    const held: Buffer[] = [];
    let at = 0;
    for await (const c of readAhead(file, { chunkBytes: 1000, depth: 3 })) {
      buffers.add(c.buffer);
      expect(c.equals(body.subarray(at, at + c.length))).toBe(true);
      at += c.length;
      // Every tenth chunk is held until the end: its bytes must stay as they were read.
      if (at % 10_000 === 0) {
        holdChunk(c);
        held.push(c);
      }
      expect(held.every((h, i) => h.equals(body.subarray((i + 1) * 10_000 - 1000, (i + 1) * 10_000)))).toBe(true);
    }
    expect(at).toBe(body.length);
    // Reads in flight + the two the reader keeps + one being given back + the held ones.
    expect(buffers.size).toBeLessThanOrEqual(3 + 2 + 1 + held.length);
    for (const h of held) releaseChunk(h);
  });

  it('an empty file yields nothing; a consumer that stops early closes the file', async () => {
    const empty = join(tempDir(), 'e');
    writeFileSync(empty, '');
    expect(await collect(readAhead(empty))).toEqual([]);
    const file = join(tempDir(), 'f');
    writeFileSync(file, Buffer.alloc(50_000, 1));
    for await (const c of readAhead(file, { chunkBytes: 1000 })) {
      expect(c.length).toBe(1000);
      break;
    }
  });

  it('a missing file is an error', async () => {
    await expect(collect(readAhead(join(tempDir(), 'none')))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
