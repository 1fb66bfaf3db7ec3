import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import { blobPath } from '../../src/store/blob-paths.js';
import { createBlobWriter } from '../../src/store/blob-writer.js';
import { lendChunk, releaseChunk } from '../../src/store/chunk-loans.js';
import { tempDir } from '../helpers/tmp.js';

const hex = (alg: string, b: Buffer): string => createHash(alg).update(b).digest('hex');

describe('BlobWriter', () => {
  it('commits to the content address only after the finish, and reports every digest asked for', async () => {
    const dataDir = tempDir();
    const body = Buffer.alloc(3 << 20, 7);
    const w = createBlobWriter({ dataDir, subject: 'big', expectedSize: body.length, expectedDigests: { sha512: hex('sha512', body), 'sha3-384': hex('sha3-384', body) } });
    const progress: number[] = [];
    w.on('progress', (n: number) => progress.push(n));
    await pipeline(Readable.from([body.subarray(0, 1 << 20), body.subarray(1 << 20)]), w);
    const r = await w.result;
    expect(r).toEqual({ sha256: hex('sha256', body), size: body.length, digests: { sha512: hex('sha512', body), 'sha3-384': hex('sha3-384', body) } });
    expect(statSync(blobPath(dataDir, r.sha256)).size).toBe(body.length);
    expect(progress.at(-1)).toBe(body.length);
    expect(existsSync(w.tmpPath)).toBe(false);
  });

  it('rejects a wrong extra digest and unlinks the temporary file', async () => {
    const dataDir = tempDir();
    const body = Buffer.from('abc');
    const w = createBlobWriter({ dataDir, subject: 'pkg.deb', expectedDigests: { sha512: hex('sha512', Buffer.from('abd')) } });
    await expect(pipeline(Readable.from([body]), w)).rejects.toThrow(/pkg\.deb: sha512 .* does not match/);
    expect(readdirSync(join(dataDir, 'tmp'))).toEqual([]);
    expect(existsSync(blobPath(dataDir, hex('sha256', body)))).toBe(false);
  });

  it('an aborted write (source error mid-stream) leaves nothing and rejects result', async () => {
    const dataDir = tempDir();
    const w = createBlobWriter({ dataDir, subject: 'x' });
    const source = new Readable({ read() {} });
    const done = pipeline(source, w);
    source.push(Buffer.from('half'));
    await new Promise((r) => setTimeout(r, 20));
    source.destroy(new Error('upstream reset'));
    await expect(done).rejects.toThrow('upstream reset');
    await expect(w.result).rejects.toThrow('upstream reset');
    expect(readdirSync(join(dataDir, 'tmp'))).toEqual([]);
  });

  it('names the subject when the disk refuses the write', async () => {
    const dataDir = tempDir();
    const w = createBlobWriter({ dataDir, subject: 'http://images.maas.io/x' });
    // A directory where the temporary file should be makes open fail like a read-only disk would.
    const { mkdirSync } = await import('node:fs');
    mkdirSync(w.tmpPath, { recursive: true });
    await expect(pipeline(Readable.from([Buffer.from('x')]), w)).rejects.toMatchObject({ code: 'AGC_ERR_STORE', message: expect.stringContaining('http://images.maas.io/x') });
  });

  it('many chunks with several writes in flight: the bytes land in order and progress only counts the written prefix', async () => {
    const dataDir = tempDir();
    const chunks = Array.from({ length: 300 }, (_, i) => Buffer.alloc(1000 + ((i * 7919) % 70_000), i % 256));
    const body = Buffer.concat(chunks);
    const w = createBlobWriter({ dataDir, subject: 'many', expectedSize: body.length, expectedSha256: hex('sha256', body) });
    const progress: number[] = [];
    w.on('progress', (n: number) => progress.push(n));
    await pipeline(Readable.from(chunks), w);
    const r = await w.result;
    expect(readFileSync(blobPath(dataDir, r.sha256)).equals(body)).toBe(true);
    const ends = new Set(chunks.map((_, i) => chunks.slice(0, i + 1).reduce((n, c) => n + c.length, 0)));
    expect(progress.every((n, i) => ends.has(n) && (i === 0 || n > progress[i - 1]!))).toBe(true);
    expect(progress.at(-1)).toBe(body.length);
  });

  it('holds a pooled chunk from write() until its bytes are written, even while it waits for the file to open', async () => {
    const dataDir = tempDir();
    const pooled = Buffer.from(new SharedArrayBuffer(5000)).fill(9);
    let givenBack = 0;
    lendChunk(pooled, () => (givenBack += 1));
    const w = createBlobWriter({ dataDir, subject: 'pooled', expectedSize: 5000 });
    // Written before the temporary file is open, so the stream buffers it; the lender lets go at once.
    w.write(pooled.subarray(0, 3000));
    w.end(pooled.subarray(3000));
    releaseChunk(pooled);
    expect(givenBack).toBe(0);
    const r = await w.result;
    expect(givenBack).toBe(1);
    expect(readFileSync(blobPath(dataDir, r.sha256)).equals(Buffer.alloc(5000, 9))).toBe(true);
  });
});
