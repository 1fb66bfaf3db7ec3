import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { storeTreeFile } from '../../../src/seed/images/tree-file.js';
import { openStore } from '../../../src/store/store.js';
import { tempDir } from '../../helpers/tmp.js';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('storeTreeFile', () => {
  it('copies a file whose size and sha256 match into the store, and only hashes it the second time', async () => {
    const store = openStore({ dataDir: tempDir(), watchIntervalMs: 0 });
    const file = join(tempDir(), 'squashfs');
    const body = Buffer.alloc(100_000, 7);
    writeFileSync(file, body);
    let seen = 0;
    const first = await storeTreeFile(store, file, { sha256: sha(body), size: body.length }, (n) => (seen += n));
    expect(first).toMatchObject({ sha256: sha(body), size: body.length, written: true });
    expect(seen).toBe(body.length);
    expect(readFileSync(store.blobPath(sha(body)))).toEqual(body);
    expect(await storeTreeFile(store, file, { sha256: sha(body), size: body.length })).toMatchObject({ written: false });
    store.close();
  });

  it('refuses other bytes or another size, leaving nothing in the store', async () => {
    const store = openStore({ dataDir: tempDir(), watchIntervalMs: 0 });
    const file = join(tempDir(), 'f');
    writeFileSync(file, 'abc');
    await expect(storeTreeFile(store, file, { size: 4 })).rejects.toMatchObject({ code: 'AGC_ERR_MIRROR', message: expect.stringMatching(/has 3 bytes, its signed metadata says 4: the mirror is damaged or was tampered with/) });
    await expect(storeTreeFile(store, file, { sha256: sha(Buffer.from('abd')), size: 3 })).rejects.toMatchObject({ code: 'AGC_ERR_MIRROR', message: expect.stringContaining('does not match') });
    expect([...store.entries()]).toEqual([]);
    store.close();
  });

  it('a blob already stored is checked against the tree file too', async () => {
    const store = openStore({ dataDir: tempDir(), watchIntervalMs: 0 });
    const good = join(tempDir(), 'good');
    writeFileSync(good, 'abc');
    await storeTreeFile(store, good, { sha256: sha(Buffer.from('abc')), size: 3 });
    const bad = join(tempDir(), 'bad');
    writeFileSync(bad, 'abd');
    await expect(storeTreeFile(store, bad, { sha256: sha(Buffer.from('abc')), size: 3 })).rejects.toMatchObject({ code: 'AGC_ERR_MIRROR' });
    store.close();
  });
});
