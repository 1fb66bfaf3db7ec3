import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { workerSha256 } from '../../src/seed/hash-worker.js';
import { lendChunk, releaseChunk } from '../../src/store/chunk-loans.js';

const hex = (b: Buffer) => createHash('sha256').update(b).digest('hex');

function shared(b: Buffer): Buffer {
  const s = Buffer.from(new SharedArrayBuffer(b.length + 10));
  b.copy(s, 5);
  return s.subarray(5, 5 + b.length);
}

describe('workerSha256', () => {
  it('gives the same digest as node:crypto, for shared and ordinary chunks, many streams at once', async () => {
    const bodies = Array.from({ length: 5 }, (_, i) => Buffer.from(Array.from({ length: 300_000 + i }, (_, j) => (j * (i + 3)) % 256)));
    const digests = await Promise.all(
      bodies.map(async (body, i) => {
        const h = workerSha256();
        for (let off = 0; off < body.length; off += 65_536) {
          const piece = body.subarray(off, off + 65_536);
          await h.update(i % 2 === 0 ? shared(piece) : piece);
        }
        return h.digest();
      }),
    );
    expect(digests).toEqual(bodies.map(hex));
    const empty = workerSha256();
    expect(await empty.digest()).toBe(hex(Buffer.alloc(0)));
  });

  it('holds a pooled chunk until the worker has hashed it; a dropped stream lets go of its chunks', async () => {
    const pooled = Buffer.from(new SharedArrayBuffer(1 << 20)).fill(5);
    let givenBack = 0;
    lendChunk(pooled, () => (givenBack += 1));
    const h = workerSha256();
    void h.update(pooled);
    releaseChunk(pooled);
    expect(givenBack).toBe(0);
    expect(await h.digest()).toBe(hex(Buffer.alloc(1 << 20, 5)));
    expect(givenBack).toBe(1);
    const other = Buffer.from(new SharedArrayBuffer(100));
    lendChunk(other, () => (givenBack += 1));
    const dropped = workerSha256();
    void dropped.update(other);
    releaseChunk(other);
    dropped.dispose?.();
    expect(givenBack).toBe(2);
  });

  it('asks the writer to wait once 8 chunks are unacknowledged, and lets it go on', async () => {
    const h = workerSha256();
    const results = Array.from({ length: 9 }, () => h.update(Buffer.alloc(1000, 1)));
    expect(results.slice(0, 7).every((r) => r === undefined)).toBe(true);
    expect(results[7]).toBeInstanceOf(Promise);
    await results[7];
    expect(await h.digest()).toBe(hex(Buffer.alloc(9000, 1)));
  });

  it('never keeps a finished process alive, even after a stream was abandoned (built module)', () => {
    const built = new URL('../../dist/seed/hash-worker.js', import.meta.url).pathname;
    expect(existsSync(built), 'run npm run build first').toBe(true);
    const script = `
      const { workerSha256 } = await import(${JSON.stringify(built)});
      const a = workerSha256(); a.update(Buffer.alloc(10)); a.dispose();
      const b = workerSha256(); b.update(Buffer.from('x'));
      console.log(await b.digest());
    `;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 10_000 });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe(hex(Buffer.from('x')));
  });
});
