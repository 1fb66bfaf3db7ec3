import { describe, expect, it } from 'vitest';
import { nameRecord } from '../../../src/sites/charm/catalog.js';
import { resolve } from '../../../src/sites/charm/resolve.js';
import { ALL, jammy, noble, putCharm } from '../../helpers/charm-records.js';
import { charmZip } from '../../helpers/fake-charmhub.js';
import { NS, seeded } from './fixtures.js';

const NA = { architecture: 'amd64', name: 'NA', channel: 'NA' };

describe('charm resolution', () => {
  it('by channel on a base, with the default track for a bare risk and closed risks falling back', async () => {
    const { ctx } = await seeded();
    const pg = (await nameRecord(ctx, NS, 'postgresql'))!;
    expect(await resolve(ctx, NS, pg, { channel: 'stable', base: jammy })).toMatchObject({ kind: 'found', rev: { revision: 468 }, effectiveChannel: '14/stable', releasedAt: '2025-03-04T10:11:12.000000+00:00' });
    expect(await resolve(ctx, NS, pg, { channel: '14/candidate', base: { ...jammy, channel: '22.04/stable' } })).toMatchObject({ kind: 'found', rev: { revision: 468 }, effectiveChannel: '14/stable' });
    expect(await resolve(ctx, NS, pg, { channel: '16/stable', base: noble })).toMatchObject({ rev: { revision: 500 }, resources: [{ name: 'pg-snap', revision: 13 }, { name: 'pg-image', revision: 3 }] });
    expect(await resolve(ctx, NS, pg, { channel: '16/stable', base: jammy })).toMatchObject({ rev: { revision: 470 }, resources: [{ name: 'pg-snap', revision: 12 }] });
  });
  it('an unknown base: invalid-charm-base with the channel bases of that architecture; none: revision-not-found', async () => {
    const { ctx } = await seeded();
    const pg = (await nameRecord(ctx, NS, 'postgresql'))!;
    expect(await resolve(ctx, NS, pg, { channel: '16/stable', base: NA })).toMatchObject({ kind: 'error', code: 'invalid-charm-base', extra: { 'default-bases': [noble, jammy] } });
    expect(await resolve(ctx, NS, pg, { channel: '14/stable', base: null })).toMatchObject({ code: 'invalid-charm-base', extra: { 'default-bases': [jammy] } });
    expect(await resolve(ctx, NS, pg, { channel: 'stable', base: { ...NA, architecture: 'arm64' } })).toMatchObject({ code: 'revision-not-found' });
    const miss = await resolve(ctx, NS, pg, { channel: '14/stable', base: noble });
    expect(miss).toMatchObject({ kind: 'error', code: 'revision-not-found' });
    expect(miss.kind === 'error' && miss.extra.releases).toHaveLength(4);
    expect(await resolve(ctx, NS, pg, { channel: 'x/y/z/w', base: jammy })).toMatchObject({ code: 'invalid-channel' });
  });
  it('an unknown base on a channel with nothing seeded is revision-not-found at once (Juju prints the releases), never bases of other channels', async () => {
    const { ctx } = await seeded();
    const pg = (await nameRecord(ctx, NS, 'postgresql'))!;
    // Juju would retry with a base of another channel, fail again and report only "resolving retry error".
    const miss = await resolve(ctx, NS, pg, { channel: '15/stable', base: NA });
    expect(miss).toMatchObject({ kind: 'error', code: 'revision-not-found' });
    expect(miss.kind === 'error' && miss.extra.releases).toHaveLength(4);
  });
  it('default-bases name the architecture asked for when a charm is released for `all` (Juju keeps only exact matches)', async () => {
    const { ctx, store } = await seeded();
    const anyArch = { architecture: 'all', name: 'ubuntu', channel: '22.04' };
    await putCharm(store, { type: 'charm', name: 'tiny', id: 'VGlueVRpbnlUaW55VGlueVRpbnlUaW55', defaultTrack: 'latest', revisions: [{ revision: 1, bases: [anyArch], blob: await charmZip('tiny', [anyArch]) }], resources: [], channels: [[anyArch, 'latest/stable', 1]] });
    const tiny = (await nameRecord(ctx, NS, 'tiny'))!;
    expect(await resolve(ctx, NS, tiny, { channel: 'stable', base: { ...NA, architecture: 'arm64' } })).toMatchObject({ code: 'invalid-charm-base', extra: { 'default-bases': [{ ...anyArch, architecture: 'arm64' }] } });
    expect(await resolve(ctx, NS, tiny, { channel: 'stable', base: { ...anyArch, architecture: 'arm64' } })).toMatchObject({ kind: 'found', rev: { revision: 1 }, effectiveChannel: 'latest/stable' });
    // releases spell the latest track as the client did (juju download matches the string exactly).
    const other = { architecture: 'amd64', name: 'ubuntu', channel: '24.04' };
    expect(await resolve(ctx, NS, tiny, { channel: 'stable', base: other })).toMatchObject({ code: 'revision-not-found', extra: { releases: [{ base: anyArch, channel: 'stable' }] } });
    expect(await resolve(ctx, NS, tiny, { channel: 'latest/stable', base: other })).toMatchObject({ code: 'revision-not-found', extra: { releases: [{ base: anyArch, channel: 'latest/stable' }] } });
    const pg = (await nameRecord(ctx, NS, 'postgresql'))!;
    const pgMiss = await resolve(ctx, NS, pg, { channel: 'stable', base: { ...other, channel: '20.04' } });
    expect(pgMiss.kind === 'error' && pgMiss.extra.releases).toContainEqual({ base: jammy, channel: '14/stable' });
  });
  it('by revision: no resources unless named; unknown revision is revision-not-found; bundles ignore bases', async () => {
    const { ctx } = await seeded();
    const pg = (await nameRecord(ctx, NS, 'postgresql'))!;
    expect(await resolve(ctx, NS, pg, { revision: 470, base: null })).toMatchObject({ kind: 'found', resources: [] });
    expect(await resolve(ctx, NS, pg, { revision: 470, base: null, resourceRevisions: [{ name: 'pg-snap', revision: 12 }] })).toMatchObject({ resources: [{ name: 'pg-snap', revision: 12 }] });
    expect(await resolve(ctx, NS, pg, { revision: 9, base: null })).toMatchObject({ code: 'revision-not-found' });
    const bundle = (await nameRecord(ctx, NS, 'pg-bundle'))!;
    expect(await resolve(ctx, NS, bundle, { channel: 'stable', base: NA })).toMatchObject({ kind: 'found', rev: { revision: 5, bases: [ALL] }, effectiveChannel: 'latest/stable' });
  });
});
