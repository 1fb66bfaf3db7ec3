import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { snapsStatus } from '../../../src/seed/snap/status.js';
import { openStore, type Store } from '../../../src/store/store.js';
import { putHello, putSnap } from '../../helpers/snap-records.js';
import { tempDir } from '../../helpers/tmp.js';

let store: Store;
beforeEach(() => {
  store = openStore({ dataDir: tempDir(), watchIntervalMs: 0 });
});
afterEach(() => store.close());

describe('snaps status', () => {
  it('lists each channel with revision, version and architectures; complete needs the blob and its snap-revision', async () => {
    await putHello(store);
    await putSnap(store, { name: 'demo', id: 'D'.repeat(32), revisions: [{ revision: 3, architectures: ['amd64', 'arm64'], blob: Buffer.from('x'), version: '2.0' }], channels: [['amd64', 'latest/stable', 3], ['arm64', 'latest/stable', 3], ['amd64', 'latest/edge', 9]] });
    expect(await snapsStatus(store, new Set(['snap-store', 'empty']))).toEqual([{ ns: 'snap-store', snaps: [
      { name: 'demo', channel: 'latest/edge', revision: 9, version: '-', architectures: ['amd64'], complete: false },
      { name: 'demo', channel: 'latest/stable', revision: 3, version: '2.0', architectures: ['amd64', 'arm64'], complete: false },
      { name: 'hello-lhc', channel: 'latest/stable', revision: 4, version: '1.0', architectures: ['armhf'], complete: true },
    ] }]);
  });
});
