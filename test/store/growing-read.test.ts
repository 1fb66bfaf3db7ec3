import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import { createBlobWriter } from '../../src/store/blob-writer.js';
import { GrowingRead } from '../../src/store/growing-read.js';
import { SharedChunks } from '../../src/store/shared-chunks.js';
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

  it('readers at the front are given views of the recent window, the same bytes the file holds', async () => {
    const dataDir = tempDir();
    const w = createBlobWriter({ dataDir, subject: 'g' });
    const recent = new SharedChunks(undefined, 4096, 1 << 20);
    const source = new Readable({ read() {} });
    source.on('data', (c: Buffer) => recent.append(c));
    const writing = pipeline(source, w);
    const body = Buffer.from(Array.from({ length: 50_000 }, (_, i) => (i * 31) % 255));
    const reader = new GrowingRead(w, dataDir, undefined, writing, recent);
    const own = Buffer.alloc(8192);
    const parts: Buffer[] = [];
    let fromWindow = 0;
    const following = (async () => {
      for (let pos = 0; ; ) {
        const chunk = await reader.chunkAt(own, pos);
        if (chunk.length === 0) return;
        if (chunk.buffer !== own.buffer) fromWindow++;
        parts.push(Buffer.from(chunk));
        pos += chunk.length;
      }
    })();
    for (let off = 0; off < body.length; off += 5000) {
      source.push(body.subarray(off, off + 5000));
      await new Promise((r) => setTimeout(r, 5));
    }
    source.push(null);
    await following;
    reader.destroy();
    expect(Buffer.compare(Buffer.concat(parts), body)).toBe(0);
    expect(fromWindow).toBeGreaterThan(0);
  });

  it('holds the last byte back from a reader at the front until the commit, so a failed check breaks it', async () => {
    const dataDir = tempDir();
    const w = createBlobWriter({ dataDir, subject: 'g', expectedSha256: '0'.repeat(64) });
    const recent = new SharedChunks(undefined, 4096, 1 << 20);
    const source = new Readable({ read() {} });
    source.on('data', (c: Buffer) => recent.append(c));
    const writing = pipeline(source, w).catch((e: Error) => e);
    const reader = new GrowingRead(w, dataDir, undefined, w.result, recent);
    const own = Buffer.alloc(8192);
    let got = 0;
    const following = (async () => {
      for (;;) {
        const chunk = await reader.chunkAt(own, got);
        if (chunk.length === 0) return;
        got += chunk.length;
      }
    })();
    source.push(Buffer.alloc(3000, 7));
    source.push(null);
    await expect(following).rejects.toThrow();
    expect(got).toBeLessThan(3000);
    expect(await writing).toBeInstanceOf(Error);
    reader.destroy();
  });
});
