import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import { createBlobWriter } from '../../src/store/blob-writer.js';
import { GrowingRead } from '../../src/store/growing-read.js';
import { tempDir } from '../helpers/tmp.js';

async function collect(r: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of r) parts.push(c as Buffer);
  return Buffer.concat(parts);
}

describe('GrowingRead', () => {
  it('follows a file while it is written and ends exactly at the committed size', async () => {
    const dataDir = tempDir();
    const w = createBlobWriter({ dataDir, subject: 'g' });
    const source = new Readable({ read() {} });
    const writing = pipeline(source, w);
    source.push(Buffer.alloc(1000, 1));
    await new Promise((r) => setTimeout(r, 20));
    const early = collect(new GrowingRead(w, dataDir, 64));
    for (let i = 2; i < 6; i++) {
      source.push(Buffer.alloc(1000, i));
      await new Promise((r) => setTimeout(r, 10));
    }
    const late = collect(new GrowingRead(w, dataDir, 64));
    source.push(null);
    await writing;
    const expected = Buffer.concat([1, 2, 3, 4, 5].map((i) => Buffer.alloc(1000, i)));
    expect(await early).toEqual(expected);
    expect(await late).toEqual(expected);
  });

  it('a reader joining after the commit reads the final blob', async () => {
    const dataDir = tempDir();
    const w = createBlobWriter({ dataDir, subject: 'g' });
    await pipeline(Readable.from([Buffer.from('done already')]), w);
    expect((await collect(new GrowingRead(w, dataDir))).toString()).toBe('done already');
  });

  it('every reader fails when the writer is aborted mid-body', async () => {
    const dataDir = tempDir();
    const w = createBlobWriter({ dataDir, subject: 'g' });
    const source = new Readable({ read() {} });
    const writing = pipeline(source, w).catch((e: Error) => e);
    source.push(Buffer.alloc(500));
    await new Promise((r) => setTimeout(r, 20));
    const reader = collect(new GrowingRead(w, dataDir));
    source.destroy(new Error('reset by peer'));
    await expect(reader).rejects.toThrow('reset by peer');
    expect(await writing).toBeInstanceOf(Error);
  });
});
