import { afterEach, describe, expect, it } from 'vitest';
import { seedSnap } from '../../../src/seed/snap/snap-seed.js';
import { StoreClient } from '../../../src/seed/snap/store-client.js';
import { fakeSectionContext } from '../../helpers/fake-section-context.js';
import { tempDir } from '../../helpers/tmp.js';
import { DEMO_ID, fakeStore } from './fake-store-fixture.js';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

async function setup() {
  const { store } = fakeStore();
  const port = await store.listen();
  closers.push(() => store.close());
  const ctx = fakeSectionContext(port, tempDir());
  return { store, ctx, client: new StoreClient(ctx.api!, 'https://api.snapcraft.io') };
}

describe('seeding one snap on one architecture', () => {
  it('blob and assertions as objects; channel map of that architecture; the default track from a bare request', async () => {
    const { ctx, client, store } = await setup();
    const s = await seedSnap(client, ctx, { name: 'demo', channel: '2/edge' }, 'amd64', 'snaps[0]');
    expect(s.rev).toMatchObject({ name: 'demo', revision: 12 });
    expect(s.objects.map((o) => o.path)[0]).toBe(`/api/v1/snaps/download/${DEMO_ID}_12.snap`);
    expect(s.objects).toHaveLength(5);
    expect(s.channels.map((c) => `${c.channel}=${c.revision}`).sort()).toEqual(['1/stable=5', '2/edge=12', '2/stable=10']);
    expect(s.defaultTrack).toBe('2');
    expect(s.info).toMatchObject({ summary: 'A demo' });
    expect(JSON.parse(store.requests[0]!.body).actions).toEqual([
      { action: 'download', 'instance-key': 'download-1', name: 'demo', channel: '2/edge', epoch: null },
      { action: 'download', 'instance-key': 'download-2', name: 'demo', epoch: null },
    ]);
    expect(ctx.fetched).toEqual([`https://api.snapcraft.io/api/v1/snaps/download/${DEMO_ID}_12.snap`]);
  });

  it('a store answer without the fields a record needs is refused', async () => {
    const { ctx } = await setup();
    const broken = new StoreClient(async () => ({ status: 200, headers: {}, body: Buffer.from(JSON.stringify({ results: [{ 'instance-key': 'download-1', result: 'download', snap: { name: 'demo' } }] })) }), 'https://api.snapcraft.io');
    await expect(seedSnap(broken, ctx, { name: 'demo' }, 'amd64', 'snaps[0]')).rejects.toThrow(/snaps\[0\]: the store's answer for demo \(amd64\) lacks/);
  });
});
