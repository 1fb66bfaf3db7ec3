import { describe, expect, it } from 'vitest';
import { storeCounts } from '../../src/ops/store-counts.js';
import { openStore } from '../../src/store/store.js';
import { tempDir } from '../helpers/tmp.js';
import { seedSuite } from './fixtures.js';

describe('storeCounts', () => {
  it('counts per namespace and imports, and recounts after a commit', async () => {
    const store = openStore({ dataDir: tempDir(), watchIntervalMs: 0 });
    const counts = storeCounts(store);
    expect(await counts.get()).toEqual({ namespaces: [], imports: 0, lastImportAt: undefined });
    store.commitImport([], { id: 'b1', importedAt: 1234, info: {} });
    await seedSuite(store);
    // A commit marks the counts dirty; they are recomputed once they are 5 s old.
    expect((await counts.get()).imports).toBe(0);
    store.close();
    const fresh = storeCounts(openStore({ dataDir: store.dataDir, watchIntervalMs: 0 }));
    expect(await fresh.get()).toEqual({ namespaces: [{ ns: 'ubuntu-archive', objects: 4, bytes: expect.any(Number) }], imports: 1, lastImportAt: 1234 });
  });
});
