import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readAhead } from '../../src/seed/read-ahead.js';
import { tempDir } from '../helpers/tmp.js';

async function collect(gen: AsyncGenerator<Buffer>): Promise<Buffer[]> {
  const out: Buffer[] = [];
  for await (const c of gen) out.push(c);
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
