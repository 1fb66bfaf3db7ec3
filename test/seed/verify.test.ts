import { unlinkSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Progress } from '../../src/seed/progress.js';
import { verifyStore } from '../../src/seed/verify.js';
import { openStore } from '../../src/store/store.js';
import { entry, writeBlob } from '../store/contract.js';
import { tempDir } from '../helpers/tmp.js';

describe('verifyStore', () => {
  it('re-hashes every blob once and finds rot, truncation and loss, naming the entries', async () => {
    const store = openStore({ dataDir: tempDir(), watchIntervalMs: 0 });
    const bodies = ['good', 'will rot', 'will shrink', 'will vanish'].map((s) => Buffer.from(s));
    for (const b of bodies) await writeBlob(store, b);
    store.commit([entry('ns', '/good', bodies[0]!), entry('ns', '/good-copy', bodies[0]!), entry('ns', '/rot', bodies[1]!), entry('ns', '/shrink', bodies[2]!), entry('ns', '/vanish', bodies[3]!)]);
    const progress = new Progress();
    expect(await verifyStore(store, progress)).toMatchObject({ blobs: 4, corrupt: [] });
    expect(progress.snapshot()).toMatchObject({ doneItems: 4, doneBytes: 4 + 8 + 11 + 11, totalBytes: 34 });

    const path = (b: Buffer) => store.blobPath(entry('', '', b).sha256);
    writeFileSync(path(bodies[1]!), 'will rOt');
    writeFileSync(path(bodies[2]!), 'will');
    unlinkSync(path(bodies[3]!));
    const r = await verifyStore(store);
    expect(r.corrupt.map((c) => [c.objects, c.problem])).toEqual([
      [['ns:/rot'], expect.stringMatching(/sha256 is [0-9a-f]{64}/)],
      [['ns:/shrink'], 'blob has 4 bytes, the entry says 11'],
      [['ns:/vanish'], 'blob file is missing'],
    ]);
    store.close();
  });
});
