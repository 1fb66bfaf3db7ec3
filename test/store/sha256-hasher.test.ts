import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import { createBlobWriter } from '../../src/store/blob-writer.js';
import { inThreadSha256, type Sha256Hasher } from '../../src/store/sha256-hasher.js';
import { tempDir } from '../helpers/tmp.js';

const hex = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('sha256 hashers', () => {
  it('the in-thread default digests what it was fed', async () => {
    const h = inThreadSha256();
    h.update(Buffer.from('ab'));
    h.update(Buffer.from('c'));
    expect(await h.digest()).toBe(hex(Buffer.from('abc')));
  });

  it('a blob writer uses a supplied hasher, waits when it asks to, and still refuses a wrong digest', async () => {
    const calls: string[] = [];
    const slow = (): Sha256Hasher => {
      const inner = inThreadSha256();
      return {
        update(chunk) {
          calls.push('update');
          inner.update(chunk);
          return new Promise((r) => setTimeout(r, 5));
        },
        digest: () => inner.digest(),
        dispose: () => void calls.push('dispose'),
      };
    };
    const body = Buffer.from('hashed elsewhere');
    const ok = createBlobWriter({ dataDir: tempDir(), subject: 's', expectedSha256: hex(body), sha256Hasher: slow });
    await pipeline(Readable.from([body.subarray(0, 5), body.subarray(5)]), ok);
    expect((await ok.result).sha256).toBe(hex(body));
    expect(calls).toEqual(['update', 'update']);
    const bad = createBlobWriter({ dataDir: tempDir(), subject: 's', expectedSha256: hex(Buffer.from('other')), sha256Hasher: slow });
    await expect(pipeline(Readable.from([body]), bad)).rejects.toMatchObject({ code: 'AGC_ERR_DIGEST_MISMATCH' });
  });
});
