// Shared test data for snap site tests: a store with hello-lhc (the real fixture) and `lxdish`, a
// made-up snap with a default track, several revisions and architectures, and one revision whose
// blob is missing.
import type { Store } from '../../../src/store/store.js';
import { openStore } from '../../../src/store/store.js';
import { putHello, putSnap, storeContext, type TestSnap } from '../../helpers/snap-records.js';
import { tempDir } from '../../helpers/tmp.js';

export const LXD_ID = 'LxdishLxdishLxdishLxdishLxdish01';

export const lxdish: TestSnap = {
  name: 'lxdish',
  id: LXD_ID,
  defaultTrack: '5.21',
  summary: 'System container manager',
  revisions: [
    { revision: 100, architectures: ['amd64', 'arm64'], blob: Buffer.from('lxd blob r100') },
    { revision: 101, architectures: ['amd64'], blob: Buffer.from('lxd blob r101 longer') },
    { revision: 102, architectures: ['amd64'], blob: Buffer.from('lxd blob r102'), noBlob: true },
  ],
  channels: [
    ['amd64', '5.21/stable', 100],
    ['amd64', '5.21/candidate', 101],
    ['amd64', 'latest/edge', 102],
    ['arm64', '5.21/stable', 100],
    ['amd64', '5.21/beta/hotfix', 101],
  ],
};

export async function seededStore(): Promise<Store> {
  const store = openStore({ dataDir: tempDir(), watchIntervalMs: 0 });
  await putHello(store);
  await putSnap(store, lxdish);
  return store;
}

export { storeContext };
