import { createReadStream } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log.js';
import { importBundle } from '../../src/seed/importer.js';
import { cacheStatus } from '../../src/seed/status.js';
import { openStore } from '../../src/store/store.js';
import { makeBundle } from '../helpers/bundles.js';
import { tempDir } from '../helpers/tmp.js';

describe('cacheStatus', () => {
  it('an empty cache has no namespaces and no imports', () => {
    const store = openStore({ dataDir: tempDir(), watchIntervalMs: 0 });
    expect(cacheStatus(store)).toEqual({ namespaces: [], lastImport: undefined, imports: [] });
    store.close();
  });

  it('counts per namespace, and tells for each import whether what it asked for is all there', async () => {
    const store = openStore({ dataDir: tempDir(), watchIntervalMs: 0 });
    const { file, written } = await makeBundle([{ path: '/a', body: 'aa' }, { ns: 'ubuntu-archive', path: '/b', body: 'bbb' }]);
    await importBundle({ store, source: createReadStream(file), name: 'first.bundle', log: silentLogger() });
    let s = cacheStatus(store);
    expect(s.namespaces).toEqual([
      { ns: 'maas-images', objects: 1, bytes: 2 },
      { ns: 'ubuntu-archive', objects: 1, bytes: 3 },
    ]);
    expect(s.lastImport).toMatchObject({ bundleId: written.id, bundle: 'first.bundle', kind: 'seed', complete: true });
    expect(s.lastImport!.requested).toEqual([
      { section: 'urls', item: 'http://images.maas.io/a', objects: 1, present: 1 },
      { section: 'urls', item: 'http://images.maas.io/b', objects: 1, present: 1 },
    ]);
    store.remove('ubuntu-archive', '/b');
    s = cacheStatus(store);
    expect(s.lastImport).toMatchObject({ complete: false });
    expect(s.lastImport!.requested[1]).toMatchObject({ present: 0 });
    store.close();
  });
});
