import { describe, expect, it } from 'vitest';
import { aptSuites } from '../../src/ops/apt-suites.js';
import { putBytes } from '../../src/store/put-bytes.js';
import { openStore } from '../../src/store/store.js';
import { tempDir } from '../helpers/tmp.js';
import { seedSuite, SNAPSHOT } from './fixtures.js';

describe('aptSuites', () => {
  it('lists each stored suite with its snapshot date and the indices stored for that snapshot', async () => {
    const store = openStore({ dataDir: tempDir(), watchIntervalMs: 0 });
    await seedSuite(store);
    await seedSuite(store, 'ubuntu-ports', '/ubuntu-ports', 'jammy');
    await seedSuite(store, 'maas-images', '/x', 'noble');
    await seedSuite(store, 'ubuntu-archive', '/ubuntu', 'noble-updates');
    await putBytes(store, [{ ns: 'ubuntu-archive', path: '/broken/dists/odd/InRelease', bytes: Buffer.from('not signed'), contentType: 'text/plain', source: 'fill' }]);
    const suites = await aptSuites(store, new Set(['ubuntu-archive', 'ubuntu-ports']));
    expect(suites.map(({ storedAt, ...s }) => (expect(storedAt).toBeGreaterThan(0), s))).toEqual([
      { ns: 'ubuntu-archive', root: '/broken', suite: 'odd', snapshot: undefined, components: [], architectures: [], problem: 'not a clear-signed InRelease' },
      { ns: 'ubuntu-archive', root: '/ubuntu', suite: 'noble', snapshot: SNAPSHOT, components: ['main', 'universe'], architectures: ['amd64', 'arm64'] },
      { ns: 'ubuntu-archive', root: '/ubuntu', suite: 'noble-updates', snapshot: SNAPSHOT, components: ['main', 'universe'], architectures: ['amd64', 'arm64'] },
      { ns: 'ubuntu-ports', root: '/ubuntu-ports', suite: 'jammy', snapshot: SNAPSHOT, components: ['main', 'universe'], architectures: ['amd64', 'arm64'] },
    ]);
    store.close();
  });

  it('counts an index stored with other bytes than the Release lists as not seeded', async () => {
    const store = openStore({ dataDir: tempDir(), watchIntervalMs: 0 });
    await seedSuite(store);
    store.remove('ubuntu-archive', '/ubuntu/dists/noble/main/binary-amd64/Packages.xz');
    const [s] = await aptSuites(store, new Set(['ubuntu-archive']));
    expect([s!.components, s!.architectures]).toEqual([['universe'], ['arm64']]);
    store.close();
  });
});
