import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { infoLocal } from '../../../src/sites/snap/info.js';
import type { Store } from '../../../src/store/store.js';
import { NS, storeContext } from '../../helpers/snap-records.js';
import { LXD_ID, seededStore } from './fixtures.js';

let store: Store;
beforeEach(async () => {
  store = await seededStore();
});
afterEach(() => store.close());

const info = async (name: string, arch?: string) => {
  const r = await infoLocal(storeContext(store), NS, 'https://api.snapcraft.io', name, arch);
  return { status: r.status, type: r.headers?.['content-type'], doc: JSON.parse(r.body.toString()) };
};

describe('GET /v2/snaps/info/NAME from the cache', () => {
  it('a channel-map of the seeded track/risk channels whose revisions are stored, default track stable first', async () => {
    const { status, type, doc } = await info('lxdish', 'amd64');
    expect([status, type]).toEqual([200, 'application/json']);
    expect(doc).toMatchObject({ name: 'lxdish', 'snap-id': LXD_ID, snap: { summary: 'System container manager', media: [] } });
    expect(doc['channel-map'].map((e: { channel: { name: string; track: string; risk: string }; revision: number }) => [e.channel.name, e.channel.track, e.channel.risk, e.revision])).toEqual([
      ['5.21/stable', '5.21', 'stable', 100],
      ['5.21/candidate', '5.21', 'candidate', 101],
    ]);
    expect(doc['channel-map'][0]).toMatchObject({ architectures: ['amd64', 'arm64'], download: { url: `https://api.snapcraft.io/api/v1/snaps/download/${LXD_ID}_100.snap`, deltas: [] }, channel: { architecture: 'amd64', 'released-at': '2024-01-02T00:00:00Z' } });
  });

  it('latest-track entries are named by their risk; no architecture given lists them all', async () => {
    expect((await info('hello-lhc', 'armhf')).doc['channel-map'][0].channel).toMatchObject({ name: 'stable', track: 'latest', risk: 'stable', architecture: 'armhf' });
    expect((await info('lxdish')).doc['channel-map']).toHaveLength(3);
  });

  it('unknown names, and names with nothing stored for the architecture, are the store 404', async () => {
    for (const [name, arch] of [['nope', 'amd64'], ['hello-lhc', 'amd64']] as const) {
      const r = await info(name, arch);
      expect(r.status).toBe(404);
      expect(r.doc['error-list'][0].code).toBe('resource-not-found');
    }
  });
});
