import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { channelMap, nameOfId, resolveName } from '../../../src/sites/snap/resolve.js';
import type { Store } from '../../../src/store/store.js';
import { HELLO_ID, NS, storeContext } from '../../helpers/snap-records.js';
import { LXD_ID, seededStore } from './fixtures.js';

let store: Store;
beforeEach(async () => {
  store = await seededStore();
});
afterEach(() => store.close());

async function resolve(name: string, want: Parameters<typeof resolveName>[3]) {
  const r = await resolveName(storeContext(store), NS, name, want);
  return r.kind === 'found' ? { revision: r.snap.revision, channel: r.effectiveChannel } : r.kind === 'not-available' ? { releases: r.releases } : r;
}

describe('resolving a request to a seeded revision', () => {
  it('a bare risk means the default track; a track alone means its stable', async () => {
    expect(await resolve('lxdish', { arch: 'amd64', channel: 'stable' })).toEqual({ revision: 100, channel: '5.21/stable' });
    expect(await resolve('lxdish', { arch: 'amd64' })).toEqual({ revision: 100, channel: '5.21/stable' });
    expect(await resolve('lxdish', { arch: 'amd64', channel: '5.21' })).toEqual({ revision: 100, channel: '5.21/stable' });
    expect(await resolve('hello-lhc', { arch: 'armhf', channel: 'stable' })).toEqual({ revision: 4, channel: 'latest/stable' });
  });

  it('falls back to more stable risks, and from a missing branch to its risk', async () => {
    expect(await resolve('lxdish', { arch: 'amd64', channel: 'beta' })).toEqual({ revision: 101, channel: '5.21/candidate' });
    expect(await resolve('lxdish', { arch: 'arm64', channel: '5.21/edge' })).toEqual({ revision: 100, channel: '5.21/stable' });
    expect(await resolve('lxdish', { arch: 'amd64', channel: '5.21/beta/hotfix' })).toEqual({ revision: 101, channel: '5.21/beta/hotfix' });
    expect(await resolve('lxdish', { arch: 'amd64', channel: '5.21/beta/other' })).toEqual({ revision: 101, channel: '5.21/candidate' });
  });

  it('a channel whose revision is not stored is not available (no quiet fallback past it); the releases say where it is', async () => {
    const r = await resolve('lxdish', { arch: 'amd64', channel: 'latest/edge' });
    expect(r).toEqual({ releases: [{ architecture: 'amd64', channel: '5.21/candidate' }, { architecture: 'amd64', channel: '5.21/stable' }, { architecture: 'arm64', channel: '5.21/stable' }] });
    expect(await resolve('lxdish', { arch: 'amd64', channel: 'latest/stable' })).toHaveProperty('releases');
    expect(await resolve('hello-lhc', { arch: 'amd64' })).toEqual({ releases: [{ architecture: 'armhf', channel: 'latest/stable' }] });
  });

  it('a revision pin needs that revision stored for the architecture', async () => {
    expect(await resolve('lxdish', { arch: 'amd64', revision: 101 })).toEqual({ revision: 101, channel: '5.21/candidate' });
    expect(await resolve('lxdish', { arch: 'arm64', revision: 101 })).toHaveProperty('releases');
    expect(await resolve('lxdish', { arch: 'amd64', revision: 102 })).toHaveProperty('releases');
  });

  it('an unknown name is unknown; snap-ids find their names; the channel map lists every architecture', async () => {
    expect(await resolve('nope', { arch: 'amd64' })).toEqual({ kind: 'unknown' });
    const ctx = storeContext(store);
    expect((await nameOfId(ctx, NS, LXD_ID))?.name).toBe('lxdish');
    expect((await nameOfId(ctx, NS, HELLO_ID))?.name).toBe('hello-lhc');
    expect(await nameOfId(ctx, NS, 'x'.repeat(32))).toBeUndefined();
    expect((await channelMap(ctx, NS, 'lxdish')).map((c) => `${c.arch} ${c.channel} ${c.revision}`)).toEqual(['amd64 5.21/beta/hotfix 101', 'amd64 5.21/candidate 101', 'amd64 5.21/stable 100', 'amd64 latest/edge 102', 'arm64 5.21/stable 100']);
  });
});
