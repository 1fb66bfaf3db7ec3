import { appendFileSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WorkDir } from '../../src/seed/work-dir.js';
import { tempDir } from '../helpers/tmp.js';

const done = (url: string, sha = 'a'.repeat(64), size = 3) => ({ url, sha256: sha, size, contentType: 'x/y', lastModified: 1, fetchedAt: 2, digests: {} });

describe('WorkDir', () => {
  it('remembers completed downloads across runs, while their bytes are there', async () => {
    const dir = join(tempDir(), 'b.work');
    const w1 = await WorkDir.open(dir);
    writeFileSync(w1.blobFile('a'.repeat(64)), 'abc');
    await w1.record(done('http://h/a'));
    await w1.record(done('http://h/gone', 'b'.repeat(64)));
    await w1.release();
    const w2 = await WorkDir.open(dir);
    expect(await w2.done('http://h/a')).toMatchObject({ sha256: 'a'.repeat(64) });
    expect(await w2.done('http://h/gone')).toBeUndefined();
    expect(w2.completedCount).toBe(2);
    await w2.release();
  });

  it('ignores a journal line cut off by a crash', async () => {
    const dir = join(tempDir(), 'b.work');
    const w1 = await WorkDir.open(dir);
    writeFileSync(w1.blobFile('a'.repeat(64)), 'abc');
    await w1.record(done('http://h/a'));
    appendFileSync(join(dir, 'journal.ndjson'), '{"url":"http://h/b","sha2');
    await w1.release();
    const w2 = await WorkDir.open(dir);
    expect(w2.completedCount).toBe(1);
    await w2.release();
  });

  it('is locked against a second seed while the first lives; a dead holder is taken over', async () => {
    const dir = join(tempDir(), 'b.work');
    const w1 = await WorkDir.open(dir);
    writeFileSync(join(dir, 'lock'), '1');
    await expect(WorkDir.open(dir)).rejects.toMatchObject({ code: 'AGC_ERR_SEED', message: expect.stringMatching(/another seed \(pid 1\)/) });
    writeFileSync(join(dir, 'lock'), '999999999');
    const w2 = await WorkDir.open(dir);
    await w2.release();
    await w1.release();
  });

  it('fresh discards an earlier run; forget drops one download; remove deletes it all', async () => {
    const dir = join(tempDir(), 'b.work');
    const w1 = await WorkDir.open(dir);
    writeFileSync(w1.blobFile('a'.repeat(64)), 'abc');
    await w1.record(done('http://h/a'));
    await w1.forget('http://h/a');
    expect(existsSync(w1.blobFile('a'.repeat(64)))).toBe(false);
    await w1.record(done('http://h/a'));
    await w1.release();
    expect((await WorkDir.open(dir, { fresh: true })).completedCount).toBe(0);
    const w3 = await WorkDir.open(dir);
    await w3.remove();
    expect(existsSync(dir)).toBe(false);
  });

  it('partial file names are stable per URL and distinct between URLs', async () => {
    const w = await WorkDir.open(join(tempDir(), 'b.work'));
    expect(w.partialFiles('http://h/a')).toEqual(w.partialFiles('http://h/a'));
    expect(w.partialFiles('http://h/a').data).not.toBe(w.partialFiles('http://h/b').data);
    await w.release();
  });
});
